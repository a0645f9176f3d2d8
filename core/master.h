/* Master data: depots, locations, cost centres, items, units, barcodes. */
#ifndef WMS_MASTER_H
#define WMS_MASTER_H

#include <stddef.h>
#include <stdint.h>

/*
 * An item is struct db_item of data/db-item.h: the one definition of its
 * fields, the row data/ reads and writes and the struct core's API takes
 * and fills.  A second struct with the same fields, copied field by field
 * across the seam, would only be a place for the two to drift apart.
 * Free its strings with db_item_fini().
 */
#include "data/db-item.h"
#include "lib/err.h"
/* wms_code_valid() and wms_name_check(), the rules for codes and names. */
#include "lib/text.h"

struct wms;

/* Kinds of virtual location every depot gets, and their path suffixes. */
#define WMS_LOC_SUPPLIER	"@SUPPLIER"
#define WMS_LOC_ADJUST		"@ADJUST"
#define WMS_LOC_SCRAP		"@SCRAP"
#define WMS_LOC_TRANSIT		"@TRANSIT"
#define WMS_LOC_CC_PREFIX	"@CC/"

/*
 * Add a depot (WMS_PERM_ADMIN) with its virtual locations DEPOT/@SUPPLIER,
 * @ADJUST, @SCRAP and @TRANSIT (stock shipped to it, not yet received).
 */
int	wms_depot_add(struct wms *, const char *code, const char *name_ar,
	    const char *name_en, struct wms_err *err);

/*
 * Add a location by its path DEPOT/ZONE/... (WMS_PERM_MASTER); missing
 * parents are created, an existing path is a conflict.
 */
int	wms_location_add(struct wms *, const char *path, struct wms_err *err);

/*
 * 0 when path is a location (kind, when not NULL, gets "internal",
 * "transit", ...), WMS_ERR_NOTFOUND naming it when not.
 */
int	wms_location_get(struct wms *, const char *path, char kind[12],
	    struct wms_err *err);

/* Add a cost centre (WMS_PERM_MASTER) and its consumer location @CC/CODE. */
int	wms_cc_add(struct wms *, const char *code, const char *name_ar,
	    const char *name_en, struct wms_err *err);

/* Add an item (WMS_PERM_MASTER); id is ignored.  Barcodes must be unused. */
int	wms_item_add(struct wms *, const struct db_item *, struct wms_err *err);

/*
 * Find an item by code or by any of its barcodes; fills *it (call
 * db_item_fini after; on failure *it is left as it was).
 * WMS_ERR_NOTFOUND names what was looked for.
 */
int	wms_item_get(struct wms *, const char *code_or_barcode,
	    struct db_item *it, struct wms_err *err);

/* The item with this id (for ledger rows). */
int	wms_item_get_id(struct wms *, int64_t id, struct db_item *it,
	    struct wms_err *err);

/*
 * Call fn for each item matching search (all items when search is NULL or
 * empty), in code order; search folds Arabic variants, digits and case and
 * matches the code, a barcode, or the start of words of either name.
 * fn returns non-zero to stop.
 */
int	wms_item_each(struct wms *, const char *search, size_t limit,
	    int (*fn)(const struct db_item *, void *), void *arg,
	    struct wms_err *err);

/*
 * Make unit (one of the item's units) its purchase unit, the one the
 * reorder report rounds to (WMS_PERM_MASTER; core/purchase.c).
 */
int	wms_unit_purchase(struct wms *, const char *item, const char *unit,
	    struct wms_err *err);

/* Add a unit: 1 unit = factor thousandths of the base unit. */
int	wms_unit_add(struct wms *, const char *item, const char *unit,
	    int64_t factor, struct wms_err *err);

/*
 * The item's units other than the base unit (struct db_unit_row of
 * data/db-item.h: unit and factor); fn as for wms_item_each.
 */
int	wms_unit_each(struct wms *, int64_t item_id,
	    int (*fn)(const struct db_unit_row *, void *), void *arg,
	    struct wms_err *err);

/*
 * Rows for listings: fn gets the columns as strings (NULL for SQL NULL),
 * ncol of them.  what: "depots", "locations", "cost-centres", "users".
 * filter: a depot code for "locations", else unused.
 */
int	wms_master_list(struct wms *, const char *what, const char *filter,
	    int (*fn)(const char *const *cols, int ncol, void *), void *arg,
	    struct wms_err *err);

/*
 * The checks of the adds above, without a database: the centre runs the
 * same ones on its catalogue (central/catalogue.c), so that the same input
 * is refused in the same words at a depot and at the centre.  0, or
 * WMS_ERR_INVALID naming what is wrong.
 */
int	wms_item_check(const struct db_item *, struct wms_err *err);
int	wms_depot_check(const char *code, const char *name_ar,
	    const char *name_en, struct wms_err *err);
int	wms_cc_check(const char *code, const char *name_ar,
	    const char *name_en, struct wms_err *err);
int	wms_unit_check(const char *unit, int64_t factor, struct wms_err *err);

/*
 * Inside a write (wms_write_begin): the rows of a new depot with its
 * virtual locations, of a cost centre with its consumer location, and an
 * item's names in the search index.  For the adds above and for the
 * catalogue applied from the centre (core/catalogue.c).
 */
int	wms_master_depot_insert(struct wms *, const char *code,
	    const char *name_ar, const char *name_en, struct wms_err *err);
int	wms_master_cc_insert(struct wms *, const char *code,
	    const char *name_ar, const char *name_en, struct wms_err *err);
int	wms_master_item_names(struct wms *, const struct db_item *,
	    int64_t id, struct wms_err *err);

#endif
