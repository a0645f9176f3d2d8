/* Statements of the managers' reports, and the reading of their rows. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "data/db-report-mgr.h"
#include "data/stmt.h"
#include "lib/buf.h"
#include "lib/hmap.h"
#include "lib/xmalloc.h"

enum db_rep_stmt {
	DB_REP_DEPOT_ID,
	DB_REP_USER_ID,
	DB_REP_CC_ID,
	DB_REP_CATEGORY_ID,
	DB_REP_PREFIX_ID,
	DB_REP_COUNT_ID,
	DB_REP_STOCK_BAL,
	DB_REP_STOCK_LOCS,
	DB_REP_STOCK_ITEMS,
	DB_REP_STOCK_LOTS,
	DB_REP_STOCK_COSTS,
	DB_REP_STOCK_ONE,
	DB_REP_CARD_OPENING,
	DB_REP_CARD,
	DB_REP_JOURNAL,
	DB_REP_REORDER,
	DB_REP_EXPIRY,
	DB_REP_SLOW,
	DB_REP_ISSUED,
	DB_REP_VAL_LOCS,
	DB_REP_VAL_MOVES,
	DB_REP_VAL_BEFORE,
	DB_REP_VAL_DOCS,
	DB_REP_VALUE,
	DB_REP_VARIANCE,
	DB_REP_TRANSIT,
	DB_REP_PURCHASE,
	DB_REP_MGR_N
};

/* A location of alias a under :prefix: the path, or below it at a '/'. */
#define PFX(a) "(:prefix IS NULL OR " a ".path = :prefix OR " \
	"substr(" a ".path, 1, length(:prefix) + 1) = :prefix || '/')"
/* A real location of alias a in the depot and under the prefix. */
#define OURS(a) "(" a ".kind = 'internal' AND (:depot = 0 OR " a \
	".depot_id = :depot) AND " PFX(a) ")"
#define CATEGORY "(:category IS NULL OR i.category = :category)"

#define STOCK_SELECT "SELECT d.code AS depot, l.path AS location, " \
	"i.category AS category, i.code AS item, i.name_ar AS name_ar, " \
	"i.name_en AS name_en, lot.code AS lot, b.qty AS qty, i.uom AS uom, " \
	"coalesce(c.avg_milli, 0) AS avg_milli FROM balance b " \
	"JOIN location l ON l.id = b.location_id " \
	"JOIN depot d ON d.id = l.depot_id " \
	"JOIN item i ON i.id = b.item_id " \
	"LEFT JOIN lot ON lot.id = b.lot_id " \
	"LEFT JOIN item_cost c ON c.item_id = b.item_id AND " \
	"c.depot_id = l.depot_id " \
	"WHERE l.kind = 'internal' AND b.qty <> 0 AND " \
	"(:depot = 0 OR l.depot_id = :depot) AND " PFX("l") " AND " CATEGORY

/* The movements of the card: its fields, and which end is ours. */
#define CARD_INNER "SELECT m.id AS id, m.at AS at, doc.number AS document, " \
	"doc.type AS type, lot.code AS lot, m.qty AS qty, " \
	"lf.path AS from_path, lt.path AS to_path, lf.kind AS from_kind, " \
	"lt.kind AS to_kind, doc.supplier AS supplier, ccf.code AS from_cc, " \
	"cct.code AS to_cc, dd.code AS doc_depot, dt.code AS to_depot, " \
	OURS("lt") " AS in_, " OURS("lf") " AS out_ FROM movement m " \
	"JOIN document doc ON doc.id = m.doc_id " \
	"JOIN depot dd ON dd.id = doc.depot_id " \
	"JOIN location lf ON lf.id = m.from_loc " \
	"JOIN location lt ON lt.id = m.to_loc " \
	"LEFT JOIN depot dt ON dt.id = lt.depot_id " \
	"LEFT JOIN cost_centre ccf ON ccf.location_id = lf.id " \
	"LEFT JOIN cost_centre cct ON cct.location_id = lt.id " \
	"LEFT JOIN lot ON lot.id = m.lot_id WHERE m.item_id = :item "

