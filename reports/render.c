/* Reports: a table of typed cells, rendered as a text table, CSV or JSON. */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "lib/csv.h"
#include "lib/i18n.h"
#include "core/qty.h"
#include "lib/text.h"
#include "lib/xmalloc.h"
#include "reports/report.h"

struct report_cell {
	char	*s;
	int64_t	 v;
	int	 set;
};

struct report {
	const struct report_col	*cols;
	int			 ncols;
	struct report_cell	*cells;	/* nrows x ncols */
	size_t			 nrows;
	int			 minor;
};

/* A growing string. */
struct sbuf {
	char	*s;
	size_t	 len, cap;
};

static void
sb_add(struct sbuf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->s = xrealloc(b->s, b->cap);
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void
sb_str(struct sbuf *b, const char *s)
{
	sb_add(b, s, strlen(s));
}

static void
sb_pad(struct sbuf *b, size_t n)
{
	while (n-- > 0)
		sb_add(b, " ", 1);
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

void
report_free(struct report *r)
{
	size_t i;

	if (r == NULL)
		return;
	for (i = 0; i < r->nrows * (size_t)r->ncols; i++)
		free(r->cells[i].s);
	free(r->cells);
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
	r->cells = xreallocarray(r->cells, (r->nrows + 1) * (size_t)r->ncols,
	    sizeof *r->cells);
	memset(&r->cells[r->nrows * (size_t)r->ncols], 0,
	    (size_t)r->ncols * sizeof *r->cells);
	r->nrows++;
}

static struct report_cell *
report_cell(const struct report *r, size_t row, int col)
{
	return &r->cells[row * (size_t)r->ncols + (size_t)col];
}

void
report_str(struct report *r, int col, const char *s)
{
	struct report_cell *c = report_cell(r, r->nrows - 1, col);

	free(c->s);
	c->s = s != NULL ? xstrdup(s) : NULL;
	c->set = s != NULL;
}

void
report_num(struct report *r, int col, int64_t v)
{
	struct report_cell *c = report_cell(r, r->nrows - 1, col);

	c->v = v;
	c->set = 1;
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
report_text(const struct report *r, const struct report_cell *c,
    enum report_type t, char *buf, size_t len)
{
	*buf = '\0';
	if (!c->set)
		return;
	switch (t) {
	case REPORT_STR:
		snprintf(buf, len, "%s", c->s);
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
report_cell_cmp(const struct report *r, size_t a, size_t b, int col)
{
	const struct report_cell *x = report_cell(r, a, col);
	const struct report_cell *y = report_cell(r, b, col);

	if (!x->set || !y->set)
		return x->set - y->set;
	if (r->cols[col].type == REPORT_STR)
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
			if (r->cols[k].type == REPORT_STR)
				report_str(p, k, c->s);
			else
				report_num(p, k, c->v);
		}
	}
	return p;
}

static char *
render_table(const struct report *r)
{
	struct sbuf	 b = { NULL, 0, 0 };
	size_t		*w, row, n;
	char		 buf[1024];
	int		 c, right;

	w = xcalloc((size_t)r->ncols, sizeof *w);
	for (c = 0; c < r->ncols; c++)
		w[c] = wms_text_width(_(r->cols[c].title));
	for (row = 0; row < r->nrows; row++) {
		for (c = 0; c < r->ncols; c++) {
			report_text(r, report_cell(r, row, c), r->cols[c].type,
			    buf, sizeof buf);
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
				report_text(r, report_cell(r, row - 1, c),
				    r->cols[c].type, buf, sizeof buf);
			right = r->cols[c].type != REPORT_STR &&
			    r->cols[c].type != REPORT_BOOL;
			n = wms_text_width(buf);
			if (c > 0)
				sb_str(&b, "  ");
			if (right)
				sb_pad(&b, w[c] - n);
			sb_str(&b, buf);
			if (!right && c + 1 < r->ncols)
				sb_pad(&b, w[c] - n);
		}
		sb_str(&b, "\n");
	}
	free(w);
	return b.s != NULL ? b.s : xstrdup("");
}

static char *
render_csv(const struct report *r)
{
	struct sbuf	 b = { NULL, 0, 0 };
	size_t		 row;
	char		 buf[1024], *q;
	int		 c;

	for (c = 0; c < r->ncols; c++) {
		if (c > 0)
			sb_str(&b, ",");
		sb_str(&b, r->cols[c].key);
	}
	sb_str(&b, "\n");
	for (row = 0; row < r->nrows; row++) {
		for (c = 0; c < r->ncols; c++) {
			report_text(r, report_cell(r, row, c), r->cols[c].type,
			    buf, sizeof buf);
			if (c > 0)
				sb_str(&b, ",");
			q = wms_csv_quote(buf);
			sb_str(&b, q);
			free(q);
		}
		sb_str(&b, "\n");
	}
	return b.s;
}

static char *
render_json(const struct report *r)
{
	struct sbuf			 b = { NULL, 0, 0 };
	const struct report_cell	*cell;
	size_t				 row;
	char				 buf[1024], *s;
	json_t				*j;
	int				 c;

	sb_str(&b, "[");
	for (row = 0; row < r->nrows; row++) {
		sb_str(&b, row == 0 ? "\n  {" : ",\n  {");
		for (c = 0; c < r->ncols; c++) {
			cell = report_cell(r, row, c);
			j = json_string(r->cols[c].key);
			s = json_dumps(j, JSON_ENCODE_ANY);
			sb_str(&b, c > 0 ? ", " : "");
			sb_str(&b, s);
			sb_str(&b, ": ");
			free(s);
			json_decref(j);
			if (!cell->set) {
				sb_str(&b, "null");
				continue;
			}
			if (r->cols[c].type == REPORT_STR) {
				j = json_string(cell->s);
				s = j != NULL ? json_dumps(j, JSON_ENCODE_ANY) :
				    xstrdup("null");
				sb_str(&b, s);
				free(s);
				json_decref(j);
				continue;
			}
			/* Numbers exactly as decimals, never through a double. */
			report_text(r, cell, r->cols[c].type, buf, sizeof buf);
			sb_str(&b, buf);
		}
		sb_str(&b, "}");
	}
	sb_str(&b, r->nrows > 0 ? "\n]\n" : "]\n");
	return b.s;
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
