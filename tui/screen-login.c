/* The login screen: user and password, then the home screen. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/i18n.h"
#include "core/wms.h"
#include "lib/xmalloc.h"
#include "tui/screen.h"
#include "tui/tui.h"

struct login {
	struct tui_field	user, password;
	int			focus;		/* 0 user, 1 password */
	char			hint[320];
};

static int
login_init(struct tui_screen *s, void *arg, struct wms_err *err)
{
	const struct tui_login_arg	*a = arg;
	struct login			*l;

	(void)err;
	l = xcalloc(1, sizeof *l);
	l->password.secret = 1;
	if (a != NULL && a->user != NULL && *a->user != '\0') {
		snprintf(l->user.text, sizeof l->user.text, "%s", a->user);
		l->user.len = strlen(l->user.text);
		l->focus = 1;
	}
	if (a != NULL && a->hint != NULL)
		snprintf(l->hint, sizeof l->hint, "%s", a->hint);
	s->data = l;
	return 0;
}

static void
login_free(struct tui_screen *s)
{
	struct login *l = s->data;

	explicit_bzero(l->password.text, sizeof l->password.text);
	free(l);
}

static void
login_draw(struct tui_screen *s)
{
	struct login	*l = s->data;
	struct tui	*t = s->tui;

	tui_put_bold(t, 3, 4, 60, _("makhzan — مخزن"));
	tui_put(t, 4, 4, 60, _("depot warehouse system"), 0);
	tui_put(t, 7, 4, 14, _("User"), 0);
	tui_put_field(t, 7, 20, 30, &l->user, l->focus == 0);
	tui_put(t, 9, 4, 14, _("Password"), 0);
	tui_put_field(t, 9, 20, 30, &l->password, l->focus == 1);
	if (l->hint[0] != '\0')
		tui_put_wrap(t, 12, 4, tui_cols(t) - 8, 4, l->hint);
}

/* Tab, ↑ or ↓: the other field. */
static int
login_other(struct tui_screen *s, int key)
{
	struct login *l = s->data;

	(void)key;
	l->focus = !l->focus;
	return TUI_HANDLED | TUI_REDRAW;
}

/* Enter: from the user to the password, then log in and go home. */
static int
login_enter(struct tui_screen *s, int key)
{
	struct login	*l = s->data;
	struct tui	*t = s->tui;
	struct wms_err	 err;
	const char	*lang;

	if (l->focus == 0)
		return login_other(s, key);
	if (wms_login(tui_wms(t), l->user.text, l->password.text,
	    &err) != 0) {
		tui_status(t, "%s", err.msg);
		tui_field_clear(&l->password);
		return TUI_HANDLED | TUI_REDRAW;
	}
	/* The user's own language, once known, unless one was given. */
	if (!tui_lang_fixed(t) && (lang = wms_user_lang(tui_wms(t))) != NULL)
		tui_set_lang(t, lang);
	tui_reset(t, &tui_screen_home);
	return TUI_HANDLED | TUI_REDRAW;
}

/* Esc clears the field with the focus; it never quits (F10 does). */
static int
login_clear(struct tui_screen *s, int key)
{
	struct login *l = s->data;

	(void)key;
	tui_field_clear(l->focus == 0 ? &l->user : &l->password);
	return TUI_HANDLED | TUI_REDRAW;
}

static const struct tui_binding login_keys[] = {
	{ .key = '\n', .label = "Enter", .what = N_("next / log in"),
	    .fn = login_enter },
	{ .key = '\t', .alt = TUI_KEY_DOWN, .label = "Tab",
	    .what = N_("next field"), .fn = login_other },
	{ .key = TUI_KEY_UP, .fn = login_other },
	{ .key = TUI_KEY_ESC, .label = "Esc", .what = N_("clear the field"),
	    .fn = login_clear },
	{ .key = 0 }
};

/* What is typed goes to the field with the focus. */
static int
login_key(struct tui_screen *s, int key)
{
	struct login *l = s->data;

	return tui_field_key(l->focus == 0 ? &l->user : &l->password, key);
}

const struct tui_screen_entry tui_screen_login = {
	.name = "login",
	.title = N_("Log in"),
	.init = login_init,
	.free = login_free,
	.draw = login_draw,
	.key = login_key,
	.keys = login_keys,
};
