# Backups of a 100 MB database while four storekeepers post: each backup
# finishes within 10 times the idle time, holds every posting acknowledged
# before it began, and passes makhzan check; no posting fails because of
# it.  A backup killed half way leaves nothing at its path, and the next
# one to the same path works and sweeps what the killed one left.
set -u
. "$(dirname "$0")/lib.sh"

# Under the sanitizers (make check-asan sets ASAN_OPTIONS) a receipt of
# 25,000 lines takes a minute: build a quarter of the size there.
RECEIPTS=${BACKUP_LOAD_RECEIPTS:-12}
if [ -n "${ASAN_OPTIONS:-}" ] && [ -z "${BACKUP_LOAD_RECEIPTS:-}" ]; then
	RECEIPTS=3
	echo "# a sanitizer build: about 25 MB instead of 100"
fi

now() { echo "${EPOCHREALTIME/,/.}"; }
elapsed() { python3 -c "import sys; print('%.2f' % (float(sys.argv[2]) - float(sys.argv[1])))" "$1" "$2"; }

# --- about 100 MB of ledger, quickly: 12 receipts of 25,000 lot lines ---------
ok "init" mz init --site HMS --admin admin
ok "depot add" mz depot add HMS --name-ar "حمص" --name-en "Homs"
ok "location add" mz location add HMS/A/01 HMS/A/02
ok "item add LUB (lot)" mz item add LUB --name-ar "زيت" --name-en "Oil" \
    --uom L --tracking lot
ok "item add P-100" mz item add P-100 --name-ar "صمام" --name-en "Valve" \
    --uom EA
add_user sk storekeeper
add_user sv supervisor
T0=$(now)
python3 -c '
import sys
for k in range(1, int(sys.argv[2]) + 1):
    with open("%s/lines-%d.csv" % (sys.argv[1], k), "w") as f:
        f.write("item,qty,lot,expiry\n")
        for i in range(25000):
            f.write("LUB,1,LOT-2026-DRUM-BATCH-%02d-%06d,2031-01-01\n" % (k, i))
' "$T" "$RECEIPTS"
built=0
for k in $(seq "$RECEIPTS"); do
	"$MAKHZAN" receive --to HMS/A/01 --lines "$T/lines-$k.csv" >/dev/null ||
	    break
	built=$k
done
rm -f "$T"/lines-*.csv
check_eq "$RECEIPTS receipts of 25,000 lines" "$RECEIPTS" "$built"
SIZE=$(stat -c %s "$MAKHZAN_DB")
echo "# built $((SIZE / 1048576)) MB in $(elapsed "$T0" "$(now)") s"
if [ "$SIZE" -ge $((RECEIPTS * 7 * 1048576)) ]; then
	it_pass "the database is about $((RECEIPTS * 8)) MB"
else
	it_fail "the database is about $((RECEIPTS * 8)) MB" "$SIZE bytes"
fi

# --- idle ---------------------------------------------------------------------
IDLE=
for i in 1 2; do
	t0=$(now)
	ok "idle backup $i" as sv backup "$T/idle$i.db"
	t=$(elapsed "$t0" "$(now)")
	echo "# idle backup $i: $t s"
	IDLE=$(python3 -c "import sys; print(min(float(x) for x in sys.argv[1:]))" $IDLE $t)
done
rm -f "$T"/idle*.db

# --- four writers ---------------------------------------------------------------
mkdir "$T/w"
writer() {
	local i=$1
	while [ ! -e "$T/w/stop" ]; do
		if out=$(MAKHZAN_USER=sk MAKHZAN_PASSWORD=${PW[sk]} "$MAKHZAN" \
		    receive --to HMS/A/02 P-100 1 2>>"$T/w/err.$i"); then
			echo "$out" >>"$T/w/ack.$i"
		else
			echo "failed" >>"$T/w/fail.$i"
		fi
	done
}
for i in 1 2 3 4; do writer "$i" & done
# Until each writer has posted once.
for _ in $(seq 200); do
	n=0
	for i in 1 2 3 4; do [ -s "$T/w/ack.$i" ] && n=$((n + 1)); done
	[ $n = 4 ] && break
	sleep 0.05
done
check_eq "the four writers are posting" 4 "$n"

