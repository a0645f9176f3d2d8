/* Statements of the catalogue from the centre: changes in place, state. */
#include <stddef.h>

#include "data/db-catalogue.h"
#include "data/stmt.h"

/* The statements, by number; private to this file. */
enum db_cat_stmt {
	DB_CAT_STATE,
	DB_CAT_STATE_SET,
	DB_CAT_ERROR_SET,
	DB_CAT_ITEM_UPDATE,
	DB_CAT_BARCODES_CLEAR,
	DB_CAT_NAMES_CLEAR,
	DB_CAT_UNIT_SET,
	DB_CAT_BARCODE_OWNER,
	DB_CAT_DEPOT_UPDATE,
	DB_CAT_CC_UPDATE,
	DB_CAT_N
};

static const char *const db_cat_sql[DB_CAT_N] = {
	[DB_CAT_STATE] = "SELECT revision AS revision, applied_at AS "
	    "applied_at, last_error AS last_error, last_error_at AS "
	    "last_error_at FROM catalogue_state WHERE id = 1",
	[DB_CAT_STATE_SET] = "UPDATE catalogue_state SET revision = :rev, "
	    "applied_at = :at, last_error = NULL, last_error_at = NULL "
	    "WHERE id = 1",
	[DB_CAT_ERROR_SET] = "UPDATE catalogue_state SET last_error = :msg, "
	    "last_error_at = CASE WHEN :msg IS NULL THEN NULL ELSE :at END "
	    "WHERE id = 1",
	[DB_CAT_ITEM_UPDATE] = "UPDATE item SET name_ar = :name_ar, name_en = "
	    ":name_en, category = :category, uom = :uom, tracking = :tracking, "
	    "weighed = :weighed, min_qty = :min, max_qty = :max, shelf_life = "
	    ":shelf_life WHERE id = :id",
	[DB_CAT_BARCODES_CLEAR] = "DELETE FROM item_barcode WHERE item_id = "
	    ":id",
	[DB_CAT_NAMES_CLEAR] = "DELETE FROM item_names WHERE rowid = :id",
	[DB_CAT_UNIT_SET] = "INSERT INTO item_unit(item_id, unit, factor) "
	    "VALUES(:item, :unit, :factor) ON CONFLICT(item_id, unit) DO "
	    "UPDATE SET factor = excluded.factor",
	[DB_CAT_BARCODE_OWNER] = "SELECT item_id AS item_id FROM item_barcode "
	    "WHERE barcode = :barcode",
	[DB_CAT_DEPOT_UPDATE] = "UPDATE depot SET name_ar = :name_ar, "
	    "name_en = :name_en, site = :site WHERE code = :code",
	[DB_CAT_CC_UPDATE] = "UPDATE cost_centre SET name_ar = :name_ar, "
	    "name_en = :name_en WHERE code = :code",
};

const struct db_stmt_table db_catalogue_table = {
	.family = DB_FAM_CATALOGUE,
	.name = "catalogue",
	.sql = db_cat_sql,
	.n = DB_CAT_N,
};

static void
state_read(struct db_row *r, void *out)
{
	struct db_cat_state *s = out;

	s->revision = db_row_int(r, "revision");
	db_row_copy(r, "applied_at", s->applied_at, sizeof s->applied_at);
	db_row_copy(r, "last_error", s->last_error, sizeof s->last_error);
	db_row_copy(r, "last_error_at", s->last_error_at,
	    sizeof s->last_error_at);
}

int
db_cat_state(struct db *db, struct db_cat_state *s, struct wms_err *err)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = db_stmt(db, &db_catalogue_table, DB_CAT_STATE, err)) == NULL)
		return WMS_ERR_DB;
	if ((rc = db_one(db, st, state_read, s, err)) < 0)
		return rc;
	return rc == 1 ? 0 : wms_err_set(err, WMS_ERR_CORRUPT,
	    "the catalogue_state row is missing");
}

int
db_cat_state_set(struct db *db, int64_t revision, const char *at,
    struct wms_err *err)
{
	sqlite3_stmt *st;

