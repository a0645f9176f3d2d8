/*
 * Tests of the relay's depot side without a server: data/db-outbox.c (the
 * pending events, the acknowledged prefix marked sent, the state row, the
 * migration of an older database), bus/status.c (the figures), and
 * bus/relay.c's checks and its --once bound when no server answers.
 * tests/integration/sync.sh runs the relay against a real nats-server.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "bus/relay.h"
#include "bus/sign.h"
#include "bus/status.h"
#include "data/db-outbox.h"
#include "lib/time.h"
#include "tests/fixture.h"

/* n one-line receipts of P-100 into HMS/A/01: events 1..n. */
static void
receipts(struct fx *f, int n)
{
	int i;

	for (i = 0; i < n; i++)
		fx_receive(f->w, "HMS/A/01", "P-100", 1000, NULL, NULL);
}

static void
rows_fini(struct db_outbox_row *rows, int n)
{
	int i;

	for (i = 0; i < n; i++)
		db_outbox_row_fini(&rows[i]);
}

static void
outbox__pending__in_seq_order_after_a_seq(void **state)
{
	struct fx		*f = *state;
	struct db_outbox_row	 rows[8];
	int			 n;

	receipts(f, 5);
	fx_ok(db_outbox_pending(wms_db(f->w), 0, 8, rows, &n, &f->err),
	    &f->err);
	assert_int_equal(n, 5);
	assert_int_equal(rows[0].seq, 1);
	assert_int_equal(rows[4].seq, 5);
	assert_string_equal(rows[0].type, "receipt");
	assert_string_equal(rows[0].user, FX_ADMIN);
	assert_int_equal(strlen(rows[0].event_id), 36);
	assert_non_null(strstr(rows[0].payload, "\"movements\""));
	assert_int_equal(strlen(rows[0].created_at), 24);
	rows_fini(rows, n);
	/* After a seq, and no more than asked for. */
	fx_ok(db_outbox_pending(wms_db(f->w), 2, 2, rows, &n, &f->err),
	    &f->err);
	assert_int_equal(n, 2);
	assert_int_equal(rows[0].seq, 3);
	assert_int_equal(rows[1].seq, 4);
	rows_fini(rows, n);
}

static void
outbox__mark_sent__the_prefix_only_and_the_state(void **state)
{
	struct fx		*f = *state;
	struct db_outbox_row	 rows[8];
	struct db_bus_state	 st;
	int			 n;

	receipts(f, 5);
	fx_ok(db_outbox_mark_sent(wms_db(f->w), 0, 3,
	    "2026-12-02T10:00:00.000Z", &f->err), &f->err);
	/* One row for the range; the outbox rows are not rewritten. */
	assert_int_equal(fx_int(f->w, "SELECT count(*) FROM bus_sent WHERE "
	    "first = 1 AND upto = 3 AND at = '2026-12-02T10:00:00.000Z'"), 1);
	assert_int_equal(fx_int(f->w, "SELECT count(*) FROM outbox WHERE "
	    "state = 'pending' AND sent_at IS NULL"), 5);
	fx_ok(db_bus_state_get(wms_db(f->w), "2026-12-02T09:00:00.000Z",
	    &st, &f->err), &f->err);
	assert_int_equal(st.acked_seq, 3);
	assert_int_equal(st.last_seq, 5);
	assert_int_equal(st.pending, 2);
	assert_int_equal(st.sent_since, 3);
	assert_string_equal(st.last_ack, "2026-12-02T10:00:00.000Z");
	assert_int_equal(strlen(st.oldest_pending_at), 24);
	/* The rate counts from `since` on. */
	fx_ok(db_bus_state_get(wms_db(f->w), "2026-12-02T11:00:00.000Z",
	    &st, &f->err), &f->err);
	assert_int_equal(st.sent_since, 0);
	/* The head alone: the state row and the last seq, nothing counted. */
	fx_ok(db_bus_state_head(wms_db(f->w), &st, &f->err), &f->err);
	assert_int_equal(st.acked_seq, 3);
	assert_int_equal(st.last_seq, 5);
	assert_int_equal(st.pending, 0);
	assert_string_equal(st.last_ack, "2026-12-02T10:00:00.000Z");
	/* What is pending now starts after the acknowledged seq. */
	fx_ok(db_outbox_pending(wms_db(f->w), st.acked_seq, 8, rows, &n,
	    &f->err), &f->err);
	assert_int_equal(n, 2);
	assert_int_equal(rows[0].seq, 4);
	rows_fini(rows, n);
	/* The rest, and nothing waits. */
	fx_ok(db_outbox_mark_sent(wms_db(f->w), 3, 5,
	    "2026-12-02T10:00:01.000Z", &f->err), &f->err);
	fx_ok(db_bus_state_get(wms_db(f->w), NULL, &st, &f->err), &f->err);
	assert_int_equal(st.pending, 0);
	assert_string_equal(st.oldest_pending_at, "");
	assert_int_equal(st.acked_seq, 5);
}

