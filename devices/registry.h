/* The scales and scanners configured at the stations of this depot. */
#ifndef DEV_REGISTRY_H
#define DEV_REGISTRY_H

#include "data/db-device.h"
#include "lib/err.h"

struct wms;

/*
 * A device is struct db_device of data/db-device.h: the one definition of
 * its fields, the row data/ keeps and the struct this registry takes and
 * hands out (name, kind, uri, unit_id, profile, station, timeout_ms).
 */

/* Defaults for a device added without them. */
#define DEV_TIMEOUT_MS_DEFAULT	500
#define DEV_UNIT_ID_DEFAULT	1

/*
 * Add a device (WMS_PERM_ADMIN).  The caller has checked that the URI and
 * the profile can be used (devices/ does that); core checks names and
 * ranges and writes the row and its audit entry.
 */
int	dev_registry_add(struct wms *, const struct db_device *,
	    struct wms_err *err);
int	dev_registry_remove(struct wms *, const char *name, struct wms_err *err);
int	dev_registry_get(struct wms *, const char *name, struct db_device *,
	    struct wms_err *err);
/* Call fn for each device of station (all when NULL), by station, name. */
int	dev_registry_each(struct wms *, const char *station,
	    int (*fn)(const struct db_device *, void *), void *arg,
	    struct wms_err *err);

#endif
