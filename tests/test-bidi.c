/* Unit tests for tui/bidi.c: reordering, shaping, cutting, padding, rows. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lib/text.h"
#include "tui/bidi.h"

/* The Arabic words used below, in logical order as typed. */
#define BAB		"\xd8\xa8\xd8\xa7\xd8\xa8"		/* باب door */
#define MAKHZAN		"\xd9\x85\xd8\xae\xd8\xb2\xd9\x86"	/* مخزن store */
#define SALAM		"\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85"	/* سلام */
#define FATHA		"\xd9\x8e"				/* U+064E */
/* صمام كروي 2 inch, a 2 inch ball valve */
#define VALVE		"\xd8\xb5\xd9\x85\xd8\xa7\xd9\x85 " \
			"\xd9\x83\xd8\xb1\xd9\x88\xd9\x8a 2 inch"
/* المادة P-100 غير متوفرة, item P-100 is not available */
#define ITEM_MISSING	"\xd8\xa7\xd9\x84\xd9\x85\xd8\xa7\xd8\xaf\xd8\xa9 " \
			"P-100 \xd8\xba\xd9\x8a\xd8\xb1 " \
			"\xd9\x85\xd8\xaa\xd9\x88\xd9\x81\xd8\xb1\xd8\xa9"

/* The presentation forms FriBidi produces, as UTF-8. */
#define BEH_ISOL	"\xef\xba\x8f"	/* U+FE8F */
#define BEH_INIT	"\xef\xba\x91"	/* U+FE91 */
#define ALEF_FINA	"\xef\xba\x8e"	/* U+FE8E */
#define MEEM_ISOL	"\xef\xbb\xa1"	/* U+FEE1 */
#define MEEM_INIT	"\xef\xbb\xa3"	/* U+FEE3 */
#define MEEM_MEDI	"\xef\xbb\xa4"	/* U+FEE4 */
#define KHAH_MEDI	"\xef\xba\xa8"	/* U+FEA8 */
#define KHAH_FINA	"\xef\xba\xa6"	/* U+FEA6 */
#define ZAIN_FINA	"\xef\xba\xb0"	/* U+FEB0 */
#define NOON_ISOL	"\xef\xbb\xa5"	/* U+FEE5 */
#define SEEN_INIT	"\xef\xba\xb3"	/* U+FEB3 */
#define LAMALEF_FINA	"\xef\xbb\xbc"	/* U+FEFC */
#define LAMALEF_ISOL	"\xef\xbb\xbb"	/* U+FEFB */
#define SAD_INIT	"\xef\xba\xbb"	/* U+FEBB */
#define REPLACEMENT	"\xef\xbf\xbd"	/* U+FFFD */

/* Lay out text and compare with want, byte for byte. */
static void
check_visual(const char *text, enum tui_dir dir, size_t cols,
    enum tui_bidi_mode mode, const char *want)
{
	char	*got;

