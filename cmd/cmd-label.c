/* makhzan label: item, lot, location and received-unit labels, to a file or a printer. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "labels/label.h"

static const struct option label_opts[] = {
	{ "template", required_argument, NULL, 't' },
	{ "copies", required_argument, NULL, 'c' },
	{ "out", required_argument, NULL, 'o' },
	{ "printer", required_argument, NULL, 'p' },
	{ NULL, 0, NULL, 0 }
};

/* Options, the arguments the kind needs, then the job. */
static int
label_cmd(struct cmd_ctx *c, int argc, char **argv, enum label_kind kind,
    int nargs, const char *what)
{
	struct label_job	 j;
	struct wms_err		 err;
	const char		*env;
	char			*end;
	long			 v;
	size_t			 n;
	int			 ch;

	memset(&j, 0, sizeof j);
	j.kind = kind;
	j.copies = 1;
	while ((ch = cmd_getopt(c, argc, argv, "", label_opts)) != -1) {
		if (ch < -1)
			return ch == -2 ? CMD_OK : CMD_USAGE;
		switch (ch) {
		case 't':
			j.tpl = optarg;
			break;
		case 'c':
			errno = 0;
			v = strtol(optarg, &end, 10);
			if (errno != 0 || *end != '\0' || end == optarg ||
			    v < 1 || v > 1000)
				return cmd_usage(c, _("--copies takes a whole "
				    "number from 1 to 1000"));
			j.copies = (int)v;
			break;
		case 'o':
			j.out = optarg;
			break;
		case 'p':
			j.printer = optarg;
			break;
		}
	}
	if (argc - optind != nargs)
		return cmd_usage(c, _("give %s"), what);
	j.arg = argv[optind];
	j.lot = nargs > 1 ? argv[optind + 1] : NULL;
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
cmd_label_item(struct cmd_ctx *c, int argc, char **argv)
{
	return label_cmd(c, argc, argv, LABEL_ITEM, 1, _("the item CODE"));
}

static int
cmd_label_lot(struct cmd_ctx *c, int argc, char **argv)
{
	return label_cmd(c, argc, argv, LABEL_LOT, 2,
	    _("the item CODE and the LOT (or serial)"));
}

static int
cmd_label_location(struct cmd_ctx *c, int argc, char **argv)
{
	return label_cmd(c, argc, argv, LABEL_LOCATION, 1,
	    _("the LOCATION"));
}

static int
cmd_label_receipt(struct cmd_ctx *c, int argc, char **argv)
{
	return label_cmd(c, argc, argv, LABEL_RECEIPT, 1,
	    _("the receipt NUMBER"));
}

#define LABEL_USAGE_TAIL "[--template T] [--copies N] " \
	"(--out FILE.png|.pdf|.svg|.zpl | --printer tcp://HOST[:PORT]|cups:QUEUE)"

const struct cmd_entry cmd_label_item_entry = { "label", "item",
    "CODE " LABEL_USAGE_TAIL,
    N_("Print an item label: names in Arabic and English, the code as "
    "Code 128."), CMD_NEEDS_DB | CMD_LOGIN, cmd_label_item };
const struct cmd_entry cmd_label_lot_entry = { "label", "lot",
    "CODE LOT " LABEL_USAGE_TAIL,
    N_("Print a lot (or serial) label with GS1-128 and GS1 DataMatrix: "
    "item, lot, expiry."), CMD_NEEDS_DB | CMD_LOGIN, cmd_label_lot };
const struct cmd_entry cmd_label_location_entry = { "label", "location",
    "LOCATION " LABEL_USAGE_TAIL,
    N_("Print a bin label: the location as Code 128 and QR."),
    CMD_NEEDS_DB | CMD_LOGIN, cmd_label_location };
const struct cmd_entry cmd_label_receipt_entry = { "label", "receipt",
    "NUMBER " LABEL_USAGE_TAIL,
    N_("Print a label for every unit a receipt brought in (each drum, bag "
    "or cylinder)."), CMD_NEEDS_DB | CMD_LOGIN, cmd_label_receipt };
