/* Drafts: documents being typed at a terminal, kept in the database. */
#include <stdlib.h>

#include "core/draft.h"
#include "core/wms.h"
#include "data/db-device.h"

/*
 * A draft is the station's scratch copy of a document not yet posted, not
 * part of the depot's record: it is written at once (synchronous=FULL) so
 * that a closed terminal loses nothing, but it takes no audit entry and no
 * event, which would bury the chain under every line typed.  The posting
 * made from it goes through the write path like any other.
 */
int
wms_draft_save(struct wms *w, const char *kind, const char *body,
    struct wms_err *err)
{
	char	at[32];
	int	rc;

	if ((rc = wms_require(w, WMS_PERM_POST, err)) != 0)
		return rc;
	wms_now_iso(w, at);
	return db_draft_save(wms_db(w), wms_user_id(w), kind, body, at, err);
}

char *
wms_draft_load(struct wms *w, const char *kind, struct wms_err *err)
{
	char *body;

	if (db_draft_load(wms_db(w), wms_user_id(w), kind, &body, err) != 0)
		return NULL;
	return body;
}

int
wms_draft_delete(struct wms *w, const char *kind, struct wms_err *err)
{
	return db_draft_delete(wms_db(w), wms_user_id(w), kind, err);
}
