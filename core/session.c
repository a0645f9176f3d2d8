/* The session: open a depot database, log in, the clock, users. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

#include <jansson.h>
#include <sodium.h>

#include "core/audit.h"
#include "lib/i18n.h"
#include "core/master.h"
#include "core/wms.h"
#include "lib/text.h"
#include "lib/time.h"
#include "lib/xmalloc.h"
#include "data/db-site.h"
#include "data/db-user.h"

struct wms {
	struct db	*db;
	int64_t		 user_id;
	char		*user;
	char		*lang;
	enum wms_role	 role;
	char		*site;
	int		 minor;
	time_t		 clock;
};

static int
session_crypto_init(struct wms_err *err)
{
	if (sodium_init() < 0)
		return wms_err_set(err, WMS_ERR_IO,
		    _("cannot initialise libsodium"));
	return 0;
}

/* Read a meta value into a new string, or NULL. */
static char *
session_meta(struct db *db, const char *key)
{
	sqlite3_stmt	*st;
	char		*v = NULL;

	st = db_stmt(db, &db_site_table, DB_META_GET, NULL);
	if (st == NULL)
		return NULL;
	db_bind_text(st, ":key", key);
	if (db_step(db, st, NULL) == 1)
		v = db_col_strdup(st, 0);
	sqlite3_reset(st);
	return v;
}

static int
session_meta_set(struct db *db, const char *key, const char *value,
    struct wms_err *err)
{
	sqlite3_stmt *st;

	if ((st = db_stmt(db, &db_site_table, DB_META_SET, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_text(st, ":key", key);
	db_bind_text(st, ":value", value);
	return db_exec_stmt(db, st, err);
}

static int
session_hash(const char *password, char out[crypto_pwhash_STRBYTES],
    struct wms_err *err)
{
	if (strlen(password) < 8)
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("password too short: at least 8 characters"));
	if (crypto_pwhash_str_alg(out, password, strlen(password),
	    crypto_pwhash_OPSLIMIT_INTERACTIVE,
	    crypto_pwhash_MEMLIMIT_INTERACTIVE,
	    crypto_pwhash_ALG_ARGON2ID13) != 0)
		return wms_err_set(err, WMS_ERR_IO,
		    _("cannot hash the password (out of memory?)"));
	return 0;
}

static int
session_user_insert(struct wms *w, const char *name, const char *role,
    const char *password, struct wms_err *err)
{
	char		 hash[crypto_pwhash_STRBYTES], at[32];
	sqlite3_stmt	*st;
	int		 rc;

	if (!wms_ident_valid(name))
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("bad user name \"%s\": 1 to 32 of a-z A-Z 0-9 - _ ."),
		    name);
	if (wms_role_parse(role) == WMS_ROLE_NONE)
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("unknown role \"%s\": storekeeper, supervisor, auditor "
		    "or admin"), role);
	if ((rc = session_hash(password, hash, err)) != 0)
		return rc;
	if ((st = db_stmt(w->db, &db_user_table, DB_USER_ADD, err)) == NULL)
		return WMS_ERR_DB;
	wms_now_iso(w, at);
	db_bind_text(st, ":name", name);
	db_bind_text(st, ":role", role);
	db_bind_text(st, ":hash", hash);
	db_bind_text(st, ":at", at);
	rc = db_exec_stmt(w->db, st, err);
	if (rc == WMS_ERR_CONFLICT)
		return wms_err_set(err, rc, _("user %s already exists"), name);
	return rc;
}

