/* One growable byte buffer, for rendered labels, reports and JSON text. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "lib/xmalloc.h"

/* Room for n more bytes and the NUL after them. */
static void
buf_grow(struct wms_buf *b, size_t n)
{
	size_t want;

	if (n > (size_t)-1 - b->len - 1)
		abort();	/* more than the address space: a bug */
	want = b->len + n + 1;
	if (want <= b->cap)
		return;
	if (b->cap == 0)
		b->cap = 256;
	while (b->cap < want)
		b->cap = b->cap > (size_t)-1 / 2 ? want : b->cap * 2;
	b->data = xrealloc(b->data, b->cap);
}

void
wms_buf_add(struct wms_buf *b, const void *p, size_t n)
{
	buf_grow(b, n);
	if (n > 0)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
wms_buf_adds(struct wms_buf *b, const char *s)
{
	wms_buf_add(b, s, strlen(s));
}

void
wms_buf_addc(struct wms_buf *b, int c)
{
	char ch = (char)c;

	wms_buf_add(b, &ch, 1);
}

void
wms_buf_addv(struct wms_buf *b, const char *fmt, va_list ap)
{
	va_list	ap2;
	int	n;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		abort();	/* a bad format: a bug */
	buf_grow(b, (size_t)n);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void
wms_buf_addf(struct wms_buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	wms_buf_addv(b, fmt, ap);
	va_end(ap);
}

void
wms_buf_reset(struct wms_buf *b)
{
	b->len = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
}

char *
wms_buf_steal(struct wms_buf *b)
{
	char *s;

	if (b->data == NULL)
		return xstrdup("");
	s = b->data;
	memset(b, 0, sizeof *b);
	return s;
}

void
wms_buf_free(struct wms_buf *b)
{
	free(b->data);
	memset(b, 0, sizeof *b);
}
