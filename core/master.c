/* Master data: depots, locations, cost centres, items, units, barcodes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/audit.h"
#include "lib/i18n.h"
#include "core/master.h"
#include "core/qty.h"
#include "lib/text.h"
#include "core/wms.h"
#include "lib/xmalloc.h"
#include "data/db-item.h"
#include "data/db-site.h"
#include "data/db-user.h"

static int
master_bad_code(const char *what, const char *s, struct wms_err *err)
{
	return wms_err_set(err, WMS_ERR_INVALID,
	    _("bad %s \"%s\": 2 to 24 of A-Z 0-9 - _ . (capital letters)"),
	    what, s != NULL ? s : "");
}

/*
 * Run fn inside BEGIN IMMEDIATE ... COMMIT with one audit entry; the whole
 * change or nothing.
 */
static int
master_write(struct wms *w, const char *action, json_t *detail,
    int (*fn)(struct wms *, void *, struct wms_err *), void *arg,
    struct wms_err *err)
{
	char	*text;
	int	 rc;

	if ((rc = db_begin(wms_db(w), err)) != 0)
		goto out;
	if ((rc = fn(w, arg, err)) != 0)
		goto out;
	text = json_dumps(detail, JSON_COMPACT | JSON_SORT_KEYS);
	rc = wms_audit_add(w, action, NULL, text, err);
	free(text);
	if (rc != 0)
		goto out;
	rc = db_commit(wms_db(w), err);
out:
	if (rc != 0)
		db_rollback(wms_db(w));
	json_decref(detail);
	return rc;
}

static int
master_loc_insert(struct db *db, int64_t depot, int64_t parent,
    const char *path, const char *kind, int64_t *id, struct wms_err *err)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = db_stmt(db, &db_site_table, DB_LOC_ADD, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_int(st, ":depot", depot);
	if (parent != 0)
		db_bind_int(st, ":parent", parent);
	else
		db_bind_null(st, ":parent");
	db_bind_text(st, ":path", path);
	db_bind_text(st, ":kind", kind);
	if ((rc = db_exec_stmt(db, st, err)) != 0) {
		if (rc == WMS_ERR_CONFLICT)
			return wms_err_set(err, rc,
			    _("location %s already exists"), path);
		return rc;
	}
	if (id != NULL)
		*id = db_last_rowid(db);
	return 0;
}

struct depot_args {
	const char *code, *name_ar, *name_en;
};

