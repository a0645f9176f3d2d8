/* Reports: a table of typed cells, rendered as a text table, CSV or JSON. */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/qty.h"
#include "core/wms.h"
#include "lib/buf.h"
#include "lib/csv.h"
#include "lib/i18n.h"
#include "lib/json.h"
#include "lib/text.h"
#include "lib/time.h"
#include "lib/xmalloc.h"
#include "reports/report.h"

/* A cell: text or a number, by its column's type (16 bytes, not 24). */
struct report_cell {
	union {
		char	*s;
		int64_t	 v;
	};
	int	 set;
};

struct report {
	const struct report_col	*cols;
	int			 ncols;
	/*
	 * The cells, nrows x ncols, in chunks of REPORT_CHUNK rows that
	 * never move: a report that grows is not copied as it grows.
	 */
	struct report_cell	**chunks;
	size_t			 nchunks;
	size_t			 nrows;
	size_t			 total_row;	/* its index + 1; 0: none */
	int			 minor;
	/*
	 * The cells' text, in blocks that never move: a report of 40,000
	 * rows is not 400,000 mallocs and frees.  A cell set again leaves
	 * its old text in the block until the report is freed.
	 */
	char			**blocks;
	size_t			 nblocks;
	char			*next;		/* the free part of the last one */
	size_t			 left;		/* its bytes */
};

#define REPORT_BLOCK	65536
#define REPORT_CHUNK	1024	/* rows; a power of two */

/* A copy of s in r's blocks. */
static char *
report_keep(struct report *r, const char *s)
{
	size_t	 n = strlen(s) + 1;
	char	*p;

	if (n > r->left) {
		r->blocks = xreallocarray(r->blocks, r->nblocks + 1,
		    sizeof *r->blocks);
		r->left = n > REPORT_BLOCK ? n : REPORT_BLOCK;
		r->blocks[r->nblocks++] = r->next = xmalloc(r->left);
	}
	p = r->next;
	memcpy(p, s, n);
	r->next += n;
	r->left -= n;
	return p;
}

int
report_is_text(enum report_type t)
{
	return t == REPORT_STR || t == REPORT_TIME;
}

struct report *
report_new(const struct report_col *cols, int ncols)
{
	struct report *r;

	r = xcalloc(1, sizeof *r);
	r->cols = cols;
	r->ncols = ncols;
	r->minor = 2;
	return r;
}

int
report_make(struct wms *w, const struct report_col *cols, int ncols,
    int (*fill)(struct wms *, struct report *, void *, struct wms_err *),
    void *arg, struct report **out, struct wms_err *err)
{
	struct report	*r;
	int		 rc;

	*out = NULL;
	if ((rc = wms_require(w, WMS_PERM_READ, err)) != 0)
		return rc;
	r = report_new(cols, ncols);
	if ((rc = fill(w, r, arg, err)) != 0) {
		report_free(r);
		return rc;
	}
	*out = r;
	return 0;
}

void
report_free(struct report *r)
{
	size_t i;

	if (r == NULL)
		return;
	for (i = 0; i < r->nblocks; i++)
		free(r->blocks[i]);
	free(r->blocks);
	for (i = 0; i < r->nchunks; i++)
		free(r->chunks[i]);
	free(r->chunks);
	free(r);
}

void
report_set_minor(struct report *r, int minor)
{
	r->minor = minor;
}

void
report_row(struct report *r)
{
	/* A new chunk, its cells cleared; the row's cells are cleared. */
	if (r->nrows == r->nchunks * REPORT_CHUNK) {
		r->chunks = xreallocarray(r->chunks, r->nchunks + 1,
		    sizeof *r->chunks);
		r->chunks[r->nchunks++] = xcalloc(REPORT_CHUNK *
		    (size_t)r->ncols, sizeof **r->chunks);
	}
	r->nrows++;
}

static struct report_cell *
report_cell(const struct report *r, size_t row, int col)
{
	return &r->chunks[row / REPORT_CHUNK][row % REPORT_CHUNK *
	    (size_t)r->ncols + (size_t)col];
}

void
report_str(struct report *r, int col, const char *s)
{
	struct report_cell *c = report_cell(r, r->nrows - 1, col);

	c->s = s != NULL ? report_keep(r, s) : NULL;
	c->set = s != NULL;
}

