# Returns (issue 14): part of a receipt back to its supplier (RTS), part of
# an issue back from its cost centre (RTN); each a document of its own,
# valued at the depot's average cost, refused beyond what was received or
# issued and not yet returned; an outbox event like any posting; the
# migration of a database made before returns existed.
set -u
. "$(dirname "$0")/lib.sh"

YEAR=$(date -u +%Y)

ok "init" mz init --site HMS --admin admin
ok "depot" mz depot add HMS --name-ar "حمص" --name-en Homs
ok "depot BNS" mz depot add BNS --name-ar "بانياس" --name-en Banias
ok "locations" mz location add HMS/A/01 HMS/A/02 BNS/DOCK
ok "cost centre" mz cost-centre add CC-DRILL --name-ar "الحفر" \
    --name-en Drilling
ok "item P-100" mz item add P-100 --name-ar "صمام" --name-en Valve --uom EA
ok "item OIL (lot)" mz item add OIL --name-ar "زيت" --name-en Oil --uom L \
    --tracking lot
ok "unit DRUM" mz unit add OIL DRUM 200
ok "item VLV (serial)" mz item add VLV --name-ar "صمام كروي" \
    --name-en "Ball valve" --uom EA --tracking serial
add_user sk storekeeper
add_user sv supervisor
add_user au auditor

ok "receive P-100 10 at 100" as sk receive --to HMS/A/01 P-100 10 --cost 100
GRN1=$OUT
ok "receive P-100 10 at 200" as sk receive --to HMS/A/01 P-100 10 --cost 200
ok "receive OIL 2 DRUM" as sk receive --to HMS/A/02 OIL 2 DRUM --lot L1 \
    --expiry 2030-01-01 --cost 5
GRN3=$OUT
ok "receive 3 valves" as sk receive --to HMS/A/01 VLV 3 --serial S1 \
    --serial S2 --serial S3 --cost 1000
GRN4=$OUT
# A copy made before any return, for the migration test at the end.
cp "$MAKHZAN_DB" "$T/old.db"

printf 'item,qty,lot,expiry\nOIL,10,L3,2030-01-01\nOIL,10,L4,2030-01-01\n' \
    >"$T/two-lots.csv"

# --- to the supplier ------------------------------------------------------------
ok "return 4 of the first receipt" as sk return supplier "$GRN1" P-100 4 \
    --reason "damaged"
RTS1=$OUT
check_eq "an RTS document of its own" "HMS-RTS-$YEAR-000001" "$RTS1"
ok "stock as the auditor" as au stock --item P-100 --format json
json_check "16 left, valued at the average (150 each): 2400.00" '
assert [(str(r["qty"]), str(r["value"])) for r in d] == [("16", "2400.00")], d'
fails 1 "more than is left to return" as sk return supplier "$GRN1" P-100 7 \
    --reason "damaged"
has_err "names what can still be returned" \
    "$GRN1 moved 10 EA of P-100 and 4 came back already: at most 6 can be returned, not 7"
ok "the other 6" as sk return supplier "$GRN1" P-100 6 --reason damaged
fails 1 "nothing left to return" as sk return supplier "$GRN1" P-100 1 \
    --reason damaged
ok "a lot, in drums, from another bin" as sk move --from HMS/A/02 \
    --to HMS/A/01 OIL 200 --lot L1
ok "return 1 DRUM of lot L1 from HMS/A/01" as sk return supplier "$GRN3" \
    OIL 1 DRUM --lot L1 --from HMS/A/01 --reason "leaking"
ok "stock of OIL" as sk stock --item OIL --format json
json_check "HMS/A/01 has 200 - 200 = 0, HMS/A/02 200" '
got = {r["location"]: str(r["qty"]) for r in d}
assert got == {"HMS/A/02": "200"}, got'
fails 1 "a lot the receipt did not bring" as sk return supplier "$GRN3" OIL \
    1 --lot L2 --reason x
ok "a lot-tracked item without --lot: the receipt's only lot" as sk \
    return supplier "$GRN3" OIL 1 --reason x
ok "receive OIL of two lots" as sk receive --to HMS/A/02 --lines \
    "$T/two-lots.csv"
GRN5=$OUT
fails 1 "without --lot when the receipt brought two lots" as sk return \
    supplier "$GRN5" OIL 1 --reason x
has_err "asks for the lot" "moved more than one lot of OIL"
ok "return serial S2" as sk return supplier "$GRN4" VLV 1 --serial S2 \
    --reason "wrong spec"
fails 1 "S2 again" as sk return supplier "$GRN4" VLV 1 --serial S2 \
    --reason "wrong spec"
