/*
 * What reports and makhzan check read: each query's rows as a typed struct,
 * handed to a callback one row at a time, so that nothing is held here (a
 * stock card of two million movements streams).  The strings of a row live
 * until the callback returns; a callback returns non-zero to stop.
 */
#ifndef DB_REPORT_H
#define DB_REPORT_H

#include <stdint.h>

#include "data/db.h"
#include "data/db-user.h"

/* A balance: the stock of an item (and lot) at a real location. */
struct db_report_stock {
	const char	*depot;
	const char	*location;
	const char	*item;
	const char	*lot;		/* NULL for none */
	int64_t		 qty;
	const char	*uom;
	const char	*name_ar;
	const char	*name_en;
	const char	*expiry;	/* of the lot; NULL for none */
	/* The item's moving-average cost at the depot (item_cost), minor
	 * units per 1000 base units, 0 for none: when the filter asks for
	 * costs (the one-item and FEFO reads give it always).  Whether a
	 * user may see it is the caller's rule (wms_may_see_values). */
	int64_t		 avg_milli;
};

/* What db_report_stock_each() takes: NULL or 0 for everything. */
struct db_report_stock_filter {
	const char	*depot;		/* a depot code */
	const char	*prefix;	/* a path, or a prefix up to a '/' */
	int64_t		 item;		/* an item id */
	int		 costs;		/* fill avg_milli (the whole stock
					   reads item_cost only then) */
};

/* Stock on hand, not zero, by depot, location, item and lot. */
int	db_report_stock_each(struct db *, const struct db_report_stock_filter *,
	    int (*fn)(const struct db_report_stock *, void *), void *arg,
	    struct wms_err *err);
/* The stock (> 0) of item at location path, first expiry first. */
int	db_report_fefo_each(struct db *, int64_t item, const char *path,
	    int (*fn)(const struct db_report_stock *, void *), void *arg,
	    struct wms_err *err);

/* A movement of an item as its stock card shows it. */
struct db_report_ledger {
	const char	*at;
	const char	*document;
	const char	*from;		/* location paths */
	const char	*to;
	const char	*lot;		/* NULL for none */
	int64_t		 qty;
	/* Leaves, arrives at a real location (of the depot); a move
	 * inside it is both. */
	int		 out;
	int		 in;
};

/*
 * The movements of item that leave or reach a real location of depot (a
 * code, or NULL for every depot), oldest first.
 */
int	db_report_ledger_each(struct db *, int64_t item, const char *depot,
	    int (*fn)(const struct db_report_ledger *, void *), void *arg,
	    struct wms_err *err);

/* A transfer between depots. */
struct db_report_transfer {
	const char	*number;
	const char	*from_depot;
	const char	*to_depot;
	const char	*status;
	const char	*shipped_at;
	const char	*reversed_by;	/* the reversal's number, or NULL */
	int64_t		 lines_in_transit;	/* item and lot pairs */
};

/* Every transfer, or (pending) those in transit and not reversed. */
int	db_report_transfer_each(struct db *, int pending,
	    int (*fn)(const struct db_report_transfer *, void *), void *arg,
	    struct wms_err *err);

/*
 * The last limit entries of the audit log, newest first: struct
 * db_audit_entry of data/db-user.h, read by the audit chain's own reader
 * (data/db-user.c).
 */
int	db_report_audit_each(struct db *, int limit,
	    int (*fn)(const struct db_audit_entry *, void *), void *arg,
	    struct wms_err *err);

/* The number of documents written at or after since (UTC ISO 8601). */
int	db_report_documents_since(struct db *, const char *since, int64_t *n,
	    struct wms_err *err);

/* An item whose stock at real locations is below its minimum. */
struct db_report_below_min {
	const char	*item;
	const char	*name_ar;
	const char	*name_en;
	const char	*uom;
	int64_t		 qty;
	int64_t		 min;
};

/* Items below their minimum, by code. */
int	db_report_below_min_each(struct db *,
	    int (*fn)(const struct db_report_below_min *, void *), void *arg,
	    struct wms_err *err);

/* A lot in stock at real locations. */
struct db_report_expiring {
	const char	*item;
	const char	*lot;
	const char	*expiry;	/* YYYY-MM-DD */
	int64_t		 qty;
	const char	*uom;
};

/* Lots in stock that expire on or before until (YYYY-MM-DD), soonest first. */
int	db_report_expiring_each(struct db *, const char *until,
	    int (*fn)(const struct db_report_expiring *, void *), void *arg,
	    struct wms_err *err);

/*
 * makhzan check: each query gives the rows that are wrong (none when all is
 * well), but for the integrity check, which gives SQLite's lines ("ok").
 */
int	db_check_integrity(struct db *,
	    int (*fn)(const char *line, void *), void *arg,
	    struct wms_err *err);

/*
 * The other checks: each gives the rows that are wrong, in the columns of
 * struct db_check_row (what a check does not have is NULL or 0).
 */
enum db_check {
	DB_CHECK_BALANCES,	/* balances that differ from the ledger */
	DB_CHECK_NEGATIVES,	/* real and transit locations below zero */
	DB_CHECK_SUMS,		/* items not summing to zero over locations */
	DB_CHECK_COSTS,		/* negative valuations */
	DB_CHECK_N
};

struct db_check_row {
	const char	*location;	/* balances, negatives */
	const char	*item;
	const char	*depot;		/* costs */
	int64_t		 lot_id;	/* balances */
	int64_t		 qty;		/* the balance; the sum (sums) */
	int64_t		 ledger;	/* balances: the sum of the ledger */
	int64_t		 value;		/* costs: the valuation */
};

/* The rows the check which finds wrong, each to fn. */
int	db_check_each(struct db *, enum db_check which,
	    int (*fn)(const struct db_check_row *, void *), void *arg,
	    struct wms_err *err);

/* The outbox's sequence: its counter, and the events present. */
struct db_check_outbox {
	int64_t	counter;
	int64_t	count;
	int64_t	lo, hi;		/* lowest and highest seq (1 and 0: none) */
};
/* Fill *o. */
int	db_check_outbox(struct db *, struct db_check_outbox *,
	    struct wms_err *err);

#endif
