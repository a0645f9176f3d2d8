/*
 * Benchmark of the stock ledger: single-line postings, one 10,000-line
 * document, and the stock reports on a database of 2,000,000 movements,
 * each printed beside a raw SQLite baseline measured in the same run with
 * the same durability (WAL, synchronous=FULL).
 */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "lib/err.h"
#include "core/ledger.h"
#include "core/master.h"
#include "core/wms.h"
#include "data/stmt.h"
#include "reports/report.h"

#define BENCH_NAME "bench-ledger"
#include "bench/bench.h"

#define BENCH_SITE		"BEN"
#define BENCH_ADMIN		"admin"
#define BENCH_PASSWORD		"bench-password"

/* Figure 1: single-line postings. */
#define POST_MIN		2000	/* postings, and at least POST_MIN_S */
#define POST_MIN_S		5.0
#define POST_MAX		100000
#define POST_BLOCK		100	/* makhzan and raw take turns */

/* Figure 2: one big document. */
#define DOC_LINES		10000
#define DOC_ITEMS		50
#define DOC_LOCS		20
#define DOC_REPEAT		10

/* Figure 3: the big database. */
#define BIG_MOVES		2000000	/* MAKHZAN_BENCH_MOVES */
#define BIG_ITEMS		20000	/* MAKHZAN_BENCH_ITEMS */
#define BIG_ZONES		10
#define BIG_BINS		20	/* locations per zone */
#define BIG_QUERIES		1000
#define BIG_DEPOT_RUNS		3
#define BIG_BUILD_LIMIT_S	180.0

#define NRESULTS		8

struct result {
	char		 name[48];
	char		 mk[32];
	char		 base[32];
	char		 ratio[16];
	const char	*target;
	const char	*verdict;
};

static char		 tmpdir[256];
static struct result	 results[NRESULTS];
static int		 nresults;
static uint64_t		 rng = 0x9e3779b97f4a7c15ULL;

static void
cleanup(void)
{
	struct dirent	*de;
	DIR		*d;
	char		 p[512];

	if (tmpdir[0] == '\0')
		return;
	if ((d = opendir(tmpdir)) != NULL) {
		while ((de = readdir(d)) != NULL) {
			if (strcmp(de->d_name, ".") == 0 ||
			    strcmp(de->d_name, "..") == 0)
				continue;
			snprintf(p, sizeof p, "%s/%s", tmpdir, de->d_name);
			unlink(p);
		}
		closedir(d);
	}
	rmdir(tmpdir);
	tmpdir[0] = '\0';
}

static void
on_signal(int sig)
{
	cleanup();
	signal(sig, SIG_DFL);
	raise(sig);
}

/* xorshift64*: the same "random" items in every run. */
static uint64_t
rnd(void)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 0x2545f4914f6cdd1dULL;
}

static void
dbpath(char *out, size_t len, const char *name)
{
	snprintf(out, len, "%s/%s", tmpdir, name);
}

static off_t
file_size(const char *path)
{
	struct stat	sb;
	char		p[600];
	off_t		n = 0;

	if (stat(path, &sb) == 0)
		n += sb.st_size;
	snprintf(p, sizeof p, "%s-wal", path);
	if (stat(p, &sb) == 0)
		n += sb.st_size;
	return n;
}

static void
add_result(const char *name, const char *mk, const char *base, double ratio,
    const char *target, const char *verdict)
{
	struct result *r;

	if (nresults == NRESULTS)
		die("too many results");
	r = &results[nresults++];
	snprintf(r->name, sizeof r->name, "%s", name);
	snprintf(r->mk, sizeof r->mk, "%s", mk);
	snprintf(r->base, sizeof r->base, "%s", base);
	snprintf(r->ratio, sizeof r->ratio, ratio < 10 ? "%.3f" : "%.1f",
	    ratio);
	r->target = target;
	r->verdict = verdict;
}

static const char *
fmt_rate(char *buf, size_t len, double per_s)
{
	snprintf(buf, len, "%.0f /s", per_s);
	return buf;
}

