/* The value of stock, for the people who may see values. */
#ifndef WMS_VALUE_H
#define WMS_VALUE_H

#include <stdint.h>

#include "lib/err.h"

struct wms;

/*
 * Whether the logged-in user may see values (amounts of money): those who
 * may supervise, and auditors.  A storekeeper sees quantities only, as in
 * a blind count (core/count.c follows the same rule).
 */
int	wms_may_see_values(struct wms *);

/*
 * The moving-average cost of item (code) at the depot of location loc (a
 * screen's bin, before a posting): minor units per base unit, times 1000
 * (0 when none, or for a location of no depot).  WMS_ERR_DENIED for a
 * user who may not see values, WMS_ERR_NOTFOUND for an unknown item or
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
