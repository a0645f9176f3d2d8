/* Stock documents: receive, issue, move, transfer, adjust, reverse. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/hmap.h"
#include "lib/i18n.h"
#include "core/ledger.h"
#include "core/post.h"
#include "core/qty.h"
#include "core/transfer-site.h"
#include "core/wms.h"
#include "lib/xmalloc.h"
#include "data/db-ledger.h"
#include "data/db-lookup.h"

/* What each document type is: its number code, event name and rules. */
static const struct {
	const char	*code;
	const char	*action;
	enum wms_perm	 perm;
} doc_types[] = {
	[WMS_DOC_RECEIPT] = { "GRN", "receipt", WMS_PERM_POST },
	[WMS_DOC_ISSUE] = { "ISS", "issue", WMS_PERM_POST },
	[WMS_DOC_MOVE] = { "MOV", "move", WMS_PERM_POST },
	[WMS_DOC_TRANSFER] = { "TRF", "transfer.ship", WMS_PERM_POST },
	[WMS_DOC_ADJUST] = { "ADJ", "adjustment", WMS_PERM_SUPERVISE },
};

/* Items of a document looked up once each (a 10,000-line file has few). */
struct item_cache {
	struct db_item	*items;
	char		**keys;		/* as the line gave it: code or barcode */
	size_t		 n, cap;
	struct wms_hmap	 map;
};

struct item_key {
	const struct item_cache	*c;
	const char		*code;
};

static int
cache_eq(size_t pos, const void *arg)
{
	const struct item_key *k = arg;

	return strcmp(k->c->keys[pos], k->code) == 0;
}

static int
cache_item(struct wms *w, struct item_cache *c, const char *code,
    const struct db_item **out, struct wms_err *err)
{
	struct item_key	k = { c, code };
	struct db_item	it;
	uint64_t	h;
	long		at;
	int		rc;

	if (code == NULL)
		return wms_err_set(err, WMS_ERR_INVALID, _("missing item"));
	h = wms_hash_str(code);
	if ((at = wms_hmap_get(&c->map, h, cache_eq, &k)) >= 0) {
		*out = &c->items[at];
		return 0;
	}
	if ((rc = wms_item_get(w, code, &it, err)) != 0)
		return rc;
	if (c->n == c->cap) {
		c->cap = c->cap == 0 ? 16 : c->cap * 2;
		c->items = xreallocarray(c->items, c->cap, sizeof *c->items);
		c->keys = xreallocarray(c->keys, c->cap, sizeof *c->keys);
	}
	c->items[c->n] = it;
	c->keys[c->n] = xstrdup(code);
	wms_hmap_put(&c->map, h, c->n);
	*out = &c->items[c->n++];
	return 0;
}

static void
cache_free(struct item_cache *c)
{
	size_t i;

	for (i = 0; i < c->n; i++) {
		db_item_fini(&c->items[i]);
		free(c->keys[i]);
	}
	free(c->items);
	free(c->keys);
	wms_hmap_free(&c->map);
}

/* qty (thousandths) of unit of item in base thousandths, exactly. */
static int
ledger_base(struct wms *w, const struct db_item *it, int64_t qty,
    const char *unit, int64_t *base, struct wms_err *err)
{
	int64_t	factor, b;
	int	rc;

	if (unit == NULL || *unit == '\0' || strcmp(unit, it->uom) == 0) {
		*base = qty;
		return 0;
	}
	if ((rc = db_unit_get(wms_db(w), it->id, unit, &factor, err)) < 0)
		return rc;
	if (rc == 0)
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("%s has no unit %s: its base unit is %s (add one with "
		    "makhzan unit add)"), it->code, unit, it->uom);
	/* qty thousandths of unit x factor thousandths of base / 1000. */
	if (wms_muldiv(qty, factor, 1000, &b) != 0 || b > WMS_QTY_MAX ||
	    b < -WMS_QTY_MAX)
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("bad quantity: too large"));
	if ((__int128)b * 1000 != (__int128)qty * factor) {
		char q[32];

		return wms_err_set(err, WMS_ERR_INVALID,
		    _("bad quantity: %s %s is not a whole thousandth of %s"),
		    wms_qty_fmt(qty, q, sizeof q), unit, it->uom);
	}
	*base = b;
	return 0;
}

int
wms_to_base(struct wms *w, const char *code, int64_t qty, const char *unit,
    int64_t *base, struct wms_err *err)
{
	struct db_item	it;
	int		rc;

	if ((rc = wms_item_get(w, code, &it, err)) != 0)
		return rc;
	rc = ledger_base(w, &it, qty, unit, base, err);
	db_item_fini(&it);
	return rc;
}

