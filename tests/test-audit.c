/* Unit tests for core/audit.c: the audit chain and the outbox of events. */
#include <time.h>

#include <jansson.h>

#include "tests/fixture.h"
#include "core/check.h"

/* Post a receipt, an issue, a move, a transfer and its receipt: 5 writes. */
static void
post_some(struct fx *f, char numbers[5][WMS_NUMBER_MAX])
{
	fx_ok(fx_post1(f->w, WMS_DOC_RECEIPT, NULL, "HMS/A/01", "P-100",
	    10000, NULL, NULL, NULL, 100, numbers[0], &f->err), &f->err);
	fx_ok(fx_post1(f->w, WMS_DOC_ISSUE, "HMS/A/01", "CC-MAINT", "P-100",
	    2000, NULL, NULL, NULL, -1, numbers[1], &f->err), &f->err);
	fx_ok(fx_post1(f->w, WMS_DOC_MOVE, "HMS/A/01", "HMS/A/02", "P-100",
	    3000, NULL, NULL, NULL, -1, numbers[2], &f->err), &f->err);
	fx_ok(fx_post1(f->w, WMS_DOC_TRANSFER, "HMS/A/02", "BNS", "P-100",
	    1000, NULL, NULL, NULL, -1, numbers[3], &f->err), &f->err);
	fx_ok(wms_transfer_receive(f->w, numbers[3], "BNS/A/01", NULL, 0,
	    &f->err), &f->err);
	memcpy(numbers[4], numbers[3], WMS_NUMBER_MAX);
}

/* Verify and expect WMS_ERR_CORRUPT with every one of the words. */
static void
verify_corrupt(struct fx *f, const char *w1, const char *w2)
{
	int64_t n = -1;

	wms_err_clear(&f->err);
	fx_fails(wms_audit_verify(f->w, &n, &f->err), WMS_ERR_CORRUPT,
	    &f->err, w1);
	if (w2 != NULL && strstr(f->err.msg, w2) == NULL)
		fail_msg("message \"%s\" does not contain \"%s\"", f->err.msg,
		    w2);
}

/* The chain's hash of one entry, computed as core/audit.c documents it. */
static void
chain_hash(const char *prev, int64_t seq, const char *at, const char *user,
    const char *action, const char *doc, const char *detail, char out[65])
{
	crypto_generichash_state	 h;
	unsigned char			 bin[32];
	const char			*f[7];
	char				 num[24];
	int				 i;

	snprintf(num, sizeof num, "%lld", (long long)seq);
	f[0] = prev;
	f[1] = num;
	f[2] = at;
	f[3] = user;
	f[4] = action;
	f[5] = doc;
	f[6] = detail;
	crypto_generichash_init(&h, NULL, 0, sizeof bin);
	for (i = 0; i < 7; i++) {
		if (f[i] != NULL)
			crypto_generichash_update(&h,
			    (const unsigned char *)f[i], strlen(f[i]));
		else
			crypto_generichash_update(&h,
			    (const unsigned char *)"\1", 1);
		crypto_generichash_update(&h, (const unsigned char *)"\n", 1);
	}
	crypto_generichash_final(&h, bin, sizeof bin);
	sodium_bin2hex(out, 65, bin, sizeof bin);
}

static void
wms_audit_verify__untouched__passes_and_counts(void **state)
{
	struct fx	*f = *state;
	char		 numbers[5][WMS_NUMBER_MAX];
	int64_t		 n = -1;

	post_some(f, numbers);
	fx_ok(wms_audit_verify(f->w, &n, &f->err), &f->err);
	assert_int_equal(n, f->master_writes + 5);
	assert_int_equal(fx_int(f->w, "SELECT count(*) FROM audit"), n);
	assert_int_equal(fx_int(f->w, "SELECT value FROM counter WHERE "
	    "name = 'audit'"), n);
	/* The auditor may verify. */
	fx_as(f->w, "aud");
	fx_ok(wms_audit_verify(f->w, &n, &f->err), &f->err);
	assert_int_equal(n, f->master_writes + 5);
}

