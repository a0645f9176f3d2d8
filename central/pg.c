/* The central PostgreSQL database: connection, migrations, statements. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "central/schema.h"
#include "central/stmt.h"
#include "lib/i18n.h"
#include "lib/xmalloc.h"

/* A time column as the depot stores times: 2026-11-26T20:52:25.285Z. */
#define ISO(x)	"to_char(" x " AT TIME ZONE 'UTC', " \
	"'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')"

struct central_pg {
	PGconn		*conn;
	char		 where[256];
	char		 sqlstate[6];
	unsigned char	 prepared[CS_NSTMT];
};

/* Every statement, by the name it is prepared under. */
static const struct central_sql {
	const char	*name;
	const char	*sql;
} central_sqls[CS_NSTMT] = {
	[CS_SITE_GET] = { .name = "site_get", .sql =
	    "SELECT code, " ISO("added_at") " AS added_at, "
	    ISO("revoked_at") " AS revoked_at FROM site WHERE code = $1::text" },
	[CS_SITE_ADD] = { .name = "site_add", .sql =
	    "INSERT INTO site (code) VALUES ($1::text) "
	    "ON CONFLICT (code) DO NOTHING" },
	[CS_SITE_REINSTATE] = { .name = "site_reinstate", .sql =
	    "UPDATE site SET revoked_at = NULL WHERE code = $1::text AND "
	    "revoked_at IS NOT NULL" },
	[CS_SITE_REVOKE] = { .name = "site_revoke", .sql =
	    "UPDATE site SET revoked_at = now() WHERE code = $1::text AND "
	    "revoked_at IS NULL" },
	[CS_SITE_KEYS_REVOKE] = { .name = "site_keys_revoke", .sql =
	    "UPDATE site_key SET revoked_at = now() WHERE site = $1::text AND "
	    "revoked_at IS NULL" },
	[CS_KEY_GET] = { .name = "key_get", .sql =
	    "SELECT key_id, site, public_key, " ISO("revoked_at")
	    " AS revoked_at FROM site_key WHERE key_id = $1::text OR "
	    "public_key = $2::text" },
	[CS_KEY_ADD] = { .name = "key_add", .sql =
	    "INSERT INTO site_key (key_id, site, public_key) "
	    "VALUES ($1::text, $2::text, $3::text)" },
	[CS_KEY_REVOKE] = { .name = "key_revoke", .sql =
	    "UPDATE site_key SET revoked_at = now() WHERE key_id = $1::text "
	    "AND revoked_at IS NULL" },
	[CS_SITES_LIST] = { .name = "sites_list", .sql =
	    "SELECT s.code AS site, " ISO("s.added_at") " AS site_added, "
	    ISO("s.revoked_at") " AS site_revoked, k.key_id, k.public_key, "
	    ISO("k.added_at") " AS key_added, " ISO("k.revoked_at")
	    " AS key_revoked FROM site s LEFT JOIN site_key k ON "
	    "k.site = s.code ORDER BY s.code COLLATE \"C\", k.added_at" },
	[CS_KEYS_FIND] = { .name = "keys_find", .sql =
	    "SELECT k.key_id, k.site, k.public_key, "
	    "k.revoked_at IS NOT NULL AS key_revoked, "
	    "s.revoked_at IS NOT NULL AS site_revoked FROM site_key k "
	    "JOIN site s ON s.code = k.site WHERE k.key_id = ANY($1::text[])" },
	[CS_PART_ADD] = { .name = "part_add", .sql =
	    "INSERT INTO event_part (event_id, part, parts, site, seq, type, "
	    "key_id, signature, subject, body, proof) SELECT * FROM "
	    "unnest($1::uuid[], $2::int[], $3::int[], $4::text[], "
	    "$5::bigint[], $6::text[], $7::text[], $8::text[], $9::text[], "
	    "$10::bytea[], $11::text[]) ON CONFLICT DO NOTHING "
	    "RETURNING event_id::text, part" },
	[CS_PART_COUNT] = { .name = "part_count", .sql =
	    "SELECT event_id::text AS id, count(*) AS n FROM event_part "
	    "WHERE event_id = ANY($1::uuid[]) GROUP BY event_id" },
	[CS_EVENT_ADD] = { .name = "event_add", .sql =
	    "INSERT INTO event (id, site, seq, type, at, \"user\", parts) "
	    "SELECT * FROM unnest($1::uuid[], $2::text[], $3::bigint[], "
	    "$4::text[], $5::timestamptz[], $6::text[], $7::int[]) "
	    "ON CONFLICT DO NOTHING RETURNING id::text" },
	[CS_EVENT_OWNER] = { .name = "event_owner", .sql =
	    "SELECT id::text AS id, site, seq FROM event "
	    "WHERE id = ANY($1::uuid[])" },
	[CS_QUARANTINE_ADD] = { .name = "quarantine_add", .sql =
	    "INSERT INTO quarantine (stream_seq, subject, msg_id, site, "
	    "key_id, reason, headers, body) VALUES ($1::bigint, $2::text, "
	    "$3::text, $4::text, $5::text, $6::text, $7::text, $8::bytea) "
	    "ON CONFLICT DO NOTHING" },
	[CS_CURSOR_ENSURE] = { .name = "cursor_ensure", .sql =
	    "INSERT INTO site_cursor (site) VALUES ($1::text) "
	    "ON CONFLICT DO NOTHING" },
	[CS_CURSOR_LOCK] = { .name = "cursor_lock", .sql =
	    "SELECT applied_seq FROM site_cursor WHERE site = $1::text "
	    "FOR UPDATE" },
	[CS_WAITING] = { .name = "waiting", .sql =
	    "SELECT id::text AS id, seq, parts FROM event WHERE "
	    "site = $1::text AND "
	    "applied_at IS NULL AND seq > $2::bigint ORDER BY seq "
	    "LIMIT $3::int" },
	[CS_BODIES] = { .name = "bodies", .sql =
	    "SELECT event_id::text AS id, part, body FROM event_part "
	    "WHERE event_id = ANY($1::uuid[]) ORDER BY event_id, part" },
	[CS_DOC_ADD] = { .name = "doc_add", .sql =
	    "INSERT INTO document (site, number, type, depot, status, at, "
	    "\"user\", event_id, header) SELECT $1::text, * FROM "
	    "unnest($2::text[], $3::text[], $4::text[], $5::text[], "
	    "$6::timestamptz[], $7::text[], $8::uuid[], $9::jsonb[]) "
	    "ON CONFLICT DO NOTHING" },
	[CS_DOC_STATUS] = { .name = "doc_status", .sql =
	    "UPDATE document d SET status = u.status FROM "
	    "unnest($2::text[], $3::text[]) AS u(number, status) "
	    "WHERE d.site = $1::text AND d.number = u.number" },
	[CS_DOC_LASTLINE] = { .name = "doc_lastline", .sql =
	    /* One index lookup per document, whatever the statistics say
	     * (a filter over the site's movements would grow with them). */
	    "SELECT d.doc, (SELECT max(m.line) FROM movement m WHERE "
	    "m.site = $1::text AND m.doc = d.doc) AS line "
	    "FROM unnest($2::text[]) AS d(doc)" },
	[CS_MOVE_ADD] = { .name = "move_add", .sql =
	    "INSERT INTO movement (site, doc, line, event_id, item, lot, "
	    "from_loc, to_loc, qty, value, at) SELECT $1::text, * FROM "
	    "unnest($2::text[], $3::int[], $4::uuid[], $5::text[], "
	    "$6::text[], $7::text[], $8::text[], $9::bigint[], $10::bigint[], "
	    "$11::timestamptz[])" },
	[CS_BAL_ADD] = { .name = "bal_add", .sql =
	    "INSERT INTO balance (site, location, depot, is_real, item, lot, "
	    "qty, value) SELECT $1::text, * FROM unnest($2::text[], "
	    "$3::text[], $4::bool[], $5::text[], $6::text[], $7::bigint[], "
	    "$8::bigint[]) ON CONFLICT (site, location, item, lot) DO UPDATE "
	    "SET qty = balance.qty + excluded.qty, "
	    "value = balance.value + excluded.value" },
	/* The last word of a run on each lot wins (one row per key). */
	[CS_LOT_ADD] = { .name = "lot_add", .sql =
	    "INSERT INTO lot (site, item, code, expiry) SELECT DISTINCT ON "
	    "(u.item, u.code) $1::text, u.item, u.code, u.expiry FROM "
	    "unnest($2::text[], $3::text[], $4::text[]) WITH ORDINALITY "
	    "AS u(item, code, expiry, n) ORDER BY u.item, u.code, u.n DESC "
	    "ON CONFLICT (site, item, code) DO UPDATE SET "
	    "expiry = excluded.expiry" },
	[CS_COUNT_LINE_ADD] = { .name = "count_line_add", .sql =
	    "INSERT INTO count_line (site, doc, location, item, lot, status, "
	    "expected, book, counted) SELECT $1::text, * FROM "
	    "unnest($2::text[], $3::text[], $4::text[], $5::text[], "
	    "$6::text[], $7::bigint[], $8::bigint[], $9::bigint[]) "
	    "ON CONFLICT DO NOTHING" },
	[CS_EVENT_APPLIED] = { .name = "event_applied", .sql =
	    "UPDATE event e SET applied_at = now(), doc = u.doc FROM "
	    "unnest($1::uuid[], $2::text[]) AS u(id, doc) WHERE e.id = u.id" },
	[CS_CURSOR_MOVE] = { .name = "cursor_move", .sql =
	    "UPDATE site_cursor SET applied_seq = $2::bigint, "
	    "applied_count = applied_count + $3::bigint, "
	    "last_applied_at = now(), last_event_at = "
	    "greatest(last_event_at, $4::timestamptz) WHERE site = $1::text" },
	[CS_MINUTE_ADD] = { .name = "minute_add", .sql =
	    "INSERT INTO applied_minute (site, minute, events) VALUES "
	    "($1::text, date_trunc('minute', now()), $2::bigint) "
	    "ON CONFLICT (site, minute) DO UPDATE SET "
	    "events = applied_minute.events + excluded.events" },
	[CS_HEARTBEAT] = { .name = "heartbeat", .sql =
	    "UPDATE site_cursor SET last_heartbeat_at = $2::timestamptz, "
	    "heartbeat_pending = $3::bigint, heartbeat_oldest_s = $4::bigint, "
	    "heartbeat_last_seq = $5::bigint, "
	    "heartbeat_last_ack = $6::timestamptz WHERE site = $1::text AND "
	    "(last_heartbeat_at IS NULL OR "
	    "last_heartbeat_at <= $2::timestamptz)" },
	[CS_CATCHUP] = { .name = "catchup", .sql =
	    "SELECT c.site FROM site_cursor c WHERE EXISTS (SELECT 1 FROM "
	    "event e WHERE e.site = c.site AND e.seq = c.applied_seq + 1 AND "
	    "e.applied_at IS NULL) ORDER BY c.site" },
	[CS_STATUS] = { .name = "status", .sql =
	    "SELECT s.code AS site, s.revoked_at IS NOT NULL AS revoked, "
	    "coalesce(c.applied_count, 0) AS applied, "
	    "coalesce(c.applied_seq, 0) AS last_seq, "
	    "c.heartbeat_last_seq AS hb_last_seq, "
	    "c.heartbeat_pending AS hb_pending, "
	    "c.heartbeat_oldest_s AS hb_oldest_s, "
	    "floor(extract(epoch FROM now() - c.last_heartbeat_at))::bigint "
	    "AS hb_age_s, " ISO("c.last_heartbeat_at") " AS last_heartbeat, "
	    "(SELECT max(p.seq) FROM event_part p WHERE p.site = s.code AND "
	    "p.seq > coalesce(c.applied_seq, 0)) AS max_received, "
	    "(SELECT floor(extract(epoch FROM now() - min(e.at)))::bigint "
	    "FROM event e WHERE e.site = s.code AND e.applied_at IS NULL) "
	    "AS waiting_age_s, "
	    "(SELECT count(*) FROM quarantine q WHERE q.site = s.code) "
	    "AS quarantined, "
	    "(SELECT coalesce(sum(m.events), 0) FROM applied_minute m "
	    "WHERE m.site = s.code AND m.minute > now() - interval '1 hour') "
	    "AS applied_hour "
	    "FROM site s LEFT JOIN site_cursor c ON c.site = s.code "
	    "WHERE $1::text IS NULL OR s.code = $1::text "
	    "ORDER BY s.code COLLATE \"C\"" },
	[CS_GAPS] = { .name = "gaps", .sql =
	    "SELECT site, gap_from, gap_to FROM gap WHERE $1::text IS NULL OR "
	    "site = $1::text ORDER BY site COLLATE \"C\", gap_from" },
	[CS_QUARANTINE_LIST] = { .name = "quarantine_list", .sql =
	    "SELECT id, " ISO("received_at") " AS received_at, site, subject, "
	    "msg_id, key_id, reason FROM quarantine WHERE $1::text IS NULL OR "
	    "site = $1::text ORDER BY id" },
	[CS_STOCK] = { .name = "stock", .sql =
	    "SELECT site, depot, location, item, nullif(lot, '') AS lot, qty "
	    "FROM balance WHERE is_real AND qty <> 0 AND "
	    "($1::text IS NULL OR site = $1::text) AND "
	    "($2::text IS NULL OR depot = $2::text) AND "
	    "($3::text IS NULL OR item = $3::text) AND "
	    "($4::text IS NULL OR location = $4::text OR "
	    "left(location, length($4::text) + 1) = $4::text || '/') "
	    "ORDER BY site COLLATE \"C\", depot COLLATE \"C\", "
	    "location COLLATE \"C\", item COLLATE \"C\", lot COLLATE \"C\"" },
	[CS_CHECK_CURSOR] = { .name = "check_cursor", .sql =
	    "SELECT applied_seq FROM site_cursor WHERE site = $1::text" },
	[CS_CHECK_MOVES] = { .name = "check_moves", .sql =
	    "SELECT d.number AS doc, m.item, m.lot, m.from_loc, m.to_loc, "
	    "m.qty, m.value FROM document d LEFT JOIN movement m ON "
	    "m.site = d.site AND m.doc = d.number WHERE d.site = $1::text "
	    "ORDER BY d.number COLLATE \"C\", m.line" },
	/* An item's code from its code or a barcode, if the centre knows it
	 * (from the catalogue or from a movement). */
	[CS_ITEM_CODE] = { .name = "item_code", .sql =
	    "SELECT code FROM (SELECT code FROM cat_item WHERE code = $1::text "
	    "UNION ALL SELECT item FROM cat_barcode WHERE barcode = $1::text "
	    "UNION ALL (SELECT item FROM movement WHERE item = $1::text "
	    "LIMIT 1)) c LIMIT 1" },
	/*
	 * The national stock card of an item: a movement is in when it goes
	 * to a real location (no segment starting with @) of the site and
	 * depot filtered, out when it leaves one; a move inside shows as both.
	 * The running balance in the order the movements happened.
	 */
	[CS_LEDGER] = { .name = "ledger", .sql =
	    "SELECT site, " ISO("at") " AS at, doc AS document, from_loc, "
	    "to_loc, nullif(lot, '') AS lot, "
	    "CASE WHEN in_ THEN qty END AS in_qty, "
	    "CASE WHEN out_ THEN qty END AS out_qty, "
	    "sum(CASE WHEN in_ THEN qty ELSE 0 END - "
	    "CASE WHEN out_ THEN qty ELSE 0 END) OVER (ORDER BY at, "
	    "site COLLATE \"C\", doc COLLATE \"C\", line ROWS UNBOUNDED "
	    "PRECEDING) AS balance FROM (SELECT m.*, "
	    "m.from_loc !~ '(^|/)@' AND ($2::text IS NULL OR m.site = $2::text) "
	    "AND ($3::text IS NULL OR split_part(m.from_loc, '/', 1) = "
	    "$3::text) AS out_, "
	    "m.to_loc !~ '(^|/)@' AND ($2::text IS NULL OR m.site = $2::text) "
	    "AND ($3::text IS NULL OR split_part(m.to_loc, '/', 1) = "
	    "$3::text) AS in_ FROM movement m WHERE m.item = $1::text) m "
	    "WHERE in_ OR out_ "
	    "ORDER BY at, site COLLATE \"C\", doc COLLATE \"C\", line" },
	/*
	 * What is in transit, per transfer, item and lot: what its shipping
	 * site's document sent into transit (TO/@TRANSIT within a site,
	 * @SITE/X to another), less what left TO/@TRANSIT at either site's
	 * copy of it (the receiving site's has the same number and
	 * header.from_site).  Since when: the shipment's time.
	 */
	[CS_PENDING] = { .name = "pending", .sql =
	    "WITH ship AS (SELECT d.site AS from_site, d.number, "
	    "d.depot AS from_depot, coalesce(d.header->>'to_depot', "
	    "split_part(min(m.to_loc), '/', 1)) AS to_depot, "
	    "d.header->>'to_site' AS to_site, d.at, m.item, m.lot, "
	    "sum(m.qty) AS qty FROM document d JOIN movement m ON "
	    "m.site = d.site AND m.doc = d.number "
	    "WHERE d.type = 'transfer.ship' AND m.from_loc !~ '(^|/)@' AND "
	    "(m.to_loc LIKE '@SITE/%' OR m.to_loc LIKE '%/@TRANSIT') "
	    "GROUP BY d.site, d.number, d.depot, d.header, d.at, m.item, "
	    "m.lot), "
	    "recv AS (SELECT coalesce(d.header->>'from_site', d.site) AS "
	    "origin, d.number, m.item, m.lot, sum(m.qty) AS qty "
	    "FROM document d JOIN movement m ON m.site = d.site AND "
	    "m.doc = d.number WHERE d.type IN ('transfer.ship', "
	    "'transfer.inbound') AND m.from_loc LIKE '%/@TRANSIT' AND "
	    "m.to_loc !~ '(^|/)@' GROUP BY 1, 2, 3, 4) "
	    "SELECT s.number, s.from_site, s.from_depot, "
	    "coalesce(s.to_site, cd.site, s.from_site) AS to_site, s.to_depot, "
	    ISO("s.at") " AS shipped, s.item, nullif(s.lot, '') AS lot, "
	    "s.qty - coalesce(r.qty, 0) AS in_transit "
	    "FROM ship s LEFT JOIN recv r ON r.origin = s.from_site AND "
	    "r.number = s.number AND r.item = s.item AND r.lot = s.lot "
	    "LEFT JOIN cat_depot cd ON cd.code = s.to_depot "
	    "WHERE s.qty - coalesce(r.qty, 0) <> 0 AND ($1::text IS NULL OR "
	    "s.from_site = $1::text OR coalesce(s.to_site, cd.site, "
	    "s.from_site) = $1::text) AND ($2::text IS NULL OR "
	    "s.from_depot = $2::text OR s.to_depot = $2::text) "
	    "ORDER BY s.at, s.from_site COLLATE \"C\", s.number COLLATE "
	    "\"C\", s.item COLLATE \"C\", s.lot COLLATE \"C\"" },
	/* central check: what it looked at. */
	[CS_NCHECK_COUNTS] = { .name = "ncheck_counts", .sql =
	    "SELECT (SELECT count(*) FROM document WHERE type = "
	    "'transfer.ship') AS transfers, (SELECT count(DISTINCT item) FROM "
	    "balance) AS items" },
	/*
	 * Per transfer, item and lot (a serial is a lot): shipped = received
	 * + in transit.  Shipped: what the shipping site's document sent
	 * into transit.  In transit: what arrived in the receiving site's
	 * copy (@SITE/<from> to TO/@TRANSIT) less what left TO/@TRANSIT, or,
	 * while the receiving site has no copy yet, what was shipped less
	 * what was received.  Quantities as text in the base unit.
	 */
	[CS_NCHECK_TRANSFERS] = { .name = "ncheck_transfers", .sql =
	    "WITH ship AS (SELECT d.site AS origin, d.number, m.item, m.lot, "
	    "sum(m.qty) AS qty FROM document d JOIN movement m ON "
	    "m.site = d.site AND m.doc = d.number WHERE d.type = "
	    "'transfer.ship' AND m.from_loc !~ '(^|/)@' AND (m.to_loc LIKE "
	    "'@SITE/%' OR m.to_loc LIKE '%/@TRANSIT') GROUP BY 1, 2, 3, 4), "
	    "copy AS (SELECT d.site, d.number, d.header->>'from_site' AS "
	    "origin FROM document d WHERE d.type = 'transfer.inbound'), "
	    "arrived AS (SELECT d.header->>'from_site' AS origin, d.number, "
	    "m.item, m.lot, sum(m.qty) AS qty FROM document d JOIN movement m "
	    "ON m.site = d.site AND m.doc = d.number WHERE d.type = "
	    "'transfer.inbound' AND m.from_loc LIKE '@SITE/%' AND m.to_loc "
	    "LIKE '%/@TRANSIT' GROUP BY 1, 2, 3, 4), "
	    "recv AS (SELECT coalesce(d.header->>'from_site', d.site) AS "
	    "origin, d.number, m.item, m.lot, sum(m.qty) AS qty "
	    "FROM document d JOIN movement m ON m.site = d.site AND "
	    "m.doc = d.number WHERE d.type IN ('transfer.ship', "
	    "'transfer.inbound') AND m.from_loc LIKE '%/@TRANSIT' AND "
	    "m.to_loc !~ '(^|/)@' GROUP BY 1, 2, 3, 4), "
	    "k AS (SELECT origin, number, item, lot FROM ship UNION "
	    "SELECT origin, number, item, lot FROM arrived UNION "
	    "SELECT origin, number, item, lot FROM recv), "
	    "t AS (SELECT k.origin, k.number, k.item, k.lot, c.site AS "
	    "to_site, coalesce(s.qty, 0) AS shipped, coalesce(r.qty, 0) AS "
	    "received, CASE WHEN c.site IS NOT NULL THEN coalesce(a.qty, 0) "
	    "ELSE coalesce(s.qty, 0) END - coalesce(r.qty, 0) AS transit "
	    "FROM k LEFT JOIN ship s USING (origin, number, item, lot) "
	    "LEFT JOIN arrived a USING (origin, number, item, lot) "
	    "LEFT JOIN recv r USING (origin, number, item, lot) "
	    "LEFT JOIN copy c USING (origin, number)) "
	    "SELECT origin AS site, number, item, nullif(lot, '') AS lot, "
	    "coalesce(to_site, origin) AS to_site, "
	    "trim_scale(shipped / 1000.0)::text AS shipped, "
	    "trim_scale(received / 1000.0)::text AS received, "
	    "trim_scale(transit / 1000.0)::text AS transit FROM t "
	    "WHERE shipped <> received + transit OR transit < 0 "
	    "ORDER BY origin COLLATE \"C\", number COLLATE \"C\", "
	    "item COLLATE \"C\", lot COLLATE \"C\"" },
	/* Per item, at each site and nationally (site NULL): sums zero. */
	[CS_NCHECK_SUMS] = { .name = "ncheck_sums", .sql =
	    "SELECT item, site, trim_scale(sum(qty) / 1000.0)::text AS qty "
	    "FROM balance GROUP BY GROUPING SETS ((item, site), (item)) "
	    "HAVING sum(qty) <> 0 ORDER BY item COLLATE \"C\", "
	    "site COLLATE \"C\" NULLS LAST" },
	/* Each balance is the sum of the movements in and out of it. */
	[CS_NCHECK_BALANCES] = { .name = "ncheck_balances", .sql =
	    "SELECT * FROM (SELECT coalesce(b.site, v.site) AS site, "
	    "coalesce(b.location, "
	    "v.location) AS location, coalesce(b.item, v.item) AS item, "
	    "nullif(coalesce(b.lot, v.lot), '') AS lot, "
	    "trim_scale(coalesce(b.qty, 0) / 1000.0)::text AS qty, "
	    "trim_scale(coalesce(v.qty, 0) / 1000.0)::text AS moved "
	    "FROM balance b FULL JOIN (SELECT site, loc AS location, item, "
	    "lot, sum(q) AS qty FROM (SELECT site, to_loc AS loc, item, lot, "
	    "qty AS q FROM movement UNION ALL SELECT site, from_loc, item, "
	    "lot, -qty FROM movement) x GROUP BY 1, 2, 3, 4) v ON "
	    "v.site = b.site AND v.location = b.location AND "
	    "v.item = b.item AND v.lot = b.lot "
	    "WHERE coalesce(b.qty, 0) <> coalesce(v.qty, 0)) x "
	    "ORDER BY site COLLATE \"C\", location COLLATE \"C\", "
	    "item COLLATE \"C\", lot COLLATE \"C\"" },
};

