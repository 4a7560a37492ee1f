#!/bin/bash
# tests/rig/demo.sh: try budu without a Docker engine of your own.
#
#   sudo bash tests/rig/demo.sh [path/to/budu [budu args...]]
#
# Starts a private dockerd and registry in a temp dir (nothing from the
# internet), seeds a few demo images, runs budu against it in the foreground,
# and removes everything when budu exits. Needs root and the Debian packages
# docker.io, docker-registry, busybox-static and curl.

set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
budu=${1:-${BUDU:-./budu}}
(($#)) && shift
if [[ ! -x $budu ]]; then
	echo "demo: no budu at '$budu' (build it first, or pass its path)" >&2
	exit 1
fi
[[ $budu == */* ]] || budu=./$budu

# shellcheck source=tests/rig/rig.sh
source "$here/rig.sh"

echo "demo: starting a private Docker engine (as root, all in a temp dir)..." >&2
rig_start || {
	echo "demo: the private engine did not start" >&2
	exit 1
}
echo "demo: seeding demo images (about half a minute)..." >&2
RIG_SEED_PROGRESS="demo: " rig_seed || {
	echo "demo: seeding failed" >&2
	exit 1
}
echo "demo: engine ${DOCKER_HOST} ready in ${RIG_START_SECONDS}s, seeded in ${RIG_SEED_SECONDS}s; starting budu" >&2

rc=0
BUDU_DEMO_NOTE="private demo engine" "$budu" "$@" || rc=$?
echo "demo: budu exited (status $rc); stopping the private engine..." >&2
rig_stop
exit "$rc"
