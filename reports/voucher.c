/* Vouchers: a posted document on A4 with its lines, totals and signatures. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/count.h"
#include "core/qty.h"
#include "core/wms.h"
#include "data/db-voucher.h"
#include "lib/i18n.h"
#include "lib/time.h"
#include "lib/xmalloc.h"
#include "reports/pdf.h"
#include "reports/report.h"

/* Every column a voucher may have; each type picks its own. */
enum voucher_col {
	VC_LINE,
	VC_LOCATION,
	VC_ITEM,
	VC_NAME,
	VC_UNIT,
	VC_LOT,
	VC_FROM,
	VC_TO,
	VC_QTY,
	VC_COST,
	VC_VALUE,
	VC_EXPECTED,
	VC_COUNTED,
	VC_VARIANCE,
	VC_RECEIVED,
	VC_N
};

static const struct report_col voucher_cols[VC_N] = {
	[VC_LINE] = { .key = "line", .title = N_("No."),
	    .type = REPORT_INT },
	[VC_LOCATION] = { .key = "location", .title = N_("Location"),
	    .type = REPORT_STR },
	[VC_ITEM] = { .key = "item", .title = N_("Item code"),
	    .type = REPORT_STR },
	[VC_NAME] = { .key = "name", .title = N_("Item name"),
	    .type = REPORT_STR },
	[VC_UNIT] = { .key = "uom", .title = N_("Unit"), .type = REPORT_STR },
	[VC_LOT] = { .key = "lot", .title = N_("Lot / serial"),
	    .type = REPORT_STR },
	[VC_FROM] = { .key = "from", .title = N_("From"), .type = REPORT_STR },
	[VC_TO] = { .key = "to", .title = N_("To"), .type = REPORT_STR },
	[VC_QTY] = { .key = "qty", .title = N_("Quantity"),
	    .type = REPORT_QTY },
	[VC_COST] = { .key = "unit_cost", .title = N_("Unit cost"),
	    .type = REPORT_MONEY },
	[VC_VALUE] = { .key = "value", .title = N_("Value"),
	    .type = REPORT_MONEY },
	[VC_EXPECTED] = { .key = "expected", .title = N_("Expected"),
	    .type = REPORT_QTY },
	[VC_COUNTED] = { .key = "counted", .title = N_("Counted"),
	    .type = REPORT_QTY },
	[VC_VARIANCE] = { .key = "variance", .title = N_("Variance"),
	    .type = REPORT_QTY },
	[VC_RECEIVED] = { .key = "received", .title = N_("Received"),
	    .type = REPORT_QTY },
};

#define VC_END	(-1)

/* A document type as its voucher shows it. */
struct voucher_kind {
	const char	*type;		/* GRN, ISS, ... */
	const char	*title;
	int		 cols[VC_N + 1];	/* VC_END-ended */
	const char	*signs[4];
};

