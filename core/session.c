/* The session: the handle on one depot database, who uses it, the clock. */
#include <stdlib.h>
#include <sys/time.h>
#include <time.h>

#include <sodium.h>

#include "core/session.h"
#include "core/wms.h"
#include "data/db-site.h"
#include "lib/i18n.h"
#include "lib/time.h"
#include "lib/xmalloc.h"

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

struct wms *
wms_session_new(struct db *db, struct wms_err *err)
{
	struct wms *w;

	/* Passwords, the audit chain and event ids need libsodium. */
	if (sodium_init() < 0) {
		wms_err_set(err, WMS_ERR_IO, _("cannot initialise libsodium"));
		return NULL;
	}
	w = xcalloc(1, sizeof *w);
	w->db = db;
	w->minor = 2;
	return w;
}

void
wms_session_set_site(struct wms *w, const char *site, int minor)
{
	free(w->site);
	w->site = xstrdup(site);
	w->minor = minor;
}

void
wms_session_set_user(struct wms *w, int64_t id, const char *name,
    enum wms_role role, const char *lang)
{
	char *user, *l;

	/* Copied before freeing: name may be the session's own. */
	user = xstrdup(name);
	l = lang != NULL && *lang != '\0' ? xstrdup(lang) : NULL;
	free(w->user);
	free(w->lang);
	w->user = user;
	w->lang = l;
	w->user_id = id;
	w->role = role;
}

void
wms_session_set_role(struct wms *w, enum wms_role role)
{
	w->role = role;
}

struct wms *
wms_open(const char *path, struct wms_err *err)
{
	struct wms	*w;
	struct db	*db;
	char		*site = NULL, *minor = NULL;
	int		 m;

	if ((db = db_open(path, 0, err)) == NULL)
		return NULL;
	if ((w = wms_session_new(db, err)) == NULL) {
		db_close(db);
		return NULL;
	}
	/* A database that cannot say its site is not one of ours. */
	if (db_meta_get(db, "site", &site, NULL) != 0 || site == NULL) {
		wms_err_set(err, WMS_ERR_CORRUPT,
		    _("%s is not a makhzan database (no site): create one "
		    "with makhzan init"), path);
		wms_close(w);
		return NULL;
	}
	db_meta_get(db, "currency_minor", &minor, NULL);
	m = minor != NULL ? (int)strtol(minor, NULL, 10) : 2;
	wms_session_set_site(w, site, m < 0 || m > 4 ? 2 : m);
	free(minor);
	free(site);
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
