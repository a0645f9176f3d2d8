/* Commands of items: add, list, show, import, export; units. */
#include <stdlib.h>
#include <string.h>

#include "central/catalogue.h"
#include "central/pg.h"
#include "cmd/cmd-catalogue.h"
#include "cmd/cmd.h"
#include "lib/csv.h"
#include "core/ledger.h"
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
item_split_barcodes(const char *s, struct db_item *it)
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
cmd_item_add(struct cmd_ctx *c, const struct wms_args *a)
{
	struct db_item	 it;
	struct wms_err	 err;
	const char	*v;
	int		 i, rc = CMD_OK;

	memset(&it, 0, sizeof it);
	it.tracking = (char *)"none";
	for (i = 0; i < a->nopts; i++) {
		v = a->opts[i].value;
		switch (a->opts[i].key) {
		case 'a':
			it.name_ar = (char *)v;
			break;
		case 'e':
			it.name_en = (char *)v;
			break;
		case 'u':
			it.uom = (char *)v;
			break;
		case 'c':
			it.category = (char *)v;
			break;
		case 't':
			it.tracking = (char *)v;
			break;
		case 'w':
			it.weighed = 1;
			break;
		case 'm':
		case 'M':
			if (wms_qty_parse(v, WMS_QTY_ZERO, a->opts[i].key ==
			    'm' ? &it.min_qty : &it.max_qty, &err) != 0) {
				rc = cmd_fail(&err);
				goto out;
			}
			break;
		case 's':
			if (item_int(_("shelf life"), v, &it.shelf_life,
			    &err) != 0 || it.shelf_life == 0) {
				if (it.shelf_life == 0)
					wms_err_set(&err, WMS_ERR_INVALID,
					    _("bad shelf life \"%s\": days "
					    "from 1 to 36500"), v);
				rc = cmd_fail(&err);
				goto out;
			}
			break;
		case 'b':
			it.barcodes = xreallocarray(it.barcodes,
			    it.nbarcodes + 1, sizeof *it.barcodes);
			it.barcodes[it.nbarcodes++] = (char *)v;
			break;
		}
	}
	if (a->nargs != 1 || it.name_ar == NULL || it.name_en == NULL ||
	    it.uom == NULL) {
		rc = cmd_usage(c, _("give CODE, --name-ar, --name-en and "
		    "--uom"));
		goto out;
	}
	it.code = a->args[0];
	if (c->central != NULL)
		rc = cmd_cat_item_add(c, &it);
	else if (wms_item_add(c->w, &it, &err) != 0)
		rc = cmd_fail(&err);
	else
		printf(_("item %s added\n"), it.code);
out:
	free(it.barcodes);
	return rc;
}

struct item_list {
	struct report	*r;
	struct cmd_ctx	*c;
	int		 onhand;	/* item list: the stock on hand too */
};

static int
item_onhand_row(const struct db_report_stock *s, void *arg)
{
	*(int64_t *)arg += s->qty;
	return 0;
}

static int
item_list_row(const struct db_item *it, void *arg)
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
	if (a->onhand) {
		struct wms_err	err;
		int64_t		q = 0;

		/* At real locations of every depot, in the base unit. */
		if (wms_stock_each(a->c->w, NULL, NULL, it->code,
		    item_onhand_row, &q, &err) == 0)
			report_num(a->r, 11, q);
	}
	return 0;
}

static const struct report_col item_report_cols[] = {
	{ .key = "code", .title = N_("Code"), .type = REPORT_STR },
	{ .key = "name_ar", .title = N_("Arabic name"), .type = REPORT_STR },
	{ .key = "name_en", .title = N_("English name"), .type = REPORT_STR },
	{ .key = "category", .title = N_("Category"), .type = REPORT_STR },
	{ .key = "uom", .title = N_("Unit"), .type = REPORT_STR },
	{ .key = "tracking", .title = N_("Tracking"), .type = REPORT_STR },
	{ .key = "weighed", .title = N_("Weighed"), .type = REPORT_BOOL },
	{ .key = "min", .title = N_("Min"), .type = REPORT_QTY },
	{ .key = "max", .title = N_("Max"), .type = REPORT_QTY },
	{ .key = "shelf_life", .title = N_("Shelf life"), .type = REPORT_INT },
	{ .key = "barcodes", .title = N_("Barcodes"), .type = REPORT_STR },
	/* item list only: export writes what import reads. */
	{ .key = "on_hand", .title = N_("On hand"), .type = REPORT_QTY },
};

static int
item_list_common(struct cmd_ctx *c, const struct wms_args *a, int export)
{
	struct item_list	 l;
	struct wms_err		 err;
	const char		*format = wms_opt_value(a, 'f');

	if (format == NULL && export)
		format = "csv";
	struct central_pg	*pg;
	int			 rc;

	if (a->nargs != 0)
		return cmd_usage(c, _("unexpected argument %s"), a->args[0]);
	l.c = c;
	l.onhand = 0;
	if (c->central != NULL) {
		/* The national catalogue, in the same columns. */
		if ((rc = cmd_cat_open(c, &pg)) != CMD_OK)
			return rc;
		l.r = report_new(item_report_cols, ITEM_NCOLS);
		rc = central_cat_item_each(pg, wms_opt_value(a, 's'),
		    item_list_row, &l, &err);
		central_pg_close(pg);
		return cmd_report_out(c, rc, &l.r, &err, format);
	}
	l.onhand = !export;
	l.r = report_new(item_report_cols, ITEM_NCOLS + l.onhand);
	return cmd_report_out(c, wms_item_each(c->w, wms_opt_value(a, 's'), 0,
	    item_list_row, &l, &err), &l.r, &err, format);
}

