/* The restore guard: the outbox against what the bus holds of this site. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bus/envelope.h"
#include "bus/guard.h"
#include "core/wms.h"
#include "core/write.h"
#include "data/db-outbox.h"
#include "lib/i18n.h"
#include "lib/json.h"

/* A subject of the site's events, not its heartbeats. */
static int
guard_event_subject(const char *subject)
{
	const char	*hb = ".heartbeat";
	size_t		 n = strlen(subject), k = strlen(hb);

	return !(n >= k && strcmp(subject + n - k, hb) == 0);
}

int
bus_last_event(jsCtx *js, const char *site, int64_t *seq, char id[40],
    struct wms_err *err)
{
	struct bus_envelope	 e;
	struct wms_err		 ignored;
	jsStreamInfo		*si = NULL;
	jsOptions		 o;
	jsErrCode		 jerr = 0;
	natsMsg			*m;
	natsStatus		 s;
	char			 filter[128];
	int			 i;

	*seq = 0;
	id[0] = '\0';
	snprintf(filter, sizeof filter, "makhzan.%s.events.>", site);
	jsOptions_Init(&o);
	o.Wait = 5000;
	o.Stream.Info.SubjectsFilter = filter;
	s = js_GetStreamInfo(&si, js, BUS_STREAM, &o, &jerr);
	/* No stream: the bus holds nothing (and publishing will say so). */
	if (s == NATS_NOT_FOUND || jerr == JSStreamNotFoundErr)
		return 0;
	if (s != NATS_OK)
		return bus_nats_fail(s, jerr, _("asking the bus for this "
		    "site's last event"), err);
	/*
	 * The stream keeps the last message of every subject: the site's
	 * last event is the one of them with the highest seq.
	 */
	for (i = 0; si->State.Subjects != NULL &&
	    i < si->State.Subjects->Count; i++) {
		const char *subj = si->State.Subjects->List[i].Subject;

		if (!guard_event_subject(subj))
			continue;
		m = NULL;
		jerr = 0;
		s = js_GetLastMsg(&m, js, BUS_STREAM, subj, &o, &jerr);
		if (s == NATS_NOT_FOUND)
			continue;
		if (s != NATS_OK) {
			jsStreamInfo_Destroy(si);
			return bus_nats_fail(s, jerr, _("asking the bus for "
			    "this site's last event"), err);
		}
		if (bus_envelope_parse(natsMsg_GetData(m),
		    (size_t)natsMsg_GetDataLength(m), &e, &ignored) == 0) {
			if (strcmp(e.site, site) == 0 && e.seq > *seq) {
				*seq = e.seq;
				snprintf(id, 40, "%s", e.id);
			}
			bus_envelope_fini(&e);
		}
		natsMsg_Destroy(m);
	}
	jsStreamInfo_Destroy(si);
	return 0;
}

/* The refusal, in words: what the bus holds, what this outbox is, what to do. */
static int
guard_refuse(const struct bus_guard *g, const char *site, const char *here,
    struct wms_err *err)
{
	if (g->restored_seq == 0)
		return wms_err_set(err, WMS_ERR_CONFLICT,
		    _("the bus holds site %s's events up to %lld (the last "
		    "is %s), and here %s: this database is older than what "
		    "the site sent, and its events would take numbers the "
		    "centre has already applied. Nothing was sent. If it came "
		    "from a backup, restore that backup with makhzan restore, "
		    "then run makhzan sync renumber"), site,
		    (long long)g->bus_seq, g->bus_id, here);
	return wms_err_set(err, WMS_ERR_CONFLICT,
	    _("the bus holds site %s's events up to %lld, and this database "
	    "was restored from a backup that ends at %lld (here %s): the "
	    "events written since would take numbers the centre has already "
	    "applied. Nothing was sent. Run makhzan sync renumber as an admin "
	    "(docs/backup.md)"),
	    site, (long long)g->bus_seq, (long long)g->restored_seq, here);
}

int
bus_guard_check(struct wms *w, jsCtx *js, struct bus_guard *g, int *asked,
    struct wms_err *err)
{
	struct db_bus_state	 st;
	struct wms_err		 e;
	char			 here[40], what[160];
	int			 rc;

