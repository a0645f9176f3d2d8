/*
 * Tests of the screens that take stock out of a bin (issue, move, transfer
 * ship) and of receiving a transfer, through key() without a terminal.
 */
#include "tests/fixture.h"
#include "tests/tui-keys.h"

#include "lib/text.h"
#include "tui/editor-outgoing.h"
#include "tui/screen.h"
#include "tui/tui.h"

/* Home, the issue screen, and its header. */
static struct tui *
issue_started(struct fx *f)
{
	struct tui *t = logged_in_as(f, "sk");

	key(t, 'u', &f->err);
	assert_string_equal(tui_test_top(t), "issue");
	enter(t, "HMS/A/01", &f->err);
	enter(t, "CC-MAINT", &f->err);
	enter(t, "Eng. Samir", &f->err);
	return t;
}

static void
issue__lot_item__first_expiry_suggested_and_another_allowed(void **state)
{
	struct fx	*f = *state;
	struct tui	*t;
	struct tui_out	*o;

	fx_receive(f->w, "HMS/A/01", "CHM-BENT", 30000, "B-LATE",
	    "2031-01-01");
	fx_receive(f->w, "HMS/A/01", "CHM-BENT", 70000, "B-SOON",
	    "2030-01-01");
	t = issue_started(f);
	enter(t, "CHM-BENT", &f->err);
	o = tui_test_data(t);
	assert_int_equal(o->step, TUI_OUT_LOT);
	/* The lot to expire first is filled in, and said with its expiry. */
	assert_string_equal(o->in.text, "B-SOON");
	assert_non_null(strstr(o->info, "100 KG"));
	assert_non_null(strstr(o->info, "first to expire: B-SOON "
	    "(2030-01-01), 70 KG"));
	key(t, '\n', &f->err);
	assert_int_equal(o->step, TUI_OUT_QTY);
	enter(t, "2 BAG", &f->err);
	assert_int_equal(o->n, 1);
	assert_int_equal(o->lines[0].base, 50000);
	assert_int_equal(o->lines[0].avail, 70000);
	/* Another lot: typed over the suggestion. */
	enter(t, "CHM-BENT", &f->err);
	assert_string_equal(o->in.text, "B-SOON");
	enter(t, "B-LATE", &f->err);
	assert_string_equal(o->cur.lot, "B-LATE");
	enter(t, "5", &f->err);
	assert_int_equal(o->n, 2);
	assert_int_equal(f9(t, &f->err), 0);
	status_has(t, "posted HMS-ISS-");
	assert_int_equal(fx_balance(f->w, "HMS/A/01", "CHM-BENT", "B-SOON"),
	    20000);
	assert_int_equal(fx_balance(f->w, "HMS/A/01", "CHM-BENT", "B-LATE"),
	    25000);
	assert_int_equal(fx_balance(f->w, "@CC/CC-MAINT", "CHM-BENT",
	    "B-SOON"), 50000);
	assert_int_equal(fx_int(f->w, "SELECT count(*) FROM draft"), 0);
	assert_int_equal(fx_int(f->w, "SELECT count(*) FROM document WHERE "
	    "type = 'ISS' AND requester = 'Eng. Samir'"), 1);
	tui_test_free(t);
}

static void
issue__expired_lot__not_suggested_nor_taken(void **state)
{
	struct fx	*f = *state;
	struct tui	*t;
	struct tui_out	*o;

	fx_receive(f->w, "HMS/A/01", "CHM-BENT", 10000, "B-OLD",
	    "2020-01-01");
	fx_receive(f->w, "HMS/A/01", "CHM-BENT", 10000, "B-NEW",
	    "2031-01-01");
	t = issue_started(f);
	enter(t, "CHM-BENT", &f->err);
	o = tui_test_data(t);
	assert_string_equal(o->in.text, "B-NEW");
	key(t, TUI_KEY_BACKSPACE, &f->err);
	enter(t, "B-OLD", &f->err);
	status_has(t, "expired on 2020-01-01");
	assert_int_equal(o->step, TUI_OUT_LOT);
	/* What is available leaves the expired lot out, and says so. */
	if (strstr(o->info, "HMS/A/01: 10 KG;") == NULL ||
	    strstr(o->info, "; 10 expired") == NULL)
		fail_msg("info: %s", o->info);
	tui_test_free(t);
	/* A move does not propose the expired lot first either. */
	t = logged_in(f);
	key(t, 'm', &f->err);
	enter(t, "HMS/A/01", &f->err);
	enter(t, "HMS/A/02", &f->err);
	enter(t, "", &f->err);
	enter(t, "CHM-BENT", &f->err);
	o = tui_test_data(t);
	assert_string_equal(o->in.text, "B-NEW");
	tui_test_free(t);
}

