/*
 * The catalogue as the centre sends it: items, units, barcodes, depots and
 * cost centres changed in place, and the revision of the centre's bucket
 * applied so far (table catalogue_state).
 */
#ifndef DB_CATALOGUE_H
#define DB_CATALOGUE_H

#include <stdint.h>

#include "data/db-item.h"

/* Where the depot stands with the centre's catalogue. */
struct db_cat_state {
	int64_t	revision;		/* applied up to it */
	char	applied_at[32];		/* "" when never */
	char	last_error[256];	/* "" when none */
	char	last_error_at[32];
};

int	db_cat_state(struct db *, struct db_cat_state *, struct wms_err *err);
/* Applied up to revision, at: clears last_error (in the change's
 * transaction). */
int	db_cat_state_set(struct db *, int64_t revision, const char *at,
	    struct wms_err *err);
/* What stops the catalogue now, or NULL when nothing does. */
int	db_cat_error_set(struct db *, const char *msg, const char *at,
	    struct wms_err *err);

/*
 * The fields of an item (not its code, barcodes or units) set to it's;
 * 1 when the item id exists, 0 when not.
 */
int	db_cat_item_update(struct db *, int64_t id, const struct db_item *it,
	    struct wms_err *err);
/* Forget the item's barcodes and its names in the search index, before
 * they are written anew. */
int	db_cat_item_clear(struct db *, int64_t id, struct wms_err *err);
/* The unit, added or its factor changed. */
int	db_cat_unit_set(struct db *, int64_t item, const char *unit,
	    int64_t factor, struct wms_err *err);
/* The item of a barcode: 1 and *item, or 0 when nobody has it. */
int	db_cat_barcode_owner(struct db *, const char *barcode, int64_t *item,
	    struct wms_err *err);

/* A depot's names and site (NULL: this site's own); 1 when it exists. */
int	db_cat_depot_update(struct db *, const char *code, const char *name_ar,
	    const char *name_en, const char *site, struct wms_err *err);
/* A cost centre's names; 1 when it exists. */
int	db_cat_cc_update(struct db *, const char *code, const char *name_ar,
	    const char *name_en, struct wms_err *err);

#endif
