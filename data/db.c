/* The SQLite database: open, pragmas, migrations, transactions, statements. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "lib/i18n.h"
#include "lib/xmalloc.h"
#include "data/stmt.h"
#include "data/schema.h"

/* How long a statement waits for another program's lock. */
#define DB_BUSY_MS	5000

struct db {
	sqlite3		*h;
	struct timespec	 busy_since;	/* when the current wait began */
	char		*path;
	int		 in_tx;
	sqlite3_stmt	**cache[DB_NFAMILY];
};

/*
 * The transaction's own statements, prepared once like the others: a
 * one-line posting spent a tenth of its instructions parsing BEGIN and
 * COMMIT again each time through sqlite3_exec().
 */
enum db_tx_stmt {
	DB_TX_BEGIN,
	DB_TX_COMMIT,
	DB_TX_N
};

static const char *const db_tx_sql[DB_TX_N] = {
	[DB_TX_BEGIN] = "BEGIN IMMEDIATE",
	[DB_TX_COMMIT] = "COMMIT",
};

static const struct db_stmt_table db_tx_table = {
	.family = DB_FAM_TX,
	.name = "transaction",
	.sql = db_tx_sql,
	.n = DB_TX_N,
};

const struct db_stmt_table *const db_all_tables[] = {
	&db_site_table, &db_item_table, &db_ledger_table,
	&db_user_table, &db_audit_table, &db_count_table, &db_report_table,
	&db_device_table, &db_lookup_table, &db_outbox_table,
	&db_digest_table, &db_voucher_table, &db_catalogue_table,
	&db_verify_table, &db_session_table, &db_report_mgr_table,
	&db_inbound_table, &db_tx_table, NULL
};

static const struct db_stmt_table *
db_table(int family)
{
	int i;

	for (i = 0; db_all_tables[i] != NULL; i++) {
		if (db_all_tables[i]->family == family)
			return db_all_tables[i];
	}
	return NULL;
}

/*
 * What an SQLite result code means, in words a storekeeper can act on:
 * never the text of a statement.  path names the file; errmsg is SQLite's
 * own message, kept only for the rules of the schema (a trigger's RAISE
 * says which rule), which carry no SQL.
 */
/* Whether path and its folder may be written (WAL needs both). */
static int
db_writable(const char *path)
{
	char	*dir, *slash;
	int	 ok;

	if (access(path, W_OK) != 0)
		return 0;
	dir = xstrdup(path);
	if ((slash = strrchr(dir, '/')) == NULL)
		ok = access(".", W_OK) == 0;
	else {
		slash[slash == dir ? 1 : 0] = '\0';
		ok = access(dir, W_OK) == 0;
	}
	free(dir);
	return ok;
}

