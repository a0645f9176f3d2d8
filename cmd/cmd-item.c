/* Commands of items: add, list, show, import, export; units. */
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "lib/csv.h"
#include "core/master.h"
#include "core/qty.h"
#include "core/wms.h"
#include "lib/xmalloc.h"

/* The item CSV columns, in export order; import takes the same. */
static const char *const item_cols[] = {
	"code", "name_ar", "name_en", "category", "uom", "tracking", "weighed",
	"min", "max", "shelf_life", "barcodes"
};
#define ITEM_NCOLS	11

static int
item_int(const char *what, const char *s, int *out, struct wms_err *err)
{
	char	*end;
	long	 v;

	if (s == NULL || *s == '\0') {
		*out = 0;
		return 0;
	}
	v = strtol(s, &end, 10);
	if (*end != '\0' || v < 0 || v > 36500)
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("bad %s \"%s\": a whole number of days"), what, s);
	*out = (int)v;
	return 0;
}

/* The weighed column: 1/0 or true/false (what export writes), or empty. */
static int
item_bool(const char *s, int *out, struct wms_err *err)
{
	if (s == NULL || *s == '\0' || strcmp(s, "0") == 0 ||
	    strcmp(s, "false") == 0) {
		*out = 0;
		return 0;
	}
	if (strcmp(s, "1") == 0 || strcmp(s, "true") == 0) {
		*out = 1;
		return 0;
	}
	return wms_err_set(err, WMS_ERR_INVALID,
	    _("bad weighed \"%s\": true or false (1 or 0)"), s);
}

/* Split "a|b" barcodes into it->barcodes (pointers into a copy). */
static char *
item_split_barcodes(const char *s, struct wms_item *it)
{
	char *copy, *p, *save = NULL;

	it->barcodes = NULL;
	it->nbarcodes = 0;
	if (s == NULL || *s == '\0')
		return NULL;
	copy = xstrdup(s);
	for (p = strtok_r(copy, "|", &save); p != NULL;
	    p = strtok_r(NULL, "|", &save)) {
		it->barcodes = xreallocarray(it->barcodes, it->nbarcodes + 1,
		    sizeof *it->barcodes);
		it->barcodes[it->nbarcodes++] = p;
	}
	return copy;
}

static int
cmd_item_add(struct cmd_ctx *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "name-ar", required_argument, NULL, 'a' },
		{ "name-en", required_argument, NULL, 'e' },
		{ "uom", required_argument, NULL, 'u' },
		{ "category", required_argument, NULL, 'c' },
		{ "tracking", required_argument, NULL, 't' },
		{ "weighed", no_argument, NULL, 'w' },
		{ "min", required_argument, NULL, 'm' },
		{ "max", required_argument, NULL, 'M' },
		{ "shelf-life", required_argument, NULL, 's' },
		{ "barcode", required_argument, NULL, 'b' },
		{ NULL, 0, NULL, 0 }
	};
	struct wms_item	 it;
	struct wms_err	 err;
	char		**bc = NULL;
	size_t		 nbc = 0;
	int		 ch, rc = CMD_OK;

	memset(&it, 0, sizeof it);
	it.tracking = (char *)"none";
	while ((ch = cmd_getopt(c, argc, argv, "", opts)) != -1) {
		switch (ch) {
		case -2:
			goto out;
		case -3:
			rc = CMD_USAGE;
			goto out;
		case 'a':
			it.name_ar = optarg;
			break;
		case 'e':
			it.name_en = optarg;
			break;
		case 'u':
			it.uom = optarg;
			break;
		case 'c':
			it.category = optarg;
			break;
		case 't':
			it.tracking = optarg;
			break;
		case 'w':
			it.weighed = 1;
			break;
		case 'm':
		case 'M':
			if (wms_qty_parse(optarg, WMS_QTY_ZERO, ch == 'm' ?
			    &it.min_qty : &it.max_qty, &err) != 0) {
				rc = cmd_fail(&err);
				goto out;
			}
			break;
		case 's':
			if (item_int(_("shelf life"), optarg, &it.shelf_life,
			    &err) != 0 || it.shelf_life == 0) {
				if (it.shelf_life == 0)
					wms_err_set(&err, WMS_ERR_INVALID,
					    _("bad shelf life \"%s\": days "
					    "from 1 to 36500"), optarg);
				rc = cmd_fail(&err);
				goto out;
			}
			break;
		case 'b':
			bc = xreallocarray(bc, nbc + 1, sizeof *bc);
			bc[nbc++] = optarg;
			break;
		}
	}
	if (optind + 1 != argc || it.name_ar == NULL || it.name_en == NULL ||
	    it.uom == NULL) {
		rc = cmd_usage(c, _("give CODE, --name-ar, --name-en and "
		    "--uom"));
		goto out;
	}
	it.code = argv[optind];
	it.barcodes = bc;
	it.nbarcodes = nbc;
	if (wms_item_add(c->w, &it, &err) != 0)
		rc = cmd_fail(&err);
	else
		printf(_("item %s added\n"), it.code);
