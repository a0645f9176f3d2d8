#!/bin/bash
# makhzan central under faults, against real servers: SIGKILLed in the
# middle of a stream and restarted (the unacknowledged messages come back
# after the consumer's AckWait), two processes sharing the one durable
# consumer, nats-server killed and restarted, PostgreSQL crashed and
# restarted.  Each time: every event applied once, in order, balances
# equal to the depot's exactly.

. "$(dirname "$0")/lib.sh"
. "$IT_DIR/lib-servers.sh"
. "$IT_DIR/lib-central.sh"

for _tool in nats-server openssl setpriv "$PG_BIN/initdb"; do
	if ! command -v "$_tool" >/dev/null 2>&1; then
		it_fail "$_tool" "missing (make deps installs it)"
		finish
	fi
done
trap 'central_cleanup; central_logs; srv_cleanup; cd /; rm -rf "$T"' EXIT

nats_start a || { it_fail "nats_start" "see above"; finish; }
pg_start || { it_fail "pg_start" "see above"; finish; }
central_ini "$NATS_URL_a"
ok "central setup" "$MAKHZAN" central setup

demo_db "$T/demo.db" 60
n=$(sqlite3 "$T/demo.db" 'SELECT count(*) FROM outbox')
nmoves=$(sqlite3 "$T/demo.db" 'SELECT count(*) FROM movement')
half=$((n / 2))
copy_site "$T/demo.db" KILL b1
copy_site "$T/demo.db" TWO b2
copy_site "$T/demo.db" NK b3
copy_site "$T/demo.db" PGK b4
for s in KILL TWO NK PGK; do site_key $s; done

# once SITE: every event of SITE applied once, its movements and stock.
once() {
	local s=$1
	check_eq "$s: applied_count = $n events" "$n" \
	    "$(sql "SELECT applied_count FROM site_cursor WHERE site = '$s'")"
	check_eq "$s: each event once, applied" "$n" \
	    "$(sql "SELECT count(*) FROM event WHERE site = '$s' AND applied_at IS NOT NULL")"
	check_eq "$s: every movement once" "$nmoves" \
	    "$(sql "SELECT count(*) FROM movement WHERE site = '$s'")"
	check_eq "$s: no gap" "" \
	    "$(sql "SELECT gap_from FROM gap WHERE site = '$s'")"
	same_stock "$s: national stock = the depot's" "$T/$s.db" "$s"
}

# applied SITE: the site's cursor now.
applied() {
	sql "SELECT coalesce((SELECT applied_seq FROM site_cursor WHERE site = '$1'), 0)"
}

# ---- SIGKILL in the middle, then a restart ---------------------------------
pub_site "$T/KILL.db" KILL
central_start K1 --batch 16
for ((i = 0; i < 300; i++)); do
	[ "$(applied KILL)" -ge 40 ] && break
	sleep 0.05
done
central_kill K1
at_kill=$(applied KILL)
if [ "$at_kill" -gt 0 ] && [ "$at_kill" -lt "$n" ]; then
	it_pass "SIGKILL with $at_kill of $n events applied"
else
	it_fail "SIGKILL in the middle" "$at_kill of $n applied at the kill"
fi
central_start K2 --batch 16
# The batch K1 held comes back after AckWait (30 s).
if wait_sql 90 "SELECT applied_seq FROM site_cursor WHERE site = 'KILL'" "$n"; then
	it_pass "restarted: all $n applied"
else
	it_fail "restarted: all $n applied" "see above"
fi
once KILL
central_stop K2
check_eq "K2 stops on SIGTERM with 0" 0 "$?"

# ---- two consumers on one durable ------------------------------------------
central_start P1 --batch 32
central_start P2 --batch 32
sleep 1
pub_site "$T/TWO.db" TWO
if wait_sql 90 "SELECT applied_seq FROM site_cursor WHERE site = 'TWO'" "$n"; then
	it_pass "two consumers: all $n applied"
else
	it_fail "two consumers: all $n applied" "see above"
fi
once TWO
central_stop P2
p2=$(sed -n 's/.*this run applied \([0-9]*\) events.*/\1/p' "$T/central-P2.log")
echo "    P2 applied $p2 of them"

# ---- nats-server killed in the middle ---------------------------------------
pub_site "$T/NK.db" NK --seqs "1-$half"
wait_sql 30 "SELECT applied_seq FROM site_cursor WHERE site = 'NK'" "$half" \
    >/dev/null
nats_kill a >/dev/null
sleep 2
nats_restart a >/dev/null
pub_site "$T/NK.db" NK --seqs "$((half + 1))-$n"
if wait_sql 90 "SELECT applied_seq FROM site_cursor WHERE site = 'NK'" "$n"; then
	it_pass "nats-server killed and restarted: all $n applied"
else
	it_fail "nats-server killed and restarted: all $n applied" "see above"
fi
once NK
grep -q "lost the bus" "$T/central-P1.log" &&
    it_pass "the consumer said it lost the bus" ||
    it_fail "the consumer said it lost the bus" "$(tail -3 "$T/central-P1.log")"
grep -q "the bus is back" "$T/central-P1.log" &&
    it_pass "... and that it is back" ||
    it_fail "... and that it is back" "$(tail -3 "$T/central-P1.log")"

# ---- PostgreSQL crashed in the middle ---------------------------------------
pub_site "$T/PGK.db" PGK --seqs "1-$half"
wait_sql 30 "SELECT applied_seq FROM site_cursor WHERE site = 'PGK'" "$half" \
    >/dev/null
pg_kill >/dev/null
pub_site "$T/PGK.db" PGK --seqs "$((half + 1))-$n"
sleep 3
pg_restart >/dev/null
if wait_sql 90 "SELECT applied_seq FROM site_cursor WHERE site = 'PGK'" "$n"; then
	it_pass "PostgreSQL crashed and restarted: all $n applied"
else
	it_fail "PostgreSQL crashed and restarted: all $n applied" "see above"
fi
once PGK
grep -q "lost PostgreSQL" "$T/central-P1.log" &&
    it_pass "the consumer said it lost PostgreSQL" ||
    it_fail "the consumer said it lost PostgreSQL" "$(tail -3 "$T/central-P1.log")"
grep -q "PostgreSQL is back" "$T/central-P1.log" &&
    it_pass "... and that it is back" ||
    it_fail "... and that it is back" "$(tail -3 "$T/central-P1.log")"
central_stop P1
check_eq "P1 stops on SIGTERM with 0" 0 "$?"
total=$(sql "SELECT sum(applied_count) FROM site_cursor")
check_eq "over all four sites, each event applied once" $((4 * n)) "$total"

finish
