/*
 * The national catalogue at the centre (docs/catalogue.md): items with
 * their barcodes and units, depots with their site, cost centres, in the
 * central database; every change also a row of catalogue_change in its
 * transaction, published afterwards, in order and signed with the centre's
 * key, to the bucket MAKHZAN_CATALOGUE that the depots apply.  The checks
 * are the depot's own (core/master.h), so the same input is refused in the
 * same words at a depot and here.
 */
#ifndef CENTRAL_CATALOGUE_H
#define CENTRAL_CATALOGUE_H

#include <stdint.h>

#include "bus/nats.h"
#include "core/master.h"
#include "lib/err.h"

struct central_pg;

/* Add an item (its barcodes too); refused as at a depot. */
int	central_cat_item_add(struct central_pg *, const struct db_item *,
	    struct wms_err *err);

/* What item edit changes: NULL (or < 0) where it changes nothing. */
struct central_cat_edit {
	const char	*name_ar, *name_en, *category;
	int64_t		 min, max;	/* < 0: unchanged */
	int		 shelf_life;	/* < 0: unchanged */
	int		 weighed;	/* < 0: unchanged */
	char		**barcodes;	/* added */
	size_t		 nbarcodes;
};
int	central_cat_item_edit(struct central_pg *, const char *code,
	    const struct central_cat_edit *, struct wms_err *err);
int	central_cat_unit_add(struct central_pg *, const char *item,
	    const char *unit, int64_t factor, struct wms_err *err);
/* A depot and the site whose server holds it. */
int	central_cat_depot_add(struct central_pg *, const char *code,
	    const char *name_ar, const char *name_en, const char *site,
	    struct wms_err *err);
int	central_cat_cc_add(struct central_pg *, const char *code,
	    const char *name_ar, const char *name_en, struct wms_err *err);

/*
 * Call fn for each item of the national catalogue in code order, with its
 * barcodes (units are not filled), matching search as a depot's item list
 * does (NULL or "": all): the code's start, a barcode's start, or the
 * start of a word of either name for each word typed, folded alike
 * (Arabic variants, digits, case).  fn returns non-zero to stop.
 */
int	central_cat_item_each(struct central_pg *, const char *search,
	    int (*fn)(const struct db_item *, void *), void *arg,
	    struct wms_err *err);

/* 0 when site can be a site code on the bus (A-Z a-z 0-9 - _). */
int	central_cat_site_check(const char *site, struct wms_err *err);

/*
 * Publish every change not yet published, in change order, signed with the
 * key at key_path, to the bucket (made when missing, with replicas); one
 * publisher at a time (an advisory lock).  *n gets how many went.
 */
int	central_cat_publish(struct central_pg *, const struct bus_nats_conf *,
	    const char *key_path, int replicas, int *n, struct wms_err *err);
/* Changes not yet published. */
int	central_cat_pending(struct central_pg *, int64_t *n,
	    struct wms_err *err);

#endif
