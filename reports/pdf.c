/* Reports on paper: an A4 PDF of a struct report through cairo and pango. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include <cairo-pdf.h>

#include "lib/i18n.h"
#include "lib/xmalloc.h"
#include "reports/pdf-draw.h"
#include "reports/pdf.h"
#include "reports/report.h"

/* A4 in points, the margins, the type sizes. */
#define PDF_W		595.276
#define PDF_H		841.89
#define PDF_M		34.0
#define PDF_BODY	8.0	/* the table, at most */
#define PDF_SMALLEST	5.0	/* a table too wide is set smaller, to here */
#define PDF_PAD		3.0	/* each side of a cell */
#define PDF_CHART_H	210.0
#define PDF_SIGN_H	62.0

int
report_pdf_rtl(void)
{
	/*
	 * TRANSLATORS: the direction of the language: "default:RTL" for
	 * Arabic (printed reports are laid out right to left), else as is.
	 */
	return strcmp(_("default:LTR"), "default:RTL") == 0;
}

/* Whether s has an Arabic letter (U+0600 to U+077F: lead bytes D8-DD). */
static int
pdf_has_arabic(const char *s)
{
	const unsigned char *u;

	for (u = (const unsigned char *)s; *u != '\0'; u++)
		if (*u >= 0xd8 && *u <= 0xdd)
			return 1;
	return 0;
}

/*
 * Text isolated from its neighbours (an isolate ... PDI), so that
 * "2026-12-03 01:16" or "HMS/A/01" keeps its order in an Arabic line and
 * an Arabic name in an English one: its direction is its first strong
 * letter's (FSI), but in a right-to-left page text with any Arabic in it
 * reads right to left (RLI), so that "HMS — مستودع حمص" starts at the
 * right as the page does.
 */
static void
pdf_isolate(int rtl, const char *s, char *out, size_t n)
{
	snprintf(out, n, "%s%s\u2069", rtl && pdf_has_arabic(s) ?
	    "\u2067" : "\u2068", s);
}

/* "Label: value" with the value isolated. */
static void
pdf_isolate_value(int rtl, const char *s, char *out, size_t n)
{
	const char	*colon = strstr(s, ": ");
	char		 v[1024];

	if (colon == NULL) {
		pdf_isolate(rtl, s, out, n);
		return;
	}
	pdf_isolate(rtl, colon + 2, v, sizeof v);
	/* Cut at n like any other text: a filter is one line. */
	if ((size_t)snprintf(out, n, "%.*s", (int)(colon + 2 - s), s) < n)
		strncat(out, v, n - strlen(out) - 1);
}

/* The start (reading) side of a document: right in Arabic. */
static enum pdf_align
pdf_start(const struct pdf *p)
{
	return p->rtl ? PDF_RIGHT : PDF_LEFT;
}

static enum pdf_align
pdf_end(const struct pdf *p)
{
	return p->rtl ? PDF_LEFT : PDF_RIGHT;
}

/* A column as the table draws it. */
struct pdf_col {
	double	 w;		/* on paper, padding included */
	double	 x;		/* left edge */
	int	 num;		/* a number: aligned at the end */
	int	 cut;		/* prose: may be ellipsized */
	int	 total;		/* summed and carried over pages */
};

/* Everything a printed report needs to lay out its pages. */
struct pdf_job {
	const struct report		*r;
	const struct report_pdf_meta	*m;
	struct pdf			 p;
	struct pdf_col			*cols;
	int				 ncols;
	int				 ntotals;
	double				 pt;		/* the table's size */
	double				 rowh, headh;
	double				 top1, topn;	/* first, later pages */
	double				 foot;		/* the footer's room */
	size_t				*starts;	/* first row per page */
	int				 npages;
	int64_t				*run;		/* running totals */
	struct report			*tot;		/* formats the totals */
};

