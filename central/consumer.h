/*
 * makhzan central: the ministry's consumer.  It reads the stream through
 * the durable pull consumer CENTRAL, keeps every verified event as
 * evidence in PostgreSQL, quarantines what does not verify, applies each
 * site's events once and in order, and acknowledges a batch only after
 * its transaction commits.  Any number of them may share the consumer.
 */
#ifndef CENTRAL_CONSUMER_H
#define CENTRAL_CONSUMER_H

#include <signal.h>

#include "bus/nats.h"
#include "lib/err.h"

struct central_run_opts {
	struct bus_nats_conf	 nats;
	const char		*conninfo;	/* "" for libpq's PG* */
	const char		*metrics;	/* ADDR:PORT, or NULL */
	int			 batch;		/* per fetch; 0: 256 */
	/* One line per change of state (never a secret), for stderr. */
	void			(*log)(const char *line, void *arg);
	void			*arg;
};

/*
 * Run until *stop is set (SIGTERM, SIGINT), finishing the batch in hand.
 * What stops it at the start (no PostgreSQL, no schema, no bus, no
 * consumer CENTRAL, the metrics address) is an error; afterwards a lost
 * server is waited for and its return logged.  0 after a stop.
 */
int	central_consume(const struct central_run_opts *,
	    const volatile sig_atomic_t *stop, struct wms_err *err);

#endif
