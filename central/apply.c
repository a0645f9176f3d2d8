/* One batch from the stream into PostgreSQL: verify, keep, apply in order. */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "bus/envelope.h"
#include "bus/merkle.h"
#include "bus/sign.h"
#include "central/apply.h"
#include "central/stmt.h"
#include "lib/hmap.h"
#include "lib/i18n.h"
#include "lib/json.h"
#include "lib/text.h"
#include "lib/time.h"
#include "lib/xmalloc.h"

/* At most this many events, and parts, applied per site in one go. */
#define RUN_EVENTS	2000
#define RUN_PARTS	64
/* Times a batch is tried when PostgreSQL breaks a deadlock. */
#define TRIES		5

/* A message during its batch. */
struct amsg {
	struct central_msg	*m;
	struct bus_envelope	 e;
	int			 parsed;	/* e holds the envelope */
	int			 heartbeat;
	int			 valid;		/* key and signature good */
	int			 newpart;	/* its part was not kept before */
	unsigned char		 pk[BUS_PK_BYTES];	/* the key checked with */
	int			 sig_done, sig_ok;
	char			*proof;		/* Makhzan-Proof, or NULL */
	int			 proof_bad;	/* it does not fold to a root */
	void			*owner;		/* non-NULL: key good, sig to see */
	char			 site[48];	/* for quarantine */
	char			 bad[512];	/* why it is refused, from parsing */
	char			 reason[600];	/* why it is quarantined */
};

struct central_batch {
	struct central_keys	*keys;		/* NULL: none kept */
	struct central_pg	*pg;
	struct amsg		*am;
	int			 n;
	int			*order;		/* valid events by site, seq, part */
	int			 norder;
	struct wms_hmap		 byid;		/* single-part events by id */
	struct central_counts	*c;
};

/* Text that PostgreSQL takes: valid UTF-8, no NUL or control byte. */
static char *
clean_dup(const char *s, size_t max)
{
	struct wms_buf	b = { 0 };
	uint32_t	cp;
	size_t		len, i;
	int		k;

	if (s == NULL)
		return NULL;
	len = strlen(s);
	if (len > max)
		len = max;
	for (i = 0; i < len; ) {
		k = wms_utf8_next(s + i, len - i, &cp);
		if (k < 0 || (cp < 0x20 && cp != '\n' && cp != '\t') ||
		    cp == 0x7f) {
			wms_buf_addc(&b, '?');
			i++;
			continue;
		}
		wms_buf_add(&b, s + i, (size_t)k);
		i += (size_t)k;
	}
	if (b.data == NULL)
		wms_buf_adds(&b, "");
	return wms_buf_steal(&b);
}

static void
refuse(struct amsg *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
refuse(struct amsg *a, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(a->reason, sizeof a->reason, fmt, ap);
	va_end(ap);
	a->valid = 0;
	a->m->outcome = CENTRAL_QUARANTINED;
}

/* The site token of a subject makhzan.<SITE>.events.<type>. */
static void
subject_site(const char *subject, char *out, size_t n)
{
	const char	*p, *q;

	out[0] = '\0';
	if (subject == NULL || strncmp(subject, "makhzan.", 8) != 0)
		return;
	p = subject + 8;
	q = strchr(p, '.');
	snprintf(out, n, "%.*s", (int)(q != NULL ? (size_t)(q - p) :
	    strlen(p)), p);
}

static int
keyid_ok(const char *s)
{
	size_t i;

	if (s == NULL || strlen(s) != 16)
		return 0;
	for (i = 0; i < 16; i++) {
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' &&
		    s[i] <= 'f')))
			return 0;
	}
	return 1;
}

/*
 * The Makhzan-Proof header from the "Name: value" lines, as a copy, or
 * NULL when there is none (a message signed alone).
 */
static char *
header_proof(const char *headers)
{
	static const char	 name[] = BUS_HDR_PROOF ": ";
	const char		*p = headers;
	size_t			 n;

	while (p != NULL && *p != '\0') {
		if (strncmp(p, name, sizeof name - 1) == 0) {
			p += sizeof name - 1;
			n = strcspn(p, "\n");
			return xstrndup(p, n);
		}
		p = strchr(p, '\n');
		if (p != NULL)
			p++;
	}
	return NULL;
}

/* Read every message once, before any transaction: what can be read. */
static void
batch_parse(struct central_batch *b)
{
	struct wms_err	 err;
	struct amsg	*a;
	bus_hash	 path[BUS_MERKLE_MAX_PATH];
	uint64_t	 idx, size;
	int		 i, hb, np;

	for (i = 0; i < b->n; i++) {
		a = &b->am[i];
		subject_site(a->m->subject, a->site, sizeof a->site);
		a->proof = header_proof(a->m->headers);
		if (bus_envelope_parse(a->m->body, a->m->len, &a->e,
		    &err) != 0) {
			snprintf(a->bad, sizeof a->bad, "%s", err.msg);
			continue;
		}
		a->parsed = 1;
		snprintf(a->site, sizeof a->site, "%s", a->e.site);
		hb = strcmp(a->e.type, "heartbeat") == 0;
		if (bus_subject_check(a->m->subject, &a->e, &err) != 0)
			snprintf(a->bad, sizeof a->bad, "%s", err.msg);
		else if (hb != (a->e.seq == BUS_SEQ_NONE) || (hb &&
		    a->e.parts != 1))
			snprintf(a->bad, sizeof a->bad, _("a heartbeat has "
			    "sequence 0 and one part, an event a sequence "
			    "from 1"));
		else if (a->m->key_id == NULL || a->m->sig == NULL)
			snprintf(a->bad, sizeof a->bad, _("no %s or %s "
			    "header: the message is not signed"), BUS_HDR_KEY,
			    BUS_HDR_SIG);
		else if (!keyid_ok(a->m->key_id))
			snprintf(a->bad, sizeof a->bad, _("the key id is not "
			    "16 hex digits"));
		else if (a->proof != NULL && bus_merkle_proof_parse(a->proof,
		    &idx, &size, path, &np) != 0)
			snprintf(a->bad, sizeof a->bad, _("bad proof: the %s "
			    "header is not index/size/ and the base64 of its "
			    "path"), BUS_HDR_PROOF);
		a->heartbeat = hb;
	}
}

/* Windows whose signature was checked: this many remembered. */
#define WINDOWS		512

/*
 * Public keys seen, by key id: a hint for checking signatures early.  And
 * the windows whose one signature over their root was found good, so that
 * a window costs one Ed25519 check, not one a message.
 */
struct central_keys {
	pthread_mutex_t	 mu;
	struct {
		char		id[BUS_KEYID_TEXT];
		unsigned char	pk[BUS_PK_BYTES];
	}		*k;
	size_t		 n;
	struct window {
		char		id[BUS_KEYID_TEXT];
		unsigned char	pk[BUS_PK_BYTES];
		bus_hash	root;
		uint64_t	size;
		char		sig[BUS_SIG_TEXT];
	}		 win[WINDOWS];
	size_t		 nwin, next;
};

