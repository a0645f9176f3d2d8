/* Unit tests for core/qty.c: quantities, money, rounding and dates. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/qty.h"
#include "lib/text.h"

/* Parse s with flags and expect success with want. */
static void
parse_ok(const char *s, int flags, int64_t want)
{
	struct wms_err	err;
	int64_t		v = -42;
	int		rc;

	wms_err_clear(&err);
	rc = wms_qty_parse(s, flags, &v, &err);
	if (rc != 0)
		fail_msg("wms_qty_parse(\"%s\", %d): rc %d: %s", s, flags, rc,
		    err.msg);
	if (v != want)
		fail_msg("wms_qty_parse(\"%s\"): %lld, wanted %lld", s,
		    (long long)v, (long long)want);
}

/*
 * Parse s and expect WMS_ERR_INVALID, *out untouched and a message that
 * names the text (when it is not empty) and contains rule.
 */
static void
parse_bad(const char *s, int flags, const char *rule)
{
	struct wms_err	err;
	int64_t		v = -42;
	int		rc;
	char		quoted[128];

	wms_err_clear(&err);
	rc = wms_qty_parse(s, flags, &v, &err);
	if (rc != WMS_ERR_INVALID)
		fail_msg("wms_qty_parse(\"%s\", %d): rc %d (value %lld), "
		    "wanted WMS_ERR_INVALID", s, flags, rc, (long long)v);
	assert_int_equal(err.rc, WMS_ERR_INVALID);
	assert_true(v == -42);
	/* Messages quote bytes that are not UTF-8 escaped (lib/err.c). */
	wms_text_escape(s, strlen(s), quoted, sizeof quoted);
	if (*s != '\0' && strstr(err.msg, quoted) == NULL)
		fail_msg("message \"%s\" does not name \"%s\"", err.msg,
		    quoted);
	if (rule != NULL && strstr(err.msg, rule) == NULL)
		fail_msg("message \"%s\" does not say \"%s\"", err.msg, rule);
}

static void
wms_qty_parse__decimals__thousandths(void **state)
{
	(void)state;
	parse_ok("12.5", 0, 12500);
	parse_ok("0.001", 0, 1);
	parse_ok("12", 0, 12000);
	parse_ok("12.345", 0, 12345);
	parse_ok("007.10", 0, 7100);
	parse_ok(".5", 0, 500);
}

static void
wms_qty_parse__arabic_indic_digits__accepted(void **state)
{
	(void)state;
	/* ١٢٫٥: Arabic-Indic digits and the Arabic decimal separator. */
	parse_ok("\xd9\xa1\xd9\xa2\xd9\xab\xd9\xa5", 0, 12500);
	/* ۱۲.۵ with the extended (Persian) digits. */
	parse_ok("\xdb\xb1\xdb\xb2.\xdb\xb5", 0, 12500);
	parse_ok("\xd9\xa0\xd9\xab\xd9\xa0\xd9\xa0\xd9\xa1", 0, 1);
}

static void
wms_qty_parse__empty__refused(void **state)
{
	struct wms_err	err;
	int64_t		v = -42;

	(void)state;
	parse_bad("", 0, NULL);
	parse_bad("", WMS_QTY_SIGNED | WMS_QTY_ZERO, NULL);
	assert_int_equal(wms_qty_parse(NULL, 0, &v, &err), WMS_ERR_INVALID);
	assert_true(v == -42);
}

static void
wms_qty_parse__not_a_number__refused(void **state)
{
	(void)state;
	parse_bad("abc", 0, "not a decimal number");
	parse_bad("1e9999", 0, NULL);
	parse_bad("1e3", 0, NULL);
	parse_bad("1..2", 0, NULL);
	parse_bad(".", 0, NULL);
	parse_bad(" 5", 0, NULL);
	parse_bad("5 ", 0, NULL);
	parse_bad("1,5", 0, NULL);
	parse_bad("0x10", 0, NULL);
	parse_bad("--5", WMS_QTY_SIGNED, NULL);
	parse_bad("5-", WMS_QTY_SIGNED, NULL);
	/* A lone lead byte of an Arabic digit. */
	parse_bad("1\xd9", 0, NULL);
}