/* The first line of libpq's message, without its "connection to ..." head. */
static void
pg_reason(const char *msg, char *out, size_t n)
{
	const char	*p, *f;
	size_t		 len;

	if (msg == NULL || *msg == '\0')
		msg = "?";
	len = strcspn(msg, "\n");
	p = msg;
	if ((f = strstr(msg, "failed: ")) != NULL && (size_t)(f - msg) < len) {
		p = f + strlen("failed: ");
		len -= (size_t)(p - msg);
	}
	if (strncmp(p, "FATAL:", 6) == 0 || strncmp(p, "ERROR:", 6) == 0) {
		p += 6;
		len -= 6;
	}
	while (len > 0 && *p == ' ') {
		p++;
		len--;
	}
	while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\r'))
		len--;
	snprintf(out, n, "%.*s", (int)len, p);
}

static void
pg_where(struct central_pg *pg)
{
	const char *host = PQhost(pg->conn), *port = PQport(pg->conn);

	snprintf(pg->where, sizeof pg->where, _("host %s port %s database %s "
	    "user %s"), host != NULL && *host != '\0' ? host : "localhost",
	    port != NULL && *port != '\0' ? port : "5432",
	    PQdb(pg->conn) != NULL ? PQdb(pg->conn) : "?",
	    PQuser(pg->conn) != NULL ? PQuser(pg->conn) : "?");
}

