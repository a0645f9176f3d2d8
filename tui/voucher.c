/*
 * The voucher of a document just posted, offered on the screens that
 * post: report_voucher_pdf of reports/pdf.h, built on the reports-pdf
 * branch.  Until that branch is merged the symbol is weak and absent, and
 * the key says vouchers are not in this build.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "lib/i18n.h"
#include "reports/pdf.h"
#include "tui/screen.h"

#pragma weak report_voucher_pdf

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
	if (report_voucher_pdf == NULL) {
		tui_status(s->tui, "%s", _("vouchers are not in this build: "
		    "print one with the command line later"));
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