out:
	free(bc);
	return rc;
}

struct item_list {
	struct report	*r;
};

static int
item_list_row(const struct wms_item *it, void *arg)
{
	struct item_list	*a = arg;
	char			*bc = NULL, *tmp;
	size_t			 i;

	report_row(a->r);
	report_str(a->r, 0, it->code);
	report_str(a->r, 1, it->name_ar);
	report_str(a->r, 2, it->name_en);
	report_str(a->r, 3, it->category);
	report_str(a->r, 4, it->uom);
	report_str(a->r, 5, it->tracking);
	report_num(a->r, 6, it->weighed);
	report_num(a->r, 7, it->min_qty);
	report_num(a->r, 8, it->max_qty);
	if (it->shelf_life > 0)
		report_num(a->r, 9, it->shelf_life);
	for (i = 0; i < it->nbarcodes; i++) {
		xasprintf(&tmp, "%s%s%s", bc != NULL ? bc : "", i ? "|" : "",
		    it->barcodes[i]);
		free(bc);
		bc = tmp;
	}
	report_str(a->r, 10, bc != NULL ? bc : "");
	free(bc);
	return 0;
}

static const struct report_col item_report_cols[] = {
	{ "code", N_("Code"), REPORT_STR },
	{ "name_ar", N_("Arabic name"), REPORT_STR },
	{ "name_en", N_("English name"), REPORT_STR },
	{ "category", N_("Category"), REPORT_STR },
	{ "uom", N_("Unit"), REPORT_STR },
	{ "tracking", N_("Tracking"), REPORT_STR },
	{ "weighed", N_("Weighed"), REPORT_BOOL },
	{ "min", N_("Min"), REPORT_QTY },
	{ "max", N_("Max"), REPORT_QTY },
	{ "shelf_life", N_("Shelf life"), REPORT_INT },
	{ "barcodes", N_("Barcodes"), REPORT_STR },
};

