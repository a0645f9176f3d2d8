/*
 * The editor of outgoing documents, those that take stock out of a bin
 * (issue, move, transfer ship): the part the three screens share.  A
 * header of up to three fields (the bin first), then lines by scanning or
 * typing: the item, its lot (first expiry first out suggested), the
 * quantity in any of its units against what is available at the bin,
 * serial numbers; a draft in the database after every change; F9 posts
 * whole or not at all.  No curses here either.
 */
#ifndef TUI_EDITOR_OUTGOING_H
#define TUI_EDITOR_OUTGOING_H

#include "core/ledger.h"
#include "tui/confirm.h"
#include "tui/screen.h"

#define TUI_OUT_HDR	3

/* What one screen makes of the shared part. */
struct tui_out_kind {
	const char		*draft;		/* its kind in the draft table */
	enum wms_doc_type	 type;
	const char		*hdr[TUI_OUT_HDR];	/* N_() labels; [0] is
							   the bin */
	int			 hdr_required[TUI_OUT_HDR];
	/* Check the header field i (1 or 2) as typed; NULL: any text. */
	int			(*check)(struct tui_screen *, int i,
				    const char *text, struct wms_err *);
	int			 third_is_requester;	/* else reference */
	int			 refuse_expired;	/* issues do */
	const char		*what;		/* N_("Issue"): the summary's */
};

#define TUI_OUT_LINES	100
#define TUI_OUT_LOTS	64	/* lots (or serials) of an item at a bin */

/* The steps, in the order Enter walks them. */
enum tui_out_step {
	TUI_OUT_HDR0, TUI_OUT_HDR1, TUI_OUT_HDR2, TUI_OUT_ITEM, TUI_OUT_LOT,
	TUI_OUT_QTY, TUI_OUT_SERIAL
};

struct tui_out_line {
	char	item[32];
	char	uom[16];
	char	qty[32];	/* as typed: "2 BAG" */
	int64_t	base;		/* thousandths of the base unit */
	char	lot[48];
	char	expiry[11];
	char	serials[512];	/* "S1|S2" */
	int64_t	avail;		/* at the bin for this line, when entered */
	int	bad;		/* refused at the last F9: marked in place */
};

/* A lot (or serial, or untracked stock: lot "") of the item at the bin. */
struct tui_out_lot {
	char	lot[48];
	char	expiry[11];
	int64_t	qty;
};

struct tui_out {
	const struct tui_out_kind *kind;
	char			 hdr[TUI_OUT_HDR][208];
	struct tui_out_line	 lines[TUI_OUT_LINES];
	int			 n;
	struct tui_out_line	 cur;
	char			 tracking[8];	/* the current item's */
	struct tui_out_lot	 lots[TUI_OUT_LOTS];
	int			 nlots;
	int			 fefo;		/* the suggested lot, or -1 */
	int			 nserials;	/* wanted for the current line */
	enum tui_out_step	 step;
	struct tui_field	 in;
	int			 prefilled;	/* a key replaces in.text */
	char			 info[256];	/* what the bin has */
	struct tui_confirm	 confirm;	/* the summary before F9 posts */
	char			 posted[WMS_NUMBER_MAX];	/* for F3 */
	struct tui_pick		 pick;		/* F2's look-up */
};

/*
 * The screen's init, free, draw and key: init takes the screen's kind
 * from its entry (.kind) and makes s->data the shared state.
 */
int	tui_out_init(struct tui_screen *, void *arg, struct wms_err *);
void	tui_out_free(struct tui_screen *);
void	tui_out_draw(struct tui_screen *);
/* What is typed; a key replaces the lot filled in (Backspace clears it). */
int	tui_out_key(struct tui_screen *, int key);

/*
 * What the three screens' bindings do: Enter takes the field and goes to
 * the next step, F6 weighs the quantity on the station's scale, F9 posts,
 * F8 removes the last line.
 */
int	tui_out_enter(struct tui_screen *, int key);
int	tui_out_weigh(struct tui_screen *, int key);
int	tui_out_f9(struct tui_screen *, int key);
int	tui_out_drop(struct tui_screen *, int key);
/* F2: look up the bin, the cost centre, depot or bin, or the item. */
int	tui_out_lookup(struct tui_screen *, int key);
/* F3: the voucher of the document just posted. */
int	tui_out_voucher(struct tui_screen *, int key);
/*
 * Those bindings with Esc: the key tables of issue and move (F9 "post")
 * and of ship (F9 "ship").
 */
extern const struct tui_binding tui_out_keys[];
extern const struct tui_binding tui_out_ship_keys[];
/* The handlers of every screen of this editor; its entry adds .keys. */
#define TUI_OUT_HANDLERS						\
	.init = tui_out_init, .free = tui_out_free, .draw = tui_out_draw, \
	.key = tui_out_key, .scan_ok = tui_out_scan_ok

/*
 * 1 when code is in column col of the rows of wms_master_list's what
 * ("cost-centres", "depots"), 0 when not, or the negative rc.
 */
int	tui_out_listed(struct tui_screen *, const char *what, int col,
	    const char *code, struct wms_err *err);

/*
 * Set the current line's quantity from text, "12.5" or "2 BAG" (a number
 * and one of the item's units): checked against what is available at the
 * bin, less what earlier lines of this document take.  0 when taken (the
 * line is added, or its serial numbers are asked for next); otherwise the
 * refusal, with the figures, is in the status line and the line waits.
 * Typing comes through here.
 */
int	tui_out_qty(struct tui_screen *, const char *text);
/*
 * The same for base thousandths of the item's base unit, shown as shown
 * (a number read from the station's scale).
 */
int	tui_out_qty_base(struct tui_screen *, const char *shown,
	    int64_t base);

/*
 * The screens' scan_ok: a fixed scanner's code goes to the bin, the item,
 * the lot or a serial while nothing is typed there; never into the cost
 * centre, the reference or the quantity.
 */
int	tui_out_scan_ok(struct tui_screen *);

/*
 * Post the document (F9 on its summary); 0 when posted, else the reason
 * is in the status line.
 */
int	tui_out_post(struct tui_screen *);

#endif
