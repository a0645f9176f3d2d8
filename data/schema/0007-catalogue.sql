-- The catalogue from the centre (docs/catalogue.md).  A depot with
-- catalogue = central applies the centre's key-value bucket
-- MAKHZAN_CATALOGUE: each change in its own transaction with an audit
-- entry, and the bucket's revision it reached in the same transaction, so
-- that after an outage it takes up again from the next revision.
--
-- depot.site: the site whose server holds the depot, as the centre says;
-- NULL for a depot made here (this site's own).
ALTER TABLE depot ADD COLUMN site TEXT;

-- One row.  revision: every change of the bucket up to it is applied;
-- last_error: what stops the catalogue now (a value that does not verify,
-- a change that cannot be applied), NULL once a change is applied again.
-- Transport state like bus_state: no audit entry of its own.
CREATE TABLE catalogue_state (
	id		INTEGER PRIMARY KEY CHECK (id = 1),
	revision	INTEGER NOT NULL DEFAULT 0,
	applied_at	TEXT,
	last_error	TEXT,
	last_error_at	TEXT
) STRICT;
INSERT INTO catalogue_state(id, revision) VALUES (1, 0);
