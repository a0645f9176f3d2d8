/* Where a data file (a device profile, a label template) is, by its name. */
#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/datafile.h"
#include "lib/xmalloc.h"

#ifndef DATADIR
#define DATADIR "/usr/local/share/makhzan"
#endif

int
wms_datafile_find(const char *name, const char *env, const char *tree,
    const char *subdir, struct wms_datafile *f)
{
	char		 dirs[4][PATH_MAX], exe[PATH_MAX];
	const char	*val, *folder;
	ssize_t		 n;
	int		 i, m, ndirs = 0;

	if ((val = getenv(env)) != NULL && *val != '\0')
		snprintf(dirs[ndirs++], PATH_MAX, "%s", val);
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		/* ./makhzan in the tree, or build-asan/makhzan below it. */
		folder = dirname(exe);
		snprintf(dirs[ndirs++], PATH_MAX, "%s/%s", folder, tree);
		snprintf(dirs[ndirs++], PATH_MAX, "%s/../%s", folder, tree);
	}
	snprintf(f->installed, sizeof f->installed, "%s/%s", DATADIR, subdir);
	snprintf(dirs[ndirs++], PATH_MAX, "%s", f->installed);
	n = (ssize_t)strlen(name);
	f->ext = n > 4 && strcmp(name + n - 4, ".ini") == 0 ? "" : ".ini";
	for (i = 0; i < ndirs; i++) {
		m = snprintf(f->path, sizeof f->path, "%s/%s%s", dirs[i], name,
		    f->ext);
		if (m > 0 && (size_t)m < sizeof f->path &&
		    access(f->path, R_OK) == 0)
			return 1;
	}
	f->path[0] = '\0';
	return 0;
}

char *
wms_datafile_read(const char *path, size_t max, size_t *len)
{
	FILE	*f;
	char	*buf;
	int	 e;

	if ((f = fopen(path, "r")) == NULL)
		return NULL;
	buf = xmalloc(max + 1);
	*len = fread(buf, 1, max + 1, f);
	e = ferror(f) ? errno : *len > max ? EFBIG : 0;
	fclose(f);
	if (e != 0) {
		free(buf);
		errno = e;
		return NULL;
	}
	buf[*len] = '\0';
	return buf;
}
