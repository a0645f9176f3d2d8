/*
 * What the centre knows of stock: national balances at real locations,
 * and each document's movements, to compare a depot's database with what
 * it sent (makhzan check --against-central).
 */
#ifndef CENTRAL_STOCK_H
#define CENTRAL_STOCK_H

#include <stdint.h>

#include "lib/err.h"

struct central_pg;
struct report;

/*
 * The national stock on hand at real locations, with the fields of a
 * depot's stock (depot, location, item, lot, qty, uom) and site first;
 * every filter may be NULL.  uom is null: the events carry quantities in
 * the base unit and no catalogue.
 */
int	central_stock_report(struct central_pg *, const char *site,
	    const char *depot, const char *prefix, const char *item,
	    struct report **out, struct wms_err *err);

/*
 * The comparison of a depot's documents with the centre's: the depot's
 * side is fed first, movement by movement, then central_check_run reads
 * the centre's and says what differs.  Movements are compared as a
 * multiset per document (item, lot, from, to, qty, value), through a
 * digest, so that neither side's order matters and nothing is held but
 * one digest per document.
 */
struct central_check;

struct central_check_counts {
	int64_t	compared;	/* documents on both sides, compared */
	int64_t	differ;		/* movements not the same */
	int64_t	missing_centre;	/* here, not at the centre */
	int64_t	missing_here;	/* at the centre, not here */
	int64_t	not_yet;	/* events not yet applied: not compared */
};

struct central_check	*central_check_new(void);
void	central_check_free(struct central_check *);
/*
 * A movement of a depot's document (item NULL: the document has none);
 * last_seq is the document's last outbox event, -1 when it has none.
 */
void	central_check_depot(struct central_check *, const char *number,
	    int64_t last_seq, const char *item, const char *lot,
	    const char *from, const char *to, int64_t qty, int64_t value);
/*
 * Compare with site's documents at the centre; found is called with one
 * line per document that differs or is missing on either side.
 * Documents whose events the centre has not applied yet are counted, not
 * compared.
 */
int	central_check_run(struct central_check *, struct central_pg *,
	    const char *site, void (*found)(const char *line, void *),
	    void *arg, struct central_check_counts *counts,
	    struct wms_err *err);

#endif
