/* The posting engine: document, movements, balances, valuation, audit, event. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/post.h"
#include "core/qty.h"
#include "core/wms.h"
#include "core/write.h"
#include "data/db-ledger.h"
#include "data/db-lookup.h"
#include "lib/i18n.h"
#include "lib/json.h"
#include "lib/xmalloc.h"

int
post_loc_get_db(struct db *db, const char *path, struct db_loc *l,
    struct wms_err *err)
{
	int rc;

	if (path == NULL || *path == '\0')
		return wms_err_set(err, WMS_ERR_INVALID, _("missing location"));
	if ((rc = db_loc_get(db, path, l, err)) == 0)
		return wms_err_set(err, WMS_ERR_NOTFOUND,
		    _("unknown location %s: add it with makhzan location add"),
		    path);
	return rc < 0 ? rc : 0;
}

int
post_loc_by_id(struct db *db, int64_t id, struct db_loc *l,
    struct wms_err *err)
{
	int rc;

	if ((rc = db_loc_by_id(db, id, l, err)) == 0)
		return wms_err_set(err, WMS_ERR_NOTFOUND,
		    _("unknown location id %lld"), (long long)id);
	return rc < 0 ? rc : 0;
}

int
post_loc_get(struct post *p, const char *path, struct db_loc *l,
    struct wms_err *err)
{
	return post_loc_get_db(p->db, path, l, err);
}

int
post_loc_virtual(struct db *db, const char *depot, const char *suffix,
    struct db_loc *l, struct wms_err *err)
{
	char path[64];

	snprintf(path, sizeof path, "%s/%s", depot, suffix);
	return post_loc_get_db(db, path, l, err);
}

int64_t
post_balance(struct db *db, int64_t loc, int64_t item, int64_t lot)
{
	int64_t q;

	if (db_bal_get(db, loc, item, lot, &q, NULL) != 0)
		return 0;
	return q;
}

int
post_refuse_stock(struct wms_err *err, const char *loc,
    const struct db_item *it, const char *lot, int64_t have, int64_t want)
{
	char h[32], q[32];

	wms_qty_fmt(have, h, sizeof h);
	wms_qty_fmt(want, q, sizeof q);
	if (lot != NULL && *lot != '\0')
		return wms_err_set(err, WMS_ERR_REFUSED,
		    _("insufficient stock: %s has %s %s of %s lot %s, %s "
		    "requested"), loc, h, it->uom, it->code, lot, q);
	return wms_err_set(err, WMS_ERR_REFUSED,
	    _("insufficient stock: %s has %s %s of %s, %s requested"), loc, h,
	    it->uom, it->code, q);
}

/* An id of the header (cost_centre_id, ...), or 0 when it has none. */
static int64_t
post_hdr_id(const json_t *hdr, const char *key)
{
	int64_t id;

	if (hdr == NULL || wms_json_get_int(hdr, key, &id) != 0)
		return 0;
	return id;
}

/* A stored time as makhzan writes them: 2026-12-03T01:58:22.123Z. */
static int
post_iso_ok(const char *s)
{
	static const char pat[] = "dddd-dd-ddTdd:dd:dd.dddZ";
	size_t i;

	if (s == NULL || strlen(s) != sizeof pat - 1)
		return 0;
	for (i = 0; pat[i] != '\0'; i++) {
		if (pat[i] == 'd' ? (s[i] < '0' || s[i] > '9') : s[i] != pat[i])
			return 0;
	}
	return wms_date_valid((char [11]){ s[0], s[1], s[2], s[3], s[4], s[5],
	    s[6], s[7], s[8], s[9], '\0' });
}

int
post_open(struct post *p, struct wms *w, int perm, struct wms_err *err)
{
	memset(p, 0, sizeof *p);
	p->w = w;
	p->db = wms_db(w);
	return wms_write_begin(w, perm, err);
}

