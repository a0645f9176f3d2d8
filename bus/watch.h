/*
 * What the bus's watching loops share (the catalogue's watcher in
 * bus/catalogue.c, the inbound consumer in bus/inbound.c): their
 * configuration, the centre's key, a connection kept up with a backoff,
 * a monotonic clock, a sleep that wakes on a stop flag, dropping a
 * subscription with its connection, and logging a change of state once.
 */
#ifndef BUS_WATCH_H
#define BUS_WATCH_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#include <nats/nats.h>

#include "bus/nats.h"
#include "bus/sign.h"
#include "lib/err.h"

struct bus_conn;

/* How a watching loop runs (makhzan sync fills it from makhzan.ini). */
struct bus_watch_conf {
	struct bus_nats_conf	 nats;
	const char		*centre_key;	/* base64, [bus] centre_key */
	int			 once;		/* catch up, then return */
	int			 once_wait_s;	/* the bus may fail this long */
	const volatile sig_atomic_t *stop;
	/* One line per change of state, never a secret; NULL for none. */
	void			(*log)(void *arg, const char *line);
	void			*log_arg;
};

/* A watching loop's state between rounds. */
struct bus_watch {
	const struct bus_watch_conf *conf;
	struct bus_nats_conf	 nc;		/* conf's, reconnecting itself */
	unsigned char		 pk[BUS_PK_BYTES];	/* the centre's key */
	struct bus_conn		*bus;
	natsSubscription	*sub;
	int64_t			 start;		/* bus_now_ms() at the start */
	int64_t			 wait_ms;	/* once: how long the bus may fail */
	int			 backoff;	/* ms before connecting again */
	char			 down[512];	/* said when the bus does not answer */
	char			 last[512];	/* the last line logged */
};

/*
 * Start wt for conf: the connection named name, the centre's key parsed
 * (no_key is the usage error when conf has none).  down, when not NULL,
 * replaces bus_connect's message when the bus does not answer (it is
 * kept as given: translate and format it first).
 */
int	bus_watch_init(struct bus_watch *wt, const struct bus_watch_conf *conf,
	    const char *name, const char *no_key, const char *down,
	    struct wms_err *err);
/* Log a line through conf->log, unless it says the last state again. */
void	bus_watch_log(struct bus_watch *wt, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

enum {
	BUS_WATCH_UP = 0,	/* the connection was up */
	BUS_WATCH_NEW = 1,	/* connected just now */
	BUS_WATCH_AGAIN = 2	/* not connected: waited, go round again */
};
/*
 * Keep wt's connection up: BUS_WATCH_UP or _NEW when it is, _AGAIN after
 * logging the failure and waiting the backoff (doubled, up to 30 s), or
 * the rc to end with (a usage or permission error; with once, the bus
 * failing for longer than once_wait_s).
 */
int	bus_watch_connect(struct bus_watch *wt, struct wms_err *err);
/*
 * After a failure said in err: log it and drop the connection; 1 with
 * once (the loop ends with the failure), else 0 after waiting the backoff.
 */
int	bus_watch_retry(struct bus_watch *wt, const struct wms_err *err);
/* Drop the subscription and the connection. */
void	bus_watch_fini(struct bus_watch *wt);

/* Milliseconds of a monotonic clock. */
int64_t	bus_now_ms(void);
/* Sleep ms, waking every 100 ms to look at *stop (may be NULL). */
void	bus_sleep_watch(const volatile sig_atomic_t *stop, int ms);
/* Destroy *sub and close *bus, each when there, and clear them. */
void	bus_sub_drop(natsSubscription **sub, struct bus_conn **bus);
/*
 * 1 when line is what last (n bytes) holds: the same state said again,
 * to keep quiet; else 0, and last holds line from now on.
 */
int	bus_said_again(char *last, size_t n, const char *line);

#endif
