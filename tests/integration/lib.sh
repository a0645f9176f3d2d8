# Helpers shared by the integration scripts: source it, never run it.
#
#   MAKHZAN=/abs/path/makhzan bash tests/integration/NAME.sh
#
# Sourcing this file makes a scratch folder (removed on exit), changes into
# it and exports MAKHZAN_DB, MAKHZAN_USER, MAKHZAN_PASSWORD (the admin's)
# and MAKHZAN_LANG=en.  Then:
#
#   mz ARGS...              makhzan as $MAKHZAN_USER
#   as USER ARGS...         makhzan as USER (a user made with add_user)
#   add_user NAME ROLE      add a user (as admin); password "NAME-pass-1"
#   run CMD...              run, keep RC, OUT (stdout) and ERR (stderr)
#   ok NAME CMD...          passes when CMD exits 0
#   fails N NAME CMD...     passes when CMD exits N ("1", "2" or "1|2"),
#                           prints nothing on stdout, leaves the database
#                           content (db_digest) unchanged, and explains itself
#                           on stderr: exactly one line for exit 1; for a
#                           usage error (2) a first "makhzan..." line that
#                           may be followed by the usage text (or only the
#                           usage text, "usage: ...").
#                           NODIGEST=1 fails ... skips the database check.
#   expect_out TEXT CMD...  passes when CMD exits 0 and stdout contains TEXT
#   has_out NAME TEXT       the last OUT contains TEXT
#   has_err NAME TEXT       the first line of the last ERR contains TEXT
#   check_eq NAME WANT GOT  WANT = GOT
#   json_check NAME PYCODE  PYCODE (python3) asserts about d, the last OUT
#                           parsed as JSON with numbers as decimal.Decimal
#                           (D is decimal.Decimal)
#   db_digest [FILE]        sha256 of `sqlite3 FILE .dump` (the content)
#   finish                  prints "N passed, M failed" last; exit 1 if M > 0

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
	echo "lib.sh holds the helpers of the integration scripts: nothing to run"
	echo "0 passed, 0 failed"
	exit 0
fi

set -u

