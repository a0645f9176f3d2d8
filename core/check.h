/* makhzan check: the database agrees with itself. */
#ifndef WMS_CHECK_H
#define WMS_CHECK_H

#include "lib/err.h"

struct wms;

/*
 * Run every check: SQLite's integrity_check; balances equal the sum of the
 * ledger; no negative stock at real or transit locations; every item sums
 * to zero over all locations; the audit chain verifies; the outbox
 * sequence has no gap and matches its counter; no negative valuation.
 * fn is called once per problem with a translated line.  Returns 0 when
 * all pass, WMS_ERR_CORRUPT when any failed, or another error.
 */
int	wms_check(struct wms *, void (*fn)(const char *problem, void *),
	    void *arg, struct wms_err *err);

#endif