fails 1 "a serial the receipt did not bring" as sk return supplier "$GRN4" \
    VLV 1 --serial S9 --reason x
fails 1 "two units, one serial" as sk return supplier "$GRN4" VLV 2 \
    --serial S1 --reason x

# --- back from the cost centre --------------------------------------------------
ok "issue 5 P-100" as sk issue --from HMS/A/01 --to CC-DRILL P-100 5
ISS=$OUT
ok "take 2 back into HMS/A/02" as sk return issue "$ISS" P-100 2 \
    --to HMS/A/02 --reason "not used"
RTN=$OUT
check_eq "an RTN document" "HMS-RTN-$YEAR-000001" "$RTN"
fails 1 "more than was issued and not yet back" as sk return issue "$ISS" \
    P-100 4 --reason "not used"
has_err "says what can still come back" "at most 3 can be returned, not 4"
ok "the other 3, into the bin it left" as sk return issue "$ISS" P-100 3 \
    --reason "not used"
ok "stock after the issue's return" as au stock --item P-100 --format json
json_check "5 back at the average, 150: 8 at HMS/A/01 (10 - 5 + 3), 2 at HMS/A/02" '
got = {r["location"]: (str(r["qty"]), str(r["value"])) for r in d}
assert got == {"HMS/A/01": ("8", "1200.00"), "HMS/A/02": ("2", "300.00")}, got'

# --- a reversed return gives its quantity back ---------------------------------
ok "reverse the RTN" as sv reverse "$RTN" --reason "entered twice"
fails 1 "still all back: 3 + 2 (reversed) = 3" as sk return issue "$ISS" \
    P-100 3 --reason x
ok "the reversed 2 may come back again" as sk return issue "$ISS" P-100 2 \
    --reason "not used"

# --- the record ----------------------------------------------------------------
ok "ledger shows the returns" as au ledger P-100
has_out "RTS in the stock card" "HMS-RTS-$YEAR-000001"
has_out "RTN in the stock card" "HMS-RTN-$YEAR-000001"
check_eq "outbox events of the returns" "return.issue return.supplier" \
    "$(sqlite3 "$MAKHZAN_DB" "SELECT DISTINCT type FROM outbox WHERE type
        LIKE 'return.%' ORDER BY type" | tr '\n' ' ' | sed 's/ $//')"
check_eq "the event names the document it returns" "$GRN1" \
    "$(sqlite3 "$MAKHZAN_DB" "SELECT json_extract(payload, '\$.returns')
        FROM outbox WHERE json_extract(payload, '\$.number') = '$RTS1'")"
check_eq "the document row links to the receipt" "$GRN1" \
    "$(sqlite3 "$MAKHZAN_DB" "SELECT o.number FROM document d JOIN document o
        ON o.id = d.returns_id WHERE d.number = '$RTS1'")"
ok "check" mz check
ok "audit verify" mz audit verify
ok "scan the RTS number" as sk scan "$RTS1" --format json
json_check "a return's number is a document" 'assert d["kind"] == "document", d'

# --- refusals ---------------------------------------------------------------------
fails 1 "return supplier of an issue" as sk return supplier "$ISS" P-100 1 \
    --reason x
fails 1 "return issue of a receipt" as sk return issue "$GRN1" P-100 1 \
    --reason x
fails 1 "an unknown document" as sk return supplier HMS-GRN-2026-999999 \
    P-100 1 --reason x
fails 1 "the auditor may not return" as au return supplier "$GRN4" VLV 1 \
    --serial S1 --reason x
fails 1 "--from a location of another depot" as sk return supplier "$GRN4" \
    VLV 1 --serial S1 --from BNS/DOCK --reason x
fails 1 "a bad quantity" as sk return supplier "$GRN4" VLV abc --serial S1 \
    --reason x
fails 2 "no --reason" as sk return supplier "$GRN4" VLV 1 --serial S1
fails 2 "no item" as sk return supplier "$GRN4" --reason x
fails 2 "too many words" as sk return issue "$ISS" P-100 1 EA X --reason x
fails 2 "--lot and --serial" as sk return supplier "$GRN4" VLV 1 --lot A \
    --serial S1 --reason x
fails 2 "--to on a supplier return" as sk return supplier "$GRN4" VLV 1 \
    --serial S1 --to HMS/A/01 --reason x
fails 2 "return alone" as sk return
fails 2 "return what" as sk return nothing

