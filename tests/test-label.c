/* Unit tests for labels/: templates and their errors, GS1 data, symbols, ZPL. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "labels/label.h"
#include "labels/layout.h"
#include "labels/symbol.h"
#include "labels/template.h"
#include "labels/zpl.h"

static const char *const shipped[] = {
	"labels/templates/item.ini",
	"labels/templates/lot.ini",
	"labels/templates/location.ini",
	"labels/templates/unit.ini",
	"labels/templates/sheet-a4.ini",
};

/* A valid head: 6 lines, then what a test adds. */
#define HEAD \
	"[label]\n" \
	"name = t\n" \
	"width_mm = 50\n" \
	"height_mm = 25\n" \
	"dpi = 203\n" \
	"font = Noto Sans 8\n"
#define CODE \
	"[barcode.code]\n" \
	"box_mm = 2 2 46 20\n" \
	"symbology = code128\n" \
	"value = {code}\n"

static struct label_tpl *
parse_ok(const char *text)
{
	struct label_tpl	*t;
	struct wms_err		 err;

	wms_err_clear(&err);
	t = label_template_parse("t.ini", text, strlen(text), &err);
	if (t == NULL)
		fail_msg("refused: %s\n%s", err.msg, text);
	return t;
}

/* Expect text refused at line with a message containing each word. */
static void
refused(const char *text, int line, ...)
{
	struct label_tpl	*t;
	struct wms_err		 err;
	const char		*word;
	char			 at[32];
	va_list			 ap;

	wms_err_clear(&err);
	t = label_template_parse("t.ini", text, strlen(text), &err);
	if (t != NULL) {
		label_template_free(t);
		fail_msg("accepted:\n%s", text);
	}
	assert_int_equal(err.rc, WMS_ERR_INVALID);
	snprintf(at, sizeof at, "t.ini line %d: ", line);
	if (strncmp(err.msg, at, strlen(at)) != 0)
		fail_msg("expected \"%s...\", got \"%s\"", at, err.msg);
	va_start(ap, line);
	while ((word = va_arg(ap, const char *)) != NULL)
		if (strstr(err.msg, word) == NULL)
			fail_msg("\"%s\" not in \"%s\"", word, err.msg);
	va_end(ap);
}

static void
shipped__all_load(void **state)
{
	struct label_tpl	*t;
	struct wms_err		 err;
	size_t			 i;

	(void)state;
	for (i = 0; i < sizeof shipped / sizeof shipped[0]; i++) {
		t = label_template_load(shipped[i], &err);
		if (t == NULL)
			fail_msg("%s: %s", shipped[i], err.msg);
		assert_true(t->nfields >= 3);
		label_template_free(t);
	}
}

static void
parse__fields_in_order(void **state)
{
	struct label_tpl *t;

	(void)state;
	t = parse_ok(HEAD "printer = pdf\n"
	    "[text.name]\nbox_mm = 1 1 48 5\nvalue = {name_ar}\nalign = end\n"
	    CODE "module_dots = 1\nhri = no\n");
	assert_string_equal(t->name, "t");
	assert_int_equal(t->dpi, 203);
	assert_int_equal(t->printer_format, LABEL_PDF);
	assert_int_equal(t->nfields, 2);
	assert_string_equal(t->fields[0].name, "name");
	assert_int_equal(t->fields[0].align, LABEL_ALIGN_END);
	assert_string_equal(t->fields[0].font, "Noto Sans 8");
	assert_int_equal(t->fields[1].sym, LABEL_SYM_CODE128);
	assert_int_equal(t->fields[1].hri, 0);
	assert_int_equal(t->fields[1].module, 1);
	assert_true(t->fields[1].x == 2 && t->fields[1].w == 46);
	label_template_free(t);
}

