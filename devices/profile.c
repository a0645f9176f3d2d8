/* Device profiles: a scale's or scanner's register map, read from an INI file. */
#include <assert.h>
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/datafile.h"
#include "lib/i18n.h"
#include "lib/ini.h"
#include "lib/text.h"
#include "lib/xmalloc.h"
#include "devices/profile.h"

#define PROFILE_MAX_BYTES	(1024 * 1024)

struct pctx {
	struct wms_ini		 ini;
	struct dev_profile	*prof;
};

static const char *const value_names[] = { "gross", "net", "tare" };
static const char *const command_names[] = { "zero", "tare", "gross", "clear" };
static const char *const units[] = { "kg", "g", "t", "lb", "oz", "N" };

static const char *const device_keys[] = { "name", "kind", "source",
    "holding_base", "input_base", "words", "response_timeout_ms",
    "byte_timeout_ms", "write_function", "output_image", NULL };
static const char *const register_keys[] = { "table", "address", "type",
    "words", NULL };
static const char *const value_keys[] = { "table", "address", "type",
    "words", "decimals", "sign", NULL };
static const char *const scale_keys[] = { "decimals", "decimals_map", "unit",
    "unit_map", "stable", "overload", "underload", "error", NULL };
static const char *const command_keys[] = { "address", "value", "release",
    "ack", "ok", "counter", NULL };
static const char *const scanner_keys[] = { "sequence", "ready", "length",
    "data_table", "data_address", "data_registers", "bytes", "ack_address",
    "ack_value", NULL };

const char *
dev_value_name(enum dev_value_id id)
{
	assert((size_t)id < DEV_VALUE_COUNT);
	return value_names[id];
}

const char *
dev_command_name(enum dev_command_id id)
{
	assert((size_t)id < DEV_COMMAND_COUNT);
	return command_names[id];
}

#define SECTIONS	"use [device], [register.NAME], [value.gross], " \
	"[value.net], [value.tare], [scale], [command.zero], " \
	"[command.tare], [command.gross], [command.clear] or [scanner]"

/* Whether s is NAME.suffix with suffix a name: lowercase, digits, '_'. */
static const char *
section_suffix(const char *section, const char *prefix)
{
	size_t		 n = strlen(prefix);
	const char	*s;

	if (strncmp(section, prefix, n) != 0 || section[n] != '.')
		return NULL;
	s = section + n + 1;
	if (*s == '\0' || strlen(s) > 31)
		return NULL;
	for (; *s != '\0'; s++)
		if (!islower((unsigned char)*s) && !isdigit((unsigned char)*s)
		    && *s != '_')
			return NULL;
	return section + n + 1;
}

/* The allowed keys of a section, or NULL when the section is unknown. */
static const char *const *
section_keys(const char *section)
{
	const char *s;

	if (strcmp(section, "device") == 0)
		return device_keys;
	if (strcmp(section, "scale") == 0)
		return scale_keys;
	if (strcmp(section, "scanner") == 0)
		return scanner_keys;
	if (section_suffix(section, "register") != NULL)
		return register_keys;
	if ((s = section_suffix(section, "value")) != NULL)
		return wms_str_index(value_names, DEV_VALUE_COUNT, s) >= 0 ?
		    value_keys : NULL;
	if ((s = section_suffix(section, "command")) != NULL)
		return wms_str_index(command_names, DEV_COMMAND_COUNT, s) >= 0 ?
		    command_keys : NULL;
	return NULL;
}

static const struct wms_ini_spec profile_ini = {
	section_keys,
	SECTIONS,		/* not marked: po/ar.po has none yet */
	N_(" or "),
	N_("%s = %s is outside a section: start with [device]"),
	N_("%s given again in [%s] (first at line %d; indented lines "
	    "continue the line above)"),
	N_("not a profile line: use [section] or key = value"),
	N_("a NUL byte: a profile is text"),
};

/* A decimal or 0x hexadecimal number in lo..hi. */
static int
num(struct pctx *x, const struct wms_ini_ent *e, long lo, long hi, long *out)
{
	const char	*s = e->value;
	char		*end;
	long		 v;
	int		 base = 10;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		base = 16;
	errno = 0;
	v = strtol(s, &end, base);
	if (*s == '\0' || isspace((unsigned char)*s) || *s == '+' ||
	    end == s || *end != '\0' || errno != 0 || v < lo || v > hi)
		return wms_ini_bad(&x->ini, e->line, _("%s = %s: use a whole "
		    "number from %ld to %ld"), e->key, e->value, lo, hi);
	*out = v;
	return 0;
}

/* One of the n names; the index in *out. */
static int
pick(struct pctx *x, const struct wms_ini_ent *e, const char *const *names,
    size_t n, int *out)
{
	return wms_ini_pick(&x->ini, e, names, n, _(" or "), out);
}

static const char *const table_names[] = { "holding", "input" };
static const char *const words_list[] = { "ABCD", "CDAB", "BADC", "DCBA" };
static const char *const type_list[] = { "u16", "s16", "u32", "s32",
    "u16+sign", "u32+sign", "float32" };

