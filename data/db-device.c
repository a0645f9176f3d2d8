/* Statements of configured devices. */
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
};

const struct db_stmt_table db_device_table = {
	DB_FAM_DEVICE, "device", db_device_sql, DB_DEVICE_N
};
