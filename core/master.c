/* Master data: depots, locations, cost centres, items, units, barcodes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/catalogue.h"
#include "core/master.h"
#include "core/qty.h"
#include "core/wms.h"
#include "core/write.h"
#include "data/db-item.h"
#include "data/db-site.h"
#include "data/db-user.h"
#include "lib/i18n.h"
#include "lib/text.h"
#include "lib/xmalloc.h"

static int
master_bad_code(const char *what, const char *s, struct wms_err *err)
{
	return wms_err_set(err, WMS_ERR_INVALID,
	    _("bad %s \"%s\": 2 to 24 of A-Z 0-9 - _ . (capital letters)"),
	    what, s != NULL ? s : "");
}

/* Add a location; a path that exists already is named. */
static int
master_loc_insert(struct db *db, int64_t depot, int64_t parent,
    const char *path, const char *kind, int64_t *id, struct wms_err *err)
{
	int rc;

	rc = db_loc_add(db, depot, parent, path, kind, id, err);
	if (rc == WMS_ERR_CONFLICT)
		return wms_err_set(err, rc, _("location %s already exists"),
		    path);
	return rc;
}

/*
 * A depot or a cost centre: a code and its names, how it is inserted and
 * the audit's action.
 */
struct depot_args {
	const char	*code;
	const char	*name_ar;
	const char	*name_en;
	int		(*insert)(struct wms *, const char *code,
			    const char *name_ar, const char *name_en,
			    struct wms_err *);
	const char	*action;
};

static json_t *
depot_detail(const struct depot_args *a)
{
	return json_pack("{ss ss ss}", "code", a->code, "name_ar", a->name_ar,
	    "name_en", a->name_en);
}

int
wms_master_depot_insert(struct wms *w, const char *code, const char *name_ar,
    const char *name_en, struct wms_err *err)
{
	static const struct {
		const char	*suffix;
		const char	*kind;
	} virt[] = {
		{ .suffix = WMS_LOC_SUPPLIER, .kind = "supplier" },
		{ .suffix = WMS_LOC_ADJUST, .kind = "adjustment" },
		{ .suffix = WMS_LOC_SCRAP, .kind = "scrap" },
		{ .suffix = WMS_LOC_TRANSIT, .kind = "transit" },
	};
	struct db		*db = wms_db(w);
	char			 path[64];
	int64_t			 depot;
	size_t			 i;
	int			 rc;

	if ((rc = db_depot_add(db, code, name_ar, name_en, &depot,
	    err)) != 0)
		return rc == WMS_ERR_CONFLICT ? wms_err_set(err, rc,
		    _("depot %s already exists"), code) : rc;
	for (i = 0; i < sizeof virt / sizeof virt[0]; i++) {
		snprintf(path, sizeof path, "%s/%s", code, virt[i].suffix);
		if ((rc = master_loc_insert(db, depot, 0, path, virt[i].kind,
		    NULL, err)) != 0)
			return rc;
	}
	return 0;
}

static int
depot_like_fn(struct wms *w, void *arg, struct wms_write *log,
    struct wms_err *err)
{
	struct depot_args	*a = arg;
	int			 rc;

	if ((rc = a->insert(w, a->code, a->name_ar, a->name_en, err)) != 0)
		return rc;
	log->action = a->action;
	log->detail = depot_detail(a);
	wms_catalogue_event(log);
	return 0;
}

/* A code (good when code_ok; else the refusal names what) and its names. */
static int
master_named_check(int code_ok, const char *what, const char *code,
    const char *name_ar, const char *name_en, struct wms_err *err)
{
	int rc;

	if (!code_ok)
		return master_bad_code(what, code, err);
	if ((rc = wms_name_check(_("Arabic name"), name_ar, err)) != 0 ||
	    (rc = wms_name_check(_("English name"), name_en, err)) != 0)
		return rc;
	return 0;
}

/*
 * Add a depot or a cost centre (a) as a write under perm, once the user
 * may, its code is good (code_ok; else the refusal names what) and its
 * names are.
 */
static int
depot_like_add(struct wms *w, enum wms_perm perm, int code_ok,
    const char *what, struct depot_args *a, struct wms_err *err)
{
	int rc;

	if ((rc = wms_require(w, perm, err)) != 0)
		return rc;
	if ((rc = master_named_check(code_ok, what, a->code, a->name_ar,
	    a->name_en, err)) != 0)
		return rc;
	return wms_write_run(w, perm, depot_like_fn, a, err);
}

