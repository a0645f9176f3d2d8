/* Value encodings of Modbus registers: word orders, integers, sign bits, float32. */
#include <assert.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "lib/i18n.h"
#include "lib/text.h"
#include "devices/codec.h"

static const char *const words_names[] = {
	[DEV_WORDS_ABCD] = "ABCD",
	[DEV_WORDS_CDAB] = "CDAB",
	[DEV_WORDS_BADC] = "BADC",
	[DEV_WORDS_DCBA] = "DCBA",
};

static const char *const type_names[] = {
	[DEV_TYPE_U16] = "u16",
	[DEV_TYPE_S16] = "s16",
	[DEV_TYPE_U32] = "u32",
	[DEV_TYPE_S32] = "s32",
	[DEV_TYPE_U16_SIGN] = "u16+sign",
	[DEV_TYPE_U32_SIGN] = "u32+sign",
	[DEV_TYPE_FLOAT32] = "float32",
};

/* Powers of ten up to the largest shift dev_decode makes. */
static const int64_t pow10_tab[] = {
	1, 10, 100, 1000, 10000, 100000, 1000000
};

int
dev_words_parse(const char *s, enum dev_words *out)
{
	int i;

	if ((i = wms_str_index(words_names, sizeof words_names /
	    sizeof words_names[0], s)) < 0)
		return -1;
	*out = (enum dev_words)i;
	return 0;
}

const char *
dev_words_name(enum dev_words w)
{
	assert((size_t)w < sizeof words_names / sizeof words_names[0]);
	return words_names[w];
}

int
dev_type_parse(const char *s, enum dev_type *out)
{
	int i;

	if ((i = wms_str_index(type_names, sizeof type_names /
	    sizeof type_names[0], s)) < 0)
		return -1;
	*out = (enum dev_type)i;
	return 0;
}

const char *
dev_type_name(enum dev_type t)
{
	assert((size_t)t < sizeof type_names / sizeof type_names[0]);
	return type_names[t];
}

int
dev_type_regs(enum dev_type t)
{
	switch (t) {
	case DEV_TYPE_U16:
	case DEV_TYPE_S16:
	case DEV_TYPE_U16_SIGN:
		return 1;
	default:
		return 2;
	}
}

int
dev_type_signed_by_flag(enum dev_type t)
{
	return t == DEV_TYPE_U16_SIGN || t == DEV_TYPE_U32_SIGN;
}

static uint16_t
swab16(uint16_t v)
{
	return (uint16_t)((v << 8) | (v >> 8));
}

uint32_t
dev_get32(const uint16_t *r, enum dev_words w)
{
	switch (w) {
	case DEV_WORDS_ABCD:
		return (uint32_t)r[0] << 16 | r[1];
	case DEV_WORDS_CDAB:
		return (uint32_t)r[1] << 16 | r[0];
	case DEV_WORDS_BADC:
		return (uint32_t)swab16(r[0]) << 16 | swab16(r[1]);
	case DEV_WORDS_DCBA:
		return (uint32_t)swab16(r[1]) << 16 | swab16(r[0]);
	}
	assert(0);
	return 0;
}

void
dev_put32(uint16_t *r, enum dev_words w, uint32_t v)
{
	uint16_t	hi = (uint16_t)(v >> 16), lo = (uint16_t)v;

	switch (w) {
	case DEV_WORDS_ABCD:
		r[0] = hi;
		r[1] = lo;
		break;
	case DEV_WORDS_CDAB:
		r[0] = lo;
		r[1] = hi;
		break;
	case DEV_WORDS_BADC:
		r[0] = swab16(hi);
		r[1] = swab16(lo);
		break;
	case DEV_WORDS_DCBA:
		r[0] = swab16(lo);
		r[1] = swab16(hi);
		break;
	}
}

uint16_t
dev_get16(const uint16_t *r, enum dev_words w)
{
	if (w == DEV_WORDS_BADC || w == DEV_WORDS_DCBA)
		return swab16(r[0]);
	return r[0];
}

void
dev_put16(uint16_t *r, enum dev_words w, uint16_t v)
{
	r[0] = dev_get16(&v, w);
}

float
dev_float_from_bits(uint32_t bits)
{
	float	f;

	_Static_assert(sizeof f == sizeof bits, "float is not 32 bits");
	memcpy(&f, &bits, sizeof f);
	return f;
}

uint32_t
dev_float_to_bits(float f)
{
	uint32_t	bits;

	memcpy(&bits, &f, sizeof bits);
	return bits;
}

/* x thousandths, rounded half away from zero; -1 when not finite or too big. */
static int
round_thousandths(double x, int64_t *out)
{
	if (!isfinite(x) || fabs(x) >= 9.2e18)
		return -1;
	*out = (int64_t)round(x);
	return 0;
}

/* The float32 decode: f * 10^(3 - decimals), rounded. */
static int
float_thousandths(float f, int decimals, int64_t *out)
{
	double	x = (double)f;

	if (decimals <= 3)
		x *= (double)pow10_tab[3 - decimals];
	else
		x /= (double)pow10_tab[decimals - 3];
	return round_thousandths(x, out);
}

