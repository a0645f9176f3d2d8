/* What a label says: placeholders, GS1 element strings, data from the depot. */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/i18n.h"
#include "core/ledger.h"
#include "core/master.h"
#include "core/qty.h"
#include "lib/xmalloc.h"
#include "labels/gs1.h"
#include "labels/template.h"

/* Received units beyond this are a mistake (a unit of 1 g, say). */
#define LABEL_RECEIPT_MAX	5000

/* Units counted in whole pieces: (30) count goes on their labels. */
static const char *const count_uoms[] = { "EA", "PC", "PCS", "PR", "SET",
    "BOX", NULL };

/* Placeholders that are a field of struct label_data as it is. */
#define PLACEHOLDER(f) { .name = #f, .off = offsetof(struct label_data, f) }
static const struct {
	const char	*name;
	size_t		 off;
} placeholders[] = {
	PLACEHOLDER(code), PLACEHOLDER(name_ar), PLACEHOLDER(name_en),
	PLACEHOLDER(uom), PLACEHOLDER(gtin), PLACEHOLDER(lot),
	PLACEHOLDER(serial), PLACEHOLDER(expiry), PLACEHOLDER(location),
	PLACEHOLDER(depot), PLACEHOLDER(document), PLACEHOLDER(qty),
	PLACEHOLDER(unit),
};
#undef PLACEHOLDER

void
label_data_init(struct label_data *d)
{
	memset(d, 0, sizeof *d);
	d->net_kg_milli = -1;
	d->count = -1;
}

const char *
label_placeholder(const struct label_data *d, const char *name, char *buf,
    size_t size)
{
	size_t	i;

	for (i = 0; i < sizeof placeholders / sizeof placeholders[0]; i++)
		if (strcmp(placeholders[i].name, name) == 0)
			return (const char *)d + placeholders[i].off;
	*buf = '\0';
	if (strcmp(name, "gs1") == 0 || strcmp(name, "gs1_text") == 0) {
		char	gs1[256];

		/* Unknown data (template checks) or data GS1 cannot carry
		 * (the renderer builds it again and reports why). */
		if (label_gs1_build(d, gs1, sizeof gs1, NULL) == 0 &&
		    *d->code != '\0') {
			if (name[3] == '\0')
				snprintf(buf, size, "%s", gs1);
			else
				label_gs1_human(gs1, buf, size);
		}
		return buf;
	}
	if (strcmp(name, "n") == 0 || strcmp(name, "of") == 0) {
		if (d->of > 0)
			snprintf(buf, size, "%d", name[0] == 'n' ? d->n : d->of);
		return buf;
	}
	return NULL;
}

int
label_expand(const char *value, const struct label_data *d, char *out,
    size_t size)
{
	const char	*s, *close, *v;
	char		 name[40], buf[300];
	size_t		 len = 0;
	int		 full = 1;

	out[0] = '\0';
	for (s = value; *s != '\0' && len + 1 < size; s++) {
		if (*s != '{' || (close = strchr(s, '}')) == NULL ||
		    (size_t)(close - s - 1) >= sizeof name) {
			out[len++] = *s;
			out[len] = '\0';
			continue;
		}
		snprintf(name, sizeof name, "%.*s", (int)(close - s - 1), s + 1);
		if ((v = label_placeholder(d, name, buf, sizeof buf)) == NULL)
			v = "";
		if (*v == '\0')
			full = 0;
		snprintf(out + len, size - len, "%s", v);
		len = strlen(out);
		s = close;
	}
	return full;
}

/* GS1 character set 82, the characters of alphanumeric AIs. */
static int
gs1_set82(const char *s)
{
	static const char extra[] = "!\"%&'()*+,-./:;<=>?_";

	for (; *s != '\0'; s++)
		if (!((*s >= '0' && *s <= '9') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= 'a' && *s <= 'z') || (*s != '\0' &&
		    strchr(extra, *s) != NULL)))
			return 0;
	return 1;
}

