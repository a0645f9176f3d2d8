/*
 * Benchmark of the relay (makhzan sync --once): events per second from a
 * depot's outbox into JetStream, read, built, signed (one Ed25519 signature
 * a window, a Merkle proof a message), published, awaited and marked sent, against a bare js_PublishAsync loop of the same message
 * bodies (already built) with the same message ids, on the same local
 * nats-server, in the same run.  The program starts that nats-server
 * itself (JetStream, file store in a temporary folder) and stops it.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <nats/nats.h>
#include <sqlite3.h>

#include "bus/envelope.h"
#include "bus/merkle.h"
#include "bus/nats.h"
#include "bus/relay.h"
#include "bus/sign.h"
#include "core/audit.h"
#include "core/wms.h"
#include "lib/err.h"
#include "lib/json.h"
#include "lib/time.h"

#define BENCH_NAME "bench-bus"
#include "bench/bench.h"

/*
 * A site of its own each round: the rounds share the stream, and a depot
 * whose seqs the bus already holds under other ids is refused by the
 * relay's restore guard (bus/guard.h), as it should be.
 */
static char	SITE[16] = "BEN1";
#define EVENTS		20000	/* MAKHZAN_BENCH_EVENTS a round */
#define ROUNDS		3	/* MAKHZAN_BENCH_ROUNDS, relay and bare in turn */
#define TARGET		0.5	/* relay / bare, events per second */

static char	tmpdir[256];
/* CPU seconds this process spent in each side (all its threads). */
static double	cpu_relay, cpu_bare;
/* CPU seconds the nats-server spent during each side. */
static double	srv_relay, srv_bare;
static int	window;		/* MAKHZAN_BENCH_WINDOW; 0: the relay's own */

static double
cpu(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
	    (double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
}
static pid_t	server = -1;

/* The CPU seconds the nats-server has spent so far (/proc), or 0. */
static double
server_cpu(void)
{
	unsigned long	ut, st;
	char		path[64], buf[1024], *p;
	FILE		*f;
	int		i;

	snprintf(path, sizeof path, "/proc/%d/stat", (int)server);
	if ((f = fopen(path, "r")) == NULL)
		return 0;
	p = fgets(buf, sizeof buf, f);
	fclose(f);
	/* After "(comm)": fields 3 on; utime and stime are 14 and 15. */
	if (p == NULL || (p = strrchr(buf, ')')) == NULL)
		return 0;
	for (i = 2; i < 14 && p != NULL; i++)
		p = strchr(p + 1, ' ');
	if (p == NULL || sscanf(p, "%lu %lu", &ut, &st) != 2)
		return 0;
	return (double)(ut + st) / (double)sysconf(_SC_CLK_TCK);
}

static void
rmtree(const char *path)
{
	struct dirent	*de;
	struct stat	 st;
	DIR		*d;
	char		 p[1024];

	if (lstat(path, &st) != 0)
		return;
	if (S_ISDIR(st.st_mode) && (d = opendir(path)) != NULL) {
		while ((de = readdir(d)) != NULL) {
			if (strcmp(de->d_name, ".") == 0 ||
			    strcmp(de->d_name, "..") == 0)
				continue;
			snprintf(p, sizeof p, "%s/%s", path, de->d_name);
			rmtree(p);
		}
		closedir(d);
		rmdir(path);
	} else {
		unlink(path);
	}
}

/* At exit, however it comes: the server stopped, the folder gone. */
static void
cleanup(void)
{
	int status;

	if (server > 0) {
		kill(server, SIGTERM);
		waitpid(server, &status, 0);
		server = -1;
	}
	if (tmpdir[0] != '\0')
		rmtree(tmpdir);
	tmpdir[0] = '\0';
}

static void
on_signal(int sig)
{
	(void)sig;
	exit(1);	/* runs cleanup */
}

/* A free TCP port on loopback. */
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

/* nats-server -js on 127.0.0.1:port, its store in tmpdir; up, or die. */
static void
start_server(int port, char *url, size_t n)
{
	natsConnection	*nc = NULL;
	char		 p[16], sd[512], log[512];
	int		 i, fd;

	snprintf(p, sizeof p, "%d", port);
	snprintf(sd, sizeof sd, "%s/js", tmpdir);
	snprintf(log, sizeof log, "%s/nats.log", tmpdir);
	snprintf(url, n, "nats://127.0.0.1:%d", port);
	if ((server = fork()) < 0)
		die("fork: %s", strerror(errno));
	if (server == 0) {
		if ((fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0600)) >= 0) {
			dup2(fd, 1);
			dup2(fd, 2);
		}
		execlp("nats-server", "nats-server", "-js", "-a", "127.0.0.1",
		    "-p", p, "-sd", sd, (char *)NULL);
		execl("/usr/sbin/nats-server", "nats-server", "-js", "-a",
		    "127.0.0.1", "-p", p, "-sd", sd, (char *)NULL);
		_exit(127);
	}
	for (i = 0; i < 250; i++) {
		if (natsConnection_ConnectTo(&nc, url) == NATS_OK) {
			natsConnection_Destroy(nc);
			return;
		}
		if (waitpid(server, &fd, WNOHANG) == server) {
			server = -1;
			die("nats-server did not start (make deps installs it); "
			    "see its log: %s", log);
		}
		usleep(20000);
	}
	die("nats-server did not answer on %s in 5 s", url);
}

