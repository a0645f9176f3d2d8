#!/bin/bash
# The real servers the data bus tests stand on (lib-servers.sh): nats-server
# with TLS, a password and JetStream; a three-node cluster that keeps a
# leader and its data when a node dies; a throwaway PostgreSQL that wants
# its password; and no server outliving its test, however the test ends.

# shellcheck disable=SC2154
# (NATS_URL_a and the like are exported by lib-servers.sh under the
# server's name.)
. "$(dirname "$0")/lib.sh"
. "$IT_DIR/lib-servers.sh"

T0=$(date +%s%N)
for _tool in nats-server openssl setpriv ss curl "$PG_BIN/initdb" \
    "$PG_BIN/psql"; do
	if ! command -v "$_tool" >/dev/null 2>&1; then
		it_fail "$_tool" "missing (make deps installs it)"
		finish
	fi
done

# srv_ok NAME CMD...: CMD passes; shows its line (a start-up time), and on
# failure everything it said on stderr (the server's log tail).
srv_ok() {
	local name=$1
	shift
	run "$@"
	if [ "$RC" = 0 ]; then
		it_pass "$name"
		[ -z "$OUT" ] || printf '%s\n' "$OUT" | sed 's/^/    /'
	else
		it_fail "$name" "exit $RC ($*)"
		sed 's/^/    /' "$T/.err"
	fi
	return "$RC"
}

# refused NAME WANT_RC TEXT CMD...: CMD exits WANT_RC and says TEXT.
refused() {
	local name=$1 want=$2 text=$3
	shift 3
	run "$@"
	if [ "$RC" != "$want" ]; then
		it_fail "$name" "exit $RC, expected $want: $OUT $ERR"
	elif [[ "$OUT$ERR" != *"$text"* ]]; then
		it_fail "$name" "\"$text\" not in: $OUT $ERR"
	else
		it_pass "$name"
	fi
}

# loopback_only NAME PORT: something listens on PORT, on 127.0.0.1 only.
loopback_only() {
	local addrs
	addrs=$(ss -Hltn "( sport = :$2 )" | awk '{print $4}' | sort -u)
	if [ -n "$addrs" ] && [ "$addrs" = "127.0.0.1:$2" ]; then
		it_pass "$1"
	else
		it_fail "$1" "listening on: ${addrs:-nothing}"
	fi
}

