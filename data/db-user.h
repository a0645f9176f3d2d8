/* Users, the audit chain and the outbox of events. */
#ifndef DB_USER_H
#define DB_USER_H

#include <stdint.h>

#include "data/db.h"

/* A user as login reads it. */
struct db_user {
	int64_t	id;
	char	role[16];
	char	pw_hash[256];	/* argon2id, as libsodium writes it */
	int64_t	failures;
	int64_t	locked_until;	/* Unix time, 0 for none */
	char	lang[8];	/* "ar", "en", "" for none */
};

/* Add a user; *id gets its id.  WMS_ERR_CONFLICT when the name is taken. */
int	db_user_add(struct db *, const char *name, const char *role,
	    const char *pw_hash, const char *at, int64_t *id,
	    struct wms_err *err);
/* 1 and *u filled when the user exists, 0 when not. */
int	db_user_get(struct db *, const char *name, struct db_user *u,
	    struct wms_err *err);
/*
 * Count a wrong password of user id at now (Unix time): the tries-th in a
 * row locks the account until `until`; a lock that has run out starts the
 * count again from one.
 */
int	db_user_fail(struct db *, int64_t id, int tries, int64_t now,
	    int64_t until, struct wms_err *err);
/* Clear the user's failures and lock (after the right password). */
int	db_user_ok(struct db *, int64_t id, struct wms_err *err);
int	db_user_set_lang(struct db *, int64_t id, const char *lang,
	    struct wms_err *err);
/*
 * Changes by name: 1 when the user was changed, 0 when there is no such
 * user.  A new password also clears the failures and the lock.
 */
int	db_user_passwd(struct db *, const char *name, const char *pw_hash,
	    struct wms_err *err);
int	db_user_set_role(struct db *, const char *name, const char *role,
	    struct wms_err *err);
int	db_user_unlock(struct db *, const char *name, struct wms_err *err);
/* *n gets the number of admins other than name. */
int	db_user_admins_besides(struct db *, const char *name, int64_t *n,
	    struct wms_err *err);

struct db_user_row {
	const char	*name;
	const char	*role;
	const char	*lang;		/* NULL for none */
	int64_t		 locked_until;
	const char	*created_at;
};
/* Every user by name; text valid during the call; non-zero from fn stops. */
int	db_user_each(struct db *, int (*fn)(const struct db_user_row *, void *),
	    void *arg, struct wms_err *err);

/* An entry of the audit chain. */
struct db_audit_entry {
	int64_t		 seq;
	const char	*at;
	const char	*user;
	const char	*action;
	const char	*doc;		/* NULL for none */
	const char	*detail;	/* JSON text */
	const char	*hash;
};

/*
 * The head of the chain: 1 with *seq (the entries written) and the last
 * entry's hash ("" for none), 0 when the counter row is missing.
 */
int	db_audit_head(struct db *, int64_t *seq, char hash[65],
	    struct wms_err *err);
/* Append e and make it the head, inside the caller's transaction. */
int	db_audit_append(struct db *, const struct db_audit_entry *e,
	    struct wms_err *err);
/* Every entry in seq order (streamed); non-zero from fn stops. */
int	db_audit_each(struct db *,
	    int (*fn)(const struct db_audit_entry *, void *), void *arg,
	    struct wms_err *err);

/* Take the next outbox number: 1 with *seq, 0 when the counter is missing. */
int	db_outbox_next(struct db *, int64_t *seq, struct wms_err *err);
/* Append an event to the outbox, inside the caller's transaction. */
int	db_outbox_add(struct db *, int64_t seq, const char *id,
	    const char *type, const char *subject, const char *payload,
	    const char *at, struct wms_err *err);

#endif