int
wms_init(const char *path, const char *site, const char *admin,
    const char *password, struct wms_err *err)
{
	struct wms	*w = NULL;
	struct db	*db;
	char		 detail[128];
	int		 rc;

	if ((rc = session_crypto_init(err)) != 0)
		return rc;
	if (site == NULL || !wms_code_valid(site))
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("bad site code \"%s\": 2 to 24 of A-Z 0-9 - _ ."),
		    site != NULL ? site : "");
	if (admin == NULL || !wms_ident_valid(admin))
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("bad user name \"%s\": 1 to 32 of a-z A-Z 0-9 - _ ."),
		    admin != NULL ? admin : "");
	if (password == NULL || strlen(password) < 8)
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("password too short: at least 8 characters"));
	if ((db = db_open(path, DB_CREATE, err)) == NULL)
		return err != NULL ? err->rc : WMS_ERR_DB;
	w = xcalloc(1, sizeof *w);
	w->db = db;
	w->minor = 2;
	if ((rc = db_begin(db, err)) != 0)
		goto out;
	if ((rc = session_meta_set(db, "site", site, err)) != 0 ||
	    (rc = session_meta_set(db, "currency_minor", "2", err)) != 0 ||
	    (rc = session_user_insert(w, admin, "admin", password, err)) != 0)
		goto out;
	w->site = xstrdup(site);
	w->user = xstrdup(admin);
	w->user_id = db_last_rowid(db);
	w->role = WMS_ROLE_ADMIN;
	snprintf(detail, sizeof detail, "{\"site\":\"%s\",\"admin\":\"%s\"}",
	    site, admin);
	if ((rc = wms_audit_add(w, "init", NULL, detail, err)) != 0)
		goto out;
	rc = db_commit(db, err);
out:
	if (rc != 0) {
		db_rollback(db);
		wms_close(w);
		remove(path);
		return rc;
	}
	wms_close(w);
	return 0;
}

struct wms *
wms_open(const char *path, struct wms_err *err)
{
	struct wms	*w;
	struct db	*db;
	char		*minor;

	if (session_crypto_init(err) != 0)
		return NULL;
	if ((db = db_open(path, 0, err)) == NULL)
		return NULL;
	w = xcalloc(1, sizeof *w);
	w->db = db;
	w->site = session_meta(db, "site");
	if (w->site == NULL) {
		wms_err_set(err, WMS_ERR_CORRUPT,
		    _("%s is not a makhzan database (no site): create one "
		    "with makhzan init"), path);
		wms_close(w);
		return NULL;
	}
	minor = session_meta(db, "currency_minor");
	w->minor = minor != NULL ? (int)strtol(minor, NULL, 10) : 2;
	if (w->minor < 0 || w->minor > 4)
		w->minor = 2;
	free(minor);
	return w;
}

void
wms_close(struct wms *w)
{
	if (w == NULL)
		return;
	db_close(w->db);
	free(w->user);
	free(w->lang);
	free(w->site);
	free(w);
}

static int
session_set_user(struct wms *w, const char *name, sqlite3_stmt *st)
{
	free(w->user);
	free(w->lang);
	w->user = xstrdup(name);
	w->user_id = sqlite3_column_int64(st, 0);
	w->role = wms_role_parse((const char *)sqlite3_column_text(st, 1));
	w->lang = db_col_strdup_null(st, 5);
	return 0;
}

/* Count a failed password in its own transaction, so that it sticks. */
static void
session_fail(struct wms *w, int64_t id)
{
	sqlite3_stmt *st;

	if (db_begin(w->db, NULL) != 0)
		return;
	st = db_stmt(w->db, &db_user_table, DB_USER_FAIL, NULL);
	if (st != NULL) {
		db_bind_int(st, ":tries", WMS_LOGIN_TRIES);
		db_bind_int(st, ":now", (int64_t)time(NULL));
		db_bind_int(st, ":until", (int64_t)time(NULL) +
		    WMS_LOCK_SECONDS);
		db_bind_int(st, ":id", id);
		db_step(w->db, st, NULL);
		sqlite3_reset(st);
	}
	if (db_commit(w->db, NULL) != 0)
		db_rollback(w->db);
}

int
wms_login(struct wms *w, const char *name, const char *password,
    struct wms_err *err)
{
	sqlite3_stmt	*st;
	const char	*hash;
	int64_t		 id, locked;
	int		 rc;

