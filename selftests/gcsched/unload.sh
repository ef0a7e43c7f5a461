#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The module unloads cleanly once every instance is closed, and its device
# goes with it; modprobe loads it again from the installed tree. Runs last:
# the other tests need the module. Needs the module installed (make install,
# or the VM's initramfs, which is made the same way).
cd "$(dirname "$0")" || exit 1
. ./lib.sh
fail() { echo "not ok: $*"; exit 1; }
need_device
modprobe -r gcsched || fail "modprobe -r gcsched failed"
grep -q '^gcsched ' /proc/modules && fail "gcsched still in /proc/modules"
[ -e /dev/gcsched ] && fail "/dev/gcsched still there after modprobe -r"
[ -d $GCSCHED_DBG ] && fail "debugfs directory left behind"
modprobe gcsched || fail "modprobe after modprobe -r failed"
[ -e /dev/gcsched ] || fail "/dev/gcsched missing after modprobe"
modprobe -r gcsched || fail "second modprobe -r failed"
echo "ok: gcsched unloaded, loaded again by modprobe and unloaded"
exit 0
