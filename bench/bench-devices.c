/*
 * Benchmark of the scale driver: scale readings through dev_read_scale
 * beside bare modbus_read_registers round trips of the same registers, on
 * Modbus TCP over loopback, in the same run, each against its own
 * simulator served by its own thread; then readings per second sustained.
 */
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <modbus.h>

#include "lib/err.h"
#include "devices/dev.h"
#include "devices/find.h"
#include "devices/profile.h"
#include "devices/sim.h"

#define BENCH_NAME "bench-devices"
#include "bench/bench.h"

#define READINGS	20000	/* MAKHZAN_BENCH_READINGS, each side */
#define BLOCK		500	/* driver and bare take turns */
#define SUSTAIN_S	3.0	/* MAKHZAN_BENCH_SECONDS */
#define TARGET		1.2	/* driver / bare, per reading */
#define PROFILE		"generic"

/* A simulator served by its own thread. */
struct srv {
	struct dev_sim	*sim;
	pthread_t	 thread;
	atomic_int	 stop;
};

static void *
srv_main(void *arg)
{
	struct srv	*v = arg;
	struct wms_err	 err;

	while (!atomic_load(&v->stop))
		if (dev_sim_serve(v->sim, 20, &err) != 0)
			die("%s", err.msg);
	return NULL;
}

static struct srv *
srv_start(const struct dev_profile *p)
{
	struct srv	*v;
	struct wms_err	 err;

	if ((v = calloc(1, sizeof *v)) == NULL)
		die("out of memory");
	if ((v->sim = dev_sim_new(p, "tcp://127.0.0.1:0", 1, &err)) == NULL)
		die("%s", err.msg);
	if (dev_sim_set_scale(v->sim, 123450, 2000, 1, 0, 0, &err) != 0)
		die("%s", err.msg);
	atomic_init(&v->stop, 0);
	if (pthread_create(&v->thread, NULL, srv_main, v) != 0)
		die("pthread_create failed");
	return v;
}

static void
srv_stop(struct srv *v)
{
	atomic_store(&v->stop, 1);
	pthread_join(v->thread, NULL);
	dev_sim_free(v->sim);
	free(v);
}

/* The run of registers a reading of p needs: one, for this benchmark. */
static void
span(const struct dev_profile *p, int *lo, int *n)
{
	int	a, e, hi = -1, i;

	*lo = 1 << 16;
	for (i = 0; i < (int)p->nregs; i++) {
		a = p->regs[i].address;
		e = a + p->regs[i].nregs - 1;
		*lo = a < *lo ? a : *lo;
		hi = e > hi ? e : hi;
		if (p->regs[i].table != DEV_TABLE_HOLDING)
			die("%s: the bare side reads holding registers only",
			    p->name);
	}
	for (i = 0; i < DEV_VALUE_COUNT; i++) {
		if (!p->scale.value[i].present)
			continue;
		a = p->scale.value[i].address;
		e = a + dev_type_regs(p->scale.value[i].type) - 1;
		*lo = a < *lo ? a : *lo;
		hi = e > hi ? e : hi;
	}
	*n = hi - *lo + 1;
}

static void
driver_read(struct dev *d)
{
	struct dev_reading	r;
	struct wms_err		err;
	int64_t			at;

	if (dev_read_scale(d, &r, &at, &err) != 0)
		die("driver: %s", err.msg);
	if (r.gross != 123450 || r.net != 121450 || !r.stable)
		die("driver: read %lld, net %lld", (long long)r.gross,
		    (long long)r.net);
}

static void
bare_read(modbus_t *ctx, int lo, int n)
{
	uint16_t	regs[MODBUS_MAX_READ_REGISTERS];

	if (modbus_read_registers(ctx, lo, n, regs) != n)
		die("bare: %s", modbus_strerror(errno));
}

