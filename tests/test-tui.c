/* Tests of the terminal UI's screens through key(), without a terminal. */
#include <ctype.h>

#include "tests/fixture.h"
#include "tests/tui-keys.h"
#include "tests/printer.h"

#include "lib/text.h"
#include "tui/screen.h"
#include "tui/tui.h"

static void
login__right_password__home_screen(void **state)
{
	struct fx	*f = *state;
	struct tui	*t;

	t = logged_in(f);
	assert_string_equal(wms_user_name(f->w), "sk");
	tui_test_free(t);
}

static void
login__wrong_password__stays_and_says_why(void **state)
{
	struct fx	*f = *state;
	struct tui	*t;

	t = tui_test_new(f->w, "en", &tui_screen_login, NULL, &f->err);
	assert_non_null(t);
	type(t, "sk", &f->err);
	tui_test_key(t, '\n', &f->err);
	type(t, "not-the-password", &f->err);
	tui_test_key(t, '\n', &f->err);
	assert_string_equal(tui_test_top(t), "login");
	assert_non_null(strstr(tui_test_status(t), "wrong user name or "
	    "password"));
	tui_test_free(t);
}

static void
items__search_as_you_type__folds_arabic_and_opens_card(void **state)
{
	struct fx	*f = *state;
	struct tui	*t;

	/* CHM-BENT's Arabic name is "بنتونيت"; typed with a hamza form of
	 * nothing, and with tashkeel, it is found all the same. */
	t = logged_in(f);
	assert_int_equal(tui_test_key(t, 'i', &f->err), 0);
	assert_string_equal(tui_test_top(t), "items");
	type(t, "بِنتونيت", &f->err);
	assert_int_equal(tui_test_key(t, '\n', &f->err), 0);
	assert_string_equal(tui_test_top(t), "item");
	assert_int_equal(tui_test_key(t, TUI_KEY_ESC, &f->err), 0);
	assert_string_equal(tui_test_top(t), "items");
	assert_int_equal(tui_test_key(t, TUI_KEY_ESC, &f->err), 0);
	assert_string_equal(tui_test_top(t), "home");
	tui_test_free(t);
}

static void
items__no_match__enter_stays(void **state)
{
	struct fx	*f = *state;
	struct tui	*t;

	t = logged_in(f);
	tui_test_key(t, 'i', &f->err);
	type(t, "zzzz-nothing", &f->err);
	assert_int_equal(tui_test_key(t, '\n', &f->err), 0);
	assert_string_equal(tui_test_top(t), "items");
	tui_test_free(t);
}

static void
receive__three_lines_scanned__posted_whole(void **state)
{
	struct fx	*f = *state;
	struct tui	*t;

	t = logged_in(f);
	tui_test_key(t, 'r', &f->err);
	assert_string_equal(tui_test_top(t), "receive");
	enter(t, "HMS/A/01", &f->err);
	enter(t, "ACME", &f->err);
	enter(t, "PO-7", &f->err);
	enter(t, "P-100", &f->err);
	enter(t, "5", &f->err);
	enter(t, "CHM-BENT", &f->err);
	enter(t, "2 BAG", &f->err);
	enter(t, "B-9", &f->err);
	enter(t, "", &f->err);
	enter(t, "P-100", &f->err);
	enter(t, "3", &f->err);
	assert_int_equal(fx_balance(f->w, "HMS/A/01", "P-100", NULL), 0);
	assert_int_equal(f9(t, &f->err), 0);
	assert_non_null(strstr(tui_test_status(t), "HMS-GRN-"));
	assert_int_equal(fx_balance(f->w, "HMS/A/01", "P-100", NULL), 8000);
	assert_int_equal(fx_balance(f->w, "HMS/A/01", "CHM-BENT", "B-9"),
	    50000);
	/* Posted: the draft is gone. */
	assert_int_equal(fx_int(f->w, "SELECT count(*) FROM draft"), 0);
	tui_test_free(t);
}

static void
receive__closed_terminal__draft_taken_up(void **state)
{
	struct fx	*f = *state;
	struct tui	*t;

	t = logged_in(f);
	tui_test_key(t, 'r', &f->err);
	enter(t, "HMS/A/01", &f->err);
	enter(t, "", &f->err);
	enter(t, "", &f->err);
	enter(t, "P-100", &f->err);
	enter(t, "4", &f->err);
	/* The terminal is gone: nothing posted, the draft is kept. */
	tui_test_free(t);
	assert_int_equal(fx_balance(f->w, "HMS/A/01", "P-100", NULL), 0);
	t = logged_in(f);
	tui_test_key(t, 'r', &f->err);
	assert_non_null(strstr(tui_test_status(t), "1 lines"));
	assert_int_equal(f9(t, &f->err), 0);
	assert_int_equal(fx_balance(f->w, "HMS/A/01", "P-100", NULL), 4000);
	tui_test_free(t);
}

