/*
 * A document by its number, for the auditor and everyone who may read:
 * typed or scanned, then its type, status and depot and every movement
 * (item, lot, from, to, quantity) in a list.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/ledger.h"
#include "core/qty.h"
#include "core/wms.h"
#include "lib/i18n.h"
#include "lib/xmalloc.h"
#include "tui/screen.h"

struct doc_move {
	char	item[32];
	char	lot[48];
	char	from[208];
	char	to[208];
	int64_t	qty;
};

struct doc {
	struct tui_field	 in;
	struct wms_doc_info	 info;
	int			 shown;		/* a document is shown */
	struct doc_move		*m;
	int			 n, cap;
	struct tui_list		 view;
};

static int
doc_move(const struct wms_doc_move *mv, void *arg)
{
	struct doc	*d = arg;
	struct doc_move	*x;

	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 32;
		d->m = xreallocarray(d->m, (size_t)d->cap, sizeof *d->m);
	}
	x = &d->m[d->n++];
	snprintf(x->item, sizeof x->item, "%s", mv->item);
	snprintf(x->lot, sizeof x->lot, "%s", mv->lot);
	snprintf(x->from, sizeof x->from, "%s", mv->from);
	snprintf(x->to, sizeof x->to, "%s", mv->to);
	x->qty = mv->qty;
	return 0;
}

/* Enter: the document typed or scanned, or why not. */
static int
doc_enter(struct tui_screen *s, int key)
{
	struct doc	*d = s->data;
	struct wms_err	 err;

	(void)key;
	if (d->in.len == 0)
		return TUI_HANDLED;
	d->n = 0;
	d->shown = 0;
	if (wms_doc_get(tui_wms(s->tui), d->in.text, &d->info, &err) != 0 ||
	    wms_doc_each_move(tui_wms(s->tui), d->info.number, doc_move, d,
	    &err) != 0) {
		tui_status(s->tui, "%s", err.msg);
		d->n = 0;
	} else
		d->shown = 1;
	tui_list_reset(&d->view, d->n);
	tui_field_clear(&d->in);
	return TUI_HANDLED | TUI_REDRAW;
}

static int
doc_init(struct tui_screen *s, void *arg, struct wms_err *err)
{
	(void)arg;
	(void)err;
	s->data = xcalloc(1, sizeof(struct doc));
	return 0;
}

static void
doc_free(struct tui_screen *s)
{
	struct doc *d = s->data;

	free(d->m);
	free(d);
}

static const struct tui_col doc_cols[] = {
	{ .title = N_("Item"), .col = 2, .width = 16 },
	{ .title = N_("Lot"), .col = 19, .width = 12, .shrink = 1 },
	{ .title = N_("From"), .col = 32, .width = 16 },
	{ .title = N_("To"), .col = 49, .width = 16 },
	{ .title = N_("Quantity"), .col = 66, .width = 12, .num = 1 },
};

static void
doc_row(struct tui_screen *s, int i, int row)
{
	struct doc		*d = s->data;
	const struct doc_move	*x = &d->m[i];
	char			 q[32];
	const char		*cell[5] = { x->item, x->lot, x->from, x->to,
				    wms_qty_fmt(x->qty, q, sizeof q) };

	tui_put_cells(s->tui, row, doc_cols, 5, cell);
}

static void
doc_draw(struct tui_screen *s)
{
	struct doc	*d = s->data;
	struct tui	*t = s->tui;
	char		 line[256];
	int		 cols = tui_cols(t), rows = tui_rows(t);

	tui_put(t, 2, 2, 30, _("Document number (scan or type)"), 0);
	tui_put_field(t, 2, 33, cols - 36, &d->in, 1);
	if (!d->shown)
		return;
	snprintf(line, sizeof line, _("%s: %s, %s, depot %s%s%s"),
	    d->info.number, d->info.type, d->info.status, d->info.depot,
	    *d->info.reversed_by ? _(", reversed by ") : "",
	    d->info.reversed_by);
	tui_put_bold(t, 4, 2, cols - 24, line);
	tui_list_count(t, 4, &d->view);
	tui_put_heads(t, 5, doc_cols, 5);
	tui_list_draw(s, &d->view, 6, rows - 9, -1, doc_row);
}

static int
doc_key(struct tui_screen *s, int key)
{
	struct doc *d = s->data;

	if (tui_list_key(&d->view, key))
		return TUI_HANDLED | TUI_REDRAW;
	return tui_field_key(&d->in, key);
}

/* The fixed scanner: a document number scanned here is looked up. */
static int
doc_scan_ok(struct tui_screen *s)
{
	struct doc *d = s->data;

	return d->in.len == 0;
}

static const struct tui_binding doc_keys[] = {
	{ .key = '\n', .label = "Enter", .what = N_("show it"),
	    .fn = doc_enter },
	{ .key = TUI_KEY_ESC, .label = "Esc", .what = N_("back"),
	    .fn = tui_key_back },
	{ .key = 0 }
};

const struct tui_screen_entry tui_screen_doc = {
	.name = "document",
	.title = N_("Document"),
	.menu = { .key = 'd', .what = N_("document") },
	.need = TUI_NEEDS(WMS_PERM_READ),
	.init = doc_init,
	.free = doc_free,
	.draw = doc_draw,
	.key = doc_key,
	.keys = doc_keys,
	.scan_ok = doc_scan_ok,
};
