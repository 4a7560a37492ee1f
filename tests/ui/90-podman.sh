# shellcheck shell=bash
# budu against Podman's Docker-compatible service (Debian's podman 4.3, rig_podman_start): the
# status line names Podman, the Images panel equals `podman images`, it follows another
# client's changes (Podman's events), inspect and history open, a pull completes counted in
# layers, removal by a localhost/ name works, and V asks no registry for a localhost/ name.
# Podman must start: if it cannot, that is a failure with the reason, never a skip.
source "$top_srcdir/tests/ui/lib-images.sh"

rig_podman_start 2>"$T_TMP/podman-start.err" >/dev/null
if [[ -z ${RIG_PODMAN_HOST:-} ]] || ! rig__ping "${RIG_PODMAN_SOCK:-/nonexistent}"; then
	t_fail "podman system service starts" "$(cat "$T_TMP/podman-start.err")" "${RIG_DIR:-}/podman/log:" \
		"$(tail -n 20 "${RIG_DIR:-}/podman/log" 2>/dev/null)"
	return 0 2>/dev/null || exit 0
fi
P=$RIG_PODMAN
R=$RIG_REGISTRY
"$P" image exists localhost/demo/alias:1 || "$P" tag localhost/demo/imported:1 localhost/demo/alias:1

# An image of two new layers on bb:1.0, in the registry only.
ctx=$T_TMP/ui
mkdir -p "$ctx"
printf 'FROM bb:1.0\nRUN echo ui-one >/ui-one\nRUN echo ui-two >/ui-two\n' >"$ctx/Dockerfile"
if ! { DOCKER_BUILDKIT=0 "$RIG_DOCKER" build -q --network none -t "$R/podman/ui:1" "$ctx" >/dev/null &&
	"$RIG_DOCKER" push "$R/podman/ui:1" >/dev/null; }; then
	t_fail "docker build and push $R/podman/ui:1"
fi
"$P" rmi -f "$R/podman/ui:1" >/dev/null 2>&1

# `podman images` as budu shows it: sizes without podman's space, docker.io names familiar.
podman_ls() {
	"$P" images --format "$1" | sed -E 's/ (kB|MB|GB|B)\b/\1/; s#^docker\.io/library/([^/	]+)	#\1	#; s#^docker\.io/##' | sort
}

filter_to() {
	ui_keys Escape /
	ui_keys C-u
	ui_type "$1"
	ui_keys Enter
}

UI_COLS=160 UI_ROWS=40
DOCKER_HOST=$RIG_PODMAN_HOST ui_start
t_ok "the list appears" ui_wait_for '^REPOSITORY +TAG +IMAGE ID +CREATED( ▼)? +SIZE' 20
ui_wait_for 'images · ' 10 >/dev/null
n_images=$("$P" images -q | sort -u | wc -l)
t_match "the status line names Podman and its version" \
	"unix://$RIG_PODMAN_SOCK · Podman $("$P" version --format '{{.Server.Version}}' | sed 's/\./\\./g') \\(API 1\\.[0-9]+\\) · $n_images images" \
	"$(ui_screen | tail -n1)"
t_match "the title bar names Podman" '^ budu @ default · Podman  Images' "$(ui_screen | head -n1)"
t_eq "rows equal podman images (repository, tag, ID, size)" \
	"$(podman_ls '{{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.Size}}')" "$(ui_rows | cells 1,2,3,5)"
for attempt in 1 2 3; do
	ui_keys C-l
	sleep 0.3
	want=$(podman_ls '{{.Repository}}\t{{.Tag}}\t{{.CreatedSince}}' | sed 's/[0-9]* seconds ago/SECONDS/')
	got=$(ui_rows | cells 1,2,4 | sed 's/[0-9]* seconds ago/SECONDS/')
	[[ $want == "$got" ]] && break
done
t_eq "ages read as podman prints them" "$want" "$got"
t_match "a localhost/ name is a row of its own" $'^localhost/demo/imported\t1\t' "$(ui_rows)"

# Another client's tag and removal show up through Podman's event stream.
"$P" tag localhost/demo/imported:1 localhost/demo/evt:1
t_ok "a tag by podman shows up" ui_wait_for '^localhost/demo/evt +1 ' 10
"$P" rmi localhost/demo/evt:1 >/dev/null
t_ok "its removal by podman shows too" ui_wait_gone '^localhost/demo/evt ' 10

# Inspect and history of a localhost/ image.
filter_to 'demo/imported'
ui_wait_for '1 of [0-9]+ rows match' >/dev/null
ui_keys Enter
t_ok "Enter opens the details: inspect" ui_wait_for '^ +Id: "sha256:[0-9a-f]{64}"' 10
ui_keys h
t_ok "h: the history" ui_wait_for '^IMAGE +CREATED +CREATED BY +SIZE' 10
t_match "the history row of podman import" 'budu rig: podman import' "$(ui_screen)"
ui_keys Escape

# V asks no registry for a localhost/ name.
ui_keys V
t_ok "V on a localhost/ image: no registry to ask" ui_wait_for "no registry to ask" 10
ui_keys u
t_ok "u on a localhost/ image asks for a tag first" ui_wait_for "not a registry: t tags it for one first" 10

