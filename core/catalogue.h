/*
 * The catalogue at a depot: whether the depot keeps its own (catalogue =
 * local, the default) or takes it from the centre (catalogue = central in
 * [bus] of makhzan.ini), and applying what the centre sends
 * (docs/catalogue.md).
 */
#ifndef WMS_CATALOGUE_H
#define WMS_CATALOGUE_H

#include <stdint.h>

#include <jansson.h>

#include "data/db-catalogue.h"
#include "lib/err.h"

struct wms;

/*
 * The mode of this process, set once by cmd/ from makhzan.ini before any
 * command runs: 1 when the catalogue comes from the centre.  A process
 * serves one depot configuration, so the mode is the process's, not a
 * session's.
 */
void	wms_catalogue_set_central(int central);
int	wms_catalogue_central(void);

/*
 * Whether a depot's own master-data changes go up as events (set by cmd/:
 * a depot on a bus with catalogue = local).  Off, they are in the audit
 * log only, as for a depot without a bus.
 */
void	wms_catalogue_set_events(int on);

struct wms_write;
/*
 * For the writes of core/master.c: when the events are on, log's action
 * becomes its outbox event too, with the audit detail and the type as
 * payload (item.add, unit.add, depot.add, location.add,
 * cost-centre.add), for the centre's record.  Call after log->detail is
 * set.
 */
void	wms_catalogue_event(struct wms_write *log);

/*
 * 0 when the depot may change its own catalogue; else WMS_ERR_DENIED with
 * one line saying where the change is made instead (what: the command,
 * "item add").  Every add of core/master.c asks it first, so the CLI, the
 * terminal UI and the demo are refused alike.
 */
int	wms_catalogue_local(const char *what, struct wms_err *err);

/*
 * Apply the value of one key of the centre's bucket (item.CODE, depot.CODE,
 * cc.CODE), already verified, at bucket revision rev: the item (its
 * fields, barcodes and units), depot or cost centre is added or changed,
 * with an audit entry (action catalogue.item, catalogue.depot,
 * catalogue.cc; the detail names the key, revision, who changed it at the
 * centre and when) and the revision reached, in one transaction.  A
 * revision already applied changes nothing (*applied 0).  A value the
 * depot's own checks refuse, or that collides with the depot's data (a
 * barcode of another item), is WMS_ERR_INVALID or WMS_ERR_CONFLICT naming
 * it, and nothing changes.
 */
int	wms_catalogue_apply(struct wms *, const char *key, const json_t *value,
	    int64_t rev, const char *by, const char *at, int *applied,
	    struct wms_err *err);

/* Where the depot stands: the revision applied, the last error. */
int	wms_catalogue_state(struct wms *, struct db_cat_state *,
	    struct wms_err *err);
/* Record what stops the catalogue (msg), or that nothing does (NULL). */
int	wms_catalogue_error(struct wms *, const char *msg, struct wms_err *err);

#endif
