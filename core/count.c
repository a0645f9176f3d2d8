/* Stock counts: snapshot, blind entry, recount, review and posting. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/audit.h"
#include "core/count.h"
#include "lib/i18n.h"
#include "core/master.h"
#include "core/post.h"
#include "core/qty.h"
#include "core/wms.h"
#include "lib/xmalloc.h"
#include "data/db-count.h"
#include "data/db-item.h"
#include "data/db-site.h"

/* A count document as read from the database. */
struct count_doc {
	int64_t	id;
	int64_t	depot_id;
	char	number[WMS_NUMBER_MAX];
	char	type[4];
	char	status[12];
	char	prefix[208];
	char	depot[32];
};

/* The key of a count line, resolved and checked against the count. */
struct count_key {
	struct post_loc	 loc;
	struct wms_item	 it;
	int64_t		 lot;
	const char	*lot_code;	/* NULL for none */
	int		 serial;
};

/* A line whose counted quantity differs from the book one. */
struct count_var {
	int64_t	loc, item, lot;
	int64_t	counted, book;
	char	lot_code[48];
};

static int
count_doc(struct db *db, const char *number, struct count_doc *cd,
    struct wms_err *err)
{
	sqlite3_stmt	*st;
	int		 rc;

	memset(cd, 0, sizeof *cd);
	if (number == NULL || *number == '\0')
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("missing count number"));
	if ((st = db_stmt(db, &db_count_table, DB_COUNT_DOC, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_text(st, ":number", number);
	if ((rc = db_step(db, st, err)) == 1) {
		cd->id = sqlite3_column_int64(st, 0);
		snprintf(cd->number, sizeof cd->number, "%s", number);
		snprintf(cd->type, sizeof cd->type, "%s",
		    (const char *)sqlite3_column_text(st, 1));
		snprintf(cd->status, sizeof cd->status, "%s",
		    (const char *)sqlite3_column_text(st, 2));
		snprintf(cd->prefix, sizeof cd->prefix, "%s",
		    (const char *)sqlite3_column_text(st, 3));
		snprintf(cd->depot, sizeof cd->depot, "%s",
		    (const char *)sqlite3_column_text(st, 4));
		cd->depot_id = sqlite3_column_int64(st, 5);
	}
	sqlite3_reset(st);
	if (rc < 0)
		return rc;
	if (rc == 0)
		return wms_err_set(err, WMS_ERR_NOTFOUND,
		    _("unknown count %s"), number);
	if (strcmp(cd->type, "CNT") != 0)
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("%s is not a count"), number);
	return 0;
}

static int
count_open(const struct count_doc *cd, struct wms_err *err)
{
	if (strcmp(cd->status, "open") != 0)
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

/* Resolve location, item and lot of a line; call wms_item_fini on k->it. */
static int
count_key(struct wms *w, const struct count_doc *cd, const char *loc,
    const char *item, const char *lot, struct count_key *k,
    struct wms_err *err)
{
	struct db	*db = wms_db(w);
	sqlite3_stmt	*st;
	int		 rc;

	memset(k, 0, sizeof *k);
	if (lot != NULL && *lot == '\0')
		lot = NULL;
	if ((rc = post_loc_get_db(db, loc, &k->loc, err)) != 0)
		return rc;
	if (strcmp(k->loc.kind, "internal") != 0)
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("%s is not a stock location"), k->loc.path);
	if (k->loc.depot_id != cd->depot_id ||
	    !count_under(cd->prefix, k->loc.path))
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("%s is not in count %s (%s)"), k->loc.path, cd->number,
		    cd->prefix);
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
	if ((st = db_stmt(db, &db_item_table, DB_LOT_GET, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_int(st, ":item", k->it.id);
	db_bind_text(st, ":code", lot);
	if ((rc = db_step(db, st, err)) == 1)
		k->lot = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc < 0)
		return rc;
	if (rc == 0)
		return wms_err_set(err, WMS_ERR_NOTFOUND, k->serial ?
		    _("unknown serial %s of %s") : _("unknown lot %s of %s"),
		    lot, k->it.code);
	k->lot_code = lot;
	return 0;
}

/* Write an audit entry of a count line inside the caller's transaction. */
static int
count_audit(struct wms *w, const char *action, const struct count_doc *cd,
    const struct count_key *k, int64_t qty, struct wms_err *err)
{
	json_t	*d;
	char	*text;
	int	 rc;

	d = json_pack("{ss ss ss?}", "location", k->loc.path, "item",
	    k->it.code, "lot", k->lot_code);
	/* The counted quantity only: the book one would unblind the count. */
	if (qty >= 0)
		json_object_set_new(d, "counted", json_integer(qty));
	text = json_dumps(d, JSON_COMPACT);
	json_decref(d);
	rc = wms_audit_add(w, action, cd->number, text, err);
	free(text);
	return rc;
}

int
wms_count_start(struct wms *w, const char *prefix,
    char number[WMS_NUMBER_MAX], struct wms_err *err)
{
	struct db	*db = wms_db(w);
	struct post	 p;
	sqlite3_stmt	*st;
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

	if ((st = db_stmt(db, &db_count_table, DB_COUNT_DEPOT, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_text(st, ":code", depot);
	if ((rc = db_step(db, st, err)) == 1)
		depot_id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc < 0)
		return rc;
	if (rc == 0)
		return wms_err_set(err, WMS_ERR_NOTFOUND,
		    _("unknown depot %s: see makhzan depot list"), depot);
	if ((st = db_stmt(db, &db_count_table, DB_COUNT_LOCS, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_int(st, ":depot", depot_id);
	db_bind_text(st, ":prefix", pfx);
	if ((rc = db_step(db, st, err)) == 1)
		nloc = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc < 0)
		return rc;
	if (nloc == 0)
		return wms_err_set(err, WMS_ERR_NOTFOUND,
		    _("no stock location matches %s: see makhzan location "
		    "list"), pfx);

	if ((rc = post_begin(&p, w, "CNT", depot_id, depot, json_pack(
	    "{ss ss}", "status", "open", "location_prefix", pfx), err)) != 0)
		return rc;
	if ((st = db_stmt(db, &db_count_table, DB_COUNT_SNAPSHOT,
	    err)) == NULL) {
		rc = WMS_ERR_DB;
		goto fail;
	}
	db_bind_int(st, ":doc", p.doc_id);
	db_bind_int(st, ":depot", depot_id);
	db_bind_text(st, ":prefix", pfx);
	if ((rc = db_exec_stmt(db, st, err)) != 0)
		goto fail;
	lines = sqlite3_changes(db_handle(db));
	if ((rc = post_commit(&p, "count.start", json_pack("{ss ss si}",
	    "depot", depot, "prefix", pfx, "lines", lines), err)) != 0)
		return rc;
	snprintf(number, WMS_NUMBER_MAX, "%s", p.number);
	return 0;
fail:
	post_abort(&p);
	return rc;
}

int
wms_count_enter(struct wms *w, const char *number, const char *loc,
    const char *item, const char *lot, int64_t qty, struct wms_err *err)
{
	struct db		*db = wms_db(w);
	struct count_doc	 cd;
	struct count_key	 k;
	sqlite3_stmt		*st;
	char			 at[32], q[32];
	int			 rc;

	memset(&k, 0, sizeof k);
	if ((rc = wms_require(w, WMS_PERM_COUNT, err)) != 0)
		return rc;
	if (qty < 0 || qty > WMS_QTY_MAX)
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("bad quantity: a counted quantity is zero or more"));
	if ((rc = count_doc(db, number, &cd, err)) != 0 ||
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
	if ((rc = db_begin(db, err)) != 0)
		goto out;
	/* Again inside the transaction: the count may have been posted. */
	if ((rc = count_doc(db, number, &cd, err)) != 0 ||
	    (rc = count_open(&cd, err)) != 0)
		goto fail;
	if ((st = db_stmt(db, &db_count_table, DB_COUNT_ENTER, err)) == NULL) {
		rc = WMS_ERR_DB;
		goto fail;
	}
	wms_now_iso(w, at);
	db_bind_int(st, ":doc", cd.id);
	db_bind_int(st, ":loc", k.loc.id);
	db_bind_int(st, ":item", k.it.id);
	db_bind_int(st, ":lot", k.lot);
	db_bind_int(st, ":counted", qty);
	db_bind_int(st, ":book", post_balance(db, k.loc.id, k.it.id, k.lot));
	db_bind_int(st, ":user", wms_user_id(w));
	db_bind_text(st, ":at", at);
	if ((rc = db_exec_stmt(db, st, err)) != 0 ||
	    (rc = count_audit(w, "count.enter", &cd, &k, qty, err)) != 0 ||
	    (rc = db_commit(db, err)) != 0)
		goto fail;
	goto out;
fail:
	if (db_in_tx(db))
		db_rollback(db);
out:
	wms_item_fini(&k.it);
	return rc;
}

int
wms_count_recount(struct wms *w, const char *number, const char *loc,
    const char *item, const char *lot, struct wms_err *err)
{
	struct db		*db = wms_db(w);
	struct count_doc	 cd;
	struct count_key	 k;
	sqlite3_stmt		*st;
	int			 rc;

	memset(&k, 0, sizeof k);
	if ((rc = wms_require(w, WMS_PERM_SUPERVISE, err)) != 0)
		return rc;
	if ((rc = count_doc(db, number, &cd, err)) != 0 ||
	    (rc = count_open(&cd, err)) != 0)
		return rc;
	if ((rc = count_key(w, &cd, loc, item, lot, &k, err)) != 0)
		goto out;
	if ((rc = db_begin(db, err)) != 0)
		goto out;
	if ((rc = count_doc(db, number, &cd, err)) != 0 ||
	    (rc = count_open(&cd, err)) != 0)
		goto fail;
	if ((st = db_stmt(db, &db_count_table, DB_COUNT_RECOUNT,
	    err)) == NULL) {
		rc = WMS_ERR_DB;
		goto fail;
	}
	db_bind_int(st, ":doc", cd.id);
	db_bind_int(st, ":loc", k.loc.id);
	db_bind_int(st, ":item", k.it.id);
	db_bind_int(st, ":lot", k.lot);
	if ((rc = db_exec_stmt(db, st, err)) != 0)
		goto fail;
	if (sqlite3_changes(db_handle(db)) == 0) {
		rc = wms_err_set(err, WMS_ERR_NOTFOUND,
		    _("%s%s%s at %s is not a line of count %s"), k.it.code,
		    k.lot_code != NULL ? _(" lot ") : "",
		    k.lot_code != NULL ? k.lot_code : "", k.loc.path,
		    cd.number);
		goto fail;
	}
	if ((rc = count_audit(w, "count.recount", &cd, &k, -1, err)) != 0 ||
	    (rc = db_commit(db, err)) != 0)
		goto fail;
	goto out;
fail:
	if (db_in_tx(db))
		db_rollback(db);
out:
	wms_item_fini(&k.it);
	return rc;
}

int
wms_count_each(struct wms *w, const char *number, int *blind,
    int (*fn)(const struct wms_count_row *, void *), void *arg,
    struct wms_err *err)
{
	struct db		*db = wms_db(w);
	struct count_doc	 cd;
	struct wms_count_row	 r;
	sqlite3_stmt		*st;
	char			*s[8];
	int			 rc, i, stop = 0, hide;

	if ((rc = wms_require(w, WMS_PERM_READ, err)) != 0)
		return rc;
	if ((rc = count_doc(db, number, &cd, err)) != 0)
		return rc;
	hide = wms_require(w, WMS_PERM_SUPERVISE, NULL) != 0;
	if (blind != NULL)
		*blind = hide;
	if ((st = db_stmt(db, &db_count_table, DB_COUNT_EACH, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_int(st, ":doc", cd.id);
	while (!stop && (rc = db_step(db, st, err)) == 1) {
		for (i = 0; i < 8; i++)
			s[i] = db_col_strdup_null(st, i);
		memset(&r, 0, sizeof r);
		r.location = s[0];
		r.item = s[1];
		r.name_ar = s[2];
		r.name_en = s[3];
		r.uom = s[4];
		r.lot = s[5];
		r.status = s[6];
		r.counted_by = s[7];
		r.has_counted = sqlite3_column_type(st, 9) != SQLITE_NULL;
		if (r.has_counted) {
			r.counted = sqlite3_column_int64(st, 9);
			r.book = sqlite3_column_int64(st, 10);
			r.variance = r.counted - r.book;
			/* avg_milli is minor units per base unit, x1000. */
			if (wms_muldiv(r.variance, sqlite3_column_int64(st,
			    11), 1000000, &r.value) != 0)
				r.value = 0;
		}
		r.expected = sqlite3_column_int64(st, 8);
		if (hide)
			r.expected = r.book = r.variance = r.value = 0;
		stop = fn(&r, arg);
		for (i = 0; i < 8; i++)
			free(s[i]);
	}
	sqlite3_reset(st);
	return rc < 0 ? rc : 0;
}

/* Lines, counted ones and the rest (pending or sent for recount). */
static int
count_tally(struct db *db, int64_t doc, int *lines, int *counted,
    int *pending, struct wms_err *err)
{
	sqlite3_stmt	*st;
	int		 rc;

	*lines = *counted = *pending = 0;
	if ((st = db_stmt(db, &db_count_table, DB_COUNT_TALLY, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_int(st, ":doc", doc);
	if ((rc = db_step(db, st, err)) == 1) {
		*lines = sqlite3_column_int(st, 0);
		*counted = sqlite3_column_int(st, 1);
		*pending = sqlite3_column_int(st, 2);
	}
	sqlite3_reset(st);
	return rc < 0 ? rc : 0;
}

int
wms_count_info(struct wms *w, const char *number, struct wms_count_info *ci,
    struct wms_err *err)
{
	struct db		*db = wms_db(w);
	struct count_doc	 cd;
	int			 rc;

	memset(ci, 0, sizeof *ci);
	if ((rc = wms_require(w, WMS_PERM_READ, err)) != 0)
		return rc;
	if ((rc = count_doc(db, number, &cd, err)) != 0)
		return rc;
	snprintf(ci->number, sizeof ci->number, "%s", cd.number);
	snprintf(ci->status, sizeof ci->status, "%s", cd.status);
	snprintf(ci->prefix, sizeof ci->prefix, "%s", cd.prefix);
	snprintf(ci->depot, sizeof ci->depot, "%s", cd.depot);
	return count_tally(db, cd.id, &ci->lines, &ci->counted, &ci->pending,
	    err);
}

int
wms_count_list(struct wms *w, int all, int limit,
    int (*fn)(const struct wms_count_info *, void *), void *arg,
    struct wms_err *err)
{
	struct db		*db = wms_db(w);
	struct wms_count_info	 ci;
	sqlite3_stmt		*st;
	int			 rc, stop = 0;

	if ((rc = wms_require(w, WMS_PERM_READ, err)) != 0)
		return rc;
	if ((st = db_stmt(db, &db_count_table, DB_COUNT_LIST, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_int(st, ":all", all != 0);
	db_bind_int(st, ":limit", limit);
	while (!stop && (rc = db_step(db, st, err)) == 1) {
		memset(&ci, 0, sizeof ci);
		snprintf(ci.number, sizeof ci.number, "%s",
		    (const char *)sqlite3_column_text(st, 0));
		snprintf(ci.status, sizeof ci.status, "%s",
		    (const char *)sqlite3_column_text(st, 1));
		snprintf(ci.prefix, sizeof ci.prefix, "%s",
		    (const char *)sqlite3_column_text(st, 2));
		snprintf(ci.depot, sizeof ci.depot, "%s",
		    (const char *)sqlite3_column_text(st, 3));
		ci.lines = sqlite3_column_int(st, 4);
		ci.counted = sqlite3_column_int(st, 5);
		ci.pending = ci.lines - ci.counted;
		stop = fn(&ci, arg);
	}
	sqlite3_reset(st);
	return rc < 0 ? rc : 0;
}

static int
count_variances(struct db *db, int64_t doc, struct count_var **out,
    size_t *n, struct wms_err *err)
{
	struct count_var	*v;
	sqlite3_stmt		*st;
	int			 rc;

	*out = NULL;
	*n = 0;
	if ((st = db_stmt(db, &db_count_table, DB_COUNT_VARIANCES,
	    err)) == NULL)
		return WMS_ERR_DB;
	db_bind_int(st, ":doc", doc);
	while ((rc = db_step(db, st, err)) == 1) {
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		v = &(*out)[(*n)++];
		v->loc = sqlite3_column_int64(st, 0);
		v->item = sqlite3_column_int64(st, 1);
		v->lot = sqlite3_column_int64(st, 2);
		snprintf(v->lot_code, sizeof v->lot_code, "%s",
		    (const char *)sqlite3_column_text(st, 3));
		v->counted = sqlite3_column_int64(st, 4);
		v->book = sqlite3_column_int64(st, 5);
	}
	sqlite3_reset(st);
	return rc < 0 ? rc : 0;
}

static int
count_loc_id(struct db *db, int64_t id, struct post_loc *l,
    struct wms_err *err)
{
	sqlite3_stmt	*st;
	const char	*s;
	int		 rc;

	memset(l, 0, sizeof *l);
	if ((st = db_stmt(db, &db_site_table, DB_LOC_BY_ID, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_int(st, ":id", id);
	if ((rc = db_step(db, st, err)) == 1) {
		l->id = id;
		l->depot_id = sqlite3_column_int64(st, 1);
		snprintf(l->kind, sizeof l->kind, "%s",
		    (const char *)sqlite3_column_text(st, 2));
		s = (const char *)sqlite3_column_text(st, 3);
		snprintf(l->depot, sizeof l->depot, "%s", s != NULL ? s : "");
		snprintf(l->path, sizeof l->path, "%s",
		    (const char *)sqlite3_column_text(st, 4));
	}
	sqlite3_reset(st);
	if (rc == 0)
		return wms_err_set(err, WMS_ERR_NOTFOUND,
		    _("unknown location id %lld"), (long long)id);
	return rc < 0 ? rc : 0;
}

int
wms_count_post(struct wms *w, const char *number, int skip_uncounted,
    struct wms_err *err)
{
	struct db		*db = wms_db(w);
	struct count_doc	 cd;
	struct count_var	*v = NULL;
	struct post		 p;
	struct post_loc		 adj, loc;
	struct wms_item		 it;
	sqlite3_stmt		*st;
	char			 msg[sizeof err->msg];
	size_t			 n = 0, i;
	int64_t			 diff;
	int			 rc, lines, counted, pending;

	memset(&p, 0, sizeof p);
	if ((rc = wms_require(w, WMS_PERM_SUPERVISE, err)) != 0)
		return rc;
	if ((rc = count_doc(db, number, &cd, err)) != 0 ||
	    (rc = count_open(&cd, err)) != 0)
		return rc;
	if ((rc = post_attach(&p, w, cd.id, cd.number, err)) != 0)
		return rc;
	if ((rc = count_doc(db, number, &cd, err)) != 0 ||
	    (rc = count_open(&cd, err)) != 0 ||
	    (rc = count_tally(db, cd.id, &lines, &counted, &pending,
	    err)) != 0)
		goto fail;
	if (pending > 0 && !skip_uncounted) {
		rc = wms_err_set(err, WMS_ERR_REFUSED,
		    _("count %s: %d of %d lines are not counted (pending or "
		    "sent for recount): count them, or post with "
		    "--skip-uncounted"), cd.number, pending, lines);
		goto fail;
	}
	if ((rc = post_loc_virtual(db, cd.depot, WMS_LOC_ADJUST, &adj,
	    err)) != 0 ||
	    (rc = count_variances(db, cd.id, &v, &n, err)) != 0)
		goto fail;
	for (i = 0; i < n; i++) {
		if ((rc = count_loc_id(db, v[i].loc, &loc, err)) != 0 ||
		    (rc = wms_item_get_id(w, v[i].item, &it, err)) != 0)
			goto fail;
		diff = v[i].counted - v[i].book;
		if (diff > 0)
			rc = post_move(&p, &it, v[i].lot, v[i].lot_code, &adj,
			    &loc, diff, POST_VALUE_AUTO, NULL, err);
		else
			rc = post_move(&p, &it, v[i].lot, v[i].lot_code, &loc,
			    &adj, -diff, POST_VALUE_AUTO, NULL, err);
		wms_item_fini(&it);
		if (rc != 0) {
			snprintf(msg, sizeof msg, "%s", err != NULL ?
			    err->msg : "");
			rc = wms_err_set(err, rc, _("cannot post count %s: %s"),
			    cd.number, msg);
			goto fail;
		}
	}
	if ((st = db_stmt(db, &db_count_table, DB_COUNT_STATUS, err)) == NULL) {
		rc = WMS_ERR_DB;
		goto fail;
	}
	db_bind_text(st, ":status", "posted");
	db_bind_int(st, ":id", cd.id);
	if ((rc = db_exec_stmt(db, st, err)) != 0)
		goto fail;
	rc = post_commit(&p, "count.post", json_pack("{ss ss si si si}",
	    "depot", cd.depot, "prefix", cd.prefix, "lines", lines,
	    "adjusted", (int)n, "skipped", pending), err);
	goto out;
fail:
	post_abort(&p);
out:
	free(v);
	return rc;
}