/* A lot or serial number: 1 to 40 printable characters, no space, quote,
 * backslash, comma or semicolon (they go into CSV and JSON as they are). */
static int
ledger_lot_valid(const char *s)
{
	size_t n;

	if (s == NULL || (n = strlen(s)) < 1 || n > 40)
		return 0;
	for (; *s != '\0'; s++) {
		if ((unsigned char)*s <= 0x20 || *s == 0x7f ||
		    strchr("\"'\\,;", *s) != NULL)
			return 0;
	}
	return 1;
}

/*
 * The lot (or serial) code of item: found, or created on a receipt.  A
 * receipt may not give an existing lot another expiry.
 */
static int
ledger_lot(struct post *p, const struct db_item *it, const char *code,
    const char *expiry, int create, int64_t *id, char exp_out[11],
    struct wms_err *err)
{
	struct db_lot	lot;
	char		derived[11];
	int		rc;

	if (!ledger_lot_valid(code))
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("bad lot or serial \"%s\": 1 to 40 characters without "
		    "spaces or quotes"), code != NULL ? code : "");
	if (expiry != NULL && *expiry != '\0' && !wms_date_valid(expiry))
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("bad date \"%s\": use YYYY-MM-DD, a real date"), expiry);
	if ((rc = db_lot_get(p->db, it->id, code, &lot, err)) == 1) {
		*id = lot.id;
		snprintf(exp_out, 11, "%s", lot.expiry);
		if (create && expiry != NULL && *expiry != '\0' &&
		    strcmp(exp_out, expiry) != 0)
			return wms_err_set(err, WMS_ERR_CONFLICT,
			    _("lot %s of %s already exists with expiry %s, not "
			    "%s"), code, it->code, *exp_out ? exp_out : "-",
			    expiry);
		return 0;
	}
	if (rc < 0)
		return rc;
	if (!create)
		return wms_err_set(err, WMS_ERR_NOTFOUND,
		    _("unknown lot %s of %s"), code, it->code);
	if ((expiry == NULL || *expiry == '\0') && it->shelf_life > 0 &&
	    strcmp(it->tracking, "lot") == 0) {
		wms_date_add(p->today, it->shelf_life, derived);
		expiry = derived;
	}
	if ((rc = db_lot_add(p->db, it->id, code, expiry, id, err)) != 0)
		return rc;
	snprintf(exp_out, 11, "%s", expiry != NULL ? expiry : "");
	return 0;
}

/* Where a document's lines go from and to. */
struct route {
	struct db_loc	from, to;
	int		signed_qty;	/* adjust: negative swaps them */
	char		site[32];	/* transfer: the other site, or "" */
};

static int
ledger_route(struct post *p, struct wms *w, const struct wms_doc *d,
    struct route *r, int64_t *depot, const char **depot_code, json_t *hdr,
    struct wms_err *err)
{
	struct db	*db = wms_db(w);
	int64_t		 cc;
	int		 rc;

