/* The national catalogue at the centre: changes, and their publication. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "bus/catalogue.h"
#include "bus/sign.h"
#include "central/catalogue.h"
#include "central/stmt.h"
#include "lib/buf.h"
#include "lib/i18n.h"
#include "lib/text.h"
#include "lib/xmalloc.h"

/* The whole value of an item's key, from its rows. */
#define ITEM_VALUE "jsonb_build_object('code', i.code, 'name_ar', " \
	"i.name_ar, 'name_en', i.name_en, 'category', i.category, 'uom', " \
	"i.uom, 'tracking', i.tracking, 'weighed', i.weighed, 'min', " \
	"i.min_qty, 'max', i.max_qty, 'shelf_life', i.shelf_life, " \
	"'barcodes', coalesce((SELECT jsonb_agg(b.barcode ORDER BY b.pos) " \
	"FROM cat_barcode b WHERE b.item = i.code), '[]'::jsonb), 'units', " \
	"coalesce((SELECT jsonb_agg(jsonb_build_object('unit', u.unit, " \
	"'factor', u.factor) ORDER BY u.unit) FROM cat_unit u WHERE " \
	"u.item = i.code), '[]'::jsonb))"

/* The statements of the catalogue, by number. */
enum cat_sql {
	CAT_ITEM_ADD,
	CAT_ITEM_GET,
	CAT_ITEM_UPDATE,
	CAT_BARCODE_ADD,
	CAT_BARCODE_OWNER,
	CAT_BARCODES,
	CAT_UNIT_ADD,
	CAT_DEPOT_ADD,
	CAT_CC_ADD,
	CAT_CHANGE_ITEM,
	CAT_CHANGE_DEPOT,
	CAT_CHANGE_CC,
	CAT_PENDING,
	CAT_PENDING_COUNT,
	CAT_MARK,
	CAT_LOCK,
	CAT_UNLOCK,
	CAT_ITEMS,
	CAT_N
};

