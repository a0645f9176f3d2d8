# The restore guard (docs/backup.md, docs/bus.md), against a real
# nats-server with JetStream, TLS and a password: a depot restored from a
# backup older than what it sent, that posts again, would give the centre
# events under sequence numbers it has already applied.  The relay asks the
# bus for the site's last event before it sends anything and refuses, in
# one line that says what to do; `makhzan sync renumber` (admin, audited)
# puts the events written since the restore after the bus's last one; then
# every event is in the stream once, each number once, and makhzan check
# passes.  A database copied back by hand (no restore mark) is refused too;
# a restore of a backup the bus does not go beyond passes by itself.
set -u
. "$(dirname "$0")/lib.sh"
. "$IT_DIR/lib-servers.sh"

DB=$MAKHZAN_DB
STREAM=MAKHZAN_EVENTS
STREAM_CONF='{"name":"MAKHZAN_EVENTS","subjects":["makhzan.*.events.>"],"storage":"file","duplicate_window":3600000000000,"max_msg_size":1048576,"num_replicas":1}'

nats_start hub || { it_fail "nats_start hub" "see above"; finish; }
PASS=$NATS_PASS
{
	echo "[bus]"
	echo "nats = $NATS_URL_hub"
	echo "user = $NATS_USER"
	echo "password = $PASS"
	echo "ca = $SRV_CA"
} >"$T/makhzan.ini"
export MAKHZAN_CONFIG=$T/makhzan.ini
nats_js hub "STREAM.CREATE.$STREAM" "$STREAM_CONF" \
    --expect '"error" not in d' >/dev/null
check_eq "stream created" "0" "$?"

seq_now() { sqlite3 "$DB" "SELECT value FROM counter WHERE name = 'outbox'"; }
stream_check() {	# stream_check NAME: every outbox event once, no number twice
	sqlite3 -json "$DB" "SELECT seq, event_id, type FROM outbox
	    WHERE type <> 'bus.skipped' ORDER BY seq" >"$T/outbox.json"
	NATS_PROBE_PASS=$PASS "$SRV_PYTHON" "$IT_DIR/stream-dump.py" \
	    "$NATS_URL_hub" "$STREAM" --ca "$SRV_CA" --user "$NATS_USER" \
	    --out "$T/stream.json"
	run python3 - "$T/stream.json" "$T/outbox.json" "$T/lost.txt" <<'EOF'
import json, sys
s = json.load(open(sys.argv[1]))
outbox = json.load(open(sys.argv[2]))
lost = set(open(sys.argv[3]).read().split())
ev = [json.loads(m["body"]) for m in s["msgs"]
      if not m["subject"].endswith(".heartbeat")]
ids = [b["id"] for b in ev]
assert len(ids) == len(set(ids)), "an event stored twice"
seqs = [b["seq"] for b in ev]
assert len(seqs) == len(set(seqs)), "a number given to two events: %s" % \
    sorted(x for x in set(seqs) if seqs.count(x) > 1)[:5]
assert sorted(seqs) == list(range(1, len(seqs) + 1)), "a gap"
by_id = {b["id"]: b for b in ev}
for r in outbox:
    b = by_id.get(r["event_id"])
    assert b is not None, "event %d is not on the bus" % r["seq"]
    assert b["seq"] == r["seq"], "event %s: %d here, %d on the bus" % (
        r["event_id"], r["seq"], b["seq"])
here = {r["event_id"] for r in outbox}
only_bus = set(by_id) - here
assert only_bus == lost, "on the bus only: %d, lost by the restore: %d" % (
    len(only_bus), len(lost))
print("%d events, numbers 1..%d once each, %d only at the centre" % (
    len(ev), len(ev), len(only_bus)))
EOF
	check_eq "$1 ($OUT)" "0" "$RC"
	[ "$RC" = 0 ] || sed -n "1,5p" "$T/.err"
}

ok "init" mz init --site HMS --admin admin
ok "depot add" mz depot add HMS --name-ar "حمص" --name-en "Homs"
ok "location add" mz location add HMS/A/01
ok "item add P-100" mz item add P-100 --name-ar "صمام" --name-en "Valve" \
    --uom EA
add_user sk storekeeper
for i in 1 2 3; do mz receive --to HMS/A/01 P-100 "$i" >/dev/null; done
ok "sync before the backup" mz sync --once
ok "backup (the old one)" mz backup "$T/old.db"
OLD=$(seq_now)
for i in 4 5 6 7; do mz receive --to HMS/A/01 P-100 "$i" >/dev/null; done
ok "sync after the backup" mz sync --once
has_out "its events went" "; 0 waiting"
SENT=$(seq_now)
# The events after the backup: at the centre only, once restored.
sqlite3 "$DB" "SELECT event_id FROM outbox WHERE seq > $OLD" >"$T/lost.txt"
check_eq "4 receipts after the backup" "4" "$(wc -l <"$T/lost.txt")"
ok "backup (the new one)" mz backup "$T/new.db"

