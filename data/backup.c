/* Backups: one read snapshot, renamed into place, encrypted, rotated, restored. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>
#include <sqlite3.h>

#include "lib/i18n.h"
#include "lib/xmalloc.h"
#include "data/backup.h"
#include "data/stmt.h"

/*
 * The encrypted file: a header of 48 bytes, then the pieces of the
 * secretstream.  The first 24 bytes of the header are the additional data
 * of the first piece, so that the magic, the version and the key id are
 * authenticated with it.
 *
 *	0	8	magic: 0x89 "MKZBAK" '\n'
 *	8	1	version: 1
 *	9	7	zero
 *	16	8	key id: BLAKE2b-64 of the key (names it; not secret)
 *	24	24	crypto_secretstream_xchacha20poly1305 header
 *	48	...	pieces of BACKUP_PIECE plain bytes + 17, the last shorter
 *		or equal and tagged FINAL
 */
#define BACKUP_VERSION	1
#define BACKUP_HDR	48
#define BACKUP_AD	24
#define BACKUP_PIECE	(64 * 1024)
#define BACKUP_CPIECE	(BACKUP_PIECE + \
	crypto_secretstream_xchacha20poly1305_ABYTES)

static const unsigned char backup_magic[8] = {
	0x89, 'M', 'K', 'Z', 'B', 'A', 'K', '\n'
};
static const char sqlite_magic[16] = "SQLite format 3";

/*
 * SQLite's lock bytes (os_unix.c): every connection to a WAL database
 * holds a read lock on the dead-man byte of the -shm file for as long as
 * it is open; a transaction holds the lock bytes of the database file.
 */
#define SHM_DMS_BYTE	128
#define DB_LOCK_BYTE	0x40000000
#define DB_LOCK_LEN	512

/* How long the snapshot waits for a busy database (a WAL being rebuilt). */
#define SNAPSHOT_WAIT_MS	30000

struct db_restore {
	char	*tmp;
	int	 fd;		/* flock held: the copy is alive */
};

/* A copy of path's folder ("." for a bare name). */
static char *
dir_of(const char *path)
{
	const char	*slash = strrchr(path, '/');
	char		*d;

	if (slash == NULL)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	d = xmalloc((size_t)(slash - path) + 1);
	memcpy(d, path, (size_t)(slash - path));
	d[slash - path] = '\0';
	return d;
}

static const char *
base_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash != NULL ? slash + 1 : path;
}

static int
io_fail(struct wms_err *err, const char *what, const char *path)
{
	int e = errno;

	if (e == ENOSPC || e == EDQUOT)
		return wms_err_set(err, WMS_ERR_IO,
		    _("cannot write %s: the disk is full"), path);
	if (e == EROFS)
		return wms_err_set(err, WMS_ERR_IO,
		    _("cannot write %s: the file system is read-only"), path);
	return wms_err_set(err, WMS_ERR_IO, "%s %s: %s", what, path,
	    strerror(e));
}

