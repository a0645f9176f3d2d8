-- The relay's bookkeeping (makhzan sync, docs/bus.md): when each event was
-- acknowledged by the bus, and the relay's own state.  Transport state, not
-- the depot's record: it takes no audit entry and no event.
--
-- sent_at: when JetStream acknowledged the event (every part of it).  The
-- index is partial, so that a posting, which inserts the row unsent, writes
-- no page of it; sync status counts the acknowledgements of the last hour
-- through it.
ALTER TABLE outbox ADD COLUMN sent_at TEXT;
CREATE INDEX outbox_sent_at ON outbox(sent_at) WHERE sent_at IS NOT NULL;

-- One row.  acked_seq: every event up to it is acknowledged (the relay
-- marks the longest acknowledged prefix, in seq order); last_error: what
-- stops the relay, NULL once it reaches the bus again or events are
-- acknowledged.
CREATE TABLE bus_state (
	id		INTEGER PRIMARY KEY CHECK (id = 1),
	acked_seq	INTEGER NOT NULL DEFAULT 0,
	last_ack	TEXT,
	last_error	TEXT,
	last_error_at	TEXT,
	last_connect	TEXT
) STRICT;
INSERT INTO bus_state(id, acked_seq) VALUES (1, 0);
