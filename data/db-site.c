/* Statements of the site: settings, depots, locations, cost centres. */
#include <stddef.h>

#include "data/db-site.h"
#include "data/stmt.h"

/* The statements, by number; private to this file. */
enum db_site_stmt {
	DB_META_GET,
	DB_META_SET,
	DB_DEPOT_ADD,
	DB_DEPOT_GET,
	DB_DEPOT_LIST,
	DB_LOC_ADD,
	DB_LOC_LIST,
	DB_CC_ADD,
	DB_CC_LIST,
	DB_LOC_FIND,
	DB_SITE_N
};


static const char *const db_site_sql[DB_SITE_N] = {
	[DB_META_GET] = "SELECT value AS value FROM meta WHERE key = :key",
	[DB_META_SET] = "INSERT INTO meta(key, value) VALUES(:key, :value) "
	    "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
	[DB_DEPOT_ADD] = "INSERT INTO depot(code, name_ar, name_en) "
	    "VALUES(:code, :name_ar, :name_en)",
	[DB_DEPOT_GET] = "SELECT id AS id FROM depot WHERE code = :code",
	[DB_DEPOT_LIST] = "SELECT d.id AS id, d.code AS code, d.name_ar AS "
	    "name_ar, d.name_en AS name_en, (SELECT count(*) FROM location l "
	    "WHERE l.depot_id = d.id AND l.kind = 'internal') AS locations "
	    "FROM depot d ORDER BY d.code",
	[DB_LOC_ADD] = "INSERT INTO location(depot_id, parent_id, path, kind) "
	    "VALUES(:depot, :parent, :path, :kind)",
	[DB_LOC_LIST] = "SELECT l.path AS path, l.kind AS kind, d.code AS "
	    "depot FROM location l "
	    "LEFT JOIN depot d ON d.id = l.depot_id WHERE (:depot IS NULL OR "
	    "d.code = :depot) AND (:all OR l.kind = 'internal') "
	    "ORDER BY l.path",
	[DB_CC_ADD] = "INSERT INTO cost_centre(code, name_ar, name_en, "
	    "location_id) VALUES(:code, :name_ar, :name_en, :loc)",
	[DB_CC_LIST] = "SELECT code, name_ar, name_en FROM cost_centre "
	    "ORDER BY code",
	[DB_LOC_FIND] = "SELECT id AS id, kind AS kind FROM location WHERE "
	    "path = :path",
};

const struct db_stmt_table db_site_table = {
	.family = DB_FAM_SITE,
	.name = "site",
	.sql = db_site_sql,
	.n = DB_SITE_N,
};

int
db_meta_get(struct db *db, const char *key, char **value,
    struct wms_err *err)
{
	sqlite3_stmt	*st;
	struct db_row	 r;
	int		 rc;

