# shellcheck shell=bash
# Trust without Notary (issue 10): with DOCKER_CONTENT_TRUST=1 budu says once that it checks
# digests with the registry instead; @ (pin) on a tag that moved on the registry since it was
# pushed pulls what the registry serves for it now, by its digest: the local image of that
# digest then carries REPO@DIGEST, and the digest is what the registry announces.
source "$top_srcdir/tests/ui/lib-images.sh"

D=$RIG_DOCKER
R=$RIG_REGISTRY
repo=$R/pin/x$RANDOM
"$D" tag bb:1.0 "$repo:1" >/dev/null && "$D" push "$repo:1" >/dev/null 2>&1
"$D" tag demo/used:1 "$repo:1" >/dev/null && "$D" push "$repo:1" >/dev/null 2>&1
"$D" tag bb:1.0 "$repo:1" >/dev/null	# the local tag back on the image first pushed
now=$(curl -sS --noproxy '*' -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' -D - -o /dev/null \
	"http://$R/v2/${repo#*/}/manifests/1" | tr -d '\r' | sed -n 's/^[Dd]ocker-[Cc]ontent-[Dd]igest: //p')
t_match "the registry's tag moved to another image" '^sha256:[0-9a-f]{64}$' "$now"
used_id=$("$D" image inspect -f '{{.Id}}' demo/used:1)
# the push left REPO@DIGEST on demo/used's image: drop it, so that only a pull can bring it back
"$D" rmi "$repo@$now" >/dev/null 2>&1
t_ok "no local image carries $repo@DIGEST before the pin" bash -c \
	"! '$D' image inspect -f '{{range .RepoDigests}}{{println .}}{{end}}' '$used_id' | grep -qx '$repo@$now'"

UI_ENV=(DOCKER_CONTENT_TRUST=1)
UI_COLS=160 UI_ROWS=30
ui_start
t_ok "DOCKER_CONTENT_TRUST=1: budu says what it does instead" \
	ui_wait_for 'DOCKER_CONTENT_TRUST is set: Notary v1 is being retired, so budu checks digests with the registry' 15
ui_keys / C-u
ui_type "pin/x"
ui_keys Enter
t_ok "the local tag is listed" ui_wait_for "^${repo//./\\.} +1 " 10
ui_keys @
t_ok "@ pins: pulls the tag's current digest" bash -c \
	"for i in \$(seq 100); do '$D' image inspect -f '{{range .RepoDigests}}{{println .}}{{end}}' '$used_id' | grep -qx '$repo@$now' && exit 0; sleep 0.2; done; exit 1"
t_eq "the local tag still names the image it named (a pull by digest moves no tag)" \
	"$("$D" image inspect -f '{{.Id}}' bb:1.0)" "$("$D" image inspect -f '{{.Id}}' "$repo:1")"
ui_stop
"$D" rmi "$repo:1" "$repo@$now" >/dev/null 2>&1
true
