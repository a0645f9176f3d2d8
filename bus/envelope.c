/* The bus envelope, version 1: build (with parts), parse strictly, check. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bus/envelope.h"
#include "lib/i18n.h"
#include "lib/json.h"
#include "lib/text.h"
#include "lib/time.h"
#include "lib/xmalloc.h"

/* A site code or a type token may go into a NATS subject as it is. */
static int
env_token_ok(const char *s, int dots)
{
	size_t n = 0;

	for (; s[n] != '\0'; n++) {
		if ((s[n] >= 'A' && s[n] <= 'Z') || (s[n] >= 'a' &&
		    s[n] <= 'z') || (s[n] >= '0' && s[n] <= '9') ||
		    s[n] == '-' || s[n] == '_')
			continue;
		/* A type may have dots ("transfer.ship"), not at its ends. */
		if (dots && s[n] == '.' && n > 0 && s[n + 1] != '\0' &&
		    s[n + 1] != '.')
			continue;
		return 0;
	}
	return n > 0 && n <= 40;
}

void
bus_subject(const char *site, const char *type, char out[128])
{
	snprintf(out, 128, "makhzan.%s.events.%s", site, type);
}

/*
 * The fields every part shares, in a new object, in this order; NULL when
 * a text is not valid UTF-8.  Set member by member: json_pack's reading of
 * its format was most of a relay's envelope.
 */
static json_t *
env_head(const struct bus_event *ev, int part, int parts)
{
	const struct {
		const char	*key;
		json_t		*value;
	} f[] = {
		{ "v", json_integer(BUS_ENVELOPE_VERSION) },
		{ "id", json_string(ev->id) },
		{ "site", json_string(ev->site) },
		{ "seq", json_integer((json_int_t)ev->seq) },
		{ "type", json_string(ev->type) },
		{ "at", json_string(ev->at) },
		{ "user", json_string(ev->user != NULL ? ev->user : "") },
		{ "part", json_integer(part) },
		{ "parts", json_integer(parts) },
	};
	json_t	*o = json_object();
	size_t	 i;
	int	 ok = 1;

	for (i = 0; i < sizeof f / sizeof f[0]; i++) {
		if (f[i].value == NULL)
			ok = 0;
		else
			json_object_set_new_nocheck(o, f[i].key, f[i].value);
	}
	if (!ok) {
		json_decref(o);
		return NULL;
	}
	return o;
}

static void
env_msg(struct bus_msg *m, const struct bus_event *ev, int part, int parts)
{
	memset(m, 0, sizeof *m);
	bus_subject(ev->site, ev->type, m->subject);
	if (parts == 1)
		snprintf(m->msg_id, sizeof m->msg_id, "%s", ev->id);
	else
		snprintf(m->msg_id, sizeof m->msg_id, "%s/%d", ev->id, part);
	m->part = part;
	m->parts = parts;
}

/*
 * The body of a one-part event: the head with the payload's text added
 * as it is.  -1 when the id, time or user is not valid UTF-8 (jansson
 * refuses to hold it).
 */
static int
env_body_one(struct wms_buf *b, const struct bus_event *ev,
    const char *payload, size_t len)
{
	json_t *head;

	if ((head = env_head(ev, 1, 1)) == NULL)
		return -1;
	wms_json_with_raw(b, head, "payload", payload, len);
	json_decref(head);
	return 0;
}