static void
add_stream(jsCtx *js, const char *name, const char *subject)
{
	jsStreamConfig	 cfg;
	jsStreamInfo	*si = NULL;
	jsErrCode	 jerr = 0;
	const char	*subjects[] = { subject };
	natsStatus	 s;

	jsStreamConfig_Init(&cfg);
	cfg.Name = name;
	cfg.Subjects = subjects;
	cfg.SubjectsLen = 1;
	cfg.Storage = js_FileStorage;
	cfg.Duplicates = (int64_t)3600 * 1000000000;
	if ((s = js_AddStream(&si, js, &cfg, NULL, &jerr)) != NATS_OK)
		die("stream %s: %s (%d)", name, natsStatus_GetText(s),
		    (int)jerr);
	jsStreamInfo_Destroy(si);
}

/*
 * A depot at path with n events in its outbox, one-line receipts as a
 * posting writes them (written with SQLite directly: the postings are not
 * what is measured), and its signing key.
 */
static void
make_depot(const char *path, int n, int round)
{
	struct wms_err	 err;
	struct timeval	 tv;
	sqlite3		*h;
	sqlite3_stmt	*st;
	json_t		*o;
	char		 key[600], id[37], at[32], number[64], item[32], *text;
	char		 from[32], to[32];
	int		 i;

	if (wms_init(path, SITE, "admin", "bench-password", &err) != 0)
		die("%s", err.msg);
	snprintf(key, sizeof key, "%s.key", path);
	if (bus_key_generate(key, SITE, NULL, &err) != 0)
		die("%s", err.msg);
	if (sqlite3_open(path, &h) != SQLITE_OK ||
	    sqlite3_exec(h, "BEGIN", NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(h, "INSERT INTO outbox(seq, event_id, type, "
	    "subject, payload, created_at) VALUES(?, ?, 'receipt', "
	    "'makhzan.' || ? || '.events.receipt', ?, ?)", -1, &st, NULL) !=
	    SQLITE_OK)
		die("%s: %s", path, sqlite3_errmsg(h));
	for (i = 1; i <= n; i++) {
		gettimeofday(&tv, NULL);
		wms_uuid7((int64_t)tv.tv_sec * 1000 + tv.tv_usec / 1000, id);
		wms_time_iso(tv.tv_sec, (int)(tv.tv_usec / 1000), at);
		snprintf(number, sizeof number, "%s-GRN-2026-%06d", SITE,
		    round * n + i);
		snprintf(from, sizeof from, "%s/@SUPPLIER", SITE);
		snprintf(to, sizeof to, "%s/A/01-03", SITE);
		snprintf(item, sizeof item, "ITM-%06d", i % 5000);
		o = json_pack("{ss ss ss ss ss ss s[{ss ss ss sI sI}]}",
		    "type", "receipt", "number", number, "site", SITE,
		    "depot", SITE, "at", at, "user", "admin", "movements",
		    "item", item, "from", from, "to", to, "qty_milli",
		    (json_int_t)5000, "value",
		    (json_int_t)125000);
		text = wms_json_text(o);
		json_decref(o);
		sqlite3_bind_int64(st, 1, i);
		sqlite3_bind_text(st, 2, id, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 3, SITE, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 4, text, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 5, at, -1, SQLITE_TRANSIENT);
		if (sqlite3_step(st) != SQLITE_DONE)
			die("insert: %s", sqlite3_errmsg(h));
		sqlite3_reset(st);
		free(text);
	}
	sqlite3_finalize(st);
	if (sqlite3_exec(h, "UPDATE counter SET value = (SELECT max(seq) "
	    "FROM outbox) WHERE name = 'outbox'; COMMIT", NULL, NULL, NULL) !=
	    SQLITE_OK)
		die("%s", sqlite3_errmsg(h));
	sqlite3_close(h);
}

/* The bodies the relay will send for path's outbox, built and kept. */
struct bodies {
	char	**subject, **id, **body;
	int	 *len;
	int	  n;
};

static void
build_bodies(const char *path, struct bodies *b, int n)
{
	struct bus_event	 ev;
	struct bus_msg		*m;
	struct wms_err		 err;
	sqlite3			*h;
	sqlite3_stmt		*st;
	char			 subj[64];
	int			 k;

	memset(b, 0, sizeof *b);
	b->subject = calloc((size_t)n, sizeof *b->subject);
	b->id = calloc((size_t)n, sizeof *b->id);
	b->body = calloc((size_t)n, sizeof *b->body);
	b->len = calloc((size_t)n, sizeof *b->len);
	if (sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL) !=
	    SQLITE_OK || sqlite3_prepare_v2(h, "SELECT seq, event_id, "
	    "payload, created_at FROM outbox ORDER BY seq", -1, &st, NULL) !=
	    SQLITE_OK)
		die("%s: %s", path, sqlite3_errmsg(h));
	while (b->n < n && sqlite3_step(st) == SQLITE_ROW) {
		ev = (struct bus_event){
			.id = (const char *)sqlite3_column_text(st, 1),
			.site = SITE, .seq = sqlite3_column_int64(st, 0),
			.type = "receipt", .user = "admin",
			.at = (const char *)sqlite3_column_text(st, 3),
			.payload = (const char *)sqlite3_column_text(st, 2),
		};
		if (bus_envelope_build(&ev, &m, &k, &err) != 0 || k != 1)
			die("envelope: %s", err.msg);
		/* Another stream: the same bytes under another subject. */
		snprintf(subj, sizeof subj, "bare.%s.events.receipt", SITE);
		b->subject[b->n] = strdup(subj);
		b->id[b->n] = strdup(m[0].msg_id);
		b->len[b->n] = (int)m[0].body.len;
		b->body[b->n] = malloc(m[0].body.len);
		memcpy(b->body[b->n], m[0].body.data, m[0].body.len);
		bus_msgs_free(m, k);
		b->n++;
	}
	sqlite3_finalize(st);
	sqlite3_close(h);
	if (b->n != n)
		die("%d bodies, %d expected", b->n, n);
}

