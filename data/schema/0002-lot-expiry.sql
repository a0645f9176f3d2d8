-- Lots by expiry date: the lots that expire within 30 days (the home
-- screen), first-expiry-first-out suggestions on issue.  Lots are written
-- once each, so a posting pays nothing for it.  The first migration after
-- the first schema: upgrading a depot database is exercised from day one.
CREATE INDEX lot_expiry ON lot(expiry) WHERE expiry IS NOT NULL;
