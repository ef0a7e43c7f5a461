#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Boot a kernel under QEMU's software emulation with a busybox initramfs
# holding gcsched.ko (installed as on a real machine: updates/ and depmod,
# loaded with modprobe), gcschedctl and the kselftests, and run one job:
#
#   run-vm.sh check            the gcsched kselftest collection
#   run-vm.sh demo [ARGS...]   gcschedctl ARGS (default: repro, with
#                              the buggy run's timeline in /out)
#   run-vm.sh shell CMD...     any command line, for benchmarks and soaks
#   run-vm.sh shell            an interactive busybox shell (make shell)
#
# Environment (the Makefile sets these): BUILD, KERNEL, SMP (4), MEM (1024
# MiB), MODULE, TOOL, SELFTESTS, KSFT, TIMEOUT_BIN; STAGE (a tree made by
# `make install DESTDIR=... PREFIX=/usr`: copied into the root as it is, in
# place of MODULE and TOOL); EXTRA_DIR (more programs
# for the job, into /usr/bin); VM_TIMEOUT (seconds the
# host waits before killing the guest; 1500 for check, 600 otherwise);
# BOOT_TIMEOUT (240 s for the guest to reach its init, once retried);
# QEMU_CPU (the CPU model, max,-erms,-fsrm); TCG_THREAD (multi, a host
# thread per vCPU, or single: one thread runs every vCPU in turn, slower,
# and free of multi-threaded TCG's cross-vCPU code patching trap, see
# selftests/vm/textpoke-repro.sh); QEMU_MONITOR (a path: QEMU's monitor on
# a unix socket there, to read a frozen guest's vCPUs with `info registers
# -a`); KERNEL_APPEND (more kernel arguments, e.g. nokaslr, so that those
# registers resolve against System.map); ACCEL=kvm (KVM where it works,
# with the host's CPU; untested here, where KVM hangs: TCG is the default);
# VERBOSE=1 streams the whole console; KMEMLEAK=1 (a debug kernel) ends
# check with two kmemleak scans, whose report fails the run; TESTS (check:
# these programs of the collection only, e.g. "edge_test fuzz_test.sh");
# SPACE_SECONDS (the config-space test's time box, 170 s by default);
# SLOW=1 (a debug kernel: the tests' largest instances are smaller, the
# config-space test's box 60 s and its runs shorter);
# REPEAT (check: the collection this many times in one boot, for flakes);
# GCOV=1 (a module built with GCOV_PROFILE: check ends by printing its
# .gcda files, which gcov-data.sh takes off the console);
# KCSAN=1 (a KCSAN kernel: check ends with the canary race, which must be
# reported, and any KCSAN report naming gcsched fails the run); OUT_DIR
# (where the files the job left in the guest's /out land, $BUILD/vm/out by
# default: the init prints them on the console, base64 and checksummed).
#
# The guest ends with a sentinel line "GCSCHED-VM-EXIT <status>". check's
# result is read from the TAP lines, never from run_kselftest.sh's status,
# and is a failure if a test fails or times out, if the sentinel is missing,
# or if the kernel log shows any badness.
set -u -o pipefail

mode=${1:-check}
shift || true
: "${BUILD:?}" "${KERNEL:?}" "${MODULE:?}" "${TOOL:?}" "${SELFTESTS:?}" "${KSFT:?}" "${TIMEOUT_BIN:?}"
SMP=${SMP:-4}
MEM=${MEM:-1024}
VERBOSE=${VERBOSE:-0}
case $mode in
check) VM_TIMEOUT=${VM_TIMEOUT:-1500} ;;
*) VM_TIMEOUT=${VM_TIMEOUT:-600} ;;
esac

vmdir=$BUILD/vm
root=$vmdir/initramfs
log=$vmdir/console-$mode.log
mkdir -p "$vmdir"

die() { echo "run-vm: $*" >&2; exit 1; }
[ -r "$KERNEL" ] || die "no kernel at $KERNEL (set KERNEL=, or make deps)"
[ -r "$MODULE" ] || die "no module at $MODULE: run make"
BUSYBOX=$(command -v busybox || echo /bin/busybox)
file -L "$BUSYBOX" 2>/dev/null | grep -q static ||
	[ -x /bin/busybox ] || die "busybox-static missing: make deps"

