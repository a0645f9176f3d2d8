# makhzan sync, the relay, against a real nats-server with JetStream, TLS
# (a throwaway CA) and a user and password, as in production: the settings
# it refuses, the outbox published in order and marked sent only on
# acknowledgement, the relay SIGKILLed and the server stopped in the middle
# of a drain (nothing lost, nothing stored twice, order kept), sync status
# during the outage, a 10,000-line document in parts under 512 KiB, the
# signatures checked with openssl against `bus key`, and no secret in the
# log or in ps.  What the stream holds is read by stream-dump.py over the
# raw NATS protocol, not through makhzan's own code.
set -u
. "$(dirname "$0")/lib.sh"
. "$IT_DIR/lib-servers.sh"

DB=$MAKHZAN_DB
STREAM=MAKHZAN_EVENTS
# The stream as makhzan central setup makes it (docs/bus.md).
STREAM_CONF='{"name":"MAKHZAN_EVENTS","subjects":["makhzan.*.events.>"],"storage":"file","duplicate_window":3600000000000,"max_msg_size":1048576,"num_replicas":1}'

nats_start hub || { it_fail "nats_start hub" "see above"; finish; }
# The test's own copy of the password: the relay must get it from
# makhzan.ini alone, so it is not in the relay's environment.
PASS=$NATS_PASS
unset NATS_PASS
export -n NATS_PASS_hub

# stream_dump FILE: every message of the stream into FILE (JSON).
stream_dump() {
	NATS_PROBE_PASS=$PASS "$SRV_PYTHON" "$IT_DIR/stream-dump.py" \
	    "$NATS_URL_hub" "$STREAM" --ca "$SRV_CA" --user "$NATS_USER" \
	    --out "$1"
}

# acked: bus_state.acked_seq, read with sqlite3 (the relay is not asked).
acked() {
	sqlite3 "$DB" "SELECT acked_seq FROM bus_state" 2>/dev/null || echo 0
}

# wait_acked N SECONDS: until acked_seq >= N; 1 on time out.
wait_acked() {
	local i
	for ((i = 0; i < $2 * 50; i++)); do
		[ "$(acked)" -ge "$1" ] && return 0
		sleep 0.02
	done
	return 1
}

# ini [EXTRA LINES...]: makhzan.ini with the bus's settings, then EXTRA.
ini() {
	{
		echo "[bus]"
		echo "nats = $NATS_URL_hub"
		echo "user = $NATS_USER"
		echo "password = $PASS"
		echo "ca = $SRV_CA"
		printf '%s\n' "$@"
	} >"$T/makhzan.ini"
}
export MAKHZAN_CONFIG=$T/makhzan.ini

# --- init makes the site key ---------------------------------------------------
MAKHZAN_DB=$T/small.db ok "init" mz init --site HMS --admin admin
has_out "init says where the key is" "$T/small.db.key"
check_eq "the key is mode 600" "600" "$(stat -c %a "$T/small.db.key")"
MAKHZAN_DB=$T/small.db ok "bus key" mz bus key
check_eq "bus key prints 44 characters of base64" "44" "${#OUT}"
rm "$T/small.db"
MAKHZAN_DB=$T/small.db ok "init again keeps this site's key" \
    mz init --site HMS --admin admin
has_out "init says it kept the key" "kept the site key"
rm "$T/small.db"
MAKHZAN_DB=$T/small.db fails 1 "init refuses another site's key" \
    mz init --site BSR --admin admin
has_err "names the key's site" "site key of HMS"
check_eq "no database is made beside another site's key" "no" \
    "$([ -e "$T/small.db" ] && echo yes || echo no)"

# --- a depot with a year of history (the demo's) ---------------------------------
export MAKHZAN_PASSWORD=makhzan-demo
PW[admin]=makhzan-demo
ok "demo depot, 365 days" mz demo --no-tui --days 365
EVENTS=$(sqlite3 "$DB" "SELECT count(*) FROM outbox")
ok "bus keygen" mz bus keygen
has_out "keygen says how to register" "makhzan central sites add DEMO --key"
ok "audit log has the keygen" mz audit log --format json
json_check "bus.keygen is audited with the key id" '
assert any(r["action"] == "bus.keygen" for r in d), d[:3]'
fails 1 "bus keygen refuses to overwrite the key" mz bus keygen
has_err "says it is never overwritten" "never overwritten"
ok "bus key --format json" mz bus key --format json
KEY_ID=$(printf '%s' "$OUT" | python3 -c 'import json,sys; print(json.load(sys.stdin)["key_id"])')
PUBKEY=$(printf '%s' "$OUT" | python3 -c 'import json,sys; print(json.load(sys.stdin)["public_key"])')

