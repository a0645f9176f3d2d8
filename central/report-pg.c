/*
 * The report rows of data/db-report-mgr.h from the centre's tables.  Each
 * statement takes the same fourteen text parameters, from the filter:
 *
 *	$1 site  $2 depot  $3 location prefix  $4 category  $5 item
 *	$6 from  $7 to  $8 user  $9 cost centre  $10 document type
 *	$11 until  $12 since  $13 at  $14 limit
 *
 * A filter of ids (depot, user, cost centre, item) is served by names:
 * the centre has no ids, so the store keeps each name it resolved and
 * hands out its own id for it.  Locations are paths; a path is real when
 * no segment starts with @ (@SUPPLIER, @TRANSIT, @CC/..., @SITE/...), and
 * its depot is the first segment, as central/apply.c writes balances.
 * Orders are byte orders (COLLATE "C"), as SQLite's at a depot.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "central/report-pg.h"
#include "central/stmt.h"
#include "lib/i18n.h"
#include "lib/xmalloc.h"

/* The names a filter's ids stand for, by enum db_rep_name. */
#define RP_NAMES	(DB_REP_NAME_COUNT + 1)

struct central_report {
	struct central_pg	*pg;
	PGcancel		*cancel;	/* for central_report_stop */
	char			*site;
	char			*names[RP_NAMES];
	char			*item;
	char			 lacks[512];	/* rp_lacks' line */
};

#define NPARAM	15
#define TEXTOID	25

/*
 * A path of alias a is real (no segment starts with @: two LIKEs, a third
 * of a regular expression's time over a nation's movements); of the
 * depot $2 and under the prefix $3.
 */
#define REAL(a)	"(" a " NOT LIKE '@%' AND " a " NOT LIKE '%/@%')"
#define PFX(a)	"($3::text IS NULL OR " a " = $3::text OR left(" a \
	", length($3::text) + 1) = $3::text || '/')"
#define OURS(a)	"(" REAL(a) " AND ($2::text IS NULL OR split_part(" a \
	", '/', 1) = $2::text) AND " PFX(a) ")"
#define SITE(a)	"($1::text IS NULL OR " a " = $1::text)"
#define CATEGORY "($4::text IS NULL OR i.category = $4::text)"
#define ISO(x)	"to_char(" x " AT TIME ZONE 'UTC', " \
	"'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')"
/* The event type that opened a document, as a depot's document type. */
#define DTYPE(t) "(CASE " t " WHEN 'receipt' THEN 'GRN' " \
	"WHEN 'issue' THEN 'ISS' WHEN 'move' THEN 'MOV' " \
	"WHEN 'transfer.ship' THEN 'TRF' WHEN 'transfer.inbound' THEN 'TRF' " \
	"WHEN 'adjustment' THEN 'ADJ' WHEN 'reversal' THEN 'REV' " \
	"WHEN 'count.start' THEN 'CNT' WHEN 'return.supplier' THEN 'RTS' " \
	"WHEN 'return.issue' THEN 'RTN' ELSE " t " END)"
/*
 * The moving-average cost of an item at a depot, as core/post.c keeps it
 * (item_cost.avg_milli): the value of its real locations over their
 * quantity, minor units per base unit x 1000, rounded half away from
 * zero; the balances carry the value each movement moved.
 */
#define AVG "avg AS (SELECT site, depot, item, CASE WHEN sum(qty) > 0 AND " \
	"sum(value) >= 0 THEN round(sum(value)::numeric * 1000000 / " \
	"sum(qty))::bigint ELSE 0 END AS avg_milli FROM balance " \
	"WHERE is_real AND " SITE("site") " GROUP BY site, depot, item)"

enum rp_sql {
	RP_SITE,
	RP_ITEM,
	RP_STOCK,
	RP_CARD_OPENING,
	RP_CARD,
	RP_JOURNAL,
	RP_REORDER,
	RP_SLOW,
	RP_ISSUED,
	RP_VALUE,
	RP_TRANSIT,
	RP_EXPIRY,
	RP_VARIANCE,
	RP_EXPIRY_LACKS,
	RP_VARIANCE_LACKS,
	RP_N
};

/* The movements of an item for the card, and which end is the filter's. */
#define CARD_INNER "SELECT m.site AS site, m.doc AS doc, m.line AS line, " \
	"m.at AS at, d.type AS dtype, nullif(m.lot, '') AS lot, m.qty AS qty, " \
	"m.from_loc AS from_loc, m.to_loc AS to_loc, d.depot AS doc_depot, " \
	"d.header->>'supplier' AS supplier, " OURS("m.to_loc") " AS in_, " \
	OURS("m.from_loc") " AS out_ FROM movement m JOIN document d ON " \
	"d.site = m.site AND d.number = m.doc WHERE m.item = $5::text AND " \
	SITE("m.site") " "