struct central_keys *
central_keys_new(void)
{
	struct central_keys *ks = xcalloc(1, sizeof *ks);

	pthread_mutex_init(&ks->mu, NULL);
	return ks;
}

void
central_keys_free(struct central_keys *ks)
{
	if (ks == NULL)
		return;
	pthread_mutex_destroy(&ks->mu);
	free(ks->k);
	free(ks);
}

/* The key last seen under id into pk: 1, or 0 when none was. */
static int
keys_get(struct central_keys *ks, const char *id, unsigned char *pk)
{
	size_t	i;
	int	found = 0;

	if (ks == NULL)
		return 0;
	pthread_mutex_lock(&ks->mu);
	for (i = 0; i < ks->n && !found; i++) {
		if (strcmp(ks->k[i].id, id) == 0) {
			memcpy(pk, ks->k[i].pk, BUS_PK_BYTES);
			found = 1;
		}
	}
	pthread_mutex_unlock(&ks->mu);
	return found;
}

static void
keys_put(struct central_keys *ks, const char *id, const unsigned char *pk)
{
	size_t i;

	if (ks == NULL || strlen(id) >= BUS_KEYID_TEXT)
		return;
	pthread_mutex_lock(&ks->mu);
	for (i = 0; i < ks->n && strcmp(ks->k[i].id, id) != 0; i++)
		;
	if (i == ks->n) {
		ks->k = xreallocarray(ks->k, ks->n + 1, sizeof *ks->k);
		snprintf(ks->k[i].id, sizeof ks->k[i].id, "%s", id);
		ks->n++;
	}
	memcpy(ks->k[i].pk, pk, BUS_PK_BYTES);
	pthread_mutex_unlock(&ks->mu);
}

/*
 * Is this window's signature known good (key, root, size, sig)?  The
 * latest first: a window's messages come together.
 */
static int
window_known(struct central_keys *ks, const struct window *w)
{
	size_t	i, k;
	int	found = 0;

	pthread_mutex_lock(&ks->mu);
	for (k = 0; k < ks->nwin && !found; k++) {
		i = (ks->next + WINDOWS - 1 - k) % WINDOWS;
		found = ks->win[i].size == w->size &&
		    memcmp(ks->win[i].root, w->root, sizeof w->root) == 0 &&
		    memcmp(ks->win[i].pk, w->pk, sizeof w->pk) == 0 &&
		    strcmp(ks->win[i].id, w->id) == 0 &&
		    strcmp(ks->win[i].sig, w->sig) == 0;
	}
	pthread_mutex_unlock(&ks->mu);
	return found;
}

static void
window_put(struct central_keys *ks, const struct window *w)
{
	pthread_mutex_lock(&ks->mu);
	ks->win[ks->next] = *w;
	ks->next = (ks->next + 1) % WINDOWS;
	if (ks->nwin < WINDOWS)
		ks->nwin++;
	pthread_mutex_unlock(&ks->mu);
}

/*
 * A message with a proof: its body and proof lead to a root; the window's
 * signature, by the message's key, must cover that root and the window's
 * size (bus/merkle.h).  Checked once a window: a good one is remembered.
 */
static int
verify_proof(struct central_keys *ks, struct amsg *a)
{
	unsigned char	msg[BUS_MERKLE_MSG_MAX];
	struct window	w;
	struct wms_err	err;
	size_t		len;

	memset(&w, 0, sizeof w);
	if (bus_merkle_proof_root(a->m->body, a->m->len, a->proof, &w.size,
	    w.root) != 0) {
		a->proof_bad = 1;
		return 0;
	}
	a->proof_bad = 0;
	memcpy(w.pk, a->pk, sizeof w.pk);
	/* The key id is signed too (bus_merkle_window_msg). */
	if (strlen(a->m->sig) >= sizeof w.sig ||
	    strlen(a->m->key_id) >= sizeof w.id)
		return 0;
	memcpy(w.id, a->m->key_id, strlen(a->m->key_id) + 1);
	memcpy(w.sig, a->m->sig, strlen(a->m->sig) + 1);
	if (ks != NULL && window_known(ks, &w))
		return 1;
	len = bus_merkle_window_msg(a->m->key_id, w.size, w.root, msg);
	if (bus_verify(a->pk, msg, len, a->m->sig, &err) != 0)
		return 0;
	if (ks != NULL)
		window_put(ks, &w);
	return 1;
}

/* Signatures to check: Ed25519 is the batch's dearest work. */
struct vjob {
	struct central_keys	*keys;
	struct amsg		*am;
	int			*idx;
	int			 n;
};

static void *
verify_some(void *arg)
{
	struct vjob	*j = arg;
	struct wms_err	 err;
	struct amsg	*a;
	int		 k;

	for (k = 0; k < j->n; k++) {
		a = &j->am[j->idx[k]];
		if (a->proof != NULL)
			a->sig_ok = verify_proof(j->keys, a);
		else
			a->sig_ok = bus_verify(a->pk, a->m->body, a->m->len,
			    a->m->sig, &err) == 0;
		a->sig_done = 1;
	}
	return NULL;
}

/*
 * Check the n signatures listed in idx, half of them in a second thread
 * when there are many: the other core would otherwise wait for this one.
 * Messages of one window mostly fall in one half: the window's signature
 * is then checked once in each at most.
 */
static void
verify_all(struct central_keys *keys, struct amsg *am, int *idx, int n)
{
	struct vjob	one = { .keys = keys, .am = am, .idx = idx,
			    .n = n / 2 };
	struct vjob	two = { .keys = keys, .am = am, .idx = idx + n / 2,
			    .n = n - n / 2 };
	pthread_t	th;

	if (n < 32 || pthread_create(&th, NULL, verify_some, &one) != 0) {
		one.n = 0;
		two.idx = idx;
		two.n = n;
		verify_some(&two);
		return;
	}
	verify_some(&two);
	pthread_join(th, NULL);
}

/*
 * Find the keys of the batch (in the transaction: a key revoked a moment
 * ago counts) and check each signature (once per message and key, even
 * when the transaction is tried again).
 */
