# shellcheck shell=bash
# The Registries panel against a registry with token auth (issue 10: the Bearer flow with
# credentials; rig_token_registry_start: Debian's docker-registry with `auth: token:` and the
# rig's token server). Login with a wrong password says the token server's words and saves
# nothing; the right one is checked through the token flow and saved as docker saves it there
# (the refresh token as "identitytoken"); budu pulls and pushes a private image with it, and
# Search lists its tags, and says the account lacks access where the token server refuses it (403);
# /usr/bin/docker pushes and pulls with budu's saved login. The password
# appears neither on screen nor in the process list.
source "$top_srcdir/tests/ui/lib-images.sh"

D=$RIG_DOCKER
if ! rig_token_registry_start 2>"$T_TMP/treg.err"; then
	t_fail "rig_token_registry_start" "$(cat "$T_TMP/treg.err")"
	return 0
fi
T=$RIG_TOKEN_REGISTRY
U=$RIG_TOKEN_USER
P=$RIG_TOKEN_PASSWORD
S=$RIG_TOKEN_SERVER
# tags of a repository on $T, read with a token of the account (none: empty)
tags_of() {
	local tok
	tok=$(curl -sS --noproxy '*' -u "$U:$P" "http://$S/token?service=budu-rig-registry&scope=repository:$1:pull" | jq -r .token)
	curl -sS --noproxy '*' -H "Authorization: Bearer $tok" "http://$T/v2/$1/tags/list" | jq -r '.tags[]?' 2>/dev/null
}

# budu's config dir: a login elsewhere already, so neither budu nor docker picks a helper
cfg=$T_TMP/cfg
mkdir -p "$cfg"
printf '{"auths":{"old.example:5000":{"auth":"b2xkOnB3"}}}\n' >"$cfg/config.json"
chmod 600 "$cfg/config.json"

UI_ENV=(DOCKER_CONFIG="$cfg")
UI_COLS=160 UI_ROWS=30
ui_start
ui_wait_for 'images · ' 15 >/dev/null
ui_keys 6
ui_wait_for '^REGISTRY +USER +STORED IN +CHECK' >/dev/null

# login_form PASSWORD: l, the server, the user, the password
login_form() {
	ui_keys l C-u
	ui_type "$T"
	ui_keys Enter
	ui_wait_for "^User name for $T:" >/dev/null
	ui_type "$U"
	ui_keys Enter
	ui_wait_for '^Password or token' >/dev/null
	ui_type "$1"
	ui_keys Enter
}
login_form "wrong-$P"
t_ok "a wrong password: the token server's words" ui_wait_for 'unauthorized: incorrect username or password' 15
t_ok "and nothing saved" bash -c "! grep -q '$T' '$cfg/config.json'"
login_form "$P"
t_ok "the right one logs in through the token flow" ui_wait_for "Logged in to $T as $U" 15
t_match "saved as docker saves it there: the refresh token as identitytoken" '^[0-9a-f]{64}$' \
	"$(jq -r --arg t "$T" '.auths[$t].identitytoken' "$cfg/config.json")"
t_eq "beside the user name, no password" "$(printf '%s:' "$U" | base64 -w0)" \
	"$(jq -r --arg t "$T" '.auths[$t].auth' "$cfg/config.json")"
t_ok "the row shows the user" ui_wait_for "$T +$U +config.json"

# Push with budu: u, y; the registry holds the tag after. demo/app:1 has several layers (bb's,
# a COPY and a RUN): each gets its row in the Jobs panel.
"$D" tag demo/app:1 "$T/tok/bb:1" >/dev/null
mapfile -t layers < <("$D" image inspect -f '{{range .RootFS.Layers}}{{println .}}{{end}}' demo/app:1 |
	sed -n 's/^sha256:\([0-9a-f]\{12\}\).*/\1/p')
ui_keys 1 / C-u
ui_type tok/bb
ui_keys Enter
ui_wait_for "^$T/tok/bb +1 " >/dev/null
ui_keys u
t_ok "u asks first, naming the token registry" ui_wait_for "docker image push $T/tok/bb:1"
ui_keys y
t_ok "budu pushes the private image with the saved login" ui_wait_for "Pushed $T/tok/bb:1: sha256:[0-9a-f]{64}" 60
t_eq "the registry holds the tag" 1 "$(tags_of tok/bb)"
t_ok "the image has several layers (${#layers[@]})" test "${#layers[@]}" -ge 2
pushed=$(ui_screen | grep -oE "Pushed ${T//./\\.}/tok/bb:1: sha256:[0-9a-f]{64}" | grep -oE 'sha256:[0-9a-f]{64}')
ui_keys 3
for l in "${layers[@]}"; do
	t_ok "the Jobs panel shows layer $l: its row" ui_wait_for "^ *$l: (Pushed|Mounted from|Layer already exists)" 10