static int
db_reason(const char *path, int code, int sys, const char *errmsg,
    struct wms_err *err)
{
	/* An input/output error says more by the system's errno. */
	if ((code & 0xff) == SQLITE_IOERR || (code & 0xff) == SQLITE_CANTOPEN) {
		if (sys == ENOSPC || sys == EDQUOT)
			code = SQLITE_FULL;
		else if (sys == EROFS)
			code = SQLITE_READONLY;
	}
	/* SQLite says "cannot open" when the -shm of a WAL cannot be made. */
	if ((code & 0xff) == SQLITE_CANTOPEN && access(path, F_OK) == 0 &&
	    !db_writable(path))
		code = SQLITE_READONLY;
	switch (code & 0xff) {
	case SQLITE_CONSTRAINT:
		return wms_err_set(err, WMS_ERR_CONFLICT,
		    _("the database refused the change: %s"), errmsg);
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return wms_err_set(err, WMS_ERR_DB,
		    _("the database %s is busy: another program has held its "
		    "lock for over %d seconds; try again, or find the program "
		    "that holds it"), path, DB_BUSY_MS / 1000);
	case SQLITE_READONLY:
		return wms_err_set(err, WMS_ERR_IO,
		    _("the database %s is read-only: it, its folder and its "
		    "-wal and -shm files must be writable by this user"),
		    path);
	case SQLITE_FULL:
		return wms_err_set(err, WMS_ERR_IO,
		    _("the disk holding %s is full: nothing was written; "
		    "free some space and try again"), path);
	case SQLITE_CORRUPT:
		return wms_err_set(err, WMS_ERR_CORRUPT,
		    _("the database %s is damaged (a corrupt page): stop "
		    "writing to it and restore the latest backup"), path);
	case SQLITE_NOTADB:
		return wms_err_set(err, WMS_ERR_CORRUPT,
		    _("%s is not a database (or it is encrypted): give the "
		    "path of a makhzan database"), path);
	case SQLITE_CANTOPEN:
		return wms_err_set(err, WMS_ERR_IO,
		    _("cannot open the database %s: check that it and its "
		    "folder exist and may be read and written"), path);
	case SQLITE_IOERR:
		return wms_err_set(err, WMS_ERR_IO,
		    _("the disk failed while reading or writing %s "
		    "(input/output error): check the disk"), path);
	case SQLITE_PERM:
	case SQLITE_AUTH:
		return wms_err_set(err, WMS_ERR_IO,
		    _("the system does not allow access to the database %s"),
		    path);
	case SQLITE_NOMEM:
		return wms_err_set(err, WMS_ERR_IO,
		    _("out of memory while using the database %s"), path);
	case SQLITE_TOOBIG:
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("a value is too large for the database"));
	default:
		/* SQLite's words on a schema it did not expect, not SQL. */
		return wms_err_set(err, WMS_ERR_DB,
		    _("the database %s failed: %s"), path,
		    errmsg != NULL && *errmsg != '\0' ? errmsg :
		    sqlite3_errstr(code));
	}
}

/*
 * A debugging line for each failure (the statement and SQLite's words),
 * handed to whoever set a sink: cmd/ does with MAKHZAN_DEBUG set.  Nothing
 * below cmd/ prints.
 */
static void (*db_debug_sink)(const char *line);

void
db_set_debug(void (*sink)(const char *line))
{
	db_debug_sink = sink;
}

static void
db_debug(const char *what, int code, const char *errmsg)
{
	char	line[1024];

	if (db_debug_sink == NULL)
		return;
	snprintf(line, sizeof line, "sqlite %d: %s: %s", code, errmsg,
	    what != NULL ? what : "");
	db_debug_sink(line);
}

static int
db_fail(struct db *db, struct wms_err *err, const char *what)
{
	int code;

	code = sqlite3_extended_errcode(db->h);
	db_debug(what, code, sqlite3_errmsg(db->h));
	/* "what" (a statement) stays out of the message: no SQL to users. */
	return db_reason(db->path, code, sqlite3_system_errno(db->h),
	    sqlite3_errmsg(db->h), err);
}

int
db_schema_version(void)
{
	return db_migrations[db_nmigrations - 1].version;
}

int
db_exec(struct db *db, const char *sql, struct wms_err *err)
{
	char *msg = NULL;

	int rc;

	if (sqlite3_exec(db->h, sql, NULL, NULL, &msg) != SQLITE_OK) {
		rc = sqlite3_extended_errcode(db->h);
		db_debug(sql, rc, msg != NULL ? msg : sqlite3_errmsg(db->h));
		rc = db_reason(db->path, rc, sqlite3_system_errno(db->h),
		    msg != NULL ? msg : sqlite3_errmsg(db->h), err);
		sqlite3_free(msg);
		return rc;
	}
	return 0;
}

static int
db_user_version(struct db *db, int *version, struct wms_err *err)
{
	sqlite3_stmt	*st = NULL;
	int		 rc;

	if (sqlite3_prepare_v2(db->h, "PRAGMA user_version", -1, &st,
	    NULL) != SQLITE_OK)
		return db_fail(db, err, "user_version");
	rc = sqlite3_step(st);
	*version = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : db_fail(db, err, "user_version");
}

