/* Running a report of the catalogue: its filters checked and resolved. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "core/qty.h"
#include "core/wms.h"
#include "data/db-report-mgr.h"
#include "lib/buf.h"
#include "lib/i18n.h"
#include "lib/json.h"
#include "lib/time.h"
#include "reports/catalog.h"
#include "reports/run.h"
#include "reports/source.h"

extern const struct report_def report_def_stock, report_def_card,
    report_def_journal, report_def_reorder, report_def_expiry,
    report_def_slow, report_def_abc, report_def_valuation,
    report_def_variance, report_def_transit;

const struct report_def *const report_defs[] = {
	&report_def_stock,
	&report_def_card,
	&report_def_journal,
	&report_def_reorder,
	&report_def_expiry,
	&report_def_slow,
	&report_def_abc,
	&report_def_valuation,
	&report_def_variance,
	&report_def_transit,
	NULL
};

const struct report_def *
report_def_find(const char *name)
{
	int i;

	for (i = 0; name != NULL && report_defs[i] != NULL; i++)
		if (strcmp(report_defs[i]->name, name) == 0)
			return report_defs[i];
	return NULL;
}

/* The rule of core/value.h on main (wms_may_see_values): the same. */
int
report_may_see_values(struct wms *w)
{
	return wms_require(w, WMS_PERM_SUPERVISE, NULL) == 0 ||
	    wms_user_role(w) == WMS_ROLE_AUDITOR;
}

int
report_run_add(const void *row, void *r)
{
	report_add(r, row);
	return 0;
}

/* The options' names, for messages: bit i is names[i]. */
static const char *const filter_names[] = {
	"--depot", "--location", "--category", "--item", "--from", "--to",
	"--user", "--cost-centre", "--days", "--at", "--count", "--type",
	"--limit",
};

/*
 * The filters given as text: their bit (0: not a filter of the reports,
 * the record's --site), their JSON key and their place, in the order
 * report_doc_json writes them.
 */
static const struct text_filter {
	unsigned	 bit;
	const char	*key;
	size_t		 off;
} text_filters[] = {
#define TF(bit, name)	{ bit, #name, offsetof(struct report_filters, name) }
	TF(RF_DEPOT, depot),
	TF(RF_LOCATION, location),
	TF(RF_CATEGORY, category),
	TF(RF_ITEM, item),
	TF(RF_FROM, from),
	TF(RF_TO, to),
	TF(RF_USER, user),
	TF(RF_CC, cost_centre),
	TF(RF_AT, at),
	TF(RF_COUNT, count),
	TF(RF_TYPE, type),
	TF(0, site),
#undef TF
};
#define NTEXT_FILTERS	(sizeof text_filters / sizeof text_filters[0])

/* The value of text filter f in g (NULL: not given). */
static const char *
text_filter(const struct report_filters *g, const struct text_filter *f)
{
	return *(const char *const *)(const void *)((const char *)g + f->off);
}

/* The bits of the filters given. */
static unsigned
filters_given(const struct report_filters *g)
{
	unsigned	b = 0;
	size_t		i;

	for (i = 0; i < NTEXT_FILTERS; i++)
		if (text_filter(g, &text_filters[i]) != NULL)
			b |= text_filters[i].bit;
	b |= g->days != 0 ? RF_DAYS : 0;
	b |= g->limit != 0 ? RF_LIMIT : 0;
	return b;
}

/* A calendar date YYYY-MM-DD into *tm (noon, local); 0 or -1. */
static int
date_parse(const char *s, struct tm *tm)
{
	int	y, m, d, i;
	char	buf[40];

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return -1;
	if (sscanf(s, "%4d-%2d-%2d", &y, &m, &d) != 3)
		return -1;
	memset(tm, 0, sizeof *tm);
	tm->tm_year = y - 1900;
	tm->tm_mon = m - 1;
	tm->tm_mday = d;
	tm->tm_hour = 12;
	tm->tm_isdst = -1;
	if (mktime(tm) == (time_t)-1)
		return -1;
	/* 2026-02-30 normalises to March: not a date. */
	snprintf(buf, sizeof buf, "%04d-%02d-%02d", tm->tm_year + 1900,
	    tm->tm_mon + 1, tm->tm_mday);
	return strcmp(buf, s) == 0 ? 0 : -1;
}

