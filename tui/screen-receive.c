/*
 * The receipt: where to, from whom, then lines by scanning or typing (item,
 * quantity in any of its units, lot and expiry); kept as a draft in the
 * database after every change; F9 posts it whole or not at all.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/value.h"
#include "core/draft.h"
#include "lib/i18n.h"
#include "lib/text.h"
#include "core/ledger.h"
#include "core/master.h"
#include "core/qty.h"
#include "core/wms.h"
#include "lib/xmalloc.h"
#include "labels/label.h"
#include "labels/gs1.h"
#include "tui/confirm.h"
#include "tui/screen.h"

#define RECEIVE_LINES	100
#define RECEIVE_DRAFT	"receipt"

/* The steps, in the order Enter walks them. */
enum rstep {
	R_TO, R_SUPPLIER, R_REF, R_ITEM, R_QTY, R_LOT, R_EXPIRY, R_SERIAL,
	R_COST
};

static const char *const rstep_label[] = {
	[R_TO] = N_("To location"),
	[R_SUPPLIER] = N_("Supplier"),
	[R_REF] = N_("Reference"),
	[R_ITEM] = N_("Item (scan or type)"),
	[R_QTY] = N_("Quantity [unit]"),
	[R_LOT] = N_("Lot"),
	[R_EXPIRY] = N_("Expiry (YYYY-MM-DD, empty: shelf life)"),
	[R_SERIAL] = N_("Serial number (scan)"),
	[R_COST] = N_("Unit cost of the last line (empty: none)"),
};

#define RECEIVE_SERIALS	50	/* a line; more units: a CSV file */

struct rline {
	char	item[32];
	char	qty[32];	/* as typed ("4 BAG") or weighed: shown */
	int64_t	q;		/* its number in thousandths; -1: unreadable */
	char	unit[16];	/* its unit, "" for the item's base unit */
	char	lot[48];
	char	expiry[11];
	char	serials[RECEIVE_SERIALS * 41];	/* space-separated */
	char	cost[24];	/* as typed, per unit of the quantity */
	/* What the screen shows of the item, read once (not in the draft). */
	int	looked;
	char	name[128];
	char	uom[16];
	int	shelf_life;
};

struct receive {
	char		 to[256], supplier[200], ref[100];
	struct rline	 lines[RECEIVE_LINES];
	int		 n;
	struct rline	 cur;
	int		 cur_lot;	/* the current item is lot-tracked */
	int		 cur_serials;	/* serial-tracked: how many to scan */
	int		 cur_nserials;	/* scanned so far */
	enum rstep	 step;
	struct tui_field in;
	char		 posted[WMS_NUMBER_MAX];	/* the last one, for F4 */
	/* A bin scanned where the item goes: asked before it becomes the
	 * receipt's, shown where the user looks until Enter or Esc. */
	char		 ask_to[256];
	struct tui_confirm confirm;	/* the summary before F9 posts */
	/* The units the receipt just posted was received in, for its labels
	 * (one a BAG), and where F4 sends them: a printer or a file. */
	struct label_unit_hint hints[RECEIVE_LINES];
	char		 hint_item[RECEIVE_LINES][32];
	char		 hint_lot[RECEIVE_LINES][48];
	char		 hint_unit[RECEIVE_LINES][16];
	int		 nhints;
	int		 labels;	/* F4's question is open */
	struct tui_pick	 pick;		/* F2's look-up */
	struct tui_field dest;
};

/*
 * A quantity as typed, "4 BAG": its number in thousandths in *q and its
 * unit ("" for the base unit) in unit (len bytes).
 */
static int
receive_qty_read(const char *text, int64_t *q, char *unit, size_t len,
    struct wms_err *err)
{
	char qty[32], *sp;

	snprintf(qty, sizeof qty, "%s", text);
	if ((sp = strchr(qty, ' ')) != NULL)
		*sp++ = '\0';
	snprintf(unit, len, "%s", sp != NULL ? sp : "");
	return wms_qty_parse(qty, 0, q, err);
}

