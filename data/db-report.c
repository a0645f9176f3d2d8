/* Statements of reports and of makhzan check, and the reading of their rows. */
#include <string.h>

#include "data/db-report.h"
#include "data/db-report-mgr.h"
#include "data/stmt.h"

enum db_report_stmt {
	DB_REP_STOCK_ITEM,
	DB_REP_STOCK_FEFO,
	DB_REP_LEDGER,
	DB_REP_TRANSFERS,
	DB_REP_TRANSFERS_PENDING,
	DB_REP_TODAY,
	DB_REP_BELOW_MIN,
	DB_REP_EXPIRING,
	DB_CHK_INTEGRITY,
	DB_CHK_BALANCE,
	DB_CHK_NEGATIVE,
	DB_CHK_SUM,
	DB_CHK_OUTBOX,
	DB_CHK_COST,
	DB_REPORT_N
};

/* A location filter: a path, or a prefix that ends at a '/'. */
#define PREFIX_MATCH "(:prefix IS NULL OR l.path = :prefix OR " \
	"substr(l.path, 1, length(:prefix) + 1) = :prefix || '/')"

#define STOCK_SELECT "SELECT d.code AS depot, l.path AS location, " \
	"i.code AS item, lot.code AS lot, b.qty AS qty, i.uom AS uom, " \
	"i.name_ar AS name_ar, i.name_en AS name_en, lot.expiry AS expiry, " \
	"coalesce(c.avg_milli, 0) AS avg_milli FROM balance b " \
	"JOIN location l ON l.id = b.location_id " \
	"JOIN item i ON i.id = b.item_id " \
	"JOIN depot d ON d.id = l.depot_id " \
	"LEFT JOIN lot ON lot.id = b.lot_id " \
	"LEFT JOIN item_cost c ON c.item_id = b.item_id AND " \
	"c.depot_id = l.depot_id "

/* Transfers with the lines still in transit: item and lot pairs not
 * received in full. */
#define TRANSFERS_SELECT "SELECT d.number AS number, s.code AS from_depot, " \
	"t.code AS to_depot, d.status AS status, d.created_at AS shipped_at, " \
	"r.number AS reversed_by, (SELECT count(*) FROM (SELECT 1 FROM " \
	"movement m WHERE m.doc_id = d.id AND (m.to_loc = tr.id OR " \
	"m.from_loc = tr.id) GROUP BY m.item_id, m.lot_id HAVING " \
	"sum(CASE WHEN m.to_loc = tr.id THEN m.qty ELSE -m.qty END) > 0)) " \
	"AS lines_in_transit " \
	"FROM document d " \
	"JOIN depot s ON s.id = d.depot_id " \
	"JOIN depot t ON t.id = d.dest_depot_id " \
	"JOIN location tr ON tr.path = t.code || '/@TRANSIT' " \
	"LEFT JOIN document r ON r.reverses_id = d.id "

/*
 * The view ledger_balance with total() for sum(): a sum past 64 bits (a
 * ledger written before the limits) does not fail the check, and below
 * 2^53 (the limit per balance is 10^15 thousandths) total() is exact.
 */
#define LEDGER_TOTAL "(SELECT location_id, item_id, lot_id, " \
	"CAST(total(qty) AS INTEGER) AS qty FROM (" \
	"SELECT to_loc AS location_id, item_id, lot_id, qty FROM movement " \
	"UNION ALL SELECT from_loc, item_id, lot_id, -qty FROM movement) " \
	"GROUP BY location_id, item_id, lot_id)"

