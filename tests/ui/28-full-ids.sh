# shellcheck shell=bash
# T shows the whole image ID, as docker image ls --no-trunc does (issue 14): columns that do not
# fit scroll sideways with Left/Right instead of being cut.
source "$top_srcdir/tests/ui/lib-images.sh"

UI_COLS=80 UI_ROWS=24
ui_start
ui_wait_for 'images · ' 15 >/dev/null
ui_keys T
t_ok "80x24: T shows full IDs (the title says --no-trunc)" ui_wait_for 'docker image ls --no-trunc'
t_eq "80x24: repositories and tags whole, as docker prints them" \
	"$(docker_ls '{{.Repository}}\t{{.Tag}}' --no-trunc)" "$(ui_rows | cells 1,2)"
ui_keys Right
t_ok "80x24: Right scrolls a column" ui_wait_for '^TAG +IMAGE ID'
ui_keys Right
t_ok "80x24: Right again: IMAGE ID first" ui_wait_for '^IMAGE ID +CREAT'
t_eq "80x24: every ID whole, as docker image ls --no-trunc prints it" \
	"$(docker_ls '{{.ID}}' --no-trunc)" "$(ui_rows | cells 1)"
t_ok "80x24: no line is wider than the terminal" test "$(ui_screen | LC_ALL=C.UTF-8 wc -L)" -le 80
for _ in 1 2 3 4 5 6 7 8; do ui_keys Right; done
t_ok "80x24: Right stops once the last column is on screen" ui_wait_for '^CREATED( ▼)? +SIZE +CONTAINERS *$'
ui_keys Left
t_ok "80x24: Left scrolls back" ui_wait_for '^IMAGE ID +CREAT'
for _ in 1 2 3 4 5 6 7 8; do ui_keys Left; done
t_ok "80x24: Left stops at the first column" ui_wait_for '^REPOSITORY +TAG +IMAGE ID'
ui_keys T
t_ok "80x24: T again: short IDs, every column on screen" ui_wait_for '^REPOSITORY +TAG +IMAGE ID +CREATED( ▼)? +SIZE'
t_eq "80x24: short IDs as docker prints them" "$(docker_ls '{{.ID}}')" "$(ui_rows | cells 3)"

ui_resize 120 30
ui_keys T
t_ok "120x30: full IDs" ui_wait_for '^REPOSITORY +TAG +IMAGE ID +CREATED'
t_eq "120x30: rows equal docker image ls --no-trunc, IDs whole" \
	"$(docker_ls '{{.Repository}}\t{{.Tag}}\t{{.ID}}' --no-trunc)" "$(ui_rows | cells 1,2,3)"
ui_stop
