/* Statements of documents, the stock ledger, balances and valuation. */
#ifndef DB_LEDGER_H
#define DB_LEDGER_H

#include "data/stmt.h"

enum db_ledger_stmt {
	DB_DOC_LAST,
	DB_DOC_ADD,
	DB_DOC_GET,
	DB_DOC_STATUS,
	DB_DOC_REVERSED,
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
	DB_LEDGER_N
};

#endif
