/*
 * Administration (admin role): users and roles, depots and locations,
 * stations and their devices.  Lists, and short forms that call the same
 * core functions as the commands; the core checks every write again.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "devices/registry.h"
#include "lib/i18n.h"
#include "core/master.h"
#include "core/wms.h"
#include "lib/xmalloc.h"
#include "devices/dev.h"
#include "devices/find.h"
#include "reports/report.h"
#include "tui/screen.h"

enum alist {
	AL_USERS, AL_DEPOTS, AL_LOCATIONS, AL_DEVICES, AL_N
};

static const char *const alist_title[] = {
	[AL_USERS] = N_("Users and roles"),
	[AL_DEPOTS] = N_("Depots"),
	[AL_LOCATIONS] = N_("Locations"),
	[AL_DEVICES] = N_("Stations and devices"),
};

static const struct report_col users_cols[] = {
	{ .key = "name", .title = N_("User"), .type = REPORT_STR },
	{ .key = "role", .title = N_("Role"), .type = REPORT_STR },
	{ .key = "lang", .title = N_("Language"), .type = REPORT_STR },
	{ .key = "locked", .title = N_("Locked"), .type = REPORT_STR },
};
static const struct report_col depots_cols[] = {
	{ .key = "code", .title = N_("Code"), .type = REPORT_STR },
	{ .key = "name_ar", .title = N_("Arabic name"), .type = REPORT_STR },
	{ .key = "name_en", .title = N_("English name"), .type = REPORT_STR },
	{ .key = "locations", .title = N_("Locations"), .type = REPORT_STR },
};
static const struct report_col locations_cols[] = {
	{ .key = "path", .title = N_("Location"), .type = REPORT_STR },
	{ .key = "kind", .title = N_("Kind"), .type = REPORT_STR },
	{ .key = "depot", .title = N_("Depot"), .type = REPORT_STR },
};
#define AT(f) .off = offsetof(struct db_device, f), \
	.field = REPORT_FIELD_CHARS
static const struct report_col devices_cols[] = {
	{ .key = "station", .title = N_("Station"), .type = REPORT_STR,
	    AT(station) },
	{ .key = "name", .title = N_("Device"), .type = REPORT_STR,
	    AT(name) },
	{ .key = "kind", .title = N_("Kind"), .type = REPORT_STR, AT(kind) },
	{ .key = "uri", .title = N_("Address"), .type = REPORT_STR, AT(uri) },
	{ .key = "profile", .title = N_("Profile"), .type = REPORT_STR,
	    AT(profile) },
};
#undef AT

static const struct {
	const struct report_col	*cols;
	int			 ncols;
	int			 width[5];
} alist_cols[] = {
	[AL_USERS] = { .cols = users_cols, .ncols = 4,
	    .width = { 20, 14, 10, 20 } },
	[AL_DEPOTS] = { .cols = depots_cols, .ncols = 4,
	    .width = { 8, 24, 24, 10 } },
	[AL_LOCATIONS] = { .cols = locations_cols, .ncols = 3,
	    .width = { 30, 12, 8 } },
	[AL_DEVICES] = { .cols = devices_cols, .ncols = 5,
	    .width = { 12, 14, 8, 26, 14 } },
};

/* The forms, and the prompts of their fields in order. */
enum aform {
	AF_NONE, AF_USER, AF_ROLE, AF_LOCATION, AF_DEVICE, AF_REMOVE
};

#define AFIELDS	5

static const char *const aform_prompt[][AFIELDS] = {
	[AF_USER] = { N_("User name"),
	    N_("Role: storekeeper, supervisor, auditor, admin"),
	    N_("Password (8 characters or more)"), N_("Password again") },
	[AF_ROLE] = { N_("New role: storekeeper, supervisor, auditor, "
	    "admin") },
	[AF_LOCATION] = { N_("Location (DEPOT/ZONE/BIN)") },
	[AF_DEVICE] = { N_("Device name"), N_("Kind: scale or scanner"),
	    N_("Address: tcp://HOST:PORT or rtu:/dev/..."),
	    N_("Profile (devices/profiles)"), N_("Station (empty: none)") },
	[AF_REMOVE] = { N_("Remove this device? y: yes") },
};

static const int aform_fields[] = {
	[AF_NONE] = 0, [AF_USER] = 4, [AF_ROLE] = 1, [AF_LOCATION] = 1,
	[AF_DEVICE] = 5, [AF_REMOVE] = 1,
};

struct admin {
	enum alist		 list;
	struct report		*r;
	struct tui_list		 view;		/* of a->r's rows */
	enum aform		 form;
	int			 step;
	char			 target[64];	/* the user or device acted on */
	struct tui_field	 f[AFIELDS];
};

