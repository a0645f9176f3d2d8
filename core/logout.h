/*
 * Log out without closing the session: the terminal UI's "change of
 * user", which keeps the station's devices running (core/logout.c).
 */
#ifndef WMS_LOGOUT_H
#define WMS_LOGOUT_H

struct wms;

/* Nobody is logged in from now on; the database stays open. */
void	wms_logout(struct wms *);

#endif
