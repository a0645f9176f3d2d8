# Eight processes post at once: every posting succeeds (SQLite's busy wait
# serialises them), the totals are exact, and the rate is printed: with
# makhzan login (no argon2id per command) it must exceed 15 postings/s.
#
#   WORKERS=8 POSTINGS=250 (each), NOLOGIN_POSTINGS=4 (each, with passwords)
set -u
. "$(dirname "$0")/lib.sh"

WORKERS=${WORKERS:-8}
POSTINGS=${POSTINGS:-250}
NOLOGIN_POSTINGS=${NOLOGIN_POSTINGS:-4}
export XDG_RUNTIME_DIR=$T/run
mkdir -m 700 "$XDG_RUNTIME_DIR"

ok "init" mz init --site HMS --admin admin
ok "depot add" mz depot add HMS --name-ar "حمص" --name-en Homs
ok "location add" mz location add HMS/A/01 HMS/A/02
ok "item add" mz item add P-100 --name-ar "صمام" --name-en Valve --uom EA
add_user sk storekeeper

# worker N COUNT MODE: COUNT postings, odd ones receive N+1 into A/01, even
# ones move 1 from A/01 to A/02 (its own receipts always cover it); each
# failure is one line in fail.N.
worker() {
	local n=$1 count=$2 mode=$3 i
	for ((i = 1; i <= count; i++)); do
		if ((i % 2)); then
			set -- receive --to HMS/A/01 P-100 $((n + 1))
		else
			set -- move --from HMS/A/01 --to HMS/A/02 P-100 1
		fi
		if [ "$mode" = login ]; then
			env -u MAKHZAN_PASSWORD MAKHZAN_USER=sk "$MAKHZAN" "$@" \
			    >/dev/null 2>>"$T/fail.$n" || echo "exit $?" >>"$T/fail.$n"
		else
			MAKHZAN_USER=sk MAKHZAN_PASSWORD=${PW[sk]} "$MAKHZAN" "$@" \
			    >/dev/null 2>>"$T/fail.$n" || echo "exit $?" >>"$T/fail.$n"
		fi
	done
}

# run_all COUNT MODE: all workers at once; prints the elapsed milliseconds.
run_all() {
	local count=$1 mode=$2 n start pids=()
	rm -f "$T"/fail.*
	start=$(date +%s%N)
	for ((n = 1; n <= WORKERS; n++)); do
		worker "$n" "$count" "$mode" &
		pids+=($!)
	done
	wait "${pids[@]}"
	echo $(( ($(date +%s%N) - start) / 1000000 ))
}

# expect_totals EACH NAME: add a run of EACH postings per worker to what is
# expected, then check the balances and the documents exactly.
RECV=0 MOVES=0 DOCS=0
expect_totals() {
	local each=$1 n
	for ((n = 1; n <= WORKERS; n++)); do
		RECV=$((RECV + (each + 1) / 2 * (n + 1)))
		MOVES=$((MOVES + each / 2))
	done
	DOCS=$((DOCS + WORKERS * each))
	check_eq "$2: A/01 holds every receipt less every move" \
	    "$((RECV - MOVES))" "$(sqlite3 "$MAKHZAN_DB" "SELECT q.qty / 1000
	     FROM balance q JOIN location l ON l.id = q.location_id
	     WHERE l.path = 'HMS/A/01'")"
	check_eq "$2: A/02 holds every move" "$MOVES" \
	    "$(sqlite3 "$MAKHZAN_DB" "SELECT q.qty / 1000 FROM balance q
	     JOIN location l ON l.id = q.location_id WHERE l.path = 'HMS/A/02'")"
	check_eq "$2: one document per posting" "$DOCS" \
	    "$(sqlite3 "$MAKHZAN_DB" \
	    "SELECT count(*) FROM document WHERE type IN ('GRN', 'MOV')")"
}

# --- with makhzan login: one argon2id for the whole run -------------------------
ok "sk logs in once" as sk login
ms=$(run_all "$POSTINGS" login)
total=$((WORKERS * POSTINGS))
failed=$(cat "$T"/fail.* 2>/dev/null | grep -c '')
check_eq "no posting failed (with login)" 0 "$failed"
[ "$failed" = 0 ] || sed -n '1,5s/^/    /p' "$T"/fail.*
rate=$(python3 -c "print('%.1f' % ($total * 1000 / max($ms, 1)))")
echo "# with makhzan login: $WORKERS processes × $POSTINGS = $total postings in $ms ms: $rate postings/s"
check_eq "with login above 15 postings/s ($rate)" 1 \
    "$(python3 -c "print(int($rate > 15))")"
expect_totals "$POSTINGS" "after the run with login"

# --- with a password per command (argon2id each time), a short run --------------
ms2=$(run_all "$NOLOGIN_POSTINGS" password)
total2=$((WORKERS * NOLOGIN_POSTINGS))
failed=$(cat "$T"/fail.* 2>/dev/null | grep -c '')
check_eq "no posting failed (with passwords)" 0 "$failed"
rate2=$(python3 -c "print('%.1f' % ($total2 * 1000 / max($ms2, 1)))")
echo "# with a password per command: $WORKERS processes × $NOLOGIN_POSTINGS = $total2 postings in $ms2 ms: $rate2 postings/s (login: $rate, ratio $(python3 -c "print('%.1f' % ($rate / max($rate2, 0.01)))"))"

expect_totals "$NOLOGIN_POSTINGS" "after the run with passwords"
ok "makhzan check passes" mz check

finish
