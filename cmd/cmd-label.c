/* makhzan label: item, lot, location and received-unit labels, to a file or a printer. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "labels/label.h"

/* Options, the arguments the kind needs, then the job. */
static int
label_cmd(struct cmd_ctx *c, const struct wms_args *a, enum label_kind kind,
    int nargs, const char *what)
{
	struct label_job	 j;
	struct wms_err		 err;
	const char		*env, *copies;
	char			*end;
	long			 v;
	size_t			 n;

	memset(&j, 0, sizeof j);
	j.kind = kind;
	j.copies = 1;
	j.tpl = wms_opt_value(a, 't');
	j.out = wms_opt_value(a, 'o');
	j.printer = wms_opt_value(a, 'p');
	if ((copies = wms_opt_value(a, 'c')) != NULL) {
		errno = 0;
		v = strtol(copies, &end, 10);
		if (errno != 0 || *end != '\0' || end == copies || v < 1 ||
		    v > 1000)
			return cmd_usage(c, _("--copies takes a whole number "
			    "from 1 to 1000"));
		j.copies = (int)v;
	}
	if (a->nargs != nargs)
		return cmd_usage(c, _("give %s"), what);
	j.arg = a->args[0];
	j.lot = nargs > 1 ? a->args[1] : NULL;
	if (j.out == NULL && j.printer == NULL &&
	    (env = getenv("MAKHZAN_PRINTER")) != NULL && *env != '\0')
		j.printer = env;
	if (j.out == NULL && j.printer == NULL)
		j.printer = c->printer;		/* printer = in makhzan.ini */
	if (j.out != NULL && j.printer != NULL)
		return cmd_usage(c, _("give --out or --printer, not both"));
	if (j.out == NULL && j.printer == NULL)
		return cmd_usage(c, _("give --out FILE (.png .pdf .svg .zpl) "
		    "or --printer tcp://HOST[:PORT] | cups:QUEUE"));
	if (j.out != NULL && label_format_of(j.out) < 0)
		return cmd_usage(c, _("%s: the file name must end in .png, "
		    ".pdf, .svg or .zpl"), j.out);
	if (j.printer != NULL && label_printer_check(j.printer, &err) != 0)
		return cmd_usage(c, "%s", err.msg);
	if (label_job_run(c->w, &j, &n, &err) != 0)
		return cmd_fail(&err);
	if (j.out != NULL)
		printf(_("written to %s: %zu label(s)\n"), j.out, n);
	else
		printf(_("sent to %s: %zu label(s)\n"), j.printer, n);
	return CMD_OK;
}

static int
cmd_label_item(struct cmd_ctx *c, const struct wms_args *a)
{
	return label_cmd(c, a, LABEL_ITEM, 1, _("the item CODE"));
}

static int
cmd_label_lot(struct cmd_ctx *c, const struct wms_args *a)
{
	return label_cmd(c, a, LABEL_LOT, 2,
	    _("the item CODE and the LOT (or serial)"));
}

static int
cmd_label_location(struct cmd_ctx *c, const struct wms_args *a)
{
	return label_cmd(c, a, LABEL_LOCATION, 1,
	    _("the LOCATION"));
}

static int
cmd_label_receipt(struct cmd_ctx *c, const struct wms_args *a)
{
	return label_cmd(c, a, LABEL_RECEIPT, 1,
	    _("the receipt NUMBER"));
}

#define LABEL_USAGE_TAIL "[--template T] [--copies N] " \
	"(--out FILE.png|.pdf|.svg|.zpl | --printer tcp://HOST[:PORT]|cups:QUEUE)"

static const struct wms_opt label_opts[] = {
	{ .name = "template", .key = 't', .flags = WMS_OPT_VALUE },
	{ .name = "copies", .key = 'c', .flags = WMS_OPT_VALUE },
	{ .name = "out", .key = 'o', .flags = WMS_OPT_VALUE },
	{ .name = "printer", .key = 'p', .flags = WMS_OPT_VALUE },
	{ .name = NULL }
};

const struct cmd_entry cmd_label_item_entry = {
	.group = "label",
	.name = "item",
	.usage = "CODE " LABEL_USAGE_TAIL,
	.summary = N_("Print an item label: names in Arabic and English, the "
	    "code as Code 128."),
	.opts = label_opts,
	.flags = CMD_NEEDS_DB | CMD_LOGIN,
	.exec = cmd_label_item,
};

const struct cmd_entry cmd_label_lot_entry = {
	.group = "label",
	.name = "lot",
	.usage = "CODE LOT " LABEL_USAGE_TAIL,
	.summary = N_("Print a lot (or serial) label with GS1-128 and GS1 "
	    "DataMatrix: item, lot, expiry."),
	.opts = label_opts,
	.flags = CMD_NEEDS_DB | CMD_LOGIN,
	.exec = cmd_label_lot,
};

const struct cmd_entry cmd_label_location_entry = {
	.group = "label",
	.name = "location",
	.usage = "LOCATION " LABEL_USAGE_TAIL,
	.summary = N_("Print a bin label: the location as Code 128 and QR."),
	.opts = label_opts,
	.flags = CMD_NEEDS_DB | CMD_LOGIN,
	.exec = cmd_label_location,
};

const struct cmd_entry cmd_label_receipt_entry = {
	.group = "label",
	.name = "receipt",
	.usage = "NUMBER " LABEL_USAGE_TAIL,
	.summary = N_("Print a label for every unit a receipt brought in (each "
	    "drum, bag or cylinder)."),
	.opts = label_opts,
	.flags = CMD_NEEDS_DB | CMD_LOGIN,
	.exec = cmd_label_receipt,
};
