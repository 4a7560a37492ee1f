#!/bin/bash
# scripts/readme-capture.sh: redraw the screen shown at the top of README.md
# from a real run, so that it cannot drift from what budu draws.
#
#   sudo bash scripts/readme-capture.sh [path/to/budu]
#
# Starts the test rig's private engine with the demo images (as
# tests/rig/demo.sh does), runs budu in tmux at README_COLS x README_ROWS,
# waits for the list and replaces the block between the README's
# "<!-- capture:begin -->" and "<!-- capture:end -->" lines with the screen.
# tests/ui/20-readme.sh checks that the block's title, header and status
# lines are what budu draws at that size.

set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
budu=${1:-$top/build/budu}
[[ $budu == /* ]] || budu=$PWD/$budu
cols=${README_COLS:-100} rows=${README_ROWS:-16}
readme=$top/README.md

[[ -x $budu ]] || { echo "readme-capture: no budu at '$budu'" >&2; exit 1; }

# shellcheck source=tests/rig/rig.sh
source "$top/tests/rig/rig.sh"
rig_start || { echo "readme-capture: the private engine did not start" >&2; exit 1; }
sock=$RIG_DIR/tmux.sock
cleanup() {
	tmux -S "$sock" kill-server 2>/dev/null || true
	rig_stop
}
trap cleanup EXIT
rig_seed

tmux -S "$sock" -f /dev/null new-session -d -s capture -x "$cols" -y "$rows" -- \
	env LANG=C.UTF-8 TERM=tmux-256color DOCKER_HOST="$DOCKER_HOST" "$budu"
tmux -S "$sock" set -g status off
screen=
for _ in $(seq 100); do
	screen=$(tmux -S "$sock" capture-pane -p -t capture)
	grep -q ' images · ' <<<"$screen" && break
	sleep 0.1
done
grep -q ' images · ' <<<"$screen" || { echo "readme-capture: the list never appeared" >&2; exit 1; }
sleep 0.5
screen=$(tmux -S "$sock" capture-pane -p -t capture | sed 's/[[:space:]]*$//')

tmp=$(mktemp "$readme.XXXXXX")
awk -v screen="$screen" '
	/^<!-- capture:begin -->$/ { print; print "```"; print screen; print "```"; skip = 1; next }
	/^<!-- capture:end -->$/ { skip = 0 }
	!skip { print }
' "$readme" >"$tmp"
cat "$tmp" >"$readme"
rm -f "$tmp"
echo "readme-capture: README.md updated (${cols}x${rows})" >&2
