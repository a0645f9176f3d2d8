/* The SQLite database: open, pragmas, migrations, transactions, statements. */
#ifndef DB_H
#define DB_H

#include <stdint.h>

#include <sqlite3.h>

#include "lib/err.h"

struct db;

/* Flags for db_open(). */
#define DB_CREATE	0x1	/* create the file (mode 0600); refuse if it exists */
#define DB_READONLY	0x2	/* open read-only (audit verify, reports) */

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
/* Every table above, NULL-terminated (for the test that prepares all). */
extern const struct db_stmt_table *const db_all_tables[];

/*
 * Open the database at path: WAL, synchronous=FULL, foreign_keys=ON,
 * busy_timeout; migrates an older schema inside one transaction and refuses
 * a newer one.  NULL and err on failure (WMS_ERR_NOTFOUND when the file does
 * not exist and DB_CREATE is not given, WMS_ERR_CONFLICT when DB_CREATE is
 * given and it does).
 */
struct db	*db_open(const char *path, int flags, struct wms_err *err);
/* Finalize every statement and close.  Accepts NULL. */
void		 db_close(struct db *);
sqlite3		*db_handle(struct db *);
const char	*db_path(struct db *);
/* The schema version this binary writes (the number of the last migration). */
int		 db_schema_version(void);

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
/* Run SQL text with no result (pragmas, tests); 0 or WMS_ERR_DB. */
int	db_exec(struct db *, const char *sql, struct wms_err *err);
/* Column text copied with xstrdup ("" for NULL), or NULL for NULL. */
char	*db_col_strdup(sqlite3_stmt *, int col);
char	*db_col_strdup_null(sqlite3_stmt *, int col);
int64_t	 db_last_rowid(struct db *);

/*
 * Transactions: BEGIN IMMEDIATE (takes the write lock now, so a posting
 * never fails half way for a lock), COMMIT, ROLLBACK.  Not nestable.
 */
int	db_begin(struct db *, struct wms_err *err);
int	db_commit(struct db *, struct wms_err *err);
void	db_rollback(struct db *);
int	db_in_tx(struct db *);

/* Online copy to path with the backup API; refuses an existing file. */
int	db_backup(struct db *, const char *path, struct wms_err *err);

#endif
