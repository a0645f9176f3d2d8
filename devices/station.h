/*
 * The devices a station drives itself, read before anyone logs in, so
 * that the terminal polls them from its start and through a change of
 * user (devices/station.c).
 */
#ifndef DEV_STATION_H
#define DEV_STATION_H

#include "lib/err.h"

struct wms;
struct db_device;

/*
 * Call fn for each device of station (all when NULL), as
 * dev_registry_each, without a login: what is read is the station's own
 * wiring (URIs and profiles), which the station needs to run at all.
 */
int	dev_station_each(struct wms *, const char *station,
	    int (*fn)(const struct db_device *, void *), void *arg,
	    struct wms_err *err);

#endif
