# makhzan report NAME: every report on a fixed depot built through the
# binary at fixed times (faketime), checked in CSV and JSON against rows
# worked out by hand (the arithmetic is in the comments); bad filters; the
# values hidden from storekeepers; --out, --bom; Ctrl-C.
set -u
. "$(dirname "$0")/lib.sh"

if ! command -v faketime >/dev/null 2>&1; then
	echo "faketime is needed (Debian package faketime: make deps)" >&2
	echo "0 passed, 1 failed"
	exit 1
fi

# faketime preloads its library before the sanitizers' runtime, which ASan
# refuses unless told that the order is known (make check-asan).
export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0

# makhzan at a fixed UTC time: at 'YYYY-MM-DD HH:MM:SS' ARGS...
at() {
	local t=$1
	shift
	TZ=UTC faketime -f "$t" "$MAKHZAN" "$@"
}
at_as() {
	local t=$1 user=$2
	shift 2
	MAKHZAN_USER=$user MAKHZAN_PASSWORD=${PW[$user]} TZ=UTC faketime -f "$t" \
	    "$MAKHZAN" "$@"
}
# The reports are read on 2026-03-01 at 09:00 UTC, 12:00 in Damascus.
NOW='2026-03-01 09:00:00'
rep() {
	at "$NOW" report "$@"
}

printf '[makhzan]\ntz = Asia/Damascus\n' >"$T/makhzan.ini"
export MAKHZAN_CONFIG=$T/makhzan.ini

# --- the fixture ---------------------------------------------------------------
ok "init" at '2026-01-01 08:00:00' init --site HMS --admin admin
ok "depots" sh -c "'$MAKHZAN' depot add HMS --name-ar 'مستودع حمص' \
    --name-en 'Homs depot' && '$MAKHZAN' depot add BSR --name-ar 'مستودع' \
    --name-en 'Basra depot'"
ok "locations" mz location add HMS/A/01 HMS/A/02 HMS/B/01 BSR/R/01
ok "cost centres" sh -c "'$MAKHZAN' cost-centre add CC-DRILL --name-ar حفر \
    --name-en Drilling && '$MAKHZAN' cost-centre add CC-MAINT \
    --name-ar صيانة --name-en Maintenance"
ok "item P-100 (min 15, max 50)" mz item add P-100 --name-ar "صمام بوابة" \
    --name-en "Gate valve" --uom EA --category valves --min 15 --max 50
ok "unit BOX of 8, the purchase unit" mz unit add P-100 BOX 8 --purchase
ok "item LUB-15W40 (lot)" mz item add LUB-15W40 --name-ar "زيت محركات" \
    --name-en "Engine oil" --uom L --category oils --tracking lot
ok "unit DRUM of 208" mz unit add LUB-15W40 DRUM 208
ok "item VLV-2IN (serial)" mz item add VLV-2IN --name-ar "صمام كروي" \
    --name-en "Ball valve" --uom EA --category valves --tracking serial
ok "item CEM-G (min 2000, max 5000)" mz item add CEM-G --name-ar "إسمنت" \
    --name-en "Cement" --uom KG --category chem --min 2000 --max 5000
add_user sk storekeeper
add_user sv supervisor
add_user au auditor

# Receipts: P-100 20 at 10.00 (200.00); LUB-15W40 2 drums of lot L1 at
# 416.00 a drum (832.00) and lot L2 208 L at 2.00 (416.00): 624 L worth
# 1248.00, 2.00 a litre; two serials at 100.00; cement 1000 KG at 0.50.
ok "GRN P-100" at '2026-01-05 08:00:00' receive --to HMS/A/01 P-100 20 \
    --cost 10 --supplier ACME
ok "GRN LUB L1, 2 drums" at '2026-01-06 08:00:00' receive --to HMS/A/02 \
    LUB-15W40 2 DRUM --lot L1 --expiry 2026-03-10 --cost 416
