# shellcheck shell=bash
# Remove and prune (src/remove.c, src/prune.c through tests/engine/engine_probe) against the
# private engine and the docker CLI: untag vs delete, conflicts with containers and force,
# references with a registry host, and the prune preview against what the engine then prunes.
#
# The rig is shared with the files that follow: this one works on images it makes itself
# (tmp/*, images dated 2000 for `until`), keeps the seeded dangling images out of prune with
# containers of its own, and checks at the end that the seeded images and containers are as
# they were.

probe=${ENGINE_PROBE:-$top_builddir/tests/engine/engine_probe}
D=$RIG_DOCKER
work=$T_TMP/rm
mkdir -p "$work"

rig_state() {
	"$D" image ls -a --no-trunc --format '{{.ID}} {{.Repository}}:{{.Tag}}' | sort
	"$D" container ls -a --format '{{.ID}} {{.Names}} {{.Image}}' | sort
}
state_before=$(rig_state)

# mkimg NAME CONTENT CREATED [TAG...]: docker load a one-layer image dated CREATED (RFC 3339)
# whose layer holds f.txt = CONTENT. The same arguments give the same image ID and layer.
mkimg() {
	local dir=$work/img-$1 content=$2 created=$3 tags=null t diff cid
	shift 3
	rm -rf "$dir"
	mkdir -p "$dir/img/layer" "$dir/root"
	printf '%s\n' "$content" >"$dir/root/f.txt"
	tar --mtime=@0 --owner=0 --group=0 -C "$dir/root" -cf "$dir/img/layer/layer.tar" f.txt
	diff=$(sha256sum "$dir/img/layer/layer.tar" | cut -d' ' -f1)
	printf '{"architecture":"amd64","os":"linux","config":{"Cmd":["/f.txt"],"Labels":{"name":"%s"}},"created":"%s","history":[{"created":"%s","created_by":"40-remove-prune"}],"rootfs":{"type":"layers","diff_ids":["sha256:%s"]}}' \
		"${dir##*/}" "$created" "$created" "$diff" >"$dir/cfg.json"
	cid=$(sha256sum "$dir/cfg.json" | cut -d' ' -f1)
	cp "$dir/cfg.json" "$dir/img/$cid.json"
	if (($#)); then
		tags=
		for t; do tags+="${tags:+,}\"$t\""; done
		tags="[$tags]"
	fi
	printf '[{"Config":"%s.json","RepoTags":%s,"Layers":["layer/layer.tar"]}]\n' "$cid" "$tags" \
		>"$dir/img/manifest.json"
	tar -C "$dir/img" -cf "$dir/i.tar" . && "$D" load -q -i "$dir/i.tar" >/dev/null && echo "sha256:$cid"
}

# classic build FROM bb:1.0 (runnable: busybox); prints nothing
build_from_bb() {
	local tag=$1 dir=$work/build-${1//[:\/]/-}
	shift
	mkdir -p "$dir"
	printf '%s\n' "FROM bb:1.0" "$@" >"$dir/Dockerfile"
	DOCKER_BUILDKIT=0 "$D" build -q --network none -t "$tag" "$dir" >/dev/null
}

plan_of() { grep '^plan: ' <<<"$1"; }
results_of() { grep -E '^(Untagged|Deleted|Error): ' <<<"$1"; }

# ---- untag vs delete -------------------------------------------------------

id=$(mkimg two 'two tags' 2020-01-01T00:00:00Z tmp/two:1 tmp/two:2)
out=$("$probe" rm tmp/two:1)
t_eq "rm: the command line of the plan" "docker image rm tmp/two:1" "$(head -n1 <<<"$out")"
t_eq "rm: one of two tags only untags (plan)" "plan: tmp/two:1 untag" "$(plan_of "$out")"
t_eq "rm: one of two tags only untags (engine)" "Untagged: tmp/two:1" "$(results_of "$out")"
out=$("$probe" rm tmp/two:2)
t_eq "rm: the last tag deletes (plan)" "plan: tmp/two:2 delete" "$(plan_of "$out")"
ours=$(results_of "$out")
t_match "rm: the last tag deletes (engine)" "^Deleted: $id\$" "$ours"
# the same image again, removed by the docker CLI: the same lines
mkimg two 'two tags' 2020-01-01T00:00:00Z tmp/two:2 >/dev/null
t_eq "rm: the lines equal docker image rm's" "$("$D" image rm tmp/two:2 2>&1)" "$ours"

# a registry host and port in the reference go into the path as they are
"$D" tag bb:1.0 "$RIG_REGISTRY/tmp/x:1"
out=$("$probe" rm "$RIG_REGISTRY/tmp/x:1")
t_eq "rm: a reference with host and port" "Untagged: $RIG_REGISTRY/tmp/x:1" "$(results_of "$out")"
t_ok "rm: bb:1.0 keeps its image" "$D" image inspect bb:1.0

# ---- conflicts with containers, and force ---------------------------------

id=$(mkimg used 'used by a container' 2020-01-02T00:00:00Z tmp/used:1)
"$D" create --name rmtest-created tmp/used:1 >/dev/null
cid=$("$D" container inspect -f '{{.Id}}' rmtest-created)
out=$("$probe" rm tmp/used:1)
rc=$?
t_eq "rm: a conflict exits 3" 3 "$rc"
t_eq "rm: the plan says force is needed, and who uses the image" \
	"plan: tmp/used:1 delete needs-force user=rmtest-created(created)" "$(plan_of "$out")"
theirs=$("$D" image rm tmp/used:1 2>&1)
t_eq "rm: the conflict keeps the engine's message (the container's name)" \
	"Error: conflict: unable to remove repository reference \"tmp/used:1\" (must force) - container ${cid:0:12} is using its referenced image ${id:7:12}" \
	"$(results_of "$out")"
t_eq "rm: the same message as docker's" "${theirs#Error response from daemon: }" \
	"$(results_of "$out" | sed 's/^Error: //')"
out=$("$probe" rm -f tmp/used:1)
t_eq "rm -f: the plan deletes" "plan: tmp/used:1 delete user=rmtest-created(created)" "$(plan_of "$out")"
t_eq "rm -f: a stopped container's image is deleted (its layer stays with the container)" \
	"$(printf 'Untagged: tmp/used:1\nDeleted: %s' "$id")" "$(results_of "$out")"
"$D" rm rmtest-created >/dev/null

build_from_bb tmp/run:1 'LABEL budu.test="run"'
rid=$("$D" image inspect -f '{{.Id}}' tmp/run:1)
"$D" run -d --name rmtest-running --network none tmp/run:1 sleep 600 >/dev/null
out=$("$probe" rm tmp/run:1)
t_eq "rm: a running container: force needed, and force would only untag" \
	"plan: tmp/run:1 untag needs-force user=rmtest-running(running)" "$(plan_of "$out")"
out=$("$probe" rm -f tmp/run:1)
t_eq "rm -f: a running container's image is only untagged" "Untagged: tmp/run:1" "$(results_of "$out")"
out=$("$probe" rm "$rid")
t_eq "rm: by ID with a running container cannot be forced (plan)" \
	"plan: $rid delete cannot user=rmtest-running(running)" "$(plan_of "$out")"
t_match "rm: by ID with a running container cannot be forced (engine)" \
	"^Error: conflict: unable to delete ${rid:7:12} \(cannot be forced\) - image is being used by running container " \
	"$(results_of "$out")"
"$D" rm -f rmtest-running >/dev/null
out=$("$probe" rm "${rid:7:12}")
t_eq "rm: a <none> image by ID: the command shows the short ID" "docker image rm ${rid:7:12}" "$(head -n1 <<<"$out")"
t_eq "rm: a <none> image by ID is deleted (sent as sha256:...)" "Deleted: $rid" "$(results_of "$out")"

# ---- prune ----------------------------------------------------------------

# Every ID the engine knows, to tell image IDs from layer IDs in "deleted:" lines.
known_ids() { "$D" image ls -a -q --no-trunc | sort -u; }
# deleted_images OUTPUT KNOWN: the deleted lines that name images, sorted
deleted_images() { grep '^deleted: ' <<<"$1" | sed 's/^deleted: //' | grep -Fx -f <(printf '%s\n' "$2") | sort; }
untagged_refs() { grep '^untagged: ' <<<"$1" | sort; }
figure() { sed -n "s/.*$1=\([0-9]*\).*/\1/p" <<<"$2"; }

# Dangling mode, no until: the seeded dangling images are kept out by containers of ours.
n=0
for d in $("$D" image ls -q --no-trunc -f dangling=true); do
	"$D" create --name "rmtest-keep-$n" "$d" >/dev/null && n=$((n + 1))
done
build_from_bb tmp/chain:1 'RUN echo one >/srv/gen.txt' 'RUN dd if=/dev/zero of=/srv/blob bs=1024 count=64 2>/dev/null' 'LABEL gen="1"'
build_from_bb tmp/chain:1 'RUN echo two >/srv/gen.txt' 'RUN dd if=/dev/zero of=/srv/blob bs=1024 count=32 2>/dev/null' 'LABEL gen="2"'
mkimg loose 'dangling, mine' 2020-01-03T00:00:00Z >/dev/null
known=$(known_ids)
preview=$("$probe" prune-preview)
out=$("$probe" prune --bytes)
want=$(deleted_images "$out" "$known")
t_match "prune: the engine deleted the old build head and its intermediates" "." "$want"
t_eq "prune: the preview's images are exactly those the engine deleted" "$want" "$(deleted_images "$preview" "$known")"
t_eq "prune: the preview's untagged references are the engine's" "$(untagged_refs "$out")" "$(untagged_refs "$preview")"
predicted=$(figure reclaim_max "$preview")
reclaimed=$(sed -n 's/^SpaceReclaimed: //p' <<<"$out")
t_diag "prune (dangling): $(wc -l <<<"$want") images; predicted ${predicted}B, the engine reclaimed ${reclaimed}B"
t_eq "prune: the predicted space equals the engine's here (layers hang off ParentId links)" \
	"$reclaimed" "$predicted"
t_eq "prune: the exact space (from the layers) equals the engine's" "$reclaimed unknown=0" \
	"$(figure reclaim "$preview") unknown=$(figure unknown "$preview")"
t_eq "prune: nothing dangling is left but what containers use" "" \
	"$("$probe" prune-preview | grep -v '^total ')"
for ((k = 0; k < n; k++)); do "$D" rm "rmtest-keep-$k" >/dev/null; done
out=$("$probe" rm tmp/chain:1)
t_match "rm: a build's head takes its untagged intermediates" '^plan: tmp/chain:1 delete parents=2$' "$(plan_of "$out")"

# -a with until: only the images of 2000 are old enough. Two share a layer; one has two tags
# and a container, so -a takes one tag and keeps the other.
old_state() {
	mkimg olda 'old, shared' 2000-01-01T00:00:00Z old/a:1 >/dev/null
	mkimg oldb 'old, shared' 2000-01-02T00:00:00Z old/b:1 >/dev/null
	mkimg oldc 'old, alone' 2000-01-03T00:00:00Z >/dev/null
	mkimg oldu 'old, used' 2000-01-04T00:00:00Z old/u:1 old/u:2 >/dev/null
	"$D" create --name rmtest-old old/u:1 >/dev/null
}
old_state
known=$(known_ids)
preview=$("$probe" prune-preview --all --until 200000h)
out=$("$probe" prune --all --until 200000h --bytes)
want=$(deleted_images "$out" "$known")
t_eq "prune -a --until: the preview's images are exactly those the engine deleted" "$want" \
	"$(deleted_images "$preview" "$known")"
t_eq "prune -a --until: the preview's untagged references are the engine's" \
	"$(printf 'untagged: old/a:1\nuntagged: old/b:1\nuntagged: old/u:1')" "$(untagged_refs "$out")"
t_eq "prune -a --until: ... and the preview's" "$(untagged_refs "$out")" "$(untagged_refs "$preview")"
predicted=$(figure reclaim_max "$preview")
reclaimed=$(sed -n 's/^SpaceReclaimed: //p' <<<"$out")
t_diag "prune -a --until: predicted ${predicted}B (the old upper bound), exactly $(figure reclaim "$preview")B; the engine reclaimed ${reclaimed}B"
t_eq "prune -a --until: the old bound was over by the shared layer" "$((reclaimed + $(printf 'old, shared\n' | wc -c)))" "$predicted"
t_eq "prune -a --until: the exact space counts the shared layer once: the engine's" "$reclaimed" \
	"$(figure reclaim "$preview")"
t_ok "prune -a --until: the seeded images are untouched" "$D" image inspect bb:1.0 demo/app:1 demo/dangle:1
ours=$out

# The same state again (same IDs), pruned by the docker CLI: the same lines, in the engine's
# (random) order, so sorted.
"$D" rm rmtest-old >/dev/null
"$D" image rm old/u:2 >/dev/null
old_state
theirs=$("$D" image prune -a -f --filter until=200000h 2>&1)
t_match "prune: docker deleted the same state's images" '^deleted: sha256:' "$theirs"
t_eq "prune: the output equals docker image prune -f's" "$(sort <<<"$theirs")" \
	"$(grep -v '^SpaceReclaimed: ' <<<"$ours" | sort)"
t_eq "prune: the total line is docker's" "$(grep '^Total' <<<"$theirs")" "$(grep '^Total' <<<"$ours")"
"$D" rm rmtest-old >/dev/null
"$D" image rm old/u:2 >/dev/null

out=$("$probe" prune --all --until 200000h)
t_eq "prune with nothing to do prints the total only" "Total reclaimed space: 0B" "$out"

# ---- shared layers (issue 14) -------------------------------------------------
# A base image and two children made of its layer and one of their own, loaded (no ParentId
# links: only the layer chains tell what they share), dated 2000 for `until`. The preview's
# space must be what the engine reclaims, in every case.

# shellcheck source=tests/lib-layers.sh
source "$top_srcdir/tests/lib-layers.sh"
# shared_case NAME PRUNE-ARGS...: preview, prune, and the preview's space against the engine's
shared_case() {
	local name=$1 preview out reclaimed
	shift
	preview=$("$probe" prune-preview "$@")
	out=$("$probe" prune "$@" --bytes)
	reclaimed=$(sed -n 's/^SpaceReclaimed: //p' <<<"$out")
	t_diag "$name: $(figure images "$preview") images; the sizes' sum $(figure size "$preview")B, exactly $(figure reclaim "$preview")B; the engine reclaimed ${reclaimed}B"
	t_match "$name: the engine reclaimed something" '^[1-9][0-9]*$' "$reclaimed"
	t_eq "$name: the preview's space is the engine's SpaceReclaimed" "$reclaimed unknown=0" \
		"$(figure reclaim "$preview") unknown=$(figure unknown "$preview")"
}
# Dangling mode: the seeded dangling images are kept by containers of ours.
n=0
for d in $("$D" image ls -q --no-trunc -f dangling=true); do
	"$D" create --name "rmtest-skeep-$n" "$d" >/dev/null && n=$((n + 1))
done
layers_family tmp/sbase:1 - tmp/skid2:1 >/dev/null
shared_case "shared, dangling, one child"
"$D" image rm tmp/skid2:1 >/dev/null	# loaded again without its tag
layers_family tmp/sbase:1 - - >/dev/null
t_eq "shared: neither child has a tag" "0" "$("$D" image ls -q 'tmp/skid*' | wc -l)"
shared_case "shared, dangling, both children"
for ((k = 0; k < n; k++)); do "$D" rm "rmtest-skeep-$k" >/dev/null; done
# -a, until: only these are old enough; containers keep what must stay.
layers_family tmp/sbase:1 tmp/skid1:1 tmp/skid2:1 >/dev/null
"$D" create --name rmtest-sbase tmp/sbase:1 >/dev/null
"$D" create --name rmtest-skid2 tmp/skid2:1 >/dev/null
shared_case "shared, -a, one child (the base and the other child used)" --all --until 200000h
"$D" rm rmtest-skid2 >/dev/null
layers_family tmp/sbase:1 tmp/skid1:1 tmp/skid2:1 >/dev/null
shared_case "shared, -a, both children (the base used)" --all --until 200000h
"$D" rm rmtest-sbase >/dev/null
layers_family tmp/sbase:1 tmp/skid1:1 tmp/skid2:1 >/dev/null
shared_case "shared, -a, the base and both children" --all --until 200000h
t_eq "shared: nothing of ours is left" "" "$("$D" image ls -q 'tmp/s*')"

t_eq "the seeded images and containers are as they were" "$state_before" "$(rig_state)"
