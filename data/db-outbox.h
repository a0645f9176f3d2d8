/*
 * The outbox as the bus relay (bus/relay.c) reads and marks it, and the
 * relay's state row (bus_state): what makhzan sync and sync status need.
 */
#ifndef DB_OUTBOX_H
#define DB_OUTBOX_H

#include <stddef.h>
#include <stdint.h>

#include "data/db.h"

/* One event waiting in the outbox. */
struct db_outbox_row {
	int64_t	 seq;
	char	 event_id[40];
	char	 type[64];
	char	 created_at[32];
	char	 user[72];		/* the payload's "user", or "" */
	char	*payload;		/* JSON text, owned */
};

void	db_outbox_row_fini(struct db_outbox_row *);

/*
 * Up to max events not yet sent with seq > after, in seq order, into
 * rows[0..*n); the caller finishes each with db_outbox_row_fini.
 */
int	db_outbox_pending(struct db *, int64_t after, int max,
	    struct db_outbox_row *rows, int *n, struct wms_err *err);

/*
 * In one transaction: the events with after < seq <= upto are sent (at
 * `at`: one bus_sent row for the range, the outbox rows are not
 * rewritten), bus_state.acked_seq becomes upto, last_ack `at`, and
 * last_error is cleared.  Transport state: no audit entry, no event.
 */
int	db_outbox_mark_sent(struct db *, int64_t after, int64_t upto,
	    const char *at, struct wms_err *err);

/* Record what stopped the relay (at `at`); NULL clears it. */
int	db_bus_error_set(struct db *, const char *error, const char *at,
	    struct wms_err *err);

/* Record that the relay reached the bus at `at`. */
int	db_bus_connected(struct db *, const char *at, struct wms_err *err);

/* The relay's figures, read from the database alone. */
struct db_bus_state {
	int64_t	acked_seq;	/* every event up to it is acknowledged */
	int64_t	last_seq;	/* the last event written */
	int64_t	pending;	/* events not yet acknowledged */
	int64_t	sent_since;	/* acknowledged at or after `since` */
	char	oldest_pending_at[32];	/* "" when none waits */
	char	last_ack[32];		/* "" when never */
	char	last_error[256];	/* "" when none */
	char	last_error_at[32];
	char	last_connect[32];
	int64_t	restored_seq;	/* 0: no restore waits to be checked */
	char	restored_at[32];
};

/*
 * Fill *st; since (a stored time) is where sent_since starts counting, or
 * NULL for 0.
 */
int	db_bus_state_get(struct db *, const char *since,
	    struct db_bus_state *st, struct wms_err *err);
/*
 * The same without pending, oldest_pending_at and sent_since (left 0),
 * whose count reads every pending row: for the relay's start and its
 * restore guard, which need only the state row and the last seq.
 */
int	db_bus_state_head(struct db *, struct db_bus_state *st,
	    struct wms_err *err);

/*
 * SQLite's data_version of this connection: it changes when another
 * connection commits, so a poll can tell that new events may be there.
 */
int	db_outbox_data_version(struct db *, int64_t *v, struct wms_err *err);

/*
 * The relay's own connection: commits without waiting for the disk
 * (synchronous=NORMAL in WAL mode).  A mark lost to a power cut only sends
 * its events again, with the same ids, which the bus drops as duplicates.
 */
int	db_outbox_relaxed(struct db *, struct wms_err *err);

/*
 * The restore guard (docs/backup.md).  Mark: the database was just
 * restored; its outbox ends at the counter's value (in the restore's write
 * transaction).  Clear: the bus agrees with it (transport state).
 */
int	db_bus_restore_mark(struct db *, const char *at, struct wms_err *err);
int	db_bus_restore_clear(struct db *, struct wms_err *err);

/* The event id at seq into id ("" when there is none): 1, 0, or < 0. */
int	db_outbox_event_id(struct db *, int64_t seq, char id[40],
	    struct wms_err *err);

/*
 * Inside a write transaction: the events after `after` (written since the
 * restore, none of them sent) move to after `to`, seqs after+1..to become
 * rows that never travel (type bus.skipped, state sent, without sent_at;
 * the one at `to` with bus_id, the id the bus holds under that number)
 * so that the outbox stays gapless, the counter moves on by to - after, and
 * the restore mark is cleared.  WMS_ERR_CONFLICT if an event after `after`
 * has left the database.
 */
int	db_outbox_renumber(struct db *, int64_t after, int64_t to,
	    const char *bus_id, const char *subject, const char *restored_at,
	    const char *at, struct wms_err *err);

#endif