static int
write_full(int fd, const void *buf, size_t n)
{
	const unsigned char	*p = buf;
	ssize_t			 w;

	while (n > 0) {
		w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Read up to n bytes, stopping early only at the end of the file. */
static ssize_t
read_full(int fd, void *buf, size_t n)
{
	unsigned char	*p = buf;
	size_t		 got = 0;
	ssize_t		 r;

	while (got < n) {
		r = read(fd, p + got, n - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		if (r == 0)
			break;
		got += (size_t)r;
	}
	return (ssize_t)got;
}

static int
fsync_dir(const char *dir, struct wms_err *err)
{
	int fd, rc = 0;

	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		return io_fail(err, _("cannot open the folder"), dir);
	/* Some file systems (a CIFS share) cannot sync a folder: not fatal. */
	if (fsync(fd) != 0 && errno != EINVAL && errno != ENOTSUP)
		rc = io_fail(err, _("cannot sync the folder"), dir);
	close(fd);
	return rc;
}

/*
 * Rename from to to unless to exists.  renameat2 refuses in one step where
 * the file system knows it; elsewhere (NFS, CIFS) look first.
 */
static int
rename_new(const char *from, const char *to, struct wms_err *err)
{
	struct stat sb;

	if (renameat2(AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE) == 0)
		return 0;
	if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP) {
		if (errno == EEXIST)
			return wms_err_set(err, WMS_ERR_CONFLICT,
			    _("%s already exists: refusing to overwrite it"),
			    to);
		return io_fail(err, _("cannot rename to"), to);
	}
	if (lstat(to, &sb) == 0)
		return wms_err_set(err, WMS_ERR_CONFLICT,
		    _("%s already exists: refusing to overwrite it"), to);
	if (rename(from, to) != 0)
		return io_fail(err, _("cannot rename to"), to);
	return 0;
}

/*
 * A new hidden file beside dir/base, ".BASE.TAG-XXXXXX", mode 0600, with
 * an exclusive flock held on the returned descriptor for as long as the
 * copy is alive: a file of this shape whose flock is free belongs to a
 * process that was killed, and temp_sweep removes it.
 */
static int
temp_make(const char *dir, const char *base, const char *tag, char **path,
    struct wms_err *err)
{
	int fd;

	xasprintf(path, "%s/.%s.%s-XXXXXX", dir, base, tag);
	if ((fd = mkostemp(*path, O_CLOEXEC)) == -1) {
		io_fail(err, _("cannot create a temporary file in"), dir);
		free(*path);
		*path = NULL;
		return -1;
	}
	(void)flock(fd, LOCK_EX | LOCK_NB);
	return fd;
}

/* Unlink path and the WAL and shared-memory files SQLite may have made. */
static void
unlink_db(const char *path)
{
	char *x;

	unlink(path);
	xasprintf(&x, "%s-wal", path);
	unlink(x);
	free(x);
	xasprintf(&x, "%s-shm", path);
	unlink(x);
	free(x);
	xasprintf(&x, "%s-journal", path);
	unlink(x);
	free(x);
}

/*
 * Remove the temporary files in dir that start with ".PREFIX", carry
 * ".TAG-" and six more characters, and whose flock is free: what a killed
 * backup or restore left behind.
 */
static void
temp_sweep(const char *dir, const char *prefix, const char *tag)
{
	DIR		*d;
	struct dirent	*e;
	char		*mark, *path;
	const char	*at;
	size_t		 plen = strlen(prefix);
	int		 fd;

	if ((d = opendir(dir)) == NULL)
		return;
	xasprintf(&mark, ".%s-", tag);
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] != '.' ||
		    strncmp(e->d_name + 1, prefix, plen) != 0 ||
		    (at = strstr(e->d_name + 1 + plen, mark)) == NULL ||
		    strlen(at + strlen(mark)) != 6)
			continue;
		xasprintf(&path, "%s/%s", dir, e->d_name);
		fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
		if (fd != -1 && flock(fd, LOCK_EX | LOCK_NB) == 0)
			unlink_db(path);
		if (fd != -1)
			close(fd);
		free(path);
	}
	free(mark);
	closedir(d);
}

/* ---- keys ------------------------------------------------------------- */

static void
key_id(struct db_backup_key *key)
{
	static const char what[] = "makhzan backup key id";

	crypto_generichash(key->raw_id, sizeof key->raw_id,
	    (const unsigned char *)what, sizeof what - 1, key->k,
	    sizeof key->k);
	sodium_bin2hex(key->id, sizeof key->id, key->raw_id,
	    sizeof key->raw_id);
}

int
db_backup_keygen(const char *path, char id[17], struct wms_err *err)
{
	struct db_backup_key	key;
	char			*dir;
	int			 fd, rc = 0;

	if (sodium_init() < 0)
		return wms_err_set(err, WMS_ERR_IO,
		    _("libsodium could not start"));
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
	    0600);
	if (fd == -1) {
		if (errno == EEXIST)
			return wms_err_set(err, WMS_ERR_CONFLICT,
			    _("%s already exists: refusing to overwrite a key "
			    "(the backups made with it would be lost)"), path);
		return io_fail(err, _("cannot create"), path);
	}
	randombytes_buf(key.k, sizeof key.k);
	key_id(&key);
	if (fchmod(fd, 0600) != 0 || write_full(fd, key.k, sizeof key.k) != 0 ||
	    fsync(fd) != 0) {
		rc = io_fail(err, _("cannot write"), path);
		close(fd);
		unlink(path);
		goto out;
	}
	close(fd);
	dir = dir_of(path);
	rc = fsync_dir(dir, err);
	free(dir);
	memcpy(id, key.id, sizeof key.id);
out:
	db_backup_key_wipe(&key);
	return rc;
}

int
db_backup_key_load(const char *path, struct db_backup_key *key,
    struct wms_err *err)
{
	struct stat	sb;
	unsigned char	extra;
	int		fd, rc = 0;