static int
cmd_item_list(struct cmd_ctx *c, const struct wms_args *a)
{
	return item_list_common(c, a, 0);
}

static int
cmd_item_export(struct cmd_ctx *c, const struct wms_args *a)
{
	return item_list_common(c, a, 1);
}

static int
item_show_unit(const struct db_unit_row *u, void *arg)
{
	char f[32];

	(void)arg;
	printf("  1 %s = %s\n", u->unit, wms_qty_fmt(u->factor, f, sizeof f));
	return 0;
}

static int
cmd_item_show(struct cmd_ctx *c, const struct wms_args *args)
{
	struct db_item	 it;
	struct wms_err	 err;
	const char	*sep;
	char		 a[32], b[32];
	size_t		 i;
	int		 rc;

	if (args->nargs != 1)
		return cmd_usage(c, _("give the item CODE or barcode"));
	if (wms_item_get(c->w, args->args[0], &it, &err) != 0)
		return cmd_fail(&err);
	/* What is not set is left out rather than printed empty or 0. */
	printf("%s\n  %s\n  %s\n", it.code, it.name_ar, it.name_en);
	printf("%s: %s", _("unit"), it.uom);
	if (it.category != NULL && *it.category != '\0')
		printf("  %s: %s", _("category"), it.category);
	printf("  %s: %s%s\n", _("tracking"), it.tracking,
	    it.weighed ? _("  (weighed)") : "");
	sep = "";
	if (it.min_qty > 0) {
		printf("%s: %s", _("minimum"), wms_qty_fmt(it.min_qty, a,
		    sizeof a));
		sep = "  ";
	}
	if (it.max_qty > 0) {
		printf("%s%s: %s", sep, _("maximum"), wms_qty_fmt(it.max_qty,
		    b, sizeof b));
		sep = "  ";
	}
	if (it.shelf_life > 0) {
		printf("%s", sep);
		printf(_("shelf life: %d days"), it.shelf_life);
		sep = "  ";
	}
	if (*sep != '\0')
		printf("\n");
	for (i = 0; i < it.nbarcodes; i++)
		printf("%s: %s\n", _("barcode"), it.barcodes[i]);
	wms_unit_each(c->w, it.id, item_show_unit, NULL, &err);
	printf("\n");
	fflush(stdout);
	rc = cmd_onhand(c, NULL, NULL, it.code, 1, NULL);
	db_item_fini(&it);
	return rc;
}

static int
cmd_item_import(struct cmd_ctx *c, const struct wms_args *a)
{
	static const char *const required[] = { "code", "name_ar", "name_en",
	    "uom", NULL };
	struct wms_csv	*csv;
	struct db_item	 it;
	struct wms_err	 err;
	const char	*v[ITEM_NCOLS];
	char		*bc;
	const char	*file;
	struct central_pg *pg = NULL;
	char		 q[256];
	int		 idx[ITEM_NCOLS], k, rc, n = 0, line;

	if (a->nargs != 1)
		return cmd_usage(c, _("give FILE.csv"));
	file = a->args[0];
	if ((csv = wms_csv_open(file, &err)) == NULL)
		return cmd_fail(&err);
	if (wms_csv_header(csv, item_cols, idx, ITEM_NCOLS, required,
	    &err) != 0) {
		wms_csv_close(csv);
		return cmd_fail(&err);
	}
	/* At the centre: the same rows into the national catalogue. */
	if (c->central != NULL && (rc = cmd_cat_open(c, &pg)) != CMD_OK) {
		wms_csv_close(csv);
		return rc;
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
			rc = pg != NULL ? central_cat_item_add(pg, &it, &err) :
			    wms_item_add(c->w, &it, &err);
		free(bc);
		free(it.barcodes);
		if (rc != 0) {
			fprintf(stderr, _("makhzan: %s line %d: %s (%d items "
			    "imported before it)\n"), cmd_quote(file, q, sizeof q), line,
			    err.msg, n);
			wms_csv_close(csv);
			if (pg != NULL)
				cmd_cat_done(c, pg);
			return cmd_status(rc);
		}
		n++;
	}
	wms_csv_close(csv);
	if (rc < 0) {
		fprintf(stderr, _("makhzan: %s: %s (%d items imported before "
		    "it)\n"), cmd_quote(file, q, sizeof q), err.msg, n);
		if (pg != NULL)
			cmd_cat_done(c, pg);
		return CMD_FAIL;
	}
	printf(_("%d items imported\n"), n);
	return pg != NULL ? cmd_cat_done(c, pg) : CMD_OK;
}

