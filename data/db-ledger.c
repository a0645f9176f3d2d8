/* Documents, the stock ledger, balances and valuation. */
#include <stdlib.h>
#include <string.h>

#include "data/db-ledger.h"
#include "data/stmt.h"
#include "lib/xmalloc.h"

enum db_ledger_stmt {
	DB_DOC_LAST,
	DB_DOC_ADD,
	DB_DOC_GET,
	DB_DOC_STATUS,
	DB_MOVE_ADD,
	DB_MOVE_OF_DOC,
	DB_DOC_MAXLINE,
	DB_BAL_PUT,
	DB_BAL_GET,
	DB_DEPOT_QTY,
	DB_COST_GET,
	DB_COST_PUT,
	DB_SERIAL_TWICE,
	DB_TRANSIT_LEFT,
	DB_RETURN_MOVES,
	DB_LEDGER_N
};

static const char *const db_ledger_sql[DB_LEDGER_N] = {
	/* Six digits: the numbers sort as text within a prefix. */
	[DB_DOC_LAST] = "SELECT number FROM document WHERE "
	    "number > :prefix || '000000' AND number <= :prefix || '999999' "
	    "ORDER BY number DESC LIMIT 1",
	[DB_DOC_ADD] = "INSERT INTO document(number, type, depot_id, status, "
	    "created_at, user_id, supplier, ref, cost_centre_id, requester, "
	    "reason, dest_depot_id, reverses_id, location_prefix, returns_id) "
	    "VALUES(:number, :type, :depot, :status, :at, :user, :supplier, "
	    ":ref, :cc, :requester, :reason, :dest, :reverses, :prefix, "
	    ":returns)",
	[DB_DOC_GET] = "SELECT d.id AS id, d.type AS type, d.status AS status, "
	    "d.depot_id AS depot_id, dp.code AS depot, "
	    "d.dest_depot_id AS dest_id, dd.code AS dest, (SELECT r.number "
	    "FROM document r WHERE r.reverses_id = d.id) AS reversed_by "
	    "FROM document d JOIN depot dp ON dp.id = d.depot_id "
	    "LEFT JOIN depot dd ON dd.id = d.dest_depot_id "
	    "WHERE d.number = :number",
	[DB_DOC_STATUS] = "UPDATE document SET status = :status WHERE id = :id",
	[DB_MOVE_ADD] = "INSERT INTO movement(doc_id, line, item_id, lot_id, "
	    "from_loc, to_loc, qty, value, at) VALUES(:doc, :line, :item, "
	    ":lot, :from, :to, :qty, :value, :at)",
	[DB_MOVE_OF_DOC] = "SELECT m.doc_id AS doc, m.line AS line, "
	    "m.item_id AS item, m.lot_id AS lot, m.from_loc AS from_loc, "
	    "m.to_loc AS to_loc, m.qty AS qty, m.value AS value "
	    "FROM movement m WHERE m.doc_id = :doc ORDER BY m.id DESC",
	[DB_DOC_MAXLINE] = "SELECT coalesce(max(line), 0) AS line "
	    "FROM movement WHERE doc_id = :doc",
	[DB_BAL_PUT] = "INSERT INTO balance(location_id, item_id, lot_id, qty) "
	    "VALUES(:loc, :item, :lot, :qty) ON CONFLICT DO UPDATE SET "
	    "qty = excluded.qty",
	[DB_BAL_GET] = "SELECT qty FROM balance WHERE location_id = :loc AND "
	    "item_id = :item AND lot_id = :lot",
	[DB_DEPOT_QTY] = "SELECT coalesce(sum(b.qty), 0) AS qty FROM balance b "
	    "JOIN location l ON l.id = b.location_id WHERE b.item_id = :item "
	    "AND l.depot_id = :depot AND l.kind = 'internal'",
	[DB_COST_GET] = "SELECT value, avg_milli FROM item_cost WHERE "
	    "item_id = :item AND depot_id = :depot",
	[DB_COST_PUT] = "INSERT INTO item_cost(item_id, depot_id, value, "
	    "avg_milli) VALUES(:item, :depot, :value, :avg) ON CONFLICT DO "
	    "UPDATE SET value = excluded.value, avg_milli = excluded.avg_milli",
	/* Where else a serial is, when it is in stock more than once. */
	[DB_SERIAL_TWICE] = "SELECT l.path AS path FROM balance b "
	    "JOIN location l ON l.id = b.location_id WHERE b.item_id = :item "
	    "AND b.lot_id = :lot AND b.qty > 0 AND "
	    "l.kind IN ('internal', 'transit') AND "
	    "(SELECT sum(b2.qty) FROM balance b2 "
	    "JOIN location l2 ON l2.id = b2.location_id WHERE "
	    "b2.item_id = :item AND b2.lot_id = :lot AND "
	    "l2.kind IN ('internal', 'transit')) > 1000 "
	    "ORDER BY b.location_id = :to LIMIT 1",
	[DB_TRANSIT_LEFT] = "SELECT m.item_id AS item, m.lot_id AS lot, "
	    "sum(CASE WHEN m.to_loc = :transit THEN m.qty ELSE -m.qty END) "
	    "AS qty, "
	    "sum(CASE WHEN m.to_loc = :transit THEN m.value ELSE -m.value END) "
	    "AS value "
	    "FROM movement m WHERE m.doc_id = :doc AND (m.to_loc = :transit "
	    "OR m.from_loc = :transit) GROUP BY m.item_id, m.lot_id "
	    "HAVING sum(CASE WHEN m.to_loc = :transit THEN m.qty ELSE -m.qty "
	    "END) > 0 ORDER BY min(m.id)",
	/* What the returns of a document moved, less those reversed. */
	[DB_RETURN_MOVES] = "SELECT m.doc_id AS doc, m.line AS line, "
	    "m.item_id AS item, m.lot_id AS lot, m.from_loc AS from_loc, "
	    "m.to_loc AS to_loc, m.qty AS qty, m.value AS value "
	    "FROM document d JOIN movement m ON m.doc_id = d.id "
	    "WHERE d.returns_id = :doc AND NOT EXISTS (SELECT 1 FROM document r "
	    "WHERE r.reverses_id = d.id) ORDER BY m.id",
};