static const char *const db_report_sql[DB_REPORT_N] = {
	/*
	 * One item: a range of the balance key, whatever the size.  The whole
	 * stock is the stock report's join in C (db_rep_onhand_each).
	 */
	[DB_REP_STOCK_ITEM] = STOCK_SELECT "WHERE b.item_id = :item AND "
	    "l.kind = 'internal' AND b.qty <> 0 AND (:depot IS NULL OR "
	    "d.code = :depot) AND " PREFIX_MATCH
	    " ORDER BY d.code, l.path, lot.code",
	/* One item at one location, first expiry first out: lots by expiry
	 * (none last), then code. */
	[DB_REP_STOCK_FEFO] = STOCK_SELECT "WHERE b.item_id = :item AND "
	    "l.path = :loc AND l.kind = 'internal' AND b.qty > 0 "
	    "ORDER BY lot.expiry IS NULL, lot.expiry, lot.code",
	[DB_REP_LEDGER] = "SELECT at, document, from_path, to_path, lot, qty, "
	    "out_, in_ FROM (SELECT m.at AS at, doc.number AS document, "
	    "lf.path AS from_path, lt.path AS to_path, lot.code AS lot, "
	    "m.qty AS qty, "
	    "lf.kind = 'internal' AND (:depot IS NULL OR df.code = :depot) "
	    "AS out_, lt.kind = 'internal' AND (:depot IS NULL OR "
	    "dt.code = :depot) AS in_ FROM movement m "
	    "JOIN document doc ON doc.id = m.doc_id "
	    "JOIN location lf ON lf.id = m.from_loc "
	    "JOIN location lt ON lt.id = m.to_loc "
	    "LEFT JOIN depot df ON df.id = lf.depot_id "
	    "LEFT JOIN depot dt ON dt.id = lt.depot_id "
	    "LEFT JOIN lot ON lot.id = m.lot_id "
	    "WHERE m.item_id = :item ORDER BY m.id) WHERE out_ OR in_",
	[DB_REP_TRANSFERS] = TRANSFERS_SELECT "WHERE d.type = 'TRF' "
	    "ORDER BY d.id",
	/* Through the partial index document_open. */
	[DB_REP_TRANSFERS_PENDING] = TRANSFERS_SELECT "WHERE d.type = 'TRF' "
	    "AND d.status = 'in_transit' AND r.id IS NULL ORDER BY d.id",
	[DB_REP_TODAY] = "SELECT count(*) AS n FROM document WHERE "
	    "created_at >= :since",
	/* Stock at real locations against the reorder minimum. */
	[DB_REP_BELOW_MIN] = "SELECT i.code AS item, i.name_ar AS name_ar, "
	    "i.name_en AS name_en, i.uom AS uom, "
	    "coalesce((SELECT sum(b.qty) FROM balance b JOIN location l ON "
	    "l.id = b.location_id WHERE b.item_id = i.id AND "
	    "l.kind = 'internal'), 0) AS qty, i.min_qty AS min_qty FROM item i "
	    "WHERE i.min_qty > 0 AND qty < i.min_qty ORDER BY i.code",
	/* Lots in stock that expire by :until, soonest first. */
	[DB_REP_EXPIRING] = "SELECT i.code AS item, lot.code AS lot, "
	    "lot.expiry AS expiry, sum(b.qty) AS qty, i.uom AS uom "
	    "FROM lot JOIN item i ON i.id = lot.item_id "
	    "JOIN balance b ON b.item_id = lot.item_id AND b.lot_id = lot.id "
	    "JOIN location l ON l.id = b.location_id AND l.kind = 'internal' "
	    "WHERE lot.expiry IS NOT NULL AND lot.expiry <= :until "
	    "GROUP BY lot.id HAVING sum(b.qty) > 0 ORDER BY lot.expiry",
	[DB_CHK_INTEGRITY] = "PRAGMA integrity_check",
	/*
	 * The checks: the rows that are wrong, each in the columns location,
	 * item, depot, lot_id, qty, ledger, value (db_check_row).
	 * Balances that differ from the sum of the ledger, both ways.
	 */
	[DB_CHK_BALANCE] = "SELECT l.path AS location, i.code AS item, "
	    "NULL AS depot, b.lot_id AS lot_id, b.qty AS qty, "
	    "coalesce(v.qty, 0) AS ledger, 0 AS value FROM balance b "
	    "LEFT JOIN " LEDGER_TOTAL " v ON v.location_id = b.location_id AND "
	    "v.item_id = b.item_id AND v.lot_id = b.lot_id "
	    "JOIN location l ON l.id = b.location_id "
	    "JOIN item i ON i.id = b.item_id "
	    "WHERE b.qty <> coalesce(v.qty, 0) UNION ALL "
	    "SELECT l.path, i.code, NULL, v.lot_id, 0, v.qty, 0 "
	    "FROM " LEDGER_TOTAL " v "
	    "LEFT JOIN balance b ON v.location_id = b.location_id AND "
	    "v.item_id = b.item_id AND v.lot_id = b.lot_id "
	    "JOIN location l ON l.id = v.location_id "
	    "JOIN item i ON i.id = v.item_id "
	    "WHERE b.qty IS NULL AND v.qty <> 0",
	[DB_CHK_NEGATIVE] = "SELECT l.path AS location, i.code AS item, "
	    "NULL AS depot, 0 AS lot_id, b.qty AS qty, 0 AS ledger, "
	    "0 AS value FROM balance b "
	    "JOIN location l ON l.id = b.location_id "
	    "JOIN item i ON i.id = b.item_id "
	    "WHERE b.qty < 0 AND l.kind IN ('internal', 'transit')",
	[DB_CHK_SUM] = "SELECT NULL AS location, i.code AS item, "
	    "NULL AS depot, 0 AS lot_id, CAST(total(b.qty) AS INTEGER) AS qty, "
	    "0 AS ledger, 0 AS value FROM balance b "
	    "JOIN item i ON i.id = b.item_id "
	    "GROUP BY b.item_id HAVING total(b.qty) <> 0",
	[DB_CHK_OUTBOX] = "SELECT (SELECT value FROM counter WHERE name = "
	    "'outbox') AS counter, count(*) AS count, coalesce(min(seq), 1) "
	    "AS lo, coalesce(max(seq), 0) AS hi FROM outbox",
	[DB_CHK_COST] = "SELECT NULL AS location, i.code AS item, "
	    "d.code AS depot, 0 AS lot_id, 0 AS qty, 0 AS ledger, "
	    "c.value AS value FROM item_cost c "
	    "JOIN item i ON i.id = c.item_id JOIN depot d ON d.id = c.depot_id "
	    "WHERE c.value < 0",
};

