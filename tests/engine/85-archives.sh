# shellcheck shell=bash
# Save, load and import (src/archive_save.c, archive_load.c, archive_import.c, through
# tests/engine/archive_probe) against the private engine and the docker CLI: round trips with
# every compression, archives of docker save (both layouts) and for docker load, archives that
# must load nothing (truncated, no manifest, not a tar), cancels and errors that must leave no
# file, no overwriting, and imports of a directory that must give the container file system
# `tar -C dir -c . | docker import -` gives.
#
# The rig is shared with the files that follow: this one works on images it makes itself
# (arx/*) and checks at the end that the engine's images are as they were.

probe=${ARCHIVE_PROBE:-$top_builddir/tests/engine/archive_probe}
D=$RIG_DOCKER
work=$T_TMP/arx
mkdir -p "$work"

image_list() { "$D" image ls -a --no-trunc --format '{{.ID}} {{.Repository}}:{{.Tag}}' | sort; }
ids() {
	local r
	for r; do "$D" image inspect -f '{{.Id}}' "$r" 2>/dev/null || echo "missing $r"; done
}
gone() { ! "$D" image inspect "$@" >/dev/null 2>&1; }
# what is in a directory, hidden files too (a temporary file left behind shows here)
listing() { (cd "$1" && ls -A | sort | tr '\n' ' '); }
state_before=$(image_list)

# ---- images of our own ---------------------------------------------------------------

# a busybox root file system, and a file system with every kind of entry an import must keep
rootfs=$work/rootfs
mkdir -p "$rootfs/bin"
cp "$RIG_BUSYBOX" "$rootfs/bin/busybox"
for a in sh ls cat find sort stat xargs; do ln -s busybox "$rootfs/bin/$a"; done
head -c 1048576 /dev/urandom >"$rootfs/random"
tar -C "$rootfs" -c . | "$D" import --change 'CMD ["/bin/sh"]' - arx/one:1 >/dev/null
"$D" tag arx/one:1 arx/one:2
mkdir -p "$work/two"
printf 'FROM arx/one:1\nRUN dd if=/dev/urandom of=/two bs=1k count=1536 2>/dev/null\n' >"$work/two/Dockerfile"
DOCKER_BUILDKIT=0 "$D" build -q --network none -t arx/two:1 "$work/two" >/dev/null
if ! "$D" image inspect arx/one:1 arx/two:1 >/dev/null; then
	t_fail "archives: images to work on"
	return 0
fi
want_ids=$(ids arx/one:1 arx/one:2 arx/two:1)

# ---- save, remove, load ----------------------------------------------------------------

out=$("$probe" save "$work/all.tar" arx/one:1 arx/one:2 arx/two:1 2>"$T_TMP/progress")
t_match "save: three tags into a plain tar" '^saved received=[0-9]+ written=[0-9]+$' "$out"
t_eq "save: the file is as large as what came" "$(sed 's/.*received=\([0-9]*\).*/\1/' <<<"$out")" \
	"$(stat -c %s "$work/all.tar")"
t_eq "save: mode 0600, as docker save -o leaves it" "600" "$(stat -c %a "$work/all.tar")"
t_match "save: progress was reported, with the bytes" "^progress: calls=[1-9][0-9]* done=$(stat -c %s "$work/all.tar") " \
	"$(cat "$T_TMP/progress")"
t_eq "save: nothing else beside it" "all.tar rootfs two " "$(listing "$work")"
t_ok "save: docker's archive layout (manifest.json)" tar -xOf "$work/all.tar" manifest.json

"$D" image rm arx/two:1 arx/one:1 arx/one:2 >/dev/null
out=$("$probe" load "$work/all.tar" 2>"$T_TMP/progress")
t_eq "load: the tags come back" $'compression: none\nloaded: arx/one:1\nloaded: arx/one:2\nloaded: arx/two:1' \
	"$(grep -v '^layers:' <<<"$out" | sort)"
