# The README's five-minute tour, as written: its commands are taken from
# README.md itself (the first ```sh block under "## A five-minute tour"),
# and run one after the other in one shell, in a fresh folder that is also
# $HOME, after the demo database is built there as `make demo` does, with
# makhzan found on the PATH through ~/.local/bin/makhzan, the link `make
# demo` leaves.  Each command must exit 0, except one followed
# by a "#   makhzan: ..." line, which must fail with that message; a
# command followed by another "#   TEXT" line must print TEXT.
set -u
. "$(dirname "$0")/lib.sh"

README=$IT_DIR/../../README.md

makhzan_demo() {
	"$MAKHZAN" demo --no-tui
}

# What `make demo` leaves: ~/.local/bin/makhzan, a link to the binary.
export HOME=$T
mkdir -p "$HOME/.local/bin"
ln -s "$MAKHZAN" "$HOME/.local/bin/makhzan"
unset MAKHZAN_DB MAKHZAN_USER MAKHZAN_PASSWORD MAKHZAN_CONFIG XDG_DATA_HOME
export XDG_CONFIG_HOME=$T/.config
# And the demo database it builds (~/.local/share/makhzan/demo.db).
ok "the demo database, as make demo builds it" makhzan_demo

# The tour's lines: "C<TAB>command" (continuations joined), "E<TAB>text"
# for an expected output comment.
python3 - "$README" >"$T/tour.txt" <<'EOF'
import re, sys
t = open(sys.argv[1], encoding="utf-8").read()
i = t.index("## A five-minute tour")
b = t.index("```sh\n", i) + 6
e = t.index("```", b)
cur = ""
for l in t[b:e].split("\n"):
    if l.endswith("\\"):
        cur += l[:-1]
        continue
    l, cur = cur + l, ""
    s = l.strip()
    if not s:
        continue
    m = re.match(r"#   (.*)", s)
    if m:
        print("E\t" + m.group(1))
    elif not s.startswith("#"):
        print("C\t" + s)
EOF
check_eq "the tour has commands" yes \
    "$([ "$(grep -c '^C' "$T/tour.txt")" -ge 20 ] && echo yes || echo no)"

# Run them in this shell (exports carry on), each with its output kept.
tour_cmds=()
tour_want=()
while IFS=$'\t' read -r kind text; do
	if [ "$kind" = C ]; then
		tour_cmds+=("$text")
		tour_want+=("")
	else
		tour_want[${#tour_want[@]} - 1]=$text
	fi
done <"$T/tour.txt"

for i in "${!tour_cmds[@]}"; do
	cmd=${tour_cmds[$i]}
	want=${tour_want[$i]}
	eval "$cmd" >"$T/.out" 2>"$T/.err" </dev/null
	RC=$?
	OUT=$(cat "$T/.out")
	ERR=$(cat "$T/.err")
	case $want in
	makhzan:*)
		if [ "$RC" = 1 ] && [[ $ERR == *"$want"* ]]; then
			it_pass "refused as the README says: $cmd"
		else
			it_fail "refused as the README says: $cmd" \
			    "exit $RC, stderr: $ERR"
		fi
		;;
	*)
		if [ "$RC" != 0 ]; then
			it_fail "$cmd" "exit $RC"
		elif [ -n "$want" ] && [[ $OUT != *"$want"* ]]; then
			it_fail "$cmd" "\"$want\" not in: $(head -c 300 "$T/.out")"
		else
			it_pass "$cmd"
		fi
		;;
	esac
done

check_eq "makhzan was the one in ~/.local/bin" "$T/.local/bin/makhzan" \
    "$(command -v makhzan)"
check_eq "the tour's database exists" yes \
    "$([ -f "$T/depot.db" ] && echo yes || echo no)"
check_eq "beside the demo's" yes \
    "$([ -f "$T/.local/share/makhzan/demo.db" ] && echo yes || echo no)"

finish
