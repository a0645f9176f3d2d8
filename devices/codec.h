/* Value encodings of Modbus registers: word orders, integers, sign bits, float32. */
#ifndef DEV_CODEC_H
#define DEV_CODEC_H

#include <stdint.h>

#include "lib/err.h"

/*
 * Byte order of a 32-bit value ABCD (A most significant) over two registers
 * r[0] r[1], each register's high byte written first.  A 16-bit value uses
 * the same names: BADC and DCBA swap the two bytes of its register.
 */
enum dev_words {
	DEV_WORDS_ABCD,		/* r[0] = AB, r[1] = CD: high word first */
	DEV_WORDS_CDAB,		/* r[0] = CD, r[1] = AB: low word first */
	DEV_WORDS_BADC,		/* r[0] = BA, r[1] = DC */
	DEV_WORDS_DCBA,		/* r[0] = DC, r[1] = BA */
};

enum dev_type {
	DEV_TYPE_U16,
	DEV_TYPE_S16,
	DEV_TYPE_U32,
	DEV_TYPE_S32,
	DEV_TYPE_U16_SIGN,	/* magnitude, sign elsewhere */
	DEV_TYPE_U32_SIGN,
	DEV_TYPE_FLOAT32,	/* IEEE 754 binary32 */
};

#define DEV_DECIMALS_MAX	6

/* Parse "ABCD", "CDAB", "BADC" or "DCBA"; 0 or -1 when s is none of them. */
int		 dev_words_parse(const char *s, enum dev_words *out);
/* The name of w, as dev_words_parse reads it. */
const char	*dev_words_name(enum dev_words w);
/* Parse u16 s16 u32 s32 u16+sign u32+sign float32; 0 or -1. */
int		 dev_type_parse(const char *s, enum dev_type *out);
/* The name of t, as dev_type_parse reads it. */
const char	*dev_type_name(enum dev_type t);
/* How many registers a value of type t takes: 1 or 2. */
int		 dev_type_regs(enum dev_type t);
/* Nonzero when t is a magnitude whose sign comes from a separate bit. */
int		 dev_type_signed_by_flag(enum dev_type t);

/* The 32 bits ABCD held by r[0..1] in order w. */
uint32_t	 dev_get32(const uint16_t *r, enum dev_words w);
/* Store v into r[0..1] in order w; dev_get32's inverse. */
void		 dev_put32(uint16_t *r, enum dev_words w, uint32_t v);
/* The 16 bits held by r[0] in order w (BADC and DCBA swap its bytes). */
uint16_t	 dev_get16(const uint16_t *r, enum dev_words w);
/* Store v into r[0] in order w; dev_get16's inverse. */
void		 dev_put16(uint16_t *r, enum dev_words w, uint16_t v);

/* IEEE 754 binary32 from its bit pattern, and back; no libmodbus. */
float		 dev_float_from_bits(uint32_t bits);
uint32_t	 dev_float_to_bits(float f);

/*
 * Decode the value of type t in regs (1 or 2 registers, order w) with
 * decimals digits after the point (0-6) into *out, thousandths of the
 * unit: raw 12345 with 2 decimals is 123.45, stored as 123450.  For the
 * +sign types regs hold the magnitude and negative says whether the sign
 * bit was set; other types ignore negative.  With more than 3 decimals,
 * and for float32, the value is rounded half away from zero to
 * thousandths.  Fails with WMS_ERR_INVALID on bad decimals, NaN,
 * infinity or a value beyond int64; *out is then untouched.
 */
int	dev_decode(enum dev_type t, enum dev_words w, int decimals,
	    const uint16_t *regs, int negative, int64_t *out,
	    struct wms_err *err);

/*
 * The inverse of dev_decode: write value (thousandths) to regs as type t,
 * order w, with decimals digits.  For +sign types *negative receives the
 * sign bit (negative may be NULL for other types, where it is set to 0).
 * Fails with WMS_ERR_INVALID, regs untouched, when the value does not fit
 * the type, has more digits than the decimals keep, or (float32) would not
 * decode back to the same thousandths.
 */
int	dev_encode(enum dev_type t, enum dev_words w, int decimals,
	    int64_t value, uint16_t *regs, int *negative, struct wms_err *err);

/*
 * Bits lo..hi (0-15 for nregs 1, 0-31 for nregs 2, lo <= hi) of the
 * register(s) regs in order w, shifted down to bit 0.
 */
uint32_t	dev_bits_get(const uint16_t *regs, int nregs, enum dev_words w,
		    unsigned lo, unsigned hi);
/* Whether bit (0-15, or 0-31 across two registers in order w) is set. */
int		dev_bit_test(const uint16_t *regs, int nregs, enum dev_words w,
		    unsigned bit);

#endif
