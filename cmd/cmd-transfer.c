/* Transfers between depots: show one, list them, what is left in transit. */
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "core/ledger.h"
#include "core/master.h"
#include "core/qty.h"
#include "core/wms.h"
#include "data/db-report.h"
#include "lib/time.h"
#include "lib/xmalloc.h"

/* One item and lot of a transfer: what was shipped, received, is left. */
struct tr_line {
	char	*item, *lot, *uom;
	int64_t	 shipped, received, left;
};

struct tr_lines {
	struct tr_line	*v;
	size_t		 n;
	int		 site;	/* to another site: shipped to @SITE/<site> */
};

static struct tr_line *
tr_line(struct tr_lines *l, const char *item, const char *lot)
{
	struct tr_line	*ln;
	size_t		 i;

	if (lot == NULL)
		lot = "";
	for (i = 0; i < l->n; i++) {
		if (strcmp(l->v[i].item, item) == 0 &&
		    strcmp(l->v[i].lot, lot) == 0)
			return &l->v[i];
	}
	l->v = xreallocarray(l->v, l->n + 1, sizeof *l->v);
	ln = &l->v[l->n++];
	memset(ln, 0, sizeof *ln);
	ln->item = xstrdup(item);
	ln->lot = xstrdup(lot);
	return ln;
}

