/*
 * The issue to a cost centre: from which bin, to which cost centre, who
 * asked; then lines by scanning or typing, each with what the bin has,
 * lots first expiry first out, serial numbers; refusals in place with the
 * figures; kept as a draft; F9 posts whole or not at all.
 */
#include <string.h>

#include "lib/i18n.h"
#include "core/master.h"
#include "tui/editor-outgoing.h"

/* The cost centre must exist; the requester is any name. */
static int
issue_check(struct tui_screen *s, int i, const char *text,
    struct wms_err *err)
{
	int rc;

	if (i != 1)
		return wms_name_check(_("requester"), text, err);
	if ((rc = tui_out_listed(s, "cost-centres", 0, text, err)) < 0)
		return rc;
	if (rc == 0)
		return wms_err_set(err, WMS_ERR_NOTFOUND,
		    _("unknown cost centre %s: F2 looks them up by name"),
		    text);
	return 0;
}

static const struct tui_out_kind issue_kind = {
	.draft = "issue",
	.what = N_("Issue"),
	.type = WMS_DOC_ISSUE,
	.hdr = { N_("From location"), N_("Cost centre"), N_("Requester") },
	.hdr_required = { 1, 1, 0 },
	.check = issue_check,
	.third_is_requester = 1,
	.refuse_expired = 1,
};

const struct tui_screen_entry tui_screen_issue = {
	.name = "issue",
	.title = N_("Issue"),
	.menu = { .key = 'u', .fkey = TUI_KEY_F(4), .what = N_("issue") },
	.need = TUI_NEEDS(WMS_PERM_POST),
	TUI_OUT_HANDLERS,
	.keys = tui_out_keys,
	.kind = &issue_kind,
};
