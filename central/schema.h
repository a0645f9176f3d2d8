/* The central migrations (generated at build from central/schema/NNNN-*.sql). */
#ifndef CENTRAL_SCHEMA_H
#define CENTRAL_SCHEMA_H

#include "lib/migration.h"

extern const struct wms_migration central_migrations[];
extern const int central_nmigrations;

#endif
