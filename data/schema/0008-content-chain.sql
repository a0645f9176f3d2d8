-- The audit chain covers content (docs/architecture.md, "The audit
-- chain").  Every change to master data, users and roles marks its row
-- here, by the triggers below; the write path (core/write.c) takes the
-- marks of its transaction, records a digest of each row's content in its
-- audit entry, and clears them.  makhzan check compares each row with the
-- digest of its last entry, and a mark left behind is a change made
-- without the write path.  Rows that were there before this migration are
-- marked 'migration': the next write records them.  The triggers test for
-- a mark before adding one rather than INSERT OR REPLACE: the conflict
-- clause of the statement that fires a trigger (an UPSERT into item_unit)
-- overrides the trigger's own, and a second mark then failed.
CREATE TABLE chain_dirty (
	tbl	TEXT NOT NULL,
	key	TEXT NOT NULL,
	why	TEXT NOT NULL DEFAULT 'write',
	PRIMARY KEY (tbl, key)
) STRICT, WITHOUT ROWID;

INSERT INTO chain_dirty(tbl, key, why)
	SELECT 'depot', id, 'migration' FROM depot UNION ALL
	SELECT 'location', id, 'migration' FROM location UNION ALL
	SELECT 'cost_centre', id, 'migration' FROM cost_centre UNION ALL
	SELECT 'item', id, 'migration' FROM item UNION ALL
	SELECT 'item_barcode', barcode, 'migration' FROM item_barcode UNION ALL
	SELECT 'item_unit', item_id || '/' || unit, 'migration' FROM item_unit
	    UNION ALL
	SELECT 'user', id, 'migration' FROM user UNION ALL
	SELECT 'meta', key, 'migration' FROM meta UNION ALL
	SELECT 'device', id, 'migration' FROM device;

CREATE TRIGGER chain_depot_i AFTER INSERT ON depot BEGIN
	UPDATE chain_dirty SET why = 'write' WHERE tbl = 'depot' AND
	    key IN (NEW.id);
	INSERT INTO chain_dirty(tbl, key) SELECT 'depot', key
	    FROM (SELECT NEW.id AS key)
	    WHERE key NOT IN (SELECT key FROM chain_dirty WHERE tbl = 'depot');
END;
CREATE TRIGGER chain_depot_u AFTER UPDATE ON depot BEGIN
	UPDATE chain_dirty SET why = 'write' WHERE tbl = 'depot' AND
	    key IN (OLD.id, NEW.id);
	INSERT INTO chain_dirty(tbl, key) SELECT 'depot', key
	    FROM (SELECT OLD.id AS key UNION SELECT NEW.id)
	    WHERE key NOT IN (SELECT key FROM chain_dirty WHERE tbl = 'depot');
END;
CREATE TRIGGER chain_depot_d AFTER DELETE ON depot BEGIN
	UPDATE chain_dirty SET why = 'write' WHERE tbl = 'depot' AND
	    key IN (OLD.id);
	INSERT INTO chain_dirty(tbl, key) SELECT 'depot', key
	    FROM (SELECT OLD.id AS key)
	    WHERE key NOT IN (SELECT key FROM chain_dirty WHERE tbl = 'depot');
END;
CREATE TRIGGER chain_location_i AFTER INSERT ON location BEGIN
	UPDATE chain_dirty SET why = 'write' WHERE tbl = 'location' AND
	    key IN (NEW.id);
	INSERT INTO chain_dirty(tbl, key) SELECT 'location', key
	    FROM (SELECT NEW.id AS key)
	    WHERE key NOT IN (SELECT key FROM chain_dirty WHERE tbl = 'location');
END;
CREATE TRIGGER chain_location_u AFTER UPDATE ON location BEGIN
	UPDATE chain_dirty SET why = 'write' WHERE tbl = 'location' AND
	    key IN (OLD.id, NEW.id);
	INSERT INTO chain_dirty(tbl, key) SELECT 'location', key
	    FROM (SELECT OLD.id AS key UNION SELECT NEW.id)
	    WHERE key NOT IN (SELECT key FROM chain_dirty WHERE tbl = 'location');
END;
CREATE TRIGGER chain_location_d AFTER DELETE ON location BEGIN
	UPDATE chain_dirty SET why = 'write' WHERE tbl = 'location' AND
	    key IN (OLD.id);
	INSERT INTO chain_dirty(tbl, key) SELECT 'location', key
	    FROM (SELECT OLD.id AS key)
	    WHERE key NOT IN (SELECT key FROM chain_dirty WHERE tbl = 'location');
END;
CREATE TRIGGER chain_cost_centre_i AFTER INSERT ON cost_centre BEGIN
	UPDATE chain_dirty SET why = 'write' WHERE tbl = 'cost_centre' AND
	    key IN (NEW.id);
	INSERT INTO chain_dirty(tbl, key) SELECT 'cost_centre', key
	    FROM (SELECT NEW.id AS key)
	    WHERE key NOT IN (SELECT key FROM chain_dirty WHERE tbl = 'cost_centre');
END;
CREATE TRIGGER chain_cost_centre_u AFTER UPDATE ON cost_centre BEGIN
	UPDATE chain_dirty SET why = 'write' WHERE tbl = 'cost_centre' AND
	    key IN (OLD.id, NEW.id);
	INSERT INTO chain_dirty(tbl, key) SELECT 'cost_centre', key
	    FROM (SELECT OLD.id AS key UNION SELECT NEW.id)
	    WHERE key NOT IN (SELECT key FROM chain_dirty WHERE tbl = 'cost_centre');
END;
CREATE TRIGGER chain_cost_centre_d AFTER DELETE ON cost_centre BEGIN
	UPDATE chain_dirty SET why = 'write' WHERE tbl = 'cost_centre' AND
	    key IN (OLD.id);
	INSERT INTO chain_dirty(tbl, key) SELECT 'cost_centre', key
	    FROM (SELECT OLD.id AS key)
	    WHERE key NOT IN (SELECT key FROM chain_dirty WHERE tbl = 'cost_centre');
END;
CREATE TRIGGER chain_item_i AFTER INSERT ON item BEGIN
	UPDATE chain_dirty SET why = 'write' WHERE tbl = 'item' AND
	    key IN (NEW.id);
	INSERT INTO chain_dirty(tbl, key) SELECT 'item', key
	    FROM (SELECT NEW.id AS key)
	    WHERE key NOT IN (SELECT key FROM chain_dirty WHERE tbl = 'item');
END;
CREATE TRIGGER chain_item_u AFTER UPDATE ON item BEGIN
	UPDATE chain_dirty SET why = 'write' WHERE tbl = 'item' AND
	    key IN (OLD.id, NEW.id);
	INSERT INTO chain_dirty(tbl, key) SELECT 'item', key
	    FROM (SELECT OLD.id AS key UNION SELECT NEW.id)
	    WHERE key NOT IN (SELECT key FROM chain_dirty WHERE tbl = 'item');
END;
CREATE TRIGGER chain_item_d AFTER DELETE ON item BEGIN
	UPDATE chain_dirty SET why = 'write' WHERE tbl = 'item' AND
	    key IN (OLD.id);
	INSERT INTO chain_dirty(tbl, key) SELECT 'item', key
	    FROM (SELECT OLD.id AS key)
	    WHERE key NOT IN (SELECT key FROM chain_dirty WHERE tbl = 'item');
END;
CREATE TRIGGER chain_item_barcode_i AFTER INSERT ON item_barcode BEGIN
	UPDATE chain_dirty SET why = 'write' WHERE tbl = 'item_barcode' AND
	    key IN (NEW.barcode);
	INSERT INTO chain_dirty(tbl, key) SELECT 'item_barcode', key
	    FROM (SELECT NEW.barcode AS key)
	    WHERE key NOT IN (SELECT key FROM chain_dirty WHERE tbl = 'item_barcode');
END;
CREATE TRIGGER chain_item_barcode_u AFTER UPDATE ON item_barcode BEGIN
	UPDATE chain_dirty SET why = 'write' WHERE tbl = 'item_barcode' AND
	    key IN (OLD.barcode, NEW.barcode);
	INSERT INTO chain_dirty(tbl, key) SELECT 'item_barcode', key
	    FROM (SELECT OLD.barcode AS key UNION SELECT NEW.barcode)
	    WHERE key NOT IN (SELECT key FROM chain_dirty WHERE tbl = 'item_barcode');
END;
CREATE TRIGGER chain_item_barcode_d AFTER DELETE ON item_barcode BEGIN
	UPDATE chain_dirty SET why = 'write' WHERE tbl = 'item_barcode' AND
	    key IN (OLD.barcode);
	INSERT INTO chain_dirty(tbl, key) SELECT 'item_barcode', key
	    FROM (SELECT OLD.barcode AS key)
	    WHERE key NOT IN (SELECT key FROM chain_dirty WHERE tbl = 'item_barcode');
END;
CREATE TRIGGER chain_item_unit_i AFTER INSERT ON item_unit BEGIN
	UPDATE chain_dirty SET why = 'write' WHERE tbl = 'item_unit' AND
	    key IN (NEW.item_id || '/' || NEW.unit);
	INSERT INTO chain_dirty(tbl, key) SELECT 'item_unit', key
	    FROM (SELECT NEW.item_id || '/' || NEW.unit AS key)
	    WHERE key NOT IN (SELECT key FROM chain_dirty WHERE tbl = 'item_unit');
END;
CREATE TRIGGER chain_item_unit_u AFTER UPDATE ON item_unit BEGIN
	UPDATE chain_dirty SET why = 'write' WHERE tbl = 'item_unit' AND
	    key IN (OLD.item_id || '/' || OLD.unit, NEW.item_id || '/' || NEW.unit);
	INSERT INTO chain_dirty(tbl, key) SELECT 'item_unit', key
	    FROM (SELECT OLD.item_id || '/' || OLD.unit AS key UNION
	    SELECT NEW.item_id || '/' || NEW.unit)
	    WHERE key NOT IN (SELECT key FROM chain_dirty WHERE tbl = 'item_unit');
END;
CREATE TRIGGER chain_item_unit_d AFTER DELETE ON item_unit BEGIN
	UPDATE chain_dirty SET why = 'write' WHERE tbl = 'item_unit' AND
	    key IN (OLD.item_id || '/' || OLD.unit);
	INSERT INTO chain_dirty(tbl, key) SELECT 'item_unit', key
	    FROM (SELECT OLD.item_id || '/' || OLD.unit AS key)
	    WHERE key NOT IN (SELECT key FROM chain_dirty WHERE tbl = 'item_unit');
END;
-- A user's name, role and password hash; not the failure count, the lock
-- or the language, which change outside the chain (docs/architecture.md).
CREATE TRIGGER chain_user_i AFTER INSERT ON user BEGIN
	UPDATE chain_dirty SET why = 'write' WHERE tbl = 'user' AND
	    key IN (NEW.id);
	INSERT INTO chain_dirty(tbl, key) SELECT 'user', key
	    FROM (SELECT NEW.id AS key)
	    WHERE key NOT IN (SELECT key FROM chain_dirty WHERE tbl = 'user');
END;
CREATE TRIGGER chain_user_u AFTER UPDATE OF id, name, role, pw_hash ON user
BEGIN
	UPDATE chain_dirty SET why = 'write' WHERE tbl = 'user' AND
	    key IN (OLD.id, NEW.id);
	INSERT INTO chain_dirty(tbl, key) SELECT 'user', key
	    FROM (SELECT OLD.id AS key UNION SELECT NEW.id)
	    WHERE key NOT IN (SELECT key FROM chain_dirty WHERE tbl = 'user');
END;
CREATE TRIGGER chain_user_d AFTER DELETE ON user BEGIN
	UPDATE chain_dirty SET why = 'write' WHERE tbl = 'user' AND
	    key IN (OLD.id);
	INSERT INTO chain_dirty(tbl, key) SELECT 'user', key
	    FROM (SELECT OLD.id AS key)
	    WHERE key NOT IN (SELECT key FROM chain_dirty WHERE tbl = 'user');
END;
-- The site's settings (site code, currency decimals).
CREATE TRIGGER chain_meta_i AFTER INSERT ON meta BEGIN
	UPDATE chain_dirty SET why = 'write' WHERE tbl = 'meta' AND
	    key IN (NEW.key);
	INSERT INTO chain_dirty(tbl, key) SELECT 'meta', key
	    FROM (SELECT NEW.key AS key)
	    WHERE key NOT IN (SELECT key FROM chain_dirty WHERE tbl = 'meta');
END;
CREATE TRIGGER chain_meta_u AFTER UPDATE ON meta BEGIN
	UPDATE chain_dirty SET why = 'write' WHERE tbl = 'meta' AND
	    key IN (OLD.key, NEW.key);
	INSERT INTO chain_dirty(tbl, key) SELECT 'meta', key
	    FROM (SELECT OLD.key AS key UNION SELECT NEW.key)
	    WHERE key NOT IN (SELECT key FROM chain_dirty WHERE tbl = 'meta');
END;
CREATE TRIGGER chain_meta_d AFTER DELETE ON meta BEGIN
	UPDATE chain_dirty SET why = 'write' WHERE tbl = 'meta' AND
	    key IN (OLD.key);
	INSERT INTO chain_dirty(tbl, key) SELECT 'meta', key
	    FROM (SELECT OLD.key AS key)
	    WHERE key NOT IN (SELECT key FROM chain_dirty WHERE tbl = 'meta');
END;
-- Scales and scanners.
CREATE TRIGGER chain_device_i AFTER INSERT ON device BEGIN
	UPDATE chain_dirty SET why = 'write' WHERE tbl = 'device' AND
	    key IN (NEW.id);
	INSERT INTO chain_dirty(tbl, key) SELECT 'device', key
	    FROM (SELECT NEW.id AS key)
	    WHERE key NOT IN (SELECT key FROM chain_dirty WHERE tbl = 'device');
END;
CREATE TRIGGER chain_device_u AFTER UPDATE ON device BEGIN
	UPDATE chain_dirty SET why = 'write' WHERE tbl = 'device' AND
	    key IN (OLD.id, NEW.id);
	INSERT INTO chain_dirty(tbl, key) SELECT 'device', key
	    FROM (SELECT OLD.id AS key UNION SELECT NEW.id)
	    WHERE key NOT IN (SELECT key FROM chain_dirty WHERE tbl = 'device');
END;
CREATE TRIGGER chain_device_d AFTER DELETE ON device BEGIN
	UPDATE chain_dirty SET why = 'write' WHERE tbl = 'device' AND
	    key IN (OLD.id);
	INSERT INTO chain_dirty(tbl, key) SELECT 'device', key
	    FROM (SELECT OLD.id AS key)
	    WHERE key NOT IN (SELECT key FROM chain_dirty WHERE tbl = 'device');
END;
