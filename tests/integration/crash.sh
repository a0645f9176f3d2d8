# SIGKILL at random points of a stream of postings, imports, counts and
# backups, many times.  After each kill makhzan check passes, every
# posting and import that was acknowledged (its command printed its number
# and exited 0 before the kill) is in the database, and a killed backup
# left either nothing or a whole backup at its path.
#
#   CRASH_SEED=N   repeat a run (the seed is printed first)
#   CRASH_KILLS=N  how many commands to kill (30)
set -u
. "$(dirname "$0")/lib.sh"

SEED=${CRASH_SEED:-$RANDOM}
KILLS=${CRASH_KILLS:-30}
RANDOM=$SEED
echo "# seed $SEED (CRASH_SEED=$SEED repeats this run)"

ok "init" mz init --site HMS --admin admin
ok "depot add" mz depot add HMS --name-ar "حمص" --name-en "Homs"
ok "location add" mz location add HMS/A/01 HMS/A/02 HMS/B/01 HMS/C/01
ok "cost-centre add" mz cost-centre add CC-1 --name-ar "حفر" --name-en "Drill"
ok "item add P-100" mz item add P-100 --name-ar "صمام" --name-en "Valve" \
    --uom EA
ok "item add LUB (lot)" mz item add LUB --name-ar "زيت" --name-en "Oil" \
    --uom L --tracking lot
add_user sk storekeeper
add_user sv supervisor
ok "backup keygen" mz backup keygen "$T/k"
ok "opening stock" mz receive --to HMS/A/01 P-100 1000000
ok "stock to count" mz receive --to HMS/C/01 P-100 100000
# An import of 3,000 lines: a transaction long enough to be killed inside.
python3 -c '
print("item,qty,lot,expiry")
for i in range(3000):
    print("LUB,1,CR-%05d,2031-01-01" % i)' >"$T/lines.csv"
mkdir "$T/bk"
: >"$T/acked"
: >"$T/items"

# op N: the command line of a random operation, in the shell's words.
op() {
	local n=$1 sk="MAKHZAN_USER=sk MAKHZAN_PASSWORD=${PW[sk]}"
	local sv="MAKHZAN_USER=sv MAKHZAN_PASSWORD=${PW[sv]}"

	case $((RANDOM % 9)) in
	0) echo "receive|$sk mz receive --to HMS/A/02 P-100 1" ;;
	1) echo "receive --lines|$sk mz receive --to HMS/B/01 --lines $T/lines.csv" ;;
	2) echo "issue|$sk mz issue --from HMS/A/01 P-100 1 --to CC-1" ;;
	3) echo "move|$sk mz move --from HMS/A/01 --to HMS/A/02 P-100 2" ;;
	4) echo "adjust|$sv mz adjust HMS/A/01 P-100 -1 --reason crash-test" ;;
	5) echo "count|c=\$($sk mz count start HMS/C/01) && $sk mz count enter \$c HMS/C/01 P-100 $((99000 + n)) && $sv mz count post \$c" ;;
	6)	python3 -c '
import sys
n = int(sys.argv[1])
print("code,name_ar,name_en,category,uom,tracking,weighed,min,max,shelf_life,barcodes")
for i in range(300):
    print("X%03d-%03d,صنف,Item,,EA,none,false,0,0,," % (n, i))' "$n" >"$T/items-$n.csv"
	   echo "item import|mz item import $T/items-$n.csv" ;;
	7) echo "backup|$sv mz backup $T/bk/b$n.db" ;;
	*) echo "encrypted backup|$sv mz backup --encrypt --key $T/k $T/bk/b$n.db.enc" ;;
	esac
}