static int
db_check_version(struct db *db, int creating, struct wms_err *err)
{
	int version, rc;

	if ((rc = db_user_version(db, &version, err)) != 0)
		return rc;
	if (version > db_schema_version())
		return wms_err_set(err, WMS_ERR_CORRUPT,
		    _("%s was written by a newer makhzan (schema %d, this "
		    "program knows %d): upgrade makhzan"), db->path, version,
		    db_schema_version());
	/* Schema 0 is an empty file or another program's database. */
	if (version == 0 && !creating)
		return wms_err_set(err, WMS_ERR_CORRUPT,
		    _("%s is not a makhzan database: create one with makhzan "
		    "init"), db->path);
	return 0;
}

/*
 * Bring the schema up to this binary's version, all steps in one
 * transaction: a migration that fails leaves the file as it was.
 */
static int
db_migrate(struct db *db, struct wms_err *err)
{
	char	sql[64];
	int	version, i, rc;

	if ((rc = db_user_version(db, &version, err)) != 0)
		return rc;
	if (version == db_schema_version())
		return 0;
	if ((rc = db_begin(db, err)) != 0)
		return rc;
	for (i = 0; i < db_nmigrations; i++) {
		if (db_migrations[i].version <= version)
			continue;
		if ((rc = db_exec(db, db_migrations[i].sql, err)) != 0) {
			char why[sizeof err->msg];

			snprintf(why, sizeof why, "%s", err != NULL ? err->msg :
			    "");
			db_rollback(db);
			return wms_err_set(err, WMS_ERR_DB,
			    _("migration %s failed, the database is unchanged: "
			    "%s"), db_migrations[i].name, why);
		}
	}
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d",
	    db_schema_version());
	if ((rc = db_exec(db, sql, err)) != 0) {
		db_rollback(db);
		return rc;
	}
	return db_commit(db, err);
}

/*
 * Wait for another writer's lock for up to DB_BUSY_MS, in short random
 * naps (0.5 to 2.5 ms): SQLite's own handler sleeps up to 100 ms at a
 * time, so that eight stations posting at once spend most of their time
 * asleep while the lock is free.  0 gives up: SQLITE_BUSY, named in words.
 */
static int
db_busy(void *arg, int n)
{
	struct db	*db = arg;
	struct timespec	 now, nap;
	int64_t		 ms;

	clock_gettime(CLOCK_MONOTONIC, &now);
	if (n == 0)
		db->busy_since = now;
	ms = (int64_t)(now.tv_sec - db->busy_since.tv_sec) * 1000 +
	    (now.tv_nsec - db->busy_since.tv_nsec) / 1000000;
	if (ms >= DB_BUSY_MS)
		return 0;
	nap.tv_sec = 0;
	/* Apart by process and by turn, so that waiters do not wake as one. */
	nap.tv_nsec = 500000 + (long)(((unsigned long)getpid() * 7919u +
	    (unsigned long)n * 104729u) % 2000000u);
	nanosleep(&nap, NULL);
	return 1;
}

/* Create the file ourselves so that it is 0600 from the first byte. */
static int
db_create_file(const char *path, struct wms_err *err)
{
	int fd;

	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd == -1) {
		if (errno == EEXIST)
			return wms_err_set(err, WMS_ERR_CONFLICT,
			    _("%s already exists: refusing to overwrite it"),
			    path);
		return wms_err_set(err, WMS_ERR_IO, _("cannot create %s: %s"),
		    path, strerror(errno));
	}
	close(fd);
	return 0;
}

/*
 * Once per process, before SQLite starts: no memory statistics.  With
 * them every allocation SQLite makes takes a global mutex to count it
 * (7% of the instructions of a one-line posting), and makhzan reads
 * none of them.  SQLite started already (a test's own connection first)
 * refuses the setting and keeps counting: nothing else differs.
 */
static pthread_once_t db_once = PTHREAD_ONCE_INIT;

