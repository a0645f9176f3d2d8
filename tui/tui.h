/* The terminal UI: what cmd/ calls to run it. */
#ifndef TUI_H
#define TUI_H

#include "lib/err.h"
#include "tui/bidi.h"

struct wms;

/* What the login screen starts with. */
struct tui_login_arg {
	const char	*user;		/* filled in, or NULL */
	const char	*hint;		/* a line under the fields, or NULL */
};

/* How the terminal UI runs. */
struct tui_opts {
	const char		*lang;		/* "ar", "en" or NULL: Arabic
						 * until the user's own choice
						 * is known at login */
	enum tui_bidi_mode	 bidi;
	const char		*station;	/* whose devices; NULL: the
						 * devices of no station */
	int			 poll_ms;	/* 0: 200, five a second */
	const char		*printer;	/* labels: tcp://HOST[:PORT] or
						 * cups:QUEUE; NULL: none */
};

/*
 * Run the terminal UI on an open database: the login screen, then the
 * home screen.  Once somebody is logged in, the station's first scale and
 * first scanner are polled on threads of their own.  Restores the
 * terminal on every way out, a crash included.  0 when the user quits;
 * WMS_ERR_USAGE when there is no terminal.
 */
int	tui_run(struct wms *, const struct tui_login_arg *,
	    const struct tui_opts *, struct wms_err *err);

#endif
