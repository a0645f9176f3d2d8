/*
 * The audit log for the auditor (and whoever may read): the last entries,
 * newest first, in local time; quantities in people's units (200 for
 * 200 KG, not 200000 thousandths) and money with its currency; the entry
 * selected in full below the list.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/master.h"
#include "core/qty.h"
#include "core/wms.h"
#include "lib/i18n.h"
#include "lib/text.h"
#include "lib/time.h"
#include "lib/xmalloc.h"
#include "reports/report.h"
#include "tui/screen.h"

#define AUDIT_ROWS	500

struct audit {
	struct report	*r;
	char		**detail;	/* each entry's, in people's terms */
	struct tui_list	 view;
};

/* Keys of an entry's detail whose integers are thousandths of a unit. */
static const char *const audit_qty_keys[] = {
	"counted", "qty", "qty_milli", "book", "expected", "variance",
	"in_transit", NULL,
};

static int
audit_is_qty(const char *key)
{
	const char *const *k;

	for (k = audit_qty_keys; *k != NULL; k++)
		if (strcmp(*k, key) == 0)
			return 1;
	return 0;
}

/*
 * The detail as "key value, key value": quantities as decimals, money
 * with its decimals and currency, lists by their length.
 */
static char *
audit_human(struct tui *t, const char *json)
{
	json_t		*o, *v;
	struct db_item	 it;
	const char	*k;
	char		 out[1024], one[256], num[48], uom[20];
	size_t		 len = 0;

	if ((o = json_loads(json, 0, NULL)) == NULL || !json_is_object(o)) {
		json_decref(o);
		return xstrdup(json);
	}
	out[0] = '\0';
	/* The item's unit beside its quantities: "counted 200 KG". */
	uom[0] = '\0';
	if (json_is_string(json_object_get(o, "item")) &&
	    wms_item_get(tui_wms(t), json_string_value(json_object_get(o,
	    "item")), &it, NULL) == 0) {
		snprintf(uom, sizeof uom, " %s", it.uom);
		db_item_fini(&it);
	}
	json_object_foreach(o, k, v) {
		if (json_is_integer(v) && audit_is_qty(k))
			snprintf(one, sizeof one, "%s %s%s", strcmp(k,
			    "qty_milli") == 0 ? "qty" : k, wms_qty_fmt(
			    json_integer_value(v), num, sizeof num), uom);
		else if (json_is_integer(v) && strcmp(k, "value") == 0)
			snprintf(one, sizeof one, "%s %s", k, tui_money(t,
			    json_integer_value(v), num, sizeof num, 1));
		else if (json_is_integer(v))
			snprintf(one, sizeof one, "%s %lld", k,
			    (long long)json_integer_value(v));
		else if (json_is_string(v))
			snprintf(one, sizeof one, "%s %s", k,
			    json_string_value(v));
		else if (json_is_array(v))
			snprintf(one, sizeof one, "%s: %zu", k,
			    json_array_size(v));
		else if (json_is_true(v) || json_is_false(v))
			snprintf(one, sizeof one, "%s %s", k,
			    json_is_true(v) ? "yes" : "no");
		else
			continue;
		if (len + strlen(one) + 3 >= sizeof out)
			break;
		len += (size_t)snprintf(out + len, sizeof out - len, "%s%s",
		    len > 0 ? ", " : "", one);
	}
	json_decref(o);
	return xstrdup(out);
}

static void
audit_drop(struct audit *a)
{
	size_t i, n = a->r != NULL ? report_nrows(a->r) : 0;

	for (i = 0; a->detail != NULL && i < n; i++)
		free(a->detail[i]);
	free(a->detail);
	a->detail = NULL;
	report_free(a->r);
	a->r = NULL;
}

