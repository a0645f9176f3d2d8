/* Unit tests for devices/profile.c: the shipped profiles, every refusal, decoding. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "devices/profile.h"

static const char *const shipped[] = {
	"devices/profiles/generic.ini",
	"devices/profiles/flintec-ft11.ini",
	"devices/profiles/laumas-tlu.ini",
	"devices/profiles/rice-lake-sct.ini",
	"devices/profiles/dini-dgt4x.ini",
	"devices/profiles/hbm-wtx120.ini",
	"devices/profiles/zebra-ea3600.ini",
};

/* The head of a valid scale profile: 8 lines, then what a test adds. */
#define HEAD \
	"[device]\n" \
	"name = Test\n" \
	"kind = scale\n" \
	"source = test\n" \
	"[register.status]\n" \
	"table = holding\n" \
	"address = 6\n" \
	"[value.gross]\n"
#define GROSS \
	"table = holding\n" \
	"address = 0\n" \
	"type = s32\n"
#define SCALE \
	"[scale]\n" \
	"decimals = 2\n" \
	"unit = kg\n" \
	"stable = status:0\n"

static struct dev_profile *
parse_ok(const char *text)
{
	struct dev_profile	*p;
	struct wms_err		 err;

	wms_err_clear(&err);
	p = dev_profile_parse("t.ini", text, strlen(text), &err);
	if (p == NULL)
		fail_msg("refused: %s\n%s", err.msg, text);
	return p;
}

/* Expect text refused at line with a message containing each of the words. */
static void
refused(const char *text, int line, ...)
{
	struct dev_profile	*p;
	struct wms_err		 err;
	char			 where[40];
	const char		*w;
	va_list			 ap;

	wms_err_clear(&err);
	p = dev_profile_parse("t.ini", text, strlen(text), &err);
	if (p != NULL) {
		dev_profile_free(p);
		fail_msg("accepted:\n%s", text);
	}
	assert_int_equal(err.rc, WMS_ERR_INVALID);
	snprintf(where, sizeof where, "t.ini line %d: ", line);
	if (strncmp(err.msg, where, strlen(where)) != 0)
		fail_msg("\"%s\" does not start \"%s\"", err.msg, where);
	va_start(ap, line);
	while ((w = va_arg(ap, const char *)) != NULL)
		if (strstr(err.msg, w) == NULL)
			fail_msg("\"%s\" does not say \"%s\"", err.msg, w);
	va_end(ap);
}

static void
shipped__every_profile__parses(void **state)
{
	struct dev_profile	*p;
	struct wms_err		 err;
	size_t			 i;

	(void)state;
	for (i = 0; i < sizeof shipped / sizeof shipped[0]; i++) {
		wms_err_clear(&err);
		if ((p = dev_profile_load(shipped[i], &err)) == NULL)
			fail_msg("%s: %s", shipped[i], err.msg);
		assert_non_null(p->name);
		assert_true(strlen(p->source) > 10);
		dev_profile_free(p);
	}
}

static void
shipped__flintec__map_as_the_manual(void **state)
{
	struct dev_profile	*p;
	struct wms_err		 err;

	(void)state;
	p = dev_profile_load("devices/profiles/flintec-ft11.ini", &err);
	assert_non_null(p);
	assert_int_equal(p->kind, DEV_KIND_SCALE);
	/* 40006 is wire 5, 40004 wire 3, the command 40009 wire 8. */
	assert_int_equal(p->scale.value[DEV_VALUE_GROSS].address, 5);
	assert_int_equal(p->scale.value[DEV_VALUE_TARE].address, 3);
	assert_false(p->scale.value[DEV_VALUE_NET].present);
	assert_int_equal(p->scale.command[DEV_COMMAND_TARE].address, 8);
	assert_int_equal(p->scale.command[DEV_COMMAND_TARE].value, 2);
	assert_int_equal(p->write_multiple, 1);
	assert_string_equal(p->source,
	    "FT-11(D) Technical Manual Rev 1.35, Appendix 4");
	dev_profile_free(p);
	p = dev_profile_load("devices/profiles/zebra-ea3600.ini", &err);
	assert_non_null(p);
	assert_int_equal(p->kind, DEV_KIND_SCANNER);
	assert_int_equal(p->scanner.data_address, 208);
	assert_int_equal(p->scanner.ack_value, -1);
	dev_profile_free(p);
}

