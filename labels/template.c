/* Label templates: an INI file read into boxes, fonts and symbologies. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ini.h>

#include "core/i18n.h"
#include "core/xmalloc.h"
#include "labels/template.h"

#define TPL_MAX_BYTES	(256 * 1024)
#define TPL_MAX_FIELDS	64

/* One "key = value" line as inih gave it, with where it was. */
struct tent {
	char	*section;
	char	*key;
	char	*value;
	int	 line;
};

struct tsec {
	char	*name;
	int	 line;
};

struct tctx {
	const char	*p, *end;
	int		 line;
	int		 header_line;
	int		 long_line;
	int		 cur_header;
	struct tent	*ents;
	size_t		 nents;
	struct tsec	*secs;
	size_t		 nsecs;
	int		 bad_line;
	char		 bad[400];
};

static const char *const label_keys[] = { "name", "width_mm", "height_mm",
    "dpi", "font", "printer", NULL };
static const char *const sheet_keys[] = { "page_mm", "columns", "rows",
    "margin_mm", "gap_mm", NULL };
static const char *const text_keys[] = { "box_mm", "value", "font", "align",
    NULL };
static const char *const barcode_keys[] = { "box_mm", "value", "symbology",
    "hri", "module_dots", NULL };

/* The names templates use, indexed by enum label_sym. */
static const char *const sym_names[] = { "code128", "gs1-128",
    "gs1-datamatrix", "datamatrix", "qr" };
static const char *const align_names[] = { "start", "center", "end" };

#define SECTIONS	N_("use [label], [sheet], [text.NAME] or [barcode.NAME]")

