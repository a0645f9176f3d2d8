/*
 * Tests of the terminal UI's screens for counts, reports and admin,
 * through key() on a real database, without a terminal.
 */
#include "tests/fixture.h"
#include "tests/tui-keys.h"

#include "core/count.h"
#include "lib/text.h"
#include "lib/i18n.h"
#include "reports/catalog.h"
#include "tui/screen-count.h"
#include "tui/screen.h"
#include "tui/tui.h"

/* 4321 pumps on the book at HMS/A/01: a figure easy to look for. */
#define BOOK		4321000
#define BOOK_TEXT	"4321"

/* As sk: start a count of HMS/A, count 4 pumps at HMS/A/01; its number. */
static void
count_four(struct fx *f, char number[WMS_NUMBER_MAX])
{
	struct count_entry	*c;
	struct tui		*t;

	fx_receive(f->w, "HMS/A/01", "P-100", BOOK, NULL, NULL);
	t = logged_in_as(f, "sk");
	key(t, 'c', &f->err);
	assert_string_equal(tui_test_top(t), "counts");
	key(t, TUI_KEY_F(4), &f->err);
	enter(t, "HMS/A", &f->err);
	status_has(t, "started");
	key(t, '\n', &f->err);
	assert_string_equal(tui_test_top(t), "count");
	c = tui_test_data(t);
	snprintf(number, WMS_NUMBER_MAX, "%s", c->number);
	/* A bin outside the count is refused; then the bin, the item. */
	enter(t, "BNS/A/01", &f->err);
	status_has(t, "not in count");
	enter(t, "HMS/A/01", &f->err);
	assert_int_equal(c->step, C_ITEM);
	/* The line expected at the bin is shown, without any figure. */
	assert_int_equal(c->n, 1);
	assert_string_equal(c->seen[0].item, "P-100");
	assert_string_equal(c->seen[0].counted, "");
	enter(t, "6281000000017", &f->err);	/* the barcode */
	assert_int_equal(c->step, C_QTY);
	enter(t, "4", &f->err);
	status_has(t, "counted 4 P-100 at HMS/A/01");
	assert_int_equal(c->step, C_ITEM);
	assert_int_equal(c->n, 1);
	assert_string_equal(c->seen[0].counted, "4");
	assert_string_equal(c->seen[0].status, "counted");
	tui_test_free(t);
}

/* 1 when the n bytes at p hold the text or the 64-bit number. */
static int
holds(const void *p, size_t n, const char *text, int64_t v)
{
	return memmem(p, n, text, strlen(text)) != NULL ||
	    memmem(p, n, &v, sizeof v) != NULL;
}

static void
count__blind_entry__screen_holds_no_book_figure(void **state)
{
	struct fx		*f = *state;
	struct count_entry	*c;
	struct tui		*t;
	char			 num[WMS_NUMBER_MAX];

	count_four(f, num);
	assert_int_equal(fx_int(f->w, "SELECT counted FROM count_line"),
	    4000);
	assert_int_equal(fx_int(f->w, "SELECT book FROM count_line"), BOOK);

	/* Back to the count: the whole screen state, byte for byte, has
	 * neither the book quantity nor its text. */
	t = logged_in_as(f, "sk");
	key(t, 'c', &f->err);
	key(t, '\n', &f->err);
	assert_string_equal(tui_test_top(t), "count");
	enter(t, "HMS/A/01", &f->err);
	c = tui_test_data(t);
	assert_string_equal(c->number, num);
	assert_int_equal(c->n, 1);
	assert_false(holds(c, sizeof *c, BOOK_TEXT, BOOK));
	/* A storekeeper has no review key, nor the review screen. */
	key(t, TUI_KEY_F(6), &f->err);
	assert_string_equal(tui_test_top(t), "count");
	tui_test_free(t);
	fx_as(f->w, "sk");
	assert_null(tui_test_new(f->w, "en", &tui_screen_count_review, num,
	    &f->err));
	assert_int_equal(f->err.rc, WMS_ERR_DENIED);
}