static int
item_list_common(struct cmd_ctx *c, int argc, char **argv, int export)
{
	static const struct option opts[] = {
		{ "search", required_argument, NULL, 's' },
		{ "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 }
	};
	struct item_list	 a;
	struct wms_err		 err;
	const char		*search = NULL, *format = export ? "csv" : NULL;
	int			 ch;

	while ((ch = cmd_getopt(c, argc, argv, "", opts)) != -1) {
		if (ch < -1)
			return ch == -2 ? CMD_OK : CMD_USAGE;
		if (ch == 's')
			search = optarg;
		else if (ch == 'f')
			format = optarg;
	}
	if (optind != argc)
		return cmd_usage(c, _("unexpected argument %s"), argv[optind]);
	a.r = report_new(item_report_cols, ITEM_NCOLS);
	if (wms_item_each(c->w, search, 0, item_list_row, &a, &err) != 0) {
		report_free(a.r);
		return cmd_fail(&err);
	}
	return cmd_report(c, a.r, format);
}

static int
cmd_item_list(struct cmd_ctx *c, int argc, char **argv)
{
	return item_list_common(c, argc, argv, 0);
}

static int
cmd_item_export(struct cmd_ctx *c, int argc, char **argv)
{
	return item_list_common(c, argc, argv, 1);
}

static int
item_show_unit(const struct wms_unit *u, void *arg)
{
	char f[32];

	(void)arg;
	printf("  1 %s = %s\n", u->unit, wms_qty_fmt(u->factor, f, sizeof f));
	return 0;
}

static int
cmd_item_show(struct cmd_ctx *c, int argc, char **argv)
{
	struct wms_item	 it;
	struct wms_err	 err;
	struct report	*r;
	char		 a[32], b[32];
	size_t		 i;
	int		 ch;

	while ((ch = cmd_getopt(c, argc, argv, "", NULL)) != -1)
		return ch == -2 ? CMD_OK : CMD_USAGE;
	if (optind + 1 != argc)
		return cmd_usage(c, _("give the item CODE or barcode"));
	if (wms_item_get(c->w, argv[optind], &it, &err) != 0)
		return cmd_fail(&err);
	printf("%s\n  %s\n  %s\n", it.code, it.name_ar, it.name_en);
	printf("%s: %s  %s: %s  %s: %s%s\n", _("unit"), it.uom, _("category"),
	    it.category, _("tracking"), it.tracking,
	    it.weighed ? _("  (weighed)") : "");
	printf("%s: %s  %s: %s", _("minimum"), wms_qty_fmt(it.min_qty, a,
	    sizeof a), _("maximum"), wms_qty_fmt(it.max_qty, b, sizeof b));
	if (it.shelf_life > 0)
		printf(_("  shelf life: %d days"), it.shelf_life);
	printf("\n");
	for (i = 0; i < it.nbarcodes; i++)
		printf("%s: %s\n", _("barcode"), it.barcodes[i]);
	wms_unit_each(c->w, it.id, item_show_unit, NULL, &err);
	if (report_stock(c->w, NULL, NULL, it.code, &r, &err) == 0) {
		printf("\n");
		cmd_report(c, r, NULL);
	}
	wms_item_fini(&it);
	return CMD_OK;
}

static int
cmd_item_import(struct cmd_ctx *c, int argc, char **argv)
{
	static const char *const required[] = { "code", "name_ar", "name_en",
	    "uom", NULL };
	struct wms_csv	*csv;
	struct wms_item	 it;
	struct wms_err	 err;
	const char	*v[ITEM_NCOLS];
	char		*bc;
	int		 idx[ITEM_NCOLS], ch, k, rc, n = 0, line;

	while ((ch = cmd_getopt(c, argc, argv, "", NULL)) != -1)
		return ch == -2 ? CMD_OK : CMD_USAGE;
	if (optind + 1 != argc)
		return cmd_usage(c, _("give FILE.csv"));
	if ((csv = wms_csv_open(argv[optind], &err)) == NULL)
		return cmd_fail(&err);
	if (wms_csv_header(csv, item_cols, idx, ITEM_NCOLS, required,
	    &err) != 0) {
		wms_csv_close(csv);
		return cmd_fail(&err);
	}
	/*
	 * Each item is its own transaction: a bad row stops the import at
	 * that row, with the rows before it kept and named in the message.
	 */
	while ((rc = wms_csv_next(csv, &err)) == 1) {
		line = wms_csv_lineno(csv);
		memset(&it, 0, sizeof it);
		for (k = 0; k < ITEM_NCOLS; k++)
			v[k] = idx[k] >= 0 ? wms_csv_field(csv,
			    (size_t)idx[k]) : NULL;
		it.code = (char *)v[0];
		it.name_ar = (char *)v[1];
		it.name_en = (char *)v[2];
		it.category = (char *)v[3];
		it.uom = (char *)v[4];
		it.tracking = (char *)(v[5] != NULL && *v[5] ? v[5] : "none");
		rc = item_bool(v[6], &it.weighed, &err);
		if (v[7] != NULL && *v[7] != '\0')
			rc = wms_qty_parse(v[7], WMS_QTY_ZERO, &it.min_qty,
			    &err);
		if (rc == 0 && v[8] != NULL && *v[8] != '\0')
			rc = wms_qty_parse(v[8], WMS_QTY_ZERO, &it.max_qty,
			    &err);
		if (rc == 0)
			rc = item_int(_("shelf life"), v[9], &it.shelf_life,
			    &err);
		bc = item_split_barcodes(v[10], &it);
		if (rc == 0)
			rc = wms_item_add(c->w, &it, &err);
		free(bc);
		free(it.barcodes);
		if (rc != 0) {
			fprintf(stderr, _("makhzan: %s line %d: %s (%d items "
			    "imported before it)\n"), argv[optind], line,
			    err.msg, n);
			wms_csv_close(csv);
			return cmd_status(rc);
		}
		n++;
	}
	wms_csv_close(csv);
	if (rc < 0) {
		fprintf(stderr, _("makhzan: %s: %s (%d items imported before "
		    "it)\n"), argv[optind], err.msg, n);
		return CMD_FAIL;
	}
	printf(_("%d items imported\n"), n);
	return CMD_OK;
}

static int
cmd_unit_add(struct cmd_ctx *c, int argc, char **argv)
{
	struct wms_err	err;
	int64_t		factor;
	int		ch;

	while ((ch = cmd_getopt(c, argc, argv, "", NULL)) != -1)
		return ch == -2 ? CMD_OK : CMD_USAGE;
	if (optind + 3 != argc)
		return cmd_usage(c, _("give ITEM UNIT FACTOR"));
	if (wms_qty_parse(argv[optind + 2], 0, &factor, &err) != 0 ||
	    wms_unit_add(c->w, argv[optind], argv[optind + 1], factor,
	    &err) != 0)
		return cmd_fail(&err);
	printf(_("1 %s of %s = %s base units\n"), argv[optind + 1],
	    argv[optind], argv[optind + 2]);
	return CMD_OK;
}

const struct cmd_entry cmd_item_add_entry = { "item", "add",
    "CODE --name-ar TEXT --name-en TEXT --uom UNIT [--category C] "
    "[--tracking none|lot|serial] [--weighed] [--min Q] [--max Q] "
    "[--shelf-life DAYS] [--barcode B]...", N_("Add an item."),
    CMD_NEEDS_DB | CMD_LOGIN, cmd_item_add };
const struct cmd_entry cmd_item_list_entry = { "item", "list",
    "[--search TEXT] [--format table|csv|json]",
    N_("List items; --search matches code, barcode, Arabic or English name."),
    CMD_NEEDS_DB | CMD_LOGIN, cmd_item_list };
const struct cmd_entry cmd_item_show_entry = { "item", "show", "CODE",
    N_("Show an item, its units and its stock."), CMD_NEEDS_DB | CMD_LOGIN,
    cmd_item_show };
const struct cmd_entry cmd_item_import_entry = { "item", "import",
    "FILE.csv", N_("Import items from CSV (the columns of item export)."),
    CMD_NEEDS_DB | CMD_LOGIN, cmd_item_import };
const struct cmd_entry cmd_item_export_entry = { "item", "export",
    "[--format csv|json|table]", N_("Export all items as CSV."),
    CMD_NEEDS_DB | CMD_LOGIN, cmd_item_export };
const struct cmd_entry cmd_unit_add_entry = { "unit", "add",
    "ITEM UNIT FACTOR", N_("Add a unit: 1 UNIT = FACTOR base units."),
    CMD_NEEDS_DB | CMD_LOGIN, cmd_unit_add };