static const struct voucher_kind voucher_kinds[] = {
	{ .type = "GRN", .title = N_("Receipt voucher"),
	    .cols = { VC_LINE, VC_ITEM, VC_NAME, VC_UNIT, VC_LOT, VC_TO,
	    VC_QTY, VC_COST, VC_VALUE, VC_END },
	    .signs = { N_("Storekeeper (received)"), N_("Delivered by"),
	    N_("Supervisor"), NULL } },
	{ .type = "ISS", .title = N_("Issue voucher"),
	    .cols = { VC_LINE, VC_ITEM, VC_NAME, VC_UNIT, VC_LOT, VC_FROM,
	    VC_QTY, VC_COST, VC_VALUE, VC_END },
	    .signs = { N_("Storekeeper (issued)"), N_("Received by"),
	    N_("Supervisor"), NULL } },
	{ .type = "TRF", .title = N_("Transfer note"),
	    .cols = { VC_LINE, VC_ITEM, VC_NAME, VC_UNIT, VC_LOT, VC_FROM,
	    VC_TO, VC_QTY, VC_RECEIVED, VC_VALUE, VC_END },
	    .signs = { N_("Storekeeper (shipped)"), N_("Carrier"),
	    N_("Receiving storekeeper"), NULL } },
	{ .type = "MOV", .title = N_("Internal move"),
	    .cols = { VC_LINE, VC_ITEM, VC_NAME, VC_UNIT, VC_LOT, VC_FROM,
	    VC_TO, VC_QTY, VC_END },
	    .signs = { N_("Storekeeper"), N_("Supervisor"), NULL } },
	{ .type = "ADJ", .title = N_("Stock adjustment"),
	    .cols = { VC_LINE, VC_ITEM, VC_NAME, VC_UNIT, VC_LOT,
	    VC_LOCATION, VC_QTY, VC_COST, VC_VALUE, VC_END },
	    .signs = { N_("Storekeeper"), N_("Supervisor (approved)"),
	    N_("Depot manager"), NULL } },
	{ .type = "CNT", .title = N_("Count record"),
	    .cols = { VC_LINE, VC_LOCATION, VC_ITEM, VC_NAME, VC_UNIT, VC_LOT,
	    VC_EXPECTED, VC_COUNTED, VC_VARIANCE, VC_VALUE, VC_END },
	    .signs = { N_("Counted by"), N_("Storekeeper"),
	    N_("Supervisor"), NULL } },
	{ .type = "REV", .title = N_("Reversal voucher"),
	    .cols = { VC_LINE, VC_ITEM, VC_NAME, VC_UNIT, VC_LOT, VC_FROM,
	    VC_TO, VC_QTY, VC_VALUE, VC_END },
	    .signs = { N_("Storekeeper"), N_("Supervisor (approved)"),
	    NULL } },
};

/* What the lines fill: the report, its column map, the sums. */
struct voucher {
	struct wms			*w;
	const struct voucher_kind	*k;
	const struct db_voucher_doc	*d;
	struct report			*r;
	int				 at[VC_N];	/* column, or -1 */
	int				 values;	/* may see values */
	int				 ar;		/* Arabic names */
	int64_t				 n;
	char				 uom[16];	/* one unit, or "" */
	int				 uoms;		/* how many */
};

static void
voucher_str(struct voucher *v, enum voucher_col c, const char *s)
{
	if (v->at[c] >= 0 && s != NULL && *s != '\0')
		report_str(v->r, v->at[c], s);
}

static void
voucher_num(struct voucher *v, enum voucher_col c, int64_t x)
{
	if (v->at[c] >= 0)
		report_num(v->r, v->at[c], x);
}

static const char *
voucher_name(const struct voucher *v, const char *ar, const char *en)
{
	if (v->ar)
		return ar != NULL && *ar != '\0' ? ar : en;
	return en != NULL && *en != '\0' ? en : ar;
}

/* Count the units: a total of quantities only when there is one. */
static void
voucher_uom(struct voucher *v, const char *uom)
{
	if (v->uoms == 0) {
		snprintf(v->uom, sizeof v->uom, "%s", uom);
		v->uoms = 1;
	} else if (v->uoms == 1 && strcmp(v->uom, uom) != 0)
		v->uoms = 2;
}

static int
voucher_line(const struct db_voucher_line *l, void *arg)
{
	struct voucher	*v = arg;
	int		 out, sign = 1;
	int64_t		 cost;

	out = strcmp(l->from_kind, "internal") == 0;
	/* An adjustment down is negative: stock left the location. */
	if (strcmp(v->d->type, "ADJ") == 0 && out)
		sign = -1;
	report_row(v->r);
	voucher_num(v, VC_LINE, ++v->n);
	voucher_str(v, VC_ITEM, l->item);
	voucher_str(v, VC_NAME, voucher_name(v, l->name_ar, l->name_en));
	voucher_str(v, VC_UNIT, l->uom);
	voucher_str(v, VC_LOT, l->lot);
	voucher_str(v, VC_FROM, l->from);
	voucher_str(v, VC_TO, l->to);
	voucher_str(v, VC_LOCATION, out ? l->from : l->to);
	voucher_uom(v, l->uom);
	/*
	 * A transfer note: what was shipped, with its value, and what has
	 * arrived (from transit), each in its own column.
	 */
	if (v->at[VC_RECEIVED] >= 0 && strcmp(l->from_kind, "transit") == 0) {
		voucher_num(v, VC_RECEIVED, l->qty);
		return 0;
	}
	voucher_num(v, VC_QTY, sign * l->qty);
	if (v->values) {
		voucher_num(v, VC_VALUE, sign * l->value);
		/* Per base unit: value for qty thousandths of it. */
		if (l->qty > 0 && wms_muldiv(l->value, 1000, l->qty,
		    &cost) == 0)
			voucher_num(v, VC_COST, cost);
	}
	return 0;
}

