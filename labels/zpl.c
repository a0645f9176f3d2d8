/* ZPL for Zebra-compatible printers: native symbols, Arabic as graphics. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/i18n.h"
#include "lib/xmalloc.h"
#include "labels/draw.h"
#include "labels/zpl.h"

#define FNC1	'\x1d'	/* a marker in our Code 128 data, never printed */

/*
 * GS1 AIs of predefined length, by their first two digits (GS1 General
 * Specifications, figure 7.8.5-2): no FNC1 is needed after them.
 */
static const struct {
	const char	*prefix;
	int		 len;	/* AI and data */
} gs1_fixed[] = {
	{ "00", 20 }, { "01", 16 }, { "02", 16 }, { "03", 16 }, { "04", 18 },
	{ "11", 8 }, { "12", 8 }, { "13", 8 }, { "14", 8 }, { "15", 8 },
	{ "16", 8 }, { "17", 8 }, { "18", 8 }, { "19", 8 }, { "20", 4 },
	{ "31", 10 }, { "32", 10 }, { "33", 10 }, { "34", 10 }, { "35", 10 },
	{ "36", 10 }, { "41", 16 },
};

static int
gs1_is_fixed(const char *ai)
{
	size_t	i;

	for (i = 0; i < sizeof gs1_fixed / sizeof gs1_fixed[0]; i++)
		if (strncmp(ai, gs1_fixed[i].prefix, 2) == 0)
			return 1;
	return 0;
}

/*
 * "[01]...[10]LOT[21]SN" to "<FNC1>01...10LOT<FNC1>21SN": FNC1 first, and
 * after each variable-length field that is not the last.
 */
static void
gs1_to_fnc1(const char *b, char *out, size_t size)
{
	size_t	n = 0;
	int	var = 0;

	out[n++] = FNC1;
	for (; *b != '\0' && n + 2 < size; b++) {
		if (*b == '[') {
			if (var)
				out[n++] = FNC1;
			var = !gs1_is_fixed(b + 1);
			continue;
		}
		if (*b == ']')
			continue;
		out[n++] = *b;
	}
	out[n] = '\0';
}

static size_t
digit_run(const char *s)
{
	size_t	n = 0;

	while (s[n] >= '0' && s[n] <= '9')
		n++;
	return n;
}

/*
 * Code 128 data in ZPL's invocation codes (^BC mode N): subset C for runs
 * of four digits or more, B otherwise; >; and >: start C and B, >5 and >6
 * switch to them, >8 is FNC1, >< a literal '>'.
 */
void
label_zpl_code128(struct wms_buf *b, const char *s)
{
	size_t	n, i = 0, first;
	int	set = 0;

	first = s[0] == FNC1 ? 1 : 0;
	n = digit_run(s + first);
	if (n >= 4 && n % 2 == 0) {
		wms_buf_adds(b, ">;");
		set = 'C';
	} else {
		wms_buf_adds(b, ">:");
		set = 'B';
	}
	while (s[i] != '\0') {
		if (s[i] == FNC1) {
			wms_buf_adds(b, ">8");
			i++;
			continue;
		}
		n = digit_run(s + i);
		if (n >= 4 || (set == 'C' && n >= 2)) {
			/* An odd run: its last digit in B when already in C,
			 * else its first, so that one switch is enough. */
			if (n % 2 != 0 && set == 'C')
				n--;
			else if (n % 2 != 0) {
				wms_buf_add(b, s + i, 1);
				i++;
				n--;
			}
			if (set != 'C')
				wms_buf_adds(b, ">5");
			set = 'C';
			wms_buf_add(b, s + i, n);
			i += n;
			continue;
		}
		if (set != 'B')
			wms_buf_adds(b, ">6");
		set = 'B';
		if (s[i] == '>')
			wms_buf_adds(b, "><");
		else
			wms_buf_add(b, s + i, 1);
		i++;
	}
}

/* Field data after ^FH_: ^, ~, _ and control bytes as _XX. */
static void
zpl_fd(struct wms_buf *b, const char *s)
{
	wms_buf_adds(b, "^FH_^FD");
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '^' || c == '~' || c == '_' || c < 0x20)
			wms_buf_addf(b, "_%02X", c);
		else
			wms_buf_add(b, s, 1);
	}
	wms_buf_adds(b, "^FS\n");
}

/* Black and white dots as ^GFA, uncompressed hex. */
static void
zpl_gfa(struct wms_buf *b, int x, int y, const unsigned char *bits,
    int stride, int h)
{
	int	i, total = stride * h;

	static const char	 hex[] = "0123456789ABCDEF";
	char			 two[2];

	wms_buf_addf(b, "^FO%d,%d^GFA,%d,%d,%d,", x, y, total, total,
	    stride);
	/* Thousands of bytes a label: no printf per byte. */
	for (i = 0; i < total; i++) {
		two[0] = hex[bits[i] >> 4];
		two[1] = hex[bits[i] & 15];
		wms_buf_add(b, two, 2);
	}
	wms_buf_adds(b, "^FS\n");
}

/* Latin script only (up to U+024F): the printer's own font can show it. */
static int
latin_only(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;

	for (; *p != '\0'; p++) {
		if (*p < 0x80)
			continue;
		/* Lead bytes C2-C9 are U+0080-U+027F; U+0250 up is IPA. */
		if (*p >= 0xc2 && *p <= 0xc8)
			continue;
		if ((*p & 0xc0) == 0x80)
			continue;
		return 0;
	}
	return 1;
}

