/* Commands that move stock, and the stock reports. */
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "lib/csv.h"
#include "core/ledger.h"
#include "core/master.h"
#include "core/qty.h"
#include "core/wms.h"
#include "lib/xmalloc.h"

/* Everything a posting command may be given. */
struct stock_args {
	struct wms_doc	 doc;
	const char	*lot, *expiry, *cost, *lines_file;
	char		**serials;
	size_t		 nserials;
	/* The document lines and the strings they point into. */
	struct wms_line	*lines;
	size_t		 nlines;
	char		**strs;
	size_t		 nstrs;
};

static char *
stock_keep(struct stock_args *a, const char *s)
{
	if (s == NULL)
		return NULL;
	a->strs = xreallocarray(a->strs, a->nstrs + 1, sizeof *a->strs);
	return a->strs[a->nstrs++] = xstrdup(s);
}

static void
stock_free(struct stock_args *a)
{
	size_t i;

	for (i = 0; i < a->nlines; i++)
		free((void *)a->lines[i].serials);
	for (i = 0; i < a->nstrs; i++)
		free(a->strs[i]);
	free(a->strs);
	free(a->lines);
	free(a->serials);
}

/* What the options say, into a (the strings stay in argv). */
static void
stock_parse(const struct wms_args *args, struct stock_args *a)
{
	const char	*v;
	int		 i;

	memset(a, 0, sizeof *a);
	for (i = 0; i < args->nopts; i++) {
		v = args->opts[i].value;
		switch (args->opts[i].key) {
		case 'F': a->doc.from = v; break;
		case 'T': a->doc.to = v; break;
		case 'L': a->lot = v; break;
		case 'E': a->expiry = v; break;
		case 'S':
			a->serials = xreallocarray(a->serials, a->nserials + 1,
			    sizeof *a->serials);
			a->serials[a->nserials++] = (char *)v;
			break;
		case 'C': a->cost = v; break;
		case 'P': a->doc.supplier = v; break;
		case 'R': a->doc.ref = v; break;
		case 'Q': a->doc.requester = v; break;
		case 'W': a->doc.reason = v; break;
		case 'N': a->lines_file = v; break;
		case 'X': a->doc.allow_expired = 1; break;
		}
	}
}

static struct wms_line *
stock_new_line(struct stock_args *a)
{
	struct wms_line *ln;

	a->lines = xreallocarray(a->lines, a->nlines + 1, sizeof *a->lines);
	ln = &a->lines[a->nlines++];
	memset(ln, 0, sizeof *ln);
	ln->cost = -1;
	return ln;
}

/* Split "S1|S2" into the line's serials, kept in a. */
static void
stock_serials(struct stock_args *a, struct wms_line *ln, const char *s)
{
	const char	**v = NULL;
	char		 *copy, *p, *save = NULL;
	size_t		  n = 0;

	if (s == NULL || *s == '\0')
		return;
	copy = stock_keep(a, s);
	for (p = strtok_r(copy, "|", &save); p != NULL;
	    p = strtok_r(NULL, "|", &save)) {
		v = xreallocarray(v, n + 1, sizeof *v);
		v[n++] = p;
	}
	ln->serials = v;
	ln->nserials = n;
}

/*
 * The lines of a --lines FILE.csv: header row, columns item,qty and
 * optionally unit,lot,expiry,serial,cost.  Any bad line refuses the file.
 */
static int
stock_lines_csv(struct stock_args *a, int qflags, int minor,
    struct wms_err *err)
{
	static const char *const names[] = { "item", "qty", "unit", "lot",
	    "expiry", "serial", "cost" };
	static const char *const required[] = { "item", "qty", NULL };
	struct wms_csv	*csv;
	struct wms_line	*ln;
	const char	*f[7];
	int		 idx[7], k, rc;

