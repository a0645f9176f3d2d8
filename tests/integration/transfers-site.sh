# Transfers between sites (docs/catalogue.md, "Transfers between sites")
# against real servers: a nats-server with JetStream and a throwaway
# PostgreSQL as the centre, two depot databases as two sites (HMS, BNS).
# HMS ships to BNS: its stock goes down at once, to @SITE/BNS, and its sums
# stay zero; the centre applies the shipment and forwards it; makhzan sync
# at BNS applies it once (again after being killed and restarted), as a
# document in transit with HMS's number, lots and serials; BNS receives
# part, then the rest; makhzan check passes at both sites; a forged
# inbound message is refused and named.
set -u
. "$(dirname "$0")/lib.sh"
. "$IT_DIR/lib-tmux.sh"
. "$IT_DIR/lib-national.sh"
ini() {
	national_ini central "$@"
}
ini ""

# q DB SQL: one value from a depot database.
q() {
	sqlite3 "$1" "$2"
}

A=$T/hms.db
B=$T/bns.db

# --- the centre and its catalogue -----------------------------------------------
ok "central setup" mz central setup
ok "central keygen" mz central keygen
CENTRE_KEY=$(sed -n 's/^centre_key = //p' <<<"$OUT")
ini "$CENTRE_KEY"
MAKHZAN_DB=$A ok "init HMS" mz init --site HMS --admin admin
MAKHZAN_DB=$B ok "init BNS" mz init --site BNS --admin admin
ok "depot HMS of site HMS" mz --central "$CONNINFO" depot add HMS \
    --name-ar 'مستودع حمص' --name-en 'Homs depot' --site HMS
ok "depot BNS of site BNS" mz --central "$CONNINFO" depot add BNS \
    --name-ar 'مستودع بانياس' --name-en 'Banias depot' --site BNS
ok "a serial-tracked item" mz --central "$CONNINFO" item add P-100 \
    --name-ar 'مضخة' --name-en Pump --uom EA --tracking serial
ok "a lot-tracked item" mz --central "$CONNINFO" item add M-7 \
    --name-ar 'دواء' --name-en Medicine --uom BOX --tracking lot
ok "a plain item" mz --central "$CONNINFO" item add L-5 \
    --name-ar 'زيت' --name-en 'Lube oil' --uom L
MAKHZAN_DB=$A ok "HMS takes the catalogue" mz sync --once
MAKHZAN_DB=$B ok "BNS takes the catalogue" mz sync --once

# --- step 1: HMS ships to BNS, a depot of another site ---------------------------
export MAKHZAN_DB=$A
ok "a bin at HMS" mz location add HMS/A/01
ok "receive oil" mz receive --to HMS/A/01 L-5 100 --cost 2.50
ok "receive a lot" mz receive --to HMS/A/01 M-7 30 --lot LOT-A --cost 10
ok "receive three pumps" mz receive --to HMS/A/01 P-100 3 \
    --serial SN-1 --serial SN-2 --serial SN-3 --cost 300
printf 'item,qty,lot,serial\nL-5,40,,\nM-7,20,LOT-A,\nP-100,2,,SN-1|SN-2\n' \
    >"$T/ship.csv"
ok "ship to BNS: oil, part of the lot, two pumps" mz transfer ship \
    --from HMS/A/01 --to BNS --lines "$T/ship.csv"
TRF=$(grep -o 'HMS-TRF-[0-9-]*' <<<"$OUT" | head -1)
check_eq "a number of HMS" "HMS-TRF-" "${TRF:0:8}"
check_eq "HMS's stock went down at once" "60000|10000|1000" \
    "$(q "$A" "SELECT group_concat(qty, '|') FROM (SELECT b.qty FROM balance b JOIN location l ON l.id = b.location_id JOIN item i ON i.id = b.item_id WHERE l.path = 'HMS/A/01' AND b.qty <> 0 AND i.code <> 'P-100' ORDER BY i.code)")|$(q "$A" "SELECT sum(b.qty) FROM balance b JOIN location l ON l.id = b.location_id JOIN item i ON i.id = b.item_id WHERE l.path = 'HMS/A/01' AND i.code = 'P-100'")"
check_eq "to the location of site BNS, of kind site" "site|4" \
    "$(q "$A" "SELECT l.kind, count(*) FROM movement m JOIN location l ON l.id = m.to_loc WHERE l.path = '@SITE/BNS'")"
