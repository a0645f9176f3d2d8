/* Statements of the site: settings, depots, locations, cost centres. */
#include "data/db-site.h"

static const char *const db_site_sql[DB_SITE_N] = {
	[DB_META_GET] = "SELECT value FROM meta WHERE key = :key",
	[DB_META_SET] = "INSERT INTO meta(key, value) VALUES(:key, :value) "
	    "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
	[DB_DEPOT_ADD] = "INSERT INTO depot(code, name_ar, name_en) "
	    "VALUES(:code, :name_ar, :name_en)",
	[DB_DEPOT_GET] = "SELECT id, code, name_ar, name_en FROM depot "
	    "WHERE code = :code",
	[DB_DEPOT_LIST] = "SELECT d.id, d.code, d.name_ar, d.name_en, "
	    "(SELECT count(*) FROM location l WHERE l.depot_id = d.id AND "
	    "l.kind = 'internal') FROM depot d ORDER BY d.code",
	[DB_LOC_ADD] = "INSERT INTO location(depot_id, parent_id, path, kind) "
	    "VALUES(:depot, :parent, :path, :kind)",
	[DB_LOC_GET] = "SELECT l.id, l.depot_id, l.kind, d.code FROM location l "
	    "LEFT JOIN depot d ON d.id = l.depot_id WHERE l.path = :path",
	[DB_LOC_BY_ID] = "SELECT l.id, l.depot_id, l.kind, d.code, l.path FROM "
	    "location l LEFT JOIN depot d ON d.id = l.depot_id WHERE l.id = :id",
	[DB_LOC_VIRTUAL] = "SELECT id FROM location WHERE depot_id = :depot "
	    "AND kind = :kind AND parent_id IS NULL AND path = :path",
	[DB_LOC_LIST] = "SELECT l.path, l.kind, d.code FROM location l "
	    "LEFT JOIN depot d ON d.id = l.depot_id WHERE (:depot IS NULL OR "
	    "d.code = :depot) AND (:all OR l.kind = 'internal') "
	    "ORDER BY l.path",
	[DB_CC_ADD] = "INSERT INTO cost_centre(code, name_ar, name_en, "
	    "location_id) VALUES(:code, :name_ar, :name_en, :loc)",
	[DB_CC_GET] = "SELECT id, location_id, name_ar, name_en FROM "
	    "cost_centre WHERE code = :code",
	[DB_CC_LIST] = "SELECT code, name_ar, name_en FROM cost_centre "
	    "ORDER BY code",
};

const struct db_stmt_table db_site_table = {
	.family = DB_FAM_SITE,
	.name = "site",
	.sql = db_site_sql,
	.n = DB_SITE_N,
};
