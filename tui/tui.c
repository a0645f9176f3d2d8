/*
 * The terminal UI: the screen stack, the loop, the frame around every
 * screen (title, status, key bar) and F1 help.  It draws through
 * tui/draw.c, the only file that includes curses.
 */
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/draft.h"
#include "devices/registry.h"
#include "devices/station.h"
#include "lib/config.h"
#include "lib/i18n.h"
#include "lib/time.h"
#include "core/qty.h"
#include "lib/text.h"
#include "core/wms.h"
#include "lib/xmalloc.h"
#include "devices/find.h"
#include "devices/poll.h"
#include "tui/draw.h"
#include "tui/screen.h"
#include "tui/state.h"
#include "tui/tui.h"

static volatile sig_atomic_t tui_stop;

static void
tui_on_term(int sig)
{
	(void)sig;
	tui_stop = 1;
}

static void
tui_on_crash(int sig)
{
	tui_term_restore();
	signal(sig, SIG_DFL);
	raise(sig);
}

static int	tui_handle_key(struct tui *, int key, struct wms_err *);

/* The first scale and the first scanner of the station start polling. */
static int
tui_device_one(const struct db_device *d, void *arg)
{
	struct tui		*t = arg;
	struct dev_profile	*p;
	struct dev_poll		**slot;
	struct wms_err		 err;

	if (t->station == NULL && d->station[0] != '\0')
		return 0;
	slot = strcmp(d->kind, "scale") == 0 ? &t->scale : &t->scanner;
	if (*slot != NULL)
		return 0;
	if ((p = dev_profile_find(d->profile, &err)) == NULL ||
	    (*slot = dev_poll_start(p, d->uri, d->unit_id, d->timeout_ms,
	    t->poll_ms, &err)) == NULL) {
		tui_status(t, "%s: %s", d->name, err.msg);
		return 0;
	}
	snprintf(slot == &t->scale ? t->scale_name : t->scanner_name,
	    sizeof t->scale_name, "%s", d->name);
	return 0;
}

/*
 * From the start, before anyone logs in, until the UI quits: a log-out or
 * a change of user keeps them running, and a fixed scanner's reads are
 * taken (or dropped) as they come, never piled up for later.
 */
static void
tui_devices_start(struct tui *t)
{
	struct wms_err	err;

	if (t->devices_on)
		return;
	t->devices_on = 1;
	if (dev_station_each(t->w, t->station, tui_device_one, t, &err) != 0)
		tui_status(t, "%s", err.msg);
}

static void
tui_devices_stop(struct tui *t)
{
	dev_poll_stop(t->scale);
	dev_poll_stop(t->scanner);
	t->scale = t->scanner = NULL;
}

void
tui_test_set_printer(struct tui *t, const char *printer)
{
	t->printer = printer;
}

void
tui_test_set_scale(struct tui *t, struct dev_poll *p, const char *name)
{
	dev_poll_stop(t->scale);
	t->scale = p;
	snprintf(t->scale_name, sizeof t->scale_name, "%s", name);
}

/*
 * The live weight for the status line: "scale-1 208.500 kg stable",
 * "... moving", "... overload", or "scale-1: no answer".
 */
void
tui_weight_text(struct tui *t, char *buf, size_t len)
{
	struct dev_reading	r;
	struct wms_err		err;
	char			q[40];
	int64_t			age;
	const char		*state;

	buf[0] = '\0';
	if (t->scale == NULL)
		return;
	if (dev_poll_weight(t->scale, &r, &age, &err) != 0) {
		snprintf(buf, len, "%s: %s", t->scale_name, _("no answer"));
		return;
	}
	wms_qty_fmt(r.net, q, sizeof q);
	state = r.overload ? _("overload") : r.underload ? _("underload") :
	    r.error ? _("error") : r.stable ? _("stable") : _("moving");
	snprintf(buf, len, "%s %s %s %s", t->scale_name, q, r.unit, state);
}

