/* Commands that move stock, and the stock reports. */
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "lib/csv.h"
#include "core/ledger.h"
#include "core/qty.h"
#include "core/wms.h"
#include "lib/xmalloc.h"

/* Everything a posting command may be given. */
struct stock_args {
	struct wms_doc	 doc;
	const char	*lot, *expiry, *cost, *lines_file, *format, *depot;
	const char	*prefix, *item;
	char		**serials;
	size_t		 nserials;
	int		 pending;
	/* The document lines and the strings they point into. */
	struct wms_line	*lines;
	size_t		 nlines;
	char		**strs;
	size_t		 nstrs;
};

static const struct option stock_opts[] = {
	{ "from", required_argument, NULL, 'F' },
	{ "to", required_argument, NULL, 'T' },
	{ "lot", required_argument, NULL, 'L' },
	{ "expiry", required_argument, NULL, 'E' },
	{ "serial", required_argument, NULL, 'S' },
	{ "cost", required_argument, NULL, 'C' },
	{ "supplier", required_argument, NULL, 'P' },
	{ "ref", required_argument, NULL, 'R' },
	{ "requester", required_argument, NULL, 'Q' },
	{ "reason", required_argument, NULL, 'W' },
	{ "lines", required_argument, NULL, 'N' },
	{ "allow-expired", no_argument, NULL, 'X' },
	{ "format", required_argument, NULL, 'f' },
	{ "depot", required_argument, NULL, 'D' },
	{ "location", required_argument, NULL, 'O' },
	{ "item", required_argument, NULL, 'I' },
	{ "pending", no_argument, NULL, 'p' },
	{ NULL, 0, NULL, 0 }
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

/*
 * Parse options; -1 when done, else an exit status to return.  allowed is
 * the set of option letters this command takes.
 */
static int
stock_parse(struct cmd_ctx *c, int argc, char **argv, const char *allowed,
    struct stock_args *a)
{
	int ch;

	memset(a, 0, sizeof *a);
	while ((ch = cmd_getopt(c, argc, argv, "", stock_opts)) != -1) {
		if (ch == -2)
			return CMD_OK;
		if (ch == -3)
			return CMD_USAGE;
		if (strchr(allowed, ch) == NULL)
			return cmd_usage(c, _("this command takes no %s"),
			    cmd_opt_typed(stock_opts, ch));
		switch (ch) {
		case 'F': a->doc.from = optarg; break;
		case 'T': a->doc.to = optarg; break;
		case 'L': a->lot = optarg; break;
		case 'E': a->expiry = optarg; break;
		case 'S':
			a->serials = xreallocarray(a->serials, a->nserials + 1,
			    sizeof *a->serials);
			a->serials[a->nserials++] = optarg;
			break;
		case 'C': a->cost = optarg; break;
		case 'P': a->doc.supplier = optarg; break;
		case 'R': a->doc.ref = optarg; break;
		case 'Q': a->doc.requester = optarg; break;
		case 'W': a->doc.reason = optarg; break;
		case 'N': a->lines_file = optarg; break;
		case 'X': a->doc.allow_expired = 1; break;
		case 'f': a->format = optarg; break;
		case 'D': a->depot = optarg; break;
		case 'O': a->prefix = optarg; break;
		case 'I': a->item = optarg; break;
		case 'p': a->pending = 1; break;
		}
	}
	return -1;
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

/* The lines from ITEM QTY [UNIT] and options, or from --lines. */
static int
stock_lines(struct cmd_ctx *c, int argc, char **argv, struct stock_args *a,
    int qflags)
{
	struct wms_line	*ln;
	struct wms_err	 err;
	size_t		 i;
	int		 npos = argc - optind;

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
	ln->item = argv[optind];
	if (wms_qty_parse(argv[optind + 1], qflags, &ln->qty, &err) != 0)
		return cmd_fail(&err);
	ln->unit = npos == 3 ? argv[optind + 2] : NULL;
	ln->lot = a->lot;
	ln->expiry = a->expiry;
	if (a->cost != NULL && wms_money_parse(a->cost,
	    wms_currency_minor(c->w), &ln->cost, &err) != 0)
		return cmd_fail(&err);
	if (a->nserials > 0) {
		const char **v = xreallocarray(NULL, a->nserials, sizeof *v);

		for (i = 0; i < a->nserials; i++)
			v[i] = a->serials[i];
		ln->serials = v;
		ln->nserials = a->nserials;
	}
	return -1;
}

static int
stock_post(struct cmd_ctx *c, int argc, char **argv, enum wms_doc_type type,
    const char *allowed, int qflags)
{
	struct stock_args	a;
	struct wms_err		err;
	char			number[WMS_NUMBER_MAX];
	int			rc;

	if ((rc = stock_parse(c, argc, argv, allowed, &a)) != -1)
		goto out;
	a.doc.type = type;
	if ((type == WMS_DOC_RECEIPT || type == WMS_DOC_ISSUE ||
	    type == WMS_DOC_MOVE || type == WMS_DOC_TRANSFER) &&
	    ((strchr(allowed, 'T') && a.doc.to == NULL) ||
	    (strchr(allowed, 'F') && a.doc.from == NULL))) {
		rc = cmd_usage(c, _("give %s"), type == WMS_DOC_RECEIPT ?
		    "--to LOC" : type == WMS_DOC_ISSUE ? "--from LOC --to "
		    "COST-CENTRE" : type == WMS_DOC_MOVE ? "--from LOC --to "
		    "LOC" : "--from LOC --to DEPOT");
		goto out;
	}
	if (type == WMS_DOC_ADJUST) {
		/* adjust LOC ITEM QTY: the location comes first. */
		if (optind >= argc) {
			rc = cmd_usage(c, _("give LOC ITEM QTY"));
			goto out;
		}
		a.doc.from = argv[optind++];
	}
	if ((rc = stock_lines(c, argc, argv, &a, qflags)) != -1)
		goto out;
	if (wms_post(c->w, &a.doc, a.lines, a.nlines, number, &err) != 0) {
		rc = cmd_fail(&err);
		goto out;
	}
	printf("%s\n", number);
	rc = CMD_OK;
out:
	stock_free(&a);
	return rc;
}

static int
cmd_receive(struct cmd_ctx *c, int argc, char **argv)
{
	return stock_post(c, argc, argv, WMS_DOC_RECEIPT, "TLESCPRN", 0);
}

static int
cmd_issue(struct cmd_ctx *c, int argc, char **argv)
{
	return stock_post(c, argc, argv, WMS_DOC_ISSUE, "FTLSRQWNX", 0);
}

static int
cmd_move(struct cmd_ctx *c, int argc, char **argv)
{
	return stock_post(c, argc, argv, WMS_DOC_MOVE, "FTLSRN", 0);
}

static int
cmd_transfer_ship(struct cmd_ctx *c, int argc, char **argv)
{
	return stock_post(c, argc, argv, WMS_DOC_TRANSFER, "FTLSRN", 0);
}

static int
cmd_adjust(struct cmd_ctx *c, int argc, char **argv)
{
	return stock_post(c, argc, argv, WMS_DOC_ADJUST, "LESWN",
	    WMS_QTY_SIGNED);
}

static int
cmd_transfer_receive(struct cmd_ctx *c, int argc, char **argv)
{
	struct stock_args	 a;
	struct wms_err		 err;
	const char		*number;
	int			 rc;

	if ((rc = stock_parse(c, argc, argv, "TLSN", &a)) != -1)
		goto out;
	if (optind >= argc || a.doc.to == NULL) {
		rc = cmd_usage(c, _("give NUMBER and --to LOC"));
		goto out;
	}
	number = argv[optind++];
	if (optind < argc || a.lines_file != NULL) {
		if ((rc = stock_lines(c, argc, argv, &a, 0)) != -1)
			goto out;
	}
	if (wms_transfer_receive(c->w, number, a.doc.to, a.lines, a.nlines,
	    &err) != 0) {
		rc = cmd_fail(&err);
		goto out;
	}
	printf(_("%s received at %s\n"), number, a.doc.to);
	rc = CMD_OK;
out:
	stock_free(&a);
	return rc;
}

static int
cmd_transfer_list(struct cmd_ctx *c, int argc, char **argv)
{
	struct stock_args	 a;
	struct report		*r;
	struct wms_err		 err;
	int			 rc;

	if ((rc = stock_parse(c, argc, argv, "pf", &a)) != -1)
		return rc;
	if (optind != argc)
		return cmd_usage(c, _("unexpected argument %s"), argv[optind]);
	if (report_transfers(c->w, a.pending, &r, &err) != 0)
		return cmd_fail(&err);
	return cmd_report(c, r, a.format);
}

static int
cmd_reverse(struct cmd_ctx *c, int argc, char **argv)
{
	struct stock_args	a;
	struct wms_err		err;
	char			number[WMS_NUMBER_MAX];
	int			rc;

	if ((rc = stock_parse(c, argc, argv, "W", &a)) != -1)
		return rc;
	if (optind + 1 != argc || a.doc.reason == NULL)
		return cmd_usage(c, _("give NUMBER and --reason TEXT"));
	if (wms_reverse(c->w, argv[optind], a.doc.reason, number, &err) != 0)
		return cmd_fail(&err);
	printf("%s\n", number);
	return CMD_OK;
}

static int
cmd_stock(struct cmd_ctx *c, int argc, char **argv)
{
	struct stock_args	 a;
	struct report		*r;
	struct wms_err		 err;
	int			 rc;

	if ((rc = stock_parse(c, argc, argv, "DOIf", &a)) != -1)
		return rc;
	if (optind != argc)
		return cmd_usage(c, _("unexpected argument %s"), argv[optind]);
	if (report_stock(c->w, a.depot, a.prefix, a.item, &r, &err) != 0)
		return cmd_fail(&err);
	return cmd_report(c, r, a.format);
}

static int
cmd_ledger(struct cmd_ctx *c, int argc, char **argv)
{
	struct stock_args	 a;
	struct report		*r;
	struct wms_err		 err;
	int			 rc;

	if ((rc = stock_parse(c, argc, argv, "Df", &a)) != -1)
		return rc;
	if (optind + 1 != argc)
		return cmd_usage(c, _("give the ITEM"));
	if (report_ledger(c->w, argv[optind], a.depot, &r, &err) != 0)
		return cmd_fail(&err);
	return cmd_report(c, r, a.format);
}

#define DB_LOGIN	(CMD_NEEDS_DB | CMD_LOGIN)

const struct cmd_entry cmd_receive_entry = { NULL, "receive",
    "--to LOC ITEM QTY [UNIT] [--lot L --expiry YYYY-MM-DD] [--serial S]... "
    "[--cost AMOUNT] [--supplier TEXT] [--ref TEXT] [--lines FILE.csv]",
    N_("Receive stock from a supplier (a GRN document)."), DB_LOGIN,
    cmd_receive };
const struct cmd_entry cmd_issue_entry = { NULL, "issue",
    "--from LOC ITEM QTY [UNIT] --to COST-CENTRE [--lot L] [--serial S]... "
    "[--requester TEXT] [--ref TEXT] [--allow-expired --reason TEXT] "
    "[--lines FILE.csv]", N_("Issue stock to a cost centre."), DB_LOGIN,
    cmd_issue };
const struct cmd_entry cmd_move_entry = { NULL, "move",
    "--from LOC --to LOC ITEM QTY [UNIT] [--lot L] [--serial S]... "
    "[--lines FILE.csv]", N_("Move stock between locations of a depot."),
    DB_LOGIN, cmd_move };
const struct cmd_entry cmd_transfer_ship_entry = { "transfer", "ship",
    "--from LOC --to DEPOT ITEM QTY [UNIT] [--lot L] [--serial S]... "
    "[--lines FILE.csv]",
    N_("Ship stock to another depot; prints the transfer number."),
    DB_LOGIN, cmd_transfer_ship };
const struct cmd_entry cmd_transfer_receive_entry = { "transfer", "receive",
    "NUMBER --to LOC [ITEM QTY [UNIT] [--lot L] [--serial S]...]",
    N_("Receive a transfer, all of it or the lines given; the rest stays in "
    "transit."), DB_LOGIN, cmd_transfer_receive };
const struct cmd_entry cmd_transfer_list_entry = { "transfer", "list",
    "[--pending] [--format table|csv|json]",
    N_("List transfers; --pending: those with stock in transit."), DB_LOGIN,
    cmd_transfer_list };
const struct cmd_entry cmd_adjust_entry = { NULL, "adjust",
    "LOC ITEM QTY --reason TEXT [--lot L] [--expiry D] [--serial S]...",
    N_("Adjust stock up or down (QTY may be negative); supervisors."),
    DB_LOGIN, cmd_adjust };
const struct cmd_entry cmd_reverse_entry = { NULL, "reverse",
    "NUMBER --reason TEXT",
    N_("Reverse a posted document with a new document; supervisors."),
    DB_LOGIN, cmd_reverse };
const struct cmd_entry cmd_stock_entry = { NULL, "stock",
    "[--depot D] [--location PREFIX] [--item CODE] [--format table|csv|json]",
    N_("Stock on hand by depot, location, item and lot."), DB_LOGIN,
    cmd_stock };
const struct cmd_entry cmd_ledger_entry = { NULL, "ledger",
    "ITEM [--depot D] [--format table|csv|json]",
    N_("The stock card of an item, with its running balance."), DB_LOGIN,
    cmd_ledger };
