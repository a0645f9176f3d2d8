# The command line itself: exact option names only (a secret is never taken
# for an abbreviated option's value, nor printed back), global options
# after the command name, negative numbers as arguments, --help on every
# command, and nothing dropped or cut silently.
set -u
. "$(dirname "$0")/lib.sh"

# no_secret NAME: neither stdout nor stderr of the last run has SECRET.
no_secret() {
	if grep -q SECRET "$T/.out" "$T/.err"; then
		it_fail "$1" "the secret is printed: $(cat "$T/.out" "$T/.err")"
	else
		it_pass "$1"
	fi
}

ok "init" mz init --site HMS --admin admin
ok "depot add" mz depot add HMS --name-ar "مستودع حمص" --name-en Homs
ok "location add" mz location add HMS/A/01 HMS/A/02
ok "item add" mz item add P-100 --name-ar "صمام" --name-en Valve --uom EA
ok "receive 10" mz receive --to HMS/A/01 P-100 10
add_user sk storekeeper

# --- no abbreviations, and no secret printed back (issue 13) --------------------
fails 2 "--password SECRET after the command" mz stock --password SECRET
no_secret "--password SECRET after the command: SECRET not printed"
has_err "names --password" "unknown option --password"
fails 2 "--password SECRET before the command" mz --password SECRET stock
no_secret "--password SECRET before the command: SECRET not printed"
fails 2 "--password=SECRET" mz stock --password=SECRET
no_secret "--password=SECRET: SECRET not printed"
fails 2 "--password SECRET on init" env MAKHZAN_DB="$T/new.db" "$MAKHZAN" \
    init --site HMS --admin admin --password SECRET
no_secret "--password SECRET on init: SECRET not printed"
check_eq "init refused writes no file" "no" \
    "$([ -e "$T/new.db" ] && echo yes || echo no)"
fails 2 "--pass SECRET" mz stock --pass SECRET
no_secret "--pass SECRET: SECRET not printed"
fails 2 "--password-fil (one letter short)" mz --password-fil "$T/pw" stock
fails 2 "--form json (an abbreviation of --format)" mz stock --form json
has_err "names --form" "--form"
fails 2 "--us admin (an abbreviation of --user)" mz --us admin stock
fails 2 "--bogus=VALUE names the option only" mz stock --bogus=VALUE123
if grep -q VALUE123 "$T/.err"; then
	it_fail "the value of an unknown option is not printed" "$(cat "$T/.err")"
else
	it_pass "the value of an unknown option is not printed"
fi

# --- global options after the command name (issue 14) ---------------------------
printf '%s\n' "$MAKHZAN_PASSWORD" >"$T/pw"
printf '%s\n' "${PW[sk]}" >"$T/pw-sk"
expect_out "P-100" env MAKHZAN_DB="$T/none.db" "$MAKHZAN" stock \
    --db "$MAKHZAN_DB"
expect_out "P-100" env MAKHZAN_DB="$T/none.db" "$MAKHZAN" stock --format csv \
    --db="$MAKHZAN_DB"
expect_out "P-100" env -u MAKHZAN_PASSWORD "$MAKHZAN" stock \
    --password-file "$T/pw"
ok "--user after the command" env MAKHZAN_PASSWORD="${PW[sk]}" \
    "$MAKHZAN" stock --user sk
fails 1 "--user after the command is the one logged in" \
    env MAKHZAN_PASSWORD="${PW[sk]}" "$MAKHZAN" user list --user sk
has_err "a storekeeper may not list users" "storekeeper"
fails 2 "--lang xx after the command" mz stock --lang xx
has_err "--lang xx after the command names the choices" "ar or en"
fails 2 "--db before and after the command" mz --db "$MAKHZAN_DB" stock \
    --db "$MAKHZAN_DB"
has_err "says it is given twice" "given twice"
fails 2 "--user before and after the command" mz --user admin stock \
    --user admin
ok "global options before the command still work" mz --db "$MAKHZAN_DB" \
    --user admin --lang en stock
expect_out "demo depot" env -u MAKHZAN_DB XDG_DATA_HOME="$T/xdg" \
    "$MAKHZAN" demo --lang en --no-tui --days 7
NODIGEST=1 fails 2 "demo --days 7 --days 8" env -u MAKHZAN_DB \
    XDG_DATA_HOME="$T/xdg" "$MAKHZAN" demo --no-tui --days 7 --days 8

# --lang ar after the command: Arabic messages from the build's catalogue.
BIN_DIR=$(dirname "$MAKHZAN")
MO=ar/LC_MESSAGES/makhzan.mo
CAT_ENV=()
if [ ! -f "$BIN_DIR/build/locale/$MO" ] && [ -n "${LOCALEDIR_BUILD:-}" ] &&
    [ -f "$LOCALEDIR_BUILD/$MO" ]; then
	CAT_ENV=(MAKHZAN_LOCALEDIR="$LOCALEDIR_BUILD")
