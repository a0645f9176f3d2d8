# Accounts: one answer for an unknown name, a wrong password and a locked
# account; the lock told only after the right password; refused logins in
# the audit log; makhzan user unlock (admins); backups need a supervisor;
# no option is taken by abbreviation where a secret could follow.
set -u
. "$(dirname "$0")/lib.sh"

ok "init" mz init --site HMS --admin admin
add_user sk storekeeper
add_user au auditor
add_user sv supervisor

REFUSED="login refused: wrong user name or password"

NODIGEST=1 fails 1 "an unknown user" env MAKHZAN_USER=nobody \
    MAKHZAN_PASSWORD=whatever-1 "$MAKHZAN" stock
has_err "unknown user: the one answer" "$REFUSED"
unknown_err=$(cat "$T/.err")
NODIGEST=1 fails 1 "a wrong password" env MAKHZAN_USER=sk \
    MAKHZAN_PASSWORD=wrong-pass-1 "$MAKHZAN" stock
check_eq "wrong password: the same words as an unknown user" \
    "$unknown_err" "$(cat "$T/.err")"
NODIGEST=1 fails 1 "a user name with an escape" env MAKHZAN_USER=$'a\eb' \
    MAKHZAN_PASSWORD=x "$MAKHZAN" stock
has_err "a hostile name: the one answer" "$REFUSED"

# Five wrong passwords lock sk (the first one above counts).
for i in 2 3 4 5; do
	run env MAKHZAN_USER=sk MAKHZAN_PASSWORD=wrong-pass-$i "$MAKHZAN" stock
done
NODIGEST=1 fails 1 "locked, with a wrong password" env MAKHZAN_USER=sk \
    MAKHZAN_PASSWORD=wrong-pass-9 "$MAKHZAN" stock
check_eq "locked + wrong password: the same words" "$unknown_err" \
    "$(cat "$T/.err")"
NODIGEST=1 fails 1 "locked, with the right password" as sk stock
has_err "the lock and its reason after the right password" \
    "account sk is locked after 5 wrong passwords"

ok "audit log" mz audit log --format json
json_check "wrong and unknown logins are audited" '
acts = [e["action"] for e in d]
det = [json.loads(e["detail"]) for e in d]
assert acts.count("login.fail") >= 6, acts
assert any(x.get("user") == "nobody" and x.get("known") is False for x in det), det
assert any(x.get("user") == "sk" and x.get("known") is True for x in det), det
'
json_check "locked logins are audited, with whether the password was right" '
locked = [json.loads(e["detail"]) for e in d
    if e["action"] == "login.locked"]
assert any(x["password_ok"] is True for x in locked), locked
assert any(x["password_ok"] is False for x in locked), locked
'

# --- unlock ---------------------------------------------------------------------
fails 1 "a supervisor cannot unlock" as sv user unlock sk
fails 1 "unlock an unknown user" mz user unlock nobody
fails 2 "unlock without a name" mz user unlock
ok "an admin unlocks sk" mz user unlock sk
has_out "it says so" "sk is unlocked"
ok "sk logs in again" as sk stock
ok "audit log" mz audit log --format json
json_check "the unlock is audited" '
assert any(e["action"] == "user.unlock" and
    json.loads(e["detail"])["user"] == "sk"
    for e in d), [e["action"] for e in d]
'

# --- backups: supervisors and admins only -------------------------------------
NODIGEST=1 fails 1 "an auditor may not write a backup" as au backup b1.db
check_eq "no backup file from the auditor" no "$([ -e b1.db ] && echo yes || echo no)"
NODIGEST=1 fails 1 "a storekeeper may not write a backup" as sk backup b2.db
ok "a supervisor writes a backup" as sv backup b3.db

# --- no abbreviation where a secret follows ----------------------------------------
NODIGEST=1 fails 2 "--password is not --password-file" \
    mz stock --password SECRET-42
if grep -q "SECRET-42" "$T/.err"; then
	it_fail "the secret is not printed back" "$(head -c 200 "$T/.err")"
else
	it_pass "the secret is not printed back"
fi
NODIGEST=1 fails 2 "--pass=SECRET is no option" mz --pass=SECRET-43 stock
if grep -q "SECRET-43" "$T/.err"; then
	it_fail "the =value is not printed back" "$(head -c 200 "$T/.err")"
else
	it_pass "the =value is not printed back"
fi

finish