int
post_begin(struct post *p, struct wms *w, const char *type, int64_t depot,
    const char *depot_code, json_t *hdr, struct wms_err *err)
{
	int rc;

	/*
	 * A header with a number is another site's document that the centre
	 * forwarded, signed (core/transfer-site.c): makhzan sync applies it,
	 * with no user logged in.  Only core/ makes a header.
	 */
	if ((rc = post_open(p, w, wms_json_get_str(hdr, "number") != NULL ?
	    WMS_WRITE_NOBODY : WMS_PERM_POST, err)) != 0) {
		json_decref(hdr);
		return rc;
	}
	return post_doc(p, type, depot, depot_code, hdr, err);
}

int
post_doc(struct post *p, const char *type, int64_t depot,
    const char *depot_code, json_t *hdr, struct wms_err *err)
{
	struct db_doc_new	 d;
	const char		*status;
	char			 prefix[48], last[48];
	int64_t			 seq;
	int			 rc, year;

	snprintf(p->type, sizeof p->type, "%s", type);
	wms_now_iso(p->w, p->at);
	snprintf(p->today, sizeof p->today, "%.10s", p->at);
	year = (int)strtol(p->at, NULL, 10);
	/*
	 * The next number of this depot, type and year: one more than the
	 * highest one written, found in the number index (no counter row to
	 * write, and a rolled-back posting leaves no gap).
	 */
	snprintf(prefix, sizeof prefix, "%s-%s-%04d-", depot_code, type, year);
	if (wms_json_get_str(hdr, "number") != NULL) {
		/*
		 * Another site's document, with its own number and the time
		 * it was shipped there (the sites agree since when it is in
		 * transit).
		 */
		snprintf(p->number, sizeof p->number, "%s",
		    wms_json_get_str(hdr, "number"));
		if (post_iso_ok(wms_json_get_str(hdr, "at"))) {
			snprintf(p->at, sizeof p->at, "%s",
			    wms_json_get_str(hdr, "at"));
			snprintf(p->today, sizeof p->today, "%.10s", p->at);
		}
		goto numbered;
	}
	if ((rc = db_doc_last(p->db, prefix, last, sizeof last, err)) < 0)
		goto out;
	seq = rc == 1 ? strtoll(last + strlen(prefix), NULL, 10) + 1 : 1;
	if (seq > 999999) {
		rc = wms_err_set(err, WMS_ERR_REFUSED,
		    _("the document numbers %s000001 to %s999999 are all used"),
		    prefix, prefix);
		goto out;
	}
	snprintf(p->number, sizeof p->number, "%s%06lld", prefix,
	    (long long)seq);
numbered:

	status = wms_json_get_str(hdr, "status");
	memset(&d, 0, sizeof d);
	d.number = p->number;
	d.type = type;
	d.depot_id = depot;
	d.status = status != NULL ? status : "posted";
	d.at = p->at;
	d.user_id = post_hdr_id(hdr, "user_id") != 0 ?
	    post_hdr_id(hdr, "user_id") : wms_user_id(p->w);
	d.supplier = wms_json_get_str(hdr, "supplier");
	d.ref = wms_json_get_str(hdr, "ref");
	d.cost_centre_id = post_hdr_id(hdr, "cost_centre_id");
	d.requester = wms_json_get_str(hdr, "requester");
	d.reason = wms_json_get_str(hdr, "reason");
	d.dest_depot_id = post_hdr_id(hdr, "dest_depot_id");
	d.reverses_id = post_hdr_id(hdr, "reverses_id");
	d.returns_id = post_hdr_id(hdr, "returns_id");
	d.location_prefix = wms_json_get_str(hdr, "location_prefix");
	rc = db_doc_add(p->db, &d, &p->doc_id, err);
out:
	json_decref(hdr);
	if (rc != 0)
		post_abort(p);
	return rc;
}

int
post_attach(struct post *p, struct wms *w, int64_t doc_id, const char *number,
    struct wms_err *err)
{
	int rc;

