/*
 * libFuzzer harness for lib/csv.c as the documents (--lines) and the item
 * import read it: a header of known columns, then records whose numbers
 * are parsed as the commands parse them.  Every field read is valid UTF-8
 * without NUL, within the limits, and the record quoted and read again
 * gives the same fields.
 */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/qty.h"
#include "lib/csv.h"
#include "lib/err.h"
#include "lib/text.h"
#include "lib/xmalloc.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const char *const doc_cols[] = { "item", "qty", "unit", "lot",
    "expiry", "serial", "cost" };
static const char *const doc_req[] = { "item", "qty", NULL };
static const char *const item_cols[] = { "code", "name_ar", "name_en",
    "category", "uom", "tracking", "weighed", "min", "max", "shelf_life",
    "barcodes" };
static const char *const item_req[] = { "code", "name_ar", "name_en", "uom",
    NULL };

/* The current record quoted and read back gives the same fields. */
static void
round_trip(struct wms_csv *csv)
{
	struct wms_csv	*again;
	struct wms_err	 err;
	size_t		 i, n = wms_csv_nfields(csv), len = 0, flen;
	char		*line = NULL, *q;

	/* One empty field is an empty line, and empty lines are skipped. */
	if (n == 1 && wms_csv_field(csv, 0)[0] == '\0')
		return;
	/* A BOM at the start of the text is skipped too. */
	if (strncmp(wms_csv_field(csv, 0), "\xef\xbb\xbf", 3) == 0)
		return;
	for (i = 0; i < n; i++) {
		q = wms_csv_quote(wms_csv_field(csv, i));
		flen = strlen(q);
		line = xrealloc(line, len + flen + 2);
		memcpy(line + len, q, flen);
		len += flen;
		line[len++] = i + 1 < n ? ',' : '\n';
		free(q);
	}
	again = wms_csv_open_mem(line, len);
	assert(wms_csv_next(again, &err) == 1);
	assert(wms_csv_nfields(again) == n);
	for (i = 0; i < n; i++)
		assert(strcmp(wms_csv_field(again, i),
		    wms_csv_field(csv, i)) == 0);
	assert(wms_csv_next(again, &err) == 0);
	wms_csv_close(again);
	free(line);
}

static void
fields_ok(struct wms_csv *csv)
{
	const char	*f;
	size_t		 i, n = wms_csv_nfields(csv), len;

	assert(n >= 1 && n <= WMS_CSV_FIELDS_MAX);
	assert(wms_csv_lineno(csv) >= 1);
	for (i = 0; i < n; i++) {
		f = wms_csv_field(csv, i);
		assert(f != NULL);
		len = strlen(f);
		assert(len <= WMS_CSV_FIELD_MAX);
		assert(wms_utf8_valid(f, len));
	}
	assert(wms_csv_field(csv, n) == NULL);
}

static void
read_doc(const uint8_t *data, size_t size, int items)
{
	struct wms_csv	*csv;
	struct wms_err	 err;
	int		 idx[11], rc, k, ncols = items ? 11 : 7, records = 0;
	int64_t		 v;
	const char	*f;

	csv = wms_csv_open_mem((const char *)data, size);
	rc = wms_csv_header(csv, items ? item_cols : doc_cols, idx,
	    (size_t)ncols, items ? item_req : doc_req, &err);
	if (rc != 0) {
		assert(rc == WMS_ERR_INVALID && err.msg[0] != '\0');
		wms_csv_close(csv);
		return;
	}
	assert(idx[0] >= 0 && idx[1] >= 0);
	while ((rc = wms_csv_next(csv, &err)) == 1) {
		fields_ok(csv);
		round_trip(csv);
		records++;
		for (k = 0; k < ncols; k++) {
			if (idx[k] < 0)
				continue;
			f = wms_csv_field(csv, (size_t)idx[k]);
			assert(f != NULL);
			if (!items && k == 1)
				(void)wms_qty_parse(f, 0, &v, &err);
			else if (!items && k == 6)
				(void)wms_money_parse(f, 2, &v, &err);
			else if (!items && k == 4)
				(void)wms_date_valid(f);
			else if (items && (k == 7 || k == 8))
				(void)wms_qty_parse(f, WMS_QTY_ZERO, &v, &err);
		}
	}
	assert(rc == 0 || (rc == WMS_ERR_INVALID && err.msg[0] != '\0'));
	/* After an error, the same error again. */
	if (rc != 0)
		assert(wms_csv_next(csv, &err) == rc);
	wms_csv_close(csv);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct wms_csv	*csv;
	struct wms_err	 err;
	int		 rc;

	/* Plain records, no header. */
	csv = wms_csv_open_mem((const char *)data, size);
	while ((rc = wms_csv_next(csv, &err)) == 1) {
		fields_ok(csv);
		round_trip(csv);
	}
	assert(rc == 0 || (rc == WMS_ERR_INVALID && err.msg[0] != '\0'));
	wms_csv_close(csv);
	read_doc(data, size, 0);
	read_doc(data, size, 1);
	return 0;
}
