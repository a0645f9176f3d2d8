/* The screen table: every screen, and the home menu in its order. */
#include <stddef.h>

#include "tui/confirm.h"
#include "tui/screen.h"

const struct tui_screen_entry *const tui_screens[] = {
	/* The menu, as the home screen lists it. */
	&tui_screen_receive,
	&tui_screen_issue,
	&tui_screen_move,
	&tui_screen_transfer,
	&tui_screen_counts,
	&tui_screen_reports,
	&tui_screen_admin,
	&tui_screen_audit,
	&tui_screen_doc,
	&tui_screen_items,
	/* Opened from another screen. */
	&tui_screen_login,
	&tui_screen_home,
	&tui_screen_item,
	&tui_screen_ship,
	&tui_screen_count,
	&tui_screen_count_review,
	&tui_screen_confirm,
	&tui_screen_pick,
	NULL
};
