# shellcheck shell=bash
# The Hosts panel (H, 7): docker's contexts (made with /usr/bin/docker context create) and
# Podman's socket, each checked (answers, engine and version, images); Enter moves every panel
# to Podman while a build still runs on the first engine, which it finishes there; the title
# bar names the engine in use; n creates a context that docker then lists. Podman's connections
# (podman system connection add, in a containers.conf of the test's: CONTAINERS_CONF) are rows
# too, and Enter moves there.
source "$top_srcdir/tests/ui/lib-images.sh"
D=$RIG_DOCKER

if ! rig_podman_start 2>"$T_TMP/podman.err"; then
	t_fail "the rig's podman service starts" "$(cat "$T_TMP/podman.err")"
	return 0 2>/dev/null || exit 0
fi
P=$RIG_PODMAN

cfg=$T_TMP/hosts-cfg
mkdir -p "$cfg"
echo '{}' >"$cfg/config.json"
dc() { DOCKER_CONFIG=$cfg "$D" context "$@"; }
dc_quiet() { dc "$@" >/dev/null; }
t_ok "docker context create: the rig's socket" dc_quiet create sock --description "rig socket" \
	--docker "host=unix://$RIG_SOCK"
t_ok "docker context create: podman" dc_quiet create pod --docker "host=$RIG_PODMAN_HOST"
t_ok "docker context create: an engine that is not there" dc_quiet create gone \
	--docker "host=unix://$T_TMP/nothing.sock"

pconf=$T_TMP/containers.conf
: >"$pconf"
pc_add() { CONTAINERS_CONF=$pconf /usr/bin/podman system connection add "$@" >/dev/null 2>&1; }
t_ok "podman system connection add: the rig's podman socket" pc_add podconn "unix://$RIG_PODMAN_SOCK"

containers_before=$("$D" ps -aq --no-trunc | sort)
ctx=$T_TMP/hosts-build
mkdir -p "$ctx"
printf 'FROM bb:1.0\nRUN sleep 30\n' >"$ctx/Dockerfile"

UI_ENV=(DOCKER_CONFIG="$cfg" CONTAINERS_CONF="$pconf")
UI_COLS=160 UI_ROWS=30
ui_start
t_ok "the title bar names the engine: the default context" ui_wait_for '^ budu @ default  Images' 15
ui_wait_for 'images · ' 15 >/dev/null

# a build on the first engine, still running when budu moves to the next
ui_keys b C-u
ui_type "-t hosts/slow:1 $ctx"
ui_keys Enter
t_ok "a build runs on the first engine" ui_wait_for 'Step 2/2 : RUN sleep 30' 30
ui_keys Escape

ui_keys H
t_ok "H opens the Hosts panel" ui_wait_for '^  NAME +STATE +ENGINE +IMAGES +SIZE +DOCKER ENDPOINT +DESCRIPTION' 10
t_match "the right of the title bar: the docker command" 'docker context ls *$' "$(ui_screen | head -n 1)"
ver=$("$D" version -f '{{.Server.Version}}' | sed 's/[.+]/\\&/g')
n_docker=$("$D" image ls -q --no-trunc | sort -u | wc -l)
n_podman=$("$P" images -q --no-trunc | sort -u | wc -l)
t_ok "default: the engine in use (▶), docker's current (*), checked" \
	ui_wait_for "^▶ default \\* +ok, [0-9]+ ms +Docker $ver +$n_docker +[0-9.]+[kMG]?B +unix://$RIG_SOCK +Current DOCKER_HOST" 20
t_ok "sock: the same engine, its description" \
	ui_wait_for "^  sock +ok, [0-9]+ ms +Docker $ver +$n_docker +[0-9.]+[kMG]?B +unix://$RIG_SOCK +rig socket" 20
