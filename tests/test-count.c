/* Unit tests for core/count.c: snapshot, blind entry, recount, posting. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "core/count.h"
#include "lib/err.h"
#include "core/ledger.h"
#include "core/master.h"
#include "core/wms.h"
#include "data/stmt.h"

/* 2026-03-01T00:00:00Z: document numbers are HMS-CNT-2026-NNNNNN. */
#define CLOCK	((time_t)1772323200)

struct fx {
	char		 dir[64];
	char		 path[96];
	struct wms	*w;
};

static void
ok(int rc, const struct wms_err *err)
{
	if (rc != 0)
		fail_msg("rc %d: %s", rc, err->msg);
}

static void
as(struct fx *f, const char *user)
{
	struct wms_err err = { 0, "" };

	ok(wms_login_trusted(f->w, user, &err), &err);
}

static void
item(struct fx *f, const char *code, const char *tracking,
    const char *barcode)
{
	struct wms_err	 err = { 0, "" };
	struct db_item	 it;
	char		*bc[1];

	memset(&it, 0, sizeof it);
	it.code = (char *)code;
	it.name_ar = (char *)"صنف";
	it.name_en = (char *)code;
	it.category = (char *)"";
	it.uom = (char *)(strcmp(tracking, "lot") == 0 ? "L" : "EA");
	it.tracking = (char *)tracking;
	if (barcode != NULL) {
		bc[0] = (char *)barcode;
		it.barcodes = bc;
		it.nbarcodes = 1;
	}
	ok(wms_item_add(f->w, &it, &err), &err);
}

static void
receive(struct fx *f, const char *to, const char *code, const char *lot,
    int64_t qty)
{
	struct wms_err	err = { 0, "" };
	struct wms_doc	d;
	struct wms_line	ln;
	char		num[WMS_NUMBER_MAX];

	memset(&d, 0, sizeof d);
	memset(&ln, 0, sizeof ln);
	d.type = WMS_DOC_RECEIPT;
	d.to = to;
	d.supplier = "ACME";
	ln.item = code;
	ln.qty = qty;
	ln.lot = lot;
	ln.cost = 1000;
	ok(wms_post(f->w, &d, &ln, 1, num, &err), &err);
}

static void
receive_serials(struct fx *f, const char *to, const char *code,
    const char *const *serials, size_t n)
{
	struct wms_err	err = { 0, "" };
	struct wms_doc	d;
	struct wms_line	ln;
	char		num[WMS_NUMBER_MAX];

	memset(&d, 0, sizeof d);
	memset(&ln, 0, sizeof ln);
	d.type = WMS_DOC_RECEIPT;
	d.to = to;
	ln.item = code;
	ln.qty = (int64_t)n * 1000;
	ln.serials = serials;
	ln.nserials = n;
	ln.cost = -1;
	ok(wms_post(f->w, &d, &ln, 1, num, &err), &err);
}

static void
move(struct fx *f, const char *from, const char *to, const char *code,
    int64_t qty)
{
	struct wms_err	err = { 0, "" };
	struct wms_doc	d;
	struct wms_line	ln;
	char		num[WMS_NUMBER_MAX];

	memset(&d, 0, sizeof d);
	memset(&ln, 0, sizeof ln);
	d.type = WMS_DOC_MOVE;
	d.from = from;
	d.to = to;
	ln.item = code;
	ln.qty = qty;
	ln.cost = -1;
	ok(wms_post(f->w, &d, &ln, 1, num, &err), &err);
}