static void
load__missing_file__io_error(void **state)
{
	struct wms_err	err;

	(void)state;
	assert_null(dev_profile_load("devices/profiles/nonesuch.ini", &err));
	assert_int_equal(err.rc, WMS_ERR_IO);
	assert_non_null(strstr(err.msg, "nonesuch.ini"));
}

static void
parse__minimal_and_defaults(void **state)
{
	struct dev_profile	*p;

	(void)state;
	p = parse_ok(HEAD GROSS SCALE);
	assert_int_equal(p->holding_base, 0);
	assert_int_equal(p->words, DEV_WORDS_ABCD);
	assert_int_equal(p->response_timeout_ms, 500);
	assert_int_equal(p->scale.decimals, 2);
	assert_string_equal(p->scale.unit, "kg");
	assert_int_equal(p->scale.value[DEV_VALUE_GROSS].decimals, -1);
	assert_int_equal(p->scale.overload.field.reg, -1);
	dev_profile_free(p);
}

static void
refused__unknown_section(void **state)
{
	(void)state;
	refused(HEAD GROSS SCALE "[value.peak]\ntable = holding\n", 16,
	    "[value.peak]", "[value.gross]", NULL);
	refused(HEAD GROSS SCALE "[register.Bad-Name]\ntable = holding\n", 16,
	    "unknown section", NULL);
	/* Even with no keys under it. */
	refused(HEAD GROSS SCALE "[comand.zero]\n", 16,
	    "unknown section [comand.zero]", "[command.zero]", NULL);
}

static void
refused__unknown_key(void **state)
{
	(void)state;
	refused(HEAD GROSS "adress = 4\n" SCALE, 12, "\"adress\"",
	    "table, address, type, words, decimals or sign", NULL);
}

static void
refused__missing_required_key(void **state)
{
	(void)state;
	/* Named at the section's header line. */
	refused(HEAD "table = holding\naddress = 0\n" SCALE, 8,
	    "[value.gross] needs type", "u32+sign", NULL);
	refused("[device]\nname = x\nkind = scale\n", 1, "needs source",
	    NULL);
	refused(HEAD GROSS "[scale]\ndecimals = 2\nunit = kg\n", 12,
	    "needs stable", NULL);
}

static void
refused__bad_number(void **state)
{
	(void)state;
	refused(HEAD "table = holding\naddress = 12x\ntype = s32\n" SCALE, 10,
	    "address = 12x", "whole number", NULL);
	refused(HEAD "table = holding\naddress = -1\ntype = s32\n" SCALE, 10,
	    "address = -1", NULL);
	refused(HEAD GROSS SCALE "[command.zero]\naddress = 8\nvalue = 65536\n",
	    18, "value = 65536", "0 to 65535", NULL);
	refused(HEAD GROSS SCALE "[command.zero]\naddress = 8\nvalue = \n",
	    18, "value = ", NULL);
}

static void
refused__address_out_of_range(void **state)
{
	(void)state;
	/* With a base of 40001, 40000 is below register 1. */
	refused("[device]\nname = x\nkind = scale\nsource = y\n"
	    "holding_base = 40001\n[value.gross]\ntable = holding\n"
	    "address = 40000\ntype = u16\n[register.status]\n"
	    "table = holding\naddress = 40007\n" SCALE, 8, "address = 40000",
	    "40001", NULL);
	/* 65535 is the last register: a 32-bit value cannot start there. */
	refused(HEAD "table = holding\naddress = 65535\ntype = s32\n" SCALE,
	    10, "address = 65535", "0 to 65534", NULL);
	refused(HEAD "table = holding\naddress = 65536\ntype = u16\n" SCALE,
	    10, "address = 65536", NULL);
}

