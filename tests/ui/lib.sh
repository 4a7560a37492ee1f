# shellcheck shell=bash
# tests/ui/lib.sh: drive the real budu binary ($BUDU) inside a detached tmux.
#
#   ui_start [ARGS...]        start budu ARGS in a fresh tmux server (UI_COLS x UI_ROWS)
#   ui_keys KEYS...           tmux send-keys (key names: Enter Escape Up C-c ...)
#   ui_keys -l TEXT / ui_type TEXT   send TEXT literally
#   ui_screen / ui_screen_esc plain screen text / with SGR escapes (capture-pane -e)
#   ui_wait_for ERE [SECS=10] wait until some screen line matches (grep -E)
#   ui_wait_gone ERE [SECS=10] wait until no screen line matches
#   until_ok SECS CMD...      poll CMD every 0.1 s until it succeeds (status 1 after SECS)
#   ui_resize COLS ROWS       resize the window (budu gets SIGWINCH)
#   ui_alive                  budu still running?
#   ui_pid                    budu's pid
#   ui_status                 budu's exit status once it has exited
#   ui_stderr                 budu's stderr so far (sanitizer reports land here)
#   ui_stop                   quit budu (UI_QUIT_KEYS, default q), stop tmux, and
#                             record one TAP result: clean exit with status
#                             UI_EXPECT_STATUS (default 0), no sanitizer report
#
# Settings (set before ui_start): UI_COLS=120 UI_ROWS=30 UI_TERM=screen-256color
# UI_ENV=(NAME=value ...) extra environment, UI_HOME (default: a fresh dir),
# UI_QUIT_KEYS, UI_STOP_TIMEOUT=5, UI_EXPECT_STATUS=0, UI_SAN_PATTERN.
#
# budu sees: DOCKER_HOST and DOCKER_CONFIG from the rig, LANG=C.UTF-8, no
# LC_ALL, no NO_COLOR, TERM=$UI_TERM, HOME=$UI_HOME. Each ui_start uses its own
# tmux server (-L budu-test-PID, socket inside RIG_DIR); EXIT/INT/TERM/HUP
# traps stop it, and rig teardown kills any tmux server it finds left.

[[ -n ${UI_LIB_LOADED:-} ]] && return 0
UI_LIB_LOADED=1

# shellcheck source=tests/lib.sh
[[ -n ${T_LIB_LOADED:-} ]] || source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

UI_COLS=${UI_COLS:-120}
UI_ROWS=${UI_ROWS:-30}
UI_TERM=${UI_TERM:-screen-256color}
UI_QUIT_KEYS=${UI_QUIT_KEYS:-q}
UI_STOP_TIMEOUT=${UI_STOP_TIMEOUT:-5}
UI_EXPECT_STATUS=${UI_EXPECT_STATUS:-0}
UI_SAN_PATTERN=${UI_SAN_PATTERN:-'ERROR: AddressSanitizer|runtime error:|ERROR: LeakSanitizer|WARNING: ThreadSanitizer|ERROR: MemorySanitizer'}
declare -ga UI_ENV=("${UI_ENV[@]}")
UI__ACTIVE=0
UI__DIRS=()

