/* Typed lookups the posting engine needs: locations, lots, units, cost centres. */
#ifndef DB_LOOKUP_H
#define DB_LOOKUP_H

#include <stddef.h>
#include <stdint.h>

#include "data/db.h"

/*
 * The lookups below return 1 when the row is found, 0 when it is not (the
 * caller says what is missing, in its own words), or a negative wms_rc
 * with err filled.
 */

/* A location, with the code of its depot ("" for cost centres). */
struct db_loc {
	int64_t	id;
	int64_t	depot_id;	/* 0 when it has no depot */
	char	kind[12];	/* internal, supplier, consumer, ... */
	char	depot[32];
	char	path[208];
};

/* The location at path (HMS/A/01, HMS/@SUPPLIER, @CC/MAINT). */
int	db_loc_get(struct db *, const char *path, struct db_loc *,
	    struct wms_err *err);
/* The location with this id (for ledger rows). */
int	db_loc_by_id(struct db *, int64_t id, struct db_loc *,
	    struct wms_err *err);

/* A lot of a lot-tracked item, or a serial number of a serial-tracked one. */
struct db_lot {
	int64_t	id;
	char	code[48];
	char	expiry[11];	/* YYYY-MM-DD, "" when it has none */
};

/* The lot code of item. */
int	db_lot_get(struct db *, int64_t item, const char *code,
	    struct db_lot *, struct wms_err *err);
/* The lot with this id. */
int	db_lot_by_id(struct db *, int64_t id, struct db_lot *,
	    struct wms_err *err);
/*
 * Add lot code of item, expiring on expiry (NULL or "": never); its id in
 * *id.  0, or a negative wms_rc (WMS_ERR_CONFLICT when it exists).
 */
int	db_lot_add(struct db *, int64_t item, const char *code,
	    const char *expiry, int64_t *id, struct wms_err *err);

/* The factor of unit for item (thousandths of the base unit) in *factor. */
int	db_unit_get(struct db *, int64_t item, const char *unit,
	    int64_t *factor, struct wms_err *err);

/* The id of the cost centre code in *id. */
int	db_cc_get(struct db *, const char *code, int64_t *id,
	    struct wms_err *err);

#endif
