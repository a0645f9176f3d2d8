/* The posting engine: document, movements, balances, valuation, audit, event. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/i18n.h"
#include "core/post.h"
#include "core/qty.h"
#include "core/wms.h"
#include "core/xmalloc.h"
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
	int64_t		 seq;
	int		 rc, year;

	memset(p, 0, sizeof *p);
	p->w = w;
	p->db = wms_db(w);
	p->lines = json_array();
	snprintf(p->type, sizeof p->type, "%s", type);
	wms_now_iso(w, p->at);
	snprintf(p->today, sizeof p->today, "%.10s", p->at);
	year = (int)strtol(p->at, NULL, 10);
	if ((rc = db_begin(p->db, err)) != 0)
		goto out;
	if ((st = db_stmt(p->db, &db_ledger_table, DB_DOC_SEQ, err)) == NULL) {
		rc = WMS_ERR_DB;
		goto out;
	}
	db_bind_int(st, ":depot", depot);
	db_bind_text(st, ":type", type);
	db_bind_int(st, ":year", year);
	if ((rc = db_step(p->db, st, err)) != 1) {
		sqlite3_reset(st);
		rc = rc < 0 ? rc : WMS_ERR_DB;
		goto out;
	}
	seq = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	snprintf(p->number, sizeof p->number, "%s-%s-%04d-%06lld", depot_code,
	    type, year, (long long)seq);

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
	p->lines = json_array();
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

/* The valuation of item at depot, loaded once per posting. */
static struct post_cost *
post_cost(struct post *p, int64_t item, int64_t depot, struct wms_err *err)
{
	struct post_cost	*c;
	sqlite3_stmt		*st;
	size_t			 i;

	for (i = 0; i < p->ncosts; i++) {
		if (p->costs[i].item == item && p->costs[i].depot == depot)
			return &p->costs[i];
	}
	p->costs = xreallocarray(p->costs, p->ncosts + 1, sizeof *p->costs);
	c = &p->costs[p->ncosts++];
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

static int
post_bal_add(struct post *p, int64_t loc, int64_t item, int64_t lot,
    int64_t delta, int64_t *now, struct wms_err *err)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = db_stmt(p->db, &db_ledger_table, DB_BAL_ADD, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_int(st, ":loc", loc);
	db_bind_int(st, ":item", item);
	db_bind_int(st, ":lot", lot);
	db_bind_int(st, ":qty", delta);
	rc = db_step(p->db, st, err);
	if (rc == 1)
		*now = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc == 1 ? 0 : rc < 0 ? rc : WMS_ERR_DB;
}

/*
 * A serial number is in stock at one place at most: after a movement its
 * real and transit balances sum to one unit or none, whatever moved it
 * (a receipt, an adjustment, a reversal).
 */
static int
post_serial_once(struct post *p, const struct wms_item *it, int64_t lot,
    const char *serial, int64_t to, struct wms_err *err)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = db_stmt(p->db, &db_ledger_table, DB_SERIAL_TWICE, err)) ==
	    NULL)
		return WMS_ERR_DB;
	db_bind_int(st, ":item", it->id);
	db_bind_int(st, ":lot", lot);
	db_bind_int(st, ":to", to);
	rc = db_step(p->db, st, err);
	if (rc == 1)
		rc = wms_err_set(err, WMS_ERR_CONFLICT,
		    _("serial %s of %s is already in stock at %s"),
		    serial != NULL ? serial : "?", it->code,
		    (const char *)sqlite3_column_text(st, 0));
	sqlite3_reset(st);
	return rc;
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
	int64_t			 v = 0, now;
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

	if ((rc = post_bal_add(p, from->id, it->id, lot, -qty, &now, err)) != 0)
		return rc;
	if (now < 0 && (post_is_real(from) || strcmp(from->kind,
	    "transit") == 0))
		return post_refuse_stock(err, from->path, it, lot_code,
		    now + qty, qty);
	if ((rc = post_bal_add(p, to->id, it->id, lot, qty, &now, err)) != 0)
		return rc;
	if (serial && (rc = post_serial_once(p, it, lot, lot_code, to->id,
	    err)) != 0)
		return rc;

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
	json_array_append_new(p->lines, json_pack("{ss ss? ss ss sI sI}",
	    "item", it->code, "lot", lot_code != NULL && *lot_code ? lot_code :
	    NULL, "from", from->path, "to", to->path, "qty_milli",
	    (json_int_t)qty, "value", (json_int_t)v));
	if (moved != NULL)
		*moved = v;
	return 0;
}

int
post_commit(struct post *p, const char *action, json_t *extra,
    struct wms_err *err)
{
	sqlite3_stmt	*st;
	json_t		*ev;
	char		*text, detail[160];
	size_t		 i;
	int		 rc;

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
	snprintf(detail, sizeof detail, "{\"movements\":%zu}",
	    json_array_size(p->lines));
	if ((rc = wms_audit_add(p->w, action, p->number, detail, err)) != 0)
		goto out;
	ev = extra != NULL ? json_incref(extra) : json_object();
	json_object_set_new(ev, "type", json_string(action));
	json_object_set_new(ev, "number", json_string(p->number));
	json_object_set_new(ev, "site", json_string(wms_site(p->w)));
	json_object_set_new(ev, "at", json_string(p->at));
	json_object_set_new(ev, "user", json_string(wms_user_name(p->w)));
	json_object_set(ev, "movements", p->lines);
	text = json_dumps(ev, JSON_COMPACT);
	json_decref(ev);
	rc = wms_outbox_add(p->w, action, text, err);
	free(text);
	if (rc != 0)
		goto out;
	rc = db_commit(p->db, err);
out:
	json_decref(extra);
	if (rc != 0)
		post_abort(p);
	else {
		json_decref(p->lines);
		free(p->costs);
		p->lines = NULL;
		p->costs = NULL;
		p->ncosts = 0;
	}
	return rc;
}

void
post_abort(struct post *p)
{
	if (p->db != NULL && db_in_tx(p->db))
		db_rollback(p->db);
	json_decref(p->lines);
	free(p->costs);
	p->lines = NULL;
	p->costs = NULL;
	p->ncosts = 0;
}
