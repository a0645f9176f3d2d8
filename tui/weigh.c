/*
 * Weighing: the station scale's net weight as a quantity of an item.  Only
 * a current, stable reading is taken; every refusal says why and what to do.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "lib/i18n.h"
#include "core/ledger.h"
#include "core/master.h"
#include "core/qty.h"
#include "core/wms.h"
#include "devices/poll.h"
#include "tui/screen.h"

/* A reading older than this is not the weight on the scale now. */
#define WEIGH_MAX_AGE_MS	1000

/* Milligrams in one thousandth of each scale unit (N is not a mass). */
static const struct {
	const char	*unit;
	int64_t		 num, den;	/* mg per thousandth = num / den */
} weigh_units[] = {
	{ "kg", 1000, 1 },
	{ "g", 1, 1 },
	{ "t", 1000000, 1 },
	{ "lb", 45359237, 100000 },	/* 1 lb = 0.45359237 kg exactly */
	{ "oz", 28349523125LL, 1000000000LL },	/* 1/16 lb */
};

/* Item base units that are masses: thousandths of them in mg. */
static const struct {
	const char	*uom;
	int64_t		 mg;		/* mg in one thousandth */
} weigh_uoms[] = {
	{ "KG", 1000 },
	{ "G", 1 },
	{ "T", 1000000 },
};

int
tui_weigh_reading(struct wms *w, const char *scale,
    const struct dev_reading *r, int64_t age_ms, const struct wms_item *it,
    int64_t *qty, struct wms_err *err)
{
	char	shown[40], aged[24];
	int64_t	mg, kg, base;
	size_t	i;
	int	rc;

	wms_qty_fmt(r->net, shown, sizeof shown);
	if (age_ms > WEIGH_MAX_AGE_MS) {
		wms_qty_fmt(age_ms, aged, sizeof aged);
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
	for (i = 0; i < sizeof weigh_units / sizeof weigh_units[0]; i++)
		if (strcmp(r->unit, weigh_units[i].unit) == 0)
			break;
	if (i == sizeof weigh_units / sizeof weigh_units[0])
		return wms_err_set(err, WMS_ERR_INVALID, _("%s weighs in %s, "
		    "not a mass: set the scale to kg"), scale, r->unit);
	if (wms_muldiv(r->net, weigh_units[i].num, weigh_units[i].den,
	    &mg) != 0)
		return wms_err_set(err, WMS_ERR_INVALID, _("%s: %s %s is too "
		    "heavy to book"), scale, shown, r->unit);
	/* An item kept in a mass unit takes the weight as it is. */
	for (i = 0; i < sizeof weigh_uoms / sizeof weigh_uoms[0]; i++)
		if (strcasecmp(it->uom, weigh_uoms[i].uom) == 0)
			return wms_muldiv(mg, 1, weigh_uoms[i].mg, qty) != 0 ?
			    wms_err_set(err, WMS_ERR_INVALID, _("%s: %s %s is "
			    "too heavy to book"), scale, shown, r->unit) : 0;
	/* Counted by weight: its KG unit says how many pieces make a kg. */
	if (wms_muldiv(mg, 1, 1000, &kg) != 0)
		return wms_err_set(err, WMS_ERR_INVALID, _("%s: %s %s is too "
		    "heavy to book"), scale, shown, r->unit);
	if ((rc = wms_to_base(w, it->code, kg, "KG", &base, err)) != 0) {
		if (rc == WMS_ERR_NOTFOUND || rc == WMS_ERR_INVALID)
			return wms_err_set(err, WMS_ERR_INVALID, _("%s is "
			    "counted in %s and has no KG unit: give it one "
			    "(how many %s in 1 KG) to count it by weight"),
			    it->code, it->uom, it->uom);
		return rc;
	}
	/* Whole pieces: a part of a bolt is a weighing error. */
	*qty = (base + 500) / 1000 * 1000;
	if (*qty == 0)
		return wms_err_set(err, WMS_ERR_INVALID, _("%s: %s %s is less "
		    "than one %s of %s"), scale, shown, r->unit, it->uom,
		    it->code);
	return 0;
}

int
tui_weigh(struct tui *t, const char *item, int64_t *qty, struct wms_err *err)
{
	struct dev_poll		*p;
	struct dev_reading	 r;
	struct wms_item		 it;
	struct wms_err		 e;
	const char		*name;
	int64_t			 age;
	int			 rc;

	if ((p = tui_scale(t, &name)) == NULL)
		return wms_err_set(err, WMS_ERR_NOTFOUND, _("there is no scale "
		    "at this station: type the quantity"));
	if (dev_poll_weight(p, &r, &age, &e) != 0)
		return wms_err_set(err, WMS_ERR_IO, _("%s: %s"), name, e.msg);
	if ((rc = wms_item_get(tui_wms(t), item, &it, err)) != 0)
		return rc;
	rc = tui_weigh_reading(tui_wms(t), name, &r, age, &it, qty, err);
	wms_item_fini(&it);
	return rc;
}

int
tui_weigh_step(struct tui_screen *s, int at_qty, const char *item,
    char *qty, size_t len)
{
	struct wms_err	err;
	int64_t		q;

	if (!at_qty) {
		tui_status(s->tui, "%s", _("weigh at the quantity: scan the "
		    "item first"));
		return -1;
	}
	if (tui_weigh(s->tui, item, &q, &err) != 0) {
		tui_status(s->tui, _("not weighed: %s"), err.msg);
		return -1;
	}
	wms_qty_fmt(q, qty, len);
	tui_status(s->tui, _("weighed: %s of %s"), qty, item);
	return 0;
}
