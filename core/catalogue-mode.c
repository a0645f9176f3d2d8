/*
 * Where this depot's catalogue comes from (catalogue = local|central) and
 * whether its master-data changes go up as events: the state the master
 * data's writes (core/master.c) ask about, apart from applying the
 * centre's changes (core/catalogue.c), which writes through master.c.
 */
#include <jansson.h>

#include "core/catalogue.h"
#include "core/write.h"
#include "lib/err.h"
#include "lib/i18n.h"

static int cat_central;
static int cat_events;

void
wms_catalogue_set_events(int on)
{
	cat_events = on != 0;
}

void
wms_catalogue_event(struct wms_write *log)
{
	if (!cat_events || log->detail == NULL)
		return;
	log->event = log->action;
	log->payload = json_deep_copy(log->detail);
	json_object_set_new(log->payload, "type", json_string(log->action));
}

void
wms_catalogue_set_central(int central)
{
	cat_central = central != 0;
}

int
wms_catalogue_central(void)
{
	return cat_central;
}

int
wms_catalogue_local(const char *what, struct wms_err *err)
{
	if (!cat_central)
		return 0;
	return wms_err_set(err, WMS_ERR_DENIED,
	    _("this depot takes its catalogue from the centre (catalogue = "
	    "central in makhzan.ini): make the change there, with makhzan "
	    "--central CONNINFO %s"), what);
}