static int
tbad(struct tctx *x, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
tbad(struct tctx *x, int line, const char *fmt, ...)
{
	va_list	ap;

	if (x->bad_line == 0) {
		x->bad_line = line;
		va_start(ap, fmt);
		vsnprintf(x->bad, sizeof x->bad, fmt, ap);
		va_end(ap);
	}
	return -1;
}

/* NAME of text.NAME or barcode.NAME: lowercase, digits, '_', 1-31. */
static int
tname_ok(const char *s)
{
	size_t	n = strlen(s);

	if (n == 0 || n > 31)
		return 0;
	for (; *s != '\0'; s++)
		if (!islower((unsigned char)*s) && !isdigit((unsigned char)*s)
		    && *s != '_')
			return 0;
	return 1;
}

static const char *const *
tsection_keys(const char *s)
{
	if (strcmp(s, "label") == 0)
		return label_keys;
	if (strcmp(s, "sheet") == 0)
		return sheet_keys;
	if (strncmp(s, "text.", 5) == 0 && tname_ok(s + 5))
		return text_keys;
	if (strncmp(s, "barcode.", 8) == 0 && tname_ok(s + 8))
		return barcode_keys;
	return NULL;
}

/* inih's fgets: one line of the text, counted; too long lines are noted. */
static char *
tctx_read(char *buf, int num, void *arg)
{
	struct tctx	*x = arg;
	const char	*nl, *s;
	size_t		 len, n;
	char		 name[64];

	if (x->p >= x->end)
		return NULL;
	nl = memchr(x->p, '\n', (size_t)(x->end - x->p));
	len = nl != NULL ? (size_t)(nl - x->p) + 1 : (size_t)(x->end - x->p);
	x->line++;
	n = len;
	if (num < 4 || n > (size_t)num - 3) {
		if (x->long_line == 0)
			x->long_line = x->line;
		n = num > 4 ? (size_t)num - 3 : 0;
	}
	memcpy(buf, x->p, n);
	buf[n] = '\0';
	x->p += len;
	for (s = buf; *s == ' ' || *s == '\t'; s++)
		;
	if (*s == '[') {
		x->header_line = x->line;
		/* A section without keys never reaches the handler. */
		if ((nl = strchr(s, ']')) != NULL) {
			snprintf(name, sizeof name, "%.*s",
			    (int)(nl - s - 1), s + 1);
			if (tsection_keys(name) == NULL)
				tbad(x, x->line, _("unknown section [%s]: %s"),
				    name, _(SECTIONS));
		}
	}
	return buf;
}

static int
tin_list(const char *const *list, const char *s)
{
	for (; *list != NULL; list++)
		if (strcmp(*list, s) == 0)
			return 1;
	return 0;
}

/* "a, b, c" of a NULL-terminated list, for messages. */
static void
tlist_text(const char *const *list, char *buf, size_t size)
{
	size_t	len = 0;

	buf[0] = '\0';
	for (; *list != NULL && len < size; list++) {
		snprintf(buf + len, size - len, "%s%s", len ? ", " : "", *list);
		len = strlen(buf);
	}
}

static int
tctx_entry(void *arg, const char *section, const char *key, const char *value)
{
	struct tctx		*x = arg;
	const char *const	*keys;
	struct tent		*e;
	size_t			 i;
	char			 allowed[200];

	if (x->bad_line != 0)
		return 1;
	if (*section == '\0')
		return tbad(x, x->line, _("%s = %s is outside a section: "
		    "start with [label]"), key, value), 0;
	if ((keys = tsection_keys(section)) == NULL)
		return tbad(x, x->header_line, _("unknown section [%s]: %s"),
		    section, _(SECTIONS)), 0;
	if (x->cur_header != x->header_line) {
		for (i = 0; i < x->nsecs; i++)
			if (strcmp(x->secs[i].name, section) == 0)
				return tbad(x, x->header_line, _("section [%s] "
				    "again: it was at line %d"), section,
				    x->secs[i].line), 0;
		x->secs = xreallocarray(x->secs, x->nsecs + 1,
		    sizeof *x->secs);
		x->secs[x->nsecs].name = xstrdup(section);
		x->secs[x->nsecs].line = x->header_line;
		x->nsecs++;
		x->cur_header = x->header_line;
	}
	if (!tin_list(keys, key)) {
		tlist_text(keys, allowed, sizeof allowed);
		return tbad(x, x->line, _("unknown key \"%s\" in [%s]: use %s"),
		    key, section, allowed), 0;
	}
	for (i = 0; i < x->nents; i++) {
		e = &x->ents[i];
		if (strcmp(e->section, section) == 0 &&
		    strcmp(e->key, key) == 0)
			return tbad(x, x->line, _("%s given again in [%s] "
			    "(first at line %d)"), key, section, e->line), 0;
	}
	x->ents = xreallocarray(x->ents, x->nents + 1, sizeof *x->ents);
	e = &x->ents[x->nents++];
	e->section = xstrdup(section);
	e->key = xstrdup(key);
	e->value = xstrdup(value);
	e->line = x->line;
	return 1;
}

static struct tent *
tget(struct tctx *x, const char *section, const char *key)
{
	size_t	i;

	for (i = 0; i < x->nents; i++)
		if (strcmp(x->ents[i].section, section) == 0 &&
		    strcmp(x->ents[i].key, key) == 0)
			return &x->ents[i];
	return NULL;
}

static int
tsec_line(struct tctx *x, const char *section)
{
	size_t	i;

	for (i = 0; i < x->nsecs; i++)
		if (strcmp(x->secs[i].name, section) == 0)
			return x->secs[i].line;
	return 0;
}

static struct tent *
tneed(struct tctx *x, const char *section, const char *key, const char *what)
{
	struct tent	*e;

	if ((e = tget(x, section, key)) == NULL)
		tbad(x, tsec_line(x, section), _("[%s] needs %s = %s"),
		    section, key, what);
	return e;
}

/* DIGITS[.DIGITS] (at most 3 decimals, below 10000), or -1. */
static double
tdecimal(const char *s, char **end)
{
	double	v = 0, scale = 1;
	int	n = 0, d = 0;

	for (; *s >= '0' && *s <= '9' && n < 4; s++, n++)
		v = v * 10 + (*s - '0');
	if (*s == '.' && n > 0)
		for (s++; *s >= '0' && *s <= '9' && d < 3; s++, d++)
			v += (*s - '0') * (scale /= 10);
	*end = (char *)s;
	return n == 0 || (s[-1] == '.') ? -1 : v;
}

/* n numbers in millimetres (0.1 mm steps are plenty), each in lo..hi. */
static int
tmm(struct tctx *x, const struct tent *e, int n, double lo, double hi,
    double *out)
{
	const char	*s = e->value;
	char		*end;
	int		 i;

	for (i = 0; i < n; i++) {
		while (*s == ' ' || *s == '\t')
			s++;
		/* By hand, not strtod: the user's LC_NUMERIC may want a
		 * decimal comma, and a template is the same file everywhere. */
		if ((out[i] = tdecimal(s, &end)) < 0 || out[i] < lo ||
		    out[i] > hi || (*end != '\0' && *end != ' ' &&
		    *end != '\t'))
			goto bad;
		s = end;
	}
	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '\0')
		return 0;
bad:
	if (n == 1)
		return tbad(x, e->line, _("%s = %s: use a number of "
		    "millimetres from %g to %g"), e->key, e->value, lo, hi);
	return tbad(x, e->line, _("%s = %s: use %d numbers of millimetres "
	    "from %g to %g, separated by spaces"), e->key, e->value, n, lo,
	    hi);
}

