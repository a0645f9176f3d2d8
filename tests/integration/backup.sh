# Backups and restore through the binary: who may take one, never a partial
# or an overwritten file, the encrypted round trip, every damaged, cut or
# wrongly keyed file refused with nothing replaced, the refusals of restore
# (in use, another site, not an admin, a copy that fails the check), and the
# rotating set.  (Backups under load and killed backups: backup-load.sh.)
set -u
. "$(dirname "$0")/lib.sh"

YEAR=$(date -u +%Y)

# no_file NAME PATH: nothing at PATH.
no_file() {
	if [ -e "$2" ]; then
		it_fail "$1" "$2 exists"
	else
		it_pass "$1"
	fi
}

# no_temp NAME DIR: no temporary file of a backup or a restore left in DIR.
no_temp() {
	local left
	left=$(ls -A "$2" | grep -E '\.(partial|restore|snapshot)-' || true)
	check_eq "$1" "" "$left"
}

# flip FILE OFFSET: invert one byte of FILE in place.
flip() {
	python3 -c '
import sys
p, at = sys.argv[1], int(sys.argv[2])
with open(p, "r+b") as f:
    f.seek(at)
    b = f.read(1)
    f.seek(at)
    f.write(bytes([b[0] ^ 0xff]))' "$1" "$2"
}

# --- a small depot --------------------------------------------------------------
ok "init" mz init --site HMS --admin admin
ok "depot add HMS" mz depot add HMS --name-ar "حمص" --name-en "Homs"
ok "location add" mz location add HMS/A/01 HMS/A/02
ok "item add P-100" mz item add P-100 --name-ar "صمام" --name-en "Gate valve" \
    --uom EA
ok "item add LUB (lot)" mz item add LUB --name-ar "زيت" --name-en "Oil" \
    --uom L --tracking lot
# Enough lines for several pieces of 64 KiB in the encrypted stream.
python3 -c '
print("item,qty,lot,expiry")
for i in range(3000):
    print("LUB,%d,LOT-%05d,2031-01-01" % (i % 7 + 1, i))' >"$T/lines.csv"
ok "receive 3000 lines" mz receive --to HMS/A/01 --lines "$T/lines.csv"
ok "receive P-100" mz receive --to HMS/A/02 P-100 40 --cost 12.50
add_user sv supervisor
add_user au auditor
add_user sk storekeeper
ok "stock" mz stock --format json
STOCK=$OUT

# --- who may take one -----------------------------------------------------------
fails 1 "an auditor may not take a backup" as au backup "$T/au.db"
has_err "the refusal says why (password hashes)" "password hash"
no_file "the auditor's refused backup left no file" "$T/au.db"
fails 1 "a storekeeper may not take a backup" as sk backup "$T/sk.db"
no_file "the storekeeper's refused backup left no file" "$T/sk.db"
fails 1 "an auditor may not take an encrypted one either" \
    as au backup --to "$T" --keep 3
ok "a supervisor may" as sv backup "$T/sv.db"
has_out "it says where" "backup written to $T/sv.db"
expect_out "check passed" mz --db "$T/sv.db" check
ok "the copy's stock" mz --db "$T/sv.db" stock --format json
check_eq "the copy has the same stock" "$STOCK" "$OUT"
ok "audit log" mz audit log --limit 3 --format json
json_check "the audit log records the backup, its user and its file" '
b = [r for r in d if r["action"] == "backup"]
assert len(b) == 1 and b[0]["user"] == "sv", d
assert "sv.db" in str(b[0]["detail"]), b'
ok "the copy's audit log" mz --db "$T/sv.db" audit log --limit 1 \
    --format json
json_check "the copy carries its own backup entry" '
assert d[0]["action"] == "backup", d'
fails 1 "an existing file is refused" as sv backup "$T/sv.db"
has_err "it says so" "already exists"
fails 1 "an existing key file is not a place for a backup either" \
    as sv backup "$T/lines.csv"
