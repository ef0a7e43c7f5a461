#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# A short fuzz run: gcsched_fuzz from several processes and threads, then
# nothing may be left: no gcsched thread, no live allocation, no instance
# directory. FUZZ_SECONDS and FUZZ_SEED change the run (make fuzz sets them).
[ -e /dev/gcsched ] || { echo "SKIP: /dev/gcsched is absent: load the module first (modprobe gcsched)"; exit 4; }
DBG=/sys/kernel/debug/gcsched
objects() { awk '/^objects/ { print $2 }' $DBG/memory; }
threads() { cat /proc/[0-9]*/comm 2>/dev/null | grep -c '^gcsched'; }

base=$(objects)
[ -n "$base" ] || { echo "no $DBG/memory"; exit 1; }
./gcsched_fuzz --seed "${FUZZ_SEED:-1}" --seconds "${FUZZ_SECONDS:-20}" || exit 1
sleep 1
left_threads=$(threads)
left_objects=$(objects)
left_dirs=$(ls $DBG | grep -c '^[0-9]')
echo "after the fuzz: $left_threads threads, $left_objects live objects (before: $base), $left_dirs instance directories"
[ "$left_threads" = 0 ] && [ "$left_objects" = "$base" ] && [ "$left_dirs" = 0 ]
