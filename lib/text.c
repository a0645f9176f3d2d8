/*
 * UTF-8 helpers: strict decoding, search folding, locale-free widths; the
 * rules for codes, names and identifiers.
 */
#include "lib/text.h"

#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "lib/err.h"
#include "lib/i18n.h"
#include "lib/xmalloc.h"

/* A closed range of code points. */
struct text_range {
	uint32_t	lo;
	uint32_t	hi;
};

/*
 * Characters that take no column: combining marks and format characters.
 * Sorted and disjoint, for text_in_table().
 */
static const struct text_range text_zero[] = {
	{ 0x0300, 0x036F },	/* combining diacritical marks */
	{ 0x0483, 0x0489 },	/* Cyrillic combining marks */
	{ 0x0591, 0x05BD },	/* Hebrew points */
	{ 0x05BF, 0x05BF },
	{ 0x05C1, 0x05C2 },
	{ 0x05C4, 0x05C5 },
	{ 0x05C7, 0x05C7 },
	{ 0x0610, 0x061A },	/* Arabic honorifics, small marks */
	{ 0x061C, 0x061C },	/* Arabic letter mark */
	{ 0x064B, 0x065F },	/* tashkeel */
	{ 0x0670, 0x0670 },	/* superscript alef */
	{ 0x06D6, 0x06DC },	/* Quranic annotation marks */
	{ 0x06DF, 0x06E4 },
	{ 0x06E7, 0x06E8 },
	{ 0x06EA, 0x06ED },
	{ 0x08D3, 0x08FF },	/* Arabic Extended-A marks */
	{ 0x1AB0, 0x1AFF },	/* combining diacritical marks extended */
	{ 0x1DC0, 0x1DFF },	/* combining diacritical marks supplement */
	{ 0x200B, 0x200F },	/* zero width space, joiners, LRM, RLM */
	{ 0x202A, 0x202E },	/* bidi embeddings and overrides */
	{ 0x2060, 0x2064 },	/* word joiner, invisible operators */
	{ 0x2066, 0x2069 },	/* bidi isolates */
	{ 0x20D0, 0x20FF },	/* combining marks for symbols */
	{ 0xFE00, 0xFE0F },	/* variation selectors */
	{ 0xFE20, 0xFE2F },	/* combining half marks */
	{ 0xFEFF, 0xFEFF },	/* zero width no-break space */
	{ 0xE0001, 0xE0001 },	/* language tag */
	{ 0xE0020, 0xE007F },	/* tags */
	{ 0xE0100, 0xE01EF },	/* variation selectors supplement */
};

/* East Asian wide and fullwidth characters.  Sorted and disjoint. */
static const struct text_range text_wide[] = {
	{ 0x1100, 0x115F },	/* Hangul Jamo initials */
	{ 0x2E80, 0x303E },	/* CJK radicals, punctuation */
	{ 0x3041, 0x33FF },	/* kana, CJK compatibility */
	{ 0x3400, 0x4DBF },	/* CJK extension A */
	{ 0x4E00, 0x9FFF },	/* CJK unified ideographs */
	{ 0xA000, 0xA4CF },	/* Yi */
	{ 0xAC00, 0xD7A3 },	/* Hangul syllables */
	{ 0xF900, 0xFAFF },	/* CJK compatibility ideographs */
	{ 0xFE30, 0xFE4F },	/* CJK compatibility forms */
	{ 0xFF00, 0xFF60 },	/* fullwidth forms */
	{ 0xFFE0, 0xFFE6 },	/* fullwidth signs */
	{ 0x1F300, 0x1F64F },	/* pictographs, emoticons */
	{ 0x1F680, 0x1F6FF },	/* transport and map symbols */
	{ 0x1F900, 0x1F9FF },	/* supplemental pictographs */
	{ 0x20000, 0x3FFFD },	/* CJK planes 2 and 3 */
};

#define TEXT_NITEMS(a)	(sizeof (a) / sizeof (a)[0])

static int
text_in_table(uint32_t cp, const struct text_range *t, size_t n)
{
	size_t	lo, hi, mid;

	if (n == 0 || cp < t[0].lo || cp > t[n - 1].hi)
		return 0;
	lo = 0;
	hi = n;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (cp > t[mid].hi)
			lo = mid + 1;
		else if (cp < t[mid].lo)
			hi = mid;
		else
			return 1;
	}
	return 0;
}

static int
text_is_zero(uint32_t cp)
{
	return text_in_table(cp, text_zero, TEXT_NITEMS(text_zero));
}

size_t
wms_cp_width(uint32_t cp)
{
	if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
		return 0;
	if (cp < 0x300)
		return 1;
	if (text_is_zero(cp))
		return 0;
	if (text_in_table(cp, text_wide, TEXT_NITEMS(text_wide)))
		return 2;
	return 1;
}

