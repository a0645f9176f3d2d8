# Real servers for the integration tests, on loopback, in one temporary
# folder: nats-server with JetStream (one node or a three-node cluster, with
# TLS and a user and password, as in production) and a throwaway PostgreSQL
# 15.  Source it, after lib.sh or on its own; docs/testing-servers.md says
# more.  Every server it starts is stopped when the test exits, however it
# exits: an EXIT trap stops them, and each server also gets a parent-death
# signal from the kernel, so that not even a SIGKILLed test leaves one
# behind.  Call the start functions in the test's own shell, never inside
# $(...) or a pipeline: their server would die with that subshell.
#
#   srv_tmp                 make the servers' folder $SRV (done on first use)
#   srv_ca [DIR]            a throwaway CA, a server certificate for
#                           127.0.0.1 and localhost, and a client certificate
#                           (EC P-256); without DIR into $SRV/tls, exporting
#                           SRV_CA, SRV_CERT, SRV_KEY (client), SRV_SERVER_CERT
#                           and SRV_SERVER_KEY
#   nats_start NAME [--tls|--mtls|--plain] [--no-auth] [--user U] [--pass P]
#              [--extra TEXT]
#                           nats-server with JetStream; TLS and a user are the
#                           default (--mtls also asks for a client certificate,
#                           --plain is no TLS); exports NATS_URL_NAME
#                           (tls://127.0.0.1:PORT), NATS_MON_NAME (monitoring
#                           http://127.0.0.1:PORT), NATS_USER_NAME and
#                           NATS_PASS_NAME, and NATS_URL, NATS_MON for the last
#                           one started.  NATS_USER and NATS_PASS are the
#                           test's default credentials.
#   nats_stop NAME          SIGTERM, and wait until it is gone
#   nats_kill NAME          SIGKILL, and wait until it is gone
#   nats_restart NAME       start it again: same port, same store
#   nats_cluster3 NAME [OPTS]  three nodes NAME_1..NAME_3 (nats_start's
#                           options), routes over mutual TLS, until a
#                           JetStream meta leader is elected; exports
#                           NATS_URLS_NAME and NATS_URLS (comma-separated)
#   nats_wait_leader NAME [S]  until the running nodes agree on a running
#                           leader (S seconds at most, default 30); prints it
#   nats_leader NAME        the leader the running nodes agree on, now
#   nats_probe NAME [nats-probe.py options] [--pass P] [--no-user]
#                           a raw-protocol client with NAME's URL, CA and
#                           credentials, e.g. --req SUBJECT --data TEXT
#                           --expect 'd["seq"] == 1'
#   nats_js NAME API [JSON [OPTIONS]]  a JetStream API request ($JS.API.API);
#                           prints the reply (OPTIONS: nats_probe's, --expect)
#   nats_wait_stream NAME STREAM [S]  until the stream answers through NAME
#                           and has a leader (S seconds at most, default 30);
#                           prints its info
#   pg_start [NAME] [--tls] a PostgreSQL cluster (initdb in $SRV) on its own
#                           port and socket folder, as the postgres system user
#                           when run as root; a role and a database "makhzan";
#                           exports PG_CONNINFO (and PG_CONNINFO_NAME),
#                           PG_HOST, PG_PORT, PG_DB, PG_USER, PG_PASS,
#                           PG_SOCKDIR and PG_SUPER (the superuser over the
#                           socket); --tls: SSL only, verify-full against SRV_CA
#   pg_env                  export PGHOST, PGPORT, PGDATABASE, PGUSER and
#                           PGPASSWORD for the last PostgreSQL started
#   pg_psql ARGS...         psql as the superuser on the last one's makhzan db
#   pg_stop [NAME]          fast shutdown; pg_kill [NAME]: SIGKILL the
#                           postmaster and its children (a crash);
#                           pg_restart [NAME]: start again, same port and data
#   srv_pids                the pids of every running server and its children
#   srv_cleanup             stop everything and remove $SRV (the EXIT trap)
#
# Each start, stop and kill prints one line; a server that cannot start
# makes its function print why and the tail of the server's log on stderr,
# and return non-zero.

# shellcheck disable=SC2119,SC2120
# (srv_tmp and srv_ca take optional arguments that the library omits.)
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
	echo "lib-servers.sh holds the server helpers of the integration scripts: nothing to run"
	echo "0 passed, 0 failed"
	exit 0
