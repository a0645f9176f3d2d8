/*
 * The centre's part of the bus: the stream MAKHZAN_EVENTS that keeps every
 * depot's events (subjects makhzan.*.events.>, file storage, a duplicate
 * window of an hour, 1 or 3 replicas) and the durable pull consumer
 * CENTRAL that makhzan central reads it through.
 */
#ifndef CENTRAL_SETUP_H
#define CENTRAL_SETUP_H

#include <stdint.h>

#include <nats/nats.h>

#include "lib/err.h"

#define CENTRAL_STREAM		"MAKHZAN_EVENTS"
#define CENTRAL_SUBJECTS	"makhzan.*.events.>"
#define CENTRAL_CONSUMER	"CENTRAL"
/* Unacknowledged messages the consumers may hold, all together. */
#define CENTRAL_MAX_ACK_PENDING	8192
#define CENTRAL_ACK_WAIT_S	30

struct bus_conn;

/* What setup found or made. */
struct central_setup_info {
	int		stream_created;
	int		stream_updated;	/* its replicas were changed */
	int		replicas;
	uint64_t	msgs;		/* in the stream */
	int		consumer_created;
	uint64_t	pending;	/* not yet delivered to the consumer */
	int64_t		ack_pending;	/* delivered, not acknowledged */
};

/*
 * The configuration of a stream of the centre's, name with subjects[0]:
 * file storage, kept to its limits, resends within an hour dropped by
 * message id, messages up to 1 MiB, replicas (1 when not above 0).
 */
void	central_stream_config(jsStreamConfig *sc, const char *name,
	    const char **subjects, int replicas);

/*
 * Make the stream and the consumer when they are missing, or report what
 * is there; run twice it changes nothing.  A server without JetStream is
 * one clear WMS_ERR_IO.
 */
int	central_setup_stream(struct bus_conn *, int replicas,
	    struct central_setup_info *, struct wms_err *err);

#endif
