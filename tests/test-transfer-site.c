/*
 * Unit tests for core/transfer-site.c: the receipts of another site that
 * come back to the shipping site, line by line (what is still in transit
 * there), each applied once; a line the transfer did not ship, or more
 * than is left, refuses the message and changes nothing.  And the
 * inbound consumer's state that sync status reads (data/db-inbound.c).
 */
#include "core/transfer-site.h"
#include "data/db-inbound.h"
#include "tests/fixture.h"

/* The fixture's site is TST; BNS is made a depot of site BNS. */
static void
ship(struct fx *f, char number[WMS_NUMBER_MAX])
{
	struct wms_doc	d;
	struct wms_line	l[2];

	fx_ok(fx_sql(f->w, "UPDATE depot SET site = 'BNS' WHERE code = "
	    "'BNS'"), NULL);
	fx_receive(f->w, "HMS/A/01", "P-100", 10000, NULL, NULL);
	fx_receive(f->w, "HMS/A/01", "CHM-BENT", 50000, "LOT-A", "2030-01-01");
	memset(&d, 0, sizeof d);
	memset(l, 0, sizeof l);
	d.type = WMS_DOC_TRANSFER;
	d.from = "HMS/A/01";
	d.to = "BNS";
	l[0].item = "P-100";
	l[0].qty = 6000;
	l[0].cost = -1;
	l[1].item = "CHM-BENT";
	l[1].lot = "LOT-A";
	l[1].qty = 20000;
	l[1].cost = -1;
	fx_ok(wms_post(f->w, &d, l, 2, number, &f->err), &f->err);
}

static int
left_row(const struct wms_transit_row *r, void *arg)
{
	char	*out = arg;
	size_t	 len = strlen(out);

	snprintf(out + len, 256 - len, "%s %s %lld;", r->item,
	    r->lot ? r->lot : "-", (long long)r->qty);
	return 0;
}

static void
left(struct fx *f, const char *number, const char *want)
{
	char out[256] = "";

	fx_ok(wms_transfer_left_each(f->w, number, left_row, out, &f->err),
	    &f->err);
	assert_string_equal(out, want);
}

static void
status_is(struct fx *f, const char *number, const char *want)
{
	char *s = fx_text(f->w, "SELECT status FROM document WHERE number = "
	    "%Q", number);

	assert_string_equal(s, want);
	free(s);
}

/* A receipt at BNS as the centre forwards it back. */
static json_t *
receipt(const char *number, int complete, const char *lines)
{
	json_error_t	 je;
	json_t		*pl, *ln;

	ln = json_loads(lines, 0, &je);
	assert_non_null(ln);
	pl = json_pack("{ss ss ss ss sb so}", "site", "BNS", "number",
	    number, "depot", "BNS", "from_site", "TST", "complete", complete,
	    "lines", ln);
	assert_non_null(pl);
	return pl;
}

static void
receipt__partial__left_in_transit_here(void **state)
{
	struct fx	*f = *state;
	char		 number[WMS_NUMBER_MAX];
	json_t		*pl;
	int		 applied;

	ship(f, number);
	left(f, number, "P-100 - 6000;CHM-BENT LOT-A 20000;");
	pl = receipt(number, 0, "[{\"line\":1,\"item\":\"P-100\","
	    "\"from\":\"BNS/@TRANSIT\",\"to\":\"BNS/A/01\",\"qty_milli\":4000,"
	    "\"value\":0},{\"line\":2,\"item\":\"CHM-BENT\",\"lot\":\"LOT-A\","
	    "\"from\":\"BNS/@TRANSIT\",\"to\":\"BNS/A/01\","
	    "\"qty_milli\":20000,\"value\":0}]");
	fx_ok(wms_inbound_receipt(f->w, "ev-1", pl, &applied, &f->err),
	    &f->err);
	assert_int_equal(applied, 1);
	left(f, number, "P-100 - 2000;");
	status_is(f, number, "in_transit");
	/* Seen again: not applied twice. */
	fx_ok(wms_inbound_receipt(f->w, "ev-1", pl, &applied, &f->err),
	    &f->err);
	assert_int_equal(applied, 0);
	left(f, number, "P-100 - 2000;");
	json_decref(pl);
	/* The stock did not move here. */
	assert_int_equal(fx_balance(f->w, "@SITE/BNS", "P-100", NULL), 6000);
	pl = receipt(number, 1, "[{\"line\":3,\"item\":\"P-100\","
	    "\"from\":\"BNS/@TRANSIT\",\"to\":\"BNS/A/01\",\"qty_milli\":2000,"
	    "\"value\":0}]");
	fx_ok(wms_inbound_receipt(f->w, "ev-2", pl, &applied, &f->err),
	    &f->err);
	json_decref(pl);
	assert_int_equal(applied, 1);
	left(f, number, "");
	status_is(f, number, "received");
	assert_int_equal(fx_int(f->w, "SELECT sum(qty) FROM "
	    "inbound_received"), 26000);
}