static int
batch_verify(struct central_batch *b, struct wms_err *err)
{
	struct central_arr	 ids = { 0 };
	unsigned char		 pk[BUS_PK_BYTES];
	struct wms_err		 verr;
	struct amsg		*a;
	PGresult		*res;
	const char		*v[1], *owner;
	int			*todo, ntodo = 0, i, r, found;

	for (i = 0; i < b->n; i++) {
		a = &b->am[i];
		a->valid = 0;
		a->newpart = 0;
		a->m->outcome = 0;
		a->reason[0] = '\0';
		a->owner = NULL;
		if (!a->parsed || a->bad[0] != '\0') {
			refuse(a, "%s", a->bad);
			continue;
		}
		central_arr_str(&ids, a->m->key_id);
	}
	v[0] = central_arr_text(&ids);
	res = central_run(b->pg, CS_KEYS_FIND, 1, v, 0, err);
	central_arr_free(&ids);
	if (res == NULL)
		return err->rc;
	todo = xcalloc((size_t)b->n + 1, sizeof *todo);
	for (i = 0; i < b->n; i++) {
		a = &b->am[i];
		if (a->m->outcome == CENTRAL_QUARANTINED)
			continue;
		for (found = -1, r = 0; r < PQntuples(res); r++) {
			if (strcmp(central_val(res, r, 0), a->m->key_id) == 0)
				found = r;
		}
		if (found < 0) {
			refuse(a, _("unknown key %s: no site registered it "
			    "(makhzan central sites add)"), a->m->key_id);
			continue;
		}
		owner = central_val(res, found, 1);
		if (strcmp(owner, a->e.site) != 0) {
			refuse(a, _("key %s belongs to site %s, not to %s"),
			    a->m->key_id, owner, a->e.site);
			continue;
		}
		if (strcmp(central_val(res, found, 4), "t") == 0) {
			refuse(a, _("site %s is revoked"), owner);
			continue;
		}
		if (strcmp(central_val(res, found, 3), "t") == 0) {
			refuse(a, _("key %s of site %s is revoked"),
			    a->m->key_id, owner);
			continue;
		}
		if (bus_key_parse_public(central_val(res, found, 2), pk,
		    &verr) != 0) {
			refuse(a, _("the key %s registered for %s is not a "
			    "public key"), a->m->key_id, owner);
			continue;
		}
		keys_put(b->keys, a->m->key_id, pk);
		if (!a->sig_done || memcmp(a->pk, pk, sizeof pk) != 0) {
			memcpy(a->pk, pk, sizeof pk);
			a->sig_done = 0;
			todo[ntodo++] = i;
		}
		a->owner = &b->am[i];	/* to be decided below */
	}
	PQclear(res);
	verify_all(b->keys, b->am, todo, ntodo);
	free(todo);
	for (i = 0; i < b->n; i++) {
		a = &b->am[i];
		if (a->owner == NULL)
			continue;
		if (!a->sig_ok && a->proof != NULL && a->proof_bad) {
			refuse(a, _("bad proof: the %s header does not fit "
			    "its index and window size"), BUS_HDR_PROOF);
			continue;
		}
		if (!a->sig_ok && a->proof != NULL) {
			refuse(a, _("bad signature: this body and its %s lead "
			    "to a window root that site %s did not sign with "
			    "key %s"), BUS_HDR_PROOF, a->e.site,
			    a->m->key_id);
			continue;
		}
		if (!a->sig_ok) {
			refuse(a, _("bad signature: this is not what site %s "
			    "signed with key %s"), a->e.site, a->m->key_id);
			continue;
		}
		a->valid = 1;
	}
	return 0;
}

static int
quarantine_one(struct central_batch *b, struct amsg *a, struct wms_err *err)
{
	const char	*v[8];
	int		 len[8] = { 0 }, fmt[8] = { 0 };
	char		 seq[24], *s[7];
	PGresult	*res;
	int		 i;

	snprintf(seq, sizeof seq, "%lld", (long long)a->m->stream_seq);
	s[0] = clean_dup(a->m->subject != NULL ? a->m->subject : "", 512);
	s[1] = clean_dup(a->m->msg_id, 128);
	s[2] = a->site[0] != '\0' ? clean_dup(a->site, 48) : NULL;
	s[3] = clean_dup(a->m->key_id, 64);
	s[4] = clean_dup(a->reason, sizeof a->reason);
	s[5] = clean_dup(a->m->headers, 8192);
	v[0] = a->m->stream_seq > 0 ? seq : NULL;
	for (i = 0; i < 6; i++)
		v[i + 1] = s[i];
	v[7] = a->m->body != NULL ? a->m->body : "";
	len[7] = (int)a->m->len;
	fmt[7] = 1;
	res = central_run_bin(b->pg, CS_QUARANTINE_ADD, 8, v, len, fmt, err);
	for (i = 0; i < 6; i++)
		free(s[i]);
	if (res == NULL)
		return err->rc;
	PQclear(res);
	return 0;
}

/* Valid events by (site, seq, part): every transaction locks in one order. */
/* For qsort and the hash map's eq (no closure argument); per thread. */
static _Thread_local struct central_batch *sort_batch;

static int
order_cmp(const void *x, const void *y)
{
	const struct amsg	*a = &sort_batch->am[*(const int *)x];
	const struct amsg	*b = &sort_batch->am[*(const int *)y];
	int			 c;

	if ((c = strcmp(a->e.site, b->e.site)) != 0)
		return c;
	if (a->e.seq != b->e.seq)
		return a->e.seq < b->e.seq ? -1 : 1;
	if ((c = strcmp(a->e.id, b->e.id)) != 0)
		return c;
	return a->e.part - b->e.part;
}

static int
id_eq(size_t pos, const void *arg)
{
	const struct amsg *a = &sort_batch->am[pos];

	return strcmp(a->e.id, arg) == 0;
}

/* Keep the parts as evidence; note which were new. */
static int
batch_keep(struct central_batch *b, struct wms_err *err)
{
	struct central_arr	 a[11] = { { { 0 } } };
	const char		*v[11];
	struct amsg		*m;
	PGresult		*res;
	int			 i, k, r;

	b->norder = 0;
	for (i = 0; i < b->n; i++) {
		if (b->am[i].valid && !b->am[i].heartbeat)
			b->order[b->norder++] = i;
	}
	if (b->norder == 0)
		return 0;
	sort_batch = b;
	qsort(b->order, (size_t)b->norder, sizeof *b->order, order_cmp);
	for (k = 0; k < b->norder; k++) {
		m = &b->am[b->order[k]];
		central_arr_str(&a[0], m->e.id);
		central_arr_int(&a[1], m->e.part);
		central_arr_int(&a[2], m->e.parts);
		central_arr_str(&a[3], m->e.site);
		central_arr_int(&a[4], m->e.seq);
		central_arr_str(&a[5], m->e.type);
		central_arr_str(&a[6], m->m->key_id);
		central_arr_str(&a[7], m->m->sig);
		central_arr_str(&a[8], m->m->subject);
		central_arr_bytea(&a[9], m->m->body, m->m->len);
		/* With the signature, what re-verifies it (NULL: alone). */
		central_arr_str(&a[10], m->proof);
	}
	for (i = 0; i < 11; i++)
		v[i] = central_arr_text(&a[i]);
	res = central_run(b->pg, CS_PART_ADD, 11, v, 0, err);
	for (i = 0; i < 11; i++)
		central_arr_free(&a[i]);
	if (res == NULL)
		return err->rc;
	/* RETURNING event_id, part: the parts that were new. */
	for (r = 0; r < PQntuples(res); r++) {
		for (k = 0; k < b->norder; k++) {
			m = &b->am[b->order[k]];
			if (!m->newpart && m->e.part == central_int(res, r,
			    1) && strcmp(m->e.id, central_val(res, r, 0)) ==
			    0) {
				m->newpart = 1;
				break;
			}
		}
	}
	PQclear(res);
	for (k = 0; k < b->norder; k++) {
		m = &b->am[b->order[k]];
		m->m->outcome = m->newpart ? CENTRAL_KEPT : CENTRAL_DUPLICATE;
	}
	return 0;
}

/*
 * Record the events whose parts are all here; a (site, seq) taken by
 * another event quarantines this one.
 */
