/* Where device profiles are: the folders searched for a profile's name. */
#include <string.h>

#include "lib/datafile.h"
#include "lib/i18n.h"
#include "devices/find.h"

struct dev_profile *
dev_profile_find(const char *name, struct wms_err *err)
{
	struct wms_datafile	f;

	if (name == NULL || *name == '\0') {
		wms_err_set(err, WMS_ERR_INVALID, _("missing profile"));
		return NULL;
	}
	if (strchr(name, '/') != NULL)
		return dev_profile_load(name, err);
	if (wms_datafile_find(name, "MAKHZAN_PROFILES", "devices/profiles",
	    "profiles", &f))
		return dev_profile_load(f.path, err);
	/* Name the installed folder, where a user would look. */
	wms_err_set(err, WMS_ERR_NOTFOUND,
	    _("no profile %s%s (looked in $MAKHZAN_PROFILES, beside makhzan, "
	    "and %s): see the files in devices/profiles"), name, f.ext,
	    f.installed);
	return NULL;
}
