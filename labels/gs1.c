/* The scanned-code parser: GS1 data, retail barcodes, locations, documents. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "lib/err.h"
#include "lib/i18n.h"
#include "core/qty.h"
#include "lib/text.h"
#include "labels/gs1.h"

#define SCAN_GS		0x1d	/* FNC1 as the ASCII group separator */
#define SCAN_MAX	255	/* longest trimmed text accepted, in bytes */

enum scan_fmt {
	SCAN_N_FIXED,		/* nN: exactly N digits */
	SCAN_N_VAR,		/* n..N: 1 to N digits */
	SCAN_X_VAR,		/* x..N: 1 to N characters of set 82 */
	SCAN_DATE,		/* n6 YYMMDD */
	SCAN_WEIGHT,		/* n6 with the decimals in the last AI digit */
};

enum scan_slot {
	SLOT_SSCC, SLOT_GTIN, SLOT_LOT, SLOT_PRODUCED, SLOT_BEST_BEFORE,
	SLOT_EXPIRY, SLOT_SERIAL, SLOT_COUNT, SLOT_WEIGHT, SLOT_ORDER,
	SLOT_ITEM, SLOT_NSLOTS
};

struct scan_ai {
	const char	*ai;
	int		 fmt;
	size_t		 len;	/* fixed length, or the maximum */
	int		 slot;
	int		 check;	/* the last digit is a GS1 check digit */
};

/* Prefix-free: no AI is the start of another. */
static const struct scan_ai scan_ais[] = {
	{ "00", SCAN_N_FIXED, 18, SLOT_SSCC, 1 },
	{ "01", SCAN_N_FIXED, 14, SLOT_GTIN, 1 },
	{ "02", SCAN_N_FIXED, 14, SLOT_GTIN, 1 },
	{ "10", SCAN_X_VAR, 20, SLOT_LOT, 0 },
	{ "11", SCAN_DATE, 6, SLOT_PRODUCED, 0 },
	{ "15", SCAN_DATE, 6, SLOT_BEST_BEFORE, 0 },
	{ "17", SCAN_DATE, 6, SLOT_EXPIRY, 0 },
	{ "21", SCAN_X_VAR, 20, SLOT_SERIAL, 0 },
	{ "30", SCAN_N_VAR, 8, SLOT_COUNT, 0 },
	{ "37", SCAN_N_VAR, 8, SLOT_COUNT, 0 },
	{ "3100", SCAN_WEIGHT, 6, SLOT_WEIGHT, 0 },
	{ "3101", SCAN_WEIGHT, 6, SLOT_WEIGHT, 0 },
	{ "3102", SCAN_WEIGHT, 6, SLOT_WEIGHT, 0 },
	{ "3103", SCAN_WEIGHT, 6, SLOT_WEIGHT, 0 },
	{ "3104", SCAN_WEIGHT, 6, SLOT_WEIGHT, 0 },
	{ "3105", SCAN_WEIGHT, 6, SLOT_WEIGHT, 0 },
	{ "400", SCAN_X_VAR, 30, SLOT_ORDER, 0 },
	{ "91", SCAN_X_VAR, 90, SLOT_ITEM, 0 },
};
#define SCAN_NAIS	(sizeof scan_ais / sizeof scan_ais[0])

/* Where a GS1 parse is: the result and which AI filled each slot. */
struct scan_state {
	struct label_scan	 r;
	const char		*seen[SLOT_NSLOTS];
};

static int
scan_digit(char c)
{
	return c >= '0' && c <= '9';
}

int
label_gs1_check_digit(const char *s, size_t n)
{
	size_t	i;
	int	sum = 0, w = 3;

	for (i = n; i > 0; i--) {
		if (!scan_digit(s[i - 1]))
			return -1;
		sum += (s[i - 1] - '0') * w;
		w = w == 3 ? 1 : 3;
	}
	return (10 - sum % 10) % 10;
}

/*
 * GS1 AI encodable character set 82 (General Specifications, figure
 * 7.11-1): printable ASCII without space and #$@[\]^`{|}~.  '"' is in it.
 */