static void
wms_qty_parse__sign_without_flag__refused(void **state)
{
	(void)state;
	parse_bad("-5", 0, NULL);
	parse_bad("+5", 0, NULL);
	parse_bad("-5", WMS_QTY_ZERO, NULL);
}

static void
wms_qty_parse__sign_with_flag__accepted(void **state)
{
	(void)state;
	parse_ok("-5", WMS_QTY_SIGNED, -5000);
	parse_ok("+5", WMS_QTY_SIGNED, 5000);
	parse_ok("-0.001", WMS_QTY_SIGNED, -1);
	parse_ok("-\xd9\xa1\xd9\xa2\xd9\xab\xd9\xa5", WMS_QTY_SIGNED, -12500);
}

static void
wms_qty_parse__zero__only_with_flag(void **state)
{
	(void)state;
	parse_bad("0", 0, "zero");
	parse_bad("0.000", 0, "zero");
	parse_bad("0", WMS_QTY_SIGNED, "zero");
	parse_ok("0", WMS_QTY_ZERO, 0);
	parse_ok("0.000", WMS_QTY_ZERO, 0);
	parse_ok("0", WMS_QTY_ZERO | WMS_QTY_SIGNED, 0);
}

static void
wms_qty_parse__minus_zero__refused(void **state)
{
	(void)state;
	parse_bad("-0", WMS_QTY_SIGNED, NULL);
	parse_bad("-0", WMS_QTY_SIGNED | WMS_QTY_ZERO, NULL);
	parse_bad("-0.000", WMS_QTY_SIGNED | WMS_QTY_ZERO, NULL);
}

static void
wms_qty_parse__four_decimals__refused(void **state)
{
	(void)state;
	parse_bad("1.2345", 0, "3 decimals");
	parse_bad("0.0001", WMS_QTY_ZERO, NULL);
	parse_bad("1.0000", 0, NULL);
}

static void
wms_qty_parse__too_large__refused(void **state)
{
	(void)state;
	/* WMS_QTY_MAX thousandths is 10^12 units: the largest accepted. */
	parse_ok("1000000000000", 0, WMS_QTY_MAX);
	parse_ok("-1000000000000", WMS_QTY_SIGNED, -WMS_QTY_MAX);
	parse_bad("1000000000000.001", 0, "too large");
	parse_bad("1000000000001", 0, "too large");
	parse_bad("1000000000000000000", 0, "too large");
	parse_bad("99999999999999999999999999", 0, "too large");
	parse_bad("-1000000000000.001", WMS_QTY_SIGNED, "too large");
}

static void
check_fmt(int64_t q, const char *want)
{
	char buf[32];

	assert_string_equal(wms_qty_fmt(q, buf, sizeof buf), want);
}

static void
wms_qty_fmt__values__no_trailing_zeros(void **state)
{
	(void)state;
	check_fmt(12500, "12.5");
	check_fmt(1, "0.001");
	check_fmt(10, "0.01");
	check_fmt(100, "0.1");
	check_fmt(1000, "1");
	check_fmt(0, "0");
	check_fmt(12345, "12.345");
	check_fmt(-12500, "-12.5");
	check_fmt(-1, "-0.001");
	check_fmt(WMS_QTY_MAX, "1000000000000");
	check_fmt(INT64_MIN, "-9223372036854775.808");
	check_fmt(INT64_MAX, "9223372036854775.807");
}

static void
wms_qty_fmt__parse__round_trips(void **state)
{
	static const int64_t vals[] = { 1, 9, 10, 99, 100, 999, 1000, 1001,
	    12500, 12340, 123456789, 999999999999, WMS_QTY_MAX - 1,
	    WMS_QTY_MAX };
	struct wms_err	err;
	char		buf[32];
	int64_t		v, q;
	size_t		i;
	int		sign;

	(void)state;
	for (i = 0; i < sizeof vals / sizeof vals[0]; i++) {
		for (sign = -1; sign <= 1; sign += 2) {
			q = vals[i] * sign;
			wms_qty_fmt(q, buf, sizeof buf);
			if (wms_qty_parse(buf, WMS_QTY_SIGNED, &v, &err) != 0)
				fail_msg("\"%s\" does not parse back: %s", buf,
				    err.msg);
			if (v != q)
				fail_msg("%lld -> \"%s\" -> %lld", (long long)q,
				    buf, (long long)v);
		}
	}
}