static void
receive__refused__says_why_and_writes_nothing(void **state)
{
	struct fx	*f = *state;
	struct tui	*t;
	char		*before;

	t = logged_in(f);
	tui_test_key(t, 'r', &f->err);
	enter(t, "HMS/Z/99", &f->err);
	assert_non_null(strstr(tui_test_status(t), "unknown location"));
	enter(t, "HMS/A/01", &f->err);
	enter(t, "", &f->err);
	enter(t, "", &f->err);
	enter(t, "NO-SUCH", &f->err);
	if (strstr(tui_test_status(t), "unknown item") == NULL)
		fail_msg("status: %s", tui_test_status(t));
	enter(t, "P-100", &f->err);
	enter(t, "abc", &f->err);
	assert_non_null(strstr(tui_test_status(t), "bad quantity"));
	enter(t, "1", &f->err);
	/* A serial-tracked valve without its serial: not posted. */
	enter(t, "VLV-8", &f->err);
	enter(t, "1", &f->err);
	before = fx_snapshot(f->w);
	assert_int_equal(f9(t, &f->err), 0);
	assert_non_null(strstr(tui_test_status(t), "finish the line of "
	    "VLV-8"));
	fx_unchanged(f->w, before);
	/* A line only the core refuses: lot L-1 exists with another
	 * expiry. */
	enter(t, "SN-9", &f->err);
	tui_test_key(t, TUI_KEY_F(8), &f->err);
	fx_receive(f->w, "HMS/A/02", "CHM-BENT", 1000, "L-1", "2027-01-01");
	enter(t, "CHM-BENT", &f->err);
	enter(t, "5", &f->err);
	enter(t, "L-1", &f->err);
	enter(t, "2028-01-01", &f->err);
	free(before);
	before = fx_snapshot(f->w);
	assert_int_equal(f9(t, &f->err), 0);
	assert_non_null(strstr(tui_test_status(t), "nothing was written"));
	fx_unchanged(f->w, before);
	free(before);
	tui_test_free(t);
}

static void
field__arabic_and_backspace__whole_code_points(void **state)
{
	struct tui_field	f;

	(void)state;
	memset(&f, 0, sizeof f);
	assert_int_equal(tui_field_key(&f, 0x0635), TUI_HANDLED | TUI_REDRAW);
	assert_int_equal(tui_field_key(&f, 'A'), TUI_HANDLED | TUI_REDRAW);
	assert_string_equal(f.text, "\xd8\xb5" "A");
	assert_int_equal(tui_field_key(&f, TUI_KEY_BACKSPACE),
	    TUI_HANDLED | TUI_REDRAW);
	assert_int_equal(tui_field_key(&f, TUI_KEY_BS),
	    TUI_HANDLED | TUI_REDRAW);
	assert_string_equal(f.text, "");
	assert_int_equal(tui_field_key(&f, TUI_KEY_BACKSPACE), TUI_IGNORED);
	/* Controls and function keys are not text. */
	assert_int_equal(tui_field_key(&f, 0x1b), TUI_IGNORED);
	assert_int_equal(tui_field_key(&f, TUI_KEY_F(2)), TUI_IGNORED);
	assert_int_equal(f.len, 0);
}

static void
sparkline__levels_and_width(void **state)
{
	int64_t	v[8] = { 0, 1000, 2000, 3000, 4000, 5000, 6000, 7000 };
	int64_t	flat[3] = { 5, 5, 5 };
	char	out[64];

	(void)state;
	assert_int_equal(tui_sparkline(v, 8, 8, out, sizeof out), 8);
	assert_string_equal(out, "▁▂▃▄▅▆▇█");
	/* Four cells of two days: each shows its second day. */
	assert_int_equal(tui_sparkline(v, 8, 4, out, sizeof out), 4);
	assert_string_equal(out, "▂▄▆█");
	/* Never wider than the values; a flat line at the top. */
	assert_int_equal(tui_sparkline(flat, 3, 80, out, sizeof out), 3);
	assert_string_equal(out, "███");
	/* Too little room: as many cells as fit. */
	assert_int_equal(tui_sparkline(v, 8, 8, out, 10), 3);
	assert_int_equal(strlen(out), 9);
}