ok "GRN LUB L2" at '2026-01-06 09:00:00' receive --to HMS/A/02 LUB-15W40 \
    208 --lot L2 --expiry 2026-02-20 --cost 2
ok "GRN serials" at '2026-01-07 08:00:00' receive --to HMS/B/01 VLV-2IN 2 \
    --serial S1 --serial S2 --cost 100
ok "GRN cement" at '2026-01-08 08:00:00' receive --to HMS/B/01 CEM-G 1000 \
    --cost 0.5
# Issues: 5 of 20 P-100 take 50.00; 100 L of 624 take 200.00.
ok "ISS-1 P-100 5 (sk)" at_as '2026-01-10 08:00:00' sk issue --from HMS/A/01 \
    P-100 5 --to CC-DRILL
ok "ISS-2 LUB 100 L1" at '2026-01-12 08:00:00' issue --from HMS/A/02 \
    LUB-15W40 100 --lot L1 --to CC-MAINT
ok "MOV-1 P-100 5 A/01 -> A/02" at '2026-01-15 08:00:00' move \
    --from HMS/A/01 --to HMS/A/02 P-100 5
# The transfer takes 6 of 15 (60.00); 4 arrive on the 22nd, 2 stay.
ok "TRF-1 P-100 6 to BSR" at '2026-01-20 08:00:00' transfer ship \
    --from HMS/A/01 --to BSR P-100 6
ok "TRF-1 received in part" at '2026-01-22 08:00:00' transfer receive \
    HMS-TRF-2026-000001 --to BSR/R/01 P-100 4
# 2 of 9 (20.00) issued, then reversed with their value.
ok "ISS-3 P-100 2" at '2026-01-25 08:00:00' issue --from HMS/A/02 P-100 2 \
    --to CC-DRILL
ok "REV-1 of ISS-3" at '2026-01-26 08:00:00' reverse HMS-ISS-2026-000003 \
    --reason "wrong item"
# The count of HMS/A: P-100 at A/02 5 -> 4 (1 of 9: 10.00), L1 316 -> 310
# (6 L of 524 worth 1048.00: 12.00).
ok "count start HMS/A" at '2026-02-01 08:00:00' count start HMS/A
CNT=$OUT
check_eq "count number" "HMS-CNT-2026-000001" "$CNT"
ok "count A/01 P-100" at '2026-02-01 09:00:00' count enter "$CNT" HMS/A/01 \
    P-100 4
ok "count A/02 P-100" at '2026-02-01 09:00:00' count enter "$CNT" HMS/A/02 \
    P-100 4
ok "count A/02 L1" at '2026-02-01 09:00:00' count enter "$CNT" HMS/A/02 \
    LUB-15W40 310 --lot L1
ok "count A/02 L2" at '2026-02-01 09:00:00' count enter "$CNT" HMS/A/02 \
    LUB-15W40 208 --lot L2
ok "count post" at '2026-02-01 10:00:00' count post "$CNT"
ok "check" mz check

# --- the list ----------------------------------------------------------------
ok "report --help" mz report --help
for r in stock card journal reorder expiry slow abc valuation variance \
    transit; do
	has_out "report --help lists $r" "  $r "
done
ok "report list" mz report list --format csv
check_eq "report list: ten reports" 11 "$(printf '%s\n' "$OUT" | wc -l)"