	(void)p;
	memset(r, 0, sizeof *r);
	switch (d->type) {
	case WMS_DOC_RECEIPT:
		if ((rc = post_loc_get_db(db, d->to, &r->to, err)) != 0)
			return rc;
		if (strcmp(r->to.kind, "internal") != 0)
			goto notreal_to;
		if ((rc = post_loc_virtual(db, r->to.depot, "@SUPPLIER",
		    &r->from, err)) != 0)
			return rc;
		break;
	case WMS_DOC_ISSUE:
		if ((rc = post_loc_get_db(db, d->from, &r->from, err)) != 0)
			return rc;
		if (d->to == NULL || *d->to == '\0')
			return wms_err_set(err, WMS_ERR_INVALID,
			    _("missing cost centre: give --to CODE"));
		if ((rc = db_cc_get(db, d->to, &cc, err)) == 0)
			return wms_err_set(err, WMS_ERR_NOTFOUND,
			    _("unknown cost centre %s: see makhzan cost-centre "
			    "list"), d->to);
		if (rc < 0)
			return rc;
		json_object_set_new(hdr, "cost_centre_id", json_integer(cc));
		{
			char path[64];

			snprintf(path, sizeof path, "@CC/%s", d->to);
			if ((rc = post_loc_get_db(db, path, &r->to, err)) != 0)
				return rc;
		}
		break;
	case WMS_DOC_MOVE:
		if ((rc = post_loc_get_db(db, d->from, &r->from, err)) != 0 ||
		    (rc = post_loc_get_db(db, d->to, &r->to, err)) != 0)
			return rc;
		if (strcmp(r->to.kind, "internal") != 0)
			goto notreal_to;
		if (r->from.depot_id != r->to.depot_id)
			return wms_err_set(err, WMS_ERR_INVALID,
			    _("%s and %s are in different depots: use makhzan "
			    "transfer ship"), r->from.path, r->to.path);
		break;
	case WMS_DOC_TRANSFER:
		if ((rc = post_loc_get_db(db, d->from, &r->from, err)) != 0)
			return rc;
		if ((rc = post_loc_virtual(db, d->to != NULL ? d->to : "",
		    "@TRANSIT", &r->to, err)) != 0)
			return wms_err_set(err, WMS_ERR_NOTFOUND,
			    _("unknown depot %s: see makhzan depot list"),
			    d->to != NULL ? d->to : "");
		if (r->to.depot_id == r->from.depot_id)
			return wms_err_set(err, WMS_ERR_INVALID,
			    _("a transfer goes to another depot; within %s use "
			    "makhzan move"), r->from.depot);
		json_object_set_new(hdr, "dest_depot_id",
		    json_integer(r->to.depot_id));
		json_object_set_new(hdr, "status", json_string("in_transit"));
		/* A depot of another site: to @SITE/<site> (after BEGIN). */
		if ((rc = wms_depot_foreign(w, r->to.depot, r->site,
		    sizeof r->site, err)) < 0)
			return rc;
		break;
	case WMS_DOC_ADJUST:
		if ((rc = post_loc_get_db(db, d->from, &r->from, err)) != 0)
			return rc;
		r->to = r->from;
		if ((rc = post_loc_virtual(db, r->from.depot, "@ADJUST",
		    &r->from, err)) != 0)
			return rc;
		r->signed_qty = 1;
		if (d->reason == NULL || *d->reason == '\0')
			return wms_err_set(err, WMS_ERR_INVALID,
			    _("an adjustment needs a reason: give --reason"));
		/* r->to is the real location, r->from the adjustment one. */
		if (strcmp(r->to.kind, "internal") != 0)
			goto notreal_to;
		*depot = r->to.depot_id;
		*depot_code = r->to.depot;
		return 0;
	}
	if (strcmp(r->from.kind, "internal") != 0 && d->type !=
	    WMS_DOC_RECEIPT)
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("%s is not a stock location"), r->from.path);
	*depot = d->type == WMS_DOC_RECEIPT ? r->to.depot_id : r->from.depot_id;
	*depot_code = d->type == WMS_DOC_RECEIPT ? r->to.depot : r->from.depot;
	return 0;
notreal_to:
	return wms_err_set(err, WMS_ERR_INVALID,
	    _("%s is not a stock location"), r->to.path);
}

/* The value of a receipt line: cost per unit x quantity in that unit. */
static int
ledger_line_value(const struct wms_line *ln, int64_t *v, struct wms_err *err)
{
	if (ln->cost < 0) {
		*v = POST_VALUE_AUTO;
		return 0;
	}
	if (wms_muldiv(ln->cost, ln->qty, 1000, v) != 0)
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("bad cost: the line's value is too large"));
	return 0;
}