static void
free_bodies(struct bodies *b)
{
	int i;

	for (i = 0; i < b->n; i++) {
		free(b->subject[i]);
		free(b->id[i]);
		free(b->body[i]);
	}
	free(b->subject);
	free(b->id);
	free(b->body);
	free(b->len);
}

/* The baseline: js_PublishAsync of every body, then wait for all acks. */
static double
bare(jsCtx *js, const struct bodies *b)
{
	jsPubOptions	po;
	natsStatus	s;
	double		t, c = cpu(), sc = server_cpu();
	int		i;

	t = now();
	for (i = 0; i < b->n; i++) {
		jsPubOptions_Init(&po);
		po.MsgId = b->id[i];
		if ((s = js_PublishAsync(js, b->subject[i], b->body[i],
		    b->len[i], &po)) != NATS_OK)
			die("js_PublishAsync: %s", natsStatus_GetText(s));
	}
	jsPubOptions_Init(&po);
	po.MaxWait = 60000;
	if ((s = js_PublishAsyncComplete(js, &po)) != NATS_OK)
		die("js_PublishAsyncComplete: %s", natsStatus_GetText(s));
	t = now() - t;
	cpu_bare += cpu() - c;
	srv_bare += server_cpu() - sc;
	return t;
}

/* The relay: makhzan sync --once on the depot at path. */
static double
relay(const char *path, const char *url, int n)
{
	struct bus_relay_conf	 conf;
	struct bus_relay_stats	 stats;
	struct wms_err		 err;
	struct wms		*w;
	char			 key[600];
	double			 t, c, sc;

	snprintf(key, sizeof key, "%s.key", path);
	memset(&conf, 0, sizeof conf);
	conf.window = window;
	conf.nats.urls = url;
	conf.key_path = key;
	conf.once = 1;
	conf.heartbeat_s = -1;
	if ((w = wms_open(path, &err)) == NULL)
		die("%s", err.msg);
	c = cpu();
	sc = server_cpu();
	t = now();
	if (bus_relay_run(w, &conf, &stats, &err) != 0)
		die("relay: %s", err.msg);
	t = now() - t;
	cpu_relay += cpu() - c;
	srv_relay += server_cpu() - sc;
	if (stats.events != n)
		die("the relay sent %lld events of %d", (long long)stats.events,
		    n);
	wms_close(w);
	return t;
}

