/* makhzan scan: what a scanned code means, read and looked up. */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cmd/cmd.h"
#include "core/ledger.h"
#include "core/master.h"
#include "core/qty.h"
#include "core/wms.h"
#include "labels/gs1.h"

static void
scan_set(json_t *o, const char *key, const char *v)
{
	if (v != NULL && *v != '\0')
		json_object_set_new(o, key, json_string(v));
}

/*
 * The item a scan names: the company item code (AI 91), else the GTIN as
 * a barcode, as written or without its leading zero (an EAN-13 in 14
 * digits), else the text itself as a code or barcode.
 */
static int
scan_item(struct wms *w, const struct label_scan *s, struct wms_item *it)
{
	const char	*try[3];
	int		 i, n = 0;

	if (*s->item != '\0')
		try[n++] = s->item;
	if (*s->gtin != '\0') {
		try[n++] = s->gtin;
		if (s->gtin[0] == '0')
			try[n++] = s->gtin + 1;
	}
	if (s->kind == LABEL_SCAN_BARCODE || s->kind == LABEL_SCAN_CODE)
		try[n++] = s->text;
	for (i = 0; i < n; i++) {
		if (wms_item_get(w, try[i], it, NULL) == 0)
			return 0;
	}
	return WMS_ERR_NOTFOUND;
}

static json_t *
scan_json(struct wms *w, const struct label_scan *s, struct wms_err *err)
{
	struct wms_doc_info	 d;
	struct wms_item		 it;
	json_t			*o;
	char			 q[32];

	o = json_object();
	switch (s->kind) {
	case LABEL_SCAN_GS1:
		json_object_set_new(o, "kind", json_string("gs1"));
		scan_set(o, "gtin", s->gtin);
		scan_set(o, "sscc", s->sscc);
		scan_set(o, "lot", s->lot);
		scan_set(o, "serial", s->serial);
		scan_set(o, "expiry", s->expiry);
		scan_set(o, "best_before", s->best_before);
		scan_set(o, "produced", s->produced);
		scan_set(o, "order", s->order);
		if (s->count >= 0)
			json_object_set_new(o, "count", json_integer(s->count));
		if (s->net_kg_milli >= 0)
			json_object_set_new(o, "net_kg", json_string(
			    wms_qty_fmt(s->net_kg_milli, q, sizeof q)));
		if (scan_item(w, s, &it) == 0) {
			json_object_set_new(o, "item", json_string(it.code));
			wms_item_fini(&it);
		} else
			json_object_set_new(o, "item", json_null());
		return o;
	case LABEL_SCAN_LOCATION:
		if (wms_location_get(w, s->text, NULL, err) != 0)
			break;
		json_object_set_new(o, "kind", json_string("location"));
		json_object_set_new(o, "location", json_string(s->text));
		return o;
	case LABEL_SCAN_DOCUMENT:
		if (wms_doc_get(w, s->text, &d, err) != 0)
			break;
		json_object_set_new(o, "kind", json_string("document"));
		json_object_set_new(o, "number", json_string(d.number));
		json_object_set_new(o, "type", json_string(d.type));
		json_object_set_new(o, "status", json_string(d.status));
		return o;
	case LABEL_SCAN_BARCODE:
	case LABEL_SCAN_CODE:
		if (scan_item(w, s, &it) != 0) {
			wms_err_set(err, WMS_ERR_NOTFOUND,
			    _("nothing is known by \"%s\": not an item code or "
			    "barcode, a location or a document number"),
			    s->text);
			break;
		}
		json_object_set_new(o, "kind", json_string("item"));
		json_object_set_new(o, "item", json_string(it.code));
		if (s->kind == LABEL_SCAN_BARCODE)
			json_object_set_new(o, "barcode", json_string(s->text));
		wms_item_fini(&it);
		return o;
	}
	json_decref(o);
	return NULL;
}

static int
cmd_scan(struct cmd_ctx *c, const struct wms_args *a)
{
	struct label_scan	 s;
	struct wms_err		 err;
	const char		*format, *key;
	json_t			*o, *v;
	char			*text;

	if ((format = wms_opt_value(a, 'f')) == NULL)
		format = "table";
	if (a->nargs != 1)
		return cmd_usage(c, _("give the scanned TEXT"));
	if (strcmp(format, "json") != 0 && strcmp(format, "table") != 0)
		return cmd_usage(c, _("unknown format \"%s\": table or json"),
		    format);
	if (label_scan_parse(a->args[0], &s, &err) != 0 ||
	    (o = scan_json(c->w, &s, &err)) == NULL)
		return cmd_fail(&err);
	if (strcmp(format, "json") == 0) {
		text = json_dumps(o, JSON_COMPACT);
		printf("%s\n", text);
		free(text);
	} else {
		json_object_foreach(o, key, v) {
			if (json_is_string(v))
				printf("%-12s %s\n", key, json_string_value(v));
			else if (json_is_integer(v))
				printf("%-12s %lld\n", key,
				    (long long)json_integer_value(v));
			else
				printf("%-12s -\n", key);
		}
	}
	json_decref(o);
	return CMD_OK;
}

static const struct wms_opt scan_opts[] = {
	CMD_OPT_FORMAT,
	{ .name = NULL }
};

const struct cmd_entry cmd_scan_entry = {
	.name = "scan",
	.usage = "TEXT [--format table|json]",
	.summary = N_("Say what a scanned code means: GS1 data, an item, a "
	    "location or a document."),
	.opts = scan_opts,
	.flags = CMD_NEEDS_DB | CMD_LOGIN,
	.exec = cmd_scan,
};
