# The managers' reports at the centre (docs/reports.md, "At the centre"):
# makhzan --central CONNINFO report NAME runs each report on the centre's
# PostgreSQL from the same definitions as at a depot.  Against real
# servers (a nats-server with JetStream and a throwaway PostgreSQL): two
# sites, HMS (depots HMS and HMS2) and BNS, post receipts, issues, a move,
# an adjustment, a reversal and transfers (within a site, half received,
# and to the other site); their events reach the centre; every report the
# centre serves equals the same report run at the sites, row by row and
# item by item (for the whole ministry, the sites' rows together), in
# JSON and CSV; expiry and variance from events older than the fields
# they need say so in one line;
# bad filters at the centre are one line.
set -u
. "$(dirname "$0")/lib.sh"
# faketime preloads its library before the sanitizers' runtime, which ASan
# refuses unless told that the order is known (make check-asan).
export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0
. "$IT_DIR/lib-national.sh"
NATIONAL_INI_HEAD=$'[makhzan]\ntz = UTC\n'
ini() {
	national_ini central "$@"
}
ini ""


A=$T/hms.db
B=$T/bns.db
C="--central"

# --- the centre, its catalogue, two sites ---------------------------------------
ok "central setup" mz central setup
ok "central keygen" mz central keygen
CENTRE_KEY=$(sed -n 's/^centre_key = //p' <<<"$OUT")
ini "$CENTRE_KEY"
MAKHZAN_DB=$A ok "init HMS" mz init --site HMS --admin admin
MAKHZAN_DB=$B ok "init BNS" mz init --site BNS --admin admin
ok "depot HMS" mz $C "$CONNINFO" depot add HMS --name-ar 'مستودع حمص' \
    --name-en 'Homs depot' --site HMS
ok "depot HMS2" mz $C "$CONNINFO" depot add HMS2 --name-ar 'مستودع حمص ٢' \
    --name-en 'Homs depot 2' --site HMS
ok "depot BNS" mz $C "$CONNINFO" depot add BNS --name-ar 'مستودع بانياس' \
    --name-en 'Banias depot' --site BNS
ok "cost centre CC-DRILL" mz $C "$CONNINFO" cost-centre add CC-DRILL \
    --name-ar 'حفر' --name-en Drilling
ok "cost centre CC-MAINT" mz $C "$CONNINFO" cost-centre add CC-MAINT \
    --name-ar 'صيانة' --name-en Maintenance
ok "item P-100 (min 15, max 50)" mz $C "$CONNINFO" item add P-100 \
    --name-ar 'صمام بوابة' --name-en 'Gate valve' --uom EA \
    --category valves --min 15 --max 50
ok "item M-7 (lot)" mz $C "$CONNINFO" item add M-7 --name-ar 'دواء' \
    --name-en Medicine --uom BOX --category meds --tracking lot
ok "item L-5 (min 200, max 500)" mz $C "$CONNINFO" item add L-5 \
    --name-ar 'زيت' --name-en 'Lube oil' --uom L --category oils \
    --min 200 --max 500
ok "item S-9 (serial)" mz $C "$CONNINFO" item add S-9 --name-ar 'مضخة' \
    --name-en Pump --uom EA --category valves --tracking serial
MAKHZAN_DB=$A ok "HMS takes the catalogue" mz sync --once
MAKHZAN_DB=$B ok "BNS takes the catalogue" mz sync --once
ok "the centre registers HMS" mz central sites add HMS --key \
    "$(MAKHZAN_DB=$A mz bus key)"
ok "the centre registers BNS" mz central sites add BNS --key \
    "$(MAKHZAN_DB=$B mz bus key)"

# Postings on days of November 2026 (UTC, as the ini's tz); the reports
# are read today.
at() {
	local t=$1
	shift
	TZ=UTC faketime -f "$t" "$MAKHZAN" "$@"
}

