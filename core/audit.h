/* The audit chain (who did what, BLAKE2b-chained) and the outbox of events. */
#ifndef WMS_AUDIT_H
#define WMS_AUDIT_H

#include <stdint.h>

#include "lib/err.h"

struct wms;

/*
 * Append an audit entry for the logged-in user inside the caller's
 * transaction: hash = BLAKE2b-256(previous hash, seq, at, user, action, doc,
 * detail).  detail is a JSON text; doc may be NULL.
 */
int	wms_audit_add(struct wms *, const char *action, const char *doc,
	    const char *detail, struct wms_err *err);

/*
 * Walk the whole chain.  0 when every entry verifies; WMS_ERR_CORRUPT with a
 * message naming the first bad entry and what is wrong with it (edited,
 * missing, inserted, tail deleted).  *checked gets the number of entries.
 */
int	wms_audit_verify(struct wms *, int64_t *checked, struct wms_err *err);

/*
 * Append an event to the outbox inside the caller's transaction, with a
 * UUIDv7 id and the next per-site sequence number (gapless: kept in a
 * counter row), given in *seq.  payload is a JSON text.
 */
int	wms_outbox_add(struct wms *, const char *type, const char *payload,
	    int64_t *seq, struct wms_err *err);

/* A new UUIDv7 (time-ordered) in canonical text form. */
void	wms_uuid7(int64_t unix_ms, char out[37]);

#endif
