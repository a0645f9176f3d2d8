/* makhzan location: add stock locations (zone, aisle, bin), list them. */
#include "cmd/cmd.h"
#include "core/master.h"

static int
cmd_location_add(struct cmd_ctx *c, const struct wms_args *a)
{
	struct wms_err	err;
	int		i;

	if (a->nargs == 0)
		return cmd_usage(c, _("give DEPOT/PATH"));
	for (i = 0; i < a->nargs; i++) {
		if (wms_location_add(c->w, a->args[i], &err) != 0)
			return cmd_fail(&err);
		printf(_("location %s added\n"), a->args[i]);
	}
	return CMD_OK;
}

static int
cmd_location_list(struct cmd_ctx *c, const struct wms_args *a)
{
	static const struct report_col cols[] = {
		{ .key = "path", .title = N_("Location"), .type = REPORT_STR },
		{ .key = "kind", .title = N_("Kind"), .type = REPORT_STR },
		{ .key = "depot", .title = N_("Depot"), .type = REPORT_STR },
	};

	return cmd_master_list(c, a, "locations", cols, 3);
}

static const struct wms_opt location_list_opts[] = {
	{ .name = "depot", .key = 'D', .flags = WMS_OPT_VALUE },
	CMD_OPT_FORMAT,
	{ .name = NULL }
};

const struct cmd_entry cmd_location_add_entry = {
	.group = "location",
	.name = "add",
	.usage = "DEPOT/PATH...",
	.summary = N_("Add locations like HMS/A/01-03 (zone, aisle, bin)."),
	.opts = NULL,
	.flags = CMD_NEEDS_DB | CMD_LOGIN,
	.exec = cmd_location_add,
};

const struct cmd_entry cmd_location_list_entry = {
	.group = "location",
	.name = "list",
	.usage = "[--depot D] [--format table|csv|json]",
	.summary = N_("List the stock locations."),
	.opts = location_list_opts,
	.flags = CMD_NEEDS_DB | CMD_LOGIN,
	.exec = cmd_location_list,
};