/* What a transfer shipped into transit, less what left transit. */
#define SHIPPED "ship AS (SELECT d.site AS from_site, d.number AS number, " \
	"d.depot AS from_depot, coalesce(d.header->>'to_depot', " \
	"split_part(min(m.to_loc), '/', 1)) AS to_depot, " \
	"d.header->>'to_site' AS to_site, d.at AS at, m.item AS item, " \
	"m.lot AS lot, sum(m.qty) AS qty FROM document d JOIN movement m ON " \
	"m.site = d.site AND m.doc = d.number " \
	"WHERE d.type = 'transfer.ship' AND " REAL("m.from_loc") " AND " \
	"(m.to_loc LIKE '@SITE/%' OR m.to_loc LIKE '%/@TRANSIT') AND NOT " \
	"EXISTS (SELECT 1 FROM document r WHERE r.site = d.site AND " \
	"r.type = 'reversal' AND r.header->>'reverses' = d.number) " \
	"GROUP BY d.site, d.number, d.depot, d.header, d.at, m.item, m.lot), " \
	"recv AS (SELECT coalesce(d.header->>'from_site', d.site) AS origin, " \
	"d.number AS number, m.item AS item, m.lot AS lot, sum(m.qty) AS qty " \
	"FROM document d JOIN movement m ON m.site = d.site AND " \
	"m.doc = d.number WHERE d.type IN ('transfer.ship', " \
	"'transfer.inbound') AND m.from_loc LIKE '%/@TRANSIT' AND " \
	REAL("m.to_loc") " GROUP BY 1, 2, 3, 4)"

/*
 * The documents as a site has them.  One another site shipped here is
 * written at the site by "@centre" (core/transfer-site.c), its event
 * naming no user, at the time it was shipped (the shipping site's copy);
 * it is listed in the order it was written here (at).
 */
#define JOURNAL_DOCS "SELECT d.site AS site, d.number AS number, " \
	"d.type AS type, d.status AS status, d.depot AS depot, " \
	"d.header AS header, d.at AS at, coalesce(CASE WHEN " \
	"d.type = 'transfer.inbound' THEN (SELECT sh.at FROM document sh " \
	"WHERE sh.site = d.header->>'from_site' AND sh.number = d.number) " \
	"END, d.at) AS t, " \
	"CASE WHEN d.type = 'transfer.inbound' AND d.\"user\" = '' THEN " \
	"'@centre' ELSE d.\"user\" END AS user_name FROM document d"