void
report_num(struct report *r, int col, int64_t v)
{
	struct report_cell *c = report_cell(r, r->nrows - 1, col);

	c->v = v;
	c->set = 1;
}

void
report_add(struct report *r, const void *row)
{
	const char	*p = row;
	const char	*s;
	int64_t		 v;
	int		 c, i;

	report_row(r);
	for (c = 0; c < r->ncols; c++) {
		/* memcpy: the field's type is the column's, not char. */
		if (r->cols[c].field == REPORT_FIELD_CHARS)
			report_str(r, c, p + r->cols[c].off);
		else if (r->cols[c].field == REPORT_FIELD_INT) {
			memcpy(&i, p + r->cols[c].off, sizeof i);
			report_num(r, c, i);
		} else if (report_is_text(r->cols[c].type)) {
			memcpy(&s, p + r->cols[c].off, sizeof s);
			report_str(r, c, s);
		} else {
			memcpy(&v, p + r->cols[c].off, sizeof v);
			report_num(r, c, v);
		}
	}
}

int
report_ncols(const struct report *r)
{
	return r->ncols;
}

const char *
report_title(const struct report *r, int col)
{
	return r->cols[col].title;
}

enum report_type
report_col_type(const struct report *r, int col)
{
	return r->cols[col].type;
}

size_t
report_nrows(const struct report *r)
{
	return r->nrows;
}

int
report_format_parse(const char *s)
{
	if (s == NULL || strcmp(s, "table") == 0)
		return REPORT_TABLE;
	if (strcmp(s, "csv") == 0)
		return REPORT_CSV;
	if (strcmp(s, "json") == 0)
		return REPORT_JSON;
	return -1;
}

/* A cell as text for the table and CSV; "" for null. */
static void
report_text_as(const struct report *r, const struct report_cell *c,
    enum report_type t, int local, char *buf, size_t len)
{
	*buf = '\0';
	if (!c->set)
		return;
	switch (t) {
	case REPORT_STR:
		snprintf(buf, len, "%s", c->s);
		break;
	case REPORT_TIME:
		if (local)
			wms_time_local(c->s, buf, len);
		else
			wms_time_offset(c->s, buf, len);
		break;
	case REPORT_QTY:
		wms_qty_fmt(c->v, buf, len);
		break;
	case REPORT_INT:
		snprintf(buf, len, "%lld", (long long)c->v);
		break;
	case REPORT_MONEY:
		wms_money_fmt(c->v, r->minor, buf, len);
		break;
	case REPORT_BOOL:
		snprintf(buf, len, "%s", c->v ? "true" : "false");
		break;
	}
}

/* A cell as the table shows it: times in local time. */
static void
report_text(const struct report *r, const struct report_cell *c,
    enum report_type t, char *buf, size_t len)
{
	report_text_as(r, c, t, 1, buf, len);
}

const char *
report_cell_text(const struct report *r, size_t row, int col, char *buf,
    size_t len)
{
	if (row >= r->nrows || col < 0 || col >= r->ncols) {
		*buf = '\0';
		return buf;
	}
	report_text(r, report_cell(r, row, col), r->cols[col].type, buf, len);
	return buf;
}

int
report_cell_num(const struct report *r, size_t row, int col, int64_t *v)
{
	const struct report_cell *c;

	if (row >= r->nrows || col < 0 || col >= r->ncols ||
	    report_is_text(r->cols[col].type))
		return 0;
	c = report_cell(r, row, col);
	if (!c->set)
		return 0;
	*v = c->v;
	return 1;
}

const char *
report_key(const struct report *r, int col)
{
	return r->cols[col].key;
}

int
report_cell_cmp(const struct report *r, size_t a, size_t b, int col)
{
	const struct report_cell *x = report_cell(r, a, col);
	const struct report_cell *y = report_cell(r, b, col);

	if (!x->set || !y->set)
		return x->set - y->set;
	if (report_is_text(r->cols[col].type))
		return strcmp(x->s, y->s);
	return (x->v > y->v) - (x->v < y->v);
}

