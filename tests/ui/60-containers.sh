# shellcheck shell=bash
# The Containers panel (4, or C): rows as `docker container ls -a` prints them, live from
# events, a and T; a container's view with its logs (stdout and stderr apart, as docker logs
# splits them), inspect, top, diff and ports; Images → c jumps to an image's containers.
source "$top_srcdir/tests/ui/lib-images.sh"

D=$RIG_DOCKER
cleanup_containers() {
	"$D" rm -f -v c-run c-exit c-tty c-paused c-evil c-noisy c-health c-vol c-new c-cli c-pulled >/dev/null 2>&1
}
cleanup_containers
"$D" run -d --network none --name c-run bb:1.0 \
	sh -c 'i=0; while :; do i=$((i+1)); echo "out-$i"; echo "err-$i" >&2; sleep 1; done' >/dev/null
"$D" run --network none --name c-exit bb:1.0 sh -c 'echo bye; exit 3' >/dev/null 2>&1
"$D" run -dt --network none --name c-tty bb:1.0 sh -c 'echo tty-line; mkdir /made; sleep 600' >/dev/null
"$D" run -d --network none --name c-paused bb:1.0 sleep 600 >/dev/null
"$D" pause c-paused >/dev/null
# A command with an escape sequence (names are restricted to [a-zA-Z0-9_.-]).
"$D" create --network none --name c-evil bb:1.0 sh -c $'printf "\e]2;pwned\a"' >/dev/null
# Log lines with an escape sequence and Korean text.
"$D" run -d --network none --name c-noisy bb:1.0 sh -c $'printf "title\e]2;pwned\a end\n\xea\xb0\x80\xeb\x82\x98 wide\n"; sleep 600' >/dev/null

# An anonymous volume, for rm -v.
"$D" create --network none --name c-vol -v /data bb:1.0 true >/dev/null
vol=$("$D" inspect -f '{{range .Mounts}}{{.Name}}{{end}}' c-vol)
# An image only the rig's registry has, for run to pull.
pull_ref=$RIG_REGISTRY/c-pull/bb:1
"$D" tag bb:1.0 "$pull_ref" && "$D" push "$pull_ref" >/dev/null && "$D" rmi "$pull_ref" >/dev/null
t_ok "setup: $pull_ref is in the registry only" bash -c "! '$D' image inspect '$pull_ref' >/dev/null 2>&1"

# The rows as docker prints them: ID, image, names and the status's first word.
docker_ps() { "$D" container ls "$@" --format '{{.ID}}\t{{.Image}}\t{{.Names}}\t{{.Status}}' |
	awk -F'\t' '{ split($4, s, " "); print $1 "\t" $2 "\t" $3 "\t" s[1] }' | sort; }
# From the screen: cells 1 (ID), 2 (IMAGE), last (NAMES) and the STATUS's first word.
screen_ps() { ui_rows | awk -F'\t' 'NR > 0 { split($(NF - 1), s, " "); print $1 "\t" $2 "\t" $NF "\t" s[1] }' | sort; }

UI_COLS=200 UI_ROWS=40
ui_start
ui_wait_for 'images · ' 15 >/dev/null
ui_keys 4
# (no container here publishes a port: PORTS, empty on every row, is not shown)
t_ok "4 opens the Containers panel" ui_wait_for '^CONTAINER ID +IMAGE +COMMAND +CREATED( ▼)? +STATUS +NAMES'
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
t_ok "T: the whole hostile command is drawn escaped" ui_wait_for '\\x1b\]2;pwned\\a'
t_ok "and its escape sequence never reaches the terminal" bash -c '! grep -qF $'"'"'\e]2;pwned'"'"' <<<"$1"' _ "$screen"
ui_keys T

