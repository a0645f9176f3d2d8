/* The audit chain (who did what, BLAKE2b-chained) and the outbox of events. */
#include <stdio.h>
#include <string.h>
#include <sys/time.h>

#include <sodium.h>

#include "core/audit.h"
#include "core/wms.h"
#include "data/db-user.h"
#include "lib/i18n.h"

#define AUDIT_HASH_HEX	(crypto_generichash_BYTES * 2 + 1)
_Static_assert(AUDIT_HASH_HEX == 65, "db_audit_head() keeps 64 hex digits");

static void
audit_feed(crypto_generichash_state *h, const char *s)
{
	static const unsigned char sep = '\n';

	if (s != NULL)
		crypto_generichash_update(h, (const unsigned char *)s,
		    strlen(s));
	/* NULL and "" hash differently: a missing doc is a 0x01 byte. */
	else
		crypto_generichash_update(h, (const unsigned char *)"\1", 1);
	crypto_generichash_update(h, &sep, 1);
}

/* The hash of one entry, from its fields and the previous entry's hash. */
static void
audit_hash(const char *prev, int64_t seq, const char *at, const char *user,
    const char *action, const char *doc, const char *detail,
    char out[AUDIT_HASH_HEX])
{
	crypto_generichash_state	h;
	unsigned char			bin[crypto_generichash_BYTES];
	char				num[24];

	snprintf(num, sizeof num, "%lld", (long long)seq);
	crypto_generichash_init(&h, NULL, 0, sizeof bin);
	audit_feed(&h, prev != NULL ? prev : "");
	audit_feed(&h, num);
	audit_feed(&h, at);
	audit_feed(&h, user);
	audit_feed(&h, action);
	audit_feed(&h, doc);
	audit_feed(&h, detail);
	crypto_generichash_final(&h, bin, sizeof bin);
	sodium_bin2hex(out, AUDIT_HASH_HEX, bin, sizeof bin);
}

int
wms_audit_add(struct wms *w, const char *action, const char *doc,
    const char *detail, struct wms_err *err)
{
	struct db_audit_entry	e;
	char			hash[AUDIT_HASH_HEX], prev[AUDIT_HASH_HEX];
	char			at[32];
	int64_t			seq;
	int			rc;

	if ((rc = db_audit_head(wms_db(w), &seq, prev, err)) != 1)
		return rc < 0 ? rc : wms_err_set(err, WMS_ERR_CORRUPT,
		    _("the audit counter row is missing"));
	wms_now_iso(w, at);
	e.seq = seq + 1;
	e.at = at;
	e.user = wms_user_name(w);
	e.action = action;
	e.doc = doc;
	e.detail = detail;
	audit_hash(prev, e.seq, at, e.user, action, doc, detail, hash);
	e.hash = hash;
	return db_audit_append(wms_db(w), &e, err);
}

/* The walk of wms_audit_verify: where it is and what went wrong. */
struct audit_walk {
	char		 prev[AUDIT_HASH_HEX];
	int64_t		 expect;	/* the seq the next entry must have */
	int		 rc;
	struct wms_err	*err;
};

static int
audit_check(const struct db_audit_entry *e, void *arg)
{
	struct audit_walk	*v = arg;
	char			 want[AUDIT_HASH_HEX];

	if (e->seq > v->expect) {
		v->rc = wms_err_set(v->err, WMS_ERR_CORRUPT,
		    _("audit: entries %lld to %lld are missing (deleted)"),
		    (long long)v->expect, (long long)e->seq - 1);
		return 1;
	}
	if (e->seq < v->expect) {
		v->rc = wms_err_set(v->err, WMS_ERR_CORRUPT,
		    _("audit: entry %lld is out of sequence (inserted)"),
		    (long long)e->seq);
		return 1;
	}
	audit_hash(v->prev, e->seq, e->at, e->user, e->action, e->doc,
	    e->detail, want);
	if (e->hash == NULL || strcmp(want, e->hash) != 0) {
		v->rc = wms_err_set(v->err, WMS_ERR_CORRUPT,
		    _("audit: entry %lld (%s by %s at %s) was altered: its "
		    "hash does not match its contents"), (long long)e->seq,
		    e->action, e->user, e->at);
		return 1;
	}
	snprintf(v->prev, sizeof v->prev, "%s", want);
	v->expect++;
	return 0;
}

