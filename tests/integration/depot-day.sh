# A full depot day through the binary: set-up, receipts, issues, moves, a
# transfer received in two parts, adjustments, a reversal, search, reports,
# item export/import, check, audit and backup.
set -u
. "$(dirname "$0")/lib.sh"

YEAR=$(date -u +%Y)

# --- the site ---------------------------------------------------------------
ok "init" mz init --site HMS --admin admin
has_out "init names the database" "$MAKHZAN_DB"
ok "depot add HMS" mz depot add HMS --name-ar "مستودع حمص" \
    --name-en "Homs depot"
ok "depot add BSR" mz depot add BSR --name-ar "مستودع البصرة" \
    --name-en "Basra depot"
ok "location add (several)" mz location add HMS/A/01 HMS/A/02 HMS/B/01 \
    BSR/R/01
ok "location list --depot HMS" mz location list --depot HMS --format json
json_check "HMS has its zones and bins, no virtual locations" '
paths = [r["path"] for r in d]
assert paths == ["HMS/A", "HMS/A/01", "HMS/A/02", "HMS/B", "HMS/B/01"], paths
assert all(r["kind"] == "internal" and r["depot"] == "HMS" for r in d), d'
ok "depot list" mz depot list --format json
json_check "depot list: two depots with their location counts" '
got = [(r["code"], r["name_ar"], r["locations"]) for r in d]
assert got == [("BSR", "مستودع البصرة", "2"), ("HMS", "مستودع حمص", "5")], got'
ok "cost-centre add CC-DRILL" mz cost-centre add CC-DRILL \
    --name-ar "قسم الحفر" --name-en "Drilling"
ok "cost-centre add CC-MAINT" mz cost-centre add CC-MAINT \
    --name-ar "الصيانة" --name-en "Maintenance"
expect_out "CC-MAINT" mz cost-centre list

# --- items of each tracking, with units --------------------------------------
ok "item add P-100 (none)" mz item add P-100 --name-ar "صمام بوابة" \
    --name-en "Gate valve" --uom EA --category valves
ok "item add CEM-G (weighed, min/max, barcodes)" mz item add CEM-G \
    --name-ar "إسمنت حفر" --name-en 'Drilling cement, class "G"' --uom KG \
    --weighed --min 500 --max 10000.5 --barcode 6291234567890 \
    --barcode CEMG-01
ok "unit add CEM-G BAG 25" mz unit add CEM-G BAG 25
ok "item add LUB-15W40 (lot, shelf life)" mz item add LUB-15W40 \
    --name-ar "زيت محركات" --name-en "Engine oil 15W-40" --uom L \
    --tracking lot --shelf-life 365
ok "unit add LUB-15W40 DRUM 208" mz unit add LUB-15W40 DRUM 208
ok "item add VLV-2IN (serial)" mz item add VLV-2IN \
    --name-ar "صمّام كروي" --name-en "Ball valve 2in" --uom EA \
    --tracking serial
ok "item add LPG-CYL (Arabic name with أ, ة and ١٢)" mz item add LPG-CYL \
    --name-ar "أسطوانة غاز ١٢ كغم" --name-en "LPG cylinder" --uom EA

# --- users ---------------------------------------------------------------------
add_user sk storekeeper
add_user sv supervisor
add_user au auditor
ok "user list" mz user list --format json
json_check "user list has the four users and their roles" '
got = sorted((r["name"], r["role"]) for r in d)
assert got == [("admin", "admin"), ("au", "auditor"), ("sk", "storekeeper"),
    ("sv", "supervisor")], got'

# --- search: Arabic variants, digits, tashkeel, case ---------------------------
search() {
	local q=$1 want=$2
	run mz item list --search "$q" --format csv
	check_eq "item list --search \"$q\"" "$want" \
	    "$(tail -n +2 "$T/.out" | cut -d, -f1 | paste -sd' ' -)"
}
search "اسطوانه" "LPG-CYL"
search "أسطوانة" "LPG-CYL"
search "12" "LPG-CYL"
search "١٢" "LPG-CYL"
search "غاز ١٢" "LPG-CYL"
search "صمام" "P-100 VLV-2IN"
search "lpg" "LPG-CYL"
search "DRILLING" "CEM-G"
search "6291234567890" "CEM-G"
search "زيت" "LUB-15W40"
search "nothing-like-this" ""

# --- receipts (storekeeper) ----------------------------------------------------
ok "receive one line with --cost" as sk receive --to HMS/A/01 P-100 20 \
    --cost 15.50 --supplier "NOC Basra" --ref PO-7781