static void
wms_audit_add__posting__names_document_user_action(void **state)
{
	struct fx	*f = *state;
	char		 numbers[5][WMS_NUMBER_MAX];

	fx_as(f->w, "sk");
	post_some(f, numbers);
	assert_int_equal(fx_int(f->w, "SELECT count(*) FROM audit WHERE "
	    "doc = %Q AND action = 'receipt' AND user = 'sk'", numbers[0]),
	    1);
	assert_int_equal(fx_int(f->w, "SELECT count(*) FROM audit WHERE "
	    "doc = %Q AND action = 'issue'", numbers[1]), 1);
	assert_int_equal(fx_int(f->w, "SELECT count(*) FROM audit WHERE "
	    "doc = %Q", numbers[3]), 2);
	/* Entries are chained: every hash differs and is 64 hex digits. */
	assert_int_equal(fx_int(f->w, "SELECT count(DISTINCT hash) FROM "
	    "audit WHERE length(hash) = 64 AND hash NOT GLOB '*[^0-9a-f]*'"),
	    fx_int(f->w, "SELECT count(*) FROM audit"));
}

static void
wms_audit_verify__edited_detail__names_entry(void **state)
{
	struct fx	*f = *state;
	char		 numbers[5][WMS_NUMBER_MAX];

	post_some(f, numbers);
	assert_int_equal(fx_sql(f->w, "UPDATE audit SET detail = "
	    "'{\"code\":\"XXX\"}' WHERE seq = 3"), SQLITE_OK);
	verify_corrupt(f, "entry 3 ", "altered");
}

static void
wms_audit_verify__edited_user_or_time__caught(void **state)
{
	struct fx	*f = *state;
	char		 numbers[5][WMS_NUMBER_MAX];

	post_some(f, numbers);
	assert_int_equal(fx_sql(f->w, "UPDATE audit SET user = 'sup' WHERE "
	    "seq = %d", (int)f->master_writes + 2), SQLITE_OK);
	verify_corrupt(f, "altered", NULL);
	assert_int_equal(fx_sql(f->w, "UPDATE audit SET user = 'admin' WHERE "
	    "seq = %d", (int)f->master_writes + 2), SQLITE_OK);
	fx_ok(wms_audit_verify(f->w, &(int64_t){ 0 }, &f->err), &f->err);
	assert_int_equal(fx_sql(f->w, "UPDATE audit SET at = "
	    "'2020-01-01T00:00:00.000Z' WHERE seq = 1"), SQLITE_OK);
	verify_corrupt(f, "entry 1 ", "altered");
}

static void
wms_audit_verify__middle_deleted__names_missing(void **state)
{
	struct fx	*f = *state;
	char		 numbers[5][WMS_NUMBER_MAX];

	post_some(f, numbers);
	assert_int_equal(fx_sql(f->w, "DELETE FROM audit WHERE seq = 5"),
	    SQLITE_OK);
	verify_corrupt(f, "missing", "5");
	assert_int_equal(fx_sql(f->w, "DELETE FROM audit WHERE seq IN (6, "
	    "7)"), SQLITE_OK);
	verify_corrupt(f, "5 to 7", "missing");
}

static void
wms_audit_verify__tail_deleted__reported(void **state)
{
	struct fx	*f = *state;
	char		 numbers[5][WMS_NUMBER_MAX], last[24];
	int64_t		 n;

	post_some(f, numbers);
	n = fx_int(f->w, "SELECT max(seq) FROM audit");
	assert_int_equal(fx_sql(f->w, "DELETE FROM audit WHERE seq = %lld",
	    (long long)n), SQLITE_OK);
	snprintf(last, sizeof last, "%lld", (long long)n);
	verify_corrupt(f, "deleted", last);
	/* Every entry deleted. */
	assert_int_equal(fx_sql(f->w, "DELETE FROM audit"), SQLITE_OK);
	verify_corrupt(f, "deleted", last);
}

