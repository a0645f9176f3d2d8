/*
 * Counting, blind: scan a bin, then items (and lots), and type what is
 * there.  The book quantity is never read into this screen: its lines
 * hold what the counter entered and nothing else.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/count.h"
#include "lib/i18n.h"
#include "core/ledger.h"
#include "core/master.h"
#include "core/qty.h"
#include "core/wms.h"
#include "lib/xmalloc.h"
#include "labels/gs1.h"
#include "tui/screen-count.h"
#include "tui/screen.h"

static const char *const cstep_label[] = {
	[C_BIN] = N_("Bin (scan or type)"),
	[C_ITEM] = N_("Item (scan or type)"),
	[C_LOT] = N_("Lot or serial"),
	[C_QTY] = N_("Counted quantity [unit]"),
};

struct count_fill {
	struct count_entry	*c;
	int			 arabic;
};

static int
count_row(const struct db_count_line *r, void *arg)
{
	struct count_fill	*f = arg;
	struct count_entry	*c = f->c;
	struct count_seen	*l;

	if (strcmp(r->location, c->bin) != 0)
		return 0;
	l = &c->seen[c->n++];
	memset(l, 0, sizeof *l);
	snprintf(l->item, sizeof l->item, "%s", r->item);
	snprintf(l->name, sizeof l->name, "%s", f->arabic ? r->name_ar :
	    r->name_en);
	snprintf(l->lot, sizeof l->lot, "%s", r->lot != NULL ? r->lot : "");
	snprintf(l->status, sizeof l->status, "%s", r->status);
	snprintf(l->uom, sizeof l->uom, "%s", r->uom);
	/* Only what was counted: expected and book stay in the core. */
	if (r->has_counted)
		wms_qty_fmt(r->counted, l->counted, sizeof l->counted);
	return c->n == COUNT_LINES;
}

/* Read the count's header and the lines at the bin again. */
static void
count_load(struct tui_screen *s)
{
	struct count_fill	 f = { s->data, tui_dir(s->tui) == TUI_DIR_RTL };
	struct count_entry	*c = s->data;
	struct wms_err		 err;

	c->n = 0;
	if (wms_count_info(tui_wms(s->tui), c->number, &c->info, &err) != 0 ||
	    (*c->bin != '\0' && wms_count_each(tui_wms(s->tui), c->number,
	    NULL, count_row, &f, &err) != 0))
		tui_status(s->tui, "%s", err.msg);
}

static int
count_init(struct tui_screen *s, void *arg, struct wms_err *err)
{
	struct count_entry *c;

	if (arg == NULL)
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("missing count number"));
	c = xcalloc(1, sizeof *c);
	snprintf(c->number, sizeof c->number, "%s", (const char *)arg);
	if (wms_count_info(tui_wms(s->tui), c->number, &c->info, err) != 0) {
		free(c);
		return err->rc;
	}
	s->data = c;
	return 0;
}

static void
count_free(struct tui_screen *s)
{
	free(s->data);
}

/* The lines entered at this station. */
static const struct tui_col count_cols[] = {
	{ .title = N_("Item"), .col = 2, .width = 20 },
	{ .title = N_("Name"), .col = 23, .width = 24, .shrink = 1 },
	{ .title = N_("Lot"), .col = 48, .width = 12, .shrink = 1 },
	{ .title = N_("Counted"), .col = 61, .width = 14 },
};