struct report *
report_pick(const struct report *r, const size_t *rows, size_t n)
{
	struct report			*p;
	const struct report_cell	*c;
	size_t				 i;
	int				 k;

	p = report_new(r->cols, r->ncols);
	p->minor = r->minor;
	for (i = 0; i < n; i++) {
		assert(rows[i] < r->nrows);
		report_row(p);
		for (k = 0; k < r->ncols; k++) {
			c = report_cell(r, rows[i], k);
			if (!c->set)
				continue;
			if (report_is_text(r->cols[k].type))
				report_str(p, k, c->s);
			else
				report_num(p, k, c->v);
		}
	}
	return p;
}

/* n spaces. */
static void
render_pad(struct wms_buf *b, size_t n)
{
	while (n-- > 0)
		wms_buf_addc(b, ' ');
}

/*
 * A cell as the table shows it: a time column's stored UTC time (the key
 * "at" or ending in "_at") in the display zone, to the minute
 * (lib/time.h); CSV and JSON keep the stored ISO 8601 form.
 */
static void
render_table_text(const struct report *r, size_t row, int c, char *buf,
    size_t len)
{
	const char	*key = r->cols[c].key;
	size_t		 k = strlen(key);
	char		 t[64];

	report_text(r, report_cell(r, row, c), r->cols[c].type, buf, len);
	if (r->cols[c].type != REPORT_STR || *buf == '\0' ||
	    !(strcmp(key, "at") == 0 || (k > 3 && strcmp(key + k - 3,
	    "_at") == 0)))
		return;
	wms_time_local(buf, t, sizeof t);
	snprintf(buf, len, "%s", t);
}

static char *
render_table(const struct report *r)
{
	struct wms_buf	 b = { 0 };
	size_t		*w, row, n;
	char		 buf[1024];
	int		 c, right;

	w = xcalloc((size_t)r->ncols, sizeof *w);
	for (c = 0; c < r->ncols; c++)
		w[c] = wms_text_width(_(r->cols[c].title));
	for (row = 0; row < r->nrows; row++) {
		for (c = 0; c < r->ncols; c++) {
			render_table_text(r, row, c, buf, sizeof buf);
			n = wms_text_width(buf);
			if (n > w[c])
				w[c] = n;
		}
	}
	for (row = 0; row <= r->nrows; row++) {
		for (c = 0; c < r->ncols; c++) {
			if (row == 0)
				snprintf(buf, sizeof buf, "%s",
				    _(r->cols[c].title));
			else
				render_table_text(r, row - 1, c, buf,
				    sizeof buf);
			right = !report_is_text(r->cols[c].type) &&
			    r->cols[c].type != REPORT_BOOL;
			n = wms_text_width(buf);
			if (c > 0)
				wms_buf_adds(&b, "  ");
			if (right)
				render_pad(&b, w[c] - n);
			wms_buf_adds(&b, buf);
			if (!right && c + 1 < r->ncols)
				render_pad(&b, w[c] - n);
		}
		wms_buf_addc(&b, '\n');
	}
	free(w);
	return wms_buf_steal(&b);
}

/*
 * The CSV writer's own number formats: wms_qty_fmt's and wms_money_fmt's
 * texts without snprintf, which took a third of the time of a report of
 * 40,000 rows (tests/test-report-logic.c holds them to the same texts).
 * Each writes at out, 32 bytes at least, and returns the length.
 */
static size_t
csv_digits(char *out, uint64_t v, int min)
{
	char	tmp[24];
	size_t	n = 0, k;

	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0 || (int)n < min);
	for (k = 0; k < n; k++)
		out[k] = tmp[n - 1 - k];
	return n;
}

static size_t
csv_qty(char *out, int64_t q)
{
	uint64_t	a = q < 0 ? (uint64_t)0 - (uint64_t)q : (uint64_t)q;
	unsigned	frac = (unsigned)(a % 1000);
	size_t		n = 0;

	if (q < 0)
		out[n++] = '-';
	n += csv_digits(out + n, a / 1000, 1);
	if (frac == 0)
		return n;
	out[n++] = '.';
	if (frac % 100 == 0)
		return n + csv_digits(out + n, frac / 100, 1);
	if (frac % 10 == 0)
		return n + csv_digits(out + n, frac / 10, 2);
	return n + csv_digits(out + n, frac, 3);
}