static int
ledger_line(struct post *p, struct item_cache *cache, const struct wms_doc *d,
    const struct route *r, const struct wms_line *ln, struct wms_err *err)
{
	const struct db_item	*it;
	const struct db_loc	*from = &r->from, *to = &r->to;
	char			 exp[11], q[32];
	int64_t			 base, lot = 0, value, each, last;
	size_t			 i;
	int			 rc, receipt, tracking_lot, tracking_serial;

	if ((rc = cache_item(p->w, cache, ln->item, &it, err)) != 0)
		return rc;
	if (ln->qty == 0 || (!r->signed_qty && ln->qty < 0))
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("bad quantity: must be more than zero"));
	if ((rc = ledger_base(p->w, it, ln->qty, ln->unit, &base, err)) != 0)
		return rc;
	if (base < 0) {
		from = &r->to;
		to = &r->from;
		base = -base;
	}
	if ((rc = ledger_line_value(ln, &value, err)) != 0)
		return rc;
	if (value != POST_VALUE_AUTO && d->type != WMS_DOC_RECEIPT)
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("a cost is given on receipts only"));
	receipt = d->type == WMS_DOC_RECEIPT || (r->signed_qty && ln->qty > 0);
	tracking_lot = strcmp(it->tracking, "lot") == 0;
	tracking_serial = strcmp(it->tracking, "serial") == 0;

	if (!tracking_lot && ln->lot != NULL && *ln->lot != '\0')
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("%s is not lot-tracked: give no lot"), it->code);
	if (!tracking_serial && ln->nserials > 0)
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("%s is not serial-tracked: give no serial numbers"),
		    it->code);
	if (tracking_serial) {
		if (base % 1000 != 0 || (size_t)(base / 1000) != ln->nserials)
			return wms_err_set(err, WMS_ERR_INVALID,
			    _("%s is serial-tracked: %s %s needs %s serial "
			    "numbers, %zu given"), it->code,
			    wms_qty_fmt(base, q, sizeof q), it->uom,
			    base % 1000 ? _("whole units and") : q,
			    ln->nserials);
		for (i = 0; i < ln->nserials; i++) {
			size_t k;

			for (k = 0; k < i; k++) {
				if (strcmp(ln->serials[k], ln->serials[i]) == 0)
					return wms_err_set(err, WMS_ERR_INVALID,
					    _("serial %s of %s is given twice"),
					    ln->serials[i], it->code);
			}
		}
		last = value;
		for (i = 0; i < ln->nserials; i++) {
			if ((rc = ledger_lot(p, it, ln->serials[i], NULL,
			    receipt, &lot, exp, err)) != 0)
				return rc;
			each = value;
			if (value != POST_VALUE_AUTO) {
				each = i + 1 == ln->nserials ? last :
				    value / (int64_t)ln->nserials;
				last -= each;
			}
			if ((rc = post_move(p, it, lot, ln->serials[i], from,
			    to, 1000, each, NULL, err)) != 0)
				return rc;
		}
		return 0;
	}
	if (tracking_lot) {
		if (ln->lot == NULL || *ln->lot == '\0')
			return wms_err_set(err, WMS_ERR_INVALID,
			    _("%s is lot-tracked: give the lot number (--lot)"),
			    it->code);
		if ((rc = ledger_lot(p, it, ln->lot, ln->expiry, receipt, &lot,
		    exp, err)) != 0)
			return rc;
		if (d->type == WMS_DOC_ISSUE && *exp != '\0' &&
		    strcmp(exp, p->today) < 0) {
			if (!d->allow_expired)
				return wms_err_set(err, WMS_ERR_REFUSED,
				    _("lot %s of %s expired on %s: a supervisor "
				    "may issue it with --allow-expired and "
				    "--reason"), ln->lot, it->code, exp);
			if ((rc = wms_require(p->w, WMS_PERM_SUPERVISE,
			    err)) != 0)
				return rc;
			if (d->reason == NULL || *d->reason == '\0')
				return wms_err_set(err, WMS_ERR_INVALID,
				    _("issuing an expired lot needs a reason: "
				    "give --reason"));
		}
	} else if (ln->expiry != NULL && *ln->expiry != '\0')
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("%s is not lot-tracked: give no expiry"), it->code);
	return post_move(p, it, lot, ln->lot, from, to, base, value, NULL, err);
}

/* Prefix a failing line's message with where it is. */
static int
ledger_line_err(const struct wms_line *ln, size_t i, size_t n, int rc,
    struct wms_err *err)
{
	char msg[sizeof err->msg];

	if (err == NULL || n <= 1)
		return rc;
	snprintf(msg, sizeof msg, "%s", err->msg);
	if (ln->lineno > 0)
		return wms_err_set(err, rc, _("line %d: %s"), ln->lineno, msg);
	return wms_err_set(err, rc, _("line %zu: %s"), i + 1, msg);
}

static int
ledger_text_ok(const char *what, const char *s, struct wms_err *err)
{
	if (s == NULL || *s == '\0')
		return 0;
	return wms_name_check(what, s, err);
}

