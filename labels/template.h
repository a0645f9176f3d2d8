/* Label templates as the renderers see them (labels/ only). */
#ifndef LABEL_TEMPLATE_H
#define LABEL_TEMPLATE_H

#include "labels/label.h"

enum label_sym {
	LABEL_SYM_CODE128,	/* item and location codes */
	LABEL_SYM_GS1_128,	/* GS1 data as Code 128 with FNC1 */
	LABEL_SYM_GS1_DM,	/* GS1 DataMatrix */
	LABEL_SYM_DATAMATRIX,	/* plain DataMatrix, UTF-8 as ECI 26 */
	LABEL_SYM_QR,		/* QR, UTF-8 as ECI 26 when not ASCII */
	LABEL_SYM_COUNT
};

enum label_align {
	LABEL_ALIGN_START,	/* where the text's direction starts */
	LABEL_ALIGN_CENTER,
	LABEL_ALIGN_END,
};

enum label_field_kind {
	LABEL_FIELD_TEXT,
	LABEL_FIELD_BARCODE,
};

/* A [text.NAME] or [barcode.NAME] section. */
struct label_field {
	char			*name;
	enum label_field_kind	 kind;
	double			 x, y, w, h;	/* mm from the top left */
	char			*value;		/* with {placeholders} */
	char			*font;		/* pango description */
	enum label_align	 align;
	enum label_sym		 sym;
	int			 hri;		/* 1D: the text under the bars */
	int			 module;	/* dots a module, 0: the largest
						   that fits */
	int			 line;		/* in the file, for messages */
};

struct label_tpl {
	char			*file;
	char			*name;
	double			 width, height;	/* mm */
	int			 dpi;		/* 203, 300 or 600 */
	char			*font;		/* default for text fields */
	enum label_format	 printer_format;
	/* [sheet]: N-up on a page for office printers; columns 0: none. */
	double			 page_w, page_h;
	double			 margin_x, margin_y, gap_x, gap_y;
	int			 columns, rows;
	struct label_field	*fields;
	size_t			 nfields;
};

/* The value of placeholder name for d, or NULL when name is unknown. */
const char *label_placeholder(const struct label_data *d, const char *name,
	    char *buf, size_t size);
/*
 * Expand {placeholders} of value for d into out.  Returns 1 when every
 * placeholder had a value (a field with an empty one is left off the
 * label), 0 when one was empty.
 */
int	label_expand(const char *value, const struct label_data *d, char *out,
	    size_t size);

/* Millimetres to dots at dpi (rounded down: a box never grows). */
int	label_dots(double mm, int dpi);

#endif
