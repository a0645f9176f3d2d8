/* User administration: add users, passwords, roles, languages, unlock. */
#include <string.h>

#include <jansson.h>
#include <sodium.h>

#include "core/session.h"
#include "core/user.h"
#include "core/wms.h"
#include "core/write.h"
#include "data/db-session.h"
#include "data/db-user.h"
#include "lib/i18n.h"
#include "lib/text.h"

_Static_assert(WMS_PW_HASH_MAX == crypto_pwhash_STRBYTES,
    "WMS_PW_HASH_MAX is libsodium's crypto_pwhash_STRBYTES");

/* Hash password with argon2id into hash; at least 8 characters. */
static int
user_hash(const char *password, char hash[WMS_PW_HASH_MAX],
    struct wms_err *err)
{
	if (password == NULL || strlen(password) < 8)
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("password too short: at least 8 characters"));
	if (crypto_pwhash_str_alg(hash, password, strlen(password),
	    crypto_pwhash_OPSLIMIT_INTERACTIVE,
	    crypto_pwhash_MEMLIMIT_INTERACTIVE,
	    crypto_pwhash_ALG_ARGON2ID13) != 0)
		return wms_err_set(err, WMS_ERR_IO,
		    _("cannot hash the password (out of memory?)"));
	return 0;
}

static int
user_bad_role(const char *role, struct wms_err *err)
{
	return wms_err_set(err, WMS_ERR_INVALID,
	    _("unknown role \"%s\": storekeeper, supervisor, auditor "
	    "or admin"), role != NULL ? role : "");
}

int
wms_user_prepare(const char *name, const char *role, const char *password,
    char hash[WMS_PW_HASH_MAX], struct wms_err *err)
{
	if (!wms_ident_valid(name))
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("bad user name \"%s\": 1 to 32 of a-z A-Z 0-9 - _ ."),
		    name != NULL ? name : "");
	if (wms_role_parse(role) == WMS_ROLE_NONE)
		return user_bad_role(role, err);
	return user_hash(password, hash, err);
}

int
wms_user_insert(struct wms *w, const char *name, const char *role,
    const char *hash, int64_t *id, struct wms_err *err)
{
	char	at[32];
	int	rc;

	wms_now_iso(w, at);
	rc = db_user_add(wms_db(w), name, role, hash, at, id, err);
	if (rc == WMS_ERR_CONFLICT)
		return wms_err_set(err, rc, _("user %s already exists"), name);
	return rc;
}

struct user_args {
	const char	*name;
	const char	*role;
	const char	*hash;
};

static int
user_add_fn(struct wms *w, void *arg, struct wms_write *log,
    struct wms_err *err)
{
	struct user_args	*a = arg;
	int64_t			 id;
	int			 rc;

	if ((rc = wms_user_insert(w, a->name, a->role, a->hash, &id,
	    err)) != 0)
		return rc;
	log->action = "user.add";
	log->detail = json_pack("{ss ss}", "user", a->name, "role", a->role);
	return 0;
}

int
wms_user_add(struct wms *w, const char *name, const char *role,
    const char *password, struct wms_err *err)
{
	struct user_args	a = { .name = name, .role = role };
	char			hash[WMS_PW_HASH_MAX];
	int			rc;

	if ((rc = wms_require(w, WMS_PERM_ADMIN, err)) != 0 ||
	    (rc = wms_user_prepare(name, role, password, hash, err)) != 0)
		return rc;
	a.hash = hash;
	return wms_write_run(w, WMS_PERM_ADMIN, user_add_fn, &a, err);
}

static int
user_unknown(const char *name, struct wms_err *err)
{
	return wms_err_set(err, WMS_ERR_NOTFOUND, _("unknown user %s"), name);
}

static int
user_passwd_fn(struct wms *w, void *arg, struct wms_write *log,
    struct wms_err *err)
{
	struct user_args	*a = arg;
	int			 rc;

