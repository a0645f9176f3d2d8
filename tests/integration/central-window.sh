#!/bin/bash
# One signature per window (docs/bus.md, "Signature"): the relay signs the
# Merkle root of each window once and sends each message with its proof;
# the centre checks the proof and the window's signature, keeps both, and
# the evidence re-verifies alone, offline.  A window of one, an event in
# parts, and the faults: a body changed in transit with its proof kept, a
# proof from another window, a signature over another root -- each
# quarantined with its reason, never applied.  A message signed alone (no
# proof) is still applied.

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
cat >>"$T/makhzan.ini" <<EOF
[bus]
nats = $NATS_URL_a
user = $NATS_USER
password_file = $T/nats-pass
ca = $SRV_CA
EOF
export NODIGEST=1
ok "central setup" "$MAKHZAN" central setup
central_start A

demo_db "$T/demo.db" 7
copy_site "$T/demo.db" WIN c1
copy_site "$T/demo.db" ONE c2
copy_site "$T/demo.db" BAD c3
copy_site "$T/demo.db" OLD c4
ndemo=$(sqlite3 "$T/demo.db" 'SELECT count(*) FROM outbox')
export MAKHZAN_USER=admin MAKHZAN_PASSWORD=makhzan-demo
relay_key() {
	"$MAKHZAN" --db "$T/$1.db" bus keygen >/dev/null &&
	    "$MAKHZAN" central sites add "$1" --key \
	    "$("$MAKHZAN" --db "$T/$1.db" bus key)" >/dev/null
}

# ---- the relay: windows of 16, one signature each ----------------------
relay_key WIN
# A document in parts, at the end of WIN's history.
python3 -c "
items = ['PIP-API5L-02-S40', 'FIT-ELB90-02-S40', 'FIT-TEE-04-S40', 'PIP-API5L-04-S40']
print('item,qty')
for i in range(10000): print('%s,%d' % (items[i % 4], 1 + i % 7))" >"$T/big.csv"
run env MAKHZAN_DB="$T/WIN.db" "$MAKHZAN" receive --to HMS/A/01-01 \
    --lines "$T/big.csv"
check_eq "a receipt of 10,000 lines at WIN" 0 "$RC"
nwin=$((ndemo + 1))
ok "sync --once --window 16 at WIN" "$MAKHZAN" --db "$T/WIN.db" sync --once \
    --window 16
if wait_sql 60 "SELECT applied_seq FROM site_cursor WHERE site = 'WIN'" "$nwin"; then
	it_pass "every event of WIN applied ($nwin)"
else
	it_fail "every event of WIN applied" "see above"
fi
check_eq "no WIN message quarantined" 0 \
    "$(sql "SELECT count(*) FROM quarantine WHERE site = 'WIN'")"
check_eq "every WIN part kept with its proof" 0 \
    "$(sql "SELECT count(*) FROM event_part WHERE site = 'WIN' AND proof IS NULL")"
parts=$(sql "SELECT count(*) FROM event_part WHERE site = 'WIN' AND seq = $nwin")
if [ "$parts" -gt 1 ]; then
	it_pass "the big document came in $parts parts, each with a proof"
else
	it_fail "the big document came in parts" "$parts part(s)"
fi
nparts=$(sql "SELECT count(*) FROM event_part WHERE site = 'WIN'")
nsig=$(sql "SELECT count(DISTINCT signature) FROM event_part WHERE site = 'WIN'")
# Windows of 16 events; an event in parts adds messages to its window.
if [ "$nsig" -ge $(( (nwin + 15) / 16 )) ] && [ "$nsig" -le $(( nwin / 16 + 2 )) ]; then
	it_pass "one signature per window: $nsig for $nparts parts"
else
	it_fail "one signature per window" "$nsig signatures for $nparts parts"
fi
same_stock "national stock of WIN = the depot's" "$T/WIN.db" WIN

# The evidence re-verifies alone: body + proof -> root, the window's
# signature over it, with the registered key (what a verifier does).
verify_evidence() {
	sql "SELECT k.public_key || ' ' || p.key_id || ' ' || p.signature ||
	    ' ' || coalesce(p.proof, '-') || ' ' || encode(p.body, 'hex')
	    FROM event_part p JOIN site_key k ON k.key_id = p.key_id
	    WHERE p.site = '$1' ORDER BY p.seq, p.part" >"$T/evidence-$1"
	python3 - "$T/evidence-$1" <<'PY'
import base64, os, sys
try:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
except ImportError:
    Ed25519PublicKey = None
sys.path.insert(0, os.environ["IT_DIR"])
from window_proof import H, fold, split_proof, signed_message
bad = n = 0
for line in open(sys.argv[1]):
    pk, kid, sig, proof, body = line.split()
    body = bytes.fromhex(body)
    if proof == "-":
        msg = body
    else:
        i, size, path = split_proof(proof)
        root = fold(H(b"\x00" + body), i, size, path)
        if root is None:
            bad += 1
            continue
        msg = signed_message(kid, size, root)
    n += 1
    if Ed25519PublicKey is not None:
        try:
            Ed25519PublicKey.from_public_bytes(base64.b64decode(pk)).verify(
                base64.b64decode(sig), msg)
        except Exception:
            bad += 1
print("%d %d" % (n, bad))
PY
}
read -r nver nbad < <(verify_evidence WIN)
check_eq "WIN's evidence re-verifies offline: every part, none bad" \
    "$nparts 0" "$nver $nbad"