static const char *const rp_sql[RP_N] = {
	[RP_SITE] = "SELECT code FROM site WHERE code = $1::text",
	/* Its code from its code or a barcode, and its unit. */
	[RP_ITEM] = "SELECT c.code AS code, coalesce(i.uom, '') AS uom FROM ("
	    "SELECT code FROM cat_item WHERE code = $1::text UNION ALL "
	    "SELECT item FROM cat_barcode WHERE barcode = $1::text UNION ALL "
	    "(SELECT item FROM movement WHERE item = $1::text LIMIT 1)) c "
	    "LEFT JOIN cat_item i ON i.code = c.code LIMIT 1",
	[RP_STOCK] = "WITH " AVG " SELECT b.depot AS depot, "
	    "b.location AS location, i.category AS category, b.item AS item, "
	    "i.name_ar AS name_ar, i.name_en AS name_en, "
	    "nullif(b.lot, '') AS lot, b.qty AS qty, i.uom AS uom, "
	    "coalesce(avg.avg_milli, 0) AS avg_milli FROM balance b "
	    "LEFT JOIN cat_item i ON i.code = b.item "
	    "LEFT JOIN avg ON avg.site = b.site AND avg.depot = b.depot AND "
	    "avg.item = b.item WHERE b.is_real AND b.qty <> 0 AND "
	    SITE("b.site") " AND ($2::text IS NULL OR b.depot = $2::text) AND "
	    PFX("b.location") " AND " CATEGORY " AND "
	    "($5::text IS NULL OR b.item = $5::text) "
	    "ORDER BY b.depot COLLATE \"C\", b.location COLLATE \"C\", "
	    "b.item COLLATE \"C\", nullif(b.lot, '') COLLATE \"C\" NULLS FIRST",
	[RP_CARD_OPENING] = "SELECT coalesce(sum(CASE WHEN in_ AND NOT out_ "
	    "THEN qty WHEN out_ AND NOT in_ THEN -qty ELSE 0 END), 0) AS qty "
	    "FROM (" CARD_INNER "AND m.at < $6::timestamptz) c",
	[RP_CARD] = "SELECT " ISO("at") " AS at, doc AS document, "
	    DTYPE("dtype") " AS type, CASE WHEN in_ THEN (CASE "
	    "WHEN from_loc LIKE '%/@SUPPLIER' THEN coalesce(supplier, from_loc) "
	    "WHEN from_loc LIKE '@CC/%' THEN substr(from_loc, 5) "
	    "WHEN from_loc LIKE '%/@TRANSIT' THEN doc_depot "
	    "ELSE from_loc END) ELSE (CASE "
	    "WHEN to_loc LIKE '%/@SUPPLIER' THEN coalesce(supplier, to_loc) "
	    "WHEN to_loc LIKE '@CC/%' THEN substr(to_loc, 5) "
	    "WHEN to_loc LIKE '%/@TRANSIT' THEN split_part(to_loc, '/', 1) "
	    "ELSE to_loc END) END AS counterparty, "
	    "CASE WHEN in_ THEN to_loc ELSE from_loc END AS location, lot, "
	    "qty, in_::int AS in_, out_::int AS out_ FROM (" CARD_INNER
	    "AND ($6::text IS NULL OR m.at >= $6::timestamptz) AND "
	    "($7::text IS NULL OR m.at < $7::timestamptz)) c "
	    "WHERE in_ OR out_ ORDER BY c.at, site COLLATE \"C\", "
	    "doc COLLATE \"C\", line "
	    "LIMIT CASE WHEN $14::bigint > 0 THEN $14::bigint END",
	/*
	 * A document's lines and value: its movements but those out of a
	 * transit location (a transfer's receipts are not counted again).
	 */
	[RP_JOURNAL] = "SELECT " ISO("d.t") " AS at, d.number AS number, "
	    DTYPE("d.type") " AS type, d.status AS status, d.depot AS depot, "
	    "d.user_name AS user_name, "
	    "d.header->>'cost_centre' AS cost_centre, CASE "
	    "WHEN d.type = 'receipt' THEN d.header->>'supplier' "
	    "WHEN d.type IN ('transfer.ship', 'transfer.inbound') THEN "
	    "d.header->>'to_depot' WHEN d.type = 'issue' THEN "
	    "d.header->>'requester' ELSE d.header->>'reason' END AS "
	    "counterparty, d.header->>'reverses' AS reverses, "
	    "(SELECT count(*) FROM movement m WHERE m.site = d.site AND "
	    "m.doc = d.number AND m.from_loc NOT LIKE '%/@TRANSIT') AS lines, "
	    "(SELECT coalesce(sum(m.value), 0) FROM movement m WHERE "
	    "m.site = d.site AND m.doc = d.number AND "
	    "m.from_loc NOT LIKE '%/@TRANSIT') AS value FROM (" JOURNAL_DOCS
	    ") d WHERE " SITE("d.site") " AND ($2::text IS NULL OR "
	    "d.depot = $2::text) AND ($6::text IS NULL OR "
	    "d.t >= $6::timestamptz) AND ($7::text IS NULL OR "
	    "d.t < $7::timestamptz) AND ($8::text IS NULL OR "
	    "d.user_name = $8::text) AND ($9::text IS NULL OR "
	    "d.header->>'cost_centre' = $9::text) AND ($10::text IS NULL OR "
	    DTYPE("d.type") " = $10::text) ORDER BY d.at, "
	    "d.site COLLATE \"C\", d.number COLLATE \"C\"",
	/* On hand at real locations, in transit at TO/@TRANSIT. */
	[RP_REORDER] = "SELECT * FROM (SELECT i.code AS item, "
	    "i.name_ar AS name_ar, i.name_en AS name_en, "
	    "i.category AS category, i.uom AS uom, coalesce((SELECT "
	    "sum(b.qty) FROM balance b WHERE b.item = i.code AND b.is_real AND "
	    SITE("b.site") " AND ($2::text IS NULL OR b.depot = $2::text)), 0) "
	    "AS on_hand, coalesce((SELECT sum(b.qty) FROM balance b WHERE "
	    "b.item = i.code AND b.location LIKE '%/@TRANSIT' AND "
	    SITE("b.site") " AND ($2::text IS NULL OR b.depot = $2::text)), 0) "
	    "AS in_transit, i.min_qty AS min_qty, i.max_qty AS max_qty "
	    "FROM cat_item i WHERE i.min_qty > 0 AND " CATEGORY " AND "
	    "($5::text IS NULL OR i.code = $5::text)) r "
	    "WHERE on_hand < min_qty ORDER BY item COLLATE \"C\"",
	/* The last issue of each item from each depot: issue documents. */
	[RP_SLOW] = "WITH " AVG ", iss AS (SELECT m.site AS site, "
	    "split_part(m.from_loc, '/', 1) AS depot, m.item AS item, "
	    "max(m.at) AS last FROM movement m JOIN document d ON "
	    "d.site = m.site AND d.number = m.doc WHERE d.type = 'issue' AND "
	    REAL("m.from_loc") " AND m.to_loc LIKE '@CC/%' AND "
	    SITE("m.site") " GROUP BY 1, 2, 3), st AS (SELECT b.site AS site, "
	    "b.depot AS depot, b.item AS item, sum(b.qty) AS qty FROM "
	    "balance b WHERE b.is_real AND " OURS("b.location") " AND "
	    SITE("b.site") " AND b.qty <> 0 AND ($5::text IS NULL OR "
	    "b.item = $5::text) GROUP BY 1, 2, 3 HAVING sum(b.qty) > 0) "
	    "SELECT st.depot AS depot, st.item AS item, i.name_ar AS name_ar, "
	    "i.name_en AS name_en, i.category AS category, st.qty AS qty, "
	    "i.uom AS uom, coalesce(avg.avg_milli, 0) AS avg_milli, "
	    ISO("iss.last") " AS last_issue FROM st "
	    "LEFT JOIN cat_item i ON i.code = st.item "
	    "LEFT JOIN iss ON iss.site = st.site AND iss.depot = st.depot AND "
	    "iss.item = st.item LEFT JOIN avg ON avg.site = st.site AND "
	    "avg.depot = st.depot AND avg.item = st.item "
	    "WHERE (iss.last IS NULL OR iss.last < $12::timestamptz) AND "
	    CATEGORY " ORDER BY st.depot COLLATE \"C\", st.item COLLATE \"C\"",
	/*
	 * Issued: to a cost centre, less what reversals brought back, by
	 * issue and reversal documents of the period.
	 */
	[RP_ISSUED] = "SELECT x.item AS item, i.name_ar AS name_ar, "
	    "i.name_en AS name_en, i.category AS category, i.uom AS uom, "
	    "x.qty AS qty, x.value AS value FROM (SELECT m.item AS item, "
	    "sum(CASE WHEN m.to_loc LIKE '@CC/%' THEN m.qty ELSE -m.qty END) "
	    "AS qty, sum(CASE WHEN m.to_loc LIKE '@CC/%' THEN m.value ELSE "
	    "-m.value END) AS value FROM movement m JOIN document d ON "
	    "d.site = m.site AND d.number = m.doc "
	    "WHERE d.type IN ('issue', 'reversal') AND "
	    "((m.to_loc LIKE '@CC/%' AND " REAL("m.from_loc") ") OR "
	    "(m.from_loc LIKE '@CC/%' AND " REAL("m.to_loc") ")) AND "
	    SITE("m.site") " AND ($6::text IS NULL OR "
	    "d.at >= $6::timestamptz) AND ($7::text IS NULL OR "
	    "d.at < $7::timestamptz) AND ($2::text IS NULL OR split_part(CASE "
	    "WHEN m.to_loc LIKE '@CC/%' THEN m.from_loc ELSE m.to_loc END, "
	    "'/', 1) = $2::text) AND ($9::text IS NULL OR (CASE WHEN "
	    "m.to_loc LIKE '@CC/%' THEN m.to_loc ELSE m.from_loc END) = "
	    "'@CC/' || $9::text) AND ($5::text IS NULL OR m.item = $5::text) "
	    "GROUP BY m.item) x LEFT JOIN cat_item i ON i.code = x.item "
	    "WHERE x.qty > 0 AND " CATEGORY " ORDER BY x.value DESC, "
	    "x.item COLLATE \"C\"",
	/*
	 * Today: the balances of the depot's real locations; at the end of
	 * $13: what moved into and out of them up to it.
	 */
	[RP_VALUE] = "WITH h AS (SELECT site, depot, item, sum(qty) AS "
	    "qty_now, sum(value) AS value_now FROM balance WHERE is_real AND "
	    SITE("site") " AND ($2::text IS NULL OR depot = $2::text) AND "
	    "($5::text IS NULL OR item = $5::text) GROUP BY 1, 2, 3), "
	    "mv AS (SELECT m.site AS site, x.depot AS depot, m.item AS item, "
	    "sum(x.sign * m.qty) AS qty, sum(x.sign * m.value) AS value "
	    "FROM movement m CROSS JOIN LATERAL (VALUES "
	    "(split_part(m.to_loc, '/', 1), 1, " REAL("m.to_loc") "), "
	    "(split_part(m.from_loc, '/', 1), -1, " REAL("m.from_loc") ")) "
	    "x(depot, sign, is_real) WHERE x.is_real AND "
	    "m.at <= $13::timestamptz AND " SITE("m.site") " GROUP BY 1, 2, 3) "
	    "SELECT h.depot AS depot, h.item AS item, i.name_ar AS name_ar, "
	    "i.name_en AS name_en, i.category AS category, i.uom AS uom, "
	    "coalesce(mv.qty, 0) AS qty_at, coalesce(mv.value, 0) AS value_at, "
	    "h.qty_now AS qty_now, h.value_now AS value_now FROM h "
	    "LEFT JOIN mv ON mv.site = h.site AND mv.depot = h.depot AND "
	    "mv.item = h.item LEFT JOIN cat_item i ON i.code = h.item "
	    "WHERE " CATEGORY " AND NOT (coalesce(mv.qty, 0) = 0 AND "
	    "coalesce(mv.value, 0) = 0 AND h.qty_now = 0 AND "
	    "h.value_now = 0) ORDER BY h.depot COLLATE \"C\", "
	    "h.item COLLATE \"C\"",
	/*
	 * What a transfer still has in transit, per item and lot (the
	 * query of transfer list --pending, central/pg.c); --site keeps
	 * the transfers to its depots, as that site's own report does.
	 */
	[RP_TRANSIT] = "WITH " SHIPPED " SELECT s.number AS number, "
	    "s.from_depot AS from_depot, s.to_depot AS to_depot, "
	    ISO("s.at") " AS shipped_at, s.item AS item, "
	    "nullif(s.lot, '') AS lot, s.qty - coalesce(r.qty, 0) AS qty, "
	    "i.uom AS uom FROM ship s LEFT JOIN recv r ON "
	    "r.origin = s.from_site AND r.number = s.number AND "
	    "r.item = s.item AND r.lot = s.lot "
	    "LEFT JOIN cat_depot cd ON cd.code = s.to_depot "
	    "LEFT JOIN cat_item i ON i.code = s.item "
	    "WHERE s.qty - coalesce(r.qty, 0) > 0 AND ($1::text IS NULL OR "
	    "coalesce(s.to_site, cd.site, s.from_site) = $1::text) AND "
	    "($2::text IS NULL OR s.from_depot = $2::text OR "
	    "s.to_depot = $2::text) AND " CATEGORY " AND ($5::text IS NULL OR "
	    "s.item = $5::text) ORDER BY s.at, s.from_site COLLATE \"C\", "
	    "s.number COLLATE \"C\", s.item COLLATE \"C\", "
	    "s.lot COLLATE \"C\"",
	/*
	 * A lot's expiry as its movements said (central/apply.c, table
	 * lot), compared as text as a depot does; by depot and lot.
	 */
	[RP_EXPIRY] = "WITH " AVG " SELECT b.depot AS depot, b.item AS item, "
	    "i.name_ar AS name_ar, i.name_en AS name_en, b.lot AS lot, "
	    "l.expiry AS expiry, sum(b.qty) AS qty, i.uom AS uom, "
	    "coalesce(avg.avg_milli, 0) AS avg_milli FROM balance b "
	    "JOIN lot l ON l.site = b.site AND l.item = b.item AND "
	    "l.code = b.lot LEFT JOIN cat_item i ON i.code = b.item "
	    "LEFT JOIN avg ON avg.site = b.site AND avg.depot = b.depot AND "
	    "avg.item = b.item WHERE b.is_real AND b.lot <> '' AND "
	    "l.expiry IS NOT NULL AND l.expiry <= $11::text AND "
	    SITE("b.site") " AND " OURS("b.location") " AND " CATEGORY " AND "
	    "($5::text IS NULL OR b.item = $5::text) GROUP BY b.site, "
	    "b.depot, b.item, b.lot, l.expiry, i.name_ar, i.name_en, i.uom, "
	    "avg.avg_milli HAVING sum(b.qty) > 0 ORDER BY l.expiry, "
	    "b.item COLLATE \"C\", b.lot COLLATE \"C\", "
	    "b.depot COLLATE \"C\"",
	/*
	 * The lines of posted counts, as their count.post events listed
	 * them (table count_line): an open count's lines are at its depot
	 * until it is posted.  In the order the counts were started.
	 */
	[RP_VARIANCE] = "WITH " AVG " SELECT d.number AS count, "
	    "d.status AS status, c.location AS location, c.item AS item, "
	    "nullif(c.lot, '') AS lot, i.uom AS uom, c.status AS line_status, "
	    "c.expected AS expected, c.book AS book, c.counted AS counted, "
	    "(c.counted IS NOT NULL)::int AS has_counted, "
	    "coalesce(avg.avg_milli, 0) AS avg_milli FROM document d "
	    "JOIN count_line c ON c.site = d.site AND c.doc = d.number "
	    "LEFT JOIN cat_item i ON i.code = c.item "
	    "LEFT JOIN avg ON avg.site = c.site AND "
	    "avg.depot = split_part(c.location, '/', 1) AND "
	    "avg.item = c.item WHERE d.type = 'count.start' AND "
	    SITE("d.site") " AND ($15::text IS NULL OR d.number = $15::text) "
	    "AND ($2::text IS NULL OR d.depot = $2::text) AND "
	    PFX("c.location") " AND " CATEGORY " AND ($5::text IS NULL OR "
	    "c.item = $5::text) ORDER BY d.at, d.site COLLATE \"C\", "
	    "d.number COLLATE \"C\", c.location COLLATE \"C\", "
	    "c.item COLLATE \"C\", c.lot COLLATE \"C\"",
	/*
	 * Lots on hand that no movement told the expiry of: moved only by
	 * events from before the field (docs/events.md).
	 */
	[RP_EXPIRY_LACKS] = "SELECT count(*) AS n FROM (SELECT DISTINCT "
	    "b.site, b.item, b.lot FROM balance b LEFT JOIN lot l ON "
	    "l.site = b.site AND l.item = b.item AND l.code = b.lot "
	    "WHERE b.is_real AND b.lot <> '' AND b.qty > 0 AND l.code IS NULL "
	    "AND " SITE("b.site") ") x",
	/*
	 * Posted counts with fewer lines than they started with: posted by
	 * a depot that did not send its lines (lines are only added).
	 */
	[RP_VARIANCE_LACKS] = "SELECT count(*) AS n FROM document d WHERE "
	    "d.type = 'count.start' AND d.status = 'posted' AND "
	    SITE("d.site") " AND coalesce((d.header->>'lines')::bigint, 0) > "
	    "(SELECT count(*) FROM count_line c WHERE c.site = d.site AND "
	    "c.doc = d.number)",
};

