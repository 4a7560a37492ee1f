# shellcheck shell=bash
# Views: what Esc and the panel keys come back to, where keys go while a prompt is open, what
# the help and the status line speak of on each view, and q while the engine stalls.
#   1. Esc goes back to the view you came from: Details -> 3 (Jobs) -> Esc shows Details again;
#      Details -> 2 (Search) -> Esc Esc too; 1 shows the Images panel with its Details still on
#      it; at the Images root Esc clears the filter first.
#   2. Up/Down on the Search panel's open prompt do not move the hidden Images list.
#   3. ? lists the keys of the view on screen under its heading, then the generic ones under
#      "General".
#   4. The Search panel's status line counts its results, not images; R runs the search again.
#   5. q quits at once while an answer of the engine never comes (GET /containers/json held
#      back by tests/rig/slowproxy.c -s, between budu and the rig's engine).
source "$top_srcdir/tests/ui/lib-images.sh"
D=$RIG_DOCKER
# ui_stop's keys from wherever a test leaves budu: the Images panel, its list (Details closed,
# filter cleared), quit. (q on Details goes back, it does not quit.)
UI_QUIT_KEYS="1 Escape Escape q"

title() { ui_screen | head -n1; }
status_line() { ui_screen | tail -n1; }
status_has() { status_line | grep -qE -- "$1"; }
status_lacks() { ! status_line | grep -qE -- "$1"; }
# t_status DESC has|lacks ERE: the status line comes to match ERE (or not to) within 5 s.
t_status() {
	if until_ok 5 "status_$2" "$3"; then
		t_pass "$1"
	else
		t_fail "$1" "the status line ($2 /$3/ expected): $(status_line)"
	fi
}