static int
batch_events(struct central_batch *b, struct wms_err *err)
{
	struct central_arr	 a[7] = { { { 0 } } }, ids = { 0 };
	const char		*v[7];
	struct amsg		*m;
	PGresult		*res = NULL, *cnt = NULL, *own = NULL;
	char			*complete;
	int			 i, k, r, rc = 0, n = 0, found;

	if (b->norder == 0)
		return 0;
	complete = xcalloc((size_t)b->norder, 1);
	/* How many parts of each parted event are kept now. */
	for (k = 0; k < b->norder; k++) {
		m = &b->am[b->order[k]];
		if (m->e.parts > 1)
			central_arr_str(&ids, m->e.id);
		else
			complete[k] = 1;
	}
	if (ids.n > 0) {
		v[0] = central_arr_text(&ids);
		if ((cnt = central_run(b->pg, CS_PART_COUNT, 1, v, 0, err)) ==
		    NULL) {
			rc = err->rc;
			goto out;
		}
		for (k = 0; k < b->norder; k++) {
			m = &b->am[b->order[k]];
			for (r = 0; m->e.parts > 1 && r < PQntuples(cnt); r++) {
				if (strcmp(central_val(cnt, r, 0), m->e.id) ==
				    0 && central_int(cnt, r, 1) >= m->e.parts)
					complete[k] = 1;
			}
		}
	}
	central_arr_reset(&ids);
	for (k = 0; k < b->norder; k++) {
		m = &b->am[b->order[k]];
		/* One row per event: its first message in the order. */
		if (!complete[k] || (k > 0 && strcmp(b->am[b->order[k -
		    1]].e.id, m->e.id) == 0))
			continue;
		central_arr_str(&a[0], m->e.id);
		central_arr_str(&a[1], m->e.site);
		central_arr_int(&a[2], m->e.seq);
		central_arr_str(&a[3], m->e.type);
		central_arr_str(&a[4], m->e.at);
		central_arr_str(&a[5], m->e.user);
		central_arr_int(&a[6], m->e.parts);
		n++;
	}
	if (n == 0)
		goto out;
	for (i = 0; i < 7; i++)
		v[i] = central_arr_text(&a[i]);
	if ((res = central_run(b->pg, CS_EVENT_ADD, 7, v, 0, err)) == NULL) {
		rc = err->rc;
		goto out;
	}
	if (PQntuples(res) == n)
		goto out;
	/* Not inserted: kept before (a duplicate), or its seq is taken. */
	v[0] = central_arr_text(&a[0]);
	if ((own = central_run(b->pg, CS_EVENT_OWNER, 1, v, 0, err)) == NULL) {
		rc = err->rc;
		goto out;
	}
	for (k = 0; k < b->norder; k++) {
		m = &b->am[b->order[k]];
		if (!complete[k])
			continue;
		for (found = -1, r = 0; r < PQntuples(own) && found < 0; r++) {
			if (strcmp(central_val(own, r, 0), m->e.id) == 0)
				found = r;
		}
		if (found >= 0 && strcmp(central_val(own, found, 1),
		    m->e.site) == 0 && central_int(own, found, 2) == m->e.seq)
			continue;	/* kept before: a duplicate */
		if (found >= 0)
			/* A depot's database copied to make another site. */
			refuse(m, _("event %s is already event %lld of site "
			    "%s: this copy (site %s, %lld) is not applied"),
			    m->e.id, (long long)central_int(own, found, 2),
			    central_val(own, found, 1), m->e.site,
			    (long long)m->e.seq);
		else
			refuse(m, _("sequence %lld of site %s is another "
			    "event's: this one (%s) is not applied"),
			    (long long)m->e.seq, m->e.site, m->e.id);
		if ((rc = quarantine_one(b, m, err)) != 0)
			goto out;
		b->c->quarantined++;
	}
out:
	PQclear(res);
	PQclear(cnt);
	PQclear(own);
	for (i = 0; i < 7; i++)
		central_arr_free(&a[i]);
	central_arr_free(&ids);
	free(complete);
	return rc;
}

/* What a run of events adds up to, written in a few statements. */
struct bal {
	char	*loc, *item, *lot;
	int64_t	 qty, value;
};

struct line {
	char	*doc;
	int64_t	 last;
};

struct status {
	char	*doc;
	char	 status[16];
};

struct acc {
	const char		*site;
	struct central_arr	 doc[8];	/* number .. header */
	struct central_arr	 mv[10];	/* doc .. at */
	struct central_arr	 lots[3];	/* item, code, expiry */
	struct central_arr	 cls[8];	/* doc .. counted */
	struct central_arr	 ev_id, ev_doc;
	struct bal		*bals;
	size_t			 nbals, capbals;
	struct wms_hmap		 balmap;
	struct line		*lines;
	size_t			 nlines, caplines;
	struct wms_hmap		 linemap;
	struct status		*sts;
	size_t			 nsts;
	int64_t			 count;
	char			 max_at[32];
};

static _Thread_local struct acc *eq_acc;

static int
bal_eq(size_t pos, const void *arg)
{
	const char *const	*k = arg;
	const struct bal	*b = &eq_acc->bals[pos];

	return strcmp(b->loc, k[0]) == 0 && strcmp(b->item, k[1]) == 0 &&
	    strcmp(b->lot, k[2]) == 0;
}

static uint64_t
bal_hash(const char *loc, const char *item, const char *lot)
{
	return wms_hash_str(loc) * 31 + wms_hash_str(item) * 7 +
	    wms_hash_str(lot);
}

static void
acc_bal(struct acc *a, const char *loc, const char *item, const char *lot,
    int64_t qty, int64_t value)
{
	const char	*key[3] = { loc, item, lot };
	uint64_t	 h = bal_hash(loc, item, lot);
	long		 pos;
	struct bal	*b;

	eq_acc = a;
	if ((pos = wms_hmap_get(&a->balmap, h, bal_eq, key)) < 0) {
		if (a->nbals == a->capbals) {
			a->capbals = a->capbals ? a->capbals * 2 : 64;
			a->bals = xreallocarray(a->bals, a->capbals,
			    sizeof *a->bals);
		}
		b = &a->bals[a->nbals];
		b->loc = xstrdup(loc);
		b->item = xstrdup(item);
		b->lot = xstrdup(lot);
		b->qty = b->value = 0;
		wms_hmap_put(&a->balmap, h, a->nbals);
		pos = (long)a->nbals++;
	}
	a->bals[pos].qty += qty;
	a->bals[pos].value += value;
}

static int
line_eq(size_t pos, const void *arg)
{
	return strcmp(eq_acc->lines[pos].doc, arg) == 0;
}

/* The line entry of doc, made with last when missing. */
static struct line *
acc_line(struct acc *a, const char *doc, int64_t last)
{
	uint64_t	h = wms_hash_str(doc);
	long		pos;

	eq_acc = a;
	if ((pos = wms_hmap_get(&a->linemap, h, line_eq, doc)) >= 0)
		return &a->lines[pos];
	if (a->nlines == a->caplines) {
		a->caplines = a->caplines ? a->caplines * 2 : 32;
		a->lines = xreallocarray(a->lines, a->caplines,
		    sizeof *a->lines);
	}
	a->lines[a->nlines].doc = xstrdup(doc);
	a->lines[a->nlines].last = last;
	wms_hmap_put(&a->linemap, h, a->nlines);
	return &a->lines[a->nlines++];
}