int
wms_post(struct wms *w, const struct wms_doc *d, const struct wms_line *lines,
    size_t n, char number[WMS_NUMBER_MAX], struct wms_err *err)
{
	struct item_cache	 cache;
	struct post		 p;
	struct route		 r;
	const char		*depot_code = NULL;
	json_t			*hdr, *extra;
	int64_t			 depot = 0;
	size_t			 i;
	int			 rc;

	memset(&p, 0, sizeof p);
	memset(&cache, 0, sizeof cache);
	if ((rc = wms_require(w, doc_types[d->type].perm, err)) != 0)
		return rc;
	if (n == 0)
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("nothing to post: the document has no lines"));
	if ((rc = ledger_text_ok(_("supplier"), d->supplier, err)) != 0 ||
	    (rc = ledger_text_ok(_("reference"), d->ref, err)) != 0 ||
	    (rc = ledger_text_ok(_("requester"), d->requester, err)) != 0 ||
	    (rc = ledger_text_ok(_("reason"), d->reason, err)) != 0)
		return rc;
	if ((rc = post_open(&p, w, WMS_PERM_POST, err)) != 0)
		return rc;
	hdr = json_object();
	if ((rc = ledger_route(&p, w, d, &r, &depot, &depot_code, hdr,
	    err)) != 0) {
		json_decref(hdr);
		post_abort(&p);
		return rc;
	}
	if (d->supplier != NULL)
		json_object_set_new(hdr, "supplier", json_string(d->supplier));
	if (d->ref != NULL)
		json_object_set_new(hdr, "ref", json_string(d->ref));
	if (d->requester != NULL)
		json_object_set_new(hdr, "requester",
		    json_string(d->requester));
	if (d->reason != NULL)
		json_object_set_new(hdr, "reason", json_string(d->reason));
	extra = json_deep_copy(hdr);
	json_object_set_new(extra, "depot", json_string(depot_code));
	if (d->type == WMS_DOC_ISSUE)
		json_object_set_new(extra, "cost_centre", json_string(d->to));
	if (d->type == WMS_DOC_TRANSFER)
		json_object_set_new(extra, "to_depot", json_string(d->to));
	if (r.site[0] != '\0')
		json_object_set_new(extra, "to_site", json_string(r.site));
	json_object_del(extra, "cost_centre_id");
	json_object_del(extra, "dest_depot_id");
	json_object_del(extra, "status");
	if ((rc = post_doc(&p, doc_types[d->type].code, depot, depot_code,
	    hdr, err)) != 0) {
		json_decref(extra);
		return rc;
	}
	if (r.site[0] != '\0' && (rc = wms_site_loc(w, r.site, &r.to,
	    err)) != 0) {
		post_abort(&p);
		json_decref(extra);
		goto out;
	}
	for (i = 0; i < n; i++) {
		if ((rc = ledger_line(&p, &cache, d, &r, &lines[i], err)) != 0) {
			rc = ledger_line_err(&lines[i], i, n, rc, err);
			post_abort(&p);
			json_decref(extra);
			goto out;
		}
	}
	snprintf(number, WMS_NUMBER_MAX, "%s", p.number);
	rc = post_commit(&p, doc_types[d->type].action, extra, err);
out:
	cache_free(&cache);
	return rc;
}

/* The document with this number; WMS_ERR_NOTFOUND names it. */
static int
ledger_doc(struct db *db, const char *number, struct db_doc *di,
    struct wms_err *err)
{
	int rc;

	if (number == NULL)
		number = "";
	if ((rc = db_doc_get(db, number, di, err)) == 0)
		return wms_err_set(err, WMS_ERR_NOTFOUND,
		    _("unknown document %s"), number);
	return rc < 0 ? rc : 0;
}

int
wms_doc_get(struct wms *w, const char *number, struct wms_doc_info *out,
    struct wms_err *err)
{
	struct db_doc	di;
	int		rc;

	if ((rc = wms_require(w, WMS_PERM_READ, err)) != 0 ||
	    (rc = ledger_doc(wms_db(w), number, &di, err)) != 0)
		return rc;
	memset(out, 0, sizeof *out);
	snprintf(out->number, sizeof out->number, "%s", number);
	snprintf(out->type, sizeof out->type, "%s", di.type);
	snprintf(out->status, sizeof out->status, "%s", di.status);
	snprintf(out->depot, sizeof out->depot, "%s", di.depot);
	snprintf(out->dest, sizeof out->dest, "%s", di.dest);
	snprintf(out->reversed_by, sizeof out->reversed_by, "%s",
	    di.reversed_by);
	return 0;
}

/* The code of lot into out ("" for none). */
static void
ledger_lot_code(struct db *db, int64_t lot, char *out, size_t len)
{
	struct db_lot l;

	*out = '\0';
	if (lot != 0 && db_lot_by_id(db, lot, &l, NULL) == 1)
		snprintf(out, len, "%s", l.code);
}

/* The entry of item and lot in a transfer's transit list, added if new. */
static struct db_move *
ledger_transit_slot(struct db_move **left, size_t *n, size_t *cap,
    int64_t item, int64_t lot)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if ((*left)[i].item == item && (*left)[i].lot == lot)
			return &(*left)[i];
	if (*cap < *n + 1) {
		*cap = *n + 8;
		*left = xreallocarray(*left, *cap, sizeof **left);
	}
	memset(&(*left)[*n], 0, sizeof **left);
	(*left)[*n].item = item;
	(*left)[*n].lot = lot;
	return &(*left)[(*n)++];
}

