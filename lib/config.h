/* Settings from INI files: /etc/makhzan.ini, then the user's own. */
#ifndef WMS_CONFIG_H
#define WMS_CONFIG_H

#include "lib/err.h"

struct wms_config {
	char	*db;		/* [makhzan] db = PATH */
	char	*lang;		/* [makhzan] lang = ar|en */
	char	*user;		/* [makhzan] user = NAME */
	char	*station;	/* [makhzan] station = NAME (whose devices) */
	char	*bidi;		/* [makhzan] bidi = self|terminal */
	char	*printer;	/* [makhzan] printer = tcp://HOST|cups:QUEUE */
};

/*
 * Read /etc/makhzan.ini and then $XDG_CONFIG_HOME/makhzan/makhzan.ini
 * (else ~/.config/makhzan/makhzan.ini); later files win.  A missing file is
 * no error; a malformed one is WMS_ERR_INVALID naming the file and line, as
 * is an unknown key.  path, when not NULL, is read instead of both.
 */
int	wms_config_load(struct wms_config *, const char *path,
	    struct wms_err *err);
void	wms_config_fini(struct wms_config *);

#endif
