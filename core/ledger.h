/* Stock documents: receive, issue, move, transfer, adjust, reverse. */
#ifndef WMS_LEDGER_H
#define WMS_LEDGER_H

#include <stddef.h>
#include <stdint.h>

#include "data/db-report.h"
#include "lib/err.h"

struct wms;

enum wms_doc_type {
	WMS_DOC_RECEIPT,	/* GRN: supplier -> location, with unit cost */
	WMS_DOC_ISSUE,		/* ISS: location -> cost centre */
	WMS_DOC_MOVE,		/* MOV: location -> location, same depot */
	WMS_DOC_TRANSFER,	/* TRF: location -> another depot's transit */
	WMS_DOC_ADJUST,		/* ADJ: location <-> adjustment, signed */
};

/* One line of a document, as a person gave it. */
struct wms_line {
	const char		*item;		/* code or barcode */
	int64_t			 qty;		/* thousandths of unit */
	const char		*unit;		/* NULL or "": the base unit */
	const char		*lot;		/* lot number, or NULL */
	const char		*expiry;	/* YYYY-MM-DD, a new lot's */
	const char *const	*serials;	/* serial-tracked items */
	size_t			 nserials;
	int64_t			 cost;		/* minor units per unit, or -1 */
	int			 lineno;	/* CSV line for messages, or 0 */
};

struct wms_doc {
	enum wms_doc_type	 type;
	const char		*from;	/* location path */
	const char		*to;	/* location; issue: cost centre code;
					   transfer: depot code */
	const char		*supplier;
	const char		*ref;
	const char		*requester;
	const char		*reason;	/* adjust; expired override */
	int			 allow_expired;	/* supervisor, with a reason */
};

#define WMS_NUMBER_MAX	48

/*
 * Post a document of n lines, whole or not at all, and put its number in
 * number (HMS-GRN-2026-000123).  A refused line names itself (its CSV line
 * when lineno is set) and the figures.
 */
int	wms_post(struct wms *, const struct wms_doc *, const struct wms_line *,
	    size_t n, char number[WMS_NUMBER_MAX], struct wms_err *err);

/*
 * Receive a transfer at a location of its destination depot: n lines of
 * item/lot/qty, or everything still in transit when n is 0.  What is not
 * received stays in transit.
 */
int	wms_transfer_receive(struct wms *, const char *number, const char *to,
	    const struct wms_line *, size_t n, struct wms_err *err);

/*
 * Reverse a posted document with a new REV document that moves everything
 * back (WMS_PERM_SUPERVISE).  A document is reversed at most once.
 */
int	wms_reverse(struct wms *, const char *number, const char *reason,
	    char out[WMS_NUMBER_MAX], struct wms_err *err);

/*
 * The base-unit quantity of qty (thousandths) of unit for item code:
 * exact, or WMS_ERR_INVALID when it is not a whole thousandth.
 */
int	wms_to_base(struct wms *, const char *item, int64_t qty,
	    const char *unit, int64_t *base, struct wms_err *err);

/* A document as its number finds it. */
struct wms_doc_info {
	char	number[WMS_NUMBER_MAX];
	char	type[4];	/* GRN, ISS, MOV, TRF, ADJ, CNT, REV */
	char	status[12];	/* posted, in_transit, received, open */
	char	depot[32];
	char	dest[32];	/* a transfer's destination depot, else "" */
	char	reversed_by[WMS_NUMBER_MAX];	/* "" when not reversed */
};

/* Look a document up by its number; WMS_ERR_NOTFOUND names it. */
int	wms_doc_get(struct wms *, const char *number, struct wms_doc_info *,
	    struct wms_err *err);

/* What is still in transit of a transfer: one item and lot. */
struct wms_transit_row {
	const char	*item;
	const char	*lot;		/* NULL when none */
	const char	*uom;
	int64_t		 qty;		/* base thousandths, more than 0 */
};

/*
 * Call fn for each item and lot of transfer number still in transit, in
 * the order they were shipped; fn returns non-zero to stop.
 */
int	wms_transfer_left_each(struct wms *, const char *number,
	    int (*fn)(const struct wms_transit_row *, void *), void *arg,
	    struct wms_err *err);

/*
 * A row of stock on hand at a real location is struct db_report_stock of
 * data/db-report.h (depot, location, item, lot, qty, uom, name_ar,
 * name_en, expiry): the report's row itself, one definition.
 */

/*
 * Call fn for each stock row, filtered by depot code, location prefix (a
 * path or a prefix ending at '/') and item code or barcode (each may be
 * NULL), in depot, location, item, lot order; fn returns non-zero to stop.
 * With an item the query is one index lookup whatever the ledger's size.
 */
int	wms_stock_each(struct wms *, const char *depot, const char *prefix,
	    const char *item, int (*fn)(const struct db_report_stock *, void *),
	    void *arg, struct wms_err *err);
/*
 * The same rows, each with its item's average cost at its depot
 * (avg_milli), for those who may see values (wms_may_see_values): one
 * read of the costs, not a lookup a row.
 */
int	wms_stock_costed_each(struct wms *, const char *depot,
	    const char *prefix, const char *item,
	    int (*fn)(const struct db_report_stock *, void *), void *arg,
	    struct wms_err *err);

/*
 * Call fn for each lot of item (code or barcode) at the real location
 * loc, first expiry first out: by expiry, lots without one after, then
 * by lot code; untracked stock is one row with a NULL lot.  Expired lots
 * are given too (their expiry says so): what may leave is the caller's
 * rule, and the posting checks it again.
 */
int	wms_stock_fefo_each(struct wms *, const char *loc, const char *item,
	    int (*fn)(const struct db_report_stock *, void *), void *arg,
	    struct wms_err *err);

/* One movement of a document, as labels and listings need it. */
struct wms_doc_move {
	const char	*item;		/* code */
	const char	*lot;		/* lot or serial, "" when none */
	const char	*expiry;	/* the lot's, "" when none */
	const char	*from;		/* location paths */
	const char	*to;
	int64_t		 qty;		/* base thousandths */
};

/*
 * Call fn for each movement of the document number in the order they were
 * posted; fn returns non-zero to stop.  WMS_ERR_NOTFOUND names an unknown
 * number.
 */
int	wms_doc_each_move(struct wms *, const char *number,
	    int (*fn)(const struct wms_doc_move *, void *), void *arg,
	    struct wms_err *err);

/*
 * The lot (or serial) code of item (code or barcode): 0 and its expiry in
 * expiry ("" when it has none), or WMS_ERR_NOTFOUND naming both.
 */
int	wms_lot_get(struct wms *, const char *item, const char *code,
	    char expiry[11], struct wms_err *err);

#endif
