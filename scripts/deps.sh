#!/bin/sh
# Installs what building and testing budu needs on Debian 12 (only what is missing),
# and the Korean locale the translation tests use.
set -eu

PACKAGES="build-essential autoconf automake autopoint gettext pkg-config
libncurses-dev libcurl4-openssl-dev libcjson-dev libssl-dev libarchive-dev check
docker.io docker-registry tmux busybox-static curl jq openssl locales ncurses-base
apache2-utils pass golang-docker-credential-helpers gnupg zstd
openssh-client openssh-server podman clang libclang-rt-14-dev"

as_root() {
	if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

missing=""
for p in $PACKAGES; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
	echo "Installing:$missing"
	as_root apt-get update -q
	# shellcheck disable=SC2086
	DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q --no-install-recommends $missing
fi

if ! locale -a 2>/dev/null | grep -qi '^ko_KR\.utf-\?8$'; then
	as_root localedef -i ko_KR -f UTF-8 ko_KR.UTF-8 || echo "warning: could not build the ko_KR.UTF-8 locale" >&2
fi
