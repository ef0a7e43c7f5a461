#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# In the VM (run-vm.sh shell, EXTRA_DIR): failures drawn as timelines, into
# /out for the host (timeline-check.py checks them; make timeline-pictures
# keeps them under docs/). Each run ends in its failure (exit status 2 or
# 3), which is what is wanted here: the host checks the files.
#   timeline-job.sh check      deterministic failures, for make check
#   timeline-job.sh pictures   natural ones, for the README
set -u
case ${1:-check} in
check)
	# 9186 with 2b62e1e's check: the first stop that reads a parked G
	# Gwaiting has the netpoller wake it before the CAS (--forced): a throw
	gcschedctl run --policy go1.4-buggy --throw-check --forced \
		--timeline /out/throw.json --svg /out/throw.svg > /dev/null
	# the same without the check: casgstatus spins, a wedge after 1 s
	gcschedctl run --policy go1.4-buggy --forced --wedge-timeout 1s \
		--timeline /out/wedge.json --svg /out/wedge.svg > /dev/null
	# a catalogue row: Go 1.7beta2's shrink locks a channel twice (16286)
	gcschedctl run --scenario dup-chan-shrink --before-fix --duration 60s \
		--timeline /out/dup-chan-shrink.json --svg /out/dup-chan-shrink.svg > /dev/null
	# no failure: the last events of a healthy run
	gcschedctl run --policy modern --duration 1s \
		--timeline /out/healthy.json --svg /out/healthy.svg > /dev/null
	;;
pictures)
	# 9186 as it happens, no schedule forced: the wedge after 2 s of spin
	gcschedctl run --policy go1.4-buggy --wedge-timeout 2s --duration 120s \
		--timeline /out/go1.4-buggy-9186.json --svg /out/go1.4-buggy-9186.svg
	gcschedctl run --scenario dup-chan-shrink --before-fix --duration 60s \
		--timeline /out/dup-chan-shrink.json --svg /out/dup-chan-shrink.svg
	;;
*)
	echo "timeline-job.sh: check or pictures" >&2
	exit 1
	;;
esac
ls /out
