/* makhzan tui: the storekeeper's terminal. */
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "core/wms.h"
#include "tui/tui.h"

/* "self" or "terminal" into *mode; -1 for anything else. */
static int
tui_bidi_arg(const char *s, enum tui_bidi_mode *mode)
{
	if (strcmp(s, "self") == 0)
		*mode = TUI_BIDI_SELF;
	else if (strcmp(s, "terminal") == 0)
		*mode = TUI_BIDI_TERMINAL;
	else
		return -1;
	return 0;
}

static int
cmd_tui(struct cmd_ctx *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "bidi", required_argument, NULL, 'b' },
		{ "station", required_argument, NULL, 's' },
		{ "printer", required_argument, NULL, 'p' },
		{ NULL, 0, NULL, 0 }
	};
	struct tui_opts		o;
	struct wms_err		err;
	int			ch;

	memset(&o, 0, sizeof o);
	o.lang = c->lang;
	/* The configuration first; options on the command line win. */
	if (c->bidi != NULL)
		tui_bidi_arg(c->bidi, &o.bidi);
	o.station = getenv("MAKHZAN_STATION") != NULL &&
	    *getenv("MAKHZAN_STATION") != '\0' ? getenv("MAKHZAN_STATION") :
	    c->station;
	o.printer = getenv("MAKHZAN_PRINTER") != NULL &&
	    *getenv("MAKHZAN_PRINTER") != '\0' ? getenv("MAKHZAN_PRINTER") :
	    c->printer;
	while ((ch = cmd_getopt(c, argc, argv, "", opts)) != -1) {
		if (ch < -1)
			return ch == -2 ? CMD_OK : CMD_USAGE;
		if (ch == 's')
			o.station = optarg;
		else if (ch == 'p')
			o.printer = optarg;
		else if (tui_bidi_arg(optarg, &o.bidi) != 0)
			return cmd_usage(c, _("--bidi takes self or terminal"));
	}
	if (optind != argc)
		return cmd_usage(c, _("unexpected argument %s"), argv[optind]);
	struct tui_login_arg	login = { c->user, NULL };

	if (tui_run(c->w, &login, &o, &err) != 0)
		return cmd_fail(&err);
	return CMD_OK;
}

const struct cmd_entry cmd_tui_entry = { NULL, "tui",
    "[--bidi self|terminal] [--station NAME] [--printer P]",
    N_("The storekeeper's terminal: log in, receive, issue, count, look "
    "items up; the station's scale and scanner."),
    CMD_NEEDS_DB, cmd_tui };