static void
wms_audit_verify__forged_row__caught(void **state)
{
	struct fx	*f = *state;
	char		 numbers[5][WMS_NUMBER_MAX];
	int64_t		 n;

	post_some(f, numbers);
	n = fx_int(f->w, "SELECT max(seq) FROM audit");
	assert_int_equal(fx_sql(f->w, "INSERT INTO audit(seq, at, user, "
	    "action, doc, detail, hash) VALUES(%lld, "
	    "'2026-01-01T00:00:00.000Z', 'admin', 'user.add', NULL, "
	    "'{\"user\":\"mallory\"}', 'deadbeef')", (long long)n + 1),
	    SQLITE_OK);
	verify_corrupt(f, NULL, NULL);
	/* A forged row in the middle: the next sequence number taken. */
	assert_int_equal(fx_sql(f->w, "DELETE FROM audit WHERE seq > %lld",
	    (long long)n), SQLITE_OK);
	fx_ok(wms_audit_verify(f->w, &n, &f->err), &f->err);
	assert_int_equal(fx_sql(f->w, "UPDATE audit SET seq = seq + 1000 "
	    "WHERE seq >= 4; UPDATE audit SET seq = seq - 999 WHERE "
	    "seq >= 1004; INSERT INTO audit SELECT 4, at, user, action, doc, "
	    "'{\"forged\":1}', hash FROM audit WHERE seq = 3"), SQLITE_OK);
	assert_int_equal(fx_int(f->w, "SELECT count(*) FROM audit"), n + 1);
	verify_corrupt(f, "entry 4 ", NULL);
}

static void
wms_audit_verify__appended_row_with_valid_hash__reported_inserted(
    void **state)
{
	struct fx	*f = *state;
	char		 numbers[5][WMS_NUMBER_MAX], hash[65], *prev, *at;
	int64_t		 n;

	post_some(f, numbers);
	n = fx_int(f->w, "SELECT max(seq) FROM audit");
	prev = fx_text(f->w, "SELECT hash FROM audit WHERE seq = %lld",
	    (long long)n);
	at = fx_text(f->w, "SELECT at FROM audit WHERE seq = %lld",
	    (long long)n);
	/* A forger who knows the algorithm but not the counter row. */
	chain_hash(prev, n + 1, at, "admin", "user.add", NULL,
	    "{\"user\":\"mallory\"}", hash);
	assert_int_equal(fx_sql(f->w, "INSERT INTO audit(seq, at, user, "
	    "action, doc, detail, hash) VALUES(%lld, %Q, 'admin', 'user.add', "
	    "NULL, '{\"user\":\"mallory\"}', %Q)", (long long)n + 1, at, hash),
	    SQLITE_OK);
	/* The entry is not deleted: it was inserted after the last one. */
	verify_corrupt(f, "inserted", NULL);
	free(prev);
	free(at);
}

static void
wms_audit_verify__last_row_replaced__caught(void **state)
{
	struct fx	*f = *state;
	char		 numbers[5][WMS_NUMBER_MAX], hash[65], *prev, *at;
	int64_t		 n;

	post_some(f, numbers);
	n = fx_int(f->w, "SELECT max(seq) FROM audit");
	prev = fx_text(f->w, "SELECT hash FROM audit WHERE seq = %lld",
	    (long long)n - 1);
	at = fx_text(f->w, "SELECT at FROM audit WHERE seq = %lld",
	    (long long)n);
	chain_hash(prev, n, at, "admin", "receipt", "HMS-GRN-2000-000001",
	    "{\"movements\":1}", hash);
	assert_int_equal(fx_sql(f->w, "UPDATE audit SET action = 'receipt', "
	    "doc = 'HMS-GRN-2000-000001', detail = '{\"movements\":1}', "
	    "hash = %Q WHERE seq = %lld", hash, (long long)n), SQLITE_OK);
	verify_corrupt(f, NULL, NULL);
	free(prev);
	free(at);
}

