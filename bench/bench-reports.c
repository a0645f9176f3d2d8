/*
 * Benchmark of the reports (makhzan report NAME) on the database of the
 * ledger benchmark: 2,000,000 movements over 20,000 items and 200
 * locations, built the same way through wms_post, with issues to a cost
 * centre, lots, transfers to a second depot and a count added on top.
 * Each report is timed beside the plain SQL aggregate that answers the
 * same question, run in the same process on the same file.
 *
 * MAKHZAN_BENCH_DB=PATH keeps the database there (and reuses it when it is
 * already there: building takes minutes); MAKHZAN_BENCH_MOVES and
 * MAKHZAN_BENCH_ITEMS make it smaller.
 */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "core/count.h"
#include "core/ledger.h"
#include "core/master.h"
#include "core/wms.h"
#include "data/db-item.h"
#include "data/stmt.h"
#include "lib/err.h"
#include "reports/catalog.h"
#include "reports/report.h"

#define BENCH_NAME "bench-reports"
#include "bench/bench.h"

#define BENCH_SITE		"BEN"
#define BENCH_ADMIN		"admin"
#define BENCH_PASSWORD		"bench-password"

#define BIG_MOVES		2000000
#define BIG_ITEMS		20000
#define BIG_ZONES		10
#define BIG_BINS		20
#define BIG_ISSUES		100000	/* issue lines, 500 a document */
#define BIG_LOT_ITEMS		200
#define BIG_TRANSFERS		20
#define CARD_PAGE		50	/* rows of a stock card page */
#define CARD_RUNS		200
#define RUNS			3

/* 2025-01-01T00:00:00Z: the build's clock starts there, a day a document. */
#define BIG_EPOCH		1735689600

static char		 tmpdir[256];
static char		 dbfile[512];
static int		 keep;
static time_t		 clock_at = BIG_EPOCH;
static long		 nitems_g = BIG_ITEMS;
static uint64_t		 rng = 0x9e3779b97f4a7c15ULL;

static void
cleanup(void)
{
	char p[600];

	if (tmpdir[0] == '\0')
		return;
	if (!keep) {
		unlink(dbfile);
		snprintf(p, sizeof p, "%s-wal", dbfile);
		unlink(p);
		snprintf(p, sizeof p, "%s-shm", dbfile);
		unlink(p);
		rmdir(tmpdir);
	}
	tmpdir[0] = '\0';
}

static void
on_signal(int sig)
{
	cleanup();
	signal(sig, SIG_DFL);
	raise(sig);
}

static uint64_t
rnd(void)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 0x2545f4914f6cdd1dULL;
}

static void
tick(struct wms *w, long seconds)
{
	clock_at += seconds;
	wms_set_clock(w, clock_at);
}