# all_gone NAME SECONDS PID...: none of the processes is left in time.
all_gone() {
	local name=$1 n=$(( $2 * 10 )) i p left
	shift 2
	for ((i = 0; i <= n; i++)); do
		left=
		for p in "$@"; do
			_srv_alive "$p" && left="$left $p"
		done
		[ -z "$left" ] && break
		sleep 0.1
	done
	if [ -z "$left" ] && [ $# -gt 0 ]; then
		it_pass "$name"
	else
		it_fail "$name" "${left:+still running:$left}${left:-no pids to check}"
	fi
}

# jcheck NAME PYCODE: PYCODE asserts about d, the last OUT as JSON (lib.sh's
# json_check, through the quicker python of lib-servers.sh).
jcheck() {
	local res
	if res=$(printf '%s' "$OUT" | "$SRV_PYTHON" -c '
import json, sys
try:
    d = json.load(sys.stdin)
    exec(sys.argv[1])
except Exception as e:
    print("%s: %s" % (type(e).__name__, e))
    sys.exit(1)
' "$2" 2>&1); then
		it_pass "$1"
	else
		it_fail "$1" "$res"
	fi
}

port_of() { echo "${1##*:}"; }

section() { echo "# $1 (at $(( ($(date +%s%N) - T0) / 1000000 )) ms)"; }

# Two child tests start a nats-server and a PostgreSQL each, meanwhile;
# at the end one is interrupted (SIGTERM: its EXIT trap), the other
# SIGKILLed (no trap: the parent-death signal).
cat >"$T/child.sh" <<EOF
. "$IT_DIR/lib-servers.sh"
nats_start x >/dev/null && pg_start >/dev/null || exit 1
echo "\$SRV" >"\$1.srv"
srv_pids >"\$1.pids"
touch "\$1.ready"
# Gone with its parent, should this test end before it kills it.
while kill -0 \$PPID 2>/dev/null; do sleep 0.2; done
EOF
bash "$T/child.sh" "$T/term" 2>"$T/term.err" &
CHILD_TERM=$!
bash "$T/child.sh" "$T/kill" 2>"$T/kill.err" &
CHILD_KILL=$!
# Should this test end early, its children stop at once, not at their next
# look at their parent.
CHILDREN="$CHILD_TERM $CHILD_KILL"
eval "set -- $(trap -p EXIT)"
# shellcheck disable=SC2064
trap "kill -TERM \$CHILDREN 2>/dev/null; ${3:-}" EXIT

# --- a throwaway CA -------------------------------------------------------
section "a throwaway CA"
srv_ok "srv_ca: a CA, a server and a client certificate" srv_ca
ok "the server certificate chains to the CA" \
    openssl verify -CAfile "$SRV_CA" -purpose sslserver "$SRV_SERVER_CERT"
ok "the client certificate chains to the CA" \
    openssl verify -CAfile "$SRV_CA" -purpose sslclient "$SRV_CERT"
run openssl x509 -in "$SRV_SERVER_CERT" -noout -ext subjectAltName
has_out "the server certificate names 127.0.0.1" "IP Address:127.0.0.1"
has_out "the server certificate names localhost" "DNS:localhost"
run openssl x509 -in "$SRV_SERVER_CERT" -noout -text
has_out "the keys are EC P-256" "prime256v1"
srv_ok "another CA, for a client that trusts the wrong one" \
    srv_ca "$T/rogue"

# --- one nats-server: TLS, a password, JetStream ---------------------------
section "one nats-server: TLS, a password, JetStream"
if srv_ok "nats_start a (TLS, user and password, JetStream)" nats_start a; then
	PID_A=$(cat "$SRV/nats-a/pid")
	case $NATS_URL_a in
	tls://127.0.0.1:*) it_pass "the URL is tls://127.0.0.1:PORT" ;;
	*) it_fail "the URL is tls://127.0.0.1:PORT" "$NATS_URL_a" ;;
	esac
	loopback_only "nats listens on 127.0.0.1 only" "$(port_of "$NATS_URL_a")"
	loopback_only "its monitoring too" "$(port_of "$NATS_MON_a")"
	expect_out PONG nats_probe a
	refused "a wrong password is refused" 1 "Authorization Violation" \
	    nats_probe a --pass wrong-password
	refused "no user is refused" 1 "Authorization Violation" \
	    nats_probe a --no-user
	refused "a client without TLS is refused" 1 "closed" \
	    nats_probe a --no-tls
	refused "a client that trusts another CA refuses the server" 3 \
	    "tls:" nats_probe a --ca "$T/rogue/ca.pem"
	run grep -c "^authorization.*\\\$2[aby]\\\$" "$SRV/nats-a/conf"
	check_eq "the configuration holds a bcrypt hash" 1 "$OUT"
	run grep -cF "$NATS_PASS" "$SRV/nats-a/conf"
	check_eq "and not the password" 0 "$OUT"
	run grep -c "Plaintext passwords" "$SRV/nats-a/log"
	check_eq "nats-server sees no plaintext password" 0 "$OUT"
	run ps -o args= -p "$PID_A"
	if [[ $OUT == *"$NATS_PASS"* || $OUT != *nats-server* ]]; then
		it_fail "the password is not in ps" "$OUT"
	else
		it_pass "the password is not in ps"
	fi

	ok "JetStream is enabled (\$JS.API.INFO)" nats_js a INFO '' --expect \
	    'd["type"] == "io.nats.jetstream.api.v1.account_info_response"'
	run curl -sf "$NATS_MON_a/jsz"
	jcheck "/jsz: the store is in the test's folder" \
	    'assert d["config"]["store_dir"].startswith("'"$SRV"'/"), d["config"]'
	ok "a file stream is created" nats_js a STREAM.CREATE.T \
	    '{"name":"T","subjects":["t.>"],"storage":"file","num_replicas":1,"duplicate_window":60000000000}' \
	    --expect '"error" not in d and d["config"]["storage"] == "file"'
	ok "a publish is acknowledged" nats_probe a --req t.one --data first \
	    --header "Nats-Msg-Id: ev-1" --expect 'd["seq"] == 1'
	ok "the same message id again is a duplicate" nats_probe a \
	    --req t.one --data first --header "Nats-Msg-Id: ev-1" \
	    --expect 'd["seq"] == 1 and d.get("duplicate") is True'

	srv_ok "nats_kill a" nats_kill a
	all_gone "SIGKILL: nats-server has gone" 5 "$PID_A"
	refused "nothing listens after the kill" 4 "connect" nats_probe a
	URL_BEFORE=$NATS_URL_a
	srv_ok "nats_restart a" nats_restart a
	check_eq "the restart keeps the URL" "$URL_BEFORE" \
	    "$(cat "$SRV/nats-a/url")"
	ok "JetStream's stream survives the restart" nats_js a STREAM.INFO.T '' \
	    --expect 'd["state"]["messages"] == 1'
	PID_A=$(cat "$SRV/nats-a/pid")
	srv_ok "nats_stop a" nats_stop a
	all_gone "SIGTERM: nats-server has gone" 5 "$PID_A"
fi

# --- mutual TLS ------------------------------------------------------------
section "mutual TLS"
if srv_ok "nats_start m --mtls" nats_start m --mtls; then
	run nats_probe m
	if [ "$RC" != 0 ] && [[ $OUT != *PONG* ]]; then
		it_pass "mutual TLS: a client without a certificate is refused"
	else
		it_fail "mutual TLS: a client without a certificate is refused" \
		    "exit $RC: $OUT"
	fi
	expect_out PONG nats_probe m --cert "$SRV_CERT" --key "$SRV_KEY"
	refused "a certificate from another CA is refused" 3 "tls:" \
	    nats_probe m --cert "$T/rogue/client.pem" --key "$T/rogue/client.key"
	srv_ok "nats_stop m" nats_stop m
fi

# --- a three-node JetStream cluster -----------------------------------------
section "a three-node JetStream cluster"
if srv_ok "nats_cluster3 c" nats_cluster3 c; then
	IFS=, read -r -a URLS <<<"$NATS_URLS_c"
	check_eq "three client URLs" 3 "${#URLS[@]}"
	LEADER=$(nats_leader c)
	case $LEADER in
	c_[123]) it_pass "a meta leader: $LEADER" ;;
	*) it_fail "a meta leader" "\"$LEADER\"" ;;
	esac
	expect_out PONG nats_probe c_2
	refused "a cluster node wants the password too" 1 \
	    "Authorization Violation" nats_probe c_3 --pass wrong-password
	ok "a stream with 3 replicas is created" nats_js c_1 STREAM.CREATE.R3 \
	    '{"name":"R3","subjects":["r3.>"],"storage":"file","num_replicas":3}' \
	    --expect '"error" not in d and d["config"]["num_replicas"] == 3'
	run nats_wait_stream c_2 R3 10
	jcheck "it has a leader and 2 replicas" \
	    'assert len(d["cluster"]["replicas"]) == 2, d["cluster"]'
	ok "a publish is acknowledged" nats_probe c_3 --req r3.x --data one \
	    --expect 'd["seq"] == 1'

	# Kill the meta leader: the harder case.
	TK=$(date +%s%N)
	srv_ok "kill the leader $LEADER" nats_kill "$LEADER"
	if srv_ok "a new leader among the two left" nats_wait_leader c 30; then
		NEW=$OUT
		echo "    elected in $(( ($(date +%s%N) - TK) / 1000000 )) ms"
		if [ "$NEW" != "$LEADER" ]; then
			it_pass "the new leader is another node"
		else
			it_fail "the new leader is another node" "$NEW"
		fi
		run nats_wait_stream "$NEW" R3 20
		jcheck "the R3 stream keeps its message" \
		    'assert d["state"]["messages"] == 1, d["state"]'
		echo "    the stream answers $(( ($(date +%s%N) - TK) / 1000000 )) ms after the kill"
		ok "2 of 3 nodes still acknowledge a publish" nats_probe "$NEW" \
		    --req r3.x --data two --expect 'd["seq"] == 2'
	fi
	srv_ok "restart $LEADER" nats_restart "$LEADER"
	srv_ok "the cluster agrees on a leader with all three" \
	    nats_wait_leader c 30
	ok "the restarted node answers" nats_probe "$LEADER"
