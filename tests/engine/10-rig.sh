# shellcheck shell=bash
# tests/engine/10-rig.sh: the rig itself is sound (sourced by tests/suite.sh).

d() { "$RIG_DOCKER" "$@"; }
api() { curl -fsS --noproxy '*' --unix-socket "$RIG_SOCK" "http://rig$1"; }

t_eq "engine answers /_ping" OK "$(api /_ping)"
t_match "engine is the private one (data-root in RIG_DIR)" "^$RIG_DIR/data\$" \
	"$(d info -f '{{.DockerRootDir}}')"

# dockerd's own containerd keeps its state and root in RIG_DIR too
cpid=$(tr -dc 0-9 <"$RIG_DIR/exec/containerd/containerd.pid" 2>/dev/null)
t_match "containerd runs with a config inside RIG_DIR" "--config $RIG_DIR/exec/containerd/" \
	"$(tr '\0' ' ' <"/proc/${cpid:-0}/cmdline" 2>/dev/null)"
t_match "containerd state is inside RIG_DIR" "^state = \"$RIG_DIR/exec/" \
	"$(cat "$RIG_DIR/exec/containerd/containerd.toml" 2>/dev/null)"

tags=$(d image ls --format '{{.Repository}}:{{.Tag}}')
while read -r tag; do
	t_ok "image ls shows $tag" grep -qxF -- "$tag" <<<"$tags"
done < <(rig_seeded tag)

base_id=$(d image inspect -f '{{.Id}}' bb:1.0)
for a in $(rig_seeded alias); do
	t_eq "$a is the same image as bb:1.0" "$base_id" "$(d image inspect -f '{{.Id}}' "$a")"
done

n_top=$(d images -q | wc -l)
n_all=$(d images -a -q | wc -l)
t_ok "images -a shows more rows than images ($n_all > $n_top)" test "$n_all" -gt "$n_top"

t_match "a dangling <none>:<none> row" '^<none>:<none>$' "$tags"
t_eq "the seeded dangling image is the dangling one" "$(rig_seeded dangling)" \
	"$(d images -q --no-trunc -f dangling=true)"

digest=$(rig_seeded digest)
t_match "the pushed image has a RepoDigest" "^$RIG_REGISTRY/demo/app@sha256:[0-9a-f]{64}\$" "$digest"
t_match "RepoDigests of demo/app:1 hold it" "^${digest}\$" \
	"$(d image inspect -f '{{range .RepoDigests}}{{println .}}{{end}}' demo/app:1)"
reg_digest=$(curl -fsSI --noproxy '*' \
	-H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
	"http://$RIG_REGISTRY/v2/demo/app/manifests/1" | tr -d '\r' |
	sed -n 's/^[Dd]ocker-[Cc]ontent-[Dd]igest: //p')
t_eq "the registry serves that digest" "${digest#*@}" "$reg_digest"

t_match "the stopped container exists and exited 0" '^Exited \(0\)' \
	"$(d ps -a -f name='^rig-exited$' --format '{{.Status}}')"
t_eq "demo/used:1 is used by that container only" "rig-exited" \
	"$(d ps -a -f ancestor=demo/used:1 --format '{{.Names}}')"
t_eq "no container is running" "" "$(d ps -q)"

hangul=$(d image inspect -f '{{index .Config.Labels "desc"}}' demo/hangul:1)
t_eq "Korean label, byte-exact" "$(od -An -tx1 <<<"$RIG_LABEL_HANGUL")" "$(od -An -tx1 <<<"$hangul")"
evil=$(d image inspect -f '{{index .Config.Labels "evil"}}' demo/evil:1)
t_eq "escape-sequence label, byte-exact" "$(od -An -tx1 <<<"$RIG_LABEL_EVIL")" "$(od -An -tx1 <<<"$evil")"
t_match "the API sends the ESC byte as \\u001b" '"evil":"\\u001b]0;pwned\\u0007\\u001b\[2J"' \
	"$(api /v1.41/images/demo/evil:1/json)"
t_eq "the API's label decodes byte-exact" "$(printf %s "$RIG_LABEL_EVIL" | od -An -tx1)" \
	"$(api /v1.41/images/demo/evil:1/json | jq -j '.Config.Labels.evil' | od -An -tx1)"

history=$(d history --no-trunc --format '{{.CreatedBy}}' demo/app:1)
t_match "demo/app:1 history has its RUN step" 'dd if=/dev/zero' "$history"
t_match "demo/app:1 history has its COPY step" 'COPY file:' "$history"

# engine lost, then back: same socket, same data
rig_engine_stop
if rig__ping "$RIG_SOCK"; then t_fail "ping fails once the engine is stopped"; else t_pass "ping fails once the engine is stopped"; fi
t_eq "no dockerd left running" "" "$(pgrep -f -- "--data-root=$RIG_DIR/data" || true)"
t_ok "rig_engine_start brings it back" rig_engine_start
t_eq "images survive an engine restart" "$(sort <<<"$tags")" \
	"$(d image ls --format '{{.Repository}}:{{.Tag}}' | sort)"
t_ok "rig_seed again is quick and keeps the set" rig_seed
t_eq "the dangling image is still the same" "$(rig_seeded dangling)" \
	"$(d images -q --no-trunc -f dangling=true)"

# Seeding again, with the progress tests/rig/demo.sh shows (seeding takes half a minute): each
# step says what it does, n of N, and an engine already seeded is left as it was.
seeded_before=$(cat "$RIG_DIR/seeded.txt")
progress=$(RIG_SEED_PROGRESS="seed: " rig_seed 2>&1 >/dev/null)
t_eq "seeding says each of its steps, n of N" "1/7 2/7 3/7 4/7 5/7 6/7 7/7" \
	"$(grep -oE '^seed: \[[0-9]+/[0-9]+\] .' <<<"$progress" | grep -oE '[0-9]+/[0-9]+' | paste -sd' ')"
t_eq "seeding a seeded engine again changes nothing" "$seeded_before" "$(cat "$RIG_DIR/seeded.txt")"