ok "an admin may" mz backup "$T/admin.db"
no_temp "no temporary file is left beside the backups" "$T"
fails 2 "a backup FILE and --to together" mz backup "$T/x.db" --to "$T"
fails 2 "--encrypt without --key" mz backup --encrypt "$T/x.db"
fails 2 "--key without --encrypt" mz backup --key "$T/k" "$T/x.db"
fails 2 "--keep without --to" mz backup --keep 3 "$T/x.db"
fails 2 "--keep 0" mz backup --to "$T" --keep 0
fails 2 "no FILE" mz backup
fails 1 "a folder that does not exist" mz backup "$T/no/such/x.db"

# --- keys -----------------------------------------------------------------------
ok "backup keygen" mz backup keygen "$T/k"
has_out "keygen names the key's id" "key "
check_eq "the key is 32 bytes" 32 "$(stat -c %s "$T/k")"
check_eq "the key is mode 600" 600 "$(stat -c %a "$T/k")"
KEY1=$(od -An -tx1 "$T/k" | tr -d ' \n')
fails 1 "keygen refuses an existing file" mz backup keygen "$T/k"
check_eq "and the key is unchanged" "$KEY1" \
    "$(od -An -tx1 "$T/k" | tr -d ' \n')"
ok "a second key" mz backup keygen "$T/k2"
cp "$T/k" "$T/k-open"
chmod 644 "$T/k-open"
fails 1 "a key others may read is refused" \
    as sv backup --encrypt --key "$T/k-open" "$T/x.db.enc"
has_err "it says how to fix it" "chmod 600"
head -c 31 "$T/k" >"$T/k-short"
chmod 600 "$T/k-short"
fails 1 "a key of 31 bytes is refused" \
    as sv backup --encrypt --key "$T/k-short" "$T/x.db.enc"
no_file "and left no file" "$T/x.db.enc"

# --- the encrypted round trip ---------------------------------------------------
ok "encrypted backup" as sv backup --encrypt --key "$T/k" "$T/enc.db.enc"
has_out "it names the key" "encrypted backup written to $T/enc.db.enc"
check_eq "the backup is mode 600" 600 "$(stat -c %a "$T/enc.db.enc")"
check_eq "nothing of the database shows through" 0 \
    "$(grep -c -a -e 'SQLite format' -e 'Gate valve' -e 'LOT-00' \
    "$T/enc.db.enc")"
no_temp "no plain snapshot is left beside the database" "$T"
ok "restore it to a new file" mz restore "$T/enc.db.enc" --key "$T/k" \
    --db "$T/r1.db"
has_out "restore says the check passed" "makhzan check passed"
expect_out "check passed" mz --db "$T/r1.db" check
ok "the restored stock" mz --db "$T/r1.db" stock --format json
check_eq "it has the same stock" "$STOCK" "$OUT"
ok "the restored audit log" mz --db "$T/r1.db" audit log --limit 2 \
    --format json
json_check "the restore is in the restored audit log, after the backup" '
assert [r["action"] for r in d] == ["backup.restore", "backup"], d
assert d[0]["user"] == "admin", d'

