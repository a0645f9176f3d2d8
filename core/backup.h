/* Backups and restore as the session sees them: who may, what is recorded. */
#ifndef WMS_BACKUP_H
#define WMS_BACKUP_H

#include "lib/err.h"

struct wms;

/*
 * 0 when the logged-in user may take a backup: a supervisor or an admin,
 * because a backup holds every account's password hash.  WMS_ERR_DENIED
 * naming the user and the role otherwise.
 */
int	wms_backup_allowed(struct wms *, struct wms_err *err);

/* What a backup wrote. */
struct wms_backup_result {
	char		*path;		/* the file written */
	long long	 bytes;		/* its size */
	char		 key_id[17];	/* the key's id, "" when not encrypted */
	char		**removed;	/* old backups removed by --keep, or NULL */
};

/*
 * Copy the database to path (refused when it exists), encrypted with the
 * key in keyfile unless keyfile is NULL.  The audit log records the
 * backup ("backup", with the file) before the copy is taken, so that the
 * copy carries its own entry and no copy leaves without a trace.  The
 * copy is one read snapshot and finishes while others write (data/backup.h).
 */
int	wms_backup(struct wms *, const char *path, const char *keyfile,
	    struct wms_backup_result *res, struct wms_err *err);

/*
 * The same into the folder dir, as SITE-YYYYMMDDTHHMMSSZ.db (or .db.enc)
 * in UTC; then only the newest keep of this site's backups there are
 * kept (keep 0 keeps them all).  dir is never created: a share that
 * is not mounted must not quietly become a folder on the local disk (the
 * systemd unit adds RequiresMountsFor=; docs/backup.md).
 */
int	wms_backup_dir(struct wms *, const char *dir, int keep,
	    const char *keyfile, struct wms_backup_result *res,
	    struct wms_err *err);
void	wms_backup_result_free(struct wms_backup_result *res);

/* A new backup key at path (32 random bytes, 0600); id gets its id. */
int	wms_backup_keygen(const char *path, char id[17], struct wms_err *err);

/* A restore: what to restore, who asks, and what it found. */
struct wms_restore {
	const char	*file;		/* the backup */
	const char	*keyfile;	/* its key, or NULL for a plain one */
	const char	*target;	/* the database to replace or create */
	const char	*user;		/* an admin of the backed-up data */
	const char	*password;
	/* Called once per problem makhzan check finds in the backup. */
	void		(*problem)(const char *line, void *arg);
	void		*arg;
	/* Filled by wms_restore. */
	int		 encrypted;
	long long	 audit_entries;
	char		 site[32];
	char		*aside;		/* where the replaced database is kept */
};

/*
 * Restore r->file over r->target.  Nothing at the target changes unless
 * every step passes: the backup's authentication tags (when encrypted),
 * its unpacking beside the target, the login of r->user, an admin in the
 * backup, the full makhzan check and the audit chain of the copy, and the
 * target's site (when it has one) being the backup's.  A target that
 * another process has open is refused (WMS_ERR_CONFLICT): replacing a
 * database under a live connection would let it write on in the old file,
 * or its WAL be replayed into the new one.  The restore is recorded in the
 * restored database's audit log ("backup.restore"); the replaced database
 * is kept beside it as r->aside (free it).
 */
int	wms_restore(struct wms_restore *r, struct wms_err *err);

#endif
