#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make model-replay: the model checks gcsched's real wedges. Reads the
# "MODEL-TRACE" windows selftests/gcsched/model_trace.sh printed on the
# collection's console ($1, default $BUILD/vm/console-check.log) and for
# each (forced, natural):
#  - go1.4-buggy, following the traced interleaving, must reach the same
#    wedge (model/replay.py explains how "following" is built);
#  - go1.4-fixed, given the same interleaving, must not wedge;
# and once, a check that can fail: the window without the netpoller's
# wakeup must not lead go1.4-buggy to that wedge.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${BUILD:=build}"
console=${1:-$BUILD/vm/console-check.log}
NG=2 NM=2 K=2
work=$BUILD/model-replay
rm -rf "$work"
mkdir -p "$work"
if [ ! -f "$console" ]; then
	echo "model-replay: no $console: run make collection first" >&2
	exit 1
fi
fail=0

# pan on $work/$1 for policy $2 with replay.pml in place: "match",
# "no match" (a complete search) or "ERROR: ..."
search() {
	local d=$work/$1
	(cd "$d" && spin -DREPLAY -DPOLICY_$2 -DNG=$NG -DNM=$NM -DK=$K -a gcsched.pml >/dev/null &&
	 gcc -O2 -DSAFETY -o pan pan.c && ./pan -E -m10000000 > verdict.txt 2>&1) || true
	local v=$d/verdict.txt
	if grep -q "assertion violated.*rp_i" "$v"; then
		echo "match"
	elif grep -q "errors: 0" "$v" &&
	     ! grep -Eq "Search not completed|max search depth too small|out of memory" "$v"; then
		echo "no match ($(awk '/states, stored/ { print $1; exit }' "$v") states)"
	else
		echo "ERROR: $(grep '^pan' "$v" | head -n 2 | tr '\n' ' ')"
	fi
}

# a replay of window $1 (label) with replay.py options $3..., in $work/$2
prepare() {
	local label=$1 d=$work/$2
	shift 2
	mkdir -p "$d"
	cp model/gcsched.pml model/transitions.pml "$d/"
	python3 -B model/replay.py "$console" --label "$label" --nm $NM --out "$d/replay.pml" "$@"
}

for label in forced natural; do
	# a natural run that did not wedge in its time: no window (the forced
	# one is always there)
	if [ $label = natural ] && grep -q "MODEL-TRACE natural censored" "$console"; then
		echo "natural: the VM's run did not wedge in its time (censored): nothing to replay"
		continue
	fi
	want=$(sed -n "s/.*MODEL-TRACE $label lines \([0-9]*\).*/\1/p" "$console" | head -n 1)
	got=$(grep -c "MODEL-TRACE $label .*gcsched_" "$console" || true)
	if [ -z "$want" ] || [ "$got" != "$want" ]; then
		echo "model-replay: $label: ${got:-0} trace lines on the console, ${want:-none} printed" \
			"(no window, or the console garbled it)" >&2
		fail=1
		continue
	fi
	if ! text=$(prepare $label $label-buggy); then
		fail=1
		continue
	fi
	prepare $label $label-fixed >/dev/null
	buggy=$(search $label-buggy GO14_BUGGY)
	fixed=$(search $label-fixed GO14_FIXED)
	echo "$label wedge, as traced ($(echo "$text" | wc -l) steps; $NG Gs, $NM Ms, $K cycles):"
	echo "$text" | sed 's/^/   /'
	if [ "$buggy" = match ]; then
		echo "   go1.4-buggy: the model allows this interleaving and it wedges the same way"
	else
		echo "   go1.4-buggy: the model does NOT reach this wedge: $buggy" >&2
		fail=1
	fi
	case $fixed in
	"no match"*) echo "   go1.4-fixed: the same interleaving does not wedge: $fixed" ;;
	*) echo "   go1.4-fixed: the same interleaving: $fixed (want no match)" >&2; fail=1 ;;
	esac
done

# A check that can fail: without the netpoller's wakeup the window cannot
# end in that wedge.
if prepare forced broken --drop netpoll >/dev/null; then
	broken=$(search broken GO14_BUGGY)
	case $broken in
	"no match"*) echo "the forced window without its netpoll wakeup: rejected, $broken" ;;
	*) echo "model-replay: the window without its netpoll wakeup: $broken (want no match)" >&2
	   fail=1 ;;
	esac
else
	fail=1
fi
exit $fail
