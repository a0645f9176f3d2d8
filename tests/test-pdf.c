/* Unit tests for reports/pdf.c and chart.c: pages, totals, failures. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "lib/datafile.h"
#include "reports/pdf.h"
#include "reports/report.h"

static const struct report_col cols[] = {
	{ .key = "document", .title = "Document", .type = REPORT_STR },
	{ .key = "name", .title = "Name", .type = REPORT_STR },
	{ .key = "qty", .title = "Quantity", .type = REPORT_QTY },
	{ .key = "value", .title = "Value", .type = REPORT_MONEY },
};

static const int totals[] = { 2, 3, -1 };

/* A scratch folder per test, removed with what is in it. */
struct scratch {
	char	dir[64];
	char	path[128];
};

static int
setup(void **state)
{
	struct scratch *s = calloc(1, sizeof *s);

	snprintf(s->dir, sizeof s->dir, "/tmp/test-pdf.XXXXXX");
	assert_non_null(mkdtemp(s->dir));
	snprintf(s->path, sizeof s->path, "%s/r.pdf", s->dir);
	*state = s;
	return 0;
}

static int
teardown(void **state)
{
	struct scratch	*s = *state;
	struct dirent	*e;
	DIR		*d;
	char		 p[400];

	if ((d = opendir(s->dir)) != NULL) {
		while ((e = readdir(d)) != NULL) {
			if (e->d_name[0] == '.')
				continue;
			snprintf(p, sizeof p, "%s/%s", s->dir, e->d_name);
			unlink(p);
		}
		closedir(d);
	}
	rmdir(s->dir);
	free(s);
	return 0;
}

/* Files in the folder (the PDF and anything left behind). */
static int
nfiles(const char *dir)
{
	struct dirent	*e;
	DIR		*d;
	int		 n = 0;

	assert_non_null(d = opendir(dir));
	while ((e = readdir(d)) != NULL)
		n += e->d_name[0] != '.';
	closedir(d);
	return n;
}

/* Pages of a PDF as cairo writes them: one "/Type /Page" object each. */
static int
npages(const char *path)
{
	char	*data, *p;
	size_t	 len;
	int	 n = 0;

	assert_non_null(data = wms_datafile_read(path, 64u << 20, &len));
	assert_memory_equal(data, "%PDF", 4);
	for (p = data; (p = memmem(p, len - (size_t)(p - data),
	    "/Type /Page", 11)) != NULL; p += 11)
		if (p[11] != 's')
			n++;
	free(data);
	return n;
}

static struct report *
make(size_t rows)
{
	struct report	*r = report_new(cols, 4);
	char		 doc[48];
	size_t		 i;

	report_set_minor(r, 2);
	for (i = 0; i < rows; i++) {
		report_row(r);
		snprintf(doc, sizeof doc, "HMS-GRN-2026-%06zu", i + 1);
		report_str(r, 0, doc);
		report_str(r, 1, i % 2 ? "صمام بوابة أربعة إنش" :
		    "Gate valve 4 inch, flanged, class 300");
		report_num(r, 2, (int64_t)(i % 7 + 1) * 1000);
		if (i % 5 != 0)		/* some values are null */
			report_num(r, 3, (int64_t)i * 125);
	}
	return r;
}

static void
meta_init(struct report_pdf_meta *m, const struct report_chart *ch, int rtl)
{
	static const char *const filters[] = { "Depot: HMS", NULL };

	memset(m, 0, sizeof *m);
	m->title = "Test";
	m->depot = "HMS — Homs";
	m->filters = filters;
	m->user = "admin";
	m->printed_at = "2026-12-03 09:30";
	m->total_cols = totals;
	m->chart = ch;
	m->rtl = rtl;
}

static void
cell_num__null_text_and_numbers(void **state)
{
	struct report	*r = make(6);
	int64_t		 v = -1;

	(void)state;
	assert_int_equal(report_cell_num(r, 0, 3, &v), 0);	/* null */
	assert_int_equal(v, -1);
	assert_int_equal(report_cell_num(r, 1, 3, &v), 1);
	assert_int_equal(v, 125);
	assert_int_equal(report_cell_num(r, 1, 0, &v), 0);	/* text */
	assert_int_equal(report_cell_num(r, 99, 2, &v), 0);	/* no row */
	assert_string_equal(report_key(r, 2), "qty");
	report_free(r);
}

