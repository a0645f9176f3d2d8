/* makhzan check's reads of limits, value, schema and chained content. */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "data/db-verify.h"
#include "data/schema.h"
#include "data/stmt.h"
#include "lib/i18n.h"

enum db_verify_stmt {
	DB_VER_BAL_LIMIT,
	DB_VER_MOVE_LIMIT,
	DB_VER_COST_LIMIT,
	DB_VER_ZERO_VALUE,
	DB_VER_TRANSIT_VALUE,
	DB_VER_COST_LEDGER,
	DB_VER_SCHEMA,
	DB_VER_MARKS,
	DB_VER_MARKS_CLEAR,
	DB_VER_DOC,
	DB_VER_MOVES,
	DB_VER_EVENT,
	DB_VER_DOC_LINES,
	DB_VER_ONE,			/* + table: one row by key */
	DB_VER_ALL = DB_VER_ONE + DB_CHAIN_NTABLES,	/* + table: all */
	DB_VERIFY_STMT_N = DB_VER_ALL + DB_CHAIN_NTABLES
};

/*
 * Every check's columns: location, item, depot, doc, line, qty, value,
 * ledger.
 */
#define VER_COLS(loc, item, depot, doc, line, qty, value, ledger) \
	"SELECT " loc " AS location, " item " AS item, " depot " AS depot, " \
	doc " AS doc, " line " AS line, " qty " AS qty, " value " AS value, " \
	ledger " AS ledger "

/* A movement's signed part at each end: into to_loc, out of from_loc. */
#define VER_ENDS(extra) \
	"SELECT m.to_loc AS loc, m.item_id AS item_id, m.lot_id AS lot_id, " \
	"m.qty AS qty, m.value AS value" extra " FROM movement m " \
	"JOIN document d ON d.id = m.doc_id " \
	"UNION ALL SELECT m.from_loc, m.item_id, m.lot_id, -m.qty, -m.value" \
	extra " FROM movement m JOIN document d ON d.id = m.doc_id"

/* The content of each chained table's row, and its key as text. */
#define C_DEPOT	"json_array(id, code, name_ar, name_en)"
#define C_LOC	"json_array(id, depot_id, parent_id, path, kind)"
#define C_CC	"json_array(id, code, name_ar, name_en, location_id)"
#define C_ITEM	"json_array(id, code, name_ar, name_en, category, uom, " \
	"tracking, weighed, min_qty, max_qty, shelf_life, created_at)"
#define C_BAR	"json_array(barcode, item_id)"
#define C_UNIT	"json_array(item_id, unit, factor)"
#define C_USER	"json_array(id, name, role, pw_hash, created_at)"
#define C_META	"json_array(key, value)"
#define C_DEV	"json_array(id, name, kind, uri, unit_id, profile, " \
	"station, timeout_ms, created_at)"
#define K_ID	"CAST(id AS TEXT)"
#define K_UNIT	"item_id || '/' || unit"
#define W_ID	"id = CAST(:key AS INTEGER)"
#define W_UNIT	"item_id = CAST(substr(:key, 1, instr(:key, '/') - 1) " \
	"AS INTEGER) AND unit = substr(:key, instr(:key, '/') + 1)"
#define ONE(c, t, w)	"SELECT " c " AS row FROM " t " WHERE " w
#define ALL(k, c, t)	"SELECT " k " AS key, " c " AS row FROM " t \
	" ORDER BY 1"

static const char *const chain_tables[DB_CHAIN_NTABLES] = {
	"depot", "location", "cost_centre", "item", "item_barcode",
	"item_unit", "user", "meta", "device",
};