static void
card__ninety_days__balance_each_day(void **state)
{
	struct fx	*f = *state;
	struct tui	*t;
	int64_t		*days;

	/* 40 received today, 15 issued: today's balance 25, 0 before. */
	t = logged_in(f);
	fx_receive(f->w, "HMS/A/01", "P-100", 40000, NULL, NULL);
	fx_ok(fx_post1(f->w, WMS_DOC_ISSUE, "HMS/A/01", "CC-MAINT", "P-100",
	    15000, NULL, NULL, NULL, -1, NULL, &f->err), &f->err);
	tui_test_key(t, 'i', &f->err);
	type(t, "P-100", &f->err);
	tui_test_key(t, '\n', &f->err);
	assert_string_equal(tui_test_top(t), "item");
	/* struct card starts with the item, the two reports, the days. */
	days = (int64_t *)((char *)tui_test_data(t) + sizeof(struct db_item) +
	    2 * sizeof(void *));
	assert_int_equal(days[0], 0);
	assert_int_equal(days[88], 0);
	assert_int_equal(days[89], 25000);
	tui_test_free(t);
}

static void
scan__from_home_and_card__jumps(void **state)
{
	struct fx		*f = *state;
	struct tui		*t;
	struct db_item		*it;
	char			 number[WMS_NUMBER_MAX];

	t = logged_in(f);
	/* A keyboard scanner on home: digits then Enter, no menu key. */
	type(t, "6281000000017", &f->err);
	assert_string_equal(tui_test_top(t), "home");
	assert_int_equal(tui_test_key(t, '\n', &f->err), 0);
	if (strcmp(tui_test_top(t), "item") != 0)
		fail_msg("status: %s", tui_test_status(t));
	it = tui_test_data(t);
	assert_string_equal(it->code, "P-100");
	/* The fixed scanner on the card, which asks for none: dropped,
	 * said in the status line, the card stays. */
	assert_int_equal(tui_scan(t, "CHM-BENT", &f->err), 0);
	assert_string_equal(tui_test_top(t), "item");
	it = tui_test_data(t);
	assert_string_equal(it->code, "P-100");
	assert_non_null(strstr(tui_test_status(t), "not taken"));
	tui_test_key(t, TUI_KEY_ESC, &f->err);
	assert_string_equal(tui_test_top(t), "home");
	/* On home a fixed read waits in the scan field for Enter: GS1 data
	 * names the item by the company's AI 91. */
	assert_int_equal(tui_scan(t, "(91)CHM-BENT(10)L-1(17)271231", &f->err),
	    0);
	assert_string_equal(tui_test_top(t), "home");
	tui_test_key(t, '\n', &f->err);
	assert_string_equal(tui_test_top(t), "item");
	it = tui_test_data(t);
	assert_string_equal(it->code, "CHM-BENT");
	tui_test_key(t, TUI_KEY_ESC, &f->err);
	/* A location: what the bin holds, the stock report filtered. */
	tui_scan(t, "HMS/A/01", &f->err);
	tui_test_key(t, '\n', &f->err);
	assert_string_equal(tui_test_top(t), "reports");
	tui_test_key(t, TUI_KEY_ESC, &f->err);
	/* A transfer in transit: its receipt; a receipt: named. */
	fx_receive(f->w, "HMS/A/01", "P-100", 5000, NULL, NULL);
	fx_ok(fx_post1(f->w, WMS_DOC_TRANSFER, "HMS/A/01", "BNS", "P-100",
	    2000, NULL, NULL, NULL, -1, number, &f->err), &f->err);
	tui_scan(t, number, &f->err);
	tui_test_key(t, '\n', &f->err);
	assert_string_equal(tui_test_top(t), "transfer");
	tui_test_key(t, TUI_KEY_ESC, &f->err);
	tui_test_key(t, TUI_KEY_ESC, &f->err);
	assert_string_equal(tui_test_top(t), "home");
	tui_scan(t, "HMS-GRN-2026-000001", &f->err);
	tui_test_key(t, '\n', &f->err);
	assert_string_equal(tui_test_top(t), "home");
	assert_non_null(strstr(tui_test_status(t), "GRN"));
	/* A code nobody knows: said in the status line. */
	tui_scan(t, "NO-SUCH-THING", &f->err);
	tui_test_key(t, '\n', &f->err);
	assert_string_equal(tui_test_top(t), "home");
	assert_non_null(strstr(tui_test_status(t), "NO-SUCH-THING"));
	/* A keyboard scan cancelled with Esc leaves home as it was. */
	type(t, "628", &f->err);
	tui_test_key(t, TUI_KEY_ESC, &f->err);
	assert_string_equal(tui_test_top(t), "home");
	tui_test_key(t, 'i', &f->err);
	assert_string_equal(tui_test_top(t), "items");
	tui_test_free(t);
}

