#!/bin/bash
# makhzan central against real servers (nats-server with JetStream, TLS and
# a password; a throwaway PostgreSQL): setup, bad input, sites, signatures
# (tampered, unregistered key, revoked site, another site's subject),
# order and gaps, idempotence (published twice), a 10,000-line document in
# parts, heartbeats and lag, status JSON, metrics, the national stock, and
# check --against-central on an edited depot.

. "$(dirname "$0")/lib.sh"
. "$IT_DIR/lib-servers.sh"
. "$IT_DIR/lib-central.sh"

for _tool in nats-server openssl setpriv curl "$PG_BIN/initdb"; do
	if ! command -v "$_tool" >/dev/null 2>&1; then
		it_fail "$_tool" "missing (make deps installs it)"
		finish
	fi
done
trap 'central_cleanup; central_logs; srv_cleanup; cd /; rm -rf "$T"' EXIT

nats_start a || { it_fail "nats_start" "see above"; finish; }
pg_start || { it_fail "pg_start" "see above"; finish; }
central_ini "$NATS_URL_a"
export NODIGEST=1

# ---- setup, twice ----------------------------------------------------------
run "$MAKHZAN" central setup
check_eq "central setup exits 0" 0 "$RC"
has_out "setup makes the schema" "schema 6 made"
has_out "setup makes the stream" "stream MAKHZAN_EVENTS"
has_out "setup makes the consumer" "consumer CENTRAL: made"
run "$MAKHZAN" central setup
check_eq "central setup again exits 0" 0 "$RC"
has_out "setup again: schema up to date" "schema 6, up to date"
has_out "setup again: the consumer is there" "consumer CENTRAL: there"
check_eq "one schema row per migration" 5 "$(sql 'SELECT count(*) FROM makhzan_schema')"

# ---- bad input: one clear line, non-zero -----------------------------------
printf '' >"$T/empty.ini"
plain_port=$(free_port)
setpriv --pdeathsig TERM -- nats-server -a 127.0.0.1 -p "$plain_port" \
    >"$T/plain-nats.log" 2>&1 &
plain_pid=$!
wait_port "$plain_port"
MAKHZAN_CONFIG=$T/empty.ini fails 1 "setup on a server without JetStream" \
    "$MAKHZAN" central setup --pg "$CONNINFO" \
    --nats "nats://127.0.0.1:$plain_port"
has_err "... says it has no JetStream" "has no JetStream"
kill "$plain_pid"
wait "$plain_pid" 2>/dev/null
dead_port=$(free_port)
fails 1 "unreachable PostgreSQL" "$MAKHZAN" central status \
    --pg "host=127.0.0.1 port=$dead_port dbname=makhzan user=makhzan connect_timeout=3"
has_err "... names where" "cannot connect to the central database (host 127.0.0.1 port $dead_port"
fails 1 "wrong PostgreSQL password" "$MAKHZAN" central status \
    --pg "host=$PG_HOST port=$PG_PORT dbname=$PG_DB user=$PG_USER password=wrong-one"
has_err "... says the password was refused" "password authentication failed"
if [[ $ERR == *wrong-one* ]]; then
	it_fail "the password is not repeated" "$ERR"
else
	it_pass "the password is not repeated"
fi
fails 1 "sites revoke of an unknown site" "$MAKHZAN" central sites revoke NOPE
has_err "... names it" "unknown site NOPE"
fails 1 "sites add with a malformed key" "$MAKHZAN" central sites add HMS \
    --key not-a-key
has_err "... says what a key is" "not a public key"
read -r pk_x _ < <(pub keygen "$T/x.key" X)
fails 1 "sites add of a site that cannot be a subject" "$MAKHZAN" central \
    sites add "H.MS" --key "$pk_x"
fails 2 "setup --replicas 2" "$MAKHZAN" central setup --replicas 2
fails 2 "central --metrics not an address" "$MAKHZAN" central \
    --metrics nowhere
fails 2 "--central with another command" "$MAKHZAN" --central "$CONNINFO" \
    item show P-100

# ---- sites ---------------------------------------------------------------
read -r pk_demo kid_demo < <(pub keygen "$T/DEMO.key" DEMO)
ok "sites add DEMO" "$MAKHZAN" central sites add DEMO --key "$pk_demo"
has_out "... registered" "site DEMO registered with key $kid_demo"
ok "sites add DEMO again" "$MAKHZAN" central sites add DEMO --key "$pk_demo"
has_out "... already" "registered for DEMO already"
fails 1 "the same key for another site" "$MAKHZAN" central sites add OTHER \
    --key "$pk_demo"