t_match "load: layers were loaded" '^layers: [2-9]$' "$out"
t_eq "load: the same image IDs" "$want_ids" "$(ids arx/one:1 arx/one:2 arx/two:1)"
t_match "load: progress reached the file's size" \
	"^progress: calls=[1-9][0-9]* done=$(stat -c %s "$work/all.tar") total=$(stat -c %s "$work/all.tar") stage=1 monotonic=yes" \
	"$(cat "$T_TMP/progress")"

# ---- compressions ----------------------------------------------------------------------

for z in gz zst xz bz2; do
	out=$("$probe" save "$work/two.tar.$z" arx/two:1 2>/dev/null)
	t_match "save .tar.$z" '^saved ' "$out"
done
t_ok "save .tar.gz: gzip -t accepts it" gzip -t "$work/two.tar.gz"
t_ok "save .tar.zst: zstd -t accepts it" zstd -q -t "$work/two.tar.zst"
t_ok "save .tar.xz: xz -t accepts it" xz -t "$work/two.tar.xz"
t_ok "save .tar.bz2: bzip2 -t accepts it" bzip2 -t "$work/two.tar.bz2"
t_eq "save .tar.gz: a plain tar inside, as docker save's" "$(tar -tf "$work/all.tar" manifest.json)" \
	"$(gzip -dc "$work/two.tar.gz" | tar -t manifest.json)"

want_two=$(ids arx/two:1)
"$D" image rm arx/two:1 >/dev/null
t_match "docker load takes budu's .tar.gz" '^Loaded image: arx/two:1$' "$("$D" load -i "$work/two.tar.gz" 2>&1)"
t_eq "docker load of .tar.gz: the same ID" "$want_two" "$(ids arx/two:1)"
"$D" image rm arx/two:1 >/dev/null
t_match "docker load takes budu's .tar.zst after zstd -d" '^Loaded image: arx/two:1$' \
	"$(zstd -q -d -c "$work/two.tar.zst" | "$D" load 2>&1)"
t_eq "docker load of .tar.zst: the same ID" "$want_two" "$(ids arx/two:1)"
for z in gz zst xz bz2; do
	"$D" image rm arx/two:1 >/dev/null
	out=$("$probe" load "$work/two.tar.$z" 2>/dev/null)
	t_match "budu loads .tar.$z" '^loaded: arx/two:1$' "$out"
	t_eq "budu load of .tar.$z: the same ID" "$want_two" "$(ids arx/two:1)"
done
t_match "load .tar.zst: decompressed by budu (20.10 reads no zstd)" '^compression: zstd$' \
	"$("$probe" load "$work/two.tar.zst" 2>/dev/null)"

# ---- docker save's archives, both layouts ------------------------------------------------

"$D" save -o "$work/docker.tar" arx/one:1
"$D" save arx/one:1 | gzip -c >"$work/docker.tar.gz"
"$D" image rm arx/one:1 arx/one:2 >/dev/null
t_match "budu loads docker save's archive" '^loaded: arx/one:1$' "$("$probe" load "$work/docker.tar" 2>/dev/null)"
"$D" image rm arx/one:1 >/dev/null
t_match "budu loads docker save | gzip" '^loaded: arx/one:1$' "$("$probe" load "$work/docker.tar.gz" 2>/dev/null)"

# The OCI layout of docker 25 (doc §13.2), made from the legacy one: blobs/sha256/, index.json,
# oci-layout, and a manifest.json that points into blobs/ (which 20.10 reads).
oci=$work/oci
mkdir -p "$oci/x" "$oci/img/blobs/sha256"
tar -C "$oci/x" -xf "$work/docker.tar"
config=$(jq -r '.[0].Config' "$oci/x/manifest.json")
cp "$oci/x/$config" "$oci/img/blobs/sha256/${config%.json}"
layers=
for l in $(jq -r '.[0].Layers[]' "$oci/x/manifest.json"); do
	d=$(sha256sum "$oci/x/$l" | cut -d' ' -f1)
	cp "$oci/x/$l" "$oci/img/blobs/sha256/$d"
	layers+="${layers:+,}\"blobs/sha256/$d\""
