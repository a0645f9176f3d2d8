/*
 * The editor of outgoing documents, those that take stock out of a bin
 * (issue, move, transfer ship): the header, lines against what the bin
 * has (lots first expiry first out, serial numbers), the draft, and the
 * posting, shared by the three screens.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/value.h"
#include "core/draft.h"
#include "lib/i18n.h"
#include "core/master.h"
#include "core/qty.h"
#include "core/wms.h"
#include "lib/xmalloc.h"
#include "labels/gs1.h"
#include "tui/editor-outgoing.h"

/* Write the draft: after every change, so that nothing typed is lost. */
static void
out_save(struct tui_screen *s)
{
	struct tui_out	*o = s->data;
	struct wms_err	 err;
	json_t		*j, *lines;
	char		*text;
	int		 i;

	lines = json_array();
	for (i = 0; i < o->n; i++)
		json_array_append_new(lines, json_pack("{ss ss ss ss}", "item",
		    o->lines[i].item, "qty", o->lines[i].qty, "lot",
		    o->lines[i].lot, "serials", o->lines[i].serials));
	j = json_pack("{s[sss] so}", "hdr", o->hdr[0], o->hdr[1], o->hdr[2],
	    "lines", lines);
	text = json_dumps(j, JSON_COMPACT);
	if (wms_draft_save(tui_wms(s->tui), o->kind->draft, text, &err) != 0)
		tui_status(s->tui, "%s", err.msg);
	free(text);
	json_decref(j);
}

static int
out_lot_row(const struct db_report_stock *r, void *arg)
{
	struct tui_out		*o = arg;
	struct tui_out_lot	*l;

	if (o->nlots == TUI_OUT_LOTS)
		return 1;
	l = &o->lots[o->nlots++];
	snprintf(l->lot, sizeof l->lot, "%s", r->lot != NULL ? r->lot : "");
	snprintf(l->expiry, sizeof l->expiry, "%s", r->expiry != NULL ?
	    r->expiry : "");
	l->qty = r->qty;
	return 0;
}

static void
out_today(struct tui_screen *s, char today[11])
{
	char now[32];

	wms_now_iso(tui_wms(s->tui), now);
	snprintf(today, 11, "%.10s", now);
}

static int
out_expired(const char *expiry, const char *today)
{
	return *expiry != '\0' && strcmp(expiry, today) < 0;
}

/*
 * Read what the bin has of item, first expiry first out, and choose the
 * lot to suggest: the first that may leave.
 */
static int
out_lots(struct tui_screen *s, const char *item, struct wms_err *err)
{
	struct tui_out	*o = s->data;
	char		 today[11];
	int		 i, rc;

	o->nlots = 0;
	o->fefo = -1;
	if ((rc = wms_stock_fefo_each(tui_wms(s->tui), o->hdr[0], item,
	    out_lot_row, o, err)) != 0)
		return rc;
	out_today(s, today);
	/* An expired lot is never proposed, on any screen: it may be
	 * typed where it may leave (a move to quarantine). */
	for (i = 0; i < o->nlots && o->fefo < 0; i++) {
		if (!out_expired(o->lots[i].expiry, today))
			o->fefo = i;
	}
	return 0;
}

/* 1 when x is one of the serials of list, "S1|S2". */
static int
out_in_list(const char *list, const char *x)
{
	size_t		 n = strlen(x);
	const char	*p;

	for (p = list; (p = strstr(p, x)) != NULL; p += n) {
		if ((p == list || p[-1] == '|') && (p[n] == '\0' ||
		    p[n] == '|'))
			return 1;
	}
	return 0;
}

/* 1 when this serial of the current item is already on the document. */
static int
out_serial_used(const struct tui_out *o, const char *serial)
{
	int i;

	if (out_in_list(o->cur.serials, serial))
		return 1;
	for (i = 0; i < o->n; i++) {
		if (strcmp(o->lines[i].item, o->cur.item) == 0 &&
		    out_in_list(o->lines[i].serials, serial))
			return 1;
	}
	return 0;
}

/*
 * What the bin has for a line of item and lot ("" for all its lots: an
 * untracked or serial item, or the item as a whole), less what lines
 * before `before` take of it.  *ondoc gets what those lines take.
 */
static int64_t
out_avail(const struct tui_out *o, const char *item, const char *lot,
    int before, int64_t *ondoc)
{
	int64_t	have = 0, taken = 0;
	int	i;

	for (i = 0; i < o->nlots; i++) {
		if (*lot == '\0' || strcmp(o->lots[i].lot, lot) == 0)
			have += o->lots[i].qty;
	}
	for (i = 0; i < before && i < o->n; i++) {
		if (strcmp(o->lines[i].item, item) == 0 && (*lot == '\0' ||
		    strcmp(o->lines[i].lot, lot) == 0))
			taken += o->lines[i].base;
	}
	if (ondoc != NULL)
		*ondoc = taken;
	return have - taken;
}