# --- the initramfs -------------------------------------------------------
rm -rf "$root"
mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,proc,sys,dev,tmp,root,lib/modules} \
	"$root"/kselftest/gcsched
cp "$BUSYBOX" "$root/bin/busybox"
# The module goes where `make install` puts it, for the kernel it was built
# for (its vermagic's release), with depmod's index: the guest uses modprobe.
kver=$(modinfo -F vermagic "$MODULE" 2>/dev/null | cut -d' ' -f1)
[ -n "$kver" ] || die "cannot read the vermagic of $MODULE (modinfo: make deps)"
if [ -n "${STAGE:-}" ]; then
	[ -d "$STAGE/lib/modules/$kver" ] || die "no lib/modules/$kver in STAGE=$STAGE"
	cp -a "$STAGE/." "$root/"
else
	mkdir -p "$root/lib/modules/$kver/updates"
	cp "$MODULE" "$root/lib/modules/$kver/updates/gcsched.ko"
	depmod -b "$root" "$kver" 2>/dev/null || die "depmod failed for $kver"
	cp "$TOOL" "$root/usr/bin/gcschedctl"
fi
cp "$TIMEOUT_BIN" "$root/usr/bin/timeout"
cp "$KSFT/run_kselftest.sh" "$root/kselftest/"
cp -r "$KSFT/kselftest" "$root/kselftest/"
: > "$root/kselftest/kselftest-list.txt"
find "$SELFTESTS" -maxdepth 1 -type f -exec cp {} "$root/kselftest/gcsched/" \;
for t in $(cat "$SELFTESTS/tests.list"); do
	echo "gcsched:$t" >> "$root/kselftest/kselftest-list.txt"
done
# EXTRA_DIR: more programs for the job (make bench's), into /usr/bin
[ -n "${EXTRA_DIR:-}" ] && cp -r "$EXTRA_DIR/." "$root/usr/bin/"

# The job, as a script the init runs; its status goes into the sentinel.
{
	echo '#!/bin/sh'
	case $mode in
	check)
		# SLOW=1, a debug kernel: the tests size their largest
		# instances and the config-space test's time box for it
		if [ "${SLOW:-0}" = 1 ]; then
			echo "export GCSCHED_SLOW=1"
			echo "export GCSCHED_SPACE_SECONDS=${SPACE_SECONDS:-60}"
		elif [ -n "${SPACE_SECONDS:-}" ]; then
			echo "export GCSCHED_SPACE_SECONDS=$SPACE_SECONDS"
		fi
		if [ -n "${TESTS:-}" ]; then
			# TESTS="edge_test fuzz_test.sh": those programs only
			run='./run_kselftest.sh'
			for t in $TESTS; do run="$run -t gcsched:$t"; done
		else
			run='./run_kselftest.sh -c gcsched'
		fi
		# REPEAT=n: the collection n times in one boot (unload.sh
		# leaves the module out: each round loads it again)
		echo "cd /kselftest"
		echo "for round in \$(seq ${REPEAT:-1}); do"
		echo '	echo "GCSCHED-ROUND $round"'
		echo '	grep -q "^gcsched " /proc/modules || modprobe gcsched'
		echo "	$run"
		echo 'done'
		# a KCSAN kernel: prove that it reports, with the canary race
		if [ "${KCSAN:-0}" = 1 ]; then
			echo '[ -e /sys/kernel/debug/kcsan ] && echo GCSCHED-KCSAN-ON'
			# unload.sh, the collection's last, leaves the module out
			echo 'grep -q "^gcsched " /proc/modules || modprobe gcsched'
			echo 'cat /sys/kernel/debug/gcsched/kcsan_canary; sleep 2'
		fi
		# GCOV=1: the module's coverage data, base64 on the console
		if [ "${GCOV:-0}" = 1 ]; then
			echo 'for f in $(find /sys/kernel/debug/gcov -name "*.gcda"); do'
			echo '	echo "GCSCHED-GCDA-BEGIN $f"; base64 < "$f"; echo "GCSCHED-GCDA-END"'
			echo 'done'
		fi
		# a debug kernel: ask kmemleak, twice, as its documentation says
		if [ "${KMEMLEAK:-0}" = 1 ]; then
			echo 'echo scan > /sys/kernel/debug/kmemleak; sleep 5'
			echo 'echo scan > /sys/kernel/debug/kmemleak'
			echo 'echo "kmemleak report:"; cat /sys/kernel/debug/kmemleak'
		fi
		;;
	demo)
		# repro: and the buggy run's window, as JSON and drawn
		[ $# -eq 0 ] && set -- repro --timeline /out/repro.json --svg /out/repro.svg
		printf 'gcschedctl'; printf " '%s'" "$@"; echo
		;;
	shell)
		if [ $# -eq 0 ]; then
			# interactive: a shell on the console, its controlling tty
			echo 'echo "gcsched VM: module loaded; gcschedctl, /kselftest; exit powers off"'
			echo 'setsid cttyhack sh'
		else
			printf '%s\n' "$*"
		fi
		;;
	*) die "unknown mode $mode" ;;
	esac
} > "$root/job.sh"
chmod +x "$root/job.sh"