/*
 * A code from the station's fixed scanner goes only to a screen that asks
 * for one (its scan_ok, else its scan): to its scan(), else typed into it
 * followed by Enter, as a keyboard scanner would.  Otherwise it is dropped
 * at once, never kept for later: nobody is logged in, a question or the
 * help is open, or the screen's prompt takes no scan (a quantity, a
 * supplier).  A dropped read flashes the screen and says so in the status
 * line.
 */
static int
tui_scan_drop(struct tui *t, const char *code, const char *why)
{
	char	shown[32];
	size_t	n = strlen(code);

	/* A long read (GS1 data) shortened, so that the reason shows. */
	if (n > 20)
		snprintf(shown, sizeof shown, "%.18s…", code);
	else
		snprintf(shown, sizeof shown, "%s", code);
	t->flash = 1;
	/* The question F10 asked stays in sight: the flash says enough. */
	if (!t->ask_quit)
		tui_status(t, _("scanner read %s not taken: %s"), shown, why);
	return 0;
}

int
tui_scan(struct tui *t, const char *code, struct wms_err *err)
{
	struct tui_screen	*s;
	const char		*p = code;
	uint32_t		 cp;
	int			 rc, n, ok;

	if (t->depth == 0)
		return 0;
	s = &t->stack[t->depth - 1];
	if (wms_user_role(t->w) == WMS_ROLE_NONE)
		return tui_scan_drop(t, code, _("nobody is logged in"));
	if (t->help || t->ask_quit)
		return tui_scan_drop(t, code, _("answer the question first"));
	ok = s->entry->scan_ok != NULL ? s->entry->scan_ok(s) :
	    s->entry->scan != NULL;
	if (!ok)
		return tui_scan_drop(t, code, _("this prompt takes no scan"));
	if (s->entry->scan != NULL) {
		t->status[0] = '\0';
		s->entry->scan(s, code);
		return tui_handle_key(t, 0, err);
	}
	while (*p != '\0') {
		if ((n = wms_utf8_next(p, strlen(p), &cp)) < 0)
			break;
		p += n;
		if ((rc = tui_handle_key(t, (int)cp, err)) != 0 || t->quit)
			return rc;
	}
	return tui_handle_key(t, TUI_KEY_ENTER, err);
}

/*
 * The key bar for a screen cols wide: the screen's keys the user may use,
 * as many as fit, then F1, F12 and F10, which always show.  Keys left out
 * are marked with "…"; F1 lists them all.
 */
static void
tui_keybar(struct tui *t, const struct tui_screen *s, int cols, char *bar,
    size_t size)
{
	const struct tui_binding	*b;
	char				 one[96], tail[96];
	size_t				 len = 0, used, room;

	snprintf(tail, sizeof tail, "F1 %s  F12 %s  F10 %s", _("help"),
	    tui_dir(t) == TUI_DIR_RTL ? "English" : "عربي", _("quit"));
	room = (size_t)cols > wms_text_width(tail) + 3 ? (size_t)cols -
	    wms_text_width(tail) - 3 : 0;
	bar[0] = '\0';
	used = 0;
	for (b = s->entry->keys; b != NULL && b->key != 0; b++) {
		if (b->label == NULL || !tui_binding_ok(t, b))
			continue;
		snprintf(one, sizeof one, "%s %s  ", b->label, _(b->what));
		if (used + wms_text_width(one) > room ||
		    len + strlen(one) >= size) {
			snprintf(one, sizeof one, "…  ");
			if (len + strlen(one) < size) {
				memcpy(bar + len, one, strlen(one) + 1);
				len += strlen(one);
			}
			break;
		}
		memcpy(bar + len, one, strlen(one) + 1);
		len += strlen(one);
		used += wms_text_width(one);
	}
	if (len + strlen(tail) < size)
		memcpy(bar + len, tail, strlen(tail) + 1);
}

void
tui_test_keybar(struct tui *t, int cols, char *bar, size_t size)
{
	tui_keybar(t, &t->stack[t->depth - 1], cols, bar, size);
}