static int
scan_set82(char c)
{
	return c > 0x20 && c < 0x7f && strchr("#$@[\\]^`{|}~", c) == NULL;
}

/*
 * Refuse the character at position pos (1-based) of AI ai, saying what was
 * expected there.
 */
static int
scan_bad_char(struct wms_err *err, const char *ai, size_t pos, char c,
    const char *expected)
{
	if (c > 0x20 && c < 0x7f)
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("GS1 AI (%s): '%c' at position %zu is not allowed, "
		    "expected %s"), ai, c, pos, expected);
	return wms_err_set(err, WMS_ERR_INVALID,
	    _("GS1 AI (%s): byte 0x%02x at position %zu is not allowed, "
	    "expected %s"), ai, (unsigned int)(unsigned char)c, pos, expected);
}

/* The number of digits of the (unknown) AI starting with these two digits. */
static size_t
scan_ai_len(const char *s)
{
	switch (s[0]) {
	case '2':
		return s[1] <= '2' ? 2 : 3;
	case '3':
		return s[1] == '0' || s[1] == '7' ? 2 : 4;
	case '4':
		return 3;
	case '7':
	case '8':
		return 4;
	default:
		return 2;
	}
}

/* The last day of month m (1-12) of year y. */
static int
scan_mdays(int y, int m)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return mdays[m - 1];
}

/*
 * The century of two-digit year yy by the GS1 General Specifications'
 * rolling window (7.12): from 49 years before this year (by the clock,
 * UTC) to 50 years after it.
 */
static int
scan_year(int yy)
{
	time_t		now = time(NULL);
	struct tm	tm;
	int		cur, cent, diff;

	if (gmtime_r(&now, &tm) == NULL)
		return 2000 + yy;
	cur = (tm.tm_year + 1900) % 100;
	cent = (tm.tm_year + 1900) - cur;
	diff = yy - cur;
	if (diff >= 51)
		cent -= 100;
	else if (diff <= -50)
		cent += 100;
	return cent + yy;
}

/* Store the validated YYMMDD at v as YYYY-MM-DD in out. */
static int
scan_date(const struct scan_ai *a, const char *v, size_t pos, char out[11],
    struct wms_err *err)
{
	char	buf[32];
	int	y, m, d;

	y = scan_year((v[0] - '0') * 10 + (v[1] - '0'));
	m = (v[2] - '0') * 10 + (v[3] - '0');
	d = (v[4] - '0') * 10 + (v[5] - '0');
	/* Day 00, allowed in every date AI: the last day of the month. */
	if (d == 0 && m >= 1 && m <= 12)
		d = scan_mdays(y, m);
	snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
	if (!wms_date_valid(buf))
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("GS1 AI (%s) at position %zu: %.6s is not a real date "
		    "(YYMMDD)"), a->ai, pos, v);
	memcpy(out, buf, 11);	/* a valid date is 10 bytes and a NUL */
	return 0;
}

/* Store the 6 digits at v, with the decimals AI a names, in thousandths. */
static void
scan_weight(const struct scan_ai *a, const char *v, int64_t *out)
{
	int64_t	x = 0;
	int	i, dec = a->ai[3] - '0';

	for (i = 0; i < 6; i++)
		x = x * 10 + (v[i] - '0');
	for (i = dec; i < 3; i++)
		x *= 10;
	if (dec == 4)
		x = (x + 5) / 10;
	else if (dec == 5)
		x = (x + 50) / 100;
	*out = x;
}

/*
 * Validate the vlen bytes at v, the value of AI a found at position pos
 * (1-based, the AI's first digit) and the value starting at vpos, and store
 * it in st.
 */
