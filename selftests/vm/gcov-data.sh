#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Take the .gcda files a GCOV=1 run printed on the console and put each
# beside its .gcno in the coverage build, by the file's name:
#
#   gcov-data.sh CONSOLE_LOG BUILD_DIR
#
# The guest's path is /sys/kernel/debug/gcov/<build path>/kmod/<file>;
# only the part after the last /kmod/ is kept.
set -euo pipefail
log=$1 dir=$2
n=0
while IFS= read -r line; do
	case $line in
	GCSCHED-GCDA-BEGIN\ *)
		name=${line#GCSCHED-GCDA-BEGIN }
		out=$dir/kmod/${name##*/kmod/}
		: > "$out.b64"
		cur=$out ;;
	GCSCHED-GCDA-END)
		base64 -d < "$cur.b64" > "$cur"
		rm -f "$cur.b64"
		n=$((n + 1))
		cur="" ;;
	\[*)	;;	# a kernel message amid the data: not base64
	*)
		[ -n "${cur:-}" ] && printf '%s\n' "$line" >> "$cur.b64" ;;
	esac
done < <(tr -d '\r' < "$log")
echo "gcov-data: $n .gcda files into $dir/kmod"
[ "$n" -gt 0 ]
