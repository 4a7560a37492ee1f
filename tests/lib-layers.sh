# shellcheck shell=bash
# Images that share layers without ParentId links (docker load), for the tests of sizes: only
# the layer chains tell what they share (issue 14). Needs T_TMP and RIG_DOCKER.

# load_layers NAME CREATED TAG|- FILE:BYTES...: docker load an image whose layers each hold one
# file of BYTES zero bytes; the same arguments give the same layers and ID.
load_layers() {
	local dir=$T_TMP/lay-$1 created=$2 tag=$3 diffs='' hist='' layers='' spec f n i=0 diff cid tags=null
	shift 3
	rm -rf "$dir"
	mkdir -p "$dir/img"
	for spec; do
		f=${spec%%:*} n=${spec#*:} i=$((i + 1))
		mkdir -p "$dir/root$i" "$dir/img/l$i"
		head -c "$n" /dev/zero >"$dir/root$i/$f"
		tar --mtime=@0 --owner=0 --group=0 -C "$dir/root$i" -cf "$dir/img/l$i/layer.tar" "$f"
		diff=$(sha256sum "$dir/img/l$i/layer.tar" | cut -d' ' -f1)
		diffs+="${diffs:+,}\"sha256:$diff\""
		hist+="${hist:+,}{\"created\":\"$created\",\"created_by\":\"add $f\"}"
		layers+="${layers:+,}\"l$i/layer.tar\""
	done
	printf '{"architecture":"amd64","os":"linux","config":{"Cmd":["/x"]},"created":"%s","history":[%s],"rootfs":{"type":"layers","diff_ids":[%s]}}' \
		"$created" "$hist" "$diffs" >"$dir/cfg.json"
	cid=$(sha256sum "$dir/cfg.json" | cut -d' ' -f1)
	cp "$dir/cfg.json" "$dir/img/$cid.json"
	[[ $tag == - ]] || tags="[\"$tag\"]"
	printf '[{"Config":"%s.json","RepoTags":%s,"Layers":[%s]}]\n' "$cid" "$tags" "$layers" >"$dir/img/manifest.json"
	tar -C "$dir/img" -cf "$dir/i.tar" . && "$RIG_DOCKER" load -q -i "$dir/i.tar" >/dev/null && echo "sha256:$cid"
}
# layers_family BASE_TAG KID1_TAG KID2_TAG (- for none): a base image (one 40 KB layer) and two
# children made of its layer and one of their own (12 KB, 20 KB), dated 2000 (for until=).
# Prints their three IDs.
layers_family() {
	load_layers base 2000-02-01T00:00:00Z "$1" base.bin:40960
	load_layers kid1 2000-02-02T00:00:00Z "$2" base.bin:40960 kid1.bin:12288
	load_layers kid2 2000-02-03T00:00:00Z "$3" base.bin:40960 kid2.bin:20480
}
