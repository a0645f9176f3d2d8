/*
 * Benchmark of the centre's ingest: signed events taken from the stream by
 * makhzan central's own code (fetch, verify, keep as evidence, apply to
 * documents, movements and balances, acknowledge) into PostgreSQL, beside
 * plain batched INSERTs of the same event, document and movement rows
 * into the same PostgreSQL in the same run.  Then the drain: a depot's
 * backlog after an outage (100,000 events in its outbox), end to end
 * through the relay (makhzan sync's code) and the consumer (makhzan
 * central's), against a bare publish loop of the same bodies followed by
 * plain batched INSERTs of the same rows.  It starts its own nats-server
 * and PostgreSQL (as the postgres user when run as root), as
 * tests/integration/lib-servers.sh does, or says in one line why it is
 * skipped.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <pwd.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <netinet/in.h>
#include <unistd.h>

#include <libpq-fe.h>
#include <nats/nats.h>
#include <sqlite3.h>

#include "bus/envelope.h"
#include "bus/nats.h"
#include "bus/relay.h"
#include "bus/merkle.h"
#include "bus/sign.h"
#include "central/consumer.h"
#include "central/pg.h"
#include "central/setup.h"
#include "central/sites.h"
#include "central/stmt.h"
#include "core/audit.h"
#include "core/wms.h"
#include "lib/json.h"
#include "lib/time.h"

#define BENCH_NAME "bench-central"
#include "bench/bench.h"

#define EVENTS		50000	/* MAKHZAN_BENCH_EVENTS */
#define DRAIN		100000	/* MAKHZAN_BENCH_DRAIN; 0: no drain figure */
#define DRAIN_TARGET	30.0	/* seconds */
#define BATCH		256	/* per fetch, and per plain transaction */
#define SITE		"BEN"
#define DRAIN_SITE	"DRN"

static char	 tmpdir[256];
static pid_t	 nats_pid, pg_pid;
static char	 pg_bin[256] = "/usr/lib/postgresql/15/bin";

static void
stop_servers(void)
{
	if (nats_pid > 0) {
		kill(nats_pid, SIGTERM);
		waitpid(nats_pid, NULL, 0);
		nats_pid = 0;
	}
	if (pg_pid > 0) {
		kill(pg_pid, SIGINT);	/* fast shutdown */
		waitpid(pg_pid, NULL, 0);
		pg_pid = 0;
	}
}

static void
cleanup(void)
{
	char cmd[300];

	stop_servers();
	if (tmpdir[0] != '\0') {
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
		if (system(cmd) != 0)
			fprintf(stderr, "%s: could not remove %s\n", BENCH_NAME,
			    tmpdir);
		tmpdir[0] = '\0';
	}
}

static void
on_signal(int sig)
{
	cleanup();
	signal(sig, SIG_DFL);
	raise(sig);
}

static int
free_port(void)
{
	struct sockaddr_in	a;
	socklen_t		len = sizeof a;
	int			fd, port;

	memset(&a, 0, sizeof a);
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if ((fd = socket(AF_INET, SOCK_STREAM, 0)) < 0 ||
	    bind(fd, (struct sockaddr *)&a, sizeof a) != 0 ||
	    getsockname(fd, (struct sockaddr *)&a, &len) != 0)
		die("no free port: %s", strerror(errno));
	port = ntohs(a.sin_port);
	close(fd);
	return port;
}

/* Run argv with its output in log; as the postgres user when asked. */
static pid_t
spawn(char *const argv[], const char *log, struct passwd *as)
{
	pid_t	pid;
	int	fd;

	if ((pid = fork()) < 0)
		die("fork: %s", strerror(errno));
	if (pid > 0)
		return pid;
	prctl(PR_SET_PDEATHSIG, SIGTERM);
	if ((fd = open(log, O_WRONLY | O_CREAT | O_APPEND, 0644)) >= 0) {
		dup2(fd, 1);
		dup2(fd, 2);
		close(fd);
	}
	if (as != NULL && (setgid(as->pw_gid) != 0 || setuid(as->pw_uid) != 0))
		_exit(126);
	execvp(argv[0], argv);
	_exit(127);
}

