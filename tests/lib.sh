# shellcheck shell=bash
# tests/lib.sh: a tiny TAP producer for the shell test files.
#
#   t_init [STATEFILE]     start counting (the suite does this once)
#   t_ok DESC CMD...       ok if CMD exits 0 (its output is shown only on failure)
#   t_eq DESC EXPECTED ACTUAL
#   t_match DESC ERE STRING   ok if some line of STRING matches ERE (grep -E)
#   t_pass DESC / t_fail DESC [DIAG...]
#   t_skip DESC REASON     "ok N - DESC # SKIP REASON"
#   t_diag MSG...          "# MSG" lines (multi-line safe, control bytes made visible)
#   t_bail REASON          "Bail out! REASON"
#   t_count / t_failed     numbers so far
#   t_done                 print the plan "1..N" and a summary; status 1 if any failed
#
# The counters live in a file (T_STATE, exported) so that test files run in
# subshells share one numbering. Tests run one after the other: no locking.

[[ -n ${T_LIB_LOADED:-} ]] && return 0
T_LIB_LOADED=1

t_init() {
	if [[ -n ${1:-} ]]; then
		T_STATE=$1
	else
		T_STATE=$(mktemp "${TMPDIR:-/tmp}/tap.XXXXXX")
		T_STATE_OWNED=1
	fi
	echo '0 0 0' >"$T_STATE"
	export T_STATE
}

t__state() {
	[[ -n ${T_STATE:-} && -f $T_STATE ]] || t_init ""
	read -r T__N T__FAIL T__SKIP <"$T_STATE"
}

# t__result ok|not ok|skip DESC [DIRECTIVE]
t__result() {
	local kind=$1 desc=$2 directive=${3:-}
	t__state
	T__N=$((T__N + 1))
	case $kind in
	notok) T__FAIL=$((T__FAIL + 1)) ;;
	skip) T__SKIP=$((T__SKIP + 1)) ;;
	esac
	echo "$T__N $T__FAIL $T__SKIP" >"$T_STATE"
	# a description must stay on one line and must not open a directive
	desc=${desc//$'\n'/ }
	desc=${desc//$'\r'/ }
	desc=${desc//\#/\\#}
	desc=$(t__visible <<<"$desc")
	case $kind in
	ok) printf 'ok %d - %s\n' "$T__N" "$desc" ;;
	notok) printf 'not ok %d - %s\n' "$T__N" "$desc" ;;
	skip) printf 'ok %d - %s # SKIP %s\n' "$T__N" "$desc" "${directive//$'\n'/ }" ;;
	esac
}

# Make control bytes visible (^[ for ESC ...) but keep UTF-8 as it is.
t__visible() {
	LC_ALL=C sed 's/\x1b/^[/g; s/\x07/^G/g; s/\r/^M/g; s/[\x01-\x06\x08\x0b\x0c\x0e-\x1a\x1c-\x1f\x7f]/?/g'
}

t_diag() {
	local line
	while IFS= read -r line || [[ -n $line ]]; do
		printf '# %s\n' "$line"
	done < <(printf '%s\n' "$*" | t__visible)
}

t_pass() { t__result ok "$1"; }

t_fail() {
	t__result notok "$1"
	shift
	(($#)) && t_diag "$@"
	return 1
}

t_skip() { t__result skip "$1" "${2:-}"; }

t_bail() { printf 'Bail out! %s\n' "${*//$'\n'/ }"; }

t_ok() {
	local desc=$1 out rc=0 dir=${RIG_DIR:-}
	shift
	[[ -n $dir && -d $dir ]] || dir=${TMPDIR:-/tmp}
	out=$(mktemp "$dir/t_ok.XXXXXX")
	"$@" >"$out" 2>&1 || rc=$?
	if ((rc == 0)); then
		t_pass "$desc"
	else
		t__result notok "$desc"
		t_diag "command failed (status $rc): $*"
		# lines that are diagnostics already (e.g. from ui_wait_for) stay as they are
		[[ -s $out ]] && tail -n 60 "$out" | t__visible | sed '/^#/!s/^/# /'
	fi
	rm -f "$out"
	return "$rc"
}

t_eq() {
	local desc=$1 exp=$2 act=$3
	if [[ $exp == "$act" ]]; then
		t_pass "$desc"
		return 0
	fi
	t__result notok "$desc"
	if [[ $exp == *$'\n'* || $act == *$'\n'* ]]; then
		t_diag "$(diff -u --label expected --label actual <(printf '%s\n' "$exp") <(printf '%s\n' "$act"))"
	else
		t_diag "expected: '$exp'"
		t_diag "  actual: '$act'"
	fi
	return 1
}

t_match() {
	local desc=$1 re=$2 str=$3
	if grep -qE -- "$re" <<<"$str"; then
		t_pass "$desc"
		return 0
	fi
	t__result notok "$desc"
	t_diag "no line matches /$re/ in:"
	t_diag "$(head -n 60 <<<"$str")"
	return 1
}

t_count() {
	t__state
	echo "$T__N"
}

t_failed() {
	t__state
	echo "$T__FAIL"
}

t_done() {
	t__state
	printf '1..%d\n' "$T__N"
	printf '# %d passed, %d failed, %d skipped\n' "$((T__N - T__FAIL - T__SKIP))" "$T__FAIL" "$T__SKIP"
	[[ -n ${T_STATE_OWNED:-} ]] && rm -f "$T_STATE"
	((T__FAIL == 0))
}
