/*
 * Transfers between sites (docs/catalogue.md): the location that stands
 * for another site, and an inbound shipment applied once.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/post.h"
#include "core/qty.h"
#include "core/transfer-site.h"
#include "core/wms.h"
#include "data/db-inbound.h"
#include "data/db-ledger.h"
#include "data/db-lookup.h"
#include "data/db-site.h"
#include "data/db-user.h"
#include "core/write.h"
#include "lib/i18n.h"
#include "lib/json.h"

#define SITE_LOC_PREFIX	"@SITE/"
#define INB_USER	"@centre"

int
wms_depot_foreign(struct wms *w, const char *depot, char *site, size_t n,
    struct wms_err *err)
{
	int rc;

	*site = '\0';
	if ((rc = db_inb_depot_site(wms_db(w), depot, site, n, err)) <= 0)
		return rc;
	if (*site == '\0' || strcmp(site, wms_site(w)) == 0) {
		*site = '\0';
		return 0;
	}
	return 1;
}

/* A site code as the catalogue has them: 1 to 16 letters and digits. */
static int
site_code_ok(const char *s)
{
	size_t i;

	if (s == NULL || *s == '\0' || strlen(s) > 16)
		return 0;
	for (i = 0; s[i] != '\0'; i++) {
		if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' &&
		    s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') ||
		    s[i] == '-' || s[i] == '_'))
			return 0;
	}
	return 1;
}

int
wms_site_loc(struct wms *w, const char *site, struct db_loc *l,
    struct wms_err *err)
{
	struct db	*db = wms_db(w);
	char		 path[64];
	int		 rc;

	if (!site_code_ok(site))
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("bad site code \"%s\""), site != NULL ? site : "");
	snprintf(path, sizeof path, "%s%s", SITE_LOC_PREFIX, site);
	if ((rc = db_loc_get(db, path, l, err)) < 0)
		return rc;
	if (rc == 1)
		return 0;
	if ((rc = db_loc_add(db, 0, 0, path, "site", NULL, err)) != 0)
		return rc;
	return post_loc_get_db(db, path, l, err);
}

/* Refuse an inbound message, naming it and what is wrong. */
static int
inb_bad(struct wms_err *err, const char *id, const char *why)
{
	return wms_err_set(err, WMS_ERR_INVALID,
	    _("inbound message %s refused: %s"), id, why);
}

/*
 * Not yet: what the message names is not in this site's catalogue (it is
 * behind the centre's); the message comes again later.
 */
static int
inb_later(struct wms_err *err, const char *id, const char *why)
{
	return wms_err_set(err, WMS_ERR_NOTFOUND,
	    _("inbound message %s waits: %s"), id, why);
}

/* One line of the shipment, from @SITE/<from> to the depot's transit. */
static int
inb_line(struct wms *w, struct post *p, const char *id, const json_t *ln,
    const struct db_loc *from, const struct db_loc *to, struct wms_err *err)
{
	struct db_item	 it;
	struct db_lot	 lot;
	const char	*code, *lotc, *exp;
	int64_t		 qty, value, lot_id = 0;
	char		 why[sizeof err->msg];
	int		 rc;

	code = wms_json_get_str(ln, "item");
	lotc = wms_json_get_str(ln, "lot");
	if (code == NULL || wms_json_get_int(ln, "qty_milli", &qty) != 0 ||
	    wms_json_get_int(ln, "value", &value) != 0 || qty <= 0)
		return inb_bad(err, id, _("a line lacks its item, quantity "
		    "or value"));
	if ((rc = wms_item_get(w, code, &it, err)) != 0) {
		snprintf(why, sizeof why, "%s", err->msg);
		return rc == WMS_ERR_NOTFOUND ? inb_later(err, id, why) :
		    inb_bad(err, id, why);
	}
	if (lotc != NULL && *lotc != '\0') {
		if (strlen(lotc) > 40) {
			db_item_fini(&it);
			return inb_bad(err, id, _("a lot or serial is longer "
			    "than 40 characters"));
		}
		/*
		 * A lot new here takes the expiry the shipping site's
		 * movement said (docs/events.md); one it does not say, or
		 * not as a date, is a lot without one.
		 */
		exp = wms_json_get_str(ln, "expiry");
		if (exp != NULL && !wms_date_valid(exp))
			exp = NULL;
		if ((rc = db_lot_get(p->db, it.id, lotc, &lot, err)) == 1)
			lot_id = lot.id;
		else if (rc == 0)
			rc = db_lot_add(p->db, it.id, lotc, exp, &lot_id, err);
		if (rc < 0) {
			db_item_fini(&it);
			return rc;
		}
	} else if (strcmp(it.tracking, "none") != 0) {
		db_item_fini(&it);
		return inb_bad(err, id, _("a line of a tracked item has no lot "
		    "or serial"));
	}
	rc = post_move(p, &it, lot_id, lotc, from, to, qty, value, NULL, err);
	db_item_fini(&it);
	return rc;
}