static int
run_wait(char *const argv[], const char *log, struct passwd *as)
{
	int st;

	waitpid(spawn(argv, log, as), &st, 0);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 1;
}

static int
have(const char *path)
{
	return access(path, X_OK) == 0;
}

/* PostgreSQL in tmpdir/pg, on a unix socket only; its conninfo. */
static void
start_pg(char *conninfo, size_t n)
{
	struct passwd	*pw = NULL;
	char		 data[300], sock[300], log[300], initdb[300], pg[300];
	char		 port[16], *argv[16];
	int		 i;

	if (geteuid() == 0 && (pw = getpwnam("postgres")) == NULL)
		die("running as root, and there is no postgres user to run "
		    "PostgreSQL as");
	snprintf(data, sizeof data, "%s/pg", tmpdir);
	snprintf(sock, sizeof sock, "%s/sock", tmpdir);
	snprintf(log, sizeof log, "%s/pg.log", tmpdir);
	snprintf(initdb, sizeof initdb, "%s/initdb", pg_bin);
	snprintf(pg, sizeof pg, "%s/postgres", pg_bin);
	snprintf(port, sizeof port, "%d", free_port());
	mkdir(data, 0700);
	mkdir(sock, 0700);
	if (pw != NULL && (chown(data, pw->pw_uid, pw->pw_gid) != 0 ||
	    chown(sock, pw->pw_uid, pw->pw_gid) != 0))
		die("chown: %s", strerror(errno));
	i = 0;
	argv[i++] = initdb;
	argv[i++] = (char *)"-D";
	argv[i++] = data;
	argv[i++] = (char *)"-U";
	argv[i++] = (char *)"postgres";
	argv[i++] = (char *)"--auth=trust";
	argv[i++] = (char *)"-E";
	argv[i++] = (char *)"UTF8";
	argv[i++] = (char *)"--no-sync";
	argv[i] = NULL;
	if (run_wait(argv, log, pw) != 0)
		die("initdb failed: see %s", log);
	i = 0;
	argv[i++] = pg;
	argv[i++] = (char *)"-D";
	argv[i++] = data;
	argv[i++] = (char *)"-k";
	argv[i++] = sock;
	argv[i++] = (char *)"-p";
	argv[i++] = port;
	argv[i++] = (char *)"-c";
	argv[i++] = (char *)"listen_addresses=";
	argv[i] = NULL;
	pg_pid = spawn(argv, log, pw);
	snprintf(conninfo, n, "host=%s port=%s dbname=postgres user=postgres",
	    sock, port);
	for (i = 0; i < 300; i++) {
		if (PQping(conninfo) == PQPING_OK)
			return;
		usleep(50 * 1000);
	}
	die("PostgreSQL did not start: see %s", log);
}

static void
start_nats(char *url, size_t n)
{
	char	 dir[300], log[300], port[16], *argv[12];
	int	 i;

	snprintf(dir, sizeof dir, "%s/js", tmpdir);
	snprintf(log, sizeof log, "%s/nats.log", tmpdir);
	snprintf(port, sizeof port, "%d", free_port());
	i = 0;
	argv[i++] = (char *)"nats-server";
	argv[i++] = (char *)"-js";
	argv[i++] = (char *)"-sd";
	argv[i++] = dir;
	argv[i++] = (char *)"-a";
	argv[i++] = (char *)"127.0.0.1";
	argv[i++] = (char *)"-p";
	argv[i++] = port;
	argv[i] = NULL;
	nats_pid = spawn(argv, log, NULL);
	snprintf(url, n, "nats://127.0.0.1:%s", port);
}

/* One event's messages, built and signed once, used by both sides. */
struct ev {
	char		 id[64], number[32], item[16], to[16], at[32];
	int64_t		 seq, qty, value;
	struct bus_msg	*msgs;
	int		 nmsgs;
	char		 sig[BUS_SIG_TEXT];	/* its window's */
	char		 proof[BUS_MERKLE_PROOF_TEXT];
	char		*payload;	/* the outbox's text (the drain's) */
};

/*
 * Sign evs as the relay does: windows of BUS_RELAY_WINDOW events, one
 * signature each over the Merkle root, a proof each message.
 */
