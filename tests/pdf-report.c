/*
 * A test driver for printed reports, until `makhzan report --format pdf`
 * calls report_pdf_write itself: it makes the stock report or an item's
 * stock card from a depot database and writes it as a PDF, with a chart
 * and totals carried over pages.  Not part of makhzan.
 *
 *	pdf-report --db DB --user NAME --out FILE.pdf
 *	    (stock [--depot D] | card ITEM) [--chart bars|line|curve|none]
 *
 * The language is $LANGUAGE's ("ar" lays the page out right to left), the
 * catalogues $LOCALEDIR_BUILD's (build/locale).  Exit 0, or 1 with one
 * line on stderr.
 */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/wms.h"
#include "lib/i18n.h"
#include "lib/time.h"
#include "reports/pdf.h"
#include "reports/report.h"

static int
usage(void)
{
	fprintf(stderr, "usage: pdf-report --db DB --user NAME --out FILE.pdf "
	    "(stock [--depot D] | card ITEM) [--chart bars|line|curve|none]\n");
	return 2;
}

int
main(int argc, char **argv)
{
	const char		*db = NULL, *user = NULL, *out = NULL;
	const char		*what = NULL, *item = NULL, *depot = NULL;
	const char		*chart = "default", *filters[4];
	struct report_chart	 ch;
	struct report_pdf_meta	 m;
	struct wms_err		 err;
	struct report		*r = NULL;
	struct wms		*w;
	char			 now[32], nowl[64], f0[128];
	int			 i, rc, nf = 0;
	/* stock: qty is column 4; card: in 5, out 6. */
	static const int	 stock_totals[] = { 4, -1 };
	static const int	 card_totals[] = { 5, 6, -1 };

	setlocale(LC_ALL, "C.UTF-8");
	bindtextdomain("makhzan", getenv("LOCALEDIR_BUILD") != NULL ?
	    getenv("LOCALEDIR_BUILD") : "build/locale");
	bind_textdomain_codeset("makhzan", "UTF-8");
	textdomain("makhzan");
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--db") == 0 && i + 1 < argc)
			db = argv[++i];
		else if (strcmp(argv[i], "--user") == 0 && i + 1 < argc)
			user = argv[++i];
		else if (strcmp(argv[i], "--out") == 0 && i + 1 < argc)
			out = argv[++i];
		else if (strcmp(argv[i], "--depot") == 0 && i + 1 < argc)
			depot = argv[++i];
		else if (strcmp(argv[i], "--chart") == 0 && i + 1 < argc)
			chart = argv[++i];
		else if (what == NULL)
			what = argv[i];
		else if (item == NULL)
			item = argv[i];
		else
			return usage();
	}
	if (db == NULL || user == NULL || out == NULL || what == NULL ||
	    (strcmp(what, "card") == 0) != (item != NULL) ||
	    (strcmp(what, "card") != 0 && strcmp(what, "stock") != 0))
		return usage();
	if ((w = wms_open(db, &err)) == NULL ||
	    wms_login_trusted(w, user, &err) != 0) {
		fprintf(stderr, "pdf-report: %s\n", err.msg);
		return 1;
	}
	memset(&m, 0, sizeof m);
	memset(&ch, 0, sizeof ch);
	if (strcmp(what, "stock") == 0) {
		rc = report_stock(w, depot, NULL, NULL, &r, &err);
		m.title = _("Stock on hand");
		m.total_cols = stock_totals;
		/* Quantity (4) by item (2). */
		ch.kind = REPORT_CHART_BARS;
		ch.label_col = 2;
		ch.value_col = 4;
		ch.title = _("Quantity");
		if (depot != NULL) {
			snprintf(f0, sizeof f0, "%s: %s", _("Depot"), depot);
			filters[nf++] = f0;
		}
	} else {
		rc = report_ledger(w, item, depot, &r, &err);
		m.title = _("Stock card");
		m.total_cols = card_totals;
		/* Balance (7) over time (0). */
		ch.kind = REPORT_CHART_LINE;
		ch.label_col = 0;
		ch.value_col = 7;
		ch.title = _("Balance");
		snprintf(f0, sizeof f0, "%s: %s", _("Item"), item);
		filters[nf++] = f0;
	}
	filters[nf] = NULL;
	if (strcmp(chart, "bars") == 0)
		ch.kind = REPORT_CHART_BARS;
	else if (strcmp(chart, "line") == 0)
		ch.kind = REPORT_CHART_LINE;
	else if (strcmp(chart, "curve") == 0)
		ch.kind = REPORT_CHART_CURVE;
	else if (strcmp(chart, "none") == 0)
		ch.kind = REPORT_CHART_NONE;
	if (rc == 0) {
		wms_now_iso(w, now);
		wms_time_local(now, nowl, sizeof nowl);
		m.depot = depot;
		m.filters = filters;
		m.user = wms_user_name(w);
		m.printed_at = nowl;
		m.chart = &ch;
		m.rtl = report_pdf_rtl();
		rc = report_pdf_write(r, &m, out, &err);
	}
	report_free(r);
	wms_close(w);
	if (rc != 0) {
		fprintf(stderr, "pdf-report: %s\n", err.msg);
		return 1;
	}
	return 0;
}