/* Whether name $1 is known, by enum db_rep_name: a row when it is. */
static const char *const rp_name_sql[RP_NAMES] = {
	[DB_REP_NAME_DEPOT] = "SELECT 1 AS found WHERE EXISTS (SELECT 1 FROM "
	    "cat_depot WHERE code = $1::text) OR EXISTS (SELECT 1 FROM "
	    "balance WHERE depot = $1::text AND is_real)",
	[DB_REP_NAME_USER] = "SELECT 1 AS found FROM document WHERE "
	    "\"user\" = $1::text OR ($1::text = '@centre' AND "
	    "type = 'transfer.inbound') LIMIT 1",
	[DB_REP_NAME_CC] = "SELECT 1 AS found WHERE EXISTS (SELECT 1 FROM "
	    "cat_cost_centre WHERE code = $1::text) OR EXISTS (SELECT 1 FROM "
	    "balance WHERE location = '@CC/' || $1::text)",
	[DB_REP_NAME_CATEGORY] = "SELECT 1 AS found FROM cat_item WHERE "
	    "category = $1::text LIMIT 1",
	/* A location of the site's ($2), as its own database has them. */
	[DB_REP_NAME_PREFIX] = "SELECT 1 AS found FROM balance WHERE "
	    "($2::text IS NULL OR site = $2::text) AND (location = $1::text "
	    "OR left(location, length($1::text) + 1) = $1::text || '/') "
	    "LIMIT 1",
	[DB_REP_NAME_COUNT] = "SELECT 1 AS found FROM document WHERE "
	    "number = $1::text AND type = 'count.start' AND ($2::text IS "
	    "NULL OR site = $2::text) LIMIT 1",
};