static const char *const db_verify_sql[DB_VERIFY_STMT_N] = {
	[DB_VER_BAL_LIMIT] = VER_COLS("l.path", "i.code", "NULL", "NULL", "0",
	    "b.qty", "0", "0") "FROM balance b "
	    "JOIN location l ON l.id = b.location_id "
	    "JOIN item i ON i.id = b.item_id "
	    "WHERE b.qty > :qmax OR b.qty < -:qmax",
	[DB_VER_MOVE_LIMIT] = VER_COLS("NULL", "i.code", "NULL", "d.number",
	    "m.line", "m.qty", "m.value", "0") "FROM movement m "
	    "JOIN document d ON d.id = m.doc_id "
	    "JOIN item i ON i.id = m.item_id "
	    "WHERE m.qty > :qmax OR m.value > :vmax OR m.value < -:vmax",
	[DB_VER_COST_LIMIT] = VER_COLS("NULL", "i.code", "d.code", "NULL", "0",
	    "0", "c.value", "0") "FROM item_cost c "
	    "JOIN item i ON i.id = c.item_id JOIN depot d ON d.id = c.depot_id "
	    "WHERE c.value > :vmax OR c.value < -:vmax",
	/*
	 * total(): never fails, and is exact below 2^53 (the limit is 10^15
	 * thousandths).
	 */
	[DB_VER_ZERO_VALUE] = VER_COLS("NULL", "i.code", "d.code", "NULL", "0",
	    "0", "c.value", "0") "FROM item_cost c "
	    "JOIN item i ON i.id = c.item_id JOIN depot d ON d.id = c.depot_id "
	    "WHERE c.value <> 0 AND (SELECT total(b.qty) FROM balance b "
	    "JOIN location l ON l.id = b.location_id WHERE b.item_id = "
	    "c.item_id AND l.depot_id = c.depot_id AND l.kind = 'internal') "
	    "= 0 AND :qmax > 0 AND :vmax > 0",
	/*
	 * Per transit location, item, lot and transfer (a reversal counts
	 * with the transfer it reverses): no quantity left, value left.
	 */
	[DB_VER_TRANSIT_VALUE] = VER_COLS("l.path", "i.code", "NULL",
	    "t.number", "0", "total(x.qty)", "sum(x.value)", "0") "FROM ("
	    VER_ENDS(", CASE WHEN d.type = 'REV' THEN d.reverses_id "
	    "ELSE d.id END AS doc_id") ") x "
	    "JOIN location l ON l.id = x.loc AND l.kind = 'transit' "
	    "JOIN item i ON i.id = x.item_id "
	    "JOIN document t ON t.id = x.doc_id "
	    "WHERE :qmax > 0 AND :vmax > 0 "
	    "GROUP BY x.loc, x.item_id, x.lot_id, x.doc_id "
	    "HAVING total(x.qty) = 0 AND sum(x.value) <> 0",
	/*
	 * A depot's value of an item is what the ledger brought into its
	 * real locations from outside it, less what it took out.
	 */
	[DB_VER_COST_LEDGER] = VER_COLS("NULL", "i.code", "dp.code", "NULL",
	    "0", "0", "c.value", "coalesce(v.value, 0)") "FROM item_cost c "
	    "JOIN item i ON i.id = c.item_id "
	    "JOIN depot dp ON dp.id = c.depot_id "
	    "LEFT JOIN (SELECT item_id, depot_id, sum(value) AS value FROM ("
	    "SELECT m.item_id AS item_id, lt.depot_id AS depot_id, "
	    "m.value AS value FROM movement m "
	    "JOIN location lt ON lt.id = m.to_loc AND lt.kind = 'internal' "
	    "JOIN location lf ON lf.id = m.from_loc "
	    "WHERE NOT (lf.kind = 'internal' AND lf.depot_id = lt.depot_id) "
	    "UNION ALL SELECT m.item_id, lf.depot_id, -m.value "
	    "FROM movement m "
	    "JOIN location lf ON lf.id = m.from_loc AND lf.kind = 'internal' "
	    "JOIN location lt ON lt.id = m.to_loc "
	    "WHERE NOT (lt.kind = 'internal' AND lt.depot_id = lf.depot_id)) "
	    "GROUP BY item_id, depot_id) v "
	    "ON v.item_id = c.item_id AND v.depot_id = c.depot_id "
	    "WHERE c.value <> coalesce(v.value, 0) AND :qmax > 0 AND :vmax > 0",
	[DB_VER_SCHEMA] = "SELECT type AS type, name AS name, "
	    "coalesce(sql, '') AS sql FROM sqlite_schema "
	    "WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY type, name",
	[DB_VER_MARKS] = "SELECT tbl AS tbl, key AS key, why AS why "
	    "FROM chain_dirty ORDER BY tbl, key",
	[DB_VER_MARKS_CLEAR] = "DELETE FROM chain_dirty",
	/*
	 * returns_id (0011) is in the row of a return only, so that the
	 * digests entries wrote before it came stay as they were.
	 */
	[DB_VER_DOC] = "SELECT id AS id, CASE WHEN returns_id IS NULL THEN d "
	    "ELSE json_insert(d, '$[#]', returns_id) END AS row FROM (SELECT "
	    "id, returns_id, json_array(number, type, depot_id, status, "
	    "created_at, user_id, supplier, ref, cost_centre_id, requester, "
	    "reason, dest_depot_id, reverses_id, location_prefix) AS d "
	    "FROM document WHERE number = :number)",
	[DB_VER_MOVES] = "SELECT json_array(m.line, m.item_id, m.lot_id, "
	    "lot.code, lot.expiry, m.from_loc, m.to_loc, m.qty, m.value, m.at) "
	    "AS row FROM movement m LEFT JOIN lot ON lot.id = m.lot_id "
	    "WHERE m.doc_id = :doc AND m.line BETWEEN :lo AND :hi "
	    "ORDER BY m.line",
	[DB_VER_EVENT] = "SELECT payload AS row FROM outbox WHERE seq = :seq",
	[DB_VER_DOC_LINES] = "SELECT d.number AS number, count(m.id) AS n, "
	    "coalesce(max(m.line), 0) AS last FROM document d "
	    "LEFT JOIN movement m ON m.doc_id = d.id GROUP BY d.id "
	    "ORDER BY d.number",
	[DB_VER_ONE + 0] = ONE(C_DEPOT, "depot", W_ID),
	[DB_VER_ONE + 1] = ONE(C_LOC, "location", W_ID),
	[DB_VER_ONE + 2] = ONE(C_CC, "cost_centre", W_ID),
	[DB_VER_ONE + 3] = ONE(C_ITEM, "item", W_ID),
	[DB_VER_ONE + 4] = ONE(C_BAR, "item_barcode", "barcode = :key"),
	[DB_VER_ONE + 5] = ONE(C_UNIT, "item_unit", W_UNIT),
	[DB_VER_ONE + 6] = ONE(C_USER, "user", W_ID),
	[DB_VER_ONE + 7] = ONE(C_META, "meta", "key = :key"),
	[DB_VER_ONE + 8] = ONE(C_DEV, "device", W_ID),
	[DB_VER_ALL + 0] = ALL(K_ID, C_DEPOT, "depot"),
	[DB_VER_ALL + 1] = ALL(K_ID, C_LOC, "location"),
	[DB_VER_ALL + 2] = ALL(K_ID, C_CC, "cost_centre"),
	[DB_VER_ALL + 3] = ALL(K_ID, C_ITEM, "item"),
	[DB_VER_ALL + 4] = ALL("barcode", C_BAR, "item_barcode"),
	[DB_VER_ALL + 5] = ALL(K_UNIT, C_UNIT, "item_unit"),
	[DB_VER_ALL + 6] = ALL(K_ID, C_USER, "user"),
	[DB_VER_ALL + 7] = ALL("key", C_META, "meta"),
	[DB_VER_ALL + 8] = ALL(K_ID, C_DEV, "device"),
};