/* Text that has no space is an identifier: a number, a bin, a code. */
static int
pdf_is_word(const char *s)
{
	return strchr(s, ' ') == NULL;
}

/* Columns a person reads as a time or a date are never cut either. */
static int
pdf_key_whole(const char *key)
{
	size_t n = strlen(key);

	return strcmp(key, "at") == 0 || strstr(key, "date") != NULL ||
	    (n > 3 && strcmp(key + n - 3, "_at") == 0) ||
	    strcmp(key, "expiry") == 0;
}

static int
pdf_is_total(const struct report_pdf_meta *m, int col)
{
	int i;

	if (m->total_cols == NULL)
		return 0;
	for (i = 0; m->total_cols[i] >= 0; i++)
		if (m->total_cols[i] == col)
			return 1;
	return 0;
}

/* The width of the longest word of a title, in bold at 10 points. */
static double
pdf_longest_word(struct pdf *p, const char *title)
{
	char	 t[256], *w, *save = NULL;
	double	 max = 0, ww;

	snprintf(t, sizeof t, "%s", title);
	for (w = strtok_r(t, " ", &save); w != NULL;
	    w = strtok_r(NULL, " ", &save))
		if ((ww = pdf_width(p, w, 10, 1)) > max)
			max = ww;
	return max;
}

/*
 * Column widths by content, measured with pango at 10 points and scaled:
 * text with no space (document numbers, bins, codes) and numbers are
 * never cut, prose gives way first (ellipsized), and when even the whole
 * columns do not fit the table is set smaller, down to PDF_SMALLEST.
 */
static void
pdf_widths(struct pdf_job *j)
{
	const struct report	*r = j->r;
	double			*nat, *whole, avail, sumw, sumc, fixed, k, extra;
	char			 buf[1024];
	size_t			 row;
	int			 c, n = j->ncols;

	avail = PDF_W - 2 * PDF_M;
	nat = xcalloc((size_t)n, sizeof *nat);
	whole = xcalloc((size_t)n, sizeof *whole);
	for (c = 0; c < n; c++) {
		enum report_type t = report_col_type(r, c);

		j->cols[c].num = !report_is_text(t) && t != REPORT_BOOL;
		j->cols[c].total = pdf_is_total(j->m, c) && j->cols[c].num;
		j->cols[c].cut = !j->cols[c].num &&
		    !pdf_key_whole(report_key(r, c));
		/* A title wraps on words: its longest word must fit. */
		nat[c] = pdf_width(&j->p, _(report_title(r, c)), 10, 1);
		whole[c] = pdf_longest_word(&j->p, _(report_title(r, c)));
		for (row = 0; row < report_nrows(r); row++) {
			double ww;

			report_cell_text(r, row, c, buf, sizeof buf);
			if (*buf == '\0')
				continue;
			ww = pdf_width(&j->p, buf, 10, 0);
			if (ww > nat[c])
				nat[c] = ww;
			if ((!j->cols[c].cut || pdf_is_word(buf)) &&
			    ww > whole[c])
				whole[c] = ww;
		}
		if (j->cols[c].total) {
			/* The grand total, in bold, is the widest cell. */
			int64_t	 sum = 0, v;
			double	 ww;

			for (row = 0; row < report_nrows(r); row++)
				if (report_cell_num(r, row, c, &v))
					sum += v;
			report_num(j->tot, c, sum);
			report_cell_text(j->tot, 0, c, buf, sizeof buf);
			ww = pdf_width(&j->p, buf, 10, 1);

			if (ww > whole[c])
				whole[c] = ww;
			if (ww > nat[c])
				nat[c] = ww;
		}
	}
	/* A prose column whose cells are all single words is whole. */
	for (c = 0; c < n; c++)
		if (j->cols[c].cut && whole[c] >= nat[c])
			j->cols[c].cut = 0;
	/*
	 * A little room over the measure: pango ellipsizes text that is a
	 * rounding wider than its box, and a whole column must never be.
	 */
	for (c = 0; c < n; c++) {
		nat[c] += 2;
		whole[c] += 2;
		if (whole[c] > nat[c])
			nat[c] = whole[c];
	}
	/*
	 * Each column has a least width (whole[]: a whole column's widest
	 * cell, prose's longest word, and the longest word of the title,
	 * which wraps) and a natural one (nat[]: everything on one line).
	 * The size is the body's unless even the least widths do not fit.
	 * From the least widths, what room is left takes every column
	 * towards its natural width alike; beyond that it is shared.
	 */
	k = PDF_BODY / 10;
	fixed = 2 * PDF_PAD * n;
	sumw = sumc = 0;
	for (c = 0; c < n; c++) {
		sumw += whole[c];
		sumc += nat[c] - whole[c];
	}
	if (sumw * k + fixed > avail)
		k = (avail - fixed) / sumw;
	if (k < PDF_SMALLEST / 10)
		k = PDF_SMALLEST / 10;
	j->pt = k * 10;
	extra = avail - fixed - sumw * k;
	for (c = 0; c < n; c++) {
		double w = whole[c] * k;

		if (extra > 0 && sumc > 0)
			w += (nat[c] - whole[c]) * k *
			    (extra >= sumc * k ? 1 : extra / (sumc * k));
		j->cols[c].w = w + 2 * PDF_PAD;
	}
	/* Room left over goes to every column alike. */
	sumw = 0;
	for (c = 0; c < n; c++)
		sumw += j->cols[c].w;
	if (sumw < avail)
		for (c = 0; c < n; c++)
			j->cols[c].w += (avail - sumw) / n;
	/* Right to left: the first column at the right edge. */
	{
		double x = PDF_M;

		for (c = 0; c < n; c++) {
			int cc = j->p.rtl ? n - 1 - c : c;

			j->cols[cc].x = x;
			x += j->cols[cc].w;
		}
	}
	free(nat);
	free(whole);
}

