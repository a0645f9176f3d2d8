/* Key bindings as data: who may see a binding, which one a key is, list keys. */
#include <stdio.h>

#include "core/wms.h"
#include "tui/screen.h"

int
tui_key_find(struct tui *t, const struct tui_binding *keys, int key)
{
	int i, k;

	for (i = 0; keys[i].key != 0; i++) {
		k = keys[i].key;
		if (k == key || (k >= 'a' && k <= 'z' && key == k - 'a' + 'A'))
			return tui_binding_ok(t, &keys[i]) ? i : -1;
	}
	return -1;
}

int
tui_list_key(int key, int *sel, int n, int page)
{
	int s = *sel;

	if (page < 1)
		page = 1;
	switch (key) {
	case TUI_KEY_DOWN:	s++; break;
	case TUI_KEY_UP:	s--; break;
	case TUI_KEY_NPAGE:	s += page; break;
	case TUI_KEY_PPAGE:	s -= page; break;
	case TUI_KEY_HOME:	s = 0; break;
	case TUI_KEY_END:	s = n - 1; break;
	default:
		return 0;
	}
	if (s >= n)
		s = n - 1;
	if (s < 0)
		s = 0;
	*sel = s;
	return 1;
}
