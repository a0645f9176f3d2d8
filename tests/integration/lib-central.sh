# Helpers of the centre's integration scripts (central*.sh): source it
# after lib.sh and lib-servers.sh, never run it.
#
#   central_ini URLS        write $T/makhzan.ini: [central] with the bus's
#                           URLs, user, password file and CA, and pg = the
#                           last PostgreSQL's conninfo with a passfile (no
#                           password on any command line); exports
#                           MAKHZAN_CONFIG and CONNINFO
#   pub ARGS...             the test publisher (tests/bus-pub.c)
#   pub_site DB SITE [ARGS] publish DB's outbox as SITE, signed with
#                           $T/SITE.key, to the ini's bus
#   site_key SITE           make $T/SITE.key and register it at the centre
#   sql SQL                 psql as the superuser, unaligned, one value
#   wait_sql S SQL WANT     until SQL gives WANT (S seconds at most)
#   central_start NAME ARGS start makhzan central in the background (log
#                           in $T/central-NAME.log, pid in CENTRAL_PID_NAME)
#   central_stop NAME       SIGTERM, wait; central_kill NAME: SIGKILL
#   central_cleanup         stop every central still running
#   central_logs            after a failure, the tail of each consumer's log
#   same_stock NAME DB SITE the depot's stock in DB equals the centre's for
#                           SITE, line by line (a test result)
#   demo_db PATH DAYS       a demo depot (history of DAYS days)
#   copy_site FROM SITE HEX copy a depot to $T/SITE.db as another site:
#                           its site code SITE, its event ids starting
#                           with the two hex digits HEX (copies must not
#                           share ids, or JetStream drops them as resends)

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
	echo "lib-central.sh holds helpers of the centre's tests: nothing to run"
	echo "0 passed, 0 failed"
	exit 0
fi

CENTRAL_PIDS=()

# The publisher is built beside the binary under test.
_mz_dir=$(dirname "$MAKHZAN")
case $(basename "$_mz_dir") in
build*) BUS_PUB=${BUS_PUB:-$_mz_dir/tests/bus-pub} ;;
*) BUS_PUB=${BUS_PUB:-$_mz_dir/build/tests/bus-pub} ;;
esac
if [ ! -x "$BUS_PUB" ]; then
	echo "no test publisher at $BUS_PUB: build it with make build/tests/bus-pub" >&2
	echo "0 passed, 1 failed"
	exit 1
fi

central_ini() {
	printf '%s\n' "$NATS_PASS" >"$T/nats-pass"
	chmod 600 "$T/nats-pass"
	printf '%s:%s:%s:%s:%s\n' "$PG_HOST" "$PG_PORT" "$PG_DB" "$PG_USER" \
	    "$PG_PASS" >"$T/pgpass"
	chmod 600 "$T/pgpass"
	CONNINFO="host=$PG_HOST port=$PG_PORT dbname=$PG_DB user=$PG_USER passfile=$T/pgpass"
	cat >"$T/makhzan.ini" <<EOF
[central]
nats = $1
user = $NATS_USER
password_file = $T/nats-pass
ca = $SRV_CA
pg = $CONNINFO
EOF
	export MAKHZAN_CONFIG=$T/makhzan.ini CONNINFO
	CENTRAL_NATS=$1
}

pub() {
	"$BUS_PUB" "$@"
}

pub_site() {
	local db=$1 site=$2
	shift 2
	"$BUS_PUB" publish --db "$db" --site "$site" --key "$T/$site.key" \
	    --nats "$CENTRAL_NATS" --ca "$SRV_CA" --user "$NATS_USER" \
	    --password-file "$T/nats-pass" "$@" >/dev/null
}

site_key() {
	local pk kid
	read -r pk kid < <("$BUS_PUB" keygen "$T/$1.key" "$1")
	"$MAKHZAN" central sites add "$1" --key "$pk" >/dev/null
}

sql() {
	pg_psql -At -c "$1"
}

wait_sql() {
	local n=$(( $1 * 10 )) i got
	for ((i = 0; i < n; i++)); do
		got=$(sql "$2" 2>/dev/null)
		[ "$got" = "$3" ] && return 0
		sleep 0.1
	done
	echo "    waited $1 s for \"$2\" = $3; last: $got" >&2
	return 1
}

central_start() {
	local name=$1
	shift
	setpriv --pdeathsig TERM -- "$MAKHZAN" central "$@" \
	    >>"$T/central-$name.log" 2>&1 &
	eval "CENTRAL_PID_$name=$!"
	CENTRAL_PIDS+=("$!")
}

central_stop() {
	local pid
	eval "pid=\$CENTRAL_PID_$1"
	kill -TERM "$pid" 2>/dev/null
	wait "$pid"
}

central_kill() {
	local pid
	eval "pid=\$CENTRAL_PID_$1"
	kill -KILL "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
}

central_cleanup() {
	local p
	for p in "${CENTRAL_PIDS[@]}"; do
		kill -TERM "$p" 2>/dev/null
	done
	for p in "${CENTRAL_PIDS[@]}"; do
		wait "$p" 2>/dev/null
	done
	CENTRAL_PIDS=()
}

central_logs() {
	local f
	[ "$IT_FAILED" = 0 ] && return 0
	for f in "$T"/central-*.log; do
		[ -f "$f" ] || continue
		echo "--- $(basename "$f"), last lines:"
		tail -n 15 "$f" | sed 's/^/    /'
	done
}

same_stock() {
	local name=$1 db=$2 site=$3 res
	MAKHZAN_DB=$db MAKHZAN_USER=admin MAKHZAN_PASSWORD=makhzan-demo \
	    "$MAKHZAN" stock --format json >"$T/stock-depot.json" 2>&1
	"$MAKHZAN" --central "$CONNINFO" stock --site "$site" --format json \
	    >"$T/stock-centre.json" 2>&1
	res=$(python3 - "$T/stock-depot.json" "$T/stock-centre.json" "$site" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
c = json.load(open(sys.argv[2]))
key = lambda r: (r["depot"], r["location"], r["item"], r["lot"] or "", str(r["qty"]))
a = sorted(map(key, d))
b = sorted(map(key, c))
if any(r["site"] != sys.argv[3] for r in c):
    print("a row of another site")
elif a != b:
    print("depot %d lines, centre %d; first differences: %s" % (len(a), len(b),
        sorted(set(a) ^ set(b))[:3]))
elif not a:
    print("no stock at all")
PY
)
	if [ -z "$res" ]; then
		it_pass "$name"
	else
		it_fail "$name" "$res"
	fi
}

demo_db() {
	"$MAKHZAN" --db "$1" demo --no-tui --days "$2" >/dev/null
}

copy_site() {
	cp "$1" "$T/$2.db"
	sqlite3 "$T/$2.db" "UPDATE meta SET value = '$2' WHERE key = 'site';
UPDATE outbox SET event_id = '$3' || substr(event_id, 3);"
}
