/*
 * The envelope: how one outbox event travels on the data bus, version 1
 * (docs/bus.md).  A NATS message on subject makhzan.<SITE>.events.<type>
 * whose body is a JSON object:
 *
 *	{"v":1,"id":UUIDv7,"site":"HMS","seq":42,"type":"issue",
 *	 "at":"2026-11-26T20:52:25.285Z","user":"ali","part":1,"parts":1,
 *	 "payload":{...the outbox payload...}}
 *
 * An event whose body would pass BUS_MAX_MSG is cut into parts: each part
 * carries "chunk", a slice of the payload's JSON text, instead of
 * "payload"; the centre joins the slices 1..parts in order and applies the
 * event once, when all are there.  The signature and key id travel in
 * headers (bus/sign.h), over the exact bytes of the body.
 */
#ifndef BUS_ENVELOPE_H
#define BUS_ENVELOPE_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "lib/buf.h"
#include "lib/err.h"

#define BUS_ENVELOPE_VERSION	1
/* No message body is larger: the stream's max_msg_size leaves room. */
#define BUS_MAX_MSG		(512 * 1024)
/* Payload bytes per part: escaped in a JSON string they at most double. */
#define BUS_CHUNK		(200 * 1024)
#define BUS_MAX_PARTS		10000
/* Headers of every message besides Nats-Msg-Id. */
#define BUS_HDR_KEY		"Makhzan-Key"
#define BUS_HDR_SIG		"Makhzan-Sig"
/* The message's inclusion proof in its window's signed tree (bus/merkle.h). */
#define BUS_HDR_PROOF		"Makhzan-Proof"
/* seq of a heartbeat: it is not an outbox event. */
#define BUS_SEQ_NONE		0

/* An outbox event as the relay reads it. */
struct bus_event {
	const char	*id;		/* UUIDv7 */
	const char	*site;
	int64_t		 seq;		/* per site, gapless; 0: heartbeat */
	const char	*type;		/* "issue", "transfer.ship", ... */
	const char	*at;		/* stored UTC time */
	const char	*user;
	const char	*payload;	/* JSON text of an object */
};

/* One message to publish. */
struct bus_msg {
	char		subject[128];
	char		msg_id[64];	/* Nats-Msg-Id: id, or id/part */
	int		part, parts;
	struct wms_buf	body;
};

/*
 * The messages of ev: one, or its parts in order.  *msgs is allocated
 * (free with bus_msgs_free).  WMS_ERR_INVALID when ev cannot travel: its
 * payload is not a JSON object, its site or type cannot be a subject token.
 */
int	bus_envelope_build(const struct bus_event *ev, struct bus_msg **msgs,
	    int *n, struct wms_err *err);
void	bus_msgs_free(struct bus_msg *msgs, int n);

/* An envelope as received; strings point into root. */
struct bus_envelope {
	json_t		*root;
	int		 v;
	const char	*id, *site, *type, *at, *user;
	int64_t		 seq;
	int		 part, parts;
	json_t		*payload;	/* parts == 1 */
	const char	*chunk;		/* parts > 1 */
	size_t		 chunklen;
};

/*
 * Read and check a body: at most BUS_MAX_MSG bytes of UTF-8 JSON, version 1,
 * every field present with its type and form, no field unknown to
 * version 1.  WMS_ERR_INVALID saying what is wrong (the centre quarantines
 * it with that reason).
 */
int	bus_envelope_parse(const void *body, size_t n, struct bus_envelope *e,
	    struct wms_err *err);
void	bus_envelope_fini(struct bus_envelope *e);

/* The subject of an envelope's site and type. */
void	bus_subject(const char *site, const char *type, char out[128]);

/*
 * 0 when subject is the one the envelope's site and type give (a message
 * signed for one site cannot be replayed on another's subject); else
 * WMS_ERR_INVALID.
 */
int	bus_subject_check(const char *subject, const struct bus_envelope *e,
	    struct wms_err *err);

/*
 * The payload of a parted event from its chunks in part order: text holds
 * the chunks joined; 0 and *payload (the caller decrefs), or
 * WMS_ERR_INVALID when the joined text is not a JSON object.
 */
int	bus_payload_join(const struct wms_buf *text, json_t **payload,
	    struct wms_err *err);

#endif
