/*
 * Inside reports/ only: text and charts on a cairo page, in points (1/72
 * inch), shaped and laid out by pango; shared by pdf.c and chart.c.
 */
#ifndef REPORT_PDF_DRAW_H
#define REPORT_PDF_DRAW_H

#include <cairo.h>
#include <pango/pangocairo.h>

#include "reports/pdf.h"

/* One family for both scripts: Noto Sans, its Arabic sister for Arabic. */
#define PDF_FONT	"Noto Sans, Noto Sans Arabic, DejaVu Sans"

enum pdf_align {
	PDF_LEFT,
	PDF_CENTER,
	PDF_RIGHT,
};

struct pdf {
	cairo_t		*cr;
	PangoContext	*ctx;
	PangoLayout	*meas;		/* reused for measuring */
	int		 rtl;
	/* The last font set on meas, and the last baseline looked up. */
	double		 meas_pt, base_pt;
	int		 meas_bold, base_bold;
	int		 base;		/* pango units */
};

/* A context for cr: points, unhinted metrics, the paragraph direction. */
void	pdf_init(struct pdf *, cairo_t *cr, int rtl);
void	pdf_fini(struct pdf *);
/* The width of text on one line at pt points. */
double	pdf_width(struct pdf *, const char *text, double pt, int bold);
/*
 * Draw text in the box from x, w points wide, top at y: one line,
 * ellipsized at its end when cut is set, else wrapped on words (a word
 * longer than the box is never cut).  The physical alignment is a's
 * whatever the direction.  Returns the height drawn.
 */
double	pdf_text(struct pdf *, const char *text, double x, double y, double w,
	    double pt, int bold, enum pdf_align a, int cut);
/* The height of one line at pt points. */
double	pdf_line_height(struct pdf *, double pt);
/* Set a layout's font: PDF_FONT in pt points, bold or not. */
void	pdf_font(PangoLayout *, double pt, int bold);

/*
 * Draw the chart c of r in the box (x, y, w, h): bars, a line or the ABC
 * curve, with axes, their values and the labels (Arabic shaped, right to
 * left in p->rtl).
 */
void	report_chart_draw(struct pdf *p, const struct report *r,
	    const struct report_chart *c, double x, double y, double w,
	    double h);

/* The colour of the bars and the line: the tests look for it. */
#define PDF_CHART_R	0x1f
#define PDF_CHART_G	0x77
#define PDF_CHART_B	0xb4

#endif
