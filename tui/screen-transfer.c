/*
 * Transfers: the list of those still in transit, shipping a new one (the
 * ship screen), and receiving one at a bin of its depot, in full or in
 * part: every line starts at what is in transit and can be lowered.
 */
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
#include "reports/report.h"
#include "tui/confirm.h"
#include "tui/screen.h"

#define TRANSFER_LINES	100

/* What is in transit of the chosen transfer, and what is received of it. */
struct tline {
	char	item[32];
	char	lot[48];
	char	uom[16];
	int64_t	left;		/* in transit, base thousandths */
	int64_t	take;		/* to receive now */
};

struct transfer {
	struct report		*list;		/* transfers in transit */
	struct tui_list		 view;		/* of list's rows */
	/* Receiving one: its number, its depot, the bin, the lines. */
	char			 number[WMS_NUMBER_MAX];
	char			 dest[32];
	char			 to[208];
	struct tline		 lines[TRANSFER_LINES];
	int			 n;
	struct tui_list		 line;		/* of lines: the current */
	int			 receiving;	/* 0: the list */
	int			 stale;		/* a shipment may be new */
	struct tui_field	 in;		/* the list: a scanned number */
	struct tui_confirm	 confirm;	/* the summary before F9 */
	struct tui_pick		 pick;		/* F2's look-up of the bin */
};

static void
transfer_load(struct tui_screen *s)
{
	struct transfer	*tr = s->data;
	struct wms_err	 err;
	int		 n;

	report_free(tr->list);
	tr->list = NULL;
	if (report_transfers(tui_wms(s->tui), 1, &tr->list, &err) != 0)
		tui_status(s->tui, "%s", err.msg);
	n = tr->list != NULL ? (int)report_nrows(tr->list) : 0;
	if (tr->view.sel >= n)
		tui_list_reset(&tr->view, n);
	else
		tui_list_set(&tr->view, n);
}

static int	transfer_open(struct tui_screen *, const char *);

/* arg: a transfer number to receive at once (a scan from elsewhere). */
static int
transfer_init(struct tui_screen *s, void *arg, struct wms_err *err)
{
	(void)err;
	s->data = xcalloc(1, sizeof(struct transfer));
	transfer_load(s);
	if (arg != NULL)
		transfer_open(s, arg);
	return 0;
}

static void
transfer_free(struct tui_screen *s)
{
	struct transfer *tr = s->data;

	report_free(tr->list);
	tui_confirm_fini(&tr->confirm);
	free(tr);
}

static int
transfer_line(const struct wms_transit_row *r, void *arg)
{
	struct transfer	*tr = arg;
	struct tline	*l;

	if (tr->n == TRANSFER_LINES)
		return 1;
	l = &tr->lines[tr->n++];
	snprintf(l->item, sizeof l->item, "%s", r->item);
	snprintf(l->lot, sizeof l->lot, "%s", r->lot != NULL ? r->lot : "");
	snprintf(l->uom, sizeof l->uom, "%s", r->uom);
	l->left = l->take = r->qty;
	return 0;
}

/* Open transfer number for receiving: what is in transit, all of it. */
static int
transfer_open(struct tui_screen *s, const char *number)
{
	struct transfer		*tr = s->data;
	struct wms_doc_info	 di;
	struct wms_err		 err;

	tr->n = 0;
	if (wms_doc_get(tui_wms(s->tui), number, &di, &err) != 0 ||
	    wms_transfer_left_each(tui_wms(s->tui), number, transfer_line, tr,
	    &err) != 0) {
		tui_status(s->tui, "%s", err.msg);
		return -1;
	}
	if (tr->n == 0) {
		tui_status(s->tui, _("transfer %s was already received in "
		    "full"), number);
		return -1;
	}
	snprintf(tr->number, sizeof tr->number, "%s", number);
	snprintf(tr->dest, sizeof tr->dest, "%s", di.dest);
	tr->to[0] = '\0';
	tui_list_reset(&tr->line, tr->n);
	tr->receiving = 1;
	tui_field_clear(&tr->in);
	return 0;
}

/* The bin it is received at: a real location of its depot. */
static int
transfer_bin(struct tui_screen *s, const char *text)
{
	struct transfer	*tr = s->data;
	struct wms_err	 err;
	char		 kind[12];
	size_t		 n = strlen(tr->dest);

	if (wms_location_get(tui_wms(s->tui), text, kind, &err) != 0) {
		tui_status(s->tui, "%s", err.msg);
		return -1;
	}
	if (strcmp(kind, "internal") != 0 || strncmp(text, tr->dest, n) != 0 ||
	    text[n] != '/' || strlen(text) >= sizeof tr->to) {
		tui_status(s->tui, _("transfer %s goes to depot %s: receive it "
		    "at a location there, not %s"), tr->number, tr->dest, text);
		return -1;
	}
	memcpy(tr->to, text, strlen(text) + 1);
	return 0;
}

