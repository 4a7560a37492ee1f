# shellcheck shell=bash
# The mouse (on at start; M turns it off): a click selects a row, a double-click opens it, the
# wheel scrolls, a click on a column header sorts by it (again: reversed), on a tab shows it, on
# a crumb of the title bar goes back to that view, on a panel's tab there shows that panel. The
# events are sent as the terminal sends them: ncurses asks TERM=screen-256color's terminal for
# xterm's mode 1000 (its terminfo has kmous=\E[M and no XM, so X10 encoding: ESC [ M, then
# 32+button, 33+column, 33+row).
source "$top_srcdir/tests/ui/lib-images.sh"
D=$RIG_DOCKER

chr() { printf "\\$(printf '%03o' "$1")"; }
# the bytes of a press (button byte $1) at column $2, row $3 (0-based)
event() { printf '\e[M%s%s%s' "$(chr $((32 + $1)))" "$(chr $((33 + $2)))" "$(chr $((33 + $3)))"; }
mouse() { ui_type "$(event "$@")"; }
# press and release in one write, as a terminal sends them
click() {
	ui_type "$(event 0 "$1" "$2")$(event 3 "$1" "$2")"
	sleep 0.5	# no double-click with the next one
}
double_click() { ui_type "$(event 0 "$1" "$2")$(event 3 "$1" "$2")$(event 0 "$1" "$2")$(event 3 "$1" "$2")"; }
wheel_down() { mouse 65 "$1" "$2"; }
wheel_up() { mouse 64 "$1" "$2"; }
# The screen line (0-based) of the selected row: the selection background (cyan, 46).
selected() { ui_screen_esc | grep -n $'\e\\[\\([0-9]*;\\)*46m' | head -n1 | awk -F: '{ print $1 - 1 }'; }
# The column of the first match of $2 on screen line $1 (0-based).
col_of() { ui_screen | sed -n "$(($1 + 1))p" | awk -v s="$2" '{ print index($0, s) - 1 }'; }

UI_COLS=160 UI_ROWS=40
ui_start
ui_wait_for 'images · ' 15 >/dev/null
ui_wait_for 'CONTAINERS' 10 >/dev/null
t_eq "the first row is selected at start" 2 "$(selected)"
click 5 4
sleep 0.3
t_eq "a click on a row selects it" 4 "$(selected)"
wheel_down 5 10
sleep 0.3
t_eq "the wheel scrolls down three rows" 7 "$(selected)"
wheel_up 5 10
sleep 0.3
t_eq "and up" 4 "$(selected)"
name=$(ui_screen | sed -n 5p | awk '{ print $1 " " $2 }')
click 5 1
t_ok "a click on REPOSITORY's header sorts by repository" ui_wait_for 'sort: repository' 5
t_eq "... the selected row stays selected" "$name" "$(ui_screen | sed -n "$(($(selected) + 1))p" | awk '{ print $1 " " $2 }')"

# the header: sort by the column clicked, then the reverse
x=$(col_of 1 SIZE)
click "$((x + 1))" 1
t_ok "a click on SIZE's header sorts by size" ui_wait_for 'sort: size' 5
t_ok "... marked in the header" ui_wait_for 'SIZE ▼' 5
click "$((x + 1))" 1
t_ok "a second click reverses" ui_wait_for 'sort: size, reversed' 5
x=$(col_of 1 CREATED)
click "$((x + 1))" 1
t_ok "a click on CREATED goes back to created" ui_wait_for 'CREATED ▼' 5

# a double-click opens the row, as Enter; the title's crumb goes back
name=$(ui_screen | sed -n 4p | awk '{ print $1 }')
double_click 3 3
t_ok "a double-click opens the row's details" ui_wait_for ' Tags \([0-9]+\) ' 10
t_match "... of the row clicked" "Images › $(sed 's/[]\/$*.^?[(){}|+]/\\&/g' <<<"$name")" "$(ui_screen | head -n1)"
x=$(col_of 1 ' History (')
click "$((x + 2))" 1
t_ok "a click on a tab shows it" ui_wait_for '^IMAGE +CREATED +CREATED BY' 5
click 3 3
sleep 0.3
t_eq "a click on a History row selects it" 3 "$(selected)"
x=$(col_of 0 'Images ›')
click "$((x + 1))" 0
t_ok "a click on the panel's name in the title goes back to it" ui_wait_for '^REPOSITORY' 5
t_ok "... the details closed" ui_wait_gone ' Tags \(' 5

# M: off, the terminal's own selection works, and clicks do nothing
t_eq "the terminal was asked for mouse reports" 1 "$(ui__tmux display -p -t budu '#{mouse_any_flag}')"
ui_keys M
t_ok "M turns the mouse off, and says so" ui_wait_for "mouse off: the terminal's own selection works" 5
t_eq "... the terminal is told: no mouse reports" 0 "$(ui__tmux display -p -t budu '#{mouse_any_flag}')"
before=$(selected)
click 5 9
t_eq "with the mouse off a click selects nothing" "$before" "$(selected)"
ui_keys M
t_ok "M again turns it on" ui_wait_for 'mouse on' 5
click 5 9
sleep 0.3
t_eq "and clicks select again" 9 "$(selected)"

# The panels' tabs in the title bar: a click does what the panel's key does.
x=$(col_of 0 ' 4 Containers ')
t_ok "the title bar lists the panels with their keys" test "$x" -gt 0
click "$((x + 3))" 0
t_ok "a click on a panel's tab in the title shows that panel" ui_wait_for '^CONTAINER ID' 10
t_match "... its tab is highlighted (tab-active: yellow, 43)" $'\e\\[([0-9]*;)*43m 4 Containers ' "$(ui_screen_esc | head -n1)"
click "$(($(col_of 0 ' 1 Images ') + 2))" 0
t_ok "... and the Images tab goes back" ui_wait_for '^REPOSITORY' 10
click "$(($(col_of 0 ' 4 Containers ') + 2))" 0

# Containers: the header sorts too
ui_wait_for '^CONTAINER ID' 10 >/dev/null
x=$(col_of 1 NAMES)
click "$((x + 1))" 1
t_ok "Containers: a click on NAMES sorts by name" ui_wait_for 'sort: name' 5
ui_stop