static void
zpl_text(struct wms_buf *b, const struct label_op *op, int dpi, int x,
    int y, int w, int h, enum label_align align)
{
	int	line = label_font_dots(op->f->font, dpi), lines, ch;

	ch = (int)(line / 1.35 + 0.5);
	/* Font 0 is wide: 80% of its height keeps a line where pango put it. */
	lines = h / line > 0 ? h / line : 1;
	wms_buf_addf(b, "^FO%d,%d^A0N,%d,%d^FB%d,%d,0,%c,0", x, y, ch, ch * 4 / 5,
	    w, lines, align == LABEL_ALIGN_CENTER ? 'C' :
	    align == LABEL_ALIGN_END ? 'R' : 'L');
}

/* A symbol as a graphic, when the printer cannot draw it itself. */
static void
zpl_symbol_gfa(struct wms_buf *b, const struct label_op *op)
{
	const struct label_symbol	*s = &op->sym;
	unsigned char			*bits;
	int				 w, h, stride, x, y, m = op->module;

	w = s->width * m;
	h = s->linear ? op->bar_h : s->height * m;
	stride = (w + 7) / 8;
	bits = xcalloc((size_t)stride * (size_t)h, 1);
	for (y = 0; y < h; y++)
		for (x = 0; x < w; x++)
			if (s->bits[(s->linear ? 0 : y / m) * s->width + x / m])
				bits[y * stride + x / 8] |=
				    (unsigned char)(0x80 >> (x % 8));
	zpl_gfa(b, op->sx, op->sy, bits, stride, h);
	free(bits);
}

static int
zpl_plain(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7e ||
		    *s == '^' || *s == '~')
			return 0;
	return 1;
}

static void
zpl_symbol(struct wms_buf *b, const struct label_op *op, int dpi)
{
	const struct label_symbol	*s = &op->sym;
	char				 data[700];
	const char			*p;
	int				 m = op->module;

	/* ZPL modules go up to 10 dots; other data is drawn as a graphic. */
	if (m > 10 || !zpl_plain(op->text)) {
		zpl_symbol_gfa(b, op);
		return;
	}
	switch (s->sym) {
	case LABEL_SYM_CODE128:
	case LABEL_SYM_GS1_128:
		if (s->sym == LABEL_SYM_GS1_128)
			gs1_to_fnc1(op->text, data, sizeof data);
		else
			snprintf(data, sizeof data, "%s", op->text);
		/* Bars start after the quiet zone: ZPL adds none. */
		wms_buf_addf(b, "^FO%d,%d^BY%d^BCN,%d,N,N,N,N^FD",
		    op->sx + s->quiet_x * m, op->sy, m, op->bar_h);
		label_zpl_code128(b, data);
		wms_buf_adds(b, "^FS\n");
		if (op->hri_h > 0) {
			zpl_text(b, op, dpi, op->x, op->sy + op->bar_h, op->w,
			    op->hri_h, LABEL_ALIGN_CENTER);
			zpl_fd(b, s->hri);
		}
		return;
	case LABEL_SYM_GS1_DM:
	case LABEL_SYM_DATAMATRIX:
		wms_buf_addf(b, "^FO%d,%d^BXN,%d,200,%d,%d,6,_^FD",
		    op->sx + s->quiet_x * m, op->sy + s->quiet_y * m, m,
		    s->cols, s->rows);
		if (s->sym == LABEL_SYM_GS1_DM) {
			gs1_to_fnc1(op->text, data, sizeof data);
			p = data;
		} else
			p = op->text;
		/* _1 is FNC1 with '_' as the escape; a '_' itself is _d095. */
		for (; *p != '\0'; p++) {
			if (*p == FNC1)
				wms_buf_adds(b, "_1");
			else if (*p == '_')
				wms_buf_adds(b, "_d095");
			else
				wms_buf_add(b, p, 1);
		}
		wms_buf_adds(b, "^FS\n");
		return;
	case LABEL_SYM_QR:
		wms_buf_addf(b, "^FO%d,%d^BQN,2,%d^FDMA,%s^FS\n",
		    op->sx + s->quiet_x * m, op->sy + s->quiet_x * m, m,
		    op->text);
		return;
	case LABEL_SYM_COUNT:
		break;
	}
}

void
label_zpl(struct wms_buf *b, const struct label_layout *l, int copies)
{
	const struct label_op	*op;
	unsigned char		*bits;
	size_t			 i;
	int			 stride, h;

	/* ^CI28: field data is UTF-8.  ^PW/^LL: the label's size in dots. */
	wms_buf_addf(b, "^XA\n^CI28\n^PW%d\n^LL%d\n^LH0,0\n", l->w, l->h);
	for (i = 0; i < l->n; i++) {
		op = &l->ops[i];
		if (op->kind == LABEL_OP_SYMBOL) {
			zpl_symbol(b, op, l->dpi);
		} else if (latin_only(op->text)) {
			zpl_text(b, op, l->dpi, op->x, op->y, op->w, op->h,
			    op->f->align);
			zpl_fd(b, op->text);
		} else {
			/* Arabic: shaped and laid out by pango, sent as dots. */
			label_draw_text_bits(op, l->dpi, &bits, &stride, &h);
			zpl_gfa(b, op->x, op->y, bits, stride, h);
			free(bits);
		}
	}
	if (copies > 1)
		wms_buf_addf(b, "^PQ%d,0,1,Y\n", copies);
	wms_buf_adds(b, "^XZ\n");
}
