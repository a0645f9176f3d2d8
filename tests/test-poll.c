/* Unit tests for devices/poll.c: the polling thread against the simulator. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "tests/simsrv.h"

#include "devices/dev.h"
#include "devices/poll.h"

#define INTERVAL_MS	20

static void
sleep_ms(int ms)
{
	struct timespec	ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static struct dev_poll *
poll_port(const char *profile, int port)
{
	struct dev_poll	*p;
	struct wms_err	 err;
	char		 uri[64];

	snprintf(uri, sizeof uri, "tcp://127.0.0.1:%d", port);
	if ((p = dev_poll_start(srv_profile(profile), uri, 1, 200,
	    INTERVAL_MS, &err)) == NULL)
		fail_msg("%s", err.msg);
	return p;
}

/* Wait up to 3 s for a reading of net with that stable flag. */
static int
wait_net(struct dev_poll *p, int64_t net, int stable)
{
	struct dev_reading	r;
	struct wms_err		err;
	int64_t			age;
	int			i;

	for (i = 0; i < 300; i++) {
		if (dev_poll_weight(p, &r, &age, &err) == 0 && r.net == net &&
		    r.stable == stable)
			return 1;
		sleep_ms(10);
	}
	return 0;
}

static void
scale__weight_changes__poll_follows(void **state)
{
	struct srv	*v = srv_start_named("generic");
	struct dev_poll	*p = poll_port("generic", dev_sim_port(v->sim));
	struct wms_err	 err;
	uint64_t	 reads;

	(void)state;
	assert_int_equal(dev_sim_set_scale(v->sim, 208500, 0, 0, 0, 0, &err),
	    0);
	assert_true(wait_net(p, 208500, 0));
	assert_int_equal(dev_sim_set_scale(v->sim, 208500, 1500, 1, 0, 0,
	    &err), 0);
	assert_true(wait_net(p, 207000, 1));
	/* It keeps polling by itself, about every INTERVAL_MS. */
	reads = dev_poll_reads(p);
	sleep_ms(10 * INTERVAL_MS);
	assert_true(dev_poll_reads(p) >= reads + 3);
	dev_poll_stop(p);
	srv_stop(v);
}

static void
scale__device_gone__error_not_old_reading(void **state)
{
	struct srv		*v = srv_start_named("generic");
	struct dev_poll		*p = poll_port("generic", dev_sim_port(v->sim));
	struct dev_reading	 r;
	struct wms_err		 err;
	int64_t			 age;
	int			 i, rc = 0;

	(void)state;
	dev_sim_set_scale(v->sim, 12000, 0, 1, 0, 0, &err);
	assert_true(wait_net(p, 12000, 1));
	srv_stop(v);
	/* Within a few polls the reading is gone, and says why. */
	for (i = 0; i < 300 && (rc = dev_poll_weight(p, &r, &age,
	    &err)) == 0; i++)
		sleep_ms(10);
	assert_int_equal(rc, WMS_ERR_IO);
	assert_int_equal(r.net, 0);
	assert_true(strlen(err.msg) > 0);
	dev_poll_stop(p);
}

static void
scale__nobody_there__no_reading_yet_then_error(void **state)
{
	struct dev_poll		*p;
	struct dev_reading	 r;
	struct wms_err		 err;
	int64_t			 age;
	int			 i, rc;

	(void)state;
	/* Port 1 on loopback: refused at once. */
	p = poll_port("generic", 1);
	for (i = 0; i < 300 && (rc = dev_poll_weight(p, &r, &age,
	    &err)) == WMS_ERR_NOTFOUND; i++)
		sleep_ms(10);
	assert_int_equal(rc, WMS_ERR_IO);
	assert_non_null(strstr(err.msg, "127.0.0.1"));
	dev_poll_stop(p);
}

static void
scanner__codes__queued_in_order(void **state)
{
	struct srv	*v = srv_start_named("zebra-ea3600");
	struct dev_poll	*p = poll_port("zebra-ea3600", dev_sim_port(v->sim));
	struct wms_err	 err;
	char		 code[256];
	int		 i, got = 0;
	const char	*want[] = { "6281000000017", "HMS/A/01", "P-100" };

	(void)state;
	for (i = 0; i < 3; i++)
		assert_int_equal(dev_sim_push_code(v->sim, want[i], &err), 0);
	for (i = 0; i < 300 && got < 3; i++) {
		while (got < 3 && dev_poll_code(p, code, sizeof code)) {
			assert_string_equal(code, want[got]);
			got++;
		}
		sleep_ms(10);
	}
	assert_int_equal(got, 3);
	assert_int_equal(dev_poll_code(p, code, sizeof code), 0);
	assert_int_equal(dev_poll_dropped(p), 0);
	dev_poll_stop(p);
	srv_stop(v);
}

static void
start__bad_interval_or_uri__refused(void **state)
{
	struct wms_err	err;

	(void)state;
	assert_null(dev_poll_start(srv_profile("generic"),
	    "tcp://127.0.0.1:502", 1, 200, 5, &err));
	assert_int_equal(err.rc, WMS_ERR_INVALID);
	assert_non_null(strstr(err.msg, "interval"));
	assert_null(dev_poll_start(srv_profile("generic"), "udp://x", 1, 200,
	    0, &err));
	assert_int_equal(err.rc, WMS_ERR_INVALID);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(scale__weight_changes__poll_follows),
		cmocka_unit_test(scale__device_gone__error_not_old_reading),
		cmocka_unit_test(scale__nobody_there__no_reading_yet_then_error),
		cmocka_unit_test(scanner__codes__queued_in_order),
		cmocka_unit_test(start__bad_interval_or_uri__refused),
	};

	return cmocka_run_group_tests_name("poll", tests, NULL, NULL);
}
