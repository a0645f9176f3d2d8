/*
 * The rows of the managers' reports (makhzan report NAME): one typed struct
 * per report, handed to a callback a row at a time, as data/db-report.h
 * does for stock and the stock card.  These functions and structs are the
 * whole of what reports/ asks of a store: a PostgreSQL store can serve the
 * same filter into the same structs.  Quantities are thousandths of the
 * item's base unit, money minor units, times UTC ISO 8601 text.  The
 * strings of a row live until the callback returns; a callback returns
 * non-zero to stop.
 */
#ifndef DB_REPORT_MGR_H
#define DB_REPORT_MGR_H

#include <stdint.h>

#include "data/db.h"
#include "data/db-report.h"

/*
 * What the reports are filtered by, resolved to ids by the caller (0 or
 * NULL: not filtered).  Each report reads the fields it takes.
 */
struct db_rep_filter {
	int64_t		 depot;
	const char	*prefix;	/* a location path, or a prefix up to '/' */
	const char	*category;
	int64_t		 item;
	const char	*from;		/* UTC ISO: at or after */
	const char	*to;		/* UTC ISO: before */
	int64_t		 user;
	int64_t		 cc;		/* cost centre */
	const char	*type;		/* document type: GRN, ISS, ... */
	const char	*until;		/* expiry: lots expiring on or before */
	const char	*since;		/* slow: issues at or after */
	const char	*at;		/* valuation: the end of that day, UTC ISO */
	int64_t		 count;		/* variance: a count document, or 0 */
	int64_t		 limit;		/* card: at most so many rows, 0 all */
};

/*
 * A name the filters give, resolved to its id: 1 found (*id set), 0 not,
 * or a negative wms_rc.  A category or location prefix is found when an
 * item or location has it (*id 0).
 */
enum db_rep_name {
	DB_REP_NAME_DEPOT,
	DB_REP_NAME_USER,
	DB_REP_NAME_CC,
	DB_REP_NAME_CATEGORY,
	DB_REP_NAME_PREFIX,
	DB_REP_NAME_COUNT,	/* a count document's number */
};
int	db_rep_name_id(struct db *, enum db_rep_name, const char *name,
	    int64_t *id, struct wms_err *err);

/* stock: a balance at a real location, with its category and cost. */
struct db_rep_stock {
	const char	*depot;
	const char	*location;
	const char	*category;
	const char	*item;
	const char	*name_ar;
	const char	*name_en;
	const char	*lot;		/* NULL for none */
	int64_t		 qty;
	const char	*uom;
	int64_t		 avg_milli;	/* minor units per base unit x 1000 */
};
/* Non-zero balances by depot, location, item and lot. */
int	db_rep_stock_each(struct db *, const struct db_rep_filter *,
	    int (*fn)(const struct db_rep_stock *, void *), void *arg,
	    struct wms_err *err);
/*
 * The same join for db_report_stock_each() of data/db-report.h (makhzan
 * stock): the non-zero balances of depot (an id, 0 for every depot) under
 * prefix, in its rows and order (depot code, path, item code, lot code with
 * none first), each with its lot's expiry, and with costs its average cost
 * (else avg_milli is 0 and item_cost is not read).
 */
int	db_rep_onhand_each(struct db *, int64_t depot, const char *prefix,
	    int costs, int (*fn)(const struct db_report_stock *, void *),
	    void *arg, struct wms_err *err);

/* card: a movement of an item that leaves or reaches the depot's stock. */
struct db_rep_card {
	const char	*at;
	const char	*document;
	const char	*type;		/* the document's type */
	const char	*counterparty;	/* supplier, cost centre, depot, or the
					   location at the other end */
	const char	*location;	/* our end */
	const char	*lot;
	int64_t		 qty;
	int		 in;		/* reaches a real location */
	int		 out;		/* leaves one; a move inside is both */
};
/*
 * The opening balance of item (f->item, f->depot, f->prefix) before
 * f->from (0 without from), then its movements from f->from to f->to,
 * oldest first, at most f->limit.
 */
int	db_rep_card_opening(struct db *, const struct db_rep_filter *,
	    int64_t *qty, struct wms_err *err);
int	db_rep_card_each(struct db *, const struct db_rep_filter *,
	    int (*fn)(const struct db_rep_card *, void *), void *arg,
	    struct wms_err *err);

