/*
 * Each document's movements with its last outbox event, for comparing a
 * depot with what the ministry's centre received from it (makhzan check
 * --against-central).
 */
#ifndef DB_DIGEST_H
#define DB_DIGEST_H

#include <stdint.h>

#include "data/db.h"

/* One movement of a document; item is NULL for a document without any. */
struct db_digest_move {
	const char	*number;	/* the document */
	int64_t		 last_seq;	/* its last outbox event; -1: none */
	const char	*item;
	const char	*lot;		/* "" when the item has none */
	const char	*from, *to;	/* location paths */
	int64_t		 qty;		/* thousandths of the base unit */
	int64_t		 value;		/* minor units */
};

/*
 * Call fn for every movement of every document, documents in number
 * order and each one's lines in order; a document without movements once,
 * with item NULL.  The strings are valid during the call only.  fn
 * returning non-zero stops.  0 or a negative wms_rc.
 */
int	db_digest_each(struct db *,
	    int (*fn)(const struct db_digest_move *, void *), void *arg,
	    struct wms_err *err);

#endif