static void
sign_windows(const struct bus_key *k, struct ev *evs, long n)
{
	struct bus_merkle	 t;
	bus_hash		*leaves, root, path[BUS_MERKLE_MAX_PATH];
	unsigned char		 msg[BUS_MERKLE_MSG_MAX];
	char			 sig[BUS_SIG_TEXT];
	long			 w, i, m;
	size_t			 len;
	int			 np;

	leaves = calloc(256, sizeof *leaves);
	if (leaves == NULL)
		die("out of memory");
	for (w = 0; w < n; w += 256) {
		m = n - w < 256 ? n - w : 256;
		for (i = 0; i < m; i++)
			bus_merkle_leaf(evs[w + i].msgs[0].body.data,
			    evs[w + i].msgs[0].body.len, leaves[i]);
		if (bus_merkle_build(&t, leaves, (size_t)m) != 0)
			die("no tree");
		bus_merkle_root(&t, root);
		len = bus_merkle_window_msg(k->id, (uint64_t)m, root, msg);
		bus_sign(k, msg, len, sig);
		for (i = 0; i < m; i++) {
			np = bus_merkle_path(&t, (size_t)i, path);
			bus_merkle_proof_text((uint64_t)i, (uint64_t)m, path,
			    np, evs[w + i].proof);
			memcpy(evs[w + i].sig, sig, sizeof sig);
		}
		bus_merkle_free(&t);
	}
	free(leaves);
}

/*
 * n receipts of site, their ids starting with id_base (ids are unique in
 * the whole stream, whatever the site), built and signed; keep: their
 * payload text is kept too.
 */
static struct ev *
make_events(const struct bus_key *k, long n, const char *site,
    unsigned long id_base, int keep)
{
	struct bus_event	 be;
	struct wms_err		 err;
	struct ev		*evs = calloc((size_t)n, sizeof *evs), *e;
	json_t			*p;
	char			*text, from[32];
	long			 i;

	if (evs == NULL)
		die("out of memory");
	for (i = 0; i < n; i++) {
		e = &evs[i];
		e->seq = i + 1;
		snprintf(e->id, sizeof e->id, "%08lx-0000-7000-8000-%012lx",
		    (unsigned long)(id_base + i / 1000) & 0xffffffffUL,
		    (unsigned long)i & 0xffffffffffffUL);
		snprintf(e->number, sizeof e->number, "%s-GRN-2026-%06ld",
		    site, i + 1);
		snprintf(e->item, sizeof e->item, "IT-%04ld", i % 2000);
		snprintf(e->to, sizeof e->to, "%s/A/%02ld", site, i % 40);
		snprintf(from, sizeof from, "%s/@SUPPLIER", site);
		wms_time_iso(1795000000 + i, (int)(i % 1000), e->at);
		e->qty = 1000 * (1 + i % 50);
		e->value = 250 * (1 + i % 50);
		p = json_pack("{ss ss ss ss ss ss s[{ss ss ss sI sI}]}",
		    "type", "receipt", "number", e->number, "site", site,
		    "depot", site, "at", e->at, "user", "bench", "movements",
		    "item", e->item, "from", from, "to", e->to,
		    "qty_milli", (json_int_t)e->qty, "value",
		    (json_int_t)e->value);
		text = wms_json_text(p);
		json_decref(p);
		memset(&be, 0, sizeof be);
		be.id = e->id;
		be.site = site;
		be.seq = e->seq;
		be.type = "receipt";
		be.at = e->at;
		be.user = "bench";
		be.payload = text;
		if (bus_envelope_build(&be, &e->msgs, &e->nmsgs, &err) != 0)
			die("%s", err.msg);
		if (keep)
			e->payload = text;
		else
			free(text);
	}
	sign_windows(k, evs, n);
	return evs;
}