/* Run sql with the text parameters v (n of them); NULL with err filled. */
static PGresult *
rp_exec(struct central_report *s, const char *sql, int n,
    const char *const *v, struct wms_err *err)
{
	static const Oid types[NPARAM] = { TEXTOID, TEXTOID, TEXTOID, TEXTOID,
	    TEXTOID, TEXTOID, TEXTOID, TEXTOID, TEXTOID, TEXTOID, TEXTOID,
	    TEXTOID, TEXTOID, TEXTOID, TEXTOID };
	PGresult *res;

	res = PQexecParams(central_pg_conn(s->pg), sql, n, types, v, NULL,
	    NULL, 0);
	if (res == NULL || PQresultStatus(res) != PGRES_TUPLES_OK) {
		central_pg_fail(s->pg, res, _("a report at the centre"), err);
		PQclear(res);
		return NULL;
	}
	return res;
}

/* Statement idx bound to f: the parameters of the header comment. */
static PGresult *
rp_query(struct central_report *s, int idx, const struct db_rep_filter *f,
    struct wms_err *err)
{
	const char	*v[NPARAM];
	char		 limit[24];

	snprintf(limit, sizeof limit, "%lld", (long long)f->limit);
	v[0] = s->site;
	v[1] = f->depot != 0 ? s->names[DB_REP_NAME_DEPOT] : NULL;
	v[2] = f->prefix;
	v[3] = f->category;
	v[4] = f->item != 0 ? s->item : NULL;
	v[5] = f->from;
	v[6] = f->to;
	v[7] = f->user != 0 ? s->names[DB_REP_NAME_USER] : NULL;
	v[8] = f->cc != 0 ? s->names[DB_REP_NAME_CC] : NULL;
	v[9] = f->type;
	v[10] = f->until;
	v[11] = f->since;
	v[12] = f->at;
	v[13] = limit;
	v[14] = f->count != 0 ? s->names[DB_REP_NAME_COUNT] : NULL;
	return rp_exec(s, rp_sql[idx], NPARAM, v, err);
}

