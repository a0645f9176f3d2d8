/* Statements of the bus relay: the outbox's pending events, marks, state. */
#include <stdlib.h>
#include <string.h>

#include "data/db-outbox.h"
#include "data/stmt.h"
#include "lib/i18n.h"
#include "lib/json.h"

enum db_outbox_stmt {
	DB_OUTBOX_PENDING,
	DB_OUTBOX_MARK,
	DB_BUS_ACKED,
	DB_BUS_ERROR,
	DB_BUS_CONNECTED,
	DB_BUS_STATE,
	DB_BUS_LAST_SEQ,
	DB_BUS_PENDING,
	DB_BUS_SENT_SINCE,
	DB_OUTBOX_VERSION,
	DB_OUTBOX_RELAXED,
	DB_BUS_RESTORE_MARK,
	DB_BUS_RESTORE_CLEAR,
	DB_OUTBOX_EVENT_ID,
	DB_OUTBOX_SENT_AFTER,
	DB_OUTBOX_NEGATE,
	DB_OUTBOX_SHIFT,
	DB_OUTBOX_SKIP,
	DB_OUTBOX_COUNTER_ADD,
	DB_OUTBOX_N
};

static const char *const db_outbox_sql[DB_OUTBOX_N] = {
	/*
	 * A range of the primary key: no scan of what was sent before.  The
	 * user is read from the payload in C (db_outbox_pending): SQLite's
	 * JSON functions, parsing the payload for it, were half this
	 * statement's cost, on the relay's own thread.
	 */
	[DB_OUTBOX_PENDING] = "SELECT seq, event_id, type, created_at, "
	    "payload FROM outbox WHERE seq > :after AND state = 'pending' "
	    "ORDER BY seq LIMIT :max",
	/*
	 * One row a range, not each outbox row rewritten: pending is what
	 * lies beyond bus_state.acked_seq (data/schema/0016-bus-sent.sql).
	 */
	[DB_OUTBOX_MARK] = "INSERT INTO bus_sent(upto, first, at) VALUES "
	    "(:upto, :after + 1, :at) ON CONFLICT(upto) DO NOTHING",
	[DB_BUS_ACKED] = "UPDATE bus_state SET acked_seq = max(acked_seq, "
	    ":upto), last_ack = :at, last_error = NULL, last_error_at = NULL "
	    "WHERE id = 1",
	[DB_BUS_ERROR] = "UPDATE bus_state SET last_error = :error, "
	    "last_error_at = :at WHERE id = 1",
	[DB_BUS_CONNECTED] = "UPDATE bus_state SET last_connect = :at "
	    "WHERE id = 1",
	[DB_BUS_STATE] = "SELECT acked_seq, last_ack, last_error, "
	    "last_error_at, last_connect, restored_seq, restored_at FROM "
	    "bus_state WHERE id = 1",
	[DB_BUS_LAST_SEQ] = "SELECT value AS last_seq FROM counter WHERE "
	    "name = 'outbox'",
	[DB_BUS_PENDING] = "SELECT count(*) AS pending, (SELECT created_at "
	    "FROM outbox WHERE seq > :acked AND state = 'pending' ORDER BY seq "
	    "LIMIT 1) AS oldest FROM outbox WHERE seq > :acked AND "
	    "state = 'pending'",
	/* Ranges, and the rows marked one by one before them (partial index). */
	[DB_BUS_SENT_SINCE] = "SELECT (SELECT coalesce(sum(upto - first + 1), "
	    "0) FROM bus_sent WHERE at >= :since) + (SELECT count(*) FROM "
	    "outbox WHERE sent_at >= :since) AS sent",
	[DB_OUTBOX_VERSION] = "PRAGMA data_version",
	[DB_OUTBOX_RELAXED] = "PRAGMA synchronous = NORMAL",
	[DB_BUS_RESTORE_MARK] = "UPDATE bus_state SET restored_seq = (SELECT "
	    "value FROM counter WHERE name = 'outbox'), restored_at = :at "
	    "WHERE id = 1",
	[DB_BUS_RESTORE_CLEAR] = "UPDATE bus_state SET restored_seq = NULL, "
	    "restored_at = NULL WHERE id = 1",
	[DB_OUTBOX_EVENT_ID] = "SELECT event_id FROM outbox WHERE seq = :seq",
	[DB_OUTBOX_SENT_AFTER] = "SELECT count(*) AS n FROM outbox WHERE "
	    "seq > :after AND (state <> 'pending' OR seq <= (SELECT acked_seq "
	    "FROM bus_state WHERE id = 1))",
	/* Two steps, so that no seq meets another on the way. */
	[DB_OUTBOX_NEGATE] = "UPDATE outbox SET seq = -seq WHERE seq > :after",
	[DB_OUTBOX_SHIFT] = "UPDATE outbox SET seq = :shift - seq WHERE "
	    "seq < 0",
	/*
	 * The numbers the bus already holds: rows that never travel (state
	 * sent, no sent_at), so that the outbox stays gapless for check.  The
	 * last takes the id the bus holds under its number, so that the
	 * relay's guard finds them agreeing.
	 */
	[DB_OUTBOX_SKIP] = "WITH RECURSIVE k(n) AS (SELECT :from UNION ALL "
	    "SELECT n + 1 FROM k WHERE n < :to) INSERT INTO outbox(seq, "
	    "event_id, type, subject, payload, created_at, state) SELECT n, "
	    "CASE WHEN n = :to THEN :bus_id ELSE "
	    "lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || "
	    "substr(hex(randomblob(2)), 2) || '-a' || substr(hex(randomblob(2)), "
	    "2) || '-' || hex(randomblob(6))) END, 'bus.skipped', :subject, "
	    "json_object('restored_at', :restored_at, 'bus_seq', :to), :at, "
	    "'sent' FROM k",
	[DB_OUTBOX_COUNTER_ADD] = "UPDATE counter SET value = value + :shift "
	    "WHERE name = 'outbox'",
};

