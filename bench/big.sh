# shellcheck shell=bash
# bench/big.sh: section 12 of bench/run.sh (sourced there, after sections 1-5 and 10), issue 16:
# the first screen on an engine of BENCH_BIG (100,000) images.
#
# The engine already holds the BENCH_IMAGES (10,000) tagged images of sections 1-5; BENCH_BIG
# minus those are loaded here by one more `docker load`, untagged (gen-images -t 0), as the
# dangling images a build farm piles up: the engine stores a tag by rewriting its whole
# repositories.json, so 90,000 more tags would take hours to load, while untagged ones take
# minutes. `docker image ls` lists every one of them (as <none>), and so does budu.
# Then BIG_RUNS (RUNS) rounds, alternating as in sections 1-2: one raw GET /images/json (curl's
# time_total) and budu from exec to its first full screen and to the whole list. Targets: the
# first screen within 1.05x of the raw GET (medians); peak RSS under twice the JSON body.
# Needs from run.sh: W COUNT RUNS N DOCKER curl_once get_list run_list_budu kv median minimum maximum
# pair verdict interruptible say now secs.

BIG=${BENCH_BIG:-100000}
BG=$W/big

big_prepare() {
	mkdir -p "$BG" || return 1
	local t
	t=$(now)
	"$W/gen-images" -n "$((BIG - COUNT))" -s "$((COUNT + 1))" -t 0 "$BG/images.tar" || return 1
	BIG_GEN_S=$(secs "$t" "$(now)")
	BIG_ARCHIVE_BYTES=$(stat -c %s "$BG/images.tar")
	say "big: $((BIG - COUNT)) untagged images, $BIG_ARCHIVE_BYTES bytes; docker load..."
	t=$(now)
	interruptible "$DOCKER" load -q -i "$BG/images.tar" >"$BG/load.log" 2>&1 || {
		tail -n 5 "$BG/load.log" >&2
		return 1
	}
	BIG_LOAD_S=$(secs "$t" "$(now)")
	rm -f "$BG/images.tar"
	say "big: docker load ${BIG_LOAD_S}s"
	get_list "$BG/list.json" >/dev/null || return 1
	BIG_N=$(grep -o '"Id":' "$BG/list.json" | wc -l)
	BIG_BODY=$(stat -c %s "$BG/list.json")
	rm -f "$BG/list.json"
	((BIG_N == BIG + N - COUNT)) || { say "big: the engine lists $BIG_N images"; return 1; }
}

# shellcheck disable=SC2317 # through pair
big_curl() { curl_once "$BG"; }
# shellcheck disable=SC2317 # through pair
big_budu() {
	local out=$BG/run$i.txt
	run_list_budu "$out" "$BIG_N" "$BUDU" || { cat "$out.err" >&2; return 1; }
	kv "$out" first_screen_ms >>"$BG/first.txt"
	kv "$out" whole_ms >>"$BG/whole.txt"
	kv "$out" maxrss_kb >>"$BG/rss.txt"
}

run_big() {
	big_prepare || return 1
	: >"$BG/curl.txt"
	: >"$BG/first.txt"
	: >"$BG/whole.txt"
	: >"$BG/rss.txt"
	local i
	for ((i = 1; i <= RUNS; i++)); do
		pair "$i" big_curl big_budu || return 1
	done
}

big_table() {
	local f='%-44s %-30s %s\n' get first whole rss ratio wratio rss_ratio
	get=$(median <"$BG/curl.txt")
	first=$(median <"$BG/first.txt")
	whole=$(median <"$BG/whole.txt")
	rss=$(maximum <"$BG/rss.txt")
	ratio=$(awk -v a="$first" -v b="$get" 'BEGIN { printf "%.2f", a / b }')
	wratio=$(awk -v a="$whole" -v b="$get" 'BEGIN { printf "%.2f", a / b }')
	rss_ratio=$(awk -v k="$rss" -v b="$BIG_BODY" 'BEGIN { printf "%.2f", k * 1024 / b }')
	# shellcheck disable=SC2059 # the format is ours
	{
		printf "$f" "12. $BIG_N images ($((BIG - COUNT)) untagged)" "load ${BIG_LOAD_S}s, body $BIG_BODY B" "$RUNS runs, alternating"
		printf "$f" "   raw GET /images/json (curl)" "median $get ms, min $(minimum <"$BG/curl.txt") ms" ""
		printf "$f" "   budu exec -> first full screen" "median $first ms, ${ratio}x" "<= 1.05x: $(verdict "$ratio <= 1.05")"
		printf "$f" "   exec -> the whole list" "median $whole ms, ${wratio}x" ""
		printf "$f" "   peak RSS (largest of the runs)" "$rss kB, ${rss_ratio}x the body" "< 2x: $(verdict "$rss_ratio < 2")"
	}
}
