/* One growable byte buffer, for rendered labels, reports and JSON text. */
#ifndef WMS_BUF_H
#define WMS_BUF_H

#include <stdarg.h>
#include <stddef.h>

/*
 * Bytes and their length; data is always followed by a NUL that len does
 * not count, so text can be read as a string.  A zeroed struct is empty.
 */
struct wms_buf {
	char	*data;
	size_t	 len, cap;
};

/* Append n bytes. */
void	 wms_buf_add(struct wms_buf *, const void *, size_t n);
/* Append a string, or one byte. */
void	 wms_buf_adds(struct wms_buf *, const char *);
void	 wms_buf_addc(struct wms_buf *, int c);
/* Append printf-formatted text. */
void	 wms_buf_addf(struct wms_buf *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
void	 wms_buf_addv(struct wms_buf *, const char *fmt, va_list ap)
	    __attribute__((format(printf, 2, 0)));
/* Empty it, keeping the memory. */
void	 wms_buf_reset(struct wms_buf *);
/* Hand the bytes to the caller (to free) and leave the buffer empty. */
char	*wms_buf_steal(struct wms_buf *);
void	 wms_buf_free(struct wms_buf *);

#endif