int
wms_depot_check(const char *code, const char *name_ar, const char *name_en,
    struct wms_err *err)
{
	return master_named_check(wms_code_valid(code) && strchr(code, '/') ==
	    NULL, _("depot code"), code, name_ar, name_en, err);
}

int
wms_cc_check(const char *code, const char *name_ar, const char *name_en,
    struct wms_err *err)
{
	return master_named_check(wms_code_valid(code), _("cost centre code"),
	    code, name_ar, name_en, err);
}

int
wms_depot_add(struct wms *w, const char *code, const char *name_ar,
    const char *name_en, struct wms_err *err)
{
	struct depot_args a = { .code = code, .name_ar = name_ar,
	    .name_en = name_en, .insert = wms_master_depot_insert,
	    .action = "depot.add" };
	int rc;

	if ((rc = wms_catalogue_local("depot add", err)) != 0)
		return rc;
	return depot_like_add(w, WMS_PERM_ADMIN, wms_code_valid(code) &&
	    strchr(code, '/') == NULL, _("depot code"), &a, err);
}

static int
location_add_fn(struct wms *w, void *arg, struct wms_write *log,
    struct wms_err *err)
{
	const char	*path = arg, *slash;
	struct db	*db = wms_db(w);
	char		 prefix[256], kind[12];
	int64_t		 depot = 0, parent = 0, id;
	size_t		 n;
	int		 rc;

	/* Walk DEPOT, DEPOT/A, DEPOT/A/01: create what is missing. */
	for (slash = strchr(path, '/'); ; slash = strchr(slash + 1, '/')) {
		n = slash != NULL ? (size_t)(slash - path) : strlen(path);
		snprintf(prefix, sizeof prefix, "%.*s", (int)n, path);
		if (depot == 0) {
			if ((rc = db_depot_find(db, prefix, &depot, err)) < 0)
				return rc;
			if (rc == 0)
				return wms_err_set(err, WMS_ERR_NOTFOUND,
				    _("unknown depot %s (in %s): add it with "
				    "makhzan depot add"), prefix, path);
		} else {
			if ((rc = db_loc_find(db, prefix, &id, kind, err)) < 0)
				return rc;
			if (rc == 1 && slash == NULL)
				return wms_err_set(err, WMS_ERR_CONFLICT,
				    _("location %s already exists"), path);
			if (rc == 0 && (rc = master_loc_insert(db, depot,
			    parent, prefix, "internal", &id, err)) != 0)
				return rc;
			parent = id;
		}
		if (slash == NULL)
			break;
	}
	log->action = "location.add";
	log->detail = json_pack("{ss}", "path", path);
	wms_catalogue_event(log);
	return 0;
}

int
wms_location_add(struct wms *w, const char *path, struct wms_err *err)
{
	const char	*p, *slash;
	size_t		 n;
	int		 rc, nseg = 0;

	if ((rc = wms_require(w, WMS_PERM_MASTER, err)) != 0)
		return rc;
	if (path == NULL || strlen(path) > 200)
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("bad location \"%s\": DEPOT/ZONE/BIN"), path ? path : "");
	/* Each part: 1 to 24 of A-Z 0-9 - _ . */
	for (p = path; ; p = slash + 1) {
		slash = strchr(p, '/');
		n = slash != NULL ? (size_t)(slash - p) : strlen(p);
		if (n < 1 || n > 24 || !wms_code_chars(p, n))
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
	return wms_write_run(w, WMS_PERM_MASTER, location_add_fn,
	    (void *)path, err);
}

int
wms_location_get(struct wms *w, const char *path, char kind[12],
    struct wms_err *err)
{
	char	k[12];
	int64_t	id;
	int	rc;

	if ((rc = wms_require(w, WMS_PERM_READ, err)) != 0)
		return rc;
	if ((rc = db_loc_find(wms_db(w), path, &id, k, err)) < 0)
		return rc;
	if (rc == 0)
		return wms_err_set(err, WMS_ERR_NOTFOUND,
		    _("unknown location %s: add it with makhzan location add"),
		    path);
	if (kind != NULL)
		memcpy(kind, k, sizeof k);
	return 0;
}