int
wms_audit_verify(struct wms *w, int64_t *checked, struct wms_err *err)
{
	struct audit_walk	v = { .prev = "", .expect = 1, .err = err };
	char			head[AUDIT_HASH_HEX];
	int64_t			last;
	int			rc;

	*checked = 0;
	if ((rc = wms_require(w, WMS_PERM_READ, err)) != 0)
		return rc;
	if ((rc = db_audit_head(wms_db(w), &last, head, err)) != 1)
		return rc < 0 ? rc : wms_err_set(err, WMS_ERR_CORRUPT,
		    _("audit: the counter row is missing"));
	rc = db_audit_each(wms_db(w), audit_check, &v, err);
	*checked = v.expect - 1;
	if (rc != 0 || (rc = v.rc) != 0)
		return rc;
	if (v.expect - 1 > last)
		return wms_err_set(err, WMS_ERR_CORRUPT,
		    _("audit: entries %lld to %lld were inserted: only %lld "
		    "entries were written"), (long long)last + 1,
		    (long long)v.expect - 1, (long long)last);
	if (v.expect - 1 != last || strcmp(v.prev, head) != 0)
		return wms_err_set(err, WMS_ERR_CORRUPT,
		    _("audit: the log ends at entry %lld but %lld entries were "
		    "written (the last ones were deleted)"),
		    (long long)v.expect - 1, (long long)last);
	return 0;
}

void
wms_uuid7(int64_t ms, char out[37])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char	b[16];
	char		*o;
	int		i;

	static int64_t	last_ms = -1;
	static unsigned	counter;

	randombytes_buf(b, sizeof b);
	/*
	 * Ids made in the same millisecond by this process stay in order:
	 * the 12 bits after the version count up from a random start
	 * (RFC 9562, method 1).  A clock set back (the demo's history) gets
	 * ids of its own time, not ordered with the later ones.
	 */
	if (ms == last_ms && counter < 0xfff)
		counter++;
	else
		counter = b[7] & 0x7f;
	last_ms = ms;
	b[6] = (unsigned char)(counter >> 8);
	b[7] = (unsigned char)(counter & 0xff);
	for (i = 0; i < 6; i++)
		b[i] = (unsigned char)(ms >> (8 * (5 - i)));
	b[6] = (unsigned char)(0x70 | (b[6] & 0x0f));	/* version 7 */

	b[8] = (unsigned char)(0x80 | (b[8] & 0x3f));	/* variant 10 */
	/* 8-4-4-4-12 hex digits (one posting's snprintf of 16 %02x: 2%). */
	for (i = 0, o = out; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			*o++ = '-';
		*o++ = hex[b[i] >> 4];
		*o++ = hex[b[i] & 0x0f];
	}
	*o = '\0';
}

int
wms_outbox_add(struct wms *w, const char *type, const char *payload,
    int64_t *seqp, struct wms_err *err)
{
	struct timeval	tv;
	char		id[37], at[32], subject[128];
	int64_t		seq, ms;
	int		rc;

	if ((rc = db_outbox_next(wms_db(w), &seq, err)) != 1)
		return rc < 0 ? rc : wms_err_set(err, WMS_ERR_CORRUPT,
		    _("the outbox counter row is missing"));
	*seqp = seq;
	/*
	 * The real clock to the millisecond, unless the session's clock is
	 * set elsewhere (the demo's history).  The session's clock is read
	 * at the start of the posting, so a second may have begun since:
	 * within a second of it, the clock still counts as the real one
	 * (taking the session's whole second then made ids go backwards).
	 */
	gettimeofday(&tv, NULL);
	ms = (int64_t)wms_now(w) * 1000;
	if (ms / 1000 >= tv.tv_sec - 1 && ms / 1000 <= tv.tv_sec + 1)
		ms = (int64_t)tv.tv_sec * 1000 + tv.tv_usec / 1000;
	wms_uuid7(ms, id);
	wms_now_iso(w, at);
	snprintf(subject, sizeof subject, "makhzan.%s.events.%s",
	    wms_site(w), type);
	return db_outbox_add(wms_db(w), seq, id, type, subject, payload, at,
	    err);
}
