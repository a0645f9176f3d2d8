# The limits of quantities and money, and value conserved like quantity
# (issue 13): a posting past a limit is refused with the figures and writes
# nothing; a reversal of a received or partly received transfer puts every
# depot's value back and leaves none in transit; makhzan check names in
# words a database that already holds overflowed or leaked rows.
set -u
. "$(dirname "$0")/lib.sh"

ok "init" mz init --site HMS --admin admin
ok "depot add HMS" mz depot add HMS --name-ar "مستودع حمص" --name-en Homs
ok "depot add BNS" mz depot add BNS --name-ar "مستودع بانياس" \
    --name-en Banias
ok "location add" mz location add HMS/A/01 HMS/A/02 BNS/A/01
ok "item add P-100" mz item add P-100 --name-ar "صمام" --name-en Valve \
    --uom EA
ok "item add P-MAX" mz item add P-MAX --name-ar "حشية" --name-en Gasket \
    --uom EA
ok "item add P-VAL" mz item add P-VAL --name-ar "مضخة" --name-en Pump \
    --uom EA

# value ITEM DEPOT: the depot's valuation of the item, in minor units.
value() {
	sqlite3 "$MAKHZAN_DB" "SELECT coalesce((SELECT c.value FROM item_cost c
	    JOIN item i ON i.id = c.item_id JOIN depot d ON d.id = c.depot_id
	    WHERE i.code = '$1' AND d.code = '$2'), 0)"
}
# at_loc PATH: the value the ledger leaves at a location (in - out).
at_loc() {
	sqlite3 "$MAKHZAN_DB" "SELECT coalesce(sum(v), 0) FROM (SELECT
	    to_loc AS loc, value AS v FROM movement UNION ALL SELECT from_loc,
	    -value FROM movement) x JOIN location l ON l.id = x.loc
	    WHERE l.path = '$1'"
}

# --- quantities: 10^12 units a balance --------------------------------------
python3 -c '
print("item,qty")
for i in range(10000):
    print("P-100,999999999999.999")' >"$T/big.csv"
fails 1 "10,000 lines of 999999999999.999 into one bin are refused" \
    mz receive --to HMS/A/01 --lines "$T/big.csv"
has_err "the refusal names the bin" "HMS/A/01 has 999999999999.999 EA of P-100"
has_err "the refusal gives the addition and the limit" \
    "999999999999.999 more would pass the limit of 1000000000000 per balance"
has_err "the refusal names the line" "line 3"
ok "one line of 999999999999.999 is taken" mz receive --to HMS/A/02 \
    P-MAX 999999999999.999
ok "up to the limit exactly" mz receive --to HMS/A/02 P-MAX 0.001
fails 1 "one thousandth past the limit is refused" mz receive \
    --to HMS/A/02 P-MAX 0.001
has_err "with the figures" \
    "HMS/A/02 has 1000000000000 EA of P-MAX, 0.001 more would pass"
fails 1 "an adjustment up into a full bin is refused" mz adjust HMS/A/02 \
    P-MAX 1 --reason found
# The supplier's side is a balance too (it goes negative).
fails 1 "the supplier past the limit the other way is refused" mz receive \
    --to HMS/A/01 P-MAX 1
has_err "naming the supplier and the negative limit" \
    "HMS/@SUPPLIER has -1000000000000 EA of P-MAX, taking 1 more would pass the limit of -1000000000000"
expect_out "check passed" mz check

# --- money: 10^17 minor units an item and depot ------------------------------
fails 1 "1000 at 50,000,000,000,000 is refused" mz receive --to HMS/A/01 \
    P-VAL 1000 --cost 50000000000000
has_err "with the value and the limit" \
    "value too large: HMS holds 0.00 of P-VAL, 50000000000000000.00 more would pass the limit of 1000000000000000.00"
fails 1 "and again" mz receive --to HMS/A/01 P-VAL 1000 --cost 50000000000000
ok "half the limit is taken" mz receive --to HMS/A/01 P-VAL 1000 \
    --cost 500000000000
fails 1 "the second half and more is refused" mz receive --to HMS/A/01 \
    P-VAL 1000 --cost 500000000001
has_err "with what the depot holds" \
    "HMS holds 500000000000000.00 of P-VAL, 500000000001000.00 more"
check_eq "the value is the first receipt's" "50000000000000000" \
    "$(value P-VAL HMS)"
expect_out "check passed" mz check

# --- value conserved: the reversal of a received transfer --------------------
ok "HMS 10 at 10.00" mz receive --to HMS/A/01 P-100 10 --cost 10
ok "BNS 10 at 30.00" mz receive --to BNS/A/01 P-100 10 --cost 30
ok "ship 5 HMS to BNS" mz transfer ship --from HMS/A/01 --to BNS P-100 5
TRF=$OUT
ok "receive them" mz transfer receive "$TRF" --to BNS/A/01
check_eq "BNS holds 350.00 for 15" "35000" "$(value P-100 BNS)"
ok "reverse the transfer" mz reverse "$TRF" --reason "wrong depot"
check_eq "HMS is back to 100.00" "10000" "$(value P-100 HMS)"
check_eq "BNS is back to 300.00 (was 233.33)" "30000" "$(value P-100 BNS)"
check_eq "nothing is left in transit" "0" "$(at_loc BNS/@TRANSIT)"
expect_out "check passed" mz check

# --- partly received, then reversed ------------------------------------------
ok "ship 7" mz transfer ship --from HMS/A/01 --to BNS P-100 7
TRF=$OUT
ok "receive 3 of them" mz transfer receive "$TRF" --to BNS/A/01 P-100 3
ok "and 1 more" mz transfer receive "$TRF" --to BNS/A/01 P-100 1
ok "reverse the rest and the receipts" mz reverse "$TRF" --reason "recall"
check_eq "HMS is back to 100.00" "10000" "$(value P-100 HMS)"
check_eq "BNS is back to 300.00" "30000" "$(value P-100 BNS)"
check_eq "nothing is left in transit" "0" "$(at_loc BNS/@TRANSIT)"
expect_out "check passed" mz check