# --- settings that are refused, each with one line, sending nothing -----------------
printf '[bus]\nuser = x\n' >"$T/makhzan.ini"
fails 2 "sync without a server URL" mz sync --once
has_err "says where the URL goes" "nats = in [bus]"
ini
fails 2 "a URL with credentials in it" mz sync --once \
    --nats "tls://makhzan:secret@127.0.0.1:1"
has_err "says to put them in makhzan.ini" "never in a URL"
fails 2 "--wait without --once" mz sync --wait 3
fails 2 "--window 0" mz sync --once --window 0
ini "sign_key = $T/no-such.key"
fails 1 "sync with no key file" mz sync --once
has_err "says how to make one" "makhzan bus keygen"
cp "$DB.key" "$T/open.key"
chmod 644 "$T/open.key"
ini "sign_key = $T/open.key"
fails 1 "sync with a key file of mode 0644" mz sync --once
has_err "says to chmod it" "chmod 600"
printf 'not a key\n' >"$T/junk.key"
chmod 600 "$T/junk.key"
ini "sign_key = $T/junk.key"
fails 1 "sync with a file that is not a key" mz sync --once
has_err "says it is not a key" "not a makhzan site key"
ini "sign_key = $T/small.db.key"
fails 1 "sync with another site's key" mz sync --once
has_err "names both sites" "key of site HMS"
{
	echo "[bus]"
	echo "nats = $NATS_URL_hub"
	echo "user = $NATS_USER"
	echo "password = wrong-$PASS"
	echo "ca = $SRV_CA"
} >"$T/makhzan.ini"
NODIGEST=1 fails 1 "sync with a wrong password" mz sync --once --wait 2
has_err "says the credentials were refused" "refused this site's credentials"
ini
ok "sync status after the refusal" mz sync status --format json
json_check "status keeps the refusal as last_error" '
assert "credentials" in d["last_error"], d
assert d["pending"] == '"$EVENTS"', d'
check_eq "nothing was marked sent" "0" \
    "$(sqlite3 "$DB" "SELECT (SELECT count(*) FROM outbox WHERE state <> 'pending') +
    (SELECT count(*) FROM bus_sent) + (SELECT acked_seq FROM bus_state)")"

# --- the stream, and a backlog long enough to stop things in the middle of ---------
nats_js hub "STREAM.CREATE.$STREAM" "$STREAM_CONF" \
    --expect '"error" not in d' >/dev/null
check_eq "stream created" "0" "$?"
# The demo's events again, under new seqs and ids, 7 times over: about
# 20,000 events, so that a drain takes a few seconds.
sqlite3 "$DB" "BEGIN;
WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < 7)
INSERT INTO outbox(seq, event_id, type, subject, payload, created_at)
SELECT o.seq + k.n * $EVENTS, printf('01a30000-%04x-7000-8000-%012x', k.n,
    o.seq + k.n * $EVENTS), o.type, o.subject, o.payload, o.created_at
FROM outbox o, k;
UPDATE counter SET value = (SELECT max(seq) FROM outbox) WHERE name = 'outbox';
COMMIT;"
TOTAL=$(sqlite3 "$DB" "SELECT count(*) FROM outbox")
check_eq "the backlog is 8 times the demo's events" "$((EVENTS * 8))" "$TOTAL"

ok "item add BIG-1" mz item add BIG-1 --name-ar "قطعة" --name-en "Part" \
    --uom EA

# --- the daemon: SIGKILLed mid-drain, then the server stopped mid-drain -------------
"$MAKHZAN" sync 2>"$T/sync1.log" &
SYNC=$!
if wait_acked 2000 30 && [ "$(acked)" -lt "$TOTAL" ]; then
	it_pass "the relay is draining ($(acked) of $TOTAL acknowledged)"
