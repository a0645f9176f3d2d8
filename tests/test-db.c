/*
 * Unit tests for data/db.c: statements, versions, creation, pragmas; and
 * the stock report's rows, which data/db-report-mgr.c joins in C.
 */
#include "tests/fixture.h"
#include "data/db-report.h"
#include "data/db-report-mgr.h"
#include "data/schema.h"
#include "lib/buf.h"

/* Run SQL on a file with plain SQLite, outside makhzan. */
static void
raw_exec(const char *path, const char *sql)
{
	sqlite3	*h = NULL;
	char	*msg = NULL;

	if (sqlite3_open(path, &h) != SQLITE_OK)
		fail_msg("open %s: %s", path, sqlite3_errmsg(h));
	if (sqlite3_exec(h, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", sql, msg);
	sqlite3_close(h);
}

/* A scalar integer read with plain SQLite. */
static int64_t
raw_int(const char *path, const char *sql)
{
	sqlite3		*h = NULL;
	sqlite3_stmt	*st;
	int64_t		 v = -1;

	if (sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		fail_msg("open %s: %s", path, sqlite3_errmsg(h));
	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(h));
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	return v;
}

static int64_t
conn_int(struct db *db, const char *sql)
{
	sqlite3_stmt	*st;
	int64_t		 v = -1;

	if (sqlite3_prepare_v2(db_handle(db), sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db_handle(db)));
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* The whole content of a file (free it), its length in *len. */
static char *
slurp(const char *path, size_t *len)
{
	FILE	*fp;
	char	*buf;
	long	 n;

	if ((fp = fopen(path, "rb")) == NULL)
		fail_msg("fopen %s: %s", path, strerror(errno));
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	fseek(fp, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	if (n > 0 && fread(buf, 1, (size_t)n, fp) != (size_t)n)
		fail_msg("fread %s", path);
	fclose(fp);
	*len = (size_t)n;
	return buf;
}

/* Whether n appears in s as a whole number (not inside another one). */
static int
has_number(const char *s, int n)
{
	char		num[24];
	const char	*p;
	size_t		len;

	len = (size_t)snprintf(num, sizeof num, "%d", n);
	for (p = strstr(s, num); p != NULL; p = strstr(p + 1, num)) {
		if ((p == s || p[-1] < '0' || p[-1] > '9') &&
		    (p[len] < '0' || p[len] > '9'))
			return 1;
	}
	return 0;
}

/* A new empty database made by db_open(DB_CREATE) and closed again. */
static void
make_db(char *path, size_t len)
{
	struct wms_err	 err;
	struct db	*db;

	fx_tmp_path(path, len, "db");
	if ((db = db_open(path, DB_CREATE, &err)) == NULL)
		fail_msg("db_open %s: %s", path, err.msg);
	db_close(db);
}

static void
db_stmt__every_statement__prepares(void **state)
{
	const struct db_stmt_table	*t;
	struct wms_err			 err;
	struct db			*db;
	char				 path[256];
	int				 i, k, seen[DB_NFAMILY], total = 0;

	(void)state;
	memset(seen, 0, sizeof seen);
	fx_tmp_path(path, sizeof path, "db");
	if ((db = db_open(path, DB_CREATE, &err)) == NULL)
		fail_msg("db_open %s: %s", path, err.msg);
	for (k = 0; (t = db_all_tables[k]) != NULL; k++) {
		assert_non_null(t->name);
		assert_in_range(t->family, 0, DB_NFAMILY - 1);
		if (seen[t->family]++)
			fail_msg("family %d (%s) listed twice", t->family,
			    t->name);
		assert_true(t->n > 0);
		for (i = 0; i < t->n; i++) {
			if (t->sql[i] == NULL)
				fail_msg("%s statement %d has no SQL", t->name,
				    i);
			wms_err_clear(&err);
			if (db_stmt(db, t, i, &err) == NULL)
				fail_msg("%s statement %d does not prepare: "
				    "%s\n%s", t->name, i, err.msg, t->sql[i]);
			/* The second call takes the cached statement. */
			assert_non_null(db_stmt(db, t, i, &err));
			total++;
		}
	}
	for (k = 0; k < DB_NFAMILY; k++) {
		if (!seen[k])
			fail_msg("family %d has no statement table", k);
	}
	assert_true(total > 40);
	db_close(db);
	fx_unlink_db(path);
}

/* How many temporary b-trees the program of sql opens (OpenEphemeral). */
static int
ephemeral_tables(struct db *db, const char *sql)
{
	sqlite3_stmt	*st;
	char		 ex[4096];
	const char	*op;
	int		 n = 0;

	snprintf(ex, sizeof ex, "EXPLAIN %s", sql);
	if (sqlite3_prepare_v2(db_handle(db), ex, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", ex, sqlite3_errmsg(db_handle(db)));
	while (sqlite3_step(st) == SQLITE_ROW) {
		op = (const char *)sqlite3_column_text(st, 1);
		if (op != NULL && strcmp(op, "OpenEphemeral") == 0)
			n++;
	}
	sqlite3_finalize(st);
	return n;
}

/*
 * A posting's writes build no temporary b-tree: SQLite builds and frees
 * one on every run for an IN list of three values or more (in a CHECK
 * too) and for RETURNING, and a one-line posting spent a quarter of its
 * time on them (issue 9, make bench).
 */
static void
db_stmt__posting_writes__no_temporary_btree(void **state)
{
	static const char *const written[] = { "document", "movement",
	    "balance", "item_cost", "counter", "outbox", "audit" };
	const struct db_stmt_table	*t;
	struct wms_err			 err;
	struct db			*db;
	char				 path[256], ins[64], upd[64];
	size_t				 w;
	int				 i, k, checked = 0;

	(void)state;
	fx_tmp_path(path, sizeof path, "db");
	if ((db = db_open(path, DB_CREATE, &err)) == NULL)
		fail_msg("db_open %s: %s", path, err.msg);
	for (k = 0; (t = db_all_tables[k]) != NULL; k++) {
		/* The statements of a posting (a renumber may build some). */
		if (strcmp(t->name, "ledger") != 0 &&
		    strcmp(t->name, "audit") != 0)
			continue;
		for (i = 0; i < t->n; i++) {
			for (w = 0; w < sizeof written / sizeof written[0];
			    w++) {
				snprintf(ins, sizeof ins, "INSERT INTO %s(",
				    written[w]);
				snprintf(upd, sizeof upd, "UPDATE %s SET",
				    written[w]);
				if (strncmp(t->sql[i], ins, strlen(ins)) != 0 &&
				    strncmp(t->sql[i], upd, strlen(upd)) != 0)
					continue;
				checked++;
				if (ephemeral_tables(db, t->sql[i]) != 0)
					fail_msg("%s statement %d builds a "
					    "temporary b-tree on every run: %s",
					    t->name, i, t->sql[i]);
			}
		}
	}
	/* document, movement, balance, cost, both counters, outbox, audit */
	assert_true(checked >= 8);
	/* The check can fail: an IN list of three does build one. */
	assert_int_equal(ephemeral_tables(db, "UPDATE counter SET value = 1 "
	    "WHERE name IN ('a', 'b', 'c')"), 1);
	db_close(db);
	fx_unlink_db(path);
}

/* The bytes of a file, for "left as it was". */
static char *
file_bytes(const char *path, size_t *len)
{
	FILE	*f;
	char	*buf;
	long	 n;

	if ((f = fopen(path, "rb")) == NULL)
		fail_msg("cannot read %s", path);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	*len = fread(buf, 1, (size_t)n, f);
	fclose(f);
	return buf;
}

static void
db_open__newer_schema__refused_naming_both_versions(void **state)
{
	struct wms_err	 err;
	struct db	*db;
	char		 path[256], sql[64], msg[sizeof err.msg], *p;
	char		*before, *after;
	size_t		 nbefore, nafter;
	int		 newer = db_schema_version() + 9730;

	(void)state;
	make_db(path, sizeof path);
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d", newer);
	raw_exec(path, sql);
	/* In rollback mode, so that a journal_mode pragma would show. */
	raw_exec(path, "PRAGMA journal_mode = DELETE");
	before = file_bytes(path, &nbefore);
	wms_err_clear(&err);
	db = db_open(path, 0, &err);
	assert_null(db);
	assert_int_equal(err.rc, WMS_ERR_CORRUPT);
	/* Look for the numbers outside the (random) file name. */
	snprintf(msg, sizeof msg, "%s", err.msg);
	while ((p = strstr(msg, path)) != NULL)
		memset(p, '_', strlen(path));
	if (!has_number(msg, newer) || !has_number(msg,
	    db_schema_version()))
		fail_msg("message does not name versions %d and %d: %s",
		    newer, db_schema_version(), err.msg);
	/* Refused, and the file left byte for byte as it was. */
	after = file_bytes(path, &nafter);
	assert_int_equal(nbefore, nafter);
	assert_memory_equal(before, after, nbefore);
	free(before);
	free(after);
	assert_int_equal(raw_int(path, "PRAGMA user_version"), newer);
	fx_unlink_db(path);
}

/* A database as the first schema made it: migration 0001 only. */
static void
make_db_v1(const char *path)
{
	char sql[64];

	assert_true(db_nmigrations >= 2);
	raw_exec(path, db_migrations[0].sql);
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d",
	    db_migrations[0].version);
	raw_exec(path, sql);
}

/* sql fails on a CHECK constraint. */
static void
refused_by_check(struct db *db, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(db_handle(db), sql, NULL, NULL, &msg) == SQLITE_OK ||
	    msg == NULL || strstr(msg, "CHECK constraint failed") == NULL)
		fail_msg("%s: should fail on a CHECK, not \"%s\"", sql,
		    msg != NULL ? msg : "ok");
	sqlite3_free(msg);
}

static void
db_open__older_schema__migrated(void **state)
{
	struct wms_err	 err;
	struct db	*db;
	char		 path[256];

	(void)state;
	fx_tmp_path(path, sizeof path, "db");
	make_db_v1(path);
	raw_exec(path, "INSERT INTO meta VALUES('site', 'OLD')");
	raw_exec(path, "INSERT INTO item_fts(rowid, code, barcodes, name_ar, "
	    "name_en) VALUES(7, 'p-1', '', 'مضخه', 'pump')");
	wms_err_clear(&err);
	if ((db = db_open(path, 0, &err)) == NULL)
		fail_msg("db_open %s: %s", path, err.msg);
	assert_int_equal(conn_int(db, "PRAGMA user_version"),
	    db_schema_version());
	/* What 0002 adds is there, and what was in the file is kept. */
	assert_int_equal(conn_int(db, "SELECT count(*) FROM sqlite_master "
	    "WHERE name = 'lot_expiry'"), 1);
	assert_int_equal(conn_int(db, "SELECT count(*) FROM meta WHERE "
	    "value = 'OLD'"), 1);
	/* 0005 moved the folded names to the new index. */
	assert_int_equal(conn_int(db, "SELECT rowid FROM item_names WHERE "
	    "item_names MATCH '\"pu\"*'"), 7);
	assert_int_equal(conn_int(db, "SELECT count(*) FROM sqlite_master "
	    "WHERE name = 'item_fts'"), 0);
	/*
	 * 0015 wrote the CHECKs of document and outbox without IN lists, and
	 * they refuse what they refused.
	 */
	assert_int_equal(conn_int(db, "SELECT count(*) FROM sqlite_master "
	    "WHERE name IN ('document', 'outbox') AND (instr(sql, ' IN (') "
	    "OR instr(sql, 'OR') = 0)"), 0);
	assert_int_equal(conn_int(db, "SELECT count(*) FROM sqlite_master "
	    "WHERE name = 'document' AND instr(sql, 'type = ''RTN''') AND "
	    "instr(sql, 'status = ''open''')"), 1);
	refused_by_check(db, "INSERT INTO outbox(seq, event_id, type, "
	    "subject, payload, created_at, state) VALUES(1, 'e', 't', 's', "
	    "'{}', 'now', 'lost')");
	refused_by_check(db, "INSERT INTO document(number, type, depot_id, "
	    "status, created_at, user_id) VALUES('X', 'XXX', 1, 'posted', "
	    "'now', 1)");
	refused_by_check(db, "INSERT INTO document(number, type, depot_id, "
	    "status, created_at, user_id) VALUES('X', 'RTN', 1, 'lost', "
	    "'now', 1)");
	assert_int_equal(sqlite3_exec(db_handle(db), "INSERT INTO outbox(seq, "
	    "event_id, type, subject, payload, created_at, state) VALUES(1, "
	    "'e', 't', 's', '{}', 'now', 'parked')", NULL, NULL, NULL),
	    SQLITE_OK);
	db_close(db);
	/* Opening again does not migrate twice. */
	if ((db = db_open(path, 0, &err)) == NULL)
		fail_msg("db_open again %s: %s", path, err.msg);
	assert_int_equal(conn_int(db, "SELECT count(*) FROM counter"), 2);
	db_close(db);
	fx_unlink_db(path);
}

static void
db_open__failing_migration__refused_and_unchanged(void **state)
{
	struct wms_err	 err;
	struct db	*db;
	char		 path[256];

	(void)state;
	fx_tmp_path(path, sizeof path, "db");
	make_db_v1(path);
	/* An object the second migration creates is already there. */
	raw_exec(path, "CREATE TABLE lot_expiry(x); "
	    "INSERT INTO lot_expiry VALUES(7)");
	wms_err_clear(&err);
	db = db_open(path, 0, &err);
	assert_null(db);
	assert_int_equal(err.rc, WMS_ERR_DB);
	if (strstr(err.msg, db_migrations[1].name) == NULL ||
	    strstr(err.msg, "unchanged") == NULL ||
	    strstr(err.msg, "already a table named lot_expiry") == NULL)
		fail_msg("message should name the migration, say the file is "
		    "unchanged and give SQLite's reason: \"%s\"", err.msg);
	assert_int_equal(raw_int(path, "PRAGMA user_version"),
	    db_migrations[0].version);
	assert_int_equal(raw_int(path, "SELECT x FROM lot_expiry"), 7);
	fx_unlink_db(path);
}

static void
db_open__schema_zero__refused_and_file_unchanged(void **state)
{
	struct wms_err	 err;
	struct db	*db;
	char		 path[256], *before, *after;
	size_t		 nbefore, nafter;

	(void)state;
	fx_tmp_path(path, sizeof path, "db");
	/* Another program's database, in rollback mode. */
	raw_exec(path, "PRAGMA journal_mode = DELETE; CREATE TABLE t(x); "
	    "INSERT INTO t VALUES(1)");
	before = file_bytes(path, &nbefore);
	wms_err_clear(&err);
	db = db_open(path, 0, &err);
	assert_null(db);
	assert_int_equal(err.rc, WMS_ERR_CORRUPT);
	assert_non_null(strstr(err.msg, "not a makhzan database"));
	after = file_bytes(path, &nafter);
	assert_int_equal(nbefore, nafter);
	assert_memory_equal(before, after, nbefore);
	free(before);
	free(after);
	fx_unlink_db(path);
}

static void
db_open__missing_file__notfound_and_not_created(void **state)
{
	struct wms_err	 err;
	char		 path[256];

	(void)state;
	fx_tmp_path(path, sizeof path, "db");
	wms_err_clear(&err);
	assert_null(db_open(path, 0, &err));
	assert_int_equal(err.rc, WMS_ERR_NOTFOUND);
	assert_non_null(strstr(err.msg, path));
	assert_int_equal(access(path, F_OK), -1);
}

static void
db_open__create_existing_file__refused_and_intact(void **state)
{
	struct wms_err	 err;
	char		 path[256], *before, *after;
	size_t		 nb, na;
	FILE		*fp;

	(void)state;
	fx_tmp_path(path, sizeof path, "db");
	assert_non_null(fp = fopen(path, "w"));
	fputs("not a database, but somebody's file\n", fp);
	fclose(fp);
	before = slurp(path, &nb);
	wms_err_clear(&err);
	assert_null(db_open(path, DB_CREATE, &err));
	assert_int_equal(err.rc, WMS_ERR_CONFLICT);
	assert_non_null(strstr(err.msg, path));
	after = slurp(path, &na);
	assert_int_equal(na, nb);
	assert_memory_equal(before, after, nb);
	free(before);
	free(after);
	fx_unlink_db(path);

	/* A real database is left alone too. */
	make_db(path, sizeof path);
	raw_exec(path, "PRAGMA wal_checkpoint(TRUNCATE)");
	before = slurp(path, &nb);
	assert_null(db_open(path, DB_CREATE, &err));
	assert_int_equal(err.rc, WMS_ERR_CONFLICT);
	after = slurp(path, &na);
	assert_int_equal(na, nb);
	assert_memory_equal(before, after, nb);
	free(before);
	free(after);
	fx_unlink_db(path);
}

static void
db_open__create__mode_0600(void **state)
{
	struct wms_err	 err;
	struct db	*db;
	struct stat	 sb;
	char		 path[256], wal[300];
	mode_t		 old;

	(void)state;
	fx_tmp_path(path, sizeof path, "db");
	old = umask(0);
	db = db_open(path, DB_CREATE, &err);
	umask(old);
	if (db == NULL)
		fail_msg("db_open %s: %s", path, err.msg);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0600);
	/* The write-ahead log holds the same data: same mode. */
	snprintf(wal, sizeof wal, "%s-wal", path);
	if (stat(wal, &sb) == 0)
		assert_int_equal(sb.st_mode & 07777, 0600);
	db_close(db);
	fx_unlink_db(path);
}

static void
db_open__pragmas__wal_foreign_keys_full_sync(void **state)
{
	struct wms_err	 err;
	struct db	*db;
	sqlite3_stmt	*st;
	char		 path[256];

	(void)state;
	make_db(path, sizeof path);
	if ((db = db_open(path, 0, &err)) == NULL)
		fail_msg("db_open %s: %s", path, err.msg);
	assert_int_equal(sqlite3_prepare_v2(db_handle(db),
	    "PRAGMA journal_mode", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "wal");
	sqlite3_finalize(st);
	assert_int_equal(conn_int(db, "PRAGMA foreign_keys"), 1);
	assert_int_equal(conn_int(db, "PRAGMA synchronous"), 2);
	assert_string_equal(db_path(db), path);
	db_close(db);
	/* WAL is a property of the file: a plain connection sees it too. */
	assert_int_equal(raw_int(path, "SELECT journal_mode = 'wal' FROM "
	    "pragma_journal_mode"), 1);
	fx_unlink_db(path);
}

static void
db_open__foreign_keys__enforced(void **state)
{
	struct wms_err	 err;
	struct db	*db;
	char		 path[256];

	(void)state;
	make_db(path, sizeof path);
	if ((db = db_open(path, 0, &err)) == NULL)
		fail_msg("db_open %s: %s", path, err.msg);
	assert_int_equal(db_exec(db, "INSERT INTO item_barcode(barcode, "
	    "item_id) VALUES('12345678', 999)", &err), WMS_ERR_CONFLICT);
	assert_int_equal(conn_int(db, "SELECT count(*) FROM item_barcode"),
	    0);
	db_close(db);
	fx_unlink_db(path);
}

static void
movement__update_and_delete__refused(void **state)
{
	struct fx	*f = *state;
	sqlite3		*h = db_handle(wms_db(f->w));
	char		*before, *after;

	fx_receive(f->w, "HMS/A/01", "P-100", 5000, NULL, NULL);
	assert_int_equal(fx_int(f->w, "SELECT count(*) FROM movement"), 1);
	before = fx_text(f->w, "SELECT group_concat(id || '/' || qty || '/' "
	    "|| from_loc || '/' || to_loc) FROM movement");

	assert_int_equal(fx_sql(f->w, "UPDATE movement SET qty = 9000") &
	    0xff, SQLITE_CONSTRAINT);
	assert_non_null(strstr(sqlite3_errmsg(h), "append-only"));
	assert_int_equal(fx_sql(f->w, "UPDATE movement SET to_loc = from_loc, "
	    "from_loc = to_loc") & 0xff, SQLITE_CONSTRAINT);
	assert_int_equal(fx_sql(f->w, "DELETE FROM movement") & 0xff,
	    SQLITE_CONSTRAINT);
	assert_non_null(strstr(sqlite3_errmsg(h), "append-only"));

	after = fx_text(f->w, "SELECT group_concat(id || '/' || qty || '/' "
	    "|| from_loc || '/' || to_loc) FROM movement");
	assert_string_equal(before, after);
	free(before);
	free(after);
}

static void
db_begin__immediate__not_nestable_and_rolls_back(void **state)
{
	struct wms_err	 err;
	struct db	*db;
	char		 path[256];

	(void)state;
	make_db(path, sizeof path);
	if ((db = db_open(path, 0, &err)) == NULL)
		fail_msg("db_open %s: %s", path, err.msg);
	assert_int_equal(db_in_tx(db), 0);
	fx_ok(db_begin(db, &err), &err);
	assert_int_equal(db_in_tx(db), 1);
	assert_int_equal(db_begin(db, &err), WMS_ERR_DB);
	fx_ok(db_exec(db, "INSERT INTO meta(key, value) VALUES('k', 'v')",
	    &err), &err);
	db_rollback(db);
	assert_int_equal(db_in_tx(db), 0);
	assert_int_equal(conn_int(db,
	    "SELECT count(*) FROM meta WHERE key = 'k'"), 0);
	fx_ok(db_begin(db, &err), &err);
	fx_ok(db_exec(db, "INSERT INTO meta(key, value) VALUES('k', 'v')",
	    &err), &err);
	fx_ok(db_commit(db, &err), &err);
	assert_int_equal(db_in_tx(db), 0);
	db_close(db);
	assert_int_equal(raw_int(path,
	    "SELECT count(*) FROM meta WHERE key = 'k'"), 1);
	fx_unlink_db(path);
}

/* A stock row as a line of text: NULL as "-". */
static int
stock_line(const struct db_rep_stock *s, void *arg)
{
#define T(x) ((x) != NULL ? (x) : "-")
	wms_buf_addf(arg, "%s|%s|%s|%s|%s|%s|%s|%lld|%s|%lld\n", T(s->depot),
	    T(s->location), T(s->category), T(s->item), T(s->name_ar),
	    T(s->name_en), T(s->lot), (long long)s->qty, T(s->uom),
	    (long long)s->avg_milli);
#undef T
	return 0;
}

/*
 * The rows of sql on w's connection, its columns joined by '|' (NULL as
 * "-"), a line each, into out: ?1 bound to the depot (its code dtext, or
 * its id did; NULL if neither), ?2 to prefix.
 */
static void
sql_lines(struct wms *w, const char *sql, const char *dtext, int64_t did,
    const char *prefix, struct wms_buf *out)
{
	sqlite3_stmt	*st;
	const char	*t;
	int		 c;

	wms_buf_reset(out);
	if (sqlite3_prepare_v2(db_handle(wms_db(w)), sql, -1, &st, NULL) !=
	    SQLITE_OK)
		fail_msg("prepare: %s", sqlite3_errmsg(db_handle(wms_db(w))));
	if (dtext != NULL)
		sqlite3_bind_text(st, 1, dtext, -1, SQLITE_STATIC);
	else if (did != 0)
		sqlite3_bind_int64(st, 1, did);
	if (prefix != NULL)
		sqlite3_bind_text(st, 2, prefix, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW)
		for (c = 0; c < sqlite3_column_count(st); c++) {
			t = (const char *)sqlite3_column_text(st, c);
			wms_buf_addf(out, "%s%c", t != NULL ? t : "-",
			    c + 1 < sqlite3_column_count(st) ? '|' : '\n');
		}
	sqlite3_finalize(st);
}

/* got and want hold the same lines, in the same order. */
static void
same_lines(const struct wms_buf *got, const struct wms_buf *want)
{
	assert_string_equal(got->data != NULL ? got->data : "",
	    want->data != NULL ? want->data : "");
}

/* How many lines b holds. */
static size_t
nlines(const struct wms_buf *b)
{
	const char	*p;
	size_t		 n = 0;

	for (p = b->data; p != NULL && *p != '\0'; p++)
		n += *p == '\n';
	return n;
}

/* The rows of the one SQL join the stock report had, in its order. */
static void
stock_by_sql(struct wms *w, const struct db_rep_filter *f,
    struct wms_buf *out)
{
	static const char sql[] = "SELECT d.code, l.path, i.category, "
	    "i.code, i.name_ar, i.name_en, lot.code, b.qty, i.uom, "
	    "coalesce(c.avg_milli, 0) FROM balance b "
	    "JOIN location l ON l.id = b.location_id "
	    "JOIN depot d ON d.id = l.depot_id "
	    "JOIN item i ON i.id = b.item_id "
	    "LEFT JOIN lot ON lot.id = b.lot_id "
	    "LEFT JOIN item_cost c ON c.item_id = b.item_id AND "
	    "c.depot_id = l.depot_id "
	    "WHERE l.kind = 'internal' AND b.qty <> 0 AND "
	    "(?1 IS NULL OR l.depot_id = ?1) AND (?2 IS NULL OR l.path = ?2 OR "
	    "substr(l.path, 1, length(?2) + 1) = ?2 || '/') "
	    "ORDER BY d.code, l.path, i.code, lot.code";

	sql_lines(w, sql, NULL, f->depot, f->prefix, out);
}

/* db_rep_stock_each's rows and the SQL join's, for a few filters. */
static void
stock_same(struct fx *f, int64_t hms, size_t want_rows)
{
	struct db_rep_filter	 flt[4];
	struct wms_buf		 got = { 0 }, want = { 0 };
	size_t			 k;

	memset(flt, 0, sizeof flt);
	flt[1].depot = hms;
	flt[2].prefix = "HMS/A";
	flt[3].depot = hms;
	flt[3].prefix = "HMS/A/02";
	for (k = 0; k < 4; k++) {
		wms_buf_reset(&got);
		fx_ok(db_rep_stock_each(wms_db(f->w), &flt[k], stock_line,
		    &got, &f->err), &f->err);
		stock_by_sql(f->w, &flt[k], &want);
		same_lines(&got, &want);
	}
	/* The whole stock: as many rows as the test put there. */
	stock_by_sql(f->w, &flt[0], &want);
	assert_int_equal(nlines(&want), want_rows);
	wms_buf_free(&got);
	wms_buf_free(&want);
}

/*
 * The stock report's rows, joined in C (arrays by id, rows put in order by
 * ranks), are the SQL join's, in its order: depot code, path, item code,
 * lot code with none first.  With ids as SQLite hands them out, then with
 * ids billions apart (the index by id is then a sorted one, not an array)
 * and lots whose codes sort against their ids.
 */
static void
rep_stock__joined_in_c__as_the_sql_join(void **state)
{
	static const char *const serials[] = { "S2", "S1" };
	struct fx	*f = *state;
	char		 sql[2048];
	int64_t		 hms, a01;

	fx_ok(fx_post1(f->w, WMS_DOC_RECEIPT, NULL, "HMS/A/01", "P-100",
	    5000, NULL, NULL, NULL, 1250, NULL, &f->err), &f->err);
	fx_ok(fx_post1(f->w, WMS_DOC_RECEIPT, NULL, "BNS/A/01", "P-100",
	    2000, NULL, NULL, NULL, 1300, NULL, &f->err), &f->err);
	fx_receive(f->w, "HMS/A/02", "CHM-BENT", 75000, "L9", "2027-01-01");
	fx_receive(f->w, "HMS/A/02", "CHM-BENT", 25000, "L10", "2027-02-01");
	fx_receive(f->w, "HMS/A/01", "CHM-BENT", 25000, "L10", "2027-02-01");
	fx_ok(fx_receive_serials(f->w, "HMS/A/02", "VLV-8", serials, 2,
	    2000, NULL, &f->err), &f->err);
	hms = fx_int(f->w, "SELECT id FROM depot WHERE code = 'HMS'");
	a01 = fx_int(f->w, "SELECT id FROM location WHERE path = 'HMS/A/01'");
	stock_same(f, hms, 7);
	/* Ids far apart, written straight into the tables. */
	snprintf(sql, sizeof sql,
	    "INSERT INTO item(id, code, name_ar, name_en, category, uom, "
	    "created_at) VALUES (5000000000, 'A-BIG', 'كبير', 'Big', 'x', "
	    "'EA', '2026-01-01T00:00:00.000Z');"
	    "INSERT INTO location(id, depot_id, path, kind) VALUES "
	    "(7000000000, %lld, 'HMS/A/00', 'internal');"
	    "INSERT INTO lot(id, item_id, code) VALUES (6000000000, "
	    "5000000000, 'AA'), (6000000001, 5000000000, 'A');"
	    "INSERT INTO balance(location_id, item_id, lot_id, qty) VALUES "
	    "(7000000000, 5000000000, 6000000000, 3000), "
	    "(7000000000, 5000000000, 6000000001, 4000), "
	    "(7000000000, 5000000000, 0, 1000), "
	    "(%lld, 5000000000, 0, 2000), (%lld, 5000000000, 6000000000, 0);"
	    "INSERT INTO item_cost(item_id, depot_id, value, avg_milli) "
	    "VALUES (5000000000, %lld, 25, 2500);", (long long)hms,
	    (long long)a01, (long long)a01, (long long)hms);
	if (sqlite3_exec(db_handle(wms_db(f->w)), sql, NULL, NULL, NULL) !=
	    SQLITE_OK)
		fail_msg("%s", sqlite3_errmsg(db_handle(wms_db(f->w))));
	stock_same(f, hms, 11);
}

/* A row of makhzan stock as a line of text: NULL as "-". */
static int
onhand_line(const struct db_report_stock *s, void *arg)
{
#define T(x) ((x) != NULL ? (x) : "-")
	wms_buf_addf(arg, "%s|%s|%s|%s|%lld|%s|%s|%s|%s|%lld\n", T(s->depot),
	    T(s->location), T(s->item), T(s->lot), (long long)s->qty,
	    T(s->uom), T(s->name_ar), T(s->name_en), T(s->expiry),
	    (long long)s->avg_milli);
#undef T
	return 0;
}

/*
 * The rows of the SQL join makhzan stock had, in its order, and the
 * average cost if f asks for costs (else 0).
 */
static void
onhand_by_sql(struct wms *w, const struct db_report_stock_filter *f,
    struct wms_buf *out)
{
	static const char fmt[] = "SELECT d.code, l.path, i.code, lot.code, "
	    "b.qty, i.uom, i.name_ar, i.name_en, lot.expiry, "
	    "%s FROM balance b "
	    "JOIN location l ON l.id = b.location_id "
	    "JOIN item i ON i.id = b.item_id "
	    "JOIN depot d ON d.id = l.depot_id "
	    "LEFT JOIN lot ON lot.id = b.lot_id "
	    "LEFT JOIN item_cost c ON c.item_id = b.item_id AND "
	    "c.depot_id = l.depot_id "
	    "WHERE l.kind = 'internal' AND b.qty <> 0 AND "
	    "(?1 IS NULL OR d.code = ?1) AND (?2 IS NULL OR l.path = ?2 OR "
	    "substr(l.path, 1, length(?2) + 1) = ?2 || '/') "
	    "ORDER BY d.code, l.path, i.code, lot.code";
	char sql[sizeof fmt + 32];

	snprintf(sql, sizeof sql, fmt, f->costs ? "coalesce(c.avg_milli, 0)" :
	    "0");
	sql_lines(w, sql, f->depot, 0, f->prefix, out);
}

/*
 * makhzan stock's rows (db_report_stock_each without an item: the stock
 * report's join in C) are the SQL join's it replaced, row for row and in
 * its order (depot code, path, item code, lot code with none first, each
 * by bytes), over several depots, Arabic and mixed-case paths, lots and
 * untracked stock, item codes against their ids, a lot with and one
 * without an expiry, average costs of some items at some depots (none
 * elsewhere), a negative balance and a zero one, and filters by
 * depot, prefix, both, and a depot that does not exist.
 */
static void
report_stock__whole_stock_joined_in_c__as_the_sql_join(void **state)
{
	static const char *const serials[] = { "S2", "S1" };
	static const struct db_report_stock_filter flt[] = {
		{ .depot = NULL },
		{ .depot = "HMS" },
		{ .depot = "BNS" },
		{ .depot = "ALP" },
		{ .depot = "NONE" },
		{ .prefix = "HMS/A" },
		{ .prefix = "HMS/مخزن" },
		{ .prefix = "HMS/مخزن/ب" },
		{ .depot = "HMS", .prefix = "HMS/A/02" },
		{ .depot = "BNS", .prefix = "HMS/A" },
		{ .prefix = "HMS/A/0" },
	};
	struct fx			*f = *state;
	struct db_report_stock_filter	 one;
	struct wms_buf			 got = { 0 }, want = { 0 };
	char				 sql[4096];
	int64_t				 hms, bns, a01;
	size_t				 k;

	fx_ok(fx_post1(f->w, WMS_DOC_RECEIPT, NULL, "HMS/A/01", "P-100",
	    5000, NULL, NULL, NULL, 1250, NULL, &f->err), &f->err);
	fx_ok(fx_post1(f->w, WMS_DOC_RECEIPT, NULL, "BNS/A/01", "P-100",
	    2000, NULL, NULL, NULL, 1300, NULL, &f->err), &f->err);
	fx_receive(f->w, "HMS/A/02", "CHM-BENT", 75000, "L9", "2027-01-01");
	fx_receive(f->w, "HMS/A/02", "CHM-BENT", 25000, "L10", NULL);
	fx_receive(f->w, "BNS/A/01", "CHM-BENT", 25000, "L10", NULL);
	fx_ok(fx_receive_serials(f->w, "HMS/A/02", "VLV-8", serials, 2,
	    2000, NULL, &f->err), &f->err);
	hms = fx_int(f->w, "SELECT id FROM depot WHERE code = 'HMS'");
	bns = fx_int(f->w, "SELECT id FROM depot WHERE code = 'BNS'");
	a01 = fx_int(f->w, "SELECT id FROM location WHERE path = 'HMS/A/01'");
	/*
	 * Written straight into the tables: a depot whose code sorts first,
	 * Arabic and lower-case paths (after the upper-case ones by bytes),
	 * an item added last whose code sorts first, lots whose codes sort
	 * against their ids, untracked stock beside lots.
	 */
	snprintf(sql, sizeof sql,
	    "INSERT INTO depot(id, code, name_ar, name_en) VALUES "
	    "(900, 'ALP', 'ألف', 'Alpha');"
	    "INSERT INTO location(id, depot_id, path, kind) VALUES "
	    "(901, 900, 'ALP/ا/1', 'internal'), "
	    "(902, %lld, 'HMS/مخزن/ب/01', 'internal'), "
	    "(903, %lld, 'HMS/مخزن/أ/01', 'internal'), "
	    "(904, %lld, 'HMS/a/01', 'internal'), "
	    "(905, %lld, 'HMS/مخزن', 'internal'), "
	    "(906, %lld, 'BNS/ب/٠١', 'internal'), "
	    "(907, %lld, 'HMS/A/010', 'internal');"
	    "INSERT INTO item(id, code, name_ar, name_en, category, uom, "
	    "created_at) VALUES (800, '0-FIRST', 'أول', 'First', 'x', "
	    "'EA', '2026-01-01T00:00:00.000Z'), (801, 'a-lower', "
	    "'صغير', 'lower', 'x', 'L', '2026-01-01T00:00:00.000Z');"
	    "INSERT INTO lot(id, item_id, code, expiry) VALUES "
	    "(700, 800, 'b', '2026-05-01'), (701, 800, 'B', NULL), "
	    "(702, 800, 'لوط', '2025-01-01'), (703, 800, '10', NULL), "
	    "(704, 800, '9', '2030-12-31');"
	    "INSERT INTO balance(location_id, item_id, lot_id, qty) VALUES "
	    "(901, 800, 700, 1000), (901, 801, 0, 500), "
	    "(902, 800, 0, 3000), (902, 800, 700, 1000), "
	    "(902, 800, 701, 2000), (902, 800, 702, 4000), "
	    "(902, 800, 703, 5000), (902, 800, 704, 6000), "
	    "(903, 801, 0, 7000), (903, 800, 702, 8000), "
	    "(904, 801, 0, 9000), (905, 800, 0, 100), "
	    "(906, 800, 704, 200), (906, 801, 0, 0), "
	    "(907, 801, 0, -300), (%lld, 800, 0, 400), "
	    "(%lld, 801, 0, 0);"
	    "INSERT INTO item_cost(item_id, depot_id, value, avg_milli) "
	    "VALUES (800, %lld, 0, 2500), (801, 900, 0, 12345);",
	    (long long)hms, (long long)hms, (long long)hms, (long long)hms,
	    (long long)bns, (long long)hms, (long long)a01, (long long)a01,
	    (long long)hms);
	if (sqlite3_exec(db_handle(wms_db(f->w)), sql, NULL, NULL, NULL) !=
	    SQLITE_OK)
		fail_msg("%s", sqlite3_errmsg(db_handle(wms_db(f->w))));
	for (k = 0; k < 2 * sizeof flt / sizeof flt[0]; k++) {
		one = flt[k / 2];
		one.costs = k % 2;
		wms_buf_reset(&got);
		fx_ok(db_report_stock_each(wms_db(f->w), &one, onhand_line,
		    &got, &f->err), &f->err);
		onhand_by_sql(f->w, &one, &want);
		same_lines(&got, &want);
	}
	/* With costs, the costs the test wrote are there. */
	one = flt[0];
	one.costs = 1;
	wms_buf_reset(&got);
	fx_ok(db_report_stock_each(wms_db(f->w), &one, onhand_line, &got,
	    &f->err), &f->err);
	assert_non_null(strstr(got.data, "|First|2026-05-01|2500\n"));
	assert_non_null(strstr(got.data, "|lower|-|12345\n"));
	/* Every row the test wrote is there: 7 by posting, 15 by hand. */
	onhand_by_sql(f->w, &flt[0], &want);
	assert_int_equal(nlines(&want), 22);
	/* Its order is not the ids': the first row is depot ALP's. */
	assert_non_null(want.data);
	assert_memory_equal(want.data, "ALP|ALP/ا/1|0-FIRST|b|1000|", 28);
	wms_buf_free(&got);
	wms_buf_free(&want);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(db_stmt__every_statement__prepares),
		cmocka_unit_test(
		    db_stmt__posting_writes__no_temporary_btree),
		cmocka_unit_test(
		    db_open__newer_schema__refused_naming_both_versions),
		cmocka_unit_test(db_open__older_schema__migrated),
		cmocka_unit_test(
		    db_open__schema_zero__refused_and_file_unchanged),
		cmocka_unit_test(
		    db_open__failing_migration__refused_and_unchanged),
		cmocka_unit_test(
		    db_open__missing_file__notfound_and_not_created),
		cmocka_unit_test(
		    db_open__create_existing_file__refused_and_intact),
		cmocka_unit_test(db_open__create__mode_0600),
		cmocka_unit_test(db_open__pragmas__wal_foreign_keys_full_sync),
		cmocka_unit_test(db_open__foreign_keys__enforced),
		cmocka_unit_test_setup_teardown(
		    movement__update_and_delete__refused, fx_setup,
		    fx_teardown),
		cmocka_unit_test(
		    db_begin__immediate__not_nestable_and_rolls_back),
		cmocka_unit_test_setup_teardown(
		    rep_stock__joined_in_c__as_the_sql_join, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(
		    report_stock__whole_stock_joined_in_c__as_the_sql_join,
		    fx_setup, fx_teardown),
	};

	return cmocka_run_group_tests_name("db", tests, NULL, NULL);
}
