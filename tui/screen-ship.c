/*
 * A transfer shipped to another depot: from which bin, to which depot, a
 * reference; then lines as on the issue screen; kept as a draft; F9 posts
 * whole or not at all, and the stock waits in the other depot's transit
 * until it is received there (tui/screen-transfer.c).
 */
#include <stdio.h>
#include <string.h>

#include "lib/i18n.h"
#include "core/master.h"
#include "tui/editor-outgoing.h"

/* The depot it goes to: one that exists, not the bin's own. */
static int
ship_check(struct tui_screen *s, int i, const char *text,
    struct wms_err *err)
{
	const struct tui_out	*o = s->data;
	size_t			 n = strlen(text);
	int			 rc;

	if (i != 1)
		return wms_name_check(_("reference"), text, err);
	if ((rc = tui_out_listed(s, "depots", 1, text, err)) < 0)
		return rc;
	if (rc == 0)
		return wms_err_set(err, WMS_ERR_NOTFOUND,
		    _("unknown depot %s: see makhzan depot list"), text);
	if (strncmp(o->hdr[0], text, n) == 0 && o->hdr[0][n] == '/')
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("a transfer goes to another depot; within %s use "
		    "makhzan move"), text);
	return 0;
}

static const struct tui_out_kind ship_kind = {
	.draft = "transfer",
	.what = N_("Transfer"),
	.type = WMS_DOC_TRANSFER,
	.hdr = { N_("From location"), N_("To depot"), N_("Reference") },
	.hdr_required = { 1, 1, 0 },
	.check = ship_check,
};

const struct tui_screen_entry tui_screen_ship = {
	.name = "ship",
	.title = N_("Ship a transfer"),
	.need = TUI_NEEDS(WMS_PERM_POST),
	TUI_OUT_HANDLERS,
	.keys = tui_out_ship_keys,
	.kind = &ship_kind,
};
