#!/bin/bash
# The CLI scenario under valgrind memcheck: every command of a depot's day
# (init, receive, issue, move, transfer, count, stock, ledger, check, and
# the login, logout and refusals around them) must show no memory error
# and leak nothing (definite or possible).
#
#   make check-valgrind            (or: MAKHZAN=./makhzan bash tests/valgrind.sh)
#
# The commands run by one makhzan login, so that argon2id (64 MiB, slow
# under valgrind) is paid twice in all: at init and at login.
set -u
. "$(dirname "$0")/integration/lib.sh"

if ! command -v valgrind >/dev/null 2>&1; then
	echo "valgrind is needed: apt-get install valgrind (make deps)" >&2
	echo "0 passed, 1 failed"
	exit 1
fi
export XDG_RUNTIME_DIR=$T/run
mkdir -m 700 "$XDG_RUNTIME_DIR"

VG_LOGS=$T/vg
mkdir -p "$VG_LOGS"
VG_N=0

# vg NAME WANT CMD...: makhzan CMD under memcheck; passes when makhzan
# exits WANT (0, 1, 2) and valgrind found nothing.
vg() {
	local name=$1 want=$2 log
	shift 2
	VG_N=$((VG_N + 1))
	log=$VG_LOGS/$VG_N.log
	run valgrind --quiet --error-exitcode=99 --leak-check=full \
	    --errors-for-leak-kinds=definite,possible --track-origins=yes \
	    --log-file="$log" "$MAKHZAN" "$@"
	if [ "$RC" = 99 ] || [ -s "$log" ]; then
		it_fail "valgrind: $name" "memcheck errors:"
		sed -n '1,40s/^/    /p' "$log"
	elif [ "$RC" != "$want" ]; then
		it_fail "valgrind: $name" "exit $RC, expected $want"
	else
		it_pass "valgrind: $name"
	fi
}

vg "init" 0 init --site HMS --admin admin
vg "depot add HMS" 0 depot add HMS --name-ar "مستودع حمص" --name-en Homs
ok "depot add BSR" mz depot add BSR --name-ar "البصرة" --name-en Basra
ok "location add" mz location add HMS/A/01 HMS/A/02 HMS/C/01 BSR/R/01
ok "cost-centre add" mz cost-centre add CC-DRILL --name-ar "الحفر" \
    --name-en Drilling
vg "item add" 0 item add P-100 --name-ar "صمام" --name-en Valve --uom EA
ok "item add LUB" mz item add LUB --name-ar "زيت" --name-en Oil --uom L \
    --tracking lot
vg "login" 0 login
export -n MAKHZAN_PASSWORD
unset MAKHZAN_PASSWORD
vg "receive" 0 receive --to HMS/A/01 P-100 20 --cost 12.50
vg "receive a lot" 0 receive --to HMS/A/01 LUB 100 --lot L-1 \
    --expiry 2030-01-01
printf 'item,qty,unit,lot,expiry\nP-100,3,,,\nLUB,5,,L-2,2031-01-01\n' \
    >lines.csv
vg "receive --lines" 0 receive --to HMS/A/02 --lines lines.csv
vg "issue" 0 issue --from HMS/A/01 P-100 2 --to CC-DRILL
vg "move" 0 move --from HMS/A/01 --to HMS/A/02 P-100 3
vg "transfer ship" 0 transfer ship --from HMS/A/01 --to BSR P-100 5
TRF=$OUT
vg "transfer receive" 0 transfer receive "$TRF" --to BSR/R/01
vg "transfer list" 0 transfer list --format json
vg "count start" 0 count start HMS/A/02
CNT=$OUT
vg "count enter" 0 count enter "$CNT" HMS/A/02 P-100 6
ok "count enter the lot" mz count enter "$CNT" HMS/A/02 LUB 5 --lot L-2
vg "count show" 0 count show "$CNT"
vg "count post" 0 count post "$CNT"
vg "stock" 0 stock
vg "stock json" 0 stock --format json
vg "ledger" 0 ledger P-100
vg "item list --search" 0 item list --search "صمام"
vg "audit log" 0 audit log
vg "check" 0 check
vg "a refusal: more than on hand" 1 issue --from HMS/A/01 P-100 999 \
    --to CC-DRILL
vg "a refusal: bad UTF-8" 1 receive --to HMS/A/01 LUB 1 --lot $'\xff'
vg "a refusal: unknown option" 2 stock --nope
vg "logout" 0 logout
vg "a refusal: no session" 1 stock

finish
