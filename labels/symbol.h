/* Barcode symbols from libzint as a grid of modules (labels/ only). */
#ifndef LABEL_SYMBOL_H
#define LABEL_SYMBOL_H

#include "lib/err.h"
#include "labels/template.h"

/*
 * A symbol as modules, quiet zones included: bits[y * width + x] is 1 for
 * a dark module.  A linear symbol has height 1: its bars are drawn as
 * tall as the box.
 */
struct label_symbol {
	enum label_sym	 sym;
	int		 width, height;
	unsigned char	*bits;
	int		 linear;
	int		 quiet_x, quiet_y;	/* modules of quiet zone */
	int		 rows, cols;		/* without quiet zones */
	char		 hri[300];		/* human-readable text */
};

/*
 * Encode data (UTF-8; GS1 symbologies take "[AI]value..." brackets) with
 * libzint, warnings treated as errors, check digits computed and GS1 data
 * checked, quiet zones added.  WMS_ERR_INVALID carries zint's reason.
 */
int	label_symbol_make(enum label_sym sym, const char *data,
	    struct label_symbol *out, struct wms_err *err);
void	label_symbol_free(struct label_symbol *);
/* The name templates use for sym ("code128", "gs1-datamatrix"...). */
const char *label_sym_name(enum label_sym sym);

#endif
