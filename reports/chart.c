/* Charts on a printed report: bars, a line over time, the ABC curve. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/i18n.h"
#include "lib/xmalloc.h"
#include "reports/pdf-draw.h"
#include "reports/report.h"

/* Bars beyond these many are summed into one "Other" bar. */
#define CHART_MAX_BARS	12

struct chart_point {
	char	*label;
	int64_t	 v;
};

/* The plot's box and how it maps values; mirrored right to left. */
struct chart_box {
	struct pdf	*p;
	double		 x0, y0, w, h;	/* the plot, axes excluded */
	int64_t		 max;		/* the top of the value axis */
};

static double
chart_x(const struct chart_box *b, double t)
{
	return b->p->rtl ? b->x0 + b->w - t * b->w : b->x0 + t * b->w;
}

static double
chart_y(const struct chart_box *b, int64_t v)
{
	if (b->max <= 0)
		return b->y0 + b->h;
	return b->y0 + b->h - (double)v / (double)b->max * b->h;
}

/* A step of 1, 2 or 5 times a power of ten giving about five ticks. */
static int64_t
chart_step(int64_t max)
{
	int64_t mag = 1, raw = max / 5;

	if (raw < 1)
		return 1;
	while (mag <= raw / 10)
		mag *= 10;
	if (raw <= mag)
		return mag;
	if (raw <= 2 * mag)
		return 2 * mag;
	if (raw <= 5 * mag)
		return 5 * mag;
	return 10 * mag;
}

/* A value as the report formats its column (a quantity, an amount). */
static const char *
chart_fmt(struct report *fmt, int col, int64_t v, char *buf, size_t len)
{
	report_num(fmt, col, v);
	return report_cell_text(fmt, 0, col, buf, len);
}

static int
chart_cmp_desc(const void *a, const void *b)
{
	const struct chart_point *x = a, *y = b;

	return (x->v < y->v) - (x->v > y->v);
}

/* Sum the value column by the label column; first seen first. */
static struct chart_point *
chart_sums(const struct report *r, const struct report_chart *c, size_t *np)
{
	struct chart_point	*pt = NULL;
	char			 buf[512];
	size_t			 n = 0, cap = 0, row, i;
	int64_t			 v;

	for (row = 0; row < report_nrows(r); row++) {
		if (!report_cell_num(r, row, c->value_col, &v))
			continue;
		report_cell_text(r, row, c->label_col, buf, sizeof buf);
		for (i = 0; i < n; i++)
			if (strcmp(pt[i].label, buf) == 0)
				break;
		if (i == n) {
			if (n == cap) {
				cap = cap ? cap * 2 : 32;
				pt = xreallocarray(pt, cap, sizeof *pt);
			}
			pt[n].label = xstrdup(buf);
			pt[n].v = 0;
			n++;
		}
		pt[i].v += v;
	}
	*np = n;
	return pt;
}

static void
chart_free(struct chart_point *pt, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(pt[i].label);
	free(pt);
}

/* The value axis: ticks, their values and light grid lines. */
static void
chart_axis(struct chart_box *b, struct report *fmt, int col, int percent)
{
	struct pdf	*p = b->p;
	char		 buf[64];
	int64_t		 step, v;
	double		 y, lw = 46;

	step = percent ? 20 : chart_step(b->max);
	if (!percent && b->max % step != 0)
		b->max = (b->max / step + 1) * step;
	for (v = 0; v <= b->max; v += step) {
		y = chart_y(b, v);
		cairo_set_source_rgb(p->cr, 0.85, 0.85, 0.85);
		cairo_set_line_width(p->cr, 0.4);
		cairo_move_to(p->cr, b->x0, y);
		cairo_line_to(p->cr, b->x0 + b->w, y);
		cairo_stroke(p->cr);
		cairo_set_source_rgb(p->cr, 0, 0, 0);
		if (percent)
			snprintf(buf, sizeof buf, "%lld%%", (long long)v);
		else
			chart_fmt(fmt, col, v, buf, sizeof buf);
		if (p->rtl)
			pdf_text(p, buf, b->x0 + b->w + 3, y - 4, lw - 4, 6, 0,
			    PDF_LEFT, 1);
		else
			pdf_text(p, buf, b->x0 - lw, y - 4, lw - 3, 6, 0,
			    PDF_RIGHT, 1);
	}
	cairo_set_source_rgb(p->cr, 0, 0, 0);
	cairo_set_line_width(p->cr, 0.8);
	cairo_move_to(p->cr, chart_x(b, 0), b->y0);
	cairo_line_to(p->cr, chart_x(b, 0), b->y0 + b->h);
	cairo_line_to(p->cr, chart_x(b, 1), b->y0 + b->h);
	cairo_stroke(p->cr);
}

