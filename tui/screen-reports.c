/*
 * Reports on the screen: stock on hand, the stock card of an item, items
 * below their minimum.  Tab goes to the next one; type to filter the rows,
 * F6/F7 sort, F9 exports what is shown to a CSV file with the report
 * renderer.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/i18n.h"
#include "lib/time.h"
#include "lib/text.h"
#include "core/wms.h"
#include "lib/xmalloc.h"
#include "reports/report.h"
#include "tui/screen.h"

enum rkind {
	RK_STOCK, RK_CARD, RK_BELOW
};

/* What the field takes: the filter, the stock card's item, a file name. */
enum rmode {
	RM_FILTER, RM_ITEM, RM_EXPORT
};

#define RCOLS_MAX	8

/* The columns of a report shown on the screen (all are exported). */
static const struct rview {
	const char	*name;		/* the file name's start */
	const char	*title;		/* N_() */
	int		 ncols;
	int		 cols_en[RCOLS_MAX];
	int		 cols_ar[RCOLS_MAX];
	int		 maxw[RCOLS_MAX];	/* 0: up to 40 columns */
	int		 whole[RCOLS_MAX];	/* never shrinks: a bin, a
						   code, a document number */
} rviews[] = {
	[RK_STOCK] = {
		.name = "stock",
		.title = N_("Stock on hand"),
		.ncols = 6,
		.cols_en = { 0, 1, 2, 3, 4, 5 },
		.cols_ar = { 0, 1, 2, 3, 4, 5 },
		.whole = { 1, 1, 1 },
	},
	/*
	 * The day of a movement is enough on the screen, and where it went
	 * (the item's side of it); CSV has the time, where from and the lot.
	 */
	[RK_CARD] = {
		.name = "stock-card",
		.title = N_("Stock card"),
		.ncols = 6,
		.cols_en = { 0, 1, 3, 5, 6, 7 },
		.cols_ar = { 0, 1, 3, 5, 6, 7 },
		.maxw = { 10 },
		.whole = { 1, 1, 1 },
	},
	[RK_BELOW] = {
		.name = "below-minimum",
		.title = N_("Below minimum"),
		.ncols = 5,
		.cols_en = { 0, 2, 3, 4, 5 },
		.cols_ar = { 0, 1, 3, 4, 5 },
		.whole = { 1 },
	},
};

struct reports {
	enum rkind		 kind;
	enum rmode		 mode;
	struct report		*r;
	char			**folded;	/* each row's cells, folded */
	size_t			*rows;		/* the rows shown, in order */
	size_t			 nrows;
	int			 width[RCOLS_MAX];	/* natural widths */
	int			 sort;		/* index into the view, -1 */
	int			 desc;
	struct tui_list		 view;		/* of the rows shown */
	int			 shown[RCOLS_MAX];	/* widths drawn */
	char			 item[32];	/* the stock card's */
	char			 replace[256];	/* a file to confirm */
	struct tui_field	 filter, in;
};

static const int *
reports_cols(struct tui_screen *s)
{
	struct reports *p = s->data;

	return tui_dir(s->tui) == TUI_DIR_RTL ? rviews[p->kind].cols_ar :
	    rviews[p->kind].cols_en;
}

/* A cell as shown: a stored time in local time, to the minute. */
static void
reports_cell(const struct report *r, size_t row, int col, char *buf,
    size_t len)
{
	char raw[512];

	report_cell_text(r, row, col, raw, sizeof raw);
	wms_time_local(raw, buf, len);
}

/* A column's heading: times are local here, whatever the report says. */
static const char *
reports_title(const struct report *r, int col)
{
	const char *t = report_title(r, col);

	if (strcmp(t, "Time (UTC)") == 0)
		return _("Time");
	if (strcmp(t, "Shipped (UTC)") == 0)
		return _("Shipped");
	return _(t);
}

static void
reports_drop(struct reports *p)
{
	size_t i, n;

	n = p->r != NULL ? report_nrows(p->r) : 0;
	for (i = 0; i < n; i++)
		free(p->folded[i]);
	free(p->folded);
	free(p->rows);
	report_free(p->r);
	p->folded = NULL;
	p->rows = NULL;
	p->r = NULL;
	p->nrows = 0;
	tui_list_reset(&p->view, 0);
}

