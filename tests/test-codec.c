/* Unit tests for devices/codec.c: word orders, integers, sign bits, float32. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "devices/codec.h"

static const enum dev_words all_words[] = {
	DEV_WORDS_ABCD, DEV_WORDS_CDAB, DEV_WORDS_BADC, DEV_WORDS_DCBA
};

/* Decode regs and expect want thousandths. */
static void
dec_ok(enum dev_type t, enum dev_words w, int d, uint16_t r0, uint16_t r1,
    int neg, int64_t want)
{
	struct wms_err	err;
	uint16_t	r[2] = { r0, r1 };
	int64_t		v = -42;
	int		rc;

	wms_err_clear(&err);
	rc = dev_decode(t, w, d, r, neg, &v, &err);
	if (rc != 0)
		fail_msg("%s %s d%d %04x %04x: rc %d: %s", dev_type_name(t),
		    dev_words_name(w), d, r0, r1, rc, err.msg);
	if (v != want)
		fail_msg("%s %s d%d %04x %04x: %lld, wanted %lld",
		    dev_type_name(t), dev_words_name(w), d, r0, r1,
		    (long long)v, (long long)want);
}

/* Decode regs and expect a refusal that says rule. */
static void
dec_bad(enum dev_type t, int d, uint16_t r0, uint16_t r1, const char *rule)
{
	struct wms_err	err;
	uint16_t	r[2] = { r0, r1 };
	int64_t		v = -42;

	wms_err_clear(&err);
	assert_int_equal(dev_decode(t, DEV_WORDS_ABCD, d, r, 0, &v, &err),
	    WMS_ERR_INVALID);
	assert_true(v == -42);
	if (strstr(err.msg, rule) == NULL)
		fail_msg("\"%s\" does not say \"%s\"", err.msg, rule);
}

/* Encode value and expect exactly r0 r1 (and the sign), then decode back. */
static void
enc_ok(enum dev_type t, enum dev_words w, int d, int64_t value, uint16_t r0,
    uint16_t r1, int want_neg)
{
	struct wms_err	err;
	uint16_t	r[2] = { 0xAAAA, 0xAAAA };
	int64_t		back;
	int		neg = -1, rc;

	wms_err_clear(&err);
	rc = dev_encode(t, w, d, value, r, &neg, &err);
	if (rc != 0)
		fail_msg("encode %s %s d%d %lld: %s", dev_type_name(t),
		    dev_words_name(w), d, (long long)value, err.msg);
	if (r[0] != r0 || (dev_type_regs(t) == 2 && r[1] != r1))
		fail_msg("encode %s %s d%d %lld: %04x %04x, wanted %04x %04x",
		    dev_type_name(t), dev_words_name(w), d, (long long)value,
		    r[0], r[1], r0, r1);
	if (dev_type_regs(t) == 1)
		assert_int_equal(r[1], 0xAAAA);
	assert_int_equal(neg, want_neg);
	assert_int_equal(dev_decode(t, w, d, r, neg, &back, &err), 0);
	assert_true(back == value);
}

static void
enc_bad(enum dev_type t, int d, int64_t value, const char *rule)
{
	struct wms_err	err;
	uint16_t	r[2] = { 0xAAAA, 0xAAAA };
	int		neg = 7;

	wms_err_clear(&err);
	assert_int_equal(dev_encode(t, DEV_WORDS_ABCD, d, value, r, &neg,
	    &err), WMS_ERR_INVALID);
	assert_int_equal(r[0], 0xAAAA);
	assert_int_equal(r[1], 0xAAAA);
	assert_int_equal(neg, 7);
	if (strstr(err.msg, rule) == NULL)
		fail_msg("\"%s\" does not say \"%s\"", err.msg, rule);
}