# --- stock -------------------------------------------------------------------
# HMS: A/01 P-100 4; A/02 L1 310, L2 208, P-100 4; B/01 cement 1000 and the
# two serials.  Values at each average: 10.00, 2.00, 0.50 and 100.00 a unit.
ok "stock --depot HMS, CSV" rep stock --depot HMS --format csv
check_eq "stock CSV" 'depot,location,category,item,name_ar,name_en,lot,qty,uom,value
HMS,HMS/A/01,valves,P-100,صمام بوابة,Gate valve,,4,EA,40.00
HMS,HMS/A/02,oils,LUB-15W40,زيت محركات,Engine oil,L1,310,L,620.00
HMS,HMS/A/02,oils,LUB-15W40,زيت محركات,Engine oil,L2,208,L,416.00
HMS,HMS/A/02,valves,P-100,صمام بوابة,Gate valve,,4,EA,40.00
HMS,HMS/B/01,chem,CEM-G,إسمنت,Cement,,1000,KG,500.00
HMS,HMS/B/01,valves,VLV-2IN,صمام كروي,Ball valve,S1,1,EA,100.00
HMS,HMS/B/01,valves,VLV-2IN,صمام كروي,Ball valve,S2,1,EA,100.00
Total,,,,,,,,,1816.00' "$OUT"
ok "stock --item P-100, JSON" rep stock --item P-100 --format json
json_check "stock P-100: HMS 4 + 4, BSR 4; the total in one unit" '
assert d["report"] == "stock" and d["filters"] == {"item": "P-100"}, d
rows = [(r["depot"], r["location"], r["qty"], r["uom"]) for r in d["rows"]]
assert rows == [("BSR", "BSR/R/01", 4, "EA"), ("HMS", "HMS/A/01", 4, "EA"),
    ("HMS", "HMS/A/02", 4, "EA")], rows
assert d["totals"]["qty"] == 12 and d["totals"]["depot"] == "Total", d
assert d["rows"][1]["value"] == D("40.00"), d'
ok "stock as a storekeeper" at_as "$NOW" sk report stock --depot HMS \
    --format json
json_check "a storekeeper sees no values" '
assert all(r["value"] is None for r in d["rows"]), d
assert d["totals"]["value"] is None, d
assert [r["qty"] for r in d["rows"]] == [4, 310, 208, 4, 1000, 1, 1], d'
ok "stock as an auditor" at_as "$NOW" au report stock --depot HMS \
    --format json
json_check "an auditor sees values" '
assert d["totals"]["value"] == D("1816.00"), d'
ok "valuation as an auditor" at_as "$NOW" au report valuation --depot HMS \
    --format json
json_check "an auditor may value the stock" '
assert d["totals"]["value_now"] == D("1816.00"), d'
ok "stock --location HMS/A --category oils" rep stock --location HMS/A \
    --category oils --format csv
check_eq "stock of oils under HMS/A: two lots and their total in L" 3 "$(printf '%s\n' "$OUT" | grep -c ',L,')"

# --- card --------------------------------------------------------------------
# P-100 at HMS from 10 to 31 January: 20 before; -5 issue; a move in the
# depot (in and out); -6 transfer; -2 issue; +2 reversal: closing 9.
ok "card P-100 HMS, CSV" rep card --item P-100 --depot HMS \
    --from 2026-01-10 --to 2026-01-31 --format csv
check_eq "card CSV" 'at,document,type,counterparty,location,lot,in,out,balance,uom
,,opening,Opening balance,,,,,20,EA
2026-01-10T11:00:00+03:00,HMS-ISS-2026-000001,ISS,CC-DRILL,HMS/A/01,,,5,15,EA
2026-01-15T11:00:00+03:00,HMS-MOV-2026-000001,MOV,HMS/A/01,HMS/A/02,,5,5,15,EA
2026-01-20T11:00:00+03:00,HMS-TRF-2026-000001,TRF,BSR,HMS/A/01,,,6,9,EA
2026-01-25T11:00:00+03:00,HMS-ISS-2026-000003,ISS,CC-DRILL,HMS/A/02,,,2,7,EA
2026-01-26T11:00:00+03:00,HMS-REV-2026-000001,REV,CC-DRILL,HMS/A/02,,2,,9,EA
,,closing,Closing balance,,,7,18,9,EA' "$OUT"
ok "card P-100 BSR, JSON" rep card --item P-100 --depot BSR --format json
json_check "card at BSR: the transfer from HMS, 4 in" '
rows = [(r["type"], r["counterparty"], r["in"], r["balance"]) for r in d["rows"]]
assert rows == [("opening", "Opening balance", None, 0),
    ("TRF", "HMS", 4, 4)], rows