# The init: selftests/vm/init, which runs /job.sh and judges nothing.
install -m 0755 "$(dirname "$0")/init" "$root/init"

(cd "$root" && find . -print0 | cpio --null -o -H newc --quiet | gzip -1) \
	> "$vmdir/initramfs.cpio.gz" || die "cannot build the initramfs"

# --- the boot --------------------------------------------------------------
# The console shows what the job prints and the kernel's warnings;
# tsc=reliable: TCG keeps the vCPUs' TSCs in step, and the fallback clock
# (HPET) costs an emulated MMIO exit per read, which distorts every timing;
# the job ends by printing the whole kernel log, which is what is scanned.
# -erms,-fsrm: TCG runs "rep movsb" an iteration at a time, and with ERMS
# advertised the kernel's memcpy is exactly that: a go1.4-fixed run spent
# 38% of the guest's CPU in memcpy_erms (stack growth). Without it the
# kernel picks its movq loop: GC cycles/s 107-118 -> 215-257, pause p50
# 1.25 -> 0.56-0.69 ms. Go's memmove and everything else run on the same
# CPU model, so the side-by-side stays fair.
#
# The evidence of a kernel failure must reach the console: loglevel=5
# prints warnings and the backtraces after them (quiet hid every trace),
# and a soft lockup, a hung task or an oops panics at once, with every
# CPU's backtrace, so that the run ends in seconds with the trace in the
# log instead of at the VM's timeout with none.
append="console=ttyS0 loglevel=5 panic=-1 oops=panic softlockup_panic=1"
append+=" softlockup_all_cpu_backtrace=1 hung_task_panic=1 tsc=reliable rdinit=/init"
# norecord-cmd: enabling a trace event must patch no code that another vCPU
# may be running. With record-cmd (the default) the first event enabled also
# hooks sched_switch, a jump label in __schedule(), which every CPU runs, and
# multi-threaded TCG can leave a vCPU running that site's int3 once the patch
# is done: "int3" in __schedule, a panic or a frozen guest (issue 11's soft
# lockup; selftests/vm/textpoke-repro.sh). The tests switch gcsched's own
# events only while no M runs; traces show "<...>" for the task's name.
append+=" trace_options=norecord-cmd"
append+=${KERNEL_APPEND:+ $KERNEL_APPEND}
case ${TCG_THREAD:=multi} in
multi|single) ;;
*)	die "TCG_THREAD=$TCG_THREAD: multi or single" ;;
esac
case ${ACCEL:-tcg} in
tcg)	accel=(-accel "tcg,thread=$TCG_THREAD" -cpu "${QEMU_CPU:-max,-erms,-fsrm}") ;;
kvm)	[ -w /dev/kvm ] || die "ACCEL=kvm: no writable /dev/kvm on this machine"
	accel=(-accel kvm -cpu "${QEMU_CPU:-host}") ;;
*)	die "ACCEL=$ACCEL: tcg or kvm" ;;
esac
qemu=(qemu-system-x86_64 "${accel[@]}" -smp "$SMP" -m "$MEM"
	-nographic -no-reboot -kernel "$KERNEL" -initrd "$vmdir/initramfs.cpio.gz"
	-append "$append")
