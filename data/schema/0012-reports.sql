-- The managers' reports (makhzan report NAME, docs/reports.md).
--
-- The purchase unit of an item: the reorder report rounds its suggested
-- quantity up to a whole number of it (a drum, a box of 50).  At most one
-- unit of an item is its purchase unit; `unit add --purchase` sets it.
ALTER TABLE item_unit ADD COLUMN purchase INTEGER NOT NULL DEFAULT 0
    CHECK (purchase IN (0, 1));