has_err "... is refused" "registered for site DEMO"
ok "sites list --format json" "$MAKHZAN" central sites list --format json
json_check "sites list shows DEMO's key" \
    "assert [r for r in d if r['site'] == 'DEMO' and r['key_id'] == '$kid_demo' and r['revoked'] is None]"

# ---- a depot's whole history, applied once --------------------------------
demo_db "$T/demo.db" 40
# Returns travel like any posting (issue 14): one of each in DEMO's history.
IFS='|' read -r rgrn ritem rlot <<<"$(sqlite3 "$T/demo.db" "SELECT d.number,
    i.code, coalesce(l.code, '') FROM document d JOIN movement m ON
    m.doc_id = d.id JOIN item i ON i.id = m.item_id LEFT JOIN lot l ON
    l.id = m.lot_id JOIN balance b ON b.location_id = m.to_loc AND
    b.item_id = m.item_id AND b.lot_id = m.lot_id WHERE d.type = 'GRN' AND
    i.tracking != 'serial' AND b.qty >= 1000 ORDER BY d.id LIMIT 1")"
ok "a return to the supplier at DEMO" env MAKHZAN_DB="$T/demo.db" \
    MAKHZAN_USER=admin MAKHZAN_PASSWORD=makhzan-demo "$MAKHZAN" return \
    supplier "$rgrn" "$ritem" 1 ${rlot:+--lot "$rlot"} --reason damaged
IFS='|' read -r riss ritem rlot <<<"$(sqlite3 "$T/demo.db" "SELECT d.number,
    i.code, coalesce(l.code, '') FROM document d JOIN movement m ON
    m.doc_id = d.id JOIN item i ON i.id = m.item_id LEFT JOIN lot l ON
    l.id = m.lot_id WHERE d.type = 'ISS' AND i.tracking != 'serial' AND
    m.qty >= 1000 ORDER BY d.id LIMIT 1")"
ok "a return from a cost centre at DEMO" env MAKHZAN_DB="$T/demo.db" \
    MAKHZAN_USER=admin MAKHZAN_PASSWORD=makhzan-demo "$MAKHZAN" return \
    issue "$riss" "$ritem" 1 ${rlot:+--lot "$rlot"} --reason "not used"
ndemo=$(sqlite3 "$T/demo.db" 'SELECT count(*) FROM outbox')
nmoves=$(sqlite3 "$T/demo.db" 'SELECT count(*) FROM movement')
ndocs=$(sqlite3 "$T/demo.db" 'SELECT count(*) FROM document')
mport=$(free_port)
central_start A --metrics "127.0.0.1:$mport"
pub_site "$T/demo.db" DEMO --mark-sent
if wait_sql 60 "SELECT applied_seq FROM site_cursor WHERE site = 'DEMO'" "$ndemo"; then
	it_pass "all $ndemo events of DEMO applied"
else
	it_fail "all $ndemo events of DEMO applied" "see above"
fi
check_eq "each event once" "$ndemo" \
    "$(sql "SELECT count(*) FROM event WHERE site = 'DEMO' AND applied_at IS NOT NULL")"
check_eq "every movement, once" "$nmoves" \
    "$(sql "SELECT count(*) FROM movement WHERE site = 'DEMO'")"
check_eq "every document, once" "$ndocs" \
    "$(sql "SELECT count(*) FROM document WHERE site = 'DEMO'")"
same_stock "national stock of DEMO = the depot's" "$T/demo.db" DEMO
fails 2 "stock --site without --central" env MAKHZAN_DB="$T/demo.db" \
    MAKHZAN_USER=admin MAKHZAN_PASSWORD=makhzan-demo "$MAKHZAN" stock --site X

# ---- status and metrics ----------------------------------------------------
ok "central status --format json" "$MAKHZAN" central status --format json
json_check "status: exactly the fields of the issue" "
r = [x for x in d if x['site'] == 'DEMO'][0]
assert sorted(r) == sorted(['site', 'applied', 'last_seq', 'lag_events',
    'lag_s', 'last_heartbeat', 'gaps', 'quarantined', 'events_per_min']), sorted(r)
