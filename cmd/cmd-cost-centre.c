/* makhzan cost-centre: add the cost centres stock is issued to, list them. */
#include "cmd/cmd-catalogue.h"
#include "cmd/cmd.h"
#include "core/master.h"

static int
cmd_cc_add(struct cmd_ctx *c, const struct wms_args *a)
{
	int rc;

	if (c->central != NULL)
		return cmd_cat_named_add(c, a, 0);
	if ((rc = cmd_named_add(c, a, wms_cc_add)) == CMD_OK)
		printf(_("cost centre %s added\n"), a->args[0]);
	return rc;
}

static int
cmd_cc_list(struct cmd_ctx *c, const struct wms_args *a)
{
	static const struct report_col cols[] = {
		{ .key = "code", .title = N_("Code"), .type = REPORT_STR },
		{ .key = "name_ar", .title = N_("Arabic name"),
		    .type = REPORT_STR },
		{ .key = "name_en", .title = N_("English name"),
		    .type = REPORT_STR },
	};

	return cmd_master_list(c, a, "cost-centres", cols, 3);
}

static const struct wms_opt cc_add_opts[] = {
	{ .name = "name-ar", .key = 'a', .flags = WMS_OPT_VALUE },
	{ .name = "name-en", .key = 'e', .flags = WMS_OPT_VALUE },
	{ .name = NULL }
};

static const struct wms_opt cc_list_opts[] = {
	CMD_OPT_FORMAT,
	{ .name = NULL }
};

const struct cmd_entry cmd_cc_add_entry = {
	.group = "cost-centre",
	.name = "add",
	.usage = "CODE --name-ar TEXT --name-en TEXT",
	.summary = N_("Add a cost centre that stock can be issued to."),
	.opts = cc_add_opts,
	.flags = CMD_NEEDS_DB | CMD_LOGIN | CMD_CENTRAL,
	.exec = cmd_cc_add,
};

const struct cmd_entry cmd_cc_list_entry = {
	.group = "cost-centre",
	.name = "list",
	.usage = "[--format table|csv|json]",
	.summary = N_("List the cost centres."),
	.opts = cc_list_opts,
	.flags = CMD_NEEDS_DB | CMD_LOGIN,
	.exec = cmd_cc_list,
};