static void
dev_words_parse__names__round_trip(void **state)
{
	enum dev_words	w;
	enum dev_type	t;
	size_t		i;
	const char	*types[] = { "u16", "s16", "u32", "s32", "u16+sign",
			    "u32+sign", "float32" };

	(void)state;
	for (i = 0; i < 4; i++) {
		assert_int_equal(dev_words_parse(
		    dev_words_name(all_words[i]), &w), 0);
		assert_int_equal(w, all_words[i]);
	}
	assert_int_equal(dev_words_parse("abcd", &w), -1);
	assert_int_equal(dev_words_parse("ABDC", &w), -1);
	assert_int_equal(dev_words_parse("", &w), -1);
	for (i = 0; i < 7; i++) {
		assert_int_equal(dev_type_parse(types[i], &t), 0);
		assert_string_equal(dev_type_name(t), types[i]);
	}
	assert_int_equal(dev_type_parse("u64", &t), -1);
	assert_int_equal(dev_type_parse("float", &t), -1);
	assert_int_equal(dev_type_regs(DEV_TYPE_U16_SIGN), 1);
	assert_int_equal(dev_type_regs(DEV_TYPE_FLOAT32), 2);
}

/*
 * 123456 = 0x0001E240, bytes A=00 B=01 C=E2 D=40:
 * ABCD 0001 E240, CDAB E240 0001, BADC 0100 40E2, DCBA 40E2 0100.
 */
static void
dev_decode__u32__every_word_order(void **state)
{
	(void)state;
	dec_ok(DEV_TYPE_U32, DEV_WORDS_ABCD, 0, 0x0001, 0xE240, 0, 123456000);
	dec_ok(DEV_TYPE_U32, DEV_WORDS_CDAB, 0, 0xE240, 0x0001, 0, 123456000);
	dec_ok(DEV_TYPE_U32, DEV_WORDS_BADC, 0, 0x0100, 0x40E2, 0, 123456000);
	dec_ok(DEV_TYPE_U32, DEV_WORDS_DCBA, 0, 0x40E2, 0x0100, 0, 123456000);
	/* 0xFFFFFFFF is 4294967295, not -1. */
	dec_ok(DEV_TYPE_U32, DEV_WORDS_ABCD, 0, 0xFFFF, 0xFFFF, 0,
	    4294967295000LL);
	/* Flintec FT-10 manual: "answer of request tare (10000)" 00 00 27 10. */
	dec_ok(DEV_TYPE_U32, DEV_WORDS_ABCD, 0, 0x0000, 0x2710, 0, 10000000);
	/* Flintec "answer weight 100000": 00 01 86 A0. */
	dec_ok(DEV_TYPE_U32, DEV_WORDS_ABCD, 0, 0x0001, 0x86A0, 0, 100000000);
}

/*
 * -100000: 100000 = 0x000186A0, two's complement 0xFFFE7960:
 * ABCD FFFE 7960, CDAB 7960 FFFE, BADC FEFF 6079, DCBA 6079 FEFF.
 */
static void
dev_decode__s32__every_word_order(void **state)
{
	(void)state;
	dec_ok(DEV_TYPE_S32, DEV_WORDS_ABCD, 2, 0xFFFE, 0x7960, 0, -1000000);
	dec_ok(DEV_TYPE_S32, DEV_WORDS_CDAB, 2, 0x7960, 0xFFFE, 0, -1000000);
	dec_ok(DEV_TYPE_S32, DEV_WORDS_BADC, 2, 0xFEFF, 0x6079, 0, -1000000);
	dec_ok(DEV_TYPE_S32, DEV_WORDS_DCBA, 2, 0x6079, 0xFEFF, 0, -1000000);
	/* INT32_MIN 0x80000000 and INT32_MAX 0x7FFFFFFF. */
	dec_ok(DEV_TYPE_S32, DEV_WORDS_ABCD, 0, 0x8000, 0x0000, 0,
	    -2147483648000LL);
	dec_ok(DEV_TYPE_S32, DEV_WORDS_CDAB, 0, 0xFFFF, 0x7FFF, 0,
	    2147483647000LL);
}