fi

# --- PostgreSQL ----------------------------------------------------------------
section "PostgreSQL"
if srv_ok "pg_start --tls" pg_start --tls; then
	PG_PID=$(cat "$SRV/pg-pg/pid")
	run "$PG_BIN/psql" "$PG_CONNINFO" -XAtc 'select 1'
	check_eq "psql with PG_CONNINFO: select 1" 1 "$OUT"
	run "$PG_BIN/psql" "$PG_CONNINFO" -XAtc \
	    'select ssl from pg_stat_ssl where pid = pg_backend_pid()'
	check_eq "over SSL, the server verified against the CA" t "$OUT"
	refused "a wrong password is refused" 2 "password authentication failed" \
	    "$PG_BIN/psql" "${PG_CONNINFO/password=$PG_PASS/password=wrong}" \
	    -XAtc 'select 1'
	refused "a connection without SSL is refused" 2 "no encryption" \
	    "$PG_BIN/psql" "${PG_CONNINFO/sslmode=verify-full/sslmode=disable}" \
	    -XAtc 'select 1'
	refused "the superuser cannot log in over TCP without a password" 2 \
	    "password authentication failed" "$PG_BIN/psql" \
	    "host=127.0.0.1 port=$PG_PORT dbname=postgres user=postgres password=x" \
	    -XAtc 'select 1'
	loopback_only "postgres listens on 127.0.0.1 only" "$PG_PORT"
	WANT_USER=$(id -un)
	[ "$(id -u)" = 0 ] && WANT_USER=postgres
	check_eq "postgres runs as $WANT_USER" "$WANT_USER" \
	    "$(ps -o user= -p "$PG_PID" | tr -d ' ')"
	check_eq "its data belong to $WANT_USER" "$WANT_USER" \
	    "$(stat -c %U "$SRV/pg-pg/data")"
	ok "the test's role owns a database" pg_psql -c \
	    "create table t (n int); insert into t values (1), (2);
	     alter table t owner to $PG_USER"
	srv_ok "pg_kill (a crash)" pg_kill
	all_gone "the postmaster has gone" 5 "$PG_PID"
	srv_ok "pg_restart" pg_restart
	run "$PG_BIN/psql" "$PG_CONNINFO" -XAtc 'select count(*) from t'
	check_eq "the data survive the crash" 2 "$OUT"
