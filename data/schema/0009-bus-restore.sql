-- The restore guard (docs/backup.md, docs/bus.md): makhzan restore records
-- where the restored outbox ends, so that the relay, before it sends
-- anything, asks the bus for the last event of this site it holds.  Events
-- posted after a backup was taken were sent under sequence numbers that the
-- restored database would give again to other events; the relay refuses
-- until `makhzan sync renumber` has put the events written since the
-- restore after the bus's last one.  NULL: no restore waits to be checked.
ALTER TABLE bus_state ADD COLUMN restored_seq INTEGER;
ALTER TABLE bus_state ADD COLUMN restored_at TEXT;
