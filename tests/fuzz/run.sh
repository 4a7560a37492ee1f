#!/bin/sh
# Runs libFuzzer targets of tests/fuzz (built by ./configure --enable-fuzz) for FUZZ_SECONDS
# each, and prints one TAP line per target: "ok" with the runs made, or "not ok" with the path
# of the input that crashed it (replay it: tests/fuzz/fuzz_TARGET PATH).
#   run.sh SRCDIR BUILDDIR TARGET...      (make fuzz, make fuzz FUZZ_SECONDS=600 FUZZ_TARGETS=pull)
# Each target starts from its seeds (tests/fuzz/corpus/TARGET, and the fixtures that are its
# input, listed below) and from what earlier runs found (BUILDDIR/tests/fuzz/corpus-TARGET,
# where new inputs go). Crashes are kept in BUILDDIR/tests/fuzz/crashes/.
# FUZZ_NICE=1 runs them nice'd.
set -u
src=$1 build=$2
shift 2
seconds=${FUZZ_SECONDS:-60}
fx=$src/tests/fixtures
out=$build/tests/fuzz
mkdir -p "$out/crashes"

# The fixtures that are a target's input as they are.
fixtures() {
	case $1 in
	images) ls "$fx"/images*.json "$fx"/podman-images.json ;;
	history) ls "$fx"/history-*.json ;;
	pull) ls "$fx"/pull-*.jsonl "$fx"/podman-pull.jsonl ;;
	containers) ls "$fx"/containers*.json ;;
	prune) ls "$fx"/prune-*.json "$fx"/container-prune*.json ;;
	remove) ls "$fx"/prune-*.json ;;
	search) ls "$fx"/index-search.json "$fx"/podman-search.json ;;
	system_df) ls "$fx"/system-df.json ;;
	jtree) ls "$fx"/inspect-*.json "$fx"/container-*.json "$fx"/info-insecure.json ;;
	stats) ls "$fx"/stats-*.json ;;
	streams) ls "$fx"/push-*.jsonl "$fx"/build-*.jsonl "$fx"/load-*.jsonl "$fx"/import.jsonl ;;
	manifest) ls "$fx"/registry-*.json ;;
	esac 2>/dev/null
}

dict() {
	case $1 in
	template) echo "$src/tests/fuzz/template.dict" ;;
	sanitize|registry_header|reference|prompt|tar|layers|logs) ;;
	*) echo "$src/tests/fuzz/json.dict" ;;
	esac
}

n=0 failed=0
echo "1..$#"
for t in "$@"; do
	n=$((n + 1))
	prog=$out/fuzz_$t
	corpus=$out/corpus-$t
	seeds=$out/seeds-$t
	rm -rf "$seeds"
	mkdir -p "$corpus" "$seeds"
	[ -d "$src/tests/fuzz/corpus/$t" ] && cp "$src/tests/fuzz/corpus/$t"/* "$seeds"/ 2>/dev/null
	for f in $(fixtures "$t"); do cp "$f" "$seeds"/; done
	d=$(dict "$t")
	log=$out/fuzz-$t.log
	rm -f "$out/crashes/$t-"*
	set -- -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=1024 \
		-max_len=65536 -print_final_stats=1 -artifact_prefix="$out/crashes/$t-" \
		${d:+-dict="$d"}
	if [ "${FUZZ_NICE:-0}" = 1 ]; then set -- nice "$prog" "$@"; else set -- "$prog" "$@"; fi
	if [ ! -x "$prog" ]; then
		echo "not ok $n - fuzz_$t: $prog is not built"
		failed=$((failed + 1))
		continue
	fi
	ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
		"$@" "$corpus" "$seeds" >"$log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
	units=$(ls "$corpus" | wc -l)
	if [ "$rc" = 0 ]; then
		echo "ok $n - fuzz_$t: ${runs:-?} runs in ${seconds}s (${rate:-?}/s), corpus $units"
	else
		failed=$((failed + 1))
		crash=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -n 1)
		echo "not ok $n - fuzz_$t crashed (exit $rc); reproducer: ${crash:-none written, see $log}"
		grep -m 1 -A 12 -e '^==[0-9]*==ERROR' -e 'runtime error' -e 'invariant broken' -e 'ERROR: libFuzzer' "$log" |
			sed 's/^/# /'
	fi
done
[ "$failed" = 0 ]
