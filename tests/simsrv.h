/*
 * A device simulator served by a thread of its own, for the tests of the
 * drivers, the polling thread and weighing.  Header-only, like fixture.h;
 * include it after <cmocka.h>.
 */
#ifndef TESTS_SIMSRV_H
#define TESTS_SIMSRV_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

#include "devices/profile.h"
#include "devices/sim.h"

struct srv {
	struct dev_sim	*sim;
	struct dev_profile *own;	/* freed by srv_stop, or NULL */
	pthread_t	 thread;
	atomic_int	 stop;
};

/* A profile from the source tree's devices/profiles. */
static struct dev_profile *
srv_profile(const char *name)
{
	struct dev_profile	*p;
	struct wms_err		 err;
	char			 path[128];

	snprintf(path, sizeof path, "devices/profiles/%s.ini", name);
	if ((p = dev_profile_load(path, &err)) == NULL)
		fail_msg("%s", err.msg);
	return p;
}

static void *
srv_main(void *arg)
{
	struct srv	*v = arg;
	struct wms_err	 err;

	while (!atomic_load(&v->stop))
		if (dev_sim_serve(v->sim, 20, &err) != 0)
			break;
	return NULL;
}

/* Serve profile p on loopback at port (0: a free one, dev_sim_port). */
static struct srv *
srv_start(const struct dev_profile *p, int port)
{
	struct srv	*v;
	struct wms_err	 err;
	char		 uri[64];

	snprintf(uri, sizeof uri, "tcp://127.0.0.1:%d", port);
	v = calloc(1, sizeof *v);
	assert_non_null(v);
	if ((v->sim = dev_sim_new(p, uri, 1, &err)) == NULL)
		fail_msg("sim: %s", err.msg);
	atomic_init(&v->stop, 0);
	assert_int_equal(pthread_create(&v->thread, NULL, srv_main, v), 0);
	return v;
}

static void
srv_stop(struct srv *v)
{
	atomic_store(&v->stop, 1);
	pthread_join(v->thread, NULL);
	dev_sim_free(v->sim);
	dev_profile_free(v->own);
	free(v);
}


/* Serve the source tree's profile name on a free port; srv_stop frees it. */
static __attribute__((unused)) struct srv *
srv_start_named(const char *name)
{
	struct dev_profile	*p = srv_profile(name);
	struct srv		*v = srv_start(p, 0);

	v->own = p;
	return v;
}

#endif
