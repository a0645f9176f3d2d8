/* Time: stored in UTC as ISO 8601, shown to people in the depot's zone. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/i18n.h"
#include "lib/time.h"

void
wms_time_iso(time_t sec, int ms, char out[32])
{
	struct tm tm;

	gmtime_r(&sec, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(out + 19, 32 - 19, ".%03dZ", ms < 0 ? 0 : ms % 1000);
}

/* n digits at s into *v: 0, or -1 when one is not a digit. */
static int
time_digits(const char *s, int n, int *v)
{
	int i;

	*v = 0;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		*v = *v * 10 + (s[i] - '0');
	}
	return 0;
}

int
wms_time_parse(const char *s, time_t *sec)
{
	struct tm	tm;
	int		y, mo, d, h = 0, mi = 0, se = 0, ms;
	size_t		n;

	if (s == NULL || (n = strlen(s)) < 10)
		return -1;
	if (time_digits(s, 4, &y) || s[4] != '-' || time_digits(s + 5, 2, &mo) ||
	    s[7] != '-' || time_digits(s + 8, 2, &d))
		return -1;
	if (n > 10) {
		if (n < 20 || s[10] != 'T' || time_digits(s + 11, 2, &h) ||
		    s[13] != ':' || time_digits(s + 14, 2, &mi) ||
		    s[16] != ':' || time_digits(s + 17, 2, &se))
			return -1;
		if (s[19] == '.') {
			if (n != 24 || time_digits(s + 20, 3, &ms) ||
			    s[23] != 'Z')
				return -1;
		} else if (n != 20 || s[19] != 'Z') {
			return -1;
		}
	}
	if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 ||
	    se > 60)
		return -1;
	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = se;
	*sec = timegm(&tm);
	return 0;
}

int
wms_time_zone(const char *tz, struct wms_err *err)
{
	char path[256];

	if (tz == NULL || *tz == '\0') {
		unsetenv("TZ");
		tzset();
		return 0;
	}
	/* An IANA name must be a file of the zone database; refuse a typo
	 * rather than show UTC and call it local. */
	if (strstr(tz, "..") != NULL || tz[0] == '/' ||
	    snprintf(path, sizeof path, "/usr/share/zoneinfo/%s", tz) >=
	    (int)sizeof path || access(path, R_OK) != 0)
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("unknown time zone \"%s\": give a name such as "
		    "Asia/Damascus (see /usr/share/zoneinfo)"), tz);
	setenv("TZ", tz, 1);
	tzset();
	return 0;
}

void
wms_time_local(const char *iso, char *out, size_t n)
{
	struct tm	tm;
	time_t		t;

	if (wms_time_parse(iso, &t) != 0) {
		snprintf(out, n, "%s", iso != NULL ? iso : "");
		return;
	}
	localtime_r(&t, &tm);
	if (strlen(iso) == 10)
		snprintf(out, n, "%s", iso);	/* a date stays that date */
	else
		strftime(out, n, "%Y-%m-%d %H:%M", &tm);
}

void
wms_time_offset(const char *iso, char *out, size_t n)
{
	struct tm	tm;
	time_t		t;
	char		z[16];
	int		off;

	if (wms_time_parse(iso, &t) != 0 || strlen(iso) == 10) {
		snprintf(out, n, "%s", iso != NULL ? iso : "");
		return;
	}
	localtime_r(&t, &tm);
	off = (int)(tm.tm_gmtoff < 0 ? -tm.tm_gmtoff : tm.tm_gmtoff);
	snprintf(z, sizeof z, "%c%02d:%02d", tm.tm_gmtoff < 0 ? '-' : '+',
	    off / 3600 % 100, off % 3600 / 60);
	strftime(out, n, "%Y-%m-%dT%H:%M:%S", &tm);
	if (strlen(out) + strlen(z) < n)
		strcat(out, z);
}
