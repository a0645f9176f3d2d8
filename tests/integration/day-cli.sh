# A storekeeper's day on the command line (issue 14): transfer show and
# what remains in transit, stock with --in-transit and values, item show
# without empty fields, item list with stock on hand, count list and the
# auditor's figures, issue by FEFO, global options after the command, local
# time in tables, EAN scans with their symbology identifier; bad input of
# each new command.
set -u
. "$(dirname "$0")/lib.sh"

YEAR=$(date -u +%Y)
TODAY=$(date -u +%F)
PAST=$(date -u -d '-10 days' +%F)
SOON=$(date -u -d '+20 days' +%F)
LATER=$(date -u -d '+400 days' +%F)

ok "init" mz init --site HMS --admin admin
ok "depot add HMS" mz depot add HMS --name-ar "مستودع حمص" --name-en Homs
ok "depot add BNS" mz depot add BNS --name-ar "مستودع بانياس" --name-en Banias
ok "locations" mz location add HMS/C/01 HMS/C/02 BNS/DOCK
ok "cost centre" mz cost-centre add CC-DRILL --name-ar "الحفر" \
    --name-en Drilling
ok "item CHM-BENT (lot)" mz item add CHM-BENT --name-ar "بنتونيت" \
    --name-en Bentonite --uom KG --tracking lot --barcode 6214501000115
ok "unit BAG" mz unit add CHM-BENT BAG 25
ok "item P-100 (none, no category, no min/max)" mz item add P-100 \
    --name-ar "صمام" --name-en Valve --uom EA
add_user sk storekeeper
add_user sv supervisor
add_user au auditor

ok "receive lot L-LATER" as sk receive --to HMS/C/01 CHM-BENT 100 \
    --lot L-LATER --expiry "$LATER" --cost 2000
ok "receive lot L-SOON" as sk receive --to HMS/C/01 CHM-BENT 50 \
    --lot L-SOON --expiry "$SOON" --cost 1000
ok "receive P-100" as sk receive --to HMS/C/01 P-100 10 --cost 1500

# An expired lot: received (a supervisor's receipt of old stock) when the
# posting allows it, else it is left out and the FEFO checks say so.
run as sv receive --to HMS/C/01 CHM-BENT 30 --lot L-PAST --expiry "$PAST" \
    --cost 1000
HAVE_PAST=$RC

# --- issue without --lot: FEFO, expired never --------------------------------
ok "issue 60 without --lot" as sk issue --from HMS/C/01 --to CC-DRILL \
    CHM-BENT 60
ISS=$(head -n 1 "$T/.out")
check_eq "the issue's number is the first line" "HMS-ISS-$YEAR-000001" "$ISS"
has_out "the soonest lot first, all of it" \
    "took 50 KG of CHM-BENT from lot L-SOON (expires $SOON)"
has_out "then the next lot" \
    "took 10 KG of CHM-BENT from lot L-LATER (expires $LATER)"
if [ "$HAVE_PAST" = 0 ]; then
	if [[ $OUT == *L-PAST* ]]; then
		it_fail "the expired lot is not taken" "$OUT"
	else
		it_pass "the expired lot is not taken"
	fi
fi
ok "issue in bags without --lot" as sk issue --from HMS/C/01 --to CC-DRILL \
    CHM-BENT 2 BAG
has_out "2 BAG = 50 KG from L-LATER" \
    "took 50 KG of CHM-BENT from lot L-LATER"
ok "stock after the FEFO issues" as sk stock --item CHM-BENT --format json
json_check "L-SOON empty, L-LATER 40" '
got = {r["lot"]: str(r["qty"]) for r in d}
assert got.get("L-LATER") == "40" and "L-SOON" not in got, got'
fails 1 "issue more than the unexpired lots hold" as sk issue \
    --from HMS/C/01 --to CC-DRILL CHM-BENT 41
has_err "the refusal says what the unexpired lots hold" \
    "has 40 KG of CHM-BENT in lots that have not expired"
ok "an untracked item still issues without --lot" as sk issue \
    --from HMS/C/01 --to CC-DRILL P-100 1
check_eq "no lot line for an untracked item" 1 "$(grep -c '' "$T/.out")"

# --- transfers: show, list --pending, a partial receive ------------------------
ok "transfer ship 1 BAG" as sk transfer ship --from HMS/C/01 --to BNS \
    CHM-BENT 1 BAG --lot L-LATER
TRF=$OUT
ok "transfer ship P-100" as sk transfer ship --from HMS/C/01 --to BNS P-100 4
TRF2=$OUT
ok "transfer list --pending" as sk transfer list --pending --format json
json_check "each item in transit with its quantity" '
got = sorted((r["number"], r["item"], r["lot"], str(r["in_transit"]),
    r["uom"]) for r in d)
assert got == [("'"$TRF"'", "CHM-BENT", "L-LATER", "25", "KG"),
    ("'"$TRF2"'", "P-100", None, "4", "EA")], got'
