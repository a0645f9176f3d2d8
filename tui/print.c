/* Labels from the screens: the receipt's units, an item's or a lot's again. */
#include <stdio.h>
#include <string.h>

#include "lib/i18n.h"
#include "labels/label.h"
#include "tui/screen.h"

int
tui_print(struct tui_screen *s, int kind, const char *arg, const char *lot)
{
	return tui_print_to(s, kind, arg, lot, NULL, NULL, 0);
}

int
tui_print_to(struct tui_screen *s, int kind, const char *arg, const char *lot,
    const char *dest, const struct label_unit_hint *hints, size_t nhints)
{
	struct label_job	j = { 0 };
	struct wms_err		err;
	size_t			n = 0;

	if (dest != NULL && *dest != '\0' && strncmp(dest, "tcp:", 4) != 0 &&
	    strncmp(dest, "cups:", 5) != 0) {
		/* A file: its extension says PDF, PNG, SVG or ZPL. */
		if (label_format_of(dest) < 0) {
			tui_status(s->tui, _("%s: give a file ending in .pdf, "
			    ".png, .svg or .zpl, or a printer (tcp://HOST, "
			    "cups:QUEUE)"), dest);
			return WMS_ERR_USAGE;
		}
		j.out = dest;
	} else if ((j.printer = dest != NULL && *dest != '\0' ? dest :
	    tui_printer(s->tui)) == NULL || *j.printer == '\0') {
		tui_status(s->tui, "%s", _("no label printer: give makhzan tui "
		    "--printer, MAKHZAN_PRINTER or printer = in makhzan.ini"));
		return WMS_ERR_USAGE;
	}
	j.kind = (enum label_kind)kind;
	j.arg = arg;
	j.lot = lot;
	j.copies = 1;
	j.hints = hints;
	j.nhints = nhints;
	/* The printer is waited for here (5 s at most to connect): a label
	 * is a moment's work, and the storekeeper wants to know it came. */
	if (label_job_run(tui_wms(s->tui), &j, &n, &err) != 0) {
		tui_status(s->tui, _("not printed: %s; the same key tries "
		    "again"), err.msg);
		return err.rc;
	}
	if (j.out != NULL)
		tui_status(s->tui, _("%zu labels written to %s"), n, j.out);
	else
		tui_status(s->tui, _("%zu labels sent to %s"), n, j.printer);
	return 0;
}