fi

# --- no server outlives its test ----------------------------------------------
section "no server outlives its test"
for _i in $(seq 300); do
	[ -e "$T/term.ready" ] && [ -e "$T/kill.ready" ] && break
	sleep 0.1
done
if [ -e "$T/term.ready" ] && [ -e "$T/kill.ready" ]; then
	it_pass "two child tests started their servers"
	kill -TERM "$CHILD_TERM"
	kill -KILL "$CHILD_KILL"
	wait "$CHILD_TERM" "$CHILD_KILL" 2>/dev/null
	CHILDREN=
	mapfile -t _p <"$T/term.pids"
	all_gone "SIGTERM to a test stops its servers ($(wc -l <"$T/term.pids") processes)" 20 "${_p[@]}"
	if [ ! -e "$(cat "$T/term.srv")" ]; then
		it_pass "and removes its folder"
	else
		it_fail "and removes its folder" "$(cat "$T/term.srv") is there"
	fi
	mapfile -t _p <"$T/kill.pids"
	all_gone "SIGKILL to a test: its servers get the parent-death signal ($(wc -l <"$T/kill.pids") processes)" 20 "${_p[@]}"
	for _s in term kill; do
		check_eq "no process names the $_s child's folder" "" \
		    "$(pgrep -f "$(cat "$T/$_s.srv")")"
	done
	rm -rf "$(cat "$T/kill.srv")"
else
	it_fail "two child tests started their servers" \
	    "$(cat "$T/term.err" "$T/kill.err")"
	kill -KILL "$CHILD_TERM" "$CHILD_KILL" 2>/dev/null
fi

# And this test's own servers, as its EXIT trap will stop them.
mapfile -t _p < <(srv_pids)
_srv=$SRV
srv_cleanup
all_gone "srv_cleanup stops this test's servers (${#_p[@]} processes)" 20 \
    "${_p[@]}"
check_eq "no process names this test's folder" "" "$(pgrep -f "$_srv")"
if [ ! -e "$_srv" ]; then
	it_pass "the servers' folder is removed"
else
	it_fail "the servers' folder is removed" "$_srv is there"
fi

echo "servers.sh took $(( ($(date +%s%N) - T0) / 1000000 )) ms"
finish
