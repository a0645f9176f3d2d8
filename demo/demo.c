/* The demo depot: master data from data/demo/ and months of history. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "demo/demo.h"
#include "core/count.h"
#include "devices/registry.h"
#include "core/ledger.h"
#include "core/master.h"
#include "core/qty.h"
#include "core/wms.h"
#include "data/embedded.h"
#include "lib/csv.h"
#include "lib/i18n.h"
#include "lib/xmalloc.h"

/* A small PRNG of our own, so that every platform builds the same depot. */
struct demo_rng {
	uint64_t s;
};

static uint64_t
demo_next(struct demo_rng *r)
{
	r->s ^= r->s << 13;
	r->s ^= r->s >> 7;
	r->s ^= r->s << 17;
	return r->s;
}

static int
demo_pick(struct demo_rng *r, int n)
{
	return n <= 0 ? 0 : (int)(demo_next(r) % (uint64_t)n);
}

/* What the history generator keeps of an item. */
struct demo_item {
	char	*code;
	char	*tracking;
	char	*home;		/* its bin at HMS */
	int64_t	 max;		/* thousandths */
	int64_t	 cost;		/* minor units per base unit */
	int	 shelf_life;
};

struct demo {
	struct wms		*w;
	struct demo_rng		 rng;
	struct demo_item	*items;
	int			 nitems;
	char			**locs;		/* real locations, all depots */
	int			 nlocs;
	char			**ccs;
	int			 nccs;
	char			**suppliers;
	int			 nsuppliers;
	char			**pending;	/* transfers to receive */
	const char		**pending_to;	/* at this dock */
	int			*pending_day;
	int			 npending;
	int			 serial;	/* serial numbers handed out */
	int			 documents;
	time_t			 start;
};

static const char *const demo_depots[] = { "HMS", "BNS", "ADR" };

/* Read an embedded CSV and call fn for each record with its fields. */
static int
demo_csv(const char *name, int (*fn)(struct demo *, struct wms_csv *,
    struct wms_err *), struct demo *d, struct wms_err *err)
{
	const struct db_embedded	*f;
	struct wms_csv			*csv;
	int				 rc;

	if ((f = db_embedded_get(name)) == NULL)
		return wms_err_set(err, WMS_ERR_NOTFOUND,
		    _("demo data file %s is missing from this build"), name);
	csv = wms_csv_open_mem(f->text, f->len);
	rc = wms_csv_next(csv, err);	/* the header */
	while (rc >= 0 && (rc = wms_csv_next(csv, err)) == 1) {
		if ((rc = fn(d, csv, err)) != 0) {
			char msg[sizeof err->msg];

			snprintf(msg, sizeof msg, "%s", err->msg);
			wms_err_set(err, rc, "%s line %d: %s", name,
			    wms_csv_lineno(csv), msg);
			break;
		}
	}
	wms_csv_close(csv);
	return rc < 0 ? rc : 0;
}

#define F(i)	wms_csv_field(csv, (i))

static int
demo_depot(struct demo *d, struct wms_csv *csv, struct wms_err *err)
{
	return wms_depot_add(d->w, F(0), F(1), F(2), err);
}

static int
demo_location(struct demo *d, struct wms_csv *csv, struct wms_err *err)
{
	int rc;

	if ((rc = wms_location_add(d->w, F(0), err)) != 0)
		return rc;
	d->locs = xreallocarray(d->locs, d->nlocs + 1, sizeof *d->locs);
	d->locs[d->nlocs++] = xstrdup(F(0));
	return 0;
}

static int
demo_cc(struct demo *d, struct wms_csv *csv, struct wms_err *err)
{
	int rc;

	if ((rc = wms_cc_add(d->w, F(0), F(1), F(2), err)) != 0)
		return rc;
	d->ccs = xreallocarray(d->ccs, d->nccs + 1, sizeof *d->ccs);
	d->ccs[d->nccs++] = xstrdup(F(0));
	return 0;
}

static int
demo_supplier(struct demo *d, struct wms_csv *csv, struct wms_err *err)
{
	(void)err;
	d->suppliers = xreallocarray(d->suppliers, d->nsuppliers + 1,
	    sizeof *d->suppliers);
	d->suppliers[d->nsuppliers++] = xstrdup(F(1));
	return 0;
}

