# shellcheck shell=bash
# The core client (through tests/engine/engine_probe) against the private engine:
# version negotiation, the rows of `docker image ls`, the engine's error messages.

probe=${ENGINE_PROBE:-$top_builddir/tests/engine/engine_probe}
D=$RIG_DOCKER

engine_api=$(curl -sS --unix-socket "$RIG_SOCK" -o /dev/null -D - http://localhost/_ping |
	tr -d '\r' | sed -n 's/^[Aa]pi-[Vv]ersion: //p')
t_eq "negotiates the engine's API version (never newer)" "api=$engine_api" \
	"$("$probe" version | cut -d' ' -f1)"
t_eq "DOCKER_API_VERSION overrides negotiation" "api=1.40" \
	"$(DOCKER_API_VERSION=1.40 "$probe" version | cut -d' ' -f1)"
t_match "a too-new DOCKER_API_VERSION shows the engine's message" \
	'^error: client version 1\.99 is too new\. Maximum supported API version is' \
	"$(DOCKER_API_VERSION=1.99 "$probe" images)"

# docker prints one row per tag; repositories of one image come in Go's random map order,
# so both sides are sorted before comparing.
docker_rows() {
	"$D" image ls "$@" --format '{{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.Size}}' | sort
}
docker_digest_rows() {
	"$D" image ls --digests "$@" --format '{{.Repository}}\t{{.Tag}}\t{{.Digest}}\t{{.ID}}\t{{.Size}}' | sort
}
t_eq "rows equal docker image ls" "$(docker_rows)" "$("$probe" images | sort)"
t_eq "rows equal docker image ls -a" "$(docker_rows -a)" "$("$probe" images -a | sort)"
t_eq "rows equal docker image ls --no-trunc" "$(docker_rows --no-trunc)" \
	"$("$probe" images --no-trunc | sort)"
t_eq "rows equal docker image ls --digests" "$(docker_digest_rows)" \
	"$("$probe" images --digests | sort)"
t_match "the dangling image is a <none> <none> row" $'^<none>\t<none>\t' "$("$probe" images)"
t_match "the registry-host image keeps host and port in its repository" \
	"^${RIG_REGISTRY//./\\.}/demo/app"$'\t1\tsha256:' "$("$probe" images --digests)"

t_eq "a missing image gives the engine's own message" \
	"$(printf 'http=404\nerror: no such image: nosuch: No such image: nosuch:latest')" \
	"$("$probe" get /images/nosuch/json)"

out=$(DOCKER_HOST=unix://$RIG_DIR/no-such.sock "$probe" version)
t_eq "an absent socket names the address and the reason" \
	"error: Cannot connect to the Docker engine at unix://$RIG_DIR/no-such.sock: no such file" "$out"

: >"$RIG_DIR/not-a-socket"
out=$(DOCKER_HOST=unix://$RIG_DIR/not-a-socket "$probe" version)
t_match "a file that is no socket is refused, not crashed on" \
	"^error: Cannot connect to the Docker engine at unix://$RIG_DIR/not-a-socket: " "$out"

port=$(rig__free_port)
out=$(DOCKER_HOST=tcp://127.0.0.1:$port "$probe" version)
t_eq "tcp:// with nothing listening names the address" \
	"error: Cannot connect to the Docker engine at tcp://127.0.0.1:$port: connection refused" "$out"

out=$(DOCKER_HOST=ssh://nobody@example.invalid "$probe" version)
t_match "ssh:// is refused with a hint instead of a raw error" '^error: .*ssh' "$out"
