/* The relay: the outbox to JetStream, signed, marked sent on acknowledgement. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "bus/envelope.h"
#include "bus/guard.h"
#include "bus/merkle.h"
#include "bus/relay.h"
#include "bus/sign.h"
#include "bus/status.h"
#include "core/audit.h"
#include "core/wms.h"
#include "data/db-outbox.h"
#include "lib/hmap.h"
#include "lib/i18n.h"
#include "lib/json.h"
#include "lib/time.h"
#include "lib/xmalloc.h"

/* An event of a round and how many of its parts are acknowledged. */
struct relay_row {
	int64_t	seq;
	int	parts;
	int	acked;
};

/*
 * One round: up to a window of events, as signed messages ready to go.
 * The acknowledgement handler is given back the message published, and
 * finds it by its address (map) among the messages still waiting: a
 * message lives, at one address, from its making until its
 * acknowledgement or its taking back, so no other message the handler is
 * given can have it while it waits.  Looking for its Nats-Msg-Id
 * instead read a header of libnats's per acknowledgement.
 */
struct relay_batch {
	struct relay_row	*rows;
	int			 nrows;
	natsMsg			**msgs;
	bus_hash		*leaves;
	int			*msg_row;
	unsigned char		*acked;	/* 0 waits, 1 acknowledged, 2 refused */
	int			 nmsgs, cap;
	int			 resolved;	/* messages no longer waiting */
	struct wms_imap		 map;
	/* The first refusal of the server in this round. */
	int			 failed;
	natsStatus		 fail_status;
	jsErrCode		 fail_code;
	char			 fail_text[160];
};

struct relay {
	struct wms			*w;
	struct db			*db;
	const struct bus_relay_conf	*conf;
	struct bus_relay_stats		*stats;
	struct bus_key			 key;
	const char			*site;
	const char			*url;
	struct bus_conn			*conn;
	jsCtx				*js;
	int				 window, ack_wait_ms, poll_ms;
	int				 threads;
	/*
	 * The round published after the one being awaited: two rounds fly
	 * at once, so that the server never waits for this process's
	 * threads to wake between rounds.
	 */
	struct relay_batch		 fly;
	int				 flying;
	/*
	 * Something was published asynchronously on this context: nats.c
	 * 3.4.1's js_PublishAsyncGetPendingList dereferences a map that
	 * only the first asynchronous publish makes.
	 */
	int				 async;
	int64_t				 acked_seq;	/* acknowledged */
	/*
	 * Marked sent in the database: up to acked_seq, but for a window
	 * whose mark waits to be written while the next window flies.
	 */
	int64_t				 marked_seq;
	int64_t				 unmarked;	/* events */
	char				 acked_at[32];
	/* The batches in flight: the handler's view of them, under mu. */
	pthread_mutex_t			 mu;
	pthread_cond_t			 cond;	/* a batch was resolved */
	struct relay_batch		*live[2];
	int				 up, connected_before;
	int				 guarded;	/* the restore guard passed */
	char				 logged[512];
	char				 stored_error[256];
	time_t				 next_heartbeat;
};

static void	relay_watch(struct relay *);

static int
relay_stopping(const struct relay *r)
{
	return r->conf->stop != NULL && *r->conf->stop;
}

static void
relay_now_iso(char out[32])
{
	struct timeval tv;

	gettimeofday(&tv, NULL);
	wms_time_iso(tv.tv_sec, (int)(tv.tv_usec / 1000), out);
}

