# shellcheck shell=bash
# The config file (--config, $BUDU_CONFIG, ~/.config/budu/config): a rebound key acts and `?`
# names it as rebound, an unbound one does nothing, a colour applies, the default panel opens
# first, the log keeps log-lines, q quits without asking with confirm-quit = no, the panels
# sort as set, the mouse stays off, and a mistake is shown at the start with its line while
# budu runs with the rest.
source "$top_srcdir/tests/ui/lib-images.sh"

cfg=$T_TMP/budu-config
cat >"$cfg" <<'EOF'
# budu's config, as a user writes it
bind images x remove        # x removes, as d did
bind images d none
bind generic Q quit
color selected white red bold
set default-panel = containers

bind images y remve         # line 8: a typo
EOF

UI_COLS=200 UI_ROWS=40
ui_start --config "$cfg"
t_ok "the mistake is on the status line with its line number" \
	ui_wait_for "budu-config:8: unknown action 'remve' for the images keys" 15
t_ok "and says what budu did about it" \
	ui_wait_for "images keys \(the defaults are used for this line\); budu --check-config says what it can be"
t_ok "default-panel: the Containers panel opens first" ui_wait_for '^CONTAINER ID +IMAGE +COMMAND' 15
t_ok "budu runs on" ui_alive

ui_keys 1
ui_wait_for 'images · ' 15 >/dev/null
t_ok "any key clears the mistake" ui_wait_gone 'unknown action'

# The selected row: white on red, bold (41 background), no longer the default cyan (46).
sgr=$(ui_screen_esc)
t_ok "color selected: the cursor row is drawn on red" grep -qE $'\e\\[([0-9]*;)*41m' <<<"$sgr"
t_eq "and not in the default cyan" 0 "$(grep -cE $'\e\\[([0-9]*;)*46m' <<<"$sgr")"

ui_keys '?'
ui_wait_for 'budu keys' >/dev/null
help=$(ui_screen)
t_match "? names x for removing" ' x +Remove marked rows' "$help"
t_eq "? no longer names d for it" "" "$(grep -E ' d +Remove marked rows' <<<"$help")"
t_match "? lists Q with q for quitting" 'q, Q +Quit' "$help"
ui_keys Escape
ui_wait_gone 'budu keys' >/dev/null

# x opens the removal's confirmation (which still asks); d does nothing now.
ui_keys d
sleep 0.5
t_eq "d (unbound) opens nothing" "" "$(ui_screen | grep -F 'Remove this image reference?')"
ui_keys x
t_ok "x (rebound) asks to remove the selected image" ui_wait_for 'Remove this image reference\?'
ui_keys Escape
t_ok "Esc leaves it" ui_wait_gone 'Remove this image reference\?'
kept() { "$RIG_DOCKER" image inspect bb:1.0 >/dev/null 2>&1; }
t_ok "everything was kept" kept

UI_QUIT_KEYS=Q
ui_stop
UI_QUIT_KEYS=q

# log-lines: a build log keeps the last 100 lines (the first steps go); confirm-quit = no: q
# quits at once with a build running, which quitting cancels.
D=$RIG_DOCKER
ctx=$T_TMP/ctx
mkdir -p "$ctx"
printf 'FROM bb:1.0\nRUN seq 1 300 | sed "s/^/n-/"\nRUN sleep 60\n' >"$ctx/Dockerfile"
running_before=$("$D" ps -q | wc -l)
printf 'set log-lines = 100\nset confirm-quit = no\n' >"$cfg"
UI_COLS=120 UI_ROWS=30
ui_start --config "$cfg"
ui_wait_for 'images · ' 15 >/dev/null
ui_keys b C-u
ui_type "-t cfg/slow:1 $ctx"
ui_keys Enter
t_ok "a build runs" ui_wait_for 'Step 3/3 : RUN sleep 60' 60
ui_wait_for 'Running in [0-9a-f]{12}' 30 >/dev/null
ui_keys g
t_ok "log-lines = 100: the first line kept is past the 200th of the step's" ui_wait_for '^ *n-2[0-9][0-9]$'
t_eq "the first step is gone from the log" "" "$(ui_screen | grep -F 'Step 1/3')"
ui_keys Escape
ui_wait_for 'images · ' >/dev/null
ui_keys q
# gone at once: no question on the way
quit_at_once() {
	local i
	for i in $(seq 50); do
		ui_alive || return 0
		ui_screen | grep -q 'Quit budu' && return 1
		sleep 0.1
	done
	return 1
}
t_ok "confirm-quit = no: q quits with the build running, without asking" quit_at_once
ui_stop
t_ok "quitting cancelled the build: no container left running" \
	bash -c "for i in \$(seq 50); do [[ \$('$D' ps -q | wc -l) -le $running_before ]] && exit 0; sleep 0.2; done; exit 1"

