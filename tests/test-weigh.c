/*
 * Unit tests for tui/weigh.c: a scale reading as an item's quantity, and
 * weighing on the receive screen against a simulated scale.
 */
#include "tests/fixture.h"
#include "tests/tui-keys.h"
#include "tests/simsrv.h"

#include "lib/text.h"
#include "devices/poll.h"
#include "tui/screen.h"
#include "tui/tui.h"

static struct dev_reading
reading(int64_t net, const char *unit, int stable)
{
	struct dev_reading	r;

	memset(&r, 0, sizeof r);
	r.gross = r.net = net;
	r.has = DEV_HAS_GROSS | DEV_HAS_NET;
	snprintf(r.unit, sizeof r.unit, "%s", unit);
	r.stable = stable;
	return r;
}

/* The quantity for item from r, or the refusal in err. */
static int
weigh(struct fx *f, const char *item, const struct dev_reading *r,
    int64_t age, int64_t *qty)
{
	struct db_item	it;
	int		rc;

	fx_ok(wms_item_get(f->w, item, &it, &f->err), &f->err);
	*qty = -1;
	rc = tui_weigh_reading(f->w, "scale-1", r, age, &it, qty, &f->err);
	db_item_fini(&it);
	return rc;
}

static void
reading__kg_item__net_weight_in_its_unit(void **state)
{
	struct fx		*f = *state;
	struct dev_reading	 r;
	int64_t			 q;

	/* 208.5 kg on a kg scale: 208.500 KG of bentonite. */
	r = reading(208500, "kg", 1);
	assert_int_equal(weigh(f, "CHM-BENT", &r, 100, &q), 0);
	assert_int_equal(q, 208500);
	/* 5400 g is 5.4 kg; 0.25 t is 250 kg. */
	r = reading(5400000, "g", 1);
	assert_int_equal(weigh(f, "CHM-BENT", &r, 100, &q), 0);
	assert_int_equal(q, 5400);
	r = reading(250, "t", 1);
	assert_int_equal(weigh(f, "CHM-BENT", &r, 100, &q), 0);
	assert_int_equal(q, 250000);
	/* 100 lb = 45.359237 kg: 45.359 to the gram. */
	r = reading(100000, "lb", 1);
	assert_int_equal(weigh(f, "CHM-BENT", &r, 100, &q), 0);
	assert_int_equal(q, 45359);
}

static void
reading__counted_by_weight__whole_pieces(void **state)
{
	struct fx		*f = *state;
	struct dev_reading	 r;
	int64_t			 q;

	/* Without a KG unit a pump cannot be counted by weight. */
	r = reading(30000, "kg", 1);
	assert_int_not_equal(weigh(f, "P-100", &r, 100, &q), 0);
	assert_non_null(strstr(f->err.msg, "no KG unit"));
	/* 1 KG = 0.04 EA (a 25 kg pump): 76.1 kg is 3 pumps (3.044). */
	fx_ok(wms_unit_add(f->w, "P-100", "KG", 40, &f->err), &f->err);
	r = reading(76100, "kg", 1);
	assert_int_equal(weigh(f, "P-100", &r, 100, &q), 0);
	assert_int_equal(q, 3000);
	/* 5 kg is not a pump. */
	r = reading(5000, "kg", 1);
	assert_int_not_equal(weigh(f, "P-100", &r, 100, &q), 0);
	assert_non_null(strstr(f->err.msg, "less than one EA"));
}

static void
reading__not_a_settled_weight__refused_with_reason(void **state)
{
	struct fx		*f = *state;
	struct dev_reading	 r;
	int64_t			 q;

	r = reading(208500, "kg", 0);
	assert_int_equal(weigh(f, "CHM-BENT", &r, 100, &q), WMS_ERR_INVALID);
	assert_non_null(strstr(f->err.msg, "moving (208.5 kg)"));
	assert_int_equal(q, -1);
	r = reading(208500, "kg", 1);
	r.overload = 1;
	assert_int_not_equal(weigh(f, "CHM-BENT", &r, 100, &q), 0);
	assert_non_null(strstr(f->err.msg, "overloaded"));
	r = reading(-2000, "kg", 1);
	r.underload = 1;
	assert_int_not_equal(weigh(f, "CHM-BENT", &r, 100, &q), 0);
	assert_non_null(strstr(f->err.msg, "below zero"));
	r = reading(0, "kg", 1);
	assert_int_not_equal(weigh(f, "CHM-BENT", &r, 100, &q), 0);
	assert_non_null(strstr(f->err.msg, "nothing on the scale"));
	/* Stable but 1.5 s old: the scale has stopped answering. */
	r = reading(208500, "kg", 1);
	assert_int_equal(weigh(f, "CHM-BENT", &r, 1500, &q), WMS_ERR_IO);
	assert_non_null(strstr(f->err.msg, "1.5 s old"));
	r = reading(208500, "N", 1);
	assert_int_not_equal(weigh(f, "CHM-BENT", &r, 100, &q), 0);
	assert_non_null(strstr(f->err.msg, "not a mass"));
	assert_int_equal(q, -1);
}

/* Wait (3 s at most) until the status line's weight shows want. */
static void
wait_weight(struct tui *t, const char *want)
{
	struct timespec	ts = { 0, 10000000L };
	char		buf[96];
	int		i;

	for (i = 0; i < 300; i++) {
		tui_weight_text(t, buf, sizeof buf);
		if (strstr(buf, want) != NULL)
			return;
		nanosleep(&ts, NULL);
	}
	fail_msg("the weight shows \"%s\", not \"%s\"", buf, want);
}

