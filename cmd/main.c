/* makhzan: global options, language, then the command from the table. */
#include <libgen.h>
#include <limits.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "lib/config.h"
#include "core/wms.h"
#include "lib/xmalloc.h"

static void
usage_all(FILE *f)
{
	const struct cmd_entry	*e;
	char			 name[64];
	int			 i;

	fprintf(f, "%s: makhzan [--db PATH] [--user NAME] [--password-file "
	    "FILE] [--lang ar|en] COMMAND ...\n\n%s\n\n", _("usage"),
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

	if (sub != NULL)
		fprintf(stderr, "makhzan: %s %s %s\n", _("unknown command"),
		    group, sub);
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

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "user", required_argument, NULL, 'u' },
		{ "password-file", required_argument, NULL, 'p' },
		{ "lang", required_argument, NULL, 'l' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct cmd_ctx		 c;
	struct wms_config	 conf;
	const struct cmd_entry	*e;
	struct wms_err		 err;
	char			*db = NULL, *password = NULL;
	int			 ch, used, rc = CMD_OK;

	memset(&c, 0, sizeof c);
	setlocale(LC_ALL, "");
	set_textdomain();
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "+", opts, NULL)) != -1) {
		switch (ch) {
		case 'd':
			c.db_path = optarg;
			break;
		case 'u':
			c.user = optarg;
			break;
		case 'p':
			c.password_file = optarg;
			break;
		case 'l':
			if (strcmp(optarg, "ar") != 0 &&
			    strcmp(optarg, "en") != 0) {
				fprintf(stderr, "makhzan: %s\n",
				    _("--lang takes ar or en"));
				return CMD_USAGE;
			}
			c.lang = optarg;
			break;
		case 'h':
			usage_all(stdout);
			return CMD_OK;
		case 'V':
			printf("makhzan 0.1\n");
			return CMD_OK;
		default:
			fprintf(stderr, "makhzan: %s %s\n",
			    _("unknown global option"), argv[optind - 1]);
			usage_all(stderr);
			return CMD_USAGE;
		}
	}
	/* Options, then the environment, then the configuration files. */
	if (wms_config_load(&conf, getenv("MAKHZAN_CONFIG"), &err) != 0) {
		fprintf(stderr, "makhzan: %s\n", err.msg);
		wms_config_fini(&conf);
		return CMD_USAGE;
	}
	if (c.lang == NULL && getenv("MAKHZAN_LANG") != NULL)
		c.lang = getenv("MAKHZAN_LANG");
	if (c.lang == NULL)
		c.lang = conf.lang;
	if (c.lang != NULL && strcmp(c.lang, "ar") != 0 &&
	    strcmp(c.lang, "en") != 0) {
		fprintf(stderr, "makhzan: %s\n", _("--lang takes ar or en"));
		wms_config_fini(&conf);
		return CMD_USAGE;
	}
	set_lang(c.lang);
	argc -= optind;
	argv += optind;
	/* Plain makhzan on a terminal is the terminal UI. */
	static char *tui_argv[] = { (char *)"tui", NULL };
	if (argc == 0 && isatty(STDIN_FILENO) && isatty(STDOUT_FILENO)) {
		argc = 1;
		argv = tui_argv;
	}
	if (argc == 0) {
		usage_all(stderr);
		rc = CMD_USAGE;
		goto out;
	}
	if ((e = find_entry(argc, argv, &used)) == NULL) {
		if (used < 0) {
			rc = group_usage(argv[0], argc > 1 ? argv[1] : NULL);
			goto out;
		}
		fprintf(stderr, "makhzan: %s %s\n", _("unknown command"),
		    argv[0]);
		usage_all(stderr);
		rc = CMD_USAGE;
		goto out;
	}
	c.entry = e;
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
	argc -= used - 1;
	argv += used - 1;

	/* --help needs no database and no login. */
	for (ch = 1; ch < argc && strcmp(argv[ch], "--") != 0; ch++) {
		if (strcmp(argv[ch], "--help") == 0) {
			rc = cmd_help(&c);
			goto out;
		}
	}
	if (e->flags & CMD_NEEDS_DB) {
		if ((c.w = wms_open(c.db_path, &err)) == NULL) {
			rc = cmd_fail(&err);
			goto out;
		}
	}
	if (e->flags & CMD_LOGIN) {
		if (c.user == NULL || *c.user == '\0') {
			fprintf(stderr, "makhzan: %s\n", _("who are you? give "
			    "--user NAME or set MAKHZAN_USER"));
			rc = CMD_FAIL;
			goto out;
		}
		password = cmd_password(&c, _("Password: "), &err);
		if (password == NULL || wms_login(c.w, c.user, password,
		    &err) != 0) {
			rc = cmd_fail(&err);
			goto out;
		}
		if (c.lang == NULL && wms_user_lang(c.w) != NULL)
			set_lang(wms_user_lang(c.w));
	}
	optind = 0;
	rc = e->exec(&c, argc, argv);
out:
	if (password != NULL) {
		explicit_bzero(password, strlen(password));
		free(password);
	}
	wms_close(c.w);
	wms_config_fini(&conf);
	free(db);
	return rc;
}