	if ((csv = wms_csv_open(a->lines_file, err)) == NULL)
		return WMS_ERR_IO;
	if ((rc = wms_csv_header(csv, names, idx, 7, required, err)) != 0)
		goto out;
	while ((rc = wms_csv_next(csv, err)) == 1) {
		for (k = 0; k < 7; k++)
			f[k] = idx[k] >= 0 ? wms_csv_field(csv,
			    (size_t)idx[k]) : NULL;
		ln = stock_new_line(a);
		ln->lineno = wms_csv_lineno(csv);
		ln->item = stock_keep(a, f[0]);
		if ((rc = wms_qty_parse(f[1], qflags, &ln->qty, err)) != 0 ||
		    (f[6] != NULL && *f[6] != '\0' && (rc = wms_money_parse(
		    f[6], minor, &ln->cost, err)) != 0)) {
			char msg[sizeof err->msg];

			snprintf(msg, sizeof msg, "%s", err->msg);
			rc = wms_err_set(err, rc, _("%s line %d: %s"),
			    a->lines_file, ln->lineno, msg);
			goto out;
		}
		ln->unit = stock_keep(a, f[2]);
		ln->lot = stock_keep(a, f[3]);
		ln->expiry = stock_keep(a, f[4]);
		stock_serials(a, ln, f[5]);
	}
	if (rc == 0 && a->nlines == 0)
		rc = wms_err_set(err, WMS_ERR_INVALID,
		    _("%s has no lines"), a->lines_file);
out:
	wms_csv_close(csv);
	return rc < 0 ? rc : 0;
}

/*
 * The lines from the arguments ITEM QTY [UNIT] from args->args[first] on
 * and the options, or from --lines.
 */
static int
stock_lines(struct cmd_ctx *c, const struct wms_args *args, int first,
    struct stock_args *a, int qflags)
{
	struct wms_line	 *ln;
	struct wms_err	  err;
	char *const	 *v = args->args + first;
	size_t		  i;
	int		  npos = args->nargs - first;

	if (a->lines_file != NULL) {
		if (npos != 0)
			return cmd_usage(c, _("give either --lines FILE or "
			    "ITEM QTY [UNIT], not both"));
		if (a->lot || a->expiry || a->cost || a->nserials)
			return cmd_usage(c, _("with --lines, lot, expiry, "
			    "serial and cost come from the file"));
		if (stock_lines_csv(a, qflags, wms_currency_minor(c->w),
		    &err) != 0)
			return cmd_fail(&err);
		return -1;
	}
	if (npos < 2 || npos > 3)
		return cmd_usage(c, _("give ITEM QTY [UNIT]"));
	ln = stock_new_line(a);
	ln->item = v[0];
	if (wms_qty_parse(v[1], qflags, &ln->qty, &err) != 0)
		return cmd_fail(&err);
	ln->unit = npos == 3 ? v[2] : NULL;
	ln->lot = a->lot;
	ln->expiry = a->expiry;
	if (a->cost != NULL && wms_money_parse(a->cost,
	    wms_currency_minor(c->w), &ln->cost, &err) != 0)
		return cmd_fail(&err);
	if (a->nserials > 0) {
		const char **sv = xreallocarray(NULL, a->nserials, sizeof *sv);

		for (i = 0; i < a->nserials; i++)
			sv[i] = a->serials[i];
		ln->serials = sv;
		ln->nserials = a->nserials;
	}
	return -1;
}

/* issue without --lot: the lots of a line's item at the bin, FEFO. */
struct fefo {
	struct stock_args	*a;
	const struct wms_line	*ln;		/* the line being split */
	const char		*today;		/* YYYY-MM-DD */
	int64_t			 left;		/* base thousandths to find */
	int64_t			 expired;	/* left out: expired lots */
	int			 lots;		/* lines added */
};

static int
fefo_row(const struct db_report_stock *s, void *arg)
{
	struct fefo	*f = arg;
	struct wms_line	*ln;
	int64_t		 take;

	if (f->left <= 0)
		return 1;
	/* Expired lots are never picked; what they hold is counted. */
	if (s->expiry != NULL && *s->expiry != '\0' &&
	    strcmp(s->expiry, f->today) < 0) {
		f->expired += s->qty;
		return 0;
	}
	if (s->lot == NULL || s->qty <= 0)
		return 0;
	take = s->qty < f->left ? s->qty : f->left;
	ln = stock_new_line(f->a);
	ln->item = f->ln->item;
	ln->lineno = f->ln->lineno;
	ln->qty = take;
	ln->lot = stock_keep(f->a, s->lot);
	ln->unit = stock_keep(f->a, s->uom);	/* the base unit, by name */
	/* Not for the posting (a lot's expiry is given only on receipt). */
	ln->expiry = NULL;
	f->left -= take;
	f->lots++;
	return 0;
}

