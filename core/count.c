/* Stock counts: snapshot, blind entry, recount, review and posting. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/count.h"
#include "core/value.h"
#include "core/master.h"
#include "core/post.h"
#include "core/qty.h"
#include "core/wms.h"
#include "core/write.h"
#include "data/db-count.h"
#include "data/db-lookup.h"
#include "data/db-site.h"
#include "lib/i18n.h"
#include "lib/json.h"

/* A count document as read from the database, and its number. */
struct count_doc {
	struct db_count_doc	d;
	char			number[WMS_NUMBER_MAX];
};

/* The key of a count line, resolved and checked against the count. */
struct count_key {
	struct db_loc	 loc;
	struct db_item	 it;
	int64_t		 lot;
	const char	*lot_code;	/* NULL for none */
	int		 serial;
};

static int
count_doc(struct db *db, const char *number, struct count_doc *cd,
    struct wms_err *err)
{
	int rc;

	memset(cd, 0, sizeof *cd);
	if (number == NULL || *number == '\0')
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("missing count number"));
	if ((rc = db_count_doc_get(db, number, &cd->d, err)) < 0)
		return rc;
	if (rc == 0)
		return wms_err_set(err, WMS_ERR_NOTFOUND,
		    _("unknown count %s"), number);
	snprintf(cd->number, sizeof cd->number, "%s", number);
	if (strcmp(cd->d.type, "CNT") != 0)
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("%s is not a count"), number);
	return 0;
}

static int
count_open(const struct count_doc *cd, struct wms_err *err)
{
	if (strcmp(cd->d.status, "open") != 0)
		return wms_err_set(err, WMS_ERR_REFUSED,
		    _("count %s is already posted: it can no longer change"),
		    cd->number);
	return 0;
}

/* 1 when path is prefix or below it ("HMS/A" covers HMS/A/01, not HMS/AB). */
static int
count_under(const char *prefix, const char *path)
{
	size_t n = strlen(prefix);

	return strncmp(path, prefix, n) == 0 && (path[n] == '\0' ||
	    path[n] == '/');
}

/* Resolve location, item and lot of a line; call db_item_fini on k->it. */
static int
count_key(struct wms *w, const struct count_doc *cd, const char *loc,
    const char *item, const char *lot, struct count_key *k,
    struct wms_err *err)
{
	struct db	*db = wms_db(w);
	struct db_lot	 dl;
	int		 rc;

	memset(k, 0, sizeof *k);
	if (lot != NULL && *lot == '\0')
		lot = NULL;
	if ((rc = post_loc_get_db(db, loc, &k->loc, err)) != 0)
		return rc;
	if (strcmp(k->loc.kind, "internal") != 0)
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("%s is not a stock location"), k->loc.path);
	if (k->loc.depot_id != cd->d.depot_id ||
	    !count_under(cd->d.prefix, k->loc.path))
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("%s is not in count %s (%s)"), k->loc.path, cd->number,
		    cd->d.prefix);
	if ((rc = wms_item_get(w, item, &k->it, err)) != 0)
		return rc;
	k->serial = strcmp(k->it.tracking, "serial") == 0;
	if (strcmp(k->it.tracking, "none") == 0) {
		if (lot != NULL)
			return wms_err_set(err, WMS_ERR_INVALID,
			    _("%s is not lot-tracked: give no lot"),
			    k->it.code);
		return 0;
	}
	if (lot == NULL)
		return wms_err_set(err, WMS_ERR_INVALID, k->serial ?
		    _("%s is serial-tracked: give the serial number (--lot)") :
		    _("%s is lot-tracked: give the lot number (--lot)"),
		    k->it.code);
	if ((rc = db_lot_get(db, k->it.id, lot, &dl, err)) < 0)
		return rc;
	k->lot = rc == 1 ? dl.id : 0;
	if (rc == 0)
		return wms_err_set(err, WMS_ERR_NOTFOUND, k->serial ?
		    _("unknown serial %s of %s") : _("unknown lot %s of %s"),
		    lot, k->it.code);
	k->lot_code = lot;
	return 0;
}