static const char *const cat_sql[CAT_N] = {
	[CAT_ITEM_ADD] = "INSERT INTO cat_item(code, name_ar, name_en, "
	    "category, uom, tracking, weighed, min_qty, max_qty, shelf_life) "
	    "VALUES($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) "
	    "ON CONFLICT (code) DO NOTHING RETURNING code",
	/* By code, or by a barcode, as a depot finds an item. */
	[CAT_ITEM_GET] = "SELECT code, name_ar, name_en, category, uom, "
	    "tracking, weighed::int AS weighed, min_qty, max_qty, "
	    "coalesce(shelf_life, 0) AS shelf_life FROM cat_item WHERE code = "
	    "coalesce((SELECT item FROM cat_barcode WHERE barcode = $1 AND "
	    "NOT EXISTS (SELECT 1 FROM cat_item WHERE code = $1)), $1) "
	    "FOR UPDATE",
	[CAT_ITEM_UPDATE] = "UPDATE cat_item SET name_ar = $2, name_en = $3, "
	    "category = $4, weighed = $5, min_qty = $6, max_qty = $7, "
	    "shelf_life = $8, updated_at = now() WHERE code = $1",
	[CAT_BARCODE_ADD] = "INSERT INTO cat_barcode(barcode, item, pos) "
	    "SELECT $1, $2, coalesce(max(pos), 0) + 1 FROM cat_barcode WHERE "
	    "item = $2 ON CONFLICT (barcode) DO NOTHING RETURNING barcode",
	[CAT_BARCODE_OWNER] = "SELECT item FROM cat_barcode WHERE barcode = $1",
	[CAT_BARCODES] = "SELECT barcode FROM cat_barcode WHERE item = $1 "
	    "ORDER BY pos",
	[CAT_UNIT_ADD] = "INSERT INTO cat_unit(item, unit, factor) "
	    "VALUES($1, $2, $3) ON CONFLICT (item, unit) DO NOTHING "
	    "RETURNING unit",
	[CAT_DEPOT_ADD] = "INSERT INTO cat_depot(code, name_ar, name_en, "
	    "site) VALUES($1, $2, $3, $4) ON CONFLICT (code) DO NOTHING "
	    "RETURNING code",
	[CAT_CC_ADD] = "INSERT INTO cat_cost_centre(code, name_ar, name_en) "
	    "VALUES($1, $2, $3) ON CONFLICT (code) DO NOTHING RETURNING code",
	[CAT_CHANGE_ITEM] = "INSERT INTO catalogue_change(key, value, by_user) "
	    "SELECT 'item.' || i.code, " ITEM_VALUE ", $2 FROM cat_item i "
	    "WHERE i.code = $1",
	[CAT_CHANGE_DEPOT] = "INSERT INTO catalogue_change(key, value, "
	    "by_user) SELECT 'depot.' || code, jsonb_build_object('code', "
	    "code, 'name_ar', name_ar, 'name_en', name_en, 'site', site), $2 "
	    "FROM cat_depot WHERE code = $1",
	[CAT_CHANGE_CC] = "INSERT INTO catalogue_change(key, value, by_user) "
	    "SELECT 'cc.' || code, jsonb_build_object('code', code, 'name_ar', "
	    "name_ar, 'name_en', name_en), $2 FROM cat_cost_centre WHERE "
	    "code = $1",
	[CAT_PENDING] = "SELECT seq, id::text AS id, key, value::text AS "
	    "value, by_user, to_char(at AT TIME ZONE 'UTC', "
	    "'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"') AS at FROM catalogue_change "
	    "WHERE published_at IS NULL ORDER BY seq LIMIT 256",
	[CAT_PENDING_COUNT] = "SELECT count(*) FROM catalogue_change WHERE "
	    "published_at IS NULL",
	[CAT_MARK] = "UPDATE catalogue_change SET published_at = now(), "
	    "revision = $2 WHERE seq = $1",
	[CAT_LOCK] = "SELECT pg_advisory_lock(hashtext('makhzan catalogue "
	    "publish'))",
	[CAT_UNLOCK] = "SELECT pg_advisory_unlock(hashtext('makhzan catalogue "
	    "publish'))",
	[CAT_ITEMS] = "SELECT i.code, i.name_ar, i.name_en, i.category, i.uom, "
	    "i.tracking, i.weighed::int AS weighed, i.min_qty, i.max_qty, "
	    "coalesce(i.shelf_life, 0) AS shelf_life, coalesce((SELECT "
	    "string_agg(b.barcode, '|' ORDER BY b.pos) FROM cat_barcode b "
	    "WHERE b.item = i.code), '') AS barcodes FROM cat_item i "
	    "ORDER BY i.code COLLATE \"C\"",
};

/* Run statement idx with n text parameters; NULL and err on failure. */
static PGresult *
cat_run(struct central_pg *pg, enum cat_sql idx, int n,
    const char *const *v, struct wms_err *err)
{
	PGresult	*res;
	ExecStatusType	 s;

	res = PQexecParams(central_pg_conn(pg), cat_sql[idx], n, NULL, v,
	    NULL, NULL, 0);
	s = PQresultStatus(res);
	if (s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK)
		return res;
	central_pg_fail(pg, res, _("the central catalogue"), err);
	PQclear(res);
	return NULL;
}

/* Run idx for its row count: the rows, or a negative wms_rc. */
static int
cat_rows(struct central_pg *pg, enum cat_sql idx, int n,
    const char *const *v, struct wms_err *err)
{
	PGresult	*res;
	int		 rows;

	if ((res = cat_run(pg, idx, n, v, err)) == NULL)
		return err->rc < 0 ? err->rc : WMS_ERR_DB;
	rows = PQntuples(res) > 0 ? PQntuples(res) :
	    (int)strtol(PQcmdTuples(res), NULL, 10);
	PQclear(res);
	return rows;
}

/* The centre's user for the record: the central database's login. */
static const char *
cat_user(struct central_pg *pg)
{
	const char *u = PQuser(central_pg_conn(pg));

	return u != NULL && *u != '\0' ? u : "central";
}

/* Write the change of key kind (CAT_CHANGE_*) for code, then commit. */
static int
cat_change_commit(struct central_pg *pg, enum cat_sql change,
    const char *code, struct wms_err *err)
{
	const char	*v[2] = { code, cat_user(pg) };
	int		 rc;

	if ((rc = cat_rows(pg, change, 2, v, err)) < 0)
		return rc;
	return central_commit(pg, err);
}

