#!/bin/bash
# tests/suite.sh: the real-engine suite (TAP). One private dockerd + registry
# (tests/rig/rig.sh) serves every tests/engine/*.sh and tests/ui/*.sh, which
# run in sorted order, each sourced in its own subshell (files named lib*.sh
# are helpers for the others, not tests).
#
#   make check                             (automake's tap-driver runs this)
#   BUDU=./budu bash tests/suite.sh        by hand, as root
#   SUITE_ONLY='engine/|ui/20' ...         only files whose path (relative to
#                                          tests/) matches this ERE
#
# A test file sees the rig's environment (RIG_DIR RIG_SOCK DOCKER_HOST
# RIG_REGISTRY RIG_DOCKER DOCKER_CONFIG), the rig_* and t_* functions, and
# for tests/ui/* also the ui_* functions; its cwd is a fresh scratch dir
# ($T_TMP). It is not run under `set -e`; it may set that itself.
# If the rig cannot start, the suite says "Bail out!".

set -uo pipefail

suite_here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top_srcdir=${top_srcdir:-$(cd "$suite_here/.." && pwd)}
top_builddir=${top_builddir:-$top_srcdir}
BUDU=${BUDU:-$top_builddir/budu}
[[ $BUDU == /* ]] || BUDU=$PWD/$BUDU
FIXTURES=${FIXTURES:-$top_srcdir/tests/fixtures}
export top_srcdir top_builddir BUDU FIXTURES

# shellcheck source=tests/lib.sh
source "$top_srcdir/tests/lib.sh" || {
	echo "Bail out! cannot source $top_srcdir/tests/lib.sh"
	exit 1
}
# shellcheck source=tests/rig/rig.sh
source "$top_srcdir/tests/rig/rig.sh" || {
	t_bail "cannot source $top_srcdir/tests/rig/rig.sh"
	exit 1
}

SUITE_CHILD=
# Runs from the rig's traps before the engine goes: stop the running test
# file first (its own traps stop its tmux/budu), then anything it left.
suite__kill_child() {
	[[ -n $SUITE_CHILD ]] || return 0
	local n=50 p
	kill -TERM "$SUITE_CHILD" 2>/dev/null || return 0
	# bash runs the file's traps only once its foreground command ends
	for p in $(ps -o pid= --ppid "$SUITE_CHILD" 2>/dev/null); do kill -TERM "$p" 2>/dev/null; done
	while rig__alive "$SUITE_CHILD" && ((n-- > 0)); do sleep 0.1; done
	rig__kill_tree "$SUITE_CHILD"
}

RIG_CLEANUP_HOOKS+=(suite__kill_child)

# suite__shard K/N FILE...: the files of shard K of N, in sorted order. `make -j2 check` runs the
# halves (tests/suite-1.sh, tests/suite-2.sh) at once, each on a rig of its own. Files are dealt
# out longest first to the shard with the least so far. The seconds below are the '--- FILE: Ns'
# lines of a CI run (both halves at once, nothing else running) for the files of 10 s or more;
# the others count 8 s. Podman's files stay together in shard 1: each starts the rig's podman
# service, and two at once would share the machine's podman state.
suite__shard() {
	local k=${1%/*} n=${1#*/} f s i best
	local -A cost=(
		[engine/10-rig.sh]=17 [engine/40-remove-prune.sh]=47 [engine/50-search.sh]=13
		[engine/75-auth-registry.sh]=14 [engine/76-token-registry.sh]=10 [engine/80-credentials.sh]=15
		[engine/85-archives.sh]=40 [engine/86-build.sh]=43 [engine/87-layers.sh]=24 [engine/90-ssh.sh]=38
		[engine/95-podman.sh]=14 [ui/21-filter-sort.sh]=12 [ui/22-help-keys.sh]=12 [ui/23-narrow.sh]=11
		[ui/23-title.sh]=48 [ui/24-engine-lost.sh]=18 [ui/24-event-faults.sh]=51
		[ui/24-first-screen.sh]=11 [ui/24-stalls.sh]=11 [ui/24-stream-cuts.sh]=59 [ui/27-copy.sh]=11
		[ui/27-mouse.sh]=19 [ui/27-views.sh]=18 [ui/28-ages.sh]=78 [ui/28-signals.sh]=11
		[ui/29-config.sh]=12 [ui/29-prompt.sh]=11 [ui/30-details.sh]=25 [ui/31-files.sh]=38
		[ui/40-jobs.sh]=33 [ui/41-pull-cancel.sh]=29 [ui/50-search.sh]=10 [ui/60-containers.sh]=84
		[ui/62-event-storm.sh]=21 [ui/70-registries.sh]=23 [ui/71-token-registry.sh]=10
		[ui/72-push-cancel.sh]=19 [ui/73-pass-helper.sh]=10 [ui/76-hosts.sh]=46 [ui/80-archives.sh]=13
		[ui/81-build.sh]=10 [ui/90-podman.sh]=20 [ui/92-disk-usage.sh]=24
	)
	local -a load
	shift
	((k >= 1 && k <= n)) || { printf '%s\n' "$@"; return; }
	for ((i = 1; i <= n; i++)); do load[i]=0; done
	while read -r s f; do
		if [[ $f == *podman* || $f == ui/76-hosts.sh ]]; then
			best=1
		else
			best=1
			for ((i = 2; i <= n; i++)); do ((load[i] < load[best])) && best=$i; done
		fi
		load[best]=$((load[best] + s))
		[[ $best == "$k" ]] && echo "$f"
	done < <(for f in "$@"; do echo "${cost[$f]:-8} $f"; done |
		awk '{ print ($2 ~ /podman|76-hosts/ ? 1 : 0), $0 }' | sort -k1,1nr -k2,2nr -k3 | cut -d' ' -f2-) |
		LC_ALL=C sort
}