IT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export IT_DIR	# window_proof.py is imported from it
IT_DATA=$IT_DIR/data
: "${MAKHZAN:=$IT_DIR/../../makhzan}"
case $MAKHZAN in
/*) ;;
*) MAKHZAN=$(cd "$(dirname "$MAKHZAN")" && pwd)/$(basename "$MAKHZAN") ;;
esac
export MAKHZAN
if [ ! -x "$MAKHZAN" ]; then
	echo "no makhzan binary at $MAKHZAN: build it with make" >&2
	echo "0 passed, 1 failed"
	exit 1
fi
for _tool in sqlite3 python3 sha256sum; do
	if ! command -v "$_tool" >/dev/null 2>&1; then
		echo "$_tool is needed by the integration tests" >&2
		echo "0 passed, 1 failed"
		exit 1
	fi
done

T=$(mktemp -d "${TMPDIR:-/tmp}/makhzan-it.XXXXXX") || exit 1
trap 'cd /; rm -rf "$T"' EXIT
cd "$T" || exit 1

export MAKHZAN_DB=$T/depot.db
export MAKHZAN_USER=admin
export MAKHZAN_PASSWORD=admin-pass-1
export MAKHZAN_LANG=en
unset MAKHZAN_NEW_PASSWORD MAKHZAN_LOCALEDIR XDG_DATA_HOME

IT_PASSED=0
IT_FAILED=0
RC=0
OUT=
ERR=
declare -A PW=([admin]=admin-pass-1)

mz() {
	"$MAKHZAN" "$@"
}

as() {
	local user=$1
	shift
	MAKHZAN_USER=$user MAKHZAN_PASSWORD=${PW[$user]:-no-such-user} \
	    "$MAKHZAN" "$@"
}

run() {
	"$@" >"$T/.out" 2>"$T/.err"
	RC=$?
	OUT=$(cat "$T/.out")
	ERR=$(cat "$T/.err")
}

it_pass() {
	IT_PASSED=$((IT_PASSED + 1))
	echo "ok - $1"
}

# it_fail NAME WHY: also shows the last command's stderr.
it_fail() {
	IT_FAILED=$((IT_FAILED + 1))
	echo "FAIL - $1: $2"
	if [ -s "$T/.err" ]; then
		sed -n '1,5s/^/    stderr: /p' "$T/.err"
	fi
}

it_cmd() {
	local s="$*"
	echo "${s//"$MAKHZAN"/makhzan}"
}

ok() {
	local name=$1
	shift
	run "$@"
	if [ "$RC" = 0 ]; then
		it_pass "$name"
	else
		it_fail "$name" "exit $RC, expected 0 ($(it_cmd "$@"))"
	fi
}

db_digest() {
	local f=${1:-$MAKHZAN_DB}

	if [ -f "$f" ]; then
		sqlite3 "$f" .dump 2>&1 | sha256sum | cut -d' ' -f1
	else
		echo "no-file"
	fi
}

fails() {
	local want=$1 name=$2 before='' after='' why='' n first
	shift 2
	[ -n "${NODIGEST:-}" ] || before=$(db_digest)
	run "$@"
	[ -n "${NODIGEST:-}" ] || after=$(db_digest)
	case "|$want|" in
	*"|$RC|"*) ;;
	*) why="exit $RC, expected $want; " ;;
	esac
	[ -z "$OUT" ] || why="${why}stdout not empty ($(head -c 80 "$T/.out")); "
	n=$(grep -c '' "$T/.err")
	first=$(head -n 1 "$T/.err")
	if [ "$RC" = 2 ]; then
		[ "$n" -ge 1 ] || why="${why}nothing on stderr; "
	elif [ "$n" != 1 ]; then
		why="${why}stderr has $n lines, expected 1; "
	fi
	case $RC:$first in
	*:makhzan*) ;;
	2:usage*) ;;
	*) why="${why}stderr does not start with \"makhzan\"; " ;;
	esac
	if [ -z "${NODIGEST:-}" ] && [ "$before" != "$after" ]; then
		why="${why}the database changed; "
	fi
	if [ -z "$why" ]; then
		it_pass "$name"
	else
		it_fail "$name" "${why}($(it_cmd "$@"))"
	fi
}

expect_out() {
	local text=$1
	shift
	run "$@"
	if [ "$RC" != 0 ]; then
		it_fail "$(it_cmd "$@") shows \"$text\"" "exit $RC"
	elif [[ $OUT != *"$text"* ]]; then
		it_fail "$(it_cmd "$@") shows \"$text\"" \
		    "not in the output: $(head -c 300 "$T/.out")"
	else
		it_pass "$(it_cmd "$@") shows \"$text\""
	fi
}

has_out() {
	if [[ $OUT == *"$2"* ]]; then
		it_pass "$1"
	else
		it_fail "$1" "\"$2\" not in stdout: $(head -c 300 "$T/.out")"
	fi
}

has_err() {
	local first

	first=$(head -n 1 "$T/.err")
	if [[ $first == *"$2"* ]]; then
		it_pass "$1"
	else
		it_fail "$1" "\"$2\" not in the first line of stderr: $first"
	fi
}

check_eq() {
	if [ "$2" = "$3" ]; then
		it_pass "$1"
	else
		it_fail "$1" "expected \"$2\", got \"$3\""
	fi
}

json_check() {
	local name=$1 code=$2 res

	res=$(printf '%s' "$OUT" | python3 -c '
import decimal, json, re, sys
D = decimal.Decimal
try:
    d = json.loads(sys.stdin.buffer.read().decode("utf-8"),
        parse_float=D, parse_int=D)
except ValueError as e:
    print("not JSON: %s" % e)
    sys.exit(1)
try:
    exec(sys.argv[1])
except AssertionError as e:
    print("assertion failed: %s" % e)
    sys.exit(1)
except Exception as e:
    print("%s: %s" % (type(e).__name__, e))
    sys.exit(1)
' "$code" 2>&1)
	if [ $? = 0 ]; then
		it_pass "$name"
	else
		it_fail "$name" "$res"
	fi
}

add_user() {
	PW[$1]=$1-pass-1
	run env MAKHZAN_NEW_PASSWORD="${PW[$1]}" "$MAKHZAN" user add "$1" \
	    --role "$2"
	if [ "$RC" = 0 ]; then
		it_pass "user add $1 --role $2"
	else
		it_fail "user add $1 --role $2" "exit $RC"
	fi
}

finish() {
	echo "$IT_PASSED passed, $IT_FAILED failed"
	[ "$IT_FAILED" = 0 ]
	exit $?
}

# free_port: a free TCP port on loopback, below the kernel's ephemeral
# range: a port the kernel hands out (bind to 0) is soon handed out again
# to some client's outgoing connection, which then holds it when the
# simulator tries to listen there ("Address already in use").
free_port() {
	/usr/bin/python3 -c '
import random, socket
lo = 20000
try:
    lo = min(lo, int(open("/proc/sys/net/ipv4/ip_local_port_range").read().split()[0]) - 2000)
except OSError:
    pass
for _ in range(200):
    p = random.randint(lo - 10000, lo - 1)
    s = socket.socket()
    try:
        s.bind(("127.0.0.1", p))
    except OSError:
        continue
    finally:
        s.close()
    print(p)
    break
'
}

# wait_port PORT: until something listens there (at most 5 s).
wait_port() {
	local i
	for i in $(seq 50); do
		python3 -c 'import socket, sys; s = socket.socket(); s.settimeout(0.2); s.connect(("127.0.0.1", int(sys.argv[1])))' "$1" 2>/dev/null && return 0
		sleep 0.1
	done
	return 1
}

