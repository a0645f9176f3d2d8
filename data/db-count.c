/* Statements of stock counts (placeholder until the count module lands). */
#include "data/db.h"

static const char *const db_count_sql[1] = { "SELECT 1" };

const struct db_stmt_table db_count_table = {
	DB_FAM_COUNT, "count", db_count_sql, 1
};
