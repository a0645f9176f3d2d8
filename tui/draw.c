/* Drawing on the terminal: the only file that includes curses. */
#define _XOPEN_SOURCE_EXTENDED 1
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "lib/i18n.h"
#include "lib/text.h"
#include "tui/draw.h"
#include "tui/screen.h"

/* The key codes of tui/screen.h and tui/draw.h are curses' own. */
_Static_assert(TUI_KEY_DOWN == TUI_KEY_FN + KEY_DOWN, "KEY_DOWN");
_Static_assert(TUI_KEY_UP == TUI_KEY_FN + KEY_UP, "KEY_UP");
_Static_assert(TUI_KEY_BS == TUI_KEY_FN + KEY_BACKSPACE, "KEY_BACKSPACE");
_Static_assert(TUI_KEY_F(1) == TUI_KEY_FN + KEY_F(1), "KEY_F");
_Static_assert(TUI_KEY_NPAGE == TUI_KEY_FN + KEY_NPAGE &&
    TUI_KEY_PPAGE == TUI_KEY_FN + KEY_PPAGE &&
    TUI_KEY_HOME == TUI_KEY_FN + KEY_HOME &&
    TUI_KEY_END == TUI_KEY_FN + KEY_END, "KEY_NPAGE");
_Static_assert(TUI_KEY_RESIZE == TUI_KEY_FN + KEY_RESIZE, "KEY_RESIZE");

static int draw_on;	/* curses has the terminal */
static int draw_field;	/* a field is being drawn */

/*
 * For the tests: MAKHZAN_TUI_CUTLOG=FILE names a file where every text
 * drawn narrower than it is (cut) is written, a line each: the columns it
 * had, a tab, the text whole.  tests/integration/tui-uncut.sh reads it.
 */
static void
draw_cut(const char *text, int width)
{
	static FILE	*log;
	static int	 tried;
	const char	*path;

	if (!tried) {
		tried = 1;
		if ((path = getenv("MAKHZAN_TUI_CUTLOG")) != NULL &&
		    *path != '\0')
			log = fopen(path, "a");
	}
	if (log == NULL)
		return;
	fprintf(log, "%d\t%s\n", width, text);
	fflush(log);
}

static const attr_t draw_attr[] = {
	[TUI_STYLE_NORMAL] = A_NORMAL,
	[TUI_STYLE_BOLD] = A_BOLD,
	[TUI_STYLE_REVERSE] = A_REVERSE,
	[TUI_STYLE_UNDERLINE] = A_UNDERLINE,
	[TUI_STYLE_REVERSE_BOLD] = A_REVERSE | A_BOLD,
};

int
tui_term_start(struct wms_err *err)
{
	if (initscr() == NULL)
		return wms_err_set(err, WMS_ERR_IO, _("cannot start curses"));
	draw_on = 1;
	raw();
	noecho();
	keypad(stdscr, TRUE);
	set_escdelay(50);
	timeout(100);
	curs_set(0);
	return 0;
}

void
tui_term_restore(void)
{
	if (draw_on) {
		draw_on = 0;
		endwin();
	}
}

int
tui_term_key(void)
{
	wint_t	wc;
	int	rc;

	rc = get_wch(&wc);
	if (rc == ERR)
		return -1;
	if (rc == KEY_CODE_YES)
		return TUI_KEY_FN + (int)wc;
	if (wc == '\r')
		return '\n';
	if (wc == 8)
		return TUI_KEY_BACKSPACE;
	return (int)wc;
}

int
tui_term_poll(void)
{
	int key;

	if (!draw_on)
		return -1;
	timeout(0);
	key = tui_term_key();
	timeout(100);
	return key;
}

int
tui_term_on(void)
{
	return draw_on;
}

void
tui_term_clear(void)
{
	erase();
}

void
tui_term_show(void)
{
	refresh();
}

void
tui_term_flash(void)
{
	/* A visible bell where the terminal has one, else the beep. */
	if (flash() == ERR)
		beep();
}

void
tui_term_plain(int row, int col, const char *text)
{
	mvaddstr(row, col, text);
}

void
tui_fill_row(int row, enum tui_style style)
{
	attron(draw_attr[style]);
	mvhline(row, 0, ' ', COLS);
	attroff(draw_attr[style]);
}

int
tui_rows(struct tui *t)
{
	(void)t;
	return LINES;
}

int
tui_cols(struct tui *t)
{
	(void)t;
	return COLS;
}

/* Write text at a logical column: mirrored for a right-to-left screen. */
void
tui_put_style(struct tui *t, int row, int col, int width, const char *text,
    int align_end, enum tui_style style)
{
	enum tui_dir	 dir = tui_dir(t);
	char		*vis, *pad;
	int		 x;

	if (width <= 0 || row < 0 || row >= LINES || col >= COLS)
		return;
	if (col + width > COLS)
		width = COLS - col;
	/* A field scrolls what is typed; anything else should fit. */
	if (style != TUI_STYLE_UNDERLINE && !draw_field && text != NULL &&
	    wms_text_width(text) > (size_t)width)
		draw_cut(text, width);
	vis = tui_bidi_visual(text != NULL ? text : "", dir, (size_t)width,
	    tui_mode(t));
	pad = tui_pad(vis, (size_t)width, align_end ? (dir == TUI_DIR_RTL ?
	    TUI_DIR_LTR : TUI_DIR_RTL) : dir, 0);
	x = dir == TUI_DIR_RTL ? COLS - col - width : col;
	attron(draw_attr[style]);
	mvaddstr(row, x, pad);
	attroff(draw_attr[style]);
	free(vis);
	free(pad);
}

void
tui_put(struct tui *t, int row, int col, int width, const char *text,
    int align_end)
{
	tui_put_style(t, row, col, width, text, align_end, TUI_STYLE_NORMAL);
}

void
tui_put_bold(struct tui *t, int row, int col, int width, const char *text)
{
	tui_put_style(t, row, col, width, text, 0, TUI_STYLE_BOLD);
}

void
tui_put_field(struct tui *t, int row, int col, int width,
    const struct tui_field *f, int focused)
{
	char	stars[256];
	size_t	n;

	if (f->secret) {
		n = wms_text_width(f->text);
		if (n > sizeof stars - 1)
			n = sizeof stars - 1;
		memset(stars, '*', n);
		stars[n] = '\0';
	}
	draw_field = 1;
	tui_put_style(t, row, col, width, f->secret ? stars : f->text, 0,
	    focused ? TUI_STYLE_REVERSE : TUI_STYLE_UNDERLINE);
	draw_field = 0;
}

void
tui_put_num(struct tui *t, int row, int col, int width, const char *text)
{
	char buf[128];

	/* In a right-to-left line "-25.00" would become "25.00-": isolate. */
	if (tui_dir(t) == TUI_DIR_RTL) {
		snprintf(buf, sizeof buf, "\u2066%s\u2069", text);
		text = buf;
	}
	tui_put(t, row, col, width, text, 1);
}