/*
 * A change to one line of an open count, made on the write path: the
 * count is read again inside the transaction (it may have been posted
 * since), then the line changes.
 */
struct count_change {
	const char		*number;
	const struct count_key	*k;
	int64_t			 qty;	/* counted; -1: sent for recount */
};

/* The audit detail of a line's change. */
static json_t *
count_detail(const struct count_key *k, int64_t qty)
{
	json_t *d;

	d = json_object();
	json_object_set_new(d, "location", wms_json_string(k->loc.path));
	json_object_set_new(d, "item", wms_json_string(k->it.code));
	json_object_set_new(d, "lot", wms_json_string(k->lot_code));
	/* The counted quantity only: the book one would unblind the count. */
	if (qty >= 0)
		json_object_set_new(d, "counted", json_integer(qty));
	return d;
}

int
wms_count_start(struct wms *w, const char *prefix,
    char number[WMS_NUMBER_MAX], struct wms_err *err)
{
	struct db	*db = wms_db(w);
	struct post	 p;
	char		 pfx[208], depot[32];
	size_t		 len, n;
	int64_t		 depot_id = 0, nloc = 0;
	int		 rc, lines;

	memset(&p, 0, sizeof p);
	if ((rc = wms_require(w, WMS_PERM_COUNT, err)) != 0)
		return rc;
	if (prefix == NULL || *prefix == '\0')
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("missing area: give a depot, a zone or a location"));
	if ((len = strlen(prefix)) >= sizeof pfx)
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("bad location \"%s\": DEPOT/ZONE/BIN"), prefix);
	memcpy(pfx, prefix, len + 1);
	while (len > 0 && pfx[len - 1] == '/')
		pfx[--len] = '\0';
	n = strcspn(pfx, "/");
	if (n == 0 || n >= sizeof depot)
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("bad location \"%s\": DEPOT/ZONE/BIN"), prefix);
	snprintf(depot, sizeof depot, "%.*s", (int)n, pfx);

	if ((rc = db_depot_find(db, depot, &depot_id, err)) < 0)
		return rc;
	if (rc == 0)
		return wms_err_set(err, WMS_ERR_NOTFOUND,
		    _("unknown depot %s: see makhzan depot list"), depot);
	if ((rc = db_count_locations(db, depot_id, pfx, &nloc, err)) != 0)
		return rc;
	if (nloc == 0)
		return wms_err_set(err, WMS_ERR_NOTFOUND,
		    _("no stock location matches %s: see makhzan location "
		    "list"), pfx);

	if ((rc = post_begin(&p, w, "CNT", depot_id, depot, json_pack(
	    "{ss ss}", "status", "open", "location_prefix", pfx), err)) != 0)
		return rc;
	if ((rc = db_count_snapshot(db, p.doc_id, depot_id, pfx, &lines,
	    err)) != 0)
		goto fail;
	if ((rc = post_commit(&p, "count.start", json_pack("{ss ss si}",
	    "depot", depot, "prefix", pfx, "lines", lines), err)) != 0)
		return rc;
	snprintf(number, WMS_NUMBER_MAX, "%s", p.number);
	return 0;
fail:
	post_abort(&p);
	return rc;
}

/* Enter a counted quantity, inside the write: see struct count_change. */
static int
count_enter_write(struct wms *w, void *arg, struct wms_write *log,
    struct wms_err *err)
{
	struct count_change	*ch = arg;
	struct db		*db = wms_db(w);
	struct count_doc	 cd;
	struct db_count_entry	 e;
	char			 at[32];
	int			 rc;

	if ((rc = count_doc(db, ch->number, &cd, err)) != 0 ||
	    (rc = count_open(&cd, err)) != 0)
		return rc;
	wms_now_iso(w, at);
	e = (struct db_count_entry){
		.doc = cd.d.id,
		.loc = ch->k->loc.id,
		.item = ch->k->it.id,
		.lot = ch->k->lot,
		.counted = ch->qty,
		.book = post_balance(db, ch->k->loc.id, ch->k->it.id,
		    ch->k->lot),
		.user = wms_user_id(w),
		.at = at,
	};
	if ((rc = db_count_enter(db, &e, err)) != 0)
		return rc;
	log->action = "count.enter";
	log->doc = ch->number;
	log->detail = count_detail(ch->k, ch->qty);
	return 0;
}

