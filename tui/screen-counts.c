/* Stock counts: pick an open count, or start one for an area. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/count.h"
#include "lib/i18n.h"
#include "core/wms.h"
#include "lib/xmalloc.h"
#include "tui/screen.h"

#define COUNTS_MAX	100

struct counts {
	struct wms_count_info	 list[COUNTS_MAX];
	int			 n;
	struct tui_list		 view;
	int			 starting;	/* the area field is open */
	struct tui_field	 area;
	int			 all;		/* Tab: posted ones too */
	unsigned		 posted;	/* tui_posted_count when read */
};

static int
counts_row(const struct wms_count_info *ci, void *arg)
{
	struct counts *c = arg;

	c->list[c->n++] = *ci;
	return c->n == COUNTS_MAX;
}

/* Read the open counts again, keeping the one selected when it is there. */
static void
counts_load(struct tui_screen *s)
{
	struct counts	*c = s->data;
	struct wms_err	 err;
	char		 was[WMS_NUMBER_MAX] = "";
	int		 i;

	if (c->view.sel < c->n)
		memcpy(was, c->list[c->view.sel].number, sizeof was);
	c->n = 0;
	c->posted = tui_posted_count(s->tui);
	if (wms_count_list(tui_wms(s->tui), c->all, COUNTS_MAX, counts_row, c,
	    &err) != 0)
		tui_status(s->tui, "%s", err.msg);
	c->view.sel = 0;
	for (i = 0; i < c->n; i++) {
		if (strcmp(c->list[i].number, was) == 0)
			c->view.sel = i;
	}
	tui_list_set(&c->view, c->n);
}

static int
counts_init(struct tui_screen *s, void *arg, struct wms_err *err)
{
	(void)arg;
	(void)err;
	s->data = xcalloc(1, sizeof(struct counts));
	counts_load(s);
	return 0;
}

static void
counts_free(struct tui_screen *s)
{
	free(s->data);
}

static const struct tui_col counts_cols[] = {
	{ .title = N_("Count"), .col = 2, .width = 20 },
	{ .title = N_("Area"), .col = 23, .width = 20 },
	{ .title = N_("Status"), .col = 44, .width = 10 },
	{ .title = N_("Lines"), .col = 55, .width = 8, .end = 1 },
	{ .title = N_("To count"), .col = 64, .width = 14, .end = 1 },
};

static void
counts_draw_row(struct tui_screen *s, int i, int row)
{
	struct counts	*c = s->data;
	struct tui	*t = s->tui;
	char		 lines[16], pending[16];
	const char	*cell[5] = { c->list[i].number, c->list[i].prefix,
			    strcmp(c->list[i].status, "open") == 0 ? _("open") :
			    _("posted"), lines, pending };

	snprintf(lines, sizeof lines, "%d", c->list[i].lines);
	snprintf(pending, sizeof pending, "%d", c->list[i].pending);
	tui_put_cells(t, row, counts_cols, 5, cell);
}

static void
counts_draw(struct tui_screen *s)
{
	struct counts	*c = s->data;
	struct tui	*t = s->tui;
	int		 cols = tui_cols(t);

	/* A count posted since (from its review) leaves the open list. */
	if (c->posted != tui_posted_count(t))
		counts_load(s);
	tui_put_bold(t, 2, 2, cols - 24, c->all ? _("All counts, newest "
	    "first") : _("Open counts"));
	tui_list_count(t, 2, &c->view);
	tui_put_heads(t, 4, counts_cols, 5);
	tui_list_draw(s, &c->view, 5, tui_rows(t) - 10, 0, counts_draw_row);
	if (c->n == 0)
		tui_put(t, 5, 2, cols - 4, _("no open count"), 0);
	if (c->starting) {
		tui_put(t, tui_rows(t) - 4, 2, 30,
		    _("Area to count (DEPOT/ZONE)"), 0);
		tui_put_field(t, tui_rows(t) - 4, 33, cols - 36, &c->area, 1);
	}
}

