/*
 * The session: one open depot database and the user acting on it.  The
 * handle, its accessors and the clock are core/session.c; wms_init() is
 * core/init.c, logging in core/login.c, the users core/user.c and the
 * roles core/role.c.
 */
#ifndef WMS_H
#define WMS_H

#include <stdint.h>
#include <time.h>

#include "lib/err.h"

struct wms;
struct db;

enum wms_role {
	WMS_ROLE_NONE = 0,
	WMS_ROLE_STOREKEEPER,
	WMS_ROLE_SUPERVISOR,
	WMS_ROLE_AUDITOR,
	WMS_ROLE_ADMIN,
};

/*
 * What an operation needs; core/role.c has the table that says which role
 * may do what.  Every write checks it in core/, whatever screen called it.
 */
enum wms_perm {
	WMS_PERM_READ,		/* stock, ledger, reports, audit */
	WMS_PERM_POST,		/* receive, issue, move, transfer */
	WMS_PERM_COUNT,		/* start a count, enter counted quantities */
	WMS_PERM_SUPERVISE,	/* adjust, reverse, review and post counts,
				   issue an expired lot */
	WMS_PERM_MASTER,	/* items, units, locations, cost centres */
	WMS_PERM_ADMIN,		/* users, depots */
};

/* Failed logins before the account locks, and for how long. */
#define WMS_LOGIN_TRIES		5
#define WMS_LOCK_SECONDS	(15 * 60)

/*
 * Create a new database at path for site `site` with its first user, an
 * admin; refuses an existing file.  The password must have at least 8
 * characters.
 */
int		 wms_init(const char *path, const char *site, const char *admin,
		    const char *password, struct wms_err *err);
/* Open an existing database; nobody is logged in yet. */
struct wms	*wms_open(const char *path, struct wms_err *err);
void		 wms_close(struct wms *);
/*
 * Log in: WMS_ERR_DENIED for an unknown user or a wrong password (the same
 * words for both), or a locked account (with the minutes left).  A wrong
 * password is counted even though the call fails.
 */
int		 wms_login(struct wms *, const char *user, const char *password,
		    struct wms_err *err);
/* Act as a user without a password: the demo builder and tests only. */
int		 wms_login_trusted(struct wms *, const char *user,
		    struct wms_err *err);
/* 0 when the logged-in user may, else WMS_ERR_DENIED naming role and need. */
int		 wms_require(struct wms *, enum wms_perm, struct wms_err *err);

struct db	*wms_db(struct wms *);
const char	*wms_user_name(struct wms *);
int64_t		 wms_user_id(struct wms *);
enum wms_role	 wms_user_role(struct wms *);
/* The user's chosen language ("ar", "en") or NULL. */
const char	*wms_user_lang(struct wms *);
const char	*wms_site(struct wms *);
/* Decimals of the currency's minor unit (2 unless the site says else). */
int		 wms_currency_minor(struct wms *);

const char	*wms_role_name(enum wms_role);
enum wms_role	 wms_role_parse(const char *);

/*
 * The clock: postings are stamped with it.  0 (the default) is the real
 * time; the demo builder sets past times to write months of history.
 */
void		 wms_set_clock(struct wms *, time_t);
time_t		 wms_now(struct wms *);
/* Now as stored: UTC ISO 8601 with milliseconds, "2026-11-26T20:58:01.123Z". */
void		 wms_now_iso(struct wms *, char out[32]);

/* Users (WMS_PERM_ADMIN; a user may change their own password). */
int		 wms_user_add(struct wms *, const char *name, const char *role,
		    const char *password, struct wms_err *err);
int		 wms_user_passwd(struct wms *, const char *name,
		    const char *password, struct wms_err *err);
int		 wms_user_set_lang(struct wms *, const char *lang,
		    struct wms_err *err);
/*
 * Give a user another role (WMS_PERM_ADMIN); the last admin keeps the
 * role, so that somebody can always manage the users.
 */
int		 wms_user_set_role(struct wms *, const char *name,
		    const char *role, struct wms_err *err);
/* Clear a user's failed logins and lock (WMS_PERM_ADMIN). */
int		 wms_user_unlock(struct wms *, const char *name,
		    struct wms_err *err);

#endif
