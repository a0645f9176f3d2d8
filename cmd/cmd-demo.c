/* makhzan demo: build the demo depot database and show where it is. */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "demo/demo.h"
#include "devices/registry.h"
#include "core/wms.h"
#include "lib/xmalloc.h"
#include "devices/dev.h"
#include "devices/find.h"
#include "devices/sim.h"
#include "tui/tui.h"

static void
demo_progress(int day, int days, void *arg)
{
	(void)arg;
	if (isatty(STDERR_FILENO) && (day % 10 == 0 || day == days - 1))
		fprintf(stderr, "\r%s %d/%d", _("writing history: day"), day + 1,
		    days);
}

/* $XDG_DATA_HOME/makhzan/demo.db. */
static char *
demo_path(void)
{
	const char	*x, *home;
	char		*path;

	x = getenv("XDG_DATA_HOME");
	home = getenv("HOME");
	if (x != NULL && *x != '\0')
		xasprintf(&path, "%s/makhzan/demo.db", x);
	else
		xasprintf(&path, "%s/.local/share/makhzan/demo.db",
		    home != NULL ? home : ".");
	return path;
}

/*
 * The demo station's scale and scanner, simulated on loopback while the
 * terminal UI is open, so that weighing and fixed scanning can be tried.
 */
struct demo_sims {
	struct dev_profile	*pscale, *pscan;
	struct dev_sim		*scale, *scan;
	pthread_t		 thread;
	atomic_int		 stop;	/* set by the UI thread */
	int			 running;
};

/* A drum put on the scale, settling, taken off: a 40 s cycle. */
static const struct {
	int	 from_s;
	int64_t	 gross;		/* thousandths of kg */
	int	 stable;
} demo_cycle[] = {
	{ .from_s = 0, .gross = 0, .stable = 1 },
	{ .from_s = 10, .gross = 150500, .stable = 0 },
	{ .from_s = 11, .gross = 214200, .stable = 0 },
	{ .from_s = 12, .gross = 207900, .stable = 0 },
	{ .from_s = 13, .gross = 208500, .stable = 1 },
	{ .from_s = 32, .gross = 61000, .stable = 0 },
	{ .from_s = 33, .gross = 0, .stable = 1 },
};

/* What the demo scanner reads, one a minute: a barcode, GS1 data, a bin. */
static const char *const demo_codes[] = {
	"6213305000154", "(01)06214501000115(10)B2611(17)271231",
	"HMS/C/01-01",
};

static void *
demo_sims_main(void *arg)
{
	struct demo_sims	*d = arg;
	struct wms_err		 err;
	int64_t			 start = dev_now_ms(), next_code, s;
	size_t			 i, step = (size_t)-1, code = 0;

	next_code = start + 30000;
	while (!atomic_load(&d->stop)) {
		s = (dev_now_ms() - start) / 1000 % 40;
		for (i = sizeof demo_cycle / sizeof demo_cycle[0]; i-- > 0;)
			if (s >= demo_cycle[i].from_s)
				break;
		if (d->scale != NULL && i != step) {
			step = i;
			dev_sim_set_scale(d->scale, demo_cycle[i].gross, 0,
			    demo_cycle[i].stable, 0, 0, &err);
		}
		if (d->scan != NULL && dev_now_ms() >= next_code) {
			dev_sim_push_code(d->scan, demo_codes[code++ %
			    (sizeof demo_codes / sizeof demo_codes[0])], &err);
			next_code = dev_now_ms() + 60000;
		}
		if (d->scale != NULL)
			dev_sim_serve(d->scale, 20, &err);
		if (d->scan != NULL)
			dev_sim_serve(d->scan, 20, &err);
	}
	return NULL;
}

/* Start what can be started; a port in use only leaves that device out. */
static void
demo_sims_start(struct demo_sims *d)
{
	struct wms_err	err;
	char		uri[64];

	memset(d, 0, sizeof *d);
	atomic_init(&d->stop, 0);
	snprintf(uri, sizeof uri, "tcp://127.0.0.1:%d", DEMO_SCALE_PORT);
	if ((d->pscale = dev_profile_find(DEMO_SCALE_PROFILE,
	    &err)) == NULL || (d->scale = dev_sim_new(d->pscale, uri,
	    DEV_UNIT_ID_DEFAULT, &err)) == NULL)
		fprintf(stderr, "makhzan: %s: %s\n", _("no simulated scale"),
		    err.msg);
	snprintf(uri, sizeof uri, "tcp://127.0.0.1:%d",
	    DEMO_SCANNER_PORT);
	if ((d->pscan = dev_profile_find(DEMO_SCANNER_PROFILE,
	    &err)) == NULL || (d->scan = dev_sim_new(d->pscan, uri,
	    DEV_UNIT_ID_DEFAULT, &err)) == NULL)
		fprintf(stderr, "makhzan: %s: %s\n", _("no simulated scanner"),
		    err.msg);
	if ((d->scale != NULL || d->scan != NULL) &&
	    pthread_create(&d->thread, NULL, demo_sims_main, d) == 0)
		d->running = 1;
}

