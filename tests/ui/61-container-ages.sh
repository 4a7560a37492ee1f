# shellcheck shell=bash
# The Containers panel's STATUS follows the clock (issue 14), as CREATED does: "Up 3 seconds"
# grows with no event from the engine, as docker container ls would print it then.
source "$top_srcdir/tests/ui/lib.sh"
D=$RIG_DOCKER

"$D" rm -f c-clock >/dev/null 2>&1
"$D" run -d --network none --name c-clock bb:1.0 sleep 600 >/dev/null

UI_COLS=120 UI_ROWS=20
ui_start
ui_wait_for 'images · ' 15 >/dev/null
ui_keys 4
t_ok "the running container is listed" ui_wait_for 'Up [0-9]+ seconds +c-clock' 10
status() { ui_screen | grep -oE 'Up [0-9]+ seconds +c-clock' | grep -oE '[0-9]+'; }
first=$(status)
sleep 3
t_ok "its status counts on, with no event ($first s, then more)" test "$(status)" -gt "$first"
want=$("$D" container ls --filter name=c-clock --format '{{.Status}}')
t_match "and reads as docker container ls prints it now ($want)" \
	"(Up $(( ${want//[^0-9]/} - 1 )) seconds|$want|Up $(( ${want//[^0-9]/} + 1 )) seconds) +c-clock" "$(ui_screen)"
ui_stop
"$D" rm -f c-clock >/dev/null 2>&1