/* "CHM-BENT lot B-1", or the code alone. */
static void
out_what(const struct tui_out_line *l, char *buf, size_t len)
{
	if (*l->lot != '\0')
		snprintf(buf, len, _("%s lot %s"), l->item, l->lot);
	else
		snprintf(buf, len, "%s", l->item);
}

/* The refusal of a line that wants more than avail, with the figures. */
static void
out_refusal(const struct tui_out *o, const struct tui_out_line *l,
    int64_t avail, int64_t ondoc, char *buf, size_t len)
{
	char what[96], a[32], d[32], asked[96], b[32], *sp;

	out_what(l, what, sizeof what);
	wms_qty_fmt(avail < 0 ? 0 : avail, a, sizeof a);
	wms_qty_fmt(l->base, b, sizeof b);
	sp = strchr(l->qty, ' ');
	if (sp != NULL && strcmp(sp + 1, l->uom) != 0)
		snprintf(asked, sizeof asked, "%s (%s %s)", l->qty, b, l->uom);
	else
		snprintf(asked, sizeof asked, "%s %s", b, l->uom);
	if (ondoc > 0)
		snprintf(buf, len, _("only %s %s of %s available at %s (%s %s "
		    "more on earlier lines), asked %s"), a, l->uom, what,
		    o->hdr[0], wms_qty_fmt(ondoc, d, sizeof d), l->uom, asked);
	else
		snprintf(buf, len, _("only %s %s of %s available at %s, asked "
		    "%s"), a, l->uom, what, o->hdr[0], asked);
}

/* Take up a draft left by a closed terminal; the figures are read again. */
static void
out_load(struct tui_screen *s)
{
	struct tui_out	*o = s->data;
	struct wms	*w = tui_wms(s->tui);
	struct db_item	 it;
	json_t		*j, *hdr, *lines, *l;
	char		*text, qty[32], *unit;
	size_t		 i;
	int64_t		 q;

	if ((text = wms_draft_load(w, o->kind->draft, NULL)) == NULL)
		return;
	j = json_loads(text, 0, NULL);
	free(text);
	if (j == NULL)
		return;
	hdr = json_object_get(j, "hdr");
	for (i = 0; i < TUI_OUT_HDR; i++) {
		json_t *v = json_array_get(hdr, i);

		snprintf(o->hdr[i], sizeof o->hdr[i], "%s", json_is_string(v) ?
		    json_string_value(v) : "");
	}
	lines = json_object_get(j, "lines");
	json_array_foreach(lines, i, l) {
		struct tui_out_line *ln;

		if (o->n == TUI_OUT_LINES)
			break;
		ln = &o->lines[o->n];
		memset(ln, 0, sizeof *ln);
		tui_json_str(ln->item, sizeof ln->item, l, "item");
		tui_json_str(ln->qty, sizeof ln->qty, l, "qty");
		tui_json_str(ln->lot, sizeof ln->lot, l, "lot");
		tui_json_str(ln->serials, sizeof ln->serials, l, "serials");
		snprintf(qty, sizeof qty, "%s", ln->qty);
		if ((unit = strchr(qty, ' ')) != NULL)
			*unit++ = '\0';
		if (wms_item_get(w, ln->item, &it, NULL) == 0) {
			snprintf(ln->uom, sizeof ln->uom, "%s", it.uom);
			db_item_fini(&it);
		}
		if (wms_qty_parse(qty, 0, &q, NULL) == 0)
			wms_to_base(w, ln->item, q, unit, &ln->base, NULL);
		if (out_lots(s, ln->item, NULL) == 0) {
			int k;

			ln->avail = out_avail(o, ln->item, ln->lot, o->n, NULL);
			for (k = 0; k < o->nlots; k++) {
				if (strcmp(o->lots[k].lot, ln->lot) == 0)
					memcpy(ln->expiry, o->lots[k].expiry,
					    sizeof ln->expiry);
			}
		}
		o->n++;
	}
	json_decref(j);
	o->nlots = 0;
	o->step = TUI_OUT_HDR0;
	while (o->step < TUI_OUT_ITEM && *o->hdr[o->step] != '\0')
		o->step++;
	if (o->step == TUI_OUT_HDR2 && !o->kind->hdr_required[2])
		o->step = TUI_OUT_ITEM;
	if (o->n > 0)
		tui_status(s->tui, _("draft taken up: %d lines not yet posted"),
		    o->n);
}