static void
chart_bars(struct chart_box *b, const struct report *r,
    const struct report_chart *c, struct report *fmt)
{
	struct pdf		*p = b->p;
	struct chart_point	*pt;
	char			 buf[64];
	size_t			 n, i;
	double			 slot, bw, x, y;

	pt = chart_sums(r, c, &n);
	qsort(pt, n, sizeof *pt, chart_cmp_desc);
	if (n > CHART_MAX_BARS) {
		for (i = CHART_MAX_BARS - 1; i < n; i++) {
			if (i > CHART_MAX_BARS - 1) {
				pt[CHART_MAX_BARS - 1].v += pt[i].v;
				free(pt[i].label);
			}
		}
		free(pt[CHART_MAX_BARS - 1].label);
		/* TRANSLATORS: the bar that sums the smaller ones. */
		pt[CHART_MAX_BARS - 1].label = xstrdup(_("Other"));
		n = CHART_MAX_BARS;
	}
	b->max = 0;
	for (i = 0; i < n; i++)
		if (pt[i].v > b->max)
			b->max = pt[i].v;
	if (b->max <= 0)
		b->max = 1;
	chart_axis(b, fmt, c->value_col, 0);
	slot = n > 0 ? b->w / (double)n : b->w;
	bw = slot * 0.62;
	for (i = 0; i < n; i++) {
		/* The left edge of the slot, whichever way the bars run. */
		x = p->rtl ? b->x0 + b->w - (double)(i + 1) * slot :
		    b->x0 + (double)i * slot;
		y = chart_y(b, pt[i].v > 0 ? pt[i].v : 0);
		cairo_set_source_rgb(p->cr, PDF_CHART_R / 255.0,
		    PDF_CHART_G / 255.0, PDF_CHART_B / 255.0);
		cairo_rectangle(p->cr, x + (slot - bw) / 2, y, bw,
		    b->y0 + b->h - y);
		cairo_fill(p->cr);
		cairo_set_source_rgb(p->cr, 0, 0, 0);
		chart_fmt(fmt, c->value_col, pt[i].v, buf, sizeof buf);
		pdf_text(p, buf, x, y - 9, slot, 5.5, 0, PDF_CENTER, 1);
		pdf_text(p, pt[i].label, x + 1, b->y0 + b->h + 3, slot - 2,
		    6.5, 0, PDF_CENTER, 1);
	}
	chart_free(pt, n);
}

static void
chart_line(struct chart_box *b, const struct report *r,
    const struct report_chart *c, struct report *fmt)
{
	struct pdf	*p = b->p;
	char		 buf[512];
	size_t		 n = report_nrows(r), row, k, marks[3];
	int64_t		 v, min = 0;
	double		 t;
	int		 started = 0, i;

	b->max = 0;
	for (row = 0; row < n; row++)
		if (report_cell_num(r, row, c->value_col, &v)) {
			if (v > b->max)
				b->max = v;
			if (v < min)
				min = v;
		}
	if (b->max <= 0)
		b->max = 1;
	chart_axis(b, fmt, c->value_col, 0);
	cairo_set_source_rgb(p->cr, PDF_CHART_R / 255.0, PDF_CHART_G / 255.0,
	    PDF_CHART_B / 255.0);
	cairo_set_line_width(p->cr, 1.6);
	for (row = 0; row < n; row++) {
		if (!report_cell_num(r, row, c->value_col, &v))
			continue;
		t = n > 1 ? (double)row / (double)(n - 1) : 0.5;
		if (started)
			cairo_line_to(p->cr, chart_x(b, t), chart_y(b, v));
		else
			cairo_move_to(p->cr, chart_x(b, t), chart_y(b, v));
		started = 1;
	}
	if (n == 1)
		cairo_rel_line_to(p->cr, 0.5, 0);
	cairo_stroke(p->cr);
	/* The labels (dates) of the first, middle and last points. */
	cairo_set_source_rgb(p->cr, 0, 0, 0);
	marks[0] = 0;
	marks[1] = n / 2;
	marks[2] = n > 0 ? n - 1 : 0;
	for (i = 0; i < 3 && n > 0; i++) {
		k = marks[i];
		if (i > 0 && k == marks[i - 1])
			continue;
		t = n > 1 ? (double)k / (double)(n - 1) : 0.5;
		report_cell_text(r, k, c->label_col, buf, sizeof buf);
		/* Dates with a time: the date is enough under the axis. */
		if (strlen(buf) > 10 && buf[4] == '-')
			buf[10] = '\0';
		pdf_text(p, buf, chart_x(b, t) - 40, b->y0 + b->h + 3, 80,
		    6.5, 0, PDF_CENTER, 1);
	}
	(void)min;
}

