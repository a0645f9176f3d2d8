/* PNG output of a cairo image surface (labels/ only). */
#ifndef LABEL_PNG_H
#define LABEL_PNG_H

#include <cairo.h>

#include "labels/label.h"

/* Append s (CAIRO_FORMAT_RGB24) to out as an 8-bit grey PNG. */
int	label_png_write(cairo_surface_t *s, struct wms_buf *out,
	    struct wms_err *err);

#endif
