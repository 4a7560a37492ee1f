# shellcheck shell=bash
# The engine stopped then started again: budu says where and why, keeps running, retries,
# and fills the panel when the engine is back. Changes by other clients show through events.
source "$top_srcdir/tests/ui/lib-images.sh"

UI_COLS=120 UI_ROWS=30
ui_start
ui_wait_for 'images · ' 15 >/dev/null

"$RIG_DOCKER" tag bb:1.0 live/event:1
t_ok "an external docker tag appears through events" ui_wait_for '^live/event +1 ' 5
"$RIG_DOCKER" rmi live/event:1 >/dev/null
t_ok "an external docker rmi disappears through events" ui_wait_gone '^live/event ' 5

rig_engine_stop
t_ok "engine stopped: the panel names the address and the reason" \
	ui_wait_for "Cannot connect to the Docker engine at unix://$RIG_SOCK|Lost the connection to the Docker engine at unix://$RIG_SOCK" 15
t_ok "engine stopped: it says it retries" ui_wait_for 'Retrying in [0-9]+ s'
t_ok "engine stopped: budu keeps running" ui_alive
t_ok "engine stopped: the status line says not connected" ui_wait_for ' · not connected' 5
t_match "... and no stale image count" '^[^·]*· not connected *(\? help)?$' "$(ui_screen | tail -n 1)"
ui_keys Enter
t_ok "Enter while down opens nothing: it says why" ui_wait_for 'Not connected to the engine: R tries again' 5
t_match "the title is still the Images panel's" '^ budu @ [^ ]+  Images ' "$(ui_screen | head -n 1)"
ui_keys R
sleep 0.5
t_ok "R while the engine is down: still running" ui_alive

rig_engine_start
t_ok "engine back: the list fills again without a key" ui_wait_for '^REPOSITORY +TAG' 20
ui_wait_for 'images · ' 10 >/dev/null
t_eq "engine back: rows equal docker image ls" \
	"$(docker_ls '{{.Repository}}\t{{.Tag}}\t{{.ID}}')" "$(ui_rows | cells 1,2,3)"
"$RIG_DOCKER" tag bb:1.0 live/after:1
t_ok "engine back: events flow again" ui_wait_for '^live/after +1 ' 8
"$RIG_DOCKER" rmi live/after:1 >/dev/null
ui_stop

# Started with no engine at all: the message, then the list once it answers.
UI_ENV=(DOCKER_HOST=unix://$RIG_DIR/late.sock)
ui_start
t_ok "no engine at start: the address and 'no such file'" \
	ui_wait_for "Cannot connect to the Docker engine at unix://$RIG_DIR/late.sock: no such file" 10
ln -s "$RIG_SOCK" "$RIG_DIR/late.sock"
t_ok "no engine at start: the list appears when it answers" ui_wait_for '^REPOSITORY +TAG' 15
rm -f "$RIG_DIR/late.sock"
ui_stop
UI_ENV=()

# DOCKER_API_VERSION newer than the engine's: the engine's words once, no retrying forever.
api=$("$RIG_DOCKER" version -f '{{.Server.APIVersion}}')
UI_ENV=(DOCKER_API_VERSION=1.99)
UI_COLS=200 UI_ROWS=20
ui_start
t_ok "a DOCKER_API_VERSION too new: the engine's message and the setting" \
	ui_wait_for "client version 1\\.99 is too new\\. Maximum supported API version is ${api//./\\.}" 15
t_ok "... what to do" ui_wait_for "DOCKER_API_VERSION=1\\.99: unset it, or set ${api//./\\.} or older" 5
t_ok "... and no retry countdown" ui_wait_for '^  R tries again, q quits\.' 5
sleep 3 # (no retry within the backoff's first steps: 1 s, 2 s)
t_ok "still no retry after 3 s" ui_wait_for '^  R tries again, q quits\.' 1
ui_stop
UI_ENV=()
