/* makhzan voucher: a posted document printed on A4, to a file or a printer. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "labels/label.h"
#include "lib/buf.h"
#include "lib/datafile.h"
#include "reports/pdf.h"

/* A voucher is at most a few megabytes; more is not a voucher. */
#define VOUCHER_MAX	(64u << 20)

/* Render to a scratch file, then send its bytes as a PDF job. */
static int
voucher_print(struct cmd_ctx *c, const char *number, const char *printer,
    struct wms_err *err)
{
	struct wms_buf	 b = { 0 };
	const char	*dir;
	char		*tmp, *data;
	size_t		 len;
	int		 fd, rc;

	dir = getenv("TMPDIR") != NULL && *getenv("TMPDIR") != '\0' ?
	    getenv("TMPDIR") : "/tmp";
	if (asprintf(&tmp, "%s/makhzan-voucher.XXXXXX", dir) < 0)
		abort();
	if ((fd = mkstemp(tmp)) < 0) {
		rc = wms_err_set(err, WMS_ERR_IO, _("cannot write %s: %s"),
		    tmp, strerror(errno));
		free(tmp);
		return rc;
	}
	close(fd);
	if ((rc = report_voucher_pdf(c->w, number, tmp, err)) != 0)
		goto out;
	if ((data = wms_datafile_read(tmp, VOUCHER_MAX, &len)) == NULL) {
		rc = wms_err_set(err, WMS_ERR_IO, _("cannot read %s: %s"), tmp,
		    strerror(errno));
		goto out;
	}
	wms_buf_add(&b, data, len);
	free(data);
	rc = label_print(printer, &b, LABEL_PDF, err);
	wms_buf_free(&b);
out:
	unlink(tmp);
	free(tmp);
	return rc;
}

static int
cmd_voucher(struct cmd_ctx *c, const struct wms_args *a)
{
	struct wms_err	 err;
	const char	*out, *printer;
	size_t		 n;

	out = wms_opt_value(a, 'o');
	printer = wms_opt_value(a, 'p');
	if (a->nargs != 1)
		return cmd_usage(c, _("give the document NUMBER"));
	if (out != NULL && printer != NULL)
		return cmd_usage(c, _("give --out or --printer, not both"));
	/*
	 * No fallback to MAKHZAN_PRINTER or printer = in makhzan.ini: those
	 * name the label printer, and an A4 voucher sent to a label printer
	 * is metres of wasted labels.
	 */
	if (out == NULL && printer == NULL)
		return cmd_usage(c, _("give --out FILE.pdf or --printer "
		    "tcp://HOST[:PORT] | cups:QUEUE"));
	if (out != NULL && ((n = strlen(out)) < 5 ||
	    strcasecmp(out + n - 4, ".pdf") != 0))
		return cmd_usage(c, _("%s: the file name must end in .pdf"),
		    out);
	if (printer != NULL && label_printer_check(printer, &err) != 0)
		return cmd_usage(c, "%s", err.msg);
	if (out != NULL) {
		if (report_voucher_pdf(c->w, a->args[0], out, &err) != 0)
			return cmd_fail(&err);
		printf(_("written to %s: voucher %s\n"), out, a->args[0]);
		return CMD_OK;
	}
	if (voucher_print(c, a->args[0], printer, &err) != 0)
		return cmd_fail(&err);
	printf(_("sent to %s: voucher %s\n"), printer, a->args[0]);
	return CMD_OK;
}

static const struct wms_opt voucher_opts[] = {
	{ .name = "out", .key = 'o', .flags = WMS_OPT_VALUE },
	{ .name = "printer", .key = 'p', .flags = WMS_OPT_VALUE },
	{ .name = NULL }
};

const struct cmd_entry cmd_voucher_entry = {
	.name = "voucher",
	.usage = "NUMBER (--out FILE.pdf | --printer tcp://HOST[:PORT]|"
	    "cups:QUEUE)",
	.summary = N_("Print the voucher of a posted document (receipt, "
	    "issue, transfer, adjustment, count, reversal) with signature "
	    "lines."),
	.opts = voucher_opts,
	.flags = CMD_NEEDS_DB | CMD_LOGIN,
	.exec = cmd_voucher,
};
