/*
 * The restore guard: before the relay sends anything, the bus is asked for
 * the last event of this site it holds, and the outbox must agree with it.
 * A depot restored from an older backup would otherwise give sequence
 * numbers the centre has already applied to other events (docs/backup.md,
 * docs/bus.md).
 */
#ifndef BUS_GUARD_H
#define BUS_GUARD_H

#include <stdint.h>

#include <nats/nats.h>

#include "bus/nats.h"
#include "lib/err.h"

struct wms;

#define BUS_STREAM	"MAKHZAN_EVENTS"	/* as makhzan central setup makes it */

/* What the bus holds of a site, and what the depot holds of it. */
struct bus_guard {
	int64_t	bus_seq;	/* the last event of the site in the stream; 0: none */
	char	bus_id[40];
	int64_t	last_seq;	/* the outbox's last seq */
	int64_t	restored_seq;	/* where the restored outbox ended; 0: no restore waits */
	char	restored_at[32];
};

/*
 * The last event of site that the stream holds (heartbeats aside): its
 * seq and id, 0 and "" when none (or no stream).  WMS_ERR_IO (or another
 * wms_rc) saying why it could not ask.
 */
int	bus_last_event(jsCtx *js, const char *site, int64_t *seq, char id[40],
	    struct wms_err *err);

/*
 * Compare the outbox of w with what js holds of its site.  0 when they
 * agree (a restore mark is then cleared); WMS_ERR_CONFLICT, with the line
 * that says what to do, when the outbox would reuse numbers the bus holds;
 * another wms_rc when the bus cannot be asked and a restore waits to be
 * checked (without one, a bus that cannot be asked is no refusal: *asked
 * is then 0).  g is filled as far as it got.
 */
int	bus_guard_check(struct wms *w, jsCtx *js, struct bus_guard *g,
	    int *asked, struct wms_err *err);

/*
 * makhzan sync renumber: after a restore, ask the bus for the site's last
 * event S and, as one audited write (admin), move the events written since
 * the restore (after the backup's last event R) to S+1..., recording R+1..S
 * as numbers the bus already holds.  *moved: how many moved.
 */
int	bus_renumber(struct wms *w, const struct bus_nats_conf *nc,
	    struct bus_guard *g, int64_t *moved, struct wms_err *err);

#endif
