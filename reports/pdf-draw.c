/*
 * The drawing primitives of printed reports (reports/pdf-draw.h): text
 * set with pango on a cairo page, measured and placed; used by the page
 * layout (reports/pdf.c) and the charts (reports/chart.c).
 */
#include <string.h>

#include <cairo.h>
#include <pango/pangocairo.h>

#include "reports/pdf-draw.h"

void
pdf_init(struct pdf *p, cairo_t *cr, int rtl)
{
	cairo_font_options_t *fo;

	memset(p, 0, sizeof *p);
	p->cr = cr;
	p->rtl = rtl;
	p->ctx = pango_cairo_create_context(cr);
	pango_cairo_context_set_resolution(p->ctx, 72);
	fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(p->ctx, fo);
	cairo_font_options_destroy(fo);
	pango_context_set_base_dir(p->ctx, rtl ? PANGO_DIRECTION_RTL :
	    PANGO_DIRECTION_LTR);
	/* Unrounded glyph positions: a width measured at one size scales. */
	pango_context_set_round_glyph_positions(p->ctx, FALSE);
	p->meas = pango_layout_new(p->ctx);
	pango_layout_set_auto_dir(p->meas, FALSE);
}

void
pdf_fini(struct pdf *p)
{
	if (p->meas != NULL)
		g_object_unref(p->meas);
	if (p->ctx != NULL)
		g_object_unref(p->ctx);
	memset(p, 0, sizeof *p);
}

void
pdf_font(PangoLayout *pl, double pt, int bold)
{
	PangoFontDescription *fd;

	fd = pango_font_description_from_string(PDF_FONT);
	pango_font_description_set_size(fd, (gint)(pt * PANGO_SCALE));
	if (bold)
		pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
	pango_layout_set_font_description(pl, fd);
	pango_font_description_free(fd);
}

/* The measuring layout in pt points, bold or not (set once per change). */
static void
pdf_meas_font(struct pdf *p, double pt, int bold)
{
	if (p->meas_pt == pt && p->meas_bold == bold)
		return;
	pdf_font(p->meas, pt, bold);
	p->meas_pt = pt;
	p->meas_bold = bold;
}

/* The baseline of a line of Latin text in pt points (pango units). */
static int
pdf_baseline(struct pdf *p, double pt, int bold)
{
	if (p->base_pt != pt || p->base_bold != bold) {
		pdf_meas_font(p, pt, bold);
		pango_layout_set_text(p->meas, "Ag", -1);
		p->base = pango_layout_get_baseline(p->meas);
		p->base_pt = pt;
		p->base_bold = bold;
	}
	return p->base;
}

double
pdf_width(struct pdf *p, const char *text, double pt, int bold)
{
	PangoRectangle	lr;

	pdf_meas_font(p, pt, bold);
	pango_layout_set_text(p->meas, text, -1);
	pango_layout_get_extents(p->meas, NULL, &lr);
	return (double)lr.width / PANGO_SCALE;
}

double
pdf_line_height(struct pdf *p, double pt)
{
	PangoRectangle	lr;

	pdf_meas_font(p, pt, 0);
	pango_layout_set_text(p->meas, "Ag", -1);
	pango_layout_get_extents(p->meas, NULL, &lr);
	return (double)lr.height / PANGO_SCALE;
}

double
pdf_text(struct pdf *p, const char *text, double x, double y, double w,
    double pt, int bold, enum pdf_align a, int cut)
{
	PangoLayout	*pl;
	PangoRectangle	 lr;

	pl = pango_layout_new(p->ctx);
	/* The paragraph's direction is the document's; alignment physical. */
	pango_layout_set_auto_dir(pl, FALSE);
	pdf_font(pl, pt, bold);
	pango_layout_set_width(pl, (int)(w * PANGO_SCALE));
	if (cut)
		pango_layout_set_ellipsize(pl, PANGO_ELLIPSIZE_END);
	else
		pango_layout_set_wrap(pl, PANGO_WRAP_WORD);
	pango_layout_set_alignment(pl, a == PDF_CENTER ? PANGO_ALIGN_CENTER :
	    a == PDF_RIGHT ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
	pango_layout_set_text(pl, text, -1);
	/*
	 * One line sits on the baseline of Latin text of its size, so that
	 * an Arabic cell (whose font is taller) lines up with its row.
	 */
	if (cut)
		y += (double)(pdf_baseline(p, pt, bold) -
		    pango_layout_get_baseline(pl)) / PANGO_SCALE;
	cairo_move_to(p->cr, x, y);
	pango_cairo_show_layout(p->cr, pl);
	pango_layout_get_extents(pl, NULL, &lr);
	g_object_unref(pl);
	return (double)lr.height / PANGO_SCALE;
}
