/* Unit tests for labels/gs1.c: GS1 element strings, barcodes, locations, documents. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "labels/gs1.h"

#define GS	"\x1d"		/* FNC1 as a scanner types it */
#define GTIN	"09506000134352"	/* valid: check digit 2 */

/* Parse s and expect success; the result goes to *out. */
static void
parse_ok(const char *s, struct label_scan *out)
{
	struct wms_err	err;
	int		rc;

	wms_err_clear(&err);
	rc = label_scan_parse(s, out, &err);
	if (rc != 0)
		fail_msg("label_scan_parse(\"%s\"): rc %d: %s", s, rc, err.msg);
}

/*
 * Parse s and expect WMS_ERR_INVALID, *out untouched and a message holding
 * each of the NULL-terminated strings that follow.
 */
static void
parse_bad(const char *s, ...)
{
	struct label_scan	out;
	struct wms_err		err;
	const char		*want;
	va_list			ap;
	int			rc;

	memset(&out, 0x5a, sizeof out);
	wms_err_clear(&err);
	rc = label_scan_parse(s, &out, &err);
	if (rc != WMS_ERR_INVALID)
		fail_msg("label_scan_parse(\"%s\"): rc %d, wanted %d", s, rc,
		    WMS_ERR_INVALID);
	assert_int_equal(err.rc, WMS_ERR_INVALID);
	if (err.msg[0] == '\0')
		fail_msg("label_scan_parse(\"%s\"): empty message", s);
	if (out.gtin[0] != 0x5a || out.text[255] != 0x5a)
		fail_msg("label_scan_parse(\"%s\"): out was written", s);
	va_start(ap, s);
	while ((want = va_arg(ap, const char *)) != NULL) {
		if (strstr(err.msg, want) == NULL) {
			va_end(ap);
			fail_msg("label_scan_parse(\"%s\"): \"%s\" lacks \"%s\"",
			    s, err.msg, want);
		}
	}
	va_end(ap);
}

/* Expect a GS1 result carrying gtin, lot and expiry, nothing else. */
static void
expect_gtin_lot_expiry(const char *s, const char *lot, const char *expiry)
{
	struct label_scan	r;

	parse_ok(s, &r);
	assert_int_equal(r.kind, LABEL_SCAN_GS1);
	assert_string_equal(r.gtin, GTIN);
	assert_string_equal(r.lot, lot);
	assert_string_equal(r.expiry, expiry);
	assert_string_equal(r.serial, "");
	assert_string_equal(r.item, "");
	assert_string_equal(r.text, "");
	assert_true(r.count == -1);
	assert_true(r.net_kg_milli == -1);
}

static void
check_digit__known_codes__computed(void **state)
{
	(void)state;
	assert_int_equal(label_gs1_check_digit(GTIN, 13), 2);
	assert_int_equal(label_gs1_check_digit("0950600013435", 13), 2);
	assert_int_equal(label_gs1_check_digit("400638133393", 12), 1);
	assert_int_equal(label_gs1_check_digit("03600029145", 11), 2);
	assert_int_equal(label_gs1_check_digit("9638507", 7), 4);
	assert_int_equal(label_gs1_check_digit("00614141123456789", 17), 0);
	assert_int_equal(label_gs1_check_digit("", 0), 0);
	assert_int_equal(label_gs1_check_digit("12A4", 4), -1);
}

static void
gs1__fnc1_separators__fields(void **state)
{
	(void)state;
	expect_gtin_lot_expiry(GS "01" GTIN "10ABC123" GS "17270101",
	    "ABC123", "2027-01-01");
	/* A trailing separator and one after a fixed field are harmless. */
	expect_gtin_lot_expiry("01" GTIN GS "10ABC123" GS "17270101" GS,
	    "ABC123", "2027-01-01");
}

static void
gs1__symbology_identifiers__stripped(void **state)
{
	(void)state;
	expect_gtin_lot_expiry("]C101" GTIN "10ABC123" GS "17270101",
	    "ABC123", "2027-01-01");
	expect_gtin_lot_expiry("]d201" GTIN "10ABC123" GS "17270101",
	    "ABC123", "2027-01-01");
	expect_gtin_lot_expiry("]Q301" GTIN "10ABC123" GS "17270101",
	    "ABC123", "2027-01-01");
	expect_gtin_lot_expiry("]C1" GS "01" GTIN "17270101" "10ABC123",
	    "ABC123", "2027-01-01");
}