check_eq "nothing at BNS/@TRANSIT at HMS" "0" \
    "$(q "$A" "SELECT count(*) FROM balance b JOIN location l ON l.id = b.location_id WHERE l.path = 'BNS/@TRANSIT' AND b.qty <> 0")"
check_eq "the document in transit, to BNS" "in_transit|BNS" \
    "$(q "$A" "SELECT d.status, dd.code FROM document d JOIN depot dd ON dd.id = d.dest_depot_id WHERE d.number = '$TRF'")"
json_check_event() {
	python3 - "$1" <<'PY'
import json, sys
e = json.loads(sys.argv[1])
assert e["to_depot"] == "BNS" and e["to_site"] == "BNS", e
mv = e["movements"]
assert sorted((m["item"], m.get("lot")) for m in mv) == [
    ("L-5", None), ("M-7", "LOT-A"), ("P-100", "SN-1"), ("P-100", "SN-2")], mv
assert all(m["to"] == "@SITE/BNS" for m in mv), mv
PY
}
EV=$(q "$A" "SELECT payload FROM outbox WHERE type = 'transfer.ship'")
if json_check_event "$EV" >"$T/ev.err" 2>&1; then
	it_pass "the event names depot and site, lots and serials"
else
	it_fail "the event names depot and site, lots and serials" \
	    "$(cat "$T/ev.err")"
fi
fails 1 "HMS cannot receive it: BNS receives it" mz transfer receive "$TRF" \
    --to HMS/A/01
has_err "says where" "goes to depot BNS of site BNS"
fails 1 "HMS cannot reverse it: BNS holds it" mz reverse "$TRF" \
    --reason 'wrong depot'
has_err "says why" "is a transfer between sites (site BNS): it is not reversed"
ok "check at HMS passes (sums zero with @SITE/BNS)" mz check
check_eq "value conserved: what left HMS is at @SITE/BNS" \
    "$(q "$A" "SELECT sum(value) FROM movement m JOIN location l ON l.id = m.from_loc WHERE l.path = 'HMS/A/01' AND m.doc_id = (SELECT id FROM document WHERE number = '$TRF')")" \
    "$(q "$A" "SELECT sum(value) FROM movement m JOIN location l ON l.id = m.to_loc WHERE l.path = '@SITE/BNS'")"
ok "transfer list --pending at HMS shows it" mz transfer list --pending
has_out "in transit" "$TRF"


# --- step 2: the centre applies the shipment and forwards it -------------------
ok "the centre registers HMS" mz central sites add HMS --key "$(mz bus key)"
ok "the centre registers BNS" mz central sites add BNS --key \
    "$(MAKHZAN_DB=$B mz bus key)"
ok "HMS sends its events" mz sync --once
setpriv --pdeathsig TERM -- "$MAKHZAN" central >"$T/central.log" 2>&1 &
CENTRAL_PID=$!
for ((i = 0; i < 100; i++)); do
	[ "$(sql "SELECT status FROM document WHERE site = 'HMS' AND number = '$TRF'")" = in_transit ] && break
	sleep 0.1
done
kill -TERM "$CENTRAL_PID"
wait "$CENTRAL_PID"
check_eq "the centre applied the shipment" "in_transit" \
    "$(sql "SELECT status FROM document WHERE site = 'HMS' AND number = '$TRF'")"
ok "central forward" mz central forward
has_out "forwarded" "1 transfer message(s) to other sites forwarded"

# --- step 3: BNS applies it, once ----------------------------------------------
export MAKHZAN_DB=$B
ok "sync --once at BNS takes the shipment" mz sync --once
has_out "applied" "inbound: 1 transfer message(s) from other sites applied"
check_eq "at BNS: HMS's number, in transit, from HMS to BNS" \
    "in_transit|HMS|BNS" \
    "$(q "$B" "SELECT d.status, f.code, t.code FROM document d JOIN depot f ON f.id = d.depot_id JOIN depot t ON t.id = d.dest_depot_id WHERE d.number = '$TRF'")"
check_eq "at BNS: from @SITE/HMS to BNS/@TRANSIT, the same lots and serials" \
    "L-5||40000,M-7|LOT-A|20000,P-100|SN-1|1000,P-100|SN-2|1000" \
    "$(q "$B" "SELECT group_concat(x, ',') FROM (SELECT i.code || '|' || coalesce(lot.code, '') || '|' || m.qty AS x FROM movement m JOIN item i ON i.id = m.item_id LEFT JOIN lot ON lot.id = m.lot_id JOIN location f ON f.id = m.from_loc JOIN location t ON t.id = m.to_loc WHERE f.path = '@SITE/HMS' AND t.path = 'BNS/@TRANSIT' ORDER BY i.code, lot.code)")"
