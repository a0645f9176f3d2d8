/* Commands of the site: init, depots, locations, cost centres, users, audit. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "core/audit.h"
#include "core/check.h"
#include "core/master.h"
#include "core/wms.h"
#include "lib/xmalloc.h"
#include "data/db.h"

static int
cmd_init(struct cmd_ctx *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "site", required_argument, NULL, 's' },
		{ "admin", required_argument, NULL, 'a' },
		{ NULL, 0, NULL, 0 }
	};
	const char	*site = NULL, *admin = NULL;
	struct wms_err	 err;
	char		*pw;
	int		 ch, rc;

	while ((ch = cmd_getopt(c, argc, argv, "", opts)) != -1) {
		if (ch == -2)
			return CMD_OK;
		if (ch == -3)
			return CMD_USAGE;
		if (ch == 's')
			site = optarg;
		else if (ch == 'a')
			admin = optarg;
	}
	if (site == NULL || admin == NULL || optind != argc)
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

/* Options shared by add commands that take --name-ar and --name-en. */
static int
site_names(struct cmd_ctx *c, int argc, char **argv, const char **ar,
    const char **en)
{
	static const struct option opts[] = {
		{ "name-ar", required_argument, NULL, 'a' },
		{ "name-en", required_argument, NULL, 'e' },
		{ NULL, 0, NULL, 0 }
	};
	int ch;

	*ar = *en = NULL;
	while ((ch = cmd_getopt(c, argc, argv, "", opts)) != -1) {
		if (ch == -2)
			return -2;
		if (ch == -3)
			return CMD_USAGE;
		if (ch == 'a')
			*ar = optarg;
		else if (ch == 'e')
			*en = optarg;
	}
	if (optind + 1 != argc || *ar == NULL || *en == NULL)
		return cmd_usage(c, _("give CODE, --name-ar and --name-en"));
	return CMD_OK;
}

static int
cmd_depot_add(struct cmd_ctx *c, int argc, char **argv)
{
	struct wms_err	 err;
	const char	*ar, *en;
	int		 rc;

	if ((rc = site_names(c, argc, argv, &ar, &en)) != CMD_OK)
		return rc == -2 ? CMD_OK : rc;
	if (wms_depot_add(c->w, argv[optind], ar, en, &err) != 0)
		return cmd_fail(&err);
	printf(_("depot %s added\n"), argv[optind]);
	return CMD_OK;
}

static int
cmd_cc_add(struct cmd_ctx *c, int argc, char **argv)
{
	struct wms_err	 err;
	const char	*ar, *en;
	int		 rc;

	if ((rc = site_names(c, argc, argv, &ar, &en)) != CMD_OK)
		return rc == -2 ? CMD_OK : rc;
	if (wms_cc_add(c->w, argv[optind], ar, en, &err) != 0)
		return cmd_fail(&err);
	printf(_("cost centre %s added\n"), argv[optind]);
	return CMD_OK;
}

static int
cmd_location_add(struct cmd_ctx *c, int argc, char **argv)
{
	struct wms_err	err;
	int		ch, i;

	while ((ch = cmd_getopt(c, argc, argv, "", NULL)) != -1)
		return ch == -2 ? CMD_OK : CMD_USAGE;
	if (optind >= argc)
		return cmd_usage(c, _("give DEPOT/PATH"));
	for (i = optind; i < argc; i++) {
		if (wms_location_add(c->w, argv[i], &err) != 0)
			return cmd_fail(&err);
		printf(_("location %s added\n"), argv[i]);
	}
	return CMD_OK;
}

/* Collect rows of wms_master_list into a report. */
struct list_args {
	struct report	*r;
	int		 ncols;
};

static int
list_row(const char *const *cols, int ncol, void *arg)
{
	struct list_args	*a = arg;
	int			 i;

	report_row(a->r);
	for (i = 0; i < ncol && i < a->ncols; i++)
		report_str(a->r, i, cols[i]);
	return 0;
}