static const char *const db_rep_sql[DB_REP_MGR_N] = {
	[DB_REP_DEPOT_ID] = "SELECT id FROM depot WHERE code = :name",
	[DB_REP_USER_ID] = "SELECT id FROM user WHERE name = :name",
	[DB_REP_CC_ID] = "SELECT id FROM cost_centre WHERE code = :name",
	[DB_REP_CATEGORY_ID] = "SELECT 0 AS id FROM item WHERE "
	    "category = :name LIMIT 1",
	[DB_REP_PREFIX_ID] = "SELECT 0 AS id FROM location l WHERE "
	    "l.path = :name OR substr(l.path, 1, length(:name) + 1) = "
	    ":name || '/' LIMIT 1",
	[DB_REP_COUNT_ID] = "SELECT id FROM document WHERE number = :name "
	    "AND type = 'CNT'",
	/*
	 * The whole stock, joined by db_rep_stock_each(): the balance rows,
	 * and the locations and lots each in the report's order, the items
	 * in id order.
	 */
	[DB_REP_STOCK_BAL] = "SELECT location_id, item_id, lot_id, qty "
	    "FROM balance WHERE qty <> 0",
	[DB_REP_STOCK_LOCS] = "SELECT l.id AS id, l.depot_id AS depot_id, "
	    "d.code AS depot, l.path AS location FROM location l "
	    "JOIN depot d ON d.id = l.depot_id WHERE " OURS("l") " "
	    "ORDER BY d.code, l.path",
	/* In id order, a scan of the table: join_items_sort() puts them in
	 * code order (through the index on code it was a search a row). */
	[DB_REP_STOCK_ITEMS] = "SELECT i.id AS id, i.category AS category, "
	    "i.code AS item, i.name_ar AS name_ar, i.name_en AS name_en, "
	    "i.uom AS uom FROM item i WHERE " CATEGORY,
	[DB_REP_STOCK_LOTS] = "SELECT id, code AS lot, expiry FROM lot "
	    "ORDER BY code, id",
	[DB_REP_STOCK_COSTS] = "SELECT item_id, depot_id, avg_milli "
	    "FROM item_cost WHERE :depot = 0 OR depot_id = :depot "
	    "ORDER BY item_id, depot_id",
	/* One item: a range of the balance key. */
	[DB_REP_STOCK_ONE] = STOCK_SELECT " AND b.item_id = :item "
	    "ORDER BY d.code, l.path, lot.code",
	[DB_REP_CARD_OPENING] = "SELECT coalesce(sum(CASE WHEN in_ AND "
	    "NOT out_ THEN qty WHEN out_ AND NOT in_ THEN -qty ELSE 0 END), 0) "
	    "AS qty FROM (" CARD_INNER "AND m.at < :from)",
	[DB_REP_CARD] = "SELECT at, document, type, "
	    "CASE WHEN in_ THEN (CASE from_kind WHEN 'supplier' THEN "
	    "coalesce(supplier, from_path) WHEN 'consumer' THEN "
	    "coalesce(from_cc, from_path) WHEN 'transit' THEN doc_depot "
	    "ELSE from_path END) ELSE (CASE to_kind WHEN 'supplier' THEN "
	    "coalesce(supplier, to_path) WHEN 'consumer' THEN "
	    "coalesce(to_cc, to_path) WHEN 'transit' THEN to_depot "
	    "ELSE to_path END) END AS counterparty, "
	    "CASE WHEN in_ THEN to_path ELSE from_path END AS location, "
	    "lot, qty, in_, out_ FROM (" CARD_INNER
	    "AND (:from IS NULL OR m.at >= :from) AND (:to IS NULL OR "
	    "m.at < :to)) WHERE in_ OR out_ ORDER BY id "
	    "LIMIT CASE WHEN :limit > 0 THEN :limit ELSE -1 END",
	/*
	 * A document's lines and value: its movements but those out of a
	 * transit location (a transfer's receipts are not counted again).
	 */
	[DB_REP_JOURNAL] = "SELECT d.created_at AS at, d.number AS number, "
	    "d.type AS type, d.status AS status, dp.code AS depot, "
	    "u.name AS user, cc.code AS cost_centre, CASE d.type "
	    "WHEN 'GRN' THEN d.supplier WHEN 'TRF' THEN dt.code "
	    "WHEN 'ISS' THEN d.requester ELSE d.reason END AS counterparty, "
	    "r.number AS reverses, "
	    "(SELECT count(*) FROM movement m JOIN location l ON "
	    "l.id = m.from_loc WHERE m.doc_id = d.id AND l.kind <> 'transit') "
	    "AS lines, (SELECT coalesce(sum(m.value), 0) FROM movement m "
	    "JOIN location l ON l.id = m.from_loc WHERE m.doc_id = d.id AND "
	    "l.kind <> 'transit') AS value "
	    "FROM document d JOIN depot dp ON dp.id = d.depot_id "
	    "JOIN user u ON u.id = d.user_id "
	    "LEFT JOIN cost_centre cc ON cc.id = d.cost_centre_id "
	    "LEFT JOIN depot dt ON dt.id = d.dest_depot_id "
	    "LEFT JOIN document r ON r.id = d.reverses_id "
	    "WHERE (:depot = 0 OR d.depot_id = :depot) AND "
	    "(:from IS NULL OR d.created_at >= :from) AND "
	    "(:to IS NULL OR d.created_at < :to) AND "
	    "(:user = 0 OR d.user_id = :user) AND "
	    "(:cc = 0 OR d.cost_centre_id = :cc) AND "
	    "(:type IS NULL OR d.type = :type) ORDER BY d.id",
	/* On hand and in transit: ranges of the balance key, per item. */
	[DB_REP_REORDER] = "SELECT i.code AS item, i.name_ar AS name_ar, "
	    "i.name_en AS name_en, i.category AS category, i.uom AS uom, "
	    "coalesce((SELECT sum(b.qty) FROM balance b JOIN location l ON "
	    "l.id = b.location_id WHERE b.item_id = i.id AND "
	    "l.kind = 'internal' AND (:depot = 0 OR l.depot_id = :depot)), 0) "
	    "AS on_hand, coalesce((SELECT sum(b.qty) FROM balance b "
	    "JOIN location l ON l.id = b.location_id WHERE b.item_id = i.id "
	    "AND l.kind = 'transit' AND (:depot = 0 OR l.depot_id = :depot)), "
	    "0) AS in_transit, i.min_qty AS min_qty, i.max_qty AS max_qty, "
	    "u.unit AS purchase_unit, coalesce(u.factor, 0) AS "
	    "purchase_factor FROM item i LEFT JOIN item_unit u ON "
	    "u.item_id = i.id AND u.purchase = 1 WHERE i.min_qty > 0 AND "
	    CATEGORY " AND (:item = 0 OR i.id = :item) AND "
	    "on_hand < i.min_qty ORDER BY i.code",
	[DB_REP_EXPIRY] = "SELECT d.code AS depot, i.code AS item, "
	    "i.name_ar AS name_ar, i.name_en AS name_en, lot.code AS lot, "
	    "lot.expiry AS expiry, sum(b.qty) AS qty, i.uom AS uom, "
	    "coalesce(c.avg_milli, 0) AS avg_milli FROM lot "
	    "JOIN item i ON i.id = lot.item_id "
	    "JOIN balance b ON b.item_id = lot.item_id AND b.lot_id = lot.id "
	    "JOIN location l ON l.id = b.location_id "
	    "JOIN depot d ON d.id = l.depot_id "
	    "LEFT JOIN item_cost c ON c.item_id = i.id AND "
	    "c.depot_id = l.depot_id "
	    "WHERE lot.expiry IS NOT NULL AND lot.expiry <= :until AND "
	    OURS("l") " AND " CATEGORY " AND (:item = 0 OR i.id = :item) "
	    "GROUP BY lot.id, l.depot_id HAVING sum(b.qty) > 0 "
	    "ORDER BY lot.expiry, i.code, lot.code, d.code",
	/* The last issue of each item from each depot: issue documents. */
	[DB_REP_SLOW] = "WITH iss AS (SELECT m.item_id AS item_id, "
	    "lf.depot_id AS depot_id, max(m.at) AS last FROM document doc "
	    "CROSS JOIN movement m ON m.doc_id = doc.id "
	    "JOIN location lf ON lf.id = m.from_loc "
	    "JOIN location lt ON lt.id = m.to_loc "
	    "WHERE doc.type = 'ISS' AND lf.kind = 'internal' AND "
	    "lt.kind = 'consumer' GROUP BY m.item_id, lf.depot_id), "
	    "st AS (SELECT b.item_id AS item_id, l.depot_id AS depot_id, "
	    "sum(b.qty) AS qty FROM balance b JOIN location l ON "
	    "l.id = b.location_id WHERE " OURS("l") " AND b.qty <> 0 AND "
	    "(:item = 0 OR b.item_id = :item) "
	    "GROUP BY b.item_id, l.depot_id HAVING sum(b.qty) > 0) "
	    "SELECT d.code AS depot, i.code AS item, i.name_ar AS name_ar, "
	    "i.name_en AS name_en, i.category AS category, st.qty AS qty, "
	    "i.uom AS uom, coalesce(c.avg_milli, 0) AS avg_milli, "
	    "iss.last AS last_issue FROM st JOIN item i ON i.id = st.item_id "
	    "JOIN depot d ON d.id = st.depot_id "
	    "LEFT JOIN iss ON iss.item_id = st.item_id AND "
	    "iss.depot_id = st.depot_id "
	    "LEFT JOIN item_cost c ON c.item_id = st.item_id AND "
	    "c.depot_id = st.depot_id "
	    "WHERE (iss.last IS NULL OR iss.last < :since) AND " CATEGORY
	    " ORDER BY d.code, i.code",
	/*
	 * Issued: to a consumer location, less what reversals brought
	 * back, by issue and reversal documents of the period.
	 */
	[DB_REP_ISSUED] = "SELECT i.code AS item, i.name_ar AS name_ar, "
	    "i.name_en AS name_en, i.category AS category, i.uom AS uom, "
	    "sum(CASE WHEN lt.kind = 'consumer' THEN m.qty ELSE -m.qty END) "
	    "AS qty, sum(CASE WHEN lt.kind = 'consumer' THEN m.value ELSE "
	    "-m.value END) AS value FROM document doc "
	    "CROSS JOIN movement m ON m.doc_id = doc.id "
	    "JOIN location lf ON lf.id = m.from_loc "
	    "JOIN location lt ON lt.id = m.to_loc "
	    "JOIN item i ON i.id = m.item_id "
	    "WHERE doc.type IN ('ISS', 'REV') AND "
	    "((lt.kind = 'consumer' AND lf.kind = 'internal') OR "
	    "(lf.kind = 'consumer' AND lt.kind = 'internal')) AND "
	    "(:from IS NULL OR doc.created_at >= :from) AND "
	    "(:to IS NULL OR doc.created_at < :to) AND (:depot = 0 OR "
	    "(CASE WHEN lt.kind = 'consumer' THEN lf.depot_id ELSE "
	    "lt.depot_id END) = :depot) AND (:cc = 0 OR (CASE WHEN "
	    "lt.kind = 'consumer' THEN lt.id ELSE lf.id END) = (SELECT "
	    "location_id FROM cost_centre WHERE id = :cc)) AND " CATEGORY
	    " AND (:item = 0 OR i.id = :item) GROUP BY m.item_id "
	    /* Spelled out: in HAVING, qty and value are m's columns. */
	    "HAVING sum(CASE WHEN lt.kind = 'consumer' THEN m.qty ELSE "
	    "-m.qty END) > 0 ORDER BY 7 DESC, i.code",
	/*
	 * The value at a past time is today's less what moved after it
	 * (db_rep_value_each): the locations, the movements after it
	 * (documents written after it; transfers and counts move later
	 * than they are written), and today's stock and value of every item
	 * and depot that ever held it (item_cost has a row for each).
	 */
	[DB_REP_VAL_LOCS] = "SELECT id, coalesce(depot_id, 0) AS depot_id, "
	    "kind = 'internal' AS real FROM location",
	[DB_REP_VAL_MOVES] = "SELECT m.item_id AS item_id, "
	    "m.from_loc AS from_loc, m.to_loc AS to_loc, m.qty AS qty, "
	    "m.value AS value FROM document doc CROSS JOIN movement m ON "
	    "m.doc_id = doc.id WHERE (doc.created_at > :at OR "
	    "doc.type IN ('TRF', 'CNT')) AND m.at > :at",
	/* Or, when the date is early, what moved up to it, from nothing. */
	[DB_REP_VAL_BEFORE] = "SELECT m.item_id AS item_id, "
	    "m.from_loc AS from_loc, m.to_loc AS to_loc, m.qty AS qty, "
	    "m.value AS value FROM document doc CROSS JOIN movement m ON "
	    "m.doc_id = doc.id WHERE doc.created_at <= :at AND m.at <= :at",
	/* The movements are numbered in time: the first one after :at. */
	[DB_REP_VAL_DOCS] = "SELECT coalesce((SELECT min(m.id) FROM movement m "
	    "WHERE m.doc_id = (SELECT min(id) FROM document WHERE "
	    "created_at > :at)), (SELECT coalesce(max(id), 0) + 1 FROM "
	    "movement)) AS first_after, (SELECT coalesce(max(id), 0) FROM "
	    "movement) AS last",
	[DB_REP_VALUE] = "SELECT d.code AS depot, i.code AS item, "
	    "i.name_ar AS name_ar, i.name_en AS name_en, "
	    "i.category AS category, i.uom AS uom, "
	    "coalesce((SELECT sum(b.qty) FROM balance b JOIN location l ON "
	    "l.id = b.location_id WHERE b.item_id = c.item_id AND "
	    "l.depot_id = c.depot_id AND l.kind = 'internal'), 0) AS qty_now, "
	    "c.value AS value_now, c.item_id AS item_id, "
	    "c.depot_id AS depot_id FROM item_cost c "
	    "JOIN item i ON i.id = c.item_id JOIN depot d ON d.id = c.depot_id "
	    "WHERE (:depot = 0 OR c.depot_id = :depot) AND " CATEGORY
	    " AND (:item = 0 OR i.id = :item) ORDER BY d.code, i.code",
	[DB_REP_VARIANCE] = "SELECT d.number AS count, d.status AS status, "
	    "l.path AS location, i.code AS item, lt.code AS lot, i.uom AS uom, "
	    "c.status AS line_status, c.expected AS expected, c.book AS book, "
	    "c.counted AS counted, c.counted IS NOT NULL AS has_counted, "
	    "coalesce(ic.avg_milli, 0) AS avg_milli FROM document d "
	    "JOIN count_line c ON c.doc_id = d.id "
	    "JOIN location l ON l.id = c.location_id "
	    "JOIN item i ON i.id = c.item_id "
	    "LEFT JOIN lot lt ON lt.id = c.lot_id "
	    "LEFT JOIN item_cost ic ON ic.item_id = c.item_id AND "
	    "ic.depot_id = l.depot_id WHERE d.type = 'CNT' AND "
	    "(:count = 0 OR d.id = :count) AND "
	    "(:depot = 0 OR d.depot_id = :depot) AND " PFX("l") " AND "
	    CATEGORY " AND (:item = 0 OR i.id = :item) "
	    "ORDER BY d.id, l.path, i.code, lt.code",
	[DB_REP_TRANSIT] = "SELECT d.number AS number, s.code AS from_depot, "
	    "t.code AS to_depot, d.created_at AS shipped_at, i.code AS item, "
	    "lot.code AS lot, sum(CASE WHEN m.to_loc = tr.id THEN m.qty ELSE "
	    "-m.qty END) AS qty, i.uom AS uom FROM document d "
	    "JOIN depot s ON s.id = d.depot_id "
	    "JOIN depot t ON t.id = d.dest_depot_id "
	    "JOIN location tr ON tr.path = t.code || '/@TRANSIT' "
	    "JOIN movement m ON m.doc_id = d.id AND (m.to_loc = tr.id OR "
	    "m.from_loc = tr.id) JOIN item i ON i.id = m.item_id "
	    "LEFT JOIN lot ON lot.id = m.lot_id "
	    "WHERE d.type = 'TRF' AND d.status = 'in_transit' AND NOT EXISTS "
	    "(SELECT 1 FROM document r WHERE r.reverses_id = d.id) AND "
	    "(:depot = 0 OR d.depot_id = :depot OR d.dest_depot_id = :depot) "
	    "AND " CATEGORY " AND (:item = 0 OR i.id = :item) "
	    "GROUP BY d.id, m.item_id, m.lot_id HAVING sum(CASE WHEN "
	    "m.to_loc = tr.id THEN m.qty ELSE -m.qty END) > 0 "
	    "ORDER BY d.id, i.code, lot.code",

	/* One unit of the item is its purchase unit, the others not. */
	[DB_REP_PURCHASE] = "UPDATE item_unit SET purchase = (unit = :unit) "
	    "WHERE item_id = :item",
};

