/* Stock on hand: the balances at real locations, filtered. */
#include <string.h>

#include "lib/i18n.h"
#include "core/ledger.h"
#include "core/master.h"
#include "core/wms.h"
#include "data/db-report.h"

static const char *
col(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

static void
stock_row_of(sqlite3_stmt *st, struct wms_stock_row *row)
{
	row->depot = col(st, 0);
	row->location = col(st, 1);
	row->item = col(st, 2);
	row->lot = col(st, 3);
	row->qty = sqlite3_column_int64(st, 4);
	row->uom = col(st, 5);
	row->name_ar = col(st, 6);
	row->name_en = col(st, 7);
	row->expiry = col(st, 8);
}

int
wms_stock_each(struct wms *w, const char *depot, const char *prefix,
    const char *item, int (*fn)(const struct wms_stock_row *, void *),
    void *arg, struct wms_err *err)
{
	struct db		*db = wms_db(w);
	struct wms_stock_row	 row;
	struct wms_item		 it;
	sqlite3_stmt		*st;
	int			 rc, stop = 0;

	if ((rc = wms_require(w, WMS_PERM_READ, err)) != 0)
		return rc;
	memset(&it, 0, sizeof it);
	if (item != NULL && (rc = wms_item_get(w, item, &it, err)) != 0)
		return rc;
	st = db_stmt(db, &db_report_table, item != NULL ? DB_REP_STOCK_ITEM :
	    DB_REP_STOCK, err);
	if (st == NULL) {
		wms_item_fini(&it);
		return WMS_ERR_DB;
	}
	db_bind_opt(st, ":depot", depot);
	db_bind_opt(st, ":prefix", prefix);
	if (item != NULL)
		db_bind_int(st, ":item", it.id);
	while (!stop && (rc = db_step(db, st, err)) == 1) {
		stock_row_of(st, &row);
		stop = fn(&row, arg);
	}
	sqlite3_reset(st);
	wms_item_fini(&it);
	return rc < 0 ? rc : 0;
}

int
wms_stock_fefo_each(struct wms *w, const char *loc, const char *item,
    int (*fn)(const struct wms_stock_row *, void *), void *arg,
    struct wms_err *err)
{
	struct db		*db = wms_db(w);
	struct wms_stock_row	 row;
	struct wms_item		 it;
	sqlite3_stmt		*st;
	int			 rc, stop = 0;

	if ((rc = wms_require(w, WMS_PERM_READ, err)) != 0 ||
	    (rc = wms_location_get(w, loc, NULL, err)) != 0 ||
	    (rc = wms_item_get(w, item, &it, err)) != 0)
		return rc;
	if ((st = db_stmt(db, &db_report_table, DB_REP_STOCK_FEFO,
	    err)) == NULL) {
		wms_item_fini(&it);
		return WMS_ERR_DB;
	}
	db_bind_int(st, ":item", it.id);
	db_bind_text(st, ":loc", loc);
	while (!stop && (rc = db_step(db, st, err)) == 1) {
		stock_row_of(st, &row);
		stop = fn(&row, arg);
	}
	sqlite3_reset(st);
	wms_item_fini(&it);
	return rc < 0 ? rc : 0;
}