static size_t
csv_money(char *out, int64_t v, int minor)
{
	uint64_t	p = 1, a;
	size_t		n = 0;
	int		i;

	a = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	for (i = 0; i < minor; i++)
		p *= 10;
	if (v < 0)
		out[n++] = '-';
	if (minor == 0)
		return n + csv_digits(out + n, a, 1);
	n += csv_digits(out + n, a / p, 1);
	out[n++] = '.';
	return n + csv_digits(out + n, a % p, minor);
}

/* Bytes that make a CSV field need quotes anywhere in it (RFC 4180). */
static const unsigned char csv_special[256] = {
	[','] = 1, ['"'] = 1, ['\r'] = 1, ['\n'] = 1,
};

/*
 * A report as CSV.  A row is put together in line and added to the text
 * once; a field too long for it goes straight to the text.
 */
static char *
render_csv(const struct report *r)
{
	struct wms_buf	 b = { 0 };
	size_t		 row, n, k, at;
	char		 buf[1024], line[4096], *q;
	const char	*s;
	int		 c, quote;

	for (c = 0; c < r->ncols; c++) {
		if (c > 0)
			wms_buf_addc(&b, ',');
		wms_buf_adds(&b, r->cols[c].key);
	}
	wms_buf_addc(&b, '\n');
	for (row = 0; row < r->nrows; row++) {
		/* A row's cells are together, in one chunk. */
		const struct report_cell *cells = report_cell(r, row, 0);

		at = 0;
		for (c = 0; c < r->ncols; c++) {
			const struct report_cell *cell = &cells[c];

			if (at + 2 > sizeof line) {
				wms_buf_add(&b, line, at);
				at = 0;
			}
			if (c > 0)
				line[at++] = ',';
			if (!cell->set)
				continue;
			/* Text as it is, without a copy, unless it needs
			 * quotes (as wms_csv_quote says). */
			s = buf;
			quote = 0;
			switch (r->cols[c].type) {
			case REPORT_STR:
				s = cell->s;
				for (n = 0; s[n] != '\0'; n++)
					quote |= csv_special[(unsigned char)
					    s[n]];
				if (n > 0 && (s[0] == ' ' || s[0] == '\t' ||
				    s[n - 1] == ' ' || s[n - 1] == '\t'))
					quote = 1;
				break;
			case REPORT_QTY:
				n = csv_qty(buf, cell->v);
				break;
			case REPORT_MONEY:
				if (r->minor >= 0 && r->minor <= 18) {
					n = csv_money(buf, cell->v, r->minor);
					break;
				}
				/* FALLTHROUGH */
			default:
				report_text_as(r, cell, r->cols[c].type, 0,
				    buf, sizeof buf);
				n = strlen(buf);
				for (k = 0; k < n; k++)
					quote |= csv_special[(unsigned char)
					    buf[k]];
				if (n > 0 && (buf[0] == ' ' ||
				    buf[0] == '\t' || buf[n - 1] == ' ' ||
				    buf[n - 1] == '\t'))
					quote = 1;
				break;
			}
			if (quote) {
				q = wms_csv_quote(s);
				s = q;
				n = strlen(q);
			} else
				q = NULL;
			/* The rest of the line: a field and its comma. */
			if (at + n + 2 > sizeof line) {
				wms_buf_add(&b, line, at);
				at = 0;
				wms_buf_add(&b, s, n);
			} else {
				memcpy(line + at, s, n);
				at += n;
			}
			free(q);
		}
		if (at + 1 > sizeof line) {
			wms_buf_add(&b, line, at);
			at = 0;
		}
		line[at++] = '\n';
		wms_buf_add(&b, line, at);
	}
	return wms_buf_steal(&b);
}

/*
 * A cell as a JSON value: text as a string, a quantity or an amount as the
 * exact decimal the table shows (never through a double), null for null.
 */
static json_t *
render_json_cell(const struct report *r, size_t row, int c)
{
	const struct report_cell	*cell = report_cell(r, row, c);
	char				 buf[64];
	json_t				*v;

	if (!cell->set)
		return json_null();
	switch (r->cols[c].type) {
	case REPORT_STR:
		return wms_json_string(cell->s);
	case REPORT_TIME:
		report_text_as(r, cell, REPORT_TIME, 0, buf, sizeof buf);
		return wms_json_string(buf);
	case REPORT_INT:
		return json_integer(cell->v);
	case REPORT_BOOL:
		return json_boolean(cell->v);
	case REPORT_QTY:
	case REPORT_MONEY:
	default:
		report_text(r, cell, r->cols[c].type, buf, sizeof buf);
		/* NULL never: wms_qty_fmt and wms_money_fmt write numbers. */
		v = wms_json_number(buf);
		return v != NULL ? v : json_null();
	}
}