static int
scan_field(struct scan_state *st, const struct scan_ai *a, const char *v,
    size_t vlen, size_t pos, size_t vpos, struct wms_err *err)
{
	struct label_scan	*r = &st->r;
	char			*dst = NULL;
	size_t			 i;
	int			 cd;

	if (st->seen[a->slot] != NULL) {
		if (strcmp(st->seen[a->slot], a->ai) == 0)
			return wms_err_set(err, WMS_ERR_INVALID,
			    _("GS1 AI (%s) at position %zu is repeated"),
			    a->ai, pos);
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("GS1 AI (%s) at position %zu conflicts with AI (%s) "
		    "before it"), a->ai, pos, st->seen[a->slot]);
	}
	if (vlen == 0)
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("GS1 AI (%s) at position %zu is empty"), a->ai, pos);
	if (a->fmt == SCAN_X_VAR) {
		if (vlen > a->len)
			return wms_err_set(err, WMS_ERR_INVALID,
			    _("GS1 AI (%s) at position %zu is too long: at most "
			    "%zu characters, got %zu"), a->ai, pos, a->len,
			    vlen);
		for (i = 0; i < vlen; i++) {
			if (!scan_set82(v[i]))
				return scan_bad_char(err, a->ai, vpos + i, v[i],
				    _("printable ASCII without space and "
				    "#$@[\\]^`{|}~"));
		}
	} else {
		if (a->fmt == SCAN_N_VAR && vlen > a->len)
			return wms_err_set(err, WMS_ERR_INVALID,
			    _("GS1 AI (%s) at position %zu is too long: at most "
			    "%zu digits, got %zu"), a->ai, pos, a->len, vlen);
		if (a->fmt != SCAN_N_VAR && vlen < a->len)
			return wms_err_set(err, WMS_ERR_INVALID,
			    _("GS1 AI (%s) at position %zu is too short: "
			    "expected %zu digits, got %zu"), a->ai, pos, a->len,
			    vlen);
		if (a->fmt != SCAN_N_VAR && vlen > a->len)
			return wms_err_set(err, WMS_ERR_INVALID,
			    _("GS1 AI (%s) at position %zu is too long: "
			    "expected %zu digits, got %zu"), a->ai, pos, a->len,
			    vlen);
		for (i = 0; i < vlen; i++) {
			if (!scan_digit(v[i]))
				return scan_bad_char(err, a->ai, vpos + i, v[i],
				    _("a digit"));
		}
	}

	switch (a->slot) {
	case SLOT_SSCC:
	case SLOT_GTIN:
		cd = label_gs1_check_digit(v, vlen - 1);
		if (cd != v[vlen - 1] - '0')
			return wms_err_set(err, WMS_ERR_INVALID,
			    _("GS1 AI (%s) at position %zu: wrong check digit "
			    "in %.*s, expected %d"), a->ai, pos, (int)vlen, v,
			    cd);
		dst = a->slot == SLOT_SSCC ? r->sscc : r->gtin;
		break;
	case SLOT_LOT:
		dst = r->lot;
		break;
	case SLOT_SERIAL:
		dst = r->serial;
		break;
	case SLOT_ORDER:
		dst = r->order;
		break;
	case SLOT_ITEM:
		dst = r->item;
		break;
	case SLOT_PRODUCED:
		if (scan_date(a, v, pos, r->produced, err) != 0)
			return WMS_ERR_INVALID;
		break;
	case SLOT_BEST_BEFORE:
		if (scan_date(a, v, pos, r->best_before, err) != 0)
			return WMS_ERR_INVALID;
		break;
	case SLOT_EXPIRY:
		if (scan_date(a, v, pos, r->expiry, err) != 0)
			return WMS_ERR_INVALID;
		break;
	case SLOT_COUNT:
		r->count = 0;
		for (i = 0; i < vlen; i++)
			r->count = r->count * 10 + (v[i] - '0');
		break;
	case SLOT_WEIGHT:
		scan_weight(a, v, &r->net_kg_milli);
		break;
	}
	if (dst != NULL) {
		memcpy(dst, v, vlen);
		dst[vlen] = '\0';
	}
	st->seen[a->slot] = a->ai;
	return 0;
}

/* The supported AI whose digits start s (n bytes), or NULL. */
static const struct scan_ai *
scan_find(const char *s, size_t n)
{
	size_t	i, l;

	for (i = 0; i < SCAN_NAIS; i++) {
		l = strlen(scan_ais[i].ai);
		if (l <= n && memcmp(s, scan_ais[i].ai, l) == 0)
			return &scan_ais[i];
	}
	return NULL;
}

