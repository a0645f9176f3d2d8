# The national catalogue (docs/catalogue.md) against real servers: a
# nats-server with JetStream, TLS and a password, and a throwaway
# PostgreSQL.  The centre adds and changes items, units, depots and cost
# centres with the depot's commands and columns (--central CONNINFO); they
# reach two depot databases through the bucket MAKHZAN_CATALOGUE, signed by
# the centre; a depot offline during three changes catches up with all
# three; bad input at the centre is one line and changes nothing there; a
# depot with catalogue = central refuses local edits in one line; a value
# whose signature does not verify is not applied; a depot without a bus
# works as before.
set -u
. "$(dirname "$0")/lib.sh"
. "$IT_DIR/lib-national.sh"
ini() {
	national_ini "$@"
}
ini local

# q DB SQL: one value from a depot database.
q() {
	sqlite3 "$1" "$2"
}

A=$T/hms.db
B=$T/bns.db

# --- the centre ------------------------------------------------------------------
ok "central setup makes the catalogue tables" mz central setup
check_eq "catalogue tables at the centre" "5" \
    "$(sql "SELECT count(*) FROM information_schema.tables WHERE table_name IN ('cat_item','cat_barcode','cat_unit','cat_depot','cat_cost_centre')")"
ok "central keygen" mz central keygen
CENTRE_KEY=$(sed -n 's/^centre_key = //p' <<<"$OUT")
check_eq "keygen prints the public key for centre_key" "44" "${#CENTRE_KEY}"
check_eq "the centre's key is mode 600" "600" "$(stat -c %a "$T/centre.key")"
ini central "$CENTRE_KEY"

# --- two depots, each its own site and database ---------------------------------
MAKHZAN_DB=$A ok "init HMS" mz init --site HMS --admin admin
MAKHZAN_DB=$B ok "init BNS" mz init --site BNS --admin admin
export MAKHZAN_DB=$A

# --- bad input at the centre: one line, nothing changed --------------------------
changes() {
	sql "SELECT count(*) FROM catalogue_change"
}
before=$(changes)
fails 1 "a bad item code is refused at the centre" \
    mz --central "$CONNINFO" item add 'p 100' --name-ar 'مضخة' \
    --name-en Pump --uom EA
has_err "in the depot's words" 'bad item code "p 100"'
fails 1 "max below min is refused at the centre" \
    mz --central "$CONNINFO" item add P-9 --name-ar 'مضخة' \
    --name-en Pump --uom EA --min 5 --max 2
has_err "names the reorder levels" "maximum must not be below the minimum"
fails 1 "a bad unit is refused at the centre" \
    mz --central "$CONNINFO" item add P-9 --name-ar 'مضخة' \
    --name-en Pump --uom 'E A'
fails 2 "depot add at the centre needs --site" \
    mz --central "$CONNINFO" depot add HMS --name-ar 'حمص' --name-en Homs
fails 1 "a bad site is refused" \
    mz --central "$CONNINFO" depot add HMS --name-ar 'حمص' \
    --name-en Homs --site 'H.S'
has_err "names the site" 'bad site "H.S"'
printf 'code,name_ar,name_en,uom\nP-7,مضخة,Pump,EA\nbad code,x,y,EA\n' \
    >"$T/bad.csv"
check_eq "nothing changed at the centre" "$before" "$(changes)"

# --- the catalogue made at the centre -------------------------------------------
ok "item add at the centre" mz --central "$CONNINFO" item add P-100 \
    --name-ar 'مضخة طرد مركزي' --name-en 'Centrifugal pump' --uom EA \
    --min 5 --max 50 --tracking serial --barcode 6291041500213
ok "unit add at the centre" mz --central "$CONNINFO" unit add P-100 BOX 12
ok "depot add HMS --site HMS" mz --central "$CONNINFO" depot add HMS \
    --name-ar 'مستودع حمص' --name-en 'Homs depot' --site HMS
ok "depot add BNS --site BNS" mz --central "$CONNINFO" depot add BNS \
    --name-ar 'مستودع بانياس' --name-en 'Banias depot' --site BNS
ok "cost-centre add at the centre" mz --central "$CONNINFO" cost-centre add \
    MAINT --name-ar 'الصيانة' --name-en Maintenance
printf 'code,name_ar,name_en,uom,min,barcodes\nL-5,زيت,Lube oil,L,100,6291041500220\n' \
    >"$T/items.csv"
