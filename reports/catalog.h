/*
 * The managers' reports, each defined once: its name, title, columns,
 * permission, the filters it takes, its totals and the chart that suits
 * it.  The command line (makhzan report NAME), the PDF renderer and the
 * terminal UI's reports screen all read these definitions; the rows come
 * from data/db-report-mgr.h, a typed struct per row.
 */
#ifndef REPORT_CATALOG_H
#define REPORT_CATALOG_H

#include <stdint.h>

#include "core/wms.h"
#include "lib/err.h"
#include "reports/pdf.h"
#include "reports/report.h"

/* The filters, as bits of report_def.filters. */
enum report_filter {
	RF_DEPOT	= 1 << 0,	/* --depot CODE */
	RF_LOCATION	= 1 << 1,	/* --location PREFIX */
	RF_CATEGORY	= 1 << 2,	/* --category NAME */
	RF_ITEM		= 1 << 3,	/* --item CODE */
	RF_FROM		= 1 << 4,	/* --from DATE (local) */
	RF_TO		= 1 << 5,	/* --to DATE (local, inclusive) */
	RF_USER		= 1 << 6,	/* --user NAME */
	RF_CC		= 1 << 7,	/* --cost-centre CODE */
	RF_DAYS		= 1 << 8,	/* --days N */
	RF_AT		= 1 << 9,	/* --at DATE */
	RF_COUNT	= 1 << 10,	/* --count NUMBER */
	RF_TYPE		= 1 << 11,	/* --type GRN|ISS|... */
	RF_LIMIT	= 1 << 12,	/* --limit N */
};

/* The filters as given (NULL or 0: not given); report_run checks them. */
struct report_filters {
	const char	*depot, *location, *category, *item;
	const char	*from, *to;	/* YYYY-MM-DD, in the display zone */
	const char	*user, *cost_centre, *at, *count, *type;
	long		 days;		/* 0: the report's default */
	long		 limit;		/* 0: all */
	const char	*site;		/* at the centre: --site, for the
					   record (the store filters by it) */
};

struct report_run;

struct report_def {
	const char		*name;		/* "stock": makhzan report stock */
	const char		*title;		/* N_(): pass through _() */
	const char		*summary;	/* N_(): one line for the list */
	const struct report_col	*cols;
	int			 ncols;
	enum wms_perm		 perm;		/* to run it at all */
	int			 needs_values;	/* only for who may see them */
	unsigned		 filters;	/* RF_ bits it takes */
	unsigned		 required;	/* RF_ bits it needs */
	long			 default_days;	/* for RF_DAYS */
	const int		*totals;	/* columns summed, -1-ended */
	int			 total_label;	/* the column saying "Total" */
	struct report_chart	 chart;		/* its title is N_() */
	/* Fill r from the store; rf has the filters resolved. */
	int			 (*fill)(struct report_run *, struct report *r,
				    struct wms_err *err);
};

/* Every report, NULL-ended, in the order `report list` shows them. */
extern const struct report_def *const report_defs[];

/* The report called name, or NULL. */
const struct report_def *report_def_find(const char *name);

/*
 * Run a report: check the user's permission and every filter (an
 * unknown depot, item, user, cost centre, category, location or count, a
 * bad date or a filter the report does not take: WMS_ERR_USAGE or
 * WMS_ERR_NOTFOUND with one line naming it), fill it, add its totals row
 * and hide the money columns from users who may not see values
 * (supervisors, auditors and admins see what stock is worth; storekeepers
 * see quantities, as in a blind count).  *out gets it, or NULL.
 */
int	report_run(struct wms *, const struct report_def *,
	    const struct report_filters *, struct report **out,
	    struct wms_err *err);

/*
 * The JSON document of a report run: {"report", "title", "generated_at",
 * "filters", "rows": [...], "totals": {...} or null}.  A new string.
 */
char	*report_doc_json(const struct report *r, const struct report_def *d,
	    const struct report_filters *g, const char *generated_at);

/*
 * The report r of d run with filters f as an A4 PDF at path
 * (reports/pdf.h): the title, the filters given, who printed it and when,
 * the chart and the totals carried over pages.  reports/report-def-pdf.c.
 */
int	report_def_pdf(struct wms *, const struct report_def *d,
	    const struct report_filters *f, const struct report *r,
	    const char *path, struct wms_err *err);

/* Whether the user of w may see values (money columns). */
int	report_may_see_values(struct wms *);

/*
 * The suggested order of the reorder report: max - on_hand - in_transit,
 * not below zero, rounded up to a whole number of purchase units of
 * factor thousandths when factor > 0.  Quantities in thousandths.
 */
int64_t	report_reorder_qty(int64_t max, int64_t on_hand, int64_t in_transit,
	    int64_t factor);

/*
 * ABC classes: values[0..n-1] sorted from the largest down; class[i] gets
 * 'A', 'B' or 'C'.  An item is A while the share of the total before it
 * is under a_pct percent, B while under a_pct + b_pct, else C (80/15 by
 * default): the item that crosses a boundary belongs to the class it
 * starts in.  Items of value 0 or less are C.
 */
void	report_abc_classes(const int64_t *values, size_t n, int a_pct,
	    int b_pct, char *classes);

/* The value of qty at avg_milli (minor units per base unit x 1000). */
int64_t	report_value_of(int64_t qty, int64_t avg_milli);

#endif