static int
demo_item(struct demo *d, struct wms_csv *csv, struct wms_err *err)
{
	struct wms_item		 it;
	struct demo_item	*di;
	char			*bc, *p, *save = NULL;
	char			*barcodes[4];
	int			 rc;

	memset(&it, 0, sizeof it);
	it.code = (char *)F(0);
	it.name_ar = (char *)F(1);
	it.name_en = (char *)F(2);
	it.category = (char *)F(3);
	it.uom = (char *)F(4);
	it.tracking = (char *)F(5);
	it.weighed = strcmp(F(6), "1") == 0;
	if ((rc = wms_qty_parse(F(7), WMS_QTY_ZERO, &it.min_qty, err)) != 0 ||
	    (rc = wms_qty_parse(F(8), WMS_QTY_ZERO, &it.max_qty, err)) != 0)
		return rc;
	it.shelf_life = *F(9) != '\0' ? (int)strtol(F(9), NULL, 10) : 0;
	bc = xstrdup(F(10));
	for (p = strtok_r(bc, "|", &save); p != NULL && it.nbarcodes < 4;
	    p = strtok_r(NULL, "|", &save))
		barcodes[it.nbarcodes++] = p;
	it.barcodes = barcodes;
	rc = wms_item_add(d->w, &it, err);
	free(bc);
	if (rc != 0)
		return rc;
	d->items = xreallocarray(d->items, d->nitems + 1, sizeof *d->items);
	di = &d->items[d->nitems++];
	di->code = xstrdup(F(0));
	di->tracking = xstrdup(F(5));
	di->home = xstrdup(F(11));
	di->max = it.max_qty;
	di->shelf_life = it.shelf_life;
	if ((rc = wms_money_parse(F(12), 2, &di->cost, err)) != 0)
		return rc;
	return 0;
}

static int
demo_unit(struct demo *d, struct wms_csv *csv, struct wms_err *err)
{
	int64_t	factor;
	int	rc;

	if ((rc = wms_qty_parse(F(2), 0, &factor, err)) != 0)
		return rc;
	return wms_unit_add(d->w, F(0), F(1), factor, err);
}

#undef F

/* Set the clock to a time of day on day n of the history. */
static void
demo_clock(struct demo *d, int day, int minute)
{
	wms_set_clock(d->w, d->start + (time_t)day * 86400 + 7 * 3600 +
	    (time_t)minute * 60);
}

static int
demo_as(struct demo *d, const char *user, struct wms_err *err)
{
	return wms_login_trusted(d->w, user, err);
}

/* A real location of depot in zone (the item's zone letter), or any. */
static const char *
demo_loc(struct demo *d, const char *depot, char zone)
{
	int	i, n = 0, pick, k;
	size_t	dl = strlen(depot);

	for (k = 0; k < 2; k++) {
		for (i = 0; i < d->nlocs; i++) {
			const char *p = d->locs[i];

			if (strncmp(p, depot, dl) != 0 || p[dl] != '/')
				continue;
			if (k == 0 && p[dl + 1] != zone)
				continue;
			n++;
		}
		if (n > 0)
			break;
	}
	pick = demo_pick(&d->rng, n);
	for (i = 0; i < d->nlocs; i++) {
		const char *p = d->locs[i];

		if (strncmp(p, depot, dl) != 0 || p[dl] != '/')
			continue;
		if (k == 0 && p[dl + 1] != zone)
			continue;
		if (pick-- == 0)
			return p;
	}
	return d->locs[0];
}

