/*
 * The managers' reports at the centre (makhzan --central CONNINFO report
 * NAME): a store of report rows (reports/source.h) over the centre's
 * PostgreSQL tables, serving the filter of data/db-report-mgr.h into its
 * structs, so that the definitions of reports/ render the nation's
 * reports with the depots' columns, totals and formats.
 *
 * What the centre knows is what the events say: documents, movements,
 * balances (with their value) and the national catalogue.  It has no
 * expiry dates of lots and no count lines, so expiry and variance are
 * refused here in one line (central_report_lacks); items have no purchase
 * unit at the centre, so reorder's suggestion is in the base unit.
 */
#ifndef CENTRAL_REPORT_PG_H
#define CENTRAL_REPORT_PG_H

#include "lib/err.h"
#include "reports/source.h"

struct central_pg;
struct central_report;

/* The rows of every report, the store a struct central_report. */
extern const struct report_source central_report_source;

/*
 * A store over pg, the rows of site only when site is not NULL: a site
 * the centre does not know is WMS_ERR_USAGE with one line.  The store
 * does not own pg.
 */
int	central_report_open(struct central_pg *, const char *site,
	    struct central_report **out, struct wms_err *err);
void	central_report_close(struct central_report *);

/*
 * Ask the server to stop the statement the store runs (Ctrl-C): safe in
 * a signal handler.  The statement then fails; the caller, who asked,
 * says that it stopped.
 */
void	central_report_stop(struct central_report *);

#endif