static int
depot_add_fn(struct wms *w, void *arg, struct wms_err *err)
{
	static const char *const virt[][2] = {
		{ WMS_LOC_SUPPLIER, "supplier" }, { WMS_LOC_ADJUST, "adjustment" },
		{ WMS_LOC_SCRAP, "scrap" }, { WMS_LOC_TRANSIT, "transit" },
	};
	struct depot_args	*a = arg;
	struct db		*db = wms_db(w);
	sqlite3_stmt		*st;
	char			 path[64];
	int64_t			 depot;
	size_t			 i;
	int			 rc;

	if ((st = db_stmt(db, &db_site_table, DB_DEPOT_ADD, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_text(st, ":code", a->code);
	db_bind_text(st, ":name_ar", a->name_ar);
	db_bind_text(st, ":name_en", a->name_en);
	if ((rc = db_exec_stmt(db, st, err)) != 0) {
		if (rc == WMS_ERR_CONFLICT)
			return wms_err_set(err, rc, _("depot %s already exists"),
			    a->code);
		return rc;
	}
	depot = db_last_rowid(db);
	for (i = 0; i < sizeof virt / sizeof virt[0]; i++) {
		snprintf(path, sizeof path, "%s/%s", a->code, virt[i][0]);
		if ((rc = master_loc_insert(db, depot, 0, path, virt[i][1],
		    NULL, err)) != 0)
			return rc;
	}
	return 0;
}

int
wms_depot_add(struct wms *w, const char *code, const char *name_ar,
    const char *name_en, struct wms_err *err)
{
	struct depot_args	a = { code, name_ar, name_en };
	int			rc;

	if ((rc = wms_require(w, WMS_PERM_ADMIN, err)) != 0)
		return rc;
	if (!wms_code_valid(code) || strchr(code, '/') != NULL)
		return master_bad_code(_("depot code"), code, err);
	if ((rc = wms_name_check(_("Arabic name"), name_ar, err)) != 0 ||
	    (rc = wms_name_check(_("English name"), name_en, err)) != 0)
		return rc;
	return master_write(w, "depot.add", json_pack("{ss ss ss}", "code",
	    code, "name_ar", name_ar, "name_en", name_en), depot_add_fn, &a,
	    err);
}

/* One path segment: 1 to 24 of A-Z 0-9 - _ . */
static int
master_segment_valid(const char *s, size_t n)
{
	return n >= 1 && n <= 24 && wms_code_chars(s, n);
}

static int
location_add_fn(struct wms *w, void *arg, struct wms_err *err)
{
	const char	*path = arg, *slash;
	struct db	*db = wms_db(w);
	sqlite3_stmt	*st;
	char		 prefix[256];
	int64_t		 depot = 0, parent = 0, id;
	int		 rc, exists;

	/* Walk DEPOT, DEPOT/A, DEPOT/A/01: create what is missing. */
	for (slash = strchr(path, '/'); ; slash = strchr(slash + 1, '/')) {
		size_t n = slash != NULL ? (size_t)(slash - path) :
		    strlen(path);

		snprintf(prefix, sizeof prefix, "%.*s", (int)n, path);
		if ((st = db_stmt(db, &db_site_table, depot == 0 ?
		    DB_DEPOT_GET : DB_LOC_GET, err)) == NULL)
			return WMS_ERR_DB;
		db_bind_text(st, depot == 0 ? ":code" : ":path", prefix);
		if ((rc = db_step(db, st, err)) < 0)
			return rc;
		exists = rc == 1;
		id = exists ? sqlite3_column_int64(st, 0) : 0;
		sqlite3_reset(st);
		if (depot == 0) {
			if (!exists)
				return wms_err_set(err, WMS_ERR_NOTFOUND,
				    _("unknown depot %s (in %s): add it with "
				    "makhzan depot add"), prefix, path);
			depot = id;
		} else if (!exists) {
			if ((rc = master_loc_insert(db, depot, parent, prefix,
			    "internal", &id, err)) != 0)
				return rc;
		} else if (slash == NULL) {
			return wms_err_set(err, WMS_ERR_CONFLICT,
			    _("location %s already exists"), path);
		}
		parent = depot == id ? 0 : id;
		if (slash == NULL)
			break;
	}
	return 0;
}

int
wms_location_add(struct wms *w, const char *path, struct wms_err *err)
{
	const char	*p, *slash;
	int		 rc, nseg = 0;

	if ((rc = wms_require(w, WMS_PERM_MASTER, err)) != 0)
		return rc;
	if (path == NULL || strlen(path) > 200)
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("bad location \"%s\": DEPOT/ZONE/BIN"), path ? path : "");
	for (p = path; ; p = slash + 1) {
		slash = strchr(p, '/');
		if (!master_segment_valid(p, slash != NULL ?
		    (size_t)(slash - p) : strlen(p)))
			return wms_err_set(err, WMS_ERR_INVALID,
			    _("bad location \"%s\": parts separated by /, each "
			    "1 to 24 of A-Z 0-9 - _ . (like HMS/A/01-03)"), path);
		nseg++;
		if (slash == NULL)
			break;
	}
	if (nseg < 2)
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("bad location \"%s\": give DEPOT/ZONE[/BIN], like "
		    "HMS/A/01-03"), path);
	return master_write(w, "location.add", json_pack("{ss}", "path", path),
	    location_add_fn, (void *)path, err);
}

int
wms_location_get(struct wms *w, const char *path, char kind[12],
    struct wms_err *err)
{
	struct db	*db = wms_db(w);
	sqlite3_stmt	*st;
	int		 rc;

	if ((rc = wms_require(w, WMS_PERM_READ, err)) != 0)
		return rc;
	if ((st = db_stmt(db, &db_site_table, DB_LOC_GET, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_text(st, ":path", path);
	rc = db_step(db, st, err);
	if (rc == 1 && kind != NULL)
		snprintf(kind, 12, "%s", sqlite3_column_text(st, 2));
	sqlite3_reset(st);
	if (rc == 0)
		return wms_err_set(err, WMS_ERR_NOTFOUND,
		    _("unknown location %s: add it with makhzan location add"),
		    path);
	return rc < 0 ? rc : 0;
}

static int
cc_add_fn(struct wms *w, void *arg, struct wms_err *err)
{
	struct depot_args	*a = arg;
	struct db		*db = wms_db(w);
	sqlite3_stmt		*st;
	char			 path[64];
	int64_t			 loc;
	int			 rc;

	snprintf(path, sizeof path, "%s%s", WMS_LOC_CC_PREFIX, a->code);
	if ((st = db_stmt(db, &db_site_table, DB_LOC_ADD, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_null(st, ":depot");
	db_bind_null(st, ":parent");
	db_bind_text(st, ":path", path);
	db_bind_text(st, ":kind", "consumer");
	if ((rc = db_exec_stmt(db, st, err)) != 0)
		return rc == WMS_ERR_CONFLICT ? wms_err_set(err, rc,
		    _("cost centre %s already exists"), a->code) : rc;
	loc = db_last_rowid(db);
	if ((st = db_stmt(db, &db_site_table, DB_CC_ADD, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_text(st, ":code", a->code);
	db_bind_text(st, ":name_ar", a->name_ar);
	db_bind_text(st, ":name_en", a->name_en);
	db_bind_int(st, ":loc", loc);
	if ((rc = db_exec_stmt(db, st, err)) != 0)
		return rc == WMS_ERR_CONFLICT ? wms_err_set(err, rc,
		    _("cost centre %s already exists"), a->code) : rc;
	return 0;
}

int
wms_cc_add(struct wms *w, const char *code, const char *name_ar,
    const char *name_en, struct wms_err *err)
{
	struct depot_args	a = { code, name_ar, name_en };
	int			rc;

	if ((rc = wms_require(w, WMS_PERM_MASTER, err)) != 0)
		return rc;
	if (!wms_code_valid(code))
		return master_bad_code(_("cost centre code"), code, err);
	if ((rc = wms_name_check(_("Arabic name"), name_ar, err)) != 0 ||
	    (rc = wms_name_check(_("English name"), name_en, err)) != 0)
		return rc;
	return master_write(w, "cost-centre.add", json_pack("{ss ss ss}",
	    "code", code, "name_ar", name_ar, "name_en", name_en), cc_add_fn,
	    &a, err);
}

void
wms_item_fini(struct wms_item *it)
{
	size_t i;

	free(it->code);
	free(it->name_ar);
	free(it->name_en);
	free(it->category);
	free(it->uom);
	free(it->tracking);
	for (i = 0; i < it->nbarcodes; i++)
		free(it->barcodes[i]);
	free(it->barcodes);
	memset(it, 0, sizeof *it);
}

/* A unit name: 1 to 8 of A-Z a-z, e.g. EA, KG, DRUM, L. */
static int
master_unit_valid(const char *s)
{
	size_t i, n;

	n = s != NULL ? strlen(s) : 0;
	if (n < 1 || n > 8)
		return 0;
	for (i = 0; i < n; i++) {
		if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' &&
		    s[i] <= 'z')))
			return 0;
	}
	return 1;
}

static int
master_barcode_valid(const char *s)
{
	size_t i, n;

	n = s != NULL ? strlen(s) : 0;
	if (n < 4 || n > 64)
		return 0;
	for (i = 0; i < n; i++) {
		if (s[i] <= 0x20 || s[i] >= 0x7f)
			return 0;
	}
	return 1;
}

/* The folded text of an item for the search index. */
/* The item's names, folded, in the search index (codes and barcodes are
 * searched on their own indexes: wms_item_each). */
static int
master_fts_add(struct db *db, const struct wms_item *it, int64_t id,
    struct wms_err *err)
{
	sqlite3_stmt	*st;
	char		*ar, *en;
	int		 rc;

	ar = wms_fold(it->name_ar);
	en = wms_fold(it->name_en);
	if ((st = db_stmt(db, &db_item_table, DB_FTS_ADD, err)) == NULL) {
		rc = WMS_ERR_DB;
	} else {
		db_bind_int(st, ":id", id);
		db_bind_text(st, ":name_ar", ar);
		db_bind_text(st, ":name_en", en);
		rc = db_exec_stmt(db, st, err);
	}
	free(ar);
	free(en);
	return rc;
}

static int
item_add_fn(struct wms *w, void *arg, struct wms_err *err)
{
	const struct wms_item	*it = arg;
	struct db		*db = wms_db(w);
	sqlite3_stmt		*st;
	char			 at[32];
	int64_t			 id;
	size_t			 i;
	int			 rc;

	if ((st = db_stmt(db, &db_item_table, DB_ITEM_ADD, err)) == NULL)
		return WMS_ERR_DB;
	wms_now_iso(w, at);
	db_bind_text(st, ":code", it->code);
	db_bind_text(st, ":name_ar", it->name_ar);
	db_bind_text(st, ":name_en", it->name_en);
	db_bind_text(st, ":category", it->category ? it->category : "");
	db_bind_text(st, ":uom", it->uom);
	db_bind_text(st, ":tracking", it->tracking ? it->tracking : "none");
	db_bind_int(st, ":weighed", it->weighed ? 1 : 0);
	db_bind_int(st, ":min", it->min_qty);
	db_bind_int(st, ":max", it->max_qty);
	if (it->shelf_life > 0)
		db_bind_int(st, ":shelf_life", it->shelf_life);
	else
		db_bind_null(st, ":shelf_life");
	db_bind_text(st, ":at", at);
	if ((rc = db_exec_stmt(db, st, err)) != 0)
		return rc == WMS_ERR_CONFLICT ? wms_err_set(err, rc,
		    _("item %s already exists"), it->code) : rc;
	id = db_last_rowid(db);
	for (i = 0; i < it->nbarcodes; i++) {
		if ((st = db_stmt(db, &db_item_table, DB_BARCODE_ADD, err)) ==
		    NULL)
			return WMS_ERR_DB;
		db_bind_text(st, ":barcode", it->barcodes[i]);
		db_bind_int(st, ":item", id);
		if ((rc = db_exec_stmt(db, st, err)) != 0)
			return rc == WMS_ERR_CONFLICT ? wms_err_set(err, rc,
			    _("barcode %s already belongs to another item"),
			    it->barcodes[i]) : rc;
	}
	return master_fts_add(db, it, id, err);
}

int
wms_item_add(struct wms *w, const struct wms_item *it, struct wms_err *err)
{
	const char	*tr;
	json_t		*bc;
	size_t		 i;
	int		 rc;

	if ((rc = wms_require(w, WMS_PERM_MASTER, err)) != 0)
		return rc;
	if (!wms_code_valid(it->code))
		return master_bad_code(_("item code"), it->code, err);
	if ((rc = wms_name_check(_("Arabic name"), it->name_ar, err)) != 0 ||
	    (rc = wms_name_check(_("English name"), it->name_en, err)) != 0)
		return rc;
	if (it->category != NULL && *it->category != '\0' &&
	    (rc = wms_name_check(_("category"), it->category, err)) != 0)
		return rc;
	if (!master_unit_valid(it->uom))
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("bad unit \"%s\": 1 to 8 letters, like EA, KG, L"),
		    it->uom != NULL ? it->uom : "");
	tr = it->tracking != NULL ? it->tracking : "none";
	if (strcmp(tr, "none") != 0 && strcmp(tr, "lot") != 0 &&
	    strcmp(tr, "serial") != 0)
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("bad tracking \"%s\": none, lot or serial"), tr);
	if (it->min_qty < 0 || it->max_qty < 0 || (it->max_qty != 0 &&
	    it->max_qty < it->min_qty))
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("bad reorder levels: the maximum must not be below the "
		    "minimum"));
	if (it->shelf_life < 0 || it->shelf_life > 36500)
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("bad shelf life %d: days from 1 to 36500"), it->shelf_life);
	bc = json_array();
	for (i = 0; i < it->nbarcodes; i++) {
		if (!master_barcode_valid(it->barcodes[i])) {
			json_decref(bc);
			return wms_err_set(err, WMS_ERR_INVALID,
			    _("bad barcode \"%s\": 4 to 64 printable ASCII "
			    "characters"), it->barcodes[i]);
		}
		json_array_append_new(bc, json_string(it->barcodes[i]));
	}
	return master_write(w, "item.add", json_pack("{ss ss ss ss ss so}",
	    "code", it->code, "name_ar", it->name_ar, "name_en", it->name_en,
	    "uom", it->uom, "tracking", tr, "barcodes", bc), item_add_fn,
	    (void *)it, err);
}

static void
master_item_row(struct db *db, sqlite3_stmt *st, struct wms_item *it)
{
	sqlite3_stmt *bs;

	memset(it, 0, sizeof *it);
	it->id = sqlite3_column_int64(st, 0);
	it->code = db_col_strdup(st, 1);
	it->name_ar = db_col_strdup(st, 2);
	it->name_en = db_col_strdup(st, 3);
	it->category = db_col_strdup(st, 4);
	it->uom = db_col_strdup(st, 5);
	it->tracking = db_col_strdup(st, 6);
	it->weighed = sqlite3_column_int(st, 7);
	it->min_qty = sqlite3_column_int64(st, 8);
	it->max_qty = sqlite3_column_int64(st, 9);
	it->shelf_life = sqlite3_column_int(st, 10);
	bs = db_stmt(db, &db_item_table, DB_ITEM_BARCODES, NULL);
	if (bs == NULL)
		return;
	db_bind_int(bs, ":id", it->id);
	while (db_step(db, bs, NULL) == 1) {
		it->barcodes = xreallocarray(it->barcodes, it->nbarcodes + 1,
		    sizeof *it->barcodes);
		it->barcodes[it->nbarcodes++] = db_col_strdup(bs, 0);
	}
	sqlite3_reset(bs);
}

int
wms_item_get(struct wms *w, const char *code, struct wms_item *it,
    struct wms_err *err)
{
	static const int order[] = { DB_ITEM_GET, DB_ITEM_BY_BARCODE };
	struct db	*db = wms_db(w);
	sqlite3_stmt	*st;
	size_t		 i;
	int		 rc;

	if (code == NULL || *code == '\0')
		return wms_err_set(err, WMS_ERR_INVALID, _("missing item"));
	for (i = 0; i < 2; i++) {
		if ((st = db_stmt(db, &db_item_table, order[i], err)) == NULL)
			return WMS_ERR_DB;
		db_bind_text(st, ":code", code);
		if ((rc = db_step(db, st, err)) < 0)
			return rc;
		if (rc == 1) {
			/* Copy the row: its text dies at the next step. */
			master_item_row(db, st, it);
			sqlite3_reset(st);
			return 0;
		}
		sqlite3_reset(st);
	}
	return wms_err_set(err, WMS_ERR_NOTFOUND,
	    _("unknown item %s: no item has this code or barcode"), code);
}

int
wms_item_get_id(struct wms *w, int64_t id, struct wms_item *it,
    struct wms_err *err)
{
	struct db	*db = wms_db(w);
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = db_stmt(db, &db_item_table, DB_ITEM_BY_ID, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_int(st, ":id", id);
	if ((rc = db_step(db, st, err)) == 1)
		master_item_row(db, st, it);
	sqlite3_reset(st);
	if (rc == 0)
		return wms_err_set(err, WMS_ERR_NOTFOUND, _("no item #%lld"),
		    (long long)id);
	return rc < 0 ? rc : 0;
}

/* Build an FTS5 query: every word of the folded text as a quoted prefix. */
static char *
master_fts_query(const char *search)
{
	char	*f, *q, *p, *tok, *save = NULL;
	size_t	 cap;

	f = wms_fold(search);
	cap = strlen(f) * 2 + 16;
	q = xcalloc(1, cap * 2);
	p = q;
	for (tok = strtok_r(f, " \t", &save); tok != NULL;
	    tok = strtok_r(NULL, " \t", &save)) {
		const char *c;

		if (p != q)
			*p++ = ' ';
		*p++ = '"';
		for (c = tok; *c != '\0'; c++) {
			if (*c == '"')
				*p++ = '"';
			*p++ = *c;
		}
		*p++ = '"';
		*p++ = '*';
	}
	*p = '\0';
	free(f);
	return q;
}

/* Items found by the search statements, gathered before the callback
 * (duplicates too: they are dropped once sorted). */
struct item_found {
	struct wms_item	*v;
	size_t		 n, cap;
};

/* Run st (bound but for :limit) and keep the items not found already. */
static int
item_gather(struct db *db, sqlite3_stmt *st, size_t limit,
    struct item_found *f, struct wms_err *err)
{
	struct wms_item	it;
	int		rc;

	db_bind_int(st, ":limit", limit == 0 ? -1 : (int64_t)limit);
	while ((rc = db_step(db, st, err)) == 1) {
		master_item_row(db, st, &it);
		if (f->n == f->cap) {
			f->cap = f->cap ? f->cap * 2 : 64;
			f->v = xreallocarray(f->v, f->cap, sizeof *f->v);
		}
		f->v[f->n++] = it;
	}
	sqlite3_reset(st);
	return rc < 0 ? rc : 0;
}

/* Items whose code (or barcode) starts with the folded text p. */
static int
item_prefix(struct db *db, int which, const char *p, size_t limit,
    struct item_found *f, struct wms_err *err)
{
	sqlite3_stmt	*st;
	char		*lo, *hi, *c;
	int		 rc;

	if ((st = db_stmt(db, &db_item_table, which, err)) == NULL)
		return WMS_ERR_DB;
	lo = xstrdup(p);
	for (c = lo; *c != '\0'; c++)
		if (*c >= 'a' && *c <= 'z')
			*c = (char)(*c - 'a' + 'A');
	/* Every text that starts with lo sorts below lo + 0xFF: no UTF-8
	 * byte is 0xFF. */
	xasprintf(&hi, "%s\xff", lo);
	db_bind_text(st, ":lo", lo);
	db_bind_text(st, ":hi", hi);
	rc = item_gather(db, st, limit, f, err);
	free(lo);
	free(hi);
	return rc;
}

static int
item_cmp_code(const void *a, const void *b)
{
	return strcmp(((const struct wms_item *)a)->code,
	    ((const struct wms_item *)b)->code);
}

int
wms_item_each(struct wms *w, const char *search, size_t limit,
    int (*fn)(const struct wms_item *, void *), void *arg,
    struct wms_err *err)
{
	struct db		*db = wms_db(w);
	struct item_found	 f = { NULL, 0, 0 };
	sqlite3_stmt		*st;
	char			*q = NULL, *folded = NULL;
	size_t			 i, sent = 0;
	int64_t			 prev = 0;
	int			 rc, stop = 0;

	if ((rc = wms_require(w, WMS_PERM_READ, err)) != 0)
		return rc;
	if (search != NULL && *search != '\0') {
		if ((rc = wms_name_check(_("search text"), search, err)) != 0)
			return rc;
		q = master_fts_query(search);
		if (*q == '\0') {
			free(q);
			q = NULL;
		}
	}
	if (q == NULL) {
		if ((st = db_stmt(db, &db_item_table, DB_ITEM_ALL, err)) ==
		    NULL)
			return WMS_ERR_DB;
		rc = item_gather(db, st, limit, &f, err);
		goto out;
	}
	/* One word may be the start of a code or a barcode; any words are
	 * the starts of words of the names, in Arabic or English. */
	folded = wms_fold(search);
	if (strpbrk(folded, " \t") == NULL) {
		if ((rc = item_prefix(db, DB_ITEM_CODE_PREFIX, folded, limit,
		    &f, err)) != 0)
			goto out;
		if (strspn(folded, "0123456789") == strlen(folded) &&
		    (rc = item_prefix(db, DB_ITEM_BARCODE_PREFIX, folded,
		    limit, &f, err)) != 0)
			goto out;
	}
	if ((st = db_stmt(db, &db_item_table, DB_ITEM_SEARCH, err)) == NULL) {
		rc = WMS_ERR_DB;
		goto out;
	}
	db_bind_text(st, ":match", q);
	rc = item_gather(db, st, limit, &f, err);
	if (f.n > 1)
		qsort(f.v, f.n, sizeof *f.v, item_cmp_code);
out:
	/*
	 * Gathered first: the callback may run other queries.  An item found
	 * twice (by its code and a name, or two barcodes) is next to itself
	 * once sorted by code: given once.
	 */
	for (i = 0; i < f.n; i++) {
		if (rc == 0 && !stop && (limit == 0 || sent < limit) &&
		    (i == 0 || f.v[i].id != prev)) {
			stop = fn(&f.v[i], arg);
			sent++;
		}
		prev = f.v[i].id;
		wms_item_fini(&f.v[i]);
	}
	free(f.v);
	free(folded);
	free(q);
	return rc;
}

struct unit_args {
	int64_t		 item;
	const char	*unit;
	int64_t		 factor;
};

static int
unit_add_fn(struct wms *w, void *arg, struct wms_err *err)
{
	struct unit_args	*a = arg;
	sqlite3_stmt		*st;
	int			 rc;

	if ((st = db_stmt(wms_db(w), &db_item_table, DB_UNIT_ADD, err)) ==
	    NULL)
		return WMS_ERR_DB;
	db_bind_int(st, ":item", a->item);
	db_bind_text(st, ":unit", a->unit);
	db_bind_int(st, ":factor", a->factor);
	rc = db_exec_stmt(wms_db(w), st, err);
	return rc == WMS_ERR_CONFLICT ? wms_err_set(err, rc,
	    _("the item already has a unit %s"), a->unit) : rc;
}

int
wms_unit_add(struct wms *w, const char *item, const char *unit,
    int64_t factor, struct wms_err *err)
{
	struct wms_item		it;
	struct unit_args	a;
	char			f[32];
	int			rc;

	if ((rc = wms_require(w, WMS_PERM_MASTER, err)) != 0)
		return rc;
	if (!master_unit_valid(unit))
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("bad unit \"%s\": 1 to 8 letters, like DRUM, BOX"),
		    unit != NULL ? unit : "");
	if (factor <= 0)
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("bad factor: must be more than zero"));
	if ((rc = wms_item_get(w, item, &it, err)) != 0)
		return rc;
	if (strcmp(it.uom, unit) == 0) {
		rc = wms_err_set(err, WMS_ERR_CONFLICT,
		    _("%s is already the base unit of %s"), unit, it.code);
		goto out;
	}
	a.item = it.id;
	a.unit = unit;
	a.factor = factor;
	rc = master_write(w, "unit.add", json_pack("{ss ss ss}", "item",
	    it.code, "unit", unit, "factor", wms_qty_fmt(factor, f, sizeof f)),
	    unit_add_fn, &a, err);
out:
	wms_item_fini(&it);
	return rc;
}

int
wms_unit_each(struct wms *w, int64_t item_id,
    int (*fn)(const struct wms_unit *, void *), void *arg,
    struct wms_err *err)
{
	sqlite3_stmt	*st;
	struct wms_unit	 u;
	char		*name;
	int		 rc, stop = 0;

	if ((st = db_stmt(wms_db(w), &db_item_table, DB_UNIT_LIST, err)) ==
	    NULL)
		return WMS_ERR_DB;
	db_bind_int(st, ":item", item_id);
	while (!stop && (rc = db_step(wms_db(w), st, err)) == 1) {
		name = db_col_strdup(st, 0);
		u.unit = name;
		u.factor = sqlite3_column_int64(st, 1);
		stop = fn(&u, arg);
		free(name);
	}
	sqlite3_reset(st);
	return rc < 0 ? rc : 0;
}

int
wms_master_list(struct wms *w, const char *what, const char *filter,
    int (*fn)(const char *const *cols, int ncol, void *), void *arg,
    struct wms_err *err)
{
	const struct db_stmt_table	*t;
	struct db			*db = wms_db(w);
	sqlite3_stmt			*st;
	const char			*cols[8];
	int				 idx, rc, n, i, stop = 0;

	if (strcmp(what, "users") == 0) {
		if ((rc = wms_require(w, WMS_PERM_ADMIN, err)) != 0)
			return rc;
	} else if ((rc = wms_require(w, WMS_PERM_READ, err)) != 0)
		return rc;
	if (strcmp(what, "depots") == 0) {
		t = &db_site_table;
		idx = DB_DEPOT_LIST;
	} else if (strcmp(what, "locations") == 0) {
		t = &db_site_table;
		idx = DB_LOC_LIST;
	} else if (strcmp(what, "cost-centres") == 0) {
		t = &db_site_table;
		idx = DB_CC_LIST;
	} else if (strcmp(what, "users") == 0) {
		t = &db_user_table;
		idx = DB_USER_LIST;
	} else
		return wms_err_set(err, WMS_ERR_INVALID, "no list %s", what);
	if ((st = db_stmt(db, t, idx, err)) == NULL)
		return WMS_ERR_DB;
	if (idx == DB_LOC_LIST && t == &db_site_table) {
		db_bind_opt(st, ":depot", filter);
		db_bind_int(st, ":all", 0);
	}
	while (!stop && (rc = db_step(db, st, err)) == 1) {
		n = sqlite3_column_count(st);
		if (n > 8)
			n = 8;
		for (i = 0; i < n; i++)
			cols[i] = (const char *)sqlite3_column_text(st, i);
		stop = fn(cols, n, arg);
	}
	sqlite3_reset(st);
	return rc < 0 ? rc : 0;
}