int
tui_out_init(struct tui_screen *s, void *arg, struct wms_err *err)
{
	struct tui_out *o;

	(void)arg;
	(void)err;
	o = xcalloc(1, sizeof *o);
	o->kind = s->entry->kind;
	o->fefo = -1;
	s->data = o;
	out_load(s);
	return 0;
}

void
tui_out_free(struct tui_screen *s)
{
	struct tui_out *o = s->data;

	tui_confirm_fini(&o->confirm);
	free(o);
}

/* Add the current line, save the draft, and ask for the next item. */
static void
out_add(struct tui_screen *s)
{
	struct tui_out *o = s->data;

	if (o->n == TUI_OUT_LINES) {
		tui_status(s->tui, _("a document has at most %d lines here: "
		    "post this one first"), TUI_OUT_LINES);
		return;
	}
	o->lines[o->n++] = o->cur;
	memset(&o->cur, 0, sizeof o->cur);
	o->nlots = 0;
	o->info[0] = '\0';
	o->step = TUI_OUT_ITEM;
	out_save(s);
}

/*
 * Say what the bin has of the current item, the suggested lot first;
 * expired stock is not available, and said apart.
 */
static void
out_info(struct tui_screen *s)
{
	struct tui_out	*o = s->data;
	char		 a[32], f[32], today[11], x[64];
	int64_t		 total = out_avail(o, o->cur.item, "", o->n, NULL);
	int64_t		 expired = 0;
	int		 i;
	size_t		 len;

	out_today(s, today);
	for (i = 0; i < o->nlots; i++)
		if (out_expired(o->lots[i].expiry, today))
			expired += o->lots[i].qty;
	total -= expired;
	wms_qty_fmt(total, a, sizeof a);
	if (o->fefo >= 0 && strcmp(o->tracking, "lot") == 0)
		snprintf(o->info, sizeof o->info, _("%s at %s: %s %s; first to "
		    "expire: %s (%s), %s %s"), o->cur.item, o->hdr[0], a,
		    o->cur.uom, o->lots[o->fefo].lot,
		    *o->lots[o->fefo].expiry ? o->lots[o->fefo].expiry : "-",
		    wms_qty_fmt(o->lots[o->fefo].qty, f, sizeof f),
		    o->cur.uom);
	else
		snprintf(o->info, sizeof o->info, _("%s at %s: %s %s "
		    "available"), o->cur.item, o->hdr[0], a, o->cur.uom);
	if (expired > 0) {
		snprintf(x, sizeof x, _("; %s expired"), wms_qty_fmt(expired,
		    f, sizeof f));
		len = strlen(o->info);
		snprintf(o->info + len, sizeof o->info - len, "%s", x);
	}
}

static int	out_lot(struct tui_screen *, const char *);

/* The item a scan or a typed code names; a GS1 scan may give the lot. */
static int
out_item(struct tui_screen *s, const char *text)
{
	struct tui_out		*o = s->data;
	struct label_scan	 sc;
	struct db_item		 it;
	struct wms_err		 err;
	const char		*code = text;
	char			 gtin13[15], lot[21] = "";

	memset(&o->cur, 0, sizeof o->cur);
	if (label_scan_parse(text, &sc, &err) == 0 &&
	    sc.kind == LABEL_SCAN_GS1) {
		code = *sc.item != '\0' ? sc.item : sc.gtin;
		if (*sc.gtin == '0' && *sc.item == '\0') {
			memcpy(gtin13, sc.gtin + 1, strlen(sc.gtin + 1) + 1);
			code = gtin13;
		}
		memcpy(lot, sc.lot, sizeof lot);
	}
	if (wms_item_get(tui_wms(s->tui), code, &it, &err) != 0) {
		tui_status(s->tui, "%s", err.msg);
		return -1;
	}
	snprintf(o->cur.item, sizeof o->cur.item, "%s", it.code);
	snprintf(o->cur.uom, sizeof o->cur.uom, "%s", it.uom);
	snprintf(o->tracking, sizeof o->tracking, "%s", it.tracking);
	db_item_fini(&it);
	if (out_lots(s, o->cur.item, &err) != 0) {
		tui_status(s->tui, "%s", err.msg);
		return -1;
	}
	if (out_avail(o, o->cur.item, "", o->n, NULL) <= 0) {
		tui_status(s->tui, _("there is no %s at %s to take"),
		    o->cur.item, o->hdr[0]);
		return -1;
	}
	out_info(s);
	if (strcmp(o->tracking, "lot") != 0) {
		o->cur.avail = out_avail(o, o->cur.item, "", o->n, NULL);
		o->step = TUI_OUT_QTY;
		return 0;
	}
	o->step = TUI_OUT_LOT;
	tui_field_clear(&o->in);
	/* A scanned lot is taken at once when the bin has it. */
	if (*lot != '\0' && out_lot(s, lot) == 0)
		return 0;
	if (*lot != '\0' || o->fefo >= 0) {
		/* Filled in: Enter takes it, a key types another. */
		snprintf(o->in.text, sizeof o->in.text, "%s", *lot != '\0' ?
		    lot : o->lots[o->fefo].lot);
		o->in.len = strlen(o->in.text);
		o->prefilled = 1;
	}
	return 1;
}

