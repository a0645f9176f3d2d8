/* Statements of transfers between sites: depot's site, inbound applied. */
#include <stddef.h>
#include <string.h>

#include "data/db-inbound.h"
#include "data/stmt.h"

/* The statements, by number; private to this file. */
enum db_inb_stmt {
	DB_INB_DEPOT_SITE,
	DB_INB_SEEN,
	DB_INB_ADD,
	DB_INB_RECEIVED_ADD,
	DB_INB_RECEIVED_SUM,
	DB_INB_WAITING,
	DB_INB_DONE,
	DB_INB_REFUSED,
	DB_INB_STATUS,
	DB_INB_N
};

static const char *const db_inb_sql[DB_INB_N] = {
	[DB_INB_DEPOT_SITE] = "SELECT coalesce(site, '') AS site FROM depot "
	    "WHERE code = :code",
	[DB_INB_SEEN] = "SELECT count(*) AS n FROM inbound_applied "
	    "WHERE event_id = :id",
	[DB_INB_ADD] = "INSERT INTO inbound_applied(event_id, kind, site, "
	    "number, applied_at) VALUES(:id, :kind, :site, :number, :at)",
	[DB_INB_RECEIVED_ADD] = "INSERT INTO inbound_received(event_id, "
	    "doc_id, item_id, lot_id, qty) VALUES(:id, :doc, :item, :lot, "
	    ":qty)",
	/* Through inbound_received_doc: a transfer has a few receipts. */
	[DB_INB_RECEIVED_SUM] = "SELECT coalesce(sum(qty), 0) AS n FROM "
	    "inbound_received WHERE doc_id = :doc AND item_id = :item AND "
	    "lot_id IS :lot",
	/* The first time a message waits is kept while it still waits. */
	[DB_INB_WAITING] = "UPDATE inbound_state SET waiting_since = CASE "
	    "WHEN waiting IS NULL THEN :at ELSE waiting_since END, "
	    "waiting = :msg WHERE id = 1",
	[DB_INB_DONE] = "UPDATE inbound_state SET waiting = NULL, "
	    "waiting_since = NULL WHERE id = 1 AND waiting IS NOT NULL",
	[DB_INB_REFUSED] = "UPDATE inbound_state SET refused = refused + 1, "
	    "last_refused = :msg, last_refused_at = :at, waiting = NULL, "
	    "waiting_since = NULL WHERE id = 1",
	[DB_INB_STATUS] = "SELECT (SELECT count(*) FROM inbound_applied "
	    "WHERE kind = 'transfer.ship') AS shipments, (SELECT count(*) FROM "
	    "inbound_applied WHERE kind = 'transfer.receive') AS receipts, "
	    "(SELECT max(applied_at) FROM inbound_applied) AS last_applied, "
	    "(SELECT count(*) FROM inbound_applied a JOIN document d ON "
	    "d.number = a.number WHERE a.kind = 'transfer.ship' AND "
	    "d.status = 'in_transit') AS in_transit, s.waiting AS waiting, "
	    "s.waiting_since AS waiting_since, s.refused AS refused, "
	    "s.last_refused AS last_refused, s.last_refused_at AS "
	    "last_refused_at FROM inbound_state s WHERE s.id = 1",
};

const struct db_stmt_table db_inbound_table = {
	.family = DB_FAM_INBOUND,
	.name = "inbound",
	.sql = db_inb_sql,
	.n = DB_INB_N,
};

int
db_inb_depot_site(struct db *db, const char *code, char *site, size_t n,
    struct wms_err *err)
{
	sqlite3_stmt *st;

	if ((st = db_stmt(db, &db_inbound_table, DB_INB_DEPOT_SITE,
	    err)) == NULL)
		return WMS_ERR_DB;
	db_bind_text(st, ":code", code);
	return db_one_text(db, st, "site", site, n, err);
}

