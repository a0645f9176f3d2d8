/* makhzan: global options, language, then the command from the table. */
#include <libgen.h>
#include <limits.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd/cmd-catalogue.h"
#include "cmd/cmd.h"
#include "data/db.h"
#include "lib/config.h"
#include "lib/time.h"
#include "core/wms.h"
#include "lib/xmalloc.h"

static void
usage_all(FILE *f)
{
	const struct cmd_entry	*e;
	char			 name[64];
	int			 i;

	fprintf(f, "%s: makhzan [--db PATH] [--user NAME] [--password-file "
	    "FILE] [--lang ar|en] [--central CONNINFO] COMMAND ...\n\n%s\n\n",
	    _("usage"),
	    _("makhzan keeps the stock of a depot: receipts, issues, moves, "
	    "transfers, counts."));
	for (i = 0; cmd_table[i] != NULL; i++) {
		e = cmd_table[i];
		if (e->group != NULL)
			snprintf(name, sizeof name, "%s %s", e->group, e->name);
		else
			snprintf(name, sizeof name, "%s", e->name);
		fprintf(f, "  %-20s %s\n", name, _(e->summary));
	}
	fprintf(f, "\n%s\n", _("Each command has --help.  The database is "
	    "--db, else $MAKHZAN_DB, else db= in makhzan.ini, else "
	    "$XDG_DATA_HOME/makhzan/makhzan.db."));
}

/* Where the translations are: beside a binary run from the build tree. */
static void
set_textdomain(void)
{
	char		 exe[PATH_MAX], dir[PATH_MAX + 16];
	const char	*env;
	struct stat	 sb;
	ssize_t		 n;

	if ((env = getenv("MAKHZAN_LOCALEDIR")) != NULL) {
		bindtextdomain("makhzan", env);
	} else {
		n = readlink("/proc/self/exe", exe, sizeof exe - 1);
		if (n > 0) {
			exe[n] = '\0';
			/* ./makhzan beside build/, or build-asan/makhzan. */
			const char *folder = dirname(exe);

			snprintf(dir, sizeof dir, "%s/build/locale", folder);
			if (stat(dir, &sb) != 0)
				snprintf(dir, sizeof dir, "%s/locale", folder);
			if (stat(dir, &sb) == 0)
				bindtextdomain("makhzan", dir);
			else
				bindtextdomain("makhzan", LOCALEDIR);
		}
	}
	bind_textdomain_codeset("makhzan", "UTF-8");
	textdomain("makhzan");
}

/*
 * Choose the language of messages.  gettext ignores LANGUAGE under the "C"
 * locale, so a UTF-8 locale is set when none is.
 */
static void
set_lang(const char *lang)
{
	const char *cur;

	if (lang == NULL)
		return;
	setenv("LANGUAGE", lang, 1);
	cur = setlocale(LC_MESSAGES, NULL);
	if (cur == NULL || strcmp(cur, "C") == 0 || strcmp(cur, "POSIX") == 0)
		setlocale(LC_MESSAGES, "C.UTF-8");
	setlocale(LC_CTYPE, "C.UTF-8");
	/* Make gettext drop the messages it has already looked up. */
	{
		extern int _nl_msg_cat_cntr;

		++_nl_msg_cat_cntr;
	}
}

static char *
default_db(void)
{
	const char	*env, *home;
	char		*path;

	if ((env = getenv("XDG_DATA_HOME")) != NULL && *env != '\0') {
		xasprintf(&path, "%s/makhzan/makhzan.db", env);
		return path;
	}
	home = getenv("HOME");
	xasprintf(&path, "%s/.local/share/makhzan/makhzan.db",
	    home != NULL ? home : ".");
	return path;
}

