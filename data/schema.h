/* The embedded migrations (generated at build from data/schema/NNNN-*.sql). */
#ifndef DB_SCHEMA_H
#define DB_SCHEMA_H

struct db_migration {
	int		 version;	/* NNNN of the file name */
	const char	*name;
	const char	*sql;
};

extern const struct db_migration db_migrations[];
extern const int db_nmigrations;

#endif
