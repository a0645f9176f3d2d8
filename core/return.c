/* Returns to a supplier (RTS) and from a cost centre (RTN). */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/master.h"
#include "core/post.h"
#include "core/qty.h"
#include "core/return.h"
#include "core/wms.h"
#include "data/db-ledger.h"
#include "data/db-lookup.h"
#include "lib/i18n.h"
#include "lib/xmalloc.h"

/* What differs between the two returns. */
struct ret_kind {
	const char	*type;		/* the return's document type */
	const char	*of;		/* the type of what it returns */
	const char	*action;	/* audit action and event type */
	int		 to_depot;	/* stock comes into the depot */
};

static const struct ret_kind ret_supplier = {
	.type = "RTS", .of = "GRN", .action = "return.supplier",
	.to_depot = 0,
};

static const struct ret_kind ret_issue = {
	.type = "RTN", .of = "ISS", .action = "return.issue",
	.to_depot = 1,
};

/* The document being returned, what it moved and what came back. */
struct ret {
	const struct ret_kind	*k;
	struct wms		*w;
	struct db		*db;
	struct db_doc		 doc;
	const char		*number;
	struct db_move		*orig, *done;
	size_t			 norig, ndone;
	const char		*loc;	/* --from / --to, or NULL */
};

/*
 * The movements of the original document for item/lot: how much they
 * moved into *got, and (for the default location) the oldest one.
 */
static const struct db_move *
ret_orig(const struct ret *r, int64_t item, int64_t lot, int64_t *got)
{
	const struct db_move	*first = NULL;
	size_t			 i;

	*got = 0;
	/* db_move_list gives them newest first. */
	for (i = 0; i < r->norig; i++) {
		if (r->orig[i].item != item || r->orig[i].lot != lot)
			continue;
		*got += r->orig[i].qty;
		first = &r->orig[i];
	}
	return first;
}

/* What earlier returns (and earlier lines of this one) took back. */
static int64_t
ret_done(const struct ret *r, int64_t item, int64_t lot)
{
	int64_t	sum = 0;
	size_t	i;

	for (i = 0; i < r->ndone; i++) {
		if (r->done[i].item == item && r->done[i].lot == lot)
			sum += r->done[i].qty;
	}
	return sum;
}

static void
ret_note(struct ret *r, int64_t item, int64_t lot, int64_t qty)
{
	r->done = xreallocarray(r->done, r->ndone + 1, sizeof *r->done);
	memset(&r->done[r->ndone], 0, sizeof *r->done);
	r->done[r->ndone].item = item;
	r->done[r->ndone].lot = lot;
	r->done[r->ndone].qty = qty;
	r->ndone++;
}