fi

SRV_LIB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# Never inherited: a test run by a test has servers (and a folder) of its own.
SRV=
: "${NATS_SERVER:=nats-server}"
if [ -z "${PG_BIN:-}" ]; then
	PG_BIN=/usr/lib/postgresql/15/bin
	[ -x "$PG_BIN/initdb" ] ||
	    PG_BIN=$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi
# Debian's python3 (stdlib only) when there is one: a version manager's
# shim in front of python3 can cost a few hundred ms a call.
if [ -z "${SRV_PYTHON:-}" ]; then
	SRV_PYTHON=python3
	[ -x /usr/bin/python3 ] && SRV_PYTHON=/usr/bin/python3
fi
# bcrypt cost of the password in nats-server's configuration: production
# would take 11 or more; every test connection pays it once.
: "${SRV_BCRYPT_COST:=8}"

_srv_now() { date +%s%N; }
_srv_ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
_srv_secret() { od -An -N16 -tx1 /dev/urandom | tr -d ' \n'; }

# _srv_ports N: N distinct free TCP ports on loopback, one a line (all held
# at once while choosing, so that they differ).
_srv_ports() {
	"$SRV_PYTHON" -c '
import socket, sys
socks = []
for _ in range(int(sys.argv[1])):
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    socks.append(s)
for s in socks:
    print(s.getsockname()[1])
' "$1"
}

