/* makhzan central: fetch from the durable consumer, apply, acknowledge. */
#include <dlfcn.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/ssl.h>

#include "central/apply.h"
#include "central/consumer.h"
#include "central/metrics.h"
#include "central/pg.h"
#include "central/setup.h"
#include "central/stmt.h"
#include "lib/buf.h"
#include "lib/i18n.h"
#include "lib/xmalloc.h"

#define BATCH		256
/* A fetch waits this long for messages (our own loop bounds it). */
#define FETCH_MS	1000
/* Back off while a server is down: 1 s doubling to this. */
#define BACKOFF_MAX_MS	30000
/* Held messages are told "in progress" this often while PostgreSQL is
 * away, so that they are not delivered to another consumer meanwhile. */
#define PROGRESS_S	10

/*
 * libnats 3.4.1 (Debian 12) shares a TLS connection's OpenSSL object
 * between its reading thread, which calls SSL_read without the
 * connection's lock, and the threads that write (its flusher, or the
 * caller when the buffer is full), which call SSL_write under it; OpenSSL
 * does not allow one SSL object in two threads at once.  When nats-server
 * dies, SSL_read meets an end of file without close_notify and answers it
 * with a fatal alert: a write from the reading thread, into the record
 * buffer and cipher state the flusher may be using at that moment.
 * ThreadSanitizer shows that write each time central-faults.sh kills
 * nats-server; a consumer died there once of a corrupted heap as the bus
 * came back, the likeliest cause.  Told to take such an end of file as a
 * close, OpenSSL writes nothing from the reading thread, and the library
 * sees the same closed connection (NATS frames every message: a cut one
 * is never taken).  nats.c has no option for its SSL_CTX, hence this
 * wrapper, which libnats' call reaches because the program's own
 * definition comes first: every SSL_CTX of the process (the relay's too,
 * libpq's) gets the option.  nats.c later serialised SSL_read and
 * SSL_write itself (its pull request 913, 2025): drop this with a libnats
 * that has it.
 */
static SSL_CTX	*(*ssl_ctx_new_next)(const SSL_METHOD *);
static pthread_once_t ssl_ctx_new_once = PTHREAD_ONCE_INIT;

static void
ssl_ctx_new_find(void)
{
	*(void **)&ssl_ctx_new_next = dlsym(RTLD_NEXT, "SSL_CTX_new");
}

SSL_CTX *
SSL_CTX_new(const SSL_METHOD *method)
{
	SSL_CTX *ctx;

	pthread_once(&ssl_ctx_new_once, ssl_ctx_new_find);
	if (ssl_ctx_new_next == NULL)
		return NULL;
	if ((ctx = ssl_ctx_new_next(method)) != NULL)
		SSL_CTX_set_options(ctx, SSL_OP_IGNORE_UNEXPECTED_EOF);
	return ctx;
}

struct consumer {
	const struct central_run_opts	*o;
	/*
	 * The signal handler's flag (volatile sig_atomic_t) is the main
	 * thread's to read; the main thread passes a stop on to the reader
	 * through quit, an atomic: a plain flag read in another thread is a
	 * data race (ThreadSanitizer names it).
	 */
	const volatile sig_atomic_t	*stop;
	atomic_int			 quit;
	struct bus_conn			*bus;
	natsSubscription		*sub;
	struct central_pg		*pg;
	struct central_live		 live;
	struct central_counts		 total;
	int				 nats_up, pg_up;
	int				 batch;
	struct central_keys		*keys;	/* seen by the reader */
	/* The reader hands one batch at a time over to the applier. */
	pthread_mutex_t			 mu;
	pthread_cond_t			 cv;
	struct item			*slot;
	int				 reader_done;
};

