/* Label templates: an INI file read into boxes, fonts and symbologies. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/datafile.h"
#include "lib/i18n.h"
#include "lib/ini.h"
#include "lib/xmalloc.h"
#include "labels/template.h"

#define TPL_MAX_BYTES	(256 * 1024)
#define TPL_MAX_FIELDS	64

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

static const struct wms_ini_spec tpl_ini = {
	tsection_keys,
	SECTIONS,
	", ",
	N_("%s = %s is outside a section: start with [label]"),
	N_("%s given again in [%s] (first at line %d)"),
	N_("not a template line: use [section] or key = value"),
	N_("a NUL byte: a template is text"),
};

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
tmm(struct wms_ini *x, const struct wms_ini_ent *e, int n, double lo,
    double hi, double *out)
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
		return wms_ini_bad(x, e->line, _("%s = %s: use a number of "
		    "millimetres from %g to %g"), e->key, e->value, lo, hi);
	return wms_ini_bad(x, e->line, _("%s = %s: use %d numbers of "
	    "millimetres from %g to %g, separated by spaces"), e->key,
	    e->value, n, lo, hi);
}

static int
tint(struct wms_ini *x, const struct wms_ini_ent *e, long lo, long hi,
    int *out)
{
	char	*end;
	long	 v;

	errno = 0;
	v = strtol(e->value, &end, 10);
	if (end == e->value || *end != '\0' || errno != 0 || v < lo ||
	    v > hi || !isdigit((unsigned char)e->value[0]))
		return wms_ini_bad(x, e->line, _("%s = %s: use a whole number "
		    "from %ld to %ld"), e->key, e->value, lo, hi);
	*out = (int)v;
	return 0;
}

static int
tpick(struct wms_ini *x, const struct wms_ini_ent *e,
    const char *const *names, size_t n, int *out)
{
	return wms_ini_pick(x, e, names, n, ", ", out);
}

/* Every {placeholder} of a value must be known, every brace closed. */
static int
tvalue(struct wms_ini *x, const struct wms_ini_ent *e)
{
	struct label_data	 d;
	const char		*s, *close;
	char			 name[40], buf[8];

	label_data_init(&d);
	for (s = e->value; (s = strchr(s, '{')) != NULL; s = close + 1) {
		if ((close = strchr(s, '}')) == NULL)
			return wms_ini_bad(x, e->line, _("value = %s: a { "
			    "without its }"), e->value);
		snprintf(name, sizeof name, "%.*s", (int)(close - s - 1),
		    s + 1);
		if ((size_t)(close - s - 1) >= sizeof name ||
		    label_placeholder(&d, name, buf, sizeof buf) == NULL)
			return wms_ini_bad(x, e->line, _("value = %s: unknown "
			    "placeholder {%s}; see docs/labels.md for the "
			    "list"), e->value, name);
	}
	return 0;
}

static int
tparse_label(struct wms_ini *x, struct label_tpl *t)
{
	static const char *const printers[] = { "zpl", "pdf" };
	struct wms_ini_ent	*e;
	int			 p;

	if (wms_ini_sec_line(x, "label") == 0)
		return wms_ini_bad(x, 1, _("a template needs a [label] "
		    "section with name, width_mm, height_mm and dpi"));
	if ((e = wms_ini_need(x, "label", "name", "a name")) == NULL)
		return -1;
	t->name = xstrdup(e->value);
	if ((e = wms_ini_need(x, "label", "width_mm", "10 to 300")) == NULL ||
	    tmm(x, e, 1, 10, 300, &t->width) != 0 ||
	    (e = wms_ini_need(x, "label", "height_mm", "5 to 300")) == NULL ||
	    tmm(x, e, 1, 5, 300, &t->height) != 0 ||
	    (e = wms_ini_need(x, "label", "dpi", "203, 300 or 600")) == NULL)
		return -1;
	if (strcmp(e->value, "203") != 0 && strcmp(e->value, "300") != 0 &&
	    strcmp(e->value, "600") != 0)
		return wms_ini_bad(x, e->line, _("dpi = %s: use 203, 300 or "
		    "600 (the printer's dots per inch)"), e->value);
	t->dpi = (int)strtol(e->value, NULL, 10);	/* one of the three */
	t->font = xstrdup((e = wms_ini_get(x, "label", "font")) != NULL ?
	    e->value : "Noto Sans 8");
	t->printer_format = LABEL_ZPL;
	if ((e = wms_ini_get(x, "label", "printer")) != NULL) {
		if (tpick(x, e, printers, 2, &p) != 0)
			return -1;
		t->printer_format = p == 0 ? LABEL_ZPL : LABEL_PDF;
	}
	return 0;
}

