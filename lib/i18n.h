/* gettext shorthands: every string a person reads goes through _(). */
#ifndef WMS_I18N_H
#define WMS_I18N_H

#include <libintl.h>

#define _(s)	gettext(s)
#define N_(s)	(s)

#endif