static void
mk_post(struct wms *w, const struct wms_doc *d, const struct wms_line *l,
    size_t n, char *number)
{
	struct wms_err	err;
	char		buf[WMS_NUMBER_MAX];

	if (wms_post(w, d, l, n, number != NULL ? number : buf, &err) != 0)
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
mk_item(struct wms *w, const char *code, long n, const char *tracking)
{
	static const char *const cats[] = { "PIPE", "VALVE", "CHEM", "LUBE",
	    "SAFETY", "SPARE" };
	struct db_item	it;
	struct wms_err	err;
	char		ar[64], en[64];

	snprintf(ar, sizeof ar, "صنف تجريبي %ld", n);
	snprintf(en, sizeof en, "Bench item %ld", n);
	memset(&it, 0, sizeof it);
	it.code = (char *)code;
	it.name_ar = ar;
	it.name_en = en;
	it.uom = (char *)"EA";
	it.category = (char *)cats[n % 6];
	it.tracking = (char *)tracking;
	if (n % 10 == 0) {
		it.min_qty = 400000;
		it.max_qty = 800000;
	}
	if (wms_item_add(w, &it, &err) != 0)
		die("item %s: %s", code, err.msg);
}

static const int big_sizes[] = { 10000, 5000, 2000, 1000 };

/* The database of the ledger benchmark, and the rest on top. */
static void
build(struct wms *w, long moves, long nitems)
{
	struct wms_err	 err;
	struct wms_doc	 d;
	struct wms_line	*l;
	char		(*codes)[16], (*locs)[16], (*lots)[16], number[64];
	char		 cnt[WMS_NUMBER_MAX], lotcode[32], expiry[16];
	long		 nloc = BIG_ZONES * BIG_BINS, done = 0, cursor = 0;
	long		 piece = 0, prev_n = 0, prev_first = 0, prev_loc = 0;
	long		 k, i, n, *at;
	double		 t0 = now();

	codes = calloc(nitems, sizeof *codes);
	locs = calloc(nloc, sizeof *locs);
	lots = calloc(BIG_LOT_ITEMS, sizeof *lots);
	at = calloc(nitems, sizeof *at);
	l = calloc(big_sizes[0], sizeof *l);
	if (codes == NULL || locs == NULL || l == NULL || at == NULL ||
	    lots == NULL)
		die("out of memory");
	wms_set_clock(w, clock_at);
	if (wms_depot_add(w, "D1", "المستودع الأول", "Depot one", &err) != 0 ||
	    wms_depot_add(w, "D2", "المستودع الثاني", "Depot two", &err) != 0 ||
	    wms_location_add(w, "D2/A/01", &err) != 0 ||
	    wms_cc_add(w, "CC1", "مركز كلفة", "Cost centre", &err) != 0)
		die("master data: %s", err.msg);
	for (i = 0; i < nloc; i++) {
		snprintf(locs[i], sizeof locs[i], "D1/Z%02ld/%02ld",
		    i / BIG_BINS + 1, i % BIG_BINS + 1);
		if (wms_location_add(w, locs[i], &err) != 0)
			die("location: %s", err.msg);
	}
	for (i = 0; i < nitems; i++) {
		snprintf(codes[i], sizeof codes[i], "I%06d", (int)i);
		mk_item(w, codes[i], i, "none");
	}
	for (i = 0; i < BIG_LOT_ITEMS; i++) {
		snprintf(lots[i], sizeof lots[i], "L%04d", (int)i);
		mk_item(w, lots[i], i, "lot");
	}
	printf("   master data: %.1f s\n", now() - t0);

	/* As bench-ledger.c: receipts of 5, then a move of 1 of each. */
	for (k = 0; done < moves; k++) {
		memset(&d, 0, sizeof d);
		if (k % 2 == 1) {
			n = prev_n < moves - done ? prev_n : moves - done;
			d.type = WMS_DOC_MOVE;
			d.from = locs[prev_loc];
			d.to = locs[(prev_loc + nloc / 2) % nloc];
			for (i = 0; i < n; i++) {
				line_init(&l[i], codes[prev_first + i], 1000,
				    -1);
				at[prev_first + i] = (prev_loc + nloc / 2) %
				    nloc;
			}
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
				line_init(&l[i], codes[cursor + i], 5000,
				    1500 + (cursor + i) % 700);
			cursor += n;
			piece++;
		}
		tick(w, 43200);
		mk_post(w, &d, l, n, NULL);
		done += n;
		if (k % 100 == 0)
			printf("   ... %ld movements, %.0f s\n", done,
			    now() - t0);
	}
	/* Issues: one unit of the first 80% of the items, 500 a document. */
	for (done = 0; done < BIG_ISSUES && done < moves / 20; done += 500) {
		memset(&d, 0, sizeof d);
		d.type = WMS_DOC_ISSUE;
		d.to = "CC1";
		i = (long)(rnd() % (unsigned long)(nitems * 4 / 5 / 500));
		d.from = locs[at[i * 500]];
		/* A piece of 500 items sits in one location when 500
		 * divides the build's pieces. */
		for (n = 0; n < 500; n++)
			line_init(&l[n], codes[i * 500 + n], 1000, -1);
		tick(w, 3600);
		mk_post(w, &d, l, 500, NULL);
	}
	/* Lots: 3 lots of each lot item, expiring over two years. */
	for (k = 0; k < 3; k++) {
		memset(&d, 0, sizeof d);
		d.type = WMS_DOC_RECEIPT;
		d.to = locs[k];
		for (i = 0; i < BIG_LOT_ITEMS; i++) {
			line_init(&l[i], lots[i], 10000, 900);
			snprintf(lotcode, sizeof lotcode, "B%ld-%ld", k, i);
			l[i].lot = strdup(lotcode);
			snprintf(expiry, sizeof expiry, "%04ld-%02ld-15",
			    2025 + (k + i) % 3, 1 + i % 12);
			l[i].expiry = strdup(expiry);
		}
		tick(w, 3600);
		mk_post(w, &d, l, BIG_LOT_ITEMS, NULL);
		for (i = 0; i < BIG_LOT_ITEMS; i++) {
			free((void *)l[i].lot);
			free((void *)l[i].expiry);
		}
	}
	/* Transfers of 100 lines to D2; half of them received in part. */
	for (k = 0; k < BIG_TRANSFERS; k++) {
		memset(&d, 0, sizeof d);
		d.type = WMS_DOC_TRANSFER;
		d.to = "D2";
		i = nitems * 4 / 5 / 500 + k % ((nitems - nitems * 4 / 5) / 500 + 1);
		if ((i + 1) * 500 > nitems)
			i = nitems / 500 - 1;
		d.from = locs[at[i * 500]];
		for (n = 0; n < 100; n++)
			line_init(&l[n], codes[i * 500 + n], 1000, -1);
		tick(w, 86400);
		mk_post(w, &d, l, 100, number);
		if (k % 2 == 0) {
			for (n = 0; n < 50; n++)
				line_init(&l[n], codes[i * 500 + n], 1000, -1);
			if (wms_transfer_receive(w, number, "D2/A/01", l, 50,
			    &err) != 0)
				die("transfer receive: %s", err.msg);
		}
	}
	/* A count of one zone, one line in ten off by one. */
	if (wms_count_start(w, "D1/Z01/01", cnt, &err) != 0)
		die("count start: %s", err.msg);
	for (i = 0; i < 1000 && i < nitems; i++) {
		int64_t q = (int64_t)(moves / nitems / 2) * 4000;

		if (wms_count_enter(w, cnt, "D1/Z01/01", codes[i], NULL,
		    i % 10 == 0 ? q - 1000 : q, &err) != 0)
			die("count enter: %s", err.msg);
	}
	tick(w, 3600);
	if (wms_count_post(w, cnt, 1, &err) != 0)
		die("count post: %s", err.msg);
	printf("   built: %ld documents' worth, %.0f s\n", k, now() - t0);
	free(codes);
	free(locs);
	free(lots);
	free(at);
	free(l);
}

/* A row of the results table. */
struct result {
	char		 name[48];
	double		 mk, base;
	double		 target;	/* seconds, or a ratio if ratio_target */
	int		 ratio_target;
	long		 rows;
};

#define NRESULTS 16
static struct result	results[NRESULTS];
static int		nresults;

static sqlite3 *
raw_open(const char *path)
{
	sqlite3 *h;

	if (sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL) !=
	    SQLITE_OK)
		die("open %s: %s", path, sqlite3_errmsg(h));
	return h;
}

