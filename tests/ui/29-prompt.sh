# shellcheck shell=bash
# The bottom-line prompts edit like readline: a prefill is selected so that typing replaces it
# (t on demo/used:1 then "v2" made tag "1v2" before), Left/Right, Home/End, Ctrl-A/E/W/K/U,
# Alt-B/F, Delete; Up/Down recall what was typed before in the same prompt; Tab completes local
# references.
source "$top_srcdir/tests/ui/lib-images.sh"
D=$RIG_DOCKER
used=$("$D" image inspect -f '{{.Id}}' demo/used:1)
id_of() { "$D" image inspect -f '{{.Id}}' "$1" 2>/dev/null; }
bb=$(id_of bb:1.0)
"$D" tag bb:1.0 moveme:1

UI_COLS=120 UI_ROWS=30
ui_start
ui_wait_for 'images · ' 15 >/dev/null
ui_keys /
ui_type "demo/used"
ui_keys Enter
ui_wait_for '^demo/used +1 ' 10 >/dev/null

ui_keys t
t_ok "t prefills the reference" ui_wait_for '^New tag for the image: demo/used:1' 5
ui_type "edited/one:1"
t_ok "typing replaces the prefill" ui_wait_for '^New tag for the image: edited/one:1 *$' 5
ui_keys Enter
t_ok "the tag is what was typed" bash -c "[[ \$('$D' image inspect -f '{{.Id}}' edited/one:1 2>/dev/null) == '$used' ]]"

ui_keys t
ui_wait_for '^New tag for the image: demo/used:1' 5 >/dev/null
ui_keys End BSpace
ui_type "2"
t_ok "End keeps the prefill to edit: Backspace, then 2" ui_wait_for '^New tag for the image: demo/used:2 *$' 5
ui_keys Enter
t_ok "demo/used:2 made" bash -c "[[ \$('$D' image inspect -f '{{.Id}}' demo/used:2 2>/dev/null) == '$used' ]]"

ui_keys t
ui_wait_for '^New tag for the image: demo/used:1' 5 >/dev/null
ui_keys Home Right Right Right Right Right C-k
t_ok "Home, Right x5, Ctrl-K: the text up to the cursor" ui_wait_for '^New tag for the image: demo/ *$' 5
ui_type "x"
ui_keys C-a
ui_type "e"
ui_keys C-e
ui_type ":3"
t_ok "Ctrl-A, Ctrl-E: typing at the start and at the end" ui_wait_for '^New tag for the image: edemo/x:3 *$' 5
ui_keys M-b
ui_type "y"
t_ok "Alt-B: a word back" ui_wait_for '^New tag for the image: edemo/x:y3 *$' 5
ui_keys C-a M-f Delete
t_ok "Alt-F, then Delete removes the character under the cursor" ui_wait_for '^New tag for the image: edemox:y3 *$' 5
ui_keys C-e C-w
t_ok "Ctrl-W: back to the blank before (none: all)" ui_wait_for '^New tag for the image: *$' 5
ui_type "demo/x"
ui_keys Enter
t_ok "demo/x made" bash -c "[[ \$('$D' image inspect -f '{{.Id}}' demo/x:latest 2>/dev/null) == '$used' ]]"

ui_keys t
ui_wait_for '^New tag for the image: demo/used:1' 5 >/dev/null
ui_keys Up
t_ok "Up: the last line typed in this prompt" ui_wait_for '^New tag for the image: demo/x *$' 5
ui_keys Up
t_ok "Up again: the one before" ui_wait_for '^New tag for the image: demo/used:2 *$' 5
ui_keys Down Down
t_ok "Down, Down: back to the line being typed" ui_wait_for '^New tag for the image: demo/used:1 *$' 5

ui_keys C-u
ui_type "demo/us"
ui_keys Tab
t_ok "Tab: the prefix the local references share" ui_wait_for '^New tag for the image: demo/used: *$' 5
ui_keys Tab
t_ok "Tab again: what it could be" ui_wait_for '^New tag for the image: demo/used: +2 matches: demo/used:[12] demo/used:[12]' 5
ui_type "2"
ui_keys Tab
t_ok "one match: the whole reference" ui_wait_for '^New tag for the image: demo/used:2 *$' 5
ui_keys C-u
ui_type "zzz"
ui_keys Tab
t_ok "no match: says so" ui_wait_for '^New tag for the image: zzz +no local image matches' 5
ui_keys Escape
t_ok "Esc closes the prompt" ui_wait_gone '^New tag for the image' 5

# a tag that names another image is moved only after saying so
ui_keys t
ui_type "moveme:1"
ui_keys Enter
t_ok "t to a tag another image has: a confirmation" ui_wait_for 'Move the tag\?' 5
t_ok "... with the command" ui_wait_for "docker tag ${used:7:12} moveme:1" 5
t_ok "... and the image it leaves" ui_wait_for "moveme:1 names ${bb:7:12} now; it will name ${used:7:12} instead" 5
ui_keys n
ui_wait_gone 'Move the tag\?' 5 >/dev/null
t_eq "n: the tag stays where it was" "$bb" "$(id_of moveme:1)"
ui_keys t
ui_type "moveme:1"
ui_keys Enter
ui_wait_for 'Move the tag\?' 5 >/dev/null
ui_keys y
t_ok "y: the tag moves" bash -c "for i in \$(seq 50); do [[ \$('$D' image inspect -f '{{.Id}}' moveme:1) == '$used' ]] && exit 0; sleep 0.1; done; exit 1"

ui_stop
"$D" rmi edited/one:1 demo/used:2 demo/x:latest moveme:1 >/dev/null 2>&1
t_eq "the tags made here are gone" "" "$(id_of edited/one:1)$(id_of demo/used:2)$(id_of demo/x:latest)$(id_of moveme:1)"
