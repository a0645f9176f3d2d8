# The relay SIGKILLed at random points, many times, while postings go on:
# a backlog of about 15,000 events and a stream of receipts, moves and
# issues posted by other processes, against a real nats-server with
# JetStream, TLS and a password (lib-servers.sh), with makhzan central
# applying into a throwaway PostgreSQL all along.  Each `makhzan sync` is
# killed after a random time (0.05 to 1.2 s: while it connects, reads,
# signs, publishes, waits for acknowledgements or marks); then one last
# relay drains what is left.  Afterwards every event of the outbox is in
# the stream exactly once by its message id, with its own seq and id, no
# seq is missing, nothing else is there, the outbox says every event was
# sent, and the centre applied every event once, without a gap, nothing
# quarantined.  What the stream holds is read by stream-dump.py over the
# raw NATS protocol, not through makhzan's own code.
#
#   RELAY_CRASH_SEED=N   repeat a run (the seed is printed first)
#   RELAY_CRASH_KILLS=N  how many relays to kill (25)
set -u
. "$(dirname "$0")/lib.sh"
. "$IT_DIR/lib-servers.sh"
. "$IT_DIR/lib-central.sh"
trap 'central_cleanup; srv_cleanup; cd /; rm -rf "$T"' EXIT

SEED=${RELAY_CRASH_SEED:-$RANDOM}
KILLS=${RELAY_CRASH_KILLS:-25}
RANDOM=$SEED
echo "# seed $SEED (RELAY_CRASH_SEED=$SEED repeats this run)"

DB=$MAKHZAN_DB
STREAM=MAKHZAN_EVENTS

nats_start hub || { it_fail "nats_start hub" "see above"; finish; }
pg_start || { it_fail "pg_start" "see above"; finish; }
PASS=$NATS_PASS
central_ini "$NATS_URL_hub"
cat >>"$T/makhzan.ini" <<EOF
[bus]
nats = $NATS_URL_hub
user = $NATS_USER
password_file = $T/nats-pass
ca = $SRV_CA
EOF
ok "central setup (the stream, the consumer, the schema)" mz central setup

ok "init (makes the site key)" mz init --site HMS --admin admin
ok "depot add" mz depot add HMS --name-ar "حمص" --name-en "Homs"
ok "location add" mz location add HMS/A/01 HMS/A/02
ok "cost-centre add" mz cost-centre add CC-1 --name-ar "حفر" --name-en "Drill"
ok "item add P-100" mz item add P-100 --name-ar "صمام" --name-en "Valve" \
    --uom EA
ok "opening stock" mz receive --to HMS/A/01 P-100 1000000
ok "the site's key registered at the centre" mz central sites add HMS \
    --key "$(mz bus key)"
# A backlog: the opening receipt's event again under new seqs and ids, so
# that a relay has thousands to drain when it is killed.
sqlite3 "$DB" "BEGIN;
WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < 15000)
INSERT INTO outbox(seq, event_id, type, subject, payload, created_at)
SELECT o.seq + k.n, printf('01a40000-0000-7000-8000-%012x', o.seq + k.n),
    o.type, o.subject,
    json_set(o.payload, '$.number', printf('HMS-GRN-2026-C%06d', k.n)),
    o.created_at
FROM outbox o, k WHERE o.seq = (SELECT max(seq) FROM outbox);
UPDATE counter SET value = (SELECT max(seq) FROM outbox) WHERE name = 'outbox';
COMMIT;"
BACKLOG=$(sqlite3 "$DB" "SELECT count(*) FROM outbox")

# Postings by other processes, all along, until told to stop.
: >"$T/posted"
(
	i=0
	while [ ! -e "$T/stop-posting" ]; do
		case $((i % 3)) in
		0) "$MAKHZAN" receive --to HMS/A/02 P-100 1 ;;
		1) "$MAKHZAN" move --from HMS/A/01 --to HMS/A/02 P-100 1 ;;
		*) "$MAKHZAN" issue --from HMS/A/01 P-100 1 --to CC-1 ;;
		esac >/dev/null 2>>"$T/posting.err" && echo "$i" >>"$T/posted"
		i=$((i + 1))
	done
) &
POSTER=$!

acked() { sqlite3 "$DB" "SELECT acked_seq FROM bus_state" 2>/dev/null || echo 0; }
central_start C1

kills=0
mid=0
for ((k = 1; k <= KILLS; k++)); do
	"$MAKHZAN" sync 2>>"$T/sync.log" &
	SYNC=$!
	before=$(acked)
	# 50 ms to 1.2 s: inside the connection, a round, or a mark.
	sleep "$(printf '0.%03d' $((50 + RANDOM % 950)))"
	[ $((RANDOM % 4)) = 0 ] && sleep 0.2
	kill -KILL "$SYNC" 2>/dev/null && kills=$((kills + 1))
	wait "$SYNC" 2>/dev/null
	after=$(acked)
	last=$(sqlite3 "$DB" "SELECT value FROM counter WHERE name = 'outbox'" \
	    2>/dev/null || echo 0)
	# Killed with events still waiting: in the middle of the work.
	[ "$after" -gt "$before" ] && [ "$after" -lt "$last" ] &&
	    mid=$((mid + 1))
