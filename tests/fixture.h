/*
 * Shared helpers of the unit tests: a temporary depot database with the
 * standard master data, postings, balances read with plain SQLite, and a
 * digest of every table.  Header-only: each test is one source file.
 */
#ifndef TESTS_FIXTURE_H
#define TESTS_FIXTURE_H

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <sodium.h>
#include <sqlite3.h>

#include "core/audit.h"
#include "lib/err.h"
#include "core/ledger.h"
#include "core/master.h"
#include "core/qty.h"
#include "core/wms.h"
#include "data/stmt.h"

/* Helpers a test binary does not use must not warn. */
#define FX_STATIC	static __attribute__((unused))

#define FX_SITE		"TST"
#define FX_ADMIN	"admin"
#define FX_PASSWORD	"password1"

/*
 * Audit entries the standard master data writes: init, 2 depots, 3
 * locations, 1 cost centre, 3 items, 1 unit, 3 users.
 */
#define FX_MASTER_WRITES	14

struct fx {
	char		 path[256];
	struct wms	*w;
	int64_t		 master_writes;	/* audit entries before the test */
	struct wms_err	 err;
};

/* Fail the test with the error's words when rc is not 0. */
#define fx_ok(expr, err) fx_ok_at((expr), (err), #expr, __FILE__, __LINE__)

FX_STATIC void
fx_ok_at(int rc, const struct wms_err *err, const char *what,
    const char *file, int line)
{
	if (rc != 0)
		fail_msg("%s:%d: %s failed (rc %d): %s", file, line, what, rc,
		    err != NULL ? err->msg : "");
}

/*
 * Expect expr to fail with code want and a message containing sub (when
 * sub is not NULL).
 */
