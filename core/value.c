/* The value of stock at the depot's moving-average cost. */
#include <stdio.h>
#include <string.h>

#include "core/master.h"
#include "core/value.h"
#include "core/wms.h"
#include "data/db-ledger.h"
#include "data/db-lookup.h"
#include "lib/i18n.h"

int
wms_may_see_values(struct wms *w)
{
	return wms_require(w, WMS_PERM_SUPERVISE, NULL) == 0 ||
	    wms_user_role(w) == WMS_ROLE_AUDITOR;
}

/* The average cost of item at the depot depot_id, for who may see it. */
static int
avg_cost(struct wms *w, int64_t depot_id, const char *item,
    int64_t *avg_milli, struct wms_err *err)
{
	struct db_item	it;
	int64_t		value;
	int		rc;

	if ((rc = wms_item_get(w, item, &it, err)) != 0)
		return rc;
	rc = db_cost_get(wms_db(w), it.id, depot_id, &value, avg_milli, err);
	db_item_fini(&it);
	return rc < 0 ? rc : 0;
}

static int
avg_may(struct wms *w, int64_t *avg_milli, struct wms_err *err)
{
	int	rc;

	*avg_milli = 0;
	if ((rc = wms_require(w, WMS_PERM_READ, err)) != 0)
		return rc;
	if (!wms_may_see_values(w))
		return wms_err_set(err, WMS_ERR_DENIED,
		    _("values are shown to supervisors, auditors and admins"));
	return 0;
}

int
wms_loc_avg_cost(struct wms *w, const char *loc, const char *item,
    int64_t *avg_milli, struct wms_err *err)
{
	struct db_loc	l;
	int		rc;

	if ((rc = avg_may(w, avg_milli, err)) != 0)
		return rc;
	if ((rc = db_loc_get(wms_db(w), loc, &l, err)) < 0)
		return rc;
	if (rc == 0)
		return wms_err_set(err, WMS_ERR_NOTFOUND,
		    _("unknown location %s"), loc);
	return l.depot_id != 0 ? avg_cost(w, l.depot_id, item, avg_milli,
	    err) : 0;
}

int64_t
wms_avg_value(int64_t qty, int64_t avg_milli)
{
	__int128	v = (__int128)qty * avg_milli;
	__int128	h = v < 0 ? -500000 : 500000;

	return (int64_t)((v + h) / 1000000);
}
