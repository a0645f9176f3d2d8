/*
 * The sites registered at the centre and the Ed25519 keys they sign with:
 * an event is applied only when its key is registered, not revoked, and
 * belongs to the envelope's site.
 */
#ifndef CENTRAL_SITES_H
#define CENTRAL_SITES_H

#include "lib/err.h"

struct central_pg;
struct report;

/* What central_site_add did. */
struct central_site_added {
	char	key_id[17];
	int	site_created;	/* the site was new */
	int	reinstated;	/* the site had been revoked */
	int	already;	/* the key was registered for it already */
};

/* 1 when code can be a site on the bus: letters, digits, - and _. */
int	central_site_code_ok(const char *code);

/*
 * Register pubkey (base64, as makhzan bus key prints it) for site, adding
 * the site when it is new.  A key already registered for the same site is
 * no error (already); for another site, or revoked, it is refused.  Adding
 * a key to a revoked site reinstates the site (its old keys stay revoked).
 */
int	central_site_add(struct central_pg *, const char *site,
	    const char *pubkey, struct central_site_added *out,
	    struct wms_err *err);

/*
 * Revoke site and every key of it (key_id NULL), or one key of it: its
 * events are quarantined from then on.  *keys gets the number of keys
 * revoked now; *already is set when there was nothing left to revoke.
 * WMS_ERR_NOTFOUND for a site or key not registered.
 */
int	central_site_revoke(struct central_pg *, const char *site,
	    const char *key_id, int *keys, int *already,
	    struct wms_err *err);

/* The sites and their keys, one row per key (site, key_id, public_key,
 * added, revoked). */
int	central_sites_report(struct central_pg *, struct report **out,
	    struct wms_err *err);

#endif