t_ok "pod: Podman, with its images" ui_wait_for "^  pod +ok, [0-9]+ ms +Podman [0-9.]+ +$n_podman +[0-9.]+[kMG]?B +unix://$RIG_PODMAN_SOCK" 20
pod_df=$(DOCKER_HOST=unix://$RIG_PODMAN_SOCK "$D" system df --format '{{.Type}} {{.Size}}' | awk '$1 == "Images" {print $2}')
t_match "pod: SIZE is what docker system df prints for that engine (shared layers once)" \
	"^ +pod .* $n_podman +${pod_df//./\\.} +unix://" "$(ui_screen | grep '^  pod ')"
t_ok "gone: no answer" ui_wait_for "^  gone +no answer +unix://$T_TMP/nothing.sock" 20
gone_row=$(ui_screen | grep -n '^  gone ' | cut -d: -f1)
cur_row=$(ui_screen | grep -n '^▶ default' | cut -d: -f1)
for ((i = cur_row; i < gone_row; i++)); do ui_keys Down; done
t_ok "selected, it says why" ui_wait_for "Cannot connect .*nothing\\.sock" 5
for ((i = cur_row; i < gone_row; i++)); do ui_keys Up; done
t_match "the status line counts them" '[0-9]+ engines · [0-9]+ answer' "$(ui_screen | tail -n 1)"

# Enter on pod: every panel on Podman, the build still on the first engine
pod_row=$(ui_screen | grep -n '^  pod ' | cut -d: -f1)
cur_row=$(ui_screen | grep -n '^▶ default' | cut -d: -f1)
for ((i = cur_row; i < pod_row; i++)); do ui_keys Down; done
ui_keys Enter
t_ok "Enter switches: the Images panel, the title names pod and Podman" ui_wait_for '^ budu @ pod · Podman  Images' 20
t_ok "the status line names Podman's socket" ui_wait_for "unix://$RIG_PODMAN_SOCK" 10
want=$("$P" images --format '{{.Repository}}:{{.Tag}}' | sort)
got_rows() { ui_screen | sed '1,2d;$d' | awk '$1 != "" && $2 != "" {print $1 ":" $2}' | grep -v '^REPOSITORY' | sort; }
until_rows() {
	local n=100
	while ((n-- > 0)); do
		[[ $(got_rows) == "$want" ]] && return 0
		sleep 0.1
	done
	return 1
}
t_ok "the Images panel lists Podman's images" until_rows
t_eq "... exactly podman images" "$want" "$(got_rows)"
ui_keys J
t_ok "the build is listed with the engine it runs on" ui_wait_for 'build +hosts/slow:1 @ default' 10
t_ok "and finishes there" ui_wait_for 'build +hosts/slow:1 @ default +done' 60
t_ok "the image is on the first engine" "$D" image inspect hosts/slow:1
t_ok "not on Podman" bash -c "! '$P' image exists docker.io/hosts/slow:1 && ! '$P' image exists localhost/hosts/slow:1"

# back to default, through the panel again
ui_keys H
t_ok "the Hosts panel marks pod as the engine in use" ui_wait_for '^▶ pod ' 10
dk_df=$("$D" system df --format '{{.Type}} {{.Size}}' | awk '$1 == "Images" {print $2}')
t_ok "default, not in use now: SIZE is what docker system df prints (shared layers once), not a sum" \
	ui_wait_for "^  default \\* +ok, [0-9]+ ms +Docker $ver +[0-9]+ +${dk_df//./\\.} +unix://" 20
def_row=$(ui_screen | grep -n '^  default' | cut -d: -f1)
pod_row=$(ui_screen | grep -n '^▶ pod' | cut -d: -f1)
for ((i = def_row; i < pod_row; i++)); do ui_keys Up; done
ui_keys Enter
t_ok "and back on default" ui_wait_for '^ budu @ default  Images' 20
t_ok "the first engine's new image is listed" ui_wait_for '^hosts/slow +1 ' 20

# n: a context as docker context create makes it
ui_keys H
ui_wait_for '^  NAME' 10 >/dev/null
ui_keys n
t_ok "n asks for the name" ui_wait_for "New context's name:" 5
ui_type "made-here"
ui_keys Enter
t_ok "then the endpoint" ui_wait_for 'Docker endpoint of made-here' 5
ui_type "unix://$RIG_SOCK"
ui_keys Enter
ui_wait_for 'Description' 5 >/dev/null
ui_type "by budu"
ui_keys Enter
t_ok "it is listed and checked" ui_wait_for "made-here +ok, [0-9]+ ms +Docker $ver .* unix://$RIG_SOCK +by budu" 20
t_match "docker context ls lists it" "^made-here +by budu +unix://$RIG_SOCK" "$(dc ls 2>/dev/null)"
ui_keys n
ui_type "made-here"
ui_keys Enter
ui_type "unix:///x.sock"
ui_keys Enter
ui_keys Enter
t_ok "a name taken: docker's words, nothing replaced" ui_wait_for 'context "made-here" already exists' 5
ui_keys Escape
t_match "... the first one is as it was" "unix://$RIG_SOCK" "$(dc inspect made-here -f '{{.Endpoints.docker.Host}}')"

# Enter on Podman's connection moves there (R lists again: the cursor on the engine in use)
ui_keys R
t_ok "podconn: Podman's connection, checked, its default (active_service)" ui_wait_for \
	"^  podconn +ok, [0-9]+ ms +Podman [0-9.]+ +$n_podman +[0-9.]+[kMG]?B +unix://$RIG_PODMAN_SOCK +Podman connection \\(its default\\)" 20
cur_row=$(ui_screen | grep -n '^▶ default' | cut -d: -f1)
pc_row=$(ui_screen | grep -n '^  podconn ' | cut -d: -f1)
for ((i = cur_row; i < pc_row; i++)); do ui_keys Down; done
ui_keys Enter
t_ok "Enter on podconn: the title names Podman's socket and Podman" \
	ui_wait_for "^ budu @ unix://${RIG_PODMAN_SOCK//./\\.} · Podman  Images" 20
t_ok "... and its images" until_rows
ui_keys H
t_ok "the Hosts panel marks podconn as the engine in use" ui_wait_for '^▶ podconn ' 10

ui_stop
"$D" rmi hosts/slow:1 >/dev/null 2>&1
t_eq "the engine is left as it was (containers)" "$containers_before" "$("$D" ps -aq --no-trunc | sort)"
