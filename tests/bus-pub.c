/*
 * A test publisher for the centre's tests: reads a depot's outbox
 * (sqlite3) and publishes its events signed, as the relay would, with
 * ways to misbehave (a byte changed after signing, another site's
 * subject, a second copy under another message id, a gap).  Not part of
 * makhzan: the relay is `makhzan sync`.
 *
 *	bus-pub keygen KEYFILE SITE
 *	bus-pub publish --db DEPOT.db --key KEYFILE --nats URL [--ca PEM]
 *	    [--user U --password-file F] [--site S] [--seqs 1,2,4-9]
 *	    [--tamper] [--subject SUBJ] [--msgid-suffix X] [--reverse-parts]
 *	    [--mark-sent] [--window [--fault tamper|other-window|other-root]]
 *	bus-pub heartbeat --key KEYFILE --nats URL ... --site S
 *	    --pending N --oldest S --last-seq L
 *
 * --window signs the messages published as one window, as the relay does
 * (one signature over their Merkle root, a Makhzan-Proof each), and
 * --fault breaks every message of it: tamper changes the body after the
 * signature, other-window sends the proof of another window that holds
 * the same body, other-root the signature of another root.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "bus/envelope.h"
#include "bus/merkle.h"
#include "bus/nats.h"
#include "bus/sign.h"
#include "lib/json.h"
#include "lib/time.h"

struct opts {
	const char	*db, *key, *nats, *ca, *user, *password_file;
	const char	*site, *seqs, *subject, *suffix, *fault;
	int		 tamper, reverse, mark, pending, oldest, last_seq;
	int		 window;
};

static void die(const char *fmt, ...)
    __attribute__((format(printf, 1, 2), noreturn));

static void
die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fprintf(stderr, "bus-pub: ");
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\n");
	va_end(ap);
	exit(1);
}

/* The whole of v as a non-negative int, or die naming the option. */
static int
num(const char *name, const char *v)
{
	char	*end;
	long	 n;

	errno = 0;
	n = strtol(v, &end, 10);
	if (errno != 0 || end == v || *end != '\0' || n < 0 || n > INT_MAX)
		die("%s: not a whole number: %s", name, v);
	return (int)n;
}

/* 1 when seq is in the list "1,2,4-9" (NULL: all). */
static int
seq_wanted(const char *list, long long seq)
{
	const char	*p = list;
	char		*end;
	long long	 a, b;

	if (list == NULL)
		return 1;
	while (*p != '\0') {
		a = strtoll(p, &end, 10);
		b = a;
		if (*end == '-')
			b = strtoll(end + 1, &end, 10);
		if (seq >= a && seq <= b)
			return 1;
		p = *end == ',' ? end + 1 : end;
		if (end == p && *p != '\0' && *p != ',')
			break;
	}
	return 0;
}

/* Change a digit of the first qty_milli (else a letter of the user). */
static void
tamper(struct wms_buf *b)
{
	char *p = strstr(b->data, "\"qty_milli\":");

	if (p != NULL) {
		p += strlen("\"qty_milli\":");
		*p = *p == '9' ? '8' : (char)(*p + 1);
		return;
	}
	if ((p = strstr(b->data, "\"user\":\"")) != NULL) {
		p += strlen("\"user\":\"");
		*p = *p == 'x' ? 'y' : 'x';
	}
}

static void
publish_raw(jsCtx *js, const struct opts *o, const struct bus_key *k,
    struct bus_msg *m, const char *sig, const char *proof)
{
	natsMsg		*msg = NULL;
	jsPubOptions	 po;
	jsPubAck	*pa = NULL;
	jsErrCode	 jerr = 0;
	natsStatus	 s = NATS_OK;
	char		 id[128];
	int		 tries;

