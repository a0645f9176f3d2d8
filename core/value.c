/* The value of stock at the depot's moving-average cost. */
#include <stdio.h>
#include <string.h>

#include "core/master.h"
#include "core/post.h"
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

int
wms_avg_cost(struct wms *w, const char *depot, const char *item,
    int64_t *avg_milli, struct wms_err *err)
{
	struct db_item	it;
	struct db_loc	l;
	int64_t		value;
	int		rc;

	*avg_milli = 0;
	if ((rc = wms_require(w, WMS_PERM_READ, err)) != 0)
		return rc;
	if (!wms_may_see_values(w))
		return wms_err_set(err, WMS_ERR_DENIED,
		    _("values are shown to supervisors, auditors and admins"));
	/* The depot's id through its transit location, which every depot has. */
	if ((rc = post_loc_virtual(wms_db(w), depot, "@TRANSIT", &l,
	    err)) != 0)
		return wms_err_set(err, WMS_ERR_NOTFOUND,
		    _("unknown depot %s"), depot);
	if ((rc = wms_item_get(w, item, &it, err)) != 0)
		return rc;
	rc = db_cost_get(wms_db(w), it.id, l.depot_id, &value, avg_milli,
	    err);
	db_item_fini(&it);
	return rc;
}
