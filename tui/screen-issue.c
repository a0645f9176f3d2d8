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

static const struct tui_binding issue_keys[] = {
	{ .key = '\n', .label = "Enter", .what = N_("next"),
	    .fn = tui_out_enter },
	{ .key = TUI_KEY_F(6), .label = "F6", .what = N_("weigh"),
	    .fn = tui_out_weigh },
	{ .key = TUI_KEY_F(9), .label = "F9", .what = N_("post"),
	    .fn = tui_out_f9 },
	{ .key = TUI_KEY_F(8), .label = "F8", .what = N_("remove last line"),
	    .fn = tui_out_drop },
	{ .key = TUI_KEY_ESC, .label = "Esc",
	    .what = N_("back (the draft is kept)"), .fn = tui_key_back },
	{ .key = 0 }
};

static int
issue_cc_row(const char *const *cols, int ncol, void *arg)
{
	const char **code = arg;

	if (ncol > 0 && cols[0] != NULL && strcmp(cols[0], *code) == 0) {
		*code = NULL;
		return 1;
	}
	return 0;
}

/* The cost centre must exist; the requester is any name. */
static int
issue_check(struct tui_screen *s, int i, const char *text,
    struct wms_err *err)
{
	const char	*code = text;
	int		 rc;

	if (i != 1)
		return wms_name_check(_("requester"), text, err);
	if ((rc = wms_master_list(tui_wms(s->tui), "cost-centres", NULL,
	    issue_cc_row, &code, err)) != 0)
		return rc;
	if (code != NULL)
		return wms_err_set(err, WMS_ERR_NOTFOUND,
		    _("unknown cost centre %s: see makhzan cost-centre list"),
		    text);
	return 0;
}

static const struct tui_out_kind issue_kind = {
	.draft = "issue",
	.type = WMS_DOC_ISSUE,
	.hdr = { N_("From location"), N_("Cost centre"), N_("Requester") },
	.hdr_required = { 1, 1, 0 },
	.check = issue_check,
	.third_is_requester = 1,
	.refuse_expired = 1,
};

static int
issue_init(struct tui_screen *s, void *arg, struct wms_err *err)
{
	(void)arg;
	return tui_out_init(s, &issue_kind, err);
}

const struct tui_screen_entry tui_screen_issue = {
	.name = "issue",
	.title = N_("Issue"),
	.menu = { .key = 'u', .fkey = TUI_KEY_F(4), .what = N_("issue") },
	.need = TUI_NEEDS(WMS_PERM_POST),
	.init = issue_init,
	.free = tui_out_free,
	.draw = tui_out_draw,
	.key = tui_out_key,
	.keys = issue_keys,
};