static void
gs1__parenthesised__fields(void **state)
{
	struct label_scan	r;

	(void)state;
	expect_gtin_lot_expiry("(01)" GTIN "(10)ABC123(17)270101", "ABC123",
	    "2027-01-01");
	parse_ok("(01)" GTIN "(10)L)1(91)P-100(21)S/9", &r);
	assert_int_equal(r.kind, LABEL_SCAN_GS1);
	assert_string_equal(r.lot, "L)1");
	assert_string_equal(r.item, "P-100");
	assert_string_equal(r.serial, "S/9");
}

static void
gs1__raw_wedge_form__recognised(void **state)
{
	(void)state;
	expect_gtin_lot_expiry("01" GTIN "17270101" "10ABC123", "ABC123",
	    "2027-01-01");
}

static void
gs1__missing_separator__lot_swallows_next_ai(void **state)
{
	(void)state;
	/* Documented: without GS the lot runs to the end, AI 17 included. */
	expect_gtin_lot_expiry("01" GTIN "10ABC123" "17270101",
	    "ABC12317270101", "");
	expect_gtin_lot_expiry("]C101" GTIN "10ABC123" "17270101",
	    "ABC12317270101", "");
}

static void
gs1__fixed_fields_back_to_back__all_read(void **state)
{
	struct label_scan	r;

	(void)state;
	parse_ok("]C101" GTIN "17270101" "11250315" "15260600" "3103001250"
	    "21SER-42", &r);
	assert_string_equal(r.gtin, GTIN);
	assert_string_equal(r.expiry, "2027-01-01");
	assert_string_equal(r.produced, "2025-03-15");
	assert_string_equal(r.best_before, "2026-06-30");
	assert_true(r.net_kg_milli == 1250);
	assert_string_equal(r.serial, "SER-42");
	assert_string_equal(r.lot, "");
}

static void
gs1__variable_field_first__needs_gs(void **state)
{
	struct label_scan	r;

	(void)state;
	parse_ok("]C110LOT7" GS "01" GTIN "91P-100" GS "40012/ABC", &r);
	assert_string_equal(r.lot, "LOT7");
	assert_string_equal(r.gtin, GTIN);
	assert_string_equal(r.item, "P-100");
	assert_string_equal(r.order, "12/ABC");
}

static void
gs1__sscc__check_digit(void **state)
{
	struct label_scan	r;

	(void)state;
	parse_ok("]C100006141411234567890", &r);
	assert_string_equal(r.sscc, "006141411234567890");
	assert_string_equal(r.gtin, "");
	parse_bad("]C100006141411234567891", "(00)", "position 4",
	    "expected 0", NULL);
	parse_bad("]C1000061414112345678", "(00)", "too short",
	    "expected 18 digits, got 16", NULL);
}

static void
gs1__gtin_bad_check_digit__names_expected(void **state)
{
	(void)state;
	parse_bad(GS "0109506000134353", "(01)", "09506000134353",
	    "expected 2", NULL);
	parse_bad("(01)09506000134359(10)A", "(01)", "expected 2", NULL);
	parse_bad("]C10109506000134A52", "(01)", "'A' at position 17",
	    "digit", NULL);
	parse_bad("]C1010950600013435", "(01)", "too short", NULL);
}

static void
gs1__ai02_with_count__read(void **state)
{
	struct label_scan	r;

	(void)state;
	parse_ok("]C10219506000134359" "3712", &r);
	assert_string_equal(r.gtin, "19506000134359");
	assert_true(r.count == 12);
	parse_ok("]C13000000250" GS "10X", &r);
	assert_true(r.count == 250);
	assert_string_equal(r.lot, "X");
	parse_bad("]C10219506000134358", "(02)", "expected 9", NULL);
}

static void
gs1__count__bad(void **state)
{
	(void)state;
	parse_bad("]C130123456789", "(30)", "too long", "at most 8", NULL);
	parse_bad("]C13012X", "(30)", "'X' at position 8", NULL);
	parse_bad("]C130" GS "10A", "(30)", "empty", NULL);
	parse_bad("]C13012" GS "3712", "(37)", "conflicts with AI (30)",
	    NULL);
}

