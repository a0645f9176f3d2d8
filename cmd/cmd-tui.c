/* makhzan tui: the storekeeper's terminal. */
#include <string.h>

#include "cmd/cmd.h"
#include "core/wms.h"
#include "tui/tui.h"

static int
cmd_tui(struct cmd_ctx *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "bidi", required_argument, NULL, 'b' },
		{ NULL, 0, NULL, 0 }
	};
	enum tui_bidi_mode	mode = TUI_BIDI_SELF;
	struct wms_err		err;
	int			ch;

	while ((ch = cmd_getopt(c, argc, argv, "", opts)) != -1) {
		if (ch < -1)
			return ch == -2 ? CMD_OK : CMD_USAGE;
		if (strcmp(optarg, "self") == 0)
			mode = TUI_BIDI_SELF;
		else if (strcmp(optarg, "terminal") == 0)
			mode = TUI_BIDI_TERMINAL;
		else
			return cmd_usage(c, _("--bidi takes self or terminal"));
	}
	if (optind != argc)
		return cmd_usage(c, _("unexpected argument %s"), argv[optind]);
	struct tui_login_arg	login = { c->user, NULL };

	if (tui_run(c->w, &login, c->lang, mode, &err) != 0)
		return cmd_fail(&err);
	return CMD_OK;
}

const struct cmd_entry cmd_tui_entry = { NULL, "tui",
    "[--bidi self|terminal]",
    N_("The storekeeper's terminal: log in, look items up, see the stock."),
    CMD_NEEDS_DB, cmd_tui };