# A pull, counted in layers.
ui_keys p
ui_wait_for '^Pull \(-a for all tags\):' >/dev/null
ui_keys C-u
ui_type "$R/podman/ui:1"
ui_keys Enter J
t_ok "J shows the Jobs panel with the pull" ui_wait_for "^[0-9]+ +pull +${R//./\\.}/podman/ui:1"
t_ok "the pull finishes" ui_wait_for "pull +${R//./\\.}/podman/ui:1 +done" 30
t_match "its progress is counted in layers" "pull +${R//./\\.}/podman/ui:1 +done .*3 of 3 layers" "$(ui_screen)"
t_match "per-layer rows: Download complete" '^ [0-9a-f]{12}: Download complete' "$(ui_screen)"
t_match "the base layer: Already exists" '^ [0-9a-f]{12}: Already exists' "$(ui_screen)"
t_match "the image's ID, last, as no layer" '^ Image ID: [0-9a-f]{12} *$' "$(ui_screen)"
t_ok "podman has the image" "$P" image exists "$R/podman/ui:1"
ui_keys 1
filter_to 'podman/ui'
t_ok "the pulled image is in the list" ui_wait_for "^${R//./\\.}/podman/ui +1 " 10

# Removal by a localhost/ name.
filter_to 'demo/alias'
ui_wait_for '1 of [0-9]+ rows match' >/dev/null
ui_keys d
t_ok "d shows the docker image rm command" ui_wait_for 'docker image rm localhost/demo/alias:1' 10
ui_keys y
ui_keys Escape
t_ok "the row goes" ui_wait_gone '^localhost/demo/alias ' 15
t_ok "podman no longer has localhost/demo/alias:1" bash -c "! '$P' image exists localhost/demo/alias:1"
t_ok "the image stays under its other name" "$P" image exists localhost/demo/imported:1
sleep 0.5
t_eq "rows still equal podman images" \
	"$(podman_ls '{{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.Size}}')" "$(ui_rows | cells 1,2,3,5)"

ui_stop
"$P" tag localhost/demo/imported:1 localhost/demo/alias:1 >/dev/null 2>&1

# Podman's image events edit the list one image at a time, as docker's do: a tag, an import, the
# removal of one name of an image that keeps another, and of a whole image, each read with one
# /images/{id}/json, never the whole list again (counted by a fault proxy in front of Podman).
if ! rig_faultproxy_start "$RIG_PODMAN_SOCK" fault-podman; then
	t_fail "a fault proxy in front of podman starts"
else
	DOCKER_HOST=unix://$RIG_FAULT_SOCK ui_start
	ui_wait_for 'images · ' 20 >/dev/null
	# Podman's /version takes it a second (it asks conmon, runc and dpkg for theirs): the
	# Server header of /_ping names Podman and its version.
	t_match "the status line names Podman from /_ping" " · Podman $("$P" version --format '{{.Server.Version}}' | sed 's/\./\\./g') " \
		"$(ui_screen | tail -n1)"
	t_eq "no /version was asked" 0 "$(rig_fault_count /version)"
	from=$(($(wc -l <"$RIG_FAULT_LOG") + 1))
	"$P" tag localhost/demo/imported:1 localhost/demo/evt2:1
	t_ok "podman's tag shows" ui_wait_for '^localhost/demo/evt2 +1 ' 10
	"$P" rmi localhost/demo/evt2:1 >/dev/null
	t_ok "the removal of one of its names shows" ui_wait_gone '^localhost/demo/evt2 ' 10
	mkdir -p "$T_TMP/whole"
	echo whole >"$T_TMP/whole/f"
	tar -C "$T_TMP/whole" -cf - f | "$P" import - localhost/demo/whole:1 >/dev/null
	t_ok "podman's import shows" ui_wait_for '^localhost/demo/whole +1 ' 10
	"$P" tag localhost/demo/whole:1 localhost/demo/whole:2
	ui_wait_for '^localhost/demo/whole +2 ' 10 >/dev/null
	"$P" rmi localhost/demo/whole:1 >/dev/null
	t_ok "so does the removal of one name that leaves the other" ui_wait_gone '^localhost/demo/whole +1 ' 10
	t_match "the other name stays" '^localhost/demo/whole +2 ' "$(ui_screen)"
	"$P" rmi localhost/demo/whole:2 >/dev/null
	t_ok "the removal of the whole image shows" ui_wait_gone '^localhost/demo/whole ' 10
	sleep 0.5
	t_eq "rows equal podman images after the events" \
		"$(podman_ls '{{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.Size}}')" "$(ui_rows | cells 1,2,3,5)"
	t_eq "no whole list was read for them" 0 "$(rig_fault_count /images/json "$from")"
	# (every /images/ path but /images/json is one image's: /images/{id}/json)
	t_match "each was read alone" '[1-9]' "$(rig_fault_count /images/ "$from")"
	ui_stop
	rig_faultproxy_stop
fi
