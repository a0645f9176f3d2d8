/* Item lookup: search as you type (Arabic variants folded), then the card. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/i18n.h"
#include "lib/text.h"
#include "core/ledger.h"
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
	int64_t			 on[ITEMS_MAX];		/* on hand; -1 not read */
	int			 n;
	struct tui_list		 view;
	struct tui_pick		*pick;			/* NULL: to the card */
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
items_row(const struct db_item *item, void *arg)
{
	struct items_fill	*f = arg;
	struct items		*it = f->it;

	it->code[it->n] = xstrdup(item->code);
	it->name[it->n] = xstrdup(f->arabic ? item->name_ar : item->name_en);
	it->uom[it->n] = xstrdup(item->uom);
	it->on[it->n] = -1;
	return ++it->n == ITEMS_MAX;
}

/* A cost centre or a location that matches what is typed (folded). */
struct items_match {
	struct items	*it;
	char		*want;		/* folded */
	int		 arabic;
	int		 locations;
};

static int
items_master_row(const char *const *cols, int ncol, void *arg)
{
	struct items_match	*m = arg;
	struct items		*it = m->it;
	char			*f;
	int			 k, hit = *m->want == '\0';
	const char		*name;

	for (k = 0; k < ncol && !hit; k++) {
		if (cols[k] == NULL)
			continue;
		f = wms_fold(cols[k]);
		hit = strstr(f, m->want) != NULL;
		free(f);
	}
	/* Only real bins are places to take from or put to. */
	if (!hit || (m->locations && (ncol < 2 || cols[1] == NULL ||
	    strcmp(cols[1], "internal") != 0)))
		return 0;
	name = m->locations ? cols[2] : cols[m->arabic ? 1 : 2];
	if (name == NULL || *name == '\0')
		name = ncol > 1 && cols[1] != NULL ? cols[1] : "";
	it->code[it->n] = xstrdup(cols[0]);
	it->name[it->n] = xstrdup(name);
	it->uom[it->n] = xstrdup("");
	it->on[it->n] = -2;	/* no stock column */
	return ++it->n == ITEMS_MAX;
}

/* Search again for what is typed: one query a key (bench: see README). */
static void
items_search(struct tui_screen *s)
{
	struct items_fill	f = { s->data, tui_dir(s->tui) == TUI_DIR_RTL };
	struct wms_err		err;

	items_drop(f.it);
	if (f.it->pick != NULL && f.it->pick->kind != TUI_PICK_ITEM) {
		struct items_match m = { f.it, wms_fold(f.it->search.text),
		    f.arabic, f.it->pick->kind == TUI_PICK_LOCATION };

		if (wms_master_list(tui_wms(s->tui), m.locations ?
		    "locations" : f.it->pick->kind == TUI_PICK_DEPOT ?
		    "depots" : "cost-centres", NULL, items_master_row, &m,
		    &err) != 0)
			tui_status(s->tui, "%s", err.msg);
		free(m.want);
	} else if (wms_item_each(tui_wms(s->tui), f.it->search.text, ITEMS_MAX,
	    items_row, &f, &err) != 0)
		tui_status(s->tui, "%s", err.msg);
	tui_list_reset(&f.it->view, f.it->n);
}

static int
items_init(struct tui_screen *s, void *arg, struct wms_err *err)
{
	struct items *it;

	(void)err;
	it = xcalloc(1, sizeof *it);
	it->pick = arg;
	s->data = it;
	items_search(s);
	return 0;
}

static void
items_free(struct tui_screen *s)
{
	items_drop(s->data);
	free(s->data);
}

static int
items_sum(const struct db_report_stock *r, void *arg)
{
	*(int64_t *)arg += r->qty;
	return 0;
}

static void
items_draw_row(struct tui_screen *s, int i, int row)
{
	struct items	*it = s->data;
	struct tui	*t = s->tui;
	int		 cols = tui_cols(t);

	char		 q[32], name[256];

	/* What is on hand, read for the rows in sight only. */
	if (it->on[i] == -1) {
		struct wms_err	err;
		int64_t		sum = 0;

		it->on[i] = wms_stock_each(tui_wms(t), NULL, NULL, it->code[i],
		    items_sum, &sum, &err) == 0 ? sum : 0;
	}
	tui_put(t, row, 2, 20, it->code[i], 0);
	if (it->on[i] == -2) {
		tui_fit(it->name[i], cols - 26, name, sizeof name);
		tui_put(t, row, 23, cols - 26, name, 0);
		return;
	}
	tui_fit(it->name[i], cols - 48, name, sizeof name);
	tui_put(t, row, 23, cols - 48, name, 0);
	tui_put_num(t, row, cols - 24, 14, wms_qty_fmt(it->on[i], q,
	    sizeof q));
	tui_put(t, row, cols - 9, 7, it->uom[i], 0);
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
	snprintf(count, sizeof count, it->pick == NULL ? _("%d items") :
	    _("%d found: Enter takes the one selected"), it->n);
	tui_put(t, 3, 12, cols - 16, count, 0);
	if (it->pick == NULL || it->pick->kind == TUI_PICK_ITEM) {
		tui_put_bold(t, 4, 2, 20, _("Item"));
		tui_put_bold(t, 4, 23, cols - 48, _("Name"));
		tui_put_bold(t, 4, cols - 24, 14, _("On hand"));
		tui_put_bold(t, 4, cols - 9, 7, _("Unit"));
	} else {
		tui_put_bold(t, 4, 2, 20, _("Code"));
		tui_put_bold(t, 4, 23, cols - 26, _("Name"));
	}
	tui_list_count(t, 3, &it->view);
	tui_list_draw(s, &it->view, 5, tui_rows(t) - 8, 0, items_draw_row);
}

/* Enter: the card of the item selected. */
static int
items_open(struct tui_screen *s, int key)
{
	struct items *it = s->data;

	(void)key;
	if (it->n > 0 && it->pick != NULL) {
		/* Into the field it was asked from; Enter there takes it. */
		tui_field_clear(it->pick->into);
		snprintf(it->pick->into->text, sizeof it->pick->into->text,
		    "%s", it->code[it->view.sel]);
		it->pick->into->len = strlen(it->pick->into->text);
		return TUI_POP | TUI_REDRAW;
	}
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

static const struct tui_binding pick_keys[] = {
	{ .key = '\n', .label = "Enter", .what = N_("take it"),
	    .fn = items_open },
	{ .key = TUI_KEY_ESC, .label = "Esc", .what = N_("back"),
	    .fn = tui_key_back },
	{ .key = 0 }
};

const struct tui_screen_entry tui_screen_pick = {
	.name = "pick",
	.title = N_("Look up"),
	.init = items_init,
	.free = items_free,
	.draw = items_draw,
	.key = items_key,
	.keys = pick_keys,
};

int
tui_pick(struct tui_screen *s, struct tui_pick *p, enum tui_pick_kind kind,
    struct tui_field *into)
{
	p->kind = kind;
	p->into = into;
	tui_push(s->tui, &tui_screen_pick, p);
	return TUI_HANDLED | TUI_REDRAW;
}

int
tui_pick_bin_item(struct tui_screen *s, struct tui_pick *p, int at_bin,
    int at_item, struct tui_field *into)
{
	if (at_bin)
		return tui_pick(s, p, TUI_PICK_LOCATION, into);
	if (at_item)
		return tui_pick(s, p, TUI_PICK_ITEM, into);
	tui_status(s->tui, "%s", _("F2 looks up at the location and the "
	    "item"));
	return TUI_HANDLED | TUI_REDRAW;
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
