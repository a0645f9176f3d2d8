/*
 * Screens: one const struct tui_screen_entry per screen-*.c file, and the
 * screen table (tui_screens) the home menu is made from.  A screen's keys
 * are a table of bindings, each with what it does, the permission it needs
 * and its label: the loop dispatches, the key bar and F1 show, from that
 * one table.  key() and the bindings change state and return what the
 * loop should do; draw() draws through tui/draw.c, the only file that
 * includes curses, so screens are tested without a terminal.
 */
#ifndef TUI_SCREEN_H
#define TUI_SCREEN_H

#include <stddef.h>
#include <stdint.h>

#include "lib/err.h"
#include "core/ledger.h"
#include "core/wms.h"
#include "tui/bidi.h"

struct wms;
struct db_item;
struct dev_poll;
struct dev_reading;
struct tui;
struct tui_screen;

/* What key() asks of the loop. */
#define TUI_IGNORED	0x00
#define TUI_HANDLED	0x01
#define TUI_REDRAW	0x02
#define TUI_POP		0x04	/* close this screen */
#define TUI_QUIT	0x08

/*
 * Keys: a Unicode code point, or a curses key code (KEY_F(1), KEY_UP ...)
 * plus TUI_KEY_FN, so that the two never meet.
 */
#define TUI_KEY_FN	0x200000
#define TUI_KEY_ENTER	'\n'
#define TUI_KEY_ESC	0x1b
#define TUI_KEY_TAB	'\t'
#define TUI_KEY_BACKSPACE 0x7f
/* The curses key codes the screens use (tui.c checks them against curses). */
#define TUI_KEY_DOWN	(TUI_KEY_FN + 0402)
#define TUI_KEY_UP	(TUI_KEY_FN + 0403)
#define TUI_KEY_BS	(TUI_KEY_FN + 0407)
#define TUI_KEY_HOME	(TUI_KEY_FN + 0406)
#define TUI_KEY_END	(TUI_KEY_FN + 0550)
#define TUI_KEY_NPAGE	(TUI_KEY_FN + 0522)
#define TUI_KEY_PPAGE	(TUI_KEY_FN + 0523)
#define TUI_KEY_F(n)	(TUI_KEY_FN + 0410 + (n))

struct tui_screen_entry;

/*
 * A key binding: what a key does, what it needs, and how the key bar and
 * F1 help name it.  need is TUI_NEEDS(the enum wms_perm it needs): a user
 * without it does not see the key, and pressing it says why not (with
 * wms_require, whose message names the role); the core checks every write
 * again.  A table of bindings ends with key 0.
 */
struct tui_binding {
	int		 key;		/* as above; a letter in either case */
	int		 alt;		/* another key for it (F2 by R), or 0 */
	const char	*label;		/* "F1", "Esc"; NULL: not shown */
	const char	*what;		/* N_("help") */
	int		 need;		/* TUI_NEEDS(perm), or 0: anyone */
	/* What it does: fn, which returns as key() does, or else open. */
	int		(*fn)(struct tui_screen *, int key);
	const struct tui_screen_entry *open;	/* pushed, without an arg */
};

/*
 * A key that needs a permission (enum wms_perm) is left out of the bar
 * and the help of a user whose role lacks it; the screen refuses it too
 * (tui_may), and the core checks every write again.
 */
#define TUI_NEEDS(perm)	((int)(perm) + 1)

/*
 * Do what the screen's binding of key says (a letter matches in either
 * case, alt as it is): its fn, or open its screen.  A binding the user's
 * role does not allow is refused with the reason in the status line.
 * TUI_IGNORED when no binding has key.
 */
int	tui_key_run(struct tui_screen *, int key);
/* Close the screen: a binding's fn for Esc. */
int	tui_key_back(struct tui_screen *, int key);
/*
 * The list widget of every list screen (tui/list.c): n rows, the one
 * selected, the first shown, and how many the last draw showed (a page).
 */
struct tui_list {
	int	n;
	int	sel;		/* 0 when the list is empty */
	int	top;
	int	page;
};

