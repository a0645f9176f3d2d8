/* Stock counts in the database: snapshot, entered quantities, posting. */
#include <string.h>

#include "data/db-count.h"
#include "data/db-item.h"
#include "data/db-site.h"
#include "data/stmt.h"
#include "lib/xmalloc.h"

enum db_count_stmt {
	DB_COUNT_DOC,
	DB_COUNT_DEPOT,
	DB_COUNT_LOCS,
	DB_COUNT_SNAPSHOT,
	DB_COUNT_ENTER,
	DB_COUNT_RECOUNT,
	DB_COUNT_EACH,
	DB_COUNT_TALLY,
	DB_COUNT_VARIANCES,
	DB_COUNT_STATUS,
	DB_COUNT_LIST,
	DB_COUNT_N
};

/* A real location at or below :prefix, matched at a '/' boundary. */
#define COUNT_UNDER "l.kind = 'internal' AND l.depot_id = :depot AND " \
	"(l.path = :prefix OR substr(l.path, 1, length(:prefix) + 1) = " \
	":prefix || '/')"

static const char *const db_count_sql[DB_COUNT_N] = {
	[DB_COUNT_DOC] = "SELECT d.id AS id, d.type AS type, "
	    "d.status AS status, coalesce(d.location_prefix, '') AS prefix, "
	    "dp.code AS depot, d.depot_id AS depot_id FROM "
	    "document d JOIN depot dp ON dp.id = d.depot_id WHERE "
	    "d.number = :number",
	[DB_COUNT_DEPOT] = "SELECT id FROM depot WHERE code = :code",
	[DB_COUNT_LOCS] = "SELECT count(*) AS n FROM location l WHERE "
	    COUNT_UNDER,
	[DB_COUNT_SNAPSHOT] = "INSERT INTO count_line(doc_id, location_id, "
	    "item_id, lot_id, expected) SELECT :doc, b.location_id, b.item_id, "
	    "b.lot_id, b.qty FROM balance b JOIN location l ON "
	    "l.id = b.location_id WHERE b.qty > 0 AND " COUNT_UNDER,
	[DB_COUNT_ENTER] = "INSERT INTO count_line(doc_id, location_id, "
	    "item_id, lot_id, expected, counted, book, status, user_id, at) "
	    "VALUES(:doc, :loc, :item, :lot, 0, :counted, :book, 'counted', "
	    ":user, :at) ON CONFLICT(doc_id, location_id, item_id, lot_id) "
	    "DO UPDATE SET counted = excluded.counted, book = excluded.book, "
	    "status = 'counted', user_id = excluded.user_id, "
	    "at = excluded.at",
	[DB_COUNT_RECOUNT] = "UPDATE count_line SET status = 'recount', "
	    "counted = NULL, book = NULL, user_id = NULL, at = NULL WHERE "
	    "doc_id = :doc AND location_id = :loc AND item_id = :item AND "
	    "lot_id = :lot",
	[DB_COUNT_EACH] = "SELECT l.path AS location, i.code AS item, "
	    "i.name_ar AS name_ar, i.name_en AS name_en, i.uom AS uom, "
	    "lt.code AS lot, c.status AS status, u.name AS counted_by, "
	    "c.expected AS expected, c.counted AS counted, c.book AS book, "
	    "coalesce(ic.avg_milli, 0) AS avg_milli "
	    "FROM count_line c JOIN location l ON l.id = c.location_id "
	    "JOIN item i ON i.id = c.item_id LEFT JOIN lot lt ON "
	    "lt.id = c.lot_id LEFT JOIN user u ON u.id = c.user_id "
	    "LEFT JOIN item_cost ic ON ic.item_id = c.item_id AND "
	    "ic.depot_id = l.depot_id WHERE "
	    "c.doc_id = :doc ORDER BY l.path, i.code, lt.code",
	[DB_COUNT_TALLY] = "SELECT count(*) AS lines, "
	    "coalesce(sum(status = 'counted'), 0) AS counted, "
	    "coalesce(sum(status <> 'counted'), 0) AS pending FROM count_line "
	    "WHERE doc_id = :doc",
	[DB_COUNT_VARIANCES] = "SELECT c.location_id AS location_id, "
	    "c.item_id AS item_id, c.lot_id AS lot_id, "
	    "coalesce(lt.code, '') AS lot, c.counted AS counted, "
	    "c.book AS book FROM count_line c "
	    "JOIN location l ON l.id = c.location_id JOIN item i ON "
	    "i.id = c.item_id LEFT JOIN lot lt ON lt.id = c.lot_id WHERE "
	    "c.doc_id = :doc AND c.status = 'counted' AND c.counted <> c.book "
	    "ORDER BY l.path, i.code, lt.code",
	[DB_COUNT_STATUS] = "UPDATE document SET status = :status WHERE "
	    "id = :id AND type = 'CNT'",
	/* Counts, newest first; open ones only unless :all. */
	[DB_COUNT_LIST] = "SELECT d.number AS number, d.status AS status, "
	    "coalesce(d.location_prefix, '') AS prefix, dp.code AS depot, "
	    "(SELECT count(*) FROM count_line c WHERE c.doc_id = d.id) "
	    "AS lines, (SELECT count(*) FROM count_line c WHERE "
	    "c.doc_id = d.id AND c.status = 'counted') AS counted "
	    "FROM document d JOIN depot dp ON "
	    "dp.id = d.depot_id WHERE d.type = 'CNT' AND (:all OR "
	    "d.status = 'open') ORDER BY d.id DESC LIMIT :limit",
};

