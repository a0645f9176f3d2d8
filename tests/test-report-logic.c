/*
 * Unit tests for the pure logic of the managers' reports (reports/
 * report-run.c): the reorder suggestion and its rounding to purchase
 * units, the ABC classes, the value of a quantity at an average cost, the
 * catalogue of definitions, the totals row of a report, and the CSV
 * writer's own number formats and quoting (reports/render.c), held to
 * wms_qty_fmt, wms_money_fmt and wms_csv_quote.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/qty.h"
#include "lib/buf.h"
#include "lib/csv.h"
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

/* Amounts at the edges of each format: signs, trailing zeros, 64 bits. */
static const int64_t csv_values[] = {
	0, 1, -1, 9, 10, 99, 100, 999, 1000, -1000, 1001, 1010, 1100, 1500,
	-1500, 12345, -12345, 100000, 123456789, -987654321, 1000000000000,
	INT64_MAX, INT64_MIN, INT64_MAX - 999, INT64_MIN + 1, 4903900000,
};
#define NVALUES (sizeof csv_values / sizeof csv_values[0])

static void
csv__numbers__as_qty_fmt_and_money_fmt(void **state)
{
	static const struct report_col cols[] = {
		{ .key = "qty", .title = "Qty", .type = REPORT_QTY },
		{ .key = "value", .title = "Value", .type = REPORT_MONEY },
	};
	static const int minors[] = { 0, 1, 2, 3, 6 };
	struct wms_buf	 want = { 0 };
	struct report	*r;
	char		*csv, q[64], m[64];
	size_t		 i, k;

	(void)state;
	for (k = 0; k < sizeof minors / sizeof minors[0]; k++) {
		r = report_new(cols, 2);
		report_set_minor(r, minors[k]);
		wms_buf_reset(&want);
		wms_buf_adds(&want, "qty,value\n");
		for (i = 0; i < NVALUES; i++) {
			report_row(r);
			report_num(r, 0, csv_values[i]);
			report_num(r, 1, csv_values[NVALUES - 1 - i]);
			wms_buf_addf(&want, "%s,%s\n",
			    wms_qty_fmt(csv_values[i], q, sizeof q),
			    wms_money_fmt(csv_values[NVALUES - 1 - i],
			    minors[k], m, sizeof m));
		}
		csv = report_render(r, REPORT_CSV);
		assert_string_equal(csv, want.data);
		free(csv);
		report_free(r);
	}
	wms_buf_free(&want);
}

static void
csv__text__quoted_as_wms_csv_quote(void **state)
{
	static const struct report_col cols[] = {
		{ .key = "a", .title = "A", .type = REPORT_STR },
		{ .key = "b", .title = "B", .type = REPORT_STR },
		{ .key = "c", .title = "C", .type = REPORT_QTY },
	};
	static const char *const texts[] = { "plain", "", "a,b", "say \"hi\"",
	    " lead", "trail ", "\ttab", "tab\t", "two\nlines", "cr\r",
	    "مستودع, الأول", "in side", NULL };
	struct wms_buf	 want = { 0 }, big = { 0 };
	struct report	*r = report_new(cols, 3);
	char		*csv, *quoted, *bigq;
	size_t		 i;

	(void)state;
	wms_buf_adds(&want, "a,b,c\n");
	for (i = 0; texts[i] != NULL; i++) {
		report_row(r);
		report_str(r, 0, texts[i]);
		/* b and c left empty: two commas. */
		quoted = wms_csv_quote(texts[i]);
		wms_buf_addf(&want, "%s,,\n", quoted);
		free(quoted);
	}
	/* A field longer than the writer's line, between two others. */
	for (i = 0; i < 1000; i++)
		wms_buf_adds(&big, "word, \"");
	report_row(r);
	report_str(r, 0, "x");
	report_str(r, 1, big.data);
	report_num(r, 2, 2500);
	bigq = wms_csv_quote(big.data);
	wms_buf_addf(&want, "x,%s,2.5\n", bigq);
	csv = report_render(r, REPORT_CSV);
	assert_string_equal(csv, want.data);
	free(csv);
	free(bigq);
	report_free(r);
	wms_buf_free(&want);
	wms_buf_free(&big);
}

/* A report past the writer's chunk of rows: every row where it was put. */
static void
rows__many__each_kept(void **state)
{
	static const struct report_col cols[] = {
		{ .key = "n", .title = "N", .type = REPORT_INT },
		{ .key = "s", .title = "S", .type = REPORT_STR },
	};
	struct report	*r = report_new(cols, 2);
	char		 buf[32], got[32];
	size_t		 i;
	int64_t		 v;

	(void)state;
	for (i = 0; i < 5000; i++) {
		report_row(r);
		report_num(r, 0, (int64_t)i * 7);
		if (i % 3 != 0) {
			snprintf(buf, sizeof buf, "row %zu", i);
			report_str(r, 1, buf);
		}
	}
	assert_int_equal(report_nrows(r), 5000);
	for (i = 0; i < 5000; i++) {
		assert_int_equal(report_cell_num(r, i, 0, &v), 1);
		assert_int_equal(v, (int64_t)i * 7);
		/* Text is never read as a number. */
		assert_int_equal(report_cell_num(r, i, 1, &v), 0);
		snprintf(buf, sizeof buf, i % 3 != 0 ? "row %zu" : "", i);
		assert_string_equal(report_cell_text(r, i, 1, got,
		    sizeof got), buf);
	}
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
		cmocka_unit_test(csv__numbers__as_qty_fmt_and_money_fmt),
		cmocka_unit_test(csv__text__quoted_as_wms_csv_quote),
		cmocka_unit_test(rows__many__each_kept),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
