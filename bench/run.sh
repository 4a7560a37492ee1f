#!/bin/bash
# bench/run.sh BUDU: budu against a private engine holding 10,000 images.
#
# Invoked by `make bench` as `$(SHELL) bench/run.sh /abs/path/to/budu`.
# Needs root (the private dockerd does), cc, OpenSSL's libcrypto, curl and
# Debian's /usr/bin/docker; no network.
#
# What it measures (the table goes to stdout):
#   1. one raw GET /images/json over the unix socket (curl), median and min of RUNS
#   2. budu from exec to its first full screen (the status line's "<N> images"
#      arrives in the same screen update as the rows), median of RUNS, and the
#      ratio to (1); target <= 1.5x
#   3. bytes budu writes for MOVES down-moves (j) in an 80x24 terminal, per move,
#      against the bytes of a full redraw (Ctrl-L) and of the first screen
#   4. budu's peak RSS (wait4 ru_maxrss) against the size of the /images/json body,
#      and against budu on the same engine with no images
#   5. budu's CPU time over IDLE seconds without input after the first screen
#      (/proc/PID/stat utime+stime); target 0 ticks
#   6. big inspect documents (issue 3: "a 1 MB inspect document opens and scrolls
#      without lag"), on the near-empty engine before the load: an image with one
#      1,000,000-character label, and one with 20,000 small labels. For each: Enter
#      on it in the list (after a / filter) until its Inspect tab is drawn, median of
#      INSPECT_RUNS; then :.Config.Labels Enter, E (unfold all) and MOVES moves (j,
#      turning to k at the ends): bytes per move, key -> output latency, peak RSS.
#      Figures only. The images are removed again before the load.
#
# Knobs (environment): BENCH_IMAGES (10000) BENCH_RUNS (5) BENCH_MOVES (100)
# BENCH_IDLE (10 s) BENCH_SIZE (24x80) BENCH_OUT (a file that also gets the table)
# BENCH_INSPECT_RUNS (3) BENCH_ONLY ("": everything; "inspect": only 6, quick;
# "list": only 1-5).
# Everything started here is stopped, and every temp file removed, on any exit.

# make runs this with /bin/sh; the rig is bash.
if [ -z "${BASH_VERSION:-}" ]; then exec bash "$0" "$@"; fi
set -o pipefail

BUDU=${1:-}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TOP=$(dirname "$HERE")
COUNT=${BENCH_IMAGES:-10000}
RUNS=${BENCH_RUNS:-5}
MOVES=${BENCH_MOVES:-100}
IDLE=${BENCH_IDLE:-10}
SIZE=${BENCH_SIZE:-24x80}
INSPECT_RUNS=${BENCH_INSPECT_RUNS:-3}
ONLY=${BENCH_ONLY:-}
DOCKER=/usr/bin/docker	# Debian's CLI, not whatever `docker` is on PATH

say() { printf 'bench: %s\n' "$*" >&2; }
# interruptible CMD...: runs CMD in the background and waits for it, so that a
# signal reaches the rig's traps at once rather than after CMD ends (the rig's
# teardown kills CMD: its command line names the rig's directory).
interruptible() {
	"$@" &
	wait "$!"
}
fail() {
	say "FAILED: $*"
	exit 1
}
now() { date +%s.%N; }
# secs START END -> "12.34"
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
# kv FILE KEY: the value of a key=value line
kv() { sed -n "s/^$2=//p" "$1" | tail -n 1; }
# median / min / max of numbers on stdin
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR) printf "%.1f", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
minimum() { sort -g | head -n 1 | awk '{ printf "%.1f", $1 }'; }
maximum() { sort -g | tail -n 1 | awk '{ printf "%.1f", $1 }'; }

