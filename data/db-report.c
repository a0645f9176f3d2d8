/* Statements of reports (placeholder). */
#include "data/db.h"

static const char *const db_report_sql[1] = { "SELECT 1" };

const struct db_stmt_table db_report_table = {
	DB_FAM_REPORT, "report", db_report_sql, 1
};