/* The best of RUNS of sql, every row stepped and a column summed. */
static double
raw_time(sqlite3 *h, const char *sql, int runs, long *rows)
{
	sqlite3_stmt	*st;
	double		 t0, t, best = 1e9;
	int64_t		 sum;
	int		 k;

	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
		die("prepare %s: %s", sql, sqlite3_errmsg(h));
	for (k = 0; k < runs; k++) {
		t0 = now();
		sum = 0;
		*rows = 0;
		while (sqlite3_step(st) == SQLITE_ROW) {
			sum += sqlite3_column_int64(st, 0);
			(*rows)++;
		}
		sqlite3_reset(st);
		if ((t = now() - t0) < best)
			best = t;
	}
	sqlite3_finalize(st);
	return best;
}

/* The best of RUNS of a report, rendered as CSV (what --out writes). */
static double
mk_time(struct wms *w, const char *name, const struct report_filters *f,
    int runs, long *rows)
{
	const struct report_def	*def;
	struct report		*r;
	struct wms_err		 err;
	double			 t0, t, best = 1e9;
	char			*txt;
	int			 k;

	if ((def = report_def_find(name)) == NULL)
		die("no report %s", name);
	for (k = 0; k < runs; k++) {
		t0 = now();
		if (report_run(w, def, f, &r, &err) != 0)
			die("report %s: %s", name, err.msg);
		txt = report_render(r, REPORT_CSV);
		if ((t = now() - t0) < best)
			best = t;
		*rows = (long)report_nrows(r);
		free(txt);
		report_free(r);
	}
	return best;
}