# _srv_alive PID: the process is there and not a zombie.
_srv_alive() {
	local st
	{ read -r st <"/proc/$1/stat"; } 2>/dev/null || return 1
	st=${st##*) }
	[ -n "$st" ] && [ "${st%% *}" != Z ]
}

# _srv_fail LINE DIR: LINE, then the tail of DIR's logs, on stderr; 1.
_srv_fail() {
	local f
	{
		echo "$1"
		for f in "$2/log" "$2/initdb.log"; do
			[ -s "$f" ] || continue
			echo "  --- tail of $f"
			tail -n 15 "$f" | sed 's/^/  | /'
		done
	} >&2
	return 1
}

srv_tmp() {
	local base=${TMPDIR:-/tmp} prev=

	[ -n "$SRV" ] && [ -d "$SRV" ] && return 0
	# As root, PostgreSQL runs as the postgres user, who must be able to
	# reach its folder in here.
	if [ "$(id -u)" = 0 ] && [ "$base" != /tmp ] &&
	    ! runuser -u postgres -- test -x "$base" 2>/dev/null; then
		base=/tmp
	fi
	SRV=$(mktemp -d "$base/makhzan-srv.XXXXXX") || return 1
	chmod 711 "$SRV"
	export SRV
	: "${NATS_USER:=makhzan}"
	: "${NATS_PASS:=$(_srv_secret)}"
	export NATS_USER NATS_PASS
	# Chain onto the EXIT trap already set (lib.sh's), servers first.
	eval "set -- $(trap -p EXIT)"
	[ $# -ge 3 ] && prev=$3
	# shellcheck disable=SC2064
	trap "srv_cleanup${prev:+; $prev}" EXIT
}

# _srv_launch DIR SIG [SETPRIV-OPTION...] -- CMD...: CMD in the background,
# a child of this shell, its output (the server's log) appended to DIR/log,
# pid in DIR/pid; SIG is both its stop signal and the signal the kernel
# sends it if this shell dies.
_srv_launch() {
	local d=$1 sig=$2
	local -a opts=()

	shift 2
	while [ $# -gt 0 ] && [ "$1" != -- ]; do
		opts+=("$1")
		shift
	done
	shift
	echo "$sig" >"$d/stopsig"
	setpriv "${opts[@]}" --pdeathsig "$sig" -- "$@" </dev/null >>"$d/log" 2>&1 &
	echo $! >"$d/pid"
	# Out of the job table: bash still reaps it, without a "Killed" line.
	disown $!
}

# _srv_wait_log DIR FROM TEXT [SECONDS]: until TEXT is in DIR/log past byte
# FROM; 1 at once if the process dies, 2 on time out.
_srv_wait_log() {
	local d=$1 from=$2 text=$3 n=$(( ${4:-10} * 50 )) pid i

	pid=$(cat "$d/pid")
	for ((i = 0; i < n; i++)); do
		tail -c +$((from + 1)) "$d/log" 2>/dev/null | grep -qF -- "$text" &&
		    return 0
		_srv_alive "$pid" || return 1
		sleep 0.02
	done
	return 2
}

_srv_logsize() { stat -c %s "$1/log" 2>/dev/null || echo 0; }

# _srv_halt DIR SIG [SECONDS]: signal the server, wait until it has gone
# (SIGKILL after SECONDS, default 15), reap it.
_srv_halt() {
	local d=$1 sig=$2 n=$(( ${3:-15} * 50 )) pid i

	[ -f "$d/pid" ] || return 0
	pid=$(cat "$d/pid")
	kill -"$sig" "$pid" 2>/dev/null
	for ((i = 0; i < n; i++)); do
		_srv_alive "$pid" || break
		sleep 0.02
	done
	if _srv_alive "$pid"; then
		kill -KILL "$pid" 2>/dev/null
		while _srv_alive "$pid"; do sleep 0.02; done
	fi
	wait "$pid" 2>/dev/null
	rm -f "$d/pid"
	return 0
}

srv_pids() {
	local f pid

	[ -n "$SRV" ] && [ -d "$SRV" ] || return 0
	for f in "$SRV"/*/pid; do
		[ -f "$f" ] || continue
		pid=$(cat "$f")
		_srv_alive "$pid" || continue
		echo "$pid"
		pgrep -P "$pid"
	done
}

srv_cleanup() {
	local d pid

	[ -n "$SRV" ] && [ -d "$SRV" ] || return 0
	# Signal them all first, then wait: they stop side by side.
	for d in "$SRV"/*/; do
		[ -f "$d/pid" ] || continue
		pid=$(cat "$d/pid")
		kill -"$(cat "$d/stopsig")" "$pid" 2>/dev/null
	done
	for d in "$SRV"/*/; do
		_srv_halt "${d%/}" "$(cat "$d/stopsig" 2>/dev/null || echo TERM)"
	done
	rm -rf "$SRV"
	SRV=
}

# srv_ca [DIR]: a throwaway CA with a server and a client certificate.
srv_ca() {
	local d=${1:-} ext

	if [ -z "$d" ]; then
		srv_tmp || return 1
		d=$SRV/tls
		[ -f "$d/client.key" ] && return 0
	fi
	mkdir -p "$d" || return 1
	ext=$d/ext.cnf
	{
		openssl req -x509 -new -newkey ec \
		    -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
		    -keyout "$d/ca.key" -out "$d/ca.pem" -days 2 \
		    -subj "/CN=makhzan test CA $(_srv_secret | head -c 8)" \
		    -addext basicConstraints=critical,CA:TRUE \
		    -addext keyUsage=critical,keyCertSign,cRLSign &&
		# The server certificate is also the routes' client certificate
		# in a cluster, hence clientAuth.
		printf '%s\n' 'subjectAltName=IP:127.0.0.1,DNS:localhost' \
		    'basicConstraints=critical,CA:FALSE' \
		    'keyUsage=critical,digitalSignature' \
		    'extendedKeyUsage=serverAuth,clientAuth' >"$ext" &&
		openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 \
		    -nodes -keyout "$d/server.key" -out "$d/server.csr" \
		    -subj /CN=localhost &&
		openssl x509 -req -in "$d/server.csr" -CA "$d/ca.pem" \
		    -CAkey "$d/ca.key" -set_serial 2 -days 2 \
		    -out "$d/server.pem" -extfile "$ext" &&
		printf '%s\n' 'basicConstraints=critical,CA:FALSE' \
		    'keyUsage=critical,digitalSignature' \
		    'extendedKeyUsage=clientAuth' >"$ext" &&
		openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 \
		    -nodes -keyout "$d/client.key" -out "$d/client.csr" \
		    -subj /CN=makhzan-test-client &&
		openssl x509 -req -in "$d/client.csr" -CA "$d/ca.pem" \
		    -CAkey "$d/ca.key" -set_serial 3 -days 2 \
		    -out "$d/client.pem" -extfile "$ext"
	} >"$d/openssl.log" 2>&1 || {
		_srv_fail "srv_ca: openssl failed" "$d"
		sed 's/^/  | /' "$d/openssl.log" >&2
		return 1
	}
	chmod 644 "$d"/*.pem
	chmod 600 "$d"/*.key
	if [ -z "${1:-}" ]; then
		export SRV_CA=$d/ca.pem SRV_CERT=$d/client.pem SRV_KEY=$d/client.key
		export SRV_SERVER_CERT=$d/server.pem SRV_SERVER_KEY=$d/server.key
	fi
}

_srv_name_ok() {
	if [[ ! $1 =~ ^[A-Za-z0-9_]+$ ]]; then
		echo "bad server name \"$1\": letters, digits and _ only" >&2
		return 1
	fi
}

# _nats_bcrypt PASSWORD: the bcrypt hash for the configuration file (the
# password itself is never written to disk); the password if python3 has no
# crypt module.
_nats_bcrypt() {
	NATS_BC_PASS=$1 "$SRV_PYTHON" -W ignore -c '
import os, sys
try:
    import crypt
    print(crypt.crypt(os.environ["NATS_BC_PASS"],
        crypt.mksalt(crypt.METHOD_BLOWFISH, rounds=2 ** int(sys.argv[1]))))
except Exception:
    print(os.environ["NATS_BC_PASS"])
' "$SRV_BCRYPT_COST"
}

# _nats_conf DIR NAME PORT MPORT TLS HASH CLUSTER: DIR/conf.  TLS is tls,
# mtls or plain; HASH empty means no authorization; CLUSTER is a cluster
# block or empty.  Settings from DIR/extra are appended.
_nats_conf() {
	local d=$1 name=$2 port=$3 mport=$4 tls=$5 hash=$6 cluster=$7

	{
		echo "# nats-server for one makhzan integration test (lib-servers.sh)"
		echo "server_name: $name"
		echo "listen: 127.0.0.1:$port"
		echo "http: 127.0.0.1:$mport"
		echo "jetstream { store_dir: \"$d/js\", max_mem: 256MB, max_file: 4GB }"
		if [ "$tls" != plain ]; then
			echo "tls {"
			echo "  cert_file: \"$SRV_SERVER_CERT\""
			echo "  key_file: \"$SRV_SERVER_KEY\""
			echo "  ca_file: \"$SRV_CA\""
			[ "$tls" = mtls ] && echo "  verify: true"
			echo "  timeout: 2"
			echo "}"
		fi
		if [ -n "$hash" ]; then
			echo "authorization { user: \"$(cat "$d/user")\", password: \"$hash\" }"
		fi
		[ -z "$cluster" ] || echo "$cluster"
		[ ! -s "$d/extra" ] || cat "$d/extra"
	} >"$d/conf"
}

# _nats_opts: parse nats_start's options into the caller's tls, user,
# pass, auth and extra.
_nats_opts() {
	while [ $# -gt 0 ]; do
		case $1 in
		--tls) tls=tls ;;
		--mtls) tls=mtls ;;
		--plain) tls=plain ;;
		--no-auth) auth= ;;
		--user) user=$2; shift ;;
		--pass) pass=$2; shift ;;
		--extra) extra=$2; shift ;;
		*) echo "nats: unknown option $1" >&2; return 1 ;;
		esac
		shift
	done
}

# _nats_prepare DIR NAME: the server's folder and its fixed settings.
_nats_prepare() {
	local d=$1

	if [ -e "$d" ]; then
		echo "nats $2: already started in this test" >&2
		return 1
	fi
	mkdir -p "$d/js" || return 1
	echo "$tls" >"$d/tls"
	printf '%s' "$extra" >"$d/extra"
	if [ -n "$auth" ]; then
		printf '%s' "$user" >"$d/user"
		hash=$(_nats_bcrypt "$pass")
	else
		: >"$d/user"
		hash=
	fi
}

# _nats_export DIR NAME PORT MPORT
_nats_export() {
	local d=$1 name=$2 scheme=tls u p=

	[ "$(cat "$d/tls")" = plain ] && scheme=nats
	echo "$scheme://127.0.0.1:$3" >"$d/url"
	echo "http://127.0.0.1:$4" >"$d/mon"
	u=$(cat "$d/user")
	[ -z "$u" ] || p=$pass
	export "NATS_URL_$name=$scheme://127.0.0.1:$3"
	export "NATS_MON_$name=http://127.0.0.1:$4"
	export "NATS_USER_$name=$u" "NATS_PASS_$name=$p"
	export NATS_URL="$scheme://127.0.0.1:$3" NATS_MON="http://127.0.0.1:$4"
}

nats_start() {
	local name=${1:-} tls=tls auth=1 user pass extra='' hash d t0 try rc
	local port mport

	_srv_name_ok "$name" || return 1
	shift
	srv_tmp || return 1
	user=$NATS_USER pass=$NATS_PASS
	_nats_opts "$@" || return 1
	if [ "$tls" != plain ]; then srv_ca || return 1; fi
	d=$SRV/nats-$name
	_nats_prepare "$d" "$name" || return 1
	t0=$(_srv_now)
	for ((try = 0; try < 3; try++)); do
		{ read -r port; read -r mport; } < <(_srv_ports 2)
		_nats_conf "$d" "$name" "$port" "$mport" "$tls" "$hash" ""
		_srv_launch "$d" TERM -- "$NATS_SERVER" -c "$d/conf"
		_srv_wait_log "$d" 0 "Server is ready"
		rc=$?
		[ $rc = 0 ] && break
		_srv_halt "$d" KILL
		# Another test took a port between choosing and binding.
		grep -q "address already in use" "$d/log" 2>/dev/null ||
		    break
		: >"$d/log"
	done
	if [ $rc != 0 ]; then
		_srv_fail "nats $name: nats-server did not start" "$d"
		return 1
	fi
	_nats_export "$d" "$name" "$port" "$mport"
	echo "nats $name: $(cat "$d/url") JetStream${hash:+, user $user}$([ "$tls" = mtls ] && echo ", client certificates"), ready in $(_srv_ms "$t0") ms"
}

_nats_dir() {
	local d=$SRV/nats-$1

	if [ -z "$SRV" ] || [ ! -f "$d/conf" ]; then
		echo "nats $1: no such server in this test" >&2
		return 1
	fi
	echo "$d"
}

nats_stop() {
	local d
	d=$(_nats_dir "${1:-}") || return 1
	_srv_halt "$d" TERM
	echo "nats $1: stopped"
}

nats_kill() {
	local d
	d=$(_nats_dir "${1:-}") || return 1
	_srv_halt "$d" KILL
	echo "nats $1: killed"
}

nats_restart() {
	local d t0 from rc

	d=$(_nats_dir "${1:-}") || return 1
	_srv_halt "$d" TERM
	from=$(_srv_logsize "$d")
	t0=$(_srv_now)
	_srv_launch "$d" TERM -- "$NATS_SERVER" -c "$d/conf"
	_srv_wait_log "$d" "$from" "Server is ready"
	rc=$?
	if [ $rc != 0 ]; then
		_srv_halt "$d" KILL
		_srv_fail "nats $1: nats-server did not start again" "$d"
		return 1
	fi
	echo "nats $1: restarted on $(cat "$d/url") in $(_srv_ms "$t0") ms"
}

nats_cluster3() {
	local name=${1:-} tls=tls auth=1 user pass extra='' hash t0 try i j rc
	local -a p node
	local d routes urls leader

	_srv_name_ok "$name" || return 1
	shift
	srv_tmp || return 1
	user=$NATS_USER pass=$NATS_PASS
	_nats_opts "$@" || return 1
	if [ "$tls" != plain ]; then srv_ca || return 1; fi
	for i in 1 2 3; do
		node[i]=${name}_$i
		_nats_prepare "$SRV/nats-${node[i]}" "${node[i]}" || return 1
	done
	printf '%s\n' "${node[@]}" >"$SRV/cluster-$name"
	t0=$(_srv_now)
	for ((try = 0; try < 3; try++)); do
		# Client, monitoring and route port of each node.
		mapfile -t p < <(_srv_ports 9)
		for i in 1 2 3; do
			d=$SRV/nats-${node[i]}
			routes=
			for j in 1 2 3; do
				[ "$j" = "$i" ] ||
				    routes="${routes:+$routes, }\"nats-route://127.0.0.1:${p[j * 3 - 1]}\""
			done
			local cl="cluster {
  name: $name
  listen: 127.0.0.1:${p[i * 3 - 1]}"
			# Routes authenticate each other with the CA's certificates.
			[ "$tls" = plain ] || cl="$cl
  tls { cert_file: \"$SRV_SERVER_CERT\", key_file: \"$SRV_SERVER_KEY\", ca_file: \"$SRV_CA\", verify: true, timeout: 2 }"
			cl="$cl
  routes: [ $routes ]
}"
			_nats_conf "$d" "${node[i]}" "${p[i * 3 - 3]}" \
			    "${p[i * 3 - 2]}" "$tls" "$hash" "$cl"
			_srv_launch "$d" TERM -- "$NATS_SERVER" -c "$d/conf"
		done
		rc=0
		for i in 1 2 3; do
			_srv_wait_log "$SRV/nats-${node[i]}" 0 "Server is ready" ||
			    rc=$i
		done
		[ $rc = 0 ] && break
		for i in 1 2 3; do _srv_halt "$SRV/nats-${node[i]}" KILL; done
		grep -q "address already in use" "$SRV/nats-${node[rc]}/log" \
		    2>/dev/null || break
		for i in 1 2 3; do : >"$SRV/nats-${node[i]}/log"; done
	done
	if [ $rc != 0 ]; then
		_srv_fail "nats cluster $name: node ${node[rc]} did not start" \
		    "$SRV/nats-${node[rc]}"
		return 1
	fi
	urls=
	for i in 1 2 3; do
		_nats_export "$SRV/nats-${node[i]}" "${node[i]}" "${p[i * 3 - 3]}" \
		    "${p[i * 3 - 2]}"
		urls=${urls:+$urls,}$NATS_URL
	done
	export "NATS_URLS_$name=$urls" NATS_URLS="$urls"
	if ! leader=$(nats_wait_leader "$name" 30); then
		_srv_fail "nats cluster $name: no JetStream meta leader in 30 s" \
		    "$SRV/nats-${node[1]}"
		return 1
	fi
	echo "nats cluster $name: $urls, leader $leader, ready in $(_srv_ms "$t0") ms"
}

# _nats_meta NAME: the leader all running nodes of cluster NAME agree on
# (from each node's /jsz), if it is itself running; else nothing, status 1.
_nats_meta() {
	local n d mons=()

	[ -f "$SRV/cluster-$1" ] || { echo "nats cluster $1: none" >&2; return 1; }
	while read -r n; do
		d=$SRV/nats-$n
		[ -f "$d/pid" ] && _srv_alive "$(cat "$d/pid")" &&
		    mons+=("$n=$(cat "$d/mon")")
	done <"$SRV/cluster-$1"
	"$SRV_PYTHON" -c '
import json, sys, urllib.request
nodes = dict(a.split("=", 1) for a in sys.argv[1:])
seen = set()
for n, mon in nodes.items():
    try:
        with urllib.request.urlopen(mon + "/jsz", timeout=1) as r:
            meta = json.load(r).get("meta_cluster") or {}
    except Exception:
        sys.exit(1)
    seen.add(meta.get("leader") or "")
if len(seen) == 1 and len(nodes) >= 2:
    leader = seen.pop()
    if leader in nodes:
        print(leader)
        sys.exit(0)
sys.exit(1)
' "${mons[@]}"
}

nats_leader() { _nats_meta "${1:-}"; }

nats_wait_leader() {
	local n=$(( ${2:-30} * 10 )) i

	for ((i = 0; i < n; i++)); do
		_nats_meta "${1:-}" && return 0
		sleep 0.1
	done
	return 1
}

# nats_wait_stream NAME STREAM [S]: until STREAM answers its info request
# through server NAME, and has a leader when it is replicated (S seconds at
# most, default 30); prints the info (JSON).
nats_wait_stream() {
	local n=$(( ${3:-30} * 2 )) i info
	local ok='"error" not in d and (d["config"].get("num_replicas", 1) < 2 or d["cluster"].get("leader"))'

	for ((i = 0; i < n; i++)); do
		info=$(nats_probe "$1" --timeout 0.5 \
		    --req "\$JS.API.STREAM.INFO.$2" --expect "$ok" 2>/dev/null) &&
		    { printf '%s\n' "$info"; return 0; }
		sleep 0.2
	done
	echo "nats $1: stream $2 has no leader after ${3:-30} s" >&2
	return 1
}

nats_probe() {
	local d url u pw
	local -a args=()

	d=$(_nats_dir "${1:-}") || return 1
	# The password lives in this shell's variables only, never in a file.
	pw=NATS_PASS_$1
	pw=${!pw:-}
	shift
	url=$(cat "$d/url")
	u=$(cat "$d/user")
	while [ $# -gt 0 ]; do
		case $1 in
		--pass) pw=$2; shift ;;
		--user) u=$2; shift ;;
		--no-user) u= ;;
		*) args+=("$1") ;;
		esac
		shift
	done
	[ "$(cat "$d/tls")" = plain ] || args=(--ca "$SRV_CA" "${args[@]}")
	[ -z "$u" ] || args=(--user "$u" "${args[@]}")
	NATS_PROBE_PASS=$pw "$SRV_PYTHON" "$SRV_LIB_DIR/nats-probe.py" "$url" "${args[@]}"
}

nats_js() {
	local name=$1 api=$2 data=${3:-}
	shift 2
	[ $# = 0 ] || shift
	nats_probe "$name" --req "\$JS.API.$api" --data "$data" "$@"
}

# _pg_dir [NAME]: the server's name (default: the last started) and folder,
# into the caller's name and d.
_pg_dir() {
	name=${1:-${PG_LAST:-pg}}
	d=$SRV/pg-$name
	if [ -z "$SRV" ] || [ ! -d "$d/data" ]; then
		echo "postgres $name: no such server in this test" >&2
		return 1
	fi
}

# _pg_setpriv: setpriv's options that run postgres as the postgres system
# user when we are root (initdb and postgres refuse root).  setpriv execs,
# where runuser would stay as a parent: so the pid we keep is the
# postmaster's, and the parent-death signal reaches it.
_pg_setpriv() {
	if [ "$(id -u)" = 0 ]; then
		echo "--reuid=postgres --regid=postgres --init-groups"
	fi
}

# _pg_launch DIR: postgres on DIR/data, its settings in DIR/data/test.conf.
_pg_launch() {
	local d=$1
	# shellcheck disable=SC2046
	_srv_launch "$d" INT $(_pg_setpriv) -- "$PG_BIN/postgres" -D "$d/data"
}

pg_start() {
	local name=pg tls='' d t0 ti try rc port as=() who
	local pass db=makhzan user=makhzan

	while [ $# -gt 0 ]; do
		case $1 in
		--tls) tls=1 ;;
		-*) echo "pg_start: unknown option $1" >&2; return 1 ;;
		*) name=$1 ;;
		esac
		shift
	done
	_srv_name_ok "$name" || return 1
	srv_tmp || return 1
	if [ ! -x "$PG_BIN/initdb" ]; then
		echo "postgres $name: no initdb in $PG_BIN (make deps installs postgresql)" >&2
		return 1
	fi
	[ -z "$tls" ] || srv_ca || return 1
	d=$SRV/pg-$name
	if [ -e "$d" ]; then
		echo "postgres $name: already started in this test" >&2
		return 1
	fi
	mkdir -p "$d/sock" || return 1
	chmod 700 "$d/sock"
	who=$(id -un)
	if [ "$(id -u)" = 0 ]; then
		if ! id postgres >/dev/null 2>&1; then
			echo "postgres $name: no postgres system user (make deps installs postgresql)" >&2
			return 1
		fi
		chown -R postgres:postgres "$d"
		as=(runuser -u postgres --)
		who=postgres
	fi
	t0=$(_srv_now)
	# Trust on the socket, whose folder only the server's user (and root)
	# can enter; a password (SCRAM) over TCP.
	if ! "${as[@]}" "$PG_BIN/initdb" -D "$d/data" -N -A trust -U postgres \
	    -E UTF8 --locale=C.UTF-8 >"$d/initdb.log" 2>&1; then
		_srv_fail "postgres $name: initdb failed" "$d"
		return 1
	fi
	ti=$(_srv_ms "$t0")
	{
		echo "# lib-servers.sh: local trust (a private socket folder), SCRAM over TCP"
		echo "local all all trust"
		if [ -n "$tls" ]; then
			echo "hostssl all all 127.0.0.1/32 scram-sha-256"
			echo "hostnossl all all 127.0.0.1/32 reject"
		else
			echo "host all all 127.0.0.1/32 scram-sha-256"
		fi
	} >"$d/data/pg_hba.conf"
	echo "include 'test.conf'" >>"$d/data/postgresql.conf"
	if [ -n "$tls" ]; then
		cp "$SRV_SERVER_CERT" "$d/data/server.crt"
		cp "$SRV_SERVER_KEY" "$d/data/server.key"
		chmod 600 "$d/data/server.key"
	fi
	if [ "$(id -u)" = 0 ]; then chown -R postgres:postgres "$d/data"; fi
	for ((try = 0; try < 3; try++)); do
		port=$(_srv_ports 1)
		{
			echo "listen_addresses = '127.0.0.1'"
			echo "port = $port"
			echo "unix_socket_directories = '$d/sock'"
			# A throwaway cluster: no fsync, as only the machine's
			# crash would need it.  synchronous_commit stays on: a
			# commit is in the WAL (in the OS) before it returns, so
			# that pg_kill loses nothing committed, as a crash test
			# of the consumer expects.
			echo "fsync = off"
			echo "full_page_writes = off"
			echo "max_connections = 50"
			echo "shared_buffers = 64MB"
			if [ -n "$tls" ]; then
				echo "ssl = on"
				echo "ssl_cert_file = 'server.crt'"
				echo "ssl_key_file = 'server.key'"
			fi
		} >"$d/data/test.conf"
		if [ "$(id -u)" = 0 ]; then chown postgres "$d/data/test.conf"; fi
		: >"$d/log"
		_pg_launch "$d"
		_srv_wait_log "$d" 0 \
		    "database system is ready to accept connections" 30
		rc=$?
		[ $rc = 0 ] && break
		_srv_halt "$d" KILL
		grep -q "Address already in use" "$d/log" 2>/dev/null || break
	done
	if [ $rc != 0 ]; then
		_srv_fail "postgres $name: postgres did not start" "$d"
		return 1
	fi
	pass=$(_srv_secret)
	echo "$port" >"$d/port"
	if ! "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$d/sock" -p "$port" \
	    -U postgres -d postgres >"$d/psql.log" 2>&1 <<-EOF
		CREATE ROLE $user LOGIN PASSWORD '$pass';
		CREATE DATABASE $db OWNER $user;
	EOF
	then
		_srv_fail "postgres $name: could not create the role and database" "$d"
		cat "$d/psql.log" >&2
		return 1
	fi
	PG_CONNINFO="host=127.0.0.1 port=$port dbname=$db user=$user password=$pass"
	if [ -n "$tls" ]; then
		PG_CONNINFO="$PG_CONNINFO sslmode=verify-full sslrootcert=$SRV_CA"
	else
		PG_CONNINFO="$PG_CONNINFO sslmode=disable"
	fi
	PG_LAST=$name
	export PG_CONNINFO "PG_CONNINFO_$name=$PG_CONNINFO"
	export PG_HOST=127.0.0.1 PG_PORT=$port PG_DB=$db PG_USER=$user
	export PG_PASS=$pass PG_SOCKDIR=$d/sock
	export PG_SUPER="host=$d/sock port=$port dbname=$db user=postgres"
	export "PG_SUPER_$name=$PG_SUPER"
	echo "postgres $name: 127.0.0.1:$port db $db user $user${tls:+ (SSL only)}, run as $who, ready in $(_srv_ms "$t0") ms (initdb $ti ms)"
}

pg_env() {
	export PGHOST=$PG_HOST PGPORT=$PG_PORT PGDATABASE=$PG_DB PGUSER=$PG_USER
	export PGPASSWORD=$PG_PASS
}

pg_psql() {
	"$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 "$PG_SUPER" "$@"
}

pg_stop() {
	local name d
	_pg_dir "${1:-}" || return 1
	_srv_halt "$d" INT
	echo "postgres $name: stopped"
}

pg_kill() {
	local name d pid kids k
	_pg_dir "${1:-}" || return 1
	if [ -f "$d/pid" ]; then
		pid=$(cat "$d/pid")
		kids=$(pgrep -P "$pid")
		# shellcheck disable=SC2086
		kill -KILL "$pid" $kids 2>/dev/null
		for k in $kids; do
			while _srv_alive "$k"; do sleep 0.02; done
		done
		_srv_halt "$d" KILL
	fi
	echo "postgres $name: killed"
}

pg_restart() {
	local name d t0 from rc
	_pg_dir "${1:-}" || return 1
	_srv_halt "$d" INT
	from=$(_srv_logsize "$d")
	t0=$(_srv_now)
	_pg_launch "$d"
	_srv_wait_log "$d" "$from" \
	    "database system is ready to accept connections" 30
	rc=$?
	if [ $rc != 0 ]; then
		_srv_halt "$d" KILL
		_srv_fail "postgres $name: postgres did not start again" "$d"
		return 1
	fi
	echo "postgres $name: restarted on 127.0.0.1:$(cat "$d/port") in $(_srv_ms "$t0") ms"
}
