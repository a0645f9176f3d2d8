/*
 * Backups of the depot database below the session: a copy of one read
 * snapshot written under a temporary name and renamed, its encryption
 * (libsodium secretstream, docs/backup.md has the format), the rotating
 * set in a folder, and what restore needs: a backup unpacked beside its
 * target, and the swap when nobody has the target open.
 */
#ifndef DB_BACKUP_H
#define DB_BACKUP_H

#include <stddef.h>

#include "lib/err.h"

struct db;

#define DB_BACKUP_KEYBYTES	32

/* A backup key: the 32 bytes of a key file and the id that names it. */
struct db_backup_key {
	unsigned char	k[DB_BACKUP_KEYBYTES];
	unsigned char	raw_id[8];	/* BLAKE2b of the key: not secret */
	char		id[17];		/* raw_id in hex */
};

/*
 * Write a new key of 32 random bytes to path, mode 0600, and fsync it;
 * refuses an existing path (WMS_ERR_CONFLICT).  id gets the key's id.
 */
int	db_backup_keygen(const char *path, char id[17], struct wms_err *err);

/*
 * Read a key file: a regular file of exactly 32 bytes that nobody but its
 * owner may read (as ssh asks of a private key).  WMS_ERR_INVALID naming
 * the file otherwise.
 */
int	db_backup_key_load(const char *path, struct db_backup_key *key,
	    struct wms_err *err);
/* Wipe a key from memory. */
void	db_backup_key_wipe(struct db_backup_key *key);

/*
 * Copy the database to path as one read snapshot (the backup API in a
 * single step inside one read transaction: writers carry on in the WAL,
 * and nothing restarts the copy).  The copy goes to a hidden temporary
 * name beside path, is fsynced and renamed to path, and the folder is
 * fsynced: path is a whole backup or nothing.  With a key the file is the
 * encrypted stream, and the plain snapshot lives only beside the database
 * (same folder, mode 0600) until it is encrypted.  Refuses an existing
 * path (WMS_ERR_CONFLICT).  Temporary files that a killed backup left
 * behind are removed.  *bytes (may be NULL) gets the size of path.
 */
int	db_backup_write(struct db *, const char *path,
	    const struct db_backup_key *key, long long *bytes,
	    struct wms_err *err);

/*
 * The rotating set in dir: the files named SITE-YYYYMMDDTHHMMSSZ.db or
 * .db.enc, newest first by name.  Removes all but the newest keep (and the
 * temporary files of killed backups of this site); *removed gets the
 * names removed (a NULL-terminated array to free with
 * db_backup_names_free), or NULL when none was.
 */
int	db_backup_prune(const char *dir, const char *site, int keep,
	    char ***removed, struct wms_err *err);
void	db_backup_names_free(char **names);

/* What a file is, by its first bytes. */
enum db_backup_kind {
	DB_BACKUP_PLAIN = 1,		/* an SQLite database */
	DB_BACKUP_ENCRYPTED,		/* makhzan's encrypted stream */
};

/* A backup unpacked beside its target, waiting for the swap. */
struct db_restore;

/*
 * Verify and unpack file into a new temporary file beside target: an
 * encrypted backup is decrypted with key, every piece's authentication
 * tag verified and the final piece required (a flipped byte, a cut file
 * and a wrong key are each refused with one line); a plain one is copied.
 * Nothing at target is touched.  *r is freed by db_restore_free.
 */
int	db_restore_unpack(const char *file, const struct db_backup_key *key,
	    const char *target, struct db_restore **r, int *kind,
	    struct wms_err *err);
/* The path of the unpacked copy, for the session to open and check. */
const char *db_restore_path(const struct db_restore *);

/*
 * 0 when no other process has the database at path open (SQLite's
 * dead-man lock in path-shm and the lock bytes of path are free), else
 * WMS_ERR_CONFLICT naming the process.
 */
int	db_in_use(const char *path, struct wms_err *err);

/*
 * The site code kept in path's meta table, read without locking or
 * writing anything (immutable=1), into site: 0, or -1 when path cannot be
 * read as a makhzan database.
 */
int	db_site_peek(const char *path, char *site, size_t n);

/*
 * Put the unpacked copy in place of target.  Holds SQLite's locks of
 * target so that nobody opens it meanwhile (refused with WMS_ERR_CONFLICT
 * when somebody has it open); keeps the replaced database (and its WAL)
 * under the name *aside (NULL when target did not exist; free it), then
 * renames the copy over target and fsyncs the folder.
 */
int	db_restore_swap(struct db_restore *, const char *target, char **aside,
	    struct wms_err *err);
/* Remove what is left of the copy (after a failure) and free r. */
void	db_restore_free(struct db_restore *r);

#endif