static int
tint(struct tctx *x, const struct tent *e, long lo, long hi, int *out)
{
	char	*end;
	long	 v;

	errno = 0;
	v = strtol(e->value, &end, 10);
	if (end == e->value || *end != '\0' || errno != 0 || v < lo ||
	    v > hi || !isdigit((unsigned char)e->value[0]))
		return tbad(x, e->line, _("%s = %s: use a whole number from "
		    "%ld to %ld"), e->key, e->value, lo, hi);
	*out = (int)v;
	return 0;
}

static int
tpick(struct tctx *x, const struct tent *e, const char *const *names,
    size_t n, int *out)
{
	char	allowed[200];
	size_t	i, len = 0;

	for (i = 0; i < n; i++) {
		if (strcmp(e->value, names[i]) == 0) {
			*out = (int)i;
			return 0;
		}
	}
	allowed[0] = '\0';
	for (i = 0; i < n && len < sizeof allowed; i++) {
		snprintf(allowed + len, sizeof allowed - len, "%s%s",
		    i ? ", " : "", names[i]);
		len = strlen(allowed);
	}
	return tbad(x, e->line, _("%s = %s: use %s"), e->key, e->value,
	    allowed);
}

/* Every {placeholder} of a value must be known, every brace closed. */
static int
tvalue(struct tctx *x, const struct tent *e)
{
	struct label_data	 d;
	const char		*s, *close;
	char			 name[40], buf[8];

	label_data_init(&d);
	for (s = e->value; (s = strchr(s, '{')) != NULL; s = close + 1) {
		if ((close = strchr(s, '}')) == NULL)
			return tbad(x, e->line, _("value = %s: a { without "
			    "its }"), e->value);
		snprintf(name, sizeof name, "%.*s", (int)(close - s - 1),
		    s + 1);
		if ((size_t)(close - s - 1) >= sizeof name ||
		    label_placeholder(&d, name, buf, sizeof buf) == NULL)
			return tbad(x, e->line, _("value = %s: unknown "
			    "placeholder {%s}; see docs/labels.md for the "
			    "list"), e->value, name);
	}
	return 0;
}

static int
tparse_label(struct tctx *x, struct label_tpl *t)
{
	static const char *const printers[] = { "zpl", "pdf" };
	struct tent	*e;
	int		 p;

	if (tsec_line(x, "label") == 0)
		return tbad(x, 1, _("a template needs a [label] section with "
		    "name, width_mm, height_mm and dpi"));
	if ((e = tneed(x, "label", "name", "a name")) == NULL)
		return -1;
	t->name = xstrdup(e->value);
	if ((e = tneed(x, "label", "width_mm", "10 to 300")) == NULL ||
	    tmm(x, e, 1, 10, 300, &t->width) != 0 ||
	    (e = tneed(x, "label", "height_mm", "5 to 300")) == NULL ||
	    tmm(x, e, 1, 5, 300, &t->height) != 0 ||
	    (e = tneed(x, "label", "dpi", "203, 300 or 600")) == NULL)
		return -1;
	if (strcmp(e->value, "203") != 0 && strcmp(e->value, "300") != 0 &&
	    strcmp(e->value, "600") != 0)
		return tbad(x, e->line, _("dpi = %s: use 203, 300 or 600 (the "
		    "printer's dots per inch)"), e->value);
	t->dpi = atoi(e->value);
	t->font = xstrdup((e = tget(x, "label", "font")) != NULL ? e->value :
	    "Noto Sans 8");
	t->printer_format = LABEL_ZPL;
	if ((e = tget(x, "label", "printer")) != NULL) {
		if (tpick(x, e, printers, 2, &p) != 0)
			return -1;
		t->printer_format = p == 0 ? LABEL_ZPL : LABEL_PDF;
	}
	return 0;
}

