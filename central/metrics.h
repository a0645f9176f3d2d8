/*
 * The centre's indicators for the ministry's monitoring: Prometheus text
 * on http://ADDR:PORT/metrics (libmicrohttpd), the figures of makhzan
 * central status per site and this process's own counters.
 */
#ifndef CENTRAL_METRICS_H
#define CENTRAL_METRICS_H

#include <stdatomic.h>

#include "lib/buf.h"
#include "lib/err.h"

struct central_pg;

/* What the consumer counts while it runs, read by the metrics thread. */
struct central_live {
	atomic_llong	messages;
	atomic_llong	kept;
	atomic_llong	duplicates;
	atomic_llong	quarantined;
	atomic_llong	heartbeats;
	atomic_llong	applied;
	atomic_llong	batches;
	atomic_llong	last_batch;	/* unix seconds, 0: none yet */
	atomic_int	nats_up;
	atomic_int	pg_up;
};

struct central_metrics;

/*
 * Serve the metrics on addr ("127.0.0.1:9464", "[::1]:9464" or ":9464"
 * for every address) from a thread of its own, with its own connection to
 * conninfo.  WMS_ERR_USAGE for an address that is not one, WMS_ERR_IO when
 * it cannot be listened on.
 */
int	central_metrics_start(const char *addr, const char *conninfo,
	    struct central_live *live, struct central_metrics **out,
	    struct wms_err *err);
void	central_metrics_stop(struct central_metrics *);

/* 1 when addr is an ADDR:PORT central_metrics_start can listen on. */
int	central_metrics_addr_ok(const char *addr);

/*
 * The text served: pg may be NULL (or down), and then only this process's
 * figures are given, with makhzan_central_pg_up 0.  Returns that figure.
 */
int	central_metrics_text(struct central_pg *pg,
	    const struct central_live *live, struct wms_buf *out);

#endif