static void
add(const char *name, double mk, double base, long rows, double target,
    int ratio_target)
{
	struct result *r;

	if (nresults == NRESULTS)
		die("too many results");
	r = &results[nresults++];
	snprintf(r->name, sizeof r->name, "%s", name);
	r->mk = mk;
	r->base = base;
	r->rows = rows;
	r->target = target;
	r->ratio_target = ratio_target;
	printf("   %-28s %9.2f ms  baseline %9.2f ms  %6ld rows\n", name,
	    mk * 1000, base * 1000, rows);
}

static void
bench(struct wms *w, const char *path)
{
	struct report_filters	 f;
	sqlite3			*h = raw_open(path);
	double			 mk, base, t0, tot;
	long			 rows, brows, k;
	char			 item[16];

	/* stock, the whole depot, against a scan of the balance rows. */
	memset(&f, 0, sizeof f);
	f.depot = "D1";
	mk = mk_time(w, "stock", &f, RUNS, &rows);
	base = raw_time(h, "SELECT b.qty, b.location_id, b.item_id, b.lot_id "
	    "FROM balance b JOIN location l ON l.id = b.location_id "
	    "WHERE l.kind = 'internal' AND l.depot_id = 1 AND b.qty <> 0",
	    RUNS, &brows);
	add("stock --depot D1", mk, base, rows, 3.0, 1);
	/*
	 * makhzan stock's rows (wms_stock_each, the stock report's join in
	 * C since issue 12) as report_stock() gives them to the terminal UI
	 * and the PDF, rendered as CSV: the same target.
	 */
	{
		struct report	*r;
		struct wms_err	 err;
		double		 s0, t, best = 1e9;
		char		*txt;
		int		 run;

		for (run = 0; run < RUNS; run++) {
			s0 = now();
			if (report_stock(w, "D1", NULL, NULL, &r, &err) != 0)
				die("report_stock: %s", err.msg);
			txt = report_render(r, REPORT_CSV);
			if ((t = now() - s0) < best)
				best = t;
			rows = (long)report_nrows(r);
			free(txt);
			report_free(r);
		}
		add("makhzan stock (report_stock)", best, base, rows, 3.0, 1);
	}

	/* A stock card page: the last CARD_PAGE movements of an item. */
	memset(&f, 0, sizeof f);
	f.limit = CARD_PAGE;
	tot = 0;
	for (k = 0; k < CARD_RUNS; k++) {
		snprintf(item, sizeof item, "I%06d",
		    (int)(rnd() % (unsigned long)nitems_g));
		f.item = item;
		t0 = now();
		mk_time(w, "card", &f, 1, &rows);
		tot += now() - t0;
	}
	mk = tot / CARD_RUNS;
	base = raw_time(h, "SELECT m.qty, m.at FROM movement m WHERE "
	    "m.item_id = 42 ORDER BY m.id LIMIT 50", RUNS, &brows);
	add("card, a page of 50", mk, base, rows, 0.005, 0);

	memset(&f, 0, sizeof f);
	f.from = "2025-03-01";
	f.to = "2025-03-31";
	mk = mk_time(w, "journal", &f, RUNS, &rows);
	base = raw_time(h, "SELECT d.id, count(*), sum(m.value) FROM "
	    "document d CROSS JOIN movement m ON m.doc_id = d.id WHERE "
	    "d.created_at >= '2025-03-01' AND d.created_at < '2025-04-01' "
	    "GROUP BY d.id", RUNS, &brows);
	add("journal, a month", mk, base, rows, 1.0, 0);

	memset(&f, 0, sizeof f);
	mk = mk_time(w, "reorder", &f, RUNS, &rows);
	base = raw_time(h, "SELECT i.id, sum(b.qty) FROM item i JOIN balance b "
	    "ON b.item_id = i.id WHERE i.min_qty > 0 GROUP BY i.id",
	    RUNS, &brows);
	add("reorder", mk, base, rows, 1.0, 0);

	memset(&f, 0, sizeof f);
	f.days = 90;
	mk = mk_time(w, "expiry", &f, RUNS, &rows);
	base = raw_time(h, "SELECT sum(b.qty) FROM lot JOIN balance b ON "
	    "b.item_id = lot.item_id AND b.lot_id = lot.id WHERE "
	    "lot.expiry <= '2026-06-01' GROUP BY lot.id", RUNS, &brows);
	add("expiry, 90 days", mk, base, rows, 1.0, 0);

	memset(&f, 0, sizeof f);
	f.days = 90;
	mk = mk_time(w, "slow", &f, RUNS, &rows);
	base = raw_time(h, "SELECT m.item_id, max(m.at) FROM document d "
	    "CROSS JOIN movement m ON m.doc_id = d.id WHERE d.type = 'ISS' "
	    "GROUP BY m.item_id", RUNS, &brows);
	add("slow, 90 days", mk, base, rows, 1.0, 0);

	memset(&f, 0, sizeof f);
	mk = mk_time(w, "abc", &f, RUNS, &rows);
	base = raw_time(h, "SELECT m.item_id, sum(m.value) FROM document d "
	    "CROSS JOIN movement m ON m.doc_id = d.id WHERE d.type = 'ISS' "
	    "GROUP BY m.item_id", RUNS, &brows);
	add("abc, all time", mk, base, rows, 1.0, 0);

	memset(&f, 0, sizeof f);
	f.at = "2025-06-30";
	mk = mk_time(w, "valuation", &f, RUNS, &rows);
	/* The plain aggregate: what moved after the date, per item. */
	base = raw_time(h, "SELECT m.item_id, sum(m.value) FROM document d "
	    "CROSS JOIN movement m ON m.doc_id = d.id WHERE "
	    "d.created_at > '2025-06-30T20:59:59.999Z' GROUP BY m.item_id",
	    RUNS, &brows);
	add("valuation --at 2025-06-30", mk, base, rows, 1.0, 0);

	/* An early date: forward from nothing, to the date. */
	memset(&f, 0, sizeof f);
	f.at = "2025-01-31";
	mk = mk_time(w, "valuation", &f, RUNS, &rows);
	base = raw_time(h, "SELECT m.item_id, sum(m.value) FROM document d "
	    "CROSS JOIN movement m ON m.doc_id = d.id WHERE "
	    "d.created_at <= '2025-01-31T20:59:59.999Z' GROUP BY m.item_id",
	    RUNS, &brows);
	add("valuation --at 2025-01-31", mk, base, rows, 1.0, 0);

	memset(&f, 0, sizeof f);
	mk = mk_time(w, "variance", &f, RUNS, &rows);
	base = raw_time(h, "SELECT c.expected, c.counted FROM count_line c",
	    RUNS, &brows);
	add("variance", mk, base, rows, 1.0, 0);

	memset(&f, 0, sizeof f);
	mk = mk_time(w, "transit", &f, RUNS, &rows);
	base = raw_time(h, "SELECT m.doc_id, sum(m.qty) FROM movement m "
	    "JOIN document d ON d.id = m.doc_id WHERE d.type = 'TRF' AND "
	    "d.status = 'in_transit' GROUP BY m.doc_id, m.item_id",
	    RUNS, &brows);
	add("transit", mk, base, rows, 1.0, 0);
	sqlite3_close(h);
}

