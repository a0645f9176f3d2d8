/* Drafts: documents being typed at a terminal, kept in the database. */
#ifndef WMS_DRAFT_H
#define WMS_DRAFT_H

#include "lib/err.h"

struct wms;

/*
 * Save the logged-in user's draft of kind ("receipt", ...): body is a JSON
 * text the screen defines.  Written at once (synchronous=FULL), so that a
 * closed terminal loses nothing.  Not audited: a draft is not a posting.
 */
int	wms_draft_save(struct wms *, const char *kind, const char *body,
	    struct wms_err *err);
/* The user's draft of kind as a new string, or NULL when there is none. */
char	*wms_draft_load(struct wms *, const char *kind, struct wms_err *err);
int	wms_draft_delete(struct wms *, const char *kind, struct wms_err *err);

#endif
