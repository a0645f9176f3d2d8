/* Commands of stock counts: start, enter (blind), show, recount, post. */
#include <string.h>

#include "cmd/cmd.h"
#include "core/count.h"
#include "core/ledger.h"
#include "core/qty.h"
#include "core/wms.h"

static const struct option count_opts[] = {
	{ "lot", required_argument, NULL, 'L' },
	{ "format", required_argument, NULL, 'f' },
	{ "skip-uncounted", no_argument, NULL, 's' },
	{ NULL, 0, NULL, 0 }
};

struct count_args {
	const char	*lot, *format;
	int		 skip;
};

/* -1 when the options are read, else an exit status. */
static int
count_parse(struct cmd_ctx *c, int argc, char **argv, const char *allowed,
    struct count_args *a)
{
	int ch;

	memset(a, 0, sizeof *a);
	while ((ch = cmd_getopt(c, argc, argv, "", count_opts)) != -1) {
		if (ch < -1)
			return ch == -2 ? CMD_OK : CMD_USAGE;
		if (strchr(allowed, ch) == NULL)
			return cmd_usage(c, _("this command takes no %s"),
			    cmd_opt_typed(count_opts, ch));
		if (ch == 'L')
			a->lot = optarg;
		else if (ch == 'f')
			a->format = optarg;
		else if (ch == 's')
			a->skip = 1;
	}
	return -1;
}

static int
cmd_count_start(struct cmd_ctx *c, int argc, char **argv)
{
	struct count_args	a;
	struct wms_err		err;
	char			number[WMS_NUMBER_MAX];
	int			rc;

	if ((rc = count_parse(c, argc, argv, "", &a)) != -1)
		return rc;
	if (optind + 1 != argc)
		return cmd_usage(c, _("give the LOCATION-PREFIX to count"));
	if (wms_count_start(c->w, argv[optind], number, &err) != 0)
		return cmd_fail(&err);
	printf("%s\n", number);
	return CMD_OK;
}

static int
cmd_count_enter(struct cmd_ctx *c, int argc, char **argv)
{
	struct count_args	a;
	struct wms_err		err;
	int64_t			q, base;
	int			rc, n;

	if ((rc = count_parse(c, argc, argv, "L", &a)) != -1)
		return rc;
	n = argc - optind;
	if (n != 4 && n != 5)
		return cmd_usage(c, _("give NUMBER LOC ITEM QTY [UNIT]"));
	if (wms_qty_parse(argv[optind + 3], WMS_QTY_ZERO, &q, &err) != 0 ||
	    wms_to_base(c->w, argv[optind + 2], q, n == 5 ? argv[optind + 4] :
	    NULL, &base, &err) != 0 ||
	    wms_count_enter(c->w, argv[optind], argv[optind + 1],
	    argv[optind + 2], a.lot, base, &err) != 0)
		return cmd_fail(&err);
	printf(_("counted %s %s at %s\n"), argv[optind + 3], argv[optind + 2],
	    argv[optind + 1]);
	return CMD_OK;
}

static int
cmd_count_recount(struct cmd_ctx *c, int argc, char **argv)
{
	struct count_args	a;
	struct wms_err		err;
	int			rc;

	if ((rc = count_parse(c, argc, argv, "L", &a)) != -1)
		return rc;
	if (argc - optind != 3)
		return cmd_usage(c, _("give NUMBER LOC ITEM"));
	if (wms_count_recount(c->w, argv[optind], argv[optind + 1],
	    argv[optind + 2], a.lot, &err) != 0)
		return cmd_fail(&err);
	printf(_("%s at %s sent back for recount\n"), argv[optind + 2],
	    argv[optind + 1]);
	return CMD_OK;
}

struct show_args {
	struct report	*r;
	int		 blind;
};