static void
money_ok(const char *s, int minor, int64_t want)
{
	struct wms_err	err;
	int64_t		v = -42;

	if (wms_money_parse(s, minor, &v, &err) != 0)
		fail_msg("wms_money_parse(\"%s\", %d): %s", s, minor, err.msg);
	if (v != want)
		fail_msg("wms_money_parse(\"%s\", %d): %lld, wanted %lld", s,
		    minor, (long long)v, (long long)want);
}

static void
money_bad(const char *s, int minor)
{
	struct wms_err	err;
	int64_t		v = -42;
	int		rc;
	char		quoted[128];

	rc = wms_money_parse(s, minor, &v, &err);
	if (rc != WMS_ERR_INVALID)
		fail_msg("wms_money_parse(\"%s\", %d): rc %d (value %lld)", s,
		    minor, rc, (long long)v);
	assert_true(v == -42);
	/* Messages quote bytes that are not UTF-8 escaped (lib/err.c). */
	wms_text_escape(s, strlen(s), quoted, sizeof quoted);
	if (*s != '\0' && strstr(err.msg, quoted) == NULL)
		fail_msg("message \"%s\" does not name \"%s\"", err.msg,
		    quoted);
}

static void
wms_money_parse__amounts__minor_units(void **state)
{
	(void)state;
	money_ok("1250.5", 2, 125050);
	money_ok("1250.55", 2, 125055);
	money_ok("1250", 2, 125000);
	money_ok("0", 2, 0);
	money_ok("0.01", 2, 1);
	money_ok("12", 0, 12);
	money_ok("1.234", 3, 1234);
	money_ok("\xd9\xa1\xd9\xa2\xd9\xab\xd9\xa5", 2, 1250);
}

static void
wms_money_parse__bad_amounts__refused(void **state)
{
	(void)state;
	money_bad("", 2);
	money_bad("-1", 2);
	money_bad("+1", 2);
	money_bad("1.234", 2);
	money_bad("12.5", 0);
	money_bad("abc", 2);
	money_bad("1e5", 2);
	money_bad("99999999999999999999999", 2);
}

static void
check_money_fmt(int64_t v, int minor, const char *want)
{
	char buf[48];

	assert_string_equal(wms_money_fmt(v, minor, buf, sizeof buf), want);
}

static void
wms_money_fmt__values__fixed_decimals(void **state)
{
	(void)state;
	check_money_fmt(125050, 2, "1250.50");
	check_money_fmt(5, 2, "0.05");
	check_money_fmt(-5, 2, "-0.05");
	check_money_fmt(0, 2, "0.00");
	check_money_fmt(12, 0, "12");
	check_money_fmt(-12, 0, "-12");
	check_money_fmt(1234, 3, "1.234");
}

static void
wms_money_fmt__parse__round_trips(void **state)
{
	static const int64_t vals[] = { 0, 1, 9, 10, 99, 100, 125050,
	    123456789012, INT64_C(1000000000000000000) };
	struct wms_err	err;
	char		buf[48];
	int64_t		v;
	size_t		i;
	int		minor;

	(void)state;
	for (minor = 0; minor <= 4; minor++) {
		for (i = 0; i < sizeof vals / sizeof vals[0]; i++) {
			wms_money_fmt(vals[i], minor, buf, sizeof buf);
			if (wms_money_parse(buf, minor, &v, &err) != 0)
				fail_msg("\"%s\" (minor %d) does not parse "
				    "back: %s", buf, minor, err.msg);
			assert_true(v == vals[i]);
		}
	}
}

static void
wms_money_fmt__int64_min__exact(void **state)
{
	(void)state;
	/* The most negative amount must format like any other. */
	check_money_fmt(INT64_MIN, 2, "-92233720368547758.08");
	check_money_fmt(INT64_MIN, 0, "-9223372036854775808");
}