static void
count_draw(struct tui_screen *s)
{
	struct count_entry	*c = s->data;
	struct tui		*t = s->tui;
	char			 line[256];
	int			 i, row, first, list, cols = tui_cols(t);

	snprintf(line, sizeof line, _("%s  %s  area %s"), c->number,
	    strcmp(c->info.status, "open") == 0 ? _("open") : _("posted"),
	    c->info.prefix);
	tui_put_bold(t, 2, 2, cols - 4, line);
	snprintf(line, sizeof line, _("%d lines, %d counted, %d to count"),
	    c->info.lines, c->info.counted, c->info.pending);
	tui_put(t, 3, 2, cols - 4, line, 0);
	tui_put(t, 4, 2, 16, _("Bin"), 0);
	tui_put(t, 4, 19, cols - 22, *c->bin != '\0' ? c->bin : "—", 0);
	tui_put_heads(t, 5, count_cols, 4);
	list = tui_rows(t) - 12;
	first = c->n > list ? c->n - list : 0;
	for (i = first, row = 6; i < c->n; i++, row++) {
		const char *cell[4] = { c->seen[i].item, c->seen[i].name,
		    c->seen[i].lot, line };

		if (*c->seen[i].counted != '\0')
			snprintf(line, sizeof line, "%s %s", c->seen[i].counted,
			    c->seen[i].uom);
		else
			snprintf(line, sizeof line, "%s",
			    strcmp(c->seen[i].status, "recount") == 0 ?
			    _("recount") : _("to count"));
		tui_put_cells(t, row, count_cols, 4, cell);
	}
	if (c->step >= C_LOT) {
		snprintf(line, sizeof line, "%s %s", c->item, c->lot);
		tui_put(t, tui_rows(t) - 5, 2, cols - 4, line, 0);
	} else if (*c->moved != '\0') {
		/* A bin scanned at the item: said where the user looks. */
		snprintf(line, sizeof line, _("Now at %s (scanned), not %s; "
		    "F3: another bin"), c->bin, c->moved);
		tui_put_bold(t, tui_rows(t) - 5, 2, cols - 4, line);
	}
	tui_put(t, tui_rows(t) - 4, 2, 30, _(cstep_label[c->step]), 0);
	tui_put_field(t, tui_rows(t) - 4, 33, cols - 36, &c->in, 1);
}

/* A bin of the count: a real location under its area. */
static int
count_bin(struct tui_screen *s, const char *text, struct wms_err *err)
{
	struct count_entry	*c = s->data;
	char			 kind[12];
	size_t			 n = strlen(c->info.prefix);

	if (wms_location_get(tui_wms(s->tui), text, kind, err) != 0)
		return err->rc;
	if (strcmp(kind, "internal") != 0 ||
	    strncmp(text, c->info.prefix, n) != 0 ||
	    (text[n] != '\0' && text[n] != '/'))
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("%s is not in count %s (%s)"), text, c->number,
		    c->info.prefix);
	if (strlen(text) >= sizeof c->bin)
		return wms_err_set(err, WMS_ERR_INVALID, _("bad location "
		    "\"%s\": DEPOT/ZONE/BIN"), text);
	memcpy(c->bin, text, strlen(text) + 1);
	c->step = C_ITEM;
	count_load(s);
	return 0;
}

/*
 * An item scanned or typed: its code, a barcode or GS1 data (which may
 * carry the lot).  A location scanned here changes the bin.
 */
static int
count_item(struct tui_screen *s, const char *text, struct wms_err *err)
{
	struct count_entry	*c = s->data;
	struct label_scan	 sc;
	struct db_item		 it;
	const char		*code = text;
	char			 gtin13[15];

	*c->lot = '\0';
	if (label_scan_parse(text, &sc, NULL) == 0) {
		if (sc.kind == LABEL_SCAN_LOCATION) {
			char was[sizeof c->bin];

			memcpy(was, c->bin, sizeof was);
			if (count_bin(s, sc.text, err) != 0)
				return err->rc;
			if (strcmp(was, c->bin) != 0)
				memcpy(c->moved, was, sizeof c->moved);
			return 0;
		}
		if (sc.kind == LABEL_SCAN_GS1) {
			code = *sc.item != '\0' ? sc.item : sc.gtin;
			if (*sc.gtin == '0' && *sc.item == '\0') {
				memcpy(gtin13, sc.gtin + 1,
				    strlen(sc.gtin + 1) + 1);
				code = gtin13;
			}
			snprintf(c->lot, sizeof c->lot, "%s", *sc.serial !=
			    '\0' ? sc.serial : sc.lot);
		}
	}
	if (wms_item_get(tui_wms(s->tui), code, &it, err) != 0)
		return err->rc;
	snprintf(c->item, sizeof c->item, "%s", it.code);
	c->tracked = strcmp(it.tracking, "none") != 0;
	db_item_fini(&it);
	c->step = c->tracked && *c->lot == '\0' ? C_LOT : C_QTY;
	return 0;
}

/* The quantity typed ("12", "4 BAG"), entered blind. */
static int
count_qty(struct tui_screen *s, const char *text, struct wms_err *err)
{
	struct count_entry	*c = s->data;
	struct wms		*w = tui_wms(s->tui);
	char			 qty[64], *unit;
	int64_t			 q, base;

	if (strlen(text) >= sizeof qty)
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("too long: at most %zu characters"), sizeof qty - 1);
	memcpy(qty, text, strlen(text) + 1);
	if ((unit = strchr(qty, ' ')) != NULL) {
		*unit++ = '\0';
		while (*unit == ' ')
			unit++;
	}
	if (wms_qty_parse(qty, WMS_QTY_ZERO, &q, err) != 0 ||
	    wms_to_base(w, c->item, q, unit, &base, err) != 0 ||
	    wms_count_enter(w, c->number, c->bin, c->item, c->tracked ?
	    c->lot : NULL, base, err) != 0)
		return err->rc;
	tui_status(s->tui, _("counted %s %s at %s"), text, c->item, c->bin);
	c->step = C_ITEM;
	count_load(s);
	return 0;
}

