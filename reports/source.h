/*
 * Where a report's rows come from: a store's row functions, one per
 * report row of data/db-report-mgr.h, with the store as an opaque
 * argument.  The depot's SQLite store (reports/source-sqlite.c) serves
 * them from data/db-report-mgr.c; the centre's PostgreSQL store
 * (central/report-pg.c) serves the same filter into the same structs, so
 * that the definitions of reports/ render either unchanged.  reports/
 * stays engine-agnostic: it sees this table, never a database.
 */
#ifndef REPORT_SOURCE_H
#define REPORT_SOURCE_H

#include <stdint.h>
#include <time.h>

#include "data/db-report-mgr.h"
#include "lib/err.h"

struct report_def;
struct report_filters;
struct report;

struct report_source {
	/*
	 * Why this store cannot serve report name (a translated line), or
	 * NULL when it can; NULL function: it serves every report.
	 */
	const char	*(*lacks)(void *store, const char *name);
	/* db_rep_name_id's contract: 1 found (*id set), 0 not, or < 0. */
	int	(*name_id)(void *store, enum db_rep_name, const char *name,
		    int64_t *id, struct wms_err *err);
	/*
	 * An item by its code (or a barcode): 0 with *id and its unit
	 * (uom, of len bytes) set, WMS_ERR_NOTFOUND with one line, or < 0.
	 */
	int	(*item)(void *store, const char *code, int64_t *id, char *uom,
		    size_t len, struct wms_err *err);
	int	(*stock_each)(void *store, const struct db_rep_filter *,
		    int (*)(const struct db_rep_stock *, void *), void *,
		    struct wms_err *);
	int	(*card_opening)(void *store, const struct db_rep_filter *,
		    int64_t *qty, struct wms_err *);
	int	(*card_each)(void *store, const struct db_rep_filter *,
		    int (*)(const struct db_rep_card *, void *), void *,
		    struct wms_err *);
	int	(*journal_each)(void *store, const struct db_rep_filter *,
		    int (*)(const struct db_rep_journal *, void *), void *,
		    struct wms_err *);
	int	(*reorder_each)(void *store, const struct db_rep_filter *,
		    int (*)(const struct db_rep_reorder *, void *), void *,
		    struct wms_err *);
	int	(*expiry_each)(void *store, const struct db_rep_filter *,
		    int (*)(const struct db_rep_expiry *, void *), void *,
		    struct wms_err *);
	int	(*slow_each)(void *store, const struct db_rep_filter *,
		    int (*)(const struct db_rep_slow *, void *), void *,
		    struct wms_err *);
	int	(*issued_each)(void *store, const struct db_rep_filter *,
		    int (*)(const struct db_rep_issued *, void *), void *,
		    struct wms_err *);
	int	(*value_each)(void *store, const struct db_rep_filter *,
		    int (*)(const struct db_rep_value *, void *), void *,
		    struct wms_err *);
	int	(*variance_each)(void *store, const struct db_rep_filter *,
		    int (*)(const struct db_rep_variance *, void *), void *,
		    struct wms_err *);
	int	(*transit_each)(void *store, const struct db_rep_filter *,
		    int (*)(const struct db_rep_transit *, void *), void *,
		    struct wms_err *);
};

/* The depot's own database; its store is the session (struct wms *). */
extern const struct report_source report_source_sqlite;

/* A report run on a store other than a depot's session. */
struct report_env {
	const struct report_source	*src;
	void				*store;
	time_t				 now;
	int				 values;	/* may see money */
	int				 minor;		/* currency decimals */
};

/*
 * report_run (reports/catalog.h) on env's store: no permission to check
 * (the caller decided who may run it), the filters checked and resolved
 * through the store.  A report the store lacks the data of is refused
 * with the store's one line (WMS_ERR_USAGE).
 */
int	report_run_env(const struct report_env *, const struct report_def *,
	    const struct report_filters *, struct report **out,
	    struct wms_err *err);

#endif
