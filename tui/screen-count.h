/*
 * The state of the counting screen, in a header so that tests can check
 * that it holds no book figure.
 */
#ifndef TUI_SCREEN_COUNT_H
#define TUI_SCREEN_COUNT_H

#include "core/count.h"
#include "core/ledger.h"
#include "tui/screen.h"

#define COUNT_LINES	200

/* What Enter does next. */
enum cstep {
	C_BIN, C_ITEM, C_LOT, C_QTY
};

/* A line of the count at the bin, as the counter may see it: no book. */
struct count_seen {
	char	item[32];
	char	name[128];
	char	lot[48];
	char	status[12];
	char	counted[32];	/* "" until counted */
	char	uom[16];
};

struct count_entry {
	char			 number[WMS_NUMBER_MAX];
	struct wms_count_info	 info;
	enum cstep		 step;
	char			 bin[208];
	char			 item[32];
	char			 lot[48];
	int			 tracked;	/* the item has lots or serials */
	struct count_seen	 seen[COUNT_LINES];
	int			 n;
	struct tui_field	 in;
	char			 moved[208];	/* the bin a scan left, shown
						   until the next key */
	struct tui_pick		 pick;		/* F2's look-up */
};

#endif
