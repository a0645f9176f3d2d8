/* Bidi and width for the terminal: FriBidi layout, cutting, padding, rows. */
#include "tui/bidi.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <fribidi.h>

#include "lib/text.h"
#include "lib/xmalloc.h"

#define BIDI_REPLACEMENT	0xFFFD

/*
 * Longest text (in bytes) handed to FriBidi, whose indices are int.  A
 * terminal line is far shorter; longer text goes out in logical order.
 */
#define BIDI_MAX_CHARS		(1 << 20)

/*
 * Decode the code point at s (len bytes left) into *cp and return its length;
 * an invalid byte is one byte of U+FFFD, which also takes one column.
 */
static size_t
bidi_next(const char *s, size_t len, uint32_t *cp)
{
	int	n;

	n = wms_utf8_next(s, len, cp);
	if (n < 0) {
		*cp = BIDI_REPLACEMENT;
		return 1;
	}
	return (size_t)n;
}

/*
 * Return a new copy of s in which every invalid byte and every C0 or C1
 * control character (which could drive the terminal) is U+FFFD.
 */
static char *
bidi_clean(const char *s)
{
	char		*out;
	size_t		 len, i, n, o;
	uint32_t	 cp;

	len = strlen(s);
	out = xreallocarray(NULL, len + 1, 3);	/* one byte may become three */
	o = 0;
	for (i = 0; i < len; i += n) {
		n = bidi_next(s + i, len - i, &cp);
		if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
			cp = BIDI_REPLACEMENT;
		o += wms_utf8_put(out + o, cp);
	}
	out[o] = '\0';
	return out;
}

