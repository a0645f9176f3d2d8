/*
 * makhzan stock: the stock on hand, with what is in transit to the depots
 * (--in-transit, else a line saying how much is left out), and its value
 * for those who may see values.  item show prints the same table.
 */
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "core/ledger.h"
#include "core/master.h"
#include "core/qty.h"
#include "core/value.h"
#include "core/wms.h"
#include "lib/xmalloc.h"

/* One item and lot in transit to a depot, summed over its transfers. */
struct oh_transit {
	char	*depot, *item, *lot, *uom;
	int64_t	 qty;
};

struct oh {
	struct cmd_ctx		*c;
	struct report		*r;
	int			 values;	/* the value column is there */
	/* Filters of the transit rows. */
	const char		*depot, *prefix, *item;
	const char		*to;		/* the transfer being read */
	struct oh_transit	*t;
	size_t			 nt, ntransfers;
	int			 counted;	/* this transfer had a row */
	struct wms_err		*err;
};

/*
 * A stock row, with its value at the average cost the row carries (the
 * depot's, read with the row, not looked up a row); the value
 * cell is left empty when it does not fit in 64 bits.
 */
static int
oh_row(const struct db_report_stock *s, void *arg)
{
	struct oh	*o = arg;
	int64_t		 v;

	report_row(o->r);
	report_str(o->r, 0, s->depot);
	report_str(o->r, 1, s->location);
	report_str(o->r, 2, s->item);
	report_str(o->r, 3, s->lot);
	report_num(o->r, 4, s->qty);
	report_str(o->r, 5, s->uom);
	if (o->values && wms_muldiv(s->avg_milli, s->qty, 1000000, &v) == 0)
		report_num(o->r, 6, v);
	return 0;
}

/* Whether path is under prefix: equal, or at a '/' boundary. */
static int
oh_under(const char *path, const char *prefix)
{
	size_t n = strlen(prefix);

	if (n == 0 || strncmp(path, prefix, n) != 0)
		return 0;
	return path[n] == '\0' || path[n] == '/' || prefix[n - 1] == '/';
}

static int
oh_transit_row(const struct wms_transit_row *t, void *arg)
{
	struct oh		*o = arg;
	struct oh_transit	*x;
	const char		*lot = t->lot != NULL ? t->lot : "";
	char			 path[96];
	size_t			 i;

	snprintf(path, sizeof path, "%s/@TRANSIT", o->to);
	if ((o->item != NULL && strcmp(o->item, t->item) != 0) ||
	    (o->prefix != NULL && !oh_under(path, o->prefix)))
		return 0;
	if (!o->counted) {
		o->counted = 1;
		o->ntransfers++;
	}
	for (i = 0; i < o->nt; i++) {
		x = &o->t[i];
		if (strcmp(x->depot, o->to) == 0 &&
		    strcmp(x->item, t->item) == 0 && strcmp(x->lot, lot) == 0) {
			x->qty += t->qty;
			return 0;
		}
	}
	o->t = xreallocarray(o->t, o->nt + 1, sizeof *o->t);
	x = &o->t[o->nt++];
	x->depot = xstrdup(o->to);
	x->item = xstrdup(t->item);
	x->lot = xstrdup(lot);
	x->uom = xstrdup(t->uom);
	x->qty = t->qty;
	return 0;
}

/* What is in transit to the depots the filters name, into o->t. */
static int
oh_transit(struct oh *o)
{
	struct cmd_transfer	*tr = NULL;
	size_t			 row, n;
	int			 rc;

	if ((rc = cmd_transfers(o->c, 1, &tr, &n, o->err)) != 0)
		return rc;
	for (row = 0; row < n; row++) {
		if (o->depot != NULL && strcmp(o->depot, tr[row].to) != 0)
			continue;
		o->to = tr[row].to;
		o->counted = 0;
		if ((rc = wms_transfer_left_each(o->c->w, tr[row].number,
		    oh_transit_row, o, o->err)) != 0)
			break;
	}
	free(tr);
	return rc;
}

static void
oh_free(struct oh *o)
{
	size_t i;

	for (i = 0; i < o->nt; i++) {
		free(o->t[i].depot);
		free(o->t[i].item);
		free(o->t[i].lot);
		free(o->t[i].uom);
	}
	free(o->t);
	report_free(o->r);
}

