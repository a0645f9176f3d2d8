/*
 * Transfers between sites (docs/catalogue.md): a shipment to a depot of
 * another site goes to the location that stands for that site at this one
 * (@SITE/<site>, kind 'site'); an inbound shipment from the centre becomes
 * a document in transit here, applied once.
 */
#ifndef WMS_TRANSFER_SITE_H
#define WMS_TRANSFER_SITE_H

#include <jansson.h>

#include "lib/err.h"
#include "data/db-ledger.h"
#include "data/db-lookup.h"

struct wms;

/*
 * 1 with its site in site (n bytes) when the depot with this code is of
 * another site, 0 when it is this site's own (or unknown: the caller's
 * lookup names that), or a negative wms_rc.
 */
int	wms_depot_foreign(struct wms *, const char *depot, char *site,
	    size_t n, struct wms_err *err);
/*
 * The location @SITE/<site>, made when missing: inside the caller's write
 * transaction.
 */
int	wms_site_loc(struct wms *, const char *site, struct db_loc *,
	    struct wms_err *err);

/*
 * What a transfer to another site still has in transit, in place: left
 * (n entries, what the document sent to @SITE/<site>, from
 * db_transit_left) less what the other site's receipts that came back
 * received of each item and lot; entries with nothing left are dropped.
 */
int	wms_site_left(struct wms *, int64_t doc, struct db_move *left,
	    size_t *n, struct wms_err *err);

/*
 * Apply an inbound transfer.ship forwarded by the centre (the envelope's
 * payload, already verified): in one transaction with an audit entry, a
 * document with the shipping site's number, in transit, whose movements
 * go from @SITE/<from site> to <to depot>/@TRANSIT.  event_id is the
 * message's id: a message applied before is not applied again (*applied
 * is 0 then, 1 when applied now).
 */
int	wms_inbound_apply(struct wms *, const char *event_id,
	    const json_t *payload, int *applied, struct wms_err *err);

/*
 * Apply a receipt at the other site of a shipment made here, forwarded
 * back by the centre: its lines (item, lot or serial, quantity) are
 * recorded against the document (what is still in transit is what is
 * left of them), and once the other site has received all of it the
 * document is received here too; the stock does not move again (it left
 * at the shipment).  A line of an item or lot the transfer did not ship,
 * or more than is left of it, refuses the message.  Applied once, as
 * above.
 */
int	wms_inbound_receipt(struct wms *, const char *event_id,
	    const json_t *payload, int *applied, struct wms_err *err);

#endif