int
wms_master_cc_insert(struct wms *w, const char *code, const char *name_ar,
    const char *name_en, struct wms_err *err)
{
	struct db	*db = wms_db(w);
	char		 path[64];
	int64_t		 loc;
	int		 rc;

	snprintf(path, sizeof path, "%s%s", WMS_LOC_CC_PREFIX, code);
	if ((rc = db_loc_add(db, 0, 0, path, "consumer", &loc, err)) != 0 ||
	    (rc = db_cc_add(db, code, name_ar, name_en, loc, err)) != 0)
		return rc == WMS_ERR_CONFLICT ? wms_err_set(err, rc,
		    _("cost centre %s already exists"), code) : rc;
	return 0;
}

int
wms_cc_add(struct wms *w, const char *code, const char *name_ar,
    const char *name_en, struct wms_err *err)
{
	struct depot_args a = { .code = code, .name_ar = name_ar,
	    .name_en = name_en, .insert = wms_master_cc_insert,
	    .action = "cost-centre.add" };
	int rc;

	if ((rc = wms_catalogue_local("cost-centre add", err)) != 0)
		return rc;
	return depot_like_add(w, WMS_PERM_MASTER, wms_code_valid(code),
	    _("cost centre code"), &a, err);
}

/* A unit name: 1 to 8 of A-Z a-z, e.g. EA, KG, DRUM, L. */
static int
master_unit_valid(const char *s)
{
	size_t n;

	n = s != NULL ? strlen(s) : 0;
	return n >= 1 && n <= 8 && strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz") == n;
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

/*
 * The item's names, folded, in the search index (codes and barcodes are
 * searched on their own indexes: wms_item_each).
 */
int
wms_master_item_names(struct wms *w, const struct db_item *it, int64_t id,
    struct wms_err *err)
{
	char	*ar, *en;
	int	 rc;

	ar = wms_fold(it->name_ar);
	en = wms_fold(it->name_en);
	rc = db_item_names_add(wms_db(w), id, ar, en, err);
	free(ar);
	free(en);
	return rc;
}

static int
item_add_fn(struct wms *w, void *arg, struct wms_write *log,
    struct wms_err *err)
{
	const struct db_item	*it = arg;
	struct db		*db = wms_db(w);
	char			 at[32];
	json_t			*bc;
	int64_t			 id;
	size_t			 i;
	int			 rc;

	wms_now_iso(w, at);
	if ((rc = db_item_add(db, it, at, &id, err)) != 0)
		return rc == WMS_ERR_CONFLICT ? wms_err_set(err, rc,
		    _("item %s already exists"), it->code) : rc;
	for (i = 0; i < it->nbarcodes; i++) {
		if ((rc = db_barcode_add(db, id, it->barcodes[i], err)) != 0)
			return rc == WMS_ERR_CONFLICT ? wms_err_set(err, rc,
			    _("barcode %s already belongs to another item"),
			    it->barcodes[i]) : rc;
	}
	if ((rc = wms_master_item_names(w, it, id, err)) != 0)
		return rc;
	bc = json_array();
	for (i = 0; i < it->nbarcodes; i++)
		json_array_append_new(bc, json_string(it->barcodes[i]));
	log->action = "item.add";
	log->detail = json_pack("{ss ss ss ss ss so}", "code", it->code,
	    "name_ar", it->name_ar, "name_en", it->name_en, "uom", it->uom,
	    "tracking", it->tracking != NULL ? it->tracking : "none",
	    "barcodes", bc);
	wms_catalogue_event(log);
	return 0;
}

int
wms_item_add(struct wms *w, const struct db_item *it, struct wms_err *err)
{
	int rc;

	if ((rc = wms_catalogue_local("item add", err)) != 0)
		return rc;
	if ((rc = wms_require(w, WMS_PERM_MASTER, err)) != 0)
		return rc;
	if ((rc = wms_item_check(it, err)) != 0)
		return rc;
	return wms_write_run(w, WMS_PERM_MASTER, item_add_fn, (void *)it,
	    err);
}

int
wms_item_check(const struct db_item *it, struct wms_err *err)
{
	const char	*tr;
	size_t		 i;
	int		 rc;

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
	for (i = 0; i < it->nbarcodes; i++) {
		if (!master_barcode_valid(it->barcodes[i]))
			return wms_err_set(err, WMS_ERR_INVALID,
			    _("bad barcode \"%s\": 4 to 64 printable ASCII "
			    "characters"), it->barcodes[i]);
	}
	return 0;
}

int
wms_item_get(struct wms *w, const char *code, struct db_item *it,
    struct wms_err *err)
{
	struct db_item	d;
	int		rc;

	if (code == NULL || *code == '\0')
		return wms_err_set(err, WMS_ERR_INVALID, _("missing item"));
	if ((rc = db_item_by_code(wms_db(w), code, &d, err)) == 0)
		rc = db_item_by_barcode(wms_db(w), code, &d, err);
	if (rc < 0)
		return rc;
	if (rc == 0)
		return wms_err_set(err, WMS_ERR_NOTFOUND,
		    _("unknown item %s: no item has this code or barcode"),
		    code);
	*it = d;
	return 0;
}

int
wms_item_get_id(struct wms *w, int64_t id, struct db_item *it,
    struct wms_err *err)
{
	struct db_item	d;
	int		rc;

	if ((rc = db_item_by_id(wms_db(w), id, &d, err)) < 0)
		return rc;
	if (rc == 0)
		return wms_err_set(err, WMS_ERR_NOTFOUND, _("no item #%lld"),
		    (long long)id);
	*it = d;
	return 0;
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

/* Items whose code (or barcode) starts with the folded text p. */
static int
item_prefix(struct db *db, int by_barcode, const char *p, size_t limit,
    struct db_items *f, struct wms_err *err)
{
	char	*lo, *hi, *c;
	int	 rc;

	lo = xstrdup(p);
	for (c = lo; *c != '\0'; c++)
		if (*c >= 'a' && *c <= 'z')
			*c = (char)(*c - 'a' + 'A');
	/* Every text that starts with lo sorts below lo + 0xFF: no UTF-8
	 * byte is 0xFF. */
	xasprintf(&hi, "%s\xff", lo);
	rc = db_item_range(db, by_barcode, lo, hi, limit, f, err);
	free(lo);
	free(hi);
	return rc;
}

static int
item_cmp_code(const void *a, const void *b)
{
	return strcmp(((const struct db_item *)a)->code,
	    ((const struct db_item *)b)->code);
}

int
wms_item_each(struct wms *w, const char *search, size_t limit,
    int (*fn)(const struct db_item *, void *), void *arg,
    struct wms_err *err)
{
	struct db		*db = wms_db(w);
	struct db_items		 f = { NULL, 0, 0 };
	char			*q = NULL, *folded = NULL;
	size_t			 i, sent = 0;
	int64_t			 prev = 0, id;
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
		rc = db_item_all(db, limit, &f, err);
		goto out;
	}
	/* One word may be the start of a code or a barcode; any words are
	 * the starts of words of the names, in Arabic or English. */
	folded = wms_fold(search);
	if (strpbrk(folded, " \t") == NULL) {
		if ((rc = item_prefix(db, 0, folded, limit, &f, err)) != 0)
			goto out;
		if (strspn(folded, "0123456789") == strlen(folded) &&
		    (rc = item_prefix(db, 1, folded, limit, &f, err)) != 0)
			goto out;
	}
	rc = db_item_search(db, q, limit, &f, err);
	if (f.n > 1)
		qsort(f.v, f.n, sizeof *f.v, item_cmp_code);
out:
	/*
	 * Gathered first: the callback may run other queries.  An item found
	 * twice (by its code and a name, or two barcodes) is next to itself
	 * once sorted by code: given once.
	 */
	for (i = 0; i < f.n; i++) {
		id = f.v[i].id;
		if (rc == 0 && !stop && (limit == 0 || sent < limit) &&
		    (i == 0 || id != prev)) {
			stop = fn(&f.v[i], arg);
			sent++;
		}
		prev = id;
	}
	db_items_free(&f);
	free(folded);
	free(q);
	return rc;
}

struct unit_args {
	const char	*item;		/* its code */
	int64_t		 item_id;
	const char	*unit;
	int64_t		 factor;
};

static int
unit_add_fn(struct wms *w, void *arg, struct wms_write *log,
    struct wms_err *err)
{
	struct unit_args	*a = arg;
	char			 f[32];
	int			 rc;

	rc = db_unit_add(wms_db(w), a->item_id, a->unit, a->factor, err);
	if (rc != 0)
		return rc == WMS_ERR_CONFLICT ? wms_err_set(err, rc,
		    _("the item already has a unit %s"), a->unit) : rc;
	log->action = "unit.add";
	log->detail = json_pack("{ss ss ss}", "item", a->item, "unit",
	    a->unit, "factor", wms_qty_fmt(a->factor, f, sizeof f));
	wms_catalogue_event(log);
	return 0;
}

int
wms_unit_check(const char *unit, int64_t factor, struct wms_err *err)
{
	if (!master_unit_valid(unit))
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("bad unit \"%s\": 1 to 8 letters, like DRUM, BOX"),
		    unit != NULL ? unit : "");
	if (factor <= 0)
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("bad factor: must be more than zero"));
	return 0;
}

