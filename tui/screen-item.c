/* The item card: the item, its stock by location and lot, its last moves. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/i18n.h"
#include "lib/time.h"
#include "core/ledger.h"
#include "core/master.h"
#include "core/qty.h"
#include "core/wms.h"
#include "lib/xmalloc.h"
#include "labels/label.h"
#include "reports/report.h"
#include "tui/screen.h"

#define CARD_DAYS	90

/* A stock row of the card: where, which lot, its expiry, how much. */
struct card_stock {
	char	loc[208];
	char	lot[48];
	char	expiry[11];
	int64_t	qty;
	int	expired;
};

struct card {
	struct db_item	 item;
	struct report	*stock, *moves;
	int64_t		 days[CARD_DAYS];	/* balance at each day's end */
	int64_t		 lo, hi;
	struct card_stock *rows;		/* the stock, with expiry */
	int		 nrows, caprows;
	int64_t		 total, expired;
	struct tui_list	 sl, ml;		/* stock and movements */
	int		 focus;			/* 0 stock, 1 movements */
	char		 today[11];
};

static int
card_stock_row(const struct db_report_stock *r, void *arg)
{
	struct card		*c = arg;
	struct card_stock	*x;

	if (c->nrows == c->caprows) {
		c->caprows = c->caprows ? c->caprows * 2 : 32;
		c->rows = xreallocarray(c->rows, (size_t)c->caprows,
		    sizeof *c->rows);
	}
	x = &c->rows[c->nrows++];
	snprintf(x->loc, sizeof x->loc, "%s", r->location);
	snprintf(x->lot, sizeof x->lot, "%s", r->lot != NULL ? r->lot : "");
	snprintf(x->expiry, sizeof x->expiry, "%s", r->expiry != NULL ?
	    r->expiry : "");
	x->qty = r->qty;
	x->expired = *x->expiry != '\0' && strcmp(x->expiry, c->today) < 0;
	c->total += r->qty;
	if (x->expired)
		c->expired += r->qty;
	return 0;
}

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

	char		 now[32], local[40];

	c = xcalloc(1, sizeof *c);
	wms_now_iso(w, now);
	wms_time_local(now, local, sizeof local);
	snprintf(c->today, sizeof c->today, "%.10s", local);
	if (wms_item_get(w, arg, &c->item, err) != 0 ||
	    report_stock(w, NULL, NULL, c->item.code, &c->stock, err) != 0 ||
	    wms_stock_each(w, NULL, NULL, c->item.code, card_stock_row, c,
	    err) != 0 ||
	    report_ledger(w, c->item.code, NULL, &c->moves, err) != 0) {
		db_item_fini(&c->item);
		report_free(c->stock);
		free(c->rows);
		free(c);
		return err->rc;
	}
	card_days(c, w);
	tui_list_reset(&c->sl, c->nrows);
	tui_list_reset(&c->ml, (int)report_nrows(c->moves));
	/* The newest movement first in sight: the last row. */
	c->ml.sel = c->ml.n > 0 ? c->ml.n - 1 : 0;
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
	free(c->rows);
	free(c);
}

/* The card's two lists: stock (with expiry) and movements (with dates). */
static const struct tui_col card_scols[] = {
	{ .title = N_("Location"), .col = 4, .width = 20 },
	{ .title = N_("Lot"), .col = 25, .width = 14 },
	{ .title = N_("Expiry"), .col = 40, .width = 10 },
	{ .title = N_("Quantity"), .col = 51, .width = 12, .num = 1 },
	{ .title = N_("Unit"), .col = 64, .width = 6 },
	{ .title = "", .col = 71, .width = 7 },
};

static const struct tui_col card_mcols[] = {
	{ .title = N_("Date"), .col = 4, .width = 16 },
	{ .title = N_("Document"), .col = 21, .width = 19 },
	{ .title = N_("In"), .col = 41, .width = 10, .num = 1 },
	{ .title = N_("Out"), .col = 52, .width = 10, .num = 1 },
	{ .title = N_("Balance"), .col = 63, .width = 12, .num = 1 },
};