int
wms_count_enter(struct wms *w, const char *number, const char *loc,
    const char *item, const char *lot, int64_t qty, struct wms_err *err)
{
	struct count_doc	 cd;
	struct count_key	 k;
	struct count_change	 ch = { .number = number, .k = &k, .qty = qty };
	char			 q[32];
	int			 rc;

	memset(&k, 0, sizeof k);
	if ((rc = wms_require(w, WMS_PERM_COUNT, err)) != 0)
		return rc;
	if (qty < 0 || qty > WMS_QTY_MAX)
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("bad quantity: a counted quantity is zero or more"));
	if ((rc = count_doc(wms_db(w), number, &cd, err)) != 0 ||
	    (rc = count_open(&cd, err)) != 0)
		return rc;
	if ((rc = count_key(w, &cd, loc, item, lot, &k, err)) != 0)
		goto out;
	if (k.serial && qty != 0 && qty != 1000) {
		rc = wms_err_set(err, WMS_ERR_INVALID,
		    _("%s is serial-tracked: a serial is counted as 0 or 1 %s, "
		    "not %s"), k.it.code, k.it.uom, wms_qty_fmt(qty, q,
		    sizeof q));
		goto out;
	}
	rc = wms_write_run(w, WMS_PERM_COUNT, count_enter_write, &ch, err);
out:
	db_item_fini(&k.it);
	return rc;
}

/* Send a line back for recount, inside the write: see struct count_change. */
static int
count_recount_write(struct wms *w, void *arg, struct wms_write *log,
    struct wms_err *err)
{
	struct count_change	*ch = arg;
	const struct count_key	*k = ch->k;
	struct count_doc	 cd;
	int			 rc;

	if ((rc = count_doc(wms_db(w), ch->number, &cd, err)) != 0 ||
	    (rc = count_open(&cd, err)) != 0)
		return rc;
	if ((rc = db_count_recount(wms_db(w), cd.d.id, k->loc.id, k->it.id,
	    k->lot, err)) < 0)
		return rc;
	if (rc == 0)
		return wms_err_set(err, WMS_ERR_NOTFOUND,
		    _("%s%s%s at %s is not a line of count %s"), k->it.code,
		    k->lot_code != NULL ? _(" lot ") : "",
		    k->lot_code != NULL ? k->lot_code : "", k->loc.path,
		    cd.number);
	log->action = "count.recount";
	log->doc = ch->number;
	log->detail = count_detail(k, -1);
	return 0;
}

int
wms_count_recount(struct wms *w, const char *number, const char *loc,
    const char *item, const char *lot, struct wms_err *err)
{
	struct count_doc	 cd;
	struct count_key	 k;
	struct count_change	 ch = { .number = number, .k = &k, .qty = -1 };
	int			 rc;

	memset(&k, 0, sizeof k);
	if ((rc = wms_require(w, WMS_PERM_SUPERVISE, err)) != 0)
		return rc;
	if ((rc = count_doc(wms_db(w), number, &cd, err)) != 0 ||
	    (rc = count_open(&cd, err)) != 0)
		return rc;
	if ((rc = count_key(w, &cd, loc, item, lot, &k, err)) == 0)
		rc = wms_write_run(w, WMS_PERM_SUPERVISE, count_recount_write,
		    &ch, err);
	db_item_fini(&k.it);
	return rc;
}

/* The caller's callback of wms_count_each(), and whether it is blind. */
struct count_each {
	int	(*fn)(const struct db_count_line *, void *);
	void	*arg;
	int	 hide;
};