/* Return 1 for format characters that only steer bidi or joining. */
static int
bidi_is_format(uint32_t cp)
{
	return cp == 0x061C || (cp >= 0x200C && cp <= 0x200F) ||
	    (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
	    cp == FRIBIDI_CHAR_FILL;
}

/*
 * Lay out the valid UTF-8 line s (len bytes) with FriBidi as one paragraph;
 * return a new string, or NULL when FriBidi fails.  This is fribidi_log2vis()
 * spelled out so that the flags are ours.  Ligatures leave U+FEFF fillers
 * behind, dropped here with the other format characters.
 */
static char *
bidi_layout(const char *s, size_t len, enum tui_dir dir)
{
	const FriBidiFlags	 flags =
	    FRIBIDI_FLAGS_DEFAULT | FRIBIDI_FLAGS_ARABIC;
	FriBidiChar		*str;
	FriBidiCharType		*types;
	FriBidiBracketType	*brackets;
	FriBidiLevel		*levels;
	FriBidiArabicProp	*joining;
	FriBidiParType		 base;
	FriBidiStrIndex		 n, i;
	char			*out = NULL;
	size_t			 off, o;
	uint32_t		 cp;

	/* Every code point takes at least one byte: len bounds the count. */
	str = xreallocarray(NULL, len + 1, sizeof *str);
	n = 0;
	off = 0;
	while (off < len) {
		off += bidi_next(s + off, len - off, &cp);
		str[n++] = cp;
	}
	types = xreallocarray(NULL, (size_t)n + 1, sizeof *types);
	brackets = xreallocarray(NULL, (size_t)n + 1, sizeof *brackets);
	levels = xreallocarray(NULL, (size_t)n + 1, sizeof *levels);
	joining = xreallocarray(NULL, (size_t)n + 1, sizeof *joining);

	base = (dir == TUI_DIR_RTL) ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_LTR;
	fribidi_get_bidi_types(str, n, types);
	fribidi_get_bracket_types(str, n, types, brackets);
	if (fribidi_get_par_embedding_levels_ex(types, brackets, n, &base,
	    levels) == 0)
		goto out;
	fribidi_get_joining_types(str, n, joining);
	fribidi_join_arabic(types, n, levels, joining);
	fribidi_shape(flags, levels, n, joining, str);
	if (fribidi_reorder_line(flags, types, n, 0, base, levels, str,
	    NULL) == 0)
		goto out;

	/* Shaping turns 2-byte letters into 3-byte forms: allow 4 each. */
	out = xreallocarray(NULL, (size_t)n + 1, 4);
	o = 0;
	for (i = 0; i < n; i++) {
		if (!bidi_is_format(str[i]))
			o += wms_utf8_put(out + o, str[i]);
	}
	out[o] = '\0';
out:
	free(joining);
	free(levels);
	free(brackets);
	free(types);
	free(str);
	return out;
}

char *
tui_bidi_visual(const char *text, enum tui_dir dir, size_t cols,
    enum tui_bidi_mode mode)
{
	char	*clean, *out;
	size_t	 len;

	clean = bidi_clean(text != NULL ? text : "");
	len = wms_text_fit(clean, cols);
	clean[len] = '\0';
	if (mode == TUI_BIDI_TERMINAL || len == 0 || len > BIDI_MAX_CHARS)
		return clean;
	out = bidi_layout(clean, len, dir);
	if (out == NULL)
		return clean;	/* FriBidi out of memory: logical order */
	free(clean);
	return out;
}

enum tui_dir
tui_bidi_auto(const char *text, enum tui_dir fallback)
{
	FriBidiCharType	 t;
	size_t		 len, i, depth;
	uint32_t	 cp;

	if (text == NULL)
		return fallback;
	len = strlen(text);
	depth = 0;
	i = 0;
	while (i < len) {
		i += bidi_next(text + i, len - i, &cp);
		t = fribidi_get_bidi_type(cp);
		if (t == FRIBIDI_TYPE_LRI || t == FRIBIDI_TYPE_RLI ||
		    t == FRIBIDI_TYPE_FSI)
			depth++;
		else if (t == FRIBIDI_TYPE_PDI) {
			if (depth > 0)
				depth--;
		} else if (depth > 0)
			continue;	/* rule P2 skips isolates */
		else if (t == FRIBIDI_TYPE_LTR)
			return TUI_DIR_LTR;
		else if (t == FRIBIDI_TYPE_RTL || t == FRIBIDI_TYPE_AL)
			return TUI_DIR_RTL;
	}
	return fallback;
}

/*
 * Return how many leading bytes of s (len bytes, w columns) to drop so that
 * at most cols columns remain: whole characters with the zero-width marks
 * that follow them, so no mark is left without its base.
 */
static size_t
bidi_cut_left(const char *s, size_t len, size_t w, size_t cols)
{
	size_t		i, n;
	uint32_t	cp;

	i = 0;
	while (w > cols && i < len) {
		n = bidi_next(s + i, len - i, &cp);
		w -= wms_cp_width(cp);
		i += n;
		while (i < len) {
			n = bidi_next(s + i, len - i, &cp);
			if (wms_cp_width(cp) != 0)
				break;
			i += n;
		}
	}
	return i;
}

char *
tui_pad(const char *visual, size_t cols, enum tui_dir dir, int align_right)
{
	const char	*s;
	char		*out;
	size_t		 len, w, pad;

	s = (visual != NULL) ? visual : "";
	len = strlen(s);
	w = wms_text_width(s);
	if (w > cols) {
		if (dir == TUI_DIR_RTL) {
			s += bidi_cut_left(s, len, w, cols);
			len = strlen(s);
		} else
			len = wms_text_fit(s, cols);
	}
	out = xmalloc(len + cols + 1);
	memcpy(out, s, len);
	out[len] = '\0';
	pad = cols - wms_text_width(out);
	if (dir == TUI_DIR_RTL || align_right) {
		memmove(out + pad, out, len + 1);
		memset(out, ' ', pad);
	} else {
		memset(out + len, ' ', pad);
		out[len + pad] = '\0';
	}
	return out;
}

char *
tui_row(const char *const *cells, const size_t *widths, size_t ncells,
    size_t width, enum tui_dir dir)
{
	char	*line, *cell, *out;
	size_t	 len, clen, i, k;

	line = xstrdup("");
	len = 0;
	for (i = 0; i < ncells; i++) {
		k = (dir == TUI_DIR_RTL) ? ncells - 1 - i : i;
		cell = tui_pad(cells[k], widths[k], dir, 0);
		clen = strlen(cell);
		line = xrealloc(line, len + clen + 2);
		if (i > 0)
			line[len++] = ' ';
		memcpy(line + len, cell, clen + 1);
		len += clen;
		free(cell);
	}
	out = tui_pad(line, width, dir, 0);
	free(line);
	return out;
}