static modbus_t *
bare_open(int port)
{
	modbus_t	*ctx;
	char		 ps[8];

	snprintf(ps, sizeof ps, "%d", port);
	if ((ctx = modbus_new_tcp_pi("127.0.0.1", ps)) == NULL)
		die("modbus_new_tcp_pi: %s", modbus_strerror(errno));
	modbus_set_slave(ctx, 1);
	modbus_set_response_timeout(ctx, 0, 500000);
	if (modbus_connect(ctx) != 0)
		die("bare connect: %s", modbus_strerror(errno));
	return ctx;
}

int
main(void)
{
	struct dev_profile	*p;
	struct wms_err		 err;
	struct srv		*vd, *vb;
	struct dev		*d;
	modbus_t		*ctx;
	char			 uri[64];
	long			 total, i, k, nd, nb;
	double			 td = 0, tb = 0, t, secs, rd, rb, ratio;
	double			 per_d, per_b;
	int			 lo, n;

	total = env_long("MAKHZAN_BENCH_READINGS", READINGS, BLOCK);
	secs = (double)env_long("MAKHZAN_BENCH_SECONDS", (long)SUSTAIN_S, 1);
	if (access("devices/profiles/" PROFILE ".ini", R_OK) == 0)
		p = dev_profile_load("devices/profiles/" PROFILE ".ini", &err);
	else
		p = dev_profile_find(PROFILE, &err);
	if (p == NULL)
		die("%s", err.msg);
	span(p, &lo, &n);
	vd = srv_start(p);
	vb = srv_start(p);
	snprintf(uri, sizeof uri, "tcp://127.0.0.1:%d", dev_sim_port(vd->sim));
	if ((d = dev_open(p, uri, 1, 500, &err)) == NULL)
		die("%s", err.msg);
	ctx = bare_open(dev_sim_port(vb->sim));
	driver_read(d);		/* connect both before timing */
	bare_read(ctx, lo, n);

	printf("scale readings on Modbus TCP over loopback, profile %s: "
	    "holding %d-%d (%d registers) a reading\n", PROFILE, lo,
	    lo + n - 1, n);
	/* 1. the same number each, in alternating blocks */
	for (i = 0; i < total; i += BLOCK) {
		k = total - i < BLOCK ? total - i : BLOCK;
		t = now();
		for (nd = 0; nd < k; nd++)
			driver_read(d);
		td += now() - t;
		t = now();
		for (nb = 0; nb < k; nb++)
			bare_read(ctx, lo, n);
		tb += now() - t;
	}
	per_d = td / (double)total * 1e6;
	per_b = tb / (double)total * 1e6;
	ratio = per_d / per_b;
	printf("   %ld readings each, in turns of %d: driver %.2f s, bare "
	    "%.2f s\n", total, BLOCK, td, tb);

	/* 2. sustained, one side after the other */
	t = now();
	for (nd = 0; now() - t < secs; nd++)
		driver_read(d);
	rd = (double)nd / (now() - t);
	t = now();
	for (nb = 0; now() - t < secs; nb++)
		bare_read(ctx, lo, n);
	rb = (double)nb / (now() - t);
	printf("   sustained over %.0f s: driver %ld readings, bare %ld round "
	    "trips\n\n", secs, nd, nb);

	printf("%-34s %12s %12s %7s  %-14s %s\n", "figure", "driver", "bare",
	    "ratio", "target", "result");
	printf("%.*s\n", 96, "--------------------------------------------------"
	    "----------------------------------------------------------");
	printf("%-34s %9.1f us %9.1f us %7.3f  %-14s %s\n",
	    "1. time a reading", per_d, per_b, ratio, "<= 1.2 x bare",
	    ratio <= TARGET ? "target met" : "TARGET MISSED");
	printf("%-34s %9.0f /s %9.0f /s %7.3f  %-14s %s\n",
	    "2. readings/s, sustained", rd, rb, rd / rb, "(none)", "info");
	printf("ratio = driver / bare (a time: lower is better; a rate: "
	    "higher is better)\n");

	modbus_close(ctx);
	modbus_free(ctx);
	dev_close(d);
	srv_stop(vd);
	srv_stop(vb);
	dev_profile_free(p);
	return 0;
}
