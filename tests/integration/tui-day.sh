# A storekeeper's day at the terminal, through the real binary in tmux at
# 80x24, in English and in Arabic: the station's fixed scanner reading
# every 2 s for a minute while nobody is logged in, then a login that lands
# on home; a scan during a quantity prompt that does not enter it; a bin
# scanned on a receipt asked about first; a posting that asks for
# confirmation; 40 BAG received printing 40 labels to a PDF file; Esc ten
# times from a receipt staying on home, which counts the posting without
# F5; a stock list of 50 rows scrolled to its end; log-out with the
# station's scanner still running; F10 asking first.  Every text drawn is
# checked against its untruncated form (the terminal's cut log), and
# every screen for a document number or bin cut short.
#
# TUI_DAY_MINUTE (seconds, 60 by default) shortens the minute of scanning
# before the login, for a quick run; the behaviour is the same.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
. "$HERE/lib-tmux.sh"

MINUTE=${TUI_DAY_MINUTE:-60}
P2=$(free_port)
CUT=$T/cut.log
: >"$CUT"
: >"$T/screens"

ok "init" mz init --site HMS --admin admin
ok "depot" mz depot add HMS --name-ar "مستودع حمص" --name-en "Homs"
ok "a bin" mz location add HMS/A/01
ok "another bin" mz location add HMS/A/02
ok "bentonite" mz item add CHM-BENT --name-ar "بنتونيت" \
    --name-en "Bentonite" --uom KG --tracking lot --min 500
ok "in bags of 25 kg" mz unit add CHM-BENT BAG 25
ok "and in pallets of 1000 kg" mz unit add CHM-BENT PLT 1000
ok "a valve with a barcode" mz item add P-100 --name-ar "صمام" \
    --name-en "Valve" --uom EA --barcode 6214501000115
ok "an item of many lots" mz item add P-LOTS --name-ar "حشوات" \
    --name-en "Packings" --uom EA --tracking lot
{
	echo "item,qty,lot,expiry"
	for i in $(seq -w 1 50); do echo "P-LOTS,$i,L-$i,2030-01-$((10#$i % 28 + 1))"; done
} | sed 's/-\([1-9]\)$/-0\1/' >"$T/lots.csv"
ok "50 lots at one bin" mz receive --to HMS/A/01 --lines "$T/lots.csv"
ok "the station's scanner" mz device add scanner-1 --kind scanner \
    --uri "tcp://127.0.0.1:$P2" --profile zebra-ea3600 --station st1
add_user sk storekeeper

ENV="env -u MAKHZAN_USER MAKHZAN_DB='$MAKHZAN_DB' LANG=C.UTF-8 MAKHZAN_TUI_CUTLOG='$CUT'"
# keep: the screen as it is now, into $T/screen and the day's screens.
# keep: the screen once it has settled (two captures alike), for the checks
# of cut text at the end; a capture taken while the terminal still draws
# (a bin half typed) would be a cut that is not there.
keep() {
	local i
	screen "${1:-0.4}"
	for ((i = 0; i < 20; i++)); do
		cp "$T/screen" "$T/screen.prev"
		screen 0.2
		cmp -s "$T/screen" "$T/screen.prev" && break
	done
	cat "$T/screen" >>"$T/screens"
}
# fixed CODE: the station's fixed scanner reads CODE.
fixed() { tm send-keys -t 2 -l "$1"; tm send-keys -t 2 Enter; }
# not_above_status WHAT TEXT: TEXT is nowhere but in the status line.
not_above_status() {
	if head -n 22 "$T/screen" | grep -qF -- "$2"; then
		it_fail "$1" "\"$2\" above the status line: $(head -n 22 "$T/screen" | grep -F -- "$2")"
	else
		it_pass "$1"
	fi
}
qty_of() {	# the quantity of ITEM at LOC (any lot), from the command line
	mz stock --item "$1" --format csv 2>/dev/null |
	    awk -F, -v loc="$2" '$2 == loc { s += $5 } END { print s + 0 }'
}

start() {	# start LANG: the terminal and the simulated scanner
	tmux_start "$ENV '$MAKHZAN' --lang $1 tui --station st1"
	tm new-window -d -t 2 "$ENV '$MAKHZAN' sim scanner --profile zebra-ea3600 --listen tcp://127.0.0.1:$P2; sleep 30"
	wait_for "Type a code" 2 >/dev/null
	wait_for F10 >/dev/null
}

# --- a minute of scans while nobody is logged in ------------------------
start en
on_screen "the login screen" "Password"
codes=("6214501000115" "(01)06214501000115(10)B2611(17)271231" "HMS/A/02")
end=$((SECONDS + MINUTE))
n=0
while [ $SECONDS -lt $end ]; do
	fixed "${codes[$((n % 3))]}"
	n=$((n + 1))
	sleep 2
done
keep
on_screen "reads dropped at the login, said in the status line" \
    "not taken: nobody is logged in"
grep -E '^ *User' "$T/screen" | grep -q 6214501 &&
    it_fail "nothing typed into the user field" "$(grep User "$T/screen")" ||
    it_pass "nothing typed into the user field"
