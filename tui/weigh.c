/*
 * Weighing on the screens (F6): the station scale's latest reading handed
 * to the rule in core/weigh.c, and the answer in the status line.
 */
#include <stdio.h>
#include <string.h>

#include "lib/i18n.h"
#include "core/master.h"
#include "core/qty.h"
#include "core/weigh.h"
#include "core/wms.h"
#include "devices/poll.h"
#include "tui/screen.h"

int
tui_weigh_reading(struct wms *w, const char *scale,
    const struct dev_reading *r, int64_t age_ms, const struct wms_item *it,
    int64_t *qty, struct wms_err *err)
{
	struct wms_scale_reading sr;

	memset(&sr, 0, sizeof sr);
	sr.net = r->net;
	snprintf(sr.unit, sizeof sr.unit, "%s", r->unit);
	sr.stable = r->stable;
	sr.overload = r->overload;
	sr.underload = r->underload;
	sr.error = r->error;
	sr.age_ms = age_ms;
	return wms_weigh(w, scale, &sr, it, qty, err);
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
    int64_t *qty)
{
	struct wms_err	err;
	char		shown[32];
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
	*qty = q;
	tui_status(s->tui, _("weighed: %s of %s"), wms_qty_fmt(q, shown,
	    sizeof shown), item);
	return 0;
}
