-- The first schema: site, depots, locations, items, lots, users, documents,
-- the stock ledger and its balances, stock counts, the audit chain and the
-- outbox.  Quantities are integer thousandths of the item's base unit, money
-- is an integer of the currency's minor unit, times are UTC ISO 8601 text.

-- One row per setting of this site (site code, currency, created).
CREATE TABLE meta (
	key	TEXT PRIMARY KEY,
	value	TEXT NOT NULL
) STRICT;

CREATE TABLE depot (
	id	INTEGER PRIMARY KEY,
	code	TEXT NOT NULL UNIQUE,
	name_ar	TEXT NOT NULL,
	name_en	TEXT NOT NULL
) STRICT;

-- Real locations (kind 'internal') form a tree under their depot: the path
-- is the full name, HMS/A/01-03.  Virtual locations stand for the outside
-- world; their balances may be negative (a supplier's goes down as ours go
-- up), so that the sum of an item over all locations is always zero.
CREATE TABLE location (
	id		INTEGER PRIMARY KEY,
	depot_id	INTEGER REFERENCES depot(id),
	parent_id	INTEGER REFERENCES location(id),
	path		TEXT NOT NULL UNIQUE,
	kind		TEXT NOT NULL CHECK (kind IN ('internal', 'supplier',
			    'consumer', 'adjustment', 'scrap', 'transit'))
) STRICT;

CREATE TABLE cost_centre (
	id		INTEGER PRIMARY KEY,
	code		TEXT NOT NULL UNIQUE,
	name_ar		TEXT NOT NULL,
	name_en		TEXT NOT NULL,
	location_id	INTEGER NOT NULL UNIQUE REFERENCES location(id)
) STRICT;

CREATE TABLE item (
	id		INTEGER PRIMARY KEY,
	code		TEXT NOT NULL UNIQUE,
	name_ar		TEXT NOT NULL,
	name_en		TEXT NOT NULL,
	category	TEXT NOT NULL DEFAULT '',
	uom		TEXT NOT NULL,
	tracking	TEXT NOT NULL DEFAULT 'none'
			    CHECK (tracking IN ('none', 'lot', 'serial')),
	weighed		INTEGER NOT NULL DEFAULT 0 CHECK (weighed IN (0, 1)),
	min_qty		INTEGER NOT NULL DEFAULT 0 CHECK (min_qty >= 0),
	max_qty		INTEGER NOT NULL DEFAULT 0 CHECK (max_qty >= 0),
	shelf_life	INTEGER CHECK (shelf_life > 0),
	created_at	TEXT NOT NULL
) STRICT;

CREATE TABLE item_barcode (
	barcode	TEXT PRIMARY KEY,
	item_id	INTEGER NOT NULL REFERENCES item(id)
) STRICT;
CREATE INDEX item_barcode_item ON item_barcode(item_id);

-- 1 unit = factor thousandths of the base unit (1 DRUM = 208 L: 208000).
CREATE TABLE item_unit (
	item_id	INTEGER NOT NULL REFERENCES item(id),
	unit	TEXT NOT NULL,
	factor	INTEGER NOT NULL CHECK (factor > 0),
	PRIMARY KEY (item_id, unit)
) STRICT, WITHOUT ROWID;

-- Folded text of every item for search (DESIGN.md: Arabic variants, digits,
-- case); rowid is item.id.  Kept by core/ in the same transaction.
CREATE VIRTUAL TABLE item_fts USING fts5(code, barcodes, name_ar, name_en,
    tokenize = 'unicode61 remove_diacritics 0', prefix = '2 3');

-- A lot of a lot-tracked item, or a serial number of a serial-tracked item
-- (one unit each).  Id 0 is never used: ledger rows use lot_id 0 for "none".
CREATE TABLE lot (
	id	INTEGER PRIMARY KEY CHECK (id > 0),
	item_id	INTEGER NOT NULL REFERENCES item(id),
	code	TEXT NOT NULL,
	expiry	TEXT,
	UNIQUE (item_id, code)
) STRICT;

CREATE TABLE user (
	id		INTEGER PRIMARY KEY,
	name		TEXT NOT NULL UNIQUE,
	role		TEXT NOT NULL CHECK (role IN ('storekeeper',
			    'supervisor', 'auditor', 'admin')),
	pw_hash		TEXT NOT NULL,
	failures	INTEGER NOT NULL DEFAULT 0,
	locked_until	INTEGER NOT NULL DEFAULT 0,
	lang		TEXT,
	created_at	TEXT NOT NULL
) STRICT;

-- Document numbers are gapless per depot, type and year: the next one is
-- found in the index of numbers, in the posting transaction.
CREATE TABLE document (
	id		INTEGER PRIMARY KEY,
	number		TEXT NOT NULL UNIQUE,
	type		TEXT NOT NULL CHECK (type IN ('GRN', 'ISS', 'MOV',
			    'TRF', 'ADJ', 'CNT', 'REV')),
	depot_id	INTEGER NOT NULL REFERENCES depot(id),
	-- posted; a transfer: in_transit until all is received; a count:
	-- open until posted
	status		TEXT NOT NULL CHECK (status IN ('posted', 'in_transit',
			    'received', 'open')),
	created_at	TEXT NOT NULL,
	user_id		INTEGER NOT NULL REFERENCES user(id),
	supplier	TEXT,
	ref		TEXT,
	cost_centre_id	INTEGER REFERENCES cost_centre(id),
	requester	TEXT,
	reason		TEXT,
	dest_depot_id	INTEGER REFERENCES depot(id),
	reverses_id	INTEGER REFERENCES document(id),
	location_prefix	TEXT
) STRICT;
-- Partial indexes: a posted receipt or issue writes no page of them.
CREATE INDEX document_in_transit ON document(type)
    WHERE status = 'in_transit';