/* Receive qty (thousandths) of an item at loc, with lots and serials. */
static int
demo_receive(struct demo *d, int day, const struct demo_item *it,
    const char *loc, int64_t qty, const char *expiry, struct wms_err *err)
{
	struct wms_doc	 doc;
	struct wms_line	 ln;
	char		 lot[40], number[WMS_NUMBER_MAX], *serials[8];
	const char	*sp[8];
	int		 i, n, rc;

	memset(&doc, 0, sizeof doc);
	memset(&ln, 0, sizeof ln);
	doc.type = WMS_DOC_RECEIPT;
	doc.to = loc;
	doc.supplier = d->suppliers[demo_pick(&d->rng, d->nsuppliers)];
	doc.ref = "PO-2026";
	ln.item = it->code;
	ln.qty = qty;
	/* The supplier's price moves by up to 10% either way. */
	ln.cost = it->cost * (90 + demo_pick(&d->rng, 21)) / 100;
	ln.cost = ln.cost > 0 ? ln.cost : 100;
	n = 0;
	if (strcmp(it->tracking, "lot") == 0) {
		snprintf(lot, sizeof lot, "L%03d-%02d", day,
		    demo_pick(&d->rng, 90) + 10);
		ln.lot = lot;
		ln.expiry = expiry;
	} else if (strcmp(it->tracking, "serial") == 0) {
		n = (int)(qty / 1000);
		if (n < 1)
			n = 1;
		if (n > 8)
			n = 8;
		ln.qty = (int64_t)n * 1000;
		for (i = 0; i < n; i++) {
			xasprintf(&serials[i], "SN%06d", ++d->serial);
			sp[i] = serials[i];
		}
		ln.serials = sp;
		ln.nserials = (size_t)n;
	}
	/* Whole units: nobody receives 0.37 of a valve. */
	ln.qty = ln.qty < 1000 ? 1000 : ln.qty / 1000 * 1000;
	rc = wms_post(d->w, &doc, &ln, 1, number, err);
	for (i = 0; i < n; i++)
		free(serials[i]);
	if (rc == 0)
		d->documents++;
	return rc;
}

/* Stock rows of a depot, copied, to pick from. */
struct demo_rows {
	char	**loc, **item, **lot;
	int64_t	 *qty;
	int	  n;
};

static int
demo_row(const struct wms_stock_row *row, void *arg)
{
	struct demo_rows *r = arg;

	r->loc = xreallocarray(r->loc, r->n + 1, sizeof *r->loc);
	r->item = xreallocarray(r->item, r->n + 1, sizeof *r->item);
	r->lot = xreallocarray(r->lot, r->n + 1, sizeof *r->lot);
	r->qty = xreallocarray(r->qty, r->n + 1, sizeof *r->qty);
	r->loc[r->n] = xstrdup(row->location);
	r->item[r->n] = xstrdup(row->item);
	r->lot[r->n] = row->lot != NULL ? xstrdup(row->lot) : NULL;
	r->qty[r->n] = row->qty;
	r->n++;
	return 0;
}

static void
demo_rows_free(struct demo_rows *r)
{
	int i;

	for (i = 0; i < r->n; i++) {
		free(r->loc[i]);
		free(r->item[i]);
		free(r->lot[i]);
	}
	free(r->loc);
	free(r->item);
	free(r->lot);
	free(r->qty);
	memset(r, 0, sizeof *r);
}

static const struct demo_item *
demo_find(struct demo *d, const char *code)
{
	int i;

	for (i = 0; i < d->nitems; i++) {
		if (strcmp(d->items[i].code, code) == 0)
			return &d->items[i];
	}
	return NULL;
}

/*
 * Take part of a random stock row of depot out: an issue, a move or a
 * transfer.  Refusals (an expired lot, say) are part of a real day: the
 * generator skips them, as a storekeeper would pick another lot.
 */
static int
demo_take(struct demo *d, int day, const char *depot, enum wms_doc_type type,
    struct wms_err *err)
{
	struct demo_rows	 rows;
	const struct demo_item	*it;
	struct wms_doc		 doc;
	struct wms_line		 ln;
	const char		*serial[1];
	char			 number[WMS_NUMBER_MAX];
	int			 k, rc;
	int64_t			 q;

