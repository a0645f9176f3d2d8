/* makhzan user: add users with a role, change passwords, list them. */
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "core/master.h"
#include "core/wms.h"
#include "lib/xmalloc.h"

/*
 * The password being set: $MAKHZAN_NEW_PASSWORD, else a prompt (never
 * the acting user's own password from $MAKHZAN_PASSWORD or a file).
 */
static char *
user_new_password(struct cmd_ctx *c, const char *prompt, struct wms_err *err)
{
	const char *env = getenv("MAKHZAN_NEW_PASSWORD");

	if (env != NULL)
		return xstrdup(env);
	c->password_file = NULL;
	unsetenv("MAKHZAN_PASSWORD");
	return cmd_password(c, prompt, err);
}

static int
cmd_user_add(struct cmd_ctx *c, const struct wms_args *a)
{
	const char	*role = wms_opt_value(a, 'r');
	struct wms_err	 err;
	char		*pw;
	int		 rc;

	if (a->nargs != 1 || role == NULL)
		return cmd_usage(c, _("give NAME and --role"));
	/* Refuse before asking a password the user may not set. */
	if (wms_require(c->w, WMS_PERM_ADMIN, &err) != 0)
		return cmd_fail(&err);
	if ((pw = user_new_password(c, _("Password of the new user: "),
	    &err)) == NULL)
		return cmd_fail(&err);
	rc = wms_user_add(c->w, a->args[0], role, pw, &err);
	explicit_bzero(pw, strlen(pw));
	free(pw);
	if (rc != 0)
		return cmd_fail(&err);
	printf(_("user %s added as %s\n"), a->args[0], role);
	return CMD_OK;
}

static int
cmd_user_passwd(struct cmd_ctx *c, const struct wms_args *a)
{
	struct wms_err	 err;
	char		*pw;
	int		 rc;

	if (a->nargs != 1)
		return cmd_usage(c, _("give NAME"));
	if ((pw = user_new_password(c, _("New password: "), &err)) == NULL)
		return cmd_fail(&err);
	rc = wms_user_passwd(c->w, a->args[0], pw, &err);
	explicit_bzero(pw, strlen(pw));
	free(pw);
	if (rc != 0)
		return cmd_fail(&err);
	printf(_("password of %s changed\n"), a->args[0]);
	return CMD_OK;
}

static int
cmd_user_unlock(struct cmd_ctx *c, const struct wms_args *a)
{
	struct wms_err err;

	if (a->nargs != 1)
		return cmd_usage(c, _("give NAME"));
	if (wms_user_unlock(c->w, a->args[0], &err) != 0)
		return cmd_fail(&err);
	printf(_("%s is unlocked: the count of wrong passwords starts "
	    "again\n"), a->args[0]);
	return CMD_OK;
}

static int
cmd_user_list(struct cmd_ctx *c, const struct wms_args *a)
{
	static const struct report_col cols[] = {
		{ .key = "name", .title = N_("User"), .type = REPORT_STR },
		{ .key = "role", .title = N_("Role"), .type = REPORT_STR },
		{ .key = "lang", .title = N_("Language"), .type = REPORT_STR },
		{ .key = "locked_until", .title = N_("Locked until"),
		    .type = REPORT_STR },
		{ .key = "created_at", .title = N_("Created (UTC)"),
		    .type = REPORT_STR },
	};

	return cmd_master_list(c, a, "users", cols, 5);
}

static const struct wms_opt user_add_opts[] = {
	{ .name = "role", .key = 'r', .flags = WMS_OPT_VALUE },
	{ .name = NULL }
};

static const struct wms_opt user_list_opts[] = {
	CMD_OPT_FORMAT,
	{ .name = NULL }
};

const struct cmd_entry cmd_user_add_entry = {
	.group = "user",
	.name = "add",
	.usage = "NAME --role storekeeper|supervisor|auditor|admin",
	.summary = N_("Add a user; the password comes from "
	    "$MAKHZAN_NEW_PASSWORD or a prompt."),
	.opts = user_add_opts,
	.flags = CMD_NEEDS_DB | CMD_LOGIN,
	.exec = cmd_user_add,
};

const struct cmd_entry cmd_user_passwd_entry = {
	.group = "user",
	.name = "passwd",
	.usage = "NAME",
	.summary = N_("Change a password (your own, or anyone's as admin)."),
	.opts = NULL,
	.flags = CMD_NEEDS_DB | CMD_LOGIN,
	.exec = cmd_user_passwd,
};

const struct cmd_entry cmd_user_list_entry = {
	.group = "user",
	.name = "list",
	.usage = "[--format table|csv|json]",
	.summary = N_("List the users and their roles."),
	.opts = user_list_opts,
	.flags = CMD_NEEDS_DB | CMD_LOGIN,
	.exec = cmd_user_list,
};

const struct cmd_entry cmd_user_unlock_entry = {
	.group = "user",
	.name = "unlock",
	.usage = "NAME",
	.summary = N_("Unlock an account locked after wrong passwords; "
	    "admins."),
	.opts = NULL,
	.flags = CMD_NEEDS_DB | CMD_LOGIN,
	.exec = cmd_user_unlock,
};