static void
count__lot_item_typed_or_gs1__counted(void **state)
{
	struct fx		*f = *state;
	struct count_entry	*c;
	struct tui		*t;

	fx_receive(f->w, "HMS/A/02", "CHM-BENT", 100000, "B-9", NULL);
	t = logged_in_as(f, "sk");
	key(t, 'c', &f->err);
	key(t, TUI_KEY_F(4), &f->err);
	enter(t, "HMS/A/02", &f->err);
	key(t, '\n', &f->err);
	c = tui_test_data(t);
	enter(t, "HMS/A/02", &f->err);
	/* A typed code asks for the lot; 3 bags are 75 kg. */
	enter(t, "CHM-BENT", &f->err);
	assert_int_equal(c->step, C_LOT);
	enter(t, "B-9", &f->err);
	enter(t, "3 BAG", &f->err);
	status_has(t, "counted");
	assert_int_equal(fx_int(f->w, "SELECT counted FROM count_line"),
	    75000);
	/* GS1 data with the item and its lot: straight to the quantity; the
	 * latest entry wins. */
	enter(t, "(91)CHM-BENT(10)B-9", &f->err);
	assert_int_equal(c->step, C_QTY);
	assert_string_equal(c->lot, "B-9");
	enter(t, "80", &f->err);
	assert_int_equal(fx_int(f->w, "SELECT counted FROM count_line"),
	    80000);
	/* A location scanned for an item changes the bin, when it is in
	 * the count (this one is of HMS/A/02 alone). */
	enter(t, "HMS/A/01", &f->err);
	status_has(t, "is not in count");
	assert_string_equal(c->bin, "HMS/A/02");
	enter(t, "HMS/A/02", &f->err);
	assert_string_equal(c->bin, "HMS/A/02");
	assert_int_equal(c->step, C_ITEM);
	/* Esc in the middle of an item drops it; then Esc leaves. */
	enter(t, "CHM-BENT", &f->err);
	key(t, TUI_KEY_ESC, &f->err);
	assert_int_equal(c->step, C_ITEM);
	key(t, TUI_KEY_ESC, &f->err);
	assert_string_equal(tui_test_top(t), "counts");
	tui_test_free(t);
}

static void
count__review_recount_post__balances_change(void **state)
{
	struct fx	*f = *state;
	struct tui	*t;
	char		 num[WMS_NUMBER_MAX], *before;

	count_four(f, num);
	t = logged_in_as(f, "sup");
	key(t, 'c', &f->err);
	key(t, TUI_KEY_F(6), &f->err);
	assert_string_equal(tui_test_top(t), "count-review");
	/* Sent back for recount: the count cannot be posted. */
	key(t, 'r', &f->err);
	status_has(t, "sent back for recount");
	assert_int_equal(fx_int(f->w, "SELECT count(*) FROM count_line "
	    "WHERE status = 'recount'"), 1);
	before = fx_snapshot(f->w);
	assert_int_equal(f9(t, &f->err), 0);
	status_has(t, "not posted, nothing was written");
	fx_unchanged(f->w, before);
	free(before);
	/* Counted again by the supervisor, from the count screen. */
	key(t, TUI_KEY_ESC, &f->err);
	key(t, '\n', &f->err);
	assert_string_equal(tui_test_top(t), "count");
	enter(t, "HMS/A/01", &f->err);
	enter(t, "P-100", &f->err);
	enter(t, "4300", &f->err);
	key(t, TUI_KEY_F(6), &f->err);
	assert_string_equal(tui_test_top(t), "count-review");
	/* The supervisor counted a line: not theirs to post, nothing
	 * written ... */
	before = fx_snapshot(f->w);
	assert_int_equal(f9(t, &f->err), 0);
	status_has(t, "another supervisor posts it");
	fx_unchanged(f->w, before);
	free(before);
	/* ... unless makhzan.ini allows it (count_self_post = yes).  F9
	 * asks with the figures first, and only F9 again posts. */
	tui_test_set_config(t, 1, "SYP");
	key(t, TUI_KEY_F(9), &f->err);
	status_has(t, "F9 again posts");
	status_has(t, "SYP");
	key(t, TUI_KEY_DOWN, &f->err);
	assert_int_equal(fx_int(f->w, "SELECT count(*) FROM document WHERE "
	    "number = %Q AND status = 'posted'", num), 0);
	assert_int_equal(f9(t, &f->err), 0);
	status_has(t, "posted");
	assert_int_equal(fx_balance(f->w, "HMS/A/01", "P-100", NULL),
	    4300000);
	assert_int_equal(fx_balance(f->w, "HMS/@ADJUST", "P-100", NULL),
	    21000);
	assert_int_equal(fx_int(f->w, "SELECT count(*) FROM document WHERE "
	    "number = %Q AND status = 'posted'", num), 1);
	/* Posted counts leave the list. */
	key(t, TUI_KEY_ESC, &f->err);
	key(t, TUI_KEY_ESC, &f->err);
	assert_string_equal(tui_test_top(t), "counts");
	key(t, '\n', &f->err);
	status_has(t, "no open count");
	tui_test_free(t);
}

