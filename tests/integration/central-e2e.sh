#!/bin/bash
# End to end, under faults: two depot sites post documents of many lines
# while their relays (makhzan sync) send them to nats-server (TLS and a
# password), nats-server is stopped and started again, and makhzan central
# is SIGKILLed and started again.  At the end the centre's balances equal
# each site's exactly, every event was applied once, no gap is left, check
# --against-central finds nothing, and sync status and central status
# showed the outage while it lasted.

. "$(dirname "$0")/lib.sh"
. "$IT_DIR/lib-servers.sh"
. "$IT_DIR/lib-central.sh"

for _tool in nats-server openssl setpriv "$PG_BIN/initdb"; do
	if ! command -v "$_tool" >/dev/null 2>&1; then
		it_fail "$_tool" "missing (make deps installs it)"
		finish
	fi
done
BG_PIDS=()
bg_cleanup() {
	local p
	for p in "${BG_PIDS[@]}"; do kill -TERM "$p" 2>/dev/null; done
	for p in "${BG_PIDS[@]}"; do wait "$p" 2>/dev/null; done
	BG_PIDS=()
}
trap 'bg_cleanup; central_cleanup; central_logs; srv_cleanup; cd /; rm -rf "$T"' EXIT

nats_start a || { it_fail "nats_start" "see above"; finish; }
pg_start || { it_fail "pg_start" "see above"; finish; }
central_ini "$NATS_URL_a"
cat >>"$T/makhzan.ini" <<EOF
[bus]
nats = $NATS_URL_a
user = $NATS_USER
password_file = $T/nats-pass
ca = $SRV_CA
EOF
ok "central setup" "$MAKHZAN" central setup

# Two sites: the demo depot's history, as two sites of their own.
demo_db "$T/demo.db" 7
copy_site "$T/demo.db" EAST e1
copy_site "$T/demo.db" WEST e2
export MAKHZAN_USER=admin MAKHZAN_PASSWORD=makhzan-demo
for s in EAST WEST; do
	run "$MAKHZAN" --db "$T/$s.db" bus keygen
	check_eq "bus keygen for $s" 0 "$RC"
	ok "sites add $s" "$MAKHZAN" central sites add "$s" --key \
	    "$("$MAKHZAN" --db "$T/$s.db" bus key)"
done

# Everything in the background is started here and stopped at the end.
relay() {
	setpriv --pdeathsig TERM -- "$MAKHZAN" --db "$T/$1.db" sync \
	    >>"$T/sync-$1.log" 2>&1 &
	BG_PIDS+=("$!")
	eval "RELAY_$1=$!"
}
# post SITE N: N receipts of 25 lines and N moves, one after the other.
python3 -c "
items = ['PIP-API5L-02-S40', 'FIT-ELB90-02-S40', 'FIT-TEE-04-S40', 'PIP-API5L-04-S40', 'FIT-ELB90-04-S40']
print('item,qty')
for i in range(25): print('%s,%d' % (items[i % 5], 1 + i % 9))" >"$T/lines.csv"
post() {
	local i
	for ((i = 0; i < $2; i++)); do
		"$MAKHZAN" --db "$T/$1.db" receive --to HMS/A/01-01 \
		    --lines "$T/lines.csv" >/dev/null || echo "receipt $i failed"
		"$MAKHZAN" --db "$T/$1.db" move --from HMS/A/01-01 \
		    --to HMS/A/01-02 FIT-TEE-04-S40 1 >/dev/null ||
		    echo "move $i failed"
	done
}
relay EAST
relay WEST
central_start C1
post EAST 40 >"$T/post-EAST.log" 2>&1 &
post_east=$!
post WEST 40 >"$T/post-WEST.log" 2>&1 &
post_west=$!
sleep 5

# The bus goes away: the depots keep posting, their events wait.
nats_stop a >/dev/null
sleep 8
run "$MAKHZAN" --db "$T/EAST.db" sync status --format json
json_check "sync status during the outage: events wait, an error is shown" \
    "assert d['pending'] > 0 and d['last_error'], d"
# The centre goes too; the bus comes back and takes the backlog, with
# each relay's heartbeat (sent on connecting) that tells what waited.
central_kill C1
nats_restart a >/dev/null
for s in EAST WEST; do
	for ((i = 0; i < 150; i++)); do
		[ "$(sqlite3 "$T/$s.db" "SELECT count(*) FROM outbox WHERE seq > (SELECT acked_seq FROM bus_state)")" = 0 ] && break
		sleep 0.2
	done