static void
publish_all(struct bus_conn *bus, const struct bus_key *k, struct ev *evs,
    long n)
{
	jsPubOptions	 po;
	natsMsg		*m;
	natsStatus	 s;
	long		 i;

	for (i = 0; i < n; i++) {
		if (natsMsg_Create(&m, evs[i].msgs[0].subject, NULL,
		    evs[i].msgs[0].body.data, (int)evs[i].msgs[0].body.len) !=
		    NATS_OK)
			die("out of memory");
		natsMsgHeader_Set(m, BUS_HDR_KEY, k->id);
		natsMsgHeader_Set(m, BUS_HDR_SIG, evs[i].sig);
		natsMsgHeader_Set(m, BUS_HDR_PROOF, evs[i].proof);
		jsPubOptions_Init(&po);
		po.MsgId = evs[i].msgs[0].msg_id;
		if ((s = js_PublishMsgAsync(bus_conn_js(bus), &m, &po)) !=
		    NATS_OK)
			die("publish: %s", natsStatus_GetText(s));
		natsMsg_Destroy(m);
	}
	jsPubOptions_Init(&po);
	po.MaxWait = 120000;
	if ((s = js_PublishAsyncComplete(bus_conn_js(bus), &po)) != NATS_OK)
		die("publish: not all acknowledged (%s)", natsStatus_GetText(s));
}

struct run {
	struct central_run_opts	 o;
	volatile sig_atomic_t	 stop;
	struct wms_err		 err;
	int			 rc;
};

static void *
consume(void *arg)
{
	struct run *r = arg;

	r->rc = central_consume(&r->o, &r->stop, &r->err);
	return NULL;
}

static int64_t
applied_site(PGconn *c, const char *site)
{
	const char	*v1[1] = { site };
	PGresult	*res = PQexecParams(c, "SELECT applied_seq FROM "
			    "site_cursor WHERE site = $1", 1, NULL, v1, NULL,
			    NULL, 0);
	int64_t		 v = 0;

	if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1)
		v = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
	PQclear(res);
	return v;
}

static int64_t
applied(PGconn *c)
{
	return applied_site(c, SITE);
}

static void
sql(PGconn *c, const char *q)
{
	PGresult *res = PQexec(c, q);

	if (PQresultStatus(res) != PGRES_COMMAND_OK &&
	    PQresultStatus(res) != PGRES_TUPLES_OK)
		die("%s: %s", q, PQerrorMessage(c));
	PQclear(res);
}