/* Return qty (base) of item, lot code (NULL for none). */
static int
ret_one(struct ret *r, struct post *p, const struct db_item *it,
    const char *code, int64_t qty, struct wms_err *err)
{
	const struct db_move	*m;
	struct db_lot		 lot;
	struct db_loc		 from, to, given;
	int64_t			 lot_id = 0, got, done;
	char			 q[32], g[32], d[32], l[32];
	int			 rc;

	if (code != NULL && *code != '\0') {
		if ((rc = db_lot_get(r->db, it->id, code, &lot, err)) < 0)
			return rc;
		if (rc == 0)
			return wms_err_set(err, WMS_ERR_NOTFOUND,
			    _("%s has no lot %s"), it->code, code);
		lot_id = lot.id;
	}
	if ((m = ret_orig(r, it->id, lot_id, &got)) == NULL) {
		if (code != NULL && *code != '\0')
			return wms_err_set(err, WMS_ERR_REFUSED,
			    _("%s moved no %s of lot %s: nothing to return"),
			    r->number, it->code, code);
		return wms_err_set(err, WMS_ERR_REFUSED,
		    _("%s moved no %s: nothing to return"), r->number,
		    it->code);
	}
	done = ret_done(r, it->id, lot_id);
	if (qty > got - done) {
		wms_qty_fmt(qty, q, sizeof q);
		wms_qty_fmt(got, g, sizeof g);
		wms_qty_fmt(done, d, sizeof d);
		wms_qty_fmt(got - done, l, sizeof l);
		return wms_err_set(err, WMS_ERR_REFUSED,
		    _("%s moved %s %s of %s%s%s and %s came back already: at "
		    "most %s can be returned, not %s"), r->number, g, it->uom,
		    it->code, code != NULL && *code != '\0' ? _(" lot ") : "",
		    code != NULL ? code : "", d, l, q);
	}
	/* The way back: the original movement the other way round. */
	if ((rc = post_loc_by_id(r->db, m->to, &from, err)) != 0 ||
	    (rc = post_loc_by_id(r->db, m->from, &to, err)) != 0)
		return rc;
	if (r->loc != NULL) {
		if ((rc = post_loc_get(p, r->loc, &given, err)) != 0)
			return rc;
		if (strcmp(given.kind, "internal") != 0 ||
		    given.depot_id != r->doc.depot_id)
			return wms_err_set(err, WMS_ERR_REFUSED,
			    _("%s is not a location of depot %s"), r->loc,
			    r->doc.depot);
		if (r->k->to_depot)
			to = given;
		else
			from = given;
	}
	if ((rc = post_move(p, it, lot_id, code != NULL ? code : "", &from,
	    &to, qty, POST_VALUE_AUTO, NULL, err)) != 0)
		return rc;
	ret_note(r, it->id, lot_id, qty);
	return 0;
}

/*
 * The lot of item when the document moved only one of it; else a
 * message asking for --lot.
 */
static int
ret_only_lot(const struct ret *r, const struct db_item *it,
    struct db_lot *lot, struct wms_err *err)
{
	int64_t	id = 0;
	size_t	i;
	int	rc;

	for (i = 0; i < r->norig; i++) {
		if (r->orig[i].item != it->id)
			continue;
		if (id != 0 && r->orig[i].lot != id)
			return wms_err_set(err, WMS_ERR_INVALID,
			    _("%s moved more than one lot of %s: give the lot "
			    "number (--lot)"), r->number, it->code);
		id = r->orig[i].lot;
	}
	if (id == 0)
		return wms_err_set(err, WMS_ERR_REFUSED,
		    _("%s moved no %s: nothing to return"), r->number,
		    it->code);
	if ((rc = db_lot_by_id(r->db, id, lot, err)) < 0)
		return rc;
	return rc == 1 ? 0 : wms_err_set(err, WMS_ERR_NOTFOUND,
	    _("%s has no lot %s"), it->code, "?");
}

/* One line as given: its base quantity, its lot or each serial. */
static int
ret_line(struct ret *r, struct post *p, const struct wms_line *ln,
    struct wms_err *err)
{
	struct db_item	it;
	struct db_lot	only;
	int64_t		base;
	size_t		i;
	int		rc;

	if ((rc = wms_item_get(r->w, ln->item, &it, err)) != 0)
		return rc;
	if ((rc = wms_to_base(r->w, it.code, ln->qty, ln->unit, &base,
	    err)) != 0)
		goto out;
	if (strcmp(it.tracking, "serial") == 0) {
		if (ln->nserials == 0 || base != (int64_t)ln->nserials * 1000) {
			rc = wms_err_set(err, WMS_ERR_INVALID,
			    _("%s is serial-tracked: give one --serial for "
			    "each unit returned"), it.code);
			goto out;
		}
		for (i = 0; i < ln->nserials && rc == 0; i++)
			rc = ret_one(r, p, &it, ln->serials[i], 1000, err);
		goto out;
	}
	if (ln->nserials > 0) {
		rc = wms_err_set(err, WMS_ERR_INVALID,
		    _("%s is not serial-tracked: give no --serial"), it.code);
		goto out;
	}
	if (strcmp(it.tracking, "lot") == 0 && (ln->lot == NULL ||
	    *ln->lot == '\0')) {
		/* The one lot the document moved of it needs no naming. */
		if ((rc = ret_only_lot(r, &it, &only, err)) != 0)
			goto out;
		rc = ret_one(r, p, &it, only.code, base, err);
		goto out;
	}
	if (strcmp(it.tracking, "none") == 0 && ln->lot != NULL &&
	    *ln->lot != '\0') {
		rc = wms_err_set(err, WMS_ERR_INVALID,
		    _("%s is not lot-tracked: give no --lot"), it.code);
		goto out;
	}
	rc = ret_one(r, p, &it, ln->lot, base, err);
out:
	db_item_fini(&it);
	return rc;
}