/*
 * The user a document from another site is written by here: "@centre",
 * made once, in a write of its own with its audit entry.  Its password
 * hash is no hash: nobody logs in as it.
 */
static int
inb_user(struct wms *w, int64_t *id, struct wms_err *err)
{
	struct db_user	 u;
	struct wms_write log;
	char		 now[32];
	int		 rc;

	if ((rc = db_user_get(wms_db(w), INB_USER, &u, err)) < 0)
		return rc;
	if (rc == 1) {
		*id = u.id;
		return 0;
	}
	if ((rc = wms_write_begin(w, WMS_WRITE_NOBODY, err)) != 0)
		return rc;
	wms_now_iso(w, now);
	if ((rc = db_user_add(wms_db(w), INB_USER, "storekeeper", "!", now, id,
	    err)) != 0) {
		wms_write_abort(w);
		return rc;
	}
	memset(&log, 0, sizeof log);
	log.action = "user.add";
	log.detail = json_pack("{ss ss}", "name", INB_USER, "for",
	    "transfers from other sites");
	return wms_write_commit(w, &log, err);
}

int
wms_inbound_apply(struct wms *w, const char *id, const json_t *pl,
    int *applied, struct wms_err *err)
{
	struct db	*db = wms_db(w);
	struct post	 p;
	struct db_loc	 from, transit;
	const char	*site, *number, *from_depot, *to_depot, *to_site;
	const json_t	*lines;
	json_t		*hdr;
	char		 own[32];
	int64_t		 from_id, to_id, user;
	size_t		 i;
	int		 rc;

	*applied = 0;
	memset(&p, 0, sizeof p);
	if (id == NULL || *id == '\0')
		return inb_bad(err, "?", _("it has no message id"));
	site = wms_json_get_str(pl, "site");
	number = wms_json_get_str(pl, "number");
	from_depot = wms_json_get_str(pl, "from_depot");
	to_depot = wms_json_get_str(pl, "to_depot");
	to_site = wms_json_get_str(pl, "to_site");
	lines = json_object_get(pl, "lines");
	if (!site_code_ok(site) || number == NULL || *number == '\0' ||
	    strlen(number) >= sizeof p.number || from_depot == NULL ||
	    to_depot == NULL || !json_is_array(lines) ||
	    json_array_size(lines) == 0)
		return inb_bad(err, id, _("the shipment lacks its site, number, "
		    "depots or lines"));
	if (to_site == NULL || strcmp(to_site, wms_site(w)) != 0)
		return inb_bad(err, id, _("it is addressed to another site"));
	if (strcmp(site, wms_site(w)) == 0)
		return inb_bad(err, id, _("it comes from this site"));
	if ((rc = db_depot_find(db, from_depot, &from_id, err)) < 0 ||
	    (rc == 1 && (rc = db_depot_find(db, to_depot, &to_id, err)) < 0))
		return rc;
	if (rc == 0)
		return inb_later(err, id, _("a depot is not in this site's "
		    "catalogue (run makhzan sync to catch up with it)"));
	if ((rc = wms_depot_foreign(w, to_depot, own, sizeof own, err)) < 0)
		return rc;
	if (rc == 1)
		return inb_bad(err, id, _("its depot is of another site"));

	if ((rc = inb_user(w, &user, err)) != 0)
		return rc;
	hdr = json_pack("{ss ss sI sI}", "number", number, "status",
	    "in_transit", "dest_depot_id", (json_int_t)to_id, "user_id",
	    (json_int_t)user);
	if (wms_json_get_str(pl, "at") != NULL)
		json_object_set_new(hdr, "at", json_string(
		    wms_json_get_str(pl, "at")));
	if ((rc = post_begin(&p, w, "TRF", from_id, from_depot, hdr,
	    err)) != 0) {
		/* The number is taken: applied before, or a clash. */
		if (rc == WMS_ERR_CONFLICT && db_inb_seen(db, id, NULL) == 1)
			return 0;
		if (rc == WMS_ERR_CONFLICT)
			return inb_bad(err, id, _("a document with its number "
			    "exists here already"));
		return rc;
	}
	/* Under the write lock: applied before by another process? */
	if ((rc = db_inb_seen(db, id, err)) != 0) {
		post_abort(&p);
		return rc < 0 ? rc : 0;
	}
	if ((rc = wms_site_loc(w, site, &from, err)) != 0 ||
	    (rc = post_loc_virtual(db, to_depot, "@TRANSIT", &transit,
	    err)) != 0)
		goto fail;
	for (i = 0; i < json_array_size(lines); i++) {
		if ((rc = inb_line(w, &p, id, json_array_get(lines, i), &from,
		    &transit, err)) != 0)
			goto fail;
	}
	if ((rc = db_inb_add(db, id, "transfer.ship", site, number, p.at,
	    err)) != 0)
		goto fail;
	rc = post_commit(&p, "transfer.inbound", json_pack("{ss ss ss ss}",
	    "depot", from_depot, "to_depot", to_depot, "from_site", site,
	    "event_id", id), err);
	if (rc == 0)
		*applied = 1;
	return rc;
fail:
	post_abort(&p);
	return rc;
}