static void
refused__bad_enum(void **state)
{
	(void)state;
	refused(HEAD GROSS "words = ABDC\n" SCALE, 12, "words = ABDC",
	    "ABCD, CDAB, BADC or DCBA", NULL);
	refused(HEAD "table = coil\naddress = 0\ntype = s32\n" SCALE, 9,
	    "table = coil", "holding or input", NULL);
	refused(HEAD "table = input\naddress = 0\ntype = int32\n" SCALE, 11,
	    "type = int32", "float32", NULL);
	refused("[device]\nname = x\nkind = printer\nsource = y\n", 3,
	    "kind = printer", "scale or scanner", NULL);
	refused("[device]\nname = x\nkind = scale\nsource = y\n"
	    "holding_base = 2\n", 5, "holding_base = 2", "0, 1 or 40001",
	    NULL);
	refused(HEAD GROSS "[scale]\ndecimals = 2\nunit = stone\n"
	    "stable = status:0\n", 14, "unit = stone", "kg, g, t, lb, oz or N",
	    NULL);
}

static void
refused__reference_to_missing_register(void **state)
{
	(void)state;
	refused(HEAD GROSS "[scale]\ndecimals = 2\nunit = kg\n"
	    "stable = stat:0\n", 15, "stable = stat:0", "[register.stat]",
	    NULL);
	refused(HEAD "table = holding\naddress = 0\ntype = u32+sign\n"
	    "sign = flags:7\n" SCALE, 12, "[register.flags]", NULL);
}

static void
refused__bits_out_of_range(void **state)
{
	(void)state;
	refused(HEAD GROSS "[scale]\ndecimals = 2\nunit = kg\n"
	    "stable = status:16\n", 15, "stable = status:16", "bits 0 to 15",
	    NULL);
	refused(HEAD GROSS "[scale]\ndecimals = 2\nunit = kg\n"
	    "stable = status:3-2=1\n", 15, "bits 3-2", NULL);
	refused(HEAD GROSS SCALE "overload = status:2-3=4\n", 16,
	    "does not fit in 2 bits", NULL);
	refused(HEAD GROSS SCALE "overload = status:2-3\n", 16, "=VALUE",
	    NULL);
	refused(HEAD GROSS SCALE "overload = status\n", 16,
	    "REGISTER:BIT, !REGISTER:BIT or REGISTER:LO-HI=VALUE", NULL);
}

static void
refused__overlapping_command(void **state)
{
	struct dev_profile	*p;

	(void)state;
	/* The zero command writes register 1, half of the gross value. */
	refused(HEAD GROSS SCALE "[command.zero]\naddress = 1\nvalue = 1\n",
	    17, "address = 1", "read as gross", "output_image = separate",
	    NULL);
	refused(HEAD GROSS SCALE "[command.tare]\naddress = 6\nvalue = 1\n",
	    17, "read as status", NULL);
	/* A device with a separate output image may. */
	p = parse_ok("[device]\nname = x\nkind = scale\nsource = y\n"
	    "output_image = separate\n[value.gross]\n" GROSS
	    "[register.status]\ntable = holding\naddress = 6\n" SCALE
	    "[command.zero]\naddress = 1\nvalue = 1\n");
	dev_profile_free(p);
}

static void
refused__duplicate_key_or_section(void **state)
{
	(void)state;
	refused(HEAD GROSS "type = u32\n" SCALE, 12, "type given again",
	    "line 11", NULL);
	/* An indented line continues the line above: the same key again. */
	refused(HEAD GROSS "   more\n" SCALE, 12, "given again", NULL);
	refused(HEAD GROSS SCALE "[value.gross]\nwords = CDAB\n", 16,
	    "section [value.gross] again", "line 8", NULL);
}

static void
refused__not_an_ini_line(void **state)
{
	(void)state;
	refused(HEAD GROSS "type s32\n" SCALE, 12, "not a profile line",
	    NULL);
	refused("[device\nname = x\n", 1, "not a profile line", NULL);
}

