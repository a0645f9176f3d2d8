/* Stock reports: stock on hand, the stock card, transfers, the audit log. */
#include "core/ledger.h"
#include "core/master.h"
#include "core/wms.h"
#include "data/db-report.h"
#include "lib/i18n.h"
#include "reports/report.h"

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
		{ .key = "depot", .title = N_("Depot"), .type = REPORT_STR },
		{ .key = "location", .title = N_("Location"),
		    .type = REPORT_STR },
		{ .key = "item", .title = N_("Item"), .type = REPORT_STR },
		{ .key = "lot", .title = N_("Lot"), .type = REPORT_STR },
		{ .key = "qty", .title = N_("Quantity"), .type = REPORT_QTY },
		{ .key = "uom", .title = N_("Unit"), .type = REPORT_STR },
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

/* The stock card as it fills: the report and the running balance. */
struct ledger_card {
	struct report	*r;
	int64_t		 bal;
};

static int
ledger_row(const struct db_report_ledger *m, void *arg)
{
	struct ledger_card	*c = arg;
	struct report		*r = c->r;

	report_row(r);
	report_str(r, 0, m->at);
	report_str(r, 1, m->document);
	report_str(r, 2, m->from);
	report_str(r, 3, m->to);
	report_str(r, 4, m->lot);
	/* A move inside the depot shows as both and changes nothing. */
	if (m->in) {
		report_num(r, 5, m->qty);
		c->bal += m->qty;
	}
	if (m->out) {
		report_num(r, 6, m->qty);
		c->bal -= m->qty;
	}
	report_num(r, 7, c->bal);
	return 0;
}

int
report_ledger(struct wms *w, const char *item, const char *depot,
    struct report **out, struct wms_err *err)
{
	static const struct report_col cols[] = {
		{ .key = "at", .title = N_("Time (UTC)"), .type = REPORT_STR },
		{ .key = "document", .title = N_("Document"),
		    .type = REPORT_STR },
		{ .key = "from", .title = N_("From"), .type = REPORT_STR },
		{ .key = "to", .title = N_("To"), .type = REPORT_STR },
		{ .key = "lot", .title = N_("Lot"), .type = REPORT_STR },
		{ .key = "in", .title = N_("In"), .type = REPORT_QTY },
		{ .key = "out", .title = N_("Out"), .type = REPORT_QTY },
		{ .key = "balance", .title = N_("Balance"),
		    .type = REPORT_QTY },
	};
	struct ledger_card	c = { 0 };
	struct wms_item		it;
	int			rc;

	*out = NULL;
	if ((rc = wms_require(w, WMS_PERM_READ, err)) != 0)
		return rc;
	if ((rc = wms_item_get(w, item, &it, err)) != 0)
		return rc;
	c.r = report_new(cols, 8);
	rc = db_report_ledger_each(wms_db(w), it.id, depot, ledger_row, &c,
	    err);
	wms_item_fini(&it);
	if (rc != 0) {
		report_free(c.r);
		return rc;
	}
	*out = c.r;
	return 0;
}

static int
transfer_row(const struct db_report_transfer *t, void *arg)
{
	struct report *r = arg;

	report_row(r);
	report_str(r, 0, t->number);
	report_str(r, 1, t->from_depot);
	report_str(r, 2, t->to_depot);
	report_str(r, 3, t->status);
	report_str(r, 4, t->shipped_at);
	report_num(r, 5, t->lines_in_transit);
	report_str(r, 6, t->reversed_by);
	return 0;
}

int
report_transfers(struct wms *w, int pending, struct report **out,
    struct wms_err *err)
{
	static const struct report_col cols[] = {
		{ .key = "number", .title = N_("Transfer"),
		    .type = REPORT_STR },
		{ .key = "from_depot", .title = N_("From"),
		    .type = REPORT_STR },
		{ .key = "to_depot", .title = N_("To"), .type = REPORT_STR },
		{ .key = "status", .title = N_("Status"), .type = REPORT_STR },
		{ .key = "shipped_at", .title = N_("Shipped (UTC)"),
		    .type = REPORT_STR },
		{ .key = "lines_in_transit", .title = N_("Lines in transit"),
		    .type = REPORT_INT },
		{ .key = "reversed_by", .title = N_("Reversed by"),
		    .type = REPORT_STR },
	};
	struct report	*r;
	int		 rc;

	*out = NULL;
	if ((rc = wms_require(w, WMS_PERM_READ, err)) != 0)
		return rc;
	r = report_new(cols, 7);
	if ((rc = db_report_transfer_each(wms_db(w), pending, transfer_row, r,
	    err)) != 0) {
		report_free(r);
		return rc;
	}
	*out = r;
	return 0;
}

static int
audit_row(const struct db_report_audit *a, void *arg)
{
	struct report *r = arg;

	report_row(r);
	report_num(r, 0, a->seq);
	report_str(r, 1, a->at);
	report_str(r, 2, a->user);
	report_str(r, 3, a->action);
	report_str(r, 4, a->doc);
	report_str(r, 5, a->detail);
	return 0;
}

int
report_audit(struct wms *w, int n, struct report **out, struct wms_err *err)
{
	static const struct report_col cols[] = {
		{ .key = "seq", .title = N_("No."), .type = REPORT_INT },
		{ .key = "at", .title = N_("Time (UTC)"), .type = REPORT_STR },
		{ .key = "user", .title = N_("User"), .type = REPORT_STR },
		{ .key = "action", .title = N_("Action"), .type = REPORT_STR },
		{ .key = "document", .title = N_("Document"),
		    .type = REPORT_STR },
		{ .key = "detail", .title = N_("Detail"), .type = REPORT_STR },
	};
	struct report	*r;
	int		 rc;

	*out = NULL;
	if ((rc = wms_require(w, WMS_PERM_READ, err)) != 0)
		return rc;
	r = report_new(cols, 6);
	if ((rc = db_report_audit_each(wms_db(w), n, audit_row, r,
	    err)) != 0) {
		report_free(r);
		return rc;
	}
	*out = r;
	return 0;
}
