/* Statements of items, units, barcodes, lots and the search index. */
#include <stdlib.h>
#include <string.h>

#include "data/db-item.h"
#include "data/stmt.h"
#include "lib/xmalloc.h"

/* The columns of an item, as item_row() reads them. */
#define ITEM_COLS "i.id AS id, i.code AS code, i.name_ar AS name_ar, " \
	"i.name_en AS name_en, i.category AS category, i.uom AS uom, " \
	"i.tracking AS tracking, i.weighed AS weighed, i.min_qty AS min_qty, " \
	"i.max_qty AS max_qty, i.shelf_life AS shelf_life"

/* The statements, by number; private to this file. */
enum db_item_stmt {
	DB_ITEM_ADD,
	DB_ITEM_GET,
	DB_ITEM_BY_ID,
	DB_ITEM_BY_BARCODE,
	DB_ITEM_BARCODES,
	DB_ITEM_ALL,
	DB_ITEM_SEARCH,
	DB_ITEM_CODE_PREFIX,
	DB_ITEM_BARCODE_PREFIX,
	DB_BARCODE_ADD,
	DB_FTS_ADD,
	DB_UNIT_ADD,
	DB_UNIT_LIST,
	DB_ITEM_N
};


static const char *const db_item_sql[DB_ITEM_N] = {
	[DB_ITEM_ADD] = "INSERT INTO item(code, name_ar, name_en, category, "
	    "uom, tracking, weighed, min_qty, max_qty, shelf_life, created_at) "
	    "VALUES(:code, :name_ar, :name_en, :category, :uom, :tracking, "
	    ":weighed, :min, :max, :shelf_life, :at)",
	[DB_ITEM_GET] = "SELECT " ITEM_COLS " FROM item i WHERE i.code = :code",
	[DB_ITEM_BY_ID] = "SELECT " ITEM_COLS " FROM item i WHERE i.id = :id",
	[DB_ITEM_BY_BARCODE] = "SELECT " ITEM_COLS " FROM item i JOIN "
	    "item_barcode b ON b.item_id = i.id WHERE b.barcode = :code",
	[DB_ITEM_BARCODES] = "SELECT barcode AS barcode FROM item_barcode WHERE "
	    "item_id = :id ORDER BY rowid",
	[DB_ITEM_ALL] = "SELECT " ITEM_COLS " FROM item i ORDER BY i.code "
	    "LIMIT :limit",
	/* The first matches in id order: ordering every match of a one
	 * letter prefix by code would read them all (bench-search.c). */
	[DB_ITEM_SEARCH] = "SELECT " ITEM_COLS " FROM item i WHERE i.id IN "
	    "(SELECT rowid FROM item_names WHERE item_names MATCH :match "
	    "LIMIT :limit) ORDER BY i.code",
	[DB_ITEM_CODE_PREFIX] = "SELECT " ITEM_COLS " FROM item i WHERE "
	    "i.code >= :lo AND i.code < :hi ORDER BY i.code LIMIT :limit",
	[DB_ITEM_BARCODE_PREFIX] = "SELECT " ITEM_COLS " FROM item_barcode b "
	    "JOIN item i ON i.id = b.item_id WHERE b.barcode >= :lo AND "
	    "b.barcode < :hi ORDER BY b.barcode LIMIT :limit",
	[DB_BARCODE_ADD] = "INSERT INTO item_barcode(barcode, item_id) "
	    "VALUES(:barcode, :item)",
	[DB_FTS_ADD] = "INSERT INTO item_names(rowid, name_ar, name_en) "
	    "VALUES(:id, :name_ar, :name_en)",
	[DB_UNIT_ADD] = "INSERT INTO item_unit(item_id, unit, factor) "
	    "VALUES(:item, :unit, :factor)",
	[DB_UNIT_LIST] = "SELECT unit, factor FROM item_unit WHERE "
	    "item_id = :item ORDER BY unit",
};

const struct db_stmt_table db_item_table = {
	.family = DB_FAM_ITEM,
	.name = "item",
	.sql = db_item_sql,
	.n = DB_ITEM_N,
};

void
db_item_fini(struct db_item *it)
{
	size_t i;

	free(it->code);
	free(it->name_ar);
	free(it->name_en);
	free(it->category);
	free(it->uom);
	free(it->tracking);
	for (i = 0; i < it->nbarcodes; i++)
		free(it->barcodes[i]);
	free(it->barcodes);
	memset(it, 0, sizeof *it);
}

