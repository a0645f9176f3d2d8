# The terminal UI's reports screen through the real binary in tmux, 80x24,
# in English and in Arabic: every report of the catalogue opens from F5,
# a filter applied, CSV and PDF written to files (pdftotext finds the
# title), a bad filter value said in one status line.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
. "$HERE/lib-tmux.sh"

ok "init" mz init --site HMS --admin admin
ok "depots" mz depot add HMS --name-ar "مستودع حمص" --name-en "Homs"
ok "depot BNS" mz depot add BNS --name-ar "مستودع بانياس" --name-en "Banias"
ok "locations" mz location add HMS/A/01 BNS/A/01
ok "item" mz item add P-100 --name-ar "صمام كروي فولاذ مقاوم للصدأ بشفة" \
    --name-en "Ball valve, stainless steel, flanged, two inch" --uom EA
ok "receive HMS" mz receive --to HMS/A/01 P-100 10 --cost 12.50
ok "receive BNS" mz receive --to BNS/A/01 P-100 4 --cost 12.50
add_user sup supervisor
# A printer on loopback (raw TCP, as a 9100 port): each job to a file.
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
PRINTER_PID=$!
trap 'kill $PRINTER_PID 2>/dev/null; for s in "$T"/tmux-*.sock; do tmux -S "$s" kill-server 2>/dev/null; done; rm -rf "$T"' EXIT
wait_port "$PORT"
NAMES=$(mz report list --format json | python3 -c \
    'import json,sys; print(" ".join(r["name"] for r in json.load(sys.stdin)))')
check_eq "ten reports in the catalogue" "10" "$(echo $NAMES | wc -w)"

# login LANG: sup through the login screen to home, then the reports;
# every text drawn narrower than it is goes to the cut log.
CUT=$T/cut.log
: >"$CUT"
login() {
	tmux_start "env -u MAKHZAN_USER MAKHZAN_DB='$MAKHZAN_DB' LANG=C.UTF-8 MAKHZAN_TUI_CUTLOG='$CUT' '$MAKHZAN' --lang $1 tui"
	wait_for F10 >/dev/null
	tm send-keys sup Enter "${PW[sup]}" Enter
	sleep 1
	tm send-keys p
	sleep 0.5
}
quit() {
	tm send-keys F10
	check_eq "$1" "0" "$(wait_exit)"
}
# open N ANSWERS...: F5, the N-th report (from 0), Enter, the answers.
open() {
	local n=$1 i
	shift
	tm send-keys F5 Home
	for ((i = 0; i < n; i++)); do tm send-keys Down; done
	tm send-keys Enter
	for a in "$@"; do
		if [ "$a" = "-" ]; then tm send-keys Enter
		else tm send-keys "$a" Enter; fi
		sleep 0.1
	done
	sleep 0.5
}
# wait_file PATH: until PATH is there and not empty (10 s at most): the
# screen writes it after Enter, later on a loaded machine.
wait_file() {
	local i
	for i in $(seq 100); do [ -s "$1" ] && return 0; sleep 0.1; done
	return 1
}
# How many filters report NAME takes (Enter for each, - below).
nfilters() {
	mz report "$1" --help >/dev/null 2>&1
	case $1 in
	stock) echo 4 ;; card) echo 6 ;; journal) echo 6 ;; reorder) echo 3 ;;
	expiry|slow) echo 5 ;; abc) echo 6 ;; valuation) echo 4 ;;
	variance) echo 5 ;; transit) echo 3 ;; *) echo 0 ;;
	esac
}