/* How rows are sorted, for qsort_r. */
struct reports_by {
	const struct report	*r;
	int			 col, desc;
};

static int
reports_cmp(const void *a, const void *b, void *arg)
{
	const struct reports_by	*by = arg;
	size_t			 x = *(const size_t *)a, y = *(const size_t *)b;
	int			 c;

	c = report_cell_cmp(by->r, x, y, by->col);
	if (by->desc)
		c = -c;
	/* The report's own order breaks ties: the sort is stable. */
	return c != 0 ? c : (x > y) - (x < y);
}

/* The rows that match the filter, in the chosen order. */
static void
reports_view(struct tui_screen *s)
{
	struct reports		*p = s->data;
	struct reports_by	 by;
	char			*q;
	size_t			 i, n;

	if (p->r == NULL)
		return;
	n = report_nrows(p->r);
	q = wms_fold(p->filter.text);
	p->nrows = 0;
	for (i = 0; i < n; i++) {
		if (*q == '\0' || strstr(p->folded[i], q) != NULL)
			p->rows[p->nrows++] = i;
	}
	free(q);
	if (p->sort >= 0) {
		by.r = p->r;
		by.col = reports_cols(s)[p->sort];
		by.desc = p->desc;
		if (p->nrows > 1)
			qsort_r(p->rows, p->nrows, sizeof *p->rows,
			    reports_cmp, &by);
	}
	tui_list_set(&p->view, (int)p->nrows);
}

/* Read the report again; fold each row once for the filter. */
static void
reports_load(struct tui_screen *s)
{
	struct reports	*p = s->data;
	struct wms	*w = tui_wms(s->tui);
	struct wms_err	 err;
	char		 cell[512], *row;
	size_t		 i, n, len;
	int		 k, rc = 0, w1;

	reports_drop(p);
	switch (p->kind) {
	case RK_STOCK:
		rc = report_stock(w, NULL, NULL, NULL, &p->r, &err);
		break;
	case RK_CARD:
		if (*p->item == '\0')
			return;
		rc = report_ledger(w, p->item, NULL, &p->r, &err);
		break;
	case RK_BELOW:
		rc = report_below_min(w, &p->r, &err);
		break;
	}
	if (rc != 0) {
		tui_status(s->tui, "%s", err.msg);
		p->r = NULL;
		return;
	}
	report_set_minor(p->r, wms_currency_minor(w));
	n = report_nrows(p->r);
	p->folded = xreallocarray(NULL, n + 1, sizeof *p->folded);
	p->rows = xreallocarray(NULL, n + 1, sizeof *p->rows);
	for (k = 0; k < rviews[p->kind].ncols; k++)
		p->width[k] = 0;
	for (i = 0; i < n; i++) {
		row = xstrdup("");
		len = 0;
		for (k = 0; k < report_ncols(p->r); k++) {
			report_cell_text(p->r, i, k, cell, sizeof cell);
			row = xrealloc(row, len + strlen(cell) + 2);
			memcpy(row + len, cell, strlen(cell));
			len += strlen(cell);
			row[len++] = '\t';
			row[len] = '\0';
		}
		p->folded[i] = wms_fold(row);
		free(row);
		for (k = 0; k < rviews[p->kind].ncols; k++) {
			reports_cell(p->r, i, reports_cols(s)[k], cell,
			    sizeof cell);
			w1 = (int)wms_text_width(cell);
			if (w1 > p->width[k])
				p->width[k] = w1;
		}
	}
	reports_view(s);
}

static int
reports_init(struct tui_screen *s, void *arg, struct wms_err *err)
{
	struct reports *p;

	(void)err;
	p = xcalloc(1, sizeof *p);
	p->sort = -1;
	s->data = p;
	/* arg: a filter to start with, such as a location scanned. */
	if (arg != NULL)
		snprintf(p->filter.text, sizeof p->filter.text, "%s",
		    (const char *)arg);
	p->filter.len = strlen(p->filter.text);
	reports_load(s);
	return 0;
}

