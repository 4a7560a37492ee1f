# shellcheck shell=bash
# Enter opens an image's details: Inspect (a foldable tree with --format look-up), History,
# Tags and Containers; Esc comes back to the list as it was.
source "$top_srcdir/tests/ui/lib-images.sh"
D=$RIG_DOCKER

# Opens the details of REPO:TAG from the list (filter to it, Enter).
open_image() {
	ui_keys /
	ui_type "$1"
	ui_keys Enter
	ui_wait_for "^${1//./\\.} " 5 >/dev/null || return 1
	# Other repositories may match too (127.0.0.1:PORT/demo/app): go to the row named $1.
	local line
	line=$(ui_screen | grep -n -m1 -E "^${1//./\\.} " | cut -d: -f1)
	for ((i = 3; i < line; i++)); do ui_keys j; done
	ui_keys Enter
	ui_wait_for ' Inspect .* History \([0-9]+\) .* Tags \([0-9]+\) .* Containers \([0-9]+\)' 10
}

# The footer's output line: the line after "--format '<t>'".
footer_output() { ui_screen | awk -v t="--format '$1'" 'found { print; exit } index($0, t) { found = 1 }' | sed 's/^ //; s/ *$//'; }

UI_COLS=160 UI_ROWS=45
ui_start
ui_wait_for 'images · ' 15 >/dev/null
t_ok "Enter opens the details with four tabs" open_image demo/app
t_match "the title names the image" '^ budu @ [^ ]+  Images › demo/app:1 \([0-9a-f]{12}\)' "$(ui_screen | head -n1)"
ntags=$("$D" image inspect -f '{{len .RepoTags}}' demo/app:1)
t_match "Tags (N) counts the tags, not the digests ($ntags; $("$D" image inspect -f '{{len .RepoDigests}}' demo/app:1) digests)" \
	" Tags \($ntags\) " "$(ui_screen | sed -n 2p)"
t_match "Inspect shows the top-level keys folded with their counts" '^ +[^ ]+ Config: \{[0-9]+\}' "$(ui_screen)"
t_match "Inspect shows scalars with their JSON value" '^ +Architecture: "amd64"' "$(ui_screen)"

# Unfold Config and find Cmd.
ui_keys :
ui_type ".Config"
ui_keys Enter
ui_keys Enter
t_ok "unfolding Config shows .Config.Cmd" ui_wait_for '^ +[^ ]+ Cmd: \[[0-9]+\]'

