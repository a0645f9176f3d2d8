/* The site: its settings, depots, locations and cost centres. */
#ifndef DB_SITE_H
#define DB_SITE_H

#include <stdint.h>

#include "data/db.h"
/* Transitional: the statement numbers, for the core files that still step
 * statements themselves; goes once they call typed functions. */

/* *value gets the setting key as a new string, or NULL when it is unset. */
int	db_meta_get(struct db *, const char *key, char **value,
	    struct wms_err *err);
/* Set (or replace) the setting key. */
int	db_meta_set(struct db *, const char *key, const char *value,
	    struct wms_err *err);

/* Add a depot; *id gets its id.  WMS_ERR_CONFLICT when the code is taken. */
int	db_depot_add(struct db *, const char *code, const char *name_ar,
	    const char *name_en, int64_t *id, struct wms_err *err);
/* 1 with *id when a depot has this code, 0 when none has. */
int	db_depot_find(struct db *, const char *code, int64_t *id,
	    struct wms_err *err);

/*
 * Add a location of kind ("internal", "supplier", ...) at path; depot and
 * parent are 0 for none.  *id (when not NULL) gets its id.
 * WMS_ERR_CONFLICT when the path is taken.
 */
int	db_loc_add(struct db *, int64_t depot, int64_t parent,
	    const char *path, const char *kind, int64_t *id,
	    struct wms_err *err);
/* 1 with *id and kind when path is a location, 0 when it is not. */
int	db_loc_find(struct db *, const char *path, int64_t *id, char kind[12],
	    struct wms_err *err);

/*
 * Add a cost centre whose consumer location is loc.  WMS_ERR_CONFLICT when
 * the code is taken.
 */
int	db_cc_add(struct db *, const char *code, const char *name_ar,
	    const char *name_en, int64_t loc, struct wms_err *err);

/*
 * Listings: fn is called for each row, in code (or path) order, with text
 * valid during the call only; non-zero from fn stops.
 */
struct db_depot_row {
	int64_t		 id;
	const char	*code;
	const char	*name_ar;
	const char	*name_en;
	int64_t		 locations;	/* its internal locations */
};
int	db_depot_each(struct db *,
	    int (*fn)(const struct db_depot_row *, void *), void *arg,
	    struct wms_err *err);

struct db_loc_row {
	const char	*path;
	const char	*kind;
	const char	*depot;		/* the depot's code, NULL for none */
};
/* The internal locations (all kinds when all) of depot (every depot when
 * depot is NULL or ""). */
int	db_loc_each(struct db *, const char *depot, int all,
	    int (*fn)(const struct db_loc_row *, void *), void *arg,
	    struct wms_err *err);

struct db_cc_row {
	const char	*code;
	const char	*name_ar;
	const char	*name_en;
};
int	db_cc_each(struct db *, int (*fn)(const struct db_cc_row *, void *),
	    void *arg, struct wms_err *err);

#endif