ok "item import at the centre (the depot's columns)" \
    mz --central "$CONNINFO" item import "$T/items.csv"
fails 1 "the same item again is refused at the centre" \
    mz --central "$CONNINFO" item add P-100 --name-ar 'مضخة' \
    --name-en Pump --uom EA
has_err "in the depot's words" "item P-100 already exists"
fails 1 "a barcode of another item is refused at the centre" \
    mz --central "$CONNINFO" item add P-101 --name-ar 'مضخة' \
    --name-en Pump --uom EA --barcode 6291041500213
check_eq "every change published" "0" \
    "$(sql "SELECT count(*) FROM catalogue_change WHERE published_at IS NULL")"
check_eq "six changes at the centre" "6" "$(changes)"

MAKHZAN_DB=$A ok "item list at the centre" mz --central "$CONNINFO" item list \
    --format json
json_check "the national catalogue, in the depot's columns" '
assert [r["code"] for r in d] == ["L-5", "P-100"], d
p = d[1]
assert p["min"] == D("5") and p["barcodes"] == "6291041500213", p'
MAKHZAN_DB=$A ok "item list --search at the centre folds Arabic" \
    mz --central "$CONNINFO" item list --search 'مضخه' --format csv
check_eq "one item found" "2" "$(grep -c '' <<<"$OUT")"
MAKHZAN_DB=$A ok "item export at the centre" \
    mz --central "$CONNINFO" item export
has_out "CSV with the item's barcode" "6291041500213"

# --- both depots take it --------------------------------------------------------
MAKHZAN_DB=$A ok "sync --once at HMS" mz sync --once
has_out "says what it applied" "6 change(s) applied"
MAKHZAN_DB=$B ok "sync --once at BNS" mz sync --once
for db in "$A" "$B"; do
	s=$(basename "$db" .db)
	check_eq "$s: the item with its names and levels" \
	    "مضخة طرد مركزي|Centrifugal pump|serial|5000|50000" \
	    "$(q "$db" "SELECT name_ar, name_en, tracking, min_qty, max_qty FROM item WHERE code = 'P-100'")"
	check_eq "$s: its barcode" "P-100" \
	    "$(q "$db" "SELECT i.code FROM item_barcode b JOIN item i ON i.id = b.item_id WHERE barcode = '6291041500213'")"
	check_eq "$s: its unit" "BOX|12000" \
	    "$(q "$db" "SELECT unit, factor FROM item_unit u JOIN item i ON i.id = u.item_id WHERE i.code = 'P-100'")"
	check_eq "$s: the imported item" "Lube oil|100000" \
	    "$(q "$db" "SELECT name_en, min_qty FROM item WHERE code = 'L-5'")"
	check_eq "$s: the cost centre and its location" "MAINT|@CC/MAINT" \
	    "$(q "$db" "SELECT c.code, l.path FROM cost_centre c JOIN location l ON l.id = c.location_id")"
	check_eq "$s: both depots with their virtual locations" "8" \
	    "$(q "$db" "SELECT count(*) FROM location WHERE path GLOB 'HMS/@*' OR path GLOB 'BNS/@*'")"
done
check_eq "HMS: its own depot has no other site, BNS is of site BNS" \
    "BNS|BNS,HMS|" "$(q "$A" "SELECT group_concat(code || '|' || coalesce(site, ''), ',') FROM (SELECT * FROM depot ORDER BY code)")"
# search finds it by its Arabic name, folded (ه for ة)
MAKHZAN_DB=$A expect_out "P-100" mz item list --search 'مضخه'
# each change has its audit entry
MAKHZAN_DB=$A expect_out "catalogue.item" mz audit log
MAKHZAN_DB=$A ok "the audit chain verifies" mz audit verify
MAKHZAN_DB=$A ok "sync --once again" mz sync --once
has_out "applies nothing twice" "0 change(s) applied"
check_eq "six catalogue entries in the audit log" "6" \
    "$(q "$A" "SELECT count(*) FROM audit WHERE action LIKE 'catalogue.%'")"

# --- a change of name and minimum reaches both ----------------------------------
ok "item edit at the centre" mz --central "$CONNINFO" item edit P-100 \
    --name-en 'Centrifugal pump, 4 inch' --min 7
