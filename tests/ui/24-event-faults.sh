# shellcheck shell=bash
# The event stream refused or flapping while the engine answers everything else (through the
# fault proxy, tests/rig/faultproxy.c): the list stays on screen, the status line says live
# refresh is off and why, and /events is asked again after growing delays, not in a storm
# (budu sent 92 requests in 10 s when a list load reset the back-off); live refresh comes back
# by itself once the stream is allowed again.
source "$top_srcdir/tests/ui/lib-images.sh"

if ! t_ok "the fault proxy starts" rig_faultproxy_start; then
	t_bail "no fault proxy"
	exit 1
fi
UI_ENV=(DOCKER_HOST=unix://$RIG_FAULT_SOCK)
UI_COLS=160 UI_ROWS=30

# storm CASE: about 10 s of budu against the rules set, then counts of what reached the engine.
storm() {
	local from ev all
	ui_start
	t_ok "$1: the list shows" ui_wait_for '^REPOSITORY +TAG' 15
	t_ok "$1: the status line says live refresh is off and why" ui_wait_for "live refresh off: $2" 10
	t_ok "$1: ... and when it tries again" ui_wait_for 'live refresh off: .*retrying in [0-9]+ ?s' 5
	# from here on (the first screen's own requests done), 10 s
	sleep 1
	from=$(($(wc -l <"$RIG_FAULT_LOG") + 1))
	sleep 10
	# one look at the log for both counts (budu goes on meanwhile)
	local seen=$T_TMP/seen.log
	tail -n +"$from" "$RIG_FAULT_LOG" >"$seen"
	ev=$(RIG_FAULT_LOG=$seen rig_fault_count /events)
	all=$(RIG_FAULT_LOG=$seen rig_fault_count /)
	t_diag "$1: $ev requests of /events, $all in all, in 10 s:" \
		"$(awk '$1 == "req" { sub(/[?].*/, "", $4); print $3, $4 }' "$seen" | sort | uniq -c)"
	t_ok "$1: /events asked again, but a few times only ($ev)" test "$ev" -ge 1 -a "$ev" -le 3
	t_ok "$1: nothing else asked ($all in all)" test "$all" -eq "$ev"
	t_ok "$1: the list stays on screen (20 looks over 2 s)" list_stays
}

# The list at every look, never the engine's error in its place.
list_stays() {
	local n screen
	for ((n = 0; n < 20; n++)); do
		screen=$(ui_screen)
		if ! grep -qE '^REPOSITORY +TAG' <<<"$screen" || grep -qE 'Retrying in|not connected' <<<"$screen"; then
			t_diag "$screen"
			return 1
		fi
		sleep 0.1
	done
}

rig_fault_rules '/events status 403 authorization denied by plugin testauthz: events are not for you'
storm "events refused" '/events: 403 .*events are not for you'
rig_fault_rules
t_ok "events allowed again: live refresh comes back by itself" ui_wait_gone 'live refresh off' 40
"$RIG_DOCKER" tag bb:1.0 fault/event:1
t_ok "... and events flow" ui_wait_for '^fault/event +1 ' 8
"$RIG_DOCKER" rmi fault/event:1 >/dev/null
ui_stop

rig_fault_rules '/events end 0'
storm "a stream that ends at once" 'the engine closed the event stream'
ui_stop
rig_fault_rules
