/*
 * The summary before a posting (tui/confirm.c): the document's lines with
 * their quantities, units and values, and F9 again to post.  A screen
 * fills a struct tui_confirm, opens it with tui_confirm_open, and its
 * post() runs only on that second F9.
 */
#ifndef TUI_CONFIRM_H
#define TUI_CONFIRM_H

#include <stdint.h>

#include "tui/screen.h"

struct tui_confirm_line {
	char	item[32];
	char	name[128];	/* in the language shown */
	char	qty[32];
	char	unit[16];
	char	detail[64];	/* lot and expiry, or "" */
	int64_t	value;		/* minor units */
	int	valued;		/* value is known */
};

struct tui_confirm {
	char			 what[160];	/* "Receipt to HMS/A/01" */
	struct tui_confirm_line	*lines;
	int			 n, cap;
	int			 no_value;	/* a line without a value */
	/* The owner's posting, run on the second F9 (the owner is the
	 * screen under the summary); 0 when posted. */
	int			(*post)(struct tui_screen *owner);
	struct tui_screen	*owner;
};

/* An empty summary for owner, posted by post. */
void	tui_confirm_init(struct tui_confirm *, struct tui_screen *owner,
	    int (*post)(struct tui_screen *), const char *what);
/*
 * A line: item (its name looked up), qty as text with its unit ("" for
 * the item's base unit, which is then shown), detail, and its value
 * when valued.
 */
void	tui_confirm_add(struct tui_confirm *, const char *item,
	    const char *qty, const char *unit, const char *detail,
	    int valued, int64_t value);
void	tui_confirm_fini(struct tui_confirm *);
/* Open the summary over its owner; c lives until the owner frees it. */
void	tui_confirm_open(struct tui_confirm *);

extern const struct tui_screen_entry tui_screen_confirm;

#endif
