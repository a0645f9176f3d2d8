/* makhzan return supplier / return issue: part of a document comes back. */
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "core/qty.h"
#include "core/return.h"
#include "core/wms.h"
#include "lib/xmalloc.h"

/*
 * NUMBER ITEM QTY [UNIT] with --lot or --serial..., --reason and the
 * location option (key 'F' for supplier, 'T' for issue).
 */
static int
return_common(struct cmd_ctx *c, const struct wms_args *a, int issue)
{
	struct wms_line	  ln;
	struct wms_err	  err;
	const char	**serials = NULL;
	const char	 *reason = NULL, *loc = NULL;
	char		  number[WMS_NUMBER_MAX];
	size_t		  ns = 0;
	int		  i, rc;

	memset(&ln, 0, sizeof ln);
	ln.cost = -1;
	for (i = 0; i < a->nopts; i++) {
		switch (a->opts[i].key) {
		case 'L':
			ln.lot = a->opts[i].value;
			break;
		case 'S':
			serials = xreallocarray(serials, ns + 1,
			    sizeof *serials);
			serials[ns++] = a->opts[i].value;
			break;
		case 'W':
			reason = a->opts[i].value;
			break;
		case 'F':
		case 'T':
			loc = a->opts[i].value;
			break;
		}
	}
	if (a->nargs < 3 || a->nargs > 4) {
		rc = cmd_usage(c, issue ? _("give ISS-NUMBER ITEM QTY [UNIT]") :
		    _("give GRN-NUMBER ITEM QTY [UNIT]"));
		goto out;
	}
	if (reason == NULL) {
		rc = cmd_usage(c, _("give --reason TEXT: why it is returned"));
		goto out;
	}
	if (ln.lot != NULL && ns > 0) {
		rc = cmd_usage(c, _("give --lot or --serial, not both"));
		goto out;
	}
	ln.item = a->args[1];
	if (wms_qty_parse(a->args[2], 0, &ln.qty, &err) != 0) {
		rc = cmd_fail(&err);
		goto out;
	}
	ln.unit = a->nargs == 4 ? a->args[3] : NULL;
	ln.serials = serials;
	ln.nserials = ns;
	if ((issue ? wms_return_issue : wms_return_supplier)(c->w, a->args[0],
	    loc, &ln, 1, reason, number, &err) != 0) {
		rc = cmd_fail(&err);
		goto out;
	}
	printf("%s\n", number);
	rc = CMD_OK;
out:
	free(serials);
	return rc;
}

static int
cmd_return_supplier(struct cmd_ctx *c, const struct wms_args *a)
{
	return return_common(c, a, 0);
}

static int
cmd_return_issue(struct cmd_ctx *c, const struct wms_args *a)
{
	return return_common(c, a, 1);
}

#define OPT_LOT		{ .name = "lot", .key = 'L', .flags = WMS_OPT_VALUE }
#define OPT_SERIAL	{ .name = "serial", .key = 'S', \
			  .flags = WMS_OPT_VALUE | WMS_OPT_MANY }
#define OPT_REASON	{ .name = "reason", .key = 'W', \
			  .flags = WMS_OPT_VALUE }

static const struct wms_opt return_supplier_opts[] = {
	OPT_LOT, OPT_SERIAL, OPT_REASON,
	{ .name = "from", .key = 'F', .flags = WMS_OPT_VALUE },
	{ .name = NULL }
};

static const struct wms_opt return_issue_opts[] = {
	OPT_LOT, OPT_SERIAL, OPT_REASON,
	{ .name = "to", .key = 'T', .flags = WMS_OPT_VALUE },
	{ .name = NULL }
};

const struct cmd_entry cmd_return_supplier_entry = {
	.group = "return",
	.name = "supplier",
	.usage = "GRN-NUMBER ITEM QTY [UNIT] [--lot L | --serial S...] "
	    "[--from LOC] --reason TEXT",
	.summary = N_("Return part of a receipt to its supplier (an RTS "
	    "document); prints its number."),
	.opts = return_supplier_opts,
	.flags = CMD_NEEDS_DB | CMD_LOGIN,
	.exec = cmd_return_supplier,
};

const struct cmd_entry cmd_return_issue_entry = {
	.group = "return",
	.name = "issue",
	.usage = "ISS-NUMBER ITEM QTY [UNIT] [--lot L | --serial S...] "
	    "[--to LOC] --reason TEXT",
	.summary = N_("Take part of an issue back from its cost centre (an "
	    "RTN document); prints its number."),
	.opts = return_issue_opts,
	.flags = CMD_NEEDS_DB | CMD_LOGIN,
	.exec = cmd_return_issue,
};
