/* Statements of documents, the stock ledger, balances and valuation. */
#include "data/db-ledger.h"

static const char *const db_ledger_sql[DB_LEDGER_N] = {
	/* Six digits: the numbers sort as text within a prefix. */
	[DB_DOC_LAST] = "SELECT number FROM document WHERE "
	    "number > :prefix || '000000' AND number <= :prefix || '999999' "
	    "ORDER BY number DESC LIMIT 1",
	[DB_DOC_ADD] = "INSERT INTO document(number, type, depot_id, status, "
	    "created_at, user_id, supplier, ref, cost_centre_id, requester, "
	    "reason, dest_depot_id, reverses_id, location_prefix) "
	    "VALUES(:number, :type, :depot, :status, :at, :user, :supplier, "
	    ":ref, :cc, :requester, :reason, :dest, :reverses, :prefix)",
	[DB_DOC_GET] = "SELECT d.id, d.type, d.status, d.depot_id, dp.code, "
	    "d.dest_depot_id, dd.code, d.location_prefix, (SELECT r.number "
	    "FROM document r WHERE r.reverses_id = d.id) FROM document d "
	    "JOIN depot dp ON dp.id = d.depot_id LEFT JOIN depot dd ON "
	    "dd.id = d.dest_depot_id WHERE d.number = :number",
	[DB_DOC_STATUS] = "UPDATE document SET status = :status WHERE id = :id",
	[DB_DOC_REVERSED] = "SELECT number FROM document WHERE "
	    "reverses_id = :id",
	[DB_MOVE_ADD] = "INSERT INTO movement(doc_id, line, item_id, lot_id, "
	    "from_loc, to_loc, qty, value, at) VALUES(:doc, :line, :item, "
	    ":lot, :from, :to, :qty, :value, :at)",
	[DB_MOVE_OF_DOC] = "SELECT m.item_id, m.lot_id, m.from_loc, m.to_loc, "
	    "m.qty, m.value FROM movement m WHERE m.doc_id = :doc "
	    "ORDER BY m.id DESC",
	[DB_DOC_MAXLINE] = "SELECT coalesce(max(line), 0) FROM movement "
	    "WHERE doc_id = :doc",
	[DB_BAL_PUT] = "INSERT INTO balance(location_id, item_id, lot_id, qty) "
	    "VALUES(:loc, :item, :lot, :qty) ON CONFLICT DO UPDATE SET "
	    "qty = excluded.qty",
	[DB_BAL_GET] = "SELECT qty FROM balance WHERE location_id = :loc AND "
	    "item_id = :item AND lot_id = :lot",
	[DB_DEPOT_QTY] = "SELECT coalesce(sum(b.qty), 0) FROM balance b JOIN "
	    "location l ON l.id = b.location_id WHERE b.item_id = :item AND "
	    "l.depot_id = :depot AND l.kind = 'internal'",
	[DB_COST_GET] = "SELECT value, avg_milli FROM item_cost WHERE "
	    "item_id = :item AND depot_id = :depot",
	[DB_COST_PUT] = "INSERT INTO item_cost(item_id, depot_id, value, "
	    "avg_milli) VALUES(:item, :depot, :value, :avg) ON CONFLICT DO "
	    "UPDATE SET value = excluded.value, avg_milli = excluded.avg_milli",
	/* Where else a serial is, when it is in stock more than once. */
	[DB_SERIAL_TWICE] = "SELECT l.path FROM balance b JOIN location l ON "
	    "l.id = b.location_id WHERE b.item_id = :item AND b.lot_id = :lot "
	    "AND b.qty > 0 AND l.kind IN ('internal', 'transit') AND "
	    "(SELECT sum(b2.qty) FROM balance b2 "
	    "JOIN location l2 ON l2.id = b2.location_id WHERE "
	    "b2.item_id = :item AND b2.lot_id = :lot AND "
	    "l2.kind IN ('internal', 'transit')) > 1000 "
	    "ORDER BY b.location_id = :to LIMIT 1",
	[DB_TRANSIT_LEFT] = "SELECT m.item_id, m.lot_id, "
	    "sum(CASE WHEN m.to_loc = :transit THEN m.qty ELSE -m.qty END), "
	    "sum(CASE WHEN m.to_loc = :transit THEN m.value ELSE -m.value END) "
	    "FROM movement m WHERE m.doc_id = :doc AND (m.to_loc = :transit "
	    "OR m.from_loc = :transit) GROUP BY m.item_id, m.lot_id "
	    "HAVING sum(CASE WHEN m.to_loc = :transit THEN m.qty ELSE -m.qty "
	    "END) > 0 ORDER BY min(m.id)",
};

const struct db_stmt_table db_ledger_table = {
	.family = DB_FAM_LEDGER,
	.name = "ledger",
	.sql = db_ledger_sql,
	.n = DB_LEDGER_N,
};
