/* Statements of configured devices and of the drafts of the stations. */
#ifndef DB_DEVICE_H
#define DB_DEVICE_H

#include "data/db.h"

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

#endif