int
wms_site_left(struct wms *w, int64_t doc, struct db_move *left, size_t *n,
    struct wms_err *err)
{
	int64_t	got;
	size_t	i, k = 0;
	int	rc;

	for (i = 0; i < *n; i++) {
		if ((rc = db_inb_received_sum(wms_db(w), doc, left[i].item,
		    left[i].lot, &got, err)) != 0)
			return rc;
		if (got >= left[i].qty)
			continue;
		/* The value in proportion to what is left. */
		if (got > 0 && wms_muldiv(left[i].value, left[i].qty - got,
		    left[i].qty, &left[i].value) != 0)
			left[i].value = 0;
		left[i].qty -= got;
		left[k++] = left[i];
	}
	*n = k;
	return 0;
}

/*
 * The lines of a receipt that came back, recorded against the transfer
 * doc that went to @SITE/<site> here: each movement out of the other
 * site's transit location (<depot>/@TRANSIT) is what it received.
 */
static int
rcv_lines(struct wms *w, const char *id, const json_t *lines, int64_t doc,
    const char *site, struct wms_err *err)
{
	struct db	*db = wms_db(w);
	struct db_loc	 at;
	struct db_item	 it;
	struct db_lot	 lot;
	struct db_move	*left = NULL;
	const json_t	*ln;
	const char	*code, *lotc, *from;
	char		 path[64];
	int64_t		 qty, lot_id;
	size_t		 i, k, n = 0, fl;
	int		 rc;

	snprintf(path, sizeof path, "%s%s", SITE_LOC_PREFIX, site);
	if ((rc = db_loc_get(db, path, &at, err)) < 0)
		return rc;
	if (rc == 0)
		return inb_bad(err, id, _("its transfer sent nothing to the "
		    "site that received it"));
	if ((rc = db_transit_left(db, doc, at.id, &left, &n, err)) != 0 ||
	    (rc = wms_site_left(w, doc, left, &n, err)) != 0)
		goto out;
	for (i = 0; i < json_array_size(lines); i++) {
		ln = json_array_get(lines, i);
		code = wms_json_get_str(ln, "item");
		lotc = wms_json_get_str(ln, "lot");
		from = wms_json_get_str(ln, "from");
		if (code == NULL || from == NULL ||
		    wms_json_get_int(ln, "qty_milli", &qty) != 0 || qty <= 0) {
			rc = inb_bad(err, id, _("a line lacks its item, "
			    "quantity or location"));
			goto out;
		}
		/* Only what left the other site's transit was received. */
		fl = strlen(from);
		if (fl < 9 || strcmp(from + fl - 9, "/@TRANSIT") != 0)
			continue;
		if ((rc = wms_item_get(w, code, &it, err)) != 0) {
			rc = inb_bad(err, id, _("a line names an item this "
			    "transfer did not ship"));
			goto out;
		}
		lot_id = 0;
		if (lotc != NULL && *lotc != '\0' &&
		    (rc = db_lot_get(db, it.id, lotc, &lot, err)) == 1)
			lot_id = lot.id;
		else if (lotc != NULL && *lotc != '\0')
			lot_id = -1;
		for (k = 0; k < n; k++) {
			if (left[k].item == it.id && left[k].lot == lot_id)
				break;
		}
		db_item_fini(&it);
		if (rc < 0)
			goto out;
		if (k == n || left[k].qty < qty) {
			rc = inb_bad(err, id, _("a line receives more of an item "
			    "or lot than is in transit"));
			goto out;
		}
		left[k].qty -= qty;
		if ((rc = db_inb_received_add(db, id, doc, left[k].item,
		    left[k].lot, qty, err)) != 0)
			goto out;
	}
	rc = 0;
out:
	free(left);
	return rc;
}