/* The UTC instant (stored form) of local midnight days after date tm. */
static void
midnight_iso(const struct tm *date, int days, int ms_before, char out[32])
{
	struct tm	tm = *date;
	time_t		t;

	tm.tm_mday += days;
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	t = mktime(&tm);
	if (ms_before)
		wms_time_iso(t - 1, 999, out);
	else
		wms_time_iso(t, 0, out);
}

#define usage(err, ...) wms_err_set((err), WMS_ERR_USAGE, __VA_ARGS__)

/* A name given, resolved to its id; a usage error naming it if unknown. */
static int
resolve(struct report_run *rr, enum db_rep_name which, const char *name,
    const char *what, int64_t *id, struct wms_err *err)
{
	int rc;

	if (name == NULL)
		return 0;
	rc = rr->src->name_id(rr->store, which, name, id, err);
	if (rc < 0)
		return rc;
	if (rc == 0)
		return wms_err_set(err, WMS_ERR_USAGE, _("unknown %s \"%s\""),
		    what, name);
	return 0;
}

static int
check_filters(struct report_run *rr, struct wms_err *err)
{
	static const char *const types[] = { "GRN", "ISS", "MOV", "TRF",
	    "ADJ", "CNT", "REV", NULL };
	const struct report_filters	*g = rr->given;
	const struct report_def		*d = rr->def;
	struct tm			 tf, tt, tn;
	unsigned			 given = filters_given(g), extra, need;
	int64_t				 found;
	int				 i, rc;

	if ((extra = given & ~d->filters) != 0) {
		for (i = 0; !(extra & 1u << i); i++)
			;
		return usage(err, _("the %s report takes no %s"), d->name,
		    filter_names[i]);
	}
	if ((need = d->required & ~given) != 0) {
		for (i = 0; !(need & 1u << i); i++)
			;
		return usage(err, _("the %s report needs %s"), d->name,
		    filter_names[i]);
	}
	if (g->days < 0 || g->limit < 0)
		return usage(err, _("give %s as a whole number above zero"),
		    g->days < 0 ? "--days" : "--limit");
	if (g->from != NULL && date_parse(g->from, &tf) != 0)
		return usage(err, _("bad date \"%s\" for %s: give YYYY-MM-DD"),
		    g->from, "--from");
	if (g->to != NULL && date_parse(g->to, &tt) != 0)
		return usage(err, _("bad date \"%s\" for %s: give YYYY-MM-DD"),
		    g->to, "--to");
	if (g->at != NULL && date_parse(g->at, &tn) != 0)
		return usage(err, _("bad date \"%s\" for %s: give YYYY-MM-DD"),
		    g->at, "--at");
	if (g->from != NULL && g->to != NULL && strcmp(g->from, g->to) > 0)
		return usage(err, _("--from %s is after --to %s"), g->from,
		    g->to);
	if (g->type != NULL) {
		for (i = 0; types[i] != NULL; i++)
			if (strcmp(types[i], g->type) == 0)
				break;
		if (types[i] == NULL)
			return usage(err, _("unknown document type \"%s\": give "
			    "%s"), g->type, "GRN, ISS, MOV, TRF, ADJ, CNT or REV");
		rr->f.type = g->type;
	}
	if ((rc = resolve(rr, DB_REP_NAME_DEPOT, g->depot, _("depot"),
	    &rr->f.depot, err)) != 0 ||
	    (rc = resolve(rr, DB_REP_NAME_PREFIX, g->location, _("location"),
	    &found, err)) != 0 ||
	    (rc = resolve(rr, DB_REP_NAME_CATEGORY, g->category, _("category"),
	    &found, err)) != 0 ||
	    (rc = resolve(rr, DB_REP_NAME_USER, g->user, _("user"),
	    &rr->f.user, err)) != 0 ||
	    (rc = resolve(rr, DB_REP_NAME_CC, g->cost_centre,
	    _("cost centre"), &rr->f.cc, err)) != 0 ||
	    (rc = resolve(rr, DB_REP_NAME_COUNT, g->count, _("count"),
	    &rr->f.count, err)) != 0)
		return rc;
	rr->f.prefix = g->location;
	rr->f.category = g->category;
	if (g->item != NULL) {
		char uom[64];

		if ((rc = rr->src->item(rr->store, g->item, &rr->f.item, uom,
		    sizeof uom, err)) != 0) {
			char msg[sizeof err->msg];

			snprintf(msg, sizeof msg, "%s", err->msg);
			return rc == WMS_ERR_NOTFOUND ? wms_err_set(err,
			    WMS_ERR_USAGE, "%s", msg) : rc;
		}
	}
	if (g->from != NULL) {
		midnight_iso(&tf, 0, 0, rr->from);
		rr->f.from = rr->from;
	}
	if (g->to != NULL) {
		midnight_iso(&tt, 1, 0, rr->to);
		rr->f.to = rr->to;
	}
	rr->days = g->days != 0 ? g->days : d->default_days;
	/* Today in the display zone, at noon: dates count from it. */
	localtime_r(&rr->now, &tn);
	tn.tm_hour = 12;
	tn.tm_min = tn.tm_sec = 0;
	if (g->at != NULL)
		date_parse(g->at, &tn);
	midnight_iso(&tn, 1, 1, rr->at);
	rr->f.at = rr->at;
	wms_time_iso(rr->now - (time_t)rr->days * 86400, 0, rr->since);
	rr->f.since = rr->since;
	localtime_r(&rr->now, &tn);
	tn.tm_mday += (int)rr->days;
	tn.tm_hour = 12;
	tn.tm_isdst = -1;
	mktime(&tn);
	strftime(rr->until, sizeof rr->until, "%Y-%m-%d", &tn);
	rr->f.until = rr->until;
	rr->f.limit = g->limit;
	return 0;
}

