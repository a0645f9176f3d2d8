/*
 * Key bindings as data: who may see a binding, which one a key is, what
 * it does.
 */
#include <stdio.h>

#include "core/wms.h"
#include "tui/screen.h"

/* The index of the binding of key in keys, allowed or not, or -1. */
static int
key_index(const struct tui_binding *keys, int key)
{
	int i, k;

	for (i = 0; keys != NULL && keys[i].key != 0; i++) {
		k = keys[i].key;
		if (k == key || (k >= 'a' && k <= 'z' &&
		    key == k - 'a' + 'A') || (keys[i].alt != 0 &&
		    keys[i].alt == key))
			return i;
	}
	return -1;
}

int
tui_key_run(struct tui_screen *s, int key)
{
	const struct tui_binding	*b;
	struct wms_err			 err;
	int				 i;

	if ((i = key_index(s->entry->keys, key)) < 0)
		return TUI_IGNORED;
	b = &s->entry->keys[i];
	if (!tui_binding_ok(s->tui, b)) {
		wms_require(tui_wms(s->tui), (enum wms_perm)(b->need - 1),
		    &err);
		tui_status(s->tui, "%s", err.msg);
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (b->fn != NULL)
		return b->fn(s, key);
	if (b->open != NULL) {
		tui_push(s->tui, b->open, NULL);
		return TUI_HANDLED;
	}
	return TUI_IGNORED;
}

int
tui_key_back(struct tui_screen *s, int key)
{
	(void)s;
	(void)key;
	return TUI_POP | TUI_REDRAW;
}