#define fx_fails(expr, want, err, sub) \
	fx_fails_at((expr), (want), (err), (sub), #expr, __FILE__, __LINE__)

FX_STATIC void
fx_fails_at(int rc, int want, const struct wms_err *err, const char *sub,
    const char *what, const char *file, int line)
{
	if (rc != want)
		fail_msg("%s:%d: %s: rc %d, wanted %d (message: %s)", file,
		    line, what, rc, want, err != NULL ? err->msg : "");
	if (sub != NULL && (err == NULL || strstr(err->msg, sub) == NULL))
		fail_msg("%s:%d: %s: message \"%s\" does not contain \"%s\"",
		    file, line, what, err != NULL ? err->msg : "", sub);
}

/* A fresh name for a database under $TMPDIR or /tmp; the file is not there. */
FX_STATIC void
fx_tmp_path(char *out, size_t len, const char *tag)
{
	const char	*dir = getenv("TMPDIR");
	int		 fd;

	if (dir == NULL || *dir == '\0')
		dir = "/tmp";
	snprintf(out, len, "%s/makhzan-%s-XXXXXX", dir, tag);
	fd = mkstemp(out);
	if (fd == -1)
		fail_msg("mkstemp %s: %s", out, strerror(errno));
	close(fd);
	unlink(out);
}

/* Remove a database and its WAL and shared-memory files. */
FX_STATIC void
fx_unlink_db(const char *path)
{
	char p[300];

	unlink(path);
	snprintf(p, sizeof p, "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", path);
	unlink(p);
	snprintf(p, sizeof p, "%s-journal", path);
	unlink(p);
}

/* Open path and act as user (trusted login). */
FX_STATIC struct wms *
fx_open_as(const char *path, const char *user)
{
	struct wms_err	 err;
	struct wms	*w;

	wms_err_clear(&err);
	if ((w = wms_open(path, &err)) == NULL)
		fail_msg("wms_open %s: %s", path, err.msg);
	if (user != NULL && wms_login_trusted(w, user, &err) != 0)
		fail_msg("wms_login_trusted %s: %s", user, err.msg);
	return w;
}

/* Switch the acting user. */
FX_STATIC void
fx_as(struct wms *w, const char *user)
{
	struct wms_err err;

	if (wms_login_trusted(w, user, &err) != 0)
		fail_msg("wms_login_trusted %s: %s", user, err.msg);
}

/* A new database at a fresh path with only its admin, logged in as admin. */
FX_STATIC void
fx_create(struct fx *f)
{
	memset(f, 0, sizeof *f);
	fx_tmp_path(f->path, sizeof f->path, "test");
	if (wms_init(f->path, FX_SITE, FX_ADMIN, FX_PASSWORD, &f->err) != 0)
		fail_msg("wms_init %s: %s", f->path, f->err.msg);
	f->w = fx_open_as(f->path, FX_ADMIN);
	f->master_writes = 1;
}

FX_STATIC void
fx_add_item(struct fx *f, const char *code, const char *name_ar,
    const char *name_en, const char *uom, const char *tracking,
    int shelf_life, const char *barcode)
{
	struct db_item	it;
	char		*bc[1];

	memset(&it, 0, sizeof it);
	it.code = (char *)code;
	it.name_ar = (char *)name_ar;
	it.name_en = (char *)name_en;
	it.uom = (char *)uom;
	it.tracking = (char *)tracking;
	it.shelf_life = shelf_life;
	if (barcode != NULL) {
		bc[0] = (char *)barcode;
		it.barcodes = bc;
		it.nbarcodes = 1;
	}
	fx_ok(wms_item_add(f->w, &it, &f->err), &f->err);
	f->master_writes++;
}

/*
 * The standard master data: depots HMS and BNS, locations HMS/A/01,
 * HMS/A/02, BNS/A/01, cost centre CC-MAINT, items P-100 (EA, untracked,
 * barcode 6281000000017), CHM-BENT (KG, lot-tracked, 730 days, BAG = 25
 * KG), VLV-8 (EA, serial-tracked); users sk (storekeeper), sup
 * (supervisor) and aud (auditor), all with password FX_PASSWORD.
 */
FX_STATIC void
fx_master(struct fx *f)
{
	struct wms *w = f->w;

	fx_ok(wms_depot_add(w, "HMS", "مستودع حمص", "Homs depot", &f->err),
	    &f->err);
	fx_ok(wms_depot_add(w, "BNS", "مستودع بانياس", "Banias depot",
	    &f->err), &f->err);
	fx_ok(wms_location_add(w, "HMS/A/01", &f->err), &f->err);
	fx_ok(wms_location_add(w, "HMS/A/02", &f->err), &f->err);
	fx_ok(wms_location_add(w, "BNS/A/01", &f->err), &f->err);
	fx_ok(wms_cc_add(w, "CC-MAINT", "الصيانة", "Maintenance", &f->err),
	    &f->err);
	f->master_writes += 6;
	fx_add_item(f, "P-100", "مضخة", "Pump", "EA", "none", 0,
	    "6281000000017");
	fx_add_item(f, "CHM-BENT", "بنتونيت", "Bentonite", "KG", "lot", 730,
	    NULL);
	fx_add_item(f, "VLV-8", "صمام ٨ إنش", "Valve 8 inch", "EA", "serial",
	    0, NULL);
	fx_ok(wms_unit_add(w, "CHM-BENT", "BAG", 25000, &f->err), &f->err);
	fx_ok(wms_user_add(w, "sk", "storekeeper", FX_PASSWORD, &f->err),
	    &f->err);
	fx_ok(wms_user_add(w, "sup", "supervisor", FX_PASSWORD, &f->err),
	    &f->err);
	fx_ok(wms_user_add(w, "aud", "auditor", FX_PASSWORD, &f->err),
	    &f->err);
	f->master_writes += 4;
}

/* Copy a closed database file byte for byte to a new file (mode 0600). */
FX_STATIC void
fx_copy_file(const char *from, const char *to)
{
	char	buf[65536];
	ssize_t	n;
	int	in, out;

	if ((in = open(from, O_RDONLY)) == -1)
		fail_msg("open %s: %s", from, strerror(errno));
	if ((out = open(to, O_WRONLY | O_CREAT | O_EXCL, 0600)) == -1)
		fail_msg("create %s: %s", to, strerror(errno));
	while ((n = read(in, buf, sizeof buf)) > 0) {
		if (write(out, buf, (size_t)n) != n)
			fail_msg("write %s: %s", to, strerror(errno));
	}
	if (n < 0)
		fail_msg("read %s: %s", from, strerror(errno));
	close(in);
	close(out);
}

/*
 * The standard database is built once per test binary (argon2 makes users
 * slow to add) and copied for each test.
 */
static char	fx_template[256];

FX_STATIC void
fx_template_remove(void)
{
	if (fx_template[0] != '\0')
		fx_unlink_db(fx_template);
}

/* A new database with the standard master data, logged in as admin. */
FX_STATIC void
fx_standard(struct fx *f)
{
	struct fx t;

	if (fx_template[0] == '\0') {
		fx_create(&t);
		fx_master(&t);
		wms_close(t.w);
		if (t.master_writes != FX_MASTER_WRITES)
			fail_msg("the fixture counted %lld master writes",
			    (long long)t.master_writes);
		snprintf(fx_template, sizeof fx_template, "%s", t.path);
		atexit(fx_template_remove);
	}
	memset(f, 0, sizeof *f);
	fx_tmp_path(f->path, sizeof f->path, "test");
	fx_copy_file(fx_template, f->path);
	f->w = fx_open_as(f->path, FX_ADMIN);
	f->master_writes = FX_MASTER_WRITES;
}

/* Close and remove the database of f. */
FX_STATIC void
fx_destroy(struct fx *f)
{
	if (f == NULL)
		return;
	wms_close(f->w);
	f->w = NULL;
	if (f->path[0] != '\0')
		fx_unlink_db(f->path);
}

/* cmocka setup and teardown: *state is a struct fx. */
FX_STATIC int
fx_setup(void **state)
{
	struct fx *f;

	f = calloc(1, sizeof *f);
	assert_non_null(f);
	fx_standard(f);
	*state = f;
	return 0;
}

FX_STATIC int
fx_setup_bare(void **state)
{
	struct fx *f;

	f = calloc(1, sizeof *f);
	assert_non_null(f);
	fx_create(f);
	*state = f;
	return 0;
}

FX_STATIC int
fx_teardown(void **state)
{
	struct fx *f = *state;

	fx_destroy(f);
	free(f);
	*state = NULL;
	return 0;
}

/*
 * One-line documents.  lot may be NULL; cost is -1 for "none".  Adjustments
 * carry the reason "test".  number may be NULL.
 */
FX_STATIC int
fx_post1(struct wms *w, enum wms_doc_type type, const char *from,
    const char *to, const char *item, int64_t qty, const char *unit,
    const char *lot, const char *expiry, int64_t cost,
    char *number, struct wms_err *err)
{
	struct wms_doc	d;
	struct wms_line	l;
	char		num[WMS_NUMBER_MAX];

	memset(&d, 0, sizeof d);
	memset(&l, 0, sizeof l);
	d.type = type;
	d.from = from;
	d.to = to;
	if (type == WMS_DOC_ADJUST)
		d.reason = "test";
	l.item = item;
	l.qty = qty;
	l.unit = unit;
	l.lot = lot;
	l.expiry = expiry;
	l.cost = cost;
	return wms_post(w, &d, &l, 1, number != NULL ? number : num, err);
}

/* Receive qty (thousandths) of item at loc; fails the test if refused. */
FX_STATIC void
fx_receive(struct wms *w, const char *loc, const char *item, int64_t qty,
    const char *lot, const char *expiry)
{
	struct wms_err err;

	wms_err_clear(&err);
	fx_ok(fx_post1(w, WMS_DOC_RECEIPT, NULL, loc, item, qty, NULL, lot,
	    expiry, -1, NULL, &err), &err);
}

/* Receive serial numbers of a serial-tracked item at loc. */
FX_STATIC int
fx_receive_serials(struct wms *w, const char *loc, const char *item,
    const char *const *serials, size_t n, int64_t qty, char *number,
    struct wms_err *err)
{
	struct wms_doc	d;
	struct wms_line	l;
	char		num[WMS_NUMBER_MAX];

	memset(&d, 0, sizeof d);
	memset(&l, 0, sizeof l);
	d.type = WMS_DOC_RECEIPT;
	d.to = loc;
	l.item = item;
	l.qty = qty;
	l.serials = serials;
	l.nserials = n;
	l.cost = -1;
	return wms_post(w, &d, &l, 1, number != NULL ? number : num, err);
}

/* A scalar integer from SQL run with plain SQLite on the session's file. */
FX_STATIC int64_t
fx_int(struct wms *w, const char *fmt, ...)
{
	sqlite3		*h = db_handle(wms_db(w));
	sqlite3_stmt	*st;
	va_list		 ap;
	char		*sql;
	int64_t		 v = 0;

	va_start(ap, fmt);
	sql = sqlite3_vmprintf(fmt, ap);
	va_end(ap);
	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(h));
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_free(sql);
	return v;
}

