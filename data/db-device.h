/* Configured devices and the drafts of the stations. */
#ifndef DB_DEVICE_H
#define DB_DEVICE_H

#include <stdint.h>

#include "data/db.h"

/* A configured scale or scanner. */
struct db_device {
	char	name[33];
	char	kind[8];	/* scale, scanner */
	char	uri[256];
	int	unit_id;	/* Modbus unit (slave) id */
	char	profile[65];
	char	station[33];	/* "" for none */
	int	timeout_ms;
};

/* Add a device, stamped at.  WMS_ERR_CONFLICT when the name is taken. */
int	db_device_add(struct db *, const struct db_device *, const char *at,
	    struct wms_err *err);
/* 1 when the device was removed, 0 when there is none of that name. */
int	db_device_remove(struct db *, const char *name, struct wms_err *err);
/* 1 and *d filled when the device exists, 0 when not. */
int	db_device_get(struct db *, const char *name, struct db_device *d,
	    struct wms_err *err);
/*
 * Each device of station (all when station is NULL or ""), by station and
 * name; non-zero from fn stops.
 */
int	db_device_each(struct db *, const char *station,
	    int (*fn)(const struct db_device *, void *), void *arg,
	    struct wms_err *err);

/*
 * The drafts of the stations: the document a user is typing, as the JSON
 * text the screen defines, one per user and kind ("receipt", ...).
 */
int	db_draft_save(struct db *, int64_t user, const char *kind,
	    const char *body, const char *at, struct wms_err *err);
/* *body gets the draft (the caller frees it), or NULL when there is none. */
int	db_draft_load(struct db *, int64_t user, const char *kind,
	    char **body, struct wms_err *err);
int	db_draft_delete(struct db *, int64_t user, const char *kind,
	    struct wms_err *err);

#endif