static void
acc_free(struct acc *a)
{
	size_t	i;

	for (i = 0; i < 8; i++)
		central_arr_free(&a->doc[i]);
	for (i = 0; i < 10; i++)
		central_arr_free(&a->mv[i]);
	for (i = 0; i < 3; i++)
		central_arr_free(&a->lots[i]);
	for (i = 0; i < 8; i++)
		central_arr_free(&a->cls[i]);
	central_arr_free(&a->ev_id);
	central_arr_free(&a->ev_doc);
	for (i = 0; i < a->nbals; i++) {
		free(a->bals[i].loc);
		free(a->bals[i].item);
		free(a->bals[i].lot);
	}
	free(a->bals);
	wms_hmap_free(&a->balmap);
	for (i = 0; i < a->nlines; i++)
		free(a->lines[i].doc);
	free(a->lines);
	wms_hmap_free(&a->linemap);
	for (i = 0; i < a->nsts; i++)
		free(a->sts[i].doc);
	free(a->sts);
}

/* The depot of a location path (its first segment) and whether it is real. */
static void
loc_kind(const char *path, char *depot, size_t n, int *real)
{
	const char *p;

	snprintf(depot, n, "%.*s", (int)strcspn(path, "/"), path);
	*real = path[0] != '@';
	for (p = path; (p = strchr(p, '/')) != NULL; p++) {
		if (p[1] == '@')
			*real = 0;
	}
}

/* Event types that open a document, and the status it starts in. */
static const struct {
	const char	*type;
	const char	*status;	/* NULL: attaches to an open document */
} ev_types[] = {
	{ .type = "receipt", .status = "posted" },
	{ .type = "issue", .status = "posted" },
	{ .type = "move", .status = "posted" },
	{ .type = "transfer.ship", .status = "in_transit" },
	/* Another site's shipment as the receiving site applied it. */
	{ .type = "transfer.inbound", .status = "in_transit" },
	{ .type = "adjustment", .status = "posted" },
	{ .type = "reversal", .status = "posted" },
	{ .type = "return.supplier", .status = "posted" },
	{ .type = "return.issue", .status = "posted" },
	{ .type = "count.start", .status = "open" },
	{ .type = "transfer.receive", .status = NULL },
	/* The other site received (all of) a shipment of this site. */
	{ .type = "transfer.delivered", .status = NULL },
	{ .type = "count.post", .status = NULL },
};

static void
acc_status(struct acc *a, const char *doc, const char *status)
{
	size_t i;

	/* The last status of a document wins. */
	for (i = 0; i < a->nsts; i++) {
		if (strcmp(a->sts[i].doc, doc) == 0) {
			snprintf(a->sts[i].status, sizeof a->sts[i].status,
			    "%s", status);
			return;
		}
	}
	a->sts = xreallocarray(a->sts, a->nsts + 1, sizeof *a->sts);
	a->sts[a->nsts].doc = xstrdup(doc);
	snprintf(a->sts[a->nsts].status, sizeof a->sts[a->nsts].status, "%s",
	    status);
	a->nsts++;
}

/*
 * The expiry date a movement of a lot carries (docs/events.md): 1 with
 * *date the date or NULL (the lot has none), 0 when the movement does not
 * say (an older depot) or says something that is not YYYY-MM-DD.
 */
static int
mv_expiry(json_t *mv, const char **date)
{
	json_t		*e = json_object_get(mv, "expiry");
	const char	*t;
	int		 i;

	*date = NULL;
	if (json_is_null(e))
		return 1;
	if (!json_is_string(e) || strlen(t = json_string_value(e)) != 10)
		return 0;
	for (i = 0; i < 10; i++) {
		if (i == 4 || i == 7 ? t[i] != '-' : t[i] < '0' || t[i] > '9')
			return 0;
	}
	*date = t;
	return 1;
}

/* A number a count line may carry: into a, NULL when it lacks it. */
static void
arr_opt_int(struct central_arr *a, json_t *o, const char *key)
{
	int64_t v;

	if (wms_json_get_int(o, key, &v) == 0)
		central_arr_int(a, v);
	else
		central_arr_str(a, NULL);
}

/*
 * The lines of a count.post event (docs/events.md), for the variance
 * report; a line that lacks a field is left out.
 */
static void
acc_count_lines(struct acc *a, const char *number, json_t *payload)
{
	const char	*loc, *item, *lot, *st;
	json_t		*ln;
	int64_t		 expected;
	size_t		 i;

	json_array_foreach(json_object_get(payload, "count_lines"), i, ln) {
		loc = wms_json_get_str(ln, "location");
		item = wms_json_get_str(ln, "item");
		lot = wms_json_get_str(ln, "lot");
		st = wms_json_get_str(ln, "status");
		if (loc == NULL || item == NULL || st == NULL ||
		    wms_json_get_int(ln, "expected_milli", &expected) != 0)
			continue;
		central_arr_str(&a->cls[0], number);
		central_arr_str(&a->cls[1], loc);
		central_arr_str(&a->cls[2], item);
		central_arr_str(&a->cls[3], lot != NULL ? lot : "");
		central_arr_str(&a->cls[4], st);
		central_arr_int(&a->cls[5], expected);
		arr_opt_int(&a->cls[6], ln, "book_milli");
		arr_opt_int(&a->cls[7], ln, "counted_milli");
	}
}

/*
 * Add one event to the run: its document, its movements (lines after the
 * document's last), and their balances.  A type this program does not
 * know is kept and applied as nothing to do, so that a newer depot never
 * blocks the centre; so is a movement that lacks a field.
 */
