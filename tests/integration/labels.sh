# Labels through the binary: every shipped template rendered to PNG and
# decoded back (zbarimg for Code 128, GS1-128 and QR, dmtxread for
# DataMatrix) to exactly the data meant, the decoded GS1 read back by
# makhzan scan; PDF text in logical order; ZPL against the expected stream
# and, where a renderer is installed, rendered offline and decoded;
# printing to a local TCP listener and to lp; the refusals.
set -u
. "$(dirname "$0")/lib.sh"

for _tool in zbarimg dmtxread pdftotext; do
	if ! command -v "$_tool" >/dev/null 2>&1; then
		echo "$_tool is needed (make deps installs it)" >&2
		echo "0 passed, 1 failed"
		exit 1
	fi
done



PIDS=()
stop_all() { local p; for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done; }
trap 'stop_all; cd /; rm -rf "$T"' EXIT

GS=$(printf '\035')
# zbar: "CODE-128:DATA" or "QR-Code:DATA" a line each, sorted.
zbar() { zbarimg -q "$1" 2>/dev/null | sort; }
# dmtxread: every DataMatrix of the image, one a line; FNC1 as a GS, so
# that GS1 DataMatrix starts with one.
dmtx() { dmtxread -m 20000 -N "${2:-1}" -n -G 29 "$1" 2>/dev/null | sort; }

ok "init" mz init --site HMS --admin admin
ok "depot" mz depot add HMS --name-ar "مستودع حمص" --name-en Homs
ok "location" mz location add HMS/A/01
ok "a lot item with an EAN-13" mz item add CHM-BENT --name-ar "بنتونيت حفر" \
    --name-en "Bentonite drilling grade" --uom KG --tracking lot \
    --barcode 6214501000115
ok "its bag" mz unit add CHM-BENT BAG 25
ok "a serial item, no barcode" mz item add VLV-GATE --name-ar "صمام بوابة" \
    --name-en "Gate valve" --uom EA --tracking serial
ok "an untracked item" mz item add SAF-GLOVE --name-ar "قفازات" \
    --name-en "Gloves" --uom PR
ok "receive 2 bags" mz receive --to HMS/A/01 CHM-BENT 2 BAG --lot B-2611 \
    --expiry 2028-11-30
GRN1=$OUT
ok "receive 2 valves" mz receive --to HMS/A/01 VLV-GATE 2 \
    --serial SN-1 --serial SN-2
GRN2=$OUT

# --- every template to PNG, decoded back --------------------------------------
ok "item label PNG" mz label item CHM-BENT --out item.png
check_eq "item: Code 128 of the code" "CODE-128:CHM-BENT" "$(zbar item.png)"

ok "lot label PNG" mz label lot CHM-BENT B-2611 --out lot.png
LOT="01062145010001151728113010B-2611"
check_eq "lot: GS1-128 of GTIN, expiry, lot" "CODE-128:$LOT" "$(zbar lot.png)"
check_eq "lot: GS1 DataMatrix (FNC1 first), the same data" "$GS$LOT" \
    "$(dmtx lot.png)"
ok "the decoded GS1 means the lot" mz scan --format json "]C1$LOT"
json_check "scan: item, lot, expiry" 'assert (d["item"], d["lot"],
    d["expiry"]) == ("CHM-BENT", "B-2611", "2028-11-30"), d'

ok "serial label PNG" mz label lot VLV-GATE SN-2 --out serial.png
SER="21SN-2${GS}91VLV-GATE"
check_eq "serial: (21), a GS, our code in (91)" "CODE-128:$SER" \
    "$(zbar serial.png)"
check_eq "serial: DataMatrix" "$GS$SER" "$(dmtx serial.png)"
ok "the decoded serial label means the valve" mz scan --format json "$SER"
json_check "scan: item and serial" 'assert (d["item"], d["serial"]) == (
    "VLV-GATE", "SN-2"), d'

ok "location label PNG" mz label location HMS/A/01 --out loc.png
check_eq "location: Code 128 and QR" "CODE-128:HMS/A/01
QR-Code:HMS/A/01" "$(zbar loc.png)"

ok "received units PNG" mz label receipt "$GRN1" --out unit.png
has_out "one label a bag" "2 label(s)"
UNIT="010621450100011517281130310302500010B-2611"
# zbarimg reports a symbol seen twice in one image once; dmtxread twice.
check_eq "units: GS1-128 with (3103) 25 kg" "CODE-128:$UNIT" \
    "$(zbar unit.png)"
check_eq "units: DataMatrix, twice" "$GS$UNIT
$GS$UNIT" "$(dmtx unit.png 2)"
ok "the decoded unit label: 25 kg" mz scan --format json "$UNIT"
json_check "scan: net weight" 'assert (d["net_kg"], d["lot"]) == ("25",
    "B-2611"), d'
ok "a lot without an expiry" mz receive --to HMS/A/01 CHM-BENT 1 BAG \
    --lot B-2700
