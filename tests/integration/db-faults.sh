# Every database fault is named in words, never with SQL text: a
# read-only file, a full disk, a lock held too long, a damaged page, a
# file that is not a database.  MAKHZAN_DEBUG=1 shows SQLite's words.
set -u
. "$(dirname "$0")/lib.sh"

ok "init" mz init --site HMS --admin admin
ok "depot add" mz depot add HMS --name-ar "حمص" --name-en Homs
ok "location add" mz location add HMS/A/01
ok "item add" mz item add P-100 --name-ar "صمام" --name-en Valve --uom EA
ok "receive" mz receive --to HMS/A/01 P-100 5

no_sql() {
	if grep -Eqi 'select |insert |update |delete from|pragma |sqlite' \
	    "$T/.err"; then
		it_fail "$1: no SQL in the message" "$(head -c 300 "$T/.err")"
	else
		it_pass "$1: no SQL in the message"
	fi
}

# --- a lock held too long (another program's BEGIN EXCLUSIVE) ----------------
sqlite3 "$MAKHZAN_DB" "BEGIN EXCLUSIVE; SELECT 1;" ".shell sleep 8" \
    "COMMIT;" >/dev/null 2>&1 &
holder=$!
sleep 1
NODIGEST=1 fails 1 "a posting while the lock is held" \
    mz receive --to HMS/A/01 P-100 1
has_err "it says busy and how long" "is busy: another program has held its lock for over 5 seconds"
no_sql "busy"
wait "$holder"

# --- a file that is not a database --------------------------------------------
head -c 20000 /dev/urandom >junk.db
NODIGEST=1 fails 1 "a file of random bytes" \
    env MAKHZAN_DB=$T/junk.db "$MAKHZAN" stock
has_err "it says not a database" "is not a database"
no_sql "not a database"

# --- a damaged page -----------------------------------------------------------
cp "$MAKHZAN_DB" bad.db
python3 - "$T/bad.db" <<'PY'
import sys
f = open(sys.argv[1], "r+b")
size = f.seek(0, 2)
for off in range(2048 * 2, size, 2048):
    f.seek(off)
    f.write(b"\xde\xad\xbe\xef" * 512)
PY
NODIGEST=1 fails 1 "a posting on a damaged file" \
    env MAKHZAN_DB=$T/bad.db "$MAKHZAN" receive --to HMS/A/01 P-100 1
has_err "it says damaged" "is damaged (a corrupt page)"
no_sql "corrupt"
run env MAKHZAN_DB=$T/bad.db MAKHZAN_DEBUG=1 "$MAKHZAN" receive \
    --to HMS/A/01 P-100 1
if grep -q "makhzan debug: sqlite" "$T/.err"; then
	it_pass "MAKHZAN_DEBUG=1 shows SQLite's words"
else
	it_fail "MAKHZAN_DEBUG=1 shows SQLite's words" "$(head -c 300 "$T/.err")"
fi

# --- read-only: a read-only mount as root, a 0444 file otherwise --------------
if [ "$(id -u)" = 0 ]; then
	mkdir -p ro
	if mount -t tmpfs -o size=8m tmpfs ro 2>/dev/null; then
		cp "$MAKHZAN_DB" ro/depot.db
		mount -o remount,ro ro
		NODIGEST=1 fails 1 "a posting on a read-only mount" env \
		    MAKHZAN_DB=$T/ro/depot.db "$MAKHZAN" receive \
		    --to HMS/A/01 P-100 1
		has_err "it says read-only" "is read-only"
		no_sql "read-only"
		umount ro
	else
		echo "SKIP - read-only database: root cannot mount a tmpfs here"
	fi
else
	cp "$MAKHZAN_DB" ro.db
	chmod 444 ro.db
	NODIGEST=1 fails 1 "a posting on a 0444 file" \
	    env MAKHZAN_DB=$T/ro.db "$MAKHZAN" receive --to HMS/A/01 P-100 1
	has_err "it says read-only" "is read-only"
	no_sql "read-only"
fi

# --- a full disk: a 1 MiB tmpfs, filled ----------------------------------------
if [ "$(id -u)" = 0 ] && mkdir -p full &&
    mount -t tmpfs -o size=1m tmpfs full 2>/dev/null; then
	cp "$MAKHZAN_DB" full/depot.db
	MAKHZAN_DB=$T/full/depot.db "$MAKHZAN" stock >/dev/null
	before=$(sqlite3 full/depot.db "SELECT count(*) FROM movement")
	dd if=/dev/zero of=full/fill bs=4k >/dev/null 2>&1
	NODIGEST=1 fails 1 "a posting on a full disk" \
	    env MAKHZAN_DB=$T/full/depot.db "$MAKHZAN" receive \
	    --to HMS/A/01 P-100 1
	has_err "it says the disk is full" "is full: nothing was written"
	no_sql "full"
	rm -f full/fill
	check_eq "nothing was written on the full disk" "$before" \
	    "$(sqlite3 full/depot.db "SELECT count(*) FROM movement")"
	ok "check passes once space is back" \
	    env MAKHZAN_DB=$T/full/depot.db "$MAKHZAN" check
	umount full
else
	echo "SKIP - full disk: needs root to mount a 1 MiB tmpfs"
fi

finish
