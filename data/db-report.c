/* Statements of reports and of makhzan check, and the reading of their rows. */
#include <string.h>

#include "data/db-report.h"
#include "data/stmt.h"

enum db_report_stmt {
	DB_REP_STOCK,
	DB_REP_STOCK_ITEM,
	DB_REP_STOCK_FEFO,
	DB_REP_LEDGER,
	DB_REP_TRANSFERS,
	DB_REP_TRANSFERS_PENDING,
	DB_REP_AUDIT,
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
	"i.name_ar AS name_ar, i.name_en AS name_en, lot.expiry AS expiry " \
	"FROM balance b " \
	"JOIN location l ON l.id = b.location_id " \
	"JOIN item i ON i.id = b.item_id " \
	"JOIN depot d ON d.id = l.depot_id " \
	"LEFT JOIN lot ON lot.id = b.lot_id "

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

static const char *const db_report_sql[DB_REPORT_N] = {
	[DB_REP_STOCK] = STOCK_SELECT "WHERE l.kind = 'internal' AND "
	    "b.qty <> 0 AND (:depot IS NULL OR d.code = :depot) AND "
	    PREFIX_MATCH " ORDER BY d.code, l.path, i.code, lot.code",
	/* One item: a range of the balance key, whatever the size. */
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
	[DB_REP_AUDIT] = "SELECT seq, at, user, action, doc, detail FROM "
	    "audit ORDER BY seq DESC LIMIT :limit",
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
	/* Balances that differ from the sum of the ledger, both ways. */
	[DB_CHK_BALANCE] = "SELECT l.path AS location, i.code AS item, "
	    "b.lot_id AS lot_id, b.qty AS qty, coalesce(v.qty, 0) AS ledger "
	    "FROM balance b "
	    "LEFT JOIN ledger_balance v ON v.location_id = b.location_id AND "
	    "v.item_id = b.item_id AND v.lot_id = b.lot_id "
	    "JOIN location l ON l.id = b.location_id "
	    "JOIN item i ON i.id = b.item_id "
	    "WHERE b.qty <> coalesce(v.qty, 0) UNION ALL "
	    "SELECT l.path, i.code, v.lot_id, 0, v.qty FROM ledger_balance v "
	    "LEFT JOIN balance b ON v.location_id = b.location_id AND "
	    "v.item_id = b.item_id AND v.lot_id = b.lot_id "
	    "JOIN location l ON l.id = v.location_id "
	    "JOIN item i ON i.id = v.item_id "
	    "WHERE b.qty IS NULL AND v.qty <> 0",
	[DB_CHK_NEGATIVE] = "SELECT l.path AS location, i.code AS item, "
	    "b.qty AS qty FROM balance b "
	    "JOIN location l ON l.id = b.location_id "
	    "JOIN item i ON i.id = b.item_id "
	    "WHERE b.qty < 0 AND l.kind IN ('internal', 'transit')",
	[DB_CHK_SUM] = "SELECT i.code AS item, sum(b.qty) AS qty "
	    "FROM balance b JOIN item i ON i.id = b.item_id GROUP BY b.item_id "
	    "HAVING sum(b.qty) <> 0",
	[DB_CHK_OUTBOX] = "SELECT (SELECT value FROM counter WHERE name = "
	    "'outbox') AS counter, count(*) AS count, coalesce(min(seq), 1) "
	    "AS lo, coalesce(max(seq), 0) AS hi FROM outbox",
	[DB_CHK_COST] = "SELECT i.code AS item, d.code AS depot, "
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

/*
 * Each query's callback and its argument, for the reader of its rows:
 * the reader fills the row's struct by the names of the columns and hands
 * it on.
 */
struct stock_each {
	int	(*fn)(const struct db_report_stock *, void *);
	void	*arg;
};

static int
stock_read(struct db_row *r, void *arg)
{
	struct stock_each	*e = arg;
	struct db_report_stock	 s;

	s.depot = db_row_text(r, "depot");
	s.location = db_row_text(r, "location");
	s.item = db_row_text(r, "item");
	s.lot = db_row_text(r, "lot");
	s.qty = db_row_int(r, "qty");
	s.uom = db_row_text(r, "uom");
	s.name_ar = db_row_text(r, "name_ar");
	s.name_en = db_row_text(r, "name_en");
	s.expiry = db_row_text(r, "expiry");
	return e->fn(&s, e->arg);
}

int
db_report_stock_each(struct db *db, const struct db_report_stock_filter *f,
    int (*fn)(const struct db_report_stock *, void *), void *arg,
    struct wms_err *err)
{
	struct stock_each	 e = { .fn = fn, .arg = arg };
	sqlite3_stmt		*st;

	st = db_stmt(db, &db_report_table, f->item != 0 ? DB_REP_STOCK_ITEM :
	    DB_REP_STOCK, err);
	if (st == NULL)
		return WMS_ERR_DB;
	db_bind_opt(st, ":depot", f->depot);
	db_bind_opt(st, ":prefix", f->prefix);
	if (f->item != 0)
		db_bind_int(st, ":item", f->item);
	return db_each(db, st, stock_read, &e, err);
}

int
db_report_fefo_each(struct db *db, int64_t item, const char *path,
    int (*fn)(const struct db_report_stock *, void *), void *arg,
    struct wms_err *err)
{
	struct stock_each	 e = { .fn = fn, .arg = arg };
	sqlite3_stmt		*st;

	if ((st = db_stmt(db, &db_report_table, DB_REP_STOCK_FEFO, err)) ==
	    NULL)
		return WMS_ERR_DB;
	db_bind_int(st, ":item", item);
	db_bind_text(st, ":loc", path);
	return db_each(db, st, stock_read, &e, err);
}

struct ledger_each {
	int	(*fn)(const struct db_report_ledger *, void *);
	void	*arg;
};

static int
ledger_read(struct db_row *r, void *arg)
{
	struct ledger_each	*e = arg;
	struct db_report_ledger	 m;

	m.at = db_row_text(r, "at");
	m.document = db_row_text(r, "document");
	m.from = db_row_text(r, "from_path");
	m.to = db_row_text(r, "to_path");
	m.lot = db_row_text(r, "lot");
	m.qty = db_row_int(r, "qty");
	m.out = db_row_int(r, "out_") != 0;
	m.in = db_row_int(r, "in_") != 0;
	return e->fn(&m, e->arg);
}

int
db_report_ledger_each(struct db *db, int64_t item, const char *depot,
    int (*fn)(const struct db_report_ledger *, void *), void *arg,
    struct wms_err *err)
{
	struct ledger_each	 e = { .fn = fn, .arg = arg };
	sqlite3_stmt		*st;

	if ((st = db_stmt(db, &db_report_table, DB_REP_LEDGER, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_int(st, ":item", item);
	db_bind_opt(st, ":depot", depot);
	return db_each(db, st, ledger_read, &e, err);
}

struct transfer_each {
	int	(*fn)(const struct db_report_transfer *, void *);
	void	*arg;
};

static int
transfer_read(struct db_row *r, void *arg)
{
	struct transfer_each		*e = arg;
	struct db_report_transfer	 t;

	t.number = db_row_text(r, "number");
	t.from_depot = db_row_text(r, "from_depot");
	t.to_depot = db_row_text(r, "to_depot");
	t.status = db_row_text(r, "status");
	t.shipped_at = db_row_text(r, "shipped_at");
	t.reversed_by = db_row_text(r, "reversed_by");
	t.lines_in_transit = db_row_int(r, "lines_in_transit");
	return e->fn(&t, e->arg);
}

int
db_report_transfer_each(struct db *db, int pending,
    int (*fn)(const struct db_report_transfer *, void *), void *arg,
    struct wms_err *err)
{
	struct transfer_each	 e = { .fn = fn, .arg = arg };
	sqlite3_stmt		*st;

	if ((st = db_stmt(db, &db_report_table, pending ?
	    DB_REP_TRANSFERS_PENDING : DB_REP_TRANSFERS, err)) == NULL)
		return WMS_ERR_DB;
	return db_each(db, st, transfer_read, &e, err);
}

struct audit_each {
	int	(*fn)(const struct db_report_audit *, void *);
	void	*arg;
};

static int
audit_read(struct db_row *r, void *arg)
{
	struct audit_each	*e = arg;
	struct db_report_audit	 a;

	a.seq = db_row_int(r, "seq");
	a.at = db_row_text(r, "at");
	a.user = db_row_text(r, "user");
	a.action = db_row_text(r, "action");
	a.doc = db_row_text(r, "doc");
	a.detail = db_row_text(r, "detail");
	return e->fn(&a, e->arg);
}

int
db_report_audit_each(struct db *db, int limit,
    int (*fn)(const struct db_report_audit *, void *), void *arg,
    struct wms_err *err)
{
	struct audit_each	 e = { .fn = fn, .arg = arg };
	sqlite3_stmt		*st;

	if ((st = db_stmt(db, &db_report_table, DB_REP_AUDIT, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_int(st, ":limit", limit);
	return db_each(db, st, audit_read, &e, err);
}

static int
today_read(struct db_row *r, void *arg)
{
	int64_t *n = arg;

	*n = db_row_int(r, "n");
	return 1;
}

int
db_report_documents_since(struct db *db, const char *since, int64_t *n,
    struct wms_err *err)
{
	sqlite3_stmt *st;

	*n = 0;
	if ((st = db_stmt(db, &db_report_table, DB_REP_TODAY, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_text(st, ":since", since);
	return db_each(db, st, today_read, n, err);
}

struct below_min_each {
	int	(*fn)(const struct db_report_below_min *, void *);
	void	*arg;
};

static int
below_min_read(struct db_row *r, void *arg)
{
	struct below_min_each		*e = arg;
	struct db_report_below_min	 b;

	b.item = db_row_text(r, "item");
	b.name_ar = db_row_text(r, "name_ar");
	b.name_en = db_row_text(r, "name_en");
	b.uom = db_row_text(r, "uom");
	b.qty = db_row_int(r, "qty");
	b.min = db_row_int(r, "min_qty");
	return e->fn(&b, e->arg);
}

int
db_report_below_min_each(struct db *db,
    int (*fn)(const struct db_report_below_min *, void *), void *arg,
    struct wms_err *err)
{
	struct below_min_each	 e = { .fn = fn, .arg = arg };
	sqlite3_stmt		*st;

	if ((st = db_stmt(db, &db_report_table, DB_REP_BELOW_MIN, err)) ==
	    NULL)
		return WMS_ERR_DB;
	return db_each(db, st, below_min_read, &e, err);
}

struct expiring_each {
	int	(*fn)(const struct db_report_expiring *, void *);
	void	*arg;
};

static int
expiring_read(struct db_row *r, void *arg)
{
	struct expiring_each		*e = arg;
	struct db_report_expiring	 x;

	x.item = db_row_text(r, "item");
	x.lot = db_row_text(r, "lot");
	x.expiry = db_row_text(r, "expiry");
	x.qty = db_row_int(r, "qty");
	x.uom = db_row_text(r, "uom");
	return e->fn(&x, e->arg);
}

int
db_report_expiring_each(struct db *db, const char *until,
    int (*fn)(const struct db_report_expiring *, void *), void *arg,
    struct wms_err *err)
{
	struct expiring_each	 e = { .fn = fn, .arg = arg };
	sqlite3_stmt		*st;

	if ((st = db_stmt(db, &db_report_table, DB_REP_EXPIRING, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_text(st, ":until", until);
	return db_each(db, st, expiring_read, &e, err);
}

struct integrity_each {
	int	(*fn)(const char *, void *);
	void	*arg;
};

static int
integrity_read(struct db_row *r, void *arg)
{
	struct integrity_each	*e = arg;
	const char		*line = db_row_text(r, "integrity_check");

	return e->fn(line != NULL ? line : "", e->arg);
}

int
db_check_integrity(struct db *db, int (*fn)(const char *, void *),
    void *arg, struct wms_err *err)
{
	struct integrity_each	 e = { .fn = fn, .arg = arg };
	sqlite3_stmt		*st;

	if ((st = db_stmt(db, &db_report_table, DB_CHK_INTEGRITY, err)) ==
	    NULL)
		return WMS_ERR_DB;
	return db_each(db, st, integrity_read, &e, err);
}

struct balance_each {
	int	(*fn)(const struct db_check_balance *, void *);
	void	*arg;
};

static int
balance_read(struct db_row *r, void *arg)
{
	struct balance_each	*e = arg;
	struct db_check_balance	 b;

	b.location = db_row_text(r, "location");
	b.item = db_row_text(r, "item");
	b.lot_id = db_row_int(r, "lot_id");
	b.qty = db_row_int(r, "qty");
	b.ledger = db_row_int(r, "ledger");
	return e->fn(&b, e->arg);
}

int
db_check_balances(struct db *db,
    int (*fn)(const struct db_check_balance *, void *), void *arg,
    struct wms_err *err)
{
	struct balance_each	 e = { .fn = fn, .arg = arg };
	sqlite3_stmt		*st;

	if ((st = db_stmt(db, &db_report_table, DB_CHK_BALANCE, err)) == NULL)
		return WMS_ERR_DB;
	return db_each(db, st, balance_read, &e, err);
}

struct negative_each {
	int	(*fn)(const struct db_check_negative *, void *);
	void	*arg;
};

static int
negative_read(struct db_row *r, void *arg)
{
	struct negative_each		*e = arg;
	struct db_check_negative	 n;

	n.location = db_row_text(r, "location");
	n.item = db_row_text(r, "item");
	n.qty = db_row_int(r, "qty");
	return e->fn(&n, e->arg);
}

int
db_check_negatives(struct db *db,
    int (*fn)(const struct db_check_negative *, void *), void *arg,
    struct wms_err *err)
{
	struct negative_each	 e = { .fn = fn, .arg = arg };
	sqlite3_stmt		*st;

	if ((st = db_stmt(db, &db_report_table, DB_CHK_NEGATIVE, err)) ==
	    NULL)
		return WMS_ERR_DB;
	return db_each(db, st, negative_read, &e, err);
}

struct sum_each {
	int	(*fn)(const struct db_check_sum *, void *);
	void	*arg;
};

static int
sum_read(struct db_row *r, void *arg)
{
	struct sum_each		*e = arg;
	struct db_check_sum	 s;

	s.item = db_row_text(r, "item");
	s.qty = db_row_int(r, "qty");
	return e->fn(&s, e->arg);
}

int
db_check_sums(struct db *db, int (*fn)(const struct db_check_sum *, void *),
    void *arg, struct wms_err *err)
{
	struct sum_each	 e = { .fn = fn, .arg = arg };
	sqlite3_stmt	*st;

	if ((st = db_stmt(db, &db_report_table, DB_CHK_SUM, err)) == NULL)
		return WMS_ERR_DB;
	return db_each(db, st, sum_read, &e, err);
}

struct cost_each {
	int	(*fn)(const struct db_check_cost *, void *);
	void	*arg;
};

static int
cost_read(struct db_row *r, void *arg)
{
	struct cost_each	*e = arg;
	struct db_check_cost	 c;

	c.item = db_row_text(r, "item");
	c.depot = db_row_text(r, "depot");
	c.value = db_row_int(r, "value");
	return e->fn(&c, e->arg);
}

int
db_check_costs(struct db *db,
    int (*fn)(const struct db_check_cost *, void *), void *arg,
    struct wms_err *err)
{
	struct cost_each	 e = { .fn = fn, .arg = arg };
	sqlite3_stmt		*st;

	if ((st = db_stmt(db, &db_report_table, DB_CHK_COST, err)) == NULL)
		return WMS_ERR_DB;
	return db_each(db, st, cost_read, &e, err);
}

static int
outbox_read(struct db_row *r, void *arg)
{
	struct db_check_outbox *o = arg;

	o->counter = db_row_int(r, "counter");
	o->count = db_row_int(r, "count");
	o->lo = db_row_int(r, "lo");
	o->hi = db_row_int(r, "hi");
	return 1;
}

int
db_check_outbox(struct db *db, struct db_check_outbox *o, struct wms_err *err)
{
	sqlite3_stmt *st;

	memset(o, 0, sizeof *o);
	if ((st = db_stmt(db, &db_report_table, DB_CHK_OUTBOX, err)) == NULL)
		return WMS_ERR_DB;
	return db_each(db, st, outbox_read, o, err);
}