void
db_item_bind(sqlite3_stmt *st, const struct db_item *it)
{
	db_bind_text(st, ":name_ar", it->name_ar);
	db_bind_text(st, ":name_en", it->name_en);
	/* NULL is the table's default: no category, no tracking. */
	db_bind_text(st, ":category", it->category != NULL ? it->category :
	    "");
	db_bind_text(st, ":uom", it->uom);
	db_bind_text(st, ":tracking", it->tracking != NULL ? it->tracking :
	    "none");
	db_bind_int(st, ":weighed", it->weighed ? 1 : 0);
	db_bind_int(st, ":min", it->min_qty);
	db_bind_int(st, ":max", it->max_qty);
	if (it->shelf_life > 0)
		db_bind_int(st, ":shelf_life", it->shelf_life);
	else
		db_bind_null(st, ":shelf_life");
}

int
db_item_add(struct db *db, const struct db_item *it, const char *at,
    int64_t *id, struct wms_err *err)
{
	sqlite3_stmt *st;

	if ((st = db_stmt(db, &db_item_table, DB_ITEM_ADD, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_text(st, ":code", it->code);
	db_item_bind(st, it);
	db_bind_text(st, ":at", at);
	return db_insert(db, st, id, err);
}

int
db_barcode_add(struct db *db, int64_t item, const char *barcode,
    struct wms_err *err)
{
	sqlite3_stmt *st;

	if ((st = db_stmt(db, &db_item_table, DB_BARCODE_ADD, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_text(st, ":barcode", barcode);
	db_bind_int(st, ":item", item);
	return db_exec_stmt(db, st, err);
}

int
db_item_names_add(struct db *db, int64_t item, const char *name_ar,
    const char *name_en, struct wms_err *err)
{
	sqlite3_stmt *st;

	if ((st = db_stmt(db, &db_item_table, DB_FTS_ADD, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_int(st, ":id", item);
	db_bind_text(st, ":name_ar", name_ar);
	db_bind_text(st, ":name_en", name_en);
	return db_exec_stmt(db, st, err);
}

/* A copy of the next column's text, "" for NULL. */
static char *
item_str(struct db_row *r, const char *name)
{
	const char *s = db_row_text(r, name);

	return xstrdup(s != NULL ? s : "");
}

static void
barcode_read(struct db_row *r, void *out)
{
	*(char **)out = db_row_dup(r, "barcode");
}

/*
 * The item at st's row, with its barcodes (another statement: st's row
 * stays).  Text columns are copied, "" for NULL.
 */
static int
item_row(struct db *db, sqlite3_stmt *st, struct db_item *it,
    struct wms_err *err)
{
	struct db_row	 r = db_row(st);
	sqlite3_stmt	*bs;
	char		*code;
	size_t		 cap = 0;
	int		 rc;

	memset(it, 0, sizeof *it);
	it->id = db_row_int(&r, "id");
	it->code = item_str(&r, "code");
	it->name_ar = item_str(&r, "name_ar");
	it->name_en = item_str(&r, "name_en");
	it->category = item_str(&r, "category");
	it->uom = item_str(&r, "uom");
	it->tracking = item_str(&r, "tracking");
	it->weighed = (int)db_row_int(&r, "weighed");
	it->min_qty = db_row_int(&r, "min_qty");
	it->max_qty = db_row_int(&r, "max_qty");
	it->shelf_life = (int)db_row_int(&r, "shelf_life");
	if ((bs = db_stmt(db, &db_item_table, DB_ITEM_BARCODES, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_int(bs, ":id", it->id);
	while ((rc = db_next(db, bs, barcode_read, &code, err)) == 1) {
		it->barcodes = xgrow(it->barcodes, it->nbarcodes, &cap,
		    sizeof *it->barcodes);
		it->barcodes[it->nbarcodes++] = code;
	}
	return rc;
}

/* Run st, bound but for what it is looked up by, for one item. */
static int
item_one(struct db *db, sqlite3_stmt *st, struct db_item *it,
    struct wms_err *err)
{
	int rc;

	memset(it, 0, sizeof *it);
	if ((rc = db_step(db, st, err)) == 1 &&
	    (rc = item_row(db, st, it, err)) == 0)
		rc = 1;
	else if (rc < 0)
		db_item_fini(it);
	sqlite3_reset(st);
	return rc;
}

int
db_item_by_code(struct db *db, const char *code, struct db_item *it,
    struct wms_err *err)
{
	sqlite3_stmt *st;

	if ((st = db_stmt(db, &db_item_table, DB_ITEM_GET, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_text(st, ":code", code);
	return item_one(db, st, it, err);
}

int
db_item_by_barcode(struct db *db, const char *barcode, struct db_item *it,
    struct wms_err *err)
{
	sqlite3_stmt *st;

	if ((st = db_stmt(db, &db_item_table, DB_ITEM_BY_BARCODE, err)) ==
	    NULL)
		return WMS_ERR_DB;
	db_bind_text(st, ":code", barcode);
	return item_one(db, st, it, err);
}

int
db_item_by_id(struct db *db, int64_t id, struct db_item *it,
    struct wms_err *err)
{
	sqlite3_stmt *st;

	if ((st = db_stmt(db, &db_item_table, DB_ITEM_BY_ID, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_int(st, ":id", id);
	return item_one(db, st, it, err);
}

void
db_items_free(struct db_items *f)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		db_item_fini(&f->v[i]);
	free(f->v);
	memset(f, 0, sizeof *f);
}

/* Run st (bound but for :limit) and append its items to out. */
static int
item_gather(struct db *db, sqlite3_stmt *st, size_t limit,
    struct db_items *out, struct wms_err *err)
{
	int rc;

	db_bind_int(st, ":limit", limit == 0 ? -1 : (int64_t)limit);
	while ((rc = db_step(db, st, err)) == 1) {
		out->v = xgrow(out->v, out->n, &out->cap, sizeof *out->v);
		if ((rc = item_row(db, st, &out->v[out->n], err)) != 0) {
			db_item_fini(&out->v[out->n]);
			break;
		}
		out->n++;
	}
	sqlite3_reset(st);
	return rc < 0 ? rc : 0;
}

int
db_item_all(struct db *db, size_t limit, struct db_items *out,
    struct wms_err *err)
{
	sqlite3_stmt *st;

	if ((st = db_stmt(db, &db_item_table, DB_ITEM_ALL, err)) == NULL)
		return WMS_ERR_DB;
	return item_gather(db, st, limit, out, err);
}

int
db_item_range(struct db *db, int by_barcode, const char *lo, const char *hi,
    size_t limit, struct db_items *out, struct wms_err *err)
{
	sqlite3_stmt *st;

	if ((st = db_stmt(db, &db_item_table, by_barcode ?
	    DB_ITEM_BARCODE_PREFIX : DB_ITEM_CODE_PREFIX, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_text(st, ":lo", lo);
	db_bind_text(st, ":hi", hi);
	return item_gather(db, st, limit, out, err);
}

int
db_item_search(struct db *db, const char *match, size_t limit,
    struct db_items *out, struct wms_err *err)
{
	sqlite3_stmt *st;

	if ((st = db_stmt(db, &db_item_table, DB_ITEM_SEARCH, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_text(st, ":match", match);
	return item_gather(db, st, limit, out, err);
}

int
db_unit_add(struct db *db, int64_t item, const char *unit, int64_t factor,
    struct wms_err *err)
{
	sqlite3_stmt *st;

	if ((st = db_stmt(db, &db_item_table, DB_UNIT_ADD, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_int(st, ":item", item);
	db_bind_text(st, ":unit", unit);
	db_bind_int(st, ":factor", factor);
	return db_exec_stmt(db, st, err);
}

static void
unit_read(struct db_row *r, void *out)
{
	struct db_unit_row *u = out;

	u->unit = db_row_text(r, "unit");
	u->factor = db_row_int(r, "factor");
}

int
db_unit_each(struct db *db, int64_t item,
    int (*fn)(const struct db_unit_row *, void *), void *arg,
    struct wms_err *err)
{
	struct db_unit_row	 u;
	sqlite3_stmt		*st;
	int			 rc;

	if ((st = db_stmt(db, &db_item_table, DB_UNIT_LIST, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_int(st, ":item", item);
	while ((rc = db_next(db, st, unit_read, &u, err)) == 1)
		if (fn(&u, arg) != 0)
			return db_stop(st);
	return rc;
}
