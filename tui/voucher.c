/*
 * The voucher of a document just posted, offered on the screens that
 * post (F3): report_voucher_pdf of reports/pdf.h, the same A4 voucher as
 * makhzan voucher NUMBER.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "lib/i18n.h"
#include "reports/pdf.h"
#include "tui/screen.h"

int
tui_voucher(struct tui_screen *s, const char *number)
{
	struct wms_err	err;
	char		path[300];

	if (number == NULL || *number == '\0') {
		tui_status(s->tui, "%s", _("post the document first: then F3 "
		    "writes its voucher"));
		return -1;
	}
	/* Here, or in the home folder when here is not writable. */
	snprintf(path, sizeof path, "voucher-%s.pdf", number);
	if (access(".", W_OK) != 0 && getenv("HOME") != NULL)
		snprintf(path, sizeof path, "%s/voucher-%s.pdf",
		    getenv("HOME"), number);
	if (report_voucher_pdf(tui_wms(s->tui), number, path, &err) != 0) {
		tui_status(s->tui, "%s", err.msg);
		return -1;
	}
	tui_status(s->tui, _("voucher of %s written to %s"), number, path);
	return 0;
}