int
cmd_onhand(struct cmd_ctx *c, const char *depot, const char *prefix,
    const char *item, int transit, const char *format)
{
	static const struct report_col cols[] = {
		{ .key = "depot", .title = N_("Depot"), .type = REPORT_STR },
		{ .key = "location", .title = N_("Location"),
		    .type = REPORT_STR },
		{ .key = "item", .title = N_("Item"), .type = REPORT_STR },
		{ .key = "lot", .title = N_("Lot"), .type = REPORT_STR },
		{ .key = "qty", .title = N_("Quantity"), .type = REPORT_QTY },
		{ .key = "uom", .title = N_("Unit"), .type = REPORT_STR },
		{ .key = "value", .title = N_("Value"), .type = REPORT_MONEY },
	};
	struct oh	 o;
	struct db_item	 it;
	struct wms_err	 err;
	char		 code[64];
	size_t		 i;
	int		 rc, table;

	if (report_format_parse(format != NULL ? format : "table") < 0)
		return cmd_usage(c, _("unknown format \"%s\": table, csv or "
		    "json"), format);
	table = format == NULL || strcmp(format, "table") == 0;
	memset(&o, 0, sizeof o);
	o.c = c;
	o.err = &err;
	o.depot = depot;
	o.prefix = prefix;
	/* --item may be a barcode: transit rows carry the code. */
	if (item != NULL) {
		if (wms_item_get(c->w, item, &it, &err) != 0)
			return cmd_fail(&err);
		snprintf(code, sizeof code, "%s", it.code);
		db_item_fini(&it);
		o.item = code;
	}
	o.values = wms_may_see_values(c->w);
	o.r = report_new(cols, o.values ? 7 : 6);
	report_set_minor(o.r, wms_currency_minor(c->w));
	if ((rc = (o.values ? wms_stock_costed_each : wms_stock_each)(c->w,
	    depot, prefix, o.item, oh_row, &o, &err)) != 0 ||
	    (rc = oh_transit(&o)) != 0) {
		oh_free(&o);
		return cmd_fail(&err);
	}
	if (transit) {
		for (i = 0; i < o.nt; i++) {
			report_row(o.r);
			report_str(o.r, 0, o.t[i].depot);
			snprintf(code, sizeof code, "%s/@TRANSIT",
			    o.t[i].depot);
			report_str(o.r, 1, code);
			report_str(o.r, 2, o.t[i].item);
			report_str(o.r, 3, *o.t[i].lot != '\0' ? o.t[i].lot :
			    NULL);
			report_num(o.r, 4, o.t[i].qty);
			report_str(o.r, 5, o.t[i].uom);
		}
	}
	rc = cmd_report(c, o.r, format);
	o.r = NULL;
	if (rc == CMD_OK && table && !transit && o.nt > 0)
		printf(_("not shown: %zu items and lots in transit to these "
		    "depots, in %zu transfers (add --in-transit)\n"), o.nt,
		    o.ntransfers);
	oh_free(&o);
	return rc;
}

static int
cmd_stock(struct cmd_ctx *c, const struct wms_args *a)
{
	if (c->central != NULL) {
		if (wms_opt_given(a, 't'))
			return cmd_usage(c, _("--in-transit is for a depot's "
			    "stock, not with --central"));
		return cmd_central_stock(c, a);
	}
	if (wms_opt_given(a, 's'))
		return cmd_usage(c, _("--site is for the national stock: give "
		    "--central CONNINFO"));
	if (a->nargs != 0)
		return cmd_usage(c, _("unexpected argument %s"), a->args[0]);
	return cmd_onhand(c, wms_opt_value(a, 'D'), wms_opt_value(a, 'O'),
	    wms_opt_value(a, 'I'), wms_opt_given(a, 't'),
	    wms_opt_value(a, 'f'));
}

static const struct wms_opt stock_opts[] = {
	{ .name = "depot", .key = 'D', .flags = WMS_OPT_VALUE },
	{ .name = "location", .key = 'O', .flags = WMS_OPT_VALUE },
	{ .name = "item", .key = 'I', .flags = WMS_OPT_VALUE },
	{ .name = "in-transit", .key = 't' },
	{ .name = "site", .key = 's', .flags = WMS_OPT_VALUE },
	CMD_OPT_FORMAT,
	{ .name = NULL }
};

const struct cmd_entry cmd_stock_entry = {
	.name = "stock",
	.usage = "[--depot D] [--location PREFIX] [--item CODE] [--in-transit] "
	    "[--format table|csv|json]; with --central CONNINFO also "
	    "[--site S]",
	.summary = N_("Stock on hand by depot, location, item and lot, with "
	    "its value for supervisors and auditors; --in-transit adds what "
	    "is on its way; with --central, the nation's by site."),
	.opts = stock_opts,
	.flags = CMD_NEEDS_DB | CMD_LOGIN | CMD_CENTRAL,
	.exec = cmd_stock,
};
