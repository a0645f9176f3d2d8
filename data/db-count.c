/* Statements of stock counts: snapshot, entered quantities, posting. */
#include "data/db-count.h"

/* A real location at or below :prefix, matched at a '/' boundary. */
#define COUNT_UNDER "l.kind = 'internal' AND l.depot_id = :depot AND " \
	"(l.path = :prefix OR substr(l.path, 1, length(:prefix) + 1) = " \
	":prefix || '/')"

static const char *const db_count_sql[DB_COUNT_N] = {
	[DB_COUNT_DOC] = "SELECT d.id, d.type, d.status, "
	    "coalesce(d.location_prefix, ''), dp.code, d.depot_id FROM "
	    "document d JOIN depot dp ON dp.id = d.depot_id WHERE "
	    "d.number = :number",
	[DB_COUNT_DEPOT] = "SELECT id FROM depot WHERE code = :code",
	[DB_COUNT_LOCS] = "SELECT count(*) FROM location l WHERE "
	    COUNT_UNDER,
	[DB_COUNT_SNAPSHOT] = "INSERT INTO count_line(doc_id, location_id, "
	    "item_id, lot_id, expected) SELECT :doc, b.location_id, b.item_id, "
	    "b.lot_id, b.qty FROM balance b JOIN location l ON "
	    "l.id = b.location_id WHERE b.qty > 0 AND " COUNT_UNDER,
	[DB_COUNT_ENTER] = "INSERT INTO count_line(doc_id, location_id, "
	    "item_id, lot_id, expected, counted, book, status, user_id, at) "
	    "VALUES(:doc, :loc, :item, :lot, 0, :counted, :book, 'counted', "
	    ":user, :at) ON CONFLICT(doc_id, location_id, item_id, lot_id) "
	    "DO UPDATE SET counted = excluded.counted, book = excluded.book, "
	    "status = 'counted', user_id = excluded.user_id, "
	    "at = excluded.at",
	[DB_COUNT_RECOUNT] = "UPDATE count_line SET status = 'recount', "
	    "counted = NULL, book = NULL, user_id = NULL, at = NULL WHERE "
	    "doc_id = :doc AND location_id = :loc AND item_id = :item AND "
	    "lot_id = :lot",
	[DB_COUNT_EACH] = "SELECT l.path, i.code, i.name_ar, i.name_en, "
	    "i.uom, lt.code, c.status, u.name, c.expected, c.counted, c.book, "
	    "coalesce(ic.avg_milli, 0) "
	    "FROM count_line c JOIN location l ON l.id = c.location_id "
	    "JOIN item i ON i.id = c.item_id LEFT JOIN lot lt ON "
	    "lt.id = c.lot_id LEFT JOIN user u ON u.id = c.user_id "
	    "LEFT JOIN item_cost ic ON ic.item_id = c.item_id AND "
	    "ic.depot_id = l.depot_id WHERE "
	    "c.doc_id = :doc ORDER BY l.path, i.code, lt.code",
	[DB_COUNT_TALLY] = "SELECT count(*), "
	    "coalesce(sum(status = 'counted'), 0), "
	    "coalesce(sum(status <> 'counted'), 0) FROM count_line WHERE "
	    "doc_id = :doc",
	[DB_COUNT_VARIANCES] = "SELECT c.location_id, c.item_id, c.lot_id, "
	    "coalesce(lt.code, ''), c.counted, c.book FROM count_line c "
	    "JOIN location l ON l.id = c.location_id JOIN item i ON "
	    "i.id = c.item_id LEFT JOIN lot lt ON lt.id = c.lot_id WHERE "
	    "c.doc_id = :doc AND c.status = 'counted' AND c.counted <> c.book "
	    "ORDER BY l.path, i.code, lt.code",
	[DB_COUNT_STATUS] = "UPDATE document SET status = :status WHERE "
	    "id = :id AND type = 'CNT'",
	/* Counts, newest first; open ones only unless :all. */
	[DB_COUNT_LIST] = "SELECT d.number, d.status, "
	    "coalesce(d.location_prefix, ''), dp.code, "
	    "(SELECT count(*) FROM count_line c WHERE c.doc_id = d.id), "
	    "(SELECT count(*) FROM count_line c WHERE c.doc_id = d.id AND "
	    "c.status = 'counted') FROM document d JOIN depot dp ON "
	    "dp.id = d.depot_id WHERE d.type = 'CNT' AND (:all OR "
	    "d.status = 'open') ORDER BY d.id DESC LIMIT :limit",
};

const struct db_stmt_table db_count_table = {
	.family = DB_FAM_COUNT,
	.name = "count",
	.sql = db_count_sql,
	.n = DB_COUNT_N,
};