/* n rows, the first selected and shown. */
void	tui_list_reset(struct tui_list *, int n);
/* n rows now: the selection kept, or the last row when it is past it. */
void	tui_list_set(struct tui_list *, int n);
/*
 * Move the selection by ↑ ↓ PgUp PgDn Home End (a page is what the last
 * draw showed): 1 when key was one of them, else 0.
 */
int	tui_list_key(struct tui_list *, int key);
/*
 * For draw(): the list in rows lines from row, scrolled so that the
 * selection shows, ">" at column mark (-1: none) before the selected row,
 * and draw_row(s, i, row) for each row i shown.
 */
void	tui_list_draw(struct tui_screen *, struct tui_list *, int row,
	    int rows, int mark,
	    void (*draw_row)(struct tui_screen *, int i, int row));

/*
 * "12 of 50" at the end of row: the selected row (the last one shown
 * when the list has no selection) of all, so that a long list says there
 * is more.
 */
void	tui_list_count(struct tui *, int row, const struct tui_list *);

/*
 * A column of a list: its heading, where it starts and how wide it is, and
 * how its cells stand (tui/list.c).
 */
struct tui_col {
	const char	*title;		/* N_() */
	int		 col;
	int		 width;
	int		 end;		/* aligned to the end */
	int		 num;		/* a number: tui_put_num */
	int		 shrink;	/* free text (a name): shortened with
					   "…" to the width, by the rule */
};

/*
 * text in at most cols columns: as it is when it fits, else shortened at
 * the end of a word (else at a character) with "…" at its end (out has len
 * bytes).  The rule by which
 * a name gives way in a column; codes, bins and numbers never do.
 */
void	tui_fit(const char *text, int cols, char *out, size_t len);

/*
 * text on up to maxrows lines from row, broken between words so that no
 * word is cut: the lines used.
 */
int	tui_put_wrap(struct tui *, int row, int col, int width, int maxrows,
	    const char *text);
/* The headings of n columns on row, in bold. */
void	tui_put_heads(struct tui *, int row, const struct tui_col *, int n);
/* A row of n columns: cell[k] in column k; NULL leaves it blank. */
void	tui_put_cells(struct tui *, int row, const struct tui_col *, int n,
	    const char *const *cell);

/* How a screen is offered on the home screen's menu. */
struct tui_menu {
	int		 key;		/* a lowercase letter; 0: not there */
	int		 fkey;		/* TUI_KEY_F(n) for it too, or 0 */
	const char	*what;		/* N_("receive") */
};

/*
 * A screen.  A key goes to key() first, which takes what is typed into a
 * field and the keys of a form or list that is open; what key() leaves
 * (TUI_IGNORED) goes to the bindings in keys.  key may be NULL.
 */
struct tui_screen_entry {
	const char			*name;
	const char			*title;		/* N_() */
	struct tui_menu			 menu;
	/* TUI_NEEDS(perm) to open it (it does not open without), or 0. */
	int				 need;
	int				(*init)(struct tui_screen *, void *arg,
					    struct wms_err *);
	void				(*free)(struct tui_screen *);
	void				(*draw)(struct tui_screen *);
	int				(*key)(struct tui_screen *, int key);
	const struct tui_binding	*keys;		/* ends with key 0 */
	/*
	 * A code from the station's fixed scanner, for screens that do
	 * something else with it than a keyboard scan (typed, then Enter);
	 * NULL for those.  May call tui_push and tui_status.
	 */
	void				(*scan)(struct tui_screen *,
					    const char *code);
	/*
	 * 1 when the screen, as it stands, asks for a scan: a fixed
	 * scanner's code is then given to scan() or, without one, typed
	 * into the screen followed by Enter.  NULL: asks when scan is
	 * set.  A code nobody asks for is dropped, with a flash and a line
	 * in the status bar, never kept for later (tui_scan).
	 */
	int				(*scan_ok)(struct tui_screen *);
	/*
	 * What a screen made with a shared editor is to it (the struct
	 * tui_out_kind of tui/editor-outgoing.h for issue, move and ship,
	 * whose init reads it); NULL for the others.
	 */
	const void			*kind;
};

