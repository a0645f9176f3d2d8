# National stock from the centre (docs/catalogue.md, "National ledger and
# what is in transit") against real servers: a nats-server with JetStream
# and a throwaway PostgreSQL as the centre, two depot databases as two
# sites (HMS with depots HMS and HMS2, BNS).  HMS ships to BNS (another
# site) and to HMS2 (its own); each receives part.  The centre's transfer
# list --pending agrees with both sites' on what is in transit and since
# when; its ledger of an item shows the movements of both sites, and its
# final balance is the sum of the sites' own stock of the item.
set -u
. "$(dirname "$0")/lib.sh"
. "$IT_DIR/lib-national.sh"
ini() {
	national_ini central "$@"
}
ini ""

q() {
	sqlite3 "$1" "$2"
}


A=$T/hms.db
B=$T/bns.db
C="--central"

# --- the centre, its catalogue, two sites ----------------------------------------
ok "central setup" mz central setup
ok "central keygen" mz central keygen
CENTRE_KEY=$(sed -n 's/^centre_key = //p' <<<"$OUT")
ini "$CENTRE_KEY"
MAKHZAN_DB=$A ok "init HMS" mz init --site HMS --admin admin
MAKHZAN_DB=$B ok "init BNS" mz init --site BNS --admin admin
ok "depot HMS of site HMS" mz $C "$CONNINFO" depot add HMS \
    --name-ar 'مستودع حمص' --name-en 'Homs depot' --site HMS
ok "depot HMS2 of site HMS" mz $C "$CONNINFO" depot add HMS2 \
    --name-ar 'مستودع حمص ٢' --name-en 'Homs depot 2' --site HMS
ok "depot BNS of site BNS" mz $C "$CONNINFO" depot add BNS \
    --name-ar 'مستودع بانياس' --name-en 'Banias depot' --site BNS
ok "a serial-tracked item" mz $C "$CONNINFO" item add P-100 \
    --name-ar 'مضخة' --name-en Pump --uom EA --tracking serial
ok "a lot-tracked item" mz $C "$CONNINFO" item add M-7 \
    --name-ar 'دواء' --name-en Medicine --uom BOX --tracking lot
ok "a plain item" mz $C "$CONNINFO" item add L-5 \
    --name-ar 'زيت' --name-en 'Lube oil' --uom L
MAKHZAN_DB=$A ok "HMS takes the catalogue" mz sync --once
MAKHZAN_DB=$B ok "BNS takes the catalogue" mz sync --once
ok "the centre registers HMS" mz central sites add HMS --key \
    "$(MAKHZAN_DB=$A mz bus key)"
ok "the centre registers BNS" mz central sites add BNS --key \
    "$(MAKHZAN_DB=$B mz bus key)"

# --- HMS ships to BNS and to HMS2; BNS has oil of its own -------------------------
export MAKHZAN_DB=$A
ok "bins at HMS" mz location add HMS/A/01
ok "and HMS2" mz location add HMS2/A/01
ok "receive oil" mz receive --to HMS/A/01 L-5 100 --cost 2.50
ok "receive a lot" mz receive --to HMS/A/01 M-7 30 --lot LOT-A --cost 10
ok "receive three pumps" mz receive --to HMS/A/01 P-100 3 \
    --serial SN-1 --serial SN-2 --serial SN-3 --cost 300
printf 'item,qty,lot,serial\nL-5,40,,\nM-7,20,LOT-A,\nP-100,2,,SN-1|SN-2\n' \
    >"$T/ship.csv"
ok "ship to BNS, another site" mz transfer ship --from HMS/A/01 --to BNS \
    --lines "$T/ship.csv"
TRF=$(grep -o 'HMS-TRF-[0-9-]*' <<<"$OUT" | head -1)
ok "ship oil to HMS2, the same site" mz transfer ship --from HMS/A/01 \
    --to HMS2 L-5 10
TRF2=$(grep -o 'HMS-TRF-[0-9-]*' <<<"$OUT" | head -1)
ok "HMS2 receives 4 of the 10" mz transfer receive "$TRF2" --to HMS2/A/01 \
    L-5 4
MAKHZAN_DB=$B ok "a bin at BNS" mz location add BNS/A/01
MAKHZAN_DB=$B ok "BNS receives oil of its own" mz receive --to BNS/A/01 L-5 7 \
    --cost 3