static void
outbox__error__kept_then_cleared_by_an_acknowledgement(void **state)
{
	struct fx		*f = *state;
	struct db_bus_state	 st;

	receipts(f, 2);
	fx_ok(db_bus_error_set(wms_db(f->w), "the bus does not answer",
	    "2026-12-02T10:00:00.000Z", &f->err), &f->err);
	fx_ok(db_bus_connected(wms_db(f->w), "2026-12-02T09:59:00.000Z",
	    &f->err), &f->err);
	fx_ok(db_bus_state_get(wms_db(f->w), NULL, &st, &f->err), &f->err);
	assert_string_equal(st.last_error, "the bus does not answer");
	assert_string_equal(st.last_error_at, "2026-12-02T10:00:00.000Z");
	assert_string_equal(st.last_connect, "2026-12-02T09:59:00.000Z");
	fx_ok(db_outbox_mark_sent(wms_db(f->w), 0, 1,
	    "2026-12-02T10:01:00.000Z", &f->err), &f->err);
	fx_ok(db_bus_state_get(wms_db(f->w), NULL, &st, &f->err), &f->err);
	assert_string_equal(st.last_error, "");
	assert_string_equal(st.last_error_at, "");
	assert_int_equal(st.pending, 1);
}

static void
outbox__mark_sent__writes_no_audit_entry(void **state)
{
	struct fx	*f = *state;
	int64_t		 before;

	receipts(f, 1);
	before = fx_int(f->w, "SELECT count(*) FROM audit");
	fx_ok(db_outbox_mark_sent(wms_db(f->w), 0, 1,
	    "2026-12-02T10:00:00.000Z", &f->err), &f->err);
	fx_ok(db_bus_error_set(wms_db(f->w), "x", "2026-12-02T10:00:00.000Z",
	    &f->err), &f->err);
	/* Transport state: the audit chain and the counter do not move. */
	assert_int_equal(fx_int(f->w, "SELECT count(*) FROM audit"), before);
	assert_int_equal(fx_int(f->w, "SELECT value FROM counter WHERE "
	    "name = 'outbox'"), 1);
}

static void
outbox__data_version__changes_when_another_connection_commits(void **state)
{
	struct fx	*f = *state;
	struct wms	*other;
	int64_t		 v1, v2, v3;

	fx_ok(db_outbox_data_version(wms_db(f->w), &v1, &f->err), &f->err);
	fx_ok(db_outbox_data_version(wms_db(f->w), &v2, &f->err), &f->err);
	assert_true(v1 == v2);
	other = fx_open_as(f->path, FX_ADMIN);
	fx_receive(other, "HMS/A/01", "P-100", 1000, NULL, NULL);
	wms_close(other);
	fx_ok(db_outbox_data_version(wms_db(f->w), &v3, &f->err), &f->err);
	assert_true(v3 != v2);
}

