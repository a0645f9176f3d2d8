/* The national stock card of an item, and what is in transit. */
#include <stdio.h>
#include <string.h>

#include "central/national.h"
#include "central/stmt.h"
#include "lib/i18n.h"
#include "lib/time.h"
#include "reports/report.h"

/* Column numbers of CS_LEDGER and CS_PENDING, as the report's. */
enum { LG_SITE, LG_AT, LG_DOC, LG_FROM, LG_TO, LG_LOT, LG_IN, LG_OUT,
	LG_BAL, LG_N };
enum { PD_NUMBER, PD_FROM_SITE, PD_FROM, PD_TO_SITE, PD_TO, PD_SHIPPED,
	PD_ITEM, PD_LOT, PD_QTY, PD_UOM, PD_N };

int
central_ledger_report(struct central_pg *pg, const char *item,
    const char *site, const char *depot, struct report **out,
    struct wms_err *err)
{
	static const struct report_col cols[LG_N] = {
		{ "site", N_("Site"), REPORT_STR },
		{ "at", N_("Time"), REPORT_STR },
		{ "document", N_("Document"), REPORT_STR },
		{ "from", N_("From"), REPORT_STR },
		{ "to", N_("To"), REPORT_STR },
		{ "lot", N_("Lot"), REPORT_STR },
		{ "in", N_("In"), REPORT_QTY },
		{ "out", N_("Out"), REPORT_QTY },
		{ "balance", N_("Balance"), REPORT_QTY },
	};
	struct report	*r;
	PGresult	*res;
	const char	*v[3] = { item, site, depot };
	char		 code[128];
	int		 i, k;

	*out = NULL;
	if ((res = central_run(pg, CS_ITEM_CODE, 1, v, 0, err)) == NULL)
		return err->rc;
	if (PQntuples(res) == 0) {
		PQclear(res);
		return wms_err_set(err, WMS_ERR_NOTFOUND, _("the centre knows "
		    "no item %s, neither in the catalogue nor in a movement"),
		    item);
	}
	snprintf(code, sizeof code, "%s", central_val(res, 0, 0));
	PQclear(res);
	v[0] = code;
	if ((res = central_run(pg, CS_LEDGER, 3, v, 0, err)) == NULL)
		return err->rc;
	r = report_new(cols, LG_N);
	for (i = 0; i < PQntuples(res); i++) {
		report_row(r);
		for (k = LG_SITE; k <= LG_LOT; k++)
			report_str(r, k, central_val(res, i, k));
		for (k = LG_IN; k <= LG_BAL; k++)
			if (central_val(res, i, k) != NULL)
				report_num(r, k, central_int(res, i, k));
	}
	PQclear(res);
	*out = r;
	return 0;
}

int
central_pending_report(struct central_pg *pg, const char *site,
    const char *depot, int local, struct report **out, struct wms_err *err)
{
	/* The keys of a depot's transfer list --pending, and the sites. */
	static const struct report_col cols[PD_N] = {
		{ "number", N_("Transfer"), REPORT_STR },
		{ "from_site", N_("From site"), REPORT_STR },
		{ "from_depot", N_("From"), REPORT_STR },
		{ "to_site", N_("To site"), REPORT_STR },
		{ "to_depot", N_("To"), REPORT_STR },
		{ "shipped", N_("Shipped"), REPORT_STR },
		{ "item", N_("Item"), REPORT_STR },
		{ "lot", N_("Lot"), REPORT_STR },
		{ "in_transit", N_("In transit"), REPORT_QTY },
		{ "uom", N_("Unit"), REPORT_STR },
	};
	struct report	*r;
	PGresult	*res;
	const char	*v[2] = { site, depot };
	char		 when[64];
	int		 i, k;

	*out = NULL;
	if ((res = central_run(pg, CS_PENDING, 2, v, 0, err)) == NULL)
		return err->rc;
	r = report_new(cols, PD_N);
	for (i = 0; i < PQntuples(res); i++) {
		report_row(r);
		for (k = PD_NUMBER; k <= PD_LOT; k++)
			report_str(r, k, central_val(res, i, k));
		if (local) {
			wms_time_local(central_val(res, i, PD_SHIPPED), when,
			    sizeof when);
			report_str(r, PD_SHIPPED, when);
		}
		report_num(r, PD_QTY, central_int(res, i, PD_QTY));
	}
	PQclear(res);
	*out = r;
	return 0;
}

/* lot as " lot L" for a line, or nothing. */
static const char *
nc_lot(const char *lot, char *buf, size_t n)
{
	if (lot == NULL)
		return "";
	snprintf(buf, n, _(", lot %s"), lot);
	return buf;
}

int
central_national_check(struct central_pg *pg,
    void (*found)(const char *line, void *), void *arg, int64_t *transfers,
    int64_t *items, struct wms_err *err)
{
	PGresult	*res;
	char		 line[512], lot[160];
	int		 i;

	if ((res = central_run(pg, CS_NCHECK_COUNTS, 0, NULL, 0, err)) == NULL)
		return err->rc;
	*transfers = central_int(res, 0, 0);
	*items = central_int(res, 0, 1);
	PQclear(res);
	/* site, number, item, lot, to_site, shipped, received, transit */
	if ((res = central_run(pg, CS_NCHECK_TRANSFERS, 0, NULL, 0, err)) ==
	    NULL)
		return err->rc;
	for (i = 0; i < PQntuples(res); i++) {
		snprintf(line, sizeof line, _("transfer %s of site %s, item "
		    "%s%s: shipped %s, received %s, in transit %s at %s: "
		    "shipped is not received plus in transit"),
		    central_val(res, i, 1), central_val(res, i, 0),
		    central_val(res, i, 2), nc_lot(central_val(res, i, 3), lot,
		    sizeof lot), central_val(res, i, 5), central_val(res, i,
		    6), central_val(res, i, 7), central_val(res, i, 4));
		found(line, arg);
	}
	PQclear(res);
	/* item, site (NULL: nationally), qty */
	if ((res = central_run(pg, CS_NCHECK_SUMS, 0, NULL, 0, err)) == NULL)
		return err->rc;
	for (i = 0; i < PQntuples(res); i++) {
		if (central_val(res, i, 1) != NULL)
			snprintf(line, sizeof line, _("item %s sums to %s over "
			    "the locations of site %s, not zero"),
			    central_val(res, i, 0), central_val(res, i, 2),
			    central_val(res, i, 1));
		else
			snprintf(line, sizeof line, _("item %s sums to %s "
			    "nationally, not zero"), central_val(res, i, 0),
			    central_val(res, i, 2));
		found(line, arg);
	}
	PQclear(res);
	/* site, location, item, lot, qty, moved */
	if ((res = central_run(pg, CS_NCHECK_BALANCES, 0, NULL, 0, err)) ==
	    NULL)
		return err->rc;
	for (i = 0; i < PQntuples(res); i++) {
		snprintf(line, sizeof line, _("balance of item %s%s at %s "
		    "(site %s) is %s, its movements make %s"),
		    central_val(res, i, 2), nc_lot(central_val(res, i, 3), lot,
		    sizeof lot), central_val(res, i, 1), central_val(res, i,
		    0), central_val(res, i, 4), central_val(res, i, 5));
		found(line, arg);
	}
	PQclear(res);
	return 0;
}
