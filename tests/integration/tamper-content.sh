# The audit chain covers content (issue 13): edits made with sqlite3 behind
# makhzan's back that leave the audit log itself intact are each found and
# named by makhzan check: a ledger row changed together with its balances,
# a document's cost centre, an outbox payload, a user's role, master data,
# the append-only triggers dropped, and value left where no quantity is.
set -u
. "$(dirname "$0")/lib.sh"

ok "init" mz init --site HMS --admin admin
ok "depot add" mz depot add HMS --name-ar "مستودع حمص" --name-en Homs
ok "depot add BNS" mz depot add BNS --name-ar "مستودع بانياس" --name-en Banias
ok "location add" mz location add HMS/A/01 HMS/A/02 BNS/A/01
ok "cost-centre add CC-DRILL" mz cost-centre add CC-DRILL \
    --name-ar "الحفر" --name-en Drilling
ok "cost-centre add CC-ADMIN" mz cost-centre add CC-ADMIN \
    --name-ar "الإدارة" --name-en Administration
ok "item add" mz item add P-100 --name-ar "صمام" --name-en Valve --uom EA
add_user sk storekeeper
ok "receive" mz receive --to HMS/A/01 P-100 20 --cost 3
ok "issue" mz issue --from HMS/A/01 P-100 5 --to CC-DRILL
ISS=$OUT
ok "move" mz move --from HMS/A/01 --to HMS/A/02 P-100 4
expect_out "check passed" mz check
expect_out "chain intact" mz audit verify

# The posting's entry records the digests of what it wrote.
run sqlite3 "$MAKHZAN_DB" "SELECT json_extract(detail, '$.content.event'),
    length(json_extract(detail, '$.content.document')),
    length(json_extract(detail, '$.content.movements')),
    length(json_extract(detail, '$.content.payload')),
    json_extract(detail, '$.content.lines') FROM audit WHERE doc = '$ISS'"
check_eq "the issue's entry digests its document, movements and event" \
    "2|64|64|64|[1,1]" "$OUT"
run sqlite3 "$MAKHZAN_DB" "SELECT json_extract(detail, '$.rows[0][0]'),
    length(json_extract(detail, '$.rows[0][2]')) FROM audit
    WHERE action = 'user.add'"
check_eq "a user's entry digests the user's row" "user|64" "$OUT"

sqlite3 "$MAKHZAN_DB" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
cp "$MAKHZAN_DB" "$T/clean.db"

# tamper NAME SQL: a fresh copy of the clean database, edited with SQL.
tamper() {
	rm -f "$T/$1" "$T/$1-wal" "$T/$1-shm"
	cp "$T/clean.db" "$T/$1"
	if sqlite3 "$T/$1" "$2"; then
		it_pass "sqlite3 edits $1"
	else
		it_fail "sqlite3 edits $1" "the edit itself failed: $2"
	fi
}

# found FILE TEXT: check exits 1 and names the edit with TEXT, while the
# audit log's own chain is intact (the edit did not touch it).
found() {
	run mz --db "$T/$1" check
	check_eq "check of $1 exits 1" "1" "$RC"
	has_out "check of $1 names it: $2" "$2"
	has_err "check of $1 counts the problems" "check failed"
}

APPEND_ONLY="CREATE TRIGGER movement_no_update BEFORE UPDATE ON movement
BEGIN
	SELECT RAISE(ABORT, 'the stock ledger is append-only');
END;"

# A ledger row changed together with its balances: the triggers dropped,
# the movement and both balances edited, the triggers put back as shipped.
tamper ledger.db "DROP TRIGGER movement_no_update;
    UPDATE movement SET qty = 9000 WHERE doc_id = (SELECT id FROM document
    WHERE number = '$ISS');
    UPDATE balance SET qty = qty - 4000 WHERE location_id = (SELECT id FROM
    location WHERE path = 'HMS/A/01');
    UPDATE balance SET qty = qty + 4000 WHERE location_id = (SELECT id FROM
    location WHERE path = '@CC/CC-DRILL');
    $APPEND_ONLY"
found ledger.db "the movements of $ISS (lines 1 to 1) were changed"
expect_out "chain intact" mz --db "$T/ledger.db" audit verify
run mz --db "$T/ledger.db" check
check_eq "the balances agree with the edited ledger: only the chain sees it" \
    "0" "$(grep -c 'balance of' "$T/.out" || true)"

# A document's cost centre.
tamper costcentre.db "UPDATE document SET cost_centre_id = (SELECT id FROM
    cost_centre WHERE code = 'CC-ADMIN') WHERE number = '$ISS'"
found costcentre.db "document $ISS was changed after entry"

# A transfer marked received while its goods are still on the way.
ok "ship a transfer" mz transfer ship --from HMS/A/02 --to BNS P-100 1
TRF=$OUT
sqlite3 "$MAKHZAN_DB" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
cp "$MAKHZAN_DB" "$T/clean2.db"
rm -f "$T/status.db"*
cp "$T/clean2.db" "$T/status.db"
sqlite3 "$T/status.db" "UPDATE document SET status = 'received'
    WHERE number = '$TRF'"