static const char *
fmt_ms(char *buf, size_t len, double s)
{
	snprintf(buf, len, s < 0.01 ? "%.3f ms" : "%.0f ms", s * 1000);
	return buf;
}

/* Raw SQLite with the pragmas of data/db.c that cost time. */
static sqlite3 *
raw_open(const char *path)
{
	sqlite3		*h;
	sqlite3_stmt	*st;

	if (sqlite3_open_v2(path, &h, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
		die("open %s: %s", path, sqlite3_errmsg(h));
	if (sqlite3_prepare_v2(h, "PRAGMA journal_mode = WAL", -1, &st,
	    NULL) != SQLITE_OK || sqlite3_step(st) != SQLITE_ROW ||
	    strcmp((const char *)sqlite3_column_text(st, 0), "wal") != 0)
		die("%s: cannot set WAL: %s", path, sqlite3_errmsg(h));
	sqlite3_finalize(st);
	if (sqlite3_exec(h, "PRAGMA synchronous = FULL", NULL, NULL, NULL) !=
	    SQLITE_OK)
		die("%s: %s", path, sqlite3_errmsg(h));
	return h;
}

static void
raw_exec(sqlite3 *h, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(h, sql, NULL, NULL, &msg) != SQLITE_OK)
		die("%s: %s", sql, msg != NULL ? msg : sqlite3_errmsg(h));
}

static sqlite3_stmt *
raw_prepare(sqlite3 *h, const char *sql)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v3(h, sql, -1, SQLITE_PREPARE_PERSISTENT, &st,
	    NULL) != SQLITE_OK)
		die("prepare %s: %s", sql, sqlite3_errmsg(h));
	return st;
}

static void
raw_run(sqlite3 *h, sqlite3_stmt *st)
{
	if (sqlite3_step(st) != SQLITE_DONE)
		die("%s: %s", sqlite3_sql(st), sqlite3_errmsg(h));
	sqlite3_reset(st);
}

/* The plain table of the insert baselines, and its three statements. */
struct raw_ins {
	sqlite3		*h;
	sqlite3_stmt	*begin, *ins, *commit;
	int64_t		 n;
};

static void
raw_ins_open(struct raw_ins *r, const char *name)
{
	char path[512];

	dbpath(path, sizeof path, name);
	r->h = raw_open(path);
	raw_exec(r->h, "CREATE TABLE t(id INTEGER PRIMARY KEY, a INTEGER, "
	    "b INTEGER, c TEXT)");
	r->begin = raw_prepare(r->h, "BEGIN IMMEDIATE");
	r->ins = raw_prepare(r->h, "INSERT INTO t(a, b, c) VALUES(?, ?, ?)");
	r->commit = raw_prepare(r->h, "COMMIT");
	r->n = 0;
}

static void
raw_ins_close(struct raw_ins *r)
{
	sqlite3_finalize(r->begin);
	sqlite3_finalize(r->ins);
	sqlite3_finalize(r->commit);
	sqlite3_close(r->h);
}

/* One transaction of rows INSERTs. */
static void
raw_ins_tx(struct raw_ins *r, int rows)
{
	int i;

	raw_run(r->h, r->begin);
	for (i = 0; i < rows; i++) {
		r->n++;
		sqlite3_bind_int64(r->ins, 1, r->n % 50);
		sqlite3_bind_int64(r->ins, 2, 1000);
		sqlite3_bind_text(r->ins, 3, "D1/A/01", -1, SQLITE_STATIC);
		raw_run(r->h, r->ins);
	}
	raw_run(r->h, r->commit);
}

/* Pages SQLite wrote (WAL frames) since the last call. */
static long
pages_written(sqlite3 *h)
{
	int cur = 0, hi = 0;

	sqlite3_db_status(h, SQLITE_DBSTATUS_CACHE_WRITE, &cur, &hi, 1);
	return cur;
}