/* The outbox: count, min and max seq, and the counter. */
static void
outbox_check(struct wms *w, int64_t want)
{
	assert_int_equal(fx_int(w, "SELECT count(*) FROM outbox"), want);
	assert_int_equal(fx_int(w, "SELECT value FROM counter WHERE "
	    "name = 'outbox'"), want);
	if (want > 0) {
		assert_int_equal(fx_int(w, "SELECT min(seq) FROM outbox"), 1);
		assert_int_equal(fx_int(w, "SELECT max(seq) FROM outbox"),
		    want);
	}
}

static void
wms_outbox_add__every_posting__one_row_gapless(void **state)
{
	struct fx	*f = *state;
	char		 numbers[5][WMS_NUMBER_MAX], adj[WMS_NUMBER_MAX];
	char		 rev[WMS_NUMBER_MAX];

	outbox_check(f->w, 0);
	post_some(f, numbers);
	outbox_check(f->w, 5);
	fx_ok(fx_post1(f->w, WMS_DOC_ADJUST, "HMS/A/02", NULL, "P-100", -500,
	    NULL, NULL, NULL, -1, adj, &f->err), &f->err);
	outbox_check(f->w, 6);
	fx_ok(wms_reverse(f->w, adj, "miscounted", rev, &f->err), &f->err);
	outbox_check(f->w, 7);
	/* Master data is audited but is not an event. */
	fx_ok(wms_location_add(f->w, "HMS/B/01", &f->err), &f->err);
	outbox_check(f->w, 7);
	assert_int_equal(fx_int(f->w, "SELECT count(*) FROM outbox WHERE "
	    "state = 'pending' AND attempts = 0"), 7);
	assert_int_equal(fx_int(f->w, "SELECT count(*) FROM outbox WHERE "
	    "subject = 'makhzan.TST.events.' || type"), 7);
}

static void
wms_outbox_add__refused_posting__no_row_no_gap(void **state)
{
	struct fx	*f = *state;
	char		 number[WMS_NUMBER_MAX], *before;

	fx_receive(f->w, "HMS/A/01", "P-100", 5000, NULL, NULL);
	outbox_check(f->w, 1);
	before = fx_snapshot(f->w);
	fx_fails(fx_post1(f->w, WMS_DOC_ISSUE, "HMS/A/01", "CC-MAINT",
	    "P-100", 8000, NULL, NULL, NULL, -1, NULL, &f->err),
	    WMS_ERR_REFUSED, &f->err, NULL);
	fx_fails(fx_post1(f->w, WMS_DOC_RECEIPT, NULL, "HMS/A/01", "NOPE",
	    1000, NULL, NULL, NULL, -1, NULL, &f->err), WMS_ERR_NOTFOUND,
	    &f->err, "NOPE");
	fx_unchanged(f->w, before);
	free(before);
	outbox_check(f->w, 1);
	fx_ok(fx_post1(f->w, WMS_DOC_ISSUE, "HMS/A/01", "CC-MAINT", "P-100",
	    5000, NULL, NULL, NULL, -1, number, &f->err), &f->err);
	outbox_check(f->w, 2);
	assert_int_equal(fx_int(f->w, "SELECT seq FROM outbox WHERE "
	    "json_extract(payload, '$.number') = %Q", number), 2);
}