assert d["totals"]["balance"] == 4 and d["totals"]["in"] == 4, d'
ok "card table shows local time" rep card --item P-100 --depot HMS \
    --from 2026-01-10 --to 2026-01-10
has_out "card table: 08:00 UTC is 11:00 in Damascus" "2026-01-10 11:00"
ok "card --limit 2" rep card --item P-100 --limit 2 --format json
json_check "card page: opening and 2 movements" '
assert len(d["rows"]) == 3, d
assert d["rows"][2]["balance"] == 15, d'

# --- journal -----------------------------------------------------------------
ok "journal, 10 to 31 January, CSV" rep journal --from 2026-01-10 \
    --to 2026-01-31 --format csv
check_eq "journal CSV" 'at,document,type,status,depot,user,cost_centre,counterparty,reverses,lines,value
2026-01-10T11:00:00+03:00,HMS-ISS-2026-000001,ISS,posted,HMS,sk,CC-DRILL,,,1,50.00
2026-01-12T11:00:00+03:00,HMS-ISS-2026-000002,ISS,posted,HMS,admin,CC-MAINT,,,1,200.00
2026-01-15T11:00:00+03:00,HMS-MOV-2026-000001,MOV,posted,HMS,admin,,,,1,50.00
2026-01-20T11:00:00+03:00,HMS-TRF-2026-000001,TRF,in_transit,HMS,admin,,BSR,,1,60.00
2026-01-25T11:00:00+03:00,HMS-ISS-2026-000003,ISS,posted,HMS,admin,CC-DRILL,,,1,20.00
2026-01-26T11:00:00+03:00,HMS-REV-2026-000001,REV,posted,HMS,admin,,wrong item,HMS-ISS-2026-000003,1,20.00
,Total,,,,,,,,6,400.00' "$OUT"
ok "journal --type ISS --by-user sk" rep journal --type ISS --by-user sk \
    --format json
json_check "journal: the storekeeper's one issue" '
assert [r["document"] for r in d["rows"]] == ["HMS-ISS-2026-000001"], d
assert d["totals"]["value"] == D("50.00") and d["totals"]["lines"] == 1, d'
ok "journal --cost-centre CC-MAINT" rep journal --cost-centre CC-MAINT \
    --format json
json_check "journal: CC-MAINT had one issue" '
assert [r["document"] for r in d["rows"]] == ["HMS-ISS-2026-000002"], d'

# --- reorder -----------------------------------------------------------------
# P-100: 12 on hand (HMS 8, BSR 4) < 15; 2 in transit; 50 - 12 - 2 = 36,
# up to 5 boxes of 8 = 40.  Cement: 1000 < 2000; 5000 - 1000 = 4000.
ok "reorder, CSV" rep reorder --format csv
check_eq "reorder CSV" 'item,name_ar,name_en,category,uom,on_hand,in_transit,min,max,suggested,purchase_unit,purchase_qty
CEM-G,إسمنت,Cement,chem,KG,1000,0,2000,5000,4000,,
P-100,صمام بوابة,Gate valve,valves,EA,12,2,15,50,40,BOX,5' "$OUT"
# At HMS alone: 8 on hand, none in transit to HMS: 42, 6 boxes = 48.
ok "reorder --depot HMS --item P-100" rep reorder --depot HMS --item P-100 \
    --format json
json_check "reorder at HMS: 48, 6 boxes" '
r = d["rows"]
assert len(r) == 1 and r[0]["on_hand"] == 8 and r[0]["in_transit"] == 0, r
assert r[0]["suggested"] == 48 and r[0]["purchase_qty"] == 6, r
assert d["totals"] is None, d'