done
touch "$T/stop-posting"
wait "$POSTER"
check_eq "$KILLS relays SIGKILLed" "$KILLS" "$kills"
if [ "$mid" -ge 3 ]; then
	it_pass "$mid of them killed with progress made and events waiting"
else
	it_fail "killed in the middle of a drain" "$mid times"
fi
POSTED=$(wc -l <"$T/posted")
if [ "$POSTED" -ge 10 ]; then
	it_pass "$POSTED postings made while the relays were killed"
else
	it_fail "postings went on" "$POSTED; $(head -n 3 "$T/posting.err")"
fi

ok "a last relay drains what is left" mz sync --once --wait 30
has_out "it says nothing waits" "; 0 waiting"
TOTAL=$(sqlite3 "$DB" "SELECT count(*) FROM outbox")
LAST=$(sqlite3 "$DB" "SELECT max(seq) FROM outbox")
check_eq "the outbox grew by the postings" "$((BACKLOG + POSTED))" "$TOTAL"
check_eq "its seqs have no gap" "$TOTAL" "$LAST"
check_eq "every event is marked sent" "0" \
    "$(sqlite3 "$DB" "SELECT count(*) FROM outbox WHERE seq > (SELECT
    acked_seq FROM bus_state)")"
check_eq "the marks' ranges hold every seq once" "$LAST $LAST" \
    "$(sqlite3 "$DB" "SELECT sum(upto - first + 1) || ' ' || max(upto)
    FROM bus_sent")"
check_eq "acked_seq is the last seq" "$LAST" "$(acked)"
ok "makhzan check" mz check

sqlite3 -json "$DB" "SELECT seq, event_id, type FROM outbox ORDER BY seq" \
    >"$T/outbox.json"
NATS_PROBE_PASS=$PASS "$SRV_PYTHON" "$IT_DIR/stream-dump.py" \
    "$NATS_URL_hub" "$STREAM" --ca "$SRV_CA" --user "$NATS_USER" \
    --out "$T/stream.json"
check_eq "stream dumped" "0" "$?"
run python3 - "$T/stream.json" "$T/outbox.json" <<'EOF'
import json, sys
s = json.load(open(sys.argv[1]))
outbox = json.load(open(sys.argv[2]))
events = [m for m in s["msgs"] if not m["subject"].endswith(".heartbeat")]
ids = [m["hdrs"]["Nats-Msg-Id"] for m in events]
dup = len(ids) - len(set(ids))
assert dup == 0, "%d events stored twice" % dup
by_id = {}
for m in events:
    b = json.loads(m["body"])
    assert b["id"] == m["hdrs"]["Nats-Msg-Id"], "id header and body differ"
    by_id[b["id"]] = b
want = {r["event_id"]: r for r in outbox}
extra = set(by_id) - set(want)
assert not extra, "%d events in the stream not in the outbox" % len(extra)
missing = [r["seq"] for r in outbox if r["event_id"] not in by_id]
assert not missing, "%d events lost, first seq %d" % (len(missing), missing[0])
for r in outbox:
    b = by_id[r["event_id"]]
    assert b["seq"] == r["seq"] and b["type"] == r["type"], (b, r)
seqs = sorted(b["seq"] for b in by_id.values())
assert seqs == list(range(1, len(outbox) + 1)), "a gap in the seqs"
print("%d events, each once, seqs 1..%d" % (len(events), len(outbox)))
EOF
check_eq "stream: every event once by its id, no gap, nothing lost ($OUT)" \
    "0" "$RC"
[ "$RC" = 0 ] || sed -n "1,5p" "$T/.err" "$T/.out" 2>/dev/null
check_eq "the relays' log holds no secret" "" \
    "$(grep -F -- "$PASS" "$T/sync.log")"

# --- the centre ----------------------------------------------------------------
if wait_sql 90 "SELECT applied_seq FROM site_cursor WHERE site = 'HMS'" \
    "$LAST"; then
	it_pass "the centre applied every event, 1 to $LAST"
else
	it_fail "the centre applied every event" "see above"
fi
check_eq "the centre: each event applied once" "$LAST" \
    "$(sql "SELECT applied_count FROM site_cursor WHERE site = 'HMS'")"
check_eq "the centre: each event kept once" "$LAST" \
    "$(sql "SELECT count(*) FROM event WHERE site = 'HMS' AND seq > 0")"
check_eq "the centre: no gap" "" \
    "$(sql "SELECT gap_from FROM gap WHERE site = 'HMS'")"
check_eq "the centre: nothing quarantined" "0" \
    "$(sql "SELECT count(*) FROM quarantine")"
check_eq "the centre: the depot's postings, movement for movement" \
    "$(sqlite3 "$DB" "SELECT count(*) FROM movement")" \
    "$(sql "SELECT count(*) FROM movement WHERE site = 'HMS' AND
    doc NOT LIKE 'HMS-GRN-2026-C%'")"
central_stop C1
check_eq "central stops with 0" 0 "$?"

finish