/* Start a count of the area typed, and open it. */
static void
counts_start(struct tui_screen *s)
{
	struct counts	*c = s->data;
	struct wms_err	 err;
	char		 number[WMS_NUMBER_MAX];
	int		 i;

	if (wms_count_start(tui_wms(s->tui), c->area.text, number,
	    &err) != 0) {
		tui_status(s->tui, "%s", err.msg);
		return;
	}
	c->starting = 0;
	tui_field_clear(&c->area);
	counts_load(s);
	for (i = 0; i < c->n; i++) {
		if (strcmp(c->list[i].number, number) == 0)
			c->view.sel = i;
	}
	tui_status(s->tui, _("count %s started"), number);
}

/* Enter or F6: count the one selected, or review it. */
static int
counts_open(struct tui_screen *s, int key)
{
	struct counts *c = s->data;

	if (c->n == 0) {
		tui_status(s->tui, "%s", _("no open count: F4 starts one"));
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (key == '\n' && strcmp(c->list[c->view.sel].status, "open") != 0) {
		tui_status(s->tui, _("count %s is posted already"),
		    c->list[c->view.sel].number);
		return TUI_HANDLED | TUI_REDRAW;
	}
	tui_push(s->tui, key == '\n' ? &tui_screen_count :
	    &tui_screen_count_review, c->list[c->view.sel].number);
	return TUI_HANDLED | TUI_REDRAW;
}

/* Tab: the open counts, or all of them (posted ones too). */
static int
counts_toggle(struct tui_screen *s, int key)
{
	struct counts *c = s->data;

	(void)key;
	c->all = !c->all;
	c->view.sel = c->view.top = 0;
	counts_load(s);
	return TUI_HANDLED | TUI_REDRAW;
}

/* F4: the area to count is asked for. */
static int
counts_new(struct tui_screen *s, int key)
{
	struct counts *c = s->data;

	(void)key;
	c->starting = 1;
	return TUI_HANDLED | TUI_REDRAW;
}

static const struct tui_binding counts_keys[] = {
	{ .key = '\n', .label = "Enter", .what = N_("count"),
	    .need = TUI_NEEDS(WMS_PERM_COUNT), .fn = counts_open },
	{ .key = TUI_KEY_F(6), .label = "F6", .what = N_("review"),
	    .fn = counts_open },
	{ .key = TUI_KEY_F(4), .label = "F4", .what = N_("new count"),
	    .need = TUI_NEEDS(WMS_PERM_COUNT), .fn = counts_new },
	{ .key = '\t', .label = "Tab", .what = N_("open / all"),
	    .fn = counts_toggle },
	{ .key = TUI_KEY_ESC, .label = "Esc", .what = N_("back"),
	    .fn = tui_key_back },
	{ .key = 0 }
};

/* The area being typed (Enter starts it, Esc drops it); the list. */
static int
counts_key(struct tui_screen *s, int key)
{
	struct counts *c = s->data;

	if (c->starting) {
		if (key == TUI_KEY_ESC) {
			c->starting = 0;
			tui_field_clear(&c->area);
		} else if (key == '\n')
			counts_start(s);
		else
			tui_field_key(&c->area, key);
		return TUI_HANDLED | TUI_REDRAW;
	}
	/* Read again: a count posted from the review screen leaves it. */
	counts_load(s);
	if (tui_list_key(&c->view, key))
		return TUI_HANDLED | TUI_REDRAW;
	return TUI_IGNORED;
}

const struct tui_screen_entry tui_screen_counts = {
	.name = "counts",
	.title = N_("Stock counts"),
	.menu = { .key = 'c', .what = N_("count") },
	/* The auditor sees the counts, open and posted (not counting). */
	.need = TUI_NEEDS(WMS_PERM_READ),
	.init = counts_init,
	.free = counts_free,
	.draw = counts_draw,
	.key = counts_key,
	.keys = counts_keys,
};
