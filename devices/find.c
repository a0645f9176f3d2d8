/* Where device profiles are: the folders searched for a profile's name. */
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/i18n.h"
#include "devices/find.h"

#ifndef DATADIR
#define DATADIR "/usr/local/share/makhzan"
#endif

struct dev_profile *
dev_profile_find(const char *name, struct wms_err *err)
{
	char		 dirs[4][PATH_MAX], exe[PATH_MAX], path[PATH_MAX * 4];
	const char	*env, *ext;
	ssize_t		 n;
	int		 i, ndirs = 0;

	if (name == NULL || *name == '\0') {
		wms_err_set(err, WMS_ERR_INVALID, _("missing profile"));
		return NULL;
	}
	if (strchr(name, '/') != NULL)
		return dev_profile_load(name, err);
	if ((env = getenv("MAKHZAN_PROFILES")) != NULL && *env != '\0')
		snprintf(dirs[ndirs++], PATH_MAX, "%s", env);
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		/* ./makhzan in the tree, or build-asan/makhzan below it. */
		const char *folder = dirname(exe);

		snprintf(dirs[ndirs++], PATH_MAX, "%s/devices/profiles",
		    folder);
		snprintf(dirs[ndirs++], PATH_MAX, "%s/../devices/profiles",
		    folder);
	}
	snprintf(dirs[ndirs++], PATH_MAX, "%s/profiles", DATADIR);
	n = (ssize_t)strlen(name);
	ext = n > 4 && strcmp(name + n - 4, ".ini") == 0 ? "" : ".ini";
	for (i = 0; i < ndirs; i++) {
		int m = snprintf(path, sizeof path, "%s/%s%s", dirs[i], name,
		    ext);

		if (m > 0 && (size_t)m < sizeof path && access(path, R_OK) == 0)
			return dev_profile_load(path, err);
	}
	/* Name the installed folder, where a user would look. */
	wms_err_set(err, WMS_ERR_NOTFOUND,
	    _("no profile %s%s (looked in $MAKHZAN_PROFILES, beside makhzan, "
	    "and %s): see the files in devices/profiles"), name, ext,
	    dirs[ndirs - 1]);
	return NULL;
}
