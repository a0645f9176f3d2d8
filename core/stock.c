/* Stock on hand: the balances at real locations, filtered. */
#include "core/ledger.h"
#include "core/master.h"
#include "core/wms.h"
#include "data/db-report.h"

/* The caller's callback, handed each row as core names it. */
struct stock_each {
	int	(*fn)(const struct wms_stock_row *, void *);
	void	*arg;
};

static int
stock_row(const struct db_report_stock *s, void *arg)
{
	struct stock_each	*e = arg;
	struct wms_stock_row	 row = {
		.depot = s->depot,
		.location = s->location,
		.item = s->item,
		.lot = s->lot,
		.expiry = s->expiry,
		.uom = s->uom,
		.name_ar = s->name_ar,
		.name_en = s->name_en,
		.qty = s->qty,
	};

	return e->fn(&row, e->arg);
}

int
wms_stock_each(struct wms *w, const char *depot, const char *prefix,
    const char *item, int (*fn)(const struct wms_stock_row *, void *),
    void *arg, struct wms_err *err)
{
	struct db_report_stock_filter	 f = {
		.depot = depot,
		.prefix = prefix,
	};
	struct stock_each		 e = { .fn = fn, .arg = arg };
	struct wms_item			 it;
	int				 rc;

	if ((rc = wms_require(w, WMS_PERM_READ, err)) != 0)
		return rc;
	if (item == NULL)
		return db_report_stock_each(wms_db(w), &f, stock_row, &e, err);
	if ((rc = wms_item_get(w, item, &it, err)) != 0)
		return rc;
	f.item = it.id;
	rc = db_report_stock_each(wms_db(w), &f, stock_row, &e, err);
	wms_item_fini(&it);
	return rc;
}

int
wms_stock_fefo_each(struct wms *w, const char *loc, const char *item,
    int (*fn)(const struct wms_stock_row *, void *), void *arg,
    struct wms_err *err)
{
	struct stock_each	e = { .fn = fn, .arg = arg };
	struct wms_item		it;
	int			rc;

	if ((rc = wms_require(w, WMS_PERM_READ, err)) != 0 ||
	    (rc = wms_location_get(w, loc, NULL, err)) != 0 ||
	    (rc = wms_item_get(w, item, &it, err)) != 0)
		return rc;
	rc = db_report_fefo_each(wms_db(w), it.id, loc, stock_row, &e, err);
	wms_item_fini(&it);
	return rc;
}