else
	it_fail "the relay is draining" "acked $(acked) of $TOTAL"
fi
check_eq "the relay's command line has no secret" "" \
    "$(ps -o args= -p "$SYNC" | grep -F -- "$PASS")"
check_eq "nor its environment" "" \
    "$(tr '\0' '\n' <"/proc/$SYNC/environ" | grep -F -- "$PASS")"
ps -eo args= >"$T/ps.txt"
check_eq "no process's command line has the password" "0" \
    "$(grep -cF -- "$PASS" "$T/ps.txt")"
kill -KILL "$SYNC"
wait "$SYNC" 2>/dev/null
KILLED_AT=$(acked)
if [ "$KILLED_AT" -lt "$TOTAL" ]; then
	it_pass "SIGKILLed in the middle of the drain (at $KILLED_AT)"
else
	it_fail "SIGKILLed in the middle of the drain" "all were sent already"
fi
"$MAKHZAN" sync 2>"$T/sync2.log" &
SYNC=$!
wait_acked $((KILLED_AT + 3000)) 30
nats_stop hub >/dev/null
# A round acknowledged just before the stop may still be being marked.
sleep 0.5
STOPPED_AT=$(acked)
if [ "$STOPPED_AT" -lt "$TOTAL" ]; then
	it_pass "nats-server stopped in the middle of the drain (at $STOPPED_AT)"
else
	it_fail "nats-server stopped in the middle of the drain" "all were sent"
fi
# Events posted while the bus is away wait with the rest.
ok "a receipt while the bus is down" mz receive --to HMS/A/01-01 BIG-1 5
sleep 2
ok "sync status during the outage" mz sync status --format json
json_check "status shows what waits and why" '
assert d["pending"] > 0, d
assert d["last_error"] is not None and "'"$NATS_URL_hub"'" in d["last_error"], d
assert d["oldest_pending_s"] >= 0, d
assert set(d) >= {"pending", "oldest_pending_s", "last_ack",
    "events_per_min", "last_error"}, d'
ok "sync status in words" mz sync status
has_out "says how many wait" "events waiting:"
check_eq "nothing was acknowledged while the server was down" \
    "$STOPPED_AT" "$(acked)"
nats_restart hub >/dev/null
LAST=$(sqlite3 "$DB" "SELECT max(seq) FROM outbox")
if wait_acked "$LAST" 90; then
	it_pass "the relay resumed by itself and drained all $LAST events"
else
	it_fail "the relay resumed by itself" "acked $(acked) of $LAST"
fi
kill -TERM "$SYNC"
wait "$SYNC"
RC=$?
check_eq "SIGTERM: the relay finishes its round and exits 0" "0" "$RC"
[ "$RC" = 0 ] || tail -n 40 "$T/sync2.log"
grep -q "connected to $NATS_URL_hub" "$T/sync2.log"
check_eq "the log says it connected" "0" "$?"
grep -q "lost the connection to $NATS_URL_hub" "$T/sync2.log"
check_eq "the log says it lost the connection" "0" "$?"
grep -q "connected again to $NATS_URL_hub" "$T/sync2.log"
check_eq "the log says it connected again" "0" "$?"
check_eq "the log holds no secret" "" \
    "$(cat "$T/sync1.log" "$T/sync2.log" | grep -F -- "$PASS")"
check_eq "every event is marked sent" "0" \
    "$(sqlite3 "$DB" "SELECT count(*) FROM outbox WHERE seq > (SELECT
    acked_seq FROM bus_state)")"
check_eq "... by ranges with their time, each seq once, no row rewritten" \
    "$(sqlite3 "$DB" "SELECT count(*) || ' 0' FROM outbox")" \
    "$(sqlite3 "$DB" "SELECT (SELECT sum(upto - first + 1) FROM bus_sent
    WHERE at LIKE '20%Z') || ' ' || (SELECT count(*) FROM outbox WHERE
    state <> 'pending' OR sent_at IS NOT NULL)")"
ok "sync status after the outage" mz sync status --format json
json_check "nothing waits, no error, a rate" '
assert d["pending"] == 0 and d["oldest_pending_s"] == 0, d
assert d["last_error"] is None and d["last_ack"] is not None, d
assert d["events_per_min"] > 0, d'