/* 12345 = 0x3039; -2 = 0xFFFE; BADC/DCBA swap the bytes of the register. */
static void
dev_decode__16_bit__every_word_order(void **state)
{
	(void)state;
	dec_ok(DEV_TYPE_U16, DEV_WORDS_ABCD, 2, 0x3039, 0, 0, 123450);
	dec_ok(DEV_TYPE_U16, DEV_WORDS_CDAB, 2, 0x3039, 0, 0, 123450);
	dec_ok(DEV_TYPE_U16, DEV_WORDS_BADC, 2, 0x3930, 0, 0, 123450);
	dec_ok(DEV_TYPE_U16, DEV_WORDS_DCBA, 2, 0x3930, 0, 0, 123450);
	dec_ok(DEV_TYPE_U16, DEV_WORDS_ABCD, 0, 0xFFFE, 0, 0, 65534000);
	dec_ok(DEV_TYPE_S16, DEV_WORDS_ABCD, 0, 0xFFFE, 0, 0, -2000);
	dec_ok(DEV_TYPE_S16, DEV_WORDS_CDAB, 0, 0xFFFE, 0, 0, -2000);
	dec_ok(DEV_TYPE_S16, DEV_WORDS_BADC, 0, 0xFEFF, 0, 0, -2000);
	dec_ok(DEV_TYPE_S16, DEV_WORDS_DCBA, 1, 0x0080, 0, 0, -3276800);
}

/*
 * Laumas/SCT: "positive integer numbers ... read the Status Register to
 * obtain information about sign"; DGT1S 1000 = 00 00 03 E8.
 */
static void
dev_decode__sign_bit__magnitude_and_flag(void **state)
{
	size_t	i;

	(void)state;
	dec_ok(DEV_TYPE_U32_SIGN, DEV_WORDS_ABCD, 0, 0x0000, 0x03E8, 0,
	    1000000);
	dec_ok(DEV_TYPE_U32_SIGN, DEV_WORDS_ABCD, 0, 0x0000, 0x03E8, 1,
	    -1000000);
	/* 100000 = 0x000186A0 with 2 decimals: -1000.00 */
	dec_ok(DEV_TYPE_U32_SIGN, DEV_WORDS_ABCD, 2, 0x0001, 0x86A0, 1,
	    -1000000);
	dec_ok(DEV_TYPE_U32_SIGN, DEV_WORDS_CDAB, 2, 0x86A0, 0x0001, 1,
	    -1000000);
	dec_ok(DEV_TYPE_U32_SIGN, DEV_WORDS_BADC, 2, 0x0100, 0xA086, 1,
	    -1000000);
	dec_ok(DEV_TYPE_U32_SIGN, DEV_WORDS_DCBA, 2, 0xA086, 0x0100, 0,
	    1000000);
	/* The magnitude is unsigned: 0xFFFFFFFF negative is -4294967295. */
	dec_ok(DEV_TYPE_U32_SIGN, DEV_WORDS_ABCD, 0, 0xFFFF, 0xFFFF, 1,
	    -4294967295000LL);
	dec_ok(DEV_TYPE_U16_SIGN, DEV_WORDS_ABCD, 0, 0x03E8, 0, 1, -1000000);
	dec_ok(DEV_TYPE_U16_SIGN, DEV_WORDS_BADC, 0, 0xE803, 0, 1, -1000000);
	dec_ok(DEV_TYPE_U16_SIGN, DEV_WORDS_ABCD, 3, 0xFFFF, 0, 0, 65535);
	/* The flag is ignored by types that carry their own sign. */
	/* 0x00010001 = 65537 in every order, its bytes being symmetric. */
	for (i = 0; i < 4; i++) {
		dec_ok(DEV_TYPE_S32, all_words[i], 3, 0x0101, 0x0101, 1,
		    0x01010101);
		dec_ok(DEV_TYPE_U32, all_words[i], 3, 0x0101, 0x0101, 1,
		    0x01010101);
	}
}