static void
issue__more_than_available__refused_with_figures(void **state)
{
	struct fx	*f = *state;
	struct tui	*t;
	struct tui_out	*o;
	char		*before;

	fx_receive(f->w, "HMS/A/01", "P-100", 12000, NULL, NULL);
	t = issue_started(f);
	o = tui_test_data(t);
	assert_int_equal(f9(t, &f->err), 0);
	status_has(t, "nothing to post");
	enter(t, "6281000000017", &f->err);
	assert_non_null(strstr(o->info, "P-100 at HMS/A/01: 12 EA available"));
	before = fx_snapshot(f->w);
	enter(t, "20", &f->err);
	status_has(t, "only 12 EA of P-100 available at HMS/A/01, asked 20 EA");
	assert_int_equal(o->n, 0);
	assert_int_equal(o->step, TUI_OUT_QTY);
	assert_int_equal(f9(t, &f->err), 0);
	fx_unchanged(f->w, before);
	free(before);
	assert_int_equal(fx_balance(f->w, "HMS/A/01", "P-100", NULL), 12000);
	/* Two lines of the same item count together. */
	enter(t, "8", &f->err);
	enter(t, "P-100", &f->err);
	enter(t, "5", &f->err);
	status_has(t, "only 4 EA of P-100 available at HMS/A/01 (8 EA more on "
	    "earlier lines), asked 5 EA");
	assert_int_equal(o->n, 1);
	tui_test_free(t);
}

static void
issue__stock_gone_before_f9__line_marked_nothing_posted(void **state)
{
	struct fx	*f = *state;
	struct tui	*t;
	struct tui_out	*o;
	char		*before;

	fx_receive(f->w, "HMS/A/01", "P-100", 12000, NULL, NULL);
	t = issue_started(f);
	o = tui_test_data(t);
	enter(t, "P-100", &f->err);
	enter(t, "10", &f->err);
	assert_int_equal(o->n, 1);
	/* Another storekeeper takes 5 meanwhile. */
	fx_ok(fx_post1(f->w, WMS_DOC_ISSUE, "HMS/A/01", "CC-MAINT", "P-100",
	    5000, NULL, NULL, NULL, -1, NULL, &f->err), &f->err);
	before = fx_snapshot(f->w);
	assert_int_equal(f9(t, &f->err), 0);
	status_has(t, "line 1: only 7 EA of P-100 available at HMS/A/01, "
	    "asked 10 EA: nothing was posted");
	assert_true(o->lines[0].bad);
	assert_int_equal(o->lines[0].avail, 7000);
	fx_unchanged(f->w, before);
	free(before);
	assert_int_equal(fx_balance(f->w, "HMS/A/01", "P-100", NULL), 7000);
	tui_test_free(t);
}

static void
issue__closed_terminal__draft_taken_up(void **state)
{
	struct fx	*f = *state;
	struct tui	*t;

	fx_receive(f->w, "HMS/A/01", "P-100", 12000, NULL, NULL);
	t = issue_started(f);
	enter(t, "P-100", &f->err);
	enter(t, "3", &f->err);
	tui_test_free(t);
	assert_int_equal(fx_balance(f->w, "HMS/A/01", "P-100", NULL), 12000);
	t = logged_in_as(f, "sk");
	key(t, 'u', &f->err);
	status_has(t, "draft taken up: 1 lines");
	assert_int_equal(((struct tui_out *)tui_test_data(t))->step,
	    TUI_OUT_ITEM);
	assert_int_equal(f9(t, &f->err), 0);
	status_has(t, "posted HMS-ISS-");
	assert_int_equal(fx_balance(f->w, "HMS/A/01", "P-100", NULL), 9000);
	/* The receipt's draft is another kind: untouched by the issue. */
	assert_int_equal(fx_int(f->w, "SELECT count(*) FROM draft"), 0);
	tui_test_free(t);
}

