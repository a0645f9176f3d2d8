/* Statements of users, the audit chain and the outbox. */
#include "data/db-user.h"

static const char *const db_user_sql[DB_USER_N] = {
	[DB_USER_ADD] = "INSERT INTO user(name, role, pw_hash, created_at) "
	    "VALUES(:name, :role, :hash, :at)",
	[DB_USER_GET] = "SELECT id, role, pw_hash, failures, locked_until, lang "
	    "FROM user WHERE name = :name",
	/* A lock that has run out starts the count again from one. */
	[DB_USER_FAIL] = "UPDATE user SET "
	    "failures = CASE WHEN locked_until <> 0 AND locked_until <= :now "
	    "THEN 1 ELSE failures + 1 END, "
	    "locked_until = CASE WHEN (CASE WHEN locked_until <> 0 AND "
	    "locked_until <= :now THEN 1 ELSE failures + 1 END) >= :tries "
	    "THEN :until WHEN locked_until <= :now THEN 0 ELSE locked_until END "
	    "WHERE id = :id RETURNING failures",
	[DB_USER_OK] = "UPDATE user SET failures = 0, locked_until = 0 "
	    "WHERE id = :id AND (failures <> 0 OR locked_until <> 0)",
	[DB_USER_PASSWD] = "UPDATE user SET pw_hash = :hash, failures = 0, "
	    "locked_until = 0 WHERE name = :name",
	[DB_USER_LANG] = "UPDATE user SET lang = :lang WHERE id = :id",
	[DB_USER_LIST] = "SELECT name AS name, role AS role, lang AS lang, "
	    "locked_until AS locked_until, created_at AS created_at "
	    "FROM user ORDER BY name",
	[DB_USER_ROLE] = "UPDATE user SET role = :role WHERE name = :name",
	[DB_USER_UNLOCK] = "UPDATE user SET failures = 0, locked_until = 0 "
	    "WHERE name = :name",
	/* Admins other than :name: the last one may not lose the role. */
	[DB_USER_ADMINS] = "SELECT count(*) FROM user WHERE role = 'admin' "
	    "AND name <> :name",
};

const struct db_stmt_table db_user_table = {
	.family = DB_FAM_USER,
	.name = "user",
	.sql = db_user_sql,
	.n = DB_USER_N,
};

static const char *const db_audit_sql[DB_AUDIT_N] = {
	[DB_AUDIT_HEAD] = "SELECT value, head FROM counter WHERE name = 'audit'",
	[DB_AUDIT_NEXT] = "UPDATE counter SET value = :seq, head = :hash "
	    "WHERE name = 'audit'",
	[DB_AUDIT_ADD] = "INSERT INTO audit(seq, at, user, action, doc, detail, "
	    "hash) VALUES(:seq, :at, :user, :action, :doc, :detail, :hash)",
	[DB_AUDIT_ALL] = "SELECT seq, at, user, action, doc, detail, hash "
	    "FROM audit ORDER BY seq",
	[DB_AUDIT_LAST] = "SELECT seq, at, user, action, doc, detail FROM "
	    "audit ORDER BY seq DESC LIMIT :limit",
	[DB_OUTBOX_NEXT] = "UPDATE counter SET value = value + 1 "
	    "WHERE name = 'outbox' RETURNING value",
	[DB_OUTBOX_ADD] = "INSERT INTO outbox(seq, event_id, type, subject, "
	    "payload, created_at) VALUES(:seq, :id, :type, :subject, "
	    ":payload, :at)",
};

const struct db_stmt_table db_audit_table = {
	.family = DB_FAM_AUDIT,
	.name = "audit",
	.sql = db_audit_sql,
	.n = DB_AUDIT_N,
};

int
db_user_each(struct db *db, int (*fn)(const struct db_user_row *, void *),
    void *arg, struct wms_err *err)
{
	struct db_user_row	 u;
	struct db_row		 r;
	sqlite3_stmt		*st;
	int			 rc, stop = 0;

	if ((st = db_stmt(db, &db_user_table, DB_USER_LIST, err)) == NULL)
		return WMS_ERR_DB;
	while (!stop && (rc = db_step(db, st, err)) == 1) {
		r = db_row(st);
		u.name = db_row_text(&r, "name");
		u.role = db_row_text(&r, "role");
		u.lang = db_row_text(&r, "lang");
		u.locked_until = db_row_int(&r, "locked_until");
		u.created_at = db_row_text(&r, "created_at");
		stop = fn(&u, arg);
	}
	sqlite3_reset(st);
	return rc < 0 ? rc : 0;
}