static int
count_enter(struct tui_screen *s, int key)
{
	struct count_entry	*c = s->data;
	struct wms_err		 err;
	const char		*in = c->in.text;
	int			 rc = 0;

	(void)key;
	if (*in == '\0' && c->step != C_QTY)
		return TUI_HANDLED;
	switch (c->step) {
	case C_BIN:
		rc = count_bin(s, in, &err);
		break;
	case C_ITEM:
		rc = count_item(s, in, &err);
		break;
	case C_LOT:
		if (strlen(in) >= sizeof c->lot)
			rc = wms_err_set(&err, WMS_ERR_INVALID, _("too long: "
			    "at most %zu characters"), sizeof c->lot - 1);
		else {
			memcpy(c->lot, in, strlen(in) + 1);
			c->step = C_QTY;
		}
		break;
	case C_QTY:
		rc = count_qty(s, in, &err);
		break;
	}
	if (rc != 0)
		tui_status(s->tui, "%s", err.msg);
	tui_field_clear(&c->in);
	return TUI_HANDLED | TUI_REDRAW;
}

/* F3: another bin. */
static int
count_other_bin(struct tui_screen *s, int key)
{
	struct count_entry *c = s->data;

	(void)key;
	c->step = C_BIN;
	tui_field_clear(&c->in);
	return TUI_HANDLED | TUI_REDRAW;
}

/* F2: look the bin or the item up by name, into the field. */
static int
count_lookup(struct tui_screen *s, int key)
{
	struct count_entry *c = s->data;

	(void)key;
	return tui_pick_bin_item(s, &c->pick, c->step == C_BIN,
	    c->step == C_ITEM, &c->in);
}

/* F6: the review of this count (supervisors). */
static int
count_review(struct tui_screen *s, int key)
{
	struct count_entry *c = s->data;

	(void)key;
	tui_push(s->tui, &tui_screen_count_review, c->number);
	return TUI_HANDLED;
}

/* Esc: in the middle of an item, drop it; else leave. */
static int
count_back(struct tui_screen *s, int key)
{
	struct count_entry *c = s->data;

	(void)key;
	if (c->step == C_LOT || c->step == C_QTY) {
		c->step = C_ITEM;
		tui_field_clear(&c->in);
		return TUI_HANDLED | TUI_REDRAW;
	}
	return TUI_POP | TUI_REDRAW;
}

static const struct tui_binding count_keys[] = {
	{ .key = '\n', .label = "Enter", .what = N_("next"),
	    .fn = count_enter },
	{ .key = TUI_KEY_F(2), .label = "F2", .what = N_("look up"),
	    .fn = count_lookup },
	{ .key = TUI_KEY_F(3), .label = "F3", .what = N_("other bin"),
	    .fn = count_other_bin },
	{ .key = TUI_KEY_F(6), .label = "F6", .what = N_("review"),
	    .need = TUI_NEEDS(WMS_PERM_SUPERVISE), .fn = count_review },
	{ .key = TUI_KEY_ESC, .label = "Esc", .what = N_("back"),
	    .fn = count_back },
	{ .key = 0 }
};

/* What is typed goes to the field. */
static int
count_key(struct tui_screen *s, int key)
{
	struct count_entry *c = s->data;

	if (key != TUI_KEY_ENTER)
		*c->moved = '\0';
	return tui_field_key(&c->in, key);
}

/*
 * A fixed scanner's code is taken at the bin, the item and the lot, while
 * nothing is typed there; never into the counted quantity.
 */
static int
count_scan_ok(struct tui_screen *s)
{
	struct count_entry *c = s->data;

	return c->step != C_QTY && c->in.len == 0;
}

const struct tui_screen_entry tui_screen_count = {
	.name = "count",
	.title = N_("Count"),
	.need = TUI_NEEDS(WMS_PERM_COUNT),
	.init = count_init,
	.free = count_free,
	.draw = count_draw,
	.key = count_key,
	.keys = count_keys,
	.scan_ok = count_scan_ok,
};
