# Hostile input: text that is not UTF-8, empty values, endless files and
# escape sequences are refused in one line that quotes them escaped, and
# nothing is written.
set -u
. "$(dirname "$0")/lib.sh"

ok "init" mz init --site HMS --admin admin
ok "depot add" mz depot add HMS --name-ar "حمص" --name-en Homs
ok "location add" mz location add HMS/A/01
ok "item add P-100" mz item add P-100 --name-ar "صمام" --name-en Valve \
    --uom EA
ok "item add LUB" mz item add LUB --name-ar "زيت" --name-en Oil --uom L \
    --tracking lot
ok "item add VLV" mz item add VLV --name-ar "صمام كروي" --name-en Ball \
    --uom EA --tracking serial

# --- text that is not UTF-8 ------------------------------------------------
fails 1 "a lot of invalid bytes" mz receive --to HMS/A/01 LUB 1 \
    --lot $'\xff\xfe\xc3' --expiry 2030-01-01
has_err "it names --lot, the bytes escaped" '--lot is not valid UTF-8 text (byte 1: \xff\xfe\xc3)'
fails 1 "an overlong serial" mz receive --to HMS/A/01 VLV 1 \
    --serial $'\xc0\xaf'
has_err "the overlong bytes escaped" '\xc0\xaf'
fails 1 "a surrogate in a serial" mz receive --to HMS/A/01 VLV 1 \
    --serial $'SN-\xed\xa0\x80'
fails 1 "an item code of invalid bytes" mz receive --to HMS/A/01 \
    $'P-\xff' 1
fails 1 "a name of invalid bytes" mz item add BAD-1 --name-ar "س" \
    --name-en $'Bad\xe0\x80\x80'
fails 1 "a supplier above U+10FFFF" mz receive --to HMS/A/01 P-100 1 \
    --supplier $'\xf4\x90\x80\x80'
fails 1 "a scan of invalid bytes" mz scan $'01\xff'
has_err "the scan names UTF-8" "UTF-8"
check_eq "no lot row was written" 0 \
    "$(sqlite3 "$MAKHZAN_DB" 'SELECT count(*) FROM lot')"

# --- empty values ------------------------------------------------------------
fails 2 "--expiry \"\" is not \"no expiry\"" mz receive --to HMS/A/01 LUB 1 \
    --lot L1 --expiry ""
has_err "it names the option" '--expiry needs a value'
fails 2 "--lot= is no lot" mz receive --to HMS/A/01 LUB 1 --lot= \
    --expiry 2030-01-01

# --- CSV: invalid text and bounded reads -------------------------------------
printf 'item,qty,unit,lot\nLUB,1,,L\xff1\n' >bad.csv
fails 1 "a CSV field of invalid bytes" mz receive --to HMS/A/01 --lines bad.csv
has_err "the CSV line is named" "line 2"
start=$(date +%s)
fails 1 "--lines /dev/zero is refused" mz receive --to HMS/A/01 \
    --lines /dev/zero
has_err "the limit is named" "larger than 64 MiB"
check_eq "refused within 10 s" 1 $(( $(date +%s) - start < 10 ))
python3 -c 'import sys; sys.stdout.write("item,qty\n" + "P-100,1\n" * 1000001)' \
    >many.csv
fails 1 "a CSV of more than a million lines" mz receive --to HMS/A/01 \
    --lines many.csv
has_err "the line limit is named" "more than 1000000 lines"

# --- settings ------------------------------------------------------------------
printf '[makhzan]\nuser = a\xffb\n' >bad.ini
NODIGEST=1 fails 2 "a settings file that is not UTF-8" \
    env MAKHZAN_CONFIG=bad.ini "$MAKHZAN" stock
has_err "the ini line is named" "bad.ini line 2: not valid UTF-8"
NODIGEST=1 fails 2 "a settings file that never ends" \
    env MAKHZAN_CONFIG=/dev/zero "$MAKHZAN" stock
has_err "the settings limit is named" "larger than 256 KiB"

# --- escape sequences never reach the terminal -------------------------------
osc=$'X\e]0;PWNED\aY'
fails 1 "an item code with an OSC sequence" mz receive --to HMS/A/01 "$osc" 1
has_err "the code is quoted escaped" 'X\x1b]0;PWNED\x07Y'
if grep -q $'\e' "$T/.err"; then
	it_fail "no ESC byte on stderr" "$(od -c "$T/.err" | head -3)"
else
	it_pass "no ESC byte on stderr"
fi
fails 1 "a location with a newline and CSI" mz receive \
    --to $'HMS/A/01\n\e[2J' P-100 1
has_err "the newline is escaped: one line" '\x0a\x1b[2J'
fails 2 "an unknown command with ESC" mz $'st\eock'
has_err "the unknown command is escaped" 'st\x1bock'
fails 1 "a bidi override in an item code" mz receive --to HMS/A/01 \
    $'P\u202e001' 1
has_err "the override is escaped" '\u{202e}'

finish