	if (sodium_init() < 0)
		return wms_err_set(err, WMS_ERR_IO,
		    _("libsodium could not start"));
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return io_fail(err, _("cannot open the key"), path);
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		rc = wms_err_set(err, WMS_ERR_INVALID,
		    _("the key %s is not a regular file"), path);
		goto out;
	}
	if (sb.st_mode & 077) {
		rc = wms_err_set(err, WMS_ERR_INVALID,
		    _("the key %s may be read by other users (mode %04o): "
		    "chmod 600 it"), path, (unsigned)(sb.st_mode & 07777));
		goto out;
	}
	if (sb.st_size != DB_BACKUP_KEYBYTES ||
	    read_full(fd, key->k, sizeof key->k) != DB_BACKUP_KEYBYTES ||
	    read_full(fd, &extra, 1) != 0) {
		rc = wms_err_set(err, WMS_ERR_INVALID,
		    _("%s is not a backup key (a key is 32 bytes; make one "
		    "with makhzan backup keygen)"), path);
		goto out;
	}
	key_id(key);
out:
	close(fd);
	if (rc != 0)
		db_backup_key_wipe(key);
	return rc;
}

void
db_backup_key_wipe(struct db_backup_key *key)
{
	sodium_memzero(key, sizeof *key);
}

/* ---- the snapshot ----------------------------------------------------- */

/*
 * Copy db into the empty file dst_path with the backup API in ONE step.
 * sqlite3_backup_step(b, N) with small N lets writers in between, and the
 * copy restarts from page 1 whenever another connection writes: under
 * four busy storekeepers it never finished.  One step reads every page
 * inside one read transaction, that is one WAL snapshot: writers append
 * to the WAL meanwhile and are not blocked, and the copy cannot restart.
 * The copy needs no journal: it is thrown away unless it completes.
 */
static int
snapshot(struct db *db, const char *dst_path, struct wms_err *err)
{
	sqlite3		*dst = NULL;
	sqlite3_backup	*b;
	int		 rc, waited = 0;

	if (sqlite3_open_v2(dst_path, &dst, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK ||
	    sqlite3_exec(dst, "PRAGMA journal_mode = OFF;"
	    "PRAGMA synchronous = OFF", NULL, NULL, NULL) != SQLITE_OK) {
		rc = wms_err_set(err, WMS_ERR_IO, _("cannot open %s: %s"),
		    dst_path, dst != NULL ? sqlite3_errmsg(dst) :
		    strerror(ENOMEM));
		goto out;
	}
	for (;;) {
		if ((b = sqlite3_backup_init(dst, "main", db_handle(db),
		    "main")) == NULL) {
			rc = wms_err_set(err, WMS_ERR_DB,
			    _("the backup could not start: %s"),
			    sqlite3_errmsg(dst));
			goto out;
		}
		rc = sqlite3_backup_step(b, -1);
		sqlite3_backup_finish(b);
		if (rc == SQLITE_DONE)
			break;
		if ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) &&
		    waited < SNAPSHOT_WAIT_MS) {
			sqlite3_sleep(50);
			waited += 50;
			continue;
		}
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			rc = wms_err_set(err, WMS_ERR_DB,
			    _("the database stayed locked for %d s: no "
			    "backup was written"), SNAPSHOT_WAIT_MS / 1000);
		else if ((rc & 0xff) == SQLITE_FULL)
			rc = wms_err_set(err, WMS_ERR_IO,
			    _("cannot write %s: the disk is full"), dst_path);
		else if ((rc & 0xff) == SQLITE_CORRUPT ||
		    (rc & 0xff) == SQLITE_NOTADB)
			rc = wms_err_set(err, WMS_ERR_CORRUPT,
			    _("the database has a damaged page: no backup was "
			    "written (run makhzan check)"));
		else
			rc = wms_err_set(err, WMS_ERR_IO,
			    _("the backup failed: %s"), sqlite3_errstr(rc));
		goto out;
	}
	rc = 0;
out:
	sqlite3_close(dst);
	return rc;
}

/* ---- the encrypted stream --------------------------------------------- */