static int
tparse_sheet(struct wms_ini *x, struct label_tpl *t)
{
	struct wms_ini_ent	*e;
	double			 two[2], need;

	if (wms_ini_sec_line(x, "sheet") == 0)
		return 0;
	if ((e = wms_ini_need(x, "sheet", "page_mm", "WIDTH HEIGHT (210 297 "
	    "for A4)")) == NULL || tmm(x, e, 2, 50, 1000, two) != 0)
		return -1;
	t->page_w = two[0];
	t->page_h = two[1];
	if ((e = wms_ini_need(x, "sheet", "columns", "1 to 20")) == NULL ||
	    tint(x, e, 1, 20, &t->columns) != 0 ||
	    (e = wms_ini_need(x, "sheet", "rows", "1 to 40")) == NULL ||
	    tint(x, e, 1, 40, &t->rows) != 0)
		return -1;
	if ((e = wms_ini_get(x, "sheet", "margin_mm")) != NULL) {
		if (tmm(x, e, 2, 0, 100, two) != 0)
			return -1;
		t->margin_x = two[0];
		t->margin_y = two[1];
	}
	if ((e = wms_ini_get(x, "sheet", "gap_mm")) != NULL) {
		if (tmm(x, e, 2, 0, 100, two) != 0)
			return -1;
		t->gap_x = two[0];
		t->gap_y = two[1];
	}
	need = t->margin_x + t->columns * t->width + (t->columns - 1) *
	    t->gap_x;
	if (need > t->page_w + 0.01)
		return wms_ini_bad(x, wms_ini_sec_line(x, "sheet"), _("%d "
		    "columns of %g mm need %g mm, the page is %g mm wide"),
		    t->columns, t->width, need, t->page_w);
	need = t->margin_y + t->rows * t->height + (t->rows - 1) * t->gap_y;
	if (need > t->page_h + 0.01)
		return wms_ini_bad(x, wms_ini_sec_line(x, "sheet"), _("%d "
		    "rows of %g mm need %g mm, the page is %g mm high"),
		    t->rows, t->height, need, t->page_h);
	t->printer_format = LABEL_PDF;
	return 0;
}

static int
tparse_field(struct wms_ini *x, struct label_tpl *t,
    const struct wms_ini_sec *s)
{
	static const char *const yesno[] = { "no", "yes" };
	struct label_field	*f;
	struct wms_ini_ent	*e;
	double			 box[4];
	int			 v;

	if (t->nfields == TPL_MAX_FIELDS)
		return wms_ini_bad(x, s->line, _("more than %d fields"),
		    TPL_MAX_FIELDS);
	t->fields = xreallocarray(t->fields, t->nfields + 1,
	    sizeof *t->fields);
	f = &t->fields[t->nfields++];
	memset(f, 0, sizeof *f);
	f->line = s->line;
	f->kind = strncmp(s->name, "text.", 5) == 0 ? LABEL_FIELD_TEXT :
	    LABEL_FIELD_BARCODE;
	f->name = xstrdup(strchr(s->name, '.') + 1);
	if ((e = wms_ini_need(x, s->name, "box_mm", "X Y WIDTH HEIGHT")) ==
	    NULL || tmm(x, e, 4, 0, 300, box) != 0)
		return -1;
	if (box[2] <= 0 || box[3] <= 0 || box[0] + box[2] > t->width + 0.01 ||
	    box[1] + box[3] > t->height + 0.01)
		return wms_ini_bad(x, e->line, _("box_mm = %s: the box must "
		    "lie on the %g x %g mm label"), e->value, t->width,
		    t->height);
	f->x = box[0];
	f->y = box[1];
	f->w = box[2];
	f->h = box[3];
	if ((e = wms_ini_need(x, s->name, "value",
	    "text with {placeholders}")) == NULL || tvalue(x, e) != 0)
		return -1;
	f->value = xstrdup(e->value);
	if (f->kind == LABEL_FIELD_TEXT) {
		f->font = xstrdup((e = wms_ini_get(x, s->name, "font")) !=
		    NULL ? e->value : t->font);
		if ((e = wms_ini_get(x, s->name, "align")) != NULL &&
		    tpick(x, e, align_names, 3, &v) == 0)
			f->align = (enum label_align)v;
		return x->bad_line != 0 ? -1 : 0;
	}
	if ((e = wms_ini_need(x, s->name, "symbology", "code128, gs1-128, "
	    "gs1-datamatrix, datamatrix or qr")) == NULL ||
	    tpick(x, e, sym_names, LABEL_SYM_COUNT, &v) != 0)
		return -1;
	f->sym = (enum label_sym)v;
	f->font = xstrdup(t->font);
	f->hri = f->sym == LABEL_SYM_CODE128 || f->sym == LABEL_SYM_GS1_128;
	if ((e = wms_ini_get(x, s->name, "hri")) != NULL) {
		if (tpick(x, e, yesno, 2, &v) != 0)
			return -1;
		f->hri = v;
	}
	if ((e = wms_ini_get(x, s->name, "module_dots")) != NULL &&
	    tint(x, e, 1, 40, &f->module) != 0)
		return -1;
	return 0;
}

struct label_tpl *
label_template_parse(const char *name, const char *text, size_t len,
    struct wms_err *err)
{
	struct wms_ini		 x;
	struct label_tpl	*t;
	size_t			 i;
	int			 rc = -1;

	t = xcalloc(1, sizeof *t);
	t->file = xstrdup(name);
	if (wms_ini_read(&x, &tpl_ini, text, len) != 0 ||
	    tparse_label(&x, t) != 0 || tparse_sheet(&x, t) != 0)
		goto out;
	for (i = 0; i < x.nsecs; i++)
		if (strchr(x.secs[i].name, '.') != NULL &&
		    tparse_field(&x, t, &x.secs[i]) != 0)
			goto out;
	if (t->nfields == 0) {
		wms_ini_bad(&x, wms_ini_sec_line(&x, "label"), _("a template "
		    "needs at least one [text.NAME] or [barcode.NAME] "
		    "section"));
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
	wms_ini_free(&x);
	return t;
}

struct label_tpl *
label_template_load(const char *path, struct wms_err *err)
{
	struct label_tpl	*t;
	char			*buf;
	size_t			 len;

	if ((buf = wms_datafile_read(path, TPL_MAX_BYTES, &len)) == NULL) {
		if (errno == EFBIG)
			wms_err_set(err, WMS_ERR_INVALID, _("%s: larger than %d "
			    "bytes; a template is a small text file"), path,
			    TPL_MAX_BYTES);
		else
			wms_err_set(err, WMS_ERR_IO, _("cannot read template "
			    "%s: %s"), path, strerror(errno));
		return NULL;
	}
	t = label_template_parse(path, buf, len, err);
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
