/*
 * Unit tests for core/ledger.c and core/post.c: the rules of the stock
 * ledger one by one, then a randomized property test against a model.
 */
#include <time.h>

#include "tests/fixture.h"

/* Today (UTC) as the ledger stamps it. */
static void
today(struct wms *w, char out[11])
{
	char now[32];

	wms_now_iso(w, now);
	snprintf(out, 11, "%.10s", now);
}

/* A document number of this year: "HMS-GRN-2026-000001". */
static void
docno(struct wms *w, const char *depot, const char *type, int seq,
    char out[WMS_NUMBER_MAX])
{
	char d[11];

	today(w, d);
	snprintf(out, WMS_NUMBER_MAX, "%s-%s-%.4s-%06d", depot, type, d, seq);
}

/*
 * The books balance: every item sums to zero over all locations, the
 * balance table equals the ledger, no real or transit balance is negative.
 */
static void
books_balance(struct wms *w)
{
	static const char *const items[] = { "P-100", "CHM-BENT", "VLV-8" };
	size_t i;

	for (i = 0; i < sizeof items / sizeof items[0]; i++) {
		if (fx_item_sum(w, items[i]) != 0)
			fail_msg("%s sums to %lld over all locations",
			    items[i], (long long)fx_item_sum(w, items[i]));
	}
	assert_int_equal(fx_int(w, "SELECT count(*) FROM (SELECT item_id "
	    "FROM balance GROUP BY item_id HAVING sum(qty) <> 0)"), 0);
	assert_int_equal(fx_int(w, "SELECT count(*) FROM (SELECT location_id, "
	    "item_id, lot_id, qty FROM balance WHERE qty <> 0 EXCEPT SELECT "
	    "location_id, item_id, lot_id, qty FROM ledger_balance WHERE "
	    "qty <> 0)"), 0);
	assert_int_equal(fx_int(w, "SELECT count(*) FROM (SELECT location_id, "
	    "item_id, lot_id, qty FROM ledger_balance WHERE qty <> 0 EXCEPT "
	    "SELECT location_id, item_id, lot_id, qty FROM balance WHERE "
	    "qty <> 0)"), 0);
	assert_int_equal(fx_int(w, "SELECT count(*) FROM balance b JOIN "
	    "location l ON l.id = b.location_id WHERE l.kind IN ('internal', "
	    "'transit') AND b.qty < 0"), 0);
}

/* Post any document; reason and allow_expired as given. */
static int
post(struct wms *w, enum wms_doc_type type, const char *from, const char *to,
    const char *reason, int allow_expired, const struct wms_line *lines,
    size_t n, char *number, struct wms_err *err)
{
	struct wms_doc	d;
	char		num[WMS_NUMBER_MAX];

	memset(&d, 0, sizeof d);
	d.type = type;
	d.from = from;
	d.to = to;
	d.reason = reason;
	d.allow_expired = allow_expired;
	return wms_post(w, &d, lines, n, number != NULL ? number : num, err);
}