/* The wire address of the n registers written as e in table t. */
static int
address(struct pctx *x, const struct wms_ini_ent *e, enum dev_table t, long n,
    uint16_t *out)
{
	long	base, v;

	base = t == DEV_TABLE_HOLDING ? (long)x->prof->holding_base :
	    (long)x->prof->input_base;
	if (num(x, e, 0, 65535 + base, &v) != 0)
		return -1;
	if (v < base || v - base + n - 1 > 65535)
		return wms_ini_bad(&x->ini, e->line, _("%s = %s: with %s_base "
		    "= %ld the %s register%s must lie in %ld to %ld"), e->key,
		    e->value, table_names[t], base, n == 1 ? "" : "s",
		    n == 1 ? "" : "s", base, 65535 + base - (n - 1));
	*out = (uint16_t)(v - base);
	return 0;
}

static int
find_reg(struct pctx *x, const char *name, size_t len)
{
	size_t	i;

	for (i = 0; i < x->prof->nregs; i++)
		if (strlen(x->prof->regs[i].name) == len &&
		    strncmp(x->prof->regs[i].name, name, len) == 0)
			return (int)i;
	return -1;
}

/* Parse an unsigned decimal from *sp; advance it. */
static int
scan_uint(const char **sp, unsigned long max, unsigned long *out)
{
	const char	*s = *sp;
	char		*end;
	unsigned long	 v;

	if (!isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno != 0 || v > max)
		return -1;
	*sp = end;
	*out = v;
	return 0;
}

/*
 * A field "REG:BIT" or "REG:LO-HI" at s, ending at the end of the value or
 * at a flag's "=V"; form is the syntax named when it is wrong.
 */
static int
field(struct pctx *x, const struct wms_ini_ent *e, const char *s,
    struct dev_field *f, const char *form)
{
	const char	*colon;
	unsigned long	 lo, hi;
	int		 r;

	colon = strchr(s, ':');
	if (colon == NULL)
		goto syntax;
	if ((r = find_reg(x, s, (size_t)(colon - s))) < 0)
		return wms_ini_bad(&x->ini, e->line, _("%s = %s: no "
		    "[register.%.*s] in this profile"), e->key, e->value,
		    (int)(colon - s), s);
	s = colon + 1;
	if (scan_uint(&s, 31, &lo) != 0)
		goto syntax;
	hi = lo;
	if (*s == '-') {
		s++;
		if (scan_uint(&s, 31, &hi) != 0)
			goto syntax;
	}
	if (*s != '\0' && *s != '=')
		goto syntax;
	if (lo > hi || hi >= 16u * (unsigned)x->prof->regs[r].nregs)
		return wms_ini_bad(&x->ini, e->line, _("%s = %s: bits %lu-%lu "
		    "do not fit register %s (bits 0 to %d)"), e->key, e->value,
		    lo, hi, x->prof->regs[r].name,
		    16 * x->prof->regs[r].nregs - 1);
	f->reg = r;
	f->lo = (unsigned)lo;
	f->hi = (unsigned)hi;
	return 0;
syntax:
	return wms_ini_bad(&x->ini, e->line, _("%s = %s: use %s"), e->key,
	    e->value, form);
}

#define FLAG_FORM	"REGISTER:BIT, !REGISTER:BIT or REGISTER:LO-HI=VALUE"
#define FIELD_FORM	"REGISTER:BIT or REGISTER:LO-HI"

/* A field with nothing after it. */
static int
field_only(struct pctx *x, const struct wms_ini_ent *e, struct dev_field *f)
{
	if (strchr(e->value, '=') != NULL || e->value[0] == '!')
		return wms_ini_bad(&x->ini, e->line, _("%s = %s: use %s"),
		    e->key, e->value, FIELD_FORM);
	return field(x, e, e->value, f, FIELD_FORM);
}

/* "[!]REG:BIT" or "REG:LO-HI=V". */
static int
flag(struct pctx *x, const struct wms_ini_ent *e, struct dev_flag *fl)
{
	const char	*s = e->value, *eq;
	unsigned long	 v;
	unsigned	 width;
	int		 neg = 0;

	if (*s == '!') {
		neg = 1;
		s++;
	}
	if (field(x, e, s, &fl->field, FLAG_FORM) != 0)
		return -1;
	eq = strchr(s, '=');
	if (eq == NULL) {
		if (fl->field.lo != fl->field.hi)
			return wms_ini_bad(&x->ini, e->line, _("%s = %s: a "
			    "range of bits needs =VALUE: use %s"), e->key,
			    e->value, FLAG_FORM);
		fl->want = neg ? 0 : 1;
		return 0;
	}
	s = eq + 1;
	if (neg || scan_uint(&s, UINT32_MAX, &v) != 0 || *s != '\0')
		return wms_ini_bad(&x->ini, e->line, _("%s = %s: use %s"),
		    e->key, e->value, FLAG_FORM);
	width = fl->field.hi - fl->field.lo + 1;
	if (width < 32 && v >> width != 0)
		return wms_ini_bad(&x->ini, e->line, _("%s = %s: %lu does not "
		    "fit in %u bits"), e->key, e->value, v, width);
	fl->want = (uint32_t)v;
	return 0;
}

/* Whether a field's value can reach key (it fits the field's width). */
static int
fits(const struct dev_field *f, unsigned long key)
{
	unsigned	width = f->hi - f->lo + 1;

	return width >= 32 || key >> width == 0;
}