declare -A ROWS
for lang in en ar; do
	login $lang
	on_screen "$lang: the reports screen" "F5"
	tm send-keys F5
	on_screen "$lang: F5 lists the catalogue" "valuation"
	on_screen "$lang: ...every report" "transit"
	tm send-keys Escape
	i=0
	for name in $NAMES; do
		args=()
		for ((k = 0; k < $(nfilters $name); k++)); do args+=(-); done
		# The card needs its item: the third filter it asks.
		[ "$name" = card ] && args=(- - P-100 - - -)
		open $i "${args[@]}"
		screen
		# "n of m rows" as figures, the same in either language.
		rows=$(sed -n 3p "$T/screen" | grep -oE '[0-9]+' | tr '\n' ' ')
		if [ $lang = en ]; then
			# Its title and how many rows, in the status line.
			title=$(mz report list --format json | python3 -c \
			    "import json,sys; print([r['title'] for r in json.load(sys.stdin) if r['name'] == '$name'][0])")
			on_screen "en: $name opens" "$title: "
			ROWS[$name]=$rows
		else
			check_eq "ar: $name opens, as many rows" \
			    "${ROWS[$name]}" "$rows"
		fi
		i=$((i + 1))
	done
	# A filter: the stock of HMS only, then CSV and PDF to files.
	open 0 HMS - - -
	on_screen "$lang: the filter applied" "HMS/A/01"
	off_screen "$lang: BNS filtered out" "BNS/A/01"
	tm send-keys F9
	sleep 0.3
	tm send-keys Enter
	CSV=$T/stock-$(date -u +%F).csv
	wait_file "$CSV"
	check_eq "$lang: the CSV has HMS only" "1 0" \
	    "$(grep -c HMS/A/01 "$CSV") $(grep -c BNS "$CSV")"
	rm -f "$CSV"
	tm send-keys F8
	sleep 0.3
	tm send-keys Enter
	PDF=$T/stock-$(date -u +%F).pdf
	wait_file "$PDF"	# written to a scratch name, then renamed
	title="Stock on hand"
	[ $lang = ar ] && title="المخزون المتوفر"
	check_eq "$lang: the PDF written" "%PDF" "$(head -c 4 "$PDF" 2>/dev/null)"
	if pdftotext "$PDF" - 2>/dev/null | grep -qF "HMS/A/01"; then
		it_pass "$lang: pdftotext finds the rows"
	else
		it_fail "$lang: pdftotext finds the rows" "$(pdftotext "$PDF" - 2>&1 | head -5)"
	fi
	check_eq "$lang: pdftotext finds the title" "1" \
	    "$(pdftotext "$PDF" - | grep -cF "$title")"
	rm -f "$PDF"
	# F4: the same PDF straight to the printer.
	tm send-keys F4
	sleep 0.3
	tm send-keys "tcp://127.0.0.1:$PORT" Enter
	on_screen "$lang: sent to the printer" "127.0.0.1:$PORT"
	n=$([ $lang = en ] && echo 1 || echo 2)
	for k in $(seq 50); do [ -s "$T/printed.$n" ] && break; sleep 0.1; done
	check_eq "$lang: the printer got a PDF" "%PDF" \
	    "$(head -c 4 "$T/printed.$n" 2>/dev/null)"
	check_eq "$lang: the printed title" "1" \
	    "$(pdftotext "$T/printed.$n" - 2>/dev/null | grep -cF "$title")"
	# A bad date: one status line naming it; a bad number of days.
	# (Right to left, the date's parts read from the right.)
	bad=2026-13-45
	[ $lang = ar ] && bad=45-13-2026
	open 2 - 2026-13-45 - - - -
	on_screen "$lang: a bad date said" "$bad"
	check_eq "$lang: in one line" "1" "$(grep -c -- "$bad" "$T/screen")"
	open 4 - - - - ten
	on_screen "$lang: a bad number said" '"ten"'
	check_eq "$lang: in one line" "1" "$(grep -c '"ten"' "$T/screen")"
	quit "$lang: quit from the reports"
done
# Nothing cut at 80x24: a text that gives way is drawn with its "…".
if [ -s "$CUT" ]; then
	it_fail "no text cut at 80x24" "$(sort -u "$CUT" | head -20)"
else
	it_pass "no text cut at 80x24"
fi

# Progress: two million movements written straight into the ledger (as in
# reports.sh), so that the ABC report runs for seconds; after a second
# the status line says it is working, Esc stops it, the screen goes on.
export MAKHZAN_DB=$T/long.db
ok "long: init" mz init --site LNG --admin admin
ok "long: depot" mz depot add LNG --name-ar م --name-en Long
ok "long: location" mz location add LNG/A/01
ok "long: item" mz item add X-1 --name-ar س --name-en X --uom EA
ok "long: cost centre" mz cost-centre add CC1 --name-ar ك --name-en C
add_user sup supervisor
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
mz report abc --format csv >/dev/null
echo "# the long report takes $((($(date +%s%N) - start) / 1000000)) ms"
abc=$(echo $NAMES | tr ' ' '\n' | grep -n '^abc$' | cut -d: -f1)
login en
open $((abc - 1)) - - - - - -
on_screen "the status line says it is working" "(Esc stops)"
tm send-keys Escape
on_screen "Esc stops it" "stopped (Esc); nothing shown"
tm send-keys F5
on_screen "the screen goes on" "valuation"
tm send-keys Escape
quit "quit after stopping a report"
finish
