/* Look up data files compiled into the binary. */
#include <string.h>

#include "data/embedded.h"

const struct db_embedded *
db_embedded_get(const char *name)
{
	int i;

	for (i = 0; i < db_nembedded; i++) {
		if (strcmp(db_embedded_files[i].name, name) == 0)
			return &db_embedded_files[i];
	}
	return NULL;
}