const struct db_stmt_table db_report_mgr_table = {
	.family = DB_FAM_REPORT_MGR,
	.name = "report-mgr",
	.sql = db_rep_sql,
	.n = DB_REP_MGR_N,
};

/* Bind what of f the statement takes (its parameters vary by report). */
static void
rep_bind(sqlite3_stmt *st, const struct db_rep_filter *f)
{
#define HAS(n) (sqlite3_bind_parameter_index(st, n) > 0)
	if (HAS(":depot"))
		db_bind_int(st, ":depot", f->depot);
	if (HAS(":prefix"))
		db_bind_opt(st, ":prefix", f->prefix);
	if (HAS(":category"))
		db_bind_opt(st, ":category", f->category);
	if (HAS(":item"))
		db_bind_int(st, ":item", f->item);
	if (HAS(":from"))
		db_bind_opt(st, ":from", f->from);
	if (HAS(":to"))
		db_bind_opt(st, ":to", f->to);
	if (HAS(":user"))
		db_bind_int(st, ":user", f->user);
	if (HAS(":cc"))
		db_bind_int(st, ":cc", f->cc);
	if (HAS(":type"))
		db_bind_opt(st, ":type", f->type);
	if (HAS(":until"))
		db_bind_opt(st, ":until", f->until);
	if (HAS(":since"))
		db_bind_opt(st, ":since", f->since);
	if (HAS(":at"))
		db_bind_opt(st, ":at", f->at);
	if (HAS(":count"))
		db_bind_int(st, ":count", f->count);
	if (HAS(":limit"))
		db_bind_int(st, ":limit", f->limit);
#undef HAS
}