static const struct cmd_entry *
find_entry(int argc, char **argv, int *used)
{
	const struct cmd_entry	*e;
	int			 i, group = 0;

	for (i = 0; cmd_table[i] != NULL; i++) {
		e = cmd_table[i];
		if (e->group == NULL && strcmp(e->name, argv[0]) == 0) {
			*used = 1;
			return e;
		}
		if (e->group != NULL && strcmp(e->group, argv[0]) == 0) {
			group = 1;
			if (argc > 1 && strcmp(e->name, argv[1]) == 0) {
				*used = 2;
				return e;
			}
		}
	}
	*used = group ? -1 : 0;
	return NULL;
}

static int
group_usage(const char *group, const char *sub)
{
	const struct cmd_entry	*e;
	int			 i;
	char			 q1[128], q2[128];

	if (sub != NULL)
		fprintf(stderr, "makhzan: %s %s %s\n", _("unknown command"),
		    cmd_quote(group, q1, sizeof q1), cmd_quote(sub, q2,
		    sizeof q2));
	else
		fprintf(stderr, "makhzan: %s %s\n", _("what should be done? "
		    "give a command after"), group);
	fprintf(stderr, "%s:\n", _("usage"));
	for (i = 0; cmd_table[i] != NULL; i++) {
		e = cmd_table[i];
		if (e->group != NULL && strcmp(e->group, group) == 0)
			fprintf(stderr, "  makhzan %s %s %s\n", group, e->name,
			    e->usage);
	}
	return CMD_USAGE;
}

/* Keys of the global options, apart from the letters commands use. */
enum {
	KEY_DB = 0x100,
	KEY_USER,
	KEY_PASSWORD_FILE,
	KEY_LANG,
	KEY_CENTRAL,
	KEY_HELP,
	KEY_VERSION,
};

/* Before the command, and (all but --version) after it as well. */
static const struct wms_opt global_opts[] = {
	{ .name = "db", .key = KEY_DB, .flags = WMS_OPT_VALUE },
	{ .name = "user", .key = KEY_USER, .flags = WMS_OPT_VALUE },
	{ .name = "password-file", .key = KEY_PASSWORD_FILE,
	    .flags = WMS_OPT_VALUE },
	{ .name = "lang", .key = KEY_LANG, .flags = WMS_OPT_VALUE },
	{ .name = "central", .key = KEY_CENTRAL, .flags = WMS_OPT_VALUE },
	{ .name = NULL }
};

static const struct wms_opt no_opts[] = {
	{ .name = NULL }
};

static const struct wms_opt help_opts[] = {
	{ .name = "help", .key = KEY_HELP },
	{ .name = NULL }
};

static const struct wms_opt version_opts[] = {
	{ .name = "version", .key = KEY_VERSION },
	{ .name = NULL }
};

/*
 * --help given, or, when the words did not parse, typed before any "--":
 * help is shown even beside a mistyped option.
 */
static int
help_typed(const struct wms_args *a, int parsed, int argc, char **argv)
{
	int i;

	if (wms_opt_given(a, KEY_HELP))
		return 1;
	for (i = 0; !parsed && i < argc && strcmp(argv[i], "--") != 0; i++) {
		if (strcmp(argv[i], "--help") == 0)
			return 1;
	}
	return 0;
}

/*
 * The value of a global option given before the command (g) or after it
 * (a), into *out; given in both places is refused like any option given
 * twice.  0, or a message in err.
 */
static int
global_value(const struct wms_args *g, const struct wms_args *a, int key,
    const char *name, const char **out, struct wms_err *err)
{
	const char *before = wms_opt_value(g, key);
	const char *after = wms_opt_value(a, key);

	if (before != NULL && after != NULL)
		return wms_err_set(err, WMS_ERR_USAGE,
		    _("option --%s is given twice"), name);
	if (before != NULL || after != NULL)
		*out = before != NULL ? before : after;
	return 0;
}

/* MAKHZAN_DEBUG: each database failure's statement, on stderr. */
static void
main_db_debug(const char *line)
{
	fprintf(stderr, "makhzan debug: %s\n", line);
}

