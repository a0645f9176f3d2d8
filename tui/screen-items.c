/* Item lookup: search as you type (Arabic variants folded), then the card. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/i18n.h"
#include "core/master.h"
#include "core/qty.h"
#include "lib/xmalloc.h"
#include "tui/screen.h"

#define ITEMS_MAX	60	/* a 60-line terminal; more: type more */

struct items {
	struct tui_field	 search;
	char			*code[ITEMS_MAX];
	char			*name[ITEMS_MAX];	/* in the screen's language */
	char			*uom[ITEMS_MAX];
	int			 n;
	struct tui_list		 view;
};

static void
items_drop(struct items *it)
{
	int i;

	for (i = 0; i < it->n; i++) {
		free(it->code[i]);
		free(it->name[i]);
		free(it->uom[i]);
	}
	it->n = 0;
}

struct items_fill {
	struct items	*it;
	int		 arabic;
};

static int
items_row(const struct wms_item *item, void *arg)
{
	struct items_fill	*f = arg;
	struct items		*it = f->it;

	it->code[it->n] = xstrdup(item->code);
	it->name[it->n] = xstrdup(f->arabic ? item->name_ar : item->name_en);
	it->uom[it->n] = xstrdup(item->uom);
	return ++it->n == ITEMS_MAX;
}

/* Search again for what is typed: one query a key (bench: see README). */
static void
items_search(struct tui_screen *s)
{
	struct items_fill	f = { s->data, tui_dir(s->tui) == TUI_DIR_RTL };
	struct wms_err		err;

	items_drop(f.it);
	if (wms_item_each(tui_wms(s->tui), f.it->search.text, ITEMS_MAX,
	    items_row, &f, &err) != 0)
		tui_status(s->tui, "%s", err.msg);
	tui_list_reset(&f.it->view, f.it->n);
}

static int
items_init(struct tui_screen *s, void *arg, struct wms_err *err)
{
	(void)arg;
	(void)err;
	s->data = xcalloc(1, sizeof(struct items));
	items_search(s);
	return 0;
}

static void
items_free(struct tui_screen *s)
{
	items_drop(s->data);
	free(s->data);
}

static void
items_draw_row(struct tui_screen *s, int i, int row)
{
	struct items	*it = s->data;
	struct tui	*t = s->tui;
	int		 cols = tui_cols(t);

	tui_put(t, row, 2, 20, it->code[i], 0);
	tui_put(t, row, 23, cols - 33, it->name[i], 0);
	tui_put(t, row, cols - 8, 6, it->uom[i], 0);
}

static void
items_draw(struct tui_screen *s)
{
	struct items	*it = s->data;
	struct tui	*t = s->tui;
	int		 cols = tui_cols(t);
	char		 count[64];

	tui_put(t, 2, 2, 10, _("Search"), 0);
	tui_put_field(t, 2, 12, cols - 16, &it->search, 1);
	snprintf(count, sizeof count, _("%d items"), it->n);
	tui_put(t, 3, 12, 30, count, 0);
	tui_list_draw(s, &it->view, 5, tui_rows(t) - 8, 0, items_draw_row);
}

/* Enter: the card of the item selected. */
static int
items_open(struct tui_screen *s, int key)
{
	struct items *it = s->data;

	(void)key;
	if (it->n > 0)
		tui_push(s->tui, &tui_screen_item, it->code[it->view.sel]);
	return TUI_HANDLED;
}

static const struct tui_binding items_keys[] = {
	{ .key = '\n', .label = "Enter", .what = N_("item card"),
	    .fn = items_open },
	{ .key = TUI_KEY_ESC, .label = "Esc", .what = N_("back"),
	    .fn = tui_key_back },
	{ .key = 0 }
};

/* The list, and the search typed: searched again at every key. */
static int
items_key(struct tui_screen *s, int key)
{
	struct items *it = s->data;

	if (tui_list_key(&it->view, key))
		return TUI_HANDLED | TUI_REDRAW;
	if (tui_field_key(&it->search, key) & TUI_HANDLED) {
		items_search(s);
		return TUI_HANDLED | TUI_REDRAW;
	}
	return TUI_IGNORED;
}

const struct tui_screen_entry tui_screen_items = {
	.name = "items",
	.title = N_("Items"),
	.menu = { .key = 'i', .fkey = TUI_KEY_F(3), .what = N_("items") },
	.init = items_init,
	.free = items_free,
	.draw = items_draw,
	.key = items_key,
	.keys = items_keys,
};
