/* Backups and restore: the role they need, the audit entry, the full check. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/audit.h"
#include "core/backup.h"
#include "core/check.h"
#include "core/wms.h"
#include "core/write.h"
#include "data/backup.h"
#include "data/db-outbox.h"
#include "lib/i18n.h"
#include "lib/json.h"
#include "lib/xmalloc.h"

int
wms_backup_allowed(struct wms *w, struct wms_err *err)
{
	enum wms_role role = wms_user_role(w);

	if (role == WMS_ROLE_SUPERVISOR || role == WMS_ROLE_ADMIN)
		return 0;
	if (role == WMS_ROLE_NONE)
		return wms_err_set(err, WMS_ERR_DENIED,
		    _("nobody is logged in: give --user"));
	return wms_err_set(err, WMS_ERR_DENIED,
	    _("not allowed: %s has the role %s; a backup holds every "
	    "account's password hash, so only a supervisor or an admin may "
	    "take one"), wms_user_name(w), _(wms_role_name(role)));
}

struct backup_log {
	const char	*path;
	const char	*key_id;
};

static int
backup_log(struct wms *w, void *arg, struct wms_write *log,
    struct wms_err *err)
{
	struct backup_log *b = arg;

	(void)w;
	(void)err;
	log->action = "backup";
	log->detail = json_object();
	json_object_set_new(log->detail, "file", wms_json_string(b->path));
	json_object_set_new(log->detail, "encrypted",
	    json_boolean(b->key_id != NULL));
	if (b->key_id != NULL)
		json_object_set_new(log->detail, "key",
		    json_string(b->key_id));
	return 0;
}

/* The folder of path exists and this process may write in it. */
static int
folder_ok(const char *path, struct wms_err *err)
{
	struct stat	 sb;
	char		*dir;
	const char	*slash = strrchr(path, '/');
	int		 rc = 0;

	if (slash == NULL)
		dir = xstrdup(".");
	else if (slash == path)
		dir = xstrdup("/");
	else
		dir = xstrndup(path, (size_t)(slash - path));
	if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode))
		rc = wms_err_set(err, WMS_ERR_NOTFOUND,
		    _("no folder %s (is the backup share mounted?)"), dir);
	else if (access(dir, W_OK) != 0)
		rc = wms_err_set(err, WMS_ERR_DENIED,
		    _("cannot write in the folder %s: %s"), dir,
		    strerror(errno));
	free(dir);
	return rc;
}

int
wms_backup(struct wms *w, const char *path, const char *keyfile,
    struct wms_backup_result *res, struct wms_err *err)
{
	struct db_backup_key	 key;
	struct backup_log	 b = { .path = path };
	struct stat		 sb;
	int			 rc;

	memset(res, 0, sizeof *res);
	if ((rc = wms_backup_allowed(w, err)) != 0)
		return rc;
	if (lstat(path, &sb) == 0)
		return wms_err_set(err, WMS_ERR_CONFLICT,
		    _("%s already exists: refusing to overwrite it"), path);
	/* What is sure to fail fails before the audit entry. */
	if ((rc = folder_ok(path, err)) != 0)
		return rc;
	if (keyfile != NULL) {
		if ((rc = db_backup_key_load(keyfile, &key, err)) != 0)
			return rc;
		b.key_id = key.id;
	}
	/* The trace first: no copy leaves without its entry. */
	if ((rc = wms_write_run(w, WMS_PERM_SUPERVISE, backup_log, &b,
	    err)) != 0)
		goto out;
	if ((rc = db_backup_write(wms_db(w), path,
	    keyfile != NULL ? &key : NULL, &res->bytes, err)) != 0)
		goto out;
	res->path = xstrdup(path);
	if (keyfile != NULL)
		memcpy(res->key_id, key.id, sizeof res->key_id);
out:
	if (keyfile != NULL)
		db_backup_key_wipe(&key);
	return rc;
}

/* A site code is letters, digits, '-', '_' and '.': safe in a file name. */
static int
site_ok(const char *s)
{
	if (*s == '\0' || *s == '.')
		return 0;
	for (; *s != '\0'; s++) {
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
		    (*s >= '0' && *s <= '9') || *s == '-' || *s == '_' ||
		    *s == '.'))
			return 0;
	}
	return 1;
}

int
wms_backup_dir(struct wms *w, const char *dir, int keep, const char *keyfile,
    struct wms_backup_result *res, struct wms_err *err)
{
	struct stat	 sb;
	struct tm	 tm;
	struct timespec	 ts;
	time_t		 now;
	char		 stamp[32], *path = NULL;
	const char	*site = wms_site(w);
	int		 rc, tries;

	memset(res, 0, sizeof *res);
	if ((rc = wms_backup_allowed(w, err)) != 0)
		return rc;
	if (stat(dir, &sb) != 0)
		return wms_err_set(err, WMS_ERR_NOTFOUND,
		    _("no folder %s (is the backup share mounted?)"), dir);
	if (!S_ISDIR(sb.st_mode))
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("%s is not a folder"), dir);
	if (!site_ok(site))
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("the site code \"%s\" cannot name a file"), site);
	/* One name a second: a second backup in the same second waits. */
	for (tries = 0; tries < 3; tries++) {
		now = time(NULL);
		gmtime_r(&now, &tm);
		strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
		free(path);
		xasprintf(&path, "%s/%s-%s.db%s", dir, site, stamp,
		    keyfile != NULL ? ".enc" : "");
		if (lstat(path, &sb) != 0)
			break;
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_sec = 0;
		ts.tv_nsec = 1000000000L - ts.tv_nsec;
		nanosleep(&ts, NULL);
	}
	if ((rc = wms_backup(w, path, keyfile, res, err)) != 0)
		goto out;
	if (keep > 0)
		rc = db_backup_prune(dir, site, keep, &res->removed, err);