/* A scalar text (malloc'd, "" for no row or NULL). */
FX_STATIC char *
fx_text(struct wms *w, const char *fmt, ...)
{
	sqlite3		*h = db_handle(wms_db(w));
	sqlite3_stmt	*st;
	va_list		 ap;
	char		*sql, *v;

	va_start(ap, fmt);
	sql = sqlite3_vmprintf(fmt, ap);
	va_end(ap);
	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(h));
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		v = strdup((const char *)sqlite3_column_text(st, 0));
	else
		v = strdup("");
	sqlite3_finalize(st);
	sqlite3_free(sql);
	return v;
}

/* Run SQL with plain SQLite; returns the SQLite result code. */
FX_STATIC int
fx_sql(struct wms *w, const char *fmt, ...)
{
	va_list	 ap;
	char	*sql;
	int	 rc;

	va_start(ap, fmt);
	sql = sqlite3_vmprintf(fmt, ap);
	va_end(ap);
	rc = sqlite3_exec(db_handle(wms_db(w)), sql, NULL, NULL, NULL);
	sqlite3_free(sql);
	return rc;
}

/* The balance of item/lot (NULL: no lot) at the location path. */
FX_STATIC int64_t
fx_balance(struct wms *w, const char *loc, const char *item, const char *lot)
{
	return fx_int(w, "SELECT coalesce(sum(b.qty), 0) FROM balance b "
	    "JOIN location l ON l.id = b.location_id JOIN item i ON "
	    "i.id = b.item_id LEFT JOIN lot t ON t.id = b.lot_id WHERE "
	    "l.path = %Q AND i.code = %Q AND (%Q IS NULL AND b.lot_id = 0 "
	    "OR t.code = %Q)", loc, item, lot, lot);
}