static int
count_row(const struct wms_count_row *row, void *arg)
{
	struct show_args *a = arg;

	report_row(a->r);
	report_str(a->r, 0, row->location);
	report_str(a->r, 1, row->item);
	report_str(a->r, 2, row->lot);
	report_str(a->r, 3, row->uom);
	report_str(a->r, 4, row->status);
	if (row->has_counted)
		report_num(a->r, 5, row->counted);
	if (!a->blind) {
		report_num(a->r, 6, row->expected);
		if (row->has_counted) {
			report_num(a->r, 7, row->book);
			report_num(a->r, 8, row->variance);
		}
	}
	return 0;
}

static int
cmd_count_show(struct cmd_ctx *c, int argc, char **argv)
{
	static const struct report_col cols[] = {
		{ "location", N_("Location"), REPORT_STR },
		{ "item", N_("Item"), REPORT_STR },
		{ "lot", N_("Lot"), REPORT_STR },
		{ "uom", N_("Unit"), REPORT_STR },
		{ "status", N_("Status"), REPORT_STR },
		{ "counted", N_("Counted"), REPORT_QTY },
		{ "expected", N_("Expected"), REPORT_QTY },
		{ "book", N_("Book"), REPORT_QTY },
		{ "variance", N_("Variance"), REPORT_QTY },
	};
	struct count_args	a;
	struct wms_count_info	ci;
	struct show_args	s;
	struct wms_err		err;
	int			rc;

	if ((rc = count_parse(c, argc, argv, "f", &a)) != -1)
		return rc;
	if (optind + 1 != argc)
		return cmd_usage(c, _("give the count NUMBER"));
	if (wms_count_info(c->w, argv[optind], &ci, &err) != 0)
		return cmd_fail(&err);
	/* Blind for storekeepers: the expected columns are not even shown. */
	s.blind = wms_require(c->w, WMS_PERM_SUPERVISE, NULL) != 0;
	s.r = report_new(cols, s.blind ? 6 : 9);
	if (wms_count_each(c->w, argv[optind], &s.blind, count_row, &s,
	    &err) != 0) {
		report_free(s.r);
		return cmd_fail(&err);
	}
	if (a.format == NULL || strcmp(a.format, "table") == 0)
		printf(_("%s  %s  %s: %s  %d lines, %d counted, %d to count\n"),
		    ci.number, ci.status, _("prefix"), ci.prefix, ci.lines,
		    ci.counted, ci.pending);
	return cmd_report(c, s.r, a.format);
}

static int
cmd_count_post(struct cmd_ctx *c, int argc, char **argv)
{
	struct count_args	a;
	struct wms_err		err;
	int			rc;

	if ((rc = count_parse(c, argc, argv, "s", &a)) != -1)
		return rc;
	if (optind + 1 != argc)
		return cmd_usage(c, _("give the count NUMBER"));
	if (wms_count_post(c->w, argv[optind], a.skip, &err) != 0)
		return cmd_fail(&err);
	printf(_("count %s posted\n"), argv[optind]);
	return CMD_OK;
}

#define DB_LOGIN	(CMD_NEEDS_DB | CMD_LOGIN)

const struct cmd_entry cmd_count_start_entry = { "count", "start",
    "LOC-PREFIX", N_("Start a stock count of the locations under a prefix; "
    "prints its number."), DB_LOGIN, cmd_count_start };
const struct cmd_entry cmd_count_enter_entry = { "count", "enter",
    "NUMBER LOC ITEM QTY [UNIT] [--lot L]",
    N_("Enter a counted quantity (blind: the expected one is not shown)."),
    DB_LOGIN, cmd_count_enter };
const struct cmd_entry cmd_count_show_entry = { "count", "show",
    "NUMBER [--format table|csv|json]",
    N_("Show a count; supervisors also see expected quantities and "
    "variances."), DB_LOGIN, cmd_count_show };
const struct cmd_entry cmd_count_recount_entry = { "count", "recount",
    "NUMBER LOC ITEM [--lot L]", N_("Send a counted line back for recount; "
    "supervisors."), DB_LOGIN, cmd_count_recount };
const struct cmd_entry cmd_count_post_entry = { "count", "post",
    "NUMBER [--skip-uncounted]",
    N_("Post a count: the differences become adjustments; supervisors."),
    DB_LOGIN, cmd_count_post };