/* The title line, the status line and the key bar around every screen. */
static void
tui_frame(struct tui *t, const struct tui_screen *s)
{
	char	bar[512], one[96], now[32], local[40];
	int	wlen, rows = tui_rows(t), cols = tui_cols(t);

	/* The depot's local time, to the minute, on every screen. */
	wms_now_iso(t->w, now);
	wms_time_local(now, local, sizeof local);
	snprintf(bar, sizeof bar, "%s — %s  %s  %s", _("makhzan"),
	    _(s->entry->title), wms_user_name(t->w), local);
	tui_fill_row(0, TUI_STYLE_REVERSE);
	tui_put_style(t, 0, 0, cols, bar, 0, TUI_STYLE_REVERSE);
	/* The live weight at the end of the top line, always in sight:
	 * messages below may be long. */
	tui_weight_text(t, one, sizeof one);
	wlen = (int)wms_text_width(one);
	if (wlen > 0 && (int)wms_text_width(bar) + wlen + 2 <= cols)
		tui_put_style(t, 0, cols - wlen - 1, wlen, one, 0,
		    TUI_STYLE_REVERSE_BOLD);
	tui_put(t, rows - 2, 0, cols, t->status, 0);
	tui_keybar(t, s, cols, bar, sizeof bar);
	tui_put_style(t, rows - 1, 0, cols, bar, 0, TUI_STYLE_REVERSE);
}

static void
tui_help(struct tui *t, const struct tui_screen *s)
{
	const struct tui_binding	*b;
	char				 line[128];
	int				 row = 2, cols = tui_cols(t);

	tui_put_bold(t, row++, 2, cols - 4, _(s->entry->title));
	for (b = s->entry->keys; b != NULL && b->key != 0; b++) {
		if (b->label == NULL || !tui_binding_ok(t, b))
			continue;
		snprintf(line, sizeof line, "%-6s %s", b->label, _(b->what));
		tui_put(t, ++row, 4, cols - 8, line, 0);
	}
	snprintf(line, sizeof line, "%-6s %s", "F12", _("switch language"));
	tui_put(t, ++row, 4, cols - 8, line, 0);
	snprintf(line, sizeof line, "%-6s %s", "F10", _("quit"));
	tui_put(t, ++row, 4, cols - 8, line, 0);
	tui_put(t, row + 2, 4, cols - 8, _("Any key goes back."), 0);
}

static void
tui_draw(struct tui *t)
{
	struct tui_screen *s = &t->stack[t->depth - 1];

	tui_term_clear();
	if (tui_rows(t) < 10 || tui_cols(t) < 40) {
		tui_term_plain(0, 0, _("The terminal is too small: 80x24 at "
		    "least."));
		tui_term_show();
		return;
	}
	if (t->help)
		tui_help(t, s);
	else
		s->entry->draw(s);
	tui_frame(t, s);
	tui_term_show();
}

int
tui_busy(struct tui *t, const char *msg)
{
	int key;

	snprintf(t->status, sizeof t->status, "%s", msg);
	if (!tui_term_on() || t->depth == 0)
		return 0;
	tui_draw(t);
	while ((key = tui_term_poll()) != -1)
		if (key == TUI_KEY_ESC || key == 3)
			return 1;
	return 0;
}

static int
tui_open(struct tui *t, const struct tui_screen_entry *e, void *arg,
    struct wms_err *err)
{
	struct tui_screen *s;

	if (t->depth == TUI_DEPTH)
		return wms_err_set(err, WMS_ERR_INVALID, "screen stack full");
	/* A screen the user's role does not allow does not open. */
	if (e->need != 0 && wms_require(t->w, (enum wms_perm)(e->need - 1),
	    err) != 0)
		return err->rc;
	s = &t->stack[t->depth];
	memset(s, 0, sizeof *s);
	s->entry = e;
	s->tui = t;
	if (e->init != NULL && e->init(s, arg, err) != 0)
		return err->rc;
	t->depth++;
	return 0;
}

static void
tui_close_top(struct tui *t)
{
	struct tui_screen *s = &t->stack[--t->depth];

	if (s->entry->free != NULL)
		s->entry->free(s);
}

