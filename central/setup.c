/* makhzan central setup: the stream and the durable consumer on NATS. */
#include <string.h>

#include "bus/nats.h"
#include "central/setup.h"
#include "lib/i18n.h"

#define NS_PER_S	INT64_C(1000000000)

/* A server that does not answer JetStream's API has none. */
static int
setup_fail(struct bus_conn *c, natsStatus s, jsErrCode jerr, const char *what,
    struct wms_err *err)
{
	if (s == NATS_NO_RESPONDERS || jerr == JSNotEnabledErr ||
	    jerr == JSNotEnabledForAccountErr)
		return wms_err_set(err, WMS_ERR_IO, _("the NATS server at %s "
		    "has no JetStream: start it with -js or jetstream {} in "
		    "its configuration"), bus_conn_url(c));
	return bus_nats_fail(s, jerr, what, err);
}

void
central_stream_config(jsStreamConfig *sc, const char *name,
    const char **subjects, int replicas)
{
	jsStreamConfig_Init(sc);
	sc->Name = name;
	sc->Subjects = subjects;
	sc->SubjectsLen = 1;
	sc->Storage = js_FileStorage;
	sc->Retention = js_LimitsPolicy;
	sc->Discard = js_DiscardOld;
	sc->Replicas = replicas > 0 ? replicas : 1;
	/* Resends after an outage of up to an hour are dropped by id. */
	sc->Duplicates = 3600 * NS_PER_S;
	/* The envelope keeps a body at 512 KiB; headers fit in the rest. */
	sc->MaxMsgSize = 1024 * 1024;
}

int
central_setup_stream(struct bus_conn *c, int replicas,
    struct central_setup_info *info, struct wms_err *err)
{
	static const char	*subjects[] = { CENTRAL_SUBJECTS };
	jsCtx			*js = bus_conn_js(c);
	jsStreamConfig		 sc;
	jsConsumerConfig	 cc;
	jsStreamInfo		*si = NULL;
	jsConsumerInfo		*ci = NULL;
	jsErrCode		 jerr = 0;
	natsStatus		 s;
	int			 rc = 0;

	memset(info, 0, sizeof *info);
	central_stream_config(&sc, CENTRAL_STREAM, subjects, replicas);
	s = js_GetStreamInfo(&si, js, CENTRAL_STREAM, NULL, &jerr);
	if (s == NATS_NOT_FOUND || jerr == JSStreamNotFoundErr) {
		jerr = 0;
		s = js_AddStream(&si, js, &sc, NULL, &jerr);
		if (s != NATS_OK) {
			rc = setup_fail(c, s, jerr, _("creating the stream "
			    "MAKHZAN_EVENTS"), err);
			goto out;
		}
		info->stream_created = 1;
	} else if (s != NATS_OK) {
		rc = setup_fail(c, s, jerr, _("reading the stream "
		    "MAKHZAN_EVENTS"), err);
		goto out;
	} else if (si->Config->Replicas != replicas) {
		jsStreamInfo_Destroy(si);
		si = NULL;
		if ((s = js_UpdateStream(&si, js, &sc, NULL, &jerr)) !=
		    NATS_OK) {
			rc = setup_fail(c, s, jerr, _("changing the replicas "
			    "of the stream MAKHZAN_EVENTS"), err);
			goto out;
		}
		info->stream_updated = 1;
	}
	info->replicas = (int)si->Config->Replicas;
	info->msgs = si->State.Msgs;

	jerr = 0;
	s = js_GetConsumerInfo(&ci, js, CENTRAL_STREAM, CENTRAL_CONSUMER, NULL,
	    &jerr);
	if (s == NATS_NOT_FOUND || jerr == JSConsumerNotFoundErr) {
		jsConsumerConfig_Init(&cc);
		cc.Durable = CENTRAL_CONSUMER;
		cc.Description = "makhzan central: events into PostgreSQL";
		cc.DeliverPolicy = js_DeliverAll;
		cc.AckPolicy = js_AckExplicit;
		/* Not acknowledged after this: delivered again (to anyone). */
		cc.AckWait = CENTRAL_ACK_WAIT_S * NS_PER_S;
		cc.MaxDeliver = -1;
		cc.MaxAckPending = CENTRAL_MAX_ACK_PENDING;
		jerr = 0;
		if ((s = js_AddConsumer(&ci, js, CENTRAL_STREAM, &cc, NULL,
		    &jerr)) != NATS_OK) {
			rc = setup_fail(c, s, jerr, _("creating the consumer "
			    "CENTRAL"), err);
			goto out;
		}
		info->consumer_created = 1;
	} else if (s != NATS_OK) {
		rc = setup_fail(c, s, jerr, _("reading the consumer "
		    "CENTRAL"), err);
		goto out;
	}
	info->pending = ci->NumPending;
	info->ack_pending = ci->NumAckPending;
out:
	jsStreamInfo_Destroy(si);
	jsConsumerInfo_Destroy(ci);
	return rc;
}