struct tui_screen {
	const struct tui_screen_entry	*entry;
	struct tui			*tui;
	void				*data;
};

extern const struct tui_screen_entry tui_screen_login;
extern const struct tui_screen_entry tui_screen_home;
extern const struct tui_screen_entry tui_screen_items;
extern const struct tui_screen_entry tui_screen_item;
extern const struct tui_screen_entry tui_screen_receive;
extern const struct tui_screen_entry tui_screen_issue;
extern const struct tui_screen_entry tui_screen_move;
extern const struct tui_screen_entry tui_screen_transfer;
extern const struct tui_screen_entry tui_screen_ship;
extern const struct tui_screen_entry tui_screen_counts;		/* pick */
extern const struct tui_screen_entry tui_screen_count;		/* arg: number */
extern const struct tui_screen_entry tui_screen_count_review;	/* arg: number */
extern const struct tui_screen_entry tui_screen_reports;
extern const struct tui_screen_entry tui_screen_admin;
extern const struct tui_screen_entry tui_screen_audit;
extern const struct tui_screen_entry tui_screen_doc;

/*
 * The screen table: every screen, ending with NULL; those with a menu key
 * make the home screen's menu, in this order (tui/screens.c).
 */
extern const struct tui_screen_entry *const tui_screens[];

/* The session, the layout direction, the bidi mode. */
struct wms		*tui_wms(struct tui *);
enum tui_dir		 tui_dir(struct tui *);
enum tui_bidi_mode	 tui_mode(struct tui *);
/* 1 when the logged-in user's role has perm (nothing is written). */
int			 tui_may(struct tui *, enum wms_perm);
/* 1 when binding b is for this user: its need, if any, is met. */
int			 tui_binding_ok(struct tui *, const struct tui_binding *);
/* Ask the loop to open a screen over this one once key() returns. */
void			 tui_push(struct tui *, const struct tui_screen_entry *,
			    void *arg);
/* Replace the whole stack by one screen (after login). */
void			 tui_reset(struct tui *, const struct tui_screen_entry *);
/* A message for the status line (translated by the caller). */
void			 tui_status(struct tui *, const char *fmt, ...)
			    __attribute__((format(printf, 2, 3)));
/*
 * While a long job runs (a report's progress callback): msg in the status
 * line, the screen drawn again, and 1 when Esc (or Ctrl-C) was pressed
 * since: the job stops.  Never waits for a key.  It runs inside the
 * store's progress handler, so the top screen's draw() and the frame must
 * not read the store (the reports screen's do not).
 */
int			 tui_busy(struct tui *, const char *msg);
/*
 * A document was posted: screens that show what postings change (home,
 * lists) compare tui_posted_count with what they last read and read again.
 */
void			 tui_posted(struct tui *);
unsigned		 tui_posted_count(struct tui *);
/*
 * Money in minor units as text with the currency's decimals, always the
 * same number of them ("-115500.00"), and the currency after it when
 * with_currency ("-115500.00 SYP"; currency = in makhzan.ini).
 */
char			*tui_money(struct tui *, int64_t minor, char *buf,
			    size_t len, int with_currency);
/* makhzan.ini names a data bus ([bus] nats =): home shows its state. */
int			 tui_bus_configured(struct tui *);
/* The supervisor who counted may post the count (count_self_post = yes). */
int			 tui_count_self_post(struct tui *);
/* The language was given on the command line: a login does not change it. */
int			 tui_lang_fixed(struct tui *);
/* Switch the language of messages and the layout: "ar" or "en". */
void			 tui_set_lang(struct tui *, const char *lang);
const char		*tui_lang(struct tui *);

/*
 * The station's scale, polled five times a second, and its name; NULL
 * when the station has none.
 */
