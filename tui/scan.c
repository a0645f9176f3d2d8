/*
 * What a scan means on the screens: the one parser (labels/scan.c) and a
 * look-up, so that a code jumps to the right place from any screen.
 */
#include <stdio.h>
#include <string.h>

#include "lib/i18n.h"
#include "core/ledger.h"
#include "core/master.h"
#include "core/wms.h"
#include "labels/gs1.h"
#include "tui/screen.h"

int
tui_scan_lookup(struct wms *w, const char *text, struct tui_scanned *out,
    struct wms_err *err)
{
	struct label_scan	sc;
	struct wms_item		it;
	const char		*code = text;
	char			kind[12], gtin13[15];
	int			rc;

	memset(out, 0, sizeof *out);
	out->count = out->net_kg_milli = -1;
	if ((rc = label_scan_parse(text, &sc, err)) != 0) {
		/* A code the parser doubts (an item code of 13 digits with a
		 * "wrong" check digit) is still the item that has it. */
		if (wms_item_get(w, text, &it, NULL) != 0)
			return rc;
		out->what = TUI_SCAN_ITEM;
		snprintf(out->item, sizeof out->item, "%s", it.code);
		wms_item_fini(&it);
		return 0;
	}
	switch (sc.kind) {
	case LABEL_SCAN_LOCATION:
		if ((rc = wms_location_get(w, sc.text, kind, err)) != 0)
			return rc;
		out->what = TUI_SCAN_LOCATION;
		snprintf(out->location, sizeof out->location, "%s", sc.text);
		return 0;
	case LABEL_SCAN_DOCUMENT:
		if ((rc = wms_doc_get(w, sc.text, &out->doc, err)) != 0)
			return rc;
		out->what = TUI_SCAN_DOCUMENT;
		return 0;
	case LABEL_SCAN_GS1:
		/* The company's own AI 91 names the item; else the GTIN, which
		 * is an EAN-13 barcode when it starts with 0. */
		code = *sc.item != '\0' ? sc.item : sc.gtin;
		if (*sc.item == '\0' && *sc.gtin == '0') {
			memcpy(gtin13, sc.gtin + 1, sizeof sc.gtin - 1);
			code = gtin13;
		}
		snprintf(out->lot, sizeof out->lot, "%s", sc.lot);
		snprintf(out->serial, sizeof out->serial, "%s", sc.serial);
		snprintf(out->expiry, sizeof out->expiry, "%s", sc.expiry);
		out->count = sc.count;
		out->net_kg_milli = sc.net_kg_milli;
		break;
	default:
		code = sc.text;
		break;
	}
	if (*code == '\0')
		return wms_err_set(err, WMS_ERR_INVALID, _("the scan names no "
		    "item: %s"), text);
	if ((rc = wms_item_get(w, code, &it, err)) != 0)
		return rc;
	out->what = TUI_SCAN_ITEM;
	snprintf(out->item, sizeof out->item, "%s", it.code);
	wms_item_fini(&it);
	return 0;
}

void
tui_scan_jump(struct tui_screen *s, const char *text)
{
	static char		 arg[256];	/* the pushed screen's */
	struct tui_scanned	 sc;
	struct wms_err		 err;

	if (tui_scan_lookup(tui_wms(s->tui), text, &sc, &err) != 0) {
		tui_status(s->tui, _("scanned %s: %s"), text, err.msg);
		return;
	}
	switch (sc.what) {
	case TUI_SCAN_ITEM:
		snprintf(arg, sizeof arg, "%s", sc.item);
		tui_push(s->tui, &tui_screen_item, arg);
		break;
	case TUI_SCAN_LOCATION:
		/* What is in the bin: the stock report, filtered by it. */
		snprintf(arg, sizeof arg, "%s", sc.location);
		tui_push(s->tui, &tui_screen_reports, arg);
		break;
	case TUI_SCAN_DOCUMENT:
		/* A transfer on its way is there to be received. */
		if (strcmp(sc.doc.type, "TRF") == 0 &&
		    strcmp(sc.doc.status, "in_transit") == 0) {
			snprintf(arg, sizeof arg, "%s", sc.doc.number);
			tui_push(s->tui, &tui_screen_transfer, arg);
			break;
		}
		tui_status(s->tui, _("scanned %s: %s %s, %s"), sc.doc.number,
		    sc.doc.type, sc.doc.depot, sc.doc.status);
		break;
	}
}
