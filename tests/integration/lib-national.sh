# The setting of a test with sites and a centre, shared by catalogue.sh,
# national.sh, transfers-site.sh and central-reports.sh: a nats-server
# "hub" with JetStream and a throwaway PostgreSQL with TLS (lib-servers.sh),
# their password files, CONNINFO for --central, and one makhzan.ini for the
# sites and the centre.  Source it after lib.sh.
. "$IT_DIR/lib-servers.sh"

nats_start hub || { it_fail "nats_start hub" "see above"; finish; }
pg_start --tls || { it_fail "pg_start" "see above"; finish; }

printf '%s\n' "$NATS_PASS" >"$T/nats-pass"
chmod 600 "$T/nats-pass"
printf '%s:%s:%s:%s:%s\n' "$PG_HOST" "$PG_PORT" "$PG_DB" "$PG_USER" \
    "$PG_PASS" >"$T/pgpass"
chmod 600 "$T/pgpass"
CONNINFO="host=$PG_HOST port=$PG_PORT dbname=$PG_DB user=$PG_USER passfile=$T/pgpass"

# national_ini CATALOGUE [CENTRE_KEY]: write makhzan.ini, the sites' [bus]
# (catalogue = CATALOGUE, the centre's key once there is one) and the
# [central] section; NATIONAL_INI_HEAD, if set, goes first.
national_ini() {
	cat >"$T/makhzan.ini" <<EOT
${NATIONAL_INI_HEAD:-}
[bus]
nats = $NATS_URL_hub
user = $NATS_USER
password_file = $T/nats-pass
ca = $SRV_CA
catalogue = $1
${2:+centre_key = $2}

[central]
nats = $NATS_URL_hub
user = $NATS_USER
password_file = $T/nats-pass
ca = $SRV_CA
pg = $CONNINFO
sign_key = $T/centre.key
EOT
}
export MAKHZAN_CONFIG=$T/makhzan.ini

# sql TEXT: one statement at the centre, unaligned, tuples only.
sql() {
	pg_psql -At -c "$1"
}

# applied SITE DB: run the centre until it has applied every event of DB
# (at most 15 s), and check that it has.
applied() {
	local n pid i
	n=$(sqlite3 "$2" "SELECT count(*) FROM outbox")
	setpriv --pdeathsig TERM -- "$MAKHZAN" central >>"$T/central.log" 2>&1 &
	pid=$!
	for ((i = 0; i < 150; i++)); do
		[ "$(sql "SELECT count(*) FROM event WHERE site = '$1' AND applied_at IS NOT NULL")" = "$n" ] && break
		sleep 0.1
	done
	kill -TERM "$pid"
	wait "$pid"
	check_eq "the centre applied every event of $1" "$n" \
	    "$(sql "SELECT count(*) FROM event WHERE site = '$1' AND applied_at IS NOT NULL")"
}