/* A cell by its column's name: NULL for SQL NULL (or no such column). */
static const char *
col(const PGresult *res, int row, const char *name)
{
	int c = PQfnumber(res, name);

	if (c < 0 || PQgetisnull(res, row, c))
		return NULL;
	return PQgetvalue(res, row, c);
}

static int64_t
num(const PGresult *res, int row, const char *name)
{
	const char *v = col(res, row, name);

	return v != NULL ? strtoll(v, NULL, 10) : 0;
}

int
central_report_open(struct central_pg *pg, const char *site,
    struct central_report **out, struct wms_err *err)
{
	struct central_report	*s;
	PGresult		*res;
	int			 found;

	*out = NULL;
	s = xcalloc(1, sizeof *s);
	s->pg = pg;
	/*
	 * Each report is one statement run once: compiling it (JIT) took
	 * seconds where running it took a fraction of one, on two million
	 * movements.  For this connection only.
	 */
	if (central_sql(pg, "SET jit = off", err) != 0) {
		free(s);
		return err->rc;
	}
	s->cancel = PQgetCancel(central_pg_conn(pg));
	if (site != NULL) {
		if ((res = rp_exec(s, rp_sql[RP_SITE], 1, &site, err)) ==
		    NULL) {
			central_report_close(s);
			return err->rc;
		}
		found = PQntuples(res) > 0;
		PQclear(res);
		if (!found) {
			central_report_close(s);
			return wms_err_set(err, WMS_ERR_USAGE, _("the centre "
			    "knows no site %s: makhzan central sites list "
			    "shows them"), site);
		}
		s->site = xstrdup(site);
	}
	*out = s;
	return 0;
}

void
central_report_close(struct central_report *s)
{
	int i;

	if (s == NULL)
		return;
	if (s->cancel != NULL)
		PQfreeCancel(s->cancel);
	for (i = 0; i < RP_NAMES; i++)
		free(s->names[i]);
	free(s->item);
	free(s->site);
	free(s);
}

void
central_report_stop(struct central_report *s)
{
	char buf[256];

	/* PQcancel is safe in a signal handler (libpq's documentation). */
	if (s != NULL && s->cancel != NULL)
		(void)PQcancel(s->cancel, buf, sizeof buf);
}

/*
 * Whether the events the centre applied carry what report name needs:
 * old depots sent no expiry dates and no count lines (docs/events.md).
 * Rather than a report short of rows, one line saying so.  A query that
 * fails says nothing here: the report's own query will say it.
 */
static int64_t
rp_lack_count(struct central_report *s, int idx)
{
	struct wms_err	 err;
	PGresult	*res;
	const char	*v[1] = { s->site };
	int64_t		 n = 0;

	if ((res = rp_exec(s, rp_sql[idx], 1, v, &err)) == NULL)
		return 0;
	if (PQntuples(res) > 0)
		n = num(res, 0, "n");
	PQclear(res);
	return n;
}

static const char *
rp_lacks(void *store, const char *name)
{
	struct central_report	*s = store;
	long long		 n;

	if (strcmp(name, "expiry") == 0 &&
	    (n = rp_lack_count(s, RP_EXPIRY_LACKS)) > 0) {
		snprintf(s->lacks, sizeof s->lacks, _("the centre does not "
		    "know the expiry dates of %lld lots on hand: their events "
		    "came from a depot before expiry dates were sent; run the "
		    "expiry report at the site"), n);
		return s->lacks;
	}
	if (strcmp(name, "variance") == 0 &&
	    (n = rp_lack_count(s, RP_VARIANCE_LACKS)) > 0) {
		snprintf(s->lacks, sizeof s->lacks, _("the centre does not "
		    "have the lines of %lld posted counts: they were posted "
		    "at a depot before count lines were sent; run the "
		    "variance report at the site"), n);
		return s->lacks;
	}
	return NULL;
}

