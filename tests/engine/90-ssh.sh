# shellcheck shell=bash
# ssh:// engines and docker contexts (issue 13). An sshd of the rig's (rig_sshd_start) on
# 127.0.0.1 whose `docker` reaches this engine: budu over ssh:// shows the same rows as over the
# socket, over one master connection (one login for every request of a session), and says what
# failed when something does (a wrong key, an unknown host key, no docker there, no access to
# the engine's socket there). Contexts made with /usr/bin/docker context create (socket,
# tcp+TLS, ssh) win or lose as the CLI decides.
source "$top_srcdir/tests/ui/lib.sh"
source "$top_srcdir/tests/ui/lib-images.sh"

probe=${HOST_PROBE:-$top_builddir/tests/engine/host_probe}
if ! rig_sshd_start 2>"$T_TMP/sshd.err"; then
	t_fail "the rig's sshd starts" "$(cat "$T_TMP/sshd.err")"
	return 0 2>/dev/null || exit 0
fi
t_pass "the rig's sshd listens on $RIG_SSH_HOST"
export PATH=$RIG_SSH_BIN:$PATH
export RIG_SSH_CONFIG
SSH=$RIG_SSH_HOST

logins() { grep -c 'Accepted publickey' "$RIG_SSH_LOG"; }
# ssh processes of budu's transports (their ControlPath is in a budu-ssh.* directory)
transport_procs() { pgrep -f 'ControlPath=[^ ]*/budu-ssh\.' || true; }
transport_dirs() { find "${TMPDIR:-/tmp}" /tmp -maxdepth 1 -name 'budu-ssh.*' 2>/dev/null | sort -u; }

# ---- the probe: the core's transport ----
want=$("$probe" images | sort)
n0=$(logins)
got=$(DOCKER_HOST=$SSH "$probe" --connect images 2>"$T_TMP/images.stats" | sort)
# (after a transport started: it sweeps what killed budus left, see below)
dirs_before=$(transport_dirs)
t_eq "ssh://: the same image rows as over the unix socket" "$want" "$got"
t_eq "ssh://: one login for the connection and its requests" "$((n0 + 1))" "$(logins)"
# each connection is a docker system dial-stdio on the far side: the CLI's way, one for both
t_eq "ssh://: /_ping and the list ride one connection (one far-side dial)" "accepted=1" "$(cat "$T_TMP/images.stats")"

n0=$(logins)
out=$(DOCKER_HOST=$SSH "$probe" --connect load 4 6)
t_match "24 requests, 6 at a time, all answered" '^ok=24$' "$out"
t_match "one master, every dial rides it (none direct)" '^masters=1 dials=[0-9]+ direct=0 accepted=25 ' "$out"
t_eq "24 requests cost one login" "$((n0 + 1))" "$(logins)"

# without --connect the first request makes the master (batch mode)
n0=$(logins)
out=$(DOCKER_HOST=$SSH "$probe" load 2 4)
t_match "no explicit connect: the transport connects on the first request" '^ok=8$' "$out"
# (the first dial goes direct while the master logs in beside it)
t_match "... with one master" '^masters=1 .*direct=[01] ' "$out"

# a path names the far side's socket (docker --host unix://PATH system dial-stdio)
got=$(DOCKER_HOST=$SSH$RIG_SOCK "$probe" --connect images | sort)
t_eq "ssh://host/path: the far side's socket by path" "$want" "$got"

# exec through the connection upgrade (hijack.c) over the transport: half-closes pass through
hijack=${HIJACK_PROBE:-$top_builddir/tests/engine/hijack_probe}
name=budu-ssh-exec-$$
if "$RIG_DOCKER" run -d --network none --name "$name" bb:1.0 sleep 600 >/dev/null; then
	t_eq "ssh://: exec, output and exit code 3" $'out: hi\nexit=3' \
		"$(DOCKER_HOST=$SSH "$hijack" exec "$name" sh -c 'echo hi; exit 3')"
	t_eq "ssh://: exec, stdin then EOF by half-close" $'out: abc\nexit=0' \
		"$(DOCKER_HOST=$SSH "$hijack" exec -i $'abc\n' "$name" cat)"
	t_eq "ssh://: exec with a TTY" $'tty: hi\nexit=0' \
		"$(DOCKER_HOST=$SSH "$hijack" exec -t -i '' "$name" sh -c 'sleep 0.3; echo hi')"
	"$RIG_DOCKER" rm -f "$name" >/dev/null