/* The height of the title row: titles wrap on words. */
static double
pdf_head_height(struct pdf_job *j)
{
	PangoLayout	*pl;
	PangoRectangle	 lr;
	double		 h = 0;
	int		 c;

	pl = pango_layout_new(j->p.ctx);
	pango_layout_set_auto_dir(pl, FALSE);
	pdf_font(pl, j->pt, 1);
	pango_layout_set_wrap(pl, PANGO_WRAP_WORD);
	for (c = 0; c < j->ncols; c++) {
		pango_layout_set_width(pl, (int)((j->cols[c].w - 2 * PDF_PAD) *
		    PANGO_SCALE));
		pango_layout_set_text(pl, _(report_title(j->r, c)), -1);
		pango_layout_get_extents(pl, NULL, &lr);
		if ((double)lr.height / PANGO_SCALE > h)
			h = (double)lr.height / PANGO_SCALE;
	}
	g_object_unref(pl);
	return h + 2 * PDF_PAD;
}

/* Lines of filters: two to a line. */
static int
pdf_nfilters(const struct report_pdf_meta *m)
{
	int n = 0;

	if (m->filters != NULL)
		while (m->filters[n] != NULL)
			n++;
	return n;
}

/* The header of every page; the first adds the filters. Returns its end. */
static double
pdf_header(struct pdf_job *j, int first)
{
	struct pdf			*p = &j->p;
	const struct report_pdf_meta	*m = j->m;
	double				 y = PDF_M, w = PDF_W - 2 * PDF_M;
	double				 half = w / 2, lh;
	int				 i, n;

	cairo_set_source_rgb(p->cr, 0, 0, 0);
	y += pdf_text(p, m->ministry != NULL ? m->ministry :
	    _("Ministry of Oil and Mineral Resources"), PDF_M, y, w, 11, 1,
	    PDF_CENTER, 1);
	if (m->depot != NULL && *m->depot != '\0')
		y += pdf_text(p, m->depot, PDF_M, y, w, 10, 0, PDF_CENTER, 1);
	y += 4;
	y += pdf_text(p, m->title != NULL ? m->title : "", PDF_M, y, w, 14, 1,
	    PDF_CENTER, 1);
	y += 4;
	if (first && (n = pdf_nfilters(m)) > 0) {
		lh = pdf_line_height(p, 8.5);
		for (i = 0; i < n; i++) {
			/* Reading order: the first of a pair at the start. */
			int	 second = i % 2;
			double	 x = PDF_M + ((second != 0) != (p->rtl != 0) ?
			    half : 0);

			char buf[1024];

			pdf_isolate_value(p->rtl, m->filters[i], buf,
			    sizeof buf);
			pdf_text(p, buf, x, y, half - 6, 8.5, 0, pdf_start(p),
			    1);
			if (second || i == n - 1)
				y += lh;
		}
		y += 4;
	}
	cairo_set_line_width(p->cr, 0.8);
	cairo_move_to(p->cr, PDF_M, y);
	cairo_line_to(p->cr, PDF_W - PDF_M, y);
	cairo_stroke(p->cr);
	return y + 6;
}