/* Statement idx bound to f, or NULL (err set). */
static sqlite3_stmt *
rep_stmt(struct db *db, int idx, const struct db_rep_filter *f,
    struct wms_err *err)
{
	sqlite3_stmt *st;

	if ((st = db_stmt(db, &db_report_mgr_table, idx, err)) != NULL)
		rep_bind(st, f);
	return st;
}

/*
 * The body of a row function: each row of statement idx, read by read
 * into a struct T, handed to fn until it says stop.
 */
#define REP_EACH(idx, T, read) do {					\
	struct T	 row_;						\
	sqlite3_stmt	*st_;						\
	int		 rc_;						\
									\
	if ((st_ = rep_stmt(db, (idx), f, err)) == NULL)		\
		return WMS_ERR_DB;					\
	while ((rc_ = db_next(db, st_, (read), &row_, err)) == 1)	\
		if (fn(&row_, arg) != 0)				\
			return db_stop(st_);				\
	return rc_;							\
} while (0)

static void
id_read(struct db_row *r, void *out)
{
	*(int64_t *)out = db_row_int(r, "id");
}

int
db_rep_name_id(struct db *db, enum db_rep_name which, const char *name,
    int64_t *id, struct wms_err *err)
{
	static const int stmt[] = {
		[DB_REP_NAME_DEPOT] = DB_REP_DEPOT_ID,
		[DB_REP_NAME_USER] = DB_REP_USER_ID,
		[DB_REP_NAME_CC] = DB_REP_CC_ID,
		[DB_REP_NAME_CATEGORY] = DB_REP_CATEGORY_ID,
		[DB_REP_NAME_PREFIX] = DB_REP_PREFIX_ID,
		[DB_REP_NAME_COUNT] = DB_REP_COUNT_ID,
	};
	sqlite3_stmt *st;

	*id = 0;
	if ((st = db_stmt(db, &db_report_mgr_table, stmt[which], err)) ==
	    NULL)
		return WMS_ERR_DB;
	db_bind_text(st, ":name", name);
	return db_one(db, st, id_read, id, err);
}

static void
stock_read(struct db_row *r, void *out)
{
	struct db_rep_stock *s = out;

	s->depot = db_row_text(r, "depot");
	s->location = db_row_text(r, "location");
	s->category = db_row_text(r, "category");
	s->item = db_row_text(r, "item");
	s->name_ar = db_row_text(r, "name_ar");
	s->name_en = db_row_text(r, "name_en");
	s->lot = db_row_text(r, "lot");
	s->qty = db_row_int(r, "qty");
	s->uom = db_row_text(r, "uom");
	s->avg_milli = db_row_int(r, "avg_milli");
}

/*
 * The whole stock, joined in C rather than by SQLite: one scan of the
 * balance rows, and the locations, items, lots and costs read once each
 * into arrays, in the report's order (the items sorted here), so that a
 * balance row finds its names through its ids in an array and the rows
 * are put in order by integer ranks.  SQLite's join did five B-tree
 * searches a row and was three times the scan; its sorter took twice as
 * long again.  The stock report (db_rep_stock_each) and makhzan stock
 * (db_rep_onhand_each, for db_report_stock_each) both read it.
 */

/* Ids to positions: an array by id when the ids are dense, else sorted. */
struct id_pos {
	int32_t		*dense;		/* by id, -1 for none */
	int64_t		 ndense;
	int64_t		(*pairs)[2];	/* (id, position), by id */
	size_t		 npairs;
};

static int
pair_cmp(const void *a, const void *b)
{
	const int64_t *x = a, *y = b;

	return (x[0] > y[0]) - (x[0] < y[0]);
}

/* Index ids[0 .. n - 1]: id ids[k] is at position k. */
static void
id_pos_build(struct id_pos *ix, const int64_t *ids, size_t n)
{
	int64_t	max = 0, min = 0;
	size_t	k;

	memset(ix, 0, sizeof *ix);
	for (k = 0; k < n; k++) {
		if (ids[k] > max)
			max = ids[k];
		if (ids[k] < min)
			min = ids[k];
	}
	/* Ids of a SQLite table count up from 1: dense unless rows went. */
	if (min >= 0 && max < (int64_t)n * 4 + 4096) {
		ix->ndense = max + 1;
		ix->dense = xreallocarray(NULL, (size_t)ix->ndense,
		    sizeof *ix->dense);
		memset(ix->dense, 0xff, (size_t)ix->ndense *
		    sizeof *ix->dense);
		for (k = 0; k < n; k++)
			ix->dense[ids[k]] = (int32_t)k;
		return;
	}
	ix->pairs = xreallocarray(NULL, n != 0 ? n : 1, sizeof *ix->pairs);
	for (k = 0; k < n; k++) {
		ix->pairs[k][0] = ids[k];
		ix->pairs[k][1] = (int64_t)k;
	}
	ix->npairs = n;
	qsort(ix->pairs, n, sizeof *ix->pairs, pair_cmp);
}