/* The lot for the current line: one the bin has, and that may leave. */
static int
out_lot(struct tui_screen *s, const char *text)
{
	struct tui_out	*o = s->data;
	char		 today[11];
	int		 i;

	if (*text == '\0') {
		tui_status(s->tui, "%s", _("this item is lot-tracked: give "
		    "the lot number"));
		return -1;
	}
	for (i = 0; i < o->nlots; i++) {
		if (strcmp(o->lots[i].lot, text) == 0)
			break;
	}
	if (i == o->nlots) {
		tui_status(s->tui, _("%s has no lot %s of %s"), o->hdr[0], text,
		    o->cur.item);
		return -1;
	}
	out_today(s, today);
	if (o->kind->refuse_expired && out_expired(o->lots[i].expiry,
	    today)) {
		tui_status(s->tui, _("lot %s of %s expired on %s: it is not "
		    "issued from here (a supervisor may, with makhzan issue "
		    "--allow-expired)"), text, o->cur.item, o->lots[i].expiry);
		return -1;
	}
	memcpy(o->cur.lot, o->lots[i].lot, sizeof o->cur.lot);
	memcpy(o->cur.expiry, o->lots[i].expiry, sizeof o->cur.expiry);
	o->cur.avail = out_avail(o, o->cur.item, o->cur.lot, o->n, NULL);
	o->step = TUI_OUT_QTY;
	return 0;
}

int
tui_out_qty(struct tui_screen *s, const char *text)
{
	struct tui_out	*o = s->data;
	struct wms_err	 err;
	char		 qty[32], *unit, shown[sizeof o->cur.qty];
	int64_t		 q, base;

	if (o->step != TUI_OUT_QTY) {
		tui_status(s->tui, "%s", _("scan or type the item first"));
		return -1;
	}
	if (tui_take(s->tui, qty, sizeof qty, text) != 0)
		return -1;
	if ((unit = strchr(qty, ' ')) != NULL) {
		*unit++ = '\0';
		while (*unit == ' ')
			unit++;
	}
	if (wms_qty_parse(qty, 0, &q, &err) != 0 ||
	    wms_to_base(tui_wms(s->tui), o->cur.item, q, unit, &base,
	    &err) != 0) {
		tui_status(s->tui, "%s", err.msg);
		return -1;
	}
	/* As typed, less spaces: it fits, qty held no more than that. */
	if (snprintf(shown, sizeof shown, "%s%s%s", qty,
	    unit != NULL && *unit != '\0' ? " " : "", unit != NULL ? unit :
	    "") >= (int)sizeof shown) {
		tui_status(s->tui, "%s", _("the quantity is too long"));
		return -1;
	}
	return tui_out_qty_base(s, shown, base);
}

int
tui_out_qty_base(struct tui_screen *s, const char *shown, int64_t base)
{
	struct tui_out	*o = s->data;
	int64_t		 ondoc, avail;

	if (o->step != TUI_OUT_QTY) {
		tui_status(s->tui, "%s", _("scan or type the item first"));
		return -1;
	}
	snprintf(o->cur.qty, sizeof o->cur.qty, "%s", shown);
	o->cur.base = base;
	avail = out_avail(o, o->cur.item, o->cur.lot, o->n, &ondoc);
	o->cur.avail = avail;
	if (base > avail) {
		char msg[256];

		out_refusal(o, &o->cur, avail, ondoc, msg, sizeof msg);
		tui_status(s->tui, "%s", msg);
		return -1;
	}
	if (strcmp(o->tracking, "serial") == 0) {
		if (base % 1000 != 0) {
			tui_status(s->tui, _("%s is serial-tracked: give whole "
			    "units"), o->cur.item);
			return -1;
		}
		o->nserials = (int)(base / 1000);
		o->cur.serials[0] = '\0';
		o->step = TUI_OUT_SERIAL;
		return 0;
	}
	out_add(s);
	return 0;
}

static int
out_nserials(const char *serials)
{
	int n = *serials != '\0';

	for (; *serials != '\0'; serials++)
		n += *serials == '|';
	return n;
}