static void
refused__long_line_and_nul(void **state)
{
	char	buf[600];

	(void)state;
	snprintf(buf, sizeof buf, "[device]\nname = %0300d\n", 0);
	refused(buf, 2, "longer than", NULL);
	memcpy(buf, "[device]\nna\0me = x\n", 19);
	{
		struct wms_err	err;

		assert_null(dev_profile_parse("t.ini", buf, 19, &err));
		assert_non_null(strstr(err.msg, "t.ini line 2: a NUL byte"));
	}
}

static void
refused__outside_a_section(void **state)
{
	(void)state;
	refused("name = x\n[device]\n", 1, "outside a section", NULL);
	refused("; only a comment\n", 1, "no [device]", NULL);
}

static void
refused__sign_bit_rules(void **state)
{
	(void)state;
	refused(HEAD "table = holding\naddress = 0\ntype = u32+sign\n" SCALE, 8,
	    "needs sign", NULL);
	refused(HEAD GROSS "sign = status:7\n" SCALE, 12,
	    "only a u16+sign or u32+sign", NULL);
}

static void
refused__decimals_and_unit_rules(void **state)
{
	(void)state;
	refused(HEAD GROSS "[scale]\ndecimals = 7\nunit = kg\n"
	    "stable = status:0\n", 13, "decimals = 7", "0 to 6", NULL);
	refused(HEAD GROSS "[scale]\ndecimals = status:4-6\n"
	    "decimals_map = 1:4 9:2\nunit = kg\nstable = status:0\n", 14,
	    "9 does not fit", NULL);
	refused(HEAD GROSS "[scale]\ndecimals = status:4-6\n"
	    "decimals_map = 1:4 2:8\nunit = kg\nstable = status:0\n", 14,
	    "0 to 6", NULL);
	refused(HEAD GROSS "[scale]\ndecimals = 2\ndecimals_map = 1:4\n"
	    "unit = kg\nstable = status:0\n", 14, "is fixed", NULL);
	refused(HEAD GROSS "[scale]\ndecimals = 2\nunit = status:7-8\n"
	    "stable = status:0\n", 14, "needs unit_map", NULL);
	refused(HEAD GROSS "[scale]\ndecimals = 2\nunit = status:7-8\n"
	    "unit_map = 0:kg 0:g\nstable = status:0\n", 15, "given twice",
	    NULL);
	refused(HEAD GROSS "[scale]\ndecimals = 2\nunit = status:7-8\n"
	    "unit_map = 0-kg\nstable = status:0\n", 15, "0:kg 1:g", NULL);
}

static void
refused__kind_sections(void **state)
{
	(void)state;
	refused("[device]\nname = x\nkind = scale\nsource = y\n", 1,
	    "needs a [scale] section", NULL);
	refused("[device]\nname = x\nkind = scanner\nsource = y\n"
	    "[scale]\nunit = kg\n", 5, "[scale] in a profile of kind scanner",
	    NULL);
}

static void
refused__command_rules(void **state)
{
	(void)state;
	refused(HEAD GROSS SCALE "[command.zero]\naddress = 8\nvalue = 1\n"
	    "ack = status:1\ncounter = status:2-5\n", 20, "already has ack",
	    NULL);
	refused(HEAD GROSS SCALE "[command.zero]\naddress = 8\nvalue = 1\n"
	    "counter = !status:2\n", 19, "REGISTER:BIT or REGISTER:LO-HI",
	    NULL);
	refused(HEAD GROSS SCALE "[command.zero]\nvalue = 1\n", 16,
	    "needs address", NULL);
}

#define SCANNER_HEAD \
	"[device]\nname = s\nkind = scanner\nsource = y\n" \
	"[register.seq]\ntable = input\naddress = 201\n" \
	"[register.len]\ntable = input\naddress = 207\n" \
	"[scanner]\n"

