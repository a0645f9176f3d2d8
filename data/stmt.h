/*
 * Inside data/ only (and tests): statement tables, binding by name, stepping,
 * and reading a row's columns by name.  core/ and above never include this:
 * they call the typed functions of data/db-<aggregate>.h.
 */
#ifndef DB_STMT_H
#define DB_STMT_H

#include <stddef.h>
#include <stdint.h>

#include <sqlite3.h>

#include "data/db.h"

/*
 * A family of statements: one per db-<aggregate>.c file, an enum-indexed
 * array of SQL texts.  Statements are prepared on first use with
 * SQLITE_PREPARE_PERSISTENT and kept until db_close().
 */
struct db_stmt_table {
	int			 family;	/* enum db_family */
	const char		*name;
	const char *const	*sql;
	int			 n;
};

enum db_family {
	DB_FAM_SITE,
	DB_FAM_ITEM,
	DB_FAM_LEDGER,
	DB_FAM_USER,
	DB_FAM_AUDIT,
	DB_FAM_COUNT,
	DB_FAM_REPORT,
	DB_FAM_DEVICE,
	DB_FAM_LOOKUP,
	DB_FAM_OUTBOX,
	DB_FAM_DIGEST,
	DB_FAM_VOUCHER,
	DB_FAM_CATALOGUE,
	DB_FAM_VERIFY,
	DB_FAM_SESSION,
	DB_FAM_REPORT_MGR,
	DB_FAM_INBOUND,
	DB_FAM_TX,
	DB_NFAMILY
};

extern const struct db_stmt_table db_site_table;
extern const struct db_stmt_table db_item_table;
extern const struct db_stmt_table db_ledger_table;
extern const struct db_stmt_table db_user_table;
extern const struct db_stmt_table db_audit_table;
extern const struct db_stmt_table db_count_table;
extern const struct db_stmt_table db_report_table;
extern const struct db_stmt_table db_device_table;
extern const struct db_stmt_table db_lookup_table;
extern const struct db_stmt_table db_outbox_table;
extern const struct db_stmt_table db_digest_table;
extern const struct db_stmt_table db_voucher_table;
extern const struct db_stmt_table db_catalogue_table;
extern const struct db_stmt_table db_verify_table;
extern const struct db_stmt_table db_session_table;
extern const struct db_stmt_table db_report_mgr_table;
extern const struct db_stmt_table db_inbound_table;
/* Every table above, NULL-terminated (for the test that prepares all). */
extern const struct db_stmt_table *const db_all_tables[];

sqlite3		*db_handle(struct db *);

/*
 * The statement idx of table, reset and with its bindings cleared; NULL and
 * err (WMS_ERR_DB) if it does not prepare.
 */
sqlite3_stmt	*db_stmt(struct db *, const struct db_stmt_table *, int idx,
		    struct wms_err *err);

/* Bind by name; a name missing from the statement is a programmer error. */
void	db_bind_text(sqlite3_stmt *, const char *name, const char *v);
void	db_bind_int(sqlite3_stmt *, const char *name, int64_t v);
void	db_bind_null(sqlite3_stmt *, const char *name);
/* Bind v, or NULL when v is NULL or "". */
void	db_bind_opt(sqlite3_stmt *, const char *name, const char *v);

/*
 * Step: 1 for a row, 0 when done, WMS_ERR_DB (or WMS_ERR_CONFLICT for a
 * constraint) with err filled from sqlite3_errmsg.
 */
int	db_step(struct db *, sqlite3_stmt *, struct wms_err *err);
/* Step a statement that returns no row; 0 or a negative wms_rc. */
int	db_exec_stmt(struct db *, sqlite3_stmt *, struct wms_err *err);
/*
 * Run SQL text with no result (pragmas, tests); 0 or the cause's wms_rc
 * (WMS_ERR_DB, WMS_ERR_CONFLICT for a rule of the schema, WMS_ERR_IO for a
 * read-only file or a full disk, WMS_ERR_CORRUPT), named in words.
 */