# Live: a container started elsewhere appears, one removed elsewhere goes.
"$D" run -d --network none --name c-late bb:1.0 sleep 600 >/dev/null
t_ok "a container started elsewhere appears (events)" ui_wait_for ' c-late *$' 10
"$D" rm -f c-late >/dev/null
t_ok "and goes when removed elsewhere" ui_wait_gone ' c-late *$' 10
# health_status events: the STATUS says "(health: starting)", then "(healthy)", as docker ps.
"$D" run -d --network none --name c-health --health-cmd true --health-interval 1s bb:1.0 sleep 600 >/dev/null
t_ok "a health check's result shows live (health_status event)" ui_wait_for 'Up .*\(healthy\) .* c-health *$' 20
t_match "as docker ps says it" '\(healthy\)' "$("$D" ps --filter name=c-health --format '{{.Status}}')"

# Filter to c-run and open it: its logs, stdout and stderr apart.
ui_keys /
ui_type c-run
ui_keys Enter
t_ok "the filter keeps c-run" ui_wait_for ' c-run *$'
ui_keys Enter
t_ok "Enter opens the container's view" ui_wait_for '^ budu @ [^ ]+  Containers › c-run \([0-9a-f]{12}\)'
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
ui_keys t
t_ok "t: timestamps, as docker logs -t" ui_wait_for 'docker logs -f -t --tail 500 [0-9a-f]{12} *$'
t_ok "each line starts with the engine's RFC 3339 time" ui_wait_for '^ [0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z *out-[0-9]+' 10
ui_keys t
ui_wait_for 'docker logs -f --tail 500 [0-9a-f]{12} *$' >/dev/null
ui_keys m
t_ok "m: more lines (--tail 5000)" ui_wait_for 'docker logs -f --tail 5000 [0-9a-f]{12} *$'
ui_keys m m
t_ok "m twice more: all, then 500 again" ui_wait_for 'docker logs -f --tail 500 [0-9a-f]{12} *$'
ui_keys /
ui_type no-such-line-here
t_ok "/ searches the log as you type: a miss says so" ui_wait_for 'Search the log: no-such-line-here.*not found'
ui_keys Enter n
t_ok "and n, searching again" ui_wait_for 'Not found: no-such-line-here'
ui_keys / C-u
ui_type err-2
ui_keys Enter
t_ok "a match stops following, on its line" ui_wait_for 'paused: End follows'
t_match "the selected line is the match" 'err-2' "$(ui_screen_esc | grep -E $'\e\\[([0-9]*;)*46m' | head -n1)"
ui_keys End
ui_wait_for 'following' >/dev/null

ui_keys i
t_ok "i: the Inspect tab" ui_wait_for 'docker container inspect [0-9a-f]{12} *$'
t_ok "the inspect tree shows the name" ui_wait_for 'Name: "/c-run"'
# --format against the container's schema: the footer equals docker container inspect --format
footer_output() { ui_screen | awk -v t="--format '$1'" 'found { print; exit } index($0, t) { found = 1 }' | sed 's/^ //; s/ *$//'; }
for tpl in '{{.State.Status}}' '{{.Config.Cmd}}' '{{json .HostConfig.NetworkMode}}' '{{.RestartCount}}'; do
	ui_keys :
	ui_type "$tpl"
	ui_keys Enter
	ui_wait_for "--format '$(sed 's/[]\/$*.^?[(){}|+]/\\&/g' <<<"$tpl")'" 5 >/dev/null
	t_eq "--format '$tpl' shows what docker container inspect prints" \
		"$("$D" container inspect --format "$tpl" c-run)" "$(footer_output "$tpl")"
done
ui_keys T
t_ok "T: the Top tab lists its processes" ui_wait_for 'while :'
ui_keys S
t_ok "S: the Stats tab shows docker stats' columns" ui_wait_for 'CPU % +MEM USAGE / LIMIT +MEM % +NET I/O +BLOCK I/O +PIDS'
t_ok "with a live sample" ui_wait_for '^ [0-9]+\.[0-9]{2}% +[0-9.]+[KMG]?i?B / [0-9.]+[KMG]?i?B +[0-9]+\.[0-9]{2}%'
t_ok "and the title shows the command" ui_wait_for 'docker stats [0-9a-f]{12} *$'
ui_keys P
t_ok "P: the Ports tab says none is published" ui_wait_for 'No port is exposed or published'
ui_keys Escape
t_ok "Esc goes back to the list" ui_wait_for '^CONTAINER ID'
ui_keys Escape
ui_wait_gone 'rows match' >/dev/null

