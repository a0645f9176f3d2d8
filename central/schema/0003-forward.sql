-- Transfers between sites, first step (docs/catalogue.md, "Transfers
-- between sites"): a shipment to a depot of another site, as the centre
-- applied it, is forwarded to that site on the stream MAKHZAN_INBOUND
-- (subject makhzan.<SITE>.inbound.transfer.ship), signed by the centre.
-- One row per document forwarded, written once the stream stored it; the
-- message id is the shipment's event id, so a resend after a crash is
-- dropped by JetStream as a duplicate.
CREATE TABLE forward (
	site		text NOT NULL,		-- the shipping site
	number		text NOT NULL,		-- its transfer document
	kind		text NOT NULL,		-- 'transfer.ship'
	to_site		text NOT NULL,
	event_id	uuid NOT NULL,
	stream_seq	bigint NOT NULL,
	forwarded_at	timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (site, number, kind)
);
