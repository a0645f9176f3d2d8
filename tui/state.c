/*
 * The UI's state as the screens see it: the session, the language and
 * bidi mode, the status line, and the screen to open next (tui/screen.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/qty.h"
#include "core/wms.h"
#include "tui/state.h"

struct wms *
tui_wms(struct tui *t)
{
	return t->w;
}

int
tui_may(struct tui *t, enum wms_perm perm)
{
	return wms_require(t->w, perm, NULL) == 0;
}

int
tui_binding_ok(struct tui *t, const struct tui_binding *b)
{
	return b->need == 0 || tui_may(t, (enum wms_perm)(b->need - 1));
}

enum tui_dir
tui_dir(struct tui *t)
{
	return strcmp(t->lang, "ar") == 0 ? TUI_DIR_RTL : TUI_DIR_LTR;
}

enum tui_bidi_mode
tui_mode(struct tui *t)
{
	return t->mode;
}

const char *
tui_lang(struct tui *t)
{
	return t->lang;
}

void
tui_push(struct tui *t, const struct tui_screen_entry *e, void *arg)
{
	t->push = e;
	t->push_arg = arg;
}

void
tui_reset(struct tui *t, const struct tui_screen_entry *e)
{
	t->reset = e;
}

void
tui_status(struct tui *t, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(t->status, sizeof t->status, fmt, ap);
	va_end(ap);
}

void
tui_set_lang(struct tui *t, const char *lang)
{
	extern int _nl_msg_cat_cntr;

	snprintf(t->lang, sizeof t->lang, "%s", lang);
	setenv("LANGUAGE", lang, 1);
	/* gettext forgets the messages it has already looked up. */
	++_nl_msg_cat_cntr;
}

const char *
tui_printer(struct tui *t)
{
	return t->printer;
}

struct dev_poll *
tui_scale(struct tui *t, const char **name)
{
	if (name != NULL)
		*name = t->scale_name;
	return t->scale;
}

void
tui_posted(struct tui *t)
{
	t->posted++;
}

unsigned
tui_posted_count(struct tui *t)
{
	return t->posted;
}

int
tui_lang_fixed(struct tui *t)
{
	return t->lang_fixed;
}

char *
tui_money(struct tui *t, int64_t minor, char *buf, size_t len,
    int with_currency)
{
	char v[40];

	wms_money_fmt(minor, wms_currency_minor(t->w), v, sizeof v);
	if (with_currency && t->currency[0] != '\0')
		snprintf(buf, len, "%s %s", v, t->currency);
	else
		snprintf(buf, len, "%s", v);
	return buf;
}

int
tui_count_self_post(struct tui *t)
{
	return t->count_self_post;
}

void
tui_test_set_config(struct tui *t, int count_self_post, const char *currency)
{
	t->count_self_post = count_self_post;
	snprintf(t->currency, sizeof t->currency, "%s", currency);
}

int
tui_bus_configured(struct tui *t)
{
	return t->bus;
}