struct dev_poll		*tui_scale(struct tui *, const char **name);
/* The label printer (tcp://HOST[:PORT], cups:QUEUE), or NULL. */
const char		*tui_printer(struct tui *);
/*
 * Print labels (labels/label.h: LABEL_ITEM, _LOT, _LOCATION, _RECEIPT) of
 * arg (and lot) on the printer, and say in the status line how many, or
 * why not (no printer set, the printer off: the same key tries again).
 * tui/print.c.
 */
int			 tui_print(struct tui_screen *, int kind,
			    const char *arg, const char *lot);
/*
 * The same to dest: a printer (tcp://HOST[:PORT], cups:QUEUE) or a file
 * whose extension says the format (.pdf .png .svg .zpl); NULL or "": the
 * station's printer.  A receipt's labels are one a unit each line was
 * received in (hints, of labels/label.h; NULL for none).
 */
struct label_unit_hint;
int			 tui_print_to(struct tui_screen *, int kind,
			    const char *arg, const char *lot, const char *dest,
			    const struct label_unit_hint *hints, size_t nhints);
/*
 * F3 after a posting: the voucher of number as a PDF here (tui/voucher.c,
 * through reports/pdf.h); why not in the status line, -1.
 */
int			 tui_voucher(struct tui_screen *, const char *number);
/* The live weight as the status line shows it; "" without a scale. */
void			 tui_weight_text(struct tui *, char *buf, size_t len);
/*
 * Take the net weight on the station's scale as a quantity of item in its
 * base unit (thousandths), by the rule of core/weigh.c (wms_weigh): each
 * refusal says why.  tui/weigh.c, like the two below.
 */
int			 tui_weigh(struct tui *, const char *item,
			    int64_t *qty, struct wms_err *err);
/*
 * F6 on a screen: at_qty says the line is at its quantity; the weight of
 * item in *qty (thousandths of its base unit) and "weighed: ..." in the
 * status line, 0; or why not in the status line, -1.
 */
int			 tui_weigh_step(struct tui_screen *, int at_qty,
			    const char *item, int64_t *qty);
/*
 * The rule on a device's reading age_ms old: what tui_weigh hands to
 * wms_weigh, for the tests too.
 */
int			 tui_weigh_reading(struct wms *, const char *scale,
			    const struct dev_reading *r, int64_t age_ms,
			    const struct db_item *it, int64_t *qty,
			    struct wms_err *err);
/* A fixed scanner's code, as the loop hands it over (for tests too). */
int			 tui_scan(struct tui *, const char *code,
			    struct wms_err *err);

/*
 * n values as a sparkline of at most width cells (U+2581..U+2588) in out
 * (len bytes, 3 a cell and the NUL); each cell shows the last value of its
 * share of the values, scaled from min(0, lowest) to the highest.
 * Returns the cells written.  tui/spark.c.
 */
size_t			 tui_sparkline(const int64_t *v, size_t n,
			    size_t width, char *out, size_t len);

/*
 * A look-up from a code field (F2): items searched by code, barcode or a
 * name in either language, or cost centres, depots or bins by code or
 * name; Enter puts the code of the one selected into the field and comes
 * back (tui/screen-items.c).  The caller keeps p until the look-up closes.
 */
enum tui_pick_kind {
	TUI_PICK_ITEM, TUI_PICK_LOCATION, TUI_PICK_COSTCENTRE, TUI_PICK_DEPOT
};

struct tui_field;
struct tui_pick {
	enum tui_pick_kind	 kind;
	struct tui_field	*into;
};

int	tui_pick(struct tui_screen *, struct tui_pick *,
	    enum tui_pick_kind, struct tui_field *into);
/*
 * F2 on a screen with a bin and an item field: the bin's look-up at_bin,
 * the item's at_item, else a status line saying where F2 works.
 */
int	tui_pick_bin_item(struct tui_screen *, struct tui_pick *, int at_bin,
	    int at_item, struct tui_field *into);
extern const struct tui_screen_entry tui_screen_pick;