GRN3=$OUT
ok "its unit label" mz label receipt "$GRN3" --out unit3.pdf
check_eq "the lot is on it, no EXP" "LOT B-2700|" \
    "$(pdftotext unit3.pdf - 2>/dev/null | grep -E '^(LOT|EXP)' | tr '\n' '|')"
ok "its unit label PNG" mz label receipt "$GRN3" --out unit3.png
check_eq "GS1 without (17)" "CODE-128:0106214501000115310302500010B-2700" \
    "$(zbar unit3.png)"
ok "received valves PNG" mz label receipt "$GRN2" --out valves.png
check_eq "a label a serial, count 1" "CODE-128:21SN-1${GS}301${GS}91VLV-GATE
CODE-128:21SN-2${GS}301${GS}91VLV-GATE" "$(zbar valves.png)"

ok "A4 sheet PNG" mz label item SAF-GLOVE --template sheet-a4 --copies 3 \
    --out sheet.png
check_eq "sheet: the code" "CODE-128:SAF-GLOVE" "$(zbar sheet.png)"
ok "SVG" mz label location HMS/A/01 --out loc.svg
check_eq "an SVG document" "<svg" "$(grep -o '<svg' loc.svg | head -1)"

# --- PDF: the names as text, in logical order ----------------------------------
ok "item label PDF" mz label item CHM-BENT --out item.pdf
TXT=$(pdftotext item.pdf - 2>/dev/null)
has_out_txt() {
	if [[ $TXT == *"$2"* ]]; then it_pass "$1"; else
		it_fail "$1" "\"$2\" not in: $TXT"; fi
}
has_out_txt "PDF: the Arabic name, first word first" "بنتونيت حفر"
has_out_txt "PDF: the English name" "Bentonite drilling grade"
has_out_txt "PDF: the code under the bars" "CHM-BENT"
ok "sheet PDF, 22 labels" mz label item CHM-BENT --template sheet-a4 \
    --copies 22 --out sheet.pdf
pages() { pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ { print $2 }'; }
check_eq "two pages" "2" "$(pages sheet.pdf)"
check_eq "A4 pages" "(A4)" "$(pdfinfo sheet.pdf | grep -o '(A4)')"
ok "received units PDF" mz label receipt "$GRN1" --out unit.pdf
check_eq "a page a unit" "2" "$(pages unit.pdf)"
TXT=$(pdftotext unit.pdf - 2>/dev/null)
has_out_txt "units: the receipt's number" "$GRN1"
has_out_txt "units: 1 of 2" "BAG 1/2"

# --- ZPL ------------------------------------------------------------------------
ok "location ZPL" mz label location HMS/A/01 --out loc.zpl
check_eq "location ZPL, command by command" "$(cat "$IT_DATA/label-location.zpl")" \
    "$(cat loc.zpl)"
ok "lot ZPL" mz label lot CHM-BENT B-2611 --copies 3 --out lot.zpl
# The Arabic name is a graphic whose dots depend on the font's version.
check_eq "lot ZPL, the graphic's dots left out" \
    "$(cat "$IT_DATA/label-lot.zpl")" \
    "$(sed 's/\^GFA,\([0-9]*,[0-9]*,[0-9]*\),[0-9A-F]*/^GFA,\1,.../' lot.zpl)"

# Rendered offline by zebrash (npm zpl-renderer-js), when installed:
#   npm install --prefix ~/.cache/makhzan zpl-renderer-js
NODE_PATH=${NODE_PATH:-$HOME/.cache/makhzan/node_modules}
export NODE_PATH
if command -v node >/dev/null 2>&1 &&
    node -e 'require.resolve("zpl-renderer-js")' 2>/dev/null; then
	ok "ZPL rendered offline" node "$IT_DIR/zpl-render.js" lot.zpl zl 100 70 8
	check_eq "rendered ZPL: GS1-128" "CODE-128:$LOT" "$(zbar zl-1.png)"
	check_eq "rendered ZPL: ^BX DataMatrix" "$GS$LOT" "$(dmtx zl-1.png)"
	ok "serial ZPL" mz label lot VLV-GATE SN-2 --out serial.zpl
	ok "serial ZPL rendered" node "$IT_DIR/zpl-render.js" serial.zpl zs 100 70 8
	check_eq "rendered ZPL: FNC1 after (21) as >8" "CODE-128:$SER" \
	    "$(zbar zs-1.png)"
	check_eq "rendered ZPL: FNC1 as _1 in ^BX" "$GS$SER" "$(dmtx zs-1.png)"
	ok "rendered location" node "$IT_DIR/zpl-render.js" loc.zpl zc 100 50 8
	check_eq "rendered ZPL: ^BC and ^BQ" "CODE-128:HMS/A/01
QR-Code:HMS/A/01" "$(zbar zc-1.png)"
else
	echo "# skipped: ZPL offline rendering (no node or zpl-renderer-js)"
fi

# --- printers -------------------------------------------------------------------
PORT=$(free_port)
python3 -c '
import socket, sys
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1]))); s.listen(4); n = 0
while True:
    c, _ = s.accept(); data = b""
    while True:
        b = c.recv(65536)
        if not b: break
        data += b
    c.close()
    if data:
        n += 1; open("%s.%d" % (sys.argv[2], n), "wb").write(data)