# --- a database made before returns: migrated, its documents kept --------------
# The version just before the returns' migration (the schema file before it).
SCHEMA_DIR=$IT_DIR/../../data/schema
RET=$(ls "$SCHEMA_DIR" | sed -n 's/^\([0-9]*\)-returns\.sql$/\1/p')
PREV=$(ls "$SCHEMA_DIR" | sed -n 's/^\([0-9]*\)-.*/\1/p' | sort |
    awk -v r="$RET" '$1 < r' | tail -n 1)
PREV=$((10#$PREV))
sqlite3 "$T/old.db" <<'EOF' >/dev/null
PRAGMA foreign_keys = OFF;
BEGIN;
CREATE TABLE d6 AS SELECT id, number, type, depot_id, status, created_at,
    user_id, supplier, ref, cost_centre_id, requester, reason, dest_depot_id,
    reverses_id, location_prefix FROM document;
DROP TABLE document;
CREATE TABLE document (
	id		INTEGER PRIMARY KEY,
	number		TEXT NOT NULL UNIQUE,
	type		TEXT NOT NULL CHECK (type IN ('GRN', 'ISS', 'MOV',
			    'TRF', 'ADJ', 'CNT', 'REV')),
	depot_id	INTEGER NOT NULL REFERENCES depot(id),
	status		TEXT NOT NULL CHECK (status IN ('posted', 'in_transit',
			    'received', 'open')),
	created_at	TEXT NOT NULL,
	user_id		INTEGER NOT NULL REFERENCES user(id),
	supplier	TEXT,
	ref		TEXT,
	cost_centre_id	INTEGER REFERENCES cost_centre(id),
	requester	TEXT,
	reason		TEXT,
	dest_depot_id	INTEGER REFERENCES depot(id),
	reverses_id	INTEGER REFERENCES document(id),
	location_prefix	TEXT
) STRICT;
INSERT INTO document SELECT * FROM d6;
DROP TABLE d6;
CREATE INDEX document_in_transit ON document(type)
    WHERE status = 'in_transit';
CREATE UNIQUE INDEX document_reverses ON document(reverses_id)
    WHERE reverses_id IS NOT NULL;
COMMIT;
EOF
# What the migrations after the returns' add, taken out too: they run again.
sqlite3 "$T/old.db" "ALTER TABLE item_unit DROP COLUMN purchase;
    DROP TABLE inbound_received; DROP TABLE inbound_state;
    DROP TABLE inbound_applied; DROP TABLE bus_sent" >/dev/null
# The outbox's CHECK as 0001 wrote it, with an IN list (0015 rewrites it).
sqlite3 "$T/old.db" "PRAGMA writable_schema = ON;
    UPDATE sqlite_schema SET sql = replace(sql, 'CHECK (state = ''pending'' '
    || 'OR state = ''sent'' OR' || char(10, 9, 9, 9) || '    state = ''parked'')',
    'CHECK (state IN (''pending'', ''sent'', ''parked''))')
    WHERE name = 'outbox'; PRAGMA writable_schema = RESET" >/dev/null
check_eq "the old outbox checks its state with an IN list" 1 \
    "$(sqlite3 "$T/old.db" "SELECT instr(sql, 'state IN (') > 0 FROM
    sqlite_schema WHERE name = 'outbox'")"
sqlite3 "$T/old.db" "PRAGMA user_version = $PREV"
n_before=$(sqlite3 "$T/old.db" "SELECT count(*) FROM document")
check_eq "the old database is at the version before returns" "$PREV" \
    "$(sqlite3 "$T/old.db" "PRAGMA user_version")"
ok "an old database opens (migrated)" env MAKHZAN_DB="$T/old.db" \
    "$MAKHZAN" depot list
check_eq "migrated to the latest version" "$(sqlite3 "$MAKHZAN_DB" "PRAGMA user_version")" \
    "$(sqlite3 "$T/old.db" "PRAGMA user_version")"
check_eq "every document kept" "$n_before" \
    "$(sqlite3 "$T/old.db" "SELECT count(*) FROM document")"
check_eq "no foreign key broken" "" \
    "$(sqlite3 "$T/old.db" "PRAGMA foreign_key_check")"
check_eq "no IN list left in the checks of document and outbox" 0 \
    "$(sqlite3 "$T/old.db" "SELECT count(*) FROM sqlite_schema WHERE name
    IN ('document', 'outbox') AND instr(sql, ' IN (')")"
ok "a return on the migrated database" env MAKHZAN_DB="$T/old.db" \
    MAKHZAN_USER=sk MAKHZAN_PASSWORD="${PW[sk]}" "$MAKHZAN" return supplier \
    "$GRN1" P-100 1 --reason x
ok "check on the migrated database" env MAKHZAN_DB="$T/old.db" "$MAKHZAN" \
    check

finish
