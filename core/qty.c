/* Quantities, money and dates as text: parse strictly, format exactly. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "lib/i18n.h"
#include "core/qty.h"

/*
 * The next digit of s as 0..9 (ASCII, Arabic-Indic U+0660.. or extended
 * U+06F0..), advancing *s; -1 when *s is not a digit.
 */
static int
qty_digit(const char **s)
{
	const unsigned char *p = (const unsigned char *)*s;

	if (p[0] >= '0' && p[0] <= '9') {
		(*s)++;
		return p[0] - '0';
	}
	/* U+0660..U+0669 is D9 A0..A9; U+06F0..U+06F9 is DB B0..B9. */
	if (p[0] == 0xd9 && p[1] >= 0xa0 && p[1] <= 0xa9) {
		*s += 2;
		return p[1] - 0xa0;
	}
	if (p[0] == 0xdb && p[1] >= 0xb0 && p[1] <= 0xb9) {
		*s += 2;
		return p[1] - 0xb0;
	}
	return -1;
}

/* A decimal separator: '.', or the Arabic decimal separator U+066B. */
static int
qty_point(const char **s)
{
	if (**s == '.') {
		(*s)++;
		return 1;
	}
	if ((unsigned char)(*s)[0] == 0xd9 && (unsigned char)(*s)[1] == 0xab) {
		*s += 2;
		return 1;
	}
	return 0;
}

/* Parse digits[.digits] with at most `scale` decimals into v * 10^scale. */
static int
qty_decimal(const char *text, const char *s, int scale, int64_t max,
    int64_t *out, struct wms_err *err)
{
	int64_t	v = 0;
	int	d, ndig = 0, nfrac = 0;

	while ((d = qty_digit(&s)) >= 0) {
		if (v > (max - d) / 10)
			goto big;
		v = v * 10 + d;
		ndig++;
	}
	if (qty_point(&s)) {
		while ((d = qty_digit(&s)) >= 0) {
			if (++nfrac > scale)
				return wms_err_set(err, WMS_ERR_INVALID,
				    _("bad quantity \"%s\": at most %d decimals"),
				    text, scale);
			if (v > (max - d) / 10)
				goto big;
			v = v * 10 + d;
			ndig++;
		}
	}
	if (ndig == 0 || *s != '\0')
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("bad quantity \"%s\": not a decimal number"), text);
	for (; nfrac < scale; nfrac++) {
		if (v > max / 10)
			goto big;
		v *= 10;
	}
	*out = v;
	return 0;
big:
	return wms_err_set(err, WMS_ERR_INVALID,
	    _("bad quantity \"%s\": too large"), text);
}

int
wms_qty_parse(const char *s, int flags, int64_t *out, struct wms_err *err)
{
	const char	*p = s;
	int64_t		 v;
	int		 neg = 0, rc;

	if (s == NULL || *s == '\0')
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("missing quantity"));
	if (*p == '-' || *p == '+') {
		if (!(flags & WMS_QTY_SIGNED))
			return wms_err_set(err, WMS_ERR_INVALID,
			    _("bad quantity \"%s\": must be a positive number "
			    "without a sign"), s);
		neg = *p == '-';
		p++;
	}
	rc = qty_decimal(s, p, 3, WMS_QTY_MAX, &v, err);
	if (rc != 0)
		return rc;
	if (v == 0 && (neg || !(flags & WMS_QTY_ZERO)))
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("bad quantity \"%s\": must not be zero"), s);
	*out = neg ? -v : v;
	return 0;
}

char *
wms_qty_fmt(int64_t q, char *buf, size_t len)
{
	uint64_t	a;
	int		frac;

	a = q < 0 ? (uint64_t)0 - (uint64_t)q : (uint64_t)q;
	frac = (int)(a % 1000);
	if (frac == 0)
		snprintf(buf, len, "%s%llu", q < 0 ? "-" : "",
		    (unsigned long long)(a / 1000));
	else if (frac % 100 == 0)
		snprintf(buf, len, "%s%llu.%01d", q < 0 ? "-" : "",
		    (unsigned long long)(a / 1000), frac / 100);
	else if (frac % 10 == 0)
		snprintf(buf, len, "%s%llu.%02d", q < 0 ? "-" : "",
		    (unsigned long long)(a / 1000), frac / 10);
	else
		snprintf(buf, len, "%s%llu.%03d", q < 0 ? "-" : "",
		    (unsigned long long)(a / 1000), frac);
	return buf;
}

