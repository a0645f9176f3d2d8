/* Commands of stock counts: start, enter (blind), show, recount, post. */
#include <string.h>

#include "cmd/cmd.h"
#include "core/count.h"
#include "core/ledger.h"
#include "core/qty.h"
#include "core/wms.h"

static int
cmd_count_start(struct cmd_ctx *c, const struct wms_args *a)
{
	struct wms_err	err;
	char		number[WMS_NUMBER_MAX];

	if (a->nargs != 1)
		return cmd_usage(c, _("give the LOCATION-PREFIX to count"));
	if (wms_count_start(c->w, a->args[0], number, &err) != 0)
		return cmd_fail(&err);
	printf("%s\n", number);
	return CMD_OK;
}

static int
cmd_count_enter(struct cmd_ctx *c, const struct wms_args *a)
{
	struct wms_err	  err;
	char *const	 *v = a->args;
	int64_t		  q, base;

	if (a->nargs != 4 && a->nargs != 5)
		return cmd_usage(c, _("give NUMBER LOC ITEM QTY [UNIT]"));
	if (wms_qty_parse(v[3], WMS_QTY_ZERO, &q, &err) != 0 ||
	    wms_to_base(c->w, v[2], q, a->nargs == 5 ? v[4] : NULL, &base,
	    &err) != 0 ||
	    wms_count_enter(c->w, v[0], v[1], v[2], wms_opt_value(a, 'L'),
	    base, &err) != 0)
		return cmd_fail(&err);
	printf(_("counted %s %s at %s\n"), v[3], v[2], v[1]);
	return CMD_OK;
}

static int
cmd_count_recount(struct cmd_ctx *c, const struct wms_args *a)
{
	struct wms_err err;

	if (a->nargs != 3)
		return cmd_usage(c, _("give NUMBER LOC ITEM"));
	if (wms_count_recount(c->w, a->args[0], a->args[1], a->args[2],
	    wms_opt_value(a, 'L'), &err) != 0)
		return cmd_fail(&err);
	printf(_("%s at %s sent back for recount\n"), a->args[2], a->args[1]);
	return CMD_OK;
}

struct show_args {
	struct report	*r;
	int		 blind;
};

static int
count_row(const struct db_count_line *row, void *arg)
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
cmd_count_show(struct cmd_ctx *c, const struct wms_args *a)
{
	static const struct report_col cols[] = {
		{ .key = "location", .title = N_("Location"),
		    .type = REPORT_STR },
		{ .key = "item", .title = N_("Item"), .type = REPORT_STR },
		{ .key = "lot", .title = N_("Lot"), .type = REPORT_STR },
		{ .key = "uom", .title = N_("Unit"), .type = REPORT_STR },
		{ .key = "status", .title = N_("Status"), .type = REPORT_STR },
		{ .key = "counted", .title = N_("Counted"), .type = REPORT_QTY },
		{ .key = "expected", .title = N_("Expected"),
		    .type = REPORT_QTY },
		{ .key = "book", .title = N_("Book"), .type = REPORT_QTY },
		{ .key = "variance", .title = N_("Variance"),
		    .type = REPORT_QTY },
	};
	struct wms_count_info	 ci;
	struct show_args	 s;
	struct wms_err		 err;
	const char		*format = wms_opt_value(a, 'f');
	int			 rc;

	if (a->nargs != 1)
		return cmd_usage(c, _("give the count NUMBER"));
	if (wms_count_info(c->w, a->args[0], &ci, &err) != 0)
		return cmd_fail(&err);
	/* Blind for storekeepers: the expected columns are not even shown. */
	s.blind = wms_require(c->w, WMS_PERM_SUPERVISE, NULL) != 0;
	s.r = report_new(cols, s.blind ? 6 : 9);
	rc = wms_count_each(c->w, a->args[0], &s.blind, count_row, &s, &err);
	if (rc == 0 && (format == NULL || strcmp(format, "table") == 0))
		printf(_("%s  %s  %s: %s  %d lines, %d counted, %d to count\n"),
		    ci.number, ci.status, _("prefix"), ci.prefix, ci.lines,
		    ci.counted, ci.pending);
	return cmd_report_out(c, rc, &s.r, &err, format);
}

static int
cmd_count_post(struct cmd_ctx *c, const struct wms_args *a)
{
	struct wms_err err;

	if (a->nargs != 1)
		return cmd_usage(c, _("give the count NUMBER"));
	if (wms_count_post(c->w, a->args[0], wms_opt_given(a, 's'),
	    &err) != 0)
		return cmd_fail(&err);
	printf(_("count %s posted\n"), a->args[0]);
	return CMD_OK;
}

#define DB_LOGIN	(CMD_NEEDS_DB | CMD_LOGIN)
#define OPT_LOT		{ .name = "lot", .key = 'L', .flags = WMS_OPT_VALUE }

static const struct wms_opt count_lot_opts[] = {
	OPT_LOT,
	{ .name = NULL }
};

static const struct wms_opt count_show_opts[] = {
	CMD_OPT_FORMAT,
	{ .name = NULL }
};

static const struct wms_opt count_post_opts[] = {
	{ .name = "skip-uncounted", .key = 's' },
	{ .name = NULL }
};

const struct cmd_entry cmd_count_start_entry = {
	.group = "count",
	.name = "start",
	.usage = "LOC-PREFIX",
	.summary = N_("Start a stock count of the locations under a prefix; "
	    "prints its number."),
	.opts = NULL,
	.flags = DB_LOGIN,
	.exec = cmd_count_start,
};

const struct cmd_entry cmd_count_enter_entry = {
	.group = "count",
	.name = "enter",
	.usage = "NUMBER LOC ITEM QTY [UNIT] [--lot L]",
	.summary = N_("Enter a counted quantity (blind: the expected one is "
	    "not shown)."),
	.opts = count_lot_opts,
	.flags = DB_LOGIN,
	.exec = cmd_count_enter,
};

const struct cmd_entry cmd_count_show_entry = {
	.group = "count",
	.name = "show",
	.usage = "NUMBER [--format table|csv|json]",
	.summary = N_("Show a count; supervisors also see expected quantities "
	    "and variances."),
	.opts = count_show_opts,
	.flags = DB_LOGIN,
	.exec = cmd_count_show,
};

const struct cmd_entry cmd_count_recount_entry = {
	.group = "count",
	.name = "recount",
	.usage = "NUMBER LOC ITEM [--lot L]",
	.summary = N_("Send a counted line back for recount; supervisors."),
	.opts = count_lot_opts,
	.flags = DB_LOGIN,
	.exec = cmd_count_recount,
};

const struct cmd_entry cmd_count_post_entry = {
	.group = "count",
	.name = "post",
	.usage = "NUMBER [--skip-uncounted]",
	.summary = N_("Post a count: the differences become adjustments; "
	    "supervisors."),
	.opts = count_post_opts,
	.flags = DB_LOGIN,
	.exec = cmd_count_post,
};