# ---- a window of one ------------------------------------------------------
relay_key ONE
ok "sync --once --window 1 at ONE" "$MAKHZAN" --db "$T/ONE.db" sync --once \
    --window 1
wait_sql 60 "SELECT applied_seq FROM site_cursor WHERE site = 'ONE'" "$ndemo" >/dev/null
check_eq "every event of ONE applied" "$ndemo" \
    "$(sql "SELECT applied_seq FROM site_cursor WHERE site = 'ONE'")"
check_eq "each a window of one: proof 0/1/, no path" 0 \
    "$(sql "SELECT count(*) FROM event_part WHERE site = 'ONE' AND proof <> '0/1/'")"
check_eq "as many signatures as events" "$ndemo" \
    "$(sql "SELECT count(DISTINCT signature) FROM event_part WHERE site = 'ONE'")"
read -r nver nbad < <(verify_evidence ONE)
check_eq "ONE's evidence re-verifies offline" "$ndemo 0" "$nver $nbad"

# ---- faults: quarantined with their reason ---------------------------------
site_key BAD
pub_site "$T/BAD.db" BAD --seqs 1-3 --window --fault tamper --msgid-suffix /t
pub_site "$T/BAD.db" BAD --seqs 1-3 --window --fault other-window \
    --msgid-suffix /w
pub_site "$T/BAD.db" BAD --seqs 1-3 --window --fault other-root \
    --msgid-suffix /r
wait_sql 30 "SELECT count(*) FROM quarantine WHERE site = 'BAD'" 9 >/dev/null
ok "central quarantine --site BAD --format json" "$MAKHZAN" central \
    quarantine --format json
json_check "a body changed in transit, a proof of another window, a signature over another root: 9 quarantined" "
d = [r for r in d if r['site'] == 'BAD']
why = {}
for r in d:
    why.setdefault(r['msg_id'][-2:], []).append(r['reason'])
assert len(d) == 9, d
for k in ('/t', '/w', '/r'):
    assert len(why[k]) == 3, why
    assert all('bad signature' in w and 'Makhzan-Proof' in w for w in why[k]), why"
check_eq "... their headers kept, the proof among them" 9 \
    "$(sql "SELECT count(*) FROM quarantine WHERE site = 'BAD' AND headers LIKE '%Makhzan-Proof: %'")"
check_eq "none of them applied or kept" "0 0" \
    "$(sql "SELECT (SELECT count(*) FROM event WHERE site = 'BAD') || ' ' ||
    (SELECT count(*) FROM event_part WHERE site = 'BAD')")"
pub_site "$T/BAD.db" BAD --seqs 1-3 --window
wait_sql 30 "SELECT applied_seq FROM site_cursor WHERE site = 'BAD'" 3 >/dev/null
check_eq "the genuine window applies after them" 3 \
    "$(sql "SELECT applied_seq FROM site_cursor WHERE site = 'BAD'")"
check_eq "... one signature for its 3 messages" 1 \
    "$(sql "SELECT count(DISTINCT signature) FROM event_part WHERE site = 'BAD'")"

# A proof that is not one: refused before any key is looked up.
pub_site "$T/BAD.db" BAD --seqs 4 --window --fault other-window \
    --msgid-suffix /x >/dev/null
wait_sql 30 "SELECT count(*) FROM quarantine WHERE site = 'BAD'" 10 >/dev/null
check_eq "a window of one with the proof of a window of two: quarantined" 1 \
    "$(sql "SELECT count(*) FROM quarantine WHERE site = 'BAD' AND msg_id LIKE '%/x' AND reason LIKE 'bad%'")"

# ---- a message signed alone, as before the window signature -------------
site_key OLD
pub_site "$T/OLD.db" OLD --seqs "1-$ndemo"
wait_sql 60 "SELECT applied_seq FROM site_cursor WHERE site = 'OLD'" "$ndemo" >/dev/null
check_eq "messages without a proof: checked alone and applied" "$ndemo" \
    "$(sql "SELECT applied_seq FROM site_cursor WHERE site = 'OLD'")"
check_eq "... kept without a proof" "$ndemo" \
    "$(sql "SELECT count(*) FROM event_part WHERE site = 'OLD' AND proof IS NULL")"
read -r nver nbad < <(verify_evidence OLD)
check_eq "OLD's evidence re-verifies offline" "$ndemo 0" "$nver $nbad"

central_stop A
finish