/*
 * Parse an element string: s[p..n) after any symbology identifier.  Fixed
 * fields need no separator; variable ones end at GS or at the end.
 */
static int
scan_elements(struct scan_state *st, const char *s, size_t p, size_t n,
    struct wms_err *err)
{
	const struct scan_ai	*a;
	size_t			 ai, e, l, fields = 0;

	while (p < n) {
		if (s[p] == SCAN_GS) {
			p++;
			continue;
		}
		if (!scan_digit(s[p]) || p + 1 >= n || !scan_digit(s[p + 1])) {
			e = scan_digit(s[p]) ? p + 1 : p;
			if (e < n && s[e] > 0x20 && s[e] < 0x7f)
				return wms_err_set(err, WMS_ERR_INVALID,
				    _("expected a GS1 application identifier "
				    "at position %zu, found '%c'"), e + 1,
				    s[e]);
			return wms_err_set(err, WMS_ERR_INVALID,
			    _("expected a GS1 application identifier at "
			    "position %zu"), e + 1);
		}
		ai = p;
		if ((a = scan_find(s + p, n - p)) == NULL) {
			l = scan_ai_len(s + p);
			for (e = p; e < n && e < p + l && scan_digit(s[e]); e++)
				;
			return wms_err_set(err, WMS_ERR_INVALID,
			    _("unknown GS1 application identifier %.*s at "
			    "position %zu"), (int)(e - p), s + p, p + 1);
		}
		p += strlen(a->ai);
		e = p;
		if (a->fmt == SCAN_N_VAR || a->fmt == SCAN_X_VAR) {
			while (e < n && s[e] != SCAN_GS)
				e++;
		} else {
			while (e < n && e < p + a->len && s[e] != SCAN_GS)
				e++;
		}
		if (scan_field(st, a, s + p, e - p, ai + 1, p + 1, err) != 0)
			return WMS_ERR_INVALID;
		p = e;
		fields++;
	}
	if (fields == 0)
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("no GS1 data after the separator"));
	return 0;
}

/*
 * Parse the human form: (AI)value(AI)value..., each value up to the next
 * '(' that is not written "\(" (GS1's bracketed syntax: "\(" is a '(' in
 * the value).
 */
static int
scan_parens(struct scan_state *st, const char *s, size_t n,
    struct wms_err *err)
{
	const struct scan_ai	*a;
	char			 v[SCAN_MAX + 1];
	size_t			 p = 0, ai, e, vlen;

	while (p < n) {
		if (s[p] != '(')
			return wms_err_set(err, WMS_ERR_INVALID,
			    _("expected '(' at position %zu"), p + 1);
		ai = ++p;
		while (p < n && scan_digit(s[p]))
			p++;
		if (p >= n || s[p] != ')' || p - ai < 2 || p - ai > 4)
			return wms_err_set(err, WMS_ERR_INVALID,
			    _("expected a GS1 application identifier of 2 to 4 "
			    "digits and ')' at position %zu"), ai + 1);
		a = scan_find(s + ai, p - ai);
		if (a == NULL || strlen(a->ai) != p - ai)
			return wms_err_set(err, WMS_ERR_INVALID,
			    _("unknown GS1 application identifier %.*s at "
			    "position %zu"), (int)(p - ai), s + ai, ai + 1);
		e = ++p;
		vlen = 0;
		while (e < n && s[e] != '(') {
			if (s[e] == '\\' && e + 1 < n && s[e + 1] == '(')
				e++;
			v[vlen++] = s[e++];
		}
		if (scan_field(st, a, v, vlen, ai + 1, p + 1, err) != 0)
			return WMS_ERR_INVALID;
		p = e;
	}
	return 0;
}

/*
 * 1 if s (n bytes) starts with "01" and a GTIN-14 whose check digit holds:
 * an element string scanned without its symbology identifier.
 */