	memset(p, 0, sizeof *p);
	p->w = w;
	p->db = wms_db(w);
	p->doc_id = doc_id;
	snprintf(p->number, sizeof p->number, "%s", number);
	wms_now_iso(w, p->at);
	snprintf(p->today, sizeof p->today, "%.10s", p->at);
	if ((rc = wms_write_begin(w, WMS_PERM_POST, err)) != 0)
		goto out;
	/* Continue the line numbers after the document's last movement. */
	rc = db_doc_max_line(p->db, doc_id, &p->line, err);
	p->first_line = p->line;
out:
	if (rc != 0)
		post_abort(p);
	return rc;
}

/* The valuation of item at depot, loaded once per posting. */
static struct post_cost *
post_cost(struct post *p, int64_t item, int64_t depot, struct wms_err *err)
{
	struct post_cost	*c;
	long			 at;

	if ((at = wms_imap_get(&p->costmap, item, depot, 0)) >= 0)
		return &p->costs[at];
	p->costs = xgrow(p->costs, p->ncosts, &p->capcosts, sizeof *p->costs);
	c = &p->costs[p->ncosts];
	memset(c, 0, sizeof *c);
	c->item = item;
	c->depot = depot;
	if (db_cost_get(p->db, item, depot, &c->value, &c->avg_milli,
	    err) != 0 ||
	    db_bal_depot(p->db, item, depot, &c->qty, err) != 0)
		return NULL;
	wms_imap_put(&p->costmap, item, depot, 0, p->ncosts);
	p->ncosts++;
	return c;
}

static int64_t
post_at_avg(const struct post_cost *c, int64_t qty)
{
	int64_t v = 0;

	if (wms_muldiv(c->avg_milli, qty, 1000000, &v) != 0)
		return 0;
	return v;
}

/* The part of the depot's value that qty takes with it; all at the last. */
static int64_t
post_share(const struct post_cost *c, int64_t qty)
{
	int64_t v;

	if (c->qty <= qty)
		return c->value;
	if (wms_muldiv(c->value, qty, c->qty, &v) != 0)
		return 0;
	return v;
}

/*
 * What a reversal takes out of a depot: the value the original movement
 * brought (so that the depot is back where it was), but never more than
 * the depot holds, and all of it with the last unit (no value is left
 * where no quantity is).
 */
static int64_t
post_back(const struct post_cost *c, int64_t qty, int64_t value)
{
	if (c->qty <= qty)
		return c->value;
	if (value < 0)
		return 0;
	return value < c->value ? value : c->value;
}

/*
 * Refuse a value past WMS_VALUE_MAX with the figures: the item, the depot,
 * what it holds and what would be added.
 */
static int
post_refuse_value(struct post *p, struct wms_err *err,
    const struct db_item *it, const char *depot, int64_t have, int64_t add)
{
	char	h[40], a[40], l[40];
	int	minor = wms_currency_minor(p->w);

	return wms_err_set(err, WMS_ERR_REFUSED,
	    _("value too large: %s holds %s of %s, %s more would pass the "
	    "limit of %s per item and depot"), depot,
	    wms_money_fmt(have, minor, h, sizeof h), it->code,
	    wms_money_fmt(add, minor, a, sizeof a),
	    wms_money_fmt(WMS_VALUE_MAX, minor, l, sizeof l));
}

/*
 * qty and v (signed) move into (or out of) the valuation c of it at the
 * depot called depot: checked, and the average worked out again.
 */
