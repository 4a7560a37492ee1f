# shellcheck shell=bash
# `?` lists every key of the keymap (it is generated from the table); the man page and the
# README name the same keys; movement keys move the cursor.
source "$top_srcdir/tests/ui/lib-images.sh"

# Tall enough for the whole help without scrolling.
UI_COLS=100 UI_ROWS=60
ui_start
ui_wait_for 'images · ' 15 >/dev/null

ui_keys '?'
t_ok "? opens the help" ui_wait_for 'budu keys'
help=$(ui_screen)
for pair in "j, Down|Move down" "k, Up|Move up" "PgDn|Page down" "PgUp|Page up" "g, Home|first row" \
	"G, End|last row" "/|Filter rows" "Esc|Clear the filter" "o, >|next column" "<|previous column" \
	"O|Reverse the sort" "+|Mark every row" "-|Clear all marks" "*|Invert the marks" "M|Mouse on or off" \
	"a|intermediate" \
	"D|DIGEST" "T|full or short" "R, F5|Reload" "?, F1|this help" "q|Quit"; do
	key=${pair%%|*} what=${pair#*|}
	t_match "help lists '$key' for '$what'" " $(sed 's/[]\/$*.^?[]/\\&/g' <<<"$key")[ ,].*$what" "$help"
done
ui_keys Escape
t_ok "Esc closes the help" ui_wait_gone 'budu keys'

# Every key in the help is documented in the man page and the README.
for key in j k PgDn PgUp g G / Esc o '>' '<' O + - '*' M a D T R F5 '?' q; do
	t_ok "man page documents key $key" grep -qF -- "$key" "$top_srcdir/doc/budu.1"
	t_ok "README documents key $key" grep -qF -- "\`$key\`" "$top_srcdir/README.md"
done

# Movement: the selected row is drawn in reverse video; G goes last, g first.
# The cursor row is the one with the selection background (cyan, 46), below the title.
selected() { ui_screen_esc | grep -n $'\e\\[\\([0-9]*;\\)*46m' | head -n1 | cut -d: -f1; }
first=$(selected)
ui_keys G
sleep 0.3
last=$(selected)
n=$(ui_rows | wc -l)
t_eq "G moves to the last row" $((first + n - 1)) "$last"
ui_keys g
sleep 0.3
t_eq "g moves back to the first row" "$first" "$(selected)"
ui_keys j j
sleep 0.3
t_eq "j moves down" $((first + 2)) "$(selected)"
ui_keys k
sleep 0.3
t_eq "k moves up" $((first + 1)) "$(selected)"
ui_stop