tm send-keys sk Enter "${PW[sk]}" Enter
on_screen "the login lands on home" "Home"
keep 2.5
on_screen "and stays on home after $n reads" "Documents posted today: 1"
off_screen "no item card" "Stock by location and lot"
off_screen "no report" "Stock on hand"

# At home a fixed read waits in the scan field for Enter.
fixed "6214501000115"
on_screen "a read at home waits" "scanned: Enter opens it"
keep
on_screen "still home" "Documents posted today"
tm send-keys Escape

# --- a receipt: scans in their place -------------------------------------
tm send-keys r
on_screen "the receipt" "To location"
tm send-keys HMS/A/01 Enter ACME Enter PO-40 Enter CHM-BENT Enter
on_screen "at the quantity" "Quantity [unit]"
fixed "HMS/A/02"
on_screen "a scan during the quantity is not taken" \
    "not taken: this prompt takes no scan"
keep
not_above_status "and not typed into it" "HMS/A/02"
tm send-keys "40 BAG" Enter L-40 Enter 2031-06-30 Enter
on_screen "the line of 40 bags" "40 BAG"
# A bin scanned where the item goes: asked, Esc keeps the bin.
fixed "HMS/A/02"
on_screen "a scanned bin is asked about" "Scanned bin HMS/A/02"
keep
tm send-keys Escape
on_screen "Esc keeps it" "the goods still go to HMS/A/01"

# --- posting asks first ---------------------------------------------------
tm send-keys F9
on_screen "F9 shows the summary" "F9 again: post it"
on_screen "with the line's name" "Bentonite"
keep
check_eq "nothing posted by the first F9" "0" "$(qty_of CHM-BENT HMS/A/01)"
tm send-keys F9
on_screen "F9 again posts" "posted HMS-GRN-"
check_eq "1000 KG in" "1000" "$(qty_of CHM-BENT HMS/A/01)"

# --- 40 labels, one a bag, to a PDF file ----------------------------------
tm send-keys F4
on_screen "F4 asks where to" "one a unit received"
keep
for i in $(seq 40); do tm send-keys BSpace; done
tm send-keys -l "$T/bags.pdf"
tm send-keys Enter
on_screen "40 labels written" "40 labels written to"
if [ -s "$T/bags.pdf" ]; then
	check_eq "40 pages in the PDF" "40" \
	    "$(python3 -c 'import re,sys; print(len(re.findall(rb"/Type\s*/Page[^s]", open(sys.argv[1],"rb").read())))' "$T/bags.pdf")"
else
	it_fail "40 pages in the PDF" "no file $T/bags.pdf"
fi

# --- Esc ten times from a receipt -----------------------------------------
tm send-keys HMS/A/01 Enter
for i in $(seq 10); do tm send-keys Escape; sleep 0.15; done
on_screen "after ten Esc: home, the receipt counted" \
    "Documents posted today: 2"
keep
check_eq "the terminal still runs" "" "$(cat "$T/exit" 2>/dev/null)"

# --- a stock list of 50 rows, scrolled to its end -------------------------
tm send-keys i
tm send-keys P-LOTS
sleep 0.3
tm send-keys Enter
on_screen "the card of 50 lots" "1 of 50"
keep
tm send-keys End
on_screen "scrolled to the end" "50 of 50"
on_screen "the last lot in sight" "L-50"
keep
tm send-keys Escape Escape

# --- a document by its number (the auditor's way in) ----------------------
GRN=$(sqlite3 "$MAKHZAN_DB" "SELECT number FROM document WHERE ref = 'PO-40'")
tm send-keys d
on_screen "the document screen" "Document number"
tm send-keys -l "$GRN"
tm send-keys Enter
on_screen "the receipt by its number" "$GRN: GRN, posted"
on_screen "its movement" "CHM-BENT"
keep
tm send-keys Escape

# --- the other screens, for the cut check ---------------------------------
for k in u m t p; do
	tm send-keys $k
	keep 0.6
	tm send-keys Escape
	sleep 0.2
done
tm send-keys p Tab
keep 0.6
tm send-keys Tab
keep 0.6
tm send-keys Escape Escape

# --- log out: the scanner keeps running -----------------------------------
tm send-keys l
on_screen "logged out" "logged out: the next user logs in here"
fixed "HMS/A/02"
on_screen "the scanner still reads, dropped at the login" \
    "not taken: nobody is logged in"
keep
# The admin's and the auditor's screens, for the cut check.
admin_tour() {
	tm send-keys -l admin
	tm send-keys Enter
	tm send-keys -l "${PW[admin]}"
	tm send-keys Enter
	wait_for F5 >/dev/null
	tm send-keys a
	keep 0.6
	for i in 1 2 3 4; do tm send-keys Tab; keep 0.5; done
	tm send-keys Escape g
	keep 0.6
	tm send-keys Escape c
	keep 0.5
	tm send-keys Tab
	keep 0.5
	tm send-keys Escape Escape l
	sleep 0.5
}
admin_tour
on_screen "back at the login" "Password"
tm send-keys F10
on_screen "F10 asks first: the scanner would stop" "Quit?"
tm send-keys y
check_eq "y quits, exit 0" "0" "$(wait_exit)"

