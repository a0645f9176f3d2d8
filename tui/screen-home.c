/* The home screen: today's work and what needs attention, and the menu. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/device.h"
#include "lib/i18n.h"
#include "core/qty.h"
#include "core/wms.h"
#include "lib/xmalloc.h"
#include "reports/report.h"
#include "tui/screen.h"

/* What the home screen shows, read when it opens and on F5. */
struct home {
	int64_t		 today;
	struct report	*below, *expiring, *transfers;
	int		 devices;
	/* A keyboard scanner's code being typed: it starts with a digit,
	 * "(" or "]" (the menu keys are letters) and ends with Enter. */
	struct tui_field scan;
};

static const struct tui_binding home_keys[] = {
	{ 'r', "R", N_("receive"), TUI_NEEDS(WMS_PERM_POST) },
	{ 'u', "U", N_("issue"), TUI_NEEDS(WMS_PERM_POST) },
	{ 'm', "M", N_("move"), TUI_NEEDS(WMS_PERM_POST) },
	{ 't', "T", N_("transfers"), 0 },
	{ 'c', "C", N_("count"), TUI_NEEDS(WMS_PERM_COUNT) },
	{ 'p', "P", N_("reports"), 0 },
	{ 'a', "A", N_("admin"), TUI_NEEDS(WMS_PERM_ADMIN) },
	{ 'i', "I", N_("items"), 0 },
	{ TUI_KEY_F(5), "F5", N_("refresh"), 0 },
	{ 0, NULL, NULL, 0 }
};

/* Where each key goes, and what the user's role must allow. */
static const struct {
	int				 key;
	const struct tui_screen_entry	*screen;
	int				 need;
} home_go[] = {
	{ 'r', &tui_screen_receive, TUI_NEEDS(WMS_PERM_POST) },
	{ 'R', &tui_screen_receive, TUI_NEEDS(WMS_PERM_POST) },
	{ TUI_KEY_F(2), &tui_screen_receive, TUI_NEEDS(WMS_PERM_POST) },
	{ 'u', &tui_screen_issue, TUI_NEEDS(WMS_PERM_POST) },
	{ 'U', &tui_screen_issue, TUI_NEEDS(WMS_PERM_POST) },
	{ TUI_KEY_F(4), &tui_screen_issue, TUI_NEEDS(WMS_PERM_POST) },
	{ 'm', &tui_screen_move, TUI_NEEDS(WMS_PERM_POST) },
	{ 'M', &tui_screen_move, TUI_NEEDS(WMS_PERM_POST) },
	{ TUI_KEY_F(6), &tui_screen_move, TUI_NEEDS(WMS_PERM_POST) },
	{ 't', &tui_screen_transfer, 0 },
	{ 'T', &tui_screen_transfer, 0 },
	{ TUI_KEY_F(7), &tui_screen_transfer, 0 },
	{ 'i', &tui_screen_items, 0 },
	{ 'I', &tui_screen_items, 0 },
	{ TUI_KEY_F(3), &tui_screen_items, 0 },
	{ 'c', &tui_screen_counts, TUI_NEEDS(WMS_PERM_COUNT) },
	{ 'C', &tui_screen_counts, TUI_NEEDS(WMS_PERM_COUNT) },
	{ 'p', &tui_screen_reports, 0 },
	{ 'P', &tui_screen_reports, 0 },
	{ 'a', &tui_screen_admin, TUI_NEEDS(WMS_PERM_ADMIN) },
	{ 'A', &tui_screen_admin, TUI_NEEDS(WMS_PERM_ADMIN) },
};

static int
home_count_device(const struct wms_device *d, void *arg)
{
	(void)d;
	(*(int *)arg)++;
	return 0;
}

static void
home_drop(struct home *h)
{
	report_free(h->below);
	report_free(h->expiring);
	report_free(h->transfers);
	h->below = h->expiring = h->transfers = NULL;
}

/* Read everything again; a failure leaves a note in the status line. */
static void
home_load(struct tui_screen *s)
{
	struct home	*h = s->data;
	struct wms	*w = tui_wms(s->tui);
	struct wms_err	 err;
	char		 now[32], since[32], until[11];

	home_drop(h);
	wms_now_iso(w, now);
	snprintf(since, sizeof since, "%.10sT00:00:00", now);
	wms_date_add(now, 30, until);
	h->devices = 0;
	if (report_count_since(w, since, &h->today, &err) != 0 ||
	    report_below_min(w, &h->below, &err) != 0 ||
	    report_expiring(w, until, &h->expiring, &err) != 0 ||
	    report_transfers(w, 1, &h->transfers, &err) != 0 ||
	    wms_device_each(w, NULL, home_count_device, &h->devices,
	    &err) != 0)
		tui_status(s->tui, "%s", err.msg);
}