	if (name == NULL || *name == '\0')
		return wms_err_set(err, WMS_ERR_DENIED,
		    _("who are you? give --user NAME or set MAKHZAN_USER"));
	if ((st = db_stmt(w->db, &db_user_table, DB_USER_GET, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_text(st, ":name", name);
	if ((rc = db_step(w->db, st, err)) != 1) {
		sqlite3_reset(st);
		if (rc < 0)
			return rc;
		/* The same words as a wrong password: do not confirm names. */
		return wms_err_set(err, WMS_ERR_DENIED,
		    _("login refused: wrong user name or password"));
	}
	id = sqlite3_column_int64(st, 0);
	locked = sqlite3_column_int64(st, 4);
	if (locked > (int64_t)time(NULL)) {
		sqlite3_reset(st);
		return wms_err_set(err, WMS_ERR_DENIED,
		    _("account %s is locked after %d wrong passwords: try "
		    "again in %lld minutes or ask an admin"), name,
		    WMS_LOGIN_TRIES,
		    (long long)((locked - (int64_t)time(NULL) + 59) / 60));
	}
	hash = (const char *)sqlite3_column_text(st, 2);
	if (password == NULL || crypto_pwhash_str_verify(hash, password,
	    strlen(password)) != 0) {
		sqlite3_reset(st);
		session_fail(w, id);
		return wms_err_set(err, WMS_ERR_DENIED,
		    _("login refused: wrong user name or password"));
	}
	session_set_user(w, name, st);
	sqlite3_reset(st);
	if ((st = db_stmt(w->db, &db_user_table, DB_USER_OK, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_int(st, ":id", id);
	/* Resetting the failure count is best effort: reads still work. */
	db_exec_stmt(w->db, st, NULL);
	return 0;
}

int
wms_login_trusted(struct wms *w, const char *name, struct wms_err *err)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = db_stmt(w->db, &db_user_table, DB_USER_GET, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_text(st, ":name", name);
	if ((rc = db_step(w->db, st, err)) != 1) {
		sqlite3_reset(st);
		return rc < 0 ? rc : wms_err_set(err, WMS_ERR_NOTFOUND,
		    _("unknown user %s"), name);
	}
	session_set_user(w, name, st);
	sqlite3_reset(st);
	return 0;
}

struct db *
wms_db(struct wms *w)
{
	return w->db;
}

const char *
wms_user_name(struct wms *w)
{
	return w->user != NULL ? w->user : "";
}

int64_t
wms_user_id(struct wms *w)
{
	return w->user_id;
}

enum wms_role
wms_user_role(struct wms *w)
{
	return w->role;
}

const char *
wms_user_lang(struct wms *w)
{
	return w->lang;
}

const char *
wms_site(struct wms *w)
{
	return w->site;
}

int
wms_currency_minor(struct wms *w)
{
	return w->minor;
}

void
wms_set_clock(struct wms *w, time_t t)
{
	w->clock = t;
}

time_t
wms_now(struct wms *w)
{
	return w->clock != 0 ? w->clock : time(NULL);
}

void
wms_now_iso(struct wms *w, char out[32])
{
	struct timeval	tv;
	time_t		t;
	int		ms = 0;

	if (w->clock != 0) {
		t = w->clock;
	} else {
		gettimeofday(&tv, NULL);
		t = tv.tv_sec;
		ms = (int)(tv.tv_usec / 1000);
	}
	wms_time_iso(t, ms, out);
}

int
wms_user_add(struct wms *w, const char *name, const char *role,
    const char *password, struct wms_err *err)
{
	char	detail[128];
	int	rc;

	if ((rc = wms_require(w, WMS_PERM_ADMIN, err)) != 0)
		return rc;
	if ((rc = db_begin(w->db, err)) != 0)
		return rc;
	if ((rc = session_user_insert(w, name, role, password, err)) != 0)
		goto out;
	snprintf(detail, sizeof detail, "{\"user\":\"%s\",\"role\":\"%s\"}",
	    name, role);
	if ((rc = wms_audit_add(w, "user.add", NULL, detail, err)) != 0)
		goto out;
	rc = db_commit(w->db, err);
out:
	if (rc != 0)
		db_rollback(w->db);
	return rc;
}

int
wms_user_passwd(struct wms *w, const char *name, const char *password,
    struct wms_err *err)
{
	char		 hash[crypto_pwhash_STRBYTES], detail[96];
	sqlite3_stmt	*st;
	int		 rc;

	if (strcmp(name, wms_user_name(w)) != 0 &&
	    (rc = wms_require(w, WMS_PERM_ADMIN, err)) != 0)
		return rc;
	if ((rc = session_hash(password, hash, err)) != 0)
		return rc;
	if ((rc = db_begin(w->db, err)) != 0)
		return rc;
	if ((st = db_stmt(w->db, &db_user_table, DB_USER_PASSWD, err)) ==
	    NULL) {
		rc = WMS_ERR_DB;
		goto out;
	}
	db_bind_text(st, ":hash", hash);
	db_bind_text(st, ":name", name);
	if ((rc = db_exec_stmt(w->db, st, err)) != 0)
		goto out;
	if (sqlite3_changes(db_handle(w->db)) == 0) {
		rc = wms_err_set(err, WMS_ERR_NOTFOUND, _("unknown user %s"),
		    name);
		goto out;
	}
	snprintf(detail, sizeof detail, "{\"user\":\"%s\"}", name);
	if ((rc = wms_audit_add(w, "user.passwd", NULL, detail, err)) != 0)
		goto out;
	rc = db_commit(w->db, err);
out:
	if (rc != 0)
		db_rollback(w->db);
	return rc;
}

int
wms_user_set_lang(struct wms *w, const char *lang, struct wms_err *err)
{
	sqlite3_stmt *st;

	if (strcmp(lang, "ar") != 0 && strcmp(lang, "en") != 0)
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("unknown language \"%s\": ar or en"), lang);
	if ((st = db_stmt(w->db, &db_user_table, DB_USER_LANG, err)) == NULL)
		return WMS_ERR_DB;
	db_bind_text(st, ":lang", lang);
	db_bind_int(st, ":id", w->user_id);
	return db_exec_stmt(w->db, st, err);
}

/* Run the user statement idx (bound to :name, and :role when given). */
static int
session_user_update(struct wms *w, int idx, const char *action,
    const char *name, const char *role, struct wms_err *err)
{
	sqlite3_stmt	*st;
	json_t		*d;
	char		*detail;
	int		 rc;

	if ((rc = db_begin(w->db, err)) != 0)
		return rc;
	if (role != NULL && strcmp(role, "admin") != 0) {
		if ((st = db_stmt(w->db, &db_user_table, DB_USER_ADMINS,
		    err)) == NULL) {
			rc = WMS_ERR_DB;
			goto out;
		}
		db_bind_text(st, ":name", name);
		rc = db_step(w->db, st, err);
		if (rc == 1 && sqlite3_column_int64(st, 0) == 0)
			rc = wms_err_set(err, WMS_ERR_REFUSED,
			    _("%s is the last admin: make another user admin "
			    "first"), name);
		else if (rc == 1)
			rc = 0;
		sqlite3_reset(st);
		if (rc != 0)
			goto out;
	}
	if ((st = db_stmt(w->db, &db_user_table, idx, err)) == NULL) {
		rc = WMS_ERR_DB;
		goto out;
	}
	db_bind_text(st, ":name", name);
	if (role != NULL)
		db_bind_text(st, ":role", role);
	if ((rc = db_exec_stmt(w->db, st, err)) != 0)
		goto out;
	if (sqlite3_changes(db_handle(w->db)) == 0) {
		rc = wms_err_set(err, WMS_ERR_NOTFOUND, _("unknown user %s"),
		    name);
		goto out;
	}
	d = json_pack("{ss ss?}", "user", name, "role", role);
	detail = json_dumps(d, JSON_COMPACT);
	json_decref(d);
	rc = wms_audit_add(w, action, NULL, detail, err);
	free(detail);
	if (rc == 0)
		rc = db_commit(w->db, err);
out:
	if (rc != 0)
		db_rollback(w->db);
	return rc;
}

int
wms_user_set_role(struct wms *w, const char *name, const char *role,
    struct wms_err *err)
{
	int rc;

	if ((rc = wms_require(w, WMS_PERM_ADMIN, err)) != 0)
		return rc;
	if (role == NULL || wms_role_parse(role) == WMS_ROLE_NONE)
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("unknown role \"%s\": storekeeper, supervisor, auditor "
		    "or admin"), role != NULL ? role : "");
	if ((rc = session_user_update(w, DB_USER_ROLE, "user.role", name,
	    role, err)) != 0)
		return rc;
	/* An admin who changes their own role has that role from now on,
	 * not from the next login. */
	if (w->user != NULL && strcmp(w->user, name) == 0)
		w->role = wms_role_parse(role);
	return 0;
}

int
wms_user_unlock(struct wms *w, const char *name, struct wms_err *err)
{
	int rc;

	if ((rc = wms_require(w, WMS_PERM_ADMIN, err)) != 0)
		return rc;
	return session_user_update(w, DB_USER_UNLOCK, "user.unlock", name,
	    NULL, err);
}