/* Read a whole small file (the caller frees it). */
static char *
slurp(const char *path)
{
	FILE	*fp;
	char	*buf;
	size_t	 n;

	fp = fopen(path, "r");
	if (fp == NULL)
		fail_msg("%s: %s", path, strerror(errno));
	buf = calloc(1, 65536);
	n = fread(buf, 1, 65535, fp);
	buf[n] = '\0';
	fclose(fp);
	return buf;
}

static void
reports__filter_sort_export__csv_of_what_is_shown(void **state)
{
	struct fx	*f = *state;
	struct tui	*t;
	char		 dir[] = "/tmp/makhzan-csv-XXXXXX", cwd[512], path[600];
	char		 now[32], *csv;
	int		 i;

	fx_receive(f->w, "HMS/A/01", "P-100", 5000, NULL, NULL);
	fx_receive(f->w, "HMS/A/02", "P-100", 3000, NULL, NULL);
	fx_receive(f->w, "BNS/A/01", "P-100", 9000, NULL, NULL);
	fx_receive(f->w, "HMS/A/02", "CHM-BENT", 25000, "B-1", NULL);
	assert_non_null(getcwd(cwd, sizeof cwd));
	assert_non_null(mkdtemp(dir));
	assert_int_equal(chdir(dir), 0);

	t = logged_in_as(f, "aud");
	key(t, 'p', &f->err);
	assert_string_equal(tui_test_top(t), "reports");
	/* Filtered to the pumps (folded: case does not matter). */
	type(t, "p-1", &f->err);
	/* Sorted by quantity (the fifth column), largest first. */
	for (i = 0; i < 5; i++)
		key(t, TUI_KEY_F(6), &f->err);
	key(t, TUI_KEY_F(7), &f->err);
	assert_int_equal(f9(t, &f->err), 0);
	key(t, '\n', &f->err);
	status_has(t, "3 rows written to stock-");
	wms_now_iso(f->w, now);
	snprintf(path, sizeof path, "%s/stock-%.10s.csv", dir, now);
	csv = slurp(path);
	assert_string_equal(csv, "depot,location,item,lot,qty,uom\n"
	    "BNS,BNS/A/01,P-100,,9,EA\n"
	    "HMS,HMS/A/01,P-100,,5,EA\n"
	    "HMS,HMS/A/02,P-100,,3,EA\n");
	free(csv);
	/* Ascending again, and the file exists: Enter twice replaces it. */
	key(t, TUI_KEY_F(7), &f->err);
	assert_int_equal(f9(t, &f->err), 0);
	key(t, '\n', &f->err);
	status_has(t, "exists");
	key(t, '\n', &f->err);
	status_has(t, "3 rows written");
	csv = slurp(path);
	assert_non_null(strstr(csv, "uom\nHMS,HMS/A/02,P-100,,3,EA\n"));
	free(csv);
	/* Filtered out entirely, then back to everything. */
	type(t, "zz", &f->err);
	assert_int_equal(f9(t, &f->err), 0);
	key(t, '\n', &f->err);
	key(t, '\n', &f->err);
	csv = slurp(path);
	assert_string_equal(csv, "depot,location,item,lot,qty,uom\n");
	free(csv);
	unlink(path);

	/* The stock card of an item, then below minimum. */
	for (i = 0; i < 5; i++)
		key(t, TUI_KEY_BACKSPACE, &f->err);
	key(t, '\t', &f->err);
	enter(t, "P-100", &f->err);
	assert_int_equal(f9(t, &f->err), 0);
	key(t, TUI_KEY_ESC, &f->err);
	assert_int_equal(f9(t, &f->err), 0);
	key(t, '\n', &f->err);
	status_has(t, "3 rows written to stock-card-");
	snprintf(path, sizeof path, "%s/stock-card-%.10s.csv", dir, now);
	csv = slurp(path);
	assert_non_null(strstr(csv, "at,document,from,to,lot,in,out,balance"
	    "\n"));
	assert_non_null(strstr(csv, ",BNS/@SUPPLIER,BNS/A/01,,9,,17\n"));
	free(csv);
	unlink(path);
	key(t, '\t', &f->err);
	assert_string_equal(tui_test_top(t), "reports");
	key(t, TUI_KEY_ESC, &f->err);
	assert_string_equal(tui_test_top(t), "home");
	tui_test_free(t);
	assert_int_equal(chdir(cwd), 0);
	assert_int_equal(rmdir(dir), 0);
}