export -f mz
export MAKHZAN
killed=0 done_=0
declare -A took	# what -> milliseconds its last finished run took
for n in $(seq "$KILLS"); do
	IFS='|' read -r what cmd <<<"$(op "$n")"
	# Its own process group, so that a count's three commands die together.
	# The command notes how long it took when it finishes.
	rm -f "$T/op.time"
	setsid bash -c "s=\$EPOCHREALTIME; $cmd; rc=\$?;
	    echo \$s \$EPOCHREALTIME >$T/op.time; exit \$rc" \
	    >"$T/op.out" 2>"$T/op.err" &
	pid=$!
	# Anywhere from a third of the way in to nearly the end, by how long
	# this kind of command last took when it finished; until one has
	# finished, past the login (argon2id, about 0.1 s) then anywhere up to
	# 0.34 s.  A fixed window let a fast machine finish most commands
	# before their kill.
	if [ -n "${took[$what]:-}" ]; then
		ms=$((took[$what] * (30 + RANDOM % 65) / 100))
	else
		ms=$((40 + RANDOM % 300))
	fi
	sleep "$((ms / 1000)).$(printf '%03d' $((ms % 1000)))"
	kill -9 -- -"$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	rc=$?
	if [ "$rc" = 0 ]; then
		done_=$((done_ + 1))
		[ -s "$T/op.time" ] && read -r t0 t1 <"$T/op.time" &&
		took[$what]=$(( (${t1/./} - ${t0/./}) / 1000 ))
		grep -oE 'HMS-[A-Z]{3}-[0-9]{4}-[0-9]{6}' "$T/op.out" >>"$T/acked"
		[ "$what" = "item import" ] &&
		    sed -n '2,$s/,.*//p' "$T/items-$n.csv" >>"$T/items"
		state="finished"
	elif [ "$rc" -ge 128 ]; then
		killed=$((killed + 1))
		state="killed"
	else
		state="refused ($(head -n 1 "$T/op.err"))"
	fi
	# The database agrees with itself.
	run mz check
	if [ "$RC" = 0 ]; then
		it_pass "kill $n, $what $state: check passes"
	else
		it_fail "kill $n, $what $state: check passes" \
		    "$(head -n 3 "$T/.out" | paste -sd' ' -)"
	fi
	# Every acknowledged posting and import is there.
	want=$(sort -u "$T/acked" | grep -c . || true)
	got=$(sqlite3 "$MAKHZAN_DB" "SELECT count(*) FROM document WHERE
	    number IN ($(sort -u "$T/acked" | sed "s/.*/'&'/" | paste -sd, -))")
	wanti=$(grep -c . "$T/items" || true)
	goti=$(sqlite3 "$MAKHZAN_DB" "SELECT count(*) FROM item WHERE
	    code IN ($(sed "s/.*/'&'/" "$T/items" | paste -sd, -))")
	check_eq "kill $n: the $want acknowledged postings and $wanti imported items are there" \
	    "$want $wanti" "$got $goti"
	# A backup is whole or absent.
	for f in "$T"/bk/b"$n".db "$T"/bk/b"$n".db.enc; do
		[ -e "$f" ] || continue
		case $f in
		*.enc) run mz restore "$f" --key "$T/k" --db "$T/bk/r$n.db" ;;
		*) run mz --db "$f" check ;;
		esac
		check_eq "kill $n: the backup at $(basename "$f") is whole" 0 "$RC"
	done
	if [ "$state" = finished ] && [ "${what#*backup}" != "$what" ]; then
		check_eq "kill $n: the finished backup is there" 1 \
		    "$(ls "$T/bk" | grep -c "^b$n\.db")"
	fi
done
echo "# $killed killed, $done_ finished before the kill, $((KILLS - killed - done_)) refused"
if [ "$killed" -ge $((KILLS / 4)) ]; then
	it_pass "at least a quarter of the commands were killed mid-way"
else
	it_fail "at least a quarter of the commands were killed mid-way" \
	    "$killed of $KILLS"
fi
expect_out "audit log verified" mz audit verify
ok "a last backup" as sv backup --encrypt --key "$T/k" "$T/bk/last.db.enc"
check_eq "it swept every temporary file the killed backups left" "" \
    "$(ls -A "$T" "$T/bk" | grep -E '\.(partial|snapshot|restore)-' || true)"

finish