check_eq "the value that left HMS arrives at BNS" \
    "$(q "$A" "SELECT sum(value) FROM movement m JOIN location l ON l.id = m.to_loc WHERE l.path = '@SITE/BNS'")" \
    "$(q "$B" "SELECT sum(value) FROM movement m JOIN location l ON l.id = m.to_loc WHERE l.path = 'BNS/@TRANSIT'")"
check_eq "an audit entry for it" "1" \
    "$(q "$B" "SELECT count(*) FROM audit WHERE action = 'transfer.inbound' AND doc = '$TRF'")"
ok "transfer list --pending at BNS" mz transfer list --pending
has_out "lists it" "$TRF"
# Since when: BNS takes the centre's time of the shipment (the event's,
# written a moment after HMS's document).
check_eq "BNS and the centre agree since when it is in transit" \
    "$(sql "SELECT to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"') FROM document WHERE site = 'HMS' AND number = '$TRF'")" \
    "$(q "$B" "SELECT created_at FROM document WHERE number = '$TRF'")"
check_eq "and HMS, within a second" "1" \
    "$(q "$B" "SELECT abs(julianday(created_at) - julianday('$(q "$A" "SELECT created_at FROM document WHERE number = '$TRF'")')) * 86400 < 1 FROM document WHERE number = '$TRF'")"
ok "check at BNS passes" mz check
fails 1 "BNS cannot reverse it either" mz reverse "$TRF" --reason 'no'
has_err "says why" "is a transfer between sites (site HMS): it is not reversed"
ok "sync --once again" mz sync --once
has_out "nothing applied twice" "inbound: 0 transfer message(s)"

# The consumer forgets what it delivered: the message comes again and is
# acknowledged, not applied (inbound_applied keeps its id).
run nats_js hub CONSUMER.DELETE.MAKHZAN_INBOUND.makhzan-inbound-BNS '' \
    --expect 'd.get("success") is True'
check_eq "the durable consumer of BNS deleted" "0" "$RC"
ok "sync --once after the consumer forgot" mz sync --once
has_out "seen again, not applied" "0 transfer message(s) from other sites applied, 1 seen again"
# The daemon, killed while it works, then again.
run nats_js hub CONSUMER.DELETE.MAKHZAN_INBOUND.makhzan-inbound-BNS ''
setpriv --pdeathsig TERM -- "$MAKHZAN" sync >"$T/sync-bns.log" 2>&1 &
SYNC_PID=$!
sleep 1.5
kill -KILL "$SYNC_PID"
wait "$SYNC_PID" 2>/dev/null
ok "sync --once after sync was killed" mz sync --once
check_eq "one document, one inbound row, the same quantity in transit" \
    "1|1|62000" \
    "$(q "$B" "SELECT (SELECT count(*) FROM document WHERE number = '$TRF'), (SELECT count(*) FROM inbound_applied), (SELECT sum(b.qty) FROM balance b JOIN location l ON l.id = b.location_id WHERE l.path = 'BNS/@TRANSIT')")"

# --- received in part, then the rest --------------------------------------------
ok "a bin at BNS" mz location add BNS/A/01
ok "receive 15 of the oil" mz transfer receive "$TRF" --to BNS/A/01 L-5 15
# (transfer receive takes a serial of a line as its lot, as within a site)
ok "and one pump, by its serial" mz transfer receive "$TRF" --to BNS/A/01 \
    P-100 1 --lot SN-2
check_eq "still in transit" "in_transit" \
    "$(q "$B" "SELECT status FROM document WHERE number = '$TRF'")"
ok "transfer list --pending at BNS still lists it" mz transfer list --pending
has_out "lists it" "$TRF"
ok "receive the rest" mz transfer receive "$TRF" --to BNS/A/01
check_eq "received" "received" \
    "$(q "$B" "SELECT status FROM document WHERE number = '$TRF'")"
check_eq "the serials kept their identity at BNS" "SN-1|1000,SN-2|1000" \
    "$(q "$B" "SELECT group_concat(x, ',') FROM (SELECT lot.code || '|' || b.qty AS x FROM balance b JOIN lot ON lot.id = b.lot_id JOIN item i ON i.id = b.item_id JOIN location l ON l.id = b.location_id WHERE i.code = 'P-100' AND l.path = 'BNS/A/01' ORDER BY lot.code)")"