const struct db_stmt_table db_ledger_table = {
	.family = DB_FAM_LEDGER,
	.name = "ledger",
	.sql = db_ledger_sql,
	.n = DB_LEDGER_N,
};

int
db_doc_last(struct db *db, const char *prefix, char *number, size_t n,
    struct wms_err *err)
{
	sqlite3_stmt *st;

	if ((st = db_stmt(db, &db_ledger_table, DB_DOC_LAST, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_text(st, ":prefix", prefix);
	return db_one_text(db, st, "number", number, n, err);
}

int
db_doc_add(struct db *db, const struct db_doc_new *d, int64_t *id,
    struct wms_err *err)
{
	sqlite3_stmt *st;

	if ((st = db_stmt(db, &db_ledger_table, DB_DOC_ADD, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_text(st, ":number", d->number);
	db_bind_text(st, ":type", d->type);
	db_bind_int(st, ":depot", d->depot_id);
	db_bind_text(st, ":status", d->status);
	db_bind_text(st, ":at", d->at);
	db_bind_int(st, ":user", d->user_id);
	db_bind_opt(st, ":supplier", d->supplier);
	db_bind_opt(st, ":ref", d->ref);
	db_bind_id(st, ":cc", d->cost_centre_id);
	db_bind_opt(st, ":requester", d->requester);
	db_bind_opt(st, ":reason", d->reason);
	db_bind_id(st, ":dest", d->dest_depot_id);
	db_bind_id(st, ":reverses", d->reverses_id);
	db_bind_opt(st, ":prefix", d->location_prefix);
	db_bind_id(st, ":returns", d->returns_id);
	return db_insert(db, st, id, err);
}

static void
doc_read(struct db_row *r, void *out)
{
	struct db_doc *d = out;

	d->id = db_row_int(r, "id");
	db_row_copy(r, "type", d->type, sizeof d->type);
	db_row_copy(r, "status", d->status, sizeof d->status);
	d->depot_id = db_row_int(r, "depot_id");
	db_row_copy(r, "depot", d->depot, sizeof d->depot);
	d->dest_id = db_row_int(r, "dest_id");
	db_row_copy(r, "dest", d->dest, sizeof d->dest);
	db_row_copy(r, "reversed_by", d->reversed_by, sizeof d->reversed_by);
}

int
db_doc_get(struct db *db, const char *number, struct db_doc *d,
    struct wms_err *err)
{
	sqlite3_stmt *st;

	memset(d, 0, sizeof *d);
	if ((st = db_stmt(db, &db_ledger_table, DB_DOC_GET, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_text(st, ":number", number);
	return db_one(db, st, doc_read, d, err);
}

int
db_doc_set_status(struct db *db, int64_t id, const char *status,
    struct wms_err *err)
{
	sqlite3_stmt *st;

	if ((st = db_stmt(db, &db_ledger_table, DB_DOC_STATUS, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_text(st, ":status", status);
	db_bind_int(st, ":id", id);
	return db_exec_stmt(db, st, err);
}

int
db_doc_max_line(struct db *db, int64_t doc, int *line, struct wms_err *err)
{
	sqlite3_stmt	*st;
	int64_t		 v = 0;
	int		 rc;

	*line = 0;
	if ((st = db_stmt(db, &db_ledger_table, DB_DOC_MAXLINE, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_int(st, ":doc", doc);
	rc = db_one_int(db, st, "line", &v, err);
	*line = (int)v;
	return rc < 0 ? rc : 0;
}

int
db_move_add(struct db *db, const struct db_move *m, const char *at,
    struct wms_err *err)
{
	sqlite3_stmt *st;

	if ((st = db_stmt(db, &db_ledger_table, DB_MOVE_ADD, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_int(st, ":doc", m->doc);
	db_bind_int(st, ":line", m->line);
	db_bind_int(st, ":item", m->item);
	db_bind_int(st, ":lot", m->lot);
	db_bind_int(st, ":from", m->from);
	db_bind_int(st, ":to", m->to);
	db_bind_int(st, ":qty", m->qty);
	db_bind_int(st, ":value", m->value);
	db_bind_text(st, ":at", at);
	return db_exec_stmt(db, st, err);
}

/* Every row of st, each read by read, into a growing array. */
static int
db_move_rows(struct db *db, sqlite3_stmt *st,
    void (*read)(struct db_row *, void *), struct db_move **out,
    size_t *n, struct wms_err *err)
{
	struct db_move	m;
	size_t		cap = 0;
	int		rc;

	*out = NULL;
	*n = 0;
	memset(&m, 0, sizeof m);
	while ((rc = db_next(db, st, read, &m, err)) == 1) {
		*out = xgrow(*out, *n, &cap, sizeof **out);
		(*out)[(*n)++] = m;
	}
	if (rc < 0) {
		free(*out);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

static void
db_move_row(struct db_row *r, void *out)
{
	struct db_move *m = out;

	m->doc = db_row_int(r, "doc");
	m->line = db_row_int(r, "line");
	m->item = db_row_int(r, "item");
	m->lot = db_row_int(r, "lot");
	m->from = db_row_int(r, "from_loc");
	m->to = db_row_int(r, "to_loc");
	m->qty = db_row_int(r, "qty");
	m->value = db_row_int(r, "value");
}

int
db_move_list(struct db *db, int64_t doc, struct db_move **out, size_t *n,
    struct wms_err *err)
{
	sqlite3_stmt *st;

	*out = NULL;
	*n = 0;
	if ((st = db_stmt(db, &db_ledger_table, DB_MOVE_OF_DOC, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_int(st, ":doc", doc);
	return db_move_rows(db, st, db_move_row, out, n, err);
}

static void
db_transit_row(struct db_row *r, void *out)
{
	struct db_move *m = out;

	m->item = db_row_int(r, "item");
	m->lot = db_row_int(r, "lot");
	m->qty = db_row_int(r, "qty");
	m->value = db_row_int(r, "value");
}

int
db_transit_left(struct db *db, int64_t doc, int64_t transit,
    struct db_move **out, size_t *n, struct wms_err *err)
{
	sqlite3_stmt *st;

	*out = NULL;
	*n = 0;
	if ((st = db_stmt(db, &db_ledger_table, DB_TRANSIT_LEFT, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_int(st, ":doc", doc);
	db_bind_int(st, ":transit", transit);
	return db_move_rows(db, st, db_transit_row, out, n, err);
}

int
db_bal_get(struct db *db, int64_t loc, int64_t item, int64_t lot,
    int64_t *qty, struct wms_err *err)
{
	sqlite3_stmt	*st;
	int		 rc;

	*qty = 0;
	if ((st = db_stmt(db, &db_ledger_table, DB_BAL_GET, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_int(st, ":loc", loc);
	db_bind_int(st, ":item", item);
	db_bind_int(st, ":lot", lot);
	rc = db_one_int(db, st, "qty", qty, err);
	return rc < 0 ? rc : 0;
}

int
db_bal_put(struct db *db, int64_t loc, int64_t item, int64_t lot, int64_t qty,
    struct wms_err *err)
{
	sqlite3_stmt *st;

	if ((st = db_stmt(db, &db_ledger_table, DB_BAL_PUT, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_int(st, ":loc", loc);
	db_bind_int(st, ":item", item);
	db_bind_int(st, ":lot", lot);
	db_bind_int(st, ":qty", qty);
	return db_exec_stmt(db, st, err);
}

int
db_bal_depot(struct db *db, int64_t item, int64_t depot, int64_t *qty,
    struct wms_err *err)
{
	sqlite3_stmt	*st;
	int		 rc;

	*qty = 0;
	if ((st = db_stmt(db, &db_ledger_table, DB_DEPOT_QTY, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_int(st, ":item", item);
	db_bind_int(st, ":depot", depot);
	rc = db_one_int(db, st, "qty", qty, err);
	return rc < 0 ? rc : 0;
}

int
db_serial_where(struct db *db, int64_t item, int64_t lot, int64_t to,
    char *path, size_t n, struct wms_err *err)
{
	sqlite3_stmt *st;

	if ((st = db_stmt(db, &db_ledger_table, DB_SERIAL_TWICE, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_int(st, ":item", item);
	db_bind_int(st, ":lot", lot);
	db_bind_int(st, ":to", to);
	return db_one_text(db, st, "path", path, n, err);
}

static void
cost_read(struct db_row *r, void *out)
{
	int64_t *v = out;

	v[0] = db_row_int(r, "value");
	v[1] = db_row_int(r, "avg_milli");
}

int
db_cost_get(struct db *db, int64_t item, int64_t depot, int64_t *value,
    int64_t *avg_milli, struct wms_err *err)
{
	sqlite3_stmt	*st;
	int64_t		 v[2] = { 0, 0 };
	int		 rc;

	*value = *avg_milli = 0;
	if ((st = db_stmt(db, &db_ledger_table, DB_COST_GET, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_int(st, ":item", item);
	db_bind_int(st, ":depot", depot);
	rc = db_one(db, st, cost_read, v, err);
	*value = v[0];
	*avg_milli = v[1];
	return rc < 0 ? rc : 0;
}

int
db_cost_put(struct db *db, int64_t item, int64_t depot, int64_t value,
    int64_t avg_milli, struct wms_err *err)
{
	sqlite3_stmt *st;

	if ((st = db_stmt(db, &db_ledger_table, DB_COST_PUT, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_int(st, ":item", item);
	db_bind_int(st, ":depot", depot);
	db_bind_int(st, ":value", value);
	db_bind_int(st, ":avg", avg_milli);
	return db_exec_stmt(db, st, err);
}

int
db_return_moves(struct db *db, int64_t doc, struct db_move **out, size_t *n,
    struct wms_err *err)
{
	sqlite3_stmt *st;

	*out = NULL;
	*n = 0;
	if ((st = db_stmt(db, &db_ledger_table, DB_RETURN_MOVES, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_int(st, ":doc", doc);
	return db_move_rows(db, st, db_move_row, out, n, err);
}