static void
muldiv_ok(int64_t a, int64_t b, int64_t c, int64_t want)
{
	int64_t v = -42;

	if (wms_muldiv(a, b, c, &v) != 0)
		fail_msg("wms_muldiv(%lld, %lld, %lld) refused", (long long)a,
		    (long long)b, (long long)c);
	if (v != want)
		fail_msg("wms_muldiv(%lld, %lld, %lld) = %lld, wanted %lld",
		    (long long)a, (long long)b, (long long)c, (long long)v,
		    (long long)want);
}

static void
wms_muldiv__halves__away_from_zero(void **state)
{
	(void)state;
	muldiv_ok(10, 25, 100, 3);	/* 2.5 */
	muldiv_ok(-10, 25, 100, -3);
	muldiv_ok(10, -25, 100, -3);
	muldiv_ok(10, 25, -100, -3);
	muldiv_ok(-10, -25, 100, 3);
	muldiv_ok(-10, 25, -100, 3);
	muldiv_ok(1, 1, 2, 1);		/* 0.5 */
	muldiv_ok(-1, 1, 2, -1);
	muldiv_ok(3, 1, 2, 2);		/* 1.5 */
	muldiv_ok(5, 1, 2, 3);		/* 2.5 */
}

static void
wms_muldiv__not_halves__nearest(void **state)
{
	(void)state;
	muldiv_ok(1, 1, 3, 0);		/* 0.333 */
	muldiv_ok(2, 1, 3, 1);		/* 0.667 */
	muldiv_ok(-2, 1, 3, -1);
	muldiv_ok(-1, 1, 3, 0);
	muldiv_ok(10, 15, 100, 2);	/* 1.5 */
	muldiv_ok(10, 14, 100, 1);	/* 1.4 */
	muldiv_ok(0, 12345, 7, 0);
	muldiv_ok(3000, 5000, 20000, 750);
	/* 100 minor units a unit x 12.345 units (thousandths). */
	muldiv_ok(100, 12345, 1000, 1235);	/* 1234.5 */
}

static void
wms_muldiv__large_intermediate__exact(void **state)
{
	(void)state;
	muldiv_ok(INT64_MAX, INT64_MAX, INT64_MAX, INT64_MAX);
	muldiv_ok(INT64_MAX, 1000000, 1000000, INT64_MAX);
	muldiv_ok(INT64_MIN, 1, 1, INT64_MIN);
	muldiv_ok(INT64_MIN, INT64_MIN, INT64_MIN, INT64_MIN);
	muldiv_ok(WMS_QTY_MAX, WMS_QTY_MAX, WMS_QTY_MAX, WMS_QTY_MAX);
}

static void
wms_muldiv__overflow_or_zero__refused(void **state)
{
	int64_t v = -42;

	(void)state;
	assert_int_equal(wms_muldiv(INT64_MAX, 2, 1, &v), WMS_ERR_INVALID);
	assert_int_equal(wms_muldiv(INT64_MIN, -1, 1, &v), WMS_ERR_INVALID);
	assert_int_equal(wms_muldiv(INT64_MIN, INT64_MIN, 1, &v),
	    WMS_ERR_INVALID);
	assert_int_equal(wms_muldiv(WMS_QTY_MAX, WMS_QTY_MAX, 1, &v),
	    WMS_ERR_INVALID);
	assert_int_equal(wms_muldiv(1, 1, 0, &v), WMS_ERR_INVALID);
	assert_int_equal(wms_muldiv(0, 0, 0, &v), WMS_ERR_INVALID);
	assert_true(v == -42);
}

static void
wms_date_valid__real_dates__accepted(void **state)
{
	(void)state;
	assert_true(wms_date_valid("2026-01-01"));
	assert_true(wms_date_valid("2026-12-31"));
	assert_true(wms_date_valid("2024-02-29"));
	assert_true(wms_date_valid("2000-02-29"));
	assert_true(wms_date_valid("2026-02-28"));
	assert_true(wms_date_valid("2026-04-30"));
}