# --- a copy put back by hand: refused, and renumber cannot help ------------------
cp "$DB" "$T/keep.db"
rm -f "$DB-wal" "$DB-shm"
cp "$T/old.db" "$DB"
mz receive --to HMS/A/01 P-100 8 >/dev/null
NODIGEST=1 fails 1 "sync of an old copy that posted again" mz sync --once
has_err "says the bus is further" "the bus holds site HMS's events up to $SENT"
has_err "says to restore it with makhzan restore" "makhzan restore"
fails 1 "sync renumber without a restore mark" mz sync renumber
has_err "says only a restore can be renumbered" "no restore waits"
rm -f "$DB-wal" "$DB-shm"
cp "$T/keep.db" "$DB"

# --- restored from the old backup, posting again ---------------------------------
ok "restore the old backup" mz restore "$T/old.db" --db "$DB"
ok "audit log" mz audit log --format json
json_check "the restore's entry says where its outbox ends" '
e = [r for r in d if r["action"] == "backup.restore"][-1]
e["detail"] = json.loads(e["detail"]) if isinstance(e["detail"], str) else e["detail"]
assert e["detail"]["outbox_seq"] == '"$OLD"', e'
check_eq "the restore mark" "$OLD" \
    "$(sqlite3 "$DB" "SELECT restored_seq FROM bus_state")"
for i in 8 9; do mz receive --to HMS/A/01 P-100 "$i" >/dev/null; done
check_eq "two receipts reuse the numbers after the backup" "$((OLD + 2))" \
    "$(seq_now)"
NODIGEST=1 fails 1 "sync refuses before sending anything" mz sync --once
has_err "names the bus's last event and the backup's" \
    "up to $SENT, and this database was restored from a backup that ends at $OLD"
has_err "says to run sync renumber" "makhzan sync renumber"
ok "sync status" mz sync status --format json
json_check "status keeps the refusal" '
assert "sync renumber" in d["last_error"], d'
check_eq "nothing was marked sent" "$OLD" \
    "$(sqlite3 "$DB" "SELECT acked_seq FROM bus_state")"
fails 1 "a storekeeper may not renumber" as sk sync renumber
has_err "says not allowed" "not allowed"
ok "sync renumber" mz sync renumber
has_out "says what moved where" "the 2 events written since the restore are now $((SENT + 1)) to $((SENT + 2))"
check_eq "the outbox goes on after the bus's last" "$((SENT + 2))" "$(seq_now)"
check_eq "the numbers the bus holds are marked skipped" "$((SENT - OLD))" \
    "$(sqlite3 "$DB" "SELECT count(*) FROM outbox WHERE type = 'bus.skipped'
    AND state = 'sent'")"
check_eq "the mark is gone" "" \
    "$(sqlite3 "$DB" "SELECT restored_seq FROM bus_state")"
ok "makhzan check passes (the outbox has no gap)" mz check
ok "audit log" mz audit log --format json
json_check "the renumber is audited" '
e = [r for r in d if r["action"] == "bus.renumber"][-1]
e["detail"] = json.loads(e["detail"]) if isinstance(e["detail"], str) else e["detail"]
assert e["detail"]["restored_seq"] == '"$OLD"' and \
    e["detail"]["bus_seq"] == '"$SENT"' and e["detail"]["moved"] == 2, e'
ok "sync after the renumber" mz sync --once
has_out "nothing waits" "; 0 waiting"
stream_check "stream: each event once, each number once, the lost ones at the centre only"
fails 1 "sync renumber again" mz sync renumber
has_err "no restore waits any more" "no restore waits"
mz receive --to HMS/A/01 P-100 10 >/dev/null
ok "a posting after that goes as usual" mz sync --once
has_out "one event" "sent 1 events"

# --- a restore of a backup the bus does not go beyond passes by itself -------------
ok "backup (the newest)" mz backup "$T/newest.db"
ok "restore the newest backup" mz restore "$T/newest.db" --db "$DB"
check_eq "marked" "$(seq_now)" \
    "$(sqlite3 "$DB" "SELECT restored_seq FROM bus_state")"
mz receive --to HMS/A/01 P-100 11 >/dev/null
ok "sync goes on (the bus holds nothing newer)" mz sync --once
has_out "one event" "sent 1 events"
check_eq "the mark is cleared by the check" "" \
    "$(sqlite3 "$DB" "SELECT restored_seq FROM bus_state")"
stream_check "stream: still each event once, each number once"

finish
