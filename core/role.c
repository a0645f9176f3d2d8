/* Roles and what each may do: one table, checked in core on every write. */
#include <string.h>

#include "core/wms.h"
#include "lib/i18n.h"

static const struct {
	enum wms_role	 role;
	const char	*name;
	unsigned	 perms;
} role_table[] = {
	{ .role = WMS_ROLE_STOREKEEPER, .name = "storekeeper",
	    .perms = 1u << WMS_PERM_READ | 1u << WMS_PERM_POST |
	    1u << WMS_PERM_COUNT },
	{ .role = WMS_ROLE_SUPERVISOR, .name = "supervisor",
	    .perms = 1u << WMS_PERM_READ | 1u << WMS_PERM_POST |
	    1u << WMS_PERM_COUNT | 1u << WMS_PERM_SUPERVISE |
	    1u << WMS_PERM_MASTER },
	{ .role = WMS_ROLE_AUDITOR, .name = "auditor",
	    .perms = 1u << WMS_PERM_READ },
	{ .role = WMS_ROLE_ADMIN, .name = "admin",
	    .perms = 1u << WMS_PERM_READ | 1u << WMS_PERM_POST |
	    1u << WMS_PERM_COUNT | 1u << WMS_PERM_SUPERVISE |
	    1u << WMS_PERM_MASTER | 1u << WMS_PERM_ADMIN },
};

/* Role names as people read them (the table above has the keywords). */
static const char *const role_display[] = {
	[WMS_ROLE_NONE] = N_("nobody"),
	[WMS_ROLE_STOREKEEPER] = N_("storekeeper"),
	[WMS_ROLE_SUPERVISOR] = N_("supervisor"),
	[WMS_ROLE_AUDITOR] = N_("auditor"),
	[WMS_ROLE_ADMIN] = N_("admin"),
};

static const char *const perm_names[] = {
	[WMS_PERM_READ] = N_("read the stock"),
	[WMS_PERM_POST] = N_("post stock movements"),
	[WMS_PERM_COUNT] = N_("count stock"),
	[WMS_PERM_SUPERVISE] = N_("approve adjustments, reversals and counts"),
	[WMS_PERM_MASTER] = N_("change items, units and locations"),
	[WMS_PERM_ADMIN] = N_("manage users and depots"),
};

const char *
wms_role_name(enum wms_role role)
{
	size_t i;

	for (i = 0; i < sizeof role_table / sizeof role_table[0]; i++) {
		if (role_table[i].role == role)
			return role_table[i].name;
	}
	return "none";
}

enum wms_role
wms_role_parse(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof role_table / sizeof role_table[0]; i++) {
		if (name != NULL && strcmp(role_table[i].name, name) == 0)
			return role_table[i].role;
	}
	return WMS_ROLE_NONE;
}

int
wms_require(struct wms *w, enum wms_perm perm, struct wms_err *err)
{
	enum wms_role	role;
	size_t		i;

	role = wms_user_role(w);
	if (role == WMS_ROLE_NONE)
		return wms_err_set(err, WMS_ERR_DENIED,
		    _("nobody is logged in: give --user"));
	for (i = 0; i < sizeof role_table / sizeof role_table[0]; i++) {
		if (role_table[i].role == role &&
		    (role_table[i].perms & 1u << perm))
			return 0;
	}
	return wms_err_set(err, WMS_ERR_DENIED,
	    _("not allowed: %s has the role %s, which may not %s"),
	    wms_user_name(w), _(role_display[role]), _(perm_names[perm]));
}