/* Encrypt the whole of in (size bytes) to out. */
static int
encrypt_stream(int in, long long size, int out, const char *out_name,
    const struct db_backup_key *key, struct wms_err *err)
{
	crypto_secretstream_xchacha20poly1305_state st;
	unsigned char	hdr[BACKUP_HDR], *m, *c;
	unsigned long long clen;
	long long	left = size;
	ssize_t		n;
	unsigned char	tag;
	int		rc = 0, first = 1;

	memset(hdr, 0, sizeof hdr);
	memcpy(hdr, backup_magic, sizeof backup_magic);
	hdr[8] = BACKUP_VERSION;
	memcpy(hdr + 16, key->raw_id, sizeof key->raw_id);
	crypto_secretstream_xchacha20poly1305_init_push(&st, hdr + BACKUP_AD,
	    key->k);
	if (write_full(out, hdr, sizeof hdr) != 0)
		return io_fail(err, _("cannot write"), out_name);
	m = xmalloc(BACKUP_PIECE);
	c = xmalloc(BACKUP_CPIECE);
	do {
		size_t want = left > BACKUP_PIECE ? BACKUP_PIECE :
		    (size_t)left;

		n = read_full(in, m, want);
		if (n != (ssize_t)want) {
			rc = wms_err_set(err, WMS_ERR_IO,
			    _("the snapshot changed size while it was "
			    "encrypted"));
			goto out;
		}
		left -= n;
		tag = left == 0 ?
		    crypto_secretstream_xchacha20poly1305_TAG_FINAL : 0;
		crypto_secretstream_xchacha20poly1305_push(&st, c, &clen, m,
		    (unsigned long long)n, first ? hdr : NULL,
		    first ? BACKUP_AD : 0, tag);
		first = 0;
		if (write_full(out, c, (size_t)clen) != 0) {
			rc = io_fail(err, _("cannot write"), out_name);
			goto out;
		}
	} while (left > 0);
out:
	sodium_memzero(m, BACKUP_PIECE);
	sodium_memzero(&st, sizeof st);
	free(m);
	free(c);
	return rc;
}

/*
 * Decrypt in (named file) to out, verifying every piece.  Each refusal is
 * one line that says what is wrong with the file.
 */
static int
decrypt_stream(int in, const char *file, int out, const char *out_name,
    const struct db_backup_key *key, struct wms_err *err)
{
	crypto_secretstream_xchacha20poly1305_state st;
	unsigned char	hdr[BACKUP_HDR], *m, *c, tag = 0, more;
	unsigned long long mlen;
	long long	at = BACKUP_HDR;
	char		id[17];
	ssize_t		n;
	int		rc = 0, first = 1;

	n = read_full(in, hdr, sizeof hdr);
	if (n < 0)
		return io_fail(err, _("cannot read"), file);
	if (n < (ssize_t)sizeof backup_magic ||
	    memcmp(hdr, backup_magic, sizeof backup_magic) != 0)
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("%s is not an encrypted makhzan backup"), file);
	if (n < (ssize_t)sizeof hdr)
		return wms_err_set(err, WMS_ERR_CORRUPT,
		    _("%s is truncated: it ends inside its header; nothing "
		    "was restored"), file);
	if (hdr[8] != BACKUP_VERSION)
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("%s is an encrypted backup of format %d, this makhzan "
		    "reads format %d: upgrade makhzan"), file, hdr[8],
		    BACKUP_VERSION);
	if (sodium_memcmp(hdr + 16, key->raw_id, sizeof key->raw_id) != 0) {
		sodium_bin2hex(id, sizeof id, hdr + 16, 8);
		return wms_err_set(err, WMS_ERR_DENIED,
		    _("wrong key: %s was encrypted with key %s, the key given "
		    "is %s; nothing was restored"), file, id, key->id);
	}
	if (crypto_secretstream_xchacha20poly1305_init_pull(&st,
	    hdr + BACKUP_AD, key->k) != 0)
		return wms_err_set(err, WMS_ERR_CORRUPT,
		    _("%s has a damaged header; nothing was restored"), file);
	m = xmalloc(BACKUP_PIECE);
	c = xmalloc(BACKUP_CPIECE);
	while (tag != crypto_secretstream_xchacha20poly1305_TAG_FINAL) {
		n = read_full(in, c, BACKUP_CPIECE);
		if (n < 0) {
			rc = io_fail(err, _("cannot read"), file);
			goto out;
		}
		if (n == 0) {
			rc = wms_err_set(err, WMS_ERR_CORRUPT,
			    _("%s is truncated: it ends after %lld bytes, "
			    "before its final piece; nothing was restored"),
			    file, at);
			goto out;
		}
		if (crypto_secretstream_xchacha20poly1305_pull(&st, m, &mlen,
		    &tag, c, (unsigned long long)n, first ? hdr : NULL,
		    first ? BACKUP_AD : 0) != 0) {
			rc = wms_err_set(err, WMS_ERR_CORRUPT,
			    _("%s is damaged, cut or altered: the piece at "
			    "byte %lld fails its authentication; nothing was "
			    "restored"), file, at);
			goto out;
		}
		first = 0;
		if (tag != crypto_secretstream_xchacha20poly1305_TAG_FINAL &&
		    n < (ssize_t)BACKUP_CPIECE) {
			rc = wms_err_set(err, WMS_ERR_CORRUPT,
			    _("%s is truncated: it ends after %lld bytes, "
			    "before its final piece; nothing was restored"),
			    file, at + n);
			goto out;
		}
		if (write_full(out, m, (size_t)mlen) != 0) {
			rc = io_fail(err, _("cannot write"), out_name);
			goto out;
		}
		at += n;
	}
	if ((n = read_full(in, &more, 1)) != 0) {
		rc = n < 0 ? io_fail(err, _("cannot read"), file) :
		    wms_err_set(err, WMS_ERR_CORRUPT,
		    _("%s has data after its final piece (at byte %lld): it "
		    "was altered; nothing was restored"), file, at);
		goto out;
	}