static void
card_srow(struct tui_screen *s, int i, int row)
{
	struct card		*c = s->data;
	const struct card_stock	*x = &c->rows[i];
	char			 q[32];
	const char		*cell[6] = { x->loc, x->lot, x->expiry,
				    wms_qty_fmt(x->qty, q, sizeof q),
				    c->item.uom, x->expired ? _("expired") :
				    NULL };

	tui_put_cells(s->tui, row, card_scols, 6, cell);
}

static void
card_mrow(struct tui_screen *s, int i, int row)
{
	struct card	*c = s->data;
	char		 at[40], when[40], doc[64], in[32], out[32], bal[32];
	const char	*cell[5] = { when, doc, in, out, bal };

	report_cell_text(c->moves, (size_t)i, 0, at, sizeof at);
	wms_time_local(at, when, sizeof when);
	report_cell_text(c->moves, (size_t)i, 1, doc, sizeof doc);
	report_cell_text(c->moves, (size_t)i, 5, in, sizeof in);
	report_cell_text(c->moves, (size_t)i, 6, out, sizeof out);
	report_cell_text(c->moves, (size_t)i, 7, bal, sizeof bal);
	tui_put_cells(s->tui, row, card_mcols, 5, cell);
}

static void
card_draw(struct tui_screen *s)
{
	struct card	*c = s->data;
	struct tui	*t = s->tui;
	char		 line[512], a[32], b[32];
	char		 spark[CARD_DAYS * 3 + 1];
	int		 row = 2, cols = tui_cols(t), room, srows, mrows;

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
	/* What is left is shared by the two lists, the stock first. */
	room = tui_rows(t) - 3 - row - 7;
	srows = c->nrows < room / 2 ? (c->nrows > 0 ? c->nrows : 1) :
	    room / 2;
	mrows = room - srows;
	tui_put_bold(t, row, 2, cols - 24, c->focus == 0 ? _("Stock by "
	    "location and lot (Tab: movements)") : _("Stock by location and "
	    "lot"));
	tui_list_count(t, row++, &c->sl);
	tui_put_heads(t, row++, card_scols, 5);
	if (c->nrows == 0)
		tui_put(t, row, 4, cols - 8, _("no stock"), 0);
	tui_list_draw(s, &c->sl, row, srows, c->focus == 0 ? 2 : -1,
	    card_srow);
	row += srows;
	snprintf(line, sizeof line, _("Total: %s %s"), wms_qty_fmt(c->total,
	    a, sizeof a), c->item.uom);
	if (c->expired > 0) {
		size_t len = strlen(line);

		snprintf(line + len, sizeof line - len, _(", of which %s %s "
		    "expired"), wms_qty_fmt(c->expired, b, sizeof b),
		    c->item.uom);
	}
	tui_put_bold(t, row++, 4, cols - 8, line);
	row++;
	tui_put_bold(t, row, 2, cols - 24, c->focus == 1 ? _("Last movements "
	    "(Tab: stock)") : _("Last movements"));
	tui_list_count(t, row++, &c->ml);
	tui_put_heads(t, row++, card_mcols, 5);
	tui_list_draw(s, &c->ml, row, mrows, c->focus == 1 ? 2 : -1,
	    card_mrow);
}

/* ↑ ↓ PgUp PgDn Home End scroll the list with the focus; Tab the other. */
static int
card_key(struct tui_screen *s, int key)
{
	struct card *c = s->data;

	if (key == TUI_KEY_TAB) {
		c->focus = !c->focus;
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (tui_list_key(c->focus == 0 ? &c->sl : &c->ml, key))
		return TUI_HANDLED | TUI_REDRAW;
	return TUI_IGNORED;
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
	.key = card_key,
	.keys = card_keys,
};
