/*
 * Reviewing a count (supervisors): book against counted for every line,
 * the variance and its value; lines sent back for recount; posting, where
 * the differences become adjustments.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/count.h"
#include "lib/i18n.h"
#include "core/ledger.h"
#include "core/qty.h"
#include "core/wms.h"
#include "lib/xmalloc.h"
#include "tui/screen.h"

struct review_line {
	char	loc[208];
	char	item[32];
	char	lot[48];
	char	uom[16];
	char	status[12];
	int64_t	expected, counted, book, variance, value;
	int	has_counted;
};

struct review {
	char			 number[WMS_NUMBER_MAX];
	struct wms_count_info	 info;
	struct review_line	*lines;
	int			 n, cap;
	struct tui_list		 view;
	int64_t			 total;		/* the value of all variances */
	int			 total_over;	/* past 64 bits: not shown */
	char			 me[64];	/* who reviews */
	int			 mine;		/* lines counted by me */
	int			 ask;		/* the key that asked to post */
};

static int
review_row(const struct db_count_line *r, void *arg)
{
	struct review		*v = arg;
	struct review_line	*l;

	if (v->n == v->cap) {
		v->cap = v->cap == 0 ? 64 : v->cap * 2;
		v->lines = xreallocarray(v->lines, (size_t)v->cap,
		    sizeof *v->lines);
	}
	l = &v->lines[v->n++];
	memset(l, 0, sizeof *l);
	snprintf(l->loc, sizeof l->loc, "%s", r->location);
	snprintf(l->item, sizeof l->item, "%s", r->item);
	snprintf(l->lot, sizeof l->lot, "%s", r->lot != NULL ? r->lot : "");
	snprintf(l->uom, sizeof l->uom, "%s", r->uom);
	snprintf(l->status, sizeof l->status, "%s", r->status);
	l->expected = r->expected;
	l->has_counted = r->has_counted;
	l->counted = r->counted;
	l->book = r->book;
	l->variance = r->variance;
	l->value = r->value;
	if (wms_add(v->total, r->value, &v->total) != 0)
		v->total_over = 1;
	if (r->counted_by != NULL && strcmp(r->counted_by, v->me) == 0)
		v->mine++;
	return 0;
}

static int
review_load(struct tui_screen *s, struct wms_err *err)
{
	struct review	*v = s->data;
	struct wms	*w = tui_wms(s->tui);
	int		 blind, rc;

	v->n = 0;
	v->total = 0;
	v->total_over = 0;
	v->mine = 0;
	snprintf(v->me, sizeof v->me, "%s", wms_user_name(w));
	if ((rc = wms_count_info(w, v->number, &v->info, err)) != 0 ||
	    (rc = wms_count_each(w, v->number, &blind, review_row, v,
	    err)) != 0)
		return rc;
	tui_list_set(&v->view, v->n);
	return 0;
}

static int
review_init(struct tui_screen *s, void *arg, struct wms_err *err)
{
	struct review	*v;
	int		 rc;

	if (arg == NULL)
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("missing count number"));
	v = xcalloc(1, sizeof *v);
	snprintf(v->number, sizeof v->number, "%s", (const char *)arg);
	s->data = v;
	/* An open count is blind but to supervisors: its review is theirs;
	 * a posted one shows every figure to whoever may read. */
	if ((rc = review_load(s, err)) == 0 &&
	    strcmp(v->info.status, "open") == 0 &&
	    !tui_may(s->tui, WMS_PERM_SUPERVISE))
		rc = wms_require(tui_wms(s->tui), WMS_PERM_SUPERVISE, err);
	if (rc != 0) {
		free(v->lines);
		free(v);
		s->data = NULL;
	}
	return rc;
}

static void
review_free(struct tui_screen *s)
{
	struct review *v = s->data;

	free(v->lines);
	free(v);
}

/* The lines; a line not counted shows what it expects, then why. */
static const struct tui_col review_cols[] = {
	{ .title = N_("Location"), .col = 2, .width = 16 },
	{ .title = N_("Item"), .col = 19, .width = 14 },
	{ .title = N_("Lot"), .col = 34, .width = 8 },
	{ .title = N_("Book"), .col = 43, .width = 8, .num = 1 },
	{ .title = N_("Counted"), .col = 52, .width = 8, .num = 1 },
	{ .title = N_("Variance"), .col = 61, .width = 8, .num = 1 },
	{ .title = N_("Value"), .col = 70, .width = 9, .num = 1 },
};

static void
review_draw_row(struct tui_screen *s, int i, int row)
{
	struct review		*v = s->data;
	struct review_line	*l = &v->lines[i];
	struct tui		*t = s->tui;
	char			 a[32], b[32], c[32], d[32], e[40];
	int			 minor = wms_currency_minor(tui_wms(t));
	const char		*cell[7] = { l->loc, l->item, l->lot };

	if (!l->has_counted) {
		cell[3] = wms_qty_fmt(l->expected, a, sizeof a);
		tui_put_cells(t, row, review_cols, 4, cell);
		tui_put(t, row, 52, 26, strcmp(l->status, "recount") == 0 ?
		    _("sent for recount") : _("not counted"), 0);
		return;
	}
	cell[3] = wms_qty_fmt(l->book, b, sizeof b);
	cell[4] = wms_qty_fmt(l->counted, c, sizeof c);
	cell[5] = wms_qty_fmt(l->variance, d, sizeof d);
	cell[6] = wms_money_fmt(l->value, minor, e, sizeof e);
	tui_put_cells(t, row, review_cols, 7, cell);
}