ok "HMS sends its events" mz sync --once
applied HMS "$A"
ok "central forward sends the shipment to BNS" mz central forward
export MAKHZAN_DB=$B
ok "BNS applies it" mz sync --once
ok "BNS receives 15 of the oil, one pump" mz transfer receive "$TRF" \
    --to BNS/A/01 L-5 15
ok "and one pump" mz transfer receive "$TRF" --to BNS/A/01 P-100 1 --lot SN-2
ok "BNS sends its events" mz sync --once
applied BNS "$B"
ok "central forward sends the receipts back to HMS" mz central forward
MAKHZAN_DB=$A ok "HMS applies them" mz sync --once

# --- transfer list --pending: the centre and both sites agree ----------------------
MAKHZAN_DB=$A ok "pending at HMS" mz transfer list --pending --format json
printf '%s' "$OUT" >"$T/pend-hms.json"
MAKHZAN_DB=$B ok "pending at BNS" mz transfer list --pending --format json
printf '%s' "$OUT" >"$T/pend-bns.json"
ok "pending at the centre" mz $C "$CONNINFO" transfer list --pending \
    --format json
printf '%s' "$OUT" >"$T/pend-ctr.json"
res=$(python3 - "$T" "$TRF" "$TRF2" <<'PY'
import datetime, decimal, json, sys
D = decimal.Decimal
t, trf, trf2 = sys.argv[1:]
def rows(f):
    return json.load(open(t + "/pend-" + f + ".json"))
def key(r):
    return (r["number"], r["item"], r.get("lot"))
def when(s):
    return datetime.datetime.strptime(s, "%Y-%m-%dT%H:%M:%S.%fZ")
hms, bns, ctr = rows("hms"), rows("bns"), rows("ctr")
c = {key(r): r for r in ctr}
errs = []
# Every site row is at the centre, with its quantity and time: the
# shipping site of a transfer between sites too, after a partial receipt
# at the other site (its receipt's lines came back).
for site, rs in (("HMS", hms), ("BNS", bns)):
    for r in rs:
        k = key(r)
        if k not in c:
            errs.append("%s row %s not at the centre" % (site, k))
            continue
        if D(str(r["in_transit"])) != D(str(c[k]["in_transit"])):
            errs.append("%s %s: %s here, %s at the centre" % (
                site, k, r["in_transit"], c[k]["in_transit"]))
        if abs((when(r["shipped"]) - when(c[k]["shipped"])).total_seconds()) >= 1:
            errs.append("%s %s: shipped %s, at the centre %s" % (
                site, k, r["shipped"], c[k]["shipped"]))
# The cross-site transfer: the same rows at HMS, at BNS and at the centre.
for site, rs in (("HMS", hms), ("BNS", bns)):
    mine = {key(r) for r in rs if r["number"] == trf}
    theirs = {k for k in c if k[0] == trf}
    if mine != theirs:
        errs.append("%s rows of %s %s, the centre's %s" % (site, trf,
            sorted(mine, key=str), sorted(theirs, key=str)))
# Every centre row is at a site; the cross-site one at both.
sk = {key(r) for r in hms} | {key(r) for r in bns}
for k in c:
    if k not in sk:
        errs.append("centre row %s at no site" % (k,))
want = {(trf, "L-5", None), (trf, "M-7", "LOT-A"), (trf, "P-100", "SN-1"),
    (trf2, "L-5", None)}
if set(c) != want:
    errs.append("centre rows %s, want %s" % (sorted(c, key=str), sorted(want, key=str)))
for k in want - {(trf2, "L-5", None)}:
    if k not in {key(r) for r in bns} or k not in {key(r) for r in hms}:
        errs.append("%s not at both sites" % (k,))
x = c.get((trf, "L-5", None), {})
if (x.get("from_site"), x.get("to_site"), x.get("from_depot"), x.get("to_depot")) != ("HMS", "BNS", "HMS", "BNS"):
    errs.append("sites and depots of %s: %s" % (trf, x))
y = c.get((trf2, "L-5", None), {})
if (y.get("from_site"), y.get("to_site"), y.get("to_depot")) != ("HMS", "HMS", "HMS2"):
    errs.append("sites and depots of %s: %s" % (trf2, y))
print("; ".join(errs))
PY
)
check_eq "the centre's pending list agrees with both sites'" "" "$res"
for w in hms bns ctr; do
	check_eq "$w: 25 of the oil in transit to BNS, SN-1 left, not SN-2" \
	    "25|SN-1" \
	    "$(python3 -c 'import json,sys; r = json.load(open(sys.argv[1])); print([x["in_transit"] for x in r if x["item"] == "L-5" and x["to_depot"] == "BNS"][0], "|".join(x["lot"] for x in r if x["item"] == "P-100"), sep="|")' "$T/pend-$w.json" | sed 's/\.0*|/|/')"