/* Where a slice of at most max bytes from s may end: not inside a character. */
static size_t
env_cut(const char *s, size_t len, size_t max)
{
	size_t n = len < max ? len : max;

	while (n > 0 && n < len && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	return n;
}

/* Cut the payload text into parts of chunk bytes: 0, or -1 if one is big. */
static int
env_parts(const struct bus_event *ev, size_t chunk, struct bus_msg **msgs,
    int *n)
{
	const char	*s = ev->payload;
	size_t		 len = strlen(s), at, k, cnt;
	json_t		*o;
	struct bus_msg	*m;

	for (cnt = 0, at = 0; at < len; cnt++)
		at += env_cut(s + at, len - at, chunk);
	if (cnt > BUS_MAX_PARTS)
		return -2;
	m = xcalloc(cnt, sizeof *m);
	for (k = 0, at = 0; k < cnt; k++) {
		size_t step = env_cut(s + at, len - at, chunk);

		env_msg(&m[k], ev, (int)k + 1, (int)cnt);
		o = env_head(ev, (int)k + 1, (int)cnt);
		json_object_set_new(o, "chunk", json_stringn(s + at, step));
		wms_json_buf(&m[k].body, o);
		json_decref(o);
		at += step;
		if (m[k].body.len > BUS_MAX_MSG) {
			bus_msgs_free(m, (int)cnt);
			return -1;
		}
	}
	*msgs = m;
	*n = (int)cnt;
	return 0;
}

int
bus_envelope_build(const struct bus_event *ev, struct bus_msg **msgs, int *n,
    struct wms_err *err)
{
	struct bus_msg	*m;
	size_t		 chunk, len;
	int		 rc;

	*msgs = NULL;
	*n = 0;
	if (!env_token_ok(ev->site, 0))
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("the site code \"%s\" cannot be part of a bus subject "
		    "(letters, digits, - and _ only)"), ev->site);
	if (!env_token_ok(ev->type, 1))
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("the event type \"%s\" cannot be part of a bus subject"),
		    ev->type);
	/*
	 * The payload is the JSON text jansson wrote at the posting: it goes
	 * in as it is, not parsed and written again (that was a fifth of the
	 * relay's work).  A cheap look keeps a damaged row from leaving:
	 * valid UTF-8 and an object's braces; the centre parses the whole.
	 */
	len = strlen(ev->payload);
	while (len > 0 && (ev->payload[len - 1] == ' ' ||
	    ev->payload[len - 1] == '\n'))
		len--;
	if (len < 2 || ev->payload[0] != '{' || ev->payload[len - 1] != '}' ||
	    !wms_utf8_valid(ev->payload, len))
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("event %lld: its payload is not a JSON object"),
		    (long long)ev->seq);
	m = xcalloc(1, sizeof *m);
	env_msg(m, ev, 1, 1);
	if (env_body_one(&m->body, ev, ev->payload, len) != 0) {
		bus_msgs_free(m, 1);
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("event %lld: its id, time or user is not valid UTF-8"),
		    (long long)ev->seq);
	}
	if (m->body.len <= BUS_MAX_MSG) {
		*msgs = m;
		*n = 1;
		return 0;
	}
	bus_msgs_free(m, 1);
	/* Text that is mostly quotes and backslashes doubles when escaped:
	 * halve the slices until every part fits. */
	for (chunk = BUS_CHUNK; chunk >= 4096; chunk /= 2) {
		if ((rc = env_parts(ev, chunk, msgs, n)) == 0)
			return 0;
		if (rc == -2)
			break;
	}
	return wms_err_set(err, WMS_ERR_INVALID,
	    _("event %lld is too large to send even in %d parts"),
	    (long long)ev->seq, BUS_MAX_PARTS);
}

void
bus_msgs_free(struct bus_msg *msgs, int n)
{
	int i;

	for (i = 0; i < n; i++)
		wms_buf_free(&msgs[i].body);
	free(msgs);
}

/* A UUID in canonical text form: 8-4-4-4-12 lowercase hex digits. */
static int
env_uuid_ok(const char *s)
{
	size_t i;

	if (strlen(s) != 36)
		return 0;
	for (i = 0; i < 36; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (s[i] != '-')
				return 0;
		} else if (!((s[i] >= '0' && s[i] <= '9') ||
		    (s[i] >= 'a' && s[i] <= 'f'))) {
			return 0;
		}
	}
	return 1;
}

static const char *const env_fields[] = {
	"v", "id", "site", "seq", "type", "at", "user", "part", "parts",
	"payload", "chunk", NULL
};