/* The same rows, plainly: one INSERT per table per batch of events. */
static double
plain_inserts(PGconn *c, struct ev *evs, long n, const char *site,
    const char *suffix)
{
	static const char *const tbl[3] = { "event", "document", "movement" };
	static const char *const cols[3] = {
		"$1::uuid[], $2::text[], $3::bigint[], $4::text[], "
		    "$5::timestamptz[], $6::text[], $7::bytea[]",
		"$1::text[], $2::text[], $3::text[], $4::timestamptz[], "
		    "$5::text[]",
		"$1::text[], $2::text[], $3::int[], $4::text[], $5::text[], "
		    "$6::text[], $7::bigint[], $8::bigint[], $9::timestamptz[]",
	};
	char			 q[3][300], ddl[300], from[32];
	struct central_arr	 a[9];
	const char		*v[9];
	PGresult		*res;
	double			 t0;
	long			 i, b, end;
	int			 k, t, nv[3] = { 7, 5, 9 };

	for (t = 0; t < 3; t++)
		snprintf(q[t], sizeof q[t], "INSERT INTO raw_%s%s SELECT * "
		    "FROM unnest(%s)", tbl[t], suffix, cols[t]);
	snprintf(from, sizeof from, "%s/@SUPPLIER", site);
	snprintf(ddl, sizeof ddl, "CREATE TABLE raw_event%s (id uuid PRIMARY "
	    "KEY, site text, seq bigint, type text, at timestamptz, \"user\" "
	    "text, body bytea, UNIQUE (site, seq))", suffix);
	sql(c, ddl);
	snprintf(ddl, sizeof ddl, "CREATE TABLE raw_document%s (site text, "
	    "number text, type text, at timestamptz, \"user\" text, PRIMARY "
	    "KEY (site, number))", suffix);
	sql(c, ddl);
	snprintf(ddl, sizeof ddl, "CREATE TABLE raw_movement%s (site text, "
	    "doc text, line int, item text, from_loc text, to_loc text, qty "
	    "bigint, value bigint, at timestamptz, PRIMARY KEY (site, doc, "
	    "line))", suffix);
	sql(c, ddl);
	memset(a, 0, sizeof a);
	t0 = now();
	for (b = 0; b < n; b += BATCH) {
		end = b + BATCH < n ? b + BATCH : n;
		sql(c, "BEGIN");
		for (t = 0; t < 3; t++) {
			for (i = b; i < end; i++) {
				struct ev *e = &evs[i];

				if (t == 0) {
					central_arr_str(&a[0], e->id);
					central_arr_str(&a[1], site);
					central_arr_int(&a[2], e->seq);
					central_arr_str(&a[3], "receipt");
					central_arr_str(&a[4], e->at);
					central_arr_str(&a[5], "bench");
					central_arr_bytea(&a[6],
					    e->msgs[0].body.data,
					    e->msgs[0].body.len);
				} else if (t == 1) {
					central_arr_str(&a[0], site);
					central_arr_str(&a[1], e->number);
					central_arr_str(&a[2], "receipt");
					central_arr_str(&a[3], e->at);
					central_arr_str(&a[4], "bench");
				} else {
					central_arr_str(&a[0], site);
					central_arr_str(&a[1], e->number);
					central_arr_int(&a[2], 1);
					central_arr_str(&a[3], e->item);
					central_arr_str(&a[4], from);
					central_arr_str(&a[5], e->to);
					central_arr_int(&a[6], e->qty);
					central_arr_int(&a[7], e->value);
					central_arr_str(&a[8], e->at);
				}
			}
			for (k = 0; k < nv[t]; k++)
				v[k] = central_arr_text(&a[k]);
			res = PQexecParams(c, q[t], nv[t], NULL, v, NULL, NULL,
			    0);
			if (PQresultStatus(res) != PGRES_COMMAND_OK)
				die("plain insert: %s", PQerrorMessage(c));
			PQclear(res);
			for (k = 0; k < nv[t]; k++)
				central_arr_reset(&a[k]);
		}
		sql(c, "COMMIT");
	}
	t0 = now() - t0;
	for (k = 0; k < 9; k++)
		central_arr_free(&a[k]);
	return t0;
}

/* --- the drain: a depot's backlog after an outage, end to end --------- */

/*
 * A depot database at path, of site DRAIN_SITE, with the events of evs in
 * its outbox, none sent: what an outage leaves.  Written with SQLite
 * directly (the postings are not what is measured).
 */
