-- One signature per relay window (docs/bus.md, "Signature"): a part sent
-- with a Makhzan-Proof keeps it beside the signature, which is then the
-- window's, over the Merkle root the proof leads to.  With the body, the
-- key and the signature it re-verifies the part alone, at any time.  NULL
-- for a part signed alone (before the window signature, or another
-- sender).
ALTER TABLE event_part ADD COLUMN proof text;
