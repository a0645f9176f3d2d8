/* The stock report (quantity and value on hand) and the valuation report. */
#include <stddef.h>

#include "core/wms.h"
#include "data/db-report-mgr.h"
#include "lib/i18n.h"
#include "reports/catalog.h"
#include "reports/run.h"

enum {
	STOCK_DEPOT, STOCK_LOCATION, STOCK_CATEGORY, STOCK_ITEM,
	STOCK_NAME_AR, STOCK_NAME_EN, STOCK_LOT, STOCK_QTY, STOCK_UOM,
	STOCK_VALUE, STOCK_NCOLS
};

static const struct report_col stock_cols[STOCK_NCOLS] = {
	[STOCK_DEPOT] = { .key = "depot", .title = N_("Depot"),
	    .type = REPORT_STR },
	[STOCK_LOCATION] = { .key = "location", .title = N_("Location"),
	    .type = REPORT_STR },
	[STOCK_CATEGORY] = { .key = "category", .title = N_("Category"),
	    .type = REPORT_STR },
	[STOCK_ITEM] = { .key = "item", .title = N_("Item"),
	    .type = REPORT_STR },
	[STOCK_NAME_AR] = { .key = "name_ar", .title = N_("Arabic name"),
	    .type = REPORT_STR },
	[STOCK_NAME_EN] = { .key = "name_en", .title = N_("English name"),
	    .type = REPORT_STR },
	[STOCK_LOT] = { .key = "lot", .title = N_("Lot"), .type = REPORT_STR },
	[STOCK_QTY] = { .key = "qty", .title = N_("Quantity"),
	    .type = REPORT_QTY },
	[STOCK_UOM] = { .key = "uom", .title = N_("Unit"), .type = REPORT_STR },
	[STOCK_VALUE] = { .key = "value", .title = N_("Value"),
	    .type = REPORT_MONEY },
};

static int
stock_row(const struct db_rep_stock *s, void *arg)
{
	struct report *r = arg;

	report_row(r);
	report_str(r, STOCK_DEPOT, s->depot);
	report_str(r, STOCK_LOCATION, s->location);
	report_str(r, STOCK_CATEGORY, s->category);
	report_str(r, STOCK_ITEM, s->item);
	report_str(r, STOCK_NAME_AR, s->name_ar);
	report_str(r, STOCK_NAME_EN, s->name_en);
	report_str(r, STOCK_LOT, s->lot);
	report_num(r, STOCK_QTY, s->qty);
	report_str(r, STOCK_UOM, s->uom);
	report_num(r, STOCK_VALUE, report_value_of(s->qty, s->avg_milli));
	return 0;
}

static int
stock_fill(struct report_run *rr, struct report *r, struct wms_err *err)
{
	return rr->src->stock_each(rr->store, &rr->f, stock_row, r, err);
}

static const int stock_totals[] = { STOCK_QTY, STOCK_VALUE, -1 };

const struct report_def report_def_stock = {
	.name = "stock",
	.title = N_("Stock on hand"),
	.summary = N_("Quantity and value on hand by depot, location and "
	    "category, with totals."),
	.cols = stock_cols,
	.ncols = STOCK_NCOLS,
	.perm = WMS_PERM_READ,
	.filters = RF_DEPOT | RF_LOCATION | RF_CATEGORY | RF_ITEM,
	.totals = stock_totals,
	.total_label = STOCK_DEPOT,
	.chart = { .kind = REPORT_CHART_BARS, .label_col = STOCK_CATEGORY,
	    .value_col = STOCK_VALUE, .title = N_("Stock value by category") },
	.fill = stock_fill,
};

enum {
	VAL_DEPOT, VAL_ITEM, VAL_NAME_AR, VAL_NAME_EN, VAL_CATEGORY, VAL_UOM,
	VAL_QTY_AT, VAL_VALUE_AT, VAL_QTY_NOW, VAL_VALUE_NOW, VAL_NCOLS
};

#define AT(f) offsetof(struct db_rep_value, f)
static const struct report_col value_cols[VAL_NCOLS] = {
	[VAL_DEPOT] = { .key = "depot", .title = N_("Depot"),
	    .type = REPORT_STR, .off = AT(depot) },
	[VAL_ITEM] = { .key = "item", .title = N_("Item"), .type = REPORT_STR,
	    .off = AT(item) },
	[VAL_NAME_AR] = { .key = "name_ar", .title = N_("Arabic name"),
	    .type = REPORT_STR, .off = AT(name_ar) },
	[VAL_NAME_EN] = { .key = "name_en", .title = N_("English name"),
	    .type = REPORT_STR, .off = AT(name_en) },
	[VAL_CATEGORY] = { .key = "category", .title = N_("Category"),
	    .type = REPORT_STR, .off = AT(category) },
	[VAL_UOM] = { .key = "uom", .title = N_("Unit"), .type = REPORT_STR,
	    .off = AT(uom) },
	[VAL_QTY_AT] = { .key = "qty_at", .title = N_("Quantity then"),
	    .type = REPORT_QTY, .off = AT(qty_at) },
	[VAL_VALUE_AT] = { .key = "value_at", .title = N_("Value then"),
	    .type = REPORT_MONEY, .off = AT(value_at) },
	[VAL_QTY_NOW] = { .key = "qty_now", .title = N_("Quantity today"),
	    .type = REPORT_QTY, .off = AT(qty_now) },
	[VAL_VALUE_NOW] = { .key = "value_now", .title = N_("Value today"),
	    .type = REPORT_MONEY, .off = AT(value_now) },
};
#undef AT

static int
value_row(const struct db_rep_value *v, void *r)
{
	return report_run_add(v, r);
}

static int
value_fill(struct report_run *rr, struct report *r, struct wms_err *err)
{
	return rr->src->value_each(rr->store, &rr->f, value_row, r, err);
}

static const int value_totals[] = { VAL_QTY_AT, VAL_VALUE_AT, VAL_QTY_NOW,
    VAL_VALUE_NOW, -1 };

const struct report_def report_def_valuation = {
	.name = "valuation",
	.title = N_("Stock valuation"),
	.summary = N_("The value of stock at moving-average cost, at the end "
	    "of a past day (--at) and today."),
	.cols = value_cols,
	.ncols = VAL_NCOLS,
	.perm = WMS_PERM_READ,
	.needs_values = 1,
	.filters = RF_DEPOT | RF_CATEGORY | RF_ITEM | RF_AT,
	.totals = value_totals,
	.total_label = VAL_DEPOT,
	.chart = { .kind = REPORT_CHART_BARS, .label_col = VAL_CATEGORY,
	    .value_col = VAL_VALUE_NOW, .title = N_("Value by category") },
	.fill = value_fill,
};