/*
 * What the relay's work costs an event, on one thread: the envelope
 * (bus_envelope_build), its leaf hash (bus_merkle_leaf), and one Ed25519
 * signature (bus_sign), which the relay makes once a window.  Printed
 * beside the figures, to say where the time goes.
 */
static void
parts_cost(const char *path, int n, double *build_us, double *leaf_us,
    double *sign_us)
{
	struct bus_event	 ev;
	struct bus_msg		*m;
	struct bus_key		 k;
	struct wms_err		 err;
	sqlite3			*h;
	sqlite3_stmt		*st;
	char			 key[600], sig[BUS_SIG_TEXT];
	bus_hash		 leaf;
	double			 tb = 0, tl = 0, ts = 0, t;
	int			 ns = 0;
	int			 i = 0, parts;

	snprintf(key, sizeof key, "%s.key", path);
	if (bus_key_load(key, &k, &err) != 0)
		die("%s", err.msg);
	if (sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL) !=
	    SQLITE_OK || sqlite3_prepare_v2(h, "SELECT seq, event_id, "
	    "payload, created_at FROM outbox ORDER BY seq", -1, &st, NULL) !=
	    SQLITE_OK)
		die("%s: %s", path, sqlite3_errmsg(h));
	while (i < n && sqlite3_step(st) == SQLITE_ROW) {
		ev = (struct bus_event){
			.id = (const char *)sqlite3_column_text(st, 1),
			.site = SITE, .seq = sqlite3_column_int64(st, 0),
			.type = "receipt", .user = "admin",
			.at = (const char *)sqlite3_column_text(st, 3),
			.payload = (const char *)sqlite3_column_text(st, 2),
		};
		t = now();
		if (bus_envelope_build(&ev, &m, &parts, &err) != 0)
			die("envelope: %s", err.msg);
		tb += now() - t;
		t = now();
		bus_merkle_leaf(m[0].body.data, m[0].body.len, leaf);
		tl += now() - t;
		/* A signature of the same length as a window's. */
		if (i % 64 == 0) {
			t = now();
			bus_sign(&k, m[0].body.data, BUS_MERKLE_MSG_MAX <
			    m[0].body.len ? BUS_MERKLE_MSG_MAX : m[0].body.len,
			    sig);
			ts += now() - t;
			ns++;
		}
		bus_msgs_free(m, parts);
		i++;
	}
	bus_key_wipe(&k);
	sqlite3_finalize(st);
	sqlite3_close(h);
	*build_us = tb / i * 1e6;
	*leaf_us = tl / i * 1e6;
	*sign_us = ns > 0 ? ts / ns * 1e6 : 0;
}