check_eq "the lot too" "LOT-A|20000" \
    "$(q "$B" "SELECT lot.code || '|' || b.qty FROM balance b JOIN lot ON lot.id = b.lot_id JOIN item i ON i.id = b.item_id JOIN location l ON l.id = b.location_id WHERE i.code = 'M-7' AND l.path = 'BNS/A/01'")"
check_eq "nothing left in transit at BNS" "0" \
    "$(q "$B" "SELECT count(*) FROM balance b JOIN location l ON l.id = b.location_id WHERE l.path = 'BNS/@TRANSIT' AND b.qty <> 0")"
ok "check at BNS passes" mz check
MAKHZAN_DB=$A ok "check at HMS passes" mz check
check_eq "every item sums to zero at BNS, @SITE/HMS included" "" \
    "$(q "$B" "SELECT item_id FROM balance GROUP BY item_id HAVING sum(qty) <> 0")"

# --- a forged or unsigned inbound message is refused, and named ------------------
nats_js hub STREAM.MSG.GET.MAKHZAN_INBOUND '{"seq":1}' >"$T/msg.json"
python3 - "$T/msg.json" "$T" <<'PY'
import base64, json, sys
m = json.loads(open(sys.argv[1]).read())["message"]
body = base64.b64decode(m["data"]).decode()
hdrs = base64.b64decode(m["hdrs"]).decode().split("\r\n")
h = dict(l.split(": ", 1) for l in hdrs if ": " in l)
e = json.loads(body)
old = e["id"]
e["id"] = "forged-" + old[7:]
for ln in e["payload"]["lines"]:
    ln["qty_milli"] *= 10
open(sys.argv[2] + "/forged.body", "w").write(json.dumps(e, separators=(",", ":")))
open(sys.argv[2] + "/forged.id", "w").write(e["id"])
open(sys.argv[2] + "/forged.key", "w").write(h["Makhzan-Key"])
open(sys.argv[2] + "/forged.sig", "w").write(h["Makhzan-Sig"])
PY
FID=$(cat "$T/forged.id")
run nats_probe hub --req makhzan.BNS.inbound.transfer.ship \
    --data "$(cat "$T/forged.body")" --header "Nats-Msg-Id: $FID" \
    --header "Makhzan-Key: $(cat "$T/forged.key")" \
    --header "Makhzan-Sig: $(cat "$T/forged.sig")" --expect '"seq" in d'
check_eq "a forged shipment (the centre's signature, ten times the quantity) on BNS's subject" "0" "$RC"
run mz sync --once
check_eq "sync --once refuses it (exit 1)" "1" "$RC"
has_err "names it and why" "inbound message $FID refused: its signature does not verify"
run nats_probe hub --req makhzan.BNS.inbound.transfer.ship \
    --data '{"v":1}' --header "Nats-Msg-Id: unsigned-1" --expect '"seq" in d'
run mz sync --once
check_eq "an unsigned message is refused (exit 1)" "1" "$RC"
has_err "named" "inbound message unsigned-1 refused: it is not signed"
ok "refused messages do not come again" mz sync --once
has_out "none" "inbound: 0 transfer message(s) from other sites applied, 0 seen again, 0 refused"
check_eq "nothing changed at BNS" "1|1" \
    "$(q "$B" "SELECT (SELECT count(*) FROM document WHERE type = 'TRF'), (SELECT count(*) FROM inbound_applied)")"
ok "check at BNS still passes" mz check

# --- the centre takes BNS's side: its copy, its receipts ---------------------------
ok "BNS sends its events" mz sync --once
applied BNS "$B"
check_eq "the centre has BNS's copy of the transfer, received" "received" \
    "$(sql "SELECT status FROM document WHERE site = 'BNS' AND number = '$TRF'")"
check_eq "the centre: nothing left in BNS/@TRANSIT" "0" \
    "$(sql "SELECT count(*) FROM balance WHERE site = 'BNS' AND location = 'BNS/@TRANSIT' AND qty <> 0")"

# --- step 4: the receipts go back; HMS shows the transfer received ----------------
ok "central forward sends BNS's receipts back to HMS" mz central forward
has_out "three receipts" "3 transfer message(s) to other sites forwarded"
check_eq "the centre keeps them, to HMS" "3" \
    "$(sql "SELECT count(*) FROM forward WHERE kind = 'transfer.receive' AND site = 'BNS' AND to_site = 'HMS' AND number = '$TRF'")"