/* A new makhzan database at name, logged in as admin, with depot D1. */
static struct wms *
mk_create(const char *name)
{
	struct wms_err	 err;
	struct wms	*w;
	char		 path[512];

	dbpath(path, sizeof path, name);
	if (wms_init(path, BENCH_SITE, BENCH_ADMIN, BENCH_PASSWORD, &err) != 0)
		die("wms_init %s: %s", path, err.msg);
	if ((w = wms_open(path, &err)) == NULL)
		die("wms_open %s: %s", path, err.msg);
	if (wms_login_trusted(w, BENCH_ADMIN, &err) != 0)
		die("login: %s", err.msg);
	if (wms_depot_add(w, "D1", "المستودع الأول", "Depot one", &err) != 0)
		die("depot: %s", err.msg);
	return w;
}

static void
mk_location(struct wms *w, const char *path)
{
	struct wms_err err;

	if (wms_location_add(w, path, &err) != 0)
		die("location %s: %s", path, err.msg);
}

static void
mk_item(struct wms *w, const char *code, int n)
{
	struct db_item	it;
	struct wms_err	err;
	char		ar[64], en[64];

	snprintf(ar, sizeof ar, "صنف تجريبي %d", n);
	snprintf(en, sizeof en, "Bench item %d", n);
	memset(&it, 0, sizeof it);
	it.code = (char *)code;
	it.name_ar = ar;
	it.name_en = en;
	it.uom = (char *)"EA";
	it.tracking = (char *)"none";
	if (wms_item_add(w, &it, &err) != 0)
		die("item %s: %s", code, err.msg);
}

static void
mk_post(struct wms *w, const struct wms_doc *d, const struct wms_line *l,
    size_t n)
{
	struct wms_err	err;
	char		number[WMS_NUMBER_MAX];

	if (wms_post(w, d, l, n, number, &err) != 0)
		die("wms_post (%zu lines): %s", n, err.msg);
}

static void
line_init(struct wms_line *l, const char *item, int64_t qty, int64_t cost)
{
	memset(l, 0, sizeof *l);
	l->item = item;
	l->qty = qty;
	l->cost = cost;
}

static void
machine_facts(void)
{
	struct statfs	 fs;
	const char	*kind = "other";
	FILE		*f;
	char		 line[256], cpu[128] = "unknown";
	time_t		 t = time(NULL);
	char		 date[32];

	if ((f = fopen("/proc/cpuinfo", "r")) != NULL) {
		while (fgets(line, sizeof line, f) != NULL) {
			if (strncmp(line, "model name", 10) == 0) {
				char *p = strchr(line, ':');

				if (p != NULL) {
					snprintf(cpu, sizeof cpu, "%s", p + 2);
					cpu[strcspn(cpu, "\n")] = '\0';
				}
				break;
			}
		}
		fclose(f);
	}
	if (statfs(tmpdir, &fs) != 0)
		fs.f_type = 0;
	else {
		switch ((unsigned long)fs.f_type) {
		case 0xef53UL:
			kind = "ext2/3/4";
			break;
		case 0x58465342UL:
			kind = "xfs";
			break;
		case 0x9123683eUL:
			kind = "btrfs";
			break;
		case 0x794c7630UL:
			kind = "overlayfs";
			break;
		case 0x01021994UL:
			kind = "tmpfs (memory: fsync costs nothing)";
			break;
		}
	}
	strftime(date, sizeof date, "%Y-%m-%d %H:%M UTC", gmtime(&t));
	printf("makhzan ledger benchmark, %s\n", date);
	printf("  cpu      %ld online (nproc), %s\n",
	    sysconf(_SC_NPROCESSORS_ONLN), cpu);
	printf("  memory   %.1f GB\n", (double)sysconf(_SC_PHYS_PAGES) *
	    sysconf(_SC_PAGESIZE) / 1e9);
	printf("  disk     %s (%s)\n", tmpdir, kind);
	printf("  sqlite   %s, journal_mode=WAL, synchronous=FULL on both "
	    "sides\n", sqlite3_libversion());
	if ((unsigned long)fs.f_type == 0x01021994UL)
		printf("  WARNING: the temp directory is in memory; set TMPDIR "
		    "to a directory on a real disk\n");
	printf("\n");
}

