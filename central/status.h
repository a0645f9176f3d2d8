/*
 * The bus's indicators at the centre, per site: events applied, the last
 * sequence applied, the lag in events and in seconds, the last heartbeat,
 * the gaps, what was quarantined, events per minute; and the quarantine.
 */
#ifndef CENTRAL_STATUS_H
#define CENTRAL_STATUS_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "lib/err.h"

struct central_pg;
struct report;

struct central_site_status {
	char	 site[48];
	int	 revoked;
	int64_t	 applied;	/* events applied, ever */
	int64_t	 last_seq;	/* every event up to it is applied */
	int64_t	 lag_events;	/* known to exist and not applied */
	int64_t	 lag_s;		/* age of the oldest of those; 0 without */
	char	 last_heartbeat[32];	/* "" when none came */
	int64_t	 quarantined;
	int64_t	 applied_hour;	/* applied in the last hour */
	int64_t	(*gaps)[2];	/* missing sequences, [from, to] */
	size_t	 ngaps;
};

/*
 * The status of every registered site, or of one (site not NULL), into
 * *out (free with central_status_free).  The lag in events is the greater
 * of what the site's last heartbeat and what was received say exists
 * beyond the last applied; the lag in seconds the age of the oldest of
 * them (from received events, or from the heartbeat's oldest pending).
 */
int	central_status(struct central_pg *, const char *site,
	    struct central_site_status **out, size_t *n, struct wms_err *err);
void	central_status_free(struct central_site_status *, size_t n);

/* Events per minute over the last hour, in hundredths. */
int64_t	central_per_min_x100(const struct central_site_status *);

/*
 * The JSON of makhzan central status --format json: an array of objects
 * with site, applied, last_seq, lag_events, lag_s, last_heartbeat (ISO or
 * null), gaps ([[from, to], ...]), quarantined, events_per_min.
 */
json_t	*central_status_json(const struct central_site_status *, size_t n);

/* The same as a table of words. */
struct report *central_status_report(const struct central_site_status *,
	    size_t n);

/* What was quarantined and why, oldest first; of one site or all. */
int	central_quarantine_report(struct central_pg *, const char *site,
	    struct report **out, struct wms_err *err);

#endif