/* One serial number: one the bin has, not already on this document. */
static int
out_serial(struct tui_screen *s, const char *text)
{
	struct tui_out	*o = s->data;
	size_t		 len = strlen(o->cur.serials);
	int		 i;

	for (i = 0; i < o->nlots; i++) {
		if (o->lots[i].qty <= 0 || (*text != '\0' &&
		    strcmp(o->lots[i].lot, text) != 0))
			continue;
		if (!out_serial_used(o, o->lots[i].lot))
			break;
		if (*text != '\0') {
			tui_status(s->tui, _("serial %s of %s is given twice"),
			    text, o->cur.item);
			return -1;
		}
	}
	if (i == o->nlots) {
		if (*text != '\0')
			tui_status(s->tui, _("%s has no serial %s of %s"),
			    o->hdr[0], text, o->cur.item);
		else
			tui_status(s->tui, _("%s has no more serials of %s"),
			    o->hdr[0], o->cur.item);
		return -1;
	}
	if (len + strlen(o->lots[i].lot) + 2 > sizeof o->cur.serials) {
		tui_status(s->tui, "%s", _("too many serial numbers on one "
		    "line: post this one first"));
		return -1;
	}
	snprintf(o->cur.serials + len, sizeof o->cur.serials - len, "%s%s",
	    len > 0 ? "|" : "", o->lots[i].lot);
	if (out_nserials(o->cur.serials) == o->nserials)
		out_add(s);
	return 0;
}

/* The bin, first: a real location. */
static int
out_bin(struct tui_screen *s, const char *text)
{
	struct tui_out	*o = s->data;
	struct wms_err	 err;
	char		 kind[12];

	if (wms_location_get(tui_wms(s->tui), text, kind, &err) != 0) {
		tui_status(s->tui, "%s", err.msg);
		return -1;
	}
	if (strcmp(kind, "internal") != 0) {
		tui_status(s->tui, _("%s is not a stock location"), text);
		return -1;
	}
	return tui_take(s->tui, o->hdr[0], sizeof o->hdr[0], text);
}

static int
out_hdr(struct tui_screen *s, int i, const char *text)
{
	struct tui_out	*o = s->data;
	struct wms_err	 err;

	if (*text == '\0' && o->kind->hdr_required[i]) {
		tui_status(s->tui, _("give %s"), _(o->kind->hdr[i]));
		return -1;
	}
	if (*text != '\0' && o->kind->check != NULL &&
	    o->kind->check(s, i, text, &err) != 0) {
		tui_status(s->tui, "%s", err.msg);
		return -1;
	}
	return tui_take(s->tui, o->hdr[i], sizeof o->hdr[i], text);
}

int
tui_out_enter(struct tui_screen *s, int key)
{
	struct tui_out	*o = s->data;
	char		 in[sizeof o->in.text];
	int		 rc = 0;

	(void)key;
	memcpy(in, o->in.text, sizeof in);
	tui_field_clear(&o->in);
	o->prefilled = 0;
	switch (o->step) {
	case TUI_OUT_HDR0:
		if (out_bin(s, in) == 0)
			o->step = TUI_OUT_HDR1;
		break;
	case TUI_OUT_HDR1:
	case TUI_OUT_HDR2:
		if (out_hdr(s, (int)o->step, in) == 0)
			o->step = o->step == TUI_OUT_HDR1 &&
			    o->kind->hdr[2] != NULL ? TUI_OUT_HDR2 :
			    TUI_OUT_ITEM;
		break;
	case TUI_OUT_ITEM:
		if (*in == '\0')
			return TUI_HANDLED;
		rc = out_item(s, in);
		break;
	case TUI_OUT_LOT:
		rc = out_lot(s, in);
		break;
	case TUI_OUT_QTY:
		rc = tui_out_qty(s, in);
		break;
	case TUI_OUT_SERIAL:
		rc = out_serial(s, in);
		break;
	}
	if (o->step == TUI_OUT_LOT && rc < 0) {
		/* Refused: the field keeps what was typed, to be corrected. */
		memcpy(o->in.text, in, sizeof o->in.text);
		o->in.len = strlen(in);
	}
	if (o->step <= TUI_OUT_ITEM && o->n == 0)
		out_save(s);
	return TUI_HANDLED | TUI_REDRAW;
}

/*
 * Check every line against what the bins have now (someone else may have
 * taken stock since it was typed) and mark those that no longer fit.
 */
