# shellcheck shell=bash
# The core client against Podman's Docker-compatible service (Debian's podman 4.3, started by
# rig_podman_start with its own storage, seeded from the rig's registry), through
# tests/engine/engine_probe: the engine is named Podman, the image rows equal `podman images`
# (and the docker CLI's on the same socket), localhost/ names are removed by name, a pull is
# counted in layers, Podman's search answers are read. Podman must start: if it cannot, that is
# a failure with the reason, never a skip.

probe=${ENGINE_PROBE:-$top_builddir/tests/engine/engine_probe}

rig_podman_start 2>"$T_TMP/podman-start.err" >/dev/null
if [[ -z ${RIG_PODMAN_HOST:-} ]] || ! rig__ping "${RIG_PODMAN_SOCK:-/nonexistent}"; then
	t_fail "podman system service starts" "$(cat "$T_TMP/podman-start.err")" "${RIG_DIR:-}/podman/log:" \
		"$(tail -n 20 "${RIG_DIR:-}/podman/log" 2>/dev/null)"
	return 0 2>/dev/null || exit 0
fi
t_pass "podman system service starts (${RIG_PODMAN_HOST})"
P=$RIG_PODMAN
pp() { DOCKER_HOST=$RIG_PODMAN_HOST "$probe" "$@"; }

t_match "the engine is named Podman, with Podman's version" \
	"^api=1\\.[0-9]+ engine=$("$P" version --format '{{.Server.Version}}' 2>/dev/null | sed 's/\./\\./g') product=Podman\$" \
	"$(pp version)"
t_match "dockerd is still named Docker" '^api=1\.[0-9]+ engine=[0-9].* product=Docker$' "$("$probe" version)"

# `podman images` names docker.io images in full; docker's CLI (and budu) shows them familiar.
familiar() { sed -E 's#^docker\.io/library/([^/	]+)	#\1	#; s#^docker\.io/##'; }
podman_rows() {
	"$P" images "$@" --format '{{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.Size}}' | familiar | sed 's/ //g' | sort
}
# a Docker Hub name as podman keeps it, to see it made familiar
"$P" tag localhost/demo/imported:1 docker.io/library/pmhub:1 >/dev/null 2>&1 ||
	t_fail "podman tag docker.io/library/pmhub:1"
t_eq "rows equal podman images (repository, tag, ID, size)" "$(podman_rows)" "$(pp images | sort)"
t_eq "rows equal podman images -a" "$(podman_rows -a)" "$(pp images -a | sort)"
t_eq "rows equal docker image ls on Podman's socket, with digests" \
	"$(DOCKER_HOST=$RIG_PODMAN_HOST "$RIG_DOCKER" image ls --digests \
		--format '{{.Repository}}\t{{.Tag}}\t{{.Digest}}\t{{.ID}}\t{{.Size}}' | sort)" \
	"$(pp images --digests | sort)"
t_match "localhost/ names stay as Podman made them" $'^localhost/demo/imported\t1\t' "$(pp images)"
t_match "a docker.io name is made familiar" $'^pmhub\t1\t' "$(pp images)"

# removal by a localhost/ name (and by the familiar name of a Hub image): untagged only
out=$(pp rm localhost/demo/alias:1)
t_match "rm localhost/demo/alias:1 untags it" '^Untagged: localhost/demo/alias:1$' "$out"
t_ok "podman no longer has localhost/demo/alias:1" bash -c "! '$P' image exists localhost/demo/alias:1"
t_ok "localhost/demo/imported:1 is still there" "$P" image exists localhost/demo/imported:1
out=$(pp rm pmhub:1)
t_match "rm pmhub:1 (docker.io/library/pmhub:1 to Podman) untags it" '^Untagged: ' "$out"
t_ok "podman no longer has docker.io/library/pmhub:1" bash -c "! '$P' image exists docker.io/library/pmhub:1"
"$P" tag localhost/demo/imported:1 localhost/demo/alias:1 >/dev/null 2>&1

# a pull, counted in layers: three new layers on a base Podman has
ctx=$T_TMP/layers
mkdir -p "$ctx"
printf 'FROM bb:1.0\nRUN echo one >/one\nRUN echo two >/two\nRUN echo three >/three\n' >"$ctx/Dockerfile"
if ! { DOCKER_BUILDKIT=0 "$RIG_DOCKER" build -q --network none -t "$RIG_REGISTRY/podman/layers:1" "$ctx" >/dev/null &&
	"$RIG_DOCKER" push "$RIG_REGISTRY/podman/layers:1" >/dev/null; }; then
	t_fail "docker build and push $RIG_REGISTRY/podman/layers:1"
fi
id=$("$RIG_DOCKER" image inspect -f '{{.Id}}' "$RIG_REGISTRY/podman/layers:1")
out=$(pp pull "$RIG_REGISTRY/podman/layers" 1)
t_match "the pull's progress counts layers" '^progress: [0-9] of 4 layers$' "$out"
t_match "the pull ends with every layer through and the image's ID, not a layer" \
	"^layers=4 done=4 existing=1 bytes=0 percent=100 image_id=${id:7:12}\$" "$(tail -n1 <<<"$out")"
t_ok "podman has the pulled image" "$P" image exists "$RIG_REGISTRY/podman/layers:1"
out=$(pp pull "$RIG_REGISTRY/podman/nosuch" 1)
t_match "a pull of a missing image says so" '^error: .*nosuch' "$out"

# search: Podman answers with its own field names
t_match "search on the rig's registry reads Podman's results" \
	"^${RIG_REGISTRY//./\\.}/podman/layers"$'\t' "$(pp search "$RIG_REGISTRY/podman")"

# the engine as it was: the image built for the pull test goes (the registry keeps it)
"$RIG_DOCKER" rmi "$RIG_REGISTRY/podman/layers:1" >/dev/null 2>&1
t_ok "the rig's engine no longer has podman/layers" bash -c "! '$RIG_DOCKER' image inspect '$RIG_REGISTRY/podman/layers:1' >/dev/null 2>&1"