/* Whether every row but the totals has the same text in column col. */
static int
same_text(const struct report *r, int col)
{
	size_t	row, n = report_nrows(r);

	for (row = 1; row < n; row++) {
		if (report_is_total(r, row))
			continue;
		if (report_cell_cmp(r, 0, row, col) != 0)
			return 0;
	}
	return 1;
}

/* Run d on rr's store, rr's session fields set: the body of both. */
static int
run_on(struct report_run *rr, int minor, struct report **out,
    struct wms_err *err)
{
	const struct report_def	*d = rr->def;
	struct report		*r;
	const char		*why;
	size_t			 last;
	int			 c, uom = -1, same, rc;

	*out = NULL;
	if (rr->src->lacks != NULL &&
	    (why = rr->src->lacks(rr->store, d->name)) != NULL)
		return wms_err_set(err, WMS_ERR_USAGE, "%s", why);
	if (d->needs_values && !rr->values)
		return wms_err_set(err, WMS_ERR_DENIED, _("the %s report shows "
		    "values: it is for supervisors, auditors and admins"),
		    d->name);
	if ((rc = check_filters(rr, err)) != 0)
		return rc;
	r = report_new(d->cols, d->ncols);
	report_set_minor(r, minor);
	if ((rc = d->fill(rr, r, err)) != 0) {
		report_free(r);
		return rc;
	}
	if (d->totals != NULL) {
		report_add_total(r, d->total_label, _("Total"), d->totals);
		/* A sum of quantities in different units means nothing. */
		for (c = 0; c < d->ncols; c++)
			if (strcmp(d->cols[c].key, "uom") == 0)
				uom = c;
		last = report_nrows(r) - 1;
		same = uom >= 0 && last > 0 && same_text(r, uom);
		for (c = 0; uom >= 0 && c < d->ncols; c++)
			if (d->cols[c].type == REPORT_QTY && !same)
				report_clear_col_row(r, c, last);
		/* The unit of the summed quantities is theirs. */
		if (same) {
			char u[64];

			report_set_str(r, last, uom, report_cell_text(r, 0,
			    uom, u, sizeof u));
		}
	}
	if (!rr->values)
		for (c = 0; c < d->ncols; c++)
			if (d->cols[c].type == REPORT_MONEY)
				report_clear_col(r, c);
	*out = r;
	return 0;
}

