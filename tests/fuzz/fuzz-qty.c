/*
 * libFuzzer harness for core/qty.c: quantities, money and dates as text.
 * Whatever parses is within its limits and formats back to itself;
 * wms_muldiv agrees with 128-bit arithmetic.
 */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/qty.h"
#include "lib/err.h"
#include "lib/xmalloc.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
qty(const char *s, int flags)
{
	struct wms_err	err;
	int64_t		q, q2;
	char		buf[64];
	int		rc;

	wms_err_clear(&err);
	rc = wms_qty_parse(s, flags, &q, &err);
	if (rc != 0) {
		assert(rc == WMS_ERR_INVALID && err.msg[0] != '\0');
		return;
	}
	assert(q <= WMS_QTY_MAX && q >= -WMS_QTY_MAX);
	if (!(flags & WMS_QTY_SIGNED))
		assert(q >= 0);
	if (!(flags & WMS_QTY_ZERO))
		assert(q != 0);
	assert(wms_qty_fmt(q, buf, sizeof buf) == buf);
	assert(wms_qty_parse(buf, flags, &q2, &err) == 0 && q2 == q);
}

static void
money(const char *s, int minor)
{
	struct wms_err	err;
	int64_t		v, v2;
	char		buf[64];

	if (wms_money_parse(s, minor, &v, &err) != 0) {
		assert(err.msg[0] != '\0');
		return;
	}
	assert(v >= 0);
	assert(wms_money_fmt(v, minor, buf, sizeof buf) == buf);
	assert(wms_money_parse(buf, minor, &v2, &err) == 0 && v2 == v);
}

static void
date(const char *s, int days)
{
	char out[11], back[11];

	if (!wms_date_valid(s))
		return;
	assert(strlen(s) >= 10 && s[4] == '-' && s[7] == '-');
	wms_date_add(s, 0, out);
	assert(strncmp(out, s, 10) == 0);
	wms_date_add(s, days, out);
	assert(wms_date_valid(out));
	wms_date_add(out, -days, back);
	assert(strncmp(back, s, 10) == 0);
}

static void
muldiv(const uint8_t *d, size_t n)
{
	int64_t		v[3], out;
	__int128	p, q, r;
	int		rc;

	if (n < sizeof v)
		return;
	memcpy(v, d, sizeof v);
	rc = wms_muldiv(v[0], v[1], v[2], &out);
	if (v[2] == 0) {
		assert(rc != 0);
		return;
	}
	/* Half away from zero, as the header says. */
	p = (__int128)v[0] * v[1];
	q = p / v[2];
	r = p % v[2];
	if (r < 0)
		r = -r;
	if (2 * r >= (v[2] < 0 ? -(__int128)v[2] : (__int128)v[2]))
		q += ((p < 0) != (v[2] < 0)) ? -1 : 1;
	if (q > INT64_MAX || q < INT64_MIN)
		assert(rc != 0);
	else
		assert(rc == 0 && out == (int64_t)q);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	*s;
	int	 f;

	muldiv(data, size);
	s = xmalloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';
	for (f = 0; f < 4; f++)
		qty(s, f);
	for (f = 0; f <= 4; f++)
		money(s, f);
	date(s, size > 0 ? (int)(data[0] * 37) - 4000 : 1);
	free(s);
	return 0;
}