const char *
central_pg_where(struct central_pg *pg)
{
	return pg->where;
}

const char *
central_pg_conninfo(const char *given, const char *ini)
{
	if (given != NULL)
		return given;
	if (ini != NULL)
		return ini;
	return "";
}

int
central_pg_schema_latest(void)
{
	return central_migrations[central_nmigrations - 1].version;
}

PGconn *
central_pg_conn(struct central_pg *pg)
{
	return pg->conn;
}

int
central_pg_ok(struct central_pg *pg)
{
	return pg != NULL && pg->conn != NULL &&
	    PQstatus(pg->conn) == CONNECTION_OK;
}

int
central_pg_retryable(struct central_pg *pg)
{
	return strcmp(pg->sqlstate, "40001") == 0 ||
	    strcmp(pg->sqlstate, "40P01") == 0;
}

int
central_pg_fail(struct central_pg *pg, const PGresult *res, const char *what,
    struct wms_err *err)
{
	const char	*state = NULL, *prim = NULL;
	char		 why[400];

	if (res != NULL) {
		state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
		prim = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
	}
	snprintf(pg->sqlstate, sizeof pg->sqlstate, "%s",
	    state != NULL ? state : "");
	if (prim != NULL)
		snprintf(why, sizeof why, "%s", prim);
	else
		pg_reason(PQerrorMessage(pg->conn), why, sizeof why);
	if (PQstatus(pg->conn) != CONNECTION_OK ||
	    (state != NULL && strncmp(state, "08", 2) == 0) ||
	    (state != NULL && strncmp(state, "57P", 3) == 0))
		return wms_err_set(err, WMS_ERR_IO,
		    _("%s: the central database (%s) does not answer: %s"),
		    what, pg->where, why);
	if (state != NULL && strncmp(state, "28", 2) == 0)
		return wms_err_set(err, WMS_ERR_DENIED,
		    _("%s: the central database refused the login: %s"), what,
		    why);
	if (state != NULL && strncmp(state, "42501", 5) == 0)
		return wms_err_set(err, WMS_ERR_DENIED,
		    _("%s: the central database's user may not do this: %s"),
		    what, why);
	if (state != NULL && strcmp(state, "42P01") == 0)
		return wms_err_set(err, WMS_ERR_CORRUPT,
		    _("%s: the central database has no makhzan tables: run "
		    "makhzan central setup"), what);
	if (state != NULL && (strncmp(state, "23", 2) == 0 ||
	    strncmp(state, "40", 2) == 0))
		return wms_err_set(err, WMS_ERR_CONFLICT, "%s: %s", what, why);
	return wms_err_set(err, WMS_ERR_DB, _("%s: central database error: %s"),
	    what, why);
}