static int
post_cost_move(struct post *p, struct post_cost *c, const struct db_item *it,
    const char *depot, int64_t qty, int64_t v, struct wms_err *err)
{
	int64_t q, val, a;

	if (wms_add(c->qty, qty, &q) != 0 ||
	    wms_add_within(c->value, v, WMS_VALUE_MAX, &val) != 0)
		return post_refuse_value(p, err, it, depot, c->value, v);
	c->qty = q;
	c->value = val;
	if (c->qty > 0 && c->value >= 0) {
		if (wms_muldiv(c->value, 1000000, c->qty, &a) != 0)
			return wms_err_set(err, WMS_ERR_REFUSED,
			    _("value too large: the average cost of %s at %s "
			    "would not fit; receive it in larger units"),
			    it->code, depot);
		c->avg_milli = a;
	}
	/* No quantity, no value (docs/architecture.md). */
	if (c->qty == 0)
		c->value = 0;
	return 0;
}

/* Refuse a balance past WMS_BAL_MAX, with the figures. */
static int
post_refuse_bal(struct wms_err *err, const char *loc,
    const struct db_item *it, int64_t have, int64_t qty, int out)
{
	char h[32], q[32], l[32];

	wms_qty_fmt(have, h, sizeof h);
	wms_qty_fmt(qty, q, sizeof q);
	wms_qty_fmt(WMS_BAL_MAX, l, sizeof l);
	if (out)
		return wms_err_set(err, WMS_ERR_REFUSED,
		    _("too much stock: %s has %s %s of %s, taking %s more "
		    "would pass the limit of -%s per balance"), loc, h,
		    it->uom, it->code, q, l);
	return wms_err_set(err, WMS_ERR_REFUSED,
	    _("too much stock: %s has %s %s of %s, %s more would pass the "
	    "limit of %s per balance"), loc, h, it->uom, it->code, q, l);
}

/* The balance of loc/item/lot in this posting, read on first use. */
static struct post_bal *
post_bal(struct post *p, int64_t loc, int64_t item, int64_t lot,
    struct wms_err *err)
{
	struct post_bal	*b;
	int64_t		 qty;
	long		 at;

	if ((at = wms_imap_get(&p->balmap, loc, item, lot)) >= 0)
		return &p->bals[at];
	if (db_bal_get(p->db, loc, item, lot, &qty, err) != 0)
		return NULL;
	p->bals = xgrow(p->bals, p->nbals, &p->capbals, sizeof *p->bals);
	b = &p->bals[p->nbals];
	b->loc = loc;
	b->item = item;
	b->lot = lot;
	b->start = qty;
	b->qty = qty;
	wms_imap_put(&p->balmap, loc, item, lot, p->nbals);
	return &p->bals[p->nbals++];
}

/* Write every balance the posting changed. */
static int
post_bal_flush(struct post *p, struct wms_err *err)
{
	size_t	i;
	int	rc;

	for (i = 0; i < p->nbals; i++) {
		if (p->bals[i].qty == p->bals[i].start)
			continue;
		if ((rc = db_bal_put(p->db, p->bals[i].loc, p->bals[i].item,
		    p->bals[i].lot, p->bals[i].qty, err)) != 0)
			return rc;
	}
	return 0;
}

/*
 * The JSON string of text, known by kind and id, shared by every movement
 * of the posting that names it (a new reference).  A 10,000-line document
 * makes a few hundred strings instead of 30,000.
 */
static json_t *
post_str(struct post *p, int64_t kind, int64_t id, const char *text)
{
	struct post_str	*s;
	long		 at;

	if ((at = wms_imap_get(&p->strmap, kind, id, 0)) >= 0)
		return json_incref(p->strs[at].s);
	p->strs = xgrow(p->strs, p->nstrs, &p->capstrs, sizeof *p->strs);
	s = &p->strs[p->nstrs];
	s->s = wms_json_string(text);
	wms_imap_put(&p->strmap, kind, id, 0, p->nstrs++);
	return json_incref(s->s);
}

/*
 * The expiry date of lot (an id) for the event: a JSON string, or JSON
 * null when the lot has none (docs/events.md: a movement of a lot always
 * says, so that the centre tells "no expiry" from an event older than the
 * field).  Looked up once per lot and posting, kept as kind 'e'.
 */
