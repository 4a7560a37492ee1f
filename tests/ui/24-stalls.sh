# shellcheck shell=bash
# A stalled engine, through the fault proxy (tests/rig/faultproxy.c) in front of the rig's:
# what budu says while a request hangs, R restarting a hung list load, quitting while every
# request hangs, a stalled pull's ELAPSED counting with no key, a pull stream ended without a
# result, and an open details view reading again once the engine is back.
source "$top_srcdir/tests/ui/lib-images.sh"

if ! t_ok "the fault proxy starts" rig_faultproxy_start; then
	t_bail "no fault proxy"
	exit 1
fi
UI_ENV=(DOCKER_HOST=unix://$RIG_FAULT_SOCK)
UI_COLS=150 UI_ROWS=30

# The image list hangs after /_ping answered.
rig_fault_rules '/images/json hang'
ui_start
t_ok "a hung list load: it says the images are loading" ui_wait_for '^  Loading images…' 15
t_ok "... not that it is still connecting" ui_wait_gone 'Connecting to the Docker engine' 1
rig_fault_rules
ui_keys R
t_ok "R restarts the hung load: the list comes" ui_wait_for '^REPOSITORY +TAG' 10
t_ok "... and the hung request was closed by budu" \
	grep -qE '^close [0-9]+ by=client' <(awk '$1 == "req" && $4 ~ /\/images\/json/ { id[$2] = 1 } $1 == "close" && id[$2]' "$RIG_FAULT_LOG")
ui_stop

# Every request hangs: budu says it connects, and q quits at once all the same.
rig_fault_rules '/ hang'
ui_start
t_ok "everything hangs: it says it is connecting" ui_wait_for 'Connecting to the Docker engine' 10
pid=$(ui_pid)
t0=$(date +%s%N)
ui_keys q
for ((n = 0; n < 100; n++)); do ui__running "$pid" || break; sleep 0.05; done
ms=$((($(date +%s%N) - t0) / 1000000))
t_ok "... and q quits without waiting for the engine (${ms} ms)" test "$ms" -lt 2500
ui_stop
rig_fault_rules

# A pull the engine sits on: ELAPSED counts in the Jobs panel without a key; then the stream
# ends after its first line, with neither a status nor an error.
ref=$RIG_REGISTRY/demo/app:1
rig_fault_rules 'POST /images/create stall'
ui_start
ui_wait_for 'images · ' 15 >/dev/null
ui_keys p
ui_wait_for '^Pull ' 5 >/dev/null
ui_keys C-u
ui_type "$ref"
ui_keys Enter
ui_keys J
t_ok "a stalled pull shows in the Jobs panel" ui_wait_for "^ *[0-9]+ +pull +${ref//./\\.} +running" 10
t_ok "... its ELAPSED counts with no key" ui_wait_for "pull +${ref//./\\.} +running +0:0[3-9]" 8
rig_fault_rules 'POST /images/create end 1'
t_ok "a pull stream ended without a result is an error, not done" \
	ui_wait_for "pull +${ref//./\\.} +failed +[0-9:]+ +The engine ended the pull without a result" 10
rig_fault_rules
ui_stop

# An open details view whose reading failed while the engine was away reads again when it is back.
ui_start
ui_wait_for 'images · ' 15 >/dev/null
filter_rows() { ui_keys / C-u; ui_type "$1"; ui_keys Enter; }
filter_rows 'bb'
ui_keys Enter
t_ok "details open" ui_wait_for ' Inspect .* History \([0-9]+\) .* Tags \([0-9]+\)' 10
rig_faultproxy_stop
ui_keys R
t_ok "engine gone: the details view says it cannot connect" ui_wait_for 'Cannot connect to the Docker engine' 10
rig_faultproxy_start
t_ok "engine back: the details view reads again without a key" ui_wait_gone 'Cannot connect to the Docker engine' 40
t_ok "... and shows the image" ui_wait_for '^ +Architecture: "amd64"' 5
ui_keys Escape	# (q in the details goes back to the list)
ui_stop
