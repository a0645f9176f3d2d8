/* PNG files of rendered labels: 8-bit grey, compressed for speed. */
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>

#include <png.h>

#include "lib/i18n.h"
#include "lib/xmalloc.h"
#include "labels/png.h"

/*
 * Why not cairo_surface_write_to_png_stream: it writes 24-bit colour at
 * zlib's default level, and that was 40% of the time of a label (bench-
 * labels).  Labels are black on white: one grey byte a pixel, the fastest
 * level, no row filters; the files are smaller too.
 */

static void
png_out(png_structp png, png_bytep data, size_t len)
{
	wms_buf_add(png_get_io_ptr(png), data, len);
}

static void
png_flush_none(png_structp png)
{
	(void)png;
}

int
label_png_write(cairo_surface_t *s, struct wms_buf *out,
    struct wms_err *err)
{
	png_structp		 png;
	png_infop		 info;
	const unsigned char	*px;
	unsigned char		*row;
	int			 w, h, stride, x, y;

	cairo_surface_flush(s);
	w = cairo_image_surface_get_width(s);
	h = cairo_image_surface_get_height(s);
	stride = cairo_image_surface_get_stride(s);
	px = cairo_image_surface_get_data(s);
	png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	info = png != NULL ? png_create_info_struct(png) : NULL;
	if (info == NULL) {
		png_destroy_write_struct(&png, NULL);
		return wms_err_set(err, WMS_ERR_IO, _("cannot write the PNG"));
	}
	row = xmalloc((size_t)w);
	if (setjmp(png_jmpbuf(png))) {
		png_destroy_write_struct(&png, &info);
		free(row);
		return wms_err_set(err, WMS_ERR_IO, _("cannot write the PNG"));
	}
	png_set_write_fn(png, out, png_out, png_flush_none);
	png_set_compression_level(png, 1);
	png_set_filter(png, 0, PNG_FILTER_NONE);
	png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8,
	    PNG_COLOR_TYPE_GRAY, PNG_INTERLACE_NONE,
	    PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	png_write_info(png, info);
	for (y = 0; y < h; y++) {
		const uint32_t *p = (const uint32_t *)(px + (size_t)y * stride);

		/* RGB24 in native order; grey is drawn, so green is enough. */
		for (x = 0; x < w; x++)
			row[x] = (unsigned char)(p[x] >> 8);
		png_write_row(png, row);
	}
	png_write_end(png, info);
	png_destroy_write_struct(&png, &info);
	free(row);
	return 0;
}