out:
	free(path);
	return rc;
}

void
wms_backup_result_free(struct wms_backup_result *res)
{
	free(res->path);
	db_backup_names_free(res->removed);
	memset(res, 0, sizeof *res);
}

int
wms_backup_keygen(const char *path, char id[17], struct wms_err *err)
{
	return db_backup_keygen(path, id, err);
}

/* ---- restore ---------------------------------------------------------- */

struct restore_log {
	const char	*file;
	int		 encrypted;
};

static int
restore_log(struct wms *w, void *arg, struct wms_write *log,
    struct wms_err *err)
{
	struct restore_log	*l = arg;
	struct db_bus_state	 st;
	char			 at[32];
	int			 rc;

	/*
	 * The restore guard: where this outbox ends is recorded, and the
	 * relay sends nothing until the bus agrees that it holds no later
	 * event of this site (docs/backup.md).
	 */
	wms_now_iso(w, at);
	if ((rc = db_bus_restore_mark(wms_db(w), at, err)) != 0 ||
	    (rc = db_bus_state_get(wms_db(w), NULL, &st, err)) != 0)
		return rc;
	log->action = "backup.restore";
	log->detail = json_object();
	json_object_set_new(log->detail, "file", wms_json_string(l->file));
	json_object_set_new(log->detail, "encrypted",
	    json_boolean(l->encrypted));
	json_object_set_new(log->detail, "outbox_seq",
	    json_integer((json_int_t)st.restored_seq));
	return 0;
}

struct restore_count {
	struct wms_restore	*r;
	int			 n;
};

static void
restore_problem(const char *line, void *arg)
{
	struct restore_count *c = arg;

	c->n++;
	if (c->r->problem != NULL)
		c->r->problem(line, c->r->arg);
}

int
wms_restore(struct wms_restore *r, struct wms_err *err)
{
	struct db_backup_key	 key;
	struct db_restore	*copy = NULL;
	struct wms		*w = NULL;
	struct wms_err		 e;
	struct restore_count	 count = { .r = r };
	struct restore_log	 log = { .file = r->file };
	struct stat		 sb;
	char			 target_site[64] = "";
	int64_t			 entries = 0;
	int			 rc, kind = 0, have_key = 0;

	r->aside = NULL;
	r->encrypted = 0;
	r->audit_entries = 0;
	r->site[0] = '\0';
	/* Refuse early what would be refused at the swap. */
	if (lstat(r->target, &sb) == 0) {
		if ((rc = db_in_use(r->target, err)) != 0)
			return rc;
		if (db_site_peek(r->target, target_site,
		    sizeof target_site) != 0)
			target_site[0] = '\0';
	}
	if (r->keyfile != NULL) {
		if ((rc = db_backup_key_load(r->keyfile, &key, err)) != 0)
			return rc;
		have_key = 1;
	}
	rc = db_restore_unpack(r->file, have_key ? &key : NULL, r->target,
	    &copy, &kind, err);
	if (have_key)
		db_backup_key_wipe(&key);
	if (rc != 0)
		return rc;
	r->encrypted = log.encrypted = kind == DB_BACKUP_ENCRYPTED;
	if ((w = wms_open(db_restore_path(copy), &e)) == NULL) {
		rc = wms_err_set(err, e.rc == WMS_ERR_CORRUPT ? WMS_ERR_CORRUPT :
		    WMS_ERR_INVALID, _("%s does not open as a makhzan "
		    "database (%s); nothing was replaced"), r->file, e.msg);
		goto out;
	}
	snprintf(r->site, sizeof r->site, "%s", wms_site(w));
	if ((rc = wms_login(w, r->user, r->password, err)) != 0)
		goto out;
	if (wms_user_role(w) != WMS_ROLE_ADMIN) {
		rc = wms_err_set(err, WMS_ERR_DENIED,
		    _("not allowed: %s has the role %s in the backup; only an "
		    "admin may restore"), r->user,
		    _(wms_role_name(wms_user_role(w))));
		goto out;
	}
	if (target_site[0] != '\0' && strcmp(target_site, r->site) != 0) {
		rc = wms_err_set(err, WMS_ERR_CONFLICT,
		    _("%s is a backup of site %s, but %s is the database of "
		    "site %s: restore it to another path with --db, or move "
		    "%s away first"), r->file, r->site, r->target,
		    target_site, r->target);
		goto out;
	}
	if ((rc = wms_check(w, restore_problem, &count, &e)) != 0) {
		if (rc == WMS_ERR_CORRUPT || count.n > 0)
			rc = wms_err_set(err, WMS_ERR_CORRUPT,
			    _("%s fails makhzan check (%d problems): nothing "
			    "was replaced"), r->file, count.n);
		else
			rc = wms_err_set(err, rc, _("%s could not be checked "
			    "(%s): nothing was replaced"), r->file, e.msg);
		goto out;
	}
	if ((rc = wms_audit_verify(w, &entries, &e)) != 0) {
		rc = wms_err_set(err, WMS_ERR_CORRUPT, _("the audit chain of "
		    "%s does not verify (%s): nothing was replaced"), r->file,
		    e.msg);
		goto out;
	}
	r->audit_entries = entries;
	if ((rc = wms_write_run(w, WMS_PERM_ADMIN, restore_log, &log,
	    err)) != 0)
		goto out;
	wms_close(w);
	w = NULL;
	rc = db_restore_swap(copy, r->target, &r->aside, err);
out:
	wms_close(w);
	db_restore_free(copy);
	return rc;
}
