/*
 * A worker thread that polls one device, so that a screen never waits for
 * it: the latest scale reading, or the codes a fixed scanner has read.
 */
#ifndef DEV_POLL_H
#define DEV_POLL_H

#include <stddef.h>
#include <stdint.h>

#include "lib/err.h"
#include "devices/dev.h"
#include "devices/profile.h"

#define DEV_POLL_INTERVAL_MS	200	/* 5 readings a second */
#define DEV_POLL_CODES		16	/* scanned codes waiting */

struct dev_poll;

/*
 * Poll the device at uri, unit unit_id, read by profile p (a scale or a
 * scanner), every interval_ms (20 to 60000; 0: DEV_POLL_INTERVAL_MS) on a
 * thread of its own; timeout_ms as dev_open.  The poll owns p from now
 * on, also on failure.  NULL and WMS_ERR_INVALID on a bad URI, unit or
 * interval, WMS_ERR_IO when the thread cannot start.
 */
struct dev_poll	*dev_poll_start(struct dev_profile *p, const char *uri,
		    int unit_id, int timeout_ms, int interval_ms,
		    struct wms_err *err);
/* Stop the thread, close the device, free p and its profile; NULL is fine. */
void		 dev_poll_stop(struct dev_poll *p);

/*
 * The latest scale reading and its age in ms (from the moment it was
 * read).  0 with *out set when there is one; WMS_ERR_IO when the last
 * attempt failed (err says why, *out zeroed: a failed read never shows
 * the reading before it), WMS_ERR_NOTFOUND before the first attempt.
 */
int		 dev_poll_weight(struct dev_poll *p, struct dev_reading *out,
		    int64_t *age_ms, struct wms_err *err);

/*
 * Take the oldest code the scanner has read into code (len bytes with the
 * NUL): 1 when there was one, 0 when none waits.  When more than
 * DEV_POLL_CODES wait, the oldest are dropped (and counted in *dropped).
 */
int		 dev_poll_code(struct dev_poll *p, char *code, size_t len);
/* Codes dropped because nobody took them. */
unsigned	 dev_poll_dropped(struct dev_poll *p);
/* How many attempts so far (for tests and the bench). */
uint64_t	 dev_poll_reads(struct dev_poll *p);

#endif
