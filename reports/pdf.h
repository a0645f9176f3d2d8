/*
 * Reports on paper: A4 PDF through cairo and pango, right to left in
 * Arabic and left to right in English, from the same struct report that
 * the table, CSV and JSON renderers read.  Vouchers (a posted document
 * with signature lines) are printed here as well.
 */
#ifndef REPORT_PDF_H
#define REPORT_PDF_H

#include <stddef.h>

#include "lib/err.h"
#include "reports/report.h"

struct wms;

enum report_chart_kind {
	REPORT_CHART_NONE,
	REPORT_CHART_BARS,	/* value column per label column (by category) */
	REPORT_CHART_LINE,	/* value column over the label column (a date) */
	REPORT_CHART_CURVE,	/* cumulative share of value column (ABC) */
};

struct report_chart {
	enum report_chart_kind	 kind;
	int			 label_col;	/* the column that names a bar */
	int			 value_col;	/* a REPORT_QTY/INT/MONEY column */
	const char		*title;		/* translated */
};

/* What a printed report says besides its rows. */
struct report_pdf_meta {
	const char		*title;		/* translated report title */
	const char		*ministry;	/* header line; NULL: the default */
	const char		*depot;		/* "HMS — Homs depot"; may be NULL */
	const char * const	*filters;	/* "Depot: HMS", …; NULL-ended */
	const char		*user;		/* who printed it */
	const char		*printed_at;	/* local time, to the minute */
	const int		*total_cols;	/* columns summed and carried over
						   pages; -1-ended; may be NULL */
	const struct report_chart *chart;	/* may be NULL */
	int			 rtl;		/* Arabic: right to left */
	const char * const	*signatures;	/* titles of the signature
						   lines under the total
						   (vouchers); NULL-ended;
						   may be NULL */
};

/*
 * 1 when the language of the messages in effect reads right to left (the
 * Arabic catalogue says so), for meta->rtl: the layout follows the words.
 */
int	report_pdf_rtl(void);

/*
 * Write r as an A4 PDF to path (a temporary name renamed at the end, so
 * that a failure leaves nothing): header on every page, the header row
 * repeated, page numbers "n / m", totals carried over pages, the chart
 * (if any) on the first page.
 */
int	report_pdf_write(const struct report *r,
	    const struct report_pdf_meta *meta, const char *path,
	    struct wms_err *err);

/*
 * The voucher of a posted document (GRN, ISS, TRF, ADJ, CNT, …): its
 * header, lines, totals and signature lines, as an A4 PDF at path.
 */
int	report_voucher_pdf(struct wms *w, const char *number, const char *path,
	    struct wms_err *err);

#endif
