/* What the home screen shows: today's work and what needs attention. */
#include <stdio.h>

#include "lib/i18n.h"
#include "core/wms.h"
#include "data/db-report.h"
#include "reports/report.h"

int
report_count_since(struct wms *w, const char *since, int64_t *n,
    struct wms_err *err)
{
	struct db	*db = wms_db(w);
	sqlite3_stmt	*st;
	int		 rc;

	*n = 0;
	if ((rc = wms_require(w, WMS_PERM_READ, err)) != 0)
		return rc;
	if ((st = db_stmt(db, &db_report_table, DB_REP_TODAY, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_text(st, ":since", since);
	if ((rc = db_step(db, st, err)) == 1)
		*n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc < 0 ? rc : 0;
}

int
report_below_min(struct wms *w, struct report **out, struct wms_err *err)
{
	static const struct report_col cols[] = {
		{ "item", N_("Item"), REPORT_STR },
		{ "name_ar", N_("Arabic name"), REPORT_STR },
		{ "name_en", N_("English name"), REPORT_STR },
		{ "uom", N_("Unit"), REPORT_STR },
		{ "qty", N_("Quantity"), REPORT_QTY },
		{ "min", N_("Min"), REPORT_QTY },
	};
	struct db	*db = wms_db(w);
	sqlite3_stmt	*st;
	int		 rc;

	*out = NULL;
	if ((rc = wms_require(w, WMS_PERM_READ, err)) != 0)
		return rc;
	if ((st = db_stmt(db, &db_report_table, DB_REP_BELOW_MIN, err)) ==
	    NULL)
		return WMS_ERR_DB;
	return report_fill(w, st, report_new(cols, 6), NULL, out, err);
}

int
report_expiring(struct wms *w, const char *until, struct report **out,
    struct wms_err *err)
{
	static const struct report_col cols[] = {
		{ "item", N_("Item"), REPORT_STR },
		{ "lot", N_("Lot"), REPORT_STR },
		{ "expiry", N_("Expiry"), REPORT_STR },
		{ "qty", N_("Quantity"), REPORT_QTY },
		{ "uom", N_("Unit"), REPORT_STR },
	};
	struct db	*db = wms_db(w);
	sqlite3_stmt	*st;
	int		 rc;

	*out = NULL;
	if ((rc = wms_require(w, WMS_PERM_READ, err)) != 0)
		return rc;
	if ((st = db_stmt(db, &db_report_table, DB_REP_EXPIRING, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_text(st, ":until", until);
	return report_fill(w, st, report_new(cols, 5), NULL, out, err);
}
