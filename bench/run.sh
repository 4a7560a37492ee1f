#!/bin/bash
# bench/run.sh BUDU: budu against a private engine holding 10,000 images.
#
# Invoked by `make bench` as `$(SHELL) bench/run.sh /abs/path/to/budu`.
# Needs root (the private dockerd does), cc, OpenSSL's libcrypto, curl and
# Debian's /usr/bin/docker; no network.
#
# What it measures (the table goes to stdout):
#   1. one raw GET /images/json over the unix socket (curl), median and min of RUNS,
#      alternating with the runs of (2) (who goes first alternates too): curl's time_total,
#      and also the same curl from exec to exit (its own start-up, which budu's (2) includes:
#      a figure, for what the exec of a program linked with libcurl costs)
#   2. budu from exec to its first full screen: the rows of a screenful, drawn while the
#      list streams in (the status line's "<n> images so far, loading the rest" arrives in
#      the same screen update as the rows, after them), or the whole list's ("<N> images"),
#      whichever comes first; median of RUNS, and the ratio to (1); target <= 1.03x (issue
#      16). Then to the whole list ("<N> images"), median, ratio. With BENCH_BEFORE=/path/to/
#      another/budu, that one runs too, in the same rotation, on the same engine (before/after).
#      Also the start-up floor (bench/startup-floor.c): exec to exit of a program that links
#      only libcurl, less one that links nothing, median of 31: the dynamic loader's work for
#      libcurl's ~30 libraries, before any main runs, against the raw GET. And (2) once more
#      against drain-engine serving the same list after exactly the raw GET's median (curl's
#      time_total and budu's first screen, RUNS alternating runs): budu's own share, without
#      dockerd's run-to-run noise, which moves the median of (2) by tens of ms between runs
#   3. bytes budu writes for MOVES down-moves (j) in an 80x24 terminal, per move,
#      against the bytes of a full redraw (Ctrl-L) and of the first screen; and its write
#      calls per move (/proc/PID/io syscw: the pieces each frame reaches the terminal in)
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
#   7. containers (issue 9), also before the load: (a) BENCH_CONTAINERS containers made
#      with POST /containers/create (never started; from a near-empty image, as the vfs
#      driver copies the image into each one): raw GET /containers/json?all=1 (curl),
#      median and min of RUNS; budu from exec to the Containers panel's first full
#      screen ("containers ·" on the status line: its rows are there, from the engine's
#      first page or the whole list; 4 sent the moment the Images panel's first screen is
#      there), median of RUNS, ratio to the raw GET (one GET before each run), target
#      <= 1.2x; the same with the panel chosen at start (`set default-panel containers` in a
#      config file: exec -> its first screen), target <= 1.2x; the same to the whole list ("<N> containers"); 4 pressed on the settled Images panel -> that screen; 4 typed
#      ahead at exec (how many of RUNS draw the panel within 10 s); bytes per move (j)
#      there; peak RSS. (b) then, the 1,000 removed,
#      a busybox container (--network none) that logs about 10,000 lines a second,
#      opened in budu (4, / filter, Enter) so that its Logs tab follows it; over
#      BENCH_LOGS_S seconds: key -> output latency of k (pauses: "paused") and G
#      (follows again: "following"), one every 0.5 s, target max <= 50 ms; and budu's
#      CPU time against the engine's (dockerd + its containerd + that container's
#      containerd-shim, utime+stime from /proc) over the same window: target below.
#      Everything it made is removed again.
#   8. archives (issue 11: "for a 500 MB image, save, load and import within 1.1x of the
#      docker CLI doing the same on the same engine; budu's memory stays flat; a build
#      context of 20,000 files is tarred at least as fast as the CLI sends it"), also before
#      the load, through the core functions' probes (build/tests/engine/archive_probe and
#      build_probe, brought up to date here with make): an image of BENCH_ARCHIVE_MB MB (files of random
#      data, so incompressible, and busybox; docker import of its tar). RUNS of each, budu
#      and the CLI alternating (who goes first alternates too), wall time from exec to exit,
#      median: docker save -o F against archive_save to F (.tar), target <= 1.1x; budu's
#      .tar.gz and .tar.zst once each (figures, with docker save | gzip / zstd beside them);
#      docker load -i F against archive_load of the same F, the image removed before each
#      (docker rmi, not timed), <= 1.1x; docker import of the rootfs tar against
#      archive_import of it, and tar -C DIR -c . | docker import - against archive_import of
#      DIR, <= 1.1x; the peak RSS (/usr/bin/time %M: ru_maxrss) of every budu run, target
#      < 64 MB (flat: the archive is streamed, not held); a build context of
#      BENCH_CONTEXT_FILES files (2 KiB of random data each, 100 a directory) whose Dockerfile
#      is FROM a near-empty image and one LABEL, so that the build is the context's transfer
#      (and the engine unpacking it) once the LABEL step is cached (one build of each first,
#      not counted): DOCKER_BUILDKIT=0 docker build against build_run (build_probe), target
#      <= 1.0x; as that is mostly the engine's time, the same again against drain-engine
#      (bench/drain-engine.c: a stand-in engine that reads the context as fast as it comes
#      and logs how long the body took), the clients alone, target <= 1.0x; budu's context
#      tar alone (build_probe tar) as a figure. Everything it made is removed again;
#      it needs about 10x BENCH_ARCHIVE_MB free where the rig lives (else the full run skips
#      it and says so, BENCH_ONLY=archives fails).
#   9. ssh:// (issue 13: "budu's first screen against `docker -H ssh://… image ls` on the same
#      engine (target: faster, because the connection is reused), and each later view opening
#      without a new ssh handshake"), also before the load, on BENCH_SSH_IMAGES images (1,000:
#      gen-images, prefix budu-bench/ssh; not 10,000, so that it stays short) through the rig's
#      sshd on 127.0.0.1 (rig_sshd_start: its `docker` reaches the same engine; the far side
#      runs on the same cores). Both clients use the rig's ssh (RIG_SSH_BIN first on PATH).
#      BENCH_SSH_RUNS rounds (7), one CLI and one budu run each, twice a round, who goes first
#      alternating; one of each first, not counted: /usr/bin/docker -H ssh://… image ls, exec
#      -> exit (output to /dev/null); budu exec -> first screen ("<N> images", the rows drawn:
#      budu connects the ssh master before curses), then in one run of the pair 4 (the
#      Containers panel: key -> "containers ·") and in the other Enter on the first image (its
#      details: key -> "RepoTags" drawn); median and min of each, ratio budu / CLI (target
#      < 1.0); sshd's "Accepted publickey" lines counted around every budu run (target: 1
#      login a run) and around one more run that opens both (4, 1, Enter: 1 login in all).
#      The images are removed again.
#  11. layer files (issue 12; bench/layers.sh), before the load, like 6-9: a 1 GB image of 50,000
#      files (BENCH_LAYERS_MB, BENCH_LAYERS_FILES); f in its details -> the complete tree drawn
#      against docker save IMAGE >/dev/null (target <= 1.1x), budu's peak RSS (< 64 MiB), each
#      key's time to its screen drawn when moving (j/k) and folding (Space on the folder of
#      every file) in the unfolded tree (< 5 ms). See bench/layers.sh.
#  10. event storms (issue 16; bench/storm.sh), after the load: BENCH_STORM (30) docker tag of one
#      image and as many docker rmi of those tags, in a row, once with nobody watching and once
#      with budu on its first screen; the engine's CPU (dockerd utime+stime, /proc) from the
#      storm's start to BENCH_STORM_SETTLE (5) s after it, and budu's requests from the engine's
#      debug log: full image lists (target <= 2) and extra engine CPU (target < 0.5 s).
#  12. 100,000 images (issue 16; bench/big.sh), last, as it adds to the engine: BENCH_BIG
#      (100000) minus BENCH_IMAGES more images, untagged, loaded in one docker load (a few
#      minutes); RUNS rounds of one raw GET and budu's first screen, alternating: target
#      <= 1.05x; peak RSS < 2x the body. See bench/big.sh.
#
# Knobs (environment): BENCH_IMAGES (10000) BENCH_RUNS (7) BENCH_MOVES (100) BENCH_BEFORE
# BENCH_IDLE (10 s) BENCH_SIZE (24x80) BENCH_OUT (a file that also gets the table)
# BENCH_INSPECT_RUNS (3) BENCH_CONTAINERS (1000) BENCH_LOGS_S (10 s)
# BENCH_ARCHIVE_MB (500) BENCH_CONTEXT_FILES (20000) ARCHIVE_PROBE BUILD_PROBE (the probes,
# default beside BUDU in its build directory) BENCH_SSH_IMAGES (1000) BENCH_SSH_RUNS (7)
# BENCH_ONLY ("": everything; "inspect": only 6, quick; "containers": only 7, quick;
# "archives": only 8; "ssh": only 9, about a minute; "layers": only 11; "list": only 1-5;
# "storm": 1-5 and 10; "big": the load, then only 12) BENCH_BIG (100000; 0: no section 12)
# BENCH_STORM (30) BENCH_STORM_SETTLE (5 s) BENCH_LAYERS_MB (1024)
# BENCH_LAYERS_FILES (50000) BENCH_FOLDS (50) LAYERS_PROBE.
# Everything started here is stopped, and every temp file removed, on any exit.