static double
relay_clock(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* One line for a change of state: the same line twice is said once. */
static void
relay_log(struct relay *r, const char *line)
{
	if (r->conf->log == NULL || r->conf->once ||
	    strcmp(r->logged, line) == 0)
		return;
	snprintf(r->logged, sizeof r->logged, "%s", line);
	r->conf->log(r->conf->log_arg, line);
}

/* What stopped the relay, logged and kept for sync status (if new). */
static void
relay_error(struct relay *r, const char *msg)
{
	struct wms_err	ignored;
	char		at[32];

	relay_log(r, msg);
	if (strncmp(r->stored_error, msg, sizeof r->stored_error - 1) == 0)
		return;
	snprintf(r->stored_error, sizeof r->stored_error, "%s", msg);
	relay_now_iso(at);
	/* A database too busy to take it: the log has it, sync goes on. */
	(void)db_bus_error_set(r->db, msg, at, &ignored);
}

/* --- batches ------------------------------------------------------------- */

static void
batch_clear(struct relay_batch *b)
{
	int i;

	for (i = 0; i < b->nmsgs; i++)
		natsMsg_Destroy(b->msgs[i]);	/* NULL once published */
	free(b->rows);
	free(b->msgs);
	free(b->leaves);
	free(b->msg_row);
	free(b->acked);
	wms_imap_free(&b->map);
	memset(b, 0, sizeof *b);
}

/* The message of b that is m, or -1. */
static long
batch_find(const struct relay_batch *b, const natsMsg *m)
{
	return wms_imap_get(&b->map, (int64_t)(uintptr_t)m, 0, 0);
}

/*
 * A message with its id and key id, into *out, and its leaf hash: it is
 * signed with its window (relay_seal).
 */
static natsStatus
relay_msg(const struct relay *r, const struct bus_msg *m, natsMsg **out,
    bus_hash leaf)
{
	natsStatus	s;

	bus_merkle_leaf(m->body.data, m->body.len, leaf);
	s = natsMsg_Create(out, m->subject, NULL, m->body.data,
	    (int)m->body.len);
	/* The id goes as a header of ours, never as an Expect* option. */
	if (s == NATS_OK)
		s = natsMsgHeader_Set(*out, "Nats-Msg-Id", m->msg_id);
	if (s == NATS_OK)
		s = natsMsgHeader_Set(*out, BUS_HDR_KEY, r->key.id);
	return s;
}

/*
 * Sign a window: one Ed25519 signature over the Merkle root of its n
 * messages' bodies (bus/merkle.h), and to each message the signature and
 * its inclusion proof.  Each message stays checkable alone, forever; the
 * window costs one signature instead of n (docs/bus.md, "Signature").
 */
static natsStatus
relay_seal_one(const struct relay *r, natsMsg **msgs, const bus_hash *leaves,
    int n)
{
	struct bus_merkle	t;
	bus_hash		root, path[BUS_MERKLE_MAX_PATH];
	unsigned char		wmsg[BUS_MERKLE_MSG_MAX];
	char			sig[BUS_SIG_TEXT];
	char			proof[BUS_MERKLE_PROOF_TEXT];
	natsStatus		s = NATS_OK;
	size_t			len;
	int			i, np;

	if (n <= 0)
		return NATS_OK;
	if (bus_merkle_build(&t, leaves, (size_t)n) != 0)
		return NATS_INVALID_ARG;
	bus_merkle_root(&t, root);
	len = bus_merkle_window_msg(r->key.id, (uint64_t)n, root, wmsg);
	bus_sign(&r->key, wmsg, len, sig);
	for (i = 0; i < n && s == NATS_OK; i++) {
		np = bus_merkle_path(&t, (size_t)i, path);
		bus_merkle_proof_text((uint64_t)i, (uint64_t)n, path, np,
		    proof);
		s = natsMsgHeader_Set(msgs[i], BUS_HDR_SIG, sig);
		if (s == NATS_OK)
			s = natsMsgHeader_Set(msgs[i], BUS_HDR_PROOF, proof);
	}
	bus_merkle_free(&t);
	return s;
}

/*
 * A round's messages, signed a window of BUS_RELAY_SIGN_WINDOW at a time:
 * a round may carry several windows (more messages in flight between two
 * waits), while a proof stays as long as a window of that size needs.
 */
static natsStatus
relay_seal(const struct relay *r, natsMsg **msgs, const bus_hash *leaves,
    int n)
{
	natsStatus	s = NATS_OK;
	int		i, k;

	for (i = 0; i < n && s == NATS_OK; i += k) {
		k = n - i < BUS_RELAY_SIGN_WINDOW ? n - i :
		    BUS_RELAY_SIGN_WINDOW;
		s = relay_seal_one(r, msgs + i, leaves + i, k);
	}
	return s;
}

static void
batch_add(struct relay_batch *b, natsMsg *m, const bus_hash leaf, int row)
{
	if (b->nmsgs == b->cap) {
		b->cap = b->cap > 0 ? b->cap * 2 : 64;
		b->msgs = xreallocarray(b->msgs, b->cap, sizeof *b->msgs);
		b->leaves = xreallocarray(b->leaves, b->cap,
		    sizeof *b->leaves);
		b->msg_row = xreallocarray(b->msg_row, b->cap,
		    sizeof *b->msg_row);
		b->acked = xreallocarray(b->acked, b->cap, sizeof *b->acked);
	}
	b->msgs[b->nmsgs] = m;
	memcpy(b->leaves[b->nmsgs], leaf, sizeof b->leaves[0]);
	b->msg_row[b->nmsgs] = row;
	b->acked[b->nmsgs] = 0;
	wms_imap_put(&b->map, (int64_t)(uintptr_t)m, 0, 0, (size_t)b->nmsgs);
	b->nmsgs++;
}

/* One event built: its messages and their leaves, or why it cannot go. */
struct relay_built {
	natsMsg		**msgs;
	bus_hash	 *leaves;
	int		  n;
	int		  rc;
	struct wms_err	  err;
};

static void
relay_build_one(const struct relay *r, const struct db_outbox_row *row,
    struct relay_built *out)
{
	struct bus_msg		*m = NULL;
	struct bus_event	 ev = {
		.id = row->event_id, .site = r->site, .seq = row->seq,
		.type = row->type, .at = row->created_at, .user = row->user,
		.payload = row->payload,
	};
	natsStatus		 s;
	int			 j, k;

	if ((out->rc = bus_envelope_build(&ev, &m, &k, &out->err)) != 0)
		return;
	out->msgs = xcalloc((size_t)k, sizeof *out->msgs);
	out->leaves = xcalloc((size_t)k, sizeof *out->leaves);
	for (j = 0; j < k; j++) {
		if ((s = relay_msg(r, &m[j], &out->msgs[j],
		    out->leaves[j])) != NATS_OK) {
			out->rc = bus_nats_fail(s, 0, _("making a message"),
			    &out->err);
			break;
		}
		out->n = j + 1;
	}
	bus_msgs_free(m, k);
}

/* A share of a window's events, for one thread. */
struct relay_job {
	const struct relay		*r;
	const struct db_outbox_row	*rows;
	struct relay_built		*out;
	int				 n, first, step;
};

static void *
relay_work(void *arg)
{
	struct relay_job	*j = arg;
	int			 i;

	for (i = j->first; i < j->n; i += j->step)
		relay_build_one(j->r, &j->rows[i], &j->out[i]);
	return NULL;
}

/*
 * A window being made ready -- envelopes, messages, leaf hashes, then its
 * one signature and a proof a message -- by a thread of its own (the
 * lead, with helpers, one a processor) while the relay's thread
 * publishes, awaits and marks the window before it: so that the next
 * window is signed and ready to go the moment this one is acknowledged.
 * The rows are read by the relay's thread (the database handle is its
 * own); the lead and its helpers touch only the rows, the key and what
 * they make.
 */
struct relay_ahead {
	const struct relay	*r;
	struct db_outbox_row	*rows;
	struct relay_built	*out;
	struct relay_job	 jobs[BUS_RELAY_THREADS];
	int			 n, nt, active, lead;
	pthread_t		 lead_tid;
	/* What the lead made: the window, or why not. */
	struct relay_batch	 b;
	int			 rc;
	struct wms_err		 err;
};

/*
 * The lead's work: the helpers' shares and its own, then the window as a
 * batch -- every event up to the first that cannot travel.  That one is
 * WMS_ERR_INVALID when it is the first: the round stops before it, and
 * nothing after it goes before it does.  Then the window's one signature
 * and the proofs.
 */
static void *
relay_assemble(void *arg)
{
	struct relay_ahead	*a = arg;
	struct relay_batch	*b = &a->b;
	pthread_t		 tid[BUS_RELAY_THREADS];
	natsStatus		 s;
	int			 i, j, t, started;

	for (started = 1; started < a->nt; started++) {
		if (pthread_create(&tid[started], NULL, relay_work,
		    &a->jobs[started]) != 0)
			break;
	}
	relay_work(&a->jobs[0]);
	/* What a thread did not start, this thread does. */
	for (t = started; t < a->nt; t++)
		relay_work(&a->jobs[t]);
	for (t = 1; t < started; t++)
		pthread_join(tid[t], NULL);
	memset(b, 0, sizeof *b);
	a->rc = 0;
	b->rows = xcalloc(a->n > 0 ? (size_t)a->n : 1, sizeof *b->rows);
	for (i = 0; i < a->n && a->out[i].rc == 0; i++) {
		b->rows[i].seq = a->rows[i].seq;
		b->rows[i].parts = a->out[i].n;
		for (j = 0; j < a->out[i].n; j++) {
			batch_add(b, a->out[i].msgs[j], a->out[i].leaves[j], i);
			a->out[i].msgs[j] = NULL;
		}
		b->nrows = i + 1;
	}
	if (i == 0 && a->n > 0) {
		a->rc = wms_err_set(&a->err, a->out[0].rc, _("event %lld (%s) "
		    "cannot be sent, and the events after it wait for it: %s"),
		    (long long)a->rows[0].seq, a->rows[0].event_id,
		    a->out[0].err.msg);
	}
	/* What goes is one window: one signature, a proof per message. */
	if (a->rc == 0 && (s = relay_seal(a->r, b->msgs, b->leaves,
	    b->nmsgs)) != NATS_OK)
		a->rc = bus_nats_fail(s, 0, _("making a message"), &a->err);
	for (i = 0; i < a->n; i++) {
		for (j = 0; j < a->out[i].n; j++)
			natsMsg_Destroy(a->out[i].msgs[j]);
		free(a->out[i].msgs);
		free(a->out[i].leaves);
		db_outbox_row_fini(&a->rows[i]);
	}
	free(a->out);
	free(a->rows);
	a->out = NULL;
	a->rows = NULL;
	if (a->rc != 0)
		batch_clear(b);
	return NULL;
}

/*
 * Read the pending events after `after`, up to a window, and set the lead
 * to make them ready.  With `sync` the calling thread leads, and the
 * window is ready when this returns.
 */
static int
relay_build_start(struct relay *r, int64_t after, struct relay_ahead *a,
    int sync, struct wms_err *err)
{
	int rc, t;

	memset(a, 0, sizeof *a);
	a->r = r;
	a->rows = xcalloc((size_t)r->window, sizeof *a->rows);
	if ((rc = db_outbox_pending(r->db, after, r->window, a->rows, &a->n,
	    err)) != 0) {
		free(a->rows);
		a->rows = NULL;
		return rc;
	}
	a->out = xcalloc(a->n > 0 ? (size_t)a->n : 1, sizeof *a->out);
	a->nt = a->n >= 32 ? r->threads : 1;
	for (t = 0; t < a->nt; t++)
		a->jobs[t] = (struct relay_job){ .r = r, .rows = a->rows,
		    .out = a->out, .n = a->n, .first = t, .step = a->nt };
	a->active = 1;
	if (!sync && pthread_create(&a->lead_tid, NULL, relay_assemble, a) ==
	    0)
		a->lead = 1;
	else
		relay_assemble(a);
	return 0;
}

/* Wait for the lead: the window, signed, into b, or why it cannot go. */
static int
relay_build_finish(struct relay_ahead *a, struct relay_batch *b,
    struct wms_err *err)
{
	int rc;

	memset(b, 0, sizeof *b);
	if (!a->active)
		return 0;
	if (a->lead)
		pthread_join(a->lead_tid, NULL);
	*b = a->b;
	if ((rc = a->rc) != 0)
		*err = a->err;
	memset(a, 0, sizeof *a);
	return rc;
}

/* A round's window, built and signed (once) before this returns. */
static int
relay_build(struct relay *r, int64_t after, struct relay_batch *b,
    struct wms_err *err)
{
	struct relay_ahead	a;
	int			rc;

	memset(b, 0, sizeof *b);
	if ((rc = relay_build_start(r, after, &a, 1, err)) != 0)
		return rc;
	return relay_build_finish(&a, b, err);
}

/* --- acknowledgements -------------------------------------------------------- */

/*
 * Called by nats.c's thread for each message published asynchronously: an
 * acknowledgement (a duplicate counts: JetStream has the message) or a
 * refusal.  Messages of an earlier round, and heartbeats, are not looked
 * for.
 */
static void
relay_on_ack(jsCtx *js, natsMsg *msg, jsPubAck *pa, jsPubAckErr *pae,
    void *closure)
{
	struct relay		*r = closure;
	struct relay_batch	*b = NULL, *c;
	long			 pos = -1, p;
	int			 k;

	(void)js;
	pthread_mutex_lock(&r->mu);
	/*
	 * Only a message still waiting counts: one acknowledged was
	 * destroyed, and a message of the round flying after it may have
	 * been made at its address since.
	 */
	for (k = 0; k < 2 && b == NULL; k++) {
		if ((c = r->live[k]) != NULL && (p = batch_find(c, msg)) >= 0 &&
		    c->acked[p] == 0) {
			b = c;
			pos = p;
		}
	}
	if (b != NULL) {
		if (pa != NULL) {
			b->acked[pos] = 1;
			b->rows[b->msg_row[pos]].acked++;
		} else {
			b->acked[pos] = 2;
			if (pae != NULL && !b->failed) {
				b->failed = 1;
				b->fail_status = pae->Err;
				b->fail_code = pae->ErrCode;
				snprintf(b->fail_text, sizeof b->fail_text,
				    "%s", pae->ErrText != NULL ? pae->ErrText :
				    "");
			}
		}
		if (++b->resolved == b->nmsgs)
			pthread_cond_broadcast(&r->cond);
	}
	pthread_mutex_unlock(&r->mu);
	natsMsg_Destroy(msg);
}

/* --- one round --------------------------------------------------------------- */

/*
 * Take back whatever the library holds unacknowledged (this round's, the
 * round flying after it, heartbeats) and forget the round flying: its
 * events go again, with the same ids, after the last one marked.
 */
static void
relay_land(struct relay *r)
{
	natsMsgList left;

	pthread_mutex_lock(&r->mu);
	r->live[0] = r->live[1] = NULL;
	pthread_mutex_unlock(&r->mu);
	if (r->js != NULL && r->async &&
	    js_PublishAsyncGetPendingList(&left, r->js) == NATS_OK)
		natsMsgList_Destroy(&left);
	if (r->flying) {
		batch_clear(&r->fly);
		r->flying = 0;
	}
}

/*
 * Wait until the first n messages of b (those published) are each
 * acknowledged or refused, in short
 * steps, watching the link: once it is down, what has not been
 * acknowledged will not be (the server lost the requests' replies).
 * NATS_OK, or NATS_TIMEOUT when the wait ended first.
 */
static natsStatus
relay_await(struct relay *r, struct relay_batch *b, int n)
{
	struct timespec	ts;
	double		deadline = relay_clock() + r->ack_wait_ms / 1000.0;
	int		all;

	for (;;) {
		pthread_mutex_lock(&r->mu);
		if (b->resolved < n) {
			clock_gettime(CLOCK_MONOTONIC, &ts);
			ts.tv_nsec += 100 * 1000000L;
			if (ts.tv_nsec >= 1000000000L) {
				ts.tv_sec++;
				ts.tv_nsec -= 1000000000L;
			}
			(void)pthread_cond_timedwait(&r->cond, &r->mu, &ts);
		}
		all = b->resolved >= n;
		pthread_mutex_unlock(&r->mu);
		if (all)
			return NATS_OK;
		relay_watch(r);
		if (!r->up || relay_clock() >= deadline)
			return NATS_TIMEOUT;
	}
}

/* The refusal or silence that ended a round, in words. */
static int
relay_round_fail(const struct relay *r, const struct relay_batch *b,
    natsStatus s, int published, struct wms_err *err)
{
	char what[96];

	/* The link fell during the round. */
	if (!b->failed && !bus_conn_up(r->conn))
		return wms_err_set(err, WMS_ERR_IO, _("the connection to %s is "
		    "down; the events wait in the outbox and go when it is "
		    "back"), r->url);

	if (b->failed) {
		snprintf(what, sizeof what, _("sending to the bus"));
		if (b->fail_text[0] != '\0' && b->fail_code != 0)
			return wms_err_set(err, WMS_ERR_IO,
			    _("%s: JetStream refused a message: %s (error "
			    "%d)"), what, b->fail_text, (int)b->fail_code);
		return bus_nats_fail(b->fail_status, b->fail_code, what, err);
	}
	if (published < b->nmsgs)
		return bus_nats_fail(s, 0, _("sending to the bus"), err);
	return bus_nats_fail(NATS_TIMEOUT, 0, _("waiting for the bus's "
	    "acknowledgements"), err);
}

/*
 * Mark sent what is acknowledged and not marked yet, in one transaction (a
 * range of seq).  Deferred so that the mark of one window is written while
 * the server stores the next: an event is still marked only after its
 * acknowledgement, and a mark lost to a kill only sends its events again,
 * with the same ids.
 */
static int
relay_flush(struct relay *r, struct wms_err *err)
{
	int rc;

	if (r->acked_seq <= r->marked_seq)
		return 0;
	if ((rc = db_outbox_mark_sent(r->db, r->marked_seq, r->acked_seq,
	    r->acked_at, err)) != 0)
		return rc;
	r->marked_seq = r->acked_seq;
	r->stats->events += r->unmarked;
	r->unmarked = 0;
	return 0;
}

/*
 * The same, on the way to a wait or an exit: a mark clears last_error (an
 * acknowledgement says the bus answers), but these acknowledgements are
 * older than the failure in msg, which is recorded again after them.
 */
static int
relay_flush_keep(struct relay *r, const char *msg)
{
	struct wms_err	ignored;
	int64_t		before = r->marked_seq;
	int		rc;

	rc = relay_flush(r, &ignored);
	if (r->marked_seq != before && msg != NULL && *msg != '\0') {
		r->stored_error[0] = '\0';
		relay_error(r, msg);
	}
	return rc;
}

/*
 * One round: build, publish, wait for the acknowledgements, and mark sent,
 * in one transaction, the longest prefix of events (in seq order) whose
 * every part is acknowledged.  What is not acknowledged is taken back and
 * goes again next round with the same ids.  The number of events marked,
 * 0 when none waits, or a negative wms_rc.
 */
static int
relay_round(struct relay *r, struct wms_err *err)
{
	struct relay_ahead	 ahead;
	struct relay_batch	 b, nb;
	natsStatus		 s = NATS_OK, done;
	int			 published, fp = 0, prefix, rc, m, whole;

	/* Nothing goes into the library's buffer while the link is down. */
	if (!bus_conn_up(r->conn)) {
		relay_land(r);
		return wms_err_set(err, WMS_ERR_IO, _("the connection to %s is "
		    "down; the events wait in the outbox and go when it is "
		    "back"), r->url);
	}
	if (r->flying) {
		/* Published by the round before, and its handler's now. */
		pthread_mutex_lock(&r->mu);
		b = r->fly;
		memset(&r->fly, 0, sizeof r->fly);
		r->flying = 0;
		r->live[0] = &b;
		r->live[1] = NULL;
		pthread_mutex_unlock(&r->mu);
		published = b.nmsgs;
	} else {
		if ((rc = relay_build(r, r->acked_seq, &b, err)) != 0)
			return rc;
		if (b.nrows == 0) {
			batch_clear(&b);
			return 0;
		}
		pthread_mutex_lock(&r->mu);
		r->live[0] = &b;
		pthread_mutex_unlock(&r->mu);
		r->async = 1;
		for (published = 0; published < b.nmsgs; published++) {
			s = js_PublishMsgAsync(r->js, &b.msgs[published], NULL);
			if (s != NATS_OK)
				break;
		}
		r->stats->messages += published;
	}
	/*
	 * While the server stores this round, the lead makes the next one
	 * ready, signed (a full round says more may wait); its rows are read
	 * once this round is on its way, not before.  A refusal to build is
	 * met again when that round's turn comes.
	 */
	ahead.active = 0;
	if (published == b.nmsgs && b.nrows == r->window) {
		struct wms_err ignored;

		if (relay_build_start(r, b.rows[b.nrows - 1].seq, &ahead, 0,
		    &ignored) != 0)
			ahead.active = 0;
	}
	/* The last round's mark, while the server stores this one. */
	if (r->acked_seq > r->marked_seq) {
		struct wms_err ignored;

		(void)relay_flush(r, &ignored);	/* else tried again later */
	}
	/*
	 * The next round goes as soon as it is ready, before this one's
	 * acknowledgements: two rounds fly.  It is kept only if this one is
	 * acknowledged whole; else it is taken back with the rest, and built
	 * and sent again after the events that go again, with the same ids
	 * (what the server stored of it meanwhile it drops as duplicates).
	 */
	if (ahead.active) {
		struct wms_err ignored;

		if (relay_build_finish(&ahead, &nb, &ignored) == 0 &&
		    nb.nrows > 0) {
			pthread_mutex_lock(&r->mu);
			r->fly = nb;
			r->flying = 1;
			r->live[1] = &r->fly;
			pthread_mutex_unlock(&r->mu);
			r->async = 1;
			for (fp = 0; fp < r->fly.nmsgs; fp++) {
				if (js_PublishMsgAsync(r->js, &r->fly.msgs[fp],
				    NULL) != NATS_OK)
					break;
			}
			r->stats->messages += fp;
		} else {
			batch_clear(&nb);
		}
	}
	done = relay_await(r, &b, published);
	pthread_mutex_lock(&r->mu);
	r->live[0] = NULL;
	for (prefix = 0; prefix < b.nrows; prefix++) {
		if (b.rows[prefix].acked < b.rows[prefix].parts)
			break;
	}
	pthread_mutex_unlock(&r->mu);
	whole = done == NATS_OK && prefix == b.nrows;
	/*
	 * Unknown outcomes (this round's, the next one's, or a heartbeat's
	 * from a minute the bus was away) are ours again: taken back here,
	 * they go next round with the same ids.
	 */
	if (!whole || (r->flying && fp < r->fly.nmsgs))
		relay_land(r);
	if (prefix == 0) {
		r->stats->rounds_failed++;
		rc = relay_round_fail(r, &b, s, published, err);
	} else {
		/* Progress, even when the round stopped part way. */
		r->acked_seq = b.rows[prefix - 1].seq;
		r->unmarked += prefix;
		relay_now_iso(r->acked_at);
		r->stored_error[0] = '\0';
		rc = prefix;
	}
	/*
	 * With a round flying, its turn writes this one's mark.  Otherwise
	 * the mark is written now, and a mark that cannot be written ends
	 * the round: the next starts from the mark.
	 */
	if (!r->flying && r->acked_seq > r->marked_seq) {
		struct wms_err	ignored;

		/* A failed round still marks what was acknowledged before. */
		if ((m = relay_flush(r, rc < 0 ? &ignored : err)) != 0) {
			if (rc >= 0)
				rc = m;
			r->acked_seq = r->marked_seq;
			r->unmarked = 0;
		}
	}
	batch_clear(&b);
	return rc;
}

/* --- heartbeat ----------------------------------------------------------------- */

/*
 * The heartbeat: this depot's outbox depth for the centre, signed like an
 * event, not written to the outbox (seq 0, a fresh id).  Sent without
 * waiting: the next round's wait takes its acknowledgement.
 */
static void
relay_heartbeat(struct relay *r)
{
	struct bus_status	 st;
	struct bus_event	 ev;
	struct bus_msg		*m;
	struct wms_err		 err;
	struct timeval		 tv;
	natsMsg			*nm = NULL;
	bus_hash		 leaf;
	json_t			*o;
	char			 id[37], at[32], *text;
	int			 n;

	if (bus_status_read(r->w, &st, &err) != 0)
		return;
	o = json_pack("{sI sI sI so}", "pending", (json_int_t)st.pending,
	    "oldest_pending_s", (json_int_t)st.oldest_pending_s, "last_seq",
	    (json_int_t)st.last_seq, "last_ack", wms_json_opt(st.last_ack));
	text = wms_json_text(o);
	json_decref(o);
	gettimeofday(&tv, NULL);
	wms_uuid7((int64_t)tv.tv_sec * 1000 + tv.tv_usec / 1000, id);
	wms_time_iso(tv.tv_sec, (int)(tv.tv_usec / 1000), at);
	ev = (struct bus_event){
		.id = id, .site = r->site, .seq = BUS_SEQ_NONE,
		.type = "heartbeat", .at = at, .user = "", .payload = text,
	};
	if (bus_envelope_build(&ev, &m, &n, &err) == 0) {
		/* A window of one. */
		if (n == 1 && relay_msg(r, &m[0], &nm, leaf) == NATS_OK &&
		    relay_seal(r, &nm, (const bus_hash *)&leaf, 1) ==
		    NATS_OK) {
			r->async = 1;
			if (js_PublishMsgAsync(r->js, &nm, NULL) == NATS_OK)
				r->stats->heartbeats++;
		}
		natsMsg_Destroy(nm);
		bus_msgs_free(m, n);
	}
	free(text);
}

/* --- connection ---------------------------------------------------------------- */

static void
relay_disconnect(struct relay *r)
{
	relay_land(r);
	if (r->js != NULL)
		jsCtx_Destroy(r->js);
	r->js = NULL;
	r->async = 0;
	bus_close(r->conn);
	r->conn = NULL;
}

static int
relay_connect(struct relay *r, struct wms_err *err)
{
	struct bus_nats_conf	 nc = r->conf->nats;
	jsOptions		 jo;
	natsStatus		 s;
	char			 at[32], line[512];
	int			 rc;

	if (nc.name == NULL)
		nc.name = r->site;
	nc.no_reconnect = 1;
	if ((rc = bus_connect(&nc, &r->conn, err)) != 0)
		return rc;
	/* A context of our own: its handler sees every acknowledgement. */
	jsOptions_Init(&jo);
	jo.Wait = r->ack_wait_ms;
	jo.PublishAsync.AckHandler = relay_on_ack;
	jo.PublishAsync.AckHandlerClosure = r;
	jo.PublishAsync.MaxPending = 65536;
	s = natsConnection_JetStream(&r->js, bus_conn_nats(r->conn), &jo);
	if (s != NATS_OK) {
		rc = bus_nats_fail(s, 0, _("opening JetStream"), err);
		relay_disconnect(r);
		return rc;
	}
	r->up = 1;
	relay_now_iso(at);
	(void)db_bus_connected(r->db, at, err);
	/* The link is back: what stopped the relay no longer does. */
	if (r->stored_error[0] != '\0') {
		(void)db_bus_error_set(r->db, NULL, NULL, err);
		r->stored_error[0] = '\0';
	}
	if (r->connected_before)
		snprintf(line, sizeof line, _("connected again to %s"),
		    r->url);
	else
		snprintf(line, sizeof line, _("connected to %s"), r->url);
	r->connected_before = 1;
	relay_log(r, line);
	r->next_heartbeat = 0;
	return 0;
}

/* A change of the connection's state since the last look, logged. */
static void
relay_watch(struct relay *r)
{
	char	line[512];
	int	up;

	if (r->conn == NULL)
		return;
	up = bus_conn_up(r->conn);
	if (up == r->up)
		return;
	r->up = up;
	/* The library does not reconnect (no_reconnect): the loop does. */
	if (!up) {
		snprintf(line, sizeof line, _("lost the connection to %s; the "
		    "events wait in the outbox"), r->url);
		relay_log(r, line);
	}
}

/*
 * The restore guard, once a run, before anything is sent: the outbox must
 * not reuse a number the bus holds for another event (bus/guard.h).
 */
static int
relay_guard(struct relay *r, struct wms_err *err)
{
	struct bus_guard	g;
	char			line[512];
	int			rc, asked;

	if ((rc = bus_guard_check(r->w, r->js, &g, &asked, err)) != 0)
		return rc;
	r->guarded = 1;
	if (g.restored_seq > 0) {
		snprintf(line, sizeof line, _("the bus holds this site's events "
		    "up to %lld, no further than this restored database: it "
		    "goes on from there"), (long long)g.bus_seq);
		relay_log(r, line);
	} else if (!asked) {
		relay_log(r, _("the bus could not be asked for this site's "
		    "last event; the relay goes on without that check"));
	}
	return 0;
}

/* Wait ms, in short steps, watching the link, until told to stop. */
static void
relay_sleep(struct relay *r, int ms)
{
	struct timespec	ts = { .tv_sec = 0, .tv_nsec = 50 * 1000000L };
	double		end = relay_clock() + ms / 1000.0;

	while (!relay_stopping(r) && relay_clock() < end) {
		nanosleep(&ts, NULL);
		relay_watch(r);
	}
}

/* The next wait while the bus fails: 1 s doubling to 60 s, +-25 % jitter. */
static int
relay_backoff_ms(int *step)
{
	int base = 1000 << (*step < 6 ? *step : 6);

	if (base > BUS_RELAY_BACKOFF_MAX_S * 1000)
		base = BUS_RELAY_BACKOFF_MAX_S * 1000;
	else
		(*step)++;
	return base * 3 / 4 + (int)randombytes_uniform((uint32_t)base / 2);
}

/* --- the loop ---------------------------------------------------------------- */

/* "tls://user:secret@host" would put a secret where it is shown. */
static int
relay_url_ok(const char *urls)
{
	const char *p, *end;

	for (p = urls; *p != '\0'; p = *end == ',' ? end + 1 : end) {
		end = p + strcspn(p, ",");
		if (memchr(p, '@', (size_t)(end - p)) != NULL)
			return 0;
	}
	return 1;
}

int
bus_relay_check(struct wms *w, const struct bus_relay_conf *conf,
    struct wms_err *err)
{
	struct bus_key	k;
	int		rc;

	if (conf->nats.urls == NULL || *conf->nats.urls == '\0')
		return wms_err_set(err, WMS_ERR_USAGE,
		    _("no bus server: give --nats URL or nats = in [bus] of "
		    "makhzan.ini"));
	if (!relay_url_ok(conf->nats.urls))
		return wms_err_set(err, WMS_ERR_USAGE,
		    _("the bus URL carries credentials: give user and "
		    "password (or password_file) in [bus] of makhzan.ini, "
		    "never in a URL, which is shown in logs and in ps"));
	if ((rc = bus_key_load(conf->key_path, &k, err)) != 0)
		return rc;
	bus_key_wipe(&k);
	if (strcmp(k.site, wms_site(w)) != 0)
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("the site key %s is the key of site %s, and this "
		    "database is site %s: name this site's key in sign_key "
		    "of [bus]"), conf->key_path, k.site, wms_site(w));
	return 0;
}

