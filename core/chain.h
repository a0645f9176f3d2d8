/*
 * The audit chain covers content: the digests a write records in its
 * audit entry (a posting's document, movements and event; the rows of
 * master data and users it changed), and makhzan check's side of them
 * (the digests recomputed, the schema compared with the shipped one).
 */
#ifndef WMS_CHAIN_H
#define WMS_CHAIN_H

#include <stdint.h>

#include <jansson.h>

#include "lib/err.h"

struct wms;

/*
 * Add to detail (an audit entry's JSON object) the digests of this
 * write: "content" with the BLAKE2b-256 (hex) of the document doc (NULL:
 * none), of its movements lines lo..hi and of the outbox event seq (0:
 * none), whose payload is the text this transaction stored in the outbox
 * (digested as it is, not read back); "rows" with each row of master data
 * and users the write changed (marked by the triggers of migration 0008),
 * whose marks it clears.
 */
int	wms_chain_record(struct wms *, json_t *detail, const char *doc,
	    int64_t lo, int64_t hi, int64_t seq, const char *payload,
	    struct wms_err *err);

/*
 * makhzan check: recompute every digest of the chain and compare the
 * schema with the shipped one; fn gets one translated line per problem,
 * *bad counts them.  0, or a negative wms_rc when it could not read.
 */
int	wms_chain_verify(struct wms *, void (*fn)(const char *, void *),
	    void *arg, int *bad, struct wms_err *err);

#endif