done
printf '[{"Config":"blobs/sha256/%s","RepoTags":["arx/one:1"],"Layers":[%s]}]' "${config%.json}" "$layers" \
	>"$oci/img/manifest.json"
printf '{"imageLayoutVersion": "1.0.0"}' >"$oci/img/oci-layout"
printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[]}' \
	>"$oci/img/index.json"
tar -C "$oci/img" -cf "$work/oci.tar" .
"$D" image rm arx/one:1 >/dev/null
t_match "budu loads the OCI layout" '^loaded: arx/one:1$' "$("$probe" load "$work/oci.tar" 2>/dev/null)"
t_eq "OCI layout: the same ID" "$(head -n 1 <<<"$want_ids")" "$(ids arx/one:1)"
"$D" tag arx/one:1 arx/one:2

# ---- archives that must load nothing -------------------------------------------------------

"$D" save -o "$work/two.tar" arx/two:1
"$D" image rm arx/two:1 >/dev/null
before=$(image_list)
size=$(stat -c %s "$work/two.tar")
head -c $((size / 2)) "$work/two.tar" >"$work/half.tar"
t_match "a truncated archive: a clear message" '^error: truncated archive: it ends inside ' \
	"$("$probe" load "$work/half.tar" 2>/dev/null)"
t_eq "a truncated archive: the engine loaded nothing" "$before" "$(image_list)"

# Every entry whole, only the end-of-archive cut off: docker load takes it (Go's reader ends at
# a header boundary); budu must not let the engine see it as whole.
head -c $((size - 1024)) "$work/two.tar" >"$work/noend.tar"
t_match "no end-of-archive: a clear message" '^error: truncated archive: no end-of-archive marker after [0-9]+ entries$' \
	"$("$probe" load "$work/noend.tar" 2>/dev/null)"
t_eq "no end-of-archive: the engine loaded nothing" "$before" "$(image_list)"
t_match "(docker load takes that file)" 'Loaded image: arx/two:1' "$("$D" load -i "$work/noend.tar" 2>&1)"
"$D" image rm arx/two:1 >/dev/null

# No manifest.json: 20.10 falls back to the v1 layout (repositories) and loads it; budu refuses.
mkdir -p "$work/nomani"
tar -C "$work/nomani" -xf "$work/two.tar"
rm "$work/nomani/manifest.json"
tar -C "$work/nomani" -cf "$work/nomani.tar" .
t_eq "no manifest.json: a clear message" "error: not an image archive: no manifest.json" \
	"$("$probe" load "$work/nomani.tar" 2>/dev/null | grep -v '^compression:')"
t_eq "no manifest.json: the engine loaded nothing" "$before" "$(image_list)"
"$D" load -i "$work/nomani.tar" >/dev/null 2>&1
t_ok "(docker load loads that file)" "$D" image inspect arx/two:1
"$D" image rm arx/two:1 >/dev/null

head -c 5000 /dev/urandom >"$work/junk.tar"
t_eq "not a tar: refused before sending" "error: $work/junk.tar is not a tar archive (plain or compressed)" \
	"$("$probe" load "$work/junk.tar" 2>/dev/null)"
: >"$work/empty.tar"
t_eq "an empty file" "error: $work/empty.tar is empty" "$("$probe" load "$work/empty.tar" 2>/dev/null)"
head -c $(($(stat -c %s "$work/two.tar.gz") / 2)) "$work/two.tar.gz" >"$work/half.tar.gz"
t_match "a truncated .tar.gz: the decompressor's words" '^error: cannot read .*half\.tar\.gz: .*[Tt]runcated' \
	"$("$probe" load "$work/half.tar.gz" 2>/dev/null)"
t_eq "bad archives: the engine loaded nothing" "$before" "$(image_list)"

