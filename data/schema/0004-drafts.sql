-- Documents being typed at a terminal: kept in the database, so that a
-- closed terminal or a power cut loses nothing the storekeeper typed.  One
-- draft per user and kind of document; body is JSON (core/draft.c).
CREATE TABLE draft (
	user_id		INTEGER NOT NULL REFERENCES user(id),
	kind		TEXT NOT NULL,
	body		TEXT NOT NULL,
	updated_at	TEXT NOT NULL,
	PRIMARY KEY (user_id, kind)
) STRICT, WITHOUT ROWID;
