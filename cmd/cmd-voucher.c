/* makhzan voucher: a posted document printed on A4, to a file or a printer. */
#include <string.h>

#include "cmd/cmd.h"
#include "labels/label.h"
#include "reports/pdf.h"

/* The voucher to print, as label_print_pdf renders it. */
struct voucher_job {
	struct wms	*w;
	const char	*number;
};

static int
voucher_render(void *arg, const char *path, struct wms_err *err)
{
	const struct voucher_job *j = arg;

	return report_voucher_pdf(j->w, j->number, path, err);
}

static int
cmd_voucher(struct cmd_ctx *c, const struct wms_args *a)
{
	struct voucher_job	 job;
	struct wms_err		 err;
	const char		*out, *printer;
	size_t			 n;

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
	job.w = c->w;
	job.number = a->args[0];
	if (label_print_pdf(printer, "voucher", voucher_render, &job,
	    &err) != 0)
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