static json_t *
post_expiry(struct post *p, int64_t lot, struct wms_err *err)
{
	struct db_lot	 l;
	long		 at;
	int		 rc;

	if ((at = wms_imap_get(&p->strmap, 'e', lot, 0)) >= 0)
		return p->strs[at].s;
	memset(&l, 0, sizeof l);
	if ((rc = db_lot_by_id(p->db, lot, &l, err)) < 0)
		return NULL;
	p->strs = xgrow(p->strs, p->nstrs, &p->capstrs, sizeof *p->strs);
	p->strs[p->nstrs].s = rc == 1 && l.expiry[0] != '\0' ?
	    wms_json_string(l.expiry) : json_null();
	wms_imap_put(&p->strmap, 'e', lot, 0, p->nstrs);
	return p->strs[p->nstrs++].s;
}

/*
 * Append a movement to the event's movements, encoded at once: one object
 * (per kind: with a lot or without) is filled again for every movement,
 * so that a 10,000-line document is not 10,000 objects held until the
 * commit.  Its members are set in the order docs/events.md lists them.
 */
static void
post_ev(struct post *p, const struct db_item *it, const char *lot,
    json_t *expiry, const struct db_loc *from, const struct db_loc *to,
    int64_t qty, int64_t value)
{
	int	 haslot = lot != NULL && *lot != '\0';
	json_t	*m;

	if (p->evm[haslot] == NULL) {
		p->evm[haslot] = json_object();
		json_object_set_new_nocheck(p->evm[haslot], "item",
		    json_null());
		if (haslot)
			json_object_set_new_nocheck(p->evm[haslot], "lot",
			    json_null());
		json_object_set_new_nocheck(p->evm[haslot], "from",
		    json_null());
		json_object_set_new_nocheck(p->evm[haslot], "to", json_null());
		json_object_set_new_nocheck(p->evm[haslot], "qty_milli",
		    json_integer(0));
		json_object_set_new_nocheck(p->evm[haslot], "value",
		    json_integer(0));
	}
	m = p->evm[haslot];
	json_object_set_new_nocheck(m, "item", post_str(p, 'i', it->id,
	    it->code));
	if (haslot)
		json_object_set_new_nocheck(m, "lot", wms_json_string(lot));
	json_object_set_new_nocheck(m, "from", post_str(p, 'l', from->id,
	    from->path));
	json_object_set_new_nocheck(m, "to", post_str(p, 'l', to->id,
	    to->path));
	json_integer_set(json_object_get(m, "qty_milli"), qty);
	json_integer_set(json_object_get(m, "value"), value);
	if (haslot)
		json_object_set_nocheck(m, "expiry", expiry != NULL ? expiry :
		    json_null());
	wms_json_list_add(&p->moves, m);
}

/* Remember a serial number moved into stock, for post_serial_check(). */
static void
post_serial_note(struct post *p, const struct db_item *it, int64_t lot,
    const char *code, int64_t to)
{
	struct post_serial *s;

	p->serials = xgrow(p->serials, p->nserials, &p->capserials,
	    sizeof *p->serials);
	s = &p->serials[p->nserials++];
	s->item = it->id;
	s->lot = lot;
	s->to = to;
	snprintf(s->code, sizeof s->code, "%s", code != NULL ? code : "?");
	snprintf(s->item_code, sizeof s->item_code, "%s", it->code);
}

/*
 * A serial number is in stock at one place at most: once the balances are
 * written, the real and transit balances of every serial moved into stock
 * sum to one unit, whatever moved it (a receipt, an adjustment, a
 * reversal).
 */