/* Write the draft: after every change, so that nothing typed is lost. */
static void
receive_save(struct tui_screen *s)
{
	struct receive	*r = s->data;
	struct wms_err	 err;
	json_t		*o, *lines;
	char		*text;
	int		 i;

	lines = json_array();
	for (i = 0; i < r->n; i++)
		json_array_append_new(lines, json_pack("{ss ss ss ss ss ss}",
		    "item", r->lines[i].item, "qty", r->lines[i].qty, "lot",
		    r->lines[i].lot, "expiry", r->lines[i].expiry, "serials",
		    r->lines[i].serials, "cost", r->lines[i].cost));
	o = json_pack("{ss ss ss so}", "to", r->to, "supplier", r->supplier,
	    "ref", r->ref, "lines", lines);
	text = json_dumps(o, JSON_COMPACT);
	if (wms_draft_save(tui_wms(s->tui), RECEIVE_DRAFT, text, &err) != 0)
		tui_status(s->tui, "%s", err.msg);
	free(text);
	json_decref(o);
}

/* Take up a draft left by a closed terminal. */
static void
receive_load(struct tui_screen *s)
{
	struct receive	*r = s->data;
	json_t		*o, *lines, *l;
	char		*text;
	size_t		 i;

	if ((text = wms_draft_load(tui_wms(s->tui), RECEIVE_DRAFT,
	    NULL)) == NULL)
		return;
	o = json_loads(text, 0, NULL);
	free(text);
	if (o == NULL)
		return;
	tui_json_str(r->to, sizeof r->to, o, "to");
	tui_json_str(r->supplier, sizeof r->supplier, o, "supplier");
	tui_json_str(r->ref, sizeof r->ref, o, "ref");
	lines = json_object_get(o, "lines");
	json_array_foreach(lines, i, l) {
		struct rline *ln;

		if (r->n == RECEIVE_LINES)
			break;
		ln = &r->lines[r->n++];
		tui_json_str(ln->item, sizeof ln->item, l, "item");
		tui_json_str(ln->qty, sizeof ln->qty, l, "qty");
		if (receive_qty_read(ln->qty, &ln->q, ln->unit,
		    sizeof ln->unit, NULL) != 0)
			ln->q = -1;	/* said at F9, with the line */
		tui_json_str(ln->lot, sizeof ln->lot, l, "lot");
		tui_json_str(ln->expiry, sizeof ln->expiry, l, "expiry");
		tui_json_str(ln->serials, sizeof ln->serials, l, "serials");
		tui_json_str(ln->cost, sizeof ln->cost, l, "cost");
	}
	json_decref(o);
	if (*r->to != '\0')
		r->step = R_ITEM;
	if (r->n > 0)
		tui_status(s->tui, _("draft taken up: %d lines not yet posted"),
		    r->n);
}

static int
receive_init(struct tui_screen *s, void *arg, struct wms_err *err)
{
	(void)arg;
	(void)err;
	s->data = xcalloc(1, sizeof(struct receive));
	receive_load(s);
	return 0;
}

static void
receive_free(struct tui_screen *s)
{
	struct receive *r = s->data;

	tui_confirm_fini(&r->confirm);
	free(r);
}

/*
 * The lines of the receipt at 80 columns: the name shrinks first; what
 * is received (quantity with its unit), the lot, the expiry that will be
 * used (from the shelf life when none was given, marked *) and the cost
 * typed with F7.
 */
static struct tui_col receive_cols[] = {
	{ .title = "#", .col = 2, .width = 3 },
	{ .title = N_("Item"), .col = 6, .width = 16 },
	{ .title = N_("Name"), .col = 23, .width = 11, .shrink = 1 },
	{ .title = N_("Quantity"), .col = 35, .width = 10 },
	{ .title = N_("Lot"), .col = 46, .width = 12, .shrink = 1 },
	{ .title = N_("Expiry"), .col = 59, .width = 11 },
	{ .title = N_("Cost"), .col = 71, .width = 8, .num = 1 },
};
#define RECEIVE_NCOLS	(int)(sizeof receive_cols / sizeof receive_cols[0])

