-- Scales and scanners, configured per station (a terminal or a dock).
CREATE TABLE device (
	id		INTEGER PRIMARY KEY,
	name		TEXT NOT NULL UNIQUE,
	kind		TEXT NOT NULL CHECK (kind IN ('scale', 'scanner')),
	uri		TEXT NOT NULL,
	unit_id		INTEGER NOT NULL CHECK (unit_id BETWEEN 0 AND 247),
	profile		TEXT NOT NULL,
	station		TEXT NOT NULL DEFAULT '',
	timeout_ms	INTEGER NOT NULL CHECK (timeout_ms BETWEEN 50 AND 60000),
	created_at	TEXT NOT NULL
) STRICT;