int
dev_decode(enum dev_type t, enum dev_words w, int decimals,
    const uint16_t *regs, int negative, int64_t *out, struct wms_err *err)
{
	int64_t	raw, p, q, rem;
	float	f;

	if (decimals < 0 || decimals > DEV_DECIMALS_MAX)
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("%d decimals: a device value has 0 to 6"), decimals);
	switch (t) {
	case DEV_TYPE_U16:
		raw = dev_get16(regs, w);
		break;
	case DEV_TYPE_S16:
		raw = (int16_t)dev_get16(regs, w);
		break;
	case DEV_TYPE_U32:
		raw = dev_get32(regs, w);
		break;
	case DEV_TYPE_S32:
		raw = (int32_t)dev_get32(regs, w);
		break;
	case DEV_TYPE_U16_SIGN:
		raw = dev_get16(regs, w);
		if (negative)
			raw = -raw;
		break;
	case DEV_TYPE_U32_SIGN:
		raw = dev_get32(regs, w);
		if (negative)
			raw = -raw;
		break;
	case DEV_TYPE_FLOAT32:
		f = dev_float_from_bits(dev_get32(regs, w));
		if (isnan(f))
			return wms_err_set(err, WMS_ERR_INVALID,
			    _("the device sent NaN (not a number)"));
		if (isinf(f))
			return wms_err_set(err, WMS_ERR_INVALID,
			    _("the device sent an infinite value"));
		if (float_thousandths(f, decimals, &raw) != 0)
			return wms_err_set(err, WMS_ERR_INVALID,
			    _("the device sent %g: too large for a quantity"),
			    (double)f);
		*out = raw;
		return 0;
	default:
		assert(0);
		return WMS_ERR_INVALID;
	}
	if (decimals <= 3) {
		/* |raw| < 2^32, so raw * 1000 cannot overflow. */
		*out = raw * pow10_tab[3 - decimals];
		return 0;
	}
	p = pow10_tab[decimals - 3];
	q = raw / p;
	rem = raw % p;
	if (2 * (rem < 0 ? -rem : rem) >= p)
		q += raw < 0 ? -1 : 1;
	*out = q;
	return 0;
}

int
dev_encode(enum dev_type t, enum dev_words w, int decimals,
    int64_t value, uint16_t *regs, int *negative, struct wms_err *err)
{
	int64_t	raw, p, mag, back;
	double	x;
	float	f;
	int	neg = 0;

	if (decimals < 0 || decimals > DEV_DECIMALS_MAX)
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("%d decimals: a device value has 0 to 6"), decimals);
	if (t == DEV_TYPE_FLOAT32) {
		x = (double)value;
		if (decimals <= 3)
			x /= (double)pow10_tab[3 - decimals];
		else
			x *= (double)pow10_tab[decimals - 3];
		if (fabs(x) > FLT_MAX)
			return wms_err_set(err, WMS_ERR_INVALID,
			    _("%lld thousandths do not fit a float32"),
			    (long long)value);
		f = (float)x;
		if (float_thousandths(f, decimals, &back) != 0 ||
		    back != value)
			return wms_err_set(err, WMS_ERR_INVALID,
			    _("%lld thousandths are not exact in a float32 "
			    "(it would read back as %lld)"), (long long)value,
			    (long long)back);
		dev_put32(regs, w, dev_float_to_bits(f));
		if (negative != NULL)
			*negative = 0;
		return 0;
	}
	if (decimals <= 3) {
		p = pow10_tab[3 - decimals];
		if (value % p != 0)
			return wms_err_set(err, WMS_ERR_INVALID,
			    _("%lld thousandths cannot be shown with %d "
			    "decimals"), (long long)value, decimals);
		raw = value / p;
	} else {
		p = pow10_tab[decimals - 3];
		if (value > INT64_MAX / p || value < INT64_MIN / p)
			return wms_err_set(err, WMS_ERR_INVALID,
			    _("%lld thousandths overflow with %d decimals"),
			    (long long)value, decimals);
		raw = value * p;
	}
	switch (t) {
	case DEV_TYPE_U16:
		if (raw < 0 || raw > UINT16_MAX)
			goto range;
		dev_put16(regs, w, (uint16_t)raw);
		break;
	case DEV_TYPE_S16:
		if (raw < INT16_MIN || raw > INT16_MAX)
			goto range;
		dev_put16(regs, w, (uint16_t)(int16_t)raw);
		break;
	case DEV_TYPE_U32:
		if (raw < 0 || raw > UINT32_MAX)
			goto range;
		dev_put32(regs, w, (uint32_t)raw);
		break;
	case DEV_TYPE_S32:
		if (raw < INT32_MIN || raw > INT32_MAX)
			goto range;
		dev_put32(regs, w, (uint32_t)(int32_t)raw);
		break;
	case DEV_TYPE_U16_SIGN:
	case DEV_TYPE_U32_SIGN:
		if (raw < -(int64_t)UINT32_MAX)
			goto range;
		mag = raw < 0 ? -raw : raw;
		neg = raw < 0;
		if (t == DEV_TYPE_U16_SIGN) {
			if (mag > UINT16_MAX)
				goto range;
			dev_put16(regs, w, (uint16_t)mag);
		} else {
			if (mag > UINT32_MAX)
				goto range;
			dev_put32(regs, w, (uint32_t)mag);
		}
		break;
	default:
		assert(0);
		return WMS_ERR_INVALID;
	}
	if (negative != NULL)
		*negative = neg;
	return 0;
range:
	return wms_err_set(err, WMS_ERR_INVALID,
	    _("%lld thousandths with %d decimals do not fit a %s"),
	    (long long)value, decimals, dev_type_name(t));
}

uint32_t
dev_bits_get(const uint16_t *regs, int nregs, enum dev_words w, unsigned lo,
    unsigned hi)
{
	uint32_t	v;
	unsigned	width;

	assert(nregs == 1 || nregs == 2);
	assert(lo <= hi && hi < 16u * (unsigned)nregs);
	v = nregs == 1 ? dev_get16(regs, w) : dev_get32(regs, w);
	width = hi - lo + 1;
	v >>= lo;
	if (width < 32)
		v &= ((uint32_t)1 << width) - 1;
	return v;
}

int
dev_bit_test(const uint16_t *regs, int nregs, enum dev_words w, unsigned bit)
{
	return dev_bits_get(regs, nregs, w, bit, bit) != 0;
}
