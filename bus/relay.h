/*
 * The relay (makhzan sync): the outbox to NATS JetStream, in seq order,
 * signed, each event marked sent only when JetStream has acknowledged every
 * part of it.  A timeout is "unknown": the same ids go again, and JetStream
 * drops what it already has.  While the bus is down the relay backs off (1 s
 * doubling to 60 s, with jitter) and resumes by itself; the events wait in
 * the outbox meanwhile.
 */
#ifndef BUS_RELAY_H
#define BUS_RELAY_H

#include <signal.h>
#include <stdint.h>

#include "bus/nats.h"
#include "lib/err.h"

struct wms;

/* Defaults of struct bus_relay_conf's zero fields. */
/*
 * Events a round: published together, then awaited.  Four signature
 * windows: fewer waits between rounds, the same proofs (bench-bus, five
 * runs each under load: 27,000 events/s against 24,000 at 256).
 */
#define BUS_RELAY_WINDOW	1024
/* Messages under one signature (one Merkle tree): a round has one or more. */
#define BUS_RELAY_SIGN_WINDOW	256
#define BUS_RELAY_ACK_WAIT_MS	5000	/* for a round's acknowledgements */
#define BUS_RELAY_HEARTBEAT_S	60
#define BUS_RELAY_POLL_MS	200	/* looking for new events when idle */
#define BUS_RELAY_ONCE_WAIT_S	10	/* --once: the bus may fail this long */
#define BUS_RELAY_BACKOFF_MAX_S	60
#define BUS_RELAY_THREADS	4	/* at most, building messages */

struct bus_relay_conf {
	struct bus_nats_conf	 nats;
	const char		*key_path;	/* the site's signing key */
	int			 once;		/* drain, then return */
	int			 window;
	int			 ack_wait_ms;
	int			 heartbeat_s;	/* < 0: none */
	int			 poll_ms;
	int			 once_wait_s;
	/* Set (by a signal handler) to stop after the round in flight. */
	const volatile sig_atomic_t *stop;
	/*
	 * One line per change of state (connected, lost, error: what and
	 * why), never a secret; NULL for none.  Not called with --once,
	 * whose failure is its one error.
	 */
	void			(*log)(void *arg, const char *line);
	void			*log_arg;
};

struct bus_relay_stats {
	int64_t	events;		/* events acknowledged and marked sent */
	int64_t	messages;	/* messages published (parts, resends) */
	int64_t	heartbeats;
	int64_t	rounds_failed;
};

/*
 * Check what the relay needs before anything is sent: a server URL without
 * credentials in it (WMS_ERR_USAGE), the site's key, readable by its owner
 * only and of this database's site (bus_key_load's words, and what to do).
 */
int	bus_relay_check(struct wms *w, const struct bus_relay_conf *conf,
	    struct wms_err *err);

/*
 * Run the relay on w's database until *conf->stop is set (then after the
 * round in flight) or, with conf->once, until nothing waits.  0 when it
 * stopped as asked; with --once, WMS_ERR_IO when the bus could not be
 * reached or did not acknowledge within once_wait_s; WMS_ERR_DENIED when
 * the bus refuses the credentials; the checks of bus_relay_check.
 */
int	bus_relay_run(struct wms *w, const struct bus_relay_conf *conf,
	    struct bus_relay_stats *stats, struct wms_err *err);

#endif
