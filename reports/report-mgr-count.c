/* Counts and transfers: the variances of counts, stock in transit. */
#include <time.h>

#include "core/wms.h"
#include "data/db-report-mgr.h"
#include "lib/i18n.h"
#include "lib/time.h"
#include "reports/catalog.h"
#include "reports/run.h"

enum {
	VAR_COUNT, VAR_STATUS, VAR_LOCATION, VAR_ITEM, VAR_LOT, VAR_UOM,
	VAR_LINE_STATUS, VAR_EXPECTED, VAR_BOOK, VAR_COUNTED, VAR_DIFF,
	VAR_VALUE, VAR_NCOLS
};

static const struct report_col variance_cols[VAR_NCOLS] = {
	[VAR_COUNT] = { .key = "count", .title = N_("Count"),
	    .type = REPORT_STR },
	[VAR_STATUS] = { .key = "count_status", .title = N_("Status"),
	    .type = REPORT_STR },
	[VAR_LOCATION] = { .key = "location", .title = N_("Location"),
	    .type = REPORT_STR },
	[VAR_ITEM] = { .key = "item", .title = N_("Item"),
	    .type = REPORT_STR },
	[VAR_LOT] = { .key = "lot", .title = N_("Lot"), .type = REPORT_STR },
	[VAR_UOM] = { .key = "uom", .title = N_("Unit"), .type = REPORT_STR },
	[VAR_LINE_STATUS] = { .key = "line_status", .title = N_("Line"),
	    .type = REPORT_STR },
	[VAR_EXPECTED] = { .key = "expected", .title = N_("Expected"),
	    .type = REPORT_QTY },
	[VAR_BOOK] = { .key = "book", .title = N_("Book when counted"),
	    .type = REPORT_QTY },
	[VAR_COUNTED] = { .key = "counted", .title = N_("Counted"),
	    .type = REPORT_QTY },
	[VAR_DIFF] = { .key = "difference", .title = N_("Difference"),
	    .type = REPORT_QTY },
	[VAR_VALUE] = { .key = "value", .title = N_("Value"),
	    .type = REPORT_MONEY },
};

static int
variance_row(const struct db_rep_variance *v, void *arg)
{
	struct report *r = arg;

	report_row(r);
	report_str(r, VAR_COUNT, v->count);
	report_str(r, VAR_STATUS, v->status);
	report_str(r, VAR_LOCATION, v->location);
	report_str(r, VAR_ITEM, v->item);
	report_str(r, VAR_LOT, v->lot);
	report_str(r, VAR_UOM, v->uom);
	report_str(r, VAR_LINE_STATUS, v->line_status);
	report_num(r, VAR_EXPECTED, v->expected);
	if (v->has_counted) {
		report_num(r, VAR_BOOK, v->book);
		report_num(r, VAR_COUNTED, v->counted);
		report_num(r, VAR_DIFF, v->counted - v->book);
		report_num(r, VAR_VALUE, report_value_of(v->counted - v->book,
		    v->avg_milli));
	}
	return 0;
}

static int
variance_fill(struct report_run *rr, struct report *r, struct wms_err *err)
{
	return rr->src->variance_each(rr->store, &rr->f, variance_row, r,
	    err);
}

static const int variance_totals[] = { VAR_DIFF, VAR_VALUE, -1 };

/*
 * Not for storekeepers: while a count is open its expected quantities are
 * blind to those who count (core/count.c).
 */
const struct report_def report_def_variance = {
	.name = "variance",
	.title = N_("Count variances"),
	.summary = N_("Per count: expected, counted, the difference and its "
	    "value."),
	.cols = variance_cols,
	.ncols = VAR_NCOLS,
	.perm = WMS_PERM_READ,
	.needs_values = 1,
	.filters = RF_COUNT | RF_DEPOT | RF_LOCATION | RF_CATEGORY | RF_ITEM,
	.totals = variance_totals,
	.total_label = VAR_COUNT,
	.fill = variance_fill,
};

enum {
	TR_NUMBER, TR_FROM, TR_TO, TR_SHIPPED, TR_AGE, TR_ITEM, TR_LOT,
	TR_QTY, TR_UOM, TR_NCOLS
};

static const struct report_col transit_cols[TR_NCOLS] = {
	[TR_NUMBER] = { .key = "transfer", .title = N_("Transfer"),
	    .type = REPORT_STR },
	[TR_FROM] = { .key = "from_depot", .title = N_("From"),
	    .type = REPORT_STR },
	[TR_TO] = { .key = "to_depot", .title = N_("To"),
	    .type = REPORT_STR },
	[TR_SHIPPED] = { .key = "shipped_at", .title = N_("Shipped"),
	    .type = REPORT_TIME },
	[TR_AGE] = { .key = "age_days", .title = N_("Age (days)"),
	    .type = REPORT_INT },
	[TR_ITEM] = { .key = "item", .title = N_("Item"), .type = REPORT_STR },
	[TR_LOT] = { .key = "lot", .title = N_("Lot"), .type = REPORT_STR },
	[TR_QTY] = { .key = "qty", .title = N_("In transit"),
	    .type = REPORT_QTY },
	[TR_UOM] = { .key = "uom", .title = N_("Unit"), .type = REPORT_STR },
};

struct transit {
	struct report	*r;
	time_t		 now;
};

static int
transit_row(const struct db_rep_transit *t, void *arg)
{
	struct transit	*tr = arg;
	struct report	*r = tr->r;
	time_t		 at;

	report_row(r);
	report_str(r, TR_NUMBER, t->number);
	report_str(r, TR_FROM, t->from_depot);
	report_str(r, TR_TO, t->to_depot);
	report_str(r, TR_SHIPPED, t->shipped_at);
	if (wms_time_parse(t->shipped_at, &at) == 0)
		report_num(r, TR_AGE, (int64_t)((tr->now - at) / 86400));
	report_str(r, TR_ITEM, t->item);
	report_str(r, TR_LOT, t->lot);
	report_num(r, TR_QTY, t->qty);
	report_str(r, TR_UOM, t->uom);
	return 0;
}

static int
transit_fill(struct report_run *rr, struct report *r, struct wms_err *err)
{
	struct transit tr = { .r = r, .now = rr->now };

	return rr->src->transit_each(rr->store, &rr->f, transit_row, &tr,
	    err);
}

static const int transit_totals[] = { TR_QTY, -1 };

const struct report_def report_def_transit = {
	.name = "transit",
	.title = N_("Transfers in transit"),
	.summary = N_("What transfers still have in transit, by item and lot, "
	    "with their age in days."),
	.cols = transit_cols,
	.ncols = TR_NCOLS,
	.perm = WMS_PERM_READ,
	.filters = RF_DEPOT | RF_CATEGORY | RF_ITEM,
	.totals = transit_totals,
	.total_label = TR_NUMBER,
	.fill = transit_fill,
};
