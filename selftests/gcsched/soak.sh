#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The soak: go1.4-fixed and modern with continuous GC and the widest race
# window (1 ms), together with the fuzzer, for SOAK_SECONDS. Zero wedges,
# throws, verification failures and illegal transitions; prints its counts.
# Run by `make soak DURATION=600`; not part of the kselftest list.
cd "$(dirname "$0")" || exit 1
secs=${SOAK_SECONDS:-60}
DBG=/sys/kernel/debug/gcsched
objects() { awk '/^objects/ { print $2 }' $DBG/memory; }
base=$(objects)
gcschedctl run --policy go1.4-fixed --race-window 1ms --duration "${secs}s" --json > /tmp/fixed.json &
fixed=$!
gcschedctl run --policy modern --race-window 1ms --duration "${secs}s" --json > /tmp/modern.json &
modern=$!
./gcsched_fuzz --seed "${SOAK_SEED:-1}" --seconds "$secs"
fuzz=$?
wait $fixed
fixed_rc=$?
wait $modern
modern_rc=$?
num() { sed -n "s/.*\"$2\": \\([0-9.]*\\).*/\\1/p" "$1"; }
rc=0
for p in fixed modern; do
	f=/tmp/$p.json
	echo "soak $p: outcome $(sed -n 's/.*"outcome": "\([a-z]*\)".*/\1/p' $f)," \
		"$(num $f gc_cycles) GC cycles, $(num $f netpoll_wakeups_stw) wakeups during STW," \
		"$(num $f stack_shrinks) shrinks, $(num $f spins) spins," \
		"$(num $f verify_failures) verification failures, $(num $f illegal_transitions) illegal transitions"
	grep -q '"outcome": "survived"' $f || rc=1
	[ "$(num $f verify_failures)" = 0 ] && [ "$(num $f illegal_transitions)" = 0 ] || rc=1
done
[ "$fixed_rc" = 0 ] && [ "$modern_rc" = 0 ] && [ "$fuzz" = 0 ] || rc=1
sleep 1
left_threads=$(cat /proc/[0-9]*/comm 2>/dev/null | grep -c '^gcsched')
left_dirs=$(ls $DBG | grep -c '^[0-9]')
echo "soak: left behind: $left_threads threads, $(objects) live objects (before: $base), $left_dirs instance directories"
[ "$left_threads" = 0 ] && [ "$(objects)" = "$base" ] && [ "$left_dirs" = 0 ] || rc=1
echo "soak: $([ $rc = 0 ] && echo PASSED || echo FAILED) after ${secs}s"
exit $rc
