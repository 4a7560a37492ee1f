# shellcheck shell=bash
# Streams cut mid-chunk and streams with lines left out, through the fault proxy
# (tests/rig/faultproxy.c) in front of the rig's engine. First the proxy's own cut, end and drop
# rules, checked with curl against a finite /events answer; then budu: an /events stream cut
# mid-chunk is reconnected (the status line says so, the list stays, later events show live); a
# pull stream cut mid-chunk is an error in the Jobs panel, not done, and the list agrees with
# the engine; a pull stream with lines left out ends done or with a clear message, and the
# image shows; q with streams cut or stalled quits at once.
source "$top_srcdir/tests/ui/lib-images.sh"
D=$RIG_DOCKER
R=$RIG_REGISTRY

if ! t_ok "the fault proxy starts" rig_faultproxy_start; then
	t_bail "no fault proxy"
	exit 1
fi

# ---- the proxy's rules, on a finite stream: the events of the rig so far, one a line ----------
until=$(($(date +%s) - 1))
# get FILE: the events up to $until through the proxy into FILE; curl's exit status.
get() {
	curl -sS --no-buffer --max-time 20 --unix-socket "$RIG_FAULT_SOCK" -o "$1" \
		"http://engine/events?since=0&until=$until" 2>"$1.err"
}
get "$T_TMP/all"
n=$(wc -l <"$T_TMP/all")
t_ok "proxy: pass gives the whole stream ($n events)" test "$n" -ge 6
rig_fault_rules '/events end 3'
get "$T_TMP/end"
t_ok "proxy: end 3 ends the body properly after 3 lines" \
	cmp -s "$T_TMP/end" <(head -n 3 "$T_TMP/all")