static void
receive__drum_weighed__refused_moving_then_stable(void **state)
{
	struct fx	*f = *state;
	struct srv	*v = srv_start_named("generic");
	struct dev_poll	*p;
	struct tui	*t;
	struct wms_err	 err;
	char		 uri[64];

	snprintf(uri, sizeof uri, "tcp://127.0.0.1:%d", dev_sim_port(v->sim));
	t = logged_in(f);
	/* No scale yet: F6 says so. */
	tui_test_key(t, 'r', &f->err);
	enter(t, "HMS/A/01", &f->err);
	enter(t, "", &f->err);
	enter(t, "", &f->err);
	enter(t, "CHM-BENT", &f->err);
	tui_test_key(t, TUI_KEY_F(6), &f->err);
	assert_non_null(strstr(tui_test_status(t), "no scale"));
	p = dev_poll_start(srv_profile("generic"), uri, 1, 200, 20, &err);
	assert_non_null(p);
	tui_test_set_scale(t, p, "scale-1");
	/* A drum put on the scale: moving, refused, nothing taken. */
	dev_sim_set_scale(v->sim, 214200, 0, 0, 0, 0, &err);
	wait_weight(t, "214.2 kg moving");
	tui_test_key(t, TUI_KEY_F(6), &f->err);
	assert_non_null(strstr(tui_test_status(t), "moving"));
	assert_non_null(strstr(tui_test_status(t), "not weighed"));
	/* Overloaded: refused too. */
	dev_sim_set_scale(v->sim, 214200, 0, 1, 1, 0, &err);
	wait_weight(t, "overload");
	tui_test_key(t, TUI_KEY_F(6), &f->err);
	assert_non_null(strstr(tui_test_status(t), "overloaded"));
	/* Settled at 208.5 kg: taken, then the lot and expiry follow. */
	dev_sim_set_scale(v->sim, 208500, 0, 1, 0, 0, &err);
	wait_weight(t, "208.5 kg stable");
	tui_test_key(t, TUI_KEY_F(6), &f->err);
	assert_non_null(strstr(tui_test_status(t), "weighed: 208.5"));
	enter(t, "D-1", &f->err);
	enter(t, "", &f->err);
	assert_int_equal(f9(t, &f->err), 0);
	assert_non_null(strstr(tui_test_status(t), "posted"));
	assert_int_equal(fx_balance(f->w, "HMS/A/01", "CHM-BENT", "D-1"),
	    208500);
	tui_test_free(t);
	srv_stop(v);
}

static void
issue__drum_weighed__taken_against_the_bin(void **state)
{
	struct fx	*f = *state;
	struct srv	*v = srv_start_named("generic");
	struct dev_poll	*p;
	struct tui	*t;
	struct wms_err	 err;
	char		 uri[64];

	fx_receive(f->w, "HMS/A/01", "CHM-BENT", 300000, "L-1", "2030-01-01");
	snprintf(uri, sizeof uri, "tcp://127.0.0.1:%d", dev_sim_port(v->sim));
	t = logged_in(f);
	p = dev_poll_start(srv_profile("generic"), uri, 1, 200, 20, &err);
	assert_non_null(p);
	tui_test_set_scale(t, p, "scale-1");
	tui_test_key(t, 'u', &f->err);
	assert_string_equal(tui_test_top(t), "issue");
	enter(t, "HMS/A/01", &f->err);
	enter(t, "CC-MAINT", &f->err);
	enter(t, "", &f->err);
	enter(t, "CHM-BENT", &f->err);
	enter(t, "", &f->err);		/* the lot first to expire */
	/* More on the scale than the bin has: refused with the figures. */
	dev_sim_set_scale(v->sim, 412000, 0, 1, 0, 0, &err);
	wait_weight(t, "412 kg stable");
	tui_test_key(t, TUI_KEY_F(6), &f->err);
	if (strstr(tui_test_status(t), "only 300 KG") == NULL)
		fail_msg("status: %s", tui_test_status(t));
	dev_sim_set_scale(v->sim, 208500, 0, 0, 0, 0, &err);
	wait_weight(t, "208.5 kg moving");
	tui_test_key(t, TUI_KEY_F(6), &f->err);
	assert_non_null(strstr(tui_test_status(t), "moving"));
	dev_sim_set_scale(v->sim, 208500, 0, 1, 0, 0, &err);
	wait_weight(t, "208.5 kg stable");
	tui_test_key(t, TUI_KEY_F(6), &f->err);
	assert_non_null(strstr(tui_test_status(t), "weighed: 208.5"));
	assert_int_equal(f9(t, &f->err), 0);
	assert_non_null(strstr(tui_test_status(t), "posted"));
	assert_int_equal(fx_balance(f->w, "HMS/A/01", "CHM-BENT", "L-1"),
	    91500);
	tui_test_free(t);
	srv_stop(v);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
		    reading__kg_item__net_weight_in_its_unit, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(
		    reading__counted_by_weight__whole_pieces, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(
		    reading__not_a_settled_weight__refused_with_reason,
		    fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
		    receive__drum_weighed__refused_moving_then_stable,
		    fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
		    issue__drum_weighed__taken_against_the_bin, fx_setup,
		    fx_teardown),
	};

	return cmocka_run_group_tests_name("weigh", tests, NULL, NULL);
}
