# Printed reports and vouchers through the binary: a voucher for every
# document type from posted documents, read back with pdftotext (English
# and Arabic words, numbers and totals) and rendered with pdftoppm (pages
# not blank); values only for those who may see them; --printer; the
# refusals.  Then the report PDFs through tests/pdf-report.c (the stock
# report and a stock card of hundreds of rows): the chart drawn on the
# first page, the header row on every page, totals carried over pages and
# equal to the sum, "n / m".
set -u
. "$(dirname "$0")/lib.sh"

for _tool in pdftotext pdftoppm pdfinfo; do
	if ! command -v "$_tool" >/dev/null 2>&1; then
		echo "$_tool is needed (make deps installs poppler-utils)" >&2
		echo "0 passed, 1 failed"
		exit 1
	fi
done

# The report driver is built beside the binary under test.
_mz_dir=$(dirname "$MAKHZAN")
case $(basename "$_mz_dir") in
build*) PDF_REPORT=${PDF_REPORT:-$_mz_dir/tests/pdf-report} ;;
*) PDF_REPORT=${PDF_REPORT:-$_mz_dir/build/tests/pdf-report} ;;
esac
: "${LOCALEDIR_BUILD:=$(cd "$IT_DIR/../.." && pwd)/build/locale}"
export LOCALEDIR_BUILD
unset MAKHZAN_PRINTER

PIDS=()
stop_all() { local p; for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done; }
trap 'stop_all; cd /; [ -n "${KEEP:-}" ] || rm -rf "$T"' EXIT

# The text of a PDF with pdftotext's direction marks and every space
# removed, so that a check does not depend on how it split the words.
flat() {
	pdftotext "$1" - 2>/dev/null | python3 -c '
import sys, re
t = sys.stdin.read()
print(re.sub(r"[\s\u200e\u200f\u202a-\u202e\u2066-\u2069]", "", t))'
}

# pdf_has NAME FILE TEXT...: each TEXT (spaces ignored) is in FILE's text.
pdf_has() {
	local name=$1 file=$2 flat_txt want missing=""
	shift 2
	flat_txt=$(flat "$file")
	for want in "$@"; do
		[[ $flat_txt == *"${want// /}"* ]] || missing="$missing \"$want\""
	done
	if [ -z "$missing" ]; then it_pass "$name"; else
		it_fail "$name" "not in $file:$missing"; fi
}

pdf_lacks() {
	local name=$1 file=$2 flat_txt want found=""
	shift 2
	flat_txt=$(flat "$file")
	for want in "$@"; do
		[[ $flat_txt != *"${want// /}"* ]] || found="$found \"$want\""
	done
	if [ -z "$found" ]; then it_pass "$name"; else
		it_fail "$name" "in $file:$found"; fi
}

# How often TEXT (spaces ignored) is in FILE's text.
pdf_count() {
	flat "$2" | python3 -c 'import sys; print(sys.stdin.read().count(sys.argv[1]))' \
	    "${1// /}"
}

# Pixels of page N: "NONWHITE CHART" (CHART: near the bars' colour).
pixels() {
	pdftoppm -r 50 -f "$2" -l "$2" "$1" "$T/px" >/dev/null 2>&1
	python3 - "$T"/px-*.ppm <<'EOF'
import sys
data = open(sys.argv[1], "rb").read()
# P6 header: magic, width, height, maxval, then RGB bytes.
parts, pos = [], 0
while len(parts) < 4:
    while data[pos:pos + 1].isspace(): pos += 1
    if data[pos:pos + 1] == b"#":
        pos = data.index(b"\n", pos); continue
    start = pos
    while not data[pos:pos + 1].isspace(): pos += 1
    parts.append(data[start:pos])
pos += 1
assert parts[0] == b"P6", parts
w, h = int(parts[1]), int(parts[2])
px = data[pos:pos + w * h * 3]
nonwhite = chart = 0
for i in range(0, len(px), 3):
    r, g, b = px[i], px[i + 1], px[i + 2]
    if r < 235 or g < 235 or b < 235: nonwhite += 1
    if abs(r - 0x1f) < 30 and abs(g - 0x77) < 30 and abs(b - 0xb4) < 30:
        chart += 1
print(nonwhite, chart)
EOF
	rm -f "$T"/px-*.ppm
}