const struct db_stmt_table db_verify_table = {
	.family = DB_FAM_VERIFY,
	.name = "verify",
	.sql = db_verify_sql,
	.n = DB_VERIFY_STMT_N,
};

static void
verify_read(struct db_row *r, void *out)
{
	struct db_verify_row *v = out;

	v->location = db_row_text(r, "location");
	v->item = db_row_text(r, "item");
	v->depot = db_row_text(r, "depot");
	v->doc = db_row_text(r, "doc");
	v->line = db_row_int(r, "line");
	v->qty = db_row_int(r, "qty");
	v->value = db_row_int(r, "value");
	v->ledger = db_row_int(r, "ledger");
}

int
db_verify_each(struct db *db, enum db_verify which, int64_t qty_max,
    int64_t value_max, int (*fn)(const struct db_verify_row *, void *),
    void *arg, struct wms_err *err)
{
	struct db_verify_row	 v;
	sqlite3_stmt		*st;
	int			 rc;

	if ((st = db_stmt(db, &db_verify_table, (int)which, err)) == NULL)
		return WMS_ERR_DB;
	if (which != DB_VERIFY_COST_LIMIT)
		db_bind_int(st, ":qmax", qty_max);
	if (which != DB_VERIFY_BAL_LIMIT)
		db_bind_int(st, ":vmax", value_max);
	while ((rc = db_next(db, st, verify_read, &v, err)) == 1)
		if (fn(&v, arg) != 0)
			return db_stop(st);
	return rc;
}