# --- expiry ------------------------------------------------------------------
# On 1 March: L2 (20 February) expired 9 days ago, 208 L worth 416.00; L1
# (10 March) expires in 9 days, 310 L worth 620.00.
ok "expiry, CSV" rep expiry --format csv
check_eq "expiry CSV" 'depot,item,name_ar,name_en,lot,expiry,days_left,status,qty,uom,value
HMS,LUB-15W40,زيت محركات,Engine oil,L2,2026-02-20,-9,expired,208,L,416.00
HMS,LUB-15W40,زيت محركات,Engine oil,L1,2026-03-10,9,expiring,310,L,620.00
Total,,,,,,,,518,L,1036.00' "$OUT"
ok "expiry --days 5" rep expiry --days 5 --format json
json_check "within 5 days: only the expired lot" '
assert [r["lot"] for r in d["rows"]] == ["L2"], d
assert d["totals"]["value"] == D("416.00"), d'

# --- slow --------------------------------------------------------------------
# No issue from HMS in the 30 days before 1 March 09:00: cement and the
# serials never; oil last on 12 January (48 days), P-100 on 25 January
# (35 days, though reversed).  Together all HMS stock: 1816.00.
ok "slow --depot HMS --days 30, CSV" rep slow --depot HMS --days 30 \
    --format csv
check_eq "slow CSV" 'depot,item,name_ar,name_en,category,qty,uom,last_issue,days_since_issue,value
HMS,CEM-G,إسمنت,Cement,chem,1000,KG,,,500.00
HMS,LUB-15W40,زيت محركات,Engine oil,oils,518,L,2026-01-12T11:00:00+03:00,48,1036.00
HMS,P-100,صمام بوابة,Gate valve,valves,8,EA,2026-01-25T11:00:00+03:00,35,80.00
HMS,VLV-2IN,صمام كروي,Ball valve,valves,2,EA,,,200.00
Total,,,,,,,,,1816.00' "$OUT"
ok "slow --depot HMS --days 40" rep slow --depot HMS --days 40 \
    --format json
json_check "within 40 days P-100 was issued" '
assert [r["item"] for r in d["rows"]] == ["CEM-G", "LUB-15W40", "VLV-2IN"], d'

# --- abc ---------------------------------------------------------------------
# Issued, net of the reversal: oil 100 L worth 200.00, P-100 5 worth 50.00
# (7 issued, 2 reversed); 250.00 in all: oil 80% (A), P-100 the next 20%
# (B: it starts at 80%).
ok "abc, CSV" rep abc --format csv
check_eq "abc CSV" 'class,item,name_ar,name_en,category,qty,uom,value,share_pct,cumulative_pct
A,LUB-15W40,زيت محركات,Engine oil,oils,100,L,200.00,80,80
B,P-100,صمام بوابة,Gate valve,valves,5,EA,50.00,20,100
Total,,,,,,,250.00,,' "$OUT"
ok "abc --cost-centre CC-DRILL" rep abc --cost-centre CC-DRILL --format json
json_check "abc for drilling: P-100 alone is A" '
assert [(r["class"], r["item"], r["qty"]) for r in d["rows"]] == [
    ("A", "P-100", 5)], d'
ok "abc --from 2026-01-26" rep abc --from 2026-01-26 --format json
json_check "abc from the 26th: only the reversal, nothing issued" '
assert d["rows"] == [], d'

# --- valuation ---------------------------------------------------------------
# HMS at the end of 20 January: cement 500.00, oil 524 L 1048.00, P-100 9
# 90.00, serials 200.00 (1838.00); today 1816.00 (oil 518 L, P-100 8).
ok "valuation --depot HMS --at 2026-01-20, CSV" rep valuation --depot HMS \
    --at 2026-01-20 --format csv
