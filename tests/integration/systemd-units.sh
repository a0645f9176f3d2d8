# The systemd units that make install puts in place: installed with the
# binary's path, accepted by systemd-analyze verify, sandboxed (a dedicated
# user, ProtectSystem=strict, only the database folder writable), and the
# system user made by systemd-sysusers.  Skipped, saying so, where systemd's
# tools are not installed.
set -u
. "$(dirname "$0")/lib.sh"

ROOT=$(cd "$IT_DIR/../.." && pwd)
UNITS="makhzan-sync.service makhzan-central.service makhzan-forward.service makhzan-backup.service makhzan-backup.timer"

ok "make install-units" make -C "$ROOT" --no-print-directory install-units \
    DESTDIR="$T/root" PREFIX=/opt/mz
U=$T/root/opt/mz/lib/systemd/system
for u in $UNITS; do
	if [ -f "$U/$u" ] && [ "$(stat -c %a "$U/$u")" = 644 ]; then
		it_pass "$u installed, mode 644"
	else
		it_fail "$u installed, mode 644" "missing or another mode"
	fi
done
check_eq "every ExecStart runs the installed binary" \
    "/opt/mz/bin/makhzan /opt/mz/bin/makhzan /opt/mz/bin/makhzan /opt/mz/bin/makhzan" \
    "$(sed -n 's/^ExecStart=\([^ ]*\).*/\1/p' "$U"/*.service | paste -sd' ' -)"
check_eq "no @BINDIR@ is left" "" "$(grep -l @BINDIR@ "$U"/* || true)"
missing=
for u in makhzan-sync.service makhzan-central.service makhzan-forward.service makhzan-backup.service; do
	for d in User=makhzan ProtectSystem=strict NoNewPrivileges=yes \
	    PrivateTmp=yes ProtectHome=yes CapabilityBoundingSet= \
	    SystemCallFilter=@system-service; do
		grep -qx "$d" "$U/$u" || missing="$missing $u:$d"
	done
done
check_eq "each service runs as makhzan, with the sandboxing directives" "" \
    "$missing"
check_eq "only the database folder is writable for sync" \
    "ReadWritePaths=/var/lib/makhzan" \
    "$(grep '^ReadWritePaths=' "$U/makhzan-sync.service")"
check_eq "central writes nowhere" "" \
    "$(grep '^ReadWritePaths=\|^StateDirectory=' "$U/makhzan-central.service" || true)"
check_eq "central forward writes nowhere either" "" \
    "$(grep '^ReadWritePaths=\|^StateDirectory=' "$U/makhzan-forward.service" || true)"
check_eq "central forward runs as a daemon" \
    "ExecStart=/opt/mz/bin/makhzan central forward --watch" \
    "$(grep '^ExecStart=' "$U/makhzan-forward.service")"
check_eq "the backup writes the database folder and the share only" \
    "ReadWritePaths=/var/lib/makhzan /var/backups/makhzan" \
    "$(grep '^ReadWritePaths=' "$U/makhzan-backup.service")"
check_eq "the backup needs its share mounted" \
    "RequiresMountsFor=/var/backups/makhzan" \
    "$(grep '^RequiresMountsFor=' "$U/makhzan-backup.service")"

if ! command -v systemd-analyze >/dev/null 2>&1; then
	echo "# systemd-analyze is not installed: the units are not verified"
	finish
fi
# verify wants the programs the units run to be there.
mkdir -p "$T/bin"
cp "$MAKHZAN" "$T/bin/makhzan"
mkdir "$T/units"
for u in $UNITS; do
	sed "s|/opt/mz/bin|$T/bin|" "$U/$u" >"$T/units/$u"
done
run systemd-analyze verify --man=no $(for u in $UNITS; do echo "$T/units/$u"; done)
check_eq "systemd-analyze verify finds nothing to say" "0:" "$RC:$OUT$ERR"
for u in makhzan-sync.service makhzan-central.service makhzan-forward.service makhzan-backup.service; do
	run systemd-analyze security --offline=yes "$T/units/$u"
	level=$(sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p' \
	    <<<"$OUT$ERR")
	if [ -n "$level" ] && python3 -c "import sys; sys.exit(float(sys.argv[1]) > 2.0)" "$level"; then
		it_pass "$u: exposure $level (2.0 at most)"
	else
		it_fail "$u: exposure $level (2.0 at most)" "$(tail -n 1 <<<"$OUT")"
	fi
done
if command -v systemd-sysusers >/dev/null 2>&1; then
	mkdir -p "$T/sysroot/etc"
	ok "systemd-sysusers makes the user" systemd-sysusers --root="$T/sysroot" \
	    "$T/root/opt/mz/lib/sysusers.d/makhzan.conf"
	check_eq "a system user makhzan without a shell, at home in the database folder" \
	    "makhzan:/var/lib/makhzan:/usr/sbin/nologin" \
	    "$(awk -F: '$1 == "makhzan" { print $1 ":" $6 ":" $7 }' "$T/sysroot/etc/passwd")"
fi

finish