/* F5, the i-th report of the catalogue, each filter it takes answered. */
static void
run_def(struct tui *t, int i, const char *const *answers, struct wms_err *err)
{
	int b;

	key(t, TUI_KEY_F(5), err);
	key(t, TUI_KEY_HOME, err);
	for (b = 0; b < i; b++)
		key(t, TUI_KEY_DOWN, err);
	key(t, '\n', err);
	for (b = 0; b < 13; b++)
		if (report_defs[i]->filters & (1u << b))
			enter(t, answers[b] != NULL ? answers[b] : "", err);
}

static int
def_index(const char *name)
{
	int i;

	for (i = 0; report_defs[i] != NULL; i++)
		if (strcmp(report_defs[i]->name, name) == 0)
			return i;
	fail_msg("no report %s", name);
	return -1;
}

static void
reports__every_report__opens_filters_pdf(void **state)
{
	struct fx	*f = *state;
	struct tui	*t;
	const char	*none[13] = { NULL }, *card[13] = { NULL };
	const char	*hms[13] = { "HMS" }, *bad[13] = { NULL };
	char		 dir[] = "/tmp/makhzan-rep-XXXXXX", cwd[512], cmd[800];
	char		 now[32], path[600], *csv, *txt;
	int		 i;

	fx_receive(f->w, "HMS/A/01", "P-100", 5000, NULL, NULL);
	fx_receive(f->w, "BNS/A/01", "P-100", 9000, NULL, NULL);
	assert_non_null(getcwd(cwd, sizeof cwd));
	assert_non_null(mkdtemp(dir));
	assert_int_equal(chdir(dir), 0);
	card[3] = "P-100";
	t = logged_in_as(f, "sup");
	key(t, 'p', &f->err);
	assert_string_equal(tui_test_top(t), "reports");
	/* Every report opens from the list: its title and rows said. */
	for (i = 0; report_defs[i] != NULL; i++) {
		run_def(t, i, strcmp(report_defs[i]->name, "card") == 0 ?
		    card : none, &f->err);
		if (strstr(tui_test_status(t), _(report_defs[i]->title)) ==
		    NULL && strcmp(report_defs[i]->name, "variance") != 0)
			fail_msg("%s: status \"%s\"", report_defs[i]->name,
			    tui_test_status(t));
		assert_null(strchr(tui_test_status(t), '\n'));
	}
	/* A filter applied: stock of HMS only, exported as CSV. */
	run_def(t, def_index("stock"), hms, &f->err);
	status_has(t, "2 rows");	/* and the totals row */
	assert_int_equal(f9(t, &f->err), 0);
	key(t, '\n', &f->err);
	wms_now_iso(f->w, now);
	snprintf(path, sizeof path, "%s/stock-%.10s.csv", dir, now);
	csv = slurp(path);
	assert_non_null(strstr(csv, "HMS/A/01"));
	assert_null(strstr(csv, "BNS"));
	free(csv);
	unlink(path);
	/* The same as a PDF: its title found in the text of the file. */
	key(t, TUI_KEY_F(8), &f->err);
	key(t, '\n', &f->err);
	status_has(t, "written to stock-");
	snprintf(path, sizeof path, "%s/stock-%.10s.pdf", dir, now);
	snprintf(cmd, sizeof cmd, "pdftotext %s %s/out.txt", path, dir);
	assert_int_equal(system(cmd), 0);
	snprintf(cmd, sizeof cmd, "%s/out.txt", dir);
	txt = slurp(cmd);
	assert_non_null(strstr(txt, _(report_defs[def_index("stock")]->
	    title)));
	assert_non_null(strstr(txt, "HMS/A/01"));
	free(txt);
	unlink(cmd);
	/* It exists: Enter twice replaces it. */
	key(t, TUI_KEY_F(8), &f->err);
	key(t, '\n', &f->err);
	status_has(t, "exists");
	key(t, '\n', &f->err);
	status_has(t, "written to");
	unlink(path);
	/* A bad printer: one line, nothing sent. */
	key(t, TUI_KEY_F(4), &f->err);
	enter(t, "lpt1", &f->err);
	status_has(t, "cups:QUEUE");
	assert_null(strchr(tui_test_status(t), '\n'));
	key(t, TUI_KEY_ESC, &f->err);
	/* Bad filter values: one status line each, the list unchanged. */
	bad[4] = "2026-13-45";
	run_def(t, def_index("journal"), bad, &f->err);
	assert_null(strchr(tui_test_status(t), '\n'));
	assert_non_null(strstr(tui_test_status(t), "2026-13-45"));
	memset(bad, 0, sizeof bad);
	bad[8] = "ten";
	run_def(t, def_index("expiry"), bad, &f->err);
	status_has(t, "Days: give a whole number above zero, not \"ten\"");
	/* The three quick reports are still there: Tab to stock on hand. */
	key(t, '\t', &f->err);
	assert_string_equal(tui_test_top(t), "reports");
	key(t, TUI_KEY_ESC, &f->err);
	assert_string_equal(tui_test_top(t), "home");
	tui_test_free(t);
	assert_int_equal(chdir(cwd), 0);
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
}