static void
issue__serials__scanned_or_next_taken(void **state)
{
	struct fx		*f = *state;
	struct tui		*t;
	static const char *const sn[] = { "SN-1", "SN-2", "SN-3" };

	fx_ok(fx_receive_serials(f->w, "HMS/A/01", "VLV-8", sn, 3, 3000, NULL,
	    &f->err), &f->err);
	t = issue_started(f);
	enter(t, "VLV-8", &f->err);
	enter(t, "2", &f->err);
	enter(t, "SN-3", &f->err);
	enter(t, "SN-3", &f->err);
	status_has(t, "given twice");
	enter(t, "", &f->err);
	assert_int_equal(f9(t, &f->err), 0);
	status_has(t, "posted HMS-ISS-");
	assert_int_equal(fx_balance(f->w, "HMS/A/01", "VLV-8", "SN-1"), 0);
	assert_int_equal(fx_balance(f->w, "HMS/A/01", "VLV-8", "SN-2"), 1000);
	assert_int_equal(fx_balance(f->w, "HMS/A/01", "VLV-8", "SN-3"), 0);
	tui_test_free(t);
}

static void
move__between_bins__posted(void **state)
{
	struct fx	*f = *state;
	struct tui	*t;

	fx_receive(f->w, "HMS/A/01", "P-100", 10000, NULL, NULL);
	t = logged_in_as(f, "sk");
	key(t, 'm', &f->err);
	assert_string_equal(tui_test_top(t), "move");
	enter(t, "HMS/A/01", &f->err);
	enter(t, "BNS/A/01", &f->err);
	status_has(t, "different depots");
	enter(t, "HMS/A/02", &f->err);
	enter(t, "", &f->err);
	enter(t, "P-100", &f->err);
	enter(t, "11", &f->err);
	status_has(t, "only 10 EA of P-100 available at HMS/A/01, asked 11");
	enter(t, "4", &f->err);
	assert_int_equal(f9(t, &f->err), 0);
	status_has(t, "posted HMS-MOV-");
	assert_int_equal(fx_balance(f->w, "HMS/A/01", "P-100", NULL), 6000);
	assert_int_equal(fx_balance(f->w, "HMS/A/02", "P-100", NULL), 4000);
	tui_test_free(t);
}