static void
refused__scanner_rules(void **state)
{
	struct dev_profile	*p;

	(void)state;
	p = parse_ok(SCANNER_HEAD "sequence = seq\nlength = len\n"
	    "data_table = input\ndata_address = 208\ndata_registers = 2048\n"
	    "bytes = lo-hi\nack_address = 2\nack_value = sequence\n");
	assert_int_equal(p->scanner.low_byte_first, 1);
	assert_int_equal(p->regs[p->scanner.sequence].address, 201);
	dev_profile_free(p);
	refused(SCANNER_HEAD "sequence = seq\nready = seq:0\n", 13,
	    "either sequence", NULL);
	refused(SCANNER_HEAD "length = len\n", 11, "either sequence", NULL);
	refused(SCANNER_HEAD "sequence = sq\n", 12, "sequence = sq",
	    "[register.sq]", NULL);
	refused(SCANNER_HEAD "sequence = seq\nlength = len\n"
	    "data_table = input\ndata_address = 208\ndata_registers = 2049\n",
	    16, "data_registers = 2049", "1 to 2048", NULL);
	refused(SCANNER_HEAD "sequence = seq\nlength = len\n"
	    "data_table = input\ndata_address = 65000\n"
	    "data_registers = 2048\n", 15, "data_address = 65000", NULL);
	refused(SCANNER_HEAD "sequence = seq\nlength = len\n"
	    "data_table = input\ndata_address = 208\ndata_registers = 4\n"
	    "bytes = big\n", 17, "bytes = big", "hi-lo or lo-hi", NULL);
	refused(SCANNER_HEAD "ready = seq:0\nlength = len\n"
	    "data_table = input\ndata_address = 208\ndata_registers = 4\n"
	    "bytes = hi-lo\nack_address = 2\nack_value = sequence\n", 19,
	    "no sequence register", NULL);
	/* The acknowledge must not land on the data it acknowledges. */
	refused(SCANNER_HEAD "sequence = seq\nlength = len\n"
	    "data_table = holding\ndata_address = 0\ndata_registers = 4\n"
	    "bytes = hi-lo\nack_address = 2\nack_value = 1\n", 18,
	    "read as data", NULL);
}

/* Put v (thousandths, decimals d) into img as value id of p. */
static void
put(const struct dev_profile *p, uint16_t *img, enum dev_value_id id,
    int d, int64_t v, uint16_t *status, unsigned signbit)
{
	const struct dev_value	*dv = &p->scale.value[id];
	struct wms_err		 err;
	int			 neg;

	assert_int_equal(dev_encode(dv->type, dv->words, d, v,
	    img + dv->address, &neg, &err), 0);
	if (neg)
		*status |= (uint16_t)(1u << signbit);
}

static struct dev_profile *
load(const char *path)
{
	struct dev_profile	*p;
	struct wms_err		 err;

	if ((p = dev_profile_load(path, &err)) == NULL)
		fail_msg("%s", err.msg);
	return p;
}

/*
 * Laumas TLU, wire addresses: status 6, gross 7-8, net 9-10.
 * Gross 1250 kg (0x000004E2), net -30 kg (magnitude 0x1E, bit 8),
 * stable (bit 11): status 0x0900.
 */
static void
dev_scale_decode__laumas__sign_bits(void **state)
{
	struct dev_profile	*p;
	struct dev_image	 img = { 0 };
	struct dev_reading	 r;
	struct wms_err		 err;
	uint16_t		 h[16] = { 0 };

	(void)state;
	p = load("devices/profiles/laumas-tlu.ini");
	h[7] = 0x0000, h[8] = 0x04E2;
	h[9] = 0x0000, h[10] = 0x001E;
	h[6] = 0x0900;
	img.holding = h;
	img.nholding = 16;
	assert_int_equal(dev_scale_decode(p, &img, &r, &err), 0);
	assert_true(r.gross == 1250000);
	assert_true(r.net == -30000);
	assert_true(r.tare == 1280000);
	assert_int_equal(r.has, DEV_HAS_GROSS | DEV_HAS_NET | DEV_HAS_TARE);
	assert_int_equal(r.stable, 1);
	assert_int_equal(r.overload, 0);
	assert_string_equal(r.unit, "kg");
	/* Bit 2 (max weight exceeded), no stability. */
	h[6] = 0x0004;
	assert_int_equal(dev_scale_decode(p, &img, &r, &err), 0);
	assert_int_equal(r.stable, 0);
	assert_int_equal(r.overload, 1);
	assert_true(r.net == 30000);
	/* A short read is an error, not a reading. */
	img.nholding = 9;
	assert_int_equal(dev_scale_decode(p, &img, &r, &err),
	    WMS_ERR_INVALID);
	assert_non_null(strstr(err.msg, "net"));
	dev_profile_free(p);
}

