/*
 * Inside central/ only: the statements of the central database as an
 * enum-indexed table of SQL with names, prepared once per connection
 * (PQprepare), run with text parameters; and array parameters, so that a
 * batch of rows is one statement (INSERT ... SELECT FROM unnest($1, ...)).
 */
#ifndef CENTRAL_STMT_H
#define CENTRAL_STMT_H

#include <stddef.h>
#include <stdint.h>

#include <libpq-fe.h>

#include "central/pg.h"
#include "lib/buf.h"
#include "lib/err.h"

enum central_stmt {
	/* sites.c */
	CS_SITE_GET,
	CS_SITE_ADD,
	CS_SITE_REINSTATE,
	CS_SITE_REVOKE,
	CS_SITE_KEYS_REVOKE,
	CS_KEY_GET,
	CS_KEY_ADD,
	CS_KEY_REVOKE,
	CS_SITES_LIST,
	CS_KEYS_FIND,
	/* apply.c */
	CS_PART_ADD,
	CS_PART_COUNT,
	CS_EVENT_ADD,
	CS_EVENT_OWNER,
	CS_QUARANTINE_ADD,
	CS_CURSOR_ENSURE,
	CS_CURSOR_LOCK,
	CS_WAITING,
	CS_BODIES,
	CS_DOC_ADD,
	CS_DOC_STATUS,
	CS_DOC_LASTLINE,
	CS_MOVE_ADD,
	CS_BAL_ADD,
	CS_LOT_ADD,
	CS_COUNT_LINE_ADD,
	CS_EVENT_APPLIED,
	CS_CURSOR_MOVE,
	CS_MINUTE_ADD,
	CS_HEARTBEAT,
	CS_CATCHUP,
	/* status.c */
	CS_STATUS,
	CS_GAPS,
	CS_QUARANTINE_LIST,
	/* stock.c */
	CS_STOCK,
	CS_CHECK_CURSOR,
	CS_CHECK_MOVES,
	/* national.c */
	CS_ITEM_CODE,
	CS_LEDGER,
	CS_PENDING,
	CS_NCHECK_COUNTS,
	CS_NCHECK_TRANSFERS,
	CS_NCHECK_SUMS,
	CS_NCHECK_BALANCES,
	CS_NSTMT
};

PGconn	*central_pg_conn(struct central_pg *);

/*
 * Run statement idx with n text parameters (NULL is SQL NULL); binary:
 * results in binary format.  The result (PGRES_COMMAND_OK or
 * PGRES_TUPLES_OK) is the caller's to PQclear; NULL with err filled
 * otherwise (central_pg_fail).
 */
PGresult *central_run(struct central_pg *, enum central_stmt idx, int n,
	    const char *const *values, int binary, struct wms_err *err);
/*
 * Run idx, which changes rows (INSERT, UPDATE, DELETE): the rows it
 * changed, or a negative wms_rc with err filled.
 */
int	central_run_rows(struct central_pg *, enum central_stmt idx, int n,
	    const char *const *values, struct wms_err *err);
/* The same with some parameters binary: lengths and formats per param. */
PGresult *central_run_bin(struct central_pg *, enum central_stmt idx, int n,
	    const char *const *values, const int *lengths, const int *formats,
	    struct wms_err *err);
/* Send idx in single-row mode, to read a big result row by row. */
int	central_send_rows(struct central_pg *, enum central_stmt idx, int n,
	    const char *const *values, struct wms_err *err);

/* Plain SQL without parameters (BEGIN, COMMIT ...): 0 or a wms_rc. */
int	central_sql(struct central_pg *, const char *sql, struct wms_err *err);
int	central_begin(struct central_pg *, struct wms_err *err);
int	central_commit(struct central_pg *, struct wms_err *err);
/* Roll back whatever is open; quiet (a dead connection is no error). */
void	central_rollback(struct central_pg *);

/*
 * Put a failed result (res may be NULL) into err as words: the central
 * database does not answer (WMS_ERR_IO), refused the login (DENIED), a
 * conflict (CONFLICT), else WMS_ERR_DB with PostgreSQL's own message.
 */
int	central_pg_fail(struct central_pg *, const PGresult *res,
	    const char *what, struct wms_err *err);
/* 1 when the last failure may pass on a retry: deadlock, serialization. */
int	central_pg_retryable(struct central_pg *);
/* 1 while the connection is good. */
int	central_pg_ok(struct central_pg *);
/*
 * Connect again after the connection was lost; the statements are
 * prepared again on their next use.  0 or WMS_ERR_IO.
 */
int	central_pg_reset(struct central_pg *, struct wms_err *err);

/* A cell as text (NULL for SQL NULL), and as an integer (0 for NULL). */
const char *central_val(const PGresult *, int row, int col);
int64_t	 central_int(const PGresult *, int row, int col);

/*
 * An array parameter in PostgreSQL's text form, {"a","b",NULL}, built
 * element by element: for unnest() over a batch of rows.
 */
struct central_arr {
	struct wms_buf	b;
	int		n;
	int		closed;		/* by central_arr_text */
};

void	central_arr_str(struct central_arr *, const char *s);
void	central_arr_strn(struct central_arr *, const char *s, size_t n);
void	central_arr_int(struct central_arr *, int64_t v);
void	central_arr_bool(struct central_arr *, int v);
void	central_arr_bytea(struct central_arr *, const void *p, size_t n);
/* The literal, closed with }, valid until the next change. */
const char *central_arr_text(struct central_arr *);
void	central_arr_reset(struct central_arr *);
void	central_arr_free(struct central_arr *);

#endif