static void
say(struct consumer *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
say(struct consumer *c, const char *fmt, ...)
{
	char	line[1024];
	va_list	ap;

	if (c->o->log == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	c->o->log(line, c->o->arg);
}

static int64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Asked to stop?  from_main: the main thread asks (see quit). */
static int
stopping(struct consumer *c, int from_main)
{
	if (from_main && *c->stop)
		atomic_store(&c->quit, 1);
	return atomic_load(&c->quit);
}

/* Sleep ms, in slices, unless asked to stop. */
static void
nap(struct consumer *c, int ms, int from_main)
{
	struct timespec ts = { .tv_sec = 0, .tv_nsec = 50 * 1000000L };

	for (; ms > 0 && !stopping(c, from_main); ms -= 50)
		nanosleep(&ts, NULL);
}

static int
backoff(int ms)
{
	ms = ms == 0 ? 1000 : ms * 2;
	return ms > BACKOFF_MAX_MS ? BACKOFF_MAX_MS : ms;
}

/* The bus went down or came back: a line each time it changes. */
static void
watch_nats(struct consumer *c)
{
	int up = bus_conn_up(c->bus);

	if (up != c->nats_up)
		say(c, up ? _("central: the bus is back (%s)") :
		    _("central: lost the bus (%s); waiting for it"),
		    bus_conn_url(c->bus));
	c->nats_up = up;
	atomic_store(&c->live.nats_up, up);
}

/* Every header as "Name: value" lines, for the quarantine's record. */
static char *
msg_headers(natsMsg *m)
{
	struct wms_buf	  b = { 0 };
	const char	**keys = NULL, **vals = NULL;
	int		  nk = 0, nv, i, k;

	if (natsMsgHeader_Keys(m, &keys, &nk) == NATS_OK) {
		for (i = 0; i < nk; i++) {
			if (natsMsgHeader_Values(m, keys[i], &vals, &nv) !=
			    NATS_OK)
				continue;
			for (k = 0; k < nv; k++)
				wms_buf_addf(&b, "%s: %s\n", keys[i], vals[k]);
			free((void *)vals);
		}
		free((void *)keys);
	}
	return wms_buf_steal(&b);
}

static const char *
msg_header(natsMsg *m, const char *key)
{
	const char *v = NULL;

	if (natsMsgHeader_Get(m, key, &v) != NATS_OK)
		return NULL;
	return v;
}

/* Tell the server the held messages are still being worked on. */
static void
hold(natsMsgList *list)
{
	int i;

	for (i = 0; i < list->Count; i++)
		natsMsg_InProgress(list->Msgs[i], NULL);
}

/* A fetched list on its way: read and checked, then applied. */
struct item {
	natsMsgList		 list;
	struct central_msg	*msgs;
	char			**hdrs;
	int			 n;
	struct central_batch	*b;
};

/* Take list's messages and read them (envelopes, early signatures). */
static struct item *
item_new(natsMsgList *list, struct central_keys *keys)
{
	struct item	*it = xcalloc(1, sizeof *it);
	jsMsgMetaData	*meta;
	natsMsg		*m;
	int		 i;

	it->list = *list;
	memset(list, 0, sizeof *list);
	it->n = it->list.Count;
	it->msgs = xcalloc((size_t)it->n + 1, sizeof *it->msgs);
	it->hdrs = xcalloc((size_t)it->n + 1, sizeof *it->hdrs);
	for (i = 0; i < it->n; i++) {
		m = it->list.Msgs[i];
		it->msgs[i].subject = natsMsg_GetSubject(m);
		it->msgs[i].body = natsMsg_GetData(m);
		it->msgs[i].len = (size_t)natsMsg_GetDataLength(m);
		it->msgs[i].msg_id = msg_header(m, "Nats-Msg-Id");
		it->msgs[i].key_id = msg_header(m, "Makhzan-Key");
		it->msgs[i].sig = msg_header(m, "Makhzan-Sig");
		it->msgs[i].headers = it->hdrs[i] = msg_headers(m);
		if (natsMsg_GetMetaData(&meta, m) == NATS_OK) {
			it->msgs[i].stream_seq = (int64_t)meta->Sequence.Stream;
			jsMsgMetaData_Destroy(meta);
		}
	}
	it->b = central_batch_read(it->msgs, it->n, keys);
	return it;
}

/* Let the messages go, acknowledged or not (unacknowledged ones come back). */
static void
item_free(struct item *it)
{
	int i;

	if (it == NULL)
		return;
	central_batch_free(it->b);
	for (i = 0; i < it->n; i++)
		free(it->hdrs[i]);
	free(it->hdrs);
	free(it->msgs);
	natsMsgList_Destroy(&it->list);
	free(it);
}

/*
 * Apply one batch, waiting for PostgreSQL while it is away; acknowledge
 * what was committed.  A batch PostgreSQL refuses for another reason is
 * tried message by message: what passes is acknowledged, what does not is
 * logged and given back to the stream for later.
 */
static void
consume_item(struct consumer *c, struct item *it)
{
	struct central_counts	 cnt;
	struct wms_err		 err;
	int64_t			 held = now_ms();
	natsMsgList		*list = &it->list;
	struct central_msg	*msgs = it->msgs;
	int			 i, n = it->n, rc, wait = 0;

	for (;;) {
		memset(&cnt, 0, sizeof cnt);
		if ((rc = central_batch_apply(c->pg, it->b, &cnt, &err)) == 0)
			break;
		if (rc != WMS_ERR_IO)
			break;
		if (c->pg_up)
			say(c, _("central: lost PostgreSQL: %s; waiting for "
			    "it"), err.msg);
		c->pg_up = 0;
		atomic_store(&c->live.pg_up, 0);
		if (stopping(c, 1))
			return;		/* unacknowledged: delivered again */
		nap(c, wait = backoff(wait), 1);
		if (now_ms() - held > PROGRESS_S * 1000) {
			hold(list);
			held = now_ms();
		}
		if (central_pg_reset(c->pg, &err) == 0) {
			say(c, _("central: PostgreSQL is back (%s)"),
			    central_pg_where(c->pg));
			c->pg_up = 1;
			atomic_store(&c->live.pg_up, 1);
		}
	}
	if (rc != 0 && n == 1) {
		say(c, _("central: %s; the message goes back to the stream"),
		    err.msg);
		natsMsg_NakWithDelay(list->Msgs[0], 30000, NULL);
		return;
	}
	if (rc != 0) {
		/* Refused as a batch: one by one, so the rest goes on. */
		say(c, _("central: %s; trying the batch message by message"),
		    err.msg);
		for (i = 0; i < n; i++) {
			memset(&cnt, 0, sizeof cnt);
			if (central_apply_batch(c->pg, &msgs[i], 1, &cnt,
			    &err) == 0) {
				natsMsg_Ack(list->Msgs[i], NULL);
				continue;
			}
			say(c, _("central: %s (message %s); it goes back to "
			    "the stream"), err.msg, msgs[i].msg_id != NULL ?
			    msgs[i].msg_id : "?");
			natsMsg_NakWithDelay(list->Msgs[i], 30000, NULL);
		}
		return;
	}
	/* Committed: the acknowledgements may go (one lost is harmless). */
	for (i = 0; i < n; i++)
		natsMsg_Ack(list->Msgs[i], NULL);
	for (i = 0; i < n; i++) {
		if (msgs[i].outcome == CENTRAL_QUARANTINED)
			say(c, _("central: quarantined %s (%s): %s"),
			    msgs[i].subject, msgs[i].msg_id != NULL ?
			    msgs[i].msg_id : "?", msgs[i].reason);
	}
	c->total.more |= cnt.more;
	c->total.applied += cnt.applied;
	c->total.quarantined += cnt.quarantined;
	atomic_fetch_add(&c->live.messages, cnt.messages);
	atomic_fetch_add(&c->live.kept, cnt.kept);
	atomic_fetch_add(&c->live.duplicates, cnt.duplicates);
	atomic_fetch_add(&c->live.quarantined, cnt.quarantined);
	atomic_fetch_add(&c->live.heartbeats, cnt.heartbeats);
	atomic_fetch_add(&c->live.applied, cnt.applied);
	atomic_fetch_add(&c->live.batches, 1);
	atomic_store(&c->live.last_batch, (long long)time(NULL));
}

/*
 * The reader: fetch a batch and read it while the previous one's
 * transaction runs, then hand it over (one at a time).  Until a stop.
 */
static void *
reader(void *arg)
{
	struct consumer	*c = arg;
	natsMsgList	 list;
	struct item	*it;
	struct timespec	 until;
	jsErrCode	 jerr;
	natsStatus	 s;
	int64_t		 t0;
	int		 wait = 0;

	while (!stopping(c, 0)) {
		watch_nats(c);
		t0 = now_ms();
		jerr = 0;
		memset(&list, 0, sizeof list);
		/*
		 * nats.c 3.4.1 may return a timeout at once instead of
		 * waiting: the loop, not the call, bounds the wait.
		 */
		s = natsSubscription_Fetch(&list, c->sub, c->batch, FETCH_MS,
		    &jerr);
		if (s == NATS_OK && list.Count > 0) {
			wait = 0;
			it = item_new(&list, c->keys);
			pthread_mutex_lock(&c->mu);
			while (c->slot != NULL && !stopping(c, 0)) {
				clock_gettime(CLOCK_REALTIME, &until);
				until.tv_nsec += 100 * 1000000L;
				if (until.tv_nsec >= 1000000000L) {
					until.tv_sec++;
					until.tv_nsec -= 1000000000L;
				}
				pthread_cond_timedwait(&c->cv, &c->mu, &until);
			}
			if (c->slot == NULL) {
				c->slot = it;
				it = NULL;
				pthread_cond_broadcast(&c->cv);
			}
			pthread_mutex_unlock(&c->mu);
			item_free(it);	/* stopping: it comes back later */
			continue;
		}
		natsMsgList_Destroy(&list);
		if (s == NATS_TIMEOUT || s == NATS_OK) {
			wait = 0;
			if (now_ms() - t0 < 100)
				nap(c, 100, 0);
			continue;
		}
		/* The bus is away: the library reconnects; we wait. */
		watch_nats(c);
		nap(c, wait = backoff(wait), 0);
	}
	pthread_mutex_lock(&c->mu);
	c->reader_done = 1;
	pthread_cond_broadcast(&c->cv);
	pthread_mutex_unlock(&c->mu);
	return NULL;
}

/* Apply what became applicable without a new message (quietly retried). */
static void
catch_up(struct consumer *c)
{
	struct central_counts	cnt;
	struct wms_err		err;
	int			rounds = 0;

	do {
		memset(&cnt, 0, sizeof cnt);
		if (central_apply_catchup(c->pg, &cnt, &err) != 0) {
			if (c->pg_up && !central_pg_ok(c->pg))
				say(c, _("central: lost PostgreSQL: %s; "
				    "waiting for it"), err.msg);
			if (!central_pg_ok(c->pg)) {
				c->pg_up = 0;
				atomic_store(&c->live.pg_up, 0);
				if (central_pg_reset(c->pg, &err) == 0) {
					say(c, _("central: PostgreSQL is back "
					    "(%s)"), central_pg_where(c->pg));
					c->pg_up = 1;
					atomic_store(&c->live.pg_up, 1);
				}
			}
			return;
		}
		c->total.applied += cnt.applied;
		atomic_fetch_add(&c->live.applied, cnt.applied);
	} while (cnt.more && !stopping(c, 1) && ++rounds < 100);
	c->total.more = 0;
}

static int
consume_bind(struct consumer *c, struct wms_err *err)
{
	jsSubOptions	so;
	jsErrCode	jerr = 0;
	natsStatus	s;

	jsSubOptions_Init(&so);
	so.Stream = CENTRAL_STREAM;
	so.Consumer = CENTRAL_CONSUMER;
	so.ManualAck = true;
	s = js_PullSubscribe(&c->sub, bus_conn_js(c->bus), NULL, NULL, NULL,
	    &so, &jerr);
	if (s == NATS_OK)
		return 0;
	if (s == NATS_NOT_FOUND || jerr == JSConsumerNotFoundErr ||
	    jerr == JSStreamNotFoundErr)
		return wms_err_set(err, WMS_ERR_NOTFOUND, _("no consumer "
		    "CENTRAL on the stream MAKHZAN_EVENTS at %s: run makhzan "
		    "central setup"), bus_conn_url(c->bus));
	if (s == NATS_NO_RESPONDERS || jerr == JSNotEnabledErr)
		return wms_err_set(err, WMS_ERR_IO, _("the NATS server at %s "
		    "has no JetStream: start it with -js or jetstream {} in its "
		    "configuration"), bus_conn_url(c->bus));
	return bus_nats_fail(s, jerr, _("binding to the consumer CENTRAL"),
	    err);
}

int
central_consume(const struct central_run_opts *o,
    const volatile sig_atomic_t *stop, struct wms_err *err)
{
	struct consumer		 c;
	struct central_metrics	*metrics = NULL;
	struct bus_nats_conf	 nc = o->nats;
	pthread_t		 th;
	int64_t			 last_catchup = 0;
	int			 rc;

	memset(&c, 0, sizeof c);
	c.o = o;
	c.stop = stop;
	atomic_init(&c.quit, 0);
	c.batch = o->batch > 0 ? o->batch : BATCH;
	c.keys = central_keys_new();
	pthread_mutex_init(&c.mu, NULL);
	pthread_cond_init(&c.cv, NULL);
	if ((rc = central_pg_open(o->conninfo, 0, &c.pg, err)) != 0)
		goto out;
	c.pg_up = 1;
	atomic_store(&c.live.pg_up, 1);
	if (nc.name == NULL)
		nc.name = "makhzan-central";
	if ((rc = bus_connect(&nc, &c.bus, err)) != 0)
		goto out;
	c.nats_up = 1;
	atomic_store(&c.live.nats_up, 1);
	if ((rc = consume_bind(&c, err)) != 0)
		goto out;
	if (o->metrics != NULL && (rc = central_metrics_start(o->metrics,
	    o->conninfo, &c.live, &metrics, err)) != 0)
		goto out;
	say(&c, _("central: reading MAKHZAN_EVENTS through CENTRAL at %s into "
	    "PostgreSQL (%s)%s%s"), bus_conn_url(c.bus), central_pg_where(c.pg),
	    o->metrics != NULL ? _(", metrics on ") : "",
	    o->metrics != NULL ? o->metrics : "");
	/* What waits since the last run (another consumer's, a gap filled). */
	catch_up(&c);
	if (pthread_create(&th, NULL, reader, &c) != 0) {
		rc = wms_err_set(err, WMS_ERR_IO, _("cannot start a thread"));
		goto out;
	}
	for (;;) {
		struct timespec	 until;
		struct item	*it;

		(void)stopping(&c, 1);	/* passed on to the reader */
		pthread_mutex_lock(&c.mu);
		if (c.slot == NULL && !c.reader_done) {
			clock_gettime(CLOCK_REALTIME, &until);
			until.tv_nsec += 200 * 1000000L;
			if (until.tv_nsec >= 1000000000L) {
				until.tv_sec++;
				until.tv_nsec -= 1000000000L;
			}
			pthread_cond_timedwait(&c.cv, &c.mu, &until);
		}
		it = c.slot;
		c.slot = NULL;
		pthread_cond_broadcast(&c.cv);
		if (it == NULL && c.reader_done) {
			pthread_mutex_unlock(&c.mu);
			break;
		}
		pthread_mutex_unlock(&c.mu);
		if (it != NULL) {
			consume_item(&c, it);
			item_free(it);
			if (c.total.more)
				catch_up(&c);
		} else if (now_ms() - last_catchup >= 1000) {
			/* Idle: what became applicable without a message. */
			catch_up(&c);
			last_catchup = now_ms();
		}
	}
	pthread_join(th, NULL);
	say(&c, _("central: stopped; this run applied %lld events and "
	    "quarantined %lld messages"), (long long)c.total.applied,
	    (long long)c.total.quarantined);
	rc = 0;
out:
	central_metrics_stop(metrics);
	if (c.sub != NULL)
		natsSubscription_Destroy(c.sub);
	bus_close(c.bus);
	central_pg_close(c.pg);
	central_keys_free(c.keys);
	pthread_cond_destroy(&c.cv);
	pthread_mutex_destroy(&c.mu);
	return rc;
}