ok "transfer list --pending (table)" as sk transfer list --pending
has_out "the table has the quantity and unit" "25  KG"
ok "partial transfer receive" as sk transfer receive "$TRF" --to BNS/DOCK \
    CHM-BENT 10 --lot L-LATER
has_out "the receipt's line" "$TRF received at BNS/DOCK"
has_out "says what remains" \
    "still in transit: 15 KG of CHM-BENT lot L-LATER"
ok "transfer show" as sk transfer show "$TRF"
has_out "show: header" "$TRF  from HMS to BNS"
has_out "show: in transit" "in transit"
ok "transfer show json" as sk transfer show "$TRF" --format json
json_check "shipped 25, received 10, 15 left" '
assert [(r["item"], r["lot"], str(r["shipped"]), str(r["received"]),
    str(r["in_transit"]), r["uom"]) for r in d] == [("CHM-BENT", "L-LATER",
    "25", "10", "15", "KG")], d'
ok "receive the rest" as sk transfer receive "$TRF" --to BNS/DOCK
has_out "nothing left" "nothing is left in transit: $TRF is received"
ok "transfer show after all arrived" as sk transfer show "$TRF" --format csv
has_out "csv: 25 shipped, 25 received, 0 left" "CHM-BENT,L-LATER,25,25,0,KG"

# --- stock: in transit, values -------------------------------------------------
ok "stock --depot BNS" as sk stock --depot BNS
has_out "a line says what in transit is left out" \
    "not shown: 1 items and lots in transit to these depots, in 1 transfers"
ok "stock --depot BNS --in-transit" as sk stock --depot BNS --in-transit \
    --format json
json_check "the transit row is there" '
got = [(r["location"], r["item"], str(r["qty"])) for r in d]
assert ("BNS/@TRANSIT", "P-100", "4") in got, got
assert ("BNS/DOCK", "CHM-BENT", "25") in got, got'
ok "stock --format json: no transit rows without --in-transit" as sk stock \
    --format json
json_check "no @TRANSIT row" '
assert all("@TRANSIT" not in r["location"] for r in d), d'
check_eq "a storekeeper sees no values" "depot,location,item,lot,qty,uom" \
    "$(as sk stock --format csv | head -n 1)"
ok "stock as the auditor" as au stock --item P-100 --depot HMS --format json
json_check "5 P-100 at 1500.00 each = 7500.00" '
assert [(str(r["qty"]), str(r["value"])) for r in d] == [("5", "7500.00")], d'
ok "stock as the supervisor (table)" as sv stock --item P-100 --depot HMS
has_out "the table has a Value column" "Value"
has_out "and the value" "7500.00"

# --- item show and item list ---------------------------------------------------
ok "item show P-100" as sk item show P-100
if [[ $OUT == *"category:"* || $OUT == *"maximum:"* || \
    $OUT == *"minimum:"* ]]; then
	it_fail "no empty category, no maximum 0" "$OUT"
else
	it_pass "no empty category, no maximum 0"
fi
has_out "item show still has the stock" "HMS/C/01"
ok "item show as the auditor" as au item show P-100
has_out "the auditor sees the value" "7500.00"
ok "item list --search with stock on hand" as sk item list --search "بنتونيت" \
    --format json
# 15 at HMS, 25 at BNS, and the 30 of the expired lot when it came in.
want=$((40 + (HAVE_PAST == 0 ? 30 : 0)))
json_check "on_hand is the stock at real locations" '
assert [(r["code"], str(r["on_hand"])) for r in d] == [("CHM-BENT",
    "'"$want"'")], d'
check_eq "item export keeps the import's columns" \
    "code,name_ar,name_en,category,uom,tracking,weighed,min,max,shelf_life,barcodes" \
    "$(as sk item export | head -n 1)"

# --- counts: list, the auditor's figures --------------------------------------
ok "count start" as sk count start HMS/C
CNT=$OUT
ok "count enter" as sk count enter "$CNT" HMS/C/01 P-100 4
ok "count list (open)" as sk count list --format json
json_check "the open count is listed with its figures" '
assert [(r["number"], r["status"], r["lines"], r["to_count"]) for r in d
    if r["number"] == "'"$CNT"'"][0][:2] == ("'"$CNT"'", "open"), d'
ok "count show, open, as the auditor" as au count show "$CNT" --format json
json_check "blind while open" 'assert all("expected" not in r for r in d), d'
ok "count post" as sv count post "$CNT" --skip-uncounted
ok "count list as the auditor" as au count list --format json
json_check "posted, with the variances' value (-1 x 1500.00)" '
r = [r for r in d if r["number"] == "'"$CNT"'"][0]
assert r["status"] == "posted" and str(r["variance_value"]) == "-1500.00", r'
ok "count show, posted, as the auditor" as au count show "$CNT" --format json
json_check "expected, book and variance for the auditor" '
r = [r for r in d if r["item"] == "P-100"][0]
assert (str(r["expected"]), str(r["book"]), str(r["counted"]),
    str(r["variance"])) == ("5", "5", "4", "-1"), r'