/* The figures that say where the relay starts. */
static int
relay_start(struct relay *r, struct wms_err *err)
{
	struct db_bus_state	st;
	int			rc;

	if ((rc = db_bus_state_head(r->db, &st, err)) != 0)
		return rc;
	r->acked_seq = r->marked_seq = st.acked_seq;
	snprintf(r->stored_error, sizeof r->stored_error, "%s",
	    st.last_error);
	return db_outbox_relaxed(r->db, err);
}

int
bus_relay_run(struct wms *w, const struct bus_relay_conf *conf,
    struct bus_relay_stats *stats, struct wms_err *err)
{
	struct relay	r;
	struct wms_err	e;
	int64_t		version = 0, seen = -1;
	double		progress, left;
	int		rc, step = 0, failing = 0, pause;

	memset(stats, 0, sizeof *stats);
	if ((rc = bus_relay_check(w, conf, err)) != 0)
		return rc;
	memset(&r, 0, sizeof r);
	r.w = w;
	r.db = wms_db(w);
	r.conf = conf;
	r.stats = stats;
	r.site = wms_site(w);
	r.url = conf->nats.urls;
	r.window = conf->window > 0 ? conf->window : BUS_RELAY_WINDOW;
	r.ack_wait_ms = conf->ack_wait_ms > 0 ? conf->ack_wait_ms :
	    BUS_RELAY_ACK_WAIT_MS;
	r.poll_ms = conf->poll_ms > 0 ? conf->poll_ms : BUS_RELAY_POLL_MS;
	/*
	 * Half the processors build (the lead and its helpers): the other
	 * half is for this thread, nats.c's threads and, on a depot, the
	 * nats-server or its leaf node.  On two processors the lead alone
	 * makes a window ready well within the one in flight's wait, and
	 * a helper only took time from the server (bench-bus, loaded).
	 */
	r.threads = (int)sysconf(_SC_NPROCESSORS_ONLN) / 2;
	if (r.threads < 1)
		r.threads = 1;
	if (r.threads > BUS_RELAY_THREADS)
		r.threads = BUS_RELAY_THREADS;
	pthread_mutex_init(&r.mu, NULL);
	{
		pthread_condattr_t ca;

		pthread_condattr_init(&ca);
		pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
		pthread_cond_init(&r.cond, &ca);
		pthread_condattr_destroy(&ca);
	}
	if ((rc = bus_key_load(conf->key_path, &r.key, err)) != 0 ||
	    (rc = relay_start(&r, err)) != 0)
		goto out;
	progress = relay_clock();
	while (!relay_stopping(&r)) {
		if (r.conn == NULL && (rc = relay_connect(&r, &e)) != 0) {
			relay_error(&r, e.msg);
			/* Refused credentials need a person, not a retry. */
			if (rc == WMS_ERR_DENIED || rc == WMS_ERR_USAGE) {
				*err = e;
				goto out;
			}
			goto failed;
		}
		if (!r.guarded && (rc = relay_guard(&r, &e)) != 0) {
			relay_error(&r, e.msg);
			/* Numbers the centre holds: a person decides. */
			if (rc == WMS_ERR_CONFLICT) {
				*err = e;
				goto out;
			}
			relay_disconnect(&r);
			goto failed;
		}
		relay_watch(&r);
		if (!r.up) {
			/* Closed, with whatever it held: connect anew. */
			relay_disconnect(&r);
			continue;
		}
		if (conf->heartbeat_s >= 0 && r.up &&
		    time(NULL) >= r.next_heartbeat) {
			relay_heartbeat(&r);
			r.next_heartbeat = time(NULL) + (conf->heartbeat_s > 0 ?
			    conf->heartbeat_s : BUS_RELAY_HEARTBEAT_S);
		}
		/* Idle: look again only when another connection committed. */
		if (seen >= 0) {
			if (db_outbox_data_version(r.db, &version, &e) == 0 &&
			    version == seen) {
				relay_sleep(&r, r.poll_ms);
				continue;
			}
		}
		if (db_outbox_data_version(r.db, &version, &e) != 0)
			version = -2;
		rc = relay_round(&r, &e);
		if (rc > 0) {
			progress = relay_clock();
			seen = -1;
			if (failing) {
				relay_log(&r, _("the bus acknowledges the events "
				    "again"));
				failing = 0;
				step = 0;
			}
			continue;
		}
		if (rc == 0) {
			progress = relay_clock();
			if (conf->once)
				break;
			seen = version;
			continue;
		}
		relay_error(&r, e.msg);
failed:
		failing = 1;
		seen = -1;
		/* What was acknowledged is marked before the wait, however long. */
		if (relay_flush_keep(&r, e.msg) != 0) {
			r.acked_seq = r.marked_seq;
			r.unmarked = 0;
			relay_land(&r);
		}
		pause = relay_backoff_ms(&step);
		if (conf->once) {
			/* --once waits for the bus a bounded time, then says why. */
			left = (conf->once_wait_s > 0 ? conf->once_wait_s :
			    BUS_RELAY_ONCE_WAIT_S) - (relay_clock() - progress);
			if (left <= 0) {
				rc = wms_err_set(err, WMS_ERR_IO, "%s", e.msg);
				goto out;
			}
			if (pause > left * 1000)
				pause = (int)(left * 1000) + 1;
		}
		relay_sleep(&r, pause);
	}
	rc = 0;
out:
	relay_land(&r);
	/* A mark that waited (a stop between two windows, a failure). */
	(void)relay_flush_keep(&r, rc != 0 ? err->msg : NULL);
	relay_disconnect(&r);
	bus_key_wipe(&r.key);
	pthread_cond_destroy(&r.cond);
	pthread_mutex_destroy(&r.mu);
	return rc;
}