/* What a line shows of its item: its name, its unit, its expiry. */
static void
receive_line_cells(struct tui_screen *s, struct rline *ln,
    char *name, size_t nlen, char *qty, size_t qlen, char *exp, size_t elen)
{
	struct db_item	it;
	char		now[32], day[11];

	/* Read once a line and language, not at every frame. */
	if (ln->looked != (tui_dir(s->tui) == TUI_DIR_RTL ? 2 : 1) &&
	    wms_item_get(tui_wms(s->tui), ln->item, &it, NULL) == 0) {
		ln->looked = tui_dir(s->tui) == TUI_DIR_RTL ? 2 : 1;
		snprintf(ln->name, sizeof ln->name, "%s", ln->looked == 2 ||
		    *it.name_en == '\0' ? it.name_ar : it.name_en);
		snprintf(ln->uom, sizeof ln->uom, "%s", it.uom);
		ln->shelf_life = it.shelf_life;
		db_item_fini(&it);
	}
	snprintf(name, nlen, "%s", ln->name);
	snprintf(qty, qlen, "%s", ln->qty);
	snprintf(exp, elen, "%s", ln->expiry);
	if (*ln->unit == '\0' && *ln->uom != '\0')
		snprintf(qty, qlen, "%s %s", ln->qty, ln->uom);
	if (*ln->expiry == '\0' && ln->shelf_life > 0 && *ln->lot != '\0') {
		wms_now_iso(tui_wms(s->tui), now);
		wms_date_add(now, ln->shelf_life, day);
		snprintf(exp, elen, "%s*", day);
	}
}

static void
receive_draw(struct tui_screen *s)
{
	struct receive	*r = s->data;
	struct tui	*t = s->tui;
	char		 no[16], label[160], name[128], qty[48], exp[16];
	int		 i, row, first, cols = tui_cols(t), list, lw;

	tui_put(t, 2, 2, 16, _("To location"), 0);
	tui_put(t, 2, 19, 30, r->to, 0);
	tui_put(t, 3, 2, 16, _("Supplier"), 0);
	tui_put(t, 3, 19, cols - 22, r->supplier, 0);
	tui_put(t, 4, 2, 16, _("Reference"), 0);
	tui_put(t, 4, 19, 30, r->ref, 0);
	/* The name takes what a wider terminal gives. */
	receive_cols[2].width = 11 + (cols > 80 ? cols - 80 : 0);
	for (i = 3; i < RECEIVE_NCOLS; i++)
		receive_cols[i].col = receive_cols[i - 1].col +
		    receive_cols[i - 1].width + 1;
	tui_put_heads(t, 6, receive_cols, RECEIVE_NCOLS);
	list = tui_rows(t) - 12;
	first = r->n > list ? r->n - list : 0;
	for (i = first, row = 7; i < r->n; i++, row++) {
		struct rline *ln = &r->lines[i];
		/* A serial-tracked line shows its serials where a lot goes. */
		const char *cell[RECEIVE_NCOLS] = { no, ln->item, name, qty,
		    *ln->serials ? ln->serials : ln->lot, exp, ln->cost };

		snprintf(no, sizeof no, "%d", i + 1);
		receive_line_cells(s, ln, name, sizeof name, qty, sizeof qty,
		    exp, sizeof exp);
		tui_put_cells(t, row, receive_cols, RECEIVE_NCOLS, cell);
	}
	if (r->n > list) {
		snprintf(label, sizeof label, _("%d lines, the last %d shown"),
		    r->n, list);
		tui_put(t, 5, 2, cols - 4, label, 0);
	}
	if (r->step >= R_QTY && r->step != R_COST) {
		struct db_item it;

		/* The item being received, by name and unit. */
		snprintf(label, sizeof label, "%s", r->cur.item);
		if (wms_item_get(tui_wms(t), r->cur.item, &it, NULL) == 0) {
			snprintf(label, sizeof label, "%s — %s (%s)",
			    r->cur.item, tui_dir(t) == TUI_DIR_RTL ||
			    *it.name_en == '\0' ? it.name_ar : it.name_en,
			    it.uom);
			db_item_fini(&it);
		}
		tui_put(t, tui_rows(t) - 5, 2, r->step == R_SERIAL ? 27 :
		    cols - 4, label, 0);
	}
	if (r->step == R_SERIAL) {
		snprintf(label, sizeof label, "%s %d/%d", _(rstep_label[r->step]),
		    r->cur_nserials + 1, r->cur_serials);
		tui_put(t, tui_rows(t) - 5, 30, cols - 32, r->cur.serials, 0);
	} else {
		snprintf(label, sizeof label, "%s", _(rstep_label[r->step]));
	}
	if (r->labels) {
		snprintf(label, sizeof label, _("Labels of %s, one a unit "
		    "received, to:"), r->posted);
		tui_put_bold(t, tui_rows(t) - 5, 2, cols - 4, label);
		tui_put_field(t, tui_rows(t) - 4, 2, cols - 4, &r->dest, 1);
		tui_put(t, tui_rows(t) - 3, 2, cols - 4, _("printer: "
		    "tcp://HOST or cups:QUEUE; file: .pdf .png; Esc: not now"),
		    0);
		return;
	}
	if (*r->ask_to != '\0') {
		snprintf(label, sizeof label, _("Scanned bin %s: the goods go "
		    "there instead of %s?"), r->ask_to, r->to);
		tui_put_bold(t, tui_rows(t) - 5, 2, cols - 4, label);
		tui_put(t, tui_rows(t) - 4, 2, cols - 4, _("Enter: yes, change "
		    "the bin; Esc: no, keep it"), 0);
		return;
	}
	/* The prompt whole, however long in the language; the field after. */
	lw = (int)wms_text_width(label);
	if (lw < 40)
		lw = 40;
	if (lw > cols - 24)
		lw = cols - 24;
	tui_put(t, tui_rows(t) - 4, 2, lw, label, 0);
	tui_put_field(t, tui_rows(t) - 4, lw + 3, cols - lw - 6, &r->in, 1);
}

