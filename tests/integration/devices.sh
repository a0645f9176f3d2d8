# Scales and scanners through the binary: the simulator (makhzan sim) on
# loopback, devices configured per station, read, watched, zeroed and
# tared; a Modbus peer from another implementation (python3-pymodbus)
# serving a real profile's registers; and the faults a depot sees.
set -u
. "$(dirname "$0")/lib.sh"



PIDS=()
stop_all() { local p; for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done; }
trap 'stop_all; rm -rf "$T"' EXIT

ok "init" mz init --site HMS --admin admin

# --- the simulator and a configured scale ------------------------------------
P1=$(free_port)
"$MAKHZAN" sim scale --profile laumas-tlu --listen "tcp://127.0.0.1:$P1" \
    --weight 208 --tare 8 --seconds 60 >"$T/sim1.log" 2>&1 &
PIDS+=($!)
wait_port "$P1" && it_pass "the simulated scale listens" ||
    it_fail "the simulated scale listens" "$(cat "$T/sim1.log")"
ok "device add" mz device add scale-1 --kind scale \
    --uri "tcp://127.0.0.1:$P1" --profile laumas-tlu --station dock-1
ok "device list" mz device list --format json
json_check "the scale is configured" '
assert [(r["name"], r["kind"], r["station"], r["unit"], r["profile"])
    for r in d] == [("scale-1", "scale", "dock-1", 1, "laumas-tlu")], d'
ok "device read --format json" mz device read scale-1 --format json
json_check "exactly the fields of the issue, the values set" '
assert list(d) == ["gross", "net", "tare", "unit", "stable", "overload",
    "underload"], list(d)
assert (d["gross"], d["net"], d["tare"], d["unit"], d["stable"],
    d["overload"], d["underload"]) == (208, 200, 8, "kg", True, False,
    False), d'
ok "device tare" mz device tare scale-1
ok "read after tare" mz device read scale-1 --format json
json_check "the tare is the gross now" '
assert (d["gross"], d["tare"], d["net"]) == (208, 208, 0), d'
ok "device zero" mz device zero scale-1
ok "device watch --count" mz device watch scale-1 --count 2 --interval 50 \
    --format json
check_eq "watch prints a line for the first reading" "1" \
    "$(printf '%s\n' "$OUT" | grep -c '"gross"')"

# --- the simulator plays a script: a drum settles, then stays ---------------------
P5=$(free_port)
# Moving for 6 s: time enough for the first read even in the sanitizer
# build, where each command takes a while to start.
printf '# seconds weight state\n6 215.5 moving\n600 215.5 stable\n' \
    >"$T/drum.txt"
"$MAKHZAN" sim scale --profile generic --listen "tcp://127.0.0.1:$P5" \
    --script "$T/drum.txt" --seconds 60 >"$T/sim5.log" 2>&1 &
PIDS+=($!)
wait_port "$P5" || it_fail "the scripted scale listens" "$(cat "$T/sim5.log")"
ok "read the scripted scale while it moves" mz device read --profile generic \
    --uri "tcp://127.0.0.1:$P5" --format json
json_check "moving at first" '
assert (d["gross"], d["stable"]) == (D("215.5"), False), d'
# Then it settles: read until it says so (15 s at most).
for i in $(seq 30); do
	run mz device read --profile generic --uri "tcp://127.0.0.1:$P5" \
	    --format json
	grep -q '"stable":true' "$T/.out" && break
	sleep 0.5
done
json_check "stable after the 6 s of motion" '
assert (d["gross"], d["stable"]) == (D("215.5"), True), d'
printf '1 10\n1 10 wobbly\n' >"$T/bad.txt"
fails 1 "a bad script" mz sim scale --profile generic \
    --listen "tcp://127.0.0.1:$(free_port)" --script "$T/bad.txt"
has_err "names the file and the line" "bad.txt:2: \"wobbly\": use moving, stable or overload"