/* Not enough in the bin's lots that have not expired: the figures. */
static void
stock_fefo_short(struct wms_err *err, const char *loc,
    const struct db_item *it, const char *have, const char *expired,
    int any_expired, const char *want)
{
	if (any_expired)
		wms_err_set(err, WMS_ERR_REFUSED, _("insufficient stock: %s "
		    "has %s %s of %s in lots that have not expired (%s %s "
		    "expired: a supervisor may issue an expired lot with "
		    "--lot, --allow-expired and --reason), %s requested"),
		    loc, have, it->uom, it->code, expired, it->uom, want);
	else
		wms_err_set(err, WMS_ERR_REFUSED, _("insufficient stock: %s "
		    "has %s %s of %s, %s requested"), loc, have, it->uom,
		    it->code, want);
}

/*
 * An issue's lines without a lot, of lot-tracked items: taken from the
 * bin's lots, first expiry first out, expired lots never (as the issue
 * screen proposes them).  The lines are replaced by one per lot; *picked
 * says whether any was.  0, or the status of a printed failure.
 */
static int
stock_fefo(struct cmd_ctx *c, struct stock_args *a, int *picked)
{
	struct wms_line	*old = a->lines;
	struct db_item	 it;
	struct wms_err	 err;
	struct fefo	 f;
	char		 now[32], q[64], have[64], ex[64];
	size_t		 i, n = a->nlines;
	int		 rc = 0;

	*picked = 0;
	wms_now_iso(c->w, now);
	now[10] = '\0';
	a->lines = NULL;
	a->nlines = 0;
	for (i = 0; i < n && rc == 0; i++) {
		struct wms_line	*ln = &old[i];
		int		 lot_tracked = 0;

		if ((ln->lot == NULL || *ln->lot == '\0') &&
		    ln->nserials == 0 && wms_item_get(c->w, ln->item, &it,
		    &err) == 0) {
			lot_tracked = strcmp(it.tracking, "lot") == 0;
			if (!lot_tracked)
				db_item_fini(&it);
		}
		/* As given: the posting names anything wrong with it. */
		if (!lot_tracked) {
			*stock_new_line(a) = *ln;
			old[i].serials = NULL;
			continue;
		}
		memset(&f, 0, sizeof f);
		f.a = a;
		f.ln = ln;
		f.today = now;
		if ((rc = wms_to_base(c->w, ln->item, ln->qty, ln->unit,
		    &f.left, &err)) != 0 ||
		    (rc = wms_stock_fefo_each(c->w, a->doc.from, ln->item,
		    fefo_row, &f, &err)) != 0) {
			db_item_fini(&it);
			rc = cmd_fail(&err);
			break;
		}
		if (f.left > 0) {
			int64_t want;

			wms_to_base(c->w, ln->item, ln->qty, ln->unit, &want,
			    &err);
			wms_qty_fmt(want, q, sizeof q);
			wms_qty_fmt(want - f.left, have, sizeof have);
			wms_qty_fmt(f.expired, ex, sizeof ex);
			stock_fefo_short(&err, a->doc.from, &it, have, ex,
			    f.expired > 0, q);
			db_item_fini(&it);
			rc = cmd_fail(&err);
			break;
		}
		db_item_fini(&it);
		*picked = 1;
	}
	for (i = 0; i < n; i++)
		free((void *)old[i].serials);
	free(old);
	return rc;
}

/*
 * A posting of the given type.  The options were checked against the
 * command's table; needs_from and needs_to say which are required.
 */
static int
stock_post(struct cmd_ctx *c, const struct wms_args *args,
    enum wms_doc_type type, int needs_from, int needs_to, int qflags)
{
	struct stock_args	a;
	struct wms_err		err;
	char			number[WMS_NUMBER_MAX];
	size_t			i;
	int			rc, first = 0, picked = 0;