# --- HMS ---------------------------------------------------------------------------
export MAKHZAN_DB=$A
ok "bins at HMS" mz location add HMS/A/01 HMS/A/02 HMS2/A/01
ok "GRN oil" at '2026-11-02 08:00:00' receive --to HMS/A/01 L-5 100 \
    --cost 2.50 --supplier ACME
ok "GRN valves" at '2026-11-02 09:00:00' receive --to HMS/A/01 P-100 20 \
    --cost 10 --supplier ACME
ok "GRN a lot (expired since 20 Nov)" at '2026-11-03 08:00:00' receive \
    --to HMS/A/02 M-7 30 --lot LOT-A --cost 10 --expiry 2026-11-20
ok "GRN pumps" at '2026-11-03 09:00:00' receive --to HMS/A/02 S-9 2 \
    --serial SN-1 --serial SN-2 --cost 300
ok "ISS valves to CC-DRILL" at '2026-11-05 08:00:00' issue --from HMS/A/01 \
    P-100 5 --to CC-DRILL --requester Ali
ok "ISS oil to CC-MAINT" at '2026-11-06 08:00:00' issue --from HMS/A/01 \
    L-5 30 --to CC-MAINT
ok "MOV valves" at '2026-11-07 08:00:00' move --from HMS/A/01 --to HMS/A/02 \
    P-100 5
ok "ADJ oil" at '2026-11-08 08:00:00' adjust HMS/A/01 L-5 -2 --reason spilt
ok "ISS a lot" at '2026-11-09 08:00:00' issue --from HMS/A/02 M-7 4 \
    --lot LOT-A --to CC-MAINT
REV_OF=$(grep -o 'HMS-ISS-[0-9-]*' <<<"$OUT" | head -1)
ok "REV of it" at '2026-11-09 09:00:00' reverse "$REV_OF" --reason 'wrong item'
ok "TRF oil to HMS2" at '2026-11-10 08:00:00' transfer ship --from HMS/A/01 \
    --to HMS2 L-5 10
TRF2=$(grep -o 'HMS-TRF-[0-9-]*' <<<"$OUT" | head -1)
ok "HMS2 receives 4 of 10" at '2026-11-11 08:00:00' transfer receive "$TRF2" \
    --to HMS2/A/01 L-5 4
ok "TRF valves to BNS, another site" at '2026-11-12 08:00:00' transfer ship \
    --from HMS/A/02 --to BNS P-100 3
TRF=$(grep -o 'HMS-TRF-[0-9-]*' <<<"$OUT" | head -1)
ok "TRF one of LOT-A to BNS" at '2026-11-12 09:00:00' transfer ship \
    --from HMS/A/02 --to BNS M-7 1 --lot LOT-A
TRF_L=$(grep -o 'HMS-TRF-[0-9-]*' <<<"$OUT" | head -1)
# A count of HMS/A/01: oil 58 on the book, 57 counted; valves 10.
ok "count start HMS/A/01" at '2026-11-13 08:00:00' count start HMS/A/01
CNT=$OUT
ok "count the oil" at '2026-11-13 09:00:00' count enter "$CNT" HMS/A/01 L-5 57
ok "count the valves" at '2026-11-13 09:00:00' count enter "$CNT" HMS/A/01 \
    P-100 10
ok "count post" at '2026-11-13 10:00:00' count post "$CNT"
# Returns: 2 valves back to ACME, 1 oil back from CC-MAINT.
GRN_V=$(sqlite3 "$A" "SELECT number FROM document WHERE type = 'GRN' ORDER BY id LIMIT 1 OFFSET 1")
ISS_O=$(sqlite3 "$A" "SELECT number FROM document WHERE type = 'ISS' ORDER BY id LIMIT 1 OFFSET 1")
ok "return 2 valves to the supplier" at '2026-11-14 08:00:00' return supplier \
    "$GRN_V" P-100 2 --from HMS/A/01 --reason broken
ok "return 1 oil from the cost centre" at '2026-11-14 09:00:00' return issue \
    "$ISS_O" L-5 1 --to HMS/A/01 --reason unused