GRN1=$OUT
check_eq "receipt number" "HMS-GRN-$YEAR-000001" "$GRN1"
ok "receive --lines (units, lots, expiry, serials, costs)" as sk receive \
    --to HMS/A/02 --lines "$IT_DATA/receipt-lines.csv" --supplier "Oil Co."
GRN2=$OUT
check_eq "second receipt number" "HMS-GRN-$YEAR-000002" "$GRN2"
ok "receive LPG-CYL" as sk receive --to HMS/A/01 LPG-CYL 30
check_eq "third receipt number" "HMS-GRN-$YEAR-000003" "$OUT"

# The value that moved with each receipt line (minor units, 2 decimals).
run sqlite3 "$MAKHZAN_DB" "SELECT group_concat(m.value, ' ') FROM movement m
    JOIN document d ON d.id = m.doc_id WHERE d.number = '$GRN1'"
check_eq "value of 20 EA at 15.50" "31000" "$OUT"
run sqlite3 "$MAKHZAN_DB" "SELECT group_concat(m.qty || ':' || m.value, ' ')
    FROM (SELECT m.* FROM movement m JOIN document d ON d.id = m.doc_id
    WHERE d.number = '$GRN2' AND m.line <= 5 ORDER BY m.line) m"
check_eq "lines: 40 BAG at 12.50, 2 DRUM at 850, 3 serials at 120" \
    "1000000:50000 416000:170000 1000:12000 1000:12000 1000:12000" "$OUT"
run sqlite3 "$MAKHZAN_DB" "SELECT code || '=' || coalesce(expiry, '-') FROM lot
    WHERE code LIKE 'L2026%' ORDER BY code"
check_eq "lot expiry: given, and derived from the shelf life" \
    "L2026A=2099-06-30 L2026B=$(date -u -d '+365 days' +%F)" \
    "$(printf '%s' "$OUT" | paste -sd' ' -)"

# --- issues, moves (storekeeper) ----------------------------------------------
ok "issue to a cost centre" as sk issue --from HMS/A/01 P-100 8 \
    --to CC-DRILL --requester "Eng. Ali" --ref WO-12
check_eq "issue number" "HMS-ISS-$YEAR-000001" "$OUT"
ok "issue a lot in drums" as sk issue --from HMS/A/02 LUB-15W40 1 DRUM \
    --lot L2026A --to CC-MAINT
ok "issue a serial" as sk issue --from HMS/A/02 VLV-2IN 1 --serial SN-002 \
    --to CC-MAINT
ISS3=$OUT
ok "move bags" as sk move --from HMS/A/02 --to HMS/B/01 CEM-G 10 BAG
ok "move a whole lot" as sk move --from HMS/A/02 --to HMS/B/01 LUB-15W40 \
    12.5 --lot L2026B

# --- a transfer received in two parts -----------------------------------------
ok "transfer ship" as sk transfer ship --from HMS/A/01 --to BSR P-100 6
TRF=$OUT
check_eq "transfer number" "HMS-TRF-$YEAR-000001" "$TRF"
ok "transfer list --pending" as sk transfer list --pending --format json
json_check "the transfer is pending with its one line in transit" '
assert [(r["number"], r["from_depot"], r["to_depot"], r["item"],
    r["in_transit"], r["uom"]) for r in d] == [("'"$TRF"'",
    "HMS", "BSR", "P-100", 6, "EA")], d'
ok "transfer receive part" as sk transfer receive "$TRF" --to BSR/R/01 \
    P-100 4
ok "transfer list --pending after the part" as sk transfer list --pending \
    --format json
json_check "still pending, its line partly in transit" '
assert [(r["number"], r["item"], r["in_transit"]) for r in d] == [
    ("'"$TRF"'", "P-100", 2)], d'
ok "stock --depot BSR after the part" as sk stock --depot BSR --format json
json_check "4 arrived at BSR/R/01" '
assert [(r["location"], r["item"], r["qty"]) for r in d] == [
    ("BSR/R/01", "P-100", 4)], d'
ok "transfer receive the rest" as sk transfer receive "$TRF" --to BSR/R/01
ok "transfer list --pending when all arrived" as sk transfer list --pending \
    --format json
json_check "nothing pending" 'assert d == [], d'

