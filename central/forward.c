/* The centre forwards shipments to a depot of another site. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "bus/catalogue.h"
#include "bus/envelope.h"
#include "bus/sign.h"
#include "central/forward.h"
#include "central/setup.h"
#include "central/stmt.h"
#include "lib/i18n.h"
#include "lib/json.h"

enum fwd_sql {
	FWD_PENDING,
	FWD_PENDING_RECEIPT,
	FWD_DONE,
	FWD_N
};

static const char *const fwd_sql[FWD_N] = {
	/*
	 * Shipments applied at the centre to a depot of another site, not
	 * forwarded yet, with their lines, as one JSON payload each.
	 */
	[FWD_PENDING] = "SELECT 'transfer.ship' AS kind, d.site, d.number, "
	    "d.event_id::text AS "
	    "event_id, cd.site AS to_site, jsonb_build_object('site', d.site, "
	    "'number', d.number, 'from_depot', d.depot, 'to_depot', "
	    "d.header->>'to_depot', 'to_site', cd.site, 'at', to_char(d.at AT "
	    "TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'), 'user', "
	    "d.\"user\", 'lines', (SELECT jsonb_agg(jsonb_build_object('line', "
	    "m.line, 'item', m.item, 'lot', m.lot, 'expiry', (SELECT l.expiry "
	    "FROM lot l WHERE l.site = d.site AND l.item = m.item AND "
	    "l.code = m.lot), 'from', m.from_loc, 'to', "
	    "m.to_loc, 'qty_milli', m.qty, 'value', m.value) ORDER BY m.line) "
	    "FROM movement m WHERE m.site = d.site AND m.doc = d.number))::text "
	    "AS payload, to_char(d.at AT TIME ZONE 'UTC', "
	    "'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"') AS at, d.\"user\" AS who "
	    "FROM document d JOIN cat_depot cd ON cd.code = "
	    "d.header->>'to_depot' WHERE d.type = 'transfer.ship' AND cd.site "
	    "<> d.site AND NOT EXISTS (SELECT 1 FROM forward f WHERE f.site = "
	    "d.site AND f.number = d.number AND f.kind = 'transfer.ship') "
	    "ORDER BY d.at, d.site, d.number LIMIT 256",
	/*
	 * Step 4: the receipts, at the receiving site, of another site's
	 * shipment (its copy there is a transfer.inbound document), each
	 * back to the shipping site with whether it completed the transfer.
	 */
	[FWD_PENDING_RECEIPT] = "SELECT 'transfer.receive' AS kind, e.site, "
	    "d.number, e.id::text AS event_id, d.header->>'from_site' AS "
	    "to_site, jsonb_build_object('site', e.site, 'number', d.number, "
	    "'depot', d.header->>'to_depot', 'from_site', "
	    "d.header->>'from_site', 'complete', coalesce((convert_from("
	    "p.body, 'UTF8')::jsonb->'payload'->>'complete')::boolean, false), "
	    "'at', to_char(e.at AT TIME ZONE 'UTC', "
	    "'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'), 'user', e.\"user\", "
	    "'lines', coalesce((SELECT jsonb_agg(jsonb_build_object('line', "
	    "m.line, 'item', m.item, 'lot', m.lot, 'from', m.from_loc, 'to', "
	    "m.to_loc, 'qty_milli', m.qty, 'value', m.value) ORDER BY m.line) "
	    "FROM movement m WHERE m.site = e.site AND m.doc = d.number AND "
	    "m.event_id = e.id), '[]'::jsonb))::text AS payload, "
	    "to_char(e.at AT TIME ZONE 'UTC', "
	    "'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"') AS at, e.\"user\" AS who "
	    "FROM event e JOIN document d ON d.site = e.site AND d.number = "
	    "e.doc AND d.type = 'transfer.inbound' JOIN event_part p ON "
	    "p.event_id = e.id AND p.part = 1 WHERE e.type = "
	    "'transfer.receive' AND e.applied_at IS NOT NULL AND "
	    "d.header->>'from_site' IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "
	    "forward f WHERE f.event_id = e.id) ORDER BY e.site, e.seq "
	    "LIMIT 256",
	[FWD_DONE] = "INSERT INTO forward(site, number, kind, to_site, "
	    "event_id, stream_seq) VALUES($1, $2, $6, $3, $4, $5) "
	    "ON CONFLICT DO NOTHING",
};