out:
	sodium_memzero(m, BACKUP_PIECE);
	sodium_memzero(&st, sizeof st);
	free(m);
	free(c);
	return rc;
}

/* ---- the backup ------------------------------------------------------- */

int
db_backup_write(struct db *db, const char *path,
    const struct db_backup_key *key, long long *bytes, struct wms_err *err)
{
	struct stat	 sb;
	char		*dir, *tmp = NULL, *snap_dir = NULL, *snap = NULL;
	const char	*base = base_of(path), *dbbase;
	int		 fd = -1, sfd = -1, rc;

	if (lstat(path, &sb) == 0)
		return wms_err_set(err, WMS_ERR_CONFLICT,
		    _("%s already exists: refusing to overwrite it"), path);
	if (*base == '\0')
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("%s names a folder, not a file"), path);
	dir = dir_of(path);
	/*
	 * Every partial file a killed backup left in this folder, whatever
	 * its name: a backup at work holds the lock on its own, so only the
	 * abandoned ones go (a killed backup to b29.db left .b29.db.partial-
	 * that a later backup to another name never swept).
	 */
	temp_sweep(dir, "", "partial");
	snap_dir = dir_of(db_path(db));
	dbbase = base_of(db_path(db));
	temp_sweep(snap_dir, dbbase, "snapshot");
	if ((fd = temp_make(dir, base, "partial", &tmp, err)) == -1) {
		rc = WMS_ERR_IO;
		goto out;
	}
	if (key == NULL) {
		if ((rc = snapshot(db, tmp, err)) != 0)
			goto out;
	} else {
		/*
		 * The plain snapshot stays beside the database, where the
		 * same data already is, and only the encrypted stream goes
		 * to the backup's folder (which may be a share).
		 */
		if ((sfd = temp_make(snap_dir, dbbase, "snapshot", &snap,
		    err)) == -1) {
			rc = WMS_ERR_IO;
			goto out;
		}
		if ((rc = snapshot(db, snap, err)) != 0)
			goto out;
		if (fstat(sfd, &sb) != 0 || lseek(sfd, 0, SEEK_SET) != 0) {
			rc = io_fail(err, _("cannot read"), snap);
			goto out;
		}
		if ((rc = encrypt_stream(sfd, (long long)sb.st_size, fd, tmp,
		    key, err)) != 0)
			goto out;
	}
	if (fsync(fd) != 0) {
		rc = io_fail(err, _("cannot write"), tmp);
		goto out;
	}
	if ((rc = rename_new(tmp, path, err)) != 0)
		goto out;
	free(tmp);
	tmp = NULL;
	if ((rc = fsync_dir(dir, err)) != 0)
		goto out;
	if (bytes != NULL)
		*bytes = fstat(fd, &sb) == 0 ? (long long)sb.st_size : 0;
out:
	if (tmp != NULL)
		unlink_db(tmp);
	if (snap != NULL)
		unlink_db(snap);
	if (fd != -1)
		close(fd);
	if (sfd != -1)
		close(sfd);
	free(tmp);
	free(snap);
	free(snap_dir);
	free(dir);
	return rc;
}

/* ---- the rotating set ------------------------------------------------- */

