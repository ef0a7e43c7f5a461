#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Switch the gcsched_status tracepoint on and off TEXTPOKE_TOGGLES times.
# Each switch patches the kernel's code (a jump label: text_poke_bp(), an
# int3 at the site, then IPIs). TEXTPOKE_MODE says what runs meanwhile:
#   running  an instance's Ms, which pass that site all the time
#   between  nothing: each switch waits for the instance to stop, the rule
#            the tests follow (enable before START, disable after STOP)
# Prints its progress; the kernel log is the verdict (an "int3" oops, or a
# guest that stops answering). Run by selftests/vm/textpoke-repro.sh; not
# part of the kselftest list.
cd "$(dirname "$0")" || exit 1
. ./lib.sh
need_device
n=${TEXTPOKE_TOGGLES:-1000}
mode=${TEXTPOKE_MODE:-running}
T=/sys/kernel/tracing
[ -d $T/events ] || T=/sys/kernel/debug/tracing
ev=$T/events/gcsched/gcsched_status/enable
[ -w "$ev" ] || { echo "textpoke: no $ev"; exit 1; }
t0=$(date +%s)
case $mode in
running)
	gcschedctl run --policy modern --gc 1ms --duration 3600s > /tmp/textpoke-run.log 2>&1 &
	pid=$!
	sleep 3 ;;
between) ;;
*)	echo "textpoke: TEXTPOKE_MODE=$mode: running or between"; exit 2 ;;
esac
i=0
while [ $i -lt "$n" ]; do
	echo 1 > "$ev"
	[ "$mode" = between ] &&
		gcschedctl run --policy modern --gc 1ms --duration 200ms > /tmp/textpoke-run.log 2>&1
	echo 0 > "$ev"
	i=$((i + 1))
	[ $((i % 50)) = 0 ] && echo "textpoke: $i switches ($mode) after $(( $(date +%s) - t0 )) s"
done
[ "$mode" = running ] && { kill -INT $pid; wait $pid; }
tail -n 4 /tmp/textpoke-run.log
echo "textpoke: $i switches ($mode) in $(( $(date +%s) - t0 )) s, the guest still answers"