assert r['applied'] == $ndemo and r['last_seq'] == $ndemo, r
assert r['lag_events'] == 0 and r['lag_s'] == 0 and r['gaps'] == [], r
assert r['last_heartbeat'] is None and r['quarantined'] == 0, r
assert r['events_per_min'] == (D($ndemo) / 60).quantize(D('0.01')), r"
ok "central status (table)" "$MAKHZAN" central status
has_out "... in words" "Events/min"
curl -s "http://127.0.0.1:$mport/metrics" >"$T/metrics.txt"
OUT=$(cat "$T/metrics.txt")
has_out "metrics: applied per site" "makhzan_site_applied_total{site=\"DEMO\"} $ndemo"
has_out "metrics: HELP line" "# HELP makhzan_site_lag_seconds"
has_out "metrics: TYPE line" "# TYPE makhzan_site_applied_total counter"
has_out "metrics: PostgreSQL up" "makhzan_central_pg_up 1"
has_out "metrics: NATS up" "makhzan_central_nats_up 1"
json_check_metrics=$(python3 - "$T/metrics.txt" <<'PY'
import re, sys
seen = {}
for line in open(sys.argv[1]):
    line = line.rstrip("\n")
    if not line or line.startswith("#"):
        m = re.match(r"# (HELP|TYPE) (\S+) ", line)
        if m:
            seen.setdefault(m.group(2), set()).add(m.group(1))
        continue
    m = re.match(r'([a-z_]+)(\{site="[A-Za-z0-9_-]+"\})? (-?[0-9]+(\.[0-9]+)?)$', line)
    if not m:
        print("not Prometheus text: %r" % line); break
    if seen.get(m.group(1)) != {"HELP", "TYPE"}:
        print("no HELP and TYPE before %s" % m.group(1)); break
PY
)
check_eq "metrics: every line parses, with HELP and TYPE" "" "$json_check_metrics"

# ---- the same events again: nothing changes --------------------------------
before=$(sql "SELECT sum(qty)::text || '/' || count(*) FROM balance WHERE site = 'DEMO'")
pub_site "$T/demo.db" DEMO --msgid-suffix /again
if wait_sql 60 "SELECT count(*) FROM event_part WHERE site = 'DEMO'" "$ndemo" &&
    python3 - "$mport" "$ndemo" <<'PY'
import re, sys, time, urllib.request
for _ in range(600):
    t = urllib.request.urlopen("http://127.0.0.1:%s/metrics" % sys.argv[1]).read().decode()
    m = re.search(r"^makhzan_central_duplicates_total (\d+)$", t, re.M)
    if m and int(m.group(1)) >= int(sys.argv[2]):
        sys.exit(0)
    time.sleep(0.1)
sys.exit(1)
PY
then
	it_pass "a second copy of every event reached the centre as duplicates"
else
	it_fail "a second copy of every event reached the centre as duplicates" \
	    "$(grep duplicates "$T/metrics.txt")"
fi
check_eq "... still each event once" "$ndemo" \
    "$(sql "SELECT applied_count FROM site_cursor WHERE site = 'DEMO'")"
check_eq "... movements unchanged" "$nmoves" \
    "$(sql "SELECT count(*) FROM movement WHERE site = 'DEMO'")"
check_eq "... balances unchanged" "$before" \
    "$(sql "SELECT sum(qty)::text || '/' || count(*) FROM balance WHERE site = 'DEMO'")"

# ---- heartbeats: the lag the depot reports ---------------------------------
pub heartbeat --site DEMO --key "$T/DEMO.key" --nats "$NATS_URL_a" \
    --ca "$SRV_CA" --user "$NATS_USER" --password-file "$T/nats-pass" \
    --pending 5 --oldest 120 --last-seq $((ndemo + 5)) >/dev/null
wait_sql 20 "SELECT heartbeat_last_seq FROM site_cursor WHERE site = 'DEMO'" \
    $((ndemo + 5)) >/dev/null
ok "status after a heartbeat with 5 pending" "$MAKHZAN" central status \
    --site DEMO --format json
json_check "... lag 5 events, at least 120 s, heartbeat time" "
r = d[0]
assert r['lag_events'] == 5 and r['lag_s'] >= 120, r
assert r['last_heartbeat'] and r['last_heartbeat'].endswith('Z'), r
assert r['applied'] == $ndemo, r"
check_eq "a heartbeat is not an event" "$ndemo" \
    "$(sql "SELECT count(*) FROM event WHERE site = 'DEMO'")"

# ---- signatures ---------------------------------------------------------
demo_db "$T/small.db" 7
nsmall=$(sqlite3 "$T/small.db" 'SELECT count(*) FROM outbox')
copy_site "$T/small.db" SIG a1
copy_site "$T/small.db" GAP a2
copy_site "$T/small.db" BIG a3
copy_site "$T/small.db" REV a4
site_key SIG
pub_site "$T/SIG.db" SIG --seqs 1 --tamper --msgid-suffix /t
pub keygen "$T/SIG-rogue.key" SIG >/dev/null
"$BUS_PUB" publish --db "$T/SIG.db" --site SIG --key "$T/SIG-rogue.key" \
    --nats "$NATS_URL_a" --ca "$SRV_CA" --user "$NATS_USER" \
    --password-file "$T/nats-pass" --seqs 1 --msgid-suffix /r >/dev/null