# make runs this with /bin/sh; the rig is bash.
if [ -z "${BASH_VERSION:-}" ]; then exec bash "$0" "$@"; fi
set -o pipefail

BUDU=${1:-}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TOP=$(dirname "$HERE")
COUNT=${BENCH_IMAGES:-10000}
RUNS=${BENCH_RUNS:-7}
BEFORE=${BENCH_BEFORE:-}
MOVES=${BENCH_MOVES:-100}
IDLE=${BENCH_IDLE:-10}
SIZE=${BENCH_SIZE:-24x80}
INSPECT_RUNS=${BENCH_INSPECT_RUNS:-3}
NCONT=${BENCH_CONTAINERS:-1000}
LOGS_S=${BENCH_LOGS_S:-10}
ARX_MB=${BENCH_ARCHIVE_MB:-500}
CTX_FILES=${BENCH_CONTEXT_FILES:-20000}
SSH_IMAGES=${BENCH_SSH_IMAGES:-1000}
SSH_RUNS=${BENCH_SSH_RUNS:-7}
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
# ms_since T0: milliseconds from T0 (EPOCHREALTIME, or now's) to now; the clock is read before
# awk starts
ms_since() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f\n", (b - a) * 1000 }'; }
# kv FILE KEY: the value of a key=value line
kv() { sed -n "s/^$2=//p" "$1" | tail -n 1; }
# median / min / max of numbers on stdin
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR) printf "%.1f", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
minimum() { sort -g | head -n 1 | awk '{ printf "%.1f", $1 }'; }
maximum() { sort -g | tail -n 1 | awk '{ printf "%.1f", $1 }'; }

[[ -n $BUDU && -x $BUDU ]] || fail "usage: run.sh /abs/path/to/budu (got '${BUDU}', not an executable)"
[[ $COUNT =~ ^[0-9]+$ && $COUNT -ge 1 && $COUNT -le 999999 ]] || fail "BENCH_IMAGES must be 1..999999"
[[ -z $BEFORE || -x $BEFORE ]] || fail "BENCH_BEFORE=$BEFORE is no executable"
[[ $INSPECT_RUNS =~ ^[0-9]+$ && $INSPECT_RUNS -ge 1 ]] || fail "BENCH_INSPECT_RUNS must be >= 1"
[[ $ONLY == "" || $ONLY == inspect || $ONLY == list || $ONLY == containers || $ONLY == archives || $ONLY == ssh ||
	$ONLY == storm || $ONLY == layers || $ONLY == big ]] ||
	fail "BENCH_ONLY must be empty, inspect, containers, archives, ssh, layers, list, storm or big"
[[ ${BENCH_BIG:-100000} =~ ^[0-9]+$ && ( ${BENCH_BIG:-100000} -eq 0 || ${BENCH_BIG:-100000} -gt $COUNT ) &&
	${BENCH_BIG:-100000} -le 999999 ]] || fail "BENCH_BIG must be 0 (none) or more than BENCH_IMAGES, up to 999999"
[[ $SSH_IMAGES =~ ^[0-9]+$ && $SSH_IMAGES -ge 1 && $SSH_IMAGES -le 99999 ]] || fail "BENCH_SSH_IMAGES must be 1..99999"
[[ $SSH_RUNS =~ ^[0-9]+$ && $SSH_RUNS -ge 1 ]] || fail "BENCH_SSH_RUNS must be >= 1"
[[ $ARX_MB =~ ^[0-9]+$ && $ARX_MB -ge 1 && $ARX_MB -le 100000 ]] || fail "BENCH_ARCHIVE_MB must be 1..100000"
[[ $CTX_FILES =~ ^[0-9]+$ && $CTX_FILES -ge 1 && $CTX_FILES -le 1000000 ]] ||
	fail "BENCH_CONTEXT_FILES must be 1..1000000"
[[ $NCONT =~ ^[0-9]+$ && $NCONT -ge 1 && $NCONT -le 99999 ]] || fail "BENCH_CONTAINERS must be 1..99999"
[[ $LOGS_S =~ ^[0-9]+$ && $LOGS_S -ge 1 ]] || fail "BENCH_LOGS_S must be >= 1"
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
cc -O2 -std=c11 -Wall -o "$W/drain-engine" "$HERE/drain-engine.c" || fail "cannot build drain-engine"
cc -O2 -std=c11 -Wall -DWITH_CURL -o "$W/floor-curl" "$HERE/startup-floor.c" -lcurl &&
	cc -O2 -std=c11 -Wall -o "$W/floor-none" "$HERE/startup-floor.c" || fail "cannot build startup-floor"

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

# run_list_budu OUT COUNT BUDU [ptybench options...]: run_budu's, with the first screen taken
# at the rows drawn while the list still streams in (-m), and the whole list timed too (-W)
run_list_budu() {
	local out=$1 n=$2 b=$3
	shift 3
	interruptible "${budu_env[@]}" "$W/ptybench" -s "$SIZE" -t 300 -m "so far, loading the rest" -m "$n images" \
		-m "· $n" -W "· $n" "$@" -- "$b" >"$out" 2>"$out.err"
}