static void
audit_load(struct tui_screen *s)
{
	struct audit	*a = s->data;
	struct wms_err	 err;
	char		 cell[2048];
	size_t		 i, n;

	audit_drop(a);
	if (report_audit(tui_wms(s->tui), AUDIT_ROWS, &a->r, &err) != 0) {
		tui_status(s->tui, "%s", err.msg);
		tui_list_reset(&a->view, 0);
		return;
	}
	n = report_nrows(a->r);
	a->detail = xcalloc(n + 1, sizeof *a->detail);
	for (i = 0; i < n; i++) {
		report_cell_text(a->r, i, 5, cell, sizeof cell);
		a->detail[i] = audit_human(s->tui, cell);
	}
	tui_list_reset(&a->view, (int)n);
}

static int
audit_init(struct tui_screen *s, void *arg, struct wms_err *err)
{
	(void)arg;
	(void)err;
	s->data = xcalloc(1, sizeof(struct audit));
	audit_load(s);
	return 0;
}

static void
audit_free(struct tui_screen *s)
{
	audit_drop(s->data);
	free(s->data);
}

static const struct tui_col audit_cols[] = {
	{ .title = N_("Time"), .col = 2, .width = 16 },
	{ .title = N_("User"), .col = 19, .width = 10 },
	{ .title = N_("Action"), .col = 30, .width = 14 },
	{ .title = N_("Document"), .col = 45, .width = 19 },
	{ .title = N_("Detail"), .col = 65, .width = 13 },
};

static void
audit_row(struct tui_screen *s, int i, int row)
{
	struct audit	*a = s->data;
	char		 at[40], when[40], user[64], act[64], doc[64], det[128];
	char		 u[64], ac[64];
	const char	*cell[5] = { when, u, ac, doc, det };

	report_cell_text(a->r, (size_t)i, 1, at, sizeof at);
	wms_time_local(at, when, sizeof when);
	report_cell_text(a->r, (size_t)i, 2, user, sizeof user);
	report_cell_text(a->r, (size_t)i, 3, act, sizeof act);
	report_cell_text(a->r, (size_t)i, 4, doc, sizeof doc);
	tui_fit(user, 10, u, sizeof u);
	tui_fit(act, 14, ac, sizeof ac);
	tui_fit(a->detail[i], 13, det, sizeof det);
	tui_put_cells(s->tui, row, audit_cols, 5, cell);
}

static void
audit_draw(struct tui_screen *s)
{
	struct audit	*a = s->data;
	struct tui	*t = s->tui;
	int		 cols = tui_cols(t), rows = tui_rows(t);

	tui_put_bold(t, 2, 2, cols - 24, _("The audit log, newest first"));
	tui_list_count(t, 2, &a->view);
	tui_put_heads(t, 3, audit_cols, 5);
	tui_list_draw(s, &a->view, 4, rows - 11, -1, audit_row);
	if (a->view.n == 0) {
		tui_put(t, 4, 2, cols - 4, _("no entries"), 0);
		return;
	}
	/* The entry selected, whole. */
	tui_put_bold(t, rows - 6, 2, cols - 4, _("Detail of the entry "
	    "selected (↑ ↓):"));
	tui_put_wrap(t, rows - 5, 2, cols - 4, 3, a->detail[a->view.sel]);
}

static int
audit_key(struct tui_screen *s, int key)
{
	struct audit *a = s->data;

	return tui_list_key(&a->view, key) ? TUI_HANDLED | TUI_REDRAW :
	    TUI_IGNORED;
}

static int
audit_refresh(struct tui_screen *s, int key)
{
	(void)key;
	audit_load(s);
	return TUI_HANDLED | TUI_REDRAW;
}

static const struct tui_binding audit_keys[] = {
	{ .key = TUI_KEY_F(5), .label = "F5", .what = N_("refresh"),
	    .fn = audit_refresh },
	{ .key = TUI_KEY_ESC, .label = "Esc", .what = N_("back"),
	    .fn = tui_key_back },
	{ .key = 0 }
};

const struct tui_screen_entry tui_screen_audit = {
	.name = "audit",
	.title = N_("Audit log"),
	.menu = { .key = 'g', .what = N_("audit log") },
	.need = TUI_NEEDS(WMS_PERM_READ),
	.init = audit_init,
	.free = audit_free,
	.draw = audit_draw,
	.key = audit_key,
	.keys = audit_keys,
};
