/*
 * Returns: part of a receipt back to its supplier (an RTS document) and
 * part of an issue back from its cost centre (an RTN document).  Each is
 * a document of its own that names the document it returns, valued at
 * the depot's average cost, and refused beyond what that document moved
 * and was not yet returned.  Written through the posting engine (one
 * transaction, one audit entry, one outbox event: return.supplier,
 * return.issue).
 */
#ifndef WMS_RETURN_H
#define WMS_RETURN_H

#include <stddef.h>

#include "core/ledger.h"
#include "lib/err.h"

struct wms;

/*
 * Return lines of receipt grn (a GRN number) to its supplier: from the
 * location from (NULL: where the receipt put each line), to the depot's
 * @SUPPLIER.  A line is an item, a quantity (in unit, or the base unit),
 * and its lot (which may be left out when the document moved only one lot
 * of the item), or its serial numbers; reason is required.
 * WMS_PERM_POST.
 */
int	wms_return_supplier(struct wms *, const char *grn, const char *from,
	    const struct wms_line *lines, size_t n, const char *reason,
	    char number[WMS_NUMBER_MAX], struct wms_err *err);

/*
 * Take lines of issue iss (an ISS number) back from its cost centre into
 * the location to (NULL: the one it was issued from), valued at the
 * depot's average cost.  As wms_return_supplier otherwise.
 */
int	wms_return_issue(struct wms *, const char *iss, const char *to,
	    const struct wms_line *lines, size_t n, const char *reason,
	    char number[WMS_NUMBER_MAX], struct wms_err *err);

#endif