static void
db_configure(void)
{
	(void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

struct db *
db_open(const char *path, int flags, struct wms_err *err)
{
	struct db	*db;
	int		 oflags, rc;
	static const char pragmas[] =
	    "PRAGMA journal_mode = WAL;"
	    "PRAGMA synchronous = FULL;"
	    "PRAGMA foreign_keys = ON;"
	    "PRAGMA trusted_schema = OFF;";

	if (flags & DB_CREATE) {
		if (db_create_file(path, err) != 0)
			return NULL;
	} else if (access(path, F_OK) != 0) {
		wms_err_set(err, WMS_ERR_NOTFOUND,
		    _("no database at %s: create one with makhzan init, or "
		    "give --db"), path);
		return NULL;
	}
	pthread_once(&db_once, db_configure);
	db = xcalloc(1, sizeof *db);
	db->path = xstrdup(path);
	oflags = (flags & DB_READONLY) ? SQLITE_OPEN_READONLY :
	    SQLITE_OPEN_READWRITE;
	rc = sqlite3_open_v2(path, &db->h, oflags | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		db_debug("open", rc, db->h != NULL ? sqlite3_errmsg(db->h) :
		    sqlite3_errstr(rc));
		db_reason(path, db->h != NULL ? sqlite3_extended_errcode(db->h) :
		    rc, db->h != NULL ? sqlite3_system_errno(db->h) : 0, "",
		    err);
		goto fail;
	}
	sqlite3_extended_result_codes(db->h, 1);
	sqlite3_busy_handler(db->h, db_busy, db);
	/* Refuse a newer schema before a pragma writes anything to it. */
	if (db_check_version(db, flags & DB_CREATE, err) != 0)
		goto fail;
	/*
	 * A posting writes about eleven pages (document, movement, indexes,
	 * balance, audit, counter, outbox) and waits for their fsync, whose
	 * cost follows the bytes: 2 KiB pages send half of what 4 KiB pages
	 * would.  1 KiB pages would send half again, but a 10,000-line
	 * document, whose event alone is 880 kB, then writes twice as many
	 * pages (docs/architecture.md has the figures).  Only a new file
	 * takes it, before WAL mode.
	 */
	if ((flags & DB_CREATE) &&
	    db_exec(db, "PRAGMA page_size = 2048", err) != 0)
		goto fail;
	if (!(flags & DB_READONLY) && db_exec(db, pragmas, err) != 0)
		goto fail;
	if ((flags & DB_READONLY) &&
	    db_exec(db, "PRAGMA foreign_keys = ON", err) != 0)
		goto fail;
	/* A file that is not a database fails here, with SQLite's words. */
	if (!(flags & DB_READONLY) && db_migrate(db, err) != 0)
		goto fail;
	return db;
fail:
	db_close(db);
	return NULL;
}

void
db_progress(struct db *db, int (*fn)(void *), void *arg)
{
	sqlite3_progress_handler(db->h, fn != NULL ? 10000 : 0, fn, arg);
}

void
db_close(struct db *db)
{
	const struct db_stmt_table	*t;
	int				 f, i;

	if (db == NULL)
		return;
	for (f = 0; f < DB_NFAMILY; f++) {
		if (db->cache[f] == NULL)
			continue;
		t = db_table(f);
		for (i = 0; i < t->n; i++)
			sqlite3_finalize(db->cache[f][i]);
		free(db->cache[f]);
	}
	sqlite3_close(db->h);
	free(db->path);
	free(db);
}

sqlite3 *
db_handle(struct db *db)
{
	return db->h;
}

const char *
db_path(struct db *db)
{
	return db->path;
}

sqlite3_stmt *
db_stmt(struct db *db, const struct db_stmt_table *t, int idx,
    struct wms_err *err)
{
	sqlite3_stmt **slot;

	if (db->cache[t->family] == NULL)
		db->cache[t->family] = xcalloc(t->n, sizeof(sqlite3_stmt *));
	slot = &db->cache[t->family][idx];
	if (*slot == NULL) {
		if (sqlite3_prepare_v3(db->h, t->sql[idx], -1,
		    SQLITE_PREPARE_PERSISTENT, slot, NULL) != SQLITE_OK) {
			db_fail(db, err, t->name);
			*slot = NULL;
			return NULL;
		}
		return *slot;
	}
	sqlite3_reset(*slot);
	sqlite3_clear_bindings(*slot);
	return *slot;
}

/*
 * A parameter's number by its name, remembered by statement and name
 * (a literal: the same pointer each time) in a table of each thread.
 * SQLite's own lookup compares the name with the statement's parameters
 * one by one: a twentieth of a one-line posting's instructions.  A hit is
 * checked against the statement itself (the name of that number), so a
 * statement made again at the address of a freed one, or a name built in
 * a reused buffer, cannot take a wrong number.
 */
#define DB_PARAM_SLOTS	512

static _Thread_local struct db_param_slot {
	const sqlite3_stmt	*st;
	const char		*name;
	int			 idx;
} db_params[DB_PARAM_SLOTS];

static int
db_param(sqlite3_stmt *st, const char *name)
{
	struct db_param_slot	*s;
	const char		*have;
	uintptr_t		 h;
	int			 i;

	h = (uintptr_t)st * 31 + (uintptr_t)name;
	h ^= h >> 11;
	s = &db_params[(h ^ (h >> 5)) % DB_PARAM_SLOTS];
	if (s->st == st && s->name == name &&
	    (have = sqlite3_bind_parameter_name(st, s->idx)) != NULL &&
	    strcmp(have, name) == 0)
		return s->idx;
	i = sqlite3_bind_parameter_index(st, name);
	if (i == 0)
		abort();	/* a statement without this name: a bug */
	s->st = st;
	s->name = name;
	s->idx = i;
	return i;
}

void
db_bind_text(sqlite3_stmt *st, const char *name, const char *v)
{
	sqlite3_bind_text(st, db_param(st, name), v, -1, SQLITE_TRANSIENT);
}

void
db_bind_int(sqlite3_stmt *st, const char *name, int64_t v)
{
	sqlite3_bind_int64(st, db_param(st, name), v);
}

void
db_bind_null(sqlite3_stmt *st, const char *name)
{
	sqlite3_bind_null(st, db_param(st, name));
}

void
db_bind_opt(sqlite3_stmt *st, const char *name, const char *v)
{
	if (v == NULL || *v == '\0')
		db_bind_null(st, name);
	else
		db_bind_text(st, name, v);
}

int
db_step(struct db *db, sqlite3_stmt *st, struct wms_err *err)
{
	int rc;

	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	rc = db_fail(db, err, sqlite3_sql(st));
	sqlite3_reset(st);
	return rc;
}

int
db_exec_stmt(struct db *db, sqlite3_stmt *st, struct wms_err *err)
{
	int rc;

	rc = db_step(db, st, err);
	sqlite3_reset(st);
	return rc < 0 ? rc : 0;
}

int64_t
db_last_rowid(struct db *db)
{
	return sqlite3_last_insert_rowid(db->h);
}

int
db_begin(struct db *db, struct wms_err *err)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = db_stmt(db, &db_tx_table, DB_TX_BEGIN, err)) == NULL)
		return WMS_ERR_DB;
	if ((rc = db_exec_stmt(db, st, err)) != 0)
		return rc;
	db->in_tx = 1;
	return 0;
}

