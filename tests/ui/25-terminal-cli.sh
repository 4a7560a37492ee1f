# shellcheck shell=bash
# Options and terminals: --help/--version need no engine, -H overrides DOCKER_HOST, an unknown
# TERM falls back with a note that goes at the first key, no terminal and TERM=dumb give a
# message and exit 1, quitting a terminal without an alternate screen (linux, vt100) leaves no
# frame behind, NO_COLOR works.
source "$top_srcdir/tests/ui/lib-images.sh"

out=$(DOCKER_HOST=unix:///nonexistent "$BUDU" --version 2>&1)
t_match "--version works without an engine" '^budu [0-9]+\.[0-9]+' "$out"
out=$(DOCKER_HOST=unix:///nonexistent "$BUDU" --help 2>&1)
t_match "--help lists -H" '^ +-H, --host=ADDRESS +the engine' "$out"
t_match "--help names the environment" 'DOCKER_HOST, DOCKER_CONTEXT, DOCKER_CONFIG, DOCKER_API_VERSION,' "$out"
rc=0
"$BUDU" --no-such-option >/dev/null 2>&1 || rc=$?
t_eq "an unknown option exits 2" 2 "$rc"
rc=0
out=$("$BUDU" -H fd:// 2>&1 </dev/null) || rc=$?
t_eq "an unusable address exits 2" 2 "$rc"
t_match "an unusable address is explained" '^budu: .*fd://' "$out"

rc=0
out=$("$BUDU" </dev/null 2>&1) || rc=$?
t_eq "without a terminal budu exits 1" 1 "$rc"
t_eq "without a terminal budu says so" \
	"budu: standard input and output must be a terminal" "$out"

UI_ENV=(DOCKER_HOST=unix:///nonexistent/docker.sock)
UI_COLS=100 UI_ROWS=20
ui_start -H "$DOCKER_HOST"
t_ok "-H overrides DOCKER_HOST" ui_wait_for 'images · ' 15
ui_stop

UI_ENV=(TERM=no-such-terminal-xyz)
ui_start
t_ok "an unknown TERM: a one-line note" ui_wait_for 'Unknown terminal type "no-such-terminal-xyz": using ' 10
t_ok "an unknown TERM: the list still shows" ui_wait_for '^REPOSITORY +TAG' 10
ui_keys j
t_ok "an unknown TERM: the note goes at the first key" ui_wait_gone 'Unknown terminal type' 5
t_ok "an unknown TERM: the list takes its line" ui_wait_for '^REPOSITORY +TAG' 5
t_match "an unknown TERM: the header is on line 2" '^REPOSITORY +TAG' "$(ui_screen | sed -n 2p)"
ui_stop

# TERM=dumb cannot place the cursor: a blank screen would be all budu shows.
UI_ENV=(TERM=dumb)
UI_EXPECT_STATUS=1
ui_start
for _ in $(seq 50); do ui_alive || break; sleep 0.1; done
t_eq "TERM=dumb: budu refuses, and says why" \
	"budu: TERM=dumb cannot move the cursor, and budu draws the whole screen: run it in a terminal such as xterm (TERM=xterm-256color)" \
	"$(ui_stderr)"
ui_stop
UI_EXPECT_STATUS=0

# Without an alternate screen, quitting clears the last frame.
for term in linux vt100; do
	UI_ENV=("TERM=$term")
	ui_start
	ui_wait_for '^REPOSITORY +TAG' 15 >/dev/null
	ui_keys q
	for _ in $(seq 50); do ui_alive || break; sleep 0.1; done
	t_eq "TERM=$term: quitting leaves no frame behind" "" "$(ui_screen | grep -v '^Pane is dead' | grep -v '^ *$')"
	ui_stop
done

UI_ENV=(NO_COLOR=1)
ui_start
ui_wait_for 'images · ' 15 >/dev/null
t_eq "NO_COLOR: no colour escapes" 0 "$(ui_screen_esc | grep -c $'\e\\[[0-9;]*3[0-7]m' || true)"
t_match "NO_COLOR: the selected row is still marked (reverse video)" $'\e\\[[0-9;]*7m' "$(ui_screen_esc)"
ui_stop
UI_ENV=()