/*
 * raw 12345: d0 12345 -> 12345000, d2 123.45 -> 123450, d3 12.345 ->
 * 12345, d4 1.2345 -> 1235 (half away from zero), d5 -> 123, d6 -> 12.
 */
static void
dev_decode__decimals__thousandths(void **state)
{
	(void)state;
	dec_ok(DEV_TYPE_U16, DEV_WORDS_ABCD, 0, 12345, 0, 0, 12345000);
	dec_ok(DEV_TYPE_U16, DEV_WORDS_ABCD, 1, 12345, 0, 0, 1234500);
	dec_ok(DEV_TYPE_U16, DEV_WORDS_ABCD, 2, 12345, 0, 0, 123450);
	dec_ok(DEV_TYPE_U16, DEV_WORDS_ABCD, 3, 12345, 0, 0, 12345);
	dec_ok(DEV_TYPE_U16, DEV_WORDS_ABCD, 4, 12345, 0, 0, 1235);
	dec_ok(DEV_TYPE_U16, DEV_WORDS_ABCD, 5, 12345, 0, 0, 123);
	dec_ok(DEV_TYPE_U16, DEV_WORDS_ABCD, 6, 12345, 0, 0, 12);
	dec_ok(DEV_TYPE_U16, DEV_WORDS_ABCD, 4, 12344, 0, 0, 1234);
	/* -12345 = 0xCFC7: -1.2345 -> -1235, away from zero. */
	dec_ok(DEV_TYPE_S16, DEV_WORDS_ABCD, 4, 0xCFC7, 0, 0, -1235);
	dec_ok(DEV_TYPE_U16_SIGN, DEV_WORDS_ABCD, 4, 12345, 0, 1, -1235);
	dec_bad(DEV_TYPE_U16, 7, 1, 0, "0 to 6");
	dec_bad(DEV_TYPE_U16, -1, 1, 0, "0 to 6");
}

/*
 * 1.5f = 0x3FC00000 (sign 0, exponent 127, mantissa 0x400000):
 * ABCD 3FC0 0000, CDAB 0000 3FC0, BADC C03F 0000, DCBA 0000 C03F.
 * -2.25f = 0xC0100000.  0.1f = 0x3DCCCCCD = 0.100000001490116.
 */
static void
dev_decode__float32__every_word_order(void **state)
{
	(void)state;
	assert_true(dev_float_to_bits(1.5f) == 0x3FC00000u);
	assert_true(dev_float_from_bits(0xC0100000u) == -2.25f);
	dec_ok(DEV_TYPE_FLOAT32, DEV_WORDS_ABCD, 0, 0x3FC0, 0x0000, 0, 1500);
	dec_ok(DEV_TYPE_FLOAT32, DEV_WORDS_CDAB, 0, 0x0000, 0x3FC0, 0, 1500);
	dec_ok(DEV_TYPE_FLOAT32, DEV_WORDS_BADC, 0, 0xC03F, 0x0000, 0, 1500);
	dec_ok(DEV_TYPE_FLOAT32, DEV_WORDS_DCBA, 0, 0x0000, 0xC03F, 0, 1500);
	dec_ok(DEV_TYPE_FLOAT32, DEV_WORDS_ABCD, 0, 0xC010, 0x0000, 0, -2250);
	dec_ok(DEV_TYPE_FLOAT32, DEV_WORDS_ABCD, 0, 0x3DCC, 0xCCCD, 0, 100);
	/* 1.5 with 1 decimal is 0.15 -> 150; 4 decimals 0.00015 -> 0. */
	dec_ok(DEV_TYPE_FLOAT32, DEV_WORDS_ABCD, 1, 0x3FC0, 0x0000, 0, 150);
	dec_ok(DEV_TYPE_FLOAT32, DEV_WORDS_ABCD, 4, 0x3FC0, 0x0000, 0, 0);
	/* 0.0005f = 0x3A03126F (just above 0.0005) rounds up to 1. */
	dec_ok(DEV_TYPE_FLOAT32, DEV_WORDS_ABCD, 0, 0x3A03, 0x126F, 0, 1);
	/* -0.0 is 0. */
	dec_ok(DEV_TYPE_FLOAT32, DEV_WORDS_ABCD, 0, 0x8000, 0x0000, 0, 0);
}

