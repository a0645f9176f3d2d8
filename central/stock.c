/* National balances, and a depot's documents compared with the centre's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "central/stmt.h"
#include "central/stock.h"
#include "lib/hmap.h"
#include "lib/i18n.h"
#include "lib/xmalloc.h"
#include "reports/report.h"

int
central_stock_report(struct central_pg *pg, const char *site,
    const char *depot, const char *prefix, const char *item,
    struct report **out, struct wms_err *err)
{
	static const struct report_col cols[] = {
		{ "site", N_("Site"), REPORT_STR },
		{ "depot", N_("Depot"), REPORT_STR },
		{ "location", N_("Location"), REPORT_STR },
		{ "item", N_("Item"), REPORT_STR },
		{ "lot", N_("Lot"), REPORT_STR },
		{ "qty", N_("Quantity"), REPORT_QTY },
		{ "uom", N_("Unit"), REPORT_STR },
	};
	struct report	*r;
	PGresult	*res;
	const char	*v[4] = { site, depot, item, prefix };
	int		 i, k;

	*out = NULL;
	if ((res = central_run(pg, CS_STOCK, 4, v, 0, err)) == NULL)
		return err->rc;
	r = report_new(cols, 7);
	for (i = 0; i < PQntuples(res); i++) {
		report_row(r);
		for (k = 0; k < 5; k++)
			report_str(r, k, central_val(res, i, k));
		report_num(r, 5, central_int(res, i, 5));
	}
	PQclear(res);
	*out = r;
	return 0;
}

/* A document's movements as a multiset: the sum of each one's digest. */
struct cdoc {
	char		*number;
	int64_t		 last_seq;
	uint64_t	 here[4], there[4];
	int64_t		 nhere, nthere;
	int		 in_here, in_there;
};

struct central_check {
	struct cdoc	*docs;
	size_t		 n, cap;
	struct wms_hmap	 map;
};

static _Thread_local struct central_check *eq_check;

static int
doc_eq(size_t pos, const void *arg)
{
	return strcmp(eq_check->docs[pos].number, arg) == 0;
}

static struct cdoc *
check_doc(struct central_check *c, const char *number)
{
	uint64_t	h = wms_hash_str(number);
	long		pos;
	struct cdoc	*d;

	eq_check = c;
	if ((pos = wms_hmap_get(&c->map, h, doc_eq, number)) >= 0)
		return &c->docs[pos];
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 256;
		c->docs = xreallocarray(c->docs, c->cap, sizeof *c->docs);
	}
	d = &c->docs[c->n];
	memset(d, 0, sizeof *d);
	d->number = xstrdup(number);
	d->last_seq = -1;
	wms_hmap_put(&c->map, h, c->n++);
	return d;
}

/* Add one movement's digest to sum (lane by lane: order does not count). */
static void
check_add(uint64_t sum[4], const char *item, const char *lot,
    const char *from, const char *to, int64_t qty, int64_t value)
{
	crypto_generichash_state	st;
	unsigned char			h[32];
	char				num[48];
	uint64_t			lane;
	int				i;

	crypto_generichash_init(&st, NULL, 0, sizeof h);
	/* Fields end with a NUL each, so that none runs into the next. */
	crypto_generichash_update(&st, (const unsigned char *)item,
	    strlen(item) + 1);
	crypto_generichash_update(&st, (const unsigned char *)lot,
	    strlen(lot) + 1);
	crypto_generichash_update(&st, (const unsigned char *)from,
	    strlen(from) + 1);
	crypto_generichash_update(&st, (const unsigned char *)to,
	    strlen(to) + 1);
	snprintf(num, sizeof num, "%lld %lld", (long long)qty,
	    (long long)value);
	crypto_generichash_update(&st, (const unsigned char *)num,
	    strlen(num) + 1);
	crypto_generichash_final(&st, h, sizeof h);
	for (i = 0; i < 4; i++) {
		memcpy(&lane, h + 8 * i, 8);
		sum[i] += lane;
	}
}

struct central_check *
central_check_new(void)
{
	return xcalloc(1, sizeof(struct central_check));
}

void
central_check_free(struct central_check *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->n; i++)
		free(c->docs[i].number);
	free(c->docs);
	wms_hmap_free(&c->map);
	free(c);
}

void
central_check_depot(struct central_check *c, const char *number,
    int64_t last_seq, const char *item, const char *lot, const char *from,
    const char *to, int64_t qty, int64_t value)
{
	struct cdoc *d = check_doc(c, number);

	d->in_here = 1;
	d->last_seq = last_seq;
	if (item == NULL || from == NULL || to == NULL)
		return;
	check_add(d->here, item, lot != NULL ? lot : "", from, to, qty, value);
	d->nhere++;
}

int
central_check_run(struct central_check *c, struct central_pg *pg,
    const char *site, void (*found)(const char *line, void *), void *arg,
    struct central_check_counts *k, struct wms_err *err)
{
	struct cdoc	*d;
	PGresult	*res;
	const char	*v[1] = { site };
	char		 line[512];
	int64_t		 applied = 0;
	size_t		 i;
	int		 rc = 0;

	memset(k, 0, sizeof *k);
	if ((res = central_run(pg, CS_CHECK_CURSOR, 1, v, 0, err)) == NULL)
		return err->rc;
	if (PQntuples(res) > 0)
		applied = central_int(res, 0, 0);
	PQclear(res);
	/* The centre's side, row by row: a site may have millions. */
	if ((rc = central_send_rows(pg, CS_CHECK_MOVES, 1, v, err)) != 0)
		return rc;
	while ((res = PQgetResult(central_pg_conn(pg))) != NULL) {
		if (PQresultStatus(res) == PGRES_SINGLE_TUPLE) {
			d = check_doc(c, central_val(res, 0, 0));
			d->in_there = 1;
			if (central_val(res, 0, 1) != NULL) {
				check_add(d->there, central_val(res, 0, 1),
				    central_val(res, 0, 2), central_val(res, 0,
				    3), central_val(res, 0, 4), central_int(res,
				    0, 5), central_int(res, 0, 6));
				d->nthere++;
			}
		} else if (PQresultStatus(res) != PGRES_TUPLES_OK && rc == 0) {
			rc = central_pg_fail(pg, res, _("reading the centre's "
			    "movements"), err);
		}
		PQclear(res);
	}
	if (rc != 0)
		return rc;
	for (i = 0; i < c->n; i++) {
		d = &c->docs[i];
		line[0] = '\0';
		if (d->in_here && d->last_seq > applied) {
			/* Its events have not all reached the centre yet. */
			k->not_yet++;
			continue;
		}
		if (d->in_here && d->in_there) {
			k->compared++;
			if (d->nhere == d->nthere && memcmp(d->here, d->there,
			    sizeof d->here) == 0)
				continue;
			k->differ++;
			snprintf(line, sizeof line, _("%s: its movements differ "
			    "from what the centre received (%lld here, %lld at "
			    "the centre)"), d->number, (long long)d->nhere,
			    (long long)d->nthere);
		} else if (d->in_here) {
			k->missing_centre++;
			if (d->last_seq < 0)
				snprintf(line, sizeof line, _("%s: not at the "
				    "centre, and no event of it is in the "
				    "outbox"), d->number);
			else
				snprintf(line, sizeof line, _("%s: not at the "
				    "centre, though its events were applied "
				    "there"), d->number);
		} else {
			k->missing_here++;
			snprintf(line, sizeof line, _("%s: at the centre, but "
			    "not in this database"), d->number);
		}
		found(line, arg);
	}
	return 0;
}
