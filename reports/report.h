/*
 * Reports: a table of typed cells, rendered as a text table, CSV or JSON.
 *
 * The seam.  Each report is defined once, here in reports/: its columns
 * (key, title, type), its permission, and what it works out from the rows
 * (the stock card's running balance).  Its rows come from the functions of
 * data/db-report.h: a typed struct per row, handed to a callback one at a
 * time, with no SQLite type and no result set held by the store (a stock
 * card of two million movements streams, row by row).  Those functions
 * and their structs are the whole of what a report needs from a store: the
 * centre's PostgreSQL store (central/) serves the same queries into the
 * same structs, and these definitions render its reports unchanged.
 */
#ifndef REPORT_H
#define REPORT_H

#include <stddef.h>
#include <stdint.h>

#include "lib/err.h"

struct wms;

enum report_format {
	REPORT_TABLE,
	REPORT_CSV,
	REPORT_JSON,
};

enum report_type {
	REPORT_STR,		/* text; JSON string */
	REPORT_QTY,		/* thousandths; JSON number with up to 3 decimals */
	REPORT_INT,		/* integer */
	REPORT_MONEY,		/* minor units; JSON number */
	REPORT_BOOL,
	REPORT_TIME,		/* a stored UTC time (text): the table shows
				   it in local time, CSV and JSON in ISO 8601
				   with the zone's offset */
};

/* For report_add(): what a row struct holds at a column's offset. */
enum report_field {
	REPORT_FIELD_TYPED,	/* a const char * (REPORT_STR), else int64_t */
	REPORT_FIELD_CHARS,	/* a char array (REPORT_STR) */
	REPORT_FIELD_INT,	/* an int */
};

struct report_col {
	const char		*key;	/* stable JSON field name and CSV header */
	const char		*title;	/* the table header, translated */
	enum report_type	 type;
	size_t			 off;	/* for report_add(): the cell's place
					   in a row struct (offsetof) */
	enum report_field	 field;	/* for report_add(): what is there */
};

struct report;

struct report	*report_new(const struct report_col *, int ncols);
void		 report_free(struct report *);
/* Start a new row; cells default to null. */
void		 report_row(struct report *);
/* Set a cell of the current row; NULL text is null. */
void		 report_str(struct report *, int col, const char *);
void		 report_num(struct report *, int col, int64_t);
/*
 * Add a row whose cells are the fields of row at the columns' offsets: a
 * const char * (NULL is null) for REPORT_STR, an int64_t for the others,
 * unless the column's field says a char array or an int.  For reports
 * whose rows are a store's typed structs, column for field.
 */
void		 report_add(struct report *, const void *row);
/* Set the currency decimals used for REPORT_MONEY cells. */
void		 report_set_minor(struct report *, int minor);
size_t		 report_nrows(const struct report *);
/*
 * Render to a new string.  The table right-aligns numbers and measures
 * text by display width (Arabic marks take no column).  CSV has a header
 * row of keys; JSON is an array of objects with the keys.
 */
char		*report_render(const struct report *, enum report_format);
/*
 * Add a totals row: label in column label_col, and in each column of cols
 * (-1-ended) the sum of the rows above.  The table and CSV show it last;
 * report_is_total() tells it from the others.
 */
void		 report_add_total(struct report *, int label_col,
		    const char *label, const int *cols);
/* Whether row is the totals row. */
int		 report_is_total(const struct report *, size_t row);
/* Make every cell of column col null (a value the user may not see). */
void		 report_clear_col(struct report *, int col);
/* Set a cell of an earlier row. */
void		 report_set_str(struct report *, size_t row, int col,
		    const char *);
void		 report_set_num(struct report *, size_t row, int col, int64_t);
/* Make the cell of row and col null. */
void		 report_clear_col_row(struct report *, int col, size_t row);
/*
 * The rows but the totals row as a JSON array of objects, and the totals
 * row as an object (or "null"), each a new string.
 */
char		*report_render_json_rows(const struct report *, int totals);
/* Parse "table", "csv", "json"; -1 when unknown. */
int		 report_format_parse(const char *);

/* Whether cells of type t are text (a string, a time). */
int		 report_is_text(enum report_type t);
int		 report_ncols(const struct report *);
/* The untranslated title of a column (pass it through _()). */
const char	*report_title(const struct report *, int col);
enum report_type report_col_type(const struct report *, int col);

/*
 * Make a report: check that the user may read, then a report of cols
 * that fill fills, a row at a time (report_row, report_str, report_num),
 * from the store.  *out gets it, or NULL when anything failed.
 */
int	report_make(struct wms *, const struct report_col *cols, int ncols,
	    int (*fill)(struct wms *, struct report *, void *arg,
	    struct wms_err *), void *arg, struct report **out,
	    struct wms_err *err);

/* The stock on hand: filters may be NULL. */
int	report_stock(struct wms *, const char *depot, const char *prefix,
	    const char *item, struct report **out, struct wms_err *err);
/* The stock card of an item with a running balance, for one depot or all. */
int	report_ledger(struct wms *, const char *item, const char *depot,
	    struct report **out, struct wms_err *err);
/* Transfers, all or only those with stock still in transit. */
int	report_transfers(struct wms *, int pending, struct report **out,
	    struct wms_err *err);
/* The last n audit entries, newest first. */
int	report_audit(struct wms *, int n, struct report **out,
	    struct wms_err *err);

/* Documents written since a UTC time ("2026-11-26T00:00:00"). */
int	report_count_since(struct wms *, const char *since, int64_t *n,
	    struct wms_err *err);
/* Items whose stock at real locations is below their minimum. */
int	report_below_min(struct wms *, struct report **out,
	    struct wms_err *err);
/* Lots in stock that expire on or before a date (YYYY-MM-DD). */
int	report_expiring(struct wms *, const char *until, struct report **out,
	    struct wms_err *err);
/*
 * Compare the cells of rows a and b in column col: numbers by value, text
 * by bytes, a null before anything.  <0, 0 or >0, as for qsort.
 */
int		 report_cell_cmp(const struct report *, size_t a, size_t b,
		    int col);
/*
 * A new report with the same columns holding copies of n rows of r, in
 * the order given (a sorted or filtered view, to render or export).
 */
struct report	*report_pick(const struct report *r, const size_t *rows,
		    size_t n);
/* The text of a cell, "" for null; a quantity or number formatted. */
const char *report_cell_text(const struct report *, size_t row, int col,
	    char *buf, size_t len);
/*
 * The number in a cell of a REPORT_QTY, INT, MONEY or BOOL column: 1 and
 * *v, or 0 for null and for text (the PDF's totals and charts).
 */
int		 report_cell_num(const struct report *, size_t row, int col,
		    int64_t *v);
/* The stable key of a column ("qty"), as CSV and JSON name it. */
const char	*report_key(const struct report *, int col);

#endif
