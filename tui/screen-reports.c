/*
 * Reports on the screen: stock on hand, the stock card of an item, items
 * below their minimum (Tab goes to the next one), and F5 every report of
 * the catalogue (reports/catalog.h), with the filters it takes asked one
 * after the other.  Type to filter the rows, F6/F7 sort, F9 exports what
 * is shown to a CSV file with the report renderer; F8 writes a catalogue
 * report as a PDF (report_def_pdf, as makhzan report --format pdf) and F4
 * sends that PDF to a printer (labels/label.h, as makhzan voucher
 * --printer).  A report running longer than a second says so in the
 * status line; Esc stops it.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "lib/i18n.h"
#include "lib/time.h"
#include "lib/text.h"
#include "core/wms.h"
#include "data/db.h"
#include "labels/label.h"
#include "lib/xmalloc.h"
#include "reports/catalog.h"
#include "reports/report.h"
#include "tui/screen.h"

enum rkind {
	RK_STOCK, RK_CARD, RK_BELOW,
	RK_DEF		/* a report of the catalogue, p->def */
};

/* What the field takes: the filter, the stock card's item, a file name. */
enum rmode {
	RM_FILTER, RM_ITEM, RM_EXPORT,
	RM_PICK,	/* the catalogue listed, one to choose */
	RM_ASK,		/* a filter of the chosen report asked */
	RM_PDF,		/* the PDF's file name */
	RM_PRINT	/* the printer the PDF goes to */
};

/* The filters a catalogue report may take, in the order they are asked. */
static const struct rfilter {
	unsigned	 bit;
	const char	*label;		/* N_() */
} rfilters[] = {
	{ RF_DEPOT, N_("Depot") },
	{ RF_LOCATION, N_("Location (start)") },
	{ RF_CATEGORY, N_("Category") },
	{ RF_ITEM, N_("Item") },
	{ RF_FROM, N_("From (YYYY-MM-DD)") },
	{ RF_TO, N_("To (YYYY-MM-DD)") },
	{ RF_USER, N_("User") },
	{ RF_CC, N_("Cost centre") },
	{ RF_DAYS, N_("Days") },
	{ RF_AT, N_("At (YYYY-MM-DD)") },
	{ RF_COUNT, N_("Count") },
	{ RF_TYPE, N_("Type") },
	{ RF_LIMIT, N_("At most (rows)") },
};
#define NRFILTERS	(int)(sizeof rfilters / sizeof rfilters[0])

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
	const struct rview	*rv;		/* rviews[kind] or &dv */
	struct rview		 dv;		/* a catalogue report's */
	const struct report_def	*def;		/* RK_DEF: which */
	struct report_filters	 rf;		/* its filters, in fv */
	char			 fv[NRFILTERS][64];
	int			 ask;		/* the filter asked, rfilters[] */
	struct tui_list		 pick;		/* of report_defs[] */
	int			 nshow;		/* columns drawn: what fits */
	char			 printer[256];	/* the last one printed to */
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

	return tui_dir(s->tui) == TUI_DIR_RTL ? p->rv->cols_ar :
	    p->rv->cols_en;
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

/* What the progress callback of a catalogue report knows. */
struct rprogress {
	struct tui	*tui;
	const char	*title;
	struct timespec	 t0, last;
	int		 shown, stopped;
};