/*
 * "KEY:VALUE KEY:VALUE ..." (spaces or commas between); values are
 * decimals (0-6) when units is 0, else unit names.
 */
static int
map(struct pctx *x, const struct wms_ini_ent *e, const struct dev_field *f,
    int is_unit, struct dev_map *m, size_t *nm)
{
	const char	*s = e->value, *start;
	unsigned long	 k, d;
	size_t		 i, n = 0, len;
	char		 allowed[100];

	for (;;) {
		while (*s == ' ' || *s == ',' || *s == '\t')
			s++;
		if (*s == '\0')
			break;
		if (n == DEV_MAP_MAX)
			return wms_ini_bad(&x->ini, e->line, _("%s: at most %d "
			    "entries"), e->key, DEV_MAP_MAX);
		if (scan_uint(&s, UINT32_MAX, &k) != 0 || *s++ != ':')
			goto syntax;
		if (!fits(f, k))
			return wms_ini_bad(&x->ini, e->line, _("%s = %s: %lu "
			    "does not fit in the field's %u bits"), e->key,
			    e->value, k, f->hi - f->lo + 1);
		for (i = 0; i < n; i++)
			if (m[i].key == k)
				return wms_ini_bad(&x->ini, e->line, _("%s = "
				    "%s: %lu is given twice"), e->key, e->value,
				    k);
		memset(&m[n], 0, sizeof m[n]);
		m[n].key = (uint32_t)k;
		if (!is_unit) {
			if (scan_uint(&s, DEV_DECIMALS_MAX, &d) != 0)
				return wms_ini_bad(&x->ini, e->line, _("%s = "
				    "%s: decimals go from 0 to 6"), e->key,
				    e->value);
			m[n].decimals = (int)d;
		} else {
			start = s;
			while (*s != '\0' && *s != ' ' && *s != ',' &&
			    *s != '\t')
				s++;
			len = (size_t)(s - start);
			for (i = 0; i < sizeof units / sizeof units[0]; i++)
				if (strlen(units[i]) == len &&
				    strncmp(units[i], start, len) == 0)
					break;
			if (i == sizeof units / sizeof units[0]) {
				wms_ini_list_text(units,
				    sizeof units / sizeof units[0], _(" or "),
				    allowed, sizeof allowed);
				return wms_ini_bad(&x->ini, e->line, _("%s = "
				    "%s: units are %s"), e->key, e->value,
				    allowed);
			}
			snprintf(m[n].unit, sizeof m[n].unit, "%s", units[i]);
		}
		if (*s != '\0' && *s != ' ' && *s != ',' && *s != '\t')
			goto syntax;
		n++;
	}
	if (n == 0)
		goto syntax;
	*nm = n;
	return 0;
syntax:
	return wms_ini_bad(&x->ini, e->line, _("%s = %s: use FIELD-VALUE:%s "
	    "pairs, as in %s"), e->key, e->value, is_unit ? "UNIT" : "DECIMALS",
	    is_unit ? "0:kg 1:g 2:t 3:lb" : "1:4 2:3 4:2 8:1 16:0");
}

static void
no_field(struct dev_field *f)
{
	f->reg = -1;
	f->lo = f->hi = 0;
}

static void
no_flag(struct dev_flag *f)
{
	no_field(&f->field);
	f->want = 0;
}

/* An optional flag: unset when the key is absent. */
static int
opt_flag(struct pctx *x, const char *section, const char *key,
    struct dev_flag *fl)
{
	struct wms_ini_ent	*e;

	no_flag(fl);
	if ((e = wms_ini_get(&x->ini, section, key)) == NULL)
		return 0;
	return flag(x, e, fl);
}

/* The table key, default holding. */
static int
table_of(struct pctx *x, const char *section, const char *key,
    enum dev_table *t)
{
	struct wms_ini_ent	*e;
	int		 i;

	*t = DEV_TABLE_HOLDING;
	if ((e = wms_ini_get(&x->ini, section, key)) == NULL)
		return 0;
	if (pick(x, e, table_names, 2, &i) != 0)
		return -1;
	*t = (enum dev_table)i;
	return 0;
}

/* The words key, default the device's. */
static int
words_of(struct pctx *x, const char *section, enum dev_words *w)
{
	struct wms_ini_ent	*e;
	int		 i;

	*w = x->prof->words;
	if ((e = wms_ini_get(&x->ini, section, "words")) == NULL)
		return 0;
	if (pick(x, e, words_list, 4, &i) != 0)
		return -1;
	*w = (enum dev_words)i;
	return 0;
}

