/* The relay's figures from the depot's database. */
#include <string.h>
#include <time.h>

#include "bus/status.h"
#include "core/wms.h"
#include "data/db-outbox.h"
#include "lib/time.h"

int
bus_status_read(struct wms *w, struct bus_status *st, struct wms_err *err)
{
	struct db_bus_state	 s;
	char			 since[32];
	time_t			 now = time(NULL), t;
	int			 rc;

	memset(st, 0, sizeof *st);
	wms_time_iso(now - 3600, 0, since);
	if ((rc = db_bus_state_get(wms_db(w), since, &s, err)) != 0)
		return rc;
	st->pending = s.pending;
	st->last_seq = s.last_seq;
	st->acked_seq = s.acked_seq;
	st->acked_last_hour = s.sent_since;
	if (s.oldest_pending_at[0] != '\0' &&
	    wms_time_parse(s.oldest_pending_at, &t) == 0 && t < now)
		st->oldest_pending_s = (int64_t)(now - t);
	memcpy(st->last_ack, s.last_ack, sizeof st->last_ack);
	memcpy(st->last_error, s.last_error, sizeof st->last_error);
	memcpy(st->last_error_at, s.last_error_at, sizeof st->last_error_at);
	memcpy(st->last_connect, s.last_connect, sizeof st->last_connect);
	return 0;
}
