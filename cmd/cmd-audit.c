/* makhzan audit and check: the audit chain, its log, the whole database. */
#include <errno.h>
#include <stdlib.h>

#include "cmd/cmd.h"
#include "core/audit.h"
#include "core/check.h"
#include "core/wms.h"

static int
cmd_audit_verify(struct cmd_ctx *c, const struct wms_args *a)
{
	struct wms_err	err;
	int64_t		n;

	if (a->nargs != 0)
		return cmd_usage(c, _("unexpected argument %s"), a->args[0]);
	if (wms_audit_verify(c->w, &n, &err) != 0)
		return cmd_fail(&err);
	printf(_("audit log verified: %lld entries, chain intact\n"),
	    (long long)n);
	return CMD_OK;
}

static int
cmd_audit_log(struct cmd_ctx *c, const struct wms_args *a)
{
	struct report	*r = NULL;
	struct wms_err	 err;
	const char	*limit = wms_opt_value(a, 'n');
	char		*end;
	long		 n = 20;

	if (limit != NULL) {
		errno = 0;
		n = strtol(limit, &end, 10);
		if (errno != 0 || end == limit || *end != '\0' || n < 1 ||
		    n > 1000000)
			return cmd_usage(c, _("--limit takes a number from 1 "
			    "to 1000000"));
	}
	if (a->nargs != 0)
		return cmd_usage(c, _("unexpected argument %s"), a->args[0]);
	return cmd_report_out(c, report_audit(c->w, (int)n, &r, &err), &r,
	    &err, wms_opt_value(a, 'f'));
}

static void
check_problem(const char *line, void *arg)
{
	(void)arg;
	printf("%s: %s\n", _("PROBLEM"), line);
}

static int
cmd_check(struct cmd_ctx *c, const struct wms_args *a)
{
	struct wms_err err;

	if (a->nargs != 0)
		return cmd_usage(c, _("unexpected argument %s"), a->args[0]);
	if (wms_opt_value(a, 'C') != NULL)
		return cmd_check_central(c, wms_opt_value(a, 'C'));
	if (wms_check(c->w, check_problem, NULL, &err) != 0)
		return cmd_fail(&err);
	printf("%s\n", _("check passed: integrity, balances = ledger, no "
	    "negative stock, limits, value conserved, audit chain and the "
	    "content it covers, schema as shipped, outbox sequence"));
	return CMD_OK;
}

static const struct wms_opt audit_log_opts[] = {
	{ .name = "limit", .key = 'n', .flags = WMS_OPT_VALUE },
	CMD_OPT_FORMAT,
	{ .name = NULL }
};

const struct cmd_entry cmd_audit_verify_entry = {
	.group = "audit",
	.name = "verify",
	.usage = "",
	.summary = N_("Verify the audit chain: finds edited, deleted or "
	    "inserted entries."),
	.opts = NULL,
	.flags = CMD_NEEDS_DB | CMD_LOGIN,
	.exec = cmd_audit_verify,
};

const struct cmd_entry cmd_audit_log_entry = {
	.group = "audit",
	.name = "log",
	.usage = "[--limit N] [--format table|csv|json]",
	.summary = N_("Show the latest audit entries."),
	.opts = audit_log_opts,
	.flags = CMD_NEEDS_DB | CMD_LOGIN,
	.exec = cmd_audit_log,
};

static const struct wms_opt check_opts[] = {
	{ .name = "against-central", .key = 'C', .flags = WMS_OPT_VALUE },
	{ .name = NULL }
};

const struct cmd_entry cmd_check_entry = {
	.name = "check",
	.usage = "[--against-central CONNINFO]",
	.summary = N_("Check integrity, balances against the ledger, the audit "
	    "chain and the outbox; or compare the documents with the "
	    "centre's."),
	.opts = check_opts,
	.flags = CMD_NEEDS_DB | CMD_LOGIN,
	.exec = cmd_check,
};