static void
dev_decode__float32_nan_inf_overflow__refused(void **state)
{
	(void)state;
	dec_bad(DEV_TYPE_FLOAT32, 0, 0x7FC0, 0x0000, "NaN");
	dec_bad(DEV_TYPE_FLOAT32, 0, 0xFFC0, 0x0001, "NaN");
	dec_bad(DEV_TYPE_FLOAT32, 0, 0x7F80, 0x0000, "infinite");
	dec_bad(DEV_TYPE_FLOAT32, 0, 0xFF80, 0x0000, "infinite");
	/* 1e30f = 0x7149F2CA: 1e33 thousandths do not fit an int64. */
	dec_bad(DEV_TYPE_FLOAT32, 0, 0x7149, 0xF2CA, "too large");
	/* FLT_MAX 0x7F7FFFFF */
	dec_bad(DEV_TYPE_FLOAT32, 3, 0x7F7F, 0xFFFF, "too large");
}

static void
dev_encode__every_type_and_word_order__round_trip(void **state)
{
	(void)state;
	enc_ok(DEV_TYPE_U32, DEV_WORDS_ABCD, 0, 123456000, 0x0001, 0xE240, 0);
	enc_ok(DEV_TYPE_U32, DEV_WORDS_CDAB, 0, 123456000, 0xE240, 0x0001, 0);
	enc_ok(DEV_TYPE_U32, DEV_WORDS_BADC, 0, 123456000, 0x0100, 0x40E2, 0);
	enc_ok(DEV_TYPE_U32, DEV_WORDS_DCBA, 0, 123456000, 0x40E2, 0x0100, 0);
	enc_ok(DEV_TYPE_S32, DEV_WORDS_ABCD, 2, -1000000, 0xFFFE, 0x7960, 0);
	enc_ok(DEV_TYPE_S32, DEV_WORDS_CDAB, 2, -1000000, 0x7960, 0xFFFE, 0);
	enc_ok(DEV_TYPE_S32, DEV_WORDS_BADC, 2, -1000000, 0xFEFF, 0x6079, 0);
	enc_ok(DEV_TYPE_S32, DEV_WORDS_DCBA, 2, -1000000, 0x6079, 0xFEFF, 0);
	enc_ok(DEV_TYPE_U16, DEV_WORDS_ABCD, 2, 123450, 0x3039, 0, 0);
	enc_ok(DEV_TYPE_U16, DEV_WORDS_CDAB, 2, 123450, 0x3039, 0, 0);
	enc_ok(DEV_TYPE_U16, DEV_WORDS_BADC, 2, 123450, 0x3930, 0, 0);
	enc_ok(DEV_TYPE_U16, DEV_WORDS_DCBA, 2, 123450, 0x3930, 0, 0);
	enc_ok(DEV_TYPE_S16, DEV_WORDS_ABCD, 0, -2000, 0xFFFE, 0, 0);
	enc_ok(DEV_TYPE_S16, DEV_WORDS_BADC, 0, -2000, 0xFEFF, 0, 0);
	enc_ok(DEV_TYPE_U32_SIGN, DEV_WORDS_ABCD, 2, -1000000, 0x0001, 0x86A0,
	    1);
	enc_ok(DEV_TYPE_U32_SIGN, DEV_WORDS_CDAB, 2, 1000000, 0x86A0, 0x0001,
	    0);
	enc_ok(DEV_TYPE_U32_SIGN, DEV_WORDS_BADC, 2, -1000000, 0x0100, 0xA086,
	    1);
	enc_ok(DEV_TYPE_U32_SIGN, DEV_WORDS_DCBA, 2, -1000000, 0xA086, 0x0100,
	    1);
	enc_ok(DEV_TYPE_U16_SIGN, DEV_WORDS_ABCD, 0, -1000000, 0x03E8, 0, 1);
	enc_ok(DEV_TYPE_U16_SIGN, DEV_WORDS_DCBA, 0, -1000000, 0xE803, 0, 1);
	enc_ok(DEV_TYPE_FLOAT32, DEV_WORDS_ABCD, 0, 1500, 0x3FC0, 0x0000, 0);
	enc_ok(DEV_TYPE_FLOAT32, DEV_WORDS_CDAB, 0, 1500, 0x0000, 0x3FC0, 0);
	enc_ok(DEV_TYPE_FLOAT32, DEV_WORDS_BADC, 0, 1500, 0xC03F, 0x0000, 0);
	enc_ok(DEV_TYPE_FLOAT32, DEV_WORDS_DCBA, 0, 1500, 0x0000, 0xC03F, 0);
	enc_ok(DEV_TYPE_FLOAT32, DEV_WORDS_ABCD, 0, -2250, 0xC010, 0x0000, 0);
	/* 4 decimals: 1234 thousandths = 1.2340 -> raw 12340 = 0x3034. */
	enc_ok(DEV_TYPE_U16, DEV_WORDS_ABCD, 4, 1234, 0x3034, 0, 0);
}

