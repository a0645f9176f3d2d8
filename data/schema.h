/* The embedded migrations (generated at build from data/schema/NNNN-*.sql). */
#ifndef DB_SCHEMA_H
#define DB_SCHEMA_H

#include "lib/migration.h"

extern const struct wms_migration db_migrations[];
extern const int db_nmigrations;

#endif
