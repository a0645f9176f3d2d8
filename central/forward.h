/*
 * Transfers between sites, the centre's first step: every shipment applied
 * at the centre whose destination depot belongs to another site (by the
 * national catalogue's cat_depot.site) is forwarded to that site, signed
 * by the centre, on the stream MAKHZAN_INBOUND, subject
 * makhzan.<SITE>.inbound.transfer.ship; and every receipt of it at that
 * site (its copy is a transfer.inbound document) back to the shipping
 * site, on makhzan.<SITE>.inbound.transfer.receive.  makhzan sync at the
 * site applies them (bus/inbound.c, docs/catalogue.md).
 */
#ifndef CENTRAL_FORWARD_H
#define CENTRAL_FORWARD_H

#include "bus/nats.h"
#include "lib/err.h"

#define CENTRAL_INBOUND_STREAM		"MAKHZAN_INBOUND"
#define CENTRAL_INBOUND_SUBJECTS	"makhzan.*.inbound.>"

struct central_pg;

/*
 * Forward the shipments not forwarded yet, in the order the centre applied
 * them, with the centre's key at key_path; the stream is made when missing
 * (replicas).  *n gets how many went.
 */
int	central_forward(struct central_pg *, const struct bus_nats_conf *,
	    const char *key_path, int replicas, int *n, struct wms_err *err);

#endif