# --- the same day in Arabic, a shorter wait -------------------------------
# sk's own language is English: --lang ar on the command line wins.
run sqlite3 "$MAKHZAN_DB" "UPDATE user SET lang = 'en' WHERE name = 'sk'"
MINUTE=$((MINUTE / 3))
start ar
end=$((SECONDS + MINUTE))
while [ $SECONDS -lt $end ]; do
	fixed "6214501000115"
	sleep 2
done
tm send-keys sk Enter "${PW[sk]}" Enter
sleep 1
wait_for F5 >/dev/null
keep 2
# Home's title, shaped and in visual order: الرئيسية.
on_screen "Arabic (--lang over the user's English): the login lands on home" \
    "ﺔﻴﺴﻴﺋﺮﻟﺍ"
off_screen "Arabic: no item card" "CHM-BENT"
tm send-keys r
wait_for F9 >/dev/null
tm send-keys HMS/A/01 Enter Enter Enter P-100 Enter
sleep 0.5
fixed "HMS/A/02"
keep 0.8
not_above_status "Arabic: the scan is not in the quantity" "HMS/A/02"
tm send-keys 7 Enter
sleep 0.3
tm send-keys F9
keep 0.8
check_eq "Arabic: nothing posted by the first F9" "0" "$(qty_of P-100 HMS/A/01)"
tm send-keys F9
sleep 0.8
check_eq "Arabic: F9 again posts" "7" "$(qty_of P-100 HMS/A/01)"
tm send-keys r
for i in $(seq 10); do tm send-keys Escape; sleep 0.15; done
keep 0.6
on_screen "Arabic: after ten Esc, home" "ﺔﻴﺴﻴﺋﺮﻟﺍ"
tm send-keys i P-LOTS
sleep 0.3
tm send-keys Enter End
keep 0.8
on_screen "Arabic: the list at its end" "L-50"
tm send-keys Escape Escape
for k in u m t p g; do
	tm send-keys $k
	keep 0.6
	tm send-keys Escape
	sleep 0.2
done
tm send-keys l
sleep 0.5
admin_tour
tm send-keys F10
sleep 0.3
tm send-keys F10
check_eq "Arabic: F10 twice quits" "0" "$(wait_exit)"

# --- a depot on the data bus: its state in one line on home ---------------
printf '[makhzan]\ntz = Asia/Damascus\n[bus]\nnats = tls://bus.invalid:4222\n' >"$T/bus.ini"
tmux_start "env -u MAKHZAN_USER MAKHZAN_CONFIG='$T/bus.ini' MAKHZAN_DB='$MAKHZAN_DB' LANG=C.UTF-8 MAKHZAN_TUI_CUTLOG='$CUT' '$MAKHZAN' --lang en tui"
wait_for F10 >/dev/null
tm send-keys sk Enter "${PW[sk]}" Enter
on_screen "the data bus on home" "Data bus: "
on_screen "with what waits" "waiting, last sent never"
keep
# Local time in the depot's zone (Damascus, UTC+3), to the minute.
check_eq "the title in Damascus time" "1" \
    "$(head -1 "$T/screen" | grep -c "$(TZ=Asia/Damascus date +%Y-%m-%d' '%H:)")"
tm send-keys F10
check_eq "F10 quits at once: no draft, no device" "0" "$(wait_exit)"

# --- nothing cut -----------------------------------------------------------
# The cut log has every text the terminal drew narrower than it is, whole:
# none may be a message, a document number or a bin.
if [ -s "$CUT" ]; then
	it_fail "no text cut at 80x24" "$(sort -u "$CUT" | head -20)"
else
	it_pass "no text cut at 80x24, $(grep -c . "$T/screens") lines of screens"
fi
if grep -qE '[A-Z]{3}-(GRN|ISS|MOV|TRF|ADJ|CNT|REV)-[0-9]{0,4}(-[0-9]{0,5})?([^0-9-]|$)' "$T/screens"; then
	it_fail "no document number cut" "$(grep -E '[A-Z]{3}-(GRN|ISS|MOV|TRF)-[0-9]{0,4}(-[0-9]{0,5})?([^0-9-]|$)' "$T/screens" | head -3)"
else
	it_pass "no document number cut"
fi
if grep -qE 'HMS/(A|@)[A-Z0-9/]*' "$T/screens" &&
    grep -oE 'HMS/[A-Z@][A-Z0-9/-]*' "$T/screens" | sort -u |
    grep -vxE 'HMS/A(/0[12])?|HMS/@[A-Z]+' | grep -q .; then
	it_fail "no bin cut" "$(grep -oE 'HMS/[A-Z@][A-Z0-9/-]*' "$T/screens" | sort -u | grep -vxE 'HMS/A(/0[12])?|HMS/@[A-Z]+'): $(grep -E 'HMS/[A-Z@][A-Z0-9/-]*' "$T/screens" | grep -vE 'HMS/A/0[12]' | grep -E 'HMS/A/[0-9]?([^0-9]|$)' | head -3)"
else
	it_pass "no bin cut"
fi
finish