# acked: the document numbers acknowledged so far, as an SQL list.
acked() {
	cat "$T"/w/ack.* 2>/dev/null | sed "s/.*/'&'/" | paste -sd, -
}
MAX=$(python3 -c "import sys; print('%.2f' % (10 * float(sys.argv[1])))" "$IDLE")
for b in plain1 plain2 enc; do
	ACKED=$(acked)
	opts=
	file=$T/$b.db
	if [ $b = enc ]; then
		[ -e "$T/k" ] || mz backup keygen "$T/k" >/dev/null
		opts="--encrypt --key $T/k"
		file=$T/$b.db.enc
	fi
	t0=$(now)
	ok "backup $b under load" as sv backup $opts "$file"
	t=$(elapsed "$t0" "$(now)")
	echo "# backup $b under load: $t s (idle $IDLE s, limit $MAX s)"
	if python3 -c "import sys; sys.exit(float(sys.argv[1]) > float(sys.argv[2]))" "$t" "$MAX"; then
		it_pass "backup $b within 10x the idle time"
	else
		it_fail "backup $b within 10x the idle time" "$t s > $MAX s"
	fi
	echo "$ACKED" >"$T/acked.$b"
done
touch "$T/w/stop"
wait
POSTED=$(cat "$T"/w/ack.* | wc -l)
echo "# the writers posted $POSTED receipts meanwhile"
check_eq "no posting failed during the backups" "" \
    "$(cat "$T"/w/fail.* 2>/dev/null; cat "$T"/w/err.* 2>/dev/null)"

# --- each copy passes the check and holds what was acknowledged before it ------
# The three at once: two processors, and the test should not take all day.
mz restore "$T/enc.db.enc" --key "$T/k" --db "$T/enc-restored.db" \
    >"$T/check0" 2>&1 &
C0=$!
mz --db "$T/plain1.db" check >"$T/check1" 2>&1 &
C1=$!
mz --db "$T/plain2.db" check >"$T/check2" 2>&1 &
C2=$!
wait $C0; r0=$?
wait $C1; r1=$?
wait $C2; r2=$?
check_eq "the encrypted copy restores (verified, checked)" "0 1" \
    "$r0 $(grep -c 'makhzan check passed' "$T/check0")"
check_eq "the first copy passes makhzan check" "0 1" \
    "$r1 $(grep -c 'check passed' "$T/check1")"
check_eq "the second copy passes makhzan check" "0 1" \
    "$r2 $(grep -c 'check passed' "$T/check2")"
for b in plain1 plain2 enc; do
	f=$T/$b.db
	[ $b = enc ] && f=$T/enc-restored.db
	want=$(tr ',' '\n' <"$T/acked.$b" | grep -c .)
	got=$(sqlite3 "$f" "SELECT count(*) FROM document WHERE number IN ($(cat "$T/acked.$b"))")
	check_eq "copy $b holds the $want postings acknowledged before it" \
	    "$want" "$got"
done

# --- killed half way --------------------------------------------------------------
# killed NAME FILE PATTERN [OPTS]: start a backup to FILE, SIGKILL it once
# a temporary file matching PATTERN has grown past 1 MB.
killed() {
	local name=$1 file=$2 pattern=$3 opts=${4:-} pid f sz=0 i
	MAKHZAN_USER=sv MAKHZAN_PASSWORD=${PW[sv]} "$MAKHZAN" backup $opts \
	    "$file" >/dev/null 2>&1 &
	pid=$!
	for i in $(seq 2000); do
		for f in $pattern; do
			[ -e "$f" ] && sz=$(stat -c %s "$f" 2>/dev/null || echo 0)
		done
		[ "$sz" -gt 1048576 ] && break
		kill -0 $pid 2>/dev/null || break
		sleep 0.002
	done
	if kill -9 $pid 2>/dev/null; then
		it_pass "$name: killed half way ($((sz / 1024)) KiB written)"
	else
		it_fail "$name: killed half way" "the backup ended first"
	fi
	wait $pid 2>/dev/null
	if [ -e "$file" ]; then
		it_fail "$name: nothing at $file" "it exists"
	else
		it_pass "$name: nothing at $file"
	fi
}
killed "plain backup" "$T/int.db" "$T/.int.db.partial-*"
ok "the next backup to the same path works" as sv backup "$T/int.db"
check_eq "and swept what the killed one left" "" \
    "$(ls -A "$T" | grep -E '\.(partial|snapshot)-' || true)"
killed "encrypted backup, taking its snapshot" "$T/int2.db.enc" \
    "$T/.depot.db.snapshot-*" "--encrypt --key $T/k"
check_eq "the killed one left its plain snapshot beside the database" 1 \
    "$(ls -A "$T" | grep -c '^\.depot\.db\.snapshot-')"
ok "the next encrypted backup to the same path works" \
    as sv backup --encrypt --key "$T/k" "$T/int2.db.enc"
check_eq "and removed the killed one's snapshot" "" \
    "$(ls -A "$T" | grep -E '\.(partial|snapshot)-' || true)"
expect_out "check passed" mz check

finish
