/* What every command shares: errors, usage, options, passwords, output. */
#include <errno.h>
#include <libgen.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "core/qty.h"
#include "lib/xmalloc.h"

int
cmd_status(int rc)
{
	if (rc == 0)
		return CMD_OK;
	return rc == WMS_ERR_USAGE ? CMD_USAGE : CMD_FAIL;
}

int
cmd_fail(const struct wms_err *err)
{
	fprintf(stderr, "makhzan: %s\n", err->msg[0] != '\0' ? err->msg :
	    _("failed"));
	return cmd_status(err->rc != 0 ? err->rc : WMS_ERR_INVALID);
}

static void
cmd_name(const struct cmd_entry *e, char *buf, size_t len)
{
	if (e->group != NULL)
		snprintf(buf, len, "%s %s", e->group, e->name);
	else
		snprintf(buf, len, "%s", e->name);
}

int
cmd_usage(struct cmd_ctx *c, const char *fmt, ...)
{
	va_list	ap;
	char	name[64];

	cmd_name(c->entry, name, sizeof name);
	fprintf(stderr, "makhzan %s: ", name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n%s: makhzan %s %s\n", _("usage"), name,
	    c->entry->usage);
	return CMD_USAGE;
}

int
cmd_help(struct cmd_ctx *c)
{
	char name[64];

	cmd_name(c->entry, name, sizeof name);
	printf("%s: makhzan %s %s\n\n%s\n", _("usage"), name, c->entry->usage,
	    _(c->entry->summary));
	return CMD_OK;
}

/*
 * A negative number ("adjust HMS/A/01 P-100 -2") is an argument, not an
 * option: before the first getopt call such arguments get a leading \1
 * that getopt does not take for a dash, and lose it when handed out.
 */
static int
cmd_negative_number(const char *s)
{
	return s[0] == '-' && ((s[1] >= '0' && s[1] <= '9') || (s[1] == '.' &&
	    s[2] >= '0' && s[2] <= '9') || ((unsigned char)s[1] == 0xd9 &&
	    (unsigned char)s[2] >= 0xa0 && (unsigned char)s[2] <= 0xa9));
}

static void
cmd_protect_numbers(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		if (cmd_negative_number(argv[i])) {
			/* Room for the mark: the old string is not freed. */
			char *p = xmalloc(strlen(argv[i]) + 2);

			p[0] = '\1';
			memcpy(p + 1, argv[i], strlen(argv[i]) + 1);
			argv[i] = p;
		}
	}
}

static void
cmd_unprotect(char **s)
{
	if (*s != NULL && **s == '\1')
		(*s)++;
}

/* The name of an option by its value, for messages. */
static const char *
cmd_opt_name(const struct option *all, int val)
{
	int i;

	for (i = 0; all[i].name != NULL; i++) {
		if (all[i].val == val)
			return all[i].name;
	}
	return NULL;
}

int
cmd_getopt(struct cmd_ctx *c, int argc, char **argv, const char *shortopts,
    const struct option *longopts)
{
	struct option	 all[32];
	const char	*name;
	int		 n = 0, ch, i;

	while (longopts != NULL && longopts[n].name != NULL && n < 30) {
		all[n] = longopts[n];
		n++;
	}
	all[n].name = "help";
	all[n].has_arg = no_argument;
	all[n].flag = NULL;
	all[n].val = 0x100;
	memset(&all[n + 1], 0, sizeof all[n + 1]);
	if (optind == 0)
		cmd_protect_numbers(argc, argv);
	opterr = 0;
	ch = getopt_long(argc, argv, shortopts, all, NULL);
	if (ch == 0x100) {
		cmd_help(c);
		return -2;
	}
	if (ch == '?' || ch == ':') {
		name = optopt != 0 ? cmd_opt_name(all, optopt) : NULL;
		if (name != NULL)
			cmd_usage(c, _("option --%s needs a value"), name);
		else if (optopt != 0)
			cmd_usage(c, _("unknown option -%c"), optopt);
		else
			cmd_usage(c, _("unknown option %s"), argv[optind - 1]);
		return -3;
	}
	if (ch == -1) {
		for (i = optind; i < argc; i++)
			cmd_unprotect(&argv[i]);
	} else
		cmd_unprotect(&optarg);
	return ch;
}