static void
reports_free(struct tui_screen *s)
{
	reports_drop(s->data);
	free(s->data);
}

/* Widths that fit the screen: the widest column gives way first. */
static void
reports_fit(struct tui_screen *s, int *w, const char **titles, int room)
{
	struct reports	*p = s->data;
	int		 k, n = rviews[p->kind].ncols, sum, widest;

	sum = n - 1;
	for (k = 0; k < n; k++) {
		w[k] = p->width[k];
		if (w[k] < (int)wms_text_width(titles[k]))
			w[k] = (int)wms_text_width(titles[k]);
		if (w[k] > 40)
			w[k] = 40;
		if (rviews[p->kind].maxw[k] > 0 && w[k] >
		    rviews[p->kind].maxw[k])
			w[k] = rviews[p->kind].maxw[k];
		sum += w[k];
	}
	/* The widest text that may shrink gives way: never a bin, a code,
	 * a document number or a number. */
	while (sum > room) {
		widest = -1;
		for (k = 0; k < n; k++) {
			if (rviews[p->kind].whole[k] ||
			    report_col_type(p->r, reports_cols(s)[k]) !=
			    REPORT_STR)
				continue;
			if (widest < 0 || w[k] > w[widest])
				widest = k;
		}
		if (widest < 0 || w[widest] <= 4)
			break;
		w[widest]--;
		sum--;
	}
}

/* Row i of the view, in the widths the titles were drawn with. */
static void
reports_draw_row(struct tui_screen *s, int i, int row)
{
	struct reports	*p = s->data;
	struct tui	*t = s->tui;
	const int	*cols = reports_cols(s);
	const int	*w = p->shown;
	char		 cell[512];
	int		 k, col;

	char		 fit[512];

	for (k = 0, col = 2; k < rviews[p->kind].ncols; col += w[k++] + 1) {
		reports_cell(p->r, p->rows[i], cols[k], cell, sizeof cell);
		/* The card's time column: the day is enough on the screen. */
		if (rviews[p->kind].maxw[k] == 10 && strlen(cell) > 10 &&
		    cell[4] == '-' && cell[10] == ' ')
			cell[10] = '\0';
		/* A text that gave way (a name) is marked with "…". */
		if (!rviews[p->kind].whole[k] &&
		    report_col_type(p->r, cols[k]) == REPORT_STR) {
			tui_fit(cell, w[k], fit, sizeof fit);
			snprintf(cell, sizeof cell, "%s", fit);
		}
		if (report_col_type(p->r, cols[k]) != REPORT_STR)
			tui_put_num(t, row, col, w[k], cell);
		else
			tui_put(t, row, col, w[k], cell, 0);
	}
}

static void
reports_draw(struct tui_screen *s)
{
	struct reports	*p = s->data;
	struct tui	*t = s->tui;
	const int	*cols = reports_cols(s);
	const char	*titles[RCOLS_MAX];
	char		 line[256];
	int		*w = p->shown, k, col;
	int		 n = rviews[p->kind].ncols, width = tui_cols(t) - 3;

	if (p->kind == RK_CARD && *p->item != '\0')
		snprintf(line, sizeof line, "%s: %s", _(rviews[p->kind].title),
		    p->item);
	else
		snprintf(line, sizeof line, "%s", _(rviews[p->kind].title));
	tui_put_bold(t, 2, 2, width, line);
	tui_put(t, 3, 2, 10, _("Filter"), 0);
	tui_put_field(t, 3, 13, 30, &p->filter, p->mode == RM_FILTER);
	snprintf(line, sizeof line, _("%zu of %zu rows"), p->nrows,
	    p->r != NULL ? report_nrows(p->r) : 0);
	tui_put(t, 3, 45, width - 43, line, 0);
	if (p->r == NULL) {
		if (p->kind == RK_CARD && p->mode != RM_ITEM)
			tui_put(t, 5, 2, width, _("Tab: the next report"),
			    0);
	} else {
		for (k = 0; k < n; k++) {
			snprintf(line, sizeof line, "%s%s",
			    reports_title(p->r, cols[k]), k == p->sort ?
			    (p->desc ? "▼" : "▲") : "");
			titles[k] = xstrdup(line);
		}
		reports_fit(s, w, titles, width);
		for (k = 0, col = 2; k < n; col += w[k++] + 1) {
			tui_put_bold(t, 5, col, w[k], titles[k]);
			free((char *)titles[k]);
		}
		tui_list_draw(s, &p->view, 6, tui_rows(t) - 10, 0,
		    reports_draw_row);
	}
	if (p->mode == RM_ITEM) {
		tui_put(t, tui_rows(t) - 4, 2, 24, _("Item (scan or type)"),
		    0);
		tui_put_field(t, tui_rows(t) - 4, 27, width - 25, &p->in, 1);
	} else if (p->mode == RM_EXPORT) {
		tui_put(t, tui_rows(t) - 4, 2, 24, _("Write CSV to"), 0);
		tui_put_field(t, tui_rows(t) - 4, 27, width - 25, &p->in, 1);
	}
}