int
wms_money_parse(const char *s, int minor, int64_t *out, struct wms_err *err)
{
	int rc;

	if (s == NULL || *s == '\0')
		return wms_err_set(err, WMS_ERR_INVALID, _("missing amount"));
	rc = qty_decimal(s, s, minor, INT64_C(1000000000000000000), out, err);
	if (rc != 0)
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("bad amount \"%s\": a number with at most %d decimals"),
		    s, minor);
	return 0;
}

char *
wms_money_fmt(int64_t v, int minor, char *buf, size_t len)
{
	uint64_t	p = 1, a;
	int		i;

	for (i = 0; i < minor; i++)
		p *= 10;
	/* Through unsigned: -INT64_MIN does not fit an int64_t. */
	a = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	if (minor == 0)
		snprintf(buf, len, "%lld", (long long)v);
	else
		snprintf(buf, len, "%s%llu.%0*llu", v < 0 ? "-" : "",
		    (unsigned long long)(a / p), minor,
		    (unsigned long long)(a % p));
	return buf;
}

int
wms_muldiv(int64_t a, int64_t b, int64_t c, int64_t *out)
{
	__int128	n, q, r;

	if (c == 0)
		return WMS_ERR_INVALID;
	n = (__int128)a * b;
	q = n / c;
	r = n % c;
	/* Round half away from zero. */
	if (r != 0 && 2 * (r < 0 ? -r : r) >= (c < 0 ? -(__int128)c : c))
		q += ((n < 0) != (c < 0)) ? -1 : 1;
	if (q > INT64_MAX || q < INT64_MIN)
		return WMS_ERR_INVALID;
	*out = (int64_t)q;
	return 0;
}

/*
 * *r into *out unless the operation that made it overflowed (the
 * __builtin_*_overflow checks are not functions: each caller names its
 * own, and this says what comes of it).
 */
static int
qty_result(int overflow, const int64_t *r, int64_t *out)
{
	if (overflow)
		return WMS_ERR_INVALID;
	*out = *r;
	return 0;
}

int
wms_add(int64_t a, int64_t b, int64_t *out)
{
	int64_t r;

	return qty_result(__builtin_add_overflow(a, b, &r), &r, out);
}

int
wms_sub(int64_t a, int64_t b, int64_t *out)
{
	int64_t r;

	return qty_result(__builtin_sub_overflow(a, b, &r), &r, out);
}

int
wms_mul(int64_t a, int64_t b, int64_t *out)
{
	int64_t r;

	return qty_result(__builtin_mul_overflow(a, b, &r), &r, out);
}

int
wms_add_within(int64_t a, int64_t b, int64_t limit, int64_t *out)
{
	int64_t r;

	return qty_result(__builtin_add_overflow(a, b, &r) || r > limit ||
	    r < -limit, &r, out);
}

int
wms_date_valid(const char *s)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int	y, m, d, i, leap;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (i = 0; i < 10; i++) {
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	}
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
	    (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < 1900 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return 0;
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (m == 2 && d == 29 && !leap)
		return 0;
	return 1;
}

void
wms_date_add(const char *iso, int days, char out[11])
{
	struct tm	tm;
	time_t		t;

	memset(&tm, 0, sizeof tm);
	tm.tm_year = (iso[0] - '0') * 1000 + (iso[1] - '0') * 100 +
	    (iso[2] - '0') * 10 + (iso[3] - '0') - 1900;
	tm.tm_mon = (iso[5] - '0') * 10 + (iso[6] - '0') - 1;
	tm.tm_mday = (iso[8] - '0') * 10 + (iso[9] - '0') + days;
	tm.tm_hour = 12;
	t = timegm(&tm);
	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}