/* Row row as a JSON object, the keys in the columns' order. */
static json_t *
render_json_row(const struct report *r, size_t row)
{
	json_t	*o = json_object();
	int	 c;

	for (c = 0; c < r->ncols; c++)
		json_object_set_new(o, r->cols[c].key,
		    render_json_cell(r, row, c));
	return o;
}

char *
report_render_json_rows(const struct report *r, int totals)
{
	struct wms_buf		 b = { 0 };
	struct wms_json_rows	 rows;
	json_t			*o;
	size_t			 row;

	if (totals) {
		if (r->total_row == 0)
			return xstrdup("null");
		o = render_json_row(r, r->total_row - 1);
		wms_json_buf_line(&b, o);
		json_decref(o);
		return wms_buf_steal(&b);
	}
	wms_json_rows_begin(&rows, &b);
	for (row = 0; row < r->nrows; row++) {
		if (r->total_row == row + 1)
			continue;
		o = render_json_row(r, row);
		wms_json_rows_add(&rows, o);
		json_decref(o);
	}
	wms_json_rows_end(&rows);
	return wms_buf_steal(&b);
}

/* An array of objects, a row a line, the keys in the columns' order. */
static char *
render_json(const struct report *r)
{
	struct wms_buf		 b = { 0 };
	struct wms_json_rows	 rows;
	json_t			*o;
	size_t			 row;
	int			 c;

	wms_json_rows_begin(&rows, &b);
	for (row = 0; row < r->nrows; row++) {
		o = json_object();
		for (c = 0; c < r->ncols; c++)
			json_object_set_new(o, r->cols[c].key,
			    render_json_cell(r, row, c));
		wms_json_rows_add(&rows, o);
		json_decref(o);
	}
	wms_json_rows_end(&rows);
	return wms_buf_steal(&b);
}

char *
report_render(const struct report *r, enum report_format f)
{
	switch (f) {
	case REPORT_CSV:
		return render_csv(r);
	case REPORT_JSON:
		return render_json(r);
	case REPORT_TABLE:
	default:
		return render_table(r);
	}
}

void
report_add_total(struct report *r, int label_col, const char *label,
    const int *cols)
{
	int64_t	*sum;
	char	*over;
	size_t	 row;
	int	 k;

	sum = xcalloc((size_t)r->ncols, sizeof *sum);
	over = xcalloc((size_t)r->ncols, 1);
	for (k = 0; cols != NULL && cols[k] >= 0; k++)
		for (row = 0; row < r->nrows; row++)
			if (report_cell(r, row, cols[k])->set &&
			    __builtin_add_overflow(sum[k], report_cell(r, row,
			    cols[k])->v, &sum[k]))
				over[k] = 1;
	report_row(r);
	r->total_row = r->nrows;
	if (label_col >= 0)
		report_str(r, label_col, label);
	/* A sum past 64 bits is left empty rather than wrong. */
	for (k = 0; cols != NULL && cols[k] >= 0; k++)
		if (!over[k])
			report_num(r, cols[k], sum[k]);
	free(over);
	free(sum);
}

int
report_is_total(const struct report *r, size_t row)
{
	return r->total_row == row + 1;
}

void
report_clear_col(struct report *r, int col)
{
	struct report_cell	*c;
	size_t			 row;

	for (row = 0; row < r->nrows; row++) {
		c = report_cell(r, row, col);
		c->s = NULL;
		c->v = 0;
		c->set = 0;
	}
}

void
report_clear_col_row(struct report *r, int col, size_t row)
{
	struct report_cell *c = report_cell(r, row, col);

	c->s = NULL;
	c->v = 0;
	c->set = 0;
}

void
report_set_str(struct report *r, size_t row, int col, const char *s)
{
	struct report_cell *c = report_cell(r, row, col);

	c->s = s != NULL ? report_keep(r, s) : NULL;
	c->set = s != NULL;
}

void
report_set_num(struct report *r, size_t row, int col, int64_t v)
{
	struct report_cell *c = report_cell(r, row, col);

	c->v = v;
	c->set = 1;
}