	if ((st = db_stmt(db, &db_catalogue_table, DB_CAT_STATE_SET,
	    err)) == NULL)
		return WMS_ERR_DB;
	db_bind_int(st, ":rev", revision);
	db_bind_text(st, ":at", at);
	return db_exec_stmt(db, st, err);
}

int
db_cat_error_set(struct db *db, const char *msg, const char *at,
    struct wms_err *err)
{
	sqlite3_stmt *st;

	if ((st = db_stmt(db, &db_catalogue_table, DB_CAT_ERROR_SET,
	    err)) == NULL)
		return WMS_ERR_DB;
	db_bind_opt(st, ":msg", msg);
	db_bind_text(st, ":at", at);
	return db_exec_stmt(db, st, err);
}

int
db_cat_item_update(struct db *db, int64_t id, const struct db_item *it,
    struct wms_err *err)
{
	sqlite3_stmt *st;

	if ((st = db_stmt(db, &db_catalogue_table, DB_CAT_ITEM_UPDATE,
	    err)) == NULL)
		return WMS_ERR_DB;
	db_bind_int(st, ":id", id);
	db_item_bind(st, it);
	return db_change(db, st, err);
}

int
db_cat_item_clear(struct db *db, int64_t id, struct wms_err *err)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = db_stmt(db, &db_catalogue_table, DB_CAT_BARCODES_CLEAR,
	    err)) == NULL)
		return WMS_ERR_DB;
	db_bind_int(st, ":id", id);
	if ((rc = db_change(db, st, err)) < 0)
		return rc;
	if ((st = db_stmt(db, &db_catalogue_table, DB_CAT_NAMES_CLEAR,
	    err)) == NULL)
		return WMS_ERR_DB;
	db_bind_int(st, ":id", id);
	rc = db_change(db, st, err);
	return rc < 0 ? rc : 0;
}

int
db_cat_unit_set(struct db *db, int64_t item, const char *unit,
    int64_t factor, struct wms_err *err)
{
	sqlite3_stmt *st;

	if ((st = db_stmt(db, &db_catalogue_table, DB_CAT_UNIT_SET,
	    err)) == NULL)
		return WMS_ERR_DB;
	db_bind_int(st, ":item", item);
	db_bind_text(st, ":unit", unit);
	db_bind_int(st, ":factor", factor);
	return db_exec_stmt(db, st, err);
}

int
db_cat_barcode_owner(struct db *db, const char *barcode, int64_t *item,
    struct wms_err *err)
{
	sqlite3_stmt *st;

	if ((st = db_stmt(db, &db_catalogue_table, DB_CAT_BARCODE_OWNER,
	    err)) == NULL)
		return WMS_ERR_DB;
	db_bind_text(st, ":barcode", barcode);
	return db_one_int(db, st, "item_id", item, err);
}

int
db_cat_depot_update(struct db *db, const char *code, const char *name_ar,
    const char *name_en, const char *site, struct wms_err *err)
{
	sqlite3_stmt *st;

	if ((st = db_stmt(db, &db_catalogue_table, DB_CAT_DEPOT_UPDATE,
	    err)) == NULL)
		return WMS_ERR_DB;
	db_bind_text(st, ":code", code);
	db_bind_text(st, ":name_ar", name_ar);
	db_bind_text(st, ":name_en", name_en);
	db_bind_opt(st, ":site", site);
	return db_change(db, st, err);
}

int
db_cat_cc_update(struct db *db, const char *code, const char *name_ar,
    const char *name_en, struct wms_err *err)
{
	sqlite3_stmt *st;

	if ((st = db_stmt(db, &db_catalogue_table, DB_CAT_CC_UPDATE,
	    err)) == NULL)
		return WMS_ERR_DB;
	db_bind_text(st, ":code", code);
	db_bind_text(st, ":name_ar", name_ar);
	db_bind_text(st, ":name_en", name_en);
	return db_change(db, st, err);
}