# --format templates: the footer equals docker image inspect --format on the same image.
for tpl in '.Os' '{{.Architecture}}' '{{.Config.Cmd}}' '{{ .Config.Cmd }}' '{{json .Config.Labels}}' \
	'{{.RepoTags}}' '{{index .Config.Labels "maintainer"}}' '{{.Config.Env}}' '{{.Config.ExposedPorts}}' \
	'{{len .RootFS.Layers}}' '{{.Size}}' '{{json .Config.Cmd}}' '{{.Config.Labels}}' '{{.Id}}' \
	'{{index .RepoTags 0}}' '{{.GraphDriver.Name}}'; do
	ui_keys :
	ui_type "$tpl"
	ui_keys Enter
	# a bare path is labelled as the template it is evaluated as
	label=$( [[ $tpl == \{\{* ]] && printf '%s' "$tpl" || printf '{{%s}}' "$tpl")
	want=$("$D" image inspect --format "$label" demo/app:1)
	ui_wait_for "--format '$(sed 's/[]\/$*.^?[(){}|+]/\\&/g' <<<"$label")'" 5 >/dev/null
	t_eq "--format '$tpl' shows what docker image inspect prints" "$want" "$(footer_output "$label")"
done

# println: its output's newline ends the output ("\n" was drawn); a multi-line result keeps its lines
ui_keys :
ui_type '{{println .Os}}{{.Architecture}}'
ui_keys Enter
t_eq "println: the lines docker prints" "$("$D" image inspect --format '{{println .Os}}{{.Architecture}}' demo/app:1 | head -n 1)" \
	"$(footer_output '{{println .Os}}{{.Architecture}}')"
no_literal_nl() { ! ui_screen | grep -qF 'linux\n'; }
t_ok "... no \\n drawn" no_literal_nl
# a node's footer names a command and shows what it prints (a string without JSON quotes)
ui_keys :
ui_type '{{.Architecture}}'
ui_keys Enter
ui_wait_for "--format '\{\{\.Architecture\}\}'" 5 >/dev/null
for key in j j k; do
	ui_keys "$key"
	sleep 0.2
	tpl=$(ui_screen | sed -n "s/^ --format '\(.*\)' *$/\1/p" | tail -n 1)
	t_eq "the footer of the node under the cursor prints what docker does: $tpl" \
		"$("$D" image inspect --format "$tpl" demo/app:1)" "$(footer_output "$tpl")"
done

ui_keys :
ui_type ".Config.Nope"
ui_keys Enter
t_ok "a path that does not exist says so" ui_wait_for 'no such path|Nope'
ui_keys Escape

# Search unfolds what it must.
ui_keys C
ui_keys /
ui_type "APP_MODE"
ui_keys Enter
t_ok "/ finds a value inside a folded node and unfolds it" ui_wait_for '"APP_MODE=demo"'

# y copies the value with OSC 52 (tmux keeps it as a paste buffer).
ui_keys :
ui_type ".Config.Cmd"
ui_keys Enter
ui_keys y
t_ok "y says what it copied" ui_wait_for 'Copied the value to the clipboard'
t_eq "y puts the value's JSON on the clipboard" "$("$D" image inspect --format '{{json .Config.Cmd}}' demo/app:1)" \
	"$(ui__tmux show-buffer 2>/dev/null)"
ui_keys Y
ui_wait_for 'Copied the path' 5 >/dev/null
t_eq "Y puts the path on the clipboard" "{{.Config.Cmd}}" "$(ui__tmux show-buffer 2>/dev/null)"

# History: rows and sizes as docker image history prints them.
ui_keys h
t_ok "h shows the history tab" ui_wait_for '^IMAGE +CREATED +CREATED BY +SIZE'
# docker and the screen are read a moment apart: at a minute's turn an age can differ by one,
# so read both again (a few times, a second apart) until they agree
# (cells compared, not columns: budu's CREATED is as wide as the oldest age a row can grow into)
cells_of() { sed 's/ *$//; s/[0-9]* seconds ago/SECONDS/; s/   */\t/g'; }
for _ in 1 2 3 4 5; do
	docker_hist=$("$D" image history demo/app:1)
	cut_at=$(head -n1 <<<"$docker_hist" | awk '{ print index($0, "COMMENT") - 1 }')
	want=$(tail -n +2 <<<"$docker_hist" | cut -c1-"$cut_at" | cells_of)
	screen=$(ui_screen)
	# budu's own columns after SIZE (the bar, TOTAL) are not docker's
	ui_cut=$(awk '/^IMAGE +CREATED/ { i = index($0, "SIZE"); rest = substr($0, i + 4); n = match(rest, /[^ ]/)
		print (n ? i + 4 + n - 2 : length($0) + 1); exit }' <<<"$screen")
	got=$(awk '/^IMAGE +CREATED/ { on = 1; next } on && /^ *$/ { exit } on' <<<"$screen" | head -n "$(wc -l <<<"$want")" |
		cut -c1-"$ui_cut" | cells_of | sed 's/\t[█▉▊▋▌▍▎▏]*$//')
	[[ $want == "$got" ]] && break
	sleep 1
done
t_eq "history rows equal docker image history (image, created, created by, size)" "$want" "$got"
t_match "the footer shows the step's Dockerfile instruction" '^ (CMD|RUN|LABEL|EXPOSE|ENV|COPY) ' "$(ui_screen)"
ui_keys T
t_ok "T shows CREATED BY uncut" ui_wait_for 'dd if=/dev/zero of=/srv/blob bs=1024 count=512 2>/dev/null && echo built'
ui_keys e
empty=$("$D" image history --format '{{.Size}}' demo/app:1 | grep -c '^0B$')
t_eq "e hides the empty layers" "$(( $(wc -l <<<"$want") - empty ))" \
	"$(ui_screen | awk '/^IMAGE +CREATED/ { on = 1; next } on && /^ *$/ { exit } on && /[0-9]/' | grep -c -E '^(<missing>|[0-9a-f]{12}) ')"
ui_keys e

ui_keys t
t_ok "t shows the tags" ui_wait_for "^tag +demo/app:1"
t_match "the tags tab lists the registry digest" "^digest +$RIG_REGISTRY/demo/app@sha256:" "$(ui_screen)"
ui_keys Escape
t_ok "Esc goes back to the list" ui_wait_for '^REPOSITORY +TAG'
t_match "the filter is kept" 'rows match' "$(ui_screen | tail -n1)"
ui_keys Escape

# The stopped container shows in the Containers tab, and the list marks the image in use.
# The tab is the session's container list, kept current by events (issue 13: over ssh:// a
# request is a process on the far side): opening it reads no /containers/json (the engine's
# debug log names every request), and a container made while it is open shows in it.
t_ok "the list marks the image used by a container" ui_wait_for '^demo/used +1 .* 1$' 
LOG=$RIG_DIR/dockerd.log
dockerd_pid=$(tr -dc 0-9 <"$RIG_DIR/dockerd.pid")
echo '{"debug": true}' >"$RIG_DIR/daemon.json"
kill -HUP "$dockerd_pid"
sleep 0.5
from=$(($(stat -c %s "$LOG") + 1))
open_image demo/used >/dev/null
ui_keys c
t_ok "the Containers tab lists the stopped container" ui_wait_for '^[0-9a-f]{12} +rig-exited +exited +Exited'
t_eq "opening the details read no container list (engine's log)" 0 \
	"$(tail -c +"$from" "$LOG" | grep -E 'Calling GET /v[0-9.]+/containers/json' | grep -vc filters)"
"$D" create --network none --name rig-details-live demo/used:1 true >/dev/null
t_ok "a container made while the tab is open shows in it" ui_wait_for '^[0-9a-f]{12} +rig-details-live +created +Created'
"$D" rm rig-details-live >/dev/null
echo '{}' >"$RIG_DIR/daemon.json"
kill -HUP "$dockerd_pid"
ui_keys q
ui_wait_for '^REPOSITORY' 5 >/dev/null
ui_keys Escape

# Hostile and wide labels.
title_before=$(ui__tmux display-message -p '#{pane_title}')
open_image demo/evil >/dev/null
ui_keys :
ui_type '.Config.Labels'
ui_keys Enter Enter
t_ok "an escape sequence in a label is shown escaped" ui_wait_for 'evil: "\\u001b\]0;pwned\\u0007\\u001b\[2J"'
t_eq "the terminal title is untouched" "$title_before" "$(ui__tmux display-message -p '#{pane_title}')"
t_match "the screen was not cleared by the label" '^ budu @ [^ ]+  Images › demo/evil:1' "$(ui_screen | head -n1)"
ui_keys q
ui_wait_for '^REPOSITORY' 5 >/dev/null
ui_keys Escape
open_image demo/hangul >/dev/null
ui_keys :
ui_type '{{index .Config.Labels "desc"}}'
ui_keys Enter
t_eq "a Korean label shows whole in the footer" "$RIG_LABEL_HANGUL" "$(footer_output '{{index .Config.Labels "desc"}}')"
t_match "a Korean label aligns in the tree" '^ +desc: "한국어 설명"$' "$(ui_screen)"
# / in Inspect says where the match is among all of them, and when there is none
labels=$("$D" image inspect demo/hangul:1 | jq '[.[0] | .. | objects | keys[] | select(ascii_downcase | contains("labels"))] | length')
ui_keys /
ui_type "labels"
ui_keys Enter
t_ok "Enter: which match of how many" ui_wait_for "1 of $labels match" 5
ui_keys n
t_ok "n: the next one" ui_wait_for "2 of $labels match" 5
ui_keys /
ui_type "zzz-nothing"
ui_keys Enter
t_ok "no match: Not found" ui_wait_for 'Not found: zzz-nothing' 5
ui_keys q
t_ok "q in the details goes back to the list (and q there quits)" ui_wait_for '^REPOSITORY'
ui_stop
