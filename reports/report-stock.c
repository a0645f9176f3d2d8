/* Stock reports: stock on hand, the stock card, transfers, the audit log. */
#include <stddef.h>

#include "core/ledger.h"
#include "core/master.h"
#include "core/qty.h"
#include "core/wms.h"
#include "data/db-report.h"
#include "lib/i18n.h"
#include "reports/report.h"

/* The filters of the stock report. */
struct stock_args {
	const char	*depot, *prefix, *item;
};

static int
stock_row(const struct db_report_stock *row, void *r)
{
	report_add(r, row);
	return 0;
}

static int
stock_fill(struct wms *w, struct report *r, void *arg, struct wms_err *err)
{
	struct stock_args *a = arg;

	return wms_stock_each(w, a->depot, a->prefix, a->item, stock_row, r,
	    err);
}

int
report_stock(struct wms *w, const char *depot, const char *prefix,
    const char *item, struct report **out, struct wms_err *err)
{
#define AT(f) offsetof(struct db_report_stock, f)
	static const struct report_col cols[] = {
		{ .key = "depot", .title = N_("Depot"), .type = REPORT_STR,
		    .off = AT(depot) },
		{ .key = "location", .title = N_("Location"),
		    .type = REPORT_STR, .off = AT(location) },
		{ .key = "item", .title = N_("Item"), .type = REPORT_STR,
		    .off = AT(item) },
		{ .key = "lot", .title = N_("Lot"), .type = REPORT_STR,
		    .off = AT(lot) },
		{ .key = "qty", .title = N_("Quantity"), .type = REPORT_QTY,
		    .off = AT(qty) },
		{ .key = "uom", .title = N_("Unit"), .type = REPORT_STR,
		    .off = AT(uom) },
	};
#undef AT
	struct stock_args	a = {
		.depot = depot,
		.prefix = prefix,
		.item = item,
	};

	return report_make(w, cols, 6, stock_fill, &a, out, err);
}

/* The stock card as it fills: its item and depot, the running balance. */
struct ledger_card {
	const char	*item, *depot;
	struct report	*r;
	int64_t		 bal;
	int		 over;		/* the running balance left 64 bits */
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
	/* Checked: a ledger written before the limits may not add up. */
	if (m->in) {
		report_num(r, 5, m->qty);
		if (wms_add(c->bal, m->qty, &c->bal) != 0) {
			c->over = 1;
			return 1;
		}
	}
	if (m->out) {
		report_num(r, 6, m->qty);
		if (wms_sub(c->bal, m->qty, &c->bal) != 0) {
			c->over = 1;
			return 1;
		}
	}
	report_num(r, 7, c->bal);
	return 0;
}

static int
ledger_fill(struct wms *w, struct report *r, void *arg, struct wms_err *err)
{
	struct ledger_card	*c = arg;
	struct db_item		 it;
	int			 rc;

	if ((rc = wms_item_get(w, c->item, &it, err)) != 0)
		return rc;
	c->r = r;
	rc = db_report_ledger_each(wms_db(w), it.id, c->depot, ledger_row, c,
	    err);
	db_item_fini(&it);
	if (rc == 0 && c->over)
		rc = wms_err_set(err, WMS_ERR_CORRUPT, _("the running balance "
		    "of %s does not fit in 64 bits: the ledger is past the "
		    "limits (run makhzan check)"), c->item);
	return rc;
}

int
report_ledger(struct wms *w, const char *item, const char *depot,
    struct report **out, struct wms_err *err)
{
	static const struct report_col cols[] = {
		{ .key = "at", .title = N_("Time"), .type = REPORT_STR },
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
	struct ledger_card c = { .item = item, .depot = depot };

	return report_make(w, cols, 8, ledger_fill, &c, out, err);
}

static int
transfer_row(const struct db_report_transfer *t, void *r)
{
	report_add(r, t);
	return 0;
}

static int
transfer_fill(struct wms *w, struct report *r, void *arg,
    struct wms_err *err)
{
	const int *pending = arg;

	return db_report_transfer_each(wms_db(w), *pending, transfer_row, r,
	    err);
}

int
report_transfers(struct wms *w, int pending, struct report **out,
    struct wms_err *err)
{
#define AT(f) offsetof(struct db_report_transfer, f)
	static const struct report_col cols[] = {
		{ .key = "number", .title = N_("Transfer"),
		    .type = REPORT_STR, .off = AT(number) },
		{ .key = "from_depot", .title = N_("From"),
		    .type = REPORT_STR, .off = AT(from_depot) },
		{ .key = "to_depot", .title = N_("To"), .type = REPORT_STR,
		    .off = AT(to_depot) },
		{ .key = "status", .title = N_("Status"), .type = REPORT_STR,
		    .off = AT(status) },
		{ .key = "shipped_at", .title = N_("Shipped"),
		    .type = REPORT_STR, .off = AT(shipped_at) },
		{ .key = "lines_in_transit", .title = N_("Lines in transit"),
		    .type = REPORT_INT, .off = AT(lines_in_transit) },
		{ .key = "reversed_by", .title = N_("Reversed by"),
		    .type = REPORT_STR, .off = AT(reversed_by) },
	};
#undef AT

	return report_make(w, cols, 7, transfer_fill, &pending, out, err);
}

static int
audit_row(const struct db_audit_entry *a, void *r)
{
	report_add(r, a);
	return 0;
}

static int
audit_fill(struct wms *w, struct report *r, void *arg, struct wms_err *err)
{
	const int *n = arg;

	return db_report_audit_each(wms_db(w), *n, audit_row, r, err);
}

int
report_audit(struct wms *w, int n, struct report **out, struct wms_err *err)
{
#define AT(f) offsetof(struct db_audit_entry, f)
	static const struct report_col cols[] = {
		{ .key = "seq", .title = N_("No."), .type = REPORT_INT,
		    .off = AT(seq) },
		{ .key = "at", .title = N_("Time"), .type = REPORT_STR,
		    .off = AT(at) },
		{ .key = "user", .title = N_("User"), .type = REPORT_STR,
		    .off = AT(user) },
		{ .key = "action", .title = N_("Action"), .type = REPORT_STR,
		    .off = AT(action) },
		{ .key = "document", .title = N_("Document"),
		    .type = REPORT_STR, .off = AT(doc) },
		{ .key = "detail", .title = N_("Detail"), .type = REPORT_STR,
		    .off = AT(detail) },
	};
#undef AT

	return report_make(w, cols, 6, audit_fill, &n, out, err);
}