/* The position of id, or -1. */
static long
id_pos_get(const struct id_pos *ix, int64_t id)
{
	size_t lo = 0, hi = ix->npairs, mid;

	if (ix->dense != NULL)
		return id >= 0 && id < ix->ndense ? ix->dense[id] : -1;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (ix->pairs[mid][0] == id)
			return (long)ix->pairs[mid][1];
		if (ix->pairs[mid][0] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

static void
id_pos_free(struct id_pos *ix)
{
	free(ix->dense);
	free(ix->pairs);
}

/*
 * The columns of a statement, named once before its rows are read by
 * index: the check db_row makes at each column of each row (the SELECT
 * and its reader agree, or abort), made per statement, as the stock
 * report reads every balance row of the site.
 */
static void
cols_named(sqlite3_stmt *st, const char *const *names)
{
	const char	*have;
	int		 c;

	for (c = 0; names[c] != NULL; c++)
		if (c >= sqlite3_column_count(st) ||
		    (have = sqlite3_column_name(st, c)) == NULL ||
		    strcmp(have, names[c]) != 0)
			abort();	/* the SELECT and its reader disagree */
	if (c != sqlite3_column_count(st))
		abort();
}

/* The columns of the stock statements, in their SELECTs' order. */
enum { BAL_LOCATION, BAL_ITEM, BAL_LOT, BAL_QTY };
static const char *const bal_cols[] = { "location_id", "item_id", "lot_id",
    "qty", NULL };
enum { SLOC_ID, SLOC_DEPOT_ID, SLOC_DEPOT, SLOC_LOCATION };
static const char *const sloc_cols[] = { "id", "depot_id", "depot",
    "location", NULL };
enum { SITEM_ID, SITEM_CATEGORY, SITEM_ITEM, SITEM_NAME_AR, SITEM_NAME_EN,
    SITEM_UOM, SITEM_NTEXT = SITEM_UOM };
#define IT(c)	((c) - SITEM_CATEGORY)	/* column c's place in an item */
static const char *const sitem_cols[] = { "id", "category", "item",
    "name_ar", "name_en", "uom", NULL };
enum { SLOT_ID, SLOT_LOT, SLOT_EXPIRY };
static const char *const slot_cols[] = { "id", "lot", "expiry", NULL };
enum { SCOST_ITEM, SCOST_DEPOT, SCOST_AVG };
static const char *const scost_cols[] = { "item_id", "depot_id", "avg_milli",
    NULL };

/* A location, an item or a lot, in the report's order: its texts. */
struct stock_loc {
	int64_t		 depot_id;
	const char	*depot, *location;
};

struct stock_item {
	const char	*text[SITEM_NTEXT];	/* category ... uom */
	size_t		 cost, ncost;		/* its costs, a run of them */
};

struct stock_lot {
	const char	*code, *expiry;
};

struct stock_cost {
	int64_t	 depot_id, avg_milli;
};

/* A balance row: its location, item and lot by rank (lot 0: none). */
struct stock_held {
	uint32_t loc, item, lot;
	int64_t	 qty, avg_milli;
};

struct stock_join {
	char			**blocks;	/* every name, NUL-ended */
	size_t			 nblocks;
	char			*next;		/* the free part of the last */
	size_t			 left;
	struct stock_loc	*locs;
	struct stock_item	*items;
	struct stock_lot	*lots;
	struct stock_cost	*costs;
	struct stock_held	*rows;
	size_t			 nlocs, nitems, nlots, ncosts, nrows;
	struct id_pos		 loc_ix, item_ix, lot_ix;
};

/* *p, of n elements of size, with room for one more: 64, then doubling. */
static void *
grow(void *p, size_t n, size_t size)
{
	if (n == 0)
		return xreallocarray(p, 64, size);
	if (n < 64 || (n & (n - 1)) != 0)
		return p;
	return xreallocarray(p, n * 2, size);
}

#define JOIN_BLOCK	65536

/*
 * Column c of st copied into the join's blocks of text, which never move
 * (a buffer that doubles copies itself as it grows); NULL for NULL.
 */
static const char *
join_keep(struct stock_join *sj, sqlite3_stmt *st, int c)
{
	const char	*s = (const char *)sqlite3_column_text(st, c);
	size_t		 n;
	char		*p;

	if (s == NULL)
		return NULL;
	n = (size_t)sqlite3_column_bytes(st, c) + 1;
	if (n > sj->left) {
		sj->blocks = xreallocarray(sj->blocks, sj->nblocks + 1,
		    sizeof *sj->blocks);
		sj->left = n > JOIN_BLOCK ? n : JOIN_BLOCK;
		sj->blocks[sj->nblocks++] = sj->next = xmalloc(sj->left);
	}
	p = sj->next;
	memcpy(p, s, n);
	sj->next += n;
	sj->left -= n;
	return p;
}

/*
 * Statement idx bound to f, its columns named, stepped over every row into
 * a new element of *arr by take: 0 or the rc; ids the rows' ids in order.
 */
static int
join_load(struct db *db, const struct db_rep_filter *f, int idx,
    const char *const *cols, struct stock_join *sj,
    void (*take)(struct stock_join *, sqlite3_stmt *), int64_t **ids,
    size_t *n, struct wms_err *err)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = rep_stmt(db, idx, f, err)) == NULL)
		return WMS_ERR_DB;
	cols_named(st, cols);
	while ((rc = db_step(db, st, err)) == 1) {
		if (ids != NULL) {
			*ids = grow(*ids, *n, sizeof **ids);
			(*ids)[*n] = sqlite3_column_int64(st, 0);
		}
		take(sj, st);
		(*n)++;
	}
	sqlite3_reset(st);
	return rc;
}

static void
take_loc(struct stock_join *sj, sqlite3_stmt *st)
{
	struct stock_loc *l;

	sj->locs = grow(sj->locs, sj->nlocs, sizeof *sj->locs);
	l = &sj->locs[sj->nlocs];
	l->depot_id = sqlite3_column_int64(st, SLOC_DEPOT_ID);
	l->depot = join_keep(sj, st, SLOC_DEPOT);
	l->location = join_keep(sj, st, SLOC_LOCATION);
	sj->nlocs++;
}

static void
take_item(struct stock_join *sj, sqlite3_stmt *st)
{
	struct stock_item	*it;
	int			 c;

	sj->items = grow(sj->items, sj->nitems, sizeof *sj->items);
	it = &sj->items[sj->nitems];
	for (c = 0; c < SITEM_NTEXT; c++)
		it->text[c] = join_keep(sj, st, SITEM_CATEGORY + c);
	it->cost = it->ncost = 0;
	sj->nitems++;
}

static void
take_lot(struct stock_join *sj, sqlite3_stmt *st)
{
	struct stock_lot *lot;

	sj->lots = grow(sj->lots, sj->nlots, sizeof *sj->lots);
	lot = &sj->lots[sj->nlots++];
	lot->code = join_keep(sj, st, SLOT_LOT);
	lot->expiry = join_keep(sj, st, SLOT_EXPIRY);
}

/* A cost, by (item, depot): the item's run of them points at it. */
static void
take_cost(struct stock_join *sj, sqlite3_stmt *st)
{
	struct stock_cost	*c;
	long			 it;

	sj->costs = grow(sj->costs, sj->ncosts, sizeof *sj->costs);
	c = &sj->costs[sj->ncosts];
	c->depot_id = sqlite3_column_int64(st, SCOST_DEPOT);
	c->avg_milli = sqlite3_column_int64(st, SCOST_AVG);
	it = id_pos_get(&sj->item_ix, sqlite3_column_int64(st, SCOST_ITEM));
	if (it < 0)
		return;
	if (sj->items[it].ncost++ == 0)
		sj->items[it].cost = sj->ncosts;
	sj->ncosts++;
}

/* An item and its id, as join_items_sort() sorts them. */
struct item_id {
	struct stock_item	it;
	int64_t			id;
};

/* An item's code, as SQLite's ORDER BY i.code sees it. */
#define ITEM_CODE(it)	((it)->text[IT(SITEM_ITEM)] != NULL ? \
	(it)->text[IT(SITEM_ITEM)] : "")

/*
 * By code, as ORDER BY i.code (the BINARY collation: bytes as unsigned,
 * a prefix first, which strcmp is for text without NUL); codes are unique.
 */
static int
item_id_cmp(const void *a, const void *b)
{
	const struct item_id *x = a, *y = b;

	return strcmp(ITEM_CODE(&x->it), ITEM_CODE(&y->it));
}

/*
 * The items, read in id order, and their ids put in code order: an item's
 * place is then its rank.  Items added in code order are so already.
 */
static void
join_items_sort(struct stock_join *sj, int64_t *ids)
{
	struct item_id	*v;
	size_t		 i, n = sj->nitems;

	for (i = 1; i < n; i++)
		if (strcmp(ITEM_CODE(&sj->items[i - 1]),
		    ITEM_CODE(&sj->items[i])) > 0)
			break;
	if (i >= n)
		return;
	v = xreallocarray(NULL, n, sizeof *v);
	for (i = 0; i < n; i++) {
		v[i].it = sj->items[i];
		v[i].id = ids[i];
	}
	qsort(v, n, sizeof *v, item_id_cmp);
	for (i = 0; i < n; i++) {
		sj->items[i] = v[i].it;
		ids[i] = v[i].id;
	}
	free(v);
}