[[ -n $BUDU && -x $BUDU ]] || fail "usage: run.sh /abs/path/to/budu (got '${BUDU}', not an executable)"
[[ $COUNT =~ ^[0-9]+$ && $COUNT -ge 1 && $COUNT -le 99999 ]] || fail "BENCH_IMAGES must be 1..99999"
[[ $INSPECT_RUNS =~ ^[0-9]+$ && $INSPECT_RUNS -ge 1 ]] || fail "BENCH_INSPECT_RUNS must be >= 1"
[[ $ONLY == "" || $ONLY == inspect || $ONLY == list ]] || fail "BENCH_ONLY must be empty, inspect or list"
[[ -x $DOCKER ]] || fail "$DOCKER missing (Debian package docker.io)"
for b in cc curl; do command -v "$b" >/dev/null || fail "$b missing"; done
[[ $EUID -eq 0 ]] || fail "run as root: the private dockerd needs it"

# ---- the engine (its traps tear it down, with RIG_DIR, on every exit) ----------
# shellcheck source=../tests/rig/rig.sh
source "$TOP/tests/rig/rig.sh" || fail "cannot source tests/rig/rig.sh"
t=$(now)
rig_start || fail "the private engine did not start"
ENGINE_START=$(secs "$t" "$(now)")
W=$RIG_DIR/bench	# removed with RIG_DIR
mkdir -p "$W" || fail "mkdir $W"
say "engine up on $RIG_SOCK in ${ENGINE_START}s; work dir $W"

# ---- tools ------------------------------------------------------------------------
cc -O2 -std=c11 -Wall -o "$W/ptybench" "$HERE/ptybench.c" -lutil ||
	fail "cannot build ptybench"
cc -O2 -std=c11 -Wall -o "$W/gen-images" "$HERE/gen-images.c" -lcrypto ||
	fail "cannot build gen-images (needs OpenSSL headers: libssl-dev)"

# budu's environment: C.UTF-8 so that the count reads "10000 images"
budu_env=(env -u LC_ALL -u LC_MESSAGES -u LANGUAGE -u NO_COLOR -u BUDU_DEMO_NOTE
	-u DOCKER_API_VERSION -u DOCKER_TLS_VERIFY -u DOCKER_CERT_PATH -u DOCKER_CONTEXT
	LANG=C.UTF-8 TERM=xterm-256color "DOCKER_HOST=unix://$RIG_SOCK")

# run_budu OUT MARKER-COUNT [ptybench options...]: one budu in a pty.
# The marker is "<N> images"; "· <N>" is a fallback in case budu's status line
# is cut short at this width (then the table says so).
run_budu() {
	local out=$1 n=$2
	shift 2
	interruptible "${budu_env[@]}" "$W/ptybench" -s "$SIZE" -t 120 -m "$n images" -m "· $n" "$@" -- "$BUDU" \
		>"$out" 2>"$out.err"
}

get_list() {
	curl -sS --noproxy '*' --max-time 120 --unix-socket "$RIG_SOCK" -o "$1" \
		-w '%{http_code} %{time_total} %{size_download}\n' http://localhost/images/json
}

# ---- baseline: budu on the empty engine ----------------------------------------
get_list "$W/empty.json" >/dev/null || fail "GET /images/json failed on the empty engine"
n0=$(grep -o '"Id":' "$W/empty.json" | wc -l)
run_budu "$W/base.txt" "$n0" || { cat "$W/base.txt.err" >&2; fail "budu on the empty engine"; }

# ---- 6. big inspect documents (before the load: the list is short, so it is quick) -------
I=$W/inspect
BASE_IMAGE=budu-bench/base:1
BIG_IMAGE=budu-bench/label-1mb:1
MANY_IMAGE=budu-bench/labels-20k:1
BIG_CHARS=1000000
MANY_LABELS=20000