# --- partly received, then the rest ------------------------------------------
ok "ship 7 at a price that does not divide" mz transfer ship \
    --from HMS/A/01 --to BNS P-100 7
TRF=$OUT
ok "receive 3" mz transfer receive "$TRF" --to BNS/A/01 P-100 3
ok "receive the rest" mz transfer receive "$TRF" --to BNS/A/01
check_eq "all of the 70.00 arrived at BNS" "37000" "$(value P-100 BNS)"
check_eq "HMS keeps 30.00 for 3" "3000" "$(value P-100 HMS)"
check_eq "nothing is left in transit" "0" "$(at_loc BNS/@TRANSIT)"
# Everything issued: no value stays with no quantity.
ok "cost-centre add" mz cost-centre add CC-1 --name-ar "صيانة" \
    --name-en Maintenance
ok "issue all of BNS" mz issue --from BNS/A/01 P-100 17 --to CC-1
check_eq "BNS has no value left" "0" "$(value P-100 BNS)"
expect_out "check passed" mz check

# --- check names what a database already holds -------------------------------
sqlite3 "$MAKHZAN_DB" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
cp "$MAKHZAN_DB" "$T/clean.db"
# copy NAME SQL: a copy of the clean database, edited with sqlite3.
copy() {
	rm -f "$T/$1" "$T/$1-wal" "$T/$1-shm"
	cp "$T/clean.db" "$T/$1"
	if sqlite3 "$T/$1" "$2"; then
		it_pass "sqlite3 edits $1"
	else
		it_fail "sqlite3 edits $1" "the edit itself failed"
	fi
}
# bad_check FILE TEXT: check exits 1, prints TEXT, and no SQL anywhere.
bad_check() {
	run mz --db "$T/$1" check
	check_eq "check of $1 exits 1" "1" "$RC"
	has_out "check of $1 says: $2" "$2"
	check_eq "check of $1 prints no SQL" "0" \
	    "$(cat "$T/.out" "$T/.err" | grep -ci 'select\|insert\|from ' || true)"
	check_eq "check of $1 ends with one line on stderr" "1" \
	    "$(grep -c '' "$T/.err")"
}

# What the receipt of 10,000 lines did before the limits: the ledger holds
# them and the balance wrapped to a negative number.
copy overflow.db "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1
    FROM n WHERE i < 10000) INSERT INTO movement(doc_id, line, item_id,
    lot_id, from_loc, to_loc, qty, value, at) SELECT (SELECT min(id) FROM
    document), 1000 + i, (SELECT id FROM item WHERE code = 'P-100'), 0,
    (SELECT id FROM location WHERE path = 'HMS/@SUPPLIER'), (SELECT id FROM
    location WHERE path = 'HMS/A/02'), 999999999999999, 0,
    '2026-01-01T00:00:00.000Z' FROM n;
    INSERT INTO balance(location_id, item_id, lot_id, qty) VALUES ((SELECT id
    FROM location WHERE path = 'HMS/A/02'), (SELECT id FROM item WHERE code
    = 'P-100'), 0, -8446744073709561616)"
bad_check overflow.db "balance past the limit: HMS/A/02 has -8446744073709561.616 of P-100"
has_out "the ledger that no longer fits is named, not an SQL error" \
    "balance of P-100 at HMS/A/02"
# The stock card's running balance is added with a check too.
NODIGEST=1 fails 1 "the stock card of the overflowed item is refused" \
    mz --db "$T/overflow.db" ledger P-100
has_err "saying why" "the running balance of P-100 does not fit in 64 bits"

# A valuation past the limit, and one that is not the ledger's.
copy value.db "UPDATE item_cost SET value = 200000000000000000 WHERE
    item_id = (SELECT id FROM item WHERE code = 'P-VAL')"
bad_check value.db "value past the limit: HMS holds 2000000000000000.00 of P-VAL"
has_out "and it is not the ledger's sum" "value of P-VAL at HMS is"

# Value at a depot with no quantity.
copy novalue.db "UPDATE item_cost SET value = 1234 WHERE item_id = (SELECT
    id FROM item WHERE code = 'P-100') AND depot_id = (SELECT id FROM depot
    WHERE code = 'BNS')"
bad_check novalue.db "value without quantity: BNS has no P-100 but a value of 12.34"

# The leak of the old reversal: value left in transit with no quantity.
copy leak.db "INSERT INTO movement(doc_id, line, item_id, lot_id, from_loc,
    to_loc, qty, value, at) SELECT d.id, 100, i.id, 0, t.id, b.id, 1, 0,
    '2026-01-01T00:00:00.000Z' FROM document d, item i, location t,
    location b WHERE d.number = '$TRF' AND i.code = 'P-100' AND
    t.path = 'BNS/@TRANSIT' AND b.path = 'BNS/A/01';
    INSERT INTO movement(doc_id, line, item_id, lot_id, from_loc,
    to_loc, qty, value, at) SELECT d.id, 101, i.id, 0, b.id, t.id, 1, 6667,
    '2026-01-01T00:00:00.000Z' FROM document d, item i, location t,
    location b WHERE d.number = '$TRF' AND i.code = 'P-100' AND
    t.path = 'BNS/@TRANSIT' AND b.path = 'BNS/A/01'"
bad_check leak.db "value leaked: BNS/@TRANSIT holds 66.67 of P-100 for $TRF"

expect_out "check passed" mz check
finish