/*
 * 1. One receipt of 1 unit per transaction, against BEGIN IMMEDIATE;
 * INSERT; COMMIT.  The two alternate in blocks so that both see the same
 * disk.
 */
static void
bench_postings(void)
{
	struct raw_ins	 raw;
	struct wms_doc	 d;
	struct wms_line	 l;
	struct wms	*w;
	sqlite3		*h;
	double		 t0, tmk = 0, traw = 0, mk, base, ratio;
	long		 pmk, praw;
	char		 a[32], b[32];
	int		 n = 0, i;

	printf("1. single-line postings, one transaction each\n");
	w = mk_create("post.db");
	mk_location(w, "D1/A/01");
	mk_item(w, "P-100", 1);
	raw_ins_open(&raw, "post-raw.db");
	h = db_handle(wms_db(w));

	memset(&d, 0, sizeof d);
	d.type = WMS_DOC_RECEIPT;
	d.to = "D1/A/01";
	d.supplier = "Bench supplier";
	line_init(&l, "P-100", 1000, 1500);
	/* Warm up: statements prepared, files grown. */
	for (i = 0; i < 20; i++) {
		mk_post(w, &d, &l, 1);
		raw_ins_tx(&raw, 1);
	}
	pages_written(h);
	pages_written(raw.h);
	while ((n < POST_MIN || tmk < POST_MIN_S) && n < POST_MAX) {
		t0 = now();
		for (i = 0; i < POST_BLOCK; i++)
			mk_post(w, &d, &l, 1);
		tmk += now() - t0;
		t0 = now();
		for (i = 0; i < POST_BLOCK; i++)
			raw_ins_tx(&raw, 1);
		traw += now() - t0;
		n += POST_BLOCK;
	}
	pmk = pages_written(h);
	praw = pages_written(raw.h);
	mk = n / tmk;
	base = n / traw;
	ratio = mk / base;
	printf("   %d postings: makhzan %.2f s, raw %.2f s; pages written per "
	    "commit: makhzan %.1f, raw %.1f\n\n", n, tmk, traw,
	    (double)pmk / n, (double)praw / n);
	add_result("1. postings/s, 1-line docs",
	    fmt_rate(a, sizeof a, mk), fmt_rate(b, sizeof b, base), ratio,
	    ">= 0.50 x raw", ratio >= 0.5 ? "target met" : "TARGET MISSED");
	raw_ins_close(&raw);
	wms_close(w);
}

/*
 * 2. Documents of 10,000 lines over 50 items, against 10,000 INSERTs in
 * one transaction.  A document has one destination, so the 20 locations
 * are used in turn: receipts into ten, then a move of each to another ten.
 */