/* What is received of the current line: 0 up to what is in transit. */
static int
transfer_take(struct tui_screen *s, const char *text)
{
	struct transfer	*tr = s->data;
	struct tline	*l = &tr->lines[tr->line.sel];
	struct wms_err	 err;
	char		 qty[32], *unit, h[32], q[32];
	int64_t		 v, base;

	snprintf(qty, sizeof qty, "%s", text);
	if ((unit = strchr(qty, ' ')) != NULL)
		*unit++ = '\0';
	if (wms_qty_parse(qty, WMS_QTY_ZERO, &v, &err) != 0 ||
	    wms_to_base(tui_wms(s->tui), l->item, v, unit, &base,
	    &err) != 0) {
		tui_status(s->tui, "%s", err.msg);
		return -1;
	}
	if (base > l->left) {
		tui_status(s->tui, _("transfer %s has %s %s of %s%s%s in "
		    "transit, %s received"), tr->number, wms_qty_fmt(l->left,
		    h, sizeof h), l->uom, l->item, *l->lot ? _(" lot ") : "",
		    l->lot, wms_qty_fmt(base, q, sizeof q));
		return -1;
	}
	l->take = base;
	tui_list_key(&tr->line, TUI_KEY_DOWN);
	return 0;
}

/* Receive what the lines say: everything left, or the part given. */
static int
transfer_receive(struct tui_screen *s)
{
	struct transfer	*tr = s->data;
	struct wms_line	 lines[TRANSFER_LINES];
	struct wms_err	 err;
	size_t		 n = 0;
	int		 i, all = 1;

	if (*tr->to == '\0') {
		tui_status(s->tui, _("give %s"), _("the location it is "
		    "received at"));
		return -1;
	}
	memset(lines, 0, sizeof lines);
	for (i = 0; i < tr->n; i++) {
		if (tr->lines[i].take != tr->lines[i].left)
			all = 0;
		if (tr->lines[i].take == 0)
			continue;
		lines[n].item = tr->lines[i].item;
		lines[n].lot = *tr->lines[i].lot ? tr->lines[i].lot : NULL;
		lines[n].qty = tr->lines[i].take;
		lines[n].cost = -1;
		n++;
	}
	if (n == 0) {
		tui_status(s->tui, "%s", _("nothing to receive: every line is "
		    "at 0"));
		return -1;
	}
	if (wms_transfer_receive(tui_wms(s->tui), tr->number, tr->to,
	    all ? NULL : lines, all ? 0 : n, &err) != 0) {
		tui_status(s->tui, _("not received, nothing was written: %s"),
		    err.msg);
		return -1;
	}
	if (all)
		tui_status(s->tui, _("%s received in full at %s"), tr->number,
		    tr->to);
	else
		tui_status(s->tui, _("%s received in part at %s: the rest "
		    "stays in transit"), tr->number, tr->to);
	tr->receiving = 0;
	tui_posted(s->tui);
	transfer_load(s);
	return 0;
}

/* A transfer in transit: number, depots, when, what. */
static void
transfer_draw_row(struct tui_screen *s, int i, int row)
{
	static const int cols[] = { 0, 1, 2, 4, 5 };
	static const int widths[] = { 22, 6, 6, 24, 6 };
	struct transfer	*tr = s->data;
	char		 cell[128];
	int		 k, col;

	char		 local[64];

	for (k = 0, col = 4; k < 5; col += widths[k] + 1, k++) {
		report_cell_text(tr->list, (size_t)i, cols[k], cell,
		    sizeof cell);
		wms_time_local(cell, local, sizeof local);
		tui_put(s->tui, row, col, widths[k], local, 0);
	}
}

