# shellcheck shell=bash
# bench/layers.sh: section 11 of bench/run.sh (sourced there, before the load), issue 12: "a 1 GB
# image of 50,000 files: the complete tree within 1.1x of the time `docker save IMAGE > /dev/null`
# takes on the same engine, peak memory under 64 MiB, moving and folding in the tree under 5 ms
# a key".
#
# The image: BENCH_LAYERS_FILES (50000) files holding BENCH_LAYERS_MB (1024) MB in all, 100
# folders of srv/ (layers_probe gen: a tar written with libarchive; docker import of it: one
# layer). One `docker save` first, not counted (the caches). Then BENCH_RUNS rounds, each one
# `docker save IMAGE >/dev/null` (wall time, exec -> exit) and one budu in a pty (ptybench),
# who goes first alternating:
#   - the tree: budu's first screen, / IMAGE Enter, Enter (its details), then f, the clock
#     running from f written until "efficiency" is drawn (the summary appears only once the
#     whole archive is read and the tree is complete): target <= 1.1x the save's median;
#   - then E (unfold every folder: 50,100 rows) and, in odd rounds, Space twice on srv/ (every
#     row out and in again: the worst fold there is; the slowest of the three keys to its first
#     byte is a figure) and BENCH_MOVES moves (j, k at the end), in even rounds j and
#     BENCH_FOLDS Space on srv/d000 (500 files: fold, unfold): each key's time from written to
#     the last byte of its screen (ptybench's move_drawn_*; move_latency_* is to the first
#     byte), target < 5 ms a key (median; the max is shown too), and budu's CPU time a key
#     (the wall times carry the machine's load, the CPU time hardly);
#   - budu's peak RSS over the run (wait4 ru_maxrss): target < 64 MiB;
#   - and the core alone (layers_probe tree IMAGE: its stats line) as a figure.
# The numbers needed: ~4x BENCH_LAYERS_MB free where the rig lives (the tar, the image in vfs,
# the engine's export directory while it saves), else the full run skips the section and says
# so, BENCH_ONLY=layers fails. The image is removed again.
# Needs from run.sh: W BUDU DOCKER SIZE RUNS MOVES budu_env interruptible say now secs ms_since median
# minimum maximum kv verdict.

LY_FILES=${BENCH_LAYERS_FILES:-50000}
LY_MB=${BENCH_LAYERS_MB:-1024}
LY_FOLDS=${BENCH_FOLDS:-50}
LY=$W/layers
LY_IMAGE=budu-bench/files:1
LY_STATE=	# "": not run; "skipped: why"; "measured"

[[ $LY_FILES =~ ^[0-9]+$ && $LY_FILES -ge 1 && $LY_FILES -le 10000000 ]] || fail "BENCH_LAYERS_FILES must be 1..10000000"
[[ $LY_MB =~ ^[0-9]+$ && $LY_MB -ge 1 && $LY_MB -le 100000 ]] || fail "BENCH_LAYERS_MB must be 1..100000"
[[ $LY_FOLDS =~ ^[0-9]+$ && $LY_FOLDS -ge 1 ]] || fail "BENCH_FOLDS must be >= 1"

# the probe: beside budu in its build directory unless LAYERS_PROBE names it
ly_probe() {
	local bd
	bd=$(dirname "$BUDU")
	LPROBE=${LAYERS_PROBE:-$bd/tests/engine/layers_probe}
	if [[ -z ${LAYERS_PROBE:-} ]]; then
		[[ -f $bd/Makefile ]] || return 1
		make -s -C "$bd" tests/engine/layers_probe >"$LY/probe.log" 2>&1 || { tail -n 20 "$LY/probe.log" >&2; return 1; }
	fi
	[[ -x $LPROBE ]]
}

# ly_save: one docker save IMAGE >/dev/null, its wall time (ms) appended to $LY/save.ms
ly_save() {
	local t0
	t0=$(now)
	interruptible "$DOCKER" save "$LY_IMAGE" >/dev/null 2>"$LY/save.err" || { say "docker save failed"; return 1; }
	ms_since "$t0" >>"$LY/save.ms"
}