static void
receive__location_scanned_at_item__goods_go_there(void **state)
{
	struct fx	*f = *state;
	struct tui	*t;

	t = logged_in(f);
	tui_test_key(t, 'r', &f->err);
	enter(t, "HMS/A/01", &f->err);
	enter(t, "", &f->err);
	enter(t, "", &f->err);
	enter(t, "HMS/A/02", &f->err);
	/* Asked first: Esc keeps the bin, Enter changes it. */
	tui_test_key(t, TUI_KEY_ESC, &f->err);
	assert_non_null(strstr(tui_test_status(t), "still go to HMS/A/01"));
	assert_string_equal(tui_test_top(t), "receive");
	enter(t, "HMS/A/02", &f->err);
	tui_test_key(t, '\n', &f->err);
	assert_non_null(strstr(tui_test_status(t), "go to HMS/A/02"));
	enter(t, "P-100", &f->err);
	enter(t, "3", &f->err);
	assert_int_equal(f9(t, &f->err), 0);
	assert_non_null(strstr(tui_test_status(t), "posted"));
	assert_int_equal(fx_balance(f->w, "HMS/A/02", "P-100", NULL), 3000);
	assert_int_equal(fx_balance(f->w, "HMS/A/01", "P-100", NULL), 0);
	tui_test_free(t);
}

static void
receive__serials_and_cost__posted(void **state)
{
	struct fx	*f = *state;
	struct tui	*t;

	t = logged_in(f);
	tui_test_key(t, 'r', &f->err);
	enter(t, "HMS/A/01", &f->err);
	enter(t, "", &f->err);
	enter(t, "", &f->err);
	/* Two valves: a serial each, scanned; a repeat is refused. */
	enter(t, "VLV-8", &f->err);
	enter(t, "2", &f->err);
	enter(t, "SN-001", &f->err);
	enter(t, "SN-001", &f->err);
	assert_non_null(strstr(tui_test_status(t), "on this line already"));
	enter(t, "SN-002", &f->err);
	/* F7: the unit cost of the line just added. */
	assert_int_equal(tui_test_key(t, TUI_KEY_F(7), &f->err), 0);
	enter(t, "12x", &f->err);
	assert_true(strlen(tui_test_status(t)) > 0);
	enter(t, "1500.50", &f->err);
	/* Half a valve cannot have a serial. */
	enter(t, "VLV-8", &f->err);
	enter(t, "0.5", &f->err);
	assert_non_null(strstr(tui_test_status(t), "whole units"));
	tui_test_key(t, TUI_KEY_ESC, &f->err);
	/* The draft kept all of it: taken up, then posted. */
	tui_test_key(t, 'r', &f->err);
	assert_int_equal(f9(t, &f->err), 0);
	if (strstr(tui_test_status(t), "posted") == NULL)
		fail_msg("status: %s", tui_test_status(t));
	assert_int_equal(fx_balance(f->w, "HMS/A/01", "VLV-8", "SN-001"),
	    1000);
	assert_int_equal(fx_balance(f->w, "HMS/A/01", "VLV-8", "SN-002"),
	    1000);
	/* 2 valves at 1,500.50: a stock value of 3,001.00 (minor units). */
	assert_int_equal(fx_int(f->w, "SELECT value FROM item_cost c JOIN "
	    "item i ON i.id = c.item_id WHERE i.code = 'VLV-8'"), 300100);
	tui_test_free(t);
}

static void
home__auditor__may_not_receive(void **state)
{
	struct fx		*f = *state;
	struct tui_login_arg	 arg = { "aud", NULL };
	struct tui		*t;

	t = tui_test_new(f->w, "en", &tui_screen_login, &arg, &f->err);
	assert_non_null(t);
	type(t, FX_PASSWORD, &f->err);
	tui_test_key(t, '\n', &f->err);
	assert_string_equal(tui_test_top(t), "home");
	tui_test_key(t, 'r', &f->err);
	assert_string_equal(tui_test_top(t), "home");
	assert_non_null(strstr(tui_test_status(t), "auditor"));
	tui_test_key(t, TUI_KEY_F(2), &f->err);
	assert_string_equal(tui_test_top(t), "home");
	/* Looking items up is for everyone. */
	tui_test_key(t, 'i', &f->err);
	assert_string_equal(tui_test_top(t), "items");
	tui_test_free(t);
}

static void
keybar__narrow_terminal__quit_always_shown(void **state)
{
	struct fx	*f = *state;
	struct tui	*t;
	char		 bar[512];

	t = logged_in(f);
	tui_test_keybar(t, 200, bar, sizeof bar);
	assert_non_null(strstr(bar, "R receive"));
	assert_non_null(strstr(bar, "F5 refresh"));
	assert_null(strstr(bar, "…"));
	assert_non_null(strstr(bar, "F10 quit"));
	/* 60 columns: the first keys, a mark for the rest, then F10. */
	tui_test_keybar(t, 60, bar, sizeof bar);
	assert_true(wms_text_width(bar) <= 60);
	assert_non_null(strstr(bar, "R receive"));
	assert_null(strstr(bar, "F5 refresh"));
	assert_non_null(strstr(bar, "…"));
	assert_non_null(strstr(bar, "F10 quit"));
	tui_test_free(t);
}

