/* The shipments from other sites: verified, applied once, then acked. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "bus/catalogue.h"
#include "bus/envelope.h"
#include "bus/inbound.h"
#include "bus/sign.h"
#include "bus/watch.h"
#include "core/transfer-site.h"
#include "core/wms.h"
#include "data/db-inbound.h"
#include "lib/i18n.h"

struct inb_run {
	struct bus_watch	 wt;
	struct wms		*w;
	struct bus_inb_stats	*stats;
	char			 keyid[BUS_KEYID_TEXT];
};

/*
 * The site's durable pull consumer on the stream: 1 when subscribed, 0
 * when the stream is not made yet (nothing was forwarded), or the rc.
 */
static int
inb_subscribe(struct inb_run *r, struct wms_err *err)
{
	jsSubOptions	so;
	jsStreamInfo	*si = NULL;
	jsErrCode	jerr = 0;
	natsStatus	s;
	char		subject[96], durable[64];

	s = js_GetStreamInfo(&si, bus_conn_js(r->wt.bus), BUS_INB_STREAM, NULL,
	    &jerr);
	if (s == NATS_NOT_FOUND || jerr == JSStreamNotFoundErr)
		return 0;
	if (s != NATS_OK)
		return bus_nats_fail(s, jerr, _("reading the stream "
		    "MAKHZAN_INBOUND"), err);
	jsStreamInfo_Destroy(si);
	snprintf(subject, sizeof subject, "makhzan.%s.inbound.>",
	    wms_site(r->w));
	snprintf(durable, sizeof durable, "%s%s", BUS_INB_DURABLE,
	    wms_site(r->w));
	jsSubOptions_Init(&so);
	so.Stream = BUS_INB_STREAM;
	so.Config.AckPolicy = js_AckExplicit;
	so.Config.DeliverPolicy = js_DeliverAll;
	so.Config.AckWait = 30LL * 1000000000LL;
	jerr = 0;
	s = js_PullSubscribe(&r->wt.sub, bus_conn_js(r->wt.bus), subject, durable,
	    NULL, &so, &jerr);
	if (s != NATS_OK)
		return bus_nats_fail(s, jerr, _("reading the stream "
		    "MAKHZAN_INBOUND"), err);
	return 1;
}

/*
 * Verify a message: the centre's key and signature over the exact body,
 * an envelope of one part from CENTRE.  *e filled (bus_envelope_fini).
 */
static int
inb_verify(struct inb_run *r, natsMsg *m, struct bus_envelope *e,
    struct wms_err *err)
{
	const char	*key = NULL, *sig = NULL, *id = NULL;
	const char	*data = natsMsg_GetData(m);
	size_t		 n = (size_t)natsMsg_GetDataLength(m);
	int		 rc;

	natsMsgHeader_Get(m, "Nats-Msg-Id", &id);
	if (id == NULL)
		id = "?";
	if (natsMsgHeader_Get(m, BUS_HDR_KEY, &key) != NATS_OK ||
	    natsMsgHeader_Get(m, BUS_HDR_SIG, &sig) != NATS_OK ||
	    key == NULL || sig == NULL)
		return wms_err_set(err, WMS_ERR_CORRUPT,
		    _("inbound message %s refused: it is not signed"), id);
	if (strcmp(key, r->keyid) != 0)
		return wms_err_set(err, WMS_ERR_CORRUPT,
		    _("inbound message %s refused: signed by key %s, not by "
		    "the centre's key %s (centre_key in makhzan.ini)"), id,
		    key, r->keyid);
	if (bus_verify(r->wt.pk, data, n, sig, err) != 0)
		return wms_err_set(err, WMS_ERR_CORRUPT,
		    _("inbound message %s refused: its signature does not "
		    "verify"), id);
	if ((rc = bus_envelope_parse(data, n, e, err)) != 0)
		return wms_err_set(err, WMS_ERR_CORRUPT,
		    _("inbound message %s refused: %s"), id, err->msg);
	if (strcmp(e->site, BUS_CAT_SITE) != 0 || e->parts != 1 ||
	    !json_is_object(e->payload) || strcmp(e->id, id) != 0) {
		bus_envelope_fini(e);
		return wms_err_set(err, WMS_ERR_CORRUPT,
		    _("inbound message %s refused: not a message of the "
		    "centre"), id);
	}
	return 0;
}

enum inb_state { INB_DONE, INB_WAITING, INB_REFUSED };

/*
 * Keep for sync status what became of a message (table inbound_state): a
 * failure to write it is no failure of the message (it is said again at
 * the next one).
 */
static void
inb_state(struct inb_run *r, enum inb_state what, const char *msg)
{
	struct wms_err	e;
	char		now[32];

	wms_now_iso(r->w, now);
	switch (what) {
	case INB_DONE:
		(void)db_inb_done(wms_db(r->w), &e);
		break;
	case INB_WAITING:
		(void)db_inb_waiting(wms_db(r->w), msg, now, &e);
		break;
	case INB_REFUSED:
		(void)db_inb_refused(wms_db(r->w), msg, now, &e);
		break;
	}
}