# --- damaged, cut and wrongly keyed files: refused, nothing replaced ------------
SIZE=$(stat -c %s "$T/enc.db.enc")
R1=$(db_digest "$T/r1.db")
# refused NAME FILE [KEY] [WORD]: restoring FILE over r1.db fails with one
# line (containing WORD), r1.db is unchanged, and no temporary is left.
refused() {
	local name=$1 file=$2 key=${3:-$T/k} word=${4:-}
	MAKHZAN_DB=$T/r1.db fails 1 "$name" mz restore "$file" --key "$key"
	[ -z "$word" ] || has_err "$name: says \"$word\"" "$word"
	check_eq "$name: r1.db unchanged" "$R1" "$(db_digest "$T/r1.db")"
	no_temp "$name: no temporary left" "$T"
}
cp "$T/enc.db.enc" "$T/bad.enc"; flip "$T/bad.enc" 5000
refused "a byte flipped in the first piece" "$T/bad.enc" "" "fails its authentication"
cp "$T/enc.db.enc" "$T/bad.enc"; flip "$T/bad.enc" $((SIZE / 2))
refused "a byte flipped in the middle" "$T/bad.enc" "" "fails its authentication"
cp "$T/enc.db.enc" "$T/bad.enc"; flip "$T/bad.enc" $((SIZE - 1))
refused "a byte flipped in the final tag" "$T/bad.enc" "" "fails its authentication"
cp "$T/enc.db.enc" "$T/bad.enc"; flip "$T/bad.enc" 30
refused "a byte flipped in the stream header" "$T/bad.enc"
cp "$T/enc.db.enc" "$T/bad.enc"; flip "$T/bad.enc" 12
refused "a byte flipped in the reserved header bytes" "$T/bad.enc"
cp "$T/enc.db.enc" "$T/bad.enc"; flip "$T/bad.enc" 8
refused "the format version changed" "$T/bad.enc" "" "format"
head -c $((SIZE - 1000)) "$T/enc.db.enc" >"$T/bad.enc"
refused "cut inside the last piece" "$T/bad.enc" "" "fails its authentication"
head -c $((48 + 65536 + 17)) "$T/enc.db.enc" >"$T/bad.enc"
refused "cut after the first piece" "$T/bad.enc" "" "truncated"
head -c 48 "$T/enc.db.enc" >"$T/bad.enc"
refused "only the header" "$T/bad.enc" "" "truncated"
head -c 30 "$T/enc.db.enc" >"$T/bad.enc"
refused "cut inside the header" "$T/bad.enc" "" "truncated"
cp "$T/enc.db.enc" "$T/bad.enc"; printf 'x' >>"$T/bad.enc"
refused "a byte added at the end" "$T/bad.enc" "" "fails its authentication"
refused "the wrong key" "$T/enc.db.enc" "$T/k2" "wrong key"
: >"$T/empty"
refused "an empty file" "$T/empty" "" "neither"
MAKHZAN_DB=$T/r1.db fails 1 "an encrypted backup without --key" \
    mz restore "$T/enc.db.enc"
has_err "it asks for the key" "give --key"
MAKHZAN_DB=$T/r1.db fails 1 "a plain backup with --key" \
    mz restore "$T/sv.db" --key "$T/k"
has_err "it says the file is not encrypted" "not encrypted"
check_eq "no replaced copy was kept by any refusal" "" \
    "$(ls "$T" | grep replaced || true)"

# --- restore's other refusals ---------------------------------------------------
MAKHZAN_DB=$T/r1.db fails 1 "a supervisor may not restore" \
    as sv restore "$T/sv.db"
has_err "only an admin" "admin"
MAKHZAN_DB=$T/r1.db fails 1 "a wrong password" \
    env MAKHZAN_PASSWORD=nope "$MAKHZAN" restore "$T/sv.db"
# A database in use: a connection held open by another process.
python3 -c '
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1])
c.execute("SELECT count(*) FROM item").fetchall()
open(sys.argv[2], "w").close()
time.sleep(60)' "$T/r1.db" "$T/held" &
HOLDER=$!
for _ in $(seq 100); do [ -e "$T/held" ] && break; sleep 0.05; done
MAKHZAN_DB=$T/r1.db fails 1 "a database another process has open" \
    mz restore "$T/sv.db"
has_err "it names the process" "pid $HOLDER"
kill "$HOLDER"; wait "$HOLDER" 2>/dev/null
# Another site's backup over this site's database.
ok "init BNS" mz --db "$T/bns.db" init --site BNS --admin admin
ok "backup BNS" mz --db "$T/bns.db" backup "$T/bns-backup.db"
MAKHZAN_DB=$T/r1.db fails 1 "another site's backup over this site" \
    mz restore "$T/bns-backup.db"
has_err "it names both sites" "site BNS"
ok "another site's backup to a new path" mz restore "$T/bns-backup.db" \
    --db "$T/bns-restored.db"