int
wms_utf8_next(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char	*p = (const unsigned char *)s;
	uint32_t		 c;
	unsigned char		 lo = 0x80, hi = 0xBF;
	size_t			 n, i;

	if (len == 0)
		return -1;
	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	if (p[0] >= 0xC2 && p[0] <= 0xDF) {
		n = 2;
		c = p[0] & 0x1F;
	} else if (p[0] >= 0xE0 && p[0] <= 0xEF) {
		n = 3;
		c = p[0] & 0x0F;
		if (p[0] == 0xE0)
			lo = 0xA0;	/* overlong */
		else if (p[0] == 0xED)
			hi = 0x9F;	/* surrogates */
	} else if (p[0] >= 0xF0 && p[0] <= 0xF4) {
		n = 4;
		c = p[0] & 0x07;
		if (p[0] == 0xF0)
			lo = 0x90;	/* overlong */
		else if (p[0] == 0xF4)
			hi = 0x8F;	/* above U+10FFFF */
	} else
		return -1;	/* continuation byte, C0, C1, F5-FF */

	/* Checked byte by byte, so a NUL stops the scan before len. */
	for (i = 1; i < n; i++) {
		if (i >= len || p[i] < lo || p[i] > hi)
			return -1;
		c = (c << 6) | (p[i] & 0x3F);
		lo = 0x80;
		hi = 0xBF;
	}
	*cp = c;
	return (int)n;
}

int
wms_utf8_valid(const char *s, size_t len)
{
	const uint64_t	ones = 0x0101010101010101ULL, highs = ones << 7;
	uint64_t	v;
	uint32_t	cp;
	size_t		i;
	int		n;

	for (i = 0; i < len; i += (size_t)n) {
		/* Eight ASCII bytes, none NUL, at once (most text is). */
		if (len - i >= 8) {
			memcpy(&v, s + i, 8);
			if (((v | ((v - ones) & ~v)) & highs) == 0) {
				n = 8;
				continue;
			}
		}
		n = wms_utf8_next(s + i, len - i, &cp);
		if (n < 0 || cp == 0)
			return 0;
	}
	return 1;
}

size_t
wms_utf8_put(char *out, uint32_t cp)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* Bytes needed to encode cp. */
static size_t
text_cp_len(uint32_t cp)
{
	if (cp < 0x80)
		return 1;
	if (cp < 0x800)
		return 2;
	if (cp < 0x10000)
		return 3;
	return 4;
}

/* Lowercase an uppercase Latin letter (ASCII, Latin-1, Latin Extended-A). */
static uint32_t
text_lower(uint32_t cp)
{
	if (cp >= 'A' && cp <= 'Z')
		return cp + ('a' - 'A');
	if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)
		return cp + 0x20;
	if ((cp >= 0x100 && cp <= 0x12F) || (cp >= 0x132 && cp <= 0x137) ||
	    (cp >= 0x14A && cp <= 0x177))
		return (cp % 2 == 0) ? cp + 1 : cp;
	if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E))
		return (cp % 2 == 1) ? cp + 1 : cp;
	if (cp == 0x130)	/* capital I with dot above */
		return 'i';
	if (cp == 0x178)	/* capital Y with diaeresis */
		return 0xFF;
	return cp;
}

/*
 * The search form of one code point, or 0 when it is dropped.  Every result
 * encodes in no more bytes than cp, so folding never grows a string.
 */
static uint32_t
text_fold_cp(uint32_t cp)
{
	if (cp < 0x80 || (cp >= 0xC0 && cp <= 0x17F))
		return text_lower(cp);
	switch (cp) {
	case 0x0622:	/* alef with madda above */
	case 0x0623:	/* alef with hamza above */
	case 0x0625:	/* alef with hamza below */
	case 0x0671:	/* alef wasla */
		return 0x0627;
	case 0x0629:	/* ta marbuta */
		return 0x0647;
	case 0x0649:	/* alef maqsura */
	case 0x0626:	/* ya with hamza above */
		return 0x064A;
	case 0x0624:	/* waw with hamza above */
		return 0x0648;
	case 0x0640:	/* tatweel */
	case 0x0670:	/* superscript alef */
		return 0;
	}
	if (cp >= 0x064B && cp <= 0x065F)	/* tashkeel */
		return 0;
	if (cp >= 0x0660 && cp <= 0x0669)	/* Arabic-Indic digits */
		return '0' + (cp - 0x0660);
	if (cp >= 0x06F0 && cp <= 0x06F9)	/* extended Arabic-Indic */
		return '0' + (cp - 0x06F0);
	return cp;
}

