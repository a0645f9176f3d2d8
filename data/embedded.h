/* Data files compiled into the binary (the demo depot's CSV files). */
#ifndef DB_EMBEDDED_H
#define DB_EMBEDDED_H

#include <stddef.h>

struct db_embedded {
	const char	*name;		/* file name, "items.csv" */
	const char	*text;
	size_t		 len;
};

extern const struct db_embedded db_embedded_files[];
extern const int db_nembedded;

/* The embedded file called name, or NULL. */
const struct db_embedded *db_embedded_get(const char *name);

#endif