static int
parse_device(struct pctx *x)
{
	struct dev_profile	*p = x->prof;
	static const char *const kinds[] = { "scale", "scanner" };
	static const char *const hbases[] = { "0", "1", "40001" };
	static const char *const ibases[] = { "0", "1", "30001" };
	static const char *const fcs[] = { "fc16", "fc06" };
	static const char *const images[] = { "shared", "separate" };
	static const unsigned hb[] = { 0, 1, 40001 }, ib[] = { 0, 1, 30001 };
	struct wms_ini_ent		*e;
	long			 v;
	int			 i;

	if (wms_ini_sec_line(&x->ini, "device") == 0)
		return wms_ini_bad(&x->ini, 1, _("no [device] section: a "
		    "profile starts with [device] and name, kind and source"));
	if ((e = wms_ini_need(&x->ini, "device", "name", "the device's "
	    "model")) == NULL)
		return -1;
	p->name = xstrdup(e->value);
	if ((e = wms_ini_need(&x->ini, "device", "source", "the manual the map "
	    "comes from")) == NULL)
		return -1;
	p->source = xstrdup(e->value);
	if ((e = wms_ini_need(&x->ini, "device", "kind", "scale or scanner")) ==
	    NULL || pick(x, e, kinds, 2, &i) != 0)
		return -1;
	p->kind = (enum dev_kind)i;
	if ((e = wms_ini_get(&x->ini, "device", "holding_base")) != NULL) {
		if (pick(x, e, hbases, 3, &i) != 0)
			return -1;
		p->holding_base = hb[i];
	}
	if ((e = wms_ini_get(&x->ini, "device", "input_base")) != NULL) {
		if (pick(x, e, ibases, 3, &i) != 0)
			return -1;
		p->input_base = ib[i];
	}
	p->words = DEV_WORDS_ABCD;
	if (words_of(x, "device", &p->words) != 0)
		return -1;
	p->response_timeout_ms = 500;
	if ((e = wms_ini_get(&x->ini, "device", "response_timeout_ms")) !=
	    NULL) {
		if (num(x, e, 1, 60000, &v) != 0)
			return -1;
		p->response_timeout_ms = (int)v;
	}
	p->byte_timeout_ms = 0;
	if ((e = wms_ini_get(&x->ini, "device", "byte_timeout_ms")) != NULL) {
		if (num(x, e, 0, 60000, &v) != 0)
			return -1;
		p->byte_timeout_ms = (int)v;
	}
	p->write_multiple = 1;
	if ((e = wms_ini_get(&x->ini, "device", "write_function")) != NULL) {
		if (pick(x, e, fcs, 2, &i) != 0)
			return -1;
		p->write_multiple = i == 0;
	}
	if ((e = wms_ini_get(&x->ini, "device", "output_image")) != NULL) {
		if (pick(x, e, images, 2, &i) != 0)
			return -1;
		p->separate_output = i == 1;
	}
	return 0;
}

static int
parse_registers(struct pctx *x)
{
	struct dev_profile	*p = x->prof;
	static const char *const rtypes[] = { "u16", "u32" };
	struct dev_reg		*r;
	struct wms_ini_ent		*e;
	const char		*name;
	size_t			 i;
	int			 t;

	for (i = 0; i < x->ini.nsecs; i++) {
		if ((name = section_suffix(x->ini.secs[i].name, "register")) ==
		    NULL)
			continue;
		p->regs = xreallocarray(p->regs, p->nregs + 1,
		    sizeof *p->regs);
		r = &p->regs[p->nregs++];
		memset(r, 0, sizeof *r);
		r->name = xstrdup(name);
		r->nregs = 1;
		if ((e = wms_ini_get(&x->ini, x->ini.secs[i].name, "type")) !=
		    NULL) {
			if (pick(x, e, rtypes, 2, &t) != 0)
				return -1;
			r->nregs = t + 1;
		}
		if ((e = wms_ini_need(&x->ini, x->ini.secs[i].name, "table",
		    "holding or input")) == NULL ||
		    table_of(x, x->ini.secs[i].name, "table", &r->table) != 0 ||
		    words_of(x, x->ini.secs[i].name, &r->words) != 0 ||
		    (e = wms_ini_need(&x->ini, x->ini.secs[i].name, "address",
		    "the register number")) == NULL ||
		    address(x, e, r->table, r->nregs, &r->address) != 0)
			return -1;
	}
	return 0;
}

static int
parse_value(struct pctx *x, const char *section, struct dev_value *v)
{
	struct wms_ini_ent	*e;
	long		 d;
	int		 t;

	v->present = 1;
	v->decimals = -1;
	no_flag(&v->sign);
	if ((e = wms_ini_need(&x->ini, section, "table", "holding or input")) ==
	    NULL ||
	    table_of(x, section, "table", &v->table) != 0 ||
	    words_of(x, section, &v->words) != 0)
		return -1;
	if ((e = wms_ini_need(&x->ini, section, "type", "u16, s16, u32, s32, "
	    "u16+sign, u32+sign or float32")) == NULL ||
	    pick(x, e, type_list, 7, &t) != 0)
		return -1;
	v->type = (enum dev_type)t;
	if ((e = wms_ini_need(&x->ini, section, "address", "the register "
	    "number")) == NULL ||
	    address(x, e, v->table, dev_type_regs(v->type), &v->address) != 0)
		return -1;
	if ((e = wms_ini_get(&x->ini, section, "decimals")) != NULL) {
		if (num(x, e, 0, DEV_DECIMALS_MAX, &d) != 0)
			return -1;
		v->decimals = (int)d;
	}
	e = wms_ini_get(&x->ini, section, "sign");
	if (dev_type_signed_by_flag(v->type)) {
		if (e == NULL)
			return wms_ini_bad(&x->ini, wms_ini_sec_line(&x->ini,
			    section), _("[%s] type %s needs sign = %s (the bit "
			    "set when negative)"), section,
			    dev_type_name(v->type), FLAG_FORM);
		return flag(x, e, &v->sign);
	}
	if (e != NULL)
		return wms_ini_bad(&x->ini, e->line, _("sign = %s: only a "
		    "u16+sign or u32+sign value has a sign bit, not %s"),
		    e->value, dev_type_name(v->type));
	return 0;
}

