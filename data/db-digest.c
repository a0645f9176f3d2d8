/* Documents with their movements and last event, for check --against-central. */
#include <stddef.h>

#include "data/db-digest.h"
#include "data/stmt.h"

enum db_digest_stmt {
	DB_DIGEST_MOVES,
	DB_DIGEST_N
};

static const char *const db_digest_sql[DB_DIGEST_N] = {
	/* The outbox payload names its document; the last event of each. */
	[DB_DIGEST_MOVES] = "WITH ev AS (SELECT json_extract(payload, "
	    "'$.number') AS number, max(seq) AS last_seq FROM outbox "
	    "GROUP BY 1) "
	    "SELECT d.number AS number, coalesce(ev.last_seq, -1) AS last_seq, "
	    "i.code AS item, coalesce(lot.code, '') AS lot, lf.path AS "
	    "from_path, lt.path AS to_path, m.qty AS qty, m.value AS value "
	    "FROM document d LEFT JOIN ev ON ev.number = d.number "
	    "LEFT JOIN movement m ON m.doc_id = d.id "
	    "LEFT JOIN item i ON i.id = m.item_id "
	    "LEFT JOIN lot ON lot.id = m.lot_id "
	    "LEFT JOIN location lf ON lf.id = m.from_loc "
	    "LEFT JOIN location lt ON lt.id = m.to_loc "
	    "ORDER BY d.number, m.line",
};

const struct db_stmt_table db_digest_table = {
	.family = DB_FAM_DIGEST,
	.name = "digest",
	.sql = db_digest_sql,
	.n = DB_DIGEST_N,
};

int
db_digest_each(struct db *db, int (*fn)(const struct db_digest_move *, void *),
    void *arg, struct wms_err *err)
{
	struct db_digest_move	 m;
	struct db_row		 r;
	sqlite3_stmt		*st;
	int			 rc, stop = 0;

	if ((st = db_stmt(db, &db_digest_table, DB_DIGEST_MOVES, err)) == NULL)
		return WMS_ERR_DB;
	while (!stop && (rc = db_step(db, st, err)) == 1) {
		r = db_row(st);
		m.number = db_row_text(&r, "number");
		m.last_seq = db_row_int(&r, "last_seq");
		m.item = db_row_text(&r, "item");
		m.lot = db_row_text(&r, "lot");
		m.from = db_row_text(&r, "from_path");
		m.to = db_row_text(&r, "to_path");
		m.qty = db_row_int(&r, "qty");
		m.value = db_row_int(&r, "value");
		stop = fn(&m, arg);
	}
	sqlite3_reset(st);
	return rc < 0 ? rc : 0;
}