' "$PORT" "$T/printed" &
PIDS+=($!)
wait_port "$PORT"
ok "print to tcp://" mz label lot CHM-BENT B-2611 --copies 3 \
    --printer "tcp://127.0.0.1:$PORT"
has_out "says where" "sent to tcp://127.0.0.1:$PORT: 3 label(s)"
for i in $(seq 50); do [ -f "$T/printed.1" ] && break; sleep 0.1; done
check_eq "the printer got exactly the ZPL" "$(sha256sum < lot.zpl)" \
    "$(sha256sum < "$T/printed.1" 2>/dev/null)"
CLOSED=$(free_port)
fails 1 "a printer that refuses" mz label item CHM-BENT \
    --printer "tcp://127.0.0.1:$CLOSED"
has_err "says so, and that nothing was printed" "refused the connection"
ok "printed again once it is on" mz label item CHM-BENT \
    --printer "tcp://127.0.0.1:$PORT"
for i in $(seq 50); do [ -f "$T/printed.2" ] && break; sleep 0.1; done
check_eq "the reprint arrived" "^XA" "$(head -c 3 "$T/printed.2" 2>/dev/null)"

# CUPS through lp: a stand-in lp records what it was given.
mkdir -p bin
cat > bin/lp <<'EOF'
#!/bin/sh
echo "$@" > "$LP_LOG.args"
cat > "$LP_LOG.data"
[ -z "${LP_FAIL:-}" ] || { echo "lp: The printer or class does not exist." >&2; exit 1; }
exit 0
EOF
chmod +x bin/lp
ok "print to cups:" env PATH="$T/bin:$PATH" LP_LOG="$T/lp" "$MAKHZAN" label lot \
    CHM-BENT B-2611 --copies 3 --printer cups:zebra_dock
check_eq "lp -d QUEUE -o raw for ZPL" "-s -d zebra_dock -o raw" \
    "$(cat "$T/lp.args")"
check_eq "lp got the ZPL" "$(sha256sum < lot.zpl)" "$(sha256sum < "$T/lp.data")"
ok "a sheet to cups: as PDF" env PATH="$T/bin:$PATH" LP_LOG="$T/lp" "$MAKHZAN" \
    label item CHM-BENT --template sheet-a4 --printer cups:office
check_eq "PDF, not raw" "-s -d office" "$(cat "$T/lp.args")"
check_eq "a PDF went" "%PDF" "$(head -c 4 "$T/lp.data")"
fails 1 "lp refuses" env PATH="$T/bin:$PATH" LP_LOG="$T/lp" LP_FAIL=1 "$MAKHZAN" \
    label item CHM-BENT --printer cups:nowhere
has_err "lp's reason" "does not exist"

# --- refusals: one line, nothing written ------------------------------------------
fails 1 "an unknown item" mz label item NO-SUCH --out x.png
fails 1 "a lot that does not exist" mz label lot CHM-BENT B-9999 --out x.png
has_err "names it" "B-9999"
fails 1 "a lot label of an untracked item" mz label lot SAF-GLOVE X --out x.png
fails 1 "a virtual location" mz label location HMS/@SUPPLIER --out x.png
fails 1 "an unknown receipt" mz label receipt HMS-GRN-2026-999999 --out x.png
fails 1 "a sheet as ZPL" mz label item CHM-BENT --template sheet-a4 \
    --out x.zpl
fails 1 "an unknown template" mz label item CHM-BENT --template nope \
    --out x.png
has_err "says where it looked" "MAKHZAN_TEMPLATES"
printf '[label]\nname = bad\nwidth_mm = 50\nheight_mm = 25\ndpi = 200\n' \
    > bad.ini
fails 1 "a bad template" mz label item CHM-BENT --template "$T/bad.ini" \
    --out x.png
has_err "names the file and the line" "bad.ini line 5: dpi = 200"
fails 1 "a folder that does not exist" mz label item CHM-BENT \
    --out "$T/no/such/x.png"
check_eq "no file left behind" "" "$(ls x.* 2>/dev/null)"
fails 2 "no output" mz label item CHM-BENT
fails 2 "both outputs" mz label item CHM-BENT --out a.png --printer cups:a
fails 2 "an unknown extension" mz label item CHM-BENT --out a.jpg
fails 2 "no copies" mz label item CHM-BENT --copies 0 --out a.png
fails 2 "a bad printer" mz label item CHM-BENT --printer lpt1
fails 2 "a lot without its number" mz label lot CHM-BENT --out a.png
expect_out "usage" mz label receipt --help
finish