int
main(int argc, char **argv)
{
	static const struct wms_opt *const before_tables[] = {
		global_opts, help_opts, version_opts, NULL
	};
	static char		*tui_argv[] = { (char *)"tui", NULL };
	const struct wms_opt	*tables[4];
	struct wms_args		 g, a;
	struct cmd_ctx		 c;
	struct wms_config	 conf;
	const struct cmd_entry	*e;
	struct wms_err		 err, perr;
	char			 q[128];
	char			**words, *db = NULL;
	int			 nwords, used = 0, prc, rc = CMD_OK;
	const char		*dbg = getenv("MAKHZAN_DEBUG");

	if (dbg != NULL && *dbg != '\0' && strcmp(dbg, "0") != 0)
		db_set_debug(main_db_debug);
	memset(&c, 0, sizeof c);
	memset(&a, 0, sizeof a);
	setlocale(LC_ALL, "");
	set_textdomain();
	/* The global options stop at the command's name. */
	if (wms_opt_parse(argc - 1, argv + 1, before_tables, WMS_OPT_STOP, &g,
	    &err) != 0) {
		fprintf(stderr, "makhzan: %s\n", err.msg);
		if (err.rc == WMS_ERR_INVALID) {
			wms_opt_free(&g);
			return CMD_FAIL;
		}
		usage_all(stderr);
		wms_opt_free(&g);
		return CMD_USAGE;
	}
	if (wms_opt_given(&g, KEY_HELP)) {
		usage_all(stdout);
		wms_opt_free(&g);
		return CMD_OK;
	}
	if (wms_opt_given(&g, KEY_VERSION)) {
		printf("makhzan 0.1\n");
		wms_opt_free(&g);
		return CMD_OK;
	}
	/* Options, then the environment, then the configuration files. */
	if (wms_config_load(&conf, getenv("MAKHZAN_CONFIG"), &err) != 0) {
		fprintf(stderr, "makhzan: %s\n", err.msg);
		wms_config_fini(&conf);
		wms_opt_free(&g);
		return CMD_USAGE;
	}
	if (cmd_cat_mode(&conf) != CMD_OK) {
		wms_config_fini(&conf);
		wms_opt_free(&g);
		return CMD_USAGE;
	}
	/*
	 * Times are shown in the depot's zone: tz = in makhzan.ini, else the
	 * system's (TZ, else /etc/localtime).
	 */
	if (conf.tz != NULL && wms_time_zone(conf.tz, &err) != 0) {
		fprintf(stderr, "makhzan: %s\n", err.msg);
		wms_config_fini(&conf);
		wms_opt_free(&g);
		return CMD_FAIL;
	}
	words = g.args;
	nwords = g.nargs;
	/* Plain makhzan on a terminal is the terminal UI. */
	if (nwords == 0 && isatty(STDIN_FILENO) && isatty(STDOUT_FILENO)) {
		words = tui_argv;
		nwords = 1;
	}
	e = nwords > 0 ? find_entry(nwords, words, &used) : NULL;
	/*
	 * The words after the command's name: its own options, the global
	 * ones and --help.  What they say of the language is known before
	 * any message is printed.
	 */
	prc = 0;
	if (e != NULL) {
		tables[0] = e->opts != NULL ? e->opts : no_opts;
		tables[1] = global_opts;
		tables[2] = help_opts;
		tables[3] = NULL;
		prc = wms_opt_parse(nwords - used, words + used, tables, 0, &a,
		    &perr);
		if (prc == 0)
			prc = global_value(&g, &a, KEY_LANG, "lang", &c.lang,
			    &perr);
		else if (!wms_opt_given(&g, KEY_LANG))
			c.lang = wms_opt_value(&a, KEY_LANG);
	}
	if (c.lang == NULL)
		c.lang = wms_opt_value(&g, KEY_LANG);
	if (c.lang == NULL && getenv("MAKHZAN_LANG") != NULL)
		c.lang = getenv("MAKHZAN_LANG");
	if (c.lang == NULL)
		c.lang = conf.lang;
	if (c.lang != NULL && strcmp(c.lang, "ar") != 0 &&
	    strcmp(c.lang, "en") != 0) {
		fprintf(stderr, "makhzan: %s\n", _("--lang takes ar or en"));
		rc = CMD_USAGE;
		goto out;
	}
	set_lang(c.lang);
	if (nwords == 0) {
		usage_all(stderr);
		rc = CMD_USAGE;
		goto out;
	}
	if (e == NULL) {
		if (used < 0) {
			rc = group_usage(words[0], nwords > 1 ? words[1] : NULL);
			goto out;
		}
		fprintf(stderr, "makhzan: %s %s\n", _("unknown command"),
		    cmd_quote(words[0], q, sizeof q));
		usage_all(stderr);
		rc = CMD_USAGE;
		goto out;
	}
	c.entry = e;
	/* --help needs no database and no login, and wins over a bad word. */
	if (help_typed(&a, prc == 0, nwords - used, words + used)) {
		rc = cmd_help(&c);
		goto out;
	}
	if (prc == 0)
		prc = global_value(&g, &a, KEY_DB, "db", &c.db_path, &perr);
	if (prc == 0)
		prc = global_value(&g, &a, KEY_USER, "user", &c.user, &perr);
	if (prc == 0)
		prc = global_value(&g, &a, KEY_PASSWORD_FILE, "password-file",
		    &c.password_file, &perr);
	if (prc == 0)
		prc = global_value(&g, &a, KEY_CENTRAL, "central", &c.central,
		    &perr);
	if (prc == 0 && c.central != NULL && !(e->flags & CMD_CENTRAL))
		prc = wms_err_set(&perr, WMS_ERR_USAGE, _("--central goes with "
		    "stock and the catalogue commands only"));
	if (prc != 0) {
		/* Bad text is refused in one line, not a misuse. */
		rc = perr.rc == WMS_ERR_INVALID ? cmd_fail(&perr) :
		    cmd_usage(&c, "%s", perr.msg);
		goto out;
	}
	if (c.user == NULL)
		c.user = getenv("MAKHZAN_USER");
	if (c.user == NULL)
		c.user = conf.user;
	c.db_given = c.db_path != NULL || (getenv("MAKHZAN_DB") != NULL &&
	    *getenv("MAKHZAN_DB") != '\0');
	if (c.db_path == NULL && c.db_given)
		c.db_path = getenv("MAKHZAN_DB");
	if (c.db_path == NULL && conf.db != NULL) {
		c.db_path = conf.db;
		c.db_given = 1;
	}
	if (c.db_path == NULL)
		c.db_path = db = default_db();
	c.station = conf.station;
	c.bidi = conf.bidi;
	c.printer = conf.printer;
	c.conf = &conf;

	/* The national view needs no depot database and no depot user. */
	if ((e->flags & CMD_NEEDS_DB) && c.central == NULL) {
		if ((c.w = wms_open(c.db_path, &err)) == NULL) {
			rc = cmd_fail(&err);
			goto out;
		}
	}
	if ((e->flags & CMD_LOGIN) && c.central == NULL) {
		/* makhzan login itself always asks for the password. */
		if (cmd_login_user(&c, strcmp(e->name, "login") == 0 &&
		    e->group == NULL, &err) != 0) {
			rc = cmd_fail(&err);
			goto out;
		}
		if (c.lang == NULL && wms_user_lang(c.w) != NULL)
			set_lang(wms_user_lang(c.w));
	}
	rc = e->exec(&c, &a);
out:
	wms_close(c.w);
	wms_config_fini(&conf);
	wms_opt_free(&a);
	wms_opt_free(&g);
	free(db);
	return rc;
}