static void
acc_event(struct acc *a, const char *id, const char *type, const char *at,
    const char *user, json_t *payload)
{
	const char	*number, *depot, *item, *from, *to, *lot, *exp;
	json_t		*moves, *mv, *hdr;
	struct line	*ln;
	char		*text;
	int64_t		 qty, value;
	size_t		 i, k;
	int		 known = -1;

	number = payload != NULL ? wms_json_get_str(payload, "number") : NULL;
	for (k = 0; k < sizeof ev_types / sizeof ev_types[0]; k++) {
		if (strcmp(ev_types[k].type, type) == 0)
			known = (int)k;
	}
	central_arr_str(&a->ev_id, id);
	central_arr_str(&a->ev_doc, known >= 0 ? number : NULL);
	a->count++;
	if (strcmp(at, a->max_at) > 0)
		snprintf(a->max_at, sizeof a->max_at, "%s", at);
	if (known < 0 || number == NULL)
		return;
	if (ev_types[known].status != NULL) {
		hdr = json_deep_copy(payload);
		for (k = 0; k < 6; k++)
			json_object_del(hdr, (const char *[]){ "movements",
			    "type", "number", "site", "at", "user" }[k]);
		text = wms_json_text(hdr);
		json_decref(hdr);
		depot = wms_json_get_str(payload, "depot");
		central_arr_str(&a->doc[0], number);
		central_arr_str(&a->doc[1], type);
		central_arr_str(&a->doc[2], depot);
		central_arr_str(&a->doc[3], ev_types[known].status);
		central_arr_str(&a->doc[4], at);
		central_arr_str(&a->doc[5], user);
		central_arr_str(&a->doc[6], id);
		central_arr_str(&a->doc[7], text);
		free(text);
	} else if (strcmp(type, "count.post") == 0) {
		acc_status(a, number, "posted");
		acc_count_lines(a, number, payload);
	} else if (json_is_true(json_object_get(payload, "complete"))) {
		acc_status(a, number, "received");
	}
	moves = json_object_get(payload, "movements");
	ln = acc_line(a, number, 0);
	json_array_foreach(moves, i, mv) {
		item = wms_json_get_str(mv, "item");
		from = wms_json_get_str(mv, "from");
		to = wms_json_get_str(mv, "to");
		lot = wms_json_get_str(mv, "lot");
		if (item == NULL || from == NULL || to == NULL ||
		    wms_json_get_int(mv, "qty_milli", &qty) != 0)
			continue;
		if (wms_json_get_int(mv, "value", &value) != 0)
			value = 0;
		if (lot == NULL)
			lot = "";
		ln->last++;
		central_arr_str(&a->mv[0], number);
		central_arr_int(&a->mv[1], ln->last);
		central_arr_str(&a->mv[2], id);
		central_arr_str(&a->mv[3], item);
		central_arr_str(&a->mv[4], lot);
		central_arr_str(&a->mv[5], from);
		central_arr_str(&a->mv[6], to);
		central_arr_int(&a->mv[7], qty);
		central_arr_int(&a->mv[8], value);
		central_arr_str(&a->mv[9], at);
		acc_bal(a, from, item, lot, -qty, -value);
		acc_bal(a, to, item, lot, qty, value);
		if (*lot != '\0' && mv_expiry(mv, &exp)) {
			central_arr_str(&a->lots[0], item);
			central_arr_str(&a->lots[1], lot);
			central_arr_str(&a->lots[2], exp);
		}
	}
}

static int
run_stmt(struct central_pg *pg, enum central_stmt idx, struct central_arr *arr,
    int narr, const char *site, struct wms_err *err)
{
	const char	*v[12];
	PGresult	*res;
	int		 i, k = 0;

	if (site != NULL)
		v[k++] = site;
	for (i = 0; i < narr; i++)
		v[k++] = central_arr_text(&arr[i]);
	if ((res = central_run(pg, idx, k, v, 0, err)) == NULL)
		return err->rc;
	PQclear(res);
	return 0;
}

/* Write what the run adds up to, and move the cursor to applied. */
static int
acc_flush(struct central_pg *pg, struct acc *a, int64_t applied,
    struct wms_err *err)
{
	struct central_arr	 b[7] = { { { 0 } } }, s[2] = { { { 0 } } };
	const char		*v[4];
	char			 dep[64], n1[24], n2[24];
	PGresult		*res;
	size_t			 i;
	int			 real, rc = 0;

	if (a->doc[0].n > 0 && (rc = run_stmt(pg, CS_DOC_ADD, a->doc, 8,
	    a->site, err)) != 0)
		return rc;
	if (a->nsts > 0) {
		for (i = 0; i < a->nsts; i++) {
			central_arr_str(&s[0], a->sts[i].doc);
			central_arr_str(&s[1], a->sts[i].status);
		}
		rc = run_stmt(pg, CS_DOC_STATUS, s, 2, a->site, err);
		central_arr_free(&s[0]);
		central_arr_free(&s[1]);
		if (rc != 0)
			return rc;
	}
	if (a->mv[0].n > 0 && (rc = run_stmt(pg, CS_MOVE_ADD, a->mv, 10,
	    a->site, err)) != 0)
		return rc;
	if (a->lots[0].n > 0 && (rc = run_stmt(pg, CS_LOT_ADD, a->lots, 3,
	    a->site, err)) != 0)
		return rc;
	if (a->cls[0].n > 0 && (rc = run_stmt(pg, CS_COUNT_LINE_ADD, a->cls,
	    8, a->site, err)) != 0)
		return rc;
	if (a->nbals > 0) {
		for (i = 0; i < a->nbals; i++) {
			loc_kind(a->bals[i].loc, dep, sizeof dep, &real);
			central_arr_str(&b[0], a->bals[i].loc);
			central_arr_str(&b[1], dep);
			central_arr_bool(&b[2], real);
			central_arr_str(&b[3], a->bals[i].item);
			central_arr_str(&b[4], a->bals[i].lot);
			central_arr_int(&b[5], a->bals[i].qty);
			central_arr_int(&b[6], a->bals[i].value);
		}
		rc = run_stmt(pg, CS_BAL_ADD, b, 7, a->site, err);
		for (i = 0; i < 7; i++)
			central_arr_free(&b[i]);
		if (rc != 0)
			return rc;
	}
	v[0] = central_arr_text(&a->ev_id);
	v[1] = central_arr_text(&a->ev_doc);
	if ((res = central_run(pg, CS_EVENT_APPLIED, 2, v, 0, err)) == NULL)
		return err->rc;
	PQclear(res);
	snprintf(n1, sizeof n1, "%lld", (long long)applied);
	snprintf(n2, sizeof n2, "%lld", (long long)a->count);
	v[0] = a->site;
	v[1] = n1;
	v[2] = n2;
	v[3] = a->max_at[0] != '\0' ? a->max_at : NULL;
	if ((res = central_run(pg, CS_CURSOR_MOVE, 4, v, 0, err)) == NULL)
		return err->rc;
	PQclear(res);
	v[1] = n2;
	if ((res = central_run(pg, CS_MINUTE_ADD, 2, v, 0, err)) == NULL)
		return err->rc;
	PQclear(res);
	return 0;
}

/* The payload of an event from its kept parts (rows from .. to of res). */
static json_t *
payload_of(const PGresult *res, int from, int to, struct bus_envelope *first)
{
	struct bus_envelope	 e;
	struct wms_buf		 text = { 0 };
	struct wms_err		 err;
	json_t			*p = NULL;
	int			 r, ok = 1;

	memset(first, 0, sizeof *first);
	for (r = from; r < to && ok; r++) {
		if (bus_envelope_parse(PQgetvalue(res, r, 2), (size_t)
		    PQgetlength(res, r, 2), &e, &err) != 0) {
			ok = 0;
			break;
		}
		if (e.parts == 1) {
			p = json_incref(e.payload);
		} else if (e.chunk != NULL) {
			wms_buf_add(&text, e.chunk, e.chunklen);
		}
		if (r == from)
			*first = e;
		else
			bus_envelope_fini(&e);
	}
	if (ok && p == NULL && text.len > 0 &&
	    bus_payload_join(&text, &p, &err) != 0)
		p = NULL;
	wms_buf_free(&text);
	if (!ok) {
		bus_envelope_fini(first);
		json_decref(p);
		return NULL;
	}
	return p;
}