/* The file offered: ./NAME-DATE.csv, or in $HOME when . is not writable. */
static void
reports_default_path(struct tui_screen *s)
{
	struct reports	*p = s->data;
	const char	*home = getenv("HOME");
	char		 now[32];
	int		 n;

	wms_now_iso(tui_wms(s->tui), now);
	if (access(".", W_OK) == 0 || home == NULL || *home == '\0')
		n = snprintf(p->in.text, sizeof p->in.text, "%s-%.10s.csv",
		    rviews[p->kind].name, now);
	else
		n = snprintf(p->in.text, sizeof p->in.text, "%s/%s-%.10s.csv",
		    home, rviews[p->kind].name, now);
	p->in.len = n > 0 && (size_t)n < sizeof p->in.text ? (size_t)n : 0;
	p->in.text[p->in.len] = '\0';
}

/* Write what is shown (filtered, sorted, every column) as CSV. */
static int
reports_export(struct tui_screen *s, const char *path, struct wms_err *err)
{
	struct reports	*p = s->data;
	struct report	*view;
	char		*csv;
	size_t		 len, off = 0;
	ssize_t		 n;
	int		 fd, flags = O_WRONLY | O_CREAT | O_TRUNC;

	if (*path == '\0')
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("give the name of the file"));
	/* An existing file is replaced only when Enter is given twice. */
	if (strcmp(p->replace, path) != 0)
		flags |= O_EXCL;
	if ((fd = open(path, flags | O_CLOEXEC, 0644)) == -1) {
		if (errno == EEXIST) {
			snprintf(p->replace, sizeof p->replace, "%s", path);
			return wms_err_set(err, WMS_ERR_CONFLICT,
			    _("%s exists: Enter again replaces it"), path);
		}
		return wms_err_set(err, WMS_ERR_IO, _("cannot write %s: %s"),
		    path, strerror(errno));
	}
	view = report_pick(p->r, p->rows, p->nrows);
	csv = report_render(view, REPORT_CSV);
	report_free(view);
	len = strlen(csv);
	while (off < len) {
		if ((n = write(fd, csv + off, len - off)) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		off += (size_t)n;
	}
	free(csv);
	if (off < len || fsync(fd) != 0) {
		wms_err_set(err, WMS_ERR_IO, _("cannot write %s: %s"), path,
		    strerror(errno));
		close(fd);
		return WMS_ERR_IO;
	}
	if (close(fd) != 0)
		return wms_err_set(err, WMS_ERR_IO, _("cannot write %s: %s"),
		    path, strerror(errno));
	*p->replace = '\0';
	return 0;
}

/* Enter in the item or file field. */
static void
reports_enter(struct tui_screen *s)
{
	struct reports	*p = s->data;
	struct wms_err	 err;

	if (p->mode == RM_ITEM) {
		if (*p->in.text == '\0')
			return;
		if (tui_take(s->tui, p->item, sizeof p->item,
		    p->in.text) != 0)
			return;
		p->mode = RM_FILTER;
		reports_load(s);
		if (p->r == NULL)
			*p->item = '\0';
		return;
	}
	if (reports_export(s, p->in.text, &err) != 0) {
		tui_status(s->tui, "%s", err.msg);
		return;
	}
	tui_status(s->tui, _("%zu rows written to %s"), p->nrows, p->in.text);
	p->mode = RM_FILTER;
}

