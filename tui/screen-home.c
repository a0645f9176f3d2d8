/* The home screen: today's work and what needs attention, and the menu. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/device.h"
#include "core/i18n.h"
#include "core/qty.h"
#include "core/wms.h"
#include "core/xmalloc.h"
#include "reports/report.h"
#include "tui/screen.h"

/* What the home screen shows, read when it opens and on F5. */
struct home {
	int64_t		 today;
	struct report	*below, *expiring, *transfers;
	int		 devices;
};

static const struct tui_binding home_keys[] = {
	{ 'r', "R", N_("receive") },
	{ 'i', "I", N_("items") },
	{ 'c', "C", N_("count"), TUI_NEED(WMS_PERM_COUNT) },
	{ 'p', "P", N_("reports") },
	{ 'a', "A", N_("admin"), TUI_NEED(WMS_PERM_ADMIN) },
	{ TUI_KEY_F(5), "F5", N_("refresh") },
	{ 0, NULL, NULL }
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
}

/* The screens that menu letters open (a letter the role lacks is not). */
static const struct {
	int				 key;
	const struct tui_screen_entry	*screen;
} home_menu[] = {
	{ 'c', &tui_screen_counts },
	{ 'p', &tui_screen_reports },
	{ 'a', &tui_screen_admin },
};

static int
home_key(struct tui_screen *s, int key)
{
	size_t	i;
	int	k;

	if ((k = tui_key_find(s->tui, home_keys, key)) >= 0) {
		for (i = 0; i < sizeof home_menu / sizeof home_menu[0]; i++) {
			if (home_menu[i].key != home_keys[k].key)
				continue;
			tui_push(s->tui, home_menu[i].screen, NULL);
			return TUI_HANDLED;
		}
	}
	if (key == 'i' || key == 'I' || key == TUI_KEY_F(3)) {
		tui_push(s->tui, &tui_screen_items, NULL);
		return TUI_HANDLED;
	}
	if (key == 'r' || key == 'R' || key == TUI_KEY_F(2)) {
		tui_push(s->tui, &tui_screen_receive, NULL);
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
	home_keys
};