static void
gs1__net_weight__thousandths(void **state)
{
	struct label_scan	r;

	(void)state;
	parse_ok("]C13103001250", &r);
	assert_true(r.net_kg_milli == 1250);
	parse_ok("]C13100000012", &r);
	assert_true(r.net_kg_milli == 12000);
	parse_ok("]C13101000125", &r);
	assert_true(r.net_kg_milli == 12500);
	parse_ok("]C13102012345", &r);
	assert_true(r.net_kg_milli == 123450);
	/* More than three decimals round half up to the gram. */
	parse_ok("]C13104012345", &r);
	assert_true(r.net_kg_milli == 1235);
	parse_ok("]C13105001249", &r);
	assert_true(r.net_kg_milli == 12);
	parse_bad("]C13106001250", "unknown GS1 application identifier 3106",
	    "position 4", NULL);
	parse_bad("]C1310300125", "(3103)", "too short", NULL);
	parse_bad("]C13102001250" "3103001250", "(3103)",
	    "conflicts with AI (3102)", NULL);
}

static void
gs1__text_fields__limits_and_characters(void **state)
{
	struct label_scan	r;
	char			buf[128];

	(void)state;
	parse_ok("]C110ABCDEFGHIJ0123456789", &r);
	assert_string_equal(r.lot, "ABCDEFGHIJ0123456789");
	parse_bad("]C110ABCDEFGHIJ0123456789X", "(10)", "too long",
	    "at most 20", "got 21", NULL);
	parse_bad("]C121ABCDEFGHIJ0123456789X", "(21)", "too long", NULL);
	parse_bad("]C110AB#C", "(10)", "'#' at position 8", NULL);
	parse_bad("]C110AB C", "(10)", "byte 0x20 at position 8", NULL);
	parse_bad("]C110" GS "21X", "(10)", "position 4", "empty", NULL);
	parse_bad("(10)(21)X", "(10)", "empty", NULL);

	snprintf(buf, sizeof buf, "]C1400%s", "123456789012345678901234567890");
	parse_ok(buf, &r);
	assert_string_equal(r.order, "123456789012345678901234567890");
	snprintf(buf, sizeof buf, "]C1400%s", "1234567890123456789012345678901");
	parse_bad(buf, "(400)", "too long", "at most 30", NULL);

	/* AI 91 holds up to 90 characters (GS1 General Specifications). */
	snprintf(buf, sizeof buf, "]C191%s%s%s", "123456789012345678901234567890",
	    "123456789012345678901234567890", "123456789012345678901234567890");
	parse_ok(buf, &r);
	assert_int_equal(strlen(r.item), 90);
	snprintf(buf, sizeof buf, "]C191%s%s%sX",
	    "123456789012345678901234567890", "123456789012345678901234567890",
	    "123456789012345678901234567890");
	parse_bad(buf, "(91)", "too long", "at most 90", "got 91", NULL);

	/* Character set 82: '"' is in it, '[' and ']' are not. */
	parse_ok("]C110AB\"C", &r);
	assert_string_equal(r.lot, "AB\"C");
	parse_bad("]C110AB[C", "(10)", "'[' at position 8", NULL);
	parse_bad("]C121AB]C", "(21)", "']' at position 8", NULL);
	/* After an identifier a trailing space is data, and refused. */
	parse_bad("]C110ABC ", "(10)", "byte 0x20", NULL);
	parse_ok("]C110ABC\r\n", &r);
	assert_string_equal(r.lot, "ABC");
	/* In the bracketed form "\\(" is a '(' of the value. */
	parse_ok("(10)AB\\(C(21)X", &r);
	assert_string_equal(r.lot, "AB(C");
	assert_string_equal(r.serial, "X");
}

static void
gs1__unknown_ai__named_with_position(void **state)
{
	(void)state;
	parse_bad("]C101" GTIN "99XYZ",
	    "unknown GS1 application identifier 99 at position 20", NULL);
	parse_bad("(01)" GTIN "(99)X",
	    "unknown GS1 application identifier 99 at position 20", NULL);
	parse_bad("]C1" "7003123", "unknown GS1 application identifier 7003",
	    NULL);
	parse_bad("(011)" GTIN, "unknown GS1 application identifier 011",
	    NULL);
	parse_bad("]C1ABC", "application identifier at position 4", "'A'",
	    NULL);
	parse_bad("(01)" GTIN "(10", "position 20", NULL);
	parse_bad("(01)" GTIN "(10)A(1)B", "position 25", NULL);
}