/*
 * The item a scan or a typed code names; a GS1 scan also fills the lot and
 * expiry.  A location scanned here is where the goods go; a document is
 * only named.  1 when it was a location or a document (no item).
 */
static int
receive_item(struct tui_screen *s, const char *text, struct wms_err *err)
{
	struct receive		*r = s->data;
	struct tui_scanned	 sc;
	struct db_item		 it;
	int			 rc;

	memset(&r->cur, 0, sizeof r->cur);
	if ((rc = tui_scan_lookup(tui_wms(s->tui), text, &sc, err)) != 0)
		return rc;
	if (sc.what == TUI_SCAN_LOCATION) {
		/* It would change what was given: asked first. */
		if (strcmp(sc.location, r->to) != 0)
			snprintf(r->ask_to, sizeof r->ask_to, "%s",
			    sc.location);
		return 1;
	}
	if (sc.what == TUI_SCAN_DOCUMENT) {
		tui_status(s->tui, _("%s is a document: scan an item"),
		    sc.doc.number);
		return 1;
	}
	if ((rc = wms_item_get(tui_wms(s->tui), sc.item, &it, err)) != 0)
		return rc;
	snprintf(r->cur.item, sizeof r->cur.item, "%s", it.code);
	snprintf(r->cur.lot, sizeof r->cur.lot, "%s", sc.lot);
	snprintf(r->cur.expiry, sizeof r->cur.expiry, "%s", sc.expiry);
	r->cur_lot = strcmp(it.tracking, "lot") == 0;
	r->cur_serials = strcmp(it.tracking, "serial") == 0 ? -1 : 0;
	r->cur_nserials = 0;
	if (r->cur_serials && *sc.serial != '\0')
		snprintf(r->cur.serials, sizeof r->cur.serials, "%s",
		    sc.serial);
	db_item_fini(&it);
	return 0;
}

/* Add the current line, save the draft, and ask for the next item. */
static void
receive_add(struct tui_screen *s)
{
	struct receive *r = s->data;

	if (r->n == RECEIVE_LINES) {
		tui_status(s->tui, _("a document has at most %d lines here: "
		    "post this one first"), RECEIVE_LINES);
		return;
	}
	r->lines[r->n++] = r->cur;
	memset(&r->cur, 0, sizeof r->cur);
	r->step = R_ITEM;
	receive_save(s);
}

/* Split the space-separated serials into v (at most max) inside buf. */
static size_t
receive_split(const char *serials, char **v, size_t max, char *buf)
{
	char	*tok, *save = NULL;
	size_t	 n = 0;

	snprintf(buf, sizeof ((struct rline *)0)->serials, "%s", serials);
	for (tok = strtok_r(buf, " ", &save); tok != NULL && n < max;
	    tok = strtok_r(NULL, " ", &save))
		v[n++] = tok;
	return n;
}