static void
wms_date_valid__impossible_dates__refused(void **state)
{
	(void)state;
	assert_false(wms_date_valid("2026-02-29"));
	assert_false(wms_date_valid("2100-02-29"));
	assert_false(wms_date_valid("1900-02-29"));
	assert_false(wms_date_valid("2024-02-30"));
	assert_false(wms_date_valid("2026-04-31"));
	assert_false(wms_date_valid("2026-13-01"));
	assert_false(wms_date_valid("2026-00-10"));
	assert_false(wms_date_valid("2026-01-00"));
	assert_false(wms_date_valid("2026-01-32"));
}

static void
wms_date_valid__bad_shapes__refused(void **state)
{
	(void)state;
	assert_false(wms_date_valid("2026-1-01"));
	assert_false(wms_date_valid("2026-01-1"));
	assert_false(wms_date_valid("26-01-01"));
	assert_false(wms_date_valid("2026/01/01"));
	assert_false(wms_date_valid("2026-01-01 "));
	assert_false(wms_date_valid(" 2026-01-01"));
	assert_false(wms_date_valid("2026-01-01T00:00:00Z"));
	assert_false(wms_date_valid("2026-0a-01"));
	assert_false(wms_date_valid(""));
	assert_false(wms_date_valid(NULL));
}

static void
check_date_add(const char *iso, int days, const char *want)
{
	char out[11];

	memset(out, 'x', sizeof out);
	wms_date_add(iso, days, out);
	assert_string_equal(out, want);
}

static void
wms_date_add__days__calendar_date(void **state)
{
	(void)state;
	check_date_add("2026-01-31", 1, "2026-02-01");
	check_date_add("2024-02-28", 1, "2024-02-29");
	check_date_add("2026-02-28", 1, "2026-03-01");
	check_date_add("2026-12-31", 1, "2027-01-01");
	check_date_add("2026-03-01", -1, "2026-02-28");
	check_date_add("2026-01-01", 0, "2026-01-01");
	check_date_add("2026-01-01", 730, "2028-01-01");
	check_date_add("2024-01-01", 366, "2025-01-01");
	check_date_add("2026-01-01", -365, "2025-01-01");
}

static void
wms_date_add__timestamp__uses_its_date(void **state)
{
	(void)state;
	check_date_add("2026-11-26T20:58:01.123Z", 0, "2026-11-26");
	check_date_add("2026-11-26T23:59:59.999Z", 5, "2026-12-01");
}

static void
wms_add__in_range__sum(void **state)
{
	int64_t v = -42;

	(void)state;
	assert_int_equal(wms_add(2, 3, &v), 0);
	assert_int_equal(v, 5);
	assert_int_equal(wms_add(INT64_MAX - 1, 1, &v), 0);
	assert_true(v == INT64_MAX);
	assert_int_equal(wms_add(INT64_MIN, 0, &v), 0);
	assert_true(v == INT64_MIN);
	assert_int_equal(wms_sub(-5, 7, &v), 0);
	assert_int_equal(v, -12);
	assert_int_equal(wms_mul(-4, 250, &v), 0);
	assert_int_equal(v, -1000);
}

static void
wms_add__overflow__refused_untouched(void **state)
{
	int64_t v = -42;

	(void)state;
	assert_int_equal(wms_add(INT64_MAX, 1, &v), WMS_ERR_INVALID);
	assert_int_equal(wms_add(INT64_MIN, -1, &v), WMS_ERR_INVALID);
	assert_int_equal(wms_sub(INT64_MIN, 1, &v), WMS_ERR_INVALID);
	assert_int_equal(wms_sub(0, INT64_MIN, &v), WMS_ERR_INVALID);
	assert_int_equal(wms_mul(INT64_MAX / 2 + 1, 2, &v), WMS_ERR_INVALID);
	assert_int_equal(wms_mul(INT64_MIN, -1, &v), WMS_ERR_INVALID);
	/* The receipt: 10,000 lines of 999999999999.999 units. */
	assert_int_equal(wms_mul(INT64_C(999999999999999), 10000, &v),
	    WMS_ERR_INVALID);
	assert_int_equal(v, -42);
}

