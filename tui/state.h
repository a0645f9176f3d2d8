/*
 * Inside tui/ only: the UI's state, struct tui.  tui/state.c answers what
 * the screens, the drawing (draw.c) and the bindings (keys.c) ask of it
 * through tui/screen.h; tui/tui.c, the loop, runs it.  So the loop calls
 * draw.c and keys.c, and they never call back into the loop.
 */
#ifndef TUI_STATE_H
#define TUI_STATE_H

#include "tui/screen.h"

#define TUI_DEPTH	8

struct tui {
	struct wms			*w;
	struct tui_screen		 stack[TUI_DEPTH];
	int				 depth;
	const struct tui_screen_entry	*push;		/* asked by key() */
	void				*push_arg;
	const struct tui_screen_entry	*reset;
	enum tui_bidi_mode		 mode;
	char				 lang[4];
	char				 status[256];
	int				 help;		/* F1 shown */
	int				 quit;
	int				 ask_quit;	/* F10 asked: again
							 * or y quits */
	int				 lang_fixed;	/* --lang given: the
							 * login keeps it */
	int				 flash;		/* a scan dropped:
							 * flash once */
	unsigned			 posted;	/* postings so far */
	int				 count_self_post;
	int				 bus;		/* [bus] nats = given */
	char				 currency[8];
	/* The station's devices, polled on threads of their own. */
	const char			*station;	/* NULL: no station */
	const char			*printer;	/* NULL: none */
	int				 poll_ms;
	int				 devices_on;	/* looked for */
	struct dev_poll			*scale, *scanner;
	char				 scale_name[33];
	char				 scanner_name[33];
};

#endif
