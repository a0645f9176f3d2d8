# makhzan scan: GS1 data in every form a scanner types it, item barcodes,
# locations and document numbers, looked up in the depot database; and
# one clear error for what it cannot read.
set -u
. "$(dirname "$0")/lib.sh"

ok "init" mz init --site HMS --admin admin
ok "depot add" mz depot add HMS --name-ar "مستودع حمص" --name-en Homs
ok "location add" mz location add HMS/A/01
ok "item with an EAN-13" mz item add CHM-BENT --name-ar "بنتونيت" \
    --name-en Bentonite --uom KG --tracking lot --barcode 6214501000115
ok "receive" mz receive --to HMS/A/01 CHM-BENT 100 --lot B-2611
GRN=$OUT

GS=$(printf '\035')
ok "GS1 in parentheses" mz scan --format json \
    "(01)06214501000115(10)B-2611(17)270100"
json_check "GTIN, lot, expiry at the month's end, the item found" '
assert d == {"kind": "gs1", "gtin": "06214501000115", "lot": "B-2611",
    "expiry": "2027-01-31", "item": "CHM-BENT"}, d'
ok "GS1-128 with its symbology identifier and a GS" mz scan --format json \
    "]C101062145010001151726022810B-2611${GS}3103012500"
json_check "the same fields and the net weight" '
assert (d["gtin"], d["lot"], d["expiry"], d["net_kg"], d["item"]) == (
    "06214501000115", "B-2611", "2026-02-28", "12.5", "CHM-BENT"), d'
ok "our item code in AI 91" mz scan --format json "(91)CHM-BENT(21)SN-9"
json_check "item and serial" '
assert (d["item"], d["serial"]) == ("CHM-BENT", "SN-9"), d'
ok "a GTIN nobody has" mz scan --format json "(01)09506000134352"
json_check "known as GS1, no item" '
assert d["kind"] == "gs1" and d["item"] is None, d'
ok "the item barcode" mz scan --format json 6214501000115
json_check "the item" 'assert d["item"] == "CHM-BENT", d'
ok "the item code" mz scan --format json CHM-BENT
json_check "the item by code" 'assert d == {"kind": "item",
    "item": "CHM-BENT"}, d'
ok "a location" mz scan --format json HMS/A/01
json_check "the location" 'assert d == {"kind": "location",
    "location": "HMS/A/01"}, d'
ok "a document" mz scan --format json "$GRN"
json_check "the receipt" 'assert (d["kind"], d["type"], d["status"]) == (
    "document", "GRN", "posted"), d'
expect_out "item         CHM-BENT" mz scan 6214501000115
fails 1 "a wrong GTIN check digit" mz scan "(01)09506000134353"
has_err "names the AI and the digit" "expected 2"
fails 1 "an unknown AI" mz scan "(01)09506000134352(99)X"
has_err "names the AI" "99"
fails 1 "a bad expiry date" mz scan "(01)09506000134352(17)261332"
has_err "names the AI" "17"
fails 1 "an EAN-13 with a wrong check digit" mz scan 6214501000116
has_err "names the expected digit" "5"
fails 1 "an unknown location" mz scan HMS/Z/99
has_err "names it" "HMS/Z/99"
fails 1 "an unknown document" mz scan HMS-GRN-2026-999999
has_err "names it" "HMS-GRN-2026-999999"
fails 1 "an unknown code" mz scan NOTHING-HERE
has_err "says nothing is known by it" "NOTHING-HERE"
fails 2 "no text" mz scan
fails 2 "a bad format" mz scan --format xml CHM-BENT
finish