static int
voucher_count_line(const struct db_count_line *l, void *arg)
{
	struct voucher *v = arg;

	report_row(v->r);
	voucher_num(v, VC_LINE, ++v->n);
	voucher_str(v, VC_LOCATION, l->location);
	voucher_str(v, VC_ITEM, l->item);
	voucher_str(v, VC_NAME, voucher_name(v, l->name_ar, l->name_en));
	voucher_str(v, VC_UNIT, l->uom);
	voucher_str(v, VC_LOT, l->lot);
	voucher_uom(v, l->uom);
	if (l->has_counted)
		voucher_num(v, VC_COUNTED, l->counted);
	if (v->values) {
		voucher_num(v, VC_EXPECTED, l->expected);
		if (l->has_counted) {
			voucher_num(v, VC_VARIANCE, l->variance);
			voucher_num(v, VC_VALUE, l->value);
		}
	}
	return 0;
}

static const char *
voucher_status(const char *s)
{
	if (strcmp(s, "posted") == 0)
		return _("posted");
	if (strcmp(s, "in_transit") == 0)
		return _("in transit");
	if (strcmp(s, "received") == 0)
		return _("received");
	if (strcmp(s, "open") == 0)
		return _("open");
	return s;
}

/* The lines of the header, "Label: value", in a NULL-ended array. */
static void
voucher_add(char **f, int *n, const char *label, const char *value)
{
	if (value == NULL || *value == '\0')
		return;
	if (asprintf(&f[*n], "%s: %s", label, value) < 0)
		abort();
	(*n)++;
}

static void
voucher_named(char *buf, size_t len, const char *code, const char *name)
{
	if (name != NULL && *name != '\0')
		snprintf(buf, len, "%s — %s", code, name);
	else
		snprintf(buf, len, "%s", code);
}

int
report_voucher_pdf(struct wms *w, const char *number, const char *path,
    struct wms_err *err)
{
	struct db_voucher_doc		 d;
	struct voucher			 v;
	struct report_pdf_meta		 m;
	struct report_col		*cols = NULL;
	const struct voucher_kind	*k = NULL;
	char				*f[24], when[64], now[32], nowl[64];
	char				 depot[600], buf[600];
	int				 totals[8], nt = 0, nf = 0, ncols = 0;
	int				 i, rc, blind = 0;
	size_t				 j;

