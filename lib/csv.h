/* RFC 4180 CSV: a strict record reader and a field quoter. */
#ifndef WMS_CSV_H
#define WMS_CSV_H

#include <stddef.h>

#include "lib/err.h"

/* Longest field in bytes, and most fields in one record. */
#define WMS_CSV_FIELD_MAX	65536
#define WMS_CSV_FIELDS_MAX	256
/*
 * Limits of a whole input, so that no read is unbounded (a CSV given as
 * /dev/zero is refused at the first): bytes of a file, bytes of one
 * record, lines.
 */
#define WMS_CSV_FILE_MAX	(64 * 1024 * 1024)
#define WMS_CSV_RECORD_MAX	(1024 * 1024)
#define WMS_CSV_LINES_MAX	1000000

struct wms_csv;

/*
 * Open the file at path for reading records.  Returns NULL and fills err
 * (WMS_ERR_IO, naming the file and the system's reason) on failure, or
 * WMS_ERR_INVALID naming the limit for a file over WMS_CSV_FILE_MAX bytes
 * (only that much is ever read).  Close
 * the reader with wms_csv_close().
 */
struct wms_csv	*wms_csv_open(const char *path, struct wms_err *err);

/* Read records from a copy of the len bytes at buf.  Never fails. */
struct wms_csv	*wms_csv_open_mem(const char *buf, size_t len);

/* Free the reader and its fields.  Accepts NULL. */
void		 wms_csv_close(struct wms_csv *csv);

/*
 * Read the next record.  Returns 1 when a record was read, 0 at the end of
 * the input, or WMS_ERR_INVALID with err naming the line ("line 4:
 * unterminated quoted field") for a malformed record: bad quoting, invalid
 * UTF-8 or a NUL byte, a carriage return not followed by a line feed, a
 * field over WMS_CSV_FIELD_MAX bytes, more than WMS_CSV_FIELDS_MAX fields,
 * a record over WMS_CSV_RECORD_MAX bytes, a line past WMS_CSV_LINES_MAX.
 * After an error every later call returns the same error.  A UTF-8 BOM at
 * the start and empty lines are skipped; fields are not trimmed.
 */
int		 wms_csv_next(struct wms_csv *csv, struct wms_err *err);

/* Number of fields in the current record (0 before the first one). */
size_t		 wms_csv_nfields(const struct wms_csv *csv);

/*
 * Field i of the current record, or NULL when i is out of range.  The string
 * belongs to the reader and is valid until the next wms_csv_next().
 */
const char	*wms_csv_field(const struct wms_csv *csv, size_t i);

/* The 1-based line where the current record starts (0 before the first). */
int		 wms_csv_lineno(const struct wms_csv *csv);

/*
 * Read the first record as a header.  For each of the nnames names set
 * index[k] to the column holding names[k] (compared without ASCII case and
 * surrounding blanks) or to -1 when there is none.  required is a
 * NULL-terminated list of names that must be present, or NULL.  Returns 0,
 * a wms_csv_next() error, or WMS_ERR_INVALID naming the line when the input
 * is empty, a column is empty, unknown or repeated, or a required one is
 * missing.  From then on wms_csv_next() refuses a record whose number of
 * fields differs from the header's, naming its line.
 */
int		 wms_csv_header(struct wms_csv *csv, const char *const *names,
		    int *index, size_t nnames, const char *const *required,
		    struct wms_err *err);

/*
 * Return a new string (the caller frees it) holding field as one CSV field:
 * quoted, with quotes doubled, only when it holds a comma, quote, CR or LF
 * or begins or ends with a space or tab.  NULL gives an empty string.
 */
char		*wms_csv_quote(const char *field);

#endif
