/* Logging in: the password, the count of wrong ones and the lock. */
#include <string.h>
#include <time.h>

#include <jansson.h>
#include <sodium.h>

#include "core/session.h"
#include "core/wms.h"
#include "core/write.h"
#include "data/db-session.h"
#include "data/db-user.h"
#include "lib/i18n.h"
#include "lib/text.h"

/* What a refused login writes to the audit log. */
struct login_fail {
	const char	*action;	/* "login.fail", "login.locked" */
	const char	*name;		/* as typed, when a valid user name */
	int64_t		 id;		/* 0: no such user */
	int		 count;		/* count a wrong password */
	int		 password_ok;	/* for login.locked */
};

static int
login_fail_fn(struct wms *w, void *arg, struct wms_write *log,
    struct wms_err *err)
{
	struct login_fail	*f = arg;
	int64_t			 now = (int64_t)time(NULL);
	int			 rc;

	struct db_user		 u;

	if (f->count && (rc = db_user_fail(wms_db(w), f->id, WMS_LOGIN_TRIES,
	    now, now + WMS_LOCK_SECONDS, err)) != 0)
		return rc;
	/* The wrong password that locks the account ends its sessions. */
	if (f->count && db_user_get(wms_db(w), f->name, &u, NULL) == 1 &&
	    u.locked_until > now &&
	    (rc = db_session_end_user(wms_db(w), f->name, err)) < 0)
		return rc;
	log->action = f->action;
	if (strcmp(f->action, "login.locked") == 0)
		log->detail = json_pack("{ss sb}", "user", f->name,
		    "password_ok", f->password_ok);
	else
		log->detail = json_pack("{ss sb}", "user", f->name, "known",
		    f->id != 0);
	return 0;
}

/*
 * Record a refused login in a write of its own, which sticks although the
 * login fails; nobody is logged in to make it (WMS_WRITE_NOBODY).  Best
 * effort: a database too busy to record it still refuses the login.
 */
static void
login_fail(struct wms *w, struct login_fail *f)
{
	wms_write_run(w, WMS_WRITE_NOBODY, login_fail_fn, f, NULL);
}

static void
login_as(struct wms *w, const char *name, const struct db_user *u)
{
	wms_session_set_user(w, u->id, name, wms_role_parse(u->role),
	    u->lang);
}

/* The one answer to an unknown name, a wrong password, a locked account. */
static int
login_refused(struct wms_err *err)
{
	return wms_err_set(err, WMS_ERR_DENIED,
	    _("login refused: wrong user name or password"));
}

int
wms_login(struct wms *w, const char *name, const char *password,
    struct wms_err *err)
{
	struct login_fail	 f = { .action = "login.fail" };
	struct db_user		 u;
	char			 dummy[crypto_pwhash_STRBYTES];
	int64_t			 now;
	int			 rc, pw_ok;

	if (name == NULL || *name == '\0')
		return wms_err_set(err, WMS_ERR_DENIED,
		    _("who are you? give --user NAME or set MAKHZAN_USER"));
	/* A name that cannot be a user's (from the environment) is none. */
	rc = wms_ident_valid(name) ? db_user_get(wms_db(w), name, &u, err) : 0;
	if (rc < 0)
		return rc;
	f.name = wms_ident_valid(name) ? name : "?";
	if (rc == 0) {
		/*
		 * As long as a wrong password takes: the time of the answer
		 * must not tell that the name is unknown.
		 */
		if (password != NULL && crypto_pwhash_str_alg(dummy, password,
		    strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
		    crypto_pwhash_MEMLIMIT_INTERACTIVE,
		    crypto_pwhash_ALG_ARGON2ID13) == 0)
			explicit_bzero(dummy, sizeof dummy);
		login_fail(w, &f);
		return login_refused(err);
	}
	f.id = u.id;
	now = (int64_t)time(NULL);
	pw_ok = password != NULL && crypto_pwhash_str_verify(u.pw_hash,
	    password, strlen(password)) == 0;
	if (u.locked_until > now) {
		/*
		 * Locked: the same answer as a wrong password, unless the
		 * password is right; only then is the lock and its reason
		 * told.  Tries while locked do not lengthen the lock.
		 */
		f.action = "login.locked";
		f.password_ok = pw_ok;
		login_fail(w, &f);
		if (!pw_ok)
			return login_refused(err);
		return wms_err_set(err, WMS_ERR_DENIED,
		    _("account %s is locked after %d wrong passwords: try "
		    "again in %lld minutes or ask an admin (makhzan user "
		    "unlock)"), name, WMS_LOGIN_TRIES,
		    (long long)((u.locked_until - now + 59) / 60));
	}
	if (!pw_ok) {
		f.count = 1;
		login_fail(w, &f);
		return login_refused(err);
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
