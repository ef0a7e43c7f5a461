#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# A short fuzz run: gcsched_fuzz from several processes and threads, then
# nothing may be left: no gcsched thread, no live allocation, no instance
# directory. FUZZ_SECONDS and FUZZ_SEED change the run (make fuzz sets them).
cd "$(dirname "$0")" || exit 1
. ./lib.sh
need_device

base=$(gcsched_objects)
[ -n "$base" ] || { echo "no $GCSCHED_DBG/memory"; exit 1; }
./gcsched_fuzz --seed "${FUZZ_SEED:-1}" --seconds "${FUZZ_SECONDS:-20}" || exit 1
nothing_left "$base" "after the fuzz"
