# shellcheck shell=bash
# Resizing re-lays the screen out; tiny sizes degrade without a crash.
source "$top_srcdir/tests/ui/lib-images.sh"

UI_COLS=80 UI_ROWS=24
ui_start
ui_wait_for 'images · ' 15 >/dev/null
t_match "80x24: every column header fits" '^REPOSITORY +TAG +IMAGE ID +CREATED( ▼)? +SIZE' "$(ui_screen)"
# Display width, not bytes: the status line holds "·".
widest() { ui_screen | LC_ALL=C.UTF-8 wc -L; }
t_ok "80x24: no line is wider than the terminal" test "$(widest)" -le 80

ui_resize 50 12
t_ok "50x12: still drawn" ui_wait_for '^REPOSITORY'
t_ok "50x12: lines fit" test "$(widest)" -le 50
t_match "50x12: the status line is still the last row, help key included" '\? help$' "$(ui_screen | tail -n1)"
t_eq "50x12: 12 rows drawn, no wrapped line" 12 "$(ui_screen | wc -l)"
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
t_ok "120x30: the list comes back" ui_wait_for '^REPOSITORY +TAG +IMAGE ID +CREATED( ▼)? +SIZE'
t_eq "120x30: rows equal docker image ls" \
	"$(docker_ls '{{.Repository}}\t{{.Tag}}\t{{.ID}}')" "$(ui_rows | cells 1,2,3)"
ui_stop
