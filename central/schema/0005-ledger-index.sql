-- The national ledger of an item (`makhzan --central CONNINFO ledger
-- ITEM`, docs/catalogue.md): its movements at every site, in the order
-- they happened.  Without an index of its own that query read the whole
-- of movement (keyed by site, doc, line) for each item asked; this one
-- finds an item's movements without reading the other items', and holds
-- them in the query's order (the time, then site and document byte by
-- byte, then line), which the planner may read in place of a sort.  It
-- also answers whether the centre has seen an item at all (item = $1
-- LIMIT 1).
CREATE INDEX movement_item_at ON movement (item, at, site COLLATE "C",
    doc COLLATE "C", line);