/* Refused by a rule: WMS_ERR_REFUSED or WMS_ERR_other, naming sub. */
#define refused_either(expr, other, err, sub) \
	refused_either_at((expr), (other), (err), (sub), #expr, __LINE__)

static void
refused_either_at(int rc, int other, const struct wms_err *err,
    const char *sub, const char *what, int line)
{
	if (rc != WMS_ERR_REFUSED && rc != other)
		fail_msg("line %d: %s: rc %d, wanted %d or %d (message: %s)",
		    line, what, rc, WMS_ERR_REFUSED, other, err->msg);
	if (strstr(err->msg, sub) == NULL)
		fail_msg("line %d: message \"%s\" does not name %s", line,
		    err->msg, sub);
}

static int64_t
cost_value(struct wms *w, const char *depot, const char *item)
{
	return fx_int(w, "SELECT coalesce((SELECT c.value FROM item_cost c "
	    "JOIN depot d ON d.id = c.depot_id JOIN item i ON i.id = c.item_id "
	    "WHERE d.code = %Q AND i.code = %Q), 0)", depot, item);
}

static char *
doc_status(struct wms *w, const char *number)
{
	return fx_text(w, "SELECT status FROM document WHERE number = %Q",
	    number);
}

static void
assert_status(struct wms *w, const char *number, const char *want)
{
	char *s = doc_status(w, number);

	assert_string_equal(s, want);
	free(s);
}

static void
wms_post__receipt__stock_in_supplier_out(void **state)
{
	struct fx	*f = *state;
	char		 number[WMS_NUMBER_MAX], want[WMS_NUMBER_MAX];

	fx_ok(fx_post1(f->w, WMS_DOC_RECEIPT, NULL, "HMS/A/01", "P-100",
	    10000, NULL, NULL, NULL, 100, number, &f->err), &f->err);
	docno(f->w, "HMS", "GRN", 1, want);
	assert_string_equal(number, want);
	assert_int_equal(fx_balance(f->w, "HMS/A/01", "P-100", NULL), 10000);
	assert_true(fx_balance(f->w, "HMS/@SUPPLIER", "P-100", NULL) ==
	    -10000);
	assert_int_equal(fx_item_sum(f->w, "P-100"), 0);
	assert_int_equal(fx_int(f->w, "SELECT count(*) FROM movement m JOIN "
	    "document d ON d.id = m.doc_id WHERE d.number = %Q AND "
	    "m.qty = 10000 AND m.value = 1000", number), 1);
	assert_status(f->w, number, "posted");
	books_balance(f->w);
}

static void
wms_post__numbers__per_depot_type_year(void **state)
{
	struct fx	*f = *state;
	char		 number[WMS_NUMBER_MAX], want[WMS_NUMBER_MAX];

	fx_ok(fx_post1(f->w, WMS_DOC_RECEIPT, NULL, "HMS/A/01", "P-100",
	    10000, NULL, NULL, NULL, -1, number, &f->err), &f->err);
	docno(f->w, "HMS", "GRN", 1, want);
	assert_string_equal(number, want);
	fx_ok(fx_post1(f->w, WMS_DOC_RECEIPT, NULL, "HMS/A/02", "P-100",
	    10000, NULL, NULL, NULL, -1, number, &f->err), &f->err);
	docno(f->w, "HMS", "GRN", 2, want);
	assert_string_equal(number, want);
	fx_ok(fx_post1(f->w, WMS_DOC_RECEIPT, NULL, "BNS/A/01", "P-100",
	    10000, NULL, NULL, NULL, -1, number, &f->err), &f->err);
	docno(f->w, "BNS", "GRN", 1, want);
	assert_string_equal(number, want);
	fx_ok(fx_post1(f->w, WMS_DOC_ISSUE, "HMS/A/01", "CC-MAINT", "P-100",
	    1000, NULL, NULL, NULL, -1, number, &f->err), &f->err);
	docno(f->w, "HMS", "ISS", 1, want);
	assert_string_equal(number, want);
	fx_ok(fx_post1(f->w, WMS_DOC_MOVE, "HMS/A/01", "HMS/A/02", "P-100",
	    1000, NULL, NULL, NULL, -1, number, &f->err), &f->err);
	docno(f->w, "HMS", "MOV", 1, want);
	assert_string_equal(number, want);
	fx_ok(fx_post1(f->w, WMS_DOC_TRANSFER, "HMS/A/01", "BNS", "P-100",
	    1000, NULL, NULL, NULL, -1, number, &f->err), &f->err);
	docno(f->w, "HMS", "TRF", 1, want);
	assert_string_equal(number, want);
	fx_ok(fx_post1(f->w, WMS_DOC_ADJUST, "BNS/A/01", NULL, "P-100",
	    -1000, NULL, NULL, NULL, -1, number, &f->err), &f->err);
	docno(f->w, "BNS", "ADJ", 1, want);
	assert_string_equal(number, want);
	fx_ok(wms_reverse(f->w, number, "wrong bin", number, &f->err),
	    &f->err);
	docno(f->w, "BNS", "REV", 1, want);
	assert_string_equal(number, want);

	/* A new year starts at 1 again: 2031-01-01 12:00 UTC. */
	wms_set_clock(f->w, (time_t)1924992000 + 12 * 3600);
	fx_ok(fx_post1(f->w, WMS_DOC_RECEIPT, NULL, "HMS/A/01", "P-100",
	    1000, NULL, NULL, NULL, -1, number, &f->err), &f->err);
	assert_string_equal(number, "HMS-GRN-2031-000001");
	fx_ok(fx_post1(f->w, WMS_DOC_RECEIPT, NULL, "HMS/A/01", "P-100",
	    1000, NULL, NULL, NULL, -1, number, &f->err), &f->err);
	assert_string_equal(number, "HMS-GRN-2031-000002");
	wms_set_clock(f->w, 0);
	fx_ok(fx_post1(f->w, WMS_DOC_RECEIPT, NULL, "HMS/A/01", "P-100",
	    1000, NULL, NULL, NULL, -1, number, &f->err), &f->err);
	docno(f->w, "HMS", "GRN", 3, want);
	assert_string_equal(number, want);
	books_balance(f->w);
}

static void
wms_post__item_by_barcode__found(void **state)
{
	struct fx *f = *state;

	fx_ok(fx_post1(f->w, WMS_DOC_RECEIPT, NULL, "HMS/A/01",
	    "6281000000017", 3000, NULL, NULL, NULL, -1, NULL, &f->err),
	    &f->err);
	assert_int_equal(fx_balance(f->w, "HMS/A/01", "P-100", NULL), 3000);
	fx_fails(fx_post1(f->w, WMS_DOC_RECEIPT, NULL, "HMS/A/01",
	    "9999999999999", 3000, NULL, NULL, NULL, -1, NULL, &f->err),
	    WMS_ERR_NOTFOUND, &f->err, "9999999999999");
}

static void
wms_post__issue__to_cost_centre(void **state)
{
	struct fx	*f = *state;
	char		 number[WMS_NUMBER_MAX];

	fx_receive(f->w, "HMS/A/01", "P-100", 10000, NULL, NULL);
	fx_ok(fx_post1(f->w, WMS_DOC_ISSUE, "HMS/A/01", "CC-MAINT", "P-100",
	    3000, NULL, NULL, NULL, -1, number, &f->err), &f->err);
	assert_int_equal(fx_balance(f->w, "HMS/A/01", "P-100", NULL), 7000);
	assert_int_equal(fx_balance(f->w, "@CC/CC-MAINT", "P-100", NULL),
	    3000);
	assert_int_equal(fx_int(f->w, "SELECT count(*) FROM document d JOIN "
	    "cost_centre c ON c.id = d.cost_centre_id WHERE d.number = %Q AND "
	    "c.code = 'CC-MAINT'", number), 1);
	books_balance(f->w);
}

static void
wms_post__insufficient_stock__refused_with_figures(void **state)
{
	struct fx	*f = *state;
	char		*before;

	fx_receive(f->w, "HMS/A/01", "P-100", 5000, NULL, NULL);
	before = fx_snapshot(f->w);
	fx_fails(fx_post1(f->w, WMS_DOC_ISSUE, "HMS/A/01", "CC-MAINT",
	    "P-100", 8000, NULL, NULL, NULL, -1, NULL, &f->err),
	    WMS_ERR_REFUSED, &f->err, "HMS/A/01 has 5 EA of P-100, 8 requested");
	fx_unchanged(f->w, before);
	fx_fails(fx_post1(f->w, WMS_DOC_MOVE, "HMS/A/01", "HMS/A/02",
	    "P-100", 8000, NULL, NULL, NULL, -1, NULL, &f->err),
	    WMS_ERR_REFUSED, &f->err, "HMS/A/01 has 5 EA of P-100, 8 requested");
	fx_unchanged(f->w, before);
	fx_fails(fx_post1(f->w, WMS_DOC_TRANSFER, "HMS/A/01", "BNS",
	    "P-100", 5500, NULL, NULL, NULL, -1, NULL, &f->err),
	    WMS_ERR_REFUSED, &f->err,
	    "HMS/A/01 has 5 EA of P-100, 5.5 requested");
	fx_unchanged(f->w, before);
	fx_fails(fx_post1(f->w, WMS_DOC_ADJUST, "HMS/A/01", NULL, "P-100",
	    -6000, NULL, NULL, NULL, -1, NULL, &f->err), WMS_ERR_REFUSED,
	    &f->err, "HMS/A/01 has 5 EA of P-100, 6 requested");
	fx_unchanged(f->w, before);
	fx_fails(fx_post1(f->w, WMS_DOC_ISSUE, "HMS/A/02", "CC-MAINT",
	    "P-100", 1000, NULL, NULL, NULL, -1, NULL, &f->err),
	    WMS_ERR_REFUSED, &f->err, "HMS/A/02 has 0 EA of P-100, 1 requested");
	fx_unchanged(f->w, before);
	free(before);

	fx_receive(f->w, "HMS/A/01", "CHM-BENT", 50000, "L1", NULL);
	before = fx_snapshot(f->w);
	fx_fails(fx_post1(f->w, WMS_DOC_ISSUE, "HMS/A/01", "CC-MAINT",
	    "CHM-BENT", 60000, NULL, "L1", NULL, -1, NULL, &f->err),
	    WMS_ERR_REFUSED, &f->err,
	    "HMS/A/01 has 50 KG of CHM-BENT lot L1, 60 requested");
	fx_unchanged(f->w, before);
	free(before);
	/* Exactly what is there may go. */
	fx_ok(fx_post1(f->w, WMS_DOC_ISSUE, "HMS/A/01", "CC-MAINT", "P-100",
	    5000, NULL, NULL, NULL, -1, NULL, &f->err), &f->err);
	assert_int_equal(fx_balance(f->w, "HMS/A/01", "P-100", NULL), 0);
	books_balance(f->w);
}

static void
wms_post__bad_quantity_or_places__refused(void **state)
{
	struct fx	*f = *state;
	char		*before;

	fx_receive(f->w, "HMS/A/01", "P-100", 5000, NULL, NULL);
	before = fx_snapshot(f->w);
	fx_fails(fx_post1(f->w, WMS_DOC_RECEIPT, NULL, "HMS/A/01", "P-100",
	    0, NULL, NULL, NULL, -1, NULL, &f->err), WMS_ERR_INVALID,
	    &f->err, "quantity");
	fx_fails(fx_post1(f->w, WMS_DOC_RECEIPT, NULL, "HMS/A/01", "P-100",
	    -1000, NULL, NULL, NULL, -1, NULL, &f->err), WMS_ERR_INVALID,
	    &f->err, "quantity");
	fx_fails(fx_post1(f->w, WMS_DOC_ISSUE, "HMS/A/01", "CC-NONE", "P-100",
	    1000, NULL, NULL, NULL, -1, NULL, &f->err), WMS_ERR_NOTFOUND,
	    &f->err, "CC-NONE");
	fx_fails(fx_post1(f->w, WMS_DOC_ISSUE, "HMS/@SUPPLIER", "CC-MAINT",
	    "P-100", 1000, NULL, NULL, NULL, -1, NULL, &f->err),
	    WMS_ERR_INVALID, &f->err, "not a stock location");
	fx_fails(fx_post1(f->w, WMS_DOC_RECEIPT, NULL, "HMS/@ADJUST",
	    "P-100", 1000, NULL, NULL, NULL, -1, NULL, &f->err),
	    WMS_ERR_INVALID, &f->err, "not a stock location");
	fx_fails(fx_post1(f->w, WMS_DOC_RECEIPT, NULL, "HMS/Z/99", "P-100",
	    1000, NULL, NULL, NULL, -1, NULL, &f->err), WMS_ERR_NOTFOUND,
	    &f->err, "HMS/Z/99");
	fx_fails(fx_post1(f->w, WMS_DOC_MOVE, "HMS/A/01", "HMS/A/01", "P-100",
	    1000, NULL, NULL, NULL, -1, NULL, &f->err), WMS_ERR_INVALID,
	    &f->err, "HMS/A/01");
	fx_fails(fx_post1(f->w, WMS_DOC_MOVE, "HMS/A/01", "BNS/A/01", "P-100",
	    1000, NULL, NULL, NULL, -1, NULL, &f->err), WMS_ERR_INVALID,
	    &f->err, "different depots");
	fx_fails(fx_post1(f->w, WMS_DOC_MOVE, "HMS/A/01", "HMS/@SCRAP",
	    "P-100", 1000, NULL, NULL, NULL, -1, NULL, &f->err),
	    WMS_ERR_INVALID, &f->err, "not a stock location");
	fx_fails(fx_post1(f->w, WMS_DOC_ISSUE, "HMS/A/01", "CC-MAINT", "P-100",
	    1000, NULL, NULL, NULL, 100, NULL, &f->err), WMS_ERR_INVALID,
	    &f->err, "cost");
	fx_fails(post(f->w, WMS_DOC_RECEIPT, NULL, "HMS/A/01", NULL, 0, NULL,
	    0, NULL, &f->err), WMS_ERR_INVALID, &f->err, "no lines");
	fx_unchanged(f->w, before);
	free(before);
}

static void
wms_post__lot_item_without_lot__refused(void **state)
{
	struct fx	*f = *state;
	char		*before;

	fx_receive(f->w, "HMS/A/01", "CHM-BENT", 50000, "L1", NULL);
	before = fx_snapshot(f->w);
	fx_fails(fx_post1(f->w, WMS_DOC_RECEIPT, NULL, "HMS/A/01",
	    "CHM-BENT", 50000, NULL, NULL, NULL, -1, NULL, &f->err),
	    WMS_ERR_INVALID, &f->err, "lot");
	fx_fails(fx_post1(f->w, WMS_DOC_RECEIPT, NULL, "HMS/A/01",
	    "CHM-BENT", 50000, NULL, "", NULL, -1, NULL, &f->err),
	    WMS_ERR_INVALID, &f->err, "lot");
	fx_fails(fx_post1(f->w, WMS_DOC_ISSUE, "HMS/A/01", "CC-MAINT",
	    "CHM-BENT", 1000, NULL, NULL, NULL, -1, NULL, &f->err),
	    WMS_ERR_INVALID, &f->err, "lot");
	fx_fails(fx_post1(f->w, WMS_DOC_ISSUE, "HMS/A/01", "CC-MAINT",
	    "CHM-BENT", 1000, NULL, "L9", NULL, -1, NULL, &f->err),
	    WMS_ERR_NOTFOUND, &f->err, "L9");
	/* And the other way round: no lot for an untracked item. */
	fx_fails(fx_post1(f->w, WMS_DOC_RECEIPT, NULL, "HMS/A/01", "P-100",
	    1000, NULL, "L1", NULL, -1, NULL, &f->err), WMS_ERR_INVALID,
	    &f->err, "not lot-tracked");
	fx_fails(fx_post1(f->w, WMS_DOC_RECEIPT, NULL, "HMS/A/01", "P-100",
	    1000, NULL, NULL, "2030-01-01", -1, NULL, &f->err),
	    WMS_ERR_INVALID, &f->err, "expiry");
	fx_fails(fx_post1(f->w, WMS_DOC_RECEIPT, NULL, "HMS/A/01",
	    "CHM-BENT", 1000, NULL, "bad lot", NULL, -1, NULL, &f->err),
	    WMS_ERR_INVALID, &f->err, "bad lot");
	fx_unchanged(f->w, before);
	free(before);
}

static void
wms_post__lot_with_other_expiry__refused(void **state)
{
	struct fx	*f = *state;
	char		*before, *exp;

	fx_receive(f->w, "HMS/A/01", "CHM-BENT", 50000, "L1", "2027-06-30");
	before = fx_snapshot(f->w);
	fx_fails(fx_post1(f->w, WMS_DOC_RECEIPT, NULL, "HMS/A/02",
	    "CHM-BENT", 25000, NULL, "L1", "2027-12-31", -1, NULL, &f->err),
	    WMS_ERR_CONFLICT, &f->err, "2027-06-30");
	assert_non_null(strstr(f->err.msg, "2027-12-31"));
	fx_fails(fx_post1(f->w, WMS_DOC_RECEIPT, NULL, "HMS/A/02",
	    "CHM-BENT", 25000, NULL, "L2", "2027-02-30", -1, NULL, &f->err),
	    WMS_ERR_INVALID, &f->err, "2027-02-30");
	fx_unchanged(f->w, before);
	free(before);
	/* The same expiry, or none, is the same lot. */
	fx_receive(f->w, "HMS/A/02", "CHM-BENT", 25000, "L1", "2027-06-30");
	fx_receive(f->w, "HMS/A/02", "CHM-BENT", 25000, "L1", NULL);
	assert_int_equal(fx_balance(f->w, "HMS/A/02", "CHM-BENT", "L1"),
	    50000);
	assert_int_equal(fx_int(f->w, "SELECT count(*) FROM lot"), 1);
	exp = fx_text(f->w, "SELECT expiry FROM lot WHERE code = 'L1'");
	assert_string_equal(exp, "2027-06-30");
	free(exp);
	books_balance(f->w);
}

/*
 * docs/events.md: every movement of a lot says its expiry, a date or null;
 * a movement without a lot has no such field.
 */
static void
wms_post__lot_movement__event_says_its_expiry(void **state)
{
	struct fx	*f = *state;

	fx_receive(f->w, "HMS/A/01", "CHM-BENT", 50000, "L1", "2027-06-30");
	fx_ok(fx_post1(f->w, WMS_DOC_MOVE, "HMS/A/01", "HMS/A/02", "CHM-BENT",
	    10000, NULL, "L1", NULL, -1, NULL, &f->err), &f->err);
	fx_receive(f->w, "HMS/A/01", "P-100", 1000, NULL, NULL);
	assert_int_equal(fx_int(f->w, "SELECT count(*) FROM outbox o, "
	    "json_each(o.payload, '$.movements') m WHERE "
	    "json_extract(m.value, '$.lot') = 'L1'"), 2);
	assert_int_equal(fx_int(f->w, "SELECT count(*) FROM outbox o, "
	    "json_each(o.payload, '$.movements') m WHERE "
	    "json_extract(m.value, '$.lot') = 'L1' AND "
	    "json_extract(m.value, '$.expiry') = '2027-06-30'"), 2);
	assert_int_equal(fx_int(f->w, "SELECT count(*) FROM outbox o, "
	    "json_each(o.payload, '$.movements') m WHERE "
	    "json_extract(m.value, '$.item') = 'P-100' AND "
	    "json_type(m.value, '$.expiry') IS NULL"), 1);
}

static void
wms_post__lot_without_expiry__from_shelf_life(void **state)
{
	struct fx	*f = *state;
	char		 d[11], want[11], *exp;

	fx_receive(f->w, "HMS/A/01", "CHM-BENT", 50000, "L2", NULL);
	today(f->w, d);
	wms_date_add(d, 730, want);
	exp = fx_text(f->w, "SELECT expiry FROM lot WHERE code = 'L2'");
	assert_string_equal(exp, want);
	free(exp);
	/* A given expiry wins over the shelf life. */
	fx_receive(f->w, "HMS/A/01", "CHM-BENT", 50000, "L3", "2026-12-01");
	exp = fx_text(f->w, "SELECT expiry FROM lot WHERE code = 'L3'");
	assert_string_equal(exp, "2026-12-01");
	free(exp);
}

/* Receive an expired lot OLD of CHM-BENT (100 KG) at HMS/A/01. */
static void
receive_expired(struct fx *f)
{
	fx_receive(f->w, "HMS/A/01", "CHM-BENT", 100000, "OLD", "2020-01-01");
}

static int
issue_lot(struct wms *w, const char *lot, int64_t qty, int allow,
    const char *reason, struct wms_err *err)
{
	struct wms_line l;

	memset(&l, 0, sizeof l);
	l.item = "CHM-BENT";
	l.qty = qty;
	l.lot = lot;
	l.cost = -1;
	return post(w, WMS_DOC_ISSUE, "HMS/A/01", "CC-MAINT", reason, allow,
	    &l, 1, NULL, err);
}

static void
wms_post__expired_lot_issue__refused(void **state)
{
	struct fx	*f = *state;
	char		*before;

	receive_expired(f);
	before = fx_snapshot(f->w);
	fx_fails(issue_lot(f->w, "OLD", 10000, 0, NULL, &f->err),
	    WMS_ERR_REFUSED, &f->err, "expired");
	assert_non_null(strstr(f->err.msg, "2020-01-01"));
	fx_fails(issue_lot(f->w, "OLD", 10000, 0, "urgent", &f->err),
	    WMS_ERR_REFUSED, &f->err, "expired");
	/* A supervisor's override still needs the reason. */
	fx_as(f->w, "sup");
	fx_fails(issue_lot(f->w, "OLD", 10000, 1, NULL, &f->err),
	    WMS_ERR_INVALID, &f->err, "reason");
	fx_unchanged(f->w, before);
	free(before);
	/* A lot that expires today is not expired yet. */
	{
		char d[11];

		today(f->w, d);
		fx_receive(f->w, "HMS/A/01", "CHM-BENT", 10000, "TODAY", d);
		fx_ok(issue_lot(f->w, "TODAY", 10000, 0, NULL, &f->err),
		    &f->err);
	}
}

static void
wms_post__expired_lot_override__supervisor_and_admin(void **state)
{
	struct fx	*f = *state;
	char		*reason;

	receive_expired(f);
	fx_as(f->w, "sup");
	fx_ok(issue_lot(f->w, "OLD", 10000, 1, "lab confirmed usable",
	    &f->err), &f->err);
	fx_as(f->w, FX_ADMIN);
	fx_ok(issue_lot(f->w, "OLD", 10000, 1, "lab confirmed usable",
	    &f->err), &f->err);
	assert_int_equal(fx_balance(f->w, "HMS/A/01", "CHM-BENT", "OLD"),
	    80000);
	reason = fx_text(f->w, "SELECT group_concat(reason) FROM document "
	    "WHERE type = 'ISS'");
	assert_string_equal(reason, "lab confirmed usable,lab confirmed usable");
	free(reason);
	books_balance(f->w);
}

static void
wms_post__expired_lot_override__storekeeper_denied(void **state)
{
	struct fx	*f = *state;
	char		*before;

	receive_expired(f);
	fx_as(f->w, "sk");
	before = fx_snapshot(f->w);
	fx_fails(issue_lot(f->w, "OLD", 10000, 1, "lab confirmed usable",
	    &f->err), WMS_ERR_DENIED, &f->err, "storekeeper");
	fx_unchanged(f->w, before);
	free(before);
	/* Fresh stock of the same item is no problem for the storekeeper. */
	fx_receive(f->w, "HMS/A/01", "CHM-BENT", 10000, "NEW", "2035-01-01");
	fx_ok(issue_lot(f->w, "NEW", 10000, 0, NULL, &f->err), &f->err);
}

static void
wms_post__serials_not_matching_quantity__refused(void **state)
{
	struct fx			*f = *state;
	static const char *const	 sn[] = { "SN-1001", "SN-1002" };
	char				*before;

	before = fx_snapshot(f->w);
	fx_fails(fx_receive_serials(f->w, "HMS/A/01", "VLV-8", sn, 2, 3000,
	    NULL, &f->err), WMS_ERR_INVALID, &f->err, "serial");
	fx_fails(fx_receive_serials(f->w, "HMS/A/01", "VLV-8", sn, 2, 1000,
	    NULL, &f->err), WMS_ERR_INVALID, &f->err, "serial");
	fx_fails(fx_receive_serials(f->w, "HMS/A/01", "VLV-8", sn, 1, 1500,
	    NULL, &f->err), WMS_ERR_INVALID, &f->err, "serial");
	fx_fails(fx_receive_serials(f->w, "HMS/A/01", "VLV-8", NULL, 0, 1000,
	    NULL, &f->err), WMS_ERR_INVALID, &f->err, "serial");
	fx_fails(fx_receive_serials(f->w, "HMS/A/01", "P-100", sn, 1, 1000,
	    NULL, &f->err), WMS_ERR_INVALID, &f->err, "not serial-tracked");
	fx_unchanged(f->w, before);
	free(before);
	fx_ok(fx_receive_serials(f->w, "HMS/A/01", "VLV-8", sn, 2, 2000, NULL,
	    &f->err), &f->err);
	assert_int_equal(fx_balance(f->w, "HMS/A/01", "VLV-8", "SN-1001"),
	    1000);
	assert_int_equal(fx_balance(f->w, "HMS/A/01", "VLV-8", "SN-1002"),
	    1000);
	books_balance(f->w);
}

static void
wms_post__serial_already_in_stock__refused(void **state)
{
	struct fx			*f = *state;
	static const char *const	 a[] = { "SN-1001" };
	static const char *const	 twice[] = { "SN-2001", "SN-2001" };
	struct wms_line			 l;
	char				*before;

	fx_ok(fx_receive_serials(f->w, "HMS/A/01", "VLV-8", a, 1, 1000, NULL,
	    &f->err), &f->err);
	before = fx_snapshot(f->w);
	fx_fails(fx_receive_serials(f->w, "HMS/A/02", "VLV-8", a, 1, 1000,
	    NULL, &f->err), WMS_ERR_CONFLICT, &f->err, "SN-1001");
	assert_non_null(strstr(f->err.msg, "HMS/A/01"));
	/* The same serial twice in one line is a typing error, said so. */
	fx_fails(fx_receive_serials(f->w, "HMS/A/02", "VLV-8", twice, 2, 2000,
	    NULL, &f->err), WMS_ERR_INVALID, &f->err, "given twice");
	/* Found by a positive adjustment too. */
	memset(&l, 0, sizeof l);
	l.item = "VLV-8";
	l.qty = 1000;
	l.serials = a;
	l.nserials = 1;
	l.cost = -1;
	fx_fails(post(f->w, WMS_DOC_ADJUST, "BNS/A/01", NULL, "found", 0, &l,
	    1, NULL, &f->err), WMS_ERR_CONFLICT, &f->err, "SN-1001");
	fx_unchanged(f->w, before);
	free(before);

	/* In transit is in stock too. */
	fx_ok(post(f->w, WMS_DOC_TRANSFER, "HMS/A/01", "BNS", NULL, 0, &l, 1,
	    NULL, &f->err), &f->err);
	fx_fails(fx_receive_serials(f->w, "HMS/A/02", "VLV-8", a, 1, 1000,
	    NULL, &f->err), WMS_ERR_CONFLICT, &f->err, "BNS/@TRANSIT");

	/* Once it has left the depot, the same serial may come back. */
	fx_ok(fx_receive_serials(f->w, "HMS/A/02", "VLV-8", twice, 1, 1000,
	    NULL, &f->err), &f->err);
	fx_ok(post(f->w, WMS_DOC_ISSUE, "HMS/A/02", "CC-MAINT", NULL, 0,
	    &(struct wms_line){ .item = "VLV-8", .qty = 1000, .serials = twice,
	    .nserials = 1, .cost = -1 }, 1, NULL, &f->err), &f->err);
	fx_ok(fx_receive_serials(f->w, "HMS/A/02", "VLV-8", twice, 1, 1000,
	    NULL, &f->err), &f->err);
	assert_int_equal(fx_balance(f->w, "HMS/A/02", "VLV-8", "SN-2001"),
	    1000);
	books_balance(f->w);
}

static void
wms_post__serial_not_at_location__refused(void **state)
{
	struct fx			*f = *state;
	static const char *const	 a[] = { "SN-1001" };
	static const char *const	 b[] = { "SN-9999" };
	struct wms_line			 l;
	char				*before;

	fx_ok(fx_receive_serials(f->w, "HMS/A/01", "VLV-8", a, 1, 1000, NULL,
	    &f->err), &f->err);
	memset(&l, 0, sizeof l);
	l.item = "VLV-8";
	l.qty = 1000;
	l.serials = a;
	l.nserials = 1;
	l.cost = -1;
	before = fx_snapshot(f->w);
	fx_fails(post(f->w, WMS_DOC_MOVE, "HMS/A/02", "HMS/A/01", NULL, 0, &l,
	    1, NULL, &f->err), WMS_ERR_REFUSED, &f->err, "HMS/A/02 has 0 EA");
	assert_non_null(strstr(f->err.msg, "SN-1001"));
	l.serials = b;
	fx_fails(post(f->w, WMS_DOC_MOVE, "HMS/A/01", "HMS/A/02", NULL, 0, &l,
	    1, NULL, &f->err), WMS_ERR_NOTFOUND, &f->err, "SN-9999");
	fx_unchanged(f->w, before);
	free(before);
	l.serials = a;
	fx_ok(post(f->w, WMS_DOC_MOVE, "HMS/A/01", "HMS/A/02", NULL, 0, &l, 1,
	    NULL, &f->err), &f->err);
	assert_int_equal(fx_balance(f->w, "HMS/A/01", "VLV-8", "SN-1001"), 0);
	assert_int_equal(fx_balance(f->w, "HMS/A/02", "VLV-8", "SN-1001"),
	    1000);
	books_balance(f->w);
}

static void
wms_post__units__converted_exactly(void **state)
{
	struct fx	*f = *state;
	int64_t		 base = 0;
	char		*before;

	fx_ok(fx_post1(f->w, WMS_DOC_RECEIPT, NULL, "HMS/A/01", "CHM-BENT",
	    2000, "BAG", "L1", NULL, 5000, NULL, &f->err), &f->err);
	assert_int_equal(fx_balance(f->w, "HMS/A/01", "CHM-BENT", "L1"),
	    50000);
	/* The cost is per bag: 2 bags at 50.00. */
	assert_int_equal(cost_value(f->w, "HMS", "CHM-BENT"), 10000);
	fx_ok(wms_to_base(f->w, "CHM-BENT", 2000, "BAG", &base, &f->err),
	    &f->err);
	assert_int_equal(base, 50000);
	fx_ok(wms_to_base(f->w, "CHM-BENT", 2000, "KG", &base, &f->err),
	    &f->err);
	assert_int_equal(base, 2000);

	/* A 12.5 KG drum: 0.001 of it is 12.5 thousandths of a KG. */
	fx_ok(wms_unit_add(f->w, "CHM-BENT", "DRUM", 12500, &f->err),
	    &f->err);
	fx_fails(wms_to_base(f->w, "CHM-BENT", 1, "DRUM", &base, &f->err),
	    WMS_ERR_INVALID, &f->err, "whole thousandth");
	fx_ok(wms_to_base(f->w, "CHM-BENT", 8, "DRUM", &base, &f->err),
	    &f->err);
	assert_int_equal(base, 100);
	before = fx_snapshot(f->w);
	fx_fails(fx_post1(f->w, WMS_DOC_RECEIPT, NULL, "HMS/A/01", "CHM-BENT",
	    1, "DRUM", "L1", NULL, -1, NULL, &f->err), WMS_ERR_INVALID,
	    &f->err, "whole thousandth");
	fx_fails(fx_post1(f->w, WMS_DOC_RECEIPT, NULL, "HMS/A/01", "CHM-BENT",
	    1000, "BOX", "L1", NULL, -1, NULL, &f->err), WMS_ERR_INVALID,
	    &f->err, "BOX");
	fx_fails(fx_post1(f->w, WMS_DOC_ISSUE, "HMS/A/01", "CC-MAINT",
	    "CHM-BENT", 3000, "BAG", "L1", NULL, -1, NULL, &f->err),
	    WMS_ERR_REFUSED, &f->err, "50 KG of CHM-BENT lot L1, 75 requested");
	fx_fails(wms_to_base(f->w, "CHM-BENT", WMS_QTY_MAX, "BAG", &base,
	    &f->err), WMS_ERR_INVALID, &f->err, "too large");
	fx_unchanged(f->w, before);
	free(before);
	fx_ok(fx_post1(f->w, WMS_DOC_ISSUE, "HMS/A/01", "CC-MAINT", "CHM-BENT",
	    1000, "BAG", "L1", NULL, -1, NULL, &f->err), &f->err);
	assert_int_equal(fx_balance(f->w, "HMS/A/01", "CHM-BENT", "L1"),
	    25000);
	books_balance(f->w);
}

static void
wms_post__one_bad_line__posts_nothing(void **state)
{
	struct fx	*f = *state;
	struct wms_line	 l[3];
	char		 number[WMS_NUMBER_MAX], want[WMS_NUMBER_MAX];
	char		*before;

	fx_receive(f->w, "HMS/A/01", "P-100", 10000, NULL, NULL);
	memset(l, 0, sizeof l);
	l[0].item = "P-100";
	l[0].qty = 2000;
	l[0].cost = -1;
	l[1].item = "CHM-BENT";
	l[1].lot = "L1";
	l[1].qty = 5000;
	l[1].cost = -1;
	l[2].item = "P-100";
	l[2].qty = 1000;
	l[2].cost = -1;
	before = fx_snapshot(f->w);
	fx_fails(post(f->w, WMS_DOC_ISSUE, "HMS/A/01", "CC-MAINT", NULL, 0, l,
	    3, number, &f->err), WMS_ERR_NOTFOUND, &f->err, "line 2");
	/* A line number from a CSV file is named as such. */
	l[1].lineno = 17;
	fx_fails(post(f->w, WMS_DOC_ISSUE, "HMS/A/01", "CC-MAINT", NULL, 0, l,
	    3, number, &f->err), WMS_ERR_NOTFOUND, &f->err, "line 17");
	/* The last line fails for stock: the first ones are undone. */
	l[1].item = "P-100";
	l[1].lot = NULL;
	l[1].qty = 1000;
	l[2].qty = 7001;
	fx_fails(post(f->w, WMS_DOC_ISSUE, "HMS/A/01", "CC-MAINT", NULL, 0, l,
	    3, number, &f->err), WMS_ERR_REFUSED, &f->err,
	    "HMS/A/01 has 7 EA of P-100, 7.001 requested");
	fx_unchanged(f->w, before);
	free(before);
	l[2].qty = 7000;
	fx_ok(post(f->w, WMS_DOC_ISSUE, "HMS/A/01", "CC-MAINT", NULL, 0, l, 3,
	    number, &f->err), &f->err);
	docno(f->w, "HMS", "ISS", 1, want);
	assert_string_equal(number, want);
	assert_int_equal(fx_balance(f->w, "HMS/A/01", "P-100", NULL), 0);
	assert_int_equal(fx_int(f->w, "SELECT count(*) FROM movement m JOIN "
	    "document d ON d.id = m.doc_id WHERE d.number = %Q", number), 3);
	books_balance(f->w);
}

/* Ship qty of P-100 from HMS/A/01 to BNS after receiving 10. */
static void
ship(struct fx *f, int64_t qty, char number[WMS_NUMBER_MAX])
{
	fx_receive(f->w, "HMS/A/01", "P-100", 10000, NULL, NULL);
	fx_ok(fx_post1(f->w, WMS_DOC_TRANSFER, "HMS/A/01", "BNS", "P-100",
	    qty, NULL, NULL, NULL, -1, number, &f->err), &f->err);
}

static int
receive_part(struct wms *w, const char *number, const char *to,
    const char *item, const char *lot, int64_t qty, struct wms_err *err)
{
	struct wms_line l;

	memset(&l, 0, sizeof l);
	l.item = item;
	l.lot = lot;
	l.qty = qty;
	l.cost = -1;
	return wms_transfer_receive(w, number, to, &l, 1, err);
}

static void
wms_post__transfer__held_in_destination_transit(void **state)
{
	struct fx	*f = *state;
	char		 number[WMS_NUMBER_MAX], want[WMS_NUMBER_MAX];

	ship(f, 6000, number);
	docno(f->w, "HMS", "TRF", 1, want);
	assert_string_equal(number, want);
	assert_int_equal(fx_balance(f->w, "HMS/A/01", "P-100", NULL), 4000);
	assert_int_equal(fx_balance(f->w, "BNS/@TRANSIT", "P-100", NULL),
	    6000);
	assert_int_equal(fx_balance(f->w, "HMS/@TRANSIT", "P-100", NULL), 0);
	assert_status(f->w, number, "in_transit");
	assert_int_equal(fx_int(f->w, "SELECT count(*) FROM document d JOIN "
	    "depot b ON b.id = d.dest_depot_id WHERE d.number = %Q AND "
	    "b.code = 'BNS'", number), 1);
	books_balance(f->w);
}

static void
wms_transfer_receive__part_then_rest__status_follows(void **state)
{
	struct fx	*f = *state;
	char		 number[WMS_NUMBER_MAX], *before;

	ship(f, 6000, number);
	fx_ok(receive_part(f->w, number, "BNS/A/01", "P-100", NULL, 4000,
	    &f->err), &f->err);
	assert_int_equal(fx_balance(f->w, "BNS/A/01", "P-100", NULL), 4000);
	assert_int_equal(fx_balance(f->w, "BNS/@TRANSIT", "P-100", NULL),
	    2000);
	assert_status(f->w, number, "in_transit");
	books_balance(f->w);
	fx_ok(wms_transfer_receive(f->w, number, "BNS/A/01", NULL, 0,
	    &f->err), &f->err);
	assert_int_equal(fx_balance(f->w, "BNS/A/01", "P-100", NULL), 6000);
	assert_int_equal(fx_balance(f->w, "BNS/@TRANSIT", "P-100", NULL), 0);
	assert_status(f->w, number, "received");
	before = fx_snapshot(f->w);
	fx_fails(wms_transfer_receive(f->w, number, "BNS/A/01", NULL, 0,
	    &f->err), WMS_ERR_REFUSED, &f->err, "received");
	fx_fails(receive_part(f->w, number, "BNS/A/01", "P-100", NULL, 1000,
	    &f->err), WMS_ERR_REFUSED, &f->err, NULL);
	fx_unchanged(f->w, before);
	free(before);
	books_balance(f->w);
}

/* Rows of a walk, one line each: "lot expiry qty" or "item lot qty". */
static int
fefo_row(const struct db_report_stock *r, void *arg)
{
	char *out = arg;
	size_t len = strlen(out);

	snprintf(out + len, 256 - len, "%s %s %lld;", r->lot ? r->lot : "-",
	    r->expiry ? r->expiry : "-", (long long)r->qty);
	return 0;
}

static void
wms_stock_fefo_each__lots__first_expiry_first(void **state)
{
	struct fx	*f = *state;
	char		 out[256] = "";

	fx_receive(f->w, "HMS/A/01", "CHM-BENT", 5000, "B-LATE",
	    "2031-01-01");
	fx_receive(f->w, "HMS/A/01", "CHM-BENT", 7000, "B-SOON",
	    "2030-01-01");
	fx_receive(f->w, "HMS/A/02", "CHM-BENT", 9000, "B-FIRST",
	    "2029-01-01");
	fx_ok(wms_stock_fefo_each(f->w, "HMS/A/01", "CHM-BENT", fefo_row, out,
	    &f->err), &f->err);
	/* B-FIRST is at another location: not offered here. */
	assert_string_equal(out, "B-SOON 2030-01-01 7000;"
	    "B-LATE 2031-01-01 5000;");
	out[0] = '\0';
	fx_receive(f->w, "HMS/A/01", "P-100", 3000, NULL, NULL);
	fx_ok(wms_stock_fefo_each(f->w, "HMS/A/01", "6281000000017", fefo_row,
	    out, &f->err), &f->err);
	assert_string_equal(out, "- - 3000;");
	out[0] = '\0';
	fx_ok(wms_stock_fefo_each(f->w, "HMS/A/02", "P-100", fefo_row, out,
	    &f->err), &f->err);
	assert_string_equal(out, "");
	fx_fails(wms_stock_fefo_each(f->w, "HMS/Z/99", "P-100", fefo_row, out,
	    &f->err), WMS_ERR_NOTFOUND, &f->err, "HMS/Z/99");
}

static int
transit_row(const struct wms_transit_row *r, void *arg)
{
	char *out = arg;
	size_t len = strlen(out);

	snprintf(out + len, 256 - len, "%s %s %lld %s;", r->item,
	    r->lot ? r->lot : "-", (long long)r->qty, r->uom);
	return 0;
}

static void
wms_transfer_left_each__part_received__what_is_left(void **state)
{
	struct fx		*f = *state;
	struct wms_doc_info	 di;
	char			 number[WMS_NUMBER_MAX], out[256] = "";

	ship(f, 6000, number);
	fx_ok(wms_doc_get(f->w, number, &di, &f->err), &f->err);
	assert_string_equal(di.dest, "BNS");
	fx_ok(wms_transfer_left_each(f->w, number, transit_row, out,
	    &f->err), &f->err);
	assert_string_equal(out, "P-100 - 6000 EA;");
	fx_ok(receive_part(f->w, number, "BNS/A/01", "P-100", NULL, 4000,
	    &f->err), &f->err);
	out[0] = '\0';
	fx_ok(wms_transfer_left_each(f->w, number, transit_row, out,
	    &f->err), &f->err);
	assert_string_equal(out, "P-100 - 2000 EA;");
	fx_ok(receive_part(f->w, number, "BNS/A/01", "P-100", NULL, 2000,
	    &f->err), &f->err);
	out[0] = '\0';
	fx_ok(wms_transfer_left_each(f->w, number, transit_row, out,
	    &f->err), &f->err);
	assert_string_equal(out, "");
	fx_fails(wms_transfer_left_each(f->w, "HMS-TRF-1999-000001",
	    transit_row, out, &f->err), WMS_ERR_NOTFOUND, &f->err, NULL);
}

static void
wms_transfer_receive__part_equal_to_rest__received(void **state)
{
	struct fx	*f = *state;
	char		 number[WMS_NUMBER_MAX];

	ship(f, 6000, number);
	fx_ok(receive_part(f->w, number, "BNS/A/01", "P-100", NULL, 6000,
	    &f->err), &f->err);
	assert_status(f->w, number, "received");
}

static void
wms_transfer_receive__more_than_in_transit__refused(void **state)
{
	struct fx	*f = *state;
	char		 number[WMS_NUMBER_MAX], *before;

	ship(f, 5000, number);
	before = fx_snapshot(f->w);
	fx_fails(receive_part(f->w, number, "BNS/A/01", "P-100", NULL, 6000,
	    &f->err), WMS_ERR_REFUSED, &f->err, "5 EA of P-100 in transit");
	fx_fails(receive_part(f->w, number, "BNS/A/01", "CHM-BENT", "L1",
	    1000, &f->err), WMS_ERR_NOTFOUND, &f->err, "L1");
	fx_fails(receive_part(f->w, number, "BNS/A/01", "VLV-8", NULL, 1000,
	    &f->err), WMS_ERR_REFUSED, &f->err, "in transit");
	fx_unchanged(f->w, before);
	/* Two lines that together take more than is left. */
	{
		struct wms_line l[2];

		memset(l, 0, sizeof l);
		l[0].item = l[1].item = "P-100";
		l[0].qty = 3000;
		l[1].qty = 3000;
		l[0].cost = l[1].cost = -1;
		fx_fails(wms_transfer_receive(f->w, number, "BNS/A/01", l, 2,
		    &f->err), WMS_ERR_REFUSED, &f->err, "line 2");
	}
	fx_unchanged(f->w, before);
	free(before);
	assert_status(f->w, number, "in_transit");
}

static void
wms_transfer_receive__wrong_depot__refused(void **state)
{
	struct fx	*f = *state;
	char		 number[WMS_NUMBER_MAX], grn[WMS_NUMBER_MAX];
	char		*before;

	ship(f, 5000, number);
	fx_ok(fx_post1(f->w, WMS_DOC_RECEIPT, NULL, "HMS/A/01", "P-100", 1000,
	    NULL, NULL, NULL, -1, grn, &f->err), &f->err);
	before = fx_snapshot(f->w);
	fx_fails(wms_transfer_receive(f->w, number, "HMS/A/02", NULL, 0,
	    &f->err), WMS_ERR_INVALID, &f->err, "BNS");
	fx_fails(wms_transfer_receive(f->w, number, "BNS/@TRANSIT", NULL, 0,
	    &f->err), WMS_ERR_INVALID, &f->err, NULL);
	fx_fails(wms_transfer_receive(f->w, number, "BNS/Z/99", NULL, 0,
	    &f->err), WMS_ERR_NOTFOUND, &f->err, "BNS/Z/99");
	fx_fails(wms_transfer_receive(f->w, grn, "BNS/A/01", NULL, 0,
	    &f->err), WMS_ERR_INVALID, &f->err, "not a transfer");
	fx_fails(wms_transfer_receive(f->w, "HMS-TRF-1999-000001", "BNS/A/01",
	    NULL, 0, &f->err), WMS_ERR_NOTFOUND, &f->err,
	    "HMS-TRF-1999-000001");
	/* Shipping to its own depot or to no depot. */
	fx_fails(fx_post1(f->w, WMS_DOC_TRANSFER, "HMS/A/01", "HMS", "P-100",
	    1000, NULL, NULL, NULL, -1, NULL, &f->err), WMS_ERR_INVALID,
	    &f->err, "another depot");
	fx_fails(fx_post1(f->w, WMS_DOC_TRANSFER, "HMS/A/01", "XYZ", "P-100",
	    1000, NULL, NULL, NULL, -1, NULL, &f->err), WMS_ERR_NOTFOUND,
	    &f->err, "XYZ");
	fx_unchanged(f->w, before);
	free(before);
}

static void
wms_transfer_receive__lot_part__by_lot(void **state)
{
	struct fx	*f = *state;
	struct wms_line	 l;
	char		 number[WMS_NUMBER_MAX];

	fx_receive(f->w, "HMS/A/01", "CHM-BENT", 50000, "L1", NULL);
	fx_receive(f->w, "HMS/A/01", "CHM-BENT", 50000, "L2", NULL);
	memset(&l, 0, sizeof l);
	l.item = "CHM-BENT";
	l.lot = "L1";
	l.qty = 2000;
	l.unit = "BAG";
	l.cost = -1;
	fx_ok(post(f->w, WMS_DOC_TRANSFER, "HMS/A/01", "BNS", NULL, 0, &l, 1,
	    number, &f->err), &f->err);
	fx_fails(receive_part(f->w, number, "BNS/A/01", "CHM-BENT", "L2",
	    1000, &f->err), WMS_ERR_REFUSED, &f->err, "in transit");
	fx_fails(receive_part(f->w, number, "BNS/A/01", "CHM-BENT", NULL,
	    1000, &f->err), WMS_ERR_REFUSED, &f->err, "in transit");
	fx_ok(receive_part(f->w, number, "BNS/A/01", "CHM-BENT", "L1", 20000,
	    &f->err), &f->err);
	assert_int_equal(fx_balance(f->w, "BNS/A/01", "CHM-BENT", "L1"),
	    20000);
	assert_int_equal(fx_balance(f->w, "BNS/@TRANSIT", "CHM-BENT", "L1"),
	    30000);
	assert_status(f->w, number, "in_transit");
	books_balance(f->w);
}

static void
wms_transfer_receive__half_a_serial__refused(void **state)
{
	struct fx			*f = *state;
	static const char *const	 a[] = { "SN-1001" };
	struct wms_line			 l;
	char				 number[WMS_NUMBER_MAX], *before;

	fx_ok(fx_receive_serials(f->w, "HMS/A/01", "VLV-8", a, 1, 1000, NULL,
	    &f->err), &f->err);
	memset(&l, 0, sizeof l);
	l.item = "VLV-8";
	l.qty = 1000;
	l.serials = a;
	l.nserials = 1;
	l.cost = -1;
	fx_ok(post(f->w, WMS_DOC_TRANSFER, "HMS/A/01", "BNS", NULL, 0, &l, 1,
	    number, &f->err), &f->err);
	before = fx_snapshot(f->w);
	/* A serial number is one whole unit: half of it cannot arrive. */
	refused_either(receive_part(f->w, number, "BNS/A/01", "VLV-8",
	    "SN-1001", 500, &f->err), WMS_ERR_INVALID, &f->err, "VLV-8");
	fx_unchanged(f->w, before);
	free(before);
	fx_ok(receive_part(f->w, number, "BNS/A/01", "VLV-8", "SN-1001", 1000,
	    &f->err), &f->err);
	assert_int_equal(fx_balance(f->w, "BNS/A/01", "VLV-8", "SN-1001"),
	    1000);
}

static void
wms_reverse__receipt__everything_back_once(void **state)
{
	struct fx	*f = *state;
	char		 grn[WMS_NUMBER_MAX], rev[WMS_NUMBER_MAX];
	char		 want[WMS_NUMBER_MAX], *before;

	fx_ok(fx_post1(f->w, WMS_DOC_RECEIPT, NULL, "HMS/A/01", "P-100",
	    10000, NULL, NULL, NULL, 100, grn, &f->err), &f->err);
	before = fx_snapshot(f->w);
	fx_fails(wms_reverse(f->w, grn, NULL, rev, &f->err), WMS_ERR_INVALID,
	    &f->err, "reason");
	fx_fails(wms_reverse(f->w, grn, "", rev, &f->err), WMS_ERR_INVALID,
	    &f->err, "reason");
	fx_fails(wms_reverse(f->w, "HMS-GRN-1999-000009", "typo", rev,
	    &f->err), WMS_ERR_NOTFOUND, &f->err, "HMS-GRN-1999-000009");
	fx_unchanged(f->w, before);
	free(before);
	fx_ok(wms_reverse(f->w, grn, "wrong supplier", rev, &f->err),
	    &f->err);
	docno(f->w, "HMS", "REV", 1, want);
	assert_string_equal(rev, want);
	assert_int_equal(fx_balance(f->w, "HMS/A/01", "P-100", NULL), 0);
	assert_int_equal(fx_balance(f->w, "HMS/@SUPPLIER", "P-100", NULL), 0);
	assert_int_equal(cost_value(f->w, "HMS", "P-100"), 0);
	assert_int_equal(fx_int(f->w, "SELECT count(*) FROM document r JOIN "
	    "document d ON d.id = r.reverses_id WHERE r.number = %Q AND "
	    "d.number = %Q AND r.reason = 'wrong supplier'", rev, grn), 1);
	before = fx_snapshot(f->w);
	fx_fails(wms_reverse(f->w, grn, "again", rev, &f->err),
	    WMS_ERR_CONFLICT, &f->err, want);
	fx_fails(wms_reverse(f->w, want, "undo the undo", rev, &f->err),
	    WMS_ERR_REFUSED, &f->err, "reversal");
	fx_unchanged(f->w, before);
	free(before);
	books_balance(f->w);
}

static void
wms_reverse__issue__restores_stock(void **state)
{
	struct fx	*f = *state;
	char		 iss[WMS_NUMBER_MAX], rev[WMS_NUMBER_MAX];

	fx_receive(f->w, "HMS/A/01", "P-100", 10000, NULL, NULL);
	fx_ok(fx_post1(f->w, WMS_DOC_ISSUE, "HMS/A/01", "CC-MAINT", "P-100",
	    4000, NULL, NULL, NULL, -1, iss, &f->err), &f->err);
	assert_int_equal(fx_balance(f->w, "HMS/A/01", "P-100", NULL), 6000);
	fx_ok(wms_reverse(f->w, iss, "not taken", rev, &f->err), &f->err);
	assert_int_equal(fx_balance(f->w, "HMS/A/01", "P-100", NULL), 10000);
	assert_int_equal(fx_balance(f->w, "@CC/CC-MAINT", "P-100", NULL), 0);
	books_balance(f->w);
}

static void
wms_reverse__receipt_already_issued__refused(void **state)
{
	struct fx	*f = *state;
	char		 grn[WMS_NUMBER_MAX], rev[WMS_NUMBER_MAX], *before;

	fx_ok(fx_post1(f->w, WMS_DOC_RECEIPT, NULL, "HMS/A/01", "P-100",
	    10000, NULL, NULL, NULL, -1, grn, &f->err), &f->err);
	fx_ok(fx_post1(f->w, WMS_DOC_ISSUE, "HMS/A/01", "CC-MAINT", "P-100",
	    4000, NULL, NULL, NULL, -1, NULL, &f->err), &f->err);
	before = fx_snapshot(f->w);
	fx_fails(wms_reverse(f->w, grn, "wrong supplier", rev, &f->err),
	    WMS_ERR_REFUSED, &f->err, "HMS/A/01 has 6 EA of P-100, 10 requested");
	assert_non_null(strstr(f->err.msg, grn));
	fx_unchanged(f->w, before);
	free(before);
}

static void
wms_reverse__transfer_part_received__all_back(void **state)
{
	struct fx	*f = *state;
	char		 trf[WMS_NUMBER_MAX], rev[WMS_NUMBER_MAX], *before;

	ship(f, 6000, trf);
	fx_ok(receive_part(f->w, trf, "BNS/A/01", "P-100", NULL, 4000,
	    &f->err), &f->err);
	fx_ok(wms_reverse(f->w, trf, "sent to the wrong depot", rev, &f->err),
	    &f->err);
	assert_int_equal(fx_balance(f->w, "HMS/A/01", "P-100", NULL), 10000);
	assert_int_equal(fx_balance(f->w, "BNS/A/01", "P-100", NULL), 0);
	assert_int_equal(fx_balance(f->w, "BNS/@TRANSIT", "P-100", NULL), 0);
	before = fx_snapshot(f->w);
	fx_fails(wms_transfer_receive(f->w, trf, "BNS/A/01", NULL, 0,
	    &f->err), WMS_ERR_REFUSED, &f->err, "reversed");
	fx_unchanged(f->w, before);
	free(before);
	books_balance(f->w);
}

static void
wms_reverse__transfer_stock_issued_at_destination__refused(void **state)
{
	struct fx	*f = *state;
	char		 trf[WMS_NUMBER_MAX], rev[WMS_NUMBER_MAX], *before;

	ship(f, 6000, trf);
	fx_ok(wms_transfer_receive(f->w, trf, "BNS/A/01", NULL, 0, &f->err),
	    &f->err);
	fx_ok(fx_post1(f->w, WMS_DOC_ISSUE, "BNS/A/01", "CC-MAINT", "P-100",
	    1000, NULL, NULL, NULL, -1, NULL, &f->err), &f->err);
	before = fx_snapshot(f->w);
	fx_fails(wms_reverse(f->w, trf, "wrong depot", rev, &f->err),
	    WMS_ERR_REFUSED, &f->err, "BNS/A/01 has 5 EA of P-100, 6 requested");
	fx_unchanged(f->w, before);
	free(before);
}

static void
wms_reverse__adjustment__undone(void **state)
{
	struct fx	*f = *state;
	char		 adj[WMS_NUMBER_MAX], rev[WMS_NUMBER_MAX], *before;

	fx_receive(f->w, "HMS/A/01", "P-100", 5000, NULL, NULL);
	before = fx_snapshot(f->w);
	fx_fails(post(f->w, WMS_DOC_ADJUST, "HMS/A/01", NULL, NULL, 0,
	    &(struct wms_line){ .item = "P-100", .qty = 1000, .cost = -1 }, 1,
	    NULL, &f->err), WMS_ERR_INVALID, &f->err, "reason");
	fx_unchanged(f->w, before);
	free(before);
	fx_ok(fx_post1(f->w, WMS_DOC_ADJUST, "HMS/A/01", NULL, "P-100", 2000,
	    NULL, NULL, NULL, -1, adj, &f->err), &f->err);
	assert_int_equal(fx_balance(f->w, "HMS/A/01", "P-100", NULL), 7000);
	assert_true(fx_balance(f->w, "HMS/@ADJUST", "P-100", NULL) == -2000);
	fx_ok(wms_reverse(f->w, adj, "counted twice", rev, &f->err), &f->err);
	assert_int_equal(fx_balance(f->w, "HMS/A/01", "P-100", NULL), 5000);
	fx_ok(fx_post1(f->w, WMS_DOC_ADJUST, "HMS/A/01", NULL, "P-100", -5000,
	    NULL, NULL, NULL, -1, adj, &f->err), &f->err);
	assert_int_equal(fx_balance(f->w, "HMS/A/01", "P-100", NULL), 0);
	assert_int_equal(fx_balance(f->w, "HMS/@ADJUST", "P-100", NULL), 5000);
	books_balance(f->w);
}

static void
wms_reverse__serial_issue_after_received_again__refused(void **state)
{
	struct fx			*f = *state;
	static const char *const	 a[] = { "SN-1001" };
	struct wms_line			 l;
	char				 iss[WMS_NUMBER_MAX], rev[WMS_NUMBER_MAX];
	char				*before;

	fx_ok(fx_receive_serials(f->w, "HMS/A/01", "VLV-8", a, 1, 1000, NULL,
	    &f->err), &f->err);
	memset(&l, 0, sizeof l);
	l.item = "VLV-8";
	l.qty = 1000;
	l.serials = a;
	l.nserials = 1;
	l.cost = -1;
	fx_ok(post(f->w, WMS_DOC_ISSUE, "HMS/A/01", "CC-MAINT", NULL, 0, &l, 1,
	    iss, &f->err), &f->err);
	/* The valve came back from repair and was received again. */
	fx_ok(fx_receive_serials(f->w, "HMS/A/02", "VLV-8", a, 1, 1000, NULL,
	    &f->err), &f->err);
	before = fx_snapshot(f->w);
	/* Undoing the issue would put the one valve in stock twice. */
	refused_either(wms_reverse(f->w, iss, "issued by mistake", rev,
	    &f->err), WMS_ERR_CONFLICT, &f->err, "SN-1001");
	fx_unchanged(f->w, before);
	free(before);
	assert_true(fx_int(f->w, "SELECT coalesce(sum(b.qty), 0) FROM balance "
	    "b JOIN location l ON l.id = b.location_id JOIN lot t ON "
	    "t.id = b.lot_id WHERE t.code = 'SN-1001' AND l.kind IN "
	    "('internal', 'transit')") == 1000);
}

static void
item_cost__moving_average__receipts_and_issue(void **state)
{
	struct fx	*f = *state;
	char		 iss[WMS_NUMBER_MAX];

	fx_ok(fx_post1(f->w, WMS_DOC_RECEIPT, NULL, "HMS/A/01", "P-100",
	    10000, NULL, NULL, NULL, 100, NULL, &f->err), &f->err);
	fx_ok(fx_post1(f->w, WMS_DOC_RECEIPT, NULL, "HMS/A/02", "P-100",
	    10000, NULL, NULL, NULL, 200, NULL, &f->err), &f->err);
	assert_int_equal(cost_value(f->w, "HMS", "P-100"), 3000);
	assert_int_equal(fx_int(f->w, "SELECT sum(b.qty) FROM balance b JOIN "
	    "location l ON l.id = b.location_id WHERE l.kind = 'internal' AND "
	    "l.depot_id = (SELECT id FROM depot WHERE code = 'HMS')"), 20000);
	fx_ok(fx_post1(f->w, WMS_DOC_ISSUE, "HMS/A/01", "CC-MAINT", "P-100",
	    5000, NULL, NULL, NULL, -1, iss, &f->err), &f->err);
	assert_int_equal(cost_value(f->w, "HMS", "P-100"), 2250);
	assert_int_equal(fx_int(f->w, "SELECT m.value FROM movement m JOIN "
	    "document d ON d.id = m.doc_id WHERE d.number = %Q", iss), 750);
	/* A move inside the depot changes no value. */
	fx_ok(fx_post1(f->w, WMS_DOC_MOVE, "HMS/A/02", "HMS/A/01", "P-100",
	    5000, NULL, NULL, NULL, -1, NULL, &f->err), &f->err);
	assert_int_equal(cost_value(f->w, "HMS", "P-100"), 2250);
	/* A receipt without a cost comes in at the average, 150. */
	fx_receive(f->w, "HMS/A/01", "P-100", 5000, NULL, NULL);
	assert_int_equal(cost_value(f->w, "HMS", "P-100"), 3000);
	/* The last unit out takes the rest of the value. */
	fx_ok(fx_post1(f->w, WMS_DOC_ISSUE, "HMS/A/01", "CC-MAINT", "P-100",
	    15000, NULL, NULL, NULL, -1, NULL, &f->err), &f->err);
	assert_int_equal(cost_value(f->w, "HMS", "P-100"), 750);
	fx_ok(fx_post1(f->w, WMS_DOC_ISSUE, "HMS/A/02", "CC-MAINT", "P-100",
	    5000, NULL, NULL, NULL, -1, NULL, &f->err), &f->err);
	assert_int_equal(cost_value(f->w, "HMS", "P-100"), 0);
	books_balance(f->w);
}

static void
item_cost__transfer__value_follows_stock(void **state)
{
	struct fx	*f = *state;
	char		 trf[WMS_NUMBER_MAX];

	fx_ok(fx_post1(f->w, WMS_DOC_RECEIPT, NULL, "HMS/A/01", "P-100",
	    10000, NULL, NULL, NULL, 100, NULL, &f->err), &f->err);
	fx_ok(fx_post1(f->w, WMS_DOC_TRANSFER, "HMS/A/01", "BNS", "P-100",
	    4000, NULL, NULL, NULL, -1, trf, &f->err), &f->err);
	assert_int_equal(cost_value(f->w, "HMS", "P-100"), 600);
	assert_int_equal(cost_value(f->w, "BNS", "P-100"), 0);
	fx_ok(receive_part(f->w, trf, "BNS/A/01", "P-100", NULL, 1000,
	    &f->err), &f->err);
	assert_int_equal(cost_value(f->w, "BNS", "P-100"), 100);
	fx_ok(wms_transfer_receive(f->w, trf, "BNS/A/01", NULL, 0, &f->err),
	    &f->err);
	assert_int_equal(cost_value(f->w, "BNS", "P-100"), 400);
}

static void
item_cost__receipt_reversed_after_turnover__value_not_negative(void **state)
{
	struct fx	*f = *state;
	char		 grn[WMS_NUMBER_MAX], rev[WMS_NUMBER_MAX];

	/* 10 at 5.00 come in and all go out. */
	fx_ok(fx_post1(f->w, WMS_DOC_RECEIPT, NULL, "HMS/A/01", "P-100",
	    10000, NULL, NULL, NULL, 500, grn, &f->err), &f->err);
	fx_ok(fx_post1(f->w, WMS_DOC_ISSUE, "HMS/A/01", "CC-MAINT", "P-100",
	    10000, NULL, NULL, NULL, -1, NULL, &f->err), &f->err);
	/* 20 at 0.10 come in. */
	fx_ok(fx_post1(f->w, WMS_DOC_RECEIPT, NULL, "HMS/A/01", "P-100",
	    20000, NULL, NULL, NULL, 10, NULL, &f->err), &f->err);
	assert_int_equal(cost_value(f->w, "HMS", "P-100"), 200);
	/* The first receipt was a mistake; 10 units remain on hand. */
	fx_ok(wms_reverse(f->w, grn, "wrong delivery note", rev, &f->err),
	    &f->err);
	assert_int_equal(fx_balance(f->w, "HMS/A/01", "P-100", NULL), 10000);
	/* Stock on hand is never worth less than nothing. */
	if (cost_value(f->w, "HMS", "P-100") < 0)
		fail_msg("10 EA on hand valued at %lld",
		    (long long)cost_value(f->w, "HMS", "P-100"));
}

/* The value the ledger leaves at a location: in less out. */
static int64_t
value_at(struct wms *w, const char *path)
{
	return fx_int(w, "SELECT coalesce(sum(CASE WHEN m.to_loc = l.id THEN "
	    "m.value ELSE -m.value END), 0) FROM movement m, location l "
	    "WHERE l.path = %Q AND (m.to_loc = l.id OR m.from_loc = l.id)",
	    path);
}

/* HMS 10 at 10.00, BNS 10 at 30.00 (issue 13). */
static void
two_depots(struct fx *f)
{
	fx_ok(fx_post1(f->w, WMS_DOC_RECEIPT, NULL, "HMS/A/01", "P-100",
	    10000, NULL, NULL, NULL, 1000, NULL, &f->err), &f->err);
	fx_ok(fx_post1(f->w, WMS_DOC_RECEIPT, NULL, "BNS/A/01", "P-100",
	    10000, NULL, NULL, NULL, 3000, NULL, &f->err), &f->err);
}

static void
item_cost__received_transfer_reversed__both_depots_back(void **state)
{
	struct fx	*f = *state;
	char		 trf[WMS_NUMBER_MAX], rev[WMS_NUMBER_MAX];

	two_depots(f);
	fx_ok(fx_post1(f->w, WMS_DOC_TRANSFER, "HMS/A/01", "BNS", "P-100",
	    5000, NULL, NULL, NULL, -1, trf, &f->err), &f->err);
	fx_ok(wms_transfer_receive(f->w, trf, "BNS/A/01", NULL, 0, &f->err),
	    &f->err);
	assert_int_equal(cost_value(f->w, "BNS", "P-100"), 35000);
	fx_ok(wms_reverse(f->w, trf, "wrong depot", rev, &f->err), &f->err);
	assert_int_equal(cost_value(f->w, "HMS", "P-100"), 10000);
	/* 23333 before: the depot's share left instead of the 5000 that came. */
	assert_int_equal(cost_value(f->w, "BNS", "P-100"), 30000);
	assert_int_equal(value_at(f->w, "BNS/@TRANSIT"), 0);
}

static void
item_cost__partly_received_reversed__nothing_in_transit(void **state)
{
	struct fx	*f = *state;
	char		 trf[WMS_NUMBER_MAX], rev[WMS_NUMBER_MAX];

	two_depots(f);
	fx_ok(fx_post1(f->w, WMS_DOC_TRANSFER, "HMS/A/01", "BNS", "P-100",
	    7000, NULL, NULL, NULL, -1, trf, &f->err), &f->err);
	fx_ok(receive_part(f->w, trf, "BNS/A/01", "P-100", NULL, 3000,
	    &f->err), &f->err);
	fx_ok(wms_reverse(f->w, trf, "recall", rev, &f->err), &f->err);
	assert_int_equal(cost_value(f->w, "HMS", "P-100"), 10000);
	assert_int_equal(cost_value(f->w, "BNS", "P-100"), 30000);
	assert_int_equal(value_at(f->w, "BNS/@TRANSIT"), 0);
	assert_int_equal(fx_balance(f->w, "BNS/@TRANSIT", "P-100", NULL), 0);
}

static void
item_cost__reversal_after_revaluation__value_moved_not_made(void **state)
{
	struct fx	*f = *state;
	char		 trf[WMS_NUMBER_MAX], rev[WMS_NUMBER_MAX];

	fx_ok(fx_post1(f->w, WMS_DOC_RECEIPT, NULL, "HMS/A/01", "P-100",
	    10000, NULL, NULL, NULL, 1000, NULL, &f->err), &f->err);
	fx_ok(fx_post1(f->w, WMS_DOC_TRANSFER, "HMS/A/01", "BNS", "P-100",
	    5000, NULL, NULL, NULL, -1, trf, &f->err), &f->err);
	fx_ok(wms_transfer_receive(f->w, trf, "BNS/A/01", NULL, 0, &f->err),
	    &f->err);
	/* BNS gets 10 free and issues 10: 5 left, worth 16.67, not 50.00. */
	fx_ok(fx_post1(f->w, WMS_DOC_RECEIPT, NULL, "BNS/A/01", "P-100",
	    10000, NULL, NULL, NULL, 0, NULL, &f->err), &f->err);
	fx_ok(fx_post1(f->w, WMS_DOC_ISSUE, "BNS/A/01", "CC-MAINT", "P-100",
	    10000, NULL, NULL, NULL, -1, NULL, &f->err), &f->err);
	assert_int_equal(cost_value(f->w, "BNS", "P-100"), 1667);
	fx_ok(wms_reverse(f->w, trf, "recall", rev, &f->err), &f->err);
	/* BNS gives what it has, all of it with its last unit ... */
	assert_int_equal(cost_value(f->w, "BNS", "P-100"), 0);
	/* ... and that is what arrives at HMS: nothing stays in transit. */
	assert_int_equal(value_at(f->w, "BNS/@TRANSIT"), 0);
	assert_int_equal(cost_value(f->w, "HMS", "P-100"), 5000 + 1667);
}

static void
post_move__past_the_limits__refused_nothing_written(void **state)
{
	struct fx	*f = *state;
	char		*before;

	fx_ok(fx_post1(f->w, WMS_DOC_RECEIPT, NULL, "HMS/A/01", "P-100",
	    WMS_QTY_MAX, NULL, NULL, NULL, -1, NULL, &f->err), &f->err);
	before = fx_snapshot(f->w);
	fx_fails(fx_post1(f->w, WMS_DOC_RECEIPT, NULL, "HMS/A/01", "P-100",
	    1, NULL, NULL, NULL, -1, NULL, &f->err), WMS_ERR_REFUSED, &f->err,
	    "would pass the limit of 1000000000000 per balance");
	/* 1000 units at 10^14 a unit is 10^19 minor units: past the limit. */
	fx_fails(fx_post1(f->w, WMS_DOC_RECEIPT, NULL, "HMS/A/02", "P-100",
	    1000000, NULL, NULL, NULL, INT64_C(10000000000000000), NULL,
	    &f->err), WMS_ERR_INVALID, &f->err, "too large");
	fx_fails(fx_post1(f->w, WMS_DOC_RECEIPT, NULL, "HMS/A/02", "P-100",
	    1000000, NULL, NULL, NULL, INT64_C(100000000000001), NULL,
	    &f->err), WMS_ERR_REFUSED, &f->err, "value too large");
	fx_unchanged(f->w, before);
	free(before);
}

/* ------------------------------------------------------------------ */
/* The randomized property test.                                      */

#define P_OPS		3000
#define P_REAL		6
#define P_LOCS		16	/* 6 real, 3 supplier, 3 adjust, 3 transit, cc */
#define P_ITEMS		5
#define P_LOTS		25	/* 0: none; lots L1..L4; serials SN01..SN24 */
#define P_NLOT		4
#define P_NSERIAL	8

#define P_SUP(d)	(6 + (d))
#define P_ADJ(d)	(9 + (d))
#define P_TRN(d)	(12 + (d))
#define P_CC		15

/* Roles as the property test needs them. */
#define P_CAN_POST	0x1
#define P_CAN_SUPER	0x2

static const char *const p_depot[3] = { "HMS", "BNS", "ADN" };
static const char *const p_real[P_REAL] = { "HMS/A/01", "HMS/A/02",
	"BNS/A/01", "BNS/A/02", "ADN/A/01", "ADN/A/02" };

static const struct {
	const char	*code, *uom, *tracking, *unit;
	int64_t		 factor;
	int		 shelf;
} p_item[P_ITEMS] = {
	{ "P-100", "EA", "none", NULL, 0, 0 },
	{ "BLT-M12", "EA", "none", "BOX", 50000, 0 },
	{ "CHM-BENT", "KG", "lot", "BAG", 25000, 730 },
	{ "OIL-15W", "L", "lot", "DRUM", 208000, 0 },
	{ "VLV-8", "EA", "serial", NULL, 0, 0 },
};

static const struct {
	const char	*name;
	int		 can;
} p_user[3] = {
	{ "sk", P_CAN_POST },
	{ "sup", P_CAN_POST | P_CAN_SUPER },
	{ "aud", 0 },
};

struct pmodel {
	int64_t	bal[P_LOCS][P_ITEMS][P_LOTS];
	int	lot_exists[P_ITEMS][P_LOTS];
	char	expiry[P_ITEMS][P_LOTS][11];
};

struct pmove {
	int	from, to, item, lot;
	int64_t	qty;
};

struct pdoc {
	char		 number[WMS_NUMBER_MAX];
	int		 rev, reversed, trf, dest;
	struct pmove	*mv;
	size_t		 nmv;
};

/* One line as the test builds it. */
struct pline {
	int	item, lot, alt_unit, serial[2], nserials;
	int64_t	qty, cost;	/* qty in the line's unit */
	char	expiry[11];
};

struct prop {
	struct fx	*f;
	struct wms	*w;
	uint64_t	 seed;
	struct pmodel	 m, sim;
	struct pdoc	*docs;
	size_t		 ndocs;
	struct pmove	 pend[64];
	size_t		 npend;
	int64_t		 loc_id[P_LOCS], item_id[P_ITEMS];
	int64_t		 lot_id[P_ITEMS][P_LOTS];
	char		 loc_path[P_LOCS][32];
	char		 today[11];
	int		 can;		/* of the acting user */
	int64_t		 ok, refused, mismatches, master;
	int64_t		 ok_by[7], refused_by[7];
};

static const char *const p_opname[7] = { "receive", "issue", "move",
	"ship", "transfer-receive", "adjust", "reverse" };

/* xorshift64*: a fixed seed gives the same run everywhere. */
static uint64_t
p_next(struct prop *p)
{
	p->seed ^= p->seed >> 12;
	p->seed ^= p->seed << 25;
	p->seed ^= p->seed >> 27;
	return p->seed * UINT64_C(2685821657736338717);
}

static int
p_rnd(struct prop *p, int n)
{
	return (int)((p_next(p) >> 33) % (uint64_t)n);
}

static int
p_depot_of(int loc)
{
	return loc / 2;
}

static int
p_tracked(int item, const char *what)
{
	return strcmp(p_item[item].tracking, what) == 0;
}

static void
p_lot_code(int item, int lot, char *out, size_t len)
{
	if (lot == 0)
		*out = '\0';
	else if (p_tracked(item, "serial"))
		snprintf(out, len, "SN%02d", lot);
	else
		snprintf(out, len, "L%d", lot);
}

static int
p_lot_index(int item, const char *code)
{
	if (p_tracked(item, "serial") && strncmp(code, "SN", 2) == 0)
		return (int)strtol(code + 2, NULL, 10);
	if (p_tracked(item, "lot") && code[0] == 'L')
		return (int)strtol(code + 1, NULL, 10);
	return -1;
}

/* Stock of a lot (serial) at real and transit locations. */
static int64_t
p_in_stock(const struct pmodel *m, int item, int lot)
{
	int64_t	q = 0;
	int	l;

	for (l = 0; l < P_LOCS; l++) {
		if (l < P_REAL || (l >= P_TRN(0) && l <= P_TRN(2)))
			q += m->bal[l][item][lot];
	}
	return q;
}

static int
p_checked(int loc)
{
	return loc < P_REAL || (loc >= P_TRN(0) && loc <= P_TRN(2));
}

/* A movement in the simulation; -1 when it takes a location below 0. */
static int
p_move(struct prop *p, int from, int to, int item, int lot, int64_t qty)
{
	p->sim.bal[from][item][lot] -= qty;
	if (p_checked(from) && p->sim.bal[from][item][lot] < 0)
		return -1;
	p->sim.bal[to][item][lot] += qty;
	if (p->npend < sizeof p->pend / sizeof p->pend[0]) {
		struct pmove *mv = &p->pend[p->npend++];

		mv->from = from;
		mv->to = to;
		mv->item = item;
		mv->lot = lot;
		mv->qty = qty;
	}
	return 0;
}

/* The lot as the ledger treats it: found, or created by a receipt. */
static int
p_lot(struct prop *p, int item, int lot, const char *expiry, int create)
{
	if (p->sim.lot_exists[item][lot]) {
		if (create && expiry != NULL && *expiry != '\0' &&
		    strcmp(p->sim.expiry[item][lot], expiry) != 0)
			return -1;
		return 0;
	}
	if (!create)
		return -1;
	p->sim.lot_exists[item][lot] = 1;
	if (expiry != NULL && *expiry != '\0')
		snprintf(p->sim.expiry[item][lot], 11, "%s", expiry);
	else if (p_tracked(item, "lot") && p_item[item].shelf > 0)
		wms_date_add(p->today, p_item[item].shelf,
		    p->sim.expiry[item][lot]);
	else
		p->sim.expiry[item][lot][0] = '\0';
	return 0;
}

static int64_t
p_base(const struct pline *l)
{
	return l->alt_unit ? l->qty * p_item[l->item].factor / 1000 : l->qty;
}

/*
 * Simulate one document line: type as enum wms_doc_type, from/to the
 * route (adjust: from is the real location).  0 or -1.
 */
static int
p_line(struct prop *p, int type, int from, int to, const struct pline *l,
    int allow_expired, int reason)
{
	int64_t	base = p_base(l);
	int	receipt, i, it = l->item;

	if (type == WMS_DOC_ADJUST) {
		int real = from;

		if (base < 0) {
			from = real;
			to = P_ADJ(p_depot_of(real));
			base = -base;
		} else {
			from = P_ADJ(p_depot_of(real));
			to = real;
		}
	}
	receipt = type == WMS_DOC_RECEIPT || (type == WMS_DOC_ADJUST &&
	    l->qty > 0);
	if (p_tracked(it, "serial")) {
		if (base % 1000 != 0 || base / 1000 != l->nserials)
			return -1;
		for (i = 0; i < l->nserials; i++) {
			if (p_lot(p, it, l->serial[i], NULL, receipt) != 0)
				return -1;
			if (receipt && p_in_stock(&p->sim, it, l->serial[i]) > 0)
				return -1;
			if (p_move(p, from, to, it, l->serial[i], 1000) != 0)
				return -1;
		}
		return 0;
	}
	if (p_tracked(it, "lot")) {
		const char *exp;

		if (l->lot == 0)
			return -1;
		if (p_lot(p, it, l->lot, l->expiry, receipt) != 0)
			return -1;
		exp = p->sim.expiry[it][l->lot];
		if (type == WMS_DOC_ISSUE && *exp != '\0' &&
		    strcmp(exp, p->today) < 0) {
			if (!allow_expired || !(p->can & P_CAN_SUPER) || !reason)
				return -1;
		}
	}
	return p_move(p, from, to, it, l->lot, base);
}

/*
 * After any operation: a serial is never in stock twice (the operation
 * may not make it so; an earlier one that did is counted already).
 */
static int
p_serials_single(struct prop *p)
{
	int64_t	q;
	int	s;

	for (s = 1; s <= P_NSERIAL; s++) {
		q = p_in_stock(&p->sim, 4, s);
		if (q > 1000 && q > p_in_stock(&p->m, 4, s))
			return -1;
	}
	return 0;
}

/* Fill lot ids and the model's lots from the database. */
static void
p_load_lots(struct prop *p, struct pmodel *m)
{
	sqlite3_stmt	*st;
	int		 i, k;

	assert_int_equal(sqlite3_prepare_v2(db_handle(wms_db(p->w)),
	    "SELECT id, item_id, code, coalesce(expiry, '') FROM lot", -1,
	    &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		int64_t item = sqlite3_column_int64(st, 1);

		for (i = 0; i < P_ITEMS && p->item_id[i] != item; i++)
			;
		assert_true(i < P_ITEMS);
		k = p_lot_index(i, (const char *)sqlite3_column_text(st, 2));
		if (k < 1 || k >= P_LOTS)
			fail_msg("unexpected lot %s", sqlite3_column_text(st,
			    2));
		p->lot_id[i][k] = sqlite3_column_int64(st, 0);
		m->lot_exists[i][k] = 1;
		snprintf(m->expiry[i][k], 11, "%s",
		    (const char *)sqlite3_column_text(st, 3));
	}
	sqlite3_finalize(st);
}

/* Learn the ids of lots created since the last call. */
static void
p_lot_ids(struct prop *p)
{
	struct pmodel *tmp;

	tmp = calloc(1, sizeof *tmp);
	assert_non_null(tmp);
	p_load_lots(p, tmp);
	free(tmp);
}

static int
p_loc_index(struct prop *p, int64_t id)
{
	int i;

	for (i = 0; i < P_LOCS; i++) {
		if (p->loc_id[i] == id)
			return i;
	}
	fail_msg("stock at location #%lld, outside the test's model",
	    (long long)id);
	return -1;
}

static int
p_item_index(struct prop *p, int64_t id)
{
	int i;

	for (i = 0; i < P_ITEMS; i++) {
		if (p->item_id[i] == id)
			return i;
	}
	fail_msg("unknown item #%lld", (long long)id);
	return -1;
}

static int
p_lot_of_id(struct prop *p, int item, int64_t id)
{
	int k;

	if (id == 0)
		return 0;
	for (k = 1; k < P_LOTS; k++) {
		if (p->lot_id[item][k] == id)
			return k;
	}
	fail_msg("unknown lot #%lld", (long long)id);
	return -1;
}

/* The model as the database has it. */
static void
p_model_from_db(struct prop *p, struct pmodel *m)
{
	sqlite3_stmt *st;

	memset(m, 0, sizeof *m);
	p_load_lots(p, m);
	assert_int_equal(sqlite3_prepare_v2(db_handle(wms_db(p->w)),
	    "SELECT location_id, item_id, lot_id, qty FROM balance WHERE "
	    "qty <> 0", -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		int l = p_loc_index(p, sqlite3_column_int64(st, 0));
		int i = p_item_index(p, sqlite3_column_int64(st, 1));
		int k = p_lot_of_id(p, i, sqlite3_column_int64(st, 2));

		m->bal[l][i][k] = sqlite3_column_int64(st, 3);
	}
	sqlite3_finalize(st);
}

/* Compare the model with the database; the first difference fails. */
static void
p_compare(struct prop *p, int op)
{
	struct pmodel	*db;
	int		 l, i, k;

	db = calloc(1, sizeof *db);
	assert_non_null(db);
	p_model_from_db(p, db);
	for (l = 0; l < P_LOCS; l++)
		for (i = 0; i < P_ITEMS; i++)
			for (k = 0; k < P_LOTS; k++) {
				if (db->bal[l][i][k] != p->m.bal[l][i][k])
					fail_msg("after op %d: %s %s lot %d: "
					    "database %lld, model %lld", op,
					    p->loc_path[l], p_item[i].code, k,
					    (long long)db->bal[l][i][k],
					    (long long)p->m.bal[l][i][k]);
			}
	for (i = 0; i < P_ITEMS; i++)
		for (k = 0; k < P_LOTS; k++) {
			if (db->lot_exists[i][k] != p->m.lot_exists[i][k] ||
			    strcmp(db->expiry[i][k], p->m.expiry[i][k]) != 0)
				fail_msg("after op %d: lot %d of %s: database "
				    "%d/%s, model %d/%s", op, k,
				    p_item[i].code, db->lot_exists[i][k],
				    db->expiry[i][k], p->m.lot_exists[i][k],
				    p->m.expiry[i][k]);
		}
	free(db);
}

/* What a write leaves behind: movements, documents, lots, counters. */
static char *
p_state(struct prop *p)
{
	return fx_text(p->w, "SELECT (SELECT count(*) FROM movement) || '/' "
	    "|| (SELECT count(*) FROM document) || '/' || (SELECT count(*) "
	    "FROM lot) || '/' || (SELECT value FROM counter WHERE name = "
	    "'audit') || '/' || (SELECT value FROM counter WHERE name = "
	    "'outbox') || '/' || (SELECT count(*) FROM outbox)");
}

/* The movements written after id last, as model moves. */
static size_t
p_new_moves(struct prop *p, int64_t last, struct pmove **out)
{
	sqlite3_stmt	*st;
	size_t		 n = 0;

	*out = NULL;
	assert_int_equal(sqlite3_prepare_v2(db_handle(wms_db(p->w)),
	    "SELECT from_loc, to_loc, item_id, lot_id, qty FROM movement "
	    "WHERE id > ?1 ORDER BY id", -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_int64(st, 1, last);
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct pmove *mv;

		*out = realloc(*out, (n + 1) * sizeof **out);
		assert_non_null(*out);
		mv = &(*out)[n++];
		mv->from = p_loc_index(p, sqlite3_column_int64(st, 0));
		mv->to = p_loc_index(p, sqlite3_column_int64(st, 1));
		mv->item = p_item_index(p, sqlite3_column_int64(st, 2));
		mv->lot = p_lot_of_id(p, mv->item, sqlite3_column_int64(st, 3));
		mv->qty = sqlite3_column_int64(st, 4);
	}
	sqlite3_finalize(st);
	return n;
}

static struct pdoc *
p_doc_add(struct prop *p, const char *number)
{
	struct pdoc *d;

	p->docs = realloc(p->docs, (p->ndocs + 1) * sizeof *p->docs);
	assert_non_null(p->docs);
	d = &p->docs[p->ndocs++];
	memset(d, 0, sizeof *d);
	snprintf(d->number, sizeof d->number, "%s", number);
	return d;
}

static struct pdoc *
p_doc_find(struct prop *p, const char *number)
{
	size_t i;

	for (i = 0; i < p->ndocs; i++) {
		if (strcmp(p->docs[i].number, number) == 0)
			return &p->docs[i];
	}
	return NULL;
}

/* What is left in transit of a transfer, per item and lot. */
static int64_t
p_left(const struct pdoc *d, int item, int lot)
{
	int64_t	q = 0;
	size_t	i;

	for (i = 0; i < d->nmv; i++) {
		if (d->mv[i].item != item || d->mv[i].lot != lot)
			continue;
		if (d->mv[i].to == P_TRN(d->dest))
			q += d->mv[i].qty;
		if (d->mv[i].from == P_TRN(d->dest))
			q -= d->mv[i].qty;
	}
	return q;
}

static int
p_left_any(const struct pdoc *d)
{
	size_t i;

	for (i = 0; i < d->nmv; i++) {
		if (p_left(d, d->mv[i].item, d->mv[i].lot) > 0)
			return 1;
	}
	return 0;
}

/*
 * Settle an operation: compare prediction and outcome, keep the model and
 * the documents, check that a refusal wrote nothing and a success wrote
 * one audit entry and one event.
 */
static void
p_settle(struct prop *p, int opno, int op, int pred, int pred_denied,
    int rc, const struct wms_err *err, const char *before, int64_t last,
    const char *number, const char *what)
{
	struct pmove	*mv = NULL;
	struct pdoc	*d;
	char		*after;
	size_t		 n, i;
	int		 same = 1;

	after = p_state(p);
	if (rc != 0) {
		p->refused++;
		p->refused_by[op]++;
		if (strcmp(before, after) != 0)
			fail_msg("op %d (%s) was refused but wrote: %s -> %s "
			    "(%s)", opno, what, before, after, err->msg);
		if (pred_denied && rc != WMS_ERR_DENIED)
			fail_msg("op %d (%s): rc %d, wanted WMS_ERR_DENIED: %s",
			    opno, what, rc, err->msg);
	} else {
		long long b[6], a[6];

		p->ok++;
		p->ok_by[op]++;
		sscanf(before, "%lld/%lld/%lld/%lld/%lld/%lld", &b[0], &b[1],
		    &b[2], &b[3], &b[4], &b[5]);
		sscanf(after, "%lld/%lld/%lld/%lld/%lld/%lld", &a[0], &a[1],
		    &a[2], &a[3], &a[4], &a[5]);
		if (a[3] != b[3] + 1 || a[4] != b[4] + 1 || a[5] != b[5] + 1)
			fail_msg("op %d (%s): audit/outbox went %s -> %s", opno,
			    what, before, after);
	}
	free(after);

	if ((rc == 0) != (pred == 0)) {
		p->mismatches++;
		if (p->mismatches <= 10)
			print_message("op %d (%s): the rules say %s, the "
			    "ledger %s%s\n", opno, what, pred == 0 ?
			    "yes" : "no", rc == 0 ? "posted " : "refused: ",
			    rc == 0 ? number : err->msg);
		same = 0;
	}
	if (rc != 0) {
		if (!same)
			p_model_from_db(p, &p->m);
		return;
	}
	/* The documents: what the ledger wrote, checked against the model. */
	p_lot_ids(p);
	n = p_new_moves(p, last, &mv);
	if (same) {
		if (n != p->npend)
			fail_msg("op %d (%s): %zu movements written, the model "
			    "has %zu", opno, what, n, p->npend);
		for (i = 0; i < n; i++) {
			if (memcmp(&mv[i], &p->pend[i], sizeof mv[i]) != 0)
				fail_msg("op %d (%s): movement %zu differs "
				    "from the model", opno, what, i);
		}
		p->m = p->sim;
	} else
		p_model_from_db(p, &p->m);
	if (op == 4) {
		d = p_doc_find(p, number);
		assert_non_null(d);
	} else {
		d = p_doc_add(p, number);
		d->rev = op == 6;
		d->trf = op == 3;
	}
	d->mv = realloc(d->mv, (d->nmv + n) * sizeof *d->mv);
	assert_true(n == 0 || d->mv != NULL);
	if (n > 0)
		memcpy(d->mv + d->nmv, mv, n * sizeof *mv);
	d->nmv += n;
	free(mv);
}

static int64_t
p_last_move(struct prop *p)
{
	return fx_int(p->w, "SELECT coalesce(max(id), 0) FROM movement");
}

/* A random real location. */
static int
p_real_loc(struct prop *p)
{
	return p_rnd(p, P_REAL);
}

/* Choose a line's item, lot and quantity; stock-aware when take. */
static void
p_pick_line(struct prop *p, struct pline *l, int type, int loc, int take)
{
	int	it, k, tries;
	int64_t	have;

	static const int pick[10] = { 0, 0, 1, 2, 2, 3, 3, 4, 4, 4 };

	memset(l, 0, sizeof *l);
	l->cost = -1;
	it = l->item = pick[p_rnd(p, 10)];
	if (p_tracked(it, "serial")) {
		l->nserials = 1 + (p_rnd(p, 4) == 0);
		for (k = 0; k < l->nserials; k++) {
			l->serial[k] = 1 + p_rnd(p, P_NSERIAL);
			/* Mostly a serial that is here, when taking. */
			for (tries = 0; take && tries < 30 && p_rnd(p, 5) != 0;
			    tries++) {
				if (p->m.bal[loc][it][l->serial[k]] > 0)
					break;
				l->serial[k] = 1 + p_rnd(p, P_NSERIAL);
			}
		}
		l->qty = (int64_t)l->nserials * 1000;
		if (p_rnd(p, 12) == 0)
			l->qty += 1000;
		if (p_rnd(p, 25) == 0)
			l->qty -= 500;
		if (type == WMS_DOC_ADJUST && take)
			l->qty = -l->qty;
		return;
	}
	if (p_tracked(it, "lot")) {
		l->lot = 1 + p_rnd(p, P_NLOT);
		for (tries = 0; take && tries < 10; tries++) {
			if (p->m.bal[loc][it][l->lot] > 0)
				break;
			l->lot = 1 + p_rnd(p, P_NLOT);
		}
		if (p_rnd(p, 15) == 0)
			l->lot = 0;
		if (!take) {
			switch (p_rnd(p, 10)) {
			case 0:
			case 1:
				snprintf(l->expiry, sizeof l->expiry,
				    "2020-01-01");
				break;
			case 2:
			case 3:
			case 4:
				snprintf(l->expiry, sizeof l->expiry,
				    "2030-06-30");
				break;
			default:
				break;
			}
		}
	}
	have = p->m.bal[loc][it][l->lot];
	if (take && have > 0 && p_rnd(p, 4) != 0) {
		/* Part or all of what is here, sometimes a bit more. */
		l->qty = 1 + (int64_t)(p_next(p) % (uint64_t)have);
		if (p_rnd(p, 3) == 0)
			l->qty = have;
		if (p_rnd(p, 8) == 0)
			l->qty = have + 1;
	} else if (p_item[it].unit != NULL && p_rnd(p, 4) == 0) {
		l->alt_unit = 1;
		l->qty = (1 + p_rnd(p, 3)) * 1000;
	} else {
		l->qty = (1 + p_rnd(p, 20)) * 1000;
		if (p_rnd(p, 6) == 0)
			l->qty += 500;
	}
	if (type == WMS_DOC_RECEIPT && p_rnd(p, 2) == 0)
		l->cost = 50 + p_rnd(p, 500);
	if (type == WMS_DOC_ADJUST && take)
		l->qty = -l->qty;
}

/* The API's line for a model line; codes live in bufs. */
static void
p_api_line(const struct pline *l, struct wms_line *out, char lot[16],
    char serials[2][16], const char *sp[2])
{
	int k;

	memset(out, 0, sizeof *out);
	out->item = p_item[l->item].code;
	out->qty = l->qty;
	out->unit = l->alt_unit ? p_item[l->item].unit : NULL;
	out->cost = l->cost;
	out->expiry = l->expiry[0] != '\0' ? l->expiry : NULL;
	if (p_tracked(l->item, "lot") && l->lot != 0) {
		p_lot_code(l->item, l->lot, lot, 16);
		out->lot = lot;
	}
	if (p_tracked(l->item, "serial")) {
		for (k = 0; k < l->nserials; k++) {
			p_lot_code(l->item, l->serial[k], serials[k], 16);
			sp[k] = serials[k];
		}
		out->serials = sp;
		out->nserials = (size_t)l->nserials;
	}
}

/* A document of 1 or 2 lines: receive, issue, move, ship or adjust. */
static void
p_op_doc(struct prop *p, int opno, int op)
{
	static const int types[] = { WMS_DOC_RECEIPT, WMS_DOC_ISSUE,
	    WMS_DOC_MOVE, WMS_DOC_TRANSFER, -1, WMS_DOC_ADJUST };
	struct pline	 l[2];
	struct wms_line	 wl[2];
	struct wms_doc	 d;
	struct wms_err	 err;
	char		 lots[2][16], serials[2][2][16], number[WMS_NUMBER_MAX];
	char		 what[96], *before;
	const char	*sp[2][2];
	int		 type = types[op], n, i, loc, to = 0, dest = 0, pred = 0;
	int		 denied = 0, allow = 0, reason = 1, take;
	int64_t		 last;

	loc = p_real_loc(p);
	n = (type == WMS_DOC_ADJUST || type == WMS_DOC_MOVE ||
	    p_rnd(p, 4) != 0) ? 1 : 2;
	take = type != WMS_DOC_RECEIPT;
	if (type == WMS_DOC_ADJUST)
		take = p_rnd(p, 2);
	for (i = 0; i < n; i++)
		p_pick_line(p, &l[i], type, loc, take);
	memset(&d, 0, sizeof d);
	d.type = (enum wms_doc_type)type;
	switch (type) {
	case WMS_DOC_RECEIPT:
		d.to = p_real[loc];
		break;
	case WMS_DOC_ISSUE:
		d.from = p_real[loc];
		d.to = "CC-MAINT";
		if (p_rnd(p, 6) == 0) {
			allow = d.allow_expired = 1;
			if (p_rnd(p, 5) != 0)
				d.reason = "approved by the lab";
		}
		reason = d.reason != NULL;
		to = P_CC;
		break;
	case WMS_DOC_MOVE:
		d.from = p_real[loc];
		to = loc ^ 1;
		if (p_rnd(p, 10) == 0)
			to = (loc + 2 + p_rnd(p, 4)) % P_REAL;
		d.to = p_real[to];
		if (p_depot_of(to) != p_depot_of(loc))
			pred = -1;
		break;
	case WMS_DOC_TRANSFER:
		d.from = p_real[loc];
		dest = (p_depot_of(loc) + 1 + p_rnd(p, 2)) % 3;
		if (p_rnd(p, 15) == 0)
			dest = p_depot_of(loc);
		d.to = p_depot[dest];
		to = P_TRN(dest);
		if (dest == p_depot_of(loc))
			pred = -1;
		break;
	case WMS_DOC_ADJUST:
		d.from = p_real[loc];
		if (p_rnd(p, 20) != 0)
			d.reason = "random adjustment";
		if (d.reason == NULL)
			pred = -1;
		break;
	}
	if (!(p->can & (type == WMS_DOC_ADJUST ? P_CAN_SUPER : P_CAN_POST))) {
		pred = -1;
		denied = 1;
	}
	for (i = 0; i < n; i++)
		p_api_line(&l[i], &wl[i], lots[i], serials[i], sp[i]);

	p->sim = p->m;
	p->npend = 0;
	if (pred == 0) {
		for (i = 0; i < n && pred == 0; i++) {
			int from = type == WMS_DOC_RECEIPT ?
			    P_SUP(p_depot_of(loc)) : loc;
			int dst = type == WMS_DOC_RECEIPT ? loc : to;

			pred = p_line(p, type, from, dst, &l[i], allow,
			    reason);
		}
	}
	if (pred == 0)
		pred = p_serials_single(p);

	snprintf(what, sizeof what, "%s of %s at %s, %d line(s)",
	    p_opname[op], p_item[l[0].item].code, p_real[loc], n);
	before = p_state(p);
	last = p_last_move(p);
	wms_err_clear(&err);
	number[0] = '\0';
	i = wms_post(p->w, &d, wl, (size_t)n, number, &err);
	p_settle(p, opno, op, pred, denied, i, &err, before, last, number,
	    what);
	if (i == 0 && op == 3) {
		struct pdoc *doc = p_doc_find(p, number);

		doc->dest = dest;
	}
	free(before);
}

/* Receive a transfer: everything, or one line of it. */
static void
p_op_receive(struct prop *p, int opno)
{
	struct pdoc	*d = NULL;
	struct pline	 pl;
	struct wms_line	 wl;
	struct wms_err	 err;
	char		 lot[16], what[96], *before;
	size_t		 i, tries;
	int		 to, pred = 0, denied = 0, rc, part;
	int64_t		 last;

	for (tries = 0; tries < 20 && p->ndocs > 0; tries++) {
		d = &p->docs[p_rnd(p, (int)p->ndocs)];
		if (d->trf && (p_left_any(d) || p_rnd(p, 4) == 0))
			break;
		d = NULL;
	}
	if (d == NULL)
		return;
	to = p_rnd(p, 5) != 0 ? 2 * d->dest + p_rnd(p, 2) : p_real_loc(p);
	part = p_rnd(p, 2);
	memset(&pl, 0, sizeof pl);
	if (part) {
		/* A line of what is in transit, or something that is not. */
		i = (size_t)p_rnd(p, (int)d->nmv);
		pl.item = d->mv[i].item;
		pl.lot = d->mv[i].lot;
		if (p_rnd(p, 10) == 0) {
			pl.item = p_rnd(p, P_ITEMS);
			pl.lot = p_tracked(pl.item, "none") ? 0 :
			    1 + p_rnd(p, P_NLOT);
		}
		pl.qty = p_left(d, pl.item, pl.lot);
		if (pl.qty > 1 && p_rnd(p, 2) == 0)
			pl.qty = 1 + (int64_t)(p_next(p) % (uint64_t)pl.qty);
		if (p_tracked(pl.item, "serial"))
			pl.qty = p_rnd(p, 4) == 0 ? 500 : 1000;
		if (pl.qty <= 0 || p_rnd(p, 10) == 0)
			pl.qty = (pl.qty > 0 ? pl.qty : 0) + 1000;
		pl.cost = -1;
		memset(&wl, 0, sizeof wl);
		wl.item = p_item[pl.item].code;
		wl.qty = pl.qty;
		wl.cost = -1;
		if (pl.lot != 0) {
			p_lot_code(pl.item, pl.lot, lot, sizeof lot);
			wl.lot = lot;
		}
	}

	p->sim = p->m;
	p->npend = 0;
	if (!(p->can & P_CAN_POST)) {
		pred = -1;
		denied = 1;
	} else if (d->reversed || !p_left_any(d) ||
	    p_depot_of(to) != d->dest)
		pred = -1;
	else if (!part) {
		/* Everything left, in the order it was shipped. */
		for (i = 0; i < d->nmv && pred == 0; i++) {
			size_t	k;
			int	seen = 0;
			int64_t	q;

			if (d->mv[i].to != P_TRN(d->dest))
				continue;
			for (k = 0; k < i; k++) {
				if (d->mv[k].to == P_TRN(d->dest) &&
				    d->mv[k].item == d->mv[i].item &&
				    d->mv[k].lot == d->mv[i].lot)
					seen = 1;
			}
			q = p_left(d, d->mv[i].item, d->mv[i].lot);
			if (seen || q <= 0)
				continue;
			pred = p_move(p, P_TRN(d->dest), to, d->mv[i].item,
			    d->mv[i].lot, q);
		}
	} else {
		if (pl.lot != 0 && !p->sim.lot_exists[pl.item][pl.lot])
			pred = -1;
		else if (p_left(d, pl.item, pl.lot) < pl.qty)
			pred = -1;
		else if (p_tracked(pl.item, "serial") && pl.qty != 1000)
			pred = -1;
		else
			pred = p_move(p, P_TRN(d->dest), to, pl.item, pl.lot,
			    pl.qty);
	}
	if (pred == 0)
		pred = p_serials_single(p);

	snprintf(what, sizeof what, "receive %s at %s, %s", d->number,
	    p_real[to], part ? "one line" : "all");
	before = p_state(p);
	last = p_last_move(p);
	wms_err_clear(&err);
	rc = wms_transfer_receive(p->w, d->number, p_real[to], part ? &wl :
	    NULL, part ? 1 : 0, &err);
	p_settle(p, opno, 4, pred, denied, rc, &err, before, last, d->number,
	    what);
	free(before);
	/* The status follows what is left. */
	if (rc == 0) {
		d = p_doc_find(p, d->number);
		before = doc_status(p->w, d->number);
		if (strcmp(before, p_left_any(d) ? "in_transit" :
		    "received") != 0)
			fail_msg("op %d: %s is %s with%s left in transit", opno,
			    d->number, before, p_left_any(d) ? " some" :
			    " nothing");
		free(before);
	}
}

static void
p_op_reverse(struct prop *p, int opno)
{
	struct pdoc	*d;
	struct wms_err	 err;
	char		 number[WMS_NUMBER_MAX], what[96], *before;
	const char	*target, *reason = "random reversal";
	size_t		 i;
	int		 pred = 0, denied = 0, rc;
	int64_t		 last;

	if (p->ndocs == 0)
		return;
	/* Half of the time one of the last documents. */
	if (p->ndocs > 20 && p_rnd(p, 2) == 0)
		d = &p->docs[p->ndocs - 1 - (size_t)p_rnd(p, 20)];
	else
		d = &p->docs[p_rnd(p, (int)p->ndocs)];
	target = d->number;
	if (p_rnd(p, 40) == 0)
		target = "HMS-GRN-1999-000001";
	if (p_rnd(p, 30) == 0)
		reason = NULL;
	p->sim = p->m;
	p->npend = 0;
	if (!(p->can & P_CAN_SUPER)) {
		pred = -1;
		denied = 1;
	} else if (reason == NULL || target != d->number || d->rev ||
	    d->reversed)
		pred = -1;
	else {
		for (i = d->nmv; i-- > 0 && pred == 0;)
			pred = p_move(p, d->mv[i].to, d->mv[i].from,
			    d->mv[i].item, d->mv[i].lot, d->mv[i].qty);
	}
	if (pred == 0)
		pred = p_serials_single(p);
	snprintf(what, sizeof what, "reverse %s", target);
	before = p_state(p);
	last = p_last_move(p);
	wms_err_clear(&err);
	number[0] = '\0';
	rc = wms_reverse(p->w, target, reason, number, &err);
	if (rc == 0)
		p_doc_find(p, target)->reversed = 1;
	p_settle(p, opno, 6, pred, denied, rc, &err, before, last, number,
	    what);
	free(before);
}

/* Master data of the property test beyond the standard fixture. */
static void
p_master(struct prop *p)
{
	struct fx	*f = p->f;
	char		 path[64];
	int		 i, d;

	fx_ok(wms_depot_add(p->w, "ADN", "مستودع عدن", "Aden depot",
	    &f->err), &f->err);
	fx_ok(wms_location_add(p->w, "BNS/A/02", &f->err), &f->err);
	fx_ok(wms_location_add(p->w, "ADN/A/01", &f->err), &f->err);
	fx_ok(wms_location_add(p->w, "ADN/A/02", &f->err), &f->err);
	f->master_writes += 4;
	fx_add_item(f, "BLT-M12", "برغي م١٢", "Bolt M12", "EA", "none", 0,
	    NULL);
	fx_add_item(f, "OIL-15W", "زيت ١٥و٤٠", "Oil 15W-40", "L", "lot", 0,
	    NULL);
	fx_ok(wms_unit_add(p->w, "BLT-M12", "BOX", 50000, &f->err), &f->err);
	fx_ok(wms_unit_add(p->w, "OIL-15W", "DRUM", 208000, &f->err),
	    &f->err);
	f->master_writes += 2;
	p->master = f->master_writes;

	for (i = 0; i < P_REAL; i++)
		snprintf(p->loc_path[i], sizeof p->loc_path[i], "%s",
		    p_real[i]);
	for (d = 0; d < 3; d++) {
		snprintf(p->loc_path[P_SUP(d)], 32, "%s/@SUPPLIER", p_depot[d]);
		snprintf(p->loc_path[P_ADJ(d)], 32, "%s/@ADJUST", p_depot[d]);
		snprintf(p->loc_path[P_TRN(d)], 32, "%s/@TRANSIT", p_depot[d]);
	}
	snprintf(p->loc_path[P_CC], 32, "@CC/CC-MAINT");
	for (i = 0; i < P_LOCS; i++) {
		snprintf(path, sizeof path, "%s", p->loc_path[i]);
		p->loc_id[i] = fx_int(p->w, "SELECT id FROM location WHERE "
		    "path = %Q", path);
		assert_true(p->loc_id[i] > 0);
	}
	for (i = 0; i < P_ITEMS; i++) {
		p->item_id[i] = fx_int(p->w, "SELECT id FROM item WHERE "
		    "code = %Q", p_item[i].code);
		assert_true(p->item_id[i] > 0);
	}
}

static void
ledger__random_operations__books_balance(void **state)
{
	struct prop	*p;
	struct timespec	 t0, t1;
	int64_t		 n;
	int		 opno, op, r, u;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	p = calloc(1, sizeof *p);
	assert_non_null(p);
	p->f = *state;
	p->w = p->f->w;
	p->seed = UINT64_C(0x6d616b687a616e21);	/* "makhzan!" */
	today(p->w, p->today);
	p_master(p);

	for (opno = 1; opno <= P_OPS; opno++) {
		r = p_rnd(p, 100);
		op = r < 24 ? 0 : r < 38 ? 1 : r < 50 ? 2 : r < 62 ? 3 :
		    r < 76 ? 4 : r < 86 ? 5 : 6;
		u = p_rnd(p, 10);
		u = u < 5 ? 0 : u < 9 ? 1 : 2;
		fx_as(p->w, p_user[u].name);
		p->can = p_user[u].can;
		if (op == 4)
			p_op_receive(p, opno);
		else if (op == 6)
			p_op_reverse(p, opno);
		else
			p_op_doc(p, opno, op);
		if (opno % 250 == 0)
			p_compare(p, opno);
	}
	p_compare(p, P_OPS);
	fx_as(p->w, FX_ADMIN);

	/* The balance table is the ledger, and the books balance. */
	assert_int_equal(fx_int(p->w, "SELECT count(*) FROM (SELECT "
	    "location_id, item_id, lot_id, qty FROM balance WHERE qty <> 0 "
	    "EXCEPT SELECT location_id, item_id, lot_id, qty FROM "
	    "ledger_balance WHERE qty <> 0)"), 0);
	assert_int_equal(fx_int(p->w, "SELECT count(*) FROM (SELECT "
	    "location_id, item_id, lot_id, qty FROM ledger_balance WHERE "
	    "qty <> 0 EXCEPT SELECT location_id, item_id, lot_id, qty FROM "
	    "balance WHERE qty <> 0)"), 0);
	assert_int_equal(fx_int(p->w, "SELECT count(*) FROM balance b JOIN "
	    "location l ON l.id = b.location_id WHERE l.kind IN ('internal', "
	    "'transit') AND b.qty < 0"), 0);
	for (u = 0; u < P_ITEMS; u++)
		assert_int_equal(fx_item_sum(p->w, p_item[u].code), 0);
	/* A serial is in stock once at most. */
	assert_int_equal(fx_int(p->w, "SELECT count(*) FROM (SELECT b.lot_id "
	    "FROM balance b JOIN location l ON l.id = b.location_id WHERE "
	    "b.item_id = %lld AND l.kind IN ('internal', 'transit') GROUP BY "
	    "b.lot_id HAVING sum(b.qty) > 1000)", (long long)p->item_id[4]),
	    0);
	/* A depot with none of an item holds no value of it. */
	assert_int_equal(fx_int(p->w, "SELECT count(*) FROM item_cost c WHERE "
	    "c.value <> 0 AND (SELECT coalesce(sum(b.qty), 0) FROM balance b "
	    "JOIN location l ON l.id = b.location_id WHERE l.kind = "
	    "'internal' AND l.depot_id = c.depot_id AND b.item_id = "
	    "c.item_id) = 0"), 0);
	/* The audit chain holds one entry per write. */
	fx_ok(wms_audit_verify(p->w, &n, &p->f->err), &p->f->err);
	assert_int_equal(n, p->master + p->ok);
	/* One event per posting, numbered without gaps. */
	assert_int_equal(fx_int(p->w, "SELECT count(*) FROM outbox"), p->ok);
	assert_int_equal(fx_int(p->w, "SELECT min(seq) FROM outbox"), 1);
	assert_int_equal(fx_int(p->w, "SELECT max(seq) FROM outbox"), p->ok);
	assert_int_equal(fx_int(p->w, "SELECT value FROM counter WHERE "
	    "name = 'outbox'"), p->ok);
	/* Document numbers without gaps per depot, type and year. */
	assert_int_equal(fx_int(p->w, "SELECT count(*) FROM (SELECT "
	    "substr(number, 1, length(number) - 6) AS prefix, count(*) AS n, "
	    "max(CAST(substr(number, -6) AS INTEGER)) AS last FROM document "
	    "GROUP BY prefix) WHERE n <> last"), 0);
	assert_int_equal(fx_int(p->w, "SELECT count(*) FROM document"),
	    (int64_t)p->ndocs);

	clock_gettime(CLOCK_MONOTONIC, &t1);
	print_message("%d operations in %.1f s: %lld posted, %lld refused "
	    "(", P_OPS, (double)(t1.tv_sec - t0.tv_sec) +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9, (long long)p->ok,
	    (long long)p->refused);
	for (op = 0; op < 7; op++)
		print_message("%s%s %lld/%lld", op ? ", " : "", p_opname[op],
		    (long long)p->ok_by[op], (long long)(p->ok_by[op] +
		    p->refused_by[op]));
	print_message(")\n");
	{
		struct prop	q = *p;
		int64_t		few = -1;

		for (n = 0; n < (int64_t)p->ndocs; n++)
			free(p->docs[n].mv);
		free(p->docs);
		free(p);
		/* Enough of each kind really happened. */
		for (op = 0; op < 7; op++) {
			if (q.ok_by[op] < 20 || q.refused_by[op] < 10)
				few = op;
		}
		if (few >= 0)
			fail_msg("too few %s: %lld posted, %lld refused",
			    p_opname[few], (long long)q.ok_by[few],
			    (long long)q.refused_by[few]);
		if (q.mismatches != 0)
			fail_msg("%lld operations came out otherwise than the "
			    "rules say (the first ones are listed above)",
			    (long long)q.mismatches);
	}
}

int
main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, fx_setup, fx_teardown)
	const struct CMUnitTest tests[] = {
		T(wms_post__receipt__stock_in_supplier_out),
		T(wms_post__numbers__per_depot_type_year),
		T(wms_post__item_by_barcode__found),
		T(wms_post__issue__to_cost_centre),
		T(wms_post__insufficient_stock__refused_with_figures),
		T(wms_post__bad_quantity_or_places__refused),
		T(wms_post__lot_item_without_lot__refused),
		T(wms_post__lot_with_other_expiry__refused),
		T(wms_post__lot_movement__event_says_its_expiry),
		T(wms_post__lot_without_expiry__from_shelf_life),
		T(wms_post__expired_lot_issue__refused),
		T(wms_post__expired_lot_override__supervisor_and_admin),
		T(wms_post__expired_lot_override__storekeeper_denied),
		T(wms_post__serials_not_matching_quantity__refused),
		T(wms_post__serial_already_in_stock__refused),
		T(wms_post__serial_not_at_location__refused),
		T(wms_post__units__converted_exactly),
		T(wms_post__one_bad_line__posts_nothing),
		T(wms_post__transfer__held_in_destination_transit),
		T(wms_transfer_receive__part_then_rest__status_follows),
		T(wms_transfer_receive__part_equal_to_rest__received),
		T(wms_transfer_receive__more_than_in_transit__refused),
		T(wms_stock_fefo_each__lots__first_expiry_first),
		T(wms_transfer_left_each__part_received__what_is_left),
		T(wms_transfer_receive__wrong_depot__refused),
		T(wms_transfer_receive__lot_part__by_lot),
		T(wms_transfer_receive__half_a_serial__refused),
		T(wms_reverse__receipt__everything_back_once),
		T(wms_reverse__issue__restores_stock),
		T(wms_reverse__receipt_already_issued__refused),
		T(wms_reverse__transfer_part_received__all_back),
		T(wms_reverse__transfer_stock_issued_at_destination__refused),
		T(wms_reverse__adjustment__undone),
		T(wms_reverse__serial_issue_after_received_again__refused),
		T(item_cost__moving_average__receipts_and_issue),
		T(item_cost__transfer__value_follows_stock),
		T(item_cost__receipt_reversed_after_turnover__value_not_negative),
		T(item_cost__received_transfer_reversed__both_depots_back),
		T(item_cost__partly_received_reversed__nothing_in_transit),
		T(item_cost__reversal_after_revaluation__value_moved_not_made),
		T(post_move__past_the_limits__refused_nothing_written),
		T(ledger__random_operations__books_balance),
	};
#undef T

	return cmocka_run_group_tests_name("ledger", tests, NULL, NULL);
}