static void
gs1__repeated_ai__refused(void **state)
{
	(void)state;
	parse_bad("]C110A" GS "10B", "(10)", "position 8", "repeated", NULL);
	parse_bad("(01)" GTIN "(01)" GTIN, "(01)", "repeated", NULL);
	parse_bad("]C101" GTIN "0219506000134359", "(02)",
	    "conflicts with AI (01)", NULL);
}

static void
gs1__day_00__last_day_of_month(void **state)
{
	struct label_scan	r;

	(void)state;
	parse_ok("]C117240200", &r);
	assert_string_equal(r.expiry, "2024-02-29");
	parse_ok("]C117250200", &r);
	assert_string_equal(r.expiry, "2025-02-28");
	parse_ok("]C117261100", &r);
	assert_string_equal(r.expiry, "2026-11-30");
	parse_ok("]C115001200", &r);
	assert_string_equal(r.best_before, "2000-12-31");
	/* GS1 allows day 00 in every date AI: (11) as well. */
	parse_ok("]C111240200", &r);
	assert_string_equal(r.produced, "2024-02-29");
	parse_bad("]C111241300", "(11)", "241300", NULL);
}

static void
gs1__dates__century_window(void **state)
{
	struct label_scan	r;
	char			buf[32];
	char			want[32];
	time_t			now = time(NULL);
	struct tm		tm;
	int			cur;

	(void)state;
	/* The rolling window: up to 50 years ahead of this year, 49 back. */
	gmtime_r(&now, &tm);
	cur = tm.tm_year + 1900;
	parse_ok("]C117240229", &r);
	assert_string_equal(r.expiry, "2024-02-29");
	snprintf(buf, sizeof buf, "]C111%02d0101", (cur + 50) % 100);
	snprintf(want, sizeof want, "%04d-01-01", cur + 50);
	parse_ok(buf, &r);
	assert_string_equal(r.produced, want);
	snprintf(buf, sizeof buf, "]C111%02d0101", (cur + 51) % 100);
	snprintf(want, sizeof want, "%04d-01-01", cur - 49);
	parse_ok(buf, &r);
	assert_string_equal(r.produced, want);
	/* In 2026: 50 to 76 are the 2050s to 2070s, no longer the 1900s. */
	if (cur >= 2026 && cur <= 2049) {
		parse_ok("]C111500101", &r);
		assert_string_equal(r.produced, "2050-01-01");
		parse_ok("]C117760101", &r);
		assert_string_equal(r.expiry, "2076-01-01");
	}
}

static void
gs1__bad_dates__refused(void **state)
{
	(void)state;
	parse_bad("]C117270231", "(17)", "270231", "not a real date", NULL);
	parse_bad("]C117251301", "(17)", "251301", NULL);
	parse_bad("]C115250001", "(15)", "250001", NULL);
	parse_bad("]C111250229", "(11)", "250229", NULL);
	parse_bad("]C115251300", "(15)", "251300", NULL);
	parse_bad("]C11727AB01", "(17)", "'A' at position 8", NULL);
	parse_bad("]C117270", "(17)", "too short", "got 3", NULL);
	parse_bad("]C117270" GS "10A", "(17)", "too short", NULL);
	parse_bad("(17)2701011", "(17)", "too long", NULL);
}

static void
gs1__nothing_after_prefix__refused(void **state)
{
	(void)state;
	parse_bad("]C1", "symbology identifier", NULL);
	parse_bad(GS, "no GS1 data", NULL);
	parse_bad("]d2" GS GS, "no GS1 data", NULL);
}

