/* Drawing a laid-out label with cairo and pango (labels/ only). */
#ifndef LABEL_DRAW_H
#define LABEL_DRAW_H

#include <cairo.h>

#include "labels/layout.h"

/* Draw l with its top left at the origin of cr, one unit a dot. */
void	label_draw(cairo_t *cr, const struct label_layout *l);

/*
 * Text op rendered alone as black and white dots for ZPL's ^GFA: rows of
 * *stride bytes, the leftmost dot in the high bit, 1 for black.  *w and *h
 * are the box in dots.  Free *bits.
 */
void	label_draw_text_bits(const struct label_op *op, int dpi,
	    unsigned char **bits, int *stride, int *h);

#endif