done
# A new consumer takes it one message a batch; central status shows the lag
# until the backlog is applied.  How long the backlog lasts depends on the
# machine (a fast one drains it before status is first asked), so while the
# lag is looked for, a trigger makes each step of the centre's cursor take
# 0.3 s; it is dropped as soon as the lag was seen.
sql "CREATE FUNCTION e2e_slow() RETURNS trigger LANGUAGE plpgsql AS
    \$\$ BEGIN PERFORM pg_sleep(0.3); RETURN NEW; END \$\$;
    CREATE TRIGGER e2e_slow BEFORE UPDATE ON site_cursor
    FOR EACH ROW EXECUTE FUNCTION e2e_slow()" >/dev/null
central_start C2 --batch 1
lag_seen=no
for ((i = 0; i < 300; i++)); do
	"$MAKHZAN" central status --format json >"$T/st.json" 2>/dev/null
	tr -d ' \n' <"$T/st.json" >>"$T/st-all.json"; echo >>"$T/st-all.json"
	if python3 -c 'import json,sys; sys.exit(0 if any(r["lag_events"] > 0 and r["lag_s"] > 0 for r in json.load(open(sys.argv[1]))) else 1)' "$T/st.json" 2>/dev/null; then
		lag_seen=yes
		break
	fi
	sleep 0.1
done
sql "DROP TRIGGER e2e_slow ON site_cursor; DROP FUNCTION e2e_slow()" >/dev/null
check_eq "central status showed the lag the outage left" yes "$lag_seen"
[ "$lag_seen" = yes ] || head -c 3000 "$T/st-all.json"
wait "$post_east"
wait "$post_west"
check_eq "every posting of EAST passed" "" "$(cat "$T/post-EAST.log")"
check_eq "every posting of WEST passed" "" "$(cat "$T/post-WEST.log")"

for s in EAST WEST; do
	n=$(sqlite3 "$T/$s.db" 'SELECT max(seq) FROM outbox')
	if wait_sql 120 "SELECT applied_seq FROM site_cursor WHERE site = '$s'" "$n"; then
		it_pass "$s: all $n events applied"
	else
		it_fail "$s: all $n events applied" "see above"
	fi
	check_eq "$s: each event once" "$n" \
	    "$(sql "SELECT applied_count FROM site_cursor WHERE site = '$s'")"
	check_eq "$s: every movement once" \
	    "$(sqlite3 "$T/$s.db" 'SELECT count(*) FROM movement')" \
	    "$(sql "SELECT count(*) FROM movement WHERE site = '$s'")"
	check_eq "$s: no gap" "" "$(sql "SELECT gap_from FROM gap WHERE site = '$s'")"
	check_eq "$s: nothing quarantined" 0 \
	    "$(sql "SELECT count(*) FROM quarantine WHERE site = '$s'")"
	same_stock "$s: national stock = the depot's" "$T/$s.db" "$s"
	run "$MAKHZAN" --db "$T/$s.db" check --against-central "$CONNINFO"
	check_eq "$s: check --against-central finds nothing" 0 "$RC"
done
moves=$(sql "SELECT count(*) FROM movement")
if [ "$moves" -ge 2000 ]; then
	it_pass "$moves movements through the bus"
else
	it_fail "thousands of movements" "$moves"
fi
for s in EAST WEST; do
	for ((i = 0; i < 100; i++)); do
		run "$MAKHZAN" --db "$T/$s.db" sync status --format json
		printf '%s' "$OUT" | python3 -c 'import json,sys; d=json.load(sys.stdin); sys.exit(0 if d["pending"] == 0 else 1)' && break
		sleep 0.2
	done
	json_check "$s: sync status after: nothing waits, no error" \
	    "assert d['pending'] == 0 and d['last_error'] is None and d['last_ack'], d"
done
grep -q "lost the connection\|lost the bus" "$T/sync-EAST.log" &&
    it_pass "the relay logged the outage" ||
    it_fail "the relay logged the outage" "$(tail -3 "$T/sync-EAST.log")"
bg_cleanup
central_stop C2
check_eq "central stops with 0" 0 "$?"

finish
