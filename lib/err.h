/* Error codes and the caller-owned error record every fallible call fills. */
#ifndef WMS_ERR_H
#define WMS_ERR_H

#include <stdarg.h>

/*
 * Return codes: 0 is success, failures are negative.  The command line maps
 * WMS_ERR_USAGE to exit status 2 and every other failure to 1.
 */
enum wms_rc {
	WMS_OK = 0,
	WMS_ERR_INVALID = -1,	/* bad input: quantity, date, code, CSV */
	WMS_ERR_NOTFOUND = -2,	/* unknown item, location, document, user */
	WMS_ERR_CONFLICT = -3,	/* already exists, wrong state */
	WMS_ERR_REFUSED = -4,	/* a rule of the ledger says no (stock, lot) */
	WMS_ERR_DENIED = -5,	/* role does not allow it, bad password */
	WMS_ERR_DB = -6,	/* SQLite failed */
	WMS_ERR_IO = -7,	/* file system */
	WMS_ERR_USAGE = -8,	/* command line misuse */
	WMS_ERR_CORRUPT = -9,	/* integrity, audit chain, version */
};

struct wms_err {
	int	rc;
	char	msg[512];
};

/*
 * Record an error and return its code, so that failing is one statement:
 * return wms_err_set(err, WMS_ERR_NOTFOUND, _("unknown item %s"), code);
 * err may be NULL.  The message should already be translated.  Control
 * characters and bytes that are not UTF-8 in it (from a quoted value)
 * are stored escaped (wms_text_escape): a message is one safe line.
 */
int	wms_err_set(struct wms_err *err, int rc, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
int	wms_err_setv(struct wms_err *err, int rc, const char *fmt, va_list ap);
/* Clear err to "no error". */
void	wms_err_clear(struct wms_err *err);

#endif
