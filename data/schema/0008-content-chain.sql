-- The audit chain covers content (docs/architecture.md, "The audit
-- chain").  Every change to master data, users and roles marks its row
-- here, by the triggers below; the write path (core/write.c) takes the
-- marks of its transaction, records a digest of each row's content in its
-- audit entry, and clears them.  makhzan check compares each row with the
-- digest of its last entry, and a mark left behind is a change made
-- without the write path.  Rows that were there before this migration are
-- marked 'migration': the next write records them.
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
	INSERT OR REPLACE INTO chain_dirty(tbl, key) VALUES ('depot', NEW.id);
END;
CREATE TRIGGER chain_depot_u AFTER UPDATE ON depot BEGIN
	INSERT OR REPLACE INTO chain_dirty(tbl, key) VALUES ('depot', OLD.id),
	    ('depot', NEW.id);
END;
CREATE TRIGGER chain_depot_d AFTER DELETE ON depot BEGIN
	INSERT OR REPLACE INTO chain_dirty(tbl, key) VALUES ('depot', OLD.id);
END;
CREATE TRIGGER chain_location_i AFTER INSERT ON location BEGIN
	INSERT OR REPLACE INTO chain_dirty(tbl, key)
	    VALUES ('location', NEW.id);
END;
CREATE TRIGGER chain_location_u AFTER UPDATE ON location BEGIN
	INSERT OR REPLACE INTO chain_dirty(tbl, key)
	    VALUES ('location', OLD.id), ('location', NEW.id);
END;
CREATE TRIGGER chain_location_d AFTER DELETE ON location BEGIN
	INSERT OR REPLACE INTO chain_dirty(tbl, key)
	    VALUES ('location', OLD.id);
END;
CREATE TRIGGER chain_cost_centre_i AFTER INSERT ON cost_centre BEGIN
	INSERT OR REPLACE INTO chain_dirty(tbl, key)
	    VALUES ('cost_centre', NEW.id);
END;
CREATE TRIGGER chain_cost_centre_u AFTER UPDATE ON cost_centre BEGIN
	INSERT OR REPLACE INTO chain_dirty(tbl, key)
	    VALUES ('cost_centre', OLD.id), ('cost_centre', NEW.id);
END;
CREATE TRIGGER chain_cost_centre_d AFTER DELETE ON cost_centre BEGIN
	INSERT OR REPLACE INTO chain_dirty(tbl, key)
	    VALUES ('cost_centre', OLD.id);
END;
CREATE TRIGGER chain_item_i AFTER INSERT ON item BEGIN
	INSERT OR REPLACE INTO chain_dirty(tbl, key) VALUES ('item', NEW.id);
END;
CREATE TRIGGER chain_item_u AFTER UPDATE ON item BEGIN
	INSERT OR REPLACE INTO chain_dirty(tbl, key) VALUES ('item', OLD.id),
	    ('item', NEW.id);
END;
CREATE TRIGGER chain_item_d AFTER DELETE ON item BEGIN
	INSERT OR REPLACE INTO chain_dirty(tbl, key) VALUES ('item', OLD.id);
END;
CREATE TRIGGER chain_item_barcode_i AFTER INSERT ON item_barcode BEGIN
	INSERT OR REPLACE INTO chain_dirty(tbl, key)
	    VALUES ('item_barcode', NEW.barcode);
END;
CREATE TRIGGER chain_item_barcode_u AFTER UPDATE ON item_barcode BEGIN
	INSERT OR REPLACE INTO chain_dirty(tbl, key)
	    VALUES ('item_barcode', OLD.barcode), ('item_barcode', NEW.barcode);
END;
CREATE TRIGGER chain_item_barcode_d AFTER DELETE ON item_barcode BEGIN
	INSERT OR REPLACE INTO chain_dirty(tbl, key)
	    VALUES ('item_barcode', OLD.barcode);
END;
CREATE TRIGGER chain_item_unit_i AFTER INSERT ON item_unit BEGIN
	INSERT OR REPLACE INTO chain_dirty(tbl, key)
	    VALUES ('item_unit', NEW.item_id || '/' || NEW.unit);
END;
CREATE TRIGGER chain_item_unit_u AFTER UPDATE ON item_unit BEGIN
	INSERT OR REPLACE INTO chain_dirty(tbl, key)
	    VALUES ('item_unit', OLD.item_id || '/' || OLD.unit),
	    ('item_unit', NEW.item_id || '/' || NEW.unit);
END;
CREATE TRIGGER chain_item_unit_d AFTER DELETE ON item_unit BEGIN
	INSERT OR REPLACE INTO chain_dirty(tbl, key)
	    VALUES ('item_unit', OLD.item_id || '/' || OLD.unit);
END;
-- A user's name, role and password hash; not the failure count, the lock
-- or the language, which change outside the chain (docs/architecture.md).
CREATE TRIGGER chain_user_i AFTER INSERT ON user BEGIN
	INSERT OR REPLACE INTO chain_dirty(tbl, key) VALUES ('user', NEW.id);
END;
CREATE TRIGGER chain_user_u AFTER UPDATE OF id, name, role, pw_hash ON user
BEGIN
	INSERT OR REPLACE INTO chain_dirty(tbl, key) VALUES ('user', OLD.id),
	    ('user', NEW.id);
END;
CREATE TRIGGER chain_user_d AFTER DELETE ON user BEGIN
	INSERT OR REPLACE INTO chain_dirty(tbl, key) VALUES ('user', OLD.id);
END;
-- The site's settings (site code, currency decimals).
CREATE TRIGGER chain_meta_i AFTER INSERT ON meta BEGIN
	INSERT OR REPLACE INTO chain_dirty(tbl, key) VALUES ('meta', NEW.key);
END;
CREATE TRIGGER chain_meta_u AFTER UPDATE ON meta BEGIN
	INSERT OR REPLACE INTO chain_dirty(tbl, key) VALUES ('meta', OLD.key),
	    ('meta', NEW.key);
END;
CREATE TRIGGER chain_meta_d AFTER DELETE ON meta BEGIN
	INSERT OR REPLACE INTO chain_dirty(tbl, key) VALUES ('meta', OLD.key);
END;
-- Scales and scanners.
CREATE TRIGGER chain_device_i AFTER INSERT ON device BEGIN
	INSERT OR REPLACE INTO chain_dirty(tbl, key) VALUES ('device', NEW.id);
END;
CREATE TRIGGER chain_device_u AFTER UPDATE ON device BEGIN
	INSERT OR REPLACE INTO chain_dirty(tbl, key) VALUES ('device', OLD.id),
	    ('device', NEW.id);
END;
CREATE TRIGGER chain_device_d AFTER DELETE ON device BEGIN
	INSERT OR REPLACE INTO chain_dirty(tbl, key) VALUES ('device', OLD.id);
END;