static int
parse_command(struct pctx *x, const char *section, struct dev_command *c)
{
	struct wms_ini_ent	*e;
	long		 v;

	c->present = 1;
	c->release = -1;
	no_field(&c->counter);
	if ((e = wms_ini_need(&x->ini, section, "address", "a holding "
	    "register")) == NULL ||
	    address(x, e, DEV_TABLE_HOLDING, 1, &c->address) != 0)
		return -1;
	if ((e = wms_ini_need(&x->ini, section, "value", "the code to "
	    "write")) == NULL ||
	    num(x, e, 0, 65535, &v) != 0)
		return -1;
	c->value = (uint16_t)v;
	if ((e = wms_ini_get(&x->ini, section, "release")) != NULL) {
		if (num(x, e, 0, 65535, &v) != 0)
			return -1;
		c->release = (int32_t)v;
	}
	if (opt_flag(x, section, "ack", &c->ack) != 0 ||
	    opt_flag(x, section, "ok", &c->ok) != 0)
		return -1;
	if ((e = wms_ini_get(&x->ini, section, "counter")) != NULL) {
		if (field_only(x, e, &c->counter) != 0)
			return -1;
		if (c->ack.field.reg >= 0)
			return wms_ini_bad(&x->ini, e->line, _("counter = %s: "
			    "[%s] already has ack; use one of them"), e->value,
			    section);
	}
	return 0;
}

static int
parse_scale(struct pctx *x)
{
	struct dev_scale	*s = &x->prof->scale;
	char			 section[48];
	struct wms_ini_ent		*e, *m;
	long			 d;
	size_t			 i, n;
	char			 allowed[100];

	no_field(&s->decimals_field);
	no_field(&s->unit_field);
	if (wms_ini_sec_line(&x->ini, "scanner") != 0)
		return wms_ini_bad(&x->ini, wms_ini_sec_line(&x->ini,
		    "scanner"), _("[scanner] in a profile of kind scale"));
	if (wms_ini_sec_line(&x->ini, "scale") == 0)
		return wms_ini_bad(&x->ini, wms_ini_sec_line(&x->ini, "device"),
		    _("kind = scale needs a [scale] section with decimals, "
		    "unit and stable"));
	if ((e = wms_ini_need(&x->ini, "scale", "decimals", "0 to 6 or "
	    "REGISTER:LO-HI")) == NULL)
		return -1;
	m = wms_ini_get(&x->ini, "scale", "decimals_map");
	if (isdigit((unsigned char)e->value[0])) {
		if (num(x, e, 0, DEV_DECIMALS_MAX, &d) != 0)
			return -1;
		s->decimals = (int)d;
		if (m != NULL)
			return wms_ini_bad(&x->ini, m->line, _("decimals_map: "
			    "decimals = %s is fixed; a map goes with decimals "
			    "= REGISTER:LO-HI"), e->value);
	} else {
		s->decimals = -1;
		if (field_only(x, e, &s->decimals_field) != 0)
			return -1;
		if (m != NULL && map(x, m, &s->decimals_field, 0,
		    s->decimals_map, &s->ndecimals_map) != 0)
			return -1;
	}
	if ((e = wms_ini_need(&x->ini, "scale", "unit", "kg, g, t, lb, oz, N "
	    "or REGISTER:LO-HI")) == NULL)
		return -1;
	m = wms_ini_get(&x->ini, "scale", "unit_map");
	if (strchr(e->value, ':') == NULL) {
		for (i = 0; i < sizeof units / sizeof units[0]; i++)
			if (strcmp(e->value, units[i]) == 0)
				break;
		if (i == sizeof units / sizeof units[0]) {
			wms_ini_list_text(units, sizeof units / sizeof units[0],
			    _(" or "), allowed, sizeof allowed);
			return wms_ini_bad(&x->ini, e->line, _("unit = %s: use "
			    "%s, or REGISTER:LO-HI with unit_map"), e->value,
			    allowed);
		}
		snprintf(s->unit, sizeof s->unit, "%s", units[i]);
		if (m != NULL)
			return wms_ini_bad(&x->ini, m->line, _("unit_map: unit "
			    "= %s is fixed; a map goes with unit = "
			    "REGISTER:LO-HI"), e->value);
	} else {
		if (field_only(x, e, &s->unit_field) != 0)
			return -1;
		if (m == NULL)
			return wms_ini_bad(&x->ini, e->line, _("unit = %s: a "
			    "unit from a register needs unit_map = VALUE:UNIT "
			    "..."), e->value);
		if (map(x, m, &s->unit_field, 1, s->unit_map,
		    &s->nunit_map) != 0)
			return -1;
	}
	if ((e = wms_ini_need(&x->ini, "scale", "stable", FLAG_FORM)) == NULL ||
	    flag(x, e, &s->stable) != 0 ||
	    opt_flag(x, "scale", "overload", &s->overload) != 0 ||
	    opt_flag(x, "scale", "underload", &s->underload) != 0 ||
	    opt_flag(x, "scale", "error", &s->error) != 0)
		return -1;
	for (i = n = 0; i < DEV_VALUE_COUNT; i++) {
		snprintf(section, sizeof section, "value.%s", value_names[i]);
		if (wms_ini_sec_line(&x->ini, section) == 0)
			continue;
		if (parse_value(x, section, &s->value[i]) != 0)
			return -1;
		n++;
	}
	if (!s->value[DEV_VALUE_GROSS].present &&
	    !s->value[DEV_VALUE_NET].present)
		return wms_ini_bad(&x->ini, wms_ini_sec_line(&x->ini, "scale"),
		    _("a scale needs [value.gross] or [value.net]"));
	for (i = 0; i < DEV_COMMAND_COUNT; i++) {
		snprintf(section, sizeof section, "command.%s",
		    command_names[i]);
		if (wms_ini_sec_line(&x->ini, section) != 0 &&
		    parse_command(x, section, &s->command[i]) != 0)
			return -1;
	}
	return 0;
}

