/* The catalogue on the bus: signed values, and a depot applying them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

#include "bus/catalogue.h"
#include "bus/envelope.h"
#include "bus/nats.h"
#include "bus/watch.h"
#include "core/catalogue.h"
#include "lib/i18n.h"
#include "lib/json.h"
#include "lib/xmalloc.h"

int
bus_cat_value_build(const struct bus_key *k, const char *id, int64_t seq,
    const char *at, const char *user, const char *key,
    const char *value_json, struct wms_buf *out, struct wms_err *err)
{
	struct bus_event	 ev;
	struct bus_msg		*msgs = NULL;
	json_error_t		 jerr;
	json_t			*rec, *payload;
	char			*text, sig[BUS_SIG_TEXT];
	int			 n = 0, rc;

	if ((rec = json_loads(value_json, 0, &jerr)) == NULL ||
	    !json_is_object(rec)) {
		json_decref(rec);
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("the catalogue value of %s is not a JSON object"), key);
	}
	payload = json_pack("{ss so}", "key", key, "value", rec);
	text = wms_json_text(payload);
	json_decref(payload);
	memset(&ev, 0, sizeof ev);
	ev.id = id;
	ev.site = BUS_CAT_SITE;
	ev.seq = seq;
	ev.type = BUS_CAT_TYPE;
	ev.at = at;
	ev.user = user;
	ev.payload = text;
	rc = bus_envelope_build(&ev, &msgs, &n, err);
	free(text);
	if (rc != 0)
		return rc;
	if (n != 1) {
		bus_msgs_free(msgs, n);
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("the catalogue value of %s is too large for the bus"),
		    key);
	}
	bus_sign(k, msgs[0].body.data, msgs[0].body.len, sig);
	wms_buf_addf(out, "%s %s %s\n", BUS_CAT_MAGIC, k->id, sig);
	wms_buf_add(out, msgs[0].body.data, msgs[0].body.len);
	bus_msgs_free(msgs, n);
	return 0;
}

int
bus_cat_value_read(const unsigned char pk[BUS_PK_BYTES], const char *key,
    const void *data, size_t n, struct bus_cat_value *out,
    struct wms_err *err)
{
	struct bus_envelope	 e;
	const char		*p = data, *nl, *k;
	char			 line[256], keyid[BUS_KEYID_TEXT], want[BUS_KEYID_TEXT];
	char			 sig[BUS_SIG_TEXT + 8], magic[32];
	const json_t		*rec;
	int			 rc;

	memset(out, 0, sizeof *out);
	nl = memchr(p, '\n', n);
	if (nl == NULL || (size_t)(nl - p) >= sizeof line)
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("the centre's value of %s is not a makhzan catalogue "
		    "value"), key);
	memcpy(line, p, (size_t)(nl - p));
	line[nl - p] = '\0';
	if (sscanf(line, "%31s %16s %95s", magic, keyid, sig) != 3 ||
	    strcmp(magic, BUS_CAT_MAGIC) != 0)
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("the centre's value of %s is not a makhzan catalogue "
		    "value"), key);
	bus_key_id(pk, want);
	if (strcmp(keyid, want) != 0)
		return wms_err_set(err, WMS_ERR_CORRUPT,
		    _("the centre's value of %s is signed by key %s, not by "
		    "the centre's key %s (centre_key in makhzan.ini)"), key,
		    keyid, want);
	p = nl + 1;
	n -= (size_t)(p - (const char *)data);
	if (bus_verify(pk, p, n, sig, err) != 0)
		return wms_err_set(err, WMS_ERR_CORRUPT,
		    _("the centre's value of %s has a bad signature: it is "
		    "not applied"), key);
	if ((rc = bus_envelope_parse(p, n, &e, err)) != 0)
		return rc;
	if (strcmp(e.site, BUS_CAT_SITE) != 0 ||
	    strcmp(e.type, BUS_CAT_TYPE) != 0 || e.parts != 1 ||
	    (k = json_string_value(json_object_get(e.payload, "key"))) ==
	    NULL || strcmp(k, key) != 0 ||
	    !json_is_object(rec = json_object_get(e.payload, "value"))) {
		bus_envelope_fini(&e);
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("the centre's value of %s is not the value of this key"),
		    key);
	}
	out->record = json_incref((json_t *)rec);
	out->seq = e.seq;
	snprintf(out->by, sizeof out->by, "%s", e.user);
	snprintf(out->at, sizeof out->at, "%s", e.at);
	bus_envelope_fini(&e);
	return 0;
}

/* The watcher's state between rounds. */
struct cat_run {
	struct bus_watch	 wt;
	struct wms		*w;
	struct bus_cat_stats	*stats;
	int64_t			 rev;		/* applied up to */
};