static int
out_recheck(struct tui_screen *s)
{
	struct tui_out	*o = s->data;
	struct wms_err	 err;
	char		 msg[256];
	int		 i, bad = -1;
	int64_t		 avail, ondoc;

	for (i = 0; i < o->n; i++) {
		struct tui_out_line *l = &o->lines[i];

		l->bad = 0;
		if (out_lots(s, l->item, &err) != 0) {
			tui_status(s->tui, _("line %d: %s: nothing was "
			    "posted"), i + 1, err.msg);
			l->bad = 1;
			return i;
		}
		avail = out_avail(o, l->item, l->lot, i, &ondoc);
		l->avail = avail;
		if (l->base > avail) {
			l->bad = 1;
			if (bad < 0) {
				bad = i;
				out_refusal(o, l, avail, ondoc, msg,
				    sizeof msg);
				tui_status(s->tui, _("line %d: %s: nothing was "
				    "posted"), i + 1, msg);
			}
		}
	}
	o->nlots = 0;
	return bad;
}

int
tui_out_post(struct tui_screen *s)
{
	struct tui_out	*o = s->data;
	struct wms_line	*lines;
	struct wms_doc	 doc;
	struct wms_err	 err;
	const char	**ser;
	char		 number[WMS_NUMBER_MAX], *copies;
	size_t		 nser;
	int		 i, rc = -1;

	if (o->step < TUI_OUT_ITEM) {
		tui_status(s->tui, _("give %s"), _(o->kind->hdr[o->step]));
		return -1;
	}
	if (o->n == 0) {
		tui_status(s->tui, "%s", _("nothing to post: scan an item"));
		return -1;
	}
	if (out_recheck(s) >= 0)
		return -1;
	memset(&doc, 0, sizeof doc);
	doc.type = o->kind->type;
	doc.from = o->hdr[0];
	doc.to = o->hdr[1];
	if (*o->hdr[2] != '\0') {
		if (o->kind->third_is_requester)
			doc.requester = o->hdr[2];
		else
			doc.ref = o->hdr[2];
	}
	/* The serials: one copy of each line's list, cut at the bars. */
	for (i = 0, nser = 0; i < o->n; i++)
		nser += (size_t)out_nserials(o->lines[i].serials);
	lines = xcalloc((size_t)o->n, sizeof *lines);
	ser = xcalloc(nser + 1, sizeof *ser);
	copies = xcalloc((size_t)o->n, sizeof o->lines[0].serials);
	for (i = 0, nser = 0; i < o->n; i++) {
		char *c = copies + (size_t)i * sizeof o->lines[0].serials;
		char *p, *save = NULL;

		lines[i].item = o->lines[i].item;
		lines[i].qty = o->lines[i].base;
		lines[i].lot = *o->lines[i].lot ? o->lines[i].lot : NULL;
		lines[i].cost = -1;
		lines[i].serials = ser + nser;
		memcpy(c, o->lines[i].serials, sizeof o->lines[0].serials);
		for (p = strtok_r(c, "|", &save); p != NULL;
		    p = strtok_r(NULL, "|", &save)) {
			ser[nser++] = p;
			lines[i].nserials++;
		}
	}
	if (wms_post(tui_wms(s->tui), &doc, lines, (size_t)o->n, number,
	    &err) != 0) {
		tui_status(s->tui, _("not posted, nothing was written: %s"),
		    err.msg);
		goto out;
	}
	o->n = 0;
	wms_draft_delete(tui_wms(s->tui), o->kind->draft, NULL);
	tui_posted(s->tui);
	snprintf(o->posted, sizeof o->posted, "%s", number);
	tui_status(s->tui, _("posted %s; F3: its voucher"), number);
	rc = 0;
out:
	free(lines);
	free(ser);
	free(copies);
	return rc;
}

/* The lines of the document. */
static const struct tui_col out_cols[] = {
	{ .title = "#", .col = 2, .width = 4 },
	{ .title = N_("Item"), .col = 7, .width = 18 },
	{ .title = N_("Lot / serials"), .col = 26, .width = 18, .shrink = 1 },
	{ .title = N_("Quantity"), .col = 45, .width = 14 },
	{ .title = N_("Available"), .col = 60, .width = 16 },
};