static int
parse_scanner(struct pctx *x)
{
	struct dev_scanner	*s = &x->prof->scanner;
	static const char *const orders[] = { "hi-lo", "lo-hi" };
	struct wms_ini_ent		*e, *r;
	long			 v;
	size_t			 i;
	int			 o;

	for (i = 0; i < x->ini.nsecs; i++)
		if (strcmp(x->ini.secs[i].name, "scale") == 0 ||
		    strncmp(x->ini.secs[i].name, "value.", 6) == 0 ||
		    strncmp(x->ini.secs[i].name, "command.", 8) == 0)
			return wms_ini_bad(&x->ini, x->ini.secs[i].line,
			    _("[%s] in a profile of kind scanner"),
			    x->ini.secs[i].name);
	if (wms_ini_sec_line(&x->ini, "scanner") == 0)
		return wms_ini_bad(&x->ini, wms_ini_sec_line(&x->ini, "device"),
		    _("kind = scanner needs a [scanner] section"));
	s->sequence = -1;
	no_flag(&s->ready);
	e = wms_ini_get(&x->ini, "scanner", "sequence");
	r = wms_ini_get(&x->ini, "scanner", "ready");
	if ((e == NULL) == (r == NULL))
		return wms_ini_bad(&x->ini, e != NULL ? r->line :
		    wms_ini_sec_line(&x->ini, "scanner"),
		    _("[scanner] needs either sequence = REGISTER (a read "
		    "counter) or ready = %s, not both"), FLAG_FORM);
	if (e != NULL &&
	    (s->sequence = find_reg(x, e->value, strlen(e->value))) < 0)
		return wms_ini_bad(&x->ini, e->line, _("sequence = %s: no "
		    "[register.%s] in this profile"), e->value, e->value);
	if (r != NULL && flag(x, r, &s->ready) != 0)
		return -1;
	if ((e = wms_ini_need(&x->ini, "scanner", "length", "REGISTER (bytes "
	    "of data)")) == NULL)
		return -1;
	if ((s->length = find_reg(x, e->value, strlen(e->value))) < 0)
		return wms_ini_bad(&x->ini, e->line, _("length = %s: no "
		    "[register.%s] in this profile"), e->value, e->value);
	if ((e = wms_ini_need(&x->ini, "scanner", "data_registers", "1 to "
	    "2048")) == NULL || num(x, e, 1, 2048, &v) != 0)
		return -1;
	s->data_registers = (uint16_t)v;
	if (wms_ini_need(&x->ini, "scanner", "data_table", "holding or "
	    "input") == NULL ||
	    table_of(x, "scanner", "data_table", &s->data_table) != 0 ||
	    (e = wms_ini_need(&x->ini, "scanner", "data_address", "the first "
	    "data register")) == NULL ||
	    address(x, e, s->data_table, v, &s->data_address) != 0)
		return -1;
	if ((e = wms_ini_need(&x->ini, "scanner", "bytes", "hi-lo or lo-hi")) ==
	    NULL || pick(x, e, orders, 2, &o) != 0)
		return -1;
	s->low_byte_first = o;
	if ((e = wms_ini_need(&x->ini, "scanner", "ack_address", "a holding "
	    "register")) == NULL ||
	    address(x, e, DEV_TABLE_HOLDING, 1, &s->ack_address) != 0)
		return -1;
	if ((e = wms_ini_need(&x->ini, "scanner", "ack_value", "sequence or 0 "
	    "to 65535")) == NULL)
		return -1;
	if (strcmp(e->value, "sequence") == 0) {
		if (s->sequence < 0)
			return wms_ini_bad(&x->ini, e->line, _("ack_value = "
			    "sequence: [scanner] has no sequence register"));
		s->ack_value = -1;
	} else {
		if (num(x, e, 0, 65535, &v) != 0)
			return -1;
		s->ack_value = (int32_t)v;
	}
	return 0;
}

/* A holding range read by the profile, for the overlap check. */
struct span {
	const char	*what;
	unsigned	 lo, hi;
};