int
db_commit(struct db *db, struct wms_err *err)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = db_stmt(db, &db_tx_table, DB_TX_COMMIT, err)) == NULL)
		rc = WMS_ERR_DB;
	else
		rc = db_exec_stmt(db, st, err);
	if (rc != 0) {
		db_rollback(db);
		return rc;
	}
	db->in_tx = 0;
	return 0;
}

void
db_rollback(struct db *db)
{
	if (!sqlite3_get_autocommit(db->h))
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
	db->in_tx = 0;
}

int
db_in_tx(struct db *db)
{
	return db->in_tx;
}


int
db_changes(struct db *db)
{
	return sqlite3_changes(db->h);
}

struct db_row
db_row(sqlite3_stmt *st)
{
	struct db_row r = { .st = st, .col = 0 };

	return r;
}

/* The index of the next column, after checking that it is called name. */
static int
db_row_at(struct db_row *r, const char *name)
{
	const char *have;

	if (r->col >= sqlite3_column_count(r->st) ||
	    (have = sqlite3_column_name(r->st, r->col)) == NULL ||
	    strcmp(have, name) != 0)
		abort();	/* the SELECT and its reader disagree: a bug */
	return r->col;
}

int64_t
db_row_int(struct db_row *r, const char *name)
{
	int col = db_row_at(r, name);

	r->col++;
	return sqlite3_column_int64(r->st, col);
}