static void
demo_sims_stop(struct demo_sims *d)
{
	if (d->running) {
		atomic_store(&d->stop, 1);
		pthread_join(d->thread, NULL);
	}
	dev_sim_free(d->scale);
	dev_sim_free(d->scan);
	dev_profile_free(d->pscale);
	dev_profile_free(d->pscan);
}

/* Open the terminal UI on the demo depot, salim's name filled in. */
static int
demo_tui(struct cmd_ctx *c, const char *path)
{
	struct tui_login_arg	 login;
	struct tui_opts		 o;
	struct demo_sims	 sims;
	struct wms_err		 err;
	struct wms		*w;
	int			 rc;

	login.user = "salim";
	login.hint = _("Demo users: salim (storekeeper), huda (supervisor), "
	    "rami (auditor), admin; the password of each is makhzan-demo.");
	if ((w = wms_open(path, &err)) == NULL)
		return cmd_fail(&err);
	memset(&o, 0, sizeof o);
	o.lang = c->lang;
	o.station = DEMO_STATION;
	demo_sims_start(&sims);
	rc = tui_run(w, &login, &o, &err) != 0 ? cmd_fail(&err) : CMD_OK;
	demo_sims_stop(&sims);
	wms_close(w);
	return rc;
}

static int
cmd_demo(struct cmd_ctx *c, const struct wms_args *a)
{
	struct demo_stats	 st;
	struct wms_err		 err;
	const char		*v;
	char			*path, *end, *p;
	long			 days = 120;
	int			 rc = CMD_OK;

	if ((v = wms_opt_value(a, 'd')) != NULL) {
		errno = 0;
		days = strtol(v, &end, 10);
		if (errno != 0 || end == v || *end != '\0' || days < 7 ||
		    days > 3650)
			return cmd_usage(c, _("--days takes 7 to 3650"));
	}
	if (a->nargs != 0)
		return cmd_usage(c, _("unexpected argument %s"), a->args[0]);
	path = c->db_given ? xstrdup(c->db_path) : demo_path();
	if (cmd_mkdir_for(path, &err) != 0) {
		rc = cmd_fail(&err);
		goto out;
	}
	if (wms_opt_given(a, 'f') && access(path, F_OK) == 0) {
		const char *const sfx[] = { "", "-wal", "-shm" };

		for (size_t i = 0; i < 3; i++) {
			xasprintf(&p, "%s%s", path, sfx[i]);
			unlink(p);
			free(p);
		}
	}
	if (access(path, F_OK) == 0) {
		printf(_("using the demo database %s (give --fresh to build it "
		    "again)\n"), path);
	} else {
		printf(_("building the demo depot in %s ...\n"), path);
		fflush(stdout);
		if (demo_build(path, (int)days, demo_progress, NULL, &st,
		    &err) != 0) {
			if (isatty(STDERR_FILENO))
				fputc('\n', stderr);
			rc = cmd_fail(&err);
			goto out;
		}
		if (isatty(STDERR_FILENO))
			fputc('\n', stderr);
		printf(_("%d depots, %d locations, %d items, %d documents over "
		    "%d days\n"), st.depots, st.locations, st.items,
		    st.documents, st.days);
	}
	printf("\n%s\n", _("Users (password makhzan-demo): admin (admin), "
	    "salim (storekeeper), huda (supervisor), rami (auditor)."));
	printf("\n%s\n  export MAKHZAN_DB=%s MAKHZAN_USER=salim "
	    "MAKHZAN_PASSWORD=makhzan-demo\n  makhzan stock --depot HMS\n"
	    "  makhzan item list --search %s\n  makhzan transfer list "
	    "--pending\n", _("Try:"), path, "بنتونيت");
	if (!wms_opt_given(a, 'n') && isatty(STDIN_FILENO) &&
	    isatty(STDOUT_FILENO))
		rc = demo_tui(c, path);
out:
	free(path);
	return rc;
}

static const struct wms_opt demo_opts[] = {
	{ .name = "no-tui", .key = 'n' },
	{ .name = "fresh", .key = 'f' },
	{ .name = "days", .key = 'd', .flags = WMS_OPT_VALUE },
	{ .name = NULL }
};

const struct cmd_entry cmd_demo_entry = {
	.name = "demo",
	.usage = "[--no-tui] [--fresh] [--days N]",
	.summary = N_("Build (or reuse) the demo depot, three depots with 80 "
	    "items and months of history, and open the terminal UI on it."),
	.opts = demo_opts,
	.flags = 0,
	.exec = cmd_demo,
};