static int
site_list(struct cmd_ctx *c, int argc, char **argv, const char *what,
    const struct report_col *cols, int ncols)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "depot", required_argument, NULL, 'D' },
		{ NULL, 0, NULL, 0 }
	};
	struct list_args	 a;
	struct wms_err		 err;
	const char		*format = NULL, *depot = NULL;
	int			 ch;

	while ((ch = cmd_getopt(c, argc, argv, "", opts)) != -1) {
		if (ch < -1)
			return ch == -2 ? CMD_OK : CMD_USAGE;
		if (ch == 'f')
			format = optarg;
		else if (ch == 'D')
			depot = optarg;
	}
	if (optind != argc)
		return cmd_usage(c, _("unexpected argument %s"), argv[optind]);
	a.r = report_new(cols, ncols);
	a.ncols = ncols;
	if (wms_master_list(c->w, what, depot, list_row, &a, &err) != 0) {
		report_free(a.r);
		return cmd_fail(&err);
	}
	return cmd_report(c, a.r, format);
}

static int
cmd_depot_list(struct cmd_ctx *c, int argc, char **argv)
{
	static const struct report_col cols[] = {
		{ "id", N_("No."), REPORT_STR },
		{ "code", N_("Code"), REPORT_STR },
		{ "name_ar", N_("Arabic name"), REPORT_STR },
		{ "name_en", N_("English name"), REPORT_STR },
		{ "locations", N_("Locations"), REPORT_STR },
	};

	return site_list(c, argc, argv, "depots", cols, 5);
}

static int
cmd_location_list(struct cmd_ctx *c, int argc, char **argv)
{
	static const struct report_col cols[] = {
		{ "path", N_("Location"), REPORT_STR },
		{ "kind", N_("Kind"), REPORT_STR },
		{ "depot", N_("Depot"), REPORT_STR },
	};

	return site_list(c, argc, argv, "locations", cols, 3);
}

static int
cmd_cc_list(struct cmd_ctx *c, int argc, char **argv)
{
	static const struct report_col cols[] = {
		{ "code", N_("Code"), REPORT_STR },
		{ "name_ar", N_("Arabic name"), REPORT_STR },
		{ "name_en", N_("English name"), REPORT_STR },
	};

	return site_list(c, argc, argv, "cost-centres", cols, 3);
}

static int
cmd_user_list(struct cmd_ctx *c, int argc, char **argv)
{
	static const struct report_col cols[] = {
		{ "name", N_("User"), REPORT_STR },
		{ "role", N_("Role"), REPORT_STR },
		{ "lang", N_("Language"), REPORT_STR },
		{ "locked_until", N_("Locked until"), REPORT_STR },
		{ "created_at", N_("Created (UTC)"), REPORT_STR },
	};

	return site_list(c, argc, argv, "users", cols, 5);
}

static int
cmd_user_add(struct cmd_ctx *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "role", required_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 }
	};
	struct wms_err	 err;
	const char	*role = NULL;
	char		*pw, *env;
	int		 ch, rc;

	while ((ch = cmd_getopt(c, argc, argv, "", opts)) != -1) {
		if (ch < -1)
			return ch == -2 ? CMD_OK : CMD_USAGE;
		if (ch == 'r')
			role = optarg;
	}
	if (optind + 1 != argc || role == NULL)
		return cmd_usage(c, _("give NAME and --role"));
	/* Refuse before asking a password the user may not set. */
	if (wms_require(c->w, WMS_PERM_ADMIN, &err) != 0)
		return cmd_fail(&err);
	/* The new user's password: $MAKHZAN_NEW_PASSWORD or a prompt. */
	env = getenv("MAKHZAN_NEW_PASSWORD");
	if (env != NULL)
		pw = xstrdup(env);
	else {
		c->password_file = NULL;
		unsetenv("MAKHZAN_PASSWORD");
		if ((pw = cmd_password(c, _("Password of the new user: "),
		    &err)) == NULL)
			return cmd_fail(&err);
	}
	rc = wms_user_add(c->w, argv[optind], role, pw, &err);
	explicit_bzero(pw, strlen(pw));
	free(pw);
	if (rc != 0)
		return cmd_fail(&err);
	printf(_("user %s added as %s\n"), argv[optind], role);
	return CMD_OK;
}

