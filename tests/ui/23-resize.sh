# shellcheck shell=bash
# Resizing re-lays the screen out; tiny sizes degrade without a crash.
source "$top_srcdir/tests/ui/lib-images.sh"

UI_COLS=80 UI_ROWS=24
ui_start
ui_wait_for 'images · ' 15 >/dev/null
t_match "80x24: every column header fits" '^REPOSITORY +TAG +IMAGE ID +CREATED +SIZE' "$(ui_screen)"
t_eq "80x24: no line is wider than the terminal" 0 \
	"$(ui_screen | awk '{ if (length($0) > 80) n++ } END { print n + 0 }')"

ui_resize 50 12
t_ok "50x12: still drawn" ui_wait_for '^REPOSITORY'
t_eq "50x12: lines fit" 0 "$(ui_screen | awk '{ if (length($0) > 50) n++ } END { print n + 0 }')"
ui_resize 20 5
sleep 0.5
t_ok "20x5: budu still runs" ui_alive
ui_resize 8 2
sleep 0.5
t_ok "8x2: budu still runs" ui_alive
ui_resize 2 1
sleep 0.5
t_ok "2x1: budu still runs" ui_alive
ui_keys '?'
sleep 0.3
ui_keys Escape
ui_resize 120 30
t_ok "120x30: the list comes back" ui_wait_for '^REPOSITORY +TAG +IMAGE ID +CREATED +SIZE'
t_eq "120x30: rows equal docker image ls" \
	"$(docker_ls '{{.Repository}}\t{{.Tag}}\t{{.ID}}')" "$(ui_rows | cells 1,2,3)"
ui_stop
