/* A label laid out in printer dots, ready for any renderer (labels/ only). */
#ifndef LABEL_LAYOUT_H
#define LABEL_LAYOUT_H

#include "labels/symbol.h"
#include "labels/template.h"

enum label_op_kind {
	LABEL_OP_TEXT,
	LABEL_OP_SYMBOL,
};

/* One thing to draw, in dots from the label's top left. */
struct label_op {
	enum label_op_kind	 kind;
	const struct label_field *f;
	int			 x, y, w, h;	/* the field's box */
	char			 text[600];	/* text, or the symbol's data */
	/* LABEL_OP_SYMBOL */
	struct label_symbol	 sym;
	int			 module;	/* dots a module */
	int			 sx, sy;	/* top left, quiet zone included */
	int			 bar_h;		/* linear: bar height */
	int			 hri_h;		/* linear: room for the text */
};

struct label_layout {
	int		 dpi;
	int		 w, h;		/* the label in dots */
	struct label_op	*ops;
	size_t		 n;
};

/*
 * Lay out template t with data d: placeholders expanded (a field with an
 * empty one is left off), symbols encoded and fitted to their boxes with
 * whole dots a module.  WMS_ERR_INVALID names the field that does not fit.
 */
int	label_layout_make(const struct label_tpl *t, const struct label_data *d,
	    struct label_layout *out, struct wms_err *err);
void	label_layout_free(struct label_layout *);

/* The height in dots of a line of text in font (a pango description). */
int	label_font_dots(const char *font, int dpi);

#endif
