/* Typed lookups the posting engine needs: locations, lots, units, cost centres. */
#include <string.h>

#include "data/db-lookup.h"
#include "data/stmt.h"

enum db_lookup_stmt {
	DB_LOOKUP_LOC,
	DB_LOOKUP_LOC_ID,
	DB_LOOKUP_LOT,
	DB_LOOKUP_LOT_ID,
	DB_LOOKUP_LOT_ADD,
	DB_LOOKUP_UNIT,
	DB_LOOKUP_CC,
	DB_LOOKUP_N
};

static const char *const db_lookup_sql[DB_LOOKUP_N] = {
	[DB_LOOKUP_LOC] = "SELECT l.id AS id, l.depot_id AS depot_id, "
	    "l.kind AS kind, d.code AS depot, l.path AS path FROM location l "
	    "LEFT JOIN depot d ON d.id = l.depot_id WHERE l.path = :path",
	[DB_LOOKUP_LOC_ID] = "SELECT l.id AS id, l.depot_id AS depot_id, "
	    "l.kind AS kind, d.code AS depot, l.path AS path FROM location l "
	    "LEFT JOIN depot d ON d.id = l.depot_id WHERE l.id = :id",
	[DB_LOOKUP_LOT] = "SELECT id, code, expiry FROM lot WHERE "
	    "item_id = :item AND code = :code",
	[DB_LOOKUP_LOT_ID] = "SELECT id, code, expiry FROM lot WHERE id = :id",
	[DB_LOOKUP_LOT_ADD] = "INSERT INTO lot(item_id, code, expiry) "
	    "VALUES(:item, :code, :expiry)",
	[DB_LOOKUP_UNIT] = "SELECT factor FROM item_unit WHERE "
	    "item_id = :item AND unit = :unit",
	[DB_LOOKUP_CC] = "SELECT id FROM cost_centre WHERE code = :code",
};

const struct db_stmt_table db_lookup_table = {
	.family = DB_FAM_LOOKUP,
	.name = "lookup",
	.sql = db_lookup_sql,
	.n = DB_LOOKUP_N,
};

/* Step st once: its row read by fn into out when there is one; 1, 0 or rc. */
static int
db_lookup_one(struct db *db, sqlite3_stmt *st,
    void (*fn)(struct db_row *, void *), void *out, struct wms_err *err)
{
	struct db_row	r;
	int		rc;

	if ((rc = db_step(db, st, err)) == 1) {
		r = db_row(st);
		fn(&r, out);
	}
	sqlite3_reset(st);
	return rc;
}

static void
db_loc_row(struct db_row *r, void *arg)
{
	struct db_loc *l = arg;

	memset(l, 0, sizeof *l);
	l->id = db_row_int(r, "id");
	l->depot_id = db_row_int(r, "depot_id");
	db_row_copy(r, "kind", l->kind, sizeof l->kind);
	db_row_copy(r, "depot", l->depot, sizeof l->depot);
	db_row_copy(r, "path", l->path, sizeof l->path);
}

int
db_loc_get(struct db *db, const char *path, struct db_loc *l,
    struct wms_err *err)
{
	sqlite3_stmt *st;

	if ((st = db_stmt(db, &db_lookup_table, DB_LOOKUP_LOC, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_text(st, ":path", path);
	return db_lookup_one(db, st, db_loc_row, l, err);
}

int
db_loc_by_id(struct db *db, int64_t id, struct db_loc *l,
    struct wms_err *err)
{
	sqlite3_stmt *st;

	if ((st = db_stmt(db, &db_lookup_table, DB_LOOKUP_LOC_ID, err)) ==
	    NULL)
		return WMS_ERR_DB;
	db_bind_int(st, ":id", id);
	return db_lookup_one(db, st, db_loc_row, l, err);
}

static void
db_lot_row(struct db_row *r, void *arg)
{
	struct db_lot *lot = arg;

	memset(lot, 0, sizeof *lot);
	lot->id = db_row_int(r, "id");
	db_row_copy(r, "code", lot->code, sizeof lot->code);
	db_row_copy(r, "expiry", lot->expiry, sizeof lot->expiry);
}

int
db_lot_get(struct db *db, int64_t item, const char *code, struct db_lot *lot,
    struct wms_err *err)
{
	sqlite3_stmt *st;

	if ((st = db_stmt(db, &db_lookup_table, DB_LOOKUP_LOT, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_int(st, ":item", item);
	db_bind_text(st, ":code", code);
	return db_lookup_one(db, st, db_lot_row, lot, err);
}

int
db_lot_by_id(struct db *db, int64_t id, struct db_lot *lot,
    struct wms_err *err)
{
	sqlite3_stmt *st;

	if ((st = db_stmt(db, &db_lookup_table, DB_LOOKUP_LOT_ID, err)) ==
	    NULL)
		return WMS_ERR_DB;
	db_bind_int(st, ":id", id);
	return db_lookup_one(db, st, db_lot_row, lot, err);
}

int
db_lot_add(struct db *db, int64_t item, const char *code, const char *expiry,
    int64_t *id, struct wms_err *err)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = db_stmt(db, &db_lookup_table, DB_LOOKUP_LOT_ADD, err)) ==
	    NULL)
		return WMS_ERR_DB;
	db_bind_int(st, ":item", item);
	db_bind_text(st, ":code", code);
	db_bind_opt(st, ":expiry", expiry);
	if ((rc = db_exec_stmt(db, st, err)) != 0)
		return rc;
	*id = db_last_rowid(db);
	return 0;
}

static void
db_unit_row(struct db_row *r, void *arg)
{
	int64_t *factor = arg;

	*factor = db_row_int(r, "factor");
}

int
db_unit_get(struct db *db, int64_t item, const char *unit, int64_t *factor,
    struct wms_err *err)
{
	sqlite3_stmt *st;

	if ((st = db_stmt(db, &db_lookup_table, DB_LOOKUP_UNIT, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_int(st, ":item", item);
	db_bind_text(st, ":unit", unit);
	return db_lookup_one(db, st, db_unit_row, factor, err);
}

static void
db_cc_row(struct db_row *r, void *arg)
{
	int64_t *id = arg;

	*id = db_row_int(r, "id");
}

int
db_cc_get(struct db *db, const char *code, int64_t *id, struct wms_err *err)
{
	sqlite3_stmt *st;

	if ((st = db_stmt(db, &db_lookup_table, DB_LOOKUP_CC, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_text(st, ":code", code);
	return db_lookup_one(db, st, db_cc_row, id, err);
}
