/* Stock at risk: lots that expire (or have), and stock that does not move. */
#include <string.h>
#include <time.h>

#include "core/wms.h"
#include "data/db-report-mgr.h"
#include "lib/i18n.h"
#include "lib/time.h"
#include "reports/catalog.h"
#include "reports/run.h"

enum {
	EXP_DEPOT, EXP_ITEM, EXP_NAME_AR, EXP_NAME_EN, EXP_LOT, EXP_EXPIRY,
	EXP_DAYS, EXP_STATUS, EXP_QTY, EXP_UOM, EXP_VALUE, EXP_NCOLS
};

static const struct report_col expiry_cols[EXP_NCOLS] = {
	[EXP_DEPOT] = { .key = "depot", .title = N_("Depot"),
	    .type = REPORT_STR },
	[EXP_ITEM] = { .key = "item", .title = N_("Item"),
	    .type = REPORT_STR },
	[EXP_NAME_AR] = { .key = "name_ar", .title = N_("Arabic name"),
	    .type = REPORT_STR },
	[EXP_NAME_EN] = { .key = "name_en", .title = N_("English name"),
	    .type = REPORT_STR },
	[EXP_LOT] = { .key = "lot", .title = N_("Lot"), .type = REPORT_STR },
	[EXP_EXPIRY] = { .key = "expiry", .title = N_("Expiry"),
	    .type = REPORT_STR },
	[EXP_DAYS] = { .key = "days_left", .title = N_("Days left"),
	    .type = REPORT_INT },
	[EXP_STATUS] = { .key = "status", .title = N_("Status"),
	    .type = REPORT_STR },
	[EXP_QTY] = { .key = "qty", .title = N_("Quantity"),
	    .type = REPORT_QTY },
	[EXP_UOM] = { .key = "uom", .title = N_("Unit"), .type = REPORT_STR },
	[EXP_VALUE] = { .key = "value", .title = N_("Value"),
	    .type = REPORT_MONEY },
};

/* Whole days from the date today to the date d (YYYY-MM-DD, UTC dates). */
static long
days_between(const char *today, const char *d)
{
	time_t a, b;

	if (wms_time_parse(today, &a) != 0 || wms_time_parse(d, &b) != 0)
		return 0;
	return (long)((b - a) / 86400);
}

/* Today's date in the display zone. */
static void
today(time_t now, char out[16])
{
	struct tm tm;

	localtime_r(&now, &tm);
	strftime(out, 16, "%Y-%m-%d", &tm);
}

struct expiry {
	struct report	*r;
	char		 today[16];
};

static int
expiry_row(const struct db_rep_expiry *x, void *arg)
{
	struct expiry	*e = arg;
	struct report	*r = e->r;
	long		 left = days_between(e->today, x->expiry);

	report_row(r);
	report_str(r, EXP_DEPOT, x->depot);
	report_str(r, EXP_ITEM, x->item);
	report_str(r, EXP_NAME_AR, x->name_ar);
	report_str(r, EXP_NAME_EN, x->name_en);
	report_str(r, EXP_LOT, x->lot);
	report_str(r, EXP_EXPIRY, x->expiry);
	report_num(r, EXP_DAYS, left);
	/* As an issue sees it: a lot is expired the day after its date. */
	report_str(r, EXP_STATUS, left < 0 ? "expired" : "expiring");
	report_num(r, EXP_QTY, x->qty);
	report_str(r, EXP_UOM, x->uom);
	report_num(r, EXP_VALUE, report_value_of(x->qty, x->avg_milli));
	return 0;
}

static int
expiry_fill(struct report_run *rr, struct report *r, struct wms_err *err)
{
	struct expiry e = { .r = r };

	today(rr->now, e.today);
	return rr->src->expiry_each(rr->store, &rr->f, expiry_row, &e, err);
}

static const int expiry_totals[] = { EXP_QTY, EXP_VALUE, -1 };

