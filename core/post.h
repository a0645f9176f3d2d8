/*
 * The posting engine shared by documents and counts: one BEGIN IMMEDIATE
 * transaction that writes the document, its movements, the balances, the
 * valuation, one audit entry and one outbox event, or nothing at all.
 * Internal to core/.
 */
#ifndef WMS_POST_H
#define WMS_POST_H

#include <stdint.h>

#include <jansson.h>

#include "lib/err.h"
#include "lib/buf.h"
#include "lib/hmap.h"
#include "core/master.h"
#include "data/db-lookup.h"

struct wms;
struct db;

/*
 * A location as a posting needs it is struct db_loc of data/db-lookup.h
 * (id, depot_id, kind, depot, path): the row itself, one definition.
 */

struct post_cost {
	int64_t	item, depot;
	int64_t	qty;		/* at the depot's real locations */
	int64_t	value;
	int64_t	avg_milli;	/* minor units per base unit, x1000 */
};

/*
 * A balance the posting touched: read once, changed in memory, written
 * once at commit.  A 10,000-line document costs one statement per line
 * (its movement) instead of three.
 */
struct post_bal {
	int64_t	loc, item, lot;
	int64_t	start;		/* as read from the database */
	int64_t	qty;		/* now */
};

/*
 * A string the event repeats on many lines (an item's code, a location's
 * path): one JSON value shared by them all, made once per posting; strmap
 * finds it by kind and id ('i' and an item id, 'l' and a location id).
 */
struct post_str {
	json_t	*s;
};

/* A serial number moved into stock: checked once the balances are written. */
struct post_serial {
	int64_t	item, lot, to;
	char	code[48];
	char	item_code[32];
};

struct post {
	struct wms	*w;
	struct db	*db;
	int64_t		 doc_id;
	char		 number[48];
	char		 type[4];
	char		 at[32];
	char		 today[11];
	int		 line;
	int		 first_line;	/* lines before this posting's */
	size_t		 nmoves;
	struct wms_buf	 moves;		/* the event's movements, encoded */
	json_t		*evm[2];	/* one movement, without and with a lot */
	struct post_str	*strs;
	size_t		 nstrs, capstrs;
	struct wms_imap	 strmap;
	struct post_cost *costs;
	size_t		 ncosts, capcosts;
	struct wms_imap	 costmap;
	struct post_bal	*bals;
	size_t		 nbals, capbals;
	struct wms_imap	 balmap;
	struct post_serial *serials;
	size_t		 nserials, capserials;
	/*
	 * A reversal: stock leaving a depot takes the value its original
	 * movement brought, within what the depot holds (post_move()).
	 */
	int		 reversal;
};

/* Values a movement carries when the caller knows them. */
#define POST_VALUE_AUTO	INT64_MIN

/*
 * Start: the write path's BEGIN IMMEDIATE (after checking WMS_PERM_POST,
 * which every role that may post, count or supervise has: the caller has
 * checked the document's own permission before) and a new document of
 * type (GRN, ISS, ...) at depot, numbered DEPOT-TYPE-YEAR-NNNNNN.  Optional header fields go in
 * hdr (a JSON object: supplier, ref, requester, reason, cost_centre_id,
 * dest_depot_id, reverses_id, location_prefix, status, returns_id);
 * post_begin takes its reference.
 */
int	post_begin(struct post *, struct wms *, const char *type,
	    int64_t depot_id, const char *depot_code, json_t *hdr,
	    struct wms_err *err);
/*
 * post_begin in two steps, for a caller that reads before it knows the
 * depot (wms_post: the locations of the document).  post_open checks perm
 * (or WMS_WRITE_NOBODY) and opens the write's BEGIN IMMEDIATE, so that
 * those reads see what the posting will change and cost no read
 * transaction of their own (its locks, about 5 us each: docs/architecture
 * .md).  post_doc then numbers and writes the document as post_begin does.
 * After post_open, a caller that gives up calls post_abort().
 */
int	post_open(struct post *, struct wms *, int perm, struct wms_err *err);
int	post_doc(struct post *, const char *type, int64_t depot_id,
	    const char *depot_code, json_t *hdr, struct wms_err *err);
/*
 * Attach to an existing document (a transfer being received, a count being
 * posted): the same BEGIN IMMEDIATE as post_begin.
 */
int	post_attach(struct post *, struct wms *, int64_t doc_id,
	    const char *number, struct wms_err *err);

/*
 * One movement of qty (> 0, base thousandths) of item/lot from a location
 * to a location.  Refuses to take a real or transit location below zero,
 * with the figures, and a serial number into stock twice.  Stock leaving a
 * depot carries its share of the depot's value; value is what stock from
 * outside brings in (minor units), or POST_VALUE_AUTO for the average of
 * the depot it arrives at.  *moved_value gets what was used.
 */
int	post_move(struct post *, const struct db_item *, int64_t lot_id,
	    const char *lot_code, const struct db_loc *from,
	    const struct db_loc *to, int64_t qty, int64_t value,
	    int64_t *moved_value, struct wms_err *err);

/*
 * Write the balances and the valuation, then commit through the write
 * path: the audit entry {"movements":N} and the event (event_extra, whose
 * reference it takes, with type, number, site, at, user and the
 * movements).  action names both ("receipt", "count.post").
 */
int	post_commit(struct post *, const char *action, json_t *event_extra,
	    struct wms_err *err);
/* ROLLBACK and free; safe after post_commit and on a zeroed struct. */
void	post_abort(struct post *);

/* Resolve a location path; WMS_ERR_NOTFOUND names it. */
int	post_loc_get(struct post *, const char *path, struct db_loc *,
	    struct wms_err *err);
int	post_loc_get_db(struct db *, const char *path, struct db_loc *,
	    struct wms_err *err);
/* The location with this id (of a ledger row); WMS_ERR_NOTFOUND names it. */
int	post_loc_by_id(struct db *, int64_t id, struct db_loc *,
	    struct wms_err *err);
/* The virtual location DEPOT/@SUFFIX of a depot. */
int	post_loc_virtual(struct db *, const char *depot_code,
	    const char *suffix, struct db_loc *, struct wms_err *err);
/* The stock of item/lot at a location now (inside or outside a posting). */
int64_t	post_balance(struct db *, int64_t loc, int64_t item, int64_t lot);

/*
 * Format "insufficient stock: LOC has 5 EA of P-100, 8 requested" and the
 * like; quantities in the item's base unit.
 */
int	post_refuse_stock(struct wms_err *err, const char *loc,
	    const struct db_item *it, const char *lot, int64_t have,
	    int64_t want);

#endif
