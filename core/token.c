/* Sessions of makhzan login: open, log in by token, close. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>
#include <sodium.h>

#include "core/session.h"
#include "core/token.h"
#include "core/wms.h"
#include "core/write.h"
#include "data/db-session.h"
#include "data/db-site.h"
#include "lib/i18n.h"

/* The hash the database keeps of a token: BLAKE2b-256, in hex. */
static int
token_hash(const char *token, char out[WMS_TOKEN_HEX])
{
	unsigned char h[32];

	if (token == NULL || strlen(token) != WMS_TOKEN_HEX - 1 ||
	    strspn(token, "0123456789abcdef") != WMS_TOKEN_HEX - 1)
		return -1;
	crypto_generichash(h, sizeof h, (const unsigned char *)token,
	    strlen(token), NULL, 0);
	sodium_bin2hex(out, WMS_TOKEN_HEX, h, sizeof h);
	return 0;
}

struct token_open {
	const char	*hash;
	int		 minutes;
	int64_t		 expires;
};

static int
token_open_fn(struct wms *w, void *arg, struct wms_write *log,
    struct wms_err *err)
{
	struct token_open	*t = arg;
	char			 at[32];
	int			 rc;

	wms_now_iso(w, at);
	if ((rc = db_session_sweep(wms_db(w), (int64_t)time(NULL), err)) < 0)
		return rc;
	if ((rc = db_session_add(wms_db(w), t->hash, wms_user_id(w), at,
	    t->expires, err)) != 0)
		return rc;
	log->action = "session.open";
	log->detail = json_pack("{ss si}", "user", wms_user_name(w),
	    "minutes", t->minutes);
	return 0;
}

int
wms_token_open(struct wms *w, int minutes, char token[WMS_TOKEN_HEX],
    int64_t *expires, struct wms_err *err)
{
	struct token_open	t;
	unsigned char		raw[32];
	char			hash[WMS_TOKEN_HEX];
	int			rc;

	if (minutes < 1 || minutes > WMS_SESSION_MAX_MINUTES)
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("a session lasts 1 to %d minutes, not %d"),
		    WMS_SESSION_MAX_MINUTES, minutes);
	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(token, WMS_TOKEN_HEX, raw, sizeof raw);
	sodium_memzero(raw, sizeof raw);
	token_hash(token, hash);
	t.hash = hash;
	t.minutes = minutes;
	t.expires = (int64_t)time(NULL) + (int64_t)minutes * 60;
	if ((rc = wms_write_run(w, WMS_PERM_READ, token_open_fn, &t,
	    err)) != 0) {
		sodium_memzero(token, WMS_TOKEN_HEX);
		return rc;
	}
	*expires = t.expires;
	return 0;
}

int
wms_token_login(struct wms *w, const char *token, const char *user,
    struct wms_err *err)
{
	struct db_session_user	s;
	char			hash[WMS_TOKEN_HEX];
	int64_t			now = (int64_t)time(NULL);
	int			rc;

	if (token_hash(token, hash) != 0)
		return wms_err_set(err, WMS_ERR_DENIED,
		    _("the session file holds no token: log in again with "
		    "makhzan login"));
	memset(&s, 0, sizeof s);
	if ((rc = db_session_get(wms_db(w), hash, now, &s, err)) < 0)
		return rc;
	if (rc == 0)
		return wms_err_set(err, WMS_ERR_DENIED,
		    _("the session has ended: log in again with makhzan "
		    "login"));
	if (user != NULL && strcmp(user, s.name) != 0)
		return wms_err_set(err, WMS_ERR_DENIED,
		    _("the session is %s's, not %s's: log in again with "
		    "makhzan login"), s.name, user);
	if (s.locked_until > now)
		return wms_err_set(err, WMS_ERR_DENIED,
		    _("login refused: wrong user name or password"));
	/* The role and language as they are now, not at makhzan login. */
	return wms_login_trusted(w, s.name, err);
}

static int
token_close_fn(struct wms *w, void *arg, struct wms_write *log,
    struct wms_err *err)
{
	int rc;

	if ((rc = db_session_end(wms_db(w), arg, err)) < 0)
		return rc;
	log->action = "session.close";
	log->detail = json_pack("{ss}", "user", wms_user_name(w));
	return 0;
}

int
wms_token_close(struct wms *w, const char *token, struct wms_err *err)
{
	char	hash[WMS_TOKEN_HEX];
	int	rc;

	if (token_hash(token, hash) != 0)
		return 0;
	/* Only the session's own user closes it with an audit entry. */
	if (wms_token_login(w, token, NULL, NULL) != 0) {
		rc = db_session_end(wms_db(w), hash, err);
		return rc < 0 ? rc : 0;
	}
	return wms_write_run(w, WMS_PERM_READ, token_close_fn, hash, err);
}

int
wms_db_identity(struct wms *w, char out[WMS_DB_ID_MAX], struct wms_err *err)
{
	char	*id = NULL;
	int	 rc;

	if ((rc = db_meta_get(wms_db(w), "db_id", &id, err)) != 0)
		return rc;
	snprintf(out, WMS_DB_ID_MAX, "%s", id != NULL ? id : "");
	free(id);
	return 0;
}
