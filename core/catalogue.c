/* The catalogue at a depot: local or from the centre, and its changes. */
#include <stdlib.h>
#include <string.h>

#include "core/catalogue.h"
#include "core/master.h"
#include "core/wms.h"
#include "core/write.h"
#include "data/db-catalogue.h"
#include "data/db-site.h"
#include "lib/i18n.h"
#include "lib/json.h"
#include "lib/xmalloc.h"

/* One change to apply, as wms_write_run's fn gets it. */
struct cat_change {
	const char	*key;
	const json_t	*value;
	int64_t		 rev;
	const char	*by, *at;
	const char	*kind;		/* "item", "depot", "cc" */
	const char	*code;		/* the key after the kind */
};

/* A string field of a value; NULL when missing or not a string. */
static const char *
cat_str(const json_t *v, const char *name)
{
	return json_string_value(json_object_get(v, name));
}

static int
cat_bad(const struct cat_change *c, const char *why, struct wms_err *err)
{
	return wms_err_set(err, WMS_ERR_INVALID,
	    _("the centre's %s (revision %lld) cannot be applied: %s"),
	    c->key, (long long)c->rev, why);
}

/* The item of a value: its strings point into the value; free barcodes. */
static int
cat_item_read(const struct cat_change *c, struct db_item *it,
    struct wms_err *err)
{
	const json_t	*bc, *sl;
	json_int_t	 n;
	size_t		 i;

	memset(it, 0, sizeof *it);
	it->code = (char *)cat_str(c->value, "code");
	it->name_ar = (char *)cat_str(c->value, "name_ar");
	it->name_en = (char *)cat_str(c->value, "name_en");
	it->category = (char *)cat_str(c->value, "category");
	it->uom = (char *)cat_str(c->value, "uom");
	it->tracking = (char *)cat_str(c->value, "tracking");
	it->weighed = json_is_true(json_object_get(c->value, "weighed"));
	if (it->code == NULL || it->name_ar == NULL || it->name_en == NULL ||
	    it->uom == NULL || !json_is_integer(json_object_get(c->value,
	    "min")) || !json_is_integer(json_object_get(c->value, "max")))
		return cat_bad(c, _("a field is missing"), err);
	it->min_qty = json_integer_value(json_object_get(c->value, "min"));
	it->max_qty = json_integer_value(json_object_get(c->value, "max"));
	sl = json_object_get(c->value, "shelf_life");
	if (json_is_integer(sl)) {
		n = json_integer_value(sl);
		if (n < 0 || n > 36500)
			return cat_bad(c, _("a field is out of its form"), err);
		it->shelf_life = (int)n;
	}
	bc = json_object_get(c->value, "barcodes");
	if (bc != NULL && !json_is_array(bc))
		return cat_bad(c, _("a field is out of its form"), err);
	for (i = 0; bc != NULL && i < json_array_size(bc); i++) {
		if (!json_is_string(json_array_get(bc, i)))
			return cat_bad(c, _("a field is out of its form"), err);
		it->barcodes = xreallocarray(it->barcodes, it->nbarcodes + 1,
		    sizeof *it->barcodes);
		it->barcodes[it->nbarcodes++] =
		    (char *)json_string_value(json_array_get(bc, i));
	}
	return 0;
}

static int
cat_item_apply(struct wms *w, const struct cat_change *c,
    struct wms_err *err)
{
	struct db	*db = wms_db(w);
	struct db_item	 it, old;
	const json_t	*units, *u;
	const char	*name;
	char		 now[32];
	int64_t		 id, owner, factor;
	size_t		 i;
	int		 rc, found;

	if ((rc = cat_item_read(c, &it, err)) != 0)
		goto out;
	if (strcmp(it.code, c->code) != 0) {
		rc = cat_bad(c, _("its code is not its key's"), err);
		goto out;
	}
	if ((rc = wms_item_check(&it, err)) != 0)
		goto out;
	if ((found = db_item_by_code(db, it.code, &old, err)) < 0) {
		rc = found;
		goto out;
	}
	if (found) {
		id = old.id;
		db_item_fini(&old);
		if ((rc = db_cat_item_update(db, id, &it, err)) < 0 ||
		    (rc = db_cat_item_clear(db, id, err)) != 0)
			goto out;
	} else {
		wms_now_iso(w, now);
		if ((rc = db_item_add(db, &it, now, &id, err)) != 0)
			goto out;
	}
	for (i = 0; i < it.nbarcodes; i++) {
		owner = 0;
		if ((rc = db_cat_barcode_owner(db, it.barcodes[i], &owner,
		    err)) < 0)
			goto out;
		if (rc == 1 && owner != id) {
			rc = wms_err_set(err, WMS_ERR_CONFLICT,
			    _("the centre's %s (revision %lld) cannot be "
			    "applied: barcode %s belongs to another item here"),
			    c->key, (long long)c->rev, it.barcodes[i]);
			goto out;
		}
		if ((rc = db_barcode_add(db, id, it.barcodes[i], err)) != 0)
			goto out;
	}
	if ((rc = wms_master_item_names(w, &it, id, err)) != 0)
		goto out;
	units = json_object_get(c->value, "units");
	for (i = 0; json_is_array(units) && i < json_array_size(units); i++) {
		u = json_array_get(units, i);
		name = cat_str(u, "unit");
		factor = json_integer_value(json_object_get(u, "factor"));
		if ((rc = wms_unit_check(name, factor, err)) != 0)
			goto out;
		if ((rc = db_cat_unit_set(db, id, name, factor, err)) != 0)
			goto out;
	}
	rc = 0;
out:
	free(it.barcodes);
	return rc;
}

