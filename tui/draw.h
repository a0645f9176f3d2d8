/*
 * The terminal as the loop (tui/tui.c) sees it: set-up and restore, a key,
 * a frame of text.  tui/draw.c is the only file that includes curses;
 * screens draw with the tui_put* functions of tui/screen.h, also there.
 */
#ifndef TUI_DRAW_H
#define TUI_DRAW_H

#include "lib/err.h"
#include "tui/screen.h"

/* A terminal resized: the loop draws again (curses' KEY_RESIZE). */
#define TUI_KEY_RESIZE	(TUI_KEY_FN + 0632)

/* How a piece of text looks. */
enum tui_style {
	TUI_STYLE_NORMAL,
	TUI_STYLE_BOLD,
	TUI_STYLE_REVERSE,	/* the title and the key bar */
	TUI_STYLE_UNDERLINE,	/* a field without the focus */
	TUI_STYLE_REVERSE_BOLD,	/* the live weight on the title line */
};

/*
 * Take the terminal: raw keys, no echo, function keys decoded, Esc after
 * 50 ms, a key waited for 100 ms at most, no cursor.  WMS_ERR_IO when
 * curses cannot start.
 */
int	tui_term_start(struct wms_err *err);
/*
 * Give the terminal back as it was.  Safe to call again, and from a
 * signal handler or atexit: every way out comes through here.
 */
void	tui_term_restore(void);
/*
 * The next key as a code point or TUI_KEY_FN + a key code (Return as
 * '\n', ^H as TUI_KEY_BACKSPACE); -1 when none came within 100 ms.
 */
int	tui_term_key(void);
/* The next key if one is waiting, else -1 at once (never waits). */
int	tui_term_poll(void);
/* 1 while curses has the terminal (not under the unit tests). */
int	tui_term_on(void);
/* Start a frame: everything blank. */
void	tui_term_clear(void);
/* Show the frame drawn since tui_term_clear. */
void	tui_term_show(void);
/* A short flash of the screen (or a beep): a scan was dropped. */
void	tui_term_flash(void);
/* Text at a terminal position as it is: no bidi, no mirroring. */
void	tui_term_plain(int row, int col, const char *text);
/* A whole row of blanks in style (the title bar). */
void	tui_fill_row(int row, enum tui_style);
/* tui_put in a style. */
void	tui_put_style(struct tui *, int row, int col, int width,
	    const char *text, int align_end, enum tui_style);

#endif
