/*
 * The catalogue on the bus (docs/catalogue.md): the centre's JetStream
 * key-value bucket MAKHZAN_CATALOGUE, one key per item, depot and cost
 * centre (item.P-100, depot.HMS, cc.MAINT), each value the whole record as
 * a signed envelope; and the depot's side, which applies the bucket's
 * changes in revision order and takes up after an outage from the next
 * revision it has not applied.
 */
#ifndef BUS_CATALOGUE_H
#define BUS_CATALOGUE_H

#include <signal.h>
#include <stdint.h>

#include <jansson.h>

#include "bus/nats.h"
#include "bus/sign.h"
#include "bus/watch.h"
#include "lib/buf.h"
#include "lib/err.h"

#define BUS_CAT_BUCKET		"MAKHZAN_CATALOGUE"
/* The bucket is a stream underneath, a subject per key. */
#define BUS_CAT_STREAM		"KV_MAKHZAN_CATALOGUE"
#define BUS_CAT_PREFIX		"$KV.MAKHZAN_CATALOGUE."
/* The envelope of a value: the centre's "site" and the type. */
#define BUS_CAT_SITE		"CENTRE"
#define BUS_CAT_SITE_TEXT	BUS_CAT_SITE
#define BUS_CAT_TYPE		"catalogue"
/* The first line of a value: magic, key id, signature of the rest. */
#define BUS_CAT_MAGIC		"makhzan-catalogue-v1"
/* Values kept per key (the bucket's history, JetStream's maximum). */
#define BUS_CAT_HISTORY		64

/*
 * The value of key: the line "makhzan-catalogue-v1 KEYID SIG\n" and the
 * envelope (v1, site CENTRE, type catalogue, seq the centre's change
 * number, payload {"key": key, "value": record}) signed by k.  The
 * record's JSON text is value_json.  Into out (appended).
 */
int	bus_cat_value_build(const struct bus_key *k, const char *id,
	    int64_t seq, const char *at, const char *user, const char *key,
	    const char *value_json, struct wms_buf *out, struct wms_err *err);

/* What a verified value says. */
struct bus_cat_value {
	json_t	*record;	/* the caller decrefs */
	int64_t	 seq;
	char	 by[64];
	char	 at[32];
};

/*
 * Verify the n bytes of a value read under key against the centre's
 * public key pk: its signature, its envelope and that it is the value of
 * this key (a value signed for one key does not apply under another).
 * WMS_ERR_CORRUPT or WMS_ERR_INVALID saying what is wrong.
 */
int	bus_cat_value_read(const unsigned char pk[BUS_PK_BYTES],
	    const char *key, const void *data, size_t n,
	    struct bus_cat_value *out, struct wms_err *err);

struct wms;

struct bus_cat_stats {
	int64_t	applied;	/* changes applied */
	int64_t	revision;	/* the revision reached */
};

/*
 * Apply the bucket's changes after the revision w's database has reached,
 * in order, each in its own transaction (wms_catalogue_apply), until *stop
 * or, with once, until the revision the bucket had when it was first
 * reached.  A change that does not verify or apply stops the catalogue at
 * that revision, recorded as its last error (once: returned); the daemon
 * tries it again a minute later.  A bucket not made yet is no error:
 * nothing was published.
 */
int	bus_catalogue_run(struct wms *w, const struct bus_watch_conf *conf,
	    struct bus_cat_stats *stats, struct wms_err *err);

#endif