static void
print_table(void)
{
	const struct result	*r;
	char			 tgt[32];
	int			 i, met;

	printf("\n%-28s %12s %12s %8s %8s  %-12s %s\n", "figure", "makhzan",
	    "plain SQL", "ratio", "rows", "target", "result");
	for (i = 0; i < 96; i++)
		putchar('-');
	putchar('\n');
	for (i = 0; i < nresults; i++) {
		r = &results[i];
		if (r->ratio_target) {
			snprintf(tgt, sizeof tgt, "<= %.0f x", r->target);
			met = r->mk / r->base <= r->target;
		} else {
			snprintf(tgt, sizeof tgt, "< %.0f ms",
			    r->target * 1000);
			met = r->mk < r->target;
		}
		printf("%-28s %9.2f ms %9.2f ms %8.2f %8ld  %-12s %s\n",
		    r->name, r->mk * 1000, r->base * 1000, r->mk / r->base,
		    r->rows, tgt, met ? "target met" : "TARGET MISSED");
	}
	printf("ratio = makhzan / plain SQL (times: lower is better); each "
	    "the best of %d runs, the card the mean of %d pages\n", RUNS,
	    CARD_RUNS);
}

int
main(void)
{
	const char	*dir = getenv("TMPDIR"), *keepdb;
	struct wms_err	 err;
	struct wms	*w;
	struct stat	 sb;
	long		 moves, nitems;
	int		 fresh;

	setvbuf(stdout, NULL, _IOLBF, 0);
	moves = env_long("MAKHZAN_BENCH_MOVES", BIG_MOVES, 10000);
	nitems = env_long("MAKHZAN_BENCH_ITEMS", BIG_ITEMS, 1000);
	nitems_g = nitems;
	if ((keepdb = getenv("MAKHZAN_BENCH_DB")) != NULL && *keepdb != '\0') {
		keep = 1;
		snprintf(tmpdir, sizeof tmpdir, "kept");
		snprintf(dbfile, sizeof dbfile, "%s", keepdb);
	} else {
		if (dir == NULL || *dir == '\0')
			dir = "/tmp";
		snprintf(tmpdir, sizeof tmpdir, "%s/makhzan-bench-XXXXXX",
		    dir);
		if (mkdtemp(tmpdir) == NULL)
			die("mkdtemp %s: %s", tmpdir, strerror(errno));
		snprintf(dbfile, sizeof dbfile, "%s/reports.db", tmpdir);
	}
	atexit(cleanup);
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	fresh = stat(dbfile, &sb) != 0;
	printf("reports on %ld movements over %ld items (%s)\n", moves,
	    nitems, fresh ? "building" : dbfile);
	if (fresh && wms_init(dbfile, BENCH_SITE, BENCH_ADMIN,
	    BENCH_PASSWORD, &err) != 0)
		die("wms_init %s: %s", dbfile, err.msg);
	if ((w = wms_open(dbfile, &err)) == NULL)
		die("wms_open %s: %s", dbfile, err.msg);
	if (wms_login_trusted(w, BENCH_ADMIN, &err) != 0)
		die("login: %s", err.msg);
	if (fresh)
		build(w, moves, nitems);
	wms_set_clock(w, BIG_EPOCH + 500L * 86400);
	bench(w, dbfile);
	wms_close(w);
	print_table();
	return 0;
}
