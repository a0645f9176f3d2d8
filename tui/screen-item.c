/* The item card: the item, its stock by location and lot, its last moves. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/i18n.h"
#include "core/ledger.h"
#include "core/master.h"
#include "core/qty.h"
#include "core/wms.h"
#include "lib/xmalloc.h"
#include "labels/label.h"
#include "reports/report.h"
#include "tui/screen.h"

#define CARD_DAYS	90

struct card {
	struct db_item	 item;
	struct report	*stock, *moves;
	int64_t		 days[CARD_DAYS];	/* balance at each day's end */
	int64_t		 lo, hi;
};

/*
 * The balance (all depots) at the end of each of the last 90 days, from
 * the stock card's running balance: a day without movements keeps the
 * balance of the day before.
 */
static void
card_days(struct card *c, struct wms *w)
{
	char	 now[32], day[11], at[32], bal[32];
	size_t	 i = 0, n = report_nrows(c->moves);
	int64_t	 b = 0, q;
	int	 d;

	wms_now_iso(w, now);
	for (d = 0; d < CARD_DAYS; d++) {
		wms_date_add(now, d - (CARD_DAYS - 1), day);
		/* Movements up to the end of that day. */
		for (; i < n; i++) {
			report_cell_text(c->moves, i, 0, at, sizeof at);
			if (strncmp(at, day, 10) > 0)
				break;
			report_cell_text(c->moves, i, 7, bal, sizeof bal);
			if (wms_qty_parse(bal, WMS_QTY_ZERO | WMS_QTY_SIGNED, &q,
			    NULL) == 0)
				b = q;
		}
		c->days[d] = b;
		if (d == 0 || b < c->lo)
			c->lo = b;
		if (d == 0 || b > c->hi)
			c->hi = b;
	}
}

static int
card_init(struct tui_screen *s, void *arg, struct wms_err *err)
{
	struct card	*c;
	struct wms	*w = tui_wms(s->tui);

	c = xcalloc(1, sizeof *c);
	if (wms_item_get(w, arg, &c->item, err) != 0 ||
	    report_stock(w, NULL, NULL, c->item.code, &c->stock, err) != 0 ||
	    report_ledger(w, c->item.code, NULL, &c->moves, err) != 0) {
		db_item_fini(&c->item);
		report_free(c->stock);
		free(c);
		return err->rc;
	}
	card_days(c, w);
	s->data = c;
	return 0;
}

static void
card_free(struct tui_screen *s)
{
	struct card *c = s->data;

	db_item_fini(&c->item);
	report_free(c->stock);
	report_free(c->moves);
	free(c);
}

