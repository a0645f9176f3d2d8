/* The demo depot: master data from data/demo/ and months of history. */
#ifndef DEMO_DEMO_H
#define DEMO_DEMO_H

#include "lib/err.h"

/* Users of the demo database; every one has the password DEMO_PASSWORD. */
#define DEMO_PASSWORD	"makhzan-demo"

/*
 * The demo station's devices, served by simulators that `makhzan demo`
 * starts on loopback while the terminal UI is open.
 */
#define DEMO_STATION		"demo"
#define DEMO_SCALE		"scale-1"
#define DEMO_SCALE_PROFILE	"generic"
#define DEMO_SCALE_PORT		15020
#define DEMO_SCANNER		"scanner-1"
#define DEMO_SCANNER_PROFILE	"zebra-ea3600"
#define DEMO_SCANNER_PORT	15021

struct demo_stats {
	int	depots, locations, items, documents, days;
};

/*
 * Create a demo database at path (refuses an existing file): three depots,
 * the items, units, locations and cost centres of the CSV files in
 * data/demo/ (compiled in), users admin, salim (storekeeper), huda
 * (supervisor) and rami (auditor), and `days` days of history (receipts,
 * issues, moves, transfers with one still in transit, lots near and past
 * expiry, one posted count),
 * generated from a fixed seed so that every run gives the same depot.
 * progress, when not NULL, is called once per simulated day.
 */
int	demo_build(const char *path, int days,
	    void (*progress)(int day, int days, void *), void *arg,
	    struct demo_stats *stats, struct wms_err *err);

#endif
