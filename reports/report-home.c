/* What the home screen shows: today's work and what needs attention. */
#include <stddef.h>

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
below_min_row(const struct db_report_below_min *b, void *r)
{
	report_add(r, b);
	return 0;
}

static int
below_min_fill(struct wms *w, struct report *r, void *arg,
    struct wms_err *err)
{
	(void)arg;
	return db_report_below_min_each(wms_db(w), below_min_row, r, err);
}

int
report_below_min(struct wms *w, struct report **out, struct wms_err *err)
{
#define AT(f) offsetof(struct db_report_below_min, f)
	static const struct report_col cols[] = {
		{ .key = "item", .title = N_("Item"), .type = REPORT_STR,
		    .off = AT(item) },
		{ .key = "name_ar", .title = N_("Arabic name"),
		    .type = REPORT_STR, .off = AT(name_ar) },
		{ .key = "name_en", .title = N_("English name"),
		    .type = REPORT_STR, .off = AT(name_en) },
		{ .key = "uom", .title = N_("Unit"), .type = REPORT_STR,
		    .off = AT(uom) },
		{ .key = "qty", .title = N_("Quantity"), .type = REPORT_QTY,
		    .off = AT(qty) },
		{ .key = "min", .title = N_("Min"), .type = REPORT_QTY,
		    .off = AT(min) },
	};
#undef AT

	return report_make(w, cols, 6, below_min_fill, NULL, out, err);
}

static int
expiring_row(const struct db_report_expiring *e, void *r)
{
	report_add(r, e);
	return 0;
}

static int
expiring_fill(struct wms *w, struct report *r, void *arg,
    struct wms_err *err)
{
	const char *const *until = arg;

	return db_report_expiring_each(wms_db(w), *until, expiring_row, r,
	    err);
}

int
report_expiring(struct wms *w, const char *until, struct report **out,
    struct wms_err *err)
{
#define AT(f) offsetof(struct db_report_expiring, f)
	static const struct report_col cols[] = {
		{ .key = "item", .title = N_("Item"), .type = REPORT_STR,
		    .off = AT(item) },
		{ .key = "lot", .title = N_("Lot"), .type = REPORT_STR,
		    .off = AT(lot) },
		{ .key = "expiry", .title = N_("Expiry"), .type = REPORT_STR,
		    .off = AT(expiry) },
		{ .key = "qty", .title = N_("Quantity"), .type = REPORT_QTY,
		    .off = AT(qty) },
		{ .key = "uom", .title = N_("Unit"), .type = REPORT_STR,
		    .off = AT(uom) },
	};
#undef AT

	return report_make(w, cols, 5, expiring_fill, &until, out, err);
}