/*
 * Give a key to the top screen and do what it asks: to its key() first,
 * for fields and open forms, then to its bindings.
 */
static int
tui_handle_key(struct tui *t, int key, struct wms_err *err)
{
	struct tui_screen	*s = &t->stack[t->depth - 1];
	int			 r, rc;

	if (key != 0) {
		t->status[0] = '\0';
		r = s->entry->key != NULL ? s->entry->key(s, key) :
		    TUI_IGNORED;
		if (r == TUI_IGNORED)
			r = tui_key_run(s, key);
	} else {
		r = TUI_HANDLED;	/* a scan handled: only what it asked */
	}
	if (r & TUI_QUIT) {
		t->quit = 1;
		return 0;
	}
	if (r & TUI_POP)
		tui_close_top(t);
	if (t->reset != NULL) {
		while (t->depth > 0)
			tui_close_top(t);
		if ((rc = tui_open(t, t->reset, NULL, err)) != 0)
			return rc;
		t->reset = NULL;
	}
	if (t->push != NULL) {
		const struct tui_screen_entry *e = t->push;

		t->push = NULL;
		if (tui_open(t, e, t->push_arg, err) != 0)
			tui_status(t, "%s", err->msg);
	}
	if (t->depth == 0)
		t->quit = 1;
	return 0;
}

/*
 * What makhzan.ini says to the terminal: the currency shown beside money,
 * whether a supervisor may post a count they counted, and the zone times
 * are shown in (read as cmd/main.c reads it: MAKHZAN_CONFIG, else the
 * usual files).  A bad file was refused before the UI started.
 */
static void
tui_config(struct tui *t)
{
	struct wms_config	conf;
	struct wms_err		err;

	snprintf(t->currency, sizeof t->currency, "SYP");
	if (wms_config_load(&conf, getenv("MAKHZAN_CONFIG"), &err) != 0)
		return;
	if (conf.currency != NULL)
		snprintf(t->currency, sizeof t->currency, "%s", conf.currency);
	t->bus = conf.bus_nats != NULL && *conf.bus_nats != '\0';
	t->count_self_post = conf.count_self_post != NULL &&
	    strcmp(conf.count_self_post, "yes") == 0;
	if (conf.tz != NULL)
		wms_time_zone(conf.tz, &err);
	wms_config_fini(&conf);
}

/*
 * F10 asks first when leaving would stop something: the station's
 * devices, or a draft of the user's not yet posted.
 */
static int
tui_quit_asks(struct tui *t)
{
	static const char *const kinds[] = { "receipt", "issue", "move",
	    "transfer" };
	char	*d;
	size_t	 i;

	if (t->scale != NULL || t->scanner != NULL)
		return 1;
	if (wms_user_role(t->w) == WMS_ROLE_NONE)
		return 0;
	for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if ((d = wms_draft_load(t->w, kinds[i], NULL)) != NULL) {
			free(d);
			return 1;
		}
	return 0;
}

/*
 * A key as the loop takes it: the answer to F10's question, the help
 * closed, F1, F12, F10, else the screen's.  Sets t->quit to leave.
 */
static int
tui_loop_key(struct tui *t, int key, struct wms_err *err)
{
	if (t->ask_quit) {
		t->ask_quit = 0;
		t->status[0] = '\0';
		if (key == TUI_KEY_F(10) || key == 'y' || key == 'Y')
			t->quit = 1;
		return 0;
	}
	if (t->help) {
		t->help = 0;
		return 0;
	}
	if (key == TUI_KEY_F(10)) {
		if (!tui_quit_asks(t)) {
			t->quit = 1;
			return 0;
		}
		t->ask_quit = 1;
		tui_status(t, "%s", t->scale != NULL || t->scanner != NULL ?
		    _("Quit? The scale and scanner stop. F10 or y: quit, "
		    "other keys: stay") :
		    _("Quit? Your draft is kept. F10 or y: quit, other keys: "
		    "stay"));
		return 0;
	}
	if (key == TUI_KEY_F(1)) {
		t->help = 1;
		return 0;
	}
	if (key == TUI_KEY_F(12)) {
		tui_set_lang(t, tui_dir(t) == TUI_DIR_RTL ? "en" : "ar");
		if (wms_user_role(t->w) != WMS_ROLE_NONE)
			wms_user_set_lang(t->w, t->lang, NULL);
		return 0;
	}
	return tui_handle_key(t, key, err);
}

