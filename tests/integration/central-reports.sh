# The managers' reports at the centre (docs/reports.md, "At the centre"):
# makhzan --central CONNINFO report NAME runs each report on the centre's
# PostgreSQL from the same definitions as at a depot.  Against real
# servers (a nats-server with JetStream and a throwaway PostgreSQL): two
# sites, HMS (depots HMS and HMS2) and BNS, post receipts, issues, a move,
# an adjustment, a reversal and transfers (within a site, half received,
# and to the other site); their events reach the centre; every report the
# centre serves equals the same report run at the sites, row by row and
# item by item (for the whole ministry, the sites' rows together), in
# JSON and CSV; the two the centre has no data for say so in one line;
# bad filters at the centre are one line.
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

ini() {
	cat >"$T/makhzan.ini" <<EOT
[makhzan]
tz = UTC

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

# applied SITE DB: run the centre until it has applied every event of DB.
applied() {
	local n pid i
	n=$(sqlite3 "$2" "SELECT count(*) FROM outbox")
	setpriv --pdeathsig TERM -- "$MAKHZAN" central >>"$T/central.log" 2>&1 &
	pid=$!
	for ((i = 0; i < 150; i++)); do
		[ "$(sql "SELECT count(*) FROM event WHERE site = '$1' AND applied_at IS NOT NULL")" = "$n" ] && break
		sleep 0.1
	done
	kill -TERM "$pid"
	wait "$pid"
	check_eq "the centre applied every event of $1" "$n" \
	    "$(sql "SELECT count(*) FROM event WHERE site = '$1' AND applied_at IS NOT NULL")"
}

A=$T/hms.db
B=$T/bns.db
C="--central"

# --- the centre, its catalogue, two sites ---------------------------------------
ok "central setup" mz central setup
ok "central keygen" mz central keygen
CENTRE_KEY=$(sed -n 's/^centre_key = //p' <<<"$OUT")
ini "$CENTRE_KEY"
MAKHZAN_DB=$A ok "init HMS" mz init --site HMS --admin admin
MAKHZAN_DB=$B ok "init BNS" mz init --site BNS --admin admin
ok "depot HMS" mz $C "$CONNINFO" depot add HMS --name-ar 'مستودع حمص' \
    --name-en 'Homs depot' --site HMS
ok "depot HMS2" mz $C "$CONNINFO" depot add HMS2 --name-ar 'مستودع حمص ٢' \
    --name-en 'Homs depot 2' --site HMS
ok "depot BNS" mz $C "$CONNINFO" depot add BNS --name-ar 'مستودع بانياس' \
    --name-en 'Banias depot' --site BNS
ok "cost centre CC-DRILL" mz $C "$CONNINFO" cost-centre add CC-DRILL \
    --name-ar 'حفر' --name-en Drilling
ok "cost centre CC-MAINT" mz $C "$CONNINFO" cost-centre add CC-MAINT \
    --name-ar 'صيانة' --name-en Maintenance
ok "item P-100 (min 15, max 50)" mz $C "$CONNINFO" item add P-100 \
    --name-ar 'صمام بوابة' --name-en 'Gate valve' --uom EA \
    --category valves --min 15 --max 50
ok "item M-7 (lot)" mz $C "$CONNINFO" item add M-7 --name-ar 'دواء' \
    --name-en Medicine --uom BOX --category meds --tracking lot
ok "item L-5 (min 200, max 500)" mz $C "$CONNINFO" item add L-5 \
    --name-ar 'زيت' --name-en 'Lube oil' --uom L --category oils \
    --min 200 --max 500
ok "item S-9 (serial)" mz $C "$CONNINFO" item add S-9 --name-ar 'مضخة' \
    --name-en Pump --uom EA --category valves --tracking serial
MAKHZAN_DB=$A ok "HMS takes the catalogue" mz sync --once
MAKHZAN_DB=$B ok "BNS takes the catalogue" mz sync --once
ok "the centre registers HMS" mz central sites add HMS --key \
    "$(MAKHZAN_DB=$A mz bus key)"
ok "the centre registers BNS" mz central sites add BNS --key \
    "$(MAKHZAN_DB=$B mz bus key)"

# --- HMS ---------------------------------------------------------------------------
export MAKHZAN_DB=$A
ok "bins at HMS" mz location add HMS/A/01 HMS/A/02 HMS2/A/01
ok "GRN oil" mz receive --to HMS/A/01 L-5 100 --cost 2.50 --supplier ACME
ok "GRN valves" mz receive --to HMS/A/01 P-100 20 --cost 10 --supplier ACME
ok "GRN a lot" mz receive --to HMS/A/02 M-7 30 --lot LOT-A --cost 10
ok "GRN pumps" mz receive --to HMS/A/02 S-9 2 --serial SN-1 --serial SN-2 \
    --cost 300
ok "ISS valves to CC-DRILL" mz issue --from HMS/A/01 P-100 5 --to CC-DRILL \
    --requester Ali
ok "ISS oil to CC-MAINT" mz issue --from HMS/A/01 L-5 30 --to CC-MAINT
ok "MOV valves" mz move --from HMS/A/01 --to HMS/A/02 P-100 5
ok "ADJ oil" mz adjust HMS/A/01 L-5 -2 --reason spilt
ok "ISS a lot" mz issue --from HMS/A/02 M-7 4 --lot LOT-A --to CC-MAINT
REV_OF=$(grep -o 'HMS-ISS-[0-9-]*' <<<"$OUT" | head -1)
ok "REV of it" mz reverse "$REV_OF" --reason 'wrong item'
ok "TRF oil to HMS2" mz transfer ship --from HMS/A/01 --to HMS2 L-5 10
TRF2=$(grep -o 'HMS-TRF-[0-9-]*' <<<"$OUT" | head -1)
ok "HMS2 receives 4 of 10" mz transfer receive "$TRF2" --to HMS2/A/01 L-5 4
ok "TRF valves to BNS, another site" mz transfer ship --from HMS/A/02 \
    --to BNS P-100 3
TRF=$(grep -o 'HMS-TRF-[0-9-]*' <<<"$OUT" | head -1)

# --- BNS ---------------------------------------------------------------------------
export MAKHZAN_DB=$B
ok "a bin at BNS" mz location add BNS/A/01
ok "GRN oil at BNS" mz receive --to BNS/A/01 L-5 60 --cost 3 --supplier OILCO
ok "GRN valves at BNS" mz receive --to BNS/A/01 P-100 4 --cost 12
ok "ISS oil at BNS" mz issue --from BNS/A/01 L-5 5 --to CC-DRILL

# --- to the centre -------------------------------------------------------------------
MAKHZAN_DB=$A ok "HMS sends its events" mz sync --once
applied HMS "$A"
MAKHZAN_DB=$B ok "BNS sends its events" mz sync --once
applied BNS "$B"
ok "central forward" mz central forward
MAKHZAN_DB=$B ok "BNS applies the shipment" mz sync --once
MAKHZAN_DB=$B ok "BNS receives 1 of the 3 valves" mz transfer receive "$TRF" \
    --to BNS/A/01 P-100 1
MAKHZAN_DB=$B ok "BNS sends its events" mz sync --once
applied BNS "$B"
ok "central forward the receipt" mz central forward
MAKHZAN_DB=$A ok "HMS applies it" mz sync --once
MAKHZAN_DB=$A ok "check HMS" mz check
MAKHZAN_DB=$B ok "check BNS" mz check
ok "central check" mz central check
unset MAKHZAN_DB

if [ -n "${CR_HOLD:-}" ]; then
	echo "CONNINFO=$CONNINFO"
	echo "A=$A B=$B T=$T PG_SUPER=$PG_SUPER PG_BIN=$PG_BIN"
	sleep "$CR_HOLD"
fi

finish