# ly_budu I: budu in a pty, the tree then moves (odd I) or folds (even I); results in $LY/budu$I.txt
ly_budu() {
	local i=$1 out=$LY/budu$1.txt
	# odd: E, then Space twice on srv/ (every row out, then in again: the worst fold there is),
	# then moves; even: E, j to srv/d000 (500 files), Space on it again and again
	local post='E  ' keys=(-k j -u k -n "$MOVES") kind=move
	((i % 2)) || { post=Ej keys=(-k ' ' -n "$LY_FOLDS") kind=fold; }
	# -q 100: a key's output is done after 100 ms without bytes (the details' requests may
	# pause longer than 30 ms between two screens); -S 300 lets the first screen settle
	# shellcheck disable=SC2154 # budu_env: run.sh
	interruptible "${budu_env[@]}" "$W/ptybench" -s "$SIZE" -t 600 -m "images · " -m "image · " -S 300 -q 100 -w 3000 \
		-p "/${LY_IMAGE%:*}\\r\\rf" -M efficiency -P "$post" "${keys[@]}" -Q qq -- "$BUDU" >"$out" 2>"$out.err" ||
		{ cat "$out.err" >&2; say "budu run $i failed"; return 1; }
	kv "$out" open_ms >>"$LY/tree.ms"
	kv "$out" maxrss_kb >>"$LY/rss.kb"
	kv "$out" move_drawn_median_ms >>"$LY/$kind.ms"
	kv "$out" move_drawn_max_ms >>"$LY/${kind}_max.ms"
	kv "$out" move_latency_median_ms >>"$LY/${kind}_first.ms"
	kv "$out" move_cpu_ms_per_key >>"$LY/${kind}_cpu.ms"
	if ((i % 2)); then kv "$out" post_key_max_ms >>"$LY/whole.ms"; fi
	[[ $(kv "$out" move_silent) == 0 ]] || echo "$i" >>"$LY/silent"
}

run_layers() {
	local i need avail t
	mkdir -p "$LY" || return 1
	need=$((LY_MB * 4 + 1024))
	avail=$(df -Pm "$LY" | awk 'NR == 2 { print $4 }')
	if ((avail < need)); then
		LY_STATE="skipped: it needs ~$need MB free in $LY, there are $avail MB"
		return 2
	fi
	ly_probe || { LY_STATE="skipped: no layers_probe beside $BUDU (make check makes it)"; return 2; }
	LY_LOAD0=$(cut -d ' ' -f 1-3 /proc/loadavg)
	t=$(now)
	"$LPROBE" gen "$LY/big.tar" "$LY_FILES" $((LY_MB * 1048576)) || return 1
	"$DOCKER" import "$LY/big.tar" "$LY_IMAGE" >/dev/null || return 1
	rm -f "$LY/big.tar"
	LY_SETUP_S=$(secs "$t" "$(now)")
	LY_IMAGE_BYTES=$("$DOCKER" image inspect -f '{{.Size}}' "$LY_IMAGE") || return 1
	say "layers: $LY_IMAGE $LY_IMAGE_BYTES B, $LY_FILES files, made in ${LY_SETUP_S}s"
	ly_save && rm -f "$LY/save.ms" || return 1	# the caches: not counted
	for ((i = 1; i <= RUNS; i++)); do
		say "layers: round $i of $RUNS"
		if ((i % 2)); then ly_save && ly_budu "$i"; else ly_budu "$i" && ly_save; fi || return 1
		interruptible "$LPROBE" tree "$LY_IMAGE" >"$LY/core$i.txt" 2>&1 || { say "layers_probe tree failed"; return 1; }
		sed -n 's/^stats elapsed=\([0-9.]*\) .*/\1/p' "$LY/core$i.txt" | awk '{ printf "%.1f\n", $1 * 1000 }' >>"$LY/core.ms"
		sed -n 's/^stats .*maxrss_kb=\([0-9]*\).*/\1/p' "$LY/core$i.txt" >>"$LY/core.kb"
	done
	LY_NODES=$(sed -n 's/^stats .* nodes=\([0-9]*\) .*/\1/p' "$LY/core1.txt")
	LY_MODEL=$(sed -n 's/^stats .* memory=\([0-9]*\) .*/\1/p' "$LY/core1.txt")
	LY_LOAD1=$(cut -d ' ' -f 1-3 /proc/loadavg)
	"$DOCKER" rmi "$LY_IMAGE" >/dev/null || return 1
	LY_STATE=measured
}

