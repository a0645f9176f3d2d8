/*
 * Transfers between sites at a depot database: the site of a depot, the
 * location that stands for another site (@SITE/<site>), and the inbound
 * messages from the centre applied here (table inbound_applied).
 */
#ifndef DB_INBOUND_H
#define DB_INBOUND_H

#include <stddef.h>
#include <stdint.h>

#include "data/db.h"

/*
 * The site of the depot with this code into site ("" for this site's
 * own): 1, or 0 when there is no such depot.
 */
int	db_inb_depot_site(struct db *, const char *code, char *site, size_t n,
	    struct wms_err *err);
/* 1 when the inbound message with this event id was applied here. */
int	db_inb_seen(struct db *, const char *event_id, struct wms_err *err);
/* Record the message as applied (in the transaction that applies it). */
int	db_inb_add(struct db *, const char *event_id, const char *kind,
	    const char *site, const char *number, const char *at,
	    struct wms_err *err);
/*
 * What the other site received of item and lot (0: none) of the shipping
 * site's transfer doc, by the receipt event_id that came back (table
 * inbound_received, in the transaction that applies the receipt); and the
 * sum of it so far, base thousandths.
 */
int	db_inb_received_add(struct db *, const char *event_id, int64_t doc,
	    int64_t item, int64_t lot, int64_t qty, struct wms_err *err);
int	db_inb_received_sum(struct db *, int64_t doc, int64_t item,
	    int64_t lot, int64_t *qty, struct wms_err *err);

/*
 * The inbound consumer's state for sync status (table inbound_state,
 * outside the audit chain): a message that waits, to be delivered again
 * (msg in words, since the first time, kept while it waits); done with a
 * message (applied, seen before): nothing waits; a message refused.
 */
int	db_inb_waiting(struct db *, const char *msg, const char *at,
	    struct wms_err *err);
int	db_inb_done(struct db *, struct wms_err *err);
int	db_inb_refused(struct db *, const char *msg, const char *at,
	    struct wms_err *err);

/* What sync status says of the messages from other sites. */
struct db_inb_status {
	int64_t	shipments;	/* shipments from other sites applied */
	int64_t	receipts;	/* their receipts of ours applied */
	int64_t	in_transit;	/* of those shipments, still in transit */
	int64_t	refused;	/* messages refused, ever */
	char	last_applied[32];	/* stored UTC time, "" when never */
	char	waiting[512];		/* "" when nothing waits */
	char	waiting_since[32];
	char	last_refused[512];	/* "" when none */
	char	last_refused_at[32];
};

int	db_inb_status(struct db *, struct db_inb_status *,
	    struct wms_err *err);

#endif
