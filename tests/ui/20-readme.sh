# shellcheck shell=bash
# The screen at the top of README.md is a real capture (scripts/readme-capture.sh, at 100x16
# against the demo images): its title, column header and status line are what budu draws at
# that size, so the README cannot show columns budu no longer has.

block=$(sed -n '/^<!-- capture:begin -->$/,/^<!-- capture:end -->$/p' "$top_srcdir/README.md" |
	sed '1,2d;$d' | sed '$d')
t_ok "README.md has a capture block" test -n "$block"

UI_COLS=100 UI_ROWS=16
ui_start
t_ok "the list appears" ui_wait_for ' images · '
screen=$(ui_screen | sed 's/[[:space:]]*$//')

squeeze() { tr -s ' '; }
t_eq "the title line is the README's" "$(head -n1 <<<"$block" | squeeze)" "$(head -n1 <<<"$screen" | squeeze)"
t_eq "the column header is the README's (the same columns, in the same order)" "$(sed -n 2p <<<"$block" | squeeze)" "$(sed -n 2p <<<"$screen" | squeeze)"
# the status line names this engine's socket and counts: compare its shape
shape() { sed -E 's#unix://[^ ]*#SOCK#; s/[0-9]+ images/N images/; s/[0-9.]+[kMG]?B/SIZE/g' | squeeze; }
t_eq "the status line has the README's shape" "$(tail -n1 <<<"$block" | shape)" "$(tail -n1 <<<"$screen" | shape)"
ui_stop