rig_fault_rules '/events cut 2'
rc=0
get "$T_TMP/cut" || rc=$?
third=$(sed -n 3p "$T_TMP/all")
half=$(((${#third} + 1) / 2))	# (the line with its newline, halved)
t_ok "proxy: cut 2 is an error for the client (curl: $rc, $(tr -d '\n' <"$T_TMP/cut.err"))" test "$rc" -ne 0
t_ok "proxy: cut 2 sent 2 lines and half of the third, no more" \
	cmp -s "$T_TMP/cut" <(head -n 2 "$T_TMP/all"; head -c "$half" <<<"$third")
rig_fault_rules '/events drop 2'
get "$T_TMP/drop"
t_ok "proxy: drop 2 leaves out every second line, keeps the rest in order" \
	cmp -s "$T_TMP/drop" <(awk 'NR % 2' "$T_TMP/all")
rig_fault_rules '/events drop 1'
get "$T_TMP/drop1"
t_ok "proxy: drop 1 leaves out every line (a body of $(wc -c <"$T_TMP/drop1") bytes)" test ! -s "$T_TMP/drop1"
rig_fault_rules

UI_ENV=(DOCKER_HOST=unix://$RIG_FAULT_SOCK)
UI_COLS=160 UI_ROWS=34

# ---- /events cut mid-chunk ---------------------------------------------------------------------
rig_fault_rules '/events cut 0'
ui_start
t_ok "events cut: the list shows" ui_wait_for '^REPOSITORY +TAG' 15
from=$(($(wc -l <"$RIG_FAULT_LOG") + 1))
"$D" tag bb:1.0 cut/event:1
t_ok "events cut: the status line says live refresh is off, the connection lost, and when it retries" \
	ui_wait_for 'live refresh off: /events: Lost the connection to the Docker engine.*retrying in [0-9]+ ?s' 10
t_ok "... the list stays on screen" ui_wait_for '^REPOSITORY +TAG +IMAGE ID' 1
# counted at every poll (a count in the arguments would be taken once, before the first poll)
events_asked_again() { (($(rig_fault_count /events "$from") >= 1)); }
t_ok "... and budu asks for /events again by itself" until_ok 15 events_asked_again
rig_fault_rules
t_ok "events no longer cut: live refresh comes back by itself" ui_wait_gone 'live refresh off' 40
t_ok "... the tag made while the stream was cut shows (read again on reconnecting)" ui_wait_for '^cut/event +1 ' 10
"$D" tag bb:1.0 cut/event:2
t_ok "... and a later tag shows live" ui_wait_for '^cut/event +2 ' 8
"$D" rmi cut/event:1 cut/event:2 >/dev/null
t_ok "... as does its removal" ui_wait_gone '^cut/event ' 8
ui_stop

# ---- an image whose pull takes a few lines: a random layer, in the registry only ----------------
ref=$R/cut/big:1
ref_re=${ref//./\\.}
repo_re=${ref_re%:1}
mkdir -p "$T_TMP/big"
head -c 3145728 /dev/urandom >"$T_TMP/big/blob"
tar -C "$T_TMP/big" -cf "$T_TMP/big.tar" blob
"$D" import "$T_TMP/big.tar" "$ref" >/dev/null && "$D" push "$ref" >/dev/null && "$D" rmi "$ref" >/dev/null
in_engine() { "$D" image inspect "$ref" >/dev/null 2>&1; }
setup_ok() { ! in_engine && curl -fsS --noproxy '*' "http://$R/v2/cut/big/tags/list" >/dev/null; }
# without the image nothing below can work: stop rather than time out on every step
t_ok "setup: $ref is in the registry, not in the engine" setup_ok || exit 0
# pull_it: p, the reference, Enter, then the Jobs panel.
pull_it() {
	ui_keys p
	ui_wait_for '^Pull ' 5 >/dev/null
	ui_keys C-u
	ui_type "$ref"
	ui_keys Enter
	ui_keys J
}
# list_agrees: the image list shows cut/big iff the engine has it (back to the list and again).
list_agrees() {
	ui_keys 1
	ui_wait_for '^REPOSITORY +TAG' 5 >/dev/null || return 1
	ui_keys R
	sleep 2
	if in_engine; then
		t_diag "the engine has $ref"
		ui_wait_for "^${repo_re} +1 " 8
	else
		t_diag "the engine does not have $ref"
		ui_wait_gone "^${repo_re} " 3
	fi
}

# ---- a pull stream cut mid-chunk ----------------------------------------------------------------
rig_fault_rules 'POST /images/create cut 2'
ui_start
ui_wait_for 'images · ' 15 >/dev/null
pull_it
t_ok "pull cut mid-chunk: an error in the Jobs panel that says the connection was lost" \
	ui_wait_for "pull +${ref_re} +failed +[0-9:]+ +Lost the connection to the Docker engine" 15
t_ok "... never called done" ui_wait_gone "pull +${ref_re} +done" 1
t_ok "... nothing left running" ui_wait_gone "pull +${ref_re} +running" 1
t_ok "... and the image list agrees with the engine" list_agrees
rig_fault_rules
"$D" rmi "$ref" >/dev/null 2>&1
pull_it
t_ok "the same pull without the cut completes: the engine was left sane" \
	ui_wait_for "pull +${ref_re} +done" 30
t_ok "... and the image shows" list_agrees
ui_stop

# ---- lines left out of a pull stream -------------------------------------------------------------
"$D" rmi "$ref" >/dev/null 2>&1
rig_fault_rules 'POST /images/create drop 2'
ui_start
ui_wait_for 'images · ' 15 >/dev/null
pull_it
t_ok "pull with every second line left out: it ends, done or with a clear message" \
	ui_wait_for "pull +${ref_re} +(done|failed +[0-9:]+ +The engine ended the pull without a result)" 30
t_ok "... nothing left running" ui_wait_gone "pull +${ref_re} +running" 1
t_ok "... the engine has the image, and the list shows it" list_agrees
"$D" rmi "$ref" >/dev/null 2>&1
rig_fault_rules 'POST /images/create drop 1'
ui_keys J c	# (the finished pull goes from the Jobs panel)
ui_wait_gone "pull +${ref_re} +done" 5 >/dev/null
ui_keys 1	# (p pulls from the Images panel)
ui_wait_for '^REPOSITORY +TAG' 5 >/dev/null
pull_it
t_ok "pull with every line left out: failed, saying the pull ended without a result" \
	ui_wait_for "pull +${ref_re} +failed +[0-9:]+ +The engine ended the pull without a result" 30
t_ok "... never called done" ui_wait_gone "pull +${ref_re} +done" 1
rig_fault_rules
ui_stop
"$D" rmi "$ref" >/dev/null 2>&1

# ---- q while streams are cut and stalled ----------------------------------------------------------
# quit_fast CASE: q, and y to the question about running jobs if it comes: budu is gone within
# 2.5 s of the last key.
quit_fast() {
	local pid t0 ms n
	pid=$(ui_pid)
	t0=$(date +%s%N)
	ui_keys q
	if ui__poll 2 ui__seen 'Quit budu\?'; then
		t0=$(date +%s%N)
		ui_keys y
	fi
	for ((n = 0; n < 100; n++)); do ui__running "$pid" || break; sleep 0.05; done
	ms=$((($(date +%s%N) - t0) / 1000000))
	t_ok "$1: q quits without waiting for the engine (${ms} ms)" test "$ms" -lt 2500
}
rig_fault_rules '/events hang' 'POST /images/create stall'
ui_start
t_ok "events hanging, pull stalled: the list shows" ui_wait_for '^REPOSITORY +TAG' 15
pull_it
t_ok "... the stalled pull runs" ui_wait_for "pull +${ref_re} +running" 10
quit_fast "events hanging, pull stalled"
ui_stop

rig_fault_rules '/events cut 0' 'POST /images/create cut 3'
ui_start
t_ok "events and pull cut: the list shows" ui_wait_for '^REPOSITORY +TAG' 15
"$D" tag bb:1.0 cut/event:3
ui_wait_for 'live refresh off' 10 >/dev/null
pull_it
ui_wait_for "pull +${ref_re} +failed" 15 >/dev/null
quit_fast "events cut and retrying, pull cut"
ui_stop
rig_fault_rules
"$D" rmi cut/event:3 >/dev/null 2>&1
"$D" rmi "$ref" >/dev/null 2>&1
true