if [[ $ONLY == "" || $ONLY == layers ]]; then
	run_layers
	rc=$?
	if ((rc == 1)); then fail "layer files (section 11)"; fi
	if ((rc == 2)); then
		[[ $ONLY == layers ]] && fail "layers $LY_STATE"
		say "layers $LY_STATE"
	fi
fi

# ly_stats FILE: "median M (min..max)" of the numbers in it
ly_stats() { printf 'median %s (%s..%s)' "$(median <"$1")" "$(minimum <"$1")" "$(maximum <"$1")"; }

layers_table() {
	local f='%-44s %-30s %s\n' save_ms tree_ms ratio core_ratio rss move fold
	if [[ $LY_STATE != measured ]]; then
		# shellcheck disable=SC2059 # the format is ours
		printf "$f" "11. layer files (issue 12)" "${LY_STATE:-not run}" ""
		return 0
	fi
	save_ms=$(median <"$LY/save.ms")
	tree_ms=$(median <"$LY/tree.ms")
	ratio=$(awk -v a="$tree_ms" -v b="$save_ms" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
	core_ratio=$(awk -v a="$(median <"$LY/core.ms")" -v b="$save_ms" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
	rss=$(sort -g "$LY/rss.kb" | tail -n 1)
	move=$(median <"$LY/move.ms")
	fold=$(median <"$LY/fold.ms" 2>/dev/null)
	# shellcheck disable=SC2059 # the format is ours
	{
		printf "$f" "11. layer files (setup ${LY_SETUP_S}s)" "image $LY_IMAGE_BYTES B, $LY_FILES files, 1 layer" "issue 12"
		printf "$f" "   machine" "$(nproc) cores, load avg $LY_LOAD0 before, $LY_LOAD1 after" ""
		printf "$f" "   docker save IMAGE >/dev/null ($RUNS)" "$(ly_stats "$LY/save.ms") ms" ""
		printf "$f" "   budu f -> the complete tree drawn" "$(ly_stats "$LY/tree.ms") ms" "<= 1.1x save: $(verdict "$ratio <= 1.1")"
		printf "$f" "     ratio budu / save (median/median)" "${ratio}x" ""
		printf "$f" "   the core alone (layers_probe tree)" "$(ly_stats "$LY/core.ms") ms, ${core_ratio}x" "figure"
		printf "$f" "     its model" "$LY_NODES paths, $LY_MODEL B ($(awk -v m="$LY_MODEL" -v n="$LY_NODES" 'BEGIN { printf "%.0f", (n ? m / n : 0) }') B a path)" "<= 200 B a file"
		printf "$f" "   peak RSS, budu (ru_maxrss, max of $RUNS)" "$rss kB ($(awk -v k="$rss" 'BEGIN { printf "%.1f", k / 1024 }') MiB)" "< 64 MiB: $(verdict "$rss < 65536")"
		printf "$f" "     the core alone (max)" "$(sort -g "$LY/core.kb" | tail -n 1) kB" ""
		printf "$f" "   move j/k in the unfolded tree, drawn" "median $move ms, max $(maximum <"$LY/move_max.ms") ms" "< 5 ms: $(verdict "$move < 5")"
		printf "$f" "     to the first byte" "$(ly_stats "$LY/move_first.ms") ms (medians)" ""
		printf "$f" "     budu's CPU time a move" "$(ly_stats "$LY/move_cpu.ms") ms" ""
		if [[ -n $fold ]]; then
			printf "$f" "   Space on srv/d000 (500 files), drawn" "median $fold ms, max $(maximum <"$LY/fold_max.ms") ms" "< 5 ms: $(verdict "$fold < 5")"
			printf "$f" "     to the first byte" "$(ly_stats "$LY/fold_first.ms") ms (medians)" ""
			printf "$f" "     budu's CPU time a fold" "$(ly_stats "$LY/fold_cpu.ms") ms" ""
		fi
		printf "$f" "   E; Space, Space on srv/ (all $LY_FILES)" "slowest to its first byte: $(ly_stats "$LY/whole.ms") ms" "figure"
		[[ -f $LY/silent ]] && printf "$f" "   note" "keys without output in rounds $(paste -sd, "$LY/silent")" ""
	}
}