/*
 * The bucket's last revision into *last: 0 when the bucket is not made
 * yet (nothing published).
 */
static int
cat_last(struct cat_run *r, uint64_t *last, struct wms_err *err)
{
	jsStreamInfo	*si = NULL;
	jsErrCode	 jerr = 0;
	natsStatus	 s;

	*last = 0;
	s = js_GetStreamInfo(&si, bus_conn_js(r->wt.bus), BUS_CAT_STREAM, NULL,
	    &jerr);
	if (s == NATS_NOT_FOUND || jerr == JSStreamNotFoundErr)
		return 0;
	if (s != NATS_OK)
		return bus_nats_fail(s, jerr, _("reading the catalogue bucket"),
		    err);
	*last = si->State.LastSeq;
	jsStreamInfo_Destroy(si);
	return 0;
}

/* An ordered consumer of the bucket's stream from revision rev + 1. */
static int
cat_subscribe(struct cat_run *r, struct wms_err *err)
{
	jsSubOptions	so;
	jsErrCode	jerr = 0;
	natsStatus	s;

	jsSubOptions_Init(&so);
	so.Stream = BUS_CAT_STREAM;
	so.Ordered = true;
	if (r->rev > 0) {
		so.Config.DeliverPolicy = js_DeliverByStartSequence;
		so.Config.OptStartSeq = (uint64_t)r->rev + 1;
	} else {
		so.Config.DeliverPolicy = js_DeliverAll;
	}
	s = js_SubscribeSync(&r->wt.sub, bus_conn_js(r->wt.bus),
	    BUS_CAT_PREFIX ">", NULL, &so, &jerr);
	if (s != NATS_OK)
		return bus_nats_fail(s, jerr, _("reading the catalogue bucket"),
		    err);
	return 0;
}

/*
 * One message of the bucket: verified, then applied in its own
 * transaction.  A delete or purge marker (the centre deletes nothing
 * today) is passed over.
 */
static int
cat_one(struct cat_run *r, natsMsg *m, struct wms_err *err)
{
	struct bus_cat_value	 v;
	jsMsgMetaData		*meta = NULL;
	const char		*subj = natsMsg_GetSubject(m), *op = NULL;
	const char		*key;
	int64_t			 rev;
	int			 rc, applied;

	if (natsMsg_GetMetaData(&meta, m) != NATS_OK)
		return wms_err_set(err, WMS_ERR_IO,
		    _("a catalogue message without its revision"));
	rev = (int64_t)meta->Sequence.Stream;
	jsMsgMetaData_Destroy(meta);
	if (rev <= r->rev)
		return 0;
	if (strncmp(subj, BUS_CAT_PREFIX, strlen(BUS_CAT_PREFIX)) != 0)
		return 0;
	key = subj + strlen(BUS_CAT_PREFIX);
	if (natsMsgHeader_Get(m, "KV-Operation", &op) == NATS_OK &&
	    op != NULL && (strcmp(op, "DEL") == 0 ||
	    strcmp(op, "PURGE") == 0)) {
		r->rev = rev;
		return 0;
	}
	if ((rc = bus_cat_value_read(r->wt.pk, key, natsMsg_GetData(m),
	    (size_t)natsMsg_GetDataLength(m), &v, err)) != 0)
		goto fail;
	rc = wms_catalogue_apply(r->w, key, v.record, rev, v.by, v.at,
	    &applied, err);
	json_decref(v.record);
	if (rc != 0)
		goto fail;
	r->rev = rev;
	r->stats->revision = rev;
	if (applied) {
		r->stats->applied++;
		bus_watch_log(&r->wt, _("catalogue: %s applied (revision %lld)"), key,
		    (long long)rev);
	}
	return 0;
fail:
	{
		struct wms_err e2;

		wms_catalogue_error(r->w, err->msg, &e2);
	}
	return rc;
}

