#!/bin/sh
# The README's first command: install, build, and run budu.
# Against your engine when one answers; otherwise against the test rig's private engine with
# sample images, which stops when budu exits.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/scripts/deps.sh"
"$top/scripts/build.sh" build
budu="$top/build/budu"

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
