# Every refusal exits 1 (2 for a usage error), says why on stderr and writes
# nothing: the database content (db_digest) is the same before and after.
set -u
. "$(dirname "$0")/lib.sh"

# --- a small depot -------------------------------------------------------------
ok "init" mz init --site HMS --admin admin
ok "depot add HMS" mz depot add HMS --name-ar "مستودع حمص" --name-en Homs
ok "depot add BSR" mz depot add BSR --name-ar "مستودع البصرة" --name-en Basra
ok "location add" mz location add HMS/A/01 HMS/A/02 BSR/R/01
ok "cost-centre add" mz cost-centre add CC-DRILL --name-ar "الحفر" \
    --name-en Drilling
ok "item add P-100" mz item add P-100 --name-ar "صمام" --name-en Valve \
    --uom EA
ok "item add LUB-15W40" mz item add LUB-15W40 --name-ar "زيت" \
    --name-en "Engine oil" --uom L --tracking lot
ok "item add VLV-2IN" mz item add VLV-2IN --name-ar "صمام كروي" \
    --name-en "Ball valve" --uom EA --tracking serial
ok "item add GSK-01" mz item add GSK-01 --name-ar "حشية" --name-en Gasket \
    --uom EA
ok "item add PMP-01" mz item add PMP-01 --name-ar "مضخة" --name-en Pump \
    --uom EA
add_user sk storekeeper
add_user sv supervisor
add_user au auditor
ok "receive 5 P-100" as sk receive --to HMS/A/01 P-100 5
GRN1=$OUT
ok "receive a lot that expired in 2020" as sk receive --to HMS/A/01 \
    LUB-15W40 10 --lot OLD-1 --expiry 2020-01-01
ok "receive a serial" as sk receive --to HMS/A/01 VLV-2IN 1 --serial SN-1

# --- stock never goes negative; the message has the figures --------------------
fails 1 "issue more than on hand" as sk issue --from HMS/A/01 P-100 8 \
    --to CC-DRILL
has_err "the refusal has the figures" "HMS/A/01 has 5 EA of P-100, 8 requested"
fails 1 "move more than on hand" as sk move --from HMS/A/01 --to HMS/A/02 \
    P-100 5.001
has_err "the move refusal has the figures" \
    "HMS/A/01 has 5 EA of P-100, 5.001 requested"
fails 1 "ship more than on hand" as sk transfer ship --from HMS/A/01 \
    --to BSR P-100 6
has_err "the transfer refusal has the figures" \
    "HMS/A/01 has 5 EA of P-100, 6 requested"
fails 1 "issue from an empty bin" as sk issue --from HMS/A/02 P-100 1 \
    --to CC-DRILL
has_err "an empty bin has 0" "HMS/A/02 has 0 EA of P-100, 1 requested"
fails 1 "adjust below zero" as sv adjust HMS/A/01 P-100 --reason x -- -6
has_err "the adjustment refusal has the figures" "has 5 EA of P-100"

# --- lots and expiry -------------------------------------------------------------
# Without --lot the lots are taken FEFO, never an expired one (issue 14).
fails 1 "issue without --lot where the only lot has expired" as sk issue \
    --from HMS/A/01 LUB-15W40 1 --to CC-DRILL
has_err "says the expired lot is not taken" \
    "has 0 L of LUB-15W40 in lots that have not expired (10 L expired: a supervisor may issue"
fails 1 "receive a lot-tracked item without --lot" as sk receive \
    --to HMS/A/01 LUB-15W40 1
fails 1 "issue an unknown lot" as sk issue --from HMS/A/01 LUB-15W40 1 \
    --lot NO-SUCH --to CC-DRILL
fails 1 "give a lot of an item not lot-tracked" as sk receive \
    --to HMS/A/01 P-100 1 --lot L1
fails 1 "give an expiry to an item not lot-tracked" as sk receive \
    --to HMS/A/01 P-100 1 --expiry 2030-01-01
fails 1 "receive an existing lot with another expiry" as sk receive \
    --to HMS/A/01 LUB-15W40 1 --lot OLD-1 --expiry 2030-01-01
fails 1 "storekeeper issues an expired lot" as sk issue --from HMS/A/01 \
    LUB-15W40 1 --lot OLD-1 --to CC-DRILL
has_err "names the expiry" "expired on 2020-01-01"
fails 1 "storekeeper issues an expired lot with --allow-expired" as sk issue \
    --from HMS/A/01 LUB-15W40 1 --lot OLD-1 --to CC-DRILL --allow-expired \
    --reason "lab test"