static int
pg_check(struct central_pg *pg, PGresult *res, const char *what,
    struct wms_err *err)
{
	ExecStatusType s = PQresultStatus(res);

	if (s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK ||
	    s == PGRES_SINGLE_TUPLE)
		return 0;
	return central_pg_fail(pg, res, what, err);
}

int
central_sql(struct central_pg *pg, const char *sql, struct wms_err *err)
{
	PGresult	*res = PQexec(pg->conn, sql);
	int		 rc = pg_check(pg, res, sql, err);

	PQclear(res);
	return rc;
}

int
central_begin(struct central_pg *pg, struct wms_err *err)
{
	return central_sql(pg, "BEGIN", err);
}

int
central_commit(struct central_pg *pg, struct wms_err *err)
{
	return central_sql(pg, "COMMIT", err);
}

void
central_rollback(struct central_pg *pg)
{
	if (pg->conn != NULL && PQtransactionStatus(pg->conn) != PQTRANS_IDLE &&
	    PQtransactionStatus(pg->conn) != PQTRANS_UNKNOWN)
		PQclear(PQexec(pg->conn, "ROLLBACK"));
}

static int
pg_prepare(struct central_pg *pg, enum central_stmt idx, struct wms_err *err)
{
	PGresult	*res;
	int		 rc;

	if (pg->prepared[idx])
		return 0;
	res = PQprepare(pg->conn, central_sqls[idx].name, central_sqls[idx].sql,
	    0, NULL);
	rc = pg_check(pg, res, central_sqls[idx].name, err);
	PQclear(res);
	if (rc == 0)
		pg->prepared[idx] = 1;
	return rc;
}