struct tui *
tui_test_new(struct wms *w, const char *lang,
    const struct tui_screen_entry *first, void *arg, struct wms_err *err)
{
	struct tui *t;

	t = xcalloc(1, sizeof *t);
	t->w = w;
	t->mode = TUI_BIDI_SELF;
	snprintf(t->lang, sizeof t->lang, "%s", lang);
	if (tui_open(t, first, arg, err) != 0) {
		free(t);
		return NULL;
	}
	return t;
}

int
tui_test_key(struct tui *t, int key, struct wms_err *err)
{
	if (t->depth == 0 || t->quit)
		return 0;
	return tui_loop_key(t, key, err);
}

const char *
tui_test_top(struct tui *t)
{
	return t->depth > 0 ? t->stack[t->depth - 1].entry->name : "";
}

void *
tui_test_data(struct tui *t)
{
	return t->depth > 0 ? t->stack[t->depth - 1].data : NULL;
}

int
tui_test_quit(struct tui *t)
{
	return t->quit;
}

const char *
tui_test_status(struct tui *t)
{
	return t->status;
}

void
tui_test_free(struct tui *t)
{
	while (t->depth > 0)
		tui_close_top(t);
	tui_devices_stop(t);
	free(t);
}

int
tui_run(struct wms *w, const struct tui_login_arg *login,
    const struct tui_opts *o, struct wms_err *err)
{
	struct tui	*t;
	char		 code[256];
	int		 key, rc = 0;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return wms_err_set(err, WMS_ERR_USAGE,
		    _("the terminal UI needs a terminal: run makhzan tui in "
		    "one, or use the commands"));
	t = xcalloc(1, sizeof *t);
	t->w = w;
	t->mode = o->bidi;
	t->station = o->station;
	t->poll_ms = o->poll_ms;
	t->printer = o->printer;
	/* A language given (--lang, MAKHZAN_LANG, lang = in makhzan.ini)
	 * wins over the one stored for the user. */
	t->lang_fixed = o->lang != NULL;
	tui_config(t);
	tui_set_lang(t, o->lang != NULL ? o->lang : "ar");
	xmalloc_fatal_hook = tui_term_restore;
	signal(SIGTERM, tui_on_term);
	signal(SIGHUP, tui_on_term);
	signal(SIGINT, tui_on_term);
	signal(SIGSEGV, tui_on_crash);
	signal(SIGBUS, tui_on_crash);
	signal(SIGABRT, tui_on_crash);
	signal(SIGFPE, tui_on_crash);
	atexit(tui_term_restore);
	if (tui_term_start(err) != 0) {
		free(t);
		return err->rc;
	}
	if ((rc = tui_open(t, &tui_screen_login, (void *)login, err)) != 0)
		goto out;
	tui_devices_start(t);
	while (!tui_stop && t->depth > 0) {
		tui_draw(t);
		key = tui_term_key();
		while (t->scanner != NULL && !t->quit &&
		    dev_poll_code(t->scanner, code, sizeof code))
			if ((rc = tui_scan(t, code, err)) != 0)
				goto out;
		if (t->flash) {
			t->flash = 0;
			tui_term_flash();
		}
		if (t->quit)
			break;
		if (key < 0 || key == TUI_KEY_RESIZE)
			continue;
		if ((rc = tui_loop_key(t, key, err)) != 0)
			goto out;
		if (t->quit)
			break;
	}
out:
	while (t->depth > 0)
		tui_close_top(t);
	tui_devices_stop(t);
	tui_term_restore();
	xmalloc_fatal_hook = NULL;
	free(t);
	return rc;
}