static void
empty__one_page_nothing_left_behind(void **state)
{
	struct scratch		*s = *state;
	struct report_pdf_meta	 m;
	struct wms_err		 err;
	struct report		*r = make(0);

	meta_init(&m, NULL, 0);
	assert_int_equal(report_pdf_write(r, &m, s->path, &err), 0);
	assert_int_equal(npages(s->path), 1);
	assert_int_equal(nfiles(s->dir), 1);
	report_free(r);
}

static void
many_rows__several_pages__same_in_both_directions(void **state)
{
	struct scratch		*s = *state;
	struct report_pdf_meta	 m;
	struct report_chart	 ch = { REPORT_CHART_BARS, 1, 3, "Value" };
	struct wms_err		 err;
	struct report		*r = make(500);
	int			 ltr, rtl;

	meta_init(&m, &ch, 0);
	assert_int_equal(report_pdf_write(r, &m, s->path, &err), 0);
	ltr = npages(s->path);
	/* About 40 rows a page: 500 rows need at least 10. */
	assert_true(ltr >= 10 && ltr <= 20);
	m.rtl = 1;
	assert_int_equal(report_pdf_write(r, &m, s->path, &err), 0);
	rtl = npages(s->path);
	assert_true(rtl >= 10 && rtl <= 20);
	/* One file: the temporary one was renamed over the first. */
	assert_int_equal(nfiles(s->dir), 1);
	report_free(r);
}

static void
signatures__rows_make_room_on_a_new_page(void **state)
{
	struct scratch		*s = *state;
	static const char *const signs[] = { "Storekeeper", "Supervisor",
	    NULL };
	struct report_pdf_meta	 m;
	struct wms_err		 err;
	struct report		*r;
	size_t			 n;
	int			 plain, signed_pages, grew = 0;

	/* Some row count fills the page so that the signatures need one. */
	for (n = 30; n < 60; n++) {
		r = make(n);
		meta_init(&m, NULL, 0);
		assert_int_equal(report_pdf_write(r, &m, s->path, &err), 0);
		plain = npages(s->path);
		m.signatures = signs;
		assert_int_equal(report_pdf_write(r, &m, s->path, &err), 0);
		signed_pages = npages(s->path);
		assert_true(signed_pages == plain ||
		    signed_pages == plain + 1);
		grew += signed_pages > plain;
		report_free(r);
	}
	assert_true(grew > 0);
}

static void
charts__every_kind_and_bad_columns(void **state)
{
	struct scratch		*s = *state;
	struct report_pdf_meta	 m;
	struct report_chart	 ch;
	struct wms_err		 err;
	struct report		*r = make(40);
	int			 k;

	for (k = REPORT_CHART_NONE; k <= REPORT_CHART_CURVE; k++) {
		ch = (struct report_chart){ (enum report_chart_kind)k, 0, 2,
		    "chart" };
		meta_init(&m, &ch, k % 2);
		assert_int_equal(report_pdf_write(r, &m, s->path, &err), 0);
		assert_true(npages(s->path) >= 1);
	}
	/* Columns that are not there: no chart, no crash. */
	ch = (struct report_chart){ REPORT_CHART_BARS, 9, -3, NULL };
	meta_init(&m, &ch, 0);
	assert_int_equal(report_pdf_write(r, &m, s->path, &err), 0);
	report_free(r);
}

static void
unwritable__one_error_no_file(void **state)
{
	struct scratch		*s = *state;
	struct report_pdf_meta	 m;
	struct wms_err		 err;
	struct report		*r = make(3);
	char			 p[200];

	meta_init(&m, NULL, 0);
	snprintf(p, sizeof p, "%s/no/such/r.pdf", s->dir);
	assert_int_equal(report_pdf_write(r, &m, p, &err), WMS_ERR_IO);
	assert_non_null(strstr(err.msg, "cannot write"));
	assert_non_null(strstr(err.msg, p));
	assert_null(strchr(err.msg, '\n'));
	assert_int_equal(nfiles(s->dir), 0);
	/* A folder in the way of the rename: the temporary file goes. */
	snprintf(p, sizeof p, "%s/d.pdf", s->dir);
	assert_int_equal(mkdir(p, 0700), 0);
	assert_int_equal(report_pdf_write(r, &m, p, &err), WMS_ERR_IO);
	assert_int_equal(nfiles(s->dir), 1);	/* the folder alone */
	rmdir(p);
	report_free(r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(cell_num__null_text_and_numbers),
		cmocka_unit_test_setup_teardown(
		    empty__one_page_nothing_left_behind, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    many_rows__several_pages__same_in_both_directions, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    signatures__rows_make_room_on_a_new_page, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    charts__every_kind_and_bad_columns, setup, teardown),
		cmocka_unit_test_setup_teardown(unwritable__one_error_no_file,
		    setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
