/* Documents, the stock ledger, balances and valuation. */
#ifndef DB_LEDGER_H
#define DB_LEDGER_H

#include <stddef.h>
#include <stdint.h>

#include "data/db.h"

/*
 * Functions that look a row up return 1 when it is found, 0 when it is not
 * (the caller names what is missing), or a negative wms_rc with err
 * filled; the others 0 or a negative wms_rc.
 */

/*
 * The highest document number from prefix000000 to prefix999999 (prefix
 * is DEPOT-TYPE-YEAR-) into number, read from the number index.
 */
int	db_doc_last(struct db *, const char *prefix, char *number, size_t n,
	    struct wms_err *err);

/* A new document.  NULL or "" strings and 0 ids are stored as NULL. */
struct db_doc_new {
	const char	*number;
	const char	*type;		/* GRN, ISS, MOV, TRF, ADJ, CNT, REV,
					   RTS, RTN */
	int64_t		 depot_id;
	const char	*status;	/* posted, in_transit, open */
	const char	*at;		/* UTC, ISO 8601 */
	int64_t		 user_id;
	const char	*supplier;
	const char	*ref;
	int64_t		 cost_centre_id;
	const char	*requester;
	const char	*reason;
	int64_t		 dest_depot_id;
	int64_t		 reverses_id;
	const char	*location_prefix;	/* a count's area */
	int64_t		 returns_id;	/* a return: what it returns */
};

/* Add a document; its id in *id. */
int	db_doc_add(struct db *, const struct db_doc_new *, int64_t *id,
	    struct wms_err *err);

/* A document as its number finds it. */
struct db_doc {
	int64_t	id;
	char	type[4];
	char	status[12];
	int64_t	depot_id;
	char	depot[32];	/* code */
	int64_t	dest_id;	/* a transfer's destination depot, else 0 */
	char	dest[32];	/* its code, else "" */
	char	reversed_by[48];	/* the reversal's number, else "" */
};

/* The document with this number. */
int	db_doc_get(struct db *, const char *number, struct db_doc *,
	    struct wms_err *err);
/* Set the status of document id. */
int	db_doc_set_status(struct db *, int64_t id, const char *status,
	    struct wms_err *err);
/* The highest line number of the movements of doc (0 for none) in *line. */
int	db_doc_max_line(struct db *, int64_t doc, int *line,
	    struct wms_err *err);

/* One movement of the ledger. */
struct db_move {
	int64_t	doc, line;
	int64_t	item, lot;	/* lot 0: none */
	int64_t	from, to;	/* location ids */
	int64_t	qty;		/* base thousandths, more than 0 */
	int64_t	value;		/* minor units */
};

/* Append movement m, stamped at (UTC, ISO 8601). */
int	db_move_add(struct db *, const struct db_move *m, const char *at,
	    struct wms_err *err);
/*
 * The movements of doc, newest first, into an array the caller frees
 * (*out is NULL when there are none).
 */
int	db_move_list(struct db *, int64_t doc, struct db_move **out,
	    size_t *n, struct wms_err *err);
/*
 * What transfer doc still has at its transit location transit: one entry
 * per item and lot with a quantity left (qty and value net of what was
 * received; doc, line, from and to are 0), in the order they were
 * shipped, into an array the caller frees.
 */
int	db_transit_left(struct db *, int64_t doc, int64_t transit,
	    struct db_move **out, size_t *n, struct wms_err *err);

/*
 * What the returns (RTS, RTN) of doc moved, oldest first, leaving out a
 * return that was reversed: into an array the caller frees.
 */
int	db_return_moves(struct db *, int64_t doc, struct db_move **out,
	    size_t *n, struct wms_err *err);

/* The balance of item/lot at loc in *qty: 0 when it has no row. */
int	db_bal_get(struct db *, int64_t loc, int64_t item, int64_t lot,
	    int64_t *qty, struct wms_err *err);
/* Set the balance of item/lot at loc to qty. */
int	db_bal_put(struct db *, int64_t loc, int64_t item, int64_t lot,
	    int64_t qty, struct wms_err *err);
/* The stock of item at the real locations of depot in *qty. */
int	db_bal_depot(struct db *, int64_t item, int64_t depot, int64_t *qty,
	    struct wms_err *err);
/*
 * Whether serial (lot) of item is in stock more than once, at real and
 * transit locations: 1 and the path of a place that holds it, other than
 * to where there is one, in path; else 0.
 */
int	db_serial_where(struct db *, int64_t item, int64_t lot, int64_t to,
	    char *path, size_t n, struct wms_err *err);

/*
 * The valuation of item at depot: its value (minor units) and average
 * (minor units per base unit, x1000), both 0 when it has none yet.
 */
int	db_cost_get(struct db *, int64_t item, int64_t depot, int64_t *value,
	    int64_t *avg_milli, struct wms_err *err);
/* Write the valuation of item at depot. */
int	db_cost_put(struct db *, int64_t item, int64_t depot, int64_t value,
	    int64_t avg_milli, struct wms_err *err);

#endif