/*
 * HBM WTX120: net 0-1, gross 2-3 (s32), weight status 4, word 5 with
 * decimals in bits 4-6 and unit in bits 7-8.  Word 5 = 0x0120:
 * decimals 2, unit 2 (t).  Gross 12.34 t = raw 1234 = 0x04D2; net
 * -0.50 t = raw -50 = 0xFFFFFFCE.  Weight status 0x0018: moving (bit 4),
 * limit status bits 2-3 = 2 (overload).
 */
static void
dev_scale_decode__hbm__decimals_and_unit_from_status(void **state)
{
	struct dev_profile	*p;
	struct dev_image	 img = { 0 };
	struct dev_reading	 r;
	struct wms_err		 err;
	uint16_t		 h[38] = { 0 };

	(void)state;
	p = load("devices/profiles/hbm-wtx120.ini");
	h[0] = 0xFFFF, h[1] = 0xFFCE;
	h[2] = 0x0000, h[3] = 0x04D2;
	h[4] = 0x0018;
	h[5] = 0x0120;
	img.holding = h;
	img.nholding = 38;
	assert_int_equal(dev_scale_decode(p, &img, &r, &err), 0);
	assert_int_equal(r.decimals, 2);
	assert_string_equal(r.unit, "t");
	assert_true(r.gross == 12340);
	assert_true(r.net == -500);
	assert_true(r.tare == 12840);
	assert_int_equal(r.stable, 0);
	assert_int_equal(r.overload, 1);
	assert_int_equal(r.underload, 0);
	/* Limit status 1: underload; not moving. */
	h[4] = 0x0004;
	assert_int_equal(dev_scale_decode(p, &img, &r, &err), 0);
	assert_int_equal(r.stable, 1);
	assert_int_equal(r.underload, 1);
	assert_int_equal(r.overload, 0);
	/* Unit code 3 in bits 7-8 is lb: 0x01A0 = decimals 2, unit 3. */
	h[5] = 0x01A0;
	assert_int_equal(dev_scale_decode(p, &img, &r, &err), 0);
	assert_string_equal(r.unit, "lb");
	/* Decimals 7 (bits 4-6 all set) is not a decimal count. */
	h[5] = 0x0070;
	assert_int_equal(dev_scale_decode(p, &img, &r, &err),
	    WMS_ERR_INVALID);
	assert_non_null(strstr(err.msg, "decimals code 7"));
	dev_profile_free(p);
}