/* The room the header takes, measured by drawing it on a scratch page. */
static double
pdf_header_height(struct pdf_job *j, int first)
{
	cairo_surface_t	*s;
	cairo_t		*cr, *keep = j->p.cr;
	double		 h;

	s = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, NULL);
	cr = cairo_create(s);
	j->p.cr = cr;
	h = pdf_header(j, first);
	j->p.cr = keep;
	cairo_destroy(cr);
	cairo_surface_destroy(s);
	return h;
}

static void
pdf_footer(struct pdf_job *j, int page)
{
	struct pdf	*p = &j->p;
	char		 buf[256], who[512], u[128], at[128];
	double		 y = PDF_H - PDF_M - j->foot + 4, w = PDF_W - 2 * PDF_M;

	cairo_set_source_rgb(p->cr, 0, 0, 0);
	cairo_set_line_width(p->cr, 0.5);
	cairo_move_to(p->cr, PDF_M, y - 2);
	cairo_line_to(p->cr, PDF_W - PDF_M, y - 2);
	cairo_stroke(p->cr);
	/* TRANSLATORS: page n of m, at the foot of a printed report. */
	snprintf(buf, sizeof buf, _("%d / %d"), page + 1, j->npages);
	pdf_text(p, buf, PDF_M, y, w, 8, 0, pdf_end(p), 1);
	/* TRANSLATORS: who printed a report and when (local time). */
	pdf_isolate(p->rtl, j->m->user != NULL ? j->m->user : "", u,
	    sizeof u);
	pdf_isolate(p->rtl, j->m->printed_at != NULL ? j->m->printed_at :
	    "", at, sizeof at);
	snprintf(who, sizeof who, _("Printed by %s, %s"), u, at);
	pdf_text(p, who, p->rtl ? PDF_M + w * 0.25 : PDF_M, y, w * 0.75, 8, 0,
	    pdf_start(p), 1);
}

/* Row background and cell text of row (or the titles when row < 0). */
static void
pdf_row(struct pdf_job *j, long row, double y, double h)
{
	struct pdf	*p = &j->p;
	char		 buf[1024], iso[1040];
	int		 c;

	if (row < 0) {
		cairo_set_source_rgb(p->cr, 0.86, 0.89, 0.93);
		cairo_rectangle(p->cr, PDF_M, y, PDF_W - 2 * PDF_M, h);
		cairo_fill(p->cr);
	} else if (row % 2 == 1) {
		cairo_set_source_rgb(p->cr, 0.96, 0.96, 0.96);
		cairo_rectangle(p->cr, PDF_M, y, PDF_W - 2 * PDF_M, h);
		cairo_fill(p->cr);
	}
	cairo_set_source_rgb(p->cr, 0, 0, 0);
	for (c = 0; c < j->ncols; c++) {
		const struct pdf_col *k = &j->cols[c];

		if (row < 0) {
			pdf_text(p, _(report_title(j->r, c)), k->x + PDF_PAD,
			    y + PDF_PAD, k->w - 2 * PDF_PAD, j->pt, 1,
			    k->num ? pdf_end(p) : pdf_start(p), 0);
			continue;
		}
		report_cell_text(j->r, (size_t)row, c, buf, sizeof buf);
		if (*buf == '\0')
			continue;
		pdf_isolate(p->rtl, buf, iso, sizeof iso);
		pdf_text(p, iso, k->x + PDF_PAD, y + PDF_PAD / 2,
		    k->w - 2 * PDF_PAD, j->pt, 0, k->num ? pdf_end(p) :
		    pdf_start(p), 1);
	}
}

