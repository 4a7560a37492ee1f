# shellcheck shell=bash
# The first screen while the image list streams in (issue 16): the fault proxy holds the body of
# /images/json back after its first images; budu shows their rows, says the list is still
# loading, waits with a sort it cannot do yet, then completes the list without moving what the
# first screen showed (its column widths hold, a wider row further down is cut), and equals
# `docker image ls` once laid out again.
source "$top_srcdir/tests/ui/lib-images.sh"

if ! t_ok "the fault proxy starts" rig_faultproxy_start; then
	t_bail "no fault proxy"
	exit 1
fi

# 40 images one minute apart (2024), older than the rig's own, and an image older still whose
# repository is wider than any other: it comes last in the engine's newest-first body.
gen=$RIG_DIR/gen-images
long=stream/a-repository-name-wider-than-every-other-one
if ! t_ok "images made (bench/gen-images, docker load)" eval '
	"${CC:-cc}" -O2 -std=c11 -o "$gen" "$top_srcdir/bench/gen-images.c" -lcrypto &&
	"$gen" -n 40 -e 0 -p stream/img "$RIG_DIR/stream.tar" && "$RIG_DOCKER" load -q -i "$RIG_DIR/stream.tar" >/dev/null &&
	"$RIG_DOCKER" tag stream/img-00001:1 "$long:1"'; then
	t_bail "no images"
	exit 1
fi

# Hold the body at its 20th image: 19 whole ones came, more than the 14 a 14-row screen needs.
body=$(curl -sS --unix-socket "$RIG_SOCK" http://localhost/images/json)
at=$(grep -ob '"Id":' <<<"$body" | sed -n 20p | cut -d: -f1)
t_ok "the body holds more than 20 images" test -n "$at"
rig_fault_rules "/images/json hold $at"

# budu replays the engine's events from a second before its /_ping (so that none falls between
# list and stream), and the engine's Date header it reads that from has whole seconds: the tag
# above, if less than 2 s older than the /_ping, would patch the list and lay it out again
sleep 2.5
UI_ENV=(DOCKER_HOST=unix://$RIG_FAULT_SOCK)
UI_COLS=110 UI_ROWS=14
ui_start
t_ok "the status line says the list is still loading" ui_wait_for 'images so far, loading the rest…' 15
t_ok "... under the first rows" ui_wait_for '^REPOSITORY +TAG +IMAGE ID +CREATED( ▼)? +SIZE' 1
t_ok "... the engine's answer is still held back" eval \
	'grep -q "^hold " "$RIG_FAULT_LOG" && ! grep -q "^release " "$RIG_FAULT_LOG"'
shown=$(ui_rows | wc -l)
t_eq "... the rows are docker image ls's first $shown" \
	"$("$RIG_DOCKER" image ls --format '{{.Repository}}\t{{.Tag}}\t{{.ID}}' | head -n "$shown" | sort)" \
	"$(ui_rows | cells 1,2,3)"
# the ages of the rig's images move with the clock: compare the layout, not them
layout() { ui_screen | sed -n '2,13p' | sed -E 's/(About an?|[0-9]+) (second|minute|hour)s? ago +/AGE /'; }
first=$(layout)

ui_keys o
t_ok "a sort while loading: it says it waits for the whole list" \
	ui_wait_for '^  The list is still loading: this order shows once it is whole' 5
ui_keys '<'
t_ok "... < back to newest first: the rows again" ui_wait_for '^REPOSITORY .*CREATED ▼' 5
t_eq "... the same rows" "$first" "$(layout)"

rig_fault_rules
n_images=$("$RIG_DOCKER" image ls -q | sort -u | wc -l)
t_ok "the body ends: the whole list" ui_wait_for " $n_images images · " 15
t_eq "... the first screen did not move (same columns, same rows)" "$first" "$(layout)"
ui_keys End
t_ok "... the wider row further down is cut to the column the first screen fixed" \
	ui_wait_for "^stream/a-repo[^ ]*… +1 " 5

ui_resize 200 80
t_ok "laid out again (another size): the wider row whole" ui_wait_for "^${long//./\\.} +1 " 5
t_eq "... rows equal docker image ls (repository, tag, ID, size)" \
	"$(docker_ls '{{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.Size}}')" "$(ui_rows | cells 1,2,3,5)"
ui_stop

"$RIG_DOCKER" image ls --format '{{.Repository}}:{{.Tag}}' | grep '^stream/' | xargs -r "$RIG_DOCKER" rmi >/dev/null
rm -f "$RIG_DIR/stream.tar"