/* Whether name is SITE-YYYYMMDDTHHMMSSZ.db or .db.enc for this site. */
static int
rotation_name(const char *name, const char *site)
{
	size_t		 n = strlen(site);
	const char	*p;
	int		 i;

	if (strncmp(name, site, n) != 0 || name[n] != '-')
		return 0;
	p = name + n + 1;
	for (i = 0; i < 15; i++) {
		if (i == 8 ? p[i] != 'T' : (p[i] < '0' || p[i] > '9'))
			return 0;
	}
	if (p[15] != 'Z')
		return 0;
	return strcmp(p + 16, ".db") == 0 || strcmp(p + 16, ".db.enc") == 0;
}

static int
name_cmp(const void *a, const void *b)
{
	/* The time sorts as text; the newest first. */
	return -strcmp(*(char *const *)a, *(char *const *)b);
}

int
db_backup_prune(const char *dir, const char *site, int keep, char ***removed,
    struct wms_err *err)
{
	DIR		*d;
	struct dirent	*e;
	char		**names = NULL, **gone = NULL, *path, *prefix;
	size_t		 n = 0, cap = 0, ngone = 0, i;
	int		 rc = 0;

	*removed = NULL;
	xasprintf(&prefix, "%s-", site);
	temp_sweep(dir, prefix, "partial");
	free(prefix);
	if ((d = opendir(dir)) == NULL)
		return io_fail(err, _("cannot read the folder"), dir);
	while ((e = readdir(d)) != NULL) {
		if (!rotation_name(e->d_name, site))
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			names = xreallocarray(names, cap, sizeof *names);
		}
		names[n++] = xstrdup(e->d_name);
	}
	closedir(d);
	if (n > 1)
		qsort(names, n, sizeof *names, name_cmp);
	for (i = 0; i < n; i++) {
		if (i < (size_t)keep) {
			free(names[i]);
			continue;
		}
		xasprintf(&path, "%s/%s", dir, names[i]);
		if (unlink(path) != 0 && rc == 0)
			rc = io_fail(err, _("cannot remove the old backup"),
			    path);
		free(path);
		gone = xreallocarray(gone, ngone + 2, sizeof *gone);
		gone[ngone++] = names[i];
		gone[ngone] = NULL;
	}
	free(names);
	if (ngone > 0 && rc == 0)
		rc = fsync_dir(dir, err);
	*removed = gone;
	return rc;
}

void
db_backup_names_free(char **names)
{
	size_t i;

	for (i = 0; names != NULL && names[i] != NULL; i++)
		free(names[i]);
	free(names);
}

/* ---- restore ---------------------------------------------------------- */

static int
file_kind(int fd, const char *file, int *kind, struct wms_err *err)
{
	unsigned char	head[16];
	ssize_t		n;

	n = pread(fd, head, sizeof head, 0);
	if (n < 0)
		return io_fail(err, _("cannot read"), file);
	if (n >= (ssize_t)sizeof backup_magic &&
	    memcmp(head, backup_magic, sizeof backup_magic) == 0) {
		*kind = DB_BACKUP_ENCRYPTED;
		return 0;
	}
	if (n == (ssize_t)sizeof head && memcmp(head, sqlite_magic, 16) == 0) {
		*kind = DB_BACKUP_PLAIN;
		return 0;
	}
	return wms_err_set(err, WMS_ERR_INVALID,
	    _("%s is neither a makhzan backup nor a database"), file);
}

static int
copy_plain(int in, const char *file, int out, const char *out_name,
    struct wms_err *err)
{
	unsigned char	*buf;
	ssize_t		 n;
	int		 rc = 0;

	buf = xmalloc(BACKUP_PIECE);
	while ((n = read_full(in, buf, BACKUP_PIECE)) > 0) {
		if (write_full(out, buf, (size_t)n) != 0) {
			rc = io_fail(err, _("cannot write"), out_name);
			break;
		}
	}
	if (n < 0 && rc == 0)
		rc = io_fail(err, _("cannot read"), file);
	free(buf);
	return rc;
}

int
db_restore_unpack(const char *file, const struct db_backup_key *key,
    const char *target, struct db_restore **out, int *kind,
    struct wms_err *err)
{
	struct db_restore	*r;
	struct stat		 sb;
	char			*dir, *wal;
	int			 in, rc;