	stock_parse(args, &a);
	a.doc.type = type;
	if ((needs_to && a.doc.to == NULL) ||
	    (needs_from && a.doc.from == NULL)) {
		rc = cmd_usage(c, _("give %s"), type == WMS_DOC_RECEIPT ?
		    "--to LOC" : type == WMS_DOC_ISSUE ? "--from LOC --to "
		    "COST-CENTRE" : type == WMS_DOC_MOVE ? "--from LOC --to "
		    "LOC" : "--from LOC --to DEPOT");
		goto out;
	}
	if (type == WMS_DOC_ADJUST) {
		/* adjust LOC ITEM QTY: the location comes first. */
		if (args->nargs < 1) {
			rc = cmd_usage(c, _("give LOC ITEM QTY"));
			goto out;
		}
		a.doc.from = args->args[first++];
	}
	if ((rc = stock_lines(c, args, first, &a, qflags)) != -1)
		goto out;
	if (type == WMS_DOC_ISSUE && (rc = stock_fefo(c, &a, &picked)) != 0)
		goto out;
	if (wms_post(c->w, &a.doc, a.lines, a.nlines, number, &err) != 0) {
		rc = cmd_fail(&err);
		goto out;
	}
	printf("%s\n", number);
	/* The lots FEFO chose, after the number (scripts read line 1). */
	for (i = 0; picked && i < a.nlines; i++) {
		char	q[64], exp[11];
		struct wms_err e2;

		if (a.lines[i].lot == NULL)
			continue;
		wms_qty_fmt(a.lines[i].qty, q, sizeof q);
		if (wms_lot_get(c->w, a.lines[i].item, a.lines[i].lot, exp,
		    &e2) != 0)
			*exp = '\0';
		if (*exp != '\0')
			printf(_("took %s %s of %s from lot %s (expires %s)\n"),
			    q, a.lines[i].unit != NULL ? a.lines[i].unit : "",
			    a.lines[i].item, a.lines[i].lot, exp);
		else
			printf(_("took %s %s of %s from lot %s\n"), q,
			    a.lines[i].unit != NULL ? a.lines[i].unit : "",
			    a.lines[i].item, a.lines[i].lot);
	}
	rc = CMD_OK;
out:
	stock_free(&a);
	return rc;
}

static int
cmd_receive(struct cmd_ctx *c, const struct wms_args *a)
{
	return stock_post(c, a, WMS_DOC_RECEIPT, 0, 1, 0);
}

static int
cmd_issue(struct cmd_ctx *c, const struct wms_args *a)
{
	return stock_post(c, a, WMS_DOC_ISSUE, 1, 1, 0);
}

static int
cmd_move(struct cmd_ctx *c, const struct wms_args *a)
{
	return stock_post(c, a, WMS_DOC_MOVE, 1, 1, 0);
}

static int
cmd_transfer_ship(struct cmd_ctx *c, const struct wms_args *a)
{
	return stock_post(c, a, WMS_DOC_TRANSFER, 1, 1, 0);
}

static int
cmd_adjust(struct cmd_ctx *c, const struct wms_args *a)
{
	return stock_post(c, a, WMS_DOC_ADJUST, 0, 0, WMS_QTY_SIGNED);
}

static int
cmd_transfer_receive(struct cmd_ctx *c, const struct wms_args *args)
{
	struct stock_args	 a;
	struct wms_err		 err;
	const char		*number;
	int			 rc;

	stock_parse(args, &a);
	if (args->nargs < 1 || a.doc.to == NULL) {
		rc = cmd_usage(c, _("give NUMBER and --to LOC"));
		goto out;
	}
	number = args->args[0];
	if (args->nargs > 1 || a.lines_file != NULL) {
		if ((rc = stock_lines(c, args, 1, &a, 0)) != -1)
			goto out;
	}
	if (wms_transfer_receive(c->w, number, a.doc.to, a.lines, a.nlines,
	    &err) != 0) {
		rc = cmd_fail(&err);
		goto out;
	}
	printf(_("%s received at %s\n"), number, a.doc.to);
	rc = cmd_transfer_left(c, number);
out:
	stock_free(&a);
	return rc;
}

