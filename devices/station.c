/* The station's own devices, read without a login (devices/station.h). */
#include "core/wms.h"
#include "data/db-device.h"
#include "devices/station.h"

int
dev_station_each(struct wms *w, const char *station,
    int (*fn)(const struct db_device *, void *), void *arg,
    struct wms_err *err)
{
	return db_device_each(wms_db(w), station, fn, arg, err);
}