# check_ge NAME MIN GOT
check_ge() {
	if [ "$3" -ge "$2" ] 2>/dev/null; then it_pass "$1 ($3 >= $2)"; else
		it_fail "$1" "$3 < $2"; fi
}
check_lt() {
	if [ "$3" -lt "$2" ] 2>/dev/null; then it_pass "$1 ($3 < $2)"; else
		it_fail "$1" "$3 >= $2"; fi
}

# --- a depot with one document of every type ---------------------------------
ok "init" mz init --site HMS --admin admin
ok "depot HMS" mz depot add HMS --name-ar "مستودع حمص" --name-en "Homs depot"
ok "depot DMS" mz depot add DMS --name-ar "مستودع دمشق" \
    --name-en "Damascus depot"
ok "locations" mz location add HMS/A/01
ok "a count zone" mz location add HMS/B/01
ok "DMS location" mz location add DMS/A/01
ok "cost centre" mz cost-centre add CC-DRILL --name-ar "قسم الحفر" \
    --name-en "Drilling section"
ok "lot item" mz item add CHM-BENT --name-ar "بنتونيت حفر" \
    --name-en "Bentonite drilling grade" --uom KG --tracking lot
ok "untracked item" mz item add SAF-GLOVE --name-ar "قفازات" \
    --name-en "Safety gloves" --uom PR
add_user sk storekeeper
add_user sv supervisor

cat > grn.csv <<'EOF'
item,qty,lot,expiry,cost
SAF-GLOVE,20,,,4.25
CHM-BENT,50,B-2611,2028-11-30,2.50
EOF
ok "receive two lines" mz receive --to HMS/A/01 --lines grn.csv \
    --supplier "Al-Furat Trading" --ref PO-77
GRN=$OUT
ok "issue" mz issue --from HMS/A/01 --to CC-DRILL SAF-GLOVE 4 \
    --requester "Eng. Samir"
ISS=$OUT
ok "ship a transfer" mz transfer ship --from HMS/A/01 --to DMS SAF-GLOVE 5
TRF=$OUT
ok "receive part of it" mz transfer receive "$TRF" --to DMS/A/01 SAF-GLOVE 2
ok "move" mz move --from HMS/A/01 --to HMS/B/01 SAF-GLOVE 6
MOV=$OUT
ok "adjust" mz adjust HMS/A/01 CHM-BENT 3 --lot B-2611 \
    --reason "found on the shelf"
ADJ=$OUT
ok "count start" mz count start HMS/B
CNT=$OUT
ok "count enter" mz count enter "$CNT" HMS/B/01 SAF-GLOVE 5
ok "count post" mz count post "$CNT"
ok "reverse the issue" mz reverse "$ISS" --reason "wrong cost centre"
REV=$OUT

# --- every voucher, in English ------------------------------------------------
for n in "$GRN" "$ISS" "$TRF" "$MOV" "$ADJ" "$CNT" "$REV"; do
	ok "voucher $n" mz voucher "$n" --out "v-$n.pdf"
done
has_out "says where it wrote" "written to v-$REV.pdf"
pdf_has "receipt voucher: header, supplier, lines, total value" \
    "v-$GRN.pdf" "Ministry of Oil and Mineral Resources" "HMS — Homs depot" \
    "Receipt voucher" "$GRN" "Supplier: Al-Furat Trading" \
    "Reference: PO-77" "SAF-GLOVE" "Safety gloves" "CHM-BENT" "B-2611" \
    "4.25" "85.00" "125.00" "Total" "210.00"
pdf_has "receipt voucher: signature lines" "v-$GRN.pdf" \
    "Storekeeper (received)" "Delivered by" "Supervisor" "Signature:"
pdf_has "issue voucher: cost centre, requester, value at cost" \
    "v-$ISS.pdf" "Issue voucher" "Cost centre: CC-DRILL — Drilling section" \
    "Requester: Eng. Samir" "17.00" "Received by" "Reversed by: $REV"
pdf_has "transfer note: both depots, shipped and received lines" \
    "v-$TRF.pdf" "Transfer note" "From depot: HMS — Homs depot" \
    "To depot: DMS — Damascus depot" "DMS/@TRANSIT" "DMS/A/01" "Carrier"
L=$(pdftotext -layout "v-$TRF.pdf" - | awk '$1 == "Total" { print $2, $3, $4 }')
check_eq "transfer note: shipped 5 (21.25), received 2" "5 2 21.25" "$L"
pdf_has "move: from and to" "v-$MOV.pdf" "Internal move" "HMS/B/01" \
    "HMS/A/01"
pdf_has "adjustment: reason, the lot, signed quantity and value" \
    "v-$ADJ.pdf" "Stock adjustment" "Reason: found on the shelf" "B-2611" \
    "7.50" "Depot manager"
