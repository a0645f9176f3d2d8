/* What a printed voucher reads of a document: its header and its lines. */
#include <string.h>

#include "data/db-voucher.h"
#include "data/stmt.h"

enum db_voucher_stmt {
	DB_VOUCHER_DOC,
	DB_VOUCHER_LINES,
	DB_VOUCHER_N
};

static const char *const db_voucher_sql[DB_VOUCHER_N] = {
	[DB_VOUCHER_DOC] = "SELECT d.id AS id, d.number AS number, "
	    "d.type AS type, d.status AS status, d.created_at AS created_at, "
	    "u.name AS user, dp.code AS depot, dp.name_ar AS depot_ar, "
	    "dp.name_en AS depot_en, d.supplier AS supplier, d.ref AS ref, "
	    "d.requester AS requester, d.reason AS reason, cc.code AS cc, "
	    "cc.name_ar AS cc_ar, cc.name_en AS cc_en, dd.code AS dest, "
	    "dd.name_ar AS dest_ar, dd.name_en AS dest_en, "
	    "rv.number AS reverses, rv.type AS reverses_type, "
	    "d.location_prefix AS prefix, (SELECT r2.number FROM document r2 "
	    "WHERE r2.reverses_id = d.id) AS reversed_by "
	    "FROM document d JOIN depot dp ON dp.id = d.depot_id "
	    "JOIN user u ON u.id = d.user_id "
	    "LEFT JOIN cost_centre cc ON cc.id = d.cost_centre_id "
	    "LEFT JOIN depot dd ON dd.id = d.dest_depot_id "
	    "LEFT JOIN document rv ON rv.id = d.reverses_id "
	    "WHERE d.number = :number",
	[DB_VOUCHER_LINES] = "SELECT m.line AS line, i.code AS item, "
	    "i.name_ar AS name_ar, i.name_en AS name_en, i.uom AS uom, "
	    "lt.code AS lot, fl.path AS from_path, fl.kind AS from_kind, "
	    "tl.path AS to_path, tl.kind AS to_kind, m.qty AS qty, "
	    "m.value AS value FROM movement m "
	    "JOIN item i ON i.id = m.item_id "
	    "LEFT JOIN lot lt ON lt.id = m.lot_id "
	    "JOIN location fl ON fl.id = m.from_loc "
	    "JOIN location tl ON tl.id = m.to_loc "
	    "WHERE m.doc_id = :doc ORDER BY m.id",
};

const struct db_stmt_table db_voucher_table = {
	.family = DB_FAM_VOUCHER,
	.name = "voucher",
	.sql = db_voucher_sql,
	.n = DB_VOUCHER_N,
};

static void
doc_read(struct db_row *r, void *out)
{
	struct db_voucher_doc *d = out;

	d->id = db_row_int(r, "id");
	db_row_copy(r, "number", d->number, sizeof d->number);
	db_row_copy(r, "type", d->type, sizeof d->type);
	db_row_copy(r, "status", d->status, sizeof d->status);
	db_row_copy(r, "created_at", d->created_at, sizeof d->created_at);
	db_row_copy(r, "user", d->user, sizeof d->user);
	db_row_copy(r, "depot", d->depot, sizeof d->depot);
	db_row_copy(r, "depot_ar", d->depot_ar, sizeof d->depot_ar);
	db_row_copy(r, "depot_en", d->depot_en, sizeof d->depot_en);
	db_row_copy(r, "supplier", d->supplier, sizeof d->supplier);
	db_row_copy(r, "ref", d->ref, sizeof d->ref);
	db_row_copy(r, "requester", d->requester, sizeof d->requester);
	db_row_copy(r, "reason", d->reason, sizeof d->reason);
	db_row_copy(r, "cc", d->cc, sizeof d->cc);
	db_row_copy(r, "cc_ar", d->cc_ar, sizeof d->cc_ar);
	db_row_copy(r, "cc_en", d->cc_en, sizeof d->cc_en);
	db_row_copy(r, "dest", d->dest, sizeof d->dest);
	db_row_copy(r, "dest_ar", d->dest_ar, sizeof d->dest_ar);
	db_row_copy(r, "dest_en", d->dest_en, sizeof d->dest_en);
	db_row_copy(r, "reverses", d->reverses, sizeof d->reverses);
	db_row_copy(r, "reverses_type", d->reverses_type,
	    sizeof d->reverses_type);
	db_row_copy(r, "prefix", d->prefix, sizeof d->prefix);
	db_row_copy(r, "reversed_by", d->reversed_by, sizeof d->reversed_by);
}

int
db_voucher_doc_get(struct db *db, const char *number,
    struct db_voucher_doc *d, struct wms_err *err)
{
	sqlite3_stmt *st;

	memset(d, 0, sizeof *d);
	if ((st = db_stmt(db, &db_voucher_table, DB_VOUCHER_DOC, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_text(st, ":number", number);
	return db_one(db, st, doc_read, d, err);
}

static void
line_read(struct db_row *r, void *out)
{
	struct db_voucher_line *l = out;

	l->line = db_row_int(r, "line");
	l->item = db_row_text(r, "item");
	l->name_ar = db_row_text(r, "name_ar");
	l->name_en = db_row_text(r, "name_en");
	l->uom = db_row_text(r, "uom");
	l->lot = db_row_text(r, "lot");
	l->from = db_row_text(r, "from_path");
	l->from_kind = db_row_text(r, "from_kind");
	l->to = db_row_text(r, "to_path");
	l->to_kind = db_row_text(r, "to_kind");
	l->qty = db_row_int(r, "qty");
	l->value = db_row_int(r, "value");
}

int
db_voucher_line_each(struct db *db, int64_t doc,
    int (*fn)(const struct db_voucher_line *, void *), void *arg,
    struct wms_err *err)
{
	struct db_voucher_line	 l;
	sqlite3_stmt		*st;
	int			 rc;

	if ((st = db_stmt(db, &db_voucher_table, DB_VOUCHER_LINES,
	    err)) == NULL)
		return WMS_ERR_DB;
	db_bind_int(st, ":doc", doc);
	while ((rc = db_next(db, st, line_read, &l, err)) == 1)
		if (fn(&l, arg) != 0)
			return db_stop(st);
	return rc;
}