PGresult *
central_run_bin(struct central_pg *pg, enum central_stmt idx, int n,
    const char *const *values, const int *lengths, const int *formats,
    struct wms_err *err)
{
	PGresult *res;

	if (pg_prepare(pg, idx, err) != 0)
		return NULL;
	res = PQexecPrepared(pg->conn, central_sqls[idx].name, n, values,
	    lengths, formats, 0);
	if (pg_check(pg, res, central_sqls[idx].name, err) != 0) {
		PQclear(res);
		return NULL;
	}
	return res;
}

PGresult *
central_run(struct central_pg *pg, enum central_stmt idx, int n,
    const char *const *values, int binary, struct wms_err *err)
{
	PGresult *res;

	if (pg_prepare(pg, idx, err) != 0)
		return NULL;
	res = PQexecPrepared(pg->conn, central_sqls[idx].name, n, values,
	    NULL, NULL, binary ? 1 : 0);
	if (pg_check(pg, res, central_sqls[idx].name, err) != 0) {
		PQclear(res);
		return NULL;
	}
	return res;
}

int
central_run_rows(struct central_pg *pg, enum central_stmt idx, int n,
    const char *const *values, struct wms_err *err)
{
	PGresult	*res;
	int		 rows;

	if ((res = central_run(pg, idx, n, values, 0, err)) == NULL)
		return err->rc;
	rows = (int)strtol(PQcmdTuples(res), NULL, 10);
	PQclear(res);
	return rows;
}