static void
document__numbers__recognised(void **state)
{
	struct label_scan	r;

	(void)state;
	parse_ok("HMS-GRN-2026-000123", &r);
	assert_int_equal(r.kind, LABEL_SCAN_DOCUMENT);
	assert_string_equal(r.text, "HMS-GRN-2026-000123");
	assert_string_equal(r.gtin, "");
	parse_ok(" MAIN_DEPOT.2-REV-2025-000001\r\n", &r);
	assert_int_equal(r.kind, LABEL_SCAN_DOCUMENT);
	assert_string_equal(r.text, "MAIN_DEPOT.2-REV-2025-000001");
	parse_ok("HMS-XYZ-2026-000123", &r);
	assert_int_equal(r.kind, LABEL_SCAN_CODE);
	parse_ok("HMS-GRN-2026-00012", &r);
	assert_int_equal(r.kind, LABEL_SCAN_CODE);
	parse_ok("H-GRN-2026-000123", &r);
	assert_int_equal(r.kind, LABEL_SCAN_CODE);
	parse_ok("hms-GRN-2026-000123", &r);
	assert_int_equal(r.kind, LABEL_SCAN_CODE);
}

static void
location__codes__recognised(void **state)
{
	struct label_scan	r;

	(void)state;
	parse_ok("HMS/A-01/03", &r);
	assert_int_equal(r.kind, LABEL_SCAN_LOCATION);
	assert_string_equal(r.text, "HMS/A-01/03");
	parse_ok("HMS/B", &r);
	assert_int_equal(r.kind, LABEL_SCAN_LOCATION);
	parse_ok("H/A", &r);
	assert_int_equal(r.kind, LABEL_SCAN_CODE);
	parse_ok("HMS/", &r);
	assert_int_equal(r.kind, LABEL_SCAN_CODE);
	parse_ok("HMS//A", &r);
	assert_int_equal(r.kind, LABEL_SCAN_CODE);
	parse_ok("hms/a1", &r);
	assert_int_equal(r.kind, LABEL_SCAN_CODE);
	parse_ok("HMS/ABCDEFGHIJKLMNOPQRSTUVWXY", &r);
	assert_int_equal(r.kind, LABEL_SCAN_CODE);
}

static void
barcode__retail__check_digits(void **state)
{
	struct label_scan	r;

	(void)state;
	parse_ok("4006381333931", &r);
	assert_int_equal(r.kind, LABEL_SCAN_BARCODE);
	assert_string_equal(r.text, "4006381333931");
	assert_string_equal(r.gtin, "04006381333931");
	parse_ok("036000291452", &r);
	assert_int_equal(r.kind, LABEL_SCAN_BARCODE);
	assert_string_equal(r.gtin, "00036000291452");
	parse_ok("96385074", &r);
	assert_int_equal(r.kind, LABEL_SCAN_BARCODE);
	assert_string_equal(r.gtin, "00000096385074");
	parse_bad("4006381333932", "EAN-13", "4006381333932", "expected 1",
	    NULL);
	parse_bad("036000291453", "UPC-A", "expected 2", NULL);
	parse_bad("96385075", "EAN-8", "expected 4", NULL);
}

/* ]E0/]E4: an EAN with its symbology identifier, found by its barcode. */
static void
ean__symbology_identifier__barcode(void **state)
{
	struct label_scan	r;

	(void)state;
	parse_ok("]E05901234123457\r", &r);
	assert_int_equal(r.kind, LABEL_SCAN_BARCODE);
	assert_string_equal(r.text, "5901234123457");
	assert_string_equal(r.gtin, "05901234123457");
	parse_ok("]E496385074", &r);
	assert_int_equal(r.kind, LABEL_SCAN_BARCODE);
	assert_string_equal(r.text, "96385074");
	assert_string_equal(r.gtin, "00000096385074");
	parse_bad("]E05901234123458", "EAN-13", "check digit", NULL);
	parse_bad("]E0590123412345", "]E0", "13 digits", NULL);
	parse_bad("]E41234ABC8", "]E4", "8 digits", NULL);
	parse_bad("]E0", "]E0", NULL);
}

/* ]e0: GS1 DataBar's element string, read like ]C1. */
static void
databar__element_string__like_c1(void **state)
{
	struct label_scan	r;

	(void)state;
	parse_ok("]e00100123456789012", &r);
	assert_int_equal(r.kind, LABEL_SCAN_GS1);
	assert_string_equal(r.gtin, "00123456789012");
	parse_ok("]e001" GTIN "3103001234" "10LOT7", &r);
	assert_true(r.net_kg_milli == 1234);
	assert_string_equal(r.lot, "LOT7");
	parse_bad("]e0", "]e0", NULL);
}