void
tui_out_draw(struct tui_screen *s)
{
	struct tui_out	*o = s->data;
	struct tui	*t = s->tui;
	char		 no[16], q[32], a[96], label[128];
	int		 i, row, first, cols = tui_cols(t), list, k;

	for (k = 0; k < TUI_OUT_HDR && o->kind->hdr[k] != NULL; k++) {
		tui_put(t, 2 + k, 2, 20, _(o->kind->hdr[k]), 0);
		tui_put(t, 2 + k, 23, cols - 26, o->hdr[k], 0);
	}
	tui_put_heads(t, 6, out_cols, 5);
	list = tui_rows(t) - 14;
	first = o->n > list ? o->n - list : 0;
	for (i = first, row = 7; i < o->n; i++, row++) {
		const struct tui_out_line *l = &o->lines[i];
		const char *cell[5] = { no, l->item, *l->lot ? l->lot :
		    l->serials, l->qty, a };

		snprintf(no, sizeof no, "%s%d", l->bad ? "!" : "", i + 1);
		wms_qty_fmt(l->avail, q, sizeof q);
		snprintf(a, sizeof a, "%s %s", q, l->uom);
		tui_put_cells(t, row, out_cols, 5, cell);
	}
	/* What the bin has, whole: on two lines when it needs them. */
	tui_put_wrap(t, tui_rows(t) - 7, 2, cols - 4, 2, o->info);
	if (o->step >= TUI_OUT_LOT) {
		out_what(&o->cur, a, sizeof a);
		tui_put(t, tui_rows(t) - 5, 2, cols - 4, a, 0);
	}
	switch (o->step) {
	case TUI_OUT_HDR0:
	case TUI_OUT_HDR1:
	case TUI_OUT_HDR2:
		snprintf(label, sizeof label, "%s", _(o->kind->hdr[o->step]));
		break;
	case TUI_OUT_ITEM:
		snprintf(label, sizeof label, "%s", _("Item (scan or type)"));
		break;
	case TUI_OUT_LOT:
		snprintf(label, sizeof label, "%s", _("Lot (first to expire "
		    "filled in)"));
		break;
	case TUI_OUT_QTY:
		snprintf(label, sizeof label, "%s", _("Quantity [unit]"));
		break;
	case TUI_OUT_SERIAL:
		snprintf(label, sizeof label, _("Serial %d of %d (Enter: the "
		    "next)"), out_nserials(o->cur.serials) + 1, o->nserials);
		break;
	}
	tui_put(t, tui_rows(t) - 4, 2, 40, label, 0);
	tui_put_field(t, tui_rows(t) - 4, 43, cols - 46, &o->in, 1);
}

/* F6: the quantity from the station's scale, checked as a typed one. */
int
tui_out_weigh(struct tui_screen *s, int key)
{
	struct tui_out	*o = s->data;
	char		 shown[32], item[sizeof o->cur.item];
	int64_t		 q;

	(void)key;
	/* Taking the line clears cur: the item's code first. */
	memcpy(item, o->cur.item, sizeof item);
	if (tui_weigh_step(s, o->step == TUI_OUT_QTY, item, &q) != 0)
		return TUI_HANDLED | TUI_REDRAW;
	wms_qty_fmt(q, shown, sizeof shown);
	if (tui_out_qty_base(s, shown, q) == 0) {
		tui_status(s->tui, _("weighed: %s of %s"), shown, item);
		tui_field_clear(&o->in);
	}
	return TUI_HANDLED | TUI_REDRAW;
}

