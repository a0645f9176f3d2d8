/* The stock card of an item (بطاقة مادة) and the journal of documents. */
#include <stddef.h>

#include "core/wms.h"
#include "data/db-report-mgr.h"
#include "lib/i18n.h"
#include "reports/catalog.h"
#include "reports/run.h"

enum {
	CARD_AT, CARD_DOCUMENT, CARD_TYPE, CARD_COUNTERPARTY, CARD_LOCATION,
	CARD_LOT, CARD_IN, CARD_OUT, CARD_BALANCE, CARD_UOM, CARD_NCOLS
};

static const struct report_col card_cols[CARD_NCOLS] = {
	[CARD_AT] = { .key = "at", .title = N_("Time"), .type = REPORT_TIME },
	[CARD_DOCUMENT] = { .key = "document", .title = N_("Document"),
	    .type = REPORT_STR },
	[CARD_TYPE] = { .key = "type", .title = N_("Type"),
	    .type = REPORT_STR },
	[CARD_COUNTERPARTY] = { .key = "counterparty",
	    .title = N_("Counterparty"), .type = REPORT_STR },
	[CARD_LOCATION] = { .key = "location", .title = N_("Location"),
	    .type = REPORT_STR },
	[CARD_LOT] = { .key = "lot", .title = N_("Lot"), .type = REPORT_STR },
	[CARD_IN] = { .key = "in", .title = N_("In"), .type = REPORT_QTY },
	[CARD_OUT] = { .key = "out", .title = N_("Out"), .type = REPORT_QTY },
	[CARD_BALANCE] = { .key = "balance", .title = N_("Balance"),
	    .type = REPORT_QTY },
	[CARD_UOM] = { .key = "uom", .title = N_("Unit"), .type = REPORT_STR },
};

/* The card as it fills: the running balance and the item's unit. */
struct card {
	struct report	*r;
	const char	*uom;
	int64_t		 bal, in, out;
	int		 over;		/* a sum left 64 bits */
};

static int
card_row(const struct db_rep_card *m, void *arg)
{
	struct card	*c = arg;
	struct report	*r = c->r;

	report_row(r);
	report_str(r, CARD_AT, m->at);
	report_str(r, CARD_DOCUMENT, m->document);
	report_str(r, CARD_TYPE, m->type);
	report_str(r, CARD_COUNTERPARTY, m->counterparty);
	report_str(r, CARD_LOCATION, m->location);
	report_str(r, CARD_LOT, m->lot);
	/* A move inside the depot shows as both and changes nothing. */
	/* Checked: a ledger written before the limits may not add up. */
	if (m->in) {
		report_num(r, CARD_IN, m->qty);
		if (__builtin_add_overflow(c->bal, m->qty, &c->bal) ||
		    __builtin_add_overflow(c->in, m->qty, &c->in))
			c->over = 1;
	}
	if (m->out) {
		report_num(r, CARD_OUT, m->qty);
		if (__builtin_sub_overflow(c->bal, m->qty, &c->bal) ||
		    __builtin_add_overflow(c->out, m->qty, &c->out))
			c->over = 1;
	}
	if (c->over)
		return 1;
	report_num(r, CARD_BALANCE, c->bal);
	report_str(r, CARD_UOM, c->uom);
	return 0;
}

static int
card_fill(struct report_run *rr, struct report *r, struct wms_err *err)
{
	static const int sums[] = { CARD_IN, CARD_OUT, -1 };
	struct card	c = { .r = r };
	int64_t		id;
	char		uom[64];
	int		rc;

	if ((rc = rr->src->item(rr->store, rr->given->item, &id, uom,
	    sizeof uom, err)) != 0)
		return rc;
	c.uom = uom;
	if ((rc = rr->src->card_opening(rr->store, &rr->f, &c.bal,
	    err)) != 0)
		return rc;
	report_row(r);
	report_str(r, CARD_TYPE, "opening");
	report_str(r, CARD_COUNTERPARTY, _("Opening balance"));
	report_num(r, CARD_BALANCE, c.bal);
	report_str(r, CARD_UOM, c.uom);
	if ((rc = rr->src->card_each(rr->store, &rr->f, card_row, &c,
	    err)) != 0)
		return rc;
	if (c.over)
		return wms_err_set(err, WMS_ERR_CORRUPT, _("the stock card of "
		    "%s does not add up in 64 bits: run makhzan check"),
		    rr->given->item);
	/* The closing row is the card's totals: in, out and the balance. */
	report_add_total(r, CARD_COUNTERPARTY, _("Closing balance"), sums);
	report_str(r, CARD_TYPE, "closing");
	report_num(r, CARD_BALANCE, c.bal);
	report_str(r, CARD_UOM, c.uom);
	return 0;
}

