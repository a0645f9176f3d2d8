/* The depot's store of report rows: data/db-report-mgr.c, as it is. */
#include <stdio.h>

#include "core/master.h"
#include "core/wms.h"
#include "data/db-item.h"
#include "data/db-report-mgr.h"
#include "reports/source.h"

#define DB(store) wms_db((struct wms *)(store))

static int
sq_name_id(void *store, enum db_rep_name which, const char *name,
    int64_t *id, struct wms_err *err)
{
	return db_rep_name_id(DB(store), which, name, id, err);
}

static int
sq_item(void *store, const char *code, int64_t *id, char *uom, size_t len,
    struct wms_err *err)
{
	struct db_item	it;
	int		rc;

	if ((rc = wms_item_get(store, code, &it, err)) != 0)
		return rc;
	*id = it.id;
	snprintf(uom, len, "%s", it.uom != NULL ? it.uom : "");
	db_item_fini(&it);
	return 0;
}

/* A row function of data/db-report-mgr.h with the session for its db. */
#define SQ_EACH(name, T)						\
static int								\
sq_##name(void *store, const struct db_rep_filter *f,			\
    int (*fn)(const struct T *, void *), void *arg, struct wms_err *err)\
{									\
	return db_rep_##name(DB(store), f, fn, arg, err);		\
}

SQ_EACH(stock_each, db_rep_stock)
SQ_EACH(card_each, db_rep_card)
SQ_EACH(journal_each, db_rep_journal)
SQ_EACH(reorder_each, db_rep_reorder)
SQ_EACH(expiry_each, db_rep_expiry)
SQ_EACH(slow_each, db_rep_slow)
SQ_EACH(issued_each, db_rep_issued)
SQ_EACH(value_each, db_rep_value)
SQ_EACH(variance_each, db_rep_variance)
SQ_EACH(transit_each, db_rep_transit)

static int
sq_card_opening(void *store, const struct db_rep_filter *f, int64_t *qty,
    struct wms_err *err)
{
	return db_rep_card_opening(DB(store), f, qty, err);
}

const struct report_source report_source_sqlite = {
	.name_id = sq_name_id,
	.item = sq_item,
	.stock_each = sq_stock_each,
	.card_opening = sq_card_opening,
	.card_each = sq_card_each,
	.journal_each = sq_journal_each,
	.reorder_each = sq_reorder_each,
	.expiry_each = sq_expiry_each,
	.slow_each = sq_slow_each,
	.issued_each = sq_issued_each,
	.value_each = sq_value_each,
	.variance_each = sq_variance_each,
	.transit_each = sq_transit_each,
};