# the images: a busybox rootfs, then the two documents on top of it
make_inspect_images() {
	local cid
	mkdir -p "$I/rootfs/bin" "$I/labels" || return 1
	cp "$RIG_BUSYBOX" "$I/rootfs/bin/busybox" || return 1
	tar -C "$I/rootfs" -c . | "$DOCKER" import --change 'CMD ["/bin/sh"]' - "$BASE_IMAGE" >/dev/null ||
		return 1
	# The 1 MB label goes in through POST /commit, whose body is the config: an argument
	# (docker commit/import --change) is capped at 128 KiB, a Dockerfile line at 64 KiB,
	# and the classic builder takes minutes over one 1 MB LABEL (quadratic: 200 kB, 5 s).
	cid=$("$DOCKER" create "$BASE_IMAGE") || return 1
	{
		printf '{"Labels":{"big":"'
		head -c "$BIG_CHARS" /dev/zero | tr '\0' x
		printf '"}}'
	} >"$I/commit.json" || return 1
	curl -sS --fail --noproxy '*' --max-time 120 --unix-socket "$RIG_SOCK" -H 'Content-Type: application/json' \
		--data-binary "@$I/commit.json" -o /dev/null \
		"http://localhost/commit?container=$cid&repo=${BIG_IMAGE%:*}&tag=${BIG_IMAGE##*:}" || return 1
	"$DOCKER" rm "$cid" >/dev/null || return 1
	rm -f "$I/commit.json"
	# 20,000 labels: one LABEL instruction, 100 pairs a line
	awk -v n="$MANY_LABELS" -v from="$BASE_IMAGE" 'BEGIN {
		print "FROM " from
		printf "LABEL"
		for (i = 1; i <= n; i++) {
			printf " l%d=v", i
			if (i % 100 == 0 && i < n)
				printf " \\\n"
		}
		print ""
	}' >"$I/labels/Dockerfile" || return 1
	DOCKER_BUILDKIT=0 interruptible "$DOCKER" build --network none -q -t "$MANY_IMAGE" "$I/labels" \
		>"$I/build.log" 2>&1 || { tail -n 5 "$I/build.log" >&2; return 1; }
}

# inspect_bytes IMAGE: the size of its inspect document
inspect_bytes() {
	curl -sS --fail --noproxy '*' --max-time 60 --unix-socket "$RIG_SOCK" "http://localhost/images/$1/json" | wc -c
}

# inspect_get KEY IMAGE: INSPECT_RUNS raw GET /images/IMAGE/json (curl), ms, into $I/KEY.get
inspect_get() {
	local i tt
	: >"$I/$1.get"
	for ((i = 0; i < INSPECT_RUNS; i++)); do
		tt=$(curl -sS --fail --noproxy '*' --max-time 60 --unix-socket "$RIG_SOCK" -o /dev/null \
			-w '%{time_total}' "http://localhost/images/$2/json") || return 1
		awk -v t="$tt" 'BEGIN { printf "%.3f\n", t * 1000 }' >>"$I/$1.get"
	done
}