# --- what the stream holds ----------------------------------------------------------
sqlite3 -json "$DB" "SELECT seq, event_id, type, payload FROM outbox
    ORDER BY seq" >"$T/outbox.json"
stream_dump "$T/stream.json"
check_eq "stream dumped" "0" "$?"
run python3 - "$T/stream.json" "$T/outbox.json" "$KEY_ID" <<'EOF'
import json, re, sys
s = json.load(open(sys.argv[1]))
outbox = json.load(open(sys.argv[2]))
key_id = sys.argv[3]
events = [m for m in s["msgs"] if not m["subject"].endswith(".heartbeat")]
beats = [m for m in s["msgs"] if m["subject"].endswith(".heartbeat")]
ids = [m["hdrs"]["Nats-Msg-Id"] for m in events]
assert len(ids) == len(set(ids)), "an event is stored twice"
by_id = {m["hdrs"]["Nats-Msg-Id"]: m for m in events}
assert len(by_id) == len(outbox), "%d in the stream, %d in the outbox" % (
    len(by_id), len(outbox))
seqs = []
for row in outbox:
    m = by_id.get(row["event_id"])
    assert m is not None, "event %d is missing" % row["seq"]
    b = json.loads(m["body"])
    assert b["id"] == row["event_id"] and b["seq"] == row["seq"], b
    assert b["type"] == row["type"] and b["site"] == "DEMO", b
    assert m["subject"] == "makhzan.DEMO.events." + row["type"], m["subject"]
    assert b["payload"] == json.loads(row["payload"]), "payload differs"
    assert b["user"] == b["payload"].get("user", ""), b["user"]
    assert m["hdrs"]["Makhzan-Key"] == key_id, m["hdrs"]
    assert len(m["hdrs"]["Makhzan-Sig"]) == 88, m["hdrs"]
    assert re.fullmatch(r"\d+/\d+/[A-Za-z0-9+/]*=*",
        m["hdrs"]["Makhzan-Proof"]), m["hdrs"]
    assert not any(h.startswith("Nats-Expected") for h in m["hdrs"])
for m in events:
    seqs.append((json.loads(m["body"])["seq"], m["seq"]))
for a, b in zip(seqs, seqs[1:]):
    assert a[0] < b[0], "stored out of order: event %d (stream seq %d) " \
        "before event %d (stream seq %d)" % (a + b)
assert len(beats) >= 2, "%d heartbeats" % len(beats)
hb = json.loads(beats[0]["body"])
assert hb["seq"] == 0 and set(hb["payload"]) == {"pending",
    "oldest_pending_s", "last_seq", "last_ack"}, hb
print("%d events in order, each once, %d heartbeats" % (len(events),
    len(beats)))
EOF
check_eq "stream: every event once, in seq order, as in the outbox ($OUT)" \
    "0" "$RC"
[ "$RC" = 0 ] || sed -n "1,5p" "$T/.err" "$T/.out"

# --- signatures, checked with openssl against bus key's public key ------------------
# Ed25519's SubjectPublicKeyInfo is a fixed 12-byte prefix and the 32 bytes.
{ printf '302a300506032b6570032100' | xxd -r -p
  printf '%s' "$PUBKEY" | base64 -d; } >"$T/pub.der"
openssl pkey -pubin -inform DER -in "$T/pub.der" -out "$T/pub.pem" 2>/dev/null
check_eq "bus key's output is an Ed25519 public key" "0" "$?"
python3 - "$T/stream.json" "$T/sig" <<'EOF'
import base64, json, os, sys
sys.path.insert(0, os.environ["IT_DIR"])
from window_proof import signed
s = json.load(open(sys.argv[1]))
os.makedirs(sys.argv[2], exist_ok=True)
msgs = s["msgs"][:5] + s["msgs"][-5:]
for i, m in enumerate(msgs):
    open("%s/%d.body" % (sys.argv[2], i), "wb").write(
        signed(m["body"].encode(), m["hdrs"]))
    open("%s/%d.sig" % (sys.argv[2], i), "wb").write(
        base64.b64decode(m["hdrs"]["Makhzan-Sig"]))
