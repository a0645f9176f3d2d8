/* Users, the audit chain and the outbox of events. */
#include "data/db-report.h"
#include "data/db-user.h"
#include "data/stmt.h"

enum db_user_stmt {
	DB_USER_ADD,
	DB_USER_GET,
	DB_USER_FAIL,
	DB_USER_OK,
	DB_USER_PASSWD,
	DB_USER_LANG,
	DB_USER_LIST,
	DB_USER_ROLE,
	DB_USER_UNLOCK,
	DB_USER_ADMINS,
	DB_USER_N
};

enum db_audit_stmt {
	DB_AUDIT_HEAD,
	DB_AUDIT_NEXT,
	DB_AUDIT_ADD,
	DB_AUDIT_ALL,
	DB_AUDIT_LAST,
	DB_OUTBOX_BUMP,
	DB_OUTBOX_SEQ,
	DB_OUTBOX_ADD,
	DB_AUDIT_N
};

static const char *const db_user_sql[DB_USER_N] = {
	[DB_USER_ADD] = "INSERT INTO user(name, role, pw_hash, created_at) "
	    "VALUES(:name, :role, :hash, :at)",
	[DB_USER_GET] = "SELECT id AS id, role AS role, pw_hash AS pw_hash, "
	    "failures AS failures, locked_until AS locked_until, lang AS lang "
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
	[DB_USER_ADMINS] = "SELECT count(*) AS n FROM user WHERE role = 'admin' "
	    "AND name <> :name",
};

const struct db_stmt_table db_user_table = {
	.family = DB_FAM_USER,
	.name = "user",
	.sql = db_user_sql,
	.n = DB_USER_N,
};