int
bus_catalogue_run(struct wms *w, const struct bus_watch_conf *conf,
    struct bus_cat_stats *stats, struct wms_err *err)
{
	struct db_cat_state	 st;
	struct cat_run		 r;
	natsMsg			*m;
	natsStatus		 s;
	uint64_t		 last = 0;
	char			 down[512];
	int			 rc;

	memset(&r, 0, sizeof r);
	memset(stats, 0, sizeof *stats);
	r.w = w;
	r.stats = stats;
	snprintf(down, sizeof down, _("catalogue: the bus at %s does not "
	    "answer; the depot works from its own copy of the catalogue"),
	    conf->nats.urls);
	if ((rc = bus_watch_init(&r.wt, conf, "makhzan-catalogue",
	    _("catalogue = central needs the centre's public key: "
	    "centre_key = in [bus] of makhzan.ini (makhzan central "
	    "keygen prints it)"), down, err)) != 0)
		return rc;
	while (!(conf->stop != NULL && *conf->stop)) {
		if ((rc = wms_catalogue_state(w, &st, err)) != 0)
			goto out;
		r.rev = st.revision;
		stats->revision = r.rev;
		if ((rc = bus_watch_connect(&r.wt, err)) == BUS_WATCH_AGAIN)
			continue;
		if (rc < 0)
			goto out;
		if (rc == BUS_WATCH_NEW)
			bus_watch_log(&r.wt, _("catalogue: connected to %s, "
			    "applied up to revision %lld"),
			    bus_conn_url(r.wt.bus), (long long)r.rev);
		if (r.wt.sub == NULL) {
			if ((rc = cat_last(&r, &last, err)) != 0) {
				bus_sub_drop(&r.wt.sub, &r.wt.bus);
				continue;
			}
			if (conf->once && (uint64_t)r.rev >= last)
				break;
			if (last == 0) {
				/* No bucket yet: nothing was published. */
				bus_sleep_watch(conf->stop, 2000);
				continue;
			}
			if ((rc = cat_subscribe(&r, err)) != 0) {
				if (bus_watch_retry(&r.wt, err))
					goto out;
				continue;
			}
		}
		s = natsSubscription_NextMsg(&m, r.wt.sub, 200);
		if (s == NATS_TIMEOUT) {
			if (conf->once && (uint64_t)r.rev >= last)
				break;
			if (conf->once && bus_now_ms() - r.wt.start >
			    r.wt.wait_ms + 30000) {
				rc = wms_err_set(err, WMS_ERR_IO,
				    _("the catalogue bucket did not deliver "
				    "revision %lld"), (long long)r.rev + 1);
				goto out;
			}
			continue;
		}
		if (s != NATS_OK) {
			bus_watch_log(&r.wt, _("catalogue: lost the connection "
			    "to the bus; the depot works from its own copy"));
			bus_sub_drop(&r.wt.sub, &r.wt.bus);
			continue;
		}
		rc = cat_one(&r, m, err);
		natsMsg_Destroy(m);
		if (rc != 0) {
			bus_watch_log(&r.wt, "%s", err->msg);
			if (conf->once)
				goto out;
			/*
			 * A value that does not verify or apply needs a person:
			 * try again in a minute.  The database busy or failing
			 * passes by itself: in a few seconds.
			 */
			natsSubscription_Destroy(r.wt.sub);
			r.wt.sub = NULL;
			bus_sleep_watch(conf->stop, rc == WMS_ERR_DB ||
			    rc == WMS_ERR_IO ? 3000 : 60000);
		}
	}
	rc = 0;
out:
	bus_watch_fini(&r.wt);
	return rc;
}