	got = tui_bidi_visual(text, dir, cols, mode);
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

/* Pad visual and compare with want. */
static void
check_pad(const char *visual, size_t cols, enum tui_dir dir, int align_right,
    const char *want)
{
	char	*got;

	got = tui_pad(visual, cols, dir, align_right);
	assert_string_equal(got, want);
	assert_true(wms_text_width(got) == cols);
	free(got);
}

static void
visual__latin__unchanged_any_dir_any_mode(void **state)
{
	(void)state;
	check_visual("Pump 2 inch", TUI_DIR_LTR, 80, TUI_BIDI_SELF,
	    "Pump 2 inch");
	check_visual("Pump 2 inch", TUI_DIR_RTL, 80, TUI_BIDI_SELF,
	    "Pump 2 inch");
	check_visual("Pump 2 inch", TUI_DIR_RTL, 80, TUI_BIDI_TERMINAL,
	    "Pump 2 inch");
}

/* Letters reversed and each replaced by its joined form. */
static void
visual__arabic_word__reversed_and_shaped(void **state)
{
	(void)state;
	/* ب initial, ا final (alef does not join to the left), ب isolated. */
	check_visual(BAB, TUI_DIR_RTL, 80, TUI_BIDI_SELF,
	    BEH_ISOL ALEF_FINA BEH_INIT);
	/* م initial, خ medial, ز final, ن isolated. */
	check_visual(MAKHZAN, TUI_DIR_RTL, 80, TUI_BIDI_SELF,
	    NOON_ISOL ZAIN_FINA KHAH_MEDI MEEM_INIT);
	/* A single Arabic run comes out the same in an LTR paragraph. */
	check_visual(MAKHZAN, TUI_DIR_LTR, 80, TUI_BIDI_SELF,
	    NOON_ISOL ZAIN_FINA KHAH_MEDI MEEM_INIT);
}

/* Lam and alef become one ligature: four letters, three columns. */
static void
visual__lam_alef__one_ligature_cell(void **state)
{
	char	*got;

	(void)state;
	check_visual(SALAM, TUI_DIR_RTL, 80, TUI_BIDI_SELF,
	    MEEM_ISOL LAMALEF_FINA SEEN_INIT);
	check_visual("\xd9\x84\xd8\xa7", TUI_DIR_RTL, 80, TUI_BIDI_SELF,
	    LAMALEF_ISOL);
	got = tui_bidi_visual(SALAM, TUI_DIR_RTL, 80, TUI_BIDI_SELF);
	assert_true(wms_text_width(got) == 3);
	assert_null(strstr(got, "\xef\xbb\xbf"));	/* no U+FEFF filler */
	free(got);
}

/*
 * "صمام كروي 2 inch" (a 2 inch ball valve) in the RTL UI.  Written left to
 * right the line is "inch 2 يورك مامص" (each word reversed and shaped).  A
 * reader starts at the right edge: صمام, then كروي, then 2, then inch: the
 * logical order, so the name reads as typed.  The 2 follows Arabic, so it
 * counts as an Arabic number and the space between it and "inch" takes the
 * paragraph's direction; the Latin word stays left to right.
 */
static void
visual__mixed_valve_rtl__reads_right_to_left(void **state)
{
	(void)state;
	check_visual(VALVE, TUI_DIR_RTL, 80, TUI_BIDI_SELF,
	    "inch 2 "
	    "\xef\xbb\xb1\xef\xbb\xad\xef\xba\xae\xef\xbb\x9b "	/* يورك */
	    MEEM_ISOL ALEF_FINA MEEM_MEDI SAD_INIT);		/* مامص */
}

/*
 * The same name in an LTR paragraph: the Arabic words and the 2 form one
 * right-to-left run, "inch" goes after it on the right.  This is why a cell
 * is laid out in its own direction (tui_bidi_auto) and not the screen's.
 */
static void
visual__mixed_valve_ltr__arabic_run_first(void **state)
{
	(void)state;
	check_visual(VALVE, TUI_DIR_LTR, 80, TUI_BIDI_SELF,
	    "2 "
	    "\xef\xbb\xb1\xef\xbb\xad\xef\xba\xae\xef\xbb\x9b "
	    MEEM_ISOL ALEF_FINA MEEM_MEDI SAD_INIT " inch");
}

/*
 * "المادة P-100 غير متوفرة" (item P-100 is not available).  The code is one
 * left-to-right run: the digits follow the Latin P, so they count as Latin,
 * and the hyphen between them takes their direction.  The right-to-left
 * reader meets المادة at the right edge, then P-100 (read left to right as
 * usual), then غير متوفرة at the left end.
 */
static void
visual__item_code_in_sentence__code_intact(void **state)
{
	(void)state;
	check_visual(ITEM_MISSING, TUI_DIR_RTL, 80, TUI_BIDI_SELF,
	    "\xef\xba\x93\xef\xba\xae\xef\xbb\x93\xef\xbb\xae"
	    "\xef\xba\x98\xef\xbb\xa3 "				/* ةرفوتم */
	    "\xef\xba\xae\xef\xbb\xb4\xef\xbb\x8f "		/* ريغ */
	    "P-100 "
	    "\xef\xba\x93\xef\xba\xa9\xef\xba\x8e\xef\xbb\xa4"
	    "\xef\xbb\x9f\xef\xba\x8d");			/* ةداملا */
}

/* "(باب)" in RTL: reversed, the brackets swap so that they still enclose. */
static void
visual__brackets_rtl__mirrored(void **state)
{
	(void)state;
	check_visual("(" BAB ")", TUI_DIR_RTL, 80, TUI_BIDI_SELF,
	    "(" BEH_ISOL ALEF_FINA BEH_INIT ")");
	check_visual("(" BAB ")", TUI_DIR_RTL, 80, TUI_BIDI_TERMINAL,
	    "(" BAB ")");
}

/* A fatha on the first ب: no column, written right after its base. */
static void
visual__tashkeel__width_zero_after_base(void **state)
{
	char	*got;

	(void)state;
	check_visual("\xd8\xa8" FATHA "\xd8\xa7\xd8\xa8", TUI_DIR_RTL, 80,
	    TUI_BIDI_SELF, BEH_ISOL ALEF_FINA BEH_INIT FATHA);
	got = tui_bidi_visual("\xd8\xa8" FATHA "\xd8\xa7\xd8\xa8",
	    TUI_DIR_RTL, 80, TUI_BIDI_SELF);
	assert_true(wms_text_width(got) == 3);
	free(got);
}

static void
visual__terminal_mode__logical_order(void **state)
{
	(void)state;
	check_visual(VALVE, TUI_DIR_RTL, 80, TUI_BIDI_TERMINAL, VALVE);
	check_visual(ITEM_MISSING, TUI_DIR_RTL, 80, TUI_BIDI_TERMINAL,
	    ITEM_MISSING);
	/* Bidi marks are kept for the terminal to use. */
	check_visual("\xe2\x80\x8f" "a", TUI_DIR_RTL, 80, TUI_BIDI_TERMINAL,
	    "\xe2\x80\x8f" "a");
	/* ... and dropped when we do the work. */
	check_visual("\xe2\x80\x8f" "a", TUI_DIR_LTR, 80, TUI_BIDI_SELF, "a");
}

/* A cut keeps the logical beginning: the start of the name stays visible. */
static void
visual__cut__keeps_logical_beginning(void **state)
{
	(void)state;
	/* مخزن in two columns is مخ, shaped as a word of its own. */
	check_visual(MAKHZAN, TUI_DIR_RTL, 2, TUI_BIDI_SELF,
	    KHAH_FINA MEEM_INIT);
	/* The valve cut to four columns keeps صمام, not "inch". */
	check_visual(VALVE, TUI_DIR_RTL, 4, TUI_BIDI_SELF,
	    MEEM_ISOL ALEF_FINA MEEM_MEDI SAD_INIT);
	check_visual(VALVE, TUI_DIR_RTL, 4, TUI_BIDI_TERMINAL,
	    "\xd8\xb5\xd9\x85\xd8\xa7\xd9\x85");
	check_visual("Pump 2 inch", TUI_DIR_LTR, 4, TUI_BIDI_SELF, "Pump");
}

static void
visual__cut__never_splits_char_or_marks(void **state)
{
	(void)state;
	/* One column holds ب with its fatha, not ب alone. */
	check_visual("\xd8\xa8" FATHA "\xd8\xa7", TUI_DIR_RTL, 1,
	    TUI_BIDI_SELF, BEH_ISOL FATHA);
	check_visual("\xd8\xa8" FATHA "\xd8\xa7", TUI_DIR_RTL, 1,
	    TUI_BIDI_TERMINAL, "\xd8\xa8" FATHA);
	/* 漢 takes two columns: three hold 漢 only, one holds nothing. */
	check_visual("\xe6\xbc\xa2\xe5\xad\x97" "ab", TUI_DIR_LTR, 3,
	    TUI_BIDI_SELF, "\xe6\xbc\xa2");
	check_visual("\xe6\xbc\xa2\xe5\xad\x97" "ab", TUI_DIR_LTR, 1,
	    TUI_BIDI_TERMINAL, "");
	check_visual(VALVE, TUI_DIR_RTL, 0, TUI_BIDI_SELF, "");
}

/* Every cut of every sample: valid UTF-8 in cols, a prefix in TERMINAL. */
static void
visual__every_cut__valid_and_within_cols(void **state)
{
	static const char *const samples[] = {
		VALVE, ITEM_MISSING, SALAM,
		"\xd8\xa8" FATHA "\xd8\xa7\xd8\xa8",
		"\xe6\xbc\xa2 (" BAB ") x\xff",
	};
	size_t		 i, cols;
	char		*got;
	int		 dir;

	(void)state;
	for (i = 0; i < sizeof samples / sizeof samples[0]; i++)
		for (cols = 0; cols <= 30; cols++)
			for (dir = 0; dir < 2; dir++) {
				got = tui_bidi_visual(samples[i], dir, cols,
				    TUI_BIDI_SELF);
				assert_true(wms_text_width(got) <= cols);
				assert_true(wms_utf8_valid(got, strlen(got)));
				free(got);
				got = tui_bidi_visual(samples[i], dir, cols,
				    TUI_BIDI_TERMINAL);
				assert_true(wms_text_width(got) <= cols);
				assert_true(wms_utf8_valid(got, strlen(got)));
				if (i < 4)
					assert_memory_equal(got, samples[i],
					    strlen(got));
				free(got);
			}
}

static void
visual__invalid_utf8__replacement_char(void **state)
{
	(void)state;
	check_visual("a\xff" "b", TUI_DIR_LTR, 80, TUI_BIDI_SELF,
	    "a" REPLACEMENT "b");
	check_visual("a\xc0\xaf", TUI_DIR_LTR, 80, TUI_BIDI_TERMINAL,
	    "a" REPLACEMENT REPLACEMENT);			/* overlong */
	check_visual("\xd8\xa8\xd8", TUI_DIR_LTR, 80, TUI_BIDI_TERMINAL,
	    "\xd8\xa8" REPLACEMENT);				/* cut short */
	/* An escape sequence in data must not reach the terminal. */
	check_visual("a\x1b[2Jb", TUI_DIR_LTR, 80, TUI_BIDI_TERMINAL,
	    "a" REPLACEMENT "[2Jb");
	check_visual("\t\x9b", TUI_DIR_LTR, 80, TUI_BIDI_SELF,
	    REPLACEMENT REPLACEMENT);
	/* Each bad byte takes one column, so the cut counts it. */
	check_visual("\xff\xff\xff", TUI_DIR_RTL, 2, TUI_BIDI_SELF,
	    REPLACEMENT REPLACEMENT);
}

static void
visual__empty__empty(void **state)
{
	(void)state;
	check_visual("", TUI_DIR_RTL, 80, TUI_BIDI_SELF, "");
	check_visual("", TUI_DIR_LTR, 80, TUI_BIDI_TERMINAL, "");
	check_visual(NULL, TUI_DIR_RTL, 80, TUI_BIDI_SELF, "");
}

static void
auto__first_strong__decides(void **state)
{
	(void)state;
	assert_int_equal(tui_bidi_auto(VALVE, TUI_DIR_LTR), TUI_DIR_RTL);
	assert_int_equal(tui_bidi_auto("Pump " BAB, TUI_DIR_RTL),
	    TUI_DIR_LTR);
	/* Digits and punctuation are not strong: the Arabic after them is. */
	assert_int_equal(tui_bidi_auto("2 - " BAB, TUI_DIR_LTR), TUI_DIR_RTL);
	assert_int_equal(tui_bidi_auto("12.5 (3)", TUI_DIR_RTL), TUI_DIR_RTL);
	assert_int_equal(tui_bidi_auto("12.5 (3)", TUI_DIR_LTR), TUI_DIR_LTR);
	/* An isolate (RLI ... PDI) is skipped: "abc" decides. */
	assert_int_equal(tui_bidi_auto("\xe2\x81\xa7" BAB "\xe2\x81\xa9 abc",
	    TUI_DIR_RTL), TUI_DIR_LTR);
	/* Hebrew is RTL too; a bad byte is neutral. */
	assert_int_equal(tui_bidi_auto("\xff\xd7\x90", TUI_DIR_LTR),
	    TUI_DIR_RTL);
	assert_int_equal(tui_bidi_auto("", TUI_DIR_RTL), TUI_DIR_RTL);
	assert_int_equal(tui_bidi_auto(NULL, TUI_DIR_LTR), TUI_DIR_LTR);
}

static void
pad__ltr__spaces_on_right(void **state)
{
	(void)state;
	check_pad("abc", 6, TUI_DIR_LTR, 0, "abc   ");
	check_pad("abc", 3, TUI_DIR_LTR, 0, "abc");
	check_pad("", 2, TUI_DIR_LTR, 0, "  ");
	check_pad(NULL, 1, TUI_DIR_LTR, 0, " ");
	check_pad("abc", 0, TUI_DIR_LTR, 0, "");
}

static void
pad__rtl__spaces_on_left(void **state)
{
	(void)state;
	check_pad(BEH_ISOL ALEF_FINA BEH_INIT FATHA, 5, TUI_DIR_RTL, 0,
	    "  " BEH_ISOL ALEF_FINA BEH_INIT FATHA);
	check_pad("", 3, TUI_DIR_RTL, 0, "   ");
}

static void
pad__align_right__numbers_right_in_ltr(void **state)
{
	(void)state;
	check_pad("12.5", 7, TUI_DIR_LTR, 1, "   12.5");
	check_pad("12.5", 7, TUI_DIR_RTL, 1, "   12.5");
}

/* Too wide: LTR keeps its left end, RTL its right end (the text's start). */
static void
pad__too_wide__keeps_start_side(void **state)
{
	(void)state;
	check_pad("abcdef", 4, TUI_DIR_LTR, 0, "abcd");
	check_pad("abcdef", 4, TUI_DIR_RTL, 0, "cdef");
	/* The fatha goes with its ب, whole. */
	check_pad("x" BEH_INIT FATHA "y", 1, TUI_DIR_RTL, 0, "y");
	check_pad("x" BEH_INIT FATHA "y", 2, TUI_DIR_RTL, 0,
	    BEH_INIT FATHA "y");
	check_pad("x" BEH_INIT FATHA "y", 2, TUI_DIR_LTR, 0,
	    "x" BEH_INIT FATHA);
	/* A wide character that no longer fits leaves a space. */
	check_pad("\xe6\xbc\xa2\xe5\xad\x97", 3, TUI_DIR_LTR, 0,
	    "\xe6\xbc\xa2 ");
	check_pad("\xe6\xbc\xa2\xe5\xad\x97", 3, TUI_DIR_RTL, 0,
	    " \xe5\xad\x97");
}

/* Three cells, RTL: the first column at the right edge. */
static void
row__rtl__first_cell_at_right_edge(void **state)
{
	const char *const	 cells[] = { "A", "BB", "C" };
	const size_t		 widths[] = { 2, 3, 1 };
	char			*got;

	(void)state;
	got = tui_row(cells, widths, 3, 10, TUI_DIR_RTL);
	assert_string_equal(got, "  C  BB  A");
	free(got);
	got = tui_row(cells, widths, 3, 10, TUI_DIR_LTR);
	assert_string_equal(got, "A  BB  C  ");
	free(got);
}

/* A row of real cells: name, code, quantity (already padded by the caller). */
static void
row__rtl_arabic_cells__exact_width(void **state)
{
	const char *const	 cells[] = {
		MEEM_ISOL LAMALEF_FINA SEEN_INIT, "P-100", "  12"
	};
	const size_t		 widths[] = { 5, 5, 4 };
	char			*got;

	(void)state;
	got = tui_row(cells, widths, 3, 18, TUI_DIR_RTL);
	assert_string_equal(got,
	    "  " "  12" " " "P-100" " " "  " MEEM_ISOL LAMALEF_FINA SEEN_INIT);
	assert_true(wms_text_width(got) == 18);
	free(got);
	/* Too narrow: the first column, at the right, survives. */
	got = tui_row(cells, widths, 3, 7, TUI_DIR_RTL);
	assert_string_equal(got, "0 " "  " MEEM_ISOL LAMALEF_FINA SEEN_INIT);
	free(got);
}

static void
row__no_cells__blank_line(void **state)
{
	char	*got;

	(void)state;
	got = tui_row(NULL, NULL, 0, 4, TUI_DIR_RTL);
	assert_string_equal(got, "    ");
	free(got);
	got = tui_row(NULL, NULL, 0, 0, TUI_DIR_LTR);
	assert_string_equal(got, "");
	free(got);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(visual__latin__unchanged_any_dir_any_mode),
		cmocka_unit_test(visual__arabic_word__reversed_and_shaped),
		cmocka_unit_test(visual__lam_alef__one_ligature_cell),
		cmocka_unit_test(visual__mixed_valve_rtl__reads_right_to_left),
		cmocka_unit_test(visual__mixed_valve_ltr__arabic_run_first),
		cmocka_unit_test(visual__item_code_in_sentence__code_intact),
		cmocka_unit_test(visual__brackets_rtl__mirrored),
		cmocka_unit_test(visual__tashkeel__width_zero_after_base),
		cmocka_unit_test(visual__terminal_mode__logical_order),
		cmocka_unit_test(visual__cut__keeps_logical_beginning),
		cmocka_unit_test(visual__cut__never_splits_char_or_marks),
		cmocka_unit_test(visual__every_cut__valid_and_within_cols),
		cmocka_unit_test(visual__invalid_utf8__replacement_char),
		cmocka_unit_test(visual__empty__empty),
		cmocka_unit_test(auto__first_strong__decides),
		cmocka_unit_test(pad__ltr__spaces_on_right),
		cmocka_unit_test(pad__rtl__spaces_on_left),
		cmocka_unit_test(pad__align_right__numbers_right_in_ltr),
		cmocka_unit_test(pad__too_wide__keeps_start_side),
		cmocka_unit_test(row__rtl__first_cell_at_right_edge),
		cmocka_unit_test(row__rtl_arabic_cells__exact_width),
		cmocka_unit_test(row__no_cells__blank_line),
	};

	return cmocka_run_group_tests_name("bidi", tests, NULL, NULL);
}