const struct db_stmt_table db_report_table = {
	.family = DB_FAM_REPORT,
	.name = "report",
	.sql = db_report_sql,
	.n = DB_REPORT_N,
};

static void
stock_read(struct db_row *r, void *out)
{
	struct db_report_stock *s = out;

	s->depot = db_row_text(r, "depot");
	s->location = db_row_text(r, "location");
	s->item = db_row_text(r, "item");
	s->lot = db_row_text(r, "lot");
	s->qty = db_row_int(r, "qty");
	s->uom = db_row_text(r, "uom");
	s->name_ar = db_row_text(r, "name_ar");
	s->name_en = db_row_text(r, "name_en");
	s->expiry = db_row_text(r, "expiry");
	s->avg_milli = db_row_int(r, "avg_milli");
}

/* Each row of st, a stock statement bound, to fn until it says stop. */
static int
stock_rows(struct db *db, sqlite3_stmt *st,
    int (*fn)(const struct db_report_stock *, void *), void *arg,
    struct wms_err *err)
{
	struct db_report_stock	s;
	int			rc;

	while ((rc = db_next(db, st, stock_read, &s, err)) == 1)
		if (fn(&s, arg) != 0)
			return db_stop(st);
	return rc;
}

int
db_report_stock_each(struct db *db, const struct db_report_stock_filter *f,
    int (*fn)(const struct db_report_stock *, void *), void *arg,
    struct wms_err *err)
{
	sqlite3_stmt	*st;
	int64_t		 depot = 0;
	int		 rc;

	if (f->item == 0) {
		/* A depot code that names none has no stock. */
		if (f->depot != NULL && (rc = db_rep_name_id(db,
		    DB_REP_NAME_DEPOT, f->depot, &depot, err)) <= 0)
			return rc;
		return db_rep_onhand_each(db, depot, f->prefix, f->costs, fn,
		    arg, err);
	}
	if ((st = db_stmt(db, &db_report_table, DB_REP_STOCK_ITEM, err)) ==
	    NULL)
		return WMS_ERR_DB;
	db_bind_opt(st, ":depot", f->depot);
	db_bind_opt(st, ":prefix", f->prefix);
	db_bind_int(st, ":item", f->item);
	return stock_rows(db, st, fn, arg, err);
}