found status.db "document $TRF was changed after entry"
ok "receive it" mz transfer receive "$TRF" --to BNS/A/01
expect_out "check passed" mz check

# An outbox payload.
tamper payload.db "UPDATE outbox SET payload = replace(payload,
    '\"qty_milli\":5000', '\"qty_milli\":500') WHERE seq = 2"
found payload.db "the outbox event 2 of $ISS was changed"

# An outbox event deleted.
tamper noevent.db "DELETE FROM outbox WHERE seq = 2"
found noevent.db "the outbox event 2 of $ISS was changed or deleted"

# A user's role, with the trigger's mark removed too.
tamper role.db "UPDATE user SET role = 'admin' WHERE name = 'sk';
    DELETE FROM chain_dirty"
found role.db "user sk was changed outside makhzan"
# Without removing the mark: named twice over.
tamper role2.db "UPDATE user SET role = 'admin' WHERE name = 'sk'"
found role2.db "user sk was changed without an audit entry"

# A user added behind makhzan's back.
tamper newuser.db "INSERT INTO user(name, role, pw_hash, created_at)
    SELECT 'mallory', 'admin', pw_hash, created_at FROM user
    WHERE name = 'admin'; DELETE FROM chain_dirty"
found newuser.db "user mallory is not in the audit chain"

# Master data: an item's name and a cost centre's location.
tamper item.db "UPDATE item SET name_en = 'Gold bar' WHERE code = 'P-100';
    DELETE FROM chain_dirty"
found item.db "item P-100 was changed outside makhzan"
tamper ccloc.db "DELETE FROM cost_centre WHERE code = 'CC-ADMIN';
    DELETE FROM chain_dirty"
found ccloc.db "was deleted outside makhzan"

# The site's settings: the currency's decimals change every amount shown.
tamper meta.db "UPDATE meta SET value = '3' WHERE key = 'currency_minor';
    DELETE FROM chain_dirty"
found meta.db "site setting currency_minor was changed outside makhzan"

# What makhzan writes outside the chain is not a problem: the failure count,
# the lock and the language of a user.
tamper prefs.db "UPDATE user SET failures = 2, lang = 'ar' WHERE name = 'sk'"
expect_out "check passed" mz --db "$T/prefs.db" check

# The append-only triggers dropped.
tamper triggers.db "DROP TRIGGER movement_no_update;
    DROP TRIGGER movement_no_delete"
found triggers.db "schema: trigger movement_no_update is missing (dropped)"
has_out "and the other" "schema: trigger movement_no_delete is missing"
# Replaced by one that lets everything through.
tamper weak.db "DROP TRIGGER movement_no_delete;
    CREATE TRIGGER movement_no_delete BEFORE DELETE ON movement
    WHEN 0 BEGIN SELECT RAISE(ABORT, 'no'); END"
found weak.db "schema: trigger movement_no_delete differs from the shipped schema (altered)"
# The chain's own triggers dropped.
tamper chain.db "DROP TRIGGER chain_user_u"
found chain.db "schema: trigger chain_user_u is missing"
# Something added.
tamper added.db "CREATE TRIGGER sneaky AFTER INSERT ON movement BEGIN
    SELECT 1; END"
found added.db "schema: trigger sneaky is not part of makhzan's schema (added)"

# A movement added to a posted document with its balances.
tamper extra.db "INSERT INTO movement(doc_id, line, item_id, lot_id,
    from_loc, to_loc, qty, value, at) SELECT doc_id, 2, item_id, lot_id,
    from_loc, to_loc, 1000, 300, at FROM movement WHERE doc_id = (SELECT id
    FROM document WHERE number = '$ISS');
    UPDATE balance SET qty = qty - 1000 WHERE location_id = (SELECT id FROM
    location WHERE path = 'HMS/A/01');
    UPDATE balance SET qty = qty + 1000 WHERE location_id = (SELECT id FROM
    location WHERE path = '@CC/CC-DRILL')"
found extra.db "document $ISS has 2 movements but its audit entries wrote 1"

# A document with its movement made up entirely.
tamper madeup.db "INSERT INTO document(number, type, depot_id, status,
    created_at, user_id) SELECT 'HMS-ISS-2026-000099', 'ISS', depot_id,
    'posted', created_at, user_id FROM document WHERE number = '$ISS'"
found madeup.db "document HMS-ISS-2026-000099 is not in the audit chain"

# Value where no quantity is.
tamper leak.db "UPDATE item_cost SET value = value + 100"
found leak.db "value of P-100 at HMS is 46.00 but the ledger sums to 45.00"

# The untouched database is still fine, and so is a write after all this.
ok "another posting" mz receive --to HMS/A/02 P-100 1 --cost 3
expect_out "check passed" mz check
finish
