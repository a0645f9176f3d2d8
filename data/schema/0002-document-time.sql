-- Documents by time: today's postings on the home screen, reports by
-- period.  The first migration after the first release of the schema, so
-- that upgrading an existing depot database is exercised from day one.
CREATE INDEX document_created ON document(created_at);
