#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The soak: go1.4-fixed and modern with continuous GC and the widest race
# window (1 ms), together with the fuzzer, for SOAK_SECONDS. Zero wedges,
# throws, verification failures and illegal transitions; prints its counts.
# Run by `make soak DURATION=600`; not part of the kselftest list.
cd "$(dirname "$0")" || exit 1
. ./lib.sh
need_device
secs=${SOAK_SECONDS:-60}
base=$(gcsched_objects)
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
rc=0
for p in fixed modern; do
	f=/tmp/$p.json
	echo "soak $p: outcome $(json_str $f outcome)," \
		"$(json_num $f gc_cycles) GC cycles, $(json_num $f netpoll_wakeups_stw) wakeups during STW," \
		"$(json_num $f stack_shrinks) shrinks, $(json_num $f spins) spins," \
		"$(json_num $f verify_failures) verification failures, $(json_num $f illegal_transitions) illegal transitions"
	[ "$(json_str $f outcome)" = survived ] || rc=1
	[ "$(json_num $f verify_failures)" = 0 ] && [ "$(json_num $f illegal_transitions)" = 0 ] || rc=1
done
[ "$fixed_rc" = 0 ] && [ "$modern_rc" = 0 ] && [ "$fuzz" = 0 ] || rc=1
nothing_left "$base" soak || rc=1
echo "soak: $([ $rc = 0 ] && echo PASSED || echo FAILED) after ${secs}s"
exit $rc
