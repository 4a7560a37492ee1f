# shellcheck shell=bash
# The title and status lines at 160x45, 80x24 and 60x15 (issue 14): the title bar lists the
# panels after the view's name as tabs with their keys (names where they fit, the keys alone
# where the width is short, none where even they do not fit), the current one highlighted; the
# docker command stays. No line leaves a separator dangling at its end, and the status line
# keeps a blank before "? help". Every panel, and every tab of an image's details.
source "$top_srcdir/tests/ui/lib-images.sh"

title() { ui_screen | head -n1; }
status() { ui_screen | tail -n1; }
# The title and status lines of what is on screen, named $1: no dangling "·", a blank before
# "? help", no line wider than the terminal.
check_lines() {
	local what=$1 t s
	t=$(title | sed 's/ *$//')
	s=$(status)
	t_ok "$what: the title ends in no separator ('${t: -20}')" bash -c '[[ ! $1 =~ [·›]$ ]]' _ "$t"
	t_ok "$what: the status line ends in no separator" bash -c '[[ ! $1 =~ [·›][[:space:]]*\?\ help ]]' _ "$s"
	t_match "$what: a blank before '? help'" ' \? help *$' "$s"
	t_ok "$what: no line wider than $UI_COLS" test "$(ui_screen | LC_ALL=C.UTF-8 wc -L)" -le "$UI_COLS"
}
# Shows panel $1 (its key) and waits for its header ERE $2.
panel() {
	ui_keys "$1"
	[[ $1 == 2 ]] && { ui_wait_for '^Search:' 5 >/dev/null; ui_keys Escape; }
	ui_wait_for "$2" 15 >/dev/null
	sleep 0.3
}
every_view() {
	local size=$1
	panel 1 '^REPOSITORY'
	check_lines "$size Images"
	panel 2 ' budu @ [^ ]+  Search'
	check_lines "$size Search"
	panel 3 '^JOB '
	check_lines "$size Jobs"
	panel 4 '^CONTAINER ID'
	check_lines "$size Containers"
	panel 6 '^REGISTRY|^SERVER'
	check_lines "$size Registries"
	panel 7 '^ *(NAME|CONTEXT)'
	check_lines "$size Hosts"
	panel 8 '^TYPE|read .* ago'
	check_lines "$size Disk usage"
	panel 1 '^REPOSITORY'
	ui_keys g Enter
	ui_wait_for ' Tags \([0-9]+\)' 10 >/dev/null
	local tab
	for tab in Inspect History Tags Containers Files; do
		ui_wait_for "$tab: |layer 0|Reading the image" 10 >/dev/null
		check_lines "$size Details, $tab"
		ui_keys Tab
		sleep 0.5
	done
	ui_keys Escape
	ui_wait_for '^REPOSITORY' 5 >/dev/null
}

UI_COLS=160 UI_ROWS=45
ui_start
ui_wait_for 'images · ' 15 >/dev/null
t_match "160: the panels with their keys and names after the view's name" \
	'^ budu @ [^ ]+  Images  sort: created   1 Images  2 Search  3 Jobs  4 Containers  6 Registries  7 Hosts  8 Disk usage .* docker image ls *$' "$(title)"
t_match "160: the current one highlighted (tab-active: yellow, 43)" $'\e\\[([0-9]*;)*43m 1 Images ' "$(ui_screen_esc | head -n1)"
ui_keys 4
ui_wait_for '^CONTAINER ID' 10 >/dev/null
t_match "160: another panel, another tab highlighted" $'\e\\[([0-9]*;)*43m 4 Containers ' "$(ui_screen_esc | head -n1)"
every_view 160x45
ui_stop

UI_COLS=80 UI_ROWS=24
ui_start
ui_wait_for 'images · ' 15 >/dev/null
t_match "80: the keys alone, and the docker command" '^ budu @ [^ ]+  Images  sort: created   1  2  3  4  6  7  8 +docker image ls *$' "$(title)"
every_view 80x24
ui_stop

UI_COLS=60 UI_ROWS=15
ui_start
ui_wait_for 'images · ' 15 >/dev/null
t_match "60: the docker command before the tabs" '^ budu @ [^ ]+  Images  sort: created +docker image ls *$' "$(title)"
ui_keys 4
ui_wait_for '^CONTAINER ID' 10 >/dev/null
t_match "60: where there is room, the keys one blank apart" '^ budu @ [^ ]+  Containers  sort: created  1 2 3 4 6 7 8 *$' "$(title)"
every_view 60x15
ui_stop
