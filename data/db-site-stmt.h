/*
 * The statements of the site's tables, by number: for data/ (and tests)
 * only, with data/stmt.h.  core/post.c, ledger.c and count.c still name
 * some of them until they call typed functions (issue 9).
 */
#ifndef DB_SITE_STMT_H
#define DB_SITE_STMT_H

enum db_site_stmt {
	DB_META_GET,
	DB_META_SET,
	DB_DEPOT_ADD,
	DB_DEPOT_GET,
	DB_DEPOT_LIST,
	DB_LOC_ADD,
	DB_LOC_GET,
	DB_LOC_BY_ID,
	DB_LOC_VIRTUAL,
	DB_LOC_LIST,
	DB_CC_ADD,
	DB_CC_GET,
	DB_CC_LIST,
	DB_LOC_FIND,
	DB_SITE_N
};

#endif
