# The terminal UI through the real binary in tmux: log in, the home
# screen, search as you type, the item card, in English and in Arabic
# (checked in visual order), F12, a resize, and a clean exit.
set -u
. "$(dirname "$0")/lib.sh"

if ! command -v tmux >/dev/null; then
	echo "note: tmux is not installed (make deps installs it)"
	it_fail "tmux" "missing"
	finish
fi
SOCK=$T/tmux.sock
tm() { tmux -S "$SOCK" "$@"; }
trap 'tm kill-server 2>/dev/null; rm -rf "$T"' EXIT

ok "init" mz init --site HMS --admin admin
ok "depot" mz depot add HMS --name-ar "مستودع حمص" --name-en "Homs"
ok "location" mz location add HMS/A/01
ok "item" mz item add CHM-BENT --name-ar "بنتونيت" --name-en "Bentonite" \
    --uom KG --tracking lot --min 500
ok "receive" mz receive --to HMS/A/01 CHM-BENT 120 --lot B-1
add_user sk storekeeper

# start LANG: makhzan tui in a fresh 80x24 tmux; its exit status to a file.
start() {
	tm kill-server 2>/dev/null
	rm -f "$T/exit"
	tm -f /dev/null new-session -d -x 80 -y 24 \
	    "env -u MAKHZAN_USER MAKHZAN_DB='$MAKHZAN_DB' LANG=C.UTF-8 '$MAKHZAN' --lang $1 tui; echo \$? > '$T/exit'; sleep 30"
	sleep 0.5
}
screen() { sleep "${1:-0.4}"; tm capture-pane -p -J >"$T/screen"; }
on_screen() {
	if grep -qF -- "$2" "$T/screen"; then
		it_pass "$1"
	else
		it_fail "$1" "\"$2\" not on the screen: $(head -c 600 "$T/screen")"
	fi
}

start en
screen
on_screen "the login screen" "Password"
tm send-keys sk Enter "${PW[sk]}" Enter
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
check_eq "F10 quits with status 0" "0" "$(cat "$T/exit" 2>/dev/null)"

# Arabic: the item name comes out shaped and in visual order for a
# terminal that does no bidi (tmux): بنتونيت as U+FE96 U+FEF4 U+FEE7 ...
start ar
tm send-keys sk Enter "${PW[sk]}" Enter
sleep 0.5
tm send-keys i
tm send-keys "بنتونيت"
sleep 0.3
tm send-keys Enter
screen
on_screen "the Arabic name in visual order" "ﺖﻴﻧﻮﺘﻨﺑ"
on_screen "the code beside it" "CHM-BENT"
# Right to left: the code is at the right edge of its line.
check_eq "the layout is right to left" "1" \
    "$(grep -cE 'CHM-BENT *$' "$T/screen" | head -1)"
tm send-keys F12
screen
on_screen "F12 switches to English at once" "Stock by location and lot"
tm send-keys F10
sleep 0.6
check_eq "quit from Arabic" "0" "$(cat "$T/exit" 2>/dev/null)"

# No terminal: one clear line, exit 2.
fails 2 "tui without a terminal" mz tui
finish
