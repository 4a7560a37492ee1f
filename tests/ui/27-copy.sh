# shellcheck shell=bash
# Copy in every list (OSC 52; tmux keeps what was copied as a paste buffer): y the row's key
# value, Y the row as docker prints it; Search shows the selected description whole below.
source "$top_srcdir/tests/ui/lib-images.sh"
D=$RIG_DOCKER

clip() { ui__tmux show-buffer 2>/dev/null; }
squeeze() { tr -s ' '; }
# Copy with key $1 and wait for the notice $2.
copy() {
	ui__tmux delete-buffer 2>/dev/null
	ui_keys "$1"
	ui_wait_for "$2" 5 >/dev/null
}

UI_COLS=200 UI_ROWS=60
ui_start
ui_wait_for 'images · ' 15 >/dev/null

# Details: History, Tags and Containers tabs.
"$D" rm -f cp-user >/dev/null 2>&1
"$D" create --network none --name cp-user bb:1.0 true >/dev/null
ui_keys /
ui_type "bb"
ui_keys Enter
ui_wait_for '^bb +1\.0 ' 5 >/dev/null
line=$(ui_screen | grep -n -m1 -E '^bb +1\.0 ' | cut -d: -f1)
for ((i = 3; i < line; i++)); do ui_keys j; done
ui_keys Enter
ui_wait_for ' Tags \(' 10 >/dev/null
ui_keys h
ui_wait_for '^IMAGE +CREATED +CREATED BY' 10 >/dev/null
copy y 'Copied the image ID'
t_eq "History: y copies the step's image ID" "$("$D" history --no-trunc -q bb:1.0 | head -n1)" "$(clip)"
copy Y 'Copied the row'
t_eq "History: Y copies the step as docker history --no-trunc prints it" \
	"$("$D" history --no-trunc --format '{{.ID}} {{.CreatedSince}} {{.CreatedBy}} {{.Size}} {{.Comment}}' bb:1.0 | head -n1 | squeeze | sed 's/ $//')" \
	"$(clip | squeeze | sed 's/ $//')"
ui_keys t
ui_wait_for '^KIND +REFERENCE' 5 >/dev/null
first=$(ui_screen | awk '/^KIND +REFERENCE/ { getline; print $2; exit }')
copy y 'Copied the reference'
t_eq "Tags: y copies the reference" "$first" "$(clip)"
copy Y 'Copied the row'
t_eq "Tags: Y copies the row" "tag $first" "$(clip | squeeze)"
ui_keys c
ui_wait_for 'cp-user' 10 >/dev/null
line=$(ui_screen | grep -n -m1 'cp-user' | cut -d: -f1)
first=$(ui_screen | awk '/^CONTAINER ID +NAME/ { getline; print $2; exit }')
want=$("$D" inspect -f '{{.Id}}' "$first")
copy y 'Copied the container ID'
t_eq "Containers tab: y copies the full container ID" "$want" "$(clip)"
copy Y 'Copied the row'
t_match "Containers tab: Y copies the row" "^${want:0:12} +$first +" "$(clip)"
ui_keys Escape
ui_keys Escape

# Hosts: the context's name; the row.
ui_keys H
ui_wait_for '^ +NAME +STATE' 10 >/dev/null
ui_wait_for 'ok, [0-9]+ ms' 15 >/dev/null
name=$(ui_screen | awk '/NAME +STATE/ { getline; sub(/^[^ ]* +/, ""); print $1; exit }')
copy y 'Copied the name'
t_eq "Hosts: y copies the context's name" "$name" "$(clip)"
copy Y 'Copied the row'
t_match "Hosts: Y copies the row" "^$name.* ok, [0-9]+ ms " "$(clip)"

# Disk usage: the TYPE; the row as docker system df prints it.
ui_keys 8
ui_wait_for '^TYPE +TOTAL' 20 >/dev/null
copy y 'Copied the first cell'
t_eq "Disk usage: y copies the row's first cell" "Images" "$(clip)"
copy Y 'Copied the row'
t_eq "Disk usage: Y copies the row as docker system df prints it" \
	"$("$D" system df | sed -n 2p | squeeze | sed 's/ $//')" "$(clip | squeeze)"

# Search: the name; the row; the description whole in the footer.
if [[ -n ${RIG_INDEX:-} ]]; then
	ui_keys S
	ui_wait_for '^Search:' 5 >/dev/null
	ui_keys C-u
	ui_type "$RIG_INDEX/nginx"
	ui_keys Enter
	ui_wait_for '^NAME +DESCRIPTION' 10 >/dev/null
	first=$(ui_screen | awk '/^NAME +DESCRIPTION/ { getline; print $1; exit }')
	copy y 'Copied the name'
	t_eq "Search: y copies the result's name" "$first" "$(clip)"
	copy Y 'Copied the row'
	want=$("$D" search --no-trunc --format '{{.Name}} {{.Description}} {{.StarCount}}' "$RIG_INDEX/nginx" |
		grep -m1 "^$first " | squeeze)
	t_match "Search: Y copies the row, its description whole" "^$(sed 's/[]\/$*.^?[(){}|+]/\\&/g' <<<"$want")" \
		"$(clip | squeeze)"
	# the longest description: cut in its cell, whole in the footer
	long=$("$D" search --no-trunc --format '{{.Name}}	{{.Description}}' "$RIG_INDEX/nginx" |
		awk -F'\t' '{ if (length($2) > length(best)) { best = $2; name = $1 } } END { print name }')
	line=$(ui_screen | grep -n -m1 -E "^$(sed 's/[]\/$*.^?[(){}|+]/\\&/g' <<<"$long") " | cut -d: -f1)
	top=$(ui_screen | grep -n -m1 -E '^NAME +DESCRIPTION' | cut -d: -f1)
	for ((i = top + 1; i < line; i++)); do ui_keys j; done
	desc=$("$D" search --no-trunc --format '{{.Name}}	{{.Description}}' "$RIG_INDEX/nginx" |
		awk -F'\t' -v n="$long" '$1 == n { print $2 }')
	sleep 0.3
	t_ok "Search: the description is longer than its cell" test "${#desc}" -gt 45
	t_match "Search: the footer shows the selected description whole" \
		"$(sed 's/[]\/$*.^?[(){}|+]/\\&/g' <<<"$(squeeze <<<"${desc: -20}")")" "$(ui_screen | tail -n 6 | tr '\n' ' ' | squeeze)"
else
	t_fail "the rig runs a stand-in index (RIG_INDEX is set)"
fi
ui_stop
"$D" rm -f cp-user >/dev/null 2>&1