	snprintf(id, sizeof id, "%s%s", m->msg_id, o->suffix != NULL ?
	    o->suffix : "");
	for (tries = 0; tries < 60; tries++) {
		if (natsMsg_Create(&msg, o->subject != NULL ? o->subject :
		    m->subject, NULL, m->body.data, (int)m->body.len) != NATS_OK)
			die("%s", "out of memory");
		natsMsgHeader_Set(msg, BUS_HDR_KEY, k->id);
		natsMsgHeader_Set(msg, BUS_HDR_SIG, sig);
		if (proof != NULL)
			natsMsgHeader_Set(msg, BUS_HDR_PROOF, proof);
		jsPubOptions_Init(&po);
		po.MsgId = id;
		po.MaxWait = 3000;
		s = js_PublishMsg(&pa, js, msg, &po, &jerr);
		natsMsg_Destroy(msg);
		if (s == NATS_OK) {
			jsPubAck_Destroy(pa);
			return;
		}
		/* Unknown outcome: the same id again (a cluster electing). */
		usleep(500 * 1000);
	}
	die("publish failed: %s", natsStatus_GetText(s));
}

static void
publish_one(jsCtx *js, const struct opts *o, const struct bus_key *k,
    struct bus_msg *m)
{
	char sig[BUS_SIG_TEXT];

	bus_sign(k, m->body.data, m->body.len, sig);
	if (o->tamper)
		tamper(&m->body);
	publish_raw(js, o, k, m, sig, NULL);
}

/* The signature of a window of n leaves whose root is root. */
static void
sign_root(const struct bus_key *k, size_t n, const bus_hash root,
    char sig[BUS_SIG_TEXT])
{
	unsigned char	msg[BUS_MERKLE_MSG_MAX];
	size_t		len;

	len = bus_merkle_window_msg(k->id, n, root, msg);
	bus_sign(k, msg, len, sig);
}

/* n messages as one window, as the relay signs them; --fault breaks it. */
static void
publish_window(jsCtx *js, const struct opts *o, const struct bus_key *k,
    struct bus_msg *m, size_t n)
{
	struct bus_merkle	 t, other;
	bus_hash		*leaves, root, path[BUS_MERKLE_MAX_PATH];
	char			 sig[BUS_SIG_TEXT], proof[BUS_MERKLE_PROOF_TEXT];
	const char		*f = o->fault != NULL ? o->fault : "";
	size_t			 i;
	int			 np;

	if (n == 0)
		return;
	leaves = calloc(n + 1, sizeof *leaves);
	for (i = 0; i < n; i++)
		bus_merkle_leaf(m[i].body.data, m[i].body.len, leaves[i]);
	/* Another window: the same bodies and one more. */
	bus_merkle_leaf("{}", 2, leaves[n]);
	if (bus_merkle_build(&t, leaves, n) != 0 ||
	    bus_merkle_build(&other, leaves, n + 1) != 0)
		die("%s", "cannot build the tree");
	bus_merkle_root(&t, root);
	if (strcmp(f, "other-root") == 0)
		root[0] ^= 1;
	else if (*f != '\0' && strcmp(f, "tamper") != 0 &&
	    strcmp(f, "other-window") != 0)
		die("unknown fault %s", f);
	sign_root(k, n, root, sig);
	for (i = 0; i < n; i++) {
		if (strcmp(f, "other-window") == 0) {
			np = bus_merkle_path(&other, i, path);
			bus_merkle_proof_text(i, n + 1, path, np, proof);
		} else {
			np = bus_merkle_path(&t, i, path);
			bus_merkle_proof_text(i, n, path, np, proof);
		}
		if (strcmp(f, "tamper") == 0)
			tamper(&m[i].body);
		publish_raw(js, o, k, &m[i], sig, proof);
	}
	bus_merkle_free(&t);
	bus_merkle_free(&other);
	free(leaves);
}

static void
connect_bus(const struct opts *o, struct bus_conn **bus)
{
	struct bus_nats_conf	c;
	struct wms_err		err;

	memset(&c, 0, sizeof c);
	c.urls = o->nats;
	c.ca = o->ca;
	c.user = o->user;
	c.password_file = o->password_file;
	c.name = "bus-pub";
	if (bus_connect(&c, bus, &err) != 0)
		die("%s", err.msg);
}