# images-sort and containers-sort name a column by its title, reversed or not; mouse = no: the
# terminal is asked for no mouse reports. A column no panel has is a mistake at its line.
printf 'set images-sort = size reverse\nset containers-sort = names\nset mouse = no\n' >"$cfg"
UI_COLS=160 UI_ROWS=50
ui_start --config "$cfg"
ui_wait_for 'images · ' 15 >/dev/null
t_ok "images-sort = size reverse: the title says so" ui_wait_for 'sort: size, reversed'
sizes=$(ui_rows | cut -f5 | awk '{ v = $1; m = 1
	if (v ~ /kB$/) m = 1e3; else if (v ~ /MB$/) m = 1e6; else if (v ~ /GB$/) m = 1e9
	sub(/[kMG]?B$/, "", v); print v * m }')
t_eq "rows are smallest first" "$(sort -g <<<"$sizes")" "$sizes"
t_eq "mouse = no: the terminal is asked for no mouse reports" 0 "$(ui__tmux display -p -t budu '#{mouse_any_flag}')"
ui_keys 4
t_ok "containers-sort = names: the Containers panel sorts by name" ui_wait_for 'sort: name'
ui_stop
printf 'set images-sort = colour\n' >"$cfg"
ui_start --config "$cfg"
t_ok "images-sort with no such column: said with its line" \
	ui_wait_for "budu-config:1: images-sort: no column 'colour' to sort by \(the defaults are used for this line\)" 15
t_eq "the mouse is on by default" 1 "$(ui__tmux display -p -t budu '#{mouse_any_flag}')"
ui_stop

# No config (/dev/null): the defaults, no message.
ui_start --config /dev/null
ui_wait_for 'images · ' 15 >/dev/null
t_ok "--config /dev/null: Images first" ui_wait_for '^REPOSITORY +TAG'
t_eq "and no message" "" "$(ui_screen | grep -E 'config|defaults')"
ui_stop

# $BUDU_CONFIG naming a file that is not there: said once, the defaults used.
UI_ENV=(BUDU_CONFIG="$T_TMP/none")
ui_start
t_ok "BUDU_CONFIG missing: said on the status line" \
	ui_wait_for "none: cannot read it: No such file or directory \(budu runs with the defaults\)" 15
ui_stop
UI_ENV=()

# The default place, ~/.config/budu/config, and --check-config listing every mistake.
home=$T_TMP/home
mkdir -p "$home/.config/budu"
printf 'set default-panel = jobs\ncolor nothing red blue\nset log-lines = 5\n' >"$home/.config/budu/config"
out=$(HOME=$home XDG_CONFIG_HOME='' "$BUDU" --check-config)
t_eq "--check-config lists each mistake with its line, exit 1" \
	"~/.config/budu/config:2: unknown colour role 'nothing' (normal, title, header, selected, status, error, note, dim, key, prompt, tab, tab-active, json-key, json-string, json-number, json-bool, json-null, instruction, bar, marked, added, modified, removed)
~/.config/budu/config:3: log-lines is a number from 100 to 1000000, not '5'|1" \
	"$out|$(HOME=$home XDG_CONFIG_HOME='' "$BUDU" --check-config >/dev/null; echo $?)"
UI_HOME=$home
ui_start
t_ok "~/.config/budu/config is read: the Jobs panel first" ui_wait_for 'No jobs yet' 15
ui_stop
unset UI_HOME
