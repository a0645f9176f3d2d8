/* makhzan depot: add a depot (with its virtual locations), list them. */
#include "cmd/cmd-catalogue.h"
#include "cmd/cmd.h"
#include "core/master.h"

static int
cmd_depot_add(struct cmd_ctx *c, const struct wms_args *a)
{
	int rc;

	if (c->central != NULL)
		return cmd_cat_named_add(c, a, 1);
	if (wms_opt_value(a, 'S') != NULL)
		return cmd_usage(c, _("--site goes with --central: a depot's "
		    "site is set in the national catalogue"));
	if ((rc = cmd_named_add(c, a, wms_depot_add)) == CMD_OK)
		printf(_("depot %s added\n"), a->args[0]);
	return rc;
}

static int
cmd_depot_list(struct cmd_ctx *c, const struct wms_args *a)
{
	static const struct report_col cols[] = {
		{ .key = "id", .title = N_("No."), .type = REPORT_STR },
		{ .key = "code", .title = N_("Code"), .type = REPORT_STR },
		{ .key = "name_ar", .title = N_("Arabic name"),
		    .type = REPORT_STR },
		{ .key = "name_en", .title = N_("English name"),
		    .type = REPORT_STR },
		{ .key = "locations", .title = N_("Locations"),
		    .type = REPORT_STR },
	};

	return cmd_master_list(c, a, "depots", cols, 5);
}

static const struct wms_opt depot_add_opts[] = {
	{ .name = "name-ar", .key = 'a', .flags = WMS_OPT_VALUE },
	{ .name = "name-en", .key = 'e', .flags = WMS_OPT_VALUE },
	{ .name = "site", .key = 'S', .flags = WMS_OPT_VALUE },
	{ .name = NULL }
};

static const struct wms_opt depot_list_opts[] = {
	CMD_OPT_FORMAT,
	{ .name = NULL }
};

const struct cmd_entry cmd_depot_add_entry = {
	.group = "depot",
	.name = "add",
	.usage = "CODE --name-ar TEXT --name-en TEXT   (--central CONNINFO: "
	    "with --site SITE)",
	.summary = N_("Add a depot, with its supplier, adjustment, scrap and "
	    "transit locations."),
	.opts = depot_add_opts,
	.flags = CMD_NEEDS_DB | CMD_LOGIN | CMD_CENTRAL,
	.exec = cmd_depot_add,
};

const struct cmd_entry cmd_depot_list_entry = {
	.group = "depot",
	.name = "list",
	.usage = "[--format table|csv|json]",
	.summary = N_("List the depots."),
	.opts = depot_list_opts,
	.flags = CMD_NEEDS_DB | CMD_LOGIN,
	.exec = cmd_depot_list,
};
