# shellcheck shell=bash
# docker search through the core (tests/engine/engine_probe search, src/search.h) against the
# real engine and the rig's stand-in index ($RIG_INDEX, tests/rig/fake-index.c serving
# tests/fixtures/index-search.json): the rows equal what docker 20.10 prints with the same
# options; what the engine asks the index; the engine's and the prompt's errors.

probe=${ENGINE_PROBE:-$top_builddir/tests/engine/engine_probe}
D=$RIG_DOCKER

if [[ -z ${RIG_INDEX:-} ]]; then
	t_fail "the rig runs the stand-in search index (RIG_INDEX is set)"
	return 0
fi
index_log=$RIG_DIR/index/log

# docker prints raw control characters where budu shows them escaped (src/sanitize.h): make
# the ones the fixture holds look the same. Fields are split at US (0x1f) so that a TAB in a
# description stays apart from the separators.
visible() {
	LC_ALL=C sed -e 's/\t/\\t/g' -e 's/\x1b/\\e/g' -e 's/\x07/\\x07/g' -e 's/\x08/\\x08/g' \
		-e 's/\x7f/\\x7f/g' -e 's/\xc2\x9b/\\u009b/g' -e 's/\xe2\x80\xae/\\u202e/g' \
		-e 's/\xe2\x80\xac/\\u202c/g' -e 's/\xe2\x81\xa6/\\u2066/g' -e 's/\xe2\x81\xa9/\\u2069/g' |
		tr '\037' '\t'
}
docker_rows() {
	"$D" search --format $'{{.Name}}\x1f{{.Description}}\x1f{{.StarCount}}\x1f{{.IsOfficial}}\x1f{{.IsAutomated}}' \
		"$@" 2>&1 | visible
}
probe_rows() { "$probe" search "$@"; }
# the first n=… the index saw in its log lines after line $1
index_request() { tail -n +"$(($1 + 1))" "$index_log" | grep -m1 -o 'GET /v1/search?[^ ]*'; }
log_lines() { wc -l <"$index_log"; }

# Same rows as docker search, for each set of options.
same_rows() {
	local desc=$1
	shift
	local exp act
	exp=$(docker_rows "$@")
	act=$(probe_rows "$@")
	if [[ -z $exp ]]; then
		t_fail "$desc" "docker search $* printed nothing"
		return 1
	fi
	t_eq "$desc" "$exp" "$act"
}

I=$RIG_INDEX
same_rows "rows equal docker search (by stars, descriptions cut at 45 columns)" "$I/nginx"
same_rows "rows equal docker search --no-trunc" --no-trunc "$I/nginx"
same_rows "--limit 5" --limit 5 "$I/nginx"
t_eq "--limit 5 gives 5 rows of the 21 nginx ones" 5 "$(probe_rows --limit 5 "$I/nginx" | wc -l)"
same_rows "--filter stars=1000" --filter stars=1000 "$I/nginx"
same_rows "the largest stars filter wins" -f stars=3000 -f stars=10 "$I/nginx"
same_rows "--filter is-official=true" --filter is-official=true "$I/nginx"
same_rows "--filter is-official=false --limit 10" --filter is-official=false --limit 10 "$I/nginx"
same_rows "--filter is-automated=true" --filter is-automated=true --no-trunc "$I/"
same_rows "--filter is-automated=false and stars" -f is-automated=false -f stars=2000 "$I/nginx"
same_rows "Korean descriptions cut where docker cuts them" "$I/hangul"
same_rows "descriptions of 44, 45 and 46 columns, narrow and wide" "$I/edge"
same_rows "emoji count two columns, as docker counts them" "$I/emoji"
same_rows "newlines and CRs in descriptions become spaces" "$I/lines"
same_rows "quotes, <>& and backslashes stay as they are" --no-trunc "$I/quotes"
same_rows "the engine's default limit (25) when none is sent" --no-trunc "$I/"
same_rows "every result, control characters shown escaped" --limit 100 --no-trunc "$I/"
same_rows "the term's case is the index's business" "$I/NGINX"
same_rows "localhost:PORT is an index too" "localhost:${I#*:}/redis"

