#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The benchmark suite, run inside the VM by `make bench`: every figure is
# printed as "BENCH name value" for the host to collect. QUICK=1 runs a
# short version (make check runs it so the suite keeps working). PARTS
# picks the parts: ttf ttf14 window tput scale micro go modern scen (all
# by default).
q=${QUICK:-0}
parts=${PARTS:-ttf ttf14 window tput scale micro go modern scen}
. /usr/bin/lib.sh
j() { json_num "$@"; }
bench() { echo "BENCH $*"; }
want() { case " $parts " in *" $1 "*) return 0 ;; esac; return 1; }
# Each phase's p50, p99 and total from run --json's "hist" (HIST), and the
# pause's total, as name=value: where the pause and its tail went.
phases() {
	echo "pause_total_ns=$(j $1 pause_total_ns)"
	for ph in stop scan shrink start; do
		sed -n "s/.*\"$ph\": {\"samples\": [0-9]*, \"p50\": \([0-9.]*\), \"p99\": \([0-9.]*\), \"max\": [0-9]*, \"total\": \([0-9]*\)}.*/${ph}_p50_ns=\1 ${ph}_p99_ns=\2 ${ph}_total_ns=\3/p" $1
	done
}

if [ "$q" = 1 ]; then
	ttf_runs=3; ttf14_runs=1; ttf_max=40s; win_runs=2; tput_runs=1; tput_secs=5s
	scale="100 1000"; go_secs=5s; modern_pairs=100; scen_runs=1; scen_max=20s
else
	ttf_runs=${TTF_RUNS:-20}; ttf14_runs=${TTF14_RUNS:-10}; ttf_max=60s
	win_runs=5; tput_runs=3; tput_secs=30s
	scale=${SCALE:-"100 1000 10000 100000 500000"}; go_secs=30s
	modern_pairs="100 10000"; scen_runs=${SCEN_RUNS:-5}; scen_max=60s
fi
cpus=$(grep -c ^processor /proc/cpuinfo)
bench vcpus "$cpus"

# 1. time to failure, natural race: go1.4-buggy + throw check, seed
# workload, under each netpoller model (ttf_natural: thread, the shape
# the README's history was measured with; ttf_natural_go14: Go 1.4's,
# ttf14_runs of them, part ttf14)
for m in thread go14; do
	case $m in
	thread) part=ttf; n=$ttf_runs; k=ttf_natural ;;
	go14) part=ttf14; n=$ttf14_runs; k=ttf_natural_go14 ;;
	esac
	want $part || n=0
	i=0
	while [ $i -lt $n ]; do
		i=$((i + 1))
		gcschedctl run --policy go1.4-buggy --throw-check --netpoll-model $m \
			--duration $ttf_max --seed $i --json > /tmp/r.json
		bench "$k $(j /tmp/r.json seconds) $(json_str /tmp/r.json outcome)" \
			"cycles=$(j /tmp/r.json gc_cycles) wakeups_stw=$(j /tmp/r.json netpoll_wakeups_stw)" \
			"stw_batches=$(j /tmp/r.json netpoll_stw_batches)"
	done
done

# 2. time to failure with the window widened
want window && for w in 1us 10us; do
	i=0
	while [ $i -lt $win_runs ]; do
		i=$((i + 1))
		gcschedctl run --policy go1.4-buggy --throw-check --netpoll-model thread --race-window $w --duration $ttf_max --seed $i --json > /tmp/r.json
		bench "ttf_window_$w $(j /tmp/r.json seconds) $(j /tmp/r.json gc_cycle)"
	done
done