static void
bench_document(void)
{
	static char	 codes[DOC_ITEMS][16], locs[DOC_LOCS][16];
	struct raw_ins	 raw;
	struct wms_doc	 d;
	struct wms_line	*l;
	struct wms	*w;
	double		 t0, trec = 0, tmov = 0, traw = 0, rec, mov, base;
	char		 a[32], b[32];
	int		 k, i;

	printf("2. one document of %d lines over %d items, %d documents "
	    "each\n", DOC_LINES, DOC_ITEMS, DOC_REPEAT);
	w = mk_create("doc.db");
	for (i = 0; i < DOC_LOCS; i++) {
		snprintf(locs[i], sizeof locs[i], "D1/B/%02d", i + 1);
		mk_location(w, locs[i]);
	}
	for (i = 0; i < DOC_ITEMS; i++) {
		snprintf(codes[i], sizeof codes[i], "L-%03d", i);
		mk_item(w, codes[i], i);
	}
	raw_ins_open(&raw, "doc-raw.db");
	l = calloc(DOC_LINES, sizeof *l);
	if (l == NULL)
		die("out of memory");

	/* Warm up on a small document of each kind. */
	memset(&d, 0, sizeof d);
	d.type = WMS_DOC_RECEIPT;
	d.to = locs[DOC_LOCS - 1];
	for (i = 0; i < DOC_ITEMS; i++)
		line_init(&l[i], codes[i], 1000, 1500);
	mk_post(w, &d, l, DOC_ITEMS);
	raw_ins_tx(&raw, DOC_ITEMS);

	/* Receipt k goes to location k; 1 unit a line, 200 per item. */
	for (k = 0; k < DOC_REPEAT; k++) {
		memset(&d, 0, sizeof d);
		d.type = WMS_DOC_RECEIPT;
		d.to = locs[k];
		d.supplier = "Bench supplier";
		for (i = 0; i < DOC_LINES; i++)
			line_init(&l[i], codes[i % DOC_ITEMS], 1000, 1500);
		t0 = now();
		mk_post(w, &d, l, DOC_LINES);
		trec += now() - t0;
		t0 = now();
		raw_ins_tx(&raw, DOC_LINES);
		traw += now() - t0;
	}
	/* Move k takes all of receipt k to location k + 10. */
	for (k = 0; k < DOC_REPEAT; k++) {
		memset(&d, 0, sizeof d);
		d.type = WMS_DOC_MOVE;
		d.from = locs[k];
		d.to = locs[k + DOC_LOCS / 2];
		for (i = 0; i < DOC_LINES; i++)
			line_init(&l[i], codes[i % DOC_ITEMS], 1000, -1);
		t0 = now();
		mk_post(w, &d, l, DOC_LINES);
		tmov += now() - t0;
	}
	rec = (double)DOC_LINES * DOC_REPEAT / trec;
	mov = (double)DOC_LINES * DOC_REPEAT / tmov;
	base = (double)DOC_LINES * DOC_REPEAT / traw;
	printf("   receipt %.0f ms, move %.0f ms, raw %.1f ms a document\n\n",
	    trec * 1000 / DOC_REPEAT, tmov * 1000 / DOC_REPEAT,
	    traw * 1000 / DOC_REPEAT);
	fmt_rate(b, sizeof b, base);
	add_result("2. lines/s, 10,000-line receipt",
	    fmt_rate(a, sizeof a, rec), b, rec / base, ">= 100,000 /s",
	    rec >= 100000 ? "target met" : "TARGET MISSED");
	add_result("2. lines/s, 10,000-line move",
	    fmt_rate(a, sizeof a, mov), b, mov / base, ">= 100,000 /s",
	    mov >= 100000 ? "target met" : "TARGET MISSED");
	free(l);
	raw_ins_close(&raw);
	wms_close(w);
}

/* Lines per document of the big build, in turn. */
static const int big_sizes[] = { 10000, 5000, 2000, 1000 };

