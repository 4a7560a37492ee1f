# shellcheck shell=bash
# The Jobs panel (issue 14): a pull with --platform names the platform in TARGET, TARGET is as
# wide as its longest, and a long message (a pull's error) is shown whole, wrapped, below the
# list for the selected job.
source "$top_srcdir/tests/ui/lib.sh"
D=$RIG_DOCKER

UI_COLS=130 UI_ROWS=24
ui_start
ui_wait_for 'images · ' 15 >/dev/null
ref=$RIG_REGISTRY/demo/app:1
ui_keys p C-u
ui_type "--platform linux/amd64 $ref"
ui_keys Enter
ui_keys J
t_ok "a pull with --platform names it in TARGET" \
	ui_wait_for "^1 +pull +$(sed 's/[.]/\\./g' <<<"$ref") \(linux/amd64\) +done" 30

# A long error, at 80 columns: all of it below the list.
ui_resize 80 24
missing=$RIG_REGISTRY/no/such-repository-with-a-long-name-for-this-message:1
ui_keys 1 p C-u
ui_type "$missing"
ui_keys Enter
ui_keys J
t_ok "the failing pull is listed" ui_wait_for '^2 +pull .* failed' 30
ui_keys g
sleep 0.5
want=$("$D" pull "$missing" 2>&1 | sed 's/^Error response from daemon: //')
got=$(ui_screen | sed '1,/^ *$/d' | sed '$d' | sed 's/^ *//; s/ *$//' | paste -sd' ')
t_ok "its message is whole, as docker pull prints it ($want)" grep -qF -- "$want" <<<"$got"
ui_stop