/* Check the text form of a UUIDv7 and return its 48-bit timestamp. */
static int64_t
uuid7_ms(const char *id)
{
	int64_t	ms = 0;
	int	i;

	if (strlen(id) != 36)
		fail_msg("bad uuid length: %s", id);
	for (i = 0; i < 36; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (id[i] != '-')
				fail_msg("bad uuid: %s", id);
		} else if (!((id[i] >= '0' && id[i] <= '9') ||
		    (id[i] >= 'a' && id[i] <= 'f')))
			fail_msg("bad uuid digit in %s", id);
	}
	if (id[14] != '7')
		fail_msg("uuid %s is not version 7", id);
	if (strchr("89ab", id[19]) == NULL)
		fail_msg("uuid %s has not the variant 10xx", id);
	for (i = 0; i < 13; i++) {
		if (id[i] == '-')
			continue;
		ms = ms * 16 + (id[i] <= '9' ? id[i] - '0' : id[i] - 'a' + 10);
	}
	return ms;
}

static int64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
wms_uuid7__given_time__version_variant_timestamp(void **state)
{
	char	a[37], b[37];
	int64_t	ms = INT64_C(1795000000123);

	(void)state;
	wms_uuid7(ms, a);
	wms_uuid7(ms, b);
	assert_true(uuid7_ms(a) == ms);
	assert_true(uuid7_ms(b) == ms);
	/* 74 random bits: two ids of one millisecond differ. */
	assert_string_not_equal(a, b);
	/* Made in the same millisecond by one process: in order. */
	assert_true(strcmp(a, b) < 0);
	for (int i = 0; i < 100; i++) {
		wms_uuid7(ms, a);
		assert_true(strcmp(b, a) < 0);
		memcpy(b, a, sizeof b);
	}
	wms_uuid7(ms + 1, b);
	assert_true(strcmp(a, b) < 0);
	wms_uuid7(0, a);
	assert_memory_equal(a, "00000000-0000-7", 15);
}

static void
wms_outbox_add__event_ids__uuid7_increasing(void **state)
{
	struct fx	*f = *state;
	struct timespec	 pause = { 0, 3 * 1000 * 1000 };
	sqlite3_stmt	*st;
	char		 prev[37] = "";
	int64_t		 t0, t1, ms, last = 0;
	int		 i, rows = 0;

	/* Start just before a second begins: the postings cross it, where
	 * the session's clock (whole seconds, read at the start of each
	 * posting) and the real one may disagree. */
	while (now_ms() % 1000 < 985)
		nanosleep(&pause, NULL);
	t0 = now_ms();
	for (i = 0; i < 6; i++) {
		fx_receive(f->w, "HMS/A/01", "P-100", 1000, NULL, NULL);
		nanosleep(&pause, NULL);
	}
	t1 = now_ms();
	assert_int_equal(sqlite3_prepare_v2(db_handle(wms_db(f->w)),
	    "SELECT event_id FROM outbox ORDER BY seq", -1, &st, NULL),
	    SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *id = (const char *)sqlite3_column_text(st, 0);

		ms = uuid7_ms(id);
		if (ms < t0 - 1000 || ms > t1 + 1000)
			fail_msg("event id %s carries %lld, not a time between "
			    "%lld and %lld", id, (long long)ms, (long long)t0,
			    (long long)t1);
		assert_true(ms >= last);
		/* Postings milliseconds apart have increasing ids. */
		if (prev[0] != '\0' && strcmp(prev, id) >= 0)
			fail_msg("event ids out of order: %s then %s", prev,
			    id);
		snprintf(prev, sizeof prev, "%s", id);
		last = ms;
		rows++;
	}
	sqlite3_finalize(st);
	assert_int_equal(rows, 6);
}