static void
tr_lines_free(struct tr_lines *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		free(l->v[i].item);
		free(l->v[i].lot);
		free(l->v[i].uom);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

/* A transit location: DEPOT/@TRANSIT. */
static int
tr_transit(const char *path)
{
	const char *s = strchr(path, '/');

	return s != NULL && strcmp(s, "/@TRANSIT") == 0;
}

static int
tr_move(const struct wms_doc_move *m, void *arg)
{
	struct tr_line *ln;

	if (tr_transit(m->to)) {
		ln = tr_line(arg, m->item, m->lot);
		ln->shipped += m->qty;
	} else if (strncmp(m->to, "@SITE/", 6) == 0) {
		/* Received at the other site: what is no longer left. */
		ln = tr_line(arg, m->item, m->lot);
		ln->shipped += m->qty;
		((struct tr_lines *)arg)->site = 1;
	} else if (tr_transit(m->from)) {
		ln = tr_line(arg, m->item, m->lot);
		ln->received += m->qty;
	}
	return 0;
}

static int
tr_left(const struct wms_transit_row *t, void *arg)
{
	struct tr_line *ln = tr_line(arg, t->item, t->lot);

	ln->left += t->qty;
	if (ln->uom == NULL)
		ln->uom = xstrdup(t->uom);
	return 0;
}

/* Every line of transfer number, with its base unit; 0 or a failure. */
static int
tr_collect(struct cmd_ctx *c, const char *number, struct tr_lines *l,
    struct wms_err *err)
{
	struct db_item	it;
	size_t		i;
	int		rc;

	memset(l, 0, sizeof *l);
	if ((rc = wms_doc_each_move(c->w, number, tr_move, l, err)) != 0 ||
	    (rc = wms_transfer_left_each(c->w, number, tr_left, l, err)) != 0)
		return rc;
	for (i = 0; i < l->n; i++) {
		if (l->site)
			l->v[i].received = l->v[i].shipped - l->v[i].left;
		if (l->v[i].uom != NULL)
			continue;
		if ((rc = wms_item_get(c->w, l->v[i].item, &it, err)) != 0)
			return rc;
		l->v[i].uom = xstrdup(it.uom);
		db_item_fini(&it);
	}
	return 0;
}

/*
 * After a transfer receive: what is still in transit, a line per item and
 * lot, or that nothing is.  Printed on stdout, after the receipt's line.
 */
int
cmd_transfer_left(struct cmd_ctx *c, const char *number)
{
	struct tr_lines	 l;
	struct wms_err	 err;
	char		 q[64];
	size_t		 i;
	int		 any = 0, rc;

	if ((rc = tr_collect(c, number, &l, &err)) != 0) {
		tr_lines_free(&l);
		return cmd_fail(&err);
	}
	for (i = 0; i < l.n; i++) {
		if (l.v[i].left <= 0)
			continue;
		wms_qty_fmt(l.v[i].left, q, sizeof q);
		if (*l.v[i].lot != '\0')
			printf(_("still in transit: %s %s of %s lot %s\n"), q,
			    l.v[i].uom, l.v[i].item, l.v[i].lot);
		else
			printf(_("still in transit: %s %s of %s\n"), q,
			    l.v[i].uom, l.v[i].item);
		any = 1;
	}
	if (!any)
		printf(_("nothing is left in transit: %s is received\n"),
		    number);
	tr_lines_free(&l);
	return CMD_OK;
}

struct tr_acc {
	struct cmd_transfer	*v;
	size_t			 n;
};

static int
tr_acc_row(const struct db_report_transfer *t, void *arg)
{
	struct tr_acc		*a = arg;
	struct cmd_transfer	*x;

	a->v = xreallocarray(a->v, a->n + 1, sizeof *a->v);
	x = &a->v[a->n++];
	snprintf(x->number, sizeof x->number, "%s", t->number);
	snprintf(x->from, sizeof x->from, "%s", t->from_depot);
	snprintf(x->to, sizeof x->to, "%s", t->to_depot);
	snprintf(x->status, sizeof x->status, "%s", t->status);
	snprintf(x->shipped_at, sizeof x->shipped_at, "%s", t->shipped_at);
	return 0;
}

int
cmd_transfers(struct cmd_ctx *c, int pending, struct cmd_transfer **out,
    size_t *n, struct wms_err *err)
{
	struct tr_acc	a = { 0 };
	int		rc;

	*out = NULL;
	*n = 0;
	if ((rc = wms_require(c->w, WMS_PERM_READ, err)) != 0)
		return rc;
	if ((rc = db_report_transfer_each(wms_db(c->w), pending, tr_acc_row,
	    &a, err)) != 0) {
		free(a.v);
		return rc;
	}
	*out = a.v;
	*n = a.n;
	return 0;
}

/* Whether a listing's format is the table (the default). */
static int
tr_table(const char *format)
{
	return format == NULL || strcmp(format, "table") == 0;
}

static int
cmd_transfer_show(struct cmd_ctx *c, const struct wms_args *a)
{
	static const struct report_col cols[] = {
		{ .key = "item", .title = N_("Item"), .type = REPORT_STR },
		{ .key = "lot", .title = N_("Lot"), .type = REPORT_STR },
		{ .key = "shipped", .title = N_("Shipped"), .type = REPORT_QTY },
		{ .key = "received", .title = N_("Received"),
		    .type = REPORT_QTY },
		{ .key = "in_transit", .title = N_("In transit"),
		    .type = REPORT_QTY },
		{ .key = "uom", .title = N_("Unit"), .type = REPORT_STR },
	};
	const char		*format = wms_opt_value(a, 'f');
	struct wms_doc_info	 di;
	struct cmd_transfer	*all = NULL;
	struct report		*r = NULL;
	struct tr_lines		 l;
	struct wms_err		 err;
	char			 when[64];
	size_t			 i, row, nall = 0;
	int			 rc;

	memset(&l, 0, sizeof l);
	if (a->nargs != 1)
		return cmd_usage(c, _("give the transfer NUMBER"));
	if (report_format_parse(format != NULL ? format : "table") < 0)
		return cmd_usage(c, _("unknown format \"%s\": table, csv or "
		    "json"), format);
	if ((rc = wms_doc_get(c->w, a->args[0], &di, &err)) != 0)
		return cmd_fail(&err);
	if (strcmp(di.type, "TRF") != 0) {
		wms_err_set(&err, WMS_ERR_INVALID, _("%s is not a transfer"),
		    di.number);
		return cmd_fail(&err);
	}
	if ((rc = tr_collect(c, di.number, &l, &err)) != 0 ||
	    (rc = cmd_transfers(c, 0, &all, &nall, &err)) != 0) {
		tr_lines_free(&l);
		return cmd_fail(&err);
	}
	*when = '\0';
	for (row = 0; row < nall; row++) {
		if (strcmp(all[row].number, di.number) == 0) {
			wms_time_local(all[row].shipped_at, when, sizeof when);
			break;
		}
	}
	free(all);
	r = report_new(cols, 6);
	for (i = 0; i < l.n; i++) {
		report_row(r);
		report_str(r, 0, l.v[i].item);
		report_str(r, 1, *l.v[i].lot != '\0' ? l.v[i].lot : NULL);
		report_num(r, 2, l.v[i].shipped);
		report_num(r, 3, l.v[i].received);
		report_num(r, 4, l.v[i].left);
		report_str(r, 5, l.v[i].uom);
	}
	tr_lines_free(&l);
	if (tr_table(format)) {
		printf(_("%s  from %s to %s  shipped %s  %s\n"), di.number,
		    di.depot, di.dest, when, strcmp(di.status, "in_transit") ==
		    0 ? _("in transit") : _("received"));
		if (*di.reversed_by != '\0')
			printf(_("reversed by %s\n"), di.reversed_by);
	}
	return cmd_report(c, r, format);
}

/* transfer list --pending: a row per item and lot still in transit. */
struct tr_pending {
	struct cmd_ctx	*c;
	struct report	*r;
	const char	*format;
};

static int
tr_pending_rows(struct tr_pending *p, const struct cmd_transfer *all,
    size_t nall, struct wms_err *err)
{
	struct tr_lines	 l;
	const char	*num, *from, *to;
	char		 when[64];
	size_t		 row, i;
	int		 rc;

	for (row = 0; row < nall; row++) {
		num = all[row].number;
		from = all[row].from;
		to = all[row].to;
		if (tr_table(p->format))
			wms_time_local(all[row].shipped_at, when, sizeof when);
		else
			snprintf(when, sizeof when, "%s", all[row].shipped_at);
		if ((rc = tr_collect(p->c, num, &l, err)) != 0) {
			tr_lines_free(&l);
			return rc;
		}
		for (i = 0; i < l.n; i++) {
			if (l.v[i].left <= 0)
				continue;
			report_row(p->r);
			report_str(p->r, 0, num);
			report_str(p->r, 1, from);
			report_str(p->r, 2, to);
			report_str(p->r, 3, when);
			report_str(p->r, 4, l.v[i].item);
			report_str(p->r, 5, *l.v[i].lot != '\0' ? l.v[i].lot :
			    NULL);
			report_num(p->r, 6, l.v[i].left);
			report_str(p->r, 7, l.v[i].uom);
		}
		tr_lines_free(&l);
	}
	return 0;
}

static int
cmd_transfer_list(struct cmd_ctx *c, const struct wms_args *a)
{
	/* The time is already local text in a table: no "_at" key. */
	static const struct report_col cols[] = {
		{ .key = "number", .title = N_("Transfer"), .type = REPORT_STR },
		{ .key = "from_depot", .title = N_("From"), .type = REPORT_STR },
		{ .key = "to_depot", .title = N_("To"), .type = REPORT_STR },
		{ .key = "shipped", .title = N_("Shipped"), .type = REPORT_STR },
		{ .key = "item", .title = N_("Item"), .type = REPORT_STR },
		{ .key = "lot", .title = N_("Lot"), .type = REPORT_STR },
		{ .key = "in_transit", .title = N_("In transit"),
		    .type = REPORT_QTY },
		{ .key = "uom", .title = N_("Unit"), .type = REPORT_STR },
	};
	struct tr_pending	 p;
	struct cmd_transfer	*all = NULL;
	struct report		*r = NULL;
	struct wms_err		 err;
	const char		*format = wms_opt_value(a, 'f');
	size_t			 nall;
	int			 rc;

	if (a->nargs != 0)
		return cmd_usage(c, _("unexpected argument %s"), a->args[0]);
	if (c->central != NULL) {
		if (!wms_opt_given(a, 'p'))
			return cmd_usage(c, _("with --central, give --pending: "
			    "the centre lists what is in transit"));
		if (report_format_parse(format != NULL ? format : "table") < 0)
			return cmd_usage(c, _("unknown format \"%s\": table, "
			    "csv or json"), format);
		return cmd_central_pending(c, wms_opt_value(a, 's'),
		    wms_opt_value(a, 'D'), format);
	}
	if (wms_opt_given(a, 's') || wms_opt_given(a, 'D'))
		return cmd_usage(c, _("--site and --depot are for the national "
		    "list: give --central CONNINFO"));
	if (!wms_opt_given(a, 'p'))
		return cmd_report_out(c, report_transfers(c->w, 0, &r, &err),
		    &r, &err, format);
	if (report_format_parse(format != NULL ? format : "table") < 0)
		return cmd_usage(c, _("unknown format \"%s\": table, csv or "
		    "json"), format);
	if ((rc = cmd_transfers(c, 1, &all, &nall, &err)) != 0)
		return cmd_fail(&err);
	p.c = c;
	p.format = format;
	p.r = report_new(cols, 8);
	rc = tr_pending_rows(&p, all, nall, &err);
	free(all);
	if (rc != 0) {
		report_free(p.r);
		return cmd_fail(&err);
	}
	if (tr_table(format) && report_nrows(p.r) == 0) {
		report_free(p.r);
		printf("%s\n", _("nothing in transit"));
		return CMD_OK;
	}
	return cmd_report(c, p.r, format);
}

static const struct wms_opt transfer_list_opts[] = {
	{ .name = "pending", .key = 'p' },
	{ .name = "site", .key = 's', .flags = WMS_OPT_VALUE },
	{ .name = "depot", .key = 'D', .flags = WMS_OPT_VALUE },
	CMD_OPT_FORMAT,
	{ .name = NULL }
};

static const struct wms_opt transfer_show_opts[] = {
	CMD_OPT_FORMAT,
	{ .name = NULL }
};

const struct cmd_entry cmd_transfer_list_entry = {
	.group = "transfer",
	.name = "list",
	.usage = "[--pending] [--format table|csv|json]; with --central "
	    "CONNINFO --pending [--site S] [--depot D]",
	.summary = N_("List transfers; --pending: each item and lot still in "
	    "transit, with its quantity; with --central, the nation's."),
	.opts = transfer_list_opts,
	.flags = CMD_NEEDS_DB | CMD_LOGIN | CMD_CENTRAL,
	.exec = cmd_transfer_list,
};

const struct cmd_entry cmd_transfer_show_entry = {
	.group = "transfer",
	.name = "show",
	.usage = "NUMBER [--format table|csv|json]",
	.summary = N_("Show a transfer: each item and lot shipped, received "
	    "and still in transit."),
	.opts = transfer_show_opts,
	.flags = CMD_NEEDS_DB | CMD_LOGIN,
	.exec = cmd_transfer_show,
};
