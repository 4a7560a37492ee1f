#!/bin/sh
# The README's second command, and what CI runs: install, build with -Werror, run every test,
# then run them again under AddressSanitizer and UBSan, then each fuzz target a little.
# Ends with "N passed, N failed".
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
"$top/scripts/deps.sh" || exit 1

status=0
dist_fail=0
run_suite() {
	dir=$1
	shift
	echo "== $dir: configure $*"
	rm -rf "$dir"
	"$top/scripts/build.sh" "$dir" --enable-werror "$@" || return 1
	echo "== $dir: make check"
	# -j2: the suite's two halves run at once (tests/suite-1.sh, suite-2.sh), each on its own rig
	make -C "$dir" -j2 check || { cat "$dir"/test-suite.log 2>/dev/null | tail -n 80; return 1; }
}

run_suite build || status=1
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	run_suite build-asan --enable-asan --enable-ubsan || status=1
# libFuzzer (tests/fuzz): every target a few seconds (BUDU_FUZZ_SECONDS), when clang can build them.
# Each target prints one TAP line, counted below; a crash names the input that caused it.
rm -rf build-fuzz
if [ "${BUDU_FUZZ:-1}" = 1 ] && command -v clang >/dev/null &&
	printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { return d && n; }\n' |
	clang -fsanitize=fuzzer,address,undefined -x c - -o /dev/null 2>/dev/null; then
	echo "== build-fuzz: configure --enable-fuzz; make fuzz"
	mkdir build-fuzz
	if (cd build-fuzz && "$top/configure" --enable-fuzz >configure.log 2>&1); then
		make -C build-fuzz -j"$(nproc)" fuzz FUZZ_SECONDS="${BUDU_FUZZ_SECONDS:-2}" >build-fuzz/fuzz.out 2>&1
		rc=$?
	else
		rc=1
		tail -n 20 build-fuzz/configure.log
	fi
	grep -e '^ok ' -e '^not ok ' -e '^#' build-fuzz/fuzz.out 2>/dev/null >build-fuzz/fuzz.tap
	if [ "$rc" != 0 ] && ! grep -q '^not ok ' build-fuzz/fuzz.tap; then
		tail -n 30 build-fuzz/fuzz.out 2>/dev/null
		echo "not ok - the fuzz targets did not build or run" >>build-fuzz/fuzz.tap
	fi
	cat build-fuzz/fuzz.tap
else
	echo "== fuzz: skipped (no clang with libFuzzer; scripts/deps.sh installs it)"
fi

if [ "${BUDU_DISTCHECK:-1}" = 1 ]; then
	# The whole suite already ran twice above; distcheck proves the tarball builds, installs and
	# runs (unit tests and a few rig files), and the listing below proves it holds every file.
	echo "== make distcheck"
	SUITE_ONLY=${BUDU_DISTCHECK_SUITE:-'engine/10|ui/20-images|ui/26'} \
		make -C build -j2 distcheck >build/distcheck.log 2>&1 || { tail -n 60 build/distcheck.log; status=1; }
	grep -q "archives ready for distribution" build/distcheck.log && echo "distcheck: ok" || status=1
	if [ -d .git ] && command -v git >/dev/null; then
		tar tzf "$(ls build/budu-*.tar.gz | head -n 1)" | sed 's|^[^/]*/||' | sort >build/dist-files
		missing=$(git ls-files | grep -v -e '^\.ci/' -e '^\.gitignore$' -e '/\.keep$' | sort |
			comm -23 - build/dist-files)
		if [ -n "$missing" ]; then
			echo "the tarball lacks files of the repository (EXTRA_DIST?):"
			echo "$missing"
			dist_fail=1
		else
			echo "the tarball holds every file of the repository"
		fi
	fi
fi

# One closing line over every test of both builds.
pass=0 fail=$dist_fail
for trs in $(find build build-asan -name '*.trs' 2>/dev/null); do
	p=$(grep -c '^:test-result: \(PASS\|XFAIL\)' "$trs")
	f=$(grep -c '^:test-result: \(FAIL\|XPASS\|ERROR\|SKIP\)' "$trs")
	pass=$((pass + p))
	fail=$((fail + f))
done
if [ -f build-fuzz/fuzz.tap ]; then
	pass=$((pass + $(grep -c '^ok ' build-fuzz/fuzz.tap)))
	fail=$((fail + $(grep -c '^not ok ' build-fuzz/fuzz.tap)))
fi
[ "$fail" -gt 0 ] && status=1
[ "$pass" -eq 0 ] && status=1
echo "$pass passed, $fail failed"
exit $status