fails 1 "supervisor issues an expired lot without --allow-expired" as sv \
    issue --from HMS/A/01 LUB-15W40 1 --lot OLD-1 --to CC-DRILL
fails 1 "supervisor issues an expired lot without --reason" as sv issue \
    --from HMS/A/01 LUB-15W40 1 --lot OLD-1 --to CC-DRILL --allow-expired
has_err "asks for the reason" "--reason"
ok "supervisor issues an expired lot with --allow-expired --reason" as sv \
    issue --from HMS/A/01 LUB-15W40 1 --lot OLD-1 --to CC-DRILL \
    --allow-expired --reason "lab test of old stock"

# --- roles -------------------------------------------------------------------------
fails 1 "storekeeper adjusts" as sk adjust HMS/A/01 P-100 1 --reason x
has_err "names the role" "storekeeper"
fails 1 "storekeeper reverses" as sk reverse "$GRN1" --reason x
fails 1 "storekeeper adds an item" as sk item add X-1 --name-ar "س" \
    --name-en x --uom EA
fails 1 "storekeeper adds a unit" as sk unit add P-100 BOX 10
fails 1 "storekeeper adds a location" as sk location add HMS/A/09
MAKHZAN_NEW_PASSWORD=new-user-pass fails 1 "storekeeper adds a user" as sk \
    user add intruder --role admin
fails 1 "storekeeper adds a depot" as sk depot add ZZ --name-ar "س" \
    --name-en x
MAKHZAN_NEW_PASSWORD=new-user-pass fails 1 "supervisor adds a user" as sv \
    user add intruder --role admin
fails 1 "supervisor adds a depot" as sv depot add ZZ --name-ar "س" \
    --name-en x
fails 1 "auditor receives" as au receive --to HMS/A/01 P-100 1
has_err "names the auditor" "auditor"
fails 1 "auditor issues" as au issue --from HMS/A/01 P-100 1 --to CC-DRILL
fails 1 "auditor ships" as au transfer ship --from HMS/A/01 --to BSR P-100 1
fails 1 "auditor lists users" as au user list
MAKHZAN_NEW_PASSWORD=new-user-pass fails 1 "an unknown role" mz user add \
    x1 --role boss
fails 1 "a user without a name" env MAKHZAN_USER= "$MAKHZAN" stock

# --- unknown things ----------------------------------------------------------------
fails 1 "unknown item" as sk receive --to HMS/A/01 NO-SUCH 1
has_err "names the item" "NO-SUCH"
fails 1 "unknown location" as sk receive --to HMS/Z/99 P-100 1
has_err "names the location" "HMS/Z/99"
fails 1 "unknown cost centre" as sk issue --from HMS/A/01 P-100 1 \
    --to CC-NOPE
has_err "names the cost centre" "CC-NOPE"
fails 1 "unknown unit" as sk receive --to HMS/A/01 P-100 1 BOX
fails 1 "unknown depot" as sk transfer ship --from HMS/A/01 --to NOPE P-100 1
fails 1 "unknown document" as sv reverse HMS-GRN-1999-000001 --reason x
fails 1 "location of an unknown depot" mz location add NOPE/A/01
fails 1 "stock of an unknown item" as au stock --item NO-SUCH
fails 1 "ledger of an unknown item" as au ledger NO-SUCH

# --- locations that are not stock locations --------------------------------------
fails 1 "receive to a virtual location" as sk receive --to HMS/@ADJUST \
    P-100 1
fails 1 "issue from a cost centre" as sk issue --from @CC/CC-DRILL P-100 1 \
    --to CC-DRILL
fails 1 "move to another depot" as sk move --from HMS/A/01 --to BSR/R/01 \
    P-100 1
fails 1 "move to the same bin" as sk move --from HMS/A/01 --to HMS/A/01 \
    P-100 1
fails 1 "transfer to the same depot" as sk transfer ship --from HMS/A/01 \
    --to HMS P-100 1

# --- bad quantities ----------------------------------------------------------------
for q in abc 1e9999 1.2345 0 "" 99999999999999999999 "1,5" " 1" 0x10 "+1"; do
	fails 1 "receive quantity \"$q\"" as sk receive --to HMS/A/01 P-100 "$q"
	has_err "receive quantity \"$q\" is named as a quantity" "quantity"
done
# Taken for options by getopt (usage), or refused as signed: either way no.
fails "1|2" "receive quantity -0" as sk receive --to HMS/A/01 P-100 -0
fails "1|2" "receive quantity -5" as sk receive --to HMS/A/01 P-100 -5
fails 1 "receive quantity -5 after --" as sk receive --to HMS/A/01 -- \
    P-100 -5