# --- a scanner --------------------------------------------------------------------
P2=$(free_port)
printf 'P-100\n(01)09506000134352(10)LOT-7\n' >"$T/codes.txt"
"$MAKHZAN" sim scanner --profile zebra-ea3600 --listen "tcp://127.0.0.1:$P2" \
    --codes "$T/codes.txt" --interval 1000 --seconds 60 >"$T/sim2.log" 2>&1 &
PIDS+=($!)
wait_port "$P2" || it_fail "the simulated scanner listens" "$(cat "$T/sim2.log")"
ok "device watch a scanner" mz device watch --profile zebra-ea3600 \
    --uri "tcp://127.0.0.1:$P2" --count 15 --interval 200 --format json
check_eq "both codes arrive, in order" "P-100|(01)09506000134352(10)LOT-7" \
    "$(printf '%s\n' "$OUT" | python3 -c '
import json, sys
print("|".join([json.loads(l)["data"] for l in sys.stdin if l.strip()][:2]))')"

# --- an independent Modbus server: python3-pymodbus ------------------------------
P3=$(free_port)
cat >"$T/peer.py" <<'PY'
# A Modbus TCP server from another implementation, serving the registers a
# Flintec FT-11 holds: status 40003 (0: data OK bit 1 set, stable), tare
# 40004-5, gross 40006-7, 32-bit high word first.  zero_mode keeps
# addresses 0-based (DESIGN.md).
import sys
from pymodbus.datastore import (ModbusSequentialDataBlock,
    ModbusServerContext, ModbusSlaveContext)
from pymodbus.server import StartTcpServer
regs = [0] * 20
regs[2] = 0x0002             # 40003: D1 data OK, D2 clear: stable
regs[3], regs[4] = 0, 12     # 40004-5: tare 12
regs[5], regs[6] = 0x0001, 0xE240   # 40006-7: gross 123456
block = ModbusSequentialDataBlock(0, regs)
store = ModbusSlaveContext(hr=block, ir=block, zero_mode=True)
StartTcpServer(context=ModbusServerContext(slaves=store, single=True),
    address=("127.0.0.1", int(sys.argv[1])))
PY
/usr/bin/python3 "$T/peer.py" "$P3" >"$T/peer.log" 2>&1 &
PIDS+=($!)
if wait_port "$P3"; then
	ok "read a pymodbus server with the Flintec profile" mz device read \
	    --profile flintec-ft11 --uri "tcp://127.0.0.1:$P3" --format json
	json_check "the peer's registers, decoded by the profile" '
assert (d["gross"], d["tare"], d["net"], d["stable"]) == (123456, 12,
    123444, True), d'
else
	it_fail "the pymodbus peer listens" "$(tail -3 "$T/peer.log")"
fi

# --- faults and refusals -------------------------------------------------------------
P4=$(free_port)
fails 1 "nothing listening" mz device read --profile generic \
    --uri "tcp://127.0.0.1:$P4"
has_err "connection refused, naming the address" "127.0.0.1:$P4: connection refused"
fails 1 "a profile for a scanner on a scale" mz device add bad --kind scale \
    --uri tcp://127.0.0.1:1502 --profile zebra-ea3600
has_err "says so" "for a scanner"
fails 1 "an unknown profile" mz device add bad --kind scale \
    --uri tcp://127.0.0.1:1502 --profile no-such-profile
fails 1 "a bad address" mz device add bad --kind scale \
    --uri "tcp://127.0.0.1:99999" --profile generic
has_err "names the port" "99999"
fails 2 "a bad kind" mz device add bad --kind printer \
    --uri tcp://127.0.0.1:1502 --profile generic
fails 1 "the same name twice" mz device add scale-1 --kind scale \
    --uri "tcp://127.0.0.1:$P1" --profile laumas-tlu
fails 1 "an unknown device" mz device read nosuch
add_user sk storekeeper
fails 1 "a storekeeper may not add devices" as sk device add s2 \
    --kind scale --uri tcp://127.0.0.1:1502 --profile generic
ok "device remove" mz device remove scale-1
fails 1 "removed twice" mz device remove scale-1
stop_all
PIDS=()
finish
