/*
 * The summary before a posting: every line with its item, name, quantity,
 * unit and value, the total, and F9 again to post (tui/confirm.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/master.h"
#include "core/wms.h"
#include "lib/i18n.h"
#include "lib/xmalloc.h"
#include "tui/confirm.h"

void
tui_confirm_init(struct tui_confirm *c, struct tui_screen *owner,
    int (*post)(struct tui_screen *), const char *what)
{
	tui_confirm_fini(c);
	c->owner = owner;
	c->post = post;
	snprintf(c->what, sizeof c->what, "%s", what);
}

void
tui_confirm_add(struct tui_confirm *c, const char *item, const char *qty,
    const char *unit, const char *detail, int valued, int64_t value)
{
	struct tui_confirm_line	*l;
	struct db_item		 it;
	struct tui		*t = c->owner->tui;

	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 16;
		c->lines = xreallocarray(c->lines, (size_t)c->cap,
		    sizeof *c->lines);
	}
	l = &c->lines[c->n++];
	memset(l, 0, sizeof *l);
	snprintf(l->item, sizeof l->item, "%s", item);
	snprintf(l->qty, sizeof l->qty, "%s", qty);
	snprintf(l->unit, sizeof l->unit, "%s", unit);
	snprintf(l->detail, sizeof l->detail, "%s", detail);
	l->value = value;
	l->valued = valued;
	if (!valued)
		c->no_value = 1;
	if (wms_item_get(tui_wms(t), item, &it, NULL) == 0) {
		snprintf(l->name, sizeof l->name, "%s",
		    tui_dir(t) == TUI_DIR_RTL || it.name_en == NULL ||
		    *it.name_en == '\0' ? it.name_ar : it.name_en);
		if (*l->unit == '\0')
			snprintf(l->unit, sizeof l->unit, "%s", it.uom);
		db_item_fini(&it);
	}
}

void
tui_confirm_fini(struct tui_confirm *c)
{
	free(c->lines);
	memset(c, 0, sizeof *c);
}

void
tui_confirm_open(struct tui_confirm *c)
{
	tui_push(c->owner->tui, &tui_screen_confirm, c);
}

struct confirm {
	struct tui_confirm	*c;
	struct tui_list		 list;
};

static int
confirm_init(struct tui_screen *s, void *arg, struct wms_err *err)
{
	struct confirm *k;

	(void)err;
	k = xcalloc(1, sizeof *k);
	k->c = arg;
	tui_list_reset(&k->list, k->c->n);
	s->data = k;
	return 0;
}

static void
confirm_free(struct tui_screen *s)
{
	free(s->data);
}

/* The columns: a rule for 80 columns, the name takes what is left. */
static struct tui_col confirm_cols[] = {
	{ .title = "#", .col = 2, .width = 3, .num = 1 },
	{ .title = N_("Item"), .col = 6, .width = 16 },
	{ .title = N_("Name"), .col = 23, .width = 12, .shrink = 1 },
	{ .title = N_("Quantity"), .col = 36, .width = 9, .num = 1 },
	{ .title = N_("Unit"), .col = 46, .width = 6 },
	{ .title = N_("Lot"), .col = 53, .width = 12, .shrink = 1 },
	{ .title = N_("Value"), .col = 66, .width = 12, .num = 1 },
};
#define CONFIRM_NCOLS	(int)(sizeof confirm_cols / sizeof confirm_cols[0])

static void
confirm_row(struct tui_screen *s, int i, int row)
{
	struct confirm		*k = s->data;
	struct tui_confirm_line	*l = &k->c->lines[i];
	char			 no[12], v[48];
	const char		*cell[CONFIRM_NCOLS];

	snprintf(no, sizeof no, "%d", i + 1);
	if (l->valued)
		tui_money(s->tui, l->value, v, sizeof v, 0);
	else
		snprintf(v, sizeof v, "-");
	cell[0] = no;
	cell[1] = l->item;
	cell[2] = l->name;
	cell[3] = l->qty;
	cell[4] = l->unit;
	cell[5] = l->detail;
	cell[6] = v;
	tui_put_cells(s->tui, row, confirm_cols, CONFIRM_NCOLS, cell);
}

static void
confirm_draw(struct tui_screen *s)
{
	struct confirm	*k = s->data;
	struct tui	*t = s->tui;
	char		 line[256], v[48];
	int64_t		 total = 0;
	int		 i, rows = tui_rows(t), cols = tui_cols(t);

	/* The name gets what a wider terminal gives. */
	confirm_cols[2].width = 12 + (cols > 80 ? cols - 80 : 0);
	for (i = 3; i < CONFIRM_NCOLS; i++)
		confirm_cols[i].col = (i == 3 ? confirm_cols[2].col +
		    confirm_cols[2].width : confirm_cols[i - 1].col +
		    confirm_cols[i - 1].width) + 1;
	tui_put_bold(t, 2, 2, cols - 4, k->c->what);
	tui_put_heads(t, 4, confirm_cols, CONFIRM_NCOLS);
	tui_list_draw(s, &k->list, 5, rows - 11, -1, confirm_row);
	for (i = 0; i < k->c->n; i++)
		if (k->c->lines[i].valued)
			total += k->c->lines[i].value;
	tui_list_count(t, rows - 6, &k->list);
	tui_money(t, total, v, sizeof v, 1);
	snprintf(line, sizeof line, "%s: %d  %s: %s%s", _("Lines"), k->c->n,
	    _("Total value"), v, k->c->no_value ? _(" (lines without a cost "
	    "not counted)") : "");
	tui_put_bold(t, rows - 5, 2, cols - 4, line);
	tui_put(t, rows - 4, 2, cols - 4, _("F9 again: post it; Esc: back to "
	    "the document, nothing posted"), 0);
}

static int
confirm_post(struct tui_screen *s, int key)
{
	struct confirm		*k = s->data;
	struct tui_confirm	*c = k->c;

	(void)key;
	/* Back to the document first: the owner's post speaks there. */
	c->post(c->owner);
	return TUI_POP | TUI_REDRAW;
}

static int
confirm_key(struct tui_screen *s, int key)
{
	struct confirm *k = s->data;

	return tui_list_key(&k->list, key) ? TUI_HANDLED | TUI_REDRAW :
	    TUI_IGNORED;
}

static const struct tui_binding confirm_keys[] = {
	{ .key = TUI_KEY_F(9), .label = "F9", .what = N_("post"),
	    .fn = confirm_post },
	{ .key = TUI_KEY_ESC, .label = "Esc", .what = N_("back, not posted"),
	    .fn = tui_key_back },
	{ .key = 0 }
};

const struct tui_screen_entry tui_screen_confirm = {
	.name = "confirm",
	.title = N_("Post?"),
	.init = confirm_init,
	.free = confirm_free,
	.draw = confirm_draw,
	.key = confirm_key,
	.keys = confirm_keys,
};
