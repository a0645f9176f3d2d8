# makhzan login: a session for the terminal, as sudo keeps one.  A 0600
# token file, bound to the database and the user, checked without
# argon2id, ended by logout, a new password, a lock and its time.
set -u
. "$(dirname "$0")/lib.sh"

export XDG_RUNTIME_DIR=$T/run
mkdir -m 700 "$XDG_RUNTIME_DIR"

ok "init" mz init --site HMS --admin admin
ok "depot add" mz depot add HMS --name-ar "حمص" --name-en Homs
ok "location add" mz location add HMS/A/01
ok "item add" mz item add P-100 --name-ar "صمام" --name-en Valve --uom EA
add_user sk storekeeper

# Commands as sk with no password: the session's user.
nopw() {
	env -u MAKHZAN_PASSWORD -u MAKHZAN_USER "$MAKHZAN" "$@"
}

NODIGEST=1 fails 1 "no session, no password: refused" nopw stock
has_err "it says how to log in" "makhzan login"
ok "sk logs in" as sk login
has_out "it says until when" "logged in as sk"
f=$(ls "$XDG_RUNTIME_DIR"/makhzan/*.session 2>/dev/null | head -n 1)
check_eq "one session file" 1 "$(ls "$XDG_RUNTIME_DIR"/makhzan | grep -c session)"
check_eq "the file is 0600" 600 "$(stat -c %a "$f")"
check_eq "its folder is 0700" 700 "$(stat -c %a "$XDG_RUNTIME_DIR/makhzan")"
token=$(sed -n 's/^token //p' "$f")
check_eq "the token is 64 hex digits" 64 "${#token}"
check_eq "the database holds the hash, never the token" 0 \
    "$(sqlite3 "$MAKHZAN_DB" .dump | grep -c "$token")"
check_eq "one session row" 1 \
    "$(sqlite3 "$MAKHZAN_DB" 'SELECT count(*) FROM login_session')"

ok "stock without a password" nopw stock
ok "a receipt without a password" nopw receive --to HMS/A/01 P-100 2
ok "audit log" mz audit log --format json
json_check "the receipt is sk's, the session opening audited" '
assert d[0]["action"] == "receipt" and d[0]["user"] == "sk", d[0]
assert any(e["action"] == "session.open" and e["user"] == "sk" for e in d)
'
NODIGEST=1 fails 1 "the session is not another user's" \
    env -u MAKHZAN_PASSWORD MAKHZAN_USER=admin "$MAKHZAN" stock
ok "MAKHZAN_USER=sk uses sk's session" \
    env -u MAKHZAN_PASSWORD MAKHZAN_USER=sk "$MAKHZAN" stock
fails 1 "a session gives no more than the role" nopw user add x \
    --role admin

# Checked without argon2id: 20 commands well under the cost of 20 logins.
start=$(date +%s%N)
for i in $(seq 20); do nopw stock >/dev/null || break; done
with=$(( ($(date +%s%N) - start) / 1000000 ))
start=$(date +%s%N)
for i in $(seq 20); do as sk stock >/dev/null || break; done
without=$(( ($(date +%s%N) - start) / 1000000 ))
echo "# 20 × stock: ${with} ms with the session, ${without} ms with the password"
check_eq "the session is faster than the password" 1 $(( with < without ))

# --- bound to the database ------------------------------------------------------
mkdir other
ok "another database" env MAKHZAN_DB=$T/other/depot.db "$MAKHZAN" init \
    --site BSR --admin admin
NODIGEST=1 fails 1 "the session does not open another database" \
    env -u MAKHZAN_PASSWORD -u MAKHZAN_USER MAKHZAN_DB=$T/other/depot.db \
    "$MAKHZAN" stock
# A copy of the session file under the other database's name: its path
# and identity are not the ones the file holds.
ok "stock on the other database (makes nothing)" env \
    MAKHZAN_DB=$T/other/depot.db "$MAKHZAN" stock
ok "login on the other database as admin" env \
    MAKHZAN_DB=$T/other/depot.db "$MAKHZAN" login
for g in "$XDG_RUNTIME_DIR"/makhzan/*.session; do
	[ "$g" = "$f" ] || cp "$f" "$g"
done
NODIGEST=1 fails 1 "a session file copied to another database is refused" \
    env -u MAKHZAN_PASSWORD -u MAKHZAN_USER MAKHZAN_DB=$T/other/depot.db \
    "$MAKHZAN" stock
has_err "it names the other database" "another database"

# --- a file others can read is not used ------------------------------------------
chmod 644 "$f"
NODIGEST=1 fails 1 "a session file readable by others is not used" \
    nopw stock
check_eq "and it is removed" no "$([ -e "$f" ] && echo yes || echo no)"

# --- ended by time ------------------------------------------------------------------
ok "sk logs in again" as sk login
sqlite3 "$MAKHZAN_DB" "UPDATE login_session SET expires = 1"
NODIGEST=1 fails 1 "an ended session is refused" nopw stock
has_err "it says the session ended" "the session has ended"

# --- ended by a new password ------------------------------------------------------
ok "sk logs in again" as sk login
ok "sk's session works" nopw stock
ok "an admin gives sk a new password" env MAKHZAN_NEW_PASSWORD=sk-pass-2 \
    "$MAKHZAN" user passwd sk
PW[sk]=sk-pass-2
NODIGEST=1 fails 1 "the new password ended the session" nopw stock

# --- ended by a lock ----------------------------------------------------------------
ok "sk logs in again" as sk login
for i in 1 2 3 4 5; do
	run env MAKHZAN_USER=sk MAKHZAN_PASSWORD=wrong-$i "$MAKHZAN" stock
done
check_eq "the lock ended sk's sessions" 0 "$(sqlite3 "$MAKHZAN_DB" \
    "SELECT count(*) FROM login_session s JOIN user u ON u.id = s.user_id
     WHERE u.name = 'sk'")"
NODIGEST=1 fails 1 "a locked account's session is refused" nopw stock
ok "unlock sk" mz user unlock sk

# --- logout ---------------------------------------------------------------------------
ok "sk logs in again" as sk login
ok "sk logs out" nopw logout
has_out "it says so" "logged out"
check_eq "no session row of sk" 0 "$(sqlite3 "$MAKHZAN_DB" \
    "SELECT count(*) FROM login_session s JOIN user u ON u.id = s.user_id
     WHERE u.name = 'sk'")"
NODIGEST=1 fails 1 "after logout a password is needed" nopw stock
ok "logout again: nothing to end" nopw logout
has_out "it says there is none" "no session"
ok "audit log" mz audit log --format json
json_check "the logout is audited" '
assert any(e["action"] == "session.close" and e["user"] == "sk" for e in d)
'

# --- session_minutes --------------------------------------------------------------------
printf '[makhzan]\nsession_minutes = 0\n' >off.ini
NODIGEST=1 fails 1 "session_minutes = 0: no sessions" \
    env MAKHZAN_CONFIG=off.ini MAKHZAN_USER=sk MAKHZAN_PASSWORD=sk-pass-2 \
    "$MAKHZAN" login
has_err "it says sessions are off" "sessions are off"
printf '[makhzan]\nsession_minutes = 2\n' >two.ini
ok "session_minutes = 2" env MAKHZAN_CONFIG=two.ini MAKHZAN_USER=sk \
    MAKHZAN_PASSWORD=sk-pass-2 "$MAKHZAN" login
has_out "it lasts 2 minutes" "(2 minutes)"
check_eq "the row ends in about 2 minutes" 1 "$(sqlite3 "$MAKHZAN_DB" \
    "SELECT max(expires) - strftime('%s','now') BETWEEN 100 AND 121
     FROM login_session")"
printf '[makhzan]\nsession_minutes = forever\n' >bad.ini
NODIGEST=1 fails 2 "session_minutes = forever is refused" \
    env MAKHZAN_CONFIG=bad.ini "$MAKHZAN" stock
has_err "it names the setting" "session_minutes"

# --- without XDG_RUNTIME_DIR: /tmp/makhzan-UID, 0700 ------------------------------------
fallback=/tmp/makhzan-$(id -u)
ok "login without XDG_RUNTIME_DIR" env -u XDG_RUNTIME_DIR \
    MAKHZAN_USER=sk MAKHZAN_PASSWORD=sk-pass-2 "$MAKHZAN" login
check_eq "the fallback folder is 0700" 700 "$(stat -c %a "$fallback")"
ok "a command by that session" env -u XDG_RUNTIME_DIR -u MAKHZAN_USER \
    -u MAKHZAN_PASSWORD "$MAKHZAN" stock
ok "logout there" env -u XDG_RUNTIME_DIR -u MAKHZAN_USER \
    -u MAKHZAN_PASSWORD "$MAKHZAN" logout

finish