static void
transfer__shipped_then_received_in_part_then_in_full(void **state)
{
	struct fx	*f = *state;
	struct tui	*t;

	fx_receive(f->w, "HMS/A/01", "P-100", 10000, NULL, NULL);
	fx_receive(f->w, "HMS/A/01", "CHM-BENT", 40000, "B-1", "2031-01-01");
	t = logged_in_as(f, "sk");
	key(t, 't', &f->err);
	assert_string_equal(tui_test_top(t), "transfer");
	key(t, 's', &f->err);
	assert_string_equal(tui_test_top(t), "ship");
	enter(t, "HMS/A/01", &f->err);
	enter(t, "HMS", &f->err);
	status_has(t, "another depot");
	enter(t, "BNS", &f->err);
	enter(t, "TRIP-4", &f->err);
	enter(t, "P-100", &f->err);
	enter(t, "6", &f->err);
	enter(t, "CHM-BENT", &f->err);
	enter(t, "", &f->err);	/* the suggested lot, B-1 */
	enter(t, "1 BAG", &f->err);
	assert_int_equal(f9(t, &f->err), 0);
	status_has(t, "posted HMS-TRF-");
	assert_int_equal(fx_balance(f->w, "BNS/@TRANSIT", "P-100", NULL),
	    6000);
	key(t, TUI_KEY_ESC, &f->err);
	assert_string_equal(tui_test_top(t), "transfer");

	/* In part: 4 of the 6 valves, none of the bentonite. */
	key(t, TUI_KEY_DOWN, &f->err);	/* the list is read again first */
	key(t, '\n', &f->err);
	enter(t, "HMS/A/02", &f->err);
	status_has(t, "goes to depot BNS");
	enter(t, "BNS/A/01", &f->err);
	enter(t, "7", &f->err);
	status_has(t, "has 6 EA of P-100 in transit, 7 received");
	enter(t, "4", &f->err);
	enter(t, "0", &f->err);
	assert_int_equal(f9(t, &f->err), 0);
	status_has(t, "received in part at BNS/A/01");
	assert_int_equal(fx_balance(f->w, "BNS/A/01", "P-100", NULL), 4000);
	assert_int_equal(fx_balance(f->w, "BNS/@TRANSIT", "P-100", NULL),
	    2000);
	assert_int_equal(fx_balance(f->w, "BNS/@TRANSIT", "CHM-BENT", "B-1"),
	    25000);

	/* The rest, in full, to a bin looked up with F2. */
	key(t, '\n', &f->err);
	key(t, TUI_KEY_F(2), &f->err);
	assert_string_equal(tui_test_top(t), "pick");
	type(t, "BNS/A/01", &f->err);
	key(t, '\n', &f->err);
	assert_string_equal(tui_test_top(t), "transfer");
	key(t, '\n', &f->err);
	assert_int_equal(f9(t, &f->err), 0);
	status_has(t, "received in full at BNS/A/01");
	assert_int_equal(fx_balance(f->w, "BNS/A/01", "P-100", NULL), 6000);
	assert_int_equal(fx_balance(f->w, "BNS/A/01", "CHM-BENT", "B-1"),
	    25000);
	assert_int_equal(fx_int(f->w, "SELECT count(*) FROM document WHERE "
	    "type = 'TRF' AND status = 'received'"), 1);
	key(t, '\n', &f->err);
	status_has(t, "no transfer is in transit");
	tui_test_free(t);
}

static void
roles__auditor__no_keys_to_post(void **state)
{
	struct fx			*f = *state;
	struct tui			*t;
	const struct tui_binding	*b;
	int				 shown = 0;

	t = logged_in_as(f, "aud");
	for (b = tui_screen_home.keys; b->key != 0; b++)
		shown += tui_binding_ok(t, b);
	/* Transfers and counts (to look), reports, the audit log, a
	 * document by number, items, refresh and log out; no receive,
	 * issue, move, count or admin. */
	assert_int_equal(shown, 8);
	key(t, 'u', &f->err);
	assert_string_equal(tui_test_top(t), "home");
	status_has(t, "not allowed");
	key(t, 'm', &f->err);
	assert_string_equal(tui_test_top(t), "home");
	key(t, 't', &f->err);
	assert_string_equal(tui_test_top(t), "transfer");
	key(t, 's', &f->err);
	assert_string_equal(tui_test_top(t), "transfer");
	status_has(t, "not allowed");
	tui_test_free(t);

	t = logged_in_as(f, "sk");
	shown = 0;
	for (b = tui_screen_home.keys; b->key != 0; b++)
		shown += tui_binding_ok(t, b);
	/* All but admin. */
	assert_int_equal(shown, 11);
	tui_test_free(t);
}

int
main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, fx_setup, fx_teardown)
	const struct CMUnitTest tests[] = {
		T(issue__lot_item__first_expiry_suggested_and_another_allowed),
		T(issue__expired_lot__not_suggested_nor_taken),
		T(issue__more_than_available__refused_with_figures),
		T(issue__stock_gone_before_f9__line_marked_nothing_posted),
		T(issue__closed_terminal__draft_taken_up),
		T(issue__serials__scanned_or_next_taken),
		T(move__between_bins__posted),
		T(transfer__shipped_then_received_in_part_then_in_full),
		T(roles__auditor__no_keys_to_post),
	};
#undef T

	return cmocka_run_group_tests_name("tui-ops", tests, NULL, NULL);
}