# --- BNS ---------------------------------------------------------------------------
export MAKHZAN_DB=$B
ok "a bin at BNS" mz location add BNS/A/01
ok "GRN oil at BNS" at '2026-11-04 08:00:00' receive --to BNS/A/01 L-5 60 \
    --cost 3 --supplier OILCO
ok "GRN valves at BNS" at '2026-11-04 09:00:00' receive --to BNS/A/01 P-100 4 \
    --cost 12
ok "ISS oil at BNS" at '2026-11-06 10:00:00' issue --from BNS/A/01 L-5 5 \
    --to CC-DRILL
ok "GRN a lot expiring in January at BNS" at '2026-11-06 11:00:00' receive \
    --to BNS/A/01 M-7 10 --lot LOT-B --cost 10 --expiry 2027-01-15
ok "GRN a lot without expiry at BNS" at '2026-11-06 12:00:00' receive \
    --to BNS/A/01 M-7 5 --lot LOT-C --cost 10
# A count of BNS/A/01 posted with lines not counted: LOT-B 9 of 10, the
# rest pending.
ok "count start BNS/A/01" at '2026-11-15 08:00:00' count start BNS/A/01
CNT_B=$OUT
ok "count LOT-B" at '2026-11-15 09:00:00' count enter "$CNT_B" BNS/A/01 M-7 9 \
    --lot LOT-B
ok "count post, the rest not counted" at '2026-11-15 10:00:00' count post \
    "$CNT_B" --skip-uncounted

# --- to the centre -------------------------------------------------------------------
MAKHZAN_DB=$A ok "HMS sends its events" mz sync --once
applied HMS "$A"
MAKHZAN_DB=$B ok "BNS sends its events" mz sync --once
applied BNS "$B"
ok "central forward" mz central forward
MAKHZAN_DB=$B ok "BNS applies the shipment" mz sync --once
MAKHZAN_DB=$B ok "BNS receives LOT-A" mz transfer receive "$TRF_L" \
    --to BNS/A/01 M-7 1 --lot LOT-A
check_eq "LOT-A keeps its expiry at BNS (the shipment carried it)" \
    2026-11-20 "$(sqlite3 "$B" "SELECT expiry FROM lot WHERE code = 'LOT-A'")"
MAKHZAN_DB=$B ok "BNS receives 1 of the 3 valves" mz transfer receive "$TRF" \
    --to BNS/A/01 P-100 1
MAKHZAN_DB=$B ok "BNS sends its events" mz sync --once
applied BNS "$B"
ok "central forward the receipt" mz central forward
MAKHZAN_DB=$A ok "HMS applies it" mz sync --once
# LOT-A is all received: HMS's shipment is received there, and its event
# (transfer.delivered) goes to the centre too.
MAKHZAN_DB=$A ok "HMS sends what it applied" mz sync --once
applied HMS "$A"
MAKHZAN_DB=$A ok "check HMS" mz check
MAKHZAN_DB=$B ok "check BNS" mz check
ok "central check" mz central check
unset MAKHZAN_DB

# --- each site's reports = the centre's for that site, row by row ------------------
# cmp.py MODE FILES...: "" when the reports agree, else what differs.
#   site A C      the rows and totals of A and C are the same, in order
#   nation C S... the rows of C are those of the sites S together (as
#                 multisets), and C's money totals are the sums of theirs
cat >"$T/cmp.py" <<'PY'
import decimal, json, sys
D = decimal.Decimal
def load(f):
    return json.load(open(f), parse_float=D, parse_int=D)
def key(r):
    return json.dumps(r, sort_keys=True, default=str)