/* Add the barcodes of an item (it may have some already). */
static int
cat_barcodes_add(struct central_pg *pg, const char *code, char **bc,
    size_t n, struct wms_err *err)
{
	PGresult	*res;
	const char	*v[2];
	size_t		 i;
	int		 rc, mine;

	for (i = 0; i < n; i++) {
		v[0] = bc[i];
		v[1] = code;
		if ((rc = cat_rows(pg, CAT_BARCODE_ADD, 2, v, err)) < 0)
			return rc;
		if (rc == 1)
			continue;
		if ((res = cat_run(pg, CAT_BARCODE_OWNER, 1, v, err)) == NULL)
			return WMS_ERR_DB;
		mine = PQntuples(res) == 1 && strcmp(PQgetvalue(res, 0, 0),
		    code) == 0;
		PQclear(res);
		if (!mine)
			return wms_err_set(err, WMS_ERR_CONFLICT,
			    _("barcode %s already belongs to another item"),
			    bc[i]);
	}
	return 0;
}

/*
 * An item's numbers as the text parameters of its row: weighed (t or f),
 * min, max, and the shelf life (NULL for none).
 */
struct cat_nums {
	char		 weighed[4], min[24], max[24], shelf_buf[24];
	const char	*shelf_life;
};

static void
cat_nums(const struct db_item *it, struct cat_nums *n)
{
	snprintf(n->weighed, sizeof n->weighed, "%s", it->weighed ? "t" : "f");
	snprintf(n->min, sizeof n->min, "%lld", (long long)it->min_qty);
	snprintf(n->max, sizeof n->max, "%lld", (long long)it->max_qty);
	snprintf(n->shelf_buf, sizeof n->shelf_buf, "%d", it->shelf_life);
	n->shelf_life = it->shelf_life > 0 ? n->shelf_buf : NULL;
}

int
central_cat_item_add(struct central_pg *pg, const struct db_item *it,
    struct wms_err *err)
{
	struct cat_nums	 n;
	const char	*v[10];
	int		 rc;

	if ((rc = wms_item_check(it, err)) != 0)
		return rc;
	cat_nums(it, &n);
	v[0] = it->code;
	v[1] = it->name_ar;
	v[2] = it->name_en;
	v[3] = it->category != NULL ? it->category : "";
	v[4] = it->uom;
	v[5] = it->tracking != NULL ? it->tracking : "none";
	v[6] = n.weighed;
	v[7] = n.min;
	v[8] = n.max;
	v[9] = n.shelf_life;
	if ((rc = central_begin(pg, err)) != 0)
		return rc;
	if ((rc = cat_rows(pg, CAT_ITEM_ADD, 10, v, err)) < 0)
		goto fail;
	if (rc == 0) {
		rc = wms_err_set(err, WMS_ERR_CONFLICT,
		    _("item %s already exists"), it->code);
		goto fail;
	}
	if ((rc = cat_barcodes_add(pg, it->code, it->barcodes, it->nbarcodes,
	    err)) != 0)
		goto fail;
	if ((rc = cat_change_commit(pg, CAT_CHANGE_ITEM, it->code, err)) != 0)
		goto fail;
	return 0;
fail:
	central_rollback(pg);
	return rc;
}

/* The item of code (or barcode), locked, into *it; its strings copied. */
static int
cat_item_get(struct central_pg *pg, const char *code, struct db_item *it,
    struct wms_err *err)
{
	PGresult	*res;
	const char	*v[1] = { code };

	memset(it, 0, sizeof *it);
	if ((res = cat_run(pg, CAT_ITEM_GET, 1, v, err)) == NULL)
		return WMS_ERR_DB;
	if (PQntuples(res) != 1) {
		PQclear(res);
		return wms_err_set(err, WMS_ERR_NOTFOUND,
		    _("unknown item %s: no item has this code or barcode"),
		    code);
	}
	it->code = xstrdup(PQgetvalue(res, 0, PQfnumber(res, "code")));
	it->name_ar = xstrdup(PQgetvalue(res, 0, PQfnumber(res, "name_ar")));
	it->name_en = xstrdup(PQgetvalue(res, 0, PQfnumber(res, "name_en")));
	it->category = xstrdup(PQgetvalue(res, 0,
	    PQfnumber(res, "category")));
	it->uom = xstrdup(PQgetvalue(res, 0, PQfnumber(res, "uom")));
	it->tracking = xstrdup(PQgetvalue(res, 0,
	    PQfnumber(res, "tracking")));
	it->weighed = (int)central_int(res, 0, PQfnumber(res, "weighed"));
	it->min_qty = central_int(res, 0, PQfnumber(res, "min_qty"));
	it->max_qty = central_int(res, 0, PQfnumber(res, "max_qty"));
	it->shelf_life = (int)central_int(res, 0,
	    PQfnumber(res, "shelf_life"));
	PQclear(res);
	return 0;
}

