# Driving the real terminal UI in tmux, for the tui*.sh scripts; source it
# after lib.sh.  Each start gets a tmux server of its own, so that a new
# session never races with the server of the one before.
#
#   tmux_start CMD...    run CMD in a fresh 80x24 session (window 0) in
#                        the folder $T; its exit status goes to $T/exit
#   tm ARGS...           tmux on the current server
#   wait_for TEXT [WIN]  until TEXT is on the screen (10 s at most)
#   on_screen WHAT TEXT [WIN]  a check that TEXT comes
#   off_screen WHAT TEXT [WIN] a check that TEXT is not there
#   tui_start LANG [OPTS]  makhzan tui in a fresh session, once it is up
#   wait_exit            the exit status of what tmux_start ran
#   post_f9              F9, then F9 again on the summary it asks with
if ! command -v tmux >/dev/null; then
	echo "note: tmux is not installed (make deps installs it)"
	it_fail "tmux" "missing"
	finish
fi
NSOCK=0
SOCK=$T/tmux-0.sock
tm() { tmux -S "$SOCK" "$@"; }
trap 'for s in "$T"/tmux-*.sock; do tmux -S "$s" kill-server 2>/dev/null; done; rm -rf "$T"' EXIT

tmux_start() {
	tm kill-server 2>/dev/null
	NSOCK=$((NSOCK + 1))
	SOCK=$T/tmux-$NSOCK.sock
	rm -f "$T/exit"
	tm -f /dev/null new-session -d -x 80 -y 24 -c "$T" \
	    "$*; echo \$? > '$T/exit'; sleep 30"
}
wait_for() {
	local i
	for i in $(seq 100); do
		tm capture-pane -p -J -t "${2:-0}" >"$T/screen" 2>/dev/null
		grep -qF -- "$1" "$T/screen" && return 0
		sleep 0.1
	done
	return 1
}
on_screen() {
	if wait_for "$2" "${3:-0}"; then
		it_pass "$1"
	else
		it_fail "$1" "\"$2\" not on the screen: $(grep -v "^ *$" "$T/screen")"
	fi
}
off_screen() {
	tm capture-pane -p -J -t "${3:-0}" >"$T/screen" 2>/dev/null
	if grep -qF -- "$2" "$T/screen"; then
		it_fail "$1" "\"$2\" is on the screen: $(head -c 900 "$T/screen")"
	else
		it_pass "$1"
	fi
}
# tui_start LANG [OPTIONS...]: makhzan tui (as nobody yet, on $MAKHZAN_DB)
# in a fresh session; returns once the key bar is up, since keys typed
# before curses starts are lost.
tui_start() {
	local lang=$1
	shift
	tmux_start "env -u MAKHZAN_USER MAKHZAN_DB='$MAKHZAN_DB' LANG=C.UTF-8 '$MAKHZAN' --lang $lang tui $*"
	wait_for F10 >/dev/null
}
# wait_exit: the exit status of the command tmux_start ran, once it has
# one (10 s at most: the sanitizer build takes a while to stop).
wait_exit() { local i; for i in $(seq 100); do [ -s "$T/exit" ] && break; sleep 0.1; done; cat "$T/exit" 2>/dev/null; }
# screen [SECONDS]: the screen into $T/screen after a pause (0.4 s).
screen() { sleep "${1:-0.4}"; tm capture-pane -p -J >"$T/screen"; }
# post_f9: F9 on a document shows its summary (or a count's review asks);
# F9 again posts.  In either language: the second F9 comes after a pause
# (where the first was refused, it only says so again).
post_f9() {
	tm send-keys F9
	sleep 0.6
	tm send-keys F9
}