static PGresult *
fwd_run(struct central_pg *pg, enum fwd_sql idx, int n, const char *const *v,
    struct wms_err *err)
{
	PGresult	*res;
	ExecStatusType	 s;

	res = PQexecParams(central_pg_conn(pg), fwd_sql[idx], n, NULL, v,
	    NULL, NULL, 0);
	s = PQresultStatus(res);
	if (s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK)
		return res;
	central_pg_fail(pg, res, _("forwarding shipments"), err);
	PQclear(res);
	return NULL;
}

/* The stream MAKHZAN_INBOUND, made when missing. */
static int
fwd_stream(struct bus_conn *bus, int replicas, struct wms_err *err)
{
	static const char	*subjects[] = { CENTRAL_INBOUND_SUBJECTS };
	jsStreamConfig		 sc;
	jsStreamInfo		*si = NULL;
	jsErrCode		 jerr = 0;
	natsStatus		 s;

	s = js_GetStreamInfo(&si, bus_conn_js(bus), CENTRAL_INBOUND_STREAM,
	    NULL, &jerr);
	if (s == NATS_OK) {
		jsStreamInfo_Destroy(si);
		return 0;
	}
	if (s != NATS_NOT_FOUND && jerr != JSStreamNotFoundErr)
		return bus_nats_fail(s, jerr, _("reading the stream "
		    "MAKHZAN_INBOUND"), err);
	central_stream_config(&sc, CENTRAL_INBOUND_STREAM, subjects, replicas);
	jerr = 0;
	if ((s = js_AddStream(&si, bus_conn_js(bus), &sc, NULL, &jerr)) !=
	    NATS_OK)
		return bus_nats_fail(s, jerr, _("creating the stream "
		    "MAKHZAN_INBOUND"), err);
	jsStreamInfo_Destroy(si);
	return 0;
}

/* Publish one shipment, signed; *seq gets the stream's sequence. */
static int
fwd_one(struct bus_conn *bus, const struct bus_key *k, PGresult *res, int i,
    uint64_t *seq, struct wms_err *err)
{
	struct bus_event	 ev;
	struct bus_msg		*msgs = NULL;
	natsMsg			*m = NULL;
	jsPubAck		*pa = NULL;
	jsErrCode		 jerr = 0;
	natsStatus		 s;
	char			 subject[128], sig[BUS_SIG_TEXT];
	int			 n = 0, rc;

	memset(&ev, 0, sizeof ev);
	ev.id = PQgetvalue(res, i, PQfnumber(res, "event_id"));
	ev.site = BUS_CAT_SITE;
	ev.seq = 0;
	ev.type = PQgetvalue(res, i, PQfnumber(res, "kind"));
	ev.at = PQgetvalue(res, i, PQfnumber(res, "at"));
	ev.user = PQgetvalue(res, i, PQfnumber(res, "who"));
	ev.payload = PQgetvalue(res, i, PQfnumber(res, "payload"));
	if ((rc = bus_envelope_build(&ev, &msgs, &n, err)) != 0)
		return rc;
	if (n != 1) {
		bus_msgs_free(msgs, n);
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("shipment %s is too large to forward"),
		    PQgetvalue(res, i, PQfnumber(res, "number")));
	}
	snprintf(subject, sizeof subject, "makhzan.%s.inbound.%s",
	    PQgetvalue(res, i, PQfnumber(res, "to_site")), ev.type);
	bus_sign(k, msgs[0].body.data, msgs[0].body.len, sig);
	s = natsMsg_Create(&m, subject, NULL, msgs[0].body.data,
	    (int)msgs[0].body.len);
	if (s == NATS_OK)
		s = natsMsgHeader_Set(m, "Nats-Msg-Id", ev.id);
	if (s == NATS_OK)
		s = natsMsgHeader_Set(m, BUS_HDR_KEY, k->id);
	if (s == NATS_OK)
		s = natsMsgHeader_Set(m, BUS_HDR_SIG, sig);
	if (s == NATS_OK)
		s = js_PublishMsg(&pa, bus_conn_js(bus), m, NULL, &jerr);
	if (s != NATS_OK)
		rc = bus_nats_fail(s, jerr, _("forwarding a shipment"), err);
	else
		*seq = pa->Sequence;
	jsPubAck_Destroy(pa);
	natsMsg_Destroy(m);
	bus_msgs_free(msgs, n);
	return rc;
}