# The image whose details the tests open: the only row the filter "demo/used" leaves.
used_id=$("$D" image inspect -f '{{.Id}}' demo/used:1)
used_id=${used_id#sha256:}
used_id=${used_id:0:12}
details_re="^ budu @ [^ ]+  Images › demo/used:1 \\($used_id\\)"
on_details() { ui__seen "$details_re" && ui__seen ' Inspect .* History \([0-9]+\) .* Tags \([0-9]+\)'; }
open_used() {
	ui_keys /
	ui_type demo/used
	ui_keys Enter
	ui_wait_for '^demo/used +1 ' 5 || return 1
	ui_keys Enter
	ui_wait_for "$details_re" 10 && until_ok 5 on_details
}
# A fresh budu on the Images panel.
fresh() {
	ui_start || return 1
	ui_wait_for 'images · ' 15 >/dev/null
}

# The cursor row of the Images list: its line on screen and its repository, tag and ID (the
# CREATED cell changes with time). The cursor row has the selection background (46).
selected() { ui_screen_esc | grep -n $'\e\\[\\([0-9]*;\\)*46m' | head -n1 | cut -d: -f1; }
selected_row() {
	local n
	n=$(selected)
	[[ -n $n ]] || return 1
	printf '%s %s\n' "$n" "$(ui_screen | sed -n "${n}p" | awk '{ print $1, $2, $3 }')"
}

# The help overlay's own text, row by row: each row with the help open ($2) without what it
# shares at the start (and, 4 characters or more, at the end) with the same row just before
# the help opened ($1). So rows read as the overlay draws them, whatever the view under it
# shows beside the box.
overlay_text() {
	perl -CSA -e '
		open(my $fa, "<:encoding(UTF-8)", $ARGV[0]) or die; open(my $fb, "<:encoding(UTF-8)", $ARGV[1]) or die;
		my @a = <$fa>; my @b = <$fb>;
		for my $i (0 .. $#b) {
			my ($x, $y) = ($a[$i] // "", $b[$i]); chomp $x; chomp $y;
			my $p = 0; $p++ while $p < length($x) && $p < length($y) && substr($x, $p, 1) eq substr($y, $p, 1);
			my $s = 0; $s++ while $s < length($x) - $p && $s < length($y) - $p && substr($x, -1 - $s, 1) eq substr($y, -1 - $s, 1);
			$s = 0 if $s < 4;	# a few equal last letters are chance, not the view beside the box
			print substr($y, $p, length($y) - $p - $s), "\n";
		}' "$1" "$2"
}
# A heading: a line of the overlay that is only WORD (box padding or border around it allowed).
heading_re() { printf '^ *(│ *)?%s *(│ *)?$' "$1"; }
# help_open: open the help over the current view; HELP_TEXT gets the overlay's rows.
help_open() {
	ui_screen >"$T_TMP/under.txt"
	ui_keys '?'
	t_ok "? opens the help ($1)" ui_wait_for 'Show this help' 5
	ui_screen >"$T_TMP/help.txt"
	HELP_TEXT=$(overlay_text "$T_TMP/under.txt" "$T_TMP/help.txt")
}
help_close() {
	ui_keys Escape
	ui_wait_gone 'Show this help' 5 >/dev/null
}

# =========================== 1. Esc goes back to where you came from =========================
UI_COLS=160 UI_ROWS=40
fresh
t_ok "Enter opens the details of demo/used:1 (title: Images › demo/used:1 ($used_id))" open_used
ui_keys 3
t_ok "3 over the details shows the Jobs panel" ui_wait_for '^ budu @ [^ ]+  Jobs' 5
ui_keys Escape
t_ok "Esc in the Jobs panel goes back to the Details it came from" until_ok 5 on_details
if ! on_details; then t_diag "$(ui_screen)"; fi

fresh
open_used >/dev/null
ui_keys 2
t_ok "2 over the details shows the Search panel with its prompt" ui_wait_for '^Search:' 5
ui_keys Escape
t_ok "Esc cancels the Search prompt" ui_wait_gone '^Search:' 5
t_match "and stays on the Search panel" '^ budu @ [^ ]+  Search' "$(title)"
ui_keys Escape
t_ok "Esc at the Search panel's root goes back to the Details it came from" until_ok 5 on_details

fresh
open_used >/dev/null
ui_keys 3
ui_wait_for '^ budu @ [^ ]+  Jobs' 5 >/dev/null
ui_keys 1
t_ok "3 then 1: the Images panel shows with its Details still open" until_ok 5 on_details
if ! on_details; then t_diag "$(ui_screen)"; fi

fresh
ui_keys /
ui_type bb
ui_keys Enter
t_ok "a filter is set on the Images panel" ui_wait_for 'rows match' 5
ui_keys Escape
t_ok "Esc at the Images root clears the filter first" ui_wait_gone 'rows match' 5
t_match "and stays on the Images panel" '^ budu @ [^ ]+  Images  sort:' "$(title)"
t_ok "budu keeps running" ui_alive

# =========================== 2. keys go to the prompt's view ==================================
fresh
before=$(selected_row)
t_match "the Images list has a cursor row" '^[0-9]+ [^ ]+ [^ ]+ [0-9a-f]{12}$' "$before"
ui_keys 2
ui_wait_for '^Search:' 5 >/dev/null
ui_keys Down Down
ui_keys Escape
ui_wait_gone '^Search:' 5 >/dev/null
ui_keys Escape
ui_wait_for '^REPOSITORY' 5 >/dev/null
t_eq "Down Down on the Search prompt leave the Images cursor where it was" "$before" "$(selected_row)"

# =========================== 3. help per view =================================================
UI_COLS=200 UI_ROWS=70
fresh
ui_keys 2
ui_wait_for '^Search:' 5 >/dev/null
ui_keys Escape
ui_wait_for '^ budu @ [^ ]+  Search' 5 >/dev/null
ui_wait_gone '^Search:' 5 >/dev/null
help_open "Search panel"
help_lacks() { ! grep -qF -- "$1" <<<"$HELP_TEXT"; }
t_ok "on the Search panel the help does not say Enter opens an image's details" help_lacks "image's details"
t_match "on the Search panel the help has a heading 'Search'" "$(heading_re Search)" "$HELP_TEXT"
t_match "on the Search panel the help has a heading 'General'" "$(heading_re General)" "$HELP_TEXT"
help_close
ui_keys 1
ui_wait_for '^REPOSITORY' 5 >/dev/null
# no rows (and so no CREATED cells that age between two captures) under the box
ui_keys /
ui_type zz-no-such-image
ui_keys Enter
ui_wait_for '0 of [0-9]+ rows match' 5 >/dev/null
help_open "Images panel"
t_match "on the Images panel the help has a heading 'Images'" "$(heading_re Images)" "$HELP_TEXT"
t_match "on the Images panel the help has a heading 'General'" "$(heading_re General)" "$HELP_TEXT"
t_match "on the Images panel the help says Enter opens the image's details" "Open the image's details" "$HELP_TEXT"
help_close
ui_keys Escape
ui_wait_gone 'rows match' 5 >/dev/null
open_used >/dev/null
help_open "Details, Inspect tab"
t_match "on the Details' Inspect tab the help lists Unfold the node" 'Unfold the node' "$HELP_TEXT"
help_close

# =========================== 4. status line and R on the Search panel ========================
if [[ -z ${RIG_INDEX:-} ]]; then
	t_fail "the rig runs a stand-in index (RIG_INDEX is set)"
else
	ilog=$RIG_DIR/index/log
	# search requests for TERM with limit N that the stand-in index answered
	index_asked() { grep -cF "GET /v1/search?q=$1&n=$2 " "$ilog"; }
	asked_more() { (($(index_asked "$1" "$2") > $3)); }
	nginx_n=$("$D" search "$RIG_INDEX/nginx" --format '{{.Name}}' | wc -l)

	UI_COLS=200 UI_ROWS=40
	fresh
	ui_keys 2
	ui_wait_for '^Search:' 5 >/dev/null
	ui_type "$RIG_INDEX/nginx"
	ui_keys Enter
	t_ok "a search shows results" ui_wait_for '^NAME +DESCRIPTION +STARS' 15
	t_status "the Search panel's status line counts the results: '$nginx_n results'" \
		has "(^| )$nginx_n results( |\$)"
	t_status "the Search panel's status line does not count images" lacks '[0-9]+ images?( |$)'
	ui_keys /
	ui_keys C-u
	ui_type "--limit 1 $RIG_INDEX/nginx"
	ui_keys Enter
	ui_wait_for 'docker search .*--limit 1' 15 >/dev/null
	ui_wait_for '^NAME +DESCRIPTION +STARS' 15 >/dev/null
	t_status "one result: '1 result'" has '(^| )1 result( |$)'
	asked=$(index_asked nginx 1)
	ui_keys R
	t_ok "R on the Search panel runs the search again (the index is asked again)" \
		until_ok 10 asked_more nginx 1 "$asked"
	ui_wait_for '^NAME +DESCRIPTION +STARS' 15 >/dev/null
	t_status "after R the status line still says '1 result'" has '(^| )1 result( |$)'
	ui_keys 1
	ui_wait_for '^REPOSITORY' 5 >/dev/null
	t_status "the Images panel's status line counts images" has '(^| )[0-9]+ images( |$)'
fi

# =========================== 5. q while the engine stalls =====================================
ui_stop
plog=$RIG_DIR/stall.log
proxy_stop() { rig_forwarder_stop stall; }
# exits_within SECS: budu has exited (its pane is dead) within SECS.
exits_within() {
	local end=$(($(date +%s%N) + $1 * 1000000000))
	while ui_alive; do
		(($(date +%s%N) < end)) || return 1
		sleep 0.1
	done
	return 0
}
held() { grep -q '^hold [0-9]*$' "$plog"; }
failed_before=$(t_failed)
# plain HTTP on 127.0.0.1:PORT to the engine's unix socket; no answer to /containers/json (the
# rig kills the proxy at teardown on every exit path, also when this file is killed)
if ! port=$(rig_forwarder_start stall "$RIG_SOCK" -s /containers/json); then
	t_fail "the stalling proxy listens" "$(cat "$plog" 2>/dev/null)"
else
	t_ok "the engine answers through the proxy" \
		curl -fsS --noproxy '*' --max-time 5 -o /dev/null "http://127.0.0.1:$port/_ping"
	UI_ENV=("DOCKER_HOST=tcp://127.0.0.1:$port")
	UI_COLS=120 UI_ROWS=30
	ui_start
	t_ok "budu starts on the Images panel through the proxy" ui_wait_for '^ budu @ [^ ]+  Images' 15
	t_ok "the proxy holds back the answer to budu's GET /containers/json" until_ok 20 held
	ui_keys q
	t_ok "q quits within 3 s while GET /containers/json gets no answer" exits_within 3
	if ui_alive; then
		# let the answer through (the proxy closes it) so that budu can end
		t_diag "budu still runs 3 s after q; stopping the proxy"
		proxy_stop
		exits_within 10 || true
	fi
	ui_stop
	UI_ENV=()
	proxy_stop
	if (($(t_failed) > failed_before)); then
		t_diag "--- stalling proxy log (last 20 lines) ---"
		t_diag "$(tail -n 20 "$plog" 2>/dev/null)"
	fi
fi
