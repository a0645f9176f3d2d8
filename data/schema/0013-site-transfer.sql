-- Transfers between sites (docs/catalogue.md, "Transfers between sites").
--
-- A location of kind 'site' stands for another site, at this one:
-- @SITE/BNS at Homs receives what Homs ships to Banias, and @SITE/HMS at
-- Banias gives what arrives from Homs, so that each site's sum over all
-- locations stays zero.  Its balance may be negative, as a supplier's.
-- The kind is added to the CHECK of location by changing its text in
-- sqlite_schema: a CHECK that allows more admits every row it did, the
-- table's content is untouched (the SQLite manual, ALTER TABLE, "other
-- kinds of schema changes"), and RESET reloads the schema at once.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(sql, '''scrap'', ''transit'')',
    '''scrap'', ''transit'', ''site'')')
    WHERE type = 'table' AND name = 'location';
PRAGMA writable_schema = RESET;

-- An inbound message from the centre (MAKHZAN_INBOUND) applied here, by
-- its event id (the shipping site's event, the stream's Nats-Msg-Id): a
-- message seen again after a crash or a redelivery is acknowledged and
-- not applied twice.  Written in the transaction that applies it.
CREATE TABLE inbound_applied (
	event_id	TEXT PRIMARY KEY,
	kind		TEXT NOT NULL,
	site		TEXT NOT NULL,
	number		TEXT NOT NULL,
	applied_at	TEXT NOT NULL
) STRICT, WITHOUT ROWID;