static int
tparse_sheet(struct tctx *x, struct label_tpl *t)
{
	struct tent	*e;
	double		 two[2], need;

	if (tsec_line(x, "sheet") == 0)
		return 0;
	if ((e = tneed(x, "sheet", "page_mm", "WIDTH HEIGHT (210 297 for "
	    "A4)")) == NULL || tmm(x, e, 2, 50, 1000, two) != 0)
		return -1;
	t->page_w = two[0];
	t->page_h = two[1];
	if ((e = tneed(x, "sheet", "columns", "1 to 20")) == NULL ||
	    tint(x, e, 1, 20, &t->columns) != 0 ||
	    (e = tneed(x, "sheet", "rows", "1 to 40")) == NULL ||
	    tint(x, e, 1, 40, &t->rows) != 0)
		return -1;
	if ((e = tget(x, "sheet", "margin_mm")) != NULL) {
		if (tmm(x, e, 2, 0, 100, two) != 0)
			return -1;
		t->margin_x = two[0];
		t->margin_y = two[1];
	}
	if ((e = tget(x, "sheet", "gap_mm")) != NULL) {
		if (tmm(x, e, 2, 0, 100, two) != 0)
			return -1;
		t->gap_x = two[0];
		t->gap_y = two[1];
	}
	need = t->margin_x + t->columns * t->width + (t->columns - 1) *
	    t->gap_x;
	if (need > t->page_w + 0.01)
		return tbad(x, tsec_line(x, "sheet"), _("%d columns of %g mm "
		    "need %g mm, the page is %g mm wide"), t->columns,
		    t->width, need, t->page_w);
	need = t->margin_y + t->rows * t->height + (t->rows - 1) * t->gap_y;
	if (need > t->page_h + 0.01)
		return tbad(x, tsec_line(x, "sheet"), _("%d rows of %g mm "
		    "need %g mm, the page is %g mm high"), t->rows, t->height,
		    need, t->page_h);
	t->printer_format = LABEL_PDF;
	return 0;
}

static int
tparse_field(struct tctx *x, struct label_tpl *t, const struct tsec *s)
{
	static const char *const yesno[] = { "no", "yes" };
	struct label_field	*f;
	struct tent		*e;
	double			 box[4];
	int			 v;

	if (t->nfields == TPL_MAX_FIELDS)
		return tbad(x, s->line, _("more than %d fields"),
		    TPL_MAX_FIELDS);
	t->fields = xreallocarray(t->fields, t->nfields + 1,
	    sizeof *t->fields);
	f = &t->fields[t->nfields++];
	memset(f, 0, sizeof *f);
	f->line = s->line;
	f->kind = strncmp(s->name, "text.", 5) == 0 ? LABEL_FIELD_TEXT :
	    LABEL_FIELD_BARCODE;
	f->name = xstrdup(strchr(s->name, '.') + 1);
	if ((e = tneed(x, s->name, "box_mm", "X Y WIDTH HEIGHT")) == NULL ||
	    tmm(x, e, 4, 0, 300, box) != 0)
		return -1;
	if (box[2] <= 0 || box[3] <= 0 || box[0] + box[2] > t->width + 0.01 ||
	    box[1] + box[3] > t->height + 0.01)
		return tbad(x, e->line, _("box_mm = %s: the box must lie on "
		    "the %g x %g mm label"), e->value, t->width, t->height);
	f->x = box[0];
	f->y = box[1];
	f->w = box[2];
	f->h = box[3];
	if ((e = tneed(x, s->name, "value", "text with {placeholders}")) ==
	    NULL || tvalue(x, e) != 0)
		return -1;
	f->value = xstrdup(e->value);
	if (f->kind == LABEL_FIELD_TEXT) {
		f->font = xstrdup((e = tget(x, s->name, "font")) != NULL ?
		    e->value : t->font);
		if ((e = tget(x, s->name, "align")) != NULL &&
		    tpick(x, e, align_names, 3, &v) == 0)
			f->align = (enum label_align)v;
		return x->bad_line != 0 ? -1 : 0;
	}
	if ((e = tneed(x, s->name, "symbology", "code128, gs1-128, "
	    "gs1-datamatrix, datamatrix or qr")) == NULL ||
	    tpick(x, e, sym_names, LABEL_SYM_COUNT, &v) != 0)
		return -1;
	f->sym = (enum label_sym)v;
	f->font = xstrdup(t->font);
	f->hri = f->sym == LABEL_SYM_CODE128 || f->sym == LABEL_SYM_GS1_128;
	if ((e = tget(x, s->name, "hri")) != NULL) {
		if (tpick(x, e, yesno, 2, &v) != 0)
			return -1;
		f->hri = v;
	}
	if ((e = tget(x, s->name, "module_dots")) != NULL &&
	    tint(x, e, 1, 40, &f->module) != 0)
		return -1;
	return 0;
}