static int
scan_raw_gs1(const char *s, size_t n)
{
	size_t	i;

	if (n < 16 || s[0] != '0' || s[1] != '1')
		return 0;
	for (i = 2; i < 16; i++) {
		if (!scan_digit(s[i]))
			return 0;
	}
	return label_gs1_check_digit(s + 2, 13) == s[15] - '0';
}

/* 1 if s starts with '(', one or more digits and ')'. */
static int
scan_paren_start(const char *s, size_t n)
{
	size_t	i;

	if (n < 3 || s[0] != '(')
		return 0;
	for (i = 1; i < n && scan_digit(s[i]); i++)
		;
	return i > 1 && i < n && s[i] == ')';
}

/* 1 if the n bytes at s are all of A-Z 0-9 and the characters in extra. */
static int
scan_chars(const char *s, size_t n, const char *extra)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (!(s[i] >= 'A' && s[i] <= 'Z') && !scan_digit(s[i]) &&
		    (s[i] == '\0' || strchr(extra, s[i]) == NULL))
			return 0;
	}
	return 1;
}

/* 1 if s (n bytes) is DEPOT-TYPE-YYYY-NNNNNN. */
static int
scan_document(const char *s, size_t n)
{
	static const char *types[] = { "GRN", "ISS", "MOV", "TRF", "ADJ",
	    "CNT", "REV", "RTS", "RTN" };
	const char	*dash;
	size_t		 d, i;

	if ((dash = memchr(s, '-', n)) == NULL)
		return 0;
	d = dash - s;
	/* DEPOT "-" TYPE "-" YYYY "-" NNNNNN: the tail is 3+1+4+1+6+1. */
	if (d < 2 || d > 24 || n != d + 16 || !scan_chars(s, d, "_."))
		return 0;
	s += d + 1;
	for (i = 0; i < sizeof types / sizeof types[0]; i++) {
		if (memcmp(s, types[i], 3) == 0)
			break;
	}
	if (i == sizeof types / sizeof types[0] || s[3] != '-' || s[8] != '-')
		return 0;
	for (i = 4; i < 15; i++) {
		if (i != 8 && !scan_digit(s[i]))
			return 0;
	}
	return 1;
}

/* 1 if s (n bytes) is PART/PART[/PART...] with a first part of 2-24. */
static int
scan_location(const char *s, size_t n)
{
	size_t	p = 0, e, parts = 0;

	if (memchr(s, '/', n) == NULL)
		return 0;
	while (p <= n) {
		for (e = p; e < n && s[e] != '/'; e++)
			;
		if (e - p < (parts == 0 ? 2u : 1u) || e - p > 24 ||
		    !scan_chars(s + p, e - p, "-_."))
			return 0;
		parts++;
		p = e + 1;
	}
	return parts >= 2;
}

/* Copy the n bytes at s into out->text. */
static void
scan_text(struct label_scan *out, const char *s, size_t n)
{
	memcpy(out->text, s, n);
	out->text[n] = '\0';
}

/*
 * The n digits at s (8, 12 or 13) as a retail barcode: the check digit
 * verified, the text and the GTIN-14 (padded with zeros) in st.
 */
static int
scan_barcode(struct scan_state *st, const char *s, size_t n,
    struct wms_err *err)
{
	const char	*name;
	int		 cd;

	cd = label_gs1_check_digit(s, n - 1);
	if (cd != s[n - 1] - '0') {
		name = n == 8 ? "EAN-8" : n == 12 ? "UPC-A" : "EAN-13";
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("%s barcode %.*s: wrong check digit, expected %d"),
		    name, (int)n, s, cd);
	}
	scan_text(&st->r, s, n);
	st->r.kind = LABEL_SCAN_BARCODE;
	memset(st->r.gtin, '0', 14 - n);
	memcpy(st->r.gtin + 14 - n, s, n);
	st->r.gtin[14] = '\0';
	return 0;
}

/*
 * An EAN scanned with its symbology identifier: ]E0 and the 13 digits of
 * an EAN-13 (a UPC-A with a leading 0), ]E4 and the 8 of an EAN-8.  Only
 * the digits are kept, so that the code is found by its barcode.  An add-on
 * or a composite component ("|]e0...") is refused.
 */