/* Stock reports on a big database, against plain indexed SELECTs. */
static void
bench_big(void)
{
	struct raw_ins	 raw;
	struct wms_doc	 d;
	struct wms_line	*l;
	struct wms_err	 err;
	struct report	*rep;
	struct wms	*w;
	sqlite3		*h;
	sqlite3_stmt	*st;
	char		(*codes)[16], (*locs)[16], path[512];
	char		 a[32], b[32], name[48];
	long		 moves, nitems, nloc, done = 0, ndocs = 0, nrows = 0;
	long		 cursor = 0, piece = 0, next_report, k, i, n;
	long		 prev_n = 0, prev_first = 0, prev_loc = 0;
	long		*sizes = NULL;
	double		 t0, t, tmaster, tbuild, trawbuild, tq, traw_q;
	double		 traw_depot, trender, mk_item_ms, raw_item_ms, best;

	moves = env_long("MAKHZAN_BENCH_MOVES", BIG_MOVES, 1000);
	nitems = env_long("MAKHZAN_BENCH_ITEMS", BIG_ITEMS, 100);
	nloc = BIG_ZONES * BIG_BINS;
	printf("3. stock reports on %ld movements over %ld items, %ld "
	    "locations\n", moves, nitems, nloc);
	codes = calloc(nitems, sizeof *codes);
	locs = calloc(nloc, sizeof *locs);
	l = calloc(big_sizes[0], sizeof *l);
	if (codes == NULL || locs == NULL || l == NULL)
		die("out of memory");

	/* Master data: every item and location its own transaction. */
	t0 = now();
	w = mk_create("big.db");
	for (i = 0; i < nloc; i++) {
		snprintf(locs[i], sizeof locs[i], "D1/Z%02ld/%02ld",
		    i / BIG_BINS + 1, i % BIG_BINS + 1);
		mk_location(w, locs[i]);
	}
	for (i = 0; i < nitems; i++) {
		snprintf(codes[i], sizeof codes[i], "I%06d", (int)i);
		mk_item(w, codes[i], (int)i);
	}
	tmaster = now() - t0;
	printf("   master data (%ld items, %ld locations, one transaction "
	    "each): %.1f s\n", nitems, nloc, tmaster);

	/*
	 * Rounds over every item: a receipt of 5 units of each of n
	 * consecutive items into one location, then a move of 1 unit of each
	 * of them to another location; n is 10,000, 5,000, 2,000, 1,000 in
	 * turn.  Every round cuts the items the same way and sends each piece
	 * to the same places, so an item is stocked in two locations, as in a
	 * depot where each item has its bins.
	 */
	t0 = now();
	next_report = moves / 4;
	for (k = 0; done < moves; k++) {
		memset(&d, 0, sizeof d);
		if (k % 2 == 1) {
			n = prev_n < moves - done ? prev_n : moves - done;
			d.type = WMS_DOC_MOVE;
			d.from = locs[prev_loc];
			d.to = locs[(prev_loc + nloc / 2) % nloc];
			for (i = 0; i < n; i++)
				line_init(&l[i], codes[prev_first + i], 1000,
				    -1);
		} else {
			if (cursor == nitems)
				cursor = piece = 0;
			n = big_sizes[piece % 4];
			if (n > nitems - cursor)
				n = nitems - cursor;
			if (n > moves - done)
				n = moves - done;
			prev_first = cursor;
			prev_loc = (piece * 37) % nloc;
			prev_n = n;
			d.type = WMS_DOC_RECEIPT;
			d.to = locs[prev_loc];
			d.supplier = "Bench supplier";
			for (i = 0; i < n; i++)
				line_init(&l[i], codes[cursor + i], 5000, 1500);
			cursor += n;
			piece++;
		}
		mk_post(w, &d, l, n);
		if (ndocs % 1024 == 0 && (sizes = realloc(sizes, (ndocs +
		    1024) * sizeof *sizes)) == NULL)
			die("out of memory");
		sizes[ndocs++] = n;
		done += n;
		if (done >= next_report && done < moves) {
			printf("   ... %ld movements posted, %.0f s\n", done,
			    now() - t0);
			next_report += moves / 4;
		}
	}
	tbuild = now() - t0;
	h = db_handle(wms_db(w));
	dbpath(path, sizeof path, "big.db");
	if (sqlite3_prepare_v2(h, "SELECT (SELECT count(*) FROM movement), "
	    "(SELECT count(*) FROM balance b JOIN location l ON "
	    "l.id = b.location_id WHERE l.kind = 'internal' AND b.qty <> 0), "
	    "(SELECT max(length(payload)) FROM outbox)", -1, &st, NULL) !=
	    SQLITE_OK || sqlite3_step(st) != SQLITE_ROW)
		die("counting: %s", sqlite3_errmsg(h));
	printf("   built through wms_post: %ld documents, %lld movements, "
	    "%lld stock rows, %.0f MB, in %.1f s (%.0f movements/s)\n",
	    ndocs, (long long)sqlite3_column_int64(st, 0),
	    (long long)sqlite3_column_int64(st, 1),
	    file_size(path) / 1e6, tbuild, moves / tbuild);
	printf("   largest outbox event (a document of %ld lines): %.0f kB "
	    "(NATS refuses more than 1,048 kB by default)\n",
	    nitems < big_sizes[0] ? nitems : (long)big_sizes[0],
	    sqlite3_column_int64(st, 2) / 1e3);
	nrows = (long)sqlite3_column_int64(st, 1);
	sqlite3_finalize(st);
	if (tbuild + tmaster > BIG_BUILD_LIMIT_S)
		printf("   NOTE: building took more than %.0f minutes on %ld "
		    "cores; set MAKHZAN_BENCH_MOVES to a smaller number for "
		    "a quicker run\n", BIG_BUILD_LIMIT_S / 60,
		    sysconf(_SC_NPROCESSORS_ONLN));

	/* The raw side: the same rows, in transactions of the same sizes. */
	raw_ins_open(&raw, "big-raw.db");
	raw_exec(raw.h, "CREATE TABLE m(id INTEGER PRIMARY KEY, "
	    "item_id INTEGER, loc_id INTEGER, qty INTEGER);"
	    "CREATE INDEX m_item ON m(item_id);"
	    "CREATE TABLE s(loc_id INTEGER, item_id INTEGER, qty INTEGER, "
	    "PRIMARY KEY (loc_id, item_id)) WITHOUT ROWID");
	st = raw_prepare(raw.h, "INSERT INTO m(item_id, loc_id, qty) "
	    "VALUES(?, ?, ?)");
	t0 = now();
	for (k = 0; k < ndocs; k++) {
		n = sizes[k];
		raw_run(raw.h, raw.begin);
		for (i = 0; i < n; i++) {
			sqlite3_bind_int64(st, 1, (int64_t)(rnd() % nitems));
			sqlite3_bind_int64(st, 2, (int64_t)(rnd() % nloc));
			sqlite3_bind_int64(st, 3, 5000);
			raw_run(raw.h, st);
		}
		raw_run(raw.h, raw.commit);
	}
	trawbuild = now() - t0;
	sqlite3_finalize(st);
	/* A stock table with as many rows as the depot report. */
	raw_exec(raw.h, "BEGIN");
	st = raw_prepare(raw.h, "INSERT OR IGNORE INTO s VALUES(?, ?, 5000)");
	for (i = 0; i < nrows; i++) {
		sqlite3_bind_int64(st, 1, i / nitems);
		sqlite3_bind_int64(st, 2, i % nitems);
		raw_run(raw.h, st);
	}
	sqlite3_finalize(st);
	raw_exec(raw.h, "COMMIT");
	add_result("3. build, movements/s", fmt_rate(a, sizeof a,
	    moves / tbuild), fmt_rate(b, sizeof b, moves / trawbuild),
	    trawbuild / tbuild, "<= 3 min", tbuild + tmaster <=
	    BIG_BUILD_LIMIT_S ? "ok" : "SLOW");

	/* makhzan stock --item CODE, over random items. */
	for (i = 0; i < 50; i++) {
		if (report_stock(w, NULL, NULL, codes[rnd() % nitems], &rep,
		    &err) != 0)
			die("report_stock: %s", err.msg);
		report_free(rep);
	}
	tq = 0;
	trender = 0;
	for (i = 0; i < BIG_QUERIES; i++) {
		const char	*code = codes[rnd() % nitems];
		char		*txt;

		t0 = now();
		if (report_stock(w, NULL, NULL, code, &rep, &err) != 0)
			die("report_stock %s: %s", code, err.msg);
		tq += now() - t0;
		t0 = now();
		txt = report_render(rep, REPORT_TABLE);
		trender += now() - t0;
		free(txt);
		report_free(rep);
	}
	mk_item_ms = tq * 1000 / BIG_QUERIES;

	/* The raw side: every row of one item through its index. */
	st = raw_prepare(raw.h, "SELECT id, loc_id, qty FROM m WHERE "
	    "item_id = ?");
	traw_q = 0;
	for (k = 0; k < 2; k++) {
		traw_q = 0;
		for (i = 0; i < BIG_QUERIES; i++) {
			int64_t sum = 0;

			t0 = now();
			sqlite3_bind_int64(st, 1, (int64_t)(rnd() % nitems));
			while (sqlite3_step(st) == SQLITE_ROW)
				sum += sqlite3_column_int64(st, 2);
			sqlite3_reset(st);
			traw_q += now() - t0;
			if (sum < 0)
				die("raw sum");
		}
	}
	sqlite3_finalize(st);
	raw_item_ms = traw_q * 1000 / BIG_QUERIES;
	add_result("3. stock --item, avg of 1,000",
	    fmt_ms(a, sizeof a, mk_item_ms / 1000),
	    fmt_ms(b, sizeof b, raw_item_ms / 1000), mk_item_ms / raw_item_ms,
	    "< 1 ms", mk_item_ms < 1.0 ? "target met" : "TARGET MISSED");
	printf("   stock --item: %.3f ms a query, %.3f ms more to render it "
	    "as a table; raw: %ld rows an item\n", mk_item_ms,
	    trender * 1000 / BIG_QUERIES, moves / nitems);

	/* makhzan stock --depot D1: the whole depot. */
	best = 1e9;
	for (k = 0; k < BIG_DEPOT_RUNS; k++) {
		t0 = now();
		if (report_stock(w, "D1", NULL, NULL, &rep, &err) != 0)
			die("report_stock D1: %s", err.msg);
		if ((t = now() - t0) < best)
			best = t;
		if (k == 0)
			nrows = (long)report_nrows(rep);
		report_free(rep);
	}
	st = raw_prepare(raw.h, "SELECT loc_id, item_id, qty FROM s "
	    "ORDER BY loc_id, item_id");
	traw_depot = 1e9;
	for (k = 0; k < BIG_DEPOT_RUNS; k++) {
		int64_t sum = 0;

		t0 = now();
		while (sqlite3_step(st) == SQLITE_ROW)
			sum += sqlite3_column_int64(st, 2);
		sqlite3_reset(st);
		if ((t = now() - t0) < traw_depot)
			traw_depot = t;
		if (sum < 0)
			die("raw sum");
	}
	sqlite3_finalize(st);
	snprintf(name, sizeof name, "3. stock D1 (whole depot), %ld rows",
	    nrows);
	add_result(name, fmt_ms(a, sizeof a, best), fmt_ms(b, sizeof b,
	    traw_depot), best / traw_depot, "(none)", "info");
	printf("   stock --depot D1: best of %d runs %.0f ms (%ld rows); raw: "
	    "the same number of rows in key order\n\n", BIG_DEPOT_RUNS,
	    best * 1000, nrows);

	raw_ins_close(&raw);
	wms_close(w);
	free(sizes);
	free(codes);
	free(locs);
	free(l);
}

