/*
 * Inside central/: one batch of messages from the stream into PostgreSQL,
 * in one transaction.  Each message is checked (envelope, subject, key,
 * signature) and either quarantined or kept as evidence; complete events
 * are then applied per site in sequence order under the site's cursor
 * lock.  The consumer acknowledges the batch only after this commits.
 */
#ifndef CENTRAL_APPLY_H
#define CENTRAL_APPLY_H

#include <stddef.h>
#include <stdint.h>

#include "lib/err.h"

struct central_pg;

/* What became of a message. */
enum central_outcome {
	CENTRAL_KEPT = 1,	/* evidence kept (applied now or waiting) */
	CENTRAL_DUPLICATE,	/* kept before: changes nothing */
	CENTRAL_HEARTBEAT,
	CENTRAL_QUARANTINED,
};

/* One message as fetched; the strings belong to the caller. */
struct central_msg {
	const char	*subject;
	const void	*body;
	size_t		 len;
	const char	*msg_id;	/* Nats-Msg-Id, or NULL */
	const char	*key_id;	/* Makhzan-Key, or NULL */
	const char	*sig;		/* Makhzan-Sig, or NULL */
	const char	*headers;	/* every header as "Name: value" lines */
	int64_t		 stream_seq;	/* 0 when unknown */
	enum central_outcome outcome;	/* set by central_apply_batch */
	char		 reason[600];	/* why it was quarantined */
};

/* Counts of a batch, added to. */
struct central_counts {
	int64_t	messages;
	int64_t	kept;
	int64_t	duplicates;
	int64_t	quarantined;
	int64_t	heartbeats;
	int64_t	applied;	/* events applied */
	int	more;		/* a site has more to apply than one batch */
};

/*
 * Check and keep n messages and apply what became applicable, in one
 * transaction (tried again on a deadlock).  0 when committed: every
 * message may then be acknowledged.  WMS_ERR_IO when PostgreSQL is gone
 * (nothing was kept: fetch again or retry the same batch).
 */
int	central_apply_batch(struct central_pg *, struct central_msg *msgs,
	    int n, struct central_counts *counts, struct wms_err *err);

/*
 * The same in two steps, so that the first can run while the previous
 * batch's transaction does: central_batch_read reads every message and
 * checks what needs no database (envelope, subject, and the signature
 * against the key last seen under its key id, when keys holds one);
 * central_batch_apply is the transaction, which looks the keys up again
 * (a key revoked meanwhile counts) and checks again any signature whose
 * key is not the one it was checked with.  msgs must outlive the batch.
 */
struct central_batch;
struct central_keys;

struct central_keys	*central_keys_new(void);
void	central_keys_free(struct central_keys *);
struct central_batch	*central_batch_read(struct central_msg *msgs, int n,
	    struct central_keys *keys);
int	central_batch_apply(struct central_pg *, struct central_batch *,
	    struct central_counts *counts, struct wms_err *err);
void	central_batch_free(struct central_batch *);

/*
 * Apply what waits and has become applicable at any site (a batch that
 * stopped at its limit, or events committed by another consumer while
 * this one held the lock): one transaction per site.
 */
int	central_apply_catchup(struct central_pg *, struct central_counts *,
	    struct wms_err *err);

#endif