static void
review_draw(struct tui_screen *s)
{
	struct review		*v = s->data;
	struct tui		*t = s->tui;
	char			 line[256], d[48], e[40];
	int			 cols = tui_cols(t);
	int			 minor = wms_currency_minor(tui_wms(t));

	snprintf(line, sizeof line, _("%s  %s  area %s"), v->number,
	    strcmp(v->info.status, "open") == 0 ? _("open") : _("posted"),
	    v->info.prefix);
	tui_put_bold(t, 2, 2, cols - 4, line);
	snprintf(line, sizeof line, _("%d lines, %d counted, %d to count"),
	    v->info.lines, v->info.counted, v->info.pending);
	tui_put(t, 3, 2, cols - 4, line, 0);
	/* The amount isolated: it keeps its sign in front right to left. */
	(void)minor;
	if (v->total_over)
		snprintf(e, sizeof e, "%s", _("too large to add up"));
	else
		tui_money(t, v->total, e, sizeof e, 1);
	snprintf(d, sizeof d, "\u2066%s\u2069", e);
	snprintf(line, sizeof line, _("Value of the variances: %s"), d);
	tui_put(t, 4, 2, cols - 4, line, 0);
	tui_put_heads(t, 5, review_cols, 7);
	tui_list_draw(s, &v->view, 6, tui_rows(t) - 10, 0, review_draw_row);
	tui_list_count(t, 4, &v->view);
	if (v->n == 0)
		tui_put(t, 6, 2, cols - 4, _("no lines"), 0);
}

/* R: the line selected is counted again. */
static int
review_recount(struct tui_screen *s, int key)
{
	struct review		*v = s->data;
	struct review_line	*l;
	struct wms_err		 err;

	(void)key;
	if (v->n == 0)
		return TUI_HANDLED | TUI_REDRAW;
	l = &v->lines[v->view.sel];
	if (wms_count_recount(tui_wms(s->tui), v->number, l->loc, l->item,
	    *l->lot != '\0' ? l->lot : NULL, &err) != 0) {
		tui_status(s->tui, "%s", err.msg);
		return TUI_HANDLED | TUI_REDRAW;
	}
	tui_status(s->tui, _("%s at %s sent back for recount"), l->item,
	    l->loc);
	if (review_load(s, &err) != 0)
		tui_status(s->tui, "%s", err.msg);
	return TUI_HANDLED | TUI_REDRAW;
}

/*
 * F9 posts the count; S posts it leaving the lines not counted.  Each asks
 * first with the figures, and the same key again posts.  A supervisor who
 * counted lines of it does not post it, unless makhzan.ini allows it
 * (count_self_post = yes, for a depot with one supervisor).
 */
static int
review_post(struct tui_screen *s, int key)
{
	struct review	*v = s->data;
	struct wms_err	 err;
	char		 e[48];
	int		 skip = key != TUI_KEY_F(9);

	if (key == 'S')
		key = 's';
	if (strcmp(v->info.status, "open") != 0) {
		tui_status(s->tui, _("count %s is posted already"), v->number);
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (v->mine > 0 && !tui_count_self_post(s->tui)) {
		tui_status(s->tui, _("you counted %d lines of %s: another "
		    "supervisor posts it (count_self_post = yes in "
		    "makhzan.ini allows it in a small depot)"), v->mine,
		    v->number);
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (v->ask != key) {
		v->ask = key;
		tui_money(s->tui, v->total, e, sizeof e, 1);
		tui_status(s->tui, _("Post %s: %d lines, %s? %s again posts"),
		    v->number, v->info.lines, e, skip ? "S" : "F9");
		return TUI_HANDLED | TUI_REDRAW;
	}
	v->ask = 0;
	if (wms_count_post(tui_wms(s->tui), v->number, skip, &err) != 0) {
		tui_status(s->tui, _("not posted, nothing was written: %s"),
		    err.msg);
		return TUI_HANDLED | TUI_REDRAW;
	}
	tui_posted(s->tui);
	tui_status(s->tui, _("count %s posted"), v->number);
	if (review_load(s, &err) != 0)
		tui_status(s->tui, "%s", err.msg);
	return TUI_HANDLED | TUI_REDRAW;
}

static const struct tui_binding review_keys[] = {
	{ .key = 'r', .label = "R", .what = N_("recount"),
	    .need = TUI_NEEDS(WMS_PERM_SUPERVISE), .fn = review_recount },
	{ .key = TUI_KEY_F(9), .label = "F9", .what = N_("post"),
	    .need = TUI_NEEDS(WMS_PERM_SUPERVISE), .fn = review_post },
	{ .key = 's', .label = "S", .what = N_("skip uncounted"),
	    .need = TUI_NEEDS(WMS_PERM_SUPERVISE), .fn = review_post },
	{ .key = TUI_KEY_ESC, .label = "Esc", .what = N_("back"),
	    .fn = tui_key_back },
	{ .key = 0 }
};

/* The list of lines. */
static int
review_key(struct tui_screen *s, int key)
{
	struct review *v = s->data;

	/* Any other key than the one that asked: not posted. */
	if (v->ask != 0 && key != v->ask && !(v->ask == 's' && key == 'S'))
		v->ask = 0;
	if (tui_list_key(&v->view, key))
		return TUI_HANDLED | TUI_REDRAW;
	return TUI_IGNORED;
}

const struct tui_screen_entry tui_screen_count_review = {
	.name = "count-review",
	.title = N_("Count review"),
	/* Whoever may read; an open count only for supervisors (init). */
	.need = TUI_NEEDS(WMS_PERM_READ),
	.init = review_init,
	.free = review_free,
	.draw = review_draw,
	.key = review_key,
	.keys = review_keys,
};
