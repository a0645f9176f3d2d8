-- The managers' reports at the centre (docs/reports.md, "At the centre"):
-- the stock card of an item (makhzan --central CONNINFO report card, and
-- ledger) reads the item's movements in the order they happened, an index
-- range instead of a scan of the nation's movements.  (0005 is another
-- change's.)
CREATE INDEX movement_item_at ON movement(item, at);