const struct report_def report_def_card = {
	.name = "card",
	.title = N_("Stock card"),
	.summary = N_("The stock card of an item: opening balance, each "
	    "movement with its document and counterparty, running and closing "
	    "balance."),
	.cols = card_cols,
	.ncols = CARD_NCOLS,
	.perm = WMS_PERM_READ,
	.filters = RF_ITEM | RF_DEPOT | RF_LOCATION | RF_FROM | RF_TO |
	    RF_LIMIT,
	.required = RF_ITEM,
	.chart = { .kind = REPORT_CHART_LINE, .label_col = CARD_AT,
	    .value_col = CARD_BALANCE, .title = N_("Balance over time") },
	.fill = card_fill,
};

enum {
	JRN_AT, JRN_NUMBER, JRN_TYPE, JRN_STATUS, JRN_DEPOT, JRN_USER,
	JRN_CC, JRN_COUNTERPARTY, JRN_REVERSES, JRN_LINES, JRN_VALUE,
	JRN_NCOLS
};

#define AT(f) offsetof(struct db_rep_journal, f)
static const struct report_col journal_cols[JRN_NCOLS] = {
	[JRN_AT] = { .key = "at", .title = N_("Time"), .type = REPORT_TIME,
	    .off = AT(at) },
	[JRN_NUMBER] = { .key = "document", .title = N_("Document"),
	    .type = REPORT_STR, .off = AT(number) },
	[JRN_TYPE] = { .key = "type", .title = N_("Type"),
	    .type = REPORT_STR, .off = AT(type) },
	[JRN_STATUS] = { .key = "status", .title = N_("Status"),
	    .type = REPORT_STR, .off = AT(status) },
	[JRN_DEPOT] = { .key = "depot", .title = N_("Depot"),
	    .type = REPORT_STR, .off = AT(depot) },
	[JRN_USER] = { .key = "user", .title = N_("User"),
	    .type = REPORT_STR, .off = AT(user) },
	[JRN_CC] = { .key = "cost_centre", .title = N_("Cost centre"),
	    .type = REPORT_STR, .off = AT(cost_centre) },
	[JRN_COUNTERPARTY] = { .key = "counterparty",
	    .title = N_("Counterparty"), .type = REPORT_STR,
	    .off = AT(counterparty) },
	[JRN_REVERSES] = { .key = "reverses", .title = N_("Reverses"),
	    .type = REPORT_STR, .off = AT(reverses) },
	[JRN_LINES] = { .key = "lines", .title = N_("Lines"),
	    .type = REPORT_INT, .off = AT(lines) },
	[JRN_VALUE] = { .key = "value", .title = N_("Value"),
	    .type = REPORT_MONEY, .off = AT(value) },
};
#undef AT

static int
journal_row(const struct db_rep_journal *j, void *r)
{
	return report_run_add(j, r);
}

static int
journal_fill(struct report_run *rr, struct report *r, struct wms_err *err)
{
	return rr->src->journal_each(rr->store, &rr->f, journal_row, r,
	    err);
}

static const int journal_totals[] = { JRN_LINES, JRN_VALUE, -1 };

const struct report_def report_def_journal = {
	.name = "journal",
	.title = N_("Journal of documents"),
	.summary = N_("Documents by type, user, cost centre and period, with "
	    "their lines and value."),
	.cols = journal_cols,
	.ncols = JRN_NCOLS,
	.perm = WMS_PERM_READ,
	.filters = RF_DEPOT | RF_FROM | RF_TO | RF_USER | RF_CC | RF_TYPE,
	.totals = journal_totals,
	.total_label = JRN_NUMBER,
	.fill = journal_fill,
};
