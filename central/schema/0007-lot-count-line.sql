-- What the expiry and variance reports read at the centre (docs/events.md):
-- a lot's expiry date as its movements carry it, and the lines of a
-- posted count as its count.post event lists them.

-- A lot of an item at a site, seen in a movement that says its expiry
-- (NULL: the lot has none).  A lot on hand with no row here was moved
-- only by events older than the field: the expiry report says so.
CREATE TABLE lot (
	site		text NOT NULL,
	item		text NOT NULL,
	code		text NOT NULL,
	expiry		text,		-- YYYY-MM-DD, compared as text as at a depot
	PRIMARY KEY (site, item, code)
);

-- A line of a posted count, by location, item and lot ('' for none);
-- book and counted NULL for a line not counted.  A posted count with
-- fewer rows here than its count.start said ("lines") was posted by a
-- depot that did not send them: the variance report says so.
CREATE TABLE count_line (
	site		text NOT NULL,
	doc		text NOT NULL,
	location	text NOT NULL,
	item		text NOT NULL,
	lot		text NOT NULL DEFAULT '',
	status		text NOT NULL,
	expected	bigint NOT NULL,
	book		bigint,
	counted		bigint,
	PRIMARY KEY (site, doc, location, item, lot)
);