ok "count show, posted, as a storekeeper" as sk count show "$CNT" \
    --format json
json_check "a storekeeper still sees no expected figures" '
assert all("expected" not in r for r in d), d'
ok "count list --open" as sk count list --open --format json
json_check "no open count left" 'assert d == [], d'

# --- global options after the command; local time ------------------------------
ok "stock --db after the command" as sk stock --db "$MAKHZAN_DB" --item P-100
ok "demo --lang en after the command" env HOME="$T/h" XDG_DATA_HOME= \
    "$MAKHZAN" demo --no-tui --lang en --db "$T/demo.db"
has_out "demo speaks English" "Users (password makhzan-demo)"
fails 2 "--password SECRET after the command is still refused" \
    mz stock --password SECRET
if grep -q SECRET "$T/.err"; then
	it_fail "the secret is not echoed" "$(cat "$T/.err")"
else
	it_pass "the secret is not echoed"
fi
run env TZ=Asia/Damascus "$MAKHZAN" ledger P-100
if [[ $OUT =~ [0-9]{4}-[0-9]{2}-[0-9]{2}\ [0-9]{2}:[0-9]{2}\  ]] &&
    [[ $OUT != *Z\ * ]] && [[ $OUT != *UTC* ]]; then
	it_pass "ledger table: local time to the minute"
else
	it_fail "ledger table: local time to the minute" "$OUT"
fi
run env TZ=Asia/Damascus "$MAKHZAN" ledger P-100 --format json
json_check "ledger json keeps ISO 8601 with its offset" '
import re
assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)",
    r["at"]) for r in d), d'
printf '[makhzan]\ntz = Asia/Damascus\n' >"$T/tz.ini"
first=$(env MAKHZAN_CONFIG="$T/tz.ini" TZ=UTC "$MAKHZAN" ledger P-100 |
    sed -n 2p | cut -c1-16)
utc=$(env TZ=UTC "$MAKHZAN" ledger P-100 | sed -n 2p | cut -c1-16)
want=$(TZ=Asia/Damascus date -d "${utc/ /T}:00Z" '+%Y-%m-%d %H:%M')
check_eq "tz = in makhzan.ini wins over the system's zone" "$want" "$first"
printf '[makhzan]\ntz = Mars/Olympus\n' >"$T/badtz.ini"
fails 1 "an unknown tz = is refused in one line" env \
    MAKHZAN_CONFIG="$T/badtz.ini" "$MAKHZAN" stock

# --- scans with a symbology identifier -----------------------------------------
ok "scan ]E0 EAN-13" as sk scan "]E06214501000115" --format json
json_check "an EAN with ]E0 is found by its barcode" '
assert d.get("item") == "CHM-BENT" and d.get("barcode") == "6214501000115", d'
ok "scan ]e0 DataBar" as sk scan "]e00106214501000115" --format json
json_check "]e0 is read like ]C1" '
assert d["kind"] == "gs1" and d["gtin"] == "06214501000115", d'

# --- issue --lines: a line without a lot takes FEFO's too ----------------------
printf 'item,qty,unit,lot\nCHM-BENT,5,,\nP-100,1,,\n' >"$T/fefo.csv"
ok "issue --lines, a lot-tracked line without a lot" as sk issue \
    --from HMS/C/01 --to CC-DRILL --lines "$T/fefo.csv"
has_out "the CSV line takes the lot FEFO chose" \
    "took 5 KG of CHM-BENT from lot L-LATER"

# --- bad input of each new command ----------------------------------------------
fails 2 "transfer show without a number" as sk transfer show
fails 2 "transfer show, two numbers" as sk transfer show "$TRF" "$TRF2"
fails 1 "transfer show of an unknown number" as sk transfer show \
    HMS-TRF-2026-999999
fails 1 "transfer show of an issue" as sk transfer show "$ISS"
fails 2 "transfer show --format xml" as sk transfer show "$TRF" --format xml
fails 2 "transfer list --pending --format xml" as sk transfer list \
    --pending --format xml
fails 2 "count list with an argument" as sk count list HMS
fails 2 "count list --format xml" as sk count list --format xml
fails 2 "stock --in-transit=yes" as sk stock --in-transit=yes
fails 2 "stock --in-transit with an argument" as sk stock --in-transit HMS
fails 2 "stock --format xml" as sk stock --format xml
fails 1 "stock --item unknown" as sk stock --item NOPE
fails 1 "issue without --lot from an empty bin" as sk issue \
    --from HMS/C/02 --to CC-DRILL CHM-BENT 1
fails 1 "issue without --lot, bad unit" as sk issue --from HMS/C/01 \
    --to CC-DRILL CHM-BENT 1 DRUM

finish