/* The name of the option getopt just returned, as the user typed it. */
const char *
cmd_opt_typed(const struct option *longopts, int ch)
{
	static char	buf[48];
	const char	*name = cmd_opt_name(longopts, ch);

	snprintf(buf, sizeof buf, "--%s", name != NULL ? name : "?");
	return buf;
}

static char *
cmd_read_file_line(const char *path, struct wms_err *err)
{
	FILE	*f;
	char	 buf[512];
	size_t	 n;

	if ((f = fopen(path, "r")) == NULL) {
		wms_err_set(err, WMS_ERR_IO, _("cannot read %s: %s"), path,
		    strerror(errno));
		return NULL;
	}
	if (fgets(buf, sizeof buf, f) == NULL)
		buf[0] = '\0';
	fclose(f);
	n = strcspn(buf, "\r\n");
	buf[n] = '\0';
	return xstrdup(buf);
}

char *
cmd_password(struct cmd_ctx *c, const char *prompt, struct wms_err *err)
{
	struct termios	 old, quiet;
	const char	*env;
	char		 buf[512];
	FILE		*tty;
	size_t		 n;

	if (c->password_file != NULL)
		return cmd_read_file_line(c->password_file, err);
	if ((env = getenv("MAKHZAN_PASSWORD")) != NULL)
		return xstrdup(env);
	if ((tty = fopen("/dev/tty", "r+")) == NULL || !isatty(fileno(tty))) {
		if (tty != NULL)
			fclose(tty);
		wms_err_set(err, WMS_ERR_DENIED,
		    _("no password: set MAKHZAN_PASSWORD, give "
		    "--password-file, or run on a terminal"));
		return NULL;
	}
	fprintf(tty, "%s", prompt);
	fflush(tty);
	tcgetattr(fileno(tty), &old);
	quiet = old;
	quiet.c_lflag &= ~(tcflag_t)ECHO;
	tcsetattr(fileno(tty), TCSAFLUSH, &quiet);
	if (fgets(buf, sizeof buf, tty) == NULL)
		buf[0] = '\0';
	tcsetattr(fileno(tty), TCSAFLUSH, &old);
	fprintf(tty, "\n");
	fclose(tty);
	n = strcspn(buf, "\r\n");
	buf[n] = '\0';
	return xstrdup(buf);
}

int
cmd_report(struct cmd_ctx *c, struct report *r, const char *format)
{
	char	*text;
	int	 f;

	f = report_format_parse(format);
	if (f < 0) {
		report_free(r);
		return cmd_usage(c, _("unknown format \"%s\": table, csv or "
		    "json"), format);
	}
	text = report_render(r, f);
	fputs(text, stdout);
	free(text);
	report_free(r);
	return CMD_OK;
}

int
cmd_qty(const char *s, int flags, int64_t *out)
{
	struct wms_err err;

	if (wms_qty_parse(s, flags, out, &err) != 0)
		return cmd_fail(&err);
	return CMD_OK;
}

/* Create the folder of the database (mode 0700) when it is missing. */
int
cmd_mkdir_for(const char *path, struct wms_err *err)
{
	char	*copy, *dir, *p;

	copy = xstrdup(path);
	dir = dirname(copy);
	for (p = dir + 1; ; p++) {
		if (*p == '/' || *p == '\0') {
			char save = *p;

			*p = '\0';
			if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
				wms_err_set(err, WMS_ERR_IO,
				    _("cannot create folder %s: %s"), dir,
				    strerror(errno));
				free(copy);
				return WMS_ERR_IO;
			}
			*p = save;
			if (save == '\0')
				break;
		}
	}
	free(copy);
	return 0;
}