ok "central forward again forwards nothing" mz central forward
has_out "once" "0 transfer message(s) to other sites forwarded"
export MAKHZAN_DB=$A
BAL_A=$(q "$A" "SELECT group_concat(qty, ',') FROM (SELECT qty FROM balance ORDER BY location_id, item_id, lot_id)")
# The daemon this time: its inbound thread takes the receipts.
setpriv --pdeathsig TERM -- "$MAKHZAN" sync >"$T/sync-hms.log" 2>&1 &
SYNC_PID=$!
for ((i = 0; i < 150; i++)); do
	[ "$(q "$A" "SELECT status FROM document WHERE number = '$TRF'")" = received ] && break
	sleep 0.1
done
kill -TERM "$SYNC_PID"
wait "$SYNC_PID"
check_eq "the sync daemon at HMS stops cleanly on SIGTERM" "0" "$?"
check_eq "it took the three receipts" "3" \
    "$(q "$A" "SELECT count(*) FROM inbound_applied WHERE kind = 'transfer.receive'")"
check_eq "HMS's transfer is received" "received" \
    "$(q "$A" "SELECT status FROM document WHERE number = '$TRF'")"
check_eq "HMS's stock did not move again" "$BAL_A" \
    "$(q "$A" "SELECT group_concat(qty, ',') FROM (SELECT qty FROM balance ORDER BY location_id, item_id, lot_id)")"
check_eq "an audit entry per receipt" "3" \
    "$(q "$A" "SELECT count(*) FROM audit WHERE action = 'transfer.delivered' AND doc = '$TRF'")"
ok "transfer list --pending at HMS: no longer" mz transfer list --pending
if grep -q "$TRF" <<<"$OUT"; then
	it_fail "HMS no longer lists it as pending" "$OUT"
else
	it_pass "HMS no longer lists it as pending"
fi
ok "check at HMS passes" mz check
ok "sync --once again at HMS" mz sync --once
has_out "nothing twice" "inbound: 0 transfer message(s) from other sites applied, 0 seen again"
NA=$(q "$A" "SELECT count(*) FROM outbox")
setpriv --pdeathsig TERM -- "$MAKHZAN" central >"$T/central4.log" 2>&1 &
CENTRAL_PID=$!
for ((i = 0; i < 100; i++)); do
	[ "$(sql "SELECT count(*) FROM event WHERE site = 'HMS' AND applied_at IS NOT NULL")" = "$NA" ] && break
	sleep 0.1
done
kill -TERM "$CENTRAL_PID"
wait "$CENTRAL_PID"
check_eq "the centre: HMS's transfer received, and BNS's copy" \
    "BNS|received,HMS|received" \
    "$(sql "SELECT string_agg(site || '|' || status, ',' ORDER BY site) FROM document WHERE number = '$TRF'")"

# --- the site's reports and the voucher read the @SITE location ------------------
for db in "$A" "$B"; do
	s=$(basename "$db" .db)
	MAKHZAN_DB=$db ok "$s: stock" mz stock
	MAKHZAN_DB=$db ok "$s: ledger of the oil" mz ledger L-5
	# HMS's bin gave to @SITE/BNS; BNS's ledger shows its bins only.
	[ "$s" = hms ] && has_out "$s: names the other site's location" \
	    "@SITE/BNS"
	MAKHZAN_DB=$db ok "$s: the transfer's voucher" mz voucher "$TRF" \
	    --out "$T/$s-trf.pdf"
	check_eq "$s: a PDF" "%PDF" "$(head -c 4 "$T/$s-trf.pdf")"
	MAKHZAN_DB=$db ok "$s: location list" mz location list
done

# --- under faults: sync at either site and the centre killed at random ----------
# A second shipment: through the centre while the daemons are killed at
# random moments; received in part at BNS while HMS is offline, then the
# rest; at the end each message applied once and every figure agrees.
export MAKHZAN_DB=$A
ok "a second shipment, 10 L of oil" mz transfer ship --from HMS/A/01 \
    --to BNS L-5 10