static void
tctx_free(struct tctx *x)
{
	size_t	i;

	for (i = 0; i < x->nents; i++) {
		free(x->ents[i].section);
		free(x->ents[i].key);
		free(x->ents[i].value);
	}
	free(x->ents);
	for (i = 0; i < x->nsecs; i++)
		free(x->secs[i].name);
	free(x->secs);
}

struct label_tpl *
label_template_parse(const char *name, const char *text, size_t len,
    struct wms_err *err)
{
	struct tctx		 x;
	struct label_tpl	*t;
	const char		*nul;
	size_t			 i;
	int			 line, rc = -1;

	memset(&x, 0, sizeof x);
	x.p = text;
	x.end = text + len;
	x.cur_header = -1;
	t = xcalloc(1, sizeof *t);
	t->file = xstrdup(name);
	if ((nul = memchr(text, '\0', len)) != NULL) {
		for (line = 1; text < nul; text++)
			line += *text == '\n';
		tbad(&x, line, _("a NUL byte: a template is text"));
		goto out;
	}
	line = ini_parse_stream(tctx_read, &x, tctx_entry, &x);
	if (x.long_line != 0 && (x.bad_line == 0 || x.long_line <
	    x.bad_line)) {
		x.bad_line = 0;
		tbad(&x, x.long_line, _("line longer than %d characters"),
		    ini_max_line - 3);
		goto out;
	}
	if (line != 0 && (x.bad_line == 0 || line < x.bad_line)) {
		x.bad_line = 0;
		tbad(&x, line, _("not a template line: use [section] or "
		    "key = value"));
		goto out;
	}
	if (x.bad_line != 0 || tparse_label(&x, t) != 0 ||
	    tparse_sheet(&x, t) != 0)
		goto out;
	for (i = 0; i < x.nsecs; i++)
		if (strchr(x.secs[i].name, '.') != NULL &&
		    tparse_field(&x, t, &x.secs[i]) != 0)
			goto out;
	if (t->nfields == 0) {
		tbad(&x, tsec_line(&x, "label"), _("a template needs at least "
		    "one [text.NAME] or [barcode.NAME] section"));
		goto out;
	}
	rc = 0;
out:
	if (rc != 0) {
		wms_err_set(err, WMS_ERR_INVALID, _("%s line %d: %s"), name,
		    x.bad_line, x.bad);
		label_template_free(t);
		t = NULL;
	}
	tctx_free(&x);
	return t;
}

struct label_tpl *
label_template_load(const char *path, struct wms_err *err)
{
	struct label_tpl	*t = NULL;
	FILE			*f;
	char			*buf;
	size_t			 len;

	if ((f = fopen(path, "r")) == NULL) {
		wms_err_set(err, WMS_ERR_IO, _("cannot read template %s: %s"),
		    path, strerror(errno));
		return NULL;
	}
	buf = xmalloc(TPL_MAX_BYTES + 1);
	len = fread(buf, 1, TPL_MAX_BYTES + 1, f);
	if (ferror(f))
		wms_err_set(err, WMS_ERR_IO, _("cannot read template %s: %s"),
		    path, strerror(errno));
	else if (len > TPL_MAX_BYTES)
		wms_err_set(err, WMS_ERR_INVALID, _("%s: larger than %d "
		    "bytes; a template is a small text file"), path,
		    TPL_MAX_BYTES);
	else
		t = label_template_parse(path, buf, len, err);
	fclose(f);
	free(buf);
	return t;
}

void
label_template_free(struct label_tpl *t)
{
	size_t	i;

	if (t == NULL)
		return;
	for (i = 0; i < t->nfields; i++) {
		free(t->fields[i].name);
		free(t->fields[i].value);
		free(t->fields[i].font);
	}
	free(t->fields);
	free(t->file);
	free(t->name);
	free(t->font);
	free(t);
}

enum label_format
label_template_printer_format(const struct label_tpl *t)
{
	return t->printer_format;
}

const char *
label_template_name(const struct label_tpl *t)
{
	return t->name;
}

int
label_dots(double mm, int dpi)
{
	return (int)floor(mm * dpi / 25.4 + 1e-6);
}