static void
labels__receipt_and_card__sent_to_the_printer(void **state)
{
	struct fx	*f = *state;
	struct printer	*p = printer_start();
	struct tui	*t;
	char		 uri[64], none[64];
	int		 port;

	/* The templates of the source tree (tests run from its top). */
	setenv("MAKHZAN_TEMPLATES", "labels/templates", 1);
	t = logged_in(f);
	tui_test_key(t, 'r', &f->err);
	/* No printer set: F4 says how to set one. */
	enter(t, "HMS/A/01", &f->err);
	enter(t, "", &f->err);
	enter(t, "", &f->err);
	enter(t, "CHM-BENT", &f->err);
	enter(t, "2 BAG", &f->err);
	enter(t, "B-9", &f->err);
	enter(t, "", &f->err);
	tui_test_key(t, TUI_KEY_F(4), &f->err);
	status_has(t, "post the receipt first");
	assert_int_equal(f9(t, &f->err), 0);
	status_has(t, "F4: its labels");
	/* No printer set: F4 offers a PDF file; a file name of no known
	 * kind is refused; the file is written, a label a bag. */
	tui_test_key(t, TUI_KEY_F(4), &f->err);
	{
		char	 file[300], *q;
		FILE	*fp;
		int	 i;

		snprintf(file, sizeof file, "%s-labels.txt", f->path);
		for (i = 0; i < 40; i++)
			key(t, TUI_KEY_BACKSPACE, &f->err);
		type(t, file, &f->err);
		key(t, '\n', &f->err);
		status_has(t, "give a file ending in .pdf");
		q = strrchr(file, '.');
		for (i = 0; i < 3; i++)
			key(t, TUI_KEY_BACKSPACE, &f->err);
		type(t, "pdf", &f->err);
		memcpy(q, ".pdf", 5);
		key(t, '\n', &f->err);
		status_has(t, "2 labels written to");
		assert_non_null(fp = fopen(file, "rb"));
		fclose(fp);
		unlink(file);
	}
	/* A printer that is off: said, and Enter again prints. */
	port = p->port;
	{
		struct printer *off = printer_start();

		snprintf(none, sizeof none, "tcp://127.0.0.1:%d", off->port);
		printer_stop(off);
	}
	tui_test_set_printer(t, none);
	tui_test_key(t, TUI_KEY_F(4), &f->err);
	key(t, '\n', &f->err);
	status_has(t, "not printed");
	key(t, TUI_KEY_ESC, &f->err);
	snprintf(uri, sizeof uri, "tcp://127.0.0.1:%d", port);
	tui_test_set_printer(t, uri);
	tui_test_key(t, TUI_KEY_F(4), &f->err);
	key(t, '\n', &f->err);
	/* Two bags received: two labels, ZPL, with the lot in them. */
	status_has(t, "2 labels sent");
	assert_int_equal(printer_wait(p, 1), 1);
	pthread_mutex_lock(&p->lock);
	assert_non_null(strstr(p->got, "^XA"));
	assert_non_null(strstr(p->got, "B-9"));
	pthread_mutex_unlock(&p->lock);
	/* The item card: its label, and its lots'. */
	tui_test_key(t, TUI_KEY_ESC, &f->err);
	tui_test_key(t, 'i', &f->err);
	type(t, "CHM-BENT", &f->err);
	tui_test_key(t, '\n', &f->err);
	assert_string_equal(tui_test_top(t), "item");
	tui_test_key(t, TUI_KEY_F(4), &f->err);
	status_has(t, "1 labels sent");
	tui_test_key(t, 'l', &f->err);
	status_has(t, "labels of 1 lots sent");
	assert_int_equal(printer_wait(p, 3), 3);
	tui_test_free(t);
	printer_stop(p);
}