/* Flintec: gross 100.000 kg as 100000 (00 01 86 A0) with decimals 0. */
static void
dev_scale_decode__flintec_and_dini(void **state)
{
	struct dev_profile	*p;
	struct dev_image	 img = { 0 };
	struct dev_reading	 r;
	struct wms_err		 err;
	uint16_t		 h[16] = { 0 }, in[8] = { 0 };

	(void)state;
	p = load("devices/profiles/flintec-ft11.ini");
	h[5] = 0x0001, h[6] = 0x86A0;		/* gross 100000 */
	h[3] = 0x0000, h[4] = 0x2710;		/* tare 10000 */
	h[2] = 0x0006;				/* D1 data OK, D2 motion */
	img.holding = h;
	img.nholding = 16;
	assert_int_equal(dev_scale_decode(p, &img, &r, &err), 0);
	assert_true(r.gross == 100000000);
	assert_true(r.tare == 10000000);
	assert_true(r.net == 90000000);
	assert_int_equal(r.stable, 0);
	assert_int_equal(r.error, 0);
	/* Error code 2 in D13-D15 (ADC over range), data not OK. */
	h[2] = 0x4000;
	assert_int_equal(dev_scale_decode(p, &img, &r, &err), 0);
	assert_int_equal(r.stable, 1);
	assert_int_equal(r.error, 1);
	assert_int_equal(r.overload, 1);
	dev_profile_free(p);

	/* Dini DGT4X input registers: gross 1000 (00 00 03 E8), net sign. */
	p = load("devices/profiles/dini-dgt4x.ini");
	in[0] = 0x0000, in[1] = 0x03E8;
	in[2] = 0x0000, in[3] = 0x0064;
	in[4] = 0x0005;				/* net negative, stable */
	img.holding = NULL;
	img.nholding = 0;
	img.input = in;
	img.ninput = 8;
	assert_int_equal(dev_scale_decode(p, &img, &r, &err), 0);
	assert_true(r.gross == 1000000);
	assert_true(r.net == -100000);
	assert_int_equal(r.stable, 1);
	dev_profile_free(p);
}

/* The generic profile round trip: the simulator's way of filling it. */
static void
dev_scale_decode__generic__encode_then_decode(void **state)
{
	struct dev_profile	*p;
	struct dev_image	 img = { 0 };
	struct dev_reading	 r;
	struct wms_err		 err;
	uint16_t		 h[16] = { 0 }, status = 0;

	(void)state;
	p = load("devices/profiles/generic.ini");
	h[7] = 3;				/* 3 decimals, kg */
	put(p, h, DEV_VALUE_GROSS, 3, 215500, &status, 0);
	put(p, h, DEV_VALUE_TARE, 3, 15250, &status, 0);
	put(p, h, DEV_VALUE_NET, 3, 200250, &status, 0);
	h[6] = 0x0001;
	img.holding = h;
	img.nholding = 16;
	assert_int_equal(dev_scale_decode(p, &img, &r, &err), 0);
	assert_true(r.gross == 215500 && r.tare == 15250 && r.net == 200250);
	assert_int_equal(r.stable, 1);
	assert_string_equal(r.unit, "kg");
	dev_profile_free(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(shipped__every_profile__parses),
		cmocka_unit_test(shipped__flintec__map_as_the_manual),
		cmocka_unit_test(load__missing_file__io_error),
		cmocka_unit_test(parse__minimal_and_defaults),
		cmocka_unit_test(refused__unknown_section),
		cmocka_unit_test(refused__unknown_key),
		cmocka_unit_test(refused__missing_required_key),
		cmocka_unit_test(refused__bad_number),
		cmocka_unit_test(refused__address_out_of_range),
		cmocka_unit_test(refused__bad_enum),
		cmocka_unit_test(refused__reference_to_missing_register),
		cmocka_unit_test(refused__bits_out_of_range),
		cmocka_unit_test(refused__overlapping_command),
		cmocka_unit_test(refused__duplicate_key_or_section),
		cmocka_unit_test(refused__not_an_ini_line),
		cmocka_unit_test(refused__long_line_and_nul),
		cmocka_unit_test(refused__outside_a_section),
		cmocka_unit_test(refused__sign_bit_rules),
		cmocka_unit_test(refused__decimals_and_unit_rules),
		cmocka_unit_test(refused__kind_sections),
		cmocka_unit_test(refused__command_rules),
		cmocka_unit_test(refused__scanner_rules),
		cmocka_unit_test(dev_scale_decode__laumas__sign_bits),
		cmocka_unit_test(
		    dev_scale_decode__hbm__decimals_and_unit_from_status),
		cmocka_unit_test(dev_scale_decode__flintec_and_dini),
		cmocka_unit_test(dev_scale_decode__generic__encode_then_decode),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
