#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make bench: build the seed's Go reproducer (Debian's golang-go, static),
# run bench-guest.sh in the VM (and, unless QUICK=1, the time to failure,
# the throughput and the real Go runtime again at 2 and 8 vCPUs), then
# report.py: a table, results.json and plots under build/bench/.
# PARTS: the parts of the first run (bench-guest.sh's list; all by
# default); MORE_VCPUS: the other runs' vCPU counts ("2 8"; "" for none).
set -euo pipefail
cd "$(dirname "$0")/.."
: "${BUILD:?}" "${VM_ENV:?}"
out=$BUILD/bench
extra=$out/extra
mkdir -p "$extra"
cp bench/bench-guest.sh selftests/gcsched/lib.sh "$extra/"
if command -v go >/dev/null; then
	CGO_ENABLED=0 GOCACHE=$BUILD/gocache GOFLAGS=-mod=mod go build -o "$extra/goseed" bench/seed.go
else
	echo "bench: golang-go missing (make deps): no side-by-side with Go" >&2
fi
logs=()
run() {	# vcpus, job
	local log=$out/console-$1.log
	env $VM_ENV SMP="$1" MEM="${BENCH_MEM:-6144}" EXTRA_DIR="$extra" VM_TIMEOUT=3000 \
		./selftests/vm/run-vm.sh shell "$2" > "$log.out" 2>&1 || true
	cp "$BUILD/vm/console-shell.log" "$log"
	grep -q '^BENCH done' "$log" || { echo "bench: the $1-vCPU run did not finish; see $log" >&2; exit 1; }
	logs+=("$log")
}
run "${SMP:-4}" "QUICK=${QUICK:-0} ${PARTS:+PARTS='$PARTS'} /usr/bin/bench-guest.sh"
if [ "${QUICK:-0}" != 1 ]; then
	for n in ${MORE_VCPUS-2 8}; do
		run "$n" "PARTS='ttf tput go' /usr/bin/bench-guest.sh"
	done
fi
python3 bench/report.py "$out" "${logs[@]}"
echo "bench: results in $out/results.json"
