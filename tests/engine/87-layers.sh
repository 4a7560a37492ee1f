# shellcheck shell=bash
# Layer files (src/layer_tree.c, src/layer_stream.c through tests/engine/layers_probe) against the
# private engine: an image built with docker build (classic builder, busybox RUN steps) whose
# files are known exactly, one more layer with an opaque directory (loaded: vfs, the rig's
# storage driver, never writes one itself), and checks of every layer's Added/Modified/Removed
# set, the tree after the last layer against `docker export`, dive's wasted space and efficiency
# by hand, the same image in the OCI layout (gzip'd blobs, index.json only), the pager's
# content, extraction (and what it refuses), a cancel that stops the engine's export, and the
# memory of a large image.
#
# L87_FILES and L87_BYTES size the large image (default 5,000 files, 100 MB; the issue's case is
# L87_FILES=50000 L87_BYTES=1073741824).

probe=${LAYERS_PROBE:-$top_builddir/tests/engine/layers_probe}
D=$RIG_DOCKER
work=$T_TMP/l87
mkdir -p "$work/img"
image_list() { "$D" image ls -a --no-trunc --format '{{.ID}} {{.Repository}}:{{.Tag}}' | sort; }
state_before=$(image_list)

# ---- the image -------------------------------------------------------------------------------

cat >"$work/img/Dockerfile" <<'DOCKERFILE'
FROM bb:1.0
RUN mkdir -p /data/keep /data/gone /data/opq && echo one >/data/f1 && echo two >/data/f2 && echo three >/data/keep/k && echo x >/data/gone/g1 && echo y >/data/gone/g2 && echo o1 >/data/opq/o1 && echo o2 >/data/opq/o2 && dd if=/dev/zero of=/data/big bs=1024 count=64 2>/dev/null
RUN echo one, now longer >/data/f1
RUN rm /data/f2
ENV STEP=metadata-only
RUN rm -rf /data/gone
RUN echo hard >/data/h1 && ln /data/h1 /data/h2 && ln -s f1 /data/sym && echo s >/data/suid && chmod 4755 /data/suid && echo u >/data/u1000 && chown 1000:1000 /data/u1000 && echo sp >'/data/with space' && echo ko >/data/한글 && echo esc >"/data/$(printf 'e\033[1mx')"
DOCKERFILE
DOCKER_BUILDKIT=0 "$D" build -q --network none -t l87/files:1 "$work/img" >/dev/null
"$D" save l87/files:1 >"$work/files.tar"

# a layer that replaces a folder: data/opq opaque, with a new file
mkdir -p "$work/opq/data/opq"
echo new >"$work/opq/data/opq/new"
: >"$work/opq/data/opq/.wh..wh..opq"
tar -C "$work/opq" --owner=0 --group=0 --numeric-owner -cf "$work/opq.tar" data
"$probe" addlayer "$work/files.tar" "$work/plus.tar" "$work/opq.tar" l87/layers:1 "/bin/sh -c #(nop) ADD opq in /data" >/dev/null
"$D" load -i "$work/plus.tar" >/dev/null
if ! "$D" image inspect l87/files:1 l87/layers:1 >/dev/null; then
	t_fail "layers: the images to work on"
	return 0
fi

"$probe" tree l87/layers:1 >"$work/tree.txt" 2>"$work/tree.err"
"$D" save l87/layers:1 >"$work/layers.tar"
t_eq "the image streamed whole" "result done" "$(head -1 "$work/tree.txt")"
t_eq "its ID is the config's" "image $("$D" image inspect -f '{{.Id}}' l87/layers:1)" "$(sed -n 2p "$work/tree.txt")"
t_eq "seven layers, every one read" "7 7" \
	"$(grep -c '^layer ' "$work/tree.txt") $(grep -c '^layer [0-9]* state=done ' "$work/tree.txt")"
t_eq "diff IDs in the image's order" "$("$D" image inspect -f '{{range .RootFS.Layers}}{{println .}}{{end}}' l87/layers:1 | sed '/^$/d')" \
	"$(sed -n 's/^layer [0-9]* .* diff=\([^ ]*\) created_by=.*/\1/p' "$work/tree.txt")"
t_eq "each layer's instruction from the history (ENV made none)" \
	"$(printf '\n'; sed -n 's,^RUN ,/bin/sh -c ,p' "$work/img/Dockerfile"; echo '/bin/sh -c #(nop) ADD opq in /data')" \
	"$(sed -n 's/^layer [0-9]* .* created_by=//p' "$work/tree.txt")"