check_eq "valuation CSV" 'depot,item,name_ar,name_en,category,uom,qty_at,value_at,qty_now,value_now
HMS,CEM-G,إسمنت,Cement,chem,KG,1000,500.00,1000,500.00
HMS,LUB-15W40,زيت محركات,Engine oil,oils,L,524,1048.00,518,1036.00
HMS,P-100,صمام بوابة,Gate valve,valves,EA,9,90.00,8,80.00
HMS,VLV-2IN,صمام كروي,Ball valve,valves,EA,2,200.00,2,200.00
Total,,,,,,,1838.00,,1816.00' "$OUT"
ok "valuation --at 2026-01-04" rep valuation --at 2026-01-04 --format json
json_check "before the first receipt nothing was worth anything" '
assert all(r["qty_at"] == 0 and r["value_at"] == 0 for r in d["rows"]), d
assert d["totals"]["value_at"] == 0, d'
fails 1 "valuation is not for storekeepers" at_as "$NOW" sk report valuation
has_err "says why" "supervisors, auditors and admins"

# --- variance ----------------------------------------------------------------
ok "variance, CSV" rep variance --count "$CNT" --format csv
check_eq "variance CSV" 'count,count_status,location,item,lot,uom,line_status,expected,book,counted,difference,value
HMS-CNT-2026-000001,posted,HMS/A/01,P-100,,EA,counted,4,4,4,0,0.00
HMS-CNT-2026-000001,posted,HMS/A/02,LUB-15W40,L1,L,counted,316,316,310,-6,-12.00
HMS-CNT-2026-000001,posted,HMS/A/02,LUB-15W40,L2,L,counted,208,208,208,0,0.00
HMS-CNT-2026-000001,posted,HMS/A/02,P-100,,EA,counted,5,5,4,-1,-10.00
Total,,,,,,,,,,,-22.00' "$OUT"
ok "variance as a supervisor, JSON" at_as "$NOW" sv report variance \
    --item P-100 --format json
json_check "variance of P-100: -1 worth -10.00" '
assert [r["difference"] for r in d["rows"]] == [0, -1], d
assert d["totals"]["difference"] == -1, d
assert d["totals"]["value"] == D("-10.00"), d'
fails 1 "variance is not for storekeepers" at_as "$NOW" sk report variance

# --- transit -----------------------------------------------------------------
ok "transit, CSV" rep transit --format csv
check_eq "transit CSV" 'transfer,from_depot,to_depot,shipped_at,age_days,item,lot,qty,uom
HMS-TRF-2026-000001,HMS,BSR,2026-01-20T11:00:00+03:00,40,P-100,,2,EA
Total,,,,,,,2,EA' "$OUT"
ok "transit --depot BSR, JSON" rep transit --depot BSR --format json
json_check "transit into BSR: 2 P-100, 40 days" '
assert [(r["transfer"], r["qty"], r["age_days"]) for r in d["rows"]] == [
    ("HMS-TRF-2026-000001", 2, 40)], d'

# --- bad filters: one line, exit 2 -------------------------------------------
fails 2 "unknown report" rep nosuch
has_err "names it" 'no report called "nosuch"'
fails 2 "unknown depot" rep stock --depot NOPE
has_err "names the depot" 'unknown depot "NOPE"'
fails 2 "unknown item" rep card --item NOPE
fails 2 "card needs --item" rep card
has_err "says so" "needs --item"
fails 2 "stock takes no --from" rep stock --from 2026-01-01
has_err "says which" "takes no --from"
fails 2 "bad date" rep journal --from 2026-02-30
has_err "names the date" '"2026-02-30"'
fails 2 "--from after --to" rep journal --from 2026-02-01 --to 2026-01-01
fails 2 "bad --days" rep expiry --days 0
fails 2 "bad --days (text)" rep expiry --days x
fails 2 "unknown type" rep journal --type XYZ
fails 2 "unknown cost centre" rep journal --cost-centre NOPE
fails 2 "unknown user" rep journal --by-user nobody
fails 2 "unknown category" rep stock --category nothing
fails 2 "unknown location" rep stock --location HMS/Z
fails 2 "unknown count" rep variance --count HMS-CNT-2026-000009
fails 2 "--bom is for CSV" rep stock --bom --format json
fails 2 "unknown format" rep stock --format xml
check_eq "one line for a bad filter" 1 "$(rep stock --depot NOPE 2>&1 | wc -l)"