static int
count_line(const struct db_count_line *l, void *arg)
{
	struct count_each	*e = arg;
	struct db_count_line	 r = *l;

	r.variance = r.value = 0;
	if (r.has_counted) {
		r.variance = r.counted - r.book;
		/* avg_milli is minor units per base unit, x1000. */
		if (wms_muldiv(r.variance, r.avg_milli, 1000000,
		    &r.value) != 0)
			r.value = 0;
	} else
		r.counted = r.book = 0;
	if (e->hide)
		r.expected = r.book = r.variance = r.value = r.avg_milli = 0;
	return e->fn(&r, e->arg);
}

int
wms_count_blind(struct wms *w, const char *status)
{
	/*
	 * Blind while the count is open, for all who may not supervise it;
	 * once posted there is nothing left to count, and whoever may see
	 * values (the auditor too) sees expected, book and variance.
	 */
	if (strcmp(status, "posted") == 0)
		return !wms_may_see_values(w);
	return wms_require(w, WMS_PERM_SUPERVISE, NULL) != 0;
}

int
wms_count_each(struct wms *w, const char *number, int *blind,
    int (*fn)(const struct db_count_line *, void *), void *arg,
    struct wms_err *err)
{
	struct count_doc	cd;
	struct count_each	e = { .fn = fn, .arg = arg };
	int			rc;

	if ((rc = wms_require(w, WMS_PERM_READ, err)) != 0)
		return rc;
	if ((rc = count_doc(wms_db(w), number, &cd, err)) != 0)
		return rc;
	e.hide = wms_count_blind(w, cd.d.status);
	if (blind != NULL)
		*blind = e.hide;
	return db_count_line_each(wms_db(w), cd.d.id, count_line, &e, err);
}

int
wms_count_info(struct wms *w, const char *number, struct wms_count_info *ci,
    struct wms_err *err)
{
	struct count_doc	cd;
	struct db_count_tally	t;
	int			rc;

	memset(ci, 0, sizeof *ci);
	if ((rc = wms_require(w, WMS_PERM_READ, err)) != 0)
		return rc;
	if ((rc = count_doc(wms_db(w), number, &cd, err)) != 0)
		return rc;
	snprintf(ci->number, sizeof ci->number, "%s", cd.number);
	snprintf(ci->status, sizeof ci->status, "%s", cd.d.status);
	snprintf(ci->prefix, sizeof ci->prefix, "%s", cd.d.prefix);
	snprintf(ci->depot, sizeof ci->depot, "%s", cd.d.depot);
	if ((rc = db_count_tally(wms_db(w), cd.d.id, &t, err)) != 0)
		return rc;
	ci->lines = t.lines;
	ci->counted = t.counted;
	ci->pending = t.pending;
	return 0;
}

/* The caller's callback of wms_count_list(). */
struct count_list {
	int	(*fn)(const struct wms_count_info *, void *);
	void	*arg;
};

static int
count_summary(const struct db_count_summary *c, void *arg)
{
	struct count_list	*l = arg;
	struct wms_count_info	 ci;

	memset(&ci, 0, sizeof ci);
	snprintf(ci.number, sizeof ci.number, "%s", c->number);
	snprintf(ci.status, sizeof ci.status, "%s", c->status);
	snprintf(ci.prefix, sizeof ci.prefix, "%s", c->prefix);
	snprintf(ci.depot, sizeof ci.depot, "%s", c->depot);
	ci.lines = c->lines;
	ci.counted = c->counted;
	ci.pending = ci.lines - ci.counted;
	return l->fn(&ci, l->arg);
}

int
wms_count_list(struct wms *w, int all, int limit,
    int (*fn)(const struct wms_count_info *, void *), void *arg,
    struct wms_err *err)
{
	struct count_list	l = { .fn = fn, .arg = arg };
	int			rc;

	if ((rc = wms_require(w, WMS_PERM_READ, err)) != 0)
		return rc;
	return db_count_list_each(wms_db(w), all, limit, count_summary, &l,
	    err);
}

/*
 * A line of a count for the count.post event (docs/events.md): what the
 * variance report reads of it at the depot, that the centre reads the
 * same.  Book and counted only once counted.
 */
