# shellcheck shell=bash
# A registry repository's tags in version order (issue 14): 1, 2, 10 and 1.9 before 1.10, not
# as text (1, 10, 2). The registry lists them in its own order.
source "$top_srcdir/tests/ui/lib.sh"
D=$RIG_DOCKER

repo=$RIG_REGISTRY/vers/app
tags=(10 2 1.10 latest 1 1.9)
for t in "${tags[@]}"; do
	"$D" tag bb:1.0 "$repo:$t" && "$D" push "$repo:$t" >/dev/null 2>&1
done
for t in "${tags[@]}"; do "$D" image rm "$repo:$t" >/dev/null 2>&1; done

UI_COLS=100 UI_ROWS=30
ui_start
ui_wait_for 'images · ' 15 >/dev/null
ui_keys S
ui_wait_for '^Search:' 5 >/dev/null
ui_keys Escape
ui_keys r
ui_type "$repo"
ui_keys Enter
t_ok "r opens the repository's tags" ui_wait_for '^latest *$' 10
t_eq "tags in version order" "1 1.9 1.10 2 10 latest" \
	"$(ui_screen | grep -E '^(1|1\.9|1\.10|2|10|latest) *$' | sed 's/ *$//' | paste -sd' ')"
ui_stop
