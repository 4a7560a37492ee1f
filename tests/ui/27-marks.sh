# shellcheck shell=bash
# Marks in the Images and Containers lists: + marks every row shown, - clears every mark, *
# inverts the marks of the rows shown; marks the filter hides stay as they were.
source "$top_srcdir/tests/ui/lib-images.sh"

D=$RIG_DOCKER
"$D" rm -f mk-a mk-b mk-c >/dev/null 2>&1
for c in mk-a mk-b mk-c; do "$D" create --network none --name "$c" bb:1.0 true >/dev/null; done

UI_COLS=160 UI_ROWS=50
ui_start
ui_wait_for 'images · ' 15 >/dev/null
n=$(ui_rows | wc -l)
t_ok "there are rows to mark" test "$n" -gt 3
ui_keys +
t_ok "+ marks every row" ui_wait_for " $n marked" 5
ui_keys -
t_ok "- clears every mark" ui_wait_gone ' marked' 5
ui_keys Space
t_ok "Space marks one" ui_wait_for ' 1 marked' 5
ui_keys '*'
t_ok "* inverts: all but that one" ui_wait_for " $((n - 1)) marked" 5
ui_keys '*'
t_ok "* again: that one alone" ui_wait_for ' 1 marked' 5
ui_keys -
ui_wait_gone ' marked' 5 >/dev/null

ui_keys /
ui_type "demo/ap"
ui_keys Enter
ui_wait_for 'rows match' 5 >/dev/null
k=$(ui_rows | wc -l)
t_ok "the filter shows fewer rows" test "$k" -lt "$n"
ui_keys +
t_ok "+ with a filter marks the rows shown only" ui_wait_for " $k marked" 5
ui_keys Escape
t_ok "the filter gone, the marks stay" ui_wait_for " $k marked" 5
ui_keys '*'
t_ok "* inverts every row shown" ui_wait_for " $((n - k)) marked" 5
ui_keys /
ui_type "demo/ap"
ui_keys Enter
ui_wait_for 'rows match' 5 >/dev/null
ui_keys '*'
t_ok "* with a filter leaves the hidden marks alone" \
	ui_wait_for " $n marked \\($((n - k)) hidden by the filter\\)" 5
ui_keys -
t_ok "- clears the hidden marks too" ui_wait_gone ' marked' 5
ui_keys Escape

ui_keys 4
ui_wait_for '^CONTAINER ID' 10 >/dev/null
ui_wait_for 'mk-c' 10 >/dev/null
m=$(ui_rows | wc -l)
ui_keys +
t_ok "Containers: + marks every row" ui_wait_for " $m marked" 5
ui_keys '*'
t_ok "Containers: * inverts (none left)" ui_wait_gone ' marked' 5
ui_keys /
ui_type "mk-"
ui_keys Enter
ui_keys '*'
t_ok "Containers: * marks the rows the filter shows" ui_wait_for ' 3 marked' 5
ui_keys -
t_ok "Containers: - clears them" ui_wait_gone ' marked' 5
ui_stop
"$D" rm -f mk-a mk-b mk-c >/dev/null 2>&1