static void
admin__users_locations_devices__added_and_changed(void **state)
{
	struct fx	*f = *state;
	struct tui	*t;

	setenv("MAKHZAN_PROFILES", "devices/profiles", 1);
	t = logged_in_as(f, FX_ADMIN);
	key(t, 'a', &f->err);
	assert_string_equal(tui_test_top(t), "admin");
	/* A user: two passwords that differ are refused, then added. */
	key(t, 'a', &f->err);
	enter(t, "kh", &f->err);
	enter(t, "storekeeper", &f->err);
	enter(t, "password9", &f->err);
	enter(t, "password8", &f->err);
	status_has(t, "differ");
	enter(t, "kh", &f->err);
	enter(t, "storekeeper", &f->err);
	enter(t, "password9", &f->err);
	enter(t, "password9", &f->err);
	status_has(t, "user kh added");
	assert_int_equal(fx_int(f->w, "SELECT count(*) FROM user WHERE "
	    "name = 'kh' AND role = 'storekeeper'"), 1);
	/* admin, aud, kh, sk, sup: kh is the third; made a supervisor. */
	key(t, TUI_KEY_DOWN, &f->err);
	key(t, TUI_KEY_DOWN, &f->err);
	key(t, 'o', &f->err);
	enter(t, "supervisor", &f->err);
	status_has(t, "kh is now supervisor");
	assert_int_equal(fx_int(f->w, "SELECT count(*) FROM user WHERE "
	    "name = 'kh' AND role = 'supervisor'"), 1);
	/* sk, locked, is unlocked. */
	assert_int_equal(fx_sql(f->w, "UPDATE user SET failures = 5, "
	    "locked_until = unixepoch() + 600 WHERE name = 'sk'"), SQLITE_OK);
	key(t, TUI_KEY_DOWN, &f->err);
	key(t, 'u', &f->err);
	status_has(t, "sk unlocked");
	assert_int_equal(fx_int(f->w, "SELECT locked_until FROM user WHERE "
	    "name = 'sk'"), 0);
	/* Depots, then a location added from there. */
	key(t, '\t', &f->err);
	key(t, 'a', &f->err);
	enter(t, "HMS/B/07", &f->err);
	status_has(t, "location HMS/B/07 added");
	assert_int_equal(fx_int(f->w, "SELECT count(*) FROM location WHERE "
	    "path = 'HMS/B/07'"), 1);
	key(t, 'a', &f->err);
	enter(t, "HMS/B/07", &f->err);
	status_has(t, "exists");
	key(t, TUI_KEY_ESC, &f->err);
	/* Devices: a scale with a profile that is not one is refused. */
	key(t, '\t', &f->err);
	key(t, '\t', &f->err);
	key(t, 'a', &f->err);
	enter(t, "dock-scale", &f->err);
	enter(t, "scale", &f->err);
	enter(t, "tcp://127.0.0.1:5020", &f->err);
	enter(t, "no-such-profile", &f->err);
	enter(t, "dock-1", &f->err);
	status_has(t, "no profile");
	enter(t, "dock-scale", &f->err);
	enter(t, "scale", &f->err);
	enter(t, "tcp://127.0.0.1:5020", &f->err);
	enter(t, "generic", &f->err);
	enter(t, "dock-1", &f->err);
	status_has(t, "device dock-scale added");
	assert_int_equal(fx_int(f->w, "SELECT count(*) FROM device WHERE "
	    "name = 'dock-scale' AND station = 'dock-1'"), 1);
	key(t, 'd', &f->err);
	enter(t, "y", &f->err);
	status_has(t, "device dock-scale removed");
	assert_int_equal(fx_int(f->w, "SELECT count(*) FROM device"), 0);
	tui_test_free(t);
	unsetenv("MAKHZAN_PROFILES");
}

