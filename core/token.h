/*
 * Sessions of makhzan login, as sudo keeps one: a random token, given to
 * the terminal's user in a file, whose BLAKE2b hash the database keeps
 * with the user and the end.  Checking one costs a hash, not argon2id.
 */
#ifndef WMS_TOKEN_H
#define WMS_TOKEN_H

#include <stdint.h>

#include "core/wms.h"

/* A token as text: 32 random bytes in hex, and the NUL. */
#define WMS_TOKEN_HEX		65
/* The database's identity (meta db_id) as text, and the NUL. */
#define WMS_DB_ID_MAX		40
/* The longest session, in minutes (a day). */
#define WMS_SESSION_MAX_MINUTES	1440

/*
 * Open a session of minutes (1 to WMS_SESSION_MAX_MINUTES) for the user
 * logged in, audited as session.open; token gets its text, *expires its
 * end (Unix time).  Ended sessions are swept on the way.
 */
int	wms_token_open(struct wms *, int minutes, char token[WMS_TOKEN_HEX],
	    int64_t *expires, struct wms_err *err);

/*
 * Log in by token: the user of its live session, who must be user when
 * user is not NULL, and not locked.  WMS_ERR_DENIED when the token opens
 * no session (unknown, ended, another user's, locked account).
 */
int	wms_token_login(struct wms *, const char *token, const char *user,
	    struct wms_err *err);

/* End the session of token (logout), audited as session.close when it was
 * live and is the logged-in user's.  0 also when there was none. */
int	wms_token_close(struct wms *, const char *token, struct wms_err *err);

/* The identity of the database (made by its schema) into out. */
int	wms_db_identity(struct wms *, char out[WMS_DB_ID_MAX],
	    struct wms_err *err);

#endif