static int
post_serial_check(struct post *p, struct wms_err *err)
{
	struct post_serial	*s;
	char			 where[208];
	size_t			 i;
	int			 rc;

	for (i = 0; i < p->nserials; i++) {
		s = &p->serials[i];
		rc = db_serial_where(p->db, s->item, s->lot, s->to, where,
		    sizeof where, err);
		if (rc == 1)
			return wms_err_set(err, WMS_ERR_CONFLICT,
			    _("serial %s of %s is already in stock at %s"),
			    s->code, s->item_code, where);
		if (rc < 0)
			return rc;
	}
	return 0;
}

static int
post_is_real(const struct db_loc *l)
{
	return strcmp(l->kind, "internal") == 0;
}

int
post_move(struct post *p, const struct db_item *it, int64_t lot,
    const char *lot_code, const struct db_loc *from,
    const struct db_loc *to, int64_t qty, int64_t value, int64_t *moved,
    struct wms_err *err)
{
	struct post_cost	*cf = NULL, *ct = NULL;
	struct post_bal		*bf, *bt;
	struct db_move		 m;
	json_t			*exp;
	int64_t			 v = 0, nq, nf, have;
	int			 rc, within, serial, over;

	if (qty <= 0 || qty > WMS_QTY_MAX)
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("bad quantity: must be more than zero"));
	serial = strcmp(it->tracking, "serial") == 0;
	if (serial && qty != 1000)
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("%s is serial-tracked: each serial number moves as one "
		    "whole unit"), it->code);
	if (from->id == to->id)
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("%s is both the source and the destination"), from->path);
	within = post_is_real(from) && post_is_real(to) &&
	    from->depot_id == to->depot_id;
	if (post_is_real(from) && (cf = post_cost(p, it->id, from->depot_id,
	    err)) == NULL)
		return WMS_ERR_DB;
	if (post_is_real(to) && (ct = post_cost(p, it->id, to->depot_id,
	    err)) == NULL)
		return WMS_ERR_DB;

	/*
	 * The value that moves: out of a depot its share of the depot's
	 * value (so stock on hand never has a negative value), or in a
	 * reversal the value the original movement carried, within what the
	 * depot holds (post_back); into a depot as given, else at the depot's
	 * average.
	 */
	if (cf != NULL)
		v = p->reversal && value != POST_VALUE_AUTO ?
		    post_back(cf, qty, value) : post_share(cf, qty);
	else if (value != POST_VALUE_AUTO)
		v = value;
	else if (ct != NULL)
		v = post_at_avg(ct, qty);
	if (v > WMS_VALUE_MAX || v < -WMS_VALUE_MAX)
		return post_refuse_value(p, err, it, to->depot_id != 0 ?
		    to->depot : from->depot, 0, v);
	if (!within) {
		if (cf != NULL && (rc = post_cost_move(p, cf, it, from->depot,
		    -qty, -v, err)) != 0)
			return rc;
		if (ct != NULL && (rc = post_cost_move(p, ct, it, to->depot,
		    qty, v, err)) != 0)
			return rc;
	}

	/*
	 * Both balances checked before either changes: stock that is not
	 * there first, then a destination past the limit (the bin a receipt
	 * fills, rather than the supplier it comes from), then the source.
	 * post_bal() may move the array: bf is looked up again.
	 */
	if ((bf = post_bal(p, from->id, it->id, lot, err)) == NULL)
		return WMS_ERR_DB;
	if (bf->qty - qty < 0 && (post_is_real(from) || strcmp(from->kind,
	    "transit") == 0))
		return post_refuse_stock(err, from->path, it, lot_code,
		    bf->qty, qty);
	have = bf->qty;
	over = wms_add_within(have, -qty, WMS_BAL_MAX, &nf) != 0;
	if ((bt = post_bal(p, to->id, it->id, lot, err)) == NULL)
		return WMS_ERR_DB;
	if (wms_add_within(bt->qty, qty, WMS_BAL_MAX, &nq) != 0)
		return post_refuse_bal(err, to->path, it, bt->qty, qty, 0);
	if (over)
		return post_refuse_bal(err, from->path, it, have, qty, 1);
	bt->qty = nq;
	if ((bf = post_bal(p, from->id, it->id, lot, err)) == NULL)
		return WMS_ERR_DB;
	bf->qty = nf;
	if (serial && (post_is_real(to) || strcmp(to->kind, "transit") == 0))
		post_serial_note(p, it, lot, lot_code, to->id);

	memset(&m, 0, sizeof m);
	m.doc = p->doc_id;
	m.line = ++p->line;
	m.item = it->id;
	m.lot = lot;
	m.from = from->id;
	m.to = to->id;
	m.qty = qty;
	m.value = v;
	if ((rc = db_move_add(p->db, &m, p->at, err)) != 0)
		return rc;
	exp = NULL;
	if (lot != 0 && lot_code != NULL && *lot_code != '\0' &&
	    (exp = post_expiry(p, lot, err)) == NULL)
		return err != NULL && err->rc != 0 ? err->rc : WMS_ERR_DB;
	post_ev(p, it, lot_code, exp, from, to, qty, v);
	p->nmoves++;
	if (moved != NULL)
		*moved = v;
	return 0;
}