const struct db_stmt_table db_count_table = {
	.family = DB_FAM_COUNT,
	.name = "count",
	.sql = db_count_sql,
	.n = DB_COUNT_N,
};

static int
doc_read(struct db_row *r, void *arg)
{
	struct db_count_doc *d = arg;

	d->id = db_row_int(r, "id");
	db_row_copy(r, "type", d->type, sizeof d->type);
	db_row_copy(r, "status", d->status, sizeof d->status);
	db_row_copy(r, "prefix", d->prefix, sizeof d->prefix);
	db_row_copy(r, "depot", d->depot, sizeof d->depot);
	d->depot_id = db_row_int(r, "depot_id");
	return 1;
}

/*
 * The lookups by a key give one row or none: they say which by the id
 * read, as ids start at 1.
 */
int
db_count_doc_get(struct db *db, const char *number, struct db_count_doc *d,
    struct wms_err *err)
{
	sqlite3_stmt	*st;
	int		 rc;

	memset(d, 0, sizeof *d);
	if ((st = db_stmt(db, &db_count_table, DB_COUNT_DOC, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_text(st, ":number", number);
	if ((rc = db_each(db, st, doc_read, d, err)) != 0)
		return rc;
	return d->id != 0;
}

static int
id_read(struct db_row *r, void *arg)
{
	int64_t *id = arg;

	*id = db_row_int(r, "id");
	return 1;
}

int
db_count_depot_id(struct db *db, const char *code, int64_t *id,
    struct wms_err *err)
{
	sqlite3_stmt	*st;
	int		 rc;

	*id = 0;
	if ((st = db_stmt(db, &db_count_table, DB_COUNT_DEPOT, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_text(st, ":code", code);
	if ((rc = db_each(db, st, id_read, id, err)) != 0)
		return rc;
	return *id != 0;
}

static int
n_read(struct db_row *r, void *arg)
{
	int64_t *n = arg;

	*n = db_row_int(r, "n");
	return 1;
}

int
db_count_locations(struct db *db, int64_t depot, const char *prefix,
    int64_t *n, struct wms_err *err)
{
	sqlite3_stmt *st;

	*n = 0;
	if ((st = db_stmt(db, &db_count_table, DB_COUNT_LOCS, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_int(st, ":depot", depot);
	db_bind_text(st, ":prefix", prefix);
	return db_each(db, st, n_read, n, err);
}

int
db_count_snapshot(struct db *db, int64_t doc, int64_t depot,
    const char *prefix, int *lines, struct wms_err *err)
{
	sqlite3_stmt	*st;
	int		 rc;

	*lines = 0;
	if ((st = db_stmt(db, &db_count_table, DB_COUNT_SNAPSHOT, err)) ==
	    NULL)
		return WMS_ERR_DB;
	db_bind_int(st, ":doc", doc);
	db_bind_int(st, ":depot", depot);
	db_bind_text(st, ":prefix", prefix);
	if ((rc = db_exec_stmt(db, st, err)) != 0)
		return rc;
	*lines = db_changes(db);
	return 0;
}

int
db_count_enter(struct db *db, const struct db_count_entry *e,
    struct wms_err *err)
{
	sqlite3_stmt *st;

	if ((st = db_stmt(db, &db_count_table, DB_COUNT_ENTER, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_int(st, ":doc", e->doc);
	db_bind_int(st, ":loc", e->loc);
	db_bind_int(st, ":item", e->item);
	db_bind_int(st, ":lot", e->lot);
	db_bind_int(st, ":counted", e->counted);
	db_bind_int(st, ":book", e->book);
	db_bind_int(st, ":user", e->user);
	db_bind_text(st, ":at", e->at);
	return db_exec_stmt(db, st, err);
}

int
db_count_recount(struct db *db, int64_t doc, int64_t loc, int64_t item,
    int64_t lot, struct wms_err *err)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = db_stmt(db, &db_count_table, DB_COUNT_RECOUNT, err)) ==
	    NULL)
		return WMS_ERR_DB;
	db_bind_int(st, ":doc", doc);
	db_bind_int(st, ":loc", loc);
	db_bind_int(st, ":item", item);
	db_bind_int(st, ":lot", lot);
	if ((rc = db_exec_stmt(db, st, err)) != 0)
		return rc;
	return db_changes(db) > 0;
}

struct line_each {
	int	(*fn)(const struct db_count_line *, void *);
	void	*arg;
};

static int
line_read(struct db_row *r, void *arg)
{
	struct line_each	*e = arg;
	struct db_count_line	 l;

	l.location = db_row_text(r, "location");
	l.item = db_row_text(r, "item");
	l.name_ar = db_row_text(r, "name_ar");
	l.name_en = db_row_text(r, "name_en");
	l.uom = db_row_text(r, "uom");
	l.lot = db_row_text(r, "lot");
	l.status = db_row_text(r, "status");
	l.counted_by = db_row_text(r, "counted_by");
	l.expected = db_row_int(r, "expected");
	l.has_counted = !db_row_null(r, "counted");
	l.counted = db_row_int(r, "counted");
	l.book = db_row_int(r, "book");
	l.avg_milli = db_row_int(r, "avg_milli");
	return e->fn(&l, e->arg);
}

int
db_count_line_each(struct db *db, int64_t doc,
    int (*fn)(const struct db_count_line *, void *), void *arg,
    struct wms_err *err)
{
	struct line_each	 e = { .fn = fn, .arg = arg };
	sqlite3_stmt		*st;

	if ((st = db_stmt(db, &db_count_table, DB_COUNT_EACH, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_int(st, ":doc", doc);
	return db_each(db, st, line_read, &e, err);
}

static int
tally_read(struct db_row *r, void *arg)
{
	struct db_count_tally *t = arg;

	t->lines = (int)db_row_int(r, "lines");
	t->counted = (int)db_row_int(r, "counted");
	t->pending = (int)db_row_int(r, "pending");
	return 1;
}

int
db_count_tally(struct db *db, int64_t doc, struct db_count_tally *t,
    struct wms_err *err)
{
	sqlite3_stmt *st;

	memset(t, 0, sizeof *t);
	if ((st = db_stmt(db, &db_count_table, DB_COUNT_TALLY, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_int(st, ":doc", doc);
	return db_each(db, st, tally_read, t, err);
}

/* The variances read so far. */
struct variances {
	struct db_count_variance	*v;
	size_t				 n;
};

static int
variance_read(struct db_row *r, void *arg)
{
	struct variances		*vs = arg;
	struct db_count_variance	*v;

	vs->v = xreallocarray(vs->v, vs->n + 1, sizeof *vs->v);
	v = &vs->v[vs->n++];
	v->loc = db_row_int(r, "location_id");
	v->item = db_row_int(r, "item_id");
	v->lot = db_row_int(r, "lot_id");
	db_row_copy(r, "lot", v->lot_code, sizeof v->lot_code);
	v->counted = db_row_int(r, "counted");
	v->book = db_row_int(r, "book");
	return 0;
}

int
db_count_variances(struct db *db, int64_t doc,
    struct db_count_variance **out, size_t *n, struct wms_err *err)
{
	struct variances	 vs = { 0 };
	sqlite3_stmt		*st;
	int			 rc;

	*out = NULL;
	*n = 0;
	if ((st = db_stmt(db, &db_count_table, DB_COUNT_VARIANCES,
	    err)) == NULL)
		return WMS_ERR_DB;
	db_bind_int(st, ":doc", doc);
	rc = db_each(db, st, variance_read, &vs, err);
	*out = vs.v;
	*n = vs.n;
	return rc;
}

int
db_count_set_status(struct db *db, int64_t doc, const char *status,
    struct wms_err *err)
{
	sqlite3_stmt *st;

	if ((st = db_stmt(db, &db_count_table, DB_COUNT_STATUS, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_text(st, ":status", status);
	db_bind_int(st, ":id", doc);
	return db_exec_stmt(db, st, err);
}

struct list_each {
	int	(*fn)(const struct db_count_summary *, void *);
	void	*arg;
};

static int
list_read(struct db_row *r, void *arg)
{
	struct list_each	*e = arg;
	struct db_count_summary	 c;

	c.number = db_row_text(r, "number");
	c.status = db_row_text(r, "status");
	c.prefix = db_row_text(r, "prefix");
	c.depot = db_row_text(r, "depot");
	c.lines = (int)db_row_int(r, "lines");
	c.counted = (int)db_row_int(r, "counted");
	return e->fn(&c, e->arg);
}

int
db_count_list_each(struct db *db, int all, int limit,
    int (*fn)(const struct db_count_summary *, void *), void *arg,
    struct wms_err *err)
{
	struct list_each	 e = { .fn = fn, .arg = arg };
	sqlite3_stmt		*st;

	if ((st = db_stmt(db, &db_count_table, DB_COUNT_LIST, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_int(st, ":all", all != 0);
	db_bind_int(st, ":limit", limit);
	return db_each(db, st, list_read, &e, err);
}

