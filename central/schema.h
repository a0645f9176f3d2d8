/* The central migrations (generated at build from central/schema/NNNN-*.sql). */
#ifndef CENTRAL_SCHEMA_H
#define CENTRAL_SCHEMA_H

struct central_migration {
	int		 version;	/* NNNN of the file name */
	const char	*name;
	const char	*sql;
};

extern const struct central_migration central_migrations[];
extern const int central_nmigrations;

#endif