static void
migration__an_older_depot_gets_the_bus_state(void **state)
{
	struct fx		*f = *state;
	struct db_bus_state	 st;

	static const char *const chained[] = { "depot", "location",
	    "cost_centre", "item", "item_barcode", "item_unit", "user", "meta",
	    "device" };
	char			 sql[128];
	size_t			 i;
	const char		*op;

	receipts(f, 3);
	/* The database as schema 5 left it: what 6 to 14 add, taken out. */
	for (i = 0; i < sizeof chained / sizeof chained[0]; i++) {
		for (op = "iud"; *op != '\0'; op++) {
			snprintf(sql, sizeof sql, "DROP TRIGGER chain_%s_%c",
			    chained[i], *op);
			fx_ok(fx_sql(f->w, "%s", sql), NULL);
		}
	}
	fx_ok(fx_sql(f->w, "ALTER TABLE item_unit DROP COLUMN purchase"), NULL);
	fx_ok(fx_sql(f->w, "DROP TABLE inbound_received; DROP TABLE "
	    "inbound_state; DROP TABLE inbound_applied"), NULL);
	fx_ok(fx_sql(f->w, "DROP TABLE login_session; DROP TABLE chain_dirty; "
	    "DROP TABLE catalogue_state; ALTER TABLE depot DROP COLUMN site"),
	    NULL);
	fx_ok(fx_sql(f->w, "DROP INDEX outbox_sent_at; ALTER TABLE outbox "
	    "DROP COLUMN sent_at; DROP TABLE bus_state; DROP TABLE bus_sent"), NULL);
	/* The outbox's CHECK as 0001 wrote it, before 0015. */
	fx_ok(fx_sql(f->w, "PRAGMA writable_schema = ON; "
	    "UPDATE sqlite_schema SET sql = replace(sql, 'CHECK (state = "
	    "''pending'' OR state = ''sent'' OR' || char(10, 9, 9, 9) || '    "
	    "state = ''parked'')', 'CHECK (state IN (''pending'', ''sent'', "
	    "''parked''))') WHERE name = 'outbox'; "
	    "PRAGMA writable_schema = RESET"), NULL);
	assert_int_equal(fx_int(f->w, "SELECT instr(sql, 'state IN (') > 0 "
	    "FROM sqlite_schema WHERE name = 'outbox'"), 1);
	fx_ok(fx_sql(f->w, "PRAGMA user_version = 5"), NULL);
	wms_close(f->w);
	f->w = fx_open_as(f->path, FX_ADMIN);
	assert_int_equal(fx_int(f->w, "PRAGMA user_version"),
	    db_schema_version());
	/* 0011 made document again with IN lists; 0015 took them out. */
	assert_int_equal(fx_int(f->w, "SELECT count(*) FROM sqlite_schema "
	    "WHERE name IN ('document', 'outbox') AND instr(sql, ' IN (')"),
	    0);
	assert_int_equal(fx_int(f->w, "SELECT count(*) FROM sqlite_schema "
	    "WHERE name IN ('document', 'outbox') AND instr(sql, ' OR')"),
	    2);
	fx_ok(db_bus_state_get(wms_db(f->w), NULL, &st, &f->err), &f->err);
	assert_int_equal(st.acked_seq, 0);
	assert_int_equal(st.pending, 3);
	assert_int_equal(st.last_seq, 3);
}

static void
status__figures_for_the_screen_and_sync_status(void **state)
{
	struct fx		*f = *state;
	struct bus_status	 st;
	char			 now[32];
	struct timeval		 tv;

	receipts(f, 4);
	/* Written a minute ago, as far as the status can tell. */
	fx_ok(fx_sql(f->w, "UPDATE outbox SET created_at = strftime("
	    "'%%Y-%%m-%%dT%%H:%%M:%%fZ', 'now', '-60 seconds')"), NULL);
	gettimeofday(&tv, NULL);
	wms_time_iso(tv.tv_sec, 0, now);
	fx_ok(db_outbox_mark_sent(wms_db(f->w), 0, 1, now, &f->err), &f->err);
	fx_ok(bus_status_read(f->w, &st, &f->err), &f->err);
	assert_int_equal(st.pending, 3);
	assert_int_equal(st.last_seq, 4);
	assert_int_equal(st.acked_seq, 1);
	assert_in_range(st.oldest_pending_s, 59, 120);
	assert_int_equal(st.acked_last_hour, 1);
	assert_string_equal(st.last_ack, now);
	assert_string_equal(st.last_error, "");
	/* 1 an hour: 0.02 a minute, in hundredths. */
	assert_int_equal(BUS_STATUS_RATE_X100(&st), 2);
	st.acked_last_hour = 600;
	assert_int_equal(BUS_STATUS_RATE_X100(&st), 1000);
}