	memset(g, 0, sizeof *g);
	*asked = 0;
	if ((rc = db_bus_state_head(wms_db(w), &st, err)) != 0)
		return rc;
	g->last_seq = st.last_seq;
	g->restored_seq = st.restored_seq;
	snprintf(g->restored_at, sizeof g->restored_at, "%s", st.restored_at);
	if ((rc = bus_last_event(js, wms_site(w), &g->bus_seq, g->bus_id,
	    &e)) != 0) {
		if (g->restored_seq == 0)
			return 0;	/* the guard is a help, not a need */
		return wms_err_set(err, rc, _("this database was restored: "
		    "before it sends anything, the relay asks the bus for "
		    "this site's last event, and could not: %s"), e.msg);
	}
	*asked = 1;
	if (g->bus_seq > 0) {
		if (g->bus_seq > g->last_seq) {
			snprintf(what, sizeof what, _("the outbox ends at "
			    "%lld"), (long long)g->last_seq);
			return guard_refuse(g, wms_site(w), what, err);
		}
		if ((rc = db_outbox_event_id(wms_db(w), g->bus_seq, here,
		    err)) < 0)
			return rc;
		if (strcmp(here, g->bus_id) != 0) {
			snprintf(what, sizeof what, _("event %lld is "
			    "another (%s)"), (long long)g->bus_seq,
			    here[0] != '\0' ? here : "-");
			return guard_refuse(g, wms_site(w), what, err);
		}
	}
	if (g->restored_seq > 0 &&
	    (rc = db_bus_restore_clear(wms_db(w), err)) != 0)
		return rc;
	return 0;
}

/* --- makhzan sync renumber ---------------------------------------------- */

struct renumber {
	const struct bus_guard	*g;
	int64_t			 moved;
};

static int
renumber_write(struct wms *w, void *arg, struct wms_write *log,
    struct wms_err *err)
{
	struct renumber		*rn = arg;
	const struct bus_guard	*g = rn->g;
	char			 subject[128], at[32];
	int			 rc;

	snprintf(subject, sizeof subject, "makhzan.%s.events.bus.skipped",
	    wms_site(w));
	wms_now_iso(w, at);
	rn->moved = g->last_seq - g->restored_seq;
	if ((rc = db_outbox_renumber(wms_db(w), g->restored_seq, g->bus_seq,
	    g->bus_id, subject, g->restored_at, at, err)) != 0)
		return rc;
	log->action = "bus.renumber";
	log->detail = json_pack("{sI sI ss sI}", "restored_seq",
	    (json_int_t)g->restored_seq, "bus_seq", (json_int_t)g->bus_seq,
	    "bus_event", g->bus_id, "moved", (json_int_t)rn->moved);
	return 0;
}

int
bus_renumber(struct wms *w, const struct bus_nats_conf *nc,
    struct bus_guard *g, int64_t *moved, struct wms_err *err)
{
	struct db_bus_state	 st;
	struct bus_conn		*conn = NULL;
	struct renumber		 rn = { .g = g };
	char			 here[40];
	int			 rc;

	memset(g, 0, sizeof *g);
	*moved = 0;
	if ((rc = wms_require(w, WMS_PERM_ADMIN, err)) != 0 ||
	    (rc = db_bus_state_head(wms_db(w), &st, err)) != 0)
		return rc;
	g->last_seq = st.last_seq;
	g->restored_seq = st.restored_seq;
	snprintf(g->restored_at, sizeof g->restored_at, "%s", st.restored_at);
	if (g->restored_seq == 0)
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("no restore waits to be checked: only a database put "
		    "back by makhzan restore can be renumbered, and the relay "
		    "checks it with the bus by itself"));
	if ((rc = bus_connect(nc, &conn, err)) != 0)
		return rc;
	rc = bus_last_event(bus_conn_js(conn), wms_site(w), &g->bus_seq,
	    g->bus_id, err);
	bus_close(conn);
	if (rc != 0)
		return rc;
	if (g->bus_seq <= g->restored_seq) {
		/* The bus holds nothing the backup lacks: no number is taken. */
		if (g->bus_seq > 0 && ((rc = db_outbox_event_id(wms_db(w),
		    g->bus_seq, here, err)) < 0))
			return rc;
		if (g->bus_seq > 0 && strcmp(here, g->bus_id) != 0)
			return wms_err_set(err, WMS_ERR_CONFLICT,
			    _("the bus holds event %lld of site %s as %s, and "
			    "this database's event %lld is another (%s): it is "
			    "not a backup of this site's database as the bus "
			    "knows it; nothing was renumbered"),
			    (long long)g->bus_seq, wms_site(w), g->bus_id,
			    (long long)g->bus_seq, here[0] != '\0' ? here : "-");
		return db_bus_restore_clear(wms_db(w), err);
	}
	if ((rc = wms_write_run(w, WMS_PERM_ADMIN, renumber_write, &rn,
	    err)) != 0)
		return rc;
	*moved = rn.moved;
	return 0;
}