static void
code__anything_else__kept(void **state)
{
	struct label_scan	r;

	(void)state;
	parse_ok("\tP-100 \r\n", &r);
	assert_int_equal(r.kind, LABEL_SCAN_CODE);
	assert_string_equal(r.text, "P-100");
	assert_string_equal(r.gtin, "");
	assert_true(r.count == -1);
	parse_ok("صمام ٢", &r);
	assert_int_equal(r.kind, LABEL_SCAN_CODE);
	assert_string_equal(r.text, "صمام ٢");
	parse_ok("12345678901234", &r);	/* 14 digits: no retail code */
	assert_int_equal(r.kind, LABEL_SCAN_CODE);
	parse_ok("01" GTIN, &r);		/* 16: a GTIN alone, raw GS1 */
	assert_int_equal(r.kind, LABEL_SCAN_GS1);
	assert_string_equal(r.gtin, GTIN);
	parse_ok("0109506000134353", &r);	/* a bad check digit: a code */
	assert_int_equal(r.kind, LABEL_SCAN_CODE);
	/* A bad check digit means it is not a raw GS1 string. */
	parse_ok("0109506000134353" "10ABC", &r);
	assert_int_equal(r.kind, LABEL_SCAN_CODE);
	parse_ok("(ABC)1", &r);
	assert_int_equal(r.kind, LABEL_SCAN_CODE);
	parse_bad("P\001X", "control character", "position 2", NULL);
}

static void
input__empty_long_or_invalid__refused(void **state)
{
	struct label_scan	r;
	char			buf[300];

	(void)state;
	parse_bad("", "nothing was scanned", NULL);
	parse_bad(" \r\n\t", "nothing was scanned", NULL);
	memset(buf, 'A', 255);
	buf[255] = '\0';
	parse_ok(buf, &r);
	assert_int_equal(r.kind, LABEL_SCAN_CODE);
	assert_int_equal(strlen(r.text), 255);
	memset(buf, 'A', 256);
	buf[256] = '\0';
	parse_bad(buf, "too long", "256", NULL);
	parse_bad("P\xff" "1", "UTF-8", "byte 2", NULL);
	parse_bad("]C110\xc3", "UTF-8", "byte 6", NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(check_digit__known_codes__computed),
		cmocka_unit_test(gs1__fnc1_separators__fields),
		cmocka_unit_test(gs1__symbology_identifiers__stripped),
		cmocka_unit_test(gs1__parenthesised__fields),
		cmocka_unit_test(gs1__raw_wedge_form__recognised),
		cmocka_unit_test(gs1__missing_separator__lot_swallows_next_ai),
		cmocka_unit_test(gs1__fixed_fields_back_to_back__all_read),
		cmocka_unit_test(gs1__variable_field_first__needs_gs),
		cmocka_unit_test(gs1__sscc__check_digit),
		cmocka_unit_test(gs1__gtin_bad_check_digit__names_expected),
		cmocka_unit_test(gs1__ai02_with_count__read),
		cmocka_unit_test(gs1__count__bad),
		cmocka_unit_test(gs1__net_weight__thousandths),
		cmocka_unit_test(gs1__text_fields__limits_and_characters),
		cmocka_unit_test(gs1__unknown_ai__named_with_position),
		cmocka_unit_test(gs1__repeated_ai__refused),
		cmocka_unit_test(gs1__day_00__last_day_of_month),
		cmocka_unit_test(gs1__dates__century_window),
		cmocka_unit_test(gs1__bad_dates__refused),
		cmocka_unit_test(gs1__nothing_after_prefix__refused),
		cmocka_unit_test(document__numbers__recognised),
		cmocka_unit_test(location__codes__recognised),
		cmocka_unit_test(barcode__retail__check_digits),
		cmocka_unit_test(ean__symbology_identifier__barcode),
		cmocka_unit_test(databar__element_string__like_c1),
		cmocka_unit_test(code__anything_else__kept),
		cmocka_unit_test(input__empty_long_or_invalid__refused),
	};

	return cmocka_run_group_tests_name("scan", tests, NULL, NULL);
}