# --- --out and --bom ---------------------------------------------------------
ok "--out --bom" rep stock --depot HMS --format csv --bom --out "$T/s.csv"
check_eq "--out prints nothing" "" "$OUT"
check_eq "the file starts with the byte-order mark" "efbbbf" \
    "$(head -c 3 "$T/s.csv" | od -An -tx1 | tr -d ' \n')"
rep stock --depot HMS --format csv >"$T/s2.csv"
check_eq "and is the CSV after it" "$(tail -c +4 "$T/s.csv" | sha256sum)" \
    "$(sha256sum <"$T/s2.csv")"
check_eq "no temporary file left" "" "$(ls "$T" | grep tmp- || true)"
fails 1 "--out into a missing folder" rep stock --out "$T/no/such/s.csv"

# --- Ctrl-C: a clear line, exit 130, no file -----------------------------------
# A database with two million issue movements written straight into the
# ledger table (the report reads them; nothing here is posted), so that
# the ABC report runs long enough to be stopped.
export MAKHZAN_DB=$T/long.db
ok "long: init" mz init --site LNG --admin admin
ok "long: depot" mz depot add LNG --name-ar م --name-en Long
ok "long: location" mz location add LNG/A/01
ok "long: item" mz item add X-1 --name-ar س --name-en X --uom EA
ok "long: cost centre" mz cost-centre add CC1 --name-ar ك --name-en C
sqlite3 "$MAKHZAN_DB" "
INSERT INTO document(id, number, type, depot_id, status, created_at,
    user_id) VALUES (1000, 'LNG-ISS-2026-000001', 'ISS', 1, 'posted',
    '2026-01-01T00:00:00.000Z', 1);
WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c
    WHERE x < 2000000)
INSERT INTO movement(doc_id, line, item_id, lot_id, from_loc, to_loc, qty,
    value, at) SELECT 1000, x, 1, 0,
    (SELECT id FROM location WHERE path = 'LNG/A/01'),
    (SELECT id FROM location WHERE path = '@CC/CC1'), 1000, 100,
    '2026-01-01T00:00:00.000Z' FROM c;" || it_fail "long: movements" "sqlite3"
start=$(date +%s%N)
mz report list >/dev/null
login=$((($(date +%s%N) - start) / 1000000))
start=$(date +%s%N)
mz report abc --format csv >/dev/null
took=$((($(date +%s%N) - start) / 1000000))
echo "# the long report takes $took ms, $login ms of it to start"
# Half way through the report (a background job ignores SIGINT until
# makhzan sets its handler, when the report starts).  A run that still
# ends by itself, exit 0, was signalled before its start or after its end
# (a machine busier or quieter than when it was timed): again, half way
# through that run's time (how long it ran, or until the signal when it
# had ended before), five times at most.
at=$((login + (took - login) / 2))
for try in 1 2 3 4 5; do
	rm -f "$T/long.csv"
	start=$(date +%s%N)
	"$MAKHZAN" report abc --out "$T/long.csv" 2>"$T/.err" &
	pid=$!
	sleep "$(awk -v t="$at" 'BEGIN { printf "%.3f", t / 1000 }')"
	kill -INT "$pid" 2>/dev/null
	wait "$pid"
	RC=$?
	[ "$RC" != 0 ] && break
	ran=$((($(date +%s%N) - start) / 1000000))
	echo "# try $try: signalled at $at ms, the report ended by itself at $ran ms"
	at=$((login + (ran - login) / 2))
done
ERR=$(cat "$T/.err")
check_eq "Ctrl-C: exit 130" 130 "$RC"
check_eq "Ctrl-C: one clear line" \
    "makhzan: report stopped (Ctrl-C); no file was written" "$ERR"
check_eq "Ctrl-C: no file, no temporary file" "" \
    "$(ls "$T" | grep '^long\.csv' || true)"

finish
