# shellcheck shell=bash
# The registry client (src/registry.h, through tests/engine/engine_probe tags|manifest) against
# the rig's registry, compared with what curl and `docker manifest inspect` read there; then,
# for what distribution 2.8 cannot show (tag lists in pages, the anonymous token flow, rate
# limits, lies, slowness), against tests/rig/fake-registry.c.

probe=${ENGINE_PROBE:-$top_builddir/tests/engine/engine_probe}
D=$RIG_DOCKER
R=$RIG_REGISTRY

reg_curl() { curl -sS --noproxy '*' --max-time 20 "$@"; }
inspect() { DOCKER_CLI_EXPERIMENTAL=enabled "$D" manifest inspect --insecure "$1"; }

# ---- the rig's registry ----------------------------------------------------------------------

t_eq "tags equal the registry's tags/list" \
	"$(reg_curl "http://$R/v2/multi/app/tags/list" | jq -r '.tags[]')" \
	"$("$probe" tags "$R/multi/app")"
t_eq "tags of demo/app" "1" "$("$probe" tags "$R/demo/app")"

index=$(rig_seeded index)
out=$("$probe" manifest "$R/multi/app" 1)
t_eq "the index: its kind, digest and media type" \
	"$(printf 'kind=index\ndigest=%s\nmedia_type=application/vnd.docker.distribution.manifest.list.v2+json' "$index")" \
	"$(head -n3 <<<"$out")"
t_eq "the index's digest is the registry's Docker-Content-Digest" \
	"$(reg_curl -I -H 'Accept: application/vnd.docker.distribution.manifest.list.v2+json' \
		"http://$R/v2/multi/app/manifests/1" | tr -d '\r' | sed -n 's/^[Dd]ocker-[Cc]ontent-[Dd]igest: //p')" \
	"$(sed -n 's/^digest=//p' <<<"$out")"
