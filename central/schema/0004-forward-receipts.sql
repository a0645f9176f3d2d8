-- Transfers between sites, step 4 (docs/catalogue.md): the receiving
-- site's receipts of another site's shipment go back to the shipping site
-- as well.  A document has one shipment and any number of receipts: a
-- forwarded message is known by its event id.
ALTER TABLE forward DROP CONSTRAINT forward_pkey;
ALTER TABLE forward ADD PRIMARY KEY (event_id);
CREATE INDEX forward_doc ON forward(site, number, kind);