/*
 * A change of the item of code (or barcode) in a transaction of its own:
 * change(pg, it, arg, err) makes it on the item read, locked, into it
 * (0, or the rc); the change is then recorded for the depots and
 * committed.  Any failure rolls the whole back.
 */
static int
cat_item_change(struct central_pg *pg, const char *code,
    int (*change)(struct central_pg *, struct db_item *, const void *,
    struct wms_err *), const void *arg, struct wms_err *err)
{
	struct db_item	it;
	int		rc;

	if ((rc = central_begin(pg, err)) != 0)
		return rc;
	if ((rc = cat_item_get(pg, code, &it, err)) == 0) {
		if ((rc = change(pg, &it, arg, err)) == 0)
			rc = cat_change_commit(pg, CAT_CHANGE_ITEM, it.code,
			    err);
		db_item_fini(&it);
	}
	if (rc != 0)
		central_rollback(pg);
	return rc;
}

/* item edit: the new record checked whole, as an add would be, then set. */
static int
cat_edit_fn(struct central_pg *pg, struct db_item *it, const void *arg,
    struct wms_err *err)
{
	const struct central_cat_edit *e = arg;
	struct cat_nums	 n;
	const char	*v[8];
	char		*ar = NULL, *en = NULL, *cat = NULL;
	int		 rc;

	if (e->name_ar != NULL) {
		ar = it->name_ar;
		it->name_ar = (char *)e->name_ar;
	}
	if (e->name_en != NULL) {
		en = it->name_en;
		it->name_en = (char *)e->name_en;
	}
	if (e->category != NULL) {
		cat = it->category;
		it->category = (char *)e->category;
	}
	if (e->min >= 0)
		it->min_qty = e->min;
	if (e->max >= 0)
		it->max_qty = e->max;
	if (e->shelf_life >= 0)
		it->shelf_life = e->shelf_life;
	if (e->weighed >= 0)
		it->weighed = e->weighed;
	it->barcodes = e->barcodes;
	it->nbarcodes = e->nbarcodes;
	rc = wms_item_check(it, err);
	it->barcodes = NULL;
	it->nbarcodes = 0;
	if (rc != 0)
		goto out;
	cat_nums(it, &n);
	v[0] = it->code;
	v[1] = it->name_ar;
	v[2] = it->name_en;
	v[3] = it->category;
	v[4] = n.weighed;
	v[5] = n.min;
	v[6] = n.max;
	v[7] = n.shelf_life;
	if ((rc = cat_rows(pg, CAT_ITEM_UPDATE, 8, v, err)) < 0)
		goto out;
	rc = cat_barcodes_add(pg, it->code, e->barcodes, e->nbarcodes, err);
out:
	/* Give the item back its own strings before they are freed. */
	if (ar != NULL)
		it->name_ar = ar;
	if (en != NULL)
		it->name_en = en;
	if (cat != NULL)
		it->category = cat;
	return rc;
}

int
central_cat_item_edit(struct central_pg *pg, const char *code,
    const struct central_cat_edit *e, struct wms_err *err)
{
	return cat_item_change(pg, code, cat_edit_fn, e, err);
}

/* A unit for unit add: its name and how many base units it holds. */
struct cat_unit {
	const char	*unit;
	int64_t		 factor;
};

static int
cat_unit_fn(struct central_pg *pg, struct db_item *it, const void *arg,
    struct wms_err *err)
{
	const struct cat_unit	*u = arg;
	const char		*v[3];
	char			 f[24];
	int			 rc;

