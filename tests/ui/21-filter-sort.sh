# shellcheck shell=bash
# `/` filters as you type, Esc clears; `o` walks the columns (created, size, containers,
# repository, tag, image ID).
source "$top_srcdir/tests/ui/lib-images.sh"

UI_COLS=160 UI_ROWS=50
ui_start
ui_wait_for 'images · ' 15 >/dev/null

ui_keys /
t_ok "/ opens the filter prompt" ui_wait_for '^Filter:'
ui_type "dem"
ui_wait_for '^Filter: dem' >/dev/null
t_eq "rows filter as you type (repository)" \
	"$(docker_ls '{{.Repository}}\t{{.Tag}}' | grep -i dem)" "$(ui_rows | cells 1,2)"
ui_type "o/ap"
ui_wait_for '^Filter: demo/ap' >/dev/null
t_eq "typing narrows the rows further" \
	"$(docker_ls '{{.Repository}}\t{{.Tag}}' | grep -i demo/ap)" "$(ui_rows | cells 1,2)"
ui_keys Enter
t_match "Enter keeps the filter and shows how many rows match" '[0-9]+ of [0-9]+ rows match' \
	"$(ui_screen | tail -n1)"
ui_keys Escape
t_ok "Esc clears the filter" ui_wait_gone 'rows match'
t_eq "all rows are back" "$(docker_ls '{{.Repository}}\t{{.Tag}}')" "$(ui_rows | cells 1,2)"

id=$("$RIG_DOCKER" image ls -q bb:1.0)
ui_keys /
ui_type "${id:0:8}"
ui_wait_for "^Filter: ${id:0:8}" >/dev/null
t_eq "the filter matches image IDs" \
	"$(docker_ls '{{.ID}}' | grep -c "^$id")" "$(ui_rows | cells 3 | grep -c "^$id")"
ui_keys Escape
ui_wait_gone '^Filter:' >/dev/null

ui_keys /
ui_type "no-such-thing-at-all"
t_ok "a filter that matches nothing says so" ui_wait_for 'No image matches the filter'
ui_keys Escape

ui_keys o
t_ok "o: the next column, size" ui_wait_for 'sort: size'
sizes=$(ui_rows | cut -f5 | awk '{ v = $1; m = 1
	if (v ~ /kB$/) m = 1e3; else if (v ~ /MB$/) m = 1e6; else if (v ~ /GB$/) m = 1e9
	sub(/[kMG]?B$/, "", v); print v * m }')
t_eq "rows are largest first" "$(sort -g -r <<<"$sizes")" "$sizes"
ui_keys o o
t_ok "o (twice more): every column in turn, then repository" ui_wait_for 'sort: repository'
expected=$(docker_ls '{{.Repository}}' | grep -v '^<none>$' | LC_ALL=C sort)
t_eq "rows are in repository order, <none> last" \
	"$(printf '%s\n' "$expected"; docker_ls '{{.Repository}}' | grep '^<none>$')" \
	"$(ui_rows | cut -f1)"
ui_keys o o o
t_ok "o: back to created" ui_wait_for 'sort: created'

ui_stop

# A mark the filter hides still counts: the status says so, and d acts on the marks, not on the
# row the cursor is on (before, d removed the visible row while a hidden one was marked).
"$RIG_DOCKER" tag bb:1.0 hideme:1
ui_start
ui_wait_for 'images · ' 15 >/dev/null
ui_keys /
ui_type "hideme"
ui_keys Enter
ui_wait_for '^hideme +1 ' 10 >/dev/null
ui_keys Space
ui_keys Escape
ui_keys /
ui_type "demo/app"
ui_keys Enter
ui_wait_for '^demo/app +1 ' 10 >/dev/null
t_ok "the status line: marked, and hidden by the filter" ui_wait_for '1 marked \(1 hidden by the filter\)' 5
ui_keys d
t_ok "d: the dialog is about the marked row" ui_wait_for 'docker image rm hideme:1' 5
t_ok "... and says it is hidden" ui_wait_for '1 of the marked rows is hidden by the filter' 5
not_on_screen() { ! ui_screen | grep -qE -- "$1"; }
t_ok "... not about the row under the cursor" not_on_screen 'image rm.*demo/app'
# a dialog taller than the screen scrolls; at its end it says what is above, never "(0 more"
ui_resize 100 9
t_ok "a short screen: the dialog says how much more" ui_wait_for '\([0-9]+ more: j/k scroll\)' 5
for _ in 1 2 3 4 5 6 7 8; do ui_keys j; done
t_ok "at its end: what is above" ui_wait_for '\([0-9]+ above: k scrolls back\)' 5
t_ok "... never '(0 more'" not_on_screen '\(0 more'
ui_resize 160 50
ui_keys n
ui_wait_gone 'docker image rm' 5 >/dev/null
t_ok "n: nothing removed" "$RIG_DOCKER" image inspect hideme:1 -f '{{.Id}}'
ui_stop
"$RIG_DOCKER" rmi hideme:1 >/dev/null
