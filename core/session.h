/*
 * Inside core/ only: making a session and saying who it is for.  The
 * floors above open one with wms_open() and log in (core/wms.h).
 */
#ifndef WMS_SESSION_H
#define WMS_SESSION_H

#include <stdint.h>

#include "core/wms.h"

/*
 * A session over db, which it takes over (wms_close closes it): nobody
 * logged in, no site yet, currency with 2 decimals.  NULL and err when the
 * crypto library cannot start (db is then the caller's still).
 */
struct wms	*wms_session_new(struct db *db, struct wms_err *err);
/* The site the session's database belongs to, and its currency decimals. */
void		 wms_session_set_site(struct wms *, const char *site,
		    int minor);
/* Act as this user from now on; lang NULL or "" for none. */
void		 wms_session_set_user(struct wms *, int64_t id,
		    const char *name, enum wms_role role, const char *lang);
/* The logged-in user's role changed (by an admin, maybe themself). */
void		 wms_session_set_role(struct wms *, enum wms_role role);

#endif
