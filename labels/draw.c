/* Drawing labels with cairo; text shaped and laid out by pango. */
#include <stdlib.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "lib/xmalloc.h"
#include "labels/draw.h"

/*
 * A pango layout of text in a box w dots wide and h high.  Resolution is
 * the printer's, so "8" in a font is 8 points on paper whatever the
 * surface; metrics are not hinted, so PNG, PDF and the ZPL bitmaps break
 * lines at the same places.
 */
static PangoLayout *
draw_layout(cairo_t *cr, const char *text, const char *font,
    enum label_align align, int w, int h, int dpi)
{
	PangoLayout		*pl;
	PangoContext		*pc;
	PangoFontDescription	*fd;
	cairo_font_options_t	*fo;

	pl = pango_cairo_create_layout(cr);
	pc = pango_layout_get_context(pl);
	pango_cairo_context_set_resolution(pc, dpi);
	fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(pc, fo);
	cairo_font_options_destroy(fo);
	pango_layout_context_changed(pl);
	fd = pango_font_description_from_string(font);
	pango_layout_set_font_description(pl, fd);
	pango_font_description_free(fd);
	pango_layout_set_width(pl, w * PANGO_SCALE);
	pango_layout_set_height(pl, h * PANGO_SCALE);
	pango_layout_set_wrap(pl, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_ellipsize(pl, PANGO_ELLIPSIZE_END);
	/* Left and right are swapped for a right-to-left paragraph (pango's
	 * auto_dir), so "start" is the right edge of an Arabic name. */
	pango_layout_set_alignment(pl, align == LABEL_ALIGN_CENTER ?
	    PANGO_ALIGN_CENTER : align == LABEL_ALIGN_END ? PANGO_ALIGN_RIGHT :
	    PANGO_ALIGN_LEFT);
	pango_layout_set_text(pl, text, -1);
	return pl;
}

static void
draw_text(cairo_t *cr, const struct label_op *op, int dpi)
{
	PangoLayout	*pl;

	pl = draw_layout(cr, op->text, op->f->font, op->f->align, op->w,
	    op->h, dpi);
	cairo_move_to(cr, op->x, op->y);
	pango_cairo_show_layout(cr, pl);
	g_object_unref(pl);
}

static void
draw_symbol(cairo_t *cr, const struct label_op *op, int dpi)
{
	const struct label_symbol	*s = &op->sym;
	PangoLayout			*pl;
	int				 x, y, run, m = op->module;

	cairo_save(cr);
	cairo_set_antialias(cr, CAIRO_ANTIALIAS_NONE);
	for (y = 0; y < s->height; y++) {
		for (x = 0; x < s->width; x += run) {
			for (run = 0; x + run < s->width &&
			    s->bits[y * s->width + x + run]; run++)
				;
			if (run == 0) {
				run = 1;
				continue;
			}
			if (s->linear)
				cairo_rectangle(cr, op->sx + x * m, op->sy,
				    run * m, op->bar_h);
			else
				cairo_rectangle(cr, op->sx + x * m,
				    op->sy + y * m, run * m, m);
		}
	}
	cairo_fill(cr);
	cairo_restore(cr);
	if (s->linear && op->hri_h > 0) {
		pl = draw_layout(cr, s->hri, op->f->font, LABEL_ALIGN_CENTER,
		    op->w, op->hri_h, dpi);
		cairo_move_to(cr, op->x, op->sy + op->bar_h);
		pango_cairo_show_layout(cr, pl);
		g_object_unref(pl);
	}
}

void
label_draw(cairo_t *cr, const struct label_layout *l)
{
	size_t	i;

	cairo_save(cr);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_rectangle(cr, 0, 0, l->w, l->h);
	cairo_fill(cr);
	cairo_set_source_rgb(cr, 0, 0, 0);
	for (i = 0; i < l->n; i++) {
		if (l->ops[i].kind == LABEL_OP_TEXT)
			draw_text(cr, &l->ops[i], l->dpi);
		else
			draw_symbol(cr, &l->ops[i], l->dpi);
	}
	cairo_restore(cr);
}

void
label_draw_text_bits(const struct label_op *op, int dpi, unsigned char **bits,
    int *stride, int *h)
{
	cairo_surface_t		*s;
	cairo_t			*cr;
	PangoLayout		*pl;
	const unsigned char	*px;
	int			 x, y, sstride;

	s = cairo_image_surface_create(CAIRO_FORMAT_A8, op->w, op->h);
	cr = cairo_create(s);
	pl = draw_layout(cr, op->text, op->f->font, op->f->align, op->w,
	    op->h, dpi);
	cairo_move_to(cr, 0, 0);
	pango_cairo_show_layout(cr, pl);
	g_object_unref(pl);
	cairo_destroy(cr);
	cairo_surface_flush(s);
	px = cairo_image_surface_get_data(s);
	sstride = cairo_image_surface_get_stride(s);
	*stride = (op->w + 7) / 8;
	*h = op->h;
	*bits = xcalloc((size_t)*stride * (size_t)op->h, 1);
	/* Half covered is black: thin Arabic strokes survive thresholding. */
	for (y = 0; y < op->h; y++)
		for (x = 0; x < op->w; x++)
			if (px[y * sstride + x] >= 0x60)
				(*bits)[y * *stride + x / 8] |=
				    (unsigned char)(0x80 >> (x % 8));
	cairo_surface_destroy(s);
}