done
MAKHZAN_DB=$A ok "transfer show at HMS" mz transfer show "$TRF" --format csv
check_eq "HMS shows what BNS received and what is left, line by line" \
    "L-5,,40,15,25|P-100,SN-1,1,0,1|P-100,SN-2,1,1,0" \
    "$(grep -E '^(L-5|P-100),' <<<"$OUT" | cut -d, -f1-5 | sed 's/\.0*,/,/g; s/\.0*$//' | sort | paste -sd'|')"
ok "--site BNS" mz $C "$CONNINFO" transfer list --pending --site BNS \
    --format csv
check_eq "lists only the transfer to BNS" "3|0" \
    "$(grep -c "$TRF," <<<"$OUT")|$(grep -c "$TRF2," <<<"$OUT")"
ok "--depot HMS2" mz $C "$CONNINFO" transfer list --pending --depot HMS2 \
    --format csv
check_eq "lists only the transfer to HMS2" "0|1" \
    "$(grep -c "$TRF," <<<"$OUT")|$(grep -c "$TRF2," <<<"$OUT")"
ok "a table" mz $C "$CONNINFO" transfer list --pending --depot HMS2
if grep -Eq "$TRF2 .* [0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2} " <<<"$OUT" &&
    ! grep -q 'Z ' <<<"$OUT"; then
	it_pass "since when in local time, as a depot's table"
else
	it_fail "since when in local time, as a depot's table" "$OUT"
fi
ok "a table of nothing" mz $C "$CONNINFO" transfer list --pending --depot NOWHERE
has_out "nothing in transit there" "nothing in transit"

ok "central check passes with a transfer half received" mz central check
has_out "says what agrees" "2 transfer(s) and 3 item(s) agree"

# The rest arrives: the three lists agree there is nothing left of it.
export MAKHZAN_DB=$B
ok "BNS receives the rest" mz transfer receive "$TRF" --to BNS/A/01
ok "BNS sends its events" mz sync --once
applied BNS "$B"
ok "central forward sends the last receipt back" mz central forward
MAKHZAN_DB=$A ok "HMS applies it" mz sync --once
export MAKHZAN_DB=$A
for w in HMS BNS centre; do
	case $w in
	HMS) run env MAKHZAN_DB=$A "$MAKHZAN" transfer list --pending --format csv ;;
	BNS) run env MAKHZAN_DB=$B "$MAKHZAN" transfer list --pending --format csv ;;
	centre) run mz $C "$CONNINFO" transfer list --pending --format csv ;;
	esac
	want="0|1"
	[ $w = BNS ] && want="0|0"
	check_eq "$w: nothing of $TRF pending (nor of $TRF2 at BNS)" "$want" \
	    "$(grep -c "^$TRF," <<<"$OUT")|$(grep -c "^$TRF2," <<<"$OUT")"
done

# --- the national ledger ------------------------------------------------------------
ok "the centre's ledger of the oil" mz $C "$CONNINFO" ledger L-5 \
    --format json
printf '%s' "$OUT" >"$T/ledger.json"
for s in A B; do
	eval "db=\$$s"
	MAKHZAN_DB=$db mz stock --item L-5 --format json >"$T/stock-$s.json"
