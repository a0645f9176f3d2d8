/* Items, their units and barcodes, and the search index of their names. */
#ifndef DB_ITEM_H
#define DB_ITEM_H

#include <stddef.h>
#include <stdint.h>

#include "data/db.h"
/* Transitional: the statement numbers, for the core files that still step
 * statements themselves; goes once they call typed functions. */

/* An item row with its barcodes; the strings are owned (db_item_fini). */
struct db_item {
	int64_t	 id;
	char	*code;
	char	*name_ar;
	char	*name_en;
	char	*category;
	char	*uom;
	char	*tracking;	/* "none", "lot", "serial" */
	int	 weighed;
	int64_t	 min_qty;	/* thousandths of the base unit */
	int64_t	 max_qty;
	int	 shelf_life;	/* days, 0 for none */
	char	**barcodes;
	size_t	 nbarcodes;
};

/* Free the strings of an item (not the struct itself). */
void	db_item_fini(struct db_item *);

/*
 * Add the item row of it (not its barcodes), stamped at; *id gets its id.
 * A NULL category is "", a NULL tracking "none".  WMS_ERR_CONFLICT when
 * the code is taken.
 */
int	db_item_add(struct db *, const struct db_item *it, const char *at,
	    int64_t *id, struct wms_err *err);
/* Give the item a barcode; WMS_ERR_CONFLICT when another item has it. */
int	db_barcode_add(struct db *, int64_t item, const char *barcode,
	    struct wms_err *err);
/* Put the item's names, folded for search, in the search index. */
int	db_item_names_add(struct db *, int64_t item, const char *name_ar,
	    const char *name_en, struct wms_err *err);

/* 1 and *it filled (db_item_fini after) when found, 0 when not. */
int	db_item_by_code(struct db *, const char *code, struct db_item *it,
	    struct wms_err *err);
int	db_item_by_barcode(struct db *, const char *barcode,
	    struct db_item *it, struct wms_err *err);
int	db_item_by_id(struct db *, int64_t id, struct db_item *it,
	    struct wms_err *err);

/*
 * Items found, appended to an array the caller frees with db_items_free();
 * each search gives at most limit of them (0: no limit).
 */
struct db_items {
	struct db_item	*v;
	size_t		 n, cap;
};
void	db_items_free(struct db_items *);
/* Every item, in code order. */
int	db_item_all(struct db *, size_t limit, struct db_items *out,
	    struct wms_err *err);
/* Items whose code (or, by_barcode, a barcode) is >= lo and < hi. */
int	db_item_range(struct db *, int by_barcode, const char *lo,
	    const char *hi, size_t limit, struct db_items *out,
	    struct wms_err *err);
/* Items whose names match the full-text query match (FTS5 syntax). */
int	db_item_search(struct db *, const char *match, size_t limit,
	    struct db_items *out, struct wms_err *err);

/* Add a unit: 1 unit = factor thousandths of the item's base unit.
 * WMS_ERR_CONFLICT when the item has it already. */
int	db_unit_add(struct db *, int64_t item, const char *unit,
	    int64_t factor, struct wms_err *err);

struct db_unit_row {
	const char	*unit;		/* valid during the call of fn */
	int64_t		 factor;
};
/* The item's units other than the base unit, by name; non-zero from fn
 * stops. */
int	db_unit_each(struct db *, int64_t item,
	    int (*fn)(const struct db_unit_row *, void *), void *arg,
	    struct wms_err *err);

#endif