const struct db_stmt_table db_outbox_table = {
	.family = DB_FAM_OUTBOX,
	.name = "outbox",
	.sql = db_outbox_sql,
	.n = DB_OUTBOX_N,
};

void
db_outbox_row_fini(struct db_outbox_row *r)
{
	free(r->payload);
	r->payload = NULL;
}

int
db_outbox_pending(struct db *db, int64_t after, int max,
    struct db_outbox_row *rows, int *n, struct wms_err *err)
{
	sqlite3_stmt	*st;
	struct db_row	 r;
	int		 rc = 0;

	*n = 0;
	if ((st = db_stmt(db, &db_outbox_table, DB_OUTBOX_PENDING, err)) ==
	    NULL)
		return WMS_ERR_DB;
	db_bind_int(st, ":after", after);
	db_bind_int(st, ":max", max);
	while (*n < max && (rc = db_step(db, st, err)) == 1) {
		struct db_outbox_row *o = &rows[*n];

		r = db_row(st);
		o->seq = db_row_int(&r, "seq");
		db_row_copy(&r, "event_id", o->event_id, sizeof o->event_id);
		db_row_copy(&r, "type", o->type, sizeof o->type);
		db_row_copy(&r, "created_at", o->created_at,
		    sizeof o->created_at);
		o->payload = db_row_dup(&r, "payload");
		/* Not JSON, or no "user" text: "" here, and its refusal
		 * when the envelope is built (or at the centre). */
		if (o->payload != NULL)
			(void)wms_json_member_text(o->payload,
			    strlen(o->payload), "user", o->user,
			    sizeof o->user);
		else
			o->user[0] = '\0';
		(*n)++;
	}
	sqlite3_reset(st);
	if (rc < 0) {
		while (*n > 0)
			db_outbox_row_fini(&rows[--(*n)]);
		return rc;
	}
	return 0;
}

/*
 * The relay's marks are transport state, not a change to the depot's
 * record: they take no audit entry and no event (as drafts take none), so
 * they do not go through core/write.c; their transaction is their own.
 */
int
db_outbox_mark_sent(struct db *db, int64_t after, int64_t upto,
    const char *at, struct wms_err *err)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((rc = db_begin(db, err)) != 0)
		return rc;
	if ((st = db_stmt(db, &db_outbox_table, DB_OUTBOX_MARK, err)) ==
	    NULL) {
		rc = WMS_ERR_DB;
		goto fail;
	}
	db_bind_int(st, ":after", after);
	db_bind_int(st, ":upto", upto);
	db_bind_text(st, ":at", at);
	if ((rc = db_exec_stmt(db, st, err)) != 0)
		goto fail;
	if ((st = db_stmt(db, &db_outbox_table, DB_BUS_ACKED, err)) == NULL) {
		rc = WMS_ERR_DB;
		goto fail;
	}
	db_bind_int(st, ":upto", upto);
	db_bind_text(st, ":at", at);
	if ((rc = db_exec_stmt(db, st, err)) != 0)
		goto fail;
	return db_commit(db, err);