static void
home__escape__stays_f10_asks(void **state)
{
	struct fx	*f = *state;
	struct tui	*t;

	t = logged_in(f);
	/* Esc ten times from a receipt: back to home, and home stays. */
	tui_test_key(t, 'r', &f->err);
	assert_string_equal(tui_test_top(t), "receive");
	enter(t, "HMS/A/01", &f->err);
	enter(t, "", &f->err);
	enter(t, "", &f->err);
	enter(t, "P-100", &f->err);
	enter(t, "2", &f->err);
	for (int i = 0; i < 10; i++)
		assert_int_equal(tui_test_key(t, TUI_KEY_ESC, &f->err), 0);
	assert_string_equal(tui_test_top(t), "home");
	assert_int_equal(tui_test_quit(t), 0);
	tui_test_key(t, 'i', &f->err);
	assert_string_equal(tui_test_top(t), "items");
	tui_test_key(t, TUI_KEY_ESC, &f->err);
	/* A draft is waiting: F10 asks; another key stays. */
	tui_test_key(t, TUI_KEY_F(10), &f->err);
	assert_int_equal(tui_test_quit(t), 0);
	assert_non_null(strstr(tui_test_status(t), "Quit?"));
	tui_test_key(t, 'n', &f->err);
	assert_int_equal(tui_test_quit(t), 0);
	/* F10 twice quits. */
	tui_test_key(t, TUI_KEY_F(10), &f->err);
	tui_test_key(t, TUI_KEY_F(10), &f->err);
	assert_int_equal(tui_test_quit(t), 1);
	tui_test_free(t);
}

/* F9 shows the summary; Esc goes back to the document; F9 twice posts. */
static void
receive__f9_summary__then_posts(void **state)
{
	struct fx	*f = *state;
	struct tui	*t;
	char		*before;

	t = logged_in(f);
	tui_test_key(t, 'r', &f->err);
	enter(t, "HMS/A/01", &f->err);
	enter(t, "", &f->err);
	enter(t, "", &f->err);
	enter(t, "P-100", &f->err);
	enter(t, "4", &f->err);
	before = fx_snapshot(f->w);
	key(t, TUI_KEY_F(9), &f->err);
	assert_string_equal(tui_test_top(t), "confirm");
	fx_unchanged(f->w, before);
	key(t, TUI_KEY_ESC, &f->err);
	assert_string_equal(tui_test_top(t), "receive");
	fx_unchanged(f->w, before);
	free(before);
	key(t, TUI_KEY_F(9), &f->err);
	key(t, TUI_KEY_F(9), &f->err);
	assert_string_equal(tui_test_top(t), "receive");
	status_has(t, "posted HMS-GRN-");
	assert_int_equal(fx_balance(f->w, "HMS/A/01", "P-100", NULL), 4000);
	/* F3 offers its voucher: written once reports/pdf.c is linked in,
	 * else said that the build has none. */
	key(t, TUI_KEY_F(3), &f->err);
	if (strstr(tui_test_status(t), "not in this build") == NULL) {
		const char *w = strstr(tui_test_status(t), "written to ");

		status_has(t, "voucher of HMS-GRN-");
		if (w != NULL)
			unlink(w + strlen("written to "));
	}
	tui_test_free(t);
}

/* F2 at a code field: a look-up by name that fills the field. */
static void
lookup__item_by_arabic_name__fills_the_field(void **state)
{
	struct fx	*f = *state;
	struct tui	*t;

	t = logged_in(f);
	tui_test_key(t, 'r', &f->err);
	key(t, TUI_KEY_F(2), &f->err);
	assert_string_equal(tui_test_top(t), "pick");
	type(t, "HMS/A/01", &f->err);
	key(t, '\n', &f->err);
	assert_string_equal(tui_test_top(t), "receive");
	key(t, '\n', &f->err);
	enter(t, "", &f->err);
	enter(t, "", &f->err);
	key(t, TUI_KEY_F(2), &f->err);
	assert_string_equal(tui_test_top(t), "pick");
	type(t, "بنتونيت", &f->err);
	key(t, '\n', &f->err);
	assert_string_equal(tui_test_top(t), "receive");
	key(t, '\n', &f->err);
	enter(t, "3", &f->err);
	enter(t, "LK-1", &f->err);
	enter(t, "", &f->err);
	assert_int_equal(f9(t, &f->err), 0);
	status_has(t, "posted");
	assert_int_equal(fx_balance(f->w, "HMS/A/01", "CHM-BENT", "LK-1"),
	    3000);
	/* The issue's cost centre, looked up. */
	key(t, TUI_KEY_ESC, &f->err);
	tui_test_key(t, 'u', &f->err);
	enter(t, "HMS/A/01", &f->err);
	key(t, TUI_KEY_F(2), &f->err);
	assert_string_equal(tui_test_top(t), "pick");
	type(t, "MAINT", &f->err);
	key(t, '\n', &f->err);
	assert_string_equal(tui_test_top(t), "issue");
	key(t, '\n', &f->err);
	if (strstr(tui_test_status(t), "unknown cost centre") != NULL)
		fail_msg("status: %s", tui_test_status(t));
	tui_test_free(t);
}