/* Every value of a sweep survives encode then decode, in every order. */
static void
dev_encode__sweep__decodes_back(void **state)
{
	static const enum dev_type types[] = { DEV_TYPE_S32, DEV_TYPE_U32_SIGN,
	    DEV_TYPE_FLOAT32 };
	struct wms_err	err;
	uint16_t	r[2];
	int64_t		v, back;
	size_t		i, j;
	int		neg;

	(void)state;
	for (i = 0; i < 3; i++)
		for (j = 0; j < 4; j++)
			for (v = -2000000; v <= 2000000; v += 999) {
				assert_int_equal(dev_encode(types[i],
				    all_words[j], 3, v, r, &neg, &err), 0);
				assert_int_equal(dev_decode(types[i],
				    all_words[j], 3, r, neg, &back, &err), 0);
				assert_true(back == v);
			}
}

static void
dev_encode__out_of_range__refused(void **state)
{
	(void)state;
	enc_bad(DEV_TYPE_U16, 0, 65536000, "do not fit a u16");
	enc_bad(DEV_TYPE_U16, 0, -1000, "do not fit a u16");
	enc_bad(DEV_TYPE_S16, 0, 32768000, "do not fit a s16");
	enc_bad(DEV_TYPE_S16, 0, -32769000, "do not fit a s16");
	enc_bad(DEV_TYPE_U32, 0, -1000, "do not fit a u32");
	enc_bad(DEV_TYPE_U32, 0, 4294967296000LL, "do not fit a u32");
	enc_bad(DEV_TYPE_S32, 0, 2147483648000LL, "do not fit a s32");
	enc_bad(DEV_TYPE_U16_SIGN, 0, -65536000, "do not fit a u16+sign");
	enc_bad(DEV_TYPE_U32_SIGN, 0, 4294967296000LL,
	    "do not fit a u32+sign");
	/* 12.345 has three decimals: 2 cannot keep them. */
	enc_bad(DEV_TYPE_S32, 2, 12345, "cannot be shown with 2 decimals");
	enc_bad(DEV_TYPE_S32, 0, 1, "cannot be shown with 0 decimals");
	enc_bad(DEV_TYPE_S32, 6, INT64_MAX / 10, "overflow");
	enc_bad(DEV_TYPE_S32, 9, 1, "0 to 6");
	/* 16777217 is the first integer a float32 cannot hold. */
	enc_bad(DEV_TYPE_FLOAT32, 0, 16777217000LL, "not exact");
	enc_bad(DEV_TYPE_FLOAT32, 3, 16777217, "not exact");
}

