/*
 * What a report's fill function is given (private to reports/): the
 * session, the definition, and the filters resolved for the store.
 */
#ifndef REPORT_RUN_H
#define REPORT_RUN_H

#include <time.h>

#include "data/db-report-mgr.h"
#include "reports/catalog.h"
#include "reports/source.h"

struct report_run {
	struct wms			*w;	/* NULL on another store */
	const struct report_source	*src;	/* the rows, from store */
	void				*store;
	const struct report_def		*def;
	const struct report_filters	*given;
	struct db_rep_filter		 f;	/* ids and UTC bounds */
	time_t				 now;
	long				 days;	/* given, or the default */
	int				 values;	/* may see money */
	char				 from[32], to[32], at[32];
	char				 since[32], until[16];
};

/* A report's rows, from a store's typed row (report_add) to r. */
int	report_run_add(const void *row, void *r);

#endif
