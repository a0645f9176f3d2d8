/*
 * Inside core/ only: the steps of adding a user, shared by user
 * administration (core/user.c) and the first admin (core/init.c).  The
 * public calls are in core/wms.h.
 */
#ifndef WMS_USER_H
#define WMS_USER_H

#include <stdint.h>

#include "lib/err.h"

struct wms;

/* Room for a password hash as libsodium writes it (crypto_pwhash_STRBYTES). */
#define WMS_PW_HASH_MAX	128

/*
 * Check a new user's name and role and hash the password (at least 8
 * characters) into hash: WMS_ERR_INVALID naming what is wrong.  Slow on
 * purpose (argon2id): call it before the write begins.
 */
int	wms_user_prepare(const char *name, const char *role,
	    const char *password, char hash[WMS_PW_HASH_MAX],
	    struct wms_err *err);

/*
 * Write the user row, inside the caller's write; *id gets its id.
 * WMS_ERR_CONFLICT naming the user when the name is taken.
 */
int	wms_user_insert(struct wms *, const char *name, const char *role,
	    const char *hash, int64_t *id, struct wms_err *err);

#endif