static void
receipt__bad_lines__refused_nothing_changed(void **state)
{
	static const char *const bad[][2] = {
		{ "[{\"item\":\"P-100\",\"from\":\"BNS/@TRANSIT\","
		    "\"qty_milli\":7000}]", "more of an item or lot" },
		{ "[{\"item\":\"VLV-8\",\"lot\":\"SN-9\",\"from\":"
		    "\"BNS/@TRANSIT\",\"qty_milli\":1000}]",
		    "more of an item or lot" },
		{ "[{\"item\":\"CHM-BENT\",\"lot\":\"LOT-B\",\"from\":"
		    "\"BNS/@TRANSIT\",\"qty_milli\":1000}]",
		    "more of an item or lot" },
		{ "[{\"item\":\"NOPE\",\"from\":\"BNS/@TRANSIT\","
		    "\"qty_milli\":1000}]", "an item this transfer did not ship" },
		{ "[{\"item\":\"P-100\",\"qty_milli\":1000}]",
		    "lacks its item, quantity or location" },
		{ "[{\"item\":\"P-100\",\"from\":\"BNS/@TRANSIT\","
		    "\"qty_milli\":-5}]", "lacks its item, quantity" },
		/* Two lines, together more than is left. */
		{ "[{\"item\":\"P-100\",\"from\":\"BNS/@TRANSIT\","
		    "\"qty_milli\":4000},{\"item\":\"P-100\",\"from\":"
		    "\"BNS/@TRANSIT\",\"qty_milli\":4000}]",
		    "more of an item or lot" },
	};
	struct fx	*f = *state;
	char		 number[WMS_NUMBER_MAX], id[16];
	json_t		*pl;
	size_t		 i;
	int		 applied;

	ship(f, number);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		snprintf(id, sizeof id, "bad-%zu", i);
		pl = receipt(number, 0, bad[i][0]);
		fx_fails(wms_inbound_receipt(f->w, id, pl, &applied, &f->err),
		    WMS_ERR_INVALID, &f->err, bad[i][1]);
		assert_non_null(strstr(f->err.msg, id));
		json_decref(pl);
		assert_int_equal(applied, 0);
	}
	left(f, number, "P-100 - 6000;CHM-BENT LOT-A 20000;");
	assert_int_equal(fx_int(f->w, "SELECT count(*) FROM "
	    "inbound_applied"), 0);
	assert_int_equal(fx_int(f->w, "SELECT count(*) FROM "
	    "inbound_received"), 0);
}

/* sync status's part: what waits keeps its first time; refused counts. */
static void
state__waiting_done_refused__as_sync_status_says(void **state)
{
	struct fx		*f = *state;
	struct db_inb_status	 st;
	struct db		*db = wms_db(f->w);
	char			 number[WMS_NUMBER_MAX];
	json_t			*pl;
	int			 applied;

	fx_ok(db_inb_status(db, &st, &f->err), &f->err);
	assert_int_equal(st.shipments + st.receipts + st.refused, 0);
	assert_string_equal(st.waiting, "");
	assert_string_equal(st.last_applied, "");
	fx_ok(db_inb_waiting(db, "m1 waits: a", "2026-12-03T05:00:00.000Z",
	    &f->err), &f->err);
	fx_ok(db_inb_waiting(db, "m1 waits: b", "2026-12-03T05:01:00.000Z",
	    &f->err), &f->err);
	fx_ok(db_inb_status(db, &st, &f->err), &f->err);
	assert_string_equal(st.waiting, "m1 waits: b");
	assert_string_equal(st.waiting_since, "2026-12-03T05:00:00.000Z");
	fx_ok(db_inb_done(db, &f->err), &f->err);
	fx_ok(db_inb_status(db, &st, &f->err), &f->err);
	assert_string_equal(st.waiting, "");
	assert_string_equal(st.waiting_since, "");
	fx_ok(db_inb_refused(db, "m2 refused: x", "2026-12-03T05:02:00.000Z",
	    &f->err), &f->err);
	fx_ok(db_inb_refused(db, "m3 refused: y", "2026-12-03T05:03:00.000Z",
	    &f->err), &f->err);
	fx_ok(db_inb_status(db, &st, &f->err), &f->err);
	assert_int_equal(st.refused, 2);
	assert_string_equal(st.last_refused, "m3 refused: y");
	assert_string_equal(st.last_refused_at, "2026-12-03T05:03:00.000Z");
	/* A receipt applied: counted, with its time. */
	ship(f, number);
	pl = receipt(number, 0, "[{\"item\":\"P-100\",\"from\":"
	    "\"BNS/@TRANSIT\",\"qty_milli\":1000}]");
	fx_ok(wms_inbound_receipt(f->w, "ev-9", pl, &applied, &f->err),
	    &f->err);
	json_decref(pl);
	fx_ok(db_inb_status(db, &st, &f->err), &f->err);
	assert_int_equal(st.receipts, 1);
	assert_int_equal(st.shipments, 0);
	assert_true(st.last_applied[0] != '\0');
	/* Transport state: not in the audit chain. */
	assert_int_equal(fx_int(f->w, "SELECT count(*) FROM audit WHERE "
	    "action LIKE 'inbound%%'"), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
		    receipt__partial__left_in_transit_here, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(
		    receipt__bad_lines__refused_nothing_changed, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(
		    state__waiting_done_refused__as_sync_status_says, fx_setup,
		    fx_teardown),
	};

	return cmocka_run_group_tests_name("transfer-site", tests, NULL,
	    NULL);
}