/* What a scanned text names, looked up in the database (tui/scan.c). */
enum tui_scan_what {
	TUI_SCAN_ITEM,		/* item: a code, a barcode or GS1 data */
	TUI_SCAN_LOCATION,	/* location */
	TUI_SCAN_DOCUMENT,	/* doc */
};

struct tui_scanned {
	enum tui_scan_what	 what;
	char			 item[41];	/* the item's code */
	char			 lot[21], serial[21], expiry[11];  /* GS1 */
	int64_t			 count, net_kg_milli;	/* GS1, else -1 */
	char			 location[256];
	struct wms_doc_info	 doc;
};

/*
 * Parse text as a scan (labels/scan.h) and look up what it names: an
 * item (by code, barcode, or GS1 GTIN or AI 91, with the lot, serial and
 * expiry the GS1 data carries), a location or a document.  The parser's or
 * the look-up's error otherwise.
 */
int	tui_scan_lookup(struct wms *, const char *text,
	    struct tui_scanned *out, struct wms_err *err);
/*
 * What a screen without a field for it does with a scan: an item opens its
 * card, a location the stock report filtered by it, a transfer in transit
 * its receipt; another document is named in the status line; anything
 * else says why it was not understood.
 */
void	tui_scan_jump(struct tui_screen *, const char *text);

/* A one-line text field: typed code points kept as UTF-8. */
struct tui_field {
	char	text[256];
	size_t	len;
	int	secret;		/* shown as stars */
};

/*
 * Copy what was typed into dst (len bytes); when it does not fit, the
 * status line says so and -1.  tui/field.c, like the two below.
 */
int	tui_take(struct tui *, char *dst, size_t len, const char *src);
/* The string member key of a draft's JSON object o into dst, "" if none. */
struct json_t;
void	tui_json_str(char *dst, size_t len, const struct json_t *o,
	    const char *key);

/* Edit the field by key: TUI_HANDLED when it changed, else TUI_IGNORED. */
int	tui_field_key(struct tui_field *, int key);
void	tui_field_clear(struct tui_field *);

/*
 * Drawing, for draw() only (tui/draw.c).  Columns are logical: counted
 * from the start of the line, the left in English and the right in
 * Arabic.  Text is reordered for the terminal as the bidi mode says.
 */
void	tui_put(struct tui *, int row, int col, int width, const char *text,
	    int align_end);
void	tui_put_bold(struct tui *, int row, int col, int width,
	    const char *text);
void	tui_put_field(struct tui *, int row, int col, int width,
	    const struct tui_field *, int focused);
/* A number, aligned to the end, kept left to right in an RTL line. */
void	tui_put_num(struct tui *, int row, int col, int width,
	    const char *text);
int	tui_rows(struct tui *);
int	tui_cols(struct tui *);

/*
 * For tests: a UI without a terminal, driven key by key.  The screen
 * stack, pushes and resets work as in tui_run; nothing is drawn.
 */
struct tui	*tui_test_new(struct wms *, const char *lang,
		    const struct tui_screen_entry *first, void *arg,
		    struct wms_err *err);
int		 tui_test_key(struct tui *, int key, struct wms_err *err);
const char	*tui_test_top(struct tui *);
void		*tui_test_data(struct tui *);
const char	*tui_test_status(struct tui *);
/* 1 once the UI was asked to quit (F10, answered). */
int		 tui_test_quit(struct tui *);
void		 tui_test_free(struct tui *);
/* The key bar of the top screen as a terminal cols wide would show it. */
void		 tui_test_keybar(struct tui *, int cols, char *bar,
		    size_t size);
/* The test UI's count_self_post and currency, as makhzan.ini gives them. */
void		 tui_test_set_config(struct tui *, int count_self_post,
		    const char *currency);
/* Give the test UI a label printer. */
void		 tui_test_set_printer(struct tui *, const char *printer);
/* Give the test UI a scale (it owns p from now on). */
void		 tui_test_set_scale(struct tui *, struct dev_poll *p,
		    const char *name);

#endif