static int
rp_name_id(void *store, enum db_rep_name which, const char *name,
    int64_t *id, struct wms_err *err)
{
	struct central_report	*s = store;
	PGresult		*res;
	const char		*v[2] = { name, s->site };
	int			 found;

	*id = 0;
	if ((unsigned)which >= RP_NAMES)
		return 0;
	if ((res = rp_exec(s, rp_name_sql[which], 2, v, err)) == NULL)
		return err->rc;
	found = PQntuples(res) > 0;
	PQclear(res);
	if (!found)
		return 0;
	/* A category or a prefix is filtered by its text: id 0. */
	if (which != DB_REP_NAME_CATEGORY && which != DB_REP_NAME_PREFIX) {
		free(s->names[which]);
		s->names[which] = xstrdup(name);
		*id = 1;
	}
	return 1;
}

static int
rp_item(void *store, const char *code, int64_t *id, char *uom, size_t len,
    struct wms_err *err)
{
	struct central_report	*s = store;
	PGresult		*res;

	if ((res = rp_exec(s, rp_sql[RP_ITEM], 1, &code, err)) == NULL)
		return err->rc;
	if (PQntuples(res) == 0) {
		PQclear(res);
		return wms_err_set(err, WMS_ERR_NOTFOUND, _("the centre knows "
		    "no item %s, neither in the catalogue nor in a movement"),
		    code);
	}
	free(s->item);
	s->item = xstrdup(col(res, 0, "code"));
	snprintf(uom, len, "%s", col(res, 0, "uom") != NULL ?
	    col(res, 0, "uom") : "");
	PQclear(res);
	*id = 1;
	return 0;
}

/*
 * The body of a row function: each row of statement idx, read by read
 * into a struct T, handed to fn until it says stop.
 */
#define RP_EACH(idx, T, read) do {					\
	struct T	 row_;						\
	PGresult	*res_;						\
	int		 i_;						\
									\
	if ((res_ = rp_query(store, (idx), f, err)) == NULL)		\
		return err->rc;						\
	for (i_ = 0; i_ < PQntuples(res_); i_++) {			\
		read(res_, i_, &row_);					\
		if (fn(&row_, arg) != 0)				\
			break;						\
	}								\
	PQclear(res_);							\
	return 0;							\
} while (0)

static void
stock_read(const PGresult *res, int i, struct db_rep_stock *s)
{
	s->depot = col(res, i, "depot");
	s->location = col(res, i, "location");
	s->category = col(res, i, "category");
	s->item = col(res, i, "item");
	s->name_ar = col(res, i, "name_ar");
	s->name_en = col(res, i, "name_en");
	s->lot = col(res, i, "lot");
	s->qty = num(res, i, "qty");
	s->uom = col(res, i, "uom");
	s->avg_milli = num(res, i, "avg_milli");
}

static int
rp_stock_each(void *store, const struct db_rep_filter *f,
    int (*fn)(const struct db_rep_stock *, void *), void *arg,
    struct wms_err *err)
{
	RP_EACH(RP_STOCK, db_rep_stock, stock_read);
}

static int
rp_card_opening(void *store, const struct db_rep_filter *f, int64_t *qty,
    struct wms_err *err)
{
	PGresult *res;

	*qty = 0;
	if (f->from == NULL)
		return 0;
	if ((res = rp_query(store, RP_CARD_OPENING, f, err)) == NULL)
		return err->rc;
	if (PQntuples(res) > 0)
		*qty = num(res, 0, "qty");
	PQclear(res);
	return 0;
}

static void
card_read(const PGresult *res, int i, struct db_rep_card *c)
{
	c->at = col(res, i, "at");
	c->document = col(res, i, "document");
	c->type = col(res, i, "type");
	c->counterparty = col(res, i, "counterparty");
	c->location = col(res, i, "location");
	c->lot = col(res, i, "lot");
	c->qty = num(res, i, "qty");
	c->in = num(res, i, "in_") != 0;
	c->out = num(res, i, "out_") != 0;
}

static int
rp_card_each(void *store, const struct db_rep_filter *f,
    int (*fn)(const struct db_rep_card *, void *), void *arg,
    struct wms_err *err)
{
	RP_EACH(RP_CARD, db_rep_card, card_read);
}

static void
journal_read(const PGresult *res, int i, struct db_rep_journal *j)
{
	j->at = col(res, i, "at");
	j->number = col(res, i, "number");
	j->type = col(res, i, "type");
	j->status = col(res, i, "status");
	j->depot = col(res, i, "depot");
	j->user = col(res, i, "user_name");
	j->cost_centre = col(res, i, "cost_centre");
	j->counterparty = col(res, i, "counterparty");
	j->reverses = col(res, i, "reverses");
	j->lines = num(res, i, "lines");
	j->value = num(res, i, "value");
}

static int
rp_journal_each(void *store, const struct db_rep_filter *f,
    int (*fn)(const struct db_rep_journal *, void *), void *arg,
    struct wms_err *err)
{
	RP_EACH(RP_JOURNAL, db_rep_journal, journal_read);
}

/* No purchase unit at the centre: the suggestion stays in the base unit. */
static void
reorder_read(const PGresult *res, int i, struct db_rep_reorder *o)
{
	o->item = col(res, i, "item");
	o->name_ar = col(res, i, "name_ar");
	o->name_en = col(res, i, "name_en");
	o->category = col(res, i, "category");
	o->uom = col(res, i, "uom");
	o->on_hand = num(res, i, "on_hand");
	o->in_transit = num(res, i, "in_transit");
	o->min = num(res, i, "min_qty");
	o->max = num(res, i, "max_qty");
	o->purchase_unit = NULL;
	o->purchase_factor = 0;
}