# --- adjustments (supervisor) ---------------------------------------------------
# `adjust LOC ITEM QTY`, and its --help says QTY may be negative.
run as sv adjust HMS/A/01 P-100 -2 --reason "damaged in handling"
if [ "$RC" = 0 ]; then
	it_pass "adjust -2 as written in the usage"
else
	it_fail "adjust -2 as written in the usage" \
	    "exit $RC: a negative QTY is taken for an option"
	ok "adjust -2 after --" as sv adjust HMS/A/01 P-100 \
	    --reason "damaged in handling" -- -2
fi
ADJ1=$OUT
check_eq "adjustment number" "HMS-ADJ-$YEAR-000001" "$ADJ1"
ok "adjust +3" as sv adjust HMS/A/01 P-100 +3 --reason "found in count"
ok "adjust a lot up" as sv adjust HMS/A/02 LUB-15W40 5 --lot L2026A \
    --reason "count"

# --- a reversal (supervisor) -----------------------------------------------------
ok "reverse the serial issue" as sv reverse "$ISS3" --reason "wrong valve"
check_eq "reversal number" "HMS-REV-$YEAR-000001" "$OUT"
REV=$OUT

# --- stock: json, csv, table, filters --------------------------------------------
ok "stock --format json" as au stock --format json
STOCK_JSON=$OUT
json_check "stock json: exact fields, numbers, lots, no zero rows" '
want = [
    ("BSR", "BSR/R/01", "P-100", None, "6", "EA"),
    ("HMS", "HMS/A/01", "LPG-CYL", None, "30", "EA"),
    ("HMS", "HMS/A/01", "P-100", None, "7", "EA"),
    ("HMS", "HMS/A/02", "CEM-G", None, "750", "KG"),
    ("HMS", "HMS/A/02", "LUB-15W40", "L2026A", "213", "L"),
    ("HMS", "HMS/A/02", "VLV-2IN", "SN-001", "1", "EA"),
    ("HMS", "HMS/A/02", "VLV-2IN", "SN-002", "1", "EA"),
    ("HMS", "HMS/A/02", "VLV-2IN", "SN-003", "1", "EA"),
    ("HMS", "HMS/B/01", "CEM-G", None, "250", "KG"),
    ("HMS", "HMS/B/01", "LUB-15W40", "L2026B", "12.5", "L"),
]
assert isinstance(d, list), type(d)
for r in d:
    # The auditor sees values (the depot average cost times the quantity).
    assert sorted(r) == ["depot", "item", "location", "lot", "qty", "uom",
        "value"], r
    assert isinstance(r["value"], D), ("value is not a number", r)
    assert isinstance(r["qty"], D), ("qty is not a number", r)
    assert re.fullmatch(r"[0-9]+(\.[0-9]{1,3})?", str(r["qty"])), r
got = [(r["depot"], r["location"], r["item"], r["lot"], str(r["qty"]),
    r["uom"]) for r in d]
assert got == want, "\n got %s\nwant %s" % (got, want)'
ok "stock --format csv" as au stock --format csv
check_eq "stock csv header" "depot,location,item,lot,qty,uom,value" \
    "$(head -n 1 "$T/.out")"
ok "stock --format csv as a storekeeper" as sk stock --format csv
check_eq "a storekeeper sees no values" "depot,location,item,lot,qty,uom" \
    "$(head -n 1 "$T/.out")"
has_out "stock csv has the fractional lot row" \
    "HMS,HMS/B/01,LUB-15W40,L2026B,12.5,L"
has_out "stock csv: a row without a lot" "HMS,HMS/A/02,CEM-G,,750,KG"
check_eq "stock csv rows" "11" "$(grep -c '' "$T/.out")"
ok "stock (table)" as au stock
has_out "stock table shows 12.5" "12.5"
has_out "stock table has its header" "Location"
ok "stock --location HMS/A" as au stock --location HMS/A --format json
json_check "the prefix takes HMS/A/01 and HMS/A/02 only" '
assert sorted(set(r["location"] for r in d)) == ["HMS/A/01", "HMS/A/02"], d'
ok "stock --location HMS/A/0" as au stock --location HMS/A/0 --format json
json_check "a prefix ends at a /: HMS/A/0 matches nothing" 'assert d == [], d'
ok "stock --item CEM-G" as au stock --item CEM-G --format json
json_check "CEM-G at two bins" '
assert [(r["location"], r["qty"]) for r in d] == [("HMS/A/02", 750),
    ("HMS/B/01", 250)], d'