fails 1 "an edit the depot would refuse is refused" \
    mz --central "$CONNINFO" item edit P-100 --min 60
has_err "names the reorder levels" "maximum must not be below the minimum"
MAKHZAN_DB=$A ok "sync --once at HMS" mz sync --once
MAKHZAN_DB=$B ok "sync --once at BNS" mz sync --once
for db in "$A" "$B"; do
	check_eq "$(basename "$db" .db): the new name and minimum" \
	    "Centrifugal pump, 4 inch|7000|50000" \
	    "$(q "$db" "SELECT name_en, min_qty, max_qty FROM item WHERE code = 'P-100'")"
done
# search finds the new name
MAKHZAN_DB=$A expect_out "P-100" mz item list --search 'inch'

# --- BNS offline during three changes; HMS's daemon takes them at once ----------
MAKHZAN_DB=$A setpriv --pdeathsig TERM -- "$MAKHZAN" sync \
    >"$T/sync-hms.log" 2>&1 &
SYNC_PID=$!
ok "change 1: a new item" mz --central "$CONNINFO" item add V-200 \
    --name-ar 'صمام' --name-en 'Gate valve' --uom EA --tracking lot \
    --shelf-life 365
ok "change 2: the pump's name" mz --central "$CONNINFO" item edit P-100 \
    --name-ar 'مضخة طرد مركزي ٤ إنش'
ok "change 3: the pump's minimum and a barcode" mz --central "$CONNINFO" \
    item edit P-100 --min 9 --barcode 6291041500237
for ((i = 0; i < 100; i++)); do
	[ "$(q "$A" "SELECT min_qty FROM item WHERE code = 'P-100'")" = 9000 ] &&
	    break
	sleep 0.1
done
check_eq "the daemon at HMS applied the three changes" \
    "9000|Gate valve|2" \
    "$(q "$A" "SELECT (SELECT min_qty FROM item WHERE code = 'P-100'), (SELECT name_en FROM item WHERE code = 'V-200'), (SELECT count(*) FROM item_barcode b JOIN item i ON i.id = b.item_id WHERE i.code = 'P-100')")"
# The bus killed under the daemon and back: it connects again and applies
# what was changed meanwhile.
nats_kill hub
sleep 1
nats_restart hub || it_fail "nats_restart hub" "see above"
ok "a change after the outage" mz --central "$CONNINFO" item edit V-200 \
    --category Valves
for ((i = 0; i < 300; i++)); do
	[ "$(q "$A" "SELECT category FROM item WHERE code = 'V-200'")" = Valves ] &&
	    break
	sleep 0.1
done
check_eq "the daemon at HMS applied it after the bus came back" "Valves" \
    "$(q "$A" "SELECT category FROM item WHERE code = 'V-200'")"
kill -TERM "$SYNC_PID"
wait "$SYNC_PID"
check_eq "the daemon stops on SIGTERM with 0" "0" "$?"
check_eq "its log says it connected, lost the bus and connected again" \
    "2|1" "$(grep -c 'catalogue: connected to' "$T/sync-hms.log")|$(grep -c 'catalogue: lost the connection' "$T/sync-hms.log")"
check_eq "BNS has none of them yet" "7000|0" \
    "$(q "$B" "SELECT (SELECT min_qty FROM item WHERE code = 'P-100'), (SELECT count(*) FROM item WHERE code = 'V-200')")"
MAKHZAN_DB=$B ok "BNS back: sync --once" mz sync --once
has_out "all four applied (three, and the one after the outage)" \
    "4 change(s) applied"
check_eq "BNS has all three" \
    "9000|مضخة طرد مركزي ٤ إنش|Gate valve|lot|365|2" \
    "$(q "$B" "SELECT (SELECT min_qty FROM item WHERE code = 'P-100'), (SELECT name_ar FROM item WHERE code = 'P-100'), (SELECT name_en || '|' || tracking || '|' || shelf_life FROM item WHERE code = 'V-200'), (SELECT count(*) FROM item_barcode b JOIN item i ON i.id = b.item_id WHERE i.code = 'P-100')")"
check_eq "both depots at the same revision as the centre" \
    "$(sql "SELECT max(revision) FROM catalogue_change")" \
    "$(q "$B" "SELECT revision FROM catalogue_state")"
check_eq "HMS at the same revision" \
    "$(q "$B" "SELECT revision FROM catalogue_state")" \
    "$(q "$A" "SELECT revision FROM catalogue_state")"