/* Post the whole document; a refusal is shown and nothing is written. */
static int
receive_post(struct tui_screen *s)
{
	struct receive	*r = s->data;
	struct wms_line	 lines[RECEIVE_LINES];
	struct wms_doc	 doc;
	struct wms_err	 err;
	char		 number[WMS_NUMBER_MAX], unit[16];
	int64_t		 q;
	/* Static: what the lines point into is big for the stack. */
	static char	 sbuf[RECEIVE_LINES][sizeof r->lines[0].serials];
	static char	*sv[RECEIVE_LINES][RECEIVE_SERIALS];
	int		 i;

	memset(&doc, 0, sizeof doc);
	memset(lines, 0, sizeof lines);
	doc.type = WMS_DOC_RECEIPT;
	doc.to = r->to;
	doc.supplier = *r->supplier != '\0' ? r->supplier : NULL;
	doc.ref = *r->ref != '\0' ? r->ref : NULL;
	for (i = 0; i < r->n; i++) {
		lines[i].item = r->lines[i].item;
		lines[i].unit = r->lines[i].unit;
		lines[i].lot = r->lines[i].lot;
		lines[i].expiry = r->lines[i].expiry;
		lines[i].cost = -1;
		lines[i].lineno = 0;
		if (*r->lines[i].cost != '\0' && wms_money_parse(
		    r->lines[i].cost, wms_currency_minor(tui_wms(s->tui)),
		    &lines[i].cost, &err) != 0) {
			tui_status(s->tui, _("line %d: %s"), i + 1, err.msg);
			return -1;
		}
		if (*r->lines[i].serials != '\0') {
			lines[i].serials = (const char *const *)sv[i];
			lines[i].nserials = receive_split(r->lines[i].serials,
			    sv[i], RECEIVE_SERIALS, sbuf[i]);
		}
		/* A draft's quantity that does not read: said here. */
		if (r->lines[i].q < 0 && receive_qty_read(r->lines[i].qty, &q,
		    unit, sizeof unit, &err) != 0) {
			tui_status(s->tui, _("line %d: %s"), i + 1, err.msg);
			return -1;
		}
		lines[i].qty = r->lines[i].q;
	}
	if (r->n == 0) {
		tui_status(s->tui, "%s", _("nothing to post: scan an item"));
		return -1;
	}
	if (wms_post(tui_wms(s->tui), &doc, lines, (size_t)r->n, number,
	    &err) != 0) {
		tui_status(s->tui, _("not posted, nothing was written: %s"),
		    err.msg);
		return -1;
	}
	for (i = 0; i < r->n; i++) {
		snprintf(r->hint_item[i], sizeof r->hint_item[i], "%s",
		    r->lines[i].item);
		snprintf(r->hint_lot[i], sizeof r->hint_lot[i], "%s",
		    *r->lines[i].serials ? "" : r->lines[i].lot);
		snprintf(r->hint_unit[i], sizeof r->hint_unit[i], "%s",
		    r->lines[i].unit);
		r->hints[i].item = r->hint_item[i];
		r->hints[i].lot = r->hint_lot[i];
		r->hints[i].unit = r->hint_unit[i];
	}
	r->nhints = r->n;
	r->n = 0;
	wms_draft_delete(tui_wms(s->tui), RECEIVE_DRAFT, NULL);
	snprintf(r->posted, sizeof r->posted, "%s", number);
	tui_posted(s->tui);
	tui_status(s->tui, _("posted %s; F4: its labels, F3: its voucher"),
	    number);
	return 0;
}

/*
 * The quantity is in: q thousandths of unit ("" for the base unit), shown
 * as qty.  The lot next when the item needs one, else the line.
 */
static void
receive_qty_done(struct tui_screen *s, const char *qty, int64_t q,
    const char *unit)
{
	struct receive	*r = s->data;
	struct wms_err	 err;
	int64_t		 base;

	snprintf(r->cur.qty, sizeof r->cur.qty, "%s", qty);
	r->cur.q = q;
	snprintf(r->cur.unit, sizeof r->cur.unit, "%s", unit);
	if (r->cur_lot && *r->cur.lot == '\0') {
		r->step = R_LOT;
		return;
	}
	if (r->cur_serials == 0) {
		receive_add(s);
		return;
	}
	/* A serial a unit: the quantity in whole base units, then scans. */
	if (wms_to_base(tui_wms(s->tui), r->cur.item, q, *r->cur.unit != '\0' ?
	    r->cur.unit : NULL, &base, &err) != 0) {
		tui_status(s->tui, "%s", err.msg);
		return;
	}
	if (base % 1000 != 0 || base / 1000 > RECEIVE_SERIALS) {
		tui_status(s->tui, _("%s has a serial number a unit: receive "
		    "1 to %d whole units a line"), r->cur.item,
		    RECEIVE_SERIALS);
		return;
	}
	r->cur_serials = (int)(base / 1000);
	r->cur_nserials = *r->cur.serials != '\0';
	r->step = r->cur_nserials < r->cur_serials ? R_SERIAL : R_ITEM;
	if (r->step == R_ITEM)
		receive_add(s);
}

