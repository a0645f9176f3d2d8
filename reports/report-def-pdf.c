/*
 * A report of the catalogue on paper: the meta of reports/pdf.h built from
 * its definition and the filters given, for `makhzan report --format pdf`
 * and the terminal UI's reports screen alike.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/wms.h"
#include "lib/i18n.h"
#include "lib/time.h"
#include "lib/xmalloc.h"
#include "reports/catalog.h"
#include "reports/pdf.h"

/*
 * The report as an A4 PDF: its rows without the totals row (the PDF sums
 * the definition's total columns itself, carried over pages), its chart,
 * the filters given, who printed it and when.
 */
int
report_def_pdf(struct wms *w, const struct report_def *d,
    const struct report_filters *f, const struct report *r, const char *path,
    struct wms_err *err)
{
	struct report_pdf_meta	 meta;
	struct report_chart	 chart;
	struct report		*rows;
	const char		*filt[16];
	char			 lines[12][160], printed[40], cell[64], iso[32];
	size_t			*pick, i, n = 0, total = (size_t)-1;
	int			 nf = 0, rc, sums[32], ns = 0, k;
	const struct {
		const char	*title;
		const char	*value;
	} given[] = {
		{ N_("Depot"), f->depot }, { N_("Location"), f->location },
		{ N_("Category"), f->category }, { N_("Item"), f->item },
		{ N_("From"), f->from }, { N_("To"), f->to },
		{ N_("User"), f->user }, { N_("Cost centre"), f->cost_centre },
		{ N_("At"), f->at }, { N_("Count"), f->count },
		{ N_("Type"), f->type }, { N_("Site"), f->site },
	};

	for (i = 0; i < sizeof given / sizeof given[0]; i++) {
		if (given[i].value == NULL || *given[i].value == '\0')
			continue;
		snprintf(lines[nf], sizeof lines[nf], "%s: %s",
		    _(given[i].title), given[i].value);
		filt[nf] = lines[nf];
		nf++;
	}
	filt[nf] = NULL;
	pick = xcalloc(report_nrows(r) + 1, sizeof *pick);
	for (i = 0; i < report_nrows(r); i++)
		if (!report_is_total(r, i))
			pick[n++] = i;
		else
			total = i;
	/*
	 * Carried over pages: the columns the totals row sums (a quantity
	 * only where every row is in one unit: there the row has a figure).
	 */
	for (k = 0; d->totals != NULL && d->totals[k] >= 0 && ns < 31; k++)
		if (total != (size_t)-1 && *report_cell_text(r, total,
		    d->totals[k], cell, sizeof cell) != '\0')
			sums[ns++] = d->totals[k];
	sums[ns] = -1;
	rows = report_pick(r, pick, n);
	free(pick);
	/* At the centre there is no depot session: now, and no user. */
	if (w != NULL)
		wms_now_iso(w, iso);
	else
		wms_time_iso(time(NULL), 0, iso);
	wms_time_local(iso, printed, sizeof printed);
	memset(&meta, 0, sizeof meta);
	meta.title = _(d->title);
	meta.depot = f->depot != NULL && *f->depot != '\0' ? f->depot : NULL;
	meta.filters = filt;
	meta.user = w != NULL ? wms_user_name(w) : NULL;
	meta.printed_at = printed;
	meta.total_cols = sums;
	meta.rtl = report_pdf_rtl();
	if (d->chart.kind != REPORT_CHART_NONE) {
		chart = d->chart;
		chart.title = chart.title != NULL ? _(chart.title) : NULL;
		meta.chart = &chart;
	}
	rc = report_pdf_write(rows, &meta, path, err);
	report_free(rows);
	return rc;
}