/* A key for site in a file of the test's own; its path into out. */
static void
key_file(const char *site, char *out, size_t n)
{
	struct wms_err err;

	fx_tmp_path(out, n, "key");
	fx_ok(bus_key_generate(out, site, NULL, &err), &err);
}

static void
relay_check__settings_refused_each_with_its_reason(void **state)
{
	struct fx		*f = *state;
	struct bus_relay_conf	 c;
	char			 key[256], other[256];

	key_file(FX_SITE, key, sizeof key);
	key_file("OTHER", other, sizeof other);
	memset(&c, 0, sizeof c);
	c.key_path = key;
	fx_fails(bus_relay_check(f->w, &c, &f->err), WMS_ERR_USAGE, &f->err,
	    "no bus server");
	c.nats.urls = "tls://127.0.0.1:4222,tls://relay:secret@10.0.0.1:4222";
	fx_fails(bus_relay_check(f->w, &c, &f->err), WMS_ERR_USAGE, &f->err,
	    "never in a URL");
	c.nats.urls = "tls://127.0.0.1:4222";
	fx_ok(bus_relay_check(f->w, &c, &f->err), &f->err);
	c.key_path = "/nonexistent/makhzan.key";
	fx_fails(bus_relay_check(f->w, &c, &f->err), WMS_ERR_NOTFOUND,
	    &f->err, "makhzan bus keygen");
	c.key_path = other;
	fx_fails(bus_relay_check(f->w, &c, &f->err), WMS_ERR_INVALID, &f->err,
	    "key of site OTHER");
	assert_int_equal(chmod(key, 0644), 0);
	c.key_path = key;
	fx_fails(bus_relay_check(f->w, &c, &f->err), WMS_ERR_DENIED, &f->err,
	    "chmod 600");
	unlink(key);
	unlink(other);
}

static void
relay_once__no_server__bounded_and_recorded(void **state)
{
	struct fx		*f = *state;
	struct bus_relay_conf	 c;
	struct bus_relay_stats	 stats;
	struct bus_status	 st;
	struct timespec		 t0, t1;
	char			 key[256], url[64];
	double			 took;

	receipts(f, 3);
	key_file(FX_SITE, key, sizeof key);
	/* Port 1: nothing listens there on a test machine. */
	snprintf(url, sizeof url, "nats://127.0.0.1:%d", 1);
	memset(&c, 0, sizeof c);
	c.nats.urls = url;
	c.key_path = key;
	c.once = 1;
	c.once_wait_s = 1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	fx_fails(bus_relay_run(f->w, &c, &stats, &f->err), WMS_ERR_IO,
	    &f->err, "does not answer");
	clock_gettime(CLOCK_MONOTONIC, &t1);
	took = (double)(t1.tv_sec - t0.tv_sec) +
	    (t1.tv_nsec - t0.tv_nsec) / 1e9;
	assert_true(took < 5.0);
	assert_int_equal(stats.events, 0);
	fx_ok(bus_status_read(f->w, &st, &f->err), &f->err);
	assert_int_equal(st.pending, 3);
	assert_non_null(strstr(st.last_error, "does not answer"));
	assert_int_equal(fx_int(f->w, "SELECT count(*) FROM outbox WHERE "
	    "state = 'sent'") + fx_int(f->w, "SELECT count(*) FROM bus_sent"),
	    0);
	unlink(key);
}

/*
 * The restore guard's statements: the mark records where the outbox ends;
 * renumbering moves the events written since after the bus's last, fills
 * the numbers between with rows that never travel, moves the counter on
 * and clears the mark; an event already sent after the mark is refused.
 */
