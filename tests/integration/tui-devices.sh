# The station's devices in the terminal UI, through the real binaries in
# tmux: a simulated scale driven by its keys in a second window, a
# simulated fixed scanner typed into in a third.  A drum is weighed on a
# receipt: refused while the weight moves, taken once it settles; the
# scanner's code lands in the item field like a keyboard scan.  Then
# `makhzan demo` with its own simulated scale and scanner.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
. "$HERE/lib-tmux.sh"

P1=$(free_port)
P2=$(free_port)

ok "init" mz init --site HMS --admin admin
ok "depot" mz depot add HMS --name-ar "مستودع حمص" --name-en "Homs"
ok "location" mz location add HMS/A/01
ok "a weighed item" mz item add CHM-BENT --name-ar "بنتونيت" \
    --name-en "Bentonite" --uom KG --tracking lot --weighed
ok "the station's scale" mz device add scale-1 --kind scale \
    --uri "tcp://127.0.0.1:$P1" --profile generic --station st1
ok "the station's scanner" mz device add scanner-1 --kind scanner \
    --uri "tcp://127.0.0.1:$P2" --profile zebra-ea3600 --station st1
ok "a scale at another station" mz device add scale-9 --kind scale \
    --uri "tcp://127.0.0.1:1" --profile generic --station st2
add_user sk storekeeper

ENV="env -u MAKHZAN_USER MAKHZAN_DB='$MAKHZAN_DB' LANG=C.UTF-8"
tmux_start "$ENV '$MAKHZAN' --lang en tui --station st1"
tm new-window -d -t 1 "$ENV '$MAKHZAN' sim scale --profile generic --listen tcp://127.0.0.1:$P1; sleep 30"
tm new-window -d -t 2 "$ENV '$MAKHZAN' sim scanner --profile zebra-ea3600 --listen tcp://127.0.0.1:$P2; sleep 30"
on_screen "the simulated scale takes keys" "Keys: type a weight" 1
on_screen "the simulated scanner takes typed codes" "Type a code" 2
on_screen "the login screen" "Password"
tm send-keys sk Enter "${PW[sk]}" Enter
on_screen "home after login" "Home"
on_screen "the station's scale in the status line" "scale-1 0 kg stable"
off_screen "not the other station's" "scale-9"

tm send-keys r
on_screen "the receipt" "To location"
tm send-keys HMS/A/01 Enter Enter Enter
on_screen "asks for the item" "Item (scan or type)"
tm send-keys -t 2 -l CHM-BENT
tm send-keys -t 2 Enter
on_screen "the scanner's code landed in the item field" "Quantity [unit]"
on_screen "the item it named" "CHM-BENT"

# A drum put on the scale: the weight is moving.
tm send-keys -t 1 m
tm send-keys -t 1 -l 214.2
tm send-keys -t 1 Enter
on_screen "the live weight, moving" "214.2 kg moving"
tm send-keys F6
on_screen "refused while moving" "not weighed"
on_screen "with the reason" "wait until it settles"
wait_for "Quantity [unit]" && it_pass "still at the quantity" ||
	it_fail "still at the quantity" "$(cat "$T/screen")"
tm send-keys -t 1 o
on_screen "overload shown" "kg overload"
tm send-keys F6
on_screen "refused when overloaded" "overloaded"
tm send-keys -t 1 o m
tm send-keys -t 1 -l 208.5
tm send-keys -t 1 Enter
on_screen "settled" "208.5 kg stable"
tm send-keys F6
on_screen "taken once stable" "weighed: 208.5 of CHM-BENT"
on_screen "the lot next" "Lot"
tm send-keys D-7 Enter Enter
on_screen "the line" "208.5"
post_f9
on_screen "posted" "posted HMS-GRN-"
ok "the stock" mz stock --item CHM-BENT --format csv
grep -q "HMS/A/01.*D-7.*208.5" "$T/.out" && it_pass "208.5 kg in lot D-7" ||
	it_fail "208.5 kg in lot D-7" "$(cat "$T/.out")"

# The scale stops: the status line says so, F6 refuses.
tm send-keys -t 1 q
tm send-keys r
on_screen "another receipt" "To location"
on_screen "the scale that stopped answering" "scale-1: no answer"
tm send-keys F10
on_screen "F10 asks first: the station's devices would stop" "Quit?"
tm send-keys Escape
sleep 0.5
off_screen "any other key stays" "Quit?"
on_screen "still on the receipt" "To location"
tm send-keys F10
on_screen "asked again" "Quit?"
tm send-keys y
check_eq "F10 then y: exit 0" "0" "$(wait_exit)"

# --- make demo: the demo station's scale and scanner are simulated ------------
export XDG_DATA_HOME=$T/xdg
tmux_start "env -u MAKHZAN_DB -u MAKHZAN_USER XDG_DATA_HOME='$T/xdg' LANG=C.UTF-8 '$MAKHZAN' --lang en demo --days 7"
on_screen "the demo opens the terminal UI" "Password"
tm send-keys Enter makhzan-demo Enter
on_screen "salim is in" "Home"
if wait_for "scale-1 0 kg stable" || wait_for "kg moving" ||
    wait_for "208.5 kg stable"; then
	it_pass "the demo scale is live in the status line"
else
	it_fail "the demo scale is live in the status line" "$(cat "$T/screen")"
fi
tm send-keys F10
on_screen "the demo asks before its devices stop" "Quit?"
tm send-keys F10
check_eq "the demo quits with 0" "0" "$(wait_exit)"
finish
