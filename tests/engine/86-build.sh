# shellcheck shell=bash
# tests/engine/86-build.sh: budu's build (src/build.h through tests/engine/build_probe) against the
# rig's engine, with DOCKER_BUILDKIT=0 /usr/bin/docker build as the reference:
# - a tricky .dockerignore: the files that land in the image, docker history's CREATED BY column
#   (COPY's hash covers every header of the context) and the context's size are docker's; an
#   ignored node_modules that cannot be read (the probe runs without CAP_DAC_OVERRIDE) is never
#   opened;
# - unreadable files that are not ignored: docker's own error words;
# - a failing RUN: its step, exit code and stderr, and no tag;
# - build args (one from the environment) and --target;
# - a Dockerfile outside the context;
# - cancel during a RUN: the build stops, no container is left and no tag appears.

probe=$top_builddir/tests/engine/build_probe
D=$RIG_DOCKER
export DOCKER_BUILDKIT=0
# as root without the right to bypass file permissions: chmod 000 means unreadable
nodac() { setpriv --bounding-set=-dac_override,-dac_read_search -- "$@"; }
files_in() { "$D" run --rm --network none "$1" find /ctx | LC_ALL=C sort; }
created_by() { "$D" history --no-trunc --format '{{.CreatedBy}}' "$1"; }
# units.HumanSize, as "Sending build context to Docker daemon" prints it
# what was here before: a failed classic build keeps its step's container and the images of the
# steps before it, which later tests (an exact prune preview) must not find
containers_before=$("$D" ps -aq --no-trunc | sort)
dangling_before=$("$D" images -q --no-trunc -f dangling=true | sort)
human() { awk -v b="$1" 'BEGIN { split("B kB MB GB", u, " "); i = 1; while (b >= 1000 && i < 4) { b /= 1000; i++ }
	printf "%.4g%s\n", b, u[i] }'; }

# ---- a tricky .dockerignore ---------------------------------------------------------------------
ctx=$T_TMP/tricky
mkdir -p "$ctx"/{sub/build,sub/deep,build,node_modules/pkg,vendor,src,emptydir,docs/a/b}
cat >"$ctx/.dockerignore" <<'EOF'
# comment: not a pattern
**/*.log
!keep.log
/build
node_modules
vendor
!vendor/keep.txt
*/temp*
temp?
[ab].txt
docs/**/*.md
Dockerfile
  .dockerignore  
EOF
printf 'FROM bb:1.0\nCOPY . /ctx\n' >"$ctx/Dockerfile"
for f in keep.log x.log sub/y.log sub/keep.log sub/z.txt build/out.o sub/build/o2 \
	vendor/junk vendor/keep.txt src/temp1 src/tempfile src/other temp1 temp12 a.txt b.txt c.txt \
	'space name.txt' 한글.txt .hidden '# comment' docs/top.md docs/a/b/deep.md docs/a/b/keep.txt \
	sub/deep/d; do
	printf '%s\n' "$f" >"$ctx/$f"
done
echo 'module.exports = 1' >"$ctx/node_modules/pkg/index.js"
chmod 000 "$ctx/node_modules"
ln -s c.txt "$ctx/link"
ln "$ctx/c.txt" "$ctx/hard"
chmod 4755 "$ctx/sub/z.txt"
chmod 700 "$ctx/sub/deep"

out=$(nodac "$probe" build -t b86/mine:1 "$ctx" 2>&1)
t_match "budu builds the context without the right to read node_modules" '^result: ok ' "$out"
t_match "node_modules was left unread (skipped, not opened)" '^context: files=' "$out"
nodac "$probe" tar "$ctx" >"$T_TMP/tricky.tar" 2>"$T_TMP/tricky.stats"
t_match "the tar stream says two directories were skipped" 'skipped=2$' "$(cat "$T_TMP/tricky.stats")"
t_ok "node_modules is still unreadable there (the proof holds)" bash -c "! setpriv --bounding-set=-dac_override,-dac_read_search -- ls '$ctx/node_modules' 2>/dev/null"