static void
wms_outbox_add__payload__json_naming_document(void **state)
{
	struct fx	*f = *state;
	char		 numbers[5][WMS_NUMBER_MAX], *text;
	json_t		*ev, *mv;
	json_error_t	 jerr;
	int		 i;
	static const char *const types[] = { "receipt", "issue", "move",
	    "transfer.ship", "transfer.receive" };

	fx_as(f->w, "sk");
	post_some(f, numbers);
	for (i = 0; i < 5; i++) {
		text = fx_text(f->w, "SELECT payload FROM outbox WHERE seq = %d",
		    i + 1);
		ev = json_loads(text, 0, &jerr);
		if (ev == NULL)
			fail_msg("payload %d is not JSON (%s): %s", i + 1,
			    jerr.text, text);
		assert_true(json_is_object(ev));
		assert_string_equal(json_string_value(json_object_get(ev,
		    "number")), numbers[i]);
		assert_string_equal(json_string_value(json_object_get(ev,
		    "type")), types[i]);
		assert_string_equal(json_string_value(json_object_get(ev,
		    "site")), FX_SITE);
		assert_string_equal(json_string_value(json_object_get(ev,
		    "user")), "sk");
		mv = json_object_get(ev, "movements");
		assert_true(json_is_array(mv));
		assert_int_equal(json_array_size(mv), 1);
		assert_string_equal(json_string_value(json_object_get(
		    json_array_get(mv, 0), "item")), "P-100");
		assert_true(json_is_integer(json_object_get(json_array_get(mv,
		    0), "qty_milli")));
		json_decref(ev);
		free(text);
	}
	/* The receipt's movement: 10 EA from the supplier, worth 1000. */
	assert_int_equal(fx_int(f->w, "SELECT json_extract(payload, "
	    "'$.movements[0].qty_milli') FROM outbox WHERE seq = 1"), 10000);
	assert_int_equal(fx_int(f->w, "SELECT json_extract(payload, "
	    "'$.movements[0].value') FROM outbox WHERE seq = 1"), 1000);
	text = fx_text(f->w, "SELECT json_extract(payload, "
	    "'$.movements[0].from') FROM outbox WHERE seq = 1");
	assert_string_equal(text, "HMS/@SUPPLIER");
	free(text);
	text = fx_text(f->w, "SELECT json_extract(payload, '$.cost_centre') "
	    "FROM outbox WHERE seq = 2");
	assert_string_equal(text, "CC-MAINT");
	free(text);
}

static void
wms_outbox_add__lot_item__payload_names_lot(void **state)
{
	struct fx	*f = *state;
	char		*text;
	json_t		*ev, *lot;

	fx_receive(f->w, "HMS/A/01", "CHM-BENT", 50000, "B-2026-07",
	    "2027-06-30");
	text = fx_text(f->w, "SELECT payload FROM outbox WHERE seq = 1");
	ev = json_loads(text, 0, NULL);
	assert_non_null(ev);
	lot = json_object_get(json_array_get(json_object_get(ev, "movements"),
	    0), "lot");
	assert_string_equal(json_string_value(lot), "B-2026-07");
	json_decref(ev);
	free(text);
	/* An untracked item's movement has no lot, or a null one. */
	fx_receive(f->w, "HMS/A/01", "P-100", 1000, NULL, NULL);
	assert_int_equal(fx_int(f->w, "SELECT json_extract(payload, "
	    "'$.movements[0].lot') IS NULL FROM outbox WHERE seq = 2"), 1);
}

/* The problems wms_check() names, one per line. */
struct problems {
	char	text[8192];
	int	n;
};

static void
problem(const char *line, void *arg)
{
	struct problems *p = arg;
	size_t		 len = strlen(p->text);

	snprintf(p->text + len, sizeof p->text - len, "%s\n", line);
	p->n++;
}

/* wms_check() fails, and one of its problems contains want. */
static void
check_names(struct fx *f, const char *want)
{
	struct problems p = { "", 0 };

	wms_err_clear(&f->err);
	if (wms_check(f->w, problem, &p, &f->err) != WMS_ERR_CORRUPT)
		fail_msg("check did not fail (%s); problems: %s", f->err.msg,
		    p.text);
	if (strstr(p.text, want) == NULL)
		fail_msg("no problem names \"%s\": %s", want, p.text);
}

