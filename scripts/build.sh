#!/bin/sh
# Configures and builds budu in build/ (or $1). Extra arguments go to configure.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
dir=${1:-build}
[ $# -gt 0 ] && shift
cd "$top"
[ -x configure ] || ./autogen.sh
mkdir -p "$dir"
cd "$dir"
[ -f Makefile ] || "$top/configure" "$@"
make -j"$(nproc)"