mode, c = sys.argv[1], load(sys.argv[2])
errs = []
if mode == "site":
    a = load(sys.argv[3])
    if a["rows"] != c["rows"]:
        n = max(len(a["rows"]), len(c["rows"]))
        for i in range(n):
            x = a["rows"][i] if i < len(a["rows"]) else None
            y = c["rows"][i] if i < len(c["rows"]) else None
            if x != y:
                errs.append("row %d: site %s, centre %s" % (i, x, y))
                break
    if a["totals"] != c["totals"]:
        errs.append("totals: site %s, centre %s" % (a["totals"], c["totals"]))
    if not a["rows"] and mode == "site" and len(sys.argv) > 4:
        errs.append("no rows to compare")
else:
    sites = [load(f) for f in sys.argv[3:]]
    want = sorted(key(r) for s in sites for r in s["rows"])
    got = sorted(key(r) for r in c["rows"])
    if want != got:
        errs.append("rows: sites %s, centre %s" % (
            [x for x in want if x not in got][:2], [x for x in got if x not in want][:2]))
    if c["totals"] is not None:
        for k, v in c["totals"].items():
            if k in ("value", "value_at", "value_now", "lines"):
                w = sum(D(str(s["totals"][k])) for s in sites if s["totals"] and s["totals"][k] is not None)
                if D(str(v)) != w:
                    errs.append("total %s: sites %s, centre %s" % (k, w, v))
    if not got:
        errs.append("no rows")
print("; ".join(errs))
PY

# same NAME ARGS...: at each site and for it at the centre, in JSON (rows
# and totals) and CSV (the whole text); then the centre's for the nation
# against both sites' together.
same() {
	local name=$1 s db res fails=0 csv_a csv_c rc_a rc_c
	shift
	for s in HMS BNS; do
		db=$A
		[ $s = BNS ] && db=$B
		MAKHZAN_DB=$db "$MAKHZAN" report "$@" --format json \
		    >"$T/site-$s.json" 2>"$T/err-site"
		rc_a=$?
		"$MAKHZAN" $C "$CONNINFO" report "$@" --site $s --format json \
		    >"$T/ctr-$s.json" 2>"$T/err-ctr"
		rc_c=$?
		# A filter the site refuses (a location it has not) is
		# refused by the centre for it in the same line.
		if [ $rc_a != 0 ] || [ $rc_c != 0 ]; then
			res=
			[ "$rc_a|$(cat "$T/err-site")" = \
			    "$rc_c|$(cat "$T/err-ctr")" ] || res="site: exit \
$rc_a $(cat "$T/err-site"); centre: exit $rc_c $(cat "$T/err-ctr")"
		else
			res=$(python3 "$T/cmp.py" site "$T/ctr-$s.json" \
			    "$T/site-$s.json" 2>&1)
		fi
		if [ -n "$res" ]; then
			it_fail "$name: site $s = the centre's --site $s (JSON)" \
			    "$res"
			fails=1
		fi
		csv_a=$(MAKHZAN_DB=$db "$MAKHZAN" report "$@" --format csv 2>&1)
		csv_c=$("$MAKHZAN" $C "$CONNINFO" report "$@" --site $s \
		    --format csv 2>&1)
		if [ "$csv_a" != "$csv_c" ]; then
			it_fail "$name: site $s = the centre's --site $s (CSV)" \
			    "$(diff <(echo "$csv_a") <(echo "$csv_c"))"
			fails=1
		fi
	done
	[ $fails = 0 ] && it_pass "$name: each site's = the centre's for it (JSON, CSV)"
}

# nation NAME ARGS...: the centre's for the nation = both sites' together
# (the sites' of the same call just before it).
nation() {
	local name=$1 res
	shift
	"$MAKHZAN" $C "$CONNINFO" report "$@" --format json >"$T/ctr.json" 2>&1
	res=$(python3 "$T/cmp.py" nation "$T/ctr.json" "$T/site-HMS.json" \
	    "$T/site-BNS.json" 2>&1)
	check_eq "$name: the nation's = both sites' together" "" "$res"
}

same "stock" stock
nation "stock" stock
same "stock --depot HMS2" stock --depot HMS2
same "stock --location HMS/A" stock --location HMS/A
same "stock --category valves" stock --category valves
nation "stock --category valves" stock --category valves
same "stock --item P-100" stock --item P-100
nation "stock --item P-100" stock --item P-100