# 3. stress throughput of the fixed policies; and go1.4-fixed with Go
# 1.4's own number of GC procs (every worker helps in the stop)
want tput && for p in go1.4-fixed modern go1.4-fixed+procs go1.4-fixed+notl; do
	case $p in
	*+procs) args="--policy ${p%+procs} --gc-procs $cpus"; label=${p%+procs}-gcprocs$cpus ;;
	# the timeline's cost: the same run without it
	*+notl) args="--policy ${p%+notl} --no-timeline"; label=${p%+notl}-notimeline ;;
	*) args="--policy $p"; label=$p ;;
	esac
	i=0
	while [ $i -lt $tput_runs ]; do
		i=$((i + 1))
		gcschedctl run $args --duration $tput_secs --seed $i --json > /tmp/r.json
		s=$(j /tmp/r.json seconds)
		bench "tput_$label cycles_per_s=$(j /tmp/r.json cycles_per_second) p50_ns=$(j /tmp/r.json p50) p99_ns=$(j /tmp/r.json p99) max_ns=$(j /tmp/r.json max)" \
			"wakeups=$(j /tmp/r.json netpoll_wakeups) wakeups_stw=$(j /tmp/r.json netpoll_wakeups_stw) steps=$(j /tmp/r.json steps) transitions=$(j /tmp/r.json transitions) seconds=$s" \
			$(phases /tmp/r.json)
	done
done

# 4. scaling: pause, memory, start and teardown against Gs, go1.4-fixed
# (its scan is inside the stop: the pause per G) with a shallow bigstack,
# so that a stack stays at its 2 KiB minimum. A million Gs need 2 GiB of
# stacks: the module is loaded again with room for them. First the floor
# of START and of the teardown in this VM (debugfs bench_alloc: zeroed
# pages, then START's own bulk path), as much memory as the largest run,
# read twice: the first touches the guest's memory, which TCG makes cost
# several times more, the second is the floor the runs are held to (they
# run on memory touched already).
gc_started() { grep -qs ' gc=[1-9]' $GCSCHED_DBG/*/sched; }
uptime_ms() { awk '{ printf "%d\n", $1 * 1000 }' /proc/uptime; }
if want scale && modprobe -r gcsched && modprobe gcsched max_stack_mib=4096; then
	most=0
	for n in $scale; do [ $n -gt $most ] && most=$n; done
	echo $(( (2 * most * 2048 + 1048575) / 1048576 )) > $GCSCHED_DBG/bench_alloc_mib
	for pass in cold warm; do
		bench "floor pass=$pass $(awk '{ printf "%s=%s ", $1, $2 }' $GCSCHED_DBG/bench_alloc)"
	done
	for n in $scale; do
		gcschedctl run --policy go1.4-fixed --pairs $n --depth 10 --duration 6s --json > /tmp/r.json &
		pid=$!
		while ! gc_started && kill -0 $pid 2>/dev/null; do sleep 0.2; done
		mem=$(awk '/^bytes/ { print $2 }' $GCSCHED_DBG/memory)
		stk=$(awk '$1 == "stack_bytes" { print $2 }' $GCSCHED_DBG/*/stats)
		wait
		# STOP hands the Gs to the teardown: reading memory waits for it
		t0=$(uptime_ms)
		cat $GCSCHED_DBG/memory > /dev/null
		teardown=$(( $(uptime_ms) - t0 ))
		bench "scale pairs=$n gs=$((2 * n)) p50_ns=$(j /tmp/r.json p50) cycles_per_s=$(j /tmp/r.json cycles_per_second)" \
			"bytes=$mem stack_bytes=$stk start_ms=$(j /tmp/r.json start_ms) stop_ms=$(j /tmp/r.json stop_ms) teardown_ms=$teardown" \
			$(phases /tmp/r.json)
	done
fi

# 5. the machinery's own cost
want micro && for i in 1 2 3; do
	sed 's/^/BENCH micro /' $GCSCHED_DBG/bench
done

# 6. the real Go runtime doing the seed's work, same VM, same Ps and pairs
if want go && [ -x /usr/bin/goseed ]; then
	i=0
	while [ $i -lt $tput_runs ]; do
		i=$((i + 1))
		goseed -pairs 100 -duration $go_secs | sed 's/^GOSEED/BENCH go/'
	done