# bench_doc KEY IMAGE: INSPECT_RUNS runs that filter the list down to IMAGE and open it;
# the last one also jumps to .Config.Labels, unfolds everything and moves.
# Results in $I/KEY.open (open_ms, one a line) and $I/KEY.txt (the last run).
bench_doc() {
	local key=$1 image=$2 n i out
	n=$(grep -o '"Id":' <(curl -sS --noproxy '*' --unix-socket "$RIG_SOCK" http://localhost/images/json) | wc -l)
	: >"$I/$key.open"
	for ((i = 1; i <= INSPECT_RUNS; i++)); do
		out=$I/$key.$i.txt
		local more=()
		((i == INSPECT_RUNS)) && more=(-P ':.Config.Labels\rE' -k j -u k -n "$MOVES" -q 30 -w 1000 -r)
		run_budu "$out" "$n" -p "/${image%:*}\r\r" -M RepoTags "${more[@]}" -Q qq ||
			{ cat "$out.err" >&2; fail "budu on $image, run $i"; }
		kv "$out" open_ms >>"$I/$key.open"
	done
	cp "$out" "$I/$key.txt"
}

if [[ $ONLY != list ]]; then
	t=$(now)
	make_inspect_images || fail "cannot make the inspect images"
	INSPECT_SETUP_S=$(secs "$t" "$(now)")
	BIG_BYTES=$(inspect_bytes "$BIG_IMAGE")
	MANY_BYTES=$(inspect_bytes "$MANY_IMAGE")
	((BIG_BYTES >= 1000000)) || fail "the inspect document of $BIG_IMAGE has $BIG_BYTES bytes, not 1 MB"
	got=$("$DOCKER" image inspect -f '{{len .Config.Labels}}' "$MANY_IMAGE") || fail "docker image inspect"
	((got == MANY_LABELS)) || fail "$MANY_IMAGE has $got labels, expected $MANY_LABELS"
	say "inspect images in ${INSPECT_SETUP_S}s: $BIG_IMAGE $BIG_BYTES B, $MANY_IMAGE $MANY_BYTES B"
	inspect_get big "$BIG_IMAGE" && inspect_get many "$MANY_IMAGE" || fail "GET /images/NAME/json"
	bench_doc big "$BIG_IMAGE"
	bench_doc many "$MANY_IMAGE"
	if [[ $ONLY != inspect ]]; then	# back to the empty engine for the load
		"$DOCKER" rmi "$BIG_IMAGE" "$MANY_IMAGE" "$BASE_IMAGE" >/dev/null || fail "docker rmi"
		get_list "$W/empty.json" >/dev/null || fail "GET /images/json"
		n=$(grep -o '"Id":' "$W/empty.json" | wc -l)
		((n == n0)) || fail "$n images left after removing the inspect images, expected $n0"
	fi
fi

# inspect_rows LABEL KEY BYTES WHAT: the table rows of one document
inspect_rows() {
	local label=$1 f=$I/$2.txt bytes=$3 what=$4 fmt='%-44s %-30s %s\n'
	# shellcheck disable=SC2059 # the format is ours
	{
		printf "$fmt" "   $label: inspect document" "$bytes B ($what)" ""
		printf "$fmt" "   $label: raw GET /images/NAME/json" \
			"median $(median <"$I/$2.get") ms, min $(minimum <"$I/$2.get") ms" ""
		printf "$fmt" "   $label: open, median of $INSPECT_RUNS" \
			"$(median <"$I/$2.open") ms (min $(minimum <"$I/$2.open"), max $(maximum <"$I/$2.open"))" ""
		printf "$fmt" "   $label: per move ($(kv "$f" moves) moves)" \
			"$(kv "$f" move_bytes_per_key) B (full redraw $(kv "$f" redraw_bytes) B)" ""
		printf "$fmt" "   $label: key -> output latency" \
			"median $(kv "$f" move_latency_median_ms) ms, max $(kv "$f" move_latency_max_ms) ms" ""
		printf "$fmt" "   $label: jump + unfold (E)" "slowest key $(kv "$f" post_key_max_ms) ms" ""
		printf "$fmt" "   $label: peak RSS (ru_maxrss)" \
			"$(kv "$f" maxrss_kb) kB (VmRSS $(kv "$f" pre_open_rss_kb) kB before the open, $(kv "$f" open_rss_kb) kB after)" ""
	}
}

inspect_table() {
	printf "%-44s %-30s %s\n" "6. big inspect documents (setup ${INSPECT_SETUP_S}s)" \
		"open: Enter in the list -> Inspect tab drawn" "figures only"
	printf "%-44s %s\n" "" "then :.Config.Labels Enter, E, $MOVES moves (j; k back at the ends)"
	inspect_rows "1 MB label" big "$BIG_BYTES" "Config.Labels.big: $BIG_CHARS characters"
	inspect_rows "$MANY_LABELS labels" many "$MANY_BYTES" "Config.Labels: $MANY_LABELS labels"
}

ver=$(curl -sS --noproxy '*' --unix-socket "$RIG_SOCK" http://localhost/version |
	sed -n 's/.*"Version":"\([^"]*\)".*"ApiVersion":"\([^"]*\)".*/\1 (API \2)/p' | head -n 1)
table_head() {
	printf 'budu benchmark  %s\n' "$(date -u +%FT%TZ)"
	printf 'budu %s | %s | Docker %s | %s terminal, LANG=C.UTF-8 TERM=xterm-256color\n' \
		"$("$BUDU" -V 2>/dev/null | awk '{ print $2 }')" "$BUDU" "$ver" "$SIZE"
}
finish() {
	cat "$W/results.txt"
	if [[ -n ${BENCH_OUT:-} ]]; then cp "$W/results.txt" "$BENCH_OUT" || say "cannot write $BENCH_OUT"; fi
	exit 0
}
if [[ $ONLY == inspect ]]; then
	{
		table_head
		printf 'engine: %d images before the inspect images\n\n' "$n0"
		inspect_table
	} >"$W/results.txt"
	finish
fi

# ---- the archive and the load ------------------------------------------------------
t=$(now)
"$W/gen-images" -n "$COUNT" "$W/images.tar" || fail "gen-images"
GEN_S=$(secs "$t" "$(now)")
ARCHIVE_BYTES=$(stat -c %s "$W/images.tar")
say "archive: $COUNT images, $ARCHIVE_BYTES bytes in ${GEN_S}s; docker load..."
t=$(now)
interruptible "$DOCKER" load -i "$W/images.tar" >"$W/load.log" 2>&1 || {
	tail -n 5 "$W/load.log" >&2
	fail "docker load"
}
LOAD_S=$(secs "$t" "$(now)")
rm -f "$W/images.tar"
say "docker load: ${LOAD_S}s"

# ---- 1. raw GET /images/json ------------------------------------------------------------
get_list "$W/list.json" >/dev/null || fail "GET /images/json"	# warm-up, and the body
N=$(grep -o '"Id":' "$W/list.json" | wc -l)
((N == COUNT + n0)) || fail "the engine lists $N images, expected $((COUNT + n0))"
: >"$W/curl.txt"
for ((i = 0; i < RUNS; i++)); do
	read -r code tt size < <(get_list /dev/null) || fail "GET /images/json"
	[[ $code == 200 ]] || fail "GET /images/json: HTTP $code"
	awk -v t="$tt" 'BEGIN { printf "%.3f\n", t * 1000 }' >>"$W/curl.txt"
done
BODY=$size
GET_MED=$(median <"$W/curl.txt")
GET_MIN=$(minimum <"$W/curl.txt")

# ---- 2-5. budu -----------------------------------------------------------------------------
: >"$W/first.txt"
for ((i = 1; i <= RUNS; i++)); do
	if ((i < RUNS)); then
		run_budu "$W/run$i.txt" "$N" || { cat "$W/run$i.txt.err" >&2; fail "budu run $i"; }
	else	# the last run also does the moves, the redraw and the idle phase
		run_budu "$W/run$i.txt" "$N" -k j -n "$MOVES" -q 30 -w 1000 -r -i "$IDLE" -o "$W/tty.raw" ||
			{ cat "$W/run$i.txt.err" >&2; fail "budu run $i (moves and idle)"; }
	fi
	kv "$W/run$i.txt" first_screen_ms >>"$W/first.txt"
	fallback=$(kv "$W/run$i.txt" marker_found)
	[[ $fallback == 1 ]] || FALLBACK=1
done
FULL=$W/run$RUNS.txt
FIRST_MED=$(median <"$W/first.txt")
FIRST_MIN=$(minimum <"$W/first.txt")
FIRST_MAX=$(maximum <"$W/first.txt")

# ---- the table ------------------------------------------------------------------------------
rows=$(grep -o '"RepoTags":\[[^]]*\]' "$W/list.json" | grep -o '"[^"]*:[^"]*"' | wc -l)
ratio=$(awk -v a="$FIRST_MED" -v b="$GET_MED" 'BEGIN { printf "%.2f", a / b }')
mbytes=$(kv "$FULL" move_bytes)
per_move=$(kv "$FULL" move_bytes_per_key)
redraw=$(kv "$FULL" redraw_bytes)
first_bytes=$(kv "$FULL" settled_bytes)
move_frac=$(awk -v a="$per_move" -v b="$redraw" 'BEGIN { printf "%.2f", b ? a / b : 0 }')
rss=$(kv "$FULL" maxrss_kb)
rss0=$(kv "$W/base.txt" maxrss_kb)
rss_mb=$(awk -v k="$rss" 'BEGIN { printf "%.1f", k / 1024 }')
rss0_mb=$(awk -v k="$rss0" 'BEGIN { printf "%.1f", k / 1024 }')
body_mb=$(awk -v b="$BODY" 'BEGIN { printf "%.2f", b / 1048576 }')
rss_ratio=$(awk -v k="$rss" -v b="$BODY" 'BEGIN { printf "%.1f", k * 1024 / b }')
rss_extra=$(awk -v k="$rss" -v k0="$rss0" -v b="$BODY" 'BEGIN { printf "%.1f", (k - k0) * 1024 / b }')
ticks=$(kv "$FULL" idle_cpu_ticks)

verdict() { if awk "BEGIN { exit !($1) }"; then echo ok; else echo MISS; fi; }
v_first=$(verdict "$ratio <= 1.5")
v_move=$(verdict "$move_frac < 0.5 && $(kv "$FULL" move_silent) == 0")
v_idle=$(verdict "$ticks == 0 && $(kv "$FULL" idle_bytes) == 0")

table() {
	local f='%-44s %-30s %s\n'
	table_head
	printf 'engine: %d images (%d rows with tags), /images/json body %d bytes (%s MiB)\n' \
		"$N" "$rows" "$BODY" "$body_mb"
	printf 'setup: engine start %ss, archive %s bytes generated in %ss, docker load %ss\n\n' \
		"$ENGINE_START" "$ARCHIVE_BYTES" "$GEN_S" "$LOAD_S"
	# shellcheck disable=SC2059 # the format is ours
	{
		printf "$f" "MEASURE" "VALUE" "TARGET / VERDICT"
		printf "$f" "1. raw GET /images/json (curl, $RUNS runs)" "median $GET_MED ms, min $GET_MIN ms" ""
		printf "$f" "2. budu exec -> first full screen" "median $FIRST_MED ms" "<= 1.5x raw: $v_first"
		printf "$f" "   (min / max of $RUNS)" "$FIRST_MIN / $FIRST_MAX ms" ""
		printf "$f" "   ratio to raw GET (median/median)" "${ratio}x" ""
		printf "$f" "   same, empty engine ($n0 images)" "$(kv "$W/base.txt" first_screen_ms) ms" ""
		printf "$f" "3. bytes for $MOVES moves (j)" "$mbytes B" ""
		printf "$f" "   per move" "$per_move B" "no full redraw: $v_move"
		printf "$f" "   full redraw (Ctrl-L)" "$redraw B" ""
		printf "$f" "   first screen (exec..settled)" "$first_bytes B" ""
		printf "$f" "   per move / full redraw" "$move_frac" ""
		printf "$f" "   key -> output latency" "median $(kv "$FULL" move_latency_median_ms) ms, max $(kv "$FULL" move_latency_max_ms) ms" ""
		printf "$f" "4. peak RSS (ru_maxrss)" "$rss kB ($rss_mb MiB)" ""
		printf "$f" "   /images/json body" "$BODY B ($body_mb MiB)" ""
		printf "$f" "   RSS / body" "${rss_ratio}x" ""
		printf "$f" "   resident after the first screen (idle)" "$(kv "$FULL" idle_rss_kb) kB (VmRSS)" ""
		printf "$f" "   RSS, empty engine" "$rss0 kB ($rss0_mb MiB)" ""
		printf "$f" "   (RSS - empty RSS) / body" "${rss_extra}x" ""
		printf "$f" "5. idle CPU over ${IDLE} s (utime+stime)" "$ticks ticks (1 tick = 1/$(kv "$FULL" clk_tck) s)" "0 ticks: $v_idle"
		printf "$f" "   run time, wakeups, bytes written" "$(kv "$FULL" idle_cpu_us) us, $(kv "$FULL" idle_ctx_switches) ctx switches, $(kv "$FULL" idle_bytes) B" ""
		printf "$f" "   budu total CPU (run $RUNS)" "user $(kv "$FULL" user_s) s, sys $(kv "$FULL" sys_s) s" ""
		printf "$f" "   quit on q" "$(kv "$FULL" quit_ms) ms, exit $(kv "$FULL" exit_status)" ""
		if [[ $ONLY != list ]]; then inspect_table; fi
	}
	if [[ -n ${FALLBACK:-} ]]; then
		printf '\nnote: "%s images" never appeared whole on the %s status line: budu cut it short;\n' "$N" "$SIZE"
		printf '      the first screen was detected by the fallback marker "· %s".\n' "$N"
	fi
}

table >"$W/results.txt"
finish