same "card L-5" card --item L-5
same "card L-5 --from --to" card --item L-5 --from 2026-11-05 --to 2026-11-10
same "card L-5 --depot HMS2" card --item L-5 --depot HMS2
same "card L-5 --location HMS/A/01" card --item L-5 --location HMS/A/01
same "card P-100 --limit 2" card --item P-100 --limit 2
same "card M-7 (a lot, a reversal)" card --item M-7

same "journal" journal
nation "journal" journal
same "journal --from --to" journal --from 2026-11-05 --to 2026-11-09
same "journal --type ISS" journal --type ISS
nation "journal --type ISS" journal --type ISS
same "journal --type CNT" journal --type CNT
same "journal --cost-centre CC-MAINT" journal --cost-centre CC-MAINT
same "journal --by-user admin" journal --by-user admin
same "journal --depot HMS" journal --depot HMS

same "reorder" reorder
same "reorder --depot HMS2" reorder --depot HMS2
same "reorder --category oils" reorder --category oils

same "slow" slow
nation "slow" slow
same "slow --days 1" slow --days 1
same "slow --days 400 --category valves" slow --days 400 --category valves
same "slow --depot HMS" slow --depot HMS

same "abc" abc
same "abc --from" abc --from 2026-11-06
same "abc --cost-centre CC-DRILL" abc --cost-centre CC-DRILL
same "abc --depot HMS" abc --depot HMS

same "valuation" valuation
nation "valuation" valuation
same "valuation --at" valuation --at 2026-11-03
nation "valuation --at" valuation --at 2026-11-03
same "valuation --at --depot HMS" valuation --at 2026-11-08 --depot HMS
same "valuation --item L-5" valuation --item L-5

same "transit" transit
nation "transit" transit

# expiry: the lots' dates as their movements carried them (LOT-A expired,
# LOT-B within the days, LOT-C with none never listed).
same "expiry --days 400" expiry --days 400
nation "expiry --days 400" expiry --days 400
same "expiry (30 days)" expiry
same "expiry --depot HMS" expiry --days 400 --depot HMS
same "expiry --item M-7 --category meds" expiry --days 400 --item M-7 \
    --category meds
same "expiry --location BNS/A" expiry --days 400 --location BNS/A
ok "expiry for the nation" mz $C "$CONNINFO" report expiry --days 400 \
    --format json
json_check "LOT-A at BNS and HMS, then LOT-B; LOT-C (no date) not listed" \
    'assert [(r["lot"], r["depot"]) for r in d["rows"]] == [("LOT-A", "BNS"), ("LOT-A", "HMS"), ("LOT-B", "BNS")], d["rows"]'

# variance: the lines of the posted counts, as count.post listed them.
same "variance" variance
nation "variance" variance
same "variance --count" variance --count "$CNT"
same "variance --item M-7" variance --item M-7
same "variance --location HMS/A/01" variance --location HMS/A/01
ok "variance for the nation" mz $C "$CONNINFO" report variance --format json
json_check "both counts' lines, a pending one too" \
    'assert len(d["rows"]) >= 4 and any(r["line_status"] == "pending" for r in d["rows"]), d["rows"]'
same "transit --depot HMS2" transit --depot HMS2
same "transit --item P-100" transit --item P-100

# --- the nation's sums, by hand ---------------------------------------------------
# Oil: HMS 58 (one short at the count, one back from CC-MAINT) + HMS2 4 +
# BNS 55 on hand, 6 in transit to HMS2; valves: HMS 12 less 2 returned to
# ACME + BNS 5 = 15, not below their minimum of 15 nationally.
ok "reorder for the nation" mz $C "$CONNINFO" report reorder --format csv
check_eq "oil below its minimum, valves not" \
    "L-5,زيت,Lube oil,oils,L,117,6,200,500,377,," \
    "$(sed -n '2,$p' <<<"$OUT")"
