#!/bin/sh
# Two revisions side by side on one bench figure: builds the benchmark of
# REV in a scratch worktree and runs it and this tree's in turn, RUNS times
# each, so that both see the same disk at the same minutes.  For "within
# noise of today's": a ratio to raw SQLite moves with the disk's fsync, a
# comparison of two revisions on one machine does not.
#
#   bench/compare.sh REV [BENCH] [FIGURES] [RUNS]
#   bench/compare.sh 6fb7963 bench-ledger 1 4
#
# BENCH is a program of bench/ (bench-ledger), FIGURES its
# MAKHZAN_BENCH_ONLY (1), RUNS how many runs of each (3).  Run it from the
# top folder of a checkout, on a quiet machine.
set -eu

usage() {
	echo "usage: bench/compare.sh REV [BENCH] [FIGURES] [RUNS]" >&2
	exit 2
}

[ $# -ge 1 ] && [ $# -le 4 ] || usage
rev=$1
bench=${2:-bench-ledger}
figures=${3:-1}
runs=${4:-3}
case $runs in ''|*[!0-9]*) usage ;; esac
[ -f "bench/$bench.c" ] || { echo "bench/compare.sh: no bench/$bench.c" \
	"here: run it from the top folder" >&2; exit 2; }
sha=$(git rev-parse --verify --quiet "$rev^{commit}") ||
	{ echo "bench/compare.sh: $rev is not a revision" >&2; exit 2; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/makhzan-compare-XXXXXX")
cleanup() {
	git worktree remove --force "$tmp/old" >/dev/null 2>&1 || true
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

echo "building $bench at $(git log -1 --format='%h %cs' "$sha") and here"
git worktree add --quiet --detach "$tmp/old" "$sha"
make -C "$tmp/old" -s -j2 "build/bench/$bench" >"$tmp/build.log" 2>&1 ||
	{ cat "$tmp/build.log" >&2; echo "bench/compare.sh: $rev does" \
	"not build $bench" >&2; exit 1; }
make -s -j2 "build/bench/$bench" >"$tmp/build.log" 2>&1 ||
	{ cat "$tmp/build.log" >&2; exit 1; }

# The rows of the final table: after its "figure" heading, each starts
# with the figure's number.
figure_lines() {
	(cd "$1" && MAKHZAN_BENCH_ONLY=$figures "./build/bench/$bench") |
	    awk -v tag="$2" '/^figure /{t=1} t && /^[0-9]+\. /{print tag "  " $0}'
}

i=1
while [ "$i" -le "$runs" ]; do
	echo "run $i of $runs"
	figure_lines "$tmp/old" "$(printf '%-7.7s' "$sha")"
	figure_lines . "here   "
	i=$((i + 1))
done