fi
if [ -f "$BIN_DIR/build/locale/$MO" ] || [ ${#CAT_ENV[@]} -gt 0 ]; then
	fails 1 "--lang ar after the command" env "${CAT_ENV[@]}" "$MAKHZAN" \
	    issue --from HMS/A/01 P-100 80 --to CC-NONE --lang ar
	if python3 -c 'import re, sys
sys.exit(0 if re.search("[\u0621-\u064a]", sys.argv[1]) else 1)' "$ERR"; then
		it_pass "--lang ar after the command gives Arabic"
	else
		it_fail "--lang ar after the command gives Arabic" "$ERR"
	fi
else
	echo "note: no Arabic catalogue beside $MAKHZAN: --lang ar skipped"
fi

# --- negative numbers are arguments, not options --------------------------------
add_user sv supervisor
ok "adjust by -2 without --" as sv adjust HMS/A/01 P-100 -2 --reason "broken"
ok "adjust by -1 after --" as sv adjust HMS/A/01 P-100 --reason "lost" -- -1
ok "adjust by -٢ (Arabic-Indic digit)" as sv adjust HMS/A/01 P-100 -٢ \
    --reason "dented"
run mz stock --format csv
check_eq "10 - 2 - 1 - 2 = 5 on hand" "HMS,HMS/A/01,P-100,,5,EA" \
    "$(tail -n 1 "$T/.out" | cut -d, -f1-6)"
fails 1 "receive -5: a quantity with a sign, not an option" mz receive \
    --to HMS/A/01 P-100 -5
has_err "the refusal is about the sign" "sign"
fails 2 "-x is an unknown option" mz stock -x
has_err "names -x" "unknown option -x"

# --- nothing dropped or cut silently -------------------------------------------
fails 2 "a value option given twice" mz stock --format csv --format json
has_err "says --format is given twice" "option --format is given twice"
fails 2 "--to given twice" mz receive --to HMS/A/01 --to HMS/A/02 P-100 1
fails 2 "a flag given a value" mz transfer list --pending=yes
has_err "says --pending takes no value" "takes no value"
fails 2 "an option the command does not take" mz stock --lot L1
fails 2 "a value missing at the end" mz stock --format
has_err "says --format needs a value" "option --format needs a value"
LONG=$(printf 'scale-%034d' 1)
fails 2 "a device name longer than its 32 bytes" mz device add "$LONG" \
    --kind scale --uri tcp://127.0.0.1:1502 --profile generic
has_err "says how long a name may be" "longer than 32 bytes"
fails 2 "--kind longer than its field" mz device add scale-9 \
    --kind scalescale --uri tcp://127.0.0.1:1502 --profile generic
fails 2 "--uri longer than its field" mz device add scale-9 --kind scale \
    --uri "tcp://127.0.0.1:1502/$(printf '%0300d' 0)" --profile generic
python3 -c 'print("SECRET" + "x" * 600)' >"$T/pw-long"
fails 1 "a password line longer than 510 bytes" env -u MAKHZAN_PASSWORD \
    "$MAKHZAN" stock --password-file "$T/pw-long"
has_err "says the password is too long" "longer than 510 bytes"
no_secret "the long password is not printed"

# --- --help on every command, without a database ---------------------------------
n=0
bad=
while IFS= read -r cmd; do
	n=$((n + 1))
	# shellcheck disable=SC2086
	out=$(env MAKHZAN_DB="$T/none.db" MAKHZAN_USER= "$MAKHZAN" $cmd \
	    --help 2>&1) && [[ $out == "usage: makhzan $cmd"* ]] ||
	    bad="$bad [$cmd]"
done < <("$MAKHZAN" --help | sed -n 's/^  \([a-z-]*\( [a-z-]*\)\?\) \{2,\}.*/\1/p' |
    sed 's/ *$//')
check_eq "every command has --help ($n commands)" "" "$bad"
[ "$n" -ge 50 ] && it_pass "the list has the 51 commands" ||
    it_fail "the list has the 51 commands" "only $n"
expect_out "usage: makhzan stock" mz stock --bogus --help
expect_out "usage: makhzan receive" mz receive --to HMS/A/01 --help
# A value that reads "--help" is a value: a search for it, not help.
run mz item list --search --help --format csv
check_eq "--search --help searches" "0:code,name_ar" \
    "$RC:$(head -n 1 "$T/.out" | cut -d, -f1-2)"
ok "makhzan --version" mz --version

expect_out "check passed" mz check
finish
