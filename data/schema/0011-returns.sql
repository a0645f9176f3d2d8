-- Returns (issue 14): part of a receipt back to its supplier (RTS) and part
-- of an issue back from its cost centre (RTN), each a document of its own
-- that names the document it returns (returns_id).  SQLite cannot change
-- a CHECK, so the document table is rebuilt as the SQLite documentation's
-- "other kinds of table schema changes" describes, with the foreign keys
-- of movement, count lines and reversals deferred to the commit (where
-- every one of them finds its document again, with the same id).
PRAGMA defer_foreign_keys = ON;
CREATE TEMP TABLE document_0009 AS SELECT * FROM main.document;
DROP TABLE main.document;
CREATE TABLE main.document (
	id		INTEGER PRIMARY KEY,
	number		TEXT NOT NULL UNIQUE,
	type		TEXT NOT NULL CHECK (type IN ('GRN', 'ISS', 'MOV',
			    'TRF', 'ADJ', 'CNT', 'REV', 'RTS', 'RTN')),
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
	location_prefix	TEXT,
	-- a return (RTS, RTN): the receipt or issue it returns part of
	returns_id	INTEGER REFERENCES document(id)
) STRICT;
INSERT INTO main.document(id, number, type, depot_id, status, created_at,
    user_id, supplier, ref, cost_centre_id, requester, reason,
    dest_depot_id, reverses_id, location_prefix)
    SELECT id, number, type, depot_id, status, created_at, user_id,
    supplier, ref, cost_centre_id, requester, reason, dest_depot_id,
    reverses_id, location_prefix FROM temp.document_0009;
DROP TABLE temp.document_0009;
CREATE INDEX document_in_transit ON document(type)
    WHERE status = 'in_transit';
CREATE UNIQUE INDEX document_reverses ON document(reverses_id)
    WHERE reverses_id IS NOT NULL;
CREATE INDEX document_returns ON document(returns_id)
    WHERE returns_id IS NOT NULL;