static int
cmd_publish(const struct opts *o)
{
	struct bus_key		 k;
	struct bus_conn		*bus;
	struct bus_event	 ev;
	struct bus_msg		*msgs;
	struct wms_err		 err;
	sqlite3			*db;
	sqlite3_stmt		*st, *mark = NULL;
	const char		*site = o->site;
	struct bus_msg		*win = NULL;
	json_t			*p;
	char			 user[128], meta_site[64] = "";
	int			 n, i, count = 0;
	size_t			 nwin = 0;

	if (o->db == NULL || o->key == NULL || o->nats == NULL)
		die("%s", "publish needs --db, --key and --nats");
	if (bus_key_load(o->key, &k, &err) != 0)
		die("%s", err.msg);
	if (sqlite3_open_v2(o->db, &db, SQLITE_OPEN_READWRITE, NULL) !=
	    SQLITE_OK)
		die("cannot open %s", o->db);
	sqlite3_busy_timeout(db, 5000);
	if (sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key = 'site'",
	    -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		snprintf(meta_site, sizeof meta_site, "%s",
		    (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	if (site == NULL)
		site = meta_site;
	connect_bus(o, &bus);
	if (o->mark && sqlite3_prepare_v2(db, "UPDATE outbox SET state = "
	    "'sent' WHERE seq = ?", -1, &mark, NULL) != SQLITE_OK)
		die("%s", sqlite3_errmsg(db));
	if (sqlite3_prepare_v2(db, "SELECT seq, event_id, type, payload, "
	    "created_at FROM outbox ORDER BY seq", -1, &st, NULL) != SQLITE_OK)
		die("%s", sqlite3_errmsg(db));
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (!seq_wanted(o->seqs, sqlite3_column_int64(st, 0)))
			continue;
		memset(&ev, 0, sizeof ev);
		ev.seq = sqlite3_column_int64(st, 0);
		ev.id = (const char *)sqlite3_column_text(st, 1);
		ev.type = (const char *)sqlite3_column_text(st, 2);
		ev.payload = (const char *)sqlite3_column_text(st, 3);
		ev.at = (const char *)sqlite3_column_text(st, 4);
		ev.site = site;
		p = json_loads(ev.payload, 0, NULL);
		snprintf(user, sizeof user, "%s", p != NULL &&
		    wms_json_get_str(p, "user") != NULL ?
		    wms_json_get_str(p, "user") : "?");
		json_decref(p);
		ev.user = user;
		if (bus_envelope_build(&ev, &msgs, &n, &err) != 0)
			die("%s", err.msg);
		for (i = 0; i < n && o->window; i++) {
			win = realloc(win, (nwin + 1) * sizeof *win);
			win[nwin] = msgs[i];
			/* The body moves to the window. */
			memset(&msgs[i].body, 0, sizeof msgs[i].body);
			nwin++;
		}
		for (i = 0; i < n && !o->window; i++)
			publish_one(bus_conn_js(bus), o, &k,
			    &msgs[o->reverse ? n - 1 - i : i]);
		bus_msgs_free(msgs, n);
		if (mark != NULL) {
			sqlite3_bind_int64(mark, 1, ev.seq);
			sqlite3_step(mark);
			sqlite3_reset(mark);
		}
		count++;
	}
	sqlite3_finalize(st);
	if (o->window) {
		publish_window(bus_conn_js(bus), o, &k, win, nwin);
		bus_msgs_free(win, (int)nwin);
	}
	sqlite3_finalize(mark);
	sqlite3_close(db);
	bus_close(bus);
	bus_key_wipe(&k);
	printf("%d events published\n", count);
	return 0;
}

static int
cmd_heartbeat(const struct opts *o)
{
	struct bus_key		 k;
	struct bus_conn		*bus;
	struct bus_event	 ev;
	struct bus_msg		*msgs;
	struct wms_err		 err;
	struct timespec		 ts;
	char			 at[32], id[40], *payload;
	json_t			*p;
	int			 n;

	if (o->key == NULL || o->nats == NULL || o->site == NULL)
		die("%s", "heartbeat needs --key, --nats and --site");
	if (bus_key_load(o->key, &k, &err) != 0)
		die("%s", err.msg);
	clock_gettime(CLOCK_REALTIME, &ts);
	wms_time_iso(ts.tv_sec, (int)(ts.tv_nsec / 1000000), at);
	/* A fresh id each time: a v4-shaped UUID is enough for a test. */
	snprintf(id, sizeof id, "%08lx-%04x-4%03x-8%03x-%012llx",
	    (unsigned long)ts.tv_sec, (unsigned)(ts.tv_nsec & 0xffff),
	    (unsigned)(getpid() & 0xfff), (unsigned)(rand() & 0xfff),
	    (unsigned long long)ts.tv_nsec);
	p = json_pack("{si si si sn}", "pending", o->pending,
	    "oldest_pending_s", o->oldest, "last_seq", o->last_seq,
	    "last_ack");
	payload = wms_json_text(p);
	json_decref(p);
	memset(&ev, 0, sizeof ev);
	ev.id = id;
	ev.site = o->site;
	ev.seq = 0;
	ev.type = "heartbeat";
	ev.at = at;
	ev.user = "relay";
	ev.payload = payload;
	if (bus_envelope_build(&ev, &msgs, &n, &err) != 0)
		die("%s", err.msg);
	connect_bus(o, &bus);
	publish_one(bus_conn_js(bus), o, &k, &msgs[0]);
	bus_msgs_free(msgs, n);
	free(payload);
	bus_close(bus);
	printf("heartbeat published\n");
	return 0;
}

int
main(int argc, char **argv)
{
	struct bus_key	k;
	struct wms_err	err;
	struct opts	o;
	char		pk[BUS_PK_TEXT];
	int		i;

	if (argc >= 4 && strcmp(argv[1], "keygen") == 0) {
		if (bus_key_generate(argv[2], argv[3], &k, &err) != 0)
			die("%s", err.msg);
		bus_key_public_text(&k, pk);
		printf("%s %s\n", pk, k.id);
		return 0;
	}
	if (argc < 2)
		die("%s", "usage: bus-pub keygen|publish|heartbeat ...");
	memset(&o, 0, sizeof o);
	for (i = 2; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

#define VAL(name, field) if (strcmp(a, name) == 0 && v != NULL) { \
	o.field = v; i++; continue; }
#define NUM(name, field) if (strcmp(a, name) == 0 && v != NULL) { \
	o.field = num(name, v); i++; continue; }
		VAL("--db", db);
		VAL("--key", key);
		VAL("--nats", nats);
		VAL("--ca", ca);
		VAL("--user", user);
		VAL("--password-file", password_file);
		VAL("--site", site);
		VAL("--seqs", seqs);
		VAL("--subject", subject);
		VAL("--msgid-suffix", suffix);
		VAL("--fault", fault);
		NUM("--pending", pending);
		NUM("--oldest", oldest);
		NUM("--last-seq", last_seq);
		if (strcmp(a, "--tamper") == 0) {
			o.tamper = 1;
			continue;
		}
		if (strcmp(a, "--reverse-parts") == 0) {
			o.reverse = 1;
			continue;
		}
		if (strcmp(a, "--window") == 0) {
			o.window = 1;
			continue;
		}
		if (strcmp(a, "--mark-sent") == 0) {
			o.mark = 1;
			continue;
		}
		die("unknown option %s", a);
	}
	if (strcmp(argv[1], "publish") == 0)
		return cmd_publish(&o);
	if (strcmp(argv[1], "heartbeat") == 0)
		return cmd_heartbeat(&o);
	die("unknown command %s", argv[1]);
	return 1;
}
