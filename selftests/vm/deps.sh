#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Install the Debian packages named as arguments, if any is missing.
# Quick and silent when all are present. kernel:SERIES (e.g. kernel:6.12)
# stands for the newest linux-image-SERIES.N+deb12-amd64 the archive has,
# and its headers, unless an image and headers of that series are
# installed already: no ABI number is written anywhere.
installed() {
	dpkg-query -W -f='${Status}\n' "$1" 2>/dev/null | grep -q "install ok installed"
}
series_installed() {
	dpkg-query -W -f='${Package} ${Status}\n' "linux-image-$1.*+deb12-amd64" \
		"linux-headers-$1.*+deb12-amd64" 2>/dev/null |
		awk '/install ok installed/ { split($1, p, "-"); n[p[2]]++ }
		     END { exit !(n["image"] && n["headers"]) }'
}
missing=""
for p in "$@"; do
	case $p in
	kernel:*)
		v=${p#kernel:}
		series_installed "$v" && continue
		[ "$(id -u)" = 0 ] && apt-get update -qq
		rel=$(apt-cache search --names-only "^linux-image-$v\.[0-9]+\+deb12-amd64\$" |
			awk '{ print $1 }' | sed 's/^linux-image-//' | sort -V | tail -n 1)
		if [ -z "$rel" ]; then
			echo "no linux-image-$v.*+deb12-amd64 in the archive apt knows" >&2
			exit 1
		fi
		missing="$missing linux-image-$rel linux-headers-$rel" ;;
	*)
		installed "$p" || missing="$missing $p" ;;
	esac
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ]; then
	echo "gcsched needs these Debian packages:$missing" >&2
	echo "run 'sudo make deps', or install them with apt-get" >&2
	exit 1
fi
echo "installing:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq || exit 1
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null || exit 1