int
tui_out_f9(struct tui_screen *s, int key)
{
	struct tui_out	*o = s->data;
	struct wms_err	 err;
	char		 what[200], num[32], *unit, detail[64];
	int64_t		 avg;
	int		 i, valued;

	(void)key;
	/* What F9 on the summary would refuse is said here already. */
	if (o->step < TUI_OUT_ITEM) {
		tui_status(s->tui, _("give %s"), _(o->kind->hdr[o->step]));
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (o->n == 0) {
		tui_status(s->tui, "%s", _("nothing to post: scan an item"));
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (out_recheck(s) >= 0)
		return TUI_HANDLED | TUI_REDRAW;
	snprintf(what, sizeof what, _("%s from %s to %s: post these %d "
	    "lines?"), _(o->kind->what), o->hdr[0], o->hdr[1], o->n);
	tui_confirm_init(&o->confirm, s, tui_out_post, what);
	for (i = 0; i < o->n; i++) {
		const struct tui_out_line *ln = &o->lines[i];

		snprintf(num, sizeof num, "%s", ln->qty);
		if ((unit = strchr(num, ' ')) != NULL)
			*unit++ = '\0';
		/*
		 * Valued at the depot's average cost, as the posting will,
		 * for whoever may see values (core/value.h).
		 */
		valued = wms_may_see_values(tui_wms(s->tui)) &&
		    wms_loc_avg_cost(tui_wms(s->tui), o->hdr[0], ln->item,
		    &avg, &err) == 0;
		snprintf(detail, sizeof detail, "%s%s%s", ln->lot,
		    *ln->lot && *ln->expiry ? " " : "", ln->expiry);
		tui_confirm_add(&o->confirm, ln->item, num, unit != NULL ?
		    unit : ln->uom, detail, valued, valued ?
		    wms_avg_value(ln->base, avg) : 0);
	}
	tui_confirm_open(&o->confirm);
	return TUI_HANDLED | TUI_REDRAW;
}

int
tui_out_drop(struct tui_screen *s, int key)
{
	struct tui_out *o = s->data;

	(void)key;
	if (o->n > 0) {
		o->n--;
		out_save(s);
	}
	return TUI_HANDLED | TUI_REDRAW;
}

int
tui_out_key(struct tui_screen *s, int key)
{
	struct tui_out	*o = s->data;
	int		 bs = key == TUI_KEY_BACKSPACE || key == TUI_KEY_BS;

	/* The lot filled in is replaced by what is typed over it. */
	if (o->prefilled && (bs || (key >= 0x20 && key != 0x7f &&
	    key < TUI_KEY_FN))) {
		o->prefilled = 0;
		tui_field_clear(&o->in);
		if (bs)
			return TUI_HANDLED | TUI_REDRAW;
	}
	return tui_field_key(&o->in, key);
}

int
tui_out_lookup(struct tui_screen *s, int key)
{
	struct tui_out *o = s->data;

	(void)key;
	switch (o->step) {
	case TUI_OUT_HDR0:
		return tui_pick(s, &o->pick, TUI_PICK_LOCATION, &o->in);
	case TUI_OUT_HDR1:
		return tui_pick(s, &o->pick, o->kind->type == WMS_DOC_ISSUE ?
		    TUI_PICK_COSTCENTRE : o->kind->type == WMS_DOC_TRANSFER ?
		    TUI_PICK_DEPOT : TUI_PICK_LOCATION, &o->in);
	case TUI_OUT_ITEM:
		return tui_pick(s, &o->pick, TUI_PICK_ITEM, &o->in);
	default:
		tui_status(s->tui, "%s", _("F2 looks up at the bin, the cost "
		    "centre or depot, and the item"));
		return TUI_HANDLED | TUI_REDRAW;
	}
}

int
tui_out_voucher(struct tui_screen *s, int key)
{
	struct tui_out *o = s->data;

	(void)key;
	tui_voucher(s, o->posted);
	return TUI_HANDLED | TUI_REDRAW;
}

/* The bindings, F9 saying what it does on the screen (in a .c for xgettext). */
#define OUT_KEYS(f9_what) {						\
	{ .key = '\n', .label = "Enter", .what = N_("next"),		\
	    .fn = tui_out_enter },					\
	{ .key = TUI_KEY_F(2), .label = "F2", .what = N_("look up"),	\
	    .fn = tui_out_lookup },					\
	{ .key = TUI_KEY_F(6), .label = "F6", .what = N_("weigh"),	\
	    .fn = tui_out_weigh },					\
	{ .key = TUI_KEY_F(9), .label = "F9", .what = (f9_what),	\
	    .fn = tui_out_f9 },						\
	{ .key = TUI_KEY_F(8), .label = "F8",				\
	    .what = N_("remove last line"), .fn = tui_out_drop },	\
	{ .key = TUI_KEY_F(3), .label = "F3",				\
	    .what = N_("voucher (PDF)"), .fn = tui_out_voucher },	\
	{ .key = TUI_KEY_ESC, .label = "Esc",				\
	    .what = N_("back (the draft is kept)"), .fn = tui_key_back }, \
	{ .key = 0 }							\
}
const struct tui_binding tui_out_keys[] = OUT_KEYS(N_("post"));
const struct tui_binding tui_out_ship_keys[] = OUT_KEYS(N_("ship"));
#undef OUT_KEYS

/* What tui_out_listed looks for, and whether it was found. */
struct out_listed {
	int		 col;
	const char	*code;
	int		 found;
};

static int
out_listed_row(const char *const *cols, int ncol, void *arg)
{
	struct out_listed *l = arg;

	if (l->col < ncol && cols[l->col] != NULL &&
	    strcmp(cols[l->col], l->code) == 0)
		l->found = 1;
	return l->found;
}

int
tui_out_listed(struct tui_screen *s, const char *what, int col,
    const char *code, struct wms_err *err)
{
	struct out_listed	l = { .col = col, .code = code };
	int			rc;

	if ((rc = wms_master_list(tui_wms(s->tui), what, NULL, out_listed_row,
	    &l, err)) != 0)
		return rc;
	return l.found;
}

int
tui_out_scan_ok(struct tui_screen *s)
{
	struct tui_out *o = s->data;

	switch (o->step) {
	case TUI_OUT_HDR0:
	case TUI_OUT_ITEM:
	case TUI_OUT_SERIAL:
		return o->in.len == 0;
	case TUI_OUT_LOT:
		/* The lot filled in (FEFO) is replaced by a key, or a scan. */
		return o->in.len == 0 || o->prefilled;
	default:
		return 0;	/* a cost centre, a reference, a quantity */
	}
}