static int
cmd_reverse(struct cmd_ctx *c, const struct wms_args *a)
{
	const char	*reason = wms_opt_value(a, 'W');
	struct wms_err	 err;
	char		 number[WMS_NUMBER_MAX];

	if (a->nargs != 1 || reason == NULL)
		return cmd_usage(c, _("give NUMBER and --reason TEXT"));
	if (wms_reverse(c->w, a->args[0], reason, number, &err) != 0)
		return cmd_fail(&err);
	printf("%s\n", number);
	return CMD_OK;
}

static int
cmd_ledger(struct cmd_ctx *c, const struct wms_args *a)
{
	struct report	*r = NULL;
	struct wms_err	 err;

	if (a->nargs != 1)
		return cmd_usage(c, _("give the ITEM"));
	if (c->central != NULL)
		return cmd_central_ledger(c, a->args[0], wms_opt_value(a, 's'),
		    wms_opt_value(a, 'D'), wms_opt_value(a, 'f'));
	if (wms_opt_given(a, 's'))
		return cmd_usage(c, _("--site is for the national ledger: give "
		    "--central CONNINFO"));
	return cmd_report_out(c, report_ledger(c->w, a->args[0],
	    wms_opt_value(a, 'D'), &r, &err), &r, &err, wms_opt_value(a, 'f'));
}

#define DB_LOGIN	(CMD_NEEDS_DB | CMD_LOGIN)

/* The options of the posting commands, each once; a table per command. */
#define OPT_FROM	{ .name = "from", .key = 'F', .flags = WMS_OPT_VALUE }
#define OPT_TO		{ .name = "to", .key = 'T', .flags = WMS_OPT_VALUE }
#define OPT_LOT		{ .name = "lot", .key = 'L', .flags = WMS_OPT_VALUE }
#define OPT_EXPIRY	{ .name = "expiry", .key = 'E', \
			  .flags = WMS_OPT_VALUE }
#define OPT_SERIAL	{ .name = "serial", .key = 'S', \
			  .flags = WMS_OPT_VALUE | WMS_OPT_MANY }
#define OPT_COST	{ .name = "cost", .key = 'C', .flags = WMS_OPT_VALUE }
#define OPT_SUPPLIER	{ .name = "supplier", .key = 'P', \
			  .flags = WMS_OPT_VALUE }
#define OPT_REF		{ .name = "ref", .key = 'R', .flags = WMS_OPT_VALUE }
#define OPT_REQUESTER	{ .name = "requester", .key = 'Q', \
			  .flags = WMS_OPT_VALUE }
#define OPT_REASON	{ .name = "reason", .key = 'W', \
			  .flags = WMS_OPT_VALUE }
#define OPT_LINES	{ .name = "lines", .key = 'N', .flags = WMS_OPT_VALUE }
#define OPT_ALLOW_EXPIRED { .name = "allow-expired", .key = 'X' }
#define OPT_DEPOT	{ .name = "depot", .key = 'D', .flags = WMS_OPT_VALUE }
#define OPT_END		{ .name = NULL }

static const struct wms_opt receive_opts[] = {
	OPT_TO, OPT_LOT, OPT_EXPIRY, OPT_SERIAL, OPT_COST, OPT_SUPPLIER,
	OPT_REF, OPT_LINES, OPT_END
};

static const struct wms_opt issue_opts[] = {
	OPT_FROM, OPT_TO, OPT_LOT, OPT_SERIAL, OPT_REF, OPT_REQUESTER,
	OPT_REASON, OPT_LINES, OPT_ALLOW_EXPIRED, OPT_END
};

/* move and transfer ship. */
static const struct wms_opt move_opts[] = {
	OPT_FROM, OPT_TO, OPT_LOT, OPT_SERIAL, OPT_REF, OPT_LINES, OPT_END
};