done
res=$(python3 - "$T" <<'PY'
import decimal, json, sys
D = decimal.Decimal
t = sys.argv[1]
led = json.load(open(t + "/ledger.json"), parse_float=D, parse_int=D)
tot = sum(D(str(r["qty"])) for s in "AB"
    for r in json.load(open(t + "/stock-%s.json" % s), parse_float=D, parse_int=D))
errs = []
sites = {r["site"] for r in led}
if sites != {"HMS", "BNS"}:
    errs.append("sites %s" % sorted(sites))
if D(str(led[-1]["balance"])) != tot:
    errs.append("final balance %s, the sites' stock %s" % (led[-1]["balance"], tot))
if tot != 101:
    errs.append("the sites' stock %s, want 101" % tot)
bal = D(0)
for r in led:
    bal += D(str(r.get("in") or 0)) - D(str(r.get("out") or 0))
    if D(str(r["balance"])) != bal:
        errs.append("running balance %s at %s, want %s" % (r["balance"], r["document"], bal))
        break
print("; ".join(errs))
PY
)
check_eq "both sites' movements; final balance = the sum of their stock" "" "$res"
ok "--site BNS" mz $C "$CONNINFO" ledger L-5 --site BNS --format csv
check_eq "BNS's stock of the oil" "47" \
    "$(tail -n 1 <<<"$OUT" | awk -F, '{print $NF}' | sed 's/\.0*$//')"
ok "--depot HMS2" mz $C "$CONNINFO" ledger L-5 --depot HMS2 --format csv
check_eq "HMS2's" "4" \
    "$(tail -n 1 <<<"$OUT" | awk -F, '{print $NF}' | sed 's/\.0*$//')"
ok "a barcode or code of the catalogue" mz $C "$CONNINFO" ledger P-100
has_out "the pumps" "SN-2"

# --- central check: shipped = received + in transit, sums zero ---------------------
ok "central check passes" mz central check
has_out "says what agrees" "2 transfer(s) and 3 item(s) agree"
# One receipt line of BNS's copy says a litre more than BNS received.
sql "UPDATE movement SET qty = qty + 1000 WHERE site = 'BNS' AND doc = '$TRF' AND item = 'L-5' AND from_loc = 'BNS/@TRANSIT' AND line = (SELECT min(line) FROM movement WHERE site = 'BNS' AND doc = '$TRF' AND item = 'L-5' AND from_loc = 'BNS/@TRANSIT')" >/dev/null
# And a serial's balance at HMS is off by one.
sql "UPDATE balance SET qty = qty + 1000 WHERE site = 'HMS' AND location = 'HMS/A/01' AND item = 'P-100' AND lot = 'SN-3'" >/dev/null
run mz central check
check_eq "central check fails on the broken rows (exit 1)" "1" "$RC"
has_out "names the transfer, its item and quantities" \
    "PROBLEM: transfer $TRF of site HMS, item L-5: shipped 40, received 41, in transit -1 at BNS"
has_out "names the serial's balance" \
    "PROBLEM: balance of item P-100, lot SN-3 at HMS/A/01 (site HMS) is 2, its movements make 1"
has_out "names the sum at the site" \
    "PROBLEM: item P-100 sums to 1 over the locations of site HMS, not zero"
has_out "and nationally" "PROBLEM: item P-100 sums to 1 nationally, not zero"
# The edited receipt no longer makes the balances of BNS/@TRANSIT and
# BNS/A/01 either: two lines more.
has_out "names BNS's bin" \
    "PROBLEM: balance of item L-5 at BNS/A/01 (site BNS) is 47, its movements make 48"
has_out "counts them" "central check: 6 problem(s) in 2 transfer(s) and 3 item(s)"
check_eq "one line per problem and the count" "7" "$(grep -c '' <<<"$OUT")"
sql "UPDATE movement SET qty = qty - 1000 WHERE site = 'BNS' AND doc = '$TRF' AND item = 'L-5' AND from_loc = 'BNS/@TRANSIT' AND line = (SELECT min(line) FROM movement WHERE site = 'BNS' AND doc = '$TRF' AND item = 'L-5' AND from_loc = 'BNS/@TRANSIT')" >/dev/null
sql "UPDATE balance SET qty = qty - 1000 WHERE site = 'HMS' AND location = 'HMS/A/01' AND item = 'P-100' AND lot = 'SN-3'" >/dev/null
ok "central check passes again once mended" mz central check
NODIGEST=1 fails 2 "central check takes no argument" mz central check HMS
has_err "says so" "unexpected argument HMS"

# --- bad input: one line, nothing done ----------------------------------------------
NODIGEST=1 fails 1 "an item the centre does not know" mz $C "$CONNINFO" \
    ledger NOPE
has_err "says so" "the centre knows no item NOPE"
NODIGEST=1 fails 2 "transfer list without --pending at the centre" \
    mz $C "$CONNINFO" transfer list
has_err "says what to give" "give --pending"
MAKHZAN_DB=$A fails 2 "--site at a depot" mz transfer list --pending \
    --site BNS
