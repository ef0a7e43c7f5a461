#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make bench-ab BASE=REV: the in-module microbenchmark of two builds of the
# module in one boot, so that a change to the hot path is measured against
# its base under the same load on this shared host. The module of REV and
# that of the work tree are loaded in turn ROUNDS times (3) each, base
# first; each row's least per build is printed with new/base. Numbers
# only: nothing passes or fails. AB_JOB replaces the job run after each
# load (its "name value" lines are the rows), AB_MODARGS are the module's
# parameters (MEM= the VM's memory), e.g. for START of a million Gs:
#   MEM=6144 AB_MODARGS=max_stack_mib=4096 AB_JOB='gcschedctl run ...'
job=${AB_JOB:-cat /sys/kernel/debug/gcsched/bench}
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
		insmod /usr/bin/gcsched-\$v.ko ${AB_MODARGS:-} || exit 1
		( $job ) | sed "s/^/AB \$v /"
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
# Each read of the file is one sample. The least of the samples is the cost
# with the least interference from the rest of this shared host (the median
# moved by 3x between reads beside another VM); the last columns are each
# row's least over the least bare atomic_cmpxchg of the same build.
awk '
/^AB (base|new) [a-z0-9_]+ [0-9.]+$/ {
	v[$3, $2] = v[$3, $2] " " $4
	if (!($3 in seen)) { seen[$3]; order[n++] = $3 }
}
function least(x,   a, m, i, l) {
	m = split(x, a, " ")
	l = a[1]
	for (i = 2; i <= m; i++) if (a[i] < l) l = a[i]
	return l
}
function rel(r, b) {
	if (!((r, b) in v) || !(("atomic_cmpxchg_ns", b) in v))
		return ""
	return sprintf("%.2f", least(v[r, b]) / least(v["atomic_cmpxchg_ns", b]))
}
END {
	printf "%-26s %9s %9s %8s  %9s %9s\n", "least of the rounds", "base", "new", "new/base", "base/cas", "new/cas"
	for (i = 0; i < n; i++) {
		r = order[i]; b = ((r, "base") in v) ? least(v[r, "base"]) : ""; w = least(v[r, "new"])
		printf "%-26s %9s %9s %8s  %9s %9s\n", r, b, w, b ? sprintf("%.2f", w / b) : "-", rel(r, "base"), rel(r, "new")
	}
}' "$log"
