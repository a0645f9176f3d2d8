#!/bin/bash
# Runs the integration scripts given, MAKHZAN_TEST_JOBS of them at a time
# (default 2), so that `make check` stays under 15 minutes on two cores:
# most of a terminal-UI script is waiting (a screen to come, a scanner's
# minute), and another script can use that time.
#
#   tests/run-integration.sh tests/integration/A.sh tests/integration/B.sh ...
#
# Each script writes to a log of its own and gets a TMPDIR of its own; when
# it ends its whole log is printed at once, between "== NAME" and
# "== NAME: N s", so the output reads as if they had run one after the
# other.  Exit status 1 if any script failed; the failed ones are named
# last.  MAKHZAN and LOCALEDIR_BUILD are passed on as they are.
set -u

# The long ones start first, so that no lane is left with a long script
# at the end (seconds on two quiet cores, from run-tests' own lines).
FIRST=(tui-day transfers-site tui tui-reports central-reports
    central-faults)
# Ones that time something against an idle baseline run first, alone.
ALONE=(backup-load)

JOBS=${MAKHZAN_TEST_JOBS:-2}
case $JOBS in
'' | *[!0-9]* | 0) echo "run-integration: MAKHZAN_TEST_JOBS must be a" \
    "number of scripts at a time (1 or more), not '$JOBS'" >&2; exit 2 ;;
esac

# Short paths: servers' sockets go below a script's TMPDIR (108 bytes at
# most for a socket's path).
LOGS=$(mktemp -d "${TMPDIR:-/tmp}/mzr.XXXXXX") || exit 2
NRUN=0
declare -A NAME START
RUNNING=0
FAILED=()
T0=$SECONDS

# Ctrl-C reaches the scripts too (they are in this process group) and
# their own traps stop their servers; TERM is passed on to them.
stop() {
	local p
	for p in "${!NAME[@]}"; do kill -TERM "$p" 2>/dev/null; done
	wait
	rm -rf "$LOGS"
	exit 130
}
trap stop INT TERM

in_list() {
	local x=$1 y
	shift
	for y in "$@"; do [ "$x" = "$y" ] && return 0; done
	return 1
}

# The order: ALONE and FIRST as listed (those given), then the rest.
ORDER=()
for f in "${ALONE[@]}" "${FIRST[@]}"; do
	for s in "$@"; do
		[ "$(basename "$s" .sh)" = "$f" ] && ORDER+=("$s")
	done
done
for s in "$@"; do
	in_list "$(basename "$s" .sh)" "${ALONE[@]}" "${FIRST[@]}" ||
	    ORDER+=("$s")
done

# One script in the background, its output to its log.
launch() {
	local s=$1 n
	n=$(basename "$s" .sh)
	NRUN=$((NRUN + 1))
	mkdir "$LOGS/$NRUN"
	TMPDIR="$LOGS/$NRUN" bash "$s" >"$LOGS/$n.log" 2>&1 </dev/null &
	NAME[$!]=$s
	START[$!]=$SECONDS
	RUNNING=$((RUNNING + 1))
}

# Wait for one script to end; print its log.
reap() {
	local p rc s
	wait -n -p p
	rc=$?
	s=${NAME[$p]}
	echo "== $s"
	cat "$LOGS/$(basename "$s" .sh).log"
	echo "== $s: $((SECONDS - START[$p])) s"
	[ "$rc" = 0 ] || FAILED+=("$s")
	unset "NAME[$p]" "START[$p]"
	RUNNING=$((RUNNING - 1))
}

for s in "${ORDER[@]}"; do
	if in_list "$(basename "$s" .sh)" "${ALONE[@]}"; then
		while [ "$RUNNING" -gt 0 ]; do reap; done
		launch "$s"
		reap
		continue
	fi
	while [ "$RUNNING" -ge "$JOBS" ]; do reap; done
	launch "$s"
done
while [ "$RUNNING" -gt 0 ]; do reap; done
rm -rf "$LOGS"

echo "== integration: $# scripts in $((SECONDS - T0)) s, $JOBS at a time"
if [ ${#FAILED[@]} -gt 0 ]; then
	echo "== failed: ${FAILED[*]}"
	exit 1
fi
exit 0
