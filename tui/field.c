/* A one-line text field: typed code points kept as UTF-8. */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "lib/i18n.h"
#include "lib/text.h"
#include "tui/screen.h"

void
tui_field_clear(struct tui_field *f)
{
	f->text[0] = '\0';
	f->len = 0;
}

/* Remove the last code point (and the marks that follow a base with it). */
static void
field_backspace(struct tui_field *f)
{
	while (f->len > 0) {
		f->len--;
		if (((unsigned char)f->text[f->len] & 0xc0) != 0x80)
			break;
	}
	f->text[f->len] = '\0';
}

int
tui_field_key(struct tui_field *f, int key)
{
	char	buf[4];
	size_t	n;

	if (key == TUI_KEY_BACKSPACE || key == TUI_KEY_BS) {
		if (f->len == 0)
			return TUI_IGNORED;
		field_backspace(f);
		return TUI_HANDLED | TUI_REDRAW;
	}
	/* Printable code points only: no controls, no function keys. */
	if (key < 0x20 || key == 0x7f || key >= TUI_KEY_FN ||
	    (key >= 0x80 && key < 0xa0) || key > 0x10ffff ||
	    (key >= 0xd800 && key <= 0xdfff))
		return TUI_IGNORED;
	if (key < 0x80) {
		buf[0] = (char)key;
		n = 1;
	} else if (key < 0x800) {
		buf[0] = (char)(0xc0 | (key >> 6));
		buf[1] = (char)(0x80 | (key & 0x3f));
		n = 2;
	} else if (key < 0x10000) {
		buf[0] = (char)(0xe0 | (key >> 12));
		buf[1] = (char)(0x80 | ((key >> 6) & 0x3f));
		buf[2] = (char)(0x80 | (key & 0x3f));
		n = 3;
	} else {
		buf[0] = (char)(0xf0 | (key >> 18));
		buf[1] = (char)(0x80 | ((key >> 12) & 0x3f));
		buf[2] = (char)(0x80 | ((key >> 6) & 0x3f));
		buf[3] = (char)(0x80 | (key & 0x3f));
		n = 4;
	}
	if (f->len + n >= sizeof f->text)
		return TUI_IGNORED;
	memcpy(f->text + f->len, buf, n);
	f->len += n;
	f->text[f->len] = '\0';
	return TUI_HANDLED | TUI_REDRAW;
}

int
tui_take(struct tui *t, char *dst, size_t len, const char *src)
{
	size_t n = strlen(src);

	if (n >= len) {
		tui_status(t, _("too long: at most %zu characters"), len - 1);
		return -1;
	}
	memcpy(dst, src, n + 1);
	return 0;
}

void
tui_json_str(char *dst, size_t len, const struct json_t *o, const char *key)
{
	const json_t *v = json_object_get(o, key);

	snprintf(dst, len, "%s", json_is_string(v) ? json_string_value(v) :
	    "");
}
