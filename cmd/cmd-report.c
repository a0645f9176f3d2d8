/* makhzan report NAME: the managers' reports, as a table, CSV or JSON. */
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "central/pg.h"
#include "central/report-pg.h"
#include "cmd/cmd.h"
#include "core/wms.h"
#include "data/db.h"
#include "lib/config.h"
#include "lib/time.h"
#include "lib/xmalloc.h"
#include "reports/catalog.h"
#include "reports/pdf.h"
#include "reports/source.h"

/* Set by SIGINT: the report stops at the next step of the store. */
static volatile sig_atomic_t report_stop;
/* At the centre: the store whose statement SIGINT cancels, while it runs. */
static struct central_report *volatile report_store;

static void
report_on_sigint(int sig)
{
	(void)sig;
	report_stop = 1;
	if (report_store != NULL)
		central_report_stop(report_store);
}

/* What the progress line knows. */
struct progress {
	const char	*name;
	struct timespec	 t0, last;
	int		 tty;
	int		 shown;
};

static double
since(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) +
	    (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

/*
 * Called by the store while a statement runs: stop on Ctrl-C; after a
 * second, say on a terminal's stderr that the report is still working.
 */
static int
report_progress(void *arg)
{
	struct progress	*p = arg;
	struct timespec	 now;

	if (report_stop)
		return 1;
	if (!p->tty)
		return 0;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (since(&p->t0, &now) < 1.0 || (p->shown &&
	    since(&p->last, &now) < 0.25))
		return 0;
	p->last = now;
	p->shown = 1;
	fprintf(stderr, "\r");
	fprintf(stderr, _("report %s: working, %.0f s (Ctrl-C stops)"),
	    p->name, since(&p->t0, &now));
	fflush(stderr);
	return 0;
}

static void
progress_clear(struct progress *p)
{
	if (p->shown) {
		fprintf(stderr, "\r\033[K");
		fflush(stderr);
		p->shown = 0;
	}
}

/* A whole number above zero, or -1. */
static long
report_number(const char *s)
{
	char	*end;
	long	 v;

	if (s == NULL || *s == '\0')
		return 0;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0' || v <= 0 || v > 100000000)
		return -1;
	return v;
}

/* One line on stderr, exit 2. */
#define report_usage_line(...) report_usage_err(wms_err_set(&uerr, \
	WMS_ERR_USAGE, __VA_ARGS__), &uerr)

static int
report_usage_err(int rc, const struct wms_err *err)
{
	(void)rc;
	return cmd_fail(err);
}

/* Write text to path through a temporary file renamed at the end. */
static int
report_write(const char *path, const char *bom, const char *text,
    struct wms_err *err)
{
	size_t	 n = strlen(path) + 16;
	char	*tmp = xmalloc(n);
	FILE	*f;
	int	 fd, rc = 0;

	snprintf(tmp, n, "%s.tmp-XXXXXX", path);
	if ((fd = mkstemp(tmp)) < 0) {
		rc = wms_err_set(err, WMS_ERR_IO, _("cannot write %s: %s"),
		    path, strerror(errno));
		goto out;
	}
	fchmod(fd, 0644);
	if ((f = fdopen(fd, "w")) == NULL) {
		close(fd);
		rc = wms_err_set(err, WMS_ERR_IO, _("cannot write %s: %s"),
		    path, strerror(errno));
		unlink(tmp);
		goto out;
	}
	if (fputs(bom, f) == EOF || fputs(text, f) == EOF ||
	    fflush(f) != 0 || fsync(fileno(f)) != 0) {
		rc = wms_err_set(err, WMS_ERR_IO, _("cannot write %s: %s"),
		    path, strerror(errno));
		fclose(f);
		unlink(tmp);
		goto out;
	}
	if (fclose(f) != 0 || report_stop || rename(tmp, path) != 0) {
		rc = report_stop ? WMS_ERR_IO : wms_err_set(err, WMS_ERR_IO,
		    _("cannot write %s: %s"), path, strerror(errno));
		unlink(tmp);
	}
out:
	free(tmp);
	return rc;
}

static int
report_list(struct cmd_ctx *c, const char *format)
{
	static const struct report_col cols[] = {
		{ .key = "name", .title = N_("Report"), .type = REPORT_STR },
		{ .key = "title", .title = N_("Title"), .type = REPORT_STR },
		{ .key = "summary", .title = N_("What it shows"),
		    .type = REPORT_STR },
	};
	struct report	*r = report_new(cols, 3);
	int		 i;

	for (i = 0; report_defs[i] != NULL; i++) {
		report_row(r);
		report_str(r, 0, report_defs[i]->name);
		report_str(r, 1, _(report_defs[i]->title));
		report_str(r, 2, _(report_defs[i]->summary));
	}
	return cmd_report(c, r, format);
}