/*
 * Status bits: 0x0804 has bits 2 and 11 (Laumas stability).  32-bit
 * status 0x08000004 (FT-112 B27 = 4 decimals, B2 unstable):
 * ABCD 0800 0004, CDAB 0004 0800.
 */
static void
dev_bit_test__16_and_32_bits(void **state)
{
	uint16_t	one[1] = { 0x0804 };
	uint16_t	abcd[2] = { 0x0800, 0x0004 };
	uint16_t	cdab[2] = { 0x0004, 0x0800 };
	uint16_t	badc[2] = { 0x0008, 0x0400 };
	uint16_t	dcba[2] = { 0x0400, 0x0008 };

	(void)state;
	assert_int_equal(dev_bit_test(one, 1, DEV_WORDS_ABCD, 2), 1);
	assert_int_equal(dev_bit_test(one, 1, DEV_WORDS_ABCD, 11), 1);
	assert_int_equal(dev_bit_test(one, 1, DEV_WORDS_ABCD, 3), 0);
	assert_int_equal(dev_bit_test(one, 1, DEV_WORDS_ABCD, 15), 0);
	/* Byte-swapped 16-bit register: 0x0408 read as 0x0804. */
	one[0] = 0x0408;
	assert_int_equal(dev_bit_test(one, 1, DEV_WORDS_BADC, 11), 1);
	assert_int_equal(dev_bit_test(one, 1, DEV_WORDS_BADC, 2), 1);
	assert_int_equal(dev_bit_test(abcd, 2, DEV_WORDS_ABCD, 27), 1);
	assert_int_equal(dev_bit_test(abcd, 2, DEV_WORDS_ABCD, 2), 1);
	assert_int_equal(dev_bit_test(abcd, 2, DEV_WORDS_ABCD, 11), 0);
	assert_int_equal(dev_bit_test(cdab, 2, DEV_WORDS_CDAB, 27), 1);
	assert_int_equal(dev_bit_test(cdab, 2, DEV_WORDS_CDAB, 2), 1);
	assert_int_equal(dev_bit_test(badc, 2, DEV_WORDS_BADC, 27), 1);
	assert_int_equal(dev_bit_test(dcba, 2, DEV_WORDS_DCBA, 27), 1);
	assert_int_equal(dev_bit_test(dcba, 2, DEV_WORDS_DCBA, 31), 0);
	/* B27-B31 as a field: 1 = B27. */
	assert_int_equal(dev_bits_get(abcd, 2, DEV_WORDS_ABCD, 27, 31), 1);
	assert_int_equal(dev_bits_get(abcd, 2, DEV_WORDS_ABCD, 0, 31),
	    0x08000004);
	/* HBM word 5 = 0x4130: bits 4-6 = 3 decimals, 7-8 = 2 (t), b14. */
	one[0] = 0x4130;
	assert_int_equal(dev_bits_get(one, 1, DEV_WORDS_ABCD, 4, 6), 3);
	assert_int_equal(dev_bits_get(one, 1, DEV_WORDS_ABCD, 7, 8), 2);
	assert_int_equal(dev_bit_test(one, 1, DEV_WORDS_ABCD, 14), 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(dev_words_parse__names__round_trip),
		cmocka_unit_test(dev_decode__u32__every_word_order),
		cmocka_unit_test(dev_decode__s32__every_word_order),
		cmocka_unit_test(dev_decode__16_bit__every_word_order),
		cmocka_unit_test(dev_decode__sign_bit__magnitude_and_flag),
		cmocka_unit_test(dev_decode__decimals__thousandths),
		cmocka_unit_test(dev_decode__float32__every_word_order),
		cmocka_unit_test(dev_decode__float32_nan_inf_overflow__refused),
		cmocka_unit_test(
		    dev_encode__every_type_and_word_order__round_trip),
		cmocka_unit_test(dev_encode__sweep__decodes_back),
		cmocka_unit_test(dev_encode__out_of_range__refused),
		cmocka_unit_test(dev_bit_test__16_and_32_bits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