static void post_free(struct post *);

int
post_commit(struct post *p, const char *action, json_t *extra,
    struct wms_err *err)
{
	struct wms_write	 log;
	json_t			*ev;
	size_t			 i;
	int			 rc;

	if ((rc = post_bal_flush(p, err)) != 0 ||
	    (rc = post_serial_check(p, err)) != 0)
		goto out;
	for (i = 0; i < p->ncosts; i++) {
		if ((rc = db_cost_put(p->db, p->costs[i].item,
		    p->costs[i].depot, p->costs[i].value,
		    p->costs[i].avg_milli, err)) != 0)
			goto out;
	}
	/* The event: the caller's fields, the document's, its movements. */
	ev = extra != NULL ? extra : json_object();
	extra = NULL;
	json_object_set_new(ev, "type", wms_json_string(action));
	json_object_set_new(ev, "number", wms_json_string(p->number));
	json_object_set_new(ev, "site", wms_json_string(wms_site(p->w)));
	json_object_set_new(ev, "at", wms_json_string(p->at));
	json_object_set_new(ev, "user", wms_json_string(wms_user_name(p->w)));
	memset(&log, 0, sizeof log);
	log.payload_text = wms_json_with_list(ev, "movements", &p->moves);
	json_decref(ev);
	log.action = action;
	log.doc = p->number;
	log.detail = json_pack("{sI}", "movements", (json_int_t)p->nmoves);
	log.event = action;
	log.lines_lo = p->first_line + 1;
	log.lines_hi = p->line;
	rc = wms_write_commit(p->w, &log, err);
out:
	json_decref(extra);
	if (rc != 0)
		post_abort(p);
	else
		post_free(p);
	return rc;
}

/* Free what a posting holds; the transaction is the caller's. */
static void
post_free(struct post *p)
{
	size_t i;

	wms_buf_free(&p->moves);
	json_decref(p->evm[0]);
	json_decref(p->evm[1]);
	p->evm[0] = p->evm[1] = NULL;
	for (i = 0; i < p->nstrs; i++)
		json_decref(p->strs[i].s);
	free(p->strs);
	wms_imap_free(&p->strmap);
	p->strs = NULL;
	p->nstrs = p->capstrs = 0;
	free(p->costs);
	free(p->bals);
	free(p->serials);
	wms_imap_free(&p->costmap);
	wms_imap_free(&p->balmap);
	p->costs = NULL;
	p->bals = NULL;
	p->serials = NULL;
	p->ncosts = p->capcosts = 0;
	p->nbals = p->capbals = p->nserials = p->capserials = 0;
}

void
post_abort(struct post *p)
{
	/* wms_write_commit() has rolled back already when it failed. */
	if (p->w != NULL && db_in_tx(p->db))
		wms_write_abort(p->w);
	post_free(p);
}