static void
parse__refusals_name_the_line(void **state)
{
	(void)state;
	refused("name = x\n", 1, "outside a section", NULL);
	refused(HEAD "[bogus]\nx = 1\n", 7, "unknown section [bogus]", NULL);
	refused(HEAD "[text.A]\nvalue = x\n", 7, "unknown section", NULL);
	refused(HEAD CODE "colour = red\n", 11, "unknown key \"colour\"",
	    "box_mm", NULL);
	refused(HEAD CODE "value = {code}\n", 11, "given again",
	    "line 10", NULL);
	refused("[label]\nname = t\nwidth_mm = 50\nheight_mm = 25\n"
	    "dpi = 250\n" CODE, 5, "dpi = 250", "203, 300 or 600", NULL);
	refused("[label]\nname = t\nwidth_mm = 5O\n", 3, "width_mm = 5O",
	    NULL);
	refused("[label]\nname = t\nheight_mm = 25\ndpi = 203\n" CODE, 1,
	    "needs width_mm", NULL);
	refused(HEAD "[barcode.code]\nbox_mm = 2 2 60 20\n"
	    "symbology = code128\nvalue = {code}\n", 8, "box_mm = 2 2 60 20",
	    "50 x 25 mm", NULL);
	refused(HEAD "[barcode.code]\nbox_mm = 2 2 40\n", 8, "4 numbers",
	    NULL);
	refused(HEAD "[barcode.code]\nbox_mm = 2 2 40 20\n"
	    "symbology = ean13\nvalue = {code}\n", 9, "symbology = ean13",
	    "gs1-datamatrix", NULL);
	refused(HEAD "[text.x]\nbox_mm = 2 2 40 20\nvalue = {colour}\n", 9,
	    "unknown placeholder {colour}", NULL);
	refused(HEAD "[text.x]\nbox_mm = 2 2 40 20\nvalue = {code\n", 9,
	    "without its }", NULL);
	refused(HEAD "[text.x]\nbox_mm = 2 2 40 20\n", 7, "needs value",
	    NULL);
	refused(HEAD CODE "[text.code]\nbox_mm = 1 1 1 1\nvalue = x\n"
	    "[barcode.code]\nvalue = x\n", 14, "section [barcode.code] again",
	    "line 7", NULL);
	refused(HEAD "[sheet]\npage_mm = 210 297\ncolumns = 5\nrows = 2\n"
	    CODE, 7, "5 columns of 50 mm need 250 mm", NULL);
	refused(HEAD, 1, "at least one", NULL);
	refused(HEAD "this is not ini\n", 7, "not a template line", NULL);
}

static void
parse__nul_byte(void **state)
{
	static const char text[] = HEAD "x\0y\n";
	struct wms_err	err;

	(void)state;
	assert_null(label_template_parse("t.ini", text, sizeof text - 1,
	    &err));
	assert_non_null(strstr(err.msg, "t.ini line 7: a NUL byte"));
}

static void
data_lot(struct label_data *d)
{
	label_data_init(d);
	snprintf(d->code, sizeof d->code, "CHM-BENT");
	snprintf(d->lot, sizeof d->lot, "B-2611");
	snprintf(d->expiry, sizeof d->expiry, "2028-11-30");
}

static void
gs1__lot_with_and_without_gtin(void **state)
{
	struct label_data	d;
	struct wms_err		err;
	char			out[256], h[256];

	(void)state;
	data_lot(&d);
	assert_int_equal(label_gs1_build(&d, out, sizeof out, &err), 0);
	/* Fixed-length (17) first, then (10), our code in (91) last. */
	assert_string_equal(out, "[17]281130[10]B-2611[91]CHM-BENT");
	snprintf(d.gtin, sizeof d.gtin, "06214501000115");
	d.net_kg_milli = 25000;
	assert_int_equal(label_gs1_build(&d, out, sizeof out, &err), 0);
	assert_string_equal(out, "[01]06214501000115[17]281130"
	    "[3103]025000[10]B-2611");
	label_gs1_human(out, h, sizeof h);
	assert_string_equal(h, "(01)06214501000115(17)281130(3103)025000"
	    "(10)B-2611");
	/* 1234.5 kg needs fewer decimals: (3102)123450. */
	d.net_kg_milli = 1234500;
	assert_int_equal(label_gs1_build(&d, out, sizeof out, &err), 0);
	assert_non_null(strstr(out, "[3102]123450"));
	d.net_kg_milli = -1;
	*d.lot = '\0';
	snprintf(d.serial, sizeof d.serial, "SN-9");
	d.count = 1;
	assert_int_equal(label_gs1_build(&d, out, sizeof out, &err), 0);
	assert_string_equal(out, "[01]06214501000115[17]281130[21]SN-9[30]1");
}

static void
gs1__refusals(void **state)
{
	struct label_data	d;
	struct wms_err		err;
	char			out[256];

	(void)state;
	data_lot(&d);
	snprintf(d.gtin, sizeof d.gtin, "06214501000116");
	assert_int_equal(label_gs1_build(&d, out, sizeof out, &err),
	    WMS_ERR_INVALID);
	assert_non_null(strstr(err.msg, "check digit"));
	data_lot(&d);
	snprintf(d.lot, sizeof d.lot, "LOT-123456789012345678");
	assert_int_equal(label_gs1_build(&d, out, sizeof out, &err),
	    WMS_ERR_INVALID);
	assert_non_null(strstr(err.msg, "20 characters"));
	data_lot(&d);
	snprintf(d.lot, sizeof d.lot, "دفعة");
	assert_int_equal(label_gs1_build(&d, out, sizeof out, &err),
	    WMS_ERR_INVALID);
	assert_non_null(strstr(err.msg, "(10)"));
	data_lot(&d);
	d.net_kg_milli = 1000000001;
	assert_int_equal(label_gs1_build(&d, out, sizeof out, &err),
	    WMS_ERR_INVALID);
	assert_non_null(strstr(err.msg, "310n"));
}