static int
cmd_user_passwd(struct cmd_ctx *c, int argc, char **argv)
{
	struct wms_err	 err;
	char		*pw, *env;
	int		 ch, rc;

	while ((ch = cmd_getopt(c, argc, argv, "", NULL)) != -1)
		return ch == -2 ? CMD_OK : CMD_USAGE;
	if (optind + 1 != argc)
		return cmd_usage(c, _("give NAME"));
	env = getenv("MAKHZAN_NEW_PASSWORD");
	if (env != NULL)
		pw = xstrdup(env);
	else {
		c->password_file = NULL;
		unsetenv("MAKHZAN_PASSWORD");
		if ((pw = cmd_password(c, _("New password: "), &err)) == NULL)
			return cmd_fail(&err);
	}
	rc = wms_user_passwd(c->w, argv[optind], pw, &err);
	explicit_bzero(pw, strlen(pw));
	free(pw);
	if (rc != 0)
		return cmd_fail(&err);
	printf(_("password of %s changed\n"), argv[optind]);
	return CMD_OK;
}

static int
cmd_audit_verify(struct cmd_ctx *c, int argc, char **argv)
{
	struct wms_err	err;
	int64_t		n;
	int		ch;

	while ((ch = cmd_getopt(c, argc, argv, "", NULL)) != -1)
		return ch == -2 ? CMD_OK : CMD_USAGE;
	if (optind != argc)
		return cmd_usage(c, _("unexpected argument %s"), argv[optind]);
	if (wms_audit_verify(c->w, &n, &err) != 0)
		return cmd_fail(&err);
	printf(_("audit log verified: %lld entries, chain intact\n"),
	    (long long)n);
	return CMD_OK;
}

static int
cmd_audit_log(struct cmd_ctx *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "limit", required_argument, NULL, 'n' },
		{ "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 }
	};
	struct report	*r;
	struct wms_err	 err;
	const char	*format = NULL;
	char		*end;
	long		 n = 20;
	int		 ch;

	while ((ch = cmd_getopt(c, argc, argv, "", opts)) != -1) {
		if (ch < -1)
			return ch == -2 ? CMD_OK : CMD_USAGE;
		if (ch == 'f')
			format = optarg;
		else if (ch == 'n') {
			errno = 0;
			n = strtol(optarg, &end, 10);
			if (errno != 0 || *end != '\0' || n < 1 || n > 1000000)
				return cmd_usage(c, _("--limit takes a number "
				    "from 1 to 1000000"));
		}
	}
	if (optind != argc)
		return cmd_usage(c, _("unexpected argument %s"), argv[optind]);
	if (report_audit(c->w, (int)n, &r, &err) != 0)
		return cmd_fail(&err);
	return cmd_report(c, r, format);
}

static void
check_problem(const char *line, void *arg)
{
	(void)arg;
	printf("%s: %s\n", _("PROBLEM"), line);
}

static int
cmd_check(struct cmd_ctx *c, int argc, char **argv)
{
	struct wms_err	err;
	int		ch;

	while ((ch = cmd_getopt(c, argc, argv, "", NULL)) != -1)
		return ch == -2 ? CMD_OK : CMD_USAGE;
	if (optind != argc)
		return cmd_usage(c, _("unexpected argument %s"), argv[optind]);
	if (wms_check(c->w, check_problem, NULL, &err) != 0)
		return cmd_fail(&err);
	printf("%s\n", _("check passed: integrity, balances = ledger, no "
	    "negative stock, audit chain, outbox sequence"));
	return CMD_OK;
}

