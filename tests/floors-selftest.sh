#!/bin/sh
# tests/floors.sh must fail on a wrong include: plant one of each kind in a
# copy of the tree and check that each is named.  Run by make check-floors.
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for d in lib data core devices labels reports bus central demo tui cmd; do
	[ -d "$here/$d" ] && cp -r "$here/$d" "$tmp/$d"
done
mkdir -p "$tmp/tests"
# lib/ reaching up, data/ reaching core/, SQLite in core/, curses outside
# tui/draw.c (directly and through a header of the project).
printf '#include "core/wms.h"\n' >> "$tmp/lib/err.c"
printf '#include "core/wms.h"\n' >> "$tmp/data/db.c"
printf '#include <sqlite3.h>\n' >> "$tmp/core/qty.c"
printf '#include <curses.h>\n' >> "$tmp/tui/field.c"
printf '#include <curses.h>\n' >> "$tmp/labels/label.h"
out=$(cd "$tmp" && FLOORS_ROOT="$tmp" CFLAGS="$CFLAGS -I$tmp" \
    sh "$here/tests/floors.sh" 2>&1)
rc=$?
fail=0
check() {
	if printf '%s\n' "$out" | grep -q "$1"; then
		echo "ok - floors names: $1"
	else
		echo "not ok - floors does not name: $1"; fail=1
	fi
}
[ $rc = 1 ] && echo "ok - floors fails on wrong includes" ||
    { echo "not ok - floors exit $rc on wrong includes"; fail=1; }
check 'lib/err.c includes core/wms.h'
check 'data/db.c includes core/wms.h'
check 'core/qty.c reaches sqlite3.h'
check 'tui/field.c reaches curses.h'
check 'labels/layout.c reaches curses.h\|labels/[a-z-]*.c reaches curses.h'
exit $fail
