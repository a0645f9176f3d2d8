/*
 * Transfers between sites at a depot (docs/catalogue.md): the shipments
 * the centre forwards to this site on the stream MAKHZAN_INBOUND, subject
 * makhzan.<SITE>.inbound.<type>, signed with the centre's key.  A durable
 * consumer per site takes them in order; each is verified, applied once
 * (core/transfer-site.h) and acknowledged only after its COMMIT.
 */
#ifndef BUS_INBOUND_H
#define BUS_INBOUND_H

#include <signal.h>
#include <stdint.h>

#include "bus/nats.h"
#include "bus/watch.h"
#include "lib/err.h"

#define BUS_INB_STREAM		"MAKHZAN_INBOUND"
/* The durable consumer of a site: makhzan-inbound-<SITE>. */
#define BUS_INB_DURABLE		"makhzan-inbound-"

struct wms;

struct bus_inb_stats {
	int64_t	applied;	/* shipments applied now */
	int64_t	again;		/* seen again, applied before: acknowledged */
	int64_t	refused;	/* did not verify or apply: terminated */
	char	last_refused[512];	/* the last refusal, in words */
};

/*
 * Take this site's inbound messages until *stop or, with once, until none
 * waits.  A message whose signature, envelope or content is bad is
 * refused: named in the log (and in stats), and not delivered again.  A
 * message that cannot be applied yet (the catalogue behind, the database
 * busy) is delivered again later.  No stream yet is no error: nothing was
 * forwarded.
 */
int	bus_inbound_run(struct wms *w, const struct bus_watch_conf *conf,
	    struct bus_inb_stats *stats, struct wms_err *err);

#endif
