#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The README's two commands where a newcomer meets them: a minimal Debian 12
# root made with debootstrap (nothing in it but what minbase has, and make),
# a clean clone of this repository's HEAD in it, and, chrooted there with
# /proc, /sys and /dev mounted,
#
#   make demo
#   make check
#
# each timed. The root's only network is Debian's archive as this machine's
# apt reaches it: the host's apt sources and apt.conf.d (its proxy, if any)
# are copied in. Outside CI (it downloads and installs about 1 GiB); run it
# before resolving anything that touches set-up.
#
#   fresh-machine.sh [ROOT]      ROOT: where the root goes (build/fresh)
#   CMDS='make demo;make check'  the commands run in it, ;-separated
set -euo pipefail

repo=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
root=${1:-$repo/build/fresh}
cmds=${CMDS:-"make demo;make check"}

[ "$(id -u)" = 0 ] || { echo "fresh-machine: run as root (debootstrap, chroot)" >&2; exit 1; }
if ! command -v debootstrap >/dev/null; then
	echo "fresh-machine: installing debootstrap on the host"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
fi
# The archive this machine uses (deb822 sources first, then sources.list).
mirror=$(awk '/^URIs:/ { print $2; exit }' /etc/apt/sources.list.d/*.sources 2>/dev/null || true)
[ -n "$mirror" ] || mirror=$(awk '/^deb / { print $2; exit }' /etc/apt/sources.list 2>/dev/null || true)
mirror=${mirror:-http://deb.debian.org/debian}

mounted=()
# shellcheck disable=SC2317 # called by the trap
cleanup() {
	local i

	for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
		umount -l "${mounted[i]}" 2>/dev/null || true
	done
}
trap cleanup EXIT

t0=$(date +%s)
echo "fresh-machine: debootstrap bookworm from $mirror into $root"
# Never remove a root with the host's /dev still bound into it.
if grep -q " $root/" /proc/mounts; then
	echo "fresh-machine: something is still mounted under $root: umount it first" >&2
	exit 1
fi
rm -rf --one-file-system "$root"
mkdir -p "$root"
debootstrap --variant=minbase --include=make bookworm "$root" "$mirror" \
	> "$root.debootstrap.log" 2>&1 ||
	{ tail -n 20 "$root.debootstrap.log"; exit 1; }
echo "fresh-machine: root made in $(( $(date +%s) - t0 )) s"

# apt as the host has it: sources, proxy and other settings
rm -f "$root/etc/apt/sources.list"
cp -a /etc/apt/sources.list "$root/etc/apt/" 2>/dev/null || true
cp -a /etc/apt/sources.list.d/. "$root/etc/apt/sources.list.d/"
cp -a /etc/apt/apt.conf.d/. "$root/etc/apt/apt.conf.d/"
cp /etc/resolv.conf "$root/etc/resolv.conf"

# a clean clone of HEAD: what a newcomer has, nothing of this build
git clone -q --no-hardlinks "$repo" "$root/root/gcsched"
echo "fresh-machine: HEAD $(git -C "$root/root/gcsched" log --oneline -1)"

for m in proc sys dev dev/pts; do
	mkdir -p "$root/$m"
	case $m in
	proc)	mount -t proc proc "$root/proc" ;;
	sys)	mount -t sysfs sysfs "$root/sys" ;;
	dev)	mount --bind /dev "$root/dev" ;;
	dev/pts) mount -t devpts devpts "$root/dev/pts" ;;
	esac
	mounted+=("$root/$m")
done

status=0
IFS=';' read -ra list <<< "$cmds"
for cmd in "${list[@]}"; do
	t=$(date +%s)
	out=$root.log.$(printf '%s' "$cmd" | tr -c 'A-Za-z0-9' '_' | cut -c1-40)
	echo "fresh-machine: # $cmd"
	if chroot "$root" /usr/bin/env -i HOME=/root TERM=dumb \
		PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
		/bin/bash -c "cd /root/gcsched && $cmd" > "$out" 2>&1; then
		result=ok
	else
		result="failed (exit $?)"
		status=1
	fi
	tail -n 15 "$out" | sed 's/^/  | /'
	echo "fresh-machine: '$cmd' $result in $(( $(date +%s) - t )) s (log: $out)"
done
echo "fresh-machine: all in $(( $(date +%s) - t0 )) s"
exit $status