struct admin_fill {
	struct report	*r;
	int		 ncols;
	time_t		 now;
	int		 users;	/* the fourth column is a lock time */
	int		 skip;	/* leave out the first column (an id) */
};

static int
admin_row(const char *const *cols, int ncol, void *arg)
{
	struct admin_fill	*a = arg;
	int			 i, k;

	report_row(a->r);
	for (i = a->skip, k = 0; i < ncol && k < a->ncols; i++) {
		if (a->users && i == 3) {
			report_str(a->r, k++, cols[i] != NULL &&
			    strtoll(cols[i], NULL, 10) > (long long)a->now ?
			    _("locked") : "");
			continue;
		}
		report_str(a->r, k++, cols[i]);
	}
	return 0;
}

static int
admin_device_row(const struct db_device *d, void *r)
{
	report_add(r, d);
	return 0;
}

static void
admin_load(struct tui_screen *s)
{
	static const char *const what[] = {
		[AL_USERS] = "users", [AL_DEPOTS] = "depots",
		[AL_LOCATIONS] = "locations",
	};
	struct admin		*a = s->data;
	struct wms		*w = tui_wms(s->tui);
	struct admin_fill	 f;
	struct wms_err		 err;
	int			 rc;

	report_free(a->r);
	a->r = report_new(alist_cols[a->list].cols, alist_cols[a->list].ncols);
	if (a->list == AL_DEVICES)
		rc = dev_registry_each(w, NULL, admin_device_row, a->r, &err);
	else {
		f.r = a->r;
		f.ncols = alist_cols[a->list].ncols;
		f.now = wms_now(w);
		f.users = a->list == AL_USERS;
		f.skip = a->list == AL_DEPOTS;
		rc = wms_master_list(w, what[a->list], NULL, admin_row, &f,
		    &err);
	}
	if (rc != 0)
		tui_status(s->tui, "%s", err.msg);
	tui_list_set(&a->view, (int)report_nrows(a->r));
}

static int
admin_init(struct tui_screen *s, void *arg, struct wms_err *err)
{
	(void)arg;
	(void)err;
	s->data = xcalloc(1, sizeof(struct admin));
	admin_load(s);
	return 0;
}

static void
admin_free(struct tui_screen *s)
{
	struct admin	*a = s->data;
	int		 i;

	for (i = 0; i < AFIELDS; i++)
		explicit_bzero(a->f[i].text, sizeof a->f[i].text);
	report_free(a->r);
	free(a);
}

static void
admin_draw_row(struct tui_screen *s, int i, int row)
{
	struct admin	*a = s->data;
	char		 cell[256], raw[256];
	int		 k, col;

	for (k = 0, col = 2; k < alist_cols[a->list].ncols;
	    col += alist_cols[a->list].width[k++] + 1) {
		report_cell_text(a->r, (size_t)i, k, raw, sizeof raw);
		/* A role as people read it, in the screen's language. */
		snprintf(cell, sizeof cell, "%s", a->list == AL_USERS &&
		    k == 1 ? _(raw) : raw);
		tui_put(s->tui, row, col, alist_cols[a->list].width[k], cell,
		    0);
	}
}

static void
admin_draw(struct tui_screen *s)
{
	struct admin	*a = s->data;
	struct tui	*t = s->tui;
	int		 k, i, col, row, n, cols = tui_cols(t);

	tui_put_bold(t, 2, 2, cols - 24, _(alist_title[a->list]));
	tui_list_count(t, 2, &a->view);
	n = alist_cols[a->list].ncols;
	for (k = 0, col = 2; k < n; col += alist_cols[a->list].width[k++] + 1)
		tui_put_bold(t, 4, col, alist_cols[a->list].width[k],
		    _(alist_cols[a->list].cols[k].title));
	tui_list_draw(s, &a->view, 5, tui_rows(t) - 12, 0, admin_draw_row);
	if (a->form == AF_NONE)
		return;
	if (*a->target != '\0')
		tui_put(t, tui_rows(t) - 6, 2, cols - 4, a->target, 0);
	for (i = 0; i <= a->step; i++) {
		row = tui_rows(t) - 5 - a->step + i;
		tui_put(t, row, 2, 44, _(aform_prompt[a->form][i]), 0);
		tui_put_field(t, row, 47, cols - 50, &a->f[i], i == a->step);
	}
}

