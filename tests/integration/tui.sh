# The terminal UI through the real binary in tmux: log in, the home
# screen, search as you type, the item card, in English and in Arabic
# (checked in visual order), F12, a resize, and a clean exit; a receipt of
# three lines scanned and posted, in English and in Arabic; a terminal
# killed in the middle of a receipt.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
. "$HERE/lib-tmux.sh"


ok "init" mz init --site HMS --admin admin
ok "depot" mz depot add HMS --name-ar "مستودع حمص" --name-en "Homs"
ok "location" mz location add HMS/A/01
ok "item" mz item add CHM-BENT --name-ar "بنتونيت" --name-en "Bentonite" \
    --uom KG --tracking lot --min 500
ok "receive" mz receive --to HMS/A/01 CHM-BENT 120 --lot B-1
add_user sk storekeeper


tui_start en
screen
on_screen "the login screen" "Password"
tm send-keys sk Enter "${PW[sk]}" Enter
wait_for F5 >/dev/null	# home is up: its key bar has F5
screen
on_screen "home after login" "Home"
on_screen "the item below its minimum" "CHM-BENT"
tm send-keys i
tm send-keys Bent
screen
on_screen "search as you type" "Bentonite"
tm send-keys Enter
screen
on_screen "the item card" "Stock by location and lot"
on_screen "its balance" "HMS/A/01"
on_screen "the lot" "B-1"
on_screen "the balance over 90 days, received today" "▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁█  0–120"
tm resize-window -x 200 -y 60
screen
on_screen "redrawn at 200x60" "Stock by location and lot"
tm resize-window -x 80 -y 24
screen
on_screen "and back at 80x24" "HMS/A/01"
tm send-keys Escape
sleep 0.2
tm send-keys Escape
sleep 0.2
tm send-keys F10
sleep 0.6
check_eq "F10 quits with status 0" "0" "$(wait_exit)"

# Arabic: the item name comes out shaped and in visual order for a
# terminal that does no bidi (tmux): بنتونيت as U+FE96 U+FEF4 U+FEE7 ...
tui_start ar
tm send-keys sk Enter "${PW[sk]}" Enter
wait_for F5 >/dev/null	# home is up: its key bar has F5
tm send-keys i
tm send-keys "بنتونيت"
sleep 0.3
tm send-keys Enter
screen
on_screen "the Arabic name in visual order" "ﺖﻴﻧﻮﺘﻨﺑ"
on_screen "the code beside it" "CHM-BENT"
# Right to left: on the card (its lot shows), the code is at the right
# edge of its line.
on_screen "the card in Arabic" "B-1"
check_eq "the layout is right to left" "1" \
    "$(grep -cE 'CHM-BENT *$' "$T/screen" | head -1)"
tm send-keys F12
screen
on_screen "F12 switches to English at once" "Stock by location and lot"
tm send-keys F10
sleep 0.6
check_eq "quit from Arabic" "0" "$(wait_exit)"

# A receipt of three lines by "scanning" (codes typed and Enter), posted,
# and the new balances on the item card.
ok "a second item with a barcode" mz item add P-100 --name-ar "صمام" \
    --name-en "Valve" --uom EA --barcode 6214501000115
tui_start en
tm send-keys sk Enter "${PW[sk]}" Enter
wait_for F5 >/dev/null	# home is up: its key bar has F5
tm send-keys r
wait_for F9 >/dev/null	# the receipt is up: F9 posts
tm send-keys HMS/A/01 Enter ACME Enter PO-7 Enter
tm send-keys 6214501000115 Enter 5 Enter
tm send-keys CHM-BENT Enter 2 Enter B-2 Enter Enter
tm send-keys "(01)06214501000115" Enter 3 Enter
screen
on_screen "three lines on the receipt" "PO-7"
post_f9
screen
on_screen "posted, with its number" "posted HMS-GRN-"
tm send-keys Escape
sleep 0.2
tm send-keys i
tm send-keys Valve Enter
screen
on_screen "the item card after the receipt" "Stock by location and lot"
run mz stock --item P-100 --format json
json_check "8 valves received by scanning" 'assert [r["qty"] for r in d] == [8], d'

# The terminal is killed in the middle of a receipt; after logging in
# again the draft is there, and it posts.
tm send-keys Escape
sleep 0.2
tm send-keys Escape
sleep 0.2
tm send-keys r
wait_for F9 >/dev/null	# the receipt is up: F9 posts
tm send-keys HMS/A/01 Enter Enter Enter P-100 Enter 4 Enter
# The line is on the screen (so in the draft) before the terminal goes.
for i in $(seq 100); do
	tm capture-pane -p -J >"$T/screen"
	grep -qE '^ *1 +P-100 .* 4 EA( |$)' "$T/screen" && break
	sleep 0.1
done
grep -qE '^ *1 +P-100 .* 4 EA( |$)' "$T/screen" && it_pass "the line typed" ||
	it_fail "the line typed" "$(grep -v '^ *$' "$T/screen")"
tm kill-server
sleep 0.5
run mz stock --item P-100 --format json
json_check "nothing posted by the killed terminal" 'assert [r["qty"] for r in d] == [8], d'
tui_start en
tm send-keys sk Enter "${PW[sk]}" Enter
wait_for F5 >/dev/null	# home is up: its key bar has F5
tm send-keys r
wait_for F9 >/dev/null	# the receipt is up: F9 posts
screen
on_screen "the draft is taken up" "draft taken up: 1 lines"
post_f9
screen
on_screen "and posted" "posted HMS-GRN-"
run mz stock --item P-100 --format json
json_check "12 valves now" 'assert [r["qty"] for r in d] == [12], d'
tm send-keys F10
sleep 0.5

# The same in Arabic: three lines scanned, posted, and the card in Arabic
# with the new lot, the name in visual order.
tui_start ar
tm send-keys sk Enter "${PW[sk]}" Enter
wait_for F5 >/dev/null	# home is up: its key bar has F5
tm send-keys r
wait_for F9 >/dev/null	# the receipt is up: F9 posts
tm send-keys HMS/A/01 Enter "شركة الحفر" Enter PO-8 Enter
tm send-keys 6214501000115 Enter 1 Enter
tm send-keys CHM-BENT Enter 3 Enter B-3 Enter Enter
tm send-keys "(01)06214501000115" Enter 2 Enter
on_screen "three lines on the Arabic receipt" "PO-8"
post_f9
on_screen "posted, its number left to right inside Arabic" "HMS-GRN-"
tm send-keys Escape
sleep 0.2
tm send-keys i
tm send-keys "بنتونيت"
sleep 0.3
tm send-keys Enter
on_screen "the card in Arabic: the name in visual order" "ﺖﻴﻧﻮﺘﻨﺑ"
on_screen "the new lot on the card" "B-3"
run mz stock --item P-100 --format json
json_check "15 valves after the Arabic receipt" 'assert [r["qty"] for r in d] == [15], d'
tm send-keys F10
sleep 0.5

# No terminal: one clear line, exit 2.
fails 2 "tui without a terminal" mz tui
finish