# get_list OUT [SOCK]: GET /images/json of the rig's engine (or the one on SOCK) into OUT;
# prints "CODE TIME_TOTAL SIZE"
get_list() {
	curl -sS --noproxy '*' --max-time 120 --unix-socket "${2:-$RIG_SOCK}" -o "$1" \
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

if [[ $ONLY == "" || $ONLY == inspect ]]; then
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
# ---- 7. containers (issue 9; before the load, like 6) --------------------------------------
C=$W/containers
TINY_IMAGE=budu-bench/tiny:1
BB_IMAGE=budu-bench/bb:1
LOGGER=budu-bench-logger

# api METHOD PATH [curl options...]: one request to the engine, the body to stdout
api() {
	local method=$1 path=$2
	shift 2
	curl -sS --fail --noproxy '*' --max-time 120 --unix-socket "$RIG_SOCK" -X "$method" "$@" "http://localhost$path"
}
count_ids() { grep -o '"Id":' | wc -l; }

# the images: a near-empty one for the 1,000 (never started: vfs copies the image into
# every container, 2 MB of busybox times 1,000), and busybox for the one that logs
make_container_images() {
	mkdir -p "$C/tiny/etc" "$C/bb/bin" || return 1
	: >"$C/tiny/etc/hostname"
	tar -C "$C/tiny" -c . | "$DOCKER" import --change 'CMD ["true"]' - "$TINY_IMAGE" >/dev/null || return 1
	cp "$RIG_BUSYBOX" "$C/bb/bin/busybox" || return 1
	local a
	for a in sh seq usleep true; do ln -s busybox "$C/bb/bin/$a" || return 1; done
	tar -C "$C/bb" -c . | "$DOCKER" import --change 'CMD ["/bin/sh"]' - "$BB_IMAGE" >/dev/null
}

# shellcheck disable=SC2016,SC2317 # run through interruptible; $BODY etc. expand in bash -c
# create_containers N: POST /containers/create N times, 50 requests to a curl (one
# connection, --next), 4 curls at a time; names budu-bench-00001..., label budu-bench
create_containers() {
	local body
	body='{"Image":"'$TINY_IMAGE'","Cmd":["true"],"Labels":{"budu-bench":"1"},"HostConfig":{"NetworkMode":"none"}}'
	seq -f 'budu-bench-%05g' 1 "$1" | BODY=$body SOCK=$RIG_SOCK xargs -P 4 -n 50 bash -c '
		a=()
		for n; do
			a+=(--next -sS --fail --noproxy "*" --max-time 120 --unix-socket "$SOCK" -o /dev/null
				-H "Content-Type: application/json" --data-binary "$BODY" "http://localhost/containers/create?name=$n")
		done
		exec curl "${a[@]:1}"' _
}

# prune_containers: the stopped (or never started) ones that carry the label budu-bench
# shellcheck disable=SC2317 # run through interruptible
prune_containers() {
	# (removing 1,000 vfs copies took over 120 s on a loaded machine)
	api POST '/containers/prune?filters=%7B%22label%22%3A%5B%22budu-bench%22%5D%7D' -o /dev/null --max-time 900
}
# remove_containers: the logger, the rest, then the images
remove_containers() {
	api DELETE "/containers/$LOGGER?force=1" -o /dev/null 2>/dev/null
	prune_containers && "$DOCKER" rmi "$TINY_IMAGE" "$BB_IMAGE" >/dev/null
}

# the container's shim: the containerd-shim whose command line names its ID
shim_pid() {
	local p
	for p in /proc/[0-9]*; do
		tr '\0' ' ' 2>/dev/null <"$p/cmdline" | grep -q "containerd-shim.* -id $1" && { echo "${p#/proc/}"; return 0; }
	done
	return 1
}

# last_line ID: the container's last log line (its running count)
last_line() { "$DOCKER" logs --tail 1 "$1" 2>/dev/null | tail -n 1; }

if [[ $ONLY == "" || $ONLY == containers ]]; then
	mkdir -p "$C" || fail "mkdir $C"
	make_container_images || fail "cannot make the container images"
	t=$(now)
	interruptible create_containers "$NCONT" || fail "POST /containers/create"
	CREATE_S=$(secs "$t" "$(now)")
	api GET '/containers/json?all=1' -o "$C/list.json" || fail "GET /containers/json"
	NC=$(count_ids <"$C/list.json")
	((NC >= NCONT)) || fail "the engine lists $NC containers, expected $NCONT or more"
	say "$NCONT containers created in ${CREATE_S}s; the engine lists $NC"
	CBODY=$(stat -c %s "$C/list.json")
	nimg=$(api GET /images/json | count_ids)

	# (a) raw GET and budu, one of each a run (interleaved: this machine's load varies)
	: >"$C/curl.txt"
	: >"$C/exec.txt"
	: >"$C/full.txt"
	: >"$C/open.txt"
	: >"$C/typed.txt"
	: >"$C/dp.txt"
	printf 'set default-panel containers\n' >"$C/default-panel.conf"
	TYPED_OK=0
	for ((i = 1; i <= RUNS; i++)); do
		api GET '/containers/json?all=1' -o /dev/null -w '%{time_total}\n' |
			awk '{ printf "%.3f\n", $1 * 1000 }' >>"$C/curl.txt" || fail "GET /containers/json"
		# exec -> the Containers panel: 4 as soon as the Images panel's first screen is there;
		# its first screen (the newest containers or all of them), then the whole list
		run_budu "$C/exec$i.txt" "$nimg" -t 30 -S 0 -p 4 -M "containers ·" ||
			{ cat "$C/exec$i.txt.err" >&2; fail "budu -S 0 -p 4, run $i"; }
		kv "$C/exec$i.txt" open_since_exec_ms >>"$C/exec.txt"
		run_budu "$C/full$i.txt" "$nimg" -t 30 -S 0 -p 4 -M "$NC containers" ||
			{ cat "$C/full$i.txt.err" >&2; fail "budu -S 0 -p 4 (whole list), run $i"; }
		kv "$C/full$i.txt" open_since_exec_ms >>"$C/full.txt"
		# the panel chosen at start (the config file's `set default-panel containers`): exec ->
		# its first screen, the Images panel never drawn
		interruptible "${budu_env[@]}" "BUDU_CONFIG=$C/default-panel.conf" "$W/ptybench" -s "$SIZE" -t 30 \
			-m "containers ·" -- "$BUDU" >"$C/dp$i.txt" 2>"$C/dp$i.txt.err" ||
			{ cat "$C/dp$i.txt.err" >&2; fail "budu with default-panel containers, run $i"; }
		kv "$C/dp$i.txt" first_screen_ms >>"$C/dp.txt"
		# 4 on the settled Images panel; the last run also moves
		more=()
		((i == RUNS)) && more=(-k j -n "$MOVES" -q 30 -w 1000 -r)
		run_budu "$C/open$i.txt" "$nimg" -p 4 -M "$NC containers" "${more[@]}" ||
			{ cat "$C/open$i.txt.err" >&2; fail "budu -p 4, run $i"; }
		kv "$C/open$i.txt" open_ms >>"$C/open.txt"
		# 4 typed ahead at exec, before budu has drawn anything (it may come while budu
		# still connects): counted, not required; 10 s each at most
		if interruptible "${budu_env[@]}" "$W/ptybench" -s "$SIZE" -t 10 -T 4 -m "$NC containers" -- "$BUDU" \
			>"$C/typed$i.txt" 2>"$C/typed$i.txt.err"; then
			TYPED_OK=$((TYPED_OK + 1))
			kv "$C/typed$i.txt" first_screen_ms >>"$C/typed.txt"
		fi
	done
	CFULL=$C/open$RUNS.txt

	# (b) the 1,000 go; one that logs ~10,000 lines a second comes
	t=$(now)
	interruptible prune_containers || fail "POST /containers/prune"
	PRUNE_S=$(secs "$t" "$(now)")
	# shellcheck disable=SC2016 # the container's shell expands it
	cid=$("$DOCKER" run -d --network none --name "$LOGGER" -l budu-bench=1 "$BB_IMAGE" \
		sh -c 'i=1; while :; do seq $i $((i + 999)); i=$((i + 1000)); usleep 100000; done') ||
		fail "docker run $LOGGER"
	sleep 1
	dpid=$(rig__pidfile "$RIG_DIR/dockerd.pid") || fail "no dockerd pid"
	cpid=$(rig__pidfile "$RIG_DIR/exec/containerd/containerd.pid") || cpid=
	spid=$(shim_pid "$cid") || spid=
	others=(-c "$dpid")
	[[ -n $cpid ]] && others+=(-c "$cpid")
	[[ -n $spid ]] && others+=(-c "$spid")
	l0=$(last_line "$cid")
	t0=$(now)
	run_budu "$C/logs.txt" "$nimg" -p "4/$LOGGER\r\r" -M following \
		-L "$LOGS_S" -K k -E paused -K G -E following -I 500 -w 1000 "${others[@]}" -Q qq ||
		{ cat "$C/logs.txt.err" >&2; fail "budu following $LOGGER"; }
	l1=$(last_line "$cid")
	t1=$(now)
	LOG_RATE=$(awk -v a="$l0" -v b="$l1" -v t="$(secs "$t0" "$t1")" 'BEGIN { printf "%.0f", (b - a) / t }')
	remove_containers || fail "cannot remove the bench containers and their images"
	api GET '/containers/json?all=1' | count_ids >"$C/left"
	say "containers removed; $(cat "$C/left") left"
fi

containers_table() {
	local f='%-44s %-30s %s\n' L=$C/logs.txt
	local get_med exec_med ratio dp_med dp_ratio typed per_move redraw frac budu_t eng_t v_lat v_cpu v_ratio v_move
	get_med=$(median <"$C/curl.txt")
	exec_med=$(median <"$C/exec.txt")
	ratio=$(awk -v a="$exec_med" -v b="$get_med" 'BEGIN { printf "%.2f", a / b }')
	dp_med=$(median <"$C/dp.txt")
	dp_ratio=$(awk -v a="$dp_med" -v b="$get_med" 'BEGIN { printf "%.2f", a / b }')
	typed="$TYPED_OK of $RUNS drawn"
	((TYPED_OK)) && typed+=", median $(median <"$C/typed.txt") ms"
	per_move=$(kv "$CFULL" move_bytes_per_key)
	redraw=$(kv "$CFULL" redraw_bytes)
	frac=$(awk -v a="$per_move" -v b="$redraw" 'BEGIN { printf "%.2f", b ? a / b : 0 }')
	budu_t=$(kv "$L" load_cpu_ticks)
	eng_t=$(kv "$L" load_other_ticks)
	v_ratio=$(verdict "$ratio <= 1.2")
	v_move=$(verdict "$frac < 0.5 && $(kv "$CFULL" move_silent) == 0")
	v_lat=$(verdict "$(kv "$L" load_latency_max_ms) <= 50 && $(kv "$L" load_missed) == 0")
	v_cpu=$(verdict "$budu_t >= 0 && $eng_t > 0 && $budu_t < $eng_t")
	per_pid() {	# "dockerd 12, containerd 3, shim 40"
		local s
		s="dockerd $(kv "$L" "load_other_${dpid}_ticks")"
		[[ -n $cpid ]] && s+=", containerd $(kv "$L" "load_other_${cpid}_ticks")"
		[[ -n $spid ]] && s+=", shim $(kv "$L" "load_other_${spid}_ticks")"
		echo "$s"
	}
	# shellcheck disable=SC2059 # the format is ours
	{
		printf "$f" "7. containers (created in ${CREATE_S}s)" "$NC containers, /containers/json?all=1 $CBODY B" "issue 9"
		printf "$f" "   raw GET /containers/json?all=1 ($RUNS)" "median $get_med ms, min $(minimum <"$C/curl.txt") ms" ""
		printf "$f" "   budu exec -> Containers panel" "median $exec_med ms (min $(minimum <"$C/exec.txt"), max $(maximum <"$C/exec.txt"))" "<= 1.2x raw: $v_ratio"
		printf "$f" "   budu exec -> the whole list" "median $(median <"$C/full.txt") ms (min $(minimum <"$C/full.txt"), max $(maximum <"$C/full.txt"))" "figure"
		printf "$f" "   (4 at the first Images screen)" "" ""
		printf "$f" "   ratio to raw GET (median/median)" "${ratio}x" ""
		printf "$f" "   budu exec -> Containers panel" "median $dp_med ms (min $(minimum <"$C/dp.txt"), max $(maximum <"$C/dp.txt"))" "<= 1.2x raw: $(verdict "$dp_ratio <= 1.2")"
		printf "$f" "   (set default-panel containers)" "${dp_ratio}x the raw GET" ""
		printf "$f" "   4 on the Images panel -> Containers" "median $(median <"$C/open.txt") ms (min $(minimum <"$C/open.txt"), max $(maximum <"$C/open.txt"))" ""
		printf "$f" "   4 typed ahead at exec (10 s limit)" "$typed" ""
		printf "$f" "   budu exec -> first screen, empty engine" "$(kv "$W/base.txt" first_screen_ms) ms (Images panel, no containers)" ""
		printf "$f" "   per move (j, $(kv "$CFULL" moves) moves)" "$per_move B (full redraw $redraw B, $frac)" "no full redraw: $v_move"
		printf "$f" "   key -> output latency" "median $(kv "$CFULL" move_latency_median_ms) ms, max $(kv "$CFULL" move_latency_max_ms) ms" ""
		printf "$f" "   peak RSS (ru_maxrss)" "$(kv "$CFULL" maxrss_kb) kB (empty engine: $(kv "$W/base.txt" maxrss_kb) kB)" ""
		printf "$f" "   following a log (1 container, $LOGS_S s)" "~$LOG_RATE lines/s logged (seq, 1,000 per 0.1 s)" ""
		printf "$f" "   open: Enter -> \"following\"" "$(kv "$L" open_ms) ms" ""
		printf "$f" "   k / G (pause / follow) -> drawn" "median $(kv "$L" load_latency_median_ms) ms, max $(kv "$L" load_latency_max_ms) ms ($(kv "$L" load_keys) keys, $(kv "$L" load_missed) missed)" "max <= 50 ms: $v_lat"
		printf "$f" "   budu CPU (utime+stime)" "$budu_t ticks ($(kv "$L" load_cpu_us) us run time)" "below the engine: $v_cpu"
		printf "$f" "   engine CPU, same window" "$eng_t ticks ($(per_pid))" ""
		printf "$f" "   budu writes to the terminal" "$(kv "$L" load_bytes_per_s) B/s ($(kv "$L" load_ctx_switches) ctx switches)" ""
		printf "$f" "   budu RSS while following (VmRSS)" "$(kv "$L" load_rss_kb) kB (peak $(kv "$L" maxrss_kb) kB)" ""
		printf "$f" "   cleanup" "prune of $NCONT in ${PRUNE_S}s; $(cat "$C/left") containers left" ""
	}
}

# ---- 8. archives (issue 11; before the load, like 6 and 7) --------------------------------
A=$W/archives
ARX_IMAGE=budu-bench/big:1
ARX_IMPORTED=budu-bench/imported:1
ARX_BASE=budu-bench/ctx-base:1
ARX_BUILT=budu-bench/ctx:1
ARX_STATE=	# "": not run; "skipped: why"; "measured"

# the probes: beside budu in its build directory unless named
arx_probes() {
	local bd
	bd=$(dirname "$BUDU")
	APROBE=${ARCHIVE_PROBE:-$bd/tests/engine/archive_probe}
	BPROBE=${BUILD_PROBE:-$bd/tests/engine/build_probe}
	if [[ -z ${ARCHIVE_PROBE:-} || -z ${BUILD_PROBE:-} ]]; then
		# up to date with the sources, as make bench makes budu (quiet when it is)
		[[ -f $bd/Makefile ]] || return 1
		make -s -C "$bd" tests/engine/archive_probe tests/engine/build_probe >"$W/probes.log" 2>&1 ||
			{ tail -n 20 "$W/probes.log" >&2; return 1; }
	fi
	[[ -x $APROBE && -x $BPROBE ]]
}

# timed KEY CMD...: runs CMD; its wall time (s) goes to $A/KEY.s, its peak RSS (kB,
# ru_maxrss through /usr/bin/time) to $A/KEY.kb, its output to $A/KEY.out (stdout; set
# TIMED_STDOUT for another file) and $A/KEY.err
timed() {
	local key=$1 t0 t1
	shift
	t0=$(now)
	interruptible /usr/bin/time -f %M -o "$A/$key.rss" "$@" >"${TIMED_STDOUT:-$A/$key.out}" 2>"$A/$key.err" || {
		say "$key: $* failed"
		tail -n 5 "$A/$key.out" "$A/$key.err" >&2 2>/dev/null
		return 1
	}
	t1=$(now)
	awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f\n", b - a }' >>"$A/$key.s"
	tail -n 1 "$A/$key.rss" >>"$A/$key.kb"
}

# pair I CLI-FN BUDU-FN: one run of each, the CLI first on odd I, budu first on even I
pair() {
	if (($1 % 2)); then "$2" && "$3"; else "$3" && "$2"; fi
}

rmi_quiet() { "$DOCKER" rmi "$@" >/dev/null; }
image_size() { "$DOCKER" image inspect -f '{{.Size}}' "$1"; }

# the image: ceil(MB/100) files of random data (100 MB each, the last one the rest) and busybox,
# as a directory (import of a directory), its tar (import of a file) and an image (save)
make_archive_inputs() {
	local left=$ARX_MB k=0 mb a
	mkdir -p "$A/rootfs/bin" "$A/rootfs/data" || return 1
	cp "$RIG_BUSYBOX" "$A/rootfs/bin/busybox" || return 1
	for a in sh ls cat; do ln -s busybox "$A/rootfs/bin/$a" || return 1; done
	while ((left > 0)); do
		mb=$((left < 100 ? left : 100))
		k=$((k + 1))
		head -c "${mb}M" /dev/urandom >"$A/rootfs/data/blob$k" || return 1
		left=$((left - mb))
	done
	ARX_BLOBS=$k
	tar -C "$A/rootfs" -c . >"$A/rootfs.tar" || return 1
	"$DOCKER" import --change 'CMD ["/bin/sh"]' "$A/rootfs.tar" "$ARX_IMAGE" >/dev/null || return 1
	# the build context: CTX_FILES files of 2 KiB of random data, 100 a directory
	local left_f=$CTX_FILES d=0 n
	mkdir -p "$A/ctx" "$A/base/etc" || return 1
	while ((left_f > 0)); do
		n=$((left_f < 100 ? left_f : 100))
		mkdir "$A/ctx/d$(printf %04d "$d")" || return 1
		head -c $((n * 2048)) /dev/urandom | split -b 2048 -a 3 -d - "$A/ctx/d$(printf %04d "$d")/f" || return 1
		left_f=$((left_f - n))
		d=$((d + 1))
	done
	printf 'FROM %s\nLABEL budu-bench=context\n' "$ARX_BASE" >"$A/ctx/Dockerfile" || return 1
	: >"$A/base/etc/hostname"
	tar -C "$A/base" -c . | "$DOCKER" import --change 'CMD ["true"]' - "$ARX_BASE" >/dev/null
}

# one run of each, as pair() takes them
# shellcheck disable=SC2317 # through pair
save_cli() { rm -f "$A/cli.tar" && timed save_cli "$DOCKER" save -o "$A/cli.tar" "$ARX_IMAGE"; }
# shellcheck disable=SC2317 # through pair
save_budu() { rm -f "$A/budu.tar" && timed save_budu "$APROBE" save "$A/budu.tar" "$ARX_IMAGE"; }
# shellcheck disable=SC2317 # through pair
load_cli() { rmi_quiet "$ARX_IMAGE" && timed load_cli "$DOCKER" load -i "$A/cli.tar"; }
# shellcheck disable=SC2317 # through pair
load_budu() { rmi_quiet "$ARX_IMAGE" && timed load_budu "$APROBE" load "$A/cli.tar"; }
# shellcheck disable=SC2317 # through pair
import_cli() { timed import_cli "$DOCKER" import "$A/rootfs.tar" "$ARX_IMPORTED" && rmi_quiet "$ARX_IMPORTED"; }
# shellcheck disable=SC2317 # through pair
import_budu() { timed import_budu "$APROBE" import "$A/rootfs.tar" "$ARX_IMPORTED" && rmi_quiet "$ARX_IMPORTED"; }
# shellcheck disable=SC2016,SC2317 # bash -c expands them; through pair
importdir_cli() {
	timed importdir_cli bash -c 'tar -C "$1" -c . | "$2" import - "$3"' _ "$A/rootfs" "$DOCKER" "$ARX_IMPORTED" &&
		rmi_quiet "$ARX_IMPORTED"
}
# shellcheck disable=SC2317 # through pair
importdir_budu() { timed importdir_budu "$APROBE" import "$A/rootfs" "$ARX_IMPORTED" && rmi_quiet "$ARX_IMPORTED"; }
# shellcheck disable=SC2317 # through pair
build_cli() { timed build_cli env DOCKER_BUILDKIT=0 "$DOCKER" build -t "$ARX_BUILT" "$A/ctx"; }
# shellcheck disable=SC2317 # through pair
build_budu() { timed build_budu "$BPROBE" build -t "$ARX_BUILT" "$A/ctx"; }
# the same against drain-engine, which takes the context as fast as it comes; the time it
# took to read the body (its first byte to its last) goes to KEY.body
# shellcheck disable=SC2317 # through pair
drain_cli() {
	timed drain_cli env "DOCKER_HOST=unix://$A/drain.sock" DOCKER_BUILDKIT=0 "$DOCKER" build -t "$ARX_BUILT" "$A/ctx" &&
		drain_body drain_cli
}
# shellcheck disable=SC2317 # through pair
drain_budu() {
	timed drain_budu env "DOCKER_HOST=unix://$A/drain.sock" "$BPROBE" build -t "$ARX_BUILT" "$A/ctx" &&
		drain_body drain_budu
}
# shellcheck disable=SC2317 # through drain_cli, drain_budu
drain_body() {
	local l
	l=$(tail -n 1 "$A/drain.log")
	[[ $l =~ bytes=([0-9]+).*body_ms=([0-9.]+) ]] || { say "drain-engine logged no build"; return 1; }
	echo "${BASH_REMATCH[2]}" >>"$A/$1.body"
	echo "${BASH_REMATCH[1]}" >"$A/$1.bytes"
}

# a saved file of the compression C (gz, zst): budu, then the CLI piped into the compressor
save_compressed() {
	local c=$1 tool=$2
	timed "save_budu_$c" "$APROBE" save "$A/budu.tar.$c" "$ARX_IMAGE" || return 1
	stat -c %s "$A/budu.tar.$c" >"$A/save_budu_$c.size"
	rm -f "$A/budu.tar.$c"
	if command -v "$tool" >/dev/null; then
		# shellcheck disable=SC2016 # bash -c expands them
		timed "save_cli_$c" bash -c '"$1" save "$2" | "$3" -c >"$4"' _ "$DOCKER" "$ARX_IMAGE" "$tool" "$A/cli.tar.$c" ||
			return 1
		stat -c %s "$A/cli.tar.$c" >"$A/save_cli_$c.size"
		rm -f "$A/cli.tar.$c"
	fi
}

# the load average (1 min) and what runs: the machine's state around the section
loadavg() { cut -d ' ' -f 1-3 /proc/loadavg; }

run_archives() {
	local i need avail
	mkdir -p "$A" || return 1
	need=$((ARX_MB * 10 + 1024))
	avail=$(df -Pm "$A" | awk 'NR == 2 { print $4 }')
	if ((avail < need)); then
		ARX_STATE="skipped: it needs ~$need MB free in $A, there are $avail MB"
		return 2
	fi
	arx_probes || { ARX_STATE="skipped: no archive_probe/build_probe beside $BUDU (make check makes them)"; return 2; }
	ARX_LOAD0=$(loadavg)
	ARX_DISK0=$avail
	t=$(now)
	make_archive_inputs || return 1
	ARX_SETUP_S=$(secs "$t" "$(now)")
	ARX_TAR_BYTES=$(stat -c %s "$A/rootfs.tar")
	ARX_IMAGE_BYTES=$(image_size "$ARX_IMAGE") || return 1
	say "archives: $ARX_IMAGE $ARX_IMAGE_BYTES B, rootfs tar $ARX_TAR_BYTES B, context of $CTX_FILES files, in ${ARX_SETUP_S}s"

	say "archives: save"
	for ((i = 1; i <= RUNS; i++)); do pair "$i" save_cli save_budu || return 1; done
	ARX_SAVE_BYTES=$(stat -c %s "$A/cli.tar")
	if cmp -s "$A/cli.tar" "$A/budu.tar"; then ARX_SAME=identical; else ARX_SAME=different; fi
	rm -f "$A/budu.tar"
	say "archives: save .tar.gz, .tar.zst (once each)"
	save_compressed gz gzip && save_compressed zst zstd || return 1

	say "archives: load"
	for ((i = 1; i <= RUNS; i++)); do pair "$i" load_cli load_budu || return 1; done
	grep -q "^loaded: $ARX_IMAGE\$" "$A/load_budu.out" || { say "budu's load did not name $ARX_IMAGE"; return 1; }
	rm -f "$A/cli.tar"

	say "archives: import of the tar, of the directory"
	for ((i = 1; i <= RUNS; i++)); do pair "$i" import_cli import_budu || return 1; done
	for ((i = 1; i <= RUNS; i++)); do pair "$i" importdir_cli importdir_budu || return 1; done

	say "archives: build context"
	# the LABEL step's cache and the file system's caches: one of each, not counted
	build_cli && build_budu || return 1
	rm -f "$A"/build_*.s "$A"/build_*.kb
	for ((i = 1; i <= RUNS; i++)); do pair "$i" build_cli build_budu || return 1; done
	grep -q '^result: ok ' "$A/build_budu.out" || { say "budu's build failed"; return 1; }
	ARX_CTX_CLI=$(sed -n 's/^Sending build context to Docker daemon *//p' "$A/build_cli.out" | tail -n 1)
	ARX_CTX_BUDU=$(sed -n 's/^context: //p' "$A/build_budu.out")
	for ((i = 1; i <= RUNS; i++)); do
		TIMED_STDOUT=/dev/null timed ctxtar_budu "$BPROBE" tar "$A/ctx" || return 1
	done
	# the clients alone: against drain-engine (one of each first, not counted)
	start_drain "$A/drain.sock" "$A/drain.log" || return 1
	drain_cli && drain_budu || return 1
	rm -f "$A"/drain_*.s "$A"/drain_*.kb "$A"/drain_*.body
	for ((i = 1; i <= RUNS; i++)); do pair "$i" drain_cli drain_budu || return 1; done
	grep -q '^result: ok ' "$A/drain_budu.out" || { say "budu's build against drain-engine failed"; return 1; }
	kill "$DRAIN_PID" 2>/dev/null
	wait "$DRAIN_PID" 2>/dev/null
	ARX_LOAD1=$(loadavg)
	ARX_DISK_MIN=$(df -Pm "$A" | awk 'NR == 2 { print $4 }')

	rmi_quiet "$ARX_BUILT" "$ARX_BASE" "$ARX_IMAGE" || return 1
	rm -rf "$A/rootfs" "$A/rootfs.tar" "$A/ctx" "$A/base"
	ARX_LEFT=$(api GET /images/json | count_ids)
	ARX_STATE=measured
}

if [[ $ONLY == "" || $ONLY == archives ]]; then
	run_archives
	rc=$?
	if ((rc == 1)); then fail "archives (section 8)"; fi
	if ((rc == 2)); then
		[[ $ONLY == archives ]] && fail "archives $ARX_STATE"
		say "archives $ARX_STATE"
	fi
fi

# arx_med KEY: the median of its times, in ms precision
arx_med() {
	sort -g "$A/$1.s" | awk '{ v[NR] = $1 } END { printf "%.3f", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
# arx_ratio CLI-KEY BUDU-KEY: budu's median over the CLI's
arx_ratio() {
	awk -v a="$(arx_med "$2")" -v b="$(arx_med "$1")" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'
}
# arx_time KEY [BYTES]: "median 4.21 s (4.10..4.50), 118 MB/s"
arx_time() {
	local med
	med=$(arx_med "$1")
	printf 'median %.2f s (%s..%s)' "$med" "$(sort -g "$A/$1.s" | head -n 1 | awk '{ printf "%.2f", $1 }')" \
		"$(sort -g "$A/$1.s" | tail -n 1 | awk '{ printf "%.2f", $1 }')"
	if [[ -n ${2:-} ]]; then awk -v b="$2" -v s="$med" 'BEGIN { if (s > 0) printf ", %.0f MB/s", b / 1e6 / s }'; fi
}
# peak KEY...: the largest peak RSS of those runs, kB
arx_peak() {
	local k
	for k; do cat "$A/$k.kb"; done | sort -g | tail -n 1
}
mb() { awk -v k="$1" 'BEGIN { printf "%.1f MB", k / 1024 }'; }

archives_table() {
	local f='%-44s %-30s %s\n' r_save r_load r_imp r_dir r_build r_drain peak_b
	if [[ $ARX_STATE != measured ]]; then
		# shellcheck disable=SC2059 # the format is ours
		printf "$f" "8. archives (issue 11)" "${ARX_STATE:-not run}" ""
		return 0
	fi
	r_save=$(arx_ratio save_cli save_budu)
	r_load=$(arx_ratio load_cli load_budu)
	r_imp=$(arx_ratio import_cli import_budu)
	r_dir=$(arx_ratio importdir_cli importdir_budu)
	r_build=$(arx_ratio build_cli build_budu)
	r_drain=$(arx_ratio drain_cli drain_budu)
	peak_b=$(arx_peak save_budu load_budu import_budu importdir_budu build_budu save_budu_gz save_budu_zst ctxtar_budu \
		drain_budu)
	# shellcheck disable=SC2059 # the format is ours
	{
		printf "$f" "8. archives (setup ${ARX_SETUP_S}s)" "image $ARX_IMAGE_BYTES B ($ARX_BLOBS files of random data + busybox)" "issue 11"
		printf "$f" "" "$RUNS runs each, budu and the CLI alternating; wall time exec -> exit" ""
		printf "$f" "   machine" "$(nproc) cores, load avg $ARX_LOAD0 before, $ARX_LOAD1 after; disk $ARX_DISK0 MB free, $ARX_DISK_MIN MB at the end" ""
		printf "$f" "   docker save -o F.tar" "$(arx_time save_cli "$ARX_SAVE_BYTES")" ""
		printf "$f" "   budu save F.tar (archive_save)" "$(arx_time save_budu "$ARX_SAVE_BYTES")" "<= 1.1x CLI: $(verdict "$r_save <= 1.1")"
		printf "$f" "     ratio budu / CLI (median/median)" "${r_save}x; $ARX_SAVE_BYTES B, the two files $ARX_SAME" ""
		printf "$f" "   budu save F.tar.gz (once)" "$(cat "$A/save_budu_gz.s") s, $(cat "$A/save_budu_gz.size") B" "figure"
		[[ -f $A/save_cli_gz.s ]] &&
			printf "$f" "     docker save | gzip -c (once)" "$(cat "$A/save_cli_gz.s") s, $(cat "$A/save_cli_gz.size") B" ""
		printf "$f" "   budu save F.tar.zst (once)" "$(cat "$A/save_budu_zst.s") s, $(cat "$A/save_budu_zst.size") B" "figure"
		[[ -f $A/save_cli_zst.s ]] &&
			printf "$f" "     docker save | zstd -c (once)" "$(cat "$A/save_cli_zst.s") s, $(cat "$A/save_cli_zst.size") B" ""
		printf "$f" "   docker load -i F.tar (image removed)" "$(arx_time load_cli "$ARX_SAVE_BYTES")" ""
		printf "$f" "   budu load F.tar (archive_load)" "$(arx_time load_budu "$ARX_SAVE_BYTES")" "<= 1.1x CLI: $(verdict "$r_load <= 1.1")"
		printf "$f" "     ratio budu / CLI" "${r_load}x" ""
		printf "$f" "   docker import ROOTFS.tar" "$(arx_time import_cli "$ARX_TAR_BYTES")" ""
		printf "$f" "   budu import ROOTFS.tar (archive_import)" "$(arx_time import_budu "$ARX_TAR_BYTES")" "<= 1.1x CLI: $(verdict "$r_imp <= 1.1")"
		printf "$f" "     ratio budu / CLI" "${r_imp}x; $ARX_TAR_BYTES B" ""
		printf "$f" "   tar -C DIR -c . | docker import -" "$(arx_time importdir_cli "$ARX_TAR_BYTES")" ""
		printf "$f" "   budu import DIR (archive_import)" "$(arx_time importdir_budu "$ARX_TAR_BYTES")" "<= 1.1x CLI: $(verdict "$r_dir <= 1.1")"
		printf "$f" "     ratio budu / CLI" "${r_dir}x" ""
		printf "$f" "   peak RSS, budu (ru_maxrss)" "save $(mb "$(arx_peak save_budu)"), .gz $(mb "$(arx_peak save_budu_gz)"), .zst $(mb "$(arx_peak save_budu_zst)")" "< 64 MB: $(verdict "$peak_b < 65536")"
		printf "$f" "" "load $(mb "$(arx_peak load_budu)"), import $(mb "$(arx_peak import_budu)"), of DIR $(mb "$(arx_peak importdir_budu)")" ""
		printf "$f" "   peak RSS, docker CLI" "save $(mb "$(arx_peak save_cli)"), load $(mb "$(arx_peak load_cli)"), import $(mb "$(arx_peak import_cli)")" "figure"
		printf "$f" "   build context" "$ARX_CTX_BUDU (the CLI: \"$ARX_CTX_CLI\")" ""
		printf "$f" "   DOCKER_BUILDKIT=0 docker build (cached)" "$(arx_time build_cli)" ""
		printf "$f" "   budu build (build_run, cached)" "$(arx_time build_budu)" "<= 1.0x CLI: $(verdict "$r_build <= 1.0")"
		printf "$f" "     ratio budu / CLI" "${r_build}x" ""
		printf "$f" "   the clients alone: against drain-engine" "which reads the context as fast as it comes" ""
		printf "$f" "   DOCKER_BUILDKIT=0 docker build" "$(arx_time drain_cli "$(cat "$A/drain_cli.bytes")")" ""
		printf "$f" "     the body, first byte to last" "median $(median <"$A/drain_cli.body") ms, $(cat "$A/drain_cli.bytes") B (the tree walked first)" ""
		printf "$f" "   budu build (build_run)" "$(arx_time drain_budu "$(cat "$A/drain_budu.bytes")")" "<= 1.0x CLI: $(verdict "$r_drain <= 1.0")"
		printf "$f" "     the body, first byte to last" "median $(median <"$A/drain_budu.body") ms, $(cat "$A/drain_budu.bytes") B (tarred as sent)" ""
		printf "$f" "     ratio budu / CLI" "${r_drain}x" ""
		printf "$f" "   budu context tar alone (no engine)" "$(arx_time ctxtar_budu "$(cat "$A/drain_budu.bytes")")" "figure"
		printf "$f" "   peak RSS, build: budu / docker CLI" "$(mb "$(arx_peak build_budu drain_budu)") / $(mb "$(arx_peak build_cli drain_cli)")" ""
		printf "$f" "   cleanup" "$ARX_LEFT images left (before: $n0)" ""
	}
}

# ---- 9. ssh:// (issue 13; before the load, like 6-8) ------------------------------------------
S=$W/ssh
SSH_STATE=	# "": not run; "skipped: why"; "measured"
SSH_PREFIX=budu-bench/ssh

logins() { grep -c 'Accepted publickey' "$RIG_SSH_LOG"; }
# ssh_cli: one docker -H ssh://… image ls, exec -> exit, ms to $S/cli.ms
ssh_cli() {
	local t0=$EPOCHREALTIME
	interruptible env "PATH=$RIG_SSH_BIN:$PATH" "$DOCKER" -H "$RIG_SSH_HOST" image ls >/dev/null 2>"$S/cli.err" ||
		{ cat "$S/cli.err" >&2; return 1; }
	ms_since "$t0" >>"$S/cli.ms"
}
# ssh_budu KEY OUT [ptybench options...]: one budu over ssh://, its first screen to $S/KEY.first,
# its -p opening to $S/KEY.ms, the logins it made to $S/KEY.logins
ssh_budu() {
	local key=$1 out=$2 l0
	shift 2
	l0=$(logins)
	interruptible "${budu_env[@]}" "DOCKER_HOST=$RIG_SSH_HOST" "PATH=$RIG_SSH_BIN:$PATH" "RIG_SSH_CONFIG=$RIG_SSH_CONFIG" \
		"$W/ptybench" -s "$SIZE" -t 60 -m "$SSH_N images" -m "· $SSH_N" "$@" -- "$BUDU" >"$out" 2>"$out.err" ||
		{ cat "$out.err" >&2; return 1; }
	echo $(($(logins) - l0)) >>"$S/$key.logins"
	kv "$out" first_screen_ms >>"$S/$key.first"
	kv "$out" open_ms >>"$S/$key.ms"
}
# shellcheck disable=SC2317 # through pair
ssh_budu_cont() { ssh_budu cont "$S/cont$i.txt" -p 4 -M "containers ·"; }
# shellcheck disable=SC2317 # through pair
ssh_budu_details() { ssh_budu details "$S/details$i.txt" -p '\r' -M RepoTags -Q qq; }

run_ssh() {
	local i t
	mkdir -p "$S" || return 1
	if ! rig_sshd_start 2>"$S/sshd.err"; then
		SSH_STATE="skipped: the rig's sshd did not start ($(tail -n 1 "$S/sshd.err"))"
		return 2
	fi
	SSH_LOAD0=$(loadavg)
	t=$(now)
	"$W/gen-images" -n "$SSH_IMAGES" -p "$SSH_PREFIX" "$S/images.tar" || return 1
	interruptible "$DOCKER" load -i "$S/images.tar" >"$S/load.log" 2>&1 || { tail -n 5 "$S/load.log" >&2; return 1; }
	rm -f "$S/images.tar"
	SSH_SETUP_S=$(secs "$t" "$(now)")
	SSH_N=$(api GET /images/json | count_ids)
	say "ssh: $SSH_N images ($SSH_IMAGES loaded in ${SSH_SETUP_S}s), sshd on $RIG_SSH_HOST"
	# one of each first, not counted (the page cache, sshd's first fork)
	ssh_cli && ssh_budu warm "$S/warm.txt" || return 1
	: >"$S/cli.ms"
	for ((i = 1; i <= SSH_RUNS; i++)); do
		pair "$i" ssh_cli ssh_budu_cont || return 1
		pair "$((i + 1))" ssh_cli ssh_budu_details || return 1
	done
	cat "$S/cont.first" "$S/details.first" >"$S/first.ms"
	# the whole round in one session: first screen, 4 (Containers), 1 (Images), Enter (details)
	ssh_budu all "$S/all.txt" -p '41\r' -M RepoTags -Q qq || return 1
	SSH_LOAD1=$(loadavg)
	t=$(now)
	"$DOCKER" image ls --format '{{.Repository}}:{{.Tag}}' --filter "reference=$SSH_PREFIX-*" >"$S/tags" || return 1
	# (-a: a background job's stdin is /dev/null)
	interruptible xargs -r -n 250 -a "$S/tags" "$DOCKER" rmi >/dev/null || return 1
	SSH_CLEAN_S=$(secs "$t" "$(now)")
	SSH_LEFT=$(api GET /images/json | count_ids)
	SSH_STATE=measured
}

if [[ $ONLY == "" || $ONLY == ssh ]]; then
	run_ssh
	rc=$?
	if ((rc == 1)); then fail "ssh (section 9)"; fi
	if ((rc == 2)); then
		[[ $ONLY == ssh ]] && fail "ssh $SSH_STATE"
		say "ssh $SSH_STATE"
	fi
fi

# ms_stats FILE: "median X ms (min Y, max Z)"
ms_stats() { printf 'median %s ms (min %s, max %s)' "$(median <"$1")" "$(minimum <"$1")" "$(maximum <"$1")"; }

ssh_table() {
	local f='%-44s %-30s %s\n' cli_med budu_med ratio n_cli n_budu l_cont l_det l_all v_first v_login
	if [[ $SSH_STATE != measured ]]; then
		# shellcheck disable=SC2059 # the format is ours
		printf "$f" "9. ssh:// (issue 13)" "${SSH_STATE:-not run}" ""
		return 0
	fi
	cli_med=$(median <"$S/cli.ms")
	budu_med=$(median <"$S/first.ms")
	ratio=$(awk -v a="$budu_med" -v b="$cli_med" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
	n_cli=$(wc -l <"$S/cli.ms")
	n_budu=$(wc -l <"$S/first.ms")
	l_cont=$(sort -u "$S/cont.logins" | paste -sd, -)
	l_det=$(sort -u "$S/details.logins" | paste -sd, -)
	l_all=$(cat "$S/all.logins")
	v_first=$(verdict "$ratio < 1.0")
	v_login=$(verdict "$(cat "$S"/cont.logins "$S"/details.logins "$S"/all.logins | minimum) == 1 &&
		$(cat "$S"/cont.logins "$S"/details.logins "$S"/all.logins | maximum) == 1")
	# shellcheck disable=SC2059 # the format is ours
	{
		printf "$f" "9. ssh:// (setup ${SSH_SETUP_S}s)" "$SSH_N images ($SSH_IMAGES loaded), sshd on 127.0.0.1" "issue 13"
		printf "$f" "" "$SSH_RUNS rounds of 2 CLI + 2 budu runs, alternating; the far side on the same $(nproc) cores" ""
		printf "$f" "   machine" "load avg $SSH_LOAD0 before, $SSH_LOAD1 after" ""
		printf "$f" "   docker -H ssh://... image ls ($n_cli)" "$(ms_stats "$S/cli.ms")" "exec -> exit"
		printf "$f" "   budu exec -> first screen ($n_budu)" "$(ms_stats "$S/first.ms")" "faster than the CLI: $v_first"
		printf "$f" "     ratio budu / CLI (median/median)" "${ratio}x" ""
		printf "$f" "   4 -> Containers panel drawn ($SSH_RUNS)" "$(ms_stats "$S/cont.ms")" "figure (list read at start)"
		printf "$f" "   Enter -> image details drawn ($SSH_RUNS)" "$(ms_stats "$S/details.ms")" "figure"
		printf "$f" "   ssh logins a run (sshd's log)" "first screen + 4: $l_cont; + Enter: $l_det" "1 each: $v_login"
		printf "$f" "   one run: first screen, 4, 1, Enter" "$l_all login(s), details drawn in $(cat "$S/all.ms") ms" ""
		printf "$f" "   cleanup" "rmi of $SSH_IMAGES in ${SSH_CLEAN_S}s; $SSH_LEFT images left (before: $n0)" ""
	}
}

if [[ $ONLY == inspect ]]; then
	{
		table_head
		printf 'engine: %d images before the inspect images\n\n' "$n0"
		inspect_table
	} >"$W/results.txt"
	finish
fi
verdict() { if awk "BEGIN { exit !($1) }"; then echo ok; else echo MISS; fi; }
if [[ $ONLY == containers ]]; then
	{
		table_head
		printf 'engine: %d images, %d containers before the bench containers\n\n' "$n0" "$((NC - NCONT))"
		printf '%-44s %-30s %s\n' "MEASURE" "VALUE" "TARGET / VERDICT"
		containers_table
	} >"$W/results.txt"
	finish
fi

if [[ $ONLY == archives ]]; then
	{
		table_head
		printf 'engine: %d images before the bench images\n\n' "$n0"
		printf '%-44s %-30s %s\n' "MEASURE" "VALUE" "TARGET / VERDICT"
		archives_table
	} >"$W/results.txt"
	finish
fi

# ---- 11. layer files (bench/layers.sh; before the load, like 6-9) ---------------------------
# shellcheck source=layers.sh
source "$HERE/layers.sh" || fail "cannot source bench/layers.sh"

if [[ $ONLY == layers ]]; then
	{
		table_head
		printf 'engine: %d images before the bench image\n\n' "$n0"
		printf '%-44s %-30s %s\n' "MEASURE" "VALUE" "TARGET / VERDICT"
		layers_table
	} >"$W/results.txt"
	finish
fi

if [[ $ONLY == ssh ]]; then
	{
		table_head
		printf 'engine: %d images before the bench images\n\n' "$n0"
		printf '%-44s %-30s %s\n' "MEASURE" "VALUE" "TARGET / VERDICT"
		ssh_table
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
BODY=$(stat -c %s "$W/list.json")

# curl_once [DIR [SOCK]]: one raw GET (of the rig's engine, or the one on SOCK), its time_total
# appended to DIR/curl.txt (default $W), and the same curl from exec to exit to DIR/curl_exec.txt
# (its own start-up too, which budu's figure includes)
curl_once() {
	local d=${1:-$W} code tt size t0=$EPOCHREALTIME
	get_list /dev/null "${2:-}" >"$d/curl.out" || return 1
	ms_since "$t0" >>"$d/curl_exec.txt"
	read -r code tt size <"$d/curl.out" || return 1
	[[ $code == 200 ]] || { say "GET /images/json: HTTP $code"; return 1; }
	awk -v t="$tt" 'BEGIN { printf "%.3f\n", t * 1000 }' >>"$d/curl.txt"
}

# start_drain SOCK LOG [LIST DELAY_MS]: drain-engine in the background (DRAIN_PID), its socket
# waited for; the rig's teardown kills it too
start_drain() {
	local i
	"$W/drain-engine" "$@" 2>"$1.err" &
	DRAIN_PID=$!
	RIG_CLEANUP_HOOKS+=("kill $DRAIN_PID 2>/dev/null")
	for ((i = 0; i < 50; i++)); do
		[[ -S $1 ]] && break
		sleep 0.1
	done
	[[ -S $1 ]] || { say "drain-engine did not start"; return 1; }
}

# standin_runs: (2) again against drain-engine serving the same list after exactly the raw
# GET's median, RUNS alternating runs: $SI/curl.txt (time_total), $SI/first
SI=$W/standin
standin_runs() {
	local sock=$SI/sock d out i
	mkdir -p "$SI" || return 1
	d=$(awk -v m="$GET_MED" 'BEGIN { printf "%d", m + 0.5 }')
	start_drain "$sock" "$SI/log" "$W/list.json" "$d" || return 1
	STANDIN_DELAY=$d
	: >"$SI/first"
	for ((i = 1; i <= RUNS; i++)); do
		curl_once "$SI" "$sock" || return 1
		out=$SI/run$i.txt
		interruptible "${budu_env[@]}" "DOCKER_HOST=unix://$sock" "$W/ptybench" -s "$SIZE" -t 60 -S 0 \
			-m "so far, loading the rest" -m "$N images" -m "· $N" -- "$BUDU" >"$out" 2>"$out.err" ||
			{ cat "$out.err" >&2; return 1; }
		kv "$out" first_screen_ms >>"$SI/first"
	done
	kill "$DRAIN_PID" 2>/dev/null
	wait "$DRAIN_PID" 2>/dev/null || true	# killed: 143
}

# startup_floor RUNS: the startup-floor programs, alternating, exec to exit (fork and wait
# included, the same for both): $W/floor.curl, $W/floor.none
startup_floor() {
	local i t0
	: >"$W/floor.curl"
	: >"$W/floor.none"
	for ((i = 0; i < $1; i++)); do
		t0=$EPOCHREALTIME
		"$W/floor-curl"
		ms_since "$t0" >>"$W/floor.curl"
		t0=$EPOCHREALTIME
		"$W/floor-none"
		ms_since "$t0" >>"$W/floor.none"
	done
}

# ---- 10. event storms (bench/storm.sh) ------------------------------------------------------
# shellcheck source=storm.sh
source "$HERE/storm.sh" || fail "cannot source bench/storm.sh"

# ---- 12. 100,000 images (bench/big.sh) -------------------------------------------------------
# shellcheck source=big.sh
source "$HERE/big.sh" || fail "cannot source bench/big.sh"
if [[ $ONLY == big ]]; then
	run_big || fail "100,000 images (section 12)"
	{
		table_head
		printf 'engine: %d images before section 12\n\n' "$N"
		printf '%-44s %-30s %s\n' "MEASURE" "VALUE" "TARGET / VERDICT"
		big_table
	} >"$W/results.txt"
	finish
fi

# ---- 1-5. curl and budu, alternating ----------------------------------------------------------
# budu_once KEY BUDU: run $i of it; the last run also does the moves, the redraw and the idle phase
budu_once() {
	local out=$W/$1$i.txt more=()
	((i == RUNS)) && more=(-k j -n "$MOVES" -q 30 -w 1000 -r -i "$IDLE" -o "$W/$1.tty.raw")
	run_list_budu "$out" "$N" "$2" "${more[@]}" || { cat "$out.err" >&2; return 1; }
	kv "$out" first_screen_ms >>"$W/$1.first"
	kv "$out" whole_ms >>"$W/$1.whole"
	[[ $(kv "$out" marker_found) != 3 ]] || FALLBACK=1
}
# shellcheck disable=SC2317 # through pair
budu_now() { budu_once run "$BUDU"; }
# shellcheck disable=SC2317 # through pair
budu_both() { if ((i % 4 < 2)); then budu_now && budu_once before "$BEFORE"; else budu_once before "$BEFORE" && budu_now; fi; }
: >"$W/curl.txt"
: >"$W/curl_exec.txt"
: >"$W/run.first"
: >"$W/run.whole"
: >"$W/before.first"
: >"$W/before.whole"
for ((i = 1; i <= RUNS; i++)); do
	if [[ -n $BEFORE ]]; then pair "$i" curl_once budu_both; else pair "$i" curl_once budu_now; fi ||
		fail "run $i"
done
GET_MED=$(median <"$W/curl.txt")
GET_MIN=$(minimum <"$W/curl.txt")
FULL=$W/run$RUNS.txt
FIRST_MED=$(median <"$W/run.first")
FIRST_MIN=$(minimum <"$W/run.first")
FIRST_MAX=$(maximum <"$W/run.first")
WHOLE_MED=$(median <"$W/run.whole")
startup_floor 31
standin_runs || fail "first screen against the stand-in engine (section 2)"
SI_GET=$(median <"$SI/curl.txt")
SI_FIRST=$(median <"$SI/first")
FLOOR_MS=$(awk -v a="$(median <"$W/floor.curl")" -v b="$(median <"$W/floor.none")" 'BEGIN { printf "%.1f", a - b }')
if [[ $ONLY == "" || $ONLY == storm ]]; then run_storm || fail "event storm (section 10)"; fi
BIG_DONE=
if [[ $ONLY == "" && $BIG -gt 0 ]]; then run_big || fail "100,000 images (section 12)"; BIG_DONE=1; fi

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

v_first=$(verdict "$ratio <= 1.03")
whole_ratio=$(awk -v a="$WHOLE_MED" -v b="$GET_MED" 'BEGIN { printf "%.2f", a / b }')
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
		printf "$f" "1. raw GET /images/json (curl, $RUNS runs)" "median $GET_MED ms, min $GET_MIN ms" "alternating with 2"
		printf "$f" "2. budu exec -> first full screen" "median $FIRST_MED ms" "<= 1.03x raw: $v_first"
		printf "$f" "   (min / max of $RUNS)" "$FIRST_MIN / $FIRST_MAX ms" ""
		printf "$f" "   ratio to raw GET (median/median)" "${ratio}x" ""
		printf "$f" "   the same curl from exec to exit" "median $(median <"$W/curl_exec.txt") ms" "budu's first screen: $(awk -v a="$FIRST_MED" -v b="$(median <"$W/curl_exec.txt")" 'BEGIN { printf "%.2f", a / b }')x of it"
		printf "$f" "   stand-in engine, list after ${STANDIN_DELAY} ms" "GET $SI_GET ms, budu $SI_FIRST ms" "$(awk -v a="$SI_FIRST" -v b="$SI_GET" 'BEGIN { printf "%.3f", a / b }')x (no dockerd noise)"
		printf "$f" "   start-up floor (libcurl's libraries)" "$FLOOR_MS ms, median of 31" "$(awk -v a="$FLOOR_MS" -v b="$GET_MED" 'BEGIN { printf "%.3f", a / b }') of the raw GET"
		printf "$f" "   exec -> the whole list (\"$N images\")" "median $WHOLE_MED ms, ${whole_ratio}x raw" ""
		printf "$f" "   bytes, first screen -> whole list" "$(($(kv "$FULL" whole_bytes) - $(kv "$FULL" first_screen_bytes))) B (run $RUNS)" "< a full redraw"
		if [[ -n $BEFORE ]]; then
			printf "$f" "   BENCH_BEFORE: first screen" "median $(median <"$W/before.first") ms, $(awk -v a="$(median <"$W/before.first")" -v b="$GET_MED" 'BEGIN { printf "%.2f", a / b }')x raw" "$BEFORE"
			printf "$f" "   BENCH_BEFORE: whole list" "median $(median <"$W/before.whole") ms" ""
			printf "$f" "   BENCH_BEFORE: peak RSS; bytes a move" "$(kv "$W/before$RUNS.txt" maxrss_kb) kB; $(kv "$W/before$RUNS.txt" move_bytes_per_key) B" ""
		fi
		printf "$f" "   same, empty engine ($n0 images)" "$(kv "$W/base.txt" first_screen_ms) ms" ""
		printf "$f" "3. bytes for $MOVES moves (j)" "$mbytes B" ""
		printf "$f" "   per move" "$per_move B" "no full redraw: $v_move"
		printf "$f" "   write calls per move" "$(kv "$FULL" move_writes_per_key)" "one a frame"
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
		if [[ $ONLY == "" ]]; then inspect_table; fi
		if [[ $ONLY == "" ]]; then containers_table; fi
		if [[ $ONLY == "" ]]; then archives_table; fi
		if [[ $ONLY == "" ]]; then ssh_table; fi
		if [[ $ONLY == "" ]]; then layers_table; fi
		if [[ $ONLY != list ]]; then storm_table; fi
		if [[ -n $BIG_DONE ]]; then big_table; fi
	}
	if [[ -n ${FALLBACK:-} ]]; then
		printf '\nnote: "%s images" never appeared whole on the %s status line: budu cut it short;\n' "$N" "$SIZE"
		printf '      the first screen was detected by the fallback marker "· %s".\n' "$N"
	fi
}

table >"$W/results.txt"
finish
