/* Sparklines: a row of values as block characters, for the item card. */
#include <string.h>

#include "tui/screen.h"

/* U+2581 to U+2588, lowest to highest. */
static const char *const spark_blocks[] = {
	"\xe2\x96\x81", "\xe2\x96\x82", "\xe2\x96\x83", "\xe2\x96\x84",
	"\xe2\x96\x85", "\xe2\x96\x86", "\xe2\x96\x87", "\xe2\x96\x88",
};

size_t
tui_sparkline(const int64_t *v, size_t n, size_t width, char *out,
    size_t len)
{
	int64_t	lo, hi, x;
	size_t	i, from, to, cell, o = 0;
	int	level;

	out[0] = '\0';
	if (n == 0 || width == 0 || len < 4)
		return 0;
	if (width > n)
		width = n;
	/* The scale runs from zero (or the lowest, when below zero) to the
	 * highest: an empty bin shows as the lowest block. */
	lo = hi = 0;
	for (i = 0; i < n; i++) {
		if (v[i] < lo)
			lo = v[i];
		if (v[i] > hi)
			hi = v[i];
	}
	for (cell = 0; cell < width && o + 4 <= len; cell++) {
		/* Each cell shows the last value of its stretch of days. */
		from = cell * n / width;
		to = (cell + 1) * n / width;
		x = v[to > from ? to - 1 : from];
		level = hi == lo ? 0 : (int)((x - lo) * 7 / (hi - lo));
		memcpy(out + o, spark_blocks[level], 3);
		o += 3;
	}
	out[o] = '\0';
	return cell;
}
