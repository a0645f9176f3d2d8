/*
 * The statements of items, units, barcodes and lots, by number: for data/
 * (and tests) only, with data/stmt.h.  core/ledger.c and count.c still
 * name some of them until they call typed functions (issue 9).
 */
#ifndef DB_ITEM_STMT_H
#define DB_ITEM_STMT_H

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
	DB_UNIT_GET,
	DB_UNIT_LIST,
	DB_LOT_GET,
	DB_LOT_ADD,
	DB_LOT_BY_ID,
	DB_ITEM_N
};

#endif
