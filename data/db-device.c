/* Configured devices and the drafts of the stations. */
#include <stddef.h>
#include <string.h>

#include "data/db-device.h"
#include "data/stmt.h"

enum db_device_stmt {
	DB_DEVICE_ADD,
	DB_DEVICE_GET,
	DB_DEVICE_LIST,
	DB_DEVICE_REMOVE,
	DB_DRAFT_SAVE,
	DB_DRAFT_LOAD,
	DB_DRAFT_DELETE,
	DB_DEVICE_N
};

/* The columns of a device, as device_row() reads them. */
#define DEVICE_COLS "name AS name, kind AS kind, uri AS uri, unit_id AS " \
	"unit_id, profile AS profile, station AS station, timeout_ms AS " \
	"timeout_ms"

static const char *const db_device_sql[DB_DEVICE_N] = {
	[DB_DEVICE_ADD] = "INSERT INTO device(name, kind, uri, unit_id, "
	    "profile, station, timeout_ms, created_at) VALUES(:name, :kind, "
	    ":uri, :unit, :profile, :station, :timeout, :at)",
	[DB_DEVICE_GET] = "SELECT " DEVICE_COLS " FROM device WHERE "
	    "name = :name",
	[DB_DEVICE_LIST] = "SELECT " DEVICE_COLS " FROM device WHERE "
	    "(:station IS NULL OR station = :station) ORDER BY station, name",
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
db_device_add(struct db *db, const struct db_device *d, const char *at,
    struct wms_err *err)
{
	sqlite3_stmt *st;

	if ((st = db_stmt(db, &db_device_table, DB_DEVICE_ADD, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_text(st, ":name", d->name);
	db_bind_text(st, ":kind", d->kind);
	db_bind_text(st, ":uri", d->uri);
	db_bind_int(st, ":unit", d->unit_id);
	db_bind_text(st, ":profile", d->profile);
	db_bind_text(st, ":station", d->station);
	db_bind_int(st, ":timeout", d->timeout_ms);
	db_bind_text(st, ":at", at);
	return db_exec_stmt(db, st, err);
}

int
db_device_remove(struct db *db, const char *name, struct wms_err *err)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = db_stmt(db, &db_device_table, DB_DEVICE_REMOVE, err)) ==
	    NULL)
		return WMS_ERR_DB;
	db_bind_text(st, ":name", name);
	if ((rc = db_exec_stmt(db, st, err)) != 0)
		return rc;
	return db_changes(db) > 0;
}

static void
device_row(sqlite3_stmt *st, struct db_device *d)
{
	struct db_row r = db_row(st);

	memset(d, 0, sizeof *d);
	db_row_copy(&r, "name", d->name, sizeof d->name);
	db_row_copy(&r, "kind", d->kind, sizeof d->kind);
	db_row_copy(&r, "uri", d->uri, sizeof d->uri);
	d->unit_id = (int)db_row_int(&r, "unit_id");
	db_row_copy(&r, "profile", d->profile, sizeof d->profile);
	db_row_copy(&r, "station", d->station, sizeof d->station);
	d->timeout_ms = (int)db_row_int(&r, "timeout_ms");
}

int
db_device_get(struct db *db, const char *name, struct db_device *d,
    struct wms_err *err)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = db_stmt(db, &db_device_table, DB_DEVICE_GET, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_text(st, ":name", name);
	if ((rc = db_step(db, st, err)) == 1)
		device_row(st, d);
	sqlite3_reset(st);
	return rc;
}

int
db_device_each(struct db *db, const char *station,
    int (*fn)(const struct db_device *, void *), void *arg,
    struct wms_err *err)
{
	struct db_device	 d;
	sqlite3_stmt		*st;
	int			 rc, stop = 0;

	if ((st = db_stmt(db, &db_device_table, DB_DEVICE_LIST, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_opt(st, ":station", station);
	while (!stop && (rc = db_step(db, st, err)) == 1) {
		device_row(st, &d);
		stop = fn(&d, arg);
	}
	sqlite3_reset(st);
	return rc < 0 ? rc : 0;
}

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