static void
chart_curve(struct chart_box *b, const struct report *r,
    const struct report_chart *c)
{
	struct pdf		*p = b->p;
	struct chart_point	*pt;
	size_t			 n, i;
	int64_t			 sum = 0, acc = 0;
	double			 t, share;
	static const struct {
		const char	*zone;
		int		 upto;
	} zones[] = {
		{ "A", 80 }, { "B", 95 }, { "C", 100 },
	};

	pt = chart_sums(r, c, &n);
	qsort(pt, n, sizeof *pt, chart_cmp_desc);
	for (i = 0; i < n; i++)
		sum += pt[i].v > 0 ? pt[i].v : 0;
	b->max = 100;
	chart_axis(b, NULL, 0, 1);
	/* The 80 % and 95 % lines that divide A, B and C. */
	cairo_set_source_rgb(p->cr, 0.5, 0.5, 0.5);
	cairo_set_line_width(p->cr, 0.6);
	for (i = 0; i < 2; i++) {
		double dash[] = { 3, 2 };

		cairo_set_dash(p->cr, dash, 2, 0);
		cairo_move_to(p->cr, chart_x(b, 0), chart_y(b, zones[i].upto));
		cairo_line_to(p->cr, chart_x(b, 1), chart_y(b, zones[i].upto));
		cairo_stroke(p->cr);
		cairo_set_dash(p->cr, NULL, 0, 0);
	}
	cairo_set_source_rgb(p->cr, PDF_CHART_R / 255.0, PDF_CHART_G / 255.0,
	    PDF_CHART_B / 255.0);
	cairo_set_line_width(p->cr, 1.8);
	cairo_move_to(p->cr, chart_x(b, 0), chart_y(b, 0));
	for (i = 0; i < n; i++) {
		acc += pt[i].v > 0 ? pt[i].v : 0;
		t = (double)(i + 1) / (double)n;
		share = sum > 0 ? (double)acc * 100.0 / (double)sum : 0;
		cairo_line_to(p->cr, chart_x(b, t),
		    b->y0 + b->h - share / 100.0 * b->h);
	}
	cairo_stroke(p->cr);
	cairo_set_source_rgb(p->cr, 0, 0, 0);
	/* Each zone's letter in the middle of its band, at the far end. */
	for (i = 0; i < 3; i++) {
		int lo = i == 0 ? 0 : zones[i - 1].upto;

		pdf_text(p, zones[i].zone, chart_x(b, 0.985) - 6,
		    chart_y(b, (lo + zones[i].upto) / 2) - 4, 12, 6.5, 1,
		    PDF_CENTER, 1);
	}
	/* TRANSLATORS: the horizontal axis of the ABC curve. */
	pdf_text(p, _("share of items, largest value first"), b->x0,
	    b->y0 + b->h + 3, b->w, 6.5, 0, PDF_CENTER, 1);
	chart_free(pt, n);
}

void
report_chart_draw(struct pdf *p, const struct report *r,
    const struct report_chart *c, double x, double y, double w, double h)
{
	struct chart_box	 b;
	struct report		*fmt;
	double			 th = 0;

	if (c == NULL || c->kind == REPORT_CHART_NONE || c->value_col < 0 ||
	    c->value_col >= report_ncols(r) || c->label_col < 0 ||
	    c->label_col >= report_ncols(r))
		return;
	cairo_save(p->cr);
	cairo_set_source_rgb(p->cr, 0, 0, 0);
	if (c->title != NULL)
		th = pdf_text(p, c->title, x, y, w, 9, 1, PDF_CENTER, 1) + 4;
	memset(&b, 0, sizeof b);
	b.p = p;
	b.w = w - 54;
	b.x0 = p->rtl ? x + 4 : x + 50;
	b.y0 = y + th + 8;
	b.h = h - th - 8 - 16;
	fmt = report_pick(r, NULL, 0);
	report_row(fmt);
	switch (c->kind) {
	case REPORT_CHART_BARS:
		chart_bars(&b, r, c, fmt);
		break;
	case REPORT_CHART_LINE:
		chart_line(&b, r, c, fmt);
		break;
	case REPORT_CHART_CURVE:
		chart_curve(&b, r, c);
		break;
	case REPORT_CHART_NONE:
		break;
	}
	report_free(fmt);
	cairo_restore(p->cr);
}
