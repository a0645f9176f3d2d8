/*
 * Screens: one const struct tui_screen_entry per screen-*.c file.  key()
 * changes the screen's state and returns what the loop should do; only
 * draw() touches curses, so screens are tested without a terminal.
 */
#ifndef TUI_SCREEN_H
#define TUI_SCREEN_H

#include <stddef.h>

#include "core/err.h"
#include "tui/bidi.h"

struct wms;
struct tui;
struct tui_screen;

/* What key() asks of the loop. */
#define TUI_IGNORED	0x00
#define TUI_HANDLED	0x01
#define TUI_REDRAW	0x02
#define TUI_POP		0x04	/* close this screen */
#define TUI_QUIT	0x08

/*
 * Keys: a Unicode code point, or a curses key code (KEY_F(1), KEY_UP ...)
 * plus TUI_KEY_FN, so that the two never meet.
 */
#define TUI_KEY_FN	0x200000
#define TUI_KEY_ENTER	'\n'
#define TUI_KEY_ESC	0x1b
#define TUI_KEY_TAB	'\t'
#define TUI_KEY_BACKSPACE 0x7f
/* The curses key codes the screens use (tui.c checks them against curses). */
#define TUI_KEY_DOWN	(TUI_KEY_FN + 0402)
#define TUI_KEY_UP	(TUI_KEY_FN + 0403)
#define TUI_KEY_BS	(TUI_KEY_FN + 0407)
#define TUI_KEY_HOME	(TUI_KEY_FN + 0406)
#define TUI_KEY_END	(TUI_KEY_FN + 0550)
#define TUI_KEY_NPAGE	(TUI_KEY_FN + 0522)
#define TUI_KEY_PPAGE	(TUI_KEY_FN + 0523)
#define TUI_KEY_F(n)	(TUI_KEY_FN + 0410 + (n))

/*
 * A key binding shown in the bottom bar and in F1 help.  need is 0 for
 * everyone, or 1 + the enum wms_perm a user needs to see and use it (the
 * core still checks every write).
 */
struct tui_binding {
	int		 key;		/* as above */
	const char	*label;		/* "F1", "Esc" */
	const char	*what;		/* N_("help") */
	int		 need;
};

#define TUI_NEED(perm)	(1 + (perm))

/* 1 when the logged-in user may see and use the binding. */
int	tui_binding_allowed(struct tui *, const struct tui_binding *);
/*
 * The index in keys (ending with key 0) of the binding of key that the
 * user may use, or -1.  Letters match in either case.
 */
int	tui_key_find(struct tui *, const struct tui_binding *keys, int key);
/*
 * Move a list selection by ↑ ↓ PgUp PgDn Home End (page rows a page):
 * 1 when key was one of them, else 0.
 */
int	tui_list_key(int key, int *sel, int n, int page);

struct tui_screen_entry {
	const char			*name;
	const char			*title;		/* N_() */
	int				(*init)(struct tui_screen *, void *arg,
					    struct wms_err *);
	void				(*free)(struct tui_screen *);
	void				(*draw)(struct tui_screen *);
	int				(*key)(struct tui_screen *, int key);
	const struct tui_binding	*keys;		/* ends with key 0 */
};

struct tui_screen {
	const struct tui_screen_entry	*entry;
	struct tui			*tui;
	void				*data;
};

extern const struct tui_screen_entry tui_screen_login;
extern const struct tui_screen_entry tui_screen_home;
extern const struct tui_screen_entry tui_screen_items;
extern const struct tui_screen_entry tui_screen_item;
extern const struct tui_screen_entry tui_screen_receive;
extern const struct tui_screen_entry tui_screen_counts;		/* pick */
extern const struct tui_screen_entry tui_screen_count;		/* arg: number */
extern const struct tui_screen_entry tui_screen_count_review;	/* arg: number */
extern const struct tui_screen_entry tui_screen_reports;
extern const struct tui_screen_entry tui_screen_admin;

/* The session, the layout direction, the bidi mode. */
struct wms		*tui_wms(struct tui *);
enum tui_dir		 tui_dir(struct tui *);
enum tui_bidi_mode	 tui_mode(struct tui *);
/* Ask the loop to open a screen over this one once key() returns. */
void			 tui_push(struct tui *, const struct tui_screen_entry *,
			    void *arg);
/* Replace the whole stack by one screen (after login). */
void			 tui_reset(struct tui *, const struct tui_screen_entry *);
/* A message for the status line (translated by the caller). */
void			 tui_status(struct tui *, const char *fmt, ...)
			    __attribute__((format(printf, 2, 3)));
/* Switch the language of messages and the layout: "ar" or "en". */
void			 tui_set_lang(struct tui *, const char *lang);
const char		*tui_lang(struct tui *);

/* A one-line text field: typed code points kept as UTF-8. */
struct tui_field {
	char	text[256];
	size_t	len;
	int	secret;		/* shown as stars */
};

/* Edit the field by key: TUI_HANDLED when it changed, else TUI_IGNORED. */
int	tui_field_key(struct tui_field *, int key);
void	tui_field_clear(struct tui_field *);

/*
 * Drawing, for draw() only (tui/draw.c).  Columns are logical: counted
 * from the start of the line, the left in English and the right in
 * Arabic.  Text is reordered for the terminal as the bidi mode says.
 */
void	tui_put(struct tui *, int row, int col, int width, const char *text,
	    int align_end);
void	tui_put_bold(struct tui *, int row, int col, int width,
	    const char *text);
void	tui_put_field(struct tui *, int row, int col, int width,
	    const struct tui_field *, int focused);
/* A number, aligned to the end, kept left to right in an RTL line. */
void	tui_put_num(struct tui *, int row, int col, int width,
	    const char *text);
int	tui_rows(struct tui *);
int	tui_cols(struct tui *);

/*
 * For tests: a UI without a terminal, driven key by key.  The screen
 * stack, pushes and resets work as in tui_run; nothing is drawn.
 */
struct tui	*tui_test_new(struct wms *, const char *lang,
		    const struct tui_screen_entry *first, void *arg,
		    struct wms_err *err);
int		 tui_test_key(struct tui *, int key, struct wms_err *err);
const char	*tui_test_top(struct tui *);
void		*tui_test_data(struct tui *);
const char	*tui_test_status(struct tui *);
void		 tui_test_free(struct tui *);

#endif
