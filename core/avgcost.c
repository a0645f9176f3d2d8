/* The depot's average cost of an item, read for a screen (core/avgcost.h). */
#include "core/avgcost.h"
#include "core/master.h"
#include "core/wms.h"
#include "data/db-ledger.h"
#include "data/db-lookup.h"
#include "lib/i18n.h"

int
wms_loc_avg_cost(struct wms *w, const char *loc, const char *item,
    int64_t *avg_milli, struct wms_err *err)
{
	struct db_loc	l;
	struct db_item	it;
	int64_t		value;
	int		rc;

	*avg_milli = 0;
	if ((rc = wms_require(w, WMS_PERM_READ, err)) != 0)
		return rc;
	if ((rc = db_loc_get(wms_db(w), loc, &l, err)) < 0)
		return rc;
	if (rc == 0)
		return wms_err_set(err, WMS_ERR_NOTFOUND,
		    _("unknown location %s"), loc);
	if ((rc = wms_item_get(w, item, &it, err)) != 0)
		return rc;
	rc = l.depot_id != 0 ? db_cost_get(wms_db(w), it.id, l.depot_id,
	    &value, avg_milli, err) : 0;
	db_item_fini(&it);
	return rc < 0 ? rc : 0;
}

int64_t
wms_avg_value(int64_t qty, int64_t avg_milli)
{
	__int128	v = (__int128)qty * avg_milli;
	__int128	h = v < 0 ? -500000 : 500000;

	return (int64_t)((v + h) / 1000000);
}