static int
gs1_alnum(const char *ai, const char *what, const char *v, size_t max,
    struct wms_err *err)
{
	if (strlen(v) > max)
		return wms_err_set(err, WMS_ERR_INVALID, _("%s %s is longer "
		    "than %zu characters, the most GS1 AI (%s) holds: use a "
		    "template without GS1 symbols"), what, v, max, ai);
	if (!gs1_set82(v))
		return wms_err_set(err, WMS_ERR_INVALID, _("%s %s has a "
		    "character GS1 AI (%s) cannot carry (letters, digits and "
		    "!\"%%&'()*+,-./:;<=>?_ only)"), what, v, ai);
	return 0;
}

/* Append an element string to the GS1 data in out (size bytes). */
static void __attribute__((format(printf, 3, 4)))
gs1_cat(char *out, size_t size, const char *fmt, ...)
{
	size_t	len = strlen(out);
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(out + len, size - len, fmt, ap);
	va_end(ap);
}

int
label_gs1_build(const struct label_data *d, char *out, size_t size,
    struct wms_err *err)
{
	int64_t	w;
	int	n, rc;

	*out = '\0';
	if (*d->gtin != '\0') {
		if (strlen(d->gtin) != 14 ||
		    label_gs1_check_digit(d->gtin, 13) != d->gtin[13] - '0')
			return wms_err_set(err, WMS_ERR_INVALID, _("GTIN %s: "
			    "14 digits with a valid check digit expected"),
			    d->gtin);
		snprintf(out, size, "[01]%s", d->gtin);
	}
	if (*d->expiry != '\0') {
		if (!wms_date_valid(d->expiry))
			return wms_err_set(err, WMS_ERR_INVALID, _("expiry %s "
			    "is not a date"), d->expiry);
		gs1_cat(out, size, "[17]%.2s%.2s%.2s", d->expiry + 2,
		    d->expiry + 5, d->expiry + 8);
	}
	if (d->net_kg_milli >= 0) {
		/* The most decimals that fit in six digits, exactly. */
		for (w = d->net_kg_milli, n = 3; n > 0 && w > 999999; n--) {
			if (w % 10 != 0)
				break;
			w /= 10;
		}
		if (w > 999999)
			return wms_err_set(err, WMS_ERR_INVALID, _("a net "
			    "weight of %lld thousandths of a kg does not fit "
			    "GS1 AI (310n)"), (long long)d->net_kg_milli);
		gs1_cat(out, size, "[310%d]%06lld", n, (long long)w);
	}
	if (*d->lot != '\0') {
		if ((rc = gs1_alnum("10", _("lot"), d->lot, 20, err)) != 0)
			return rc;
		gs1_cat(out, size, "[10]%s", d->lot);
	}
	if (*d->serial != '\0') {
		if ((rc = gs1_alnum("21", _("serial"), d->serial, 20, err)) != 0)
			return rc;
		gs1_cat(out, size, "[21]%s", d->serial);
	}
	if (d->count >= 0) {
		if (d->count > 99999999)
			return wms_err_set(err, WMS_ERR_INVALID, _("a count of "
			    "%lld does not fit GS1 AI (30)"),
			    (long long)d->count);
		gs1_cat(out, size, "[30]%lld", (long long)d->count);
	}
	if (*d->gtin == '\0') {
		if ((rc = gs1_alnum("91", _("item code"), d->code, 90,
		    err)) != 0)
			return rc;
		gs1_cat(out, size, "[91]%s", d->code);
	}
	if (strlen(out) + 1 >= size)
		return wms_err_set(err, WMS_ERR_INVALID, _("the GS1 data of "
		    "%s is too long"), d->code);
	return 0;
}

void
label_gs1_human(const char *b, char *out, size_t size)
{
	size_t	i;

	for (i = 0; *b != '\0' && i + 1 < size; b++)
		out[i++] = *b == '[' ? '(' : *b == ']' ? ')' : *b;
	out[i] = '\0';
}

/* A retail barcode of the item as a GTIN-14, when one has a valid digit. */
static void
data_gtin(const struct db_item *it, char gtin[15])
{
	size_t	i, n;
	char	g[15];

	*gtin = '\0';
	for (i = 0; i < it->nbarcodes; i++) {
		const char *b = it->barcodes[i];

		n = strlen(b);
		if ((n != 8 && n != 12 && n != 13 && n != 14) ||
		    strspn(b, "0123456789") != n)
			continue;
		memset(g, '0', 14 - n);
		memcpy(g + 14 - n, b, n + 1);
		if (label_gs1_check_digit(g, 13) == g[13] - '0') {
			memcpy(gtin, g, 15);
			return;
		}
	}
}