char *
wms_fold(const char *s)
{
	char		*out;
	size_t		 len, i, o;
	uint32_t	 cp, f;
	int		 n;

	len = strlen(s);
	out = xmalloc(len + 1);
	o = 0;
	for (i = 0; i < len; i += (size_t)n) {
		n = wms_utf8_next(s + i, len - i, &cp);
		if (n < 0) {
			out[o++] = s[i];	/* invalid byte: keep it */
			n = 1;
			continue;
		}
		f = text_fold_cp(cp);
		if (f == 0)
			continue;
		assert(text_cp_len(f) <= (size_t)n);
		o += wms_utf8_put(out + o, f);
	}
	out[o] = '\0';
	return out;
}

/* Columns and length of the code point at s, or of one invalid byte. */
static size_t
text_step(const char *s, size_t len, size_t *cols)
{
	uint32_t	cp;
	int		n;

	n = wms_utf8_next(s, len, &cp);
	if (n < 0) {
		*cols = 1;
		return 1;
	}
	*cols = wms_cp_width(cp);
	return (size_t)n;
}

size_t
wms_text_width(const char *s)
{
	size_t	len, i, w, cols;

	len = strlen(s);
	w = 0;
	for (i = 0; i < len; ) {
		i += text_step(s + i, len - i, &cols);
		w += cols;
	}
	return w;
}

/*
 * Combining marks take no column, so once a character fits the marks after
 * it fit too, and a character that does not fit stops the scan before its
 * marks: the cut never falls between the two.
 */
size_t
wms_text_fit(const char *s, size_t cols)
{
	size_t	len, i, n, used, w;

	len = strlen(s);
	used = 0;
	for (i = 0; i < len; i += n) {
		n = text_step(s + i, len - i, &w);
		if (w > cols - used)
			break;
		used += w;
	}
	return i;
}

/* The letters of codes, and of identifiers (which add lower case). */
#define TEXT_CODE_CHARS		"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_."
#define TEXT_IDENT_CHARS	TEXT_CODE_CHARS "abcdefghijklmnopqrstuvwxyz"

int
wms_code_chars(const char *s, size_t n)
{
	/* s may go on past n (a part of a path): all n are in the set when
	 * the run of set bytes is at least that long. */
	return strspn(s, TEXT_CODE_CHARS) >= n;
}

int
wms_code_valid(const char *s)
{
	size_t n;

	n = s != NULL ? strlen(s) : 0;
	return n >= 2 && n <= 24 && wms_code_chars(s, n);
}

int
wms_ident_valid(const char *s)
{
	size_t n;

	n = s != NULL ? strlen(s) : 0;
	return n >= 1 && n <= 32 && strspn(s, TEXT_IDENT_CHARS) == n;
}

int
wms_str_index(const char *const *names, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (names[i] != NULL && strcmp(names[i], s) == 0)
			return (int)i;
	return -1;
}

/* Characters that must not reach a terminal raw from a message. */
static int
text_hostile(uint32_t cp)
{
	if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f))
		return 1;
	/* Bidi embeddings, overrides and isolates reorder what follows. */
	if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069))
		return 1;
	/* Line and paragraph separators break the one line. */
	return cp == 0x2028 || cp == 0x2029;
}

int
wms_text_unsafe(const char *s, size_t len)
{
	uint32_t	cp;
	size_t		i = 0;
	int		n;

	while (i < len) {
		if ((unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x7f) {
			i++;
			continue;
		}
		n = wms_utf8_next(s + i, len - i, &cp);
		if (n < 0 || text_hostile(cp))
			return 1;
		i += (size_t)n;
	}
	return 0;
}

size_t
wms_text_escape(const char *s, size_t len, char *out, size_t size)
{
	uint32_t	cp;
	char		one[16];
	size_t		i = 0, o = 0, k;
	int		n;

	if (size == 0)
		return 0;
	while (i < len) {
		n = wms_utf8_next(s + i, len - i, &cp);
		if (n < 0) {
			snprintf(one, sizeof one, "\\x%02x",
			    (unsigned char)s[i]);
			k = strlen(one);
			n = 1;
		} else if (text_hostile(cp)) {
			if (cp < 0x100)
				snprintf(one, sizeof one, "\\x%02x",
				    (unsigned)cp);
			else
				snprintf(one, sizeof one, "\\u{%04x}",
				    (unsigned)cp);
			k = strlen(one);
		} else {
			memcpy(one, s + i, (size_t)n);
			k = (size_t)n;
		}
		/* Room for this piece, and for "..." should more follow. */
		if (o + k + (i + (size_t)n < len ? 3 : 0) + 1 > size) {
			if (o + 4 <= size) {
				memcpy(out + o, "...", 3);
				o += 3;
			}
			break;
		}
		memcpy(out + o, one, k);
		o += k;
		i += (size_t)n;
	}
	out[o] = '\0';
	return o;
}

