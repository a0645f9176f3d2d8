/* Weighing: a scale's reading as a quantity of an item, or why not. */
#ifndef WMS_WEIGH_H
#define WMS_WEIGH_H

#include <stdint.h>

#include "lib/err.h"

struct wms;
struct wms_item;

/* A reading older than this is not the weight on the scale now. */
#define WMS_WEIGH_MAX_AGE_MS	1000

/*
 * What a scale says, as the rule needs it (devices/ reads it, the terminal
 * or a command hands it over): the net weight in thousandths of unit and
 * the indicator's flags.
 */
struct wms_scale_reading {
	int64_t	 net;		/* thousandths of unit: 208500 is 208.5 */
	char	 unit[8];	/* "kg", "g", "t", "lb", "oz" (or "N") */
	int	 stable, overload, underload, error;
	int64_t	 age_ms;	/* how long ago it was read */
};

/*
 * The quantity of item it that the reading r of the scale named scale
 * weighs, in thousandths of the item's base unit, in *qty.  Only a
 * current (at most WMS_WEIGH_MAX_AGE_MS old), stable reading without the
 * error, overload or underload flag, above zero, in a unit of mass is
 * taken.  An item kept in KG, G or T takes the weight converted; any other
 * is counted by weight through its KG unit (how many of its unit make a
 * kg), rounded to whole pieces.  Otherwise WMS_ERR_IO (the scale is not
 * answering or reports an error) or WMS_ERR_INVALID, with a translated
 * reason naming the scale and what to do, and *qty untouched.
 */
int	wms_weigh(struct wms *, const char *scale,
	    const struct wms_scale_reading *r, const struct wms_item *it,
	    int64_t *qty, struct wms_err *err);

#endif
