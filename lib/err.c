/* The error record: set, clear. */
#include <stdio.h>
#include <string.h>

#include "lib/err.h"
#include "lib/text.h"

int
wms_err_setv(struct wms_err *err, int rc, const char *fmt, va_list ap)
{
	if (err != NULL) {
		err->rc = rc;
		vsnprintf(err->msg, sizeof err->msg, fmt, ap);
		/*
		 * The one point every message passes: a value quoted from
		 * input (an item code with an escape sequence, a lot that
		 * is not UTF-8, a newline) is shown escaped, on one line.
		 */
		if (wms_text_unsafe(err->msg, strlen(err->msg))) {
			char esc[sizeof err->msg];

			wms_text_escape(err->msg, strlen(err->msg), esc,
			    sizeof esc);
			memcpy(err->msg, esc, sizeof esc);
		}
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