static const struct wms_opt adjust_opts[] = {
	OPT_LOT, OPT_EXPIRY, OPT_SERIAL, OPT_REASON, OPT_LINES, OPT_END
};

static const struct wms_opt transfer_receive_opts[] = {
	OPT_TO, OPT_LOT, OPT_SERIAL, OPT_LINES, OPT_END
};

static const struct wms_opt reverse_opts[] = {
	OPT_REASON, OPT_END
};

static const struct wms_opt ledger_opts[] = {
	OPT_DEPOT, CMD_OPT_FORMAT,
	{ .name = "site", .key = 's', .flags = WMS_OPT_VALUE },
	OPT_END
};

const struct cmd_entry cmd_receive_entry = {
	.name = "receive",
	.usage = "--to LOC ITEM QTY [UNIT] [--lot L --expiry YYYY-MM-DD] "
	    "[--serial S]... [--cost AMOUNT] [--supplier TEXT] [--ref TEXT] "
	    "[--lines FILE.csv]",
	.summary = N_("Receive stock from a supplier (a GRN document)."),
	.opts = receive_opts,
	.flags = DB_LOGIN,
	.exec = cmd_receive,
};

const struct cmd_entry cmd_issue_entry = {
	.name = "issue",
	.usage = "--from LOC ITEM QTY [UNIT] --to COST-CENTRE [--lot L] "
	    "[--serial S]... [--requester TEXT] [--ref TEXT] "
	    "[--allow-expired --reason TEXT] [--lines FILE.csv]",
	.summary = N_("Issue stock to a cost centre."),
	.opts = issue_opts,
	.flags = DB_LOGIN,
	.exec = cmd_issue,
};

const struct cmd_entry cmd_move_entry = {
	.name = "move",
	.usage = "--from LOC --to LOC ITEM QTY [UNIT] [--lot L] [--serial S]... "
	    "[--lines FILE.csv]",
	.summary = N_("Move stock between locations of a depot."),
	.opts = move_opts,
	.flags = DB_LOGIN,
	.exec = cmd_move,
};

const struct cmd_entry cmd_transfer_ship_entry = {
	.group = "transfer",
	.name = "ship",
	.usage = "--from LOC --to DEPOT ITEM QTY [UNIT] [--lot L] "
	    "[--serial S]... [--lines FILE.csv]",
	.summary = N_("Ship stock to another depot; prints the transfer "
	    "number."),
	.opts = move_opts,
	.flags = DB_LOGIN,
	.exec = cmd_transfer_ship,
};

const struct cmd_entry cmd_transfer_receive_entry = {
	.group = "transfer",
	.name = "receive",
	.usage = "NUMBER --to LOC [ITEM QTY [UNIT] [--lot L] [--serial S]...]",
	.summary = N_("Receive a transfer, all of it or the lines given; the "
	    "rest stays in transit."),
	.opts = transfer_receive_opts,
	.flags = DB_LOGIN,
	.exec = cmd_transfer_receive,
};

const struct cmd_entry cmd_adjust_entry = {
	.name = "adjust",
	.usage = "LOC ITEM QTY --reason TEXT [--lot L] [--expiry D] "
	    "[--serial S]...",
	.summary = N_("Adjust stock up or down (QTY may be negative); "
	    "supervisors."),
	.opts = adjust_opts,
	.flags = DB_LOGIN,
	.exec = cmd_adjust,
};

const struct cmd_entry cmd_reverse_entry = {
	.name = "reverse",
	.usage = "NUMBER --reason TEXT",
	.summary = N_("Reverse a posted document with a new document; "
	    "supervisors."),
	.opts = reverse_opts,
	.flags = DB_LOGIN,
	.exec = cmd_reverse,
};

const struct cmd_entry cmd_ledger_entry = {
	.name = "ledger",
	.usage = "ITEM [--depot D] [--format table|csv|json]; with "
	    "--central CONNINFO also [--site S]",
	.summary = N_("The stock card of an item, with its running balance; "
	    "with --central, across every depot of the ministry."),
	.opts = ledger_opts,
	.flags = DB_LOGIN | CMD_CENTRAL,
	.exec = cmd_ledger,
};
