# shellcheck shell=bash
# Sorting by any column: o/> the next column, < the previous, O reverses; the header marks the
# sort column with ▼/▲ (v/^ without UTF-8) and the title names it. Images, Containers, Search.
source "$top_srcdir/tests/ui/lib-images.sh"

# The rows' repository and tag, in screen order.
in_order() { ui_rows | cut -f1,2; }
header() { ui_screen | sed -n 2p; }

UI_COLS=160 UI_ROWS=50
ui_start
ui_wait_for 'images · ' 15 >/dev/null
t_ok "the default: created, newest first, marked in the header" ui_wait_for 'CREATED ▼' 5
t_match "... the title names it" 'sort: created' "$(ui_screen | head -n1)"
before=$(in_order)
ui_keys O
t_ok "O reverses, the title says so" ui_wait_for 'sort: created, reversed' 5
t_match "... the header's arrow turns" 'CREATED ▲' "$(header)"
t_eq "... the rows are in exactly the reverse order (ties included)" "$(tac <<<"$before")" "$(in_order)"
ui_keys O
ui_wait_gone 'reversed' 5 >/dev/null
t_eq "O again: back as they were" "$before" "$(in_order)"

ui_keys '<'
t_ok "<: the previous column, image ID" ui_wait_for 'sort: image ID' 5
t_match "... marked in the header" 'IMAGE ID ▲' "$(header)"
ids=$(ui_rows | cut -f3)
t_eq "rows are in image ID order" "$(LC_ALL=C sort -s <<<"$ids")" "$ids"
ui_keys '<'
t_ok "<: tag" ui_wait_for 'sort: tag' 5
tags=$(ui_rows | cut -f2 | grep -v '^<none>$')
t_eq "tags in version order (2 before 10)" "$(sort -V <<<"$tags")" "$tags"
t_eq "... <none> last" "" "$(ui_rows | cut -f2 | sed -n "$(($(wc -l <<<"$tags") + 1)),\$p" | grep -v '^<none>$')"
ui_keys '>'
t_ok ">: the next column, image ID again" ui_wait_for 'sort: image ID' 5
ui_keys '>' O
t_ok "> then O: created, oldest first" ui_wait_for 'sort: created, reversed' 5

ui_keys 4
ui_wait_for '^CONTAINER ID' 10 >/dev/null
t_ok "Containers: created newest first by default, marked" ui_wait_for 'CREATED ▼' 5
ui_keys '>'
t_ok "Containers: >: status" ui_wait_for 'sort: status' 5
t_match "... the header marks it" 'STATUS ▲' "$(header)"
ui_keys o o
t_ok "Containers: o walks every column: names" ui_wait_for 'sort: name' 5
names=$(ui_rows | awk -F'\t' '{ print $NF }')
t_eq "Containers: names in order" "$(LC_ALL=C sort <<<"$names")" "$names"
ui_keys O
t_ok "Containers: O reverses" ui_wait_for 'NAMES ▼' 5
t_eq "Containers: names in reverse order" "$(LC_ALL=C sort -r <<<"$names")" "$(ui_rows | awk -F'\t' '{ print $NF }')"

if [[ -n ${RIG_INDEX:-} ]]; then
	ui_keys S
	ui_wait_for '^Search:' 5 >/dev/null
	ui_keys C-u
	ui_type "$RIG_INDEX/nginx"
	ui_keys Enter
	t_ok "Search: stars, most first, by default" ui_wait_for '^NAME +DESCRIPTION +STARS ▼' 10
	ui_keys o o o
	t_ok "Search: o walks to name" ui_wait_for 'sort: name' 5
	t_ok "... marked in the header" ui_wait_for '^NAME ▲' 5
	names=$(ui_screen | awk '/^NAME/ { on = 1; next } on && NF { print $1 } on && !NF { exit }' | sed '$d')
	t_eq "Search: names in order" "$(LC_ALL=C sort <<<"$names")" "$names"
	ui_keys O
	t_ok "Search: O reverses" ui_wait_for '^NAME ▼' 5
else
	t_fail "the rig runs a stand-in index (RIG_INDEX is set)"
fi
ui_stop

# Without UTF-8 the arrow is ASCII.
UI_ENV=(LANG=C)
ui_start
ui_wait_for 'images' 15 >/dev/null
t_ok "LANG=C: the header marks the sort with v" ui_wait_for 'CREATED v' 10
ui_keys O
t_ok "LANG=C: ^ when reversed" ui_wait_for 'CREATED \^' 5
ui_stop
UI_ENV=()
