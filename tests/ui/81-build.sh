# shellcheck shell=bash
# b in the Images panel: the build form takes docker build's words; the build log view follows
# the engine (steps marked >), ends with the image selected; a failing step is named and tags
# nothing; x cancels and the engine stops the build; the Jobs panel keeps the log (Enter).
source "$top_srcdir/tests/ui/lib-images.sh"

D=$RIG_DOCKER
ctx=$T_TMP/ctx
mkdir -p "$ctx"
printf 'FROM bb:1.0\nARG GREETING=none\nRUN echo "greeting=$GREETING"\nCOPY . /ctx\n' >"$ctx/Dockerfile"
printf 'FROM bb:1.0\nRUN echo to-stderr >&2; false\n' >"$ctx/Dockerfile.fail"
printf 'FROM bb:1.0\nRUN sleep 60\n' >"$ctx/Dockerfile.slow"
echo data >"$ctx/file.txt"
running_before=$("$D" ps -q | wc -l)
# a failed classic build keeps its step's container and the images before it: removed at the end
containers_before=$("$D" ps -aq --no-trunc | sort)
dangling_before=$("$D" images -q --no-trunc -f dangling=true | sort)

UI_COLS=160 UI_ROWS=30
ui_start
ui_wait_for 'images · ' 15 >/dev/null

ui_keys b
t_ok "b asks for docker build's words" ui_wait_for '^docker build \.'
ui_keys C-u
ui_type "-t built/app:1 --build-arg GREETING=hello $ctx"
ui_keys Enter
t_ok "the build log opens, steps marked" ui_wait_for '^> *Step 1/4 : FROM bb:1\.0' 30
t_ok "the step's output is there" ui_wait_for 'greeting=hello' 30
t_ok "the summary says what it built" ui_wait_for "built [0-9a-f]{12} built/app:1" 30
t_ok "and how much context went" ui_wait_for "$ctx: [0-9]+ files, [0-9.]+[kM]?B sent"
t_ok "the title shows the equivalent command" ui_wait_for "docker build -t built/app:1 --build-arg GREETING=hello"
t_ok "the engine has the tag" "$D" image inspect built/app:1
t_eq "the context landed in the image" "data" "$("$D" run --rm --network none built/app:1 cat /ctx/file.txt 2>&1)"
ui_keys Escape
t_ok "Esc closes the log: the Images panel, the new image selected" ui_wait_for '^built/app +1 '
ui_keys Enter
t_ok "(Enter opens the selected image: the built one)" ui_wait_for 'built/app:1'
ui_keys q

# A failing step: named, in red, nothing tagged.
ui_keys b C-u
ui_type "-t built/fail:1 -f $ctx/Dockerfile.fail $ctx"
ui_keys Enter
t_ok "a failing build names its step" ui_wait_for 'failed at step 2/2 : RUN echo to-stderr' 30
t_ok "and the engine's error" ui_wait_for "returned a non-zero code: 1"
t_ok "stderr is marked !" ui_wait_for '^! *to-stderr'
t_ok "no tag is left" bash -c "! '$D' image inspect built/fail:1 >/dev/null 2>&1"
ui_keys Escape

# x cancels: the engine stops the build, nothing tagged, no container left running.
ui_keys b C-u
ui_type "-t built/slow:1 -f $ctx/Dockerfile.slow $ctx"
ui_keys Enter
t_ok "a slow build runs its step" ui_wait_for 'Step 2/2 : RUN sleep 60' 30
ui_wait_for 'Running in [0-9a-f]{12}' 30 >/dev/null
ui_keys x
t_ok "x cancels it" ui_wait_for 'cancelled' 15
t_ok "the engine stopped it: no container left running" \
	bash -c "for i in \$(seq 50); do [[ \$('$D' ps -q | wc -l) -le $running_before ]] && exit 0; sleep 0.2; done; exit 1"
t_ok "and nothing is tagged" bash -c "! '$D' image inspect built/slow:1 >/dev/null 2>&1"
ui_keys Escape

# The Jobs panel keeps the three, and Enter opens a build's log.
ui_keys 3
t_ok "the Jobs panel lists the builds" ui_wait_for '^1 +build +built/app:1 .* done '
t_ok "the failed one with its step" ui_wait_for '^2 +build +built/fail:1 +failed .*Step 2'
t_ok "the cancelled one" ui_wait_for '^3 +build +built/slow:1 +cancelled'
ui_keys G Enter
t_ok "Enter opens the first build's log again" ui_wait_for 'greeting=hello'
ui_keys Escape
ui_wait_for '^JOB +KIND' >/dev/null
ui_stop
"$D" rmi built/app:1 >/dev/null 2>&1
comm -13 <(echo "$containers_before") <("$D" ps -aq --no-trunc | sort) | xargs -r "$D" rm -f >/dev/null 2>&1
comm -13 <(echo "$dangling_before") <("$D" images -q --no-trunc -f dangling=true | sort) |
	xargs -r "$D" rmi -f >/dev/null 2>&1
t_eq "the engine is left as it was (containers)" "$containers_before" "$("$D" ps -aq --no-trunc | sort)"