# A backup that fails makhzan check (a balance edited behind the ledger).
cp "$T/sv.db" "$T/edited.db"
sqlite3 "$T/edited.db" "UPDATE balance SET qty = qty + 1000 WHERE qty = 40000"
run env MAKHZAN_DB="$T/r1.db" "$MAKHZAN" restore "$T/edited.db"
check_eq "a backup failing the check: exit 1" 1 "$RC"
check_eq "it names the problem" 1 "$(grep -c '^PROBLEM: balance' "$T/.err")"
check_eq "and ends with why nothing was replaced" 1 \
    "$(tail -n 1 "$T/.err" | grep -c 'fails makhzan check.*nothing was replaced')"
check_eq "r1.db unchanged" "$R1" "$(db_digest "$T/r1.db")"
no_temp "no temporary left by the failed check" "$T"
printf 'not a database at all, and longer than sixteen bytes\n' >"$T/junk"
MAKHZAN_DB=$T/r1.db fails 1 "a file that is no backup" mz restore "$T/junk"

# --- replacing a database keeps the old one aside -------------------------------
ok "receive into r1 (so it differs from the backup)" \
    mz --db "$T/r1.db" receive --to HMS/A/02 P-100 5
R1=$(db_digest "$T/r1.db")
ok "restore over r1" mz restore "$T/sv.db" --db "$T/r1.db"
has_out "it says where the replaced database is kept" "kept as $T/r1.db.replaced-"
ASIDE=$(ls "$T" | grep '^r1.db.replaced-' | head -n 1)
check_eq "the replaced database is kept whole" "$R1" "$(db_digest "$T/$ASIDE")"
expect_out "check passed" mz --db "$T/r1.db" check
ok "the stock after the restore" mz --db "$T/r1.db" stock --format json
check_eq "r1 has the backup's stock again" "$STOCK" "$OUT"
check_eq "no WAL of the old database is left beside the new one" "" \
    "$(ls "$T" | grep -E '^r1\.db-(wal|shm)$' || true)"

# --- the rotating set -------------------------------------------------------------
mkdir "$T/set"
fails 1 "--to a folder that is not there" as sv backup --to "$T/nowhere"
has_err "it asks whether the share is mounted" "mounted"
touch "$T/set/notes.txt" "$T/set/BNS-20200101T000000Z.db" \
    "$T/set/HMS-20200101T000000Z.db.old"
NAMES=
for i in 1 2 3; do
	ok "backup --to set --keep 2 ($i)" as sv backup --to "$T/set" --keep 2
	NAMES="$NAMES $(sed -n 's|^backup written to .*/||p' "$T/.out")"
done
ok "encrypted backup --to set --keep 2" \
    as sv backup --to "$T/set" --keep 2 --encrypt --key "$T/k"
has_out "it removed the oldest" "removed the old backup"
NAMES="$NAMES $(sed -n 's|^encrypted backup written to .*/\([^ ]*\) .*|\1|p' "$T/.out")"
KEPT=$(ls "$T/set" | grep -E "^HMS-[0-9]{8}T[0-9]{6}Z\.db(\.enc)?$" | paste -sd' ' -)
WANT=$(echo $NAMES | tr ' ' '\n' | tail -n 2 | paste -sd' ' -)
check_eq "the newest 2 are kept, named by site and UTC time" "$WANT" "$KEPT"
case $WANT in
"HMS-$YEAR"*) it_pass "the names carry this year" ;;
*) it_fail "the names carry this year" "$WANT" ;;
esac
check_eq "other files in the folder are left alone" \
    "BNS-20200101T000000Z.db HMS-20200101T000000Z.db.old notes.txt" \
    "$(ls "$T/set" | grep -vE '^HMS-[0-9]{8}T[0-9]{6}Z\.db(\.enc)?$' | paste -sd' ' -)"
LAST=$(echo $WANT | cut -d' ' -f2)
# A target named without a folder (it is in the current one).
ok "restore to a bare file name" mz restore "$T/sv.db" --db bare.db
expect_out "check passed" mz --db "$T/bare.db" check
ok "the newest of the set restores" mz restore "$T/set/$LAST" --key "$T/k" \
    --db "$T/r3.db"
no_temp "no temporary left in the set" "$T/set"

finish