	memset(f, 0, sizeof f);
	memset(&v, 0, sizeof v);
	if ((rc = wms_require(w, WMS_PERM_READ, err)) != 0)
		return rc;
	if ((rc = db_voucher_doc_get(wms_db(w), number, &d, err)) < 0)
		return rc;
	if (rc == 0)
		return wms_err_set(err, WMS_ERR_NOTFOUND,
		    _("no document %s: give a number as printed, e.g. "
		    "HMS-GRN-2026-000001"), number);
	for (j = 0; j < sizeof voucher_kinds / sizeof voucher_kinds[0]; j++)
		if (strcmp(voucher_kinds[j].type, d.type) == 0)
			k = &voucher_kinds[j];
	if (k == NULL)
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("%s: no voucher for documents of type %s"), number,
		    d.type);
	v.w = w;
	v.k = k;
	v.d = &d;
	v.ar = report_pdf_rtl();
	/* Values: for those who may see them, as counts show variances. */
	v.values = wms_require(w, WMS_PERM_SUPERVISE, NULL) == 0;
	for (i = 0; i < VC_N; i++)
		v.at[i] = -1;
	cols = xcalloc(VC_N, sizeof *cols);
	for (i = 0; k->cols[i] != VC_END; i++) {
		int c = k->cols[i];

		if (!v.values && (c == VC_COST || c == VC_VALUE ||
		    c == VC_EXPECTED || c == VC_VARIANCE))
			continue;
		cols[ncols] = voucher_cols[c];
		v.at[c] = ncols++;
	}
	v.r = report_new(cols, ncols);
	report_set_minor(v.r, wms_currency_minor(w));
	if (strcmp(d.type, "CNT") == 0)
		rc = wms_count_each(w, number, &blind, voucher_count_line, &v,
		    err);
	else
		rc = db_voucher_line_each(wms_db(w), d.id, voucher_line, &v,
		    err);
	if (rc != 0)
		goto out;
	if (v.uoms == 1 && v.at[VC_QTY] >= 0)
		totals[nt++] = v.at[VC_QTY];
	if (v.uoms == 1 && v.at[VC_RECEIVED] >= 0)
		totals[nt++] = v.at[VC_RECEIVED];
	/* A count of one unit: its expected, counted and variance summed. */
	if (v.uoms == 1 && v.at[VC_COUNTED] >= 0) {
		totals[nt++] = v.at[VC_COUNTED];
		if (v.at[VC_EXPECTED] >= 0)
			totals[nt++] = v.at[VC_EXPECTED];
		if (v.at[VC_VARIANCE] >= 0)
			totals[nt++] = v.at[VC_VARIANCE];
	}
	if (v.at[VC_VALUE] >= 0)
		totals[nt++] = v.at[VC_VALUE];
	totals[nt] = -1;

	voucher_add(f, &nf, _("Document"), d.number);
	wms_time_local(d.created_at, when, sizeof when);
	voucher_add(f, &nf, _("Date"), when);
	voucher_add(f, &nf, _("Status"), voucher_status(d.status));
	voucher_add(f, &nf, _("Posted by"), d.user);
	voucher_add(f, &nf, _("Supplier"), d.supplier);
	if (d.cc[0] != '\0') {
		voucher_named(buf, sizeof buf, d.cc, voucher_name(&v, d.cc_ar,
		    d.cc_en));
		voucher_add(f, &nf, _("Cost centre"), buf);
	}
	if (d.dest[0] != '\0') {
		voucher_named(buf, sizeof buf, d.depot, voucher_name(&v,
		    d.depot_ar, d.depot_en));
		voucher_add(f, &nf, _("From depot"), buf);
		voucher_named(buf, sizeof buf, d.dest, voucher_name(&v,
		    d.dest_ar, d.dest_en));
		voucher_add(f, &nf, _("To depot"), buf);
	}
	voucher_add(f, &nf, _("Requester"), d.requester);
	voucher_add(f, &nf, _("Reference"), d.ref);
	voucher_add(f, &nf, _("Reason"), d.reason);
	voucher_add(f, &nf, _("Counted area"), d.prefix);
	voucher_add(f, &nf, _("Reverses"), d.reverses);
	voucher_add(f, &nf, _("Reversed by"), d.reversed_by);
	if (!v.values)
		voucher_add(f, &nf, _("Values"), _("shown to supervisors "
		    "only"));
	f[nf] = NULL;

	voucher_named(depot, sizeof depot, d.depot, voucher_name(&v,
	    d.depot_ar, d.depot_en));
	wms_now_iso(w, now);
	wms_time_local(now, nowl, sizeof nowl);
	memset(&m, 0, sizeof m);
	m.title = _(k->title);
	m.depot = depot;
	m.filters = (const char *const *)f;
	m.user = wms_user_name(w);
	m.printed_at = nowl;
	m.total_cols = totals;
	m.rtl = v.ar;
	m.signatures = k->signs;
	rc = report_pdf_write(v.r, &m, path, err);
out:
	for (i = 0; i < nf; i++)
		free(f[i]);
	report_free(v.r);
	free(cols);
	return rc;
}
