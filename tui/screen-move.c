/*
 * A move between bins of one depot: from, to, a reference; then lines as
 * on the issue screen (what the from-bin has, lots first expiry first out,
 * serial numbers); kept as a draft; F9 posts whole or not at all.
 */
#include <stdio.h>
#include <string.h>

#include "lib/i18n.h"
#include "core/master.h"
#include "tui/editor-outgoing.h"

/* The bin it goes to: a real location of the same depot, not the same. */
static int
move_check(struct tui_screen *s, int i, const char *text,
    struct wms_err *err)
{
	const struct tui_out	*o = s->data;
	const char		*slash;
	char			 kind[12];
	size_t			 n;
	int			 rc;

	if (i != 1)
		return wms_name_check(_("reference"), text, err);
	if ((rc = wms_location_get(tui_wms(s->tui), text, kind, err)) != 0)
		return rc;
	if (strcmp(kind, "internal") != 0)
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("%s is not a stock location"), text);
	slash = strchr(o->hdr[0], '/');
	n = slash != NULL ? (size_t)(slash - o->hdr[0]) : strlen(o->hdr[0]);
	if (strncmp(text, o->hdr[0], n) != 0 || text[n] != '/')
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("%s and %s are in different depots: use makhzan "
		    "transfer ship"), o->hdr[0], text);
	if (strcmp(text, o->hdr[0]) == 0)
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("%s is where the stock is: give another bin"), text);
	return 0;
}

static const struct tui_out_kind move_kind = {
	.draft = "move",
	.what = N_("Move"),
	.type = WMS_DOC_MOVE,
	.hdr = { N_("From location"), N_("To location"), N_("Reference") },
	.hdr_required = { 1, 1, 0 },
	.check = move_check,
};

const struct tui_screen_entry tui_screen_move = {
	.name = "move",
	.title = N_("Move"),
	.menu = { .key = 'm', .fkey = TUI_KEY_F(6), .what = N_("move") },
	.need = TUI_NEEDS(WMS_PERM_POST),
	TUI_OUT_HANDLERS,
	.keys = tui_out_keys,
	.kind = &move_kind,
};