	*value = NULL;
	if ((st = db_stmt(db, &db_site_table, DB_META_GET, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_text(st, ":key", key);
	if ((rc = db_step(db, st, err)) == 1) {
		r = db_row(st);
		*value = db_row_dup(&r, "value");
	}
	sqlite3_reset(st);
	return rc < 0 ? rc : 0;
}

int
db_meta_set(struct db *db, const char *key, const char *value,
    struct wms_err *err)
{
	sqlite3_stmt *st;

	if ((st = db_stmt(db, &db_site_table, DB_META_SET, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_text(st, ":key", key);
	db_bind_text(st, ":value", value);
	return db_exec_stmt(db, st, err);
}

int
db_depot_add(struct db *db, const char *code, const char *name_ar,
    const char *name_en, int64_t *id, struct wms_err *err)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = db_stmt(db, &db_site_table, DB_DEPOT_ADD, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_text(st, ":code", code);
	db_bind_text(st, ":name_ar", name_ar);
	db_bind_text(st, ":name_en", name_en);
	if ((rc = db_exec_stmt(db, st, err)) != 0)
		return rc;
	*id = db_last_rowid(db);
	return 0;
}

int
db_depot_find(struct db *db, const char *code, int64_t *id,
    struct wms_err *err)
{
	sqlite3_stmt	*st;
	struct db_row	 r;
	int		 rc;

	if ((st = db_stmt(db, &db_site_table, DB_DEPOT_GET, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_text(st, ":code", code);
	if ((rc = db_step(db, st, err)) == 1) {
		r = db_row(st);
		*id = db_row_int(&r, "id");
	}
	sqlite3_reset(st);
	return rc;
}

int
db_loc_add(struct db *db, int64_t depot, int64_t parent, const char *path,
    const char *kind, int64_t *id, struct wms_err *err)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = db_stmt(db, &db_site_table, DB_LOC_ADD, err)) == NULL)
		return WMS_ERR_DB;
	if (depot != 0)
		db_bind_int(st, ":depot", depot);
	else
		db_bind_null(st, ":depot");
	if (parent != 0)
		db_bind_int(st, ":parent", parent);
	else
		db_bind_null(st, ":parent");
	db_bind_text(st, ":path", path);
	db_bind_text(st, ":kind", kind);
	if ((rc = db_exec_stmt(db, st, err)) != 0)
		return rc;
	if (id != NULL)
		*id = db_last_rowid(db);
	return 0;
}

int
db_loc_find(struct db *db, const char *path, int64_t *id, char kind[12],
    struct wms_err *err)
{
	sqlite3_stmt	*st;
	struct db_row	 r;
	int		 rc;

	if ((st = db_stmt(db, &db_site_table, DB_LOC_FIND, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_text(st, ":path", path);
	if ((rc = db_step(db, st, err)) == 1) {
		r = db_row(st);
		*id = db_row_int(&r, "id");
		db_row_copy(&r, "kind", kind, 12);
	}
	sqlite3_reset(st);
	return rc;
}

int
db_cc_add(struct db *db, const char *code, const char *name_ar,
    const char *name_en, int64_t loc, struct wms_err *err)
{
	sqlite3_stmt *st;

	if ((st = db_stmt(db, &db_site_table, DB_CC_ADD, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_text(st, ":code", code);
	db_bind_text(st, ":name_ar", name_ar);
	db_bind_text(st, ":name_en", name_en);
	db_bind_int(st, ":loc", loc);
	return db_exec_stmt(db, st, err);
}

int
db_depot_each(struct db *db, int (*fn)(const struct db_depot_row *, void *),
    void *arg, struct wms_err *err)
{
	struct db_depot_row	 d;
	struct db_row		 r;
	sqlite3_stmt		*st;
	int			 rc, stop = 0;

	if ((st = db_stmt(db, &db_site_table, DB_DEPOT_LIST, err)) == NULL)
		return WMS_ERR_DB;
	while (!stop && (rc = db_step(db, st, err)) == 1) {
		r = db_row(st);
		d.id = db_row_int(&r, "id");
		d.code = db_row_text(&r, "code");
		d.name_ar = db_row_text(&r, "name_ar");
		d.name_en = db_row_text(&r, "name_en");
		d.locations = db_row_int(&r, "locations");
		stop = fn(&d, arg);
	}
	sqlite3_reset(st);
	return rc < 0 ? rc : 0;
}

int
db_loc_each(struct db *db, const char *depot, int all,
    int (*fn)(const struct db_loc_row *, void *), void *arg,
    struct wms_err *err)
{
	struct db_loc_row	 l;
	struct db_row		 r;
	sqlite3_stmt		*st;
	int			 rc, stop = 0;

	if ((st = db_stmt(db, &db_site_table, DB_LOC_LIST, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_opt(st, ":depot", depot);
	db_bind_int(st, ":all", all ? 1 : 0);
	while (!stop && (rc = db_step(db, st, err)) == 1) {
		r = db_row(st);
		l.path = db_row_text(&r, "path");
		l.kind = db_row_text(&r, "kind");
		l.depot = db_row_text(&r, "depot");
		stop = fn(&l, arg);
	}
	sqlite3_reset(st);
	return rc < 0 ? rc : 0;
}

int
db_cc_each(struct db *db, int (*fn)(const struct db_cc_row *, void *),
    void *arg, struct wms_err *err)
{
	struct db_cc_row	 c;
	struct db_row		 r;
	sqlite3_stmt		*st;
	int			 rc, stop = 0;

	if ((st = db_stmt(db, &db_site_table, DB_CC_LIST, err)) == NULL)
		return WMS_ERR_DB;
	while (!stop && (rc = db_step(db, st, err)) == 1) {
		r = db_row(st);
		c.code = db_row_text(&r, "code");
		c.name_ar = db_row_text(&r, "name_ar");
		c.name_en = db_row_text(&r, "name_en");
		stop = fn(&c, arg);
	}
	sqlite3_reset(st);
	return rc < 0 ? rc : 0;
}