MAKHZAN_DB=$B run mz sync status
has_out "sync status shows the catalogue's revision" "catalogue:"
MAKHZAN_DB=$B run mz sync status --format json
json_check "and in JSON" 'assert d["catalogue_revision"] == '"$(q "$B" "SELECT revision FROM catalogue_state")"' and d["catalogue_error"] is None, d'

# --- the bus away at the centre: saved, sent later -------------------------------
nats_stop hub
run mz --central "$CONNINFO" cost-centre add OPS --name-ar 'العمليات' \
    --name-en Operations
check_eq "with the bus away the change is saved, and the command fails" \
    "1|1" "$RC|$(grep -c '' "$T/.err")"
has_err "says it is not sent yet and what sends it" "makhzan central publish"
check_eq "one change waits at the centre" "1" \
    "$(sql "SELECT count(*) FROM catalogue_change WHERE published_at IS NULL")"
nats_restart hub || it_fail "nats_restart hub" "see above"
ok "central publish sends it" mz central publish
has_out "one published" "1 catalogue change(s) published; 0 waiting"
MAKHZAN_DB=$B ok "BNS takes it" mz sync --once
check_eq "the cost centre at BNS" "Operations" \
    "$(q "$B" "SELECT name_en FROM cost_centre WHERE code = 'OPS'")"

# --- local edits at a catalogue = central depot: one line ------------------------
fails 1 "item add refused at a central-catalogue depot" \
    mz item add X-1 --name-ar 'س' --name-en X --uom EA
has_err "says where to make it" "make the change there, with makhzan --central CONNINFO item add"
fails 1 "unit add refused" mz unit add P-100 CASE 24
fails 1 "depot add refused" mz depot add ADR --name-ar 'عدرا' --name-en Adra
fails 1 "cost-centre add refused" \
    mz cost-centre add QA --name-ar 'الجودة' --name-en Quality
printf 'code,name_ar,name_en,uom\nX-2,س,X,EA\n' >"$T/x.csv"
NODIGEST= fails 1 "item import refused at its first row" \
    mz item import "$T/x.csv"
fails 2 "--site without --central is refused" \
    mz depot add ADR --name-ar 'عدرا' --name-en Adra --site ADR

# --- a value the centre did not sign is not applied ------------------------------
# A value for item.P-100 signed with another key, put in the bucket as a
# publisher with the bus's password could: the depot refuses it, says why,
# and stays at its revision.
mz bus keygen >/dev/null 2>&1
cat >"$T/evil.ini" <<EOT
[central]
nats = $NATS_URL_hub
user = $NATS_USER
password_file = $T/nats-pass
ca = $SRV_CA
pg = $CONNINFO
sign_key = $T/evil.key
EOT
MAKHZAN_CONFIG=$T/evil.ini mz central keygen >/dev/null
rev_before=$(q "$B" "SELECT revision FROM catalogue_state")
ok "a change at the centre" mz --central "$CONNINFO" item edit L-5 --min 1
sql "UPDATE catalogue_change SET published_at = NULL, revision = NULL WHERE seq = (SELECT max(seq) FROM catalogue_change)" >/dev/null
sql "UPDATE catalogue_change SET value = jsonb_set(value, '{min}', '999999') WHERE seq = (SELECT max(seq) FROM catalogue_change)" >/dev/null
MAKHZAN_CONFIG=$T/evil.ini ok "published again signed by another key" \
    mz central publish
MAKHZAN_DB=$B run mz sync --once
check_eq "the depot refuses a value not signed by the centre, in one line" \
    "1|1" "$RC|$(grep -c '' "$T/.err")"
has_err "says whose key it is" "not by the centre's key"
has_out "the outbox is sent all the same" "sent 0 events"
check_eq "at BNS the centre's change of L-5 is applied, the forged one not" \
    "1000" \
    "$(q "$B" "SELECT min_qty FROM item WHERE code = 'L-5'")"
check_eq "the error is kept for sync status" "1" \
    "$(q "$B" "SELECT count(*) FROM catalogue_state WHERE last_error LIKE '%key%'")"

# --- a depot on the bus keeping its own catalogue: its edits go up -----------------
sed 's/^catalogue = central$/catalogue = local/; /^centre_key/d' \
    "$T/makhzan.ini" >"$T/local.ini"
