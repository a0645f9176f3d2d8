/*
 * Unit tests for the seam of reports/source.h: a report definition run on
 * a store that is neither SQLite nor PostgreSQL (a table in memory here)
 * through report_run_env, as the centre's store is.  The filters are
 * resolved through the store's names; its rows become the definition's
 * columns, value and totals; a report the store lacks is refused with its
 * line before anything runs; money is hidden when values may not be seen.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "reports/catalog.h"
#include "reports/report.h"
#include "reports/source.h"

/* The store: what it was asked, and whether it lacks the card. */
struct mem {
	int		 lacks_card;
	int		 stock_calls;
	int64_t		 depot;		/* the filter's, as the store saw it */
	const char	*category;
};

static const char *
mem_lacks(void *store, const char *name)
{
	struct mem *m = store;

	return m->lacks_card && strcmp(name, "card") == 0 ?
	    "no cards in memory" : NULL;
}

static int
mem_name_id(void *store, enum db_rep_name which, const char *name,
    int64_t *id, struct wms_err *err)
{
	(void)store;
	(void)err;
	*id = 0;
	if (which == DB_REP_NAME_DEPOT && strcmp(name, "HMS") == 0) {
		*id = 7;
		return 1;
	}
	if (which == DB_REP_NAME_CATEGORY && strcmp(name, "oils") == 0)
		return 1;
	return 0;
}

static int
mem_item(void *store, const char *code, int64_t *id, char *uom, size_t len,
    struct wms_err *err)
{
	(void)store;
	if (strcmp(code, "L-5") != 0)
		return wms_err_set(err, WMS_ERR_NOTFOUND, "no item %s", code);
	*id = 5;
	snprintf(uom, len, "L");
	return 0;
}

static int
mem_stock(void *store, const struct db_rep_filter *f,
    int (*fn)(const struct db_rep_stock *, void *), void *arg,
    struct wms_err *err)
{
	struct mem		*m = store;
	struct db_rep_stock	 s = { .depot = "HMS", .location = "HMS/A/01",
	    .category = "oils", .item = "L-5", .name_ar = "زيت",
	    .name_en = "Lube oil", .qty = 58000, .uom = "L",
	    /* 2.50 a litre: 250 minor units x 1000. */
	    .avg_milli = 250000 };

	(void)err;
	m->stock_calls++;
	m->depot = f->depot;
	m->category = f->category;
	if (fn(&s, arg) != 0)
		return 0;
	s.location = "HMS/A/02";
	s.qty = 4000;
	fn(&s, arg);
	return 0;
}

static int
mem_card_opening(void *store, const struct db_rep_filter *f, int64_t *qty,
    struct wms_err *err)
{
	(void)store;
	(void)err;
	*qty = f->from != NULL ? 10000 : 0;
	return 0;
}

static int
mem_card(void *store, const struct db_rep_filter *f,
    int (*fn)(const struct db_rep_card *, void *), void *arg,
    struct wms_err *err)
{
	struct db_rep_card c = { .at = "2026-11-02T08:00:00.000Z",
	    .document = "HMS-GRN-2026-000001", .type = "GRN",
	    .counterparty = "ACME", .location = "HMS/A/01", .qty = 100000,
	    .in = 1 };

	(void)store;
	(void)err;
	assert_int_equal(f->item, 5);
	fn(&c, arg);
	c.document = "HMS-ISS-2026-000001";
	c.type = "ISS";
	c.counterparty = "CC-MAINT";
	c.qty = 30000;
	c.in = 0;
	c.out = 1;
	fn(&c, arg);
	return 0;
}

static const struct report_source mem_source = {
	.lacks = mem_lacks,
	.name_id = mem_name_id,
	.item = mem_item,
	.stock_each = mem_stock,
	.card_opening = mem_card_opening,
	.card_each = mem_card,
};

static struct report_env
env_of(struct mem *m, int values)
{
	struct report_env e;

	memset(&e, 0, sizeof e);
	e.src = &mem_source;
	e.store = m;
	e.now = 1796284800;	/* 2026-12-03 */
	e.values = values;
	e.minor = 2;
	return e;
}