static void
expand__placeholders_and_empty_fields(void **state)
{
	struct label_data	d;
	char			out[300];

	(void)state;
	data_lot(&d);
	assert_int_equal(label_expand("LOT {lot} EXP {expiry}", &d, out,
	    sizeof out), 1);
	assert_string_equal(out, "LOT B-2611 EXP 2028-11-30");
	/* An empty placeholder: the field is left off the label. */
	assert_int_equal(label_expand("S/N {serial}", &d, out, sizeof out),
	    0);
	assert_int_equal(label_expand("{gs1_text}", &d, out, sizeof out), 1);
	assert_string_equal(out, "(17)281130(10)B-2611(91)CHM-BENT");
	d.n = 3;
	d.of = 40;
	assert_int_equal(label_expand("{n}/{of}", &d, out, sizeof out), 1);
	assert_string_equal(out, "3/40");
}

static void
symbol__zint_checks(void **state)
{
	struct label_symbol	s;
	struct wms_err		err;

	(void)state;
	assert_int_equal(label_symbol_make(LABEL_SYM_CODE128, "CHM-BENT", &s,
	    &err), 0);
	assert_int_equal(s.linear, 1);
	/* 8 characters: start, 8, check, stop (11 modules each, stop 13),
	 * and the quiet zones of 10 modules each side. */
	assert_int_equal(s.cols, 11 * 10 + 13);
	assert_int_equal(s.width, s.cols + 20);
	assert_int_equal(s.bits[0], 0);
	assert_int_equal(s.bits[10], 1);
	label_symbol_free(&s);
	/* A bad GS1 check digit is an error, not a warning (WARN_FAIL_ALL). */
	assert_int_equal(label_symbol_make(LABEL_SYM_GS1_128,
	    "[01]06214501000116", &s, &err), WMS_ERR_INVALID);
	assert_non_null(strstr(err.msg, "gs1-128"));
	assert_int_equal(label_symbol_make(LABEL_SYM_CODE128, "بنتونيت", &s,
	    &err), WMS_ERR_INVALID);
	assert_non_null(strstr(err.msg, "Code 128"));
	/* Arabic in QR is UTF-8 under ECI 26. */
	assert_int_equal(label_symbol_make(LABEL_SYM_QR, "بنتونيت", &s,
	    &err), 0);
	assert_int_equal(s.linear, 0);
	assert_int_equal(s.quiet_x, 4);
	label_symbol_free(&s);
	assert_int_equal(label_symbol_make(LABEL_SYM_GS1_DM,
	    "[01]06214501000115[10]B-2611", &s, &err), 0);
	assert_int_equal(s.rows, s.cols);
	assert_int_equal(s.quiet_x, 1);
	label_symbol_free(&s);
}

static void
zpl__code128_subsets(void **state)
{
	struct wms_buf	b = { NULL, 0, 0 };

	(void)state;
	label_zpl_code128(&b, "CHM-BENT");
	assert_string_equal((char *)b.data, ">:CHM-BENT");
	b.len = 0;
	label_zpl_code128(&b, "\x1d" "0106214501000115");
	assert_string_equal((char *)b.data, ">;>80106214501000115");
	b.len = 0;
	label_zpl_code128(&b, "\x1d" "10AB12345\x1d" "30" "1");
	assert_string_equal((char *)b.data, ">:>810AB1>52345>830>61");
	b.len = 0;
	label_zpl_code128(&b, "A>B");
	assert_string_equal((char *)b.data, ">:A><B");
	wms_buf_free(&b);
}

static void
zpl__label_stream(void **state)
{
	struct label_tpl	*t;
	struct label_data	 d;
	struct wms_buf		 b = { NULL, 0, 0 };
	struct wms_err		 err;

	(void)state;
	t = parse_ok(HEAD "[text.name]\nbox_mm = 2 1 46 4\nvalue = {name_en}\n"
	    "[barcode.code]\nbox_mm = 2 6 46 18\nsymbology = gs1-128\n"
	    "value = {gs1}\nhri = no\n");
	data_lot(&d);
	snprintf(d.name_en, sizeof d.name_en, "Bentonite ^1");
	assert_int_equal(label_render(t, &d, 1, 2, LABEL_ZPL, &b, &err), 0);
	assert_string_equal((char *)b.data,
	    "^XA\n^CI28\n^PW399\n^LL199\n^LH0,0\n"
	    "^FO15,7^A0N,22,17^FB367,1,0,L,0^FH_^FDBentonite _5E1^FS\n"
	    "^FO54,47^BY1^BCN,143,N,N,N,N^FD>;>81728113010>6B->52611>891"
	    ">6CHM-BENT^FS\n"
	    "^PQ2,0,1,Y\n^XZ\n");
	wms_buf_free(&b);
	/* Too long for the box at one dot a module: the field is named. */
	snprintf(d.code, sizeof d.code, "A-VERY-LONG-ITEM-CODE-1234567");
	assert_int_equal(label_render(t, &d, 1, 1, LABEL_ZPL, &b, &err),
	    WMS_ERR_INVALID);
	assert_non_null(strstr(err.msg, "[barcode.code]"));
	assert_int_equal(b.len, 0);
	wms_buf_free(&b);
	label_template_free(t);
}

