-- Sessions of makhzan login (docs/sessions.md): a terminal that logged in
-- once keeps the user for session_minutes without argon2id.  The token
-- itself is only in the user's 0600 file under $XDG_RUNTIME_DIR; the
-- database holds its BLAKE2b-256 hash, so that a copy of the database
-- (a backup) gives no session.  Security state, not the depot's record:
-- opening and closing one is audited, the rows are deleted when they end.
CREATE TABLE login_session (
	id		INTEGER PRIMARY KEY,
	token_hash	TEXT NOT NULL UNIQUE,
	user_id		INTEGER NOT NULL REFERENCES user(id),
	created_at	TEXT NOT NULL,
	expires		INTEGER NOT NULL
) STRICT;
CREATE INDEX login_session_user ON login_session(user_id);

-- What binds a session file to this database beside its path: a random
-- identity made once, which a copy of the file keeps but a new database
-- never has.
INSERT INTO meta(key, value) VALUES ('db_id', lower(hex(randomblob(16))))
    ON CONFLICT(key) DO NOTHING;
-- A row a migration adds is recorded by the next write, like the rows
-- that were there before 0008 (the chain's trigger marked it as a write).
UPDATE chain_dirty SET why = 'migration' WHERE tbl = 'meta' AND key = 'db_id';