/* One integer from SQL with up to three text parameters. */
static int64_t
q1(struct fx *f, const char *sql, const char *a, const char *b,
    const char *c)
{
	sqlite3_stmt	*st;
	int64_t		 v = 0;

	assert_int_equal(sqlite3_prepare_v2(db_handle(wms_db(f->w)), sql, -1,
	    &st, NULL), SQLITE_OK);
	if (a != NULL)
		sqlite3_bind_text(st, 1, a, -1, SQLITE_STATIC);
	if (b != NULL)
		sqlite3_bind_text(st, 2, b, -1, SQLITE_STATIC);
	if (c != NULL)
		sqlite3_bind_text(st, 3, c, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* The balance of item (and lot, or NULL) at a location path. */
static int64_t
bal(struct fx *f, const char *loc, const char *code, const char *lot)
{
	return q1(f, "SELECT coalesce(sum(b.qty), 0) FROM balance b "
	    "JOIN location l ON l.id = b.location_id JOIN item i ON "
	    "i.id = b.item_id LEFT JOIN lot t ON t.id = b.lot_id WHERE "
	    "l.path = ?1 AND i.code = ?2 AND coalesce(t.code, '') = "
	    "coalesce(?3, '')", loc, code, lot);
}

/* Everything a refused call must leave alone, as one text. */
static char *
state(struct fx *f)
{
	sqlite3_stmt	*st;
	char		*s = NULL;

	assert_int_equal(sqlite3_prepare_v2(db_handle(wms_db(f->w)),
	    "SELECT (SELECT group_concat(x, ',') FROM (SELECT location_id || "
	    "':' || item_id || ':' || lot_id || ':' || qty AS x FROM balance "
	    "ORDER BY 1)) || '|' || (SELECT count(*) FROM movement) || '|' || "
	    "(SELECT group_concat(x, ',') FROM (SELECT number || ':' || "
	    "status AS x FROM document ORDER BY id)) || '|' || (SELECT "
	    "coalesce(group_concat(x, ','), '') FROM (SELECT doc_id || ':' || "
	    "location_id || ':' || item_id || ':' || lot_id || ':' || "
	    "expected || ':' || coalesce(counted, '-') || ':' || "
	    "coalesce(book, '-') || ':' || status AS x FROM count_line "
	    "ORDER BY 1)) || '|' || (SELECT count(*) FROM outbox)", -1, &st,
	    NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		s = strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	assert_non_null(s);
	return s;
}

static void
same_state(char *before, struct fx *f)
{
	char *after = state(f);

	assert_string_equal(before, after);
	free(before);
	free(after);
}

/* The rows of a count, copied. */
struct row {
	char	loc[64], item[32], lot[48], status[12], by[32];
	int64_t	expected, counted, book, variance;
	int	has_counted;
};

struct rows {
	struct row	r[32];
	int		n;
};

static int
collect(const struct db_count_line *cr, void *arg)
{
	struct rows	*rs = arg;
	struct row	*r;

	assert_true(rs->n < 32);
	r = &rs->r[rs->n++];
	snprintf(r->loc, sizeof r->loc, "%s", cr->location);
	snprintf(r->item, sizeof r->item, "%s", cr->item);
	snprintf(r->lot, sizeof r->lot, "%s", cr->lot ? cr->lot : "");
	snprintf(r->status, sizeof r->status, "%s", cr->status);
	snprintf(r->by, sizeof r->by, "%s", cr->counted_by ? cr->counted_by :
	    "");
	r->expected = cr->expected;
	r->counted = cr->counted;
	r->book = cr->book;
	r->variance = cr->variance;
	r->has_counted = cr->has_counted;
	return 0;
}

static int
rows(struct fx *f, const char *num, struct rows *rs)
{
	struct wms_err	err = { 0, "" };
	int		blind = -1;

	memset(rs, 0, sizeof *rs);
	ok(wms_count_each(f->w, num, &blind, collect, rs, &err), &err);
	assert_true(blind == 0 || blind == 1);
	return blind;
}

static const struct row *
find(const struct rows *rs, const char *loc, const char *code,
    const char *lot)
{
	int i;

	for (i = 0; i < rs->n; i++) {
		if (strcmp(rs->r[i].loc, loc) == 0 &&
		    strcmp(rs->r[i].item, code) == 0 &&
		    strcmp(rs->r[i].lot, lot ? lot : "") == 0)
			return &rs->r[i];
	}
	fail_msg("no row %s %s %s", loc, code, lot ? lot : "");
	return NULL;
}

static void
start(struct fx *f, const char *prefix, char num[WMS_NUMBER_MAX])
{
	struct wms_err err = { 0, "" };

	ok(wms_count_start(f->w, prefix, num, &err), &err);
}

static void
enter(struct fx *f, const char *num, const char *loc, const char *code,
    const char *lot, int64_t qty)
{
	struct wms_err err = { 0, "" };

	ok(wms_count_enter(f->w, num, loc, code, lot, qty, &err), &err);
}

static int
setup(void **state_)
{
	struct wms_err	 err = { 0, "" };
	struct fx	*f;

	f = calloc(1, sizeof *f);
	assert_non_null(f);
	snprintf(f->dir, sizeof f->dir, "/tmp/test-count-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof f->path, "%s/wms.db", f->dir);
	ok(wms_init(f->path, "TST", "admin", "password1", &err), &err);
	f->w = wms_open(f->path, &err);
	assert_non_null(f->w);
	wms_set_clock(f->w, CLOCK);
	as(f, "admin");
	ok(wms_depot_add(f->w, "HMS", "مستودع حمص", "Homs", &err), &err);
	ok(wms_location_add(f->w, "HMS/A/01", &err), &err);
	ok(wms_location_add(f->w, "HMS/A/02", &err), &err);
	ok(wms_location_add(f->w, "HMS/AB/01", &err), &err);
	ok(wms_location_add(f->w, "HMS/B/01", &err), &err);
	ok(wms_location_add(f->w, "HMS/C/01", &err), &err);
	item(f, "P-100", "none", "6281000000017");
	item(f, "OIL-5", "lot", NULL);
	item(f, "GAUGE", "serial", NULL);
	ok(wms_user_add(f->w, "sk", "storekeeper", "password1", &err), &err);
	ok(wms_user_add(f->w, "aud", "auditor", "password1", &err), &err);
	receive(f, "HMS/A/01", "P-100", NULL, 10000);
	receive(f, "HMS/A/02", "P-100", NULL, 4000);
	receive(f, "HMS/AB/01", "P-100", NULL, 7000);
	receive(f, "HMS/B/01", "P-100", NULL, 3000);
	receive(f, "HMS/A/01", "OIL-5", "L1", 50000);
	receive(f, "HMS/B/01", "OIL-5", "L2", 20000);
	*state_ = f;
	return 0;
}

static int
teardown(void **state_)
{
	struct fx	*f = *state_;
	char		 p[128];

	wms_close(f->w);
	unlink(f->path);
	snprintf(p, sizeof p, "%s-wal", f->path);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", f->path);
	unlink(p);
	rmdir(f->dir);
	free(f);
	return 0;
}

static void
test_snapshot(void **state_)
{
	struct fx		*f = *state_;
	struct wms_err		 err = { 0, "" };
	struct wms_count_info	 ci;
	struct rows		 rs;
	char			 num[WMS_NUMBER_MAX], num2[WMS_NUMBER_MAX];

	start(f, "HMS/A", num);
	assert_string_equal(num, "HMS-CNT-2026-000001");
	assert_int_equal(rows(f, num, &rs), 0);
	/* HMS/AB/01 is not under HMS/A. */
	assert_int_equal(rs.n, 3);
	assert_string_equal(rs.r[0].loc, "HMS/A/01");
	assert_string_equal(rs.r[0].item, "OIL-5");
	assert_string_equal(rs.r[0].lot, "L1");
	assert_true(rs.r[0].expected == 50000);
	assert_string_equal(rs.r[1].item, "P-100");
	assert_true(rs.r[1].expected == 10000);
	assert_string_equal(rs.r[1].lot, "");
	assert_string_equal(rs.r[1].status, "pending");
	assert_int_equal(rs.r[1].has_counted, 0);
	assert_string_equal(rs.r[2].loc, "HMS/A/02");
	assert_true(rs.r[2].expected == 4000);

	ok(wms_count_info(f->w, num, &ci, &err), &err);
	assert_string_equal(ci.number, num);
	assert_string_equal(ci.status, "open");
	assert_string_equal(ci.prefix, "HMS/A");
	assert_string_equal(ci.depot, "HMS");
	assert_int_equal(ci.lines, 3);
	assert_int_equal(ci.counted, 0);
	assert_int_equal(ci.pending, 3);
	assert_int_equal(q1(f, "SELECT count(*) FROM document WHERE "
	    "number = ?1 AND type = 'CNT' AND status = 'open' AND "
	    "location_prefix = 'HMS/A'", num, NULL, NULL), 1);
	assert_int_equal(q1(f, "SELECT count(*) FROM audit WHERE "
	    "action = 'count.start' AND doc = ?1", num, NULL, NULL), 1);
	assert_int_equal(q1(f, "SELECT count(*) FROM outbox WHERE "
	    "type = 'count.start'", NULL, NULL, NULL), 1);

	/* The whole depot; one bin exactly; a trailing slash. */
	start(f, "HMS", num2);
	assert_string_equal(num2, "HMS-CNT-2026-000002");
	rows(f, num2, &rs);
	assert_int_equal(rs.n, 6);
	start(f, "HMS/A/01", num2);
	rows(f, num2, &rs);
	assert_int_equal(rs.n, 2);
	start(f, "HMS/A/", num2);
	ok(wms_count_info(f->w, num2, &ci, &err), &err);
	assert_string_equal(ci.prefix, "HMS/A");
	assert_int_equal(ci.lines, 3);

	/* An empty area is a real count. */
	start(f, "HMS/C", num2);
	ok(wms_count_info(f->w, num2, &ci, &err), &err);
	assert_int_equal(ci.lines, 0);
}

static void
test_start_refused(void **state_)
{
	struct fx	*f = *state_;
	struct wms_err	 err = { 0, "" };
	char		 num[WMS_NUMBER_MAX] = "", *before;

	before = state(f);
	assert_int_equal(wms_count_start(f->w, "HMS/Z", num, &err),
	    WMS_ERR_NOTFOUND);
	assert_non_null(strstr(err.msg, "HMS/Z"));
	/* HMS/A/0 is not a '/' boundary of HMS/A/01. */
	assert_int_equal(wms_count_start(f->w, "HMS/A/0", num, &err),
	    WMS_ERR_NOTFOUND);
	assert_int_equal(wms_count_start(f->w, "XX/A", num, &err),
	    WMS_ERR_NOTFOUND);
	assert_int_equal(wms_count_start(f->w, "", num, &err),
	    WMS_ERR_INVALID);
	as(f, "aud");
	assert_int_equal(wms_count_start(f->w, "HMS/A", num, &err),
	    WMS_ERR_DENIED);
	same_state(before, f);
	assert_string_equal(num, "");
}

static void
test_blind(void **state_)
{
	struct fx		*f = *state_;
	struct wms_err		 err = { 0, "" };
	struct rows		 rs;
	const struct row	*r;
	char			 num[WMS_NUMBER_MAX], *before;

	as(f, "sk");
	start(f, "HMS/A", num);
	enter(f, num, "HMS/A/01", "P-100", NULL, 9000);
	assert_int_equal(rows(f, num, &rs), 1);
	r = find(&rs, "HMS/A/01", "P-100", NULL);
	assert_true(r->expected == 0 && r->book == 0 && r->variance == 0);
	assert_true(r->counted == 9000);
	assert_int_equal(r->has_counted, 1);
	assert_string_equal(r->by, "sk");
	assert_string_equal(r->status, "counted");
	r = find(&rs, "HMS/A/01", "OIL-5", "L1");
	assert_true(r->expected == 0);

	/* A storekeeper may neither send back nor post. */
	before = state(f);
	assert_int_equal(wms_count_recount(f->w, num, "HMS/A/01", "P-100",
	    NULL, &err), WMS_ERR_DENIED);
	assert_int_equal(wms_count_post(f->w, num, 1, &err), WMS_ERR_DENIED);
	same_state(before, f);

	as(f, "admin");
	assert_int_equal(rows(f, num, &rs), 0);
	r = find(&rs, "HMS/A/01", "P-100", NULL);
	assert_true(r->expected == 10000);
	assert_true(r->book == 10000);
	assert_true(r->counted == 9000);
	assert_true(r->variance == -1000);
	r = find(&rs, "HMS/A/01", "OIL-5", "L1");
	assert_true(r->expected == 50000);
	assert_int_equal(r->has_counted, 0);
}

static void
test_enter_overwrite(void **state_)
{
	struct fx		*f = *state_;
	struct wms_err		 err = { 0, "" };
	struct wms_count_info	 ci;
	struct rows		 rs;
	const struct row	*r;
	char			 num[WMS_NUMBER_MAX];

	start(f, "HMS/A", num);
	enter(f, num, "HMS/A/01", "P-100", NULL, 9000);
	/* By barcode, and again: the latest entry wins. */
	enter(f, num, "HMS/A/01", "6281000000017", NULL, 11000);
	rows(f, num, &rs);
	assert_int_equal(rs.n, 3);
	r = find(&rs, "HMS/A/01", "P-100", NULL);
	assert_true(r->counted == 11000);
	assert_true(r->variance == 1000);
	enter(f, num, "HMS/A/02", "P-100", NULL, 0);
	rows(f, num, &rs);
	r = find(&rs, "HMS/A/02", "P-100", NULL);
	assert_int_equal(r->has_counted, 1);
	assert_true(r->counted == 0);
	assert_true(r->variance == -4000);
	ok(wms_count_info(f->w, num, &ci, &err), &err);
	assert_int_equal(ci.lines, 3);
	assert_int_equal(ci.counted, 2);
	assert_int_equal(ci.pending, 1);
	assert_int_equal(q1(f, "SELECT count(*) FROM audit WHERE "
	    "action = 'count.enter' AND doc = ?1", num, NULL, NULL), 3);
	/* The audit entry does not unblind the count. */
	assert_int_equal(q1(f, "SELECT count(*) FROM audit WHERE "
	    "action = 'count.enter' AND detail LIKE '%book%'", NULL, NULL,
	    NULL), 0);
}

static void
test_enter_refused(void **state_)
{
	struct fx	*f = *state_;
	struct wms_err	 err = { 0, "" };
	char		 num[WMS_NUMBER_MAX], want[160], grn[WMS_NUMBER_MAX];
	char		*before;

	start(f, "HMS/A", num);
	enter(f, num, "HMS/A/01", "P-100", NULL, 9000);
	before = state(f);
	assert_int_equal(wms_count_enter(f->w, num, "HMS/B/01", "P-100",
	    NULL, 1000, &err), WMS_ERR_INVALID);
	snprintf(want, sizeof want, "HMS/B/01 is not in count %s (HMS/A)",
	    num);
	assert_string_equal(err.msg, want);
	assert_int_equal(wms_count_enter(f->w, num, "HMS/AB/01", "P-100",
	    NULL, 1000, &err), WMS_ERR_INVALID);
	assert_int_equal(wms_count_enter(f->w, num, "HMS/@ADJUST", "P-100",
	    NULL, 1000, &err), WMS_ERR_INVALID);
	assert_int_equal(wms_count_enter(f->w, num, "HMS/A/99", "P-100",
	    NULL, 1000, &err), WMS_ERR_NOTFOUND);
	assert_int_equal(wms_count_enter(f->w, num, "HMS/A/01", "NOPE",
	    NULL, 1000, &err), WMS_ERR_NOTFOUND);
	assert_int_equal(wms_count_enter(f->w, num, "HMS/A/01", "OIL-5",
	    NULL, 1000, &err), WMS_ERR_INVALID);
	assert_int_equal(wms_count_enter(f->w, num, "HMS/A/01", "OIL-5",
	    "L9", 1000, &err), WMS_ERR_NOTFOUND);
	assert_int_equal(wms_count_enter(f->w, num, "HMS/A/01", "P-100",
	    "L1", 1000, &err), WMS_ERR_INVALID);
	assert_int_equal(wms_count_enter(f->w, num, "HMS/A/01", "P-100",
	    NULL, -1, &err), WMS_ERR_INVALID);
	assert_int_equal(wms_count_enter(f->w, "HMS-CNT-2026-000099",
	    "HMS/A/01", "P-100", NULL, 1000, &err), WMS_ERR_NOTFOUND);
	/* A receipt is not a count. */
	{
		struct wms_doc	d;
		struct wms_line	ln;

		memset(&d, 0, sizeof d);
		memset(&ln, 0, sizeof ln);
		d.type = WMS_DOC_RECEIPT;
		d.to = "HMS/C/01";
		ln.item = "P-100";
		ln.qty = 1000;
		ln.cost = -1;
		ok(wms_post(f->w, &d, &ln, 1, grn, &err), &err);
		free(before);
		before = state(f);
	}
	assert_int_equal(wms_count_enter(f->w, grn, "HMS/A/01", "P-100",
	    NULL, 1000, &err), WMS_ERR_INVALID);
	assert_int_equal(wms_count_post(f->w, grn, 1, &err), WMS_ERR_INVALID);
	as(f, "aud");
	assert_int_equal(wms_count_enter(f->w, num, "HMS/A/01", "P-100",
	    NULL, 1000, &err), WMS_ERR_DENIED);
	same_state(before, f);
}

static void
test_found_stock(void **state_)
{
	struct fx		*f = *state_;
	struct wms_err		 err = { 0, "" };
	struct rows		 rs;
	const struct row	*r;
	char			 num[WMS_NUMBER_MAX];

	start(f, "HMS/A", num);
	enter(f, num, "HMS/A/01", "P-100", NULL, 10000);
	enter(f, num, "HMS/A/01", "OIL-5", "L1", 50000);
	enter(f, num, "HMS/A/02", "P-100", NULL, 4000);
	/* Lot L2 was never here. */
	enter(f, num, "HMS/A/02", "OIL-5", "L2", 5000);
	rows(f, num, &rs);
	assert_int_equal(rs.n, 4);
	r = find(&rs, "HMS/A/02", "OIL-5", "L2");
	assert_true(r->expected == 0 && r->book == 0 && r->counted == 5000);
	ok(wms_count_post(f->w, num, 0, &err), &err);
	assert_true(bal(f, "HMS/A/02", "OIL-5", "L2") == 5000);
	assert_true(bal(f, "HMS/@ADJUST", "OIL-5", "L2") == -5000);
	assert_int_equal(q1(f, "SELECT count(*) FROM movement m JOIN "
	    "document d ON d.id = m.doc_id WHERE d.number = ?1", num, NULL,
	    NULL), 1);
}

static void
test_recount_blocks(void **state_)
{
	struct fx		*f = *state_;
	struct wms_err		 err = { 0, "" };
	struct wms_count_info	 ci;
	struct rows		 rs;
	const struct row	*r;
	char			 num[WMS_NUMBER_MAX], *before;

	start(f, "HMS/A", num);
	enter(f, num, "HMS/A/01", "P-100", NULL, 9000);
	enter(f, num, "HMS/A/01", "OIL-5", "L1", 50000);
	enter(f, num, "HMS/A/02", "P-100", NULL, 4000);
	ok(wms_count_recount(f->w, num, "HMS/A/01", "P-100", NULL, &err),
	    &err);
	rows(f, num, &rs);
	r = find(&rs, "HMS/A/01", "P-100", NULL);
	assert_string_equal(r->status, "recount");
	assert_int_equal(r->has_counted, 0);
	ok(wms_count_info(f->w, num, &ci, &err), &err);
	assert_int_equal(ci.pending, 1);
	assert_int_equal(ci.counted, 2);

	/* Not in the count at all. */
	assert_int_equal(wms_count_recount(f->w, num, "HMS/A/02", "OIL-5",
	    "L1", &err), WMS_ERR_NOTFOUND);

	before = state(f);
	assert_int_equal(wms_count_post(f->w, num, 0, &err), WMS_ERR_REFUSED);
	assert_non_null(strstr(err.msg, "1 of 3"));
	same_state(before, f);

	enter(f, num, "HMS/A/01", "P-100", NULL, 9500);
	ok(wms_count_post(f->w, num, 0, &err), &err);
	assert_true(bal(f, "HMS/A/01", "P-100", NULL) == 9500);
}

static void
test_pending_skip(void **state_)
{
	struct fx		*f = *state_;
	struct wms_err		 err = { 0, "" };
	struct wms_count_info	 ci;
	char			 num[WMS_NUMBER_MAX], *before;

	start(f, "HMS/A", num);
	enter(f, num, "HMS/A/02", "P-100", NULL, 3000);
	before = state(f);
	assert_int_equal(wms_count_post(f->w, num, 0, &err), WMS_ERR_REFUSED);
	same_state(before, f);
	ok(wms_count_post(f->w, num, 1, &err), &err);
	assert_true(bal(f, "HMS/A/02", "P-100", NULL) == 3000);
	/* The uncounted lines are left as they are. */
	assert_true(bal(f, "HMS/A/01", "P-100", NULL) == 10000);
	assert_true(bal(f, "HMS/A/01", "OIL-5", "L1") == 50000);
	ok(wms_count_info(f->w, num, &ci, &err), &err);
	assert_string_equal(ci.status, "posted");
	assert_int_equal(ci.pending, 2);
}

static void
test_post(void **state_)
{
	struct fx		*f = *state_;
	struct wms_err		 err = { 0, "" };
	struct wms_count_info	 ci;
	char			 num[WMS_NUMBER_MAX], *before;

	start(f, "HMS/A", num);
	enter(f, num, "HMS/A/01", "P-100", NULL, 8000);
	enter(f, num, "HMS/A/01", "OIL-5", "L1", 52500);
	enter(f, num, "HMS/A/02", "P-100", NULL, 4000);
	ok(wms_count_post(f->w, num, 0, &err), &err);

	assert_true(bal(f, "HMS/A/01", "P-100", NULL) == 8000);
	assert_true(bal(f, "HMS/A/01", "OIL-5", "L1") == 52500);
	assert_true(bal(f, "HMS/A/02", "P-100", NULL) == 4000);
	assert_true(bal(f, "HMS/@ADJUST", "P-100", NULL) == 2000);
	assert_true(bal(f, "HMS/@ADJUST", "OIL-5", "L1") == -2500);
	/* Two adjustments, one each way, attached to the count. */
	assert_int_equal(q1(f, "SELECT count(*) FROM movement m JOIN "
	    "document d ON d.id = m.doc_id JOIN location a ON a.id = "
	    "m.from_loc JOIN location b ON b.id = m.to_loc WHERE "
	    "d.number = ?1 AND a.path = 'HMS/A/01' AND b.path = 'HMS/@ADJUST' "
	    "AND m.qty = 2000", num, NULL, NULL), 1);
	assert_int_equal(q1(f, "SELECT count(*) FROM movement m JOIN "
	    "document d ON d.id = m.doc_id JOIN location a ON a.id = "
	    "m.from_loc JOIN location b ON b.id = m.to_loc WHERE "
	    "d.number = ?1 AND a.path = 'HMS/@ADJUST' AND b.path = 'HMS/A/01' "
	    "AND m.qty = 2500", num, NULL, NULL), 1);
	assert_int_equal(q1(f, "SELECT count(*) FROM movement m JOIN "
	    "document d ON d.id = m.doc_id WHERE d.number = ?1", num, NULL,
	    NULL), 2);
	/* The ledger still adds up to zero per item. */
	assert_int_equal(q1(f, "SELECT count(*) FROM (SELECT item_id FROM "
	    "balance GROUP BY item_id HAVING sum(qty) <> 0)", NULL, NULL,
	    NULL), 0);
	assert_int_equal(q1(f, "SELECT count(*) FROM outbox WHERE "
	    "type = 'count.post'", NULL, NULL, NULL), 1);
	ok(wms_count_info(f->w, num, &ci, &err), &err);
	assert_string_equal(ci.status, "posted");
	/* The event lists every line (docs/events.md, count_lines). */
	assert_int_equal(q1(f, "SELECT json_array_length(payload, "
	    "'$.count_lines') FROM outbox WHERE type = 'count.post'", NULL,
	    NULL, NULL), ci.lines);
	assert_int_equal(q1(f, "SELECT count(*) FROM outbox o, "
	    "json_each(o.payload, '$.count_lines') l WHERE "
	    "json_extract(l.value, '$.location') = 'HMS/A/01' AND "
	    "json_extract(l.value, '$.item') = 'OIL-5' AND "
	    "json_extract(l.value, '$.lot') = 'L1' AND "
	    "json_extract(l.value, '$.status') = 'counted' AND "
	    "json_extract(l.value, '$.expected_milli') = 50000 AND "
	    "json_extract(l.value, '$.book_milli') = 50000 AND "
	    "json_extract(l.value, '$.counted_milli') = 52500", NULL, NULL,
	    NULL), 1);
	/* A lot without expiry says so: null, not absent. */
	assert_int_equal(q1(f, "SELECT count(*) FROM outbox o, "
	    "json_each(o.payload, '$.movements') m WHERE o.type = "
	    "'count.post' AND json_extract(m.value, '$.lot') = 'L1' AND "
	    "json_type(m.value, '$.expiry') = 'null'", NULL, NULL, NULL), 1);

	/* A posted count no longer changes. */
	before = state(f);
	assert_int_equal(wms_count_enter(f->w, num, "HMS/A/01", "P-100", NULL,
	    1000, &err), WMS_ERR_REFUSED);
	assert_int_equal(wms_count_recount(f->w, num, "HMS/A/01", "P-100",
	    NULL, &err), WMS_ERR_REFUSED);
	assert_int_equal(wms_count_post(f->w, num, 0, &err), WMS_ERR_REFUSED);
	same_state(before, f);
}

static void
test_receipt_before_enter(void **state_)
{
	struct fx		*f = *state_;
	struct wms_err		 err = { 0, "" };
	struct rows		 rs;
	const struct row	*r;
	char			 num[WMS_NUMBER_MAX];

	start(f, "HMS/A/01", num);
	receive(f, "HMS/A/01", "P-100", NULL, 5000);
	enter(f, num, "HMS/A/01", "P-100", NULL, 15000);
	enter(f, num, "HMS/A/01", "OIL-5", "L1", 50000);
	rows(f, num, &rs);
	r = find(&rs, "HMS/A/01", "P-100", NULL);
	assert_true(r->expected == 10000);
	assert_true(r->book == 15000);
	assert_true(r->variance == 0);
	ok(wms_count_post(f->w, num, 0, &err), &err);
	assert_true(bal(f, "HMS/A/01", "P-100", NULL) == 15000);
	assert_int_equal(q1(f, "SELECT count(*) FROM movement m JOIN "
	    "document d ON d.id = m.doc_id WHERE d.number = ?1", num, NULL,
	    NULL), 0);
}

static void
test_receipt_after_enter(void **state_)
{
	struct fx	*f = *state_;
	struct wms_err	 err = { 0, "" };
	char		 num[WMS_NUMBER_MAX];

	start(f, "HMS/A/01", num);
	enter(f, num, "HMS/A/01", "P-100", NULL, 8000);
	enter(f, num, "HMS/A/01", "OIL-5", "L1", 50000);
	receive(f, "HMS/A/01", "P-100", NULL, 5000);
	ok(wms_count_post(f->w, num, 0, &err), &err);
	/* counted 8 + received 5 after counting: the receipt stays. */
	assert_true(bal(f, "HMS/A/01", "P-100", NULL) == 13000);
}

static void
test_below_zero(void **state_)
{
	struct fx	*f = *state_;
	struct wms_err	 err = { 0, "" };
	char		 num[WMS_NUMBER_MAX], *before;

	start(f, "HMS/A/02", num);
	enter(f, num, "HMS/A/02", "P-100", NULL, 3000);
	/* All of it leaves after counting: -1 cannot be taken any more. */
	move(f, "HMS/A/02", "HMS/B/01", "P-100", 4000);
	before = state(f);
	assert_int_equal(wms_count_post(f->w, num, 0, &err), WMS_ERR_REFUSED);
	assert_non_null(strstr(err.msg, "HMS/A/02"));
	assert_non_null(strstr(err.msg, num));
	same_state(before, f);
}

static void
test_serial(void **state_)
{
	static const char *const serials[] = { "SN1", "SN2" };
	struct fx	*f = *state_;
	struct wms_err	 err = { 0, "" };
	char		 num[WMS_NUMBER_MAX];

	receive_serials(f, "HMS/C/01", "GAUGE", serials, 2);
	start(f, "HMS/C", num);
	assert_int_equal(wms_count_enter(f->w, num, "HMS/C/01", "GAUGE",
	    "SN1", 2000, &err), WMS_ERR_INVALID);
	assert_int_equal(wms_count_enter(f->w, num, "HMS/C/01", "GAUGE",
	    NULL, 1000, &err), WMS_ERR_INVALID);
	enter(f, num, "HMS/C/01", "GAUGE", "SN1", 1000);
	enter(f, num, "HMS/C/01", "GAUGE", "SN2", 0);
	ok(wms_count_post(f->w, num, 0, &err), &err);
	assert_true(bal(f, "HMS/C/01", "GAUGE", "SN1") == 1000);
	assert_true(bal(f, "HMS/C/01", "GAUGE", "SN2") == 0);
}

struct listed {
	char	numbers[4][WMS_NUMBER_MAX];
	int	counted[4];
	int	n;
};

static int
list_one(const struct wms_count_info *ci, void *arg)
{
	struct listed *l = arg;

	assert_true(l->n < 4);
	snprintf(l->numbers[l->n], sizeof l->numbers[l->n], "%s", ci->number);
	l->counted[l->n++] = ci->counted;
	return 0;
}

/* The value of the line of P-100 at HMS/A/01. */
static int
value_row(const struct db_count_line *r, void *arg)
{
	if (strcmp(r->location, "HMS/A/01") == 0 &&
	    strcmp(r->item, "P-100") == 0)
		*(int64_t *)arg = r->value;
	return 0;
}

static int64_t
value_of(struct fx *f, const char *num, int *blind)
{
	struct wms_err	err = { 0, "" };
	int64_t		v = 12345;

	ok(wms_count_each(f->w, num, blind, value_row, &v, &err), &err);
	return v;
}

static void
test_list_and_value(void **state_)
{
	struct fx	*f = *state_;
	struct wms_err	 err = { 0, "" };
	struct listed	 l;
	char		 a[WMS_NUMBER_MAX], b[WMS_NUMBER_MAX];
	int		 blind;

	start(f, "HMS/A", a);
	start(f, "HMS/B", b);
	/* 2 of 10 pumps at 10.00 each are missing: -20.00. */
	enter(f, a, "HMS/A/01", "P-100", NULL, 8000);
	memset(&l, 0, sizeof l);
	ok(wms_count_list(f->w, 0, 10, list_one, &l, &err), &err);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.numbers[0], b);
	assert_string_equal(l.numbers[1], a);
	assert_int_equal(l.counted[1], 1);
	assert_true(value_of(f, a, &blind) == -2000);
	assert_int_equal(blind, 0);
	/* Blind for a storekeeper: no value either. */
	as(f, "sk");
	assert_true(value_of(f, a, &blind) == 0);
	assert_int_equal(blind, 1);
	as(f, "admin");
	ok(wms_count_post(f->w, b, 1, &err), &err);
	memset(&l, 0, sizeof l);
	ok(wms_count_list(f->w, 0, 10, list_one, &l, &err), &err);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.numbers[0], a);
	memset(&l, 0, sizeof l);
	ok(wms_count_list(f->w, 1, 1, list_one, &l, &err), &err);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.numbers[0], b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_snapshot, setup, teardown),
		cmocka_unit_test_setup_teardown(test_start_refused, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_blind, setup, teardown),
		cmocka_unit_test_setup_teardown(test_enter_overwrite, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_enter_refused, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_found_stock, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_recount_blocks, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_pending_skip, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_post, setup, teardown),
		cmocka_unit_test_setup_teardown(test_receipt_before_enter,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_receipt_after_enter, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_below_zero, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_serial, setup, teardown),
		cmocka_unit_test_setup_teardown(test_list_and_value, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