static void
data_from_item(struct label_data *d, const struct db_item *it)
{
	snprintf(d->code, sizeof d->code, "%s", it->code);
	snprintf(d->name_ar, sizeof d->name_ar, "%s", it->name_ar ?
	    it->name_ar : "");
	snprintf(d->name_en, sizeof d->name_en, "%s", it->name_en ?
	    it->name_en : "");
	snprintf(d->uom, sizeof d->uom, "%s", it->uom);
	data_gtin(it, d->gtin);
}

/* A label's data from scratch and the item of code; *it for the caller. */
static int
data_item(struct wms *w, const char *code, struct label_data *d,
    struct db_item *it, struct wms_err *err)
{
	int rc;

	label_data_init(d);
	if ((rc = wms_item_get(w, code, it, err)) != 0)
		return rc;
	data_from_item(d, it);
	return 0;
}

/* The location path, and its depot (the path's first part). */
static void
data_at(struct label_data *d, const char *path)
{
	snprintf(d->location, sizeof d->location, "%s", path);
	snprintf(d->depot, sizeof d->depot, "%.*s", (int)strcspn(path, "/"),
	    path);
}

int
label_data_item(struct wms *w, const char *code, struct label_data *d,
    struct wms_err *err)
{
	struct db_item	it;
	int		rc;

	if ((rc = data_item(w, code, d, &it, err)) != 0)
		return rc;
	db_item_fini(&it);
	return 0;
}

int
label_data_lot(struct wms *w, const char *code, const char *lot,
    struct label_data *d, struct wms_err *err)
{
	struct db_item	it;
	int		rc;

	if ((rc = data_item(w, code, d, &it, err)) != 0)
		return rc;
	if (strcmp(it.tracking, "none") == 0)
		rc = wms_err_set(err, WMS_ERR_INVALID, _("%s is not tracked "
		    "by lot or serial: print an item label"), it.code);
	else if ((rc = wms_lot_get(w, it.code, lot, d->expiry, err)) == 0)
		snprintf(strcmp(it.tracking, "serial") == 0 ? d->serial :
		    d->lot, sizeof d->lot, "%s", lot);
	db_item_fini(&it);
	return rc;
}

int
label_data_location(struct wms *w, const char *path, struct label_data *d,
    struct wms_err *err)
{
	char	kind[12];
	int	rc;

	label_data_init(d);
	if ((rc = wms_location_get(w, path, kind, err)) != 0)
		return rc;
	if (strcmp(kind, "internal") != 0)
		return wms_err_set(err, WMS_ERR_INVALID, _("%s is a virtual "
		    "location (%s): only real bins get labels"), path, kind);
	data_at(d, path);
	return 0;
}

struct receipt_ctx {
	struct wms		*w;
	const char		*number;
	struct label_data	*out;
	size_t			 n;
	int			 rc;
	struct wms_err		*err;
	/* The units of the item of the line, for unit_pick. */
	int64_t			 qty, best;
	char			 best_unit[16];
	/* The units the lines were received in (label_data_receipt_units). */
	const struct label_unit_hint *hints;
	size_t			 nhints;
};

/* The factor of the unit the line of m was received in, or 0. */
static int64_t
receipt_hint(struct receipt_ctx *r, const struct wms_doc_move *m,
    const char *uom, char *unit, size_t len)
{
	int64_t	f;
	size_t	i;

	for (i = 0; i < r->nhints; i++) {
		const struct label_unit_hint *h = &r->hints[i];

		if (strcmp(h->item, m->item) != 0 || strcmp(h->lot != NULL ?
		    h->lot : "", m->lot) != 0 || h->unit == NULL ||
		    *h->unit == '\0' || strcmp(h->unit, uom) == 0)
			continue;
		if (wms_to_base(r->w, m->item, 1000, h->unit, &f, NULL) != 0 ||
		    f <= 0 || m->qty % f != 0)
			continue;
		snprintf(unit, len, "%s", h->unit);
		return f;
	}
	return 0;
}

