/* A new depot database: its site and its first user, an admin. */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "core/session.h"
#include "core/user.h"
#include "core/wms.h"
#include "core/write.h"
#include "data/db-site.h"
#include "lib/i18n.h"
#include "lib/text.h"

struct init_args {
	const char	*site;
	const char	*admin;
	const char	*hash;
};

static int
init_fn(struct wms *w, void *arg, struct wms_write *log,
    struct wms_err *err)
{
	struct init_args	*a = arg;
	struct db		*db = wms_db(w);
	int64_t			 id;
	int			 rc;

	if ((rc = db_meta_set(db, "site", a->site, err)) != 0 ||
	    (rc = db_meta_set(db, "currency_minor", "2", err)) != 0 ||
	    (rc = wms_user_insert(w, a->admin, "admin", a->hash, &id,
	    err)) != 0)
		return rc;
	/* The first entry of the audit chain is the admin's. */
	wms_session_set_site(w, a->site, 2);
	wms_session_set_user(w, id, a->admin, WMS_ROLE_ADMIN, NULL);
	log->action = "init";
	log->detail = json_pack("{ss ss}", "site", a->site, "admin",
	    a->admin);
	return 0;
}

int
wms_init(const char *path, const char *site, const char *admin,
    const char *password, struct wms_err *err)
{
	struct init_args	 a = { .site = site, .admin = admin };
	struct wms		*w;
	struct db		*db;
	char			 hash[WMS_PW_HASH_MAX];
	int			 rc;

	/* Everything that can be refused is, before a file is made. */
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
	if ((w = wms_session_new(db, err)) == NULL) {
		db_close(db);
		rc = WMS_ERR_IO;
		goto out;
	}
	if ((rc = wms_user_prepare(admin, "admin", password, hash,
	    err)) != 0)
		goto out;
	a.hash = hash;
	rc = wms_write_run(w, WMS_WRITE_NOBODY, init_fn, &a, err);
out:
	wms_close(w);
	/* A refused init leaves no file behind. */
	if (rc != 0)
		remove(path);
	return rc;
}