/* makhzan report --help: the usage, then every report. */
static void
report_help(struct cmd_ctx *c)
{
	int i;

	(void)c;
	printf("\n%s\n", _("Reports:"));
	for (i = 0; report_defs[i] != NULL; i++)
		printf("  %-10s %s\n", report_defs[i]->name,
		    _(report_defs[i]->summary));
	printf("\n%s\n", _("Filters each report takes: docs/reports.md.  "
	    "Dates are YYYY-MM-DD in the local time zone (tz = in "
	    "makhzan.ini); --to is included."));
	printf("%s\n", _("At the centre: makhzan --central CONNINFO report "
	    "NAME [--site SITE], every report."));
}

/*
 * makhzan --central CONNINFO report NAME: the same definitions on the
 * centre's tables (central/report-pg.c), for the whole ministry or one
 * site.  No depot session: whoever may connect to the centre's database
 * sees values; money has two decimals, a depot's default.
 */
static int
report_central(struct cmd_ctx *c, const struct report_def *d,
    const struct report_filters *f, struct report **r, struct wms_err *err)
{
	struct central_pg	*pg;
	struct central_report	*s;
	struct report_env	 env;
	int			 rc;

	if ((rc = central_pg_open(c->central, 0, &pg, err)) != 0)
		return rc;
	if ((rc = central_report_open(pg, f->site, &s, err)) == 0) {
		memset(&env, 0, sizeof env);
		env.src = &central_report_source;
		env.store = s;
		env.now = time(NULL);
		env.values = 1;
		env.minor = 2;
		report_store = s;
		rc = report_run_env(&env, d, f, r, err);
		report_store = NULL;
		central_report_close(s);
	}
	central_pg_close(pg);
	return rc;
}

static int
cmd_report_run(struct cmd_ctx *c, const struct wms_args *a)
{
	const struct report_def	*d;
	struct report_filters	 f;
	struct report		*r = NULL;
	struct progress		 p;
	struct sigaction	 sa, old;
	struct wms_err		 err, uerr;
	const char		*format = wms_opt_value(a, 'f');
	const char		*out = wms_opt_value(a, 'o');
	const char		*days = wms_opt_value(a, 'n');
	const char		*limit = wms_opt_value(a, 'l');
	char			*text = NULL, now[40], iso[32];
	int			 fmt, rc, pdf;

	if (a->nargs == 0)
		return cmd_usage(c, _("give the report's NAME, or list"));
	if (a->nargs > 1)
		return cmd_usage(c, _("unexpected argument %s"), a->args[1]);
	/* PDF is drawn from the same rows (reports/pdf.c), to a file. */
	pdf = format != NULL && strcmp(format, "pdf") == 0;
	if ((fmt = pdf ? REPORT_TABLE : report_format_parse(format)) < 0)
		return report_usage_line(_("unknown format \"%s\": table, csv, "
		    "json or pdf"), format);
	if (pdf && out == NULL)
		return report_usage_line(_("%s needs --out FILE.pdf"),
		    "--format pdf");
	if (strcmp(a->args[0], "list") == 0 && !pdf)
		return report_list(c, format);
	if ((d = report_def_find(a->args[0])) == NULL)
		return report_usage_line(_("no report called \"%s\": makhzan "
		    "report list shows them"), a->args[0]);
	if (wms_opt_given(a, 'B') && fmt != REPORT_CSV)
		return report_usage_line(_("%s is for CSV: give --format csv"),
		    "--bom");
	if (c->conf != NULL && wms_time_zone(c->conf->tz, &err) != 0)
		return cmd_fail(&err);
	memset(&f, 0, sizeof f);
	f.depot = wms_opt_value(a, 'D');
	f.location = wms_opt_value(a, 'O');
	f.category = wms_opt_value(a, 'c');
	f.item = wms_opt_value(a, 'I');
	f.from = wms_opt_value(a, 'F');
	f.to = wms_opt_value(a, 'T');
	f.user = wms_opt_value(a, 'u');
	f.cost_centre = wms_opt_value(a, 'C');
	f.at = wms_opt_value(a, 'A');
	f.count = wms_opt_value(a, 'K');
	f.type = wms_opt_value(a, 'y');
	f.site = wms_opt_value(a, 's');
	if (f.site != NULL && c->central == NULL)
		return report_usage_line(_("%s is for the centre: give "
		    "--central CONNINFO"), "--site");
	if ((f.days = report_number(days)) < 0)
		return report_usage_line(_("give %s as a whole number above "
		    "zero"), "--days");
	if ((f.limit = report_number(limit)) < 0)
		return report_usage_line(_("give %s as a whole number above "
		    "zero"), "--limit");

	memset(&p, 0, sizeof p);
	p.name = d->name;
	p.tty = isatty(STDERR_FILENO);
	clock_gettime(CLOCK_MONOTONIC, &p.t0);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = report_on_sigint;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, &old);
	report_stop = 0;
	if (c->central != NULL) {
		rc = report_central(c, d, &f, &r, &err);
	} else {
		db_progress(wms_db(c->w), report_progress, &p);
		rc = report_run(c->w, d, &f, &r, &err);
		db_progress(wms_db(c->w), NULL, NULL);
	}
	progress_clear(&p);
	if (rc == 0 && !report_stop && pdf) {
		rc = report_def_pdf(c->w, d, &f, r, out, &err);
	} else if (rc == 0 && !report_stop) {
		if (c->w != NULL)
			wms_now_iso(c->w, iso);
		else
			wms_time_iso(time(NULL), 0, iso);
		wms_time_offset(iso, now, sizeof now);
		if (fmt == REPORT_JSON)
			text = report_doc_json(r, d, &f, now);
		else
			text = report_render(r, fmt);
		if (out != NULL)
			rc = report_write(out, wms_opt_given(a, 'B') ?
			    "\xef\xbb\xbf" : "", text, &err);
		else {
			if (wms_opt_given(a, 'B'))
				fputs("\xef\xbb\xbf", stdout);
			fputs(text, stdout);
		}
	}
	sigaction(SIGINT, &old, NULL);
	free(text);
	report_free(r);
	if (report_stop) {
		fprintf(stderr, "makhzan: %s\n", out != NULL ?
		    _("report stopped (Ctrl-C); no file was written") :
		    _("report stopped (Ctrl-C)"));
		return 128 + SIGINT;
	}
	if (rc != 0)
		return cmd_fail(&err);
	return CMD_OK;
}