static int
rp_reorder_each(void *store, const struct db_rep_filter *f,
    int (*fn)(const struct db_rep_reorder *, void *), void *arg,
    struct wms_err *err)
{
	RP_EACH(RP_REORDER, db_rep_reorder, reorder_read);
}

static void
slow_read(const PGresult *res, int i, struct db_rep_slow *s)
{
	s->depot = col(res, i, "depot");
	s->item = col(res, i, "item");
	s->name_ar = col(res, i, "name_ar");
	s->name_en = col(res, i, "name_en");
	s->category = col(res, i, "category");
	s->qty = num(res, i, "qty");
	s->uom = col(res, i, "uom");
	s->avg_milli = num(res, i, "avg_milli");
	s->last_issue = col(res, i, "last_issue");
}

static int
rp_slow_each(void *store, const struct db_rep_filter *f,
    int (*fn)(const struct db_rep_slow *, void *), void *arg,
    struct wms_err *err)
{
	RP_EACH(RP_SLOW, db_rep_slow, slow_read);
}

static void
issued_read(const PGresult *res, int i, struct db_rep_issued *s)
{
	s->item = col(res, i, "item");
	s->name_ar = col(res, i, "name_ar");
	s->name_en = col(res, i, "name_en");
	s->category = col(res, i, "category");
	s->uom = col(res, i, "uom");
	s->qty = num(res, i, "qty");
	s->value = num(res, i, "value");
}

static int
rp_issued_each(void *store, const struct db_rep_filter *f,
    int (*fn)(const struct db_rep_issued *, void *), void *arg,
    struct wms_err *err)
{
	RP_EACH(RP_ISSUED, db_rep_issued, issued_read);
}

static void
value_read(const PGresult *res, int i, struct db_rep_value *v)
{
	v->depot = col(res, i, "depot");
	v->item = col(res, i, "item");
	v->name_ar = col(res, i, "name_ar");
	v->name_en = col(res, i, "name_en");
	v->category = col(res, i, "category");
	v->uom = col(res, i, "uom");
	v->qty_at = num(res, i, "qty_at");
	v->value_at = num(res, i, "value_at");
	v->qty_now = num(res, i, "qty_now");
	v->value_now = num(res, i, "value_now");
}

static int
rp_value_each(void *store, const struct db_rep_filter *f,
    int (*fn)(const struct db_rep_value *, void *), void *arg,
    struct wms_err *err)
{
	RP_EACH(RP_VALUE, db_rep_value, value_read);
}

static void
transit_read(const PGresult *res, int i, struct db_rep_transit *t)
{
	t->number = col(res, i, "number");
	t->from_depot = col(res, i, "from_depot");
	t->to_depot = col(res, i, "to_depot");
	t->shipped_at = col(res, i, "shipped_at");
	t->item = col(res, i, "item");
	t->lot = col(res, i, "lot");
	t->qty = num(res, i, "qty");
	t->uom = col(res, i, "uom");
}

static int
rp_transit_each(void *store, const struct db_rep_filter *f,
    int (*fn)(const struct db_rep_transit *, void *), void *arg,
    struct wms_err *err)
{
	RP_EACH(RP_TRANSIT, db_rep_transit, transit_read);
}

static void
expiry_read(const PGresult *res, int i, struct db_rep_expiry *x)
{
	x->depot = col(res, i, "depot");
	x->item = col(res, i, "item");
	x->name_ar = col(res, i, "name_ar");
	x->name_en = col(res, i, "name_en");
	x->lot = col(res, i, "lot");
	x->expiry = col(res, i, "expiry");
	x->qty = num(res, i, "qty");
	x->uom = col(res, i, "uom");
	x->avg_milli = num(res, i, "avg_milli");
}

static int
rp_expiry_each(void *store, const struct db_rep_filter *f,
    int (*fn)(const struct db_rep_expiry *, void *), void *arg,
    struct wms_err *err)
{
	RP_EACH(RP_EXPIRY, db_rep_expiry, expiry_read);
}

static void
variance_read(const PGresult *res, int i, struct db_rep_variance *v)
{
	v->count = col(res, i, "count");
	v->status = col(res, i, "status");
	v->location = col(res, i, "location");
	v->item = col(res, i, "item");
	v->lot = col(res, i, "lot");
	v->uom = col(res, i, "uom");
	v->line_status = col(res, i, "line_status");
	v->expected = num(res, i, "expected");
	v->book = num(res, i, "book");
	v->counted = num(res, i, "counted");
	v->has_counted = num(res, i, "has_counted") != 0;
	v->avg_milli = num(res, i, "avg_milli");
}

static int
rp_variance_each(void *store, const struct db_rep_filter *f,
    int (*fn)(const struct db_rep_variance *, void *), void *arg,
    struct wms_err *err)
{
	RP_EACH(RP_VARIANCE, db_rep_variance, variance_read);
}

/* expiry and variance: refused by rp_lacks when old events lack fields. */
const struct report_source central_report_source = {
	.lacks = rp_lacks,
	.name_id = rp_name_id,
	.item = rp_item,
	.stock_each = rp_stock_each,
	.card_opening = rp_card_opening,
	.card_each = rp_card_each,
	.journal_each = rp_journal_each,
	.reorder_each = rp_reorder_each,
	.expiry_each = rp_expiry_each,
	.slow_each = rp_slow_each,
	.issued_each = rp_issued_each,
	.value_each = rp_value_each,
	.variance_each = rp_variance_each,
	.transit_each = rp_transit_each,
};
