/*
 * Weighing: a scale's net weight as a quantity of an item.  Only a current,
 * stable reading is taken; every refusal says why and what to do.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "lib/i18n.h"
#include "core/ledger.h"
#include "core/master.h"
#include "core/qty.h"
#include "core/weigh.h"

/* Milligrams in one thousandth of each scale unit (N is not a mass). */
static const struct {
	const char	*unit;
	int64_t		 num, den;	/* mg per thousandth = num / den */
} weigh_units[] = {
	{ .unit = "kg", .num = 1000, .den = 1 },
	{ .unit = "g", .num = 1, .den = 1 },
	{ .unit = "t", .num = 1000000, .den = 1 },
	/* 1 lb = 0.45359237 kg exactly; 1 oz is 1/16 lb. */
	{ .unit = "lb", .num = 45359237, .den = 100000 },
	{ .unit = "oz", .num = 28349523125LL, .den = 1000000000LL },
};

/* Item base units that are masses: thousandths of them in mg. */
static const struct {
	const char	*uom;
	int64_t		 mg;		/* mg in one thousandth */
} weigh_uoms[] = {
	{ .uom = "KG", .mg = 1000 },
	{ .uom = "G", .mg = 1 },
	{ .uom = "T", .mg = 1000000 },
};

#define NELEM(a)	(sizeof (a) / sizeof (a)[0])

int
wms_weigh(struct wms *w, const char *scale, const struct wms_scale_reading *r,
    const struct wms_item *it, int64_t *qty, struct wms_err *err)
{
	char	shown[40], aged[24];
	int64_t	mg, kg, base, q;
	size_t	i;
	int	rc;

	wms_qty_fmt(r->net, shown, sizeof shown);
	if (r->age_ms > WMS_WEIGH_MAX_AGE_MS) {
		wms_qty_fmt(r->age_ms, aged, sizeof aged);
		return wms_err_set(err, WMS_ERR_IO, _("%s: the last reading is "
		    "%s s old: the scale is not answering; check its cable"),
		    scale, aged);
	}
	if (r->error)
		return wms_err_set(err, WMS_ERR_IO, _("%s reports an error: "
		    "see its display"), scale);
	if (r->overload)
		return wms_err_set(err, WMS_ERR_INVALID, _("%s is overloaded: "
		    "take the load off and weigh on a larger scale"), scale);
	if (r->underload)
		return wms_err_set(err, WMS_ERR_INVALID, _("%s is below zero: "
		    "empty it and zero it"), scale);
	if (!r->stable)
		return wms_err_set(err, WMS_ERR_INVALID, _("%s: the weight is "
		    "moving (%s %s): wait until it settles"),
		    scale, shown, r->unit);
	if (r->net <= 0)
		return wms_err_set(err, WMS_ERR_INVALID, _("%s: nothing on "
		    "the scale (net %s %s)"), scale, shown, r->unit);
	for (i = 0; i < NELEM(weigh_units); i++)
		if (strcmp(r->unit, weigh_units[i].unit) == 0)
			break;
	if (i == NELEM(weigh_units))
		return wms_err_set(err, WMS_ERR_INVALID, _("%s weighs in %s, "
		    "not a mass: set the scale to kg"), scale, r->unit);
	if (wms_muldiv(r->net, weigh_units[i].num, weigh_units[i].den,
	    &mg) != 0)
		goto heavy;
	/* An item kept in a mass unit takes the weight as it is. */
	for (i = 0; i < NELEM(weigh_uoms); i++) {
		if (strcasecmp(it->uom, weigh_uoms[i].uom) != 0)
			continue;
		if (wms_muldiv(mg, 1, weigh_uoms[i].mg, &q) != 0)
			goto heavy;
		*qty = q;
		return 0;
	}
	/* Counted by weight: its KG unit says how many pieces make a kg. */
	if (wms_muldiv(mg, 1, 1000, &kg) != 0)
		goto heavy;
	if ((rc = wms_to_base(w, it->code, kg, "KG", &base, err)) != 0) {
		if (rc == WMS_ERR_NOTFOUND || rc == WMS_ERR_INVALID)
			return wms_err_set(err, WMS_ERR_INVALID, _("%s is "
			    "counted in %s and has no KG unit: give it one "
			    "(how many %s in 1 KG) to count it by weight"),
			    it->code, it->uom, it->uom);
		return rc;
	}
	/* Whole pieces: a part of a bolt is a weighing error. */
	q = (base + 500) / 1000 * 1000;
	if (q == 0)
		return wms_err_set(err, WMS_ERR_INVALID, _("%s: %s %s is less "
		    "than one %s of %s"), scale, shown, r->unit, it->uom,
		    it->code);
	*qty = q;
	return 0;
heavy:
	return wms_err_set(err, WMS_ERR_INVALID, _("%s: %s %s is too heavy "
	    "to book"), scale, shown, r->unit);
}