ok "stock --item by barcode" as au stock --item CEMG-01 --format json
json_check "the barcode finds CEM-G" '
assert len(d) == 2 and all(r["item"] == "CEM-G" for r in d), d'

# --- ledger with its running balance ---------------------------------------------
ok "ledger P-100" as au ledger P-100 --format json
json_check "the stock card of P-100" '
rows = [(r["document"], r["from"], r["to"], r["in"], r["out"], r["balance"])
    for r in d]
want = [
    ("'"$GRN1"'", "HMS/@SUPPLIER", "HMS/A/01", 20, None, 20),
    ("HMS-ISS-'"$YEAR"'-000001", "HMS/A/01", "@CC/CC-DRILL", None, 8, 12),
    ("'"$TRF"'", "HMS/A/01", "BSR/@TRANSIT", None, 6, 6),
    ("'"$TRF"'", "BSR/@TRANSIT", "BSR/R/01", 4, None, 10),
    ("'"$TRF"'", "BSR/@TRANSIT", "BSR/R/01", 2, None, 12),
    ("'"$ADJ1"'", "HMS/A/01", "HMS/@ADJUST", None, 2, 10),
    ("HMS-ADJ-'"$YEAR"'-000002", "HMS/@ADJUST", "HMS/A/01", 3, None, 13),
]
assert rows == want, "\n got %s\nwant %s" % (rows, want)'
ok "ledger P-100 --depot HMS" as au ledger P-100 --depot HMS --format json
json_check "the HMS stock card ends at the HMS stock (7)" '
assert [r["balance"] for r in d] == [20, 12, 6, 4, 7], d'
ok "ledger CEM-G (table)" as au ledger CEM-G
has_out "ledger table names the receipt" "$GRN2"
ok "ledger CEM-G --format json" as au ledger CEM-G --format json
json_check "a move inside the depot is in and out, the balance stays" '
assert [(r["in"], r["out"], r["balance"]) for r in d] == [
    (1000, None, 1000), (250, 250, 1000)], d'

# --- item show -------------------------------------------------------------------
ok "item show CEM-G" as au item show CEM-G
for want in "CEM-G" "إسمنت حفر" 'Drilling cement, class "G"' "1 BAG = 25" \
    "barcode: 6291234567890" "barcode: CEMG-01" "(weighed)" "HMS/B/01"; do
	has_out "item show CEM-G shows $want" "$want"
done
ok "item show LUB-15W40" as au item show LUB-15W40
has_out "item show: the drum" "1 DRUM = 208"
has_out "item show: the shelf life" "365"

# --- check, audit ----------------------------------------------------------------
expect_out "check passed" as au check
expect_out "chain intact" as au audit verify
ok "audit log --limit 3" as au audit log --limit 3 --format json
json_check "the newest audit entries come first, the reversal on top" '
assert len(d) == 3, d
assert [r["seq"] for r in d] == sorted((r["seq"] for r in d), reverse=True), d
top = d[0]
assert (top["action"], top["document"], top["user"]) == ("reversal",
    "'"$REV"'", "sv"), top'
ok "audit log (table)" as au audit log
has_out "audit log shows the transfer" "$TRF"

# --- transfer list -----------------------------------------------------------------
ok "transfer list" as au transfer list --format json
json_check "the transfer is received, nothing in transit" '
assert [(r["number"], r["status"], r["lines_in_transit"], r["reversed_by"])
    for r in d] == [("'"$TRF"'", "received", 0, None)], d'

# --- backup --------------------------------------------------------------------
ok "backup (a supervisor)" as sv backup "$T/backup.db"
ok "stock of the backup" as au --db "$T/backup.db" stock --format json
check_eq "the backup has the same stock" "$STOCK_JSON" "$OUT"
expect_out "check passed" as au --db "$T/backup.db" check

# --- item export, import into a fresh database ---------------------------------
ok "item export" mz item export
printf '%s\n' "$OUT" >"$T/items.csv"
check_eq "export has a header and 5 items" "6" "$(grep -c '' "$T/items.csv")"
MAKHZAN_DB=$T/second.db ok "init a second database" mz init --site BSR \
    --admin admin
MAKHZAN_DB=$T/second.db ok "item import" mz item import "$T/items.csv"
has_out "import counts the items" "5 items imported"
MAKHZAN_DB=$T/second.db ok "item export of the second database" \
    mz item export
printf '%s\n' "$OUT" >"$T/items2.csv"
run diff "$T/items.csv" "$T/items2.csv"
check_eq "export, import, export gives the same CSV" "" "$OUT"

finish