/*
 * A fixed scan during the quantity prompt: not taken, said, nothing typed
 * into the prompt; the quantity typed after it is the line's.
 */
static void
receive__scan_at_quantity__dropped(void **state)
{
	struct fx	*f = *state;
	struct tui	*t;

	t = logged_in(f);
	tui_test_key(t, 'r', &f->err);
	enter(t, "HMS/A/01", &f->err);
	enter(t, "", &f->err);
	enter(t, "", &f->err);
	enter(t, "P-100", &f->err);
	assert_int_equal(tui_scan(t, "HMS/A/02", &f->err), 0);
	status_has(t, "not taken: this prompt takes no scan");
	assert_string_equal(tui_test_top(t), "receive");
	enter(t, "3", &f->err);
	assert_int_equal(f9(t, &f->err), 0);
	status_has(t, "posted");
	assert_int_equal(fx_balance(f->w, "HMS/A/01", "P-100", NULL), 3000);
	assert_int_equal(fx_balance(f->w, "HMS/A/02", "P-100", NULL), 0);
	/* At the item, a fixed scan is taken: typed, then Enter. */
	assert_int_equal(tui_scan(t, "P-100", &f->err), 0);
	enter(t, "2", &f->err);
	assert_int_equal(f9(t, &f->err), 0);
	assert_int_equal(fx_balance(f->w, "HMS/A/01", "P-100", NULL), 5000);
	tui_test_free(t);
}

/* L logs out: the login screen, nobody in, and a scan there is dropped. */
static void
home__logout__login_again(void **state)
{
	struct fx	*f = *state;
	struct tui	*t;

	t = logged_in(f);
	tui_test_key(t, 'l', &f->err);
	assert_string_equal(tui_test_top(t), "login");
	assert_int_equal(wms_user_role(f->w), WMS_ROLE_NONE);
	assert_int_equal(tui_scan(t, "P-100", &f->err), 0);
	assert_string_equal(tui_test_top(t), "login");
	assert_non_null(strstr(tui_test_status(t), "nobody is logged in"));
	/* Nothing was typed into the user field by the scan. */
	tui_test_key(t, TUI_KEY_ESC, &f->err);
	assert_int_equal(tui_test_quit(t), 0);
	tui_test_free(t);
}

/*
 * The home menu is the screen table's: a binding for each screen with a
 * menu key, in the table's order; the key in either case and its F-key
 * open that screen, and Esc comes back.
 */
static void
home__menu_from_screen_table__each_key_opens_its_screen(void **state)
{
	const struct tui_screen_entry *const	*e;
	const struct tui_binding		*b;
	struct fx				*f = *state;
	struct tui				*t;
	char					 bar[512], want[64];
	int					 n = 0, seen = 0;

	t = logged_in_as(f, FX_ADMIN);
	tui_test_keybar(t, 400, bar, sizeof bar);
	b = tui_screen_home.keys;
	for (e = tui_screens; *e != NULL; e++) {
		if ((*e)->menu.key == 0)
			continue;
		/* In the table's order, with the screen's own permission. */
		assert_ptr_equal(b[n].open, *e);
		assert_int_equal(b[n].key, (*e)->menu.key);
		assert_int_equal(b[n].alt, (*e)->menu.fkey);
		assert_int_equal(b[n].need, (*e)->need);
		n++;
		snprintf(want, sizeof want, "%c %s", toupper((*e)->menu.key),
		    (*e)->menu.what);
		if (strstr(bar, want) == NULL)
			fail_msg("\"%s\" not on the bar \"%s\"", want, bar);
		key(t, (*e)->menu.key, &f->err);
		assert_string_equal(tui_test_top(t), (*e)->name);
		key(t, TUI_KEY_ESC, &f->err);
		assert_string_equal(tui_test_top(t), "home");
		key(t, toupper((*e)->menu.key), &f->err);
		assert_string_equal(tui_test_top(t), (*e)->name);
		key(t, TUI_KEY_ESC, &f->err);
		if ((*e)->menu.fkey != 0) {
			key(t, (*e)->menu.fkey, &f->err);
			assert_string_equal(tui_test_top(t), (*e)->name);
			key(t, TUI_KEY_ESC, &f->err);
			seen++;
		}
		assert_string_equal(tui_test_top(t), "home");
	}
	/* Receive, issue, move, transfers, counts, reports, admin, audit
	 * log, document, items; five of them with an F-key; then F5 and L
	 * (log out). */
	assert_int_equal(n, 10);
	assert_int_equal(seen, 5);
	assert_int_equal(b[n].key, TUI_KEY_F(5));
	assert_int_equal(b[n + 1].key, 'l');
	assert_int_equal(b[n + 2].key, 0);
	tui_test_free(t);
}

