# shellcheck shell=bash
# The Images panel shows what `docker image ls` prints: the same rows, the same cells,
# with -a, --digests and --no-trunc toggled by a, D and T.
source "$top_srcdir/tests/ui/lib-images.sh"

UI_COLS=220 UI_ROWS=60
ui_start
t_ok "the list appears" ui_wait_for '^REPOSITORY +TAG +IMAGE ID +CREATED( ▼)? +SIZE'
ui_wait_for 'images · ' 10 >/dev/null

t_eq "rows equal docker image ls (repository, tag, ID, size)" \
	"$(docker_ls '{{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.Size}}')" "$(ui_rows | cells 1,2,3,5)"
# Ages move with the clock: redraw, then read docker at once; retry across a minute boundary.
for attempt in 1 2 3; do
	ui_keys C-l
	sleep 0.3
	want=$(docker_ls '{{.Repository}}\t{{.Tag}}\t{{.CreatedSince}}' | sed 's/[0-9]* seconds ago/SECONDS/')
	got=$(ui_rows | cells 1,2,4 | sed 's/[0-9]* seconds ago/SECONDS/')
	[[ $want == "$got" ]] && break
done
t_eq "ages read as docker prints them" "$want" "$got"
t_match "the dangling image shows as <none> <none>" $'^<none>\t<none>\t[0-9a-f]{12}\t' "$(ui_rows)"
t_match "the title shows the sort and the equivalent command" 'sort: created .*docker image ls *$' \
	"$(ui_screen | head -n1)"
n_images=$("$RIG_DOCKER" image ls -q | sort -u | wc -l)
t_match "the status line shows the address, the engine, the image count and the help key" \
	"unix://$RIG_SOCK · Docker [0-9.]+.* \\(API 1\\.[0-9]+\\) · $n_images images · [0-9.]+[kMG]?B .*\\? help" \
	"$(ui_screen | tail -n1)"

ui_keys a
t_ok "a: intermediate images appear" ui_wait_for 'docker image ls -a *$'
sleep 0.5
t_eq "a: rows equal docker image ls -a" \
	"$(docker_ls '{{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.Size}}' -a)" "$(ui_rows | cells 1,2,3,5)"
ui_keys a
ui_wait_for 'docker image ls *$' >/dev/null

ui_keys D
t_ok "D: the DIGEST column appears" ui_wait_for '^REPOSITORY +TAG +DIGEST +IMAGE ID'
t_eq "D: rows equal docker image ls --digests" \
	"$(docker_ls '{{.Repository}}\t{{.Tag}}\t{{.Digest}}\t{{.ID}}' --digests)" "$(ui_rows | cells 1,2,3,4)"
ui_keys D
ui_wait_gone 'DIGEST' >/dev/null

ui_keys T
t_ok "T: full image IDs" ui_wait_for 'docker image ls --no-trunc *$'
t_eq "T: rows equal docker image ls --no-trunc" \
	"$(docker_ls '{{.Repository}}\t{{.Tag}}\t{{.ID}}' --no-trunc)" "$(ui_rows | cells 1,2,3)"
ui_keys T

ui_stop