int
wms_unit_add(struct wms *w, const char *item, const char *unit,
    int64_t factor, struct wms_err *err)
{
	struct db_item		it;
	struct unit_args	a;
	int			rc;

	if ((rc = wms_catalogue_local("unit add", err)) != 0)
		return rc;
	if ((rc = wms_require(w, WMS_PERM_MASTER, err)) != 0)
		return rc;
	if ((rc = wms_unit_check(unit, factor, err)) != 0)
		return rc;
	if ((rc = wms_item_get(w, item, &it, err)) != 0)
		return rc;
	if (strcmp(it.uom, unit) == 0) {
		rc = wms_err_set(err, WMS_ERR_CONFLICT,
		    _("%s is already the base unit of %s"), unit, it.code);
		goto out;
	}
	a.item = it.code;
	a.item_id = it.id;
	a.unit = unit;
	a.factor = factor;
	rc = wms_write_run(w, WMS_PERM_MASTER, unit_add_fn, &a, err);
out:
	db_item_fini(&it);
	return rc;
}

int
wms_unit_each(struct wms *w, int64_t item_id,
    int (*fn)(const struct db_unit_row *, void *), void *arg,
    struct wms_err *err)
{
	return db_unit_each(wms_db(w), item_id, fn, arg, err);
}

/* A caller's callback of wms_master_list, called from a data/ listing. */
struct master_each {
	int	(*fn)(const char *const *, int, void *);
	void	*arg;
};