/* A line of totals: "Carried forward" or "Total" and the running sums. */
static void
pdf_total_row(struct pdf_job *j, const char *what, double y)
{
	struct pdf	*p = &j->p;
	char		 buf[128];
	double		 lx = PDF_W, rx = 0;
	int		 c;

	cairo_set_source_rgb(p->cr, 0.92, 0.92, 0.86);
	cairo_rectangle(p->cr, PDF_M, y, PDF_W - 2 * PDF_M, j->rowh);
	cairo_fill(p->cr);
	cairo_set_source_rgb(p->cr, 0, 0, 0);
	for (c = 0; c < j->ncols; c++) {
		if (!j->cols[c].total)
			continue;
		report_num(j->tot, c, j->run[c]);
		report_cell_text(j->tot, 0, c, buf, sizeof buf);
		pdf_text(p, buf, j->cols[c].x + PDF_PAD, y + PDF_PAD / 2,
		    j->cols[c].w - 2 * PDF_PAD, j->pt, 1, pdf_end(p), 0);
		if (j->cols[c].x < lx)
			lx = j->cols[c].x;
		if (j->cols[c].x + j->cols[c].w > rx)
			rx = j->cols[c].x + j->cols[c].w;
	}
	/* The words where the totals are not: the start side. */
	if (p->rtl)
		pdf_text(p, what, rx + PDF_PAD, y + PDF_PAD / 2,
		    PDF_W - PDF_M - rx - 2 * PDF_PAD, j->pt, 1, PDF_RIGHT, 1);
	else
		pdf_text(p, what, PDF_M + PDF_PAD, y + PDF_PAD / 2,
		    lx - PDF_M - 2 * PDF_PAD, j->pt, 1, PDF_LEFT, 1);
	cairo_set_line_width(p->cr, 0.5);
	cairo_move_to(p->cr, PDF_M, y);
	cairo_line_to(p->cr, PDF_W - PDF_M, y);
	cairo_stroke(p->cr);
}

/* Signature lines: a title and a line to sign on, side by side. */
static void
pdf_signatures(struct pdf_job *j, double y)
{
	struct pdf	*p = &j->p;
	double		 w, x;
	int		 i, n = 0;

	while (j->m->signatures[n] != NULL)
		n++;
	if (n == 0)
		return;
	w = (PDF_W - 2 * PDF_M) / n;
	cairo_set_source_rgb(p->cr, 0, 0, 0);
	for (i = 0; i < n; i++) {
		int slot = p->rtl ? n - 1 - i : i;

		x = PDF_M + slot * w;
		pdf_text(p, _(j->m->signatures[i]), x + 6, y, w - 12, 9, 1,
		    PDF_CENTER, 1);
		/* TRANSLATORS: under a signature line: the name. */
		pdf_text(p, _("Name:"), x + 6, y + 16, w - 12, 8, 0,
		    pdf_start(p), 1);
		pdf_text(p, _("Signature:"), x + 6, y + 34, w - 12, 8, 0,
		    pdf_start(p), 1);
		cairo_set_line_width(p->cr, 0.5);
		cairo_move_to(p->cr, x + 12, y + 52);
		cairo_line_to(p->cr, x + w - 12, y + 52);
		cairo_stroke(p->cr);
	}
}

