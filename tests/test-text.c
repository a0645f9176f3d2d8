/* Unit tests for lib/text.c: folding, UTF-8 validity, widths and fitting. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lib/err.h"
#include "lib/text.h"

/* Encode cp as UTF-8 into buf (at least 5 bytes), NUL-terminated. */
static char *
enc(uint32_t cp, char *buf)
{
	if (cp < 0x80) {
		buf[0] = (char)cp;
		buf[1] = '\0';
	} else if (cp < 0x800) {
		buf[0] = (char)(0xC0 | (cp >> 6));
		buf[1] = (char)(0x80 | (cp & 0x3F));
		buf[2] = '\0';
	} else if (cp < 0x10000) {
		buf[0] = (char)(0xE0 | (cp >> 12));
		buf[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		buf[2] = (char)(0x80 | (cp & 0x3F));
		buf[3] = '\0';
	} else {
		buf[0] = (char)(0xF0 | (cp >> 18));
		buf[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		buf[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		buf[3] = (char)(0x80 | (cp & 0x3F));
		buf[4] = '\0';
	}
	return buf;
}

/* Fold s and compare with want. */
static void
check_fold(const char *s, const char *want)
{
	char	*got;

	got = wms_fold(s);
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

/* Fold the single code point from and expect the single code point to. */
static void
check_fold_cp(uint32_t from, uint32_t to)
{
	char	a[5], b[5];

	check_fold(enc(from, a), enc(to, b));
}

/* Width of the single code point cp. */
static size_t
cp_width(uint32_t cp)
{
	char	buf[5];

	return wms_text_width(enc(cp, buf));
}

/* ---- wms_fold ---- */

static void
fold__hamza_alef__plain_alef(void **state)
{
	(void)state;
	check_fold("أ", "ا");
	check_fold_cp(0x0623, 0x0627);
	check_fold("أحمر", "احمر");
}

static void
fold__hamza_below_alef__plain_alef(void **state)
{
	(void)state;
	check_fold_cp(0x0625, 0x0627);
	check_fold("إبريق", "ابريق");
}

static void
fold__madda_alef__plain_alef(void **state)
{
	(void)state;
	check_fold_cp(0x0622, 0x0627);
	check_fold("آلة", "اله");
}

static void
fold__wasla_alef__plain_alef(void **state)
{
	(void)state;
	check_fold_cp(0x0671, 0x0627);
	check_fold("ٱلبنتونيت", "البنتونيت");
}

static void
fold__ta_marbuta__ha(void **state)
{
	(void)state;
	check_fold_cp(0x0629, 0x0647);
	check_fold("مضخة", "مضخه");
}

static void
fold__alef_maqsura__ya(void **state)
{
	(void)state;
	check_fold_cp(0x0649, 0x064A);
	check_fold("مستشفى", "مستشفي");
}

static void
fold__waw_hamza__waw(void **state)
{
	(void)state;
	check_fold_cp(0x0624, 0x0648);
	check_fold("مؤشر", "موشر");
}

static void
fold__ya_hamza__ya(void **state)
{
	(void)state;
	check_fold_cp(0x0626, 0x064A);
	check_fold("بئر", "بير");
}

static void
fold__every_tashkeel_mark__removed(void **state)
{
	char		mark[5], in[16];
	uint32_t	cp;

	(void)state;
	for (cp = 0x064B; cp <= 0x065F; cp++) {
		snprintf(in, sizeof in, "ب%sا", enc(cp, mark));
		check_fold(in, "با");
	}
	snprintf(in, sizeof in, "ه%sذا", enc(0x0670, mark));
	check_fold(in, "هذا");
	/* The neighbours of the range are letters and digits, not marks. */
	check_fold_cp(0x064A, 0x064A);
	check_fold_cp(0x0660, '0');
}

static void
fold__shadda__removed(void **state)
{
	(void)state;
	check_fold("صمّام", "صمام");
	check_fold("مُحَرِّك", "محرك");
}

static void
fold__tatweel__removed(void **state)
{
	(void)state;
	check_fold("صـــمام", "صمام");
	check_fold("ـ", "");
}

static void
fold__arabic_indic_digits__ascii(void **state)
{
	uint32_t	cp;

	(void)state;
	check_fold("١٢٣", "123");
	check_fold("٠١٢٣٤٥٦٧٨٩", "0123456789");
	for (cp = 0x0660; cp <= 0x0669; cp++)
		check_fold_cp(cp, '0' + (cp - 0x0660));
}

static void
fold__extended_arabic_indic_digits__ascii(void **state)
{
	(void)state;
	check_fold("۰۱۲۳۴۵۶۷۸۹", "0123456789");
	check_fold("P-۱۰۰", "p-100");
}

static void
fold__ascii_upper__lower(void **state)
{
	(void)state;
	check_fold("P-100", "p-100");
	check_fold("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz");
	check_fold("already lower 0-9 @[`{", "already lower 0-9 @[`{");
}

static void
fold__latin1_upper__lower(void **state)
{
	(void)state;
	check_fold("ÀÉÎÕÜÇÑØÞ", "àéîõüçñøþ");
	check_fold("×", "×");	/* a sign, not a letter */
	check_fold("ß", "ß");
	check_fold("àé", "àé");
}

static void
fold__latin_ext_a_upper__lower(void **state)
{
	(void)state;
	check_fold("ĀĞŁŒŠŽŸ", "āğłœšžÿ");
	check_fold("Ĺ", "ĺ");
	check_fold("İ", "i");
	check_fold("āğłœšž", "āğłœšž");
}

static void
fold__mixed_arabic_latin__folded(void **state)
{
	(void)state;
	check_fold("صمام كروي 2 inch", "صمام كروي 2 inch");
	check_fold("صمّام كروي ٢ INCH", "صمام كروي 2 inch");
	check_fold("أنبوب PVC قطر ٥٠ مم", "انبوب pvc قطر 50 مم");
	check_fold("ٱلبنتونيت", "البنتونيت");
}

static void
fold__other_chars__unchanged(void **state)
{
	(void)state;
	check_fold("ا ه ي و", "ا ه ي و");
	check_fold("中文 한국 😀 €", "中文 한국 😀 €");
	check_fold("Ωμέγα", "Ωμέγα");
	check_fold("", "");
}

static void
fold__invalid_utf8__bytes_copied(void **state)
{
	(void)state;
	check_fold("A\xff" "B", "a\xff" "b");
	check_fold("\x80\x80", "\x80\x80");
	check_fold("\xc3(", "\xc3(");
	check_fold("X\xd8", "x\xd8");		/* truncated at the end */
	check_fold("\xe2\x82", "\xe2\x82");
	check_fold("\xc0\xaf", "\xc0\xaf");	/* overlong '/' */
	check_fold("\xed\xa0\x80", "\xed\xa0\x80");	/* surrogate */
	check_fold("\xd8\xa3\xff", "\xd8\xa7\xff");	/* alef hamza, junk */
}

static void
fold__result__is_fresh_string(void **state)
{
	const char	*s = "abc";
	char		*got;

	(void)state;
	got = wms_fold(s);
	assert_ptr_not_equal(got, s);
	got[0] = 'z';
	assert_string_equal(s, "abc");
	free(got);
}

/* ---- wms_utf8_next and wms_utf8_valid ---- */

static void
utf8_next__each_length__decoded(void **state)
{
	uint32_t	cp = 0;

	(void)state;
	assert_int_equal(wms_utf8_next("A", 1, &cp), 1);
	assert_int_equal(cp, 0x41);
	assert_int_equal(wms_utf8_next("\xd8\xa7", 2, &cp), 2);
	assert_int_equal(cp, 0x0627);
	assert_int_equal(wms_utf8_next("\xe4\xb8\xad", 3, &cp), 3);
	assert_int_equal(cp, 0x4E2D);
	assert_int_equal(wms_utf8_next("\xf0\x9f\x98\x80", 4, &cp), 4);
	assert_int_equal(cp, 0x1F600);
	assert_int_equal(wms_utf8_next("\xf4\x8f\xbf\xbf", 4, &cp), 4);
	assert_int_equal(cp, 0x10FFFF);
	assert_int_equal(wms_utf8_next("\xc2\x80", 2, &cp), 2);
	assert_int_equal(cp, 0x80);
}

static void
utf8_next__short_len__invalid(void **state)
{
	uint32_t	cp = 7;

	(void)state;
	assert_int_equal(wms_utf8_next("A", 0, &cp), -1);
	assert_int_equal(wms_utf8_next("\xd8\xa7", 1, &cp), -1);
	assert_int_equal(wms_utf8_next("\xe4\xb8\xad", 2, &cp), -1);
	assert_int_equal(wms_utf8_next("\xf0\x9f\x98\x80", 3, &cp), -1);
	assert_int_equal(cp, 7);
}

static void
utf8_valid__good_text__valid(void **state)
{
	const char	*s = "صمام كروي 2 inch 中文 😀";

	(void)state;
	assert_int_equal(wms_utf8_valid(s, strlen(s)), 1);
	assert_int_equal(wms_utf8_valid("", 0), 1);
	assert_int_equal(wms_utf8_valid("\xed\x9f\xbf", 3), 1);	/* U+D7FF */
	assert_int_equal(wms_utf8_valid("\xee\x80\x80", 3), 1);	/* U+E000 */
	assert_int_equal(wms_utf8_valid("\xef\xbf\xbf", 3), 1);	/* U+FFFF */
	assert_int_equal(wms_utf8_valid("\xf4\x8f\xbf\xbf", 4), 1);
}

/* The eight-bytes-at-once path: a NUL or a bad byte anywhere in a long
 * ASCII run is still found, and a character across its edge still read. */
static void
utf8_valid__long_ascii__every_position_checked(void **state)
{
	char	s[40];
	size_t	i;

	(void)state;
	memset(s, 'a', sizeof s);
	assert_int_equal(wms_utf8_valid(s, sizeof s), 1);
	for (i = 0; i < sizeof s; i++) {
		s[i] = '\0';
		assert_int_equal(wms_utf8_valid(s, sizeof s), 0);
		s[i] = '\xff';
		assert_int_equal(wms_utf8_valid(s, sizeof s), 0);
		s[i] = '\x80';
		assert_int_equal(wms_utf8_valid(s, sizeof s), 0);
		s[i] = 'a';
	}
	for (i = 0; i + 2 <= sizeof s; i++) {
		memcpy(s + i, "\xd8\xb5", 2);		/* a whole character */
		assert_int_equal(wms_utf8_valid(s, sizeof s), 1);
		assert_int_equal(wms_utf8_valid(s, i + 1), 0);	/* cut */
		memset(s + i, 'a', 2);
	}
}

static void
utf8_valid__overlong__rejected(void **state)
{
	(void)state;
	assert_int_equal(wms_utf8_valid("\xc0\x80", 2), 0);
	assert_int_equal(wms_utf8_valid("\xc0\xaf", 2), 0);
	assert_int_equal(wms_utf8_valid("\xc1\xbf", 2), 0);
	assert_int_equal(wms_utf8_valid("\xe0\x80\x80", 3), 0);
	assert_int_equal(wms_utf8_valid("\xe0\x9f\xbf", 3), 0);
	assert_int_equal(wms_utf8_valid("\xf0\x80\x80\x80", 4), 0);
	assert_int_equal(wms_utf8_valid("\xf0\x8f\xbf\xbf", 4), 0);
	/* The smallest non-overlong forms are fine. */
	assert_int_equal(wms_utf8_valid("\xe0\xa0\x80", 3), 1);
	assert_int_equal(wms_utf8_valid("\xf0\x90\x80\x80", 4), 1);
}

static void
utf8_valid__surrogates__rejected(void **state)
{
	(void)state;
	assert_int_equal(wms_utf8_valid("\xed\xa0\x80", 3), 0);	/* D800 */
	assert_int_equal(wms_utf8_valid("\xed\xaf\xbf", 3), 0);	/* DBFF */
	assert_int_equal(wms_utf8_valid("\xed\xb0\x80", 3), 0);	/* DC00 */
	assert_int_equal(wms_utf8_valid("\xed\xbf\xbf", 3), 0);	/* DFFF */
	/* A CESU-8 pair for U+1F600. */
	assert_int_equal(wms_utf8_valid("\xed\xa0\xbd\xed\xb8\x80", 6), 0);
}

static void
utf8_valid__above_max__rejected(void **state)
{
	(void)state;
	assert_int_equal(wms_utf8_valid("\xf4\x90\x80\x80", 4), 0);
	assert_int_equal(wms_utf8_valid("\xf5\x80\x80\x80", 4), 0);
	assert_int_equal(wms_utf8_valid("\xf7\xbf\xbf\xbf", 4), 0);
	assert_int_equal(wms_utf8_valid("\xf8\x88\x80\x80\x80", 5), 0);
	assert_int_equal(wms_utf8_valid("\xfe", 1), 0);
	assert_int_equal(wms_utf8_valid("\xff", 1), 0);
}

static void
utf8_valid__truncated__rejected(void **state)
{
	(void)state;
	assert_int_equal(wms_utf8_valid("\xd8", 1), 0);
	assert_int_equal(wms_utf8_valid("\xe4\xb8", 2), 0);
	assert_int_equal(wms_utf8_valid("\xf0\x9f\x98", 3), 0);
	assert_int_equal(wms_utf8_valid("ab\xd8", 3), 0);
	/* Cut by len in the middle of a good sequence. */
	assert_int_equal(wms_utf8_valid("\xd8\xa7", 1), 0);
	/* Continuation byte missing before the next character. */
	assert_int_equal(wms_utf8_valid("\xd8" "A", 2), 0);
	assert_int_equal(wms_utf8_valid("\xe4\xb8" "A", 3), 0);
}

static void
utf8_valid__lone_continuation__rejected(void **state)
{
	(void)state;
	assert_int_equal(wms_utf8_valid("\x80", 1), 0);
	assert_int_equal(wms_utf8_valid("a\xbf" "b", 3), 0);
	assert_int_equal(wms_utf8_valid("\xd8\xa7\xa7", 3), 0);
}

static void
utf8_valid__nul_inside_len__rejected(void **state)
{
	(void)state;
	assert_int_equal(wms_utf8_valid("a\0b", 3), 0);
	assert_int_equal(wms_utf8_valid("\0", 1), 0);
	assert_int_equal(wms_utf8_valid("\xd8\0", 2), 0);
	/* The NUL just past len is not looked at. */
	assert_int_equal(wms_utf8_valid("ab", 2), 1);
}

/* ---- wms_text_width ---- */

static void
text_width__latin__one_per_char(void **state)
{
	(void)state;
	assert_int_equal(wms_text_width(""), 0);
	assert_int_equal(wms_text_width("P-100"), 5);
	assert_int_equal(wms_text_width("café"), 4);
	assert_int_equal(wms_text_width("Ωμέγα"), 5);
}

static void
text_width__arabic_with_tashkeel__marks_zero(void **state)
{
	(void)state;
	assert_int_equal(wms_text_width("صمام"), 4);
	assert_int_equal(wms_text_width("صمّام"), 4);
	assert_int_equal(wms_text_width("مُحَرِّك"), 4);
	assert_int_equal(wms_text_width("هٰذا"), 3);
	assert_int_equal(wms_text_width("صمّام كروي 2 inch"), 16);
}

static void
text_width__cjk__two_per_char(void **state)
{
	(void)state;
	assert_int_equal(wms_text_width("中文"), 4);
	assert_int_equal(wms_text_width("한국어"), 6);
	assert_int_equal(wms_text_width("カタカナ"), 8);
	assert_int_equal(wms_text_width("Ａ１"), 4);		/* fullwidth */
	assert_int_equal(wms_text_width("ｱ"), 1);		/* halfwidth */
	assert_int_equal(wms_text_width("😀"), 2);
	assert_int_equal(wms_text_width("a中b"), 4);
}

static void
text_width__combining_and_format__zero(void **state)
{
	(void)state;
	assert_int_equal(wms_text_width("e\xcc\x81"), 1);	/* e + U+0301 */
	assert_int_equal(wms_text_width("\xe2\x80\x8f"), 0);	/* RLM */
	/* ZWJ, then BOM. */
	assert_int_equal(wms_text_width("a\xe2\x80\x8d" "b"), 2);
	assert_int_equal(wms_text_width("\xef\xbb\xbf" "ab"), 2);
	assert_int_equal(wms_text_width("\xe2\x81\xa7" "x\xe2\x81\xa9"), 1);
	assert_int_equal(wms_text_width("\xd8\x9c"), 0);	/* ALM */
}

static void
text_width__controls__zero(void **state)
{
	(void)state;
	assert_int_equal(wms_text_width("a\tb\n"), 2);
	assert_int_equal(wms_text_width("\x1b[0m"), 3);
	assert_int_equal(wms_text_width("\x7f"), 0);
	assert_int_equal(wms_text_width("\xc2\x85"), 0);	/* U+0085 */
	assert_int_equal(wms_text_width("\xc2\xa0"), 1);	/* U+00A0 */
}

static void
text_width__table_edges__exact(void **state)
{
	(void)state;
	/* Zero-width table. */
	assert_int_equal(cp_width(0x02FF), 1);
	assert_int_equal(cp_width(0x0300), 0);
	assert_int_equal(cp_width(0x036F), 0);
	assert_int_equal(cp_width(0x0370), 1);
	assert_int_equal(cp_width(0x05BE), 1);
	assert_int_equal(cp_width(0x05BF), 0);
	assert_int_equal(cp_width(0x05C0), 1);
	assert_int_equal(cp_width(0x05C7), 0);
	assert_int_equal(cp_width(0x060F), 1);
	assert_int_equal(cp_width(0x0610), 0);
	assert_int_equal(cp_width(0x061A), 0);
	assert_int_equal(cp_width(0x061B), 1);
	assert_int_equal(cp_width(0x061C), 0);
	assert_int_equal(cp_width(0x064A), 1);
	assert_int_equal(cp_width(0x064B), 0);
	assert_int_equal(cp_width(0x065F), 0);
	assert_int_equal(cp_width(0x0660), 1);
	assert_int_equal(cp_width(0x0670), 0);
	assert_int_equal(cp_width(0x06DD), 1);
	assert_int_equal(cp_width(0x06E9), 1);
	assert_int_equal(cp_width(0x06ED), 0);
	assert_int_equal(cp_width(0x200A), 1);
	assert_int_equal(cp_width(0x200B), 0);
	assert_int_equal(cp_width(0x2010), 1);
	assert_int_equal(cp_width(0x2065), 1);
	assert_int_equal(cp_width(0xFE0F), 0);
	assert_int_equal(cp_width(0xFEFF), 0);
	/* Wide table. */
	assert_int_equal(cp_width(0x10FF), 1);
	assert_int_equal(cp_width(0x1100), 2);
	assert_int_equal(cp_width(0x115F), 2);
	assert_int_equal(cp_width(0x1160), 1);
	assert_int_equal(cp_width(0x2E7F), 1);
	assert_int_equal(cp_width(0x2E80), 2);
	assert_int_equal(cp_width(0x303E), 2);
	assert_int_equal(cp_width(0x303F), 1);
	assert_int_equal(cp_width(0x3040), 1);
	assert_int_equal(cp_width(0x3041), 2);
	assert_int_equal(cp_width(0x9FFF), 2);
	assert_int_equal(cp_width(0xA4CF), 2);
	assert_int_equal(cp_width(0xA4D0), 1);
	assert_int_equal(cp_width(0xD7A3), 2);
	assert_int_equal(cp_width(0xD7A4), 1);
	assert_int_equal(cp_width(0xFF60), 2);
	assert_int_equal(cp_width(0xFF61), 1);
	assert_int_equal(cp_width(0xFFE6), 2);
	assert_int_equal(cp_width(0xFFE7), 1);
	assert_int_equal(cp_width(0x1F2FF), 1);
	assert_int_equal(cp_width(0x1F300), 2);
	assert_int_equal(cp_width(0x1F9FF), 2);
	assert_int_equal(cp_width(0x20000), 2);
	assert_int_equal(cp_width(0x3FFFD), 2);
	assert_int_equal(cp_width(0x3FFFE), 1);
	assert_int_equal(cp_width(0x10FFFF), 1);
}

static void
text_width__invalid_byte__one_column(void **state)
{
	(void)state;
	assert_int_equal(wms_text_width("a\xff" "b"), 3);
	assert_int_equal(wms_text_width("\xe4\xb8"), 2);
	assert_int_equal(wms_text_width("\xd8"), 1);
}

/* ---- wms_text_fit ---- */

static void
text_fit__ascii__cut_at_cols(void **state)
{
	(void)state;
	assert_int_equal(wms_text_fit("abcdef", 3), 3);
	assert_int_equal(wms_text_fit("abcdef", 0), 0);
	assert_int_equal(wms_text_fit("abcdef", 6), 6);
	assert_int_equal(wms_text_fit("abcdef", 100), 6);
	assert_int_equal(wms_text_fit("", 5), 0);
}

static void
text_fit__combining_marks__kept_with_base(void **state)
{
	const char	*s = "صمّام";	/* sad, mim, shadda, alef, mim */

	(void)state;
	assert_int_equal(wms_text_fit(s, 1), 2);
	assert_int_equal(wms_text_fit(s, 2), 6);	/* mim + shadda */
	assert_int_equal(wms_text_fit(s, 3), 8);
	assert_int_equal(wms_text_fit(s, 4), strlen(s));
	/* e + U+0301 + U+0323 stays whole. */
	assert_int_equal(wms_text_fit("e\xcc\x81\xcc\xa3x", 1), 5);
	/* A mark with no base before it is its own zero-width piece. */
	assert_int_equal(wms_text_fit("\xcc\x81" "ab", 1), 3);
}

static void
text_fit__wide_char__not_split(void **state)
{
	(void)state;
	assert_int_equal(wms_text_fit("中文", 1), 0);
	assert_int_equal(wms_text_fit("中文", 2), 3);
	assert_int_equal(wms_text_fit("中文", 3), 3);
	assert_int_equal(wms_text_fit("中文", 4), 6);
	assert_int_equal(wms_text_fit("a中", 2), 1);
}

static void
text_fit__every_cut__valid_prefix_within_cols(void **state)
{
	const char	*samples[] = {
		"صمّام كروي 2 inch",
		"مُحَرِّك 中文 P-100 e\xcc\x81",
		"ٱلبنتونيت 😀 한국",
	};
	char		*prefix;
	size_t		 k, cols, n, len, w;

	(void)state;
	for (k = 0; k < sizeof samples / sizeof samples[0]; k++) {
		len = strlen(samples[k]);
		w = wms_text_width(samples[k]);
		for (cols = 0; cols <= w + 1; cols++) {
			n = wms_text_fit(samples[k], cols);
			assert_true(n <= len);
			assert_int_equal(wms_utf8_valid(samples[k], n), 1);
			prefix = strndup(samples[k], n);
			assert_non_null(prefix);
			assert_true(wms_text_width(prefix) <= cols);
			free(prefix);
			if (cols >= w)
				assert_int_equal(n, len);
			/*
			 * What is cut off does not begin with a combining
			 * mark: no zero-width piece of it fits in 0 columns.
			 */
			if (n < len)
				assert_int_equal(
				    wms_text_fit(samples[k] + n, 0), 0);
		}
	}
}

static void
text_fit__invalid_bytes__one_column_each(void **state)
{
	(void)state;
	assert_int_equal(wms_text_fit("\xff\xfe" "ab", 1), 1);
	assert_int_equal(wms_text_fit("\xff\xfe" "ab", 3), 3);
	assert_int_equal(wms_text_fit("a\xd8", 5), 2);
}


/* --- text from outside: checked, and quoted escaped ----------------------- */

static void
text_check__good_text__accepted(void **state)
{
	struct wms_err	err;
	const char	*ar = "\xd8\xb2\xd9\x8a\xd8\xaa LOT-1";

	(void)state;
	assert_int_equal(wms_text_check("lot", ar, strlen(ar), &err), 0);
	assert_int_equal(wms_text_check("lot", "", 0, &err), 0);
}

static void
text_check__bad_bytes__refused_with_offset(void **state)
{
	static const char *const bad[] = {
		"\xff\xfe\xc3", "\xc0\xaf", "\xed\xa0\x80", "ab\xe0\x80\x80",
		"\xf4\x90\x80\x80", "x\xc3",
	};
	struct wms_err	err;
	size_t		i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(wms_text_check("--lot", bad[i],
		    strlen(bad[i]), &err), WMS_ERR_INVALID);
		assert_non_null(strstr(err.msg, "--lot"));
		assert_non_null(strstr(err.msg, "UTF-8"));
		/* The message itself is safe: escaped, one line. */
		assert_int_equal(wms_text_unsafe(err.msg, strlen(err.msg)), 0);
	}
	assert_int_equal(wms_text_check("x", "a\0b", 3, &err),
	    WMS_ERR_INVALID);
	assert_non_null(strstr(err.msg, "byte 2"));
}

static void
text_escape__controls_and_bad_bytes__escaped(void **state)
{
	char out[64];

	(void)state;
	wms_text_escape("X\x1b]0;T\x07Y", 8, out, sizeof out);
	assert_string_equal(out, "X\\x1b]0;T\\x07Y");
	wms_text_escape("a\nb\xff", 4, out, sizeof out);
	assert_string_equal(out, "a\\x0ab\\xff");
	/* A bidi override and a C1 control. */
	wms_text_escape("\xe2\x80\xaeZ\xc2\x9b", 6, out, sizeof out);
	assert_string_equal(out, "\\u{202e}Z\\x9b");
	/* Arabic stays as it is. */
	wms_text_escape("\xd8\xb2\xd9\x8a", 4, out, sizeof out);
	assert_string_equal(out, "\xd8\xb2\xd9\x8a");
}

static void
text_escape__small_buffer__cut_with_dots(void **state)
{
	char out[8];

	(void)state;
	wms_text_escape("abcdefghijkl", 12, out, sizeof out);
	assert_string_equal(out, "abcd...");
	wms_text_escape("abc", 3, out, sizeof out);
	assert_string_equal(out, "abc");
}

static void
err_set__hostile_value__stored_escaped(void **state)
{
	struct wms_err err;

	(void)state;
	wms_err_set(&err, WMS_ERR_NOTFOUND, "unknown item %s",
	    "X\x1b]0;PWNED\x07\nY\xc0");
	assert_string_equal(err.msg,
	    "unknown item X\\x1b]0;PWNED\\x07\\x0aY\\xc0");
	assert_int_equal(err.rc, WMS_ERR_NOTFOUND);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fold__hamza_alef__plain_alef),
		cmocka_unit_test(fold__hamza_below_alef__plain_alef),
		cmocka_unit_test(fold__madda_alef__plain_alef),
		cmocka_unit_test(fold__wasla_alef__plain_alef),
		cmocka_unit_test(fold__ta_marbuta__ha),
		cmocka_unit_test(fold__alef_maqsura__ya),
		cmocka_unit_test(fold__waw_hamza__waw),
		cmocka_unit_test(fold__ya_hamza__ya),
		cmocka_unit_test(fold__every_tashkeel_mark__removed),
		cmocka_unit_test(fold__shadda__removed),
		cmocka_unit_test(fold__tatweel__removed),
		cmocka_unit_test(fold__arabic_indic_digits__ascii),
		cmocka_unit_test(fold__extended_arabic_indic_digits__ascii),
		cmocka_unit_test(fold__ascii_upper__lower),
		cmocka_unit_test(fold__latin1_upper__lower),
		cmocka_unit_test(fold__latin_ext_a_upper__lower),
		cmocka_unit_test(fold__mixed_arabic_latin__folded),
		cmocka_unit_test(fold__other_chars__unchanged),
		cmocka_unit_test(fold__invalid_utf8__bytes_copied),
		cmocka_unit_test(fold__result__is_fresh_string),
		cmocka_unit_test(utf8_next__each_length__decoded),
		cmocka_unit_test(utf8_next__short_len__invalid),
		cmocka_unit_test(utf8_valid__good_text__valid),
		cmocka_unit_test(utf8_valid__long_ascii__every_position_checked),
		cmocka_unit_test(utf8_valid__overlong__rejected),
		cmocka_unit_test(utf8_valid__surrogates__rejected),
		cmocka_unit_test(utf8_valid__above_max__rejected),
		cmocka_unit_test(utf8_valid__truncated__rejected),
		cmocka_unit_test(utf8_valid__lone_continuation__rejected),
		cmocka_unit_test(utf8_valid__nul_inside_len__rejected),
		cmocka_unit_test(text_width__latin__one_per_char),
		cmocka_unit_test(text_width__arabic_with_tashkeel__marks_zero),
		cmocka_unit_test(text_width__cjk__two_per_char),
		cmocka_unit_test(text_width__combining_and_format__zero),
		cmocka_unit_test(text_width__controls__zero),
		cmocka_unit_test(text_width__table_edges__exact),
		cmocka_unit_test(text_width__invalid_byte__one_column),
		cmocka_unit_test(text_fit__ascii__cut_at_cols),
		cmocka_unit_test(text_fit__combining_marks__kept_with_base),
		cmocka_unit_test(text_fit__wide_char__not_split),
		cmocka_unit_test(text_fit__every_cut__valid_prefix_within_cols),
		cmocka_unit_test(text_fit__invalid_bytes__one_column_each),
		cmocka_unit_test(text_check__good_text__accepted),
		cmocka_unit_test(text_check__bad_bytes__refused_with_offset),
		cmocka_unit_test(text_escape__controls_and_bad_bytes__escaped),
		cmocka_unit_test(text_escape__small_buffer__cut_with_dots),
		cmocka_unit_test(err_set__hostile_value__stored_escaped),
	};

	return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
