/*
 * Benchmark of label output: whole labels (the shipped item, lot and
 * location templates, Arabic text and all) rendered to PNG and to ZPL
 * through the library, beside the `zint` command run once per symbol of
 * the same labels (PNG files), in the same run; labels per second each.
 */
#include <errno.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "lib/err.h"
#include "labels/label.h"

#define BENCH_NAME "bench-labels"
#include "bench/bench.h"

#define SECONDS		3.0	/* MAKHZAN_BENCH_SECONDS, each side */
#define TARGET_PNG	1.0	/* library PNG / zint command, labels/s */
#define TARGET_ZPL	10.0	/* library ZPL / zint command */
#define ROUNDS		6	/* turns of the three sides */

extern char **environ;

static double
env_seconds(void)
{
	const char	*s = getenv("MAKHZAN_BENCH_SECONDS");
	char		*end;
	double		 v;

	if (s == NULL || *s == '\0')
		return SECONDS;
	errno = 0;
	v = strtod(s, &end);
	if (errno != 0 || *end != '\0' || v <= 0)
		die("MAKHZAN_BENCH_SECONDS=%s: give a number of seconds", s);
	return v;
}

/* The three kinds of label, label i of each with its own lot and bin. */
enum { KIND_ITEM, KIND_LOT, KIND_LOCATION, NKINDS };

static const char *const tpl_names[NKINDS] = { "item", "lot", "location" };

static void
data_for(int kind, long i, struct label_data *d)
{
	label_data_init(d);
	snprintf(d->code, sizeof d->code, "CHM-BENT-%04ld", i % 10000);
	snprintf(d->name_ar, sizeof d->name_ar, "بنتونيت حفر درجة %ld", i);
	snprintf(d->name_en, sizeof d->name_en, "Bentonite drilling grade %ld",
	    i);
	if (kind == KIND_LOT) {
		snprintf(d->gtin, sizeof d->gtin, "06214501000115");
		snprintf(d->lot, sizeof d->lot, "B-%06ld", i % 1000000);
		snprintf(d->expiry, sizeof d->expiry, "2028-11-30");
	}
	if (kind == KIND_LOCATION)
		snprintf(d->location, sizeof d->location, "HMS/A/%02ld-%02ld",
		    i / 100 % 100, i % 100);
}

/* Run zint with argv; exit status 0 expected. */
static void
run_zint(char **argv)
{
	pid_t	pid;
	int	status, rc;

	if ((rc = posix_spawnp(&pid, "zint", NULL, NULL, argv, environ)) != 0)
		die("cannot run zint: %s (apt-get install zint)",
		    strerror(rc));
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		die("zint %s %s failed", argv[1], argv[2]);
}

/* The symbols of label i by the zint command, a PNG file each. */
static void
zint_label(int kind, long i, const char *dir)
{
	struct label_data	d;
	struct wms_err		err;
	char			gs1[256], data[300], out[300];
	char			*a[10];

	data_for(kind, i, &d);
	snprintf(out, sizeof out, "-o%s/z.png", dir);
	a[0] = (char *)"zint";
	a[3] = (char *)"--notext";
	a[4] = (char *)"--quietzones";
	a[5] = out;
	switch (kind) {
	case KIND_ITEM:
		snprintf(data, sizeof data, "-d%s", d.code);
		a[1] = (char *)"-b20";
		a[2] = data;
		a[6] = NULL;
		run_zint(a);
		break;
	case KIND_LOT:
		if (label_gs1_build(&d, gs1, sizeof gs1, &err) != 0)
			die("%s", err.msg);
		snprintf(data, sizeof data, "-d%s", gs1);
		a[1] = (char *)"-b16";
		a[2] = data;
		a[6] = (char *)"--gs1";
		a[7] = NULL;
		run_zint(a);
		a[1] = (char *)"-b71";
		a[7] = (char *)"--square";
		a[8] = NULL;
		run_zint(a);
		break;
	default:
		snprintf(data, sizeof data, "-d%s", d.location);
		a[1] = (char *)"-b20";
		a[2] = data;
		a[6] = NULL;
		run_zint(a);
		a[1] = (char *)"-b58";
		run_zint(a);
		break;
	}
}