TRF2=$(grep -o 'HMS-TRF-[0-9-]*' <<<"$OUT" | head -1)
PIDS=()
# start NAME CMD...: a daemon in the background, killed with the test.
start() {
	local name=$1
	shift
	setpriv --pdeathsig KILL -- "$@" >>"$T/chaos-$name.log" 2>&1 &
	PIDS+=($!)
}
# chaos ROUNDS SITES...: each round starts the centre and sync at SITES,
# forwards, then kills them, one at a random moment, the rest after.
chaos() {
	local rounds=$1 r p
	shift
	for ((r = 0; r < rounds; r++)); do
		PIDS=()
		start central "$MAKHZAN" central
		for site in "$@"; do
			start "sync-$site" env MAKHZAN_DB="$T/$site.db" \
			    "$MAKHZAN" sync
		done
		"$MAKHZAN" central forward >>"$T/chaos-forward.log" 2>&1
		sleep "0.$((RANDOM % 9 + 1))"
		p=${PIDS[$((RANDOM % ${#PIDS[@]}))]}
		kill -KILL "$p" 2>/dev/null
		wait "$p" 2>/dev/null
		sleep "0.$((RANDOM % 9 + 1))"
		for p in "${PIDS[@]}"; do
			kill -KILL "$p" 2>/dev/null
			wait "$p" 2>/dev/null
		done
	done
}
# settle SITES...: everything --once until nothing moves.
settle() {
	local k site want w
	for ((k = 0; k < 3; k++)); do
		for site in "$@"; do
			MAKHZAN_DB="$T/$site.db" "$MAKHZAN" sync --once \
			    >>"$T/settle.log" 2>&1
		done
		start central "$MAKHZAN" central
		# Until the centre has applied what each site sent (at most
		# 30 s): a fixed 2 s was too short on a loaded machine.
		for site in "$@"; do
			want=$(q "$T/$site.db" "SELECT coalesce(max(seq), 0) FROM outbox")
			for ((w = 0; w < 300; w++)); do
				[ "$(sql "SELECT applied_seq >= $want FROM site_cursor
				    WHERE site = '${site^^}'" 2>/dev/null)" = t ] && break
				sleep 0.1
			done
		done
		sleep 0.5
		kill -TERM "${PIDS[-1]}"
		wait "${PIDS[-1]}" 2>/dev/null
		"$MAKHZAN" central forward >>"$T/settle.log" 2>&1
	done
	for site in "$@"; do
		MAKHZAN_DB="$T/$site.db" "$MAKHZAN" sync --once \
		    >>"$T/settle.log" 2>&1
	done
}
chaos 4 hms bns
settle hms bns
check_eq "the second shipment reached BNS, in transit" "in_transit" \
    "$(q "$B" "SELECT status FROM document WHERE number = '$TRF2'")"
# HMS offline from here: BNS receives part, with the centre and BNS's sync
# killed at random.
MAKHZAN_DB=$B ok "BNS receives 4 of 10 while HMS is offline" \
    mz transfer receive "$TRF2" --to BNS/A/01 L-5 4
chaos 3 bns
MAKHZAN_DB=$B ok "BNS receives the rest" mz transfer receive "$TRF2" \
    --to BNS/A/01
chaos 3 bns
# HMS back.
chaos 3 hms bns
settle hms bns
check_eq "HMS shows it received" "received" \
    "$(q "$A" "SELECT status FROM document WHERE number = '$TRF2'")"
check_eq "BNS received it" "received" \
    "$(q "$B" "SELECT status FROM document WHERE number = '$TRF2'")"
check_eq "each message applied once at BNS (two shipments)" "2|2" \
    "$(q "$B" "SELECT count(*), count(DISTINCT number) FROM inbound_applied")"
check_eq "each at HMS (three receipts, then two)" "5" \
    "$(q "$A" "SELECT count(*) FROM inbound_applied WHERE kind = 'transfer.receive'")"
check_eq "one document each at BNS" "2" \
    "$(q "$B" "SELECT count(*) FROM document WHERE type = 'TRF'")"
check_eq "BNS's oil: 40 and 10 arrived" "50000" \
    "$(q "$B" "SELECT sum(b.qty) FROM balance b JOIN location l ON l.id = b.location_id JOIN item i ON i.id = b.item_id WHERE l.path = 'BNS/A/01' AND i.code = 'L-5'")"
check_eq "HMS's oil: 100 less 50" "50000" \
    "$(q "$A" "SELECT sum(b.qty) FROM balance b JOIN location l ON l.id = b.location_id JOIN item i ON i.id = b.item_id WHERE l.path = 'HMS/A/01' AND i.code = 'L-5'")"
check_eq "what left HMS for BNS is what BNS took from HMS" \
    "$(q "$A" "SELECT sum(b.qty) FROM balance b JOIN location l ON l.id = b.location_id WHERE l.path = '@SITE/BNS'")" \
    "$(q "$B" "SELECT -sum(b.qty) FROM balance b JOIN location l ON l.id = b.location_id WHERE l.path = '@SITE/HMS'")"
MAKHZAN_DB=$A ok "check at HMS after the faults" mz check
MAKHZAN_DB=$B ok "check at BNS after the faults" mz check
check_eq "the centre agrees: both copies of both transfers received" \
    "BNS|received,BNS|received,HMS|received,HMS|received" \
    "$(sql "SELECT string_agg(site || '|' || status, ',' ORDER BY site) FROM document WHERE number IN ('$TRF', '$TRF2')")"
check_eq "the centre: the oil at BNS's bin as BNS has it" "50000" \
    "$(sql "SELECT sum(qty) FROM balance WHERE site = 'BNS' AND location = 'BNS/A/01' AND item = 'L-5'")"

for site in hms bns; do
	MAKHZAN_DB=$T/$site.db ok "$site: every document as the centre has it" \
	    mz check --against-central "$CONNINFO"
	has_out "$site: none differs or is missing" \
	    "0 differ, 0 missing at the centre, 0 missing here"
	echo "# $site: $OUT"
done
ok "central check at the centre after the faults" mz central check
has_out "both transfers: shipped = received, nothing in transit, sums zero" \
    "central check: 2 transfer(s) and 3 item(s) agree"
ok "the centre: nothing in transit" mz --central "$CONNINFO" transfer list \
    --pending
has_out "says so" "nothing in transit"

# --- sync status: the messages from other sites -------------------------------
# ist DB: sync status's inbound part as one line of words to compare.
ist() {
	MAKHZAN_DB=$1 run "$MAKHZAN" sync status --format json
	python3 -c '
import json, sys
i = json.loads(sys.argv[1])["inbound"]
w = i["waiting"] or ""
print(i["shipments"], i["receipts"], i["in_transit"], i["refused"],
    i["last_applied"] is not None, ("waits" if " waits: " in w else w) if w else "-",
    i["waiting_since"] is not None, sep="|")' "$OUT"
}
check_eq "BNS: two shipments applied, none in transit, the two refused" \
    "2|0|0|2|True|-|False" "$(ist "$B")"
MAKHZAN_DB=$B ok "sync status in words at BNS" mz sync status
has_out "what was applied" "inbound applied:    2 shipment(s) and 0 receipt(s) from other sites"
has_out "what was refused, the last named" "inbound refused:    2, the last at"
has_out "the last refusal named" "unsigned-1 refused: it is not signed"
has_out "nothing waits" "inbound waiting:    none"
check_eq "HMS: five receipts, nothing refused" "0|5|0|0|True|-|False" \
    "$(ist "$A")"
# A shipment that waits: BNS believes its catalogue is caught up (a
# revision ahead of the centre's), and the new depot BNS2 is not in it.
ok "depot BNS2 of site BNS at the centre" mz --central "$CONNINFO" depot add \
    BNS2 --name-ar 'مستودع بانياس ٢' --name-en 'Banias depot 2' --site BNS
REV=$(q "$B" "SELECT revision FROM catalogue_state")
q "$B" "UPDATE catalogue_state SET revision = revision + 1000"
MAKHZAN_DB=$A ok "HMS learns of BNS2" mz sync --once
MAKHZAN_DB=$A ok "ship to BNS2" mz transfer ship --from HMS/A/01 --to BNS2 \
    L-5 3
TRF3=$(grep -o 'HMS-TRF-[0-9-]*' <<<"$OUT" | head -1)
MAKHZAN_DB=$A ok "HMS sends it" mz sync --once
setpriv --pdeathsig TERM -- "$MAKHZAN" central >"$T/central5.log" 2>&1 &
CENTRAL_PID=$!
for ((i = 0; i < 100; i++)); do
	[ "$(sql "SELECT count(*) FROM document WHERE site = 'HMS' AND number = '$TRF3'")" = 1 ] && break
	sleep 0.1
done
kill -TERM "$CENTRAL_PID"
wait "$CENTRAL_PID"
# central forward as a daemon this time: --watch, stopped by SIGTERM.
NODIGEST=1 fails 2 "--every without --watch" mz central forward --every 5
has_err "says so" "--every is for --watch"
NODIGEST=1 fails 2 "--every 0" mz central forward --watch --every 0
has_err "says what it takes" "--every takes seconds, 1 to 3600, not 0"
NODIGEST=1 fails 2 "--every x" mz central forward --watch --every x
has_err "names it" "not x"
setpriv --pdeathsig TERM -- "$MAKHZAN" central forward --watch --every 1 \
    >"$T/fwd.out" 2>"$T/fwd.err" &
FWD_PID=$!
for ((i = 0; i < 100; i++)); do
	[ "$(sql "SELECT count(*) FROM forward WHERE number = '$TRF3'")" = 1 ] && break
	sleep 0.1
done
check_eq "central forward --watch sends it to BNS" "1" \
    "$(sql "SELECT count(*) FROM forward WHERE number = '$TRF3'")"
sleep 1.5
kill -TERM "$FWD_PID"
wait "$FWD_PID"
check_eq "it stops on SIGTERM, exit 0" "0" "$?"
check_eq "saying what it forwarded in all" \
    "central forward: stopped; 1 transfer message(s) to other sites forwarded" \
    "$(cat "$T/fwd.out")"
if grep -q "watching, every 1 s" "$T/fwd.err" &&
    [ "$(grep -c "1 transfer message(s) to other sites forwarded" "$T/fwd.err")" = 1 ]; then
	it_pass "its log: watching, then the one message, once"
else
	it_fail "its log: watching, then the one message, once" "$(cat "$T/fwd.err")"
fi
ok "and once: central forward again forwards nothing" mz central forward
has_out "nothing" "0 transfer message(s) to other sites forwarded"
MAKHZAN_DB=$B run mz sync --once
check_eq "BNS cannot apply it yet: sync --once exits 1" "1" "$RC"
has_err "and says why" "waits: a depot is not in this site's catalogue"
check_eq "sync status: it waits, since when" \
    "2|0|0|2|True|waits|True" "$(ist "$B")"
MAKHZAN_DB=$B ok "sync status in words" mz sync status
has_out "names what waits" "inbound waiting:    inbound message"
has_out "and why" "a depot is not in this site's catalogue (run makhzan sync to catch up with it) (since"
q "$B" "UPDATE catalogue_state SET revision = $REV"
# (the message comes again 5 s after it waited)
got=0
for ((i = 0; i < 20; i++)); do
	MAKHZAN_DB=$B run mz sync --once
	grep -q "inbound: 1 transfer message(s) from other sites applied" \
	    "$T/.out" && { got=1; break; }
	sleep 1
done
check_eq "sync --once applies it once the catalogue catches up" 1 "$got"
check_eq "sync status: three applied, one to receive, nothing waits" \
    "3|0|1|2|True|-|False" "$(ist "$B")"

# --- the terminal UI at BNS: the inbound transfer on the home screen ----------
# (tests/integration/lib-tmux.sh; "transfers waiting to be received"
# lists it, from HMS to BNS2, with since when, as a transfer within BNS)
MAKHZAN_DB=$B ok "a transfer within BNS, to BNS2" mz transfer ship \
    --from BNS/A/01 --to BNS2 L-5 1
TRFB=$(grep -o 'BNS-TRF-[0-9-]*' <<<"$OUT" | head -1)
MAKHZAN_DB=$B tui_start en
on_screen "the login screen at BNS" "Password"
tm send-keys admin Enter "$MAKHZAN_PASSWORD" Enter
wait_for F5 >/dev/null
screen
on_screen "home at BNS" "Home"
on_screen "two transfers waiting: one from another site, one from BNS" \
    "Transfers waiting to be received: 2"
on_screen "HMS's shipment, by its number" "$TRF3"
on_screen "and BNS's own" "$TRFB"
if grep -Eq "$TRF3 +HMS +BNS2 +[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}" \
    "$T/screen"; then
	it_pass "from HMS to BNS2, since when"
else
	it_fail "from HMS to BNS2, since when" "$(grep "$TRF3" "$T/screen")"
fi
off_screen "the transfers BNS received are not listed" "$TRF2"
tm send-keys F10
tm kill-server 2>/dev/null
MAKHZAN_DB=$A tui_start en
tm send-keys admin Enter "$MAKHZAN_PASSWORD" Enter
wait_for F5 >/dev/null
screen
on_screen "home at HMS" "Home"
on_screen "HMS's shipment to BNS2 is not waiting there: BNS receives it" \
    "Transfers waiting to be received: 0"
off_screen "... not by its number either" "$TRF3"
tm kill-server 2>/dev/null

NODIGEST=1 MAKHZAN_DB=$B fails 2 "sync status takes no argument" mz sync \
    status extra
has_err "says so" "sync status takes no arguments"

finish
