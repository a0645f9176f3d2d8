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
#include "lib/text.h"
#include "core/master.h"
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

const char *
cmd_quote(const char *s, char *buf, size_t n)
{
	wms_text_escape(s, strlen(s), buf, n);
	return buf;
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
	char	name[64], msg[512], q[1024];

	cmd_name(c->entry, name, sizeof name);
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	fprintf(stderr, "makhzan %s: %s", name, cmd_quote(msg, q, sizeof q));
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
	if (c->entry->help != NULL)
		c->entry->help(c);
	return CMD_OK;
}

/* Collect rows of wms_master_list into a report. */
struct cmd_list_arg {
	struct report	*r;
	int		 ncols;
};

static int
cmd_list_row(const char *const *cols, int ncol, void *arg)
{
	struct cmd_list_arg	*a = arg;
	int			 i;

	report_row(a->r);
	for (i = 0; i < ncol && i < a->ncols; i++)
		report_str(a->r, i, cols[i]);
	return 0;
}

int
cmd_master_list(struct cmd_ctx *c, const struct wms_args *args,
    const char *what, const struct report_col *cols, int ncols)
{
	struct cmd_list_arg	a;
	struct wms_err		err;

	if (args->nargs != 0)
		return cmd_usage(c, _("unexpected argument %s"), args->args[0]);
	a.r = report_new(cols, ncols);
	a.ncols = ncols;
	return cmd_report_out(c, wms_master_list(c->w, what,
	    wms_opt_value(args, 'D'), cmd_list_row, &a, &err), &a.r, &err,
	    wms_opt_value(args, 'f'));
}

int
cmd_named_add(struct cmd_ctx *c, const struct wms_args *a,
    int (*add)(struct wms *, const char *, const char *, const char *,
    struct wms_err *))
{
	const char	*ar = wms_opt_value(a, 'a'), *en = wms_opt_value(a, 'e');
	struct wms_err	 err;

	if (a->nargs != 1 || ar == NULL || en == NULL)
		return cmd_usage(c, _("give CODE, --name-ar and --name-en"));
	if (add(c->w, a->args[0], ar, en, &err) != 0)
		return cmd_fail(&err);
	return CMD_OK;
}

int
cmd_report_out(struct cmd_ctx *c, int rc, struct report **r,
    const struct wms_err *err, const char *format)
{
	if (rc != 0) {
		report_free(*r);
		return cmd_fail(err);
	}
	return cmd_report(c, *r, format);
}

int
cmd_fits(struct cmd_ctx *c, const char *what, const char *value, size_t size)
{
	if (strlen(value) < size)
		return CMD_OK;
	return cmd_usage(c, _("%s is longer than %zu bytes"), what, size - 1);
}

/*
 * The first line of a password read into buf: a line that does not fit
 * is refused, not cut (a cut password would be another password).
 */
static char *
cmd_password_line(char *buf, size_t size, int got, const char *from,
    struct wms_err *err)
{
	size_t n;

	if (!got)
		buf[0] = '\0';
	n = strcspn(buf, "\r\n");
	if (n == size - 1 && buf[n] == '\0') {
		explicit_bzero(buf, size);
		wms_err_set(err, WMS_ERR_INVALID, _("the password from %s is "
		    "longer than %zu bytes"), from, size - 2);
		return NULL;
	}
	buf[n] = '\0';
	return xstrdup(buf);
}

static char *
cmd_read_file_line(const char *path, struct wms_err *err)
{
	FILE	*f;
	char	 buf[512], *pw;
	int	 got;

	if ((f = fopen(path, "r")) == NULL) {
		wms_err_set(err, WMS_ERR_IO, _("cannot read %s: %s"), path,
		    strerror(errno));
		return NULL;
	}
	got = fgets(buf, sizeof buf, f) != NULL;
	fclose(f);
	pw = cmd_password_line(buf, sizeof buf, got, path, err);
	explicit_bzero(buf, sizeof buf);
	return pw;
}

char *
cmd_password(struct cmd_ctx *c, const char *prompt, struct wms_err *err)
{
	struct termios	 old, quiet;
	const char	*env;
	char		 buf[512], *pw;
	FILE		*tty;
	int		 got;

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
	got = fgets(buf, sizeof buf, tty) != NULL;
	tcsetattr(fileno(tty), TCSAFLUSH, &old);
	fprintf(tty, "\n");
	fclose(tty);
	pw = cmd_password_line(buf, sizeof buf, got, _("the terminal"), err);
	explicit_bzero(buf, sizeof buf);
	return pw;
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

	/* A bare name is in "."; glibc's dirname() returns a constant then. */
	if (strchr(path, '/') == NULL)
		return 0;
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

int
cmd_replicas(const char *setting)
{
	return setting != NULL && strcmp(setting, "3") == 0 ? 3 : 1;
}
