/* Stock counts: a blind snapshot count of an area, reviewed and posted. */
#ifndef WMS_COUNT_H
#define WMS_COUNT_H

#include <stdint.h>

#include "lib/err.h"
#include "core/ledger.h"
#include "data/db-count.h"

struct wms;

/*
 * Start a count of every real location whose path starts with prefix (a
 * depot code, DEPOT/ZONE, or a full bin path; matched at a '/' boundary or
 * exactly: "HMS/A" covers HMS/A and HMS/A/01-01, not HMS/AB): a CNT
 * document, status open, with a snapshot of the expected quantities (every
 * balance row > 0 there; none is a real count of an empty area).  A prefix
 * that matches no real location is refused.  WMS_PERM_COUNT.
 */
int	wms_count_start(struct wms *, const char *prefix,
	    char number[WMS_NUMBER_MAX], struct wms_err *err);

/*
 * Enter a counted quantity (thousandths of the base unit, >= 0) for a
 * location, item (code or barcode) and lot (NULL if none; required for
 * lot-tracked items; for serial-tracked items the lot is the serial and
 * qty is 0 or 1000).  Blind: nothing about the expected quantity is
 * returned.  The location must be a real location under the count's
 * prefix.  An item/lot not in the snapshot adds a line with expected 0
 * (found stock).  Records book = the balance at that moment, counted,
 * status counted, user and time; entering again overwrites (the latest
 * entry wins).  Refused once the count is posted.  WMS_PERM_COUNT.
 */
int	wms_count_enter(struct wms *, const char *number, const char *loc,
	    const char *item, const char *lot, int64_t qty,
	    struct wms_err *err);

/*
 * Send a line back for recount: status recount, counted cleared, so that
 * the count cannot be posted until it is entered again.
 * WMS_PERM_SUPERVISE.
 */
int	wms_count_recount(struct wms *, const char *number, const char *loc,
	    const char *item, const char *lot, struct wms_err *err);


/*
 * Call fn for each line of a count (struct db_count_line of
 * data/db-count.h: the line as data/ reads it, with the variance and its
 * value worked out here; one definition for both floors), in location
 * then item order (fn
 * returns non-zero to stop; the strings live until fn returns).  Blind
 * while the count is open unless the user may supervise: for a
 * storekeeper expected, book, variance and value are 0 and must not be
 * shown (*blind is set to 1, else 0).  A posted count shows every figure
 * to whoever may read (the auditor).
 * WMS_PERM_READ.
 */
int	wms_count_each(struct wms *, const char *number, int *blind,
	    int (*fn)(const struct db_count_line *, void *), void *arg,
	    struct wms_err *err);

/* Summary for the header of a count. */
struct wms_count_info {
	char	number[WMS_NUMBER_MAX];
	char	status[12];	/* open, posted */
	char	prefix[208];
	char	depot[32];
	int	lines;
	int	counted;
	int	pending;	/* pending or sent for recount */
};

/* Fill *ci for count number.  WMS_PERM_READ. */
int	wms_count_info(struct wms *, const char *number,
	    struct wms_count_info *ci, struct wms_err *err);

/*
 * Call fn for each count, newest first: the open ones only, or all when
 * all is set; at most limit of them.  fn returns non-zero to stop.
 * WMS_PERM_READ.
 */
int	wms_count_list(struct wms *, int all, int limit,
	    int (*fn)(const struct wms_count_info *, void *), void *arg,
	    struct wms_err *err);

/*
 * Post a count (WMS_PERM_SUPERVISE): refused while any line is pending or
 * sent for recount, unless skip_uncounted (those lines then stay as they
 * are).  Each counted line with counted != book becomes an adjustment
 * movement of |counted - book| between the location and DEPOT/@ADJUST,
 * attached to the count document, so that postings made during the count
 * are taken into account.  A decrease that would take the location below
 * zero now is refused with the figures, and nothing is written.  The
 * status becomes posted.
 */
int	wms_count_post(struct wms *, const char *number, int skip_uncounted,
	    struct wms_err *err);

#endif
