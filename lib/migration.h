/*
 * A schema migration embedded at build (data/embed.sh): the depot's
 * SQLite ones (data/schema.h) and the centre's PostgreSQL ones
 * (central/schema.h) are tables of this one row.
 */
#ifndef WMS_MIGRATION_H
#define WMS_MIGRATION_H

struct wms_migration {
	int		 version;	/* NNNN of the file name */
	const char	*name;
	const char	*sql;
};

#endif
