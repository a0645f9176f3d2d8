# Modbus RTU through a socat pty pair: a python3-pymodbus RTU server (an
# independent implementation) on one end serving a Flintec FT-11's
# registers, makhzan on the other; then the server stops answering and the
# read fails with one clear line.  Skips (one pass, with a note) only when
# socat or pymodbus is missing.
set -u
. "$(dirname "$0")/lib.sh"

PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
if ! command -v socat >/dev/null 2>&1; then
	it_pass "skipped: socat is not installed (apt-get install socat)"
	finish
fi
if ! "$PY" -c 'import pymodbus.server' 2>/dev/null; then
	it_pass "skipped: python3-pymodbus is not installed"
	finish
fi

PIDS=()
stop_all() {
	local p
	for p in "${PIDS[@]}"; do
		kill -CONT "$p" 2>/dev/null
		kill "$p" 2>/dev/null
		wait "$p" 2>/dev/null
	done
	PIDS=()
}
trap 'stop_all; cd /; rm -rf "$T"' EXIT

# wait_file PATH: until PATH exists (at most 5 s).
wait_file() {
	local i
	for i in $(seq 50); do
		[ -e "$1" ] && return 0
		sleep 0.1
	done
	return 1
}

ok "init" mz init --site HMS --admin admin

socat pty,raw,echo=0,link="$T/ttyA" pty,raw,echo=0,link="$T/ttyB" \
    >"$T/socat.log" 2>&1 &
PIDS+=($!)
if wait_file "$T/ttyA" && wait_file "$T/ttyB"; then
	it_pass "socat made the pty pair"
else
	it_fail "socat made the pty pair" "$(tail -3 "$T/socat.log")"
	finish
fi

cat >"$T/peer.py" <<'PY'
# A Modbus RTU server from pymodbus on a pty, unit 1, 9600 8N1, serving the
# registers a Flintec FT-11 holds: status 40003 (D1 data OK, D2 clear:
# stable), tare 40004-5 = 12, gross 40006-7 = 123456, high word first.
# zero_mode keeps addresses 0-based.
import sys
from pymodbus.datastore import (ModbusSequentialDataBlock,
    ModbusServerContext, ModbusSlaveContext)
from pymodbus.server import StartSerialServer
from pymodbus.transaction import ModbusRtuFramer
regs = [0] * 20
regs[2] = 0x0002
regs[3], regs[4] = 0, 12
regs[5], regs[6] = 0x0001, 0xE240
block = ModbusSequentialDataBlock(0, regs)
store = ModbusSlaveContext(hr=block, ir=block, zero_mode=True)
print("serving", flush=True)
StartSerialServer(context=ModbusServerContext(slaves=store, single=True),
    framer=ModbusRtuFramer, port=sys.argv[1], baudrate=9600, bytesize=8,
    parity="N", stopbits=1, timeout=0.05)
PY
"$PY" "$T/peer.py" "$T/ttyA" >"$T/peer.log" 2>&1 &
PEER=$!
PIDS+=($PEER)

URI="rtu:$T/ttyB?baud=9600&parity=N&data=8&stop=1"
# The server opens its end a moment after it starts: try for up to 5 s.
for i in $(seq 25); do
	run mz device read --profile flintec-ft11 --uri "$URI" --unit 1 \
	    --timeout 500 --format json
	[ "$RC" = 0 ] && break
	sleep 0.2
done
if [ "$RC" = 0 ]; then
	it_pass "read a pymodbus RTU server through the pty pair"
else
	it_fail "read a pymodbus RTU server through the pty pair" \
	    "exit $RC: $(head -1 "$T/.err"); peer: $(tail -2 "$T/peer.log")"
fi
json_check "the FT-11 registers, decoded over RTU" '
assert list(d) == ["gross", "net", "tare", "unit", "stable", "overload",
    "underload"], list(d)
assert (d["gross"], d["tare"], d["net"], d["unit"], d["stable"],
    d["overload"], d["underload"]) == (123456, 12, 123444, "kg", True,
    False, False), d'
ok "a second read on a new connection" mz device read \
    --profile flintec-ft11 --uri "$URI" --unit 1 --timeout 500 --format json
json_check "the same values again" '
assert (d["gross"], d["net"]) == (123456, 123444), d'

# --- the device stops answering ------------------------------------------------------
kill -STOP "$PEER"
fails 1 "a stopped RTU device: the read fails" mz device read \
    --profile flintec-ft11 --uri "$URI" --unit 1 --timeout 300 --format json
has_err "a timeout, naming the port and the registers" \
    "$T/ttyB?baud=9600&parity=N&data=8&stop=1: no answer within 300 ms reading holding 40003-40007"
kill -CONT "$PEER"
# Let the server answer the request it found on waking, into the void.
sleep 0.3
ok "the device answers again" mz device read --profile flintec-ft11 \
    --uri "$URI" --unit 1 --timeout 500 --format json
json_check "a fresh reading, the same values" '
assert (d["gross"], d["tare"], d["stable"]) == (123456, 12, True), d'

# --- the server is gone for good ---------------------------------------------------
kill "$PEER" 2>/dev/null
wait "$PEER" 2>/dev/null
fails 1 "a dead RTU device: the read fails" mz device read \
    --profile flintec-ft11 --uri "$URI" --unit 1 --timeout 300
has_err "one clear line naming the port" "$T/ttyB"
fails 1 "no such serial device" mz device read \
    --profile flintec-ft11 --uri "rtu:$T/ttyZ" --unit 1 --timeout 300
has_err "says so" "no such serial device"
stop_all

# --- makhzan's own simulator answering on a serial line -------------------------
socat pty,raw,echo=0,link="$T/ttyC" pty,raw,echo=0,link="$T/ttyD" \
    >"$T/socat2.log" 2>&1 &
PIDS+=($!)
wait_file "$T/ttyC" && wait_file "$T/ttyD" ||
	it_fail "a second pty pair" "$(tail -3 "$T/socat2.log")"
"$MAKHZAN" sim scale --profile laumas-tlu --listen "rtu:$T/ttyC?baud=19200" \
    --weight 512 --tare 12 </dev/null >"$T/sim.log" 2>&1 &
PIDS+=($!)
URI2="rtu:$T/ttyD?baud=19200"
for i in $(seq 25); do
	run mz device read --profile laumas-tlu --uri "$URI2" --unit 1 \
	    --timeout 500 --format json
	[ "$RC" = 0 ] && break
	sleep 0.2
done
if [ "$RC" = 0 ]; then
	it_pass "read makhzan's RTU simulator through a pty pair"
else
	it_fail "read makhzan's RTU simulator through a pty pair" \
	    "exit $RC: $(head -1 "$T/.err"); sim: $(tail -2 "$T/sim.log")"
fi
json_check "the simulated TLU's weights, over RTU" '
assert (d["gross"], d["tare"], d["net"], d["stable"]) == (512, 12,
    500, True), d'
grep -q "answering on rtu:" "$T/sim.log" &&
	it_pass "the simulator says where it answers" ||
	it_fail "the simulator says where it answers" "$(cat "$T/sim.log")"
stop_all
finish
