/* makhzan init: a new depot database and its first admin. */
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "core/wms.h"

static int
cmd_init(struct cmd_ctx *c, const struct wms_args *a)
{
	const char	*site, *admin;
	struct wms_err	 err;
	char		*pw;
	int		 rc;

	site = wms_opt_value(a, 's');
	admin = wms_opt_value(a, 'a');
	if (site == NULL || admin == NULL || a->nargs != 0)
		return cmd_usage(c, _("give --site CODE and --admin NAME"));
	if (cmd_mkdir_for(c->db_path, &err) != 0)
		return cmd_fail(&err);
	if ((pw = cmd_password(c, _("New admin password: "), &err)) == NULL)
		return cmd_fail(&err);
	rc = wms_init(c->db_path, site, admin, pw, &err);
	explicit_bzero(pw, strlen(pw));
	free(pw);
	if (rc != 0)
		return cmd_fail(&err);
	printf(_("created %s for site %s; admin user %s\n"), c->db_path, site,
	    admin);
	return CMD_OK;
}

static const struct wms_opt init_opts[] = {
	{ .name = "site", .key = 's', .flags = WMS_OPT_VALUE },
	{ .name = "admin", .key = 'a', .flags = WMS_OPT_VALUE },
	{ .name = NULL }
};

const struct cmd_entry cmd_init_entry = {
	.name = "init",
	.usage = "--site CODE --admin NAME",
	.summary = N_("Create a new depot database (refuses to overwrite "
	    "one)."),
	.opts = init_opts,
	.flags = 0,
	.exec = cmd_init,
};
