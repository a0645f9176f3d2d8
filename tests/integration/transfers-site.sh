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
. "$IT_DIR/lib-servers.sh"

nats_start hub || { it_fail "nats_start hub" "see above"; finish; }
pg_start --tls || { it_fail "pg_start" "see above"; finish; }

printf '%s\n' "$NATS_PASS" >"$T/nats-pass"
chmod 600 "$T/nats-pass"
printf '%s:%s:%s:%s:%s\n' "$PG_HOST" "$PG_PORT" "$PG_DB" "$PG_USER" \
    "$PG_PASS" >"$T/pgpass"
chmod 600 "$T/pgpass"
CONNINFO="host=$PG_HOST port=$PG_PORT dbname=$PG_DB user=$PG_USER passfile=$T/pgpass"

# ini CENTRE_KEY: one makhzan.ini for the centre and both sites.
ini() {
	cat >"$T/makhzan.ini" <<EOT
[bus]
nats = $NATS_URL_hub
user = $NATS_USER
password_file = $T/nats-pass
ca = $SRV_CA
catalogue = central
${1:+centre_key = $1}

[central]
nats = $NATS_URL_hub
user = $NATS_USER
password_file = $T/nats-pass
ca = $SRV_CA
pg = $CONNINFO
sign_key = $T/centre.key
EOT
}
export MAKHZAN_CONFIG=$T/makhzan.ini
ini ""

sql() {
	pg_psql -At -c "$1"
}

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
ok "check at HMS passes (sums zero with @SITE/BNS)" mz check
check_eq "value conserved: what left HMS is at @SITE/BNS" \
    "$(q "$A" "SELECT sum(value) FROM movement m JOIN location l ON l.id = m.from_loc WHERE l.path = 'HMS/A/01' AND m.doc_id = (SELECT id FROM document WHERE number = '$TRF')")" \
    "$(q "$A" "SELECT sum(value) FROM movement m JOIN location l ON l.id = m.to_loc WHERE l.path = '@SITE/BNS'")"
ok "transfer list --pending at HMS shows it" mz transfer list --pending
has_out "in transit" "$TRF"

finish