fi
# 7. modern's cycle beside Go 1.19's (Debian 12's Go), both concurrent:
# the pause (both stops of a cycle, as Go's PauseNs) and the concurrent
# mark, at 200 and 20,000 Gs with shallow stacks (--depth 10). Go's
# mark and each stop are its gctrace clock fields; its pause (both stops)
# is the seed's own, from MemStats.PauseNs.
# The nearest-rank quantile of a file of numbers, as report.py's.
pct() {
	sort -n "$1" | awk -v p="$2" '{ v[NR] = $1 }
		END { i = int(p * NR); if (i < p * NR) i++; if (i < 1) i = 1; print NR ? v[i] : 0 }'
}
gomark() {
	rm -f /tmp/g1 /tmp/g2 /tmp/g3
	touch /tmp/g1 /tmp/g2 /tmp/g3
	awk '$1 == "gc" && $6 == "ms" && $7 == "clock," { split($5, t, "+")
		printf "%d\n", t[1] * 1e6 > "/tmp/g1"; printf "%d\n", t[2] * 1e6 > "/tmp/g2"
		printf "%d\n", t[3] * 1e6 > "/tmp/g3" }' "$1"
	echo "traced_cycles=$(wc -l < /tmp/g1)"
	for f in g1:stw1 g2:mark g3:stw2; do
		echo "${f#*:}_p50_ns=$(pct /tmp/${f%:*} 0.5) ${f#*:}_p99_ns=$(pct /tmp/${f%:*} 0.99)"
	done
}
# p50 and p99 of the named histograms of run --json
hists() {
	f=$1; shift
	for h in "$@"; do
		sed -n "s/.*\"$h\": {\"samples\": [0-9]*, \"p50\": \([0-9.]*\), \"p99\": \([0-9.]*\).*/${h}_p50_ns=\1 ${h}_p99_ns=\2/p" $f
	done
}
want modern && for n in $modern_pairs; do
	gcschedctl run --policy modern --pairs $n --depth 10 --duration $tput_secs --json > /tmp/r.json
	bench "modern pairs=$n gs=$((2 * n)) cycles_per_s=$(j /tmp/r.json cycles_per_second)" \
		"preempt_parks=$(j /tmp/r.json preempt_parks) scans_stw=$(j /tmp/r.json scans_stw)" \
		$(hists /tmp/r.json pause mark stop scan start)
	if [ -x /usr/bin/goseed ]; then
		ulimit -n $((4 * n + 1024))
		GODEBUG=gctrace=1 goseed -pairs $n -depth 10 -duration $go_secs \
			2> /tmp/gt.txt > /tmp/go.txt
		bench "gomodern pairs=$n gs=$((2 * n))" $(gomark /tmp/gt.txt) \
			"$(sed -n 's/^GOSEED //p' /tmp/go.txt)"
	fi
done

# 8. the scenario catalogue's natural times to failure (gcschedctl
# scenarios): each row's workload before its fix, no widened window, at
# most scen_runs runs of scen_max (censored: "survived"); then each policy
# after it once, for scen_max / 6
if want scen; then
	for s in $(gcschedctl scenarios --json | tr ',' '\n' |
		   sed -n 's/.*"name": "\([a-z0-9-]*\)".*/\1/p'); do
		i=0
		while [ $i -lt $scen_runs ]; do
			i=$((i + 1))
			gcschedctl run --scenario $s --before-fix --duration $scen_max \
				--seed $i --json > /tmp/r.json
			bench "scen_before $s $(j /tmp/r.json seconds) $(json_str /tmp/r.json outcome)" \
				"policy=$(json_str /tmp/r.json policy)"
		done
		gcschedctl run --scenario $s --duration $(( ${scen_max%s} / 6 ))s \
			--json > /tmp/r.json
		bench "scen_after $s $(j /tmp/r.json seconds) $(json_str /tmp/r.json outcome)" \
			"policy=$(json_str /tmp/r.json policy)"
	done
fi

echo "BENCH done"