# Hostile log lines are drawn escaped; wide text is whole.
ui_keys / C-u
ui_type c-noisy
ui_keys Enter
ui_wait_for ' c-noisy *$' >/dev/null
ui_keys Enter
t_ok "a log line's escape sequence is drawn escaped" ui_wait_for '^ title\\e\]2;pwned\\x07 end' 10
screen=$(ui_screen_esc)
t_ok "and never reaches the terminal" bash -c '! grep -qF $'"'"'\e]2;pwned'"'"' <<<"$1"' _ "$screen"
t_ok "Korean log text shows whole" ui_wait_for '^ 가나 wide'
t_eq "the lines equal docker logs" "$("$D" logs c-noisy 2>&1 | wc -l) lines" "$(ui_screen | tail -n1 | grep -oE '[0-9]+ lines')"
ui_keys s
ui_type 1h
ui_keys Enter
t_ok "s takes --since" ui_wait_for 'docker logs -f --tail 500 --since 1h [0-9a-f]{12} *$'
ui_keys Escape Escape
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

# Lifecycle on c-run, each checked against docker inspect.
state() { "$D" inspect -f '{{.State.Status}}' "$1" 2>/dev/null; }
wait_state() { local n=50; while ((n-- > 0)); do [[ $(state "$1") == "$2" ]] && return 0; sleep 0.2; done; return 1; }
ui_keys /
ui_type c-run
ui_keys Enter
ui_wait_for ' c-run *$' >/dev/null
ui_keys p
t_ok "p pauses it" wait_state c-run paused
t_ok "and the row says so (events)" ui_wait_for 'Up .*\(Paused\) .* c-run *$' 10
ui_keys u
t_ok "u on a paused one: the engine's 409 said plainly" ui_wait_for 'c-run is paused: unpause it instead'
ui_keys p
t_ok "p again unpauses it" wait_state c-run running
ui_keys s
t_ok "s stops it" wait_state c-run exited
t_ok "the row shows it exited" ui_wait_for 'Exited \([0-9]+\) .* c-run *$' 15
ui_keys s
t_ok "s on a stopped one is a notice, not an error" ui_wait_for 'already stopped|is not running'
ui_keys e Enter
t_ok "e on a stopped one says so" ui_wait_for 'c-run is not running: start it first \(u\)' 10
ui_keys u
t_ok "u starts it again" wait_state c-run running
started=$("$D" inspect -f '{{.State.StartedAt}}' c-run)
ui_keys r
t_ok "r restarts it" bash -c "for i in \$(seq 50); do [ \"\$('$D' inspect -f '{{.State.StartedAt}}' c-run)\" != '$started' ] && exit 0; sleep 0.2; done; exit 1"
ui_keys K C-u
ui_type KILL
ui_keys Enter
t_ok "K sends the signal typed (KILL)" wait_state c-run exited
ui_keys u
wait_state c-run running
ui_keys m C-u
ui_type c-exit
ui_keys Enter
t_ok "m to a name in use: the engine's 409 said plainly" \
	ui_wait_for 'The name c-exit is already in use by another container' 10
ui_keys m C-u
ui_type c-ran
ui_keys Enter
t_ok "m renames it" bash -c "'$D' inspect -f '{{.Name}}' c-ran | grep -qx /c-ran"
t_ok "the row follows the rename" ui_wait_for ' c-ran *$' 10
ui_keys Escape
ui_wait_gone 'rows match' >/dev/null
ui_keys /
ui_type c-ran
ui_keys Enter
ui_wait_for ' c-ran *$' >/dev/null
ui_keys d
t_ok "d asks first, with the docker command" ui_wait_for 'docker container rm c-ran'
t_ok "a running one needs force" ui_wait_for 'needs force \(f\)'
ui_keys f
t_ok "f adds -f to the command" ui_wait_for 'docker container rm -f c-ran'
ui_keys y
t_ok "y removes it" bash -c "! '$D' inspect c-ran >/dev/null 2>&1 || sleep 2; ! '$D' inspect c-ran >/dev/null 2>&1"
t_ok "and its row goes" ui_wait_gone '^[0-9a-f]{12} .* c-ran *$' 10
ui_keys / C-u
ui_type c-vol
ui_keys Enter
ui_wait_for ' c-vol *$' >/dev/null
ui_keys d
ui_wait_for 'docker container rm c-vol' >/dev/null
ui_keys v
t_ok "v adds -v (its anonymous volumes) to the command" ui_wait_for 'docker container rm -v c-vol'
ui_keys y
t_ok "y removes it" bash -c "for i in \$(seq 30); do '$D' inspect c-vol >/dev/null 2>&1 || exit 0; sleep 0.3; done; exit 1"
t_ok "and its anonymous volume ($vol)" bash -c "[ -n '$vol' ] && ! '$D' volume inspect '$vol' >/dev/null 2>&1"
ui_keys Escape
ui_wait_gone 'rows match' >/dev/null