out=$("$probe" load --cancel-after 1 "$work/two.tar" 2>/dev/null)
t_match "load cancelled mid-upload" '^cancelled$' "$out"
t_eq "load cancelled: the engine loaded nothing" "$before" "$(image_list)"
"$probe" load "$work/two.tar" >/dev/null 2>&1

# ---- saves that must leave nothing ------------------------------------------------------

mkdir -p "$work/out"
t_eq "save cancelled after its first bytes" "cancelled" \
	"$("$probe" save --cancel-after 1 "$work/out/c.tar" arx/one:1 arx/two:1 2>/dev/null)"
t_eq "save cancelled while compressing" "cancelled" \
	"$("$probe" save --cancel-after 1 "$work/out/c.tar.xz" arx/one:1 arx/two:1 2>/dev/null)"
t_eq "a cancelled save leaves no file" "" "$(listing "$work/out")"
t_eq "save of a missing image: the engine's message" "error: reference does not exist" \
	"$("$probe" save "$work/out/nope.tar" arx/one:1 arx/nope:1 2>/dev/null)"
t_eq "a failed save leaves no file" "" "$(listing "$work/out")"
t_eq "save into a directory that does not exist" \
	"error: cannot create a file in $work/none: No such file or directory" \
	"$("$probe" save "$work/none/x.tar" arx/one:1 2>/dev/null)"

echo keep >"$work/out/kept.tar"
out=$("$probe" save "$work/out/kept.tar" arx/one:1 2>/dev/null)
rc=$?
t_eq "save refuses to overwrite" "exists 3" "$out $rc"
t_eq "the file is as it was" "keep" "$(cat "$work/out/kept.tar")"
t_match "save -f (the user said yes) replaces it" '^saved ' "$("$probe" save -f "$work/out/kept.tar" arx/one:1 2>/dev/null)"
t_ok "the replaced file is the archive" tar -xOf "$work/out/kept.tar" manifest.json
t_eq "and nothing else is left" "kept.tar " "$(listing "$work/out")"

full=$work/full
mkdir -p "$full"
if mount -t tmpfs -o size=1m budu-arx "$full" 2>/dev/null; then
	t_match "save onto a full disk: the reason" "^error: cannot write $full/x.tar(.gz)?: No space left on device$" \
		"$("$probe" save "$full/x.tar" arx/one:1 2>/dev/null)"
	t_match "save .tar.gz onto a full disk" "^error: cannot write $full/x.tar(.gz)?: No space left on device$" \
		"$("$probe" save "$full/x.tar.gz" arx/one:1 2>/dev/null)"
	t_eq "a full disk: nothing left behind" "" "$(listing "$full")"
	umount "$full"
else
	t_skip "save onto a full disk" "cannot mount a tmpfs here"
fi

# ---- import --------------------------------------------------------------------------------

# every kind of entry: a symlink, a dangling one, hard links, setuid, setgid and sticky bits,
# owners 1000, a FIFO, a socket (left out by both), names past 100 and 255 bytes
src=$work/src
mkdir -p "$src/t/d" "$src/t/empty" "$src/bin"
cp -a "$rootfs/bin/." "$src/bin/"
(
	cd "$src/t" || exit 1
	echo hello >f
	ln -s f sl
	ln -s /nonexistent dl
	echo linked >h1
	ln h1 h2
	ln h1 d/h3
	cp "$RIG_BUSYBOX" su
	chmod 4755 su
	echo mine >u1000
	chown 1000:1000 u1000
	chmod 640 u1000
	chown 1000:1001 d
	chmod 2750 d
	mkdir sticky
	chmod 1777 sticky
	mkfifo fifo
	n=$(printf 'n%.0s' {1..120})
	mkdir -p "deep/$n/$n"
	echo deep >"deep/$n/$n/$n"
	python3 -c 'import socket; socket.socket(socket.AF_UNIX).bind("sock")' 2>/dev/null
)
out=$("$probe" import "$src" arx/imp:dir 2>"$T_TMP/progress")
t_match "import a directory" '^id: sha256:[0-9a-f]{64}$' "$out"
t_match "import a directory: progress to the estimated size" '^progress: calls=[1-9][0-9]* done=([0-9]+) total=\1 ' \
	"$(cat "$T_TMP/progress")"