/* The rows of one query, published in order; the bus and key on first use. */
static int
fwd_batch(struct central_pg *pg, const struct bus_nats_conf *nc,
    const char *key_path, int replicas, enum fwd_sql which,
    struct bus_nats_conf *confp, struct bus_conn **busp, struct bus_key *kp,
    int *n, struct wms_err *err)
{
	PGresult	*res, *done;
	const char	*v[6];
	char		 seqtext[24];
	uint64_t	 seq = 0;
	int		 i, rows, rc = 0;

	(void)nc;
	if ((res = fwd_run(pg, which, 0, NULL, err)) == NULL)
		return WMS_ERR_DB;
	if ((rows = PQntuples(res)) == 0) {
		PQclear(res);
		return 0;
	}
	if (*busp != NULL)
		goto publish;
	if (key_path == NULL || *key_path == '\0') {
		rc = wms_err_set(err, WMS_ERR_USAGE,
		    _("the centre signs the catalogue with its key: set "
		    "sign_key = PATH in [central] of makhzan.ini (makhzan "
		    "central keygen makes it)"));
		goto out;
	}
	if ((rc = bus_key_load(key_path, kp, err)) != 0)
		goto out;
	confp->name = "makhzan-central-forward";
	if ((rc = bus_connect(confp, busp, err)) != 0)
		goto out;
	if ((rc = fwd_stream(*busp, replicas, err)) != 0)
		goto out;
publish:
	for (i = 0; i < rows; i++) {
		if ((rc = fwd_one(*busp, kp, res, i, &seq, err)) != 0)
			break;
		snprintf(seqtext, sizeof seqtext, "%llu",
		    (unsigned long long)seq);
		v[0] = PQgetvalue(res, i, PQfnumber(res, "site"));
		v[1] = PQgetvalue(res, i, PQfnumber(res, "number"));
		v[2] = PQgetvalue(res, i, PQfnumber(res, "to_site"));
		v[3] = PQgetvalue(res, i, PQfnumber(res, "event_id"));
		v[4] = seqtext;
		v[5] = PQgetvalue(res, i, PQfnumber(res, "kind"));
		if ((done = fwd_run(pg, FWD_DONE, 6, v, err)) == NULL) {
			rc = WMS_ERR_DB;
			break;
		}
		PQclear(done);
		(*n)++;
	}
out:
	PQclear(res);
	return rc;
}

int
central_forward(struct central_pg *pg, const struct bus_nats_conf *nc,
    const char *key_path, int replicas, int *n, struct wms_err *err)
{
	struct bus_nats_conf	 conf = *nc;
	struct bus_conn		*bus = NULL;
	struct bus_key		 k;
	int			 q, rc = 0;

	*n = 0;
	memset(&k, 0, sizeof k);
	for (q = 0; q < 2; q++) {
		if ((rc = fwd_batch(pg, nc, key_path, replicas, q == 0 ?
		    FWD_PENDING : FWD_PENDING_RECEIPT, &conf, &bus, &k, n,
		    err)) != 0)
			break;
	}
	bus_close(bus);
	bus_key_wipe(&k);
	return rc;
}
