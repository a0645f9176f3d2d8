-- The ministry's central store (makhzan central): the registered sites and
-- their keys, the evidence log of every signed event as it was received,
-- what was quarantined and why, a cursor per site, and what the events say:
-- documents, their movements, and national balances.  Applied in one
-- transaction by makhzan central setup (central/pg.c).

-- A depot site that may send events, and the Ed25519 keys it signs with.
-- Revoking a site revokes its keys; rows are never deleted, so that the
-- evidence log can always name the key an event was checked against.
CREATE TABLE site (
	code		text PRIMARY KEY,
	added_at	timestamptz NOT NULL DEFAULT now(),
	revoked_at	timestamptz
);

CREATE TABLE site_key (
	-- the first 8 bytes of BLAKE2b-256 of the public key, in hex
	key_id		text PRIMARY KEY,
	site		text NOT NULL REFERENCES site(code),
	-- base64 of the 32-byte public key, as makhzan bus key prints it
	public_key	text NOT NULL UNIQUE,
	added_at	timestamptz NOT NULL DEFAULT now(),
	revoked_at	timestamptz
);
CREATE INDEX site_key_site ON site_key(site);

-- The evidence: every part of every verified event, byte for byte as it
-- came, with the key id and signature that proved it.  A part received
-- twice is the same (event_id, part) and is kept once.
CREATE TABLE event_part (
	event_id	uuid NOT NULL,
	part		integer NOT NULL,
	parts		integer NOT NULL,
	site		text NOT NULL,
	seq		bigint NOT NULL,
	type		text NOT NULL,
	key_id		text NOT NULL,
	signature	text NOT NULL,
	subject		text NOT NULL,
	body		bytea NOT NULL,
	received_at	timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (event_id, part)
);
CREATE INDEX event_part_site_seq ON event_part(site, seq);

-- An event whose parts are all here.  (site, seq) is unique: a depot that
-- reused a sequence number with another event is quarantined, not applied.
CREATE TABLE event (
	id		uuid PRIMARY KEY,
	site		text NOT NULL,
	seq		bigint NOT NULL,
	type		text NOT NULL,
	at		timestamptz NOT NULL,
	"user"		text NOT NULL,
	-- the document it wrote, known once applied
	doc		text,
	parts		integer NOT NULL,
	received_at	timestamptz NOT NULL DEFAULT now(),
	applied_at	timestamptz,
	UNIQUE (site, seq)
);
-- Events received but not applied: those beyond a gap.
CREATE INDEX event_waiting ON event(site, seq) WHERE applied_at IS NULL;

-- How far each site is applied: every event up to applied_seq, in order,
-- and nothing beyond it.  Its row is locked (SELECT ... FOR UPDATE) by the
-- transaction that applies, so that several consumers apply each event
-- once and in order.  The heartbeat's figures are the latest heartbeat's.
CREATE TABLE site_cursor (
	site			text PRIMARY KEY REFERENCES site(code),
	applied_seq		bigint NOT NULL DEFAULT 0,
	applied_count		bigint NOT NULL DEFAULT 0,
	last_applied_at		timestamptz,
	last_event_at		timestamptz,
	last_heartbeat_at	timestamptz,
	heartbeat_pending	bigint,
	heartbeat_oldest_s	bigint,
	heartbeat_last_seq	bigint,
	heartbeat_last_ack	timestamptz
) WITH (fillfactor = 50);

-- Events applied per site and minute, for events per minute over the last
-- hour without an index on every event (rows older than a day may go).
CREATE TABLE applied_minute (
	site		text NOT NULL,
	minute		timestamptz NOT NULL,
	events		bigint NOT NULL,
	PRIMARY KEY (site, minute)
);

-- What was refused and why: a body that is no envelope, a subject that is
-- not the envelope's, an unknown or revoked key or site, a bad signature,
-- a sequence reused.  Never applied.  A message delivered again (a
-- consumer killed between COMMIT and ack) is kept once.
CREATE TABLE quarantine (
	id		bigserial PRIMARY KEY,
	received_at	timestamptz NOT NULL DEFAULT now(),
	stream_seq	bigint,
	subject		text NOT NULL,
	msg_id		text,
	-- the envelope's site when it could be read, else the subject's
	site		text,
	key_id		text,
	reason		text NOT NULL,
	headers		text,
	body		bytea NOT NULL
);
CREATE UNIQUE INDEX quarantine_once ON quarantine(stream_seq, md5(body));
CREATE INDEX quarantine_site ON quarantine(site);

-- What the events say.  A document's number is unique within its site;
-- type is the event type that opened it (receipt, issue, move,
-- transfer.ship, adjustment, reversal, count.start).
CREATE TABLE document (
	site		text NOT NULL,
	number		text NOT NULL,
	type		text NOT NULL,
	depot		text,
	status		text NOT NULL,
	at		timestamptz NOT NULL,
	"user"		text NOT NULL,
	event_id	uuid NOT NULL,
	-- the payload's other fields (supplier, ref, reason, cost_centre, ...)
	header		jsonb NOT NULL,
	PRIMARY KEY (site, number)
);

-- The movements, line by line as at the depot: a transfer's receipts and
-- a count's adjustments continue the lines of the document they belong to.
-- qty in thousandths of the base unit, value in minor units.
CREATE TABLE movement (
	site		text NOT NULL,
	doc		text NOT NULL,
	line		integer NOT NULL,
	event_id	uuid NOT NULL,
	item		text NOT NULL,
	lot		text NOT NULL DEFAULT '',
	from_loc	text NOT NULL,
	to_loc		text NOT NULL,
	qty		bigint NOT NULL,
	value		bigint NOT NULL,
	at		timestamptz NOT NULL,
	PRIMARY KEY (site, doc, line)
);

-- National balances by site, location, item and lot.  A location is a
-- path; its depot is the first segment, and it is real when no segment
-- starts with @ (@SUPPLIER, @TRANSIT, @CC/... stand for the world outside).
CREATE TABLE balance (
	site		text NOT NULL,
	location	text NOT NULL,
	depot		text NOT NULL,
	is_real		boolean NOT NULL,
	item		text NOT NULL,
	lot		text NOT NULL DEFAULT '',
	qty		bigint NOT NULL,
	value		bigint NOT NULL,
	PRIMARY KEY (site, location, item, lot)
-- Room in each page, so that a balance's update stays on its page and
-- its indexes are not touched (a HOT update): every posting updates two.
) WITH (fillfactor = 80);
CREATE INDEX balance_item ON balance(item);

-- The sequence numbers missing per site: between the last applied and the
-- highest received, as ranges (a part received counts as received).
CREATE VIEW gap AS
SELECT c.site, t.prev + 1 AS gap_from, t.seq - 1 AS gap_to
FROM site_cursor c
CROSS JOIN LATERAL (
	SELECT p.seq, coalesce(lag(p.seq) OVER (ORDER BY p.seq),
	    c.applied_seq) AS prev
	FROM (SELECT DISTINCT e.seq FROM event_part e
	    WHERE e.site = c.site AND e.seq > c.applied_seq) p
) t
WHERE t.seq > t.prev + 1;