/*
 * Rows to pages: each page holds what its room allows; the last one also
 * the total and the signatures, so rows move to a new page rather than
 * let the total or the signatures fall off.
 */
static void
pdf_paginate(struct pdf_job *j)
{
	size_t	 nrows = report_nrows(j->r), i = 0, cap, capt, rem, n;
	size_t	 room = 16;
	double	 avail, tail;
	int	 k = 0;

	j->starts = xcalloc(room, sizeof *j->starts);
	tail = j->m->signatures != NULL ? PDF_SIGN_H + 10 : 0;
	for (;;) {
		avail = PDF_H - PDF_M - j->foot - (k == 0 ? j->top1 : j->topn) -
		    j->headh;
		if (k == 0 && j->m->chart != NULL &&
		    j->m->chart->kind != REPORT_CHART_NONE && nrows > 0)
			avail -= PDF_CHART_H;
		if (j->ntotals > 0)
			avail -= (k > 0 ? 2 : 1) * j->rowh;
		cap = avail > j->rowh ? (size_t)(avail / j->rowh) : 1;
		capt = avail - tail > j->rowh ?
		    (size_t)((avail - tail) / j->rowh) : 0;
		if ((size_t)k + 1 >= room) {
			j->starts = xreallocarray(j->starts, room * 2,
			    sizeof *j->starts);
			room *= 2;
		}
		j->starts[k] = i;
		rem = nrows - i;
		if (rem <= capt) {
			k++;
			break;
		}
		n = rem <= cap ? rem - 1 : cap;
		if (n == 0 && rem > 0)
			n = 1;
		i += n;
		k++;
	}
	j->starts[k] = nrows;
	j->npages = k;
}

static cairo_status_t
pdf_write_fn(void *closure, const unsigned char *data, unsigned int len)
{
	return fwrite(data, 1, len, closure) == len ? CAIRO_STATUS_SUCCESS :
	    CAIRO_STATUS_WRITE_ERROR;
}

static void
pdf_page(struct pdf_job *j, int k)
{
	struct pdf	*p = &j->p;
	double		 y;
	size_t		 row;
	int		 c, last = k == j->npages - 1;

	y = pdf_header(j, k == 0);
	if (k == 0 && j->m->chart != NULL &&
	    j->m->chart->kind != REPORT_CHART_NONE && report_nrows(j->r) > 0) {
		report_chart_draw(p, j->r, j->m->chart, PDF_M, y,
		    PDF_W - 2 * PDF_M, PDF_CHART_H - 10);
		y += PDF_CHART_H;
	}
	pdf_row(j, -1, y, j->headh);
	y += j->headh;
	if (k > 0 && j->ntotals > 0) {
		/* TRANSLATORS: the totals brought from the previous page. */
		pdf_total_row(j, _("Brought forward"), y);
		y += j->rowh;
	}
	for (row = j->starts[k]; row < j->starts[k + 1]; row++) {
		pdf_row(j, (long)row, y, j->rowh);
		for (c = 0; c < j->ncols; c++) {
			int64_t v;

			if (j->cols[c].total &&
			    report_cell_num(j->r, row, c, &v))
				j->run[c] += v;
		}
		y += j->rowh;
	}
	if (j->ntotals > 0) {
		/* TRANSLATORS: the totals so far, at the foot of a page. */
		pdf_total_row(j, last ? _("Total") : _("Carried forward"), y);
		y += j->rowh;
	}
	cairo_set_line_width(p->cr, 0.8);
	cairo_move_to(p->cr, PDF_M, y);
	cairo_line_to(p->cr, PDF_W - PDF_M, y);
	cairo_stroke(p->cr);
	if (report_nrows(j->r) == 0 && k == 0) {
		y += 6;
		pdf_text(p, _("Nothing to show."), PDF_M, y, PDF_W - 2 * PDF_M,
		    9, 0, PDF_CENTER, 1);
		y += 16;
	}
	if (last && j->m->signatures != NULL)
		pdf_signatures(j, y + 14);
	pdf_footer(j, k);
}

