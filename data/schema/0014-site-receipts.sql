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
