/* Statements of reports and of makhzan check. */
#ifndef DB_REPORT_H
#define DB_REPORT_H

#include "data/db.h"

enum db_report_stmt {
	DB_REP_STOCK,
	DB_REP_STOCK_ITEM,
	DB_REP_LEDGER,
	DB_REP_TRANSFERS,
	DB_REP_TRANSFERS_PENDING,
	DB_REP_AUDIT,
	DB_CHK_INTEGRITY,
	DB_CHK_BALANCE,
	DB_CHK_NEGATIVE,
	DB_CHK_SUM,
	DB_CHK_OUTBOX,
	DB_CHK_COST,
	DB_REPORT_N
};

#endif
