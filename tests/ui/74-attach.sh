# shellcheck shell=bash
# Attach with stdin (issue 9): a container whose main process is an interactive sh
# (docker run -dit); in budu's Containers panel, opened, A says the detach keys, then hands the
# terminal over to that process: what is typed reaches it (its answer, from pid 1, comes back on
# screen and lands in docker logs), Ctrl-P Ctrl-Q detaches, budu draws itself again and the
# container goes on running. Then the same from the list's row.
source "$top_srcdir/tests/ui/lib-images.sh"

D=$RIG_DOCKER
name=c-attach$RANDOM
marker=attached-$RANDOM$RANDOM
"$D" rm -f "$name" >/dev/null 2>&1
"$D" run -dit --network none --name "$name" bb:1.0 sh >/dev/null
state() { "$D" inspect -f '{{.State.Status}}' "$name" 2>/dev/null; }
t_eq "setup: $name runs sh with a TTY and stdin open" "running true true" \
	"$(state) $("$D" inspect -f '{{.Config.Tty}} {{.Config.OpenStdin}}' "$name" 2>&1)"

# line_of ERE: the number of the first screen line matching ERE (empty if none).
line_of() { ui_screen | grep -nE -- "$1" | head -n1 | cut -d: -f1; }
banner_re="^budu: attached to $name\. Ctrl-P Ctrl-Q detaches and leaves it running"
# the_banner_first: the banner is on a line above the shell's answer.
banner_first() {
	local b a
	b=$(line_of "$banner_re")
	a=$(line_of "^$1 *\$")
	[[ -n $b && -n $a ]] && ((b < a))
}
in_logs() { "$D" logs "$name" 2>&1 | tr -d '\r' | grep -qx -- "$1"; }

UI_COLS=160 UI_ROWS=30
ui_start
ui_wait_for 'images · ' 15 >/dev/null
ui_keys 4
t_ok "4 opens the Containers panel" ui_wait_for '^CONTAINER ID +IMAGE'
ui_keys /
ui_type "$name"
ui_keys Enter
t_ok "the filter keeps $name" ui_wait_for " $name *\$"
ui_keys Enter
t_ok "Enter opens it" ui_wait_for "^ budu @ [^ ]+  Containers › $name \\([0-9a-f]{12}\\)"

# ---- A in the container's view ------------------------------------------------------------
ui_keys A
t_ok "A shows the detach keys before handing over" ui_wait_for "$banner_re" 10
t_ok "then budu's own screen is gone: the terminal is handed over" \
	ui_wait_gone "^ budu @ [^ ]+  Containers › $name" 5
# $$ is 1 for the main process (an exec would get another pid); the answer differs from the
# line typed, so the shell, not the terminal's echo, wrote it
ui_type "echo $marker-pid\$\$"
ui_keys Enter
t_ok "what is typed reaches the main process: its answer comes back" ui_wait_for "^$marker-pid1 *\$" 10
t_ok "below the detach keys, shown first" banner_first "$marker-pid1"
t_ok "docker logs has that answer too" in_logs "$marker-pid1"
ui_keys C-p C-q
t_ok "Ctrl-P Ctrl-Q: budu is back, its panel on screen" \
	ui_wait_for "^ budu @ [^ ]+  Containers › $name \\([0-9a-f]{12}\\)" 10
t_ok "and says it detached" ui_wait_for "Detached from $name" 10
t_ok "budu drew itself again: the shell's lines are gone" ui_wait_gone "^$marker-pid1" 5
t_eq "the container still runs" running "$(state)"

# ---- again, from the list's row ---------------------------------------------------------------
ui_keys Escape
t_ok "Esc goes back to the list" ui_wait_for '^CONTAINER ID +IMAGE'
ui_wait_for " $name *\$" 5 >/dev/null
ui_keys A
t_ok "A on the row: the detach keys first again" ui_wait_for "$banner_re" 10
ui_type "echo $marker-again-\$((6*7))"
ui_keys Enter
t_ok "the same shell answers" ui_wait_for "^$marker-again-42 *\$" 10
t_ok "docker logs has it" in_logs "$marker-again-42"
ui_keys C-p C-q
t_ok "detached: the list is back" ui_wait_for '^CONTAINER ID +IMAGE' 10
t_ok "with $name on it" ui_wait_for " $name *\$" 5
t_eq "and it still runs" running "$(state)"

# Without a TTY (docker run -di: stdin open) the terminal is not made raw: a line goes at Enter
# to the main process, whose answer comes back; Ctrl-C is a signal: it leaves the session, as it
# leaves docker attach, and budu goes on (it used to end budu).
name2=c-attach-notty$RANDOM
"$D" rm -f "$name2" >/dev/null 2>&1
"$D" run -di --network none --name "$name2" bb:1.0 sh >/dev/null
ui_keys /
ui_keys C-u
ui_type "$name2"
ui_keys Enter
ui_wait_for " $name2 *\$" 10 >/dev/null
ui_keys A
t_ok "A on a container without a TTY hands the terminal over, saying Ctrl-C detaches" \
	ui_wait_for "^budu: attached to $name2, which has no TTY: lines go at Enter\. Ctrl-C detaches" 10
# lines go at Enter: the terminal's own echo shows what is typed, the shell's answer differs
ui_type "echo $marker-notty-\$((6*7))"
ui_keys Enter
t_ok "no TTY, stdin open: a line typed reaches the main process, its answer comes back" \
	ui_wait_for "^$marker-notty-42 *\$" 10
t_ok "docker logs has that answer too" bash -c "'$D' logs '$name2' 2>&1 | grep -qx -- '$marker-notty-42'"
ui_keys C-c
t_ok "no TTY: Ctrl-C leaves the session and budu is back" ui_wait_for "Detached from $name2" 10
t_ok "budu drew itself again: the answer is gone" ui_wait_gone "^$marker-notty-42" 5
t_ok "its list is whole, $name2 on it" ui_wait_for " $name2 *\$" 5
t_ok "budu still runs" ui_alive
t_eq "and the container too" running "$("$D" inspect -f '{{.State.Status}}' "$name2" 2>&1)"

ui_keys Escape
ui_stop
"$D" rm -f "$name" "$name2" >/dev/null 2>&1
true
