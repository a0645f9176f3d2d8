/* What the home screen shows: today's work and what needs attention. */
#include "core/wms.h"
#include "data/db-report.h"
#include "lib/i18n.h"
#include "reports/report.h"

int
report_count_since(struct wms *w, const char *since, int64_t *n,
    struct wms_err *err)
{
	int rc;

	*n = 0;
	if ((rc = wms_require(w, WMS_PERM_READ, err)) != 0)
		return rc;
	return db_report_documents_since(wms_db(w), since, n, err);
}

static int
below_min_row(const struct db_report_below_min *b, void *arg)
{
	struct report *r = arg;

	report_row(r);
	report_str(r, 0, b->item);
	report_str(r, 1, b->name_ar);
	report_str(r, 2, b->name_en);
	report_str(r, 3, b->uom);
	report_num(r, 4, b->qty);
	report_num(r, 5, b->min);
	return 0;
}

int
report_below_min(struct wms *w, struct report **out, struct wms_err *err)
{
	static const struct report_col cols[] = {
		{ .key = "item", .title = N_("Item"), .type = REPORT_STR },
		{ .key = "name_ar", .title = N_("Arabic name"),
		    .type = REPORT_STR },
		{ .key = "name_en", .title = N_("English name"),
		    .type = REPORT_STR },
		{ .key = "uom", .title = N_("Unit"), .type = REPORT_STR },
		{ .key = "qty", .title = N_("Quantity"), .type = REPORT_QTY },
		{ .key = "min", .title = N_("Min"), .type = REPORT_QTY },
	};
	struct report	*r;
	int		 rc;

	*out = NULL;
	if ((rc = wms_require(w, WMS_PERM_READ, err)) != 0)
		return rc;
	r = report_new(cols, 6);
	if ((rc = db_report_below_min_each(wms_db(w), below_min_row, r,
	    err)) != 0) {
		report_free(r);
		return rc;
	}
	*out = r;
	return 0;
}

static int
expiring_row(const struct db_report_expiring *e, void *arg)
{
	struct report *r = arg;

	report_row(r);
	report_str(r, 0, e->item);
	report_str(r, 1, e->lot);
	report_str(r, 2, e->expiry);
	report_num(r, 3, e->qty);
	report_str(r, 4, e->uom);
	return 0;
}

int
report_expiring(struct wms *w, const char *until, struct report **out,
    struct wms_err *err)
{
	static const struct report_col cols[] = {
		{ .key = "item", .title = N_("Item"), .type = REPORT_STR },
		{ .key = "lot", .title = N_("Lot"), .type = REPORT_STR },
		{ .key = "expiry", .title = N_("Expiry"), .type = REPORT_STR },
		{ .key = "qty", .title = N_("Quantity"), .type = REPORT_QTY },
		{ .key = "uom", .title = N_("Unit"), .type = REPORT_STR },
	};
	struct report	*r;
	int		 rc;

	*out = NULL;
	if ((rc = wms_require(w, WMS_PERM_READ, err)) != 0)
		return rc;
	r = report_new(cols, 5);
	if ((rc = db_report_expiring_each(wms_db(w), until, expiring_row, r,
	    err)) != 0) {
		report_free(r);
		return rc;
	}
	*out = r;
	return 0;
}
