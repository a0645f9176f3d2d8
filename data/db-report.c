/* Statements of reports and of makhzan check. */
#include "data/db-report.h"

/* A location filter: a path, or a prefix that ends at a '/'. */
#define PREFIX_MATCH "(:prefix IS NULL OR l.path = :prefix OR " \
	"substr(l.path, 1, length(:prefix) + 1) = :prefix || '/')"

#define STOCK_SELECT "SELECT d.code, l.path, i.code, lot.code, b.qty, " \
	"i.uom, i.name_ar, i.name_en, lot.expiry FROM balance b " \
	"JOIN location l ON l.id = b.location_id " \
	"JOIN item i ON i.id = b.item_id " \
	"JOIN depot d ON d.id = l.depot_id " \
	"LEFT JOIN lot ON lot.id = b.lot_id "

/* Transfers with the lines still in transit: item and lot pairs not
 * received in full. */
#define TRANSFERS_SELECT "SELECT d.number, s.code, t.code, d.status, " \
	"d.created_at, r.number, (SELECT count(*) FROM (SELECT 1 FROM " \
	"movement m WHERE m.doc_id = d.id AND (m.to_loc = tr.id OR " \
	"m.from_loc = tr.id) GROUP BY m.item_id, m.lot_id HAVING " \
	"sum(CASE WHEN m.to_loc = tr.id THEN m.qty ELSE -m.qty END) > 0)) " \
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
	[DB_REP_LEDGER] = "SELECT * FROM (SELECT m.at, doc.number, doc.type, "
	    "lf.path, lt.path, lot.code, m.qty, m.value, "
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
	[DB_REP_TODAY] = "SELECT count(*) FROM document WHERE "
	    "created_at >= :since",
	/* Stock at real locations against the reorder minimum. */
	[DB_REP_BELOW_MIN] = "SELECT i.code, i.name_ar, i.name_en, i.uom, "
	    "coalesce((SELECT sum(b.qty) FROM balance b JOIN location l ON "
	    "l.id = b.location_id WHERE b.item_id = i.id AND "
	    "l.kind = 'internal'), 0) AS q, i.min_qty FROM item i "
	    "WHERE i.min_qty > 0 AND q < i.min_qty ORDER BY i.code",
	/* Lots in stock that expire by :until, soonest first. */
	[DB_REP_EXPIRING] = "SELECT i.code, lot.code, lot.expiry, sum(b.qty), "
	    "i.uom FROM lot JOIN item i ON i.id = lot.item_id "
	    "JOIN balance b ON b.item_id = lot.item_id AND b.lot_id = lot.id "
	    "JOIN location l ON l.id = b.location_id AND l.kind = 'internal' "
	    "WHERE lot.expiry IS NOT NULL AND lot.expiry <= :until "
	    "GROUP BY lot.id HAVING sum(b.qty) > 0 ORDER BY lot.expiry",
	[DB_CHK_INTEGRITY] = "PRAGMA integrity_check",
	/* Balances that differ from the sum of the ledger, both ways. */
	[DB_CHK_BALANCE] = "SELECT l.path, i.code, b.lot_id, b.qty, "
	    "coalesce(v.qty, 0) FROM balance b "
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
	[DB_CHK_NEGATIVE] = "SELECT l.path, i.code, b.qty FROM balance b "
	    "JOIN location l ON l.id = b.location_id "
	    "JOIN item i ON i.id = b.item_id "
	    "WHERE b.qty < 0 AND l.kind IN ('internal', 'transit')",
	[DB_CHK_SUM] = "SELECT i.code, sum(b.qty) FROM balance b "
	    "JOIN item i ON i.id = b.item_id GROUP BY b.item_id "
	    "HAVING sum(b.qty) <> 0",
	[DB_CHK_OUTBOX] = "SELECT (SELECT value FROM counter WHERE name = "
	    "'outbox'), count(*), coalesce(min(seq), 1), coalesce(max(seq), 0) "
	    "FROM outbox",
	[DB_CHK_COST] = "SELECT i.code, d.code, c.value FROM item_cost c "
	    "JOIN item i ON i.id = c.item_id JOIN depot d ON d.id = c.depot_id "
	    "WHERE c.value < 0",
};

const struct db_stmt_table db_report_table = {
	.family = DB_FAM_REPORT,
	.name = "report",
	.sql = db_report_sql,
	.n = DB_REPORT_N,
};
