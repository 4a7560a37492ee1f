# shellcheck shell=bash
# Every way out gives the terminal back: q, Ctrl-C, SIGTERM, SIGHUP, SIGQUIT and a fatal signal
# (SIGSEGV, SIGABRT) leave the main screen on, the cursor shown, keypad mode off and the tty as
# it was (stty -a); a signal that kills still kills (the shell sees 128+N). Ctrl-C while a job
# runs asks as q does; a second Ctrl-C quits.
#
# budu runs under a shell in the pane (sig_start) that records `stty -a` before and after it
# and its exit status, so the tty is checked as the next command finds it.
source "$top_srcdir/tests/ui/lib-images.sh"
D=$RIG_DOCKER

SIG_WRAP=$T_TMP/budu-in-sh
cat >"$SIG_WRAP" <<'EOF'
#!/bin/sh
# budu, then what it left: stty -a, its exit status. Traps (not ignores) so that Ctrl-C, which
# reaches the whole foreground group, does not end this shell; budu starts with them default.
trap 'echo INT >>"$SIG_OUT/shell"' INT
trap 'echo QUIT >>"$SIG_OUT/shell"' QUIT
ulimit -c 0
stty -a >"$SIG_OUT/before"
"$SIG_BUDU" "$@"
echo "$?" >"$SIG_OUT/status"
stty -a >"$SIG_OUT/after"
# the pane stays alive until the test has looked (tmux reports a dead pane's cursor hidden)
: >"$SIG_OUT/done"
while [ ! -e "$SIG_OUT/end" ]; do sleep 0.1; done
EOF
chmod +x "$SIG_WRAP"

SIG_N=0
SIG_ENV=()
# sig_start: budu under the recording shell, its list on screen; sets SIG_OUT and SIG_PID.
sig_start() {
	SIG_N=$((SIG_N + 1))
	SIG_OUT=$T_TMP/run$SIG_N
	mkdir -p "$SIG_OUT"
	UI_ENV=("SIG_OUT=$SIG_OUT" "SIG_BUDU=$BUDU" "${SIG_ENV[@]}")
	BUDU=$SIG_WRAP ui_start
	ui_wait_for 'images · ' 15 >/dev/null
	local wrap n=50
	wrap=$(ui_pid)
	SIG_PID=
	while [[ -z $SIG_PID ]] && ((n-- > 0)); do
		SIG_PID=$(pgrep -P "$wrap" -x budu) || sleep 0.1
	done
}

# sig_restored NAME STATUS: budu ended with STATUS (as the shell reports it) and the
# terminal is back: main screen, cursor on, keypad off, the tty's settings as before.
sig_restored() {
	local name=$1 want=$2 n=100
	while [[ ! -e $SIG_OUT/done ]] && ((n-- > 0)); do sleep 0.1; done
	t_eq "$name: budu's exit status" "$want" "$(cat "$SIG_OUT/status" 2>/dev/null)"
	t_eq "$name: the main screen, the cursor shown, keypad mode off" "0 1 0" \
		"$(ui__tmux display-message -p -t budu '#{alternate_on} #{cursor_flag} #{keypad_cursor_flag}')"
	t_eq "$name: the tty's settings are as before (stty -a)" \
		"$(cat "$SIG_OUT/before" 2>/dev/null)" "$(cat "$SIG_OUT/after" 2>/dev/null)"
	: >"$SIG_OUT/end"
}

sig_start
ui_keys q
sig_restored "q" 0
ui_stop

sig_start
ui_keys C-c
sig_restored "Ctrl-C" 0
ui_stop

# Under AddressSanitizer a SIGSEGV goes on to its report (budu chains to the handler it
# found) and exit status 1: here the default action is the point.
for s in TERM:143 HUP:129 QUIT:131 SEGV:139 ABRT:134; do
	SIG_ENV=("ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}handle_segv=0")
	sig_start
	kill -"${s%:*}" "$SIG_PID"
	sig_restored "SIG${s%:*}" "${s#*:}"
	ui_stop
done
SIG_ENV=()

# Ctrl-C with a job running asks first; a second one quits.
ctx=$T_TMP/ctx
mkdir -p "$ctx"
printf 'FROM bb:1.0\nRUN sleep 30\n' >"$ctx/Dockerfile"
containers_before=$("$D" ps -aq --no-trunc | sort)
running_before=$("$D" ps -q | wc -l)
dangling_before=$("$D" images -q --no-trunc -f dangling=true | sort)
UI_COLS=160
sig_start
ui_keys b C-u
ui_type "-t sig/slow:1 $ctx"
ui_keys Enter
ui_wait_for 'Step 2/2 : RUN sleep 30' 30 >/dev/null
ui_keys C-c
t_ok "Ctrl-C with a job running asks: Quit budu?" ui_wait_for 'Quit budu\?' 5
t_ok "and budu still runs" kill -0 "$SIG_PID"
ui_keys C-c
sig_restored "a second Ctrl-C" 0
ui_stop
UI_COLS=120
UI_ENV=()
# the cancelled build's step container and images, if the engine left any
for _ in $(seq 50); do [[ $("$D" ps -q | wc -l) -le $running_before ]] && break; sleep 0.2; done
comm -13 <(echo "$containers_before") <("$D" ps -aq --no-trunc | sort) | xargs -r "$D" rm -f >/dev/null 2>&1
comm -13 <(echo "$dangling_before") <("$D" images -q --no-trunc -f dangling=true | sort) |
	xargs -r "$D" rmi -f >/dev/null 2>&1
"$D" rmi sig/slow:1 >/dev/null 2>&1
true
