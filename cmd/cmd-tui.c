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
cmd_tui(struct cmd_ctx *c, const struct wms_args *a)
{
	struct tui_login_arg	 login = { .user = c->user, .hint = NULL };
	struct tui_opts		 o;
	struct wms_err		 err;
	const char		*v;

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
	if ((v = wms_opt_value(a, 'b')) != NULL &&
	    tui_bidi_arg(v, &o.bidi) != 0)
		return cmd_usage(c, _("--bidi takes self or terminal"));
	if ((v = wms_opt_value(a, 's')) != NULL)
		o.station = v;
	if ((v = wms_opt_value(a, 'p')) != NULL)
		o.printer = v;
	if (a->nargs != 0)
		return cmd_usage(c, _("unexpected argument %s"), a->args[0]);
	if (tui_run(c->w, &login, &o, &err) != 0)
		return cmd_fail(&err);
	return CMD_OK;
}

static const struct wms_opt tui_opts[] = {
	{ .name = "bidi", .key = 'b', .flags = WMS_OPT_VALUE },
	{ .name = "station", .key = 's', .flags = WMS_OPT_VALUE },
	{ .name = "printer", .key = 'p', .flags = WMS_OPT_VALUE },
	{ .name = NULL }
};

const struct cmd_entry cmd_tui_entry = {
	.name = "tui",
	.usage = "[--bidi self|terminal] [--station NAME] [--printer P]",
	.summary = N_("The storekeeper's terminal: log in, receive, issue, "
	    "count, look items up; the station's scale and scanner."),
	.opts = tui_opts,
	.flags = CMD_NEEDS_DB,
	.exec = cmd_tui,
};
