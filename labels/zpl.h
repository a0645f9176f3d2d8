/* ZPL output (labels/ only). */
#ifndef LABEL_ZPL_H
#define LABEL_ZPL_H

#include "labels/label.h"
#include "labels/layout.h"

/*
 * One label format ^XA...^XZ for l, printed copies times (^PQ): Code 128,
 * GS1-128 (^BC with ZPL's subset codes and >8 for FNC1), DataMatrix (^BX,
 * _1 for FNC1) and QR (^BQ) drawn by the printer; Latin text in its font
 * 0 with ^CI28 (UTF-8); other text (Arabic) rendered by pango as ^GFA.
 */
void	label_zpl(struct wms_buf *b, const struct label_layout *l,
	    int copies);
/* Code 128 data s (0x1d for FNC1) in ^BC mode N invocation codes. */
void	label_zpl_code128(struct wms_buf *b, const char *s);

#endif
