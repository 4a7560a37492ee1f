# shellcheck shell=bash
# bench/storm.sh: section 10 of bench/run.sh (sourced there, after the load), issue 16:
# an event storm against the 10,000-image engine, with and without budu watching.
#
# The storm: BENCH_STORM (30) `docker tag` of one image to budu-bench/storm:N, then as many
# `docker rmi` of those tags, in a row (the CLI one call after the other). It runs twice,
# first with nobody watching, then with budu on its first screen (ptybench, idle while the
# storm runs), and each time the engine's CPU (dockerd's utime+stime from /proc/PID/stat)
# is read from just before the storm to STORM_SETTLE seconds after its last call. The
# engine's debug log (daemon.json "debug": true, SIGHUP; off again after) names every
# request: budu's full image lists (GET /images/json) and its other GETs (the CLI's calls
# are POST and DELETE, and HEAD /_ping). Targets: extra engine CPU < 0.5 s, <= 2 full lists.
# BENCH_STORM_OLD=/path/to/another/budu adds a third pass watched by that one (a build from
# before a change: the same storm, the same engine, for a before/after in one run).
# Needs from run.sh: W RIG_DIR RIG_SOCK DOCKER SIZE budu_env interruptible say now secs.

STORM_N=${BENCH_STORM:-30}
STORM_SETTLE=${BENCH_STORM_SETTLE:-5}
ST=$W/storm

dockerd_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

# storm_debug on|off
storm_debug() {
	if [[ $1 == on ]]; then echo '{"debug": true}' >"$RIG_DIR/daemon.json"; else echo '{}' >"$RIG_DIR/daemon.json"; fi
	kill -HUP "$STORM_PID" && sleep 1
}

# storm_calls: the storm itself
storm_calls() {
	local i
	for ((i = 1; i <= STORM_N; i++)); do "$DOCKER" tag "$STORM_IMAGE" "budu-bench/storm:$i" || return 1; done
	for ((i = 1; i <= STORM_N; i++)); do "$DOCKER" rmi "budu-bench/storm:$i" >/dev/null || return 1; done
}

# storm_once KEY: the storm and the settle time, measured into $ST/KEY.*
storm_once() {
	local key=$1 from t0 t1 c0 c1
	from=$(($(stat -c %s "$RIG_DIR/dockerd.log") + 1))
	c0=$(dockerd_ticks "$STORM_PID")
	t0=$(now)
	storm_calls || return 1
	t1=$(now)
	sleep "$STORM_SETTLE"
	c1=$(dockerd_ticks "$STORM_PID")
	echo $((c1 - c0)) >"$ST/$key.ticks"
	secs "$t0" "$t1" >"$ST/$key.secs"
	tail -c +"$from" "$RIG_DIR/dockerd.log" | grep -oE 'Calling [A-Z]+ /v[0-9.]+/[^ "]*' |
		sed 's/^Calling //' >"$ST/$key.requests"
}

# storm_watched KEY BUDU: budu idles through the storm, which starts once its event stream is open
storm_watched() {
	local idle from pid i
	idle=$(awk -v s="$(cat "$ST/alone.secs")" -v k="$STORM_SETTLE" 'BEGIN { printf "%d", s * 2 + k + 15 }')
	from=$(($(stat -c %s "$RIG_DIR/dockerd.log") + 1))
	"${budu_env[@]}" "$W/ptybench" -s "$SIZE" -t 120 -m "$N images" -m "· $N" -i "$idle" -- "$2" \
		>"$ST/$1.txt" 2>"$ST/$1.err" &
	pid=$!
	for ((i = 0; i < 1200; i++)); do
		tail -c +"$from" "$RIG_DIR/dockerd.log" | grep -q 'Calling GET /v[0-9.]*/events' && break
		sleep 0.1
	done
	sleep 1	# its first screen settles, the Containers list comes in
	storm_once "$1" || { kill "$pid"; return 1; }
	wait "$pid"
}

run_storm() {
	mkdir -p "$ST" || return 1
	STORM_PID=$(tr -dc 0-9 <"$RIG_DIR/dockerd.pid")
	[[ -n $STORM_PID && -r /proc/$STORM_PID/stat ]] || return 1
	STORM_IMAGE=$("$DOCKER" image ls --format '{{.Repository}}:{{.Tag}}' | grep -v '<none>' | head -n 1)
	[[ -n $STORM_IMAGE ]] || return 1
	storm_debug on || return 1
	# nobody watching
	storm_once alone || return 1
	storm_watched watched "$BUDU" || return 1
	if [[ -n ${BENCH_STORM_OLD:-} ]]; then storm_watched old "$BENCH_STORM_OLD" || return 1; fi
	storm_debug off
	"$DOCKER" image ls --format '{{.Repository}}:{{.Tag}}' | grep -q '^budu-bench/storm:' && return 1
	STORM_STATE=measured
}

# storm_row KEY LABEL: the rows of one watched pass
storm_row() {
	local f='%-44s %-30s %s\n' w extra full gets v_cpu v_full
	w=$(awk -v t="$(cat "$ST/$1.ticks")" -v hz="$hz" 'BEGIN { printf "%.2f", t / hz }')
	extra=$(awk -v a="$a" -v w="$w" 'BEGIN { printf "%.2f", w - a }')
	full=$(grep -cE '^GET /v[0-9.]+/images/json(\?all=1)?$' "$ST/$1.requests")
	gets=$(grep -E '^GET' "$ST/$1.requests" | grep -vcE '/_ping|/events')
	v_cpu=$(verdict "$extra < 0.5")
	v_full=$(verdict "$full <= 2")
	# shellcheck disable=SC2059 # the format is ours
	{
		printf "$f" "   $2: time, engine CPU" "$(cat "$ST/$1.secs") s, $w s" ""
		printf "$f" "     extra engine CPU" "$extra s" "< 0.5 s: $v_cpu"
		printf "$f" "     full image lists" "$full" "<= 2: $v_full"
		printf "$f" "     requests (GET, not ping/events)" "$gets" ""
		printf "$f" "     full container lists" "$(grep -cE '^GET /v[0-9.]+/containers/json\?all=1$' "$ST/$1.requests")" ""
	}
}

storm_table() {
	local f='%-44s %-30s %s\n' hz a
	if [[ ${STORM_STATE:-} != measured ]]; then
		# shellcheck disable=SC2059 # the format is ours
		printf "$f" "10. event storm (issue 16)" "${STORM_STATE:-not run}" ""
		return 0
	fi
	hz=$(getconf CLK_TCK)
	a=$(awk -v t="$(cat "$ST/alone.ticks")" -v hz="$hz" 'BEGIN { printf "%.2f", t / hz }')
	# shellcheck disable=SC2059 # the format is ours
	{
		printf "$f" "10. event storm ($STORM_N tag + $STORM_N rmi)" "of $STORM_IMAGE, settle ${STORM_SETTLE}s" "issue 16"
		printf "$f" "   storm alone: time, engine CPU" "$(cat "$ST/alone.secs") s, $a s" ""
	}
	storm_row watched "budu watching"
	if [[ -f $ST/old.ticks ]]; then storm_row old "$BENCH_STORM_OLD watching"; fi
}
