/* The home screen: today's work and what needs attention, and the menu. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bus/status.h"
#include "devices/registry.h"
#include "lib/time.h"
#include "lib/i18n.h"
#include "core/logout.h"
#include "core/qty.h"
#include "core/transfer-site.h"
#include "core/wms.h"
#include "lib/xmalloc.h"
#include "reports/report.h"
#include "tui/screen.h"

/* What the home screen shows, read when it opens and on F5. */
struct home {
	int64_t		 today;
	struct report	*below, *expiring, *transfers;
	/* Per row of transfers: 1 when it is received here, 0 when its
	 * depot is of another site (that site receives it). */
	unsigned char	*here;
	int		 devices;
	/* A keyboard scanner's code being typed: it starts with a digit,
	 * "(" or "]" (the menu keys are letters) and ends with Enter.  A
	 * fixed scanner's read is put here too, and waits for Enter. */
	struct tui_field scan;
	unsigned	 posted;	/* tui_posted_count when read */
	time_t		 read_at;	/* read again after HOME_EVERY s */
};

#define HOME_EVERY	30	/* seconds between reads of its figures */

/*
 * The menu, made from the screen table (tui/screens.c) when the home
 * screen opens: a binding for each screen with a menu key, then F5; the
 * same every time, so the table is static (tests read it, too).
 */
#define HOME_MENU_MAX	16

static struct tui_binding	home_keys[HOME_MENU_MAX + 2];
static char			home_labels[HOME_MENU_MAX][2];

static int
home_count_device(const struct db_device *d, void *arg)
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
	free(h->here);
	h->below = h->expiring = h->transfers = NULL;
	h->here = NULL;
}

/*
 * Which transfers in transit are received here: a shipment of this site
 * to a depot of another site waits there, not here (docs/catalogue.md).
 */
static int
home_here(struct wms *w, struct home *h, struct wms_err *err)
{
	char	depot[64], site[40];
	size_t	i, n = report_nrows(h->transfers);
	int	rc;

	h->here = xcalloc(n > 0 ? n : 1, 1);
	for (i = 0; i < n; i++) {
		report_cell_text(h->transfers, i, 2, depot, sizeof depot);
		if ((rc = wms_depot_foreign(w, depot, site, sizeof site,
		    err)) < 0)
			return rc;
		h->here[i] = rc == 0;
	}
	return 0;
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
	h->posted = tui_posted_count(s->tui);
	h->read_at = time(NULL);
	wms_now_iso(w, now);
	snprintf(since, sizeof since, "%.10sT00:00:00", now);
	wms_date_add(now, 30, until);
	h->devices = 0;
	if (report_count_since(w, since, &h->today, &err) != 0 ||
	    report_below_min(w, &h->below, &err) != 0 ||
	    report_expiring(w, until, &h->expiring, &err) != 0 ||
	    report_transfers(w, 1, &h->transfers, &err) != 0 ||
	    dev_registry_each(w, NULL, home_count_device, &h->devices,
	    &err) != 0 || home_here(w, h, &err) != 0)
		tui_status(s->tui, "%s", err.msg);
}

static int
home_refresh(struct tui_screen *s, int key)
{
	(void)key;
	home_load(s);
	return TUI_HANDLED | TUI_REDRAW;
}

/*
 * L: log out and back to the login screen for the next user; the
 * station's devices keep running (tui/tui.c starts them before any login).
 */
static int
home_logout(struct tui_screen *s, int key)
{
	(void)key;
	wms_logout(tui_wms(s->tui));
	tui_reset(s->tui, &tui_screen_login);
	tui_status(s->tui, "%s", _("logged out: the next user logs in here"));
	return TUI_HANDLED | TUI_REDRAW;
}

/*
 * Each screen of the table with a menu key: the key (its capital on the
 * bar), its F-key beside it, what it opens and what that needs.
 */
static void
home_menu(void)
{
	const struct tui_screen_entry *const	*e;
	size_t					 n = 0;

	for (e = tui_screens; *e != NULL && n < HOME_MENU_MAX; e++) {
		if ((*e)->menu.key == 0)
			continue;
		home_labels[n][0] = (char)toupper((*e)->menu.key);
		home_keys[n] = (struct tui_binding){
			.key = (*e)->menu.key,
			.alt = (*e)->menu.fkey,
			.label = home_labels[n],
			.what = (*e)->menu.what,
			.need = (*e)->need,
			.open = *e,
		};
		n++;
	}
	home_keys[n++] = (struct tui_binding){
		.key = TUI_KEY_F(5),
		.label = "F5",
		.what = N_("refresh"),
		.fn = home_refresh,
	};
	home_keys[n++] = (struct tui_binding){
		.key = 'l',
		.label = "L",
		.what = N_("log out / change user"),
		.fn = home_logout,
	};
	home_keys[n] = (struct tui_binding){ .key = 0 };
}