int
wms_reverse(struct wms *w, const char *number, const char *reason,
    char out[WMS_NUMBER_MAX], struct wms_err *err)
{
	struct db	*db = wms_db(w);
	struct db_doc	 di;
	struct post	 p;
	struct db_loc	 from, to;
	struct db_item	 it;
	struct db_move	*m = NULL, *left = NULL, *t;
	struct db_loc	 transit = { 0 };
	char		 lot[48];
	size_t		 n, i, nleft = 0, capleft = 0;
	int64_t		 value, moved;
	int		 rc;

	memset(&p, 0, sizeof p);
	if ((rc = wms_require(w, WMS_PERM_SUPERVISE, err)) != 0)
		return rc;
	if (reason == NULL || *reason == '\0')
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("a reversal needs a reason: give --reason"));
	if ((rc = wms_name_check(_("reason"), reason, err)) != 0)
		return rc;
	if ((rc = ledger_doc(db, number, &di, err)) != 0)
		return rc;
	if (strcmp(di.type, "REV") == 0)
		return wms_err_set(err, WMS_ERR_REFUSED,
		    _("%s is itself a reversal: post the document again "
		    "instead"), number);
	if (di.reversed_by[0] != '\0')
		return wms_err_set(err, WMS_ERR_CONFLICT,
		    _("%s was already reversed by %s"), number, di.reversed_by);
	/* Between sites the other site holds its part: not undone here. */
	if (strcmp(di.type, "TRF") == 0 && ((rc = wms_depot_foreign(w,
	    di.dest, lot, sizeof lot, err)) == 1 || (rc == 0 &&
	    (rc = wms_depot_foreign(w, di.depot, lot, sizeof lot, err)) == 1)))
		return wms_err_set(err, WMS_ERR_REFUSED,
		    _("%s is a transfer between sites (site %s): it is not "
		    "reversed; ship the stock back instead"), number, lot);
	if (rc < 0)
		return rc;
	if ((rc = db_move_list(db, di.id, &m, &n, err)) != 0)
		return rc;
	if (n == 0) {
		free(m);
		return wms_err_set(err, WMS_ERR_REFUSED,
		    _("%s moved no stock: nothing to reverse"), number);
	}
	if ((rc = post_begin(&p, w, "REV", di.depot_id, di.depot, json_pack(
	    "{sI ss}", "reverses_id", (json_int_t)di.id, "reason", reason),
	    err)) != 0)
		goto out;
	p.reversal = 1;
	/*
	 * A transfer's transit holds, per item and lot, the value that is
	 * still on the way: what the reversal takes out of transit is its
	 * share of that (all of it with the last unit), so that no value is
	 * left there without quantity, whatever the depots gave back.
	 */
	if (strcmp(di.type, "TRF") == 0 && ((rc = post_loc_virtual(db,
	    di.dest, "@TRANSIT", &transit, err)) != 0 ||
	    (rc = db_transit_left(db, di.id, transit.id, &left, &nleft,
	    err)) != 0))
		goto fail;
	/* Newest first, so that what a document moved on comes back first. */
	for (i = 0; i < n; i++) {
		if ((rc = post_loc_by_id(db, m[i].to, &from, err)) != 0 ||
		    (rc = post_loc_by_id(db, m[i].from, &to, err)) != 0 ||
		    (rc = wms_item_get_id(w, m[i].item, &it, err)) != 0)
			goto fail;
		ledger_lot_code(db, m[i].lot, lot, sizeof lot);
		t = NULL;
		value = m[i].value;
		if (transit.id != 0 && (from.id == transit.id ||
		    to.id == transit.id))
			t = ledger_transit_slot(&left, &nleft, &capleft,
			    m[i].item, m[i].lot);
		if (t != NULL && from.id == transit.id) {
			if (t->qty <= m[i].qty)
				value = t->value;
			else if (wms_muldiv(t->value, m[i].qty, t->qty,
			    &value) != 0)
				value = 0;
		}
		rc = post_move(&p, &it, m[i].lot, lot, &from, &to, m[i].qty,
		    value, &moved, err);
		db_item_fini(&it);
		if (rc != 0) {
			char msg[sizeof err->msg];

			snprintf(msg, sizeof msg, "%s", err ? err->msg : "");
			rc = wms_err_set(err, rc, _("cannot reverse %s: %s"),
			    number, msg);
			goto fail;
		}
		if (t != NULL && from.id == transit.id) {
			t->qty -= m[i].qty;
			t->value -= moved;
		} else if (t != NULL) {
			t->qty += m[i].qty;
			t->value += moved;
		}
	}
	snprintf(out, WMS_NUMBER_MAX, "%s", p.number);
	rc = post_commit(&p, "reversal", json_pack("{ss ss ss}", "reverses",
	    number, "reason", reason, "depot", di.depot), err);
	goto out;
fail:
	post_abort(&p);
out:
	free(m);
	free(left);
	return rc;
}