/* Open a form; the target is the selected row's first or second cell. */
static void
admin_form(struct tui_screen *s, enum aform form, int target_col)
{
	struct admin	*a = s->data;
	int		 i;

	*a->target = '\0';
	if (target_col >= 0) {
		if (report_nrows(a->r) == 0)
			return;
		report_cell_text(a->r, (size_t)a->view.sel, target_col,
		    a->target, sizeof a->target);
	}
	a->form = form;
	a->step = 0;
	for (i = 0; i < AFIELDS; i++) {
		explicit_bzero(a->f[i].text, sizeof a->f[i].text);
		a->f[i].len = 0;
		a->f[i].secret = form == AF_USER && (i == 2 || i == 3);
	}
}

/* Copy a field whole, or refuse it: a name cut short is another name. */
static int
admin_copy(char *dst, size_t len, const char *src, struct wms_err *err)
{
	if (strlen(src) >= len)
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("\"%s\" is too long: at most %zu characters"), src,
		    len - 1);
	memcpy(dst, src, strlen(src) + 1);
	return 0;
}

static int
admin_device_add(struct tui_screen *s, struct wms_err *err)
{
	struct admin		*a = s->data;
	struct db_device	 d;
	struct dev_uri		 u;
	struct dev_profile	*p;

	memset(&d, 0, sizeof d);
	if (admin_copy(d.name, sizeof d.name, a->f[0].text, err) != 0 ||
	    admin_copy(d.kind, sizeof d.kind, a->f[1].text, err) != 0 ||
	    admin_copy(d.uri, sizeof d.uri, a->f[2].text, err) != 0 ||
	    admin_copy(d.profile, sizeof d.profile, a->f[3].text, err) != 0 ||
	    admin_copy(d.station, sizeof d.station, a->f[4].text, err) != 0)
		return err->rc;
	d.unit_id = DEV_UNIT_ID_DEFAULT;
	d.timeout_ms = DEV_TIMEOUT_MS_DEFAULT;
	if (strcmp(d.kind, "scale") != 0 && strcmp(d.kind, "scanner") != 0)
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("the kind is scale or scanner"));
	/* As makhzan device add: an address and a profile that can be used. */
	if (dev_uri_parse(d.uri, &u, err) != 0)
		return err->rc;
	if ((p = dev_profile_find(d.profile, err)) == NULL)
		return err->rc;
	if ((strcmp(d.kind, "scale") == 0) != (p->kind == DEV_KIND_SCALE)) {
		dev_profile_free(p);
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("profile %s is for a %s, not a %s"), d.profile,
		    p->kind == DEV_KIND_SCALE ? "scale" : "scanner", d.kind);
	}
	dev_profile_free(p);
	return dev_registry_add(tui_wms(s->tui), &d, err);
}

/* The last field of a form was given: do it, and say what was done. */
static int
admin_do(struct tui_screen *s, struct wms_err *err)
{
	struct admin	*a = s->data;
	struct wms	*w = tui_wms(s->tui);
	int		 rc = 0;

	switch (a->form) {
	case AF_USER:
		if (strcmp(a->f[2].text, a->f[3].text) != 0)
			return wms_err_set(err, WMS_ERR_INVALID,
			    _("the two passwords differ"));
		if ((rc = wms_user_add(w, a->f[0].text, a->f[1].text,
		    a->f[2].text, err)) == 0)
			tui_status(s->tui, _("user %s added as %s"),
			    a->f[0].text, a->f[1].text);
		break;
	case AF_ROLE:
		if ((rc = wms_user_set_role(w, a->target, a->f[0].text,
		    err)) == 0)
			tui_status(s->tui, _("%s is now %s"), a->target,
			    a->f[0].text);
		break;
	case AF_LOCATION:
		if ((rc = wms_location_add(w, a->f[0].text, err)) == 0)
			tui_status(s->tui, _("location %s added"),
			    a->f[0].text);
		break;
	case AF_DEVICE:
		if ((rc = admin_device_add(s, err)) == 0)
			tui_status(s->tui, _("device %s added"), a->f[0].text);
		break;
	case AF_REMOVE:
		if (strcmp(a->f[0].text, "y") != 0 &&
		    strcmp(a->f[0].text, "Y") != 0) {
			tui_status(s->tui, "%s", _("not removed"));
			break;
		}
		if ((rc = dev_registry_remove(w, a->target, err)) == 0)
			tui_status(s->tui, _("device %s removed"), a->target);
		break;
	case AF_NONE:
		break;
	}
	return rc;
}

