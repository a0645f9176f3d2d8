/* Laying a label out: fields to boxes in dots, symbols to whole modules. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pango/pango.h>

#include "lib/i18n.h"
#include "lib/xmalloc.h"
#include "labels/layout.h"

/* Bars shorter than this (in modules) scan badly; zint's default is 50. */
#define LABEL_MIN_BAR_MODULES	15

int
label_font_dots(const char *font, int dpi)
{
	PangoFontDescription	*fd;
	double			 pt;

	fd = pango_font_description_from_string(font);
	pt = (double)pango_font_description_get_size(fd) / PANGO_SCALE;
	pango_font_description_free(fd);
	if (pt <= 0)
		pt = 8;
	/* The line height of Noto and DejaVu is about 1.35 em. */
	return (int)(pt * dpi / 72.0 * 1.35 + 0.5);
}

static int
layout_symbol(const struct label_tpl *t, struct label_op *op,
    struct wms_err *err)
{
	const struct label_field	*f = op->f;
	struct label_symbol		*s = &op->sym;
	char				 data[600];
	int				 m, rc, need;

	snprintf(data, sizeof data, "%s", op->text);
	if ((rc = label_symbol_make(f->sym, data, s, err)) != 0) {
		char msg[sizeof err->msg];

		snprintf(msg, sizeof msg, "%s", err != NULL ? err->msg : "");
		return wms_err_set(err, rc, _("%s [barcode.%s]: %s"), t->file,
		    f->name, msg);
	}
	op->hri_h = s->linear && f->hri ? label_font_dots(f->font, t->dpi) : 0;
	m = op->w / s->width;
	if (!s->linear && op->h / s->height < m)
		m = op->h / s->height;
	if (f->module > 0) {
		if (f->module > m)
			return wms_err_set(err, WMS_ERR_INVALID, _("%s "
			    "[barcode.%s]: %d modules of %d dots need %d x %d "
			    "dots, the box is %d x %d at %d dpi: make the box "
			    "larger or module_dots smaller"), t->file, f->name,
			    s->width, f->module, s->width * f->module,
			    s->linear ? 1 : s->height * f->module, op->w,
			    op->h, t->dpi);
		m = f->module;
	}
	if (m < 1) {
		need = s->linear ? s->width : s->width > s->height ? s->width :
		    s->height;
		return wms_err_set(err, WMS_ERR_INVALID, _("%s [barcode.%s]: "
		    "\"%s\" needs %d modules with its quiet zones, the box is "
		    "%d x %d dots at %d dpi: widen box_mm or shorten the "
		    "data"), t->file, f->name, s->hri, need, op->w, op->h,
		    t->dpi);
	}
	op->module = m;
	op->sx = op->x + (op->w - s->width * m) / 2;
	if (s->linear) {
		op->sy = op->y;
		op->bar_h = op->h - op->hri_h;
		if (op->bar_h < LABEL_MIN_BAR_MODULES * m)
			return wms_err_set(err, WMS_ERR_INVALID, _("%s "
			    "[barcode.%s]: bars of %d dots are too short to "
			    "scan (at least %d): make the box taller"), t->file,
			    f->name, op->bar_h, LABEL_MIN_BAR_MODULES * m);
	} else
		op->sy = op->y + (op->h - s->height * m) / 2;
	return 0;
}

int
label_layout_make(const struct label_tpl *t, const struct label_data *d,
    struct label_layout *out, struct wms_err *err)
{
	const struct label_field	*f;
	struct label_op			*op;
	size_t				 i;
	int				 rc;

	memset(out, 0, sizeof *out);
	out->dpi = t->dpi;
	out->w = label_dots(t->width, t->dpi);
	out->h = label_dots(t->height, t->dpi);
	out->ops = xcalloc(t->nfields, sizeof *out->ops);
	for (i = 0; i < t->nfields; i++) {
		f = &t->fields[i];
		op = &out->ops[out->n];
		memset(op, 0, sizeof *op);
		op->f = f;
		op->kind = f->kind == LABEL_FIELD_TEXT ? LABEL_OP_TEXT :
		    LABEL_OP_SYMBOL;
		op->x = label_dots(f->x, t->dpi);
		op->y = label_dots(f->y, t->dpi);
		op->w = label_dots(f->w, t->dpi);
		op->h = label_dots(f->h, t->dpi);
		/* GS1 data the lot cannot give is an error, not a gap. */
		if (strstr(f->value, "{gs1") != NULL) {
			char gs1[300];

			if ((rc = label_gs1_build(d, gs1, sizeof gs1,
			    err)) != 0) {
				label_layout_free(out);
				return rc;
			}
		}
		/* A field with an empty placeholder is not on this label. */
		if (!label_expand(f->value, d, op->text, sizeof op->text))
			continue;
		if (op->kind == LABEL_OP_SYMBOL &&
		    (rc = layout_symbol(t, op, err)) != 0) {
			label_symbol_free(&op->sym);
			label_layout_free(out);
			return rc;
		}
		out->n++;
	}
	return 0;
}

void
label_layout_free(struct label_layout *l)
{
	size_t	i;

	for (i = 0; i < l->n; i++)
		label_symbol_free(&l->ops[i].sym);
	free(l->ops);
	memset(l, 0, sizeof *l);
}
