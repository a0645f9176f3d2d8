/*
 * The relay's figures at a depot, from its database alone (they hold when
 * makhzan sync is not running): what waits in the outbox, since when, the
 * last acknowledgement, the rate, the last error.  makhzan sync status, the
 * relay's heartbeat and the terminal UI's home screen read them here.
 */
#ifndef BUS_STATUS_H
#define BUS_STATUS_H

#include <stdint.h>

#include "lib/err.h"

struct wms;

struct bus_status {
	int64_t	pending;		/* events not yet acknowledged */
	int64_t	oldest_pending_s;	/* age of the oldest of them; 0 */
	int64_t	last_seq;		/* the last event written */
	int64_t	acked_seq;		/* every event up to it acknowledged */
	int64_t	acked_last_hour;	/* events acknowledged in the last hour */
	char	last_ack[32];		/* stored UTC time, "" when never */
	char	last_error[256];	/* "" when none */
	char	last_error_at[32];
	char	last_connect[32];
};

/* Events acknowledged per minute over the last hour, in hundredths. */
#define BUS_STATUS_RATE_X100(st)	(((st)->acked_last_hour * 100 + 30) / 60)

/* Fill *st from w's database (now as the clock's real time). */
int	bus_status_read(struct wms *w, struct bus_status *st,
	    struct wms_err *err);

#endif