/* The balance row in st's columns held, if it is one of ours. */
static void
join_row(struct stock_join *sj, sqlite3_stmt *st)
{
	const struct stock_item	*it;
	struct stock_held	*h;
	long			 l, i, lot = -1;
	int64_t			 lot_id, depot;
	size_t			 k;

	/* Half the balance rows are elsewhere: the location first. */
	if ((l = id_pos_get(&sj->loc_ix, sqlite3_column_int64(st,
	    BAL_LOCATION))) < 0 || (i = id_pos_get(&sj->item_ix,
	    sqlite3_column_int64(st, BAL_ITEM))) < 0)
		return;
	if ((lot_id = sqlite3_column_int64(st, BAL_LOT)) != 0)
		lot = id_pos_get(&sj->lot_ix, lot_id);
	sj->rows = grow(sj->rows, sj->nrows, sizeof *sj->rows);
	h = &sj->rows[sj->nrows++];
	h->loc = (uint32_t)l;
	h->item = (uint32_t)i;
	h->lot = (uint32_t)(lot + 1);
	h->qty = sqlite3_column_int64(st, BAL_QTY);
	h->avg_milli = 0;
	it = &sj->items[i];
	depot = sj->locs[l].depot_id;
	for (k = it->cost; k < it->cost + it->ncost; k++)
		if (sj->costs[k].depot_id == depot) {
			h->avg_milli = sj->costs[k].avg_milli;
			break;
		}
}

/* Within a location: by item code, then lot code (none first). */
static int
held_cmp(const void *a, const void *b)
{
	const struct stock_held *x = a, *y = b;

	if (x->item != y->item)
		return x->item < y->item ? -1 : 1;
	return (x->lot > y->lot) - (x->lot < y->lot);
}

/*
 * The rows in order: by location (depot code, path) through one counting
 * pass, then each location's rows by item and lot.  The balance key puts
 * them in item id order already, which is the items' code order where
 * codes were given as the items were added: such a run is not sorted.
 */
static void
join_sort(struct stock_join *sj)
{
	struct stock_held	*out;
	size_t			*at, i, a, b;

	if (sj->nrows == 0)
		return;
	at = xcalloc(sj->nlocs + 1, sizeof *at);
	out = xreallocarray(NULL, sj->nrows, sizeof *out);
	for (i = 0; i < sj->nrows; i++)
		at[sj->rows[i].loc + 1]++;
	for (i = 1; i <= sj->nlocs; i++)
		at[i] += at[i - 1];
	for (i = 0; i < sj->nrows; i++)
		out[at[sj->rows[i].loc]++] = sj->rows[i];
	/* at[l] is now the end of location l's run. */
	for (a = 0; a < sj->nrows; a = b) {
		b = at[out[a].loc];
		for (i = a + 1; i < b; i++)
			if (held_cmp(&out[i - 1], &out[i]) > 0)
				break;
		if (i < b)
			qsort(out + a, b - a, sizeof *out, held_cmp);
	}
	free(sj->rows);
	sj->rows = out;
	free(at);
}

static void
join_free(struct stock_join *sj)
{
	size_t i;

	for (i = 0; i < sj->nblocks; i++)
		free(sj->blocks[i]);
	free(sj->blocks);
	free(sj->locs);
	free(sj->items);
	free(sj->lots);
	free(sj->costs);
	free(sj->rows);
	id_pos_free(&sj->loc_ix);
	id_pos_free(&sj->item_ix);
	id_pos_free(&sj->lot_ix);
}

/*
 * The join: the balance scan starts first and stays open while the others
 * run: they read in its read transaction, the same state of the file, as
 * the one statement of a join would.  With costs, each row's average cost
 * at its depot; without, item_cost is not read.  The rows are then in sj,
 * in order, and no statement is left open: 0 or the rc.
 */
static int
join_run(struct db *db, const struct db_rep_filter *f, int costs,
    struct stock_join *sj, struct wms_err *err)
{
	sqlite3_stmt	*bal;
	int64_t		*ids = NULL;
	size_t		 n;
	int		 rc;

	memset(sj, 0, sizeof *sj);
	if ((bal = rep_stmt(db, DB_REP_STOCK_BAL, f, err)) == NULL)
		return WMS_ERR_DB;
	cols_named(bal, bal_cols);
	if ((rc = db_step(db, bal, err)) != 1)
		goto out;
	n = 0;
	if ((rc = join_load(db, f, DB_REP_STOCK_LOCS, sloc_cols, sj,
	    take_loc, &ids, &n, err)) < 0)
		goto out;
	id_pos_build(&sj->loc_ix, ids, n);
	n = 0;
	if ((rc = join_load(db, f, DB_REP_STOCK_ITEMS, sitem_cols, sj,
	    take_item, &ids, &n, err)) < 0)
		goto out;
	join_items_sort(sj, ids);
	id_pos_build(&sj->item_ix, ids, n);
	n = 0;
	if ((rc = join_load(db, f, DB_REP_STOCK_LOTS, slot_cols, sj,
	    take_lot, &ids, &n, err)) < 0)
		goto out;
	id_pos_build(&sj->lot_ix, ids, n);
	n = 0;
	if (costs && (rc = join_load(db, f, DB_REP_STOCK_COSTS, scost_cols,
	    sj, take_cost, NULL, &n, err)) < 0)
		goto out;
	do
		join_row(sj, bal);
	while ((rc = db_step(db, bal, err)) == 1);
	if (rc < 0)
		goto out;
	join_sort(sj);
	rc = 0;
out:
	sqlite3_reset(bal);
	free(ids);
	return rc;
}

/*
 * Row k of the join as the stock report's row (s) or makhzan stock's (o),
 * whichever is not NULL: the one place that names a joined row's fields.
 */
static void
join_fill(const struct stock_join *sj, size_t k, struct db_rep_stock *s,
    struct db_report_stock *o)
{
	const struct stock_held	*h = &sj->rows[k];
	const struct stock_loc	*l = &sj->locs[h->loc];
	const char *const	*t = sj->items[h->item].text;
	const struct stock_lot	*lot;

	lot = h->lot != 0 ? &sj->lots[h->lot - 1] : NULL;
	if (s != NULL) {
		s->depot = l->depot;
		s->location = l->location;
		s->category = t[IT(SITEM_CATEGORY)];
		s->item = t[IT(SITEM_ITEM)];
		s->name_ar = t[IT(SITEM_NAME_AR)];
		s->name_en = t[IT(SITEM_NAME_EN)];
		s->lot = lot != NULL ? lot->code : NULL;
		s->qty = h->qty;
		s->uom = t[IT(SITEM_UOM)];
		s->avg_milli = h->avg_milli;
	}
	if (o != NULL) {
		o->depot = l->depot;
		o->location = l->location;
		o->item = t[IT(SITEM_ITEM)];
		o->lot = lot != NULL ? lot->code : NULL;
		o->qty = h->qty;
		o->uom = t[IT(SITEM_UOM)];
		o->name_ar = t[IT(SITEM_NAME_AR)];
		o->name_en = t[IT(SITEM_NAME_EN)];
		o->expiry = lot != NULL ? lot->expiry : NULL;
		o->avg_milli = h->avg_milli;
	}
}

int
db_rep_stock_each(struct db *db, const struct db_rep_filter *f,
    int (*fn)(const struct db_rep_stock *, void *), void *arg,
    struct wms_err *err)
{
	struct stock_join	sj;
	struct db_rep_stock	s;
	size_t			i;
	int			rc;

	if (f->item != 0)
		REP_EACH(DB_REP_STOCK_ONE, db_rep_stock, stock_read);
	if ((rc = join_run(db, f, 1, &sj, err)) == 0)
		for (i = 0; i < sj.nrows; i++) {
			join_fill(&sj, i, &s, NULL);
			if (fn(&s, arg) != 0)
				break;
		}
	join_free(&sj);
	return rc;
}