static const char *const db_audit_sql[DB_AUDIT_N] = {
	[DB_AUDIT_HEAD] = "SELECT value AS value, head AS head FROM counter "
	    "WHERE name = 'audit'",
	[DB_AUDIT_NEXT] = "UPDATE counter SET value = :seq, head = :hash "
	    "WHERE name = 'audit'",
	[DB_AUDIT_ADD] = "INSERT INTO audit(seq, at, user, action, doc, detail, "
	    "hash) VALUES(:seq, :at, :user, :action, :doc, :detail, :hash)",
	[DB_AUDIT_ALL] = "SELECT seq AS seq, at AS at, user AS user, action AS "
	    "action, doc AS doc, detail AS detail, hash AS hash FROM audit "
	    "ORDER BY seq",
	[DB_AUDIT_LAST] = "SELECT seq, at, user, action, doc, detail, hash "
	    "FROM audit ORDER BY seq DESC LIMIT :limit",
	/*
	 * Two statements, not one with RETURNING: SQLite keeps the rows of
	 * a RETURNING in a temporary b-tree opened and closed on every step
	 * (a quarter of a one-line posting's time went to it and to the
	 * IN lists of 0015).
	 */
	[DB_OUTBOX_BUMP] = "UPDATE counter SET value = value + 1 "
	    "WHERE name = 'outbox'",
	[DB_OUTBOX_SEQ] = "SELECT value AS value FROM counter "
	    "WHERE name = 'outbox'",
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
db_user_add(struct db *db, const char *name, const char *role,
    const char *pw_hash, const char *at, int64_t *id, struct wms_err *err)
{
	sqlite3_stmt *st;

	if ((st = db_stmt(db, &db_user_table, DB_USER_ADD, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_text(st, ":name", name);
	db_bind_text(st, ":role", role);
	db_bind_text(st, ":hash", pw_hash);
	db_bind_text(st, ":at", at);
	return db_insert(db, st, id, err);
}

static void
user_read(struct db_row *r, void *out)
{
	struct db_user *u = out;

	u->id = db_row_int(r, "id");
	db_row_copy(r, "role", u->role, sizeof u->role);
	db_row_copy(r, "pw_hash", u->pw_hash, sizeof u->pw_hash);
	u->failures = db_row_int(r, "failures");
	u->locked_until = db_row_int(r, "locked_until");
	db_row_copy(r, "lang", u->lang, sizeof u->lang);
}

int
db_user_get(struct db *db, const char *name, struct db_user *u,
    struct wms_err *err)
{
	sqlite3_stmt *st;

	if ((st = db_stmt(db, &db_user_table, DB_USER_GET, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_text(st, ":name", name);
	return db_one(db, st, user_read, u, err);
}

int
db_user_fail(struct db *db, int64_t id, int tries, int64_t now,
    int64_t until, struct wms_err *err)
{
	sqlite3_stmt *st;

	if ((st = db_stmt(db, &db_user_table, DB_USER_FAIL, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_int(st, ":tries", tries);
	db_bind_int(st, ":now", now);
	db_bind_int(st, ":until", until);
	db_bind_int(st, ":id", id);
	return db_exec_stmt(db, st, err);
}

/* Run the user statement idx bound to :id. */
static int
user_by_id(struct db *db, int idx, int64_t id, const char *lang,
    struct wms_err *err)
{
	sqlite3_stmt *st;

	if ((st = db_stmt(db, &db_user_table, idx, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_int(st, ":id", id);
	if (lang != NULL)
		db_bind_text(st, ":lang", lang);
	return db_exec_stmt(db, st, err);
}

int
db_user_ok(struct db *db, int64_t id, struct wms_err *err)
{
	return user_by_id(db, DB_USER_OK, id, NULL, err);
}

int
db_user_set_lang(struct db *db, int64_t id, const char *lang,
    struct wms_err *err)
{
	return user_by_id(db, DB_USER_LANG, id, lang, err);
}

/*
 * Run the user statement idx bound to :name (and :key to value when key is
 * not NULL): 1 when a user changed, 0 when none did.
 */
static int
user_by_name(struct db *db, int idx, const char *name, const char *key,
    const char *value, struct wms_err *err)
{
	sqlite3_stmt *st;

	if ((st = db_stmt(db, &db_user_table, idx, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_text(st, ":name", name);
	if (key != NULL)
		db_bind_text(st, key, value);
	return db_change(db, st, err);
}

int
db_user_passwd(struct db *db, const char *name, const char *pw_hash,
    struct wms_err *err)
{
	return user_by_name(db, DB_USER_PASSWD, name, ":hash", pw_hash, err);
}

int
db_user_set_role(struct db *db, const char *name, const char *role,
    struct wms_err *err)
{
	return user_by_name(db, DB_USER_ROLE, name, ":role", role, err);
}

int
db_user_unlock(struct db *db, const char *name, struct wms_err *err)
{
	return user_by_name(db, DB_USER_UNLOCK, name, NULL, NULL, err);
}

int
db_user_admins_besides(struct db *db, const char *name, int64_t *n,
    struct wms_err *err)
{
	sqlite3_stmt	*st;
	int		 rc;

	*n = 0;
	if ((st = db_stmt(db, &db_user_table, DB_USER_ADMINS, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_text(st, ":name", name);
	rc = db_one_int(db, st, "n", n, err);
	return rc < 0 ? rc : 0;
}

static void
user_row_read(struct db_row *r, void *out)
{
	struct db_user_row *u = out;

	u->name = db_row_text(r, "name");
	u->role = db_row_text(r, "role");
	u->lang = db_row_text(r, "lang");
	u->locked_until = db_row_int(r, "locked_until");
	u->created_at = db_row_text(r, "created_at");
}

int
db_user_each(struct db *db, int (*fn)(const struct db_user_row *, void *),
    void *arg, struct wms_err *err)
{
	struct db_user_row	 u;
	sqlite3_stmt		*st;
	int			 rc;

	if ((st = db_stmt(db, &db_user_table, DB_USER_LIST, err)) == NULL)
		return WMS_ERR_DB;
	while ((rc = db_next(db, st, user_row_read, &u, err)) == 1)
		if (fn(&u, arg) != 0)
			return db_stop(st);
	return rc;
}

/* The head of the chain, as db_audit_head gives it. */
struct audit_head {
	int64_t	*seq;
	char	*hash;
};

static void
audit_head_read(struct db_row *r, void *out)
{
	struct audit_head *h = out;

	*h->seq = db_row_int(r, "value");
	db_row_copy(r, "head", h->hash, 65);
}

int
db_audit_head(struct db *db, int64_t *seq, char hash[65],
    struct wms_err *err)
{
	struct audit_head	 h = { .seq = seq, .hash = hash };
	sqlite3_stmt		*st;

	if ((st = db_stmt(db, &db_audit_table, DB_AUDIT_HEAD, err)) == NULL)
		return WMS_ERR_DB;
	return db_one(db, st, audit_head_read, &h, err);
}

int
db_audit_append(struct db *db, const struct db_audit_entry *e,
    struct wms_err *err)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = db_stmt(db, &db_audit_table, DB_AUDIT_NEXT, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_int(st, ":seq", e->seq);
	db_bind_text(st, ":hash", e->hash);
	if ((rc = db_exec_stmt(db, st, err)) != 0)
		return rc;
	if ((st = db_stmt(db, &db_audit_table, DB_AUDIT_ADD, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_int(st, ":seq", e->seq);
	db_bind_text(st, ":at", e->at);
	db_bind_text(st, ":user", e->user);
	db_bind_text(st, ":action", e->action);
	db_bind_opt(st, ":doc", e->doc);
	db_bind_text(st, ":detail", e->detail);
	db_bind_text(st, ":hash", e->hash);
	return db_exec_stmt(db, st, err);
}

static void
audit_read(struct db_row *r, void *out)
{
	struct db_audit_entry *e = out;

	e->seq = db_row_int(r, "seq");
	e->at = db_row_text(r, "at");
	e->user = db_row_text(r, "user");
	e->action = db_row_text(r, "action");
	e->doc = db_row_text(r, "doc");
	e->detail = db_row_text(r, "detail");
	e->hash = db_row_text(r, "hash");
}

/* Each entry of st (DB_AUDIT_ALL or bound DB_AUDIT_LAST) to fn. */
static int
audit_entries(struct db *db, sqlite3_stmt *st,
    int (*fn)(const struct db_audit_entry *, void *), void *arg,
    struct wms_err *err)
{
	struct db_audit_entry	e;
	int			rc;

	while ((rc = db_next(db, st, audit_read, &e, err)) == 1)
		if (fn(&e, arg) != 0)
			return db_stop(st);
	return rc;
}

int
db_audit_each(struct db *db,
    int (*fn)(const struct db_audit_entry *, void *), void *arg,
    struct wms_err *err)
{
	sqlite3_stmt *st;

	if ((st = db_stmt(db, &db_audit_table, DB_AUDIT_ALL, err)) == NULL)
		return WMS_ERR_DB;
	return audit_entries(db, st, fn, arg, err);
}

int
db_report_audit_each(struct db *db, int limit,
    int (*fn)(const struct db_audit_entry *, void *), void *arg,
    struct wms_err *err)
{
	sqlite3_stmt *st;

	if ((st = db_stmt(db, &db_audit_table, DB_AUDIT_LAST, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_int(st, ":limit", limit);
	return audit_entries(db, st, fn, arg, err);
}

int
db_outbox_next(struct db *db, int64_t *seq, struct wms_err *err)
{
	sqlite3_stmt	*st;
	int		 rc;

	*seq = 0;
	if ((st = db_stmt(db, &db_audit_table, DB_OUTBOX_BUMP, err)) == NULL)
		return WMS_ERR_DB;
	if ((rc = db_change(db, st, err)) != 1)
		return rc;
	if ((st = db_stmt(db, &db_audit_table, DB_OUTBOX_SEQ, err)) == NULL)
		return WMS_ERR_DB;
	return db_one_int(db, st, "value", seq, err);
}

int
db_outbox_add(struct db *db, int64_t seq, const char *id, const char *type,
    const char *subject, const char *payload, const char *at,
    struct wms_err *err)
{
	sqlite3_stmt *st;

	if ((st = db_stmt(db, &db_audit_table, DB_OUTBOX_ADD, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_int(st, ":seq", seq);
	db_bind_text(st, ":id", id);
	db_bind_text(st, ":type", type);
	db_bind_text(st, ":subject", subject);
	db_bind_text(st, ":payload", payload);
	db_bind_text(st, ":at", at);
	return db_exec_stmt(db, st, err);
}
