/* The error record: set, clear. */
#include <stdio.h>
#include <string.h>

#include "lib/err.h"

int
wms_err_setv(struct wms_err *err, int rc, const char *fmt, va_list ap)
{
	if (err != NULL) {
		err->rc = rc;
		vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	}
	return rc;
}

int
wms_err_set(struct wms_err *err, int rc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	wms_err_setv(err, rc, fmt, ap);
	va_end(ap);
	return rc;
}

void
wms_err_clear(struct wms_err *err)
{
	if (err != NULL) {
		err->rc = 0;
		err->msg[0] = '\0';
	}
}