pdf_has "count record: expected, counted, variance and its value" \
    "v-$CNT.pdf" "Count record" "Counted area: HMS/B" "Expected" "Counted" \
    "Variance" "6" "5" "-1" "-4.25" "Counted by"
pdf_has "reversal: what it reverses" "v-$REV.pdf" "Reversal voucher" \
    "Reverses: $ISS" "Reason: wrong cost centre"
pdf_has "printed by and page number" "v-$GRN.pdf" "Printed by admin" "1 / 1"
ok "an adjustment down" mz adjust HMS/A/01 CHM-BENT -2 --lot B-2611 \
    --reason "torn bag"
ok "its voucher" mz voucher "$OUT" --out adj-down.pdf
pdf_has "the decrease is negative, quantity and value" adj-down.pdf \
    "-2" "-5.00"

# The date is the local time of the posting (stored in UTC).
ok "voucher in Damascus time" env TZ=Asia/Damascus "$MAKHZAN" voucher \
    "$GRN" --out tz.pdf
LOCAL=$(sqlite3 "$MAKHZAN_DB" "SELECT created_at FROM document WHERE
    number = '$GRN'" | TZ=Asia/Damascus python3 -c '
import sys, datetime, time
t = datetime.datetime.strptime(sys.stdin.read().strip()[:19], "%Y-%m-%dT%H:%M:%S")
t = t.replace(tzinfo=datetime.timezone.utc).astimezone()
print(t.strftime("%Y-%m-%d %H:%M"))')
pdf_has "the date in the local zone" tz.pdf "Date: $LOCAL"

P=$(pdfinfo "v-$GRN.pdf" 2>/dev/null | awk '/^Page size/ { print $3 "x" $5 }')
check_eq "A4" "595.276x841.89" "$P"
read -r NW CH <<<"$(pixels "v-$GRN.pdf" 1)"
check_ge "the voucher page is not blank" 2000 "$NW"

# --- Arabic: right to left, the Arabic words -----------------------------------
ok "Arabic receipt voucher" mz --lang ar voucher "$GRN" --out ar-grn.pdf
pdf_has "Arabic receipt voucher: title, ministry, depot, item name" \
    ar-grn.pdf "مستند إدخال" "وزارة النفط والثروة المعدنية" "مستودع حمص" \
    "بنتونيت حفر" "قفازات" "المجموع" "210.00" "$GRN"
ok "Arabic issue voucher" mz --lang ar voucher "$ISS" --out ar-iss.pdf
pdf_has "Arabic issue voucher" ar-iss.pdf "مستند صرف" "قسم الحفر" "17.00"
ok "Arabic count record" mz --lang ar voucher "$CNT" --out ar-cnt.pdf
pdf_has "Arabic count record" ar-cnt.pdf "محضر جرد" "-4.25"
ok "Arabic transfer note" mz --lang ar voucher "$TRF" --out ar-trf.pdf
pdf_has "Arabic transfer note" ar-trf.pdf "مذكرة نقل" "مستودع دمشق"
ok "Arabic adjustment" mz --lang ar voucher "$ADJ" --out ar-adj.pdf
pdf_has "Arabic adjustment" ar-adj.pdf "مستند تسوية"
ok "Arabic reversal" mz --lang ar voucher "$REV" --out ar-rev.pdf
pdf_has "Arabic reversal" ar-rev.pdf "مستند عكس"
# Right to left: the first column (No.) is drawn right of the item code.
X=$(pdftotext -bbox ar-grn.pdf - 2>/dev/null | python3 -c '
import sys, re
xs = {}
for m in re.finditer(r"xMin=\"([0-9.]+)\".*?>([^<]+)</word>", sys.stdin.read()):
    xs.setdefault(m.group(2), float(m.group(1)))
print("rtl" if xs.get("SAF-GLOVE", 0) > xs.get("85.00", 1e9) else "ltr")')
check_eq "Arabic: the item code is right of its value" "rtl" "$X"
X=$(pdftotext -bbox "v-$GRN.pdf" - 2>/dev/null | python3 -c '
import sys, re
xs = {}
for m in re.finditer(r"xMin=\"([0-9.]+)\".*?>([^<]+)</word>", sys.stdin.read()):
    xs.setdefault(m.group(2), float(m.group(1)))
print("rtl" if xs.get("SAF-GLOVE", 0) > xs.get("85.00", 1e9) else "ltr")')
check_eq "English: left to right" "ltr" "$X"

# --- values only for those who may see them ------------------------------------
ok "a storekeeper prints the receipt" as sk voucher "$GRN" --out sk-grn.pdf
pdf_has "without values, but the quantities and their total" sk-grn.pdf \
    "Receipt voucher" "SAF-GLOVE" "shown to supervisors only"
pdf_lacks "no cost, no value" sk-grn.pdf "Unit cost" "4.25" "85.00" "210.00"
ok "a storekeeper prints the count record" as sk voucher "$CNT" \
    --out sk-cnt.pdf
pdf_lacks "blind: no expected quantity, no variance" sk-cnt.pdf "Expected" \
    "Variance" "-4.25"
ok "a supervisor sees the values" as sv voucher "$GRN" --out sv-grn.pdf
pdf_has "values for the supervisor" sv-grn.pdf "Unit cost" "210.00"

# --- printers --------------------------------------------------------------------
mkdir -p bin
cat > bin/lp <<'EOF'
#!/bin/sh
echo "$@" > "$LP_LOG.args"
cat > "$LP_LOG.data"
exit 0
EOF
chmod +x bin/lp
ok "voucher to cups:" env PATH="$T/bin:$PATH" LP_LOG="$T/lp" "$MAKHZAN" \
    voucher "$GRN" --printer cups:office
has_out "says where" "sent to cups:office: voucher $GRN"
check_eq "a PDF went to lp -d office" "-s -d office %PDF" \
    "$(cat "$T/lp.args") $(head -c 4 "$T/lp.data")"
PORT=$(free_port)
python3 -c '
import socket, sys
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1]))); s.listen(4)
while True:
    # wait_port connects and sends nothing: keep the first job that has
    # bytes.
    c, _ = s.accept(); data = b""
    while True:
        b = c.recv(65536)
        if not b: break
        data += b
    c.close()
    if data:
        open(sys.argv[2], "wb").write(data)