int
report_run(struct wms *w, const struct report_def *d,
    const struct report_filters *given, struct report **out,
    struct wms_err *err)
{
	static const struct report_filters none;
	struct report_run	 rr;
	int			 rc;

	*out = NULL;
	if ((rc = wms_require(w, d->perm, err)) != 0)
		return rc;
	memset(&rr, 0, sizeof rr);
	rr.w = w;
	rr.src = &report_source_sqlite;
	rr.store = w;
	rr.def = d;
	rr.given = given != NULL ? given : &none;
	rr.now = wms_now(w);
	rr.values = report_may_see_values(w);
	return run_on(&rr, wms_currency_minor(w), out, err);
}

int
report_run_env(const struct report_env *env, const struct report_def *d,
    const struct report_filters *given, struct report **out,
    struct wms_err *err)
{
	static const struct report_filters none;
	struct report_run rr;

	memset(&rr, 0, sizeof rr);
	rr.src = env->src;
	rr.store = env->store;
	rr.def = d;
	rr.given = given != NULL ? given : &none;
	rr.now = env->now;
	rr.values = env->values;
	return run_on(&rr, env->minor, out, err);
}

int64_t
report_reorder_qty(int64_t max, int64_t on_hand, int64_t in_transit,
    int64_t factor)
{
	int64_t q = max - on_hand - in_transit;

	if (q <= 0)
		return 0;
	if (factor > 0 && q % factor != 0)
		q += factor - q % factor;
	return q;
}

void
report_abc_classes(const int64_t *values, size_t n, int a_pct, int b_pct,
    char *classes)
{
	__int128	total = 0, before = 0;
	size_t		i;

	for (i = 0; i < n; i++)
		if (values[i] > 0)
			total += values[i];
	for (i = 0; i < n; i++) {
		if (values[i] <= 0 || total <= 0)
			classes[i] = 'C';
		else if (before * 100 < total * a_pct)
			classes[i] = 'A';
		else if (before * 100 < total * (a_pct + b_pct))
			classes[i] = 'B';
		else
			classes[i] = 'C';
		if (values[i] > 0)
			before += values[i];
	}
}

int64_t
report_value_of(int64_t qty, int64_t avg_milli)
{
	int64_t v;

	if (wms_muldiv(qty, avg_milli, 1000000, &v) != 0)
		return 0;
	return v;
}

char *
report_doc_json(const struct report *r, const struct report_def *d,
    const struct report_filters *g, const char *generated_at)
{
	struct wms_buf	 b = { 0 };
	json_t		*o, *f;
	const char	*v;
	char		*rows, *totals;
	size_t		 i;

	f = json_object();
	for (i = 0; i < NTEXT_FILTERS; i++)
		if ((v = text_filter(g, &text_filters[i])) != NULL)
			json_object_set_new(f, text_filters[i].key,
			    wms_json_string(v));
	if (g->days != 0)
		json_object_set_new(f, "days", json_integer(g->days));
	if (g->limit != 0)
		json_object_set_new(f, "limit", json_integer(g->limit));
	o = json_object();
	json_object_set_new(o, "report", json_string(d->name));
	json_object_set_new(o, "title", wms_json_string(_(d->title)));
	json_object_set_new(o, "generated_at", wms_json_string(generated_at));
	json_object_set_new(o, "filters", f);
	rows = report_render_json_rows(r, 0);
	wms_json_with_raw(&b, o, "rows", rows, strlen(rows));
	/* The totals, exact decimals as the rows have them, spliced in. */
	totals = report_render_json_rows(r, 1);
	wms_json_add_raw(&b, "totals", totals, strlen(totals));
	wms_buf_addc(&b, '\n');
	json_decref(o);
	free(rows);
	free(totals);
	return wms_buf_steal(&b);
}