int
db_report_fefo_each(struct db *db, int64_t item, const char *path,
    int (*fn)(const struct db_report_stock *, void *), void *arg,
    struct wms_err *err)
{
	sqlite3_stmt *st;

	if ((st = db_stmt(db, &db_report_table, DB_REP_STOCK_FEFO, err)) ==
	    NULL)
		return WMS_ERR_DB;
	db_bind_int(st, ":item", item);
	db_bind_text(st, ":loc", path);
	return stock_rows(db, st, fn, arg, err);
}

static void
ledger_read(struct db_row *r, void *out)
{
	struct db_report_ledger *m = out;

	m->at = db_row_text(r, "at");
	m->document = db_row_text(r, "document");
	m->from = db_row_text(r, "from_path");
	m->to = db_row_text(r, "to_path");
	m->lot = db_row_text(r, "lot");
	m->qty = db_row_int(r, "qty");
	m->out = db_row_int(r, "out_") != 0;
	m->in = db_row_int(r, "in_") != 0;
}

int
db_report_ledger_each(struct db *db, int64_t item, const char *depot,
    int (*fn)(const struct db_report_ledger *, void *), void *arg,
    struct wms_err *err)
{
	struct db_report_ledger	 m;
	sqlite3_stmt		*st;
	int			 rc;