int
bus_envelope_parse(const void *body, size_t n, struct bus_envelope *e,
    struct wms_err *err)
{
	json_error_t	 jerr;
	const char	*key;
	json_t		*v, *o;
	json_int_t	 ver, seq, part, parts;
	int		 i, known;

	memset(e, 0, sizeof *e);
	if (n > BUS_MAX_MSG)
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("message of %zu bytes: more than the %d allowed"), n,
		    BUS_MAX_MSG);
	o = json_loadb(body, n, JSON_REJECT_DUPLICATES, &jerr);
	if (o == NULL)
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("not a JSON envelope: %s at byte %d"), jerr.text,
		    jerr.position);
	e->root = o;
	if (!json_is_object(o))
		goto bad_shape;
	json_object_foreach(o, key, v) {
		for (known = 0, i = 0; env_fields[i] != NULL; i++)
			known |= strcmp(env_fields[i], key) == 0;
		if (!known) {
			wms_err_set(err, WMS_ERR_INVALID,
			    _("envelope field \"%s\" is not in version %d"),
			    key, BUS_ENVELOPE_VERSION);
			goto fail;
		}
	}
	if (json_unpack_ex(o, &jerr, 0, "{sI ss ss sI ss ss ss sI sI}", "v",
	    &ver, "id", &e->id, "site", &e->site, "seq", &seq, "type",
	    &e->type, "at", &e->at, "user", &e->user, "part", &part,
	    "parts", &parts) != 0)
		goto bad_shape;
	if (ver != BUS_ENVELOPE_VERSION) {
		wms_err_set(err, WMS_ERR_INVALID,
		    _("envelope version %lld: this makhzan reads version %d"),
		    (long long)ver, BUS_ENVELOPE_VERSION);
		goto fail;
	}
	e->v = (int)ver;
	e->seq = seq;
	if (!env_uuid_ok(e->id) || !env_token_ok(e->site, 0) ||
	    !env_token_ok(e->type, 1) || seq < 0 ||
	    wms_time_parse(e->at, &(time_t){ 0 }) != 0 || strlen(e->at) != 24 ||
	    strlen(e->user) > 64 || part < 1 || parts < 1 ||
	    parts > BUS_MAX_PARTS || part > parts)
		goto bad_value;
	e->part = (int)part;
	e->parts = (int)parts;
	e->payload = json_object_get(o, "payload");
	v = json_object_get(o, "chunk");
	if (parts == 1) {
		if (!json_is_object(e->payload) || v != NULL)
			goto bad_shape;
	} else {
		if (e->payload != NULL || !json_is_string(v))
			goto bad_shape;
		e->chunk = json_string_value(v);
		e->chunklen = json_string_length(v);
	}
	return 0;
bad_shape:
	wms_err_set(err, WMS_ERR_INVALID,
	    _("the envelope lacks a field or has one of the wrong type"));
	goto fail;
bad_value:
	wms_err_set(err, WMS_ERR_INVALID,
	    _("the envelope has a field out of its form (id, site, seq, "
	    "type, time, user or part)"));
fail:
	bus_envelope_fini(e);
	return WMS_ERR_INVALID;
}

void
bus_envelope_fini(struct bus_envelope *e)
{
	json_decref(e->root);
	memset(e, 0, sizeof *e);
}

int
bus_subject_check(const char *subject, const struct bus_envelope *e,
    struct wms_err *err)
{
	char want[128];

	bus_subject(e->site, e->type, want);
	if (subject == NULL || strcmp(subject, want) != 0)
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("sent on %s, but the envelope says %s"),
		    subject != NULL ? subject : "?", want);
	return 0;
}

int
bus_payload_join(const struct wms_buf *text, json_t **payload,
    struct wms_err *err)
{
	json_error_t jerr;

	*payload = json_loadb(text->data != NULL ? text->data : "", text->len,
	    JSON_REJECT_DUPLICATES, &jerr);
	if (!json_is_object(*payload)) {
		json_decref(*payload);
		*payload = NULL;
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("the joined parts are not a JSON object"));
	}
	return 0;
}