	if (strcmp(it->uom, u->unit) == 0)
		return wms_err_set(err, WMS_ERR_CONFLICT,
		    _("%s is already the base unit of %s"), u->unit, it->code);
	snprintf(f, sizeof f, "%lld", (long long)u->factor);
	v[0] = it->code;
	v[1] = u->unit;
	v[2] = f;
	if ((rc = cat_rows(pg, CAT_UNIT_ADD, 3, v, err)) < 0)
		return rc;
	if (rc == 0)
		return wms_err_set(err, WMS_ERR_CONFLICT,
		    _("the item already has a unit %s"), u->unit);
	return 0;
}

int
central_cat_unit_add(struct central_pg *pg, const char *item,
    const char *unit, int64_t factor, struct wms_err *err)
{
	struct cat_unit	u = { .unit = unit, .factor = factor };
	int		rc;

	if ((rc = wms_unit_check(unit, factor, err)) != 0)
		return rc;
	return cat_item_change(pg, item, cat_unit_fn, &u, err);
}

int
central_cat_site_check(const char *site, struct wms_err *err)
{
	size_t n = site != NULL ? strlen(site) : 0;

	if (n < 1 || n > 24 || strspn(site, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789-_") != n)
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("bad site \"%s\": 1 to 24 of A-Z a-z 0-9 - _ (the site "
		    "code of its server, like HMS)"), site != NULL ? site : "");
	return 0;
}

/* Add a depot (site given) or a cost centre (site NULL). */
static int
cat_named_add(struct central_pg *pg, const char *code, const char *name_ar,
    const char *name_en, const char *site, struct wms_err *err)
{
	const char	*v[4] = { code, name_ar, name_en, site };
	int		 rc;

	if ((rc = central_begin(pg, err)) != 0)
		return rc;
	if ((rc = cat_rows(pg, site != NULL ? CAT_DEPOT_ADD : CAT_CC_ADD,
	    site != NULL ? 4 : 3, v, err)) < 0)
		goto fail;
	if (rc == 0) {
		rc = site != NULL ? wms_err_set(err, WMS_ERR_CONFLICT,
		    _("depot %s already exists"), code) : wms_err_set(err,
		    WMS_ERR_CONFLICT, _("cost centre %s already exists"), code);
		goto fail;
	}
	if ((rc = cat_change_commit(pg, site != NULL ? CAT_CHANGE_DEPOT :
	    CAT_CHANGE_CC, code, err)) != 0)
		goto fail;
	return 0;
fail:
	central_rollback(pg);
	return rc;
}

int
central_cat_depot_add(struct central_pg *pg, const char *code,
    const char *name_ar, const char *name_en, const char *site,
    struct wms_err *err)
{
	int rc;

	if ((rc = wms_depot_check(code, name_ar, name_en, err)) != 0 ||
	    (rc = central_cat_site_check(site, err)) != 0)
		return rc;
	return cat_named_add(pg, code, name_ar, name_en, site, err);
}

int
central_cat_cc_add(struct central_pg *pg, const char *code,
    const char *name_ar, const char *name_en, struct wms_err *err)
{
	int rc;

	if ((rc = wms_cc_check(code, name_ar, name_en, err)) != 0)
		return rc;
	return cat_named_add(pg, code, name_ar, name_en, NULL, err);
}

int
central_cat_pending(struct central_pg *pg, int64_t *n, struct wms_err *err)
{
	PGresult *res;

	if ((res = cat_run(pg, CAT_PENDING_COUNT, 0, NULL, err)) == NULL)
		return WMS_ERR_DB;
	*n = central_int(res, 0, 0);
	PQclear(res);
	return 0;
}

/* The bucket, made when missing. */
static int
cat_bucket(struct bus_conn *bus, int replicas, kvStore **kv,
    struct wms_err *err)
{
	kvConfig	cfg;
	natsStatus	s;

	s = js_KeyValue(kv, bus_conn_js(bus), BUS_CAT_BUCKET);
	if (s == NATS_OK)
		return 0;
	if (s != NATS_NOT_FOUND)
		return bus_nats_fail(s, 0, _("opening the catalogue bucket"),
		    err);
	kvConfig_Init(&cfg);
	cfg.Bucket = BUS_CAT_BUCKET;
	cfg.Description = "makhzan: the national catalogue, signed by the "
	    "centre";
	cfg.History = BUS_CAT_HISTORY;
	cfg.StorageType = js_FileStorage;
	cfg.Replicas = replicas > 0 ? replicas : 1;
	cfg.MaxValueSize = 256 * 1024;
	if ((s = js_CreateKeyValue(kv, bus_conn_js(bus), &cfg)) != NATS_OK)
		return bus_nats_fail(s, 0, _("making the catalogue bucket"),
		    err);
	return 0;
}

/* Publish one batch of what waits; *n += how many went. */
static int
cat_publish_batch(struct central_pg *pg, kvStore *kv, const struct bus_key *k,
    int *n, int *more, struct wms_err *err)
{
	struct wms_buf	 b = { 0 };
	PGresult	*res;
	const char	*v[2];
	char		 rev_text[24];
	uint64_t	 rev;
	natsStatus	 s;
	int64_t		 seq;
	int		 i, rows, rc = 0;

	*more = 0;
	if ((res = cat_run(pg, CAT_PENDING, 0, NULL, err)) == NULL)
		return WMS_ERR_DB;
	rows = PQntuples(res);
	for (i = 0; i < rows; i++) {
		seq = central_int(res, i, PQfnumber(res, "seq"));
		wms_buf_reset(&b);
		if ((rc = bus_cat_value_build(k, PQgetvalue(res, i,
		    PQfnumber(res, "id")), seq, PQgetvalue(res, i,
		    PQfnumber(res, "at")), PQgetvalue(res, i,
		    PQfnumber(res, "by_user")), PQgetvalue(res, i,
		    PQfnumber(res, "key")), PQgetvalue(res, i,
		    PQfnumber(res, "value")), &b, err)) != 0)
			break;
		s = kvStore_Put(&rev, kv, PQgetvalue(res, i,
		    PQfnumber(res, "key")), b.data, (int)b.len);
		if (s != NATS_OK) {
			rc = bus_nats_fail(s, 0, _("publishing the catalogue"),
			    err);
			break;
		}
		v[0] = PQgetvalue(res, i, PQfnumber(res, "seq"));
		snprintf(rev_text, sizeof rev_text, "%llu",
		    (unsigned long long)rev);
		v[1] = rev_text;
		if ((rc = cat_rows(pg, CAT_MARK, 2, v, err)) < 0)
			break;
		rc = 0;
		(*n)++;
	}
	if (rc == 0 && rows == 256)
		*more = 1;
	PQclear(res);
	wms_buf_free(&b);
	return rc;
}

int
central_cat_publish(struct central_pg *pg, const struct bus_nats_conf *nc,
    const char *key_path, int replicas, int *n, struct wms_err *err)
{
	struct bus_nats_conf	 conf = *nc;
	struct bus_conn		*bus = NULL;
	struct bus_key		 k;
	PGresult		*res;
	kvStore			*kv = NULL;
	int64_t			 pending;
	int			 rc, more, locked = 0;

	*n = 0;
	memset(&k, 0, sizeof k);
	if ((rc = central_cat_pending(pg, &pending, err)) != 0)
		return rc;
	if (pending == 0)
		return 0;
	if (key_path == NULL || *key_path == '\0')
		return wms_err_set(err, WMS_ERR_USAGE,
		    _("the centre signs the catalogue with its key: set "
		    "sign_key = PATH in [central] of makhzan.ini (makhzan "
		    "central keygen makes it)"));
	if ((rc = bus_key_load(key_path, &k, err)) != 0)
		return rc;
	if (conf.urls == NULL || *conf.urls == '\0') {
		rc = wms_err_set(err, WMS_ERR_USAGE,
		    _("no bus server: give --nats URL or nats = in [central] "
		    "of makhzan.ini"));
		goto out;
	}
	conf.name = "makhzan-central-catalogue";
	if ((rc = bus_connect(&conf, &bus, err)) != 0) {
		if (rc == WMS_ERR_IO)
			wms_err_set(err, rc, _("the bus at %s does not answer"),
			    conf.urls);
		goto out;
	}
	if ((rc = cat_bucket(bus, replicas, &kv, err)) != 0)
		goto out;
	if ((res = cat_run(pg, CAT_LOCK, 0, NULL, err)) == NULL) {
		rc = WMS_ERR_DB;
		goto out;
	}
	PQclear(res);
	locked = 1;
	do {
		if ((rc = cat_publish_batch(pg, kv, &k, n, &more, err)) != 0)
			break;
	} while (more);
out:
	if (locked && (res = cat_run(pg, CAT_UNLOCK, 0, NULL,
	    &(struct wms_err){ 0 })) != NULL)
		PQclear(res);
	if (kv != NULL)
		kvStore_Destroy(kv);
	bus_close(bus);
	bus_key_wipe(&k);
	return rc;
}

/* 1 when every word of the folded query q starts a word of folded text t. */
static int
cat_words_match(const char *q, const char *t)
{
	const char	*w, *p;
	size_t		 n;

	for (w = q; *w != '\0'; w += n) {
		while (*w == ' ' || *w == '\t')
			w++;
		if ((n = strcspn(w, " \t")) == 0)
			break;
		for (p = t; *p != '\0'; p++) {
			if ((p == t || p[-1] == ' ' || p[-1] == '\t') &&
			    strncmp(p, w, n) == 0)
				break;
		}
		if (*p == '\0')
			return 0;
	}
	return 1;
}

/* Whether the item matches the folded query (see central_cat_item_each). */
static int
cat_item_match(const struct db_item *it, const char *q)
{
	char	*f, *names;
	size_t	 i, n = strlen(q);
	int	 hit = 0;

	f = wms_fold(it->code);
	hit = strpbrk(q, " \t") == NULL && strncmp(f, q, n) == 0;
	free(f);
	for (i = 0; !hit && i < it->nbarcodes; i++)
		hit = strncmp(it->barcodes[i], q, n) == 0;
	if (!hit) {
		xasprintf(&names, "%s %s", it->name_ar, it->name_en);
		f = wms_fold(names);
		hit = cat_words_match(q, f);
		free(f);
		free(names);
	}
	return hit;
}

int
central_cat_item_each(struct central_pg *pg, const char *search,
    int (*fn)(const struct db_item *, void *), void *arg,
    struct wms_err *err)
{
	struct db_item	 it;
	PGresult	*res;
	char		*q = NULL, *bc, *p, *save;
	int		 i, rows, stop = 0;

	if (search != NULL && *search != '\0') {
		if (wms_name_check(_("search text"), search, err) != 0)
			return err->rc;
		q = wms_fold(search);
	}
	if ((res = cat_run(pg, CAT_ITEMS, 0, NULL, err)) == NULL) {
		free(q);
		return WMS_ERR_DB;
	}
	rows = PQntuples(res);
	for (i = 0; i < rows && !stop; i++) {
		memset(&it, 0, sizeof it);
		it.code = PQgetvalue(res, i, PQfnumber(res, "code"));
		it.name_ar = PQgetvalue(res, i, PQfnumber(res, "name_ar"));
		it.name_en = PQgetvalue(res, i, PQfnumber(res, "name_en"));
		it.category = PQgetvalue(res, i, PQfnumber(res, "category"));
		it.uom = PQgetvalue(res, i, PQfnumber(res, "uom"));
		it.tracking = PQgetvalue(res, i, PQfnumber(res, "tracking"));
		it.weighed = (int)central_int(res, i,
		    PQfnumber(res, "weighed"));
		it.min_qty = central_int(res, i, PQfnumber(res, "min_qty"));
		it.max_qty = central_int(res, i, PQfnumber(res, "max_qty"));
		it.shelf_life = (int)central_int(res, i,
		    PQfnumber(res, "shelf_life"));
		bc = xstrdup(PQgetvalue(res, i, PQfnumber(res, "barcodes")));
		save = NULL;
		for (p = strtok_r(bc, "|", &save); p != NULL;
		    p = strtok_r(NULL, "|", &save)) {
			it.barcodes = xreallocarray(it.barcodes,
			    it.nbarcodes + 1, sizeof *it.barcodes);
			it.barcodes[it.nbarcodes++] = p;
		}
		if (q == NULL || cat_item_match(&it, q))
			stop = fn(&it, arg);
		free(it.barcodes);
		free(bc);
	}
	PQclear(res);
	free(q);
	return 0;
}
