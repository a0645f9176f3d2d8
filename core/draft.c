/* Drafts: documents being typed at a terminal, kept in the database. */
#include <stdlib.h>

#include "core/draft.h"
#include "core/wms.h"
#include "data/db-device.h"

int
wms_draft_save(struct wms *w, const char *kind, const char *body,
    struct wms_err *err)
{
	sqlite3_stmt	*st;
	char		 at[32];
	int		 rc;

	if ((rc = wms_require(w, WMS_PERM_POST, err)) != 0)
		return rc;
	if ((st = db_stmt(wms_db(w), &db_device_table, DB_DRAFT_SAVE, err)) ==
	    NULL)
		return WMS_ERR_DB;
	wms_now_iso(w, at);
	db_bind_int(st, ":user", wms_user_id(w));
	db_bind_text(st, ":kind", kind);
	db_bind_text(st, ":body", body);
	db_bind_text(st, ":at", at);
	return db_exec_stmt(wms_db(w), st, err);
}

char *
wms_draft_load(struct wms *w, const char *kind, struct wms_err *err)
{
	sqlite3_stmt	*st;
	char		*body = NULL;

	if ((st = db_stmt(wms_db(w), &db_device_table, DB_DRAFT_LOAD, err)) ==
	    NULL)
		return NULL;
	db_bind_int(st, ":user", wms_user_id(w));
	db_bind_text(st, ":kind", kind);
	if (db_step(wms_db(w), st, err) == 1)
		body = db_col_strdup(st, 0);
	sqlite3_reset(st);
	return body;
}

int
wms_draft_delete(struct wms *w, const char *kind, struct wms_err *err)
{
	sqlite3_stmt *st;

	if ((st = db_stmt(wms_db(w), &db_device_table, DB_DRAFT_DELETE,
	    err)) == NULL)
		return WMS_ERR_DB;
	db_bind_int(st, ":user", wms_user_id(w));
	db_bind_text(st, ":kind", kind);
	return db_exec_stmt(wms_db(w), st, err);
}