# Issued: oil 30 at HMS (75.00) + 5 at BNS (15.00), valves 5 (50.00).
ok "abc for the nation" mz $C "$CONNINFO" report abc --format csv
# Valves start at 64.285 %, under 80: class A as well.
check_eq "oil 35 worth 90.00, valves 5 worth 50.00" \
    "A,L-5,زيت,Lube oil,oils,35,L,90.00,64.285,64.285
A,P-100,صمام بوابة,Gate valve,valves,5,EA,50.00,35.714,100
Total,,,,,,,140.00,," "$(sed -n '2,$p' <<<"$OUT")"
ok "card of the oil for the nation" mz $C "$CONNINFO" report card \
    --item L-5 --format csv
# In: 100, 4 and 1 returned at HMS, 60 at BNS; out: 30, 2, 10 and 1
# counted short at HMS, 5 at BNS.
check_eq "its closing balance is the sum of the sites' stock (117)" \
    ",,closing,Closing balance,,,165,48,117,L" "$(tail -n 1 <<<"$OUT")"

# --- PDF, from the same definition ---------------------------------------------------
ok "stock at the centre as a PDF" mz $C "$CONNINFO" report stock \
    --format pdf --out "$T/stock.pdf"
pdftotext -layout "$T/stock.pdf" "$T/stock.txt" 2>/dev/null
# At HMS oil 58 at 2.50 (145.00), valves 8 + 2 at 10.00 (100.00), the lot
# 300.00, the pumps 600.00; 10.00 at HMS2; at BNS 55 L at 3.00 (165.00),
# 5 valves worth 48.00 + 10.00 from HMS, and 9 + 5 of M-7 at 10.00
# (140.00).
if grep -q "Stock on hand" "$T/stock.txt" && grep -q "1,518.00\|1518.00" "$T/stock.txt"; then
	it_pass "the PDF has the title and the nation's total"
else
	it_fail "the PDF has the title and the nation's total" "$(head -c 400 "$T/stock.txt")"
fi
ok "the same total in CSV" mz $C "$CONNINFO" report stock --format csv
check_eq "1518.00" "Total,,,,,,,,,1518.00" "$(tail -n 1 <<<"$OUT")"
ok "a table" mz $C "$CONNINFO" report valuation --site BNS
has_out "with the depot's rows" "BNS"

# --- what the centre cannot serve, and bad input: one line, nothing done --------------
export NODIGEST=1
# Events from a depot older than the fields (no "expiry" on a lot's
# movements, no "count_lines" on count.post) leave nothing in the lot and
# count_line tables: as if HMS's events were such, the report says what
# the centre lacks rather than short rows.
sql "BEGIN; CREATE TABLE lot_keep AS SELECT * FROM lot; CREATE TABLE cl_keep AS SELECT * FROM count_line; DELETE FROM lot WHERE site = 'HMS'; DELETE FROM count_line WHERE site = 'HMS'; COMMIT" >/dev/null
fails 2 "expiry at the centre, lots from old events" mz $C "$CONNINFO" \
    report expiry
has_err "says what it lacks and where to run it" "the centre does not know the expiry dates of 3 lots on hand"
fails 2 "variance at the centre, a count from an old event" mz $C \
    "$CONNINFO" report variance --site HMS
has_err "says what it lacks" "the centre does not have the lines of 1 posted counts"
ok "BNS's count is whole: variance --site BNS runs" mz $C "$CONNINFO" \
    report variance --site BNS --format csv
