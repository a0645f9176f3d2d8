/* Statements of configured devices and of the drafts of the stations. */
#ifndef DB_DEVICE_H
#define DB_DEVICE_H

#include "data/stmt.h"

enum db_device_stmt {
	DB_DEVICE_ADD,
	DB_DEVICE_GET,
	DB_DEVICE_LIST,
	DB_DEVICE_REMOVE,
	DB_DRAFT_SAVE,
	DB_DRAFT_LOAD,
	DB_DRAFT_DELETE,
	DB_DEVICE_N
};

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
