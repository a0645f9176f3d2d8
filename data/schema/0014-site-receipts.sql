-- The other site's receipts of a transfer between sites, line by line, at
-- the shipping site (docs/catalogue.md, "Transfers between sites"): each
-- receipt forwarded back by the centre (transfer.receive, one row of
-- inbound_applied) writes here what it received of each item and lot, in
-- the transaction that applies it.  What is still in transit to the other
-- site is what the document sent to @SITE/<site> less these rows; the
-- stock does not move again (it left at the shipment).
CREATE TABLE inbound_received (
	event_id	TEXT NOT NULL REFERENCES inbound_applied(event_id),
	doc_id		INTEGER NOT NULL REFERENCES document(id),
	item_id		INTEGER NOT NULL REFERENCES item(id),
	lot_id		INTEGER REFERENCES lot(id),
	qty		INTEGER NOT NULL CHECK (qty > 0)
) STRICT;
CREATE INDEX inbound_received_doc ON inbound_received(doc_id);

-- What makhzan sync's inbound consumer last could not apply, for sync
-- status (docs/catalogue.md): the message that waits (delivered again
-- later: the catalogue behind, the database busy) and since when; the
-- count of messages refused (not delivered again) and the last one, in
-- words.  Transport state, as bus_state: written outside the audit chain.
CREATE TABLE inbound_state (
	id		INTEGER PRIMARY KEY CHECK (id = 1),
	waiting		TEXT,
	waiting_since	TEXT,
	refused		INTEGER NOT NULL DEFAULT 0,
	last_refused	TEXT,
	last_refused_at	TEXT
) STRICT;
INSERT INTO inbound_state(id) VALUES (1);