const struct report_def report_def_expiry = {
	.name = "expiry",
	.title = N_("Expiring and expired stock"),
	.summary = N_("Lots on hand that expire within --days N (30 by "
	    "default), and expired lots still on hand, with their value."),
	.cols = expiry_cols,
	.ncols = EXP_NCOLS,
	.perm = WMS_PERM_READ,
	.filters = RF_DEPOT | RF_LOCATION | RF_CATEGORY | RF_ITEM | RF_DAYS,
	.default_days = 30,
	.totals = expiry_totals,
	.total_label = EXP_DEPOT,
	.fill = expiry_fill,
};

enum {
	SLOW_DEPOT, SLOW_ITEM, SLOW_NAME_AR, SLOW_NAME_EN, SLOW_CATEGORY,
	SLOW_QTY, SLOW_UOM, SLOW_LAST, SLOW_IDLE, SLOW_VALUE, SLOW_NCOLS
};

static const struct report_col slow_cols[SLOW_NCOLS] = {
	[SLOW_DEPOT] = { .key = "depot", .title = N_("Depot"),
	    .type = REPORT_STR },
	[SLOW_ITEM] = { .key = "item", .title = N_("Item"),
	    .type = REPORT_STR },
	[SLOW_NAME_AR] = { .key = "name_ar", .title = N_("Arabic name"),
	    .type = REPORT_STR },
	[SLOW_NAME_EN] = { .key = "name_en", .title = N_("English name"),
	    .type = REPORT_STR },
	[SLOW_CATEGORY] = { .key = "category", .title = N_("Category"),
	    .type = REPORT_STR },
	[SLOW_QTY] = { .key = "qty", .title = N_("On hand"),
	    .type = REPORT_QTY },
	[SLOW_UOM] = { .key = "uom", .title = N_("Unit"), .type = REPORT_STR },
	[SLOW_LAST] = { .key = "last_issue", .title = N_("Last issue"),
	    .type = REPORT_TIME },
	[SLOW_IDLE] = { .key = "days_since_issue",
	    .title = N_("Days since issue"), .type = REPORT_INT },
	[SLOW_VALUE] = { .key = "value", .title = N_("Value tied up"),
	    .type = REPORT_MONEY },
};

struct slow {
	struct report	*r;
	time_t		 now;
};

static int
slow_row(const struct db_rep_slow *s, void *arg)
{
	struct slow	*sl = arg;
	struct report	*r = sl->r;
	time_t		 t;

	report_row(r);
	report_str(r, SLOW_DEPOT, s->depot);
	report_str(r, SLOW_ITEM, s->item);
	report_str(r, SLOW_NAME_AR, s->name_ar);
	report_str(r, SLOW_NAME_EN, s->name_en);
	report_str(r, SLOW_CATEGORY, s->category);
	report_num(r, SLOW_QTY, s->qty);
	report_str(r, SLOW_UOM, s->uom);
	report_str(r, SLOW_LAST, s->last_issue);
	if (s->last_issue != NULL && wms_time_parse(s->last_issue, &t) == 0)
		report_num(r, SLOW_IDLE, (int64_t)((sl->now - t) / 86400));
	report_num(r, SLOW_VALUE, report_value_of(s->qty, s->avg_milli));
	return 0;
}

static int
slow_fill(struct report_run *rr, struct report *r, struct wms_err *err)
{
	struct slow sl = { .r = r, .now = rr->now };

	return rr->src->slow_each(rr->store, &rr->f, slow_row, &sl, err);
}

static const int slow_totals[] = { SLOW_QTY, SLOW_VALUE, -1 };

const struct report_def report_def_slow = {
	.name = "slow",
	.title = N_("Slow-moving stock"),
	.summary = N_("Items on hand with no issue within --days N (90 by "
	    "default), with the value tied up."),
	.cols = slow_cols,
	.ncols = SLOW_NCOLS,
	.perm = WMS_PERM_READ,
	.filters = RF_DEPOT | RF_LOCATION | RF_CATEGORY | RF_ITEM | RF_DAYS,
	.default_days = 90,
	.totals = slow_totals,
	.total_label = SLOW_DEPOT,
	.chart = { .kind = REPORT_CHART_BARS, .label_col = SLOW_CATEGORY,
	    .value_col = SLOW_VALUE, .title = N_("Value tied up by category") },
	.fill = slow_fill,
};