static void
admin__not_admin__no_key_and_refused(void **state)
{
	struct fx	*f = *state;
	struct tui	*t;

	/* A supervisor's home has no admin key... */
	t = logged_in_as(f, "sup");
	key(t, 'a', &f->err);
	assert_string_equal(tui_test_top(t), "home");
	tui_test_free(t);
	/* ...an auditor sees the counts but does not count... */
	t = logged_in_as(f, "aud");
	key(t, 'c', &f->err);
	assert_string_equal(tui_test_top(t), "counts");
	key(t, '\n', &f->err);
	assert_string_equal(tui_test_top(t), "counts");
	status_has(t, "not allowed");
	tui_test_free(t);
	/* ...and the screen itself refuses to open for them. */
	fx_as(f->w, "sup");
	assert_null(tui_test_new(f->w, "en", &tui_screen_admin, NULL,
	    &f->err));
	assert_int_equal(f->err.rc, WMS_ERR_DENIED);
	assert_non_null(strstr(f->err.msg, "not allowed"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
		    count__blind_entry__screen_holds_no_book_figure, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(
		    count__lot_item_typed_or_gs1__counted, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(
		    count__review_recount_post__balances_change, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(
		    reports__filter_sort_export__csv_of_what_is_shown,
		    fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
		    reports__every_report__opens_filters_pdf,
		    fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
		    admin__users_locations_devices__added_and_changed,
		    fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
		    admin__not_admin__no_key_and_refused, fx_setup,
		    fx_teardown),
	};

	return cmocka_run_group_tests_name("tui-mgr", tests, NULL, NULL);
}