# Run from an image: what people type after docker run.
ui_keys 1
ui_wait_for '^REPOSITORY' >/dev/null
ui_keys / C-u
ui_type 'bb'
ui_keys Enter
ui_wait_for '^bb +1.0 ' >/dev/null
# Down to the bb 1.0 row, whatever else matches "bb" (IDs do).
for _ in $(seq 20); do
	ui_screen_esc | grep -E $'\e\\[([0-9]*;)*46m' | grep -qE 'bb +1\.0 ' && break
	ui_keys j
	sleep 0.1
done
ui_keys r
t_ok "r on an image opens the docker run prompt with it" ui_wait_for '^docker run -d bb:1.0'
ui_keys C-u
# (the rig's engine has no bridge network: the ports are asked for, never published)
ui_type '-d --network none --name c-new -p 8080:80 -p 9000-9001:9000-9001/udp -e GREETING=hi -l role=test bb:1.0 sleep 600'
ui_keys Enter
t_ok "the container runs" wait_state c-new running
"$D" create --network none --name c-cli -p 8080:80 -p 9000-9001:9000-9001/udp bb:1.0 sleep 600 >/dev/null
ports_of() { "$D" inspect -f '{{json .HostConfig.PortBindings}} {{json .Config.ExposedPorts}}' "$1"; }
t_eq "its ports are what docker run's would be (PortBindings, ExposedPorts)" "$(ports_of c-cli)" "$(ports_of c-new)"
"$D" rm -f c-cli >/dev/null 2>&1
t_eq "with the environment asked" "GREETING=hi" "$("$D" inspect -f '{{range .Config.Env}}{{println .}}{{end}}' c-new | grep GREETING)"
t_eq "and the label" "test" "$("$D" inspect -f '{{index .Config.Labels "role"}}' c-new)"
ui_keys C
# The selected row is the one drawn with the selection background (46).
selected_is() {
	local n=50
	while ((n-- > 0)); do
		ui_screen_esc | grep -E $'\e\\[([0-9]*;)*46m' | grep -q "$1" && return 0
		sleep 0.2
	done
	return 1
}
t_ok "C shows it, selected, in the Containers panel" selected_is c-new
# An image that is not here: pulled first (a job with its progress), then created and started.
ui_keys 1 r C-u
ui_type "-d --network none --name c-pulled $pull_ref sleep 600"
ui_keys Enter
t_ok "run pulls a missing image first, then starts it" bash -c "for i in \$(seq 100); do [ \"\$('$D' inspect -f '{{.State.Status}}' c-pulled 2>/dev/null)\" = running ] && exit 0; sleep 0.3; done; exit 1"
t_ok "the image is here now" "$D" image inspect "$pull_ref"
t_ok "and the status line says it started" ui_wait_for "Started c-pulled \\([0-9a-f]{12}\\)" 10
ui_keys 1 r C-u
ui_type '--bogus bb:1.0'
ui_keys Enter
t_ok "a bad option is refused before anything is sent" ui_wait_for 'unknown (flag|option).*--bogus'
ui_keys Escape