/*
 * The rows of wms_master_list as the strings its callers get; numbers in
 * decimal, as SQLite gives an integer column's text.
 */
static int
depot_cols(const struct db_depot_row *r, void *arg)
{
	struct master_each	*e = arg;
	char			 id[24], n[24];
	const char		*cols[5];

	snprintf(id, sizeof id, "%lld", (long long)r->id);
	snprintf(n, sizeof n, "%lld", (long long)r->locations);
	cols[0] = id;
	cols[1] = r->code;
	cols[2] = r->name_ar;
	cols[3] = r->name_en;
	cols[4] = n;
	return e->fn(cols, 5, e->arg);
}

static int
loc_cols(const struct db_loc_row *r, void *arg)
{
	struct master_each	*e = arg;
	const char		*cols[3] = { r->path, r->kind, r->depot };

	return e->fn(cols, 3, e->arg);
}

static int
cc_cols(const struct db_cc_row *r, void *arg)
{
	struct master_each	*e = arg;
	const char		*cols[3] = { r->code, r->name_ar, r->name_en };

	return e->fn(cols, 3, e->arg);
}

static int
user_cols(const struct db_user_row *r, void *arg)
{
	struct master_each	*e = arg;
	char			 locked[24];
	const char		*cols[5];

	snprintf(locked, sizeof locked, "%lld", (long long)r->locked_until);
	cols[0] = r->name;
	cols[1] = r->role;
	cols[2] = r->lang;
	cols[3] = locked;
	cols[4] = r->created_at;
	return e->fn(cols, 5, e->arg);
}

int
wms_master_list(struct wms *w, const char *what, const char *filter,
    int (*fn)(const char *const *cols, int ncol, void *), void *arg,
    struct wms_err *err)
{
	struct master_each	e = { .fn = fn, .arg = arg };
	struct db		*db = wms_db(w);
	int			rc;

	if (strcmp(what, "users") == 0) {
		if ((rc = wms_require(w, WMS_PERM_ADMIN, err)) != 0)
			return rc;
		return db_user_each(db, user_cols, &e, err);
	}
	if ((rc = wms_require(w, WMS_PERM_READ, err)) != 0)
		return rc;
	if (strcmp(what, "depots") == 0)
		return db_depot_each(db, depot_cols, &e, err);
	if (strcmp(what, "locations") == 0)
		return db_loc_each(db, filter, 0, loc_cols, &e, err);
	if (strcmp(what, "cost-centres") == 0)
		return db_cc_each(db, cc_cols, &e, err);
	return wms_err_set(err, WMS_ERR_INVALID, "no list %s", what);
}
