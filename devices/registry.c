/* The device registry: the scales and scanners configured at the stations. */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "devices/registry.h"
#include "core/wms.h"
#include "core/write.h"
#include "data/db-device.h"
#include "lib/i18n.h"
#include "lib/text.h"

/* The same fields on both sides of the seam, copied each way. */
static void
device_to_db(struct db_device *r, const struct dev_registry_entry *d)
{
	snprintf(r->name, sizeof r->name, "%s", d->name);
	snprintf(r->kind, sizeof r->kind, "%s", d->kind);
	snprintf(r->uri, sizeof r->uri, "%s", d->uri);
	r->unit_id = d->unit_id;
	snprintf(r->profile, sizeof r->profile, "%s", d->profile);
	snprintf(r->station, sizeof r->station, "%s", d->station);
	r->timeout_ms = d->timeout_ms;
}

static void
device_from_db(struct dev_registry_entry *d, const struct db_device *r)
{
	snprintf(d->name, sizeof d->name, "%s", r->name);
	snprintf(d->kind, sizeof d->kind, "%s", r->kind);
	snprintf(d->uri, sizeof d->uri, "%s", r->uri);
	d->unit_id = r->unit_id;
	snprintf(d->profile, sizeof d->profile, "%s", r->profile);
	snprintf(d->station, sizeof d->station, "%s", r->station);
	d->timeout_ms = r->timeout_ms;
}

static int
device_add_fn(struct wms *w, void *arg, struct wms_write *log,
    struct wms_err *err)
{
	const struct dev_registry_entry	*d = arg;
	struct db_device	 r;
	char			 at[32];
	int			 rc;

	device_to_db(&r, d);
	wms_now_iso(w, at);
	if ((rc = db_device_add(wms_db(w), &r, at, err)) != 0)
		return rc == WMS_ERR_CONFLICT ? wms_err_set(err, rc,
		    _("device %s already exists"), d->name) : rc;
	log->action = "device.add";
	log->detail = json_pack("{ss ss ss si ss ss}", "name", d->name,
	    "kind", d->kind, "uri", d->uri, "unit", d->unit_id, "profile",
	    d->profile, "station", d->station);
	return 0;
}

int
dev_registry_add(struct wms *w, const struct dev_registry_entry *d, struct wms_err *err)
{
	int rc;

	if ((rc = wms_require(w, WMS_PERM_ADMIN, err)) != 0)
		return rc;
	if (!wms_ident_valid(d->name))
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("bad device name \"%s\": 1 to 32 of a-z A-Z 0-9 - _ ."),
		    d->name);
	/* A device at no station has none. */
	if (d->station[0] != '\0' && !wms_ident_valid(d->station))
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("bad station name \"%s\": 1 to 32 of a-z A-Z 0-9 - _ ."),
		    d->station);
	if (strcmp(d->kind, "scale") != 0 && strcmp(d->kind, "scanner") != 0)
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("bad kind \"%s\": scale or scanner"), d->kind);
	if (d->unit_id < 0 || d->unit_id > 247)
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("bad unit id %d: 0 to 247"), d->unit_id);
	if (d->timeout_ms < 50 || d->timeout_ms > 60000)
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("bad timeout %d ms: 50 to 60000"), d->timeout_ms);
	if ((rc = wms_name_check(_("device address"), d->uri, err)) != 0 ||
	    (rc = wms_name_check(_("profile"), d->profile, err)) != 0)
		return rc;
	return wms_write_run(w, WMS_PERM_ADMIN, device_add_fn, (void *)d,
	    err);
}

static int
device_unknown(const char *name, struct wms_err *err)
{
	return wms_err_set(err, WMS_ERR_NOTFOUND,
	    _("unknown device %s: see makhzan device list"), name);
}

static int
device_remove_fn(struct wms *w, void *arg, struct wms_write *log,
    struct wms_err *err)
{
	const char	*name = arg;
	int		 rc;

	if ((rc = db_device_remove(wms_db(w), name, err)) < 0)
		return rc;
	if (rc == 0)
		return device_unknown(name, err);
	/* The detail stays {}, as it always was. */
	log->action = "device.remove";
	return 0;
}

int
dev_registry_remove(struct wms *w, const char *name, struct wms_err *err)
{
	return wms_write_run(w, WMS_PERM_ADMIN, device_remove_fn,
	    (void *)name, err);
}

int
dev_registry_get(struct wms *w, const char *name, struct dev_registry_entry *d,
    struct wms_err *err)
{
	struct db_device	r;
	int			rc;

	if ((rc = wms_require(w, WMS_PERM_READ, err)) != 0)
		return rc;
	if (name == NULL)
		name = "";
	if ((rc = db_device_get(wms_db(w), name, &r, err)) < 0)
		return rc;
	if (rc == 0)
		return device_unknown(name, err);
	device_from_db(d, &r);
	return 0;
}

struct device_each {
	int	(*fn)(const struct dev_registry_entry *, void *);
	void	*arg;
};

static int
device_row(const struct db_device *r, void *arg)
{
	struct device_each	*e = arg;
	struct dev_registry_entry	 d;

	device_from_db(&d, r);
	return e->fn(&d, e->arg);
}

int
dev_registry_each(struct wms *w, const char *station,
    int (*fn)(const struct dev_registry_entry *, void *), void *arg,
    struct wms_err *err)
{
	struct device_each	e = { .fn = fn, .arg = arg };
	int			rc;

	if ((rc = wms_require(w, WMS_PERM_READ, err)) != 0)
		return rc;
	return db_device_each(wms_db(w), station, device_row, &e, err);
}