static void
print_table(void)
{
	int i;

	printf("%-38s %14s %14s %7s  %-14s %s\n", "figure", "makhzan",
	    "raw SQLite", "ratio", "target", "result");
	for (i = 0; i < 100; i++)
		putchar('-');
	putchar('\n');
	for (i = 0; i < nresults; i++)
		printf("%-38s %14s %14s %7s  %-14s %s\n", results[i].name,
		    results[i].mk, results[i].base, results[i].ratio,
		    results[i].target, results[i].verdict);
	printf("ratio = makhzan / raw (a rate: higher is better; a time: "
	    "lower is better)\n");
}

int
main(void)
{
	const char *dir = getenv("TMPDIR"), *only;

	if (dir == NULL || *dir == '\0')
		dir = "/tmp";
	snprintf(tmpdir, sizeof tmpdir, "%s/makhzan-bench-XXXXXX", dir);
	if (mkdtemp(tmpdir) == NULL)
		die("mkdtemp %s: %s", tmpdir, strerror(errno));
	atexit(cleanup);
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	setvbuf(stdout, NULL, _IOLBF, 0);

	/* MAKHZAN_BENCH_ONLY=13 runs figures 1 and 3 only. */
	if ((only = getenv("MAKHZAN_BENCH_ONLY")) == NULL || *only == '\0')
		only = "123";
	machine_facts();
	if (strchr(only, '1') != NULL)
		bench_postings();
	if (strchr(only, '2') != NULL)
		bench_document();
	if (strchr(only, '3') != NULL)
		bench_big();
	print_table();
	return 0;
}
