#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Install the Debian packages named as arguments, if any is missing.
# Quick and silent when all are present.
missing=""
for p in "$@"; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q "install ok installed" ||
		missing="$missing $p"
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