	if ((rc = db_user_passwd(wms_db(w), a->name, a->hash, err)) < 0)
		return rc;
	if (rc == 0)
		return user_unknown(a->name, err);
	/* A new password ends the sessions that the old one opened. */
	if ((rc = db_session_end_user(wms_db(w), a->name, err)) < 0)
		return rc;
	log->action = "user.passwd";
	log->detail = json_pack("{ss}", "user", a->name);
	return 0;
}

int
wms_user_passwd(struct wms *w, const char *name, const char *password,
    struct wms_err *err)
{
	struct user_args	a = { .name = name };
	char			hash[WMS_PW_HASH_MAX];
	int			rc, self;

	/* Anybody logged in may change their own password. */
	self = strcmp(name, wms_user_name(w)) == 0;
	if (!self && (rc = wms_require(w, WMS_PERM_ADMIN, err)) != 0)
		return rc;
	if ((rc = user_hash(password, hash, err)) != 0)
		return rc;
	a.hash = hash;
	return wms_write_run(w, self ? WMS_PERM_READ : WMS_PERM_ADMIN,
	    user_passwd_fn, &a, err);
}

/*
 * The language is the user's own preference, like the screens' drafts
 * (core/draft.c): no audit entry, which would record every switch of a
 * terminal between Arabic and English.
 */
int
wms_user_set_lang(struct wms *w, const char *lang, struct wms_err *err)
{
	if (strcmp(lang, "ar") != 0 && strcmp(lang, "en") != 0)
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("unknown language \"%s\": ar or en"), lang);
	return db_user_set_lang(wms_db(w), wms_user_id(w), lang, err);
}

static int
user_role_fn(struct wms *w, void *arg, struct wms_write *log,
    struct wms_err *err)
{
	struct user_args	*a = arg;
	int64_t			 admins;
	int			 rc;

	/* Somebody must always be able to manage the users. */
	if (strcmp(a->role, "admin") != 0) {
		if ((rc = db_user_admins_besides(wms_db(w), a->name, &admins,
		    err)) != 0)
			return rc;
		if (admins == 0)
			return wms_err_set(err, WMS_ERR_REFUSED,
			    _("%s is the last admin: make another user admin "
			    "first"), a->name);
	}
	if ((rc = db_user_set_role(wms_db(w), a->name, a->role, err)) < 0)
		return rc;
	if (rc == 0)
		return user_unknown(a->name, err);
	log->action = "user.role";
	log->detail = json_pack("{ss ss}", "user", a->name, "role", a->role);
	return 0;
}

int
wms_user_set_role(struct wms *w, const char *name, const char *role,
    struct wms_err *err)
{
	struct user_args	a = { .name = name, .role = role };
	int			rc;

	if ((rc = wms_require(w, WMS_PERM_ADMIN, err)) != 0)
		return rc;
	if (role == NULL || wms_role_parse(role) == WMS_ROLE_NONE)
		return user_bad_role(role, err);
	if ((rc = wms_write_run(w, WMS_PERM_ADMIN, user_role_fn, &a,
	    err)) != 0)
		return rc;
	/* An admin who changes their own role has that role from now on,
	 * not from the next login. */
	if (strcmp(wms_user_name(w), name) == 0)
		wms_session_set_role(w, wms_role_parse(role));
	return 0;
}

static int
user_unlock_fn(struct wms *w, void *arg, struct wms_write *log,
    struct wms_err *err)
{
	const char	*name = arg;
	int		 rc;

	if ((rc = db_user_unlock(wms_db(w), name, err)) < 0)
		return rc;
	if (rc == 0)
		return user_unknown(name, err);
	log->action = "user.unlock";
	log->detail = json_pack("{ss sn}", "user", name, "role");
	return 0;
}

int
wms_user_unlock(struct wms *w, const char *name, struct wms_err *err)
{
	return wms_write_run(w, WMS_PERM_ADMIN, user_unlock_fn, (void *)name,
	    err);
}
