/* The posting engine: document, movements, balances, valuation, audit, event. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "lib/i18n.h"
#include "core/post.h"
#include "core/qty.h"
#include "core/wms.h"
#include "lib/xmalloc.h"
#include "data/db-ledger.h"
#include "data/db-site.h"

static int
post_loc_row(sqlite3_stmt *st, const char *path, struct post_loc *l)
{
	const char *s;

	memset(l, 0, sizeof *l);
	l->id = sqlite3_column_int64(st, 0);
	l->depot_id = sqlite3_column_int64(st, 1);
	snprintf(l->kind, sizeof l->kind, "%s",
	    (const char *)sqlite3_column_text(st, 2));
	s = (const char *)sqlite3_column_text(st, 3);
	snprintf(l->depot, sizeof l->depot, "%s", s != NULL ? s : "");
	snprintf(l->path, sizeof l->path, "%s", path);
	return 0;
}

int
post_loc_get_db(struct db *db, const char *path, struct post_loc *l,
    struct wms_err *err)
{
	sqlite3_stmt	*st;
	int		 rc;

	if (path == NULL || *path == '\0')
		return wms_err_set(err, WMS_ERR_INVALID, _("missing location"));
	if ((st = db_stmt(db, &db_site_table, DB_LOC_GET, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_text(st, ":path", path);
	rc = db_step(db, st, err);
	if (rc == 1)
		post_loc_row(st, path, l);
	sqlite3_reset(st);
	if (rc == 0)
		return wms_err_set(err, WMS_ERR_NOTFOUND,
		    _("unknown location %s: add it with makhzan location add"),
		    path);
	return rc < 0 ? rc : 0;
}

int
post_loc_get(struct post *p, const char *path, struct post_loc *l,
    struct wms_err *err)
{
	return post_loc_get_db(p->db, path, l, err);
}

int
post_loc_virtual(struct db *db, const char *depot, const char *suffix,
    struct post_loc *l, struct wms_err *err)
{
	char path[64];

	snprintf(path, sizeof path, "%s/%s", depot, suffix);
	return post_loc_get_db(db, path, l, err);
}

int64_t
post_balance(struct db *db, int64_t loc, int64_t item, int64_t lot)
{
	sqlite3_stmt	*st;
	int64_t		 q = 0;

	if ((st = db_stmt(db, &db_ledger_table, DB_BAL_GET, NULL)) == NULL)
		return 0;
	db_bind_int(st, ":loc", loc);
	db_bind_int(st, ":item", item);
	db_bind_int(st, ":lot", lot);
	if (db_step(db, st, NULL) == 1)
		q = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return q;
}

int
post_refuse_stock(struct wms_err *err, const char *loc,
    const struct wms_item *it, const char *lot, int64_t have, int64_t want)
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

static void
post_hdr_bind(sqlite3_stmt *st, json_t *hdr, const char *name,
    const char *key)
{
	json_t *v = hdr != NULL ? json_object_get(hdr, key) : NULL;

	if (json_is_string(v))
		db_bind_opt(st, name, json_string_value(v));
	else if (json_is_integer(v))
		db_bind_int(st, name, json_integer_value(v));
	else
		db_bind_null(st, name);
}

int
post_begin(struct post *p, struct wms *w, const char *type, int64_t depot,
    const char *depot_code, json_t *hdr, struct wms_err *err)
{
	sqlite3_stmt	*st;
	json_t		*status;
	char		 prefix[48];
	int64_t		 seq;
	int		 rc, year;

	memset(p, 0, sizeof *p);
	p->w = w;
	p->db = wms_db(w);
	snprintf(p->type, sizeof p->type, "%s", type);
	wms_now_iso(w, p->at);
	snprintf(p->today, sizeof p->today, "%.10s", p->at);
	year = (int)strtol(p->at, NULL, 10);
	if ((rc = db_begin(p->db, err)) != 0)
		goto out;
	/*
	 * The next number of this depot, type and year: one more than the
	 * highest one written, found in the number index (no counter row to
	 * write, and a rolled-back posting leaves no gap).
	 */
	snprintf(prefix, sizeof prefix, "%s-%s-%04d-", depot_code, type, year);
	if ((st = db_stmt(p->db, &db_ledger_table, DB_DOC_LAST, err)) == NULL) {
		rc = WMS_ERR_DB;
		goto out;
	}
	db_bind_text(st, ":prefix", prefix);
	if ((rc = db_step(p->db, st, err)) < 0)
		goto out;
	seq = rc == 1 ? strtoll((const char *)sqlite3_column_text(st, 0) +
	    strlen(prefix), NULL, 10) + 1 : 1;
	sqlite3_reset(st);
	if (seq > 999999) {
		rc = wms_err_set(err, WMS_ERR_REFUSED,
		    _("the document numbers %s000001 to %s999999 are all used"),
		    prefix, prefix);
		goto out;
	}
	snprintf(p->number, sizeof p->number, "%s%06lld", prefix,
	    (long long)seq);

	if ((st = db_stmt(p->db, &db_ledger_table, DB_DOC_ADD, err)) == NULL) {
		rc = WMS_ERR_DB;
		goto out;
	}
	status = hdr != NULL ? json_object_get(hdr, "status") : NULL;
	db_bind_text(st, ":number", p->number);
	db_bind_text(st, ":type", type);
	db_bind_int(st, ":depot", depot);
	db_bind_text(st, ":status", json_is_string(status) ?
	    json_string_value(status) : "posted");
	db_bind_text(st, ":at", p->at);
	db_bind_int(st, ":user", wms_user_id(w));
	post_hdr_bind(st, hdr, ":supplier", "supplier");
	post_hdr_bind(st, hdr, ":ref", "ref");
	post_hdr_bind(st, hdr, ":cc", "cost_centre_id");
	post_hdr_bind(st, hdr, ":requester", "requester");
	post_hdr_bind(st, hdr, ":reason", "reason");
	post_hdr_bind(st, hdr, ":dest", "dest_depot_id");
	post_hdr_bind(st, hdr, ":reverses", "reverses_id");
	post_hdr_bind(st, hdr, ":prefix", "location_prefix");
	if ((rc = db_exec_stmt(p->db, st, err)) != 0)
		goto out;
	p->doc_id = db_last_rowid(p->db);
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
	sqlite3_stmt	*st;
	int		 rc;

	memset(p, 0, sizeof *p);
	p->w = w;
	p->db = wms_db(w);
	p->doc_id = doc_id;
	snprintf(p->number, sizeof p->number, "%s", number);
	wms_now_iso(w, p->at);
	snprintf(p->today, sizeof p->today, "%.10s", p->at);
	if ((rc = db_begin(p->db, err)) != 0)
		goto out;
	/* Continue the line numbers after the document's last movement. */
	if ((st = db_stmt(p->db, &db_ledger_table, DB_DOC_MAXLINE, err)) ==
	    NULL) {
		rc = WMS_ERR_DB;
		goto out;
	}
	db_bind_int(st, ":doc", doc_id);
	if ((rc = db_step(p->db, st, err)) == 1)
		p->line = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	rc = rc < 0 ? rc : 0;
