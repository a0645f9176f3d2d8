/* Where a data file (a device profile, a label template) is, by its name. */
#ifndef WMS_DATAFILE_H
#define WMS_DATAFILE_H

#include <limits.h>
#include <stddef.h>

/* What wms_datafile_find() found, or where it looked. */
struct wms_datafile {
	char		 path[PATH_MAX * 4];	/* found: the file */
	const char	*ext;			/* ".ini" or "" */
	char		 installed[PATH_MAX];	/* DATADIR/subdir */
};

/*
 * Look for name ("flintec-ft11", with or without ".ini") in the folder
 * $env, in tree beside the running binary or one folder up (the build
 * tree, build-asan/), then in DATADIR/subdir (installed).  Returns 1 with
 * the first readable file in f->path, or 0; either way f->ext and
 * f->installed are set for the caller's "looked in ..." message.
 */
int	wms_datafile_find(const char *name, const char *env,
	    const char *tree, const char *subdir, struct wms_datafile *f);

/*
 * The whole of a data file of at most max bytes, NUL-terminated, *len
 * bytes long (the caller frees it); NULL with errno set when it cannot be
 * read, EFBIG when it is larger than max.
 */
char	*wms_datafile_read(const char *path, size_t max, size_t *len);

#endif
