/* Statements of configured devices and of the drafts of the stations. */
#include "data/db-device.h"

static const char *const db_device_sql[DB_DEVICE_N] = {
	[DB_DEVICE_ADD] = "INSERT INTO device(name, kind, uri, unit_id, "
	    "profile, station, timeout_ms, created_at) VALUES(:name, :kind, "
	    ":uri, :unit, :profile, :station, :timeout, :at)",
	[DB_DEVICE_GET] = "SELECT name, kind, uri, unit_id, profile, station, "
	    "timeout_ms FROM device WHERE name = :name",
	[DB_DEVICE_LIST] = "SELECT name, kind, uri, unit_id, profile, station, "
	    "timeout_ms FROM device WHERE (:station IS NULL OR station = "
	    ":station) ORDER BY station, name",
	[DB_DEVICE_REMOVE] = "DELETE FROM device WHERE name = :name",
	[DB_DRAFT_SAVE] = "INSERT INTO draft(user_id, kind, body, updated_at) "
	    "VALUES(:user, :kind, :body, :at) ON CONFLICT DO UPDATE SET "
	    "body = excluded.body, updated_at = excluded.updated_at",
	[DB_DRAFT_LOAD] = "SELECT body FROM draft WHERE user_id = :user AND "
	    "kind = :kind",
	[DB_DRAFT_DELETE] = "DELETE FROM draft WHERE user_id = :user AND "
	    "kind = :kind",
};

const struct db_stmt_table db_device_table = {
	DB_FAM_DEVICE, "device", db_device_sql, DB_DEVICE_N
};