/* What a list drew: the first row index and how many, for the test. */
static int list_first, list_drawn;

static void
list_row(struct tui_screen *s, int i, int row)
{
	(void)s;
	(void)row;
	if (list_drawn++ == 0)
		list_first = i;
}

static void
list_draw(struct tui_screen *s, struct tui_list *l, int rows)
{
	list_first = -1;
	list_drawn = 0;
	tui_list_draw(s, l, 5, rows, 0, list_row);
}

/*
 * The list widget: the keys move the selection within the rows, a page
 * is what was drawn, and the window scrolls only as far as it must.
 */
static void
list__keys_and_window__selection_kept_in_sight(void **state)
{
	struct fx		*f = *state;
	struct tui_screen	 sc;
	struct tui_list		 l;

	memset(&sc, 0, sizeof sc);
	sc.tui = logged_in(f);
	memset(&l, 0, sizeof l);
	tui_list_reset(&l, 50);
	assert_int_equal(l.sel, 0);
	list_draw(&sc, &l, 10);
	assert_int_equal(list_first, 0);
	assert_int_equal(list_drawn, 10);
	/* A page down is the ten rows drawn: row 10 at the bottom. */
	assert_true(tui_list_key(&l, TUI_KEY_NPAGE));
	assert_int_equal(l.sel, 10);
	list_draw(&sc, &l, 10);
	assert_int_equal(list_first, 1);
	/* Up within the window: it stays. */
	assert_true(tui_list_key(&l, TUI_KEY_UP));
	assert_true(tui_list_key(&l, TUI_KEY_UP));
	assert_int_equal(l.sel, 8);
	list_draw(&sc, &l, 10);
	assert_int_equal(list_first, 1);
	/* End and Home; past the ends it stops. */
	assert_true(tui_list_key(&l, TUI_KEY_END));
	assert_true(tui_list_key(&l, TUI_KEY_DOWN));
	assert_int_equal(l.sel, 49);
	list_draw(&sc, &l, 10);
	assert_int_equal(list_first, 40);
	assert_int_equal(list_drawn, 10);
	assert_true(tui_list_key(&l, TUI_KEY_HOME));
	assert_true(tui_list_key(&l, TUI_KEY_PPAGE));
	assert_int_equal(l.sel, 0);
	list_draw(&sc, &l, 10);
	assert_int_equal(list_first, 0);
	/* Another key is not the list's. */
	assert_false(tui_list_key(&l, 'x'));
	/* Fewer rows now: the selection stays on the last one. */
	tui_list_key(&l, TUI_KEY_END);
	tui_list_set(&l, 3);
	assert_int_equal(l.sel, 2);
	list_draw(&sc, &l, 10);
	assert_int_equal(list_first, 0);
	assert_int_equal(list_drawn, 3);
	tui_list_set(&l, 0);
	assert_int_equal(l.sel, 0);
	assert_true(tui_list_key(&l, TUI_KEY_DOWN));
	assert_int_equal(l.sel, 0);
	list_draw(&sc, &l, 10);
	assert_int_equal(list_drawn, 0);
	tui_test_free(sc.tui);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
		    login__right_password__home_screen, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
		    login__wrong_password__stays_and_says_why, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(
		    items__search_as_you_type__folds_arabic_and_opens_card,
		    fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(items__no_match__enter_stays,
		    fx_setup, fx_teardown),
		cmocka_unit_test(
		    field__arabic_and_backspace__whole_code_points),
		cmocka_unit_test_setup_teardown(
		    receive__three_lines_scanned__posted_whole, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(
		    receive__closed_terminal__draft_taken_up, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(
		    receive__refused__says_why_and_writes_nothing, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(home__escape__stays_f10_asks,
		    fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(home__logout__login_again,
		    fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(receive__f9_summary__then_posts,
		    fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(receive__scan_at_quantity__dropped,
		    fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
		    lookup__item_by_arabic_name__fills_the_field, fx_setup,
		    fx_teardown),
		cmocka_unit_test(sparkline__levels_and_width),
		cmocka_unit_test_setup_teardown(
		    labels__receipt_and_card__sent_to_the_printer, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(
		    keybar__narrow_terminal__quit_always_shown, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(home__auditor__may_not_receive,
		    fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
		    receive__serials_and_cost__posted, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(scan__from_home_and_card__jumps,
		    fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
		    receive__location_scanned_at_item__goods_go_there,
		    fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
		    card__ninety_days__balance_each_day, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(
		    home__menu_from_screen_table__each_key_opens_its_screen,
		    fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
		    list__keys_and_window__selection_kept_in_sight, fx_setup,
		    fx_teardown),
	};

	return cmocka_run_group_tests_name("tui", tests, NULL, NULL);
}