else
	t_fail "ssh://: a container to exec into"
fi

# ---- failures, each with its own words ----
msg() { RIG_SSH_CONFIG=$RIG_SSH_DIR/config.$1 DOCKER_HOST=$SSH "$probe" ${2:-} images; }
t_match "a wrong key: authentication failed, and what to run" \
	"^error: ssh could not log in to 127\\.0\\.0\\.1: authentication failed .*Permission denied \\(publickey\\).*ssh -p $RIG_SSH_PORT root@127\\.0\\.0\\.1" \
	"$(msg wrong --connect)"
t_match "a wrong key, on a request: the same, in the engine's message" \
	"^error: Cannot connect to the Docker engine at $SSH: ssh could not log in to 127\\.0\\.0\\.1: authentication failed" \
	"$(msg wrong)"
t_match "an unknown host key: names the ssh command to run once" \
	"^error: the host key of 127\\.0\\.0\\.1 is not known: run \`ssh -p $RIG_SSH_PORT root@127\\.0\\.0\\.1\` once" \
	"$(msg unknown --connect)"
t_match "no docker on the far side: docker not found on the host" \
	"^error: Cannot connect to the Docker engine at $SSH: docker not found on 127\\.0\\.0\\.1: .*docker: command not found" \
	"$(msg nodocker --connect)"
t_match "no access to the far side's engine socket: permission denied there" \
	"^error: Cannot connect to the Docker engine at $SSH: permission denied on the Docker engine's socket on 127\\.0\\.0\\.1" \
	"$(msg perm --connect)"