' "$PORT" "$T/printed" &
PIDS+=($!)
wait_port "$PORT"
ok "voucher to tcp://" mz voucher "$GRN" --printer "tcp://127.0.0.1:$PORT"
for i in $(seq 50); do [ -s "$T/printed" ] && break; sleep 0.1; done
check_eq "the printer got a PDF" "%PDF" "$(head -c 4 "$T/printed" 2>/dev/null)"
fails 1 "a printer that refuses" mz voucher "$GRN" \
    --printer "tcp://127.0.0.1:$(free_port)"
fails 2 "not to the label printer of MAKHZAN_PRINTER" env \
    PATH="$T/bin:$PATH" LP_LOG="$T/lp" MAKHZAN_PRINTER=cups:zebra \
    "$MAKHZAN" voucher "$ISS"
ls "${TMPDIR:-/tmp}"/makhzan-voucher.* >/dev/null 2>&1 &&
    it_fail "no scratch file left" "$(ls "${TMPDIR:-/tmp}"/makhzan-voucher.*)" ||
    it_pass "no scratch file left"

# --- refusals: one line, nothing written ------------------------------------------
fails 1 "an unknown document" mz voucher HMS-GRN-2026-999999 --out none.pdf
has_err "names it" "no document HMS-GRN-2026-999999"
[ -e none.pdf ] && it_fail "no file for an unknown document" "none.pdf" ||
    it_pass "no file for an unknown document"
fails 1 "an unwritable --out" mz voucher "$GRN" --out /nonexistent/dir/v.pdf
has_err "says why" "cannot write /nonexistent/dir/v.pdf"
mkdir ro && chmod 555 ro
if [ "$(id -u)" != 0 ]; then
	fails 1 "a read-only folder" mz voucher "$GRN" --out ro/v.pdf
	[ -z "$(ls ro)" ] && it_pass "nothing left in it" ||
	    it_fail "nothing left in it" "$(ls ro)"
