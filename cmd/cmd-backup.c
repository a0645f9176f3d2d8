/* makhzan backup and restore: copies while in use, encrypted, rotated, checked. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "core/backup.h"
#include "core/wms.h"

static int
cmd_backup(struct cmd_ctx *c, const struct wms_args *a)
{
	struct wms_backup_result res;
	struct wms_err	 err;
	const char	*key = wms_opt_value(a, 'k');
	const char	*dir = wms_opt_value(a, 't');
	const char	*keep_s = wms_opt_value(a, 'n');
	char		*end;
	long		 keep = 0;
	int		 rc, i;

	if ((wms_opt_given(a, 'e') != 0) != (key != NULL))
		return cmd_usage(c, _("--encrypt and --key KEYFILE go "
		    "together"));
	if (keep_s != NULL && dir == NULL)
		return cmd_usage(c, _("--keep goes with --to DIR"));
	if (keep_s != NULL) {
		errno = 0;
		keep = strtol(keep_s, &end, 10);
		if (errno != 0 || end == keep_s || *end != '\0' || keep < 1 ||
		    keep > 100000)
			return cmd_usage(c, _("--keep takes a number from 1 to "
			    "100000"));
	}
	if (dir != NULL && a->nargs != 0)
		return cmd_usage(c, _("give the backup FILE or --to DIR, not "
		    "both"));
	if (dir == NULL && a->nargs != 1)
		return cmd_usage(c, _("give the backup FILE or --to DIR"));
	if (dir != NULL)
		rc = wms_backup_dir(c->w, dir, (int)keep, key, &res, &err);
	else
		rc = wms_backup(c->w, a->args[0], key, &res, &err);
	if (res.path != NULL) {
		if (key != NULL)
			printf(_("encrypted backup written to %s (key %s)\n"),
			    res.path, res.key_id);
		else
			printf(_("backup written to %s\n"), res.path);
	}
	for (i = 0; res.removed != NULL && res.removed[i] != NULL; i++)
		printf(_("removed the old backup %s\n"), res.removed[i]);
	wms_backup_result_free(&res);
	if (rc != 0)
		return cmd_fail(&err);
	return CMD_OK;
}

static int
cmd_backup_keygen(struct cmd_ctx *c, const struct wms_args *a)
{
	struct wms_err	err;
	char		id[17];

	if (a->nargs != 1)
		return cmd_usage(c, _("give the KEYFILE to create"));
	if (wms_backup_keygen(a->args[0], id, &err) != 0)
		return cmd_fail(&err);
	printf(_("backup key written to %s (key %s): keep a copy of it away "
	    "from the backups, which cannot be read without it\n"),
	    a->args[0], id);
	return CMD_OK;
}

static void
restore_problem(const char *line, void *arg)
{
	(void)arg;
	fprintf(stderr, "%s: %s\n", _("PROBLEM"), line);
}

static int
cmd_restore(struct cmd_ctx *c, const struct wms_args *a)
{
	struct wms_restore	 r;
	struct wms_err		 err;
	char			*pw;
	int			 rc;

	if (a->nargs != 1)
		return cmd_usage(c, _("give the backup FILE to restore"));
	if (c->user == NULL || *c->user == '\0') {
		fprintf(stderr, "makhzan: %s\n", _("who are you? give --user "
		    "NAME or set MAKHZAN_USER"));
		return CMD_FAIL;
	}
	if (cmd_mkdir_for(c->db_path, &err) != 0)
		return cmd_fail(&err);
	if ((pw = cmd_password(c, _("Password: "), &err)) == NULL)
		return cmd_fail(&err);
	memset(&r, 0, sizeof r);
	r.file = a->args[0];
	r.keyfile = wms_opt_value(a, 'k');
	r.target = c->db_path;
	r.user = c->user;
	r.password = pw;
	r.problem = restore_problem;
	rc = wms_restore(&r, &err);
	explicit_bzero(pw, strlen(pw));
	free(pw);
	if (rc != 0) {
		free(r.aside);
		return cmd_fail(&err);
	}
	printf(_("restored %s from %s (site %s): makhzan check passed, %lld "
	    "audit entries verified\n"), r.target, r.file, r.site,
	    r.audit_entries);
	if (r.aside != NULL)
		printf(_("the database it replaced is kept as %s\n"), r.aside);
	free(r.aside);
	return CMD_OK;
}

static const struct wms_opt backup_opts[] = {
	{ .name = "encrypt", .key = 'e' },
	{ .name = "key", .key = 'k', .flags = WMS_OPT_VALUE },
	{ .name = "to", .key = 't', .flags = WMS_OPT_VALUE },
	{ .name = "keep", .key = 'n', .flags = WMS_OPT_VALUE },
	{ .name = NULL }
};

static const struct wms_opt restore_opts[] = {
	{ .name = "key", .key = 'k', .flags = WMS_OPT_VALUE },
	{ .name = NULL }
};

const struct cmd_entry cmd_backup_entry = {
	.name = "backup",
	.usage = "FILE | --to DIR [--keep N]  [--encrypt --key KEYFILE]",
	.summary = N_("Copy the database while others write (supervisors "
	    "and admins), encrypted with --encrypt --key."),
	.opts = backup_opts,
	.flags = CMD_NEEDS_DB | CMD_LOGIN,
	.exec = cmd_backup,
};

/* Before "backup" in the table, so that "backup keygen" finds it. */
const struct cmd_entry cmd_backup_keygen_entry = {
	.group = "backup",
	.name = "keygen",
	.usage = "KEYFILE",
	.summary = N_("Make a key for encrypted backups (32 random bytes, "
	    "mode 0600)."),
	.opts = NULL,
	.flags = 0,
	.exec = cmd_backup_keygen,
};

const struct cmd_entry cmd_restore_entry = {
	.name = "restore",
	.usage = "FILE [--key KEYFILE] [--db TARGET]",
	.summary = N_("Verify a backup, check it, then put it in place of "
	    "the database (admins; nobody else may have it open)."),
	.opts = restore_opts,
	.flags = 0,
	.exec = cmd_restore,
};
