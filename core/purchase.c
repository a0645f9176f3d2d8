/* The purchase unit of an item: what the reorder report rounds up to. */
#include <string.h>

#include <jansson.h>

#include "core/master.h"
#include "core/wms.h"
#include "core/write.h"
#include "data/db-item.h"
#include "data/db-lookup.h"
#include "data/db-report-mgr.h"
#include "lib/i18n.h"

struct purchase_args {
	const char	*item;
	int64_t		 item_id;
	const char	*unit;
};

static int
purchase_fn(struct wms *w, void *arg, struct wms_write *log,
    struct wms_err *err)
{
	struct purchase_args	*a = arg;
	int			 rc;

	if ((rc = db_rep_purchase_set(wms_db(w), a->item_id, a->unit,
	    err)) != 0)
		return rc;
	log->action = "unit.purchase";
	log->detail = json_pack("{ss ss}", "item", a->item, "unit", a->unit);
	return 0;
}

int
wms_unit_purchase(struct wms *w, const char *item, const char *unit,
    struct wms_err *err)
{
	struct purchase_args	a;
	struct db_item		it;
	int64_t			factor;
	int			rc;

	if ((rc = wms_require(w, WMS_PERM_MASTER, err)) != 0)
		return rc;
	if ((rc = wms_item_get(w, item, &it, err)) != 0)
		return rc;
	if ((rc = db_unit_get(wms_db(w), it.id, unit, &factor, err)) <= 0) {
		if (rc == 0)
			rc = wms_err_set(err, WMS_ERR_NOTFOUND,
			    _("%s has no unit %s: add it with unit add"),
			    it.code, unit);
		goto out;
	}
	a.item = it.code;
	a.item_id = it.id;
	a.unit = unit;
	rc = wms_write_run(w, WMS_PERM_MASTER, purchase_fn, &a, err);
out:
	db_item_fini(&it);
	return rc;
}