/* The schema rows of st, each to fn. */
static int
schema_rows(sqlite3_stmt *st, int (*fn)(const struct db_schema_obj *, void *),
    void *arg)
{
	struct db_schema_obj	o;
	int			rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		o.type = (const char *)sqlite3_column_text(st, 0);
		o.name = (const char *)sqlite3_column_text(st, 1);
		o.sql = (const char *)sqlite3_column_text(st, 2);
		if (fn(&o, arg) != 0)
			break;
	}
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

int
db_schema_each(struct db *db, int expected,
    int (*fn)(const struct db_schema_obj *, void *), void *arg,
    struct wms_err *err)
{
	sqlite3		*mem = NULL;
	sqlite3_stmt	*st = NULL;
	int		 i, rc;

	if (!expected) {
		if ((st = db_stmt(db, &db_verify_table, DB_VER_SCHEMA,
		    err)) == NULL)
			return WMS_ERR_DB;
		rc = schema_rows(st, fn, arg);
		sqlite3_reset(st);
		if (rc != 0)
			return wms_err_set(err, WMS_ERR_DB,
			    _("cannot read the schema of the database"));
		return 0;
	}
	/* The shipped schema: every migration, on a database in memory. */
	if (sqlite3_open_v2(":memory:", &mem, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
		goto fail;
	for (i = 0; i < db_nmigrations; i++)
		if (sqlite3_exec(mem, db_migrations[i].sql, NULL, NULL,
		    NULL) != SQLITE_OK)
			goto fail;
	if (sqlite3_prepare_v2(mem, db_verify_sql[DB_VER_SCHEMA], -1, &st,
	    NULL) != SQLITE_OK || schema_rows(st, fn, arg) != 0)
		goto fail;
	sqlite3_finalize(st);
	sqlite3_close(mem);
	return 0;
fail:
	sqlite3_finalize(st);
	sqlite3_close(mem);
	return wms_err_set(err, WMS_ERR_DB,
	    _("cannot build the shipped schema in memory to compare with"));
}

const char *
db_chain_table(int t)
{
	return t >= 0 && t < DB_CHAIN_NTABLES ? chain_tables[t] : NULL;
}

int
db_chain_row(struct db *db, int t, const char *key, char **row,
    struct wms_err *err)
{
	sqlite3_stmt *st;

	*row = NULL;
	if ((st = db_stmt(db, &db_verify_table, DB_VER_ONE + t, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_text(st, ":key", key);
	return db_one_dup(db, st, "row", row, err);
}

int
db_chain_each(struct db *db, int t,
    int (*fn)(const char *key, const char *row, void *), void *arg,
    struct wms_err *err)
{
	struct db_row	 r;
	sqlite3_stmt	*st;
	const char	*key, *row;
	int		 rc;

	if ((st = db_stmt(db, &db_verify_table, DB_VER_ALL + t, err)) == NULL)
		return WMS_ERR_DB;
	while ((rc = db_step(db, st, err)) == 1) {
		r = db_row(st);
		key = db_row_text(&r, "key");
		row = db_row_text(&r, "row");
		if (fn(key, row, arg) != 0)
			return db_stop(st);
	}
	return rc;
}

int
db_chain_marks_each(struct db *db,
    int (*fn)(const struct db_chain_mark *, void *), void *arg,
    struct wms_err *err)
{
	struct db_chain_mark	 m;
	struct db_row		 r;
	sqlite3_stmt		*st;
	int			 rc;

	if ((st = db_stmt(db, &db_verify_table, DB_VER_MARKS, err)) == NULL)
		return WMS_ERR_DB;
	while ((rc = db_step(db, st, err)) == 1) {
		r = db_row(st);
		m.tbl = db_row_text(&r, "tbl");
		m.key = db_row_text(&r, "key");
		m.why = db_row_text(&r, "why");
		if (fn(&m, arg) != 0)
			return db_stop(st);
	}
	return rc;
}

int
db_chain_marks_clear(struct db *db, struct wms_err *err)
{
	sqlite3_stmt *st;

	if ((st = db_stmt(db, &db_verify_table, DB_VER_MARKS_CLEAR,
	    err)) == NULL)
		return WMS_ERR_DB;
	return db_exec_stmt(db, st, err);
}

struct doc_row {
	int64_t	 id;
	char	*row;
};

static void
doc_read(struct db_row *r, void *out)
{
	struct doc_row *d = out;

	d->id = db_row_int(r, "id");
	d->row = db_row_dup(r, "row");
}

int
db_posting_content(struct db *db, const char *number, int64_t lo, int64_t hi,
    int64_t seq, void (*fn)(int, const char *, void *), void *arg,
    struct wms_err *err)
{
	struct doc_row	 d = { 0, NULL };
	struct db_row	 r;
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = db_stmt(db, &db_verify_table, DB_VER_DOC, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_text(st, ":number", number);
	if ((rc = db_one(db, st, doc_read, &d, err)) != 1)
		return rc;
	fn(DB_PART_DOC, d.row != NULL ? d.row : "", arg);
	free(d.row);
	if ((st = db_stmt(db, &db_verify_table, DB_VER_MOVES, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_int(st, ":doc", d.id);
	db_bind_int(st, ":lo", lo);
	db_bind_int(st, ":hi", hi);
	while ((rc = db_step(db, st, err)) == 1) {
		r = db_row(st);
		fn(DB_PART_MOVE, db_row_text(&r, "row"), arg);
	}
	if (rc < 0)
		return rc;
	if (seq > 0) {
		if ((st = db_stmt(db, &db_verify_table, DB_VER_EVENT,
		    err)) == NULL)
			return WMS_ERR_DB;
		db_bind_int(st, ":seq", seq);
		if ((rc = db_step(db, st, err)) < 0)
			return rc;
		/* A missing event hashes as nothing: the digest differs. */
		if (rc == 1) {
			r = db_row(st);
			fn(DB_PART_EVENT, db_row_text(&r, "row"), arg);
		}
		sqlite3_reset(st);
	}
	return 1;
}

int
db_doc_lines_each(struct db *db,
    int (*fn)(const char *number, int64_t n, int64_t last, void *),
    void *arg, struct wms_err *err)
{
	struct db_row	 r;
	sqlite3_stmt	*st;
	const char	*number;
	int64_t		 n, last;
	int		 rc;

	if ((st = db_stmt(db, &db_verify_table, DB_VER_DOC_LINES, err)) ==
	    NULL)
		return WMS_ERR_DB;
	while ((rc = db_step(db, st, err)) == 1) {
		r = db_row(st);
		number = db_row_text(&r, "number");
		n = db_row_int(&r, "n");
		last = db_row_int(&r, "last");
		if (fn(number, n, last, arg) != 0)
			return db_stop(st);
	}
	return rc;
}