fail:
	db_rollback(db);
	return rc;
}

int
db_bus_error_set(struct db *db, const char *error, const char *at,
    struct wms_err *err)
{
	sqlite3_stmt *st;

	if ((st = db_stmt(db, &db_outbox_table, DB_BUS_ERROR, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_opt(st, ":error", error);
	if (error != NULL)
		db_bind_text(st, ":at", at);
	else
		db_bind_null(st, ":at");
	return db_exec_stmt(db, st, err);
}

int
db_bus_connected(struct db *db, const char *at, struct wms_err *err)
{
	sqlite3_stmt *st;

	if ((st = db_stmt(db, &db_outbox_table, DB_BUS_CONNECTED, err)) ==
	    NULL)
		return WMS_ERR_DB;
	db_bind_text(st, ":at", at);
	return db_exec_stmt(db, st, err);
}

int
db_bus_state_head(struct db *db, struct db_bus_state *s, struct wms_err *err)
{
	sqlite3_stmt	*st;
	struct db_row	 r;
	int		 rc;

	memset(s, 0, sizeof *s);
	if ((st = db_stmt(db, &db_outbox_table, DB_BUS_STATE, err)) == NULL)
		return WMS_ERR_DB;
	if ((rc = db_step(db, st, err)) == 1) {
		r = db_row(st);
		s->acked_seq = db_row_int(&r, "acked_seq");
		db_row_copy(&r, "last_ack", s->last_ack, sizeof s->last_ack);
		db_row_copy(&r, "last_error", s->last_error,
		    sizeof s->last_error);
		db_row_copy(&r, "last_error_at", s->last_error_at,
		    sizeof s->last_error_at);
		db_row_copy(&r, "last_connect", s->last_connect,
		    sizeof s->last_connect);
		s->restored_seq = db_row_int(&r, "restored_seq");
		db_row_copy(&r, "restored_at", s->restored_at,
		    sizeof s->restored_at);
	}
	sqlite3_reset(st);
	if (rc < 0)
		return rc;
	if ((st = db_stmt(db, &db_outbox_table, DB_BUS_LAST_SEQ, err)) ==
	    NULL)
		return WMS_ERR_DB;
	if ((rc = db_step(db, st, err)) == 1) {
		r = db_row(st);
		s->last_seq = db_row_int(&r, "last_seq");
	}
	sqlite3_reset(st);
	return rc < 0 ? rc : 0;
}

int
db_bus_state_get(struct db *db, const char *since, struct db_bus_state *s,
    struct wms_err *err)
{
	sqlite3_stmt	*st;
	struct db_row	 r;
	int		 rc;

	if ((rc = db_bus_state_head(db, s, err)) != 0)
		return rc;
	if ((st = db_stmt(db, &db_outbox_table, DB_BUS_PENDING, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_int(st, ":acked", s->acked_seq);
	if ((rc = db_step(db, st, err)) == 1) {
		r = db_row(st);
		s->pending = db_row_int(&r, "pending");
		db_row_copy(&r, "oldest", s->oldest_pending_at,
		    sizeof s->oldest_pending_at);
	}
	sqlite3_reset(st);
	if (rc < 0)
		return rc;
	if (since == NULL)
		return 0;
	if ((st = db_stmt(db, &db_outbox_table, DB_BUS_SENT_SINCE, err)) ==
	    NULL)
		return WMS_ERR_DB;
	db_bind_text(st, ":since", since);
	if ((rc = db_step(db, st, err)) == 1) {
		r = db_row(st);
		s->sent_since = db_row_int(&r, "sent");
	}
	sqlite3_reset(st);
	return rc < 0 ? rc : 0;
}

int
db_outbox_data_version(struct db *db, int64_t *v, struct wms_err *err)
{
	sqlite3_stmt	*st;
	struct db_row	 r;
	int		 rc;

	*v = 0;
	if ((st = db_stmt(db, &db_outbox_table, DB_OUTBOX_VERSION, err)) ==
	    NULL)
		return WMS_ERR_DB;
	if ((rc = db_step(db, st, err)) == 1) {
		r = db_row(st);
		*v = db_row_int(&r, "data_version");
	}
	sqlite3_reset(st);
	return rc < 0 ? rc : 0;
}

int
db_outbox_relaxed(struct db *db, struct wms_err *err)
{
	sqlite3_stmt *st;

	if ((st = db_stmt(db, &db_outbox_table, DB_OUTBOX_RELAXED, err)) ==
	    NULL)
		return WMS_ERR_DB;
	return db_exec_stmt(db, st, err);
}

/* ---- the restore guard ----------------------------------------------- */

int
db_bus_restore_mark(struct db *db, const char *at, struct wms_err *err)
{
	sqlite3_stmt *st;

	if ((st = db_stmt(db, &db_outbox_table, DB_BUS_RESTORE_MARK, err)) ==
	    NULL)
		return WMS_ERR_DB;
	db_bind_text(st, ":at", at);
	return db_exec_stmt(db, st, err);
}

int
db_bus_restore_clear(struct db *db, struct wms_err *err)
{
	sqlite3_stmt *st;

	if ((st = db_stmt(db, &db_outbox_table, DB_BUS_RESTORE_CLEAR, err)) ==
	    NULL)
		return WMS_ERR_DB;
	return db_exec_stmt(db, st, err);
}

int
db_outbox_event_id(struct db *db, int64_t seq, char id[40],
    struct wms_err *err)
{
	sqlite3_stmt	*st;
	struct db_row	 r;
	int		 rc;

	id[0] = '\0';
	if ((st = db_stmt(db, &db_outbox_table, DB_OUTBOX_EVENT_ID, err)) ==
	    NULL)
		return WMS_ERR_DB;
	db_bind_int(st, ":seq", seq);
	if ((rc = db_step(db, st, err)) == 1) {
		r = db_row(st);
		db_row_copy(&r, "event_id", id, 40);
	}
	sqlite3_reset(st);
	return rc;
}

int
db_outbox_renumber(struct db *db, int64_t after, int64_t to,
    const char *bus_id, const char *subject, const char *restored_at,
    const char *at, struct wms_err *err)
{
	sqlite3_stmt	*st;
	struct db_row	 r;
	int64_t		 sent = 0, shift = to - after;
	int		 rc;

	if ((st = db_stmt(db, &db_outbox_table, DB_OUTBOX_SENT_AFTER, err)) ==
	    NULL)
		return WMS_ERR_DB;
	db_bind_int(st, ":after", after);
	if ((rc = db_step(db, st, err)) == 1) {
		r = db_row(st);
		sent = db_row_int(&r, "n");
	}
	sqlite3_reset(st);
	if (rc < 0)
		return rc;
	if (sent > 0)
		return wms_err_set(err, WMS_ERR_CONFLICT,
		    _("%lld events after %lld have already left this "
		    "database: they cannot be numbered again"),
		    (long long)sent, (long long)after);
	if (shift <= 0)
		return 0;
	if ((st = db_stmt(db, &db_outbox_table, DB_OUTBOX_NEGATE, err)) ==
	    NULL)
		return WMS_ERR_DB;
	db_bind_int(st, ":after", after);
	if ((rc = db_exec_stmt(db, st, err)) != 0)
		return rc;
	if ((st = db_stmt(db, &db_outbox_table, DB_OUTBOX_SHIFT, err)) ==
	    NULL)
		return WMS_ERR_DB;
	db_bind_int(st, ":shift", shift);
	if ((rc = db_exec_stmt(db, st, err)) != 0)
		return rc;
	if ((st = db_stmt(db, &db_outbox_table, DB_OUTBOX_SKIP, err)) ==
	    NULL)
		return WMS_ERR_DB;
	db_bind_int(st, ":from", after + 1);
	db_bind_int(st, ":to", to);
	db_bind_text(st, ":bus_id", bus_id);
	db_bind_text(st, ":subject", subject);
	db_bind_opt(st, ":restored_at", restored_at);
	db_bind_text(st, ":at", at);
	if ((rc = db_exec_stmt(db, st, err)) != 0)
		return rc;
	if ((st = db_stmt(db, &db_outbox_table, DB_OUTBOX_COUNTER_ADD, err)) ==
	    NULL)
		return WMS_ERR_DB;
	db_bind_int(st, ":shift", shift);
	if ((rc = db_exec_stmt(db, st, err)) != 0)
		return rc;
	return db_bus_restore_clear(db, err);
}