CREATE UNIQUE INDEX document_reverses ON document(reverses_id)
    WHERE reverses_id IS NOT NULL;

-- The stock ledger: append-only (triggers below refuse UPDATE and DELETE).
-- Every row moves qty > 0 of one item (and lot) from a location to a
-- location; value is the amount that moved with it, in minor units.
CREATE TABLE movement (
	id		INTEGER PRIMARY KEY,
	doc_id		INTEGER NOT NULL REFERENCES document(id),
	line		INTEGER NOT NULL,
	item_id		INTEGER NOT NULL REFERENCES item(id),
	lot_id		INTEGER NOT NULL DEFAULT 0,
	from_loc	INTEGER NOT NULL REFERENCES location(id),
	to_loc		INTEGER NOT NULL REFERENCES location(id),
	qty		INTEGER NOT NULL CHECK (qty > 0),
	value		INTEGER NOT NULL DEFAULT 0,
	at		TEXT NOT NULL,
	CHECK (from_loc <> to_loc)
) STRICT;
CREATE INDEX movement_item ON movement(item_id, id);
CREATE INDEX movement_doc ON movement(doc_id);

CREATE TRIGGER movement_no_update BEFORE UPDATE ON movement
BEGIN
	SELECT RAISE(ABORT, 'the stock ledger is append-only');
END;
CREATE TRIGGER movement_no_delete BEFORE DELETE ON movement
BEGIN
	SELECT RAISE(ABORT, 'the stock ledger is append-only');
END;

-- Balances per location, item and lot, kept in the posting transaction;
-- makhzan check recomputes them from the ledger.
-- Keyed by item first: one item's stock is a range of the table itself,
-- and a posting writes no secondary index.
CREATE TABLE balance (
	location_id	INTEGER NOT NULL,
	item_id		INTEGER NOT NULL,
	lot_id		INTEGER NOT NULL,
	qty		INTEGER NOT NULL,
	PRIMARY KEY (item_id, lot_id, location_id)
) STRICT, WITHOUT ROWID;

-- Moving-average valuation per item and depot: the value of the stock at
-- the depot's real locations, and the last average (minor units per 1000
-- base units) for stock that arrives when the depot has none.
CREATE TABLE item_cost (
	item_id		INTEGER NOT NULL REFERENCES item(id),
	depot_id	INTEGER NOT NULL REFERENCES depot(id),
	value		INTEGER NOT NULL,
	avg_milli	INTEGER NOT NULL,
	PRIMARY KEY (item_id, depot_id)
) STRICT, WITHOUT ROWID;

-- Stock count lines: the snapshot taken at start (expected), what was
-- counted (blind), and the book quantity at the moment it was entered, so
-- that postings made during the count are taken into account.
CREATE TABLE count_line (
	doc_id		INTEGER NOT NULL REFERENCES document(id),
	location_id	INTEGER NOT NULL REFERENCES location(id),
	item_id		INTEGER NOT NULL REFERENCES item(id),
	lot_id		INTEGER NOT NULL,
	expected	INTEGER NOT NULL,
	counted		INTEGER,
	book		INTEGER,
	status		TEXT NOT NULL DEFAULT 'pending'
			    CHECK (status IN ('pending', 'counted', 'recount')),
	user_id		INTEGER REFERENCES user(id),
	at		TEXT,
	PRIMARY KEY (doc_id, location_id, item_id, lot_id)
) STRICT, WITHOUT ROWID;

-- The audit log: one entry per write, chained by BLAKE2b over the previous
-- hash and the entry's fields (core/audit.c defines the exact bytes).
CREATE TABLE audit (
	seq	INTEGER PRIMARY KEY,
	at	TEXT NOT NULL,
	user	TEXT NOT NULL,
	action	TEXT NOT NULL,
	doc	TEXT,
	detail	TEXT NOT NULL,
	hash	TEXT NOT NULL
) STRICT;

-- Gapless per-site counters kept in rows, never rowids (DESIGN.md):
-- 'outbox' numbers the events, 'audit' the audit entries.  The audit row's
-- head holds the last entry's hash, so a deleted tail is found too.
CREATE TABLE counter (
	name	TEXT PRIMARY KEY,
	value	INTEGER NOT NULL,
	head	TEXT
) STRICT;
INSERT INTO counter(name, value, head) VALUES ('outbox', 0, NULL),
    ('audit', 0, NULL);

-- Events for the data bus, written in the posting transaction.
CREATE TABLE outbox (
	seq		INTEGER PRIMARY KEY,
	-- UUIDv7; unique by construction, and the centre deduplicates by
	-- it, so no index is kept (one page less written per posting).
	event_id	TEXT NOT NULL,
	type		TEXT NOT NULL,
	subject		TEXT NOT NULL,
	payload		TEXT NOT NULL,
	created_at	TEXT NOT NULL,
	state		TEXT NOT NULL DEFAULT 'pending'
			    CHECK (state IN ('pending', 'sent', 'parked')),
	attempts	INTEGER NOT NULL DEFAULT 0,
	last_error	TEXT
) STRICT;

-- What makhzan check compares with the balance table.
CREATE VIEW ledger_balance AS
	SELECT location_id, item_id, lot_id, sum(qty) AS qty FROM (
		SELECT to_loc AS location_id, item_id, lot_id, qty
		    FROM movement
		UNION ALL
		SELECT from_loc, item_id, lot_id, -qty FROM movement)
	GROUP BY location_id, item_id, lot_id;