tar -C "$src" -c . 2>/dev/null | "$D" import - arx/imp:tar >/dev/null
fs='for f in / $(find /bin /t | sort); do
	case $f in /) stat -c "%n|%A|%u|%g" $f ;; *) stat -c "%n|%A|%u|%g|%s|%h|%Y|%N" $f ;; esac
done
[ $(stat -c %i /t/h1) = $(stat -c %i /t/h2) ] && [ $(stat -c %i /t/h1) = $(stat -c %i /t/d/h3) ] && echo hard links kept
cat /t/f'
theirs=$("$D" run --rm --network none arx/imp:tar /bin/sh -c "$fs" 2>&1)
ours=$("$D" run --rm --network none arx/imp:dir /bin/sh -c "$fs" 2>&1)
t_match "(docker import's file system)" '^hard links kept$' "$theirs"
t_eq "import a directory: the file system tar|docker import gives" "$theirs" "$ours"
t_match "import a directory: setuid and owner 1000 kept" '^/t/su\|-rwsr-xr-x\|0\|0\|' "$ours"
t_match "import a directory: owner 1000" '^/t/u1000\|-rw-r-----\|1000\|1000\|' "$ours"

out=$("$probe" import -m 'from budu' -c 'CMD ["/bin/sh"]' -c 'ENV A=1' "$src" arx/imp:cmd 2>/dev/null)
t_match "import with --change" '^id: ' "$out"
t_eq "import --change 'CMD [\"/bin/sh\"]' sets Config.Cmd" '["/bin/sh"] ["A=1"] from budu' \
	"$("$D" image inspect -f '{{json .Config.Cmd}} {{json .Config.Env}} {{.Comment}}' arx/imp:cmd)"

tar -C "$src" -cJf "$work/src.tar.xz" . 2>/dev/null
out=$("$probe" import "$work/src.tar.xz" arx/imp:xz 2>/dev/null)
t_match "import a .tar.xz" '^id: sha256:' "$out"
t_eq "import a .tar.xz: the files" "hello" "$("$D" run --rm --network none arx/imp:xz cat /t/f 2>&1)"
t_eq "import a .tar.xz: the ID printed is the image's" "$(sed 's/^id: //' <<<"$out")" "$(ids arx/imp:xz)"

before=$(image_list)
tar -C "$src" -cf "$work/src.tar" . 2>/dev/null
head -c 200000 "$work/src.tar" >"$work/src-half.tar"
t_match "import a truncated tar: refused" '^error: truncated archive: it ends inside ' \
	"$("$probe" import "$work/src-half.tar" arx/imp:half 2>/dev/null)"
t_eq "import a truncated tar: no image made" "$before" "$(image_list)"
t_eq "import --change RUN: refused as the engine would" \
	"error: RUN is not a valid change command: CMD, ENTRYPOINT, ENV, EXPOSE, HEALTHCHECK, LABEL, ONBUILD, USER, VOLUME or WORKDIR" \
	"$("$probe" import -c 'RUN true' "$src" 2>/dev/null)"
t_eq "import: a bad reference" "error: invalid reference format: repository name must be lowercase" \
	"$("$probe" import "$src" Arx/imp:1 2>/dev/null)"
t_eq "import: a file that is no tar" "error: $work/junk.tar is not a tar archive (plain or compressed)" \
	"$("$probe" import "$work/junk.tar" 2>/dev/null)"
t_eq "refused imports: no image made" "$before" "$(image_list)"

# ---- clean up -------------------------------------------------------------------------------

"$D" image rm arx/imp:dir arx/imp:tar arx/imp:cmd arx/imp:xz arx/two:1 arx/one:1 arx/one:2 >/dev/null
t_eq "the engine's images are as they were" "$state_before" "$(image_list)"