has_err "says where it belongs" "give --central CONNINFO"
MAKHZAN_DB=$A fails 2 "ledger --site at a depot" mz ledger L-5 --site BNS
has_err "says where it belongs" "give --central CONNINFO"

# --- a third site: the national stock is the sum of the sites' ------------------------
D3=$T/adr.db
unset MAKHZAN_DB
ok "depot ADR of site ADR" mz $C "$CONNINFO" depot add ADR \
    --name-ar 'مستودع عدرا' --name-en 'Adra depot' --site ADR
MAKHZAN_DB=$D3 ok "init ADR" mz init --site ADR --admin admin
MAKHZAN_DB=$D3 ok "ADR takes the catalogue" mz sync --once
MAKHZAN_DB=$B ok "BNS learns of depot ADR" mz sync --once
ok "the centre registers ADR" mz central sites add ADR --key \
    "$(MAKHZAN_DB=$D3 mz bus key)"
export MAKHZAN_DB=$D3
ok "a bin at ADR" mz location add ADR/A/01
ok "ADR receives a lot of its own" mz receive --to ADR/A/01 M-7 12 \
    --lot LOT-B --cost 10
ok "and a pump" mz receive --to ADR/A/01 P-100 1 --serial SN-7 --cost 300
ok "and oil" mz receive --to ADR/A/01 L-5 3 --cost 2
MAKHZAN_DB=$B ok "BNS ships oil to ADR (in transit, in no stock)" \
    mz transfer ship --from BNS/A/01 --to ADR L-5 2
MAKHZAN_DB=$B ok "BNS sends its events" mz sync --once
ok "ADR sends its events" mz sync --once
applied BNS "$B"
applied ADR "$D3"
for s in A B D3; do
	eval "db=\$$s"
	MAKHZAN_DB=$db mz stock --format json >"$T/st-$s.json"
done
ok "the centre's stock" mz $C "$CONNINFO" stock --format json
printf '%s' "$OUT" >"$T/st-ctr.json"
res=$(python3 - "$T" <<'PY'
import collections, decimal, json, sys
D = decimal.Decimal
t = sys.argv[1]
def load(f):
    return json.load(open(t + "/st-" + f + ".json"), parse_float=D, parse_int=D)
errs = []
ctr = load("ctr")
sites = {"HMS": load("A"), "BNS": load("B"), "ADR": load("D3")}
if sorted({r["site"] for r in ctr}) != ["ADR", "BNS", "HMS"]:
    errs.append("centre sites %s" % sorted({r["site"] for r in ctr}))
# Site by site, line by line.
for s, rows in sites.items():
    a = sorted((r["depot"], r["location"], r["item"], r.get("lot") or "", D(str(r["qty"]))) for r in rows)
    b = sorted((r["depot"], r["location"], r["item"], r.get("lot") or "", D(str(r["qty"]))) for r in ctr if r["site"] == s)
    if a != b:
        errs.append("%s: site %s, centre %s" % (s, a, b))
# Nationally, item by item and lot by lot.
tot = collections.Counter()
for rows in sites.values():
    for r in rows:
        tot[(r["item"], r.get("lot") or "")] += D(str(r["qty"]))
nat = collections.Counter()
for r in ctr:
    nat[(r["item"], r.get("lot") or "")] += D(str(r["qty"]))
if tot != nat:
    errs.append("sum of the sites %s, centre %s" % (dict(tot), dict(nat)))
want = {("L-5", ""): D(102), ("M-7", "LOT-A"): D(30), ("M-7", "LOT-B"): D(12),
    ("P-100", "SN-3"): D(1), ("P-100", "SN-1"): D(1), ("P-100", "SN-2"): D(1),
    ("P-100", "SN-7"): D(1)}
if dict(nat) != want:
    errs.append("centre %s, want %s" % (dict(nat), want))
print("; ".join(errs))
PY
)
check_eq "three sites: the centre's stock = the sum of the sites' reports, item by item and lot by lot" "" "$res"
ok "central check passes with three sites" mz central check
has_out "three transfers" "3 transfer(s) and 3 item(s) agree"
ok "the centre lists the oil in transit to ADR" mz $C "$CONNINFO" \
    transfer list --pending --site ADR --format csv
check_eq "one row, 2 litres" "1" "$(grep -c ',BNS,ADR,ADR,.*,L-5,,2' <<<"$OUT")"

finish
