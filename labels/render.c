/* Rendering labels to PNG, PDF, SVG or ZPL bytes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>

#include "lib/i18n.h"
#include "lib/xmalloc.h"
#include "labels/draw.h"
#include "labels/layout.h"
#include "labels/png.h"
#include "labels/zpl.h"

/* White between labels stacked in one PNG or SVG, in mm. */
#define LABEL_STACK_GAP_MM	2.0

int
label_format_of(const char *path)
{
	static const struct {
		const char		*ext;
		enum label_format	 fmt;
	} exts[] = {
		{ ".png", LABEL_PNG }, { ".pdf", LABEL_PDF },
		{ ".svg", LABEL_SVG }, { ".zpl", LABEL_ZPL },
	};
	size_t	i, n = strlen(path);

	for (i = 0; i < sizeof exts / sizeof exts[0]; i++)
		if (n > 4 && strcasecmp(path + n - 4, exts[i].ext) == 0)
			return (int)exts[i].fmt;
	return -1;
}

static cairo_status_t
buf_write(void *arg, const unsigned char *data, unsigned int len)
{
	wms_buf_add(arg, data, len);
	return CAIRO_STATUS_SUCCESS;
}

/* The labels' layouts, one per data; n of them. */
static int
layouts(const struct label_tpl *t, const struct label_data *d, size_t n,
    struct label_layout **out, struct wms_err *err)
{
	size_t	i;
	int	rc;

	*out = xcalloc(n, sizeof **out);
	for (i = 0; i < n; i++) {
		if ((rc = label_layout_make(t, &d[i], &(*out)[i], err)) != 0) {
			while (i-- > 0)
				label_layout_free(&(*out)[i]);
			free(*out);
			*out = NULL;
			return rc;
		}
	}
	return 0;
}

/*
 * Cairo outputs.  A page is one label, or a sheet of columns x rows
 * labels; the PDF has a page each, PNG and SVG stack the pages with a
 * small gap.  Drawing is in dots: vector surfaces are scaled to points.
 */
static int
render_cairo(const struct label_tpl *t, const struct label_layout *l,
    size_t n, int copies, enum label_format fmt, struct wms_buf *out,
    struct wms_err *err)
{
	cairo_surface_t	*s;
	cairo_t		*cr;
	cairo_status_t	 st;
	size_t		 total = n * (size_t)copies, per, pages, pg, k, i;
	int		 pw, ph, gap, dpi = t->dpi, col, row, rc;
	double		 unit;

	if (t->columns > 0) {
		pw = label_dots(t->page_w, dpi);
		ph = label_dots(t->page_h, dpi);
		per = (size_t)t->columns * (size_t)t->rows;
	} else {
		pw = l[0].w;
		ph = l[0].h;
		per = 1;
	}
	pages = (total + per - 1) / per;
	gap = fmt == LABEL_PDF ? 0 : label_dots(LABEL_STACK_GAP_MM, dpi);
	unit = fmt == LABEL_PNG ? 1.0 : 72.0 / dpi;
	switch (fmt) {
	case LABEL_PNG:
		if ((double)ph * (double)pages > 30000.0)
			return wms_err_set(err, WMS_ERR_INVALID, _("%zu labels "
			    "make a PNG too tall to preview: write a PDF"),
			    total);
		s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, pw,
		    (int)(ph * (int)pages + gap * (int)(pages - 1)));
		break;
	case LABEL_PDF:
		s = cairo_pdf_surface_create_for_stream(buf_write, out,
		    pw * unit, ph * unit);
		break;
	default:
		s = cairo_svg_surface_create_for_stream(buf_write, out,
		    pw * unit, (ph * (double)pages + gap * (double)(pages -
		    1)) * unit);
		break;
	}
	cr = cairo_create(s);
	cairo_scale(cr, unit, unit);
	/* Background: white, the gaps too. */
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	for (pg = 0, k = 0; pg < pages; pg++) {
		cairo_save(cr);
		if (fmt != LABEL_PDF)
			cairo_translate(cr, 0, (double)pg * (ph + gap));
		for (i = 0; i < per && k < total; i++, k++) {
			col = (int)(i % (size_t)(t->columns > 0 ? t->columns :
			    1));
			row = (int)(i / (size_t)(t->columns > 0 ? t->columns :
			    1));
			cairo_save(cr);
			if (t->columns > 0)
				cairo_translate(cr, label_dots(t->margin_x +
				    col * (t->width + t->gap_x), dpi),
				    label_dots(t->margin_y + row * (t->height +
				    t->gap_y), dpi));
			label_draw(cr, &l[k / (size_t)copies]);
			cairo_restore(cr);
		}
		cairo_restore(cr);
		if (fmt == LABEL_PDF)
			cairo_show_page(cr);
	}
	cairo_destroy(cr);
	cairo_surface_flush(s);
	if (fmt == LABEL_PNG) {
		rc = label_png_write(s, out, err);
		cairo_surface_destroy(s);
		return rc;
	}
	cairo_surface_finish(s);
	st = cairo_surface_status(s);
	cairo_surface_destroy(s);
	if (st != CAIRO_STATUS_SUCCESS)
		return wms_err_set(err, WMS_ERR_IO, _("cannot draw the "
		    "labels: %s"), cairo_status_to_string(st));
	return 0;
}

int
label_render(const struct label_tpl *t, const struct label_data *d, size_t n,
    int copies, enum label_format fmt, struct wms_buf *out,
    struct wms_err *err)
{
	struct label_layout	*l;
	size_t			 i;
	int			 rc;

	if (n == 0 || copies < 1)
		return wms_err_set(err, WMS_ERR_INVALID, _("no labels to "
		    "make"));
	if (fmt == LABEL_ZPL && t->columns > 0)
		return wms_err_set(err, WMS_ERR_INVALID, _("%s is a sheet for "
		    "office printers: write a PDF, or use a label template "
		    "for ZPL"), t->name);
	if ((rc = layouts(t, d, n, &l, err)) != 0)
		return rc;
	if (fmt == LABEL_ZPL) {
		for (i = 0; i < n; i++)
			label_zpl(out, &l[i], copies);
	} else
		rc = render_cairo(t, l, n, copies, fmt, out, err);
	for (i = 0; i < n; i++)
		label_layout_free(&l[i]);
	free(l);
	return rc;
}