/* Show another report: the filter stays, the order starts again. */
static void
reports_switch(struct tui_screen *s, enum rkind kind)
{
	struct reports *p = s->data;

	p->kind = kind;
	p->sort = -1;
	p->desc = 0;
	if (kind == RK_CARD) {
		p->mode = RM_ITEM;
		tui_field_clear(&p->in);
	}
	reports_load(s);
}

/* Tab: the next report. */
static int
reports_next(struct tui_screen *s, int key)
{
	struct reports *p = s->data;

	(void)key;
	reports_switch(s, p->kind == RK_BELOW ? RK_STOCK :
	    (enum rkind)(p->kind + 1));
	return TUI_HANDLED | TUI_REDRAW;
}

/* F6: sorted by the next column, ascending; after the last, no order. */
static int
reports_sort(struct tui_screen *s, int key)
{
	struct reports *p = s->data;

	(void)key;
	p->sort = p->sort + 1 < rviews[p->kind].ncols ? p->sort + 1 : -1;
	p->desc = 0;
	reports_view(s);
	return TUI_HANDLED | TUI_REDRAW;
}

/* F7: the other way round (by the first column when not sorted). */
static int
reports_reverse(struct tui_screen *s, int key)
{
	struct reports *p = s->data;

	(void)key;
	if (p->sort < 0)
		p->sort = 0;
	else
		p->desc = !p->desc;
	reports_view(s);
	return TUI_HANDLED | TUI_REDRAW;
}

/* F9: the file to write what is shown to, offered. */
static int
reports_csv(struct tui_screen *s, int key)
{
	struct reports *p = s->data;

	(void)key;
	if (p->r == NULL) {
		tui_status(s->tui, "%s", _("nothing to export"));
		return TUI_HANDLED | TUI_REDRAW;
	}
	p->mode = RM_EXPORT;
	*p->replace = '\0';
	reports_default_path(s);
	return TUI_HANDLED | TUI_REDRAW;
}

static const struct tui_binding reports_keys[] = {
	{ .key = '\t', .label = "Tab", .what = N_("next report"),
	    .fn = reports_next },
	{ .key = TUI_KEY_F(6), .label = "F6", .what = N_("sort"),
	    .fn = reports_sort },
	{ .key = TUI_KEY_F(7), .label = "F7", .what = N_("reverse"),
	    .fn = reports_reverse },
	{ .key = TUI_KEY_F(9), .label = "F9", .what = N_("CSV"),
	    .fn = reports_csv },
	{ .key = TUI_KEY_ESC, .label = "Esc", .what = N_("back"),
	    .fn = tui_key_back },
	{ .key = 0 }
};

/*
 * The item or file field while it is open (Enter takes it, Esc closes
 * it); the list; the filter typed, applied at every key.
 */
static int
reports_key(struct tui_screen *s, int key)
{
	struct reports	*p = s->data;

	if (p->mode != RM_FILTER) {
		if (key == TUI_KEY_ESC)
			p->mode = RM_FILTER;
		else if (key == '\n')
			reports_enter(s);
		else
			tui_field_key(&p->in, key);
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (tui_list_key(&p->view, key))
		return TUI_HANDLED | TUI_REDRAW;
	if (tui_field_key(&p->filter, key) & TUI_HANDLED) {
		reports_view(s);
		return TUI_HANDLED | TUI_REDRAW;
	}
	return TUI_IGNORED;
}

const struct tui_screen_entry tui_screen_reports = {
	.name = "reports",
	.title = N_("Reports"),
	.menu = { .key = 'p', .what = N_("reports") },
	.init = reports_init,
	.free = reports_free,
	.draw = reports_draw,
	.key = reports_key,
	.keys = reports_keys,
};