has_err "a receipt takes no sign" "sign"
fails 1 "adjust quantity 0" as sv adjust HMS/A/01 P-100 0 --reason x
fails 1 "adjust quantity -0" as sv adjust HMS/A/01 P-100 --reason x -- -0
fails 1 "a quantity that is not a whole thousandth of the base unit" as sk \
    receive --to HMS/A/01 P-100 0.0001
fails 1 "unit factor 0" mz unit add P-100 BOX 0
fails 1 "serial item in a fraction" as sk receive --to HMS/A/01 VLV-2IN 1.5 \
    --serial SN-9
fails 1 "cost with too many decimals" as sk receive --to HMS/A/01 P-100 1 \
    --cost 1.005

# --- bad dates --------------------------------------------------------------------
for d in 2026-02-30 2026-13-01 26-01-01 2100-02-29 2026-1-01 "2026-01-01x"; do
	fails 1 "expiry $d" as sk receive --to HMS/A/01 LUB-15W40 1 --lot NEW-1 \
	    --expiry "$d"
	has_err "expiry $d is named as a date" "date"
done

# --- --lines files: one bad line refuses the whole file ------------------------------
fails 1 "--lines with an unterminated quote in the middle" as sk receive \
    --to HMS/A/01 --lines "$IT_DATA/bad-quote.csv"
has_err "names line 3" "line 3"
fails 1 "--lines with a bad quantity on line 3" as sk receive --to HMS/A/01 \
    --lines "$IT_DATA/bad-qty.csv"
has_err "names line 3 and the quantity" "line 3: bad quantity \"abc\""
fails 1 "--lines with an unknown item on line 3" as sk receive \
    --to HMS/A/01 --lines "$IT_DATA/unknown-item.csv"
has_err "names line 3 and the item" "line 3"
# "2,5" unquoted (a decimal comma) makes 3 fields under a 2-column header:
# taking 2 and dropping the 5 would receive the wrong quantity.
fails 1 "--lines with more fields than the header (2,5)" as sk receive \
    --to HMS/A/01 --lines "$IT_DATA/extra-field.csv"
fails 1 "--lines file that does not exist" as sk receive --to HMS/A/01 \
    --lines "$T/no-such.csv"
printf 'qty\n1\n' >"$T/no-item.csv"
fails 1 "--lines without an item column" as sk receive --to HMS/A/01 \
    --lines "$T/no-item.csv"
printf 'item,qty\n' >"$T/empty-lines.csv"
fails 1 "--lines with no lines" as sk receive --to HMS/A/01 \
    --lines "$T/empty-lines.csv"
printf 'item,qty,cost\nGSK-01,1,5\n' >"$T/issue-cost.csv"
fails 1 "--lines with a cost on an issue" as sk issue --from HMS/A/01 \
    --to CC-DRILL --lines "$T/issue-cost.csv"
fails 2 "--lines together with ITEM QTY" as sk receive --to HMS/A/01 \
    --lines "$IT_DATA/bad-qty.csv" P-100 1

# --- SQL metacharacters are data; codes are checked --------------------------------
ok "an English name with SQL in it is stored" mz item add SQL-1 \
    --name-ar "اختبار" --name-en "x'; DROP TABLE item; --" --uom EA
run sqlite3 "$MAKHZAN_DB" "SELECT name_en FROM item WHERE code = 'SQL-1'"
check_eq "the name is stored literally" "x'; DROP TABLE item; --" "$OUT"
run sqlite3 "$MAKHZAN_DB" "SELECT count(*) FROM item"
check_eq "the item table is still there, with its 6 items" "6" "$OUT"
expect_out "x'; DROP TABLE item; --" as au item show SQL-1
expect_out "SQL-1" as au item list --search "x'; DROP"
ok "a search with FTS syntax in it" as au item list --search '"a" OR * NEAR('
fails 1 "a depot code with a quote" mz depot add "HM'S" --name-ar "س" \
    --name-en x
fails 1 "a location with a quote" mz location add "HMS/A'/01"
fails 1 "a cost centre code with a quote" mz cost-centre add "CC'1" \
    --name-ar "س" --name-en x
fails 1 "an item code with a quote" mz item add "P'1" --name-ar "س" \
    --name-en x --uom EA
fails 1 "a lot with a quote" as sk receive --to HMS/A/01 LUB-15W40 1 \
    --lot "L'1"
fails 1 "a lowercase depot code" mz depot add zz --name-ar "س" --name-en x