int
central_send_rows(struct central_pg *pg, enum central_stmt idx, int n,
    const char *const *values, struct wms_err *err)
{
	int rc;

	if ((rc = pg_prepare(pg, idx, err)) != 0)
		return rc;
	if (!PQsendQueryPrepared(pg->conn, central_sqls[idx].name, n, values,
	    NULL, NULL, 0) || !PQsetSingleRowMode(pg->conn))
		return central_pg_fail(pg, NULL, central_sqls[idx].name, err);
	return 0;
}

const char *
central_val(const PGresult *res, int row, int col)
{
	if (PQgetisnull(res, row, col))
		return NULL;
	return PQgetvalue(res, row, col);
}

int64_t
central_int(const PGresult *res, int row, int col)
{
	if (PQgetisnull(res, row, col))
		return 0;
	return strtoll(PQgetvalue(res, row, col), NULL, 10);
}

/* What a new connection sets: times in UTC. */
static int
pg_session(struct central_pg *pg, struct wms_err *err)
{
	return central_sql(pg, "SET TIME ZONE 'UTC'", err);
}

/* The schema version recorded, 0 when there is none. */
static int
pg_version(struct central_pg *pg, int *version, struct wms_err *err)
{
	PGresult	*res;
	int		 rc = 0;

	*version = 0;
	res = PQexec(pg->conn, "SELECT coalesce(max(version), 0) FROM "
	    "makhzan_schema");
	if (PQresultStatus(res) == PGRES_TUPLES_OK)
		*version = (int)central_int(res, 0, 0);
	else if (strcmp(PQresultErrorField(res, PG_DIAG_SQLSTATE) != NULL ?
	    PQresultErrorField(res, PG_DIAG_SQLSTATE) : "", "42P01") != 0)
		rc = central_pg_fail(pg, res, _("reading the schema version"),
		    err);
	PQclear(res);
	return rc;
}