static int
home_init(struct tui_screen *s, void *arg, struct wms_err *err)
{
	(void)arg;
	(void)err;
	s->data = xcalloc(1, sizeof(struct home));
	home_load(s);
	return 0;
}

static void
home_free(struct tui_screen *s)
{
	home_drop(s->data);
	free(s->data);
}

/* A titled list of up to max rows of a report, a cell a column. */
static int
home_list(struct tui *t, int row, const char *title, struct report *r,
    const int *cols, const int *widths, int ncols, int max)
{
	char	line[128], cell[256];
	size_t	i, n;
	int	k, col;

	n = r != NULL ? report_nrows(r) : 0;
	snprintf(line, sizeof line, "%s: %zu", title, n);
	tui_put_bold(t, row++, 2, tui_cols(t) - 4, line);
	for (i = 0; i < n && (int)i < max; i++) {
		for (k = 0, col = 4; k < ncols; col += widths[k] + 1, k++) {
			report_cell_text(r, i, cols[k], cell, sizeof cell);
			tui_put(t, row, col, widths[k], cell, 0);
		}
		row++;
	}
	return row + 1;
}

static void
home_draw(struct tui_screen *s)
{
	static const int below_cols[] = { 0, 1, 4, 5, 3 };
	static const int below_w[] = { 18, 36, 10, 10, 4 };
	static const int exp_cols[] = { 0, 1, 2, 3, 4 };
	static const int exp_w[] = { 18, 14, 11, 10, 4 };
	static const int trf_cols[] = { 0, 1, 2, 4 };
	static const int trf_w[] = { 22, 5, 5, 24 };
	struct home	*h = s->data;
	struct tui	*t = s->tui;
	char		 line[160];
	int		 row = 2, room;

	snprintf(line, sizeof line, _("Documents posted today: %lld"),
	    (long long)h->today);
	tui_put(t, row++, 2, tui_cols(t) - 4, line, 0);
	snprintf(line, sizeof line, _("Devices configured: %d"), h->devices);
	tui_put(t, row++, 2, tui_cols(t) - 4, line, 0);
	row++;
	room = (tui_rows(t) - row - 3) / 3 - 1;
	if (room < 1)
		room = 1;
	row = home_list(t, row, _("Items below minimum"), h->below,
	    below_cols, below_w, 5, room);
	row = home_list(t, row, _("Transfers waiting to be received"),
	    h->transfers, trf_cols, trf_w, 4, room);
	home_list(t, row, _("Lots expiring within 30 days"), h->expiring,
	    exp_cols, exp_w, 5, room);
	if (h->scan.len > 0) {
		tui_put(t, tui_rows(t) - 3, 2, 10, _("Scan"), 0);
		tui_put_field(t, tui_rows(t) - 3, 13, tui_cols(t) - 16,
		    &h->scan, 1);
	}
}

/* Digits, "(" and "]" start a scan; then everything up to Enter is in it. */
static int
home_scan_key(struct tui_screen *s, int key)
{
	struct home	*h = s->data;
	char		 code[sizeof h->scan.text];

	if (h->scan.len == 0 && !((key >= '0' && key <= '9') || key == '(' ||
	    key == ']'))
		return TUI_IGNORED;
	if (key == TUI_KEY_ESC) {
		tui_field_clear(&h->scan);
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (key == TUI_KEY_ENTER) {
		memcpy(code, h->scan.text, sizeof code);
		tui_field_clear(&h->scan);
		tui_scan_jump(s, code);
		return TUI_HANDLED | TUI_REDRAW;
	}
	tui_field_key(&h->scan, key);
	return TUI_HANDLED | TUI_REDRAW;
}

static int
home_key(struct tui_screen *s, int key)
{
	struct wms_err	err;
	size_t		i;
	int		r;

	if ((r = home_scan_key(s, key)) != TUI_IGNORED)
		return r;
	for (i = 0; i < sizeof home_go / sizeof home_go[0]; i++) {
		if (home_go[i].key != key)
			continue;
		if (home_go[i].need != 0 && wms_require(tui_wms(s->tui),
		    (enum wms_perm)(home_go[i].need - 1), &err) != 0) {
			tui_status(s->tui, "%s", err.msg);
			return TUI_HANDLED | TUI_REDRAW;
		}
		tui_push(s->tui, home_go[i].screen, NULL);
		return TUI_HANDLED;
	}
	if (key == TUI_KEY_F(5)) {
		home_load(s);
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (key == TUI_KEY_ESC || key == 'q')
		return TUI_QUIT;
	return TUI_IGNORED;
}

const struct tui_screen_entry tui_screen_home = {
	"home", N_("Home"), home_init, home_free, home_draw, home_key,
	home_keys, tui_scan_jump
};