/* One serial scanned: refused when it is this line's already. */
static void
receive_serial(struct tui_screen *s, const char *in)
{
	struct receive	*r = s->data;
	char		 have[sizeof r->cur.serials + 2], want[64];
	size_t		 len = strlen(r->cur.serials);

	if (*in == '\0' || strchr(in, ' ') != NULL || strlen(in) > 40) {
		tui_status(s->tui, "%s", _("scan the serial number: 1 to 40 "
		    "characters, no spaces"));
		return;
	}
	snprintf(have, sizeof have, " %s ", r->cur.serials);
	snprintf(want, sizeof want, " %s ", in);
	if (strstr(have, want) != NULL) {
		tui_status(s->tui, _("serial %s is on this line already"), in);
		return;
	}
	snprintf(r->cur.serials + len, sizeof r->cur.serials - len, "%s%s",
	    len > 0 ? " " : "", in);
	if (++r->cur_nserials == r->cur_serials)
		receive_add(s);
}

/* F6: the quantity from the station's scale, or why not. */
static int
receive_weigh(struct tui_screen *s, int key)
{
	struct receive	*r = s->data;
	char		 shown[32];
	int64_t		 q;

	(void)key;
	/* The weight as it is: shown as a number of the base unit. */
	if (tui_weigh_step(s, r->step == R_QTY, r->cur.item, &q) == 0) {
		receive_qty_done(s, wms_qty_fmt(q, shown, sizeof shown), q,
		    "");
		tui_field_clear(&r->in);
	}
	return TUI_HANDLED | TUI_REDRAW;
}

static int
receive_enter(struct tui_screen *s, int key)
{
	struct receive	*r = s->data;
	struct wms_err	 err;
	const char	*in = r->in.text;
	char		 kind[12];
	int64_t		 q;
	int		 rc;

	(void)key;
	switch (r->step) {
	case R_TO:
		/* A wrong scan is cleared: the next scan replaces it. */
		if (wms_location_get(tui_wms(s->tui), in, kind, &err) != 0) {
			tui_status(s->tui, "%s", err.msg);
			break;
		}
		if (tui_take(s->tui, r->to, sizeof r->to, in) != 0)
			break;
		r->step = R_SUPPLIER;
		break;
	case R_SUPPLIER:
		if (tui_take(s->tui, r->supplier, sizeof r->supplier, in) != 0)
			break;
		r->step = R_REF;
		break;
	case R_REF:
		if (tui_take(s->tui, r->ref, sizeof r->ref, in) != 0)
			break;
		r->step = R_ITEM;
		break;
	case R_ITEM:
		if (*in == '\0')
			return TUI_HANDLED;
		if ((rc = receive_item(s, in, &err)) < 0 || rc > 1) {
			tui_status(s->tui, "%s", err.msg);
			break;
		}
		if (rc == 0)
			r->step = R_QTY;
		break;
	case R_QTY: {
		char qty[32], unit[16];

		if (tui_take(s->tui, qty, sizeof qty, in) != 0)
			break;
		if (receive_qty_read(qty, &q, unit, sizeof unit, &err) != 0) {
			tui_status(s->tui, "%s", err.msg);
			break;
		}
		receive_qty_done(s, in, q, unit);
		break;
	}
	case R_LOT:
		if (*in == '\0') {
			tui_status(s->tui, "%s", _("this item is lot-tracked: "
			    "give the lot number"));
			break;
		}
		if (tui_take(s->tui, r->cur.lot, sizeof r->cur.lot, in) != 0)
			break;
		r->step = R_EXPIRY;
		break;
	case R_EXPIRY:
		if (*in != '\0' && !wms_date_valid(in)) {
			tui_status(s->tui, _("bad date \"%s\": use YYYY-MM-DD, "
			    "a real date"), in);
			break;
		}
		memcpy(r->cur.expiry, in, strlen(in) + 1);
		receive_add(s);
		break;
	case R_SERIAL:
		receive_serial(s, in);
		break;
	case R_COST:
		if (*in != '\0' && wms_money_parse(in, wms_currency_minor(
		    tui_wms(s->tui)), &q, &err) != 0) {
			tui_status(s->tui, "%s", err.msg);
			break;
		}
		if (tui_take(s->tui, r->lines[r->n - 1].cost,
		    sizeof r->lines[r->n - 1].cost, in) != 0)
			break;
		r->step = R_ITEM;
		receive_save(s);
		break;
	}
	tui_field_clear(&r->in);
	if (r->step <= R_REF)
		receive_save(s);
	return TUI_HANDLED | TUI_REDRAW;
}

