#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build, once, a debug kernel from Debian's linux-source-6.1:
#
#   debug-kernel.sh [debug]   the check-debug lane: x86_64_defconfig +
#       kvm_guest.config + modules, less what the VM never uses (trim below), KASAN, PROVE_LOCKING, DEBUG_ATOMIC_SLEEP,
#       DEBUG_KMEMLEAK, UBSAN, DEBUG_LIST, the fault-injection options, and
#       GCOV_KERNEL (nothing is instrumented unless a build asks: make
#       coverage builds the module with GCOV_PROFILE)
#   debug-kernel.sh kcsan     the check-kcsan lane: the same without KASAN
#       and kmemleak (KCSAN excludes KASAN; olddefconfig drops one of them
#       silently when both are asked for), with KCSAN
#
# plus what the tests need (debugfs, event tracing). The tree is cached
# outside the repository, keyed by a hash of this script, the variant and
# the source tarball, in ${GCSCHED_CACHE:-~/.cache/gcsched}. Prints the
# tree's path on its last line.
set -euo pipefail

variant=${1:-debug}
case $variant in
debug)
	extra=(-e KASAN -e KASAN_GENERIC -e KASAN_INLINE
		-e DEBUG_KMEMLEAK -d DEBUG_KMEMLEAK_DEFAULT_OFF -e DEBUG_KMEMLEAK_AUTO_SCAN
		-e GCOV_KERNEL)
	must=(CONFIG_KASAN=y CONFIG_DEBUG_KMEMLEAK=y CONFIG_GCOV_KERNEL=y) ;;
kcsan)
	extra=(-d KASAN -d DEBUG_KMEMLEAK -e KCSAN)
	must=(CONFIG_KCSAN=y) ;;
*)
	echo "debug-kernel: unknown variant $variant (debug or kcsan)" >&2
	exit 2 ;;
esac
# What the VM never uses (an initramfs, a serial console, loopback only),
# left out because every file costs KASAN's and UBSAN's instrumentation:
# CI builds this kernel from an empty cache, and that build was most of
# its 75 minutes.
trim=(-d DRM -d FB -d SOUND -d USB_SUPPORT -d HID -d INPUT_MOUSE -d INPUT_JOYSTICK
	-d INPUT_TABLET -d INPUT_TOUCHSCREEN -d AGP -d WLAN -d WIRELESS -d CFG80211
	-d ETHERNET -d NETFILTER -d BT -d SCSI -d ATA -d MD -d NFS_FS -d EXT4_FS
	-d SECURITY_SELINUX -d PCCARD -d MACINTOSH_DRIVERS -d HAMRADIO -d CRYPTO_DEV_PADLOCK)
tar=${KSRC_TAR:-/usr/src/linux-source-6.1.tar.xz}
cache=${GCSCHED_CACHE:-$HOME/.cache/gcsched}
key=$( (sha256sum < "$0"; echo "$variant"; stat -c '%s %Y' "$tar") | sha256sum | cut -c1-12)
tree=$cache/linux-$variant-$key/linux-source-6.1

if [ -f "$tree/.gcsched-built" ]; then
	echo "$tree"
	exit 0
fi
echo "debug-kernel: building the $variant kernel in $tree (about 20 minutes on 2 cores)" >&2
rm -rf "$cache/linux-$variant-$key"
mkdir -p "$cache/linux-$variant-$key"
tar -C "$cache/linux-$variant-$key" -xf "$tar"
cd "$tree"
make -s x86_64_defconfig kvm_guest.config >&2
scripts/config \
	-e MODULES -e MODULE_UNLOAD \
	-e DEBUG_FS -e DEBUG_FS_ALLOW_ALL -e DEVTMPFS -e BLK_DEV_INITRD -e RD_GZIP \
	-e FTRACE -e ENABLE_DEFAULT_TRACERS -e EVENT_TRACING \
	-e PROVE_LOCKING -e DEBUG_ATOMIC_SLEEP -e DEBUG_LIST \
	-e UBSAN -e UBSAN_BOUNDS -e UBSAN_SHIFT \
	-e FAULT_INJECTION -e FAILSLAB -e FAIL_PAGE_ALLOC -e FAULT_INJECTION_DEBUG_FS \
	-e SOFTLOCKUP_DETECTOR -e DETECT_HUNG_TASK \
	-d DEBUG_INFO -d DEBUG_INFO_DWARF5 -d DEBUG_INFO_DWARF_TOOLCHAIN_DEFAULT \
	-e DEBUG_INFO_NONE -d DEBUG_INFO_BTF -d RANDSTRUCT -d MODULE_SIG \
	"${trim[@]}" "${extra[@]}"
make -s olddefconfig >&2
for opt in "${must[@]}"; do
	grep -qx "$opt" .config || { echo "debug-kernel: olddefconfig dropped $opt" >&2; exit 1; }
done
make -s -j"$(nproc)" bzImage modules >&2
touch .gcsched-built
echo "$tree"
