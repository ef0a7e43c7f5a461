#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# What the shell tests and the bench share, sourced with ". ./lib.sh" (a
# busybox sh: POSIX only). gcschedctl's --json is one line; json_num and
# json_str read a key's first value from it, without a JSON parser, which
# the VM does not have.

GCSCHED_DBG=/sys/kernel/debug/gcsched

# Exit as kselftest's SKIP (4) when the module is not loaded.
need_device() {
	[ -e /dev/gcsched ] && return 0
	echo "SKIP: /dev/gcsched is absent: load the module first (modprobe gcsched)"
	exit 4
}

# The first number under key $2 in JSON file $1.
# (A line per comma first: sed's greedy .* would find the last one.)
json_num() { tr ',' '\n' < "$1" | sed -n "s/.*\"$2\": \\([0-9.]*\\).*/\\1/p" | head -n 1; }
# The first string under key $2 in JSON file $1 (no escapes in it).
json_str() { sed -n "s/.*\"$2\": \"\\([^\"]*\\)\".*/\\1/p" "$1" | head -n 1; }

# The module's live allocations (debugfs memory).
gcsched_objects() { awk '/^objects/ { print $2 }' $GCSCHED_DBG/memory; }
# Threads named gcsched*, anywhere.
gcsched_threads() { cat /proc/[0-9]*/comm 2>/dev/null | grep -c '^gcsched'; }
# Instance directories in debugfs.
gcsched_dirs() { ls $GCSCHED_DBG | grep -c '^[0-9]'; }

# After a run: nothing may be left but $1 live objects (the count before
# it). Prints what is left with label $2; fails if anything is.
nothing_left() {
	sleep 1
	_t=$(gcsched_threads)
	_o=$(gcsched_objects)
	_d=$(gcsched_dirs)
	echo "$2: left behind: $_t threads, $_o live objects (before: $1), $_d instance directories"
	[ "$_t" = 0 ] && [ "$_o" = "$1" ] && [ "$_d" = 0 ]
}