/* journal: a document with its lines and value. */
struct db_rep_journal {
	const char	*at;
	const char	*number;
	const char	*type;
	const char	*status;
	const char	*depot;
	const char	*user;
	const char	*cost_centre;	/* NULL unless an issue */
	const char	*counterparty;	/* supplier, destination depot, reason */
	const char	*reverses;	/* the number a reversal reverses */
	int64_t		 lines;
	int64_t		 value;
};
/* Documents by depot, type, user, cost centre and period, oldest first. */
int	db_rep_journal_each(struct db *, const struct db_rep_filter *,
	    int (*fn)(const struct db_rep_journal *, void *), void *arg,
	    struct wms_err *err);

/* reorder: an item below its minimum in a depot (or in all). */
struct db_rep_reorder {
	const char	*item;
	const char	*name_ar;
	const char	*name_en;
	const char	*category;
	const char	*uom;
	int64_t		 on_hand;
	int64_t		 in_transit;	/* on its way to the depot(s) */
	int64_t		 min;
	int64_t		 max;
	const char	*purchase_unit;	/* NULL: none */
	int64_t		 purchase_factor;	/* 0: none */
};
int	db_rep_reorder_each(struct db *, const struct db_rep_filter *,
	    int (*fn)(const struct db_rep_reorder *, void *), void *arg,
	    struct wms_err *err);

/* expiry: a lot on hand in a depot expiring by f->until. */
struct db_rep_expiry {
	const char	*depot;
	const char	*item;
	const char	*name_ar;
	const char	*name_en;
	const char	*lot;
	const char	*expiry;	/* YYYY-MM-DD */
	int64_t		 qty;
	const char	*uom;
	int64_t		 avg_milli;
};
int	db_rep_expiry_each(struct db *, const struct db_rep_filter *,
	    int (*fn)(const struct db_rep_expiry *, void *), void *arg,
	    struct wms_err *err);

/* slow: an item on hand in a depot with no issue since f->since. */
struct db_rep_slow {
	const char	*depot;
	const char	*item;
	const char	*name_ar;
	const char	*name_en;
	const char	*category;
	int64_t		 qty;
	const char	*uom;
	int64_t		 avg_milli;
	const char	*last_issue;	/* NULL: never issued */
};
int	db_rep_slow_each(struct db *, const struct db_rep_filter *,
	    int (*fn)(const struct db_rep_slow *, void *), void *arg,
	    struct wms_err *err);

/* abc: what was issued of an item over the period (net of reversals). */
struct db_rep_issued {
	const char	*item;
	const char	*name_ar;
	const char	*name_en;
	const char	*category;
	const char	*uom;
	int64_t		 qty;
	int64_t		 value;
};
int	db_rep_issued_each(struct db *, const struct db_rep_filter *,
	    int (*fn)(const struct db_rep_issued *, void *), void *arg,
	    struct wms_err *err);

/* valuation: an item in a depot at the end of f->at and today. */
struct db_rep_value {
	const char	*depot;
	const char	*item;
	const char	*name_ar;
	const char	*name_en;
	const char	*category;
	const char	*uom;
	int64_t		 qty_at;
	int64_t		 value_at;
	int64_t		 qty_now;
	int64_t		 value_now;
};
int	db_rep_value_each(struct db *, const struct db_rep_filter *,
	    int (*fn)(const struct db_rep_value *, void *), void *arg,
	    struct wms_err *err);

/* variance: a line of a count. */
struct db_rep_variance {
	const char	*count;		/* the count's number */
	const char	*status;	/* of the count: open, posted */
	const char	*location;
	const char	*item;
	const char	*lot;
	const char	*uom;
	const char	*line_status;	/* pending, counted, recount */
	int64_t		 expected;	/* the snapshot */
	int64_t		 book;		/* at the moment it was counted */
	int64_t		 counted;
	int		 has_counted;
	int64_t		 avg_milli;
};
int	db_rep_variance_each(struct db *, const struct db_rep_filter *,
	    int (*fn)(const struct db_rep_variance *, void *), void *arg,
	    struct wms_err *err);

/* transit: what a transfer still has in transit, by item and lot. */
struct db_rep_transit {
	const char	*number;
	const char	*from_depot;
	const char	*to_depot;
	const char	*shipped_at;
	const char	*item;
	const char	*lot;
	int64_t		 qty;
	const char	*uom;
};
int	db_rep_transit_each(struct db *, const struct db_rep_filter *,
	    int (*fn)(const struct db_rep_transit *, void *), void *arg,
	    struct wms_err *err);

/*
 * Make unit the purchase unit of item (the reorder report rounds to it),
 * and no other of its units; the unit must be one of the item's.
 */
int	db_rep_purchase_set(struct db *, int64_t item, const char *unit,
	    struct wms_err *err);

#endif