static void
stock__rows_value_and_totals__from_the_store(void **state)
{
	struct mem		 m = { 0 };
	struct report_env	 e = env_of(&m, 1);
	struct report_filters	 f = { .depot = "HMS", .category = "oils" };
	struct report		*r;
	struct wms_err		 err;
	char			*csv;

	(void)state;
	assert_int_equal(report_run_env(&e, report_def_find("stock"), &f, &r,
	    &err), 0);
	/* The store saw its own id for the depot, and the category's text. */
	assert_int_equal(m.depot, 7);
	assert_string_equal(m.category, "oils");
	csv = report_render(r, REPORT_CSV);
	assert_string_equal(csv,
	    "depot,location,category,item,name_ar,name_en,lot,qty,uom,value\n"
	    "HMS,HMS/A/01,oils,L-5,زيت,Lube oil,,58,L,145.00\n"
	    "HMS,HMS/A/02,oils,L-5,زيت,Lube oil,,4,L,10.00\n"
	    "Total,,,,,,,62,L,155.00\n");
	free(csv);
	report_free(r);
}

static void
stock__no_values__money_hidden(void **state)
{
	struct mem		 m = { 0 };
	struct report_env	 e = env_of(&m, 0);
	struct report		*r;
	struct wms_err		 err;
	char			*csv;

	(void)state;
	assert_int_equal(report_run_env(&e, report_def_find("stock"), NULL,
	    &r, &err), 0);
	csv = report_render(r, REPORT_CSV);
	assert_non_null(strstr(csv, "HMS,HMS/A/01,oils,L-5,زيت,Lube oil,,58,L,"
	    "\n"));
	assert_null(strstr(csv, "145.00"));
	free(csv);
	report_free(r);
}

static void
unknown_depot__one_line__store_not_asked(void **state)
{
	struct mem		 m = { 0 };
	struct report_env	 e = env_of(&m, 1);
	struct report_filters	 f = { .depot = "NOPE" };
	struct report		*r;
	struct wms_err		 err;

	(void)state;
	assert_int_equal(report_run_env(&e, report_def_find("stock"), &f, &r,
	    &err), WMS_ERR_USAGE);
	assert_null(r);
	assert_non_null(strstr(err.msg, "NOPE"));
	assert_null(strchr(err.msg, '\n'));
	assert_int_equal(m.stock_calls, 0);
}

static void
card__item_and_period__opening_running_closing(void **state)
{
	struct mem		 m = { 0 };
	struct report_env	 e = env_of(&m, 1);
	struct report_filters	 f = { .item = "L-5", .from = "2026-11-01" };
	struct report		*r;
	struct wms_err		 err;
	char			 buf[64];

	(void)state;
	assert_int_equal(report_run_env(&e, report_def_find("card"), &f, &r,
	    &err), 0);
	/* Opening 10, in 100, out 30: 80, in the item's unit. */
	assert_int_equal(report_nrows(r), 4);
	assert_string_equal(report_cell_text(r, 0, 8, buf, sizeof buf), "10");
	assert_string_equal(report_cell_text(r, 2, 8, buf, sizeof buf), "80");
	assert_string_equal(report_cell_text(r, 3, 8, buf, sizeof buf), "80");
	assert_string_equal(report_cell_text(r, 3, 9, buf, sizeof buf), "L");
	report_free(r);
	f.item = "NOPE";
	assert_int_equal(report_run_env(&e, report_def_find("card"), &f, &r,
	    &err), WMS_ERR_USAGE);
	assert_string_equal(err.msg, "no item NOPE");
}

static void
lacks__refused_with_the_stores_line(void **state)
{
	struct mem		 m = { .lacks_card = 1 };
	struct report_env	 e = env_of(&m, 1);
	struct report_filters	 f = { .item = "L-5" };
	struct report		*r;
	struct wms_err		 err;

	(void)state;
	assert_int_equal(report_run_env(&e, report_def_find("card"), &f, &r,
	    &err), WMS_ERR_USAGE);
	assert_null(r);
	assert_string_equal(err.msg, "no cards in memory");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(stock__rows_value_and_totals__from_the_store),
		cmocka_unit_test(stock__no_values__money_hidden),
		cmocka_unit_test(unknown_depot__one_line__store_not_asked),
		cmocka_unit_test(card__item_and_period__opening_running_closing),
		cmocka_unit_test(lacks__refused_with_the_stores_line),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
