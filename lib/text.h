/*
 * UTF-8 helpers: decoding, validation, search folding, terminal widths;
 * and the shared rules for codes, names and identifiers.
 */
#ifndef WMS_TEXT_H
#define WMS_TEXT_H

#include <stddef.h>
#include <stdint.h>

struct wms_err;

/*
 * Decode the code point at s, reading at most len bytes.  Returns its length
 * in bytes (1 to 4) and stores it in *cp, or -1 for an invalid sequence
 * (overlong, surrogate, above U+10FFFF, stray or missing continuation byte,
 * len 0); *cp is then untouched.  A NUL byte decodes as U+0000.
 */
int	 wms_utf8_next(const char *s, size_t len, uint32_t *cp);

/*
 * Return 1 if the len bytes at s are strictly valid UTF-8 and hold no NUL
 * byte, else 0.
 */
int	 wms_utf8_valid(const char *s, size_t len);

/* Write cp as UTF-8 at out (4 bytes at most); the number of bytes. */
size_t	 wms_utf8_put(char *out, uint32_t cp);

/* Terminal columns of one code point: 0 (controls, combining marks), 1, 2. */
size_t	 wms_cp_width(uint32_t cp);

/*
 * Return a new string (the caller frees it) folded for searching: Arabic
 * hamza and alef variants, ta marbuta and alef maqsura to their plain
 * letters, tashkeel and tatweel removed, Arabic-Indic digits to ASCII, Latin
 * letters (ASCII, Latin-1, Latin Extended-A) lowercased.  Everything else,
 * including bytes that are not valid UTF-8, is copied unchanged.  The result
 * is never longer than s.
 */
char	*wms_fold(const char *s);

/*
 * Return the number of terminal columns s takes: combining marks, format
 * and control characters 0, East Asian wide and fullwidth characters 2,
 * everything else (an invalid byte included) 1.  Independent of the locale.
 */
size_t	 wms_text_width(const char *s);

/*
 * Return how many leading bytes of s fit in cols terminal columns.  The cut
 * falls between whole code points and never separates a character from the
 * combining marks that follow it.
 */
size_t	 wms_text_fit(const char *s, size_t cols);

/* 1 when the n bytes at s are all of A-Z 0-9 - _ . (codes, path parts). */
int	 wms_code_chars(const char *s, size_t n);
/* The index of s among the n strings of names, or -1. */
int	 wms_str_index(const char *const *names, size_t n, const char *s);

/*
 * Codes of sites, depots, cost centres and items: 2 to 24 of A-Z 0-9 - _ .
 * (capital letters).  1 if valid, 0 if not (NULL too).
 */
int	 wms_code_valid(const char *s);

/*
 * Names of users, devices and stations: 1 to 32 of a-z A-Z 0-9 - _ .
 * 1 if valid, 0 if not (NULL and "" too).
 */
int	 wms_ident_valid(const char *s);

/*
 * A name people read (an item's Arabic name, a reason): valid UTF-8, 1 to
 * 200 bytes, no control characters.  0, or WMS_ERR_INVALID with err naming
 * what (already translated) and the fault.
 */
int	 wms_name_check(const char *what, const char *s, struct wms_err *err);

/*
 * Text from outside (an option's value, a CSV field, an INI value, a
 * scan): 0 when the len bytes at s are strictly valid UTF-8 without a NUL
 * byte (no overlong form, no surrogate, nothing above U+10FFFF), else
 * WMS_ERR_INVALID with one line in err naming what (already translated)
 * and the first bad byte's offset, the bytes quoted escaped.
 */
int	 wms_text_check(const char *what, const char *s, size_t len,
	    struct wms_err *err);

/*
 * Copy the len bytes at s to out (size bytes, NUL-terminated) for a
 * message: control characters (C0, DEL, C1), bidi embedding and override
 * marks and bytes that are not valid UTF-8 become \xNN escapes (\u{NNNN}
 * for the marks), so that hostile input never reaches a terminal raw and
 * a message stays on one line.  When out is too small the copy ends with
 * "..." between whole characters.  Returns the length written.
 */
size_t	 wms_text_escape(const char *s, size_t len, char *out, size_t size);

/* Whether the len bytes at s need wms_text_escape (0: print them as is). */
int	 wms_text_unsafe(const char *s, size_t len);

#endif