# --- text that is not clean UTF-8 ----------------------------------------------------
fails 1 "an English name in invalid UTF-8" mz item add BAD-1 --name-ar "س" \
    --name-en "$(printf '\xff\xfe')" --uom EA
has_err "says UTF-8" "UTF-8"
fails 1 "an Arabic name in invalid UTF-8" mz item add BAD-2 \
    --name-ar "$(printf 'ab\xd8')" --name-en x --uom EA
fails 1 "an overlong UTF-8 slash" mz item add BAD-3 --name-ar "س" \
    --name-en "$(printf 'a\xc0\xafb')" --uom EA
fails 1 "a name with a newline" mz item add BAD-4 --name-ar "س" \
    --name-en "$(printf 'a\nb')" --uom EA
fails 1 "a supplier in invalid UTF-8" as sk receive --to HMS/A/01 P-100 1 \
    --supplier "$(printf '\xff')"
fails 1 "a depot name in invalid UTF-8" mz depot add ZZ \
    --name-ar "$(printf '\xfe')" --name-en x

# --- serial numbers ----------------------------------------------------------------
fails 1 "two units with one serial" as sk receive --to HMS/A/01 VLV-2IN 2 \
    --serial SN-5
has_err "counts the serials" "1 given"
fails 1 "a serial already in stock" as sk receive --to HMS/A/01 VLV-2IN 1 \
    --serial SN-1
has_err "says where the serial is" "HMS/A/01"
fails 1 "the same serial twice in one receipt" as sk receive --to HMS/A/01 \
    VLV-2IN 2 --serial SN-7 --serial SN-7
fails 1 "a serial-tracked item without serials" as sk receive \
    --to HMS/A/01 VLV-2IN 1
fails 1 "serials on an item not serial-tracked" as sk receive \
    --to HMS/A/01 P-100 1 --serial S1
fails 1 "issue a serial not in stock" as sk issue --from HMS/A/01 VLV-2IN 1 \
    --serial SN-404 --to CC-DRILL

# --- transfers ---------------------------------------------------------------------
ok "ship 2 to BSR" as sk transfer ship --from HMS/A/01 --to BSR P-100 2
TRF=$OUT
fails 1 "receive more than in transit" as sk transfer receive "$TRF" \
    --to BSR/R/01 P-100 3
has_err "the figures of the transit" "2 EA of P-100 in transit, 3 received"
fails 1 "receive at the wrong depot" as sk transfer receive "$TRF" \
    --to HMS/A/02
has_err "names the right depot" "BSR"
fails 1 "receive an item that was not shipped" as sk transfer receive \
    "$TRF" --to BSR/R/01 GSK-01 1
fails 1 "receive a document that is not a transfer" as sk transfer receive \
    "$GRN1" --to BSR/R/01
fails 1 "receive an unknown transfer" as sk transfer receive \
    HMS-TRF-1999-000009 --to BSR/R/01
fails 1 "auditor receives a transfer" as au transfer receive "$TRF" \
    --to BSR/R/01
ok "receive all of it" as sk transfer receive "$TRF" --to BSR/R/01
fails 1 "receive it again" as sk transfer receive "$TRF" --to BSR/R/01

# --- reversals ---------------------------------------------------------------------
ok "receive pumps" as sk receive --to HMS/A/02 PMP-01 4
GRNP=$OUT
ok "reverse the pumps" as sv reverse "$GRNP" --reason "wrong supplier"
REV=$OUT
fails 1 "reverse twice" as sv reverse "$GRNP" --reason "again"
has_err "names the reversal" "$REV"
fails 1 "reverse a reversal" as sv reverse "$REV" --reason "undo"
fails 2 "reverse without --reason" as sv reverse "$GRN1"
ok "issue 1 of the first receipt" as sk issue --from HMS/A/01 P-100 1 \
    --to CC-DRILL
fails 1 "reverse a receipt whose stock is gone" as sv reverse "$GRN1" \
    --reason "late"
has_err "says what is missing" "HMS/A/01 has 2 EA of P-100, 5 requested"

# --- usage errors (exit 2) -----------------------------------------------------------
fails 2 "unknown command" mz frobnicate
has_err "names the command" "unknown command frobnicate"
fails 2 "unknown subcommand" mz item frobnicate
has_err "names the subcommand" "unknown command item frobnicate"
check_eq "lists the item commands" "1" \
    "$(grep -c 'makhzan item add' "$T/.err")"