# Descriptions with escape sequences: docker counts a raw ESC 0 columns, budu shows "\e" (two),
# so only the other cells are compared when descriptions are cut; the cells themselves hold no
# control byte and fit in 45 columns.
t_eq "hostile descriptions: names, stars and flags equal docker search's" \
	"$(docker_rows "$I/evil" | cut -f1,3-)" "$(probe_rows "$I/evil" | cut -f1,3-)"
cells=$(probe_rows "$I/evil" | cut -f2)
if LC_ALL=C grep -q $'[\x01-\x1f\x7f]' <<<"$cells"; then
	t_fail "hostile descriptions hold no control byte" "$cells"
else
	t_pass "hostile descriptions hold no control byte"
fi
t_ok "hostile description cells fit in 45 columns" test "$(LC_ALL=C.UTF-8 wc -L <<<"$cells")" -le 45

# What the engine asks the index: the rest of the term (library/ kept for a registry that is
# not Docker Hub) and the limit; the filters are applied by the engine afterwards.
n=$(log_lines)
rows=$(probe_rows --limit 7 -f stars=2500 "$I/library/nginx")
t_eq "the engine asks the index for q=<the rest of the term> and n=<limit>" \
	"GET /v1/search?q=library%2Fnginx&n=7" "$(index_request "$n")"
n=$(log_lines)
rows=$(probe_rows -f stars=2500 "$I/nginx")
t_eq "with no limit the engine asks for 25" "GET /v1/search?q=nginx&n=25" "$(index_request "$n")"
t_eq "the stars filter is applied after the index answered" \
	"$(docker_rows -f stars=2500 "$I/nginx")" "$rows"
t_match "the engine pings the index's v1 API over http first" '^GET /v1/_ping ' \
	"$(tail -n +"$((n + 1))" "$index_log")"

# A pasted docker search line: the command the panel header shows for it runs as docker search.
out=$("$probe" search-query "\$ docker search --filter stars=100 --limit 10 $I/nginx")
t_eq "a pasted docker search line reads back as the same command" \
	"$(printf 'command: docker search --filter stars=100 --limit 10 %s\npath: /images/search?filters=%%7B%%22stars%%22%%3A%%7B%%22100%%22%%3Atrue%%7D%%7D&limit=10&term=%s' \
		"$I/nginx" "${I//:/%3A}%2Fnginx")" "$out"
same_rows "and that command's rows equal docker search's" --filter stars=100 --limit 10 "$I/nginx"

# Errors: the prompt refuses what the engine would, in the engine's words; the engine's own
# messages come through as they are.
lower() { tr '[:upper:]' '[:lower:]'; }
docker_error() { "$D" search "$@" 2>&1 >/dev/null | sed -n 's/^Error response from daemon: //p'; }
t_eq "--limit 0 is refused as the engine refuses it" \
	"$(docker_error --limit 0 "$I/nginx" | lower)" "$(probe_rows --limit 0 "$I/nginx" | sed 's/^error: //')"
t_eq "--limit 101 is refused as the engine refuses it" \
	"$(docker_error --limit 101 "$I/nginx" | lower)" "$(probe_rows --limit 101 "$I/nginx" | sed 's/^error: //')"
t_eq "an unknown filter is refused as the engine refuses it" \
	"$(docker_error -f foo=bar "$I/nginx" | lower)" "$(probe_rows -f foo=bar "$I/nginx" | sed 's/^error: //')"
t_eq "a bad stars filter is refused as the engine refuses it" \
	"$(docker_error -f stars=many "$I/nginx" | lower)" "$(probe_rows -f stars=many "$I/nginx" | sed 's/^error: //')"
t_eq "a scheme in the term is refused in the engine's words" \
	"$(docker_error "http://$I/nginx" | lower)" "$(probe_rows "http://$I/nginx" | sed 's/^error: //' | lower)"
t_eq "a registry without the v1 search API: the engine's message" \
	"$(docker_error "$RIG_REGISTRY/demo")" "$(probe_rows "$RIG_REGISTRY/demo" | sed 's/^error: //')"
t_eq "an index that fails: the engine's message" \
	"$(docker_error "$I/fail-503")" "$(probe_rows "$I/fail-503" | sed 's/^error: //')"
t_eq "an index that answers no JSON: the engine's message" \
	"$(docker_error "$I/fail-json")" "$(probe_rows "$I/fail-json" | sed 's/^error: //')"
t_match "--format is refused" '^error: --format is not supported' "$(probe_rows --format x "$I/nginx")"
