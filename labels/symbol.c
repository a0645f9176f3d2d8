/* Barcode symbols: libzint encodes, we keep the modules and draw them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zint.h>

#include "lib/i18n.h"
#include "lib/xmalloc.h"
#include "labels/symbol.h"

static const struct {
	const char	*name;
	int		 zint;		/* BARCODE_* */
	int		 gs1;
	int		 linear;
} syms[] = {
	[LABEL_SYM_CODE128] = { "code128", BARCODE_CODE128, 0, 1 },
	[LABEL_SYM_GS1_128] = { "gs1-128", BARCODE_GS1_128, 1, 1 },
	[LABEL_SYM_GS1_DM] = { "gs1-datamatrix", BARCODE_DATAMATRIX, 1, 0 },
	[LABEL_SYM_DATAMATRIX] = { "datamatrix", BARCODE_DATAMATRIX, 0, 0 },
	[LABEL_SYM_QR] = { "qr", BARCODE_QRCODE, 0, 0 },
};

const char *
label_sym_name(enum label_sym sym)
{
	return syms[sym].name;
}

static int
ascii_only(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7e)
			return 0;
	return 1;
}

int
label_symbol_make(enum label_sym sym, const char *data,
    struct label_symbol *out, struct wms_err *err)
{
	struct zint_symbol	*z;
	int			 rc, x, y, row, ascii;

	memset(out, 0, sizeof *out);
	out->sym = sym;
	if (*data == '\0')
		return wms_err_set(err, WMS_ERR_INVALID, _("nothing to encode "
		    "as %s"), syms[sym].name);
	ascii = ascii_only(data);
	/* zint would turn Latin-1 into Code 128's extended set, which few
	 * scanners read back as typed; Arabic it cannot carry at all. */
	if (sym == LABEL_SYM_CODE128 && !ascii)
		return wms_err_set(err, WMS_ERR_INVALID, _("\"%s\" has letters "
		    "Code 128 cannot carry (printable ASCII only): use qr or "
		    "datamatrix in the template"), data);
	z = ZBarcode_Create();
	z->symbology = syms[sym].zint;
	z->warn_level = WARN_FAIL_ALL;	/* a bad GS1 check digit is an error */
	z->output_options = BARCODE_QUIET_ZONES | OUT_BUFFER_INTERMEDIATE;
	z->show_hrt = 0;
	z->scale = 0.5f;		/* one pixel a module */
	if (syms[sym].gs1)
		z->input_mode = GS1_MODE;
	else if (!ascii) {
		z->input_mode = UNICODE_MODE;
		z->eci = 26;		/* UTF-8, said so in the symbol */
	} else
		z->input_mode = UNICODE_MODE;
	if (syms[sym].zint == BARCODE_DATAMATRIX)
		z->option_3 = DM_SQUARE;
	if (sym == LABEL_SYM_QR)
		z->option_1 = 2;	/* level M, as ZPL's ^BQ "MA," asks */
	rc = ZBarcode_Encode_and_Buffer(z, (const unsigned char *)data,
	    (int)strlen(data), 0);
	if (rc != 0) {
		rc = wms_err_set(err, WMS_ERR_INVALID, _("cannot encode \"%s\" "
		    "as %s: %s"), data, syms[sym].name, z->errtxt);
		ZBarcode_Delete(z);
		return rc;
	}
	out->linear = syms[sym].linear;
	out->rows = z->rows;
	out->cols = z->width;
	out->width = z->bitmap_width;
	out->quiet_x = (z->bitmap_width - z->width) / 2;
	if (out->linear) {
		/* One row through the middle of the bars is the pattern. */
		out->height = 1;
		row = z->bitmap_height / 2;
		out->bits = xcalloc((size_t)out->width, 1);
		for (x = 0; x < out->width; x++)
			out->bits[x] = z->bitmap[row * z->bitmap_width + x] ==
			    '1';
	} else {
		out->height = z->bitmap_height;
		out->quiet_y = (z->bitmap_height - z->rows) / 2;
		out->bits = xcalloc((size_t)out->width * (size_t)out->height,
		    1);
		for (y = 0; y < out->height; y++)
			for (x = 0; x < out->width; x++)
				out->bits[y * out->width + x] =
				    z->bitmap[y * z->bitmap_width + x] == '1';
	}
	if (syms[sym].gs1) {
		size_t i;

		for (i = 0; data[i] != '\0' && i + 1 < sizeof out->hri; i++)
			out->hri[i] = data[i] == '[' ? '(' : data[i] == ']' ?
			    ')' : data[i];
		out->hri[i] = '\0';
	} else
		snprintf(out->hri, sizeof out->hri, "%s", data);
	ZBarcode_Delete(z);
	return 0;
}

void
label_symbol_free(struct label_symbol *s)
{
	free(s->bits);
	s->bits = NULL;
}
