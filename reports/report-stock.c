/* Stock reports: stock on hand, the stock card, transfers, the audit log. */
#include <stdio.h>
#include <string.h>

#include "lib/i18n.h"
#include "core/ledger.h"
#include "core/master.h"
#include "core/wms.h"
#include "data/db-report.h"
#include "reports/report.h"

static const char *
col(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

static int
stock_row(const struct wms_stock_row *row, void *arg)
{
	struct report *r = arg;

	report_row(r);
	report_str(r, 0, row->depot);
	report_str(r, 1, row->location);
	report_str(r, 2, row->item);
	report_str(r, 3, row->lot);
	report_num(r, 4, row->qty);
	report_str(r, 5, row->uom);
	return 0;
}

int
report_stock(struct wms *w, const char *depot, const char *prefix,
    const char *item, struct report **out, struct wms_err *err)
{
	static const struct report_col cols[] = {
		{ "depot", N_("Depot"), REPORT_STR },
		{ "location", N_("Location"), REPORT_STR },
		{ "item", N_("Item"), REPORT_STR },
		{ "lot", N_("Lot"), REPORT_STR },
		{ "qty", N_("Quantity"), REPORT_QTY },
		{ "uom", N_("Unit"), REPORT_STR },
	};
	struct report	*r;
	int		 rc;

	*out = NULL;
	r = report_new(cols, 6);
	if ((rc = wms_stock_each(w, depot, prefix, item, stock_row, r,
	    err)) != 0) {
		report_free(r);
		return rc;
	}
	*out = r;
	return 0;
}

int
report_ledger(struct wms *w, const char *item, const char *depot,
    struct report **out, struct wms_err *err)
{
	static const struct report_col cols[] = {
		{ "at", N_("Time (UTC)"), REPORT_STR },
		{ "document", N_("Document"), REPORT_STR },
		{ "from", N_("From"), REPORT_STR },
		{ "to", N_("To"), REPORT_STR },
		{ "lot", N_("Lot"), REPORT_STR },
		{ "in", N_("In"), REPORT_QTY },
		{ "out", N_("Out"), REPORT_QTY },
		{ "balance", N_("Balance"), REPORT_QTY },
	};
	struct db	*db = wms_db(w);
	struct wms_item	 it;
	sqlite3_stmt	*st;
	struct report	*r;
	int64_t		 bal = 0, q;
	int		 rc, in, outq;

	*out = NULL;
	if ((rc = wms_require(w, WMS_PERM_READ, err)) != 0)
		return rc;
	if ((rc = wms_item_get(w, item, &it, err)) != 0)
		return rc;
	if ((st = db_stmt(db, &db_report_table, DB_REP_LEDGER, err)) == NULL) {
		wms_item_fini(&it);
		return WMS_ERR_DB;
	}
	db_bind_int(st, ":item", it.id);
	db_bind_opt(st, ":depot", depot);
	r = report_new(cols, 8);
	while ((rc = db_step(db, st, err)) == 1) {
		q = sqlite3_column_int64(st, 6);
		outq = sqlite3_column_int(st, 8);
		in = sqlite3_column_int(st, 9);
		report_row(r);
		report_str(r, 0, col(st, 0));
		report_str(r, 1, col(st, 1));
		report_str(r, 2, col(st, 3));
		report_str(r, 3, col(st, 4));
		report_str(r, 4, col(st, 5));
		/* A move inside the depot shows as both and changes nothing. */
		if (in) {
			report_num(r, 5, q);
			bal += q;
		}
		if (outq) {
			report_num(r, 6, q);
			bal -= q;
		}
		report_num(r, 7, bal);
	}
	sqlite3_reset(st);
	wms_item_fini(&it);
	if (rc < 0) {
		report_free(r);
		return rc;
	}
	*out = r;
	return 0;
}

int
report_transfers(struct wms *w, int pending, struct report **out,
    struct wms_err *err)
{
	static const struct report_col cols[] = {
		{ "number", N_("Transfer"), REPORT_STR },
		{ "from_depot", N_("From"), REPORT_STR },
		{ "to_depot", N_("To"), REPORT_STR },
		{ "status", N_("Status"), REPORT_STR },
		{ "shipped_at", N_("Shipped (UTC)"), REPORT_STR },
		{ "lines_in_transit", N_("Lines in transit"), REPORT_INT },
		{ "reversed_by", N_("Reversed by"), REPORT_STR },
	};
	/* The statement gives reversed_by before the count. */
	static const int trf_map[] = { 0, 1, 2, 3, 4, 6, 5 };
	struct db	*db = wms_db(w);
	sqlite3_stmt	*st;
	int		 rc;

	*out = NULL;
	if ((rc = wms_require(w, WMS_PERM_READ, err)) != 0)
		return rc;
	if ((st = db_stmt(db, &db_report_table, pending ?
	    DB_REP_TRANSFERS_PENDING : DB_REP_TRANSFERS, err)) == NULL)
		return WMS_ERR_DB;
	return report_fill(w, st, report_new(cols, 7), trf_map, out, err);
}

int
report_audit(struct wms *w, int n, struct report **out, struct wms_err *err)
{
	static const struct report_col cols[] = {
		{ "seq", N_("No."), REPORT_INT },
		{ "at", N_("Time (UTC)"), REPORT_STR },
		{ "user", N_("User"), REPORT_STR },
		{ "action", N_("Action"), REPORT_STR },
		{ "document", N_("Document"), REPORT_STR },
		{ "detail", N_("Detail"), REPORT_STR },
	};
	struct db	*db = wms_db(w);
	sqlite3_stmt	*st;
	int		 rc;

	*out = NULL;
	if ((rc = wms_require(w, WMS_PERM_READ, err)) != 0)
		return rc;
	if ((st = db_stmt(db, &db_report_table, DB_REP_AUDIT, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_int(st, ":limit", n);
	return report_fill(w, st, report_new(cols, 6), NULL, out, err);
}