L=$T/loc.db
MAKHZAN_CONFIG=$T/local.ini MAKHZAN_DB=$L ok "init LOC (catalogue = local)" \
    mz init --site LOC --admin admin
LOC_KEY=$(MAKHZAN_CONFIG=$T/local.ini MAKHZAN_DB=$L "$MAKHZAN" bus key)
ok "the centre registers LOC" mz central sites add LOC --key "$LOC_KEY"
MAKHZAN_CONFIG=$T/local.ini MAKHZAN_DB=$L ok "item add at a local-catalogue depot" \
    mz item add LOC-1 --name-ar 'قطعة' --name-en 'Local part' --uom EA
check_eq "it is an event in the outbox" "item.add|LOC-1" \
    "$(q "$L" "SELECT type, json_extract(payload, '$.code') FROM outbox")"
MAKHZAN_CONFIG=$T/local.ini MAKHZAN_DB=$L ok "sync --once sends it" \
    mz sync --once
has_out "one event sent" "sent 1 events"
setpriv --pdeathsig TERM -- "$MAKHZAN" central >"$T/central.log" 2>&1 &
CENTRAL_PID=$!
for ((i = 0; i < 100; i++)); do
	[ "$(sql "SELECT count(*) FROM event WHERE site = 'LOC' AND type = 'item.add' AND applied_at IS NOT NULL")" = 1 ] && break
	sleep 0.1
done
check_eq "the centre keeps it for its record" "1" \
    "$(sql "SELECT count(*) FROM event WHERE site = 'LOC' AND type = 'item.add' AND applied_at IS NOT NULL")"
kill -TERM "$CENTRAL_PID"
wait "$CENTRAL_PID"

# --- transfers between sites, first step: the centre forwards a shipment ----------
# HMS ships to BNS, a depot of another site known from the catalogue; the
# centre applies the shipment and forwards it, signed, to BNS's subject of
# MAKHZAN_INBOUND, once.
export MAKHZAN_DB=$A
ok "a bin at HMS (locations stay the depot's own)" mz location add HMS/A/01
ok "receive at HMS" mz receive --to HMS/A/01 L-5 100
ok "ship to BNS, a depot of site BNS" mz transfer ship --from HMS/A/01 \
    --to BNS L-5 40
TRF=$(grep -o 'HMS-TRF-[0-9-]*' <<<"$OUT" | head -1)
ok "the centre registers HMS" mz central sites add HMS --key \
    "$(mz bus key)"
# (HMS's catalogue is stuck at the forged value above: its events go all
# the same.)
run mz sync --once
has_out "HMS sends its receipt and its shipment" "sent 2 events"
setpriv --pdeathsig TERM -- "$MAKHZAN" central >"$T/central2.log" 2>&1 &
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
has_out "one shipment forwarded" "1 transfer message(s) to other sites forwarded"
ok "central forward again" mz central forward
has_out "forwarded once" "0 transfer message(s) to other sites forwarded"
check_eq "the centre keeps what it forwarded, to whom" "HMS|$TRF|BNS" \
    "$(sql "SELECT site, number, to_site FROM forward")"
run nats_js hub STREAM.MSG.GET.MAKHZAN_INBOUND '{"seq":1}' --expect \
    'd["message"]["subject"] == "makhzan.BNS.inbound.transfer.ship"'
check_eq "on BNS's subject of MAKHZAN_INBOUND" "0" "$RC"
run nats_js hub STREAM.INFO.MAKHZAN_INBOUND '' --expect \
    'd["state"]["messages"] == 1'
check_eq "one message in the stream" "0" "$RC"

# --- a depot without a bus works as today ----------------------------------------
: >"$T/none.ini"
MAKHZAN_CONFIG=$T/none.ini MAKHZAN_DB=$T/alone.db ok "a standalone depot" \
    mz init --site ALN --admin admin
MAKHZAN_CONFIG=$T/none.ini MAKHZAN_DB=$T/alone.db ok \
    "catalogue = local (the default): item add works" \
    mz item add X-1 --name-ar 'س' --name-en X --uom EA
printf '[bus]\ncatalogue = sometimes\n' >"$T/bad.ini"
MAKHZAN_CONFIG=$T/bad.ini MAKHZAN_DB=$T/alone.db NODIGEST=1 fails 2 \
    "catalogue = must be local or central" mz item list

finish