static int
home_init(struct tui_screen *s, void *arg, struct wms_err *err)
{
	(void)arg;
	(void)err;
	home_menu();
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

/*
 * A column of a home list: the report's column, its width, a number
 * (aligned to the end), a stored time (shown local), and for a name the
 * English column to take instead in English.
 */
struct home_col {
	int	col;
	int	width;
	int	num;
	int	time;
	int	en;		/* the English name's column, or -1 */
	const char *title;	/* N_(); NULL: the report's own */
};

/*
 * The rows of r a list shows: all, those (not) expired by today, or those
 * marked in here (the transfers received at this site).
 */
enum home_pick { HOME_ALL, HOME_EXPIRED, HOME_NOT_EXPIRED, HOME_HERE };

static int
home_picked(struct report *r, size_t i, enum home_pick pick,
    const char *today, const unsigned char *here)
{
	char	cell[32];
	int	expired;

	if (pick == HOME_ALL)
		return 1;
	if (pick == HOME_HERE)
		return here != NULL && here[i];
	report_cell_text(r, i, 2, cell, sizeof cell);
	expired = *cell != '\0' && strcmp(cell, today) < 0;
	return pick == HOME_EXPIRED ? expired : !expired;
}

static size_t
home_count(struct report *r, enum home_pick pick, const char *today,
    const unsigned char *here)
{
	size_t i, n = 0;

	for (i = 0; r != NULL && i < report_nrows(r); i++)
		n += (size_t)home_picked(r, i, pick, today, here);
	return n;
}

/*
 * A titled list of up to max rows: "title: n", the column headings, the
 * rows; the row after it.  A list with more rows than shown says so.
 */
static int
home_list(struct tui *t, int row, const char *title, struct report *r,
    const struct home_col *c, int ncols, int max, enum home_pick pick,
    const char *today, const unsigned char *here)
{
	char	line[160], cell[256], local[256];
	size_t	i, n, shown = 0;
	int	k, col;
	int	en = strcmp(tui_lang(t), "en") == 0;

	n = home_count(r, pick, today, here);
	if (n > (size_t)max)
		snprintf(line, sizeof line, _("%s: %zu (the first %d)"), title,
		    n, max);
	else
		snprintf(line, sizeof line, "%s: %zu", title, n);
	tui_put_bold(t, row++, 2, tui_cols(t) - 4, line);
	if (n == 0)
		return row + 1;
	for (k = 0, col = 4; k < ncols; col += c[k].width + 1, k++)
		tui_put_bold(t, row, col, c[k].width, c[k].title != NULL ?
		    _(c[k].title) : _(report_title(r, c[k].col)));
	row++;
	for (i = 0; i < report_nrows(r) && shown < (size_t)max; i++) {
		if (!home_picked(r, i, pick, today, here))
			continue;
		for (k = 0, col = 4; k < ncols; col += c[k].width + 1, k++) {
			report_cell_text(r, i, en && c[k].en >= 0 ? c[k].en :
			    c[k].col, cell, sizeof cell);
			if (en && c[k].en >= 0 && *cell == '\0')
				report_cell_text(r, i, c[k].col, cell,
				    sizeof cell);
			if (c[k].time) {
				wms_time_local(cell, local, sizeof local);
				snprintf(cell, sizeof cell, "%s", local);
			}
			if (c[k].en >= 0) {
				/* A name gives way, marked with "…". */
				tui_fit(cell, c[k].width, local, sizeof local);
				snprintf(cell, sizeof cell, "%s", local);
			}
			if (c[k].num)
				tui_put_num(t, row, col, c[k].width, cell);
			else
				tui_put(t, row, col, c[k].width, cell, 0);
		}
		row++;
		shown++;
	}
	return row + 1;
}

/* The data bus in one line, when this depot has one. */
static int
home_bus(struct tui_screen *s, int row)
{
	struct bus_status	 st;
	struct wms_err		 err;
	struct tui		*t = s->tui;
	char			 line[256], at[40];

	if (!tui_bus_configured(t))
		return row;
	if (bus_status_read(tui_wms(t), &st, &err) != 0) {
		snprintf(line, sizeof line, _("Data bus: %s"), err.msg);
	} else {
		wms_time_local(st.last_ack, at, sizeof at);
		snprintf(line, sizeof line, _("Data bus: %lld waiting, last "
		    "sent %s%s%s"), (long long)st.pending, *at ? at : _("never"),
		    *st.last_error ? _("; last error: ") : "", st.last_error);
	}
	tui_put(t, row++, 2, tui_cols(t) - 4, line, 0);
	return row;
}

static void
home_draw(struct tui_screen *s)
{
	static const struct home_col below[] = {
		{ .col = 0, .width = 16, .en = -1 },
		{ .col = 1, .width = 25, .en = 2, .title = N_("Name") },
		{ .col = 4, .width = 10, .num = 1, .en = -1 },
		{ .col = 5, .width = 10, .num = 1, .en = -1 },
		{ .col = 3, .width = 6, .en = -1 },
	};
	static const struct home_col lots[] = {
		{ .col = 0, .width = 16, .en = -1 },
		{ .col = 1, .width = 16, .en = -1 },
		{ .col = 2, .width = 10, .en = -1 },
		{ .col = 3, .width = 12, .num = 1, .en = -1 },
		{ .col = 4, .width = 6, .en = -1 },
	};
	static const struct home_col trf[] = {
		{ .col = 0, .width = 20, .en = -1 },
		{ .col = 1, .width = 6, .en = -1 },
		{ .col = 2, .width = 6, .en = -1 },
		{ .col = 4, .width = 16, .time = 1, .en = -1,
		    .title = N_("Shipped") },
	};
	struct home	*h = s->data;
	struct tui	*t = s->tui;
	char		 line[160], now[32], today[11];
	int		 row = 2, room, lists = 0;
	size_t		 nexp;

	/* Current after every posting, and every HOME_EVERY seconds. */
	if (h->posted != tui_posted_count(t) ||
	    time(NULL) - h->read_at >= HOME_EVERY)
		home_load(s);
	wms_now_iso(tui_wms(t), now);
	wms_time_local(now, line, sizeof line);
	snprintf(today, sizeof today, "%.10s", line);
	snprintf(line, sizeof line, _("Documents posted today: %lld   "
	    "Devices configured: %d"), (long long)h->today, h->devices);
	tui_put(t, row++, 2, tui_cols(t) - 4, line, 0);
	row = home_bus(s, row) + 1;
	nexp = home_count(h->expiring, HOME_EXPIRED, today, NULL);
	lists = (home_count(h->below, HOME_ALL, today, NULL) > 0) +
	    (home_count(h->transfers, HOME_HERE, today, h->here) > 0) +
	    (nexp > 0) +
	    (home_count(h->expiring, HOME_NOT_EXPIRED, today, NULL) > 0);
	/* What is left for rows, after titles, headings and gaps. */
	room = tui_rows(t) - 3 - row - 4 * 2 - lists - (h->scan.len > 0);
	room = lists > 0 ? room / lists : 1;
	if (room < 1)
		room = 1;
	row = home_list(t, row, _("Items below minimum"), h->below, below, 5,
	    room, HOME_ALL, today, NULL);
	row = home_list(t, row, _("Transfers waiting to be received"),
	    h->transfers, trf, 4, room, HOME_HERE, today, h->here);
	if (nexp > 0)
		row = home_list(t, row, _("Expired lots, not to be issued"),
		    h->expiring, lots, 5, room, HOME_EXPIRED, today, NULL);
	home_list(t, row, _("Lots expiring within 30 days"), h->expiring,
	    lots, 5, room, HOME_NOT_EXPIRED, today, NULL);
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

/*
 * A keyboard scanner's code; the menu's keys go to the bindings.  Esc
 * never quits: home is where going back stops (F10 quits).
 */
static int
home_key(struct tui_screen *s, int key)
{
	int r;

	if ((r = home_scan_key(s, key)) != TUI_IGNORED)
		return r;
	if (key == TUI_KEY_ESC)
		return TUI_HANDLED;
	return TUI_IGNORED;
}

/*
 * A fixed scanner's read: into the scan field, replacing what was there,
 * where the user sees it; Enter opens what it names, Esc clears it.  It
 * never jumps by itself: the storekeeper at home asked for nothing.
 */
static void
home_fixed_scan(struct tui_screen *s, const char *code)
{
	struct home *h = s->data;

	tui_field_clear(&h->scan);
	snprintf(h->scan.text, sizeof h->scan.text, "%s", code);
	h->scan.len = strlen(h->scan.text);
	tui_status(s->tui, "%s", _("scanned: Enter opens it, Esc clears it"));
}

const struct tui_screen_entry tui_screen_home = {
	.name = "home",
	.title = N_("Home"),
	.init = home_init,
	.free = home_free,
	.draw = home_draw,
	.key = home_key,
	.keys = home_keys,
	.scan = home_fixed_scan,
};
