/* Statements of the sessions of makhzan login. */
#include <stddef.h>

#include "data/db-session.h"
#include "data/stmt.h"

/* The statements, by number; private to this file. */
enum db_session_stmt {
	DB_SESSION_ADD,
	DB_SESSION_GET,
	DB_SESSION_END,
	DB_SESSION_END_USER,
	DB_SESSION_SWEEP,
	DB_SESSION_N
};

static const char *const db_session_sql[DB_SESSION_N] = {
	[DB_SESSION_ADD] = "INSERT INTO login_session(token_hash, user_id, "
	    "created_at, expires) VALUES(:hash, :user, :at, :expires)",
	[DB_SESSION_GET] = "SELECT s.user_id AS user_id, u.name AS name, "
	    "s.expires AS expires, u.locked_until AS locked_until "
	    "FROM login_session s JOIN user u ON u.id = s.user_id "
	    "WHERE s.token_hash = :hash AND s.expires > :now",
	[DB_SESSION_END] = "DELETE FROM login_session WHERE token_hash = "
	    ":hash",
	[DB_SESSION_END_USER] = "DELETE FROM login_session WHERE user_id = "
	    "(SELECT id FROM user WHERE name = :name)",
	[DB_SESSION_SWEEP] = "DELETE FROM login_session WHERE expires <= :now",
};

const struct db_stmt_table db_session_table = {
	.family = DB_FAM_SESSION,
	.name = "session",
	.sql = db_session_sql,
	.n = DB_SESSION_N,
};

int
db_session_add(struct db *db, const char *token_hash, int64_t user_id,
    const char *at, int64_t expires, struct wms_err *err)
{
	sqlite3_stmt *st;

	if ((st = db_stmt(db, &db_session_table, DB_SESSION_ADD, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_text(st, ":hash", token_hash);
	db_bind_int(st, ":user", user_id);
	db_bind_text(st, ":at", at);
	db_bind_int(st, ":expires", expires);
	return db_insert(db, st, NULL, err);
}

static void
session_read(struct db_row *r, void *arg)
{
	struct db_session_user *s = arg;

	s->user_id = db_row_int(r, "user_id");
	db_row_copy(r, "name", s->name, sizeof s->name);
	s->expires = db_row_int(r, "expires");
	s->locked_until = db_row_int(r, "locked_until");
}

int
db_session_get(struct db *db, const char *token_hash, int64_t now,
    struct db_session_user *s, struct wms_err *err)
{
	sqlite3_stmt *st;

	if ((st = db_stmt(db, &db_session_table, DB_SESSION_GET, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_text(st, ":hash", token_hash);
	db_bind_int(st, ":now", now);
	return db_one(db, st, session_read, s, err);
}

int
db_session_end(struct db *db, const char *token_hash, struct wms_err *err)
{
	sqlite3_stmt *st;

	if ((st = db_stmt(db, &db_session_table, DB_SESSION_END, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_text(st, ":hash", token_hash);
	return db_change(db, st, err);
}

int
db_session_end_user(struct db *db, const char *name, struct wms_err *err)
{
	sqlite3_stmt *st;

	if ((st = db_stmt(db, &db_session_table, DB_SESSION_END_USER,
	    err)) == NULL)
		return WMS_ERR_DB;
	db_bind_text(st, ":name", name);
	return db_change(db, st, err);
}

int
db_session_sweep(struct db *db, int64_t now, struct wms_err *err)
{
	sqlite3_stmt *st;

	if ((st = db_stmt(db, &db_session_table, DB_SESSION_SWEEP,
	    err)) == NULL)
		return WMS_ERR_DB;
	db_bind_int(st, ":now", now);
	return db_change(db, st, err);
}
