/*
 * What makhzan check reads beyond balances and the audit walk: the limits
 * of quantities and values, the conservation of value, the schema against
 * the shipped one, and the content the audit chain covers (the rows of
 * master data and users, a posting's document, movements and event).
 */
#ifndef DB_VERIFY_H
#define DB_VERIFY_H

#include <stdint.h>

#include "data/db.h"

/* The checks of rows that are wrong (none when all is well). */
enum db_verify {
	DB_VERIFY_BAL_LIMIT,	/* balances past :limit either way */
	DB_VERIFY_MOVE_LIMIT,	/* movements past a limit */
	DB_VERIFY_COST_LIMIT,	/* valuations past the value limit */
	DB_VERIFY_ZERO_VALUE,	/* value at a depot without the item */
	DB_VERIFY_TRANSIT_VALUE, /* value, no quantity in transit */
	DB_VERIFY_COST_LEDGER,	/* a valuation not the ledger's sum */
	DB_VERIFY_N
};

struct db_verify_row {
	const char	*location;	/* balances, transit */
	const char	*item;
	const char	*depot;		/* valuations */
	const char	*doc;		/* movements, transit */
	int64_t		 line;		/* movements */
	int64_t		 qty;
	int64_t		 value;
	int64_t		 ledger;	/* the ledger's sum */
};

/*
 * The rows check which finds wrong, each to fn (fn non-zero stops).
 * qty_max and value_max are the limits (WMS_BAL_MAX, WMS_VALUE_MAX).
 */
int	db_verify_each(struct db *, enum db_verify which, int64_t qty_max,
	    int64_t value_max, int (*fn)(const struct db_verify_row *, void *),
	    void *arg, struct wms_err *err);

/*
 * The schema objects (type, name, SQL text) of the file, or with expected
 * those of a new database made in memory by this binary's migrations, in
 * type and name order.  SQLite's own objects are left out.
 */
struct db_schema_obj {
	const char	*type, *name, *sql;
};
int	db_schema_each(struct db *, int expected,
	    int (*fn)(const struct db_schema_obj *, void *), void *arg,
	    struct wms_err *err);

/*
 * The tables whose rows the audit chain covers, by name: "depot",
 * "location", "cost_centre", "item", "item_barcode", "item_unit", "user",
 * "meta" (the site's settings), "device".
 * A row's content is a JSON array of its columns (for a user: name, role
 * and password hash, not the failure count, the lock or the language).
 */
#define DB_CHAIN_NTABLES	9
const char	*db_chain_table(int t);
/* The content of the row key of table t into *row (a copy): 1, 0: none. */
int	db_chain_row(struct db *, int t, const char *key, char **row,
	    struct wms_err *err);
/* Every row of table t: fn(key, content, arg); non-zero stops. */
int	db_chain_each(struct db *, int t,
	    int (*fn)(const char *key, const char *row, void *), void *arg,
	    struct wms_err *err);

/*
 * The marks left by the triggers of migration 0008 (rows changed since
 * the last write): why is "write" or "migration" (there before).
 */
struct db_chain_mark {
	const char	*tbl, *key, *why;
};
int	db_chain_marks_each(struct db *,
	    int (*fn)(const struct db_chain_mark *, void *), void *arg,
	    struct wms_err *err);
int	db_chain_marks_clear(struct db *, struct wms_err *err);

/*
 * The content of a posting, in order: its document's row (with its
 * status, which changes as a transfer is received: only the last entry of
 * a document holds for the row), its movements
 * with lines lo..hi (with the lot's code and expiry), and the payload of
 * the outbox event seq (none when seq is 0).  Each piece to fn with
 * its part (DB_PART_DOC, _MOVE, _EVENT).  1 when
 * the document exists, 0 when not, or a negative wms_rc.
 */
enum { DB_PART_DOC, DB_PART_MOVE, DB_PART_EVENT, DB_NPART };
int	db_posting_content(struct db *, const char *number, int64_t lo,
	    int64_t hi, int64_t seq,
	    void (*fn)(int part, const char *text, void *), void *arg,
	    struct wms_err *err);

/*
 * Every document with its number of movements and its last line, in
 * number order: fn non-zero stops.
 */
int	db_doc_lines_each(struct db *,
	    int (*fn)(const char *number, int64_t n, int64_t last, void *),
	    void *arg, struct wms_err *err);

#endif