# e: a shell in c-tty with the terminal handed over; a resize follows; the exit code comes back.
ui_keys 4
ui_wait_for '^CONTAINER ID' >/dev/null
ui_keys / C-u
ui_type c-tty
ui_keys Enter
ui_wait_for ' c-tty *$' >/dev/null
ui_keys e
t_ok "e asks what to run, sh by default" ui_wait_for '^docker exec -it c-tty sh'
ui_keys Enter
t_ok "the terminal is handed over, the detach keys said" ui_wait_for 'budu: sh in c-tty\. exit ends it; Ctrl-P Ctrl-Q detaches' 10
ui_type 'echo hi-from-$((40+2)); stty size'
ui_keys Enter
t_ok "the shell runs in the container" ui_wait_for '^hi-from-42' 10
t_ok "with the window's size" ui_wait_for '^40 200 *$' 10
ui_resize 150 35
sleep 1
ui_type 'stty size'
ui_keys Enter
t_ok "a resize follows" ui_wait_for '^35 150 *$' 10
ui_type 'exit 3'
ui_keys Enter
t_ok "back in budu, the exit code is shown" ui_wait_for 'sh in c-tty ended: exit code 3' 10
t_ok "and the list is drawn again" ui_wait_for '^CONTAINER ID'
ui_resize 200 40
ui_keys e C-u
ui_type 'nosuchcmd'
ui_keys Enter
t_ok "a missing command says so" ui_wait_for 'c-tty has no nosuchcmd \(exit code 12[67]\)' 10
ui_keys A
t_ok "A shows the detach keys before handing over" ui_wait_for 'attached to c-tty\. Ctrl-P Ctrl-Q detaches' 10
ui_keys C-p C-q
t_ok "Ctrl-P Ctrl-Q detaches, and it keeps running" ui_wait_for 'Detached from c-tty' 10
t_eq "c-tty still runs" "running" "$(state c-tty)"
ui_keys Escape
ui_wait_gone 'rows match' >/dev/null

# Commit: the container into an image, with a --change.
ui_keys / C-u
ui_type c-tty
ui_keys Enter
ui_wait_for ' c-tty *$' >/dev/null
ui_keys c
t_ok "c asks for docker commit's options" ui_wait_for '^docker commit c-tty'
ui_type '-m "from budu" -c "CMD [\"echo\", \"committed\"]" demo/committed:1'
ui_keys Enter
t_ok "the status line says it is done" ui_wait_for 'Committed [0-9a-f]{12} as demo/committed:1' 15
t_ok "the image is made" bash -c "for i in \$(seq 30); do '$D' image inspect demo/committed:1 >/dev/null 2>&1 && exit 0; sleep 0.3; done; exit 1"
t_eq "with the --change CMD set" '[echo committed]' "$("$D" image inspect -f '{{.Config.Cmd}}' demo/committed:1)"
t_eq "and the message" 'from budu' "$("$D" image inspect -f '{{.Comment}}' demo/committed:1)"
ui_keys 1
ui_wait_for '^REPOSITORY' >/dev/null
ui_keys Escape	# the filter from the run test
t_ok "it shows in the Images panel (events)" ui_wait_for '^demo/committed +1 ' 10
"$D" rmi demo/committed:1 >/dev/null 2>&1
ui_keys 4 Escape
ui_wait_gone 'rows match' >/dev/null

# Container prune: the preview equals what the engine removes.
ui_keys 4
ui_wait_for '^CONTAINER ID' >/dev/null
ui_keys P
t_ok "P previews docker container prune" ui_wait_for 'docker container prune'
want=$("$D" ps -a --filter status=exited --filter status=created --format '{{.Names}}' | sort)
got=$(ui_screen | grep -oE '^ *│? +[0-9a-f]{12} +[^ ]+' | awk '{ print $NF }' | sort)
t_eq "the preview lists the stopped containers" "$want" "$got"
ui_keys y
t_ok "y prunes them" bash -c "sleep 1; for i in 1 2 3 4 5 6 7 8 9 10; do [ -z \"\$('$D' ps -a --filter status=exited -q)\" ] && exit 0; sleep 0.5; done; exit 1"
t_ok "the status line says how much went" ui_wait_for 'Removed [0-9]+ containers; reclaimed' 10

UI_QUIT_KEYS="q"
ui_stop
cleanup_containers
"$D" rm -f c-new >/dev/null 2>&1
