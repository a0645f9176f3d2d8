/* Logging in: the password, the count of wrong ones and the lock. */
#include <string.h>
#include <time.h>

#include <jansson.h>
#include <sodium.h>

#include "core/session.h"
#include "core/wms.h"
#include "core/write.h"
#include "data/db-user.h"
#include "lib/i18n.h"

struct login_fail {
	const char	*name;
	int64_t		 id;
};

static int
login_fail_fn(struct wms *w, void *arg, struct wms_write *log,
    struct wms_err *err)
{
	struct login_fail	*f = arg;
	int64_t			 now = (int64_t)time(NULL);
	int			 rc;

	if ((rc = db_user_fail(wms_db(w), f->id, WMS_LOGIN_TRIES, now,
	    now + WMS_LOCK_SECONDS, err)) != 0)
		return rc;
	log->action = "login.fail";
	log->detail = json_pack("{ss}", "user", f->name);
	return 0;
}

/*
 * Count a wrong password in a write of its own, which sticks although the
 * login fails; nobody is logged in to make it (WMS_WRITE_NOBODY).  Best
 * effort: a database too busy to count it still refuses the login.
 */
static void
login_fail(struct wms *w, const char *name, int64_t id)
{
	struct login_fail f = { .name = name, .id = id };

	wms_write_run(w, WMS_WRITE_NOBODY, login_fail_fn, &f, NULL);
}

static void
login_as(struct wms *w, const char *name, const struct db_user *u)
{
	wms_session_set_user(w, u->id, name, wms_role_parse(u->role),
	    u->lang);
}

int
wms_login(struct wms *w, const char *name, const char *password,
    struct wms_err *err)
{
	struct db_user	u;
	int64_t		now;
	int		rc;

	if (name == NULL || *name == '\0')
		return wms_err_set(err, WMS_ERR_DENIED,
		    _("who are you? give --user NAME or set MAKHZAN_USER"));
	if ((rc = db_user_get(wms_db(w), name, &u, err)) < 0)
		return rc;
	if (rc == 0)
		/* The same words as a wrong password: do not confirm names. */
		return wms_err_set(err, WMS_ERR_DENIED,
		    _("login refused: wrong user name or password"));
	now = (int64_t)time(NULL);
	if (u.locked_until > now)
		return wms_err_set(err, WMS_ERR_DENIED,
		    _("account %s is locked after %d wrong passwords: try "
		    "again in %lld minutes or ask an admin"), name,
		    WMS_LOGIN_TRIES,
		    (long long)((u.locked_until - now + 59) / 60));
	if (password == NULL || crypto_pwhash_str_verify(u.pw_hash, password,
	    strlen(password)) != 0) {
		login_fail(w, name, u.id);
		return wms_err_set(err, WMS_ERR_DENIED,
		    _("login refused: wrong user name or password"));
	}
	login_as(w, name, &u);
	/*
	 * Clearing the count of wrong passwords is best effort, and no
	 * audit entry: it follows from the right password (the wrong ones
	 * are in the audit log), and a login is no change to the depot.
	 */
	if (u.failures != 0 || u.locked_until != 0)
		db_user_ok(wms_db(w), u.id, NULL);
	return 0;
}

int
wms_login_trusted(struct wms *w, const char *name, struct wms_err *err)
{
	struct db_user	u;
	int		rc;

	if ((rc = db_user_get(wms_db(w), name, &u, err)) < 0)
		return rc;
	if (rc == 0)
		return wms_err_set(err, WMS_ERR_NOTFOUND, _("unknown user %s"),
		    name);
	login_as(w, name, &u);
	return 0;
}