static size_t
read_spans(const struct dev_profile *p, struct span *sp, size_t max)
{
	size_t	i, n = 0;

	for (i = 0; i < p->nregs && n < max; i++)
		if (p->regs[i].table == DEV_TABLE_HOLDING)
			sp[n++] = (struct span){ p->regs[i].name,
			    p->regs[i].address, p->regs[i].address +
			    (unsigned)p->regs[i].nregs - 1 };
	for (i = 0; p->kind == DEV_KIND_SCALE && i < DEV_VALUE_COUNT &&
	    n < max; i++) {
		const struct dev_value *v = &p->scale.value[i];

		if (v->present && v->table == DEV_TABLE_HOLDING)
			sp[n++] = (struct span){ value_names[i], v->address,
			    v->address + (unsigned)dev_type_regs(v->type) - 1 };
	}
	if (p->kind == DEV_KIND_SCANNER && n < max &&
	    p->scanner.data_table == DEV_TABLE_HOLDING)
		sp[n++] = (struct span){ "data", p->scanner.data_address,
		    p->scanner.data_address +
		    (unsigned)p->scanner.data_registers - 1 };
	return n;
}

/* A write to holding register a (written as e) must not hit a read one. */
static int
check_write(struct pctx *x, const struct wms_ini_ent *e, uint16_t a)
{
	struct span	sp[64];
	size_t		i, n;

	if (x->prof->separate_output)
		return 0;
	n = read_spans(x->prof, sp, 64);
	for (i = 0; i < n; i++)
		if (a >= sp[i].lo && a <= sp[i].hi)
			return wms_ini_bad(&x->ini, e->line, _("%s = %s writes "
			    "holding register %u, which is read as %s; use "
			    "another address, or output_image = separate in "
			    "[device] when writes go to a separate image"),
			    e->key, e->value, a, sp[i].what);
	return 0;
}

static int
check_overlaps(struct pctx *x)
{
	struct dev_profile	*p = x->prof;
	char			 section[48];
	size_t			 i;

	if (p->kind == DEV_KIND_SCANNER)
		return check_write(x, wms_ini_get(&x->ini, "scanner",
		    "ack_address"), p->scanner.ack_address);
	for (i = 0; i < DEV_COMMAND_COUNT; i++) {
		if (!p->scale.command[i].present)
			continue;
		snprintf(section, sizeof section, "command.%s",
		    command_names[i]);
		if (check_write(x, wms_ini_get(&x->ini, section, "address"),
		    p->scale.command[i].address) != 0)
			return -1;
	}
	return 0;
}

struct dev_profile *
dev_profile_parse(const char *name, const char *text, size_t len,
    struct wms_err *err)
{
	struct pctx		 x;
	struct dev_profile	*p;
	int			 rc = -1;

	p = x.prof = xcalloc(1, sizeof *p);
	p->file = xstrdup(name);
	if (wms_ini_read(&x.ini, &profile_ini, text, len) != 0)
		goto out;
	if (parse_device(&x) != 0 || parse_registers(&x) != 0)
		goto out;
	if (p->kind == DEV_KIND_SCALE ? parse_scale(&x) : parse_scanner(&x))
		goto out;
	if (check_overlaps(&x) != 0)
		goto out;
	rc = 0;
out:
	if (rc != 0) {
		wms_err_set(err, WMS_ERR_INVALID, _("%s line %d: %s"), name,
		    x.ini.bad_line, x.ini.bad);
		dev_profile_free(p);
		p = NULL;
	}
	wms_ini_free(&x.ini);
	return p;
}

struct dev_profile *
dev_profile_load(const char *path, struct wms_err *err)
{
	struct dev_profile	*p;
	char			*buf;
	size_t			 len;

	if ((buf = wms_datafile_read(path, PROFILE_MAX_BYTES, &len)) == NULL) {
		if (errno == EFBIG)
			wms_err_set(err, WMS_ERR_INVALID, _("%s: larger than %d "
			    "bytes; a profile is a small text file"), path,
			    PROFILE_MAX_BYTES);
		else
			wms_err_set(err, WMS_ERR_IO, _("cannot read profile "
			    "%s: %s"), path, strerror(errno));
		return NULL;
	}
	p = dev_profile_parse(path, buf, len, err);
	free(buf);
	return p;
}

void
dev_profile_free(struct dev_profile *p)
{
	size_t	i;

	if (p == NULL)
		return;
	for (i = 0; i < p->nregs; i++)
		free(p->regs[i].name);
	free(p->regs);
	free(p->file);
	free(p->name);
	free(p->source);
	free(p);
}

/* The n registers at address in table t of img, or NULL. */
static const uint16_t *
image_at(const struct dev_image *img, enum dev_table t, unsigned address,
    unsigned n)
{
	const uint16_t	*base;
	size_t		 len;

	base = t == DEV_TABLE_HOLDING ? img->holding : img->input;
	len = t == DEV_TABLE_HOLDING ? img->nholding : img->ninput;
	if (base == NULL || (size_t)address + n > len)
		return NULL;
	return base + address;
}