t_eq "the index's platforms equal docker manifest inspect" \
	"$(inspect "$R/multi/app:1" | jq -r '.manifests[] | "platform \(.platform.os)/\(.platform.architecture)\(if (.platform.variant // "") != "" then "/" + .platform.variant else "" end) \(.digest) \(.size) \(.mediaType)"')" \
	"$(grep '^platform ' <<<"$out")"
t_match "both seeded platforms are in the index" "^platform linux/arm64 $(rig_seeded platform-arm64) " "$out"

arm=$(rig_seeded platform-arm64)
out=$("$probe" manifest "$R/multi/app" "$arm")
t_eq "a platform manifest by digest: kind and digest" \
	"$(printf 'kind=image\ndigest=%s' "$arm")" "$(head -n2 <<<"$out")"
t_eq "its config and layers equal docker manifest inspect" \
	"$(inspect "$R/multi/app@$arm" | jq -r '"config \(.config.digest) \(.config.size)", (.layers[] | "layer \(.digest) \(.size) \(.mediaType)"), "total=\([.layers[].size] | add)"')" \
	"$(grep -E '^(config|layer|total)' <<<"$out")"
pushed=$(rig_seeded digest)
t_eq "demo/app:1 has the digest docker push recorded" "digest=${pushed#*@}" \
	"$("$probe" manifest "$R/demo/app" 1 | grep '^digest=')"

engine_said=$("$probe" get "/distribution/$R/multi/app:nosuch/json" | sed -n 's/^error: //p')
t_eq "a missing tag: 404 in the engine's words ($engine_said)" \
	"$(printf 'http=404\nerror: %s' "$engine_said")" "$("$probe" manifest "$R/multi/app" nosuch)"
t_eq "a missing repository" \
	"$(printf 'http=404\nerror: name unknown: repository name not known to registry')" \
	"$("$probe" tags "$R/no/such")"

port=$(rig__free_port)
t_eq "an unreachable registry: connection refused" \
	"$(printf 'http=0\nerror: cannot reach 127.0.0.1:%s: connection refused' "$port")" \
	"$("$probe" tags "127.0.0.1:$port/demo/app")"
t_eq "a plain-HTTP registry is not used when it is not insecure" \
	"$(printf 'http=0\nerror: cannot reach %s: it does not speak TLS (plain HTTP is for insecure registries only)' "$R")" \
	"$("$probe" manifest --secure "$R/multi/app" 1)"
out=$(timeout 60 "$probe" tags nosuch.invalid/demo/app)
t_eq "a host name that does not resolve" \
	"$(printf 'http=0\nerror: cannot reach nosuch.invalid: host not found')" "$out"
t_eq "a bad tag is refused before any request" \
	"$(printf 'http=0\nerror: invalid tag format')" "$("$probe" manifest "$R/multi/app" '../../_catalog')"

# ---- the stand-in registry -------------------------------------------------------------------

fake=$T_TMP/fake-registry
if ! "${CC:-cc}" -O2 -std=c11 -D_GNU_SOURCE -o "$fake" "${top_srcdir:?}/tests/rig/fake-registry.c" 2>"$T_TMP/cc.log"; then
	t_fail "compile tests/rig/fake-registry.c" "$(cat "$T_TMP/cc.log")"
	return 0
fi
setsid "$fake" 0 >"$T_TMP/fake.port" 2>"$T_TMP/fake.log" </dev/null &
fake_pid=$!
rig_track_pid "$fake_pid"
for _ in $(seq 50); do
	[[ -s $T_TMP/fake.port ]] && break
	sleep 0.1
done
F=127.0.0.1:$(head -n1 "$T_TMP/fake.port")
# fake_log PATTERN: the requests logged so far that match
fake_log() { grep -E -- "$1" "$T_TMP/fake.log"; }

# ---- the stand-in as a hostile engine (issue 15) ----
t_eq "an Api-Version that is no N.N (99999999.1) is ignored, not put into paths" \
	"api=1.24 engine=hostile product=Docker" "$(DOCKER_HOST=tcp://$F "$probe" version)"
t_eq "… the paths asked for" "GET /v1.24/version 200" "$(fake_log '^GET /v[^2].*version')"
out=$(DOCKER_HOST=tcp://$F timeout 60 /usr/bin/time -f 'rss_kb=%M' "$probe" pull demo x 2>&1)
t_match "a stream line without a newline is dropped past 1 MiB, with a message" \
	"error: The engine at tcp://$F sent a line longer than 1 MiB: the stream was dropped" "$out"
rss=$(sed -n 's/^rss_kb=//p' <<<"$out")
t_ok "… and memory stays bounded (peak ${rss:-?} kB, the line was 64 MiB)" test "${rss:-999999}" -lt 40000

t_eq "tags in pages: all 250, in order" "$(printf 't%03d\n' $(seq 0 249))" "$("$probe" tags "$F/page/app")"
t_eq "three pages, each asked for by its Link" \
	"$(printf '%s\n' 'GET /v2/page/app/tags/list?n=100 200' \
		'GET /v2/page/app/tags/list?last=t099&n=100 200' 'GET /v2/page/app/tags/list?last=t199&n=100 200')" \
	"$(fake_log '^GET /v2/page/')"

out=$(timeout 120 /usr/bin/time -f 'rss_kb=%M' "$probe" tags "$F/endless/app" 2>"$T_TMP/endless.time")
t_eq "endless tag pages: the first 100,000 tags, and the probe says the list was cut" \
	"$(printf '%s\n' 100001 p0t00000 p4t19999 'cut: the first 100000')" \
	"$(wc -l <<<"$out"; head -n1 <<<"$out"; tail -n2 <<<"$out")"
t_eq "… five pages asked for, no more" 5 "$(fake_log '^GET /v2/endless/' | wc -l)"
rss=$(sed -n 's/^rss_kb=//p' "$T_TMP/endless.time")
# (17 MB in a plain build, 60 MB under ASan, whose redzones and quarantine triple the heap)
limit=40000
[[ -n ${ASAN_OPTIONS:-} ]] && limit=120000
t_ok "… in bounded memory (peak ${rss:-?} kB, under $limit)" test "${rss:-999999}" -lt "$limit"
t_eq "token flow: 401, one token, then every page with it" \
	"$(printf 't%03d\n' $(seq 0 249))" "$("$probe" tags "$F/auth/app")"
t_eq "the requests of the token flow" \
	"$(printf '%s\n' 'GET /v2/auth/app/tags/list?n=100 401' \
		'GET /token?service=fake-registry&scope=repository%3Aauth%2Fapp%3Apull 200' \
		'GET /v2/auth/app/tags/list?n=100 200 auth' \
		'GET /v2/auth/app/tags/list?last=t099&n=100 200 auth' \
		'GET /v2/auth/app/tags/list?last=t199&n=100 200 auth')" \
	"$(fake_log '^GET /(v2/auth|token)')"
body_digest=sha256:$(reg_curl -H 'Authorization: Bearer t0k3n' "http://$F/v2/auth/app/manifests/1" | sha256sum | cut -d' ' -f1)
out=$("$probe" manifest "$F/auth/app" 1)
t_eq "a manifest behind a token: its digest is sha256 of the body" "digest=$body_digest" "$(grep '^digest=' <<<"$out")"
t_eq "… and its layers" \
	"$(printf '%s\n' 'layer sha256:9834876dcfb05cb167a5c24953eba58c4ac89b1adf57f28f2f9d09af107ee8f0 32654 application/vnd.oci.image.layer.v1.tar+gzip' \
		'layer sha256:3c3a4604a545cdc127456d94e421cd355bca5b528f4a9c1905b15da2eb4a4c6b 16724 application/vnd.oci.image.layer.v1.tar+gzip' \
		'total=49378')" "$(grep -E '^(layer|total)' <<<"$out")"
t_eq "the token server refuses" \
	"$(printf 'http=401\nerror: no pull token from %s: unauthorized: no anonymous access to this repository' "$F")" \
	"$("$probe" tags "$F/denied/app")"

# rate limits: the minute to come back, rounded up (either side of a minute boundary)
# (a regex: budu names the day too when the time falls on another day than now, as near midnight)
retry_at() { local t=$(((${1} + 59) / 60 * 60)); printf '(%s )?%s' "$(date -u -d "@$t" +%F)" "$(date -u -d "@$t" +%H:%M)"; }
t0=$(date +%s)
out=$("$probe" tags "$F/limit/app")
t1=$(date +%s)
t_match "429 with Retry-After: when to try again" \
	"^error: rate limit reached: try again at ($(retry_at $((t0 + 120)))|$(retry_at $((t1 + 120)))) UTC \\(toomanyrequests: You have reached your pull rate limit\\.\\)$" \
	"$out"
t_match "… and the status" '^http=429$' "$out"
t0=$(date +%s)
out=$("$probe" tags "$F/hub/app")
t1=$(date +%s)
t_match "429 with Docker Hub's ratelimit-reset" \
	"^error: rate limit reached: try again at ($(retry_at $((t0 + 3600)))|$(retry_at $((t1 + 3600)))) UTC " "$out"

t_eq "a tag list that is not JSON" "$(printf 'http=200\nerror: the registry%s tag list is not JSON' "'s")" \
	"$("$probe" tags "$F/bad/app")"
t_eq "a manifest that is not JSON" "$(printf 'http=200\nerror: the registry sent a manifest that is not JSON')" \
	"$("$probe" manifest "$F/bad/app" 1)"
t_eq "a manifest that does not match Docker-Content-Digest" \
	"$(printf 'http=200\nerror: the registry sent a manifest that does not match its Docker-Content-Digest')" \
	"$("$probe" manifest "$F/lie/app" 1)"
t_eq "a manifest whose digest was asked for must match it" \
	"$(printf 'http=200\nerror: the registry sent a manifest that does not match its digest')" \
	"$("$probe" manifest "$F/auth/app" "sha256:$(printf '%064d' 0)")"
t_eq "a 5 MiB manifest is refused" \
	"$(printf 'http=200\nerror: %s sent an answer too large to be a registry%s' "$F" "'s")" \
	"$("$probe" manifest "$F/big/app" 1)"
t_eq "a Link back to the same page ends the list" "100" "$("$probe" tags "$F/loop/app" | wc -l | tr -d ' ')"
t_eq "a Link to another server is not followed (it would get the token)" \
	"$(printf 'http=200\nerror: the registry%s next page of tags is on another server' "'s")" \
	"$("$probe" tags "$F/away/app")"

start=$(date +%s%N)
out=$("$probe" tags --cancel-after 300 "$F/slow/app")
ms=$((($(date +%s%N) - start) / 1000000))
t_eq "cancel_request stops a call in flight" "$(printf 'http=0\nerror: cancelled')" "$out"
if ((ms < 5000)); then
	t_pass "… at once (${ms} ms; the registry would answer after 30 s)"
else
	t_fail "… at once" "took ${ms} ms"
fi

kill -TERM "$fake_pid" 2>/dev/null
wait "$fake_pid" 2>/dev/null
