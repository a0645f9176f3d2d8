/*
 * The ministry's PostgreSQL database (libpq): a connection from a conninfo
 * string, else [central] pg in makhzan.ini, else libpq's own PG* variables;
 * the schema from central/schema/NNNN-*.sql, applied by version.
 */
#ifndef CENTRAL_PG_H
#define CENTRAL_PG_H

#include "lib/err.h"

struct central_pg;

/* Flags of central_pg_open. */
#define CENTRAL_PG_ANY_SCHEMA	0x1	/* for setup: the schema may be behind */

/*
 * Connect to conninfo ("" or NULL: libpq's PG* variables and defaults).
 * Unless CENTRAL_PG_ANY_SCHEMA, the schema must be this program's:
 * WMS_ERR_CORRUPT saying to run makhzan central setup (or to upgrade).
 * A failure is one line: where (host, port, database, user; never the
 * password) and why (refused, no such host, password, SSL).
 */
int	central_pg_open(const char *conninfo, int flags,
	    struct central_pg **out, struct wms_err *err);
void	central_pg_close(struct central_pg *);

/* The newest schema version this program knows. */
int	central_pg_schema_latest(void);

/*
 * Apply the migrations not applied yet, each in a transaction of its own
 * that also records its version (table makhzan_schema), under an advisory
 * lock so that two setups at once apply each step once.  *from and *to
 * get the versions before and after.
 */
int	central_pg_migrate(struct central_pg *, int *from, int *to,
	    struct wms_err *err);

/* "host H port P database D user U", for messages (never a password). */
const char *central_pg_where(struct central_pg *);

/*
 * The conninfo to use: the one given, else [central] pg, else "" (libpq's
 * PG* variables).
 */
const char *central_pg_conninfo(const char *given, const char *ini);

#endif