fails 2 "no command" mz
fails 2 "receive without arguments" as sk receive
fails 2 "receive without ITEM QTY" as sk receive --to HMS/A/01
fails 2 "issue without --to" as sk issue --from HMS/A/01 P-100 1
fails 2 "transfer receive without NUMBER" as sk transfer receive \
    --to BSR/R/01
fails 2 "item add without --uom" mz item add X-2 --name-ar "س" --name-en x
fails 2 "ledger without ITEM" as au ledger
fails 2 "unknown option" as sk receive --to HMS/A/01 P-100 1 --bogus
has_err "names the option" "--bogus"
fails 2 "unknown global option" mz --bogus stock
fails 2 "an option the command does not take" as sk issue --from HMS/A/01 \
    P-100 1 --to CC-DRILL --cost 5
has_err "names the option it does not take" "--cost"
fails 2 "--format without its value" as au stock --format
has_err "names --format" "--format"
for c in "stock" "ledger P-100" "transfer list" "item list" "audit log" \
    "depot list" "location list" "cost-centre list"; do
	# shellcheck disable=SC2086
	fails 2 "$c --format xml" as au $c --format xml
	has_err "$c --format xml names the format" "xml"
done
fails 2 "audit log --limit 0" as au audit log --limit 0
fails 2 "--lang xx" mz --lang xx stock

# --- init and files that are not makhzan databases ---------------------------------
db_digest >/dev/null	# let sqlite3 checkpoint the WAL into the file
cp "$MAKHZAN_DB" "$T/before-init.db"
fails 1 "init over an existing database" mz init --site HMS --admin admin
has_err "refuses to overwrite" "already exists"
run cmp "$MAKHZAN_DB" "$T/before-init.db"
check_eq "the database file is unchanged by init" "0" "$RC"
printf 'hello, this is not a database\n' >"$T/text.db"
cp "$T/text.db" "$T/text.orig"
MAKHZAN_DB=$T/text.db fails 1 "init over a file that is not a database" \
    mz init --site HMS --admin admin
MAKHZAN_DB=$T/text.db fails 1 "open a file that is not a database" mz stock
run cmp "$T/text.db" "$T/text.orig"
check_eq "the text file is unchanged" "0" "$RC"
: >"$T/empty.db"
MAKHZAN_DB=$T/empty.db fails 1 "open an empty file" mz stock
check_eq "the empty file is left empty" "0" "$(stat -c %s "$T/empty.db")"
sqlite3 "$T/other.db" "PRAGMA journal_mode = DELETE;
    CREATE TABLE t(x); INSERT INTO t VALUES (1);" >/dev/null
MAKHZAN_DB=$T/other.db fails 1 "open another program's SQLite database" \
    mz stock
run sqlite3 "$T/other.db" .tables
check_eq "the other database has only its own table" "t" "$OUT"
MAKHZAN_DB=$T/none.db fails 1 "open a database that does not exist" mz stock
check_eq "no file is created" "no" "$([ -e "$T/none.db" ] && echo yes || echo no)"
fails 1 "init with a bad site code" env MAKHZAN_DB="$T/bad-site.db" \
    "$MAKHZAN" init --site "h m s" --admin admin
check_eq "no file is left by a refused init" "no" \
    "$([ -e "$T/bad-site.db" ] && echo yes || echo no)"
fails 1 "init with a short password" env MAKHZAN_DB="$T/short.db" \
    MAKHZAN_PASSWORD=short "$MAKHZAN" init --site HMS --admin admin

# --- passwords and the lock (these write the failure counter) ----------------------
add_user victim storekeeper
NODIGEST=1 fails 1 "a wrong password" env MAKHZAN_USER=victim \
    MAKHZAN_PASSWORD=wrong-pass-0 "$MAKHZAN" stock
WRONG=$ERR
NODIGEST=1 fails 1 "an unknown user" env MAKHZAN_USER=nobody \
    MAKHZAN_PASSWORD=wrong-pass-0 "$MAKHZAN" stock
check_eq "an unknown user is told the same as a wrong password" "$WRONG" "$ERR"
for i in 2 3 4 5; do
	NODIGEST=1 fails 1 "wrong password $i" env MAKHZAN_USER=victim \
	    MAKHZAN_PASSWORD=wrong-pass-$i "$MAKHZAN" stock
done
NODIGEST=1 fails 1 "the right password after 5 wrong ones" as victim stock
has_err "says the account is locked" "locked"
ok "other users still log in" as sk stock
MAKHZAN_NEW_PASSWORD=victim-pass-2 ok "an admin sets a new password" mz \
    user passwd victim
PW[victim]=victim-pass-2
ok "the new password unlocks" as victim stock

expect_out "check passed" as au check
finish
