# The issue, move and transfer screens through the real binary in tmux: an
# issue refused for insufficient stock shows the figures and posts nothing
# (the balances checked with makhzan stock), then an issue that posts with
# the lot first to expire; a move between bins; a transfer shipped,
# received in part and then in full.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
. "$HERE/lib-tmux.sh"


ok "init" mz init --site HMS --admin admin
ok "depot HMS" mz depot add HMS --name-ar "مستودع حمص" --name-en "Homs"
ok "depot BNS" mz depot add BNS --name-ar "مستودع بانياس" --name-en "Banias"
ok "locations" mz location add HMS/A/01 HMS/A/02 BNS/A/01
ok "cost centre" mz cost-centre add CC-MAINT --name-ar "الصيانة" \
    --name-en "Maintenance"
ok "item P-100" mz item add P-100 --name-ar "صمام" --name-en "Valve" \
    --uom EA
ok "item CHM-BENT" mz item add CHM-BENT --name-ar "بنتونيت" \
    --name-en "Bentonite" --uom KG --tracking lot
ok "receive P-100" mz receive --to HMS/A/01 P-100 12
ok "receive a lot to expire later" mz receive --to HMS/A/01 CHM-BENT 30 \
    --lot B-LATE --expiry 2031-01-01
ok "receive a lot to expire sooner" mz receive --to HMS/A/01 CHM-BENT 70 \
    --lot B-SOON --expiry 2030-01-01
add_user sk storekeeper

# stock_is NAME ITEM PYEXPR: the item's rows as (location, lot, qty).
stock_is() {
	run mz stock --item "$2" --format json
	json_check "$1" "got = [(r['location'], r['lot'], r['qty']) for r in d]
assert got == $3, got"
}

tui_start en
on_screen "the login screen" "Password"
tm send-keys sk Enter "${PW[sk]}" Enter
on_screen "home after login" "U issue"

# An issue of more than the bin has: refused in place, with the figures.
tm send-keys u
on_screen "the issue screen" "Cost centre"
tm send-keys HMS/A/01 Enter CC-MAINT Enter "Eng. Samir" Enter
tm send-keys P-100 Enter
on_screen "what the bin has" "P-100 at HMS/A/01: 12 EA available"
tm send-keys 20 Enter
on_screen "refused with the figures" \
    "only 12 EA of P-100 available at HMS/A/01, asked 20 EA"
tm send-keys F9
on_screen "and nothing to post" "nothing to post"
stock_is "nothing was issued" P-100 '[("HMS/A/01", None, 12)]'
run sqlite3 "$MAKHZAN_DB" "SELECT count(*) FROM document WHERE type = 'ISS'"
check_eq "no issue document" "0" "$OUT"

# Then one that fits, and a lot-tracked line with the lot first to expire.
tm send-keys 5 Enter
tm send-keys CHM-BENT Enter
on_screen "the lot first to expire, suggested" \
    "first to expire: B-SOON (2030-01-01), 70 KG"
tm send-keys Enter 20 Enter
on_screen "two lines" "B-SOON"
post_f9
on_screen "posted, with its number" "posted HMS-ISS-"
stock_is "5 valves issued" P-100 '[("HMS/A/01", None, 7)]'
stock_is "20 KG of the lot first to expire issued" CHM-BENT \
    '[("HMS/A/01", "B-LATE", 30), ("HMS/A/01", "B-SOON", 50)]'

# A move between bins.
tm send-keys Escape
on_screen "back home" "U issue"
tm send-keys m
on_screen "the move screen" "To location"
tm send-keys HMS/A/01 Enter HMS/A/02 Enter Enter P-100 Enter 3 Enter
post_f9
on_screen "moved" "posted HMS-MOV-"
stock_is "3 valves moved" P-100 '[("HMS/A/01", None, 4), ("HMS/A/02", None, 3)]'

# A transfer shipped to Banias, received in part, then the rest.
tm send-keys Escape
on_screen "back home again" "U issue"
tm send-keys t
on_screen "the transfers" "Transfers in transit: 0"
tm send-keys s
on_screen "the ship screen" "To depot"
tm send-keys HMS/A/02 Enter BNS Enter TRIP-4 Enter P-100 Enter 3 Enter
post_f9
on_screen "shipped" "posted HMS-TRF-"
tm send-keys Escape
tm send-keys F5
on_screen "in transit" "Transfers in transit: 1"
tm send-keys Enter
on_screen "receiving it" "Receiving HMS-TRF-"
tm send-keys BNS/A/01 Enter 1 Enter
post_f9
on_screen "received in part" "received in part at BNS/A/01"
stock_is "1 valve received, 2 in transit" P-100 \
    '[("BNS/A/01", None, 1), ("HMS/A/01", None, 4)]'
run sqlite3 "$MAKHZAN_DB" "SELECT status FROM document WHERE type = 'TRF'"
check_eq "still in transit" "in_transit" "$OUT"
tm send-keys Enter
on_screen "receiving the rest" "Receiving HMS-TRF-"
tm send-keys BNS/A/01 Enter
post_f9
on_screen "received in full" "received in full at BNS/A/01"
stock_is "3 valves at Banias" P-100 \
    '[("BNS/A/01", None, 3), ("HMS/A/01", None, 4)]'
run sqlite3 "$MAKHZAN_DB" "SELECT status FROM document WHERE type = 'TRF'"
check_eq "received" "received" "$OUT"
ok "the books balance" mz check
tm send-keys F10
check_eq "F10 quits with status 0" "0" "$(wait_exit)"
finish
