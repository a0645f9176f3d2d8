/* Sessions of makhzan login: token hashes, their user and their end. */
#ifndef DB_SESSION_H
#define DB_SESSION_H

#include <stdint.h>

#include "data/db.h"

/* The user a live session belongs to, as the session check reads it. */
struct db_session_user {
	int64_t	user_id;
	char	name[64];
	int64_t	expires;	/* Unix time */
	int64_t	locked_until;	/* the user's lock, Unix time, 0: none */
};

/* Add a session: the hash (hex) of its token, its user, when it ends. */
int	db_session_add(struct db *, const char *token_hash, int64_t user_id,
	    const char *at, int64_t expires, struct wms_err *err);
/*
 * The session of token_hash into *s: 1, 0 when there is none (expired
 * ones included: they are not read), or a negative wms_rc.
 */
int	db_session_get(struct db *, const char *token_hash, int64_t now,
	    struct db_session_user *s, struct wms_err *err);
/* End one session: 1 when it was there, 0 when not. */
int	db_session_end(struct db *, const char *token_hash,
	    struct wms_err *err);
/* End every session of the user named name (a new password, a lock). */
int	db_session_end_user(struct db *, const char *name,
	    struct wms_err *err);
/* Delete the sessions that ended before now. */
int	db_session_sweep(struct db *, int64_t now, struct wms_err *err);

#endif
