/* The terminal UI: what cmd/ calls to run it. */
#ifndef TUI_H
#define TUI_H

#include "core/err.h"
#include "tui/bidi.h"

struct wms;

/* What the login screen starts with. */
struct tui_login_arg {
	const char	*user;		/* filled in, or NULL */
	const char	*hint;		/* a line under the fields, or NULL */
};

/*
 * Run the terminal UI on an open database: the login screen, then the
 * home screen.  lang is "ar", "en" or NULL (Arabic until the user's own
 * choice is known at login).  Restores the terminal on every way out, a
 * crash included.  0 when the user quits; WMS_ERR_USAGE when there is no
 * terminal.
 */
int	tui_run(struct wms *, const struct tui_login_arg *, const char *lang,
	    enum tui_bidi_mode, struct wms_err *err);

#endif
