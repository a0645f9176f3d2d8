/* Statements of configured devices and of the drafts of the stations. */
#include <stddef.h>

#include "data/db-device.h"

static const char *const db_device_sql[DB_DEVICE_N] = {
	[DB_DEVICE_ADD] = "INSERT INTO device(name, kind, uri, unit_id, "
	    "profile, station, timeout_ms, created_at) VALUES(:name, :kind, "
	    ":uri, :unit, :profile, :station, :timeout, :at)",
	[DB_DEVICE_GET] = "SELECT name, kind, uri, unit_id, profile, station, "
	    "timeout_ms FROM device WHERE name = :name",
	[DB_DEVICE_LIST] = "SELECT name, kind, uri, unit_id, profile, station, "
	    "timeout_ms FROM device WHERE (:station IS NULL OR station = "
	    ":station) ORDER BY station, name",
	[DB_DEVICE_REMOVE] = "DELETE FROM device WHERE name = :name",
	[DB_DRAFT_SAVE] = "INSERT INTO draft(user_id, kind, body, updated_at) "
	    "VALUES(:user, :kind, :body, :at) ON CONFLICT DO UPDATE SET "
	    "body = excluded.body, updated_at = excluded.updated_at",
	[DB_DRAFT_LOAD] = "SELECT body AS body FROM draft WHERE user_id = :user AND "
	    "kind = :kind",
	[DB_DRAFT_DELETE] = "DELETE FROM draft WHERE user_id = :user AND "
	    "kind = :kind",
};

const struct db_stmt_table db_device_table = {
	.family = DB_FAM_DEVICE,
	.name = "device",
	.sql = db_device_sql,
	.n = DB_DEVICE_N,
};

int
db_draft_save(struct db *db, int64_t user, const char *kind, const char *body,
    const char *at, struct wms_err *err)
{
	sqlite3_stmt *st;

	if ((st = db_stmt(db, &db_device_table, DB_DRAFT_SAVE, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_int(st, ":user", user);
	db_bind_text(st, ":kind", kind);
	db_bind_text(st, ":body", body);
	db_bind_text(st, ":at", at);
	return db_exec_stmt(db, st, err);
}

int
db_draft_load(struct db *db, int64_t user, const char *kind, char **body,
    struct wms_err *err)
{
	sqlite3_stmt	*st;
	struct db_row	 r;
	int		 rc;

	*body = NULL;
	if ((st = db_stmt(db, &db_device_table, DB_DRAFT_LOAD, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_int(st, ":user", user);
	db_bind_text(st, ":kind", kind);
	if ((rc = db_step(db, st, err)) == 1) {
		r = db_row(st);
		*body = db_row_dup(&r, "body");
	}
	sqlite3_reset(st);
	return rc < 0 ? rc : 0;
}

int
db_draft_delete(struct db *db, int64_t user, const char *kind,
    struct wms_err *err)
{
	sqlite3_stmt *st;

	if ((st = db_stmt(db, &db_device_table, DB_DRAFT_DELETE, err)) ==
	    NULL)
		return WMS_ERR_DB;
	db_bind_int(st, ":user", user);
	db_bind_text(st, ":kind", kind);
	return db_exec_stmt(db, st, err);
}