int
report_pdf_write(const struct report *r, const struct report_pdf_meta *m,
    const char *path, struct wms_err *err)
{
	struct pdf_job	 j;
	cairo_surface_t	*s = NULL;
	cairo_t		*cr = NULL;
	FILE		*f = NULL;
	char		*tmp;
	int		 fd, k, c, e, rc = 0;

	memset(&j, 0, sizeof j);
	tmp = xmalloc(strlen(path) + 8);
	sprintf(tmp, "%s.XXXXXX", path);
	if ((fd = mkstemp(tmp)) < 0) {
		rc = wms_err_set(err, WMS_ERR_IO, _("cannot write %s: %s"),
		    path, strerror(errno));
		free(tmp);
		return rc;
	}
	fchmod(fd, 0644);
	if ((f = fdopen(fd, "wb")) == NULL) {
		e = errno;
		close(fd);
		rc = wms_err_set(err, WMS_ERR_IO, _("cannot write %s: %s"),
		    path, strerror(e));
		goto out;
	}
	s = cairo_pdf_surface_create_for_stream(pdf_write_fn, f, PDF_W, PDF_H);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE,
	    m->title != NULL ? m->title : "");
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR,
	    "makhzan");
	cr = cairo_create(s);
	pdf_init(&j.p, cr, m->rtl);
	j.r = r;
	j.m = m;
	j.ncols = report_ncols(r);
	j.cols = xcalloc((size_t)(j.ncols > 0 ? j.ncols : 1), sizeof *j.cols);
	j.run = xcalloc((size_t)(j.ncols > 0 ? j.ncols : 1), sizeof *j.run);
	/* An empty report of the same columns formats the totals. */
	j.tot = report_pick(r, NULL, 0);
	report_row(j.tot);
	pdf_widths(&j);
	for (c = 0; c < j.ncols; c++)
		j.ntotals += j.cols[c].total;
	j.rowh = pdf_line_height(&j.p, j.pt) + PDF_PAD;
	j.headh = pdf_head_height(&j);
	j.top1 = pdf_header_height(&j, 1);
	j.topn = pdf_header_height(&j, 0);
	j.foot = pdf_line_height(&j.p, 8) + 8;
	pdf_paginate(&j);
	for (k = 0; k < j.npages; k++) {
		pdf_page(&j, k);
		cairo_show_page(cr);
	}
	pdf_fini(&j.p);
	cairo_destroy(cr);
	cr = NULL;
	cairo_surface_finish(s);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		rc = wms_err_set(err, WMS_ERR_IO, _("cannot write %s: %s"),
		    path, cairo_status_to_string(cairo_surface_status(s)));
		goto out;
	}
	if (fflush(f) != 0 || fsync(fileno(f)) != 0) {
		rc = wms_err_set(err, WMS_ERR_IO, _("cannot write %s: %s"),
		    path, strerror(errno));
		goto out;
	}
	e = fclose(f);
	f = NULL;
	if (e != 0 || rename(tmp, path) != 0) {
		rc = wms_err_set(err, WMS_ERR_IO, _("cannot write %s: %s"),
		    path, strerror(errno));
		goto out;
	}
out:
	if (cr != NULL) {
		pdf_fini(&j.p);
		cairo_destroy(cr);
	}
	if (s != NULL)
		cairo_surface_destroy(s);
	if (f != NULL)
		fclose(f);
	if (rc != 0)
		unlink(tmp);
	free(tmp);
	free(j.cols);
	free(j.run);
	free(j.starts);
	report_free(j.tot);
	return rc;
}