static int
cmd_backup(struct cmd_ctx *c, int argc, char **argv)
{
	struct wms_err	err;
	int		ch;

	while ((ch = cmd_getopt(c, argc, argv, "", NULL)) != -1)
		return ch == -2 ? CMD_OK : CMD_USAGE;
	if (optind + 1 != argc)
		return cmd_usage(c, _("give the backup FILE"));
	if (wms_require(c->w, WMS_PERM_READ, &err) != 0 ||
	    db_backup(wms_db(c->w), argv[optind], &err) != 0)
		return cmd_fail(&err);
	printf(_("backup written to %s\n"), argv[optind]);
	return CMD_OK;
}

const struct cmd_entry cmd_init_entry = { NULL, "init",
    "--site CODE --admin NAME",
    N_("Create a new depot database (refuses to overwrite one)."), 0,
    cmd_init };
const struct cmd_entry cmd_depot_add_entry = { "depot", "add",
    "CODE --name-ar TEXT --name-en TEXT",
    N_("Add a depot, with its supplier, adjustment, scrap and transit "
    "locations."), CMD_NEEDS_DB | CMD_LOGIN, cmd_depot_add };
const struct cmd_entry cmd_depot_list_entry = { "depot", "list",
    "[--format table|csv|json]", N_("List the depots."),
    CMD_NEEDS_DB | CMD_LOGIN, cmd_depot_list };
const struct cmd_entry cmd_location_add_entry = { "location", "add",
    "DEPOT/PATH...", N_("Add locations like HMS/A/01-03 (zone, aisle, bin)."),
    CMD_NEEDS_DB | CMD_LOGIN, cmd_location_add };
const struct cmd_entry cmd_location_list_entry = { "location", "list",
    "[--depot D] [--format table|csv|json]", N_("List the stock locations."),
    CMD_NEEDS_DB | CMD_LOGIN, cmd_location_list };
const struct cmd_entry cmd_cc_add_entry = { "cost-centre", "add",
    "CODE --name-ar TEXT --name-en TEXT",
    N_("Add a cost centre that stock can be issued to."),
    CMD_NEEDS_DB | CMD_LOGIN, cmd_cc_add };
const struct cmd_entry cmd_cc_list_entry = { "cost-centre", "list",
    "[--format table|csv|json]", N_("List the cost centres."),
    CMD_NEEDS_DB | CMD_LOGIN, cmd_cc_list };
const struct cmd_entry cmd_user_add_entry = { "user", "add",
    "NAME --role storekeeper|supervisor|auditor|admin",
    N_("Add a user; the password comes from $MAKHZAN_NEW_PASSWORD or a "
    "prompt."), CMD_NEEDS_DB | CMD_LOGIN, cmd_user_add };
const struct cmd_entry cmd_user_passwd_entry = { "user", "passwd", "NAME",
    N_("Change a password (your own, or anyone's as admin)."),
    CMD_NEEDS_DB | CMD_LOGIN, cmd_user_passwd };
const struct cmd_entry cmd_user_list_entry = { "user", "list",
    "[--format table|csv|json]", N_("List the users and their roles."),
    CMD_NEEDS_DB | CMD_LOGIN, cmd_user_list };
const struct cmd_entry cmd_audit_verify_entry = { "audit", "verify", "",
    N_("Verify the audit chain: finds edited, deleted or inserted entries."),
    CMD_NEEDS_DB | CMD_LOGIN, cmd_audit_verify };
const struct cmd_entry cmd_audit_log_entry = { "audit", "log",
    "[--limit N] [--format table|csv|json]",
    N_("Show the latest audit entries."), CMD_NEEDS_DB | CMD_LOGIN,
    cmd_audit_log };
const struct cmd_entry cmd_check_entry = { NULL, "check", "",
    N_("Check integrity, balances against the ledger, the audit chain and "
    "the outbox."), CMD_NEEDS_DB | CMD_LOGIN, cmd_check };
const struct cmd_entry cmd_backup_entry = { NULL, "backup", "FILE",
    N_("Copy the database while it is in use (SQLite backup API)."),
    CMD_NEEDS_DB | CMD_LOGIN, cmd_backup };