static void
transfer_draw_list(struct tui_screen *s)
{
	struct transfer	*tr = s->data;
	struct tui	*t = s->tui;
	char		 cell[128];

	static const int widths[] = { 22, 6, 6, 24, 6 };
	static const char *const heads[] = { N_("Transfer"), N_("From"),
	    N_("To"), N_("Shipped"), N_("Lines") };
	int		 k, col;

	snprintf(cell, sizeof cell, _("Transfers in transit: %zu"),
	    (size_t)tr->view.n);
	tui_put_bold(t, 2, 2, tui_cols(t) - 24, cell);
	tui_list_count(t, 2, &tr->view);
	for (k = 0, col = 4; k < 5; col += widths[k] + 1, k++)
		tui_put_bold(t, 3, col, widths[k], _(heads[k]));
	tui_list_draw(s, &tr->view, 4, tui_rows(t) - 8, 2, transfer_draw_row);
	tui_put(t, tui_rows(t) - 4, 2, 40, _("Transfer number (scan or "
	    "type)"), 0);
	tui_put_field(t, tui_rows(t) - 4, 43, tui_cols(t) - 46, &tr->in, 1);
}

static const struct tui_col tline_cols[] = {
	{ .title = N_("Item"), .col = 4, .width = 20 },
	{ .title = N_("Lot / serials"), .col = 25, .width = 18 },
	{ .title = N_("In transit"), .col = 44, .width = 14 },
	{ .title = N_("Received now"), .col = 59, .width = 14 },
};

/* A line being received: in transit, and what is received of it now. */
static void
transfer_draw_line(struct tui_screen *s, int i, int row)
{
	struct transfer		*tr = s->data;
	const struct tline	*l = &tr->lines[i];
	struct tui		*t = s->tui;
	char			 left[80], take[80], a[32], b[32];
	const char		*cell[4] = { l->item, l->lot, left, take };

	snprintf(left, sizeof left, "%s %s", wms_qty_fmt(l->left, a, sizeof a),
	    l->uom);
	snprintf(take, sizeof take, "%s %s", wms_qty_fmt(l->take, b, sizeof b),
	    l->uom);
	tui_put_cells(t, row, tline_cols, 4, cell);
}

static void
transfer_draw(struct tui_screen *s)
{
	struct transfer	*tr = s->data;
	struct tui	*t = s->tui;
	char		 line[160];

	if (!tr->receiving) {
		transfer_draw_list(s);
		return;
	}
	snprintf(line, sizeof line, _("Receiving %s at depot %s"), tr->number,
	    tr->dest);
	tui_put_bold(t, 2, 2, tui_cols(t) - 24, line);
	tui_list_count(t, 2, &tr->line);
	tui_put(t, 3, 2, 20, _("To location"), 0);
	tui_put(t, 3, 23, 40, tr->to, 0);
	tui_put_heads(t, 5, tline_cols, 4);
	/* The current line is marked once the bin is given. */
	tui_list_draw(s, &tr->line, 6, tui_rows(t) - 12, *tr->to != '\0' ?
	    2 : -1, transfer_draw_line);
	tui_put(t, tui_rows(t) - 4, 2, 40, *tr->to == '\0' ?
	    _("To location") : _("Received now ([unit]; Enter: next line)"),
	    0);
	tui_put_field(t, tui_rows(t) - 4, 43, tui_cols(t) - 46, &tr->in, 1);
}

/* Enter while receiving: the bin, then a line's quantity, or the next. */
static int
transfer_enter_receiving(struct tui_screen *s)
{
	struct transfer	*tr = s->data;
	char		 in[sizeof tr->in.text];

	memcpy(in, tr->in.text, sizeof in);
	tui_field_clear(&tr->in);
	if (*tr->to == '\0')
		transfer_bin(s, in);
	else if (*in == '\0')
		tui_list_key(&tr->line, TUI_KEY_DOWN);
	else
		transfer_take(s, in);
	return TUI_HANDLED | TUI_REDRAW;
}