static void
card_draw(struct tui_screen *s)
{
	struct card	*c = s->data;
	struct tui	*t = s->tui;
	char		 line[512], a[32], b[32], q[32], lot[64], loc[160];
	char		 spark[CARD_DAYS * 3 + 1];
	size_t		 i, n, from;
	int		 row = 2, cols = tui_cols(t), room;

	tui_put_bold(t, row++, 2, cols - 4, c->item.code);
	tui_put(t, row++, 2, cols - 4, c->item.name_ar, 0);
	tui_put(t, row++, 2, cols - 4, c->item.name_en, 0);
	snprintf(line, sizeof line, "%s: %s   %s: %s   %s: %s   %s: %s",
	    _("unit"), c->item.uom, _("tracking"), c->item.tracking,
	    _("minimum"), wms_qty_fmt(c->item.min_qty, a, sizeof a),
	    _("maximum"), wms_qty_fmt(c->item.max_qty, b, sizeof b));
	tui_put(t, row++, 2, cols - 4, line, 0);
	/* The balance over 90 days, a cell per day when the screen is wide
	 * enough, else a cell per few days. */
	if (tui_sparkline(c->days, CARD_DAYS, (size_t)(cols - 40),
	    spark, sizeof spark) > 0) {
		snprintf(line, sizeof line, "%s  %s  %s–%s", _("90 days"),
		    spark, wms_qty_fmt(c->lo, a, sizeof a),
		    wms_qty_fmt(c->hi, b, sizeof b));
		tui_put(t, row++, 2, cols - 4, line, 0);
	}
	row++;
	tui_put_bold(t, row++, 2, cols - 4, _("Stock by location and lot"));
	room = (tui_rows(t) - row - 4) / 2;
	n = report_nrows(c->stock);
	for (i = 0; i < n && (int)i < room; i++) {
		report_cell_text(c->stock, i, 1, loc, sizeof loc);
		report_cell_text(c->stock, i, 3, lot, sizeof lot);
		report_cell_text(c->stock, i, 4, q, sizeof q);
		tui_put(t, row, 4, 24, loc, 0);
		tui_put(t, row, 29, 20, lot, 0);
		tui_put(t, row++, 50, 14, q, 1);
	}
	if (n == 0)
		tui_put(t, row++, 4, cols - 8, _("no stock"), 0);
	row++;
	tui_put_bold(t, row++, 2, cols - 4, _("Last movements"));
	n = report_nrows(c->moves);
	room = tui_rows(t) - row - 3;
	from = n > (size_t)room ? n - (size_t)room : 0;
	for (i = from; i < n; i++) {
		char doc[64], in[32], out[32], bal[32];

		report_cell_text(c->moves, i, 1, doc, sizeof doc);
		report_cell_text(c->moves, i, 5, in, sizeof in);
		report_cell_text(c->moves, i, 6, out, sizeof out);
		report_cell_text(c->moves, i, 7, bal, sizeof bal);
		tui_put(t, row, 4, 22, doc, 0);
		tui_put(t, row, 27, 10, in, 1);
		tui_put(t, row, 38, 10, out, 1);
		tui_put(t, row++, 49, 12, bal, 1);
	}
}

/* A label for each lot (or serial) the card shows in stock. */
static void
card_lot_labels(struct tui_screen *s)
{
	struct card	*c = s->data;
	char		 lot[64], prev[64] = "";
	size_t		 i, n = report_nrows(c->stock), jobs = 0;

	for (i = 0; i < n; i++) {
		report_cell_text(c->stock, i, 3, lot, sizeof lot);
		if (*lot == '\0' || strcmp(lot, prev) == 0)
			continue;
		snprintf(prev, sizeof prev, "%s", lot);
		if (tui_print(s, LABEL_LOT, c->item.code, lot) != 0)
			return;
		jobs++;
	}
	if (jobs == 0)
		tui_status(s->tui, _("%s has no lot in stock to label"),
		    c->item.code);
	else
		tui_status(s->tui, _("labels of %zu lots sent to %s"), jobs,
		    tui_printer(s->tui));
}

static int
card_item_label(struct tui_screen *s, int key)
{
	struct card *c = s->data;

	(void)key;
	tui_print(s, LABEL_ITEM, c->item.code, NULL);
	return TUI_HANDLED | TUI_REDRAW;
}

static int
card_lot_key(struct tui_screen *s, int key)
{
	(void)key;
	card_lot_labels(s);
	return TUI_HANDLED | TUI_REDRAW;
}

static const struct tui_binding card_keys[] = {
	{ .key = TUI_KEY_F(4), .label = "F4", .what = N_("item label"),
	    .fn = card_item_label },
	{ .key = 'l', .label = "L", .what = N_("lot labels"),
	    .fn = card_lot_key },
	{ .key = TUI_KEY_ESC, .label = "Esc", .what = N_("back"),
	    .fn = tui_key_back },
	{ .key = 0 }
};

const struct tui_screen_entry tui_screen_item = {
	.name = "item",
	.title = N_("Item card"),
	.init = card_init,
	.free = card_free,
	.draw = card_draw,
	.keys = card_keys,
};