done
ui_keys y
t_ok "y in the Jobs panel copies the pushed digest" ui_wait_for 'Copied the digest' 5
t_eq "... the digest the push ended with, which the registry serves for the tag" "$pushed" \
	"$(ui__tmux show-buffer 2>/dev/null)"
t_eq "... (the registry's Docker-Content-Digest)" "$pushed" "$(
	tok=$(curl -sS --noproxy '*' -u "$U:$P" "http://$S/token?service=budu-rig-registry&scope=repository:tok/bb:pull" | jq -r .token)
	curl -sS --noproxy '*' -I -H "Authorization: Bearer $tok" \
		-H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
		"http://$T/v2/tok/bb/manifests/1" | tr -d '\r' | sed -n 's/^[Dd]ocker-[Cc]ontent-[Dd]igest: //p')"
ui_keys 1 Escape
"$D" rmi "$T/tok/bb:1" >/dev/null 2>&1

# Pull with budu, then with docker and budu's saved login.
ui_keys p C-u
ui_type "$T/tok/bb:1"
ui_keys Enter
t_ok "budu pulls it with the saved login" \
	bash -c "for i in \$(seq 100); do '$D' image inspect '$T/tok/bb:1' >/dev/null 2>&1 && exit 0; sleep 0.2; done; exit 1"
"$D" rmi "$T/tok/bb:1" >/dev/null 2>&1
t_ok "docker pulls it with budu's saved login" bash -c "DOCKER_CONFIG='$cfg' '$D' pull '$T/tok/bb:1' >/dev/null 2>&1"
"$D" rmi "$T/tok/bb:1" >/dev/null 2>&1
t_ok "an anonymous docker pull is denied" bash -c "! DOCKER_CONFIG='$T_TMP/none' '$D' pull '$T/tok/bb:1' >/dev/null 2>&1"

# Search browses the private repository's tags.
DOCKER_CONFIG=$cfg "$D" tag bb:1.0 "$T/tok/bb:two" >/dev/null
DOCKER_CONFIG=$cfg "$D" push "$T/tok/bb:two" >/dev/null 2>&1
"$D" rmi "$T/tok/bb:two" >/dev/null 2>&1
ui_keys 2
ui_wait_for '^ budu @ [^ ]+  Search' >/dev/null
ui_keys Escape	# the query prompt of a first visit
ui_keys r
ui_type "$T/tok/bb"
ui_keys Enter
t_ok "Search lists the private repository's tags with the saved login" ui_wait_for '^ *two *$' 15
t_ok "... both of them" ui_wait_for '^ *1 *$' 5
t_ok "through the refresh-token grant" grep -q '^POST /token refresh_token user=budu scope=repository:tok/bb:pull 200' "$RIG_TOKEN_LOG"

# A repository the account may not read: the token server knows the account but refuses it the
# scope (403). Search says the account lacks access, in the server's words, and offers no login.
ui_keys r C-u
ui_type "$T/forbidden/bb"
ui_keys Enter
t_ok "a 403 says the account lacks access" ui_wait_for "the account logged in to ${T//./\\.} lacks access to it" 15
t_ok "... with the token server's words" ui_wait_for 'access to the requested resource is not authorized' 5
t_ok "... after a 403 from it" grep -q '^POST /token refresh_token user=budu scope=repository:forbidden/bb:pull 403' "$RIG_TOKEN_LOG"
screen_403=$(ui_screen)
t_ok "and no login is offered (another account might help, a login again would not)" \
	bash -c '! grep -q "wants a login" <<<"$1"' _ "$screen_403"
# The same through the engine: its pull says "denied: " and the token server's words, and budu
# adds that the account logged in lacks access (without a login, the login is offered instead).
ui_keys 1
ui_wait_for '^REPOSITORY +TAG' >/dev/null
ui_keys p C-u
ui_type "$T/forbidden/bb:1"
ui_keys Enter
t_ok "a pull the registry denies to this account says it lacks access" \
	ui_wait_for "The registry refused the pull \\(the account logged in to ${T//./\\.} lacks access" 30
ui_keys 3
t_ok "... and the Jobs panel keeps the engine's words" ui_wait_for 'denied: access to the requested' 10

screen_all=$(ui_screen)
t_ok "the password is not on screen" bash -c '! grep -qF -- "$1" <<<"$2"' _ "$P" "$screen_all"
t_ok "nor in the process list" bash -c '! ps -eo args | grep -v grep | grep -qF -- "$1"' _ "$P"
t_ok "nor in the file budu wrote" bash -c '! grep -qF -- "$1" "$2"' _ "$P" "$cfg/config.json"
ui_stop
true
