/* The scales and scanners configured at the stations of this depot. */
#ifndef DEV_REGISTRY_H
#define DEV_REGISTRY_H

#include "lib/err.h"

struct wms;

struct dev_registry_entry {
	char	name[33];
	char	kind[8];	/* scale, scanner */
	char	uri[256];	/* tcp://HOST:PORT or rtu:/dev/...?baud=... */
	int	unit_id;	/* Modbus unit (slave) id, 0 to 247 */
	char	profile[65];	/* a file name in the profile folders */
	char	station[33];	/* "" for none */
	int	timeout_ms;
};

/* Defaults for a device added without them. */
#define DEV_TIMEOUT_MS_DEFAULT	500
#define DEV_UNIT_ID_DEFAULT	1

/*
 * Add a device (WMS_PERM_ADMIN).  The caller has checked that the URI and
 * the profile can be used (devices/ does that); core checks names and
 * ranges and writes the row and its audit entry.
 */
int	dev_registry_add(struct wms *, const struct dev_registry_entry *,
	    struct wms_err *err);
int	dev_registry_remove(struct wms *, const char *name, struct wms_err *err);
int	dev_registry_get(struct wms *, const char *name, struct dev_registry_entry *,
	    struct wms_err *err);
/* Call fn for each device of station (all when NULL), by station, name. */
int	dev_registry_each(struct wms *, const char *station,
	    int (*fn)(const struct dev_registry_entry *, void *), void *arg,
	    struct wms_err *err);

#endif