int
wms_transfer_receive(struct wms *w, const char *number, const char *to_path,
    const struct wms_line *lines, size_t n, struct wms_err *err)
{
	struct item_cache	 cache;
	struct db		*db = wms_db(w);
	struct db_doc		 di;
	struct post		 p;
	struct db_loc		 transit, to;
	struct db_move		*left = NULL, *rest = NULL;
	const struct db_item	*it;
	struct db_item		 item;
	char			 lot[48];
	size_t			 nleft = 0, nrest = 0, i, k;
	int64_t			 base, lot_id, v;
	int			 rc;

	memset(&p, 0, sizeof p);
	memset(&cache, 0, sizeof cache);
	if ((rc = wms_require(w, WMS_PERM_POST, err)) != 0)
		return rc;
	if ((rc = ledger_doc(db, number, &di, err)) != 0)
		return rc;
	if (strcmp(di.type, "TRF") != 0)
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("%s is not a transfer"), number);
	if (di.reversed_by[0] != '\0')
		return wms_err_set(err, WMS_ERR_REFUSED,
		    _("transfer %s was reversed by %s"), number,
		    di.reversed_by);
	if (strcmp(di.status, "in_transit") != 0)
		return wms_err_set(err, WMS_ERR_REFUSED,
		    _("transfer %s was already received in full"), number);
	if ((rc = wms_depot_foreign(w, di.dest, lot, sizeof lot, err)) < 0)
		return rc;
	if (rc == 1)
		return wms_err_set(err, WMS_ERR_REFUSED,
		    _("transfer %s goes to depot %s of site %s: it is "
		    "received there"), number, di.dest, lot);
	if ((rc = post_loc_get_db(db, to_path, &to, err)) != 0)
		return rc;
	if (strcmp(to.kind, "internal") != 0 || to.depot_id != di.dest_id)
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("transfer %s goes to depot %s: receive it at a location "
		    "there, not %s"), number, di.dest, to_path);
	if ((rc = post_loc_virtual(db, di.dest, "@TRANSIT", &transit, err)) != 0)
		return rc;
	if ((rc = post_attach(&p, w, di.id, number, err)) != 0)
		return rc;
	if ((rc = db_transit_left(db, di.id, transit.id, &left, &nleft,
	    err)) != 0)
		goto fail;
	for (i = 0; i < (n == 0 ? nleft : n); i++) {
		if (n == 0) {
			if ((rc = wms_item_get_id(w, left[i].item, &item,
			    err)) != 0)
				goto fail;
			ledger_lot_code(db, left[i].lot, lot, sizeof lot);
			rc = post_move(&p, &item, left[i].lot, lot, &transit,
			    &to, left[i].qty, left[i].value, NULL, err);
			db_item_fini(&item);
			if (rc != 0)
				goto fail;
			continue;
		}
		if ((rc = cache_item(w, &cache, lines[i].item, &it, err)) != 0 ||
		    (rc = ledger_base(w, it, lines[i].qty, lines[i].unit,
		    &base, err)) != 0)
			goto line_fail;
		if (base <= 0) {
			rc = wms_err_set(err, WMS_ERR_INVALID,
			    _("bad quantity: must be more than zero"));
			goto line_fail;
		}
		lot_id = 0;
		if (lines[i].lot != NULL && *lines[i].lot != '\0') {
			char exp[11];

			if ((rc = ledger_lot(&p, it, lines[i].lot, NULL, 0,
			    &lot_id, exp, err)) != 0)
				goto line_fail;
		}
		for (k = 0; k < nleft; k++) {
			if (left[k].item == it->id && left[k].lot == lot_id)
				break;
		}
		if (k == nleft || left[k].qty < base) {
			char h[32], q[32];

			rc = wms_err_set(err, WMS_ERR_REFUSED,
			    _("transfer %s has %s %s of %s%s%s in transit, %s "
			    "received"), number, wms_qty_fmt(k == nleft ? 0 :
			    left[k].qty, h, sizeof h), it->uom, it->code,
			    lot_id ? _(" lot ") : "", lot_id ? lines[i].lot :
			    "", wms_qty_fmt(base, q, sizeof q));
			goto line_fail;
		}
		if (wms_muldiv(left[k].value, base, left[k].qty, &v) != 0)
			v = 0;
		rc = post_move(&p, it, lot_id, lines[i].lot, &transit, &to,
		    base, v, NULL, err);
		if (rc != 0)
			goto line_fail;
		left[k].qty -= base;
		left[k].value -= v;
	}
	if ((rc = db_transit_left(db, di.id, transit.id, &rest, &nrest,
	    err)) != 0)
		goto fail;
	if (nrest == 0 &&
	    (rc = db_doc_set_status(db, di.id, "received", err)) != 0)
		goto fail;
	rc = post_commit(&p, "transfer.receive", json_pack("{ss ss sb}",
	    "depot", di.dest, "from_depot", di.depot, "complete", nrest == 0),
	    err);
	goto out;
line_fail:
	rc = ledger_line_err(&lines[i], i, n, rc, err);
fail:
	post_abort(&p);
out:
	cache_free(&cache);
	free(left);
	free(rest);
	return rc;
}

