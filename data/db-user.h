/* Statements of users and the audit chain. */
#ifndef DB_USER_H
#define DB_USER_H

#include "data/stmt.h"

struct db_user_row {
	const char	*name;
	const char	*role;
	const char	*lang;		/* NULL for none */
	int64_t		 locked_until;
	const char	*created_at;
};
/* Every user by name; text valid during the call; non-zero from fn stops. */
int	db_user_each(struct db *, int (*fn)(const struct db_user_row *, void *),
	    void *arg, struct wms_err *err);

enum db_user_stmt {
	DB_USER_ADD,
	DB_USER_GET,
	DB_USER_FAIL,
	DB_USER_OK,
	DB_USER_PASSWD,
	DB_USER_LANG,
	DB_USER_LIST,
	DB_USER_ROLE,
	DB_USER_UNLOCK,
	DB_USER_ADMINS,
	DB_USER_N
};

enum db_audit_stmt {
	DB_AUDIT_HEAD,
	DB_AUDIT_NEXT,
	DB_AUDIT_ADD,
	DB_AUDIT_ALL,
	DB_AUDIT_LAST,
	DB_OUTBOX_NEXT,
	DB_OUTBOX_ADD,
	DB_AUDIT_N
};

#endif
