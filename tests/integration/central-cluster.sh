#!/bin/bash
# makhzan central on a three-node nats-server cluster (TLS, a password,
# routes over mutual TLS), the stream with 3 replicas: the node that leads
# the stream is killed in the middle of the stream, the depot keeps
# publishing, two consumers keep reading, and nothing is lost.
#
# The clients are given one surviving node's URL (they learn the others
# from it): bus/nats.c hands a list of URLs to natsOptions_SetURL, which
# takes one URL only, so a list does not connect (reported, with the fix,
# to the lead).

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

nats_cluster3 c || { it_fail "nats_cluster3" "see above"; finish; }
pg_start || { it_fail "pg_start" "see above"; finish; }
central_ini "$NATS_URL_c_1"

ok "central setup --replicas 3" "$MAKHZAN" central setup --replicas 3
has_out "... a stream of 3 replicas" "3 replica(s)"
info=$(nats_wait_stream c_1 MAKHZAN_EVENTS 30)
check_eq "JetStream says: 3 replicas" 3 \
    "$(printf '%s' "$info" | python3 -c 'import json,sys; print(json.load(sys.stdin)["config"]["num_replicas"])')"

leader=$(printf '%s' "$info" | python3 -c \
    'import json,sys; print(json.load(sys.stdin)["cluster"]["leader"])')
case $leader in
c_1 | c_2 | c_3) it_pass "the stream's leader is $leader" ;;
*) it_fail "the stream's leader" "\"$leader\""; leader=c_1 ;;
esac
up=c_1
[ "$leader" = c_1 ] && up=c_2
# Depot and consumers talk to a node that stays.
eval "central_ini \"\$NATS_URL_$up\""

demo_db "$T/demo.db" 40
n=$(sqlite3 "$T/demo.db" 'SELECT count(*) FROM outbox')
nmoves=$(sqlite3 "$T/demo.db" 'SELECT count(*) FROM movement')
half=$((n / 2))
copy_site "$T/demo.db" CL c1
site_key CL

central_start A --batch 32
central_start B --batch 32
pub_site "$T/CL.db" CL --seqs "1-$half"
wait_sql 60 "SELECT applied_seq FROM site_cursor WHERE site = 'CL'" "$half" \
    >/dev/null

# The node leading the stream goes, in the middle of the stream.
nats_kill "$leader"
pub_site "$T/CL.db" CL --seqs "$((half + 1))-$n"
check_eq "the depot published the second half with $leader down" 0 "$?"
if wait_sql 120 "SELECT applied_seq FROM site_cursor WHERE site = 'CL'" "$n"; then
	it_pass "all $n events applied with $leader down"
else
	it_fail "all $n events applied with $leader down" "see above"
fi
check_eq "each event once" "$n" \
    "$(sql "SELECT applied_count FROM site_cursor WHERE site = 'CL'")"
check_eq "each event once, in the event log" "$n" \
    "$(sql "SELECT count(*) FROM event WHERE site = 'CL'")"
check_eq "every movement once" "$nmoves" \
    "$(sql "SELECT count(*) FROM movement WHERE site = 'CL'")"
same_stock "national stock of CL = the depot's" "$T/CL.db" CL
msgs=$(nats_wait_stream "$up" MAKHZAN_EVENTS 30 | python3 -c \
    'import json,sys; print(json.load(sys.stdin)["state"]["messages"])')
check_eq "the stream holds every event once" "$n" "$msgs"
central_stop A
central_stop B
a=$(sed -n 's/.*this run applied \([0-9]*\) events.*/\1/p' "$T/central-A.log")
b=$(sed -n 's/.*this run applied \([0-9]*\) events.*/\1/p' "$T/central-B.log")
check_eq "the two consumers applied $n between them" "$n" "$((a + b))"
echo "    A applied $a, B applied $b"

finish
