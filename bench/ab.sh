#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make bench-ab BASE=REV: the in-module microbenchmark of two builds of the
# module in one boot, so that a change to the hot path is measured against
# its base under the same load on this shared host. The module of REV and
# that of the work tree are loaded in turn ROUNDS times (3) each, base
# first; each row's median per build is printed with new/base. Numbers
# only: nothing passes or fails.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${BUILD:?}" "${VM_ENV:?}" "${KDIR:?}" "${BASE:?BASE=REV: the revision to compare with}"
out=$BUILD/ab
extra=$out/extra
rounds=${ROUNDS:-3}
rm -rf "$out/base"
mkdir -p "$extra"
git worktree prune
git worktree add --detach -f "$out/base" "$BASE" >/dev/null
trap 'git worktree remove --force "$out/base"' EXIT
make -s -C "$KDIR" M="$out/base" modules >/dev/null
cp "$out/base/kmod/gcsched.ko" "$extra/gcsched-base.ko"
cp kmod/gcsched.ko "$extra/gcsched-new.ko"
cat > "$extra/ab-guest.sh" <<EOF
#!/bin/sh
i=0
while [ \$i -lt $rounds ]; do
	i=\$((i + 1))
	for v in base new; do
		rmmod gcsched 2>/dev/null
		insmod /usr/bin/gcsched-\$v.ko || exit 1
		sed "s/^/AB \$v /" /sys/kernel/debug/gcsched/bench
	done
done
echo "AB done"
EOF
chmod +x "$extra/ab-guest.sh"
env $VM_ENV EXTRA_DIR="$extra" VM_TIMEOUT=1200 ./selftests/vm/run-vm.sh shell \
	/usr/bin/ab-guest.sh > "$out/run.out" 2>&1 || true
log=$BUILD/vm/console-shell.log
grep -q '^AB done' "$log" || { echo "bench-ab: the run did not finish; see $log" >&2; exit 1; }
echo "bench-ab: $(git rev-parse --short "$BASE") (base) vs the work tree, $rounds rounds, SMP=${SMP:-4}"
awk '/^AB (base|new) [a-z_]+_ns / { v[$3, $2] = v[$3, $2] " " $4; if (!($3 in seen)) { seen[$3]; order[n++] = $3 } }
function median(s,   a, k, i, j, t) {
	k = split(s, a, " ")
	for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
	return a[int((k + 1) / 2)]
}
END {
	printf "%-26s %10s %10s %8s\n", "ns per op (median)", "base", "new", "new/base"
	for (i = 0; i < n; i++) {
		r = order[i]; b = ((r, "base") in v) ? median(v[r, "base"]) : ""; w = median(v[r, "new"])
		printf "%-26s %10s %10s %8s\n", r, b, w, b ? sprintf("%.2f", w / b) : "-"
	}
}' "$log"