static int
admin_form_key(struct tui_screen *s, int key)
{
	struct admin	*a = s->data;
	struct wms_err	 err;
	int		 i;

	if (key == TUI_KEY_ESC) {
		admin_form(s, AF_NONE, -1);
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (key != '\n')
		return tui_field_key(&a->f[a->step], key);
	if (a->step + 1 < aform_fields[a->form]) {
		a->step++;
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (admin_do(s, &err) != 0) {
		/* Say why and start the form again, passwords forgotten. */
		tui_status(s->tui, "%s", err.msg);
		for (i = 0; i < AFIELDS; i++) {
			explicit_bzero(a->f[i].text, sizeof a->f[i].text);
			a->f[i].len = 0;
		}
		a->step = 0;
		return TUI_HANDLED | TUI_REDRAW;
	}
	admin_form(s, AF_NONE, -1);
	admin_load(s);
	return TUI_HANDLED | TUI_REDRAW;
}

/* Tab: the next list. */
static int
admin_next(struct tui_screen *s, int key)
{
	struct admin *a = s->data;

	(void)key;
	a->list = (enum alist)((a->list + 1) % AL_N);
	tui_list_reset(&a->view, 0);
	admin_load(s);
	return TUI_HANDLED | TUI_REDRAW;
}

/* A: add a user, a device, or a location (on depots or locations). */
static int
admin_add(struct tui_screen *s, int key)
{
	struct admin *a = s->data;

	(void)key;
	admin_form(s, a->list == AL_USERS ? AF_USER : a->list == AL_DEVICES ?
	    AF_DEVICE : AF_LOCATION, -1);
	return TUI_HANDLED | TUI_REDRAW;
}

/* 1 when the list of users is shown; else the status line says so. */
static int
admin_on_users(struct tui_screen *s)
{
	struct admin *a = s->data;

	if (a->list != AL_USERS)
		tui_status(s->tui, "%s", _("on the list of users (Tab)"));
	return a->list == AL_USERS;
}

/* O: another role for the user selected. */
static int
admin_role(struct tui_screen *s, int key)
{
	(void)key;
	if (admin_on_users(s))
		admin_form(s, AF_ROLE, 0);
	return TUI_HANDLED | TUI_REDRAW;
}

/* U: the user selected unlocked. */
static int
admin_unlock(struct tui_screen *s, int key)
{
	struct admin	*a = s->data;
	struct wms_err	 err;
	char		 name[64];

	(void)key;
	if (!admin_on_users(s) || report_nrows(a->r) == 0)
		return TUI_HANDLED | TUI_REDRAW;
	report_cell_text(a->r, (size_t)a->view.sel, 0, name, sizeof name);
	if (wms_user_unlock(tui_wms(s->tui), name, &err) != 0)
		tui_status(s->tui, "%s", err.msg);
	else
		tui_status(s->tui, _("%s unlocked"), name);
	admin_load(s);
	return TUI_HANDLED | TUI_REDRAW;
}

/* D: the device selected removed, after y. */
static int
admin_remove(struct tui_screen *s, int key)
{
	struct admin *a = s->data;

	(void)key;
	if (a->list != AL_DEVICES)
		tui_status(s->tui, "%s", _("on the list of devices (Tab)"));
	else
		admin_form(s, AF_REMOVE, 1);
	return TUI_HANDLED | TUI_REDRAW;
}

static const struct tui_binding admin_keys[] = {
	{ .key = '\t', .label = "Tab", .what = N_("list"), .fn = admin_next },
	{ .key = 'a', .label = "A", .what = N_("add"), .fn = admin_add },
	{ .key = 'o', .label = "O", .what = N_("role"), .fn = admin_role },
	{ .key = 'u', .label = "U", .what = N_("unlock"), .fn = admin_unlock },
	{ .key = 'd', .label = "D", .what = N_("remove"), .fn = admin_remove },
	{ .key = TUI_KEY_ESC, .label = "Esc", .what = N_("back"),
	    .fn = tui_key_back },
	{ .key = 0 }
};

/* A form while one is open (it takes every key); the list. */
static int
admin_key(struct tui_screen *s, int key)
{
	struct admin *a = s->data;

	if (a->form != AF_NONE)
		return admin_form_key(s, key) | TUI_HANDLED;
	if (tui_list_key(&a->view, key))
		return TUI_HANDLED | TUI_REDRAW;
	return TUI_IGNORED;
}

const struct tui_screen_entry tui_screen_admin = {
	.name = "admin",
	.title = N_("Administration"),
	.menu = { .key = 'a', .what = N_("admin") },
	.need = TUI_NEEDS(WMS_PERM_ADMIN),
	.init = admin_init,
	.free = admin_free,
	.draw = admin_draw,
	.key = admin_key,
	.keys = admin_keys,
};