/* The value of field f over img into *out; -1 when not in img. */
static int
field_eval(const struct dev_profile *p, const struct dev_field *f,
    const struct dev_image *img, uint32_t *out)
{
	const struct dev_reg	*r = &p->regs[f->reg];
	const uint16_t		*regs;

	if ((regs = image_at(img, r->table, r->address,
	    (unsigned)r->nregs)) == NULL)
		return -1;
	*out = dev_bits_get(regs, r->nregs, r->words, f->lo, f->hi);
	return 0;
}

int
dev_flag_eval(const struct dev_profile *p, const struct dev_flag *f,
    const struct dev_image *img)
{
	uint32_t	v;

	if (f->field.reg < 0)
		return 0;
	if (field_eval(p, &f->field, img, &v) != 0)
		return -1;
	return v == f->want;
}

static int
missing(const struct dev_profile *p, const char *what, struct wms_err *err)
{
	return wms_err_set(err, WMS_ERR_INVALID, _("%s: the registers of %s "
	    "were not read"), p->name, what);
}

int
dev_scale_decode(const struct dev_profile *p, const struct dev_image *img,
    struct dev_reading *out, struct wms_err *err)
{
	const struct dev_scale	*s = &p->scale;
	const struct dev_value	*v;
	const uint16_t		*regs;
	struct dev_reading	 r;
	int64_t			 w[DEV_VALUE_COUNT];
	uint32_t		 k;
	size_t			 i;
	int			 neg, rc;
	int			*flags[] = { &r.stable, &r.overload,
				    &r.underload, &r.error };
	const struct dev_flag	*defs[] = { &s->stable, &s->overload,
				    &s->underload, &s->error };

	assert(p->kind == DEV_KIND_SCALE);
	memset(&r, 0, sizeof r);
	r.decimals = s->decimals;
	if (s->decimals < 0) {
		if (field_eval(p, &s->decimals_field, img, &k) != 0)
			return missing(p, "decimals", err);
		r.decimals = -1;
		if (s->ndecimals_map == 0 && k <= DEV_DECIMALS_MAX)
			r.decimals = (int)k;
		for (i = 0; i < s->ndecimals_map; i++)
			if (s->decimals_map[i].key == k)
				r.decimals = s->decimals_map[i].decimals;
		if (r.decimals < 0)
			return wms_err_set(err, WMS_ERR_INVALID, _("%s: the "
			    "device reports decimals code %lu, which the "
			    "profile does not know"), p->name,
			    (unsigned long)k);
	}
	snprintf(r.unit, sizeof r.unit, "%s", s->unit);
	if (s->unit[0] == '\0') {
		if (field_eval(p, &s->unit_field, img, &k) != 0)
			return missing(p, "unit", err);
		for (i = 0; i < s->nunit_map; i++)
			if (s->unit_map[i].key == k)
				snprintf(r.unit, sizeof r.unit, "%s",
				    s->unit_map[i].unit);
		if (r.unit[0] == '\0')
			return wms_err_set(err, WMS_ERR_INVALID, _("%s: the "
			    "device reports unit code %lu, which the profile "
			    "does not know"), p->name, (unsigned long)k);
	}
	for (i = 0; i < sizeof flags / sizeof flags[0]; i++) {
		if ((*flags[i] = dev_flag_eval(p, defs[i], img)) < 0)
			return missing(p, "the status", err);
	}
	for (i = 0; i < DEV_VALUE_COUNT; i++) {
		v = &s->value[i];
		if (!v->present)
			continue;
		if ((regs = image_at(img, v->table, v->address,
		    (unsigned)dev_type_regs(v->type))) == NULL)
			return missing(p, value_names[i], err);
		neg = 0;
		if (dev_type_signed_by_flag(v->type) &&
		    (neg = dev_flag_eval(p, &v->sign, img)) < 0)
			return missing(p, "a sign bit", err);
		if ((rc = dev_decode(v->type, v->words, v->decimals >= 0 ?
		    v->decimals : r.decimals, regs, neg, &w[i], err)) != 0)
			return rc;
		r.has |= 1u << i;
	}
	if (!(r.has & DEV_HAS_NET) && (r.has & DEV_HAS_GROSS) &&
	    (r.has & DEV_HAS_TARE)) {
		w[DEV_VALUE_NET] = w[DEV_VALUE_GROSS] - w[DEV_VALUE_TARE];
		r.has |= DEV_HAS_NET;
	} else if (!(r.has & DEV_HAS_TARE) && (r.has & DEV_HAS_GROSS) &&
	    (r.has & DEV_HAS_NET)) {
		w[DEV_VALUE_TARE] = w[DEV_VALUE_GROSS] - w[DEV_VALUE_NET];
		r.has |= DEV_HAS_TARE;
	} else if (!(r.has & DEV_HAS_GROSS) && (r.has & DEV_HAS_NET) &&
	    (r.has & DEV_HAS_TARE)) {
		w[DEV_VALUE_GROSS] = w[DEV_VALUE_NET] + w[DEV_VALUE_TARE];
		r.has |= DEV_HAS_GROSS;
	}
	r.gross = r.has & DEV_HAS_GROSS ? w[DEV_VALUE_GROSS] : 0;
	r.net = r.has & DEV_HAS_NET ? w[DEV_VALUE_NET] : 0;
	r.tare = r.has & DEV_HAS_TARE ? w[DEV_VALUE_TARE] : 0;
	*out = r;
	return 0;
}