/*
 * One message: 0 when done with it (applied, seen before, or refused and
 * terminated), or the rc of a failure that passes (delivered again).
 */
static int
inb_one(struct inb_run *r, natsMsg *m, struct wms_err *err)
{
	struct bus_envelope	e;
	char			id[64], e_type[32];
	int			rc, applied = 0;

	if ((rc = inb_verify(r, m, &e, err)) != 0)
		goto refuse;
	if (strcmp(e.type, "transfer.ship") != 0 &&
	    strcmp(e.type, "transfer.receive") != 0) {
		/* A newer centre's kind: not ours to apply, not a fault. */
		bus_envelope_fini(&e);
		natsMsg_Ack(m, NULL);
		return 0;
	}
	snprintf(id, sizeof id, "%s", e.id);
	snprintf(e_type, sizeof e_type, "%s", e.type);
	if (strcmp(e.type, "transfer.ship") == 0)
		rc = wms_inbound_apply(r->w, id, e.payload, &applied, err);
	else
		rc = wms_inbound_receipt(r->w, id, e.payload, &applied, err);
	bus_envelope_fini(&e);
	if (rc == WMS_ERR_INVALID)
		goto refuse;
	if (rc != 0) {
		natsMsg_NakWithDelay(m, 5000, NULL);
		inb_state(r, INB_WAITING, err->msg);
		return rc;
	}
	/* Acknowledged only after the COMMIT: a crash here redelivers it. */
	natsMsg_Ack(m, NULL);
	inb_state(r, INB_DONE, NULL);
	if (applied) {
		r->stats->applied++;
		bus_watch_log(&r->wt, _("inbound: %s %s applied"), e_type, id);
	} else {
		r->stats->again++;
	}
	return 0;
refuse:
	r->stats->refused++;
	snprintf(r->stats->last_refused, sizeof r->stats->last_refused, "%s",
	    err->msg);
	bus_watch_log(&r->wt, "%s", err->msg);
	natsMsg_Term(m, NULL);
	inb_state(r, INB_REFUSED, err->msg);
	return 0;
}

int
bus_inbound_run(struct wms *w, const struct bus_watch_conf *conf,
    struct bus_inb_stats *stats, struct wms_err *err)
{
	struct inb_run		 r;
	natsMsgList		 list;
	natsStatus		 s;
	jsErrCode		 jerr;
	int			 rc, i;

	memset(&r, 0, sizeof r);
	memset(stats, 0, sizeof *stats);
	r.w = w;
	r.stats = stats;
	if ((rc = bus_watch_init(&r.wt, conf, "makhzan-inbound",
	    _("transfers from other sites need the centre's public "
	    "key: centre_key = in [bus] of makhzan.ini (makhzan "
	    "central keygen prints it)"), NULL, err)) != 0)
		return rc;
	bus_key_id(r.wt.pk, r.keyid);
	while (!(conf->stop != NULL && *conf->stop)) {
		if ((rc = bus_watch_connect(&r.wt, err)) == BUS_WATCH_AGAIN)
			continue;
		if (rc < 0)
			goto out;
		if (r.wt.sub == NULL) {
			if ((rc = inb_subscribe(&r, err)) < 0) {
				if (bus_watch_retry(&r.wt, err))
					goto out;
				continue;
			}
			if (rc == 0) {
				/* Nothing forwarded yet. */
				if (conf->once)
					break;
				bus_sleep_watch(conf->stop, 2000);
				continue;
			}
		}
		memset(&list, 0, sizeof list);
		jerr = 0;
		s = natsSubscription_Fetch(&list, r.wt.sub, 16,
		    conf->once ? 1000 : 2000, &jerr);
		if (s == NATS_TIMEOUT || (s == NATS_OK && list.Count == 0)) {
			natsMsgList_Destroy(&list);
			if (conf->once)
				break;
			continue;
		}
		if (s != NATS_OK) {
			natsMsgList_Destroy(&list);
			bus_watch_log(&r.wt,
			    _("inbound: lost the connection to the bus"));
			bus_sub_drop(&r.wt.sub, &r.wt.bus);
			continue;
		}
		rc = 0;
		for (i = 0; i < list.Count; i++) {
			/* After a failure the rest come again, in order. */
			if (rc != 0) {
				natsMsg_Nak(list.Msgs[i], NULL);
				continue;
			}
			rc = inb_one(&r, list.Msgs[i], err);
		}
		natsMsgList_Destroy(&list);
		if (rc != 0) {
			bus_watch_log(&r.wt, "%s", err->msg);
			if (conf->once)
				goto out;
			bus_sleep_watch(conf->stop, 3000);
		}
	}
	rc = 0;
out:
	bus_watch_fini(&r.wt);
	return rc;
}