/*
 * The last line of each of the n documents docs, as the centre has it,
 * into the run's line map (0 for a document without lines yet).
 */
static int
acc_lines(struct central_pg *pg, struct acc *a, const char *const *docs,
    size_t n, struct wms_err *err)
{
	struct central_arr	 arr = { 0 };
	const char		*v[2];
	PGresult		*res;
	size_t			 i;
	int			 r;

	if (n == 0)
		return 0;
	for (i = 0; i < n; i++)
		central_arr_str(&arr, docs[i]);
	v[0] = a->site;
	v[1] = central_arr_text(&arr);
	res = central_run(pg, CS_DOC_LASTLINE, 2, v, 0, err);
	central_arr_free(&arr);
	if (res == NULL)
		return err->rc;
	for (r = 0; r < PQntuples(res); r++)
		acc_line(a, central_val(res, r, 0), central_int(res, r, 1));
	PQclear(res);
	/* The others have none yet. */
	for (i = 0; i < n; i++)
		acc_line(a, docs[i], 0);
	return 0;
}

/* The batch message holding event id whole, or -1. */
static long
batch_find(struct central_batch *b, const char *id)
{
	if (b == NULL)
		return -1;
	sort_batch = b;
	return wms_hmap_get(&b->byid, wms_hash_str(id), id_eq, id);
}

/* The latest heartbeats of site in the batch go into its cursor row. */
static int
site_heartbeats(struct central_pg *pg, const char *site, struct central_batch *b,
    struct central_counts *c, struct wms_err *err)
{
	const char	*v[6];
	char		 n1[24], n2[24], n3[24];
	struct amsg	*m;
	PGresult	*res;
	int64_t		 x;
	time_t		 t;
	int		 i;

	for (i = 0; b != NULL && i < b->n; i++) {
		m = &b->am[i];
		if (!m->valid || !m->heartbeat || strcmp(m->e.site, site) != 0)
			continue;
		snprintf(n1, sizeof n1, "%lld", (long long)(wms_json_get_int(
		    m->e.payload, "pending", &x) == 0 ? x : 0));
		snprintf(n2, sizeof n2, "%lld", (long long)(wms_json_get_int(
		    m->e.payload, "oldest_pending_s", &x) == 0 ? x : 0));
		snprintf(n3, sizeof n3, "%lld", (long long)(wms_json_get_int(
		    m->e.payload, "last_seq", &x) == 0 ? x : 0));
		v[0] = site;
		v[1] = m->e.at;
		v[2] = n1;
		v[3] = n2;
		v[4] = n3;
		v[5] = wms_json_get_str(m->e.payload, "last_ack");
		if (v[5] != NULL && wms_time_parse(v[5], &t) != 0)
			v[5] = NULL;
		if ((res = central_run(pg, CS_HEARTBEAT, 6, v, 0, err)) ==
		    NULL)
			return err->rc;
		PQclear(res);
		m->m->outcome = CENTRAL_HEARTBEAT;
		c->heartbeats++;
	}
	return 0;
}

/* An event of a run: held by the batch (pos), or read back. */
struct runev {
	const char		*id;
	long			 pos;		/* in the batch, or -1 */
	int			 read;		/* first and payload are ours */
	struct bus_envelope	 first;		/* its first part, read back */
	json_t			*payload;
	const char		*type, *at, *user;
};

/*
 * Under the lock of site's cursor: the batch's heartbeats, then every
 * event from the cursor on that is here and complete, in sequence order.
 * b is NULL when catching up.
 */
static int
site_apply(struct central_pg *pg, const char *site, struct central_batch *b,
    struct central_counts *c, struct wms_err *err)
{
	struct acc		 a;
	struct central_arr	 ids = { 0 };
	struct runev		*ev = NULL;
	const char		*v[3], *id, *number, **docs = NULL;
	size_t			 ndocs = 0;
	char			 n1[24], lim[16];
	PGresult		*res = NULL, *wait = NULL, *bodies = NULL;
	int64_t			 applied;
	struct amsg		*m;
	int			 r, run = 0, parts = 0, rc = 0, from, nb;

	memset(&a, 0, sizeof a);
	a.site = site;
	v[0] = site;
	if ((res = central_run(pg, CS_CURSOR_ENSURE, 1, v, 0, err)) == NULL)
		return err->rc;
	PQclear(res);
	if ((res = central_run(pg, CS_CURSOR_LOCK, 1, v, 0, err)) == NULL)
		return err->rc;
	applied = central_int(res, 0, 0);
	PQclear(res);
	if ((rc = site_heartbeats(pg, site, b, c, err)) != 0)
		return rc;
	snprintf(n1, sizeof n1, "%lld", (long long)applied);
	snprintf(lim, sizeof lim, "%d", RUN_EVENTS);
	v[1] = n1;
	v[2] = lim;
	if ((wait = central_run(pg, CS_WAITING, 3, v, 0, err)) == NULL)
		return err->rc;
	/*
	 * The run: applied + 1, + 2, ... as far as they are all here, and
	 * no more than RUN_PARTS parts of parted events (about 200 KiB each)
	 * read back at once.
	 */
	for (r = 0; r < PQntuples(wait); r++) {
		if (central_int(wait, r, 1) != applied + 1 + r ||
		    (run > 0 && parts >= RUN_PARTS))
			break;
		if (central_int(wait, r, 2) > 1)
			parts += (int)central_int(wait, r, 2);
		run++;
	}
	if (run == 0)
		goto out;
	if (run < PQntuples(wait) && central_int(wait, run, 1) ==
	    applied + 1 + run)
		c->more = 1;
	ev = xcalloc((size_t)run, sizeof *ev);
	/* Events not held by this batch are read back from the evidence. */
	for (r = 0; r < run; r++) {
		ev[r].id = central_val(wait, r, 0);
		if ((ev[r].pos = batch_find(b, ev[r].id)) < 0)
			central_arr_str(&ids, ev[r].id);
	}
	if (ids.n > 0) {
		v[0] = central_arr_text(&ids);
		if ((bodies = central_run(pg, CS_BODIES, 1, v, 1, err)) ==
		    NULL) {
			rc = err->rc;
			goto out;
		}
	}
	/* Each read-back event's rows (ordered by id and part). */
	nb = bodies != NULL ? PQntuples(bodies) : 0;
	for (from = 0; from < nb; ) {
		int to = from;

		id = PQgetvalue(bodies, from, 0);
		while (to < nb && strcmp(PQgetvalue(bodies, to, 0), id) == 0)
			to++;
		for (r = 0; r < run; r++) {
			if (ev[r].pos < 0 && strcmp(ev[r].id, id) == 0) {
				ev[r].payload = payload_of(bodies, from, to,
				    &ev[r].first);
				ev[r].read = 1;
				break;
			}
		}
		from = to;
	}
	/* The lines each document has already: one query for the run. */
	for (r = 0; r < run; r++) {
		if (ev[r].pos >= 0) {
			m = &b->am[ev[r].pos];
			ev[r].payload = m->e.payload;
			ev[r].type = m->e.type;
			ev[r].at = m->e.at;
			ev[r].user = m->e.user;
		} else if (ev[r].first.root != NULL) {
			ev[r].type = ev[r].first.type;
			ev[r].at = ev[r].first.at;
			ev[r].user = ev[r].first.user;
		}
		if (ev[r].payload != NULL && (number = wms_json_get_str(
		    ev[r].payload, "number")) != NULL) {
			docs = xreallocarray(docs, ndocs + 1, sizeof *docs);
			docs[ndocs++] = number;
		}
	}
	if ((rc = acc_lines(pg, &a, docs, ndocs, err)) != 0)
		goto out;
	for (r = 0; r < run; r++) {
		if (ev[r].type == NULL)
			/* Kept as verified, so unreadable only when damaged in
			 * the database: applied as nothing to do. */
			acc_event(&a, ev[r].id, "?", "", "", NULL);
		else
			acc_event(&a, ev[r].id, ev[r].type, ev[r].at,
			    ev[r].user, ev[r].payload);
	}
	if ((rc = acc_flush(pg, &a, applied + run, err)) != 0)
		goto out;
	c->applied += run;
out:
	for (r = 0; ev != NULL && r < run; r++) {
		if (ev[r].read) {
			json_decref(ev[r].payload);
			bus_envelope_fini(&ev[r].first);
		}
	}
	free(ev);
	PQclear(wait);
	PQclear(bodies);
	central_arr_free(&ids);
	free(docs);
	acc_free(&a);
	return rc;
}