pub_site "$T/SIG.db" SIG --seqs 1 --subject makhzan.DEMO.events.receipt \
    --msgid-suffix /s
site_key REV
ok "sites revoke REV" "$MAKHZAN" central sites revoke REV
has_out "... with its key" "site REV revoked with 1 key(s)"
ok "sites revoke REV again" "$MAKHZAN" central sites revoke REV
has_out "... already" "revoked already"
pub_site "$T/REV.db" REV --seqs 1-3
wait_sql 30 "SELECT count(*) FROM quarantine" 6 >/dev/null
ok "central quarantine --format json" "$MAKHZAN" central quarantine \
    --format json
json_check "quarantined: tampered, rogue key, wrong subject, revoked x3" "
why = [r['reason'] for r in d]
assert len(d) == 6, why
assert sum('bad signature' in w for w in why) == 1, why
assert sum('unknown key' in w for w in why) == 1, why
assert sum('sent on makhzan.DEMO.events.receipt' in w for w in why) == 1, why
assert sum('site REV is revoked' in w for w in why) == 3, why
assert all(r['subject'] and r['received_at'] for r in d), d"
check_eq "none of them applied" "0" \
    "$(sql "SELECT count(*) FROM event WHERE site IN ('SIG', 'REV')")"
check_eq "none of them kept as evidence" "0" \
    "$(sql "SELECT count(*) FROM event_part WHERE site IN ('SIG', 'REV')")"
ok "central status --site SIG --format json" "$MAKHZAN" central status \
    --site SIG --format json
json_check "status counts SIG's quarantined" \
    "assert d[0]['quarantined'] == 3 and d[0]['applied'] == 0, d"
pub_site "$T/SIG.db" SIG --seqs 1
wait_sql 20 "SELECT applied_seq FROM site_cursor WHERE site = 'SIG'" 1 >/dev/null
check_eq "the genuine event applies after them" "1" \
    "$(sql "SELECT applied_seq FROM site_cursor WHERE site = 'SIG'")"
grep -q "quarantined makhzan.SIG.events" "$T/central-A.log" &&
    it_pass "the consumer logs what it quarantines" ||
    it_fail "the consumer logs what it quarantines" "$(tail -3 "$T/central-A.log")"

# ---- order and gaps -----------------------------------------------------
site_key GAP
pub_site "$T/GAP.db" GAP --seqs 1,2,4
wait_sql 20 "SELECT count(*) FROM event WHERE site = 'GAP'" 3 >/dev/null
wait_sql 20 "SELECT applied_seq FROM site_cursor WHERE site = 'GAP'" 2 >/dev/null
ok "status with seq 3 missing" "$MAKHZAN" central status --site GAP \
    --format json
json_check "... shows the gap [3, 3], 2 applied, 4 waiting" "
r = d[0]
assert r['gaps'] == [[3, 3]], r
assert r['last_seq'] == 2 and r['applied'] == 2 and r['lag_events'] == 2, r"
check_eq "event 4 waits, not applied" "" \
    "$(sql "SELECT applied_at FROM event WHERE site = 'GAP' AND seq = 4")"
pub_site "$T/GAP.db" GAP --seqs 3
if wait_sql 20 "SELECT applied_seq FROM site_cursor WHERE site = 'GAP'" 4; then
	it_pass "seq 3 arrives: 3 and 4 applied"
else
	it_fail "seq 3 arrives: 3 and 4 applied" "see above"
fi
ok "status after the gap closed" "$MAKHZAN" central status --site GAP \
    --format json
json_check "... no gap, no lag" \
    "assert d[0]['gaps'] == [] and d[0]['lag_events'] == 0, d"
pub_site "$T/GAP.db" GAP --seqs "5-$nsmall"
wait_sql 30 "SELECT applied_seq FROM site_cursor WHERE site = 'GAP'" "$nsmall" \
    >/dev/null
same_stock "national stock of GAP = the depot's" "$T/GAP.db" GAP

# ---- a 10,000-line document in parts ------------------------------------
python3 -c "
items = ['PIP-API5L-02-S40', 'FIT-ELB90-02-S40', 'FIT-TEE-04-S40', 'PIP-API5L-04-S40']
print('item,qty')
for i in range(10000): print('%s,%d' % (items[i % 4], 1 + i % 7))" >"$T/big.csv"
run env MAKHZAN_DB="$T/BIG.db" MAKHZAN_USER=admin \
    MAKHZAN_PASSWORD=makhzan-demo "$MAKHZAN" receive --to HMS/A/01-01 \
    --lines "$T/big.csv"
