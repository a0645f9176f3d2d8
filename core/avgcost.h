/*
 * The depot's average cost of an item, for what a screen shows before a
 * posting (the value of an issue's lines): core/avgcost.c.
 */
#ifndef WMS_AVGCOST_H
#define WMS_AVGCOST_H

#include <stdint.h>

#include "lib/err.h"

struct wms;

/*
 * The average cost of item (code or barcode) at the depot of location
 * loc, in minor units per base unit x1000, into *avg_milli (0 when it has
 * none yet).  WMS_PERM_READ; WMS_ERR_NOTFOUND for an unknown item or
 * location.
 */
int	wms_loc_avg_cost(struct wms *, const char *loc, const char *item,
	    int64_t *avg_milli, struct wms_err *err);

/*
 * The value in minor units of qty base thousandths at avg_milli, rounded
 * half away from zero.
 */
int64_t	wms_avg_value(int64_t qty, int64_t avg_milli);

#endif
