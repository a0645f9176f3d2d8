/* makhzan backup: a copy of the database while it is in use. */
#include "cmd/cmd.h"
#include "core/wms.h"
#include "data/db.h"

static int
cmd_backup(struct cmd_ctx *c, const struct wms_args *a)
{
	struct wms_err err;

	if (a->nargs != 1)
		return cmd_usage(c, _("give the backup FILE"));
	if (wms_require(c->w, WMS_PERM_READ, &err) != 0 ||
	    db_backup(wms_db(c->w), a->args[0], &err) != 0)
		return cmd_fail(&err);
	printf(_("backup written to %s\n"), a->args[0]);
	return CMD_OK;
}

const struct cmd_entry cmd_backup_entry = {
	.name = "backup",
	.usage = "FILE",
	.summary = N_("Copy the database while it is in use (SQLite backup "
	    "API)."),
	.opts = NULL,
	.flags = CMD_NEEDS_DB | CMD_LOGIN,
	.exec = cmd_backup,
};
