/* Planning reports: what to reorder, and the ABC classes of issues. */
#include <stdlib.h>
#include <string.h>

#include "core/wms.h"
#include "data/db-report-mgr.h"
#include "lib/i18n.h"
#include "lib/xmalloc.h"
#include "reports/catalog.h"
#include "reports/run.h"

enum {
	RO_ITEM, RO_NAME_AR, RO_NAME_EN, RO_CATEGORY, RO_UOM, RO_ON_HAND,
	RO_IN_TRANSIT, RO_MIN, RO_MAX, RO_SUGGESTED, RO_PUNIT, RO_PQTY,
	RO_NCOLS
};

static const struct report_col reorder_cols[RO_NCOLS] = {
	[RO_ITEM] = { .key = "item", .title = N_("Item"), .type = REPORT_STR },
	[RO_NAME_AR] = { .key = "name_ar", .title = N_("Arabic name"),
	    .type = REPORT_STR },
	[RO_NAME_EN] = { .key = "name_en", .title = N_("English name"),
	    .type = REPORT_STR },
	[RO_CATEGORY] = { .key = "category", .title = N_("Category"),
	    .type = REPORT_STR },
	[RO_UOM] = { .key = "uom", .title = N_("Unit"), .type = REPORT_STR },
	[RO_ON_HAND] = { .key = "on_hand", .title = N_("On hand"),
	    .type = REPORT_QTY },
	[RO_IN_TRANSIT] = { .key = "in_transit", .title = N_("In transit"),
	    .type = REPORT_QTY },
	[RO_MIN] = { .key = "min", .title = N_("Min"), .type = REPORT_QTY },
	[RO_MAX] = { .key = "max", .title = N_("Max"), .type = REPORT_QTY },
	[RO_SUGGESTED] = { .key = "suggested", .title = N_("Suggested order"),
	    .type = REPORT_QTY },
	[RO_PUNIT] = { .key = "purchase_unit", .title = N_("Purchase unit"),
	    .type = REPORT_STR },
	[RO_PQTY] = { .key = "purchase_qty", .title = N_("Purchase units"),
	    .type = REPORT_INT },
};

static int
reorder_row(const struct db_rep_reorder *o, void *arg)
{
	struct report	*r = arg;
	int64_t		 q;

	q = report_reorder_qty(o->max, o->on_hand, o->in_transit,
	    o->purchase_factor);
	report_row(r);
	report_str(r, RO_ITEM, o->item);
	report_str(r, RO_NAME_AR, o->name_ar);
	report_str(r, RO_NAME_EN, o->name_en);
	report_str(r, RO_CATEGORY, o->category);
	report_str(r, RO_UOM, o->uom);
	report_num(r, RO_ON_HAND, o->on_hand);
	report_num(r, RO_IN_TRANSIT, o->in_transit);
	report_num(r, RO_MIN, o->min);
	report_num(r, RO_MAX, o->max);
	report_num(r, RO_SUGGESTED, q);
	if (o->purchase_factor > 0) {
		report_str(r, RO_PUNIT, o->purchase_unit);
		report_num(r, RO_PQTY, q / o->purchase_factor);
	}
	return 0;
}

static int
reorder_fill(struct report_run *rr, struct report *r, struct wms_err *err)
{
	return rr->src->reorder_each(rr->store, &rr->f, reorder_row, r,
	    err);
}

const struct report_def report_def_reorder = {
	.name = "reorder",
	.title = N_("Items to reorder"),
	.summary = N_("Items below their minimum: the order that brings them "
	    "to their maximum, less what is in transit, in purchase units."),
	.cols = reorder_cols,
	.ncols = RO_NCOLS,
	.perm = WMS_PERM_READ,
	.filters = RF_DEPOT | RF_CATEGORY | RF_ITEM,
	.fill = reorder_fill,
};

enum {
	ABC_CLASS, ABC_ITEM, ABC_NAME_AR, ABC_NAME_EN, ABC_CATEGORY,
	ABC_QTY, ABC_UOM, ABC_VALUE, ABC_SHARE, ABC_CUM, ABC_NCOLS
};