static int
cat_named_apply(struct wms *w, const struct cat_change *c,
    struct wms_err *err)
{
	struct db	*db = wms_db(w);
	const char	*code, *ar, *en, *site;
	int		 depot = strcmp(c->kind, "depot") == 0;
	int		 rc;

	code = cat_str(c->value, "code");
	ar = cat_str(c->value, "name_ar");
	en = cat_str(c->value, "name_en");
	site = cat_str(c->value, "site");
	if (code == NULL || ar == NULL || en == NULL || (depot &&
	    site == NULL))
		return cat_bad(c, _("a field is missing"), err);
	if (strcmp(code, c->code) != 0)
		return cat_bad(c, _("its code is not its key's"), err);
	if (depot) {
		if ((rc = wms_depot_check(code, ar, en, err)) != 0)
			return rc;
		/* The depots of this site are its own: site NULL. */
		if (strcmp(site, wms_site(w)) == 0)
			site = NULL;
		if ((rc = db_cat_depot_update(db, code, ar, en, site,
		    err)) != 0)
			return rc < 0 ? rc : 0;
		if ((rc = wms_master_depot_insert(w, code, ar, en, err)) != 0)
			return rc;
		rc = db_cat_depot_update(db, code, ar, en, site, err);
		return rc < 0 ? rc : 0;
	}
	if ((rc = wms_cc_check(code, ar, en, err)) != 0)
		return rc;
	if ((rc = db_cat_cc_update(db, code, ar, en, err)) != 0)
		return rc < 0 ? rc : 0;
	return wms_master_cc_insert(w, code, ar, en, err);
}

static int
cat_apply_fn(struct wms *w, void *arg, struct wms_write *log,
    struct wms_err *err)
{
	static const struct {
		const char	*kind;
		const char	*action;
	} kinds[] = {
		{ .kind = "item", .action = "catalogue.item" },
		{ .kind = "depot", .action = "catalogue.depot" },
		{ .kind = "cc", .action = "catalogue.cc" },
	};
	struct cat_change	*c = arg;
	char			 now[32];
	size_t			 i;
	int			 rc;

	for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (strcmp(kinds[i].kind, c->kind) == 0)
			break;
	if (i == sizeof kinds / sizeof kinds[0])
		return cat_bad(c, _("this makhzan does not know its kind "
		    "(upgrade makhzan)"), err);
	if (!json_is_object(c->value))
		return cat_bad(c, _("its value is not an object"), err);
	if (strcmp(c->kind, "item") == 0)
		rc = cat_item_apply(w, c, err);
	else
		rc = cat_named_apply(w, c, err);
	if (rc != 0)
		return rc;
	wms_now_iso(w, now);
	if ((rc = db_cat_state_set(wms_db(w), c->rev, now, err)) != 0)
		return rc;
	log->action = kinds[i].action;
	log->detail = json_pack("{ss sI so so sO}", "key", c->key, "revision",
	    (json_int_t)c->rev, "by", wms_json_opt(c->by), "at",
	    wms_json_opt(c->at), "value", (json_t *)c->value);
	return 0;
}

int
wms_catalogue_apply(struct wms *w, const char *key, const json_t *value,
    int64_t rev, const char *by, const char *at, int *applied,
    struct wms_err *err)
{
	struct db_cat_state	 st;
	struct cat_change	 c;
	struct wms_write	 log;
	const char		*dot;
	char			 kind[8];
	int			 rc;

	*applied = 0;
	if ((rc = db_cat_state(wms_db(w), &st, err)) != 0)
		return rc;
	if (rev <= st.revision)
		return 0;
	memset(&c, 0, sizeof c);
	c.key = key;
	c.value = value;
	c.rev = rev;
	c.by = by;
	c.at = at;
	dot = strchr(key, '.');
	if (dot == NULL || (size_t)(dot - key) >= sizeof kind)
		return cat_bad(&c, _("this makhzan does not know its kind "
		    "(upgrade makhzan)"), err);
	snprintf(kind, sizeof kind, "%.*s", (int)(dot - key), key);
	c.kind = kind;
	c.code = dot + 1;
	/*
	 * The check that decides is inside the transaction (two appliers on
	 * one database): the revision is read again under the write lock.
	 */
	if ((rc = wms_write_begin(w, WMS_WRITE_NOBODY, err)) != 0)
		return rc;
	if ((rc = db_cat_state(wms_db(w), &st, err)) != 0)
		goto fail;
	if (rev <= st.revision) {
		wms_write_abort(w);
		return 0;
	}
	memset(&log, 0, sizeof log);
	if ((rc = cat_apply_fn(w, &c, &log, err)) != 0) {
		json_decref(log.detail);
		goto fail;
	}
	/* The commit rolls back by itself when it fails. */
	if ((rc = wms_write_commit(w, &log, err)) != 0)
		return rc;
	*applied = 1;
	return 0;
fail:
	wms_write_abort(w);
	return rc;
}

int
wms_catalogue_state(struct wms *w, struct db_cat_state *st,
    struct wms_err *err)
{
	return db_cat_state(wms_db(w), st, err);
}

int
wms_catalogue_error(struct wms *w, const char *msg, struct wms_err *err)
{
	char now[32];

	wms_now_iso(w, now);
	return db_cat_error_set(wms_db(w), msg, now, err);
}