sql "BEGIN; INSERT INTO lot SELECT * FROM lot_keep ON CONFLICT DO NOTHING; INSERT INTO count_line SELECT * FROM cl_keep ON CONFLICT DO NOTHING; DROP TABLE lot_keep, cl_keep; COMMIT" >/dev/null
ok "restored: expiry runs again" mz $C "$CONNINFO" report expiry --days 400
fails 2 "an unknown count" mz $C "$CONNINFO" report variance --count NOPE
has_err "names it" 'NOPE'
fails 2 "an unknown site" mz $C "$CONNINFO" report stock --site NOPE
has_err "names it" "the centre knows no site NOPE"
fails 2 "an unknown depot" mz $C "$CONNINFO" report stock --depot NOPE
has_err "names it" 'unknown depot "NOPE"'
fails 2 "an unknown item" mz $C "$CONNINFO" report card --item NOPE
has_err "names it" "the centre knows no item NOPE"
fails 2 "a card without --item" mz $C "$CONNINFO" report card
has_err "says what it needs" "the card report needs --item"
fails 2 "a bad date" mz $C "$CONNINFO" report journal --from 2026-02-30
has_err "names it" 'bad date "2026-02-30" for --from'
fails 2 "a filter the report does not take" mz $C "$CONNINFO" report stock \
    --cost-centre CC-DRILL
has_err "names it" "the stock report takes no --cost-centre"
fails 2 "an unknown cost centre" mz $C "$CONNINFO" report abc \
    --cost-centre CC-NOPE
has_err "names it" 'unknown cost centre "CC-NOPE"'
fails 2 "an unknown category" mz $C "$CONNINFO" report stock --category nope
has_err "names it" 'unknown category "nope"'
fails 2 "a location of another site" mz $C "$CONNINFO" report stock \
    --site BNS --location HMS/A
has_err "names it" 'unknown location "HMS/A"'
fails 2 "an unknown type" mz $C "$CONNINFO" report journal --type XYZ
has_err "names it" 'unknown document type "XYZ"'
fails 2 "an unknown report" mz $C "$CONNINFO" report nope
has_err "names it" 'no report called "nope"'
MAKHZAN_DB=$A fails 2 "--site at a depot" mz report stock --site HMS
has_err "says where it belongs" "--site is for the centre: give --central CONNINFO"
fails 1 "a centre that does not answer" mz $C "host=127.0.0.1 port=1 dbname=x user=x connect_timeout=2" \
    report stock
unset NODIGEST

# --- Ctrl-C at the centre: the statement is cancelled, one line, no file ------------
# The report waits on a lock another session holds, until Ctrl-C.
pg_psql -q -c "BEGIN; LOCK TABLE balance IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(60); COMMIT;" \
    >/dev/null 2>&1 &
lockpid=$!
for ((i = 0; i < 100; i++)); do
	[ "$(sql "SELECT count(*) FROM pg_locks WHERE relation = 'balance'::regclass AND mode = 'AccessExclusiveLock' AND granted")" = 1 ] && break
	sleep 0.1
done
"$MAKHZAN" $C "$CONNINFO" report stock --out "$T/stopped.csv" 2>"$T/.err" &
pid=$!
for ((i = 0; i < 100; i++)); do
	[ "$(sql "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()")" = 1 ] && break
	sleep 0.1
done
check_eq "the report waits for the lock" 1 \
    "$(sql "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()")"
t0=$(date +%s)
kill -INT "$pid"
wait "$pid"
RC=$?
# The lock is held for a minute: the report stopped because it was asked.
took=$(( $(date +%s) - t0 ))
if [ "$took" -lt 15 ]; then
	it_pass "Ctrl-C stops the statement at once ($took s), not when the lock goes"
else
	it_fail "Ctrl-C stops the statement at once" "it took $took s"
fi
check_eq "Ctrl-C at the centre: exit 130" 130 "$RC"
check_eq "Ctrl-C at the centre: one clear line" \
    "makhzan: report stopped (Ctrl-C); no file was written" "$(cat "$T/.err")"
check_eq "Ctrl-C at the centre: no file, no temporary file" "" \
    "$(ls "$T" | grep '^stopped\.csv' || true)"
check_eq "the statement was cancelled at the server" 0 \
    "$(sql "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()")"
sql "SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE query LIKE '%pg_sleep(60)%' AND pid <> pg_backend_pid()" >/dev/null
wait "$lockpid" 2>/dev/null

finish