/*
 * F4: the units of the receipt just posted, a label each (one a BAG when
 * 40 BAG were received), to the printer or a file: asked, the station's
 * printer offered, else a PDF file here.
 */
static int
receive_labels(struct tui_screen *s, int key)
{
	struct receive	*r = s->data;
	const char	*p = tui_printer(s->tui);

	(void)key;
	if (*r->posted == '\0') {
		tui_status(s->tui, "%s", _("post the receipt first: F4 then "
		    "prints its labels"));
		return TUI_HANDLED | TUI_REDRAW;
	}
	r->labels = 1;
	tui_field_clear(&r->dest);
	if (p != NULL && *p != '\0')
		snprintf(r->dest.text, sizeof r->dest.text, "%s", p);
	else
		snprintf(r->dest.text, sizeof r->dest.text, "labels-%s.pdf",
		    r->posted);
	r->dest.len = strlen(r->dest.text);
	return TUI_HANDLED | TUI_REDRAW;
}

/* F4's question: Enter prints or saves, Esc drops it, keys edit it. */
static int
receive_labels_key(struct tui_screen *s, int key)
{
	struct receive *r = s->data;

	if (key == TUI_KEY_ESC) {
		r->labels = 0;
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (key == TUI_KEY_ENTER) {
		if (tui_print_to(s, LABEL_RECEIPT, r->posted, NULL,
		    r->dest.text, r->hints, (size_t)r->nhints) == 0)
			r->labels = 0;
		return TUI_HANDLED | TUI_REDRAW;
	}
	tui_field_key(&r->dest, key);
	return TUI_HANDLED | TUI_REDRAW;
}

/* F2: look the bin or the item up by name, into the field. */
static int
receive_lookup(struct tui_screen *s, int key)
{
	struct receive *r = s->data;

	(void)key;
	return tui_pick_bin_item(s, &r->pick, r->step == R_TO,
	    r->step == R_ITEM, &r->in);
}

/* F3: the voucher of the receipt just posted. */
static int
receive_voucher(struct tui_screen *s, int key)
{
	struct receive *r = s->data;

	(void)key;
	tui_voucher(s, r->posted);
	return TUI_HANDLED | TUI_REDRAW;
}

/* F7: the unit cost of the line just added. */
static int
receive_cost(struct tui_screen *s, int key)
{
	struct receive *r = s->data;

	(void)key;
	if (r->n == 0 || r->step != R_ITEM) {
		tui_status(s->tui, "%s", _("the cost is of a line: add the "
		    "line first"));
		return TUI_HANDLED | TUI_REDRAW;
	}
	r->step = R_COST;
	tui_field_clear(&r->in);
	return TUI_HANDLED | TUI_REDRAW;
}

/*
 * The summary of the receipt, F9 again posts it: each line with its name,
 * quantity and unit, lot and expiry, and its value when a cost was given.
 */
static void
receive_summary(struct tui_screen *s)
{
	struct receive	*r = s->data;
	struct wms_err	 err;
	char		 what[160], num[32], *unit, detail[64];
	int64_t		 cost, value;
	int		 i, valued;

	if (r->n == 0) {
		tui_status(s->tui, "%s", _("nothing to post: scan an item"));
		return;
	}
	snprintf(what, sizeof what, _("Receipt to %s from %s (%s): post "
	    "these %d lines?"), r->to, *r->supplier ? r->supplier : "-",
	    *r->ref ? r->ref : "-", r->n);
	tui_confirm_init(&r->confirm, s, receive_post, what);
	for (i = 0; i < r->n; i++) {
		const struct rline *ln = &r->lines[i];

		snprintf(num, sizeof num, "%s", ln->qty);
		if ((unit = strchr(num, ' ')) != NULL)
			*unit++ = '\0';
		valued = *ln->cost != '\0' && ln->q >= 0 &&
		    wms_money_parse(ln->cost, wms_currency_minor(
		    tui_wms(s->tui)), &cost, &err) == 0;
		/* The cost is per unit of the quantity as typed. */
		value = valued ? wms_avg_value(ln->q, cost * 1000) : 0;
		if (*ln->serials != '\0')
			snprintf(detail, sizeof detail, "%s", ln->serials);
		else
			snprintf(detail, sizeof detail, "%s%s%s", ln->lot,
			    *ln->lot && *ln->expiry ? " " : "", ln->expiry);
		tui_confirm_add(&r->confirm, ln->item, num, unit != NULL ?
		    unit : "", detail, valued, value);
	}
	tui_confirm_open(&r->confirm);
}

/* F9: post, unless a line is half typed (it would be left out). */
static int
receive_f9(struct tui_screen *s, int key)
{
	struct receive *r = s->data;

	(void)key;
	if (r->step > R_ITEM && r->step != R_COST) {
		tui_status(s->tui, _("finish the line of %s first (F8 after it "
		    "removes it)"), r->cur.item);
		return TUI_HANDLED | TUI_REDRAW;
	}
	receive_summary(s);
	return TUI_HANDLED | TUI_REDRAW;
}

/* F8: remove the last line. */
static int
receive_drop(struct tui_screen *s, int key)
{
	struct receive *r = s->data;

	(void)key;
	if (r->n > 0) {
		r->n--;
		receive_save(s);
	}
	return TUI_HANDLED | TUI_REDRAW;
}

static const struct tui_binding receive_keys[] = {
	{ .key = '\n', .label = "Enter", .what = N_("next"),
	    .fn = receive_enter },
	{ .key = TUI_KEY_F(2), .label = "F2", .what = N_("look up"),
	    .fn = receive_lookup },
	{ .key = TUI_KEY_F(6), .label = "F6", .what = N_("weigh"),
	    .fn = receive_weigh },
	{ .key = TUI_KEY_F(7), .label = "F7", .what = N_("unit cost"),
	    .fn = receive_cost },
	{ .key = TUI_KEY_F(4), .label = "F4",
	    .what = N_("labels of the receipt"), .fn = receive_labels },
	{ .key = TUI_KEY_F(9), .label = "F9", .what = N_("post"),
	    .fn = receive_f9 },
	{ .key = TUI_KEY_F(8), .label = "F8", .what = N_("remove last line"),
	    .fn = receive_drop },
	{ .key = TUI_KEY_F(3), .label = "F3", .what = N_("voucher (PDF)"),
	    .fn = receive_voucher },
	{ .key = TUI_KEY_ESC, .label = "Esc",
	    .what = N_("back (the draft is kept)"), .fn = tui_key_back },
	{ .key = 0 }
};

/*
 * What is typed goes to the field; while a scanned bin is asked about,
 * Enter changes the bin and any other key keeps it.
 */
static int
receive_key(struct tui_screen *s, int key)
{
	struct receive *r = s->data;

	if (r->labels)
		return receive_labels_key(s, key);
	if (*r->ask_to != '\0') {
		if (key == TUI_KEY_ENTER) {
			memcpy(r->to, r->ask_to, sizeof r->to);
			tui_status(s->tui, _("the goods go to %s"), r->to);
			receive_save(s);
		} else
			tui_status(s->tui, _("the goods still go to %s"),
			    r->to);
		*r->ask_to = '\0';
		tui_field_clear(&r->in);
		return TUI_HANDLED | TUI_REDRAW;
	}
	return tui_field_key(&r->in, key);
}

/*
 * A fixed scanner's code is taken at the bin, the item, the lot and the
 * serials while nothing is typed there; never into a quantity, the
 * supplier, the reference, the expiry or a cost, nor while a question is
 * open.
 */
static int
receive_scan_ok(struct tui_screen *s)
{
	struct receive *r = s->data;

	if (*r->ask_to != '\0' || r->in.len != 0 || r->labels)
		return 0;
	return r->step == R_TO || r->step == R_ITEM || r->step == R_LOT ||
	    r->step == R_SERIAL;
}

const struct tui_screen_entry tui_screen_receive = {
	.name = "receive",
	.title = N_("Receive"),
	.menu = { .key = 'r', .fkey = TUI_KEY_F(2), .what = N_("receive") },
	.need = TUI_NEEDS(WMS_PERM_POST),
	.init = receive_init,
	.free = receive_free,
	.draw = receive_draw,
	.key = receive_key,
	.keys = receive_keys,
	.scan_ok = receive_scan_ok,
};
