/* The scales and scanners configured at the stations of this depot. */
#ifndef WMS_DEVICE_H
#define WMS_DEVICE_H

#include "lib/err.h"

struct wms;

struct wms_device {
	char	name[33];
	char	kind[8];	/* scale, scanner */
	char	uri[256];	/* tcp://HOST:PORT or rtu:/dev/...?baud=... */
	int	unit_id;	/* Modbus unit (slave) id, 0 to 247 */
	char	profile[65];	/* a file name in the profile folders */
	char	station[33];	/* "" for none */
	int	timeout_ms;
};

/* Defaults for a device added without them. */
#define WMS_DEVICE_TIMEOUT_MS	500
#define WMS_DEVICE_UNIT_ID	1

/*
 * Add a device (WMS_PERM_ADMIN).  The caller has checked that the URI and
 * the profile can be used (devices/ does that); core checks names and
 * ranges and writes the row and its audit entry.
 */
int	wms_device_add(struct wms *, const struct wms_device *,
	    struct wms_err *err);
int	wms_device_remove(struct wms *, const char *name, struct wms_err *err);
int	wms_device_get(struct wms *, const char *name, struct wms_device *,
	    struct wms_err *err);
/* Call fn for each device of station (all when NULL), by station, name. */
int	wms_device_each(struct wms *, const char *station,
	    int (*fn)(const struct wms_device *, void *), void *arg,
	    struct wms_err *err);

#endif