int	db_exec(struct db *, const char *sql, struct wms_err *err);
int64_t	 db_last_rowid(struct db *);

/* Rows changed by the last INSERT, UPDATE or DELETE. */
int	db_changes(struct db *);

/*
 * A row read column by column, in the order of the SELECT, each read
 * naming its column: the name is checked against the statement's own (the
 * AS alias, or the bare column name), and a mismatch aborts, as a missing
 * bind name does: the SQL and the code that reads it disagree, a bug that
 * every test of the reader finds.  So a SELECT and its reader stay
 * together and cannot drift apart.
 *
 *	struct db_row r = db_row(st);
 *	doc->id = db_row_int(&r, "id");
 *	db_row_copy(&r, "type", doc->type, sizeof doc->type);
 */
struct db_row {
	sqlite3_stmt	*st;
	int		 col;
};

struct db_row	 db_row(sqlite3_stmt *);
int64_t		 db_row_int(struct db_row *, const char *name);
/* 1 when the next column is SQL NULL; it stays the next one to read. */
int		 db_row_null(struct db_row *, const char *name);
/* Text valid until the next step or reset; NULL for SQL NULL. */
const char	*db_row_text(struct db_row *, const char *name);
/* A copy (xstrdup), or NULL for SQL NULL. */
char		*db_row_dup(struct db_row *, const char *name);
/* A copy into out ("" for SQL NULL), cut to n - 1 bytes. */
void		 db_row_copy(struct db_row *, const char *name, char *out,
		    size_t n);

/* Bind id, or NULL for 0 (no such reference). */
void	db_bind_id(sqlite3_stmt *, const char *name, int64_t id);

/*
 * Running a statement (prepared and bound) in the ways the typed functions
 * of data/ need, so that each of them is its statement, its bindings and
 * the reader of its row: read(r, out) fills the caller's struct from one
 * row, reading its columns by name as above.
 */
/* An INSERT: 0 and *id (when not NULL) the new row's id, or the rc. */
int	db_insert(struct db *, sqlite3_stmt *, int64_t *id,
	    struct wms_err *err);
/* An UPDATE or DELETE: 1 when it changed a row, 0 when none, or the rc. */
int	db_change(struct db *, sqlite3_stmt *, struct wms_err *err);
/*
 * Step st to its next row and read it into out: 1.  At the end 0, after a
 * failed step its negative wms_rc; st is reset then.  A loop that stops
 * before the end resets st with db_stop():
 *
 *	while ((rc = db_next(db, st, unit_read, &u, err)) == 1)
 *		if (fn(&u, arg) != 0)
 *			return db_stop(st);
 *	return rc;
 */
int	db_next(struct db *, sqlite3_stmt *,
	    void (*read)(struct db_row *, void *), void *out,
	    struct wms_err *err);
/* Reset st, read before its end; 0. */
int	db_stop(sqlite3_stmt *);
/* The first row of st read into out, st reset: 1, 0 for none, or the rc. */
int	db_one(struct db *, sqlite3_stmt *,
	    void (*read)(struct db_row *, void *), void *out,
	    struct wms_err *err);
/*
 * db_one of a row of one column: an integer into *v; text copied into out
 * (n bytes, "" for NULL); or a copy of the text in *out (NULL for NULL).
 * Nothing is written when there is no row.
 */
int	db_one_int(struct db *, sqlite3_stmt *, const char *col, int64_t *v,
	    struct wms_err *err);
int	db_one_text(struct db *, sqlite3_stmt *, const char *col, char *out,
	    size_t n, struct wms_err *err);
int	db_one_dup(struct db *, sqlite3_stmt *, const char *col, char **out,
	    struct wms_err *err);

/*
 * An item's fields bound by name (:name_ar, :name_en, :category, :uom,
 * :tracking, :weighed, :min, :max, :shelf_life): the one binding of a new
 * item (data/db-item.c) and of the centre's record applied to one
 * (data/db-catalogue.c).
 */
struct db_item;
void	db_item_bind(sqlite3_stmt *, const struct db_item *it);

#endif