/* The sum of an item over every location, virtual ones included. */
FX_STATIC int64_t
fx_item_sum(struct wms *w, const char *item)
{
	return fx_int(w, "SELECT coalesce(sum(qty), 0) FROM balance WHERE "
	    "item_id = (SELECT id FROM item WHERE code = %Q)", item);
}

/*
 * A digest of the content of every table: "name:rows:hash;" for each, in
 * name order, so that a failing comparison names the table that changed.
 * Free the result.
 */
FX_STATIC char *
fx_snapshot(struct wms *w)
{
	sqlite3		*h = db_handle(wms_db(w));
	sqlite3_stmt	*tabs, *st;
	char		*out = NULL, *sql, *p, hex[17];
	size_t		 len = 0, k;
	int		 i, n, rows;

	if (sqlite3_prepare_v2(h, "SELECT name FROM sqlite_master WHERE "
	    "type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE "
	    "'CREATE VIRTUAL%' ORDER BY name", -1, &tabs, NULL) != SQLITE_OK)
		fail_msg("snapshot: %s", sqlite3_errmsg(h));
	out = calloc(1, 1);
	while (sqlite3_step(tabs) == SQLITE_ROW) {
		const char			*name;
		crypto_generichash_state	 hs;
		unsigned char			 dig[8];

		name = (const char *)sqlite3_column_text(tabs, 0);
		sql = sqlite3_mprintf("SELECT * FROM \"%w\"", name);
		if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
			fail_msg("snapshot %s: %s", name, sqlite3_errmsg(h));
		n = sqlite3_column_count(st);
		sqlite3_finalize(st);
		sqlite3_free(sql);
		sql = sqlite3_mprintf("SELECT * FROM \"%w\" ORDER BY 1", name);
		for (i = 2; i <= n; i++) {
			p = sqlite3_mprintf("%s, %d", sql, i);
			sqlite3_free(sql);
			sql = p;
		}
		if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
			fail_msg("snapshot %s: %s", sql, sqlite3_errmsg(h));
		sqlite3_free(sql);
		crypto_generichash_init(&hs, NULL, 0, sizeof dig);
		rows = 0;
		while (sqlite3_step(st) == SQLITE_ROW) {
			rows++;
			for (i = 0; i < n; i++) {
				unsigned char t;
				int bytes;

				t = (unsigned char)sqlite3_column_type(st, i);
				crypto_generichash_update(&hs, &t, 1);
				if (t == SQLITE_NULL)
					continue;
				if (t == SQLITE_BLOB) {
					const void *b = sqlite3_column_blob(st,
					    i);

					bytes = sqlite3_column_bytes(st, i);
					if (b != NULL)
						crypto_generichash_update(&hs,
						    b, (size_t)bytes);
				} else {
					const unsigned char *s =
					    sqlite3_column_text(st, i);

					bytes = sqlite3_column_bytes(st, i);
					crypto_generichash_update(&hs, s,
					    (size_t)bytes);
				}
				crypto_generichash_update(&hs,
				    (const unsigned char *)&bytes,
				    sizeof bytes);
			}
		}
		sqlite3_finalize(st);
		crypto_generichash_final(&hs, dig, sizeof dig);
		for (k = 0; k < sizeof dig; k++)
			snprintf(hex + 2 * k, 3, "%02x", dig[k]);
		p = sqlite3_mprintf("%s:%d:%s;", name, rows, hex);
		out = realloc(out, len + strlen(p) + 1);
		memcpy(out + len, p, strlen(p) + 1);
		len += strlen(p);
		sqlite3_free(p);
	}
	sqlite3_finalize(tabs);
	return out;
}

/* Assert that the database content equals the snapshot before. */
#define fx_unchanged(w, before) do { \
	char *fx_after_ = fx_snapshot(w); \
	assert_string_equal((before), fx_after_); \
	free(fx_after_); \
} while (0)

#endif