static int
ret_post(struct wms *w, const struct ret_kind *k, const char *number,
    const char *loc, const struct wms_line *lines, size_t n,
    const char *reason, char out[WMS_NUMBER_MAX], struct wms_err *err)
{
	struct ret	r;
	struct post	p;
	size_t		i;
	int		rc;

	memset(&r, 0, sizeof r);
	memset(&p, 0, sizeof p);
	r.k = k;
	r.w = w;
	r.db = wms_db(w);
	r.number = number != NULL ? number : "";
	r.loc = loc;
	if ((rc = wms_require(w, WMS_PERM_POST, err)) != 0)
		return rc;
	if (n == 0)
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("nothing to return: give ITEM QTY"));
	if (reason == NULL || *reason == '\0')
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("a return needs a reason: give --reason"));
	if ((rc = wms_name_check(_("reason"), reason, err)) != 0)
		return rc;
	if ((rc = db_doc_get(r.db, r.number, &r.doc, err)) < 0)
		return rc;
	if (rc == 0)
		return wms_err_set(err, WMS_ERR_NOTFOUND,
		    _("unknown document %s"), r.number);
	if (strcmp(r.doc.type, k->of) != 0)
		return wms_err_set(err, WMS_ERR_REFUSED, k->to_depot ?
		    _("%s is not an issue (ISS): only an issue comes back "
		    "from a cost centre") : _("%s is not a receipt (GRN): "
		    "only a receipt goes back to its supplier"), r.number);
	if (r.doc.reversed_by[0] != '\0')
		return wms_err_set(err, WMS_ERR_REFUSED,
		    _("%s was reversed by %s: nothing of it is left to "
		    "return"), r.number, r.doc.reversed_by);
	if ((rc = db_move_list(r.db, r.doc.id, &r.orig, &r.norig, err)) != 0 ||
	    (rc = db_return_moves(r.db, r.doc.id, &r.done, &r.ndone,
	    err)) != 0)
		goto out;
	if ((rc = post_begin(&p, w, k->type, r.doc.depot_id, r.doc.depot,
	    json_pack("{sI ss}", "returns_id", (json_int_t)r.doc.id,
	    "reason", reason), err)) != 0)
		goto out;
	for (i = 0; i < n; i++) {
		if ((rc = ret_line(&r, &p, &lines[i], err)) != 0) {
			if (n > 1) {
				char msg[sizeof err->msg];

				snprintf(msg, sizeof msg, "%s", err->msg);
				rc = wms_err_set(err, rc, _("line %zu: %s"),
				    i + 1, msg);
			}
			post_abort(&p);
			goto out;
		}
	}
	snprintf(out, WMS_NUMBER_MAX, "%s", p.number);
	rc = post_commit(&p, k->action, json_pack("{ss ss ss}", "returns",
	    r.number, "reason", reason, "depot", r.doc.depot), err);
out:
	free(r.orig);
	free(r.done);
	return rc;
}

int
wms_return_supplier(struct wms *w, const char *grn, const char *from,
    const struct wms_line *lines, size_t n, const char *reason,
    char number[WMS_NUMBER_MAX], struct wms_err *err)
{
	return ret_post(w, &ret_supplier, grn, from, lines, n, reason, number,
	    err);
}

int
wms_return_issue(struct wms *w, const char *iss, const char *to,
    const struct wms_line *lines, size_t n, const char *reason,
    char number[WMS_NUMBER_MAX], struct wms_err *err)
{
	return ret_post(w, &ret_issue, iss, to, lines, n, reason, number,
	    err);
}