static const struct wms_opt report_opts[] = {
	{ .name = "depot", .key = 'D', .flags = WMS_OPT_VALUE },
	{ .name = "location", .key = 'O', .flags = WMS_OPT_VALUE },
	{ .name = "category", .key = 'c', .flags = WMS_OPT_VALUE },
	{ .name = "item", .key = 'I', .flags = WMS_OPT_VALUE },
	{ .name = "from", .key = 'F', .flags = WMS_OPT_VALUE },
	{ .name = "to", .key = 'T', .flags = WMS_OPT_VALUE },
	/* --user is who runs the command (a global option). */
	{ .name = "by-user", .key = 'u', .flags = WMS_OPT_VALUE },
	{ .name = "cost-centre", .key = 'C', .flags = WMS_OPT_VALUE },
	{ .name = "days", .key = 'n', .flags = WMS_OPT_VALUE },
	{ .name = "at", .key = 'A', .flags = WMS_OPT_VALUE },
	{ .name = "count", .key = 'K', .flags = WMS_OPT_VALUE },
	{ .name = "type", .key = 'y', .flags = WMS_OPT_VALUE },
	{ .name = "limit", .key = 'l', .flags = WMS_OPT_VALUE },
	{ .name = "site", .key = 's', .flags = WMS_OPT_VALUE },
	{ .name = "out", .key = 'o', .flags = WMS_OPT_VALUE },
	{ .name = "bom", .key = 'B' },
	CMD_OPT_FORMAT,
	{ .name = NULL }
};

const struct cmd_entry cmd_report_entry = {
	.name = "report",
	.usage = "NAME|list [--depot D] [--location PREFIX] [--category C] "
	    "[--item CODE] [--from DATE] [--to DATE] [--by-user NAME] "
	    "[--cost-centre CC] [--days N] [--at DATE] [--count NUMBER] "
	    "[--type TYPE] [--limit N] [--site SITE] "
	    "[--format table|csv|json|pdf] [--out FILE] [--bom]",
	.summary = N_("Managers' reports: stock, card, journal, reorder, "
	    "expiry, slow, abc, valuation, variance, transit."),
	.opts = report_opts,
	.flags = CMD_NEEDS_DB | CMD_LOGIN | CMD_CENTRAL,
	.exec = cmd_report_run,
	.help = report_help,
};
