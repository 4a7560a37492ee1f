# shellcheck shell=bash
# The Containers panel (4, or C): rows as `docker container ls -a` prints them, live from
# events, a and T; a container's view with its logs (stdout and stderr apart, as docker logs
# splits them), inspect, top, diff and ports; Images → c jumps to an image's containers.
source "$top_srcdir/tests/ui/lib-images.sh"

D=$RIG_DOCKER
cleanup_containers() { "$D" rm -f c-run c-exit c-tty c-paused c-evil >/dev/null 2>&1; }
cleanup_containers
"$D" run -d --network none --name c-run bb:1.0 \
	sh -c 'i=0; while :; do i=$((i+1)); echo "out-$i"; echo "err-$i" >&2; sleep 1; done' >/dev/null
"$D" run --network none --name c-exit bb:1.0 sh -c 'echo bye; exit 3' >/dev/null 2>&1
"$D" run -dt --network none --name c-tty bb:1.0 sh -c 'echo tty-line; mkdir /made; sleep 600' >/dev/null
"$D" run -d --network none --name c-paused bb:1.0 sleep 600 >/dev/null
"$D" pause c-paused >/dev/null
# A command with an escape sequence (names are restricted to [a-zA-Z0-9_.-]).
"$D" create --network none --name c-evil bb:1.0 sh -c $'printf "\e]2;pwned\a"' >/dev/null

# The rows as docker prints them: ID, image, names and the status's first word.
docker_ps() { "$D" container ls "$@" --format '{{.ID}}\t{{.Image}}\t{{.Names}}\t{{.Status}}' |
	awk -F'\t' '{ split($4, s, " "); print $1 "\t" $2 "\t" $3 "\t" s[1] }' | sort; }
# From the screen: cells 1 (ID), 2 (IMAGE), last (NAMES) and the STATUS's first word.
screen_ps() { ui_rows | awk -F'\t' 'NR > 0 { split($(NF - 1), s, " "); print $1 "\t" $2 "\t" $NF "\t" s[1] }' | sort; }

UI_COLS=200 UI_ROWS=40
ui_start
ui_wait_for 'images · ' 15 >/dev/null
ui_keys 4
t_ok "4 opens the Containers panel" ui_wait_for '^CONTAINER ID +IMAGE +COMMAND +CREATED +STATUS +PORTS +NAMES'
t_ok "its title shows the equivalent command" ui_wait_for 'docker container ls -a *$'
t_ok "the status line counts containers" ui_wait_for '[0-9]+ containers · [0-9]+ running'
t_eq "rows equal docker container ls -a (ID, image, names, state)" "$(docker_ps -a)" "$(screen_ps)"
t_match "the paused one says so" 'c-paused' "$(ui_screen | grep -E 'Up .*\(Paused\)')"
t_match "the exited one shows its code" 'c-exit' "$(ui_screen | grep -F 'Exited (3)')"
t_match "the command's escape byte is drawn as docker quotes it" 'c-evil' "$(ui_screen | grep -F '\x1b]')"

ui_keys a
t_ok "a: running ones only (docker container ls)" ui_wait_for 'docker container ls *$'
sleep 0.3
t_eq "a: rows equal docker container ls" "$(docker_ps)" "$(screen_ps)"
ui_keys a
ui_wait_for 'docker container ls -a *$' >/dev/null

ui_keys T
t_ok "T: full IDs (--no-trunc)" ui_wait_for 'docker container ls -a --no-trunc *$'
t_match "T: the full ID of c-run shows" "$("$D" inspect -f '{{.Id}}' c-run)" "$(ui_screen)"
screen=$(ui_screen_esc)
t_ok "T: the whole hostile command is drawn escaped" grep -qF '\x1b]2;pwned\a' <<<"$(ui_screen)"
t_ok "and its escape sequence never reaches the terminal" bash -c '! grep -qF $'"'"'\e]2;pwned'"'"' <<<"$1"' _ "$screen"
ui_keys T

# Live: a container started elsewhere appears, one removed elsewhere goes.
"$D" run -d --network none --name c-late bb:1.0 sleep 600 >/dev/null
t_ok "a container started elsewhere appears (events)" ui_wait_for ' c-late *$' 10
"$D" rm -f c-late >/dev/null
t_ok "and goes when removed elsewhere" ui_wait_gone ' c-late *$' 10

# Filter to c-run and open it: its logs, stdout and stderr apart.
ui_keys /
ui_type c-run
ui_keys Enter
t_ok "the filter keeps c-run" ui_wait_for ' c-run *$'
ui_keys Enter
t_ok "Enter opens the container's view" ui_wait_for '^ budu  Containers › c-run \([0-9a-f]{12}\)'
t_ok "the logs show stdout lines" ui_wait_for '^ out-[0-9]+' 10
t_ok "and stderr lines, marked" ui_wait_for '^!err-[0-9]+' 10
t_ok "the title shows the docker logs command" ui_wait_for 'docker logs -f --tail 500 [0-9a-f]{12} *$'
t_ok "the status line says it follows" ui_wait_for 'following'
out_n=$(ui_screen | grep -cE '^ out-[0-9]+$')
t_ok "as many stdout lines as stderr lines (one each per second)" test "$out_n" -ge 1
got=$(ui_screen | grep -E '^ out-[0-9]+$' | head -n1 | sed 's/^ //')
t_ok "a line budu shows is one docker logs prints on stdout" bash -c "'$D' logs c-run 2>/dev/null | grep -qx '$got'"
ui_keys Up
t_ok "Up pauses following" ui_wait_for 'paused: End follows'
ui_keys End
t_ok "End follows again" ui_wait_for 'following'

ui_keys i
t_ok "i: the Inspect tab" ui_wait_for 'docker container inspect [0-9a-f]{12} *$'
t_ok "the inspect tree shows the name" ui_wait_for 'Name: "/c-run"'
ui_keys T
t_ok "T: the Top tab lists its processes" ui_wait_for 'while :'
ui_keys P
t_ok "P: the Ports tab says none is published" ui_wait_for 'No port is exposed or published'
ui_keys Escape
t_ok "Esc goes back to the list" ui_wait_for '^CONTAINER ID'
ui_keys Escape
ui_wait_gone 'rows match' >/dev/null

# The TTY container: raw logs; its diff shows the directory it made.
ui_keys /
ui_type c-tty
ui_keys Enter
ui_wait_for ' c-tty *$' >/dev/null
ui_keys Enter
t_ok "a TTY container's logs read raw" ui_wait_for '^ tty-line' 10
ui_keys D
t_ok "D: the Diff tab shows what it added" ui_wait_for '^A /made'
ui_keys Escape Escape
ui_wait_gone 'rows match' >/dev/null

# From the Images panel: c shows the containers of the selected image.
ui_keys 1
ui_wait_for '^REPOSITORY' >/dev/null
ui_keys /
ui_type 'demo/used'
ui_keys Enter
ui_wait_for '^demo/used +1 ' >/dev/null
ui_keys c
t_ok "c on an image jumps to its containers" ui_wait_for 'docker container ls -a --filter ancestor=demo/used:1 *$'
t_eq "only that image's containers" "rig-exited" "$(ui_rows | awk -F'\t' '{ print $NF }')"
ui_keys Escape
t_ok "Esc drops the image filter" ui_wait_for ' c-run *$'

UI_QUIT_KEYS="q"
ui_stop
cleanup_containers