int
db_row_null(struct db_row *r, const char *name)
{
	return sqlite3_column_type(r->st, db_row_at(r, name)) == SQLITE_NULL;
}

const char *
db_row_text(struct db_row *r, const char *name)
{
	int col = db_row_at(r, name);

	r->col++;
	return (const char *)sqlite3_column_text(r->st, col);
}

char *
db_row_dup(struct db_row *r, const char *name)
{
	const char *s = db_row_text(r, name);

	return s != NULL ? xstrdup(s) : NULL;
}

void
db_row_copy(struct db_row *r, const char *name, char *out, size_t n)
{
	const char	*s = db_row_text(r, name);
	size_t		 len;

	/* As snprintf "%s" would, without its formatting machinery. */
	if (n == 0)
		return;
	len = s != NULL ? strlen(s) : 0;
	if (len >= n)
		len = n - 1;
	if (len > 0)
		memcpy(out, s, len);
	out[len] = '\0';
}

void
db_bind_id(sqlite3_stmt *st, const char *name, int64_t id)
{
	if (id != 0)
		db_bind_int(st, name, id);
	else
		db_bind_null(st, name);
}

int
db_insert(struct db *db, sqlite3_stmt *st, int64_t *id, struct wms_err *err)
{
	int rc;

	if ((rc = db_exec_stmt(db, st, err)) != 0)
		return rc;
	if (id != NULL)
		*id = db_last_rowid(db);
	return 0;
}

int
db_change(struct db *db, sqlite3_stmt *st, struct wms_err *err)
{
	int rc;

	if ((rc = db_exec_stmt(db, st, err)) != 0)
		return rc;
	return db_changes(db) > 0;
}

int
db_next(struct db *db, sqlite3_stmt *st, void (*read)(struct db_row *, void *),
    void *out, struct wms_err *err)
{
	struct db_row	r;
	int		rc;

	if ((rc = db_step(db, st, err)) != 1) {
		sqlite3_reset(st);
		return rc;
	}
	r = db_row(st);
	read(&r, out);
	return 1;
}

int
db_stop(sqlite3_stmt *st)
{
	sqlite3_reset(st);
	return 0;
}

int
db_one(struct db *db, sqlite3_stmt *st, void (*read)(struct db_row *, void *),
    void *out, struct wms_err *err)
{
	int rc;

	if ((rc = db_next(db, st, read, out, err)) == 1)
		sqlite3_reset(st);
	return rc;
}

/* The one column of db_one_int, _text and _dup, and where it goes. */
struct db_col {
	const char	*name;
	int64_t		*v;
	char		*text;
	size_t		 n;
	char		**dup;
};

static void
db_col_read(struct db_row *r, void *arg)
{
	struct db_col *c = arg;

	if (c->v != NULL)
		*c->v = db_row_int(r, c->name);
	else if (c->dup != NULL)
		*c->dup = db_row_dup(r, c->name);
	else
		db_row_copy(r, c->name, c->text, c->n);
}

int
db_one_int(struct db *db, sqlite3_stmt *st, const char *col, int64_t *v,
    struct wms_err *err)
{
	struct db_col c = { .name = col, .v = v };

	return db_one(db, st, db_col_read, &c, err);
}

int
db_one_text(struct db *db, sqlite3_stmt *st, const char *col, char *out,
    size_t n, struct wms_err *err)
{
	struct db_col c = { .name = col, .text = out, .n = n };

	return db_one(db, st, db_col_read, &c, err);
}

int
db_one_dup(struct db *db, sqlite3_stmt *st, const char *col, char **out,
    struct wms_err *err)
{
	struct db_col c = { .name = col, .dup = out };

	return db_one(db, st, db_col_read, &c, err);
}