int
central_pg_open(const char *conninfo, int flags, struct central_pg **out,
    struct wms_err *err)
{
	static const char *const keys[] = { "application_name",
	    "connect_timeout", "client_encoding", "dbname", NULL };
	const char		*vals[5];
	struct central_pg	*pg;
	char			 why[400];
	int			 version, rc;

	*out = NULL;
	vals[0] = "makhzan-central";
	vals[1] = "10";
	vals[2] = "UTF8";
	/* dbname is expanded as a conninfo whose settings win. */
	vals[3] = conninfo != NULL ? conninfo : "";
	vals[4] = NULL;
	pg = xcalloc(1, sizeof *pg);
	pg->conn = PQconnectdbParams(keys, vals, 1);
	if (pg->conn == NULL) {
		free(pg);
		return wms_err_set(err, WMS_ERR_IO, _("cannot connect to the "
		    "central database: out of memory"));
	}
	pg_where(pg);
	if (PQstatus(pg->conn) != CONNECTION_OK) {
		const char *msg = PQerrorMessage(pg->conn);

		pg_reason(msg, why, sizeof why);
		rc = strstr(msg, "password authentication failed") != NULL ||
		    strstr(msg, "no password supplied") != NULL ||
		    strstr(msg, "no pg_hba.conf entry") != NULL ?
		    WMS_ERR_DENIED : WMS_ERR_IO;
		wms_err_set(err, rc, _("cannot connect to the central database "
		    "(%s): %s"), pg->where, why);
		central_pg_close(pg);
		return rc;
	}
	if ((rc = pg_session(pg, err)) != 0)
		goto fail;
	if (!(flags & CENTRAL_PG_ANY_SCHEMA)) {
		if ((rc = pg_version(pg, &version, err)) != 0)
			goto fail;
		if (version == 0) {
			rc = wms_err_set(err, WMS_ERR_CORRUPT, _("the central "
			    "database (%s) has no makhzan schema: run makhzan "
			    "central setup"), pg->where);
			goto fail;
		}
		if (version < central_pg_schema_latest()) {
			rc = wms_err_set(err, WMS_ERR_CORRUPT, _("the central "
			    "database has schema %d, this makhzan needs %d: run "
			    "makhzan central setup"), version,
			    central_pg_schema_latest());
			goto fail;
		}
		if (version > central_pg_schema_latest()) {
			rc = wms_err_set(err, WMS_ERR_CORRUPT, _("the central "
			    "database has schema %d, written by a newer makhzan "
			    "(this one knows %d): upgrade makhzan"), version,
			    central_pg_schema_latest());
			goto fail;
		}
	}
	*out = pg;
	return 0;
fail:
	central_pg_close(pg);
	return rc;
}

void
central_pg_close(struct central_pg *pg)
{
	if (pg == NULL)
		return;
	if (pg->conn != NULL)
		PQfinish(pg->conn);
	free(pg);
}

int
central_pg_reset(struct central_pg *pg, struct wms_err *err)
{
	char why[400];

	memset(pg->prepared, 0, sizeof pg->prepared);
	PQreset(pg->conn);
	if (PQstatus(pg->conn) != CONNECTION_OK) {
		pg_reason(PQerrorMessage(pg->conn), why, sizeof why);
		return wms_err_set(err, WMS_ERR_IO, _("the central database "
		    "(%s) does not answer: %s"), pg->where, why);
	}
	return pg_session(pg, err);
}