[ -n "${QEMU_MONITOR:-}" ] && qemu+=(-monitor "unix:$QEMU_MONITOR,server,nowait")

# make shell: the console is the terminal; no timeout, no verdict.
if [ "$mode" = shell ] && [ $# -eq 0 ]; then
	echo "run-vm: an interactive shell on $(basename "$KERNEL"), $SMP vCPUs ($(echo "${accel[1]}" | cut -d, -f1)); Ctrl-A X quits QEMU"
	exec "${qemu[@]}"
fi

echo "run-vm: $mode on $(basename "$KERNEL"), $SMP vCPUs, $MEM MiB; console in $log"
start=$(date +%s)
# The guest job's output is streamed as it comes; with VERBOSE=1, all of it.
boot_once() {
	timeout --foreground -k 10 "$VM_TIMEOUT" "${qemu[@]}" -pidfile "$vmdir/qemu.pid" \
		< /dev/null 2>&1 |
		sed -u "s/\r$//" | tee "$log" |
		awk -v all="$VERBOSE" -v mode="$mode" '
			/^GCSCHED-JOB-BEGIN/ { on = 1; next }
			/^GCSCHED-JOB-END/ { on = 0; next }
			all == 1 || (on && mode != "check") { print; fflush(); next }
			on && mode == "check" && /^(# )?(not )?ok [0-9]+ / { print; fflush() }'
	echo "${PIPESTATUS[0]}" > "$vmdir/qemu.rc"
}
# A boot that goes wrong before the init runs is the emulator's or the
# kernel's, not the module's, which is loaded only after the init's
# GCSCHED-VM-BOOTED line. Three ways were seen under TCG: SeaBIOS, then
# silence (once in some thirty boots); on the debug kernel a KASAN report
# in an interrupt during identify_cpu() (once in about ten); and on 6.12 an
# "Oops: int3" in sched_clock_cpu at 1.65 s, a CPU running a breakpoint
# that boot-time text patching (text_poke_bp) had already taken out again,
# which multi-threaded TCG can do, then a panic (once in the first 13 6.12
# boots; it ended a CI run). Such a boot is killed (after BOOT_TIMEOUT seconds, or as soon as
# the init line shows the badness before it) or has died, is kept as
# .boot1, reported, and booted once more; a second one fails the run as
# any other.
badness='WARNING:|\bBUG\b|Oops|Call Trace|soft lockup|hung_task|blocked for more than|rcu.*stall|KASAN|UBSAN|kmemleak: [0-9]+ new|unreferenced object|possible circular locking|=====+'
boot_timeout=${BOOT_TIMEOUT:-240}
for attempt in 1 2; do
	rm -f "$vmdir/qemu.pid" "$vmdir/qemu.rc" "$log"
	boot_once &
	booter=$!
	waited=0 why="" early=""
	while kill -0 "$booter" 2>/dev/null; do
		if grep -qa 'GCSCHED-VM-BOOTED' "$log" 2>/dev/null; then
			early=$(sed '/GCSCHED-VM-BOOTED/q' "$log" | grep -aE "$badness" |
				grep -vi 'command line:' | head -n 5)
			[ -n "$early" ] && why="kernel badness before the init ran (gcsched not loaded yet)"
			break
		fi
		if [ "$waited" -ge "$boot_timeout" ]; then
			why="the guest did not reach its init in ${boot_timeout}s"
			kill "$(cat "$vmdir/qemu.pid" 2>/dev/null)" 2>/dev/null
			break
		fi
		sleep 1
		waited=$((waited + 1))
	done
	# The guest died (a panic: oops=panic, -no-reboot) before its init.
	if [ -z "$why" ] && ! grep -qa 'GCSCHED-VM-BOOTED' "$log" 2>/dev/null; then
		early=$(grep -aE "$badness" "$log" | grep -vi 'command line:' | head -n 5)
		why="the guest stopped before its init ran (gcsched not loaded yet)"
	fi
	if [ -n "$why" ] && [ "$attempt" = 1 ]; then
		kill "$(cat "$vmdir/qemu.pid" 2>/dev/null)" 2>/dev/null
		wait "$booter"
		mv "$log" "$log.boot1"
		echo "run-vm: $why (console in $log.boot1); booting again"
		[ -n "$early" ] && printf '%s\n' "$early" | sed 's/^/  | /'
		continue
	fi
	wait "$booter"
	[ -n "$why" ] && echo "run-vm: $why, twice"
	break
done
qemu_rc=$(cat "$vmdir/qemu.rc" 2>/dev/null || echo 1)
elapsed=$(( $(date +%s) - start ))

# --- the verdict -------------------------------------------------------------
# KCSAN=1: each KCSAN report (from its ==== line to the next) is sorted:
# the canary's must be there, one naming any other gcsched function fails
# the run, one in the rest of the kernel is listed as not ours. Only what
# is left is scanned for badness. (The kernel's command line names
# hung_task_panic: not a report.)
scanned=$log
kcsan_problems=0
if [ "${KCSAN:-0}" = 1 ]; then
	scanned=$vmdir/console-$mode.nokcsan
	rm -rf "$vmdir/kcsan" && mkdir -p "$vmdir/kcsan"
	awk -v dir="$vmdir/kcsan" '
		/=================$/ && !inrep { held = $0; next }
		held != "" && /BUG: KCSAN:/ { inrep = 1; n++; f = dir "/" n; print held > f; held = "" }
		held != "" { print held; held = "" }
		inrep { print > f; if (/=================$/) { inrep = 0; close(f) }; next }
		{ print }' "$log" > "$scanned"
	canary=0 ours=0 foreign=0
	for rep in "$vmdir"/kcsan/*; do
		[ -f "$rep" ] || continue
		# The top frame of each racing access (the line after its
		# "... on cpu N:"): a gcsched frame there is gcsched's race. A
		# kernel race seen in an interrupt that landed in gcsched code
		# has gcsched frames lower down only: not ours.
		tops=$(awk 'found { print; found = 0 } / on cpu [0-9]+:$/ { found = 1 }' "$rep")
		if grep -q 'canary_racy_inc' <<< "$tops"; then
			canary=$((canary + 1))
		elif grep -q '\[gcsched\]' <<< "$tops"; then
			ours=$((ours + 1))
			echo "run-vm: a KCSAN report in gcsched ($rep):"
			sed 's/^/  | /' "$rep" | head -n 40
		else
			foreign=$((foreign + 1))
			echo "run-vm: a KCSAN report outside gcsched, not ours: $(grep -m1 -o 'BUG: KCSAN: .*' "$rep")"
		fi
	done
	if ! grep -q '^GCSCHED-KCSAN-ON' "$log"; then
		echo "run-vm: KCSAN: no /sys/kernel/debug/kcsan in the guest: not a KCSAN kernel"
		kcsan_problems=$((kcsan_problems + 1))
	fi
	if [ "$canary" = 0 ]; then
		echo "run-vm: KCSAN did not report the canary race: the sanitizer saw nothing"
		kcsan_problems=$((kcsan_problems + 1))
	fi
	echo "run-vm: KCSAN: $canary canary reports, $ours in gcsched, $foreign elsewhere"
	kcsan_problems=$((kcsan_problems + ours))
fi
bad=$(grep -E "$badness" "$scanned" | grep -viE '^GCSCHED-|command line:' | head -n 20)
exit_line=$(grep -a '^GCSCHED-VM-EXIT ' "$log" | tail -n 1)
guest_rc=${exit_line#GCSCHED-VM-EXIT }

problems=0
if [ -z "$exit_line" ]; then
	if [ "$qemu_rc" = 124 ] || [ "$qemu_rc" = 137 ]; then
		echo "run-vm: TIMEOUT: the guest did not finish in ${VM_TIMEOUT}s; console tail:"
	else
		echo "run-vm: the guest stopped without its sentinel (qemu status $qemu_rc); console tail:"
	fi
	tail -n 40 "$log" | sed 's/^/  | /'
	problems=$((problems + 1))
fi
if [ -n "$bad" ]; then
	echo "run-vm: kernel badness on the console:"
	printf '%s\n' "$bad" | sed 's/^/  | /'
	# The first report whole: from its first line to the end of its trace.
	echo "run-vm: the first report, as the console has it:"
	awk -v re="$badness" '
		!on && $0 ~ re && $0 !~ /^GCSCHED-/ && tolower($0) !~ /command line:/ { on = 1 }
		on { print "  | " $0; if (++n >= 60 || /---\[ end trace/) exit }' "$scanned"
	problems=$((problems + 1))
fi
problems=$((problems + kcsan_problems))

# The files the job left in the guest's /out (the init prints them, base64
# between checksummed markers) into OUT_DIR ($BUILD/vm/out by default).
out_dir=${OUT_DIR:-$vmdir/out}
rm -rf "$out_dir" && mkdir -p "$out_dir"
awk -v dir="$out_dir" '
	/^GCSCHED-FILE-BEGIN / { sum = $2; name = $3; f = dir "/" name ".b64"; printf "" > f
		print sum "  " name > (dir "/.md5"); on = 1; next }
	/^GCSCHED-FILE-END/ { on = 0; close(f); next }
	on { print > f }' "$log"
for b in "$out_dir"/*.b64; do
	[ -f "$b" ] || continue
	f=${b%.b64}
	if base64 -d < "$b" > "$f" 2>/dev/null; then
		rm -f "$b"
	else
		echo "run-vm: $(basename "$f"): not base64 on the console"
		problems=$((problems + 1))
	fi
done
if [ -s "$out_dir/.md5" ]; then
	if ! (cd "$out_dir" && md5sum --quiet -c .md5 >/dev/null 2>&1); then
		echo "run-vm: a file from the guest's /out came off the console damaged:"
		(cd "$out_dir" && md5sum -c .md5 2>&1 | grep -v ': OK$' | sed 's/^/  | /')
		problems=$((problems + 1))
	else
		echo "run-vm: the guest's /out: $(cd "$out_dir" && ls | tr '\n' ' ')in $out_dir"
	fi
fi
rm -f "$out_dir/.md5"

if [ "$mode" != check ]; then
	echo "run-vm: $mode finished in ${elapsed}s"
	[ "$problems" -gt 0 ] && exit 1
	exit "${guest_rc:-1}"
fi

# Count the harness's own results (the "# ok N" lines of each program) and
# any program that failed without a failing test case (a crash, a timeout).
eval "$(awk '
	/^# selftests: / { inner = 0; prog_fail = 0 }
	/^# (# )?not ok [0-9]+ / { f++; inner++; prog_fail = 1; next }
	/^# (# )?ok [0-9]+ .*# SKIP/ { s++; inner++; next }
	/^# (# )?ok [0-9]+ / { p++; inner++; next }
	/^not ok [0-9]+ / { if (!prog_fail) f++; next }
	/^ok [0-9]+ .*# SKIP/ { if (!inner) s++; next }
	/^ok [0-9]+ / { if (!inner) p++; next }
	END { printf "passed=%d failed=%d skipped=%d\n", p, f, s }' "$log")"
failed=$((failed + problems))
# The module is always loaded here: a program that skips (as it does
# without /dev/gcsched on a real machine) means something is wrong.
if [ "$skipped" -gt 0 ]; then
	echo "run-vm: $skipped skipped: in the VM nothing may skip (the module is loaded)"
	failed=$((failed + skipped))
fi
if [ "$passed" -eq 0 ] && [ "$failed" -eq 0 ]; then
	echo "run-vm: no test ran"
	failed=1
fi
if [ "${REPEAT:-1}" -gt 1 ]; then
	# each round's failures, and how many rounds ran at all
	awk -v want="$REPEAT" '
		/^GCSCHED-ROUND / { r = $2; rounds++ }
		r && (/^# (# )?not ok [0-9]+ / || /^not ok [0-9]+ /) { bad[r]++ }
		END {
			ok = 0
			for (i = 1; i <= rounds; i++) {
				if (bad[i]) printf "run-vm: round %d: %d failures\n", i, bad[i]
				else ok++
			}
			printf "run-vm: %d of %d rounds passed (%d ran)\n", ok, want, rounds
		}' "$log"
	rounds=$(grep -c '^GCSCHED-ROUND ' "$log")
	[ "$rounds" -lt "$REPEAT" ] && failed=$((failed + 1))
fi
echo "run-vm: check finished in ${elapsed}s"
if [ "$skipped" -gt 0 ]; then
	echo "$passed passed, $failed failed, $skipped skipped"
else
	echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ]
