# shellcheck shell=bash
# Jobs: pull (progress rows, by digest, cancel), tag, remove (untag vs delete, conflict and
# force), and the one-key cleanup whose preview equals what the engine removes.
source "$top_srcdir/tests/ui/lib-images.sh"
D=$RIG_DOCKER
R=$RIG_REGISTRY

# An image of three layers in the registry, absent locally.
ctx=$T_TMP/layers
mkdir -p "$ctx"
cat >"$ctx/Dockerfile" <<'DOCKERFILE'
FROM bb:1.0
RUN dd if=/dev/urandom of=/l1 bs=1024 count=3072 2>/dev/null
RUN dd if=/dev/urandom of=/l2 bs=1024 count=2048 2>/dev/null
RUN dd if=/dev/urandom of=/l3 bs=1024 count=1024 2>/dev/null
DOCKERFILE
DOCKER_BUILDKIT=0 "$D" build -q --network none -t "$R/jobs/layers:1" "$ctx" >/dev/null
"$D" push "$R/jobs/layers:1" >/dev/null
digest=$("$D" image inspect --format '{{index .RepoDigests 0}}' "$R/jobs/layers:1")
"$D" rmi "$R/jobs/layers:1" >/dev/null

# Filters the list to TEXT from wherever the list is (any filter before is replaced).
filter_to() {
	ui_keys Escape /
	ui_keys C-u
	ui_type "$1"
	ui_keys Enter
}

UI_COLS=150 UI_ROWS=40
ui_start
ui_wait_for 'images · ' 15 >/dev/null

# Pull, with the reference typed the way people paste it.
ui_keys p
t_ok "p opens the pull prompt" ui_wait_for '^Pull \(-a for all tags\):'
ui_keys C-u
ui_type "docker pull $R/jobs/layers:1"
ui_keys Enter
ui_keys J
t_ok "J shows the Jobs panel with the pull" ui_wait_for "^[0-9]+ +pull +$R/jobs/layers:1"
t_ok "the pull finishes" ui_wait_for "pull +$R/jobs/layers:1 +done" 30
t_match "per-layer rows: Pull complete" '^ [0-9a-f]{12}: Pull complete' "$(ui_screen)"
t_match "the digest and status of the pull" "Status: Downloaded newer image for $R/jobs/layers:1" "$(ui_screen)"
t_ok "the engine has the image" "$D" image inspect "$R/jobs/layers:1"
t_ok "then the registry's digest of the tag is checked: the same" \
	ui_wait_for "Verified: the registry announces this digest for 1" 15
t_match "... the digest the engine pulled is the one docker push left" "Digest: ${digest#*@}" "$(ui_screen)"


# Pull again by digest: nothing to download.
"$D" rmi "$R/jobs/layers:1" >/dev/null
ui_keys Escape p C-u
ui_type "$digest"
ui_keys Enter J
t_ok "pull by digest finishes" ui_wait_for "pull +${R//./\\.}/jobs/layers@sha2[^ ]* +done" 30
t_eq "the engine has the image by digest" "$digest" "$("$D" image inspect --format '{{index .RepoDigests 0}}' "$digest")"

# Invalid references are refused in the prompt, before the engine is called.
ui_keys Escape p C-u
ui_type "Bad/Upper:case"
ui_keys Enter
t_ok "an invalid reference gets a precise message in the prompt" ui_wait_for 'must be lowercase'
ui_keys C-u
ui_type "nginx:-bad"
ui_keys Enter
t_ok "an invalid tag is refused" ui_wait_for 'invalid'
ui_keys Escape

# Tag.
ui_keys Escape
filter_to demo/multi
ui_wait_for '^demo/multi ' 5 >/dev/null
# y and Y copy the selected image's ID and reference with OSC 52 (tmux keeps them as a buffer).
ui_keys y
t_ok "y says it copied the image ID" ui_wait_for 'Copied the image ID to the clipboard'
t_eq "y puts the full image ID on the clipboard" "$("$D" image inspect --format '{{.Id}}' demo/multi:1)" \
	"$(ui__tmux show-buffer 2>/dev/null)"
ui_keys Y
ui_wait_for 'Copied the reference' 5 >/dev/null
t_eq "Y puts repository:tag on the clipboard" "demo/multi:1" "$(ui__tmux show-buffer 2>/dev/null)"
ui_keys t C-u
ui_type "jobs/tagged:v2"
ui_keys Enter
filter_to jobs/tagged
t_ok "t tags the image; the new row appears" ui_wait_for '^jobs/tagged +v2 ' 10
t_eq "the engine has the new tag on the same image" "$("$D" image inspect --format '{{.Id}}' demo/multi:1)" \
	"$("$D" image inspect --format '{{.Id}}' jobs/tagged:v2)"