# a layer's size is the sum of its tar's file sizes (dive's), checked against tar itself
tar_sizes=$(tar -xOf "$work/layers.tar" manifest.json | tr ',' '\n' | grep -o '[0-9a-f]*/layer.tar' |
	while read -r l; do tar -xOf "$work/layers.tar" "$l" | tar -tv | awk '$1 ~ /^-/ {s += $3} END {print s + 0}'; done)
t_eq "layer sizes are the sums of their files" "$tar_sizes" \
	"$(sed -n 's/^layer [0-9]* state=done size=\([0-9]*\) .*/\1/p' "$work/tree.txt")"

t_eq "an image the engine does not have: the engine's words, as docker save says them" \
	"$("$D" save l87/nothing:1 2>&1 >/dev/null | sed 's/^Error response from daemon: /result failed: /')" \
	"$("$probe" tree l87/nothing:1)"

# ---- Added, Modified, Removed ----------------------------------------------------------------

want=$(cat <<'EOF'
change 1 A /data
change 1 A /data/big
change 1 A /data/f1
change 1 A /data/f2
change 1 A /data/gone
change 1 A /data/gone/g1
change 1 A /data/gone/g2
change 1 A /data/keep
change 1 A /data/keep/k
change 1 A /data/opq
change 1 A /data/opq/o1
change 1 A /data/opq/o2
change 2 M /data/f1
change 3 R /data/f2
change 4 R /data/gone
change 5 A /data/e\e[1mx
change 5 A /data/h1
change 5 A /data/h2
change 5 A /data/suid
change 5 A /data/sym
change 5 A /data/u1000
change 5 A /data/with space
change 5 A /data/한글
change 6 A /data/opq/new
change 6 R /data/opq/o1
change 6 R /data/opq/o2
EOF
)
t_eq "every layer's Added/Modified/Removed as built (whiteouts, a folder, opaque)" "$want" \
	"$(grep '^change [1-9]' "$work/tree.txt")"
l0=$(tar -xOf "$work/files.tar" manifest.json | sed 's/.*"Layers":\["\([^"]*\)".*/\1/')
t_eq "the base layer: every entry of its tar Added, nothing else" \
	"$(tar -xOf "$work/files.tar" "$l0" | tar -t | grep -v -c '^\./$') 0" \
	"$(grep -c '^change 0 A ' "$work/tree.txt") $(grep -c '^change 0 [MR] ' "$work/tree.txt")"

# ---- the tree after the last layer is docker export's -----------------------------------------

"$D" rm -f l87c >/dev/null 2>&1
"$D" create --name l87c l87/layers:1 >/dev/null
"$D" export l87c >"$work/export.tar"
"$D" rm -f l87c >/dev/null
# the container's own files (its init layer) are not the image's
"$probe" list "$work/export.tar" |
	awk '$6 !~ /^(\.dockerenv|dev|dev\/.*|proc|sys|etc\/(hostname|hosts|resolv\.conf|mtab))$/' |
	LC_ALL=C sort >"$work/export.list"
grep '^after ' "$work/tree.txt" | LC_ALL=C sort >"$work/after.list"
t_eq "after the last layer: docker export's names, types, modes, owners, sizes, links" \
	"$(cat "$work/export.list")" "$(cat "$work/after.list")"
t_match "the odd names are there (space, Korean, an escape drawn as \\e)" \
	'^after - 0644 0:0 3 data/with space$' "$(cat "$work/after.list")"
t_match "setuid, uid 1000, a hard link, a symlink" \
	'^after - 4755 0:0 2 data/suid$' "$(grep -e suid -e u1000 -e h2 -e sym "$work/after.list")"
t_match "uid 1000" '^after - 0644 1000:1000 2 data/u1000$' "$(cat "$work/after.list")"
t_match "the hard link" '^after h 0644 0:0 0 data/h2 => data/h1$' "$(cat "$work/after.list")"

# ---- wasted space and efficiency, by hand --------------------------------------------------------

# /data/f1: 4 bytes in layer 1, 16 in layer 2; /data/f2: 4 in layer 1, removed (0) in layer 3.
# /data/gone is no leaf of layer 1 (dive), so its removal is counted once: not wasted; the
# opaque directory is not counted (dive ignores .wh..wh..opq).
t_eq "wasted space: the paths, bytes, counts and layers, largest first" \
	"$(printf 'wasted 24\nwaste 20 2 1,2 /data/f1\nwaste 4 2 1,3 /data/f2')" \
	"$(grep -e '^wasted ' -e '^waste ' "$work/tree.txt")"
size=$(sed -n 's/^size //p' "$work/tree.txt")
t_eq "the image's size is the sum of its layers" \
	"$(sed -n 's/^layer [0-9]* state=done size=\([0-9]*\) .*/\1/p' "$work/tree.txt" | awk '{s += $1} END {print s}')" "$size"
# the occurrences: every file once per layer that has it, plus the removed folder's 4 bytes;
# the smallest of each path: 20 and 4 less
t_eq "efficiency: dive's score" "$(awk -v s="$size" 'BEGIN {printf "%.6f", (s + 4 - 20) / (s + 4)}')" \
	"$(sed -n 's/^efficiency //p' "$work/tree.txt")"

# ---- the same image from files, in both layouts ------------------------------------------------

"$probe" tree --file "$work/layers.tar" >"$work/file.txt" 2>&1
t_eq "the saved archive read from a file: the same tree" \
	"$(grep -v '^stats' "$work/tree.txt")" "$(grep -v '^stats' "$work/file.txt")"
"$probe" oci "$work/layers.tar" "$work/oci.tar" >/dev/null
t_eq "the OCI layout has no manifest.json" "" "$(tar -tf "$work/oci.tar" | grep manifest.json)"
"$probe" tree --file "$work/oci.tar" >"$work/oci.txt" 2>&1
t_eq "in the OCI layout, gzip'd: the same layers, changes, tree and figures" \
	"$(grep -v -e '^stats' -e '^layer ' "$work/tree.txt")" "$(grep -v -e '^stats' -e '^layer ' "$work/oci.txt")"
t_eq "its layers were gzip'd blobs" "7" "$(grep -c '^layer [0-9]* state=done .*compression=gzip' "$work/oci.txt")"

# ---- the pager's content ---------------------------------------------------------------------------

t_eq "a file's content after the last layer" "$(printf 'size=16 len=16 cut=0 binary=0\none, now longer')" \
	"$("$probe" content l87/layers:1 last /data/f1)"
t_eq "the same file as layer 1 wrote it" "$(printf 'size=4 len=4 cut=0 binary=0\none')" \
	"$("$probe" content l87/layers:1 1 /data/f1)"
t_eq "a hard link reads its target" "$(printf 'size=5 len=5 cut=0 binary=0\nhard')" \
	"$("$probe" content l87/layers:1 last /data/h2)"
bbsize=$(stat -c %s "$RIG_BUSYBOX")
if ((bbsize > 1048576)); then want="size=$bbsize len=1048576 cut=1 binary=1"; else want="size=$bbsize len=$bbsize cut=0 binary=1"; fi
t_eq "a binary: at most its first MiB, said to be cut, and binary" "$want" \
	"$("$probe" content l87/layers:1 last /bin/busybox | head -1)"
t_eq "a folder has no content" "error: /data is a directory, not a file" \
	"$("$probe" content l87/layers:1 last /data)"
t_eq "a removed file cannot be read" "error: /data/f2 was removed in this layer: there is nothing to read" \
	"$("$probe" content l87/layers:1 3 /data/f2 --changes)"

# ---- extraction -------------------------------------------------------------------------------------

mkdir -p "$work/x" "$work/exp"
out=$("$probe" extract l87/layers:1 last /data "$work/x")
t_match "a folder after the last layer, extracted" "^extracted files=[0-9]+ dirs=3 links=2 bytes=65581 skipped=0 top=$work/x/data\$" "$out"
tar -C "$work/exp" -xf "$work/export.tar" data
listing() { (cd "$1" && find . -printf '%y %m %s %p %l\n' | grep -v '^d' | LC_ALL=C sort); }
t_eq "what it wrote is what tar extracts of docker export (modes, sizes, links)" \
	"$(listing "$work/exp/data")" "$(listing "$work/x/data")"
t_eq "the hard link is one" "$(stat -c %i "$work/x/data/h1")" "$(stat -c %i "$work/x/data/h2")"
t_eq "the folders' modes too" "$(cd "$work/exp/data" && find . -type d -printf '%m %p\n' | sort)" \
	"$(cd "$work/x/data" && find . -type d -printf '%m %p\n' | sort)"
t_eq "it never overwrites: the folder is there" "exists" "$("$probe" extract l87/layers:1 last /data "$work/x")"
mkdir -p "$work/x5"
"$probe" extract l87/layers:1 5 /data "$work/x5" --changes >/dev/null
t_eq "one layer's own changes of a folder" \
	"$(printf '%s\n' "e$(printf '\033')[1mx" h1 h2 suid sym u1000 'with space' 한글 | LC_ALL=C sort)" \
	"$(ls -A "$work/x5/data" | LC_ALL=C sort)"

# a layer writing through a symlink of a lower one (the engine follows it, inside the image);
# an absolute name. (A symlink that leads out of the image, and names with "..", the engine
# cannot save or load: tests/unit/check_layer_tree.c reads such archives from files.)
"$D" save bb:1.0 >"$work/bb.tar"
mkdir -p "$work/evil1" "$work/evil2/esc"
ln -s srv "$work/evil1/esc"
ln -s /tmp "$work/evil1/out"
echo abs >"$work/evil1/abs"
tar -C "$work/evil1" --owner=0 --group=0 --numeric-owner -P --transform 's,^abs,/abs,' -cf "$work/evil1.tar" esc out abs 2>/dev/null
echo through >"$work/evil2/esc/budu87-through"
tar -C "$work/evil2" --owner=0 --group=0 --numeric-owner --no-recursion -cf "$work/evil2.tar" esc/budu87-through
"$probe" addlayer "$work/bb.tar" "$work/evil-a.tar" "$work/evil1.tar" l87/evil:0 "/bin/sh -c evil 1" >/dev/null
"$D" load -i "$work/evil-a.tar" >/dev/null
"$D" save l87/evil:0 >"$work/evil0.tar"
"$probe" addlayer "$work/evil0.tar" "$work/evil-b.tar" "$work/evil2.tar" l87/evil:1 "/bin/sh -c evil 2" >/dev/null
"$D" load -i "$work/evil-b.tar" >/dev/null
"$D" save l87/evil:1 >"$work/evil-saved.tar"
t_match "the engine's archive keeps the absolute name" '^/abs$' \
	"$(for l in $(tar -tf "$work/evil-saved.tar" | grep layer.tar); do tar -xOf "$work/evil-saved.tar" "$l" | tar -t 2>/dev/null; done)"
mkdir -p "$work/ev"
out=$("$probe" extract l87/evil:1 last / "$work/ev")
t_match "extraction of the whole file system: one entry refused" '^extracted .* skipped=1 ' "$out"
t_match "nothing is written through a symlink" '^/esc/budu87-through: .*symlink' "$out"
t_ok "not where the symlink leads either" test ! -e "$work/ev/rootfs/srv/budu87-through"
t_ok "the absolute name landed inside the destination" test -f "$work/ev/rootfs/abs"
t_eq "and the symlinks are there as they were" "srv /tmp" \
	"$(readlink "$work/ev/rootfs/esc") $(readlink "$work/ev/rootfs/out")"

# ---- a large image: cancel, time and memory -------------------------------------------------------

files=${L87_FILES:-5000}
bytes=${L87_BYTES:-100000000}
"$probe" gen "$work/big.tar" "$files" "$bytes"
"$D" import --change 'CMD ["/bin/sh"]' "$work/big.tar" l87/big:1 >/dev/null
rm -f "$work/big.tar"
exports() { find "$RIG_DIR/data/tmp" -maxdepth 1 -name 'docker-export-*' 2>/dev/null | wc -l; }
out=$("$probe" cancel l87/big:1 1)
t_match "cancel mid-stream" '^cancelled bytes=[0-9]+ ' "$out"
got=$(sed -n 's/^cancelled bytes=\([0-9]*\) .*/\1/p' <<<"$out")
t_ok "it stopped before the end ($got of $bytes bytes)" test "${got:-0}" -lt "$bytes"
for _ in $(seq 50); do [[ $(exports) == 0 ]] && break; sleep 0.1; done
t_eq "the engine stopped its export (its temporary directory is gone)" "0" "$(exports)"
t_ok "the engine still answers" "$D" version

# The large image once: its tree whole and the memory it took. Its time against `docker save` is
# a benchmark's figure (bench/layers.sh, BENCH_ONLY=layers), not a test's: timed tests fail by load.
"$probe" tree l87/big:1 >"$work/big2.txt"
rss=$(sed -n 's/^stats .*maxrss_kb=\([0-9]*\).*/\1/p' "$work/big2.txt")
mem=$(sed -n 's/^stats .* nodes=\([0-9]*\) memory=\([0-9]*\) .*/\1 \2/p' "$work/big2.txt")
t_diag "large image: $files files, $bytes bytes: peak RSS ${rss} KiB, model $(awk -v m="$mem" 'BEGIN {split(m, a, " "); printf "%d bytes for %d paths (%.0f a path)", a[2], a[1], a[2] / a[1]}')"
t_eq "the large image's tree is whole" "$((files + 100 + 2))" "$(sed -n 's/^stats .* nodes=\([0-9]*\) .*/\1/p' "$work/big2.txt")"
t_ok "peak memory under 64 MiB ($rss KiB)" test "$rss" -lt 65536

# ---- leave the engine as it was ---------------------------------------------------------------------

"$D" image rm l87/files:1 l87/layers:1 l87/evil:0 l87/evil:1 l87/big:1 >/dev/null 2>&1
t_eq "the engine's images are as they were" "$state_before" "$(image_list)"
