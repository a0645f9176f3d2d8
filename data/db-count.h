/* Statements of stock counts: snapshot, entered quantities, posting. */
#ifndef DB_COUNT_H
#define DB_COUNT_H

#include "data/stmt.h"

enum db_count_stmt {
	DB_COUNT_DOC,
	DB_COUNT_DEPOT,
	DB_COUNT_LOCS,
	DB_COUNT_SNAPSHOT,
	DB_COUNT_ENTER,
	DB_COUNT_RECOUNT,
	DB_COUNT_EACH,
	DB_COUNT_TALLY,
	DB_COUNT_VARIANCES,
	DB_COUNT_STATUS,
	DB_COUNT_LIST,
	DB_COUNT_N
};

#endif