out:
	if (rc != 0)
		post_abort(p);
	return rc;
}

struct cost_key {
	const struct post	*p;
	int64_t			 item, depot;
};

static int
post_cost_eq(size_t pos, const void *arg)
{
	const struct cost_key *k = arg;

	return k->p->costs[pos].item == k->item &&
	    k->p->costs[pos].depot == k->depot;
}

/* The valuation of item at depot, loaded once per posting. */
static struct post_cost *
post_cost(struct post *p, int64_t item, int64_t depot, struct wms_err *err)
{
	struct cost_key		 k = { p, item, depot };
	struct post_cost	*c;
	sqlite3_stmt		*st;
	uint64_t		 h;
	long			 at;

	h = wms_hash_ints(item, depot, 0);
	if ((at = wms_hmap_get(&p->costmap, h, post_cost_eq, &k)) >= 0)
		return &p->costs[at];
	if (p->ncosts == p->capcosts) {
		p->capcosts = p->capcosts == 0 ? 16 : p->capcosts * 2;
		p->costs = xreallocarray(p->costs, p->capcosts,
		    sizeof *p->costs);
	}
	c = &p->costs[p->ncosts];
	memset(c, 0, sizeof *c);
	c->item = item;
	c->depot = depot;
	if ((st = db_stmt(p->db, &db_ledger_table, DB_COST_GET, err)) == NULL)
		return NULL;
	db_bind_int(st, ":item", item);
	db_bind_int(st, ":depot", depot);
	if (db_step(p->db, st, err) == 1) {
		c->value = sqlite3_column_int64(st, 0);
		c->avg_milli = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	if ((st = db_stmt(p->db, &db_ledger_table, DB_DEPOT_QTY, err)) == NULL)
		return NULL;
	db_bind_int(st, ":item", item);
	db_bind_int(st, ":depot", depot);
	if (db_step(p->db, st, err) == 1)
		c->qty = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	wms_hmap_put(&p->costmap, h, p->ncosts);
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

static void
post_cost_avg(struct post_cost *c)
{
	int64_t a;

	if (c->qty > 0 && c->value >= 0 &&
	    wms_muldiv(c->value, 1000000, c->qty, &a) == 0)
		c->avg_milli = a;
	if (c->qty == 0)
		c->value = 0;
}

struct bal_key {
	const struct post	*p;
	int64_t			 loc, item, lot;
};

static int
post_bal_eq(size_t pos, const void *arg)
{
	const struct bal_key	*k = arg;
	const struct post_bal	*b = &k->p->bals[pos];

	return b->loc == k->loc && b->item == k->item && b->lot == k->lot;
}

/* The balance of loc/item/lot in this posting, read on first use. */
static struct post_bal *
post_bal(struct post *p, int64_t loc, int64_t item, int64_t lot,
    struct wms_err *err)
{
	struct bal_key	 k = { p, loc, item, lot };
	struct post_bal	*b;
	sqlite3_stmt	*st;
	uint64_t	 h;
	long		 at;
	int		 rc;

	h = wms_hash_ints(loc, item, lot);
	if ((at = wms_hmap_get(&p->balmap, h, post_bal_eq, &k)) >= 0)
		return &p->bals[at];
	if ((st = db_stmt(p->db, &db_ledger_table, DB_BAL_GET, err)) == NULL)
		return NULL;
	db_bind_int(st, ":loc", loc);
	db_bind_int(st, ":item", item);
	db_bind_int(st, ":lot", lot);
	rc = db_step(p->db, st, err);
	if (p->nbals == p->capbals) {
		p->capbals = p->capbals == 0 ? 16 : p->capbals * 2;
		p->bals = xreallocarray(p->bals, p->capbals, sizeof *p->bals);
	}
	b = &p->bals[p->nbals];
	b->loc = loc;
	b->item = item;
	b->lot = lot;
	b->start = rc == 1 ? sqlite3_column_int64(st, 0) : 0;
	b->qty = b->start;
	sqlite3_reset(st);
	if (rc < 0)
		return NULL;
	wms_hmap_put(&p->balmap, h, p->nbals);
	return &p->bals[p->nbals++];
}

/* Write every balance the posting changed. */
static int
post_bal_flush(struct post *p, struct wms_err *err)
{
	sqlite3_stmt	*st;
	size_t		 i;
	int		 rc;

	for (i = 0; i < p->nbals; i++) {
		if (p->bals[i].qty == p->bals[i].start)
			continue;
		if ((st = db_stmt(p->db, &db_ledger_table, DB_BAL_PUT, err)) ==
		    NULL)
			return WMS_ERR_DB;
		db_bind_int(st, ":loc", p->bals[i].loc);
		db_bind_int(st, ":item", p->bals[i].item);
		db_bind_int(st, ":lot", p->bals[i].lot);
		db_bind_int(st, ":qty", p->bals[i].qty);
		if ((rc = db_exec_stmt(p->db, st, err)) != 0)
			return rc;
	}
	return 0;
}

/* Append to the event's movements. */
static void
post_ev(struct post *p, const char *fmt, ...)
{
	va_list	ap;
	int	n;

	for (;;) {
		va_start(ap, fmt);
		n = vsnprintf(p->ev + p->evlen, p->evcap - p->evlen, fmt, ap);
		va_end(ap);
		if (n >= 0 && (size_t)n < p->evcap - p->evlen)
			break;
		p->evcap = p->evcap == 0 ? 4096 : p->evcap * 2;
		if (n >= 0 && p->evcap < p->evlen + (size_t)n + 1)
			p->evcap = p->evlen + (size_t)n + 1;
		p->ev = xrealloc(p->ev, p->evcap);
	}
	p->evlen += (size_t)n;
}

/* Remember a serial number moved into stock, for post_serial_check(). */
static void
post_serial_note(struct post *p, const struct wms_item *it, int64_t lot,
    const char *code, int64_t to)
{
	struct post_serial *s;

	if (p->nserials == p->capserials) {
		p->capserials = p->capserials == 0 ? 8 : p->capserials * 2;
		p->serials = xreallocarray(p->serials, p->capserials,
		    sizeof *p->serials);
	}
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
	sqlite3_stmt		*st;
	size_t			 i;
	int			 rc;

	for (i = 0; i < p->nserials; i++) {
		s = &p->serials[i];
		st = db_stmt(p->db, &db_ledger_table, DB_SERIAL_TWICE, err);
		if (st == NULL)
			return WMS_ERR_DB;
		db_bind_int(st, ":item", s->item);
		db_bind_int(st, ":lot", s->lot);
		db_bind_int(st, ":to", s->to);
		rc = db_step(p->db, st, err);
		if (rc == 1)
			rc = wms_err_set(err, WMS_ERR_CONFLICT,
			    _("serial %s of %s is already in stock at %s"),
			    s->code, s->item_code,
			    (const char *)sqlite3_column_text(st, 0));
		sqlite3_reset(st);
		if (rc != 0)
			return rc;
	}
	return 0;
}

static int
post_is_real(const struct post_loc *l)
{
	return strcmp(l->kind, "internal") == 0;
}

int
post_move(struct post *p, const struct wms_item *it, int64_t lot,
    const char *lot_code, const struct post_loc *from,
    const struct post_loc *to, int64_t qty, int64_t value, int64_t *moved,
    struct wms_err *err)
{
	struct post_cost	*cf = NULL, *ct = NULL;
	sqlite3_stmt		*st;
	struct post_bal		*bf, *bt;
	int64_t			 v = 0;
	int			 rc, within, serial;

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
	 * The value that moves: out of a depot always its share of the
	 * depot's value (so stock on hand never has a negative value, even
	 * when a reversal moves old stock back); into a depot as given, else
	 * at the depot's average.
	 */
	if (cf != NULL)
		v = post_share(cf, qty);
	else if (value != POST_VALUE_AUTO)
		v = value;
	else if (ct != NULL)
		v = post_at_avg(ct, qty);
	if (!within) {
		if (cf != NULL) {
			cf->qty -= qty;
			cf->value -= v;
			post_cost_avg(cf);
		}
		if (ct != NULL) {
			ct->qty += qty;
			ct->value += v;
			post_cost_avg(ct);
		}
	}

	if ((bf = post_bal(p, from->id, it->id, lot, err)) == NULL)
		return WMS_ERR_DB;
	if (bf->qty - qty < 0 && (post_is_real(from) || strcmp(from->kind,
	    "transit") == 0))
		return post_refuse_stock(err, from->path, it, lot_code,
		    bf->qty, qty);
	bf->qty -= qty;
	if ((bt = post_bal(p, to->id, it->id, lot, err)) == NULL)
		return WMS_ERR_DB;
	bt->qty += qty;
	if (serial && (post_is_real(to) || strcmp(to->kind, "transit") == 0))
		post_serial_note(p, it, lot, lot_code, to->id);

	if ((st = db_stmt(p->db, &db_ledger_table, DB_MOVE_ADD, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_int(st, ":doc", p->doc_id);
	db_bind_int(st, ":line", ++p->line);
	db_bind_int(st, ":item", it->id);
	db_bind_int(st, ":lot", lot);
	db_bind_int(st, ":from", from->id);
	db_bind_int(st, ":to", to->id);
	db_bind_int(st, ":qty", qty);
	db_bind_int(st, ":value", v);
	db_bind_text(st, ":at", p->at);
	if ((rc = db_exec_stmt(p->db, st, err)) != 0)
		return rc;
	/* Codes and paths are [A-Z0-9@/._-], lots have no quote or '\\'. */
	post_ev(p, "%s{\"item\":\"%s\",", p->nmoves > 0 ? "," : "",
	    it->code);
	if (lot_code != NULL && *lot_code != '\0')
		post_ev(p, "\"lot\":\"%s\",", lot_code);
	post_ev(p, "\"from\":\"%s\",\"to\":\"%s\",\"qty_milli\":%lld,"
	    "\"value\":%lld}", from->path, to->path, (long long)qty,
	    (long long)v);
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
	sqlite3_stmt	*st;
	json_t		*ev;
	char		*head, *text, detail[64];
	size_t		 i, n;
	int		 rc;

	if ((rc = post_bal_flush(p, err)) != 0 ||
	    (rc = post_serial_check(p, err)) != 0)
		goto out;
	for (i = 0; i < p->ncosts; i++) {
		st = db_stmt(p->db, &db_ledger_table, DB_COST_PUT, err);
		if (st == NULL) {
			rc = WMS_ERR_DB;
			goto out;
		}
		db_bind_int(st, ":item", p->costs[i].item);
		db_bind_int(st, ":depot", p->costs[i].depot);
		db_bind_int(st, ":value", p->costs[i].value);
		db_bind_int(st, ":avg", p->costs[i].avg_milli);
		if ((rc = db_exec_stmt(p->db, st, err)) != 0)
			goto out;
	}
	snprintf(detail, sizeof detail, "{\"movements\":%zu}", p->nmoves);
	if ((rc = wms_audit_add(p->w, action, p->number, detail, err)) != 0)
		goto out;
	ev = extra != NULL ? json_incref(extra) : json_object();
	json_object_set_new(ev, "type", json_string(action));
	json_object_set_new(ev, "number", json_string(p->number));
	json_object_set_new(ev, "site", json_string(wms_site(p->w)));
	json_object_set_new(ev, "at", json_string(p->at));
	json_object_set_new(ev, "user", json_string(wms_user_name(p->w)));
	head = json_dumps(ev, JSON_COMPACT);
	json_decref(ev);
	/* The header object, its closing brace replaced by the movements. */
	n = strlen(head);
	text = xmalloc(n + p->evlen + 32);
	memcpy(text, head, n - 1);
	snprintf(text + n - 1, p->evlen + 32, "%s\"movements\":[%s]}",
	    n > 2 ? "," : "", p->ev != NULL ? p->ev : "");
	free(head);
	rc = wms_outbox_add(p->w, action, text, err);
	free(text);
	if (rc != 0)
		goto out;
	rc = db_commit(p->db, err);
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
	free(p->ev);
	free(p->costs);
	free(p->bals);
	free(p->serials);
	wms_hmap_free(&p->costmap);
	wms_hmap_free(&p->balmap);
	p->ev = NULL;
	p->costs = NULL;
	p->bals = NULL;
	p->serials = NULL;
	p->evlen = p->evcap = p->ncosts = p->capcosts = 0;
	p->nbals = p->capbals = p->nserials = p->capserials = 0;
}

void
post_abort(struct post *p)
{
	if (p->db != NULL && db_in_tx(p->db))
		db_rollback(p->db);
	post_free(p);
}