fi
fails 2 "not a .pdf" mz voucher "$GRN" --out v.png
fails 2 "neither --out nor --printer" mz voucher "$GRN"
fails 2 "both" mz voucher "$GRN" --out a.pdf --printer cups:x
fails 2 "no number" mz voucher --out a.pdf
fails 2 "a bad printer" mz voucher "$GRN" --printer lpt1
ls ./*.pdf.* >/dev/null 2>&1 && it_fail "no temporary file left" \
    "$(ls ./*.pdf.*)" || it_pass "no temporary file left"

# --- report PDFs: hundreds of rows, a chart, totals over pages -------------------
if [ ! -x "$PDF_REPORT" ]; then
	it_fail "the report driver" "no $PDF_REPORT: make build/tests/pdf-report"
	finish
fi
python3 - > lots.csv <<'EOF'
print("item,qty,lot,expiry,cost")
for i in range(1, 301):
    print("CHM-BENT,%d,L-%03d,2029-01-01,2.5" % (i % 7 + 1, i))
EOF
ok "receive 300 lots" mz receive --to HMS/A/01 --lines lots.csv \
    --supplier "Syrian Petroleum Company"

ok "stock report PDF (bars)" "$PDF_REPORT" --db "$MAKHZAN_DB" --user admin \
    --out stock.pdf stock --depot HMS --chart bars
PAGES=$(pdfinfo stock.pdf | awk '/^Pages/ { print $2 }')
check_ge "several pages" 5 "$PAGES"
check_eq "the header row on every page" "$PAGES" "$(pdftotext -layout \
    stock.pdf - | grep -cE 'Depot +Location +Item +Lot +Quantity +Unit')"
check_eq "carried forward at the foot of all but the last" "$((PAGES - 1))" \
    "$(pdf_count "Carried forward" stock.pdf)"
check_eq "brought forward at the top of all but the first" "$((PAGES - 1))" \
    "$(pdf_count "Brought forward" stock.pdf)"
pdf_has "page numbers n / m" stock.pdf "1 / $PAGES" "$PAGES / $PAGES" \
    "Stock on hand" "Depot: HMS" "Printed by admin"
# The quantity total is what `makhzan stock` sums to.
ok "stock as JSON" mz stock --depot HMS --format json
TOTAL=$(python3 -c 'import json, sys, decimal
d = json.loads(sys.argv[1], parse_float=decimal.Decimal)
print(sum(r["qty"] for r in d))' "$OUT")
check_eq "the grand total is the sum" "$TOTAL" "$(pdftotext -layout \
    stock.pdf - | awk '$1 == "Total" { print $NF }')"
# The carried forward of page 1 is the sum of its rows, and page 2 starts
# from it.
CF=$(pdftotext -f 1 -l 1 -layout stock.pdf - | awk '/Carried forward/ { print $NF }')
BF=$(pdftotext -f 2 -l 2 -layout stock.pdf - | awk '/Brought forward/ { print $NF }')
ROWS1=$(pdftotext -f 1 -l 1 -layout stock.pdf - | awk '$1 == "HMS" && $2 ~ /^HMS\// { s += $(NF-1) } END { print s }')
check_eq "page 1 carries the sum of its rows" "$ROWS1" "$CF"
check_eq "page 2 brings it" "$CF" "$BF"
read -r NW CH <<<"$(pixels stock.pdf 1)"
check_ge "page 1 is not blank" 5000 "$NW"
check_ge "page 1 has the bars" 800 "$CH"
read -r NW2 CH2 <<<"$(pixels stock.pdf 2)"
check_ge "page 2 is not blank" 5000 "$NW2"
check_lt "page 2 has no chart" 50 "$CH2"

ok "stock card PDF (line)" "$PDF_REPORT" --db "$MAKHZAN_DB" --user admin \
    --out card.pdf card CHM-BENT
pdf_has "the card: title, item, document numbers whole" card.pdf \
    "Stock card" "Item: CHM-BENT" "$GRN" "$ADJ" "Balance"
read -r NW CH <<<"$(pixels card.pdf 1)"
check_ge "the balance line is drawn" 150 "$CH"

ok "ABC curve" "$PDF_REPORT" --db "$MAKHZAN_DB" --user admin --out abc.pdf \
    stock --chart curve
pdf_has "the curve's zones and axis" abc.pdf "80%" "100%" \
    "share of items, largest value first"
read -r NW CH <<<"$(pixels abc.pdf 1)"
check_ge "the curve is drawn" 150 "$CH"

ok "Arabic stock report" env LANGUAGE=ar "$PDF_REPORT" --db "$MAKHZAN_DB" \
    --user admin --out stock-ar.pdf stock --depot HMS
pdf_has "Arabic: title, header, carried forward, total" stock-ar.pdf \
    "المخزون المتوفر" "وزارة النفط والثروة المعدنية" "الصفحة التالية" \
    "المجموع" "$TOTAL" "الدفعة"
read -r NW CH <<<"$(pixels stock-ar.pdf 1)"
check_ge "Arabic: the bars" 800 "$CH"

# --- the demo depot: real names, long codes, Arabic --------------------------------
DEMO=$T/demo.db
ok "the demo depot" env MAKHZAN_DB="$DEMO" "$MAKHZAN" demo --no-tui --days 7
for ty in GRN ISS TRF MOV; do
	N=$(sqlite3 "$DEMO" "SELECT d.number FROM document d JOIN movement m
	    ON m.doc_id = d.id WHERE d.type = '$ty' GROUP BY d.id
	    ORDER BY count(*) DESC, d.id LIMIT 1")
	ok "demo $ty voucher in Arabic ($N)" env MAKHZAN_DB="$DEMO" \
	    MAKHZAN_USER=huda MAKHZAN_PASSWORD=makhzan-demo "$MAKHZAN" \
	    --lang ar voucher "$N" --out "demo-$ty.pdf"
	# Every bin and lot of its lines is printed whole, never ellipsized.
	mapfile -t WHOLE < <(sqlite3 "$DEMO" "SELECT DISTINCT fl.path FROM
	    movement m JOIN document d ON d.id = m.doc_id JOIN location fl ON
	    fl.id = m.from_loc WHERE d.number = '$N' UNION SELECT DISTINCT
	    tl.path FROM movement m JOIN document d ON d.id = m.doc_id JOIN
	    location tl ON tl.id = m.to_loc WHERE d.number = '$N' UNION
	    SELECT DISTINCT l.code FROM movement m JOIN document d ON
	    d.id = m.doc_id JOIN lot l ON l.id = m.lot_id WHERE
	    d.number = '$N' UNION SELECT DISTINCT i.code FROM movement m JOIN
	    document d ON d.id = m.doc_id JOIN item i ON i.id = m.item_id
	    WHERE d.number = '$N'")
	# A receipt and an issue show their real bin only, not the supplier's
	# or the cost centre's virtual location.
	case $ty in GRN | ISS) mapfile -t WHOLE < <(printf '%s\n' "${WHOLE[@]}" |
	    grep -v @) ;; esac
	pdf_has "demo $ty: the number, every item code, bin and lot whole" \
	    "demo-$ty.pdf" "$N" "${WHOLE[@]}"
done

run "$PDF_REPORT" --db "$MAKHZAN_DB" --user admin --out /nonexistent/r.pdf stock
if [ "$RC" = 1 ] && [ "$(grep -c '' "$T/.err")" = 1 ] && [ ! -e /nonexistent/r.pdf ]; then
	it_pass "a report to an unwritable path: one line, no file"
else
	it_fail "a report to an unwritable path" "exit $RC, $(cat "$T/.err")"
fi


# makhzan report --format pdf: the same report definitions, on paper.
ok "report stock --format pdf" env MAKHZAN_DB="$DEMO" MAKHZAN_USER=admin \
    MAKHZAN_PASSWORD=makhzan-demo "$MAKHZAN" report stock --format pdf \
    --out rep-stock.pdf
run env MAKHZAN_DB="$DEMO" MAKHZAN_USER=admin MAKHZAN_PASSWORD=makhzan-demo \
    "$MAKHZAN" report stock --format csv
CSV_TOTAL=$(printf '%s\n' "$OUT" | awk -F, '$1 == "Total" { print $NF }')
check_eq "its total is the CSV report's" "$CSV_TOTAL" "$(pdftotext -layout \
    rep-stock.pdf - | awk '$1 == "Total" { print $NF }')"
read -r NONWHITE CHART < <(pixels rep-stock.pdf 1)
check_ge "its first page draws the chart's bars" 500 "$CHART"
pdf_has "its header, filters and printer" rep-stock.pdf "Stock on hand" \
    "Printed by admin"
ok "report abc in Arabic --format pdf" env MAKHZAN_DB="$DEMO" \
    MAKHZAN_USER=admin MAKHZAN_PASSWORD=makhzan-demo "$MAKHZAN" --lang ar \
    report abc --format pdf --out rep-abc.pdf
pdf_has "the Arabic ABC report" rep-abc.pdf "وزارة النفط والثروة المعدنية"
run env MAKHZAN_DB="$DEMO" MAKHZAN_USER=admin MAKHZAN_PASSWORD=makhzan-demo \
    "$MAKHZAN" report stock --format pdf
if [ "$RC" = 2 ] && [ "$(grep -c '' "$T/.err")" = 1 ] &&
    grep -q -- "--out" "$T/.err"; then
	it_pass "--format pdf without --out: one line, exit 2"
else
	it_fail "--format pdf without --out" "exit $RC, $(cat "$T/.err")"
fi

finish
