#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# CI's DKMS lane: the module's sources under DKMS (make dkms-src), then
# `dkms build` against the newest installed headers of each series named,
# without installing anything or rebooting. Whatever it added is removed
# at the end, even on failure: the machine is reused.
#
#   dkms-check.sh VERSION SERIES...     e.g. dkms-check.sh 0.1.0 6.1 6.12
set -euo pipefail
ver=$1
shift
cd "$(dirname "$0")/../.."
# shellcheck disable=SC2317 # called by the trap
cleanup() {
	dkms remove "gcsched/$ver" --all >/dev/null 2>&1 || true
	rm -rf "/usr/src/gcsched-$ver"
}
trap cleanup EXIT
make -s dkms-src
dkms add "gcsched/$ver" >/dev/null
status=0
for series in "$@"; do
	rel=$(ls -d /usr/src/linux-headers-"$series".*-amd64 2>/dev/null |
		sed 's,.*/linux-headers-,,' | sort -V | tail -n 1)
	if [ -z "$rel" ]; then
		echo "dkms-check: no linux-headers-$series.*-amd64 installed (make deps KVER=$series)"
		status=1
		continue
	fi
	# 6.12's modules are compressed: gcsched.ko.xz
	if dkms build "gcsched/$ver" -k "$rel" > "/tmp/dkms-check.$rel.log" 2>&1 &&
		compgen -G "/var/lib/dkms/gcsched/$ver/$rel/x86_64/module/gcsched.ko*" > /dev/null; then
		echo "dkms-check: gcsched/$ver builds for $rel"
	else
		echo "dkms-check: gcsched/$ver does not build for $rel:"
		tail -n 20 "/tmp/dkms-check.$rel.log" | sed 's/^/  | /'
		tail -n 20 "/var/lib/dkms/gcsched/$ver/build/make.log" 2>/dev/null | sed 's/^/  | /'
		status=1
	fi
done
exit $status