static void
wms_add_within__limit__both_ways(void **state)
{
	int64_t v = -42;

	(void)state;
	assert_int_equal(wms_add_within(WMS_BAL_MAX - 1, 1, WMS_BAL_MAX, &v),
	    0);
	assert_true(v == WMS_BAL_MAX);
	assert_int_equal(wms_add_within(-WMS_BAL_MAX + 1, -1, WMS_BAL_MAX,
	    &v), 0);
	assert_true(v == -WMS_BAL_MAX);
	v = -42;
	assert_int_equal(wms_add_within(WMS_BAL_MAX, 1, WMS_BAL_MAX, &v),
	    WMS_ERR_INVALID);
	assert_int_equal(wms_add_within(-WMS_BAL_MAX, -1, WMS_BAL_MAX, &v),
	    WMS_ERR_INVALID);
	/* Past 64 bits is past the limit too, not a wrapped sum. */
	assert_int_equal(wms_add_within(INT64_MAX, INT64_MAX, WMS_BAL_MAX,
	    &v), WMS_ERR_INVALID);
	assert_int_equal(v, -42);
	/* Two receipts of 1000 at 50,000,000,000,000.00 each. */
	assert_int_equal(wms_add_within(INT64_C(5000000000000000000),
	    INT64_C(5000000000000000000), WMS_VALUE_MAX, &v), WMS_ERR_INVALID);
}

static void
wms_limits__documented__values(void **state)
{
	(void)state;
	/* 10^12 units, in thousandths; it also parses, one more does not. */
	assert_true(WMS_BAL_MAX == INT64_C(1000000000000) * 1000);
	assert_true(WMS_VALUE_MAX == INT64_C(100000000000000000));
	/* Fifty depots at the value limit still fit. */
	assert_true(WMS_VALUE_MAX <= INT64_MAX / 50);
	/* total() of SQLite is exact for a balance at the limit. */
	assert_true(WMS_BAL_MAX < (INT64_C(1) << 53));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(wms_qty_parse__decimals__thousandths),
		cmocka_unit_test(wms_qty_parse__arabic_indic_digits__accepted),
		cmocka_unit_test(wms_qty_parse__empty__refused),
		cmocka_unit_test(wms_qty_parse__not_a_number__refused),
		cmocka_unit_test(wms_qty_parse__sign_without_flag__refused),
		cmocka_unit_test(wms_qty_parse__sign_with_flag__accepted),
		cmocka_unit_test(wms_qty_parse__zero__only_with_flag),
		cmocka_unit_test(wms_qty_parse__minus_zero__refused),
		cmocka_unit_test(wms_qty_parse__four_decimals__refused),
		cmocka_unit_test(wms_qty_parse__too_large__refused),
		cmocka_unit_test(wms_qty_fmt__values__no_trailing_zeros),
		cmocka_unit_test(wms_qty_fmt__parse__round_trips),
		cmocka_unit_test(wms_money_parse__amounts__minor_units),
		cmocka_unit_test(wms_money_parse__bad_amounts__refused),
		cmocka_unit_test(wms_money_fmt__values__fixed_decimals),
		cmocka_unit_test(wms_money_fmt__parse__round_trips),
		cmocka_unit_test(wms_money_fmt__int64_min__exact),
		cmocka_unit_test(wms_muldiv__halves__away_from_zero),
		cmocka_unit_test(wms_muldiv__not_halves__nearest),
		cmocka_unit_test(wms_muldiv__large_intermediate__exact),
		cmocka_unit_test(wms_muldiv__overflow_or_zero__refused),
		cmocka_unit_test(wms_add__in_range__sum),
		cmocka_unit_test(wms_add__overflow__refused_untouched),
		cmocka_unit_test(wms_add_within__limit__both_ways),
		cmocka_unit_test(wms_limits__documented__values),
		cmocka_unit_test(wms_date_valid__real_dates__accepted),
		cmocka_unit_test(wms_date_valid__impossible_dates__refused),
		cmocka_unit_test(wms_date_valid__bad_shapes__refused),
		cmocka_unit_test(wms_date_add__days__calendar_date),
		cmocka_unit_test(wms_date_add__timestamp__uses_its_date),
	};

	return cmocka_run_group_tests_name("qty", tests, NULL, NULL);
}
