/*
 * The nation's movements from the centre's tables: the stock card of an
 * item across every depot of the ministry, and what is in transit, within
 * a site and between sites (makhzan --central CONNINFO ledger, transfer
 * list --pending).
 */
#ifndef CENTRAL_NATIONAL_H
#define CENTRAL_NATIONAL_H

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
 * that leave or go to them.
 */
int	central_pending_report(struct central_pg *, const char *site,
	    const char *depot, struct report **out, struct wms_err *err);

#endif
