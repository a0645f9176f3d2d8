/* Statements of items, units, barcodes, lots and the search index. */
#include "data/db-item.h"

#define ITEM_COLS "i.id, i.code, i.name_ar, i.name_en, i.category, i.uom, " \
	"i.tracking, i.weighed, i.min_qty, i.max_qty, i.shelf_life"

static const char *const db_item_sql[DB_ITEM_N] = {
	[DB_ITEM_ADD] = "INSERT INTO item(code, name_ar, name_en, category, "
	    "uom, tracking, weighed, min_qty, max_qty, shelf_life, created_at) "
	    "VALUES(:code, :name_ar, :name_en, :category, :uom, :tracking, "
	    ":weighed, :min, :max, :shelf_life, :at)",
	[DB_ITEM_GET] = "SELECT " ITEM_COLS " FROM item i WHERE i.code = :code",
	[DB_ITEM_BY_ID] = "SELECT " ITEM_COLS " FROM item i WHERE i.id = :id",
	[DB_ITEM_BY_BARCODE] = "SELECT " ITEM_COLS " FROM item i JOIN "
	    "item_barcode b ON b.item_id = i.id WHERE b.barcode = :code",
	[DB_ITEM_BARCODES] = "SELECT barcode FROM item_barcode WHERE "
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
	[DB_UNIT_GET] = "SELECT factor FROM item_unit WHERE item_id = :item "
	    "AND unit = :unit",
	[DB_UNIT_LIST] = "SELECT unit, factor FROM item_unit WHERE "
	    "item_id = :item ORDER BY unit",
	[DB_LOT_GET] = "SELECT id, expiry FROM lot WHERE item_id = :item AND "
	    "code = :code",
	[DB_LOT_ADD] = "INSERT INTO lot(item_id, code, expiry) VALUES(:item, "
	    ":code, :expiry)",
	[DB_LOT_BY_ID] = "SELECT code, expiry FROM lot WHERE id = :id",
};

const struct db_stmt_table db_item_table = {
	.family = DB_FAM_ITEM,
	.name = "item",
	.sql = db_item_sql,
	.n = DB_ITEM_N,
};