static void
zpl__arabic_as_graphic(void **state)
{
	struct label_tpl	*t;
	struct label_data	 d;
	struct wms_buf		 b = { NULL, 0, 0 };
	struct wms_err		 err;

	(void)state;
	t = parse_ok(HEAD "[text.name]\nbox_mm = 2 1 46 6\nvalue = {name_ar}\n"
	    "font = Noto Sans Arabic 10\n");
	label_data_init(&d);
	snprintf(d.name_ar, sizeof d.name_ar, "بنتونيت");
	assert_int_equal(label_render(t, &d, 1, 1, LABEL_ZPL, &b, &err), 0);
	/* 46 mm at 203 dpi is 367 dots: 46 bytes a row, 47 rows. */
	assert_non_null(strstr((char *)b.data, "^FO15,7^GFA,2162,2162,46,"));
	assert_null(strstr((char *)b.data, "^A0"));
	/* Some dots are black: the name was drawn. */
	assert_non_null(strpbrk(strstr((char *)b.data, "^GFA"),
	    "123456789ABCDEF"));
	wms_buf_free(&b);
	label_template_free(t);
}

static void
render__sheet_refuses_zpl(void **state)
{
	struct label_tpl	*t;
	struct label_data	 d;
	struct wms_buf		 b = { NULL, 0, 0 };
	struct wms_err		 err;

	(void)state;
	t = label_template_load("labels/templates/sheet-a4.ini", &err);
	assert_non_null(t);
	assert_int_equal(label_template_printer_format(t), LABEL_PDF);
	data_lot(&d);
	assert_int_equal(label_render(t, &d, 1, 1, LABEL_ZPL, &b, &err),
	    WMS_ERR_INVALID);
	assert_non_null(strstr(err.msg, "PDF"));
	assert_int_equal(label_render(t, &d, 1, 22, LABEL_PDF, &b, &err), 0);
	assert_memory_equal(b.data, "%PDF", 4);
	wms_buf_free(&b);
	label_template_free(t);
}

static void
printer__forms(void **state)
{
	struct wms_err	err;

	(void)state;
	assert_int_equal(label_printer_check("tcp://10.0.0.5", &err), 0);
	assert_int_equal(label_printer_check("tcp://printer-1:6101", &err), 0);
	assert_int_equal(label_printer_check("tcp://[::1]:9100", &err), 0);
	assert_int_equal(label_printer_check("cups:zebra_dock", &err), 0);
	assert_int_equal(label_printer_check("tcp://", &err), WMS_ERR_USAGE);
	assert_int_equal(label_printer_check("tcp://h:99999", &err),
	    WMS_ERR_USAGE);
	assert_int_equal(label_printer_check("cups:", &err), WMS_ERR_USAGE);
	assert_int_equal(label_printer_check("lpt1", &err), WMS_ERR_USAGE);
	assert_non_null(strstr(err.msg, "tcp://HOST[:PORT]"));
	assert_int_equal(label_format_of("a.PDF"), LABEL_PDF);
	assert_int_equal(label_format_of("a.zpl"), LABEL_ZPL);
	assert_int_equal(label_format_of("a.jpg"), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(shipped__all_load),
		cmocka_unit_test(parse__fields_in_order),
		cmocka_unit_test(parse__refusals_name_the_line),
		cmocka_unit_test(parse__nul_byte),
		cmocka_unit_test(gs1__lot_with_and_without_gtin),
		cmocka_unit_test(gs1__refusals),
		cmocka_unit_test(expand__placeholders_and_empty_fields),
		cmocka_unit_test(symbol__zint_checks),
		cmocka_unit_test(zpl__code128_subsets),
		cmocka_unit_test(zpl__label_stream),
		cmocka_unit_test(zpl__arabic_as_graphic),
		cmocka_unit_test(render__sheet_refuses_zpl),
		cmocka_unit_test(printer__forms),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