EOF
bad=0
for f in "$T"/sig/*.body; do
	openssl pkeyutl -verify -pubin -inkey "$T/pub.pem" -rawin -in "$f" \
	    -sigfile "${f%.body}.sig" >/dev/null 2>&1 || bad=$((bad + 1))
done
check_eq "10 messages (events and heartbeats): body + proof -> root, the window's signature verifies with openssl" "0" "$bad"
f=$T/sig/0.body
printf ' ' >>"$f"
openssl pkeyutl -verify -pubin -inkey "$T/pub.pem" -rawin -in "$f" \
    -sigfile "${f%.body}.sig" >/dev/null 2>&1
check_eq "a body changed by one byte does not verify" "1" "$?"

# --- a 10,000-line document goes in parts of at most 512 KiB -------------------------
{
	echo "item,qty"
	for ((i = 0; i < 10000; i++)); do echo "BIG-1,1"; done
} >"$T/big.csv"
ok "receive --lines of 10,000 lines" mz receive --to HMS/A/01-01 \
    --lines "$T/big.csv"
BIG_SEQ=$(sqlite3 "$DB" "SELECT max(seq) FROM outbox")
BIG_ID=$(sqlite3 "$DB" "SELECT event_id FROM outbox WHERE seq = $BIG_SEQ")
BIG_LEN=$(sqlite3 "$DB" "SELECT length(payload) FROM outbox WHERE seq = $BIG_SEQ")
if [ "$BIG_LEN" -gt 524288 ]; then
	it_pass "its event is $BIG_LEN bytes, more than one message may hold"
else
	it_fail "the big event is over 512 KiB" "$BIG_LEN bytes"
fi
expect_out "sent 1 events" mz sync --once
check_eq "it is marked sent" "1" \
    "$(sqlite3 "$DB" "SELECT acked_seq >= $BIG_SEQ FROM bus_state")"
stream_dump "$T/stream2.json"
run python3 - "$T/stream2.json" "$BIG_ID" "$BIG_SEQ" "$T/sig" <<'EOF'
import base64, json, os, sys
sys.path.insert(0, os.environ["IT_DIR"])
from window_proof import signed
s = json.load(open(sys.argv[1]))
big, seq = sys.argv[2], int(sys.argv[3])
parts = [m for m in s["msgs"]
         if m["hdrs"]["Nats-Msg-Id"].startswith(big + "/")]
assert len(parts) >= 2, "%d parts" % len(parts)
n = len(parts)
text = ""
for k, m in enumerate(parts, 1):
    assert m["hdrs"]["Nats-Msg-Id"] == "%s/%d" % (big, k), m["hdrs"]
    raw = m["body"].encode()
    assert len(raw) <= 512 * 1024, "part %d is %d bytes" % (k, len(raw))
    b = json.loads(raw)
    assert b["id"] == big and b["seq"] == seq and b["part"] == k, b["part"]
    assert b["parts"] == n and "payload" not in b, b["parts"]
    text += b["chunk"]
    open("%s/part%d.body" % (sys.argv[4], k), "wb").write(
        signed(raw, m["hdrs"]))
    open("%s/part%d.sig" % (sys.argv[4], k), "wb").write(
        base64.b64decode(m["hdrs"]["Makhzan-Sig"]))
p = json.loads(text)
assert len(p["movements"]) == 10000, len(p["movements"])
print("%d parts of at most %d bytes" % (n, max(len(m["body"].encode())
                                                for m in parts)))
EOF
check_eq "10,000 lines: parts <= 512 KiB that join to the payload ($OUT)" \
    "0" "$RC"
bad=0
for f in "$T"/sig/part*.body; do
	openssl pkeyutl -verify -pubin -inkey "$T/pub.pem" -rawin -in "$f" \
	    -sigfile "${f%.body}.sig" >/dev/null 2>&1 || bad=$((bad + 1))
done
check_eq "every part verifies on its own (its proof, its window's signature)" "0" "$bad"

# --- no server answers ----------------------------------------------------------------
ok "another receipt" mz receive --to HMS/A/01-01 BIG-1 1
nats_stop hub >/dev/null
NODIGEST=1 fails 1 "sync --once with no server answering" mz sync --once \
    --wait 2
has_err "says the bus does not answer" "does not answer"
ok "sync status names the error" mz sync status --format json
json_check "one event waits, and why" '
assert d["pending"] == 1 and "does not answer" in d["last_error"], d'

finish