dout=$("$D" build -t b86/docker:1 "$ctx" 2>&1 | tr -d '\r')
t_match "docker build of the same context" 'Successfully tagged b86/docker:1' "$dout"
want=$(cat <<'EOF'
/ctx
/ctx/# comment
/ctx/.hidden
/ctx/c.txt
/ctx/docs
/ctx/docs/a
/ctx/docs/a/b
/ctx/docs/a/b/keep.txt
/ctx/emptydir
/ctx/hard
/ctx/keep.log
/ctx/link
/ctx/space name.txt
/ctx/src
/ctx/src/other
/ctx/sub
/ctx/sub/build
/ctx/sub/build/o2
/ctx/sub/deep
/ctx/sub/deep/d
/ctx/sub/z.txt
/ctx/temp12
/ctx/vendor
/ctx/vendor/keep.txt
/ctx/한글.txt
EOF
)
t_eq "the files in budu's image are what the patterns keep" "$want" "$(files_in b86/mine:1)"
t_eq "and what docker build puts there" "$(files_in b86/docker:1)" "$(files_in b86/mine:1)"
t_eq "docker history: CREATED BY is docker's (COPY's hash of every header)" \
	"$(created_by b86/docker:1)" "$(created_by b86/mine:1)"
t_eq "the same image as docker's" "$("$D" image inspect -f '{{.Id}}' b86/docker:1)" \
	"$("$D" image inspect -f '{{.Id}}' b86/mine:1)"
t_eq "modes, owners and links as docker's" \
	"$("$D" run --rm --network none b86/docker:1 ls -lan /ctx /ctx/sub | awk '{print $1, $2, $3, $4, $5, $9, $10, $11}')" \
	"$("$D" run --rm --network none b86/mine:1 ls -lan /ctx /ctx/sub | awk '{print $1, $2, $3, $4, $5, $9, $10, $11}')"
bytes=$(sed -n 's/^context: files=[0-9]* bytes=//p' <<<"$out")
t_match "the context size sent is docker's" "Sending build context to Docker daemon  $(human "$bytes")\$" "$dout"
t_eq "the tar the probe writes has that size" "$bytes" "$(stat -c %s "$T_TMP/tricky.tar")"
chmod 755 "$ctx/node_modules"

# ---- unreadable files that are not ignored ------------------------------------------------------
bad=$T_TMP/unreadable
mkdir -p "$bad/locked"
printf 'FROM bb:1.0\nCOPY . /ctx\n' >"$bad/Dockerfile"
echo secret >"$bad/secret.txt"
chmod 000 "$bad/secret.txt"
out=$(nodac "$probe" build -t b86/bad:1 "$bad" 2>&1)
dout=$(nodac "$D" build -t b86/bad:1 "$bad" 2>&1)
t_eq "a file that cannot be read: docker's words" \
	"error checking context: no permission to read from '$bad/secret.txt'" \
	"$(sed -n 's/^result: failed step=0 code=0 instr= error=//p' <<<"$out")"
t_match "docker says the same" "no permission to read from '$bad/secret.txt'" "$dout"
chmod 644 "$bad/secret.txt"
chmod 000 "$bad/locked"
out=$(nodac "$probe" build -t b86/bad:1 "$bad" 2>&1)
dout=$(nodac "$D" build -t b86/bad:1 "$bad" 2>&1)
t_eq "a directory that cannot be read: can't stat" "error checking context: can't stat '$bad/locked'" \
	"$(sed -n 's/^result: failed step=0 code=0 instr= error=//p' <<<"$out")"
t_match "docker says the same" "can't stat '$bad/locked'" "$dout"
chmod 755 "$bad/locked"
t_ok "nothing was tagged" bash -c "! '$D' image inspect b86/bad:1 >/dev/null 2>&1"

# ---- a failing RUN ------------------------------------------------------------------------------
fail=$T_TMP/fail
mkdir -p "$fail"
printf 'FROM bb:1.0\nRUN echo ok\nRUN echo bad news >&2; exit 7\nRUN echo never\n' >"$fail/Dockerfile"
out=$("$probe" build -t b86/fail:1 "$fail" 2>&1)
t_match "the failing step, its exit code and the engine's words" \
	"^result: failed step=3 code=7 instr=RUN echo bad news >&2; exit 7 error=The command '/bin/sh -c echo bad news >&2; exit 7' returned a non-zero code: 7\$" "$out"
t_match "its stderr is marked as such, in step 3" '^stderr 3 bad news$' "$out"
t_match "the step before printed on stdout" '^output 2 ok$' "$out"
t_ok "no tag after a failed build" bash -c "! '$D' image inspect b86/fail:1 >/dev/null 2>&1"

