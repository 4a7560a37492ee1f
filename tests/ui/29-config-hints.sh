# shellcheck shell=bash
# Sentences that name a key follow the config file's bindings (issue 14), as `?` and the title
# bar's hints do: the empty Jobs panel's "p pulls … P cleans up", "R tries again" while not
# connected, M's notice, the Containers panel's "a shows all", and the panels' keys in the
# title bar.
source "$top_srcdir/tests/ui/lib-images.sh"

cfg=$T_TMP/budu-config
cat >"$cfg" <<'EOF2'
bind images p none
bind images Z pull
bind images P none
bind images W prune
bind generic R none
bind generic F5 none
bind generic F6 reload
bind generic 3 none
bind generic J none
bind generic F3 panel-jobs
bind generic M none
bind generic F9 mouse
bind containers a none
bind containers F7 toggle-all
EOF2

UI_COLS=160 UI_ROWS=30
ui_start --config "$cfg"
ui_wait_for 'images · ' 15 >/dev/null
t_match "the title bar names the Jobs panel by its key as bound" ' F3 Jobs ' "$(ui_screen | head -n1)"
ui_keys F3
t_ok "the empty Jobs panel names the Images panel's keys as bound" \
	ui_wait_for 'In the Images panel: Z pulls, t tags, d removes, W cleans up\.' 10
ui_keys F9
t_ok "M's notice names the key as bound" ui_wait_for "mouse off: the terminal's own selection works \\(F9 turns it on\\)" 5
ui_keys 4
ui_wait_for '^CONTAINER ID' 10 >/dev/null
ui_keys F7
t_ok "the Containers panel's empty list names its key as bound" ui_wait_for 'No container runs: F7 shows all of them\.' 10
ui_stop

# Not connected: the engine's address leads nowhere.
UI_ENV=(DOCKER_HOST=unix://$T_TMP/nothing.sock)
ui_start --config "$cfg"
t_ok "not connected: the retry key as bound" ui_wait_for 'F6 (retries now|tries again), q quits\.' 15
ui_keys d
t_ok "a key that needs the engine says which key retries" ui_wait_for 'Not connected to the engine: F6 tries again' 5
ui_stop
UI_ENV=()