static int
unit_pick(const struct db_unit_row *u, void *arg)
{
	struct receipt_ctx *r = arg;

	if (u->factor > 1000 && r->qty % u->factor == 0 && u->factor > r->best) {
		r->best = u->factor;
		snprintf(r->best_unit, sizeof r->best_unit, "%s", u->unit);
	}
	return 0;
}

static int
in_list(const char *const *list, const char *s)
{
	for (; *list != NULL; list++)
		if (strcmp(*list, s) == 0)
			return 1;
	return 0;
}

static int
receipt_move(const struct wms_doc_move *m, void *arg)
{
	struct receipt_ctx	*r = arg;
	struct db_item		 it;
	struct label_data	 d;
	int64_t			 each, k, nunits;
	char			 q[32];

	if ((r->rc = data_item(r->w, m->item, &d, &it, r->err)) != 0)
		return 1;
	snprintf(d.document, sizeof d.document, "%s", r->number);
	data_at(&d, m->to);
	snprintf(d.expiry, sizeof d.expiry, "%s", m->expiry);
	if (strcmp(it.tracking, "serial") == 0)
		snprintf(d.serial, sizeof d.serial, "%s", m->lot);
	else
		snprintf(d.lot, sizeof d.lot, "%s", m->lot);
	r->qty = m->qty;
	r->best = 0;
	snprintf(r->best_unit, sizeof r->best_unit, "%s", it.uom);
	if (strcmp(it.tracking, "serial") != 0)
		r->best = receipt_hint(r, m, it.uom, r->best_unit,
		    sizeof r->best_unit);
	if (strcmp(it.tracking, "serial") != 0 && r->best == 0 &&
	    (r->rc = wms_unit_each(r->w,
	    it.id, unit_pick, r, r->err)) != 0) {
		db_item_fini(&it);
		return 1;
	}
	each = r->best > 0 ? r->best : m->qty;
	nunits = m->qty / each;
	snprintf(d.unit, sizeof d.unit, "%s", r->best_unit);
	snprintf(d.qty, sizeof d.qty, "%s %s", wms_qty_fmt(each, q, sizeof q),
	    it.uom);
	if (strcmp(it.uom, "KG") == 0)
		d.net_kg_milli = each;
	else if (in_list(count_uoms, it.uom) && each % 1000 == 0)
		d.count = each / 1000;
	db_item_fini(&it);
	if (r->n + (size_t)nunits > LABEL_RECEIPT_MAX) {
		r->rc = wms_err_set(r->err, WMS_ERR_INVALID, _("%s would need "
		    "more than %d unit labels: print item or lot labels "
		    "instead"), r->number, LABEL_RECEIPT_MAX);
		return 1;
	}
	r->out = xreallocarray(r->out, r->n + (size_t)nunits, sizeof *r->out);
	for (k = 0; k < nunits; k++) {
		d.n = (int)k + 1;
		d.of = (int)nunits;
		r->out[r->n++] = d;
	}
	return 0;
}

int
label_data_receipt(struct wms *w, const char *number, struct label_data **out,
    size_t *n, struct wms_err *err)
{
	return label_data_receipt_units(w, number, NULL, 0, out, n, err);
}

int
label_data_receipt_units(struct wms *w, const char *number,
    const struct label_unit_hint *hints, size_t nhints,
    struct label_data **out, size_t *n, struct wms_err *err)
{
	struct wms_doc_info	di;
	struct receipt_ctx	r;
	int			rc;

	*out = NULL;
	*n = 0;
	if ((rc = wms_doc_get(w, number, &di, err)) != 0)
		return rc;
	if (strcmp(di.type, "GRN") != 0)
		return wms_err_set(err, WMS_ERR_INVALID, _("%s is not a "
		    "receipt (GRN): received-unit labels come from receipts"),
		    number);
	memset(&r, 0, sizeof r);
	r.w = w;
	r.number = di.number;
	r.err = err;
	r.hints = hints;
	r.nhints = nhints;
	if ((rc = wms_doc_each_move(w, number, receipt_move, &r, err)) == 0)
		rc = r.rc;
	if (rc == 0 && r.n == 0)
		rc = wms_err_set(err, WMS_ERR_NOTFOUND, _("%s received "
		    "nothing"), number);
	if (rc != 0) {
		free(r.out);
		return rc;
	}
	*out = r.out;
	*n = r.n;
	return 0;
}