# Remove one tag of an image with several: only untags.
ui_keys d
t_ok "d asks first and shows the docker command" ui_wait_for 'docker image rm jobs/tagged:v2'
t_match "the confirmation says it only untags" '^ +untag +jobs/tagged:v2' "$(ui_screen)"
ui_keys y
t_ok "the row goes" ui_wait_gone '^jobs/tagged ' 10
t_ok "the image stays under its other tags" "$D" image inspect demo/multi:1

# An image used by a container: the confirmation names it, force removes it.
printf 'FROM bb:1.0\nLABEL jobs.inuse="1"\n' >"$ctx/Dockerfile"
DOCKER_BUILDKIT=0 "$D" build -q --network none -t jobs/inuse:1 "$ctx" >/dev/null
"$D" create --name jobs-user jobs/inuse:1 >/dev/null
filter_to jobs/inuse
ui_wait_for '^jobs/inuse +1 .* 1$' 10 >/dev/null
ui_keys d
t_ok "the confirmation names the container that uses the image" ui_wait_for 'used by container jobs-user'
t_match "and says it needs force" 'needs force' "$(ui_screen)"
ui_keys y
t_ok "without force the engine's conflict is reported" ui_wait_for 'conflict: unable to (remove|delete)' 10
t_ok "the image is still there" "$D" image inspect jobs/inuse:1
ui_keys d f
t_ok "f turns force on, in the command too" ui_wait_for 'docker image rm -f jobs/inuse:1'
ui_keys y
t_ok "with force the row goes" ui_wait_gone '^jobs/inuse ' 10
ui_keys Escape
ui_wait_gone 'rows match' 5 >/dev/null
# U: only unused images, then only images in use (the CONTAINERS column agrees).
ui_keys U
t_ok "U shows only unused images, said in the title" ui_wait_for 'sort: created +· unused only'
t_eq "unused only: no row has a container" "" "$(ui_rows | awk -F'\t' 'NF >= 6 && $6 != ""')"
t_match "unused only: demo/used is not listed" '^$' "$(ui_rows | grep '^demo/used' || true)"
ui_keys U
t_ok "U again: only images in use" ui_wait_for 'sort: created +· in use only'
t_match "in use only: demo/used is listed" $'^demo/used\t1\t' "$(ui_rows)"
t_eq "in use only: every row has a container" "" "$(ui_rows | awk -F'\t' 'NF < 6')"
ui_keys U
ui_wait_gone 'only' 5 >/dev/null
"$D" rm jobs-user >/dev/null

# Marks: Space marks two rows, d removes both after one confirmation.
"$D" tag bb:1.0 jobs/mark:a
"$D" tag bb:1.0 jobs/mark:b
filter_to jobs/mark
ui_wait_for '^jobs/mark +b ' 10 >/dev/null
ui_keys g Space Space
t_ok "Space marks rows" ui_wait_for '2 marked'
ui_keys d
t_ok "one confirmation lists both" ui_wait_for 'docker image rm jobs/mark:[ab] jobs/mark:[ab]'
ui_keys n
ui_keys d
ui_wait_for 'docker image rm' 5 >/dev/null
ui_keys y
t_ok "both rows go" ui_wait_gone '^jobs/mark ' 10
ui_keys Escape

# The one-key cleanup: the preview lists exactly what the engine then removes.
for i in 1 2; do
	printf 'FROM bb:1.0\nLABEL prune.gen="%s"\n' "$i" >"$ctx/Dockerfile"
	DOCKER_BUILDKIT=0 "$D" build -q --network none -t jobs/prune:1 "$ctx" >/dev/null
done
printf 'FROM bb:1.0\nLABEL prune.gen="3"\n' >"$ctx/Dockerfile"
DOCKER_BUILDKIT=0 "$D" build -q --network none -t jobs/prune:1 "$ctx" >/dev/null
want=$("$D" images -q --no-trunc -f dangling=true | cut -c8-19 | sort)
ui_keys P
t_ok "P shows the preview" ui_wait_for '^ +docker image prune$'
preview=$(ui_screen | grep -oE '^ +  [0-9a-f]{12} ' | tr -d ' ' | sort)
t_eq "the preview lists exactly the dangling images" "$want" "$preview"
ui_keys y
ui_keys J
t_ok "the prune job reports the reclaimed space" ui_wait_for 'Total reclaimed space: ' 20
t_eq "the engine removed exactly what the preview listed" "" "$("$D" images -q -f dangling=true)"
ui_keys Escape
ui_keys P
t_ok "a preview that would remove nothing says so" ui_wait_for 'Nothing to remove'
ui_keys Escape

# c clears the finished jobs: the empty panel says they were cleared, not "No jobs yet"
ui_keys J
ui_wait_for '^JOB +KIND' 5 >/dev/null
ui_keys c
t_ok "c: the finished jobs go, and the panel says so" ui_wait_for 'No jobs left: the finished ones were cleared' 10

ui_keys 1
ui_wait_for '^REPOSITORY' 5 >/dev/null
ui_stop