static const struct report_col abc_cols[ABC_NCOLS] = {
	[ABC_CLASS] = { .key = "class", .title = N_("Class"),
	    .type = REPORT_STR },
	[ABC_ITEM] = { .key = "item", .title = N_("Item"),
	    .type = REPORT_STR },
	[ABC_NAME_AR] = { .key = "name_ar", .title = N_("Arabic name"),
	    .type = REPORT_STR },
	[ABC_NAME_EN] = { .key = "name_en", .title = N_("English name"),
	    .type = REPORT_STR },
	[ABC_CATEGORY] = { .key = "category", .title = N_("Category"),
	    .type = REPORT_STR },
	[ABC_QTY] = { .key = "qty", .title = N_("Issued"),
	    .type = REPORT_QTY },
	[ABC_UOM] = { .key = "uom", .title = N_("Unit"), .type = REPORT_STR },
	[ABC_VALUE] = { .key = "value", .title = N_("Value issued"),
	    .type = REPORT_MONEY },
	/* Percentages with three decimals: thousandths, as quantities. */
	[ABC_SHARE] = { .key = "share_pct", .title = N_("Share %"),
	    .type = REPORT_QTY },
	[ABC_CUM] = { .key = "cumulative_pct", .title = N_("Cumulative %"),
	    .type = REPORT_QTY },
};

/* The issued rows, held to be classed once all are in (value order). */
struct abc {
	struct report	*r;
	int64_t		*values;
	size_t		 n;
};

static int
abc_row(const struct db_rep_issued *s, void *arg)
{
	struct abc	*a = arg;
	struct report	*r = a->r;

	report_row(r);
	report_str(r, ABC_ITEM, s->item);
	report_str(r, ABC_NAME_AR, s->name_ar);
	report_str(r, ABC_NAME_EN, s->name_en);
	report_str(r, ABC_CATEGORY, s->category);
	report_num(r, ABC_QTY, s->qty);
	report_str(r, ABC_UOM, s->uom);
	report_num(r, ABC_VALUE, s->value);
	a->values = xreallocarray(a->values, a->n + 1, sizeof *a->values);
	a->values[a->n++] = s->value;
	return 0;
}

/* part / total in thousandths of a percent, rounded down. */
static int64_t
abc_pct(int64_t part, int64_t total)
{
	if (total <= 0 || part <= 0)
		return 0;
	return (int64_t)((__int128)part * 100000 / total);
}

static int
abc_fill(struct report_run *rr, struct report *r, struct wms_err *err)
{
	struct abc	 a = { .r = r };
	char		*cls, c[2] = { 0 };
	int64_t		 total = 0, cum = 0;
	size_t		 i;
	int		 rc;

	if ((rc = rr->src->issued_each(rr->store, &rr->f, abc_row, &a,
	    err)) != 0)
		goto out;
	cls = xcalloc(a.n + 1, 1);
	report_abc_classes(a.values, a.n, 80, 15, cls);
	for (i = 0; i < a.n; i++)
		if (a.values[i] > 0)
			total += a.values[i];
	/* The rows are the report's rows, in value order: set each class. */
	for (i = 0; i < a.n; i++) {
		if (a.values[i] > 0)
			cum += a.values[i];
		c[0] = cls[i];
		report_set_str(r, i, ABC_CLASS, c);
		report_set_num(r, i, ABC_SHARE, abc_pct(a.values[i], total));
		report_set_num(r, i, ABC_CUM, abc_pct(cum, total));
	}
	free(cls);
out:
	free(a.values);
	return rc;
}

static const int abc_totals[] = { ABC_QTY, ABC_VALUE, -1 };

const struct report_def report_def_abc = {
	.name = "abc",
	.title = N_("ABC classification"),
	.summary = N_("Items by the value issued over a period: A the first "
	    "80%, B the next 15%, C the rest."),
	.cols = abc_cols,
	.ncols = ABC_NCOLS,
	.perm = WMS_PERM_READ,
	.filters = RF_DEPOT | RF_CATEGORY | RF_ITEM | RF_FROM | RF_TO | RF_CC,
	.totals = abc_totals,
	.total_label = ABC_CLASS,
	.chart = { .kind = REPORT_CHART_CURVE, .label_col = ABC_ITEM,
	    .value_col = ABC_VALUE, .title = N_("ABC curve") },
	.fill = abc_fill,
};
