/*
 * Unit tests for the pure logic of the managers' reports (reports/
 * report-run.c): the reorder suggestion and its rounding to purchase
 * units, the ABC classes, the value of a quantity at an average cost, the
 * catalogue of definitions, and the totals row of a report.
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

static void
reorder_qty__no_purchase_unit__max_less_stock_and_transit(void **state)
{
	(void)state;
	/* 50 - 12 - 2 = 36 units, in thousandths. */
	assert_int_equal(report_reorder_qty(50000, 12000, 2000, 0), 36000);
}

static void
reorder_qty__purchase_unit__rounded_up_to_whole_units(void **state)
{
	(void)state;
	/* 36 in boxes of 8: 5 boxes, 40. */
	assert_int_equal(report_reorder_qty(50000, 12000, 2000, 8000), 40000);
	/* Exactly 4 boxes stays 32. */
	assert_int_equal(report_reorder_qty(40000, 8000, 0, 8000), 32000);
	/* 0.001 over a drum of 208 L is a whole drum more. */
	assert_int_equal(report_reorder_qty(208001, 0, 0, 208000), 416000);
}

static void
reorder_qty__enough_in_transit__nothing(void **state)
{
	(void)state;
	assert_int_equal(report_reorder_qty(50000, 10000, 40000, 8000), 0);
	assert_int_equal(report_reorder_qty(50000, 10000, 45000, 0), 0);
}

static void
abc_classes__80_15_5__boundaries(void **state)
{
	/* 100 in all: 50, 30 | 10, 5 | 3, 2. */
	const int64_t	v[] = { 50, 30, 10, 5, 3, 2 };
	char		c[7] = { 0 };

	(void)state;
	report_abc_classes(v, 6, 80, 15, c);
	/* 50 starts at 0%, 30 at 50%: A; 10 starts at 80%: B; 5 at 90%: B;
	 * 3 at 95%: C; 2: C. */
	assert_string_equal(c, "AABBCC");
}

static void
abc_classes__one_item__is_a(void **state)
{
	const int64_t	v[] = { 7 };
	char		c[2] = { 0 };

	(void)state;
	report_abc_classes(v, 1, 80, 15, c);
	assert_string_equal(c, "A");
}

static void
abc_classes__zero_and_negative__c(void **state)
{
	const int64_t	v[] = { 10, 0, -5 };
	char		c[4] = { 0 };

	(void)state;
	report_abc_classes(v, 3, 80, 15, c);
	assert_string_equal(c, "ACC");
}

static void
abc_classes__large_values__no_overflow(void **state)
{
	const int64_t	v[] = { INT64_MAX / 2, INT64_MAX / 4, INT64_MAX / 8 };
	char		c[4] = { 0 };

	(void)state;
	report_abc_classes(v, 3, 80, 15, c);
	/* 4/7, 2/7, 1/7: A (0%), A (57%), B (86%). */
	assert_string_equal(c, "AAB");
}

static void
value_of__thousandths_at_average(void **state)
{
	(void)state;
	/* 310 L at 2.00 a litre (200 minor units, x1000 = 200000). */
	assert_int_equal(report_value_of(310000, 200000), 62000);
	/* -1 EA at 10.00. */
	assert_int_equal(report_value_of(-1000, 1000000), -1000);
	assert_int_equal(report_value_of(0, 1000000), 0);
}

static void
catalogue__every_report_findable_and_sound(void **state)
{
	const struct report_def	*d;
	int			 i, k, n = 0;

	(void)state;
	for (i = 0; (d = report_defs[i]) != NULL; i++, n++) {
		assert_ptr_equal(report_def_find(d->name), d);
		assert_non_null(d->fill);
		assert_true(d->ncols > 0);
		assert_true((d->required & ~d->filters) == 0);
		for (k = 0; d->totals != NULL && d->totals[k] >= 0; k++)
			assert_true(d->totals[k] < d->ncols);
		if (d->chart.kind != REPORT_CHART_NONE) {
			assert_true(d->chart.label_col < d->ncols);
			assert_true(d->chart.value_col < d->ncols);
			assert_int_not_equal(d->cols[d->chart.value_col].type,
			    REPORT_STR);
		}
	}
	assert_int_equal(n, 10);
	assert_null(report_def_find("nosuch"));
	assert_null(report_def_find(NULL));
}

static void
totals__sums_and_label__csv(void **state)
{
	static const struct report_col cols[] = {
		{ .key = "item", .title = "Item", .type = REPORT_STR },
		{ .key = "qty", .title = "Qty", .type = REPORT_QTY },
		{ .key = "value", .title = "Value", .type = REPORT_MONEY },
	};
	static const int sums[] = { 1, 2, -1 };
	struct report	*r = report_new(cols, 3);
	char		*csv;

	(void)state;
	report_row(r);
	report_str(r, 0, "A, \"one\"");
	report_num(r, 1, 1500);
	report_num(r, 2, 1234);
	report_row(r);
	report_str(r, 0, "B");
	report_num(r, 1, 2500);
	report_add_total(r, 0, "Total", sums);
	assert_true(report_is_total(r, 2));
	assert_false(report_is_total(r, 1));
	csv = report_render(r, REPORT_CSV);
	assert_string_equal(csv, "item,qty,value\n"
	    "\"A, \"\"one\"\"\",1.5,12.34\nB,2.5,\nTotal,4,12.34\n");
	free(csv);
	csv = report_render_json_rows(r, 1);
	assert_non_null(strstr(csv, "\"qty\": 4"));
	free(csv);
	report_clear_col(r, 2);
	csv = report_render(r, REPORT_CSV);
	assert_string_equal(csv, "item,qty,value\n"
	    "\"A, \"\"one\"\"\",1.5,\nB,2.5,\nTotal,4,\n");
	free(csv);
	report_free(r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
		    reorder_qty__no_purchase_unit__max_less_stock_and_transit),
		cmocka_unit_test(
		    reorder_qty__purchase_unit__rounded_up_to_whole_units),
		cmocka_unit_test(reorder_qty__enough_in_transit__nothing),
		cmocka_unit_test(abc_classes__80_15_5__boundaries),
		cmocka_unit_test(abc_classes__one_item__is_a),
		cmocka_unit_test(abc_classes__zero_and_negative__c),
		cmocka_unit_test(abc_classes__large_values__no_overflow),
		cmocka_unit_test(value_of__thousandths_at_average),
		cmocka_unit_test(catalogue__every_report_findable_and_sound),
		cmocka_unit_test(totals__sums_and_label__csv),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