static void
wms_check__postings__pass_with_digests(void **state)
{
	struct fx	*f = *state;
	struct problems	 p = { "", 0 };
	char		 n[5][WMS_NUMBER_MAX];

	post_some(f, n);
	fx_ok(wms_check(f->w, problem, &p, &f->err), &f->err);
	assert_int_equal(p.n, 0);
	/* Every posting's entry carries its three digests, 64 hex each. */
	assert_int_equal(fx_int(f->w, "SELECT count(*) FROM audit WHERE doc "
	    "IS NOT NULL AND length(json_extract(detail, "
	    "'$.content.document')) = 64 AND length(json_extract(detail, "
	    "'$.content.payload')) = 64"), 5);
	assert_int_equal(fx_int(f->w, "SELECT count(*) FROM audit WHERE doc "
	    "= '%q' AND json_extract(detail, '$.content.lines') IS NOT NULL",
	    n[3]), 2);
	/* The marks of master data are cleared by the writes that made them. */
	assert_int_equal(fx_int(f->w, "SELECT count(*) FROM chain_dirty"), 0);
}

static void
wms_check__edited_content__named(void **state)
{
	struct fx	*f = *state;
	char		 n[5][WMS_NUMBER_MAX];

	post_some(f, n);
	assert_int_equal(fx_sql(f->w, "UPDATE document SET ref = 'x' WHERE "
	    "number = '%q'", n[1]), SQLITE_OK);
	check_names(f, "was changed after entry");
}

static void
wms_check__edited_payload__named(void **state)
{
	struct fx	*f = *state;
	char		 n[5][WMS_NUMBER_MAX];

	post_some(f, n);
	assert_int_equal(fx_sql(f->w, "UPDATE outbox SET payload = "
	    "payload || ' ' WHERE seq = 1"), SQLITE_OK);
	check_names(f, "the outbox event 1 of");
}

static void
wms_check__role_changed__named(void **state)
{
	struct fx *f = *state;

	assert_int_equal(fx_sql(f->w, "UPDATE user SET role = 'admin' WHERE "
	    "role = 'auditor'; DELETE FROM chain_dirty"), SQLITE_OK);
	check_names(f, "was changed outside makhzan");
}

static void
wms_check__trigger_dropped__named(void **state)
{
	struct fx *f = *state;

	assert_int_equal(fx_sql(f->w, "DROP TRIGGER movement_no_update"),
	    SQLITE_OK);
	check_names(f, "trigger movement_no_update is missing");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
		    wms_check__postings__pass_with_digests, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(
		    wms_check__edited_content__named, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
		    wms_check__edited_payload__named, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
		    wms_check__role_changed__named, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
		    wms_check__trigger_dropped__named, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
		    wms_audit_verify__untouched__passes_and_counts, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(
		    wms_audit_add__posting__names_document_user_action,
		    fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
		    wms_audit_verify__edited_detail__names_entry, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(
		    wms_audit_verify__edited_user_or_time__caught, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(
		    wms_audit_verify__middle_deleted__names_missing, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(
		    wms_audit_verify__tail_deleted__reported, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(
		    wms_audit_verify__forged_row__caught, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(
		    wms_audit_verify__appended_row_with_valid_hash__reported_inserted,
		    fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
		    wms_audit_verify__last_row_replaced__caught, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(
		    wms_outbox_add__every_posting__one_row_gapless, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(
		    wms_outbox_add__refused_posting__no_row_no_gap, fx_setup,
		    fx_teardown),
		cmocka_unit_test(
		    wms_uuid7__given_time__version_variant_timestamp),
		cmocka_unit_test_setup_teardown(
		    wms_outbox_add__event_ids__uuid7_increasing, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(
		    wms_outbox_add__payload__json_naming_document, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(
		    wms_outbox_add__lot_item__payload_names_lot, fx_setup,
		    fx_teardown),
	};

	return cmocka_run_group_tests_name("audit", tests, NULL, NULL);
}
