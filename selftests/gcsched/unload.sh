#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The module unloads cleanly once every instance is closed, and its device
# goes with it. Runs last: the other tests need the module.
fail() { echo "not ok: $*"; exit 1; }
[ -e /dev/gcsched ] || fail "/dev/gcsched missing before rmmod"
rmmod gcsched || fail "rmmod gcsched failed"
grep -q '^gcsched ' /proc/modules && fail "gcsched still in /proc/modules"
[ -e /dev/gcsched ] && fail "/dev/gcsched still there after rmmod"
[ -d /sys/kernel/debug/gcsched ] && fail "debugfs directory left behind"
insmod /lib/modules/gcsched.ko || fail "insmod after rmmod failed"
rmmod gcsched || fail "second rmmod failed"
echo "ok: gcsched unloaded, reloaded and unloaded"
exit 0