	*out = NULL;
	if ((in = open(file, O_RDONLY | O_CLOEXEC)) == -1)
		return io_fail(err, _("cannot open"), file);
	if ((rc = file_kind(in, file, kind, err)) != 0) {
		close(in);
		return rc;
	}
	if (*kind == DB_BACKUP_ENCRYPTED && key == NULL) {
		close(in);
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("%s is encrypted: give --key KEYFILE"), file);
	}
	if (*kind == DB_BACKUP_PLAIN && key != NULL) {
		close(in);
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("%s is not encrypted, yet --key was given: is it the "
		    "file you meant?"), file);
	}
	/* A database with a WAL beside it is live, and its copy incomplete. */
	xasprintf(&wal, "%s-wal", file);
	if (*kind == DB_BACKUP_PLAIN && stat(wal, &sb) == 0 && sb.st_size > 0) {
		free(wal);
		close(in);
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("%s has a write-ahead log beside it: it is a database "
		    "in use, not a backup (take one with makhzan backup)"),
		    file);
	}
	free(wal);
	r = xcalloc(1, sizeof *r);
	dir = dir_of(target);
	temp_sweep(dir, base_of(target), "restore");
	r->fd = temp_make(dir, base_of(target), "restore", &r->tmp, err);
	free(dir);
	if (r->fd == -1) {
		close(in);
		free(r);
		return WMS_ERR_IO;
	}
	if (*kind == DB_BACKUP_ENCRYPTED)
		rc = decrypt_stream(in, file, r->fd, r->tmp, key, err);
	else
		rc = copy_plain(in, file, r->fd, r->tmp, err);
	close(in);
	if (rc == 0 && fsync(r->fd) != 0)
		rc = io_fail(err, _("cannot write"), r->tmp);
	if (rc != 0) {
		db_restore_free(r);
		return rc;
	}
	*out = r;
	return 0;
}

const char *
db_restore_path(const struct db_restore *r)
{
	return r->tmp;
}

/* The pid of a process holding a lock that conflicts with a write lock. */
static pid_t
lock_holder(int fd, off_t start, off_t len)
{
	struct flock fl = {
		.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = start,
		.l_len = len,
	};

	if (fcntl(fd, F_GETLK, &fl) != 0 || fl.l_type == F_UNLCK)
		return 0;
	return fl.l_pid > 0 ? fl.l_pid : -1;
}

static int
in_use_fail(const char *path, pid_t pid, struct wms_err *err)
{
	if (pid > 0)
		return wms_err_set(err, WMS_ERR_CONFLICT,
		    _("%s is open in another process (pid %ld): stop it "
		    "(makhzan sync, terminal sessions) and restore again"),
		    path, (long)pid);
	return wms_err_set(err, WMS_ERR_CONFLICT,
	    _("%s is open in another process: stop it (makhzan sync, "
	    "terminal sessions) and restore again"), path);
}

int
db_in_use(const char *path, struct wms_err *err)
{
	char	*shm;
	pid_t	 pid = 0;
	int	 fd;

	xasprintf(&shm, "%s-shm", path);
	if ((fd = open(shm, O_RDONLY | O_CLOEXEC)) != -1) {
		pid = lock_holder(fd, SHM_DMS_BYTE, 1);
		close(fd);
	}
	free(shm);
	if (pid == 0 && (fd = open(path, O_RDONLY | O_CLOEXEC)) != -1) {
		pid = lock_holder(fd, DB_LOCK_BYTE, DB_LOCK_LEN);
		close(fd);
	}
	return pid != 0 ? in_use_fail(path, pid, err) : 0;
}

