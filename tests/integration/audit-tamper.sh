# Edits made behind makhzan's back with the sqlite3 shell are found:
# `audit verify` and `check` name the altered, deleted or truncated audit
# entries and the balance that no longer matches the ledger; the ledger
# itself refuses UPDATE and DELETE.
set -u
. "$(dirname "$0")/lib.sh"

ok "init" mz init --site HMS --admin admin
ok "depot add" mz depot add HMS --name-ar "مستودع حمص" --name-en Homs
ok "location add" mz location add HMS/A/01 HMS/A/02
ok "cost-centre add" mz cost-centre add CC-DRILL --name-ar "الحفر" \
    --name-en Drilling
ok "item add" mz item add P-100 --name-ar "صمام" --name-en Valve --uom EA
ok "receive" mz receive --to HMS/A/01 P-100 20 --cost 3
ok "issue" mz issue --from HMS/A/01 P-100 5 --to CC-DRILL
ok "move" mz move --from HMS/A/01 --to HMS/A/02 P-100 4
ok "adjust" mz adjust HMS/A/02 P-100 1 --reason "found"
expect_out "chain intact" mz audit verify
expect_out "check passed" mz check

# The entries: init, depot, 2 locations, cost centre, item, 4 documents.
run sqlite3 "$MAKHZAN_DB" "SELECT count(*), max(seq) FROM audit"
check_eq "ten audit entries" "10|10" "$OUT"
# A clean copy to tamper with, the WAL folded into the file first.
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

# bad_verify FILE WANT [WORD]: audit verify and check exit 1 and name WANT;
# audit verify also says WORD.
bad_verify() {
	run mz --db "$T/$1" audit verify
	check_eq "audit verify of $1 exits 1" "1" "$RC"
	check_eq "audit verify of $1 says one line" "1" "$(grep -c '' "$T/.err")"
	has_err "audit verify of $1 names $2" "$2"
	[ -z "${3:-}" ] || has_err "audit verify of $1 says $3" "$3"
	run mz --db "$T/$1" check
	check_eq "check of $1 exits 1" "1" "$RC"
	has_out "check of $1 prints the problem" "$2"
}

# An edited detail: the entry number is named.
tamper edited.db "UPDATE audit SET detail = '{\"movements\":9}' WHERE seq = 7"
bad_verify edited.db "entry 7 " "altered"

# An edited user: the same.
tamper user.db "UPDATE audit SET user = 'nobody' WHERE seq = 6"
bad_verify user.db "entry 6 " "altered"

# A deleted middle entry: the missing number is named.
tamper middle.db "DELETE FROM audit WHERE seq = 5"
bad_verify middle.db "entries 5 to 5" "missing"

# The last entry deleted: nothing after it gives it away but the counter.
tamper last.db "DELETE FROM audit WHERE seq = 10"
bad_verify last.db "ends at entry 9" "10"

# An entry added after the last, with the hash of the last.
tamper appended.db "INSERT INTO audit(seq, at, user, action, doc, detail,
    hash) SELECT 11, at, user, action, doc, detail, hash FROM audit
    WHERE seq = 10"
bad_verify appended.db "entry 11 "

# An entry slipped in before the first.
tamper inserted.db "INSERT INTO audit(seq, at, user, action, doc, detail,
    hash) SELECT 0, at, user, action, doc, detail, hash FROM audit
    WHERE seq = 1"
bad_verify inserted.db "entry 0 " "inserted"

# The first entry (init) edited.
tamper first.db "UPDATE audit SET action = 'nothing' WHERE seq = 1"
bad_verify first.db "entry 1 " "altered"

# A balance row edited: check names the location and the item.
tamper balance.db "UPDATE balance SET qty = qty + 1000 WHERE location_id =
    (SELECT id FROM location WHERE path = 'HMS/A/02') AND item_id =
    (SELECT id FROM item WHERE code = 'P-100')"
run mz --db "$T/balance.db" check
check_eq "check of balance.db exits 1" "1" "$RC"
has_out "check names the location" "HMS/A/02"
has_out "check names the item" "P-100"
has_out "check gives the figures (6 in the balance, 5 by the ledger)" \
    "is 6 but the ledger sums to 5"
expect_out "chain intact" mz --db "$T/balance.db" audit verify

# A balance row deleted: the ledger still sums to something there.
tamper nobal.db "DELETE FROM balance WHERE location_id =
    (SELECT id FROM location WHERE path = 'HMS/A/01')"
run mz --db "$T/nobal.db" check
check_eq "check of nobal.db exits 1" "1" "$RC"
has_out "check names the location of the deleted balance" "HMS/A/01"

# The ledger is append-only, even from the sqlite3 shell.
before=$(db_digest "$T/clean.db")
run sqlite3 "$T/clean.db" "UPDATE movement SET qty = 1 WHERE id = 1"
check_eq "sqlite3 UPDATE of the ledger fails" "1" \
    "$([ "$RC" != 0 ] && echo 1 || echo 0)"
has_err "the trigger says why" "append-only"
run sqlite3 "$T/clean.db" "DELETE FROM movement WHERE id = 1"
check_eq "sqlite3 DELETE of the ledger fails" "1" \
    "$([ "$RC" != 0 ] && echo 1 || echo 0)"
has_err "the trigger says why" "append-only"
run sqlite3 "$T/clean.db" "DELETE FROM movement"
check_eq "sqlite3 DELETE of the whole ledger fails" "1" \
    "$([ "$RC" != 0 ] && echo 1 || echo 0)"
check_eq "the ledger is unchanged" "$before" "$(db_digest "$T/clean.db")"

# And the untouched database is still fine.
expect_out "chain intact" mz audit verify
expect_out "check passed" mz check
finish