check_eq "a receipt of 10,000 lines at the depot" 0 "$RC"
bigdoc=$OUT
nbig=$((nsmall + 1))
site_key BIG
pub_site "$T/BIG.db" BIG --seqs "$nbig" --reverse-parts
pub_site "$T/BIG.db" BIG --seqs "1-$nsmall"
pub_site "$T/BIG.db" BIG --seqs "$nbig" --msgid-suffix /again
if wait_sql 60 "SELECT applied_seq FROM site_cursor WHERE site = 'BIG'" "$nbig"; then
	it_pass "the big document's event applied"
else
	it_fail "the big document's event applied" "see above"
fi
parts=$(sql "SELECT count(*) FROM event_part p JOIN event e ON e.id = p.event_id WHERE e.site = 'BIG' AND e.seq = $nbig")
if [ "$parts" -gt 1 ]; then
	it_pass "it came in $parts parts, each kept once"
else
	it_fail "it came in parts" "$parts part(s)"
fi
check_eq "its 10,000 movements, once" 10000 \
    "$(sql "SELECT count(*) FROM movement WHERE site = 'BIG' AND doc = '$bigdoc'")"
check_eq "its lines 1 to 10,000" "1/10000" \
    "$(sql "SELECT min(line) || '/' || max(line) FROM movement WHERE site = 'BIG' AND doc = '$bigdoc'")"
check_eq "the document once" 1 \
    "$(sql "SELECT count(*) FROM document WHERE site = 'BIG' AND number = '$bigdoc'")"
same_stock "national stock of BIG = the depot's" "$T/BIG.db" BIG

# ---- the national stock --------------------------------------------------
ok "--central stock --site BIG --item FIT-TEE-04-S40 --format json" \
    "$MAKHZAN" --central "$CONNINFO" stock --site BIG --item FIT-TEE-04-S40 \
    --format json
json_check "... the fields of a depot's stock and site" "
assert d, d
assert all(sorted(r) == ['depot', 'item', 'location', 'lot', 'qty', 'site', 'uom'] for r in d), d[0]
assert all(r['site'] == 'BIG' and r['item'] == 'FIT-TEE-04-S40' for r in d), d"
ok "--central stock --depot ADR" "$MAKHZAN" --central "$CONNINFO" stock \
    --depot ADR --format csv
has_out "... in CSV, a header with site" "site,depot,location,item,lot,qty,uom"
if grep -v '^site,' "$T/.out" | cut -d, -f2 | grep -qv '^ADR$'; then
	it_fail "... only ADR" "$(head -3 "$T/.out")"
else
	it_pass "... only ADR"
fi

# ---- check --against-central ------------------------------------------------
run env MAKHZAN_DB="$T/demo.db" MAKHZAN_USER=admin \
    MAKHZAN_PASSWORD=makhzan-demo "$MAKHZAN" check --against-central "$CONNINFO"
check_eq "check --against-central on the depot as sent: exit 0" 0 "$RC"
has_out "... compared every document" "$ndocs documents of DEMO compared"
victim=$(sqlite3 "$T/demo.db" "SELECT d.number FROM movement m JOIN document d ON d.id = m.doc_id ORDER BY m.id LIMIT 1 OFFSET 100")
sqlite3 "$T/demo.db" "DROP TRIGGER movement_no_update;
UPDATE movement SET qty = qty + 1000 WHERE id = (SELECT id FROM movement ORDER BY id LIMIT 1 OFFSET 100);"
run env MAKHZAN_DB="$T/demo.db" MAKHZAN_USER=admin \
    MAKHZAN_PASSWORD=makhzan-demo "$MAKHZAN" check --against-central "$CONNINFO"
check_eq "check --against-central after the ledger was edited: exit 1" 1 "$RC"
has_out "... names the document" "$victim: its movements differ"
check_eq "... and only it" 1 "$(grep -c '^DIFFERS' "$T/.out")"

# ---- stop: SIGTERM ends the consumer cleanly ---------------------------------
central_stop A
check_eq "SIGTERM: central exits 0" 0 "$?"
grep -q "central: stopped" "$T/central-A.log" &&
    it_pass "... saying what it applied" ||
    it_fail "... saying what it applied" "$(tail -2 "$T/central-A.log")"
if grep -q "$PG_PASS\|$NATS_PASS" "$T/central-A.log"; then
	it_fail "no secret in the consumer's log" "found one"
else
	it_pass "no secret in the consumer's log"
fi

finish
