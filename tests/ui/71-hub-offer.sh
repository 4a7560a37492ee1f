# shellcheck shell=bash
# Pushing to Docker Hub without a user-name prefix (issue 10): u on an image named like an
# official one (bb:1.0 is docker.io/library/bb) says the naming rule and offers a tag first, in
# a prompt filled with <user>/<name>:<tag>, the user taken from the Hub login in config.json;
# Enter tags the image so (docker tag), then the confirmation shows the push command for the
# new name and registry; n there pushes nothing. (The push to Docker Hub itself cannot happen
# offline.) Without a Hub login the prompt says <user>, which must be replaced.
source "$top_srcdir/tests/ui/lib-images.sh"

D=$RIG_DOCKER
cfg=$T_TMP/cfg
mkdir -p "$cfg"
printf '{"auths":{"https://index.docker.io/v1/":{"auth":"%s"}}}\n' "$(printf 'alice:not-a-real-pw' | base64 -w0)" \
	>"$cfg/config.json"
chmod 600 "$cfg/config.json"
bb_id=$("$D" image inspect -f '{{.Id}}' bb:1.0)

# select_row REGEX: the cursor (from the top) onto the row matching REGEX.
select_row() {
	ui_keys g
	for _ in $(seq 15); do
		ui_screen_esc | grep -E $'\e\\[([0-9]*;)*46m' | sed 's/\x1b\[[0-9;]*m//g' | grep -qE "$1" && return 0
		ui_keys j
		sleep 0.1
	done
	return 1
}

UI_ENV=(DOCKER_CONFIG="$cfg")
UI_COLS=140 UI_ROWS=30
ui_start
ui_wait_for 'images · ' 15 >/dev/null
ui_keys / C-u
ui_type 'bb'
ui_keys Enter
ui_wait_for '^bb +1\.0 ' >/dev/null
t_ok "the cursor on bb:1.0" select_row '^bb +1\.0 '
ui_keys u
t_ok "u on a name without a user: the naming rule and the offer to tag" \
	ui_wait_for '^Docker Hub: only official images have no user part\. Tag, to push, as: alice/bb:1\.0'
t_ok "no push confirmation yet" ui_wait_gone 'docker image push' 2
ui_keys Enter
t_ok "Enter: then the confirmation, with the push command for the new name" \
	ui_wait_for 'docker image push alice/bb:1\.0' 10
t_ok "and Docker Hub as the registry" ui_wait_for 'to docker\.io, with the login saved for it'
t_ok "the image was tagged so (docker tag)" bash -c \
	"for i in \$(seq 50); do [[ \$('$D' image inspect -f '{{.Id}}' alice/bb:1.0 2>/dev/null) == '$bb_id' ]] && exit 0; sleep 0.2; done; exit 1"
ui_keys n
t_ok "n: no push" ui_wait_gone 'docker image push' 5
ui_keys 3
t_ok "the Jobs panel has the tag job" ui_wait_for 'Tagged [0-9a-f]{12} as (docker\.io/)?alice/bb:1\.0' 10
t_ok "and no push job" ui_wait_gone 'alice/bb:1\.0 .*(push|Push)' 2
t_match "(no push row at all)" '^$' "$(ui_screen | grep -iE '^ *push ' || true)"
ui_keys 1
"$D" rmi alice/bb:1.0 >/dev/null 2>&1

# Without a Hub login: <user> to replace; a name still without a user is refused in place.
printf '{"auths":{"old.example:5000":{"auth":"b2xkOnB3"}}}\n' >"$cfg/config.json"
ui_wait_for '^bb +1\.0 ' >/dev/null
select_row '^bb +1\.0 ' >/dev/null
ui_keys u
t_ok "without a Hub login the prompt says <user>" ui_wait_for 'Tag, to push, as: <user>/bb:1\.0'
ui_keys C-u
ui_type 'bb:2'
ui_keys Enter
t_ok "a name still without a user is refused, the prompt kept" ui_wait_for 'Docker Hub wants <your user>/<name>:<tag>' 5
ui_keys C-u
ui_type 'bob/bb:2'
ui_keys Enter
t_ok "a user's name: the confirmation" ui_wait_for 'docker image push bob/bb:2' 10
ui_keys n
t_ok "the tag is there" bash -c \
	"for i in \$(seq 50); do '$D' image inspect bob/bb:2 >/dev/null 2>&1 && exit 0; sleep 0.2; done; exit 1"
"$D" rmi bob/bb:2 >/dev/null 2>&1

# An image with a user part, or on another registry: the confirmation straight away.
"$D" tag bb:1.0 carol/bb:3 >/dev/null
ui_keys / C-u
ui_type 'carol'
ui_keys Enter
ui_wait_for '^carol/bb +3 ' >/dev/null
ui_keys u
t_ok "carol/bb:3: no offer, the push confirmation at once" ui_wait_for 'docker image push carol/bb:3' 5
ui_keys n
"$D" rmi carol/bb:3 >/dev/null 2>&1
ui_stop
true
