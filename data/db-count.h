/* Stock counts in the database: snapshot, entered quantities, posting. */
#ifndef DB_COUNT_H
#define DB_COUNT_H

#include <stddef.h>
#include <stdint.h>

#include "data/db.h"

/* A document as a count reads it (any type: the caller checks CNT). */
struct db_count_doc {
	int64_t	id;
	int64_t	depot_id;
	char	type[4];
	char	status[12];
	char	prefix[208];	/* the counted area; "" for another type */
	char	depot[32];	/* the depot's code */
};

/* The document numbered number: 1 and *d filled, or 0 when there is none. */
int	db_count_doc_get(struct db *, const char *number,
	    struct db_count_doc *d, struct wms_err *err);

/* The id of the depot code: 1 and *id, or 0 when there is none. */
int	db_count_depot_id(struct db *, const char *code, int64_t *id,
	    struct wms_err *err);

/* *n gets the number of real locations of depot at or under prefix. */
int	db_count_locations(struct db *, int64_t depot, const char *prefix,
	    int64_t *n, struct wms_err *err);

/*
 * The snapshot at start: a line, expected = the balance, for each balance
 * above zero at a real location of depot at or under prefix; *lines gets
 * how many.
 */
int	db_count_snapshot(struct db *, int64_t doc, int64_t depot,
	    const char *prefix, int *lines, struct wms_err *err);

/* A counted quantity as entered. */
struct db_count_entry {
	int64_t		 doc;
	int64_t		 loc, item, lot;	/* lot 0 for none */
	int64_t		 counted;
	int64_t		 book;		/* the balance at that moment */
	int64_t		 user;
	const char	*at;
};

/* Enter (or enter again) the line of e: status counted. */
int	db_count_enter(struct db *, const struct db_count_entry *e,
	    struct wms_err *err);

/*
 * Send a line back for recount (counted, book, user and time cleared):
 * 1, or 0 when the count has no such line.
 */
int	db_count_recount(struct db *, int64_t doc, int64_t loc, int64_t item,
	    int64_t lot, struct wms_err *err);

/* A line of a count as it is shown. */
struct db_count_line {
	const char	*location;
	const char	*item;
	const char	*name_ar;
	const char	*name_en;
	const char	*uom;
	const char	*lot;		/* NULL for none */
	const char	*status;	/* pending, counted, recount */
	const char	*counted_by;	/* NULL until counted */
	int64_t		 expected;
	int		 has_counted;	/* counted and book are set */
	int64_t		 counted;
	int64_t		 book;
	int64_t		 avg_milli;	/* the depot's average cost, or 0 */
};

/* Each line of count doc, by location, item and lot. */
int	db_count_line_each(struct db *, int64_t doc,
	    int (*fn)(const struct db_count_line *, void *), void *arg,
	    struct wms_err *err);

/* How far a count is. */
struct db_count_tally {
	int	lines;
	int	counted;
	int	pending;	/* pending or sent for recount */
};

/* Fill *t for count doc. */
int	db_count_tally(struct db *, int64_t doc, struct db_count_tally *t,
	    struct wms_err *err);

/* A counted line whose quantity differs from the book one. */
struct db_count_variance {
	int64_t	loc, item, lot;
	int64_t	counted, book;
	char	lot_code[48];	/* "" for none */
};

/*
 * The variances of count doc, by location, item and lot: *out is an array
 * of *n that the caller frees (read whole before the posting starts).
 */
int	db_count_variances(struct db *, int64_t doc,
	    struct db_count_variance **out, size_t *n, struct wms_err *err);

/* Set the status of count doc (open, posted). */
int	db_count_set_status(struct db *, int64_t doc, const char *status,
	    struct wms_err *err);

/* A count in the list of counts. */
struct db_count_summary {
	const char	*number;
	const char	*status;
	const char	*prefix;
	const char	*depot;
	int		 lines;
	int		 counted;
};

/* The counts, newest first: the open ones, or all; at most limit. */
int	db_count_list_each(struct db *, int all, int limit,
	    int (*fn)(const struct db_count_summary *, void *), void *arg,
	    struct wms_err *err);

#endif