	memset(&rows, 0, sizeof rows);
	if ((rc = wms_stock_each(d->w, depot, NULL, NULL, demo_row, &rows,
	    err)) != 0)
		return rc;
	if (rows.n == 0)
		goto out;
	k = demo_pick(&d->rng, rows.n);
	it = demo_find(d, rows.item[k]);
	memset(&doc, 0, sizeof doc);
	memset(&ln, 0, sizeof ln);
	doc.type = type;
	doc.from = rows.loc[k];
	ln.item = rows.item[k];
	ln.cost = -1;
	q = rows.qty[k] * (10 + demo_pick(&d->rng, 30)) / 100 / 1000 * 1000;
	ln.qty = q < 1000 ? (rows.qty[k] < 1000 ? rows.qty[k] : 1000) : q;
	if (it != NULL && strcmp(it->tracking, "serial") == 0) {
		serial[0] = rows.lot[k];
		ln.serials = serial;
		ln.nserials = 1;
		ln.qty = 1000;
	} else
		ln.lot = rows.lot[k];
	switch (type) {
	case WMS_DOC_ISSUE:
		doc.to = d->ccs[demo_pick(&d->rng, d->nccs)];
		doc.requester = "م. أحمد";
		break;
	case WMS_DOC_MOVE:
		doc.to = demo_loc(d, depot, rows.loc[k][strlen(depot) + 1]);
		if (strcmp(doc.to, doc.from) == 0)
			goto out;
		break;
	case WMS_DOC_TRANSFER:
		doc.to = strcmp(depot, "HMS") == 0 ?
		    demo_depots[1 + demo_pick(&d->rng, 2)] : "HMS";
		break;
	default:
		goto out;
	}
	rc = wms_post(d->w, &doc, &ln, 1, number, err);
	if (rc == WMS_ERR_REFUSED) {
		rc = 0;
		goto out;
	}
	if (rc != 0)
		goto out;
	d->documents++;
	if (type == WMS_DOC_TRANSFER) {
		d->pending = xreallocarray(d->pending, d->npending + 1,
		    sizeof *d->pending);
		d->pending_day = xreallocarray(d->pending_day, d->npending + 1,
		    sizeof *d->pending_day);
		d->pending_to = xreallocarray(d->pending_to, d->npending + 1,
		    sizeof *d->pending_to);
		d->pending_to[d->npending] = strcmp(doc.to, "HMS") == 0 ?
		    "HMS/DOCK" : strcmp(doc.to, "BNS") == 0 ? "BNS/DOCK" :
		    "ADR/DOCK";
		d->pending[d->npending] = xstrdup(number);
		d->pending_day[d->npending++] = day + 1 + demo_pick(&d->rng, 3);
	}
out:
	demo_rows_free(&rows);
	return rc;
}

/* Receive the transfers that arrive today, at a dock or a bin there. */
static int
demo_arrivals(struct demo *d, int day, int last, struct wms_err *err)
{
	int i, rc;

	for (i = 0; i < d->npending; i++) {
		if (d->pending[i] == NULL || d->pending_day[i] > day)
			continue;
		/* The last ones shipped stay in transit for the home screen. */
		if (day >= last - 1)
			continue;
		rc = wms_transfer_receive(d->w, d->pending[i], d->pending_to[i],
		    NULL, 0, err);
		if (rc != 0)
			return rc;
		free(d->pending[i]);
		d->pending[i] = NULL;
	}
	return 0;
}

static void
demo_free(struct demo *d)
{
	int i;

	for (i = 0; i < d->nitems; i++) {
		free(d->items[i].code);
		free(d->items[i].tracking);
		free(d->items[i].home);
	}
	for (i = 0; i < d->nlocs; i++)
		free(d->locs[i]);
	for (i = 0; i < d->nccs; i++)
		free(d->ccs[i]);
	for (i = 0; i < d->nsuppliers; i++)
		free(d->suppliers[i]);
	for (i = 0; i < d->npending; i++)
		free(d->pending[i]);
	free(d->items);
	free(d->locs);
	free(d->ccs);
	free(d->suppliers);
	free(d->pending);
	free(d->pending_day);
	free(d->pending_to);
	wms_close(d->w);
}

/* Opening stock: every item at HMS, every other item at BNS and ADR. */
static int
demo_opening(struct demo *d, struct wms_err *err)
{
	const struct demo_item	*it;
	char			 exp[11], today[32];
	int			 i, k, rc;

	wms_now_iso(d->w, today);
	for (i = 0; i < d->nitems; i++) {
		it = &d->items[i];
		for (k = 0; k < 3; k++) {
			const char *loc;
			int64_t q;

			if (k > 0 && (i + k) % 2 != 0)
				continue;
			loc = k == 0 ? it->home : demo_loc(d, demo_depots[k],
			    it->home[4]);
			q = it->max * (k == 0 ? 6 : 3) / 10;
			if (strcmp(it->tracking, "serial") == 0)
				q = (k == 0 ? 4 : 2) * 1000;
			exp[0] = '\0';
			if (strcmp(it->tracking, "lot") == 0 &&
			    it->shelf_life > 0)
				wms_date_add(today, it->shelf_life, exp);
			demo_clock(d, 0, 10 * i + k);
			if ((rc = demo_receive(d, 0, it, loc, q, exp[0] ?
			    exp : NULL, err)) != 0)
				return rc;
		}
	}
	return 0;
}

