-- The relay's marks as ranges (docs/bus.md, "In the depot's database"): one
-- row per round acknowledged, instead of rewriting every outbox row of it
-- (state and sent_at), which wrote each event's payload once more, about
-- 6 us an event.  An event has left the depot when its seq is at most
-- bus_state.acked_seq, or its state is 'sent' (marked row by row before
-- this, and the bus.skipped rows of a renumbering).  sync status counts the
-- events sent in the last hour from these rows and, for older marks, from
-- outbox.sent_at.
CREATE TABLE bus_sent (
	upto	INTEGER PRIMARY KEY,	-- the range's last seq
	first	INTEGER NOT NULL,	-- its first
	at	TEXT NOT NULL		-- when its last acknowledgement came
) STRICT;
CREATE INDEX bus_sent_at ON bus_sent(at);