static void
outbox__renumber__after_the_bus_gapless_and_the_mark_cleared(void **state)
{
	struct fx		*f = *state;
	struct db		*db = wms_db(f->w);
	struct db_bus_state	 st;
	struct db_outbox_row	 rows[8];
	char			 id[40], moved[40];
	int			 n;

	receipts(f, 3);
	fx_ok(db_bus_restore_mark(db, "2026-12-03T01:00:00.000Z", &f->err),
	    &f->err);
	fx_ok(db_bus_state_get(db, NULL, &st, &f->err), &f->err);
	assert_int_equal(st.restored_seq, 3);
	assert_string_equal(st.restored_at, "2026-12-03T01:00:00.000Z");
	receipts(f, 2);		/* 4 and 5, written since the restore */
	assert_int_equal(db_outbox_event_id(db, 5, moved, &f->err), 1);
	assert_int_equal(db_outbox_event_id(db, 99, id, &f->err), 0);
	assert_string_equal(id, "");
	/* The bus holds up to 10; its event 10 is this id. */
	fx_ok(db_begin(db, &f->err), &f->err);
	fx_ok(db_outbox_renumber(db, 3, 10,
	    "01a40000-0000-7000-8000-00000000000a",
	    "makhzan.HMS.events.bus.skipped", "2026-12-03T01:00:00.000Z",
	    "2026-12-03T01:05:00.000Z", &f->err), &f->err);
	fx_ok(db_commit(db, &f->err), &f->err);
	/* 4 and 5 are now 11 and 12, with their ids. */
	assert_int_equal(db_outbox_event_id(db, 12, id, &f->err), 1);
	assert_string_equal(id, moved);
	assert_int_equal(fx_int(f->w, "SELECT count(*) FROM outbox"), 12);
	assert_int_equal(fx_int(f->w, "SELECT max(seq) - min(seq) + 1 FROM "
	    "outbox"), 12);
	assert_int_equal(fx_int(f->w, "SELECT value FROM counter WHERE "
	    "name = 'outbox'"), 12);
	assert_int_equal(fx_int(f->w, "SELECT count(*) FROM outbox WHERE "
	    "type = 'bus.skipped' AND state = 'sent' AND sent_at IS NULL AND "
	    "seq BETWEEN 4 AND 10"), 7);
	assert_int_equal(db_outbox_event_id(db, 10, id, &f->err), 1);
	assert_string_equal(id, "01a40000-0000-7000-8000-00000000000a");
	fx_ok(db_bus_state_get(db, NULL, &st, &f->err), &f->err);
	assert_int_equal(st.restored_seq, 0);
	assert_int_equal(st.pending, 5);	/* 1-3 and 11-12 */
	/* The relay reads them after the skipped ones, in order. */
	fx_ok(db_outbox_pending(db, 3, 8, rows, &n, &f->err), &f->err);
	assert_int_equal(n, 2);
	assert_int_equal(rows[0].seq, 11);
	assert_int_equal(rows[1].seq, 12);
	rows_fini(rows, n);
	/* The next posting follows them. */
	receipts(f, 1);
	assert_int_equal(fx_int(f->w, "SELECT max(seq) FROM outbox"), 13);
	/* An event after `after` that has left: refused, nothing changed. */
	fx_ok(db_outbox_mark_sent(db, 10, 11, "2026-12-03T01:06:00.000Z",
	    &f->err), &f->err);
	fx_ok(db_begin(db, &f->err), &f->err);
	fx_fails(db_outbox_renumber(db, 10, 20, "x", "makhzan.HMS.events.x",
	    NULL, "2026-12-03T01:07:00.000Z", &f->err), WMS_ERR_CONFLICT,
	    &f->err, "cannot be numbered again");
	db_rollback(db);
	assert_int_equal(fx_int(f->w, "SELECT max(seq) FROM outbox"), 13);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
		    outbox__pending__in_seq_order_after_a_seq, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(
		    outbox__mark_sent__the_prefix_only_and_the_state, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(
		    outbox__error__kept_then_cleared_by_an_acknowledgement,
		    fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
		    outbox__mark_sent__writes_no_audit_entry, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(
		    outbox__data_version__changes_when_another_connection_commits,
		    fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
		    migration__an_older_depot_gets_the_bus_state, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(
		    status__figures_for_the_screen_and_sync_status, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(
		    relay_check__settings_refused_each_with_its_reason,
		    fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
		    relay_once__no_server__bounded_and_recorded, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(
		    outbox__renumber__after_the_bus_gapless_and_the_mark_cleared,
		    fx_setup, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