	if ((st = db_stmt(db, &db_report_table, DB_REP_LEDGER, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_int(st, ":item", item);
	db_bind_opt(st, ":depot", depot);
	while ((rc = db_next(db, st, ledger_read, &m, err)) == 1)
		if (fn(&m, arg) != 0)
			return db_stop(st);
	return rc;
}

static void
transfer_read(struct db_row *r, void *out)
{
	struct db_report_transfer *t = out;

	t->number = db_row_text(r, "number");
	t->from_depot = db_row_text(r, "from_depot");
	t->to_depot = db_row_text(r, "to_depot");
	t->status = db_row_text(r, "status");
	t->shipped_at = db_row_text(r, "shipped_at");
	t->reversed_by = db_row_text(r, "reversed_by");
	t->lines_in_transit = db_row_int(r, "lines_in_transit");
}

int
db_report_transfer_each(struct db *db, int pending,
    int (*fn)(const struct db_report_transfer *, void *), void *arg,
    struct wms_err *err)
{
	struct db_report_transfer	 t;
	sqlite3_stmt			*st;
	int				 rc;

	if ((st = db_stmt(db, &db_report_table, pending ?
	    DB_REP_TRANSFERS_PENDING : DB_REP_TRANSFERS, err)) == NULL)
		return WMS_ERR_DB;
	while ((rc = db_next(db, st, transfer_read, &t, err)) == 1)
		if (fn(&t, arg) != 0)
			return db_stop(st);
	return rc;
}

int
db_report_documents_since(struct db *db, const char *since, int64_t *n,
    struct wms_err *err)
{
	sqlite3_stmt	*st;
	int		 rc;

	*n = 0;
	if ((st = db_stmt(db, &db_report_table, DB_REP_TODAY, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_text(st, ":since", since);
	rc = db_one_int(db, st, "n", n, err);
	return rc < 0 ? rc : 0;
}

static void
below_min_read(struct db_row *r, void *out)
{
	struct db_report_below_min *b = out;

	b->item = db_row_text(r, "item");
	b->name_ar = db_row_text(r, "name_ar");
	b->name_en = db_row_text(r, "name_en");
	b->uom = db_row_text(r, "uom");
	b->qty = db_row_int(r, "qty");
	b->min = db_row_int(r, "min_qty");
}

int
db_report_below_min_each(struct db *db,
    int (*fn)(const struct db_report_below_min *, void *), void *arg,
    struct wms_err *err)
{
	struct db_report_below_min	 b;
	sqlite3_stmt			*st;
	int				 rc;

	if ((st = db_stmt(db, &db_report_table, DB_REP_BELOW_MIN, err)) ==
	    NULL)
		return WMS_ERR_DB;
	while ((rc = db_next(db, st, below_min_read, &b, err)) == 1)
		if (fn(&b, arg) != 0)
			return db_stop(st);
	return rc;
}

static void
expiring_read(struct db_row *r, void *out)
{
	struct db_report_expiring *x = out;

	x->item = db_row_text(r, "item");
	x->lot = db_row_text(r, "lot");
	x->expiry = db_row_text(r, "expiry");
	x->qty = db_row_int(r, "qty");
	x->uom = db_row_text(r, "uom");
}

int
db_report_expiring_each(struct db *db, const char *until,
    int (*fn)(const struct db_report_expiring *, void *), void *arg,
    struct wms_err *err)
{
	struct db_report_expiring	 x;
	sqlite3_stmt			*st;
	int				 rc;

	if ((st = db_stmt(db, &db_report_table, DB_REP_EXPIRING, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_text(st, ":until", until);
	while ((rc = db_next(db, st, expiring_read, &x, err)) == 1)
		if (fn(&x, arg) != 0)
			return db_stop(st);
	return rc;
}

static void
integrity_read(struct db_row *r, void *out)
{
	const char *line = db_row_text(r, "integrity_check");

	*(const char **)out = line != NULL ? line : "";
}

int
db_check_integrity(struct db *db, int (*fn)(const char *, void *),
    void *arg, struct wms_err *err)
{
	sqlite3_stmt	*st;
	const char	*line;
	int		 rc;

	if ((st = db_stmt(db, &db_report_table, DB_CHK_INTEGRITY, err)) ==
	    NULL)
		return WMS_ERR_DB;
	while ((rc = db_next(db, st, integrity_read, &line, err)) == 1)
		if (fn(line, arg) != 0)
			return db_stop(st);
	return rc;
}

static void
check_read(struct db_row *r, void *out)
{
	struct db_check_row *c = out;

	c->location = db_row_text(r, "location");
	c->item = db_row_text(r, "item");
	c->depot = db_row_text(r, "depot");
	c->lot_id = db_row_int(r, "lot_id");
	c->qty = db_row_int(r, "qty");
	c->ledger = db_row_int(r, "ledger");
	c->value = db_row_int(r, "value");
}

int
db_check_each(struct db *db, enum db_check which,
    int (*fn)(const struct db_check_row *, void *), void *arg,
    struct wms_err *err)
{
	static const int stmt[] = {
		[DB_CHECK_BALANCES] = DB_CHK_BALANCE,
		[DB_CHECK_NEGATIVES] = DB_CHK_NEGATIVE,
		[DB_CHECK_SUMS] = DB_CHK_SUM,
		[DB_CHECK_COSTS] = DB_CHK_COST,
	};
	struct db_check_row	 c;
	sqlite3_stmt		*st;
	int			 rc;

	if ((st = db_stmt(db, &db_report_table, stmt[which], err)) == NULL)
		return WMS_ERR_DB;
	while ((rc = db_next(db, st, check_read, &c, err)) == 1)
		if (fn(&c, arg) != 0)
			return db_stop(st);
	return rc;
}

static void
outbox_read(struct db_row *r, void *out)
{
	struct db_check_outbox *o = out;

	o->counter = db_row_int(r, "counter");
	o->count = db_row_int(r, "count");
	o->lo = db_row_int(r, "lo");
	o->hi = db_row_int(r, "hi");
}

int
db_check_outbox(struct db *db, struct db_check_outbox *o, struct wms_err *err)
{
	sqlite3_stmt	*st;
	int		 rc;

	memset(o, 0, sizeof *o);
	if ((st = db_stmt(db, &db_report_table, DB_CHK_OUTBOX, err)) == NULL)
		return WMS_ERR_DB;
	rc = db_one(db, st, outbox_read, o, err);
	return rc < 0 ? rc : 0;
}
