/* Where device profiles are: the folders searched for a profile's name. */
#ifndef DEV_FIND_H
#define DEV_FIND_H

#include <stddef.h>

#include "lib/err.h"
#include "devices/profile.h"

/*
 * Load the profile called name ("flintec-ft11", with or without ".ini"),
 * or the file name when it contains a '/'.  Searched in order:
 * $MAKHZAN_PROFILES, devices/profiles beside the running binary or one
 * folder up (the build tree, build-asan/), DATADIR/profiles (installed).  WMS_ERR_NOTFOUND lists where it
 * looked.
 */
struct dev_profile *dev_profile_find(const char *name, struct wms_err *err);

#endif