# ---- build args and target ----------------------------------------------------------------------
args=$T_TMP/args
mkdir -p "$args"
cat >"$args/Dockerfile" <<'EOF'
FROM bb:1.0 AS base
ARG MSG=default
ARG FROMENV
ARG UNSET=unset-default
RUN echo "msg=$MSG env=$FROMENV unset=$UNSET" > /out
FROM base AS final
RUN echo final >> /out
EOF
out=$(FROMENV=from-env "$probe" build --build-arg MSG=hello --build-arg FROMENV --build-arg UNSET \
	--target base -t b86/args:1 "$args" 2>&1)
t_match "build args and --target: built" '^result: ok .*steps=' "$out"
t_eq "K=V, K from the environment, K unset (the ARG's default); the final stage not built" \
	"msg=hello env=from-env unset=unset-default" "$("$D" run --rm --network none b86/args:1 cat /out)"
FROMENV=from-env "$D" build --build-arg MSG=hello --build-arg FROMENV --build-arg UNSET --target base \
	-t b86/args-docker:1 "$args" >/dev/null 2>&1
t_eq "docker history as docker build's" "$(created_by b86/args-docker:1)" "$(created_by b86/args:1)"
out=$("$probe" build -t b86/final:1 "$args" 2>&1)
t_eq "without --target the last stage" "$(printf 'msg=default env= unset=unset-default\nfinal')" \
	"$("$D" run --rm --network none b86/final:1 cat /out)"
t_match "and the steps it reused came from the cache" '^cache ' "$out"

# ---- a Dockerfile outside the context -----------------------------------------------------------
outside=$T_TMP/outside
mkdir -p "$outside/ctx" "$outside/df"
printf 'FROM bb:1.0\nCOPY . /ctx\n' >"$outside/df/Dockerfile.app"
echo one >"$outside/ctx/one.txt"
echo '*.skip' >"$outside/ctx/.dockerignore"
echo x >"$outside/ctx/x.skip"
out=$("$probe" build -f "$outside/df/Dockerfile.app" -t b86/outside:1 "$outside/ctx" 2>&1)
t_match "a Dockerfile outside the context" '^result: ok ' "$out"
"$D" build -f "$outside/df/Dockerfile.app" -t b86/outside-docker:1 "$outside/ctx" >/dev/null 2>&1
t_eq "the image holds what docker's holds (the Dockerfile under its random name is not there)" \
	"$(files_in b86/outside-docker:1)" "$(files_in b86/outside:1)"
t_eq "and .dockerignore names it, as docker's does" \
	"$("$D" run --rm --network none b86/outside-docker:1 sed -n 1,2p /ctx/.dockerignore)" \
	"$("$D" run --rm --network none b86/outside:1 sed -n 1,2p /ctx/.dockerignore)"

# ---- cancel -------------------------------------------------------------------------------------
slow=$T_TMP/slow
mkdir -p "$slow"
printf 'FROM bb:1.0\nRUN echo started; sleep 30\nRUN echo never\n' >"$slow/Dockerfile"
t0=$SECONDS
out=$("$probe" build --cancel-at-step 2 -t b86/cancel:1 "$slow" 2>&1)
t_match "cancelled while step 2 runs" '^result: cancelled step=2$' "$out"
t_ok "well before the sleep ends" test $((SECONDS - t0)) -lt 20
cid=$(sed -n 's/^running 2  ---> Running in //p' <<<"$out")
t_match "the step's container was known" '^[0-9a-f]{12}$' "$cid"
gone=0
for _ in $(seq 50); do
	if ! "$D" container inspect "$cid" >/dev/null 2>&1; then
		gone=1
		break
	fi
	sleep 0.2
done
t_eq "the engine killed and removed the step's container" 1 "$gone"
t_eq "no container runs" "" "$("$D" ps -q)"
t_ok "no tag appeared" bash -c "! '$D' image inspect b86/cancel:1 >/dev/null 2>&1"

"$D" rmi -f b86/mine:1 b86/docker:1 b86/args:1 b86/args-docker:1 b86/final:1 b86/outside:1 \
	b86/outside-docker:1 >/dev/null 2>&1

# ---- leave the engine as it was -------------------------------------------------------------
comm -13 <(echo "$containers_before") <("$D" ps -aq --no-trunc | sort) | xargs -r "$D" rm -f >/dev/null 2>&1
comm -13 <(echo "$dangling_before") <("$D" images -q --no-trunc -f dangling=true | sort) |
	xargs -r "$D" rmi -f >/dev/null 2>&1
t_eq "the build containers are gone" "$containers_before" "$("$D" ps -aq --no-trunc | sort)"
t_eq "and the dangling images are as they were" "$dangling_before" "$("$D" images -q --no-trunc -f dangling=true | sort)"