static int
cmd_unit_add(struct cmd_ctx *c, const struct wms_args *a)
{
	struct wms_err	err;
	int64_t		factor;

	if (a->nargs != 3)
		return cmd_usage(c, _("give ITEM UNIT FACTOR"));
	if (c->central != NULL) {
		/* The catalogue's item value has no purchase unit yet. */
		if (wms_opt_given(a, 'p'))
			return cmd_usage(c, _("--purchase is set at a depot: the "
			    "national catalogue does not carry it yet"));
		if (wms_qty_parse(a->args[2], 0, &factor, &err) != 0)
			return cmd_fail(&err);
		return cmd_cat_unit_add(c, a->args[0], a->args[1], factor);
	}
	if (wms_qty_parse(a->args[2], 0, &factor, &err) != 0 ||
	    wms_unit_add(c->w, a->args[0], a->args[1], factor, &err) != 0)
		return cmd_fail(&err);
	if (wms_opt_given(a, 'p') && wms_unit_purchase(c->w, a->args[0],
	    a->args[1], &err) != 0)
		return cmd_fail(&err);
	printf(_("1 %s of %s = %s base units\n"), a->args[1], a->args[0],
	    a->args[2]);
	return CMD_OK;
}

static const struct wms_opt unit_add_opts[] = {
	{ .name = "purchase", .key = 'p' },
	{ .name = NULL }
};

static const struct wms_opt item_add_opts[] = {
	{ .name = "name-ar", .key = 'a', .flags = WMS_OPT_VALUE },
	{ .name = "name-en", .key = 'e', .flags = WMS_OPT_VALUE },
	{ .name = "uom", .key = 'u', .flags = WMS_OPT_VALUE },
	{ .name = "category", .key = 'c', .flags = WMS_OPT_VALUE },
	{ .name = "tracking", .key = 't', .flags = WMS_OPT_VALUE },
	{ .name = "weighed", .key = 'w' },
	{ .name = "min", .key = 'm', .flags = WMS_OPT_VALUE },
	{ .name = "max", .key = 'M', .flags = WMS_OPT_VALUE },
	{ .name = "shelf-life", .key = 's', .flags = WMS_OPT_VALUE },
	{ .name = "barcode", .key = 'b', .flags = WMS_OPT_VALUE | WMS_OPT_MANY },
	{ .name = NULL }
};

static const struct wms_opt item_list_opts[] = {
	{ .name = "search", .key = 's', .flags = WMS_OPT_VALUE },
	CMD_OPT_FORMAT,
	{ .name = NULL }
};

const struct cmd_entry cmd_item_add_entry = {
	.group = "item",
	.name = "add",
	.usage = "CODE --name-ar TEXT --name-en TEXT --uom UNIT [--category C] "
	    "[--tracking none|lot|serial] [--weighed] [--min Q] [--max Q] "
	    "[--shelf-life DAYS] [--barcode B]...",
	.summary = N_("Add an item."),
	.opts = item_add_opts,
	.flags = CMD_NEEDS_DB | CMD_LOGIN | CMD_CENTRAL,
	.exec = cmd_item_add,
};

const struct cmd_entry cmd_item_list_entry = {
	.group = "item",
	.name = "list",
	.usage = "[--search TEXT] [--format table|csv|json]",
	.summary = N_("List items; --search matches code, barcode, Arabic or "
	    "English name."),
	.opts = item_list_opts,
	.flags = CMD_NEEDS_DB | CMD_LOGIN | CMD_CENTRAL,
	.exec = cmd_item_list,
};

const struct cmd_entry cmd_item_show_entry = {
	.group = "item",
	.name = "show",
	.usage = "CODE",
	.summary = N_("Show an item, its units and its stock."),
	.opts = NULL,
	.flags = CMD_NEEDS_DB | CMD_LOGIN,
	.exec = cmd_item_show,
};

const struct cmd_entry cmd_item_import_entry = {
	.group = "item",
	.name = "import",
	.usage = "FILE.csv   (--central CONNINFO: into the national catalogue)",
	.summary = N_("Import items from CSV (the columns of item export)."),
	.opts = NULL,
	.flags = CMD_NEEDS_DB | CMD_LOGIN | CMD_CENTRAL,
	.exec = cmd_item_import,
};

const struct cmd_entry cmd_item_export_entry = {
	.group = "item",
	.name = "export",
	.usage = "[--format csv|json|table]",
	.summary = N_("Export all items as CSV."),
	.opts = item_list_opts,		/* --search too, as before */
	.flags = CMD_NEEDS_DB | CMD_LOGIN | CMD_CENTRAL,
	.exec = cmd_item_export,
};

const struct cmd_entry cmd_unit_add_entry = {
	.group = "unit",
	.name = "add",
	.usage = "ITEM UNIT FACTOR [--purchase]",
	.summary = N_("Add a unit: 1 UNIT = FACTOR base units; --purchase: "
	    "the unit it is bought in."),
	.opts = unit_add_opts,
	.flags = CMD_NEEDS_DB | CMD_LOGIN | CMD_CENTRAL,
	.exec = cmd_unit_add,
};
