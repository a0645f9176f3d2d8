/*
 * The depot database (SQLite) as the floors above see it: open, close,
 * transactions, backup.  No SQLite type crosses this header: each
 * data/db-<aggregate>.h adds the typed reads and writes of its tables, and
 * only data/ (and tests) include data/stmt.h, where the statements are.
 */
#ifndef DB_H
#define DB_H

#include <stdint.h>

#include "lib/err.h"

struct db;

/* Flags for db_open(). */
#define DB_CREATE	0x1	/* create the file (mode 0600); refuse if it exists */
#define DB_READONLY	0x2	/* open read-only (audit verify, reports) */

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
const char	*db_path(struct db *);
/*
 * Call fn(arg) every few thousand steps of SQLite's machine while a
 * statement runs (a long report): non-zero from fn interrupts the
 * statement, which then fails.  fn NULL: no more calls.
 */
void		 db_progress(struct db *, int (*fn)(void *), void *arg);
/* The schema version this binary writes (the number of the last migration). */
int		 db_schema_version(void);

/*
 * Transactions: BEGIN IMMEDIATE (takes the write lock now, so a posting
 * never fails half way for a lock), COMMIT, ROLLBACK.  Not nestable.
 */
int	db_begin(struct db *, struct wms_err *err);
int	db_commit(struct db *, struct wms_err *err);
void	db_rollback(struct db *);
int	db_in_tx(struct db *);

/* Online copy to path with the backup API; refuses an existing file. */
/* Where each database failure's statement and SQLite's words go (NULL:
 * nowhere); cmd/ sets it with MAKHZAN_DEBUG. */
void	db_set_debug(void (*sink)(const char *line));
int	db_backup(struct db *, const char *path, struct wms_err *err);

#endif
