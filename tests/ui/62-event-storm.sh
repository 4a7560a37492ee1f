# shellcheck shell=bash
# Event storms (issue 16): tags, untags, removals, an import, a pull and container changes in a
# row while budu watches. Each event edits the lists from the one image or container it names
# (GET /images/{id}/json, GET /containers/json?filters={"id":[...]}), so the engine reads no
# full list for it; the rows on screen then equal `docker image ls` and `docker container ls -a`.
# The engine's debug log (switched on here by SIGHUP) names every request budu makes.
source "$top_srcdir/tests/ui/lib-images.sh"

D=$RIG_DOCKER
R=$RIG_REGISTRY
N=12
LOG=$RIG_DIR/dockerd.log
dockerd_pid=$(tr -dc 0-9 <"$RIG_DIR/dockerd.pid")

cleanup() {
	"$D" rm -f storm-c1 storm-c2 storm-c3 >/dev/null 2>&1
	for i in $(seq 1 "$N"); do "$D" rmi "storm/t:$i" >/dev/null 2>&1; done
	"$D" rmi storm/imported:1 storm/imported:2 "$R/storm/pulled:1" >/dev/null 2>&1
	echo '{}' >"$RIG_DIR/daemon.json"
	kill -HUP "$dockerd_pid" 2>/dev/null
}
cleanup

# An image only the registry has, for the pull: an import of one small file, pushed, removed.
mkdir -p "$RIG_DIR/storm-root"
echo storm >"$RIG_DIR/storm-root/file"
tar -C "$RIG_DIR/storm-root" -c . | "$D" import - "$R/storm/pulled:1" >/dev/null
"$D" push "$R/storm/pulled:1" >/dev/null 2>&1 || t_bail "cannot push $R/storm/pulled:1"
"$D" rmi "$R/storm/pulled:1" >/dev/null

# Every request in the engine's log from now on.
echo '{"debug": true}' >"$RIG_DIR/daemon.json"
kill -HUP "$dockerd_pid"
sleep 0.5
requests() { tail -c +"$1" "$LOG" | grep -oE 'Calling [A-Z]+ /v[0-9.]+/[^ "]*' | sed 's/^Calling //'; }

docker_ps() { "$D" container ls -a --format '{{.ID}}\t{{.Image}}\t{{.Names}}\t{{.Status}}' |
	awk -F'\t' '{ split($4, s, " "); print $1 "\t" $2 "\t" $3 "\t" s[1] }' | sort; }
screen_ps() { ui_rows | awk -F'\t' '{ split($(NF - 1), s, " "); print $1 "\t" $2 "\t" $NF "\t" s[1] }' | sort; }

UI_COLS=200 UI_ROWS=60
ui_start
ui_wait_for 'images · ' 15 >/dev/null
sleep 1	# the Containers list and the event stream start after the first screen
from=$(($(stat -c %s "$LOG") + 1))

for i in $(seq 1 "$N"); do "$D" tag bb:1.0 "storm/t:$i"; done
"$D" tag demo/app:1 storm/t:3	# a tag moves to another image
tar -C "$RIG_DIR/storm-root" -c . | "$D" import --change 'LABEL storm=1' - storm/imported:1 >/dev/null
"$D" tag storm/imported:1 storm/imported:2
"$D" pull "$R/storm/pulled:1" >/dev/null
"$D" create --network none --name storm-c1 bb:1.0 true >/dev/null
"$D" run -d --network none --name storm-c2 bb:1.0 sleep 600 >/dev/null
"$D" run --network none --name storm-c3 bb:1.0 true >/dev/null
for i in $(seq 1 2 "$N"); do "$D" rmi "storm/t:$i" >/dev/null; done
"$D" rmi storm/imported:1 >/dev/null	# an untag
"$D" rm -f storm-c1 >/dev/null
"$D" rename storm-c3 storm-c1

t_ok "the last tag shows" ui_wait_for "^storm/t +$N " 10
t_ok "the removed tags go" ui_wait_gone "^storm/t +1 " 10
sleep 1
# (before docker's own reads below)
all=$(requests "$from")
t_eq "rows equal docker image ls after the storm" \
	"$(docker_ls '{{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.Size}}')" "$(ui_rows | cells 1,2,3,5)"
t_match "the status line counts them" " $("$D" image ls -q | sort -u | wc -l) images · " "$(ui_screen | tail -n1)"

from=$(($(stat -c %s "$LOG") + 1))
ui_keys 4
t_ok "the Containers panel" ui_wait_for '^CONTAINER ID +IMAGE'
"$D" rm -f storm-c2 >/dev/null
"$D" run --network none --name storm-c3 bb:1.0 true >/dev/null
t_ok "a container made meanwhile shows" ui_wait_for ' storm-c3 *$' 10
t_ok "a container removed meanwhile goes" ui_wait_gone ' storm-c2 *$' 10
sleep 1
all2=$(requests "$from")
# (docker's own requests from here on are not counted.) A container's die event comes before
# the engine's list says it exited: budu reads it again a moment later.
want=$(docker_ps)
for _ in $(seq 50); do [[ $want == "$(screen_ps)" ]] && break; sleep 0.1; done
t_eq "rows equal docker container ls -a" "$want" "$(screen_ps)"

all+=$'\n'$all2
full=$(grep -cE '^GET /v[0-9.]+/images/json(\?all=1)?$' <<<"$all")
t_diag "GET requests during the storm: $(grep -E '^GET' <<<"$all" | grep -vcE '/_ping|/events') ($full full image lists)"
t_ok "no full image list is read for the storm ($full)" test "$full" -eq 0
t_ok "no full container list either" test "$(grep -cE '^GET /v[0-9.]+/containers/json\?all=1$' <<<"$all")" -eq 0
t_match "a tag is read alone" '^GET /v[0-9.]+/images/sha256(:|%3A)[0-9a-f]{64}/json$' "$all"
t_match "a container's row is read alone" '^GET /v[0-9.]+/containers/json\?all=1&filters=' "$all"

ui_stop
cleanup