int
wms_inbound_receipt(struct wms *w, const char *id, const json_t *pl,
    int *applied, struct wms_err *err)
{
	struct db		*db = wms_db(w);
	struct db_doc		 di;
	struct wms_write	 log;
	const char		*site, *number, *from_site;
	const json_t		*lines;
	char			 dsite[32], now[32];
	int			 rc, complete;

	*applied = 0;
	if (id == NULL || *id == '\0')
		return inb_bad(err, "?", _("it has no message id"));
	site = wms_json_get_str(pl, "site");
	number = wms_json_get_str(pl, "number");
	from_site = wms_json_get_str(pl, "from_site");
	lines = json_object_get(pl, "lines");
	complete = json_is_true(json_object_get(pl, "complete"));
	if (!site_code_ok(site) || number == NULL || *number == '\0' ||
	    !json_is_array(lines))
		return inb_bad(err, id, _("the receipt lacks its site, number "
		    "or lines"));
	if (from_site == NULL || strcmp(from_site, wms_site(w)) != 0)
		return inb_bad(err, id, _("it is addressed to another site"));
	if ((rc = wms_write_begin(w, WMS_WRITE_NOBODY, err)) != 0)
		return rc;
	if ((rc = db_inb_seen(db, id, err)) != 0) {
		wms_write_abort(w);
		return rc < 0 ? rc : 0;
	}
	if ((rc = db_doc_get(db, number, &di, err)) <= 0) {
		wms_write_abort(w);
		return rc < 0 ? rc : inb_bad(err, id, _("no transfer of this "
		    "site has its number"));
	}
	if (strcmp(di.type, "TRF") != 0 || wms_depot_foreign(w, di.dest,
	    dsite, sizeof dsite, err) != 1 || strcmp(dsite, site) != 0) {
		wms_write_abort(w);
		return inb_bad(err, id, _("its transfer does not go to the site "
		    "that received it"));
	}
	/*
	 * The stock left at the shipment (to @SITE/<site>): the receipt moves
	 * nothing here; its lines are what is no longer in transit, and it
	 * marks the document received once the other site has received all
	 * of it.  The event is kept before its lines (they refer to it).
	 */
	wms_now_iso(w, now);
	if ((rc = db_inb_add(db, id, "transfer.receive", site, number, now,
	    err)) != 0 || (rc = rcv_lines(w, id, lines, di.id, site,
	    err)) != 0)
		goto fail;
	if (complete && strcmp(di.status, "in_transit") == 0 &&
	    (rc = db_doc_set_status(db, di.id, "received", err)) != 0)
		goto fail;
	memset(&log, 0, sizeof log);
	log.action = "transfer.delivered";
	log.doc = number;
	log.detail = json_pack("{ss ss sb si}", "event_id", id, "site", site,
	    "complete", complete, "lines", (int)json_array_size(lines));
	log.event = "transfer.delivered";
	log.payload = json_pack("{ss ss ss sb}", "number", number, "site",
	    wms_site(w), "by_site", site, "complete", complete);
	if ((rc = wms_write_commit(w, &log, err)) != 0)
		return rc;
	*applied = 1;
	return 0;
fail:
	wms_write_abort(w);
	return rc;
}