/* One migration in its own transaction, unless another setup did it. */
static int
pg_migrate_one(struct central_pg *pg, const struct wms_migration *m,
    int *done, struct wms_err *err)
{
	const char	*v[2];
	char		 ver[16], what[128];
	PGresult	*res;
	int		 rc;

	*done = 0;
	snprintf(ver, sizeof ver, "%d", m->version);
	snprintf(what, sizeof what, _("migration %s"), m->name);
	if ((rc = central_begin(pg, err)) != 0)
		return rc;
	/* Two setups at once: the second waits, then finds it done. */
	if ((rc = central_sql(pg, "SELECT pg_advisory_xact_lock("
	    "7236502918273645)", err)) != 0)
		goto fail;
	if ((rc = central_sql(pg, "CREATE TABLE IF NOT EXISTS makhzan_schema ("
	    "version integer PRIMARY KEY, name text NOT NULL, "
	    "applied_at timestamptz NOT NULL DEFAULT now())", err)) != 0)
		goto fail;
	v[0] = ver;
	res = PQexecParams(pg->conn, "SELECT 1 FROM makhzan_schema WHERE "
	    "version = $1::int", 1, NULL, v, NULL, NULL, 0);
	if ((rc = pg_check(pg, res, what, err)) != 0) {
		PQclear(res);
		goto fail;
	}
	if (PQntuples(res) > 0) {
		PQclear(res);
		return central_commit(pg, err);
	}
	PQclear(res);
	res = PQexec(pg->conn, m->sql);
	rc = pg_check(pg, res, what, err);
	PQclear(res);
	if (rc != 0) {
		char why[sizeof err->msg];

		snprintf(why, sizeof why, "%s", err != NULL ? err->msg : "");
		central_rollback(pg);
		return wms_err_set(err, WMS_ERR_DB, _("%s failed, the central "
		    "database is unchanged by it: %s"), m->name, why);
	}
	v[1] = m->name;
	res = PQexecParams(pg->conn, "INSERT INTO makhzan_schema (version, "
	    "name) VALUES ($1::int, $2::text)", 2, NULL, v, NULL, NULL, 0);
	rc = pg_check(pg, res, what, err);
	PQclear(res);
	if (rc != 0)
		goto fail;
	if ((rc = central_commit(pg, err)) != 0)
		goto fail;
	*done = 1;
	return 0;
fail:
	central_rollback(pg);
	return rc;
}

int
central_pg_migrate(struct central_pg *pg, int *from, int *to,
    struct wms_err *err)
{
	int i, rc, done;

	if ((rc = pg_version(pg, from, err)) != 0)
		return rc;
	if (*from > central_pg_schema_latest())
		return wms_err_set(err, WMS_ERR_CORRUPT, _("the central database "
		    "has schema %d, written by a newer makhzan (this one knows "
		    "%d): upgrade makhzan"), *from, central_pg_schema_latest());
	for (i = 0; i < central_nmigrations; i++) {
		if (central_migrations[i].version <= *from)
			continue;
		if ((rc = pg_migrate_one(pg, &central_migrations[i], &done,
		    err)) != 0)
			return rc;
	}
	return pg_version(pg, to, err);
}

/* Arrays in PostgreSQL's text form. */

static void
arr_sep(struct central_arr *a)
{
	if (a->closed) {
		/* Closed by central_arr_text: open it again. */
		if (a->n == 0)
			wms_buf_reset(&a->b);
		else
			a->b.data[--a->b.len] = '\0';
		a->closed = 0;
	}
	wms_buf_addc(&a->b, a->b.len == 0 ? '{' : ',');
	a->n++;
}

void
central_arr_strn(struct central_arr *a, const char *s, size_t n)
{
	size_t i, from;

	arr_sep(a);
	if (s == NULL) {
		wms_buf_adds(&a->b, "NULL");
		return;
	}
	wms_buf_addc(&a->b, '"');
	for (i = from = 0; i < n; i++) {
		if (s[i] == '"' || s[i] == '\\') {
			wms_buf_add(&a->b, s + from, i - from);
			wms_buf_addc(&a->b, '\\');
			from = i;
		}
	}
	wms_buf_add(&a->b, s + from, n - from);
	wms_buf_addc(&a->b, '"');
}

void
central_arr_str(struct central_arr *a, const char *s)
{
	central_arr_strn(a, s, s != NULL ? strlen(s) : 0);
}

void
central_arr_int(struct central_arr *a, int64_t v)
{
	arr_sep(a);
	wms_buf_addf(&a->b, "%lld", (long long)v);
}

void
central_arr_bool(struct central_arr *a, int v)
{
	arr_sep(a);
	wms_buf_addc(&a->b, v ? 't' : 'f');
}

void
central_arr_bytea(struct central_arr *a, const void *p, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char	*s = p;
	char			*o;
	size_t			 i;

	arr_sep(a);
	/* "\\x..." in the literal is the bytea hex form \x... */
	wms_buf_adds(&a->b, "\"\\\\x");
	o = xmalloc(n * 2);
	for (i = 0; i < n; i++) {
		o[2 * i] = hex[s[i] >> 4];
		o[2 * i + 1] = hex[s[i] & 0xf];
	}
	wms_buf_add(&a->b, o, n * 2);
	free(o);
	wms_buf_addc(&a->b, '"');
}

const char *
central_arr_text(struct central_arr *a)
{
	if (!a->closed) {
		wms_buf_adds(&a->b, a->b.len == 0 ? "{}" : "}");
		a->closed = 1;
	}
	return a->b.data;
}

void
central_arr_reset(struct central_arr *a)
{
	wms_buf_reset(&a->b);
	a->n = 0;
	a->closed = 0;
}

void
central_arr_free(struct central_arr *a)
{
	wms_buf_free(&a->b);
	a->n = 0;
	a->closed = 0;
}