/*
 * The chemicals store is counted: every line entered as found, a few with
 * a small difference, and the supervisor posts it.
 */
struct demo_count {
	struct demo	*d;
	const char	*number;
	int		 rc;
	struct wms_err	*err;
};

static int
demo_count_line(const struct wms_stock_row *row, void *arg)
{
	struct demo_count	*c = arg;
	int64_t			 q = row->qty;

	/* One line in five is off by up to 2% either way. */
	if (demo_pick(&c->d->rng, 5) == 0)
		q += q * (demo_pick(&c->d->rng, 5) - 2) / 100 / 1000 * 1000;
	c->rc = wms_count_enter(c->d->w, c->number, row->location, row->item,
	    row->lot, q < 0 ? 0 : q, c->err);
	return c->rc != 0;
}

static int
demo_stocktake(struct demo *d, int day, struct wms_err *err)
{
	struct demo_count	c;
	char			number[WMS_NUMBER_MAX];
	int			rc;

	demo_clock(d, day, 660);
	if ((rc = demo_as(d, "salim", err)) != 0 ||
	    (rc = wms_count_start(d->w, "HMS/C", number, err)) != 0)
		return rc;
	c.d = d;
	c.number = number;
	c.rc = 0;
	c.err = err;
	if ((rc = wms_stock_each(d->w, "HMS", "HMS/C", NULL, demo_count_line,
	    &c, err)) != 0 || (rc = c.rc) != 0)
		return rc;
	demo_clock(d, day, 720);
	if ((rc = demo_as(d, "huda", err)) != 0 ||
	    (rc = wms_count_post(d->w, number, 0, err)) != 0)
		return rc;
	d->documents++;
	return demo_as(d, "salim", err);
}

/* Lots that the home screen warns about: one expiring soon, one expired. */
static int
demo_expiring(struct demo *d, int day, int days, struct wms_err *err)
{
	const struct demo_item	*it = NULL;
	char			 now[32], exp[11];
	int			 i, k, rc;

	for (i = 0; i < d->nitems; i++) {
		if (strcmp(d->items[i].tracking, "lot") == 0) {
			it = &d->items[i];
			break;
		}
	}
	if (it == NULL)
		return 0;
	for (k = 0; k < 2; k++) {
		demo_clock(d, day + k, 30);
		wms_now_iso(d->w, now);
		/* Expires 20 days after the end of the history, or 5 before. */
		wms_date_add(now, days - (day + k) + (k == 0 ? 20 : -5), exp);
		if ((rc = demo_receive(d, day + k, it, it->home,
		    it->max / 10 + 1000, exp, err)) != 0)
			return rc;
	}
	return 0;
}

/* The demo station: a scale and a fixed scanner, simulated on loopback. */
static int
demo_devices(struct demo *d, struct wms_err *err)
{
	struct dev_registry_entry	dev;
	int			rc;

	memset(&dev, 0, sizeof dev);
	snprintf(dev.name, sizeof dev.name, "%s", DEMO_SCALE);
	snprintf(dev.kind, sizeof dev.kind, "scale");
	snprintf(dev.uri, sizeof dev.uri, "tcp://127.0.0.1:%d",
	    DEMO_SCALE_PORT);
	dev.unit_id = DEV_UNIT_ID_DEFAULT;
	snprintf(dev.profile, sizeof dev.profile, "%s",
	    DEMO_SCALE_PROFILE);
	snprintf(dev.station, sizeof dev.station, "%s", DEMO_STATION);
	dev.timeout_ms = DEV_TIMEOUT_MS_DEFAULT;
	if ((rc = dev_registry_add(d->w, &dev, err)) != 0)
		return rc;
	snprintf(dev.name, sizeof dev.name, "%s", DEMO_SCANNER);
	snprintf(dev.kind, sizeof dev.kind, "scanner");
	snprintf(dev.uri, sizeof dev.uri, "tcp://127.0.0.1:%d",
	    DEMO_SCANNER_PORT);
	snprintf(dev.profile, sizeof dev.profile, "%s",
	    DEMO_SCANNER_PROFILE);
	return dev_registry_add(d->w, &dev, err);
}

