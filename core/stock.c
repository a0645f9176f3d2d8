/* Stock on hand: the balances at real locations, filtered. */
#include "core/ledger.h"
#include "core/master.h"
#include "core/value.h"
#include "core/wms.h"
#include "data/db-report.h"
#include "lib/i18n.h"

/* wms_stock_each, with each row's average cost if costs. */
static int
stock_each(struct wms *w, const char *depot, const char *prefix,
    const char *item, int costs,
    int (*fn)(const struct db_report_stock *, void *), void *arg,
    struct wms_err *err)
{
	struct db_report_stock_filter	 f = {
		.depot = depot,
		.prefix = prefix,
		.costs = costs,
	};
	struct db_item			 it;
	int				 rc;

	if ((rc = wms_require(w, WMS_PERM_READ, err)) != 0)
		return rc;
	if (item == NULL)
		return db_report_stock_each(wms_db(w), &f, fn, arg, err);
	if ((rc = wms_item_get(w, item, &it, err)) != 0)
		return rc;
	f.item = it.id;
	rc = db_report_stock_each(wms_db(w), &f, fn, arg, err);
	db_item_fini(&it);
	return rc;
}

int
wms_stock_each(struct wms *w, const char *depot, const char *prefix,
    const char *item, int (*fn)(const struct db_report_stock *, void *),
    void *arg, struct wms_err *err)
{
	return stock_each(w, depot, prefix, item, 0, fn, arg, err);
}

int
wms_stock_costed_each(struct wms *w, const char *depot, const char *prefix,
    const char *item, int (*fn)(const struct db_report_stock *, void *),
    void *arg, struct wms_err *err)
{
	if (!wms_may_see_values(w))
		return wms_err_set(err, WMS_ERR_DENIED,
		    _("values are shown to supervisors, auditors and admins"));
	return stock_each(w, depot, prefix, item, 1, fn, arg, err);
}

int
wms_stock_fefo_each(struct wms *w, const char *loc, const char *item,
    int (*fn)(const struct db_report_stock *, void *), void *arg,
    struct wms_err *err)
{
	struct db_item	it;
	int		rc;

	if ((rc = wms_require(w, WMS_PERM_READ, err)) != 0 ||
	    (rc = wms_location_get(w, loc, NULL, err)) != 0 ||
	    (rc = wms_item_get(w, item, &it, err)) != 0)
		return rc;
	rc = db_report_fefo_each(wms_db(w), it.id, loc, fn, arg, err);
	db_item_fini(&it);
	return rc;
}