static double
reports_since(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) +
	    (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

/*
 * Called by the store while the report's statements run: after a second,
 * the time it has taken in the status line, four times a second; Esc
 * (tui_busy) stops it.
 */
static int
reports_progress(void *arg)
{
	struct rprogress	*g = arg;
	struct timespec		 now;
	char			 line[256];

	if (g->stopped)
		return 1;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (reports_since(&g->t0, &now) < 1.0 || (g->shown &&
	    reports_since(&g->last, &now) < 0.25))
		return 0;
	g->last = now;
	g->shown = 1;
	snprintf(line, sizeof line, _("%s: working, %.0f s (Esc stops)"),
	    g->title, reports_since(&g->t0, &now));
	if (tui_busy(g->tui, line))
		g->stopped = 1;
	return g->stopped;
}

/*
 * The columns of a catalogue report on the screen: every one in its
 * order (money only for who may see values; the item's name in the
 * screen's language, not both), a bin, code or number never shrinking;
 * those that do not fit at the right are left to CSV and PDF.
 */
static void
reports_def_view(struct tui_screen *s)
{
	struct reports	*p = s->data;
	struct rview	*v = &p->dv;
	const char	*key;
	int		 k, nar = 0, values;

	values = report_may_see_values(tui_wms(s->tui));
	memset(v, 0, sizeof *v);
	v->name = p->def->name;
	v->title = p->def->title;
	for (k = 0; k < p->def->ncols && v->ncols < RCOLS_MAX; k++) {
		if (p->def->cols[k].type == REPORT_MONEY && !values)
			continue;
		key = p->def->cols[k].key;
		if (strcmp(key, "name_en") != 0 && nar < RCOLS_MAX)
			v->cols_ar[nar++] = k;
		if (strcmp(key, "name_ar") == 0)
			continue;
		v->whole[v->ncols] = strcmp(key, "location") == 0 ||
		    strcmp(key, "item") == 0 || strcmp(key, "depot") == 0 ||
		    strcmp(key, "document") == 0 || strcmp(key, "lot") == 0 ||
		    strcmp(key, "number") == 0;
		v->cols_en[v->ncols++] = k;
	}
	/* Both names or neither: the two lists are as long. */
	if (nar < v->ncols)
		v->ncols = nar;
}

/* Run the catalogue report chosen with its filters; Esc stops it. */
static int
reports_run_def(struct tui_screen *s, struct wms_err *err)
{
	struct reports		*p = s->data;
	struct wms		*w = tui_wms(s->tui);
	struct rprogress	 g;
	int			 rc;

	memset(&g, 0, sizeof g);
	g.tui = s->tui;
	g.title = _(p->def->title);
	clock_gettime(CLOCK_MONOTONIC, &g.t0);
	db_progress(wms_db(w), reports_progress, &g);
	rc = report_run(w, p->def, &p->rf, &p->r, err);
	db_progress(wms_db(w), NULL, NULL);
	if (g.stopped) {
		report_free(p->r);
		p->r = NULL;
		return wms_err_set(err, WMS_ERR_IO, _("%s stopped (Esc); "
		    "nothing shown"), _(p->def->title));
	}
	if (rc == 0)
		reports_def_view(s);
	return rc;
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
	case RK_DEF:
		rc = reports_run_def(s, &err);
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
	for (k = 0; k < p->rv->ncols; k++)
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
		for (k = 0; k < p->rv->ncols; k++) {
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
	p->rv = &rviews[RK_STOCK];
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
	int		 k, n = p->rv->ncols, sum, widest;

	sum = n - 1;
	for (k = 0; k < n; k++) {
		w[k] = p->width[k];
		if (w[k] < (int)wms_text_width(titles[k]))
			w[k] = (int)wms_text_width(titles[k]);
		if (w[k] > 40)
			w[k] = 40;
		if (p->rv->maxw[k] > 0 && w[k] >
		    p->rv->maxw[k])
			w[k] = p->rv->maxw[k];
		sum += w[k];
	}
	/* The widest text that may shrink gives way: never a bin, a code,
	 * a document number or a number. */
	while (sum > room) {
		widest = -1;
		for (k = 0; k < n; k++) {
			if (p->rv->whole[k] ||
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
	/* Nothing cut: the columns that still do not fit are not drawn. */
	p->nshow = n;
	while (sum > room && p->nshow > 1) {
		p->nshow--;
		sum -= w[p->nshow] + 1;
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

	for (k = 0, col = 2; k < p->nshow; col += w[k++] + 1) {
		reports_cell(p->r, p->rows[i], cols[k], cell, sizeof cell);
		/* The card's time column: the day is enough on the screen. */
		if (p->rv->maxw[k] == 10 && strlen(cell) > 10 &&
		    cell[4] == '-' && cell[10] == ' ')
			cell[10] = '\0';
		/* A text that gave way (a name) is marked with "…". */
		if (!p->rv->whole[k] &&
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

/* A report of the catalogue: its name and what it shows. */
static void
reports_draw_def(struct tui_screen *s, int i, int row)
{
	struct tui	*t = s->tui;
	char		 fit[512];

	tui_put(t, row, 4, 10, report_defs[i]->name, 0);
	tui_fit(_(report_defs[i]->summary), tui_cols(t) - 19, fit,
	    sizeof fit);
	tui_put(t, row, 15, tui_cols(t) - 19, fit, 0);
}

static int
reports_ndefs(void)
{
	int n;

	for (n = 0; report_defs[n] != NULL; n++)
		;
	return n;
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
	int		 n = p->rv->ncols, width = tui_cols(t) - 3;
	const char	*ask;

	if (p->mode == RM_PICK) {
		tui_put_bold(t, 2, 2, width, _("Every report: Enter runs the "
		    "one selected"));
		tui_list_draw(s, &p->pick, 4, tui_rows(t) - 8, 2,
		    reports_draw_def);
		return;
	}
	if (p->mode == RM_ASK)
		snprintf(line, sizeof line, "%s", _(p->def->title));
	else if (p->kind == RK_CARD && *p->item != '\0')
		snprintf(line, sizeof line, "%s: %s", _(p->rv->title),
		    p->item);
	else
		snprintf(line, sizeof line, "%s", _(p->rv->title));
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
			/* A heading that gave way ends in "…" as well. */
			tui_fit(titles[k], w[k], line, sizeof line);
			if (k < p->nshow)
				tui_put_bold(t, 5, col, w[k], line);
			free((char *)titles[k]);
		}
		tui_list_draw(s, &p->view, 6, tui_rows(t) - 10, 0,
		    reports_draw_row);
	}
	if (p->mode == RM_ITEM) {
		tui_put(t, tui_rows(t) - 4, 2, 24, _("Item (scan or type)"),
		    0);
		tui_put_field(t, tui_rows(t) - 4, 27, width - 25, &p->in, 1);
	} else if (p->mode != RM_FILTER) {
		ask = p->mode == RM_EXPORT ? _("Write CSV to") :
		    p->mode == RM_PDF ? _("Write PDF to") :
		    p->mode == RM_PRINT ? _("Printer (cups:QUEUE)") :
		    _(rfilters[p->ask].label);
		tui_put(t, tui_rows(t) - 4, 2, 24, ask, 0);
		tui_put_field(t, tui_rows(t) - 4, 27, width - 25, &p->in, 1);
	}
}

/* The file offered: ./NAME-DATE.csv, or in $HOME when . is not writable. */
static void
reports_default_path(struct tui_screen *s, const char *ext)
{
	struct reports	*p = s->data;
	const char	*home = getenv("HOME");
	char		 now[32];
	int		 n;

	wms_now_iso(tui_wms(s->tui), now);
	if (access(".", W_OK) == 0 || home == NULL || *home == '\0')
		n = snprintf(p->in.text, sizeof p->in.text, "%s-%.10s.%s",
		    p->rv->name, now, ext);
	else
		n = snprintf(p->in.text, sizeof p->in.text, "%s/%s-%.10s.%s",
		    home, p->rv->name, now, ext);
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

/* What is shown as a report of its own: the totals row kept at the end. */
static struct report *
reports_shown(struct reports *p)
{
	struct report	*view;
	size_t		*pick, i, n = 0;

	pick = xcalloc(p->nrows + 2, sizeof *pick);
	for (i = 0; i < p->nrows; i++)
		if (!report_is_total(p->r, p->rows[i]))
			pick[n++] = p->rows[i];
	for (i = 0; i < report_nrows(p->r); i++)
		if (report_is_total(p->r, i))
			pick[n++] = i;
	view = report_pick(p->r, pick, n);
	free(pick);
	return view;
}

/*
 * What is shown of the catalogue report as a PDF at path; an existing
 * file is replaced only when Enter is given twice.
 */
static int
reports_pdf(struct tui_screen *s, const char *path, int confirm,
    struct wms_err *err)
{
	struct reports	*p = s->data;
	struct report	*view;
	int		 rc;

	if (*path == '\0')
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("give the name of the file"));
	if (confirm && strcmp(p->replace, path) != 0 &&
	    access(path, F_OK) == 0) {
		snprintf(p->replace, sizeof p->replace, "%s", path);
		return wms_err_set(err, WMS_ERR_CONFLICT,
		    _("%s exists: Enter again replaces it"), path);
	}
	view = reports_shown(p);
	rc = report_def_pdf(tui_wms(s->tui), p->def, &p->rf, view, path,
	    err);
	report_free(view);
	if (rc == 0)
		*p->replace = '\0';
	return rc;
}

static int
reports_render(void *arg, const char *path, struct wms_err *err)
{
	return reports_pdf(arg, path, 0, err);
}

/* The PDF of what is shown to a printer, as makhzan voucher --printer. */
static int
reports_print(struct tui_screen *s, const char *printer, struct wms_err *err)
{
	if (label_printer_check(printer, err) != 0)
		return err->rc;
	return label_print_pdf(printer, "report", reports_render, s, err);
}

/* Run the chosen report with the filters typed. */
static void
reports_run_chosen(struct tui_screen *s)
{
	struct reports	*p = s->data;
	const char	**slot[] = {
		&p->rf.depot, &p->rf.location, &p->rf.category, &p->rf.item,
		&p->rf.from, &p->rf.to, &p->rf.user, &p->rf.cost_centre, NULL,
		&p->rf.at, &p->rf.count, &p->rf.type, NULL,
	};
	char		*end;
	long		 v;
	int		 i;

	p->mode = RM_FILTER;
	memset(&p->rf, 0, sizeof p->rf);
	for (i = 0; i < NRFILTERS; i++) {
		if (*p->fv[i] == '\0')
			continue;
		if (slot[i] != NULL) {
			*slot[i] = p->fv[i];
			continue;
		}
		errno = 0;
		v = strtol(p->fv[i], &end, 10);
		if (errno != 0 || *end != '\0' || v <= 0 || v > 100000000) {
			tui_status(s->tui, _("%s: give a whole number above "
			    "zero, not \"%s\""), _(rfilters[i].label),
			    p->fv[i]);
			return;
		}
		if (rfilters[i].bit == RF_DAYS)
			p->rf.days = v;
		else
			p->rf.limit = v;
	}
	p->kind = RK_DEF;
	p->rv = &p->dv;
	memset(&p->dv, 0, sizeof p->dv);
	p->dv.name = p->def->name;
	p->dv.title = p->def->title;
	p->sort = -1;
	p->desc = 0;
	reports_load(s);
	if (p->r != NULL)
		tui_status(s->tui, _("%s: %zu rows"), _(p->def->title),
		    report_nrows(p->r));
}

/* The next filter the chosen report takes, or run it after the last. */
static void
reports_ask_next(struct tui_screen *s)
{
	struct reports *p = s->data;

	while (++p->ask < NRFILTERS)
		if (p->def->filters & rfilters[p->ask].bit) {
			p->mode = RM_ASK;
			snprintf(p->in.text, sizeof p->in.text, "%s",
			    p->fv[p->ask]);
			p->in.len = strlen(p->in.text);
			return;
		}
	reports_run_chosen(s);
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
	if (p->mode == RM_ASK) {
		if (tui_take(s->tui, p->fv[p->ask], sizeof p->fv[p->ask],
		    p->in.text) != 0)
			return;
		reports_ask_next(s);
		return;
	}
	if (p->mode == RM_PDF) {
		if (reports_pdf(s, p->in.text, 1, &err) != 0) {
			tui_status(s->tui, "%s", err.msg);
			return;
		}
		tui_status(s->tui, _("%s written to %s"), _(p->def->title),
		    p->in.text);
		p->mode = RM_FILTER;
		return;
	}
	if (p->mode == RM_PRINT) {
		if (reports_print(s, p->in.text, &err) != 0) {
			tui_status(s->tui, "%s", err.msg);
			return;
		}
		snprintf(p->printer, sizeof p->printer, "%s", p->in.text);
		tui_status(s->tui, _("%s sent to %s"), _(p->def->title),
		    p->in.text);
		p->mode = RM_FILTER;
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
	p->rv = &rviews[kind];
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
	reports_switch(s, p->kind >= RK_BELOW ? RK_STOCK :
	    (enum rkind)(p->kind + 1));
	return TUI_HANDLED | TUI_REDRAW;
}

/* F6: sorted by the next column, ascending; after the last, no order. */
static int
reports_sort(struct tui_screen *s, int key)
{
	struct reports *p = s->data;

	(void)key;
	p->sort = p->sort + 1 < p->rv->ncols ? p->sort + 1 : -1;
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
	reports_default_path(s, "csv");
	return TUI_HANDLED | TUI_REDRAW;
}

/* F5: every report of the catalogue, one to choose. */
static int
reports_all(struct tui_screen *s, int key)
{
	struct reports *p = s->data;

	(void)key;
	p->mode = RM_PICK;
	tui_list_set(&p->pick, reports_ndefs());
	return TUI_HANDLED | TUI_REDRAW;
}

/* F8 PDF to a file, F4 to a printer: a report of the catalogue. */
static int
reports_paper(struct tui_screen *s, int key)
{
	struct reports *p = s->data;

	if (p->r == NULL || p->kind != RK_DEF) {
		tui_status(s->tui, "%s", _("PDF is for the reports of F5: "
		    "choose one there"));
		return TUI_HANDLED | TUI_REDRAW;
	}
	*p->replace = '\0';
	if (key == TUI_KEY_F(8)) {
		p->mode = RM_PDF;
		reports_default_path(s, "pdf");
	} else {
		p->mode = RM_PRINT;
		snprintf(p->in.text, sizeof p->in.text, "%s", p->printer);
		p->in.len = strlen(p->in.text);
	}
	return TUI_HANDLED | TUI_REDRAW;
}

static const struct tui_binding reports_keys[] = {
	{ .key = TUI_KEY_F(5), .label = "F5", .what = N_("all reports"),
	    .fn = reports_all },
	{ .key = '\t', .label = "Tab", .what = N_("next report"),
	    .fn = reports_next },
	{ .key = TUI_KEY_F(6), .label = "F6", .what = N_("sort"),
	    .fn = reports_sort },
	{ .key = TUI_KEY_F(7), .label = "F7", .what = N_("reverse"),
	    .fn = reports_reverse },
	{ .key = TUI_KEY_F(9), .label = "F9", .what = N_("CSV"),
	    .fn = reports_csv },
	{ .key = TUI_KEY_F(8), .label = "F8", .what = N_("PDF"),
	    .fn = reports_paper },
	{ .key = TUI_KEY_F(4), .label = "F4", .what = N_("print"),
	    .fn = reports_paper },
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

	if (p->mode == RM_PICK) {
		if (key == TUI_KEY_ESC)
			p->mode = RM_FILTER;
		else if (key == '\n' && p->pick.n > 0) {
			p->def = report_defs[p->pick.sel];
			memset(p->fv, 0, sizeof p->fv);
			p->ask = -1;
			tui_field_clear(&p->in);
			reports_ask_next(s);
		} else
			tui_list_key(&p->pick, key);
		return TUI_HANDLED | TUI_REDRAW;
	}
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