int
main(void)
{
	natsConnection	*nc = NULL;
	jsCtx		*js = NULL;
	jsOptions	 jo;
	struct bodies	 b;
	char		 url[64], path[512];
	double		 tr = 0, tb = 0, t, rr, rb, ratio, cb = 0, cs = 0, cl = 0;
	long		 n, rounds, r;

	n = env_long("MAKHZAN_BENCH_EVENTS", EVENTS, 100);
	rounds = env_long("MAKHZAN_BENCH_ROUNDS", ROUNDS, 1);
	window = (int)env_long("MAKHZAN_BENCH_WINDOW", 0, 0);
	snprintf(tmpdir, sizeof tmpdir, "%s/makhzan-bench-XXXXXX",
	    getenv("TMPDIR") != NULL ? getenv("TMPDIR") : "/tmp");
	if (mkdtemp(tmpdir) == NULL)
		die("mkdtemp %s: %s", tmpdir, strerror(errno));
	atexit(cleanup);
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	start_server(free_port(), url, sizeof url);
	if (natsConnection_ConnectTo(&nc, url) != NATS_OK)
		die("cannot connect to %s", url);
	jsOptions_Init(&jo);
	jo.PublishAsync.MaxPending = 65536;
	if (natsConnection_JetStream(&js, nc, &jo) != NATS_OK)
		die("no JetStream context");
	add_stream(js, "MAKHZAN_EVENTS", "makhzan.*.events.>");
	add_stream(js, "BARE", "bare.>");

	printf("relay (makhzan sync --once) against a bare js_PublishAsync loop "
	    "of the same bodies,\n   nats-server %s with JetStream (file "
	    "store) on loopback, %ld events a round, %ld rounds in turn\n",
	    url, n, rounds);
	for (r = 0; r < rounds; r++) {
		snprintf(path, sizeof path, "%s/depot-%ld.db", tmpdir, r);
		snprintf(SITE, sizeof SITE, "BEN%d", (int)(r % 1000) + 1);
		make_depot(path, (int)n, (int)r);
		build_bodies(path, &b, (int)n);
		/* Alternate who goes first, so that neither always meets the
		 * store warm or cold. */
		if (r % 2 == 0) {
			tb += t = bare(js, &b);
			printf("   round %ld: bare %.3f s", r + 1, t);
			tr += t = relay(path, url, (int)n);
			printf(", relay %.3f s\n", t);
		} else {
			tr += t = relay(path, url, (int)n);
			printf("   round %ld: relay %.3f s", r + 1, t);
			tb += t = bare(js, &b);
			printf(", bare %.3f s\n", t);
		}
		if (r == 0)
			parts_cost(path, (int)n, &cb, &cl, &cs);
		free_bodies(&b);
	}
	rr = (double)(n * rounds) / tr;
	rb = (double)(n * rounds) / tb;
	ratio = rr / rb;
	printf("   the relay reads each event from SQLite, builds its "
	    "envelope, signs each window of %d\n   once (Ed25519 over a "
	    "Merkle root, a proof a message), publishes with the headers\n"
	    "   and marks the acknowledged ones sent, a round of %d at a "
	    "time\n", BUS_RELAY_SIGN_WINDOW,
	    window > 0 ? window : BUS_RELAY_WINDOW);
	printf("   client CPU an event (all threads): relay %.1f us, bare "
	    "%.1f us;\n   nats-server CPU an event: with the relay %.1f us, "
	    "with the bare loop %.1f us\n",
	    cpu_relay / (double)(n * rounds) * 1e6,
	    cpu_bare / (double)(n * rounds) * 1e6,
	    srv_relay / (double)(n * rounds) * 1e6,
	    srv_bare / (double)(n * rounds) * 1e6);
	printf("   of the relay's, on one thread: the envelope %.1f us, its "
	    "leaf hash %.2f us, one Ed25519\n   signature %.1f us, once a "
	    "window: %.2f us an event\n   (%ld processors online: the relay "
	    "builds the next round on half as many\n   threads, at least 1, "
	    "at most %d, while one is in flight)\n\n", cb, cl, cs,
	    cs / BUS_RELAY_SIGN_WINDOW,
	    sysconf(_SC_NPROCESSORS_ONLN), BUS_RELAY_THREADS);
	/*
	 * What the processors allow: the relay and the server share them, so
	 * an event cannot take less wall time than their CPU time an event
	 * over the processors, however well the work overlaps.
	 */
	{
		double	ncpu = (double)sysconf(_SC_NPROCESSORS_ONLN);
		double	per = (cpu_relay + srv_relay) / (double)(n * rounds);

		if (per > 0 && srv_relay > 0)
			printf("   bound: %.0f processors / (%.1f us relay + "
			    "%.1f us server) = %.0f events/s at most, %.2f x "
			    "bare\n\n", ncpu, cpu_relay / (double)(n * rounds) *
			    1e6, srv_relay / (double)(n * rounds) * 1e6,
			    ncpu / per, ncpu / per / ((double)(n * rounds) /
			    tb));
	}
	printf("%-34s %12s %12s %7s  %-14s %s\n", "figure", "relay", "bare",
	    "ratio", "target", "result");
	printf("%.*s\n", 96, "--------------------------------------------------"
	    "----------------------------------------------------------");
	printf("%-34s %9.0f /s %9.0f /s %7.3f  %-14s %s\n",
	    "1. events/s into JetStream", rr, rb, ratio, ">= 0.5 x bare",
	    ratio >= TARGET ? "target met" : "TARGET MISSED");
	printf("ratio = relay / bare (a rate: higher is better)\n");

	jsCtx_Destroy(js);
	natsConnection_Destroy(nc);
	nats_Close();
	return 0;
}