int
db_inb_seen(struct db *db, const char *event_id, struct wms_err *err)
{
	sqlite3_stmt	*st;
	int64_t		 n = 0;
	int		 rc;

	if ((st = db_stmt(db, &db_inbound_table, DB_INB_SEEN, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_text(st, ":id", event_id);
	if ((rc = db_one_int(db, st, "n", &n, err)) < 0)
		return rc;
	return n > 0;
}

int
db_inb_add(struct db *db, const char *event_id, const char *kind,
    const char *site, const char *number, const char *at,
    struct wms_err *err)
{
	sqlite3_stmt *st;

	if ((st = db_stmt(db, &db_inbound_table, DB_INB_ADD, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_text(st, ":id", event_id);
	db_bind_text(st, ":kind", kind);
	db_bind_text(st, ":site", site);
	db_bind_text(st, ":number", number);
	db_bind_text(st, ":at", at);
	return db_exec_stmt(db, st, err);
}

int
db_inb_received_add(struct db *db, const char *event_id, int64_t doc,
    int64_t item, int64_t lot, int64_t qty, struct wms_err *err)
{
	sqlite3_stmt *st;

	if ((st = db_stmt(db, &db_inbound_table, DB_INB_RECEIVED_ADD,
	    err)) == NULL)
		return WMS_ERR_DB;
	db_bind_text(st, ":id", event_id);
	db_bind_int(st, ":doc", doc);
	db_bind_int(st, ":item", item);
	db_bind_id(st, ":lot", lot);
	db_bind_int(st, ":qty", qty);
	return db_exec_stmt(db, st, err);
}

int
db_inb_received_sum(struct db *db, int64_t doc, int64_t item, int64_t lot,
    int64_t *qty, struct wms_err *err)
{
	sqlite3_stmt	*st;
	int		 rc;

	*qty = 0;
	if ((st = db_stmt(db, &db_inbound_table, DB_INB_RECEIVED_SUM,
	    err)) == NULL)
		return WMS_ERR_DB;
	db_bind_int(st, ":doc", doc);
	db_bind_int(st, ":item", item);
	db_bind_id(st, ":lot", lot);
	rc = db_one_int(db, st, "n", qty, err);
	return rc < 0 ? rc : 0;
}

int
db_inb_waiting(struct db *db, const char *msg, const char *at,
    struct wms_err *err)
{
	sqlite3_stmt *st;

	if ((st = db_stmt(db, &db_inbound_table, DB_INB_WAITING, err)) ==
	    NULL)
		return WMS_ERR_DB;
	db_bind_text(st, ":msg", msg);
	db_bind_text(st, ":at", at);
	return db_exec_stmt(db, st, err);
}

int
db_inb_done(struct db *db, struct wms_err *err)
{
	sqlite3_stmt *st;

	if ((st = db_stmt(db, &db_inbound_table, DB_INB_DONE, err)) == NULL)
		return WMS_ERR_DB;
	return db_exec_stmt(db, st, err);
}

int
db_inb_refused(struct db *db, const char *msg, const char *at,
    struct wms_err *err)
{
	sqlite3_stmt *st;

	if ((st = db_stmt(db, &db_inbound_table, DB_INB_REFUSED, err)) ==
	    NULL)
		return WMS_ERR_DB;
	db_bind_text(st, ":msg", msg);
	db_bind_text(st, ":at", at);
	return db_exec_stmt(db, st, err);
}

static void
db_inb_status_row(struct db_row *r, void *out)
{
	struct db_inb_status *s = out;

	s->shipments = db_row_int(r, "shipments");
	s->receipts = db_row_int(r, "receipts");
	db_row_copy(r, "last_applied", s->last_applied,
	    sizeof s->last_applied);
	s->in_transit = db_row_int(r, "in_transit");
	db_row_copy(r, "waiting", s->waiting, sizeof s->waiting);
	db_row_copy(r, "waiting_since", s->waiting_since,
	    sizeof s->waiting_since);
	s->refused = db_row_int(r, "refused");
	db_row_copy(r, "last_refused", s->last_refused,
	    sizeof s->last_refused);
	db_row_copy(r, "last_refused_at", s->last_refused_at,
	    sizeof s->last_refused_at);
}

int
db_inb_status(struct db *db, struct db_inb_status *s, struct wms_err *err)
{
	sqlite3_stmt	*st;
	int		 rc;

	memset(s, 0, sizeof *s);
	if ((st = db_stmt(db, &db_inbound_table, DB_INB_STATUS, err)) ==
	    NULL)
		return WMS_ERR_DB;
	rc = db_one(db, st, db_inb_status_row, s, err);
	return rc < 0 ? rc : 0;
}
