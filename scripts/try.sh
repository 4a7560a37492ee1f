#!/bin/sh
# The README's first command: install, build, and run budu.
# Against your engine when one answers; otherwise against the test rig's private engine with
# sample images, which stops when budu exits.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/scripts/deps.sh"
"$top/scripts/build.sh" build
# Installed (under /usr/local), so that its catalogs (LANG=ko_KR.UTF-8 shows Korean) and
# `man budu` are where they belong; the build tree's binary knows no catalog.
if [ "$(id -u)" = 0 ]; then
	make -C "$top/build" install >/dev/null
else
	sudo make -C "$top/build" install >/dev/null
fi
budu=$(sed -n 's/^prefix = //p' "$top/build/Makefile")/bin/budu

host=${DOCKER_HOST:-unix:///var/run/docker.sock}
case "$host" in
unix://*)
	sock=${host#unix://}
	[ -n "$sock" ] || sock=/var/run/docker.sock
	if curl -fsS --max-time 3 --unix-socket "$sock" http://localhost/_ping >/dev/null 2>&1; then
		exec "$budu"
	fi ;;
*)
	exec "$budu" ;;
esac
echo "No Docker engine answers at $host: starting a private demo engine with sample images."
if [ "$(id -u)" = 0 ]; then
	exec bash "$top/tests/rig/demo.sh" "$budu"
else
	exec sudo -E bash "$top/tests/rig/demo.sh" "$budu"
fi
