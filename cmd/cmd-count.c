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
	int64_t		 value;		/* the variances' value, summed */
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
			report_num(a->r, 9, row->value);
			a->value += row->value;
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
		{ .key = "value", .title = N_("Value"), .type = REPORT_MONEY },
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
	/*
	 * Blind for storekeepers (and, while it is open, for auditors): the
	 * expected columns are not even shown.
	 */
	s.blind = wms_count_blind(c->w, ci.status);
	s.value = 0;
	s.r = report_new(cols, s.blind ? 6 : 10);
	report_set_minor(s.r, wms_currency_minor(c->w));
	rc = wms_count_each(c->w, a->args[0], &s.blind, count_row, &s, &err);
	if (rc == 0 && (format == NULL || strcmp(format, "table") == 0)) {
		printf(_("%s  %s  %s: %s  %d lines, %d counted, %d to count\n"),
		    ci.number, ci.status, _("prefix"), ci.prefix, ci.lines,
		    ci.counted, ci.pending);
		if (!s.blind) {
			char v[64];

			wms_money_fmt(s.value, wms_currency_minor(c->w), v,
			    sizeof v);
			printf(_("value of the variances: %s\n"), v);
		}
	}
	return cmd_report_out(c, rc, &s.r, &err, format);
}

/* count list: each count, open and posted, with its figures. */
struct list_args {
	struct cmd_ctx	*c;
	struct report	*r;
	struct wms_err	*err;
	int		 rc;
};

static int
count_value_row(const struct db_count_line *row, void *arg)
{
	*(int64_t *)arg += row->value;
	return 0;
}

static int
count_list_row(const struct wms_count_info *ci, void *arg)
{
	struct list_args	*l = arg;
	int64_t			 value = 0;
	int			 blind;

	report_row(l->r);
	report_str(l->r, 0, ci->number);
	report_str(l->r, 1, ci->depot);
	report_str(l->r, 2, ci->prefix);
	report_str(l->r, 3, ci->status);
	report_num(l->r, 4, ci->lines);
	report_num(l->r, 5, ci->counted);
	report_num(l->r, 6, ci->pending);
	/* The variances' value, for whoever may see the count's figures. */
	if (!wms_count_blind(l->c->w, ci->status)) {
		if ((l->rc = wms_count_each(l->c->w, ci->number, &blind,
		    count_value_row, &value, l->err)) != 0)
			return 1;
		if (!blind)
			report_num(l->r, 7, value);
	}
	return 0;
}

static int
cmd_count_list(struct cmd_ctx *c, const struct wms_args *a)
{
	static const struct report_col cols[] = {
		{ .key = "number", .title = N_("Count"), .type = REPORT_STR },
		{ .key = "depot", .title = N_("Depot"), .type = REPORT_STR },
		{ .key = "prefix", .title = N_("Prefix"), .type = REPORT_STR },
		{ .key = "status", .title = N_("Status"), .type = REPORT_STR },
		{ .key = "lines", .title = N_("Lines"), .type = REPORT_INT },
		{ .key = "counted", .title = N_("Counted"), .type = REPORT_INT },
		{ .key = "to_count", .title = N_("To count"),
		    .type = REPORT_INT },
		{ .key = "variance_value", .title = N_("Variance value"),
		    .type = REPORT_MONEY },
	};
	struct list_args	l;
	struct wms_err		err;
	int			rc;

	if (a->nargs != 0)
		return cmd_usage(c, _("unexpected argument %s"), a->args[0]);
	l.c = c;
	l.err = &err;
	l.rc = 0;
	l.r = report_new(cols, 8);
	report_set_minor(l.r, wms_currency_minor(c->w));
	/* Newest first; -1: no limit. */
	rc = wms_count_list(c->w, !wms_opt_given(a, 'o'), -1, count_list_row,
	    &l, &err);
	if (rc == 0)
		rc = l.rc;
	return cmd_report_out(c, rc, &l.r, &err, wms_opt_value(a, 'f'));
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

static const struct wms_opt count_list_opts[] = {
	{ .name = "open", .key = 'o' },
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
	.summary = N_("Show a count; supervisors also see expected quantities, "
	    "variances and their value, and auditors too once it is posted."),
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

const struct cmd_entry cmd_count_list_entry = {
	.group = "count",
	.name = "list",
	.usage = "[--open] [--format table|csv|json]",
	.summary = N_("List counts, open and posted, newest first, with their "
	    "figures; --open: the open ones only."),
	.opts = count_list_opts,
	.flags = DB_LOGIN,
	.exec = cmd_count_list,
};