mapfile -t suite_files < <(
	cd "$top_srcdir/tests" &&
		printf '%s\n' engine/*.sh ui/*.sh | grep -v -E -e '(^|/)lib[^/]*\.sh$' -e '\*' | LC_ALL=C sort
)
if [[ -n ${SUITE_ONLY:-} ]]; then
	mapfile -t suite_files < <(printf '%s\n' "${suite_files[@]}" | grep -E -- "$SUITE_ONLY")
fi
if [[ -n ${SUITE_SHARD:-} ]]; then
	mapfile -t suite_files < <(suite__shard "$SUITE_SHARD" "${suite_files[@]}")
fi
if ((${#suite_files[@]} == 0)); then
	echo "1..0 # SKIP no test file matched${SUITE_ONLY:+ SUITE_ONLY=$SUITE_ONLY}"
	exit 0
fi

rig_log=$(mktemp "${TMPDIR:-/tmp}/suite-rig.XXXXXX")
rc=0
rig_start 2>"$rig_log" || rc=$?
rig_err=$(cat "$rig_log")
rm -f "$rig_log"
if ((rc != 0)); then
	reason=$(grep '^rig: ' <<<"$rig_err" | sed 's/^rig: //' | paste -sd ';' | sed 's/;/; /g')
	t_bail "cannot start the test engine: ${reason:-rig_start failed}"
	t_diag "$rig_err"
	exit 1
fi
t_init "$RIG_DIR/tap.state"
[[ -n $rig_err ]] && t_diag "$rig_err"
t_diag "rig: $RIG_DIR, engine $(
	"$RIG_DOCKER" version -f '{{.Server.Version}} (API {{.Server.APIVersion}})' 2>/dev/null
), registry $RIG_REGISTRY, started in ${RIG_START_SECONDS}s"

seed_log=$RIG_DIR/seed.err
seed_t0=$SECONDS
# in the background, so that a signal is handled at once, not after a build
rig_seed 2>"$seed_log" &
SUITE_CHILD=$!
rig_track_pid "$SUITE_CHILD"
wait "$SUITE_CHILD"
rc=$?
SUITE_CHILD=
if ((rc != 0)); then
	t_bail "cannot seed the test engine: $(grep '^rig: ' "$seed_log" | sed 's/^rig: //' | paste -sd ';' | sed 's/;/; /g')"
	t_diag "$(cat "$seed_log")"
	exit 1
fi
t_diag "seeded in $((SECONDS - seed_t0))s: $(rig_seeded tag | tr '\n' ' ')"

for rel in "${suite_files[@]}"; do
	file=$top_srcdir/tests/$rel
	t_diag "=== $rel"
	before=$(t_count)
	file_t0=$SECONDS
	if [[ $rel == ui/* && ! -x $BUDU ]]; then
		t_skip "$rel" "BUDU=$BUDU is not built"
		continue
	fi
	T_TMP=$RIG_DIR/t/${rel//\//_}
	mkdir -p "$T_TMP"
	export T_TMP
	(
		cd "$T_TMP" || exit 99
		if [[ $rel == ui/* ]]; then
			# shellcheck source=tests/ui/lib.sh
			source "$top_srcdir/tests/ui/lib.sh"
		fi
		# shellcheck disable=SC1090
		source "$file"
	) &
	SUITE_CHILD=$!
	rig_track_pid "$SUITE_CHILD"
	wait "$SUITE_CHILD"
	rc=$?
	SUITE_CHILD=
	if ((rc != 0)); then
		t_fail "$rel ran to the end (exit status $rc)"
	elif (($(t_count) == before)); then
		t_fail "$rel ran no test"
	fi
	# what each file costs, so that the slow ones can be found in any CI log
	t_diag "--- $rel: $((SECONDS - file_t0))s"
	# a test file must not leave the engine down for the next one
	if ! rig__ping "$RIG_SOCK"; then
		t_fail "engine answers after $rel" "it did not; restarting it"
		rig_engine_start 2>"$RIG_DIR/restart.err" || t_diag "$(cat "$RIG_DIR/restart.err")"
	fi
done

t_done