static int
site_cmp(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* One try of a batch, in one transaction. */
static int
batch_once(struct central_batch *b, struct wms_err *err)
{
	const char	**sites;
	int		  i, k, n = 0, rc;

	if ((rc = central_begin(b->pg, err)) != 0)
		return rc;
	if ((rc = batch_verify(b, err)) != 0)
		goto fail;
	for (i = 0; i < b->n; i++) {
		if (b->am[i].m->outcome != CENTRAL_QUARANTINED)
			continue;
		if ((rc = quarantine_one(b, &b->am[i], err)) != 0)
			goto fail;
		b->c->quarantined++;
	}
	if ((rc = batch_keep(b, err)) != 0 || (rc = batch_events(b, err)) != 0)
		goto fail;
	/* The sites touched, each locked in name order. */
	sites = xreallocarray(NULL, (size_t)b->n + 1, sizeof *sites);
	for (i = 0; i < b->n; i++) {
		if (!b->am[i].valid)
			continue;
		for (k = 0; k < n && strcmp(sites[k], b->am[i].e.site) != 0;
		    k++)
			;
		if (k == n)
			sites[n++] = b->am[i].e.site;
	}
	qsort(sites, (size_t)n, sizeof *sites, site_cmp);
	for (i = 0; i < n; i++) {
		if ((rc = site_apply(b->pg, sites[i], b, b->c, err)) != 0)
			break;
	}
	free(sites);
	if (rc != 0)
		goto fail;
	if ((rc = central_commit(b->pg, err)) != 0)
		goto fail;
	return 0;
fail:
	central_rollback(b->pg);
	return rc;
}

struct central_batch *
central_batch_read(struct central_msg *msgs, int n, struct central_keys *keys)
{
	struct central_batch	*b = xcalloc(1, sizeof *b);
	struct amsg	*a;
	int		*todo, ntodo = 0, i;

	b->n = n;
	b->keys = keys;
	b->am = xcalloc((size_t)n + 1, sizeof *b->am);
	b->order = xcalloc((size_t)n + 1, sizeof *b->order);
	for (i = 0; i < n; i++) {
		b->am[i].m = &msgs[i];
		msgs[i].outcome = 0;
	}
	batch_parse(b);
	todo = xcalloc((size_t)n + 1, sizeof *todo);
	for (i = 0; i < n; i++) {
		a = &b->am[i];
		if (a->parsed && a->e.parts == 1 && !a->heartbeat)
			wms_hmap_put(&b->byid, wms_hash_str(a->e.id), (size_t)i);
		/* The signature against the key last seen under its id; the
		 * transaction checks that the key is still that, and good. */
		if (a->parsed && a->bad[0] == '\0' &&
		    keys_get(keys, a->m->key_id, a->pk))
			todo[ntodo++] = i;
	}
	verify_all(keys, b->am, todo, ntodo);
	free(todo);
	return b;
}

void
central_batch_free(struct central_batch *b)
{
	int i;

	if (b == NULL)
		return;
	for (i = 0; i < b->n; i++) {
		bus_envelope_fini(&b->am[i].e);
		free(b->am[i].proof);
	}
	wms_hmap_free(&b->byid);
	free(b->am);
	free(b->order);
	free(b);
}

int
central_batch_apply(struct central_pg *pg, struct central_batch *b,
    struct central_counts *counts, struct wms_err *err)
{
	struct central_counts	 c;
	struct central_msg	*m;
	int			 i, try, rc = 0;

	b->pg = pg;
	for (try = 0; try < TRIES; try++) {
		memset(&c, 0, sizeof c);
		b->c = &c;
		if ((rc = batch_once(b, err)) == 0 ||
		    !central_pg_retryable(pg))
			break;
	}
	if (rc != 0)
		return rc;
	c.messages = b->n;
	for (i = 0; i < b->n; i++) {
		m = b->am[i].m;
		if (m->outcome == CENTRAL_QUARANTINED)
			snprintf(m->reason, sizeof m->reason, "%s",
			    b->am[i].reason);
		if (m->outcome == CENTRAL_KEPT)
			c.kept++;
		else if (m->outcome == CENTRAL_DUPLICATE)
			c.duplicates++;
	}
	counts->messages += c.messages;
	counts->kept += c.kept;
	counts->duplicates += c.duplicates;
	counts->quarantined += c.quarantined;
	counts->heartbeats += c.heartbeats;
	counts->applied += c.applied;
	counts->more |= c.more;
	return 0;
}

int
central_apply_batch(struct central_pg *pg, struct central_msg *msgs, int n,
    struct central_counts *counts, struct wms_err *err)
{
	/* Keys of its own: a window's signature is checked once in it. */
	struct central_keys	*keys = central_keys_new();
	struct central_batch	*b = central_batch_read(msgs, n, keys);
	int			 rc;

	rc = central_batch_apply(pg, b, counts, err);
	central_batch_free(b);
	central_keys_free(keys);
	return rc;
}

int
central_apply_catchup(struct central_pg *pg, struct central_counts *counts,
    struct wms_err *err)
{
	PGresult	*res;
	char		*site;
	int		 r, rc = 0;

	counts->more = 0;
	if ((res = central_run(pg, CS_CATCHUP, 0, NULL, 0, err)) == NULL)
		return err->rc;
	for (r = 0; r < PQntuples(res) && rc == 0; r++) {
		site = xstrdup(central_val(res, r, 0));
		if ((rc = central_begin(pg, err)) == 0 &&
		    (rc = site_apply(pg, site, NULL, counts, err)) == 0)
			rc = central_commit(pg, err);
		if (rc != 0)
			central_rollback(pg);
		free(site);
	}
	PQclear(res);
	return rc;
}