int
db_rep_onhand_each(struct db *db, int64_t depot, const char *prefix,
    int costs, int (*fn)(const struct db_report_stock *, void *),
    void *arg, struct wms_err *err)
{
	struct db_rep_filter	f = { .depot = depot, .prefix = prefix };
	struct stock_join	sj;
	struct db_report_stock	o;
	size_t			i;
	int			rc;

	if ((rc = join_run(db, &f, costs, &sj, err)) == 0)
		for (i = 0; i < sj.nrows; i++) {
			join_fill(&sj, i, NULL, &o);
			if (fn(&o, arg) != 0)
				break;
		}
	join_free(&sj);
	return rc;
}

int
db_rep_card_opening(struct db *db, const struct db_rep_filter *f,
    int64_t *qty, struct wms_err *err)
{
	sqlite3_stmt	*st;
	int		 rc;

	*qty = 0;
	if (f->from == NULL)
		return 0;
	if ((st = rep_stmt(db, DB_REP_CARD_OPENING, f, err)) == NULL)
		return WMS_ERR_DB;
	rc = db_one_int(db, st, "qty", qty, err);
	return rc < 0 ? rc : 0;
}

static void
card_read(struct db_row *r, void *out)
{
	struct db_rep_card *c = out;

	c->at = db_row_text(r, "at");
	c->document = db_row_text(r, "document");
	c->type = db_row_text(r, "type");
	c->counterparty = db_row_text(r, "counterparty");
	c->location = db_row_text(r, "location");
	c->lot = db_row_text(r, "lot");
	c->qty = db_row_int(r, "qty");
	c->in = db_row_int(r, "in_") != 0;
	c->out = db_row_int(r, "out_") != 0;
}

int
db_rep_card_each(struct db *db, const struct db_rep_filter *f,
    int (*fn)(const struct db_rep_card *, void *), void *arg,
    struct wms_err *err)
{
	REP_EACH(DB_REP_CARD, db_rep_card, card_read);
}

static void
journal_read(struct db_row *r, void *out)
{
	struct db_rep_journal *j = out;

	j->at = db_row_text(r, "at");
	j->number = db_row_text(r, "number");
	j->type = db_row_text(r, "type");
	j->status = db_row_text(r, "status");
	j->depot = db_row_text(r, "depot");
	j->user = db_row_text(r, "user");
	j->cost_centre = db_row_text(r, "cost_centre");
	j->counterparty = db_row_text(r, "counterparty");
	j->reverses = db_row_text(r, "reverses");
	j->lines = db_row_int(r, "lines");
	j->value = db_row_int(r, "value");
}

int
db_rep_journal_each(struct db *db, const struct db_rep_filter *f,
    int (*fn)(const struct db_rep_journal *, void *), void *arg,
    struct wms_err *err)
{
	REP_EACH(DB_REP_JOURNAL, db_rep_journal, journal_read);
}

static void
reorder_read(struct db_row *r, void *out)
{
	struct db_rep_reorder *o = out;

	o->item = db_row_text(r, "item");
	o->name_ar = db_row_text(r, "name_ar");
	o->name_en = db_row_text(r, "name_en");
	o->category = db_row_text(r, "category");
	o->uom = db_row_text(r, "uom");
	o->on_hand = db_row_int(r, "on_hand");
	o->in_transit = db_row_int(r, "in_transit");
	o->min = db_row_int(r, "min_qty");
	o->max = db_row_int(r, "max_qty");
	o->purchase_unit = db_row_text(r, "purchase_unit");
	o->purchase_factor = db_row_int(r, "purchase_factor");
}

int
db_rep_reorder_each(struct db *db, const struct db_rep_filter *f,
    int (*fn)(const struct db_rep_reorder *, void *), void *arg,
    struct wms_err *err)
{
	REP_EACH(DB_REP_REORDER, db_rep_reorder, reorder_read);
}

static void
expiry_read(struct db_row *r, void *out)
{
	struct db_rep_expiry *x = out;

	x->depot = db_row_text(r, "depot");
	x->item = db_row_text(r, "item");
	x->name_ar = db_row_text(r, "name_ar");
	x->name_en = db_row_text(r, "name_en");
	x->lot = db_row_text(r, "lot");
	x->expiry = db_row_text(r, "expiry");
	x->qty = db_row_int(r, "qty");
	x->uom = db_row_text(r, "uom");
	x->avg_milli = db_row_int(r, "avg_milli");
}

int
db_rep_expiry_each(struct db *db, const struct db_rep_filter *f,
    int (*fn)(const struct db_rep_expiry *, void *), void *arg,
    struct wms_err *err)
{
	REP_EACH(DB_REP_EXPIRY, db_rep_expiry, expiry_read);
}

static void
slow_read(struct db_row *r, void *out)
{
	struct db_rep_slow *s = out;

	s->depot = db_row_text(r, "depot");
	s->item = db_row_text(r, "item");
	s->name_ar = db_row_text(r, "name_ar");
	s->name_en = db_row_text(r, "name_en");
	s->category = db_row_text(r, "category");
	s->qty = db_row_int(r, "qty");
	s->uom = db_row_text(r, "uom");
	s->avg_milli = db_row_int(r, "avg_milli");
	s->last_issue = db_row_text(r, "last_issue");
}

int
db_rep_slow_each(struct db *db, const struct db_rep_filter *f,
    int (*fn)(const struct db_rep_slow *, void *), void *arg,
    struct wms_err *err)
{
	REP_EACH(DB_REP_SLOW, db_rep_slow, slow_read);
}

static void
issued_read(struct db_row *r, void *out)
{
	struct db_rep_issued *s = out;

	s->item = db_row_text(r, "item");
	s->name_ar = db_row_text(r, "name_ar");
	s->name_en = db_row_text(r, "name_en");
	s->category = db_row_text(r, "category");
	s->uom = db_row_text(r, "uom");
	s->qty = db_row_int(r, "qty");
	s->value = db_row_int(r, "value");
}

int
db_rep_issued_each(struct db *db, const struct db_rep_filter *f,
    int (*fn)(const struct db_rep_issued *, void *), void *arg,
    struct wms_err *err)
{
	REP_EACH(DB_REP_ISSUED, db_rep_issued, issued_read);
}

/* A location as the valuation sees it. */
struct val_loc {
	int64_t	depot;
	int	real;
};

/* What moved after the time, per item and depot. */
struct val_net {
	int64_t	qty, value;
};

struct val_state {
	struct val_loc	*locs;		/* by location id */
	size_t		 nlocs;
	struct val_net	*net;		/* by position in map */
	size_t		 nnet;
	struct wms_imap	 map;		/* (item, depot) -> position */
	int		 forward;	/* net is what moved up to :at */
};

static void
val_docs_read(struct db_row *r, void *out)
{
	int64_t *v = out;

	v[0] = db_row_int(r, "first_after");
	v[1] = db_row_int(r, "last");
}

static void
val_loc_read(struct db_row *r, void *out)
{
	int64_t *v = out;

	v[0] = db_row_int(r, "id");
	v[1] = db_row_int(r, "depot_id");
	v[2] = db_row_int(r, "real");
}

static void
val_move_read(struct db_row *r, void *out)
{
	int64_t *v = out;

	v[0] = db_row_int(r, "item_id");
	v[1] = db_row_int(r, "from_loc");
	v[2] = db_row_int(r, "to_loc");
	v[3] = db_row_int(r, "qty");
	v[4] = db_row_int(r, "value");
}

