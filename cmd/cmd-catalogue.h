/*
 * The catalogue commands run against the centre (makhzan --central
 * CONNINFO item add|import|edit, unit add, depot add --site, cost-centre
 * add): each change saved in the central database, then published to the
 * depots (cmd-catalogue.c).
 */
#ifndef CMD_CATALOGUE_H
#define CMD_CATALOGUE_H

#include "cmd/cmd.h"
#include "data/db-item.h"

struct central_pg;

/* Connect to c->central; prints the failure and returns its status. */
int	cmd_cat_open(struct cmd_ctx *, struct central_pg **);
/*
 * Publish what waits and close pg: CMD_OK, or CMD_FAIL with one line
 * saying the change is saved at the centre but not published yet, why,
 * and what sends it.
 */
int	cmd_cat_done(struct cmd_ctx *, struct central_pg *pg);

/*
 * catalogue = in [bus] of makhzan.ini: local (the default) or central, for
 * this process (wms_catalogue_set_central).  CMD_OK, or the refusal
 * printed and CMD_USAGE.
 */
int	cmd_cat_mode(const struct wms_config *);

int	cmd_cat_item_add(struct cmd_ctx *, const struct db_item *);
int	cmd_cat_unit_add(struct cmd_ctx *, const char *item, const char *unit,
	    int64_t factor);
/* CODE --name-ar --name-en [--site S]: a depot (site) or a cost centre. */
int	cmd_cat_named_add(struct cmd_ctx *, const struct wms_args *,
	    int depot);

#endif
