#!/bin/sh
# The floors, checked on every build: each folder includes only the folders
# at or below it (docs/architecture.md draws them), core/ and reports/ reach
# no SQLite header even through another header, and only tui/draw.c reaches
# curses.  Run by `make check-floors` (part of `make check`) with the
# compiler and flags of the build, because a header can include another.
#
# Exit 0 when every rule holds; else one line per broken rule and exit 1.

set -u
# FLOORS_ROOT: another tree to check (tests/floors-selftest.sh plants
# wrong includes in a copy); the project's own by default.
cd "${FLOORS_ROOT:-$(dirname "$0")/..}"
CC=${CC:-cc}
fail=0

# folder: the folders its files may include (their own first).
allowed() {
	case $1 in
	lib)		echo "lib" ;;
	data)		echo "data lib" ;;
	core)		echo "core data lib" ;;
	devices)	echo "devices core data lib" ;;
	labels)		echo "labels core lib" ;;
	reports)	echo "reports core data lib" ;;
	bus)		echo "bus core data lib" ;;
	central)	echo "central reports bus core lib" ;;
	demo)		echo "demo devices labels core data lib" ;;
	tui)		echo "tui reports labels devices bus core data lib" ;;
	cmd)		echo "cmd demo tui reports labels devices bus central core data lib" ;;
	*)		echo "" ;;
	esac
}

for f in $(ls lib/*.[ch] data/*.[ch] core/*.[ch] devices/*.[ch] \
    labels/*.[ch] reports/*.[ch] bus/*.[ch] central/*.[ch] demo/*.[ch] \
    tui/*.[ch] cmd/*.[ch] 2>/dev/null); do
	dir=${f%%/*}
	ok=$(allowed "$dir")
	# Direct includes of the project's own headers.
	for inc in $(sed -n 's/^#[ \t]*include[ \t]*"\([^"]*\)".*/\1/p' "$f"); do
		top=${inc%%/*}
		[ "$top" = "$inc" ] && continue	# generated, beside the file
		case " $ok " in
		*" $top "*) ;;
		*) echo "floors: $f includes $inc ($dir/ may include: $ok)"
		   fail=1 ;;
		esac
	done
done

# Headers reached through other headers: sqlite3.h, curses.h, libpq-fe.h.
deps() {
	$CC $CFLAGS -M "$1" 2>/dev/null | tr ' \\' '\n\n' | grep -v '^$'
}
for f in core/*.c reports/*.c lib/*.c demo/*.c devices/*.c labels/*.c; do
	[ -e "$f" ] || continue
	d=$(deps "$f")
	case $f in
	core/* | reports/* | lib/* | demo/* | devices/* | labels/*)
		if echo "$d" | grep -q '/sqlite3\.h$'; then
			echo "floors: $f reaches sqlite3.h (only data/ may)"
			fail=1
		fi ;;
	esac
	if echo "$d" | grep -q '/curses\.h$\|/ncurses\.h$'; then
		echo "floors: $f reaches curses.h (only tui/draw.c may)"
		fail=1
	fi
done
for f in tui/*.c cmd/*.c bus/*.c central/*.c; do
	[ -e "$f" ] || continue
	[ "$f" = tui/draw.c ] && continue
	if deps "$f" | grep -q '/curses\.h$\|/ncurses\.h$'; then
		echo "floors: $f reaches curses.h (only tui/draw.c may)"
		fail=1
	fi
done
for f in $(ls */*.c 2>/dev/null); do
	case $f in central/* | tests/* | bench/*) continue ;; esac
	if grep -q '^#[ \t]*include[ \t]*<libpq-fe.h>' "$f"; then
		echo "floors: $f includes libpq-fe.h (only central/ may)"
		fail=1
	fi
done
[ $fail = 0 ] && echo "floors: every include is on its floor"
exit $fail
