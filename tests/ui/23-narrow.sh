# shellcheck shell=bash
# Narrow terminals (issue 14): at 80x24 each table gives way with the column that names a row
# last: budu's decoration (History's bar and TOTAL) goes first, columns empty on every row are
# not shown, REPOSITORY, CREATED BY, DESCRIPTION and NAMES keep room; History's T shows CREATED
# BY whole, scrolled sideways with Left/Right. A long docker command in a confirmation wraps.
source "$top_srcdir/tests/ui/lib-images.sh"
D=$RIG_DOCKER

# Columns from the start of header NAME to the start of the header after it, on the screen's
# header line matching ERE.
col_width() {
	ui_screen | awk -v re="$1" -v a="$2" -v b="$3" '$0 ~ re { print index($0, b) - index($0, a); exit }'
}
wide_lines() { ui_screen | LC_ALL=C.UTF-8 wc -L; }

UI_COLS=80 UI_ROWS=24
ui_start
ui_wait_for 'images · ' 15 >/dev/null

# Images: every repository whole (the rig's 127.0.0.1:PORT/demo/app is the longest).
t_ok "Images: the header fits" ui_wait_for '^REPOSITORY +TAG +IMAGE ID +CREATED( ▼)? +SIZE'
t_eq "Images: repositories and tags whole, as docker image ls prints them" \
	"$(docker_ls '{{.Repository}}\t{{.Tag}}')" "$(ui_rows | cells 1,2)"
longest=$(docker_ls '{{.Repository}}' | awk '{ if (length($0) > n) n = length($0) } END { print n }')
t_ok "Images: REPOSITORY has room for the longest ($longest) and docker's padding" \
	test "$(col_width '^REPOSITORY' REPOSITORY TAG)" -ge $((longest + 3))
t_ok "Images: no line is wider than the terminal" test "$(wide_lines)" -le 80

# d on many images: the docker command wraps instead of being cut at the screen's edge.
ui_keys /
ui_type demo/
ui_keys Enter
ui_wait_for '^demo/' 5 >/dev/null
refs=$(ui_rows | awk -F'\t' '{ print $1 ":" $2 }')
n=$(wc -l <<<"$refs")
for ((i = 0; i < n; i++)); do ui_keys Space; done
ui_keys d
t_ok "d: the dialog shows the command" ui_wait_for '^  docker image rm' 5
want="docker image rm $(paste -sd' ' <<<"$refs")"
got=$(ui_screen | awk '/^  docker image rm/ { on = 1 } on && /^  \[ \]/ { exit } on' | sed 's/^ *//; s/ *$//' | paste -sd' ')
t_ok "d: the whole command (${#want} characters) is on screen, wrapped" grep -qF -- "$want" <<<"$got"
ui_keys n
ui_wait_gone '^  docker image rm' 5 >/dev/null
ui_keys g
for ((i = 0; i < n; i++)); do ui_keys Space; done
ui_keys Escape

# History of demo/app:1: the bar and TOTAL go, CREATED BY keeps at least 30 columns.
ui_keys /
ui_type demo/app
ui_keys Enter
ui_wait_for '^demo/app ' 5 >/dev/null
line=$(ui_screen | grep -n -m1 -E '^demo/app ' | cut -d: -f1)
for ((i = 3; i < line; i++)); do ui_keys j; done
ui_keys Enter
ui_wait_for ' History \([0-9]+\)' 10 >/dev/null
ui_keys h
t_ok "History: IMAGE, CREATED, CREATED BY and SIZE (no bar, no TOTAL)" \
	ui_wait_for '^IMAGE +CREATED +CREATED BY +SIZE *$'
t_ok "History: CREATED BY has at least 30 columns of text" \
	test "$(col_width '^IMAGE +CREATED' 'CREATED BY' SIZE)" -ge 33
t_match "History: a step's command shows that much" '/bin/sh -c dd if=/dev/zero of=' "$(ui_screen)"
t_ok "History: no line is wider than the terminal" test "$(wide_lines)" -le 80

# T: the rows as docker history --no-trunc prints them, scrolled sideways.
run_step=$("$D" image history --no-trunc --format '{{.CreatedBy}}' demo/app:1 | grep -F 'dd if=/dev/zero')
tail_of_step=${run_step: -40}
ui_keys T
t_ok "History T: the rows start as before" ui_wait_for '^IMAGE +CREATED +CREATED BY'
for _ in 1 2 3 4 5 6 7 8 9 10 11 12; do
	ui_screen | grep -qF -- "$tail_of_step" && break
	ui_keys Right
	sleep 0.2
done
t_match "History T: Right scrolls to the end of the longest step ($tail_of_step)" \
	"$(printf '%s' "$tail_of_step" | sed 's/[][\.*^$+?(){}|/]/\\&/g')" "$(ui_screen)"
t_ok "History T: no line is wider than the terminal" test "$(wide_lines)" -le 80
for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14; do ui_keys Left; done
t_ok "History T: Left scrolls back to the first column" ui_wait_for '^IMAGE +CREATED +CREATED BY'
ui_keys Escape
ui_wait_for '^REPOSITORY' 5 >/dev/null

# Containers: PORTS (empty on every row here) is not shown; IMAGE and NAMES whole.
ui_keys 4
t_ok "Containers: no PORTS column while no container publishes one" \
	ui_wait_for '^CONTAINER ID +IMAGE +.*STATUS +NAMES *$'
t_eq "Containers: images and names whole, as docker container ls -a prints them" \
	"$("$D" container ls -a --format '{{.Image}}\t{{.Names}}' | sort)" "$(ui_rows | awk -F'\t' '{ print $2 "\t" $NF }' | sort)"
t_ok "Containers: no line is wider than the terminal" test "$(wide_lines)" -le 80

# Search: DESCRIPTION keeps at least 30 columns; OFFICIAL and AUTOMATED only with an [OK].
if [[ -n ${RIG_INDEX:-} ]]; then
	ui_keys 2
	ui_wait_for '^Search:' 5 >/dev/null
	ui_type "$RIG_INDEX/nginx"
	ui_keys Enter
	t_ok "Search: results" ui_wait_for '^NAME +DESCRIPTION +STARS' 10
	t_ok "Search: DESCRIPTION has at least 30 columns of text" \
		test "$(col_width '^NAME +DESCRIPTION' DESCRIPTION STARS)" -ge 33
	t_ok "Search: no line is wider than the terminal" test "$(wide_lines)" -le 80
	ui_keys /
	ui_keys C-u
	ui_type "$RIG_INDEX/bitnami"
	ui_keys Enter
	t_ok "Search: no OFFICIAL column when no result is official (docker prints an empty one)" \
		ui_wait_for '^NAME +DESCRIPTION +STARS( ▼)? *$' 10
	t_eq "Search: descriptions whole when they fit, as docker search prints them" \
		"$("$D" search --format '{{.Name}}\t{{.Description}}' "$RIG_INDEX/bitnami" | sort)" \
		"$(ui_rows | head -n "$(($("$D" search --format '{{.Name}}' "$RIG_INDEX/bitnami" | wc -l) + 1))" |
			awk -F'\t' 'NR > 1 { print $1 "\t" $2 }' | sort)"
else
	t_fail "the rig runs a stand-in index (RIG_INDEX is set)"
fi
ui_stop
