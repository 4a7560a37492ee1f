# shellcheck shell=bash
# Ages follow the clock (issue 14): a new image's CREATED counts up and turns into "About a minute
# ago" with no key pressed, whole in its column at 80x24; budu does not wake while every age on
# screen is in years; a running job's ELAPSED counts on.
source "$top_srcdir/tests/ui/lib-images.sh"

# A fresh image of its own (its bytes unique, so no other image shares its ID and date).
mkdir -p fresh && date +%s%N >fresh/stamp
tar -C fresh -c . | "$RIG_DOCKER" import - age/fresh:1 >/dev/null

# An old one: docker load keeps the config's date.
arch=$("$RIG_DOCKER" version -f '{{.Server.Arch}}')
mkdir -p old/root && echo old >old/root/old.txt
tar -C old/root -cf old/layer.tar .
diff=$(sha256sum old/layer.tar | cut -d' ' -f1)
printf '{"architecture":"%s","os":"linux","created":"2019-03-04T05:06:07Z","config":{},"rootfs":{"type":"layers","diff_ids":["sha256:%s"]},"history":[{"created":"2019-03-04T05:06:07Z","created_by":"budu test"}]}' \
	"$arch" "$diff" >old/config.json
cfg=$(sha256sum old/config.json | cut -d' ' -f1)
mv old/config.json "old/$cfg.json"
printf '[{"Config":"%s.json","RepoTags":["age/old:1"],"Layers":["layer.tar"]}]' "$cfg" >old/manifest.json
tar -C old -cf old.tar manifest.json "$cfg.json" layer.tar
"$RIG_DOCKER" load -q -i old.tar >/dev/null

UI_COLS=80 UI_ROWS=24
ui_start
ui_wait_for 'images · ' 15 >/dev/null
ui_keys /
ui_type 'age/fresh'
ui_keys Enter
t_ok "the new image shows its age in seconds" \
	ui_wait_for '^age/fresh +1 +[0-9a-f]{12} +(Less than a second|1 second|[0-9]+ seconds) ago' 10
first=$(ui_screen | grep -oE '^age/fresh .* ago' | grep -oE '(Less than a second|[0-9]+ seconds?) ago')
# No key from here on: only the clock changes the screen.
t_ok "the age changes with no key pressed (was: $first)" ui_wait_gone "^age/fresh .* $first" 5
t_ok "it counts seconds" ui_wait_for '^age/fresh .* [0-9]+ seconds ago' 5
t_ok "a minute on, it reads About a minute ago" ui_wait_for '^age/fresh .* About a minute ago' 75
row=$(ui_screen | grep -E '^age/fresh ')
t_match "CREATED is whole, SIZE after it (80 columns)" 'About a minute ago +[0-9.]+[kMG]?B' "$row"
t_eq "as docker says" "About a minute ago" \
	"$("$RIG_DOCKER" image ls --format '{{.CreatedSince}}' age/fresh:1)"
t_ok "no line is wider than the terminal" test "$(ui_screen | LC_ALL=C.UTF-8 wc -L)" -le 80

# Only a seven-year-old image on screen: nothing changes for an hour, so budu sleeps.
ui_keys Escape /
ui_type 'age/old'
ui_keys Enter
t_ok "the old image shows in years" ui_wait_for '^age/old +1 +[0-9a-f]{12} +[0-9]+ years ago' 10
ui_wait_gone '^age/fresh' 5 >/dev/null
pid=$(ui_pid)
# Fields after the command: state is 1, utime 12, stime 13.
ticks() { local s; s=$(cat "/proc/$pid/task/$pid/stat") && s=${s##*) } && set -- $s && echo $((${12} + ${13})); }
wakes() { awk '/^voluntary_ctxt_switches/ { print $2 }' "/proc/$pid/task/$pid/status"; }
sleep 1
t0=$(ticks) w0=$(wakes)
sleep 5
t1=$(ticks) w1=$(wakes)
t_eq "idle for 5 s: no CPU time on the UI thread" 0 $((t1 - t0))
t_ok "idle for 5 s: at most 2 wake-ups of the UI thread (had $((w1 - w0)))" test $((w1 - w0)) -le 2

# A job's ELAPSED counts on while its step prints nothing.
mkdir -p sleepy && printf 'FROM bb:1.0\nRUN sleep 9\n' >sleepy/Dockerfile
ui_keys Escape b C-u
ui_type "-t age/sleepy:1 $PWD/sleepy"
ui_keys Enter
ui_wait_for 'Step 2/2 : RUN sleep 9' 30 >/dev/null
ui_keys Escape 3
t_ok "the Jobs panel shows the build running" ui_wait_for '^[0-9]+ +build +age/sleepy:1 +running +0:0[0-4]' 10
t_ok "its ELAPSED counts with no key pressed" ui_wait_for '^[0-9]+ +build +age/sleepy:1 +running +0:0[6-9]' 10
ui_wait_for 'age/sleepy:1 +done' 30 >/dev/null
ui_stop
"$RIG_DOCKER" image rm -f age/fresh:1 age/old:1 age/sleepy:1 >/dev/null 2>&1
