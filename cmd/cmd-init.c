/* makhzan init: a new depot database and its first admin. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bus/sign.h"
#include "cmd/cmd.h"
#include "core/wms.h"

static int
cmd_init(struct cmd_ctx *c, const struct wms_args *a)
{
	const char	*site, *admin;
	struct bus_key	 k;
	struct wms_err	 err;
	char		*pw, *key;
	int		 rc, kept = 0;

	site = wms_opt_value(a, 's');
	admin = wms_opt_value(a, 'a');
	if (site == NULL || admin == NULL || a->nargs != 0)
		return cmd_usage(c, _("give --site CODE and --admin NAME"));
	/*
	 * The site's signing key goes beside the database (or where [bus]
	 * sign_key says).  One already there is kept when it is this site's,
	 * and refused before anything is made when it is not.
	 */
	key = cmd_key_path(c);
	if (access(key, F_OK) == 0) {
		rc = bus_key_load(key, &k, &err);
		bus_key_wipe(&k);
		if (rc == 0 && strcmp(k.site, site) != 0)
			rc = wms_err_set(&err, WMS_ERR_CONFLICT,
			    _("%s is the site key of %s, not %s: move it away, "
			    "or name another file in sign_key of [bus]"), key,
			    k.site, site);
		if (rc != 0) {
			free(key);
			return cmd_fail(&err);
		}
		kept = 1;
	}
	if (cmd_mkdir_for(c->db_path, &err) != 0 ||
	    (pw = cmd_password(c, _("New admin password: "), &err)) == NULL) {
		free(key);
		return cmd_fail(&err);
	}
	rc = wms_init(c->db_path, site, admin, pw, &err);
	explicit_bzero(pw, strlen(pw));
	free(pw);
	if (rc != 0) {
		free(key);
		return cmd_fail(&err);
	}
	printf(_("created %s for site %s; admin user %s\n"), c->db_path, site,
	    admin);
	if (kept) {
		printf(_("kept the site key %s (key id %s)\n"), key, k.id);
	} else if (cmd_key_make(key, site, &k, &err) != 0) {
		fprintf(stderr, _("makhzan: the site key was not made: %s; "
		    "make it with makhzan bus keygen\n"), err.msg);
		free(key);
		return CMD_FAIL;
	} else {
		printf(_("site key written to %s (key id %s): makhzan bus key "
		    "prints it for the ministry\n"), key, k.id);
	}
	free(key);
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