static void
drain_depot(const char *path, const struct ev *evs, long n)
{
	struct wms_err	 err;
	sqlite3		*h;
	sqlite3_stmt	*st;
	long		 i;

	if (wms_init(path, DRAIN_SITE, "admin", "bench-password", &err) != 0)
		die("%s", err.msg);
	if (sqlite3_open(path, &h) != SQLITE_OK ||
	    sqlite3_exec(h, "BEGIN", NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(h, "INSERT INTO outbox(seq, event_id, type, "
	    "subject, payload, created_at) VALUES(?, ?, 'receipt', "
	    "'makhzan." DRAIN_SITE ".events.receipt', ?, ?)", -1, &st, NULL) !=
	    SQLITE_OK)
		die("%s: %s", path, sqlite3_errmsg(h));
	for (i = 0; i < n; i++) {
		sqlite3_bind_int64(st, 1, evs[i].seq);
		sqlite3_bind_text(st, 2, evs[i].id, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, evs[i].payload, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, evs[i].at, -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE)
			die("insert: %s", sqlite3_errmsg(h));
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	if (sqlite3_exec(h, "UPDATE counter SET value = (SELECT max(seq) "
	    "FROM outbox) WHERE name = 'outbox'; COMMIT", NULL, NULL, NULL) !=
	    SQLITE_OK)
		die("%s", sqlite3_errmsg(h));
	sqlite3_close(h);
}

struct relay_run {
	struct wms		*w;
	struct bus_relay_conf	 conf;
	struct bus_relay_stats	 stats;
	struct wms_err		 err;
	double			 t0, done;
	int			 rc;
};

static void *
relay_thread(void *arg)
{
	struct relay_run *r = arg;

	r->rc = bus_relay_run(r->w, &r->conf, &r->stats, &r->err);
	r->done = now() - r->t0;
	return NULL;
}

/* The baseline's first half: js_PublishAsync of the bodies, all acked. */
static double
bare_publish(struct bus_conn *bus, const struct ev *evs, long n)
{
	jsStreamConfig	 sc;
	jsStreamInfo	*si = NULL;
	jsPubOptions	 po;
	jsErrCode	 jerr = 0;
	jsCtx		*js = bus_conn_js(bus);
	natsStatus	 s;
	const char	*subjects[1] = { "bare.>" };
	double		 t0;
	long		 i;

	jsStreamConfig_Init(&sc);
	sc.Name = "BARE";
	sc.Subjects = subjects;
	sc.SubjectsLen = 1;
	sc.Storage = js_FileStorage;
	if ((s = js_AddStream(&si, js, &sc, NULL, &jerr)) != NATS_OK)
		die("stream BARE: %s (%d)", natsStatus_GetText(s), (int)jerr);
	jsStreamInfo_Destroy(si);
	t0 = now();
	for (i = 0; i < n; i++) {
		jsPubOptions_Init(&po);
		po.MsgId = evs[i].msgs[0].msg_id;
		if ((s = js_PublishAsync(js, "bare." DRAIN_SITE ".receipt",
		    evs[i].msgs[0].body.data, (int)evs[i].msgs[0].body.len,
		    &po)) != NATS_OK)
			die("js_PublishAsync: %s", natsStatus_GetText(s));
	}
	jsPubOptions_Init(&po);
	po.MaxWait = 120000;
	if ((s = js_PublishAsyncComplete(js, &po)) != NATS_OK)
		die("bare publish: not all acknowledged (%s)",
		    natsStatus_GetText(s));
	return now() - t0;
}

/*
 * A backlog of n events in a depot's outbox, as after an outage, drained
 * end to end: the relay (bus_relay_run --once, what makhzan sync runs) and
 * the consumer (central_consume, what makhzan central runs) start at the
 * same time; the clock stops when the centre has applied the last event.
 * Against the same work without makhzan: a bare publish loop of the same
 * bodies, then plain batched INSERTs of the same rows.
 */
static void
drain(struct bus_conn *bus, const struct bus_nats_conf *nc,
    const char *conninfo, long n)
{
	struct central_site_added	 added;
	struct central_pg		*pg;
	struct relay_run		 rr;
	struct bus_key			 k;
	struct wms_err			 err;
	struct ev			*evs;
	struct run			 cr;
	pthread_t			 rt, ct;
	PGconn				*c;
	char				 path[300], keyfile[320], pk[BUS_PK_TEXT];
	double				 t0, td, tb, tp;
	long				 i;

	snprintf(path, sizeof path, "%s/drain.db", tmpdir);
	snprintf(keyfile, sizeof keyfile, "%s.key", path);
	if (bus_key_generate(keyfile, DRAIN_SITE, NULL, &err) != 0 ||
	    bus_key_load(keyfile, &k, &err) != 0)
		die("%s", err.msg);
	bus_key_public_text(&k, pk);
	if (central_pg_open(conninfo, CENTRAL_PG_ANY_SCHEMA, &pg, &err) != 0 ||
	    central_site_add(pg, DRAIN_SITE, pk, &added, &err) != 0)
		die("%s", err.msg);
	central_pg_close(pg);
	evs = make_events(&k, n, DRAIN_SITE, 0x1b000000UL, 1);
	drain_depot(path, evs, n);
	printf("\ndrain: %ld events waiting in a depot's outbox after an "
	    "outage; the relay and the consumer start together\n", n);

	memset(&rr, 0, sizeof rr);
	if ((rr.w = wms_open(path, &err)) == NULL)
		die("%s", err.msg);
	rr.conf.nats = *nc;
	rr.conf.key_path = keyfile;
	rr.conf.once = 1;
	rr.conf.heartbeat_s = -1;
	memset(&cr, 0, sizeof cr);
	cr.o.nats = *nc;
	cr.o.conninfo = conninfo;
	cr.o.batch = BATCH;
	if ((c = PQconnectdb(conninfo)) == NULL || PQstatus(c) != CONNECTION_OK)
		die("%s", PQerrorMessage(c));
	t0 = rr.t0 = now();
	if (pthread_create(&ct, NULL, consume, &cr) != 0 ||
	    pthread_create(&rt, NULL, relay_thread, &rr) != 0)
		die("pthread_create");
	while (applied_site(c, DRAIN_SITE) < n) {
		if (now() - t0 > 600)
			die("the centre applied only %lld of %ld in 10 minutes",
			    (long long)applied_site(c, DRAIN_SITE), n);
		usleep(20 * 1000);
	}
	td = now() - t0;
	pthread_join(rt, NULL);
	cr.stop = 1;
	pthread_join(ct, NULL);
	if (rr.rc != 0)
		die("relay: %s", rr.err.msg);
	if (cr.rc != 0)
		die("central: %s", cr.err.msg);
	if (rr.stats.events != n)
		die("the relay sent %lld events of %ld",
		    (long long)rr.stats.events, n);
	wms_close(rr.w);

	tb = bare_publish(bus, evs, n);
	tp = plain_inserts(c, evs, n, DRAIN_SITE, "_drain");
	PQfinish(c);
	printf("   makhzan: the relay's part took %.1f s (read, sign, "
	    "publish, mark), the centre's ran alongside and finished at "
	    "%.1f s\n", rr.done, td);
	printf("   baseline: a bare js_PublishAsync loop of the same bodies "
	    "%.1f s, then plain batched INSERTs of the same rows %.1f s\n\n",
	    tb, tp);
	printf("%-40s %10s %10s %7s  %-8s %s\n", "figure", "makhzan",
	    "baseline", "ratio", "target", "result");
	printf("%-40s %9.1fs %9.1fs %7.2f  %-8s %s\n",
	    "drain 100,000-event backlog, end to end", td, tb + tp,
	    td / (tb + tp), "< 30 s", td < DRAIN_TARGET ? "target met" :
	    "TARGET MISSED");
	printf("ratio = makhzan / baseline (a time: lower is better)\n");
	for (i = 0; i < n; i++) {
		bus_msgs_free(evs[i].msgs, evs[i].nmsgs);
		free(evs[i].payload);
	}
	free(evs);
	bus_key_wipe(&k);
}

int
main(void)
{
	struct central_site_added	 added;
	struct central_setup_info	 info;
	struct bus_nats_conf		 nc;
	struct central_pg		*pg;
	struct bus_conn			*bus;
	struct bus_key			 k;
	struct wms_err			 err;
	struct ev			*evs;
	struct run			 r[4];
	pthread_t			 th[4];
	PGconn				*c;
	const char			*dir = getenv("TMPDIR");
	char				 conninfo[600], url[64], keyfile[300];
	char				 pk[BUS_PK_TEXT];
	double				 t0, tc, tp, rate_c, rate_p;
	long				 n = env_long("MAKHZAN_BENCH_EVENTS",
					    EVENTS, 1000), i;
	long				 w = env_long("MAKHZAN_BENCH_CONSUMERS",
					    1, 1);
	long				 nd = env_long("MAKHZAN_BENCH_DRAIN",
					    DRAIN, 0);
	int				 from, to;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (getenv("PG_BIN") != NULL)
		snprintf(pg_bin, sizeof pg_bin, "%s", getenv("PG_BIN"));
	snprintf(keyfile, sizeof keyfile, "%s/initdb", pg_bin);
	if (system("command -v nats-server >/dev/null 2>&1") != 0) {
		printf("%s: skipped: no nats-server (make deps installs it)\n",
		    BENCH_NAME);
		return 0;
	}
	if (!have(keyfile)) {
		printf("%s: skipped: no PostgreSQL at %s (make deps installs "
		    "it; PG_BIN says where)\n", BENCH_NAME, pg_bin);
		return 0;
	}
	if (dir == NULL || *dir == '\0')
		dir = "/tmp";
	snprintf(tmpdir, sizeof tmpdir, "%s/makhzan-bench-XXXXXX", dir);
	if (mkdtemp(tmpdir) == NULL)
		die("mkdtemp %s: %s", tmpdir, strerror(errno));
	/* The postgres user must reach its folders inside. */
	chmod(tmpdir, 0711);
	atexit(cleanup);
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);

	printf("central ingest: %ld signed receipts of one line each, %d a "
	    "batch; nats-server and PostgreSQL 15 on this machine\n", n, BATCH);
	start_pg(conninfo, sizeof conninfo);
	start_nats(url, sizeof url);
	memset(&nc, 0, sizeof nc);
	nc.urls = url;
	for (i = 0; bus_connect(&nc, &bus, &err) != 0; i++) {
		if (i > 100)
			die("%s", err.msg);
		usleep(50 * 1000);
	}
	if (central_pg_open(conninfo, CENTRAL_PG_ANY_SCHEMA, &pg, &err) != 0 ||
	    central_pg_migrate(pg, &from, &to, &err) != 0 ||
	    central_setup_stream(bus, 1, &info, &err) != 0)
		die("%s", err.msg);
	snprintf(keyfile, sizeof keyfile, "%s/site.key", tmpdir);
	if (bus_key_generate(keyfile, SITE, NULL, &err) != 0 ||
	    bus_key_load(keyfile, &k, &err) != 0)
		die("%s", err.msg);
	bus_key_public_text(&k, pk);
	if (central_site_add(pg, SITE, pk, &added, &err) != 0)
		die("%s", err.msg);
	central_pg_close(pg);

	evs = make_events(&k, n, SITE, 0x1a000000UL, 0);
	t0 = now();
	publish_all(bus, &k, evs, n);
	printf("   %ld events in the stream in %.1f s (not counted)\n", n,
	    now() - t0);

	/* Figure: the consumer, from its start to the last event applied. */
	if ((c = PQconnectdb(conninfo)) == NULL || PQstatus(c) != CONNECTION_OK)
		die("%s", PQerrorMessage(c));
	if (w > 4)
		die("MAKHZAN_BENCH_CONSUMERS: at most 4");
	memset(r, 0, sizeof r);
	t0 = now();
	for (i = 0; i < w; i++) {
		r[i].o.nats = nc;
		r[i].o.conninfo = conninfo;
		r[i].o.batch = BATCH;
		if (pthread_create(&th[i], NULL, consume, &r[i]) != 0)
			die("pthread_create");
	}
	while (applied(c) < n) {
		if (now() - t0 > 600)
			die("central applied only %lld of %ld in 10 minutes",
			    (long long)applied(c), n);
		usleep(20 * 1000);
	}
	tc = now() - t0;
	for (i = 0; i < w; i++) {
		r[i].stop = 1;
		pthread_join(th[i], NULL);
		if (r[i].rc != 0)
			die("central: %s", r[i].err.msg);
	}

	/* Baseline: the same rows, plain batched INSERTs. */
	tp = plain_inserts(c, evs, n, SITE, "");
	PQfinish(c);
	rate_c = n / tc;
	rate_p = n / tp;
	printf("   makhzan central: fetch from the stream, parse, check the "
	    "subject, the proof and the window's\n   Ed25519 signature (once "
	    "a window), keep the evidence, apply the document, movement\n"
	    "   and balances in sequence order under the site's lock, commit, "
	    "acknowledge\n");
	printf("   plain INSERTs: the same event (with its body), document "
	    "and movement rows, %d events a transaction (unnest)\n\n", BATCH);
	printf("%-40s %14s %14s %7s\n", "figure", "central", "plain INSERTs",
	    "ratio");
	printf("%-40s %12.0f/s %12.0f/s %7.2f\n", "central ingest, events/s",
	    rate_c, rate_p, rate_c / rate_p);
	printf("%-40s %13.1fs %13.1fs\n", "the whole stream into PostgreSQL",
	    tc, tp);
	printf("ratio = central / plain INSERTs (a rate: higher is better)\n");
	if (nd > 0)
		drain(bus, &nc, conninfo, nd);

	for (i = 0; i < n; i++)
		bus_msgs_free(evs[i].msgs, evs[i].nmsgs);
	free(evs);
	bus_key_wipe(&k);
	bus_close(bus);
	return 0;
}
