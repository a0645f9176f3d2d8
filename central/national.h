/*
 * The nation's movements from the centre's tables: the stock card of an
 * item across every depot of the ministry, and what is in transit, within
 * a site and between sites (makhzan --central CONNINFO ledger, transfer
 * list --pending).
 */
#ifndef CENTRAL_NATIONAL_H
#define CENTRAL_NATIONAL_H

#include <stdint.h>

#include "lib/err.h"

struct central_pg;
struct report;

/*
 * The stock card of item (its code or a barcode) with the depot's
 * ledger's columns and site first: in and out of the real locations of
 * site and depot (either may be NULL), with the running balance.
 * WMS_ERR_NOTFOUND when the centre knows no such item.
 */
int	central_ledger_report(struct central_pg *, const char *item,
	    const char *site, const char *depot, struct report **out,
	    struct wms_err *err);

/*
 * A row per transfer, item and lot still in transit, with the columns of
 * a depot's transfer list --pending and the sites: shipped less received
 * at either site.  site and depot (either may be NULL) keep the transfers
 * that leave or go to them.  local: the shipment's time in local time,
 * for a table (as a depot's list), else as stored (UTC).
 */
int	central_pending_report(struct central_pg *, const char *site,
	    const char *depot, int local, struct report **out,
	    struct wms_err *err);

/*
 * makhzan central check: per transfer, item and lot (serials are lots),
 * shipped = received + in transit, between sites and within one; every
 * item sums to zero at each site and nationally; every balance is the
 * sum of its movements.  found is called with one line per problem;
 * transfers and items say how many were looked at.
 */
int	central_national_check(struct central_pg *,
	    void (*found)(const char *line, void *), void *arg,
	    int64_t *transfers, int64_t *items, struct wms_err *err);

#endif
