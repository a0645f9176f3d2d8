/* Bidi and width for the terminal: reorder, shape, cut, pad and mirror rows. */
#ifndef TUI_BIDI_H
#define TUI_BIDI_H

#include <stddef.h>

/*
 * SELF: makhzan reorders and shapes (Linux console, xterm, tmux, screen).
 * TERMINAL: the terminal does it (VTE with bidi on, Konsole, mlterm), so
 * text goes out in logical order.
 */
enum tui_bidi_mode {
	TUI_BIDI_SELF,
	TUI_BIDI_TERMINAL
};

/* The layout direction of the screen (the Arabic UI is RTL). */
enum tui_dir {
	TUI_DIR_LTR,
	TUI_DIR_RTL
};

/*
 * Return a new string (the caller frees it): text as it should be written
 * to the terminal, left to right, for one line of at most cols columns.
 * Invalid UTF-8 bytes and control characters become U+FFFD.  The logical
 * text is first cut to cols columns (its beginning kept, never between a
 * character and its combining marks).  In SELF mode the cut text is then
 * laid out by FriBidi as one paragraph of direction dir (use
 * tui_bidi_auto() for a single cell): Arabic shaped to presentation forms
 * with the mandatory lam-alef ligatures, brackets mirrored, Latin and number
 * runs kept left to right, marks after their base; bidi format characters
 * are dropped.  In TERMINAL mode the cut text is returned as it is.
 */
char		*tui_bidi_visual(const char *text, enum tui_dir dir,
		    size_t cols, enum tui_bidi_mode mode);

/*
 * Return the direction of text by its first strong character (Arabic or
 * Hebrew RTL, Latin LTR), skipping isolates; fallback when there is none.
 */
enum tui_dir	 tui_bidi_auto(const char *text, enum tui_dir fallback);

/*
 * Return a new string of exactly cols columns: visual padded with spaces on
 * the left when dir is RTL or align_right is set, else on the right.  Text
 * wider than cols loses its end: the right side for LTR, the left side for
 * RTL, whole characters with their marks; a wide character that no longer
 * fits is replaced by padding.
 */
char		*tui_pad(const char *visual, size_t cols, enum tui_dir dir,
		    int align_right);

/*
 * Return a new string of exactly width columns: ncells cells, given in
 * logical order (cells[0] is the first column of the table), each fitted to
 * widths[i] columns with tui_pad() and separated by one space.  For RTL the
 * row is mirrored, cells[0] at the right edge, and the spare columns go on
 * the left; for LTR cells[0] is at the left edge.  A NULL cell is empty.
 */
char		*tui_row(const char *const *cells, const size_t *widths,
		    size_t ncells, size_t width, enum tui_dir dir);

#endif