/* Add qty and value to what moved for item at depot. */
static void
val_add(struct val_state *vs, int64_t item, int64_t depot, int64_t qty,
    int64_t value)
{
	long pos = wms_imap_get(&vs->map, item, depot, 0);

	if (pos < 0) {
		vs->net = xreallocarray(vs->net, vs->nnet + 1,
		    sizeof *vs->net);
		vs->net[vs->nnet].qty = vs->net[vs->nnet].value = 0;
		wms_imap_put(&vs->map, item, depot, 0, vs->nnet);
		pos = (long)vs->nnet++;
	}
	vs->net[pos].qty += qty;
	vs->net[pos].value += value;
}

/* The locations, then what moved into and out of real ones after :at. */
static int
val_net(struct db *db, const struct db_rep_filter *f, struct val_state *vs,
    struct wms_err *err)
{
	sqlite3_stmt	*st;
	int64_t		 v[5];
	size_t		 n;
	int		 rc;

	if ((st = rep_stmt(db, DB_REP_VAL_LOCS, f, err)) == NULL)
		return WMS_ERR_DB;
	while ((rc = db_next(db, st, val_loc_read, v, err)) == 1) {
		if (v[0] < 0 || v[0] > 100000000)
			continue;
		if ((size_t)v[0] >= vs->nlocs) {
			n = (size_t)v[0] * 2 + 16;
			vs->locs = xreallocarray(vs->locs, n,
			    sizeof *vs->locs);
			memset(vs->locs + vs->nlocs, 0, (n - vs->nlocs) *
			    sizeof *vs->locs);
			vs->nlocs = n;
		}
		vs->locs[v[0]].depot = v[1];
		vs->locs[v[0]].real = v[2] != 0;
	}
	if (rc < 0)
		return rc;
	/* The fewer movements: after the date back from today, or before
	 * it forward from nothing. */
	if ((st = rep_stmt(db, DB_REP_VAL_DOCS, f, err)) == NULL)
		return WMS_ERR_DB;
	v[0] = v[1] = 0;
	if ((rc = db_one(db, st, val_docs_read, v, err)) < 0)
		return rc;
	vs->forward = v[1] - v[0] > v[0];
	if ((st = rep_stmt(db, vs->forward ? DB_REP_VAL_BEFORE :
	    DB_REP_VAL_MOVES, f, err)) == NULL)
		return WMS_ERR_DB;
	while ((rc = db_next(db, st, val_move_read, v, err)) == 1) {
		const struct val_loc *from, *to;

		if ((size_t)v[1] >= vs->nlocs || (size_t)v[2] >= vs->nlocs)
			continue;
		from = &vs->locs[v[1]];
		to = &vs->locs[v[2]];
		/* A move inside a depot changes neither. */
		if (from->real && to->real && from->depot == to->depot)
			continue;
		if (to->real)
			val_add(vs, v[0], to->depot, v[3], v[4]);
		if (from->real)
			val_add(vs, v[0], from->depot, -v[3], -v[4]);
	}
	return rc;
}

/* A valuation row, and its item and depot for the net. */
struct value_row {
	struct db_rep_value	v;
	int64_t			item_id, depot_id;
};

static void
value_read(struct db_row *r, void *out)
{
	struct value_row	*vr = out;
	struct db_rep_value	*v = &vr->v;

	v->depot = db_row_text(r, "depot");
	v->item = db_row_text(r, "item");
	v->name_ar = db_row_text(r, "name_ar");
	v->name_en = db_row_text(r, "name_en");
	v->category = db_row_text(r, "category");
	v->uom = db_row_text(r, "uom");
	v->qty_now = db_row_int(r, "qty_now");
	v->value_now = db_row_int(r, "value_now");
	vr->item_id = db_row_int(r, "item_id");
	vr->depot_id = db_row_int(r, "depot_id");
}

int
db_rep_value_each(struct db *db, const struct db_rep_filter *f,
    int (*fn)(const struct db_rep_value *, void *), void *arg,
    struct wms_err *err)
{
	struct val_state	 vs;
	struct value_row	 vr;
	struct db_rep_value	*v = &vr.v;
	sqlite3_stmt		*st;
	long			 pos;
	int			 rc;

	memset(&vs, 0, sizeof vs);
	if ((rc = val_net(db, f, &vs, err)) != 0)
		goto out;
	if ((st = rep_stmt(db, DB_REP_VALUE, f, err)) == NULL) {
		rc = WMS_ERR_DB;
		goto out;
	}
	while ((rc = db_next(db, st, value_read, &vr, err)) == 1) {
		pos = wms_imap_get(&vs.map, vr.item_id, vr.depot_id, 0);
		if (vs.forward) {
			v->qty_at = pos >= 0 ? vs.net[pos].qty : 0;
			v->value_at = pos >= 0 ? vs.net[pos].value : 0;
		} else {
			v->qty_at = v->qty_now - (pos >= 0 ?
			    vs.net[pos].qty : 0);
			v->value_at = v->value_now - (pos >= 0 ?
			    vs.net[pos].value : 0);
		}
		if (v->qty_at == 0 && v->qty_now == 0 && v->value_at == 0 &&
		    v->value_now == 0)
			continue;
		if (fn(v, arg) != 0) {
			rc = db_stop(st);
			break;
		}
	}
out:
	free(vs.locs);
	free(vs.net);
	wms_imap_free(&vs.map);
	return rc;
}

static void
variance_read(struct db_row *r, void *out)
{
	struct db_rep_variance *v = out;

	v->count = db_row_text(r, "count");
	v->status = db_row_text(r, "status");
	v->location = db_row_text(r, "location");
	v->item = db_row_text(r, "item");
	v->lot = db_row_text(r, "lot");
	v->uom = db_row_text(r, "uom");
	v->line_status = db_row_text(r, "line_status");
	v->expected = db_row_int(r, "expected");
	v->book = db_row_int(r, "book");
	v->counted = db_row_int(r, "counted");
	v->has_counted = db_row_int(r, "has_counted") != 0;
	v->avg_milli = db_row_int(r, "avg_milli");
}

int
db_rep_variance_each(struct db *db, const struct db_rep_filter *f,
    int (*fn)(const struct db_rep_variance *, void *), void *arg,
    struct wms_err *err)
{
	REP_EACH(DB_REP_VARIANCE, db_rep_variance, variance_read);
}

static void
transit_read(struct db_row *r, void *out)
{
	struct db_rep_transit *t = out;

	t->number = db_row_text(r, "number");
	t->from_depot = db_row_text(r, "from_depot");
	t->to_depot = db_row_text(r, "to_depot");
	t->shipped_at = db_row_text(r, "shipped_at");
	t->item = db_row_text(r, "item");
	t->lot = db_row_text(r, "lot");
	t->qty = db_row_int(r, "qty");
	t->uom = db_row_text(r, "uom");
}

int
db_rep_transit_each(struct db *db, const struct db_rep_filter *f,
    int (*fn)(const struct db_rep_transit *, void *), void *arg,
    struct wms_err *err)
{
	REP_EACH(DB_REP_TRANSIT, db_rep_transit, transit_read);
}

int
db_rep_purchase_set(struct db *db, int64_t item, const char *unit,
    struct wms_err *err)
{
	sqlite3_stmt *st;

	if ((st = db_stmt(db, &db_report_mgr_table, DB_REP_PURCHASE, err)) ==
	    NULL)
		return WMS_ERR_DB;
	db_bind_int(st, ":item", item);
	db_bind_text(st, ":unit", unit);
	return db_exec_stmt(db, st, err);
}
