/* Time: stored in UTC as ISO 8601, shown to people in the depot's zone. */
#ifndef WMS_TIME_H
#define WMS_TIME_H

#include <stddef.h>
#include <time.h>

#include "lib/err.h"

/* The stored form of sec and ms: "2026-11-26T20:58:01.123Z" (UTC). */
void	wms_time_iso(time_t sec, int ms, char out[32]);

/*
 * Parse a stored time ("2026-11-26T20:58:01.123Z", without milliseconds,
 * or a date "2026-11-26" taken as its midnight UTC) into *sec: 0, or -1
 * when s is not one.
 */
int	wms_time_parse(const char *s, time_t *sec);

/*
 * The zone times are shown in: an IANA name ("Asia/Damascus") from
 * tz = in makhzan.ini, or NULL for the system's.  WMS_ERR_INVALID naming
 * tz when there is no such zone.
 */
int	wms_time_zone(const char *tz, struct wms_err *err);

/*
 * A stored time as people read it, in the display zone, to the minute:
 * "2026-11-30 12:50".  Text that is not a stored time is copied as it is.
 */
void	wms_time_local(const char *iso, char *out, size_t n);

/*
 * A stored time in ISO 8601 with the display zone's offset, for JSON and
 * CSV: "2026-11-30T12:50:00+03:00".  Text that is not a time is copied.
 */
void	wms_time_offset(const char *iso, char *out, size_t n);

#endif