out=$(DOCKER_HOST=ssh://root@127.0.0.1:1 "$probe" --connect images)
t_match "nothing listening: ssh could not connect" '^error: ssh could not connect to 127\.0\.0\.1 \(ssh: .*Connection refused' "$out"
t_eq "the probes left no ssh running" "" "$(transport_procs)"

# ---- budu itself ----
UI_COLS=160 UI_ROWS=40
UI_ENV=("PATH=$PATH" "RIG_SSH_CONFIG=$RIG_SSH_CONFIG")
DOCKER_HOST=unix://$RIG_SOCK
n0=$(logins)
DOCKER_HOST=$SSH ui_start
t_ok "budu over ssh://: the list appears" ui_wait_for '^REPOSITORY +TAG +IMAGE ID'
ui_wait_for 'images · ' 15 >/dev/null
t_eq "budu over ssh://: rows equal docker image ls on the socket" \
	"$(docker_ls '{{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.Size}}')" "$(ui_rows | cells 1,2,3,5)"
t_match "the status line names the ssh:// address" "$SSH · Docker" "$(ui_screen | tail -n1)"
n1=$(logins)
t_eq "the first screen took one login" "$((n0 + 1))" "$n1"
ui_keys 4
t_ok "the Containers panel opens over ssh://" ui_wait_for '^CONTAINER ID +IMAGE'
ui_wait_for 'rig-exited' 10 >/dev/null
ui_keys 1
ui_wait_for '^REPOSITORY' 5 >/dev/null
ui_keys Enter
t_ok "an image's details open over ssh://" ui_wait_for 'Inspect'
ui_keys Escape
ui_keys R
sleep 1
t_eq "opening views and reloading logged in no more" "$n1" "$(logins)"
# Ctrl-C reaches the terminal's whole foreground group, the master ssh too: in budu it only
# asks (a job runs), and n leaves the connection up, with no new login.
ctx=$T_TMP/slow
mkdir -p "$ctx"
printf 'FROM bb:1.0\nRUN sleep 30\n' >"$ctx/Dockerfile"
containers_before=$("$RIG_DOCKER" ps -aq --no-trunc | sort)
dangling_before=$("$RIG_DOCKER" images -q --no-trunc -f dangling=true | sort)
master=$(pgrep -f 'budu-ssh\..* ControlMaster=yes' | head -n1)
ui_keys b C-u
ui_type "-t ssh/slow:1 $ctx"
ui_keys Enter
ui_wait_for 'Step 2/2 : RUN sleep 30' 30 >/dev/null
ui_keys C-c
t_ok "over ssh://, Ctrl-C with a job running asks" ui_wait_for 'Quit budu\?' 5
ui_keys n
ui_wait_gone 'Quit budu\?' 5 >/dev/null
sleep 0.5
t_ok "n: the master connection still runs" kill -0 "${master:-0}"
ui_keys Escape
ui_wait_for '^REPOSITORY' 5 >/dev/null
ui_keys R
sleep 1
t_eq "... and no new login" "$n1" "$(logins)"
UI_QUIT_KEYS='q y' ui_stop
comm -13 <(echo "$containers_before") <("$RIG_DOCKER" ps -aq --no-trunc | sort) | xargs -r "$RIG_DOCKER" rm -f >/dev/null 2>&1
comm -13 <(echo "$dangling_before") <("$RIG_DOCKER" images -q --no-trunc -f dangling=true | sort) |
	xargs -r "$RIG_DOCKER" rmi -f >/dev/null 2>&1
sleep 0.3
t_eq "quitting budu leaves no ssh running" "" "$(transport_procs)"
t_eq "quitting budu removes its private directory" "$dirs_before" "$(transport_dirs)"

# budu killed (SIGKILL: no cleanup): its ssh children die with it, and the next transport
# sweeps its directory
DOCKER_HOST=$SSH ui_start
ui_wait_for 'images · ' 15 >/dev/null
kill -KILL "$(ui_pid)"
n=30
while [[ -n $(transport_procs) ]] && ((n-- > 0)); do sleep 0.1; done
t_eq "budu killed: no ssh of its transport outlives it" "" "$(transport_procs)"
t_match "... its directory stays until the next budu" 'budu-ssh\.' "$(transport_dirs)"
ui__tmux kill-server 2>/dev/null	# (not ui_stop: there is no exit status to check)
UI__ACTIVE=0
DOCKER_HOST=$SSH "$probe" --connect images >/dev/null
t_eq "... which sweeps it" "$dirs_before" "$(transport_dirs)"

# an unknown host key: ssh asks on the terminal before the screen; "no" ends budu with words
UI_ENV=("PATH=$PATH" "RIG_SSH_CONFIG=$RIG_SSH_DIR/config.unknown")
UI_EXPECT_STATUS=1
DOCKER_HOST=$SSH ui_start
t_ok "an unknown host key: ssh asks before the screen" ui_wait_for 'continue connecting \(yes/no'
ui_type no
ui_keys Enter
n=50
while ui_alive && ((n-- > 0)); do sleep 0.1; done
t_match "... and budu says what to run" \
	"Cannot connect to the Docker engine at $SSH: the host key of 127\\.0\\.0\\.1 is not known: run \`ssh -p $RIG_SSH_PORT root@127\\.0\\.0\\.1\` once" \
	"$(ui_stderr)"
ui_stop

# a wrong key: budu does not start its screen
UI_ENV=("PATH=$PATH" "RIG_SSH_CONFIG=$RIG_SSH_DIR/config.wrong")
DOCKER_HOST=$SSH ui_start
n=50
while ui_alive && ((n-- > 0)); do sleep 0.1; done
t_match "a wrong key: budu says authentication failed" \
	"Cannot connect to the Docker engine at $SSH: ssh could not log in to 127\\.0\\.0\\.1: authentication failed" \
	"$(ui_stderr)"
ui_stop
UI_EXPECT_STATUS=0
UI_ENV=()
t_eq "no ssh left after the failures" "" "$(transport_procs)"

# ---- contexts, as /usr/bin/docker context create makes them ----
export DOCKER_CONFIG=$T_TMP/dc
mkdir -p "$DOCKER_CONFIG"
echo '{}' >"$DOCKER_CONFIG/config.json"
unset DOCKER_HOST DOCKER_CONTEXT
dc() { "$RIG_DOCKER" context "$@" >>"$T_TMP/context.log" 2>&1; }
t_ok "docker context create: a socket context" dc create sock --description "the rig's socket" --docker "host=unix://$RIG_SOCK"
t_ok "docker context create: an ssh context" dc create box --docker "host=$SSH"
if [[ -n ${RIG_TLS_HOST:-} ]]; then
	t_ok "docker context create: a tcp+TLS context" dc create tls --docker \
		"host=$RIG_TLS_HOST,ca=$RIG_CERTS/client/ca.pem,cert=$RIG_CERTS/client/cert.pem,key=$RIG_CERTS/client/key.pem"
	t_match "-c tls: tcp:// with the store's TLS files" "^context=tls host=$RIG_TLS_HOST tls$" "$("$probe" -c tls which)"
	t_eq "-c tls: the same rows over TLS" "$want" "$("$probe" -c tls images | sort)"
else
	t_skip "a tcp+TLS context" "the rig has no TLS listener"
fi
t_eq "-c box: the ssh context's rows" "$want" "$("$probe" -c box --connect images | sort)"
t_eq "-c sock: the socket context's rows" "$want" "$("$probe" -c sock images | sort)"
out=$("$probe" list)
t_match "the store lists what docker context create made" $'^box\t-\t'"$SSH"$'\t\t$' "$out"
t_match "... with its description" $'^sock\t-\tunix://'"$RIG_SOCK"$'\tthe rig.s socket\t$' "$out"
t_match "... after default, the current one" $'^default\t\\*\tunix:///var/run/docker.sock\t' "$out"

# precedence (engine-api.md §2.1)
t_match "nothing set: default" '^context=default host=unix:///var/run/docker.sock$' "$("$probe" which)"
dc use box
t_match "currentContext (docker context use box)" "^context=box host=$SSH\$" "$("$probe" which)"
t_match "DOCKER_CONTEXT over currentContext" '^context=sock ' "$(DOCKER_CONTEXT=sock "$probe" which)"
out=$(DOCKER_HOST=unix:///tmp/elsewhere.sock "$probe" which)
t_match "DOCKER_HOST over currentContext" '^context=default host=unix:///tmp/elsewhere.sock$' "$out"
t_match "... with the CLI's warning" \
	'^warning: Warning: DOCKER_HOST environment variable overrides the active context. To use "box", either set the --context option, or unset DOCKER_HOST environment variable.$' "$out"
t_match "DOCKER_HOST over DOCKER_CONTEXT" '^context=default host=unix:///tmp/elsewhere.sock$' \
	"$(DOCKER_CONTEXT=sock DOCKER_HOST=unix:///tmp/elsewhere.sock "$probe" which)"
t_match "-c over DOCKER_CONTEXT" '^context=sock ' "$(DOCKER_CONTEXT=box "$probe" -c sock which)"
t_match "-c over DOCKER_HOST" '^context=sock ' "$(DOCKER_HOST=unix:///tmp/elsewhere.sock "$probe" -c sock which)"
t_match "-H over DOCKER_CONTEXT and currentContext" '^context=default host=unix:///tmp/h.sock$' \
	"$(DOCKER_CONTEXT=sock "$probe" -H unix:///tmp/h.sock which)"
dc use default

# budu's own words, before any screen
err=$("$BUDU" -H "unix://$RIG_SOCK" -c sock 2>&1 </dev/null)
t_eq "-H with -c: the CLI's message" "budu: conflicting options: either specify --host or --context, not both" "$err"
err=$("$BUDU" -c nosuch 2>&1 </dev/null)
id=$(printf %s nosuch | sha256sum | cut -d' ' -f1)
t_eq "an unknown context: the CLI's message" \
	"budu: unable to resolve docker endpoint: context \"nosuch\": context not found: open $DOCKER_CONFIG/contexts/meta/$id/meta.json: no such file or directory" \
	"$err"
err=$(DOCKER_CONTEXT=nosuch "$BUDU" 2>&1 </dev/null)
t_match "an unknown DOCKER_CONTEXT: the same" 'context "nosuch": context not found' "$err"
# and the docker CLI agrees on which engine wins: rows of budu -c box equal docker's
UI_ENV=("PATH=$PATH" "RIG_SSH_CONFIG=$RIG_SSH_CONFIG" "DOCKER_CONFIG=$DOCKER_CONFIG")
DOCKER_HOST='' ui_start -c box
t_ok "budu -c box: the list appears" ui_wait_for '^REPOSITORY +TAG +IMAGE ID'
ui_wait_for 'images · ' 15 >/dev/null
t_eq "budu -c box: rows equal docker -c box image ls" \
	"$("$RIG_DOCKER" -c box image ls --format '{{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.Size}}' | sort)" \
	"$(ui_rows | cells 1,2,3,5)"
ui_stop
UI_ENV=()
t_eq "nothing of budu's ssh left running" "" "$(transport_procs)"
t_eq "no private directory left" "$dirs_before" "$(transport_dirs)"