/* Enter: receive the number typed or scanned, or the one selected. */
static int
transfer_enter(struct tui_screen *s, int key)
{
	struct transfer	*tr = s->data;
	char		 number[sizeof tr->in.text];

	(void)key;
	if (tr->receiving)
		return transfer_enter_receiving(s);
	if (tr->in.len > 0) {
		/* A transfer number scanned or typed. */
		snprintf(number, sizeof number, "%s", tr->in.text);
		tui_field_clear(&tr->in);
		transfer_open(s, number);
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (tr->view.n == 0) {
		tui_status(s->tui, "%s", _("no transfer is in transit"));
		return TUI_HANDLED | TUI_REDRAW;
	}
	report_cell_text(tr->list, (size_t)tr->view.sel, 0, number,
	    sizeof number);
	transfer_open(s, number);
	return TUI_HANDLED | TUI_REDRAW;
}

/*
 * s or F2 on the list: ship one (the list is read again after it).  F2
 * while receiving, at the bin: look the bin up by name, into the field.
 */
static int
transfer_ship(struct tui_screen *s, int key)
{
	struct transfer *tr = s->data;

	if (tr->receiving && key != 's' && *tr->to == '\0')
		return tui_pick(s, &tr->pick, TUI_PICK_LOCATION, &tr->in);
	if (tr->receiving)
		return key == 's' ? tui_field_key(&tr->in, key) : TUI_IGNORED;
	tr->stale = 1;
	tui_push(s->tui, &tui_screen_ship, NULL);
	return TUI_HANDLED;
}

/* The summary of what is received now; F9 again receives it. */
static void
transfer_summary(struct tui_screen *s)
{
	struct transfer	*tr = s->data;
	char		 what[200], q[32];
	int		 i;

	if (*tr->to == '\0') {
		tui_status(s->tui, _("give %s"), _("the location it is "
		    "received at"));
		return;
	}
	snprintf(what, sizeof what, _("Receive %s at %s: these lines?"),
	    tr->number, tr->to);
	tui_confirm_init(&tr->confirm, s, transfer_receive, what);
	for (i = 0; i < tr->n; i++) {
		if (tr->lines[i].take == 0)
			continue;
		tui_confirm_add(&tr->confirm, tr->lines[i].item,
		    wms_qty_fmt(tr->lines[i].take, q, sizeof q),
		    tr->lines[i].uom, tr->lines[i].lot, 0, 0);
	}
	if (tr->confirm.n == 0) {
		tui_status(s->tui, "%s", _("nothing to receive: every line is "
		    "at 0"));
		return;
	}
	tui_confirm_open(&tr->confirm);
}

static int
transfer_f9(struct tui_screen *s, int key)
{
	struct transfer *tr = s->data;

	(void)key;
	if (!tr->receiving)
		return TUI_IGNORED;
	transfer_summary(s);
	return TUI_HANDLED | TUI_REDRAW;
}

static int
transfer_refresh(struct tui_screen *s, int key)
{
	struct transfer *tr = s->data;

	(void)key;
	tr->stale = 0;
	transfer_load(s);
	return TUI_HANDLED | TUI_REDRAW;
}

/* Esc: from receiving back to the list; from the list, back. */
static int
transfer_esc(struct tui_screen *s, int key)
{
	struct transfer *tr = s->data;

	(void)key;
	if (!tr->receiving)
		return TUI_POP | TUI_REDRAW;
	tr->receiving = 0;
	return TUI_HANDLED | TUI_REDRAW;
}

static const struct tui_binding transfer_keys[] = {
	{ .key = '\n', .label = "Enter", .what = N_("receive it / next"),
	    .need = TUI_NEEDS(WMS_PERM_POST), .fn = transfer_enter },
	{ .key = 's', .alt = TUI_KEY_F(2), .label = "s/F2",
	    .what = N_("ship a transfer"), .need = TUI_NEEDS(WMS_PERM_POST),
	    .fn = transfer_ship },
	{ .key = TUI_KEY_F(9), .label = "F9", .what = N_("receive"),
	    .need = TUI_NEEDS(WMS_PERM_POST), .fn = transfer_f9 },
	{ .key = TUI_KEY_F(5), .label = "F5", .what = N_("refresh"),
	    .fn = transfer_refresh },
	{ .key = TUI_KEY_ESC, .label = "Esc", .what = N_("back"),
	    .fn = transfer_esc },
	{ .key = 0 }
};

/*
 * The list read again after a shipment; ↑ ↓; what is typed goes to the
 * field (a transfer number, a bin, a quantity).  s starts a shipment only
 * while the field is empty, and never S: both are text otherwise.
 */
static int
transfer_key(struct tui_screen *s, int key)
{
	struct transfer	*tr = s->data;

	if (tr->stale && !tr->receiving) {
		tr->stale = 0;
		transfer_load(s);
	}
	if (key == 's' && tr->in.len == 0)
		return TUI_IGNORED;
	if (key == 's' || key == 'S')
		return tui_field_key(&tr->in, key) | TUI_HANDLED;
	/* The lines move once the bin is given; the list at once. */
	if (tr->receiving ? *tr->to != '\0' && tui_list_key(&tr->line, key) :
	    tui_list_key(&tr->view, key))
		return TUI_HANDLED | TUI_REDRAW;
	return tui_field_key(&tr->in, key);
}

const struct tui_screen_entry tui_screen_transfer = {
	.name = "transfer",
	.title = N_("Transfers"),
	.menu = { .key = 't', .fkey = TUI_KEY_F(7), .what = N_("transfers") },
	.init = transfer_init,
	.free = transfer_free,
	.draw = transfer_draw,
	.key = transfer_key,
	.keys = transfer_keys,
};