static int
scan_ean_ident(struct scan_state *st, const char *s, size_t n,
    struct wms_err *err)
{
	size_t	want = s[2] == '0' ? 13 : 8;

	if (n - 3 != want || strspn(s + 3, "0123456789") < want)
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("after the symbology identifier %.3s expected the %zu "
		    "digits of an %s barcode"), s, want, want == 13 ?
		    "EAN-13" : "EAN-8");
	return scan_barcode(st, s + 3, want, err);
}

int
label_scan_parse(const char *text, struct label_scan *out,
    struct wms_err *err)
{
	static const char *trim = " \t\r\n";
	struct scan_state	 st;
	const char		*s = text;
	size_t			 n, i;
	uint32_t		 cp;
	int			 l;

	while (*s != '\0' && strchr(trim, *s) != NULL)
		s++;
	n = strlen(s);
	/*
	 * After a symbology identifier the text is what the symbol holds: a
	 * trailing space is data (and not of set 82); only the scanner's
	 * suffix (CR, LF, TAB) goes.
	 */
	while (n > 0 && strchr(s[0] == ']' ? "\t\r\n" : trim, s[n - 1]) !=
	    NULL)
		n--;
	if (n == 0)
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("nothing was scanned"));
	if (n > SCAN_MAX)
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("scanned text is too long: %zu bytes, at most %d"), n,
		    SCAN_MAX);
	/* Text from outside: the one check of lib/text.c. */
	if ((l = wms_text_check(_("the scanned text"), s, n, err)) != 0)
		return l;

	memset(&st, 0, sizeof st);
	st.r.kind = LABEL_SCAN_GS1;
	st.r.count = -1;
	st.r.net_kg_milli = -1;

	if (n >= 3 && (memcmp(s, "]E0", 3) == 0 || memcmp(s, "]E4", 3) == 0)) {
		if (scan_ean_ident(&st, s, n, err) != 0)
			return WMS_ERR_INVALID;
		goto done;
	}
	/* GS1-128, DataMatrix, QR, and DataBar (]e0, weighed goods). */
	if (n >= 3 && (memcmp(s, "]C1", 3) == 0 || memcmp(s, "]d2", 3) == 0 ||
	    memcmp(s, "]Q3", 3) == 0 || memcmp(s, "]e0", 3) == 0)) {
		if (n == 3)
			return wms_err_set(err, WMS_ERR_INVALID,
			    _("no GS1 data after the symbology identifier "
			    "%.3s"), s);
		if (scan_elements(&st, s, 3, n, err) != 0)
			return WMS_ERR_INVALID;
		goto done;
	}
	if (memchr(s, SCAN_GS, n) != NULL || scan_raw_gs1(s, n)) {
		if (scan_elements(&st, s, 0, n, err) != 0)
			return WMS_ERR_INVALID;
		goto done;
	}
	if (scan_paren_start(s, n)) {
		if (scan_parens(&st, s, n, err) != 0)
			return WMS_ERR_INVALID;
		goto done;
	}

	for (i = 0; i < n; i += l) {
		l = wms_utf8_next(s + i, n - i, &cp);
		if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
			return wms_err_set(err, WMS_ERR_INVALID,
			    _("scanned text has a control character (0x%02x) "
			    "at position %zu"), (unsigned int)cp, i + 1);
	}
	scan_text(&st.r, s, n);
	if (scan_document(s, n)) {
		st.r.kind = LABEL_SCAN_DOCUMENT;
		goto done;
	}
	if (scan_location(s, n)) {
		st.r.kind = LABEL_SCAN_LOCATION;
		goto done;
	}
	if ((n == 8 || n == 12 || n == 13) &&
	    strspn(st.r.text, "0123456789") == n) {
		if (scan_barcode(&st, s, n, err) != 0)
			return WMS_ERR_INVALID;
		goto done;
	}
	st.r.kind = LABEL_SCAN_CODE;
done:
	*out = st.r;
	return 0;
}