static int
count_ev_line(const struct db_count_line *l, void *arg)
{
	json_t *d;

	d = json_object();
	json_object_set_new_nocheck(d, "location",
	    wms_json_string(l->location));
	json_object_set_new_nocheck(d, "item", wms_json_string(l->item));
	if (l->lot != NULL && *l->lot != '\0')
		json_object_set_new_nocheck(d, "lot", wms_json_string(l->lot));
	json_object_set_new_nocheck(d, "status", wms_json_string(l->status));
	json_object_set_new_nocheck(d, "expected_milli",
	    json_integer(l->expected));
	if (l->has_counted) {
		json_object_set_new_nocheck(d, "book_milli",
		    json_integer(l->book));
		json_object_set_new_nocheck(d, "counted_milli",
		    json_integer(l->counted));
	}
	json_array_append_new(arg, d);
	return 0;
}

int
wms_count_post(struct wms *w, const char *number, int skip_uncounted,
    struct wms_err *err)
{
	struct db			*db = wms_db(w);
	struct count_doc		 cd;
	struct db_count_variance	*v = NULL;
	struct db_count_tally		 t;
	json_t				*lines;
	struct post			 p;
	struct db_loc			 adj, loc;
	struct db_item			 it;
	char				 msg[sizeof err->msg];
	size_t				 n = 0, i;
	int64_t				 diff;
	int				 rc;

	memset(&p, 0, sizeof p);
	if ((rc = wms_require(w, WMS_PERM_SUPERVISE, err)) != 0)
		return rc;
	if ((rc = count_doc(db, number, &cd, err)) != 0 ||
	    (rc = count_open(&cd, err)) != 0)
		return rc;
	if ((rc = post_attach(&p, w, cd.d.id, cd.number, err)) != 0)
		return rc;
	if ((rc = count_doc(db, number, &cd, err)) != 0 ||
	    (rc = count_open(&cd, err)) != 0 ||
	    (rc = db_count_tally(db, cd.d.id, &t, err)) != 0)
		goto fail;
	if (t.pending > 0 && !skip_uncounted) {
		rc = wms_err_set(err, WMS_ERR_REFUSED,
		    _("count %s: %d of %d lines are not counted (pending or "
		    "sent for recount): count them, or post with "
		    "--skip-uncounted"), cd.number, t.pending, t.lines);
		goto fail;
	}
	if ((rc = post_loc_virtual(db, cd.d.depot, WMS_LOC_ADJUST, &adj,
	    err)) != 0 ||
	    (rc = db_count_variances(db, cd.d.id, &v, &n, err)) != 0)
		goto fail;
	for (i = 0; i < n; i++) {
		if ((rc = post_loc_by_id(db, v[i].loc, &loc, err)) != 0 ||
		    (rc = wms_item_get_id(w, v[i].item, &it, err)) != 0)
			goto fail;
		diff = v[i].counted - v[i].book;
		if (diff > 0)
			rc = post_move(&p, &it, v[i].lot, v[i].lot_code, &adj,
			    &loc, diff, POST_VALUE_AUTO, NULL, err);
		else
			rc = post_move(&p, &it, v[i].lot, v[i].lot_code, &loc,
			    &adj, -diff, POST_VALUE_AUTO, NULL, err);
		db_item_fini(&it);
		if (rc != 0) {
			snprintf(msg, sizeof msg, "%s", err != NULL ?
			    err->msg : "");
			rc = wms_err_set(err, rc, _("cannot post count %s: %s"),
			    cd.number, msg);
			goto fail;
		}
	}
	if ((rc = db_count_set_status(db, cd.d.id, "posted", err)) != 0)
		goto fail;
	lines = json_array();
	if ((rc = db_count_line_each(db, cd.d.id, count_ev_line, lines,
	    err)) != 0) {
		json_decref(lines);
		goto fail;
	}
	rc = post_commit(&p, "count.post", json_pack("{ss ss si si si so}",
	    "depot", cd.d.depot, "prefix", cd.d.prefix, "lines", t.lines,
	    "adjusted", (int)n, "skipped", t.pending, "count_lines", lines),
	    err);
	goto out;
fail:
	post_abort(&p);
out:
	free(v);
	return rc;
}
