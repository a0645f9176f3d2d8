/* Quantities, money and dates as text: parse strictly, format exactly. */
#ifndef WMS_QTY_H
#define WMS_QTY_H

#include <stddef.h>
#include <stdint.h>

#include "lib/err.h"

/*
 * The largest quantity we accept, in thousandths: 10^15, that is 10^12
 * units (a trillion).  It is also the most a balance may hold, either way
 * (a virtual location goes negative): every balance, and every sum of a
 * few of them, then fits in an int64_t with room to spare, and SQLite's
 * total() (a double) is exact for it (below 2^53).
 */
#define WMS_QTY_MAX	INT64_C(1000000000000000)
#define WMS_BAL_MAX	WMS_QTY_MAX

/*
 * The largest value of money a movement may carry or a depot may hold of
 * one item, in minor units: 10^17 (10^15 currency units with two
 * decimals).  Fifty depots of it still fit in an int64_t.
 */
#define WMS_VALUE_MAX	INT64_C(100000000000000000)

#define WMS_QTY_SIGNED	0x1	/* a leading minus is allowed (adjustments) */
#define WMS_QTY_ZERO	0x2	/* zero is allowed (counted quantities) */

/*
 * Parse a decimal quantity with at most three decimals into thousandths:
 * "12.5" is 12500.  Arabic-Indic digits and the Arabic decimal separator
 * are accepted.  Refused: empty, signs without WMS_QTY_SIGNED, "-0", zero
 * without WMS_QTY_ZERO, exponents, more than three decimals, more than
 * WMS_QTY_MAX.  The message names the text and the rule.
 */
int	wms_qty_parse(const char *s, int flags, int64_t *out,
	    struct wms_err *err);
/* Format thousandths as a decimal without trailing zeros: 12500 -> "12.5". */
char	*wms_qty_fmt(int64_t q, char *buf, size_t len);

/*
 * Parse an amount of money with at most `minor` decimals into minor units:
 * with minor 2, "1250.5" is 125050.  Zero is allowed, signs are not.
 */
int	wms_money_parse(const char *s, int minor, int64_t *out,
	    struct wms_err *err);
char	*wms_money_fmt(int64_t v, int minor, char *buf, size_t len);

/*
 * a * b / c rounded half away from zero, without overflow for any result
 * that fits; WMS_ERR_INVALID when it does not fit or c is 0.
 */
int	wms_muldiv(int64_t a, int64_t b, int64_t c, int64_t *out);

/*
 * Checked arithmetic: *out = a + b, a - b, a * b; 0, or WMS_ERR_INVALID
 * (and *out untouched) when the result does not fit in an int64_t.
 */
int	wms_add(int64_t a, int64_t b, int64_t *out);
int	wms_sub(int64_t a, int64_t b, int64_t *out);
int	wms_mul(int64_t a, int64_t b, int64_t *out);
/*
 * *out = a + b when the sum is within -limit..limit; WMS_ERR_INVALID
 * otherwise (a sum past the limit, or one that does not fit at all).
 */
int	wms_add_within(int64_t a, int64_t b, int64_t limit, int64_t *out);

/* A calendar date YYYY-MM-DD that exists (2026-02-30 does not). */
int	wms_date_valid(const char *s);
/* The date `days` after the date at the start of `iso` (UTC). */
void	wms_date_add(const char *iso, int days, char out[11]);

#endif