# PID runs and is no zombie (PID 1 may be slow to reap the tmux server).
ui__running() {
	local st
	st=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
	st=${st##*) }
	[[ ${st:0:1} != [ZX] ]]
}

ui__tmux() {
	TMUX_TMPDIR=$UI__DIR tmux -L "$UI__NAME" "$@"
}

ui__session_exists() {
	((UI__ACTIVE)) && ui__tmux has-session -t budu 2>/dev/null
}

ui_start() {
	if ((UI__ACTIVE)); then
		ui_stop || true
	fi
	if [[ -z ${BUDU:-} || ! -x $BUDU ]]; then
		t_diag "ui_start: BUDU='${BUDU:-}' is not an executable"
		return 1
	fi
	command -v tmux >/dev/null || {
		t_diag "ui_start: tmux is not installed"
		return 1
	}
	local base=${RIG_DIR:-${TMPDIR:-/tmp}}
	UI__DIR=$(mktemp -d "$base/ui.XXXXXX") || return 1
	UI__DIRS+=("$UI__DIR")
	UI__NAME=budu-test-$BASHPID
	UI__ERR=$UI__DIR/stderr
	: >"$UI__ERR"
	local home=${UI_HOME:-$UI__DIR/home}
	mkdir -p "$home"
	cat >"$UI__DIR/tmux.conf" <<EOF
set -g status off
set -g remain-on-exit on
set -g default-terminal "$UI_TERM"
set -g escape-time 0
set -g history-limit 0
set -g exit-empty on
set -g set-clipboard on
EOF
	local -a envs=(
		env -u NO_COLOR -u LC_ALL -u TMUX -u TMUX_PANE -u COLUMNS -u LINES
		"LANG=C.UTF-8" "TERM=$UI_TERM" "HOME=$home"
		"DOCKER_HOST=${DOCKER_HOST:-}"
	)
	[[ -n ${DOCKER_CONFIG:-} ]] && envs+=("DOCKER_CONFIG=$DOCKER_CONFIG")
	envs+=("${UI_ENV[@]}")
	# sh only to send stderr to a file, then exec: the pane's pid is budu's.
	# shellcheck disable=SC2016 # expanded by that sh
	ui__tmux -f "$UI__DIR/tmux.conf" new-session -d -s budu -x "$UI_COLS" -y "$UI_ROWS" -- \
		/bin/sh -c 'err=$1; shift; exec "$@" 2>"$err"' ui "$UI__ERR" \
		"${envs[@]}" "$BUDU" "$@" || {
		t_diag "ui_start: tmux new-session failed"
		return 1
	}
	UI__ACTIVE=1
	UI__STATUS=
	if declare -F rig_track_pid >/dev/null; then
		rig_track_pid "$(ui__tmux display-message -p '#{pid}')"
	fi
	trap 'ui__on_exit' EXIT
	trap 'ui__on_signal 1' HUP
	trap 'ui__on_signal 2' INT
	trap 'ui__on_signal 15' TERM
	return 0
}

ui__on_exit() {
	local rc=$?
	((UI__ACTIVE)) && { ui_stop || rc=1; }
	ui__cleanup_dir
	return "$rc"
}

# Without a rig the private dirs live in TMPDIR: remove them at exit.
ui__cleanup_dir() {
	[[ -z ${RIG_DIR:-} ]] && ((${#UI__DIRS[@]})) && rm -rf -- "${UI__DIRS[@]}"
	return 0
}

ui__on_signal() {
	trap - EXIT
	((UI__ACTIVE)) && { ui_stop || true; }
	ui__cleanup_dir
	exit $((128 + $1))
}

ui_keys() {
	ui__session_exists || return 1
	ui__tmux send-keys -t budu "$@"
}

# "--" so text that starts with a dash ("--limit 3 nginx") is typed, not taken as a flag.
ui_type() { ui_keys -l -- "$*"; }

# (no has-session first: capture-pane fails by itself without the session, and the waits call
# this ten times a second)
ui_screen() {
	((UI__ACTIVE)) || return 1
	ui__tmux capture-pane -p -t budu 2>/dev/null
}

ui_screen_esc() {
	ui__session_exists || return 1
	ui__tmux capture-pane -p -e -t budu
}

ui_pid() {
	ui__session_exists || return 1
	ui__tmux display-message -p -t budu '#{pane_pid}'
}

ui_alive() {
	local v
	for _ in 1 2 3; do
		ui__session_exists || return 1
		v=$(ui__tmux display-message -p -t budu '#{pane_dead}' 2>/dev/null) && break
		sleep 0.05
	done
	[[ $v == 0 ]]
}

# Exit status of budu once it is dead ("" while it runs).
# Debian's tmux is built with libutempter, whose own SIGCHLD handler can eat
# the one for the pane's exit (tmux issue #311): the pane is then dead, budu a
# zombie, and no status comes. A SIGCHLD to the server makes it reap.
ui_status() {
	local st dead srv n=20
	if ! ui__session_exists; then
		printf '%s\n' "${UI__STATUS:-}"
		return 0
	fi
	while :; do
		st=$(ui__tmux display-message -p -t budu '#{pane_dead} #{pane_dead_status}') || return 1
		dead=${st%% *}
		st=${st#* }
		[[ $dead == 1 && -z $st ]] || break
		((n-- > 0)) || break
		srv=$(ui__tmux display-message -p '#{pid}') && kill -CHLD "$srv" 2>/dev/null
		sleep 0.05
	done
	[[ $dead == 1 ]] && printf '%s\n' "$st" || echo
}

ui_stderr() { [[ -n ${UI__ERR:-} && -f $UI__ERR ]] && cat "$UI__ERR"; }

ui_resize() {
	ui__session_exists || return 1
	ui__tmux resize-window -t budu -x "$1" -y "$2"
}

ui__dump() {
	local screen
	screen=$(ui_screen 2>/dev/null || true)
	t_diag "--- screen ($(ui_alive && echo "budu running" || echo "budu exited, status $(ui_status)")) ---"
	t_diag "$screen"
	if [[ -s ${UI__ERR:-/nonexistent} ]]; then
		t_diag "--- budu stderr (last 30 lines) ---"
		t_diag "$(tail -n 30 "$UI__ERR")"
	fi
}

# ui__poll SECS CONDITION-FUNCTION...: every 0.1 s for 2 s, then every 0.25 s; stops early if
# budu died (asked every second: each poll is a few processes, and a long wait for the engine
# otherwise costs the machine a quarter of a core). SECS counts polls, as it always did: the
# time the polls themselves take is slack on a loaded machine.
ui__poll() {
	local n=$(($1 * 10)) i=0
	shift
	while ((n > 0)); do
		"$@" && return 0
		if ((i % 10 == 9)) || ((i >= 20 && i % 4 == 3)); then
			ui_alive || { "$@" && return 0; return 2; }
		fi
		if ((i++ < 20)); then
			sleep 0.1
			n=$((n - 1))
		else
			sleep 0.25
			n=$((n - 2))
		fi
	done
	"$@"
}

ui__seen() { ui_screen | grep -qE -- "$1"; }
ui__unseen() { ! ui_screen | grep -qE -- "$1"; }

ui_wait_for() {
	local re=$1 secs=${2:-10} rc=0
	ui__session_exists || {
		t_diag "ui_wait_for: no budu session"
		return 1
	}
	ui__poll "$secs" ui__seen "$re" || rc=$?
	((rc == 0)) && return 0
	if ((rc == 2)); then
		t_diag "ui_wait_for: budu exited before /$re/ appeared"
	else
		t_diag "ui_wait_for: /$re/ not on screen after ${secs}s"
	fi
	ui__dump
	return 1
}

ui_wait_gone() {
	local re=$1 secs=${2:-10} rc=0
	ui__session_exists || {
		t_diag "ui_wait_gone: no budu session"
		return 1
	}
	ui__poll "$secs" ui__unseen "$re" || rc=$?
	((rc == 0)) && return 0
	t_diag "ui_wait_gone: /$re/ still on screen after ${secs}s"
	ui__dump
	return 1
}

until_ok() {
	local n=$(($1 * 10))
	shift
	until "$@"; do
		((n-- > 0)) || return 1
		sleep 0.1
	done
}

# Quit budu, stop tmux, record one TAP result about how budu ended.
ui_stop() {
	((UI__ACTIVE)) || return 0
	local problems=() pid status n screen=
	if ui__session_exists; then
		if ui_alive; then
			# shellcheck disable=SC2086 # UI_QUIT_KEYS is a list of key names
			ui__tmux send-keys -t budu $UI_QUIT_KEYS 2>/dev/null || true
			n=$((UI_STOP_TIMEOUT * 10))
			while ui_alive && ((n-- > 0)); do sleep 0.1; done
		fi
		screen=$(ui_screen 2>/dev/null || true)
		if ui_alive; then
			problems+=("budu did not exit within ${UI_STOP_TIMEOUT}s of '$UI_QUIT_KEYS'")
			pid=$(ui_pid)
			kill -TERM "$pid" 2>/dev/null || true
			n=20
			while ui_alive && ((n-- > 0)); do sleep 0.1; done
			ui_alive && kill -KILL "$pid" 2>/dev/null
			sleep 0.1
		fi
		# tmux sees EOF on the pty before it reaps the child: the status
		# can lag pane_dead by a moment
		n=30
		status=$(ui_status)
		while [[ -z $status ]] && ((n-- > 0)); do
			sleep 0.1
			status=$(ui_status)
		done
		UI__STATUS=$status
		if [[ -z ${pid:-} && $status != "$UI_EXPECT_STATUS" ]]; then
			problems+=("budu exit status ${status:-?}, expected $UI_EXPECT_STATUS$(
				ui__tmux display-message -p -t budu ' (tmux: pane_dead=#{pane_dead} signal=#{pane_dead_signal})' 2>/dev/null)")
		fi
		pid=$(ui__tmux display-message -p '#{pid}' 2>/dev/null || true)
		ui__tmux kill-server 2>/dev/null || true
		n=30
		while [[ -n $pid ]] && ui__running "$pid" && ((n-- > 0)); do sleep 0.1; done
	else
		problems+=("the tmux session vanished")
	fi
	UI__ACTIVE=0
	if grep -qE -- "$UI_SAN_PATTERN" "$UI__ERR" 2>/dev/null; then
		problems+=("sanitizer report on budu's stderr")
	fi
	if ((${#problems[@]} == 0)); then
		t_pass "budu exits cleanly (status $UI_EXPECT_STATUS, no sanitizer report)"
		return 0
	fi
	t__result notok "budu exits cleanly (status $UI_EXPECT_STATUS, no sanitizer report)"
	t_diag "$(printf '%s\n' "${problems[@]}")"
	[[ -n $screen ]] && t_diag "--- last screen ---" && t_diag "$screen"
	[[ -s $UI__ERR ]] && t_diag "--- budu stderr (last 60 lines) ---" && t_diag "$(tail -n 60 "$UI__ERR")"
	return 1
}
