/* Log out: the session stays open, with nobody in it. */
#include "core/logout.h"
#include "core/session.h"
#include "core/wms.h"

void
wms_logout(struct wms *w)
{
	wms_session_set_user(w, 0, "", WMS_ROLE_NONE, NULL);
}