struct side {
	long	labels;
	double	secs;
};

static void
lib_run(struct label_tpl *const *t, enum label_format fmt, double secs,
    struct side *s)
{
	struct label_data	d;
	struct wms_buf		b = { NULL, 0, 0 };
	struct wms_err		err;
	double			t0 = now(), dt;
	int			k;

	do {
		for (k = 0; k < NKINDS; k++) {
			data_for(k, s->labels, &d);
			b.len = 0;
			if (label_render(t[k], &d, 1, 1, fmt, &b, &err) != 0)
				die("%s", err.msg);
			s->labels++;
		}
	} while ((dt = now() - t0) < secs);
	s->secs += dt;
	wms_buf_free(&b);
}

static void
zint_run(const char *dir, double secs, struct side *s)
{
	double	t0 = now(), t;
	int	k;

	do {
		for (k = 0; k < NKINDS; k++) {
			zint_label(k, s->labels, dir);
			s->labels++;
		}
	} while ((t = now() - t0) < secs);
	s->secs += t;
}

static void
row(const char *name, const struct side *a, const struct side *z,
    double target)
{
	double	ra = a->labels / a->secs, rz = z->labels / z->secs;

	printf("%-30s %9.0f /s %9.0f /s %7.2f  >= %-5.1f x    %s\n", name, ra,
	    rz, ra / rz, target, ra / rz >= target ? "target met" :
	    "TARGET MISSED");
}

int
main(void)
{
	struct label_tpl	*t[NKINDS];
	struct side		 png = { 0, 0 }, zpl = { 0, 0 }, zint = { 0, 0 };
	struct wms_err		 err;
	char			 dir[] = "/tmp/makhzan-bench-XXXXXX", path[300];
	double			 secs = env_seconds();
	int			 k;

	/* Run from the top folder: the templates of the tree. */
	setenv("MAKHZAN_TEMPLATES", "labels/templates", 0);
	for (k = 0; k < NKINDS; k++)
		if ((t[k] = label_template_find(tpl_names[k], &err)) == NULL)
			die("%s (run from the top folder, or set "
			    "MAKHZAN_TEMPLATES)", err.msg);
	if (mkdtemp(dir) == NULL)
		die("mkdtemp: %s", strerror(errno));
	/* Warm up fontconfig and pango's caches: a depot's process is long
	 * lived, and the first label pays for them once. */
	lib_run(t, LABEL_PNG, 0.01, &png);
	png.labels = 0;
	png.secs = 0;
	printf("labels: the item, lot and location templates in turn, each "
	    "with its own data; %.0f s a side, in %d turns\n", secs, ROUNDS);
	/* Turns, so that all three see the same load on the machine. */
	for (k = 0; k < ROUNDS; k++) {
		lib_run(t, LABEL_PNG, secs / ROUNDS, &png);
		lib_run(t, LABEL_ZPL, secs / ROUNDS, &zpl);
		zint_run(dir, secs / ROUNDS, &zint);
	}
	printf("   library PNG: %ld labels in %.2f s; ZPL: %ld in %.2f s; "
	    "zint command: %ld labels (%ld runs) in %.2f s\n", png.labels,
	    png.secs, zpl.labels, zpl.secs, zint.labels,
	    zint.labels / 3 * 5, zint.secs);
	printf("%-30s %12s %12s %7s  %-10s %s\n", "figure", "library",
	    "zint cmd", "ratio", "target", "result");
	printf("%.*s\n", 84, "-----------------------------------------------"
	    "------------------------------------------------");
	row("1. labels/s to PNG", &png, &zint, TARGET_PNG);
	row("2. labels/s to ZPL", &zpl, &zint, TARGET_ZPL);
	printf("ratio = library / zint command (labels per second; higher is "
	    "better); the zint side draws the symbols only, no text\n");
	snprintf(path, sizeof path, "%s/z.png", dir);
	unlink(path);
	rmdir(dir);
	for (k = 0; k < NKINDS; k++)
		label_template_free(t[k]);
	return 0;
}