int
wms_transfer_left_each(struct wms *w, const char *number,
    int (*fn)(const struct wms_transit_row *, void *), void *arg,
    struct wms_err *err)
{
	struct db		*db = wms_db(w);
	struct db_doc		 di;
	struct db_loc		 transit;
	struct db_move		*left = NULL;
	struct wms_transit_row	 row;
	struct db_item		 it;
	char			 lot[48], site[40], path[64];
	size_t			 n = 0, i;
	int			 rc, stop = 0;

	if ((rc = wms_require(w, WMS_PERM_READ, err)) != 0 ||
	    (rc = ledger_doc(db, number, &di, err)) != 0)
		return rc;
	if (strcmp(di.type, "TRF") != 0)
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("%s is not a transfer"), number);
	/*
	 * To a depot of another site, the stock waits at @SITE/<site> here
	 * until the other site's receipts come back and close the document.
	 */
	if ((rc = wms_depot_foreign(w, di.dest, site, sizeof site, err)) < 0)
		return rc;
	if (rc == 1) {
		if (strcmp(di.status, "in_transit") != 0)
			return 0;
		snprintf(path, sizeof path, "@SITE/%s", site);
		if ((rc = db_loc_get(db, path, &transit, err)) <= 0)
			return rc;
	} else if ((rc = post_loc_virtual(db, di.dest, "@TRANSIT", &transit,
	    err)) != 0)
		return rc;
	if ((rc = db_transit_left(db, di.id, transit.id, &left, &n,
	    err)) != 0)
		return rc;
	/* Less what the other site's receipts that came back received. */
	if (*site != '\0' && (rc = wms_site_left(w, di.id, left, &n,
	    err)) != 0) {
		free(left);
		return rc;
	}
	for (i = 0; i < n && !stop; i++) {
		if ((rc = wms_item_get_id(w, left[i].item, &it, err)) != 0)
			break;
		ledger_lot_code(db, left[i].lot, lot, sizeof lot);
		row.item = it.code;
		row.lot = left[i].lot != 0 ? lot : NULL;
		row.uom = it.uom;
		row.qty = left[i].qty;
		stop = fn(&row, arg);
		db_item_fini(&it);
	}
	free(left);
	return rc;
}

int
wms_doc_each_move(struct wms *w, const char *number,
    int (*fn)(const struct wms_doc_move *, void *), void *arg,
    struct wms_err *err)
{
	struct db		*db = wms_db(w);
	struct db_doc		 di;
	struct db_loc		 from, to;
	struct db_item		 it;
	struct wms_doc_move	 dm;
	struct db_move		*m = NULL;
	struct db_lot		 lot;
	size_t			 n, i;
	int			 rc, stop = 0;

	if ((rc = wms_require(w, WMS_PERM_READ, err)) != 0 ||
	    (rc = ledger_doc(db, number, &di, err)) != 0)
		return rc;
	if ((rc = db_move_list(db, di.id, &m, &n, err)) != 0)
		return rc;
	/* The list is newest first (for reversals): walk it back. */
	for (i = n; i > 0 && !stop; i--) {
		if ((rc = post_loc_by_id(db, m[i - 1].from, &from, err)) != 0 ||
		    (rc = post_loc_by_id(db, m[i - 1].to, &to, err)) != 0 ||
		    (rc = wms_item_get_id(w, m[i - 1].item, &it, err)) != 0)
			break;
		if (m[i - 1].lot == 0 || db_lot_by_id(db, m[i - 1].lot, &lot,
		    NULL) != 1)
			memset(&lot, 0, sizeof lot);
		dm.item = it.code;
		dm.lot = lot.code;
		dm.expiry = lot.expiry;
		dm.from = from.path;
		dm.to = to.path;
		dm.qty = m[i - 1].qty;
		stop = fn(&dm, arg);
		db_item_fini(&it);
	}
	free(m);
	return rc;
}

int
wms_lot_get(struct wms *w, const char *item, const char *code,
    char expiry[11], struct wms_err *err)
{
	struct db_item	it;
	struct db_lot	lot;
	int		rc;

	if ((rc = wms_require(w, WMS_PERM_READ, err)) != 0 ||
	    (rc = wms_item_get(w, item, &it, err)) != 0)
		return rc;
	*expiry = '\0';
	if ((rc = db_lot_get(wms_db(w), it.id, code, &lot, err)) == 1)
		snprintf(expiry, 11, "%s", lot.expiry);
	if (rc == 0)
		rc = wms_err_set(err, WMS_ERR_NOTFOUND, _("%s has no lot or "
		    "serial %s"), it.code, code);
	db_item_fini(&it);
	return rc < 0 ? rc : 0;
}
