/* The scales and scanners configured at the stations of this depot. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/audit.h"
#include "core/device.h"
#include "lib/i18n.h"
#include "core/master.h"
#include "core/wms.h"
#include "data/db-device.h"
#include "lib/text.h"

/* Run one statement and its audit entry in one transaction. */
static int
device_write(struct wms *w, sqlite3_stmt *st, const char *action,
    json_t *detail, struct wms_err *err)
{
	struct db	*db = wms_db(w);
	char		*text;
	int		 rc;

	if ((rc = db_exec_stmt(db, st, err)) != 0)
		goto out;
	text = json_dumps(detail, JSON_COMPACT | JSON_SORT_KEYS);
	rc = wms_audit_add(w, action, NULL, text, err);
	free(text);
	if (rc == 0)
		rc = db_commit(db, err);
out:
	if (rc != 0)
		db_rollback(db);
	json_decref(detail);
	return rc;
}

int
wms_device_add(struct wms *w, const struct wms_device *d, struct wms_err *err)
{
	struct db	*db = wms_db(w);
	sqlite3_stmt	*st;
	char		 at[32];
	int		 rc;

	if ((rc = wms_require(w, WMS_PERM_ADMIN, err)) != 0)
		return rc;
	if (!wms_ident_valid(d->name))
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("bad device name \"%s\": 1 to 32 of a-z A-Z 0-9 - _ ."),
		    d->name);
	if (d->station[0] != '\0' && !wms_ident_valid(d->station))
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("bad station name \"%s\": 1 to 32 of a-z A-Z 0-9 - _ ."),
		    d->station);
	if (strcmp(d->kind, "scale") != 0 && strcmp(d->kind, "scanner") != 0)
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("bad kind \"%s\": scale or scanner"), d->kind);
	if (d->unit_id < 0 || d->unit_id > 247)
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("bad unit id %d: 0 to 247"), d->unit_id);
	if (d->timeout_ms < 50 || d->timeout_ms > 60000)
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("bad timeout %d ms: 50 to 60000"), d->timeout_ms);
	if ((rc = wms_name_check(_("device address"), d->uri, err)) != 0 ||
	    (rc = wms_name_check(_("profile"), d->profile, err)) != 0)
		return rc;
	if ((rc = db_begin(db, err)) != 0)
		return rc;
	if ((st = db_stmt(db, &db_device_table, DB_DEVICE_ADD, err)) == NULL) {
		db_rollback(db);
		return WMS_ERR_DB;
	}
	wms_now_iso(w, at);
	db_bind_text(st, ":name", d->name);
	db_bind_text(st, ":kind", d->kind);
	db_bind_text(st, ":uri", d->uri);
	db_bind_int(st, ":unit", d->unit_id);
	db_bind_text(st, ":profile", d->profile);
	db_bind_text(st, ":station", d->station);
	db_bind_int(st, ":timeout", d->timeout_ms);
	db_bind_text(st, ":at", at);
	rc = device_write(w, st, "device.add", json_pack("{ss ss ss si ss ss}",
	    "name", d->name, "kind", d->kind, "uri", d->uri, "unit",
	    d->unit_id, "profile", d->profile, "station", d->station), err);
	if (rc == WMS_ERR_CONFLICT)
		return wms_err_set(err, rc, _("device %s already exists"),
		    d->name);
	return rc;
}

int
wms_device_remove(struct wms *w, const char *name, struct wms_err *err)
{
	struct db	*db = wms_db(w);
	sqlite3_stmt	*st;
	int		 rc;

	if ((rc = wms_require(w, WMS_PERM_ADMIN, err)) != 0)
		return rc;
	if ((rc = db_begin(db, err)) != 0)
		return rc;
	if ((st = db_stmt(db, &db_device_table, DB_DEVICE_REMOVE, err)) ==
	    NULL) {
		db_rollback(db);
		return WMS_ERR_DB;
	}
	db_bind_text(st, ":name", name);
	if ((rc = db_exec_stmt(db, st, err)) != 0) {
		db_rollback(db);
		return rc;
	}
	if (sqlite3_changes(db_handle(db)) == 0) {
		db_rollback(db);
		return wms_err_set(err, WMS_ERR_NOTFOUND,
		    _("unknown device %s: see makhzan device list"), name);
	}
	if ((rc = wms_audit_add(w, "device.remove", NULL, "{}", err)) != 0 ||
	    (rc = db_commit(db, err)) != 0) {
		db_rollback(db);
		return rc;
	}
	return 0;
}

static void
device_row(sqlite3_stmt *st, struct wms_device *d)
{
	memset(d, 0, sizeof *d);
	snprintf(d->name, sizeof d->name, "%s", sqlite3_column_text(st, 0));
	snprintf(d->kind, sizeof d->kind, "%s", sqlite3_column_text(st, 1));
	snprintf(d->uri, sizeof d->uri, "%s", sqlite3_column_text(st, 2));
	d->unit_id = sqlite3_column_int(st, 3);
	snprintf(d->profile, sizeof d->profile, "%s",
	    sqlite3_column_text(st, 4));
	snprintf(d->station, sizeof d->station, "%s",
	    sqlite3_column_text(st, 5));
	d->timeout_ms = sqlite3_column_int(st, 6);
}

int
wms_device_get(struct wms *w, const char *name, struct wms_device *d,
    struct wms_err *err)
{
	struct db	*db = wms_db(w);
	sqlite3_stmt	*st;
	int		 rc;

	if ((rc = wms_require(w, WMS_PERM_READ, err)) != 0)
		return rc;
	if ((st = db_stmt(db, &db_device_table, DB_DEVICE_GET, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_text(st, ":name", name != NULL ? name : "");
	if ((rc = db_step(db, st, err)) == 1)
		device_row(st, d);
	sqlite3_reset(st);
	if (rc == 0)
		return wms_err_set(err, WMS_ERR_NOTFOUND,
		    _("unknown device %s: see makhzan device list"),
		    name != NULL ? name : "");
	return rc < 0 ? rc : 0;
}

int
wms_device_each(struct wms *w, const char *station,
    int (*fn)(const struct wms_device *, void *), void *arg,
    struct wms_err *err)
{
	struct db		*db = wms_db(w);
	struct wms_device	 d;
	sqlite3_stmt		*st;
	int			 rc, stop = 0;

	if ((rc = wms_require(w, WMS_PERM_READ, err)) != 0)
		return rc;
	if ((st = db_stmt(db, &db_device_table, DB_DEVICE_LIST, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_opt(st, ":station", station);
	while (!stop && (rc = db_step(db, st, err)) == 1) {
		device_row(st, &d);
		stop = fn(&d, arg);
	}
	sqlite3_reset(st);
	return rc < 0 ? rc : 0;
}