int
db_site_peek(const char *path, char *site, size_t n)
{
	sqlite3		*h = NULL;
	sqlite3_stmt	*st = NULL;
	char		*uri;
	int		 rc = -1;

	/* immutable=1: no lock, no -shm, nothing written beside the file. */
	uri = sqlite3_mprintf("file:%s?immutable=1", path);
	if (uri == NULL)
		return -1;
	if (sqlite3_open_v2(uri, &h, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI,
	    NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(h, "SELECT value FROM meta WHERE key = 'site'",
	    -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW &&
	    sqlite3_column_text(st, 0) != NULL) {
		snprintf(site, n, "%s", sqlite3_column_text(st, 0));
		rc = 0;
	}
	sqlite3_finalize(st);
	sqlite3_close(h);
	sqlite3_free(uri);
	return rc;
}

/*
 * The checked copy was closed by the session: SQLite folds its WAL back
 * into the file at the last close.  A WAL left with frames in it would be
 * lost by the rename.
 */
static int
copy_closed(const char *tmp, struct wms_err *err)
{
	struct stat	 sb;
	char		*wal;
	int		 left;

	xasprintf(&wal, "%s-wal", tmp);
	left = stat(wal, &sb) == 0 && sb.st_size > 0;
	free(wal);
	if (left)
		return wms_err_set(err, WMS_ERR_IO,
		    _("the checked copy %s still has a write-ahead log: "
		    "nothing was replaced"), tmp);
	return 0;
}

/* Take a write lock the way SQLite would conflict with it, or say who has it. */
static int
lock_now(int fd, off_t start, off_t len, const char *path,
    struct wms_err *err)
{
	struct flock fl = {
		.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = start,
		.l_len = len,
	};

	if (fcntl(fd, F_SETLK, &fl) == 0)
		return 0;
	return in_use_fail(path, lock_holder(fd, start, len), err);
}

int
db_restore_swap(struct db_restore *r, const char *target, char **aside,
    struct wms_err *err)
{
	struct stat	 sb;
	struct tm	 tm;
	time_t		 now = time(NULL);
	char		 stamp[32], *shm, *wal, *dir, *name = NULL, *x;
	int		 shm_fd = -1, db_fd = -1, have_wal, rc, i;

	*aside = NULL;
	xasprintf(&shm, "%s-shm", target);
	xasprintf(&wal, "%s-wal", target);
	dir = dir_of(target);
	if (lstat(target, &sb) != 0) {
		/* Nothing to replace: the copy only takes the free name. */
		if ((rc = copy_closed(r->tmp, err)) != 0)
			goto out;
		if ((rc = rename_new(r->tmp, target, err)) != 0)
			goto out;
		goto done;
	}
	/*
	 * Hold what a connection needs to open the target: the dead-man
	 * byte of its -shm and the lock bytes of the file.  A process that
	 * opens it meanwhile is told the database is busy; one that has it
	 * open makes this fail.
	 */
	shm_fd = open(shm, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (shm_fd == -1) {
		rc = io_fail(err, _("cannot open"), shm);
		goto out;
	}
	if ((db_fd = open(target, O_RDWR | O_CLOEXEC)) == -1) {
		rc = io_fail(err, _("cannot open"), target);
		goto out;
	}
	if ((rc = lock_now(shm_fd, SHM_DMS_BYTE, 1, target, err)) != 0 ||
	    (rc = lock_now(db_fd, DB_LOCK_BYTE, DB_LOCK_LEN, target, err)) != 0)
		goto out;
	/* Keep the replaced database, with its WAL, beside it. */
	gmtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
	have_wal = lstat(wal, &sb) == 0;
	for (i = 1; i < 100; i++) {
		free(name);
		if (i == 1)
			xasprintf(&name, "%s.replaced-%s", target, stamp);
		else
			xasprintf(&name, "%s.replaced-%s-%d", target, stamp, i);
		if (link(target, name) == 0)
			break;
		if (errno != EEXIST) {
			rc = io_fail(err, _("cannot keep the replaced database "
			    "as"), name);
			goto out;
		}
	}
	if (have_wal) {
		xasprintf(&x, "%s-wal", name);
		if (link(wal, x) != 0) {
			rc = io_fail(err, _("cannot keep the replaced database "
			    "as"), x);
			free(x);
			unlink(name);
			goto out;
		}
		free(x);
		/* A WAL beside the restored file would be applied to it. */
		if (unlink(wal) != 0) {
			rc = io_fail(err, _("cannot remove"), wal);
			goto out;
		}
	}
	if ((rc = copy_closed(r->tmp, err)) != 0)
		goto out;
	if (rename(r->tmp, target) != 0) {
		rc = io_fail(err, _("cannot rename to"), target);
		goto out;
	}
	*aside = name;
	name = NULL;
	/* The old -shm indexes the old WAL: the next opener makes a new one. */
	unlink(shm);
done:
	free(r->tmp);
	r->tmp = NULL;
	rc = fsync_dir(dir, err);
out:
	if (shm_fd != -1)
		close(shm_fd);
	if (db_fd != -1)
		close(db_fd);
	free(name);
	free(shm);
	free(wal);
	free(dir);
	return rc;
}

void
db_restore_free(struct db_restore *r)
{
	if (r == NULL)
		return;
	if (r->tmp != NULL)
		unlink_db(r->tmp);
	if (r->fd != -1)
		close(r->fd);
	free(r->tmp);
	free(r);
}

/* db_backup of data/db.h: a plain copy, the same single step. */
int
db_backup(struct db *db, const char *path, struct wms_err *err)
{
	return db_backup_write(db, path, NULL, NULL, err);
}