int
demo_build(const char *path, int days,
    void (*progress)(int, int, void *), void *arg,
    struct demo_stats *stats, struct wms_err *err)
{
	static const struct {
		const char	*name, *role;
	} users[] = {
		{ .name = "salim", .role = "storekeeper" },
		{ .name = "huda", .role = "supervisor" },
		{ .name = "rami", .role = "auditor" },
	};
	struct demo	d;
	int		day, op, rc;
	size_t		i;

	memset(&d, 0, sizeof d);
	d.rng.s = 20261126;
	if (days < 7)
		days = 7;
	if ((rc = wms_init(path, "DEMO", "admin", DEMO_PASSWORD, err)) != 0)
		return rc;
	if ((d.w = wms_open(path, err)) == NULL)
		return err->rc;
	d.start = (time(NULL) / 86400 - days) * 86400;
	demo_clock(&d, 0, 0);
	if ((rc = demo_as(&d, "admin", err)) != 0)
		goto out;
	for (i = 0; i < sizeof users / sizeof users[0]; i++) {
		if ((rc = wms_user_add(d.w, users[i].name, users[i].role,
		    DEMO_PASSWORD, err)) != 0)
			goto out;
	}
	if ((rc = demo_csv("depots.csv", demo_depot, &d, err)) != 0 ||
	    (rc = demo_csv("locations.csv", demo_location, &d, err)) != 0 ||
	    (rc = demo_csv("cost-centres.csv", demo_cc, &d, err)) != 0 ||
	    (rc = demo_csv("suppliers.csv", demo_supplier, &d, err)) != 0 ||
	    (rc = demo_csv("items.csv", demo_item, &d, err)) != 0 ||
	    (rc = demo_csv("units.csv", demo_unit, &d, err)) != 0 ||
	    (rc = demo_devices(&d, err)) != 0)
		goto out;
	if ((rc = demo_as(&d, "salim", err)) != 0 ||
	    (rc = demo_opening(&d, err)) != 0)
		goto out;
	for (day = 1; day < days; day++) {
		if (progress != NULL)
			progress(day, days, arg);
		for (op = 0; op < 6; op++) {
			const char	*depot;
			int		 r;

			demo_clock(&d, day, 30 + op * 70);
			depot = demo_depots[demo_pick(&d.rng, 10) < 6 ? 0 :
			    1 + demo_pick(&d.rng, 2)];
			r = demo_pick(&d.rng, 100);
			if (r < 45)
				rc = demo_take(&d, day, depot, WMS_DOC_ISSUE,
				    err);
			else if (r < 70) {
				const struct demo_item *it;
				char exp[11], now[32];

				it = &d.items[demo_pick(&d.rng, d.nitems)];
				wms_now_iso(d.w, now);
				exp[0] = '\0';
				if (it->shelf_life > 0)
					wms_date_add(now, it->shelf_life, exp);
				rc = demo_receive(&d, day, it, strcmp(depot,
				    "HMS") == 0 ? it->home : demo_loc(&d,
				    depot, it->home[4]), it->max / 4,
				    exp[0] ? exp : NULL, err);
			} else if (r < 85)
				rc = demo_take(&d, day, depot, WMS_DOC_MOVE,
				    err);
			else
				rc = demo_take(&d, day, depot,
				    WMS_DOC_TRANSFER, err);
			if (rc != 0)
				goto out;
		}
		demo_clock(&d, day, 600);
		if ((rc = demo_arrivals(&d, day, days, err)) != 0)
			goto out;
		if (day == days / 2 && (rc = demo_expiring(&d, day, days,
		    err)) != 0)
			goto out;
		if (day == days - 10 && (rc = demo_stocktake(&d, day,
		    err)) != 0)
			goto out;
	}
	/* One transfer is shipped on the last day and waits to be received. */
	demo_clock(&d, days - 1, 700);
	if ((rc = demo_take(&d, days - 1, "HMS", WMS_DOC_TRANSFER, err)) != 0)
		goto out;
	if (stats != NULL) {
		stats->depots = 3;
		stats->locations = d.nlocs;
		stats->items = d.nitems;
		stats->documents = d.documents;
		stats->days = days;
	}
out:
	demo_free(&d);
	if (rc != 0)
		remove(path);
	return rc;
}
